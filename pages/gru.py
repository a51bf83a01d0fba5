"""GRU (C18): reset and update gates step by step, the update gate's carry, PyTorch's reset
against the textbook's, and RNN, LSTM and GRU in lockstep on the learner's own text."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core.gru import GRULab, ParamCount, carry_share, gru_lab, param_counts
from core.text import MAX_TOKENS, SentenceTensors, TokenizerSpec, text_to_tensors
from ui import figures, figures_gru
from ui.i18n import t
from ui.shell import ensure_shell
from ui.widgets import kept, report_token_caps, step_player, text_input, torch_badge

ensure_shell()

MAX_Q, MAX_H, MAX_K = 16, 16, 4  # embedding size, hidden size, layers (parameter table only)
Z_SHIFT_MIN, Z_SHIFT_MAX = -6.0, 6.0
REFERENCE_SHIFTS = (-4.0, -2.0, 0.0, 2.0, 4.0)  # dotted curves beside the chosen shift
SHOWN = dict(config={"displayModeBar": False})
GATES = ("r", "z", "n", "h")  # the order a step computes them in


@dataclass(frozen=True)
class Knobs:
    """Everything the one core call depends on."""

    level: str
    q: int
    hidden: int
    seed: int
    z_shift: float
    layers: int
    bidirectional: bool


@st.cache_data(max_entries=64, show_spinner=False)
def compute(sentence: str, level: str, q: int, hidden: int, seed: int, z_shift: float, layers: int,
            bidirectional: bool) -> tuple[SentenceTensors, GRULab, tuple[ParamCount, ...]]:
    """The page's one call into core: tokens and embeddings, the lockstep run, the counts."""
    tt = text_to_tensors([sentence], TokenizerSpec(level), d=q, seed=seed)  # type: ignore[arg-type]
    row = tt.sentences[0]
    x = tt.embedded[0, : len(row.ids)]  # (T, Q)
    lab = gru_lab(x, hidden, seed=seed, z_shift=z_shift, reference_shifts=REFERENCE_SHIFTS)
    return row, lab, param_counts(q, hidden, layers, bidirectional)


def settings() -> tuple[str, int, int, int]:
    """Token unit, Q, H and seed; the later sections draw their own knobs."""
    # Labels resolved now, not when the widget is formatted later (AppTest formats outside the run).
    units = {v: t(f"gru.level.{v}") for v in ("word", "char")}
    level = st.radio(t("gru.level"), list(units), horizontal=True, format_func=units.__getitem__,
                     **kept("gru_level", "word"))
    c1, c2 = st.columns(2)
    q = c1.number_input(t("gru.q"), 2, MAX_Q, help=t("gru.q.help"), **kept("gru_q", 4))
    hidden = c2.number_input(t("gru.hidden"), 1, MAX_H, help=t("gru.hidden.help"), **kept("gru_h", 4))
    seed = st.number_input(t("gru.seed"), 0, 9999, help=t("gru.seed.help"), **kept("gru_seed", 0))
    st.caption(t("gru.caps", q=MAX_Q, h=MAX_H, k=MAX_K, tokens=MAX_TOKENS))
    return level, int(q), int(hidden), int(seed)


def pick_line(sentences: list[str]) -> str:
    if len(sentences) == 1:
        return sentences[0]
    keep = kept("gru_line", 1)
    if not 1 <= st.session_state["gru_line"] <= len(sentences):
        st.session_state["gru_line"] = 1
    i = st.selectbox(t("gru.line"), range(1, len(sentences) + 1), **keep)
    return sentences[i - 1]


# --- numbers plugged into the equations ------------------------------------------------------


def rounded(v: float) -> float:
    return round(float(v), 3) + 0.0  # + 0.0 turns -0.0 into 0.0: no "-0.000" on screen


def num(v: float) -> str:
    return f"{rounded(v):.3f}"


def plus(v: float) -> str:
    """`+ 0.123` or `- 0.123`, for a summand after the first."""
    return f"- {-rounded(v):.3f}" if rounded(v) < 0 else f"+ {rounded(v):.3f}"


def paren(v: float) -> str:
    return f"({num(v)})" if rounded(v) < 0 else num(v)


def sigma_eq(g: str, J: int, parts: tuple[float, float, float, float], pre: float, out: float) -> str:
    """LaTeX of gate g ∈ {r, z} for unit J: σ of its four summands, then the value."""
    wx, b_i, wh, b_h = parts
    return (rf"{g}_{{t,{J}}} &= \sigma\big((W_{{i{g}}}x_t)_{{{J}}} + b_{{i{g},{J}}} "
            rf"+ (W_{{h{g}}}h_{{t-1}})_{{{J}}} + b_{{h{g},{J}}}\big)"
            rf"\\ &= \sigma({num(wx)} {plus(b_i)} {plus(wh)} {plus(b_h)})"
            rf"\\ &= \sigma({num(pre)}) = \mathbf{{{num(out)}}}")


def equations(lab: GRULab, s: int, j: int) -> dict[str, str]:
    """LaTeX of r, z, h̃ and h at step index s (0-based) for unit j (0-based), numbers in."""
    tr, m = lab.gru.layers[0][0], lab.terms
    J = j + 1
    r = sigma_eq("r", J, (m.W_ir_x[s, j], m.b_ir[j], m.W_hr_h[s, j], m.b_hr[j]), tr.r_pre[s, j], tr.r[s, j])
    z = sigma_eq("z", J, (m.W_iz_x[s, j], m.b_iz[j], m.W_hz_h[s, j], m.b_hz[j]), tr.z_pre[s, j], tr.z[s, j])
    n = (rf"\tilde h_{{t,{J}}} &= \tanh\big((W_{{in}}x_t)_{{{J}}} + b_{{in,{J}}}"
         rf"\\ &\qquad + r_{{t,{J}}}\,((W_{{hn}}h_{{t-1}})_{{{J}}} + b_{{hn,{J}}})\big)"
         rf"\\ &= \tanh({num(m.W_in_x[s, j])} {plus(m.b_in[j])}"
         rf"\\ &\qquad + {num(tr.r[s, j])}\cdot"
         rf"({num(m.W_hn_h[s, j])} {plus(m.b_hn[j])}))"
         rf"\\ &= \tanh({num(tr.n_pre[s, j])}) = \mathbf{{{num(tr.n[s, j])}}}")
    z_sj, keep, write = tr.z[s, j], tr.z[s, j] * tr.h_prev[s, j], (1 - tr.z[s, j]) * tr.n[s, j]
    h = (rf"h_{{t,{J}}} &= (1 - z_{{t,{J}}})\,\tilde h_{{t,{J}}} + z_{{t,{J}}}\,h_{{t-1,{J}}}"
         rf"\\ &= (1 - {num(z_sj)})\cdot {paren(tr.n[s, j])} + {num(z_sj)}\cdot {paren(tr.h_prev[s, j])}"
         rf"\\ &= {num(write)} {plus(keep)} = \mathbf{{{num(tr.h[s, j])}}}")
    return {"r": r, "z": z, "n": n, "h": h}


def wire_values(lab: GRULab, s: int, j: int) -> dict[str, float]:
    """Unit j's numbers at step index s for the cell diagram's wires."""
    tr, m = lab.gru.layers[0][0], lab.terms
    z = float(tr.z[s, j])
    return {
        "h_prev": float(tr.h_prev[s, j]), "r": float(tr.r[s, j]), "z": z, "one_minus_z": 1 - z,
        "hn": float(m.W_hn_h[s, j] + m.b_hn[j]), "reset": float(m.reset_pytorch[s, j]),
        "xn": float(m.W_in_x[s, j] + m.b_in[j]), "n": float(tr.n[s, j]),
        "keep": z * float(tr.h_prev[s, j]), "write": (1 - z) * float(tr.n[s, j]), "h": float(tr.h[s, j]),
    }


def unit_table(lab: GRULab, s: int) -> pd.DataFrame:
    tr = lab.gru.layers[0][0]
    return pd.DataFrame({
        "j": np.arange(1, tr.h.shape[1] + 1),
        "hₜ₋₁": tr.h_prev[s], "rₜ": tr.r[s], "zₜ": tr.z[s], "h̃ₜ": tr.n[s],
        "zₜ·hₜ₋₁": tr.z[s] * tr.h_prev[s], "(1−zₜ)·h̃ₜ": (1 - tr.z[s]) * tr.n[s], "hₜ": tr.h[s],
    }).round(4)


# --- sections ----------------------------------------------------------------------------------


def step_section(row: SentenceTensors, lab: GRULab) -> None:
    st.subheader(t("gru.step.title"))
    st.markdown(t("gru.step.body"))
    T, H = lab.gru.h.shape

    def render(step: int) -> None:
        s = step - 1
        top = st.columns([2, 1], vertical_alignment="bottom")
        with top[0]:
            st.plotly_chart(figures_gru.token_window(row.tokens, step, t("gru.step.tokens", t=step, T=T)),
                            key="gru_strip", **SHOWN)
        with top[1]:
            keep = kept("gru_unit", 1)
            if not 1 <= st.session_state["gru_unit"] <= H:
                st.session_state["gru_unit"] = 1
            j = st.number_input(t("gru.unit"), 1, H, help=t("gru.unit.help"), **keep) - 1
            st.markdown(t("gru.step.token"))
            token = row.tokens[s]
            st.code(figures.label(token) if token == " " else token, language=None)
        Q = lab.gru.layers[0][0].x.shape[1]
        names = {k: t(f"gru.diagram.{k}", q=Q) for k in ("update", "reset", "candidate", "x", "out")}
        st.plotly_chart(figures_gru.cell_diagram(wire_values(lab, s, j), names,
                                                 t("gru.diagram.title", t=step, j=j + 1)),
                        key="gru_diagram", **SHOWN)
        st.caption(t("gru.diagram.caption"))
        latex = equations(lab, s, j)
        for col, pair in zip(st.columns(2, gap="medium"), (GATES[:2], GATES[2:]), strict=True):
            for gate in pair:
                col.markdown(t(f"gru.eq.{gate}"))
                col.latex(rf"\begin{{aligned}}{latex[gate]}\end{{aligned}}")
        st.markdown(t("gru.table.caption", t=step))
        st.dataframe(unit_table(lab, s), hide_index=True, height=min(38 + 35 * H, 360))

        c1, c2 = st.columns(2, gap="medium")
        with c1:
            update_now(lab, s, step, T)
        with c2:
            forms_now(lab, s, j)
        st.markdown(f"##### {t('gru.now.title', t=step)}")
        st.plotly_chart(figures_gru.states_now([
            ("RNN hₜ", lab.rnn.h[s]), ("LSTM hₜ", lab.lstm.h[s]), ("LSTM cₜ", lab.lstm.c[s]),
            ("GRU hₜ", lab.gru.h[s]),
        ]), key="gru_now", **SHOWN)

    step_player(T, render, key="gru_step")
    # Outside the player, so a step redraws less: the whole text does not change with the step.
    st.markdown(f"##### {t('gru.heat.title')}")
    panels = [(t(f"gru.heat.{g}"), getattr(lab.gru, g), g in ("r", "z")) for g in GATES]
    st.plotly_chart(figures_gru.gate_heatmaps(panels, row.tokens), key="gru_heat", **SHOWN)


def update_now(lab: GRULab, s: int, step: int, T: int) -> None:
    tr = lab.gru.layers[0][0]
    st.markdown(f"##### {t('gru.split.title')}")
    names = {"kept": t("gru.split.kept"), "written": t("gru.split.written")}
    st.plotly_chart(figures_gru.update_split(tr.z[s], tr.h_prev[s], tr.n[s], names), key="gru_split",
                    **SHOWN)
    if step < T:
        share = carry_share(tr.z, since=s)[-1]  # (H,) how much of h_t reaches h_T directly
        st.markdown(t("gru.split.survives", t=step, T=T, mean=float(np.mean(share)),
                      best=float(np.max(share))))
    else:
        st.markdown(t("gru.split.last"))


def forms_now(lab: GRULab, s: int, j: int) -> None:
    tr, m = lab.gru.layers[0][0], lab.terms
    J = j + 1
    st.markdown(f"##### {t('gru.forms.now.title')}")
    st.markdown(t("gru.forms.now.pytorch"))
    st.latex(rf"\begin{{aligned}}&r_{{t,{J}}}\big((W_{{hn}}h_{{t-1}})_{{{J}}} + b_{{hn,{J}}}\big)"
             rf"\\ &= {num(tr.r[s, j])}\cdot({num(m.W_hn_h[s, j])} {plus(m.b_hn[j])})"
             rf" = {num(m.reset_pytorch[s, j])}"
             rf"\\ &\Rightarrow\; \tilde h_{{t,{J}}} = \mathbf{{{num(tr.n[s, j])}}}\end{{aligned}}")
    st.markdown(t("gru.forms.now.textbook"))
    st.latex(rf"\begin{{aligned}}&\big(W_{{hn}}(r_t\odot h_{{t-1}})\big)_{{{J}}} + b_{{hn,{J}}}"
             rf"\\ &= {num(m.W_hn_rh[s, j])} {plus(m.b_hn[j])}"
             rf" = {num(m.reset_textbook[s, j])}"
             rf"\\ &\Rightarrow\; \tilde h_{{t,{J}}} = \mathbf{{{num(m.n_textbook[s, j])}}}\end{{aligned}}")
    st.markdown(t("gru.forms.now.gap", d=float(abs(m.n_textbook[s, j] - tr.n[s, j])),
                  all=float(np.max(np.abs(m.n_textbook[s] - tr.n[s])))))


def update_knob() -> float:
    st.subheader(t("gru.update.title"))
    st.markdown(t("gru.update.body"))
    shift = st.slider(t("gru.update.shift"), Z_SHIFT_MIN, Z_SHIFT_MAX, step=0.5, format="%+.1f",
                      help=t("gru.update.shift.help"), **kept("gru_zshift", 0.0))
    return float(shift)


def update_section(row: SentenceTensors, lab: GRULab) -> None:
    tr = lab.gru.layers[0][0]
    c1, c2, c3 = st.columns(3)
    c1.metric(t("gru.update.mean_z"), f"{np.mean(tr.z):.3f}")
    c2.metric(t("gru.update.carry_end", T=len(tr.z)), f"{np.mean(lab.carry[-1]):.3g}")
    c3.metric(t("gru.update.change"), f"{np.max(np.abs(tr.h - tr.h_prev)):.3g}")
    names = {"mean": t("gru.update.mean"), "reference": t("gru.update.reference")}
    st.plotly_chart(figures_gru.carry_curves(lab.carry, lab.reference_carry, lab.z_shift, row.tokens,
                                             names, t("gru.update.figure")), key="gru_carry", **SHOWN)
    st.info(t("gru.update.convention"), icon=":material/swap_horiz:")


def forms_section(row: SentenceTensors, lab: GRULab) -> None:
    st.subheader(t("gru.forms.title"))
    st.markdown(t("gru.forms.body"))
    c1, c2 = st.columns(2)
    with c1:
        st.markdown(t("gru.forms.pytorch"))
        st.latex(r"\tilde h_t = \tanh\big(W_{in}x_t + b_{in} + r_t \odot (W_{hn}h_{t-1} + b_{hn})\big)")
    with c2:
        st.markdown(t("gru.forms.textbook"))
        st.latex(r"\tilde h_t = \tanh\big(W_{in}x_t + b_{in} + W_{hn}(r_t \odot h_{t-1}) + b_{hn}\big)")
    one_step = np.max(np.abs(lab.terms.n_textbook - lab.gru.n), axis=1)  # (T,)
    whole_run = np.max(np.abs(lab.textbook.h - lab.gru.h), axis=1)  # (T,)
    names = {"one_step": t("gru.forms.one_step"), "whole_run": t("gru.forms.whole_run")}
    st.plotly_chart(figures_gru.forms_gap(one_step, whole_run, row.tokens, names, t("gru.forms.figure")),
                    key="gru_forms", **SHOWN)
    st.markdown(t("gru.forms.max", d=float(np.max(whole_run))))


def param_knobs(q: int, hidden: int) -> tuple[int, bool]:
    st.markdown(f"#### {t('gru.params.title')}")
    st.markdown(t("gru.params.body", d=hidden, q=q))
    c1, c2 = st.columns(2)
    layers = c1.number_input(t("gru.params.layers"), 1, MAX_K, **kept("gru_layers", 1))
    bidirectional = c2.toggle(t("gru.params.bidir"), **kept("gru_bidir", False))
    return int(layers), bool(bidirectional)


def formula(row: ParamCount, q: int, d: int, k: int, bidirectional: bool) -> str:
    """The count written out with this page's sizes, e.g. 3·(4·(4+4) + 2·4) = 120."""
    dirs = 2 if bidirectional else 1
    first = f"{row.gates}·({d}·({q}+{d}) + 2·{d})"
    parts = [first if dirs == 1 else f"2·{first}"]
    if k > 1:
        above = f"{row.gates}·({d}·({dirs * d}+{d}) + 2·{d})"
        parts.append(f"{k - 1}·{'2·' if dirs == 2 else ''}{above}")
    return " + ".join(parts)


def compare_section(row: SentenceTensors, lab: GRULab) -> None:
    st.markdown(t("gru.compare.checks", rnn=lab.rnn_diff, lstm=lab.lstm_diff))
    panels = [("RNN hₜ", lab.rnn.h, False), ("LSTM hₜ", lab.lstm.h, False),
              ("LSTM cₜ", lab.lstm.c, False), ("GRU hₜ", lab.gru.h, False)]
    st.plotly_chart(figures_gru.gate_heatmaps(panels, row.tokens), key="gru_lockstep", **SHOWN)


def params_table(counts: tuple[ParamCount, ...], knobs: Knobs) -> None:
    table = pd.DataFrame({
        t("gru.params.model"): [f"nn.{c.model}" for c in counts],
        t("gru.params.gates"): [c.gates for c in counts],
        t("gru.params.formula"): [formula(c, knobs.q, knobs.hidden, knobs.layers, knobs.bidirectional)
                                  for c in counts],
        t("gru.params.by_formula"): [c.formula for c in counts],
        t("gru.params.counted"): [c.counted for c in counts],
    })
    st.dataframe(table, hide_index=True)
    by_model = {c.model: c for c in counts}
    st.markdown(t("gru.params.ratio", gru=by_model["GRU"].counted, lstm=by_model["LSTM"].counted,
                  rnn=by_model["RNN"].counted))
    with st.expander(t("gru.params.shapes")):
        st.dataframe(pd.DataFrame({
            t("gru.params.name"): [name for name, _ in by_model["GRU"].shapes],
            t("gru.params.shape"): [str(shape) for _, shape in by_model["GRU"].shapes],
        }), hide_index=True)


def gives_up_section(lab: GRULab) -> None:
    st.markdown(f"#### {t('gru.gives.title')}")
    st.markdown(t("gru.gives.body"))
    fi = lab.lstm.f + lab.lstm.i  # (T, H)
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("gru.gives.c_max"), f"{np.max(np.abs(lab.lstm.c)):.3f}")
    c2.metric(t("gru.gives.h_max"), f"{np.max(np.abs(lab.gru.h)):.3f}")
    c3.metric(t("gru.gives.fi"), f"{np.min(fi):.2f} … {np.max(fi):.2f}")
    c4.metric(t("gru.gives.zz"), "1")


def main() -> None:
    st.title(t("page.gru.title"))
    st.markdown(t("gru.intro"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        sentences = text_input()
        sentence = pick_line(sentences) if sentences else ""
    with right, st.expander(t("gru.settings"), expanded=True):
        level, q, hidden, seed = settings()
    if not sentences:
        return
    st.info(t("gru.random", seed=seed), icon=":material/casino:")

    # Later sections hold knobs the one core call needs: draw those knobs first, in place.
    step_box, update_box, forms_box, compare_box = (st.container() for _ in range(4))
    with update_box:
        z_shift = update_knob()
    with compare_box:
        st.subheader(t("gru.compare.title"))
        st.markdown(t("gru.compare.body"))
        lockstep_box, params_box = st.container(), st.container()
    with params_box:
        layers, bidirectional = param_knobs(q, hidden)
    knobs = Knobs(level, q, hidden, seed, z_shift, layers, bidirectional)
    row, lab, counts = compute(sentence, **asdict(knobs))
    with step_box:
        report_token_caps([row.dropped], MAX_TOKENS)
        if not all(np.isfinite(a).all() for a in (lab.gru.h, lab.gru.z, lab.rnn.h, lab.lstm.c)):
            st.error(t("gru.nonfinite"))
            return
        torch_badge("torch.nn.GRU", lab.gru_diff)
        step_section(row, lab)
    with update_box:
        update_section(row, lab)
    with forms_box:
        forms_section(row, lab)
    with lockstep_box:
        compare_section(row, lab)
    with params_box:
        params_table(counts, knobs)
        gives_up_section(lab)


main()
