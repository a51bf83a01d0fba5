"""core.attention against torch.nn: hand-written attention and Transformer layers must match."""

import dataclasses
import math

import numpy as np
import pytest
import torch

from core.attention import (
    causal_mask,
    make_decoder_layer,
    make_encoder_layer,
    make_mha,
    sinusoidal_positional_encoding,
    trace_decoder_layer,
    trace_encoder_layer,
    trace_mha,
)

ATOL = 1e-12
F64 = torch.float64


def _randomize(module: torch.nn.Module, seed: int) -> torch.nn.Module:
    """Overwrite every parameter, so zero-initialised biases and unit LayerNorm gains get tested."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for p in module.parameters():
            p.copy_(0.5 * torch.randn(p.shape, generator=g, dtype=p.dtype))
    return module


def _rows(T: int, width: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(T, width, generator=g, dtype=F64)  # (T, width)


def _random_bool_mask(shape: tuple[int, ...], seed: int) -> torch.Tensor:
    """True = blocked, with the last key always allowed so no row is fully masked."""
    g = torch.Generator().manual_seed(seed)
    m = torch.rand(shape, generator=g) < 0.4
    m[..., -1] = False
    return m


def _torch_mha(module, q, k, v, attn_mask=None, key_padding_mask=None, need_weights=True):
    """The PyTorch module itself: the independent reference, per-head weights."""
    with torch.no_grad():
        out, w = module(
            q, k, v, attn_mask=attn_mask, key_padding_mask=key_padding_mask,
            need_weights=need_weights, average_attn_weights=False,
        )
    return out.numpy(), (None if w is None else w.numpy())


def _max_diff(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.abs(a - b).max())


# --- MultiheadAttention ---------------------------------------------------------------------

# (E, heads, Tq, Tk, kdim, vdim, bias, batch_first, mask kind)
MHA_CASES = {
    "1-head-self": (4, 1, 5, 5, None, None, True, False, None),
    "2-heads-cross": (6, 2, 3, 5, None, None, True, False, None),
    "4-heads-kdim-vdim": (8, 4, 4, 6, 5, 7, True, False, None),
    "no-bias-batch-first": (8, 2, 4, 4, None, None, False, True, None),
    "bool-mask": (6, 2, 4, 5, None, None, True, False, "bool"),
    "float-mask": (8, 4, 3, 6, None, None, True, False, "float"),
    "causal": (8, 2, 6, 6, None, None, True, False, "causal"),
    "key-padding": (6, 2, 3, 5, None, None, True, False, "padding"),
    "bool-mask-and-padding": (8, 4, 5, 5, 3, 3, True, False, "bool+padding"),
    "float-inf-mask-and-padding": (4, 2, 4, 5, None, None, True, False, "float-inf+padding"),
    "per-head-mask": (8, 4, 3, 4, None, None, False, False, "per-head"),
}


def _mha_case(name: str):
    E, h, Tq, Tk, kdim, vdim, bias, batch_first, kind = MHA_CASES[name]
    module = torch.nn.MultiheadAttention(
        E, h, bias=bias, kdim=kdim, vdim=vdim, batch_first=batch_first, dtype=F64
    ).eval()
    _randomize(module, seed=Tq * 10 + Tk)
    q = _rows(Tq, E, 1)
    if Tq == Tk and kdim is None and vdim is None:
        k = v = q  # self-attention
    else:
        k, v = _rows(Tk, kdim or E, 2), _rows(Tk, vdim or E, 3)
    g = torch.Generator().manual_seed(4)
    attn_mask = key_padding_mask = None
    if kind in ("bool", "bool+padding"):
        attn_mask = _random_bool_mask((Tq, Tk), seed=5)
    if kind == "float":
        attn_mask = torch.randn(Tq, Tk, generator=g, dtype=F64)
    if kind == "float-inf+padding":
        attn_mask = torch.randn(Tq, Tk, generator=g, dtype=F64)
        attn_mask[_random_bool_mask((Tq, Tk), seed=6)] = -math.inf
    if kind == "causal":
        attn_mask = causal_mask(Tq)
    if kind == "per-head":
        attn_mask = _random_bool_mask((h, Tq, Tk), seed=7)
    if kind in ("padding", "bool+padding"):
        key_padding_mask = torch.zeros(Tk, dtype=torch.bool)
        key_padding_mask[1] = True
    if kind == "float-inf+padding":  # PyTorch wants both masks of one type
        key_padding_mask = torch.zeros(Tk, dtype=F64)
        key_padding_mask[1] = -math.inf
    return module, q, k, v, attn_mask, key_padding_mask


@pytest.mark.parametrize("name", list(MHA_CASES))
def test_mha_matches_torch(name):
    module, q, k, v, attn_mask, key_padding_mask = _mha_case(name)
    out_ref, w_ref = _torch_mha(module, q, k, v, attn_mask, key_padding_mask)

    trace = trace_mha(module, q, k, v, attn_mask=attn_mask, key_padding_mask=key_padding_mask)

    h, Tq, Tk = module.num_heads, q.shape[0], k.shape[0]
    d_k = module.embed_dim // h
    assert trace.weights.shape == (h, Tq, Tk) and trace.output.shape == (Tq, module.embed_dim)
    assert trace.Q.shape == (h, Tq, d_k) and trace.K.shape == trace.V.shape == (h, Tk, d_k)
    assert trace.concat.shape == (Tq, module.embed_dim) and trace.d_k == d_k
    assert trace.weights.dtype == np.float64
    assert _max_diff(trace.weights, w_ref) < ATOL
    assert _max_diff(trace.output, out_ref) < ATOL


def test_mha_heads_split_columns_in_order():
    """Head i owns columns i*d_k:(i+1)*d_k of each projection, as PyTorch's view does."""
    module, q, k, v, _, _ = _mha_case("4-heads-kdim-vdim")
    trace = trace_mha(module, q, k, v)
    d_k = trace.d_k
    b_q, b_k, b_v = module.in_proj_bias.detach().chunk(3)
    with torch.no_grad():
        Q_all = torch.nn.functional.linear(q, module.q_proj_weight, b_q).numpy()  # (Tq, E)
        K_all = torch.nn.functional.linear(k, module.k_proj_weight, b_k).numpy()  # (Tk, E)
        V_all = torch.nn.functional.linear(v, module.v_proj_weight, b_v).numpy()  # (Tk, E)
    for i in range(module.num_heads):
        cols = slice(i * d_k, (i + 1) * d_k)
        assert _max_diff(trace.Q[i], Q_all[:, cols]) < ATOL
        assert _max_diff(trace.K[i], K_all[:, cols]) < ATOL
        assert _max_diff(trace.V[i], V_all[:, cols]) < ATOL
    assert _max_diff(trace.concat[:, d_k : 2 * d_k], trace.heads[1]) == 0.0


def test_scores_are_scaled_by_sqrt_head_dim_not_model_dim():
    module, q, k, v, _, _ = _mha_case("4-heads-kdim-vdim")
    trace = trace_mha(module, q, k, v)
    raw = np.einsum("hqd,hkd->hqk", trace.Q, trace.K)  # (h, Tq, Tk)
    assert _max_diff(trace.scores, raw) < ATOL
    assert _max_diff(trace.scaled, raw / math.sqrt(module.embed_dim // module.num_heads)) < ATOL


def test_bool_mask_true_means_blocked():
    module, q, k, v, attn_mask, key_padding_mask = _mha_case("bool-mask-and-padding")
    trace = trace_mha(module, q, k, v, attn_mask=attn_mask, key_padding_mask=key_padding_mask)
    blocked = (attn_mask | key_padding_mask[None, :]).numpy()  # (Tq, Tk)
    blocked = np.broadcast_to(blocked, trace.masked.shape)  # (h, Tq, Tk)
    assert blocked.any() and (~blocked).any()
    assert np.all(np.isneginf(trace.masked[blocked]))
    assert np.array_equal(trace.masked[~blocked], trace.scaled[~blocked])


# --- Properties -----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["1-head-self", "bool-mask", "float-inf-mask-and-padding", "causal"])
def test_attention_rows_sum_to_one(name):
    module, q, k, v, attn_mask, key_padding_mask = _mha_case(name)
    trace = trace_mha(module, q, k, v, attn_mask=attn_mask, key_padding_mask=key_padding_mask)
    assert np.all(trace.weights >= 0.0)
    assert _max_diff(trace.weights.sum(axis=-1), np.ones(trace.weights.shape[:2])) < ATOL


@pytest.mark.parametrize("name", ["bool-mask", "causal", "key-padding", "float-inf-mask-and-padding"])
def test_masked_weights_are_exactly_zero(name):
    module, q, k, v, attn_mask, key_padding_mask = _mha_case(name)
    trace = trace_mha(module, q, k, v, attn_mask=attn_mask, key_padding_mask=key_padding_mask)
    Tq, Tk = trace.weights.shape[1:]
    blocked = np.zeros((Tq, Tk), dtype=bool)
    if attn_mask is not None:
        a = attn_mask.numpy()
        blocked |= a if a.dtype == bool else np.isneginf(a)
    if key_padding_mask is not None:
        padding = key_padding_mask.numpy()
        blocked |= (padding if padding.dtype == bool else np.isneginf(padding))[None, :]
    assert blocked.any()
    assert np.all(trace.weights[:, blocked] == 0.0)
    assert np.all(trace.weights[:, ~blocked] > 0.0)


def test_causal_weights_are_lower_triangular():
    module, q, k, v, attn_mask, _ = _mha_case("causal")
    trace = trace_mha(module, q, k, v, attn_mask=attn_mask)
    T = q.shape[0]
    above = np.triu(np.ones((T, T), dtype=bool), k=1)
    assert np.all(trace.weights[:, above] == 0.0)
    assert np.all(trace.weights[:, 0, 0] == 1.0)  # the first token can only see itself


@pytest.mark.parametrize("T", [1, 2, 5, 9])
def test_causal_mask_equals_generate_square_subsequent_mask(T):
    reference = torch.nn.Transformer.generate_square_subsequent_mask(T) == -math.inf
    mask = causal_mask(T)
    assert mask.dtype == torch.bool
    assert torch.equal(mask, reference)


PERMUTATION = [3, 0, 4, 1, 2]


def test_self_attention_is_permutation_equivariant():
    module = _randomize(make_mha(8, 2), seed=11)
    x = _rows(5, 8, 12)  # (T, E)
    p = torch.tensor(PERMUTATION)
    out = trace_mha(module, x, x, x).output
    out_permuted = trace_mha(module, x[p], x[p], x[p]).output
    assert _max_diff(out_permuted, out[p.numpy()]) < ATOL
    assert _max_diff(out_permuted, out) > 1e-3  # the permutation really moved rows


def test_encoder_layer_is_permutation_equivariant():
    module = _randomize(make_encoder_layer(8, 2, 16), seed=13)
    x = _rows(5, 8, 14)  # (T, E)
    p = torch.tensor(PERMUTATION)
    out = trace_encoder_layer(module, x).output
    assert _max_diff(trace_encoder_layer(module, x[p]).output, out[p.numpy()]) < ATOL


def test_positional_encoding_breaks_permutation_equivariance():
    module = _randomize(make_encoder_layer(8, 2, 16), seed=13)
    x = _rows(5, 8, 14)  # token embeddings (T, E)
    pe = torch.from_numpy(sinusoidal_positional_encoding(5, 8))  # (T, E)
    p = torch.tensor(PERMUTATION)
    # Same tokens in another order, each given the encoding of its new position.
    out = trace_encoder_layer(module, x + pe).output
    out_permuted = trace_encoder_layer(module, x[p] + pe).output
    assert _max_diff(out_permuted, out[p.numpy()]) > 1e-3

    mha = _randomize(make_mha(8, 2), seed=11)
    z, zp = x + pe, x[p] + pe
    out = trace_mha(mha, z, z, z).output
    assert _max_diff(trace_mha(mha, zp, zp, zp).output, out[p.numpy()]) > 1e-3


@pytest.mark.parametrize("d_model", [1, 6, 7, 16])
def test_positional_encoding_matches_formula(d_model):
    T = 60
    pe = sinusoidal_positional_encoding(T, d_model)
    assert pe.shape == (T, d_model) and pe.dtype == np.float64
    for pos in (0, 1, 7, 59):
        for j in range(d_model):
            i = j // 2
            angle = pos / 10000 ** (2 * i / d_model)
            expected = math.sin(angle) if j % 2 == 0 else math.cos(angle)
            assert abs(pe[pos, j] - expected) < ATOL, (pos, j)
    assert np.array_equal(pe[0, 0::2], np.zeros((d_model + 1) // 2))
    assert np.array_equal(pe[0, 1::2], np.ones(d_model // 2))


# --- Fully masked rows ----------------------------------------------------------------------


def _fully_masked_case():
    module = _randomize(make_mha(6, 2), seed=21)  # random biases: b_O shows in the output
    x = _rows(4, 6, 22)
    attn_mask = torch.zeros(4, 4, dtype=torch.bool)
    attn_mask[2] = True  # query 2 may attend to nothing
    return module, x, attn_mask


def test_fully_masked_row_is_nan_like_need_weights_true():
    module, x, attn_mask = _fully_masked_case()
    out_ref, w_ref = _torch_mha(module, x, x, x, attn_mask)
    trace = trace_mha(module, x, x, x, attn_mask=attn_mask)
    assert np.all(np.isnan(w_ref[:, 2])) and np.all(np.isnan(out_ref[2]))
    np.testing.assert_allclose(trace.weights, w_ref, rtol=0, atol=ATOL, equal_nan=True)
    np.testing.assert_allclose(trace.output, out_ref, rtol=0, atol=ATOL, equal_nan=True)


def test_fully_masked_row_is_zero_like_need_weights_false():
    module, x, attn_mask = _fully_masked_case()
    out_ref, _ = _torch_mha(module, x, x, x, attn_mask, need_weights=False)
    trace = trace_mha(module, x, x, x, attn_mask=attn_mask, fully_masked="zero")
    assert np.all(trace.weights[:, 2] == 0.0)
    assert _max_diff(trace.output[2], module.out_proj.bias.detach().numpy()) < ATOL
    assert _max_diff(trace.output, out_ref) < ATOL


# --- Encoder and decoder layers -------------------------------------------------------------

# (d_model, nhead, d_ff, T, norm_first, activation, bias, mask kind)
ENCODER_CASES = {
    "post-norm-relu": (8, 2, 16, 5, False, "relu", True, None),
    "post-norm-1-head-causal": (4, 1, 8, 6, False, "relu", True, "causal"),
    "post-norm-4-heads-padding": (8, 4, 12, 4, False, "relu", True, "padding"),
    "post-norm-no-bias-bool-mask": (6, 3, 10, 5, False, "relu", False, "bool"),
    "pre-norm-gelu": (8, 2, 16, 5, True, "gelu", True, "causal"),
    "fully-masked-row": (8, 2, 16, 4, False, "relu", True, "full-row"),
}


@pytest.mark.parametrize("name", list(ENCODER_CASES))
def test_encoder_layer_matches_torch(name):
    E, h, d_ff, T, norm_first, activation, bias, kind = ENCODER_CASES[name]
    module = make_encoder_layer(
        E, h, d_ff, norm_first=norm_first, activation=activation, bias=bias, seed=T
    )
    _randomize(module, seed=E + T)
    x = _rows(T, E, 31)
    mask = key_padding_mask = None
    if kind == "causal":
        mask = causal_mask(T)
    if kind == "bool":
        mask = _random_bool_mask((T, T), seed=32)
    if kind == "padding":
        key_padding_mask = torch.tensor([False, False, True, False])
    if kind == "full-row":
        mask = torch.zeros(T, T, dtype=torch.bool)
        mask[1] = True
    with torch.no_grad():
        reference = module(x, src_mask=mask, src_key_padding_mask=key_padding_mask).numpy()

    trace = trace_encoder_layer(module, x, mask, key_padding_mask=key_padding_mask)

    assert trace.output.shape == (T, E) and trace.hidden.shape == (T, d_ff)
    assert trace.attention.weights.shape == (h, T, T)
    assert _max_diff(trace.output, reference) < ATOL


def test_encoder_layer_intermediates_match_torch_submodules():
    """Each recorded step equals the corresponding PyTorch submodule applied to the step before."""
    module = _randomize(make_encoder_layer(8, 2, 16), seed=41)
    x = _rows(5, 8, 42)
    mask = causal_mask(5)
    trace = trace_encoder_layer(module, x, mask)
    t = torch.tensor  # a copy: trace arrays are read-only
    with torch.no_grad():
        attn_ref, w_ref = module.self_attn(
            x, x, x, attn_mask=mask, need_weights=True, average_attn_weights=False
        )
        assert _max_diff(trace.attention.weights, w_ref.numpy()) < ATOL
        assert _max_diff(trace.residual1, (x + attn_ref).numpy()) < ATOL
        assert _max_diff(trace.norm1, module.norm1(t(trace.residual1)).numpy()) < ATOL
        hidden_ref = module.activation(module.linear1(t(trace.norm1)))
        assert _max_diff(trace.hidden, hidden_ref.numpy()) < ATOL
        assert _max_diff(trace.ff_out, module.linear2(t(trace.hidden)).numpy()) < ATOL
        assert _max_diff(trace.residual2, trace.norm1 + trace.ff_out) == 0.0
        assert _max_diff(trace.norm2, module.norm2(t(trace.residual2)).numpy()) < ATOL


# (d_model, nhead, d_ff, T, S, norm_first, activation, memory mask)
DECODER_CASES = {
    "post-norm-2-heads": (8, 2, 16, 5, 7, False, "relu", False),
    "post-norm-1-head-short-memory": (4, 1, 8, 6, 2, False, "relu", False),
    "post-norm-4-heads-memory-mask": (8, 4, 12, 4, 6, False, "relu", True),
    "pre-norm-gelu": (6, 3, 10, 5, 3, True, "gelu", True),
}


@pytest.mark.parametrize("name", list(DECODER_CASES))
def test_decoder_layer_matches_torch(name):
    E, h, d_ff, T, S, norm_first, activation, with_memory_mask = DECODER_CASES[name]
    module = make_decoder_layer(E, h, d_ff, norm_first=norm_first, activation=activation)
    _randomize(module, seed=E * T + S)
    tgt, memory = _rows(T, E, 51), _rows(S, E, 52)
    tgt_mask = causal_mask(T)
    memory_mask = _random_bool_mask((T, S), seed=53) if with_memory_mask else None
    with torch.no_grad():
        reference = module(tgt, memory, tgt_mask=tgt_mask, memory_mask=memory_mask).numpy()

    trace = trace_decoder_layer(module, tgt, memory, tgt_mask, memory_mask)

    assert trace.output.shape == (T, E)
    assert trace.self_attention.weights.shape == (h, T, T)
    assert trace.cross_attention.weights.shape == (h, T, S)
    assert _max_diff(trace.output, reference) < ATOL
    above = np.triu(np.ones((T, T), dtype=bool), k=1)
    assert np.all(trace.self_attention.weights[:, above] == 0.0)


def test_decoder_cross_attention_reads_memory():
    """Cross-attention: queries from the decoder state, keys and values from memory."""
    module = _randomize(make_decoder_layer(8, 2, 16), seed=61)
    tgt, memory = _rows(4, 8, 62), _rows(6, 8, 63)
    trace = trace_decoder_layer(module, tgt, memory, causal_mask(4))
    with torch.no_grad():
        out_ref, w_ref = module.multihead_attn(
            torch.tensor(trace.norm1), memory, memory,
            need_weights=True, average_attn_weights=False,
        )
    assert _max_diff(trace.cross_attention.weights, w_ref.numpy()) < ATOL
    assert _max_diff(trace.cross_attention.output, out_ref.numpy()) < ATOL
    assert np.array_equal(trace.cross_attention.key, memory.numpy())


# --- Errors, determinism, immutability ------------------------------------------------------


def test_encoder_output_feeds_decoder_as_memory():
    """A trace's read-only arrays are valid inputs to the next trace (encoder -> decoder)."""
    encoder = _randomize(make_encoder_layer(8, 2, 16), seed=71)
    decoder = _randomize(make_decoder_layer(8, 2, 16), seed=72)
    src, tgt = _rows(6, 8, 73), _rows(4, 8, 74)
    memory = trace_encoder_layer(encoder, src).output  # read-only (S, E)
    with torch.no_grad():
        reference = decoder(tgt, encoder(src), tgt_mask=causal_mask(4)).numpy()
    trace = trace_decoder_layer(decoder, tgt, memory, causal_mask(4))
    assert _max_diff(trace.output, reference) < ATOL


def test_rejects_add_bias_kv():
    module = torch.nn.MultiheadAttention(4, 2, add_bias_kv=True, dtype=F64)
    x = _rows(3, 4, 0)
    with pytest.raises(ValueError, match="add_bias_kv"):
        trace_mha(module, x, x, x)


def test_rejects_batched_input_and_bad_mask_shape():
    module = make_mha(4, 2)
    with pytest.raises(ValueError, match="unbatched"):
        trace_mha(module, torch.zeros(2, 3, 4, dtype=F64), torch.zeros(2, 3, 4), torch.zeros(2, 3, 4))
    x = _rows(3, 4, 0)
    with pytest.raises(ValueError, match="attn_mask"):
        trace_mha(module, x, x, x, attn_mask=torch.zeros(3, 4, dtype=torch.bool))


def test_rejects_untraced_activation():
    module = torch.nn.TransformerEncoderLayer(4, 2, 8, activation=torch.tanh, dtype=F64).eval()
    with pytest.raises(ValueError, match="activation"):
        trace_encoder_layer(module, _rows(3, 4, 0))


def test_make_helpers_are_seeded_and_leave_global_rng_alone():
    state = torch.random.get_rng_state()
    a, b, c = (make_encoder_layer(8, 2, 16, seed=s) for s in (3, 3, 4))
    make_mha(8, 2, seed=3)
    make_decoder_layer(8, 2, 16, seed=3)
    assert torch.equal(torch.random.get_rng_state(), state)
    pa, pb, pc = (torch.cat([p.flatten() for p in m.parameters()]) for m in (a, b, c))
    assert torch.equal(pa, pb) and not torch.equal(pa, pc)
    assert pa.dtype == F64 and not a.training


def test_trace_is_frozen_and_read_only():
    module, q, k, v, _, _ = _mha_case("2-heads-cross")
    trace = trace_mha(module, q, k, v)
    with pytest.raises(dataclasses.FrozenInstanceError):
        trace.weights = np.zeros(1)  # type: ignore[misc]
    with pytest.raises(ValueError):
        trace.weights[0, 0, 0] = 1.0


# --- The "Self-attention" page's additions ---------------------------------------------------
from core.attention import (  # noqa: E402
    attend_sentence,
    encoder_layer_torch_gap,
    feed_forward,
    kdim_vdim_case,
    mha_torch_gap,
    permutation,
    permutation_check,
    residual_shape_error,
    scores_shape_error,
    sdpa_torch_gap,
    single_head_attention,
)


@pytest.mark.parametrize("name", ["1-head-self", "2-heads-cross", "4-heads-kdim-vdim", "bool-mask"])
def test_mha_torch_gap_is_zero_for_the_trace_and_sees_a_wrong_number(name):
    module, q, k, v, attn_mask, key_padding_mask = _mha_case(name)
    trace = trace_mha(module, q, k, v, attn_mask=attn_mask, key_padding_mask=key_padding_mask)
    assert mha_torch_gap(module, trace, attn_mask, key_padding_mask) < ATOL
    out = trace.output.copy()
    out[0, 0] += 1e-6
    assert mha_torch_gap(module, dataclasses.replace(trace, output=out), attn_mask,
                         key_padding_mask) > 9e-7
    w = trace.weights.copy()
    w[-1, -1, 0] -= 1e-6
    assert mha_torch_gap(module, dataclasses.replace(trace, weights=w), attn_mask,
                         key_padding_mask) > 9e-7


def test_encoder_layer_torch_gap_and_feed_forward_match_the_submodules():
    module = _randomize(make_encoder_layer(8, 2, 16), seed=21)
    x = _rows(5, 8, 22)  # (T, E)
    trace = trace_encoder_layer(module, x)
    assert encoder_layer_torch_gap(module, trace) < ATOL
    out = trace.output.copy()
    out[2, 3] += 1e-6
    assert encoder_layer_torch_gap(module, dataclasses.replace(trace, output=out)) > 9e-7
    with torch.no_grad():
        reference = module.linear2(torch.relu(module.linear1(x))).numpy()  # (T, E)
    assert _max_diff(feed_forward(module, x), reference) < ATOL
    # The layer's own FF reads norm1: the same function gives the layer's ff_out.
    assert _max_diff(feed_forward(module, trace.norm1), trace.ff_out) < ATOL


@pytest.mark.parametrize("positional", [True, False])
def test_attend_sentence_adds_positions_and_matches_torch(positional):
    module = _randomize(make_encoder_layer(8, 4, 32), seed=23)
    emb = _rows(6, 8, 24)  # (T, E)
    run = attend_sentence(module, emb, positional=positional)
    pe = sinusoidal_positional_encoding(6, 8)
    assert _max_diff(run.x, emb.numpy() + (pe if positional else 0.0)) < ATOL
    assert _max_diff(run.pe, pe) < ATOL and run.positional is positional
    assert run.mha_gap < ATOL and run.layer_gap < ATOL
    with torch.no_grad():
        out, w = module.self_attn(torch.from_numpy(run.x.copy()), *(torch.from_numpy(run.x.copy()),) * 2,
                                  need_weights=True, average_attn_weights=False)
        layer_out = module(torch.from_numpy(run.x.copy())).numpy()
    assert _max_diff(run.attention.weights, w.numpy()) < ATOL
    assert _max_diff(run.attention.output, out.numpy()) < ATOL
    assert _max_diff(run.layer.output, layer_out) < ATOL
    np.testing.assert_allclose(run.attention.weights.sum(axis=-1), 1.0, atol=ATOL)


def test_same_token_in_two_contexts_differs_only_through_attention():
    """C26: one token at the same position in two sentences. The MLP sees the same row and gives
    the same output, bit for bit; attention mixes in the other tokens and does not."""
    module = _randomize(make_encoder_layer(8, 2, 16), seed=25)
    a, b = _rows(4, 8, 26), _rows(4, 8, 27)
    b[1] = a[1]  # the shared word sits at t = 2 in both sentences
    ra, rb = attend_sentence(module, a), attend_sentence(module, b)
    assert np.array_equal(ra.x[1], rb.x[1])
    assert np.array_equal(ra.mlp[1], rb.mlp[1])
    assert _max_diff(ra.attention.output[1], rb.attention.output[1]) > 1e-3
    assert _max_diff(ra.layer.output[1], rb.layer.output[1]) > 1e-3


@pytest.mark.parametrize("T", [1, 2, 3, 7, 24])
def test_permutations_are_permutations_and_move_something(T):
    assert permutation(T, "reverse").tolist() == list(range(T))[::-1]
    for seed in range(20):
        p = permutation(T, "shuffle", seed)
        assert sorted(p.tolist()) == list(range(T))
        assert T == 1 or p.tolist() != list(range(T))
    assert permutation(T, "shuffle", 3).tolist() == permutation(T, "shuffle", 3).tolist()
    with pytest.raises(ValueError, match="reverse"):
        permutation(T, "sideways")  # type: ignore[arg-type]


def test_permutation_check_is_exact_without_positions_and_not_with_them():
    module = _randomize(make_mha(8, 2), seed=28)
    emb = _rows(5, 8, 29)
    perm = np.array(PERMUTATION)
    off = permutation_check(module, emb, perm, positional=False)
    assert off.gap < ATOL and off.weights_gap < ATOL
    assert _max_diff(off.output_permuted, off.output) > 1e-3  # rows really moved
    # Independently: the module itself on the permuted rows.
    ref, _ = _torch_mha(module, emb[perm], emb[perm], emb[perm])
    assert _max_diff(off.output_permuted, ref) < ATOL
    on = permutation_check(module, emb, perm, positional=True)
    assert on.gap > 1e-3 and on.weights_gap > 1e-3
    with pytest.raises(ValueError, match="permutation"):
        permutation_check(module, emb, [0, 0, 1, 2, 3], positional=False)


@pytest.mark.parametrize(("d_k", "d_v"), [(1, 1), (3, 5), (4, 2), (8, 3)])
def test_single_head_value_width_is_free_and_matches_sdpa(d_k, d_v):
    x = _rows(6, 8, 30)
    tr = single_head_attention(x, d_k, d_v, seed=4)
    assert tr.Q.shape == tr.K.shape == (6, d_k) and tr.V.shape == (6, d_v)
    assert tr.output.shape == (6, d_v) and (tr.d_k, tr.d_v) == (d_k, d_v)
    assert sdpa_torch_gap(tr) < ATOL
    scaled = (tr.Q @ tr.K.T) / math.sqrt(d_k)
    w = np.exp(scaled - scaled.max(axis=1, keepdims=True))
    w /= w.sum(axis=1, keepdims=True)
    assert _max_diff(tr.weights, w) < ATOL and _max_diff(tr.output, w @ tr.V) < ATOL
    assert _max_diff(tr.Q, x.numpy() @ tr.W_Q.T) < ATOL
    assert single_head_attention(x, d_k, d_v, seed=4).W_V.tolist() == tr.W_V.tolist()
    tampered = dataclasses.replace(tr, output=tr.output + 1e-6)
    assert sdpa_torch_gap(tampered) > 9e-7


def test_shape_rules_report_pytorchs_own_errors():
    assert scores_shape_error(5, 4, 4) is None
    msg = scores_shape_error(5, 4, 3)
    assert msg and "5x4" in msg and "3x5" in msg
    assert residual_shape_error(5, 8, 8) is None
    msg = residual_shape_error(5, 8, 6)
    assert msg and "(8)" in msg and "(6)" in msg


def test_kdim_vdim_change_the_inputs_not_the_head_width():
    x = _rows(4, 8, 31)
    trace, gap = kdim_vdim_case(x, 2, 5, 7, seed=3)
    assert gap < ATOL
    assert trace.key.shape == (4, 5) and trace.value.shape == (4, 7)
    assert trace.W_K.shape == (8, 5) and trace.W_V.shape == (8, 7)
    assert trace.Q.shape == trace.K.shape == trace.V.shape == (2, 4, 4)
    assert trace.output.shape == (4, 8)


def test_feed_forward_treats_every_row_alone():
    """Equal rows give bit-for-bit equal MLP outputs, whatever the other rows and T are."""
    module = _randomize(make_encoder_layer(8, 2, 16), seed=32)
    row = _rows(1, 8, 33)
    a = torch.cat([_rows(6, 8, 34), row])  # T = 7, the row last
    b = torch.cat([row, _rows(2, 8, 35)])  # T = 3, the row first
    assert np.array_equal(feed_forward(module, a)[-1], feed_forward(module, b)[0])
