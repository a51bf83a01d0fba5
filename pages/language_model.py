"""Language model (C9, C10): next-token probabilities, sentence probability, sampling, live training."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core import lm
from core.lm import LanguageModel, SampleTrace, TextScore
from ui import figures_language_model as figs
from ui.i18n import current_lang, t
from ui.shell import ensure_shell
from ui.training import ask, asked, run_live, stop_reason, trained
from ui.widgets import kept, report_token_caps, step_player, text_input, torch_badge

ensure_shell()

SHOWN = dict(config={"displayModeBar": False})
LANGS = ("ko", "en")
LANG_NAMES = {"ko": "한국어", "en": "English"}  # each language in its own script, as in the shell
TOP_K_CHOICES = (1, 2, 3, 5, 10, 20, 50, 0)  # 0: no top-k
STEP_CHOICES = (50, 100, 200, 300, 400, 600)
SECOND_CHOICES = (5, 10, 15, 20)
BARS = 8  # candidates shown per step
OWN_EXAMPLE = {
    "ko": "나는 고양이를 좋아한다.\n고양이는 창가에서 잠을 잔다.\n나는 고양이에게 밥을 준다.\n"
          "고양이는 밥을 먹고 다시 잠을 잔다.",
    "en": "I like my cat.\nMy cat sleeps by the window.\nI give my cat some food.\n"
          "My cat eats the food and sleeps again.",
}


@dataclass(frozen=True)
class Knobs:
    """The page's settings."""

    lang: str
    cell: str


@st.cache_resource(show_spinner=False)
def shipped(lang: str, cell: str, level: str = "char") -> LanguageModel:
    """A shipped model: float64, eval mode, frozen; shared by every visitor, never trained."""
    return lm.load_model(lang, cell, level)  # type: ignore[arg-type]


@st.cache_data(max_entries=128, show_spinner=False)
def scored(text: str, lang: str, cell: str, level: str = "char") -> TextScore:
    """The page's call into core: every next-token distribution along the text."""
    return lm.score_text(shipped(lang, cell, level), text)


@st.cache_data(max_entries=128, show_spinner=False)
def generated(lang: str, cell: str, temperature: float, top_k: int, seed: int, max_tokens: int,
              prefix: str) -> SampleTrace:
    return lm.sample(shipped(lang, cell), temperature=temperature, top_k=top_k or None, seed=seed,
                     max_tokens=max_tokens, prefix=prefix)



def joined(tokens: list[str] | tuple[str, ...], level: str) -> str:
    return (" " if level == "word" else "").join(tokens)


# --- settings ------------------------------------------------------------------------------------
def settings() -> Knobs:
    lang = st.radio(t("lm.lang"), LANGS, horizontal=True, help=t("lm.lang.help"),
                    format_func=LANG_NAMES.__getitem__, **kept("lm_lang", current_lang()))
    cell = st.radio(t("lm.cell"), tuple(lm.CELLS), horizontal=True, help=t("lm.cell.help"),
                    format_func=lambda v: v.upper(), **kept("lm_cell", "lstm"))
    return Knobs(lang, cell)


# --- probabilities along the text ----------------------------------------------------------------
def along_section(score: TextScore, knobs: Knobs) -> None:
    st.subheader(t("lm.along.title"))
    st.markdown(t("lm.along.body"))
    torch_badge("nn.CrossEntropyLoss", score.torch_diff)
    if score.dropped:
        report_token_caps([score.dropped], lm.MAX_SCORE_TOKENS)
    n_unk = int(score.unknown.sum())
    if n_unk:
        st.warning(t("lm.along.unknown", n=n_unk, steps=len(score.tokens)))
    log10 = score.log_prob / math.log(10)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("lm.along.steps"), score.steps)
    c2.metric(t("lm.along.log10"), f"{log10:.2f}")
    c3.metric(t("lm.along.ppl"), f"{score.perplexity:.2f}")
    st.latex(rf"P(x_1 \dots x_{{{len(score.tokens)}}}) = \prod_{{t=1}}^{{{score.steps}}} "
             rf"P(x_t \mid x_{{<t}}) = 10^{{{log10:.2f}}}, \quad "
             rf"\mathrm{{PPL}} = P^{{-1/{score.steps}}} = {score.perplexity:.2f}")
    st.caption(t("lm.along.ppl.help"))
    shown = [*score.tokens, "<eos>"]

    def render(step: int) -> None:
        i = step - 1
        prefix = joined(list(score.tokens[:i]), "char")
        nxt = shown[i]
        c1, c2 = st.columns([3, 1])
        c1.markdown(t("lm.along.prefix", t=step))
        c1.code("<bos>" + prefix, language=None)
        c2.markdown(t("lm.along.next"))
        c2.code(nxt, language=None)
        st.markdown(t("lm.along.factor", t=step, p=float(score.factors[i])))
        st.plotly_chart(figs.next_token_bars(score.top(i, BARS), nxt, float(score.factors[i]),
                                             t("lm.along.bars", t=step), t("lm.along.prob")),
                        key="lm_bars", **SHOWN)
        st.plotly_chart(figs.factor_strip(shown, score.factors, i, score.unknown,
                                          t("lm.along.strip"), t("lm.along.log_factor"),
                                          t("lm.along.running")),
                        key="lm_strip", **SHOWN)

    step_player(score.steps, render, key="lm_step")


# --- sampling ------------------------------------------------------------------------------------
def sampling_knobs(prefix_key: str) -> tuple[float, int, int, int, str]:
    c1, c2 = st.columns(2)
    temperature = c1.slider(t("lm.sample.temperature"), 0.0, 2.0, step=0.1,
                            help=t("lm.sample.temperature.help"), **kept("lm_temp", 0.8))
    top_k = c2.select_slider(t("lm.sample.top_k"), TOP_K_CHOICES, help=t("lm.sample.top_k.help"),
                             format_func=lambda v: str(v) if v else "∞",
                             **kept("lm_top_k", 10))
    c3, c4, c5 = st.columns([2, 1, 2])
    max_len = c3.slider(t("lm.sample.max_len"), 5, lm.MAX_SAMPLE_TOKENS, **kept("lm_max_len", 60))
    seed = c4.number_input(t("lm.sample.seed"), 0, 9999, **kept("lm_seed", 0))
    prefix = c5.text_input(t("lm.sample.prefix"), max_chars=20, help=t("lm.sample.prefix.help"),
                           **kept(prefix_key, ""))
    return float(temperature), int(top_k), int(max_len), int(seed), prefix or ""


def show_sample(trace: SampleTrace, player_key: str) -> None:
    st.code(trace.text() or " ", language=None)
    st.caption(t(f"lm.sample.ended.{trace.ended}", n=len(trace.tokens)))
    chosen_p = [float(row[i]) for row, i in zip(trace.drawn_from, trace.ids, strict=True)]
    names = (t("lm.sample.model_dist"), t("lm.sample.drawn_dist"))

    def render(step: int) -> None:
        i = step - 1
        st.plotly_chart(figs.generated_strip(trace.tokens, chosen_p, step, t("lm.sample.strip")),
                        key=f"{player_key}_strip", **SHOWN)
        st.markdown(t("lm.sample.token", t=step, p=chosen_p[i], q=float(trace.model_probs[i, trace.ids[i]])))
        st.code(trace.tokens[i], language=None)
        st.plotly_chart(figs.sample_bars(trace.model_probs[i], trace.drawn_from[i], trace.ids[i],
                                         trace.itos, t("lm.sample.bars", t=step), names),
                        key=f"{player_key}_bars", **SHOWN)

    step_player(len(trace.tokens), render, key=player_key, bind_query=False)


def sampling_section(knobs: Knobs) -> None:
    st.subheader(t("lm.sample.title"))
    st.markdown(t("lm.sample.body"))
    temperature, top_k, max_len, seed, prefix = sampling_knobs("lm_prefix")
    trace = generated(knobs.lang, knobs.cell, temperature, top_k, seed, max_len, prefix)
    if prefix and trace.prefix and any(tok not in shipped(knobs.lang, knobs.cell).vocab
                                       for tok in trace.prefix):
        st.warning(t("lm.sample.prefix_unknown"))
    show_sample(trace, "lm_gen")


# --- live training -------------------------------------------------------------------------------
def own_section(knobs: Knobs) -> None:
    st.subheader(t("lm.own.title"))
    st.markdown(t("lm.own.body"))
    st.caption(t("lm.own.caps", chars=lm.LIVE_MAX_CHARS, min=lm.LIVE_MIN_CHARS,
                 steps=lm.LIVE_MAX_STEPS, seconds=int(lm.LIVE_MAX_SECONDS), H=lm.LIVE_SIZE["H"]))
    raw = st.text_area(t("lm.own.text"), height=140, max_chars=lm.LIVE_MAX_CHARS,
                       **kept("lm_corpus", OWN_EXAMPLE[knobs.lang]))
    prepared = lm.prepare_training_text(raw or "")
    if prepared.cut_chars:
        st.warning(t("lm.own.cut", cap=lm.LIVE_MAX_CHARS, n=prepared.cut_chars))
    elif len(raw or "") >= lm.LIVE_MAX_CHARS:  # the box itself stops at the cap (max_chars)
        st.warning(t("lm.own.at_cap", cap=lm.LIVE_MAX_CHARS))
    c1, c2, c3 = st.columns(3)
    cell = c1.radio(t("lm.cell"), tuple(lm.CELLS), horizontal=True, format_func=lambda v: v.upper(),
                    **kept("lm_own_cell", "gru"))
    steps = c2.select_slider(t("lm.own.steps"), STEP_CHOICES, **kept("lm_own_steps", 300))
    seconds = c3.select_slider(t("lm.own.seconds"), SECOND_CHOICES, **kept("lm_own_seconds", 10))
    if prepared.problem == "empty":
        st.info(t("lm.own.empty"), icon=":material/info:")
    elif prepared.problem == "too_short":
        st.warning(t("lm.own.too_short", n=prepared.characters, min=lm.LIVE_MIN_CHARS))
    else:
        st.caption(t("lm.own.ready", n=prepared.characters, lines=len(prepared.lines)))
        st.button(t("lm.train"), key="lm_train", icon=":material/model_training:",
                  type="primary", on_click=ask, args=("lm_train",))
    if asked("lm_train") and not prepared.problem:
        run_live("lm_run", lambda report: lm.train_char_lm(
            raw, cell=cell, steps=int(steps), seconds=float(seconds), seed=0, on_progress=report))
    result = trained("lm_run")
    if result is None:
        st.info(t("lm.own.none"), icon=":material/info:")
        return
    st.caption(stop_reason(result))
    metrics = result.final_metrics
    if "train_ce" in metrics:
        st.markdown(t("lm.own.fit", ce=metrics["train_ce"], ppl=math.exp(min(metrics["train_ce"], 50)),
                      v=len(result.model.itos)))
    st.markdown(t("lm.own.samples"))
    temperature = float(st.session_state.get("lm_temp", 0.8))
    top_k = int(st.session_state.get("lm_top_k", 10))
    st.caption(t("lm.own.samples.knobs", temp=temperature, k=top_k or "—"))
    for s in range(3):
        out = lm.sample(result.model, temperature=temperature, top_k=top_k or None, seed=s,
                        max_tokens=lm.LIVE_WINDOW)
        st.code(out.text() or " ", language=None)


# --- characters against words --------------------------------------------------------------------
def units_section(line: str, knobs: Knobs) -> None:
    st.subheader(t("lm.units.title"))
    st.markdown(t("lm.units.body"))
    char = scored(line, knobs.lang, "lstm", "char")
    word = scored(line, knobs.lang, "lstm", "word")
    n_chars = len(char.tokens) + 1
    rows = []
    for name, s in ((t("lm.units.char"), char), (t("lm.units.word"), word)):
        rows.append((name, s.steps, int(s.unknown.sum()), s.log_prob / math.log(10),
                     -s.log_prob / n_chars))
    st.dataframe(pd.DataFrame({
        t("lm.units.model"): [r[0] for r in rows],
        t("lm.units.steps"): [r[1] for r in rows],
        t("lm.units.unk"): [r[2] for r in rows],
        t("lm.units.log10"): [f"{r[3]:.2f}" for r in rows],
        t("lm.units.npc"): [f"{r[4]:.3f}" for r in rows],
    }), hide_index=True)
    st.markdown(t("lm.units.word_tokens"))
    shown = [tok if not unk else f"{tok}→<unk>" for tok, unk in zip(word.tokens, word.unknown,
                                                                     strict=True)]
    st.code("  ".join(shown) or " ", language=None)
    if word.unknown.any():
        st.warning(t("lm.units.has_unk", n=int(word.unknown.sum())))
    else:
        st.info(t("lm.units.no_unk"), icon=":material/info:")
    st.plotly_chart(figs.factor_strip([*word.tokens, "<eos>"], word.factors, None, word.unknown,
                                      t("lm.units.strip"), t("lm.along.log_factor"),
                                      t("lm.along.running")), key="lm_word_strip", **SHOWN)
    st.plotly_chart(figs.per_step_compare([(r[0], r[1], r[4]) for r in rows], t("lm.units.compare"),
                                          t("lm.units.npc")), key="lm_units_compare", **SHOWN)
    st.markdown(t("lm.units.after"))


def main() -> None:
    st.title(t("page.language_model.title"))
    st.markdown(t("lm.intro"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        lines = text_input()
    with right, st.expander(t("lm.settings"), expanded=True):
        knobs = settings()
    if lines:
        i = 0
        if len(lines) > 1:
            if st.session_state.get("lm_line", 0) >= len(lines):
                st.session_state["lm_line"] = 0
            i = st.selectbox(t("lm.line"), range(len(lines)), format_func=lambda k: str(k + 1),
                             **kept("lm_line", 0))
        line = lines[int(i)]
        score = scored(line, knobs.lang, knobs.cell)
        if not np.isfinite(score.probs).all():
            st.error(t("lm.along.not_finite"))
        else:
            along_section(score, knobs)
    sampling_section(knobs)
    own_section(knobs)
    if lines:
        units_section(line, knobs)


main()
