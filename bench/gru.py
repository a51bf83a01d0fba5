"""How fast the page "GRU" answers a step: in Chromium (the fragment rerun a learner waits for),
through AppTest (a whole-script rerun), and the one core call at default and capped sizes.

Run with ``make bench`` (or ``.venv/bin/python bench/gru.py``). Prints a table and writes
``bench/results/gru.json``. Wall-clock numbers on this machine: measured and reported, never
asserted in tests.
"""

from __future__ import annotations

import json
import logging
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from core.gru import gru_lab  # noqa: E402
from tests.live import LiveServer, launch, wait_ready  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

STEPS = 10
TEXT = "오늘 아침에 나는 학교 앞 빵집에서 따뜻한 우유와 빵을 샀다"  # 11 words: T = 13


def browser_steps() -> list[float]:
    """Click "next" and wait until the URL, the cell diagram and the script are all done."""
    with LiveServer() as server, sync_playwright() as p:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="ko-KR")
        page.goto(f"{server.url}/gru?lang=ko")
        wait_ready(page, STRINGS["page.gru.title"]["ko"])
        box = page.get_by_role("textbox", name=STRINGS["input.label"]["ko"])
        box.fill(TEXT)
        box.press("Control+Enter")
        page.locator("svg text", has_text="빵집에서").first.wait_for()
        wait_ready(page)
        diagram = STRINGS["gru.diagram.title"]["ko"]
        times = []
        for k in range(2, STEPS + 2):
            t0 = time.monotonic()
            page.locator(".st-key-gru_step__next button").first.click()
            page.wait_for_url(f"**step={k}**")
            page.locator("svg text", has_text=diagram.format(t=k, j=1)).first.wait_for()
            wait_ready(page)
            times.append(time.monotonic() - t0)
        browser.close()
    return times


def apptest_steps() -> list[float]:
    """AppTest reruns the whole script on a click (it has no fragment-only reruns)."""
    logging.disable(logging.WARNING)
    from tests.test_pages import open_page

    at = open_page("pages/gru.py")
    at.text_area(key="user_text").input(TEXT).run()
    times = []
    for _ in range(STEPS):
        t0 = time.perf_counter()
        at.button(key="gru_step__next").click().run()
        times.append(time.perf_counter() - t0)
        assert not at.exception
    return times


def core_ms(T: int, Q: int, H: int, repeats: int = 5) -> float:
    x = np.random.default_rng(0).standard_normal((T, Q))
    t0 = time.perf_counter()
    for _ in range(repeats):
        gru_lab(x, H, z_shift=1.0, reference_shifts=(-4.0, -2.0, 0.0, 2.0, 4.0))
    return 1000 * (time.perf_counter() - t0) / repeats


def main() -> None:
    browser = browser_steps()
    apptest = apptest_steps()
    results = {
        "browser_step_median_s": statistics.median(browser),
        "browser_step_max_s": max(browser),
        "apptest_full_rerun_after_step_median_s": statistics.median(apptest),
        "gru_lab_T13_Q4_H4_ms": core_ms(13, 4, 4),
        "gru_lab_T64_Q16_H16_ms": core_ms(64, 16, 16),
        "load_average_1min": os.getloadavg()[0],
        "cpu_count": os.cpu_count() or 0,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "gru.json").write_text(json.dumps(results, indent=2))
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.3f}")


if __name__ == "__main__":
    main()
