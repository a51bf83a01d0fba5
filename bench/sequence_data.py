"""How fast a step feels on the "Sequence data" page: median time of a rerun after a step change.

Two measurements, each over ten clicks of the step player's "next" button:

* AppTest: the whole script reruns (AppTest has no fragments), so this is an upper bound that
  includes every cached call and every chart of the page;
* Chromium against a live server: the click reruns only the player's fragment, as a visitor sees
  it; the same clicks on "Text → tensors" give a yardstick measured under the same load.

Run with ``.venv/bin/python bench/sequence_data.py``; writes ``bench/results/sequence_data.json``.
Numbers are wall-clock on this machine, measured and reported, never asserted in tests.
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

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.live import LiveServer, launch, wait_ready  # noqa: E402
from tests.test_pages import open_page  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

CLICKS = 10
TEXT = "나는 오늘 아침에 학교에 간다 그리고 저녁에 집에서 책을 읽는다"  # 10 words: 11 factors


def apptest_steps() -> list[float]:
    logging.getLogger("streamlit").setLevel(logging.ERROR)
    at = open_page("pages/sequence_data.py", lang="ko")
    at.text_area(key="user_text").input(TEXT).run()
    times = []
    for _ in range(CLICKS):
        t0 = time.perf_counter()
        at.button(key="sd_step__next").click().run()
        times.append(time.perf_counter() - t0)
        assert not at.exception
    return times


def browser_steps() -> dict[str, list[float]]:
    """Step clicks on this page and, as a yardstick under the same load, on Text → tensors."""
    times: dict[str, list[float]] = {}
    with sync_playwright() as p, LiveServer() as server:
        browser = launch(p)
        for key, prefix, marker in (("sequence_data", "sd", "읽는다"), ("text_tensors", "tt", "읽는다")):
            context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 1000})
            page = context.new_page()
            page.goto(f"{server.url}/{key}?lang=ko")
            wait_ready(page, STRINGS[f"page.{key}.title"]["ko"])
            box = page.get_by_role("textbox", name=STRINGS["input.label"]["ko"])
            box.fill(TEXT)
            box.press("Control+Enter")
            page.locator("svg text", has_text=marker).first.wait_for()
            wait_ready(page)
            times[key] = []
            for k in range(CLICKS):
                t0 = time.perf_counter()
                page.locator(f".st-key-{prefix}_step__next button").first.click()
                page.wait_for_url(f"**step={2 + k}**")
                wait_ready(page)
                times[key].append(time.perf_counter() - t0)
            context.close()
        browser.close()
    return times


def main() -> None:
    load_before = os.getloadavg()[0]
    app = apptest_steps()
    live = browser_steps()
    results = {
        "apptest_step_rerun_median_s": statistics.median(app),
        "apptest_step_rerun_max_s": max(app),
        "browser_step_median_s": statistics.median(live["sequence_data"]),
        "browser_step_max_s": max(live["sequence_data"]),
        "text_tensors_browser_step_median_s": statistics.median(live["text_tensors"]),
        "clicks": CLICKS,
        # other processes share this machine's cores: the 1-minute load average says how busy it was
        "load_average_1min_before": load_before,
        "load_average_1min_after": os.getloadavg()[0],
        "cpu_count": os.cpu_count() or 0,
    }
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "sequence_data.json").write_text(json.dumps(results, indent=2))
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.3f}")


if __name__ == "__main__":
    main()
