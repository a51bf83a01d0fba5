"""Vanilla recurrent neural network (Elman RNN), written out step by step.

Shown on the page "RNN forward pass".

An RNN reads a sequence x_1 .. x_T one vector at a time and carries a hidden state h_t
that summarises everything it has read so far. Every step applies the *same* weights:

    a_t = W_xh x_t + b_xh + W_hh h_{t-1} + b_hh      pre-activation        (H,)
    h_t = tanh(a_t)        (or relu(a_t))            new hidden state      (H,)
    y_hat_t = softmax(V h_t + c)                     next-token probabilities (vocab,)

with h_0 given (zeros by default). Because W_hh multiplies the state again at every step,
its size decides whether signals fade away or blow up over time; with relu nothing caps
the state, so large weights overflow to inf, and the trace simply records that.

Stacked layers feed layer k's outputs h_1 .. h_T to layer k+1 as its inputs. A
bidirectional layer runs a second, independent RNN from t = T down to 1 and concatenates
both hidden states, so every output sees the whole sequence.

``trace_rnn`` recomputes what ``torch.nn.RNN`` does with an explicit loop over layers,
directions and time steps, and returns every intermediate as a numpy array;
``tests/test_core_rnn.py`` proves both agree to 1e-12 in float64.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from core._common import (
    LayeredTrace,
    as_sequence,
    check_no_dropout,
    direction_weights,
    initial_state,
    seeded,
    stack_layers,
    to_numpy,
)

__all__ = [
    "RNNLayerTrace",
    "RNNTrace",
    "make_rnn",
    "output_probs",
    "softmax",
    "trace_rnn",
]

_ACTIVATIONS = {"tanh": torch.tanh, "relu": torch.relu}


@dataclass(frozen=True)
class RNNLayerTrace:
    """One layer, one direction. All time-indexed arrays are in natural time order.

    For the reverse direction (``direction == 1``) the recurrence runs from t = T-1 down
    to 0, but row t still belongs to time t: ``h[t]`` is the reverse state after reading
    x_t .. x_{T-1}, and ``h_prev[t]`` is the state it consumed (``h[t+1]``, or h0 at t = T-1).
    """

    layer: int
    direction: int  # 0 forward, 1 reverse
    x: np.ndarray  # (T, in)  inputs this layer saw (the sequence, or the layer below's output)
    h_prev: np.ndarray  # (T, H)  h_{t-1} used at step t (h_{t+1} for the reverse direction)
    a: np.ndarray  # (T, H)  pre-activation W_xh x_t + b_xh + W_hh h_prev_t + b_hh
    h: np.ndarray  # (T, H)  activation(a)
    W_xh: np.ndarray  # (H, in)
    W_hh: np.ndarray  # (H, H)
    b_xh: np.ndarray  # (H,)  zeros when the module has bias=False
    b_hh: np.ndarray  # (H,)  zeros when the module has bias=False


@dataclass(frozen=True)
class RNNTrace(LayeredTrace[RNNLayerTrace]):
    """Every intermediate of one unbatched ``torch.nn.RNN`` forward pass.

    ``output`` and ``h_n`` equal ``module(x, h0)``; ``layers[k][d]`` is layer k,
    direction d (0 forward, 1 reverse); ``num_layers`` and ``num_directions`` count them.
    """

    output: np.ndarray  # (T, D*H)  last layer's h, forward half then reverse half
    h_n: np.ndarray  # (D*num_layers, H)  row k*D + d: final state of layer k, direction d
    layers: tuple[tuple[RNNLayerTrace, ...], ...]
    nonlinearity: str  # 'tanh' or 'relu'

    @property
    def a(self) -> np.ndarray:
        """Pre-activations of layer 0, forward direction, (T, H)."""
        return self.layers[0][0].a

    @property
    def h(self) -> np.ndarray:
        """Hidden states of layer 0, forward direction, (T, H)."""
        return self.layers[0][0].h


def _run_direction(
    module: torch.nn.RNN, k: int, d: int, x: torch.Tensor, h0: torch.Tensor
) -> tuple[RNNLayerTrace, torch.Tensor]:
    """Unroll layer k, direction d over x (T, in) from h0 (H,); also return h (T, H)."""
    T, H = x.shape[0], module.hidden_size
    activation = _ACTIVATIONS[module.nonlinearity]
    # weight_ih_l{k} is W_xh (H, in), weight_hh_l{k} is W_hh (H, H); biases (H,) each.
    W_xh, W_hh, b_xh, b_hh = direction_weights(module, k, d)

    h_prev = torch.empty(T, H, dtype=x.dtype, device=x.device)
    a = torch.empty(T, H, dtype=x.dtype, device=x.device)
    h = torch.empty(T, H, dtype=x.dtype, device=x.device)
    state = h0  # (H,)
    # Reverse direction reads the sequence backwards but writes row t for time t.
    steps = range(T) if d == 0 else range(T - 1, -1, -1)
    for t in steps:
        h_prev[t] = state
        # Same grouping as PyTorch: (W_xh x_t + b_xh) + (W_hh h_{t-1} + b_hh).
        a[t] = (W_xh @ x[t] + b_xh) + (W_hh @ state + b_hh)
        h[t] = activation(a[t])
        state = h[t]

    trace = RNNLayerTrace(
        layer=k,
        direction=d,
        x=to_numpy(x),
        h_prev=to_numpy(h_prev),
        a=to_numpy(a),
        h=to_numpy(h),
        W_xh=to_numpy(W_xh),
        W_hh=to_numpy(W_hh),
        b_xh=to_numpy(b_xh),
        b_hh=to_numpy(b_hh),
    )
    return trace, h


def trace_rnn(
    module: torch.nn.RNN,
    x: torch.Tensor | np.ndarray,
    h0: torch.Tensor | np.ndarray | None = None,
) -> RNNTrace:
    """Run ``module`` by hand on x (T, input_size) from h0 (D*num_layers, H); keep every step."""
    x = as_sequence(module, x, "RNN")  # (T, in)
    h0 = initial_state(module, h0)  # (D*L, H), zeros by default
    check_no_dropout(module)
    D = 2 if module.bidirectional else 1

    def run(k: int, d: int, layer_input: torch.Tensor) -> tuple[RNNLayerTrace, torch.Tensor]:
        return _run_direction(module, k, d, layer_input, h0[k * D + d])

    layers, output, h_n = stack_layers(module, x, run)
    return RNNTrace(
        output=to_numpy(output),  # (T, D*H)
        h_n=to_numpy(h_n),  # (D*L, H)
        layers=layers,
        nonlinearity=module.nonlinearity,
    )


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax along the last axis, shifted by the row maximum so exp never overflows."""
    z = np.asarray(z)
    if not np.issubdtype(z.dtype, np.floating):
        z = z.astype(np.float64)
    # Rows holding inf (an exploded state) become nan instead of raising or warning.
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.exp(z - z.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)


def output_probs(h: np.ndarray, V: np.ndarray, c: np.ndarray) -> np.ndarray:
    """y_hat_t = softmax(V h_t + c) for every t: h (T, H), V (vocab, H), c (vocab,) -> (T, vocab)."""
    h, V, c = np.asarray(h), np.asarray(V), np.asarray(c)
    if h.ndim != 2 or V.ndim != 2 or c.ndim != 1:
        raise ValueError(
            f"expected h (T, H), V (vocab, H), c (vocab,); got h {h.shape}, V {V.shape}, "
            f"c {c.shape}."
        )
    if V.shape[1] != h.shape[1] or V.shape[0] != c.shape[0]:
        raise ValueError(
            f"V must be (vocab, H) = ({c.shape[0]}, {h.shape[1]}) to match c {c.shape} and "
            f"h {h.shape}; got V {V.shape}."
        )
    with np.errstate(invalid="ignore", over="ignore"):
        logits = h @ V.T + c  # (T, vocab)
    return softmax(logits)


def make_rnn(
    input_size: int,
    hidden_size: int,
    *,
    num_layers: int = 1,
    nonlinearity: str = "tanh",
    bidirectional: bool = False,
    bias: bool = True,
    weight_scale: float = 1.0,
    seed: int = 0,
    dtype: torch.dtype = torch.float64,
) -> torch.nn.RNN:
    """A ``torch.nn.RNN`` with PyTorch's default init for ``seed``, weight matrices times weight_scale.

    Biases are not scaled: weight_scale is the knob for how strongly W_xh and W_hh amplify.
    The global RNG is left untouched.
    """
    if nonlinearity not in _ACTIVATIONS:
        raise ValueError(f"nonlinearity must be 'tanh' or 'relu'; got {nonlinearity!r}.")
    with seeded(seed):
        module = torch.nn.RNN(
            input_size,
            hidden_size,
            num_layers=num_layers,
            nonlinearity=nonlinearity,
            bias=bias,
            bidirectional=bidirectional,
            dtype=dtype,
        )
    with torch.no_grad():
        for name, param in module.named_parameters():
            if name.startswith("weight_"):
                param.mul_(weight_scale)
    return module.eval()
