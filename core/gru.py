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

For the page, ``gate_terms`` splits every pre-activation into its summands (W_ir x_t,
W_hr h_{t-1}, …) and computes the textbook reset from the *same* h_{t-1};
``carry_share`` is the share of an earlier state that the update gate passes straight
through (∏ z_k); ``shift_update_gate`` biases z; ``param_counts`` counts the parameters of
real ``nn.RNN`` / ``nn.LSTM`` / ``nn.GRU`` modules; and ``gru_lab`` runs a GRU, its textbook
twin, an RNN and an LSTM in lockstep on one sequence.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
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
    seeded_module,
    stack_layers,
    to_numpy,
)
from core.lstm import LSTMTrace, make_lstm, trace_lstm
from core.rnn import RNNTrace, make_rnn, trace_rnn

__all__ = [
    "GRULab",
    "GRULayerTrace",
    "GRUTerms",
    "GRUTrace",
    "ParamCount",
    "carry_share",
    "gate_terms",
    "gru_lab",
    "gru_param_count",
    "make_gru",
    "param_counts",
    "shift_update_gate",
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
    return seeded_module(
        torch.nn.GRU,
        input_size,
        hidden_size,
        num_layers=num_layers,
        bidirectional=bidirectional,
        dtype=dtype,
        seed=seed,
    ).eval()


# --- What the page "GRU" shows besides the trace ------------------------------------------


@dataclass(frozen=True)
class GRUTerms:
    """The summands of every pre-activation of one layer and direction, step by step.

    r_pre = W_ir_x + b_ir + W_hr_h + b_hr, z_pre likewise, and
    n_pre = W_in_x + b_in + reset_pytorch with reset_pytorch = r_t ⊙ (W_hn h_{t-1} + b_hn).
    ``reset_textbook`` = W_hn (r_t ⊙ h_{t-1}) + b_hn uses the *same* r_t and h_{t-1}, so the
    two forms can be compared on one step, apart from the drift of a whole textbook run.
    """

    W_ir_x: np.ndarray  # (T, H)  W_ir x_t, no bias
    W_hr_h: np.ndarray  # (T, H)  W_hr h_{t-1}
    W_iz_x: np.ndarray  # (T, H)
    W_hz_h: np.ndarray  # (T, H)
    W_in_x: np.ndarray  # (T, H)
    W_hn_h: np.ndarray  # (T, H)
    b_ir: np.ndarray  # (H,)
    b_hr: np.ndarray  # (H,)
    b_iz: np.ndarray  # (H,)
    b_hz: np.ndarray  # (H,)
    b_in: np.ndarray  # (H,)
    b_hn: np.ndarray  # (H,)
    W_hn_rh: np.ndarray  # (T, H)  W_hn (r_t ⊙ h_{t-1}), the textbook's recurrent product
    reset_pytorch: np.ndarray  # (T, H)  r_t ⊙ (W_hn h_{t-1} + b_hn)
    reset_textbook: np.ndarray  # (T, H)  W_hn (r_t ⊙ h_{t-1}) + b_hn
    n_textbook: np.ndarray  # (T, H)  tanh(W_in x_t + b_in + reset_textbook)


def gate_terms(tr: GRULayerTrace) -> GRUTerms:
    """Split the pre-activations of one layer trace into their summands; (T, H) each."""
    W_ir, W_iz, W_in = np.split(tr.W_ih, 3)  # (H, in) each, packed r, z, n
    W_hr, W_hz, W_hn = np.split(tr.W_hh, 3)  # (H, H) each
    b_ir, b_iz, b_in = np.split(tr.b_ih, 3)  # (H,) each
    b_hr, b_hz, b_hn = np.split(tr.b_hh, 3)  # (H,) each
    W_hn_h = tr.h_prev @ W_hn.T  # (T, H)
    W_in_x = tr.x @ W_in.T  # (T, H)
    W_hn_rh = (tr.r * tr.h_prev) @ W_hn.T  # (T, H): the textbook resets before the matrix
    return GRUTerms(
        W_ir_x=tr.x @ W_ir.T,
        W_hr_h=tr.h_prev @ W_hr.T,
        W_iz_x=tr.x @ W_iz.T,
        W_hz_h=tr.h_prev @ W_hz.T,
        W_in_x=W_in_x,
        W_hn_h=W_hn_h,
        b_ir=b_ir, b_hr=b_hr, b_iz=b_iz, b_hz=b_hz, b_in=b_in, b_hn=b_hn,
        W_hn_rh=W_hn_rh,
        reset_pytorch=tr.r * (W_hn_h + b_hn),  # PyTorch resets after the matrix
        reset_textbook=W_hn_rh + b_hn,
        n_textbook=np.tanh(W_in_x + b_in + W_hn_rh + b_hn),
    )


def carry_share(z: np.ndarray, since: int = 0) -> np.ndarray:
    """Share of h[since] the update gate passes straight on to h[t]: ∏_{since<k≤t} z[k]. (T, H)

    1 at t = since and NaN before it (rows are 0-based). It is the coefficient of h[since]
    along the direct path h_t = z_t ⊙ h_{t-1} + (1 - z_t) ⊙ n_t, and equals ∂h_t/∂h_since
    exactly when neither the gates nor the candidate read h (W_hh = 0).
    """
    T = z.shape[0]
    if not 0 <= since < T:
        raise ValueError(f"since must be a step between 0 and {T - 1}; got {since}.")
    share = np.full(z.shape, np.nan)  # (T, H)
    share[since] = 1.0
    share[since + 1 :] = np.cumprod(z[since + 1 :], axis=0)
    return share


def shift_update_gate(module: torch.nn.GRU, shift: float) -> torch.nn.GRU:
    """A copy of ``module`` whose update-gate bias b_iz is raised by ``shift`` everywhere.

    z_t = σ(… + shift): a positive shift pushes z towards 1 (keep h_{t-1}), a negative one
    towards 0 (take the candidate). The original module is left as it was.
    """
    if not module.bias:
        raise ValueError("The module has bias=False: there is no update-gate bias to shift.")
    shifted = copy.deepcopy(module)
    H = module.hidden_size
    with torch.no_grad():
        for name, param in shifted.named_parameters():
            if name.startswith("bias_ih"):
                param[H : 2 * H] += shift  # rows r, z, n: the z slice
    return shifted.eval()


@dataclass(frozen=True)
class ParamCount:
    """The parameters of one recurrent module type at the chosen sizes."""

    model: str  # "RNN", "LSTM" or "GRU"
    gates: int  # weight blocks per layer and direction: 1, 4 or 3
    formula: int  # Σ over layers and directions of gates·(D·(q + D) + 2D)
    counted: int  # sum(p.numel()) of a real torch module
    shapes: tuple[tuple[str, tuple[int, ...]], ...]  # (name, shape) of every parameter


def param_counts(Q: int, D: int, K: int = 1, bidirectional: bool = False) -> tuple[ParamCount, ...]:
    """nn.RNN, nn.LSTM and nn.GRU with input Q, hidden D, K layers: formula and real count."""
    rows = []
    for model, cls, gates in (("RNN", torch.nn.RNN, 1), ("LSTM", torch.nn.LSTM, 4),
                              ("GRU", torch.nn.GRU, 3)):
        # On the meta device the parameters have shapes but no storage and no random init.
        module = cls(Q, D, num_layers=K, bidirectional=bidirectional, device="meta")
        rows.append(ParamCount(
            model=model,
            gates=gates,
            formula=recurrent_param_count(gates, Q, D, K, bidirectional),
            counted=sum(p.numel() for p in module.parameters()),
            shapes=tuple((name, tuple(p.shape)) for name, p in module.named_parameters()),
        ))
    return tuple(rows)


@dataclass(frozen=True)
class GRULab:
    """Everything the page "GRU" shows for one sequence x (T, Q) and hidden size H.

    All modules are one-layer, one-direction, float64, PyTorch's default init for ``seed``
    (the LSTM's forget bias set to 0 by ``make_lstm``); the GRU's update-gate bias is shifted
    by ``z_shift``.
    """

    gru: GRUTrace  # PyTorch's form; equals the shifted nn.GRU
    terms: GRUTerms  # the summands of gru's pre-activations
    textbook: GRUTrace  # same weights, textbook reset, run on its own states
    carry: np.ndarray  # (T, H) carry_share(gru.z): how much of h_1 reaches step t
    reference_carry: tuple[tuple[float, np.ndarray], ...]  # (shift, (T,) mean carry) same weights
    rnn: RNNTrace  # nn.RNN (tanh) on the same x
    lstm: LSTMTrace  # nn.LSTM on the same x
    gru_diff: float  # max |trace - module(x)| over output and h_n
    rnn_diff: float
    lstm_diff: float  # over output, h_n and c_n
    z_shift: float


def _max_abs(pairs: Sequence[tuple[np.ndarray, torch.Tensor]]) -> float:
    return max(float(np.max(np.abs(a - b.detach().numpy()), initial=0.0)) for a, b in pairs)


def gru_lab(
    x: ArrayLike,
    hidden_size: int,
    *,
    seed: int = 0,
    z_shift: float = 0.0,
    reference_shifts: Sequence[float] = (),
) -> GRULab:
    """Run a GRU (and its textbook twin), an RNN and an LSTM on x (T, Q); check each against torch."""
    x = torch.as_tensor(x, dtype=torch.float64)  # (T, Q)
    Q = int(x.shape[-1])
    base = make_gru(Q, hidden_size, seed=seed)
    gru = shift_update_gate(base, z_shift)
    trace = trace_gru(gru, x)
    rnn, lstm = make_rnn(Q, hidden_size, seed=seed), make_lstm(Q, hidden_size, seed=seed)
    rnn_trace, lstm_trace = trace_rnn(rnn, x), trace_lstm(lstm, x)
    with torch.no_grad():
        out, h_n = gru(x)
        rnn_out, rnn_h_n = rnn(x)
        lstm_out, (lstm_h_n, lstm_c_n) = lstm(x)
    reference = tuple(
        (float(s), np.mean(carry_share(trace_gru(shift_update_gate(base, s), x).z), axis=1))
        for s in reference_shifts
    )
    return GRULab(
        gru=trace,
        terms=gate_terms(trace.layers[0][0]),
        textbook=trace_gru(gru, x, variant="textbook"),
        carry=carry_share(trace.z),
        reference_carry=reference,
        rnn=rnn_trace,
        lstm=lstm_trace,
        gru_diff=_max_abs([(trace.output, out), (trace.h_n, h_n)]),
        rnn_diff=_max_abs([(rnn_trace.output, rnn_out), (rnn_trace.h_n, rnn_h_n)]),
        lstm_diff=_max_abs([(lstm_trace.output, lstm_out), (lstm_trace.h_n, lstm_h_n),
                            (lstm_trace.c_n, lstm_c_n)]),
        z_shift=float(z_shift),
    )
