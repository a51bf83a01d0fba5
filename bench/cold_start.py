"""How fast SeqLab feels: cold start, one rerun of Text → tensors, one step, and the core call.

Run with ``make bench`` (or ``.venv/bin/python bench/cold_start.py``). Prints a table and writes
``bench/results/cold_start.json``. Numbers are wall-clock on this machine, so they are measured
here and reported, never asserted in tests.
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

from playwright.sync_api import sync_playwright  # noqa: E402

from core.text import TokenizerSpec, text_to_tensors  # noqa: E402
from tests.live import LiveServer, launch, wait_ready  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

REPEATS = 5
SENTENCES = ["나는 오늘 아침에 커피를 마셨다", "The cat sleeps by the window"]


def cold_start(browser, page_key: str) -> dict[str, float]:
    """Server process start → page interactive in Chromium, on a brand-new server."""
    with LiveServer() as server:
        ready = time.monotonic() - server.started_at
        context = browser.new_context(locale="ko-KR")
        page = context.new_page()
        path = "" if page_key == "home" else page_key
        page.goto(f"{server.url}/{path}?lang=ko")
        heading = "SeqLab" if page_key == "home" else STRINGS[f"page.{page_key}.title"]["ko"]
        wait_ready(page, heading)
        interactive = time.monotonic() - server.started_at
        context.close()
    return {"server_health_s": ready, "first_page_interactive_s": interactive}


def reruns(browser) -> dict[str, float]:
    """Median time of a text change (full rerun) and of one step (fragment rerun)."""
    with LiveServer() as server:
        context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{server.url}/text_tensors?lang=ko")
        wait_ready(page, STRINGS["page.text_tensors.title"]["ko"])
        box = page.get_by_role("textbox", name=STRINGS["input.label"]["ko"])
        text_times, step_times = [], []
        for k in range(REPEATS):
            marker = f"단어{k}번"
            t0 = time.monotonic()
            box.fill(f"나는 오늘 {marker} 학교에 간다")
            box.press("Control+Enter")
            page.locator("svg text", has_text=marker).first.wait_for()
            wait_ready(page)
            text_times.append(time.monotonic() - t0)

            t0 = time.monotonic()
            page.locator(".st-key-tt_step__next button").first.click()
            page.wait_for_url(f"**step={2 + k}**")
            wait_ready(page)
            step_times.append(time.monotonic() - t0)
        context.close()
    return {"text_rerun_median_s": statistics.median(text_times),
            "step_median_s": statistics.median(step_times)}


def core_call() -> dict[str, float]:
    n = 50
    seconds = timeit.timeit(lambda: text_to_tensors(SENTENCES, TokenizerSpec("word"), vocab_source="corpus"),
                            number=n)
    return {"text_to_tensors_ms": 1000 * seconds / n}


def main() -> None:
    results: dict[str, float] = {}
    with sync_playwright() as p:
        browser = launch(p)
        for key in ("home", "text_tensors"):
            for name, value in cold_start(browser, key).items():
                results[f"cold_{key}_{name}"] = value
        results.update(reruns(browser))
        browser.close()
    results.update(core_call())
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "cold_start.json").write_text(json.dumps(results, indent=2))
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.3f}")


if __name__ == "__main__":
    main()
