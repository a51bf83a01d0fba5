"""Sequence data (C1–C4): order matters, AR(τ) and Markov models, a latent state, finite vs infinite
response."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import streamlit as st

from core.ngram import MAX_ORDER, OrderStudy, Step, order_study
from core.text import MAX_TOKENS
from core.timeseries import (
    HIDDEN,
    K_MAX,
    SERIES_LENGTH,
    TAU_MAX,
    ImpulseResponse,
    SeriesStudy,
    impulse_response,
    series_study,
)
from ui import figures_sequence_data as figs
from ui.i18n import t
from ui.shell import ensure_shell
from ui.widgets import kept, report_token_caps, step_player, text_input, torch_badge

ensure_shell()

NOISE_LEVELS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.8, 1.0)
DELTAS = (-3.0, -1.0, -0.5, -0.1, 0.0, 0.1, 0.5, 1.0, 3.0)
# x_t0 can be changed anywhere that leaves room for the widest window and 10 steps after it.
T0_MIN, T0_MAX = TAU_MAX, SERIES_LENGTH - TAU_MAX - 11
N_RANDOM = 200  # random reorderings drawn for the histogram
CHART = {"displayModeBar": False}
SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class TextKnobs:
    """Settings of the language model that scores the learner's sentence."""

    unit: str
    order: int
    seed: int


@dataclass(frozen=True)
class SeriesKnobs:
    """Settings of the generated series and of AR(τ)."""

    tau: int
    k: int
    noise: float
    seed: int


@dataclass(frozen=True)
class Perturbation:
    t0: int
    delta: float


@st.cache_data(max_entries=128, show_spinner=False)
def compute_order(text: str, unit: str, order: int, seed: int) -> OrderStudy:
    """The page's call into core for section 1: the sentence, one shuffle and many random orders."""
    return order_study(text, unit, order, seed, n_random=N_RANDOM, max_tokens=MAX_TOKENS - 2)  # type: ignore[arg-type]


@st.cache_data(max_entries=128, show_spinner=False)
def compute_series(tau: int, k: int, noise: float, seed: int) -> SeriesStudy:
    """The page's call into core for sections 2–3: the series, AR(τ), the RNN and their errors."""
    return series_study(tau, k, noise, seed)


@st.cache_data(max_entries=128, show_spinner=False)
def compute_impulse(tau: int, k: int, noise: float, seed: int, t0: int, delta: float) -> ImpulseResponse:
    """Section 4: both models' predictions after x_t0 moves by δ (reuses the cached study)."""
    study = compute_series(tau, k, noise, seed)
    return impulse_response(study.ar, study.rnn, study.x, t0, delta)


def sci(log10_value: float) -> str:
    """10^x as 'm × 10^e', readable far below what a float can hold."""
    if not math.isfinite(log10_value):
        return "0"
    e = math.floor(log10_value)
    m = 10 ** (log10_value - e)
    if m >= 9.995:
        m, e = 1.0, e + 1
    if -3 <= e <= 3:
        return f"{10 ** log10_value:.4g}"
    return f"{m:.2f} × 10{str(e).translate(SUPERSCRIPT)}"


# --- 1. order matters ----------------------------------------------------------------------------


def text_settings() -> TextKnobs:
    # Labels are looked up now, in this run's language: a format_func that calls t() later
    # (AppTest does) would not know the session's language.
    units = {v: t(f"sd.unit.{v}") for v in ("word", "char")}
    unit = st.radio(t("sd.unit"), list(units), horizontal=True, help=t("sd.unit.help"),
                    format_func=units.__getitem__, **kept("sd_unit", "word"))
    orders = {n: t("sd.order.iid") if n == 1 else str(n) for n in range(1, MAX_ORDER + 1)}
    order = st.select_slider(t("sd.order"), list(orders), help=t("sd.order.help"),
                             format_func=orders.__getitem__, **kept("sd_order", 2))
    seed = st.number_input(t("sd.shuffle_seed"), 0, 9999, help=t("sd.shuffle_seed.help"),
                           **kept("sd_shuffle_seed", 0))
    return TextKnobs(unit, int(order), int(seed))


def pick_sentence(sentences: list[str]) -> str:
    if len(sentences) == 1:
        return sentences[0]
    if st.session_state.get("sd_sentence", 1) > len(sentences):
        st.session_state["sd_sentence"] = 1
    i = st.selectbox(t("sd.pick"), range(1, len(sentences) + 1), **kept("sd_sentence", 1))
    return sentences[i - 1]


def factor_line(name: str, step: Step) -> str:
    """One factor as text for st.code (which shows the learner's tokens escaped)."""
    context = " ".join(step.context)
    given = f" | {context}" if context else ""
    return f"{name:<12} P({step.token}{given}) = {step.p:.4g}"


def order_section(sentences: list[str], knobs: TextKnobs) -> None:
    text = pick_sentence(sentences)
    study = compute_order(text, **asdict(knobs))
    report_token_caps([study.dropped], MAX_TOKENS)
    st.caption(t("sd.chain.model", unit=t(f"sd.unit.{study.unit}"), n=study.order,
                 sentences=study.corpus_sentences, v=study.vocab_size))
    if study.unknown:
        st.markdown(t("sd.chain.unknown"))
        st.code("  ".join(study.unknown), language=None)

    ln10 = math.log(10)
    yours, shuffled = study.original.log_p / ln10, study.shuffled.log_p / ln10
    c1, c2, c3 = st.columns(3)
    c1.metric(t("sd.chain.p_yours"), sci(yours))
    c2.metric(t("sd.chain.p_shuffled"), sci(shuffled))
    c3.metric(t("sd.chain.ratio"), t("sd.chain.times", x=sci(yours - shuffled)))
    names = (t("sd.chain.yours"), t("sd.chain.shuffled"))
    st.code(f"{names[0]:<12} {' '.join(study.original.tokens)}\n"
            f"{names[1]:<12} {' '.join(study.shuffled.tokens)}", language=None)
    if not study.can_shuffle:
        st.info(t("sd.chain.no_shuffle"))
    elif study.order == 1:
        st.info(t("sd.chain.iid"))
    if len(study.random_log_p) and study.can_shuffle:
        st.markdown(t("sd.chain.beaten", n=len(study.random_log_p), share=study.share_beaten))

    st.markdown(t("sd.chain.steps"))
    n = len(study.original.steps)

    def render(step: int) -> None:
        mine, theirs = study.original.steps[step - 1], study.shuffled.steps[step - 1]
        st.markdown(t("sd.chain.factor", t=step, n=n))
        st.code(f"{factor_line(names[0], mine)}\n{factor_line(names[1], theirs)}", language=None)
        st.plotly_chart(figs.factor_strip(study.original, study.shuffled, step, names, t("sd.chain.strip")),
                        key="sd_strip", config=CHART)
        left, right = st.columns(2)
        left.plotly_chart(figs.next_token_bars(mine, t("sd.chain.bars_yours"), figs.YOURS),
                          key="sd_bars", config=CHART)
        right.plotly_chart(figs.next_token_bars(theirs, t("sd.chain.bars_shuffled"), figs.SHUFFLED),
                           key="sd_bars_shuffled", config=CHART)
        st.plotly_chart(figs.running_log_prob(study.original, study.shuffled, step, names,
                                              t("sd.chain.running")),
                        key="sd_running", config=CHART)

    step_player(n, render, key="sd_step")
    if len(study.random_log_p) and study.can_shuffle:
        st.plotly_chart(figs.shuffle_histogram(
            study.random_log_p, study.original.log_p, study.shuffled.log_p,
            (*names, t("sd.chain.random")), t("sd.chain.hist", n=len(study.random_log_p))),
            key="sd_hist", config=CHART)


# --- 2. AR(τ) ------------------------------------------------------------------------------------


def series_settings() -> SeriesKnobs:
    c1, c2, c3, c4 = st.columns(4)
    taus = {n: t("sd.ar.tau.markov") if n == 1 else str(n) for n in range(1, TAU_MAX + 1)}
    tau = c1.select_slider(t("sd.ar.tau"), list(taus), format_func=taus.__getitem__, **kept("sd_tau", 4))
    k = c2.slider(t("sd.ar.k"), 1, K_MAX, **kept("sd_k", 8))
    noise = c3.select_slider(t("sd.ar.noise"), NOISE_LEVELS, **kept("sd_noise", 0.2))
    seed = c4.number_input(t("sd.ar.seed"), 0, 9999, help=t("sd.ar.seed.help"), **kept("sd_seed", 0))
    return SeriesKnobs(int(tau), int(k), float(noise), int(seed))


def ar_equation(study: SeriesStudy) -> str:
    w = study.ar.w
    terms = [f"{w[i - 1]:+.3f}\\,x_{{t-{i}}}" for i in range(1, len(w) + 1)]
    if len(terms) > 6:
        terms = [*terms[:3], r"\cdots", terms[-1]]
    return rf"\hat x_t = {study.ar.b:.3f} " + " ".join(terms)


def ar_section(study: SeriesStudy) -> None:
    tau, k = study.ar.tau, study.k
    st.markdown(t("sd.ar.fitted", tau=tau))
    st.latex(ar_equation(study))
    torch_badge("nn.Conv1d", study.conv_max_diff)
    if tau == 1:
        st.info(t("sd.ar.markov"))
    labels = {
        "ar_title": t("sd.ar.fig.ar", tau=tau), "rnn_title": t("sd.ar.fig.rnn"),
        "data": t("sd.ar.fig.data"), "test": t("sd.ar.fig.test"),
        "one_1": t("sd.ar.fig.ar_one"), "k_1": t("sd.ar.fig.ar_k", k=k),
        "one_2": t("sd.ar.fig.rnn_one"), "k_2": t("sd.ar.fig.rnn_k", k=k),
    }
    st.plotly_chart(figs.series_predictions(study, labels), key="sd_series", config=CHART)
    st.plotly_chart(figs.error_by_k(study, {
        "title": t("sd.ar.err.title"), "ar": f"AR({tau})", "rnn": f"RNN (H = {study.rnn.hidden})",
        "floor": t("sd.ar.err.floor", s=study.noise),
    }), key="sd_err_k", config=CHART)
    st.markdown(t("sd.ar.summary", tau=tau, one=study.ar_rmse_by_k[0], kk=study.ar_rmse_by_k[k - 1], k=k,
                  noise=study.noise))


# --- 3. latent autoregression ------------------------------------------------------------------------


def latent_section(study: SeriesStudy) -> None:
    st.latex(r"h_t = \tanh(W_{xh} x_t + b_{xh} + W_{hh} h_{t-1} + b_{hh}),\quad h_{-1} = 0,\quad"
             r"\hat x_{t+1} = v^\top h_t + c")
    torch_badge("nn.RNN", study.rnn.torch_max_diff)
    st.plotly_chart(figs.hidden_states(study.rnn.h, study.x, {
        "title": t("sd.latent.states", h=study.rnn.hidden), "unit": t("sd.latent.unit"),
    }), key="sd_states", config=CHART)
    st.plotly_chart(figs.error_by_tau(study, {
        "title": t("sd.latent.tau_title"), "ar1": t("sd.latent.ar1"), "ark": t("sd.latent.ark", k=study.k),
        "rnn1": t("sd.latent.rnn1"), "rnnk": t("sd.latent.rnnk", k=study.k),
    }), key="sd_err_tau", config=CHART)
    st.markdown(t("sd.latent.counts", tau=study.ar.tau, p=study.ar.tau + 1, r=study.rnn.hidden + 1))


# --- 4. finite against infinite response ----------------------------------------------------------


def perturbation_settings() -> Perturbation:
    c1, c2 = st.columns(2)
    t0 = c1.slider(t("sd.resp.t0"), T0_MIN, T0_MAX, **kept("sd_t0", 200))
    delta = c2.select_slider(t("sd.resp.delta"), DELTAS, **kept("sd_delta", 1.0))
    return Perturbation(int(t0), float(delta))


def response_section(series: SeriesKnobs, p: Perturbation) -> None:
    resp = compute_impulse(**asdict(series), **asdict(p))
    tau = series.tau
    if p.delta == 0:
        st.info(t("sd.resp.zero"))
    st.plotly_chart(figs.impulse(resp, tau, {
        "title": t("sd.resp.fig.title"), "linear": t("sd.resp.fig.linear"), "log": t("sd.resp.fig.log"),
        "ar": f"AR({tau})", "rnn": f"RNN (H = {HIDDEN})", "window": t("sd.resp.fig.window", tau=tau),
    }), key="sd_impulse", config=CHART)
    last = resp.last_ar_change()
    if p.delta != 0 and last is not None:
        end = len(resp.rnn) - 1
        far = min(tau + 10, end - p.t0)
        st.markdown(t("sd.resp.summary", tau=tau, last=last, offset=last - p.t0, far=far,
                      far_value=abs(resp.rnn[p.t0 + far]), end=end, end_value=abs(resp.rnn[end])))


def main() -> None:
    st.title(t("page.sequence_data.title"))
    st.markdown(t("sd.intro"))

    st.subheader(t("sd.chain.title"))
    st.markdown(t("sd.chain.body"))
    st.latex(r"P(x_1, \ldots, x_T) = \prod_{t=1}^{T+1} P(x_t \mid x_1, \ldots, x_{t-1}),"
             r"\qquad x_{T+1} = \langle\mathrm{eos}\rangle")
    left, right = st.columns([3, 2], gap="large")
    with left:
        sentences = text_input()
    with right, st.expander(t("sd.settings"), expanded=True):
        text_knobs = text_settings()
    if sentences:
        order_section(sentences, text_knobs)

    st.subheader(t("sd.ar.title"))
    st.markdown(t("sd.ar.body"))
    series = series_settings()
    study = compute_series(**asdict(series))
    ar_section(study)

    st.subheader(t("sd.latent.title"))
    st.markdown(t("sd.latent.body"))
    latent_section(study)

    st.subheader(t("sd.resp.title"))
    st.markdown(t("sd.resp.body"))
    response_section(series, perturbation_settings())


main()
