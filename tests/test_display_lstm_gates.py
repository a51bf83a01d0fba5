"""What the "LSTM gates" page *shows*, read off the page and checked against torch.nn.LSTM.

Every expected number is computed here: the plain run is ``torch.nn.LSTM`` itself, called one
step at a time with the state carried by hand, and its gates are recomputed from the module's own
weights (PyTorch packs them i, f, g, o). The interventions (a clamped forget gate, a wiped cell)
and the peephole variant have no PyTorch module, so a NumPy LSTM written in this file computes them;
without an intervention it is asserted equal to ``nn.LSTM`` at every step. Nothing here calls
``ui.*`` or reads core's trace: the weights come from ``core.lstm.make_lstm`` / ``add_peepholes`` /
the shipped sentiment model, and the tokens from core's tokenizer, as the page gets them.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace

import numpy as np
import pytest
import streamlit as st
import torch

import core.lstm
from core.lstm import add_peepholes, make_lstm
from core.text import MAX_TOKENS, TokenizerSpec, text_to_tensors
from tests import display as d
from tests.test_pages import open_page
from ui.i18n import STRINGS

PAGE = "pages/lstm_gates.py"
EN = "I go to school today\nThe cat sleeps by the window"  # the English example text
KO = "고양이가 창가에서 잠을 잔다"
DEC3 = 0.0005 + 1e-9  # values written with three decimals
DEC4 = 0.00005 + 1e-9
GATES = ("i", "f", "g", "o")  # PyTorch's packing order


def s(key: str, lang: str = "en", **kw: object) -> str:
    text = STRINGS[key][lang]
    return text.format(**kw) if kw else text


# --- readers of this page (shared readers live in tests/display.py) ----------------------------


def shown_badges(at) -> list[tuple[bool, str, float]]:
    """(green?, module, difference) of every PyTorch badge. Streamlit moves a leading emoji into the
    alert's icon, so the ✅/❌ is looked for in the icon as well as in the text."""
    out = []
    for kind, ok in (("success", True), ("error", False)):
        for e in getattr(at, kind):
            text, icon = str(e.value), str(getattr(e, "icon", "") or "")
            m = re.search(r"`(?P<module>[^`]+)`.*?(?P<diff>\d\.\de[+-]\d+)", text)
            if m and ("✅" in icon + text or "❌" in icon + text):
                out.append((ok and "✅" in icon + text, m.group("module"), float(m.group("diff"))))
    return out


def strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def wires(spec: dict) -> dict[str, list[str]]:
    """The diagram's "name = value" labels, by name (tags dropped: C<sub>t−1</sub> → Ct−1)."""
    out: dict[str, list[str]] = {}
    for a in spec["layout"].get("annotations", []):
        for line in strip_tags(str(a.get("text", "")).replace("<br>", "\n")).split("\n"):
            m = re.fullmatch(r"(.+?) = (\S+)(?: \(.*\))?", line.strip())
            if m:
                out.setdefault(m.group(1), []).append(m.group(2))
    return out


def wire(spec: dict, name: str) -> float:
    values = {float(v) for v in wires(spec)[name]}
    assert len(values) == 1, (name, values)
    return values.pop()


def fields_of(key: str, texts: list[str], lang: str = "en") -> dict[str, str]:
    """The values a page filled into the string template ``key``, read back from its texts."""
    parts = re.split(r"\{(\w+)(?::[^{}]*)?\}", STRINGS[key][lang])
    pattern = "".join(re.escape(p) if k % 2 == 0 else f"(?P<{p}>.+?)" for k, p in enumerate(parts))
    for text in texts:
        m = re.fullmatch(pattern, text, re.S)
        if m:
            return m.groupdict()
    raise AssertionError(f"no text fills {key!r}")


UNDERBRACE = re.compile(r"\\underbrace\{((?:[^{}]|\{[^{}]*\})*)\}_\{(-?\d+\.\d+)\}")


def equation_lines(tex: str) -> list[str]:
    body = tex.strip().strip("$").strip()
    body = body.removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
    return [line.strip() for line in body.split(r" \\[6pt] ")]


def gate_line(line: str) -> dict:
    """f_t &= σ(⏟W_if x_t + ⏟W_hf h_{t-1} + ⏟b_f [+ ⏟peephole]) = σ(pre) = value [cancelled → value]."""
    terms = UNDERBRACE.findall(line)
    m = re.search(r"\\big\) = \\(?:sigma|tanh)\((-?\d+\.\d+)\) = (.*)$", line)
    assert m, line
    rest = [float(v) for v in re.findall(r"-?\d+\.\d+", m.group(2))]
    return {"labels": [lab for lab, _ in terms], "terms": [float(v) for _, v in terms],
            "pre": float(m.group(1)), "value": rest[-1],
            "natural": rest[0] if "cancel" in m.group(2) else None}


# --- the reference ---------------------------------------------------------------------------


def page_inputs(text: str, level: str = "word", dim: int = 4, seed: int = 0, line: int = 0):
    """Tokens and x (T, E) as the page builds them: a vocabulary over every line of the text."""
    lines = [row for row in text.split("\n") if row.strip()]
    tt = text_to_tensors(lines, TokenizerSpec(level), d=dim, seed=seed, max_tokens=MAX_TOKENS)
    row = tt.sentences[line]
    return list(row.tokens), np.asarray(tt.embedded[line, : len(row.tokens)], dtype=np.float64)


def lstm_reference(lstm: torch.nn.Module, x: np.ndarray, *, clamp: float | None = None,
                   reset_at: int | None = None, peep: tuple[np.ndarray, ...] | None = None) -> dict:
    """Every gate and state of a one-layer LSTM on x (T, E), in float64.

    The plain run (and the cell reset, which only zeroes the state passed in) is torch.nn.LSTM
    itself, one call per step; the gates are recomputed from its weights and must give the same
    c_t and h_t. A clamped forget gate and peepholes have no PyTorch module: the NumPy loop here is
    the reference for them.
    """
    W_ih, W_hh, b_ih, b_hh = (p.detach().double().numpy() for p in (
        lstm.weight_ih_l0, lstm.weight_hh_l0, lstm.bias_ih_l0, lstm.bias_hh_l0))
    H, T = W_hh.shape[1], x.shape[0]
    w_ci, w_cf, w_co = peep if peep is not None else (np.zeros(H),) * 3
    torch_lstm = None if peep is not None else torch.nn.LSTM(x.shape[1], H).double()
    if torch_lstm is not None:
        torch_lstm.load_state_dict({k: v.detach().double() for k, v in lstm.state_dict().items()})
    keys = ("h_prev", "c_prev", "i", "f", "g", "o", "c", "h", "f_natural", "peep_i", "peep_f", "peep_o")
    out = {k: np.zeros((T, H)) for k in keys}
    for k in ("from_x", "from_h", "bias", "pre"):
        out[k] = {g: np.zeros((T, H)) for g in GATES}
    h, c = np.zeros(H), np.zeros(H)
    sig = lambda v: 1.0 / (1.0 + np.exp(-v))  # noqa: E731
    for t in range(T):
        if reset_at == t:
            c = np.zeros(H)
        out["h_prev"][t], out["c_prev"][t] = h, c
        fx, fh, b = W_ih @ x[t], W_hh @ h, b_ih + b_hh
        for k, g in enumerate(GATES):
            rows = slice(k * H, (k + 1) * H)
            out["from_x"][g][t], out["from_h"][g][t], out["bias"][g][t] = fx[rows], fh[rows], b[rows]
            out["pre"][g][t] = fx[rows] + fh[rows] + b[rows]
        out["peep_i"][t], out["peep_f"][t] = w_ci * c, w_cf * c
        out["pre"]["i"][t] += w_ci * c
        out["pre"]["f"][t] += w_cf * c
        i, g = sig(out["pre"]["i"][t]), np.tanh(out["pre"]["g"][t])
        out["f_natural"][t] = sig(out["pre"]["f"][t])
        f = out["f_natural"][t] if clamp is None else np.full(H, float(clamp))
        c_new = f * c + i * g
        out["peep_o"][t] = w_co * c_new
        out["pre"]["o"][t] += w_co * c_new
        o = sig(out["pre"]["o"][t])
        h_new = o * np.tanh(c_new)
        if torch_lstm is not None and clamp is None:
            with torch.no_grad():
                _, (th, tc) = torch_lstm(torch.from_numpy(x[t : t + 1]),
                                         (torch.from_numpy(h[None]), torch.from_numpy(c[None])))
            np.testing.assert_allclose(h_new, th[0].numpy(), atol=1e-12)
            np.testing.assert_allclose(c_new, tc[0].numpy(), atol=1e-12)
            h_new, c_new = th[0].numpy(), tc[0].numpy()  # PyTorch's own numbers from here on
        for k, v in (("i", i), ("f", f), ("g", g), ("o", o), ("c", c_new), ("h", h_new)):
            out[k][t] = v
        h, c = h_new, c_new
    # Properties that must hold whatever the weights: gates in (0, 1), the cell update.
    for k in ("i", "o"):
        assert ((out[k] > 0) & (out[k] < 1)).all()
    np.testing.assert_allclose(out["c"], out["f"] * out["c_prev"] + out["i"] * out["g"], atol=1e-12)
    return out


@pytest.fixture(scope="module")
def ref():
    tokens, x = page_inputs(EN)
    return tokens, x, lstm_reference(make_lstm(4, 4, forget_bias=1.0, seed=0), x)


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE, lang="en")


def go(at, step: int, unit: int | None = None) -> None:
    if unit is not None and at.selectbox(key="lstm_unit").value != unit:
        at.selectbox(key="lstm_unit").set_value(unit).run()
    at.slider(key="lstm_step__slider").set_value(step).run()
    assert not at.exception and at.session_state["lstm_step"] == step


def check_equations(tex: str, r: dict, s_: int, j: int, *, peephole: bool = False) -> None:
    """The six equations at step index s_, unit j (0-based), against the reference r."""
    lines = equation_lines(tex)
    assert len(lines) == 6
    subs = {"f": "f", "i": "i", "g": "g", "o": "o"}
    for line, g in zip((lines[0], lines[1], lines[2], lines[4]), ("f", "i", "g", "o"), strict=True):
        got = gate_line(line)
        sub = subs[g]
        labels = [f"W_{{i{sub}}}x_t", f"W_{{h{sub}}}h_{{t-1}}", f"b_{{{sub}}}"]
        assert got["labels"][:3] == labels, got["labels"]
        want = [r["from_x"][g][s_, j], r["from_h"][g][s_, j], r["bias"][g][s_, j]]
        if peephole and g != "g":
            want.append(r[f"peep_{g}"][s_, j])
        assert len(got["terms"]) == len(want), (g, got)
        np.testing.assert_allclose(got["terms"], want, atol=DEC3, err_msg=f"{g}: terms")
        np.testing.assert_allclose(got["pre"], r["pre"][g][s_, j], atol=DEC3, err_msg=f"{g}: pre")
        np.testing.assert_allclose(got["value"], r[g][s_, j], atol=DEC3, err_msg=f"{g}: value")
        if got["natural"] is not None:
            np.testing.assert_allclose(got["natural"], r["f_natural"][s_, j], atol=DEC3)
    f, c_prev, i, g, c = (r[k][s_, j] for k in ("f", "c_prev", "i", "g", "c"))
    np.testing.assert_allclose(d.tex_numbers(lines[3].split(" = ", 1)[1]),
                               [f, c_prev, i, g, f * c_prev, i * g, c], atol=DEC3, err_msg="C_t")
    o, h = r["o"][s_, j], r["h"][s_, j]
    np.testing.assert_allclose(d.tex_numbers(lines[5].split(" = ", 1)[1]), [o, c, o, np.tanh(c), h],
                               atol=DEC3, err_msg="h_t")


def check_diagram(spec: dict, r: dict, tokens: list[str], s_: int, j: int) -> None:
    want = {"Ct−1": r["c_prev"][s_, j], "ht−1": r["h_prev"][s_, j], "Ct": r["c"][s_, j],
            "ht": r["h"][s_, j], "ft": r["f"][s_, j], "it": r["i"][s_, j], "C̃t": r["g"][s_, j],
            "i⊙C̃": r["i"][s_, j] * r["g"][s_, j], "f⊙Ct−1": r["f"][s_, j] * r["c_prev"][s_, j],
            "ot": r["o"][s_, j], "tanh(Ct)": np.tanh(r["c"][s_, j])}
    for name, value in want.items():
        np.testing.assert_allclose(wire(spec, name), value, atol=DEC3, err_msg=f"wire {name} at t={s_ + 1}")
    assert wires(spec)["xt"] == [tokens[s_].replace(" ", "␣")]  # a space is drawn visible
    assert len(wires(spec)["ht"]) == 2  # h_t leaves to the right and upwards


# --- the page --------------------------------------------------------------------------------


def test_badge_is_green_and_names_nn_lstm(at):
    (ok, module, diff), = shown_badges(at)
    assert ok and module == "nn.LSTM" and diff < 1e-12


@pytest.mark.parametrize(("step", "unit"), [(1, 1), (3, 2), (5, 4), (7, 3)])
def test_equations_diagram_and_token_carry_this_steps_numbers(at, ref, step, unit):
    tokens, _, r = ref
    go(at, step, unit)
    s_, j = step - 1, unit - 1
    check_equations(d.latex(at)[0], r, s_, j)
    check_diagram(d.chart(at, "lstm_diagram"), r, tokens, s_, j)
    assert s("lstm.step.now", t=step, T=len(tokens), j=unit, H=4) in [m.value for m in at.markdown]
    row = d.chart(at, "lstm_tokens")
    z = d.numbers(row["data"][0]["z"])[0]
    assert np.flatnonzero(z == 1).tolist() == [s_]  # the token read now is lit
    outline = row["layout"]["shapes"][0]
    assert outline["x0"] < step < outline["x1"]
    assert strip_tags(row["data"][0]["text"][0][s_]).startswith(tokens[s_])


@pytest.mark.parametrize("step", [2, 6])
def test_belt_and_table_show_every_unit_of_this_step(at, ref, step):
    _, _, r = ref
    go(at, step, 1)
    s_ = step - 1
    belt = d.chart(at, "lstm_belt")
    bars, marks = d.traces(belt, "bar"), d.traces(belt, "scatter")
    names = [b["name"] for b in bars] + [m["name"] for m in marks]
    assert names == [s(f"lstm.belt.{k}") for k in ("kept", "erased", "written", "c_prev", "c")]
    c_prev, f, i, g, c = (r[k][s_] for k in ("c_prev", "f", "i", "g", "c"))
    kept = f * c_prev
    expected = ((bars[0], 0 * kept, kept), (bars[1], kept, c_prev - kept), (bars[2], kept, i * g))
    for bar, base, length in expected:
        np.testing.assert_array_equal(d.numbers(bar["y"]), np.arange(1, 5))  # one bar per unit j
        np.testing.assert_allclose(d.numbers(bar["base"]), base, atol=1e-9, err_msg=bar["name"])
        np.testing.assert_allclose(d.numbers(bar["x"]), length, atol=1e-9, err_msg=bar["name"])
    np.testing.assert_allclose(d.numbers(marks[0]["x"]), c_prev, atol=1e-9)
    np.testing.assert_allclose(d.numbers(marks[1]["x"]), c, atol=1e-9)
    np.testing.assert_allclose(np.round(d.numbers(marks[0]["y"])), np.arange(1, 5))
    assert d.axis_ticks(belt, "yaxis") == [f"j={k}" for k in range(1, 5)]

    assert f"**{s('lstm.table.title', t=step)}**" in [m.value for m in at.markdown]
    table = d.table(at, 0)
    want = {"f": f, "i": i, "C̃": g, "C(t−1)": c_prev, "f⊙C(t−1)": kept, "i⊙C̃": i * g, "C(t)": c,
            "o": r["o"][s_], "h(t)": r["h"][s_]}
    assert table["j"].tolist() == [1, 2, 3, 4]
    for col, values in want.items():
        np.testing.assert_allclose(table[col].to_numpy(float), values, atol=DEC4, err_msg=col)


def test_heatmaps_put_time_across_and_units_down(at, ref):
    tokens, _, r = ref
    spec = d.chart(at, "lstm_heatmaps")
    maps = d.traces(spec, "heatmap")
    titles = d.annotations(spec)
    assert titles == [s(f"lstm.heat.{k}") for k in ("f", "i", "g", "o", "c", "h")]
    T, H = len(tokens), 4
    for k, (heat, key) in enumerate(zip(maps, ("f", "i", "g", "o", "c", "h"), strict=True)):
        z = d.numbers(heat["z"])
        x, y = d.numbers(heat["x"]), d.numbers(heat["y"])
        assert z.shape == (len(y), len(x)) == (H, T), key  # rows are units, columns time
        np.testing.assert_array_equal(x, np.arange(1, T + 1))
        np.testing.assert_allclose(z, r[key].T, atol=0.005, err_msg=f"panel {k + 1}: {titles[k]}")
        np.testing.assert_array_equal(y, np.arange(1, H + 1))
        y_axis = "yaxis" if k == 0 else f"yaxis{k + 1}"
        assert d.axis_ticks(spec, y_axis) == [f"j={u}" for u in range(1, H + 1)]  # units down
    bottom = [a for a in spec["layout"] if a.startswith("xaxis") and spec["layout"][a].get("ticktext")]
    ticks = [strip_tags(t.replace("<br>", " ")) for t in spec["layout"][bottom[0]]["ticktext"]]
    assert ticks == [f"{t} {tok}" for t, tok in enumerate(tokens, start=1)]  # tokens on the time axis

    lines = d.chart(at, "lstm_lines")
    for j, trace in enumerate(d.traces(lines, "scatter")):
        assert trace["name"] == f"j={j + 1}"
        np.testing.assert_allclose(d.numbers(trace["y"]), r["c"][:, j], atol=1e-9)
        np.testing.assert_array_equal(d.numbers(trace["x"]), np.arange(1, T + 1))


def test_a_clamped_forget_gate_changes_the_shown_run_and_the_differences(ref):
    tokens, x, base = ref
    at = open_page(PAGE, lang="en")
    at.radio(key="lstm_iv").set_value("forget1").run()
    clamped = lstm_reference(make_lstm(4, 4, forget_bias=1.0, seed=0), x, clamp=1.0)
    assert not at.exception
    for step, unit in ((3, 2), (7, 4)):
        go(at, step, unit)
        check_equations(d.latex(at)[0], clamped, step - 1, unit - 1)
        check_diagram(d.chart(at, "lstm_diagram"), clamped, tokens, step - 1, unit - 1)
        assert "ft" in wires(d.chart(at, "lstm_diagram"))
    dh, dc = clamped["h"] - base["h"], clamped["c"] - base["c"]
    changed = np.flatnonzero(np.abs(dh).max(axis=1) > 1e-12)
    m = d.metrics(at)
    assert m[s("lstm.iv.first")] == f"t = {changed[0] + 1}" == "t = 2"  # C_0 = 0: step 1 cannot change
    np.testing.assert_allclose(float(m[s("lstm.iv.last_dh")]), np.abs(dh[-1]).max(), atol=DEC4)
    np.testing.assert_allclose(float(m[s("lstm.iv.last_dc")]), np.abs(dc[-1]).max(), atol=DEC4)
    diff = d.chart(at, "lstm_diff")
    assert d.annotations(diff) == [s("lstm.iv.dh"), s("lstm.iv.dc")]
    for heat, want in zip(d.traces(diff, "heatmap"), (dh, dc), strict=True):
        np.testing.assert_allclose(d.numbers(heat["z"]), want.T, atol=1e-9)  # units × time
    lines = d.traces(d.chart(at, "lstm_lines"), "scatter")
    np.testing.assert_allclose(d.numbers(lines[1]["y"]), clamped["c"][:, 0], atol=1e-9)  # dashed twin of j=1


def test_a_zero_forget_gate_is_shown_cancelled_and_a_cell_reset_zeroes_that_step(ref):
    tokens, x, base = ref
    at = open_page(PAGE, lang="en")
    at.radio(key="lstm_iv").set_value("forget0").run()
    zero = lstm_reference(make_lstm(4, 4, forget_bias=1.0, seed=0), x, clamp=0.0)
    go(at, 4, 3)
    got = gate_line(equation_lines(d.latex(at)[0])[0])
    assert got["natural"] is not None and got["value"] == 0.0
    check_equations(d.latex(at)[0], zero, 3, 2)

    at.radio(key="lstm_iv").set_value("reset").run()
    at.select_slider(key="lstm_reset_at").set_value(5).run()
    reset = lstm_reference(make_lstm(4, 4, forget_bias=1.0, seed=0), x, reset_at=4)
    go(at, 5, 2)
    assert r"\underbrace{C_{t-1}}_{:=\,0}" in d.latex(at)[0]
    check_equations(d.latex(at)[0], reset, 4, 1)
    check_diagram(d.chart(at, "lstm_diagram"), reset, tokens, 4, 1)
    assert wire(d.chart(at, "lstm_diagram"), "Ct−1") == 0.0
    assert d.metrics(at)[s("lstm.iv.first")] == "t = 5"
    np.testing.assert_allclose(float(d.metrics(at)[s("lstm.iv.last_dh")]),
                               np.abs(reset["h"][-1] - base["h"][-1]).max(), atol=DEC4)


def test_peepholes_show_their_weights_terms_and_wires():
    at = open_page(PAGE, lang="en")
    at.toggle(key="lstm_peephole").set_value(True).run()
    assert not at.exception
    tokens, x = page_inputs(EN)
    peep = add_peepholes(make_lstm(4, 4, forget_bias=1.0, seed=0), seed=0)
    w = tuple(getattr(peep, n).detach().double().numpy().reshape(-1) for n in ("w_ci", "w_cf", "w_co"))
    r = lstm_reference(peep, x, peep=w)
    (ok, module, diff), = shown_badges(at)
    assert ok and module == "PeepholeLSTM" and diff < 1e-12
    table = d.table(at, 1)
    for col, values in zip(("w_ci", "w_cf", "w_co"), w, strict=True):
        np.testing.assert_allclose(table[col].to_numpy(float), values, atol=DEC4, err_msg=col)
    go(at, 4, 2)
    check_equations(d.latex(at)[0], r, 3, 1, peephole=True)
    spec = d.chart(at, "lstm_diagram")
    check_diagram(spec, r, tokens, 3, 1)
    for name, key in (("wcfCt−1", "peep_f"), ("wciCt−1", "peep_i"), ("wcoCt", "peep_o")):
        np.testing.assert_allclose(wire(spec, name), r[key][3, 1], atol=DEC3, err_msg=name)


@pytest.mark.parametrize(("N", "L", "Q", "K", "D", "batch_first", "bidirectional"),
                         [(2, 5, 3, 2, 4, False, False), (3, 4, 5, 3, 2, True, True)])
def test_api_shapes_and_counts_are_those_of_a_real_nn_lstm(N, L, Q, K, D, batch_first, bidirectional):
    at = open_page(PAGE, lang="en")
    for name, v in zip("NLQKD", (N, L, Q, K, D), strict=True):
        at.number_input(key=f"lstm_api_{name}").set_value(v).run()
    at.toggle(key="lstm_api_bf").set_value(batch_first).run()
    at.toggle(key="lstm_api_bi").set_value(bidirectional).run()
    assert not at.exception
    lstm = torch.nn.LSTM(Q, D, num_layers=K, batch_first=batch_first, bidirectional=bidirectional)
    X = torch.zeros((N, L, Q) if batch_first else (L, N, Q))
    Y, (h_n, c_n) = lstm(X)
    code = next(c.value for c in at.code if "torch.nn.LSTM" in c.value)
    assert f"X = torch.randn{tuple(X.shape)}" in code
    tables = [df.value for df in at.dataframe]
    tensors = next(tb for tb in tables if "X" in tb.iloc[:, 0].tolist())
    assert tensors.iloc[:, -1].tolist() == [str(tuple(v.shape)) for v in (X, Y, h_n, c_n)]
    params = next(tb for tb in tables if "numel" in tb.columns)
    named = list(lstm.named_parameters())
    assert params.iloc[:, 0].tolist() == [n for n, _ in named]
    assert params.iloc[:, 2].tolist() == [str(tuple(p.shape)) for _, p in named]
    assert params["numel"].tolist() == [p.numel() for _, p in named]
    blocks = next(tb for tb in tables if "q" in tb.columns)
    per_block = []
    for k in range(K):
        for suffix in ("", "_reverse")[: 2 if bidirectional else 1]:
            per_block.append(sum(p.numel() for n, p in named if n.endswith(f"_l{k}{suffix}")))
    assert [int(v.rsplit("= ", 1)[1].replace(",", "")) for v in blocks.iloc[:, -1]] == per_block
    total = sum(p.numel() for p in lstm.parameters())
    sums = [int(v.replace("{,}", "")) for v in re.findall(r"= ([\d{},]+)", d.latex(at)[-1])]
    assert sums == [total, total]


def test_korean_sentence_through_the_trained_sentiment_lstm():
    classify = pytest.importorskip("core.classify")
    at = open_page(PAGE, lang="ko")
    at.text_area(key="user_text").input(KO).run()
    at.radio(key="lstm_model").set_value("trained").run()
    assert not at.exception
    model = classify.load_sentiment_model()
    tokens, x = model.embed(KO)
    lstm = model.lstm
    r = lstm_reference(lstm, x.detach().double().numpy())
    (ok, module, diff), = shown_badges(at)
    assert ok and module == "nn.LSTM" and diff < 1e-12
    with torch.no_grad():  # the shared model is only read
        y, (h_n, _) = lstm(x.double())
        p = float(torch.sigmoid(model.head(h_n[0]))[0])
    np.testing.assert_allclose(r["h"], y.numpy(), atol=1e-12)
    assert s("lstm.model.p", "ko", p=f"{p:.3f}") in [m.value for m in at.markdown]
    T = len(tokens)
    for step, unit in ((T, 1), (max(1, T // 2), 5)):
        go(at, step, unit)
        check_equations(d.latex(at)[0], r, step - 1, unit - 1)
        check_diagram(d.chart(at, "lstm_diagram"), r, list(tokens), step - 1, unit - 1)
    heat = d.traces(d.chart(at, "lstm_heatmaps"), "heatmap")
    np.testing.assert_allclose(d.numbers(heat[5]["z"]), r["h"].T, atol=0.005)
    # H = 48: the belt and the cell lines show a window of 12 units around the chosen one.
    H, unit = lstm.hidden_size, 30
    go(at, T, unit)
    belt = d.chart(at, "lstm_belt")
    units = d.numbers(d.traces(belt, "bar")[0]["y"]).astype(int)
    assert len(units) == 12 and unit in units and (np.diff(units) == 1).all() and 1 <= units[0] <= H - 11
    c_now = d.numbers(d.traces(belt, "scatter")[1]["x"])  # the ◆ of every unit in the window
    np.testing.assert_allclose(c_now, r["c"][T - 1, units - 1], atol=1e-9)
    assert d.axis_ticks(belt, "yaxis") == [f"j={k}" for k in units]
    window = fields_of("lstm.window", [c.value for c in at.caption], "ko")
    assert window == {"a": str(units[0]), "b": str(units[-1]), "H": str(H)}
    lines = d.traces(d.chart(at, "lstm_lines"), "scatter")
    assert [tr["name"] for tr in lines] == [f"j={k}" for k in units]
    for tr, k in zip(lines, units, strict=True):
        np.testing.assert_allclose(d.numbers(tr["y"]), r["c"][:, k - 1], atol=1e-9)
    at.radio(key="lstm_iv").set_value("forget0").run()
    zero = lstm_reference(lstm, x.detach().double().numpy(), clamp=0.0)
    logit = zero["h"][-1] @ model.head.weight.detach().double().numpy()[0] + float(model.head.bias[0])
    p_alt = 1.0 / (1.0 + np.exp(-logit))
    assert d.metrics(at)[s("lstm.iv.p", "ko")] == f"{p_alt:.3f}"


def test_korean_random_model_steps():
    at = open_page(PAGE, lang="ko")
    at.text_area(key="user_text").input(KO).run()
    at.radio(key="lstm_level").set_value("char").run()
    tokens, x = page_inputs(KO, level="char")
    r = lstm_reference(make_lstm(4, 4, forget_bias=1.0, seed=0), x)
    for step, unit in ((6, 3), (9, 2)):
        go(at, step, unit)
        check_equations(d.latex(at)[0], r, step - 1, unit - 1)
        check_diagram(d.chart(at, "lstm_diagram"), r, tokens, step - 1, unit - 1)
    assert tokens[5] == " " and tokens[8] == "에"


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


def test_badge_turns_red_when_the_trace_disagrees_with_pytorch(monkeypatch, clean_caches):
    real = core.lstm.trace_lstm

    def off_by_a_little(*args, **kw):
        tr = real(*args, **kw)
        return replace(tr, output=tr.output + 1e-3, h_n=tr.h_n + 1e-3)

    monkeypatch.setattr(core.lstm, "trace_lstm", off_by_a_little)
    at = open_page(PAGE, lang="en")
    (ok, module, diff), = shown_badges(at)
    assert not ok and module == "nn.LSTM"
    assert diff == pytest.approx(1e-3, rel=0.06)
    assert any("1.0e-03" in e.value for e in at.error)
