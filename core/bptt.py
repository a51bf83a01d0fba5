"""Backpropagation through time (BPTT): the backward pass of an RNN, one time step at a time.

Shown on the page "BPTT & gradients" (concepts C11–C14, C17).

**Forward.** A one-layer tanh RNN reads x_1 .. x_T and a linear head scores the next token:

    a_t = W_xh x_t + b_xh + W_hh h_{t-1} + b_hh     h_t = tanh(a_t)              (H,)
    z_t = V h_t + c                                  ŷ_t = softmax(z_t)           (|V|,)
    L   = Σ_t L_t,   L_t = −log ŷ_t[y_t]             (cross-entropy of step t)

**Backward.** The same weights are used at every step, so the loss reaches h_t along two
roads: through its own output (L_t) and through the next state h_{t+1}. Going from t = T
down to 1, with δ_t = ∂L/∂h_t counting every path through later steps:

    δ_T = Vᵀ(ŷ_T − y_T)
    δ_t = W_hhᵀ(δ_{t+1} ⊙ (1 − h_{t+1}²)) + Vᵀ(ŷ_t − y_t)

(1 − h² is tanh's derivative.) Each step then adds its share to every weight gradient:

    ∂L/∂W_hh = Σ_t (δ_t ⊙ (1 − h_t²)) h_{t-1}ᵀ     ∂L/∂W_xh = Σ_t (δ_t ⊙ (1 − h_t²)) x_tᵀ
    ∂L/∂V    = Σ_t (ŷ_t − y_t) h_tᵀ                ∂L/∂c    = Σ_t (ŷ_t − y_t)

A shared weight's gradient is a *sum over time*; ``BPTTTrace.contributions`` keeps every term.

**Truncated BPTT** with window k cuts the sequence into blocks [0, k), [k, 2k), …: the
hidden state is detached at every multiple of k, so no gradient crosses a block boundary
(the W_hhᵀ term above is dropped there). It is cheaper, but a loss can no longer reach an
input more than k steps back: long dependencies become invisible to learning.

**Vanishing and exploding.** ∂h_T/∂h_t = ∏_{j=t+1}^{T} diag(ψ'(a_j)) W_hh is a product of
T − t Jacobians. Its size behaves roughly like (ρ · ψ')^(T − t) for the spectral radius ρ of
W_hh: below 1 it fades exponentially (tanh' ≤ 1, sigmoid' ≤ 1/4), above 1 it can grow
exponentially (ReLU' = 1 gives no brake) until float32 overflows to Inf and then NaN.
``distance_lab`` measures it with autograd on the real modules (``torch.nn.RNN``,
``torch.nn.LSTM``, ``torch.nn.GRU``; torch.nn.RNN has no sigmoid, so ``ElmanRNN`` here
provides it, tested equal to ``torch.nn.RNN`` for tanh and ReLU). The LSTM's cell adds the
path ∂c_T/∂c_t ⊇ diag(∏ f_j): with forget gates near 1 it decays slowly, but every
f_j < 1 still shrinks it, so the LSTM *mitigates* vanishing gradients, it does not remove them.

**Clipping** by global norm rescales all gradients together when ‖g‖ = sqrt(Σ‖g_p‖²)
exceeds a threshold, exactly like ``torch.nn.utils.clip_grad_norm_``. It bounds the size of
an update; it cannot repair a gradient that has already overflowed (∞ · 0 = NaN).

``tests/test_core_bptt.py`` proves the hand-written backward pass equal to autograd in
float64 (to ~1e-12, full and truncated) and checks it by finite differences.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import torch

from core._common import ArrayLike, seeded_module
from core.lstm import make_lstm, trace_lstm
from core.rnn import softmax
from core.text import MAX_TOKENS, SentenceTensors, TokenizerSpec, make_embedding, text_to_tensors

__all__ = [
    "ACTIVATIONS",
    "SYMBOLS",
    "BPTTExample",
    "BPTTTrace",
    "ClipResult",
    "DistanceCurve",
    "DistanceLab",
    "ElmanRNN",
    "ExampleSetup",
    "FiniteDifference",
    "TrainingRun",
    "TruncationCurve",
    "as_dtype",
    "autograd_bptt",
    "autograd_max_diff",
    "bptt_example",
    "clip_by_global_norm",
    "cut_mask",
    "distance_lab",
    "example_finite_difference",
    "finite_difference",
    "forget_gate_product",
    "global_norm",
    "jacobian_norms",
    "lab_sequence",
    "make_example_model",
    "make_head",
    "make_recurrent",
    "next_token_pairs",
    "rnn_jacobian_product_norms",
    "set_spectral_radius",
    "spectral_radius",
    "trace_bptt",
    "train_with_clipping",
    "truncated_example",
    "truncation_curve",
]

Activation = Literal["tanh", "sigmoid", "relu"]
ACTIVATIONS: tuple[Activation, ...] = ("tanh", "sigmoid", "relu")
RECURRENT_NAMES = ("weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0")
# The symbols the page's equations use for PyTorch's parameter names.
SYMBOLS = {"weight_ih_l0": "W_xh", "weight_hh_l0": "W_hh", "bias_ih_l0": "b_xh", "bias_hh_l0": "b_hh",
           "head.weight": "V", "head.bias": "c"}


# --- the traced backward pass ---------------------------------------------------------------


@dataclass(frozen=True)
class BPTTTrace:
    """Forward and hand-written backward pass of a one-layer tanh RNN with a linear head.

    Time runs 0 … T-1 in the arrays (the page shows t = 1 … T). ``dh[t]`` = δ_t = ∂L/∂h_t
    with every path through later steps counted (within the truncation block).
    """

    x: np.ndarray  # (T, in)   inputs
    targets: np.ndarray  # (T,)  target id of each step
    h_prev: np.ndarray  # (T, H)  h_{t-1} used at step t (zeros at t = 0)
    a: np.ndarray  # (T, H)  pre-activations
    h: np.ndarray  # (T, H)  hidden states tanh(a)
    logits: np.ndarray  # (T, |V|)  z_t = V h_t + c
    probs: np.ndarray  # (T, |V|)  ŷ_t
    losses: np.ndarray  # (T,)  L_t = −log ŷ_t[y_t]
    err: np.ndarray  # (T, |V|)  ŷ_t − y_t  (y_t one-hot)
    dh_out: np.ndarray  # (T, H)  Vᵀ(ŷ_t − y_t): the road through the step's own output
    dh_rec: np.ndarray  # (T, H)  W_hhᵀ(δ_{t+1} ⊙ (1 − h_{t+1}²)): the road through h_{t+1}
    dh: np.ndarray  # (T, H)  δ_t = dh_out + dh_rec
    da: np.ndarray  # (T, H)  δ_t ⊙ (1 − h_t²) = ∂L/∂a_t
    contributions: Mapping[str, np.ndarray]  # name -> (T, *shape): step t's share of the gradient
    grads: Mapping[str, np.ndarray]  # name -> gradient: the sum of the contributions over t
    cut: np.ndarray  # (T,) bool: no gradient flows from step t back into h_{t-1}
    truncate: int | None  # the window k, or None for full BPTT
    W_xh: np.ndarray  # (H, in)
    W_hh: np.ndarray  # (H, H)
    V: np.ndarray  # (|V|, H)  the head's weight

    @property
    def loss(self) -> float:
        """L = Σ_t L_t."""
        return float(self.losses.sum())

    @property
    def T(self) -> int:
        return int(self.x.shape[0])


def _check_model(rnn: torch.nn.Module, head: torch.nn.Linear) -> None:
    if not isinstance(rnn, torch.nn.RNN) or rnn.nonlinearity != "tanh":
        raise ValueError("trace_bptt needs a torch.nn.RNN with nonlinearity='tanh'.")
    if rnn.num_layers != 1 or rnn.bidirectional:
        raise ValueError(
            f"trace_bptt traces one layer and one direction; got num_layers={rnn.num_layers}, "
            f"bidirectional={rnn.bidirectional}."
        )
    if not isinstance(head, torch.nn.Linear) or head.in_features != rnn.hidden_size:
        raise ValueError(f"head must be a torch.nn.Linear({rnn.hidden_size}, |V|).")


def _inputs(
    rnn: torch.nn.RNN, head: torch.nn.Linear, x: ArrayLike, targets: ArrayLike, truncate: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """x (T, in) as float64 numpy and targets (T,) as int64, checked against the model."""
    _check_model(rnn, head)
    x = np.array(x.detach().cpu() if isinstance(x, torch.Tensor) else x, dtype=np.float64)  # a copy
    targets = np.asarray(targets, dtype=np.int64).reshape(-1)
    if x.ndim != 2 or x.shape[1] != rnn.input_size:
        raise ValueError(f"x must have shape (T, {rnn.input_size}); got {x.shape}.")
    if x.shape[0] == 0 or x.shape[0] != targets.shape[0]:
        raise ValueError(f"need T ≥ 1 inputs and one target per input; got {x.shape[0]} and {len(targets)}.")
    if targets.min() < 0 or targets.max() >= head.out_features:
        raise ValueError(f"targets must be ids in [0, {head.out_features}).")
    if truncate is not None and truncate < 1:
        raise ValueError(f"truncate must be None or a window k ≥ 1; got {truncate}.")
    return x, targets


def _params(rnn: torch.nn.RNN, head: torch.nn.Linear) -> dict[str, np.ndarray]:
    out = {name: p.detach().cpu().numpy().astype(np.float64) for name, p in rnn.named_parameters()}
    out["head.weight"] = head.weight.detach().cpu().numpy().astype(np.float64)
    if head.bias is not None:
        out["head.bias"] = head.bias.detach().cpu().numpy().astype(np.float64)
    return out


def cut_mask(T: int, truncate: int | None) -> np.ndarray:
    """(T,) bool: True at steps t = k, 2k, … whose incoming state is detached."""
    t = np.arange(T)
    if truncate is None:
        return np.zeros(T, dtype=bool)
    return (t > 0) & (t % truncate == 0)


def _readonly(a: np.ndarray) -> np.ndarray:
    a = np.ascontiguousarray(a)
    a.flags.writeable = False
    return a


def trace_bptt(
    rnn: torch.nn.RNN,
    head: torch.nn.Linear,
    x: ArrayLike,
    targets: ArrayLike,
    truncate: int | None = None,
) -> BPTTTrace:
    """Forward and backward pass by hand: x (T, in), targets (T,) -> every δ_t and gradient."""
    x, targets = _inputs(rnn, head, x, targets, truncate)
    p = _params(rnn, head)
    W_xh, W_hh = p["weight_ih_l0"], p["weight_hh_l0"]  # (H, in), (H, H)
    H = W_hh.shape[0]
    b_xh = p.get("bias_ih_l0", np.zeros(H))  # (H,)
    b_hh = p.get("bias_hh_l0", np.zeros(H))  # (H,)
    V = p["head.weight"]  # (|V|, H)
    c = p.get("head.bias", np.zeros(V.shape[0]))  # (|V|,)
    T = x.shape[0]

    # Forward, as torch.nn.RNN groups it: (W_xh x_t + b_xh) + (W_hh h_{t-1} + b_hh).
    h_prev = np.zeros((T, H))
    a = np.zeros((T, H))
    h = np.zeros((T, H))
    state = np.zeros(H)
    for t in range(T):
        h_prev[t] = state
        a[t] = (W_xh @ x[t] + b_xh) + (W_hh @ state + b_hh)
        h[t] = np.tanh(a[t])
        state = h[t]
    logits = h @ V.T + c  # (T, |V|)
    probs = softmax(logits)  # (T, |V|)
    log_probs = logits - logits.max(axis=1, keepdims=True)
    log_probs = log_probs - np.log(np.exp(log_probs).sum(axis=1, keepdims=True))
    losses = -log_probs[np.arange(T), targets]  # (T,)

    # Backward, from t = T-1 down to 0.
    err = probs.copy()
    err[np.arange(T), targets] -= 1.0  # ŷ_t − y_t  (T, |V|)
    dh_out = err @ V  # Vᵀ(ŷ_t − y_t) for every t  (T, H)
    dh_rec = np.zeros((T, H))
    dh = np.zeros((T, H))
    da = np.zeros((T, H))
    cut = cut_mask(T, truncate)
    for t in range(T - 1, -1, -1):
        if t + 1 < T and not cut[t + 1]:  # no road back across a block boundary
            dh_rec[t] = W_hh.T @ da[t + 1]  # W_hhᵀ(δ_{t+1} ⊙ (1 − h_{t+1}²))
        dh[t] = dh_out[t] + dh_rec[t]
        da[t] = dh[t] * (1.0 - h[t] ** 2)  # through tanh

    contributions = {
        "weight_ih_l0": da[:, :, None] * x[:, None, :],  # (T, H, in)
        "weight_hh_l0": da[:, :, None] * h_prev[:, None, :],  # (T, H, H)
        "bias_ih_l0": da,  # (T, H)
        "bias_hh_l0": da,  # (T, H)
        "head.weight": err[:, :, None] * h[:, None, :],  # (T, |V|, H)
        "head.bias": err,  # (T, |V|)
    }
    contributions = {name: _readonly(contributions[name]) for name in p}
    grads = {name: _readonly(part.sum(axis=0)) for name, part in contributions.items()}
    return BPTTTrace(
        x=_readonly(x), targets=_readonly(targets), h_prev=_readonly(h_prev), a=_readonly(a),
        h=_readonly(h), logits=_readonly(logits), probs=_readonly(probs), losses=_readonly(losses),
        err=_readonly(err), dh_out=_readonly(dh_out), dh_rec=_readonly(dh_rec), dh=_readonly(dh),
        da=_readonly(da), contributions=contributions, grads=grads, cut=_readonly(cut),
        truncate=truncate, W_xh=_readonly(W_xh), W_hh=_readonly(W_hh), V=_readonly(V),
    )


@dataclass(frozen=True)
class AutogradResult:
    """What autograd says about the same forward pass: L, ∂L/∂h_t and every parameter gradient."""

    loss: float
    dh: np.ndarray  # (T, H)
    grads: dict[str, np.ndarray]


def autograd_bptt(
    rnn: torch.nn.RNN,
    head: torch.nn.Linear,
    x: ArrayLike,
    targets: ArrayLike,
    truncate: int | None = None,
) -> AutogradResult:
    """The reference: the real module, one step at a time, h detached at multiples of k; autograd."""
    x_np, targets_np = _inputs(rnn, head, x, targets, truncate)
    rnn, head = copy.deepcopy(rnn), copy.deepcopy(head)  # never touch the caller's .grad
    p0 = next(rnn.parameters())
    xs = torch.as_tensor(x_np, dtype=p0.dtype)  # (T, in)
    y = torch.as_tensor(targets_np)
    T = xs.shape[0]
    state = torch.zeros(1, rnn.hidden_size, dtype=p0.dtype)  # (1, H)
    hs: list[torch.Tensor] = []
    with torch.enable_grad():
        for t in range(T):
            if truncate is not None and t > 0 and t % truncate == 0:
                state = state.detach()
            _, state = rnn(xs[t : t + 1], state)  # unbatched: (1, in), (1, H)
            state.retain_grad()
            hs.append(state)
        logits = head(torch.cat(hs))  # (T, |V|)
        loss = torch.nn.functional.cross_entropy(logits, y, reduction="sum")
        loss.backward()
    grads = {name: param.grad.detach().numpy().copy() for name, param in rnn.named_parameters()}
    for name, param in head.named_parameters():
        grads[f"head.{name}"] = param.grad.detach().numpy().copy()
    dh = torch.cat([h.grad for h in hs]).detach().numpy().copy()  # (T, H)
    return AutogradResult(float(loss.detach()), dh, grads)


def autograd_max_diff(trace: BPTTTrace, ref: AutogradResult) -> float:
    """Largest |hand − autograd| over L, every δ_t and every gradient entry."""
    diffs = [abs(trace.loss - ref.loss), float(np.max(np.abs(trace.dh - ref.dh)))]
    if trace.grads.keys() != ref.grads.keys():
        raise ValueError(f"gradient names differ: {sorted(trace.grads)} vs {sorted(ref.grads)}")
    diffs += [float(np.max(np.abs(trace.grads[n] - ref.grads[n]))) for n in trace.grads]
    return max(diffs)


# --- a finite-difference check ---------------------------------------------------------------


@dataclass(frozen=True)
class FiniteDifference:
    """One weight nudged by ±eps: the slope of L against the backprop gradient."""

    name: str
    index: tuple[int, ...]
    eps: float
    loss_plus: float
    loss_minus: float
    numeric: float  # (L(w + eps) − L(w − eps)) / (2 eps)
    backprop: float  # the hand-written backward pass's value

    @property
    def abs_diff(self) -> float:
        return abs(self.numeric - self.backprop)

    @property
    def rel_diff(self) -> float:
        scale = max(abs(self.numeric), abs(self.backprop), 1e-12)
        return self.abs_diff / scale


def _loss(rnn: torch.nn.RNN, head: torch.nn.Linear, x: np.ndarray, targets: np.ndarray) -> float:
    """L of the real modules (forward only)."""
    p0 = next(rnn.parameters())
    with torch.no_grad():
        out, _ = rnn(torch.as_tensor(x, dtype=p0.dtype))  # (T, H)
        logits = head(out)  # (T, |V|)
        return float(torch.nn.functional.cross_entropy(logits, torch.as_tensor(targets), reduction="sum"))


def finite_difference(
    rnn: torch.nn.RNN,
    head: torch.nn.Linear,
    x: ArrayLike,
    targets: ArrayLike,
    name: str,
    index: Sequence[int],
    eps: float = 1e-6,
) -> FiniteDifference:
    """Nudge parameter ``name`` at ``index`` by ±eps in copies of the modules; compare with BPTT."""
    x_np, targets_np = _inputs(rnn, head, x, targets, None)
    trace = trace_bptt(rnn, head, x_np, targets_np)
    if name not in trace.grads:
        raise ValueError(f"unknown parameter {name!r}; choose one of {sorted(trace.grads)}.")
    index = tuple(int(i) for i in index)
    backprop = float(trace.grads[name][index])  # raises IndexError for a bad index
    losses = []
    for sign in (1.0, -1.0):
        r, hd = copy.deepcopy(rnn), copy.deepcopy(head)
        param = dict(r.named_parameters()) | {f"head.{n}": q for n, q in hd.named_parameters()}
        with torch.no_grad():
            param[name][index] += sign * eps
        losses.append(_loss(r, hd, x_np, targets_np))
    numeric = (losses[0] - losses[1]) / (2 * eps)
    return FiniteDifference(name, index, eps, losses[0], losses[1], numeric, backprop)


# --- truncation ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class TruncationCurve:
    """How much of the full-BPTT gradient of the recurrent weights survives truncation at k."""

    k: np.ndarray  # (K,)  windows 1 … T
    cosine: np.ndarray  # (K,)  cos(g_k, g_full)
    norm_ratio: np.ndarray  # (K,)  ‖g_k‖ / ‖g_full‖


def _flat(grads: Mapping[str, np.ndarray], names: Sequence[str]) -> np.ndarray:
    return np.concatenate([np.ravel(grads[n]) for n in names if n in grads])


def truncation_curve(
    rnn: torch.nn.RNN, head: torch.nn.Linear, x: ArrayLike, targets: ArrayLike
) -> TruncationCurve:
    """Cosine and norm ratio of the truncated to the full gradient of (W_xh, W_hh, b) for k = 1 … T."""
    full = trace_bptt(rnn, head, x, targets)
    g = _flat(full.grads, RECURRENT_NAMES)
    ks = np.arange(1, full.T + 1)
    cos, ratio = [], []
    for k in ks:
        gk = _flat(trace_bptt(rnn, head, x, targets, int(k)).grads, RECURRENT_NAMES)
        norm, norm_k = np.linalg.norm(g), np.linalg.norm(gk)
        cos.append(float(g @ gk / (norm * norm_k)) if norm > 0 and norm_k > 0 else float("nan"))
        ratio.append(float(norm_k / norm) if norm > 0 else float("nan"))
    return TruncationCurve(ks, np.array(cos), np.array(ratio))


# --- clipping --------------------------------------------------------------------------------


def global_norm(grads: Mapping[str, np.ndarray]) -> float:
    """‖g‖ = sqrt(Σ_p ‖g_p‖²) over every parameter; Inf or NaN when any entry is.

    Computed as m · sqrt(Σ (g/m)²) with m = max |g|, so huge but finite float64 gradients
    (1e200) do not overflow while squaring.
    """
    flat = [np.ravel(np.asarray(g, dtype=np.float64)) for g in grads.values()]
    g = np.concatenate(flat) if flat else np.zeros(0)
    if np.isnan(g).any():
        return float("nan")
    m = float(np.max(np.abs(g), initial=0.0))
    if m == 0.0 or math.isinf(m):
        return m
    return m * float(np.sqrt(np.sum(np.square(g / m))))


@dataclass(frozen=True)
class ClipResult:
    """Gradients rescaled together so that their global norm is at most ``max_norm``."""

    grads: dict[str, np.ndarray]
    max_norm: float
    norm_before: float
    norm_after: float
    scale: float  # the factor every gradient was multiplied by (1 when nothing was clipped)
    norms_before: dict[str, float]  # per-parameter ‖g_p‖ before
    norms_after: dict[str, float]

    @property
    def clipped(self) -> bool:
        return self.scale < 1.0

    @property
    def finite(self) -> bool:
        return math.isfinite(self.norm_before)


def clip_by_global_norm(grads: Mapping[str, np.ndarray], max_norm: float) -> ClipResult:
    """torch.nn.utils.clip_grad_norm_ by hand: g ← g · min(1, max_norm / (‖g‖ + 1e-6))."""
    if not max_norm > 0:
        raise ValueError(f"max_norm must be positive; got {max_norm}.")
    before = global_norm(grads)
    # Same formula and clamp as PyTorch; an Inf norm gives scale 0 and Inf · 0 = NaN, a NaN
    # norm gives NaN everywhere: clipping cannot rescue numbers that already overflowed.
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        scale = min(max_norm / (before + 1e-6), 1.0) if not math.isnan(before) else float("nan")
        out = {n: np.asarray(g, dtype=np.float64) * scale for n, g in grads.items()}

    def norms(gs: Mapping[str, np.ndarray]) -> dict[str, float]:
        return {n: global_norm({n: g}) for n, g in gs.items()}

    return ClipResult(out, float(max_norm), before, global_norm(out), float(scale), norms(grads), norms(out))


# --- gradient size against distance ------------------------------------------------------------


class ElmanRNN(torch.nn.Module):
    """A one-layer RNN h_t = ψ(W_xh x_t + b_xh + W_hh h_{t-1} + b_hh) with ψ ∈ {tanh, sigmoid, relu}.

    torch.nn.RNN offers only tanh and ReLU; this module adds the sigmoid with the same
    parameter names and call convention (unbatched x (T, in), h0 (1, H) -> output, h_n),
    and equals torch.nn.RNN for tanh and ReLU (tested).
    """

    recurrent_init = True  # core._common.init_parameters gives it nn.RNN's U(−1/√H, 1/√H)

    def __init__(self, input_size: int, hidden_size: int, activation: Activation = "sigmoid",
                 dtype: torch.dtype = torch.float64, device: torch.device | str | None = None) -> None:
        super().__init__()
        if activation not in ACTIVATIONS:
            raise ValueError(f"activation must be one of {ACTIVATIONS}; got {activation!r}.")
        self.input_size, self.hidden_size, self.activation = input_size, hidden_size, activation
        self.num_layers, self.bidirectional, self.bias = 1, False, True
        k = 1.0 / math.sqrt(hidden_size)  # PyTorch's init: U(−1/√H, 1/√H)

        def uniform(*shape: int) -> torch.nn.Parameter:
            empty = torch.empty(*shape, dtype=dtype, device=device)
            return torch.nn.Parameter(empty if empty.is_meta else empty.uniform_(-k, k))

        self.weight_ih_l0 = uniform(hidden_size, input_size)  # W_xh (H, in)
        self.weight_hh_l0 = uniform(hidden_size, hidden_size)  # W_hh (H, H)
        self.bias_ih_l0 = uniform(hidden_size)  # b_xh (H,)
        self.bias_hh_l0 = uniform(hidden_size)  # b_hh (H,)

    def forward(self, x: torch.Tensor, h0: torch.Tensor | None = None) -> tuple[torch.Tensor, torch.Tensor]:
        """x (T, in) or (T, N, in), h0 (1, H) or (1, N, H) -> output (T, [N,] H), h_n (1, [N,] H)."""
        psi = {"tanh": torch.tanh, "sigmoid": torch.sigmoid, "relu": torch.relu}[self.activation]
        batched = x.dim() == 3
        xb = x if batched else x[:, None, :]  # (T, N, in)
        if h0 is None:
            state = torch.zeros(xb.shape[1], self.hidden_size, dtype=x.dtype)  # (N, H)
        else:
            state = (h0 if batched else h0[:, None, :])[0]  # (N, H)
        hs = []
        for t in range(xb.shape[0]):
            # Same grouping as torch.nn.RNN: (W_xh x_t + b_xh) + (W_hh h_{t-1} + b_hh), a row per sequence.
            a = (xb[t] @ self.weight_ih_l0.T + self.bias_ih_l0) + (
                state @ self.weight_hh_l0.T + self.bias_hh_l0)
            state = psi(a)  # (N, H)
            hs.append(state)
        out = torch.stack(hs)  # (T, N, H)
        h_n = out[-1:].clone()  # (1, N, H)
        return (out, h_n) if batched else (out[:, 0], h_n[:, 0])


def spectral_radius(W: np.ndarray) -> float:
    """ρ(W) = max |λ_i|, the largest eigenvalue magnitude of a square matrix."""
    return float(np.max(np.abs(np.linalg.eigvals(np.asarray(W, dtype=np.float64)))))


def set_spectral_radius(module: torch.nn.Module, rho: float) -> torch.nn.Module:
    """Rescale every H×H gate block of ``weight_hh_l0`` in place to spectral radius ρ; return module."""
    H = module.hidden_size
    with torch.no_grad():
        W = module.weight_hh_l0  # (G*H, H)
        for g in range(W.shape[0] // H):
            block = W[g * H : (g + 1) * H]
            r = spectral_radius(block.detach().double().numpy())
            if r > 0:
                block.mul_(rho / r)
    return module


def as_dtype(dtype: torch.dtype | str) -> torch.dtype:
    """torch.float32 for "float32" etc.; a torch.dtype passes through."""
    if isinstance(dtype, torch.dtype):
        return dtype
    if dtype not in ("float32", "float64"):
        raise ValueError(f"dtype must be 'float32' or 'float64'; got {dtype!r}.")
    return getattr(torch, dtype)


def make_recurrent(
    kind: Literal["rnn", "lstm", "gru"],
    input_size: int,
    hidden_size: int,
    *,
    activation: Activation = "tanh",
    radius: float = 1.0,
    forget_bias: float = 0.0,
    seed: int = 0,
    dtype: torch.dtype | str = torch.float32,
) -> torch.nn.Module:
    """The real module for ``kind``, seeded, with every recurrent block at spectral radius ρ."""
    dtype = as_dtype(dtype)
    if kind == "lstm":
        module = make_lstm(input_size, hidden_size, forget_bias=forget_bias, seed=seed, dtype=dtype)
    elif kind == "gru":
        module = seeded_module(torch.nn.GRU, input_size, hidden_size, dtype=dtype, seed=seed)
    elif activation == "sigmoid":
        module = seeded_module(ElmanRNN, input_size, hidden_size, "sigmoid", dtype=dtype, seed=seed)
    else:
        module = seeded_module(torch.nn.RNN, input_size, hidden_size, nonlinearity=activation,
                               dtype=dtype, seed=seed)
    return set_spectral_radius(module, radius).eval()


def _step(
    module: torch.nn.Module, x_t: torch.Tensor, state: tuple[torch.Tensor, ...]
) -> tuple[torch.Tensor, ...]:
    """One call of the real module on one time step: x_t (1, N, in), state tensors (1, N, H) each."""
    if isinstance(module, torch.nn.LSTM):
        _, (h, c) = module(x_t, (state[0], state[1]))
        return h, c
    _, h = module(x_t, state[0])
    return (h,)


def jacobian_norms(module: torch.nn.Module, x: ArrayLike) -> np.ndarray:
    """‖∂h_T/∂s_t‖₂ for t = 0 … T-1 (s_t the state carried from step t into t+1; s_0 the initial state).

    Row t is at distance T − t. The state is h for an RNN or GRU and (h, c) for an LSTM. Measured
    with autograd on the real module run one step at a time: a zero perturbation ε_t is added to
    the state entering step t+1, and ∂h_T/∂ε_t is read off. All H rows of the Jacobian come from
    one backward pass: the sequence runs as a batch of H identical copies, and copy b
    backpropagates only unit b of its h_T (the copies never interact).
    """
    p0 = next(module.parameters())
    xs = torch.as_tensor(np.array(x), dtype=p0.dtype)  # (T, in)
    T, H = xs.shape[0], module.hidden_size
    xb = xs[:, None, :].expand(T, H, xs.shape[1])  # (T, N=H, in): H copies of the sequence
    n_state = 2 if isinstance(module, torch.nn.LSTM) else 1
    eps = [torch.zeros(n_state, 1, H, H, dtype=p0.dtype, requires_grad=True) for _ in range(T)]
    with torch.enable_grad():
        state: tuple[torch.Tensor, ...] = tuple(torch.zeros(1, H, H, dtype=p0.dtype) for _ in range(n_state))
        for t in range(T):
            state = tuple(s + e for s, e in zip(state, eps[t], strict=True))  # (1, N, H) each
            state = _step(module, xb[t : t + 1], state)
        h_T = state[0][0]  # (N, H): row b is copy b's final state
        grads = torch.autograd.grad(h_T.diagonal().sum(), eps, allow_unused=True)
    J = np.zeros((T, H, n_state * H))  # J[t][i] = ∂h_T[i]/∂s_t, from copy i
    for t, g in enumerate(grads):
        if g is not None:  # (n_state, 1, N, H) -> (N, n_state * H)
            J[t] = g[:, 0].permute(1, 0, 2).reshape(H, n_state * H).double().numpy()
    finite = np.isfinite(J).all(axis=(1, 2))  # (T,)
    norms = np.where(np.isnan(J).any(axis=(1, 2)), np.nan, np.inf)  # overflowed rows: NaN or Inf
    if finite.any():
        norms[finite] = np.linalg.svd(J[finite], compute_uv=False)[:, 0]  # the spectral norm
    return norms


def rnn_jacobian_product_norms(module: torch.nn.Module, x: ArrayLike) -> np.ndarray:
    """‖∏_{j=t+1}^{T} diag(ψ'(a_j)) W_hh‖₂ for t = 0 … T-1, multiplied out by hand (float64).

    Equals ``jacobian_norms`` of the same RNN: the chain rule written as a product.
    """
    act = getattr(module, "activation", None) or module.nonlinearity
    W_xh, W_hh = (getattr(module, n).detach().double().numpy() for n in ("weight_ih_l0", "weight_hh_l0"))
    b = (module.bias_ih_l0 + module.bias_hh_l0).detach().double().numpy()
    xs = np.asarray(x, dtype=np.float64)
    T, H = xs.shape[0], W_hh.shape[0]
    with np.errstate(over="ignore", invalid="ignore"):
        state = np.zeros(H)
        dpsi = np.zeros((T, H))
        for t in range(T):
            a = W_xh @ xs[t] + W_hh @ state + b
            if act == "tanh":
                state = np.tanh(a)
                dpsi[t] = 1 - state**2
            elif act == "sigmoid":
                state = 1 / (1 + np.exp(-a))
                dpsi[t] = state * (1 - state)
            else:
                state = np.maximum(a, 0)
                dpsi[t] = (a > 0).astype(float)
        norms = np.zeros(T)
        P = np.eye(H)  # ∂h_T/∂h_t, built from t = T-1 down to 0
        for t in range(T - 1, -1, -1):
            P = P @ (dpsi[t][:, None] * W_hh)  # multiply by diag(ψ'(a_{t+1})) W_hh on the right
            norms[t] = np.linalg.norm(P, 2) if np.isfinite(P).all() else np.inf
    return norms


def forget_gate_product(lstm: torch.nn.LSTM, x: ArrayLike) -> np.ndarray:
    """Mean over units of ∏_{j=t+1}^{T} f_j for t = 0 … T-1: the LSTM cell's direct path ∂c_T/∂c_t."""
    f = trace_lstm(lstm, np.asarray(x, dtype=np.float64) if next(lstm.parameters()).dtype == torch.float64
                   else np.asarray(x)).f.astype(np.float64)  # (T, H)
    # Row t: product of f over steps t+1 … T (1-based), i.e. rows t … T-1 (0-based).
    prod = np.cumprod(f[::-1], axis=0)[::-1]  # prod[t] = ∏_{j ≥ t} f_j
    return prod.mean(axis=1)


@dataclass(frozen=True)
class DistanceCurve:
    """Gradient size against distance for one model."""

    name: str  # "rnn", "lstm", "gru"
    norms: np.ndarray  # (T,) ‖∂h_T/∂s_t‖₂ at distance[t]; NaN/Inf where the numbers overflowed

    @property
    def first_nonfinite(self) -> int | None:
        """The smallest distance whose value is Inf or NaN, if any."""
        bad = np.flatnonzero(~np.isfinite(self.norms))
        return None if bad.size == 0 else int(self.norms.shape[0] - bad.max())

    @property
    def first_zero(self) -> int | None:
        """The smallest distance whose value underflowed to exactly 0, if any."""
        zero = np.flatnonzero(self.norms == 0)
        return None if zero.size == 0 else int(self.norms.shape[0] - zero.max())


@dataclass(frozen=True)
class DistanceLab:
    """RNN, LSTM and GRU on the same input: gradient size against distance T − t."""

    distance: np.ndarray  # (T,)  T − t for t = 0 … T-1 (so it runs T … 1)
    rnn: DistanceCurve
    rnn_other: dict[str, DistanceCurve]  # the RNN with the other activations, for comparison
    lstm: DistanceCurve
    gru: DistanceCurve
    forget_product: np.ndarray  # (T,) mean over units of ∏ f_j
    rnn_product: np.ndarray  # (T,) the RNN's Jacobian product, multiplied out by hand (float64)
    activation: str
    radius: float
    forget_bias: float
    dtype: str
    grads: dict[str, np.ndarray]  # ∂L/∂θ of the RNN and its head on the lab's next-token loss


def next_token_pairs(ids: Sequence[int], length: int | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Inputs and targets of next-token prediction: target of step t is token t+1.

    With ``length`` the token stream is repeated until it has length + 1 tokens, so any
    sequence length can be studied on the learner's own text.
    """
    ids = np.asarray(ids, dtype=np.int64)
    if ids.size < 2:
        raise ValueError("next-token prediction needs at least two tokens.")
    if length is not None:
        ids = np.resize(ids, length + 1)  # repeats the stream
    return ids[:-1], ids[1:]


def _rnn_grads(module: torch.nn.Module, head: torch.nn.Linear, x: np.ndarray,
               targets: np.ndarray) -> dict[str, np.ndarray]:
    """∂L/∂θ by autograd on copies of the modules (L: summed next-token cross-entropy)."""
    module, head = copy.deepcopy(module), copy.deepcopy(head)
    p0 = next(module.parameters())
    with torch.enable_grad():
        out, _ = module(torch.as_tensor(x, dtype=p0.dtype))
        loss = torch.nn.functional.cross_entropy(head(out), torch.as_tensor(targets), reduction="sum")
        loss.backward()
    grads = {n: q.grad.detach().double().numpy().copy() for n, q in module.named_parameters()}
    grads |= {f"head.{n}": q.grad.detach().double().numpy().copy() for n, q in head.named_parameters()}
    return grads


def make_head(hidden_size: int, vocab_size: int, seed: int, dtype: torch.dtype) -> torch.nn.Linear:
    return seeded_module(torch.nn.Linear, hidden_size, vocab_size, dtype=dtype, seed=seed + 1)


def distance_lab(
    x: ArrayLike,
    targets: ArrayLike,
    vocab_size: int,
    *,
    activation: Activation = "tanh",
    radius: float = 1.0,
    forget_bias: float = 1.0,
    hidden_size: int = 16,
    seed: int = 0,
    dtype: torch.dtype | str = torch.float32,
) -> DistanceLab:
    """Measure ‖∂h_T/∂s_t‖ against T − t for an RNN (ψ = ``activation``), an LSTM and a GRU."""
    dtype = as_dtype(dtype)
    xs = np.asarray(x)
    T, Q = xs.shape
    kw = dict(radius=radius, seed=seed, dtype=dtype)

    def curve(kind: str, act: Activation = "tanh") -> tuple[DistanceCurve, torch.nn.Module]:
        module = make_recurrent(kind, Q, hidden_size, activation=act, forget_bias=forget_bias, **kw)  # type: ignore[arg-type]
        return DistanceCurve(kind, jacobian_norms(module, xs)), module

    rnn, rnn_module = curve("rnn", activation)
    others = {a: curve("rnn", a)[0] for a in ACTIVATIONS if a != activation}
    lstm, lstm_module = curve("lstm")
    gru, _ = curve("gru")
    head = make_head(hidden_size, vocab_size, seed, dtype)
    return DistanceLab(
        distance=T - np.arange(T),
        rnn=rnn,
        rnn_other=others,
        lstm=lstm,
        gru=gru,
        forget_product=forget_gate_product(lstm_module, xs),
        rnn_product=rnn_jacobian_product_norms(rnn_module, xs),
        activation=activation,
        radius=radius,
        forget_bias=forget_bias,
        dtype=str(dtype).removeprefix("torch."),
        grads=_rnn_grads(rnn_module, head, xs, np.asarray(targets)),
    )


@dataclass(frozen=True)
class TrainingRun:
    """Plain gradient descent on the lab's loss, with and without clipping."""

    loss_plain: np.ndarray  # (steps + 1,)  NaN once the run broke down
    loss_clipped: np.ndarray  # (steps + 1,)
    norm_plain: np.ndarray  # (steps,)  global gradient norm before each update
    norm_clipped: np.ndarray  # (steps,)  before clipping
    max_norm: float
    lr: float


def train_with_clipping(
    x: ArrayLike,
    targets: ArrayLike,
    vocab_size: int,
    *,
    activation: Activation = "tanh",
    radius: float = 1.0,
    hidden_size: int = 16,
    seed: int = 0,
    dtype: torch.dtype | str = torch.float32,
    max_norm: float = 1.0,
    lr: float = 0.05,
    steps: int = 20,
) -> TrainingRun:
    """Two fresh copies of the lab's RNN and head trained by SGD on L, one clipping each update."""
    dtype = as_dtype(dtype)
    xs, ys = np.asarray(x), torch.as_tensor(np.asarray(targets))
    Q = xs.shape[1]
    runs = []
    for clip in (False, True):
        module = make_recurrent("rnn", Q, hidden_size, activation=activation, radius=radius, seed=seed,
                                dtype=dtype)
        head = make_head(hidden_size, vocab_size, seed, dtype)
        params = [*module.parameters(), *head.parameters()]
        xt = torch.as_tensor(xs, dtype=params[0].dtype)
        losses, norms = [], []
        with torch.enable_grad():
            for step in range(steps + 1):
                for q in params:
                    q.grad = None
                out, _ = module(xt)
                loss = torch.nn.functional.cross_entropy(head(out), ys, reduction="sum")
                losses.append(float(loss.detach()))
                if step == steps or not math.isfinite(losses[-1]):
                    break
                loss.backward()
                norm = torch.nn.utils.clip_grad_norm_(params, max_norm if clip else math.inf)
                norms.append(float(norm))
                with torch.no_grad():
                    for q in params:
                        q -= lr * q.grad
        losses += [math.nan] * (steps + 1 - len(losses))  # the run broke down: nothing more to plot
        norms += [math.nan] * (steps - len(norms))
        runs.append((np.array(losses), np.array(norms)))
    (lp, np_), (lc, nc) = runs
    return TrainingRun(lp, lc, np_, nc, float(max_norm), float(lr))


# --- the page's example model -------------------------------------------------------------------


def make_example_model(
    input_size: int, hidden_size: int, vocab_size: int, *, radius: float = 0.9, seed: int = 0
) -> tuple[torch.nn.RNN, torch.nn.Linear]:
    """The float64 tanh RNN (W_hh at spectral radius ρ) and head the page traces."""
    rnn = make_recurrent("rnn", input_size, hidden_size, radius=radius, seed=seed, dtype=torch.float64)
    return rnn, make_head(hidden_size, vocab_size, seed, torch.float64)


@dataclass(frozen=True)
class ExampleSetup:
    """What the page needs to rebuild its example: the settings of ``example_setup``."""

    sentences: tuple[str, ...]
    spec: TokenizerSpec
    index: int = 0  # which line of the learner's text
    hidden_size: int = 4
    radius: float = 0.9
    seed: int = 0
    embed_dim: int = 4

    def build(self) -> tuple[SentenceTensors, tuple[str, ...], tuple[int, ...], np.ndarray, np.ndarray,
                             torch.nn.RNN, torch.nn.Linear]:
        """(sentence, vocabulary, tokens cut per line, x (T, d), targets (T,), rnn, head).

        x_t = E[token t] and the target of step t is token t+1, over a vocabulary of all the lines.
        """
        tt = text_to_tensors(self.sentences, self.spec, d=self.embed_dim, seed=self.seed,
                             max_tokens=MAX_TOKENS)
        row = tt.sentences[self.index]
        x = tt.embedded[self.index, : len(row.ids) - 1]  # (T, d)
        targets = row.ids[1:]  # (T,)
        rnn, head = make_example_model(self.embed_dim, self.hidden_size, len(tt.vocab), radius=self.radius,
                                       seed=self.seed)
        return row, tt.vocab.itos, tuple(r.dropped for r in tt.sentences), x, targets, rnn, head


@dataclass(frozen=True)
class BPTTExample:
    """The learner's sentence as a next-token task, its traced backward pass and the checks."""

    tokens: tuple[str, ...]  # (T + 1,)  with <bos> and <eos>; inputs are tokens[:-1], targets tokens[1:]
    ids: np.ndarray  # (T + 1,)
    itos: tuple[str, ...]  # the vocabulary, built from all of the learner's lines
    dropped: tuple[int, ...]  # tokens cut beyond the cap, per line
    trace: BPTTTrace  # full BPTT
    autograd_diff: float  # max |hand − autograd| over L, every δ_t and every gradient
    curve: TruncationCurve
    radius: float  # ρ(W_hh) after scaling


def bptt_example(setup: ExampleSetup) -> BPTTExample:
    """The learner's sentence traced with full BPTT, checked against autograd."""
    row, itos, dropped, x, targets, rnn, head = setup.build()
    trace = trace_bptt(rnn, head, x, targets)
    return BPTTExample(
        tokens=row.tokens, ids=row.ids, itos=itos, dropped=dropped, trace=trace,
        autograd_diff=autograd_max_diff(trace, autograd_bptt(rnn, head, x, targets)),
        curve=truncation_curve(rnn, head, x, targets),
        radius=spectral_radius(rnn.weight_hh_l0.detach().numpy()),
    )


def truncated_example(setup: ExampleSetup, k: int) -> tuple[BPTTTrace, float]:
    """The same sentence with truncated BPTT (window k), and its max |hand − autograd|."""
    _, _, _, x, targets, rnn, head = setup.build()
    trace = trace_bptt(rnn, head, x, targets, k)
    return trace, autograd_max_diff(trace, autograd_bptt(rnn, head, x, targets, k))


def example_finite_difference(
    setup: ExampleSetup, name: str, entry: Sequence[int], eps: float = 1e-6
) -> FiniteDifference:
    """``finite_difference`` on the same model and sentence as ``bptt_example``."""
    _, _, _, x, targets, rnn, head = setup.build()
    return finite_difference(rnn, head, x, targets, name, entry, eps)


def lab_sequence(
    ids: Sequence[int], vocab_size: int, length: int, *, embed_dim: int = 8, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """The learner's tokens repeated to ``length`` steps: embedded inputs (T, d) and targets (T,)."""
    inputs, targets = next_token_pairs(ids, length)
    E = make_embedding(vocab_size, embed_dim, seed).weight.detach().numpy()  # (|V|, d)
    return E[inputs].copy(), targets
