"""Sequence to sequence: an encoder–decoder Transformer and an RNN, on a toy translation task.

Shown on the page "Encoder–decoder" (concepts C27–C30).

**The task.** Read a number written in digits and write it out in words, in Korean or English:
``<ko> 3 0 7`` → 삼 백 칠, ``<en> 3 0 7`` → three hundred seven. The first source token names
the target language (one model serves both, as multilingual translation systems do). The
project generates every pair itself, for 0 … 9,999; a fixed tenth of those numbers is held out
and never trained on. Beyond 9,999 the model has never seen five digits and has no word for
만 or "million": that is where it fails, and the page lets the learner watch it happen.

**Encoder–decoder Transformer** (post-norm layers of ``torch.nn``, ReLU, dropout 0):

    x_src = E_src[source ids] + PE                     (S, d)   all positions at once
    memory = Encoder(x_src)                            (S, d)   one pass, S positions in parallel
    y_in = E_tgt[<bos>, y_1 … y_{k-1}] + PE            (k, d)   what was written so far
    h = Decoder(y_in, memory, causal mask)             (k, d)   masked self-attn, cross-attn, FF
    p(y_k | y_<k, x) = softmax(W_out h[k-1] + b_out)   (|V|,)   the next-token distribution

The decoder's cross-attention takes its k queries from the target side and its S keys and
values from ``memory``, so its weights are (h, k, S): Tq ≠ Tk is the normal case (C27). The
causal mask stops position j from looking at positions after j (C28), which is what lets
training feed the whole shifted target at once (*teacher forcing*): decoder input
``<bos> y_1 … y_n`` and targets ``y_1 … y_n <eos>``, one parallel pass, one cross-entropy per
position. Generation cannot do that: greedy decoding starts from ``<bos>`` alone — the very
first query is ``<bos>``'s — appends the most probable token and runs the decoder again, one
token at a time, until it writes ``<eos>`` (C29).

**RNN encoder–decoder** (C30, Cho et al. 2014 / Sutskever et al. 2014): a GRU reads the source
one token after another; its last hidden state is the decoder GRU's first one; the decoder
reads ``<bos>`` and then its own previous output. The encoder needs S sequential steps of
O(d²) each; the Transformer's encoder needs one pass per layer whose attention costs O(S²·d).

``decode_transformer``, ``teacher_forcing`` and ``decode_rnn`` record every number with the
step-by-step traces of ``core.attention`` and ``core.gru`` (never by calling the modules) and
report how far they are from the modules' own forward passes; ``tests/test_core_seq2seq.py``
proves they agree to 1e-12 in float64. ``build_checkpoint`` trains both models with
``core.train`` (``python -m core.checkpoints translation``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from core._common import to_numpy
from core.attention import (
    DecoderLayerTrace,
    EncoderLayerTrace,
    causal_mask,
    sinusoidal_positional_encoding,
    trace_decoder_layer,
    trace_encoder_layer,
)
from core.gru import GRUTrace, trace_gru
from core.text import BOS, EOS, PAD, SPECIALS, Vocab
from core.train import Budget, TrainResult, load_checkpoint, save_checkpoint, train

__all__ = [
    "LANGS",
    "MAX_DIGITS",
    "MAX_OUTPUT",
    "SOURCE_VOCAB",
    "TARGET_VOCAB",
    "TRAIN_MAX",
    "CostCounts",
    "DecodeStep",
    "RNNDecodeTrace",
    "Seq2SeqGRU",
    "Seq2SeqLab",
    "Seq2SeqTransformer",
    "TeacherForcingTrace",
    "TransformerDecodeTrace",
    "build_checkpoint",
    "cost_curve",
    "decode_rnn",
    "decode_transformer",
    "encoder_costs",
    "greedy_decode",
    "load_models",
    "model_costs",
    "number_words",
    "parse_source",
    "seq2seq_lab",
    "shift_targets",
    "source_ids",
    "teacher_forcing",
]

Lang = Literal["ko", "en"]
LANGS: tuple[Lang, ...] = ("ko", "en")
TRAIN_MAX = 9_999  # the training data covers 0 … TRAIN_MAX
MAX_DIGITS = 8  # the page reads at most this many digits (up to 99,999,999)
MAX_SOURCE_CHARS = 40  # the source box takes this many characters (digits with separators)
MAX_OUTPUT = 16  # greedy decoding stops after this many tokens even without <eos>
HELD_OUT_FRACTION = 0.1
SEED = 0
CHECKPOINT_FILES = {"transformer": "translation_transformer.pt", "rnn": "translation_gru.pt"}

# --- The toy task ---------------------------------------------------------------------------

_KO_DIGITS = ("영", "일", "이", "삼", "사", "오", "육", "칠", "팔", "구")
_KO_UNITS = ((1000, "천"), (100, "백"), (10, "십"))
_EN_ONES = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
            "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen",
            "seventeen", "eighteen", "nineteen")
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")

LANG_TAGS: dict[Lang, str] = {"ko": "<ko>", "en": "<en>"}
SOURCE_VOCAB = Vocab(SPECIALS + tuple(LANG_TAGS.values()) + tuple("0123456789"),
                     (0,) * (len(SPECIALS) + 2 + 10))
# Every word of 0 … 9,999, Korean first; 만, 억, million … are deliberately missing.
TARGET_VOCAB = Vocab(
    SPECIALS + _KO_DIGITS + tuple(u for _, u in _KO_UNITS)
    + _EN_ONES + _EN_TENS[2:] + ("hundred", "thousand"),
    (0,) * (len(SPECIALS) + 10 + 3 + 20 + 8 + 2),
)


def _ko_below_10000(n: int) -> list[str]:
    """Sino-Korean syllables of 1 … 9,999: 일 is dropped before a unit (천, not 일천)."""
    words: list[str] = []
    for unit, name in _KO_UNITS:
        d, n = divmod(n, unit)
        if d:
            words += ([] if d == 1 else [_KO_DIGITS[d]]) + [name]
    if n:
        words.append(_KO_DIGITS[n])
    return words


def _en_below_1000(n: int) -> list[str]:
    """English words of 1 … 999, American style without "and": three hundred seven."""
    words: list[str] = []
    hundreds, n = divmod(n, 100)
    if hundreds:
        words += [_EN_ONES[hundreds], "hundred"]
    if n >= 20:
        tens, ones = divmod(n, 10)
        words.append(_EN_TENS[tens])
        if ones:
            words.append(_EN_ONES[ones])
    elif n:
        words.append(_EN_ONES[n])
    return words


def number_words(n: int, lang: Lang) -> tuple[str, ...]:
    """The reference answer: n ≥ 0 as word tokens (Korean syllables or English words).

    Numbers past 9,999 use words the model never learned (만, 억, million, billion), so the
    page can show what the right answer would have been.
    """
    if n < 0:
        raise ValueError(f"only non-negative numbers have words here; got {n}")
    if lang == "ko":
        if n == 0:
            return ("영",)
        words: list[str] = []
        for unit, name in ((10**12, "조"), (10**8, "억"), (10**4, "만")):
            d, n = divmod(n, unit)
            if d:
                words += ([] if d == 1 and unit == 10**4 else _ko_below_10000(d)) + [name]
        return (*words, *_ko_below_10000(n))
    if lang == "en":
        if n == 0:
            return ("zero",)
        words = []
        for unit, name in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"),
                           (1000, "thousand")):
            d, n = divmod(n, unit)
            if d:
                words += [*(_en_below_1000(d) if d < 1000 else number_words(d, "en")), name]
        return (*words, *_en_below_1000(n))
    raise ValueError(f"lang must be 'ko' or 'en'; got {lang!r}")


def source_ids(digits: str, lang: Lang) -> np.ndarray:
    """``<tag> d_1 … d_S`` as source ids. (S + 1,)"""
    if not digits or not digits.isascii() or not digits.isdigit():
        raise ValueError(f"the source must be ASCII digits 0-9; got {digits!r}")
    return SOURCE_VOCAB.encode((LANG_TAGS[lang], *digits))


def shift_targets(words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Teacher forcing: decoder input ``<bos> y_1 … y_n`` and targets ``y_1 … y_n <eos>``.

    Both (n + 1,); a word outside the vocabulary becomes ``<unk>``.
    """
    ids = TARGET_VOCAB.encode(words)  # (n,)
    return np.concatenate([[BOS], ids]), np.concatenate([ids, [EOS]])


@dataclass(frozen=True)
class ParsedSource:
    """What the page made of the learner's source text."""

    digits: str  # the digits fed to the model ("" when there is nothing usable)
    problem: str | None  # None, "empty", "not_digits", "korean_words"
    bad_chars: str  # the characters that are not digits (for the message), at most 8
    cut: int  # digits dropped past MAX_DIGITS
    separators: int  # spaces, commas, dots and underscores that were ignored
    leading_zeros: bool  # "007": the training data never writes numbers like that

    @property
    def value(self) -> int | None:
        return int(self.digits) if self.digits else None

    @property
    def in_training_range(self) -> bool:
        return bool(self.digits) and not self.leading_zeros and int(self.digits) <= TRAIN_MAX


def parse_source(raw: str, max_digits: int = MAX_DIGITS) -> ParsedSource:
    """Clean the learner's text into at most ``max_digits`` ASCII digits, or say what is wrong.

    Full-width digits (３０７) count as digits (NFKC); spaces and the separators ``, . _`` are
    ignored (1,024 → 1024); anything else — letters, Hangul, emoji, markup — is refused.
    """
    raw = raw or ""
    beyond = max(0, len(raw) - MAX_SOURCE_CHARS)  # the box takes no more; a crafted client might
    text = unicodedata.normalize("NFKC", raw[:MAX_SOURCE_CHARS])  # cut before cleaning
    kept, bad, seps = [], [], 0
    for ch in text:
        if "0" <= ch <= "9":
            kept.append(ch)
        elif ch.isspace() or ch in ",._'":
            seps += 1
        elif ch not in bad:
            bad.append(ch)
    if bad:
        korean = all("가" <= ch <= "힣" for ch in bad)
        return ParsedSource("", "korean_words" if korean else "not_digits", "".join(bad[:8]),
                            0, seps, False)
    if not kept:
        return ParsedSource("", "empty", "", 0, seps, False)
    digits = "".join(kept)
    cut = max(0, len(digits) - max_digits) + beyond
    digits = digits[:max_digits]
    return ParsedSource(digits, None, "", cut, seps, len(digits) > 1 and digits[0] == "0")


# --- The two models -------------------------------------------------------------------------


@cache
def _pe(T: int, d_model: int) -> np.ndarray:
    pe = sinusoidal_positional_encoding(T, d_model)
    pe.flags.writeable = False
    return pe


def positional_encoding(T: int, d_model: int, like: torch.Tensor) -> torch.Tensor:
    """Sinusoidal PE (T, d_model) in the dtype of ``like``."""
    return torch.tensor(_pe(T, d_model), dtype=like.dtype, device=like.device)


class Seq2SeqTransformer(nn.Module):
    """Embeddings + sinusoidal PE, post-norm encoder and decoder layers of ``torch.nn``, output
    layer. Batch-first: ``forward(src (B, S), tgt (B, T)) -> logits (B, T, |V_tgt|)``."""

    def __init__(self, d_model: int = 32, nhead: int = 4, dim_feedforward: int = 64,
                 num_encoder_layers: int = 2, num_decoder_layers: int = 2,
                 dtype: torch.dtype = torch.float32) -> None:
        super().__init__()
        self.d_model, self.nhead, self.dim_feedforward = d_model, nhead, dim_feedforward
        self.src_embed = nn.Embedding(len(SOURCE_VOCAB), d_model, padding_idx=PAD, dtype=dtype)
        self.tgt_embed = nn.Embedding(len(TARGET_VOCAB), d_model, padding_idx=PAD, dtype=dtype)
        layer = dict(d_model=d_model, nhead=nhead, dim_feedforward=dim_feedforward, dropout=0.0,
                     activation="relu", batch_first=True, norm_first=False, dtype=dtype)
        self.encoder_layers = nn.ModuleList(
            nn.TransformerEncoderLayer(**layer) for _ in range(num_encoder_layers))
        self.decoder_layers = nn.ModuleList(
            nn.TransformerDecoderLayer(**layer) for _ in range(num_decoder_layers))
        self.out = nn.Linear(d_model, len(TARGET_VOCAB), dtype=dtype)

    def encode(self, src: torch.Tensor) -> torch.Tensor:
        """(B, S) source ids -> memory (B, S, d): every position at once."""
        x = self.src_embed(src)  # (B, S, d)
        x = x + positional_encoding(src.shape[1], self.d_model, x)
        for layer in self.encoder_layers:
            x = layer(x)
        return x

    def decode(self, tgt: torch.Tensor, memory: torch.Tensor) -> torch.Tensor:
        """(B, T) decoder input ids, memory (B, S, d) -> logits (B, T, |V_tgt|), causal."""
        y = self.tgt_embed(tgt)  # (B, T, d)
        y = y + positional_encoding(tgt.shape[1], self.d_model, y)
        mask = causal_mask(tgt.shape[1]).to(y.device)  # (T, T) True = blocked
        for layer in self.decoder_layers:
            y = layer(y, memory, tgt_mask=mask)
        return self.out(y)

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        return self.decode(tgt, self.encode(src))

    def config(self) -> dict[str, int]:
        return {"d_model": self.d_model, "nhead": self.nhead,
                "dim_feedforward": self.dim_feedforward,
                "num_encoder_layers": len(self.encoder_layers),
                "num_decoder_layers": len(self.decoder_layers)}


class Seq2SeqGRU(nn.Module):
    """GRU encoder → last hidden state → GRU decoder (no attention). Batch-first:
    ``forward(src (B, S), tgt (B, T)) -> logits (B, T, |V_tgt|)``."""

    def __init__(self, d_embed: int = 32, hidden_size: int = 64,
                 dtype: torch.dtype = torch.float32) -> None:
        super().__init__()
        self.d_embed, self.hidden_size = d_embed, hidden_size
        self.src_embed = nn.Embedding(len(SOURCE_VOCAB), d_embed, padding_idx=PAD, dtype=dtype)
        self.tgt_embed = nn.Embedding(len(TARGET_VOCAB), d_embed, padding_idx=PAD, dtype=dtype)
        self.encoder = nn.GRU(d_embed, hidden_size, batch_first=True, dtype=dtype)
        self.decoder = nn.GRU(d_embed, hidden_size, batch_first=True, dtype=dtype)
        self.out = nn.Linear(hidden_size, len(TARGET_VOCAB), dtype=dtype)

    def encode(self, src: torch.Tensor) -> torch.Tensor:
        """(B, S) -> the last hidden state (1, B, H): S steps, one after another."""
        _, h_n = self.encoder(self.src_embed(src))
        return h_n

    def decode(self, tgt: torch.Tensor, h0: torch.Tensor) -> torch.Tensor:
        """(B, T) decoder input ids from state h0 (1, B, H) -> logits (B, T, |V_tgt|)."""
        out, _ = self.decoder(self.tgt_embed(tgt), h0)
        return self.out(out)

    def forward(self, src: torch.Tensor, tgt: torch.Tensor) -> torch.Tensor:
        return self.decode(tgt, self.encode(src))

    def config(self) -> dict[str, int]:
        return {"d_embed": self.d_embed, "hidden_size": self.hidden_size}


Model = Seq2SeqTransformer | Seq2SeqGRU


def greedy_decode(model: Model, src: Sequence[int] | np.ndarray, max_len: int = MAX_OUTPUT) -> list[int]:
    """Plain greedy decoding with the module's own forward: generated ids, ``<eos>`` included
    if it came within ``max_len`` tokens."""
    src_t = torch.as_tensor(np.asarray(src), dtype=torch.long)[None]  # (1, S)
    out: list[int] = []
    with torch.no_grad():
        for _ in range(max_len):
            tgt = torch.tensor([[BOS, *out]], dtype=torch.long)  # (1, k)
            nxt = int(model(src_t, tgt)[0, -1].argmax())
            out.append(nxt)
            if nxt == EOS:
                break
    return out


# --- Data and training ------------------------------------------------------------------------


def _pad(ids: np.ndarray, width: int) -> np.ndarray:
    """ids followed by ``<pad>`` up to ``width``."""
    return np.pad(ids, (0, width - len(ids)), constant_values=PAD)


@dataclass(frozen=True)
class Pairs:
    """Every (source, target) pair of some numbers in both languages, grouped by digit count so
    that a batch never needs source padding. Per group n: src (N, n + 1), dec_in and targets
    (N, L + 1) with ``<pad>`` after each target's ``<eos>`` (L = the group's longest answer)."""

    groups: dict[int, tuple[torch.Tensor, torch.Tensor, torch.Tensor]]

    @classmethod
    def of(cls, numbers: Sequence[int]) -> Pairs:
        by_len: dict[int, list[tuple[np.ndarray, np.ndarray, np.ndarray]]] = {}
        for n in numbers:
            for lang in LANGS:
                dec_in, target = shift_targets(number_words(int(n), lang))
                by_len.setdefault(len(str(n)), []).append((source_ids(str(n), lang), dec_in, target))
        groups = {}
        for n_digits, rows in sorted(by_len.items()):
            width = max(len(r[1]) for r in rows)
            groups[n_digits] = (torch.tensor(np.stack([r[0] for r in rows])),
                                torch.tensor(np.stack([_pad(r[1], width) for r in rows])),
                                torch.tensor(np.stack([_pad(r[2], width) for r in rows])))
        return cls(groups)

    def __len__(self) -> int:
        return sum(len(g[0]) for g in self.groups.values())


def split_numbers(seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    """(train, held_out) numbers of 0 … TRAIN_MAX: a tenth of 10 … 9,999 is held out; the ten
    one-digit numbers, the basic vocabulary, are all trained on."""
    g = torch.Generator().manual_seed(seed)
    pool = torch.arange(10, TRAIN_MAX + 1)
    perm = pool[torch.randperm(len(pool), generator=g)]
    n_held = round(HELD_OUT_FRACTION * len(pool))
    held = np.sort(perm[:n_held].numpy())
    train_ = np.sort(np.concatenate([np.arange(10), perm[n_held:].numpy()]))
    return train_, held


# How often a batch holds numbers of 1, 2, 3 or 4 digits.
DIGIT_MIX = {1: 0.05, 2: 0.15, 3: 0.3, 4: 0.5}


def make_sampler(pairs: Pairs, batch_size: int) -> Callable[[torch.Generator], tuple[torch.Tensor, ...]]:
    """``sample(g)``: a batch of one digit count, drawn with ``g`` only (never the global RNG)."""
    lengths = [n for n in DIGIT_MIX if n in pairs.groups]
    weights = torch.tensor([DIGIT_MIX[n] for n in lengths], dtype=torch.float64)

    def sample(g: torch.Generator) -> tuple[torch.Tensor, ...]:
        n = lengths[int(torch.multinomial(weights, 1, generator=g))]
        src, dec_in, target = pairs.groups[n]
        idx = torch.randint(0, len(src), (batch_size,), generator=g)
        return src[idx], dec_in[idx], target[idx]

    return sample


def seq2seq_loss(model: Model, batch: tuple[torch.Tensor, ...]) -> torch.Tensor:
    """Teacher forcing: mean cross-entropy of every target token, ``<pad>`` ignored."""
    src, dec_in, target = batch
    logits = model(src, dec_in)  # (B, T, V)
    return F.cross_entropy(logits.reshape(-1, logits.shape[-1]), target.reshape(-1),
                           ignore_index=PAD)


def _batch_greedy(model: Model, src: torch.Tensor, steps: int) -> torch.Tensor:
    """Greedy decoding of a batch (B, S) for ``steps`` tokens, re-running the decoder each time."""
    ys = torch.full((src.shape[0], 1), BOS, dtype=torch.long)
    memory = model.encode(src)
    for _ in range(steps):
        nxt = model.decode(ys, memory)[:, -1].argmax(-1, keepdim=True)  # (B, 1)
        ys = torch.cat([ys, nxt], dim=1)
    return ys[:, 1:]


def evaluate(model: Model, pairs: Pairs) -> dict[str, float]:
    """Exact match of greedy decoding (the whole answer and its ``<eos>`` right) and
    teacher-forced token accuracy, over every pair."""
    exact = tokens_right = tokens = 0
    with torch.no_grad():
        for src, dec_in, target in pairs.groups.values():
            keep = target != PAD  # (N, L)
            guess = _batch_greedy(model, src, target.shape[1])  # (N, L)
            exact += int(((guess == target) | ~keep).all(dim=1).sum())
            forced = model(src, dec_in).argmax(-1)  # (N, L)
            tokens_right += int(((forced == target) & keep).sum())
            tokens += int(keep.sum())
    return {"exact_match": exact / len(pairs), "token_accuracy": tokens_right / tokens}


# --- Step-by-step traces --------------------------------------------------------------------


@dataclass(frozen=True)
class DecodeStep:
    """Decoding step k (1-based): the decoder reads k tokens and proposes token k."""

    prefix: np.ndarray  # (k,)  decoder input ids: <bos>, y_1 … y_{k-1}
    x: np.ndarray  # (k, d)  E_tgt[prefix] + PE
    layers: tuple[DecoderLayerTrace, ...]  # one per decoder layer; self-attn (h, k, k), cross (h, k, S)
    logits: np.ndarray  # (|V|,)  W_out h[k-1] + b_out, the last position only
    probs: np.ndarray  # (|V|,)  softmax(logits)
    token: int  # argmax: the token written at this step

    @property
    def k(self) -> int:
        return len(self.prefix)


@dataclass(frozen=True)
class TransformerDecodeTrace:
    """Greedy decoding of one source, every intermediate kept; ``max_diff`` is the largest
    distance from the modules' own forward passes (memory and every step's logits)."""

    source: np.ndarray  # (S,)  source ids, language tag first
    src_embedded: np.ndarray  # (S, d)  E_src[source]
    src_pe: np.ndarray  # (S, d)
    encoder: tuple[EncoderLayerTrace, ...]  # one parallel pass per layer
    memory: np.ndarray  # (S, d)  the encoder's output: keys and values of cross-attention
    steps: tuple[DecodeStep, ...]
    max_diff: float

    @property
    def output(self) -> tuple[int, ...]:
        """The generated ids, ``<eos>`` included when it came."""
        return tuple(s.token for s in self.steps)

    @property
    def finished(self) -> bool:
        return bool(self.steps) and self.steps[-1].token == EOS


def _embed(embedding: nn.Embedding, ids: np.ndarray,
           d_model: int | None) -> tuple[torch.Tensor, torch.Tensor]:
    """(E[ids], PE) as tensors (T, d); PE zero when ``d_model`` is None (the RNN adds none)."""
    w = embedding.weight
    e = w[torch.as_tensor(np.asarray(ids), dtype=torch.long)]  # (T, d) the rows the ids pick
    pe = positional_encoding(len(ids), d_model, w) if d_model else torch.zeros_like(e)
    return e, pe


def _max_abs(a: np.ndarray, b: torch.Tensor) -> float:
    return float(np.max(np.abs(a - b.detach().cpu().numpy()))) if a.size else 0.0


def decode_transformer(model: Seq2SeqTransformer, source: Sequence[int] | np.ndarray,
                       max_len: int = MAX_OUTPUT) -> TransformerDecodeTrace:
    """Greedy decoding by hand with ``core.attention``'s traces, from ``<bos>`` until ``<eos>``
    or ``max_len`` tokens; checked against ``model.encode`` and ``model(src, prefix)``."""
    src = np.asarray(source, dtype=np.int64)  # (S,)
    with torch.no_grad():
        e, pe = _embed(model.src_embed, src, model.d_model)
        x = e + pe  # (S, d)
        encoder = []
        for layer in model.encoder_layers:
            tr = trace_encoder_layer(layer, x)
            encoder.append(tr)
            x = torch.as_tensor(tr.output.copy())
        memory = x  # (S, d)

        src_t = torch.as_tensor(src)[None]  # (1, S)
        diff = _max_abs(memory.numpy(), model.encode(src_t)[0])
        steps: list[DecodeStep] = []
        prefix = [BOS]
        W_out, b_out = model.out.weight, model.out.bias  # (|V|, d), (|V|,)
        for _ in range(max_len):
            ids = np.array(prefix, dtype=np.int64)  # (k,)
            e_t, pe_t = _embed(model.tgt_embed, ids, model.d_model)
            y = e_t + pe_t  # (k, d)
            mask = causal_mask(len(ids))  # (k, k)
            layers = []
            for layer in model.decoder_layers:
                tr = trace_decoder_layer(layer, y, memory, tgt_mask=mask)
                layers.append(tr)
                y = torch.as_tensor(tr.output.copy())
            logits = y[-1] @ W_out.T + b_out  # (|V|,)
            probs = torch.softmax(logits, dim=-1)
            token = int(logits.argmax())
            reference = model(src_t, torch.as_tensor(ids)[None])[0, -1]  # (|V|,)
            diff = max(diff, float((logits - reference).abs().max()))
            steps.append(DecodeStep(ids, to_numpy(e_t + pe_t), tuple(layers), to_numpy(logits),
                                    to_numpy(probs), token))
            prefix.append(token)
            if token == EOS:
                break
    return TransformerDecodeTrace(src, to_numpy(e), to_numpy(pe), tuple(encoder), to_numpy(memory),
                                  tuple(steps), diff)


@dataclass(frozen=True)
class TeacherForcingTrace:
    """Training on one example: the whole shifted target in one parallel, causally masked pass."""

    dec_in: np.ndarray  # (n+1,)  <bos> y_1 … y_n
    targets: np.ndarray  # (n+1,)  y_1 … y_n <eos>
    layers: tuple[DecoderLayerTrace, ...]
    logits: np.ndarray  # (n+1, |V|)
    probs: np.ndarray  # (n+1, |V|)
    p_target: np.ndarray  # (n+1,)  probability given to the right token at each position
    losses: np.ndarray  # (n+1,)  −log p_target
    loss: float  # the mean: what training minimises for this example
    max_diff: float  # vs model(src, dec_in) and F.cross_entropy

    @property
    def guesses(self) -> np.ndarray:
        """(n+1,) the most probable token at each position."""
        return self.probs.argmax(axis=-1)


def teacher_forcing(model: Seq2SeqTransformer, source: Sequence[int] | np.ndarray,
                    words: Sequence[str]) -> TeacherForcingTrace:
    """One teacher-forced pass over the reference answer ``words`` (shifted by ``shift_targets``)."""
    src = np.asarray(source, dtype=np.int64)
    dec_in, targets = shift_targets(words)
    with torch.no_grad():
        e, pe = _embed(model.src_embed, src, model.d_model)
        x = e + pe
        for layer in model.encoder_layers:
            x = torch.as_tensor(trace_encoder_layer(layer, x).output.copy())
        e_t, pe_t = _embed(model.tgt_embed, dec_in, model.d_model)
        y = e_t + pe_t  # (n+1, d)
        layers = []
        for layer in model.decoder_layers:
            tr = trace_decoder_layer(layer, y, x, tgt_mask=causal_mask(len(dec_in)))
            layers.append(tr)
            y = torch.as_tensor(tr.output.copy())
        logits = y @ model.out.weight.T + model.out.bias  # (n+1, |V|)
        log_probs = logits - torch.logsumexp(logits, dim=-1, keepdim=True)
        tgt = torch.as_tensor(targets)
        losses = -log_probs[torch.arange(len(tgt)), tgt]  # (n+1,)
        ref_logits = model(torch.as_tensor(src)[None], torch.as_tensor(dec_in)[None])[0]
        ref_loss = F.cross_entropy(ref_logits, tgt)
        diff = max(_max_abs(logits.numpy(), ref_logits), abs(float(losses.mean() - ref_loss)))
    probs = torch.exp(log_probs)
    return TeacherForcingTrace(dec_in, targets, tuple(layers), to_numpy(logits), to_numpy(probs),
                               to_numpy(torch.exp(-losses)), to_numpy(losses),
                               float(losses.mean()), diff)


@dataclass(frozen=True)
class RNNDecodeTrace:
    """Greedy decoding with the GRU encoder–decoder, recomputed by ``core.gru.trace_gru``."""

    source: np.ndarray  # (S,)
    encoder: GRUTrace  # S sequential steps; encoder.h (S, H), the last row starts the decoder
    decoder_in: np.ndarray  # (n,)  <bos>, y_1 … y_{n-1}
    decoder_h: np.ndarray  # (n, H)  decoder state after each step
    logits: np.ndarray  # (n, |V|)
    probs: np.ndarray  # (n, |V|)
    max_diff: float  # vs the module's own forward

    @property
    def output(self) -> tuple[int, ...]:
        return tuple(int(i) for i in self.logits.argmax(axis=-1))

    @property
    def finished(self) -> bool:
        return bool(len(self.output)) and self.output[-1] == EOS


def decode_rnn(model: Seq2SeqGRU, source: Sequence[int] | np.ndarray,
               max_len: int = MAX_OUTPUT) -> RNNDecodeTrace:
    """Greedy decoding by hand: the encoder GRU over the source, then one decoder GRU step per
    output token, each fed the previous output; checked against ``model(src, decoder_in)``."""
    src = np.asarray(source, dtype=np.int64)
    with torch.no_grad():
        e, _ = _embed(model.src_embed, src, None)
        enc = trace_gru(model.encoder, e)  # h (S, H)
        h = torch.as_tensor(enc.h_n.copy())  # (1, H)
        fed, hs, logits = [BOS], [], []
        for _ in range(max_len):
            e_t, _ = _embed(model.tgt_embed, np.array(fed[-1:]), None)  # (1, d)
            h = torch.as_tensor(trace_gru(model.decoder, e_t, h).h_n.copy())  # (1, H)
            z = h[0] @ model.out.weight.T + model.out.bias  # (|V|,)
            hs.append(h[0])
            logits.append(z)
            token = int(z.argmax())
            if token == EOS or len(logits) == max_len:
                break
            fed.append(token)
        H_dec, Z = torch.stack(hs), torch.stack(logits)  # (n, H), (n, |V|)
        ref = model(torch.as_tensor(src)[None], torch.as_tensor(fed)[None])[0]  # (n, |V|)
        diff = max(_max_abs(Z.numpy(), ref), _max_abs(enc.h_n, model.encode(torch.as_tensor(src)[None])[0]))
    return RNNDecodeTrace(src, enc, np.array(fed, dtype=np.int64), to_numpy(H_dec), to_numpy(Z),
                          to_numpy(torch.softmax(Z, dim=-1)), diff)


# --- What each encoder costs ----------------------------------------------------------------


@dataclass(frozen=True)
class CostCounts:
    """Work of encoding T source tokens: steps that must run one after another, and
    multiply-adds (one multiplication and one addition each), biases and nonlinearities aside."""

    T: int
    rnn_steps: int  # T: step t needs h_{t-1}
    transformer_steps: int  # one pass per layer, whatever T is
    rnn_macs: int  # T · 3H(d_in + H): every GRU weight is used once per step    O(T·d²)
    attention_macs: int  # layers · 2T²·d: QKᵀ and weights·V over all heads      O(T²·d)
    linear_macs: int  # layers · T(4d² + 2d·d_ff): W_Q, W_K, W_V, W_O, the FF      O(T·d²)

    @property
    def transformer_macs(self) -> int:
        return self.attention_macs + self.linear_macs


def encoder_costs(T: int, *, d_model: int, num_layers: int, dim_feedforward: int,
                  rnn_input: int, rnn_hidden: int) -> CostCounts:
    """The counts for a GRU encoder (input ``rnn_input``, hidden ``rnn_hidden``) and a Transformer
    encoder of ``num_layers`` layers, on T tokens."""
    if T < 0:
        raise ValueError(f"T must be ≥ 0; got {T}")
    d, H = d_model, rnn_hidden
    return CostCounts(
        T=T,
        rnn_steps=T,
        transformer_steps=num_layers if T else 0,
        rnn_macs=T * 3 * H * (rnn_input + H),
        attention_macs=num_layers * 2 * T * T * d,
        linear_macs=num_layers * T * (4 * d * d + 2 * d * dim_feedforward),
    )


def model_costs(T: int, transformer: Seq2SeqTransformer, rnn: Seq2SeqGRU) -> CostCounts:
    """``encoder_costs`` with the dimensions of the two shipped models."""
    return encoder_costs(T, d_model=transformer.d_model, num_layers=len(transformer.encoder_layers),
                         dim_feedforward=transformer.dim_feedforward, rnn_input=rnn.d_embed,
                         rnn_hidden=rnn.hidden_size)


def cost_curve(T_max: int, d: int) -> dict[str, np.ndarray]:
    """Multiply-adds of one layer of width d for T = 1 … T_max: a GRU (input and hidden d,
    6T·d²), self-attention's two products (2T²·d) and a whole encoder layer (d_ff = 4d)."""
    Ts = np.arange(1, T_max + 1)
    counts = [encoder_costs(int(T), d_model=d, num_layers=1, dim_feedforward=4 * d, rnn_input=d,
                            rnn_hidden=d) for T in Ts]
    return {"T": Ts,
            "rnn": np.array([c.rnn_macs for c in counts], dtype=np.float64),
            "attention": np.array([c.attention_macs for c in counts], dtype=np.float64),
            "layer": np.array([c.transformer_macs for c in counts], dtype=np.float64)}


# --- Shipped checkpoints ----------------------------------------------------------------------

# (steps, batch size) of each shipped model: over 99.5 % exact on held-out numbers, ~15 s of CPU each.
TRAINING = {"transformer": (800, 64), "rnn": (1200, 128)}
LR = 3e-3
BEYOND_RANGE = tuple(range(10_000, 100_000, 450))  # 200 five-digit numbers the model never saw


def _metrics(model: Model, held_out: Pairs, per_lang: dict[str, Pairs], beyond: Pairs) -> dict[str, Any]:
    model.eval()
    got = {f"held_out_{k}": round(v, 4) for k, v in evaluate(model, held_out).items()}
    for lang, pairs in per_lang.items():
        got[f"held_out_exact_match_{lang}"] = round(evaluate(model, pairs)["exact_match"], 4)
    got["five_digit_exact_match_en"] = round(evaluate(model, beyond)["exact_match"], 4)
    return got


def _lang_pairs(numbers: Sequence[int], lang: Lang) -> Pairs:
    pairs = Pairs.of(numbers)
    return Pairs({n: tuple(t[LANGS.index(lang)::2] for t in g)  # type: ignore[misc]
                  for n, g in pairs.groups.items()})


def build_checkpoint(directory: Path) -> dict[str, Any]:
    """Train the Transformer and the GRU encoder–decoder from seed 0, save both into
    ``directory`` and return their metrics on the held-out numbers."""
    train_numbers, held = split_numbers(SEED)
    train_pairs, held_pairs = Pairs.of(train_numbers), Pairs.of(held)
    per_lang = {lang: _lang_pairs(held, lang) for lang in LANGS}
    beyond = _lang_pairs(BEYOND_RANGE, "en")  # Korean needs 만, which is not in the vocabulary
    metrics: dict[str, Any] = {"train_pairs": len(train_pairs), "held_out_pairs": len(held_pairs)}
    for name, model in (("transformer", Seq2SeqTransformer()), ("rnn", Seq2SeqGRU())):
        steps, batch_size = TRAINING[name]
        result: TrainResult[Any] = train(model, make_sampler(train_pairs, batch_size), seq2seq_loss,
                                         Budget(steps), seed=SEED, lr=LR, clip=1.0)
        got = _metrics(model, held_pairs, per_lang, beyond)
        got["steps"] = result.steps
        got["final_loss"] = round(float(np.mean(result.losses[-50:])), 4)
        got["parameters"] = sum(p.numel() for p in model.parameters())
        metrics[name] = got
        save_checkpoint(directory / CHECKPOINT_FILES[name], model, {
            "kind": name, "config": model.config(), "source_vocab": list(SOURCE_VOCAB.itos),
            "target_vocab": list(TARGET_VOCAB.itos), "train_max": TRAIN_MAX, "seed": SEED,
            "metrics": got,
        })
    return metrics


def load_models(directory: Path | None = None, dtype: torch.dtype = torch.float64
                ) -> tuple[Seq2SeqTransformer, Seq2SeqGRU, dict[str, Any]]:
    """The shipped models in eval mode without gradients (read-only) and their metrics."""
    from core.checkpoints import CHECKPOINT_DIR

    directory = directory or CHECKPOINT_DIR
    models: list[nn.Module] = []
    metrics: dict[str, Any] = {}
    for name, cls in (("transformer", Seq2SeqTransformer), ("rnn", Seq2SeqGRU)):
        path = directory / CHECKPOINT_FILES[name]
        if not path.exists():
            raise FileNotFoundError(f"{path} is missing; run `python -m core.checkpoints translation`.")
        state, meta = load_checkpoint(path)
        if (tuple(meta["source_vocab"]), tuple(meta["target_vocab"])) != (SOURCE_VOCAB.itos,
                                                                            TARGET_VOCAB.itos):
            raise ValueError(f"{path} was trained with another vocabulary; run "
                             "`python -m core.checkpoints translation` again.")
        model = cls(**meta["config"])
        model.load_state_dict(state)
        models.append(model.to(dtype).eval().requires_grad_(False))
        metrics[name] = meta["metrics"]
    return models[0], models[1], metrics  # type: ignore[return-value]


# --- Everything the page shows for one source -------------------------------------------------


@dataclass(frozen=True)
class Seq2SeqLab:
    """One source through both models: the page's single call into core."""

    digits: str
    lang: Lang
    source_tokens: tuple[str, ...]  # <tag> d_1 … d_S
    reference: tuple[str, ...]  # the right answer, in words
    unknown_words: tuple[str, ...]  # words of the right answer the vocabulary lacks (만, million …)
    transformer: TransformerDecodeTrace
    teacher: TeacherForcingTrace
    rnn: RNNDecodeTrace
    costs: CostCounts

    def words(self, ids: Sequence[int]) -> tuple[str, ...]:
        """Generated ids as words, without ``<eos>``."""
        return tuple(TARGET_VOCAB.itos[i] for i in ids if i != EOS)

    def right(self, ids: Sequence[int]) -> bool:
        return bool(len(ids)) and ids[-1] == EOS and self.words(ids) == self.reference


def seq2seq_lab(transformer: Seq2SeqTransformer, rnn: Seq2SeqGRU, digits: str, lang: Lang) -> Seq2SeqLab:
    """Decode ``digits`` into ``lang`` with both models, teacher-force the right answer, count costs."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}; got {lang!r}")
    src = source_ids(digits, lang)
    reference = number_words(int(digits), lang)
    return Seq2SeqLab(
        digits=digits,
        lang=lang,
        source_tokens=tuple(SOURCE_VOCAB.decode(src)),
        reference=reference,
        unknown_words=tuple(dict.fromkeys(w for w in reference if w not in TARGET_VOCAB)),
        transformer=decode_transformer(transformer, src),
        teacher=teacher_forcing(transformer, src, reference),
        rnn=decode_rnn(rnn, src),
        costs=model_costs(len(src), transformer, rnn),
    )
