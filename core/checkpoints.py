"""Regenerate every checkpoint SeqLab ships, from scratch: ``python -m core.checkpoints``.

Each trained model is owned by its concept module, which exposes ``build_checkpoint(directory)``:
it makes its own data (no downloads), trains with ``core.train.train`` from a fixed seed, writes its
files into ``directory`` and returns the metrics it measured on held-out data. This script runs
them all (or the ones named on the command line) and records the metrics in ``metrics.json``
beside the checkpoints; tests check those metrics on a fresh run.
"""

from __future__ import annotations

import argparse
import importlib
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

CHECKPOINT_DIR = Path(__file__).resolve().parent / "data" / "checkpoints"
METRICS_FILE = CHECKPOINT_DIR / "metrics.json"

# name -> the module that builds it (each has ``build_checkpoint(directory) -> dict``)
BUILDERS: dict[str, str] = {
    "sentiment": "core.classify",
    "char_lm": "core.lm",
    "translation": "core.seq2seq",
}


def builder(name: str) -> Callable[[Path], dict[str, Any]]:
    """The ``build_checkpoint`` function of checkpoint ``name``."""
    return importlib.import_module(BUILDERS[name]).build_checkpoint


def recorded_metrics() -> dict[str, dict[str, Any]]:
    """The metrics written by the last full regeneration (empty if there was none)."""
    if not METRICS_FILE.exists():
        return {}
    return json.loads(METRICS_FILE.read_text(encoding="utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("names", nargs="*", help=f"some of {sorted(BUILDERS)}; default: all")
    parser.add_argument("--out", type=Path, default=CHECKPOINT_DIR)
    args = parser.parse_args(argv)
    names = args.names or list(BUILDERS)
    unknown = sorted(set(names) - BUILDERS.keys())
    if unknown:
        parser.error(f"unknown checkpoint(s) {unknown}; choose from {sorted(BUILDERS)}")
    metrics_path = args.out / METRICS_FILE.name
    metrics = json.loads(metrics_path.read_text("utf-8")) if metrics_path.exists() else {}
    for name in names:
        start = time.perf_counter()
        print(f"[{name}] training …", flush=True)
        got = builder(name)(args.out)
        got["build_seconds"] = round(time.perf_counter() - start, 1)
        metrics[name] = got
        print(f"[{name}] {got}", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    metrics_path.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
