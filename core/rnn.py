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
class RNNTrace:
    """Every intermediate of one unbatched ``torch.nn.RNN`` forward pass.

    ``output`` and ``h_n`` equal ``module(x, h0)``; ``layers[k][d]`` is layer k,
    direction d (0 forward, 1 reverse).
    """

    output: np.ndarray  # (T, D*H)  last layer's h, forward half then reverse half
    h_n: np.ndarray  # (D*num_layers, H)  row k*D + d: final state of layer k, direction d
    layers: tuple[tuple[RNNLayerTrace, ...], ...]
    nonlinearity: str  # 'tanh' or 'relu'

    @property
    def num_layers(self) -> int:
        return len(self.layers)

    @property
    def num_directions(self) -> int:
        return len(self.layers[0])

    @property
    def a(self) -> np.ndarray:
        """Pre-activations of layer 0, forward direction, (T, H)."""
        return self.layers[0][0].a

    @property
    def h(self) -> np.ndarray:
        """Hidden states of layer 0, forward direction, (T, H)."""
        return self.layers[0][0].h


def _to_numpy(t: torch.Tensor) -> np.ndarray:
    """Detached read-only copy, so a trace never aliases (or lets anyone edit) module weights."""
    arr = t.detach().cpu().numpy().copy()
    arr.flags.writeable = False
    return arr


def _check_inputs(
    module: torch.nn.RNN, x: torch.Tensor, h0: torch.Tensor | None
) -> None:
    D = 2 if module.bidirectional else 1
    if x.dim() != 2 or x.shape[1] != module.input_size:
        raise ValueError(
            f"x must be one unbatched sequence of shape (T, input_size) = "
            f"(T, {module.input_size}); got {tuple(x.shape)}. "
            "Pass one sequence at a time, one row per time step."
        )
    if x.shape[0] == 0:
        raise ValueError("x has no time steps; give the RNN at least one input vector.")
    if h0 is not None and tuple(h0.shape) != (D * module.num_layers, module.hidden_size):
        raise ValueError(
            f"h0 must have shape (D*num_layers, hidden_size) = "
            f"({D * module.num_layers}, {module.hidden_size}); got {tuple(h0.shape)}. "
            "Pass h0=None to start from zeros."
        )
    if module.training and module.dropout > 0 and module.num_layers > 1:
        raise ValueError(
            "The module applies dropout between layers in training mode, which the trace "
            "does not reproduce; call module.eval() before tracing."
        )


def trace_rnn(
    module: torch.nn.RNN,
    x: torch.Tensor | np.ndarray,
    h0: torch.Tensor | np.ndarray | None = None,
) -> RNNTrace:
    """Run ``module`` by hand on x (T, input_size) from h0 (D*num_layers, H); keep every step."""
    p0 = next(module.parameters())
    dtype, device = p0.dtype, p0.device
    x = torch.as_tensor(x, dtype=dtype, device=device)  # (T, in)
    if h0 is not None:
        h0 = torch.as_tensor(h0, dtype=dtype, device=device)  # (D*L, H)
    _check_inputs(module, x, h0)

    T, H = x.shape[0], module.hidden_size
    D = 2 if module.bidirectional else 1
    activation = _ACTIVATIONS[module.nonlinearity]
    if h0 is None:
        h0 = torch.zeros(D * module.num_layers, H, dtype=dtype, device=device)

    layers: list[tuple[RNNLayerTrace, ...]] = []
    h_n: list[torch.Tensor] = []
    layer_input = x  # (T, in)
    with torch.no_grad():
        for k in range(module.num_layers):
            directions: list[RNNLayerTrace] = []
            direction_outputs: list[torch.Tensor] = []
            for d in range(D):
                suffix = f"l{k}" + ("_reverse" if d == 1 else "")
                W_xh = getattr(module, f"weight_ih_{suffix}")  # (H, in)
                W_hh = getattr(module, f"weight_hh_{suffix}")  # (H, H)
                if module.bias:
                    b_xh = getattr(module, f"bias_ih_{suffix}")  # (H,)
                    b_hh = getattr(module, f"bias_hh_{suffix}")  # (H,)
                else:
                    b_xh = torch.zeros(H, dtype=dtype, device=device)
                    b_hh = torch.zeros(H, dtype=dtype, device=device)

                h_prev = torch.empty(T, H, dtype=dtype, device=device)
                a = torch.empty(T, H, dtype=dtype, device=device)
                h = torch.empty(T, H, dtype=dtype, device=device)
                state = h0[k * D + d]  # (H,)
                # Reverse direction reads the sequence backwards but writes row t for time t.
                steps = range(T) if d == 0 else range(T - 1, -1, -1)
                for t in steps:
                    h_prev[t] = state
                    # Same grouping as PyTorch: (W_xh x_t + b_xh) + (W_hh h_{t-1} + b_hh).
                    a[t] = (W_xh @ layer_input[t] + b_xh) + (W_hh @ state + b_hh)
                    h[t] = activation(a[t])
                    state = h[t]
                h_n.append(state)
                direction_outputs.append(h)
                directions.append(
                    RNNLayerTrace(
                        layer=k,
                        direction=d,
                        x=_to_numpy(layer_input),
                        h_prev=_to_numpy(h_prev),
                        a=_to_numpy(a),
                        h=_to_numpy(h),
                        W_xh=_to_numpy(W_xh),
                        W_hh=_to_numpy(W_hh),
                        b_xh=_to_numpy(b_xh),
                        b_hh=_to_numpy(b_hh),
                    )
                )
            layers.append(tuple(directions))
            layer_input = torch.cat(direction_outputs, dim=1)  # (T, D*H)

    return RNNTrace(
        output=_to_numpy(layer_input),  # (T, D*H)
        h_n=_to_numpy(torch.stack(h_n)),  # (D*L, H)
        layers=tuple(layers),
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
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
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
