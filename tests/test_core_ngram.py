"""The smoothed n-gram model of core.ngram: proper distributions, the chain rule, order effects."""

import importlib.util
import itertools
import math
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from core.ngram import (
    MAX_ORDER,
    ORDER_CORPUS_PATH,
    corpus_sentences,
    fit,
    log_prob,
    order_study,
    score,
    seeded_shuffle,
    train,
)
from core.text import BOS, EOS, PAD, UNK, TokenizerSpec, tokenize

ROOT = Path(__file__).resolve().parents[1]


def test_generated_corpus_is_what_its_generator_writes():
    spec = importlib.util.spec_from_file_location("gen", ROOT / "core" / "data" / "make_order_corpus.py")
    gen = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gen)
    assert ORDER_CORPUS_PATH.read_text(encoding="utf-8") == gen.render(gen.generate())
    assert len(corpus_sentences()) > 5_000


@pytest.mark.parametrize("unit", ["word", "char"])
@pytest.mark.parametrize("order", range(1, MAX_ORDER + 1))
def test_every_conditional_sums_to_one_over_the_vocabulary(unit, order):
    model = train(unit, order)
    V = len(model.vocab)
    rng = np.random.default_rng(order)
    contexts = [(), (BOS,) * (order - 1), (UNK,) * (order - 1)]
    contexts += [tuple(int(i) for i in rng.integers(4, V, order - 1)) for _ in range(5)]
    tokens = tokenize("나는 오늘 학교에 간다 the cat sleeps", model.spec)
    ids = [BOS] * (order - 1) + list(model.encode(tokens))
    contexts += [model.context_of(ids[:t]) for t in range(1, len(ids) + 1)]
    for context in contexts:
        p = model.distribution(context)
        assert p.shape == (V,)
        assert abs(p.sum() - 1.0) < 1e-12
        assert p[PAD] == 0.0 and p[BOS] == 0.0 and np.all(p[model.targets] > 0)
        for token in (UNK, EOS, 5, V - 1):
            assert model.prob(context, token) == pytest.approx(p[token], rel=1e-12)


def test_witten_bell_by_hand_on_a_toy_corpus():
    model = fit([["a", "b"], ["a", "c"], ["b"]], "word", 2)
    # vocabulary: <pad> <unk> <bos> <eos> a b c -> targets <unk> <eos> a b c (5)
    a, b = model.vocab.id_of("a"), model.vocab.id_of("b")
    n = 2 + 2 + 1 + 3  # tokens counted as targets, <eos> included
    p1_b = (2 + 1) / (n + 5)
    assert model.prob((), b) == pytest.approx(p1_b)
    # after "a": seen 2 times, 2 distinct followers (b, c)
    assert model.prob((a,), b) == pytest.approx((1 + 2 * p1_b) / (2 + 2))
    # an unseen context gives the unigram distribution
    assert model.prob((UNK,), b) == pytest.approx(p1_b)


def test_counts_are_the_corpus_ngram_counts():
    model = train("word", 2)
    sentences = [tokenize(s, model.spec) for s in corpus_sentences()]
    pairs = Counter()
    for tokens in sentences:
        ids = [BOS, *model.encode(tokens), EOS]
        pairs.update(itertools.pairwise(ids))
    i, j = model.vocab.id_of("나는"), model.vocab.id_of("오늘")
    assert model.follow[1][(i,)][j] == pairs[(i, j)] > 0
    assert model.n_tokens == sum(len(t) + 1 for t in sentences)
    assert model.follow[0][()][EOS] == len(sentences)


@pytest.mark.parametrize("unit", ["word", "char"])
@pytest.mark.parametrize("order", [1, 2, 3])
def test_log_prob_is_the_sum_of_the_factors(unit, order):
    model = train(unit, order)
    tokens = tokenize("the cat sleeps by the window 🙂", model.spec)
    scored = score(model, tokens)
    assert len(scored.steps) == len(tokens) + 1 and scored.steps[-1].token == "<eos>"
    assert scored.log_p == pytest.approx(sum(math.log(s.p) for s in scored.steps), abs=1e-12)
    assert scored.log_p == pytest.approx(log_prob(model, tokens), abs=1e-10)
    assert math.exp(scored.log_p) == pytest.approx(float(np.prod(scored.p)), rel=1e-9)
    assert scored.cumulative_log10[-1] == pytest.approx(scored.log_p / math.log(10))
    for step in scored.steps:
        assert list(step.top_p) == sorted(step.top_p, reverse=True)
        assert step.rank == 1 or step.p < step.top_p[0]
        if step.rank <= len(step.top_p):
            assert step.top_p[step.rank - 1] == pytest.approx(step.p)


def test_factors_read_only_the_last_n_minus_1_tokens():
    model = train("word", 3)
    scored = score(model, tokenize("나는 오늘 학교에 간다", model.spec))
    assert scored.steps[0].context == ("<bos>", "<bos>")
    assert scored.steps[3].context == ("오늘", "학교에")
    assert scored.steps[4].context == ("학교에", "간다") and scored.steps[4].token == "<eos>"


def test_iid_model_cannot_tell_orders_apart():
    model = train("word", 1)
    tokens = tokenize("the cat sleeps by the window", model.spec)
    for seed in range(5):
        shuffled = seeded_shuffle(tokens, seed)
        assert log_prob(model, shuffled) == pytest.approx(log_prob(model, tokens), abs=1e-12)


@pytest.mark.parametrize("text", ["나는 오늘 학교에 간다", "고양이가 창가에서 잠을 잔다",
                                  "I go to school today", "The cat sleeps by the window"])
@pytest.mark.parametrize("unit", ["word", "char"])
def test_a_model_with_context_prefers_the_real_order(text, unit):
    study = order_study(text, unit, 2, seed=0)
    assert study.can_shuffle
    assert study.original.log_p > study.shuffled.log_p + 2.0  # e² ≈ 7 times more probable at least
    assert study.share_beaten > 0.75
    tokens = tokenize(text, TokenizerSpec(unit, lowercase=True))
    assert study.iid_log_p == pytest.approx(log_prob(train(unit, 1), tokens))


def test_seeded_shuffle_is_a_different_permutation_when_one_exists():
    tokens = ("a", "b", "c", "d")
    assert seeded_shuffle(tokens, 3) == seeded_shuffle(tokens, 3)
    for seed in range(20):
        s = seeded_shuffle(tokens, seed)
        assert sorted(s) == sorted(tokens) and s != tokens
    assert seeded_shuffle(("a", "a", "a"), 0) == ("a", "a", "a")
    assert seeded_shuffle(("a",), 0) == ("a",)
    assert seeded_shuffle((), 0) == ()


def test_edge_texts_give_finite_scores():
    for text in ("", "가", "a a a", "🙂🙂 <script>", "가나다라 마바사 " * 40):
        for unit in ("word", "char"):
            study = order_study(text, unit, MAX_ORDER, seed=1, max_tokens=62)
            assert np.isfinite(study.original.log_p) and np.isfinite(study.shuffled.log_p)
            assert len(study.original.tokens) <= 62
            assert np.all(np.isfinite(study.random_log_p))
    empty = order_study("", "word", 2)
    assert len(empty.original.steps) == 1 and not empty.can_shuffle  # only P(<eos> | <bos>)
    long = order_study("가나다라 마바사 " * 40, "word", 2, max_tokens=62)
    assert long.dropped == 80 - 62
    assert order_study("🙂 zzqx", "word", 2).unknown == ("🙂", "zzqx")


def test_order_is_refused_outside_its_range():
    with pytest.raises(ValueError, match="order must be"):
        train("word", MAX_ORDER + 1)
