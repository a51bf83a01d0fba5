"""LSTM gates (C15, C16, C19): every gate of an LSTM on the learner's sentence, step by step.

Settings → one sentence through a one-layer LSTM (core.lstm.study_lstm, checked against
torch.nn.LSTM) → the step-through (six equations, the cell diagram, the conveyor belt), the
whole-sentence heatmaps, the interventions, the peephole variant and the
``Y, (h_n, c_n) = LSTM(X)`` explainer.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd
import streamlit as st

from core.lstm import (
    GateStudy,
    LSTMApiShapes,
    add_peepholes,
    gate_terms,
    lstm_api_shapes,
    make_lstm,
    study_lstm,
)
from core.text import MAX_TOKENS, TokenizerSpec, text_to_tensors
from ui import figures_lstm_gates as fig_lstm
from ui.i18n import t
from ui.shell import ensure_shell
from ui.widgets import kept, report_token_caps, step_player, text_input, torch_badge

ensure_shell()

# Caps, stated on the page: every number of the step-through has to fit on screen.
MAX_EMBED, MAX_HIDDEN = 16, 8
API_CAPS = {"N": 8, "L": 64, "Q": 64, "K": 4, "D": 64}
API_DEFAULTS = {"N": 2, "L": 5, "Q": 3, "K": 2, "D": 4}
INTERVENTIONS = ("none", "forget0", "forget1", "reset")
CLAMPS = {"forget0": 0.0, "forget1": 1.0}
UNITS_SHOWN = 12  # the belt and the line chart draw at most this many units (a trained model has more)
CONFIG = {"displayModeBar": False}
FOUR_DECIMALS = {name: st.column_config.NumberColumn(format="%.4f") for name in
                 ("f", "i", "C̃", "C(t−1)", "f⊙C(t−1)", "i⊙C̃", "C(t)", "o", "h(t)", "w_ci", "w_cf", "w_co")}


@dataclass(frozen=True)
class Knobs:
    """The model settings."""

    model: str  # "random" (seeded) or "trained" (core.classify's sentiment LSTM)
    level: str
    dim: int  # E, embedding size = the LSTM's input size
    hidden: int  # H
    seed: int
    forget_bias: float
    peephole: bool


@dataclass(frozen=True)
class Prepared:
    """The chosen sentence as the LSTM reads it."""

    tokens: tuple[str, ...]
    x: np.ndarray  # (T, E)
    dropped: int  # tokens cut beyond MAX_TOKENS
    error: str | None = None  # a message when the model cannot read the text


# --- the trained model, when core.classify ships one -----------------------------------------


def classify_exists() -> bool:
    """Whether core.classify is there to offer, found without importing it (tests swap the module
    in ``sys.modules`` to stand in a model, or to take it away)."""
    if "core.classify" in sys.modules:
        return sys.modules["core.classify"] is not None
    try:
        return importlib.util.find_spec("core.classify") is not None
    except (ImportError, ValueError):
        return False


def sentiment_loader() -> Callable[[], object] | None:
    """``core.classify.load_sentiment_model`` if that module imports and has it, else None."""
    try:
        module = importlib.import_module("core.classify")
    except Exception:  # missing, or broken while another issue builds it: the page goes on
        return None
    load = getattr(module, "load_sentiment_model", None)
    return load if callable(load) else None


@st.cache_resource(show_spinner=False)
def trained_model(_load: Callable[[], object], token: int) -> object:
    """The trained sentiment model, loaded once per process and shared read-only (eval mode)."""
    model = _load()
    for part in (model.lstm, model.head):  # type: ignore[attr-defined]
        part.eval()
        part.requires_grad_(False)
    return model


# --- the one computation, cached ---------------------------------------------------------------


# Cached results are pickled, and classes defined in a page file cannot be: plain tuples here.
@st.cache_data(max_entries=64, show_spinner=False)
def prepare_random(
    sentences: tuple[str, ...], index: int, level: str, dim: int, seed: int
) -> tuple[tuple[str, ...], np.ndarray, int, str | None]:
    """Tokens and embeddings (T, E) of sentence ``index``, from a vocabulary of all the lines."""
    tt = text_to_tensors(sentences, TokenizerSpec(level), d=dim, seed=seed, max_tokens=MAX_TOKENS)  # type: ignore[arg-type]
    row = tt.sentences[index]
    return row.tokens, tt.embedded[index, : len(row.tokens)], row.dropped, None


@st.cache_data(max_entries=64, show_spinner=False)
def prepare_trained(sentence: str, token: int) -> tuple[tuple[str, ...], np.ndarray, int, str | None]:
    """The trained model's own tokens and embeddings (T, E) of one sentence, capped at MAX_TOKENS."""
    load = sentiment_loader()
    if load is None or id(load) != token:
        return (), np.zeros((0, 1)), 0, "lstm.trained.missing"
    try:
        tokens, x = trained_model(load, token).embed(sentence)  # type: ignore[attr-defined]
        x = np.asarray(x.detach().cpu().numpy() if hasattr(x, "detach") else x, dtype=np.float64)
    except Exception:
        return (), np.zeros((0, 1)), 0, "lstm.trained.failed"
    T = min(len(tokens), x.shape[0])
    kept_T = min(T, MAX_TOKENS)
    return tuple(map(str, tokens[:kept_T])), x[:kept_T], max(0, T - MAX_TOKENS), None


@st.cache_data(max_entries=128, show_spinner=False)
def compute(
    model: str, dim: int, hidden: int, seed: int, forget_bias: float, peephole: bool,
    x: np.ndarray, token: int, clamp: float | None, reset_at: int | None,
) -> GateStudy:
    """The page's call into core: the traced run, its check against PyTorch, the intervened run."""
    head = None
    if model == "trained":
        trained = trained_model(sentiment_loader(), token)  # type: ignore[arg-type]
        lstm, head = trained.lstm, trained.head  # type: ignore[attr-defined]
    else:
        lstm = make_lstm(dim, hidden, forget_bias=forget_bias, seed=seed)
    if peephole:  # a new module with copies of the weights: a shared model is never touched
        lstm = add_peepholes(lstm, seed=seed)
    return study_lstm(lstm, x, forget_clamp=clamp, reset_cell_at=reset_at, head=head)


@st.cache_data(max_entries=32, show_spinner=False)
def api_shapes(
    N: int, L: int, Q: int, K: int, D: int, batch_first: bool, bidirectional: bool
) -> LSTMApiShapes:
    """The explainer's real torch.nn.LSTM run: tensor and parameter shapes, parameter counts."""
    return lstm_api_shapes(N, L, Q, K, D, batch_first=batch_first, bidirectional=bidirectional)


# --- settings ------------------------------------------------------------------------------------


def _clamp_state(key: str, lo: int, hi: int) -> None:
    """Keep a kept widget value inside a range that shrank (a shorter sentence, a smaller H)."""
    st.session_state[key] = min(max(int(st.session_state[key]), lo), hi)


def settings(trained_available: bool) -> Knobs:
    """The model knobs, in a column beside the text box; their values survive page switches."""
    # Option labels are fixed in this run's language rather than looked up when drawn
    # (AppTest formats options outside the run, where the session's language is unknown).
    models = {"random": t("lstm.model.kind.random"), "trained": t("lstm.model.kind.trained")}
    levels = {"word": t("lstm.level.kind.word"), "char": t("lstm.level.kind.char")}
    model = "random"
    if trained_available:
        model = st.radio(t("lstm.model"), list(models), horizontal=True, format_func=models.get,
                         help=t("lstm.model.help"), **kept("lstm_model", "random"))
    else:
        st.caption(t("lstm.model.only_random"))
    fixed = model == "trained"
    level = st.radio(t("lstm.level"), ["word", "char"], horizontal=True, disabled=fixed,
                     format_func=levels.get, **kept("lstm_level", "word"))
    c1, c2 = st.columns(2)
    dim = c1.number_input(t("lstm.dim"), 1, MAX_EMBED, disabled=fixed, help=t("lstm.dim.help"),
                          **kept("lstm_dim", 4))
    hidden = c2.number_input(t("lstm.hidden"), 1, MAX_HIDDEN, disabled=fixed, help=t("lstm.hidden.help"),
                             **kept("lstm_hidden", 4))
    c3, c4 = st.columns(2)
    seed = c3.number_input(t("lstm.seed"), 0, 9999, help=t("lstm.seed.help"), **kept("lstm_seed", 0))
    forget_bias = c4.slider(t("lstm.fbias"), -4.0, 4.0, step=0.5, disabled=fixed, help=t("lstm.fbias.help"),
                            **kept("lstm_fbias", 1.0))
    peephole = st.toggle(t("lstm.peephole"), help=t("lstm.peephole.help"), **kept("lstm_peephole", False))
    st.caption(t("lstm.caps", E=MAX_EMBED, H=MAX_HIDDEN, T=MAX_TOKENS))
    return Knobs(model, level, int(dim), int(hidden), int(seed), float(forget_bias), bool(peephole))


def intervention_controls(T: int) -> tuple[str, float | None, int | None]:
    """Which intervention, if any: (kind, forget clamp, reset step 0-based)."""
    labels = {"none": t("lstm.iv.kind.none"), "forget0": t("lstm.iv.kind.forget0"),
              "forget1": t("lstm.iv.kind.forget1"), "reset": t("lstm.iv.kind.reset")}
    c1, c2 = st.columns([3, 2], vertical_alignment="bottom")
    kind = c1.radio(t("lstm.iv"), INTERVENTIONS, horizontal=True, help=t("lstm.iv.help"),
                    format_func=labels.get, **kept("lstm_iv", "none"))
    reset_at = None
    if kind == "reset":
        args = kept("lstm_reset_at", 2)
        _clamp_state("lstm_reset_at", 1, T)
        step = c2.select_slider(t("lstm.iv.reset_at"), list(range(1, T + 1)), **args)
        reset_at = int(step) - 1
    return kind, CLAMPS.get(kind), reset_at


# --- the step-through ------------------------------------------------------------------------------


def _n(v: float) -> str:
    """Three decimals; a value that rounds to zero is 0.000, never −0.000."""
    return f"{round(float(v), 3) + 0.0:.3f}"


def _p(v: float) -> str:
    """A factor, in brackets when negative."""
    text = _n(v)
    return f"({text})" if text.startswith("-") else text


def equations(study: GateStudy, step: int, j: int, peephole: bool, kind: str) -> str:
    """The six equations of step ``step`` (1-based) with unit j's (0-based) numbers plugged in."""
    layer = study.shown.layers[0][0]
    s, terms = step - 1, gate_terms(layer, step - 1)

    def gate(name: str, sym: str, sub: str, act: str, peep: str | None) -> str:
        tm = terms[name]
        parts = [rf"\underbrace{{W_{{i{sub}}}x_t}}_{{{_n(tm.from_x[j])}}}",
                 rf"\underbrace{{W_{{h{sub}}}h_{{t-1}}}}_{{{_n(tm.from_h[j])}}}",
                 rf"\underbrace{{b_{{{sub}}}}}_{{{_n(tm.bias[j])}}}"]
        if peephole and peep:
            parts.append(rf"\underbrace{{{peep}}}_{{{_n(tm.peephole[j])}}}")
        value = getattr(layer, name)[s, j]
        fn = r"\sigma" if act == "sigma" else r"\tanh"
        line = rf"{sym} &= {fn}\big(" + " + ".join(parts) + rf"\big) = {fn}({_n(tm.pre[j])})"
        if name == "f" and kind in CLAMPS:
            natural = 1.0 / (1.0 + np.exp(-tm.pre[j]))
            return line + rf" = \cancel{{{_n(natural)}}} \;\to\; {_n(value)}"
        return line + f" = {_n(value)}"

    c_prev = layer.c_prev[s, j]
    c_prev_sym = r"\underbrace{C_{t-1}}_{:=\,0}" if kind == "reset" and study.intervened is not None \
        and study.intervened.reset_cell_at == s else "C_{t-1}"
    f, i, g, o, c, h = (getattr(layer, k)[s, j] for k in ("f", "i", "g", "o", "c", "h"))
    lines = [
        gate("f", "f_t", "f", "sigma", r"w_{cf}\odot C_{t-1}"),
        gate("i", "i_t", "i", "sigma", r"w_{ci}\odot C_{t-1}"),
        gate("g", r"\tilde C_t", "g", "tanh", None),
        rf"C_t &= f_t\odot {c_prev_sym} + i_t\odot\tilde C_t = {_p(f)}\cdot{_p(c_prev)} + {_p(i)}\cdot{_p(g)}"
        rf" = {_p(f * c_prev)} + {_p(i * g)} = {_n(c)}",
        gate("o", "o_t", "o", "sigma", r"w_{co}\odot C_t"),
        rf"h_t &= o_t\odot\tanh(C_t) = {_p(o)}\cdot\tanh({_n(c)}) = {_p(o)}\cdot{_p(np.tanh(c))} = {_n(h)}",
    ]
    return r"\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"


def step_values(study: GateStudy, step: int, j: int) -> fig_lstm.StepValues:
    layer = study.shown.layers[0][0]
    s, terms = step - 1, gate_terms(layer, step - 1)
    return fig_lstm.StepValues(
        c_prev=float(layer.c_prev[s, j]), h_prev=float(layer.h_prev[s, j]), f=float(layer.f[s, j]),
        i=float(layer.i[s, j]), g=float(layer.g[s, j]), o=float(layer.o[s, j]), c=float(layer.c[s, j]),
        h=float(layer.h[s, j]), peep_i=float(terms["i"].peephole[j]), peep_f=float(terms["f"].peephole[j]),
        peep_o=float(terms["o"].peephole[j]),
    )


def unit_window(H: int, j: int, size: int = UNITS_SHOWN) -> slice:
    """At most ``size`` units (a 0-based slice) around unit j, for figures with a row or line per unit."""
    start = min(max(j - size // 2, 0), max(H - size, 0))
    return slice(start, min(start + size, H))


def unit_table(study: GateStudy, step: int) -> pd.DataFrame:
    """All H units at one step: the gates, the belt's bookkeeping and the new states."""
    layer, s = study.shown.layers[0][0], step - 1
    return pd.DataFrame({
        "j": np.arange(1, layer.h.shape[1] + 1),
        "f": layer.f[s], "i": layer.i[s], "C̃": layer.g[s], "C(t−1)": layer.c_prev[s],
        "f⊙C(t−1)": layer.f[s] * layer.c_prev[s], "i⊙C̃": layer.i[s] * layer.g[s], "C(t)": layer.c[s],
        "o": layer.o[s], "h(t)": layer.h[s],
    })


def step_section(study: GateStudy, prep: Prepared, knobs: Knobs, kind: str) -> None:
    st.subheader(t("lstm.step.title"))
    st.markdown(t("lstm.step.body"))
    H = study.trace.h.shape[1]
    args = kept("lstm_unit", 1)
    _clamp_state("lstm_unit", 1, H)
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    j = int(c1.selectbox(t("lstm.unit"), range(1, H + 1), help=t("lstm.unit.help"), **args)) - 1
    if study.intervened is not None:
        c2.warning(t("lstm.step.intervened"), icon=":material/science:")
    names = {key: t(f"lstm.diagram.{key}") for key in
             ("f", "i", "g", "o", "cell", "hidden", "clamped", "reset")}
    belt_names = {key: t(f"lstm.belt.{key}") for key in ("kept", "erased", "written", "c_prev", "c")}
    reset_step = None if study.intervened is None else study.intervened.reset_cell_at

    def render(step: int) -> None:
        st.plotly_chart(fig_lstm.token_row(prep.tokens, step), key="lstm_tokens", config=CONFIG)
        st.markdown(t("lstm.step.now", t=step, T=len(prep.tokens), j=j + 1, H=H))
        st.latex(equations(study, step, j, knobs.peephole, kind))
        if kind in CLAMPS:
            st.caption(t("lstm.step.clamped", v=CLAMPS[kind]))
        st.caption(t("lstm.step.legend"))
        layer, s = study.shown.layers[0][0], step - 1
        left, right = st.columns([6, 5], gap="medium")
        with left:
            st.markdown(f"**{t('lstm.diagram.title', j=j + 1)}**")
            diagram = fig_lstm.cell_diagram(step_values(study, step, j), prep.tokens[s],
                                            peephole=knobs.peephole, names=names,
                                            clamped=kind in CLAMPS, reset=reset_step == s)
            st.plotly_chart(diagram, key="lstm_diagram", config=CONFIG)
        with right:
            st.markdown(f"**{t('lstm.belt.title')}**")
            st.caption(t("lstm.belt.body"))
            w = unit_window(H, j)
            st.plotly_chart(fig_lstm.conveyor_belt(layer.c_prev[s, w], layer.f[s, w], layer.i[s, w],
                                                   layer.g[s, w], layer.c[s, w], belt_names, unit=j + 1,
                                                   first_unit=w.start + 1),
                            key="lstm_belt", config=CONFIG)
            if H > len(range(H)[w]):
                st.caption(t("lstm.window", a=w.start + 1, b=w.stop, H=H))
        st.markdown(f"**{t('lstm.table.title', t=step)}**")
        st.dataframe(unit_table(study, step), hide_index=True, column_config=FOUR_DECIMALS)

    step_player(len(prep.tokens), render, key="lstm_step")


def whole_text_section(study: GateStudy, prep: Prepared) -> None:
    st.subheader(t("lstm.whole.title"))
    st.markdown(t("lstm.whole.body"))
    if study.intervened is not None:
        st.warning(t("lstm.step.intervened"), icon=":material/science:")
    layer = study.shown.layers[0][0]
    titles = {key: t(f"lstm.heat.{key}") for key in fig_lstm.HEATMAP_ROWS}
    arrays = {key: getattr(layer, key) for key in fig_lstm.HEATMAP_ROWS}
    st.plotly_chart(fig_lstm.gate_heatmaps(arrays, prep.tokens, titles), key="lstm_heatmaps", config=CONFIG)
    H = layer.h.shape[1]
    w = unit_window(H, int(st.session_state.get("lstm_unit", 1)) - 1)
    alt = None if study.intervened is None else study.intervened.c[:, w]
    st.plotly_chart(fig_lstm.cell_lines(study.trace.c[:, w], prep.tokens, t("lstm.lines.title"), c_alt=alt,
                                        alt_name=t("lstm.lines.alt"), first_unit=w.start + 1),
                    key="lstm_lines", config=CONFIG)
    if H > len(range(H)[w]):
        st.caption(t("lstm.window", a=w.start + 1, b=w.stop, H=H))
    if alt is not None:
        st.caption(t("lstm.lines.caption"))


def intervention_section(study: GateStudy, prep: Prepared, kind: str) -> None:
    st.subheader(t("lstm.iv.title"))
    st.markdown(t("lstm.iv.body"))
    if study.intervened is None:
        st.info(t("lstm.iv.none_yet"), icon=":material/science:")
        return
    base, alt = study.trace, study.intervened
    dh = np.abs(alt.h - base.h).max(axis=1)  # (T,) largest change of any unit
    changed = np.flatnonzero(dh > 1e-12)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("lstm.iv.first"), f"t = {changed[0] + 1}" if changed.size else "—")
    c2.metric(t("lstm.iv.last_dh"), f"{dh[-1]:.4f}")
    if study.p_positive is not None and study.p_positive_intervened is not None:
        c3.metric(t("lstm.iv.p"), f"{study.p_positive_intervened:.3f}",
                  delta=f"{study.p_positive_intervened - study.p_positive:+.3f}")
    else:
        c3.metric(t("lstm.iv.last_dc"), f"{np.abs(alt.c[-1] - base.c[-1]).max():.4f}")
    st.markdown(t(f"lstm.iv.explain.{kind}"))
    start = None if alt.reset_cell_at is None else alt.reset_cell_at + 1
    st.plotly_chart(fig_lstm.intervention_diff(base.h, alt.h, base.c, alt.c, prep.tokens,
                                               (t("lstm.iv.dh"), t("lstm.iv.dc")), start=start),
                    key="lstm_diff", config=CONFIG)


def peephole_section(study: GateStudy, knobs: Knobs) -> None:
    st.subheader(t("lstm.peep.title"))
    st.markdown(t("lstm.peep.body"))
    st.latex(r"\begin{aligned}"
             r"f_t &= \sigma(W_{if}x_t + W_{hf}h_{t-1} + b_f + w_{cf}\odot C_{t-1}) \\"
             r"i_t &= \sigma(W_{ii}x_t + W_{hi}h_{t-1} + b_i + w_{ci}\odot C_{t-1}) \\"
             r"o_t &= \sigma(W_{io}x_t + W_{ho}h_{t-1} + b_o + w_{co}\odot C_t)"
             r"\end{aligned}")
    if not knobs.peephole:
        st.info(t("lstm.peep.off"), icon=":material/visibility:")
        return
    layer = study.trace.layers[0][0]
    H = layer.h.shape[1]
    st.dataframe(pd.DataFrame({"j": np.arange(1, H + 1), "w_ci": layer.w_ci, "w_cf": layer.w_cf,
                               "w_co": layer.w_co}), hide_index=True, column_config=FOUR_DECIMALS)
    st.caption(t("lstm.peep.weights", seed=knobs.seed))


# --- Y, (h_n, c_n) = LSTM(X) ----------------------------------------------------------------------


def api_section() -> None:
    st.subheader(t("lstm.api.title"))
    st.markdown(t("lstm.api.body"))
    cols = st.columns(7, vertical_alignment="bottom")
    size = {}
    for col, name in zip(cols, API_CAPS, strict=False):
        size[name] = int(col.number_input(t(f"lstm.api.size.{name}"), 1, API_CAPS[name],
                                          **kept(f"lstm_api_{name}", API_DEFAULTS[name])))
    batch_first = cols[5].toggle("batch_first", **kept("lstm_api_bf", False))
    bidirectional = cols[6].toggle("bidirectional", **kept("lstm_api_bi", False))
    st.caption(t("lstm.api.caps", **API_CAPS))
    N, L, Q, K, D = (size[k] for k in API_CAPS)
    shapes = api_shapes(N, L, Q, K, D, batch_first, bidirectional)
    dirs = 2 if bidirectional else 1
    x_shape = "(N, L, Q)" if batch_first else "(L, N, Q)"
    st.code(
        f"lstm = torch.nn.LSTM(input_size={Q}, hidden_size={D}, num_layers={K},\n"
        f"                     batch_first={batch_first}, bidirectional={bidirectional})\n"
        f"X = torch.randn{shapes.X}            # {x_shape}\n"
        f"Y, (h_n, c_n) = lstm(X)",
        language="python",
    )
    d_sym = "2·D" if bidirectional else "D"
    tensors = pd.DataFrame({
        t("lstm.api.tensor"): ["X", "Y", "h_n", "c_n"],
        t("lstm.api.meaning"): [t("lstm.api.X"), t("lstm.api.Y"), t("lstm.api.h_n"), t("lstm.api.c_n")],
        t("lstm.api.symbolic"): [x_shape, f"(N, L, {d_sym})" if batch_first else f"(L, N, {d_sym})",
                                 f"({'2·' if bidirectional else ''}K, N, D)",
                                 f"({'2·' if bidirectional else ''}K, N, D)"],
        t("lstm.api.shape"): [str(s) for s in (shapes.X, shapes.Y, shapes.h_n, shapes.c_n)],
    })
    st.dataframe(tensors, hide_index=True)
    if batch_first:
        st.caption(t("lstm.api.bf_note"))

    def symbolic(name: str) -> str:
        q = "Q" if "_l0" in name else ("2·D" if bidirectional else "D")
        if name.startswith("weight_ih"):
            return f"(4·D, {q})"
        return "(4·D, D)" if name.startswith("weight_hh") else "(4·D,)"

    st.markdown(f"**{t('lstm.api.params')}**")
    st.dataframe(pd.DataFrame({
        t("lstm.api.param"): [name for name, _, _ in shapes.params],
        t("lstm.api.symbolic"): [symbolic(name) for name, _, _ in shapes.params],
        t("lstm.api.shape"): [str(shape) for _, shape, _ in shapes.params],
        "numel": [n for *_, n in shapes.params],
    }), hide_index=True, height=min(420, 38 + 35 * len(shapes.params)))
    st.caption(t("lstm.api.packing"))
    st.markdown(t("lstm.api.count_body"))
    blocks = pd.DataFrame({
        t("lstm.api.layer"): [k for k, *_ in shapes.blocks],
        t("lstm.api.direction"): [t("lstm.api.forward") if d == 0 else t("lstm.api.reverse")
                                  for _, d, _, _ in shapes.blocks],
        "q": [q for _, _, q, _ in shapes.blocks],
        "4·(D·(q+D)+2D)": [f"4·({D}·({q}+{D})+2·{D}) = {n:,}" for _, _, q, n in shapes.blocks],
    })
    st.dataframe(blocks, hide_index=True)
    total = sum(n for *_, n in shapes.blocks)
    thousands = "{:,}".format  # LaTeX needs the comma braced to keep it from spacing out
    st.latex(rf"\sum_{{k,\,d}} 4\big(D(q_k + D) + 2D\big) = {thousands(total).replace(',', '{,}')} "
             rf"\;=\; \texttt{{sum(p.numel())}} = {thousands(shapes.numel).replace(',', '{,}')}")
    if total == shapes.numel:
        st.success(t("lstm.api.count_ok", n=f"{shapes.numel:,}", per=dirs * K), icon=":material/check:")
    else:  # pragma: no cover - the formula is tested equal to PyTorch
        st.error(t("lstm.api.count_bad", a=total, b=shapes.numel))


# --- the page ---------------------------------------------------------------------------------------


def model_badge(knobs: Knobs, study: GateStudy, T: int) -> None:
    """Say which model runs, and how far the step-by-step numbers are from PyTorch."""
    E, H = study.x.shape[1], study.trace.h.shape[1]
    if knobs.model == "trained":
        st.info(t("lstm.model.using_trained", E=E, H=H, T=T), icon=":material/school:")
        if study.p_positive is not None:
            st.markdown(t("lstm.model.p", p=f"{study.p_positive:.3f}"))
    else:
        st.info(t("lstm.model.using_random", E=E, H=H, seed=knobs.seed, b=knobs.forget_bias, T=T),
                icon=":material/casino:")
    torch_badge("PeepholeLSTM" if knobs.peephole else "nn.LSTM", study.max_diff)
    st.caption(t("lstm.check.peephole" if knobs.peephole else "lstm.check.plain"))


def main() -> None:
    st.title(t("page.lstm_gates.title"))
    st.markdown(t("lstm.intro"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        sentences = text_input()
    with right, st.expander(t("lstm.settings"), expanded=True):
        knobs = settings(classify_exists())
    token = 0
    if knobs.model == "trained":  # looked up only when asked for; the random model needs nothing
        with st.spinner(t("lstm.trained.loading")):
            load = sentiment_loader()
        if load is None:
            st.warning(t("lstm.trained.missing"))
            knobs = replace(knobs, model="random")
        else:
            token = id(load)
    if sentences:
        gates_sections(sentences, knobs, token)
    api_section()


def gates_sections(sentences: list[str], knobs: Knobs, token: int) -> None:
    i = 1
    if len(sentences) > 1:
        args = kept("lstm_sentence", 1)
        _clamp_state("lstm_sentence", 1, len(sentences))
        i = int(st.selectbox(t("lstm.sentence"), range(1, len(sentences) + 1), **args))
    if knobs.model == "trained":
        prep = Prepared(*prepare_trained(sentences[i - 1], token))
    else:
        prep = Prepared(*prepare_random(tuple(sentences), i - 1, knobs.level, knobs.dim, knobs.seed))
    if prep.error:
        st.error(t(prep.error))
        return
    report_token_caps([prep.dropped if k == i - 1 else 0 for k in range(len(sentences))], MAX_TOKENS)
    if not prep.tokens:
        st.info(t("input.no_tokens"))
        return
    T = len(prep.tokens)
    with st.container(border=True):
        kind, clamp, reset_at = intervention_controls(T)
    study = compute(knobs.model, knobs.dim, knobs.hidden, knobs.seed, knobs.forget_bias, knobs.peephole,
                    prep.x, token, clamp, reset_at)
    if not all(np.isfinite(a).all() for a in (study.trace.h, study.trace.c, study.shown.c)):
        st.error(t("lstm.nonfinite"))
        return
    model_badge(knobs, study, T)
    step_section(study, prep, knobs, kind)
    whole_text_section(study, prep)
    intervention_section(study, prep, kind)
    peephole_section(study, knobs)


main()
