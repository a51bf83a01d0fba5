"""Attention and the Transformer layer, written out step by step.

Shown on the pages "Self-attention" and "Encoder–decoder".

**Scaled dot-product attention.** Every query row asks "which key rows look like me?" and
returns a weighted average of the matching value rows. For queries X_q (Tq, E) and
keys/values X_kv (Tk, E_k), (Tk, E_v), each of the h heads works in d_k = E / h dimensions:

    Q = X_q W_Qᵀ + b_Q,  K = X_kv W_Kᵀ + b_K,  V = X_kv W_Vᵀ + b_V    each split into
                                                       h heads (h, T, d_k)
    scores  = Q Kᵀ                                     (h, Tq, Tk)  raw similarity
    scaled  = scores / √d_k                            (h, Tq, Tk)  keeps softmax unsaturated
    masked  = scaled + M                               (h, Tq, Tk)  M: 0 allowed, −inf blocked
    weights = softmax(masked) along Tk                 (h, Tq, Tk)  every row sums to 1
    head_i  = weights_i V_i                            (h, Tq, d_k)
    output  = Concat(head_1, …, head_h) W_Oᵀ + b_O     (Tq, E)

*Self-attention* uses the same sequence for X_q and X_kv; *cross-attention* takes its queries
from the decoder and keys/values from the encoder's output ("memory"), so Tq ≠ Tk is normal.

Masks follow ``torch.nn.MultiheadAttention``: a boolean mask marks with True the positions a
query may NOT attend to (they get −inf, hence weight exactly 0); a float mask is added to
``scaled`` as is. ``key_padding_mask`` (Tk,) blocks whole key columns (padding tokens). The
*causal* mask of a decoder blocks every key after the query's own position (``causal_mask``).

A query row whose keys are *all* blocked has no valid softmax. PyTorch answers differently on
its two code paths, and ``trace_mha(fully_masked=...)`` reproduces either:

- ``"nan"`` (default): ``module(..., need_weights=True)`` computes softmax(−inf, …, −inf) =
  0/0, so that row's weights and output are NaN;
- ``"zero"``: ``module(..., need_weights=False)`` (``scaled_dot_product_attention``, which
  ``nn.TransformerEncoderLayer``/``DecoderLayer`` use) gives that row weights 0, so its head
  outputs are 0 and its output row is just b_O. The layer traces use this.

**Transformer encoder layer** (post-norm, "Attention Is All You Need"; ``norm_first=False``):

    a  = MultiHead(x, x, x)            self-attention              (T, E)
    n1 = LayerNorm_1(x + a)            add & norm 1
    f  = W_2 act(W_1 n1 + b_1) + b_2   position-wise feed-forward  hidden (T, d_ff) -> (T, E)
    y  = LayerNorm_2(n1 + f)           add & norm 2

with LayerNorm(z) = (z − mean(z)) / √(var(z) + ε) · γ + β over the E features of each row.
Pre-norm (``norm_first=True``) normalises *before* each block instead:
x1 = x + MultiHead(n1, n1, n1) with n1 = LayerNorm_1(x); y = x1 + FF(LayerNorm_2(x1)).

**Transformer decoder layer** adds cross-attention between the two: masked (causal)
self-attention over the target -> add & norm 1 -> cross-attention with queries from the
decoder and keys/values from ``memory`` -> add & norm 2 -> feed-forward -> add & norm 3.

**Positional encoding.** Attention itself has no notion of order: permuting the input rows
permutes the output rows the same way (no mask, no positions), and so does a whole encoder
layer, because its feed-forward and LayerNorm act on each row alone. Adding

    PE[pos, 2i]   = sin(pos / 10000^(2i / d_model))
    PE[pos, 2i+1] = cos(pos / 10000^(2i / d_model))

to the token embeddings gives every position a distinct signature, which breaks that symmetry.
(With an odd d_model the last column is a sine without a cosine partner.)

``trace_mha``, ``trace_encoder_layer`` and ``trace_decoder_layer`` recompute the PyTorch modules
from their weights (never by calling them) in the parameters' dtype, and return every
intermediate as a read-only numpy array; ``tests/test_core_attention.py`` proves they agree
with PyTorch to 1e-12 in float64. Dropout is not applied: the traces are eval-mode forward passes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal, TypeVar

import numpy as np
import torch
import torch.nn.functional as F

from core._common import ArrayLike, seeded_module, to_numpy

__all__ = [
    "AttentionTrace",
    "DecoderLayerTrace",
    "EncoderLayerTrace",
    "causal_mask",
    "make_decoder_layer",
    "make_encoder_layer",
    "make_mha",
    "sinusoidal_positional_encoding",
    "trace_decoder_layer",
    "trace_encoder_layer",
    "trace_mha",
]

FullyMasked = Literal["nan", "zero"]
TransformerLayer = TypeVar(
    "TransformerLayer", torch.nn.TransformerEncoderLayer, torch.nn.TransformerDecoderLayer
)


@dataclass(frozen=True)
class AttentionTrace:
    """Every intermediate of one unbatched ``torch.nn.MultiheadAttention`` forward pass.

    ``weights`` and ``output`` equal ``module(query, key, value, need_weights=True,
    average_attn_weights=False)`` (or its ``need_weights=False`` path, see ``fully_masked``).
    Weight matrices keep PyTorch's (out, in) layout: Q = query W_Qᵀ + b_Q.
    """

    query: np.ndarray  # (Tq, E)    X_q, the rows asking
    key: np.ndarray  # (Tk, E_k)    X_kv rows being compared against
    value: np.ndarray  # (Tk, E_v)  X_kv rows being averaged
    W_Q: np.ndarray  # (E, E)
    W_K: np.ndarray  # (E, E_k)
    W_V: np.ndarray  # (E, E_v)
    W_O: np.ndarray  # (E, E)
    b_Q: np.ndarray  # (E,)  zeros when the module has bias=False
    b_K: np.ndarray  # (E,)
    b_V: np.ndarray  # (E,)
    b_O: np.ndarray  # (E,)
    Q: np.ndarray  # (h, Tq, d_k)
    K: np.ndarray  # (h, Tk, d_k)
    V: np.ndarray  # (h, Tk, d_k)
    scores: np.ndarray  # (h, Tq, Tk)  Q Kᵀ
    scaled: np.ndarray  # (h, Tq, Tk)  scores / √d_k
    mask: np.ndarray  # (h, Tq, Tk)  additive M: 0 allowed, −inf blocked (all 0 without masks)
    masked: np.ndarray  # (h, Tq, Tk)  scaled + M
    weights: np.ndarray  # (h, Tq, Tk)  softmax(masked) over keys
    heads: np.ndarray  # (h, Tq, d_k)  weights V, one block per head
    concat: np.ndarray  # (Tq, E)  heads side by side, head 0 first
    output: np.ndarray  # (Tq, E)  concat W_Oᵀ + b_O
    d_k: int
    fully_masked: FullyMasked  # what a row with every key blocked became: NaN or 0 weights

    @property
    def num_heads(self) -> int:
        return self.Q.shape[0]


@dataclass(frozen=True)
class EncoderLayerTrace:
    """One unbatched ``torch.nn.TransformerEncoderLayer`` pass; ``output`` equals the module.

    Post-norm (``norm_first=False``): attention reads x, residual1 = x + attn, norm1 =
    LayerNorm_1(residual1) feeds the FF, residual2 = norm1 + ff_out, output = norm2.
    Pre-norm: norm1 = LayerNorm_1(x) feeds attention, residual1 = x + attn, norm2 =
    LayerNorm_2(residual1) feeds the FF, output = residual2 = residual1 + ff_out.
    """

    x: np.ndarray  # (T, E)  layer input
    attention: AttentionTrace  # self-attention, queries = keys = values
    residual1: np.ndarray  # (T, E)  x + attention output
    norm1: np.ndarray  # (T, E)  output of LayerNorm_1
    pre_activation: np.ndarray  # (T, d_ff)  W_1 · + b_1
    hidden: np.ndarray  # (T, d_ff)  act(pre_activation)
    ff_out: np.ndarray  # (T, E)  W_2 hidden + b_2
    residual2: np.ndarray  # (T, E)  FF input + ff_out
    norm2: np.ndarray  # (T, E)  output of LayerNorm_2
    output: np.ndarray  # (T, E)
    norm_first: bool
    activation: str  # 'relu' or 'gelu'


@dataclass(frozen=True)
class DecoderLayerTrace:
    """One unbatched ``torch.nn.TransformerDecoderLayer`` pass; ``output`` equals the module.

    Post-norm: norm1 = LayerNorm_1(x + self-attn), norm2 = LayerNorm_2(norm1 + cross-attn),
    output = norm3 = LayerNorm_3(norm2 + ff_out). Pre-norm: norm_k normalises each block's input
    and output = residual3.
    """

    x: np.ndarray  # (T, E)  decoder input (target so far)
    memory: np.ndarray  # (S, E)  encoder output
    self_attention: AttentionTrace  # (h, T, T) weights, usually causal
    residual1: np.ndarray  # (T, E)
    norm1: np.ndarray  # (T, E)
    cross_attention: AttentionTrace  # queries from the decoder, keys/values from memory: (h, T, S)
    residual2: np.ndarray  # (T, E)
    norm2: np.ndarray  # (T, E)
    pre_activation: np.ndarray  # (T, d_ff)
    hidden: np.ndarray  # (T, d_ff)
    ff_out: np.ndarray  # (T, E)
    residual3: np.ndarray  # (T, E)
    norm3: np.ndarray  # (T, E)
    output: np.ndarray  # (T, E)
    norm_first: bool
    activation: str


def _writable(x: ArrayLike) -> ArrayLike:
    """Copy read-only numpy arrays (such as another trace's fields) so torch can wrap them."""
    if isinstance(x, np.ndarray) and not x.flags.writeable:
        return x.copy()
    return x


def _as_sequence(x: ArrayLike, width: int, name: str, like: torch.Tensor) -> torch.Tensor:
    """x as a (T, width) tensor in the dtype and device of ``like``; a clear error otherwise."""
    t = torch.as_tensor(_writable(x), dtype=like.dtype, device=like.device)
    if t.dim() != 2 or t.shape[1] != width:
        raise ValueError(
            f"{name} must be one unbatched sequence of shape (T, {width}); got "
            f"{tuple(t.shape)}. Pass one sequence at a time, one row per token."
        )
    if t.shape[0] == 0:
        raise ValueError(f"{name} has no tokens; give it at least one row.")
    return t


def _additive_mask(
    mask: ArrayLike | None, shapes: list[tuple[int, ...]], name: str, like: torch.Tensor
) -> torch.Tensor | None:
    """PyTorch's mask convention as an additive float mask: bool True -> −inf, floats as given."""
    if mask is None:
        return None
    m = torch.as_tensor(_writable(mask), device=like.device)
    if tuple(m.shape) not in shapes:
        wanted = " or ".join(str(s) for s in shapes)
        raise ValueError(f"{name} must have shape {wanted}; got {tuple(m.shape)}.")
    if m.dtype == torch.bool:
        zeros = torch.zeros(m.shape, dtype=like.dtype, device=like.device)
        return zeros.masked_fill(m, -math.inf)
    if m.is_floating_point():
        return m.to(like.dtype)
    raise ValueError(
        f"{name} must be boolean (True = may not attend) or float (added to the scores); "
        f"got dtype {m.dtype}."
    )


def _softmax(masked: torch.Tensor, fully_masked: FullyMasked) -> torch.Tensor:
    """Row softmax over the last axis, shifted by the row maximum so exp never overflows."""
    row_max = masked.amax(dim=-1, keepdim=True)  # (h, Tq, 1)
    e = torch.exp(masked - row_max)  # all −inf row: −inf − (−inf) = NaN, as in PyTorch
    weights = e / e.sum(dim=-1, keepdim=True)
    if fully_masked == "zero":
        # scaled_dot_product_attention's "safe softmax": nothing to attend to -> weights 0.
        blocked = torch.isneginf(masked).all(dim=-1, keepdim=True)  # (h, Tq, 1)
        weights = weights.masked_fill(blocked, 0.0)
    return weights


def _mha_parameters(
    module: torch.nn.MultiheadAttention,
) -> tuple[torch.Tensor, ...]:
    """(W_Q, W_K, W_V, b_Q, b_K, b_V, W_O, b_O), packed or separate projections alike."""
    E = module.embed_dim
    if module._qkv_same_embed_dim:
        W_Q, W_K, W_V = module.in_proj_weight.chunk(3)  # (E, E) each
    else:
        W_Q, W_K, W_V = module.q_proj_weight, module.k_proj_weight, module.v_proj_weight
    W_O = module.out_proj.weight  # (E, E)
    zeros = torch.zeros(E, dtype=W_O.dtype, device=W_O.device)
    if module.in_proj_bias is not None:
        b_Q, b_K, b_V = module.in_proj_bias.chunk(3)  # (E,) each
    else:
        b_Q = b_K = b_V = zeros
    b_O = module.out_proj.bias if module.out_proj.bias is not None else zeros
    return W_Q, W_K, W_V, b_Q, b_K, b_V, W_O, b_O


def trace_mha(
    module: torch.nn.MultiheadAttention,
    query: ArrayLike,
    key: ArrayLike,
    value: ArrayLike,
    attn_mask: ArrayLike | None = None,
    key_padding_mask: ArrayLike | None = None,
    *,
    fully_masked: FullyMasked = "nan",
) -> AttentionTrace:
    """Multi-head attention by hand: query (Tq, E), key (Tk, E_k), value (Tk, E_v) -> (Tq, E).

    attn_mask is (Tq, Tk) or (h, Tq, Tk), key_padding_mask (Tk,); bool True = may not attend.
    fully_masked picks PyTorch's need_weights=True ("nan") or need_weights=False ("zero") answer
    for a query whose keys are all blocked.
    """
    return _mha(module, query, key, value, attn_mask, key_padding_mask, fully_masked)[0]


def _mha(
    module: torch.nn.MultiheadAttention,
    query: ArrayLike,
    key: ArrayLike,
    value: ArrayLike,
    attn_mask: ArrayLike | None,
    key_padding_mask: ArrayLike | None,
    fully_masked: FullyMasked,
) -> tuple[AttentionTrace, torch.Tensor]:
    """``trace_mha`` plus its output as a tensor, so the layers keep computing in torch."""
    if module.bias_k is not None or module.bias_v is not None:
        raise ValueError(
            "trace_mha does not trace add_bias_kv=True (an extra learned key/value row); "
            "build the MultiheadAttention with add_bias_kv=False."
        )
    if module.add_zero_attn:
        raise ValueError(
            "trace_mha does not trace add_zero_attn=True (an extra all-zero key/value row); "
            "build the MultiheadAttention with add_zero_attn=False."
        )
    if fully_masked not in ("nan", "zero"):
        raise ValueError(f"fully_masked must be 'nan' or 'zero'; got {fully_masked!r}.")

    W_Q, W_K, W_V, b_Q, b_K, b_V, W_O, b_O = _mha_parameters(module)
    E, h, d_k = module.embed_dim, module.num_heads, module.head_dim
    # Unbatched input: batch_first has nothing to reorder, so it is irrelevant here.
    X_q = _as_sequence(query, E, "query", W_O)  # (Tq, E)
    X_k = _as_sequence(key, module.kdim, "key", W_O)  # (Tk, E_k)
    X_v = _as_sequence(value, module.vdim, "value", W_O)  # (Tk, E_v)
    Tq, Tk = X_q.shape[0], X_k.shape[0]
    if X_v.shape[0] != Tk:
        raise ValueError(
            f"key and value must have one row per key token; got {Tk} key rows and "
            f"{X_v.shape[0]} value rows."
        )

    # (Tq, Tk) or (h, Tq, Tk)
    M_attn = _additive_mask(attn_mask, [(Tq, Tk), (h, Tq, Tk)], "attn_mask", W_O)
    M_pad = _additive_mask(key_padding_mask, [(Tk,)], "key_padding_mask", W_O)  # (Tk,)

    with torch.no_grad():
        M = torch.zeros(h, Tq, Tk, dtype=W_O.dtype, device=W_O.device)  # (h, Tq, Tk)
        if M_attn is not None:
            M = M + M_attn
        if M_pad is not None:
            M = M + M_pad  # the same blocked key columns for every query and head

        # Project, then split E into h heads of d_k: column block i belongs to head i.
        Q = (X_q @ W_Q.T + b_Q).view(Tq, h, d_k).transpose(0, 1)  # (h, Tq, d_k)
        K = (X_k @ W_K.T + b_K).view(Tk, h, d_k).transpose(0, 1)  # (h, Tk, d_k)
        V = (X_v @ W_V.T + b_V).view(Tk, h, d_k).transpose(0, 1)  # (h, Tk, d_k)

        scores = Q @ K.transpose(1, 2)  # (h, Tq, Tk)
        scaled = scores / math.sqrt(d_k)  # (h, Tq, Tk)
        masked = scaled + M  # (h, Tq, Tk)
        weights = _softmax(masked, fully_masked)  # (h, Tq, Tk)

        heads = weights @ V  # (h, Tq, d_k)
        concat = heads.transpose(0, 1).reshape(Tq, E)  # (Tq, E)
        output = concat @ W_O.T + b_O  # (Tq, E)

    trace = AttentionTrace(
        query=to_numpy(X_q),
        key=to_numpy(X_k),
        value=to_numpy(X_v),
        W_Q=to_numpy(W_Q),
        W_K=to_numpy(W_K),
        W_V=to_numpy(W_V),
        W_O=to_numpy(W_O),
        b_Q=to_numpy(b_Q),
        b_K=to_numpy(b_K),
        b_V=to_numpy(b_V),
        b_O=to_numpy(b_O),
        Q=to_numpy(Q),
        K=to_numpy(K),
        V=to_numpy(V),
        scores=to_numpy(scores),
        scaled=to_numpy(scaled),
        mask=to_numpy(M),
        masked=to_numpy(masked),
        weights=to_numpy(weights),
        heads=to_numpy(heads),
        concat=to_numpy(concat),
        output=to_numpy(output),
        d_k=d_k,
        fully_masked=fully_masked,
    )
    return trace, output


def causal_mask(T: int) -> torch.Tensor:
    """(T, T) bool, True above the diagonal: position t may not look at positions after t."""
    if T < 1:
        raise ValueError(f"T must be a positive sequence length; got {T}.")
    return torch.ones(T, T, dtype=torch.bool).triu(diagonal=1)


def sinusoidal_positional_encoding(T: int, d_model: int) -> np.ndarray:
    """(T, d_model) PE: sin(pos / 10000^(2i/d)) in even columns 2i, cos in odd columns 2i+1."""
    if T < 1 or d_model < 1:
        raise ValueError(f"T and d_model must be positive; got T={T}, d_model={d_model}.")
    pos = np.arange(T, dtype=np.float64)[:, None]  # (T, 1)
    two_i = np.arange(0, d_model, 2, dtype=np.float64)  # (ceil(d/2),)  the even column indices
    angle = pos / 10000.0 ** (two_i / d_model)  # (T, ceil(d/2))
    pe = np.empty((T, d_model), dtype=np.float64)
    pe[:, 0::2] = np.sin(angle)
    # With odd d_model the last even column has no cos partner.
    pe[:, 1::2] = np.cos(angle[:, : d_model // 2])
    return pe


# --- Transformer layers -------------------------------------------------------------------


def _activation_name(activation: object) -> str:
    """'relu' or 'gelu' for the activations a Transformer layer may hold; ValueError otherwise."""
    if activation is F.relu or isinstance(activation, torch.nn.ReLU):
        return "relu"
    if activation is F.gelu or (
        isinstance(activation, torch.nn.GELU) and activation.approximate == "none"
    ):
        return "gelu"
    raise ValueError(
        f"the layer's activation {activation!r} is not traced; build it with "
        "activation='relu' or activation='gelu'."
    )


def _activate(z: torch.Tensor, name: str) -> torch.Tensor:
    """relu(z) = max(z, 0); gelu(z) = z Φ(z) = z (1 + erf(z / √2)) / 2 (exact, not tanh)."""
    if name == "relu":
        return z.clamp_min(0.0)
    return 0.5 * z * (1.0 + torch.erf(z / math.sqrt(2.0)))


def _layer_norm(z: torch.Tensor, norm: torch.nn.LayerNorm) -> torch.Tensor:
    """(z − mean) / √(var + ε) · γ + β over the last axis, with the biased (1/E) variance."""
    mean = z.mean(dim=-1, keepdim=True)  # (T, 1)
    var = ((z - mean) ** 2).mean(dim=-1, keepdim=True)  # (T, 1)
    out = (z - mean) / torch.sqrt(var + norm.eps)  # (T, E)
    if norm.weight is not None:
        out = out * norm.weight
    if norm.bias is not None:
        out = out + norm.bias
    return out


def _feed_forward(
    module: torch.nn.TransformerEncoderLayer | torch.nn.TransformerDecoderLayer,
    z: torch.Tensor,
    activation: str,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(pre_activation, hidden, ff_out) of W_2 act(W_1 z + b_1) + b_2 for z (T, E)."""
    W_1, b_1 = module.linear1.weight, module.linear1.bias  # (d_ff, E), (d_ff,)
    W_2, b_2 = module.linear2.weight, module.linear2.bias  # (E, d_ff), (E,)
    pre = z @ W_1.T  # (T, d_ff)
    if b_1 is not None:
        pre = pre + b_1
    hidden = _activate(pre, activation)  # (T, d_ff)
    ff_out = hidden @ W_2.T  # (T, E)
    if b_2 is not None:
        ff_out = ff_out + b_2
    return pre, hidden, ff_out


def trace_encoder_layer(
    module: torch.nn.TransformerEncoderLayer,
    x: ArrayLike,
    mask: ArrayLike | None = None,
    key_padding_mask: ArrayLike | None = None,
) -> EncoderLayerTrace:
    """One encoder layer by hand on x (T, E); mask (T, T) / key_padding_mask (T,) as in PyTorch."""
    activation = _activation_name(module.activation)
    attn = module.self_attn
    x_t = _as_sequence(x, attn.embed_dim, "x", attn.out_proj.weight)  # (T, E)

    def self_attention(z: torch.Tensor) -> tuple[AttentionTrace, torch.Tensor]:
        # The layer calls its attention with need_weights=False: blocked rows give 0, not NaN.
        return _mha(attn, z, z, z, mask, key_padding_mask, "zero")

    with torch.no_grad():
        if module.norm_first:
            norm1 = _layer_norm(x_t, module.norm1)  # (T, E)
            attention, a = self_attention(norm1)
            residual1 = x_t + a  # (T, E)
            norm2 = _layer_norm(residual1, module.norm2)  # (T, E)
            pre, hidden, ff_out = _feed_forward(module, norm2, activation)
            residual2 = residual1 + ff_out  # (T, E)
            output = residual2
        else:
            attention, a = self_attention(x_t)
            residual1 = x_t + a  # (T, E)
            norm1 = _layer_norm(residual1, module.norm1)  # (T, E)
            pre, hidden, ff_out = _feed_forward(module, norm1, activation)
            residual2 = norm1 + ff_out  # (T, E)
            norm2 = _layer_norm(residual2, module.norm2)  # (T, E)
            output = norm2

    return EncoderLayerTrace(
        x=to_numpy(x_t),
        attention=attention,
        residual1=to_numpy(residual1),
        norm1=to_numpy(norm1),
        pre_activation=to_numpy(pre),
        hidden=to_numpy(hidden),
        ff_out=to_numpy(ff_out),
        residual2=to_numpy(residual2),
        norm2=to_numpy(norm2),
        output=to_numpy(output),
        norm_first=bool(module.norm_first),
        activation=activation,
    )


def trace_decoder_layer(
    module: torch.nn.TransformerDecoderLayer,
    tgt: ArrayLike,
    memory: ArrayLike,
    tgt_mask: ArrayLike | None = None,
    memory_mask: ArrayLike | None = None,
    tgt_key_padding_mask: ArrayLike | None = None,
    memory_key_padding_mask: ArrayLike | None = None,
) -> DecoderLayerTrace:
    """One decoder layer by hand: tgt (T, E), memory (S, E); tgt_mask=causal_mask(T) to mask."""
    activation = _activation_name(module.activation)
    self_attn, cross_attn = module.self_attn, module.multihead_attn
    like = self_attn.out_proj.weight
    x_t = _as_sequence(tgt, self_attn.embed_dim, "tgt", like)  # (T, E)
    mem = _as_sequence(memory, cross_attn.kdim, "memory", like)  # (S, E)

    def attend(
        mha: torch.nn.MultiheadAttention,
        z: torch.Tensor,
        kv: torch.Tensor,
        mask: ArrayLike | None,
        padding: ArrayLike | None,
    ) -> tuple[AttentionTrace, torch.Tensor]:
        # The layer calls its attention with need_weights=False: blocked rows give 0, not NaN.
        return _mha(mha, z, kv, kv, mask, padding, "zero")

    with torch.no_grad():
        if module.norm_first:
            norm1 = _layer_norm(x_t, module.norm1)  # (T, E)
            self_tr, a = attend(self_attn, norm1, norm1, tgt_mask, tgt_key_padding_mask)
            residual1 = x_t + a  # (T, E)
            norm2 = _layer_norm(residual1, module.norm2)  # (T, E)
            cross_tr, c = attend(cross_attn, norm2, mem, memory_mask, memory_key_padding_mask)
            residual2 = residual1 + c  # (T, E)
            norm3 = _layer_norm(residual2, module.norm3)  # (T, E)
            pre, hidden, ff_out = _feed_forward(module, norm3, activation)
            residual3 = residual2 + ff_out  # (T, E)
            output = residual3
        else:
            self_tr, a = attend(self_attn, x_t, x_t, tgt_mask, tgt_key_padding_mask)
            residual1 = x_t + a  # (T, E)
            norm1 = _layer_norm(residual1, module.norm1)  # (T, E)
            cross_tr, c = attend(cross_attn, norm1, mem, memory_mask, memory_key_padding_mask)
            residual2 = norm1 + c  # (T, E)
            norm2 = _layer_norm(residual2, module.norm2)  # (T, E)
            pre, hidden, ff_out = _feed_forward(module, norm2, activation)
            residual3 = norm2 + ff_out  # (T, E)
            norm3 = _layer_norm(residual3, module.norm3)  # (T, E)
            output = norm3

    return DecoderLayerTrace(
        x=to_numpy(x_t),
        memory=to_numpy(mem),
        self_attention=self_tr,
        residual1=to_numpy(residual1),
        norm1=to_numpy(norm1),
        cross_attention=cross_tr,
        residual2=to_numpy(residual2),
        norm2=to_numpy(norm2),
        pre_activation=to_numpy(pre),
        hidden=to_numpy(hidden),
        ff_out=to_numpy(ff_out),
        residual3=to_numpy(residual3),
        norm3=to_numpy(norm3),
        output=to_numpy(output),
        norm_first=bool(module.norm_first),
        activation=activation,
    )


# --- Seeded modules -----------------------------------------------------------------------


def make_mha(
    embed_dim: int,
    num_heads: int,
    *,
    kdim: int | None = None,
    vdim: int | None = None,
    bias: bool = True,
    seed: int = 0,
    dtype: torch.dtype = torch.float64,
) -> torch.nn.MultiheadAttention:
    """An eval-mode ``nn.MultiheadAttention`` with PyTorch's default init for ``seed``.

    PyTorch initialises the projection biases to 0. The global RNG is left untouched.
    """
    if embed_dim % num_heads != 0:
        raise ValueError(
            f"embed_dim ({embed_dim}) must be divisible by num_heads ({num_heads}): each head "
            "gets d_k = embed_dim / num_heads dimensions."
        )
    return seeded_module(
        torch.nn.MultiheadAttention, embed_dim, num_heads, bias=bias, kdim=kdim, vdim=vdim,
        dtype=dtype, seed=seed,
    ).eval()


def make_encoder_layer(
    d_model: int,
    nhead: int,
    dim_feedforward: int,
    *,
    activation: str = "relu",
    norm_first: bool = False,
    bias: bool = True,
    seed: int = 0,
    dtype: torch.dtype = torch.float64,
) -> torch.nn.TransformerEncoderLayer:
    """An eval-mode ``nn.TransformerEncoderLayer`` (dropout 0) with default init for ``seed``."""
    return _make_layer(
        torch.nn.TransformerEncoderLayer, d_model, nhead, dim_feedforward,
        activation=activation, norm_first=norm_first, bias=bias, seed=seed, dtype=dtype,
    )


def make_decoder_layer(
    d_model: int,
    nhead: int,
    dim_feedforward: int,
    *,
    activation: str = "relu",
    norm_first: bool = False,
    bias: bool = True,
    seed: int = 0,
    dtype: torch.dtype = torch.float64,
) -> torch.nn.TransformerDecoderLayer:
    """An eval-mode ``nn.TransformerDecoderLayer`` (dropout 0) with default init for ``seed``."""
    return _make_layer(
        torch.nn.TransformerDecoderLayer, d_model, nhead, dim_feedforward,
        activation=activation, norm_first=norm_first, bias=bias, seed=seed, dtype=dtype,
    )


def _make_layer(
    layer_class: type[TransformerLayer],
    d_model: int,
    nhead: int,
    dim_feedforward: int,
    *,
    activation: str,
    norm_first: bool,
    bias: bool,
    seed: int,
    dtype: torch.dtype,
) -> TransformerLayer:
    """``make_encoder_layer`` / ``make_decoder_layer``: check the arguments, build, eval mode."""
    if d_model % nhead != 0:
        raise ValueError(
            f"d_model ({d_model}) must be divisible by nhead ({nhead}): each head gets "
            "d_k = d_model / nhead dimensions."
        )
    if activation not in ("relu", "gelu"):
        raise ValueError(f"activation must be 'relu' or 'gelu'; got {activation!r}.")
    return seeded_module(
        layer_class, d_model, nhead, dim_feedforward, dropout=0.0, activation=activation,
        norm_first=norm_first, bias=bias, dtype=dtype, seed=seed,
    ).eval()


# --- The "Self-attention" page: one sentence through one encoder layer -----------------------
# What the page needs beyond the traces above: the sentence's input x = embedding (+ PE), the
# layer's feed-forward alone (a model that sees one row at a time), the distances to PyTorch,
# the permutation experiment, a single head whose V width is free, and PyTorch's own error
# messages for the two shape rules (q·k needs equal widths, x + sublayer(x) needs equal shapes).

__all__ += [
    "PermutationCheck",
    "SentenceAttention",
    "SingleHeadTrace",
    "attend_sentence",
    "encoder_layer_torch_gap",
    "feed_forward",
    "kdim_vdim_case",
    "mha_torch_gap",
    "permutation",
    "permutation_check",
    "residual_shape_error",
    "scores_shape_error",
    "sdpa_torch_gap",
    "single_head_attention",
]


def mha_torch_gap(
    module: torch.nn.MultiheadAttention,
    trace: AttentionTrace,
    attn_mask: ArrayLike | None = None,
    key_padding_mask: ArrayLike | None = None,
) -> float:
    """max |trace − module(...)| over the per-head weights and the output, on the trace's inputs."""
    like = module.out_proj.weight
    q, k, v = (torch.as_tensor(_writable(a), dtype=like.dtype) for a in (trace.query, trace.key,
                                                                          trace.value))
    with torch.no_grad():
        out, w = module(q, k, v, attn_mask=attn_mask, key_padding_mask=key_padding_mask,
                        need_weights=True, average_attn_weights=False)  # (Tq, E), (h, Tq, Tk)
    return max(float(np.max(np.abs(trace.output - out.numpy()))),
               float(np.max(np.abs(trace.weights - w.numpy()))))


def encoder_layer_torch_gap(module: torch.nn.TransformerEncoderLayer, trace: EncoderLayerTrace) -> float:
    """max |trace.output − module(trace.x)|: the hand-written layer against PyTorch's (eval mode)."""
    like = module.self_attn.out_proj.weight
    with torch.no_grad():
        out = module(torch.as_tensor(_writable(trace.x), dtype=like.dtype))  # (T, E)
    return float(np.max(np.abs(trace.output - out.numpy())))


def feed_forward(
    module: torch.nn.TransformerEncoderLayer | torch.nn.TransformerDecoderLayer, x: ArrayLike
) -> np.ndarray:
    """The layer's position-wise MLP W_2 act(W_1 x + b_1) + b_2 on each row of x alone. (T, E) -> (T, E)

    Rows go through one at a time, so equal rows give bit-for-bit equal outputs whatever else is
    in x (a batched product may round differently for different T).
    """
    activation = _activation_name(module.activation)
    like = module.linear1.weight
    x_t = _as_sequence(x, module.linear1.in_features, "x", like)  # (T, E)
    with torch.no_grad():
        rows = [_feed_forward(module, row[None, :], activation)[2] for row in x_t]  # T × (1, E)
        return to_numpy(torch.cat(rows))


@dataclass(frozen=True)
class SentenceAttention:
    """One sentence through an encoder layer, as the "Self-attention" page shows it.

    x = embedded + pe when ``positional``, else x = embedded. ``layer`` is the whole post-norm
    layer on x and ``layer.attention`` its self-attention; ``mlp`` applies the layer's
    feed-forward to x directly, a model that looks at each row alone (no attention).
    """

    embedded: np.ndarray  # (T, E)  E[id] of every token
    pe: np.ndarray  # (T, E)  sinusoidal encoding of positions 0 … T−1 (added only if positional)
    positional: bool
    x: np.ndarray  # (T, E)  the layer's input
    layer: EncoderLayerTrace
    mlp: np.ndarray  # (T, E)  FF(x), row by row
    mha_gap: float  # max |trace − nn.MultiheadAttention| over weights and output
    layer_gap: float  # max |trace − nn.TransformerEncoderLayer| over the output

    @property
    def attention(self) -> AttentionTrace:
        return self.layer.attention


def attend_sentence(
    module: torch.nn.TransformerEncoderLayer, embedded: ArrayLike, *, positional: bool = True
) -> SentenceAttention:
    """Token embeddings (T, E) (+ PE) through one encoder layer, checked against PyTorch."""
    like = module.self_attn.out_proj.weight
    emb = _as_sequence(embedded, module.self_attn.embed_dim, "embedded", like)  # (T, E)
    T, E = emb.shape
    pe = torch.from_numpy(sinusoidal_positional_encoding(T, E)).to(like.dtype)  # (T, E)
    x = emb + pe if positional else emb  # (T, E)
    layer = trace_encoder_layer(module, x)
    return SentenceAttention(
        embedded=to_numpy(emb),
        pe=to_numpy(pe),
        positional=positional,
        x=to_numpy(x),
        layer=layer,
        mlp=feed_forward(module, x),
        mha_gap=mha_torch_gap(module.self_attn, layer.attention),
        layer_gap=encoder_layer_torch_gap(module, layer),
    )


PermutationKind = Literal["reverse", "shuffle"]


def permutation(T: int, kind: PermutationKind, seed: int = 0) -> np.ndarray:
    """A new order of T positions: position k of the permuted sentence holds old token perm[k].

    "reverse" reads the sentence backwards; "shuffle" is a seeded random order that is never the
    identity when T ≥ 2 (an unmoved sentence would prove nothing).
    """
    if T < 1:
        raise ValueError(f"T must be a positive sequence length; got {T}.")
    if kind == "reverse":
        return np.arange(T)[::-1].copy()
    if kind != "shuffle":
        raise ValueError(f"kind must be 'reverse' or 'shuffle'; got {kind!r}.")
    perm = np.random.default_rng(seed).permutation(T)
    if T >= 2 and np.array_equal(perm, np.arange(T)):
        perm = np.roll(perm, 1)
    return perm


@dataclass(frozen=True)
class PermutationCheck:
    """Self-attention on a sentence and on the same tokens in another order.

    Without positional encoding attention is permutation-equivariant: f(P x) = P f(x), so
    ``gap`` is at rounding level; with PE each position adds its own vector and the gap is not 0.
    """

    perm: np.ndarray  # (T,)  permuted position k holds old token perm[k]
    positional: bool
    weights: np.ndarray  # (h, T, T)  on the sentence as typed
    output: np.ndarray  # (T, E)
    weights_permuted: np.ndarray  # (h, T, T)  on the permuted sentence
    output_permuted: np.ndarray  # (T, E)
    gap: float  # max |f(x') − f(x)[perm]| over the outputs
    weights_gap: float  # max |A' − A[perm][:, perm]| over every head


def permutation_check(
    module: torch.nn.MultiheadAttention, embedded: ArrayLike, perm: ArrayLike, *, positional: bool
) -> PermutationCheck:
    """Attend over embedded (T, E) (+ PE) and over embedded[perm] (+ the same PE); compare."""
    like = module.out_proj.weight
    emb = _as_sequence(embedded, module.embed_dim, "embedded", like)  # (T, E)
    T, E = emb.shape
    p = np.asarray(perm, dtype=np.int64)
    if not np.array_equal(np.sort(p), np.arange(T)):
        raise ValueError(f"perm must be a permutation of 0 … {T - 1}; got {p.tolist()}.")
    pe = torch.from_numpy(sinusoidal_positional_encoding(T, E)).to(like.dtype)  # (T, E)
    pe = pe if positional else torch.zeros_like(pe)
    x = emb + pe  # (T, E)
    x_perm = emb[torch.from_numpy(p)] + pe  # (T, E)  tokens move, positions stay
    a = trace_mha(module, x, x, x)
    b = trace_mha(module, x_perm, x_perm, x_perm)
    return PermutationCheck(
        perm=p,
        positional=positional,
        weights=a.weights,
        output=a.output,
        weights_permuted=b.weights,
        output_permuted=b.output,
        gap=float(np.max(np.abs(b.output - a.output[p]))),
        weights_gap=float(np.max(np.abs(b.weights - a.weights[:, p][:, :, p]))),
    )


@dataclass(frozen=True)
class SingleHeadTrace:
    """softmax(Q Kᵀ / √d_k) V for one head whose value width d_v is free.

    q·k is a dot product, so Q and K need the same width d_k; V is only averaged with the
    weights, so it may have any width d_v, and the output z takes that width.
    """

    x: np.ndarray  # (T, E)
    W_Q: np.ndarray  # (d_k, E)  PyTorch's Linear layout (out, in): Q = x W_Qᵀ
    W_K: np.ndarray  # (d_k, E)
    W_V: np.ndarray  # (d_v, E)
    Q: np.ndarray  # (T, d_k)
    K: np.ndarray  # (T, d_k)
    V: np.ndarray  # (T, d_v)
    scores: np.ndarray  # (T, T)
    scaled: np.ndarray  # (T, T)
    weights: np.ndarray  # (T, T)
    output: np.ndarray  # (T, d_v)

    @property
    def d_k(self) -> int:
        return self.Q.shape[1]

    @property
    def d_v(self) -> int:
        return self.V.shape[1]


def single_head_attention(x: ArrayLike, d_k: int, d_v: int, *, seed: int = 0) -> SingleHeadTrace:
    """One head on x (T, E) with seeded bias-free projections to widths d_k, d_k and d_v."""
    if d_k < 1 or d_v < 1:
        raise ValueError(f"d_k and d_v must be positive; got d_k={d_k}, d_v={d_v}.")
    x_t = torch.as_tensor(_writable(x), dtype=torch.float64)  # (T, E)
    if x_t.dim() != 2 or x_t.shape[0] == 0:
        raise ValueError(f"x must be one sequence of shape (T, E) with T ≥ 1; got {tuple(x_t.shape)}.")
    E = x_t.shape[1]
    W_Q, W_K, W_V = (seeded_module(torch.nn.Linear, E, d, bias=False, dtype=torch.float64,
                                   seed=seed + i).weight.detach()
                     for i, d in enumerate((d_k, d_k, d_v)))
    with torch.no_grad():
        Q, K, V = x_t @ W_Q.T, x_t @ W_K.T, x_t @ W_V.T  # (T, d_k), (T, d_k), (T, d_v)
        scores = Q @ K.T  # (T, T)
        scaled = scores / math.sqrt(d_k)  # (T, T)
        weights = _softmax(scaled, "nan")  # (T, T)
        output = weights @ V  # (T, d_v)
    return SingleHeadTrace(
        x=to_numpy(x_t), W_Q=to_numpy(W_Q), W_K=to_numpy(W_K), W_V=to_numpy(W_V),
        Q=to_numpy(Q), K=to_numpy(K), V=to_numpy(V), scores=to_numpy(scores),
        scaled=to_numpy(scaled), weights=to_numpy(weights), output=to_numpy(output),
    )


def sdpa_torch_gap(trace: SingleHeadTrace) -> float:
    """max |trace.output − F.scaled_dot_product_attention(Q, K, V)| on the trace's Q, K, V."""
    Q, K, V = (torch.from_numpy(a.copy())[None] for a in (trace.Q, trace.K, trace.V))  # (1, T, ·)
    with torch.no_grad():
        out = F.scaled_dot_product_attention(Q, K, V)[0]  # (T, d_v)
    return float(np.max(np.abs(trace.output - out.numpy())))


def scores_shape_error(T: int, d_q: int, d_k: int) -> str | None:
    """PyTorch's own message for Q (T, d_q) @ Kᵀ (d_k, T); None when the widths agree."""
    try:
        torch.zeros(T, d_q) @ torch.zeros(T, d_k).T
    except RuntimeError as err:
        return str(err)
    return None


def residual_shape_error(T: int, E: int, E_out: int) -> str | None:
    """PyTorch's own message for x (T, E) + sublayer(x) (T, E_out); None when they add.

    (E_out = 1 would broadcast silently instead of failing, which is worse.)
    """
    try:
        torch.zeros(T, E) + torch.zeros(T, E_out)
    except RuntimeError as err:
        return str(err)
    return None


def kdim_vdim_case(
    x: ArrayLike, num_heads: int, kdim: int, vdim: int, *, seed: int = 0
) -> tuple[AttentionTrace, float]:
    """``nn.MultiheadAttention(E, h, kdim=, vdim=)``: queries x (T, E), keys and values from seeded
    inputs of widths kdim and vdim (T rows each); the trace and its distance to PyTorch.

    kdim and vdim are the widths of the key and value *inputs*; W_K (E, kdim) and W_V (E, vdim)
    project both to E, so inside every head Q, K and V still have d_k = E / h columns.
    """
    x_t = torch.as_tensor(_writable(x), dtype=torch.float64)  # (T, E)
    T, E = x_t.shape
    module = make_mha(E, num_heads, kdim=kdim, vdim=vdim, seed=seed)
    g = torch.Generator().manual_seed(seed + 1)
    key = torch.randn(T, kdim, generator=g, dtype=torch.float64)  # (T, kdim)
    value = torch.randn(T, vdim, generator=g, dtype=torch.float64)  # (T, vdim)
    trace = trace_mha(module, x_t, key, value)
    return trace, mha_torch_gap(module, trace)
