"""The retraining tolerances are backed by a measurement (tests/retrain_tolerances.py).

``bench/retrain_spread.py`` retrained every shipped checkpoint under each CPU kernel
(ATEN_CPU_CAPABILITY = default, avx2, avx512) and wrote what moved into
``core/data/checkpoints/retrain_spread.json``. Here: every recorded metric has a tolerance, and
no tolerance is tighter than twice what was measured, so the retraining tests in
test_core_{lm,seq2seq,classify}.py hold on any of those kernels.
"""

from __future__ import annotations

import json

from core.checkpoints import CHECKPOINT_DIR, recorded_metrics
from tests.retrain_tolerances import flatten, tolerance

SPREAD = json.loads((CHECKPOINT_DIR / "retrain_spread.json").read_text(encoding="utf-8"))


def test_every_recorded_metric_has_a_stated_tolerance():
    missing = []
    for path in flatten(recorded_metrics()):
        if path.startswith(("char_lm.training", "char_lm.size")):
            continue  # the training settings, not results
        try:
            tolerance(path)
        except KeyError:
            missing.append(path)
    assert missing == []


def test_the_spread_was_measured_under_every_kernel():
    assert {"default", "avx2", "avx512"} <= SPREAD["runs"].keys()
    assert {run["_kernel_in_use"] for run in SPREAD["runs"].values()} >= {"DEFAULT", "AVX2", "AVX512"}


def test_no_tolerance_is_tighter_than_twice_the_measured_spread():
    too_tight = {}
    for path, seen in SPREAD["spread"].items():
        if path.startswith(("char_lm.training", "char_lm.size")):
            continue
        moved = seen["max_abs_diff_from_shipped"]
        if tolerance(path) < 2 * moved:
            too_tight[path] = (tolerance(path), moved)
    assert too_tight == {}
