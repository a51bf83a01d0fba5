"""RNN forward pass (C3, C4, C6–C8): one cell applied T times, stacked, bidirectional, shapes of use."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
import streamlit as st

from core.rnn import USE_PATTERNS, ForwardPass
from core.rnn import forward_pass as run_forward_pass
from core.text import MAX_TOKENS
from ui import figures_rnn_forward as fig
from ui.i18n import t
from ui.shell import ensure_shell
from ui.widgets import kept, remember, report_token_caps, step_player, text_input, torch_badge

ensure_shell()

MAX_HIDDEN = 16  # the hidden-size cap the settings state
MAX_DIM = 8
SCALES = (0.01, 0.1, 0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 5.0, 10.0, 100.0,
          1e4, 1e8, 1e16, 1e32, 1e64, 1e128)
GROWING = 1e6  # a finite |h| above this gets a warning: ReLU is on its way to overflow
CHART = {"displayModeBar": False}


@dataclass(frozen=True)
class Knobs:
    """The page's settings."""

    level: str
    bos_eos: bool
    d: int
    hidden_size: int
    nonlinearity: str
    weight_scale: float
    seed: int
    num_layers: int
    bidirectional: bool


@st.cache_data(max_entries=128, show_spinner=False)
def compute(
    sentences: tuple[str, ...], index: int, level: str, bos_eos: bool, d: int, hidden_size: int,
    nonlinearity: str, weight_scale: float, seed: int, num_layers: int, bidirectional: bool,
) -> ForwardPass:
    """The page's one call into core: the whole pass on sentence ``index``, checked against torch."""
    return run_forward_pass(
        sentences, index, level=level, add_bos_eos=bos_eos, d=d, hidden_size=hidden_size,
        nonlinearity=nonlinearity, weight_scale=weight_scale, seed=seed, num_layers=num_layers,
        bidirectional=bidirectional, max_tokens=MAX_TOKENS,
    )


def settings() -> Knobs:
    """The knobs, beside the text box; their values survive page and language switches."""
    # Labels fixed now, not looked up when drawn: a format_func runs outside this script run too.
    units = {v: t(f"rnn.level.{v}") for v in ("word", "char")}
    level = st.radio(t("rnn.level"), list(units), horizontal=True, format_func=units.__getitem__,
                     **kept("rnn_level", "word"))
    bos_eos = st.toggle(t("rnn.bos_eos"), **kept("rnn_bos_eos", True))
    c1, c2 = st.columns(2)
    d = c1.number_input(t("rnn.dim"), 2, MAX_DIM, help=t("rnn.dim.help"), **kept("rnn_dim", 4))
    hidden = c2.number_input(t("rnn.hidden"), 1, MAX_HIDDEN,
                             help=t("rnn.hidden.help", cap=MAX_HIDDEN, small=fig.LATEX_MAX_H),
                             **kept("rnn_hidden", 3))
    act = st.radio(t("rnn.act"), ["tanh", "relu"], horizontal=True, help=t("rnn.act.help"),
                   **kept("rnn_act", "tanh"))
    scale = st.select_slider(t("rnn.scale"), SCALES, format_func=lambda v: f"×{v:g}",
                             help=t("rnn.scale.help"), **kept("rnn_scale", 1.0))
    c1, c2 = st.columns(2)
    layers = c1.radio(t("rnn.layers"), [1, 2, 3], horizontal=True, **kept("rnn_layers", 1))
    bidir = c2.toggle(t("rnn.bidir"), help=t("rnn.bidir.help"), **kept("rnn_bidir", False))
    seed = st.number_input(t("rnn.seed"), 0, 9999, help=t("rnn.seed.help"), **kept("rnn_seed", 0))
    st.caption(t("rnn.caps", cap=MAX_HIDDEN, small=fig.LATEX_MAX_H, dim=MAX_DIM))
    return Knobs(level, bos_eos, int(d), int(hidden), act, float(scale), int(seed), int(layers), bidir)


def row_names(num_layers: int, num_directions: int) -> list[str]:
    """One name per (layer, direction) row, e.g. "layer 1 →"."""
    arrows = ("→", "←")
    return [t("rnn.row", k=k + 1, arrow=arrows[d]) if num_directions == 2 or num_layers > 1
            else t("rnn.row.single") for k in range(num_layers) for d in range(num_directions)]


def health(fp: ForwardPass, knobs: Knobs) -> None:
    """Say plainly when the numbers overflowed, are about to, or are stuck at ±1."""
    b = fp.blowup
    if b is not None:
        st.error(t("rnn.blowup", layer=b.layer + 1, t=b.t + 1, step=b.step, inf=b.n_inf, nan=b.n_nan),
                 icon=":material/warning:")
    elif knobs.nonlinearity == "relu" and fp.max_abs_state > GROWING:
        st.warning(t("rnn.growing", big=f"{fp.max_abs_state:.1e}"), icon=":material/trending_up:")
    if fp.blowup is None and fp.blowup_float32 is not None:
        b32 = fp.blowup_float32
        st.info(t("rnn.float32", layer=b32.layer + 1, t=b32.t + 1), icon=":material/info:")
    if knobs.nonlinearity == "tanh" and fp.saturated_fraction > 0.5:
        st.info(t("rnn.saturated", share=f"{fp.saturated_fraction:.0%}"), icon=":material/info:")


def inputs_section(fp: ForwardPass) -> None:
    st.subheader(t("rnn.inputs.title"))
    st.markdown(t("rnn.inputs.body", T=fp.T, d=fp.x.shape[1], V=len(fp.itos)))
    st.plotly_chart(fig.inputs_heatmap(fp.tokens, fp.x, t("rnn.inputs.figure", d=fp.x.shape[1], T=fp.T)),
                    key="rnn_fig_inputs", config=CHART)


def step_section(fp: ForwardPass) -> None:
    st.subheader(t("rnn.step.title"))
    st.markdown(t("rnn.step.body"))
    torch_badge("nn.RNN", fp.rnn_diff)
    torch_badge("nn.Linear → softmax", fp.readout_diff)
    st.caption(t("rnn.badge.relative"))
    if fp.blowup is not None:
        st.caption(t("rnn.badge.until", n=fp.compared_cells, step=fp.blowup.step))
    tr = fp.trace
    L, D, T = tr.num_layers, tr.num_directions, fp.T
    order = fp.order
    names = row_names(L, D)
    arrows = (t("rnn.dir.fwd"), t("rnn.dir.rev"))

    def render(step: int) -> None:
        k, d, time = order[step - 1]
        layer = tr.layers[k][d]
        st.markdown(t("rnn.step.where", step=step, n=len(order), layer=k + 1, dir=arrows[d], t=time + 1,
                      T=T))
        st.plotly_chart(fig.unrolled(fp.tokens, L, D, order, step, names, t("rnn.diagram.x"),
                                     t("rnn.diagram.y"), t("rnn.diagram.title")),
                        key="rnn_fig_unrolled", config=CHART)
        st.caption(t("rnn.diagram.shared", H=layer.W_hh.shape[0], d_in=layer.W_xh.shape[1]))
        if fig.fits_latex(layer, time):
            first, second = fig.step_latex(layer, time, tr.nonlinearity)
            st.latex(first)
            st.latex(second)
        else:
            st.caption(t("rnn.eq.large", cap=fig.LATEX_MAX_H, big=f"{fig.LATEX_MAX_VALUE:.0e}"))
            st.plotly_chart(fig.step_terms(layer, time), key="rnn_fig_terms", config=CHART)
        st.caption(t("rnn.eq.bias"))
        if not np.isfinite(layer.h[time]).all():
            st.error(t("rnn.step.nonfinite", t=time + 1), icon=":material/error:")
        left, right = st.columns([3, 2], gap="medium")
        left.plotly_chart(fig.hidden_states(tr, order, step, names, fp.tokens, t("rnn.hidden.figure")),
                          key="rnn_fig_hidden", config=CHART)
        with right:
            output_panel(fp, order, step)

    step_player(len(order), render, key="rnn_step")


def output_panel(fp: ForwardPass, order: tuple[tuple[int, int, int], ...], step: int) -> None:
    """ŷ_t over the vocabulary, once the last layer (both directions) has reached t."""
    L, D = fp.trace.num_layers, fp.trace.num_directions
    _, _, time = order[step - 1]
    done = set(order[:step])
    if not all((L - 1, d, time) in done for d in range(D)):
        st.info(t("rnn.out.wait", t=time + 1), icon=":material/hourglass_top:")
        return
    probs = fp.probs[time]
    if not np.isfinite(probs).all():
        st.error(t("rnn.out.nan", t=time + 1), icon=":material/error:")
        return
    next_id = int(fp.ids[time + 1]) if time + 1 < fp.T else None
    st.plotly_chart(fig.output_bars(probs, fp.itos, next_id, t("rnn.out.figure", t=time + 1),
                                    t("rnn.out.uniform")), key="rnn_fig_out", config=CHART)
    if len(fp.itos) > fig.MAX_BARS:
        st.caption(t("rnn.out.top", n=fig.MAX_BARS, V=len(fp.itos)))
    st.caption(t("rnn.out.note"))


def set_depth(layers: int, bidirectional: bool) -> None:
    """Button callback: set the layers and direction knobs (and their durable copies)."""
    st.session_state["rnn_layers"] = layers
    st.session_state["rnn_bidir"] = bidirectional
    st.session_state["rnn_step"] = 1
    for key in ("rnn_layers", "rnn_bidir", "rnn_step"):
        remember(key)


def deep_section(knobs: Knobs) -> None:
    st.subheader(t("rnn.deep.title"))
    st.markdown(t("rnn.deep.body"))
    st.latex(r"h^{(\ell)}_t = \psi\big(W^{(\ell)}_{xh}\, h^{(\ell-1)}_t"
             r" + W^{(\ell)}_{hh}\, h^{(\ell)}_{t-1} + b^{(\ell)}\big),\qquad h^{(0)}_t = x_t")
    st.latex(r"\overrightarrow{h}_t = f(x_t, \overrightarrow{h}_{t-1}),\quad "
             r"\overleftarrow{h}_t = f'(x_t, \overleftarrow{h}_{t+1}),\quad "
             r"y_t = \big[\,\overrightarrow{h}_t\,;\,\overleftarrow{h}_t\,\big]")
    st.markdown(t("rnn.deep.now", layers=knobs.num_layers,
                  dirs=t("rnn.deep.two") if knobs.bidirectional else t("rnn.deep.one")))
    c1, c2, c3 = st.columns(3)
    c1.button(t("rnn.deep.try_layers"), icon=":material/layers:", on_click=set_depth, args=(2, False),
              key="rnn_try_layers", width="stretch")
    c2.button(t("rnn.deep.try_bidir"), icon=":material/swap_horiz:", on_click=set_depth, args=(1, True),
              key="rnn_try_bidir", width="stretch")
    c3.button(t("rnn.deep.reset"), icon=":material/restart_alt:", on_click=set_depth, args=(1, False),
              key="rnn_try_reset", width="stretch")


def sensitivity_section(fp: ForwardPass) -> None:
    st.subheader(t("rnn.sens.title"))
    st.markdown(t("rnn.sens.body"))
    titles = (t("rnn.sens.fwd"), t("rnn.sens.rev"), t("rnn.sens.both"))
    if fp.trace.num_directions == 1:
        titles = (t("rnn.sens.one"),)
    st.plotly_chart(fig.sensitivity(fp.sensitivity, fp.tokens, titles, t("rnn.sens.scale")),
                    key="rnn_fig_sens", config=CHART)
    if fp.trace.num_directions == 2 and fp.trace.num_layers > 1:
        st.markdown(t("rnn.sens.stacked"))
    if not np.isfinite(fp.sensitivity).all():
        st.warning(t("rnn.sens.nan"), icon=":material/warning:")
    elif fp.T > 1:
        S = fp.sensitivity[0]
        st.markdown(t("rnn.sens.reach", T=fp.T, first=f"{S[-1, 0]:.1e}", last=f"{S[-1, -1]:.1e}"))


def shapes_section(fp: ForwardPass) -> None:
    st.subheader(t("rnn.shape.title"))
    st.markdown(t("rnn.shape.body"))
    patterns = fp.patterns
    cols = st.columns(2, gap="medium")
    for i, (name, pattern) in enumerate(zip(USE_PATTERNS, patterns, strict=True)):
        with cols[i % 2], st.container(border=True):
            names = {"title": t(f"rnn.shape.{name}.title"), "context": t("rnn.shape.context")}
            st.plotly_chart(fig.use_pattern(pattern, fp.words, names), key=f"rnn_fig_shape_{name}",
                            config=CHART)
            st.markdown(t(f"rnn.shape.{name}.task"))
    if len(fp.words) > fig.SHAPE_MAX_TOKENS:
        st.caption(t("rnn.shape.elided", n=fig.SHAPE_MAX_TOKENS, T=len(fp.words)))


def cost_section(fp: ForwardPass, knobs: Knobs) -> None:
    st.subheader(t("rnn.cost.title"))
    cost = fp.cost
    D = 2 if knobs.bidirectional else 1
    c = st.columns(4)
    c[0].metric(t("rnn.cost.T"), cost.T)
    c[1].metric(t("rnn.cost.seq"), cost.sequential_steps)
    c[2].metric(t("rnn.cost.cells"), cost.cells)
    c[3].metric(t("rnn.cost.params"), f"{cost.parameters:,}")
    st.markdown(t("rnn.cost.body", T=cost.T, L=knobs.num_layers, D=D, seq=cost.sequential_steps,
                  cells=cost.cells, mults=f"{cost.multiply_adds:,}"))
    grid = fig.schedule_grid(cost.waves, fp.tokens, row_names(knobs.num_layers, D), t("rnn.cost.figure"))
    st.plotly_chart(grid, key="rnn_fig_schedule", config=CHART)


def main() -> None:
    st.title(t("page.rnn_forward.title"))
    st.markdown(t("rnn.intro"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        sentences = text_input()
    with right, st.expander(t("rnn.settings"), expanded=True):
        knobs = settings()
    if not sentences:
        return
    index = 0
    if len(sentences) > 1:
        if st.session_state.get("rnn_sentence", 1) > len(sentences):
            st.session_state["rnn_sentence"] = 1
        with left:
            index = st.selectbox(t("rnn.sentence"), range(1, len(sentences) + 1),
                                 **kept("rnn_sentence", 1)) - 1
    fp = compute(tuple(sentences), index, **asdict(knobs))
    report_token_caps(fp.dropped, MAX_TOKENS)
    health(fp, knobs)

    inputs_section(fp)
    step_section(fp)
    deep_section(knobs)
    sensitivity_section(fp)
    shapes_section(fp)
    cost_section(fp, knobs)


main()
