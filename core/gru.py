"""Gated recurrent unit (GRU): an LSTM-like memory with two gates and no separate cell.

Shown on the page "GRU".

At every step the GRU reads x_t and h_{t-1} and computes, exactly as ``torch.nn.GRU``:

    r_t = σ(W_ir x_t + b_ir + W_hr h_{t-1} + b_hr)             reset gate       (H,)
    z_t = σ(W_iz x_t + b_iz + W_hz h_{t-1} + b_hz)             update gate      (H,)
    n_t = tanh(W_in x_t + b_in + r_t ⊙ (W_hn h_{t-1} + b_hn))  candidate h_tilde (H,)
    h_t = (1 - z_t) ⊙ n_t + z_t ⊙ h_{t-1}                      new hidden state (H,)

σ is the logistic sigmoid (gates lie strictly between 0 and 1) and ⊙ multiplies element
by element. h_t is a convex mix of the old state and the candidate, so like the LSTM's
cell it can be carried forward almost unchanged.

Two conventions to notice:

- Update gate: in PyTorch's convention (used here; also Cho et al. 2014 and d2l) z_t
  near 1 *keeps* h_{t-1} and z_t near 0 takes the candidate n_t. Other texts (Chung et
  al. 2014, Olah's "Understanding LSTMs") write h_t = (1 - z_t) ⊙ h_{t-1} + z_t ⊙ n_t,
  swapping the roles of z and 1 - z.
- Reset gate: PyTorch (following cuDNN) applies r_t *after* the recurrent matrix,
  r_t ⊙ (W_hn h_{t-1} + b_hn). The textbook GRU of Cho et al. (2014) resets the state
  *before* the matrix: n_t = tanh(W x_t + U (r_t ⊙ h_{t-1}) + b). The two agree when
  r_t ≡ 1 and differ in general (W_hn (r ⊙ h) ≠ r ⊙ (W_hn h), and b_hn is gated only in
  PyTorch's form). ``trace_gru(..., variant="textbook")`` computes the textbook form with
  the same weights (b = b_in + b_hn), so the page can contrast both; only the default
  variant reproduces the module.

PyTorch packs the gates row-wise in the order r, z, n: rows [0:H] of ``weight_ih_l0`` are
W_ir, [H:2H] W_iz, [2H:3H] W_in; likewise for ``weight_hh_l0`` and both biases.

Stacked layers feed layer k the outputs h_1 .. h_T of layer k-1 (forward and reverse
halves concatenated when bidirectional). The reverse direction runs from t = T-1 down to
0, but its arrays are stored in natural time order: row t is the step that read x_t, and
its h_prev is the state produced at t+1 (or h0 at t = T-1).

``trace_gru`` recomputes ``torch.nn.GRU`` by hand from the module's own weights;
``tests/test_core_gru.py`` proves both agree to 1e-12 in float64. With input size Q,
hidden size D and K layers each layer and direction has 3·(D·(Q + D) + 2D) parameters
(layers after the first read D·directions inputs): a quarter fewer than an LSTM.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

import numpy as np
import torch

from core._common import (
    ArrayLike,
    LayeredTrace,
    as_sequence,
    check_no_dropout,
    direction_weights,
    initial_state,
    recurrent_param_count,
    seeded,
    stack_layers,
    to_numpy,
)

__all__ = [
    "GRULayerTrace",
    "GRUTrace",
    "gru_param_count",
    "make_gru",
    "trace_gru",
]

Variant = Literal["pytorch", "textbook"]


@dataclass(frozen=True)
class GRULayerTrace:
    """One layer, one direction. All time-indexed arrays are in natural time order.

    For the reverse direction (``direction == 1``) row t still belongs to time t:
    ``h_prev[t]`` is ``h[t+1]`` (or h0 at t = T-1).
    """

    layer: int
    direction: int  # 0 forward, 1 reverse
    x: np.ndarray  # (T, in)  inputs this layer saw (the sequence, or the layer below's output)
    h_prev: np.ndarray  # (T, H)  h_{t-1} used at step t
    r_pre: np.ndarray  # (T, H)  pre-activations, before σ / tanh
    z_pre: np.ndarray  # (T, H)
    n_pre: np.ndarray  # (T, H)
    r: np.ndarray  # (T, H)  reset gate
    z: np.ndarray  # (T, H)  update gate (near 1 keeps h_{t-1})
    n: np.ndarray  # (T, H)  candidate h_tilde
    h: np.ndarray  # (T, H)  hidden state h_t
    W_ih: np.ndarray  # (3H, in)  rows r, z, n
    W_hh: np.ndarray  # (3H, H)   rows r, z, n
    b_ih: np.ndarray  # (3H,)  zeros when the module has bias=False
    b_hh: np.ndarray  # (3H,)

    @property
    def h_tilde(self) -> np.ndarray:
        """The candidate state n_t, (T, H)."""
        return self.n


@dataclass(frozen=True)
class GRUTrace(LayeredTrace[GRULayerTrace]):
    """Every intermediate of one unbatched ``torch.nn.GRU`` forward pass.

    With ``variant == "pytorch"`` ``output`` and ``h_n`` equal ``module(x, h0)``;
    ``layers[k][d]`` is layer k, direction d (0 forward, 1 reverse); ``num_layers`` and
    ``num_directions`` count them. For a one-layer, one-direction GRU ``trace.r`` etc.
    read layer 0, direction 0 directly (other traces raise ValueError).
    """

    output: np.ndarray  # (T, D*H)  last layer's h, forward half then reverse half
    h_n: np.ndarray  # (D*num_layers, H)  row k*D + d: final h of layer k, direction d
    layers: tuple[tuple[GRULayerTrace, ...], ...]
    variant: Variant

    _example_gate: ClassVar[str] = "r"

    @property
    def r(self) -> np.ndarray:
        """Reset gate, (T, H); one-layer one-direction traces only."""
        return self._only().r

    @property
    def z(self) -> np.ndarray:
        """Update gate, (T, H); one-layer one-direction traces only."""
        return self._only().z

    @property
    def n(self) -> np.ndarray:
        """Candidate h_tilde, (T, H); one-layer one-direction traces only."""
        return self._only().n

    @property
    def h_tilde(self) -> np.ndarray:
        """Candidate h_tilde (same as ``n``), (T, H)."""
        return self._only().n

    @property
    def h(self) -> np.ndarray:
        """Hidden states, (T, H); one-layer one-direction traces only."""
        return self._only().h


def _prepare(
    module: torch.nn.GRU, x: ArrayLike, h0: ArrayLike | None, variant: str
) -> tuple[torch.Tensor, torch.Tensor]:
    """Check everything and return x (T, in) and h0 (D*L, H) in the parameters' dtype."""
    if not isinstance(module, torch.nn.GRU):
        raise TypeError(f"trace_gru needs a torch.nn.GRU; got {type(module).__name__}.")
    if variant not in ("pytorch", "textbook"):
        raise ValueError(f"variant must be 'pytorch' or 'textbook'; got {variant!r}.")
    check_no_dropout(module)
    x = as_sequence(module, x, "GRU")  # (T, in)
    return x, initial_state(module, h0)  # (D*L, H), zeros by default


def _run_direction(
    module: torch.nn.GRU, k: int, d: int, x: torch.Tensor, h0: torch.Tensor, variant: Variant
) -> tuple[GRULayerTrace, torch.Tensor]:
    """Unroll layer k, direction d over x (T, in) from h0 (H,); also return h (T, H)."""
    T, H = x.shape[0], module.hidden_size
    W_ih, W_hh, b_ih, b_hh = direction_weights(module, k, d)  # (3H, in), (3H, H), (3H,), (3H,)
    # PyTorch's packing order is r, z, n.
    W_ir, W_iz, W_in = W_ih.split(H)  # (H, in) each
    W_hr, W_hz, W_hn = W_hh.split(H)  # (H, H) each
    b_ir, b_iz, b_in = b_ih.split(H)  # (H,) each
    b_hr, b_hz, b_hn = b_hh.split(H)  # (H,) each

    names = ("h_prev", "r_pre", "z_pre", "n_pre", "r", "z", "n", "h")
    rec = {name: torch.empty(T, H, dtype=x.dtype, device=x.device) for name in names}
    h_prev = h0  # (H,)
    # Reverse direction reads the sequence backwards but writes row t for time t.
    for t in range(T) if d == 0 else range(T - 1, -1, -1):
        x_t = x[t]  # (in,)
        # Same grouping as PyTorch: (W_i* x_t + b_i*) + (W_h* h_{t-1} + b_h*).
        r_pre = (W_ir @ x_t + b_ir) + (W_hr @ h_prev + b_hr)  # (H,)
        z_pre = (W_iz @ x_t + b_iz) + (W_hz @ h_prev + b_hz)  # (H,)
        r_t = torch.sigmoid(r_pre)
        z_t = torch.sigmoid(z_pre)
        if variant == "pytorch":
            n_pre = (W_in @ x_t + b_in) + r_t * (W_hn @ h_prev + b_hn)  # reset after the matrix
        else:
            n_pre = (W_in @ x_t + b_in) + (W_hn @ (r_t * h_prev) + b_hn)  # Cho et al.: before it
        h_tilde = torch.tanh(n_pre)  # (H,)
        h_t = (1 - z_t) * h_tilde + z_t * h_prev  # (H,)
        step = (h_prev, r_pre, z_pre, n_pre, r_t, z_t, h_tilde, h_t)
        for name, value in zip(names, step, strict=True):
            rec[name][t] = value
        h_prev = h_t

    trace = GRULayerTrace(
        layer=k,
        direction=d,
        x=to_numpy(x),
        **{name: to_numpy(value) for name, value in rec.items()},
        W_ih=to_numpy(W_ih),
        W_hh=to_numpy(W_hh),
        b_ih=to_numpy(b_ih),
        b_hh=to_numpy(b_hh),
    )
    return trace, rec["h"]


def trace_gru(
    module: torch.nn.GRU,
    x: ArrayLike,
    h0: ArrayLike | None = None,
    *,
    variant: Variant = "pytorch",
) -> GRUTrace:
    """Run ``module`` by hand on x (T, in) from h0 (D*L, H); keep every gate.

    ``variant="textbook"`` resets h_{t-1} before W_hn (Cho et al. 2014) instead of after it;
    the result then deliberately differs from ``module(x, h0)``.
    """
    x, h0 = _prepare(module, x, h0, variant)
    D = 2 if module.bidirectional else 1

    def run(k: int, d: int, layer_input: torch.Tensor) -> tuple[GRULayerTrace, torch.Tensor]:
        return _run_direction(module, k, d, layer_input, h0[k * D + d], variant)

    layers, output, h_n = stack_layers(module, x, run)
    return GRUTrace(
        output=to_numpy(output),  # (T, D*H)
        h_n=to_numpy(h_n),  # (D*L, H)
        layers=layers,
        variant=variant,
    )


def gru_param_count(Q: int, D: int, K: int = 1, bidirectional: bool = False) -> int:
    """Weights and biases of a GRU with input size Q, hidden size D, K layers (bias=True)."""
    return recurrent_param_count(3, Q, D, K, bidirectional)  # 3 gates: r, z, n


def make_gru(
    input_size: int,
    hidden_size: int,
    *,
    num_layers: int = 1,
    bidirectional: bool = False,
    seed: int = 0,
    dtype: torch.dtype = torch.float64,
) -> torch.nn.GRU:
    """A ``torch.nn.GRU`` with PyTorch's default init for ``seed``, in eval mode.

    The global RNG is left untouched.
    """
    with seeded(seed):
        module = torch.nn.GRU(
            input_size,
            hidden_size,
            num_layers=num_layers,
            bidirectional=bidirectional,
            dtype=dtype,
        )
    return module.eval()
