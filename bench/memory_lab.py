"""How long the "Long-range memory lab" takes: each live run to its target, and a page rerun.

Run with ``.venv/bin/python bench/memory_lab.py``. Prints a table and writes
``bench/results/memory_lab.json``. Wall-clock on this shared 2-core machine (the load average is
recorded beside the numbers); measured and reported, never asserted in tests.

- ``runs``: every model at d = 5, 10, 20 with the page's live defaults (hidden 32, at most 600 steps
  and 10 s per run, target held-out accuracy 0.98): seconds, steps, accuracy and why it stopped.
- ``rerun_apptest_median_s``: the page's rerun after picking another distance for the gradient
  plots (AppTest, which reruns the whole script; the sweep is cached).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.memory import KINDS, RunSpec, run  # noqa: E402
from tests.test_pages import open_page  # noqa: E402

DISTANCES = (5, 10, 20)


def live_runs() -> list[dict]:
    rows = []
    for d in DISTANCES:
        for kind in KINDS:
            outcome = run(RunSpec(kind, d, hidden=32, max_steps=600, max_seconds=10.0))[1]
            rows.append({"kind": kind, "d": d, "seconds": outcome.seconds, "steps": outcome.steps,
                         "accuracy": round(outcome.accuracy, 3), "stopped": outcome.stopped})
            print(f"{kind:5s} d={d:3d} {outcome.seconds:6.2f} s {outcome.steps:4d} steps "
                  f"acc={outcome.accuracy:.3f} ({outcome.stopped})", flush=True)
    return rows


def reruns(n: int = 8) -> list[float]:
    at = open_page("pages/memory_lab.py", lang="en")
    times = []
    for i in range(n):
        t0 = time.perf_counter()
        at.radio(key="mem_ref_grad_d").set_value((5, 10, 20, 40)[i % 4]).run()
        times.append(time.perf_counter() - t0)
        assert not at.exception
    return times


def main() -> None:
    load = os.getloadavg()
    rows = live_runs()
    times = reruns()
    result = {
        "load_average": [round(x, 2) for x in load],
        "runs": rows,
        "rerun_apptest_median_s": round(statistics.median(times), 3),
        "rerun_apptest_s": [round(x, 3) for x in times],
    }
    out = ROOT / "bench" / "results" / "memory_lab.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"rerun after a knob change (AppTest, median): {result['rerun_apptest_median_s']} s")


if __name__ == "__main__":
    main()
