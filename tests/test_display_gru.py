"""What the "GRU" page *shows*, read off the page and checked against torch.nn.GRU, nn.RNN and nn.LSTM.

The reference is computed here: ``torch.nn.GRU`` itself, called one step at a time, with its
gates recomputed from its weights (PyTorch packs them r, z, n); the update-gate shift is applied
to a copy of the module by this file; the textbook GRU (reset before the matrix) has no PyTorch
module, so a NumPy loop here computes it. The RNN and LSTM of the lockstep view are the real
modules. Weights come from core's constructors (``make_gru``, ``make_rnn``, ``make_lstm``) and the
tokens from core's tokenizer, as the page gets them; nothing here calls ``ui.*`` or reads core's
trace.
"""

from __future__ import annotations

import copy
import html
import re
from dataclasses import replace

import numpy as np
import pytest
import streamlit as st
import torch

import core.gru
from core.gru import make_gru
from core.lstm import make_lstm
from core.rnn import make_rnn
from core.text import TokenizerSpec, text_to_tensors
from tests import display as d
from tests.test_pages import open_page
from ui.i18n import STRINGS

PAGE = "pages/gru.py"
EN = "I go to school today"  # the first line of the English example text
KO = "나는 오늘 학교에 간다"
DEC3, DEC4 = 0.0005 + 1e-9, 0.00005 + 1e-9
SHIFTS = (-4.0, -2.0, 0.0, 2.0, 4.0)  # the dotted reference curves the page draws


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


def strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", str(text)))


def fields(key: str, texts: list[str], lang: str = "en") -> dict[str, str]:
    """The values a page filled into the string template ``key``, read back from its texts."""
    parts = re.split(r"\{(\w+)(?::[^{}]*)?\}", STRINGS[key][lang])
    pattern = "".join(re.escape(p) if k % 2 == 0 else f"(?P<{p}>.+?)" for k, p in enumerate(parts))
    for text in texts:
        m = re.fullmatch(pattern, text, re.S)
        if m:
            return m.groupdict()
    raise AssertionError(f"no text fills {key!r}")


def signed_numbers(tex: str) -> list[float]:
    """Decimal numbers of a LaTeX line, with the sign of the + / − written before them."""
    return [float(v) for v in re.findall(r"[+-]?\d+\.\d+", re.sub(r"([+-])\s+(?=\d)", r"\1", tex))]


def equation(at, start: str) -> list[str]:
    """The lines of the aligned LaTeX block whose body starts with ``start``."""
    for tex in d.latex(at):
        body = tex.strip().strip("$").strip().removeprefix(r"\begin{aligned}").removesuffix(r"\end{aligned}")
        if body.startswith(start):
            return [line.strip() for line in body.split(r"\\")]
    raise AssertionError(f"no equation starts with {start!r}")


# Unnamed wire values sit next to their wire; named ones carry the name before the number.
WIRE_AT = {(1.7, 6.5): "h_prev", (6.82, 3.33): "hn", (7.75, 4.25): "reset", (9.32, 3.15): "xn",
           (4.6, 5.35): "z", (9.32, 5.66): "write"}
WIRE_NAMED = {"z": "z", "r": "r", "h~": "n", "1−z": "one_minus_z", "z·ht−1": "keep", "ht": "h"}


def diagram_wires(spec: dict) -> dict[str, list[float]]:
    texts = next(tr for tr in d.traces(spec, "scatter") if tr.get("mode") == "text")
    out: dict[str, list[float]] = {}
    for x, y, text in zip(d.numbers(texts["x"]), d.numbers(texts["y"]), texts["text"], strict=True):
        m = re.fullmatch(r"(.*?)\s*<b>([+−-]\d+\.\d{3})</b>", text)
        if not m:
            continue
        value = float(m.group(2).replace("−", "-"))
        name = strip_tags(m.group(1)).strip()
        key = WIRE_NAMED[name] if name else WIRE_AT[(round(float(x), 2), round(float(y), 2))]
        out.setdefault(key, []).append(value)
    return out


# --- the reference --------------------------------------------------------------------------


def page_inputs(sentence: str, level: str = "word", q: int = 4, seed: int = 0):
    tt = text_to_tensors([sentence], TokenizerSpec(level), d=q, seed=seed)
    row = tt.sentences[0]
    return list(row.tokens), np.asarray(tt.embedded[0, : len(row.ids)], dtype=np.float64)


def shifted(gru: torch.nn.GRU, shift: float) -> torch.nn.GRU:
    """A copy whose update-gate bias b_iz (rows H … 2H of bias_ih) is raised by ``shift``."""
    out, H = copy.deepcopy(gru), gru.hidden_size
    with torch.no_grad():
        out.bias_ih_l0[H : 2 * H] += shift
    return out


def sig(v):
    return 1.0 / (1.0 + np.exp(-v))


def gru_reference(gru: torch.nn.GRU, x: np.ndarray) -> dict:
    """Every summand, gate and state of nn.GRU on x (T, Q), one module call per step."""
    W_ih, W_hh, b_ih, b_hh = (p.detach().double().numpy() for p in (
        gru.weight_ih_l0, gru.weight_hh_l0, gru.bias_ih_l0, gru.bias_hh_l0))
    H, T = gru.hidden_size, x.shape[0]
    Wi, Wh, bi, bh = (np.split(a, 3) for a in (W_ih, W_hh, b_ih, b_hh))  # r, z, n
    out = {k: np.zeros((T, H)) for k in (
        "h_prev", "Wir_x", "Whr_h", "r_pre", "r", "Wiz_x", "Whz_h", "z_pre", "z", "Win_x", "Whn_h",
        "n_pre", "n", "h", "Whn_rh", "n_tb")}
    out.update(b_ir=bi[0], b_iz=bi[1], b_in=bi[2], b_hr=bh[0], b_hz=bh[1], b_hn=bh[2])
    h = np.zeros(H)
    for t in range(T):
        o = {"h_prev": h, "Wir_x": Wi[0] @ x[t], "Whr_h": Wh[0] @ h, "Wiz_x": Wi[1] @ x[t],
             "Whz_h": Wh[1] @ h, "Win_x": Wi[2] @ x[t], "Whn_h": Wh[2] @ h}
        o["r_pre"] = o["Wir_x"] + bi[0] + o["Whr_h"] + bh[0]
        o["z_pre"] = o["Wiz_x"] + bi[1] + o["Whz_h"] + bh[1]
        o["r"], o["z"] = sig(o["r_pre"]), sig(o["z_pre"])
        o["n_pre"] = o["Win_x"] + bi[2] + o["r"] * (o["Whn_h"] + bh[2])
        o["n"] = np.tanh(o["n_pre"])
        o["Whn_rh"] = Wh[2] @ (o["r"] * h)  # the textbook resets before the matrix
        o["n_tb"] = np.tanh(o["Win_x"] + bi[2] + o["Whn_rh"] + bh[2])
        with torch.no_grad():
            _, h_next = gru(torch.from_numpy(x[t : t + 1]), torch.from_numpy(h[None]))
        o["h"] = h_next[0].numpy()
        np.testing.assert_allclose(o["h"], (1 - o["z"]) * o["n"] + o["z"] * h, atol=1e-12)
        for k, v in o.items():
            out[k][t] = v
        h = o["h"]
    assert ((out["r"] > 0) & (out["r"] < 1) & (out["z"] > 0) & (out["z"] < 1)).all()
    # The textbook GRU run on its own states, for the whole-run gap.
    h, tb = np.zeros(H), np.zeros((T, H))
    for t in range(T):
        r = sig(Wi[0] @ x[t] + bi[0] + Wh[0] @ h + bh[0])
        z = sig(Wi[1] @ x[t] + bi[1] + Wh[1] @ h + bh[1])
        n = np.tanh(Wi[2] @ x[t] + bi[2] + Wh[2] @ (r * h) + bh[2])
        h = tb[t] = (1 - z) * n + z * h
    out["h_textbook_run"] = tb
    return out


def lockstep(x: np.ndarray, H: int, seed: int = 0) -> dict[str, np.ndarray]:
    """nn.RNN's h, nn.LSTM's h and c (and its f + i) at every step, from the real modules."""
    rnn, lstm = make_rnn(x.shape[1], H, seed=seed), make_lstm(x.shape[1], H, seed=seed)
    xt = torch.from_numpy(x)
    with torch.no_grad():
        rnn_h, _ = rnn(xt)
        h, c = torch.zeros(1, H, dtype=torch.float64), torch.zeros(1, H, dtype=torch.float64)
        hs, cs, fi = [], [], []
        for t in range(len(x)):
            pre = lstm.weight_ih_l0 @ xt[t] + lstm.bias_ih_l0 + lstm.weight_hh_l0 @ h[0] + lstm.bias_hh_l0
            fi.append((torch.sigmoid(pre[:H]) + torch.sigmoid(pre[H : 2 * H])).numpy())  # i + f
            _, (h, c) = lstm(xt[t : t + 1], (h, c))
            hs.append(h[0].numpy())
            cs.append(c[0].numpy())
    return {"rnn_h": rnn_h.numpy(), "lstm_h": np.array(hs), "lstm_c": np.array(cs), "lstm_fi": np.array(fi)}


def carry(z: np.ndarray, since: int = 0) -> np.ndarray:
    """∏_{since < k ≤ t} z_k, rows t ≥ since (1 at t = since)."""
    out = np.ones_like(z[since:])
    for t in range(1, len(out)):
        out[t] = out[t - 1] * z[since + t]
    return out


@pytest.fixture(scope="module")
def ref():
    tokens, x = page_inputs(EN)
    return tokens, x, gru_reference(make_gru(4, 4, seed=0), x), lockstep(x, 4)


@pytest.fixture(scope="module")
def at():
    return open_page(PAGE, lang="en")


def go(at, step: int, unit: int | None = None) -> None:
    if unit is not None and at.number_input(key="gru_unit").value != unit:
        at.number_input(key="gru_unit").set_value(unit).run()
    at.slider(key="gru_step__slider").set_value(step).run()
    assert not at.exception and at.session_state["gru_step"] == step


def check_step(at, r: dict, tokens: list[str], s_: int, j: int) -> None:
    """The four equations, the cell diagram, the token and both forms of the reset at s_, j."""
    J = j + 1
    v = {k: r[k][s_, j] for k in r if isinstance(r[k], np.ndarray) and r[k].ndim == 2}
    b = {k: r[k][j] for k in ("b_ir", "b_iz", "b_in", "b_hr", "b_hz", "b_hn")}
    for g in ("r", "z"):
        lines = equation(at, f"{g}_{{t,{J}}}")
        np.testing.assert_allclose(signed_numbers(lines[1]), [v[f"Wi{g}_x"], b[f"b_i{g}"], v[f"Wh{g}_h"],
                                                              b[f"b_h{g}"]], atol=DEC3, err_msg=g)
        np.testing.assert_allclose(signed_numbers(lines[2]), [v[f"{g}_pre"], v[g]], atol=DEC3, err_msg=g)
    lines = equation(at, rf"\tilde h_{{t,{J}}}")
    np.testing.assert_allclose(signed_numbers(lines[2]), [v["Win_x"], b["b_in"]], atol=DEC3)
    np.testing.assert_allclose(signed_numbers(lines[3]), [v["r"], v["Whn_h"], b["b_hn"]], atol=DEC3)
    np.testing.assert_allclose(signed_numbers(lines[4]), [v["n_pre"], v["n"]], atol=DEC3)
    lines = equation(at, f"h_{{t,{J}}}")
    np.testing.assert_allclose(signed_numbers(lines[1].replace("(1 - ", "(")),
                               [v["z"], v["n"], v["z"], v["h_prev"]], atol=DEC3)
    write, keep = (1 - v["z"]) * v["n"], v["z"] * v["h_prev"]
    np.testing.assert_allclose(signed_numbers(lines[2]), [write, keep, v["h"]], atol=DEC3)
    lines = equation(at, f"&r_{{t,{J}}}")  # PyTorch's reset, this step
    reset = v["r"] * (v["Whn_h"] + b["b_hn"])
    np.testing.assert_allclose(signed_numbers(lines[1]), [v["r"], v["Whn_h"], b["b_hn"], reset], atol=DEC3)
    np.testing.assert_allclose(signed_numbers(lines[2]), [v["n"]], atol=DEC3)
    lines = equation(at, r"&\big(W_{hn}")  # the textbook's, from the same h_{t-1}
    np.testing.assert_allclose(signed_numbers(lines[1]), [v["Whn_rh"], b["b_hn"], v["Whn_rh"] + b["b_hn"]],
                               atol=DEC3)
    np.testing.assert_allclose(signed_numbers(lines[2]), [v["n_tb"]], atol=DEC3)
    gap = fields("gru.forms.now.gap", [m.value for m in at.markdown])
    np.testing.assert_allclose(float(gap["d"]), abs(v["n_tb"] - v["n"]), atol=DEC4)
    np.testing.assert_allclose(float(gap["all"]), np.abs(r["n_tb"][s_] - r["n"][s_]).max(), atol=DEC4)

    got = diagram_wires(d.chart(at, "gru_diagram"))
    want = {"h_prev": [v["h_prev"]], "z": [v["z"], v["z"]], "r": [v["r"]], "hn": [v["Whn_h"] + b["b_hn"]],
            "reset": [reset], "xn": [v["Win_x"] + b["b_in"]], "n": [v["n"]], "one_minus_z": [1 - v["z"]],
            "keep": [v["z"] * v["h_prev"]], "write": [(1 - v["z"]) * v["n"]], "h": [v["h"]]}
    assert sorted(got) == sorted(want)
    for key, values in want.items():
        np.testing.assert_allclose(got[key], values, atol=DEC3, err_msg=f"wire {key} at t={s_ + 1}")
    title = d.chart(at, "gru_diagram")["layout"]["title"]["text"]
    assert strip_tags(title) == s("gru.diagram.title", t=s_ + 1, j=J)
    shown = tokens[s_]
    assert at.code[0].value == ("␣" if shown == " " else shown)  # the token read now
    strip = d.chart(at, "gru_strip")
    lit = d.numbers(strip["data"][0]["x"])[np.asarray(strip["data"][0]["z"])[0] == 1]
    assert lit.tolist() == [s_ + 1]
    assert strip["layout"]["title"]["text"] == s("gru.step.tokens", t=s_ + 1, T=len(tokens))


# --- the page --------------------------------------------------------------------------------


def test_badge_is_green_and_names_nn_gru(at):
    (ok, module, diff), = shown_badges(at)
    assert ok and module == "torch.nn.GRU" and diff < 1e-12
    checks = fields("gru.compare.checks", [m.value for m in at.markdown])
    assert float(checks["rnn"]) < 1e-12 and float(checks["lstm"]) < 1e-12


@pytest.mark.parametrize(("step", "unit"), [(1, 1), (2, 3), (4, 2), (6, 4)])
def test_equations_diagram_and_token_carry_this_steps_numbers(at, ref, step, unit):
    tokens, _, r, _ = ref
    go(at, step, unit)
    check_step(at, r, tokens, step - 1, unit - 1)


@pytest.mark.parametrize("step", [3, 6])
def test_table_split_and_lockstep_states_of_this_step(at, ref, step):
    tokens, _, r, ls = ref
    go(at, step, 1)
    s_, T = step - 1, len(tokens)
    table = d.table(at, 0)
    want = {"hₜ₋₁": r["h_prev"][s_], "rₜ": r["r"][s_], "zₜ": r["z"][s_], "h̃ₜ": r["n"][s_],
            "zₜ·hₜ₋₁": r["z"][s_] * r["h_prev"][s_], "(1−zₜ)·h̃ₜ": (1 - r["z"][s_]) * r["n"][s_],
            "hₜ": r["h"][s_]}
    assert table["j"].tolist() == [1, 2, 3, 4]
    for col, values in want.items():
        np.testing.assert_allclose(table[col].to_numpy(float), values, atol=DEC4, err_msg=col)

    split = d.chart(at, "gru_split")
    kept, written = d.traces(split, "bar")
    total, = d.traces(split, "scatter")
    for trace, values in ((kept, want["zₜ·hₜ₋₁"]), (written, want["(1−zₜ)·h̃ₜ"]), (total, r["h"][s_])):
        np.testing.assert_array_equal(d.numbers(trace["y"]), [1, 2, 3, 4])
        np.testing.assert_allclose(d.numbers(trace["x"]), values, atol=1e-9)
    ticks = d.axis_ticks(split, "yaxis")
    np.testing.assert_allclose([float(tk.split("z=")[1]) for tk in ticks], r["z"][s_], atol=0.005 + 1e-9)
    assert [tk.split()[0] for tk in ticks] == ["j=1", "j=2", "j=3", "j=4"]

    survives = fields("gru.split.survives", [m.value for m in at.markdown])
    share = carry(r["z"], since=s_)[-1]  # how much of h_t reaches h_T along the z path
    assert (survives["t"], survives["T"]) == (str(step), str(T))
    np.testing.assert_allclose(float(survives["mean"]), share.mean(), rtol=0.005)
    np.testing.assert_allclose(float(survives["best"]), share.max(), rtol=0.005)

    now = d.chart(at, "gru_now")
    heat, = d.traces(now, "heatmap")
    assert list(heat["y"]) == ["RNN hₜ", "LSTM hₜ", "LSTM cₜ", "GRU hₜ"]
    np.testing.assert_array_equal(d.numbers(heat["x"]), [1, 2, 3, 4])  # units across
    np.testing.assert_allclose(d.numbers(heat["z"]), np.stack([ls["rnn_h"][s_], ls["lstm_h"][s_],
                                                               ls["lstm_c"][s_], r["h"][s_]]), atol=1e-9)


def test_the_last_step_says_nothing_is_left_to_carry(at, ref):
    tokens, *_ = ref
    go(at, len(tokens), 1)
    assert s("gru.split.last") in [m.value for m in at.markdown]


def test_whole_text_heatmaps_put_time_across_and_units_down(at, ref):
    tokens, _, r, ls = ref
    T = len(tokens)
    for key, panels in (("gru_heat", (("r", r["r"]), ("z", r["z"]), ("n", r["n"]), ("h", r["h"]))),
                        ("gru_lockstep", (("RNN hₜ", ls["rnn_h"]), ("LSTM hₜ", ls["lstm_h"]),
                                          ("LSTM cₜ", ls["lstm_c"]), ("GRU hₜ", r["h"])))):
        spec = d.chart(at, key)
        maps = d.traces(spec, "heatmap")
        assert len(maps) == 4
        for heat, (name, values) in zip(maps, panels, strict=True):
            title = s(f"gru.heat.{name}") if len(name) == 1 else name
            assert strip_tags(heat["name"]) == title.replace("h̃", "h~"), (key, heat["name"])
            z = d.numbers(heat["z"])
            assert z.shape == (4, T)
            np.testing.assert_array_equal(d.numbers(heat["x"]), np.arange(1, T + 1))
            np.testing.assert_array_equal(d.numbers(heat["y"]), np.arange(1, 5))
            np.testing.assert_allclose(z, values.T, atol=1e-9, err_msg=f"{key}: {name}")
        ticks = [strip_tags(tk) for tk in spec["layout"]["xaxis"]["ticktext"]]
        assert ticks == [f"{t} {tok}" for t, tok in enumerate(tokens, start=1)]


def test_update_gate_shift_metrics_and_carry_curves(ref):
    tokens, x, _, _ = ref
    at = open_page(PAGE, lang="en")
    at.slider(key="gru_zshift").set_value(2.0).run()
    assert not at.exception
    base = make_gru(4, 4, seed=0)
    r = gru_reference(shifted(base, 2.0), x)
    (ok, _, diff), = shown_badges(at)
    assert ok and diff < 1e-12
    go(at, 3, 2)
    check_step(at, r, tokens, 2, 1)  # the equations carry the shifted b_iz
    m = d.metrics(at)
    np.testing.assert_allclose(float(m[s("gru.update.mean_z")]), r["z"].mean(), atol=DEC3)
    share = carry(r["z"])
    carried = float(m[s("gru.update.carry_end", T=len(tokens))])
    np.testing.assert_allclose(carried, share[-1].mean(), rtol=0.005)
    change = float(m[s("gru.update.change")])
    np.testing.assert_allclose(change, np.abs(r["h"] - r["h_prev"]).max(), rtol=0.005)
    curves = d.traces(d.chart(at, "gru_carry"), "scatter")
    by_name = {tr["name"]: tr for tr in curves}
    for j in range(4):
        np.testing.assert_allclose(d.numbers(by_name[f"j={j + 1}"]["y"]), share[:, j], atol=1e-9)
    np.testing.assert_allclose(d.numbers(by_name[s("gru.update.mean", s="+2")]["y"]), share.mean(axis=1),
                               atol=1e-9)
    for shift in SHIFTS:
        name = s("gru.update.reference", s=f"{shift:+g}")
        if shift == 2.0:
            assert name not in by_name  # the chosen shift is the bold curve, not a dotted one
            continue
        want = carry(gru_reference(shifted(base, shift), x)["z"]).mean(axis=1)
        np.testing.assert_allclose(d.numbers(by_name[name]["y"]), want, atol=1e-9, err_msg=name)
    for tr in curves:
        np.testing.assert_array_equal(d.numbers(tr["x"]), np.arange(1, len(tokens) + 1))


def test_pytorch_and_textbook_forms_gap(at, ref):
    tokens, _, r, _ = ref
    spec = d.chart(at, "gru_forms")
    one, whole = d.traces(spec, "scatter")
    np.testing.assert_allclose(d.numbers(one["y"]), np.abs(r["n_tb"] - r["n"]).max(axis=1), atol=1e-9)
    gap = np.abs(r["h_textbook_run"] - r["h"]).max(axis=1)
    np.testing.assert_allclose(d.numbers(whole["y"]), gap, atol=1e-9)
    np.testing.assert_array_equal(d.numbers(one["x"]), np.arange(1, len(tokens) + 1))
    got = fields("gru.forms.max", [m.value for m in at.markdown])
    np.testing.assert_allclose(float(got["d"]), gap.max(), atol=DEC4)


def test_gives_up_metrics(at, ref):
    _, _, r, ls = ref
    m = d.metrics(at)
    np.testing.assert_allclose(float(m[s("gru.gives.c_max")]), np.abs(ls["lstm_c"]).max(), atol=DEC3)
    np.testing.assert_allclose(float(m[s("gru.gives.h_max")]), np.abs(r["h"]).max(), atol=DEC3)
    lo, hi = (float(v) for v in m[s("gru.gives.fi")].split("…"))
    np.testing.assert_allclose([lo, hi], [ls["lstm_fi"].min(), ls["lstm_fi"].max()], atol=0.005 + 1e-9)
    assert m[s("gru.gives.zz")] == "1"


@pytest.mark.parametrize(("q", "hidden", "layers", "bidirectional"), [(4, 4, 1, False), (5, 3, 3, True)])
def test_parameter_counts_are_those_of_real_modules(q, hidden, layers, bidirectional):
    at = open_page(PAGE, lang="en")
    at.number_input(key="gru_q").set_value(q).run()
    at.number_input(key="gru_h").set_value(hidden).run()
    at.number_input(key="gru_layers").set_value(layers).run()
    at.toggle(key="gru_bidir").set_value(bidirectional).run()
    assert not at.exception
    modules = {name: cls(q, hidden, num_layers=layers, bidirectional=bidirectional)
               for name, cls in (("RNN", torch.nn.RNN), ("LSTM", torch.nn.LSTM), ("GRU", torch.nn.GRU))}
    counts = {name: sum(p.numel() for p in mod.parameters()) for name, mod in modules.items()}
    table = next(df.value for df in at.dataframe if s("gru.params.counted") in df.value.columns)
    assert table[s("gru.params.model")].tolist() == ["nn.RNN", "nn.LSTM", "nn.GRU"]
    assert table[s("gru.params.gates")].tolist() == [1, 4, 3]
    assert table[s("gru.params.counted")].tolist() == list(counts.values())
    assert table[s("gru.params.by_formula")].tolist() == list(counts.values())
    for written, n in zip(table[s("gru.params.formula")], counts.values(), strict=True):
        assert re.fullmatch(r"[\d·()+ ]+", written)
        assert eval(written.replace("·", "*")) == n, written  # the formula as written adds up
    ratio = fields("gru.params.ratio", [m.value for m in at.markdown])
    assert ratio == {"gru": str(counts["GRU"]), "lstm": str(counts["LSTM"]), "rnn": str(counts["RNN"])}
    shapes = next(df.value for df in at.dataframe if s("gru.params.shape") in df.value.columns)
    named = list(modules["GRU"].named_parameters())
    assert shapes[s("gru.params.name")].tolist() == [n for n, _ in named]
    assert shapes[s("gru.params.shape")].tolist() == [str(tuple(p.shape)) for _, p in named]


def test_korean_sentence_step_by_step():
    at = open_page(PAGE, lang="ko")
    at.text_area(key="user_text").input(KO).run()
    at.number_input(key="gru_h").set_value(5).run()
    assert not at.exception
    tokens, x = page_inputs(KO)
    r = gru_reference(make_gru(4, 5, seed=0), x)
    assert tokens[2] == "오늘"
    for step, unit in ((3, 5), (len(tokens) - 1, 2)):
        go(at, step, unit)
        J = unit
        lines = equation(at, f"z_{{t,{J}}}")
        at_step = (step - 1, unit - 1)
        want = [r["z_pre"][at_step], r["z"][at_step]]
        np.testing.assert_allclose(signed_numbers(lines[2]), want, atol=DEC3)
        got = diagram_wires(d.chart(at, "gru_diagram"))
        np.testing.assert_allclose(got["h"], [r["h"][step - 1, unit - 1]], atol=DEC3)
        np.testing.assert_allclose(got["h_prev"], [r["h_prev"][step - 1, unit - 1]], atol=DEC3)
        assert at.code[0].value == tokens[step - 1]
    heat = d.traces(d.chart(at, "gru_heat"), "heatmap")
    np.testing.assert_allclose(d.numbers(heat[1]["z"]), r["z"].T, atol=1e-9)
    survives = fields("gru.split.survives", [m.value for m in at.markdown], "ko")
    np.testing.assert_allclose(float(survives["mean"]), carry(r["z"], since=len(tokens) - 2)[-1].mean(),
                               rtol=0.005)


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
    real = core.gru.trace_gru

    def off_by_a_little(*args, **kw):
        tr = real(*args, **kw)
        return replace(tr, output=tr.output + 1e-3, h_n=tr.h_n + 1e-3)

    monkeypatch.setattr(core.gru, "trace_gru", off_by_a_little)
    at = open_page(PAGE, lang="en")
    (ok, module, diff), = shown_badges(at)
    assert not ok and module == "torch.nn.GRU"
    assert diff == pytest.approx(1e-3, rel=0.06)
    assert any("1.0e-03" in e.value for e in at.error)
