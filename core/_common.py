"""Plumbing shared by the traces in ``core.rnn``, ``core.lstm``, ``core.gru`` and ``core.attention``.

Only bookkeeping lives here: read-only numpy copies, seeded module construction (from a
generator of its own, never torch's global RNG), the input checks of an unbatched recurrent
pass, the packed weights of one layer and direction, and the loop that stacks layers and
directions. The math of every model (what one time step computes) stays written out in its
own module.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
import torch
from torch import nn

ArrayLike = torch.Tensor | np.ndarray
LayerT = TypeVar("LayerT")
ModuleT = TypeVar("ModuleT", bound=nn.Module)


def to_numpy(t: torch.Tensor) -> np.ndarray:
    """Detached read-only copy, so a trace never aliases (or lets anyone edit) module weights."""
    arr = t.detach().cpu().numpy().copy()
    arr.flags.writeable = False
    return arr


def init_parameters(model: nn.Module, seed: int) -> nn.Module:
    """Re-initialise every parameter from ``seed`` with PyTorch's default schemes, drawing only from
    a ``torch.Generator`` of its own (recurrent layers U(±1/√H); linear layers U(±1/√fan_in);
    embeddings N(0, 1) with a zero ``<pad>`` row; attention in-projections Xavier with zero biases;
    norms 1 and 0).

    Torch's global RNG is one per process: two visitors of one server who built models from it at
    the same time would interleave its draws and each get weights belonging to neither seed.
    """
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for module in model.modules():
            own = dict(module.named_parameters(recurse=False))
            if not own:
                continue
            if isinstance(module, nn.RNNBase) or getattr(module, "recurrent_init", False):
                k = 1.0 / math.sqrt(module.hidden_size)
                for p in own.values():
                    p.uniform_(-k, k, generator=g)
            elif isinstance(module, nn.Embedding):
                own["weight"].normal_(0.0, 1.0, generator=g)
                if module.padding_idx is not None:
                    own["weight"][module.padding_idx].zero_()
            elif isinstance(module, nn.LayerNorm):
                for name, p in own.items():
                    p.fill_(1.0 if name == "weight" else 0.0)
            elif isinstance(module, nn.MultiheadAttention):
                for name, p in own.items():
                    if p.dim() >= 2:
                        fan_out, fan_in = p.shape[0], p.shape[1]
                        if name == "in_proj_weight":  # three stacked (E, E) blocks
                            fan_out //= 3
                        bound = math.sqrt(6.0 / (fan_in + fan_out))
                        p.uniform_(-bound, bound, generator=g)
                    else:
                        p.zero_()
            else:  # nn.Linear and anything else: U(±1/√fan_in), as nn.Linear does by default
                weight = own.get("weight")
                fan_in = weight.shape[1] if weight is not None and weight.dim() >= 2 else None
                for p in own.values():
                    fan = fan_in or (p.shape[-1] if p.dim() else 1)
                    k = 1.0 / math.sqrt(fan)
                    p.uniform_(-k, k, generator=g)
    return model


def seeded_module(cls: type[ModuleT], *args: Any, seed: int, **kwargs: Any) -> ModuleT:
    """``cls(*args, **kwargs)`` with PyTorch's default init drawn from ``seed`` alone.

    The module is built on the ``meta`` device, where nothing is initialised, and then given real
    (empty) storage, as ``torch.nn.utils.skip_init`` does; so construction never touches torch's
    global RNG, and ``init_parameters`` fills it from its own generator: a seed means the same
    weights whatever other threads of the server are drawing.
    """
    module = init_parameters(cls(*args, **kwargs, device="meta").to_empty(device="cpu"), seed)
    with torch.no_grad():
        for m in module.modules():  # as in PyTorch, attention's output projection starts unbiased
            if isinstance(m, nn.MultiheadAttention) and m.out_proj.bias is not None:
                m.out_proj.bias.zero_()
    return module


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
