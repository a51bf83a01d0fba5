"""Text → tensors (C5): tokens, vocabulary, integer ids, one-hot rows and the embedding lookup."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import pandas as pd
import streamlit as st

from core.text import (
    MAX_TOKENS,
    SPECIALS,
    TextTensors,
    TokenizerSpec,
    UnkCount,
    embedding_max_diff,
    sample_corpus,
    text_to_tensors,
    unknown_by_tokenizer,
)
from ui import figures
from ui.i18n import t
from ui.shell import ensure_shell
from ui.widgets import kept, report_token_caps, step_player, text_input, torch_badge

ensure_shell()

UNIT_SPECS = {
    "word": TokenizerSpec("word"),
    "char": TokenizerSpec("char"),
    "jamo": TokenizerSpec("char", jamo=True),
}
VOCAB_CAPS = (5, 8, 10, 15, 20, 30, 50, 100, 200, None)  # None: no cap


@dataclass(frozen=True)
class Knobs:
    """The page's settings."""

    level: str
    jamo: bool
    lowercase: bool
    source: str
    max_vocab: int | None
    d: int
    seed: int
    bos_eos: bool


@st.cache_data(max_entries=128, show_spinner=False)
def compute(
    sentences: tuple[str, ...], level: str, jamo: bool, lowercase: bool, source: str,
    max_vocab: int | None, d: int, seed: int, bos_eos: bool,
) -> tuple[TextTensors, float, tuple[UnkCount, ...]]:
    """The page's one call into core: tensors, the check against nn.Embedding, the <unk> table."""
    spec = TokenizerSpec(level, jamo=jamo and level == "char", lowercase=lowercase)  # type: ignore[arg-type]
    tt = text_to_tensors(sentences, spec, vocab_source=source, max_vocab=max_vocab, d=d, seed=seed,
                         add_bos=bos_eos, add_eos=bos_eos, max_tokens=MAX_TOKENS)
    lowered = tuple(TokenizerSpec(s.level, s.jamo, lowercase) for s in UNIT_SPECS.values())
    room = MAX_TOKENS - 2 * int(bos_eos)
    return tt, embedding_max_diff(tt), unknown_by_tokenizer(sentences, lowered, max_tokens=room)


def settings() -> Knobs:
    """The knobs, in a column beside the text box; their values survive page switches.

    Option labels are looked up once here: a ``format_func`` that calls ``t()`` later (AppTest
    does, outside the script run) would see the default language."""
    levels = {v: t(f"tt.level.{v}") for v in ("word", "char")}
    sources = {v: t(f"tt.source.{v}", n=len(sample_corpus())) for v in ("own", "corpus")}
    no_cap = t("tt.max_vocab.none")
    level = st.radio(t("tt.level"), ["word", "char"], horizontal=True, help=t("tt.level.help"),
                     format_func=levels.__getitem__, **kept("tt_level", "word"))
    jamo = st.toggle(t("tt.jamo"), help=t("tt.jamo.help"), disabled=level != "char",
                     **kept("tt_jamo", False))
    lowercase = st.toggle(t("tt.lowercase"), **kept("tt_lower", False))
    source = st.radio(t("tt.source"), ["own", "corpus"], horizontal=True, help=t("tt.source.help"),
                      format_func=sources.__getitem__,
                      **kept("tt_source", "own"))
    cap = st.select_slider(t("tt.max_vocab"), VOCAB_CAPS, help=t("tt.max_vocab.help"),
                           format_func=lambda v: no_cap if v is None else str(v),
                           **kept("tt_cap", None))
    bos_eos = st.toggle(t("tt.bos_eos"), **kept("tt_bos_eos", True))
    c1, c2 = st.columns(2)
    d = c1.number_input(t("tt.dim"), 2, 16, **kept("tt_dim", 4))
    seed = c2.number_input(t("tt.seed"), 0, 9999, help=t("tt.seed.help"), **kept("tt_seed", 0))
    return Knobs(level, jamo, lowercase, source, cap, int(d), int(seed), bos_eos)


def tokens_section(tt: TextTensors) -> None:
    st.subheader(t("tt.tokens.title"))
    st.markdown(t("tt.tokens.body"))
    for i, row in enumerate(tt.sentences, start=1):
        st.plotly_chart(figures.token_strip(row.tokens, row.ids, row.unk,
                                            title=t("tt.tokens.strip", i=i)),
                        key=f"strip_{i}", config={"displayModeBar": False})
    st.markdown(f"**{t('tt.tokens.lengths')}**")
    st.latex(r",\quad ".join(rf"T_x^{{({i})}} = {n}" for i, n in enumerate(tt.lengths, start=1)))


def vocab_section(tt: TextTensors) -> None:
    st.subheader(t("tt.vocab.title"))
    st.markdown(t("tt.vocab.body"))
    st.markdown(f"**{t('tt.vocab.size', n=len(tt.vocab))}**")
    counts = ["—" if i < len(SPECIALS) else str(n) for i, n in enumerate(tt.vocab.counts)]
    table = pd.DataFrame({"id": range(len(tt.vocab)), t("tt.vocab.token"): tt.vocab.itos,
                          t("tt.vocab.count"): counts})
    st.dataframe(table, hide_index=True, height=240)


def batch_section(tt: TextTensors) -> None:
    st.subheader(t("tt.batch.title"))
    st.markdown(t("tt.batch.body"))
    n, t_max = tt.batch.shape
    real = int(tt.mask.sum())
    st.markdown(t("tt.batch.shape", n=n, t=t_max, real=real, pad=n * t_max - real))
    st.plotly_chart(figures.batch_grid(tt.batch, tt.mask, tt.vocab.itos,
                                       [row.unk for row in tt.sentences], t("tt.batch.figure")),
                    key="batch", config={"displayModeBar": False})


def one_hot_section(tt: TextTensors, i: int) -> None:
    st.subheader(t("tt.onehot.title"))
    st.markdown(t("tt.onehot.body"))
    row = tt.sentences[i - 1]
    fig = figures.one_hot_grid(row.tokens, row.ids, tt.vocab.itos,
                               title=t("tt.onehot.figure", i=i, t=len(row.ids), v=len(tt.vocab)))
    st.plotly_chart(fig, key="onehot", config={"displayModeBar": False})
    shown = len(figures.shown_vocab_columns(row.ids, len(tt.vocab)))
    if shown < len(tt.vocab):
        st.caption(t("tt.onehot.hidden", n=len(tt.vocab) - shown))


def embedding_section(tt: TextTensors, i: int, diff: float) -> None:
    st.subheader(t("tt.embed.title"))
    st.markdown(t("tt.embed.body"))
    torch_badge("nn.Embedding", diff)
    row = tt.sentences[i - 1]

    def render(step: int) -> None:
        token, token_id = row.tokens[step - 1], int(row.ids[step - 1])
        vec = tt.E[token_id]
        c1, c2 = st.columns([1, 3])
        c1.markdown(t("tt.embed.token"))
        c1.code(figures.label(token) if token == " " else token, language=None)
        c2.markdown(t("tt.embed.now", t=step, id=token_id))
        numbers = r",\ ".join(f"{v:.3f}" for v in vec)
        c2.latex(rf"x^{{({i})\langle {step}\rangle}} \;\to\; e_{{{token_id}}}^\top E "
                 rf"= E[{token_id},:] = [\,{numbers}\,]")
        titles = (t("tt.embed.onehot"), t("tt.embed.matrix"), t("tt.embed.row"))
        st.plotly_chart(figures.embedding_lookup(token_id, tt.E, tt.vocab.itos, titles),
                        key="lookup", config={"displayModeBar": False})

    step_player(len(row.tokens), render, key="tt_step")
    vectors = tt.embedded[i - 1, : len(row.tokens)]
    st.plotly_chart(figures.embedding_growth(row.tokens, vectors, t("tt.embed.growth", i=i),
                                             t("tt.embed.play"), t("tt.embed.pause")),
                    key="growth", config={"displayModeBar": False})


def unknown_section(tt: TextTensors, counts: tuple[UnkCount, ...]) -> None:
    st.subheader(t("tt.unk.title"))
    st.markdown(t("tt.unk.body"))
    here = tt.unknown_tokens()
    if here:
        st.markdown(t("tt.unk.here"))
        st.code("  ".join(here), language=None)
    else:
        st.info(t("tt.unk.none_here"))
    units = [t("tt.level.word"), t("tt.level.char"), t("tt.unk.jamo")]
    st.dataframe(pd.DataFrame({
        t("tt.unk.unit"): units,
        t("tt.unk.vocab"): [c.vocab_size for c in counts],
        t("tt.unk.tokens"): [c.tokens for c in counts],
        t("tt.unk.unknown"): [c.unknown for c in counts],
        t("tt.unk.rate"): [f"{c.rate:.0%}" for c in counts],
        t("tt.unk.which"): ["  ".join(c.unknown_tokens) for c in counts],
    }), hide_index=True)


def main() -> None:
    st.title(t("page.text_tensors.title"))
    st.markdown(t("tt.intro"))
    left, right = st.columns([3, 2], gap="large")
    with left:
        sentences = text_input()
    with right, st.expander(t("tt.settings"), expanded=True):
        knobs = settings()
    if not sentences:
        return
    tt, diff, counts = compute(tuple(sentences), **asdict(knobs))
    report_token_caps([row.dropped for row in tt.sentences], MAX_TOKENS)
    if not any(len(row.tokens) for row in tt.sentences):
        st.info(t("input.no_tokens"))
        return

    tokens_section(tt)
    vocab_section(tt)
    batch_section(tt)
    i = 1
    if len(tt.sentences) > 1:
        if st.session_state.get("tt_sentence", 1) > len(tt.sentences):
            st.session_state["tt_sentence"] = 1
        i = st.selectbox(t("tt.onehot.pick"), range(1, len(tt.sentences) + 1),
                         **kept("tt_sentence", 1))
    one_hot_section(tt, i)
    embedding_section(tt, i, diff)
    unknown_section(tt, counts)


main()
