"""Encoder–decoder (C27–C30): a trained toy Transformer writes numbers out in words, one token at a
time from <bos>; causal mask, cross-attention, teacher forcing, and an RNN seq2seq beside it."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from core.attention import causal_mask
from core.seq2seq import (
    MAX_DIGITS,
    MAX_OUTPUT,
    MAX_SOURCE_CHARS,
    TARGET_VOCAB,
    TRAIN_MAX,
    ParsedSource,
    Seq2SeqGRU,
    Seq2SeqLab,
    Seq2SeqTransformer,
    cost_curve,
    load_models,
    parse_source,
    seq2seq_lab,
)
from core.text import EOS
from ui import figures_encoder_decoder as fig_ed
from ui.i18n import current_lang, t
from ui.shell import ensure_shell
from ui.widgets import kept, step_player, torch_badge

ensure_shell()

DEFAULT_SOURCE = "307"
COST_WIDTHS = (16, 32, 64, 128, 256, 512)
NO_PLOT_BAR = {"displayModeBar": False}


@dataclass(frozen=True)
class Knobs:
    """The page's settings."""

    raw: str  # the learner's source text, as typed
    lang: str  # the target language: "ko" or "en" (the UI language when the knob says so)
    layer: int  # decoder layer whose attention is drawn, 1-based


@st.cache_resource(show_spinner=False)
def shipped_models() -> tuple[Seq2SeqTransformer, Seq2SeqGRU, dict[str, Any]]:
    """The shipped checkpoints, float64, eval mode, no gradients: shared read-only by everyone."""
    return load_models()


@st.cache_data(max_entries=128, show_spinner=False)
def compute(digits: str, lang: str) -> Seq2SeqLab:
    """The page's one call into core: both models on this source, traced and checked."""
    transformer, rnn, _ = shipped_models()
    return seq2seq_lab(transformer, rnn, digits, lang)  # type: ignore[arg-type]


def settings(n_layers: int) -> Knobs:
    """The source box and the knobs; their values survive page and language switches."""
    left, right = st.columns([3, 2], gap="large")
    with left:
        raw = st.text_input(t("ed.source"), help=t("ed.source.help"), max_chars=MAX_SOURCE_CHARS,
                            **kept("ed_source", DEFAULT_SOURCE))
        st.caption(t("ed.source.caps", digits=MAX_DIGITS, max=f"{TRAIN_MAX:,}", out=MAX_OUTPUT))
    with right:
        # Labels fixed in this run: a format_func that read the session later would not know it.
        names = {v: t(f"ed.lang.{v}") for v in ("auto", "ko", "en")}
        choice = st.radio(t("ed.lang"), list(names), horizontal=True, format_func=names.__getitem__,
                          help=t("ed.lang.help"), **kept("ed_lang", "auto"))
        layer = st.segmented_control(t("ed.layer"), list(range(1, n_layers + 1)),
                                     help=t("ed.layer.help"), required=True,
                                     **kept("ed_layer", 1))
    lang = current_lang() if choice == "auto" else choice
    return Knobs(raw or "", lang, int(layer or 1))


def visible(ch: str) -> str:
    """A refused character as the learner can see it: invisible ones by their code point."""
    return f"U+{ord(ch):04X}" if unicodedata.category(ch)[0] in "CZ" else ch


def report_source(parsed: ParsedSource) -> bool:
    """Say what was done to the learner's text; False when there is nothing to translate."""
    if parsed.problem == "empty":
        st.info(t("ed.src.empty"))
        return False
    if parsed.problem in ("not_digits", "korean_words"):
        st.error(t(f"ed.src.{parsed.problem}"))
        st.caption(t("ed.src.refused"))
        st.code(" ".join(visible(ch) for ch in parsed.bad_chars), language=None)
        return False
    if parsed.cut:
        st.warning(t("ed.src.cut", cap=MAX_DIGITS, n=parsed.cut))
    if parsed.separators:
        st.caption(t("ed.src.separators", n=parsed.separators))
    if parsed.leading_zeros:
        st.warning(t("ed.src.leading_zeros"))
    elif parsed.value is not None and parsed.value > TRAIN_MAX:
        st.warning(t("ed.src.beyond", max=f"{TRAIN_MAX:,}"))
    return True


def joined(words: tuple[str, ...], lang: str) -> str:
    """Words as a learner writes them: Korean syllables run together, English words spaced."""
    return ("" if lang == "ko" else " ").join(words) or "∅"


def answers_section(lab: Seq2SeqLab) -> None:
    st.subheader(t("ed.answer.title"))
    cols = st.columns(3)
    rows = (("ed.answer.transformer", lab.transformer.output),
            ("ed.answer.rnn", lab.rnn.output))
    for col, (key, ids) in zip(cols, rows, strict=False):
        col.markdown(f"**{t(key)}**")
        col.code(joined(lab.words(ids), lab.lang), language=None)
        if lab.right(ids):
            col.success(t("ed.answer.right"), icon=":material/check_circle:")
        elif ids[-1] != EOS:
            col.error(t("ed.answer.no_eos", n=MAX_OUTPUT), icon=":material/error:")
        else:
            col.error(t("ed.answer.wrong"), icon=":material/cancel:")
    cols[2].markdown(f"**{t('ed.answer.reference')}**")
    cols[2].code(joined(lab.reference, lab.lang), language=None)
    if lab.unknown_words:
        cols[2].warning(t("ed.answer.unknown_words", n=len(lab.unknown_words)))
        cols[2].code("  ".join(lab.unknown_words), language=None)


def encoder_section(lab: Seq2SeqLab) -> None:
    st.subheader(t("ed.enc.title"))
    st.markdown(t("ed.enc.body", S=len(lab.source_tokens)))
    st.plotly_chart(fig_ed.memory_heatmap(lab.source_tokens, lab.transformer.memory,
                                          t("ed.enc.figure", S=len(lab.source_tokens),
                                            d=lab.transformer.memory.shape[1])),
                    key="ed_memory", config=NO_PLOT_BAR)


def decoding_section(lab: Seq2SeqLab, layer: int) -> None:
    st.subheader(t("ed.dec.title"))
    st.markdown(t("ed.dec.body"))
    tr = lab.transformer
    torch_badge("nn.TransformerEncoderLayer / nn.TransformerDecoderLayer",
                max(tr.max_diff, lab.teacher.max_diff))
    n = len(tr.steps)
    inputs = TARGET_VOCAB.decode(tr.steps[-1].prefix)  # <bos> y_1 … y_{n-1}
    outputs = TARGET_VOCAB.decode(tr.output)
    S = len(lab.source_tokens)

    def render(k: int) -> None:
        step = tr.steps[k - 1]
        trace = step.layers[layer - 1]
        prefix = TARGET_VOCAB.decode(step.prefix)
        st.markdown(t("ed.step.first") if k == 1 else t("ed.step.k", k=k, prev=k - 1))
        left, right = st.columns([3, 2], gap="medium")
        with left:
            st.plotly_chart(fig_ed.decoding_strip(inputs, outputs, k,
                                                  (t("ed.strip.reads"), t("ed.strip.writes")),
                                                  t("ed.strip.title", k=k)),
                            key="ed_strip", config=NO_PLOT_BAR)
            st.markdown(t("ed.next.chosen", k=k, p=float(step.probs[step.token])))
            st.code(TARGET_VOCAB.itos[step.token], language=None)
            if k == n:
                st.markdown(t("ed.next.done") if tr.finished else t("ed.next.cap", n=MAX_OUTPUT))
        with right:
            st.plotly_chart(fig_ed.next_token_bars(step.probs, TARGET_VOCAB.itos, step.token,
                                                   t("ed.next.figure", k=k)),
                            key="ed_next", config=NO_PLOT_BAR)
        st.plotly_chart(fig_ed.attention_heads(
            trace.self_attention.weights, prefix, prefix, t("ed.self.figure", layer=layer, k=k),
            t("ed.head"), blocked=causal_mask(k).numpy(), current=k - 1),
            key="ed_self", config=NO_PLOT_BAR)
        st.caption(t("ed.self.caption", k=k))
        st.plotly_chart(fig_ed.attention_heads(
            trace.cross_attention.weights, prefix, lab.source_tokens,
            t("ed.cross.figure", layer=layer, k=k, S=S), t("ed.head"), current=k - 1),
            key="ed_cross", config=NO_PLOT_BAR)
        st.caption(t("ed.cross.caption", k=k, S=S))

    step_player(n, render, key="ed_step")


def teacher_section(lab: Seq2SeqLab) -> None:
    st.subheader(t("ed.tf.title"))
    st.markdown(t("ed.tf.body"))
    tf = lab.teacher
    n1 = len(tf.dec_in)
    right = tf.guesses == tf.targets
    st.plotly_chart(fig_ed.shifted_targets(
        TARGET_VOCAB.decode(tf.dec_in), TARGET_VOCAB.decode(tf.targets), tf.p_target, right,
        (t("ed.tf.row.input"), t("ed.tf.row.target"), t("ed.tf.row.p")),
        t("ed.tf.figure", n=n1), t("ed.tf.position")), key="ed_tf", config=NO_PLOT_BAR)
    st.latex(rf"\mathcal{{L}} = -\frac{{1}}{{{n1}}}\sum_{{j=1}}^{{{n1}}} \log p(y_j \mid "
             rf"y_{{<j}}, x) = {tf.loss:.4f}")
    st.markdown(t("ed.tf.passes", n=n1, steps=len(lab.transformer.steps)))
    if lab.unknown_words:
        st.warning(t("ed.tf.unknown"))


def rnn_section(lab: Seq2SeqLab, transformer: Seq2SeqTransformer) -> None:
    st.subheader(t("ed.rnn.title"))
    st.markdown(t("ed.rnn.body"))
    torch_badge("nn.GRU", lab.rnn.max_diff)
    r = lab.rnn
    st.plotly_chart(fig_ed.rnn_states(
        lab.source_tokens, r.encoder.h, TARGET_VOCAB.decode(r.decoder_in), r.decoder_h,
        (t("ed.rnn.enc", S=len(lab.source_tokens)), t("ed.rnn.dec", n=len(r.decoder_in)))),
        key="ed_rnn", config=NO_PLOT_BAR)

    st.markdown(f"#### {t('ed.cost.title')}")
    st.markdown(t("ed.cost.body"))
    c = lab.costs
    n_out = len(lab.transformer.steps)
    st.dataframe(pd.DataFrame({
        t("ed.cost.measure"): [t("ed.cost.enc_steps"), t("ed.cost.enc_macs"), t("ed.cost.dec_steps")],
        t("ed.cost.rnn"): [f"{c.rnn_steps}", f"{c.rnn_macs:,}", f"{len(r.decoder_in)}"],
        t("ed.cost.transformer"): [f"{c.transformer_steps}",
                                   f"{c.transformer_macs:,} ({c.attention_macs:,} + {c.linear_macs:,})",
                                   f"{n_out}"],
    }), hide_index=True)
    st.caption(t("ed.cost.caption", T=c.T, d=transformer.d_model,
                 L=len(transformer.encoder_layers), H=r.decoder_h.shape[1]))
    d = st.select_slider(t("ed.cost.d"), COST_WIDTHS, help=t("ed.cost.d.help"),
                         **kept("ed_cost_d", transformer.d_model))
    curve = cost_curve(max(64, 8 * d), d)
    names = {"rnn": t("ed.cost.line.rnn"), "attention": t("ed.cost.line.attention"),
             "layer": t("ed.cost.line.layer")}
    meet = 3 * d  # 6·T·d² = 2·T²·d
    st.plotly_chart(fig_ed.cost_chart(curve, c.T, names, t("ed.cost.figure", d=d),
                                      t("ed.cost.now", T=c.T), t("ed.cost.axis"),
                                      (meet, 6.0 * meet * d * d), t("ed.cost.meet", T=meet)),
                    key="ed_cost", config=NO_PLOT_BAR)
    st.markdown(t("ed.cost.crossover", d=d, T=meet))


def failures_section(metrics: dict[str, Any]) -> None:
    st.subheader(t("ed.fail.title"))
    tm, rm = metrics["transformer"], metrics["rnn"]
    st.markdown(t("ed.fail.body", max=f"{TRAIN_MAX:,}",
                  t_exact=100 * tm["held_out_exact_match"], r_exact=100 * rm["held_out_exact_match"],
                  t_five=100 * tm["five_digit_exact_match_en"],
                  r_five=100 * rm["five_digit_exact_match_en"]))


def main() -> None:
    st.title(t("page.encoder_decoder.title"))
    st.markdown(t("ed.intro"))
    transformer, _, metrics = shipped_models()
    knobs = settings(len(transformer.decoder_layers))
    parsed = parse_source(knobs.raw[:10_000])
    if report_source(parsed):
        lab = compute(parsed.digits, knobs.lang)
        answers_section(lab)
        encoder_section(lab)
        decoding_section(lab, knobs.layer)
        teacher_section(lab)
        rnn_section(lab, transformer)
    failures_section(metrics)


main()
