"""How far a retrained checkpoint's metrics move with the CPU's kernels: the tolerances' evidence.

Float32 training is not bit-identical across CPU kernels: PyTorch picks AVX-512, AVX2 or plain
code at start-up (``ATEN_CPU_CAPABILITY`` forces one), and their sums round differently, so two
machines retrain the same seed to slightly different weights. This script regenerates every
shipped checkpoint (``python -m core.checkpoints --out …``) once under each kernel the CPU
supports, in a fresh process each, and records every metric beside the shipped one:

    .venv/bin/python bench/retrain_spread.py            # every kernel this CPU has
    .venv/bin/python bench/retrain_spread.py default    # just one

It writes ``core/data/checkpoints/retrain_spread.json``; the retraining tests
(``tests/test_core_{lm,seq2seq,classify}.py``) state their tolerances from it. Takes about five
minutes per kernel on two cores.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.checkpoints import CHECKPOINT_DIR, recorded_metrics  # noqa: E402

OUT = CHECKPOINT_DIR / "retrain_spread.json"
KERNELS = ("default", "avx2", "avx512")


def cpu_has(kernel: str) -> bool:
    if kernel == "default":
        return True
    flags = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    return {"avx2": " avx2", "avx512": " avx512f"}[kernel] in flags


def retrain(kernel: str) -> dict[str, Any]:
    """Every checkpoint regenerated in a fresh process whose kernels are forced to ``kernel``."""
    with tempfile.TemporaryDirectory() as out:
        env = {**os.environ, "ATEN_CPU_CAPABILITY": kernel}
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "core.checkpoints", "--out", out], cwd=ROOT, env=env,
                       check=True)
        probe = subprocess.run(
            [sys.executable, "-c", "import torch; print(torch.backends.cpu.get_cpu_capability())"],
            env=env, capture_output=True, text=True, check=True)
        metrics = json.loads((Path(out) / "metrics.json").read_text("utf-8"))
    metrics["_kernel_in_use"] = probe.stdout.strip()
    metrics["_seconds"] = round(time.perf_counter() - start, 1)
    return metrics


def leaves(tree: Any, prefix: str = "") -> dict[str, float]:
    """Every numeric leaf of a nested dict, keyed by its dotted path."""
    if isinstance(tree, dict):
        out: dict[str, float] = {}
        for key, value in tree.items():
            if not str(key).startswith("_") and key != "build_seconds":
                out |= leaves(value, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(tree, bool) or not isinstance(tree, int | float):
        return {}
    return {prefix: float(tree)}


def main(argv: list[str]) -> None:
    kernels = [k for k in (argv or KERNELS) if cpu_has(k)]
    runs = json.loads(OUT.read_text("utf-8"))["runs"] if OUT.exists() else {}
    for kernel in kernels:
        print(f"[{kernel}] retraining every checkpoint …", flush=True)
        runs[kernel] = retrain(kernel)
        print(f"[{kernel}] done in {runs[kernel]['_seconds']} s", flush=True)
    shipped = leaves(recorded_metrics())
    spread: dict[str, dict[str, float]] = {}
    for path, value in shipped.items():
        if path.endswith(("seconds", "train_seconds")):
            continue  # wall-clock, not a result
        seen = [leaves(run).get(path) for run in runs.values()]
        seen = [v for v in seen if v is not None]
        if seen:
            spread[path] = {"shipped": value, "min": min(seen), "max": max(seen),
                            "max_abs_diff_from_shipped": round(max(abs(v - value) for v in seen), 6)}
    moved = {p: s for p, s in spread.items() if s["max_abs_diff_from_shipped"] > 0}
    OUT.write_text(json.dumps({"about": __doc__.splitlines()[0], "runs": runs, "spread": spread},
                              indent=2, ensure_ascii=False) + "\n", "utf-8")
    print(f"{len(moved)} of {len(spread)} metrics moved; the largest moves:")
    for path, s in sorted(moved.items(), key=lambda kv: -kv[1]["max_abs_diff_from_shipped"])[:25]:
        print(f"  {path}: shipped {s['shipped']}, retrained {s['min']} … {s['max']}")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
