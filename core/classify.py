"""Many-to-one classification: a character LSTM that reads a review and says how positive it is.

Shown on the page "Classification" (concepts C20 and C21).

The model reads one character at a time (so a word it never saw is still a row of characters it
knows) and keeps only its last hidden state:

    x_t = E[id_t]                                  embedding of character t          (E,)
    h_t, c_t = LSTM(x_t, (h_{t-1}, c_{t-1}))       the recurrent cell                (H,)
    P(positive) = σ(w · h_T + b)                   the head reads the last state only

Because h_t is defined at every t, σ(w · h_t + b) is also the model's opinion of the prefix
x_1 … x_t: the *running prediction* the page steps through ("not" pulls it down).

**Order matters (C21).** ``BagOfChars`` sees the same characters but only their counts:
P = σ(w₂ · tanh(W₁ · counts + b₁) + b₂). Two reviews made of the same characters in a
different order ("맛은 최고였지만 분위기는 별로였다" / "맛은 별로였지만 분위기는 최고였다") get exactly the
same score from it, while the LSTM can tell them apart.

**The classic practice.** ``review_tensors`` is the dataset, ``make_sampler`` the loader (random
batches drawn from a ``torch.Generator``, padded to the longest review of the batch, with the
lengths kept so the model reads h at each review's own last character), ``SentimentModel`` the
model, ``evaluate`` the test (accuracy, accuracy on negated reviews, confusion matrix), and
``train_classifier`` trains with the project's one loop ``core.train.train``.

The shipped checkpoint (``core/data/checkpoints/sentiment.pt`` and ``sentiment_bow.pt``) is
rebuilt with ``python -m core.checkpoints sentiment``; it is loaded once, in float64 and eval mode,
with frozen parameters, so the step-by-step trace (``core.lstm.trace_lstm``) equals
``torch.nn.LSTM`` to ~1e-15 and no visitor can train it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn

from core._common import to_numpy
from core.lstm import LSTMTrace, trace_lstm
from core.sentiment_data import Review, SentimentData, make_splits
from core.text import PAD, UNK, TokenizerSpec, Vocab, tokenize
from core.train import Budget, Progress, TrainResult, init_parameters, load_checkpoint, save_checkpoint, train

__all__ = [
    "CELLS",
    "BagOfChars",
    "Batch",
    "Evaluation",
    "PairReport",
    "ReviewTensors",
    "RunningPrediction",
    "SentimentModel",
    "build_checkpoint",
    "compare_pair",
    "draw_batch",
    "evaluate",
    "load_bow_model",
    "load_sentiment_model",
    "make_sampler",
    "predict_sentiment",
    "review_tensors",
    "running_prediction",
    "train_classifier",
    "word_ends",
]

CHECKPOINT_DIR = Path(__file__).resolve().parent / "data" / "checkpoints"
MODEL_FILE, BOW_FILE = "sentiment.pt", "sentiment_bow.pt"
CHAR = TokenizerSpec("char")
CELLS: dict[str, type[nn.RNNBase]] = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}

# The shipped model and how it is trained (``build_checkpoint``).
DATA_SEED = 0
SHIPPED = dict(cell="lstm", E=16, H=48)
SHIPPED_TRAINING = dict(steps=2000, batch_size=64, lr=5e-3, seed=1, unk_rate=0.03, word_unk_rate=0.08)
BOW_SIZE = dict(H=32)


# --- text → ids ---------------------------------------------------------------------------------
def char_tokens(text: str) -> list[str]:
    """The characters the model reads (grapheme clusters, as typed). # (T,)"""
    return tokenize(text, CHAR)


def word_ends(tokens: Sequence[str]) -> np.ndarray:
    """True at the last character of each word (before a space, or at the end). # (T,) bool

    The model was only ever graded on whole reviews, so its running prediction in the middle of
    a word ("not g…") means little; at the ends of words it is the model's reading so far.
    """
    T = len(tokens)
    return np.array([not tokens[t].isspace() and (t == T - 1 or tokens[t + 1].isspace())
                     for t in range(T)], dtype=bool)


def build_vocab(texts: Sequence[str]) -> Vocab:
    """Character vocabulary of the training reviews, lower-cased; ``<pad>`` = 0, ``<unk>`` = 1."""
    return Vocab.build([tok.lower() for tok in char_tokens(text)] for text in texts)


def encode(text: str, vocab: Vocab) -> tuple[list[str], np.ndarray]:
    """The characters of ``text`` and their ids (lower-cased; unseen ones are ``<unk>``). # (T,)"""
    tokens = char_tokens(text)
    return tokens, np.array([vocab.id_of(tok.lower()) for tok in tokens], dtype=np.int64)


def pad_batch(rows: Sequence[np.ndarray]) -> tuple[torch.Tensor, torch.Tensor]:
    """Rows of ids → a ``<pad>``-filled (N, T_max) batch and the lengths (N,); empty rows get
    length 1 (a single ``<pad>``), so every row has a last state to read."""
    lengths = torch.tensor([max(1, len(r)) for r in rows], dtype=torch.int64)  # (N,)
    ids = torch.full((len(rows), int(lengths.max()) if rows else 1), PAD, dtype=torch.int64)
    for i, r in enumerate(rows):
        ids[i, : len(r)] = torch.from_numpy(r)
    return ids, lengths


# --- models -------------------------------------------------------------------------------------
class SentimentModel(nn.Module):
    """Embedding → one-layer RNN/LSTM/GRU → the last hidden state → Linear(H, 1).

    ``.lstm`` is the ``torch.nn.LSTM`` itself (for the LSTM): usable unbatched on x (T, E) from
    ``.embed(text)``, and ``sigmoid(head(h_T))`` is P(positive).
    """

    def __init__(self, itos: Sequence[str], cell: str = "lstm", E: int = 16, H: int = 32) -> None:
        super().__init__()
        self.itos = tuple(itos)
        self.vocab = Vocab(self.itos, (0,) * len(self.itos))
        self.cell = cell
        self.embedding = nn.Embedding(len(self.itos), E, padding_idx=PAD)
        self.rnn = CELLS[cell](E, H, batch_first=True)
        self.head = nn.Linear(H, 1)

    @property
    def lstm(self) -> nn.LSTM:
        if not isinstance(self.rnn, nn.LSTM):
            raise AttributeError(f"this model's recurrent layer is an {type(self.rnn).__name__}")
        return self.rnn

    @property
    def dtype(self) -> torch.dtype:
        return self.head.weight.dtype

    def hidden_states(self, ids: torch.Tensor) -> torch.Tensor:
        """h_t at every step. (N, T) → (N, T, H)"""
        out, _ = self.rnn(self.embedding(ids))  # (N, T, H)
        return out

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """Logits w · h_T + b, read at each review's own last character. (N, T), (N,) → (N,)"""
        h = self.hidden_states(ids)  # (N, T, H); pads come after h_T, so they cannot change it
        last = h[torch.arange(len(ids)), lengths - 1]  # (N, H)
        return self.head(last).squeeze(-1)  # (N,)

    def embed(self, text: str) -> tuple[list[str], torch.Tensor]:
        """The characters of ``text`` and their embeddings x (T, E), in the dtype of ``.rnn``."""
        tokens, ids = encode(text, self.vocab)
        with torch.no_grad():
            x = self.embedding(torch.from_numpy(ids))  # (T, E)
        return tokens, x.to(self.rnn.weight_ih_l0.dtype)

    def prefix_probabilities(self, text: str) -> np.ndarray:
        """σ(w · h_t + b) for every prefix x_1 … x_t of ``text``. # (T,)"""
        _, ids = encode(text, self.vocab)
        if not len(ids):
            return np.zeros(0)
        with torch.no_grad():
            h = self.hidden_states(torch.from_numpy(ids)[None])[0]  # (T, H)
            return torch.sigmoid(self.head(h)).squeeze(-1).numpy().astype(np.float64)


class BagOfChars(nn.Module):
    """An order-blind baseline: P = σ(w₂ · tanh(W₁ · counts + b₁) + b₂).

    The counts of each character are exact integers, so any reordering of the same characters
    gives bit-for-bit the same score.
    """

    def __init__(self, itos: Sequence[str], H: int = 32) -> None:
        super().__init__()
        self.itos = tuple(itos)
        self.vocab = Vocab(self.itos, (0,) * len(self.itos))
        self.hidden = nn.Linear(len(self.itos), H)
        self.head = nn.Linear(H, 1)

    def counts(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """How often each character occurs in each review. → (N, |V|)"""
        mask = (torch.arange(ids.shape[1])[None, :] < lengths[:, None]).to(self.head.weight.dtype)
        counts = torch.zeros(ids.shape[0], len(self.itos), dtype=mask.dtype)  # (N, |V|)
        counts.scatter_add_(1, ids, mask)
        counts[:, PAD] = 0.0
        return counts

    def forward(self, ids: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        return self.head(torch.tanh(self.hidden(self.counts(ids, lengths)))).squeeze(-1)  # (N,)


# --- dataset and loader -------------------------------------------------------------------------
@dataclass(frozen=True)
class ReviewTensors:
    """One split as tensors: padded ids, lengths, labels and which reviews are negated."""

    reviews: tuple[Review, ...]
    ids: torch.Tensor  # (N, T_max) int64, <pad> = 0 after each review
    lengths: torch.Tensor  # (N,) int64
    labels: torch.Tensor  # (N,) float32, 1 = positive
    negated: torch.Tensor  # (N,) bool

    def __len__(self) -> int:
        return len(self.reviews)


def review_tensors(reviews: Sequence[Review], vocab: Vocab) -> ReviewTensors:
    """The dataset: every review of a split encoded with ``vocab``."""
    ids, lengths = pad_batch([encode(r.text, vocab)[1] for r in reviews])
    labels = torch.tensor([r.label for r in reviews], dtype=torch.float32)
    negated = torch.tensor([r.negated for r in reviews], dtype=torch.bool)
    return ReviewTensors(tuple(reviews), ids, lengths, labels, negated)


Batch = tuple[torch.Tensor, torch.Tensor, torch.Tensor]  # ids (B, T), lengths (B,), labels (B,)


def draw_batch(data: ReviewTensors, g: torch.Generator, batch_size: int = 64, *,
               order: torch.Tensor | None = None, window: int | None = 1500, unk_rate: float = 0.0,
               word_unk_rate: float = 0.0, space_id: int | None = None) -> tuple[torch.Tensor, Batch]:
    """One batch and the review numbers it holds; see ``make_sampler``. # (B,), Batch"""
    order = torch.argsort(data.lengths, stable=True) if order is None else order
    window = min(window or len(data), len(data))
    start = int(torch.randint(0, len(data) - window + 1, (1,), generator=g))
    idx = order[start + torch.randint(0, window, (batch_size,), generator=g)]  # (B,)
    lengths = data.lengths[idx]  # (B,)
    ids = data.ids[idx, : int(lengths.max())].clone()  # (B, T)
    real = ids != PAD
    if unk_rate > 0:
        ids[(torch.rand(ids.shape, generator=g) < unk_rate) & real] = UNK
    if word_unk_rate > 0 and space_id is not None:
        space = ids == space_id  # (B, T)
        word = torch.cumsum(space.long(), dim=1)  # (B, T): which word each character is in
        hit_word = torch.rand((ids.shape[0], ids.shape[1] + 1), generator=g) < word_unk_rate
        ids[hit_word.gather(1, word) & real & ~space] = UNK
    return idx, (ids, lengths, data.labels[idx])


def make_sampler(data: ReviewTensors, batch_size: int = 64, unk_rate: float = 0.0,
                 window: int | None = 1500, word_unk_rate: float = 0.0,
                 space_id: int | None = None) -> Callable[[torch.Generator], Batch]:
    """The loader: ``sample(g)`` draws a random batch, cut to its longest review.

    With ``window``, the batch comes from ``window`` reviews of neighbouring lengths (bucketing),
    so there is little padding to run through. ``unk_rate`` replaces that share of characters by
    ``<unk>``, and ``word_unk_rate`` that share of whole words (runs between ``space_id``), so the
    model learns to read past characters and words it never saw. Every draw uses the run's own
    generator ``g``, never the global RNG.
    """
    order = torch.argsort(data.lengths, stable=True)  # reviews from shortest to longest

    def sample(g: torch.Generator) -> Batch:
        return draw_batch(data, g, batch_size, order=order, window=window, unk_rate=unk_rate,
                          word_unk_rate=word_unk_rate, space_id=space_id)[1]

    return sample


def loss_fn(model: nn.Module, batch: Batch) -> torch.Tensor:
    """Binary cross-entropy of the logits against the labels (mean over the batch)."""
    ids, lengths, y = batch
    return nn.functional.binary_cross_entropy_with_logits(model(ids, lengths), y.to(model.head.weight.dtype))


# --- evaluation ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Evaluation:
    """How a model does on one split."""

    accuracy: float
    negated_accuracy: float
    loss: float
    confusion: np.ndarray  # (2, 2): rows true label (neg, pos), columns predicted (neg, pos)
    probabilities: np.ndarray  # (N,) P(positive) for every review
    by_kind: dict[str, float]  # accuracy per kind of review

    def metrics(self) -> dict[str, float]:
        return {"accuracy": self.accuracy, "negated_accuracy": self.negated_accuracy,
                "loss": self.loss, **{f"kind_{k}": v for k, v in self.by_kind.items()}}


def probabilities(model: nn.Module, data: ReviewTensors, chunk: int = 512) -> np.ndarray:
    """P(positive) for every review of ``data``, without gradients. # (N,)"""
    was_training = model.training
    model.eval()
    out = []
    with torch.no_grad():
        for start in range(0, len(data), chunk):
            lengths = data.lengths[start: start + chunk]
            ids = data.ids[start: start + chunk, : int(lengths.max())]
            out.append(torch.sigmoid(model(ids, lengths)).double())
    model.train(was_training)
    return torch.cat(out).numpy() if out else np.zeros(0)


def evaluate(model: nn.Module, data: ReviewTensors) -> Evaluation:
    """Accuracy (threshold 0.5), accuracy on the negated reviews, loss and confusion matrix."""
    p = probabilities(model, data)  # (N,)
    y = data.labels.numpy().astype(np.int64)
    pred = (p >= 0.5).astype(np.int64)
    right = pred == y
    neg = data.negated.numpy()
    eps = 1e-12
    loss = float(-np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))) if len(y) else 0.0
    confusion = np.zeros((2, 2), dtype=np.int64)
    np.add.at(confusion, (y, pred), 1)
    kinds = sorted({r.kind for r in data.reviews})
    by_kind = {k: float(np.mean([ok for ok, r in zip(right, data.reviews, strict=True) if r.kind == k]))
               for k in kinds}
    return Evaluation(
        accuracy=float(right.mean()) if len(y) else 0.0,
        negated_accuracy=float(right[neg].mean()) if neg.any() else 0.0,
        loss=loss, confusion=confusion, probabilities=p, by_kind=by_kind,
    )


# --- training -----------------------------------------------------------------------------------
@cache
def dataset(seed: int = DATA_SEED) -> tuple[SentimentData, Vocab, ReviewTensors, ReviewTensors]:
    """The reviews of both splits, the character vocabulary of the training split, and both
    splits as tensors. Cached: the tensors are never modified (the sampler copies its slices)."""
    data = make_splits(seed)
    vocab = build_vocab([r.text for r in data.train])
    return data, vocab, review_tensors(data.train, vocab), review_tensors(data.test, vocab)


def new_model(cell: str = "lstm", E: int = 16, H: int = 32, seed: int = 0) -> SentimentModel:
    """An untrained classifier over the training vocabulary, initialised from ``seed``."""
    _, vocab, _, _ = dataset()
    model = SentimentModel(vocab.itos, cell=cell, E=E, H=H)
    init_parameters(model, seed)
    return model


def train_classifier(
    cell: str = "lstm", *, E: int = 16, H: int = 32, steps: int = 300, max_seconds: float | None = None,
    batch_size: int = 64, lr: float = 1e-2, seed: int = 0, unk_rate: float = 0.0,
    word_unk_rate: float = 0.0, eval_every: int = 50, eval_size: int | None = 400,
    target_accuracy: float | None = None,
    on_progress: Callable[[Progress[Any]], bool | None] | None = None,
) -> TrainResult[SentimentModel]:
    """Train a fresh classifier on the training reviews with ``core.train.train``. Every
    ``eval_every`` steps it measures held-out accuracy on the first ``eval_size`` test reviews
    (all of them when None); it stops at ``steps``, ``max_seconds`` or ``target_accuracy``."""
    _, vocab, train_t, test_t = dataset()
    watch = test_t if eval_size is None else review_tensors(test_t.reviews[:eval_size], vocab)
    model = SentimentModel(vocab.itos, cell=cell, E=E, H=H)
    budget = Budget(steps, max_seconds, "accuracy" if target_accuracy else None, target_accuracy)
    return train(
        model, make_sampler(train_t, batch_size, unk_rate, word_unk_rate=word_unk_rate,
                            space_id=vocab.id_of(" ")), loss_fn, budget, seed=seed, lr=lr,
        clip=1.0, evaluate=lambda m: evaluate(m, watch).metrics(), eval_every=eval_every,
        on_progress=on_progress,
    )


def train_bow(*, H: int = 32, steps: int = 1500, seed: int = 2, lr: float = 1e-2) -> BagOfChars:
    """The order-blind baseline, trained on the same reviews."""
    _, vocab, train_t, _ = dataset()
    model = BagOfChars(vocab.itos, H=H)
    return train(model, make_sampler(train_t, 64), loss_fn, Budget(steps), seed=seed, lr=lr).model


def build_checkpoint(directory: Path) -> dict[str, Any]:
    """Train the shipped LSTM and bag-of-characters baseline from scratch into ``directory``;
    return their held-out metrics (``python -m core.checkpoints sentiment``)."""
    torch.set_num_threads(1)
    data, vocab, _, test_t = dataset()
    run = train_classifier(**SHIPPED, **SHIPPED_TRAINING, eval_every=500, eval_size=None)
    lstm = run.model.eval()
    bow = train_bow(**BOW_SIZE).eval()
    lstm_eval, bow_eval = evaluate(lstm, test_t), evaluate(bow, test_t)
    metrics = {
        "accuracy": round(lstm_eval.accuracy, 4),
        "negated_accuracy": round(lstm_eval.negated_accuracy, 4),
        **{f"kind_{k}": round(v, 4) for k, v in lstm_eval.by_kind.items()},
        "bow_accuracy": round(bow_eval.accuracy, 4),
        "bow_negated_accuracy": round(bow_eval.negated_accuracy, 4),
        **{f"bow_kind_{k}": round(v, 4) for k, v in bow_eval.by_kind.items()},
        "train_reviews": len(data.train), "test_reviews": len(data.test),
        "test_negated": int(test_t.negated.sum()), "steps": run.steps,
        "train_seconds": round(run.seconds, 1),
    }
    meta = {"itos": list(vocab.itos), "data_seed": DATA_SEED, **SHIPPED,
            "training": dict(SHIPPED_TRAINING), "metrics": metrics}
    save_checkpoint(Path(directory) / MODEL_FILE, lstm, meta)
    save_checkpoint(Path(directory) / BOW_FILE, bow, {"itos": list(vocab.itos), **BOW_SIZE,
                                                      "metrics": metrics})
    return metrics


# --- the shipped models ------------------------------------------------------------------------
_load_lock = threading.Lock()


def _frozen(model: nn.Module) -> nn.Module:
    model.double().eval()
    for p in model.parameters():
        p.requires_grad_(False)  # shared by every visitor: nobody may train it
    return model


@cache
def _load(path: Path, kind: str) -> nn.Module:
    state, meta = load_checkpoint(path)
    if kind == "lstm":
        model: nn.Module = SentimentModel(meta["itos"], cell=meta["cell"], E=meta["E"], H=meta["H"])
    else:
        model = BagOfChars(meta["itos"], H=meta["H"])
    model.load_state_dict(state)
    model.meta = meta  # type: ignore[assignment]
    return _frozen(model)


def load_sentiment_model(directory: Path = CHECKPOINT_DIR) -> SentimentModel:
    """The shipped sentiment LSTM: float64, eval mode, frozen, loaded once per process."""
    with _load_lock:
        return _load(Path(directory) / MODEL_FILE, "lstm")  # type: ignore[return-value]


def load_bow_model(directory: Path = CHECKPOINT_DIR) -> BagOfChars:
    """The shipped bag-of-characters baseline: float64, eval mode, frozen."""
    with _load_lock:
        return _load(Path(directory) / BOW_FILE, "bow")  # type: ignore[return-value]


def score(model: nn.Module, texts: Sequence[str]) -> list[float]:
    """P(positive) of each text under ``model`` (an empty text scores as a lone ``<pad>``)."""
    if not texts:
        return []
    ids, lengths = pad_batch([encode(t, model.vocab)[1] for t in texts])  # type: ignore[arg-type]
    with torch.no_grad():
        return [float(p) for p in torch.sigmoid(model(ids, lengths))]


def predict_sentiment(texts: list[str]) -> list[float]:
    """The probability that each text is positive, from the shipped LSTM."""
    return score(load_sentiment_model(), texts)


# --- the step-by-step view ------------------------------------------------------------------------
@dataclass(frozen=True)
class RunningPrediction:
    """The shipped LSTM reading one text character by character."""

    tokens: tuple[str, ...]  # (T,) characters as typed
    ids: np.ndarray  # (T,)
    unk: np.ndarray  # (T,) bool: the character never appeared in training
    x: np.ndarray  # (T, E) embeddings
    trace: LSTMTrace  # every gate, c_t and h_t, recomputed by hand
    logits: np.ndarray  # (T,) w · h_t + b
    p: np.ndarray  # (T,) σ(logit): P(positive) if the text ended at t
    torch_diff: float  # max |trace h − nn.LSTM output|
    bow_p: float  # the bag-of-characters score of the whole text
    p0: float  # σ(b): the prediction before reading anything (h_0 = 0)

    @property
    def p_before(self) -> np.ndarray:
        """The prediction one character earlier, (T,): p0, p_1, …, p_{T-1}."""
        return np.concatenate([[self.p0], self.p[:-1]])

    def biggest_word_turn(self) -> tuple[int, int, float, float] | None:
        """Where the prediction moved most between the ends of two words: (step t, 1-based; word
        number; P at the previous word end (p0 for the first word); P at this one). ``None`` when
        no word ends (only spaces)."""
        at_ends = np.flatnonzero(word_ends(self.tokens))  # steps that end a word
        if not len(at_ends):
            return None
        earlier = np.concatenate([[self.p0], self.p[at_ends[:-1]]])
        k = int(np.argmax(np.abs(self.p[at_ends] - earlier)))
        return int(at_ends[k]) + 1, k + 1, float(earlier[k]), float(self.p[at_ends[k]])


def running_prediction(text: str, model: SentimentModel | None = None,
                       bow: BagOfChars | None = None) -> RunningPrediction:
    """Trace the LSTM over ``text`` (at least one character) and read the head at every step."""
    model = model or load_sentiment_model()
    bow = bow or load_bow_model()
    tokens, x = model.embed(text)  # (T, E)
    if not tokens:
        raise ValueError("the text has no characters to read")
    ids = encode(text, model.vocab)[1]
    trace = trace_lstm(model.lstm, x)
    with torch.no_grad():
        out, _ = model.lstm(x)  # (T, H)
        h = torch.tensor(np.array(trace.h), dtype=model.dtype)  # (T, H)
        logits = model.head(h).squeeze(-1)  # (T,)
    diff = float(np.max(np.abs(to_numpy(out) - trace.h)))
    return RunningPrediction(
        tokens=tuple(tokens), ids=ids, unk=ids == UNK, x=to_numpy(x), trace=trace,
        logits=to_numpy(logits), p=to_numpy(torch.sigmoid(logits)), torch_diff=diff,
        bow_p=score(bow, [text])[0],
        p0=float(torch.sigmoid(model.head.bias.detach()[0])),
    )


@dataclass(frozen=True)
class PairReport:
    """Two texts through both models: the order-blind one and the LSTM."""

    first: RunningPrediction
    second: RunningPrediction
    same_bag: bool  # the same characters, the same number of times each

    @property
    def bow_gap(self) -> float:
        return abs(self.first.bow_p - self.second.bow_p)

    @property
    def lstm_gap(self) -> float:
        return abs(float(self.first.p[-1]) - float(self.second.p[-1]))


def compare_pair(first: str, second: str) -> PairReport:
    """Both texts through the shipped LSTM and bag-of-characters model."""
    a, b = running_prediction(first), running_prediction(second)
    return PairReport(a, b, sorted(a.ids.tolist()) == sorted(b.ids.tolist()))


def param_table(model: nn.Module) -> list[tuple[str, tuple[int, ...], int]]:
    """(name, shape, number of values) of every parameter, in the module's order."""
    return [(name, tuple(p.shape), p.numel()) for name, p in model.named_parameters()]


def forward_shapes(model: SentimentModel, batch: Batch) -> list[tuple[str, tuple[int, ...]]]:
    """One forward pass on a batch, stage by stage: (what, shape)."""
    ids, lengths, _ = batch
    with torch.no_grad():
        x = model.embedding(ids)  # (B, T, E)
        h, _ = model.rnn(x)  # (B, T, H)
        last = h[torch.arange(len(ids)), lengths - 1]  # (B, H)
        logits = model.head(last).squeeze(-1)  # (B,)
    return [("ids", tuple(ids.shape)), ("embedding(ids)", tuple(x.shape)),
            (f"{type(model.rnn).__name__} output h", tuple(h.shape)),
            ("h[i, lengths[i] - 1]", tuple(last.shape)), ("head(h_T)", tuple(logits.shape)),
            ("sigmoid", tuple(logits.shape))]


def chance_loss() -> float:
    """The loss of a model that always says 0.5: ln 2."""
    return math.log(2.0)
