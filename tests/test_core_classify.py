"""The sentiment data, the character LSTM classifier and its shipped checkpoint (C20, C21)."""

import random
import re
import threading

import numpy as np
import pytest
import torch

from core import classify
from core.checkpoints import recorded_metrics
from core.classify import (
    BagOfChars,
    compare_pair,
    dataset,
    encode,
    evaluate,
    load_bow_model,
    load_sentiment_model,
    make_sampler,
    predict_sentiment,
    running_prediction,
    score,
    train_classifier,
)
from core.sentiment_data import (
    EXAMPLE_REVIEWS,
    HELD_OUT_FRAMES,
    HELD_OUT_INTENSIFIERS,
    HELD_OUT_SUBJECTS,
    _held_out_combos,
    make_reviews,
    make_splits,
    order_pairs,
)
from core.text import PAD, UNK
from tests.retrain_tolerances import assert_close_to_recorded

SHIPPED_METRICS = load_sentiment_model().meta["metrics"]


# --- the data -----------------------------------------------------------------------------------
def test_reviews_are_deterministic_from_the_seed():
    a, b = make_reviews(300, seed=11, held_out=False), make_reviews(300, seed=11, held_out=False)
    c = make_reviews(300, seed=12, held_out=False)
    assert a == b
    assert [r.text for r in a] != [r.text for r in c]


def test_splits_are_disjoint_balanced_and_held_out_parts_stay_out_of_training():
    data = make_splits()
    train_texts, test_texts = {r.text for r in data.train}, {r.text for r in data.test}
    assert len(train_texts) == len(data.train) and len(test_texts) == len(data.test)  # no duplicates
    assert not train_texts & test_texts
    assert all(not r.held_out for r in data.train) and all(r.held_out for r in data.test)
    for split in (data.train, data.test):
        assert sum(r.label for r in split) == len(split) // 2
        assert {r.lang for r in split} == {"ko", "en"}
        assert {r.domain for r in split} == {"movie", "restaurant"}
    assert sum(r.negated for r in data.test) >= 400
    # the held-out words never occur in a training review
    lowered = [r.text.lower() for r in data.train]
    for word in HELD_OUT_SUBJECTS | HELD_OUT_INTENSIFIERS:
        pattern = re.compile(word if re.search("[가-힣]", word) else rf"\b{word}\b")
        assert not any(pattern.search(text) for text in lowered), word
        assert any(pattern.search(r.text.lower()) for r in data.test), word
    for frame in HELD_OUT_FRAMES:
        opening = frame.split("{c}")[0].strip()
        assert not any(text.startswith(opening) for text in lowered), frame
    # an adjective/negation pair held out, e.g. "not rude": present in the test, absent in training
    combos = _held_out_combos()
    assert combos
    used = {h.split(":", 1)[1] for r in data.test for h in r.held_out if h.startswith("combo:")}
    assert len(used) >= len(combos) // 2
    english_not = [c.split("/")[0] for c in combos if c.endswith("/not")]
    for adj in english_not:
        pattern = re.compile(rf"\bnot {adj}\b(?! at all)")
        assert not any(pattern.search(text) for text in lowered), adj


def test_labels_follow_negation_and_contrast():
    data = make_splits()
    by_text = {r.text: r for r in data.train + data.test}
    negated = [r for r in by_text.values() if r.kind == "negated"]
    assert negated and all(r.negated for r in negated)
    # a contrast ends with the clause that decides; its label equals the plain label of that clause
    for r in [r for r in data.train if r.kind == "contrast" and r.lang == "en"][:50]:
        assert " but " in r.text or r.text.lower().startswith(("although", "well, although",
                                                               "wow, although", "i think although"))


# --- the model ----------------------------------------------------------------------------------
def test_shipped_model_interface_for_the_lstm_gates_page():
    model = load_sentiment_model()
    assert load_sentiment_model() is model  # loaded once
    assert isinstance(model.lstm, torch.nn.LSTM)
    assert model.lstm.num_layers == 1 and not model.lstm.bidirectional
    assert not model.training and not any(p.requires_grad for p in model.parameters())
    assert isinstance(model.head, torch.nn.Linear) and model.head.out_features == 1
    tokens, x = model.embed("The Movie was NOT good 👍")
    assert tokens[:3] == ["T", "h", "e"] and tokens[-1] == "👍" and len(tokens) == x.shape[0]
    assert x.dtype == model.lstm.weight_ih_l0.dtype and x.shape[1] == model.lstm.input_size
    with torch.no_grad():
        out, _ = model.lstm(x)  # unbatched (T, E)
        p = torch.sigmoid(model.head(out[-1])).item()
    assert p == pytest.approx(predict_sentiment(["The Movie was NOT good 👍"])[0], abs=1e-12)
    assert model.embed("")[1].shape == (0, model.lstm.input_size)


def test_unknown_characters_become_unk_and_case_is_folded():
    model = load_sentiment_model()
    tokens, ids = encode("Good 좋ß🦜", model.vocab)
    assert tokens == ["G", "o", "o", "d", " ", "좋", "ß", "🦜"]
    assert ids[0] == model.vocab.id_of("g") and ids[5] != UNK and ids[6] == UNK and ids[7] == UNK


def test_running_prediction_equals_the_module_on_every_prefix():
    model = load_sentiment_model()
    text = "이 영화는 정말 안 좋았다. Not bad!"
    run = running_prediction(text)
    assert run.torch_diff < 1e-12
    prefixes = ["".join(run.tokens[: t + 1]) for t in range(len(run.tokens))]
    np.testing.assert_allclose(run.p, score(model, prefixes), rtol=0, atol=1e-12)
    np.testing.assert_allclose(model.prefix_probabilities(text), run.p, rtol=0, atol=1e-12)
    # the gates come from core.lstm's trace of the same module
    assert run.trace.h.shape == (len(run.tokens), model.lstm.hidden_size)
    assert ((run.trace.f > 0) & (run.trace.f < 1)).all()


def test_padding_after_a_review_does_not_change_its_score():
    model = load_sentiment_model()
    _, ids = encode("The soup was bland", model.vocab)
    short = torch.tensor(ids)[None]
    padded = torch.cat([short, torch.full((1, 7), PAD)], dim=1)
    lengths = torch.tensor([len(ids)])
    with torch.no_grad():
        assert model(short, lengths).item() == pytest.approx(model(padded, lengths).item(), abs=1e-14)


def test_bag_of_characters_is_blind_to_order_and_the_lstm_is_not():
    bow, rng = load_bow_model(), random.Random(0)
    texts = ("The food was great but the service was bad", "연기는 좋았지만 음악은 지루했다",
             *EXAMPLE_REVIEWS[:4])
    for text in texts:
        chars = list(text)
        rng.shuffle(chars)
        assert score(bow, [text]) == score(bow, ["".join(chars)])  # bit for bit
    for first, second, label_a, label_b in order_pairs():
        report = compare_pair(first, second)
        assert report.same_bag and report.first.bow_p == report.second.bow_p
        if label_a is None:
            continue  # outside the reviews' domain: no label to get right
        pa, pb = float(report.first.p[-1]), float(report.second.p[-1])
        assert (pa >= 0.5) == bool(label_a) and (pb >= 0.5) == bool(label_b), (first, pa, second, pb)
        assert abs(pa - pb) > 0.5


def test_a_negation_flips_the_shipped_models_answer():
    pos, neg = predict_sentiment(["The movie was good", "The movie was not good"])
    assert pos > 0.8 and neg < 0.2
    pos, neg = predict_sentiment(["정말 좋았다", "정말 안 좋았다"])
    assert pos > 0.8 and neg < 0.2
    assert predict_sentiment(["지루하지 않았다"])[0] > 0.8


def held_out_checks(lstm: torch.nn.Module, bow: torch.nn.Module) -> None:
    """What the shipped pair must do on the 1,200 held-out reviews, checked the same way on a
    retrained pair: the LSTM ≥ 90 % (negated reviews too), the bag of characters unable to read
    contrast (order matters), and a negation flipping the LSTM's answer."""
    _, _, _, test_t = dataset()
    lstm_eval, bow_eval = evaluate(lstm, test_t), evaluate(bow, test_t)
    assert lstm_eval.accuracy >= 0.90 and lstm_eval.negated_accuracy >= 0.90
    assert lstm_eval.by_kind["contrast"] >= 0.9 and bow_eval.by_kind["contrast"] < 0.65
    assert lstm_eval.confusion.sum() == len(test_t)
    assert np.trace(lstm_eval.confusion) == round(lstm_eval.accuracy * len(test_t))
    pos, neg = score(lstm, ["The movie was good", "The movie was not good"])
    assert pos > 0.5 > neg


def test_shipped_checkpoint_metrics_on_the_held_out_split():
    _, _, _, test_t = dataset()
    lstm = evaluate(load_sentiment_model(), test_t)
    assert lstm.accuracy == pytest.approx(SHIPPED_METRICS["accuracy"], abs=1e-4)  # the same weights
    assert lstm.negated_accuracy == pytest.approx(SHIPPED_METRICS["negated_accuracy"], abs=1e-4)
    held_out_checks(load_sentiment_model(), load_bow_model())


def test_regenerated_checkpoint_reaches_its_metrics(tmp_path):
    """Retrain from scratch (about 16 s of CPU): every recorded metric within the tolerance measured
    across CPU kernels (tests/retrain_tolerances.py), and the shipped pair's held-out checks."""
    metrics = classify.build_checkpoint(tmp_path)
    assert_close_to_recorded(metrics, {k: v for k, v in recorded_metrics()["sentiment"].items()
                                       if k != "build_seconds"}, "sentiment")
    held_out_checks(classify._load(tmp_path / classify.MODEL_FILE, "lstm"),
                    classify._load(tmp_path / classify.BOW_FILE, "bow"))
    sizes = sum(p.stat().st_size for p in tmp_path.glob("sentiment*.pt"))
    assert sizes < 1_000_000


def test_training_in_one_process_is_bit_identical():
    """Where it really is deterministic (same process, same kernel), the weights are identical."""
    a = train_classifier(cell="lstm", H=8, steps=6, seed=5).model
    b = train_classifier(cell="lstm", H=8, steps=6, seed=5).model
    for (name, p), q in zip(a.named_parameters(), b.parameters(), strict=True):
        assert torch.equal(p, q), name


# --- the loader and live training -----------------------------------------------------------------
def test_loader_draws_only_from_its_generator():
    _, vocab, train_t, _ = dataset()
    sample = make_sampler(train_t, 16, unk_rate=0.1, word_unk_rate=0.1, space_id=vocab.id_of(" "))
    torch.manual_seed(0)
    expected = torch.rand(3)
    a = sample(torch.Generator().manual_seed(5))
    b = sample(torch.Generator().manual_seed(5))
    torch.manual_seed(0)
    assert torch.equal(torch.rand(3), expected)  # the global RNG was not used
    for x, y in zip(a, b, strict=True):
        assert torch.equal(x, y)
    ids, lengths, labels = a
    assert ids.shape == (16, int(lengths.max())) and labels.shape == (16,)
    assert (ids == UNK).any()
    assert ((ids == PAD) == (torch.arange(ids.shape[1])[None] >= lengths[:, None])).all()


def test_live_training_is_deterministic_and_two_visitors_do_not_disturb_each_other():
    def run(cell: str) -> list[float]:
        return train_classifier(cell, H=8, steps=12, seed=3, eval_every=6, eval_size=50).losses

    alone = {cell: run(cell) for cell in ("lstm", "gru")}
    together: dict[str, list[float]] = {}
    threads = [threading.Thread(target=lambda c=c: together.__setitem__(c, run(c))) for c in alone]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert together == alone
    assert alone["lstm"] != alone["gru"]


def test_a_short_run_learns_something_and_reports_held_out_accuracy():
    result = train_classifier("lstm", H=32, steps=300, lr=0.01, seed=0, eval_every=100, eval_size=200)
    assert [s for s, _ in result.evals] == [100, 200, 300]
    assert result.final_metrics["accuracy"] > 0.6
    assert np.mean(result.losses[-20:]) < np.mean(result.losses[:20])


def test_bag_of_characters_counts_exactly():
    model = BagOfChars(("<pad>", "<unk>", "a", "b"), H=2)
    ids = torch.tensor([[2, 3, 2, 0], [3, 2, 2, 1]])
    counts = model.counts(ids, torch.tensor([3, 4]))
    assert counts.tolist() == [[0, 0, 2, 1], [0, 1, 2, 1]]
