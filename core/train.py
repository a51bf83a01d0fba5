"""One training loop for every model SeqLab trains, live in a page or offline for a checkpoint.

Training is gradient descent on a loss L(θ): sample a batch, compute L, backpropagate, clip the
gradient's global norm, take an Adam step. The loop here is the only one in the project, so that
every model is trained the same way and every run is reproducible:

- **deterministic from a seed** — parameters are initialised and batches drawn from a
  ``torch.Generator`` owned by the run, never from the global RNG, so two visitors training at the
  same time (two threads of one server) cannot disturb each other;
- **progress through a callback** — pages draw ``st.progress`` and a live loss curve from it, and
  the callback can stop the run by returning ``False`` (a stop button);
- **a budget** — a cap on steps and on seconds, and an optional target for an evaluation metric
  (early stopping).

Checkpoints are small ``state_dict``s with plain metadata, written with ``torch.save`` and read
with ``torch.load(weights_only=True)``; ``core/checkpoints.py`` regenerates all of them.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

import torch
from torch import nn

from core._common import init_parameters

Batch = TypeVar("Batch")
M = TypeVar("M", bound=nn.Module)


@dataclass(frozen=True)
class Budget:
    """When a run stops: after ``max_steps`` steps, ``max_seconds`` seconds, or on reaching a target
    value of one evaluation metric (higher is better, e.g. accuracy)."""

    max_steps: int
    max_seconds: float | None = None
    target_metric: str | None = None
    target_value: float | None = None

    def __post_init__(self) -> None:
        if self.max_steps < 1:
            raise ValueError("a training run needs at least one step")
        if (self.target_metric is None) != (self.target_value is None):
            raise ValueError("give both target_metric and target_value, or neither")


@dataclass
class TrainResult(Generic[M]):
    """A finished (or stopped) run: the model, the loss at every step and the evaluations."""

    model: M
    losses: list[float] = field(default_factory=list)  # one per step
    evals: list[tuple[int, dict[str, float]]] = field(default_factory=list)  # (step, metrics)
    seconds: float = 0.0
    # "steps", "time", "target", "stopped" (the callback said stop), "nan" (the loss blew up)
    stopped: str = "steps"

    @property
    def steps(self) -> int:
        return len(self.losses)

    @property
    def final_metrics(self) -> dict[str, float]:
        return dict(self.evals[-1][1]) if self.evals else {}


@dataclass(frozen=True)
class Progress(Generic[M]):
    """What the callback sees after a step: enough to draw a progress bar and a loss curve."""

    step: int
    max_steps: int
    loss: float
    elapsed: float
    max_seconds: float | None
    result: TrainResult[M]  # the run so far (the live model and every loss)

    @property
    def fraction(self) -> float:
        """How much of the budget is spent, in [0, 1]: steps or seconds, whichever is further."""
        done = self.step / self.max_steps
        if self.max_seconds:
            done = max(done, self.elapsed / self.max_seconds)
        return min(done, 1.0)


def train(
    model: M,
    sample: Callable[[torch.Generator], Batch],
    loss_fn: Callable[[M, Batch], torch.Tensor],
    budget: Budget,
    *,
    seed: int = 0,
    lr: float = 1e-2,
    clip: float | None = 1.0,
    weight_decay: float = 0.0,
    evaluate: Callable[[M], Mapping[str, float]] | None = None,
    eval_every: int = 50,
    on_progress: Callable[[Progress[M]], bool | None] | None = None,
    init: bool = True,
) -> TrainResult[M]:
    """Train ``model`` in place with Adam: ``sample(g)`` draws a batch, ``loss_fn(model, batch)`` is a
    scalar loss. ``evaluate(model)`` (in eval mode, no grad) runs every ``eval_every`` steps and at
    the end. ``on_progress`` runs after every step; returning ``False`` stops the run."""
    if init:
        init_parameters(model, seed)
    g = torch.Generator().manual_seed(seed + 1)
    opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=weight_decay)
    result: TrainResult[M] = TrainResult(model)
    start = time.perf_counter()

    def run_eval(step: int) -> dict[str, float]:
        was_training = model.training
        model.eval()
        with torch.no_grad():
            metrics = {k: float(v) for k, v in evaluate(model).items()}  # type: ignore[misc]
        model.train(was_training)
        result.evals.append((step, metrics))
        return metrics

    def reached(metrics: Mapping[str, float]) -> bool:
        if budget.target_metric is None or budget.target_value is None:
            return False
        return metrics.get(budget.target_metric, -math.inf) >= budget.target_value

    model.train()
    stopped = "steps"
    for step in range(1, budget.max_steps + 1):
        batch = sample(g)
        loss = loss_fn(model, batch)
        value = float(loss.detach())
        if not math.isfinite(value):
            result.losses.append(value)
            stopped = "nan"
            break
        opt.zero_grad(set_to_none=True)
        loss.backward()
        if clip is not None:
            nn.utils.clip_grad_norm_(model.parameters(), clip)
        opt.step()
        result.losses.append(value)
        elapsed = time.perf_counter() - start
        result.seconds = elapsed
        if evaluate is not None and step % eval_every == 0 and reached(run_eval(step)):
            stopped = "target"
        if on_progress is not None:
            go_on = on_progress(Progress(step, budget.max_steps, value, elapsed,
                                         budget.max_seconds, result))
            if go_on is False and stopped == "steps":
                stopped = "stopped"
        if stopped != "steps":
            break
        if budget.max_seconds is not None and elapsed >= budget.max_seconds:
            stopped = "time"
            break
    model.eval()
    if evaluate is not None and (not result.evals or result.evals[-1][0] != result.steps):
        run_eval(result.steps)
    result.seconds = time.perf_counter() - start
    result.stopped = stopped
    return result


def save_checkpoint(path: Path, model: nn.Module, meta: Mapping[str, Any]) -> None:
    """Write ``model``'s float32 ``state_dict`` and plain metadata (str, int, float, lists, dicts)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    state = {k: v.detach().to(torch.float32).clone() if v.is_floating_point() else v.clone()
             for k, v in model.state_dict().items()}
    torch.save({"state_dict": state, "meta": dict(meta)}, path)


def load_checkpoint(path: Path) -> tuple[dict[str, torch.Tensor], dict[str, Any]]:
    """Read a checkpoint written by ``save_checkpoint``, safely (``weights_only=True``)."""
    blob = torch.load(path, map_location="cpu", weights_only=True)
    return blob["state_dict"], blob["meta"]
