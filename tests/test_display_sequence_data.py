"""What the "Sequence data" page shows, read off the page and checked against an independent reference.

Section 1: the n-gram model is re-counted here from the corpus text (``collections.Counter``) and
smoothed by Witten–Bell as the page's caption states, written out independently; the learner's
tokens come from core's tokenizer. Sections 2–4: the series is generated here from its formula,
AR(τ) is fitted with ``torch.linalg.lstsq`` and run as a ``torch.nn.Conv1d``, k-step predictions
are iterated in numpy, the hidden state is ``torch.nn.RNN`` run forward (weights from core's seeded
``make_rnn``) with a read-out solved here. Every value is read from the page's output with
``tests.display``; no ``ui`` formatter, figure builder or core result gives an expected value.
"""

from __future__ import annotations

import dataclasses
import itertools
import math
import re
from collections import Counter, defaultdict
from functools import cache

import numpy as np
import pytest
import streamlit as st
import torch

import core.timeseries
from core.ngram import corpus_sentences
from core.rnn import make_rnn
from core.text import TokenizerSpec, tokenize
from tests import display as D
from tests.test_pages import open_page

PAGE = "pages/sequence_data.py"
EN = "I go to school today"
KO = "나는 오늘 학교에 간다"
SPECIALS = ("<pad>", "<unk>", "<bos>", "<eos>")
ORANGE = "#e8590c"
SUP = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
NAMES = {"en": ("your order", "shuffled"), "ko": ("내 순서", "섞은 순서")}
# The series: two sines and noise (the page says so), 300 values, the first 60 % to fit.
T_SERIES, N_TRAIN, HIDDEN, RIDGE, K_MAX, TAU_MAX = 300, 180, 48, 1e-6, 32, 16


# --- section 1: an n-gram model counted here ------------------------------------------------------
class Ngram:
    """Witten–Bell interpolated n-gram over the corpus, lower-cased; add-one unigrams."""

    def __init__(self, unit: str, n: int):
        spec = TokenizerSpec(unit, lowercase=True)
        self.spec, self.n = spec, n
        sentences = [tokenize(s, spec) for s in corpus_sentences()]
        self.vocab = set(SPECIALS) | {tok for toks in sentences for tok in toks}
        self.targets = sorted(self.vocab - {"<pad>", "<bos>"})
        self.follow: list[defaultdict[tuple, Counter]] = [defaultdict(Counter) for _ in range(n)]
        self.N = 0
        for toks in sentences:
            seq = ["<bos>"] * (n - 1) + toks + ["<eos>"]
            for t in range(n - 1, len(seq)):
                self.N += 1
                for m in range(n):
                    self.follow[m][tuple(seq[t - m:t])][seq[t]] += 1

    def known(self, tok: str) -> str:
        return tok if tok in self.vocab else "<unk>"

    def context(self, tokens: list[str], t: int) -> tuple[str, ...]:
        """The n-1 (known) tokens before 0-based position t, <bos> before the start."""
        seq = ["<bos>"] * (self.n - 1) + [self.known(x) for x in tokens]
        return tuple(seq[t:t + self.n - 1])

    def p(self, context: tuple[str, ...], w: str) -> float:
        p = (self.follow[0][()][w] + 1.0) / (self.N + len(self.targets))
        for m in range(1, len(context) + 1):
            seen = self.follow[m].get(context[-m:])
            if seen:
                total, distinct = sum(seen.values()), len(seen)
                p = (seen[w] + distinct * p) / (total + distinct)
        return p

    def factors(self, tokens: list[str]) -> list[tuple[str, tuple[str, ...], float]]:
        """(token, context, P(token | context)) of every factor, <eos> last."""
        full = [*tokens, "<eos>"]
        return [(tok, self.context(tokens, t), self.p(self.context(tokens, t), self.known(tok)))
                for t, tok in enumerate(full)]

    def log10p(self, tokens) -> float:
        return sum(math.log10(p) for _, _, p in self.factors(list(tokens)))


@cache
def ngram(unit: str, n: int) -> Ngram:
    return Ngram(unit, n)


# --- sections 2–4: series, AR(τ), RNN -------------------------------------------------------------
def series(noise: float, seed: int) -> np.ndarray:
    t = np.arange(T_SERIES)
    eps = np.random.default_rng(seed).standard_normal(T_SERIES)
    return np.sin(2 * np.pi * t / 24) + 0.5 * np.sin(2 * np.pi * t / 8) + noise * eps


def fit_ar(x: np.ndarray, tau: int) -> tuple[np.ndarray, float]:
    """Least squares on t = τ … N_TRAIN-1: x_t ≈ b + Σ w_i x_{t-i}."""
    t = np.arange(tau, N_TRAIN)
    A = np.stack([x[t - i] for i in range(1, tau + 1)] + [np.ones(len(t))], axis=1)
    coef = torch.linalg.lstsq(torch.from_numpy(A), torch.from_numpy(x[t])[:, None]).solution[:, 0].numpy()
    return coef[:-1], float(coef[-1])


def ar_one(x: np.ndarray, w: np.ndarray, b: float) -> np.ndarray:
    """1-step predictions as a torch.nn.Conv1d; NaN for t < τ. (T,)"""
    tau = len(w)
    conv = torch.nn.Conv1d(1, 1, tau, dtype=torch.float64)
    with torch.no_grad():
        conv.weight.copy_(torch.from_numpy(w[::-1].copy()).view(1, 1, -1))  # Conv1d correlates
        conv.bias.fill_(b)
        out = conv(torch.from_numpy(x).view(1, 1, -1)).view(-1).numpy()  # out[j] predicts x_{j+τ}
    pred = np.full(len(x), np.nan)
    pred[tau:] = out[:-1]
    return pred


def ar_ahead(x: np.ndarray, w: np.ndarray, b: float, k: int, targets: np.ndarray) -> np.ndarray:
    """x̂_t from true values up to x_{t-k}, feeding its own guesses k times."""
    tau = len(w)
    window = np.stack([x[targets - k - i] for i in range(tau)], axis=1)  # newest first
    for _ in range(k):
        guess = b + window @ w
        window = np.concatenate([guess[:, None], window[:, :-1]], axis=1)
    return guess


class Latent:
    """torch.nn.RNN (core's seeded weights × 1.5) over the series, a ridge read-out solved here."""

    def __init__(self, x: np.ndarray, seed: int):
        self.x = x
        self.rnn = make_rnn(1, HIDDEN, seed=seed, weight_scale=1.5)
        with torch.no_grad():
            self.h = self.rnn(torch.from_numpy(x).view(-1, 1))[0].numpy()  # (T, H)
        A = np.hstack([self.h[: N_TRAIN - 1], np.ones((N_TRAIN - 1, 1))])
        coef = np.linalg.solve(A.T @ A + RIDGE * np.eye(HIDDEN + 1), A.T @ x[1:N_TRAIN])
        self.v, self.c = coef[:-1], float(coef[-1])

    def states(self, x: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return self.rnn(torch.from_numpy(x).view(-1, 1))[0].numpy()

    def one(self, h: np.ndarray | None = None) -> np.ndarray:
        h = self.h if h is None else h
        before = np.vstack([np.zeros((1, HIDDEN)), h[:-1]])  # h_{t-1}, h_{-1} = 0
        return before @ self.v + self.c

    def ahead(self, k: int, targets: np.ndarray) -> np.ndarray:
        """x̂_t from h_{t-k}: guess, feed the guess to nn.RNN, k times."""
        state = torch.from_numpy(self.h[targets - k]).unsqueeze(0)  # (1, N, H)
        with torch.no_grad():
            for j in range(k):
                guess = state[0] @ torch.from_numpy(self.v) + self.c  # (N,)
                if j < k - 1:
                    _, state = self.rnn(guess.view(1, -1, 1), state)
        return guess.numpy()


@cache
def latent_of(noise: float, seed: int) -> Latent:
    return Latent(series(noise, seed), seed)


def rmse(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.sqrt(np.mean((a - b) ** 2)))


# --- readers --------------------------------------------------------------------------------------
def badges(at) -> list[D.Badge]:
    """The PyTorch badges as shown. Streamlit moves a leading ✅/❌ into the alert's icon, which
    ``tests.display.badges`` does not look at, so this reader reads the icon too."""
    out = []
    for kind, ok, mark in (("success", True, "✅"), ("error", False, "❌")):
        for e in getattr(at, kind):
            text = str(e.value)
            m = re.search(r"`(?P<module>[^`]+)`.*?(?P<diff>\d\.\de[+-]\d+|inf)", text)
            if m and mark in (text + str(getattr(e, "icon", "") or "")):
                out.append(D.Badge(ok, m.group("module"), float(m.group("diff"))))
    return out


def shown_log10(value: str) -> float:
    """log10 of a metric written '8.93 × 10⁻⁶', '0.0123', '1.85 × 10¹⁴ times' or '… 배'."""
    v = re.sub(r"\s*(times|배)$", "", value.strip())
    if "×" not in v:
        return math.log10(float(v))
    mantissa, power = (s.strip() for s in v.split("×"))
    assert power.startswith("10")
    return math.log10(float(mantissa)) + int(power[2:].translate(SUP))


def sig4(shown: float, true: float) -> bool:
    """``shown`` is ``true`` written with 4 significant digits (``:.4g``)."""
    return abs(shown - true) <= 0.5 * 10.0 ** (math.floor(math.log10(abs(true))) - 3) * (1 + 1e-9)


def sig3(shown: float, true: float) -> bool:
    return abs(shown - true) <= 0.5 * 10.0 ** (math.floor(math.log10(abs(true))) - 2) * (1 + 1e-9)


def seen(token: str) -> str:
    """A token as a figure writes it: a space is drawn as ␣ (the page's own convention)."""
    return "␣" if token == " " else token


def markdown(at) -> list[str]:
    return [str(m.value) for m in at.markdown]


def step_to(at, n: int):
    at.slider(key="sd_step__slider").set_value(n).run()
    assert not at.exception and at.session_state["sd_step"] == n
    return at


# --- section 1 checks -----------------------------------------------------------------------------
def strip_rows(at) -> tuple[list[str], list[str]]:
    """The tokens of the factor strip's two rows (your order, shuffled), as drawn."""
    hm = D.traces(D.chart(at, "sd_strip"), "heatmap")[0]
    return tuple([D.plain(c.split("<br>")[0]) for c in row] for row in hm["text"])  # type: ignore[return-value]


def check_order(at, model: Ngram, tokens: list[str], lang: str) -> list[str]:
    """Metrics, the two orders, the caption and the random orders; returns the shuffle as drawn."""
    mine, theirs = strip_rows(at)
    assert mine == [seen(t) for t in tokens] + ["<eos>"]
    shuffled_seen = theirs[:-1]
    assert theirs[-1] == "<eos>" and sorted(shuffled_seen) == sorted(mine[:-1])  # the same tokens
    back = {seen(t): t for t in tokens}
    shuffled = [back[t] for t in shuffled_seen]
    assert shuffled != tokens
    names = NAMES[lang]
    code = [str(c.value) for c in at.code]
    assert f"{names[0]:<12} {' '.join(tokens)}\n{names[1]:<12} {' '.join(shuffled)}" in code
    yours, other = model.log10p(tokens), model.log10p(shuffled)
    shown = list(D.metrics(at).values())
    assert len(shown) == 3
    assert shown_log10(shown[0]) == pytest.approx(yours, abs=0.0025)
    assert shown_log10(shown[1]) == pytest.approx(other, abs=0.0025)
    assert shown_log10(shown[2]) == pytest.approx(yours - other, abs=0.0025)
    caption = next(str(c.value) for c in at.caption if "Witten" in str(c.value))
    assert D.numbers_in(caption)[:3] == [model.n, len(corpus_sentences()), len(model.vocab)]
    # The histogram: every random order is an order of the same tokens; yours and the shuffle marked.
    spec = D.chart(at, "sd_hist")
    hist = D.traces(spec, "histogram")[0]
    values = D.numbers(hist["x"])
    if len(tokens) <= 7:
        every = np.array(sorted({model.log10p(p) for p in itertools.permutations(tokens)}))
        nearest = np.abs(values[:, None] - every[None, :]).min(axis=1)
        assert nearest.max() < 1e-9, "a random order's log10 P is no order's log10 P"
    lines = {tr["name"]: D.numbers(tr["x"]) for tr in D.traces(spec, "scatter")}
    np.testing.assert_allclose(lines[names[0]], yours, atol=1e-9)
    np.testing.assert_allclose(lines[names[1]], other, atol=1e-9)
    beaten = next(m for m in markdown(at) if str(len(values)) in m and "%" in m)
    assert D.numbers_in(beaten)[0] == len(values) == 200
    share = D.parse_number(re.search(r"\d+%", beaten).group(0))
    assert share == pytest.approx(np.mean(values < yours - 1e-12), abs=0.005 + 1e-9)
    return shuffled


def factor_line(at, name: str, tok: str, context: tuple[str, ...]) -> float:
    given = f" | {' '.join(context)}" if context else ""
    lines = [line for c in at.code for line in str(c.value).split("\n")]
    pattern = rf"{re.escape(name)}\s+P\({re.escape(tok + given)}\) = (\S+)"
    found = [re.fullmatch(pattern, line) for line in lines]
    found = [m for m in found if m]
    assert len(found) == 1, (pattern, lines)
    return float(found[0].group(1))


def check_bars(at, key: str, model: Ngram, tok: str, context: tuple[str, ...]) -> None:
    bars = D.traces(D.chart(at, key), "bar")[0]
    names = [D.plain(n) for n in bars["y"]]
    probs = D.numbers(bars["x"])
    dist = {w: model.p(context, w) for w in model.targets}
    top = sorted(dist.values(), reverse=True)[:8]
    np.testing.assert_allclose(probs[:8], top, rtol=1e-9)  # the 8 most likely, most likely first
    back = {seen(w): w for w in model.targets}
    for name, p in zip(names[:8], probs[:8], strict=True):
        assert dist[back[name]] == pytest.approx(p, rel=1e-9), name
    came = model.known(tok)
    orange = [n for n, c in zip(names, bars["marker"]["color"], strict=True) if c == ORANGE]
    rank = 1 + sum(v > dist[came] for v in dist.values())
    if rank <= 8:
        assert orange == [seen(came)] and len(names) == 8, (orange, tok)
    else:
        assert orange == [names[-1]] == [f"… {seen(tok)} (#{rank})"], (orange, tok, rank)
        assert probs[-1] == pytest.approx(dist[came], rel=1e-9)


def check_factor_step(at, model: Ngram, tokens: list[str], shuffled: list[str], step: int, lang: str) -> None:
    assert at.session_state["sd_step"] == step
    names = NAMES[lang]
    n = len(tokens) + 1
    head = {"en": f"Factor t = {step} of {n}:", "ko": f"인자 t = {step} / {n}:"}[lang]
    assert any(m.startswith(head) for m in markdown(at))
    strip = D.chart(at, "sd_strip")
    hm = D.traces(strip, "heatmap")[0]
    assert D.axis_ticks(strip, "yaxis") == list(names)  # row 0 is your order, row 1 the shuffle
    np.testing.assert_array_equal(D.arr(hm["x"]), np.arange(1, n + 1))
    z = D.numbers(hm["z"])
    for row, (order, key) in enumerate(((tokens, "sd_bars"), (shuffled, "sd_bars_shuffled"))):
        factors = model.factors(order)
        tok, context, p = factors[step - 1]
        assert sig4(factor_line(at, names[row], tok, context), p), (names[row], step)
        np.testing.assert_allclose(z[row], [min(-math.log10(q), 6.0) for _, _, q in factors], atol=1e-9)
        cells = [float(D.plain(c.split("<br>")[1])) for c in hm["text"][row]]
        assert all(sig3(s, q) for s, (_, _, q) in zip(cells, factors, strict=True))
        check_bars(at, key, model, tok, context)
    frames = {((s["x0"] + s["x1"]) / 2, (s["y0"] + s["y1"]) / 2) for s in strip["layout"]["shapes"]}
    assert frames == {(step, 0), (step, 1)}
    # The running product: log10 of the product of the factors so far, solid up to this step.
    running = D.chart(at, "sd_running")
    solid = {tr["name"]: tr for tr in D.traces(running, "scatter") if tr.get("name")}
    for name, order in zip(names, (tokens, shuffled), strict=True):
        cum = np.cumsum([math.log10(q) for _, _, q in model.factors(order)])
        np.testing.assert_array_equal(D.arr(solid[name]["x"]), np.arange(1, step + 1))
        np.testing.assert_allclose(D.numbers(solid[name]["y"]), cum[:step], atol=1e-9)
    (line,) = running["layout"]["shapes"]
    assert line["x0"] == line["x1"] == step


# --- sections 2–4 checks --------------------------------------------------------------------------
def check_ar(at, noise: float, seed: int, tau: int, k: int, lang: str) -> None:
    x, latent = series(noise, seed), latent_of(noise, seed)
    w, b = fit_ar(x, tau)
    tex = next(s for s in D.latex(at) if r"\hat x_t =" in s)
    m = re.search(r"\\hat x_t = (-?\d+\.\d+)", tex)
    assert m and float(m.group(1)) == pytest.approx(b, abs=5e-4 + 1e-9)
    terms = {int(lag): float(v) for v, lag in re.findall(r"([+-]\d+\.\d+)\\,x_\{t-(\d+)\}", tex)}
    lags = list(range(1, tau + 1)) if tau <= 6 else [1, 2, 3, tau]
    assert list(terms) == lags and (tau <= 6) == (r"\cdots" not in tex)
    for lag in lags:
        assert terms[lag] == pytest.approx(w[lag - 1], abs=5e-4 + 1e-9), f"w_{lag} multiplies x_(t-{lag})"
    fitted = {"en": f"AR({tau}) as fitted", "ko": f"학습 구간에서 푼 AR({tau})"}[lang]
    assert any(m.startswith(fitted) for m in markdown(at))
    # 1-step and k-step predictions, AR above and the RNN below; the test part shaded.
    spec = D.chart(at, "sd_series")
    assert D.numbers_in(D.annotations(spec)[0])[:2] == [tau, tau]  # "AR(τ): a window of the last τ values"
    data = D.traces(spec, "scatter")
    top = [tr for tr in data if tr.get("xaxis", "x") == "x"]
    bottom = [tr for tr in data if tr.get("xaxis") == "x2"]
    start = N_TRAIN - 60
    t = np.arange(start, T_SERIES)
    for panel, one, kstep in ((top, ar_one(x, w, b), ar_ahead(x, w, b, k, t)),
                              (bottom, latent.one(), latent.ahead(k, t))):
        assert len(panel) == 3 and str(k) in panel[2]["name"] and str(k) not in panel[1]["name"]
        for tr in panel:
            np.testing.assert_array_equal(D.arr(tr["x"]), t)
        np.testing.assert_allclose(D.numbers(panel[0]["y"]), x[start:], atol=1e-12)
        np.testing.assert_allclose(D.numbers(panel[1]["y"]), one[start:], atol=1e-6)
        np.testing.assert_allclose(D.numbers(panel[2]["y"]), kstep, atol=1e-6)
    bands = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert {(s["x0"], s["x1"]) for s in bands} == {(N_TRAIN - 0.5, T_SERIES - 0.5)}
    # Test error against k, and the summary under it.
    targets = np.arange(N_TRAIN, T_SERIES)
    ar_err = [rmse(ar_ahead(x, w, b, j, targets), x[targets]) for j in range(1, K_MAX + 1)]
    rnn_err = [rmse(latent.ahead(j, targets), x[targets]) for j in range(1, K_MAX + 1)]
    err = D.chart(at, "sd_err_k")
    ar_line, rnn_line = D.traces(err, "scatter")
    for line, ref in ((ar_line, ar_err), (rnn_line, rnn_err)):
        np.testing.assert_array_equal(D.arr(line["x"]), np.arange(1, K_MAX + 1))
        np.testing.assert_allclose(D.numbers(line["y"]), ref, atol=1e-6)
    assert ar_line["name"] == f"AR({tau})" and rnn_line["name"] == f"RNN (H = {latent.rnn.hidden_size})"
    marks = [s for s in err["layout"]["shapes"] if s.get("xref") == "x"]
    assert [(s["x0"], s["x1"]) for s in marks] == [(k, k)]
    floor = [s for s in err["layout"]["shapes"] if s.get("yref") == "y"]
    assert [(s["y0"], s["y1"]) for s in floor] == ([(noise, noise)] if noise > 0 else [])
    assert [D.numbers_in(n)[-1] for n in D.annotations(err)] == ([noise] if noise > 0 else [])
    key = {"en": "Test RMSE of AR(", "ko": "시험 구간 RMSE, AR("}[lang]
    (summary,) = [s for s in markdown(at) if s.startswith(key)]
    nums = D.numbers_in(summary)
    tau_s, one, kk, k_s, noise_s = (nums[0], nums[1], nums[2], nums[3], nums[4]) if lang == "en" else (
        nums[0], nums[2], nums[4], nums[3], nums[5])
    assert (tau_s, k_s, noise_s) == (tau, k, noise)
    assert one == pytest.approx(ar_err[0], abs=5e-4 + 1e-9)
    assert kk == pytest.approx(ar_err[k - 1], abs=5e-4 + 1e-9)


def check_latent(at, noise: float, seed: int, tau: int, k: int, lang: str) -> None:
    x, latent = series(noise, seed), latent_of(noise, seed)
    spec = D.chart(at, "sd_states")
    (line,) = D.traces(spec, "scatter")
    (hm,) = D.traces(spec, "heatmap")
    np.testing.assert_allclose(D.numbers(line["y"]), x, atol=1e-12)
    np.testing.assert_array_equal(D.arr(line["x"]), np.arange(T_SERIES))
    np.testing.assert_array_equal(D.arr(hm["x"]), np.arange(T_SERIES))  # a column per time t
    np.testing.assert_array_equal(D.arr(hm["y"]), np.arange(1, HIDDEN + 1))  # a row per unit of h
    z = D.numbers(hm["z"])
    assert z.shape == (HIDDEN, T_SERIES)
    assert D.numbers_in(D.plain(spec["layout"]["title"]["text"]))[-1] == latent.rnn.hidden_size
    np.testing.assert_allclose(z, latent.h.T, atol=1e-9)
    # Choosing τ: every window size's test error against the RNN's.
    test = slice(N_TRAIN, T_SERIES)
    targets = np.arange(N_TRAIN, T_SERIES)
    one, ahead = [], []
    for i in range(1, TAU_MAX + 1):
        w, b = fit_ar(x, i)
        one.append(rmse(ar_one(x, w, b)[test], x[test]))
        ahead.append(rmse(ar_ahead(x, w, b, k, targets), x[targets]))
    err = D.chart(at, "sd_err_tau")
    ar1, ark, rnn1, rnnk = D.traces(err, "scatter")
    np.testing.assert_array_equal(D.arr(ar1["x"]), np.arange(1, TAU_MAX + 1))
    np.testing.assert_allclose(D.numbers(ar1["y"]), one, atol=1e-6)
    np.testing.assert_allclose(D.numbers(ark["y"]), ahead, atol=1e-6)
    np.testing.assert_allclose(D.numbers(rnn1["y"]), rmse(latent.ahead(1, targets), x[targets]), atol=1e-6)
    np.testing.assert_allclose(D.numbers(rnnk["y"]), rmse(latent.ahead(k, targets), x[targets]), atol=1e-6)
    (mark,) = err["layout"]["shapes"]
    assert mark["x0"] == mark["x1"] == tau
    key = {"en": f"AR({tau}) fits", "ko": f"AR({tau})는"}[lang]
    (counts,) = [s for s in markdown(at) if s.startswith(key)]
    assert D.numbers_in(counts)[:4] == [tau, tau + 1, tau, latent.rnn.hidden_size + 1]


def check_response(at, noise: float, seed: int, tau: int, t0: int, delta: float, lang: str) -> None:
    x, latent = series(noise, seed), latent_of(noise, seed)
    w, b = fit_ar(x, tau)
    x2 = x.copy()
    x2[t0] += delta
    d_ar = np.nan_to_num(ar_one(x2, w, b) - ar_one(x, w, b))
    d_rnn = latent.one(latent.states(x2)) - latent.one()
    assert np.flatnonzero(d_ar).max() == t0 + tau and np.flatnonzero(d_ar).min() == t0 + 1
    lo, hi = t0 - 5, min(T_SERIES, t0 + 46)
    t = np.arange(lo, hi)
    spec = D.chart(at, "sd_impulse")
    (bars,) = D.traces(spec, "bar")
    line, log_ar, log_rnn = D.traces(spec, "scatter")
    for tr in (bars, line, log_ar, log_rnn):
        np.testing.assert_array_equal(D.arr(tr["x"]), t)
    np.testing.assert_allclose(D.numbers(bars["y"]), d_ar[lo:hi], atol=1e-9)
    np.testing.assert_allclose(D.numbers(line["y"]), d_rnn[lo:hi], atol=1e-9)
    with np.errstate(divide="ignore"):
        logs = np.where(d_ar[lo:hi] != 0, np.log10(np.abs(d_ar[lo:hi])), np.nan)
    np.testing.assert_allclose(D.numbers(log_ar["y"]), logs, atol=1e-6)
    band = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert {(s["x0"], s["x1"]) for s in band} == {(t0 + 0.5, t0 + tau + 0.5)}
    marks = [s for s in spec["layout"]["shapes"] if s["type"] == "line"]
    assert {s["x0"] for s in marks} == {s["x1"] for s in marks} == {t0}
    window = D.annotations(spec)[-1]  # "AR window: t0+1 … t0+τ"
    assert D.numbers_in(window.split(":")[1])[-1] == tau
    pattern = {"en": r"AR\((\d+)\) last moves at t = (\d+) = t0 \+ (\d+);.*? by (\S+) at t0 \+ (\d+), and by "
                     r"(\S+) at the end of the series \(t = (\d+)\)",
               "ko": r"AR\((\d+)\)의 마지막 변화는 t = (\d+) = t0 \+ (\d+)이고.*?"
                     r"t0 \+ (\d+)에서도 (\S+)이고, 시계열 끝\(t = (\d+)\)에서 (\S+)입니다"}[lang]
    (m,) = [re.search(pattern, s) for s in markdown(at) if re.search(pattern, s)]
    g = m.groups()
    if lang == "en":
        tau_s, last, offset, far_v, far, end_v, end = g
    else:
        tau_s, last, offset, far, far_v, end, end_v = g
    far, end = int(far), int(end)
    assert (int(tau_s), int(last), int(offset), end) == (tau, t0 + tau, tau, T_SERIES - 1)
    assert far == min(tau + 10, end - t0)
    for shown, true in ((far_v, abs(d_rnn[t0 + far])), (end_v, abs(d_rnn[end]))):
        unit = 10.0 ** math.floor(math.log10(true))
        assert abs(float(shown) - true) <= 0.05 * unit * (1 + 1e-9), (shown, true)


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def en():
    at = open_page(PAGE, lang="en")
    assert not at.exception
    return at


@pytest.fixture
def fresh_cache():
    """The page caches core's results for every AppTest in this process: start and end clean."""
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


# --- tests ----------------------------------------------------------------------------------------
def test_metrics_orders_and_random_orders(en):
    check_order(en, ngram("word", 2), tokenize(EN, TokenizerSpec("word", lowercase=True)), "en")


def test_each_factor_step_shows_the_models_conditional(en):
    model = ngram("word", 2)
    tokens = tokenize(EN, TokenizerSpec("word", lowercase=True))
    shuffled = check_order(en, model, tokens, "en")
    step_to(en, 1)
    check_factor_step(en, model, tokens, shuffled, 1, "en")
    en.button(key="sd_step__next").click().run()
    check_factor_step(en, model, tokens, shuffled, 2, "en")
    step_to(en, 4)
    check_factor_step(en, model, tokens, shuffled, 4, "en")
    en.button(key="sd_step__last").click().run()
    check_factor_step(en, model, tokens, shuffled, len(tokens) + 1, "en")  # the <eos> factor


def test_ar_equation_predictions_and_errors(en):
    check_ar(en, 0.2, 0, 4, 8, "en")


def test_hidden_state_heatmap_and_the_choice_of_tau(en):
    check_latent(en, 0.2, 0, 4, 8, "en")


def test_finite_against_infinite_response(en):
    check_response(en, 0.2, 0, 4, 200, 1.0, "en")


def test_badges_are_green_with_the_measured_difference(en):
    shown = badges(en)
    assert [(b.ok, b.module) for b in shown] == [(True, "nn.Conv1d"), (True, "nn.RNN")]
    assert all(b.diff < 1e-9 for b in shown)


def test_korean_characters_and_other_series_knobs():
    at = open_page(PAGE, lang="ko")
    at.radio(key="sd_unit").set_value("char").run()
    at.select_slider(key="sd_order").set_value(3).run()
    at.number_input(key="sd_shuffle_seed").set_value(5).run()
    at.select_slider(key="sd_tau").set_value(8).run()
    at.slider(key="sd_k").set_value(5).run()
    at.select_slider(key="sd_noise").set_value(0.5).run()
    at.number_input(key="sd_seed").set_value(3).run()
    at.slider(key="sd_t0").set_value(150).run()
    at.select_slider(key="sd_delta").set_value(-0.5).run()
    assert not at.exception
    assert any("배" in v for v in D.metrics(at).values())
    model = ngram("char", 3)
    tokens = tokenize(KO, TokenizerSpec("char", lowercase=True))
    assert tokens[:3] == ["나", "는", " "]
    shuffled = check_order(at, model, tokens, "ko")
    for step in (1, 3, 7):
        step_to(at, step)
        check_factor_step(at, model, tokens, shuffled, step, "ko")
    check_ar(at, 0.5, 3, 8, 5, "ko")
    check_latent(at, 0.5, 3, 8, 5, "ko")
    check_response(at, 0.5, 3, 8, 150, -0.5, "ko")
    assert [(b.ok, b.module) for b in badges(at)] == [(True, "nn.Conv1d"), (True, "nn.RNN")]


def test_unknown_words_are_scored_as_unk():
    at = open_page(PAGE, lang="en")
    text = "the zzqx cat sleeps"
    at.text_area(key="user_text").input(text).run()
    assert not at.exception
    model = ngram("word", 2)
    tokens = tokenize(text, TokenizerSpec("word", lowercase=True))
    assert "zzqx" not in model.vocab
    assert "zzqx" in [str(c.value) for c in at.code]
    shuffled = check_order(at, model, tokens, "en")
    for step in (2, 3):  # the <unk> factor, then the one that looks back at <unk>
        step_to(at, step)
        check_factor_step(at, model, tokens, shuffled, step, "en")


def test_badges_turn_red_when_the_page_disagrees_with_pytorch(fresh_cache, monkeypatch):
    real_one, real_trace = core.timeseries.ar_one_step, core.timeseries.trace_rnn

    def ar_off(*args, **kwargs):
        return real_one(*args, **kwargs) + 1e-3

    def trace_off(*args, **kwargs):
        trace = real_trace(*args, **kwargs)
        return dataclasses.replace(trace, output=trace.output + 1e-3)

    monkeypatch.setattr(core.timeseries, "ar_one_step", ar_off)
    monkeypatch.setattr(core.timeseries, "trace_rnn", trace_off)
    at = open_page(PAGE, lang="en")
    assert not at.exception
    shown = {b.module: b for b in badges(at)}
    assert set(shown) == {"nn.Conv1d", "nn.RNN"}
    for b in shown.values():
        assert not b.ok and b.diff == pytest.approx(1e-3, rel=0.05), b
    assert all("❌" in str(e.icon) + str(e.value) for e in at.error if "`nn." in str(e.value))

