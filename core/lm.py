"""Language models (C9, C10): character-level RNN, LSTM and GRU models that predict the next character.

Shown on the page "Language model".

A language model gives every sequence a probability through the chain rule. Character by
character, with ``<bos>`` before the first one and an ``<eos>`` factor that says where it ends:

    P(x_1 … x_T) = Π_{t=1}^{T+1} P(x_t | <bos>, x_1 … x_{t-1}),      x_{T+1} = <eos>

    x_t = E[id_t]                        embedding of the previous character      (E,)
    h_t = cell(x_t, h_{t-1})             RNN, LSTM or GRU (one layer)             (H,)
    P(· | prefix) = softmax(W h_t + b)   a distribution over the vocabulary       (|V|,)

The log-probability is the sum of the log factors; its negative is exactly the summed
cross-entropy ``torch.nn.functional.cross_entropy(logits, targets, reduction="sum")`` the model
was trained with. The perplexity exp(−log P / (T+1)) is the model's average "number of choices"
per step. ``score_text`` computes every factor by hand with the step-by-step traces of
``core.rnn``/``core.lstm``/``core.gru`` and checks the sum against PyTorch.

**Sampling.** Generation draws one token at a time from the model's distribution reshaped by a
temperature τ (softmax(z/τ): τ → 0 is the argmax, τ = 1 the model itself, τ > 1 flatter) and
top-k (only the k likeliest tokens keep probability), from a seeded ``torch.Generator``; it ends
at ``<eos>`` or a length cap. ``sample`` records the distribution each token was drawn from.

**Characters against words.** A word model needs far fewer steps, but every word outside its
vocabulary becomes one ``<unk>``: it can neither give that word a probability of its own nor ever
write it. A character model spells everything, but a sentence is many more factors long.

The shipped models (``core/data/checkpoints/char_lm_*.pt``) are rebuilt with
``python -m core.checkpoints char_lm``; they are loaded in float64, eval mode, with frozen
parameters. ``train_char_lm`` trains a small model on a visitor's own text, live.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

from core.gru import trace_gru
from core.lm_data import LANGS, corpus
from core.lstm import trace_lstm
from core.rnn import softmax, trace_rnn
from core.text import BOS, EOS, PAD, SPECIALS, UNK, TokenizerSpec, Vocab, tokenize
from core.train import Budget, Progress, TrainResult, load_checkpoint, save_checkpoint, train

__all__ = [
    "CELLS",
    "LIVE_MAX_CHARS",
    "LIVE_MAX_SECONDS",
    "LIVE_MAX_STEPS",
    "LIVE_MIN_CHARS",
    "LanguageModel",
    "SampleTrace",
    "TextScore",
    "TrainingText",
    "adjust_distribution",
    "build_checkpoint",
    "build_model",
    "checkpoint_name",
    "cross_entropy_per_token",
    "load_model",
    "prepare_training_text",
    "sample",
    "score_text",
    "train_char_lm",
    "unigram_cross_entropy",
]

CHECKPOINT_DIR = Path(__file__).resolve().parent / "data" / "checkpoints"
CELLS: dict[str, type[nn.RNNBase]] = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}
Level = Literal["char", "word"]
SPECS: dict[str, TokenizerSpec] = {"char": TokenizerSpec("char"), "word": TokenizerSpec("word")}

# The shipped models and how they are trained (``build_checkpoint``).
CHAR_SIZE = dict(E=16, H=64)
WORD_SIZE = dict(E=16, H=64)
SHIPPED_TRAINING = dict(steps=250, batch_size=32, lr=1e-2, seed=1, unk_rate=0.01)
WORD_MIN_COUNT = 2  # a word seen once in training is <unk> for the word model

MAX_SCORE_TOKENS = 64  # tokens scored along the learner's text (as on every step-through page)
MAX_SAMPLE_TOKENS = 120  # hard cap on a generated sequence
NEVER_SAMPLED = (PAD, UNK, BOS)  # sampling can end (<eos>) but never writes these

# Live training on the visitor's own text: caps stated in the UI.
LIVE_MIN_CHARS = 10
LIVE_MAX_CHARS = 5_000
LIVE_MAX_STEPS = 600
LIVE_MAX_SECONDS = 20.0
LIVE_SIZE = dict(E=16, H=48)
LIVE_WINDOW = 64  # longer lines are cut into windows of this many characters
LIVE_BATCH = 16

# --- the model -----------------------------------------------------------------------------------
class LanguageModel(nn.Module):
    """Embedding → one-layer RNN/LSTM/GRU → Linear(H, |V|): next-token logits at every step.

    ``level`` says what a token is ("char" or "word"); ``vocab`` maps tokens to ids with
    ``<pad>``, ``<unk>``, ``<bos>``, ``<eos>`` first.
    """

    def __init__(self, itos: Sequence[str], cell: str = "lstm", E: int = 16, H: int = 64,
                 level: Level = "char") -> None:
        super().__init__()
        if cell not in CELLS:
            raise ValueError(f"cell must be one of {sorted(CELLS)}; got {cell!r}")
        self.itos = tuple(itos)
        self.vocab = Vocab(self.itos, (0,) * len(self.itos))
        self.cell, self.level, self.E, self.H = cell, level, E, H
        self.embedding = nn.Embedding(len(self.itos), E, padding_idx=PAD)
        self.rnn = CELLS[cell](E, H, batch_first=True)
        self.head = nn.Linear(H, len(self.itos))

    @property
    def dtype(self) -> torch.dtype:
        return self.head.weight.dtype

    def forward(self, ids: torch.Tensor, state: Any = None) -> torch.Tensor:
        """Next-token logits after every input token. (N, T) → (N, T, |V|)"""
        out, _ = self.rnn(self.embedding(ids), state)
        return self.head(out)

    def step(self, token_id: int, state: Any) -> tuple[torch.Tensor, Any]:
        """One step: logits (|V|,) after reading ``token_id``, and the new state."""
        x = self.embedding(torch.tensor([[token_id]]))  # (1, 1, E)
        out, state = self.rnn(x, state)
        return self.head(out[0, -1]), state

    def tokens(self, text: str) -> list[str]:
        return tokenize(text, SPECS[self.level])

    def encode(self, tokens: Sequence[str]) -> np.ndarray:
        return self.vocab.encode(tokens)

    def meta(self) -> dict[str, Any]:
        return {"itos": list(self.itos), "cell": self.cell, "E": self.E, "H": self.H,
                "level": self.level}


def build_model(meta: dict[str, Any]) -> LanguageModel:
    return LanguageModel(meta["itos"], meta["cell"], int(meta["E"]), int(meta["H"]), meta["level"])


def checkpoint_name(lang: str, cell: str, level: Level = "char") -> str:
    """File name of a shipped model: char_lm_<lang>_<cell>.pt, or char_lm_<lang>_word.pt."""
    return f"char_lm_{lang}_{cell if level == 'char' else 'word'}.pt"


@cache
def load_model(lang: str, cell: str = "lstm", level: Level = "char",
               directory: Path = CHECKPOINT_DIR) -> LanguageModel:
    """A shipped model in float64, eval mode, frozen: shared read-only by every visitor."""
    state, meta = load_checkpoint(directory / checkpoint_name(lang, cell, level))
    model = build_model(meta)
    model.load_state_dict(state)
    model = model.double().eval()
    for p in model.parameters():
        p.requires_grad_(False)
    return model


# --- data → batches ------------------------------------------------------------------------------
def _char_vocab(texts: Sequence[str]) -> Vocab:
    return Vocab.build(tokenize(s, SPECS["char"]) for s in texts)


def _word_vocab(texts: Sequence[str], min_count: int = WORD_MIN_COUNT) -> Vocab:
    counter = Counter(tok for s in texts for tok in tokenize(s, SPECS["word"]))
    ranked = sorted(((w, n) for w, n in counter.items() if n >= min_count and w not in SPECIALS),
                    key=lambda kv: (-kv[1], kv[0]))
    return Vocab(SPECIALS + tuple(w for w, _ in ranked), (0,) * len(SPECIALS) + tuple(n for _, n in ranked))


def _pad_rows(rows: Sequence[np.ndarray]) -> tuple[torch.Tensor, torch.Tensor]:
    """Inputs [<bos>, x_1 … x_T] and targets [x_1 … x_T, <eos>], <pad>-filled. (S, L+1) each."""
    width = max(len(r) for r in rows) + 1
    inputs = torch.full((len(rows), width), PAD, dtype=torch.int64)
    targets = torch.full((len(rows), width), PAD, dtype=torch.int64)
    for i, r in enumerate(rows):
        ids = torch.from_numpy(np.asarray(r, dtype=np.int64))
        inputs[i, 0] = BOS
        inputs[i, 1 : len(r) + 1] = ids
        targets[i, : len(r)] = ids
        targets[i, len(r)] = EOS
    return inputs, targets


def _encode_all(model: LanguageModel, texts: Sequence[str]) -> list[np.ndarray]:
    return [model.encode(model.tokens(s)) for s in texts]


def _sampler(inputs: torch.Tensor, targets: torch.Tensor, batch_size: int, unk_rate: float
             ) -> Callable[[torch.Generator], tuple[torch.Tensor, torch.Tensor]]:
    """Random batches drawn with the run's generator; a few real tokens become <unk> so the
    model learns to expect unseen ones."""
    lengths = (targets != PAD).sum(1)

    def draw(g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        idx = torch.randint(len(inputs), (batch_size,), generator=g)
        width = int(lengths[idx].max())
        x, y = inputs[idx, :width].clone(), targets[idx, :width].clone()
        if unk_rate > 0:
            hit = (torch.rand(x.shape, generator=g) < unk_rate) & (x > EOS)
            x[hit] = UNK
            # the target that is the same character (one step earlier) becomes <unk> too
            y[:, :-1][hit[:, 1:]] = UNK
        return x, y

    return draw


def _loss(model: LanguageModel, batch: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
    x, y = batch
    logits = model(x)  # (N, T, V)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), y.reshape(-1), ignore_index=PAD)


def cross_entropy_per_token(model: LanguageModel, texts: Sequence[str]) -> tuple[float, int, int]:
    """Summed cross-entropy (nats) of ``texts`` with their <eos>, the number of predicted tokens,
    and the number of characters plus one <eos> per text (to compare char and word models)."""
    inputs, targets = _pad_rows(_encode_all(model, texts))
    with torch.no_grad():
        logits = model(inputs)
        total = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), targets.reshape(-1),
                                ignore_index=PAD, reduction="sum")
    chars = sum(len(tokenize(s, SPECS["char"])) + 1 for s in texts)
    return float(total), int((targets != PAD).sum()), chars


def unigram_cross_entropy(train_texts: Sequence[str], held_out: Sequence[str]) -> float:
    """Per-character cross-entropy (nats) of an add-one unigram model of the training characters
    (and <eos>), on ``held_out``: the baseline a model with no memory reaches."""
    counts = Counter(tok for s in train_texts for tok in tokenize(s, SPECS["char"]))
    counts["<eos>"] = len(train_texts)
    n, v = sum(counts.values()), len(counts) + 1  # +1: room for an unseen character
    total, steps = 0.0, 0
    for s in held_out:
        for tok in [*tokenize(s, SPECS["char"]), "<eos>"]:
            total -= math.log((counts.get(tok, 0) + 1) / (n + v))
            steps += 1
    return total / steps


# --- probabilities along a text ------------------------------------------------------------------
@dataclass(frozen=True)
class TextScore:
    """Every factor of P(text): row t of ``probs`` is P(· | <bos>, x_1 … x_t), t = 0 … T."""

    tokens: tuple[str, ...]  # (T,) the text's tokens
    ids: np.ndarray  # (T,)
    targets: np.ndarray  # (T+1,) ids then <eos>
    probs: np.ndarray  # (T+1, |V|)
    itos: tuple[str, ...]
    dropped: int  # tokens past the cap
    torch_diff: float  # |our −log P − torch's summed cross-entropy| and the softmax rows

    @property
    def steps(self) -> int:
        return len(self.targets)

    @property
    def factors(self) -> np.ndarray:
        """P(x_t | prefix) for every t, the last one P(<eos> | text). # (T+1,)"""
        return self.probs[np.arange(self.steps), self.targets]

    @property
    def log_prob(self) -> float:
        with np.errstate(divide="ignore"):
            return float(np.log(self.factors).sum())

    @property
    def perplexity(self) -> float:
        return math.exp(-self.log_prob / self.steps)

    @property
    def unknown(self) -> np.ndarray:
        return self.ids == UNK

    def top(self, t: int, k: int = 8) -> list[tuple[str, float]]:
        """The ``k`` likeliest next tokens at step t (0-based), best first, ties by id."""
        order = np.lexsort((np.arange(self.probs.shape[1]), -self.probs[t]))[:k]
        return [(self.itos[i], float(self.probs[t, i])) for i in order]


def hidden_states(model: LanguageModel, ids: np.ndarray) -> np.ndarray:
    """h_t at every step, by hand with the traces of core.rnn / core.lstm / core.gru. (T, H)"""
    with torch.no_grad():
        x = model.embedding(torch.from_numpy(ids))  # (T, E)
    if model.cell == "lstm":
        return trace_lstm(model.rnn, x).output
    if model.cell == "gru":
        return trace_gru(model.rnn, x).output
    return trace_rnn(model.rnn, x).output


def score_text(model: LanguageModel, text: str, max_tokens: int = MAX_SCORE_TOKENS) -> TextScore:
    """All next-token distributions along ``text`` (capped at ``max_tokens`` tokens), computed by
    hand, and the distance of the result from PyTorch's own forward pass and cross-entropy."""
    tokens = model.tokens(text)
    dropped = max(0, len(tokens) - max_tokens)
    tokens = tokens[:max_tokens]
    ids = model.encode(tokens)
    inputs = np.concatenate([[BOS], ids]).astype(np.int64)  # (T+1,)
    targets = np.concatenate([ids, [EOS]]).astype(np.int64)  # (T+1,)
    h = hidden_states(model, inputs)  # (T+1, H)
    W, b = (p.detach().numpy() for p in (model.head.weight, model.head.bias))
    probs = softmax(h @ W.T + b)  # (T+1, V)
    with torch.no_grad():
        logits = model(torch.from_numpy(inputs)[None])[0]  # (T+1, V)
        ce = float(F.cross_entropy(logits, torch.from_numpy(targets), reduction="sum"))
        ref = torch.softmax(logits, -1).numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        ours = -float(np.log(probs[np.arange(len(targets)), targets]).sum())
        diff = max(abs(ours - ce), float(np.abs(probs - ref).max()))
    if not math.isfinite(diff):
        diff = math.inf
    return TextScore(tuple(tokens), ids, targets, probs, model.itos, dropped, diff)


# --- sampling ------------------------------------------------------------------------------------
def adjust_distribution(logits: np.ndarray, temperature: float, top_k: int | None) -> np.ndarray:
    """softmax(z/τ) over the top-k logits (the rest get 0); ``<pad>``, ``<unk>`` and ``<bos>`` are
    never drawn. τ ≤ 0 (the limit τ → 0) puts all the mass on the argmax. # (|V|,)"""
    z = np.asarray(logits, dtype=np.float64).copy()
    z[list(NEVER_SAMPLED)] = -np.inf
    allowed = np.isfinite(z)
    if top_k is not None and 0 < top_k < int(allowed.sum()):
        order = np.lexsort((np.arange(len(z)), -z))  # best first, ties by id
        keep = np.zeros_like(allowed)
        keep[order[:top_k]] = True
        z[~keep] = -np.inf
    if temperature <= 0:
        out = np.zeros_like(z)
        out[int(np.lexsort((np.arange(len(z)), -z))[0])] = 1.0
        return out
    return softmax(z / temperature)


@dataclass(frozen=True)
class SampleTrace:
    """A generated sequence and, for each token, the distribution it was drawn from."""

    prefix: tuple[str, ...]
    tokens: tuple[str, ...]  # the generated tokens (the last may be "<eos>")
    ids: tuple[int, ...]
    model_probs: np.ndarray  # (n, |V|) the model's own distribution at each step
    drawn_from: np.ndarray  # (n, |V|) after temperature and top-k
    ended: str  # "eos" or "length"
    itos: tuple[str, ...]

    def text(self, sep: str = "") -> str:
        body = [tok for tok in self.tokens if tok != "<eos>"]
        return sep.join([*self.prefix, *body])


def sample(model: LanguageModel, *, temperature: float = 1.0, top_k: int | None = None,
           seed: int = 0, max_tokens: int = 60, prefix: str = "") -> SampleTrace:
    """Generate after ``<bos>`` + ``prefix``, one token at a time, until ``<eos>`` or
    ``max_tokens`` tokens, drawing from a ``torch.Generator`` seeded with ``seed``."""
    max_tokens = max(1, min(int(max_tokens), MAX_SAMPLE_TOKENS))
    g = torch.Generator().manual_seed(int(seed))
    pre = model.tokens(prefix)[:MAX_SCORE_TOKENS]
    out_ids: list[int] = []
    model_rows, drawn_rows = [], []
    ended = "length"
    with torch.no_grad():
        state = None
        for tok in [BOS, *model.encode(pre).tolist()]:
            logits, state = model.step(int(tok), state)
        for _ in range(max_tokens):
            z = logits.double().numpy()
            p = adjust_distribution(z, temperature, top_k)
            nid = int(torch.multinomial(torch.from_numpy(p), 1, generator=g))
            model_rows.append(softmax(z))
            drawn_rows.append(p)
            out_ids.append(nid)
            if nid == EOS:
                ended = "eos"
                break
            logits, state = model.step(nid, state)
    return SampleTrace(tuple(pre), tuple(model.itos[i] for i in out_ids), tuple(out_ids),
                       np.array(model_rows), np.array(drawn_rows), ended, model.itos)


# --- live training on the visitor's own text -----------------------------------------------------
@dataclass(frozen=True)
class TrainingText:
    """The visitor's text, cut into training lines, or why it cannot be used."""

    lines: tuple[str, ...]
    problem: str | None  # "empty", "too_short" or None
    cut_chars: int  # characters past LIVE_MAX_CHARS that were dropped

    @property
    def characters(self) -> int:
        return sum(len(s) for s in self.lines)


def prepare_training_text(text: str) -> TrainingText:
    """Lines of at most LIVE_WINDOW characters from the first LIVE_MAX_CHARS characters."""
    text = text or ""
    cut = max(0, len(text) - LIVE_MAX_CHARS)  # cut first: a crafted client may send megabytes
    text = text[:LIVE_MAX_CHARS].replace("\r\n", "\n")
    lines: list[str] = []
    for raw in text.split("\n"):
        line = " ".join(raw.split())  # tabs, runs of spaces, control-free
        line = "".join(ch for ch in line if ch.isprintable())
        chars = tokenize(line, SPECS["char"])
        for i in range(0, len(chars), LIVE_WINDOW):
            lines.append("".join(chars[i : i + LIVE_WINDOW]))
    lines = [s for s in lines if s]
    n = sum(len(s) for s in lines)
    problem = "empty" if n == 0 else "too_short" if n < LIVE_MIN_CHARS else None
    return TrainingText(tuple(lines), problem, cut)


def train_char_lm(text: str, *, cell: str = "gru", steps: int = 300, seconds: float = 10.0,
                  seed: int = 0, lr: float = 1e-2,
                  on_progress: Callable[[Progress[Any]], bool | None] | None = None
                  ) -> TrainResult[LanguageModel]:
    """Train a small character model on ``text`` (capped: LIVE_MAX_STEPS, LIVE_MAX_SECONDS,
    LIVE_SIZE). Raises ValueError for an unusable text (see ``prepare_training_text``)."""
    prepared = prepare_training_text(text)
    if prepared.problem:
        raise ValueError(prepared.problem)
    vocab = _char_vocab(prepared.lines)
    model = LanguageModel(vocab.itos, cell, level="char", **LIVE_SIZE)
    inputs, targets = _pad_rows(_encode_all(model, prepared.lines))
    budget = Budget(max(1, min(int(steps), LIVE_MAX_STEPS)), min(float(seconds), LIVE_MAX_SECONDS))

    def evaluate(m: LanguageModel) -> dict[str, float]:
        total, n, _ = cross_entropy_per_token(m, prepared.lines)
        return {"train_ce": total / n}

    result = train(model, _sampler(inputs, targets, LIVE_BATCH, 0.0), _loss, budget, seed=seed,
                   lr=lr, evaluate=evaluate, eval_every=10**9, on_progress=on_progress)
    result.model.eval()
    for p in result.model.parameters():
        p.requires_grad_(False)
    return result


# --- the shipped checkpoints ---------------------------------------------------------------------
def _train_shipped(lang: str, cell: str, level: Level) -> tuple[LanguageModel, dict[str, Any]]:
    data = corpus(lang)  # type: ignore[arg-type]
    cfg = SHIPPED_TRAINING
    vocab = _char_vocab(data.train) if level == "char" else _word_vocab(data.train)
    size = CHAR_SIZE if level == "char" else WORD_SIZE
    model = LanguageModel(vocab.itos, cell, level=level, **size)
    inputs, targets = _pad_rows(_encode_all(model, data.train))
    unk = float(cfg["unk_rate"]) if level == "char" else 0.0
    result = train(model, _sampler(inputs, targets, int(cfg["batch_size"]), unk), _loss,
                   Budget(int(cfg["steps"])), seed=int(cfg["seed"]), lr=float(cfg["lr"]))
    model.eval()
    total, n, chars = cross_entropy_per_token(model, data.held_out)
    metrics = {
        "held_out_ce": round(total / n, 6),
        "held_out_perplexity": round(math.exp(total / n), 4),
        "held_out_nats_per_char": round(total / chars, 6),
        "final_loss": round(result.losses[-1], 6),
        "steps": result.steps,
        "vocab": len(model.itos),
        "parameters": sum(p.numel() for p in model.parameters()),
        "train_seconds": round(result.seconds, 1),
    }
    if level == "word":
        ids = [model.encode(model.tokens(s)) for s in data.held_out]
        metrics["held_out_unk_rate"] = round(float(np.mean(np.concatenate(ids) == UNK)), 6)
    return model, metrics


def build_checkpoint(directory: Path, langs: Sequence[str] = LANGS,
                     cells: Sequence[str] = tuple(CELLS), word: bool = True) -> dict[str, Any]:
    """Train the char RNN/LSTM/GRU (and a word LSTM) of every language, save them into
    ``directory`` and return their held-out metrics next to the unigram baseline."""
    out: dict[str, Any] = {"training": dict(SHIPPED_TRAINING), "size": dict(CHAR_SIZE)}
    for lang in langs:
        data = corpus(lang)  # type: ignore[arg-type]
        per: dict[str, Any] = {
            "train_sentences": len(data.train), "held_out_sentences": len(data.held_out),
            "unigram_ce": round(unigram_cross_entropy(data.train, data.held_out), 6),
        }
        levels: list[tuple[str, Level]] = [(c, "char") for c in cells]
        if word:
            levels.append(("lstm", "word"))
        for cell, level in levels:
            model, metrics = _train_shipped(lang, cell, level)
            save_checkpoint(directory / checkpoint_name(lang, cell, level), model,
                            model.meta())
            per[cell if level == "char" else "word_lstm"] = metrics
        out[lang] = per
    return out
