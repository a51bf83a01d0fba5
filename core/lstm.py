"""Long short-term memory (LSTM): gates that decide what to forget, write and show.

Shown on the page "LSTM gates".

Besides the hidden state h_t, an LSTM carries a cell state c_t, a memory line that is
changed only by element-wise gating. At every step it reads x_t and (h_{t-1}, c_{t-1}):

    i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi)       input gate: how much to write     (H,)
    f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf)       forget gate: how much to keep     (H,)
    g_t = tanh(W_ig x_t + b_ig + W_hg h_{t-1} + b_hg)    candidate C_tilde: what to write  (H,)
    o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho)       output gate: how much to show     (H,)
    c_t = f_t ⊙ c_{t-1} + i_t ⊙ g_t                      new cell state                    (H,)
    h_t = o_t ⊙ tanh(c_t)                                new hidden state (the output)     (H,)

σ is the logistic sigmoid, so every gate lies strictly between 0 and 1, and ⊙ multiplies
element by element. The cell update is *additive*: with f_t ≈ 1 and i_t ≈ 0 the cell is
copied forward unchanged, and ∂c_t/∂c_{t-1} = diag(f_t) lets gradients cross many steps
without vanishing. That is why a positive forget bias (Jozefowicz et al. 2015) helps.

PyTorch packs the four gates row-wise in the order i, f, g, o: rows [0:H] of
``weight_ih_l0`` are W_ii, [H:2H] W_if, [2H:3H] W_ig, [3H:4H] W_io; likewise for
``weight_hh_l0`` and both biases. Only the sum b_i* + b_h* of the two biases matters.

Stacked layers feed layer k the outputs h_1 .. h_T of layer k-1 (forward and reverse
halves concatenated when bidirectional). The reverse direction runs from t = T-1 down to
0, but its arrays are stored in natural time order: row t is the step that read x_t, and
its "previous" state is the one produced at t+1 (or the initial state at t = T-1).

``trace_lstm`` recomputes ``torch.nn.LSTM`` by hand from the module's own weights and
returns every gate; ``tests/test_core_lstm.py`` proves both agree to 1e-12 in float64.
Two interventions let the page break the memory on purpose (both change the output, so
the trace then no longer equals the module): ``forget_clamp`` forces f_t to a constant
(0.0: forget everything at every step; 1.0: never forget), and ``reset_cell_at=t`` wipes
the cell (c_{t-1} := 0) just before step t.

Peephole LSTM (Gers & Schmidhuber 2000): torch.nn.LSTM has none, so ``PeepholeLSTM`` adds
them. The gates also look at the cell, through diagonal weights w_ci, w_cf, w_co (H,):

    i_t = σ(W_ii x_t + b_ii + W_hi h_{t-1} + b_hi + w_ci ⊙ c_{t-1})
    f_t = σ(W_if x_t + b_if + W_hf h_{t-1} + b_hf + w_cf ⊙ c_{t-1})
    o_t = σ(W_io x_t + b_io + W_ho h_{t-1} + b_ho + w_co ⊙ c_t)      (the *new* cell)

with g_t, c_t and h_t as above; zero peephole weights give back the plain LSTM.

Parameters, with input size Q, hidden size D and K layers: each layer and direction has
4 gates, each with a D×Q input matrix, a D×D recurrent matrix and two bias vectors, i.e.
4·(D·(Q + D) + 2D). Layers after the first read D·directions inputs.

For the page: ``study_lstm`` runs one sentence through a one-layer LSTM (plain or
peephole), checks the trace against the module and reruns it with an intervention;
``gate_terms`` splits a step's pre-activations into the parts the page's equations show;
``lstm_api_shapes`` runs a real ``torch.nn.LSTM`` for the ``Y, (h_n, c_n) = LSTM(X)`` explainer.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import ClassVar

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

__all__ = [
    "GATES",
    "GateStudy",
    "GateTerms",
    "LSTMApiShapes",
    "LSTMLayerTrace",
    "LSTMTrace",
    "PeepholeLSTM",
    "add_peepholes",
    "gate_terms",
    "lstm_api_shapes",
    "lstm_param_count",
    "make_lstm",
    "study_lstm",
    "trace_lstm",
    "trace_peephole_lstm",
]


@dataclass(frozen=True)
class LSTMLayerTrace:
    """One layer, one direction. All time-indexed arrays are in natural time order.

    For the reverse direction (``direction == 1``) row t still belongs to time t:
    ``c_prev[t]`` is ``c[t+1]`` (or c0 at t = T-1). With ``reset_cell_at`` the row
    ``c_prev[reset_cell_at]`` holds the zeros that were actually used.
    """

    layer: int
    direction: int  # 0 forward, 1 reverse
    x: np.ndarray  # (T, in)  inputs this layer saw (the sequence, or the layer below's output)
    h_prev: np.ndarray  # (T, H)  h_{t-1} used at step t
    c_prev: np.ndarray  # (T, H)  c_{t-1} used at step t (after any reset)
    i_pre: np.ndarray  # (T, H)  pre-activations, before σ / tanh
    f_pre: np.ndarray  # (T, H)  computed as usual even when forget_clamp overrides f
    g_pre: np.ndarray  # (T, H)
    o_pre: np.ndarray  # (T, H)
    i: np.ndarray  # (T, H)  input gate
    f: np.ndarray  # (T, H)  forget gate (the clamp value when forget_clamp is set)
    g: np.ndarray  # (T, H)  candidate C_tilde
    o: np.ndarray  # (T, H)  output gate
    c: np.ndarray  # (T, H)  cell state c_t
    h: np.ndarray  # (T, H)  hidden state h_t
    W_ih: np.ndarray  # (4H, in)  rows i, f, g, o
    W_hh: np.ndarray  # (4H, H)   rows i, f, g, o
    b_ih: np.ndarray  # (4H,)  zeros when the module has bias=False
    b_hh: np.ndarray  # (4H,)
    w_ci: np.ndarray  # (H,)  peephole weights; zeros for a plain LSTM
    w_cf: np.ndarray  # (H,)
    w_co: np.ndarray  # (H,)

    @property
    def C_tilde(self) -> np.ndarray:
        """The candidate cell content g_t, (T, H)."""
        return self.g


@dataclass(frozen=True)
class LSTMTrace(LayeredTrace[LSTMLayerTrace]):
    """Every intermediate of one unbatched LSTM forward pass.

    Without interventions ``output``, ``h_n`` and ``c_n`` equal ``module(x, (h0, c0))``;
    ``layers[k][d]`` is layer k, direction d (0 forward, 1 reverse); ``num_layers`` and
    ``num_directions`` count them. For a one-layer, one-direction LSTM ``trace.f`` etc.
    read layer 0, direction 0 directly (other traces raise ValueError).
    """

    output: np.ndarray  # (T, D*H)  last layer's h, forward half then reverse half
    h_n: np.ndarray  # (D*num_layers, H)  row k*D + d: final h of layer k, direction d
    c_n: np.ndarray  # (D*num_layers, H)  final c, same row order
    layers: tuple[tuple[LSTMLayerTrace, ...], ...]
    forget_clamp: float | None
    reset_cell_at: int | None

    _example_gate: ClassVar[str] = "f"

    @property
    def i(self) -> np.ndarray:
        """Input gate, (T, H); one-layer one-direction traces only."""
        return self._only().i

    @property
    def f(self) -> np.ndarray:
        """Forget gate, (T, H); one-layer one-direction traces only."""
        return self._only().f

    @property
    def g(self) -> np.ndarray:
        """Candidate C_tilde, (T, H); one-layer one-direction traces only."""
        return self._only().g

    @property
    def C_tilde(self) -> np.ndarray:
        """Candidate C_tilde (same as ``g``), (T, H)."""
        return self._only().g

    @property
    def o(self) -> np.ndarray:
        """Output gate, (T, H); one-layer one-direction traces only."""
        return self._only().o

    @property
    def c(self) -> np.ndarray:
        """Cell states, (T, H); one-layer one-direction traces only."""
        return self._only().c

    @property
    def h(self) -> np.ndarray:
        """Hidden states, (T, H); one-layer one-direction traces only."""
        return self._only().h


def _prepare(
    module: torch.nn.Module,
    x: ArrayLike,
    state: tuple[ArrayLike, ArrayLike] | None,
    forget_clamp: float | None,
    reset_cell_at: int | None,
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """Check everything and return x (T, in), h0 and c0 (D*L, H) in the parameters' dtype."""
    if getattr(module, "proj_size", 0):
        raise ValueError(
            f"LSTMs with proj_size={module.proj_size} (projected h) are not traced; "
            "build the module with proj_size=0."
        )
    check_no_dropout(module)
    x = as_sequence(module, x, "LSTM")  # (T, in)
    T = x.shape[0]
    if state is None:
        h0 = initial_state(module, None)  # (D*L, H) zeros
        c0 = initial_state(module, None)  # (D*L, H) zeros
    else:
        if len(state) != 2:
            raise ValueError("state must be a pair (h0, c0), or None to start from zeros.")
        h0 = initial_state(module, state[0], "h0", "state")  # (D*L, H)
        c0 = initial_state(module, state[1], "c0", "state")  # (D*L, H)
    if forget_clamp is not None and not 0.0 <= forget_clamp <= 1.0:
        raise ValueError(f"forget_clamp is a gate value and must lie in [0, 1]; got {forget_clamp}.")
    if reset_cell_at is not None and not 0 <= reset_cell_at < T:
        raise ValueError(
            f"reset_cell_at must be a time step 0 .. {T - 1} of this sequence; got {reset_cell_at}."
        )
    return x, h0, c0


def _run_direction(
    module: torch.nn.Module,
    k: int,
    d: int,
    x: torch.Tensor,
    h0: torch.Tensor,
    c0: torch.Tensor,
    forget_clamp: float | None,
    reset_cell_at: int | None,
) -> tuple[LSTMLayerTrace, torch.Tensor, torch.Tensor]:
    """Unroll layer k, direction d over x (T, in) from (h0, c0) (H,), with the weights sliced by gate."""
    T, H = x.shape[0], module.hidden_size
    W_ih, W_hh, b_ih, b_hh = direction_weights(module, k, d)  # (4H, in), (4H, H), (4H,), (4H,)
    # PyTorch's packing order is i, f, g, o.
    W_ii, W_if, W_ig, W_io = W_ih.split(H)  # (H, in) each
    W_hi, W_hf, W_hg, W_ho = W_hh.split(H)  # (H, H) each
    b_ii, b_if, b_ig, b_io = b_ih.split(H)  # (H,) each
    b_hi, b_hf, b_hg, b_ho = b_hh.split(H)  # (H,) each
    zeros_H = torch.zeros(H, dtype=W_ih.dtype, device=W_ih.device)
    w_ci = getattr(module, "w_ci", zeros_H)  # (H,)  peepholes exist only on PeepholeLSTM
    w_cf = getattr(module, "w_cf", zeros_H)  # (H,)
    w_co = getattr(module, "w_co", zeros_H)  # (H,)

    names = ("h_prev", "c_prev", "i_pre", "f_pre", "g_pre", "o_pre", "i", "f", "g", "o", "c", "h")
    rec = {name: torch.empty(T, H, dtype=x.dtype, device=x.device) for name in names}
    h_prev, c_prev = h0, c0  # (H,)
    # Reverse direction reads the sequence backwards but writes row t for time t.
    for t in range(T) if d == 0 else range(T - 1, -1, -1):
        if t == reset_cell_at:
            c_prev = torch.zeros_like(c_prev)  # intervention: wipe the memory before step t
        x_t = x[t]  # (in,)
        # Same grouping as PyTorch: (W_i* x_t + b_i*) + (W_h* h_{t-1} + b_h*).
        i_pre = (W_ii @ x_t + b_ii) + (W_hi @ h_prev + b_hi) + w_ci * c_prev  # (H,)
        f_pre = (W_if @ x_t + b_if) + (W_hf @ h_prev + b_hf) + w_cf * c_prev  # (H,)
        g_pre = (W_ig @ x_t + b_ig) + (W_hg @ h_prev + b_hg)  # (H,)
        i_t = torch.sigmoid(i_pre)
        f_t = torch.sigmoid(f_pre) if forget_clamp is None else torch.full_like(f_pre, forget_clamp)
        C_tilde = torch.tanh(g_pre)
        c_t = f_t * c_prev + i_t * C_tilde  # (H,)
        o_pre = (W_io @ x_t + b_io) + (W_ho @ h_prev + b_ho) + w_co * c_t  # peephole sees c_t
        o_t = torch.sigmoid(o_pre)
        h_t = o_t * torch.tanh(c_t)  # (H,)
        step = (h_prev, c_prev, i_pre, f_pre, g_pre, o_pre, i_t, f_t, C_tilde, o_t, c_t, h_t)
        for name, value in zip(names, step, strict=True):
            rec[name][t] = value
        h_prev, c_prev = h_t, c_t

    trace = LSTMLayerTrace(
        layer=k,
        direction=d,
        x=to_numpy(x),
        **{name: to_numpy(value) for name, value in rec.items()},
        W_ih=to_numpy(W_ih),
        W_hh=to_numpy(W_hh),
        b_ih=to_numpy(b_ih),
        b_hh=to_numpy(b_hh),
        w_ci=to_numpy(w_ci),
        w_cf=to_numpy(w_cf),
        w_co=to_numpy(w_co),
    )
    return trace, rec["h"], c_prev  # c_prev now holds the final cell state


def _trace(
    module: torch.nn.Module,
    x: ArrayLike,
    state: tuple[ArrayLike, ArrayLike] | None,
    forget_clamp: float | None,
    reset_cell_at: int | None,
) -> LSTMTrace:
    x, h0, c0 = _prepare(module, x, state, forget_clamp, reset_cell_at)
    D = 2 if module.bidirectional else 1
    c_n: list[torch.Tensor] = []  # final cell states, filled in h_n's row order k*D + d

    def run(k: int, d: int, layer_input: torch.Tensor) -> tuple[LSTMLayerTrace, torch.Tensor]:
        trace, h, c_last = _run_direction(
            module, k, d, layer_input, h0[k * D + d], c0[k * D + d], forget_clamp, reset_cell_at
        )
        c_n.append(c_last)
        return trace, h

    layers, output, h_n = stack_layers(module, x, run)
    return LSTMTrace(
        output=to_numpy(output),  # (T, D*H)
        h_n=to_numpy(h_n),  # (D*L, H)
        c_n=to_numpy(torch.stack(c_n)),  # (D*L, H)
        layers=layers,
        forget_clamp=forget_clamp,
        reset_cell_at=reset_cell_at,
    )


def trace_lstm(
    module: torch.nn.LSTM,
    x: ArrayLike,
    state: tuple[ArrayLike, ArrayLike] | None = None,
    *,
    forget_clamp: float | None = None,
    reset_cell_at: int | None = None,
) -> LSTMTrace:
    """Run ``module`` by hand on x (T, in) from state (h0, c0), each (D*L, H); keep every gate.

    ``forget_clamp`` sets f_t to that constant at every step; ``reset_cell_at=t`` zeroes
    c_{t-1} before step t. Both apply to every layer and direction; with either one set the
    trace deliberately differs from ``module(x, state)``.
    """
    if not isinstance(module, torch.nn.LSTM):
        raise TypeError(f"trace_lstm needs a torch.nn.LSTM; got {type(module).__name__}.")
    return _trace(module, x, state, forget_clamp, reset_cell_at)


class PeepholeLSTM(torch.nn.Module):
    """One-layer, one-direction LSTM whose gates also read the cell (see the module docstring).

    Parameters are named like ``torch.nn.LSTM``'s (``weight_ih_l0`` etc., gates packed
    i, f, g, o) plus the peephole vectors ``w_ci``, ``w_cf``, ``w_co`` (H,), zero at init.
    Like an unbatched ``nn.LSTM``: ``forward(x (T, in), (h0, c0) (1, H) each)`` returns
    ``(output (T, H), (h_n (1, H), c_n (1, H)))``.
    """

    num_layers = 1
    bidirectional = False
    proj_size = 0

    def __init__(
        self,
        input_size: int,
        hidden_size: int,
        *,
        bias: bool = True,
        seed: int = 0,
        dtype: torch.dtype = torch.float64,
    ) -> None:
        super().__init__()
        self.input_size, self.hidden_size, self.bias = input_size, hidden_size, bias
        H = hidden_size
        gen = torch.Generator().manual_seed(seed)
        bound = 1.0 / H**0.5  # nn.LSTM's init: U(-1/sqrt(H), 1/sqrt(H))

        def uniform(*shape: int) -> torch.nn.Parameter:
            u = torch.rand(shape, generator=gen, dtype=dtype)
            return torch.nn.Parameter((2.0 * u - 1.0) * bound)

        self.weight_ih_l0 = uniform(4 * H, input_size)  # (4H, in)
        self.weight_hh_l0 = uniform(4 * H, H)  # (4H, H)
        if bias:
            self.bias_ih_l0 = uniform(4 * H)  # (4H,)
            self.bias_hh_l0 = uniform(4 * H)  # (4H,)
        else:
            self.register_parameter("bias_ih_l0", None)
            self.register_parameter("bias_hh_l0", None)
        self.w_ci = torch.nn.Parameter(torch.zeros(H, dtype=dtype))  # (H,)
        self.w_cf = torch.nn.Parameter(torch.zeros(H, dtype=dtype))  # (H,)
        self.w_co = torch.nn.Parameter(torch.zeros(H, dtype=dtype))  # (H,)

    @classmethod
    def from_lstm(
        cls, lstm: torch.nn.LSTM, w_ci: ArrayLike, w_cf: ArrayLike, w_co: ArrayLike
    ) -> PeepholeLSTM:
        """Copy a one-layer, one-direction ``nn.LSTM``'s weights and add peepholes (H,) each."""
        if lstm.num_layers != 1 or lstm.bidirectional or lstm.proj_size:
            raise ValueError(
                "PeepholeLSTM.from_lstm needs a one-layer, one-direction nn.LSTM without "
                f"proj_size; got num_layers={lstm.num_layers}, "
                f"bidirectional={lstm.bidirectional}, proj_size={lstm.proj_size}."
            )
        dtype = lstm.weight_ih_l0.dtype
        peephole = cls(lstm.input_size, lstm.hidden_size, bias=lstm.bias, dtype=dtype)
        with torch.no_grad():
            for name, param in peephole.named_parameters():
                if name.startswith(("weight_", "bias_")):
                    param.copy_(getattr(lstm, name))
            for name, value in (("w_ci", w_ci), ("w_cf", w_cf), ("w_co", w_co)):
                value = torch.as_tensor(value, dtype=dtype)
                if tuple(value.shape) != (lstm.hidden_size,):
                    raise ValueError(
                        f"{name} must be a vector of shape (hidden_size,) = "
                        f"({lstm.hidden_size},); got {tuple(value.shape)}."
                    )
                getattr(peephole, name).copy_(value)
        return peephole

    def forward(
        self, x: torch.Tensor, state: tuple[torch.Tensor, torch.Tensor] | None = None
    ) -> tuple[torch.Tensor, tuple[torch.Tensor, torch.Tensor]]:
        """x (T, in), state (1, H) each -> output (T, H), (h_n (1, H), c_n (1, H)); differentiable."""
        H = self.hidden_size
        if state is None:
            h = c = x.new_zeros(H)  # (H,)
        else:
            h, c = state[0].reshape(H), state[1].reshape(H)
        # Input projections of all steps at once; gates packed i, f, g, o.
        x_proj = x @ self.weight_ih_l0.T  # (T, 4H)
        if self.bias:
            x_proj = x_proj + self.bias_ih_l0
        outputs = []
        for t in range(x.shape[0]):
            gates = x_proj[t] + h @ self.weight_hh_l0.T  # (4H,)
            if self.bias:
                gates = gates + self.bias_hh_l0
            a_i, a_f, a_g, a_o = gates.split(H)  # (H,) each
            i = torch.sigmoid(a_i + self.w_ci * c)
            f = torch.sigmoid(a_f + self.w_cf * c)
            c = f * c + i * torch.tanh(a_g)
            o = torch.sigmoid(a_o + self.w_co * c)  # reads the new cell c_t
            h = o * torch.tanh(c)
            outputs.append(h)
        return torch.stack(outputs), (h.unsqueeze(0), c.unsqueeze(0))


def trace_peephole_lstm(
    module: PeepholeLSTM,
    x: ArrayLike,
    state: tuple[ArrayLike, ArrayLike] | None = None,
    *,
    forget_clamp: float | None = None,
    reset_cell_at: int | None = None,
) -> LSTMTrace:
    """Run a ``PeepholeLSTM`` by hand on x (T, in) from (h0, c0) (1, H) each; keep every gate."""
    if not isinstance(module, PeepholeLSTM):
        raise TypeError(
            f"trace_peephole_lstm needs a PeepholeLSTM; got {type(module).__name__}."
        )
    return _trace(module, x, state, forget_clamp, reset_cell_at)


def lstm_param_count(Q: int, D: int, K: int = 1, bidirectional: bool = False) -> int:
    """Weights and biases of an LSTM with input size Q, hidden size D, K layers (bias=True)."""
    return recurrent_param_count(4, Q, D, K, bidirectional)  # 4 gates: i, f, g, o


def make_lstm(
    input_size: int,
    hidden_size: int,
    *,
    num_layers: int = 1,
    bidirectional: bool = False,
    forget_bias: float = 0.0,
    seed: int = 0,
    dtype: torch.dtype = torch.float64,
) -> torch.nn.LSTM:
    """A ``torch.nn.LSTM`` with PyTorch's default init for ``seed`` and forget bias b_f = forget_bias.

    In every layer and direction the forget slice [H:2H] of ``bias_ih`` is set to
    ``forget_bias`` and that of ``bias_hh`` to 0, so b_if + b_hf = forget_bias exactly (the
    default 0.0 therefore zeroes PyTorch's random forget biases). Other biases keep their
    random init. The global RNG is left untouched; the module is returned in eval mode.
    """
    module = seeded_module(
        torch.nn.LSTM,
        input_size,
        hidden_size,
        num_layers=num_layers,
        bidirectional=bidirectional,
        dtype=dtype,
        seed=seed,
    )
    H = hidden_size
    with torch.no_grad():
        for name, param in module.named_parameters():
            if name.startswith("bias_ih"):
                param[H : 2 * H] = forget_bias
            elif name.startswith("bias_hh"):
                param[H : 2 * H] = 0.0
    return module.eval()


# --- What the "LSTM gates" page computes ----------------------------------------------------

GATES: tuple[str, ...] = ("i", "f", "g", "o")  # PyTorch's packing order in weight_ih / weight_hh


@dataclass(frozen=True)
class GateTerms:
    """Where one gate's pre-activation at one step comes from, unit by unit (H,) each.

    pre = from_x + from_h + bias + peephole, with from_x = W_i* x_t, from_h = W_h* h_{t-1},
    bias = b_i* + b_h* and peephole = w_c* ⊙ c (c_{t-1} for i and f, c_t for o, 0 for g).
    """

    gate: str
    from_x: np.ndarray  # (H,)
    from_h: np.ndarray  # (H,)
    bias: np.ndarray  # (H,)
    peephole: np.ndarray  # (H,)

    @property
    def pre(self) -> np.ndarray:
        """The pre-activation, before σ or tanh. (H,)"""
        return self.from_x + self.from_h + self.bias + self.peephole


def gate_terms(layer: LSTMLayerTrace, t: int) -> dict[str, GateTerms]:
    """Split the four pre-activations of step t (0-based) into input, recurrent, bias and peephole parts."""
    H = layer.h.shape[1]
    W_x = layer.W_ih.reshape(4, H, -1)  # (4, H, in)  rows i, f, g, o
    W_h = layer.W_hh.reshape(4, H, H)  # (4, H, H)
    b = (layer.b_ih + layer.b_hh).reshape(4, H)  # (4, H)
    zeros = np.zeros(H)
    peep = {"i": layer.w_ci * layer.c_prev[t], "f": layer.w_cf * layer.c_prev[t], "g": zeros,
            "o": layer.w_co * layer.c[t]}  # the output peephole reads the new cell c_t
    return {
        name: GateTerms(name, W_x[k] @ layer.x[t], W_h[k] @ layer.h_prev[t], b[k], peep[name])
        for k, name in enumerate(GATES)
    }


def add_peepholes(lstm: torch.nn.LSTM, seed: int = 0, scale: float = 1.0) -> PeepholeLSTM:
    """``lstm``'s weights plus seeded peephole vectors w_ci, w_cf, w_co ~ U(-scale, scale), (H,) each."""
    gen = torch.Generator().manual_seed(seed)
    w = (2.0 * torch.rand(3, lstm.hidden_size, generator=gen, dtype=torch.float64) - 1.0) * scale
    return PeepholeLSTM.from_lstm(lstm, w[0], w[1], w[2]).eval()


@dataclass(frozen=True)
class GateStudy:
    """One sentence through a one-layer LSTM, as the "LSTM gates" page shows it.

    ``trace`` is the model as it is and is checked against the module itself
    (``max_diff``); ``intervened`` is the same pass with the forget gate clamped or the
    cell reset (None without an intervention). With a classifier head (nn.Linear(H, 1)),
    ``p_positive`` is σ(head(h_T)) for both runs.
    """

    x: np.ndarray  # (T, in)
    trace: LSTMTrace
    intervened: LSTMTrace | None
    reference: str  # the module the trace is checked against
    max_diff: float  # max |trace − module(x)| over output, h_n and c_n
    p_positive: float | None = None
    p_positive_intervened: float | None = None

    @property
    def shown(self) -> LSTMTrace:
        """The run the step-through shows: the intervened one when there is one."""
        return self.trace if self.intervened is None else self.intervened


def study_lstm(
    module: torch.nn.LSTM | PeepholeLSTM,
    x: ArrayLike,
    *,
    forget_clamp: float | None = None,
    reset_cell_at: int | None = None,
    head: torch.nn.Linear | None = None,
) -> GateStudy:
    """Trace a one-layer, one-direction (peephole) LSTM on x (T, in) from zeros, check it
    against ``module(x)``, and rerun it with the intervention, if any.

    Everything runs in float64: a float32 module (a trained one) is traced, and checked, as a
    float64 copy, so the check measures the trace and not float32 rounding.
    """
    if module.num_layers != 1 or module.bidirectional:
        raise ValueError("study_lstm shows one layer and one direction; build the module that way.")
    if next(module.parameters()).dtype != torch.float64:
        module = copy.deepcopy(module).double().eval()
    tracer = trace_peephole_lstm if isinstance(module, PeepholeLSTM) else trace_lstm
    trace = tracer(module, x)  # type: ignore[arg-type]
    p0 = next(module.parameters())
    x_t = torch.as_tensor(x, dtype=p0.dtype)  # (T, in)
    with torch.no_grad():
        out, (h_n, c_n) = module(x_t)  # (T, H), (1, H), (1, H)
    max_diff = max(
        float(np.max(np.abs(trace.output - to_numpy(out)))),
        float(np.max(np.abs(trace.h_n - to_numpy(h_n)))),
        float(np.max(np.abs(trace.c_n - to_numpy(c_n)))),
    )
    intervened = None
    if forget_clamp is not None or reset_cell_at is not None:
        intervened = tracer(module, x, forget_clamp=forget_clamp, reset_cell_at=reset_cell_at)  # type: ignore[arg-type]

    def p_positive(tr: LSTMTrace | None) -> float | None:
        if head is None or tr is None:
            return None
        w = head.weight.detach().to(torch.float64).numpy()  # (1, H)
        b = head.bias.detach().to(torch.float64).numpy() if head.bias is not None else np.zeros(1)
        logit = float((w @ tr.h[-1] + b)[0])
        return float(1.0 / (1.0 + np.exp(-logit)))

    reference = "PeepholeLSTM" if isinstance(module, PeepholeLSTM) else "nn.LSTM"
    return GateStudy(to_numpy(x_t), trace, intervened, reference, max_diff,
                     p_positive(trace), p_positive(intervened))


@dataclass(frozen=True)
class LSTMApiShapes:
    """``Y, (h_n, c_n) = LSTM(X)`` for real: every tensor's shape and every parameter's shape.

    N batch, L length, Q input size, K layers, D hidden size. ``blocks`` lists, per layer k
    and direction d, the input size q that block reads (Q, or D·directions above layer 0)
    and its parameter count 4·(D·(q + D) + 2D).
    """

    X: tuple[int, ...]
    Y: tuple[int, ...]
    h_n: tuple[int, ...]
    c_n: tuple[int, ...]
    params: tuple[tuple[str, tuple[int, ...], int], ...]  # (name, shape, numel) in module order
    blocks: tuple[tuple[int, int, int, int], ...]  # (k, d, q, count)
    numel: int  # sum(p.numel() for p in lstm.parameters())


def lstm_api_shapes(
    N: int, L: int, Q: int, K: int, D: int, *, batch_first: bool = False,
    bidirectional: bool = False, seed: int = 0,
) -> LSTMApiShapes:
    """Build ``torch.nn.LSTM(Q, D, K, batch_first=…, bidirectional=…)``, run it on a random X
    and report the shapes PyTorch actually returns."""
    if min(N, L, Q, K, D) < 1:
        raise ValueError(f"N, L, Q, K and D must all be at least 1; got {(N, L, Q, K, D)}.")
    lstm = seeded_module(torch.nn.LSTM, Q, D, num_layers=K, batch_first=batch_first,
                         bidirectional=bidirectional, seed=seed).eval()
    gen = torch.Generator().manual_seed(seed + 1)
    X = torch.randn((N, L, Q) if batch_first else (L, N, Q), generator=gen)
    with torch.no_grad():
        Y, (h_n, c_n) = lstm(X)
    directions = 2 if bidirectional else 1
    blocks = tuple(
        (k, d, q, 4 * (D * (q + D) + 2 * D))
        for k in range(K)
        for q in [Q if k == 0 else D * directions]
        for d in range(directions)
    )
    params = tuple((name, tuple(p.shape), p.numel()) for name, p in lstm.named_parameters())
    return LSTMApiShapes(tuple(X.shape), tuple(Y.shape), tuple(h_n.shape), tuple(c_n.shape),
                         params, blocks, sum(p.numel() for p in lstm.parameters()))
