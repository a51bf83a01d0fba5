"""What the "Self-attention" page *shows*, read off the page and checked against PyTorch.

Every expected number here comes from ``torch.nn.MultiheadAttention`` (``need_weights=True,
average_attn_weights=False``), ``torch.nn.TransformerEncoderLayer`` and its own sub-modules,
``torch.softmax`` and ``F.scaled_dot_product_attention``, called in this file on the same seeded
modules the page builds (``make_encoder_layer``) and the same embeddings (``core.text``); the
positional encoding is written out again in NumPy. The page's trace and its figure builders are
what is under test, so none of them is used for an expected value. Heatmaps are read cell by cell
through their axis tick labels: the tick that names a row says which query it is, the tick that
names a column which key, so a transposed map cannot pass.
"""

from __future__ import annotations

import dataclasses
import math
import re
from dataclasses import dataclass

import numpy as np
import pytest
import streamlit as st
import torch
import torch.nn.functional as F

import core.attention
from core._common import seeded_module
from core.attention import make_encoder_layer
from core.text import TokenizerSpec, text_to_tensors
from tests import display as D
from tests.test_pages import open_page
from ui.strings.self_attention import CONTEXT_PAIRS

PAGE = "pages/self_attention.py"
PAIRS = tuple(s for key in CONTEXT_PAIRS for s in CONTEXT_PAIRS[key][:2])
LINES_EN = ["I go to school today", "The cat sleeps by the window"]  # the English default text
LINES_KO = ["나는 오늘 학교에 간다", "고양이가 창가에서 잠을 잔다"]
HEADS, D_K = 2, 4  # the page's defaults
E = HEADS * D_K
TIGHT = 1e-9  # figures carry full floats
ROUND6 = 1.5e-6  # table columns rounded to 6 decimals
ROUND3 = 1.5e-3  # vectors written with 3 decimals


# --- the reference: PyTorch on the page's input --------------------------------------------------
def pe_numpy(T: int, E: int) -> np.ndarray:
    """Sinusoidal positional encoding as the page's formula writes it, in plain NumPy."""
    pos = np.arange(T)[:, None]
    i2 = np.arange(0, E, 2)[None, :]
    angle = pos / np.power(10000.0, i2 / E)
    pe = np.zeros((T, E))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle[:, : E // 2])
    return pe


@dataclass
class Ref:
    tokens: tuple[str, ...]
    emb: np.ndarray  # (T, E)
    pe: np.ndarray
    x: np.ndarray
    Q: np.ndarray  # (h, T, d_k)
    K: np.ndarray
    V: np.ndarray
    scores: np.ndarray  # (h, T, T)
    scaled: np.ndarray
    weights: np.ndarray  # from nn.MultiheadAttention
    z: np.ndarray  # (h, T, d_k)
    attn: np.ndarray  # (T, E) module output
    res1: np.ndarray
    norm1: np.ndarray
    ff: np.ndarray
    res2: np.ndarray
    norm2: np.ndarray
    mlp: np.ndarray  # FF applied to x directly


def embedded(lines, level="word", seed=0, heads=HEADS, d_k=D_K) -> tuple[list[tuple[str, ...]], list[np.ndarray]]:
    """Tokens and E[id] of every line and every built-in pair sentence, one vocabulary (core.text)."""
    tt = text_to_tensors(tuple(lines) + PAIRS, TokenizerSpec(level), d=heads * d_k, seed=seed, add_bos=False,
                         add_eos=False, max_tokens=24)
    toks, embs = [], []
    for i, row in enumerate(tt.sentences):
        ids = torch.as_tensor(tt.batch[i, : len(row.tokens)])
        toks.append(tuple(row.tokens))
        embs.append(F.embedding(ids, torch.as_tensor(tt.E, dtype=torch.float64)).numpy())
    return toks, embs


def layer_for(heads=HEADS, d_k=D_K, seed=0) -> torch.nn.TransformerEncoderLayer:
    E = heads * d_k
    return make_encoder_layer(E, heads, 4 * E, seed=seed)  # a fresh, equal copy: never the page's


def reference(tokens, emb, *, positional=True, heads=HEADS, d_k=D_K, seed=0) -> Ref:
    layer = layer_for(heads, d_k, seed)
    mha = layer.self_attn
    T, E = emb.shape
    pe = pe_numpy(T, E)
    x = emb + pe if positional else emb
    xt = torch.as_tensor(x)
    with torch.no_grad():
        out, w = mha(xt, xt, xt, need_weights=True, average_attn_weights=False)
        Wq, Wk, Wv = mha.in_proj_weight.chunk(3)
        bq, bk, bv = mha.in_proj_bias.chunk(3)

        def split(a):
            return a.view(T, heads, d_k).transpose(0, 1)  # (h, T, d_k)

        Q, K, V = split(xt @ Wq.T + bq), split(xt @ Wk.T + bk), split(xt @ Wv.T + bv)
        scores = Q @ K.transpose(1, 2)
        scaled = scores / math.sqrt(d_k)
        soft = torch.softmax(scaled, dim=-1)
        assert torch.allclose(soft, w, atol=1e-12)  # the hand-made Q, K agree with the module
        z = w @ V
        res1 = xt + out
        norm1 = layer.norm1(res1)
        ff = layer.linear2(F.relu(layer.linear1(norm1)))
        res2 = norm1 + ff
        norm2 = layer.norm2(res2)
        assert torch.allclose(norm2, layer(xt), atol=1e-12)
        mlp = layer.linear2(F.relu(layer.linear1(xt)))
    n = lambda a: a.detach().numpy()  # noqa: E731
    return Ref(tuple(tokens), emb, pe if positional else np.zeros_like(pe), x, n(Q), n(K), n(V), n(scores),
               n(scaled), n(w), n(z), n(out), n(res1), n(norm1), n(ff), n(res2), n(norm2), n(mlp))


# --- readers for this page's figures --------------------------------------------------------------
def tick_map(spec: dict, axis: str) -> tuple[np.ndarray, list[str]]:
    ax = spec["layout"][axis]
    return np.asarray(D.numbers(ax["tickvals"]), dtype=float), [D.plain(t) for t in ax["ticktext"]]


def tick_at(ticks: tuple[np.ndarray, list[str]], value: float) -> str:
    vals, texts = ticks
    k = int(np.argmin(np.abs(vals - value)))
    assert abs(vals[k] - value) < 1e-6, f"no tick at {value}"
    return texts[k]


def position(tick: str) -> int:
    """0-based position of a tick "t token" (the page numbers every token from 1)."""
    return int(tick.split()[0]) - 1


def heat_cells(trace: dict):
    """(x, y, z) of every cell of a heatmap trace."""
    z = D.numbers(trace["z"])
    xs, ys = D.numbers(trace["x"]), D.numbers(trace["y"])
    for i in range(z.shape[0]):
        for j in range(z.shape[1]):
            yield float(xs[j]), float(ys[i]), float(z[i, j])


def panels(spec: dict) -> list[tuple[str, dict]]:
    """The tiled panels of a figure: each heatmap with the title annotation above it, in order."""
    notes = spec["layout"].get("annotations", [])
    out = []
    for tr in D.traces(spec, "heatmap"):
        xs, ys = D.numbers(tr["x"]), D.numbers(tr["y"])
        title = [D.plain(a["text"]) for a in notes
                 if xs.min() - 0.01 <= a["x"] <= xs.max() + 0.01 and ys.min() - 1.5 < a["y"] < ys.min()]
        assert len(title) == 1, title
        out.append((title[0], tr))
    return out


def panel_matrix(trace: dict, row_ticks, tokens) -> np.ndarray:
    """A (T, width) panel as the learner reads it: row t is the token its y tick names."""
    z = D.numbers(trace["z"])
    ys = D.numbers(trace["y"])
    order = [position(tick_at(row_ticks, y)) for y in ys]
    for y, t in zip(ys, order, strict=True):
        assert tick_at(row_ticks, y).split(" ", 1)[1] == tokens[t]
    out = np.full_like(z, np.nan)
    out[order] = z
    return out


def tex_vector(tex: str, name: str) -> np.ndarray:
    """The numbers of ``name … = [\\, a,\\ b … \\,]`` in a LaTeX block."""
    m = re.search(re.escape(name) + r".*?= \[\\,(.*?)\\,\]", tex)
    assert m, (name, tex)
    return np.array([D.tex_value(v) for v in m.group(1).split(r",\ ")])


def vec_cell(text: str) -> np.ndarray:
    return np.array([float(v) for v in text.strip("[]").split(",")])


def step_table(at):
    return D.table(at, 0)


# --- fixtures -----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def en():
    toks, embs = embedded(LINES_EN)
    return toks, embs


@pytest.fixture(scope="module")
def ref_en(en):
    toks, embs = en
    return reference(toks[0], embs[0])


@pytest.fixture(scope="module")
def at_en():
    at = open_page(PAGE, lang="en")
    assert at.text_area(key="user_text").value == "\n".join(LINES_EN)
    return at


def go(at, *, step=None, head=None, sub=None):
    if step is not None:
        at.slider(key="sa_step__slider").set_value(step).run()
    if head is not None:
        at.segmented_control(key="sa_head").set_value(head).run()
    if sub is not None:
        at.segmented_control(key="sa_sub").set_value(sub).run()
    assert not at.exception, at.exception
    return at


# --- 1. input --------------------------------------------------------------------------------------
def test_input_panels_show_embedding_pe_and_their_sum(at_en, ref_en):
    spec = D.chart(at_en, "sa_input")
    rows = tick_map(spec, "yaxis")
    got = panels(spec)
    assert [t for t, _ in got] == [f"Token embeddings ({len(ref_en.tokens)}×{E})", "Positional encoding PE",
                                   "X: the layer's input"]
    for (_, tr), want in zip(got, (ref_en.emb, ref_en.pe, ref_en.x), strict=True):
        np.testing.assert_allclose(panel_matrix(tr, rows, ref_en.tokens), want, atol=TIGHT)
    assert [tick_at(rows, y) for y in range(len(ref_en.tokens))] == [
        f"{t} {tok}" for t, tok in enumerate(ref_en.tokens, 1)]


# --- 2. one query, sub-step by sub-step -------------------------------------------------------------
@pytest.mark.parametrize("step,head", [(1, 1), (4, 2)])
def test_substep_1_scores_table_bars_and_query_vector(at_en, ref_en, step, head):
    go(at_en, step=step, head=head, sub=1)
    assert at_en.session_state["sa_step"] == step
    q, c = step - 1, head - 1
    assert at_en.code[0].value == ref_en.tokens[q]  # the query token shown is this step's
    assert f"Query t = {step}" in [m.value for m in at_en.markdown]
    tex = D.latex(at_en)[1]
    assert f"q_{{{step}}} = x_{{{step}}} W_Q^{{({head})}}" in tex
    np.testing.assert_allclose(tex_vector(tex, f"W_Q^{{({head})}}"), ref_en.Q[c, q], atol=6e-4)
    assert f"d_k = {D_K}" in tex

    table = step_table(at_en)
    assert list(table["token"]) == list(ref_en.tokens) and list(table["j"]) == list(range(1, len(ref_en.tokens) + 1))
    np.testing.assert_allclose(table["q·k_j"], ref_en.scores[c, q], atol=ROUND6)
    for j, cell in enumerate(table["k_j"]):
        np.testing.assert_allclose(vec_cell(cell), ref_en.K[c, j], atol=6e-4)
    for j, cell in enumerate(table["products in q·k_j"]):
        pairs = re.findall(r"\((-?\d+\.\d+)\)\((-?\d+\.\d+)\)", cell)
        assert len(pairs) == D_K
        np.testing.assert_allclose([float(a) for a, _ in pairs], ref_en.Q[c, q], atol=6e-3)
        np.testing.assert_allclose([float(b) for _, b in pairs], ref_en.K[c, j], atol=6e-3)

    spec = D.chart(at_en, "sa_substep")
    (bars,) = D.traces(spec, "bar")
    ticks = tick_map(spec, "xaxis")
    for x, y in zip(D.numbers(bars["x"]), D.numbers(bars["y"]), strict=True):
        assert abs(y - ref_en.scores[c, q, position(tick_at(ticks, x))]) < TIGHT
    outline = bars["marker"]["line"]["color"]
    assert [i for i, col in enumerate(outline) if col != "rgba(0,0,0,0)"] == [q]  # the query's own key


@pytest.mark.parametrize("step,head", [(2, 1), (5, 2)])
def test_substep_2_divides_by_sqrt_dk(at_en, ref_en, step, head):
    go(at_en, step=step, head=head, sub=2)
    q, c = step - 1, head - 1
    table = step_table(at_en)
    np.testing.assert_allclose(table["q·k_j"], ref_en.scores[c, q], atol=ROUND6)
    np.testing.assert_allclose(table["÷√d_k"], ref_en.scaled[c, q], atol=ROUND6)
    tex = D.latex(at_en)[1]
    m = re.search(r"\\frac\{s_\{\d+j\}\}\{(\d+\.\d+)\}", tex)
    assert m and abs(float(m.group(1)) - math.sqrt(D_K)) < 1e-4
    spec = D.chart(at_en, "sa_substep")
    ghost, scaled = D.traces(spec, "bar")
    assert "before" in ghost["name"] and "√d_k" in scaled["name"]
    np.testing.assert_allclose(D.numbers(ghost["y"]), ref_en.scores[c, q], atol=TIGHT)
    np.testing.assert_allclose(D.numbers(scaled["y"]), ref_en.scaled[c, q], atol=TIGHT)


@pytest.mark.parametrize("step,head", [(3, 1), (5, 2)])
def test_substep_3_softmax_over_the_keys(at_en, ref_en, step, head):
    go(at_en, step=step, head=head, sub=3)
    q, c = step - 1, head - 1
    table = step_table(at_en)
    w = ref_en.weights[c, q]
    np.testing.assert_allclose(table["÷√d_k"], ref_en.scaled[c, q], atol=ROUND6)
    shifted = ref_en.scaled[c, q] - ref_en.scaled[c, q].max()
    np.testing.assert_allclose(table["exp(· − max)"], np.exp(shifted), atol=ROUND6)
    np.testing.assert_allclose(table["a_j"], w, atol=ROUND6)
    assert abs(sum(table["a_j"]) - 1) < 1e-5 and min(table["a_j"]) >= 0
    tex = D.latex(at_en)[1]
    m = re.search(r"\\sum_j a_\{\d+j\} = (\d\.\d+)", tex)
    assert m and abs(float(m.group(1)) - 1.0) < 1e-11
    spec = D.chart(at_en, "sa_substep")
    (bars,) = D.traces(spec, "bar")
    np.testing.assert_allclose(D.numbers(bars["y"]), w, atol=TIGHT)
    assert D.annotations(spec) == ["sum = 1.000000"]


@pytest.mark.parametrize("step,head", [(2, 2), (5, 1)])
def test_substep_4_weighted_sum_of_values(at_en, ref_en, step, head):
    go(at_en, step=step, head=head, sub=4)
    q, c = step - 1, head - 1
    w, V, z = ref_en.weights[c, q], ref_en.V[c], ref_en.z[c, q]
    table = step_table(at_en)
    np.testing.assert_allclose(table["a_j"], w, atol=ROUND6)
    for j in range(len(ref_en.tokens)):
        np.testing.assert_allclose(vec_cell(table["v_j"][j]), V[j], atol=6e-4)
        np.testing.assert_allclose(vec_cell(table["a_j · v_j"][j]), w[j] * V[j], atol=6e-4)
    tex = D.latex(at_en)[1]
    np.testing.assert_allclose(tex_vector(tex, f"z_{{{step}}} = "), z, atol=6e-4)
    spec = D.chart(at_en, "sa_substep")
    rows_tr, z_tr = D.traces(spec, "heatmap")
    ticks = tick_map(spec, "yaxis")
    for x, y, v in heat_cells(rows_tr):
        tick = tick_at(ticks, y)
        j, m = position(tick), round(x)
        assert abs(float(re.search(r"a = (\d\.\d+)", tick).group(1)) - w[j]) < 6e-4
        assert abs(v - w[j] * V[j, m]) < TIGHT
    np.testing.assert_allclose(D.numbers(z_tr["z"])[0], z, atol=TIGHT)
    assert tick_at(ticks, float(D.numbers(z_tr["y"])[0])) == f"z {step}"


def test_line_view_hover_numbers_are_the_query_row(at_en, ref_en):
    step = 4
    go(at_en, step=step, sub=1)
    spec = D.chart(at_en, "sa_lines")
    targets = [tr for tr in D.traces(spec, "scatter") if tr.get("mode") == "markers"]
    assert len(targets) == HEADS
    for c, tr in enumerate(targets):
        labels = list(D.arr(tr["customdata"]))
        assert all(lab.startswith(f"Head {c + 1}: {step} {ref_en.tokens[step - 1]} → ") for lab in labels)
        keys = [position(lab.split(" → ")[1]) for lab in labels]
        shown = np.array([float(v) for v in D.arr(tr["text"])])
        np.testing.assert_allclose(shown, ref_en.weights[c, step - 1, keys], atol=6e-5)


# --- 3. every head ---------------------------------------------------------------------------------------
def check_head_maps(spec: dict, ref: Ref, heads: int, head_word: str) -> None:
    got = panels(spec)
    assert [t for t, _ in got] == [f"{head_word} {c}" for c in range(1, heads + 1)]
    rows, cols = tick_map(spec, "yaxis"), tick_map(spec, "xaxis")
    T = len(ref.tokens)
    for c, (_, tr) in enumerate(got):
        seen = np.zeros((T, T), dtype=bool)
        for x, y, v in heat_cells(tr):
            qt, kt = tick_at(rows, y), tick_at(cols, x)  # the y tick names the query, the x tick the key
            i, j = position(qt), position(kt)
            assert qt.split(" ", 1)[1] == ref.tokens[i] and kt.split(" ", 1)[1] == ref.tokens[j]
            assert abs(v - ref.weights[c, i, j]) < TIGHT, (c, i, j)
            seen[i, j] = True
        assert seen.all()
        z = D.numbers(tr["z"])
        np.testing.assert_allclose(z.sum(axis=1), 1.0, atol=1e-12)  # each drawn row is one query


def test_head_heatmaps_rows_are_queries_columns_keys(at_en, ref_en):
    check_head_maps(D.chart(at_en, "sa_head_maps"), ref_en, HEADS, "Head")


# --- 4. multi-head shapes, the single-head lab, kdim/vdim --------------------------------------------------
def test_multihead_shapes_are_pytorchs(at_en, ref_en):
    T = len(ref_en.tokens)
    layer = layer_for()
    mha = layer.self_attn
    x = torch.as_tensor(ref_en.x)
    with torch.no_grad():
        out, w = mha(x, x, x, need_weights=True, average_attn_weights=False)
    Wq = mha.in_proj_weight.chunk(3)[0]
    want = {"X": tuple(x.shape), "W_Q, W_K, W_V": tuple(Wq.shape), "Q": ref_en.Q.shape, "K": ref_en.K.shape,
            "V": ref_en.V.shape, "Q Kᵀ / √d_k": ref_en.scaled.shape, "A = softmax(·)": tuple(w.shape),
            "A V": ref_en.z.shape, "concat": (T, E), "W_O": tuple(mha.out_proj.weight.shape),
            "MultiHead(X)": tuple(out.shape)}
    table = D.table(at_en, 1)
    assert dict(zip(table["array"], table["shape"], strict=True)) == {k: str(tuple(v)) for k, v in want.items()}
    notes = D.annotations(D.chart(at_en, "sa_pipeline"))
    assert f"X  ({T}, {E})" in notes and f"A i   {HEADS} × ({T}, {T})" in notes
    assert f"head i   {HEADS} × ({T}, {D_K})" in notes


def test_single_head_lab_matches_scaled_dot_product_attention(at_en, ref_en):
    d_k, d_v = 3, 6
    at_en.slider(key="sa_lab_dk").set_value(d_k).run()
    at_en.slider(key="sa_lab_dv").set_value(d_v).run()
    try:
        x = torch.as_tensor(ref_en.x)
        W = [seeded_module(torch.nn.Linear, E, d, bias=False, dtype=torch.float64, seed=i).weight.detach()
             for i, d in enumerate((d_k, d_k, d_v))]
        Q, K, V = (x @ w.T for w in W)
        A = torch.softmax(Q @ K.T / math.sqrt(d_k), dim=-1)
        Z = F.scaled_dot_product_attention(Q[None], K[None], V[None])[0]
        T = len(ref_en.tokens)
        got = panels(D.chart(at_en, "sa_single_head"))
        want = [(f"Q ({T}×{d_k})", Q), (f"Kᵀ ({d_k}×{T})", K.T), (f"A ({T}×{T})", A), (f"V ({T}×{d_v})", V),
                (f"Z = A V ({T}×{d_v})", Z)]
        assert [t for t, _ in got] == [t for t, _ in want]
        for (_, tr), (_, m) in zip(got, want, strict=True):
            np.testing.assert_allclose(D.numbers(tr["z"]), m.numpy(), atol=TIGHT)
        assert (f"Q ({T}×{d_k}) · Kᵀ ({d_k}×{T}) → A ({T}×{T}), then A ({T}×{T}) · V ({T}×{d_v}) → "
                f"Z ({T}×{d_v})") in " ".join(m.value for m in at_en.markdown)
        sdpa = [b for b in D.badges(at_en) if b.module == "F.scaled_dot_product_attention"]
        assert len(sdpa) == 1 and sdpa[0].ok and sdpa[0].diff < 1e-12
    finally:
        at_en.slider(key="sa_lab_dk").set_value(2).run()
        at_en.slider(key="sa_lab_dv").set_value(5).run()


def test_kdim_vdim_shapes_are_pytorchs(at_en, ref_en):
    T = len(ref_en.tokens)
    mha = torch.nn.MultiheadAttention(E, HEADS, kdim=3, vdim=5, dtype=torch.float64)
    with torch.no_grad():
        out, w = mha(torch.zeros(T, E, dtype=torch.float64), torch.zeros(T, 3, dtype=torch.float64),
                     torch.zeros(T, 5, dtype=torch.float64), need_weights=True, average_attn_weights=False)
    want = {"query": (T, E), "key": (T, 3), "value": (T, 5), "W_Q": tuple(mha.q_proj_weight.shape),
            "W_K": tuple(mha.k_proj_weight.shape), "W_V": tuple(mha.v_proj_weight.shape),
            "Q": (HEADS, T, D_K), "K": (HEADS, T, D_K), "V": (HEADS, T, D_K), "A": tuple(w.shape),
            "output": tuple(out.shape)}
    table = D.table(at_en, 2)
    assert dict(zip(table["array"], table["shape"], strict=True)) == {k: str(v) for k, v in want.items()}


# --- 5. residual + LayerNorm ---------------------------------------------------------------------------
def test_residual_and_layernorm_panels(at_en, ref_en):
    spec = D.chart(at_en, "sa_residual")
    got = panels(spec)
    want = [("x (input)", ref_en.x), ("MultiHead(x)", ref_en.attn), ("x + MultiHead(x)", ref_en.res1),
            ("LayerNorm₁", ref_en.norm1), ("LayerNorm₁", ref_en.norm1), ("FF(LayerNorm₁)", ref_en.ff),
            ("LayerNorm₁ + FF", ref_en.res2), ("LayerNorm₂ = layer output", ref_en.norm2)]
    assert [t for t, _ in got] == [t for t, _ in want]
    rows = tick_map(spec, "yaxis")
    for (title, tr), (_, m) in zip(got, want, strict=True):
        np.testing.assert_allclose(panel_matrix(tr, rows, ref_en.tokens), m, atol=TIGHT, err_msg=title)
    text = " ".join(m.value for m in at_en.markdown)
    m = re.search(r"largest \|mean\| = (\S+)\) and a standard deviation between (\d\.\d+) and (\d\.\d+)", text)
    assert m, text
    assert float(m.group(1)) < 1e-12
    std = ref_en.norm1.std(axis=1)
    assert abs(float(m.group(2)) - std.min()) < 1e-6 and abs(float(m.group(3)) - std.max()) < 1e-6
    layer_badge = [b for b in D.badges(at_en) if b.module == "nn.TransformerEncoderLayer"]
    assert len(layer_badge) == 1 and layer_badge[0].ok and layer_badge[0].diff < 1e-12


# --- 6. the same word in two contexts --------------------------------------------------------------------
def test_context_pair_weights_and_vectors(at_en, en):
    toks, embs = en
    a, b = len(LINES_EN) + 2 * list(CONTEXT_PAIRS).index("bank"), len(LINES_EN) + 2 * list(CONTEXT_PAIRS).index(
        "bank") + 1
    ra, rb = reference(toks[a], embs[a]), reference(toks[b], embs[b])
    i, j = toks[a].index("bank"), toks[b].index("bank")
    assert at_en.selectbox(key="sa_ctx_pair").value == "bank"
    assert "bank" in [c.value for c in at_en.code]
    spec = D.chart(at_en, "sa_ctx_weights")
    got = panels(spec)
    assert [t for t, _ in got] == [f"Sentence A: where the word at t = {i + 1} looks (row = head)",
                                   f"Sentence B: where the word at t = {j + 1} looks (row = head)"]
    rows, cols = tick_map(spec, "yaxis"), tick_map(spec, "xaxis")
    for (_, tr), ref, pos in zip(got, (ra, rb), (i, j), strict=True):
        for x, y, v in heat_cells(tr):
            head, key = int(tick_at(rows, y).split()[1]) - 1, position(tick_at(cols, x))
            assert abs(v - ref.weights[head, pos, key]) < TIGHT
    vec = D.chart(at_en, "sa_ctx_vectors")
    (tr,) = D.traces(vec, "heatmap")
    names = D.axis_ticks(vec, "yaxis")
    want = {"input x · A": ra.x[i], "input x · B": rb.x[j], "MLP(x) · A": ra.mlp[i], "MLP(x) · B": rb.mlp[j],
            "self-attention · A": ra.attn[i], "self-attention · B": rb.attn[j],
            "encoder layer · A": ra.norm2[i], "encoder layer · B": rb.norm2[j]}
    z = D.numbers(tr["z"])
    assert names == list(want)
    for row, name in zip(z, names, strict=True):
        np.testing.assert_allclose(row, want[name], atol=TIGHT, err_msg=name)
    gaps = D.table(at_en, 3)
    shown = [float(g) for g in gaps["max |A − B|"]]
    want_gaps = [np.abs(ra.x[i] - rb.x[j]).max(), np.abs(ra.mlp[i] - rb.mlp[j]).max(),
                 np.abs(ra.attn[i] - rb.attn[j]).max(), np.abs(ra.norm2[i] - rb.norm2[j]).max()]
    np.testing.assert_allclose(shown, want_gaps, rtol=6e-3, atol=1e-12)


# --- 7. order ------------------------------------------------------------------------------------------
def test_reversed_order_with_and_without_positions(at_en, en):
    toks, embs = en
    tokens, emb = toks[0], embs[0]
    T = len(tokens)
    perm = np.arange(T)[::-1]
    assert at_en.code[-1].value == "  ".join(tokens[p] for p in perm)
    mha = layer_for().self_attn
    outs = []
    for positional in (False, True):
        pe = pe_numpy(T, E) if positional else 0.0
        with torch.no_grad():
            x, xp = torch.as_tensor(emb + pe), torch.as_tensor(emb[perm] + pe)
            f_x = mha(x, x, x, need_weights=False)[0].numpy()
            f_px = mha(xp, xp, xp, need_weights=False)[0].numpy()
        outs.append((f_x[perm], f_px))
    shown = D.metrics(at_en)
    assert float(shown["No PE: max |f(Px) − P f(x)|"]) < 1e-12  # equivariant: rounding level only
    gap_on = np.abs(outs[1][1] - outs[1][0]).max()
    assert abs(float(shown["With PE: max |f(Px) − P f(x)|"]) - gap_on) <= 0.051 * gap_on
    spec = D.chart(at_en, "sa_order")
    rows = tick_map(spec, "yaxis")
    got = panels(spec)
    assert len(got) == 6
    for k, (title, tr) in enumerate(got):
        moved, recomputed = outs[k // 3]
        want = (moved, recomputed, recomputed - moved)[k % 3]
        tol = 1e-12 if k % 3 == 2 and k < 3 else TIGHT
        np.testing.assert_allclose(D.numbers(tr["z"]), want, atol=tol, err_msg=title)
        assert ("no PE" if k < 3 else "with PE") in title
    assert [tick_at(rows, y) for y in range(T)] == [f"{t} {tokens[p]}" for t, p in enumerate(perm, 1)]


# --- badges --------------------------------------------------------------------------------------------
def test_badges_are_green_at_rounding_level(at_en):
    found = {b.module: b for b in D.badges(at_en)}
    assert set(found) == {"nn.MultiheadAttention", "F.scaled_dot_product_attention",
                          "nn.TransformerEncoderLayer"}
    assert all(b.ok and b.diff < 1e-12 for b in D.badges(at_en))


@pytest.fixture
def clean_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_badges_turn_red_when_the_trace_disagrees_with_pytorch(monkeypatch, clean_caches):
    real = core.attention.trace_encoder_layer

    def off_by_a_little(module, x, *args, **kwargs):
        tr = real(module, x, *args, **kwargs)
        attention = dataclasses.replace(tr.attention, weights=tr.attention.weights + 1e-3)
        return dataclasses.replace(tr, attention=attention, output=tr.output + 2e-3)

    monkeypatch.setattr(core.attention, "trace_encoder_layer", off_by_a_little)
    at = open_page(PAGE, lang="en")
    assert not at.exception
    found = {(b.module, b.ok): b.diff for b in D.badges(at)}
    assert found[("nn.MultiheadAttention", False)] == pytest.approx(1e-3, rel=0.05)
    assert found[("nn.TransformerEncoderLayer", False)] == pytest.approx(2e-3, rel=0.05)
    red = [e for e in at.error if e.icon == "❌"]
    assert len(red) == 2 and all(e.value.startswith("Differs from PyTorch") for e in red)


# --- Korean ------------------------------------------------------------------------------------------
def test_korean_page_head_maps_and_softmax_step():
    toks, embs = embedded(LINES_KO)
    ref = reference(toks[0], embs[0])
    at = open_page(PAGE, lang="ko")
    assert at.text_area(key="user_text").value == "\n".join(LINES_KO)
    check_head_maps(D.chart(at, "sa_head_maps"), ref, HEADS, "헤드")
    step = 3
    go(at, step=step, head=2, sub=3)
    assert at.code[0].value == ref.tokens[step - 1] == "학교에"
    assert f"쿼리 t = {step}" in [m.value for m in at.markdown]
    table = step_table(at)
    assert list(table["토큰"]) == list(ref.tokens)
    np.testing.assert_allclose(table["a_j"], ref.weights[1, step - 1], atol=ROUND6)
    np.testing.assert_allclose(table["÷√d_k"], ref.scaled[1, step - 1], atol=ROUND6)
    assert D.annotations(D.chart(at, "sa_substep")) == ["합 = 1.000000"]
