"""BPTT & gradients (C11–C14, C17): the backward pass step by step, vanishing and exploding
gradients measured, clipping, truncation, and whether the LSTM solved it."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import streamlit as st

from core.bptt import (
    ACTIVATIONS,
    SYMBOLS,
    BPTTExample,
    BPTTTrace,
    DistanceCurve,
    DistanceLab,
    ExampleSetup,
    FiniteDifference,
    TrainingRun,
    bptt_example,
    clip_by_global_norm,
    distance_lab,
    example_finite_difference,
    lab_sequence,
    train_with_clipping,
    truncated_example,
)
from core.text import MAX_TOKENS, TokenizerSpec
from ui import figures_bptt as fb
from ui.i18n import t
from ui.shell import ensure_shell
from ui.widgets import kept, report_token_caps, step_player, text_input, torch_badge

ensure_shell()

EMBED_DIM = 4  # input size of the traced RNN
LAB_HIDDEN = 16  # hidden size of the three models in the lab
CLIP_NORMS = (0.01, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0, 100.0, 1000.0)
TRAIN_STEPS, TRAIN_LR = 20, 0.05
SHOWN = 6  # vector entries written out in the equation
ACT_NAMES = {"tanh": "tanh", "sigmoid": "sigmoid", "relu": "ReLU"}


@dataclass(frozen=True)
class Knobs:
    """Settings of the traced example (sections 1, 2 and 5)."""

    level: str
    hidden: int
    radius: float
    seed: int


@dataclass(frozen=True)
class LabKnobs:
    """Settings of the vanishing/exploding lab (sections 3, 4 and 6)."""

    activation: str
    radius: float
    length: int
    forget_bias: float
    dtype: str


@st.cache_data(max_entries=64, show_spinner=False)
def compute(setup: ExampleSetup) -> BPTTExample:
    """The page's call into core for the traced example: forward, backward, the autograd check."""
    return bptt_example(setup)


@st.cache_data(max_entries=64, show_spinner=False)
def compute_truncated(setup: ExampleSetup, k: int) -> tuple[BPTTTrace, float]:
    return truncated_example(setup, k)


@st.cache_data(max_entries=32, show_spinner=False)
def compute_lab(ids: tuple[int, ...], vocab_size: int, seed: int, activation: str, radius: float,
                length: int, forget_bias: float, dtype: str) -> DistanceLab:
    """Gradient size against distance for the RNN, LSTM and GRU on the learner's repeated tokens."""
    x, targets = lab_sequence(ids, vocab_size, length, seed=seed)
    return distance_lab(x, targets, vocab_size, activation=activation, radius=radius,  # type: ignore[arg-type]
                        forget_bias=forget_bias, hidden_size=LAB_HIDDEN, seed=seed, dtype=dtype)


@st.cache_data(max_entries=32, show_spinner=False)
def compute_training(ids: tuple[int, ...], vocab_size: int, seed: int, activation: str, radius: float,
                     length: int, dtype: str, max_norm: float) -> TrainingRun:
    """Fresh copies of the lab's RNN trained without and with clipping (never a shared model)."""
    x, targets = lab_sequence(ids, vocab_size, length, seed=seed)
    return train_with_clipping(x, targets, vocab_size, activation=activation, radius=radius,  # type: ignore[arg-type]
                               hidden_size=LAB_HIDDEN, seed=seed, dtype=dtype, max_norm=max_norm,
                               lr=TRAIN_LR, steps=TRAIN_STEPS)


@st.cache_data(max_entries=64, show_spinner=False)
def compute_fd(setup: ExampleSetup, name: str, entry: tuple[int, ...]) -> FiniteDifference:
    return example_finite_difference(setup, name, entry)


def sci(value: float) -> str:
    """A size as the page writes it: 1.23e-05, or Inf / NaN / 0 said plainly."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Inf"
    return "0" if value == 0 else f"{value:.3g}" if 1e-3 <= abs(value) < 1e4 else f"{value:.2e}"


def num(value: float) -> str:
    """A vector entry for the equation: fixed point, or scientific when tiny."""
    return f"{value:.3f}" if value == 0 or abs(value) >= 1e-3 else f"{value:.1e}"


def vec(v: np.ndarray) -> str:
    """A row vector in LaTeX, cut after SHOWN entries."""
    entries = [num(float(x)) for x in v[:SHOWN]] + ([r"\dots"] if len(v) > SHOWN else [])
    return r"\left[\," + r",\ ".join(entries) + r"\,\right]"


def clamp_state(key: str, low: int, high: int) -> None:
    """Bring a widget's remembered value inside [low, high] before the widget is drawn."""
    if key in st.session_state and not low <= st.session_state[key] <= high:
        st.session_state[key] = min(max(int(st.session_state[key]), low), high)


def settings() -> Knobs:
    # Labels are looked up now: a format_func that called t() later could miss the session's language.
    units = {v: t(f"bptt.level.{v}") for v in ("word", "char")}
    level = st.radio(t("bptt.level"), list(units), horizontal=True, format_func=units.get,
                     **kept("bptt_level", "word"))
    hidden = st.slider(t("bptt.hidden"), 2, 8, **kept("bptt_hidden", 4))
    radius = st.slider(t("bptt.radius"), 0.1, 3.0, step=0.1, help=t("bptt.radius.help"),
                       **kept("bptt_radius", 0.9))
    seed = st.number_input(t("bptt.seed"), 0, 9999, help=t("bptt.seed.help"), **kept("bptt_seed", 0))
    return Knobs(level, int(hidden), float(radius), int(seed))


def forward_section(ex: BPTTExample) -> None:
    st.subheader(t("bptt.fwd.title"))
    st.markdown(t("bptt.fwd.body"))
    st.plotly_chart(fb.step_losses(ex.tokens, ex.trace.losses, t("bptt.fwd.figure"), t("bptt.fwd.axis")),
                    key="bptt_losses", config=fb.NO_BAR)
    terms = " + ".join(f"{v:.3f}" for v in ex.trace.losses[:8]) + (r" + \dots" if ex.trace.T > 8 else "")
    st.latex(rf"L = \sum_{{t=1}}^{{{ex.trace.T}}} L_t = {terms} = {ex.trace.loss:.4f}")


def equation(ex: BPTTExample, t_now: int) -> None:
    tr, i = ex.trace, t_now - 1
    H = tr.dh.shape[1]
    st.caption(t("bptt.bwd.eq", H=H, shown=min(H, SHOWN)))
    if t_now == tr.T:
        st.latex(rf"\delta_{{{t_now}}} = V^\top(\hat y_{{{t_now}}} - y_{{{t_now}}}) = {vec(tr.dh[i])}")
        st.caption(t("bptt.bwd.eq_last"))
        return
    n = t_now + 1
    st.latex(
        r"\begin{aligned}"
        rf"\delta_{{{t_now}}} &= W_{{hh}}^\top\big(\delta_{{{n}}} \odot (1 - h_{{{n}}}^2)\big)"
        rf" + V^\top(\hat y_{{{t_now}}} - y_{{{t_now}}}) \\"
        rf"&= W_{{hh}}^\top\big({vec(tr.dh[i + 1])} \odot {vec(1 - tr.h[i + 1] ** 2)}\big)"
        rf" + V^\top(\hat y_{{{t_now}}} - y_{{{t_now}}}) \\"
        rf"&= {vec(tr.dh_rec[i])} + {vec(tr.dh_out[i])} \\"
        rf"&= {vec(tr.dh[i])}"
        r"\end{aligned}"
    )


def backward_section(ex: BPTTExample) -> None:
    st.subheader(t("bptt.bwd.title"))
    st.markdown(t("bptt.bwd.body"))
    st.caption(t("bptt.bwd.check"))
    torch_badge("torch.autograd", ex.autograd_diff)
    tr = ex.trace
    T = tr.T

    def render(step: int) -> None:
        t_now = T - step + 1  # step 1 of the player is t = T
        target = int(tr.targets[t_now - 1])
        st.markdown(t("bptt.bwd.now", s=step, n=T, t=t_now, i=int(ex.ids[t_now - 1]), y=target,
                      p=float(tr.probs[t_now - 1, target])))
        st.code(f"x_{t_now} = {ex.tokens[t_now - 1]}    →    y_{t_now} = {ex.tokens[t_now]}", language=None)
        st.plotly_chart(fb.backward_flow(tr, ex.tokens, t_now, title=t("bptt.bwd.flow"),
                                         roads=(t("bptt.bwd.road_out"), t("bptt.bwd.road_rec")),
                                         colorbar=t("bptt.bwd.colorbar"), cut_label=t("bptt.bwd.cut")),
                        key="bptt_flow", config=fb.NO_BAR)
        equation(ex, t_now)
        st.markdown(f"**{t('bptt.bwd.sum.title')}**")
        st.markdown(t("bptt.bwd.sum.body"))
        titles = (t("bptt.bwd.share", t=t_now), t("bptt.bwd.running", T=T, t=t_now), t("bptt.bwd.total"))
        st.plotly_chart(fb.weight_sum(tr.contributions["weight_hh_l0"], t_now, titles),
                        key="bptt_wsum", config=fb.NO_BAR)

    step_player(T, render, key="bptt_step")


def nudge(request: tuple[ExampleSetup, str, tuple[int, ...]]) -> None:
    """Button callback: the finite-difference check for ``request``, kept in this session."""
    st.session_state["bptt_fd_result"] = (request, compute_fd(*request))


def finite_difference_section(setup: ExampleSetup, ex: BPTTExample) -> None:
    st.subheader(t("bptt.fd.title"))
    st.markdown(t("bptt.fd.body"))
    names = list(ex.trace.grads)
    if st.session_state.get("bptt_fd_param") not in names:
        st.session_state["bptt_fd_param"] = "weight_hh_l0"
    c1, c2, c3, c4 = st.columns([1.2, 1, 1, 1.4], vertical_alignment="bottom")
    name = c1.selectbox(t("bptt.fd.param"), names, format_func=SYMBOLS.get,
                        **kept("bptt_fd_param", "weight_hh_l0"))
    shape = ex.trace.grads[name].shape
    clamp_state("bptt_fd_row", 1, shape[0])
    row = c2.number_input(t("bptt.fd.row"), 1, shape[0], **kept("bptt_fd_row", 1))
    entry = (int(row) - 1,)
    if len(shape) == 2:
        clamp_state("bptt_fd_col", 1, shape[1])
        col = c3.number_input(t("bptt.fd.col"), 1, shape[1], **kept("bptt_fd_col", 1))
        entry += (int(col) - 1,)
    request = (setup, name, entry)
    # A callback, not `if st.button(...)`: it runs once before the rerun, even when the rerun
    # itself starts over (ensure_shell), so the click is never lost.
    c4.button(t("bptt.fd.button"), key="bptt_fd", icon=":material/biotech:", width="stretch",
              on_click=nudge, args=(request,))
    done = st.session_state.get("bptt_fd_result")
    if not done or done[0] != request:
        st.caption(t("bptt.fd.hint"))
        return
    fd: FiniteDifference = done[1]
    where = ", ".join(str(i + 1) for i in fd.index)
    st.caption(t("bptt.fd.entry", name=SYMBOLS[fd.name], index=where, eps=fd.eps))
    m1, m2, m3 = st.columns(3)
    m1.metric(t("bptt.fd.backprop"), f"{fd.backprop:.10f}")
    m2.metric(t("bptt.fd.numeric"), f"{fd.numeric:.10f}")
    m3.metric(t("bptt.fd.diff"), f"{fd.rel_diff:.1e}")
    if fd.rel_diff < 1e-5 or fd.abs_diff < 1e-8:
        st.success(t("bptt.fd.ok", rel=fd.rel_diff))
    else:
        st.warning(t("bptt.fd.bad", rel=fd.rel_diff))


def lab_settings() -> LabKnobs:
    c1, c2, c3, c4, c5 = st.columns([1.3, 1.2, 1.2, 1.2, 1.1])
    act = c1.radio(t("bptt.lab.act"), list(ACTIVATIONS), horizontal=True, format_func=ACT_NAMES.get,
                   help=t("bptt.lab.act.help"), **kept("bptt_act", "tanh"))
    radius = c2.slider(t("bptt.lab.radius"), 0.1, 4.0, step=0.1, help=t("bptt.lab.radius.help"),
                       **kept("bptt_lab_radius", 1.0))
    length = c3.slider(t("bptt.lab.length"), 5, 200, step=5, **kept("bptt_len", 60))
    fbias = c4.slider(t("bptt.lab.fbias"), -3.0, 5.0, step=0.5, help=t("bptt.lab.fbias.help"),
                      **kept("bptt_fbias", 1.0))
    dtype = c5.radio(t("bptt.lab.dtype"), ["float32", "float64"], help=t("bptt.lab.dtype.help"),
                     **kept("bptt_dtype", "float32"))
    return LabKnobs(str(act), float(radius), int(length), float(fbias), str(dtype))


def report_curve(model: str, curve: DistanceCurve, dtype: str) -> None:
    """Say in words what a log plot cannot draw: Inf/NaN (exploded) and exact 0 (underflowed)."""
    if curve.first_nonfinite is not None:
        st.error(t("bptt.lab.overflow", model=model, d=curve.first_nonfinite, dtype=dtype),
                 icon=":material/error:")
    if curve.first_zero is not None:
        st.info(t("bptt.lab.underflow", model=model, d=curve.first_zero, dtype=dtype))


def lab_section(lab: DistanceLab) -> None:
    names = {a: f"RNN ({ACT_NAMES[a]})" for a in ACTIVATIONS}
    fig = fb.gradient_distance(lab, names, title=t("bptt.lab.figure"), xaxis=t("bptt.lab.xaxis"),
                               yaxis=t("bptt.lab.yaxis"), limits=(t("bptt.lab.max"), t("bptt.lab.tiny")))
    st.plotly_chart(fig, key="bptt_lab", config=fb.NO_BAR)
    report_curve(names[lab.activation], lab.rnn, lab.dtype)
    st.markdown(t("bptt.lab.read", act=ACT_NAMES[lab.activation], T=len(lab.distance),
                  rnn=sci(lab.rnn.norms[0])))


def clipping_section(ids: tuple[int, ...], vocab_size: int, seed: int, lk: LabKnobs,
                     lab: DistanceLab) -> None:
    st.subheader(t("bptt.clip.title"))
    st.markdown(t("bptt.clip.body", act=ACT_NAMES[lk.activation], rho=lk.radius, T=lk.length))
    max_norm = st.select_slider(t("bptt.clip.max_norm"), CLIP_NORMS, help=t("bptt.clip.max_norm.help"),
                                format_func=lambda v: f"{v:g}", **kept("bptt_clip", 1.0))
    clip = clip_by_global_norm(lab.grads, float(max_norm))
    st.markdown(t("bptt.clip.numbers", before=sci(clip.norm_before), after=sci(clip.norm_after),
                  scale=sci(clip.scale)))
    if not clip.finite:
        st.error(t("bptt.clip.nonfinite"), icon=":material/error:")
    elif not clip.clipped:
        st.info(t("bptt.clip.unclipped"))
    st.plotly_chart(fb.clip_norms(clip, SYMBOLS, title=t("bptt.clip.figure"),
                                  names=(t("bptt.clip.before"), t("bptt.clip.after"), t("bptt.clip.global")),
                                  empty=t("bptt.nothing")),
                    key="bptt_clip_bars", config=fb.NO_BAR)

    st.markdown(f"**{t('bptt.clip.train.title')}**")
    st.markdown(t("bptt.clip.train.body", lr=TRAIN_LR, n=TRAIN_STEPS))
    run = compute_training(ids, vocab_size, seed, lk.activation, lk.radius, lk.length, lk.dtype,
                           float(max_norm))
    plain, clipped = t("bptt.clip.train.plain"), t("bptt.clip.train.clipped", m=max_norm)
    st.plotly_chart(fb.training_curves(run, names=(plain, clipped), title=t("bptt.clip.train.figure"),
                                       xaxis=t("bptt.clip.train.xaxis"), yaxis=t("bptt.clip.train.yaxis"),
                                       empty=t("bptt.nothing")),
                    key="bptt_train", config=fb.NO_BAR)
    broke = False
    for which, losses in ((plain, run.loss_plain), (clipped, run.loss_clipped)):
        bad = np.flatnonzero(~np.isfinite(losses))
        if bad.size:
            broke = True
            n = int(bad[0])
            message = t("bptt.clip.train.broke", which=which, n=n) if n else t("bptt.clip.train.broke_start",
                                                                                which=which)
            st.warning(message, icon=":material/warning:")
    if not broke:
        slower = run.loss_clipped[-1] > run.loss_plain[-1]
        st.info(t("bptt.clip.train.slower") if slower else t("bptt.clip.train.fine"))


def truncation_section(setup: ExampleSetup, ex: BPTTExample) -> None:
    st.subheader(t("bptt.trunc.title"))
    st.markdown(t("bptt.trunc.body"))
    T = ex.trace.T
    if T < 2:
        st.info(t("bptt.trunc.single"))
        return
    clamp_state("bptt_k", 1, T)
    k = int(st.slider(t("bptt.trunc.k"), 1, T, help=t("bptt.trunc.k.help"), **kept("bptt_k", 2)))
    tr, diff = compute_truncated(setup, k)
    torch_badge("torch.autograd", diff)
    st.plotly_chart(fb.backward_flow(tr, ex.tokens, None, title=t("bptt.trunc.paths", k=k),
                                     roads=(t("bptt.bwd.road_out"), t("bptt.bwd.road_rec")),
                                     colorbar=t("bptt.bwd.colorbar"), cut_label=t("bptt.bwd.cut")),
                    key="bptt_trunc_flow", config=fb.NO_BAR)
    cos, ratio = ex.curve.cosine[k - 1], ex.curve.norm_ratio[k - 1]
    st.markdown(t("bptt.trunc.numbers", k=k, cos=sci(cos), ratio=sci(ratio), cuts=int(tr.cut.sum())))
    st.plotly_chart(fb.truncation_curve(ex.curve, k, names=(t("bptt.trunc.cos"), t("bptt.trunc.ratio")),
                                        title=t("bptt.trunc.curve"), xaxis=t("bptt.trunc.xaxis")),
                    key="bptt_trunc_curve", config=fb.NO_BAR)
    st.markdown(t("bptt.trunc.why"))


def lstm_section(lab: DistanceLab) -> None:
    st.subheader(t("bptt.lstm.title"))
    st.markdown(t("bptt.lstm.body"))
    names = {"rnn": f"RNN ({ACT_NAMES[lab.activation]})", "lstm": "LSTM", "gru": "GRU",
             "fprod": t("bptt.lstm.fprod"), "jprod": t("bptt.lstm.jprod")}
    st.plotly_chart(fb.lstm_question(lab, names, titles=(t("bptt.lstm.left"), t("bptt.lstm.right")),
                                     xaxis=t("bptt.lab.xaxis"), yaxis=t("bptt.lstm.yaxis")),
                    key="bptt_lstm", config=fb.NO_BAR)
    report_curve("LSTM", lab.lstm, lab.dtype)
    report_curve("GRU", lab.gru, lab.dtype)
    st.markdown(t("bptt.lstm.numbers", T=len(lab.distance), rnn=sci(lab.rnn.norms[0]),
                  lstm=sci(lab.lstm.norms[0]), gru=sci(lab.gru.norms[0]), fprod=sci(lab.forget_product[0]),
                  fb=lab.forget_bias))
    st.markdown(t("bptt.lstm.answer"))


def main() -> None:
    st.title(t("page.bptt.title"))
    st.markdown(t("bptt.intro"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        sentences = tuple(text_input())
    with right, st.expander(t("bptt.settings"), expanded=True):
        knobs = settings()
    if not sentences:
        return
    index = 0
    if len(sentences) > 1:
        clamp_state("bptt_sentence", 1, len(sentences))
        index = st.selectbox(t("bptt.sentence"), range(1, len(sentences) + 1), **kept("bptt_sentence", 1)) - 1
    setup = ExampleSetup(sentences, TokenizerSpec(knobs.level), index, knobs.hidden,  # type: ignore[arg-type]
                         knobs.radius, knobs.seed, EMBED_DIM)
    ex = compute(setup)
    report_token_caps(ex.dropped, MAX_TOKENS)
    st.caption(t("bptt.model", H=knobs.hidden, d=EMBED_DIM, rho=ex.radius, v=len(ex.itos), T=ex.trace.T))

    forward_section(ex)
    backward_section(ex)
    finite_difference_section(setup, ex)

    st.subheader(t("bptt.lab.title"))
    st.markdown(t("bptt.lab.body"))
    lk = lab_settings()
    ids = tuple(int(i) for i in ex.ids)
    lab = compute_lab(ids, len(ex.itos), knobs.seed, lk.activation, lk.radius, lk.length, lk.forget_bias,
                      lk.dtype)
    lab_section(lab)
    clipping_section(ids, len(ex.itos), knobs.seed, lk, lab)
    truncation_section(setup, ex)
    lstm_section(lab)


main()
