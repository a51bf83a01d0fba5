"""How fast the "LSTM gates" page answers: a full run, a step (fragment rerun) and the core call.

Run with ``.venv/bin/python bench/lstm_gates.py``. Writes ``bench/results/lstm_gates.json``.
Wall-clock numbers on this machine: measured and reported, never asserted in tests.

* ``step_median_s``: AppTest clicks ``lstm_step__next`` ten times; the median wall time of
  one click (the step player's fragment rerun: token row, six equations, cell diagram, belt
  and table).
* ``full_rerun_median_s``: the median of five full reruns after a knob change (cache hit for
  the model, so mostly drawing).
* ``browser_step_median_s``: in Chromium against a live server, click → URL shows the new step
  → script idle, median of five.
* ``study_ms``: ``core.lstm.study_lstm`` on a 64-token sentence with H = 8 (trace + check).
"""

from __future__ import annotations

import json
import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.lstm import make_lstm, study_lstm  # noqa: E402
from tests.test_pages import open_page  # noqa: E402

PAGE = "pages/lstm_gates.py"


def apptest() -> dict[str, float]:
    at = open_page(PAGE, lang="en")
    at.text_area(key="user_text").input("the quick brown fox jumps over the lazy dog again").run()
    steps = []
    for _ in range(10):
        t0 = time.perf_counter()
        at.button(key="lstm_step__next").click().run()
        steps.append(time.perf_counter() - t0)
        assert not at.exception
    reruns = []
    for seed in range(1, 6):
        at.number_input(key="lstm_seed").set_value(seed).run()  # warm the cache for this seed
        t0 = time.perf_counter()
        at.run()
        reruns.append(time.perf_counter() - t0)
    return {"step_median_s": statistics.median(steps), "step_max_s": max(steps),
            "full_rerun_median_s": statistics.median(reruns)}


def browser() -> dict[str, float]:
    from playwright.sync_api import sync_playwright

    from tests.live import LiveServer, launch, wait_ready

    with sync_playwright() as p, LiveServer() as server:
        b = launch(p)
        page = b.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US").new_page()
        page.goto(f"{server.url}/lstm_gates?lang=en&step=1")
        wait_ready(page, "LSTM gates")
        times = []
        for k in range(5):
            t0 = time.monotonic()
            page.locator(".st-key-lstm_step__next button").first.click()
            page.wait_for_url(f"**step={2 + k}**")
            wait_ready(page)
            times.append(time.monotonic() - t0)
        b.close()
    return {"browser_step_median_s": statistics.median(times)}


def core_call() -> dict[str, float]:
    import numpy as np

    lstm = make_lstm(16, 8, forget_bias=1.0)
    x = np.random.default_rng(0).standard_normal((64, 16))
    n = 20
    return {"study_ms": 1000 * timeit.timeit(lambda: study_lstm(lstm, x, forget_clamp=0.0), number=n) / n}


def main() -> None:
    results = {**core_call(), **apptest()}
    if "--no-browser" not in sys.argv:
        results.update(browser())
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "lstm_gates.json").write_text(json.dumps(results, indent=2))
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.3f}")


if __name__ == "__main__":
    main()
