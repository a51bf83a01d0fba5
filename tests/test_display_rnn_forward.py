"""What the "RNN forward pass" page shows, read off the page and checked against PyTorch.

The page's numbers are read from its output with ``tests.display`` (LaTeX matrices with their
``\\underbrace`` labels, Plotly specs, metrics, texts, badges). The reference is computed here:
``torch.nn.Embedding`` → ``torch.nn.RNN`` (run forward, one layer at a time to see every layer's
states) → ``torch.nn.Linear`` → ``torch.softmax``, with weights from core's seeded constructors,
``torch.autograd.functional.jacobian`` for the sensitivities, and counts from the modules' own
parameters. The vocabulary is counted here with ``collections.Counter``. No ``ui`` formatter,
figure builder or core trace field gives an expected value.
"""

from __future__ import annotations

import dataclasses
import math
import re
from collections import Counter

import numpy as np
import pytest
import streamlit as st
import torch

import core.rnn
from core.rnn import make_readout, make_rnn
from core.text import TokenizerSpec, make_embedding, tokenize
from tests import display as D
from tests.test_pages import open_page

PAGE = "pages/rnn_forward.py"
EN = ["I go to school today", "The cat sleeps by the window"]
KO = ["나는 오늘 학교에 간다", "고양이가 창가에서 잠을 잔다"]
SPECIALS = ("<pad>", "<unk>", "<bos>", "<eos>")
ORANGE = "#e8590c"  # the page's highlight: the current cell, the token that comes next
PENDING = "#ffffff"  # a cell not computed yet
TEX = 0.005 + 1e-9  # a number written with two decimals
HERE = {"en": dict(fwd="forward →", rev="backward ←"), "ko": dict(fwd="정방향 →", rev="역방향 ←")}


# --- the reference --------------------------------------------------------------------------------
@dataclasses.dataclass
class Ref:
    tokens: list[str]
    ids: list[int]
    itos: list[str]
    x: torch.Tensor  # (T, d) nn.Embedding(ids)
    rnn: torch.nn.RNN
    states: list[list[np.ndarray]]  # states[k][d] (T, H): PyTorch's h of layer k, direction d
    inputs: list[np.ndarray]  # inputs[k] (T, in_k): what layer k reads
    probs: np.ndarray  # (T, |V|) softmax(nn.Linear(output))
    sens: np.ndarray  # (D, T, T) ‖∂h_t/∂x_s‖ of the last layer, by autograd
    sens_joint: np.ndarray  # (T, T) ‖∂y_t/∂x_s‖ of the whole output y_t

    @property
    def T(self) -> int:
        return len(self.tokens)

    @property
    def L(self) -> int:
        return self.rnn.num_layers

    @property
    def D(self) -> int:
        return 2 if self.rnn.bidirectional else 1

    @property
    def H(self) -> int:
        return self.rnn.hidden_size

    def order(self) -> list[tuple[int, int, int]]:
        """PyTorch's order: layer by layer, forward over t, then backward from t = T down."""
        return [(k, d, t) for k in range(self.L) for d in range(self.D)
                for t in (range(self.T) if d == 0 else range(self.T - 1, -1, -1))]

    def weights(self, k: int, d: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        sfx = f"_l{k}" + ("_reverse" if d else "")
        get = lambda name: getattr(self.rnn, name + sfx).detach().numpy()  # noqa: E731
        return get("weight_ih"), get("weight_hh"), get("bias_ih") + get("bias_hh")

    def h_prev(self, k: int, d: int, t: int) -> np.ndarray:
        prev = t - 1 if d == 0 else t + 1
        return self.states[k][d][prev] if 0 <= prev < self.T else np.zeros(self.H)


def reference(sentences: list[str], index: int = 0, *, level: str = "word", d: int = 4, hidden: int = 3,
              act: str = "tanh", scale: float = 1.0, seed: int = 0, layers: int = 1,
              bidir: bool = False) -> Ref:
    spec = TokenizerSpec(level)
    own = [tokenize(s, spec) for s in sentences]
    counter = Counter(tok for toks in own for tok in toks)
    itos = list(SPECIALS) + [w for w, _ in sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))]
    tokens = ["<bos>", *own[index], "<eos>"]
    ids = [itos.index(tok) for tok in tokens]
    emb = make_embedding(len(itos), d, seed)
    rnn = make_rnn(d, hidden, num_layers=layers, nonlinearity=act, bidirectional=bidir, weight_scale=scale,
                   seed=seed + 1)
    D_ = 2 if bidir else 1
    with torch.no_grad():
        x = emb(torch.tensor(ids))
        out, _ = rnn(x)
        # Every layer's states: the same weights in a one-layer nn.RNN, layer after layer.
        states, inputs, layer_in = [], [], x
        for k in range(layers):
            one = torch.nn.RNN(layer_in.shape[1], hidden, nonlinearity=act, bidirectional=bidir,
                               dtype=torch.float64)
            for name, p in one.named_parameters():
                p.copy_(getattr(rnn, name.replace("_l0", f"_l{k}")))
            inputs.append(layer_in.numpy())
            layer_in, _ = one(layer_in)
            states.append([layer_in[:, j * hidden:(j + 1) * hidden].numpy() for j in range(D_)])
        np.testing.assert_allclose(layer_in.numpy(), out.numpy(), atol=1e-12)  # the layers add up
        readout = make_readout(D_ * hidden, len(itos), seed=seed + 2)
        probs = torch.softmax(readout(out), dim=-1).numpy()
    J = torch.autograd.functional.jacobian(lambda inp: rnn(inp)[0], x)  # (T, D·H, T, d)
    J = J.detach().numpy()
    T = len(tokens)
    sens = np.stack([np.linalg.norm(J[:, j * hidden:(j + 1) * hidden].transpose(0, 2, 1, 3).reshape(T, T, -1),
                                    axis=2) for j in range(D_)])
    joint = np.linalg.norm(J.transpose(0, 2, 1, 3).reshape(T, T, -1), axis=2)
    return Ref(tokens, ids, itos, x, rnn, states, inputs, probs, sens, joint)


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


def ticks(spec: dict, axis: str) -> dict[float, str]:
    layout = spec["layout"][axis]
    return dict(zip(D.arr(layout["tickvals"]).astype(float).tolist(), D.axis_ticks(spec, axis), strict=True))


def seen(token: str) -> str:
    """A token as a figure writes it: a space is drawn as ␣ (the page's own convention)."""
    return "␣" if token == " " else token


def token_ticks(ref: Ref) -> list[str]:
    """What an axis of time steps must say: "t token" for t = 1 … T (only every 4th t, beyond 24)."""
    if ref.T > 24:
        return [str(t) if (t - 1) % 4 == 0 else "" for t in range(1, ref.T + 1)]
    return [f"{t} {seen(tok)}" for t, tok in enumerate(ref.tokens, 1)]


def squash(text: str) -> str:
    return re.sub(r"\s+", "", D.plain(text))


def close_1e(shown: float, true: float) -> bool:
    """``shown`` is ``true`` written as m.me±x (one decimal of mantissa)."""
    if true == 0:
        return shown == 0
    unit = 10.0 ** math.floor(math.log10(abs(true)))
    return abs(shown - true) <= 0.05 * unit * (1 + 1e-9) + 1e-300


def step_to(at, n: int):
    at.slider(key="rnn_step__slider").set_value(n).run()
    assert not at.exception
    assert at.session_state["rnn_step"] == n
    return at


def row_names(ref: Ref, lang: str) -> list[str]:
    if ref.L == 1 and ref.D == 1:
        return [{"en": "RNN cell", "ko": "RNN 셀"}[lang]]
    word = {"en": "layer", "ko": "층"}[lang]
    return [f"{word} {k + 1} {'→←'[d]}" for k in range(ref.L) for d in range(ref.D)]


# --- the checks of one step -----------------------------------------------------------------------
def symbols(ref: Ref, k: int, d: int, t: int) -> dict[str, str]:
    """The LaTeX names the equation must give this step's terms (t 0-based)."""
    sup = "" if k == 0 else f"^{{({k + 1})}}"
    head = r"\overleftarrow{h}" if d else "h"
    prev = t if d == 0 else t + 2  # 1-based index of h_{t-1} (forward) or h_{t+1} (backward)
    return {"x": f"x_{{{t + 1}}}" if k == 0 else f"h^{{({k})}}_{{{t + 1}}}",
            "prev": f"{head}{sup}_{{{prev}}}", "h": f"{head}{sup}_{{{t + 1}}}",
            "a": f"{head.replace('h', 'a')}{sup}_{{{t + 1}}}"}


def check_equation(at, ref: Ref, k: int, d: int, t: int, act: str = "tanh") -> None:
    first, second = [x.strip("$\n ") for x in D.latex(at)[:2]]
    names = symbols(ref, k, d, t)
    W_xh, W_hh, b = ref.weights(k, d)
    x_in, h_prev = ref.inputs[k][t], ref.h_prev(k, d, t)
    with torch.no_grad():  # the pre-activation from PyTorch's own weights and states
        Wx, Wh, xi, hp = (torch.from_numpy(v) for v in (W_xh, W_hh, x_in, h_prev))
        a = (Wx @ xi + Wh @ hp + torch.from_numpy(b)).numpy()
    h = ref.states[k][d][t]
    psi = np.tanh(a) if act == "tanh" else np.maximum(a, 0)
    np.testing.assert_allclose(psi, h, atol=1e-12)  # the reference holds together
    assert first.startswith(names["a"] + " = "), (first[:40], names["a"])
    mats = D.tex_matrices(first)
    labelled = {m.label: m for m in mats if m.label}
    assert list(labelled) == ["W_{xh}", names["x"], "W_{hh}", names["prev"], "b"], list(labelled)
    H = W_xh.shape[0]
    expect = {"W_{xh}": W_xh, names["x"]: x_in[:, None], "W_{hh}": W_hh, names["prev"]: h_prev[:, None],
              "b": b[:, None]}
    for label, value in expect.items():
        shown = labelled[label].values
        assert shown.shape == value.shape, f"{label}: shown {shown.shape}, is {value.shape}"
        np.testing.assert_allclose(shown, value, atol=TEX, err_msg=label)
    result = [m for m in mats if m.label is None]
    assert len(result) == 1 and result[0].start > labelled["b"].start
    np.testing.assert_allclose(result[0].values, a[:, None], atol=TEX, err_msg=names["a"])
    # Second line: h_t = ψ(a_t).
    assert second.startswith(names["h"] + " = "), (second[:40], names["h"])
    assert names["a"] in second and (r"\tanh" in second if act == "tanh" else r"\max(0" in second)
    (hm,) = D.tex_matrices(second)
    assert hm.values.shape == (H, 1)
    np.testing.assert_allclose(hm.values, h[:, None], atol=TEX, err_msg=names["h"])


def check_where(at, ref: Ref, step: int, lang: str) -> None:
    k, d, t = ref.order()[step - 1]
    n = len(ref.order())
    where = {"en": f"**Step {step} of {n}**: layer {k + 1}, {HERE['en']['rev' if d else 'fwd']}, "
                   f"time t = {t + 1} of {ref.T}",
             "ko": f"**단계 {step} / {n}**: 층 {k + 1}, {HERE['ko']['rev' if d else 'fwd']}, "
                   f"시간 t = {t + 1} / {ref.T}"}[lang]
    assert where in [str(m.value) for m in at.markdown]


def check_hidden(at, ref: Ref, step: int, lang: str) -> None:
    spec = D.chart(at, "rnn_fig_hidden")
    hm = D.traces(spec, "heatmap")[0]
    rows, cols = ticks(spec, "yaxis"), ticks(spec, "xaxis")
    R = ref.L * ref.D * ref.H
    z = D.numbers(hm["z"]).reshape(R, ref.T)
    assert [cols[float(x)] for x in D.arr(hm["x"])] == token_ticks(ref)
    names = row_names(ref, lang)
    done = set(ref.order()[:step])
    for r, y in enumerate(D.arr(hm["y"])):
        row, j = divmod(r, ref.H)
        k, d = divmod(row, ref.D)
        assert rows[float(y)] == f"{names[row]} · j={j + 1}", rows[float(y)]
        for t in range(ref.T):
            shown, text = z[r, t], hm["text"][r][t]
            if (k, d, t) in done:
                assert shown == pytest.approx(ref.states[k][d][t][j], abs=1e-12), (names[row], j, t)
                assert float(text) == pytest.approx(ref.states[k][d][t][j], abs=TEX)
            else:
                assert math.isnan(shown) and text == "", (names[row], j, t, "not computed yet")
    # The frame is on the current cell: its column, its (layer, direction) block.
    k, d, t = ref.order()[step - 1]
    (frame,) = [s for s in spec["layout"]["shapes"] if s["type"] == "rect"]
    assert (frame["x0"] + frame["x1"]) / 2 == t + 1
    r0 = (k * ref.D + d) * ref.H
    assert (frame["y0"], frame["y1"]) == (r0 - 0.5, r0 + ref.H - 0.5)


def check_output(at, ref: Ref, step: int, lang: str) -> None:
    t = ref.order()[step - 1][2]
    done = set(ref.order()[:step])
    ready = all((ref.L - 1, e, t) in done for e in range(ref.D))
    charts = D.charts(at)
    if not ready:
        assert "rnn_fig_out" not in charts
        wait = {"en": "needs the last layer's output", "ko": "마지막 층의 출력"}[lang]
        assert any(wait in str(i.value) and D.numbers_in(str(i.value))[0] == t + 1 for i in at.info)
        return
    spec = charts["rnn_fig_out"]
    bars = D.traces(spec, "bar")[0]
    names = [D.plain(x) for x in bars["x"]]
    V, probs = len(ref.itos), ref.probs[t]
    shown = list(range(V))
    tops = [str(c.value) for c in at.caption if "30" in str(c.value) and str(V) in str(c.value)]
    if V > 30:  # the 30 most probable entries (the next token among them), in id order
        best = sorted(range(V), key=lambda i: -probs[i])[:30]
        if t + 1 < ref.T and ref.ids[t + 1] not in best:
            best = [*best[:-1], ref.ids[t + 1]]
        shown = sorted(best)
        assert len(tops) == 1 and D.numbers_in(tops[0])[:2] == [30, V]
    else:
        assert not tops
    assert names == [f"{seen(ref.itos[n])} ({n})" for n in shown]
    np.testing.assert_allclose(D.arr(bars["y"]), probs[shown], atol=1e-12)
    (uniform,) = [sh for sh in spec["layout"]["shapes"] if sh["type"] == "line"]
    assert uniform["y0"] == uniform["y1"] == pytest.approx(1 / V)
    colours = bars["marker"]["color"]
    orange = [names[i] for i, c in enumerate(colours) if c == ORANGE]
    nxt = [f"{seen(ref.tokens[t + 1])} ({ref.ids[t + 1]})"] if t + 1 < ref.T else []
    assert orange == nxt, f"t = {t + 1}: the orange bar must be the next token"
    assert D.numbers_in(D.plain(spec["layout"]["title"]["text"]))[0] == t + 1


def check_unrolled(at, ref: Ref, step: int) -> None:
    spec = D.chart(at, "rnn_fig_unrolled")
    data = spec["data"]
    cells = [tr for tr in data if tr.get("marker", {}).get("symbol") == "square"]
    assert len(cells) == ref.L * ref.D
    inputs = next(tr for tr in data if tr.get("marker", {}).get("symbol") == "circle")
    k_now, d_now, t_now = ref.order()[step - 1]
    done = set(ref.order()[:step])
    pos = {}
    for row, tr in enumerate(cells):
        k, d = divmod(row, ref.D)
        xs, ys = D.numbers(tr["x"]), D.numbers(tr["y"])
        fills, lines = tr["marker"]["color"], tr["marker"]["line"]["color"]
        for t in range(ref.T):
            pos[(k, d, t)] = (round(float(xs[t]), 6), round(float(ys[t]), 6))
            assert (fills[t] != PENDING) == ((k, d, t) in done), (k, d, t, "filled once computed")
            assert (lines[t] == ORANGE) == ((k, d, t) == (k_now, d_now, t_now)), (k, d, t, "outline")
        assert [squash(s) for s in tr["text"]] == [f"h{t}" for t in range(1, ref.T + 1)]
    in_x, in_y = D.numbers(inputs["x"]), D.numbers(inputs["y"])
    # The orange edges end at the current cell and start at what it reads.
    (edges,) = [tr for tr in data if tr.get("mode") == "lines" and tr["line"]["color"] == ORANGE]
    xs, ys = edges["x"], edges["y"]
    segs = [(xs[i], ys[i], xs[i + 1], ys[i + 1]) for i in range(0, len(xs), 3)]
    assert {(round(x1, 6), round(y1, 6)) for _, _, x1, y1 in segs} == {pos[(k_now, d_now, t_now)]}
    reads = {(round(float(in_x[t_now]), 6), round(float(in_y[t_now]), 6))} if k_now == 0 else {
        pos[(k_now - 1, e, t_now)] for e in range(ref.D)}
    prev = t_now - 1 if d_now == 0 else t_now + 1
    if 0 <= prev < ref.T:
        reads.add(pos[(k_now, d_now, prev)])
    assert {(round(x0, 6), round(y0, 6)) for x0, y0, _, _ in segs} == reads
    names = D.axis_ticks(spec, "yaxis")  # input row, one row per layer, output row
    assert len(names) == ref.L + 2
    assert [squash(n) for n in names[1:-1]] == [
        squash("".join(row_names(ref, lang_of(at))[k * ref.D:(k + 1) * ref.D])) for k in range(ref.L)]
    assert D.axis_ticks(spec, "xaxis") == token_ticks(ref)
    if ref.T > 24:  # no room on the axis: the current token is named under its column
        notes = [n for n in spec["layout"]["annotations"] if n.get("y") == -0.5]
        assert [(D.plain(n["text"]), n["x"]) for n in notes] == [(seen(ref.tokens[t_now]), t_now + 1)]
    circles = inputs["marker"]["line"]["color"]
    assert [i for i, c in enumerate(circles) if c == ORANGE] == ([t_now] if k_now == 0 else [])


def check_step(at, ref: Ref, step: int, lang: str = "en", act: str = "tanh") -> None:
    k, d, t = ref.order()[step - 1]
    check_where(at, ref, step, lang)
    # The sizes of this row's shared parameters, under the diagram.
    W_xh, _, _ = ref.weights(k, d)
    (shared,) = [str(c.value) for c in at.caption if "W_xh (" in str(c.value)]
    assert D.numbers_in(shared) == [ref.H, W_xh.shape[1], ref.H, ref.H, ref.H]
    check_equation(at, ref, k, d, t, act)
    check_hidden(at, ref, step, lang)
    check_output(at, ref, step, lang)
    check_unrolled(at, ref, step)


# --- the sections that do not move with the step --------------------------------------------------
def lang_of(at) -> str:
    return at.session_state["lang"]


def check_inputs(at, ref: Ref) -> None:
    (body,) = [m for m in (str(x.value) for x in at.markdown) if "|V| =" in m]
    assert D.numbers_in(body)[:3] == [ref.T, len(ref.itos), ref.x.shape[1]]
    (now,) = [m for m in (str(x.value) for x in at.markdown) if m.startswith(("Now: ", "지금 설정: "))]
    assert D.numbers_in(now)[0] == ref.L
    assert ({"en": "both directions", "ko": "양방향"}[lang_of(at)] in now) == (ref.D == 2)
    spec = D.chart(at, "rnn_fig_inputs")
    hm = D.traces(spec, "heatmap")[0]
    x = ref.x.numpy()  # (T, d)
    cols = ticks(spec, "xaxis")
    assert [cols[float(v)] for v in D.arr(hm["x"])] == token_ticks(ref)
    np.testing.assert_array_equal(D.arr(hm["y"]), np.arange(1, x.shape[1] + 1))  # j = 1 … d
    z = D.arr(hm["z"]).reshape(x.shape[1], ref.T)  # a column per token
    np.testing.assert_allclose(z, x.T, atol=1e-12)
    assert D.numbers_in(D.plain(spec["layout"]["title"]["text"]))[-2:] == [x.shape[1], ref.T]


def check_sensitivity(at, ref: Ref, lang: str = "en") -> None:
    spec = D.chart(at, "rnn_fig_sens")
    panels = D.traces(spec, "heatmap")
    expected = [ref.sens[d] for d in range(ref.D)] + ([ref.sens_joint] if ref.D == 2 else [])
    assert len(panels) == len(expected)
    rows = ticks(spec, "yaxis")
    assert [rows[float(v)] for v in D.arr(panels[0]["y"])] == token_ticks(ref)
    for panel, S in zip(panels, expected, strict=True):
        np.testing.assert_array_equal(D.arr(panel["y"]), np.arange(1, ref.T + 1))  # rows: output t
        np.testing.assert_array_equal(D.arr(panel["x"]), np.arange(1, ref.T + 1))  # columns: input s
        z = D.numbers(panel["z"]).reshape(ref.T, ref.T)
        zero = S < 1e-300
        assert np.isnan(z[zero]).all()
        np.testing.assert_allclose(z[~zero], np.log10(S[~zero]), atol=1e-9)
    if ref.D == 1:  # a forward RNN: nothing above the diagonal, everything below
        assert np.array_equal(np.isnan(D.numbers(panels[0]["z"]).reshape(ref.T, ref.T)),
                              np.triu(np.ones((ref.T, ref.T), bool), 1))
    key = {"en": "The last state h_T responds", "ko": "마지막 상태 h_T가"}[lang]
    (reach,) = [str(m.value) for m in at.markdown if str(m.value).startswith(key)]
    shown = re.findall(r"\d\.\de[+-]\d+", reach)
    assert len(shown) == 2
    first, last = (float(v) for v in shown)
    assert close_1e(first, ref.sens[0][-1, 0]) and close_1e(last, ref.sens[0][-1, -1]), reach


def check_shapes(at, ref: Ref) -> None:
    words = [squash(seen(w)) for w in ref.tokens[1:-1]]
    T = len(words)

    def read(key: str) -> tuple[list[str], list[str]]:
        notes = [n for n in D.chart(at, key)["layout"]["annotations"] if not n.get("showarrow")]
        below = [squash(n["text"]) for n in sorted(notes, key=lambda n: n["x"]) if n["y"] == 0]
        above = [squash(n["text"]) for n in sorted(notes, key=lambda n: n["x"]) if n["y"] == 2]
        return below, above

    y = [f"ŷ{n}" for n in range(1, T + 2)]
    assert read("rnn_fig_shape_one_to_one") == (words[:1], y[:1])
    assert read("rnn_fig_shape_one_to_many") == (words[:1] + y[: T - 1], y[:T])
    assert read("rnn_fig_shape_many_to_one") == (words, [f"ŷ{T}"])
    assert read("rnn_fig_shape_many_to_many") == (words, y[:T])
    below, above = read("rnn_fig_shape_encoder_decoder")
    assert below[:T] == words and below[T] == "<bos>" and above[0] == "ŷ1" and above[-1] == f"ŷ{T + 1}"


def waves(ref: Ref) -> np.ndarray:
    """The earliest turn of every cell (1-based): after its own previous state and the layer below at t."""
    w = np.zeros((ref.L, ref.D, ref.T), dtype=int)
    for k, d, t in ref.order():  # every input of a cell runs before it
        prev = t - 1 if d == 0 else t + 1
        after = [w[k, d, prev]] if 0 <= prev < ref.T else []
        after += [w[k - 1, e, t] for e in range(ref.D)] if k else []
        w[k, d, t] = max(after, default=0) + 1
    return w


def check_cost(at, ref: Ref, lang: str = "en") -> None:
    shown = list(D.metrics(at).values())
    turns = waves(ref)
    params = sum(p.numel() for p in ref.rnn.parameters())
    cells = ref.T * ref.L * ref.D
    seq = ref.T + ref.L - 1 if ref.D == 1 else ref.L * ref.T
    assert int(turns.max()) == seq
    assert shown == [str(ref.T), str(seq), str(cells), f"{params:,}"]
    mults = ref.T * sum(p.numel() for name, p in ref.rnn.named_parameters() if name.startswith("weight"))
    key = {"en": "h_t needs h_(t-1) first", "ko": "h_t를 계산하려면"}[lang]
    (body,) = [str(m.value) for m in at.markdown if str(m.value).startswith(key)]
    assert f"{mults:,}" in body and f"{seq}" in body
    spec = D.chart(at, "rnn_fig_schedule")
    hm = D.traces(spec, "heatmap")[0]
    rows = ticks(spec, "yaxis")
    assert [rows[float(v)] for v in D.arr(hm["y"])] == row_names(ref, lang)
    np.testing.assert_array_equal(D.arr(hm["x"]), np.arange(1, ref.T + 1))
    np.testing.assert_array_equal(D.arr(hm["z"]).reshape(ref.L * ref.D, ref.T),
                                  turns.reshape(ref.L * ref.D, ref.T))


# --- fixtures -------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def en():
    at = open_page(PAGE, lang="en")
    assert not at.exception
    return at


@pytest.fixture(scope="module")
def ref_en() -> Ref:
    return reference(EN)


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
def test_each_step_shows_pytorchs_numbers(en, ref_en):
    step_to(en, 1)
    check_step(en, ref_en, 1)
    en.button(key="rnn_step__next").click().run()
    check_step(en, ref_en, 2)
    step_to(en, 5)
    check_step(en, ref_en, 5)
    en.button(key="rnn_step__prev").click().run()
    check_step(en, ref_en, 4)
    en.button(key="rnn_step__last").click().run()
    check_step(en, ref_en, ref_en.T)  # ŷ_T: no next token to colour


def test_inputs_are_nn_embedding_rows_one_column_per_token(en, ref_en):
    check_inputs(en, ref_en)


def test_sensitivity_is_the_norm_of_autograds_jacobian(en, ref_en):
    check_sensitivity(en, ref_en)


def test_shapes_of_use_draw_the_learners_words(en, ref_en):
    check_shapes(en, ref_en)


def test_cost_metrics_and_schedule(en, ref_en):
    check_cost(en, ref_en)


def test_badges_are_green_with_the_measured_difference(en):
    shown = badges(en)
    assert [(b.ok, b.module) for b in shown] == [(True, "nn.RNN"), (True, "nn.Linear → softmax")]
    assert all(b.diff < 1e-12 for b in shown)


def test_stacked_bidirectional_steps_in_pytorchs_order():
    at = open_page(PAGE, lang="en")
    at.radio(key="rnn_layers").set_value(2).run()
    at.toggle(key="rnn_bidir").set_value(True).run()
    at.selectbox(key="rnn_sentence").set_value(2).run()
    assert not at.exception
    ref = reference(EN, 1, layers=2, bidir=True)
    T = ref.T
    assert at.slider(key="rnn_step__slider").max == 4 * T
    # layer 1 forward at t = 3; layer 1 backward at t = T-1 (reads h←_T); layer 2 forward at t = 2
    # (reads both halves of layer 1, and ŷ must wait); layer 2 backward at t = 1, the last cell.
    for step in (3, T + 2, 2 * T + 2, 4 * T - 2, 4 * T):
        step_to(at, step)
        check_step(at, ref, step)
    check_inputs(at, ref)
    check_sensitivity(at, ref)
    check_cost(at, ref)


def test_relu_stacked_with_a_large_state_is_drawn_as_heatmaps():
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("a b a c").run()
    at.radio(key="rnn_act").set_value("relu").run()
    at.radio(key="rnn_layers").set_value(2).run()
    at.number_input(key="rnn_hidden").set_value(6).run()
    at.number_input(key="rnn_dim").set_value(3).run()
    at.number_input(key="rnn_seed").set_value(5).run()
    assert not at.exception
    ref = reference(["a b a c"], d=3, hidden=6, act="relu", seed=5, layers=2)
    check_cost(at, ref)  # T + L - 1 sequential steps
    for step in (3, ref.T + 4):
        step_to(at, step)
        check_where(at, ref, step, "en")
        check_hidden(at, ref, step, "en")
        check_output(at, ref, step, "en")
        k, d, t = ref.order()[step - 1]
        W_xh, W_hh, b = ref.weights(k, d)
        h = ref.states[k][d][t]
        a = W_xh @ ref.inputs[k][t] + W_hh @ ref.h_prev(k, d, t) + b
        np.testing.assert_allclose(np.maximum(a, 0), h, atol=1e-12)
        spec = D.chart(at, "rnn_fig_terms")
        titles = [squash(n) for n in D.annotations(spec)]
        x_name = f"x_{t + 1}" if k == 0 else f"h⁽{k}⁾_{t + 1}"
        sup = "" if k == 0 else f"⁽{k + 1}⁾"
        assert titles == [squash(s) for s in ("W_xh", f"· {x_name}", "+ W_hh", f"· h{sup}_{t}", "+ b",
                                              f"= a{sup}_{t + 1}", f"→ h{sup}_{t + 1}")]
        parts = [W_xh, ref.inputs[k][t][:, None], W_hh, ref.h_prev(k, d, t)[:, None], b[:, None], a[:, None],
                 h[:, None]]
        for panel, value in zip(D.traces(spec, "heatmap"), parts, strict=True):
            z = D.numbers(panel["z"]).reshape(value.shape)  # rows: the H units (or inputs), in order
            np.testing.assert_allclose(z, value, atol=1e-12)
            np.testing.assert_allclose(D.numbers(panel["text"]), value, atol=TEX)


def test_long_sentence_draws_the_most_probable_outputs_and_names_the_step():
    words = " ".join(f"w{i}" for i in range(1, 29))
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input(words).run()
    assert not at.exception
    ref = reference([words])
    assert len(ref.itos) == 32 and ref.T == 30
    for step in (5, 30):
        step_to(at, step)
        check_step(at, ref, step)
    check_inputs(at, ref)
    check_cost(at, ref)


def test_saturated_tanh_and_growing_relu_report_the_share_and_the_size():
    at = open_page(PAGE, lang="en")
    at.select_slider(key="rnn_scale").set_value(10.0).run()
    ref = reference(EN, scale=10.0)
    share = np.mean(np.abs(np.concatenate([s.ravel() for row in ref.states for s in row])) > 0.99)
    assert share > 0.5
    (note,) = [str(i.value) for i in at.info if "saturated" in str(i.value)]
    assert D.parse_number(re.search(r"\d+%", note).group(0)) == pytest.approx(share, abs=0.005 + 1e-9)
    step_to(at, 3)
    check_step(at, ref, 3)
    at.radio(key="rnn_act").set_value("relu").run()
    at.select_slider(key="rnn_scale").set_value(100.0).run()
    ref = reference(EN, act="relu", scale=100.0)
    big = max(float(np.abs(s).max()) for row in ref.states for s in row)
    assert big > 1e6
    (warning,) = [str(w.value) for w in at.warning if re.search(r"\d\.\de\+\d+", str(w.value))]
    assert close_1e(float(re.search(r"\d\.\de\+\d+", warning).group(0)), big), warning
    check_hidden(at, ref, 3, "en")
    check_output(at, ref, 3, "en")


def test_korean_page_with_characters():
    at = open_page(PAGE, lang="ko")
    assert at.title[0].value == "RNN 순전파"
    at.radio(key="rnn_level").set_value("char").run()
    at.number_input(key="rnn_seed").set_value(3).run()
    at.toggle(key="rnn_bidir").set_value(True).run()
    assert not at.exception
    ref = reference(KO, level="char", seed=3, bidir=True)
    assert ref.tokens[1:4] == ["나", "는", " "]
    for step in (2, ref.T + 3):
        step_to(at, step)
        check_step(at, ref, step, "ko")
    check_cost(at, ref, "ko")
    check_sensitivity(at, ref, "ko")
    shown = badges(at)
    assert [(b.ok, b.module) for b in shown] == [(True, "nn.RNN"), (True, "nn.Linear → softmax")]
    assert any("일치합니다" in str(s.value) for s in at.success)


def test_badge_turns_red_when_the_trace_disagrees_with_nn_rnn(fresh_cache, monkeypatch):
    real = core.rnn.trace_rnn

    def off_by_a_little(*args, **kwargs):
        trace = real(*args, **kwargs)
        return dataclasses.replace(trace, output=trace.output + 1e-3)

    monkeypatch.setattr(core.rnn, "trace_rnn", off_by_a_little)
    at = open_page(PAGE, lang="en")
    assert not at.exception
    shown = {b.module: b for b in badges(at)}
    assert not shown["nn.RNN"].ok
    assert shown["nn.RNN"].diff == pytest.approx(1e-3, rel=0.05)
    assert any("❌" in str(e.icon) + str(e.value) and "nn.RNN" in str(e.value) for e in at.error)
