"""What the "Language model" page *shows*, read off the page and checked against the model's own
PyTorch forward pass.

The shipped models come from ``core.lm.load_model`` and the learner's tokens from the model's
tokenizer, as the page gets them; every expected number is computed here from ``model(ids)``
(``nn.Embedding`` → ``nn.RNN/LSTM/GRU`` → ``nn.Linear``) with ``torch.softmax`` and
``F.cross_entropy``. Sampling is redone here too: softmax(z/τ) over the top k written in this file,
drawn with ``torch.multinomial`` from a generator with the page's seed. The shared models are only
read (a forward pass under ``no_grad``). Nothing here calls ``ui.*`` or ``core.lm.score_text``.
"""

from __future__ import annotations

import html
import math
import re

import numpy as np
import pytest
import streamlit as st
import torch
from torch.nn import functional as F

import core.lm
from core.lm import load_model
from core.text import BOS, EOS, PAD, UNK
from tests import display as d
from tests.test_pages import open_page
from ui.i18n import STRINGS

PAGE = "pages/language_model.py"
EN = "I go to school today"  # the first line of the English example text
KO = "고양이는 창가에서 잠을 잔다."
DEC2, DEC3, DEC4 = 0.005 + 1e-9, 0.0005 + 1e-9, 0.00005 + 1e-9
BARS = 8  # candidates the page lists per step


def s(key: str, lang: str = "en", **kw: object) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


# --- readers of this page ---------------------------------------------------------------------


def shown_badges(at) -> list[tuple[bool, str, float]]:
    """(green?, module, difference) of every PyTorch badge; Streamlit moves a leading ✅/❌ into
    the alert's icon, so both are read."""
    out = []
    for kind, ok in (("success", True), ("error", False)):
        for e in getattr(at, kind):
            text, icon = str(e.value), str(getattr(e, "icon", "") or "")
            m = re.search(r"`(?P<module>[^`]+)`.*?(?P<diff>\d\.\de[+-]\d+)", text)
            if m and ("✅" in icon + text or "❌" in icon + text):
                out.append((ok and "✅" in icon + text, m.group("module"), float(m.group("diff"))))
    return out


def fields(key: str, texts: list[str], lang: str = "en") -> dict[str, str]:
    """The values a page filled into the string template ``key``, read back from its texts."""
    parts = re.split(r"\{(\w+)(?::[^{}]*)?\}", STRINGS[key][lang])
    pattern = "".join(re.escape(p) if k % 2 == 0 else f"(?P<{p}>.+?)" for k, p in enumerate(parts))
    for text in texts:
        m = re.fullmatch(pattern, text, re.S)
        if m:
            return m.groupdict()
    raise AssertionError(f"no text fills {key!r}")


def token_text(tick: str) -> str:
    """A token as a figure writes it, back to the token: tags and escapes gone, ␣ a space."""
    text = html.unescape(re.sub(r"<[^>]+>", "", str(tick)))
    return " " if text == "␣" else text


def markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def codes(at) -> list[str]:
    return [c.value for c in at.code]


# --- the reference ----------------------------------------------------------------------------


def forward(model, inputs: list[int]) -> np.ndarray:
    """P(· | <bos>, x_1 … x_t) for every prefix: the model's own forward pass and torch.softmax."""
    with torch.no_grad():
        logits = model(torch.tensor([inputs]))[0]
    return torch.softmax(logits, -1).numpy()


def score(lang: str, text: str, cell: str = "lstm", level: str = "char") -> dict:
    model = load_model(lang, cell, level)
    tokens = model.tokens(text)[:64]
    ids = [int(k) for k in model.encode(tokens)]  # the model's own tokenizer and vocabulary
    probs = forward(model, [BOS, *ids])
    targets = [*ids, EOS]
    factors = probs[np.arange(len(targets)), targets]
    with torch.no_grad():
        logits = model(torch.tensor([[BOS, *ids]]))[0]
        nll = float(F.cross_entropy(logits, torch.tensor(targets), reduction="sum"))
    np.testing.assert_allclose(-np.log(factors).sum(), nll, rtol=1e-12)
    return {"model": model, "tokens": tokens, "ids": ids, "probs": probs, "factors": factors,
            "log10": -nll / math.log(10), "ppl": math.exp(nll / len(targets)), "nll": nll,
            "unknown": [i == UNK for i in ids], "steps": len(targets)}


def reshape(logits: np.ndarray, temperature: float, top_k: int | None) -> np.ndarray:
    """softmax(z/τ) over the k likeliest ids; <pad>, <unk> and <bos> are never drawn."""
    z = logits.astype(np.float64).copy()
    z[[PAD, UNK, BOS]] = -np.inf
    if top_k:
        z[np.argsort(-z, kind="stable")[top_k:]] = -np.inf
    if temperature <= 0:
        out = np.zeros_like(z)
        out[int(np.argmax(z))] = 1.0
        return out
    e = np.exp((z - z.max()) / temperature)
    return e / e.sum()


def draw(model, temperature: float, top_k: int | None, seed: int, max_tokens: int) -> tuple[list[int], list]:
    """Generate after <bos>: the ids drawn and, per token, (model distribution, reshaped one)."""
    g = torch.Generator().manual_seed(seed)
    out, rows = [], []
    with torch.no_grad():
        for _ in range(max_tokens):
            logits = model(torch.tensor([[BOS, *out]]))[0, -1].numpy()
            p = reshape(logits, temperature, top_k)
            nid = int(torch.multinomial(torch.from_numpy(p), 1, generator=g))
            rows.append((torch.softmax(torch.from_numpy(logits), -1).numpy(), p))
            out.append(nid)
            if nid == EOS:
                break
    return out, rows


@pytest.fixture(scope="module")
def ref():
    return score("en", EN)


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE, lang="en")


def go(at, step: int) -> None:
    at.slider(key="lm_step__slider").set_value(step).run()
    assert not at.exception and at.session_state["lm_step"] == step


def check_sentence(at, r: dict, lang: str = "en") -> None:
    (ok, module, diff), = shown_badges(at)
    assert ok and module == "nn.CrossEntropyLoss" and diff < 1e-9
    m = d.metrics(at)
    assert m[s("lm.along.steps", lang)] == str(r["steps"])
    np.testing.assert_allclose(float(m[s("lm.along.log10", lang)]), r["log10"], atol=DEC2)
    np.testing.assert_allclose(float(m[s("lm.along.ppl", lang)]), r["ppl"], atol=DEC2)
    tex = next(x for x in d.latex(at) if "PPL" in x)
    assert rf"x_{{{len(r['tokens'])}}}" in tex and rf"\prod_{{t=1}}^{{{r['steps']}}}" in tex
    assert rf"P^{{-1/{r['steps']}}}" in tex
    power = float(re.search(r"10\^\{(-?\d+\.\d+)\}", tex).group(1))
    np.testing.assert_allclose(power, r["log10"], atol=DEC2)
    np.testing.assert_allclose(float(re.search(r"= (\d+\.\d+)\s*$", tex.strip().strip("$").strip()).group(1)),
                               r["ppl"], atol=DEC2)


def check_step(at, r: dict, step: int, lang: str = "en") -> None:
    i, shown = step - 1, [*r["tokens"], "<eos>"]
    itos = r["model"].itos
    read = codes(at).index("<bos>" + "".join(r["tokens"][:i]))  # what the model has read
    assert codes(at)[read + 1] == shown[i]  # and, beside it, what really comes next
    got = fields("lm.along.factor", markdown(at), lang)
    np.testing.assert_allclose(float(got["p"].strip("*")), r["factors"][i], atol=DEC4)
    bars = d.chart(at, "lm_bars")
    bar, = d.traces(bars, "bar")
    p = r["probs"][i]
    top = np.argsort(-p, kind="stable")[:BARS]
    names = list(bar["y"])
    assert [token_text(n.split(". ", 1)[1]) for n in names[:BARS]] == [itos[k] for k in top]
    assert [n.split(". ", 1)[0] for n in names[:BARS]] == [str(k) for k in range(1, BARS + 1)]
    np.testing.assert_allclose(d.numbers(bar["x"])[:BARS], p[top], atol=1e-9)
    np.testing.assert_allclose([float(v) for v in bar["text"][:BARS]], p[top], atol=DEC3)
    target = ([*r["ids"], EOS])[i]
    colors = bar["marker"]["color"]
    odd = [k for k, c in enumerate(colors) if colors.count(c) == 1]  # the one bar in orange
    if target in top:
        assert len(names) == BARS
        assert odd == [int(np.flatnonzero(top == target)[0])]
    else:  # the real next token is added below the list
        assert len(names) == BARS + 1 and token_text(names[-1].removeprefix("… ")) == itos[target]
        np.testing.assert_allclose(d.numbers(bar["x"])[-1], p[target], atol=1e-9)
        assert odd == [BARS]
    assert bars["layout"]["title"]["text"] == s("lm.along.bars", lang, t=step)
    strip = d.chart(at, "lm_strip")
    logs, running = d.traces(strip, "bar")[0], d.traces(strip, "scatter")[0]
    np.testing.assert_allclose(d.numbers(logs["y"]), np.log10(r["factors"]), atol=1e-9)
    np.testing.assert_allclose(d.numbers(running["y"]), np.cumsum(np.log10(r["factors"])), atol=1e-9)
    assert [token_text(t) for t in strip["layout"]["xaxis"]["ticktext"]] == shown
    colors = logs["marker"]["color"]
    current = [k for k, c in enumerate(colors) if c == colors[i]]
    assert current == [i]  # only this step's bar is outlined in its colour


# --- the page --------------------------------------------------------------------------------


def test_sentence_probability_and_perplexity(at, ref):
    check_sentence(at, ref)


@pytest.mark.parametrize("step", [1, 2, 7, 21])
def test_each_step_shows_its_prefix_next_token_and_distribution(at, ref, step):
    go(at, step)
    check_step(at, ref, step)


def test_another_cell_is_scored_by_its_own_model():
    at = open_page(PAGE, lang="en")
    at.radio(key="lm_cell").set_value("gru").run()
    assert not at.exception
    r = score("en", EN, "gru")
    check_sentence(at, r)
    go(at, 5)
    check_step(at, r, 5)


def test_sampled_text_and_its_distributions(at, ref):
    model = ref["model"]
    ids, rows = draw(model, 0.8, 10, 0, 60)  # the page's default knobs
    tokens = [model.itos[k] for k in ids]
    text = "".join(tok for tok in tokens if tok != "<eos>")
    assert text in codes(at)
    ended = "eos" if ids[-1] == EOS else "length"
    assert s(f"lm.sample.ended.{ended}", n=len(ids)) in [c.value for c in at.caption]
    for step in (1, 2, len(ids)):
        at.slider(key="lm_gen__slider").set_value(step).run()
        i = step - 1
        model_p, drawn = rows[i]
        assert drawn[ids[i]] > 0  # only a token inside the top k can be drawn
        got = fields("lm.sample.token", markdown(at))
        np.testing.assert_allclose([float(got["p"].strip("*")), float(got["q"])],
                                   [drawn[ids[i]], model_p[ids[i]]], atol=DEC3)
        strip, = d.traces(d.chart(at, "lm_gen_strip"), "heatmap")
        z = d.numbers(strip["z"])[0]
        np.testing.assert_allclose(z[:step], [rows[k][1][ids[k]] for k in range(step)], atol=1e-9)
        assert np.isnan(z[step:]).all()
        assert [token_text(v) for v in strip["text"][0][:step]] == tokens[:step]
        model_bars, drawn_bars = d.traces(d.chart(at, "lm_gen_bars"), "bar")
        ticks = [token_text(v) for v in model_bars["x"]]
        order = [model.itos.index(tok) for tok in ticks]
        assert tokens[i] in ticks
        np.testing.assert_allclose(d.numbers(model_bars["y"]), model_p[order], atol=1e-9)
        np.testing.assert_allclose(d.numbers(drawn_bars["y"]), drawn[order], atol=1e-9)
        colors = drawn_bars["marker"]["color"]
        assert [k for k, c in enumerate(colors) if colors.count(c) == 1] == [ticks.index(tokens[i])]


def test_greedy_sampling_writes_the_argmax_text():
    at = open_page(PAGE, lang="en")
    at.slider(key="lm_temp").set_value(0.0).run()
    at.slider(key="lm_max_len").set_value(30).run()
    model = load_model("en", "lstm")
    ids, _ = draw(model, 0.0, 10, 0, 30)
    assert "".join(model.itos[k] for k in ids if k != EOS) in codes(at)


def test_character_against_word_model(at, ref):
    word = score("en", EN, "lstm", "word")
    n_chars = len(ref["tokens"]) + 1
    table = d.table(at, 0)
    rows = {name: k for k, name in enumerate(table[s("lm.units.model")])}
    for name, r in ((s("lm.units.char"), ref), (s("lm.units.word"), word)):
        row = table.iloc[rows[name]]
        assert row[s("lm.units.steps")] == r["steps"]
        assert row[s("lm.units.unk")] == sum(r["unknown"])
        np.testing.assert_allclose(float(row[s("lm.units.log10")]), r["log10"], atol=DEC2)
        np.testing.assert_allclose(float(row[s("lm.units.npc")]), r["nll"] / n_chars, atol=DEC3)
    assert word["tokens"] == ["I", "go", "to", "school", "today"] and sum(word["unknown"]) >= 1
    shown = "  ".join(f"{tok}→<unk>" if unk else tok
                      for tok, unk in zip(word["tokens"], word["unknown"], strict=True))
    assert shown in codes(at)
    strip = d.chart(at, "lm_word_strip")
    logs = d.traces(strip, "bar")[0]
    np.testing.assert_allclose(d.numbers(logs["y"]), np.log10(word["factors"]), atol=1e-9)
    running = d.numbers(d.traces(strip, "scatter")[0]["y"])
    np.testing.assert_allclose(running, np.cumsum(np.log10(word["factors"])), atol=1e-9)
    assert [token_text(t) for t in strip["layout"]["xaxis"]["ticktext"]] == [*word["tokens"], "<eos>"]
    colors = logs["marker"]["color"]
    unk_color = {colors[k] for k, u in enumerate(word["unknown"]) if u}
    flags = [*word["unknown"], False]  # <eos> is never unknown
    assert len(unk_color) == 1 and all((c in unk_color) == u for c, u in zip(colors, flags, strict=True))
    compare, = d.traces(d.chart(at, "lm_units_compare"), "bar")
    assert list(compare["x"]) == [s("lm.units.char"), s("lm.units.word")]
    per_char = [ref["nll"] / n_chars, word["nll"] / n_chars]
    np.testing.assert_allclose(d.numbers(compare["y"]), per_char, atol=1e-9)
    assert [v.split("(T=")[1].rstrip(")") for v in compare["text"]] == [str(ref["steps"]), str(word["steps"])]


def test_korean_sentence_on_the_korean_models():
    at = open_page(PAGE, lang="ko")
    at.text_area(key="user_text").input(KO).run()
    assert not at.exception and at.radio(key="lm_lang").value == "ko"
    r = score("ko", KO)
    check_sentence(at, r, "ko")
    for step in (3, len(r["tokens"]) + 1):
        go(at, step)
        check_step(at, r, step, "ko")
    word = score("ko", KO, "lstm", "word")
    table = d.table(at, 0)
    assert table[s("lm.units.steps", "ko")].tolist() == [r["steps"], word["steps"]]
    shown = [float(v) for v in table[s("lm.units.log10", "ko")]]
    np.testing.assert_allclose(shown, [r["log10"], word["log10"]], atol=DEC2)


# --- the badge can turn red ------------------------------------------------------------------


@pytest.fixture
def clean_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_badge_turns_red_when_the_probabilities_disagree_with_pytorch(monkeypatch, clean_caches):
    real = core.lm.softmax

    def off_by_a_little(z):
        out = real(z)
        if np.ndim(out) == 2:  # the distributions along the text (sampling draws from 1-D rows)
            out = out.copy()
            out[:, PAD] += 1e-3  # <pad> is never a target: only the rows differ, not the loss
        return out

    monkeypatch.setattr(core.lm, "softmax", off_by_a_little)
    at = open_page(PAGE, lang="en")
    (ok, module, diff), = shown_badges(at)
    assert not ok and module == "nn.CrossEntropyLoss"
    assert diff == pytest.approx(1e-3, rel=0.06)
    assert any("1.0e-03" in e.value for e in at.error)
