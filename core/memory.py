"""Long-range memory, measured by training: can an RNN, an LSTM or a GRU carry one token across d steps?

Shown on the page "Long-range memory lab" (C17).

**The recall task.** A sequence starts with one of ``N_KEYS`` key symbols, then ``d`` distractor
symbols drawn at random, then a query mark ``?``. The model reads the whole sequence and, at the
query, must name the key it saw ``d + 1`` steps earlier:

    A  x z y x … z  ?   →   A            (T = d + 2 inputs, chance = 1 / N_KEYS)

Nothing in the distractors tells the answer, so the only route from the key to the loss runs
back through d + 1 recurrent steps. The loss gradient reaching the key's step is

    ∂L/∂h_1 = ∂L/∂h_T · ∏_{t=2..T} ∂h_t/∂h_{t-1},

a product of T − 1 Jacobians. For a tanh RNN each factor is diag(1 − h_t²) W_hh, and the product
shrinks geometrically unless W_hh is large; the LSTM's cell path replaces it by ∏ f_t, which
stays near 1 only while the forget gates stay open. ``grad_by_distance`` measures ‖∂L/∂h_t‖ on
real modules at any point of training, so the page can show both the symptom (gradients that
vanish with distance) and the outcome (accuracy against d).

``python -m core.memory`` runs a reference sweep and writes ``core/data/memory_sweep.json``,
which the page shows (labelled as precomputed) before the visitor trains their own.
"""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from torch import nn

from core.train import Budget, Progress, TrainResult, init_parameters, train

Kind = Literal["rnn", "lstm", "gru"]
KINDS: tuple[Kind, ...] = ("rnn", "lstm", "gru")
N_KEYS = 4  # key symbols A, B, C, D: chance is 25 %
N_DISTRACTORS = 4  # distractor symbols w, x, y, z
KEYS = tuple("ABCD")
DISTRACTORS = tuple("wxyz")
QUERY = "?"
SYMBOLS = KEYS + DISTRACTORS + (QUERY,)  # one-hot input index of each symbol
MAX_DISTANCE = 100
MAX_HIDDEN = 64
BATCH = 64
EVAL_SIZE = 512
FORGET_BIAS = 2.0  # the LSTM's initial forget-gate bias (see open_forget_gates)
PROBE_SIZE = 128  # held-out sequences the gradient is measured on
EVAL_EVERY = 50
SWEEP_FILE = Path(__file__).resolve().parent / "data" / "memory_sweep.json"


def recall_batch(d: int, n: int, g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
    """``n`` recall sequences with ``d`` distractors: one-hot inputs (n, d + 2, |SYMBOLS|) and the
    key index to recall (n,)."""
    if not 0 <= d <= MAX_DISTANCE:
        raise ValueError(f"distance must be in 0 … {MAX_DISTANCE}")
    keys = torch.randint(0, N_KEYS, (n,), generator=g)
    noise = torch.randint(N_KEYS, N_KEYS + N_DISTRACTORS, (n, d), generator=g)
    query = torch.full((n, 1), len(SYMBOLS) - 1)
    ids = torch.cat([keys[:, None], noise, query], dim=1)  # (n, T)
    return nn.functional.one_hot(ids, len(SYMBOLS)).float(), keys


def as_text(x: torch.Tensor) -> str:
    """One sequence (T, |SYMBOLS|) written with its symbols: ``A x z … ?``."""
    return " ".join(SYMBOLS[int(i)] for i in x.argmax(-1))


class MemoryNet(nn.Module):
    """A one-layer recurrent network reading one-hot symbols; a linear head at the last step."""

    def __init__(self, kind: Kind, hidden: int) -> None:
        super().__init__()
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if not 1 <= hidden <= MAX_HIDDEN:
            raise ValueError(f"hidden size must be in 1 … {MAX_HIDDEN}")
        cls = {"rnn": nn.RNN, "lstm": nn.LSTM, "gru": nn.GRU}[kind]
        self.kind = kind
        self.rnn = cls(len(SYMBOLS), hidden, batch_first=True)
        self.head = nn.Linear(hidden, N_KEYS)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """Logits over the keys, (n, N_KEYS), from x (n, T, |SYMBOLS|)."""
        out, _ = self.rnn(x)  # (n, T, H)
        return self.head(out[:, -1])


def open_forget_gates(model: MemoryNet, bias: float = FORGET_BIAS) -> MemoryNet:
    """Set an LSTM's forget-gate bias b_if + b_hf to ``bias`` (b_if = bias, b_hf = 0). PyTorch's
    default draws it from U(±1/√H), so f_t ≈ σ(0) = 0.5 and the cell path ∏ f_t halves at every
    step; the textbook fix (Gers et al. 2000; Jozefowicz et al. 2015) is bias 1, σ(1) ≈ 0.73.
    Measured here (hidden 32, lr 1e-2, batch 64, seed 0): with bias 1 the LSTM did not learn d = 20
    within 600 steps (accuracy 0.47); with bias 2, σ(2) ≈ 0.88, it did in 50 steps. So the lab
    uses 2 and shows bias 1 beside it. Other kinds are left as they are."""
    if model.kind == "lstm":
        h = model.rnn.hidden_size
        with torch.no_grad():
            model.rnn.bias_ih_l0[h:2 * h].fill_(bias)
            model.rnn.bias_hh_l0[h:2 * h].zero_()
    return model


def accuracy(model: MemoryNet, x: torch.Tensor, y: torch.Tensor) -> float:
    with torch.no_grad():
        return float((model(x).argmax(-1) == y).float().mean())


def grad_by_distance(model: MemoryNet, x: torch.Tensor, y: torch.Tensor) -> np.ndarray:
    """‖∂L_i/∂h_t‖ (mean over the sequences i, L_i the cross-entropy of sequence i) against
    distance T − t from the query, (T,): entry k is the
    gradient reaching k steps before the last. Runs the module one step at a time and reads the
    gradient of each state it hands on (the whole-sequence output tensor is not on the recurrent
    path, so its gradient would miss every route through later steps)."""
    was_training = model.training
    model.eval()
    hs: list[torch.Tensor] = []  # h_1 … h_T, each (1, n, H)
    state = None
    with torch.enable_grad():  # also when called from an evaluation under torch.no_grad()
        for t in range(x.shape[1]):
            _, state = model.rnn(x[:, t : t + 1], state)
            h = state[0] if isinstance(state, tuple) else state
            h.retain_grad()
            hs.append(h)
        # summed, not averaged: row i of each h_t.grad is then sequence i's own ∂L_i/∂h_t
        loss = nn.functional.cross_entropy(model.head(hs[-1][0]), y, reduction="sum")
        loss.backward()
    model.zero_grad(set_to_none=True)
    model.train(was_training)
    norms = [float(h.grad[0].norm(dim=-1).mean()) for h in reversed(hs)]  # type: ignore[index]
    return np.array(norms)  # distance 0 (the query step) … T − 1 (the key step)


@dataclass(frozen=True)
class RunSpec:
    """One training run of the lab."""

    kind: Kind
    d: int
    hidden: int = 32
    seed: int = 0
    max_steps: int = 600
    max_seconds: float | None = 8.0
    target: float = 0.98
    lr: float = 1e-2
    forget_bias: float = FORGET_BIAS  # LSTM only


@dataclass(frozen=True)
class RunOutcome:
    """What the page plots for one run: accuracy, cost, and gradient size against distance."""

    kind: str
    d: int
    accuracy: float
    steps: int
    seconds: float
    stopped: str
    grad_before: tuple[float, ...]  # ‖∂L_i/∂h‖ by distance 0 … d + 1, at initialisation
    grad_after: tuple[float, ...]  # … and after training
    losses: tuple[float, ...]
    forget_bias: float = FORGET_BIAS
    # (step, accuracy, ‖∂L_i/∂h_1‖ at the key's step) at initialisation (step 0) and at every
    # evaluation during training
    history: tuple[tuple[int, float, float], ...] = ()


def eval_set(d: int, seed: int) -> tuple[torch.Tensor, torch.Tensor]:
    """The fixed held-out sequences a run is scored on (never trained on: another generator)."""
    return recall_batch(d, EVAL_SIZE, torch.Generator().manual_seed(10_000 + seed))


def run(spec: RunSpec,
        on_progress: Callable[[Progress[MemoryNet]], bool | None] | None = None,
        ) -> tuple[TrainResult[MemoryNet], RunOutcome]:
    """Train one model on the recall task at distance ``spec.d`` within its budget; the gradient
    reaching the key's step is measured on held-out sequences at every evaluation."""
    model = open_forget_gates(init_parameters(MemoryNet(spec.kind, spec.hidden), spec.seed),
                              spec.forget_bias)
    x_eval, y_eval = eval_set(spec.d, spec.seed)
    probe = (x_eval[:PROBE_SIZE], y_eval[:PROBE_SIZE])
    before = grad_by_distance(model, *probe)
    start = (0, round(accuracy(model, x_eval, y_eval), 4), _finite([before[-1]])[0])

    def sample(g: torch.Generator) -> tuple[torch.Tensor, torch.Tensor]:
        return recall_batch(spec.d, BATCH, g)

    def loss_fn(m: MemoryNet, batch: tuple[torch.Tensor, torch.Tensor]) -> torch.Tensor:
        return nn.functional.cross_entropy(m(batch[0]), batch[1])

    def evaluate(m: MemoryNet) -> dict[str, float]:
        acc = accuracy(m, x_eval, y_eval)
        key_grad = float(grad_by_distance(m, *probe)[-1])
        return {"accuracy": acc, "key_grad": key_grad}

    result = train(
        model, sample, loss_fn,
        Budget(spec.max_steps, spec.max_seconds, "accuracy", spec.target),
        seed=spec.seed, lr=spec.lr, clip=1.0, init=False, eval_every=EVAL_EVERY,
        evaluate=evaluate, on_progress=on_progress,
    )
    after = grad_by_distance(model, *probe)
    hist = (start, *((int(step), round(m["accuracy"], 4), _finite([m["key_grad"]])[0])
                     for step, m in result.evals))
    outcome = RunOutcome(spec.kind, spec.d, result.final_metrics["accuracy"], result.steps,
                         round(result.seconds, 2), result.stopped,
                         tuple(_finite(before)), tuple(_finite(after)),
                         tuple(_finite(result.losses)), spec.forget_bias, hist)
    return result, outcome


def _finite(values: Sequence[float] | np.ndarray) -> list[float]:
    return [float(v) if math.isfinite(float(v)) else 0.0 for v in values]


def chance() -> float:
    """Accuracy of guessing: the keys are drawn uniformly, so 1 / N_KEYS."""
    return 1.0 / N_KEYS


SWEEP_DISTANCES = (5, 10, 20, 40)
SWEEP_STEPS = 600
# (kind, forget bias): the three models, plus the LSTM with the textbook bias 1 for comparison
SWEEP_VARIANTS: tuple[tuple[Kind, float], ...] = (("rnn", 0.0), ("lstm", FORGET_BIAS),
                                                   ("gru", 0.0), ("lstm", 1.0))


def sweep(distances: Sequence[int] = SWEEP_DISTANCES, *, hidden: int = 32, seed: int = 0,
          max_seconds: float | None = None, max_steps: int = SWEEP_STEPS,
          variants: Sequence[tuple[Kind, float]] = SWEEP_VARIANTS,
          log: Callable[[RunOutcome], None] | None = None) -> list[RunOutcome]:
    """Every variant at every distance with the same budget: the page's reference results."""
    out = []
    for d in distances:
        for kind, bias in variants:
            outcome = run(RunSpec(kind, d, hidden, seed, max_steps, max_seconds,
                                  forget_bias=bias if kind == "lstm" else FORGET_BIAS))[1]
            out.append(outcome)
            if log is not None:
                log(outcome)
    return out


LEARNED = 0.9  # accuracy from which a run counts as "learned" (chance is 0.25)


def variant_of(record: Mapping[str, object]) -> str:
    """The line a run belongs to: "rnn", "lstm", "gru", or "lstm_b1" for an LSTM of the shipped
    sweep whose forget-gate bias is not the lab's (the textbook 1, for comparison)."""
    if "variant" in record:  # a visitor's runs name their line themselves
        return str(record["variant"])
    kind = str(record["kind"])
    if kind == "lstm" and float(record.get("forget_bias", FORGET_BIAS)) != FORGET_BIAS:  # type: ignore[arg-type]
        return f"lstm_b{float(record['forget_bias']):g}"  # type: ignore[arg-type]
    return kind


@dataclass(frozen=True)
class Verdict:
    """RNN against LSTM at every distance both were trained on: who learned (accuracy ≥ LEARNED)."""

    rnn_fails_lstm_learns: tuple[int, ...]
    both_learn: tuple[int, ...]
    both_fail: tuple[int, ...]
    lstm_fails_rnn_learns: tuple[int, ...]
    gru_learns: tuple[int, ...]
    gru_fails: tuple[int, ...]


def verdict(records: Sequence[Mapping[str, object]], learned: float = LEARNED) -> Verdict:
    """Sort the distances by outcome, from run records (``asdict(RunOutcome)`` or the sweep's)."""
    acc: dict[tuple[str, int], float] = {}
    for r in records:
        acc[(variant_of(r), int(r["d"]))] = float(r["accuracy"])  # type: ignore[arg-type]
    ds = sorted({d for (_, d) in acc})
    groups: dict[str, list[int]] = {k: [] for k in ("rl", "bl", "bf", "lr", "gl", "gf")}
    for d in ds:
        if ("gru", d) in acc:
            groups["gl" if acc[("gru", d)] >= learned else "gf"].append(d)
        if ("rnn", d) not in acc or ("lstm", d) not in acc:
            continue
        rnn_ok, lstm_ok = acc[("rnn", d)] >= learned, acc[("lstm", d)] >= learned
        key = {(False, True): "rl", (True, True): "bl", (False, False): "bf", (True, False): "lr"}
        groups[key[(rnn_ok, lstm_ok)]].append(d)
    return Verdict(*(tuple(groups[k]) for k in ("rl", "bl", "bf", "lr", "gl", "gf")))


def load_sweep(path: Path = SWEEP_FILE) -> dict:
    """The shipped reference sweep: its settings and one record per run."""
    return json.loads(path.read_text(encoding="utf-8"))


def main(argv: Sequence[str] | None = None) -> None:
    """Write the reference sweep (steps-bounded, so its numbers do not depend on the machine's
    speed; only the recorded seconds do)."""
    args = list(sys.argv[1:] if argv is None else argv)
    out = Path(args[0]) if args else SWEEP_FILE
    settings = {"distances": list(SWEEP_DISTANCES), "hidden": 32, "seed": 0,
                "max_steps": SWEEP_STEPS, "lr": RunSpec.lr, "batch": BATCH,
                "target": RunSpec.target, "eval_size": EVAL_SIZE, "eval_every": EVAL_EVERY,
                "variants": [[k, b] for k, b in SWEEP_VARIANTS], "chance": chance()}

    def log(r: RunOutcome) -> None:
        print(f"{r.kind:5s} bf={r.forget_bias:.0f} d={r.d:3d} acc={r.accuracy:.3f} "
              f"steps={r.steps} {r.seconds:.1f}s", flush=True)

    runs = sweep(log=log)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"settings": settings, "runs": [_rounded(asdict(r)) for r in runs]},
                              separators=(",", ":")) + "\n", encoding="utf-8")


def _rounded(record: dict) -> dict:
    """Floats to 4 significant digits, so the shipped JSON stays small."""
    def r(v):
        if isinstance(v, float):
            return float(f"{v:.4g}")
        if isinstance(v, list | tuple):
            return [r(x) for x in v]
        return v
    return {k: r(v) for k, v in record.items()}


if __name__ == "__main__":
    main()
