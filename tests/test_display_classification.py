"""What the "Classification" page *shows*, read off the page and checked against PyTorch.

The expected numbers come from the shipped sentiment model's own modules (``nn.Embedding`` →
``nn.LSTM`` → ``nn.Linear`` → ``torch.sigmoid``) run in this file, from the bag-of-characters
baseline written out again in NumPy, from fresh ``torch.nn`` modules (parameter counts) and from
``core/data/checkpoints/metrics.json`` read here. The page's running-prediction trace, its figure
builders and its formatters are what is under test, so none of them makes an expected value.

Two core helpers that only this page uses are guarded here too: the prediction before the first
character (``RunningPrediction.p0`` = ``p_before[0]``, checked against the head on the LSTM's
zero initial state) and ``RunningPrediction.biggest_word_turn``, checked against a turn computed
here from the per-character probabilities of the LSTM run by PyTorch.
"""

from __future__ import annotations

import dataclasses
import json
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
import torch
import torch.nn.functional as F

import core.classify
from core.classify import (
    dataset,
    draw_batch,
    load_bow_model,
    load_sentiment_model,
    new_model,
    running_prediction,
)
from core.sentiment_data import KINDS_OF_REVIEW, order_pairs
from core.text import PAD, TokenizerSpec, tokenize
from tests import display as D
from tests.test_pages import open_page
from ui.i18n import STRINGS

PAGE = "pages/classification.py"
ROOT = Path(__file__).resolve().parents[1]
METRICS = json.loads((ROOT / "core" / "data" / "checkpoints" / "metrics.json").read_text(encoding="utf-8"))
TEXT_EN = "The movie was good\nThe movie was not good"
TEXT_KO = "이 영화 정말 좋았다\n이 영화 정말 좋지 않았다"
PCT1 = 0.0006  # a value written as 12.3 %
DEC3 = 0.0006  # a value written with 3 decimals
DEC4 = 0.00006


def s(key: str, lang: str = "en", **kw) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


# --- the reference ---------------------------------------------------------------------------------
@dataclass
class Read:
    tokens: list[str]
    ids: np.ndarray
    h: np.ndarray  # (T, H) nn.LSTM output
    logits: np.ndarray  # (T,)
    p: np.ndarray  # (T,)
    p0: float  # the head on h_0 = 0: P(positive) before reading anything
    bow: float


def chars(text: str) -> list[str]:
    return tokenize(text, TokenizerSpec("char"))


def read(text: str) -> Read:
    """The shipped LSTM over ``text`` by its own torch modules; the baseline in NumPy."""
    model = load_sentiment_model()  # shared and frozen: only read here, under no_grad
    tokens = chars(text)
    ids = np.array([model.vocab.id_of(tok.lower()) for tok in tokens], dtype=np.int64)
    with torch.no_grad():
        x = model.embedding(torch.as_tensor(ids))[None]  # (1, T, E)
        out, _ = model.rnn(x)  # nn.LSTM, batch_first
        h = out[0]
        logits = model.head(h).squeeze(-1)
        p = torch.sigmoid(logits)
        H = model.rnn.hidden_size
        p0 = float(torch.sigmoid(model.head(torch.zeros(1, H, dtype=h.dtype)))[0, 0])
    return Read(tokens, ids, h.numpy(), logits.numpy(), p.numpy(), p0, bow_numpy(ids))


def bow_numpy(ids: np.ndarray) -> float:
    """P = σ(w₂ · tanh(W₁ n + b₁) + b₂) with n the count of each character (no <pad>)."""
    bow = load_bow_model()
    W1, b1 = bow.hidden.weight.numpy(), bow.hidden.bias.numpy()
    w2, b2 = bow.head.weight.numpy()[0], float(bow.head.bias.numpy()[0])
    n = np.bincount(ids, minlength=W1.shape[1]).astype(float)
    n[PAD] = 0.0
    z = w2 @ np.tanh(W1 @ n + b1) + b2
    return float(1.0 / (1.0 + np.exp(-z)))


def ends_of_words(tokens: list[str]) -> list[int]:
    """0-based positions of the last character of every word."""
    return [t for t, tok in enumerate(tokens)
            if not tok.isspace() and (t == len(tokens) - 1 or tokens[t + 1].isspace())]


def turn(r: Read) -> tuple[int, int, float, float] | None:
    """(step t, word number, P at the previous word end or before reading, P at this end)."""
    ends = ends_of_words(r.tokens)
    if not ends:
        return None
    best, prev = None, r.p0
    for k, e in enumerate(ends):
        move = abs(float(r.p[e]) - prev)
        if best is None or move > best[0]:
            best = (move, e + 1, k + 1, prev, float(r.p[e]))
        prev = float(r.p[e])
    return best[1:]


# --- readers -----------------------------------------------------------------------------------------
def pct(text: str) -> float:
    return float(text.rstrip("%")) / 100


def tick_of(spec: dict, axis: str, value: float) -> str:
    ax = spec["layout"][axis]
    vals = D.numbers(ax["tickvals"])
    k = int(np.argmin(np.abs(vals - value)))
    assert abs(vals[k] - value) < 1e-9
    return D.plain(ax["ticktext"][k])


def step_numbers(at, lang: str = "en") -> tuple[int, float, float, float]:
    """t, P before, P now and the change, from the step's sentence."""
    head = s("cls.step.now", lang).split("{t}")[0]
    (text,) = [m.value for m in at.markdown if m.value.startswith(head)]
    t, before, after, delta = D.numbers_in(text.replace("**", ""))
    return int(t), before, after, delta


# --- fixtures ------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def at_en():
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input(TEXT_EN).run()
    assert not at.exception
    return at


@pytest.fixture(scope="module")
def line1():
    return read(TEXT_EN.split("\n")[0])


@pytest.fixture(scope="module")
def line2():
    return read(TEXT_EN.split("\n")[1])


def to_step(at, step: int):
    at.slider(key="cls_step__slider").set_value(step).run()
    assert not at.exception and at.session_state["cls_step"] == step
    return at


# --- core helpers that feed only this page -------------------------------------------------------------
TURN_TEXTS = ["The movie was good", "The movie was not good", "  not bad at all ", "정말 재미있지 않았다",
              "good", "a", "  ", "x  y", "I did not like it, it was awful!!"]


@pytest.mark.parametrize("text", TURN_TEXTS)
def test_the_prediction_before_reading_is_the_head_on_the_zero_state(text):
    r = read(text)
    run = running_prediction(text)
    assert run.p_before[0] == pytest.approx(r.p0, abs=1e-12)
    np.testing.assert_allclose(run.p_before[1:], r.p[:-1], atol=1e-12)


@pytest.mark.parametrize("text", TURN_TEXTS)
def test_biggest_word_turn_against_the_lstm_run_here(text):
    want = turn(read(text))
    got = running_prediction(text).biggest_word_turn()
    if want is None:
        assert got is None
        return
    assert got is not None and got[:2] == want[:2]
    assert got[2] == pytest.approx(want[2], abs=1e-12) and got[3] == pytest.approx(want[3], abs=1e-12)


# --- 1. reading a sentence -------------------------------------------------------------------------------
def test_metrics_verdict_turn_and_model_facts(at_en, line1):
    shown = D.metrics(at_en)
    assert abs(pct(shown["LSTM: P(positive)"]) - line1.p[-1]) < PCT1
    assert abs(pct(shown["Bag of characters: P(positive)"]) - line1.bow) < PCT1
    assert shown["LSTM's verdict"] == ("positive" if line1.p[-1] >= 0.5 else "negative")
    step, word, before, after = turn(line1)
    text = " ".join(m.value for m in at_en.markdown)
    m = re.search(r"biggest turn comes with word (\d+): at its end \(\$t = (\d+)\$\) P\(positive\) moved from "
                  r"([\d.]+)% to ([\d.]+)%", text)
    assert m, text
    assert (int(m.group(1)), int(m.group(2))) == (word, step)
    assert abs(float(m.group(3)) / 100 - before) < PCT1 and abs(float(m.group(4)) / 100 - after) < PCT1
    model = load_sentiment_model()
    sm = METRICS["sentiment"]
    facts = s("cls.model.facts", E=model.embedding.embedding_dim, H=model.rnn.hidden_size,
              n=sm["train_reviews"], acc=sm["accuracy"], neg=sm["negated_accuracy"], test=sm["test_reviews"])
    assert facts in [c.value for c in at_en.caption]


@pytest.mark.parametrize("step", [1, 5, 18])
def test_each_step_shows_its_character_and_the_lstm_numbers(at_en, line1, step):
    to_step(at_en, step)
    assert at_en.code[0].value == (line1.tokens[step - 1] if not line1.tokens[step - 1].isspace() else "␣")
    t, before, after, delta = step_numbers(at_en)
    prev = line1.p0 if step == 1 else line1.p[step - 2]
    assert t == step
    assert abs(before - prev) < DEC3 and abs(after - line1.p[step - 1]) < DEC3
    assert abs(delta - (line1.p[step - 1] - prev)) < 2 * DEC3
    (tex,) = [x for x in D.latex(at_en) if r"\sigma(w^\top" in x]
    assert rf"x_{{{step}}}) = \sigma(w^\top h_{{{step}}} + b)" in tex
    logit, p = D.tex_numbers(tex.split(r"+ b) =")[1])
    assert abs(logit - line1.logits[step - 1]) < DEC3 and abs(p - line1.p[step - 1]) < DEC3
    assert 0 <= p <= 1


def test_the_next_button_moves_one_character(at_en, line1):
    to_step(at_en, 7)
    at_en.button(key="cls_step__next").click().run()
    assert at_en.session_state["cls_step"] == 8
    assert at_en.code[0].value == line1.tokens[7]
    t, before, after, _ = step_numbers(at_en)
    assert t == 8 and abs(before - line1.p[6]) < DEC3 and abs(after - line1.p[7]) < DEC3


@pytest.mark.parametrize("step", [1, 11])
def test_running_chart_draws_the_lstm_probabilities(at_en, line1, line2, step):
    to_step(at_en, step)
    spec = D.chart(at_en, "cls_fig_running")
    twin, faint, shown, here = D.traces(spec, "scatter")
    assert twin["line"]["dash"] == "dot"
    np.testing.assert_allclose(D.numbers(twin["y"]), line2.p, atol=1e-12)
    np.testing.assert_allclose(D.numbers(twin["x"]), np.arange(1, len(line2.p) + 1))
    np.testing.assert_allclose(D.numbers(faint["y"]), line1.p, atol=1e-12)
    xs = D.numbers(shown["x"])
    np.testing.assert_allclose(xs, np.arange(1, step + 1))
    np.testing.assert_allclose(D.numbers(shown["y"]), line1.p[:step], atol=1e-12)
    for x in D.numbers(faint["x"]):
        label = tick_of(spec, "xaxis", x)
        assert label.split()[-1] == str(int(x))  # the token's tick carries its own step
        tok = line1.tokens[int(x) - 1]
        assert label.split()[0] == ("␣" if tok.isspace() else tok)
    assert D.numbers(here["x"]).tolist() == [step]
    assert D.numbers(here["y"])[0] == pytest.approx(line1.p[step - 1], abs=1e-12)
    sizes = D.numbers(shown["marker"]["size"])
    ends = set(ends_of_words(line1.tokens))
    assert [t for t in range(step) if sizes[t] > 8] == [t for t in range(step) if t in ends]
    notes = D.annotations(spec)
    assert notes == [f"line 2: {line2.p[-1]:.0%}"]


@pytest.mark.parametrize("step", [1, 15])
def test_unit_votes_are_w_times_h(at_en, line1, step):
    to_step(at_en, step)
    model = load_sentiment_model()
    w, b = model.head.weight.numpy()[0], float(model.head.bias.numpy()[0])
    spec = D.chart(at_en, "cls_fig_votes")
    before, now = D.traces(spec, "bar")
    h_prev = line1.h[step - 2] if step > 1 else np.zeros_like(line1.h[0])
    np.testing.assert_allclose(D.numbers(now["y"]), w * line1.h[step - 1], atol=1e-12)
    np.testing.assert_allclose(D.numbers(before["y"]), w * h_prev, atol=1e-12)
    np.testing.assert_allclose(D.numbers(now["x"]), np.arange(1, len(w) + 1))
    title = D.plain(spec["layout"]["title"]["text"])
    t, logit, bias = D.numbers_in(title.split("at t = ")[1].replace("+", ""))
    assert t == step and abs(logit - line1.logits[step - 1]) < DEC3 and abs(bias - b) < DEC3
    assert abs((w * line1.h[step - 1]).sum() + b - line1.logits[step - 1]) < 1e-12


def test_hidden_heatmap_has_time_on_x_and_units_on_y(at_en, line1):
    spec = D.chart(at_en, "cls_fig_hidden")
    (tr,) = D.traces(spec, "heatmap")
    z, xs, ys = D.numbers(tr["z"]), D.numbers(tr["x"]), D.numbers(tr["y"])
    T, H = line1.h.shape
    assert z.shape == (len(ys), len(xs)) == (H, T)
    for c, x in enumerate(xs):
        t = int(tick_of(spec, "xaxis", x).split()[-1])  # the tick names a time step
        for r, y in enumerate(ys):
            assert abs(z[r, c] - line1.h[t - 1, int(y) - 1]) < 1e-12


def test_badge_is_green_with_the_lstm_distance(at_en):
    (badge,) = D.badges(at_en)
    assert badge.module == "nn.LSTM" and badge.ok and badge.diff < 1e-12


# --- 2. order matters ------------------------------------------------------------------------------------
def test_order_pair_table_message_and_curves(at_en):
    a, b, label_a, label_b = order_pairs()[0]
    ra, rb = read(a), read(b)
    table = D.table(at_en, 0)
    assert list(table["Sentence"]) == [a, b]
    names = {0: "negative", 1: "positive"}
    assert list(table["Label"]) == [names[label_a], names[label_b]]
    bow_col, lstm_col = "Bag of characters P(positive)", "LSTM P(positive)"
    np.testing.assert_allclose([float(v) for v in table[bow_col]], [ra.bow, rb.bow], atol=DEC4)
    np.testing.assert_allclose([float(v) for v in table[lstm_col]], [ra.p[-1], rb.p[-1]], atol=DEC4)
    assert sorted(ra.ids.tolist()) == sorted(rb.ids.tolist())  # the same bag: the baseline cannot tell
    (msg,) = [m.value for m in at_en.success if m.value.startswith("Both texts have the same characters")]
    gap, lstm_gap = D.numbers_in(msg)[-2:]
    assert gap < 1e-12 and abs(lstm_gap - abs(ra.p[-1] - rb.p[-1])) < DEC3
    spec = D.chart(at_en, "cls_fig_pair")
    lines = {D.plain(tr["name"]): tr for tr in D.traces(spec, "scatter")}
    np.testing.assert_allclose(D.numbers(lines["A · LSTM"]["y"]), ra.p, atol=1e-12)
    np.testing.assert_allclose(D.numbers(lines["B · LSTM"]["y"]), rb.p, atol=1e-12)
    np.testing.assert_allclose(D.numbers(lines["A · bag of characters"]["y"]), [ra.bow] * 2, atol=1e-12)
    np.testing.assert_allclose(D.numbers(lines["B · bag of characters"]["y"]), [rb.bow] * 2, atol=1e-12)


def test_accuracy_by_kind_is_the_shipped_metrics(at_en):
    m = METRICS["sentiment"]
    spec = D.chart(at_en, "cls_fig_kinds")
    lstm, bow = D.traces(spec, "bar")
    assert D.plain(lstm["name"]) == "LSTM" and D.plain(bow["name"]) == "bag of characters"
    names = {s(f"cls.kind.{k}"): k for k in KINDS_OF_REVIEW}
    for tr, prefix in ((lstm, "kind_"), (bow, "bow_kind_")):
        for label, y, text in zip(tr["x"], D.numbers(tr["y"]), tr["text"], strict=True):
            want = m[prefix + names[D.plain(label)]]
            assert abs(y - want) < 1e-9 and abs(pct(text) - want) <= 0.005 + 1e-9
    note = s("cls.order.kinds_note", lstm=m["accuracy"], bow=m["bow_accuracy"], lstm_neg=m["negated_accuracy"],
             bow_neg=m["bow_negated_accuracy"])
    assert note in [c.value for c in at_en.caption]


# --- 3. the classic practice -------------------------------------------------------------------------------
def test_dataset_metrics_and_the_loader_batch(at_en):
    sm = METRICS["sentiment"]
    shown = D.metrics(at_en)
    assert shown["Training reviews"] == f"{sm['train_reviews']:,}"
    assert shown["Held-out reviews"] == f"{sm['test_reviews']:,}"
    assert int(shown["Character vocabulary |V|"]) == load_sentiment_model().embedding.num_embeddings
    assert abs(pct(shown["Held-out with a negation"]) - sm["test_negated"] / sm["test_reviews"]) <= 0.005 + 1e-4

    data, _, train_t, _ = dataset()
    idx, (_ids, _lengths, _labels) = draw_batch(train_t, torch.Generator().manual_seed(1), 6)
    texts = [data.train[int(i)].text for i in idx]
    table = D.table(at_en, 2)
    assert list(table["Review"]) == texts
    assert list(table["lengths[i]"]) == [len(chars(t)) for t in texts]
    assert list(table["labels[i]"]) == [data.train[int(i)].label for i in idx]
    B, T = len(texts), max(len(chars(t)) for t in texts)
    pads = B * T - sum(len(chars(t)) for t in texts)
    assert s("cls.data.shapes", B=B, T=T, pad=pads, total=B * T) in [m.value for m in at_en.markdown]
    spec = D.chart(at_en, "cls_fig_batch")
    (tr,) = D.traces(spec, "heatmap")
    cells = tr["text"]
    for i, text in enumerate(texts):
        row = [D.plain(c) for c in cells[i]]
        want = [c.lower() if not c.isspace() else "␣" for c in chars(text)]
        assert row[: len(want)] == want and set(row[len(want):]) <= {"·"}


def fresh_counts(V: int, E: int, H: int) -> list[tuple[str, tuple[int, ...], int]]:
    mods = {"embedding": torch.nn.Embedding(V, E), "rnn": torch.nn.LSTM(E, H, batch_first=True),
            "head": torch.nn.Linear(H, 1)}
    return [(f"{m}.{n}", tuple(p.shape), p.numel()) for m, mod in mods.items() for n, p in mod.named_parameters()]


def test_parameter_table_and_count_equation(at_en):
    V, E, H = load_sentiment_model().embedding.num_embeddings, 16, 32
    want = fresh_counts(V, E, H)
    table = D.table(at_en, 3)
    assert list(table["Name"]) == [n for n, _, _ in want]
    assert list(table["Shape"]) == [" × ".join(map(str, shape)) for _, shape, _ in want]
    assert list(table["Count"]) == [c for _, _, c in want]
    (tex,) = [x for x in D.latex(at_en) if "embedding" in x]
    lstm = sum(p.numel() for p in torch.nn.LSTM(E, H).parameters())
    assert rf"{V}\cdot{E}" in tex and rf"4\,({H}\cdot({E}+{H}) + 2\cdot{H})" in tex
    assert rf"\text{{LSTM}} = {lstm:,}".replace(",", "{,}") in tex
    assert tex.rstrip("$\n ").endswith(f"= {sum(c for _, _, c in want):,}".replace(",", "{,}"))


def untrained_forward(model, ids, lengths):
    with torch.no_grad():
        x = model.embedding(ids)
        h, _ = model.rnn(x)
        last = h[torch.arange(len(ids)), lengths - 1]
        logits = model.head(last).squeeze(-1)
    return x, h, last, logits


def test_forward_shapes_loss_and_the_untrained_evaluation(at_en):
    model = new_model("lstm", E=16, H=32, seed=0).eval()
    _, _, train_t, test_t = dataset()
    _, (ids, lengths, labels) = draw_batch(train_t, torch.Generator().manual_seed(1), 6)
    x, h, last, logits = untrained_forward(model, ids, lengths)
    table = D.table(at_en, 4)
    assert list(table["Shape"]) == [str(tuple(a.shape)) for a in (ids, x, h, last, logits, logits)]
    loss = float(F.binary_cross_entropy_with_logits(logits, labels.to(logits.dtype)))
    probs = torch.sigmoid(logits).tolist()
    (text,) = [m.value for m in at_en.markdown if m.value.startswith("The binary cross-entropy of this batch")]
    m = re.search(r"\*\*([\d.]+)\*\*, close to ln 2 = ([\d.]+),.*: (.*)\.$", text)
    assert m, text
    assert abs(float(m.group(1)) - loss) < DEC4 and abs(float(m.group(2)) - np.log(2)) < DEC4
    np.testing.assert_allclose([float(v) for v in m.group(3).split(", ")], probs, atol=DEC3)

    with torch.no_grad():
        p = torch.cat([torch.sigmoid(untrained_forward(model, test_t.ids[i:i + 400, : int(test_t.lengths[i:i + 400]
                                                                                            .max())],
                                                       test_t.lengths[i:i + 400])[3])
                       for i in range(0, len(test_t), 400)]).double().numpy()
    y = test_t.labels.numpy().astype(int)
    pred = (p >= 0.5).astype(int)
    conf = np.array([[np.sum((y == a) & (pred == b)) for b in (0, 1)] for a in (0, 1)])
    acc = float(np.mean(pred == y))
    ce = float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))
    (text,) = [m.value for m in at_en.markdown if m.value.startswith("Classifying every held-out review")]
    m = re.search(r"accuracy \*\*([\d.]+)%\*\* and loss ([\d.]+) ", text)
    assert m, text
    assert abs(float(m.group(1)) / 100 - acc) < PCT1 and abs(float(m.group(2)) - ce) < DEC4
    (text,) = [m.value for m in at_en.markdown if m.value.startswith("Reading a confusion matrix")]
    assert D.numbers_in(text) == [conf[0, 0], conf[0, 1], conf[1, 0], conf[1, 1]]
    check_confusion(D.chart(at_en, "cls_fig_confusion_before"), conf, "en")


def check_confusion(spec: dict, conf: np.ndarray, lang: str) -> None:
    """Cells read through their category labels: y names the true label, x the prediction."""
    (tr,) = D.traces(spec, "heatmap")
    assert D.plain(spec["layout"]["xaxis"]["title"]["text"]) == s("cls.fig.pred", lang)
    assert D.plain(spec["layout"]["yaxis"]["title"]["text"]) == s("cls.fig.true", lang)
    label = {s("cls.negative", lang): 0, s("cls.positive", lang): 1}
    z = D.numbers(tr["z"])
    for r, y in enumerate(tr["y"]):
        for c, x in enumerate(tr["x"]):
            assert z[r, c] == conf[label[D.plain(y)], label[D.plain(x)]]
            assert D.plain(tr["text"][r][c]).split()[0] == str(conf[label[D.plain(y)], label[D.plain(x)]])


def test_live_training_smallest_run_shows_its_own_evaluation():
    """The smallest live run (H = 4, 20 steps); what it shows is checked against the trained model
    evaluated here on every held-out review."""
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("The soup was great").run()
    at.select_slider(key="cls_hidden").set_value(4).run()
    at.select_slider(key="cls_steps").set_value(20).run()
    at.button(key="cls_train").click().run(timeout=180)
    assert not at.exception
    model = at.session_state["cls_run"].model
    _, _, _, test_t = dataset()
    with torch.no_grad():
        p = torch.sigmoid(untrained_forward(model.eval(), test_t.ids, test_t.lengths)[3]).double().numpy()
    y = test_t.labels.numpy().astype(int)
    pred = (p >= 0.5).astype(int)
    neg = test_t.negated.numpy()
    shown = D.metrics(at)
    assert abs(pct(shown["Test accuracy"]) - np.mean(pred == y)) < PCT1
    assert abs(pct(shown["Accuracy with negation"]) - np.mean(pred[neg] == y[neg])) < PCT1
    eps = 1e-12
    ce = -np.mean(y * np.log(p + eps) + (1 - y) * np.log(1 - p + eps))
    assert abs(float(shown["Test loss"]) - ce) < DEC3
    conf = np.array([[np.sum((y == a) & (pred == b)) for b in (0, 1)] for a in (0, 1)])
    check_confusion(D.chart(at, "cls_fig_confusion_after"), conf, "en")
    ids = torch.as_tensor([[model.vocab.id_of(c.lower()) for c in chars("The soup was great")]])
    with torch.no_grad():
        mine = float(torch.sigmoid(untrained_forward(model, ids, torch.tensor([ids.shape[1]]))[3])[0])
    (text,) = [m.value for m in at.markdown if m.value.startswith("Your text box's first line")]
    got_mine, got_shipped = D.numbers_in(text.replace("**", ""))[-2:]
    assert abs(got_mine - mine) < DEC3 and abs(got_shipped - read("The soup was great").p[-1]) < DEC3


# --- the red badge -------------------------------------------------------------------------------------------
@pytest.fixture
def clean_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_badge_turns_red_when_the_trace_disagrees_with_pytorch(monkeypatch, clean_caches):
    real = core.classify.trace_lstm

    def off_by_a_little(module, x, *args, **kwargs):
        tr = real(module, x, *args, **kwargs)
        layer = dataclasses.replace(tr.layers[0][0], h=tr.layers[0][0].h + 1e-3)
        return dataclasses.replace(tr, layers=((layer,),))

    monkeypatch.setattr(core.classify, "trace_lstm", off_by_a_little)
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("The movie was good").run()
    assert not at.exception
    (badge,) = D.badges(at)
    assert not badge.ok and badge.module == "nn.LSTM" and badge.diff == pytest.approx(1e-3, rel=0.05)
    assert [e.icon for e in at.error] == ["❌"]


# --- Korean ---------------------------------------------------------------------------------------------------
def test_korean_reading_metrics_step_and_heatmap():
    lines = TEXT_KO.split("\n")
    r1, r2 = read(lines[0]), read(lines[1])
    at = open_page(PAGE, lang="ko")
    at.text_area(key="user_text").input(TEXT_KO).run()
    at.selectbox(key="cls_line").set_value(2).run()
    assert not at.exception
    shown = D.metrics(at)
    assert abs(pct(shown["LSTM: P(긍정)"]) - r2.p[-1]) < PCT1
    assert abs(pct(shown["글자 주머니: P(긍정)"]) - r2.bow) < PCT1
    assert shown["LSTM의 판정"] == ("긍정" if r2.p[-1] >= 0.5 else "부정")
    step = 9  # "좋" of 좋지
    to_step(at, step)
    assert at.code[0].value == r2.tokens[step - 1] == "좋"
    t, before, after, _delta = step_numbers(at, "ko")
    assert t == step and abs(before - r2.p[step - 2]) < DEC3 and abs(after - r2.p[step - 1]) < DEC3
    spec = D.chart(at, "cls_fig_running")
    twin, _, shown_tr, _ = D.traces(spec, "scatter")
    np.testing.assert_allclose(D.numbers(twin["y"]), r1.p, atol=1e-12)  # line 1 drawn beside line 2
    np.testing.assert_allclose(D.numbers(shown_tr["y"]), r2.p[:step], atol=1e-12)
    assert tick_of(spec, "xaxis", step).split()[0] == "좋"
    (tr,) = D.traces(D.chart(at, "cls_fig_hidden"), "heatmap")
    np.testing.assert_allclose(D.numbers(tr["z"]), r2.h.T, atol=1e-12)
