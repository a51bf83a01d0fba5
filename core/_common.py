"""Plumbing shared by the traces in ``core.rnn``, ``core.lstm``, ``core.gru`` and ``core.attention``.

Only bookkeeping lives here: read-only numpy copies, seeded module construction, the input
checks of an unbatched recurrent pass, the packed weights of one layer and direction, and
the loop that stacks layers and directions. The math of every model (what one time step
computes) stays written out in its own module.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import ClassVar, Generic, TypeVar

import numpy as np
import torch

ArrayLike = torch.Tensor | np.ndarray
LayerT = TypeVar("LayerT")


def to_numpy(t: torch.Tensor) -> np.ndarray:
    """Detached read-only copy, so a trace never aliases (or lets anyone edit) module weights."""
    arr = t.detach().cpu().numpy().copy()
    arr.flags.writeable = False
    return arr


@contextmanager
def seeded(seed: int) -> Iterator[None]:
    """Inside the block torch's CPU RNG starts from ``seed``; afterwards the global RNG is as it was."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        yield


# --- Recurrent modules (nn.RNN, nn.LSTM, nn.GRU and look-alikes) --------------------------


def check_no_dropout(module: torch.nn.Module) -> None:
    """Refuse a module that would apply dropout between layers: the traces never drop out."""
    if module.training and getattr(module, "dropout", 0) > 0 and module.num_layers > 1:
        raise ValueError(
            "The module applies dropout between layers in training mode, which the trace "
            "does not reproduce; call module.eval() before tracing."
        )


def as_sequence(module: torch.nn.Module, x: ArrayLike, model: str) -> torch.Tensor:
    """x as one unbatched sequence (T, input_size) in the parameters' dtype; ``model`` names it in errors."""
    p0 = next(module.parameters())
    x = torch.as_tensor(x, dtype=p0.dtype, device=p0.device)  # (T, in)
    if x.dim() != 2 or x.shape[1] != module.input_size:
        raise ValueError(
            f"x must be one unbatched sequence of shape (T, input_size) = "
            f"(T, {module.input_size}); got {tuple(x.shape)}. "
            "Pass one sequence at a time, one row per time step."
        )
    if x.shape[0] == 0:
        raise ValueError(f"x has no time steps; give the {model} at least one input vector.")
    return x


def initial_state(
    module: torch.nn.Module, s: ArrayLike | None, name: str = "h0", argument: str = "h0"
) -> torch.Tensor:
    """Initial state ``name`` (D*num_layers, H) in the parameters' dtype; zeros when s is None.

    ``argument`` is the parameter the caller passed it as (``h0``, or ``state`` for an LSTM).
    """
    p0 = next(module.parameters())
    shape = ((2 if module.bidirectional else 1) * module.num_layers, module.hidden_size)
    if s is None:
        return torch.zeros(shape, dtype=p0.dtype, device=p0.device)
    s = torch.as_tensor(s, dtype=p0.dtype, device=p0.device)  # (D*L, H)
    if tuple(s.shape) != shape:
        raise ValueError(
            f"{name} must have shape (D*num_layers, hidden_size) = {shape}; got {tuple(s.shape)}. "
            f"Pass {argument}=None to start from zeros."
        )
    return s


def direction_weights(
    module: torch.nn.Module, k: int, d: int
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
    """(W_ih, W_hh, b_ih, b_hh) of layer k, direction d (0 forward, 1 reverse), as PyTorch packs them.

    With G gate blocks (1 for an RNN, 3 for a GRU, 4 for an LSTM): W_ih (G*H, in),
    W_hh (G*H, H), b_ih and b_hh (G*H,), zeros when the module has bias=False. PyTorch
    names them ``weight_ih_l{k}``, ``weight_hh_l{k}``, ... with ``_reverse`` appended for d = 1.
    """
    suffix = f"l{k}" + ("_reverse" if d == 1 else "")
    W_ih = getattr(module, f"weight_ih_{suffix}")  # (G*H, in)
    W_hh = getattr(module, f"weight_hh_{suffix}")  # (G*H, H)
    zeros = torch.zeros(W_ih.shape[0], dtype=W_ih.dtype, device=W_ih.device)  # (G*H,)
    b_ih = getattr(module, f"bias_ih_{suffix}") if module.bias else zeros  # (G*H,)
    b_hh = getattr(module, f"bias_hh_{suffix}") if module.bias else zeros  # (G*H,)
    return W_ih, W_hh, b_ih, b_hh


def stack_layers(
    module: torch.nn.Module,
    x: torch.Tensor,
    run_direction: Callable[[int, int, torch.Tensor], tuple[LayerT, torch.Tensor]],
) -> tuple[tuple[tuple[LayerT, ...], ...], torch.Tensor, torch.Tensor]:
    """Run every layer k and direction d; return layers[k][d], output (T, D*H) and h_n (D*L, H).

    ``run_direction(k, d, layer_input)`` unrolls one layer and direction over its input
    (T, in) and returns its trace and hidden states h (T, H) in natural time order. Layer k
    reads layer k-1's outputs, forward half then reverse half. Calls go in h_n's row order
    k*D + d, and run without autograd.
    """
    D = 2 if module.bidirectional else 1
    layers: list[tuple[LayerT, ...]] = []
    h_n: list[torch.Tensor] = []
    layer_input = x  # (T, in)
    with torch.no_grad():
        for k in range(module.num_layers):
            directions: list[LayerT] = []
            direction_outputs: list[torch.Tensor] = []
            for d in range(D):
                trace, h = run_direction(k, d, layer_input)
                directions.append(trace)
                direction_outputs.append(h)  # (T, H)
                h_n.append(h[-1] if d == 0 else h[0])  # the reverse direction ends at t = 0
            layers.append(tuple(directions))
            layer_input = torch.cat(direction_outputs, dim=1)  # (T, D*H)
    return tuple(layers), layer_input, torch.stack(h_n)


class LayeredTrace(Generic[LayerT]):
    """Mixin for a frozen trace dataclass whose ``layers[k][d]`` is layer k, direction d."""

    layers: tuple[tuple[LayerT, ...], ...]
    # A gate the error of ``_only`` names as an example, e.g. "f" for an LSTM.
    _example_gate: ClassVar[str] = "h"

    @property
    def num_layers(self) -> int:
        return len(self.layers)

    @property
    def num_directions(self) -> int:
        return len(self.layers[0])

    def _only(self) -> LayerT:
        """Layer 0, direction 0, after checking there is no other one to confuse it with."""
        if self.num_layers != 1 or self.num_directions != 1:
            raise ValueError(
                f"This trace has {self.num_layers} layer(s) × {self.num_directions} "
                f"direction(s); read the gates of one of them as trace.layers[k][d].{self._example_gate} etc."
            )
        return self.layers[0][0]


def recurrent_param_count(gates: int, Q: int, D: int, K: int, bidirectional: bool) -> int:
    """Weights and biases of ``gates`` gate blocks, input size Q, hidden size D, K layers (bias=True).

    Each layer and direction has gates·(D·(q + D) + 2D): per gate a D×q input matrix, a D×D
    recurrent matrix and two bias vectors, where q = Q for the first layer and D·directions above.
    """
    directions = 2 if bidirectional else 1
    total = 0
    for k in range(K):
        q = Q if k == 0 else D * directions  # layers above read both directions' outputs
        total += directions * gates * (D * (q + D) + 2 * D)
    return total
