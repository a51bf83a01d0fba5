"""What the "Encoder–decoder" page *shows*, read off the page and checked against PyTorch.

The expected numbers come from the shipped checkpoints (loaded here with ``core.seq2seq.load_models``,
a copy of our own) run through their ``torch.nn`` modules in this file: the encoder layers on
embeddings plus a positional encoding written out in NumPy, greedy decoding with the model's own
forward, each decoder layer's ``self_attn`` / ``multihead_attn`` called with ``need_weights=True,
average_attn_weights=False`` under a causal mask built here, ``F.cross_entropy`` for teacher
forcing, ``nn.GRU`` for the RNN, parameter shapes for the cost counts, and
``core/data/checkpoints/metrics.json`` read with ``json``. The page's traces and figure builders
are what is under test. Heatmaps are read cell by cell through their tick labels: the y tick names
the query (a decoder position), the x tick the key, so a transposed map fails.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
import streamlit as st
import torch
import torch.nn.functional as F

import core.seq2seq
from core.seq2seq import MAX_OUTPUT, TARGET_VOCAB, load_models, source_ids
from core.text import BOS, EOS
from tests import display as D
from tests.test_pages import open_page

PAGE = "pages/encoder_decoder.py"
METRICS = json.loads((Path(__file__).resolve().parents[1] / "core" / "data" / "checkpoints" / "metrics.json")
                     .read_text(encoding="utf-8"))["translation"]
TIGHT = 1e-9
ANSWERS = {("307", "en"): ["three", "hundred", "seven"], ("307", "ko"): ["삼", "백", "칠"],
           ("4096", "en"): ["four", "thousand", "ninety", "six"]}


# --- the reference ---------------------------------------------------------------------------------------
def pe_numpy(T: int, E: int) -> np.ndarray:
    pos = np.arange(T)[:, None]
    angle = pos / np.power(10000.0, np.arange(0, E, 2)[None, :] / E)
    pe = np.zeros((T, E))
    pe[:, 0::2] = np.sin(angle)
    pe[:, 1::2] = np.cos(angle[:, : E // 2])
    return pe


def causal(k: int) -> torch.Tensor:
    return torch.triu(torch.ones(k, k, dtype=torch.bool), diagonal=1)  # True: may not look


@dataclass
class Step:
    prefix: list[int]
    probs: np.ndarray  # (|V|,)
    token: int
    self_w: list[np.ndarray]  # per decoder layer (h, k, k)
    cross_w: list[np.ndarray]  # per decoder layer (h, k, S)


@dataclass
class Ref:
    src: torch.Tensor
    tokens: list[str]
    memory: np.ndarray
    steps: list[Step]
    tf_dec_in: list[int]
    tf_targets: list[int]
    tf_p: np.ndarray
    tf_probs: np.ndarray
    tf_loss: float
    rnn_enc_h: np.ndarray
    rnn_dec_in: list[int]
    rnn_dec_h: np.ndarray
    rnn_out: list[int]


_MODELS: dict = {}


def models():
    if not _MODELS:
        _MODELS["t"], _MODELS["r"], _ = load_models()  # our own copy, not the page's cached one
    return _MODELS["t"], _MODELS["r"]


def embed(emb: torch.nn.Embedding, ids: list[int] | torch.Tensor, d: int) -> torch.Tensor:
    ids = torch.as_tensor(ids)
    return emb(ids)[None] + torch.as_tensor(pe_numpy(len(ids), d))[None]  # (1, T, d)


def decoder_pass(model, memory, prefix: list[int], delta: float = 0.0):
    """Every decoder layer on ``prefix`` (optionally adding ``delta`` to each layer's output), with
    each layer's per-head self- and cross-attention weights."""
    y = embed(model.tgt_embed, prefix, model.d_model)
    mask = causal(len(prefix))
    self_w, cross_w = [], []
    for layer in model.decoder_layers:
        sa, w1 = layer.self_attn(y, y, y, attn_mask=mask, need_weights=True, average_attn_weights=False)
        n1 = layer.norm1(y + sa)
        _, w2 = layer.multihead_attn(n1, memory, memory, need_weights=True, average_attn_weights=False)
        self_w.append(w1[0].numpy())
        cross_w.append(w2[0].numpy())
        y = layer(y, memory, tgt_mask=mask) + delta
    return model.out(y)[0], self_w, cross_w  # (k, |V|)


def encode(model, src) -> torch.Tensor:
    x = embed(model.src_embed, src, model.d_model)
    for layer in model.encoder_layers:
        x = layer(x)
    return x  # (1, S, d)


def reference(digits: str, lang: str) -> Ref:
    tr, gru = models()
    src = torch.as_tensor(source_ids(digits, lang))
    tokens = [f"<{lang}>", *digits]
    with torch.no_grad():
        memory = encode(tr, src)
        assert torch.allclose(memory, tr.encode(src[None]), atol=1e-12)
        steps, out = [], []
        for _ in range(MAX_OUTPUT):
            prefix = [BOS, *out]
            logits, sw, cw = decoder_pass(tr, memory, prefix)
            own = tr(src[None], torch.as_tensor(prefix)[None])[0, -1]  # the model's own forward
            assert torch.allclose(logits[-1], own, atol=1e-10)
            probs = torch.softmax(own, dim=-1).numpy()
            token = int(own.argmax())
            steps.append(Step(prefix, probs, token, sw, cw))
            out.append(token)
            if token == EOS:
                break
        words = ANSWERS[(digits, lang)]
        ids = [TARGET_VOCAB.id_of(w) for w in words]
        dec_in, targets = [BOS, *ids], [*ids, EOS]
        tf_logits = tr(src[None], torch.as_tensor(dec_in)[None])[0]
        tf_probs = torch.softmax(tf_logits, dim=-1)
        tf_p = tf_probs[torch.arange(len(targets)), torch.as_tensor(targets)].numpy()
        tf_loss = float(F.cross_entropy(tf_logits, torch.as_tensor(targets)))
        enc_out, h = gru.encoder(gru.src_embed(src)[None])
        fed, hs, rnn_out = [BOS], [], []
        for _ in range(MAX_OUTPUT):
            o, h = gru.decoder(gru.tgt_embed(torch.as_tensor(fed[-1:]))[None], h)
            hs.append(o[0, 0])
            token = int(gru.out(o[0, 0]).argmax())
            rnn_out.append(token)
            if token == EOS or len(hs) == MAX_OUTPUT:
                break
            fed.append(token)
    return Ref(src, tokens, memory[0].numpy(), steps, dec_in, targets, tf_p, tf_probs.numpy(), tf_loss,
               enc_out[0].numpy(), fed, torch.stack(hs).numpy(), rnn_out)


def words_of(ids) -> list[str]:
    return [TARGET_VOCAB.itos[i] for i in ids]


# --- readers ------------------------------------------------------------------------------------------
def ticks(spec: dict, axis: str) -> tuple[np.ndarray, list[str]]:
    ax = spec["layout"][axis]
    return D.numbers(ax["tickvals"]), [D.plain(t) for t in ax["ticktext"]]


def tick_at(tk, value: float) -> str:
    vals, texts = tk
    k = int(np.argmin(np.abs(vals - value)))
    assert abs(vals[k] - value) < 1e-9
    return texts[k]


def per_head(spec: dict) -> list[list[dict]]:
    """The traces of each subplot (head), in the order of the subplot titles."""
    out: dict[str, list[dict]] = {}
    for tr in D.traces(spec, "heatmap"):
        out.setdefault(tr.get("xaxis", "x"), []).append(tr)
    return [out[k] for k in sorted(out, key=lambda a: int(a[1:] or 1))]


def read_map(spec: dict, h_index: int, tr: dict, queries: list[str], keys: list[str]):
    """Cells of one head's heatmap as {(query position, key position): value}, via the tick labels;
    the tick texts must name the tokens at those positions."""
    suffix = "" if h_index == 0 else str(h_index + 1)
    ytk, xtk = ticks(spec, f"yaxis{suffix}"), ticks(spec, f"xaxis{suffix}")
    assert ytk[1] == queries and xtk[1] == keys
    z = D.numbers(tr["z"])
    xs, ys = D.numbers(tr["x"]), D.numbers(tr["y"])
    cells = {}
    for r, y in enumerate(ys):
        for c, x in enumerate(xs):
            tick_at(ytk, y), tick_at(xtk, x)  # every cell sits on a labelled tick
            cells[(int(np.argmin(np.abs(ytk[0] - y))), int(np.argmin(np.abs(xtk[0] - x))))] = z[r, c]
    return cells


def check_attention(spec: dict, weights: np.ndarray, queries: list[str], keys: list[str], causal_mask: bool,
                    head_word: str = "head") -> None:
    h, Tq, Tk = weights.shape
    assert D.annotations(spec)[:h] == [f"{head_word} {i}" for i in range(1, h + 1)]
    heads = per_head(spec)
    assert len(heads) == h
    for c, trs in enumerate(heads):
        main = trs[0]
        cells = read_map(spec, c, main, queries, keys)
        assert len(cells) == Tq * Tk
        for (i, j), v in cells.items():
            assert abs(v - weights[c, i, j]) < TIGHT, (c, i, j)
            if causal_mask and j > i:
                assert v == 0.0  # the future is blocked
        z = D.numbers(main["z"])
        np.testing.assert_allclose(z.sum(axis=1), 1.0, atol=1e-12)  # each row is one query's softmax
        assert ((z >= 0) & (z <= 1)).all()
        if causal_mask and Tq > 1:
            shut = D.numbers(trs[1]["z"])
            blocked = np.triu(np.ones((Tq, Tk), dtype=bool), 1)
            assert (np.isfinite(shut) == blocked).all()
            assert [[str(v) for v in row] for row in trs[1]["text"]] == np.where(blocked, "−∞", "").tolist()
        else:
            assert len(trs) == 1


# --- fixtures -----------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def ref307():
    return reference("307", "en")


@pytest.fixture(scope="module")
def at_en():
    at = open_page(PAGE, lang="en")
    assert at.text_input(key="ed_source").value == "307"
    return at


def go(at, step=None, layer=None):
    if layer is not None:
        at.segmented_control(key="ed_layer").set_value(layer).run()
    if step is not None:
        at.slider(key="ed_step__slider").set_value(step).run()
    assert not at.exception, at.exception
    return at


# --- answers and encoder ----------------------------------------------------------------------------------
def test_answers_are_the_greedy_outputs_of_both_models(at_en, ref307):
    tr_words = words_of(s.token for s in ref307.steps if s.token != EOS)
    gru_words = words_of(t for t in ref307.rnn_out if t != EOS)
    codes = [c.value for c in at_en.code]
    assert codes[:3] == [" ".join(tr_words), " ".join(gru_words), "three hundred seven"]
    assert [m.value for m in at_en.success].count("Matches the right answer.") == 2


def test_memory_heatmap_is_the_encoder_output(at_en, ref307):
    spec = D.chart(at_en, "ed_memory")
    (tr,) = D.traces(spec, "heatmap")
    z = D.numbers(tr["z"])
    yt = ticks(spec, "yaxis")
    assert yt[1] == ref307.tokens == ["<en>", "3", "0", "7"]
    rows = [int(np.argmin(np.abs(yt[0] - y))) for y in D.numbers(tr["y"])]
    np.testing.assert_allclose(z, ref307.memory[rows], atol=TIGHT)
    assert z.shape == (len(ref307.tokens), 32)
    assert "S = 4, d = 32" in spec["layout"]["title"]["text"]


# --- decoding, step by step -----------------------------------------------------------------------------------
@pytest.mark.parametrize("step,layer", [(1, 1), (3, 1), (4, 2)])
def test_each_decoding_step(at_en, ref307, step, layer):
    go(at_en, layer=layer, step=step)
    assert at_en.session_state["ed_step"] == step
    st_ = ref307.steps[step - 1]
    prefix = words_of(st_.prefix)
    md = [m.value for m in at_en.markdown]
    if step > 1:
        assert any(m.startswith(f"**Step {step}:** the decoder reads `<bos>` and the {step - 1} token(s)") for m in md)
    (chosen,) = [m for m in md if m.startswith("The most probable token")]
    p, k = D.numbers_in(chosen)
    assert k == step and abs(p - st_.probs[st_.token]) < 6e-4
    assert at_en.code[3].value == TARGET_VOCAB.itos[st_.token]  # this step's token, not the last one

    strip = D.chart(at_en, "ed_strip")
    (cells,) = D.traces(strip, "heatmap")
    outputs = words_of(s.token for s in ref307.steps)
    inputs = words_of(ref307.steps[-1].prefix)
    assert [D.plain(t) for t in cells["text"][0]] == inputs[:step] + [""] * (len(outputs) - step)
    assert [D.plain(t) for t in cells["text"][1]] == outputs[:step] + [""] * (len(outputs) - step)
    assert list(np.flatnonzero(D.numbers(cells["z"])[0] == 2)) == [step - 1]

    bars_spec = D.chart(at_en, "ed_next")
    (bars,) = D.traces(bars_spec, "bar")
    top = np.argsort(-st_.probs, kind="stable")[:8]
    yt = ticks(bars_spec, "yaxis")
    names = [tick_at(yt, y) for y in D.numbers(bars["y"])]
    assert names == [TARGET_VOCAB.itos[i] for i in top]
    np.testing.assert_allclose(D.numbers(bars["x"]), st_.probs[top], atol=TIGHT)
    colors = bars["marker"]["color"]
    assert [n for n, col in zip(names, colors, strict=True) if col != "#1f5fbf"] == [TARGET_VOCAB.itos[st_.token]]

    self_spec = D.chart(at_en, "ed_self")
    assert f"layer {layer} ({step}×{step})" in self_spec["layout"]["title"]["text"]
    check_attention(self_spec, st_.self_w[layer - 1], prefix, prefix, causal_mask=True)
    cross_spec = D.chart(at_en, "ed_cross")
    S = len(ref307.tokens)
    assert f"layer {layer} ({step}×{S})" in cross_spec["layout"]["title"]["text"]
    check_attention(cross_spec, st_.cross_w[layer - 1], prefix, ref307.tokens, causal_mask=False)
    go(at_en, layer=1)


def test_next_button_moves_one_token(at_en, ref307):
    go(at_en, step=2)
    at_en.button(key="ed_step__next").click().run()
    assert at_en.session_state["ed_step"] == 3
    assert at_en.code[3].value == TARGET_VOCAB.itos[ref307.steps[2].token]


# --- teacher forcing ----------------------------------------------------------------------------------------
def test_teacher_forcing_inputs_targets_probabilities_and_loss(at_en, ref307):
    spec = D.chart(at_en, "ed_tf")
    (cells,) = D.traces(spec, "heatmap")
    (bars,) = D.traces(spec, "bar")
    assert [D.plain(t) for t in cells["text"][0]] == words_of(ref307.tf_dec_in)
    assert [D.plain(t) for t in cells["text"][1]] == words_of(ref307.tf_targets)
    np.testing.assert_allclose(D.numbers(bars["y"]), ref307.tf_p, atol=TIGHT)
    right = ref307.tf_probs.argmax(-1) == np.array(ref307.tf_targets)
    assert [c == "#2b8a3e" for c in bars["marker"]["color"]] == list(right)
    (tex,) = [x for x in D.latex(at_en) if r"\mathcal{L}" in x]
    n = len(ref307.tf_dec_in)
    assert rf"\frac{{1}}{{{n}}}" in tex
    assert abs(D.tex_numbers(tex.split("x) =")[1])[0] - ref307.tf_loss) < 6e-5
    assert abs(ref307.tf_loss + np.mean(np.log(ref307.tf_p))) < 1e-12


# --- the GRU beside it, and the cost -----------------------------------------------------------------------------
def test_gru_states_and_badges(at_en, ref307):
    spec = D.chart(at_en, "ed_rnn")
    enc, dec = D.traces(spec, "heatmap")
    assert D.axis_ticks(spec, "yaxis") == [f"{t}: {tok}" for t, tok in enumerate(ref307.tokens, 1)]
    assert D.axis_ticks(spec, "yaxis2") == [f"{t}: {tok}" for t, tok in enumerate(words_of(ref307.rnn_dec_in), 1)]
    np.testing.assert_allclose(D.numbers(enc["z"]), ref307.rnn_enc_h, atol=TIGHT)
    np.testing.assert_allclose(D.numbers(dec["z"]), ref307.rnn_dec_h, atol=TIGHT)
    found = {b.module: b for b in D.badges(at_en)}
    assert set(found) == {"nn.TransformerEncoderLayer / nn.TransformerDecoderLayer", "nn.GRU"}
    assert all(b.ok and b.diff < 1e-12 for b in found.values())


def test_cost_table_and_chart_from_the_module_shapes(at_en, ref307):
    tr, gru = models()
    S = len(ref307.tokens)
    d = tr.d_model
    rnn_macs = S * (gru.encoder.weight_ih_l0.numel() + gru.encoder.weight_hh_l0.numel())
    linear = S * sum(layer.self_attn.in_proj_weight.numel() + layer.self_attn.out_proj.weight.numel()
                     + layer.linear1.weight.numel() + layer.linear2.weight.numel() for layer in tr.encoder_layers)
    attention = len(tr.encoder_layers) * 2 * S * S * d
    table = D.table(at_en, 0)
    assert list(table["GRU encoder"]) == [f"{S}", f"{rnn_macs:,}", f"{len(ref307.rnn_out)}"]
    assert list(table["Transformer encoder"]) == [f"{len(tr.encoder_layers)}",
                                                  f"{attention + linear:,} ({attention:,} + {linear:,})",
                                                  f"{len(ref307.steps)}"]
    spec = D.chart(at_en, "ed_cost")
    lines = D.traces(spec, "scatter")
    T = D.numbers(lines[0]["x"])
    assert T[0] == 1 and T[-1] == max(64, 8 * d)
    np.testing.assert_allclose(D.numbers(lines[0]["y"]), 6 * T * d * d)  # a GRU layer: 3 gates × 2 matrices
    np.testing.assert_allclose(D.numbers(lines[1]["y"]), 2 * T * T * d)  # Q Kᵀ and A V
    np.testing.assert_allclose(D.numbers(lines[2]["y"]), 2 * T * T * d + 12 * T * d * d)
    assert D.numbers(lines[3]["x"]).tolist() == [S, S]
    meet = 3 * d
    assert D.numbers(lines[4]["x"]).tolist() == [meet] and D.numbers(lines[4]["y"])[0] == 6 * meet * d * d
    assert 6 * meet * d * d == 2 * meet * meet * d
    assert f"d = {d} they meet at T = {meet}" in " ".join(m.value for m in at_en.markdown)


def test_failures_quote_the_shipped_metrics(at_en):
    tm, rm = METRICS["transformer"], METRICS["rnn"]
    text = " ".join(m.value for m in at_en.markdown)
    m = re.search(r"the Transformer translates ([\d.]+)% exactly right and the GRU ([\d.]+)%", text)
    assert m and abs(float(m.group(1)) - 100 * tm["held_out_exact_match"]) < 0.006
    assert abs(float(m.group(2)) - 100 * rm["held_out_exact_match"]) < 0.006
    m = re.search(r"the Transformer gets (\d+)% exactly right and the GRU (\d+)%", text)
    assert m and abs(int(m.group(1)) - 100 * tm["five_digit_exact_match_en"]) <= 0.5
    assert abs(int(m.group(2)) - 100 * rm["five_digit_exact_match_en"]) <= 0.5


# --- another number, the red badge, Korean --------------------------------------------------------------------
def test_a_longer_number_at_its_last_step():
    ref = reference("4096", "en")
    at = open_page(PAGE, lang="en")
    at.text_input(key="ed_source").set_value("4096").run()
    n = len(ref.steps)
    go(at, step=n, layer=2)
    st_ = ref.steps[-1]
    assert st_.token == EOS and at.code[3].value == "<eos>"
    prefix = words_of(st_.prefix)
    check_attention(D.chart(at, "ed_self"), st_.self_w[1], prefix, prefix, causal_mask=True)
    check_attention(D.chart(at, "ed_cross"), st_.cross_w[1], prefix, ref.tokens, causal_mask=False)
    assert "It wrote `<eos>`, so decoding ends here." in [m.value for m in at.markdown]


@pytest.fixture
def clean_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        yield
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


def test_badge_turns_red_when_the_trace_disagrees_with_pytorch(monkeypatch, clean_caches):
    delta = 1e-3
    real = core.seq2seq.trace_decoder_layer

    def off_by_a_little(*args, **kwargs):
        tr = real(*args, **kwargs)
        return dataclasses.replace(tr, output=tr.output + delta)

    monkeypatch.setattr(core.seq2seq, "trace_decoder_layer", off_by_a_little)
    at = open_page(PAGE, lang="en")
    assert not at.exception
    # What PyTorch says the perturbed trace is off by: each decoder layer's output moved by delta.
    tr, _ = models()
    ref = reference("307", "en")
    with torch.no_grad():
        memory = encode(tr, ref.src)
        gap = 0.0
        for s in ref.steps:
            moved, _, _ = decoder_pass(tr, memory, s.prefix, delta)
            gap = max(gap, float((moved[-1] - tr(ref.src[None], torch.as_tensor(s.prefix)[None])[0, -1]).abs().max()))
        moved, _, _ = decoder_pass(tr, memory, ref.tf_dec_in, delta)
        targets = torch.as_tensor(ref.tf_targets)
        base = tr(ref.src[None], torch.as_tensor(ref.tf_dec_in)[None])[0]
        gap = max(gap, float((moved - base).abs().max()),
                  abs(float(F.cross_entropy(moved, targets) - F.cross_entropy(base, targets))))
    found = {b.module: b for b in D.badges(at)}
    bad = found["nn.TransformerEncoderLayer / nn.TransformerDecoderLayer"]
    assert not bad.ok and bad.diff == pytest.approx(gap, rel=0.05) and bad.diff > 1e-4
    assert found["nn.GRU"].ok
    assert [e.icon for e in at.error if e.icon == "❌"] == ["❌"]
    assert math.isfinite(gap)


def test_korean_page_translates_and_shows_the_attention():
    ref = reference("307", "ko")
    at = open_page(PAGE, lang="ko")
    codes = [c.value for c in at.code]
    assert codes[:3] == ["삼백칠"] * 3
    step = 2
    go(at, step=step)
    st_ = ref.steps[step - 1]
    assert at.code[3].value == TARGET_VOCAB.itos[st_.token] == "백"
    prefix = words_of(st_.prefix)
    check_attention(D.chart(at, "ed_self"), st_.self_w[0], prefix, prefix, causal_mask=True, head_word="헤드")
    check_attention(D.chart(at, "ed_cross"), st_.cross_w[0], prefix, ref.tokens, causal_mask=False,
                    head_word="헤드")
    (tex,) = [x for x in D.latex(at) if r"\mathcal{L}" in x]
    assert abs(D.tex_numbers(tex.split("x) =")[1])[0] - ref.tf_loss) < 6e-5
