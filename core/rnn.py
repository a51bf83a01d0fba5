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

For the page, ``forward_pass`` runs the learner's sentence end to end: tokens → embedding
x_t (``core.text``) → trace → ŷ_t, checks the trace and the readout against PyTorch, and
adds what the page draws besides the step itself:

* ``cell_order``: the order in which the cells run (layer by layer, each direction over
  time), which is the step player's order, and ``schedule``: the earliest parallel wave
  at which each cell could run. Step t needs step t-1, so no amount of hardware makes an
  RNN take fewer than T sequential steps (``RNNCost``);
* ``input_sensitivity``: ‖∂y_t/∂x_s‖ for every output t and input s, exact, by pushing
  tangents through the recorded trace. A forward RNN's output depends on every earlier
  input, however far back (an infinite response), and on no later one; the reverse
  direction is the mirror image, so a bidirectional output sees the whole sentence;
* ``use_patterns``: the five shapes of use (one-to-one … encoder–decoder) as the inputs
  fed and the outputs read on a sequence of T tokens.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch

from core._common import (
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
from core.text import MAX_TOKENS, TokenizerSpec, text_to_tensors

__all__ = [
    "USE_PATTERNS",
    "Blowup",
    "ForwardPass",
    "RNNCost",
    "RNNLayerTrace",
    "RNNTrace",
    "UsePattern",
    "cell_order",
    "find_blowup",
    "forward_pass",
    "input_sensitivity",
    "make_readout",
    "make_rnn",
    "max_difference",
    "output_probs",
    "rnn_cost",
    "schedule",
    "softmax",
    "trace_rnn",
    "use_patterns",
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
    module = seeded_module(
        torch.nn.RNN,
        input_size,
        hidden_size,
        num_layers=num_layers,
        nonlinearity=nonlinearity,
        bias=bias,
        bidirectional=bidirectional,
        dtype=dtype,
        seed=seed,
    )
    with torch.no_grad():
        for name, param in module.named_parameters():
            if name.startswith("weight_"):
                param.mul_(weight_scale)
    return module.eval()


# --- The "RNN forward pass" page: the whole computation on the learner's sentence ---------


def make_readout(in_features: int, vocab_size: int, seed: int = 0) -> torch.nn.Linear:
    """The output layer V h_t + c as a float64 ``nn.Linear(D·H, |V|)`` with PyTorch's default init."""
    return seeded_module(torch.nn.Linear, in_features, vocab_size, dtype=torch.float64, seed=seed).eval()


def max_difference(ours: np.ndarray, reference: np.ndarray) -> float:
    """Largest |ours − reference| / max(1, |reference|) over entries, for the PyTorch badge.

    Entries above 1 are compared relative to their size (a ReLU state of 1e30 carries
    rounding of about 1e14). Infinities of the same sign, or NaN on both sides, agree;
    any other non-finite disagreement is an infinite difference.
    """
    ours, reference = np.asarray(ours, dtype=np.float64), np.asarray(reference, dtype=np.float64)
    if ours.shape != reference.shape:
        raise ValueError(f"shapes differ: {ours.shape} against {reference.shape}")
    finite = np.isfinite(ours) & np.isfinite(reference)
    same_special = (np.isnan(ours) & np.isnan(reference)) | (
        np.isinf(ours) & np.isinf(reference) & (np.sign(ours) == np.sign(reference))
    )
    if not (finite | same_special).all():
        return float("inf")
    with np.errstate(over="ignore"):
        gap = np.abs(ours[finite] - reference[finite]) / np.maximum(1.0, np.abs(reference[finite]))
    return float(np.max(gap, initial=0.0))


def cell_order(T: int, num_layers: int = 1, num_directions: int = 1) -> tuple[tuple[int, int, int], ...]:
    """Every cell (layer k, direction d, time t) in the order ``trace_rnn`` and PyTorch run them:
    layer by layer, forward over t = 0 … T-1, then reverse over t = T-1 … 0. Length T·L·D."""
    cells = []
    for k in range(num_layers):
        for d in range(num_directions):
            times = range(T) if d == 0 else range(T - 1, -1, -1)
            cells.extend((k, d, t) for t in times)
    return tuple(cells)


def schedule(T: int, num_layers: int = 1, num_directions: int = 1) -> np.ndarray:
    """The earliest parallel wave (0-based) of every cell, (L, D, T), if each cell ran as soon
    as its inputs were ready: its own previous state and the layer below at the same t
    (both directions of it). One wave is one cell's worth of sequential work."""
    wave = np.zeros((num_layers, num_directions, T), dtype=np.int64)
    for k, d, t in cell_order(T, num_layers, num_directions):  # every input comes earlier
        ready = 0
        prev = t - 1 if d == 0 else t + 1
        if 0 <= prev < T:
            ready = max(ready, wave[k, d, prev] + 1)
        if k > 0:
            ready = max(ready, int(wave[k - 1, :, t].max()) + 1)
        wave[k, d, t] = ready
    return wave


@dataclass(frozen=True)
class RNNCost:
    """What one forward pass over T tokens costs, counted."""

    T: int
    cells: int  # cell applications, T·L·D
    sequential_steps: int  # the longest chain of cells that must run one after another
    multiply_adds: int  # in the W_xh x_t and W_hh h_{t-1} products
    parameters: int  # weights and biases of the RNN (not the embedding or readout)
    waves: np.ndarray  # (L, D, T) the earliest wave of every cell, from ``schedule``


def rnn_cost(T: int, input_size: int, hidden_size: int, num_layers: int = 1,
             bidirectional: bool = False) -> RNNCost:
    """Count cells, the sequential chain (T + L − 1, or L·T when bidirectional), products, parameters."""
    D, H = (2 if bidirectional else 1), hidden_size
    waves = schedule(T, num_layers, D)
    mults = sum(D * T * H * ((input_size if k == 0 else D * H) + H) for k in range(num_layers))
    return RNNCost(
        T=T,
        cells=T * num_layers * D,
        sequential_steps=int(waves.max()) + 1 if T else 0,
        multiply_adds=mults,
        parameters=recurrent_param_count(1, input_size, H, num_layers, bidirectional),
        waves=waves,
    )


def input_sensitivity(trace: RNNTrace) -> np.ndarray:
    """‖∂h_t/∂x_s‖_F of the last layer, for each direction d, output t and input s: (D, T, T).

    Exact forward-mode differentiation through the recorded trace: a tangent for every
    input coordinate (s, i) is carried along dh_t = ψ'(a_t) ⊙ (W_xh dx_t + W_hh dh_{t-1}),
    with ψ' = 1 − h² for tanh and [a > 0] for relu. Non-finite states give NaN.
    """
    first = trace.layers[0][0]
    T, n_in = first.x.shape
    n = T * n_in  # one tangent per input coordinate
    # d_in[t, j, :] is ∂(layer input at t)/∂(coordinate j); the sequence itself is the identity.
    d_in = np.zeros((T, n, n_in))  # (T, n, in)
    d_in[np.arange(T).repeat(n_in), np.arange(n), np.tile(np.arange(n_in), T)] = 1.0
    out: list[np.ndarray] = []
    with np.errstate(invalid="ignore", over="ignore"):
        for directions in trace.layers:
            outs = []
            for layer in directions:
                if trace.nonlinearity == "tanh":
                    slope = 1.0 - layer.h**2  # (T, H)
                else:
                    slope = (layer.a > 0).astype(np.float64)
                slope = np.where(np.isfinite(layer.h), slope, np.nan)
                dh = np.zeros((T, n, layer.h.shape[1]))  # (T, n, H)
                state = np.zeros((n, layer.h.shape[1]))  # tangent of h0: zero, it is not an input
                times = range(T) if layer.direction == 0 else range(T - 1, -1, -1)
                for t in times:
                    state = slope[t] * (d_in[t] @ layer.W_xh.T + state @ layer.W_hh.T)  # (n, H)
                    dh[t] = state
                outs.append(dh)
            d_in = np.concatenate(outs, axis=2)  # (T, n, D·H): the next layer's input
            out = outs
        # (D, T_out, n, H) -> (D, T_out, T_in, in·H) -> norm over the last axis
        stacked = np.stack(out)  # (D, T, n, H)
        D, H = stacked.shape[0], stacked.shape[3]
        by_input = stacked.reshape(D, T, T, n_in * H)
        return np.sqrt(np.sum(by_input**2, axis=3))  # (D, T, T)


@dataclass(frozen=True)
class Blowup:
    """Where the hidden state first stopped being a finite number, in the order cells run."""

    step: int  # 1-based position in ``cell_order``
    layer: int
    direction: int
    t: int  # 0-based time
    n_inf: int  # entries of the whole trace's h that are ±inf
    n_nan: int  # … and NaN


def torch_layer_states(module: torch.nn.RNN, x: np.ndarray) -> tuple[tuple[np.ndarray, ...], ...]:
    """PyTorch's own h of every layer k and direction d, states[k][d] (T, H), natural time order.

    ``nn.RNN`` returns only its last layer; each layer is run here as a one-layer ``nn.RNN`` with
    that layer's weights, on the layer below's PyTorch output (an independent reference).
    """
    p0 = next(module.parameters())
    layer_input = torch.as_tensor(np.ascontiguousarray(x), dtype=p0.dtype)  # (T, in)
    D = 2 if module.bidirectional else 1
    states: list[tuple[np.ndarray, ...]] = []
    with torch.no_grad():
        for k in range(module.num_layers):
            one = seeded_module(torch.nn.RNN, layer_input.shape[1], module.hidden_size, seed=0,
                                nonlinearity=module.nonlinearity, bias=module.bias,
                                bidirectional=module.bidirectional, dtype=p0.dtype)  # weights copied next
            for name, _ in one.named_parameters():
                getattr(one, name).copy_(getattr(module, name.replace("_l0", f"_l{k}")))
            out, _ = one(layer_input)  # (T, D·H)
            H = module.hidden_size
            states.append(tuple(out[:, d * H:(d + 1) * H].numpy().copy() for d in range(D)))
            layer_input = out
    return tuple(states)


def first_nonfinite(states: Sequence[Sequence[np.ndarray]]) -> int | None:
    """The 1-based ``cell_order`` step of the first h_t holding inf or NaN in ``states[k][d]``."""
    T = states[0][0].shape[0]
    for step, (k, d, t) in enumerate(cell_order(T, len(states), len(states[0])), start=1):
        if not np.isfinite(states[k][d][t]).all():
            return step
    return None


def find_blowup(trace: RNNTrace) -> Blowup | None:
    """The first cell whose h_t holds inf or NaN, or None when every state is finite."""
    T = trace.output.shape[0]
    for step, (k, d, t) in enumerate(cell_order(T, trace.num_layers, trace.num_directions), start=1):
        if not np.isfinite(trace.layers[k][d].h[t]).all():
            hs = np.stack([layer.h for directions in trace.layers for layer in directions])
            return Blowup(step, k, d, t, int(np.isinf(hs).sum()), int(np.isnan(hs).sum()))
    return None


def _states(trace: RNNTrace) -> tuple[tuple[np.ndarray, ...], ...]:
    return tuple(tuple(layer.h for layer in directions) for directions in trace.layers)


@dataclass(frozen=True)
class ForwardPass:
    """Everything the "RNN forward pass" page shows for one sentence."""

    tokens: tuple[str, ...]  # with <bos>/<eos> when asked; T = len(tokens)
    ids: np.ndarray  # (T,)
    itos: tuple[str, ...]  # the vocabulary, built from all of the learner's lines
    dropped: tuple[int, ...]  # tokens cut beyond the cap, per line
    x: np.ndarray  # (T, d) x_t = E[id_t], from nn.Embedding
    trace: RNNTrace
    V: np.ndarray  # (|V|, D·H) readout weights
    c: np.ndarray  # (|V|,) readout bias
    probs: np.ndarray  # (T, |V|) ŷ_t = softmax(V y_t + c), y_t = trace.output[t]
    # max_difference(trace, PyTorch) over every cell's h, up to the first overflow (after it, inf
    # arithmetic depends on the order of sums, so two correct passes may differ); inf when the
    # two passes first overflow at different cells.
    rnn_diff: float
    compared_cells: int  # how many cells (in running order) that comparison covers
    readout_diff: float  # max_difference(probs, softmax(nn.Linear(nn.RNN(x))))
    sensitivity: np.ndarray  # (D, T, T) ‖∂h_t/∂x_s‖ of the last layer
    cost: RNNCost
    blowup: Blowup | None  # first non-finite state in this float64 pass
    blowup_float32: Blowup | None  # … in the same pass run in float32, PyTorch's default dtype

    @property
    def T(self) -> int:
        return len(self.tokens)

    @property
    def order(self) -> tuple[tuple[int, int, int], ...]:
        """The cells (layer, direction, t) in the order they run: the step player's steps."""
        return cell_order(self.T, self.trace.num_layers, self.trace.num_directions)

    @property
    def words(self) -> tuple[str, ...]:
        """The sentence's own tokens, without ``<bos>``/``<eos>`` (all tokens if nothing is left)."""
        words = tuple(tok for tok in self.tokens if tok not in ("<bos>", "<eos>"))
        return words or self.tokens

    @property
    def patterns(self) -> tuple[UsePattern, ...]:
        """The five shapes of use on the sentence's own tokens; the decoder writes one more."""
        n = len(self.words)
        return use_patterns(n, n + 1)

    def _all_h(self) -> np.ndarray:
        return np.concatenate([layer.h.ravel() for directions in self.trace.layers for layer in directions])

    @property
    def max_abs_state(self) -> float:
        """The largest finite |h| anywhere in the pass (0 when none is finite)."""
        hs = self._all_h()
        return float(np.abs(hs[np.isfinite(hs)]).max(initial=0.0))

    @property
    def saturated_fraction(self) -> float:
        """Share of hidden-state entries with |h| > 0.99: for tanh, stuck near ±1 where ψ' ≈ 0."""
        hs = self._all_h()
        with np.errstate(invalid="ignore"):
            return float(np.mean(np.abs(hs) > 0.99))


def forward_pass(
    sentences: Sequence[str],
    index: int = 0,
    *,
    level: str = "word",
    add_bos_eos: bool = True,
    d: int = 4,
    hidden_size: int = 3,
    nonlinearity: str = "tanh",
    weight_scale: float = 1.0,
    seed: int = 0,
    num_layers: int = 1,
    bidirectional: bool = False,
    max_tokens: int = MAX_TOKENS,
) -> ForwardPass:
    """Sentence ``index`` of ``sentences`` → tokens → x_t (T, d) → RNN trace → ŷ_t (T, |V|),
    each checked against PyTorch. The embedding, the RNN and the readout are seeded from
    ``seed``, ``seed + 1`` and ``seed + 2``; the vocabulary comes from all ``sentences``."""
    if not sentences:
        raise ValueError("give at least one sentence")
    spec = TokenizerSpec("char" if level == "char" else "word")
    tt = text_to_tensors(sentences, spec, d=d, seed=seed, add_bos=add_bos_eos, add_eos=add_bos_eos,
                         max_tokens=max_tokens)
    row = tt.sentences[index]
    if len(row.tokens) == 0:
        raise ValueError(f"sentence {index + 1} has no tokens at this setting")
    T = len(row.tokens)
    x = tt.embedded[index, :T]  # (T, d) = nn.Embedding(ids)

    module = make_rnn(d, hidden_size, num_layers=num_layers, nonlinearity=nonlinearity,
                      bidirectional=bidirectional, weight_scale=weight_scale, seed=seed + 1)
    trace = trace_rnn(module, x)
    readout = make_readout(trace.output.shape[1], len(tt.vocab), seed=seed + 2)
    V, c = to_numpy(readout.weight), to_numpy(readout.bias)  # (|V|, D·H), (|V|,)
    probs = output_probs(trace.output, V, c)  # (T, |V|)

    with torch.no_grad():  # the independent reference: PyTorch's own modules on the same x
        ref_out, ref_h_n = module(torch.from_numpy(np.ascontiguousarray(x)))  # (T, D·H), (D·L, H)
        ref_probs = torch.softmax(readout(ref_out), dim=-1)  # (T, |V|)
    ours_first, blowup = first_nonfinite(_states(trace)), find_blowup(trace)
    if blowup is None:
        rnn_diff = max(max_difference(trace.output, ref_out.numpy()),
                       max_difference(trace.h_n, ref_h_n.numpy()))
        compared = len(cell_order(T, num_layers, trace.num_directions))
    else:  # compare layer by layer, on the cells before the overflow
        ref_states = torch_layer_states(module, x)
        torch_first = first_nonfinite(ref_states)
        compared = min(ours_first or 0, torch_first or 0) - 1
        cells = cell_order(T, num_layers, trace.num_directions)[:max(compared, 0)]
        rnn_diff = max((max_difference(trace.layers[k][d].h[t], ref_states[k][d][t]) for k, d, t in cells),
                       default=0.0)
        if torch_first != ours_first:
            rnn_diff = float("inf")
    readout_diff = max_difference(probs, ref_probs.numpy())

    return ForwardPass(
        tokens=row.tokens,
        ids=row.ids,
        itos=tt.vocab.itos,
        dropped=tuple(r.dropped for r in tt.sentences),
        x=to_numpy(torch.from_numpy(np.ascontiguousarray(x))),
        trace=trace,
        V=V,
        c=c,
        probs=probs,
        rnn_diff=rnn_diff,
        compared_cells=compared,
        readout_diff=readout_diff,
        sensitivity=input_sensitivity(trace),
        cost=rnn_cost(T, d, hidden_size, num_layers, bidirectional),
        blowup=blowup,
        blowup_float32=find_blowup(trace_rnn(copy.deepcopy(module).float(), x.astype(np.float32))),
    )


@dataclass(frozen=True)
class UsePattern:
    """One shape of use on a sequence of T tokens: which inputs go in, which outputs are read.

    Positions index the cells left to right. An encoder–decoder has T encoder cells, then
    ``decoder_cells`` cells that start from the encoder's last state; one-to-many and the
    decoder feed each output back in as the next input.
    """

    name: str  # one_to_one, one_to_many, many_to_one, many_to_many, encoder_decoder
    cells: int
    fed: tuple[int, ...]  # cells that read one of the learner's tokens (token index = cell index)
    read: tuple[int, ...]  # cells whose ŷ is used
    feedback: tuple[int, ...]  # cells whose input is the previous cell's output
    decoder_from: int | None = None  # first decoder cell (encoder–decoder only)


USE_PATTERNS = ("one_to_one", "one_to_many", "many_to_one", "many_to_many", "encoder_decoder")


def use_patterns(T: int, T_out: int | None = None) -> tuple[UsePattern, ...]:
    """The five shapes of use on T input tokens; the decoder writes T_out tokens (default T)."""
    if T < 1:
        raise ValueError("a sequence needs at least one token")
    T_out = T if T_out is None else T_out
    every = tuple(range(T))
    return (
        UsePattern("one_to_one", 1, (0,), (0,), ()),
        UsePattern("one_to_many", T, (0,), every, tuple(range(1, T))),
        UsePattern("many_to_one", T, every, (T - 1,), ()),
        UsePattern("many_to_many", T, every, every, ()),
        UsePattern("encoder_decoder", T + T_out, every, tuple(range(T, T + T_out)),
                   tuple(range(T + 1, T + T_out)), decoder_from=T),
    )
