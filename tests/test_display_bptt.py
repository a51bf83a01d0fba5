"""What the "BPTT & gradients" page *shows*, read off the page and checked against autograd.

The reference is computed here, by autograd on the page's own ``torch.nn.RNN`` and ``nn.Linear``
head (built by core's ``ExampleSetup``, with core's tokenizer): the module is called one step at a
time through ``torch.func.functional_call`` with **a copy of W_hh per step**, so that
``∂L/∂W_hh(t)`` is step t's share of the gradient and their sum the gradient; every state keeps
its ``.grad``, so ``δ_t = ∂L/∂h_t``, and ``∂L_t/∂h_t`` and ``∂(Σ_{u>t} L_u)/∂h_t`` are the two roads
into h_t. Truncation detaches the state as the page describes it. The lab's gradient sizes are
‖∂h_T/∂s_t‖₂ of Jacobians taken by autograd on the real modules. Nothing here calls ``ui.*``, and
core's trace is what is being checked, never the reference.

``truncation_curve`` (core/bptt.py) only feeds this page; its cosine and norm ratio are checked
here against the same quantities from autograd gradients of full and truncated BPTT.
"""

from __future__ import annotations

import copy
import math
import re
from dataclasses import replace

import numpy as np
import pytest
import streamlit as st
import torch
from torch.nn import functional as F

import core.bptt
from core.bptt import ExampleSetup, lab_sequence, make_head, make_recurrent, truncation_curve
from core.text import TokenizerSpec
from tests import display as d
from tests.test_pages import open_page
from ui.i18n import STRINGS

PAGE = "pages/bptt.py"
EN = ("I go to school today", "The cat sleeps by the window")  # the English example text
KO = "고양이가 창가에서 잠을 잔다"
DEC3 = 0.0005 + 1e-9
PENDING = "#d5d9e0"  # the grey of what the backward pass has not reached yet
RECURRENT = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
LAB_HIDDEN, LAB_LENGTH = 16, 60  # the lab's hidden size and default sequence length
ACT_NAMES = {"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"}


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


def markdown(at) -> list[str]:
    return [m.value for m in at.markdown]


def tex_vectors(tex: str) -> list[list[float]]:
    """Every \\left[\\, a,\\ b \\,\\right] row vector in ``tex``, entries as numbers (\\dots dropped)."""
    out = []
    for body in re.findall(r"\\left\[\\,(.*?)\\,\\right\]", tex):
        out.append([float(v) for v in body.split(r",\ ") if v.strip() != r"\dots"])
    return out


def sci(text: str) -> float:
    """A size as the page writes it: 2.10e-07, 92.7, 0, Inf, NaN."""
    return float(text.replace("Inf", "inf"))


# --- the reference ----------------------------------------------------------------------------


def example(sentences=EN, level="word", index=0, hidden=4, radius=0.9, seed=0):
    """The page's example as it builds it: (tokens, ids, x, targets, rnn, head)."""
    setup = ExampleSetup(tuple(sentences), TokenizerSpec(level), index, hidden, radius, seed, 4)
    row, _, _, x, targets, rnn, head = setup.build()
    return list(row.tokens), np.asarray(row.ids), np.asarray(x), np.asarray(targets), rnn, head


def autograd_reference(rnn: torch.nn.RNN, head: torch.nn.Linear, x: np.ndarray, targets: np.ndarray,
                       k: int | None = None) -> dict:
    """Loss, δ_t, both roads into h_t, every parameter gradient and each step's share of ∂L/∂W_hh,
    by autograd; with ``k`` the state is detached before steps k, 2k, … (truncated BPTT)."""
    params = {n: p.detach().clone().requires_grad_() for n, p in rnn.named_parameters()}
    V, c = (p.detach().clone().requires_grad_() for p in (head.weight, head.bias))
    T, H = len(x), rnn.hidden_size
    W_steps = [params["weight_hh_l0"].detach().clone().requires_grad_() for _ in range(T)]
    xs, y = torch.as_tensor(x, dtype=torch.float64), torch.as_tensor(targets)
    state, hs = torch.zeros(1, H, dtype=torch.float64), []
    for t in range(T):
        if k is not None and t > 0 and t % k == 0:
            state = state.detach()
        step_params = {**params, "weight_hh_l0": W_steps[t]}  # this step's own copy of W_hh
        _, state = torch.func.functional_call(rnn, step_params, (xs[t : t + 1], state))
        hs.append(state)
    h = torch.cat(hs)  # (T, H)
    with torch.no_grad():
        np.testing.assert_allclose(h.numpy(), rnn(xs)[0].numpy(), atol=1e-12)  # = nn.RNN's forward
    logits = F.linear(h, V, c)
    losses = F.cross_entropy(logits, y, reduction="none")  # (T,)
    L = losses.sum()
    leaves = [*params.values(), V, c, *W_steps]
    wrt = [*hs, *leaves]
    grads = [torch.zeros_like(w) if g is None else g for g, w in zip(
        torch.autograd.grad(L, wrt, retain_graph=True, allow_unused=True), wrt, strict=True)]
    dh = torch.cat(grads[:T]).numpy()
    g = dict(zip([*params, "head.weight", "head.bias"], (v.numpy() for v in grads[T : T + len(params) + 2]),
                 strict=True))
    shares = np.stack([v.numpy() for v in grads[T + len(params) + 2 :]])  # (T, H, H)
    g["weight_hh_l0"] = g["weight_hh_l0"] + shares.sum(axis=0)  # it is used at every step
    out_road, rec_road = np.zeros((T, H)), np.zeros((T, H))
    for t in range(T):
        out_road[t] = torch.autograd.grad(losses[t], hs[t], retain_graph=True)[0][0].numpy()
        if t + 1 < T:
            later = torch.autograd.grad(losses[t + 1 :].sum(), hs[t], retain_graph=True, allow_unused=True)[0]
            rec_road[t] = 0.0 if later is None else later[0].numpy()
    np.testing.assert_allclose(out_road + rec_road, dh, atol=1e-12)
    return {"loss": float(L.detach()), "losses": losses.detach().numpy(), "dh": dh, "dh_out": out_road,
            "dh_rec": rec_road, "grads": g, "shares": shares, "h": h.detach().numpy(),
            "probs": torch.softmax(logits, -1).detach().numpy()}


def cosine_and_ratio(full: dict, cut: dict) -> tuple[float, float]:
    g = np.concatenate([full["grads"][n].ravel() for n in RECURRENT])
    gk = np.concatenate([cut["grads"][n].ravel() for n in RECURRENT])
    norm, norm_k = np.linalg.norm(g), np.linalg.norm(gk)
    return float(g @ gk / (norm * norm_k)), float(norm_k / norm)


def state_jacobian_norms(module: torch.nn.Module, x: np.ndarray) -> np.ndarray:
    """‖∂h_T/∂s_t‖₂ for t = 0 … T-1, s_t the state entering step t+1 ((h, c) for an LSTM), by
    autograd on the real module called one step at a time: one backward pass per unit of h_T."""
    p0 = next(module.parameters())
    xs, H = torch.as_tensor(x, dtype=p0.dtype), module.hidden_size
    lstm = isinstance(module, torch.nn.LSTM)
    first = tuple(torch.zeros(1, H, dtype=p0.dtype, requires_grad=True) for _ in range(2 if lstm else 1))
    states, state = [first], first
    for t in range(len(xs)):
        if lstm:
            _, state = module(xs[t : t + 1], state)
        else:
            state = (module(xs[t : t + 1], state[0])[1],)
        states.append(state)
    flat = [part for st_ in states[:-1] for part in st_]
    rows = [torch.autograd.grad(states[-1][0][0, i], flat, retain_graph=True, allow_unused=True)
            for i in range(H)]
    n = 2 if lstm else 1
    norms = []
    for t in range(len(xs)):
        J = np.stack([np.concatenate([(g[t * n + m] if g[t * n + m] is not None else torch.zeros(1, H))
                                      .double().numpy()[0] for m in range(n)]) for g in rows])
        norms.append(np.linalg.norm(J, 2))
    return np.array(norms)


@pytest.fixture(scope="module")
def ref():
    tokens, ids, x, targets, rnn, head = example()
    return tokens, ids, autograd_reference(rnn, head, x, targets)


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE, lang="en")


def go(at, step: int) -> None:
    at.slider(key="bptt_step__slider").set_value(step).run()
    assert not at.exception and at.session_state["bptt_step"] == step


def check_backward_step(at, tokens, ids, r, t_now: int, lang: str = "en") -> None:
    """What the player shows at time t_now (1-based): the step, the target, δ and the W_hh sums."""
    T, i = len(tokens) - 1, t_now - 1
    now = fields("bptt.bwd.now", markdown(at), lang)
    assert now["t"] == str(t_now) and now["s"] == str(T - t_now + 1) and now["n"] == str(T)
    assert (now["i"], now["y"]) == (str(ids[i]), str(ids[i + 1]))  # input id → the next token's id
    np.testing.assert_allclose(float(now["p"]), r["probs"][i, ids[i + 1]], atol=DEC3)
    assert f"x_{t_now} = {tokens[i]}    →    y_{t_now} = {tokens[i + 1]}" in [c.value for c in at.code]

    tex = next(x for x in d.latex(at) if r"\delta_{" in x)
    vecs = tex_vectors(tex)
    if t_now == T:
        assert rf"\delta_{{{T}}} = V^\top(\hat y_{{{T}}} - y_{{{T}}})" in tex
        (dh,) = vecs
        np.testing.assert_allclose(dh, r["dh"][i][:6], atol=DEC3)
    else:
        n = t_now + 1
        assert rf"\delta_{{{t_now}}} &= W_{{hh}}^\top\big(\delta_{{{n}}} \odot (1 - h_{{{n}}}^2)" in tex
        nxt, deriv, rec, out, dh = vecs
        np.testing.assert_allclose(nxt, r["dh"][i + 1][:6], atol=DEC3, err_msg="δ_{t+1}")
        np.testing.assert_allclose(deriv, 1 - r["h"][i + 1][:6] ** 2, atol=DEC3, err_msg="1 − h_{t+1}²")
        np.testing.assert_allclose(rec, r["dh_rec"][i][:6], atol=DEC3, err_msg="through h_{t+1}")
        np.testing.assert_allclose(out, r["dh_out"][i][:6], atol=DEC3, err_msg="through L_t")
        np.testing.assert_allclose(dh, r["dh"][i][:6], atol=DEC3, err_msg="δ_t")

    flow = d.chart(at, "bptt_flow")
    nodes = d.traces(flow, "scatter")[0]
    custom = np.asarray(nodes["customdata"], dtype=float)  # per node: ‖δ‖, ‖out road‖, ‖recurrent road‖
    norms = np.stack([np.linalg.norm(r[k], axis=1) for k in ("dh", "dh_out", "dh_rec")], axis=1)
    np.testing.assert_allclose(custom, norms, atol=1e-9)
    ts = np.arange(1, T + 1)
    assert [c == PENDING for c in nodes["marker"]["color"]] == list(ts < t_now)
    assert [w == 3 for w in nodes["marker"]["line"]["width"]] == list(ts == t_now)
    arrows = [a for a in flow["layout"]["annotations"] if a.get("showarrow")]
    for a in arrows:  # output road at x = t, recurrent road into h_t from the right at x = t + 0.2
        t = round(a["x"] - 0.2) if a["y"] == 0 else a["x"]
        assert (a["arrowcolor"] == PENDING) == (t < t_now), a

    wsum = d.chart(at, "bptt_wsum")
    share, running, total = (np.asarray(h["z"], dtype=float) for h in d.traces(wsum, "heatmap"))
    for name, got, want in (("share", share, r["shares"][i]),
                            ("running", running, r["shares"][i:].sum(axis=0)),  # T down to t
                            ("total", total, r["grads"]["weight_hh_l0"])):
        # z[i][j] is drawn at row i, column j: it must be ∂L/∂W_hh[i, j]
        np.testing.assert_allclose(got, want, atol=1e-9, err_msg=f"{name} at t = {t_now}")
    for h in d.traces(wsum, "heatmap"):
        assert d.numbers(h["y"]).tolist() == d.numbers(h["x"]).tolist() == list(range(1, len(share) + 1))
        assert "i = %{y}, j = %{x}" in h["hovertemplate"]  # rows are i (the output unit), columns j
    assert wsum["layout"]["yaxis"]["title"]["text"] == "i" and wsum["layout"]["xaxis"]["title"]["text"] == "j"
    assert d.annotations(wsum) == [s("bptt.bwd.share", lang, t=t_now),
                                   s("bptt.bwd.running", lang, T=T, t=t_now), s("bptt.bwd.total", lang)]


# --- the page --------------------------------------------------------------------------------


def test_forward_losses_bars_and_sum(at, ref):
    tokens, _, r = ref
    T = len(tokens) - 1
    bars = d.chart(at, "bptt_losses")
    bar, = d.traces(bars, "bar")
    np.testing.assert_allclose(d.numbers(bar["y"]), r["losses"], atol=1e-9)
    np.testing.assert_allclose([float(v) for v in bar["text"]], r["losses"], atol=0.005 + 1e-9)
    assert d.axis_ticks(bars) == [f"{t}: {tokens[t - 1]} → {tokens[t]}" for t in range(1, T + 1)]
    tex = d.latex(at)[0]
    numbers = d.tex_numbers(tex.split("=", 1)[1])
    np.testing.assert_allclose(numbers[:-1], r["losses"][:8], atol=DEC3)
    np.testing.assert_allclose(numbers[-1], r["loss"], atol=0.00005 + 1e-9)
    assert rf"\sum_{{t=1}}^{{{T}}}" in tex
    caption = fields("bptt.model", [c.value for c in at.caption])
    assert caption["T"] == str(T) and caption["H"] == "4"


def test_backward_badges_are_green(at):
    badges = shown_badges(at)
    assert len(badges) == 2 and all(ok and module == "torch.autograd" and diff < 1e-12
                                    for ok, module, diff in badges)


def test_the_player_walks_from_t_equals_T_down(at, ref):
    tokens, ids, r = ref
    T = len(tokens) - 1
    for step in (1, 2, 4, T):
        go(at, step)
        check_backward_step(at, tokens, ids, r, T - step + 1)
    at.button(key="bptt_step__first").click().run()
    at.button(key="bptt_step__next").click().run()
    assert at.session_state["bptt_step"] == 2
    check_backward_step(at, tokens, ids, r, T - 1)


def test_finite_difference_metrics():
    *_, x, targets, rnn, head = example()
    r = autograd_reference(rnn, head, x, targets)
    at = open_page(PAGE, lang="en")
    at.number_input(key="bptt_fd_row").set_value(2).run()
    at.number_input(key="bptt_fd_col").set_value(3).run()
    at.button(key="bptt_fd").click().run()
    assert not at.exception
    eps, losses = 1e-6, []
    for sign in (1, -1):
        r2 = copy.deepcopy(rnn)
        with torch.no_grad():
            r2.weight_hh_l0[1, 2] += sign * eps
            losses.append(float(F.cross_entropy(head(r2(torch.from_numpy(x))[0]), torch.from_numpy(targets),
                                                reduction="sum")))
    numeric = (losses[0] - losses[1]) / (2 * eps)
    m = d.metrics(at)
    np.testing.assert_allclose(float(m[s("bptt.fd.backprop")]), r["grads"]["weight_hh_l0"][1, 2], atol=1e-9)
    np.testing.assert_allclose(float(m[s("bptt.fd.numeric")]), numeric, atol=1e-8)
    entry = fields("bptt.fd.entry", [c.value for c in at.caption])
    assert (entry["name"], entry["index"], float(entry["eps"])) == ("W_hh", "2, 3", eps)


@pytest.mark.parametrize("k", [1, 2, 3])
def test_truncation_badge_flow_numbers_and_curve(k):
    tokens, _, x, targets, rnn, head = example()
    T = len(tokens) - 1
    full = autograd_reference(rnn, head, x, targets)
    cut = autograd_reference(rnn, head, x, targets, k)
    at = open_page(PAGE, lang="en")
    at.slider(key="bptt_k").set_value(k).run()
    assert not at.exception
    assert all(ok for ok, _, _ in shown_badges(at)) and len(shown_badges(at)) == 2
    flow = d.chart(at, "bptt_trunc_flow")
    custom = np.asarray(d.traces(flow, "scatter")[0]["customdata"], dtype=float)
    norms = np.stack([np.linalg.norm(cut[n], axis=1) for n in ("dh", "dh_out", "dh_rec")], axis=1)
    np.testing.assert_allclose(custom, norms, atol=1e-9)
    boundaries = [t for t in range(1, T) if t % k == 0]  # no gradient from step t+1 back into h_t
    assert sorted(sh["x0"] for sh in flow["layout"].get("shapes", [])) == [t + 0.5 for t in boundaries]
    cos, ratio = cosine_and_ratio(full, cut)
    got = fields("bptt.trunc.numbers", markdown(at))
    assert got["k"] == str(k) and got["cuts"] == str(len(boundaries))
    np.testing.assert_allclose(float(got["cos"]), cos, rtol=0.005)
    np.testing.assert_allclose(float(got["ratio"]), ratio, rtol=0.005)
    curve = d.chart(at, "bptt_trunc_curve")
    cos_line, ratio_line = d.traces(curve, "scatter")
    assert cos_line["name"] == s("bptt.trunc.cos") and ratio_line["name"] == s("bptt.trunc.ratio")
    want = np.array([cosine_and_ratio(full, autograd_reference(rnn, head, x, targets, kk))
                     for kk in range(1, T + 1)])
    np.testing.assert_array_equal(d.numbers(cos_line["x"]), np.arange(1, T + 1))
    np.testing.assert_allclose(d.numbers(cos_line["y"]), want[:, 0], atol=1e-9)
    np.testing.assert_allclose(d.numbers(ratio_line["y"]), want[:, 1], atol=1e-9)
    marker = [sh for sh in curve["layout"]["shapes"] if sh.get("xref") == "x"]
    assert [sh["x0"] for sh in marker] == [k]


@pytest.mark.parametrize(("sentences", "level", "hidden", "radius"), [
    (EN, "word", 4, 0.9), (("The cat sleeps by the window",), "char", 3, 1.7), ((KO,), "char", 5, 0.5)])
def test_truncation_curve_is_the_cosine_of_autograd_gradients(sentences, level, hidden, radius):
    """core.bptt.truncation_curve, which only feeds this page, against autograd."""
    _, _, x, targets, rnn, head = example(sentences, level, hidden=hidden, radius=radius, seed=3)
    full = autograd_reference(rnn, head, x, targets)
    curve = truncation_curve(rnn, head, x, targets)
    T = len(x)
    np.testing.assert_array_equal(curve.k, np.arange(1, T + 1))
    ks = sorted({1, 2, 3, T // 2, T - 1, T} - {0})
    for k in ks:
        cos, ratio = cosine_and_ratio(full, autograd_reference(rnn, head, x, targets, k))
        np.testing.assert_allclose(curve.cosine[k - 1], cos, atol=1e-10, err_msg=f"k = {k}")
        np.testing.assert_allclose(curve.norm_ratio[k - 1], ratio, atol=1e-10, err_msg=f"k = {k}")
    assert curve.cosine[-1] == pytest.approx(1.0) and curve.norm_ratio[-1] == pytest.approx(1.0)


def test_lab_clipping_and_lstm_sections(at, ref):
    _, ids, _ = ref
    vocab = len(ExampleSetup(EN, TokenizerSpec("word")).build()[1])  # the vocabulary of every line
    x, targets = lab_sequence(tuple(int(i) for i in ids), vocab, LAB_LENGTH, seed=0)
    x = x.astype(np.float32)  # the lab's modules are float32 by default
    rnn = make_recurrent("rnn", x.shape[1], LAB_HIDDEN, activation="tanh", radius=1.0, seed=0)
    # Section 3: ‖∂h_T/∂h_t‖ of the RNN, every activation, against the distance T − t.
    lab = d.chart(at, "bptt_lab")
    curves = {tr["name"]: tr for tr in d.traces(lab, "scatter")}
    norms = {}
    for act in ("tanh", "sigmoid", "relu"):
        module = rnn if act == "tanh" else make_recurrent("rnn", x.shape[1], LAB_HIDDEN, activation=act,
                                                            radius=1.0, seed=0)
        norms[act] = state_jacobian_norms(module, x)
        name = f"RNN ({ACT_NAMES[act]})"
        tr = curves[name]
        np.testing.assert_array_equal(d.numbers(tr["x"]), LAB_LENGTH - np.arange(LAB_LENGTH))
        y = d.numbers(tr["y"])
        ok = norms[act] > 1e-30
        np.testing.assert_allclose(y[ok], norms[act][ok], rtol=2e-3, err_msg=name)
    assert curves["RNN (tanh)"]["line"]["width"] > curves["RNN (ReLU)"]["line"]["width"]  # the chosen: bold
    read = fields("bptt.lab.read", markdown(at))
    assert read["T"] == str(LAB_LENGTH) and read["act"] == "tanh"
    np.testing.assert_allclose(sci(read["rnn"]), norms["tanh"][0], rtol=0.01)

    # Section 4: global-norm clipping of the lab RNN's gradient (torch.nn.utils.clip_grad_norm_).
    head = make_head(LAB_HIDDEN, vocab, 0, torch.float32)
    r2, h2 = copy.deepcopy(rnn), copy.deepcopy(head)
    loss = F.cross_entropy(h2(r2(torch.from_numpy(x))[0]), torch.from_numpy(targets), reduction="sum")
    loss.backward()
    params = [*r2.parameters(), *h2.parameters()]
    before = [float(p.grad.double().norm()) for p in params]
    total = float(torch.nn.utils.clip_grad_norm_(params, 1.0))
    after = [float(p.grad.double().norm()) for p in params]
    bars = d.traces(d.chart(at, "bptt_clip_bars"), "bar")
    assert list(bars[0]["x"]) == ["W_xh", "W_hh", "b_xh", "b_hh", "V", "c", s("bptt.clip.global")]
    np.testing.assert_allclose(d.numbers(bars[0]["y"]), [*before, total], rtol=1e-4)
    global_after = math.sqrt(sum(a * a for a in after))
    np.testing.assert_allclose(d.numbers(bars[1]["y"]), [*after, global_after], rtol=1e-4)
    clip = fields("bptt.clip.numbers", markdown(at))
    np.testing.assert_allclose([sci(clip["before"]), sci(clip["after"]), sci(clip["scale"])],
                               [total, 1.0, 1.0 / total], rtol=0.006)

    # ... and 20 updates of plain gradient descent with and without it.
    curves = d.traces(d.chart(at, "bptt_train"), "scatter")
    for clipped, tr in zip((False, True), curves, strict=True):
        mod, hd = (make_recurrent("rnn", x.shape[1], LAB_HIDDEN, radius=1.0, seed=0),
                   make_head(LAB_HIDDEN, vocab, 0, torch.float32))
        ps, losses = [*mod.parameters(), *hd.parameters()], []
        for step in range(21):
            for p in ps:
                p.grad = None
            logits = hd(mod(torch.from_numpy(x))[0])
            loss = F.cross_entropy(logits, torch.from_numpy(targets), reduction="sum")
            losses.append(float(loss.detach()))
            if step == 20:
                break
            loss.backward()
            if clipped:
                torch.nn.utils.clip_grad_norm_(ps, 1.0)
            with torch.no_grad():
                for p in ps:
                    p -= 0.05 * p.grad
        np.testing.assert_allclose(d.numbers(tr["y"]), losses, rtol=2e-3, err_msg=tr["name"])

    # Section 6: RNN, LSTM and GRU, and the LSTM's ∏ f beside the RNN's Jacobian product.
    lstm = make_recurrent("lstm", x.shape[1], LAB_HIDDEN, radius=1.0, forget_bias=1.0, seed=0)
    gru = make_recurrent("gru", x.shape[1], LAB_HIDDEN, radius=1.0, seed=0)
    want = {"RNN (tanh)": norms["tanh"], "LSTM": state_jacobian_norms(lstm, x),
            "GRU": state_jacobian_norms(gru, x)}
    H = LAB_HIDDEN
    with torch.no_grad():
        h, c = torch.zeros(1, H), torch.zeros(1, H)
        f = []
        for t in range(len(x)):
            xt = torch.from_numpy(x[t])
            pre = lstm.weight_ih_l0 @ xt + lstm.bias_ih_l0 + lstm.weight_hh_l0 @ h[0] + lstm.bias_hh_l0
            f.append(torch.sigmoid(pre[H : 2 * H]).double().numpy())
            _, (h, c) = lstm(xt[None], (h, c))
    f = np.array(f)
    want["fprod"] = np.array([np.prod(f[t:], axis=0).mean() for t in range(len(x))])  # ∏_{j>t} f_j
    want["jprod"] = norms["tanh"]
    spec = d.chart(at, "bptt_lstm")
    names = {"fprod": s("bptt.lstm.fprod"), "jprod": s("bptt.lstm.jprod")}
    for key, values in want.items():
        tr = next(tr for tr in d.traces(spec, "scatter") if tr["name"] == names.get(key, key))
        y, ok = d.numbers(tr["y"]), values > 1e-30
        np.testing.assert_allclose(y[ok], values[ok], rtol=2e-3, err_msg=key)
        assert (tr.get("xaxis") == "x2") == (key in names)  # the right-hand panel holds the products
    got = fields("bptt.lstm.numbers", markdown(at))
    for key, curve in (("rnn", "RNN (tanh)"), ("lstm", "LSTM"), ("gru", "GRU"), ("fprod", "fprod")):
        np.testing.assert_allclose(sci(got[key]), want[curve][0], rtol=0.01, err_msg=key)  # at distance T


def test_korean_sentence_backward_steps():
    at = open_page(PAGE, lang="ko")
    at.text_area(key="user_text").input(KO).run()
    at.radio(key="bptt_level").set_value("char").run()
    at.slider(key="bptt_hidden").set_value(3).run()
    assert not at.exception
    tokens, ids, x, targets, rnn, head = example((KO,), "char", hidden=3)
    r = autograd_reference(rnn, head, x, targets)
    T = len(tokens) - 1
    assert all(ok for ok, _, _ in shown_badges(at))
    for step in (1, 3, T):
        go(at, step)
        check_backward_step(at, tokens, ids, r, T - step + 1, "ko")
    bar, = d.traces(d.chart(at, "bptt_losses"), "bar")
    np.testing.assert_allclose(d.numbers(bar["y"]), r["losses"], atol=1e-9)


# --- the badges can turn red -----------------------------------------------------------------


@pytest.fixture
def clean_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_badges_turn_red_when_the_backward_pass_disagrees_with_autograd(monkeypatch, clean_caches):
    real = core.bptt.trace_bptt

    def off_by_a_little(*args, **kw):
        tr = real(*args, **kw)
        return replace(tr, dh=tr.dh + 1e-3)

    monkeypatch.setattr(core.bptt, "trace_bptt", off_by_a_little)
    at = open_page(PAGE, lang="en")
    badges = shown_badges(at)
    assert len(badges) == 2  # the full pass and the truncated one
    for ok, module, diff in badges:
        assert not ok and module == "torch.autograd"
        assert diff == pytest.approx(1e-3, rel=0.06)
    assert sum("1.0e-03" in e.value for e in at.error) == 2
