"""An n-gram language model counted on SeqLab's corpus: why the order of tokens matters (C1).

Shown on the page "Sequence data", section "Order matters".

Tokens of a sequence are not independent draws: each one depends on the ones before it. The
chain rule writes the probability of a whole sentence as a product of conditionals, and an
``<eos>`` factor says where it ends:

    P(x_1 .. x_T) = P(x_1 | <bos>) · P(x_2 | x_1) · … · P(x_T | x_<T) · P(<eos> | x_≤T)

An n-gram model keeps only the last n-1 tokens of the past (``<bos>`` fills in before the
start): P(x_t | x_<t) ≈ P(x_t | x_{t-n+1} .. x_{t-1}). With n = 1 every factor forgets the
past, which is the i.i.d. assumption: then any reordering of the same tokens has exactly the
same probability. With n ≥ 2 the order enters the factors, and shuffled text falls.

Counts alone give zero to anything unseen, so the estimate is smoothed by Witten–Bell
interpolation: for a context h seen c(h) times, followed by N₁₊(h) distinct tokens,

    P(w | h) = (c(h, w) + N₁₊(h) · P(w | h')) / (c(h) + N₁₊(h))

where h' is h without its oldest token; an unseen context falls back to P(w | h') entirely;
and the unigram level is add-one: P(w) = (c(w) + 1) / (N + |V'|) over the |V'| tokens that
can come next (every vocabulary entry but ``<pad>`` and ``<bos>``; ``<unk>`` included). Each
level sums to one over the vocabulary, so every conditional is a proper distribution
(``tests/test_core_ngram.py``).

The model is counted once per (unit, n) on ``data/sample_corpus.txt`` and
``data/order_corpus.txt`` (made by ``data/make_order_corpus.py``), lower-cased, and is never
changed afterwards: every visitor reads the same counts.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from core.text import BOS, EOS, PAD, Level, TokenizerSpec, Vocab, sample_corpus, tokenize

__all__ = [
    "MAX_ORDER",
    "NgramModel",
    "OrderStudy",
    "SentenceScore",
    "Step",
    "corpus_sentences",
    "order_study",
    "seeded_shuffle",
    "train",
]

MAX_ORDER = 4
ORDER_CORPUS_PATH = Path(__file__).with_name("data") / "order_corpus.txt"
TOP_K = 8  # candidates kept per step for the page's bar chart


@cache
def corpus_sentences() -> tuple[str, ...]:
    """The hand-written sample corpus, then the generated template sentences."""
    lines = ORDER_CORPUS_PATH.read_text(encoding="utf-8").splitlines()
    generated = tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))
    return sample_corpus() + generated


Context = tuple[int, ...]


@dataclass(frozen=True)
class NgramModel:
    """Counts of every m-gram, m = 1 … n, and the smoothed conditionals they give."""

    unit: Level
    order: int  # n: a factor looks at the n-1 tokens before it
    vocab: Vocab
    # follow[m][h] = Counter of the tokens that came after context h (a tuple of m ids), m = 0 … n-1
    follow: tuple[dict[Context, Counter[int]], ...]
    n_sentences: int
    n_tokens: int  # tokens counted as targets, <eos> included

    @property
    def spec(self) -> TokenizerSpec:
        return TokenizerSpec(self.unit, lowercase=True)

    @property
    def targets(self) -> np.ndarray:
        """Ids that can come next: all but <pad> and <bos>. # (|V'|,)"""
        return np.array([i for i in range(len(self.vocab)) if i not in (PAD, BOS)])

    def encode(self, tokens: Sequence[str]) -> np.ndarray:
        """Ids of the tokens, ``<unk>`` for those the corpus never had. # (T,)"""
        return self.vocab.encode(tokens)

    def context_of(self, history: Sequence[int]) -> Context:
        """The last n-1 ids of ``history``, padded on the left with ``<bos>``."""
        k = self.order - 1
        if k == 0:
            return ()
        padded = [BOS] * k + list(history)
        return tuple(padded[-k:])

    def distribution(self, context: Sequence[int]) -> np.ndarray:
        """P(· | context) over the whole vocabulary; context has at most n-1 ids. # (|V|,)"""
        context = tuple(context)[-(self.order - 1):] if self.order > 1 else ()
        V = len(self.vocab)
        unigram = self.follow[0][()]
        p = np.zeros(V)
        targets = self.targets
        counts = np.array([unigram[i] for i in targets], dtype=float)
        p[targets] = (counts + 1.0) / (self.n_tokens + len(targets))
        for m in range(1, len(context) + 1):
            seen = self.follow[m].get(context[-m:])
            if not seen:
                continue  # an unseen context passes the lower order on unchanged
            total, distinct = sum(seen.values()), len(seen)
            c = np.zeros(V)
            c[list(seen)] = list(seen.values())
            p = (c + distinct * p) / (total + distinct)
        return p

    def prob(self, context: Sequence[int], token: int) -> float:
        """P(token | context), the same number as ``distribution(context)[token]``, without the vector."""
        context = tuple(context)[-(self.order - 1):] if self.order > 1 else ()
        if token in (PAD, BOS):
            return 0.0
        p = (self.follow[0][()][token] + 1.0) / (self.n_tokens + len(self.vocab) - 2)
        for m in range(1, len(context) + 1):
            seen = self.follow[m].get(context[-m:])
            if not seen:
                continue
            total, distinct = sum(seen.values()), len(seen)
            p = (seen[token] + distinct * p) / (total + distinct)
        return p


def count_ngrams(
    sentences: Iterable[Sequence[str]], vocab: Vocab, order: int
) -> tuple[tuple[dict[Context, Counter[int]], ...], int]:
    """follow[m][h][w] = how often w came right after the m ids h (``<bos>``-padded); also N."""
    follow: list[defaultdict[Context, Counter[int]]] = [defaultdict(Counter) for _ in range(order)]
    n_tokens = 0
    for tokens in sentences:
        ids = [BOS] * (order - 1) + [vocab.id_of(tok) for tok in tokens] + [EOS]
        for t in range(order - 1, len(ids)):
            n_tokens += 1
            for m in range(order):
                follow[m][tuple(ids[t - m:t])][ids[t]] += 1
    return tuple(dict(level) for level in follow), n_tokens


@cache
def train(unit: Level = "word", order: int = 2) -> NgramModel:
    """The page's model: n-gram counts of the corpus at the given unit, lower-cased (cached, read-only)."""
    if not 1 <= order <= MAX_ORDER:
        raise ValueError(f"order must be 1 … {MAX_ORDER}; got {order}.")
    spec = TokenizerSpec(unit, lowercase=True)
    sentences = [tokenize(s, spec) for s in corpus_sentences()]
    return fit(sentences, unit, order)


def fit(sentences: Sequence[Sequence[str]], unit: Level, order: int) -> NgramModel:
    """Count an n-gram model on already tokenised sentences."""
    vocab = Vocab.build(sentences)
    follow, n_tokens = count_ngrams(sentences, vocab, order)
    return NgramModel(unit, order, vocab, follow, len(sentences), n_tokens)


@dataclass(frozen=True)
class Step:
    """One factor P(x_t | context) of the product, and what the model expected there."""

    t: int  # 1-based; the last step predicts <eos>
    token: str
    token_id: int
    context: tuple[str, ...]  # the n-1 tokens the model looked at (<bos> before the start)
    p: float
    top_tokens: tuple[str, ...]  # the TOP_K most likely next tokens, most likely first
    top_p: tuple[float, ...]
    rank: int  # 1 = the token was the model's first choice


@dataclass(frozen=True)
class SentenceScore:
    """P(x_1 .. x_T <eos>) as its factors."""

    tokens: tuple[str, ...]  # the learner's tokens, without <eos>
    steps: tuple[Step, ...]  # T + 1 factors, the last one for <eos>

    @property
    def p(self) -> np.ndarray:
        """Every factor. # (T+1,)"""
        return np.array([s.p for s in self.steps])

    @property
    def log_p(self) -> float:
        """ln P(sentence) = Σ_t ln P(x_t | x_<t)."""
        return float(np.sum(np.log(self.p)))

    @property
    def cumulative_log10(self) -> np.ndarray:
        """log10 of the running product after each factor. # (T+1,)"""
        return np.cumsum(np.log10(self.p))


def score(model: NgramModel, tokens: Sequence[str], top_k: int = TOP_K) -> SentenceScore:
    """Every factor of P(tokens, <eos>) under ``model``, with its top-k candidates."""
    ids = [*model.encode(tokens), EOS]
    itos = model.vocab.itos
    steps = []
    for t, token_id in enumerate(ids):
        context = model.context_of(ids[:t])
        dist = model.distribution(context)  # (|V|,)
        order = np.argsort(-dist, kind="stable")
        rank = int(np.sum(dist > dist[token_id])) + 1
        steps.append(Step(
            t=t + 1,
            token=[*tokens, "<eos>"][t],
            token_id=int(token_id),
            context=tuple(itos[i] for i in context),
            p=float(dist[token_id]),
            top_tokens=tuple(itos[i] for i in order[:top_k]),
            top_p=tuple(float(dist[i]) for i in order[:top_k]),
            rank=rank,
        ))
    return SentenceScore(tuple(tokens), tuple(steps))


def log_prob(model: NgramModel, tokens: Sequence[str]) -> float:
    """ln P(tokens, <eos>), computed factor by factor without the vectors."""
    ids = [*model.encode(tokens), EOS]
    return sum(math.log(model.prob(model.context_of(ids[:t]), i)) for t, i in enumerate(ids))


def seeded_shuffle(tokens: Sequence[str], seed: int) -> tuple[str, ...]:
    """The same tokens in a seeded random order; a different order whenever one exists."""
    rng = np.random.default_rng(seed)
    tokens = tuple(tokens)
    if len(set(tokens)) < 2:
        return tokens  # every order is the same sequence
    for _ in range(100):
        shuffled = tuple(tokens[i] for i in rng.permutation(len(tokens)))
        if shuffled != tokens:
            return shuffled
    return tokens[1:] + tokens[:1]  # unreachable in practice: a rotation always differs here


@dataclass(frozen=True)
class OrderStudy:
    """The learner's sentence against a shuffle of its tokens and against many random orders."""

    unit: Level
    order: int
    vocab_size: int
    corpus_sentences: int
    original: SentenceScore
    shuffled: SentenceScore
    random_log_p: np.ndarray  # (n_random,) ln P of random reorderings
    iid_log_p: float  # ln P under the unigram (i.i.d.) model: the same for every order
    unknown: tuple[str, ...]  # distinct tokens the corpus never had (they count as <unk>)
    dropped: int  # tokens cut beyond the cap

    @property
    def can_shuffle(self) -> bool:
        return self.shuffled.tokens != self.original.tokens

    @property
    def share_beaten(self) -> float:
        """Share of random orders strictly less probable than the learner's own order."""
        if not len(self.random_log_p):
            return 0.0
        return float(np.mean(self.random_log_p < self.original.log_p - 1e-12))


def order_study(
    text: str, unit: Level = "word", order: int = 2, seed: int = 0, *, n_random: int = 200,
    max_tokens: int | None = None,
) -> OrderStudy:
    """Score the sentence, one seeded shuffle of it and ``n_random`` other random orders."""
    model = train(unit, order)
    tokens = tokenize(text, model.spec)
    dropped = 0
    if max_tokens is not None and len(tokens) > max_tokens:
        dropped, tokens = len(tokens) - max_tokens, tokens[:max_tokens]
    shuffled = seeded_shuffle(tokens, seed)
    rng = np.random.default_rng(seed + 1)
    random_orders = ([tokens[i] for i in rng.permutation(len(tokens))] for _ in range(n_random))
    random_log_p = np.array([log_prob(model, order_) for order_ in random_orders]) if tokens else np.zeros(0)
    unigram = train(unit, 1)
    return OrderStudy(
        unit=unit,
        order=order,
        vocab_size=len(model.vocab),
        corpus_sentences=model.n_sentences,
        original=score(model, tokens),
        shuffled=score(model, shuffled),
        random_log_p=random_log_p,
        iid_log_p=log_prob(unigram, tokens),
        unknown=tuple(dict.fromkeys(tok for tok in tokens if tok not in model.vocab)),
        dropped=dropped,
    )
