"""Self-attention (C22–C26): queries, keys and values of the learner's sentence, one number at a time.

The sentence goes through one seeded, untrained ``nn.TransformerEncoderLayer``: embeddings plus
positional encodings, one query stepped through q·k, ÷√d_k, softmax and the weighted sum of V,
every head at once, the multi-head pipeline with its shapes, residual + LayerNorm, the same word
in two contexts, and what a permutation does with and without positions.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass

import numpy as np
import pandas as pd
import streamlit as st

from core.attention import (
    PermutationCheck,
    SentenceAttention,
    SingleHeadTrace,
    attend_sentence,
    kdim_vdim_case,
    make_encoder_layer,
    permutation,
    permutation_check,
    residual_shape_error,
    scores_shape_error,
    sdpa_torch_gap,
    single_head_attention,
)
from core.text import TextTensors, TokenizerSpec, text_to_tensors
from ui import figures_self_attention as fsa
from ui.i18n import current_lang, t
from ui.shell import PAGES, ensure_shell
from ui.strings.self_attention import CONTEXT_PAIRS
from ui.widgets import kept, remember, report_token_caps, step_player, text_input, torch_badge

ensure_shell()

MAX_T = 24  # tokens a line: every head holds T × T weights, so the cost grows with T²
HEADS = (1, 2, 3, 4)
HEAD_DIMS = (2, 3, 4, 5, 6, 7, 8)
SUBSTEPS = (1, 2, 3, 4)  # q·k, ÷√d_k, softmax, weighted sum of V
KDIM, VDIM = 3, 5  # the key and value input widths of the kdim/vdim example
PAIR_KEYS = tuple(CONTEXT_PAIRS)
PAIR_SENTENCES = tuple(s for key in PAIR_KEYS for s in CONTEXT_PAIRS[key][:2])
DEFAULT_PAIR = {"ko": "bae", "en": "bank"}
NO_BAR = {"displayModeBar": False}


@dataclass(frozen=True)
class Knobs:
    """The page's settings; E = heads · d_k."""

    level: str
    heads: int
    d_k: int
    positional: bool
    seed: int


@st.cache_resource(max_entries=32, show_spinner=False)
def encoder(E: int, heads: int, seed: int):  # -> torch.nn.TransformerEncoderLayer
    """The page's seeded encoder layer, shared by every visitor: eval mode, read-only, never trained."""
    return make_encoder_layer(E, heads, 4 * E, seed=seed)


@st.cache_data(max_entries=64, show_spinner=False)
def compute(lines: tuple[str, ...], level: str, heads: int, d_k: int, positional: bool,
            seed: int) -> tuple[TextTensors, tuple[SentenceAttention | None, ...]]:
    """The page's one call into core: the learner's lines, then the built-in context pairs,
    embedded with one vocabulary and traced through one encoder layer (None for a line without tokens)."""
    E = heads * d_k
    tt = text_to_tensors(lines + PAIR_SENTENCES, TokenizerSpec(level), d=E, seed=seed,  # type: ignore[arg-type]
                         add_bos=False, add_eos=False, max_tokens=MAX_T)
    layer = encoder(E, heads, seed)
    runs = tuple(
        attend_sentence(layer, tt.embedded[i, : len(row.tokens)], positional=positional)
        if row.tokens else None
        for i, row in enumerate(tt.sentences)
    )
    return tt, runs


@st.cache_data(max_entries=64, show_spinner=False)
def compute_order(embedded: np.ndarray, perm: tuple[int, ...], heads: int,
                  seed: int) -> tuple[PermutationCheck, PermutationCheck]:
    """The permutation experiment without and with positional encoding."""
    mha = encoder(embedded.shape[1], heads, seed).self_attn
    return tuple(permutation_check(mha, embedded, list(perm), positional=p)  # type: ignore[return-value]
                 for p in (False, True))


@st.cache_data(max_entries=64, show_spinner=False)
def compute_single_head(x: np.ndarray, d_k: int, d_v: int, seed: int) -> tuple[SingleHeadTrace, float]:
    """One stand-alone head with its own widths on the layer's input, and its distance to PyTorch."""
    trace = single_head_attention(x, d_k, d_v, seed=seed)
    return trace, sdpa_torch_gap(trace)


def settings() -> Knobs:
    """The knobs, beside the text box; their values survive page and language switches."""
    level = st.radio(t("sa.level"), ["word", "char"], horizontal=True, **kept("sa_level", "word"),
                     format_func=labels({v: t(f"sa.level.{v}") for v in ("word", "char")}))
    c1, c2 = st.columns(2)
    heads = c1.select_slider(t("sa.heads"), HEADS, help=t("sa.heads.help"), **kept("sa_heads", 2))
    d_k = c2.select_slider(t("sa.dk"), HEAD_DIMS, help=t("sa.dk.help"), **kept("sa_dk", 4))
    st.caption(t("sa.E", h=heads, d_k=d_k, E=heads * d_k, ff=4 * heads * d_k))
    positional = st.toggle(t("sa.pe"), help=t("sa.pe.help"), **kept("sa_pe", True))
    seed = st.number_input(t("sa.seed"), 0, 9999, help=t("sa.seed.help"), **kept("sa_seed", 0))
    return Knobs(level, int(heads), int(d_k), bool(positional), int(seed))


def clamp_state(key: str, options: list | tuple, default: object) -> None:
    """Reset a kept widget whose stored value is no longer among its options (e.g. fewer heads)."""
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state[key] = default
        remember(key)


def labels(table: dict) -> Callable[[object], str]:
    """A format_func that only looks up labels made now, in this run's language (AppTest calls
    format_func again outside the script run, where the session's language is unknown)."""
    return lambda v: table[v]


def vec(v: np.ndarray, digits: int = 3) -> str:
    return "[" + ", ".join(f"{x:.{digits}f}" for x in v) + "]"


def tex_vec(v: np.ndarray) -> str:
    return r"[\," + r",\ ".join(f"{x:.3f}" for x in v) + r"\,]"


# --- 1. input -----------------------------------------------------------------------------------


def input_section(tokens: tuple[str, ...], run: SentenceAttention, knobs: Knobs) -> None:
    st.subheader(t("sa.input.title"))
    st.markdown(t("sa.input.body"))
    st.latex(r"PE_{(pos,\,2i)} = \sin\!\Big(\frac{pos}{10000^{2i/E}}\Big),\quad "
             r"PE_{(pos,\,2i+1)} = \cos\!\Big(\frac{pos}{10000^{2i/E}}\Big),\quad "
             r"X = \mathrm{Emb} + PE")
    titles = (t("sa.input.emb", T=len(tokens), E=run.x.shape[1]),
              t("sa.input.pe") if knobs.positional else t("sa.input.pe_off"),
              t("sa.input.x"))
    panels = [[(titles[0], run.embedded), (titles[1], run.pe), (titles[2], run.x)]]
    st.plotly_chart(fsa.matrices(tokens, panels), key="sa_input", config=NO_BAR)
    if not knobs.positional:
        st.info(t("sa.input.no_pe"))


# --- 2. one query, step by step; 3. every head ------------------------------------------------


def substep_table(tokens: tuple[str, ...], run: SentenceAttention, head: int, q: int,
                  sub: int) -> pd.DataFrame:
    """Key rows j with the numbers of every sub-step up to ``sub``: the table grows with the steps."""
    att = run.attention
    Q, K, V = att.Q[head, q], att.K[head], att.V[head]  # (d_k,), (T, d_k), (T, d_k)
    table: dict[str, list] = {"j": list(range(1, len(tokens) + 1)), t("sa.col.token"): list(tokens)}
    if sub == 1:
        table["k_j"] = [vec(k) for k in K]
        table[t("sa.col.products")] = [
            " + ".join(f"({a:.2f})({b:.2f})" for a, b in zip(Q, k, strict=True)) for k in K]
    table["q·k_j"] = [round(float(s), 6) for s in att.scores[head, q]]
    if sub >= 2:
        table["÷√d_k"] = [round(float(s), 6) for s in att.scaled[head, q]]
    if sub == 3:
        shifted = att.scaled[head, q] - att.scaled[head, q].max()
        table["exp(· − max)"] = [round(float(e), 6) for e in np.exp(shifted)]
    if sub >= 3:
        table["a_j"] = [round(float(w), 6) for w in att.weights[head, q]]
    if sub == 4:
        table["v_j"] = [vec(v) for v in V]
        table["a_j · v_j"] = [vec(w * v) for w, v in zip(att.weights[head, q], V, strict=True)]
    return pd.DataFrame(table)


def query_section(tokens: tuple[str, ...], run: SentenceAttention, knobs: Knobs) -> None:
    st.subheader(t("sa.query.title"))
    st.markdown(t("sa.query.body"))
    torch_badge("nn.MultiheadAttention", run.mha_gap)
    att = run.attention
    h, d_k = knobs.heads, knobs.d_k
    head_names = [t("sa.heads.head", i=c) for c in range(1, h + 1)]
    clamp_state("sa_head", list(range(1, h + 1)), 1)

    def render(step: int) -> None:
        q = step - 1
        c1, c2, c3 = st.columns([1.2, 1.2, 3], vertical_alignment="bottom")
        with c1:
            st.markdown(t("sa.query.now", t=step))
            st.code(tokens[q], language=None)
        head = 1
        if h > 1:
            head = c2.segmented_control(t("sa.head"), list(range(1, h + 1)), required=True,
                                        **kept("sa_head", 1)) or 1
        sub = c3.segmented_control(t("sa.sub"), SUBSTEPS, required=True, help=t("sa.sub.help"),
                                   format_func=labels({s: t(f"sa.sub.{s}") for s in SUBSTEPS}),
                                   **kept("sa_sub", 1)) or 1
        c = head - 1
        T = len(tokens)
        q_line = rf"q_{{{step}}} = x_{{{step}}} W_Q^{{({head})}} = {tex_vec(att.Q[c, q])},\quad d_k = {d_k}"
        if sub == 1:
            body = t("sa.sub1.body")
            formula = (rf"s_{{{step}j}} = q_{{{step}}} \cdot k_j = "
                       rf"\sum_{{m=1}}^{{{d_k}}} q_{{{step}m}}\,k_{{jm}} \qquad (j = 1 \dots {T})")
            fig = fsa.score_bars(tokens, q, att.scores[c, q], t("sa.sub1.figure", t=step))
        elif sub == 2:
            body = t("sa.sub2.body")
            formula = (rf"\tilde s_{{{step}j}} = \frac{{s_{{{step}j}}}}{{\sqrt{{d_k}}}} = "
                       rf"\frac{{s_{{{step}j}}}}{{\sqrt{{{d_k}}}}} = "
                       rf"\frac{{s_{{{step}j}}}}{{{np.sqrt(d_k):.4f}}}")
            fig = fsa.score_bars(tokens, q, att.scaled[c, q], t("sa.sub2.figure", t=step),
                                 ghost=att.scores[c, q], names=(t("sa.sub2.raw"), t("sa.sub2.scaled")))
        elif sub == 3:
            body = t("sa.sub3.body")
            total = float(att.weights[c, q].sum())
            formula = (rf"a_{{{step}j}} = \frac{{\exp(\tilde s_{{{step}j}})}}{{\sum_{{l=1}}^{{{T}}} "
                       rf"\exp(\tilde s_{{{step}l}})}},\qquad \sum_j a_{{{step}j}} = {total:.12f}")
            fig = fsa.softmax_bars(tokens, q, att.weights[c, q], t("sa.sub3.figure", t=step),
                                   t("sa.sub3.sum", total=f"{total:.6f}"))
        else:
            z = att.heads[c, q]
            body = t("sa.sub4.body")
            formula = rf"z_{{{step}}} = \sum_{{j=1}}^{{{T}}} a_{{{step}j}}\, v_j = {tex_vec(z)}"
            fig = fsa.weighted_values(tokens, q, att.weights[c, q], att.V[c], z,
                                      (t("sa.sub4.rows", t=step), t("sa.sub4.z", t=step)))
        st.markdown(body)
        # One LaTeX block and few charts per step: the fragment redraws all of it twice a second in Play.
        st.latex(rf"\begin{{gathered}} {q_line} \\[4pt] {formula} \end{{gathered}}")
        st.plotly_chart(fig, key="sa_substep", config=NO_BAR)
        st.dataframe(substep_table(tokens, run, c, q, sub), hide_index=True,
                     height=min(400, 38 + 35 * T))
        st.markdown(f"##### {t('sa.lines.heading', t=step)}")
        st.plotly_chart(fsa.line_view(tokens, att.weights, q, head_names, t("sa.lines.title", t=step)),
                        key="sa_lines", config=NO_BAR)
        st.caption(t("sa.lines.caption"))

    step_player(len(tokens), render, key="sa_step")

    st.subheader(t("sa.heads.title"))
    st.markdown(t("sa.heads.body"))
    st.plotly_chart(fsa.head_heatmaps(tokens, att.weights, None, head_names), key="sa_head_maps",
                    config=NO_BAR)


# --- 4. multi-head: shapes ----------------------------------------------------------------------


def multihead_section(tokens: tuple[str, ...], run: SentenceAttention, knobs: Knobs) -> None:
    st.subheader(t("sa.mh.title"))
    st.markdown(t("sa.mh.body"))
    T, E, h, d_k = len(tokens), run.x.shape[1], knobs.heads, knobs.d_k
    ops = {k: t(f"sa.mh.op.{k}") for k in ("proj", "split", "attend", "mix", "concat", "out", "addnorm")}
    st.plotly_chart(fsa.pipeline(T, E, h, d_k, ops), key="sa_pipeline", config=NO_BAR)
    att = run.attention
    shapes = [("X", att.query), ("W_Q, W_K, W_V", att.W_Q), ("Q", att.Q), ("K", att.K), ("V", att.V),
              ("Q Kᵀ / √d_k", att.scaled), ("A = softmax(·)", att.weights), ("A V", att.heads),
              ("concat", att.concat), ("W_O", att.W_O), ("MultiHead(X)", att.output)]
    st.dataframe(pd.DataFrame({t("sa.mh.array"): [n for n, _ in shapes],
                               t("sa.mh.shape"): [str(a.shape) for _, a in shapes]}),
                 hide_index=True, height=38 + 35 * len(shapes))
    st.caption(t("sa.mh.shapes_note"))

    st.markdown(f"##### {t('sa.dv.title')}")
    st.markdown(t("sa.dv.body"))
    c1, c2 = st.columns(2)
    lab_dk = c1.slider(t("sa.dv.dk"), 1, 8, **kept("sa_lab_dk", 2))
    lab_dv = c2.slider(t("sa.dv.dv"), 1, 8, **kept("sa_lab_dv", 5))
    trace, gap = compute_single_head(run.x, int(lab_dk), int(lab_dv), knobs.seed)
    torch_badge("F.scaled_dot_product_attention", gap)
    names = ("Q", "Kᵀ", "A", "V", "Z = A V")
    st.plotly_chart(fsa.single_head(tokens, trace.Q, trace.K, trace.weights, trace.V, trace.output, names),
                    key="sa_single_head", config=NO_BAR)
    st.markdown(t("sa.dv.result", T=T, dk=trace.d_k, dv=trace.d_v))
    if st.toggle(t("sa.dv.break"), **kept("sa_lab_break", False)):
        message = scores_shape_error(T, int(lab_dk), int(lab_dk) + 1)
        st.error(t("sa.dv.error", T=T, dk=int(lab_dk), dk2=int(lab_dk) + 1))
        st.code(message or "", language=None)

    with st.expander(t("sa.kv.title")):
        st.markdown(t("sa.kv.body", kdim=KDIM, vdim=VDIM))
        kv, kv_gap = kdim_vdim_case(run.x, h, KDIM, VDIM, seed=knobs.seed)
        torch_badge("nn.MultiheadAttention", kv_gap)
        rows = [("query", kv.query), ("key", kv.key), ("value", kv.value), ("W_Q", kv.W_Q),
                ("W_K", kv.W_K), ("W_V", kv.W_V), ("Q", kv.Q), ("K", kv.K), ("V", kv.V),
                ("A", kv.weights), ("output", kv.output)]
        st.dataframe(pd.DataFrame({t("sa.mh.array"): [n for n, _ in rows],
                                   t("sa.mh.shape"): [str(a.shape) for _, a in rows]}), hide_index=True)


# --- 5. residual + LayerNorm ------------------------------------------------------------------


def residual_section(tokens: tuple[str, ...], run: SentenceAttention) -> None:
    st.subheader(t("sa.res.title"))
    st.markdown(t("sa.res.body"))
    torch_badge("nn.TransformerEncoderLayer", run.layer_gap)
    L = run.layer
    panels = [
        [(t("sa.res.x"), L.x), (t("sa.res.attn"), L.attention.output), (t("sa.res.sum1"), L.residual1),
         (t("sa.res.norm1"), L.norm1)],
        [(t("sa.res.norm1"), L.norm1), (t("sa.res.ff"), L.ff_out), (t("sa.res.sum2"), L.residual2),
         (t("sa.res.norm2"), L.norm2)],
    ]
    st.plotly_chart(fsa.matrices(tokens, panels), key="sa_residual", config=NO_BAR)
    means, stds = L.norm1.mean(axis=1), L.norm1.std(axis=1)
    st.markdown(t("sa.res.stats", mean=f"{np.abs(means).max():.1e}", lo=f"{stds.min():.6f}",
                  hi=f"{stds.max():.6f}"))

    T, E = L.x.shape
    st.markdown(f"##### {t('sa.res.why.title')}")
    st.markdown(t("sa.res.why.body"))
    options = list(range(2, 2 * E + 1))
    if st.session_state.get("sa_wo_for") != E:  # a new model width: start from the width that fits
        st.session_state["sa_wo_for"] = E
        st.session_state["sa_wo_out"] = E
        remember("sa_wo_out")
    width = st.select_slider(t("sa.res.width"), options, **kept("sa_wo_out", E))
    message = residual_shape_error(T, E, int(width))
    if message is None:
        st.success(t("sa.res.fits", T=T, E=E))
    else:
        st.error(t("sa.res.fails", T=T, E=E, w=int(width)))
        st.code(message, language=None)


# --- 6. context -----------------------------------------------------------------------------------


def reset_context_word() -> None:
    remember("sa_ctx_pair")
    st.session_state.pop("sa_ctx_word", None)


def context_section(tt: TextTensors, runs: tuple[SentenceAttention | None, ...], n_lines: int) -> None:
    st.subheader(t("sa.ctx.title"))
    st.markdown(t("sa.ctx.body"))
    source = st.segmented_control(t("sa.ctx.source"), ["pair", "lines"], required=True,
                                  format_func=labels({v: t(f"sa.ctx.source.{v}") for v in ("pair", "lines")}),
                                  **kept("sa_ctx_source", "pair")) or "pair"
    preferred: str | None = None
    if source == "pair":
        clamp_state("sa_ctx_pair", PAIR_KEYS, DEFAULT_PAIR[current_lang()])
        keep = {**kept("sa_ctx_pair", DEFAULT_PAIR[current_lang()]),
                "on_change": reset_context_word, "args": ()}
        key = st.selectbox(t("sa.ctx.pair"), PAIR_KEYS,
                           format_func=labels({k: t(f"sa.ctx.pair.{k}") for k in PAIR_KEYS}), **keep)
        a = n_lines + 2 * PAIR_KEYS.index(key)
        b, preferred = a + 1, CONTEXT_PAIRS[key][2]
    else:
        if n_lines < 2:
            st.info(t("sa.ctx.need_two"))
            return
        lines = list(range(1, n_lines + 1))
        clamp_state("sa_ctx_a", lines, 1)
        clamp_state("sa_ctx_b", lines, 2)
        c1, c2 = st.columns(2)
        a = c1.selectbox(t("sa.ctx.line_a"), lines, **kept("sa_ctx_a", 1)) - 1
        b = c2.selectbox(t("sa.ctx.line_b"), lines, **kept("sa_ctx_b", 2)) - 1
        if a == b:
            st.info(t("sa.ctx.same_line"))
            return
    ra, rb = runs[a], runs[b]
    ta, tb = tt.sentences[a].tokens, tt.sentences[b].tokens
    if ra is None or rb is None:
        st.info(t("input.no_tokens"))
        return
    first_b = {}
    for j, tok in enumerate(tb):
        first_b.setdefault(tok, j)
    shared, seen = [], set()
    for i, tok in enumerate(ta):
        if tok in first_b and tok not in seen:
            seen.add(tok)
            shared.append((i, first_b[tok]))
    if not shared:
        st.info(t("sa.ctx.none_shared"))
        return
    default = 0
    if preferred is not None:
        for k, (i, j) in enumerate(shared):
            if ta[i] in (preferred, preferred[0]) and i == j:
                default = k
                break
    choices = list(range(len(shared)))
    clamp_state("sa_ctx_word", choices, default)
    st.session_state.setdefault("sa_ctx_word", default)
    k = st.selectbox(t("sa.ctx.word"), choices, key="sa_ctx_word",
                     format_func=labels({k: t("sa.ctx.word.option", n=k + 1, a=a_t + 1, b=b_t + 1)
                                         for k, (a_t, b_t) in enumerate(shared)}))
    i, j = shared[k]
    st.code(ta[i], language=None)

    wa, wb = ra.attention.weights[:, i], rb.attention.weights[:, j]  # (h, Ta), (h, Tb)
    titles = [t("sa.ctx.weights", s="A", t=i + 1), t("sa.ctx.weights", s="B", t=j + 1)]
    st.plotly_chart(fsa.context_weights([ta, tb], [i, j], [wa, wb], titles), key="sa_ctx_weights",
                    config=NO_BAR)
    pairs = [("x", ra.x[i], rb.x[j]), ("mlp", ra.mlp[i], rb.mlp[j]),
             ("attn", ra.attention.output[i], rb.attention.output[j]),
             ("layer", ra.layer.output[i], rb.layer.output[j])]
    names = [t(f"sa.ctx.row.{n}", s=s) for n, _, _ in pairs for s in ("A", "B")]
    vectors = np.stack([v for _, va, vb in pairs for v in (va, vb)])
    st.plotly_chart(fsa.context_vectors(names, vectors, t("sa.ctx.vectors")), key="sa_ctx_vectors",
                    config=NO_BAR)
    gaps = [float(np.max(np.abs(va - vb))) for _, va, vb in pairs]
    st.dataframe(pd.DataFrame({t("sa.ctx.model"): [t(f"sa.ctx.model.{n}") for n, _, _ in pairs],
                               t("sa.ctx.gap"): [f"{g:.2e}" for g in gaps]}), hide_index=True)
    if gaps[0] == 0.0:
        st.markdown(t("sa.ctx.result", mlp=f"{gaps[1]:.1e}", attn=f"{gaps[2]:.3f}", layer=f"{gaps[3]:.3f}"))
    else:
        st.warning(t("sa.ctx.positions", a=i + 1, b=j + 1, x=f"{gaps[0]:.3f}"))


# --- 7. order -------------------------------------------------------------------------------------


def reshuffle() -> None:
    st.session_state["sa_shuffle_seed"] = st.session_state.get("sa_shuffle_seed", 0) + 1


def order_section(tokens: tuple[str, ...], run: SentenceAttention, knobs: Knobs) -> None:
    st.subheader(t("sa.order.title"))
    st.markdown(t("sa.order.body"))
    T = len(tokens)
    if T < 2:
        st.info(t("sa.order.one"))
        return
    c1, c2 = st.columns([3, 1], vertical_alignment="bottom")
    kind = c1.segmented_control(t("sa.order.kind"), ["reverse", "shuffle"], required=True,
                                format_func=labels({v: t(f"sa.order.kind.{v}")
                                                    for v in ("reverse", "shuffle")}),
                                **kept("sa_perm", "reverse")) or "reverse"
    if kind == "shuffle":
        c2.button(t("sa.order.reshuffle"), icon=":material/shuffle:", key="sa_reshuffle", on_click=reshuffle)
    perm = permutation(T, kind, seed=st.session_state.get("sa_shuffle_seed", 0))
    off, on = compute_order(run.embedded, tuple(int(p) for p in perm), knobs.heads, knobs.seed)
    moved = [tokens[p] for p in perm]
    st.markdown(t("sa.order.permuted"))
    st.code("  ".join(moved), language=None)
    m1, m2 = st.columns(2)
    m1.metric(t("sa.order.gap_off"), f"{off.gap:.1e}")
    m2.metric(t("sa.order.gap_on"), f"{on.gap:.1e}")
    rows = [(off.output[perm], off.output_permuted), (on.output[perm], on.output_permuted)]
    titles = [t("sa.order.moved"), t("sa.order.recomputed"), t("sa.order.diff")]
    st.plotly_chart(fsa.permutation_grid(moved, rows, titles,
                                         [t("sa.order.row_off"), t("sa.order.row_on")]),
                    key="sa_order", config=NO_BAR)
    st.markdown(t("sa.order.result", off=f"{off.gap:.1e}", w_off=f"{off.weights_gap:.1e}",
                  on=f"{on.gap:.2f}"))


# --- page -----------------------------------------------------------------------------------------


def main() -> None:
    st.title(t("page.self_attention.title"))
    st.markdown(t("sa.intro"))
    with st.container(border=True):
        st.markdown(t("sa.random"))
        decoder = next(p for p in PAGES if p.key == "encoder_decoder")
        st.page_link(decoder.path, label=t("sa.random.link"), icon=decoder.icon)
    left, right = st.columns([3, 2], gap="large")
    with left:
        lines = text_input(max_tokens=MAX_T)
        st.caption(t("sa.cap", cap=MAX_T, cells=MAX_T * MAX_T))
    with right, st.expander(t("sa.settings"), expanded=True):
        knobs = settings()
    if not lines:
        return
    tt, runs = compute(tuple(lines), **asdict(knobs))
    report_token_caps([row.dropped for row in tt.sentences[: len(lines)]], MAX_T)
    i = 1
    if len(lines) > 1:
        clamp_state("sa_line", list(range(1, len(lines) + 1)), 1)
        i = st.selectbox(t("sa.line"), range(1, len(lines) + 1), **kept("sa_line", 1))
    run = runs[i - 1]
    if run is None:
        st.info(t("input.no_tokens"))
        return
    tokens = tt.sentences[i - 1].tokens

    input_section(tokens, run, knobs)
    query_section(tokens, run, knobs)
    multihead_section(tokens, run, knobs)
    residual_section(tokens, run)
    context_section(tt, runs, len(lines))
    order_section(tokens, run, knobs)


main()
