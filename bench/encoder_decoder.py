"""How fast the "Encoder–decoder" page feels: one step of the decoding player, and the core call.

Run with ``.venv/bin/python bench/encoder_decoder.py``. Prints a table and writes
``bench/results/encoder_decoder.json``. Measured here and reported, never asserted in tests:

- ``browser_step_median_s``: click "next" (or "previous") in Chromium until the page is ready
  again, the learner's view of a step (a fragment rerun);
- ``apptest_step_median_s``: the same click through AppTest, without a browser;
- ``core_*_ms``: ``seq2seq_lab`` (greedy decoding of both models, traced, teacher forcing, the
  checks against torch) for a short and for the longest source, i.e. a cache miss;
- ``checkpoint_build_s``: the last ``python -m core.checkpoints translation`` (metrics.json).
"""

from __future__ import annotations

import json
import logging
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from core.checkpoints import recorded_metrics  # noqa: E402
from core.seq2seq import load_models, seq2seq_lab  # noqa: E402
from tests.live import LiveServer, launch, wait_ready  # noqa: E402
from tests.test_pages import open_page  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

REPEATS = 10
SOURCE = "99999999"  # the longest source: 16 decoding steps
logging.getLogger("streamlit").setLevel(logging.ERROR)


def apptest_steps() -> float:
    at = open_page("pages/encoder_decoder.py", lang="ko")
    at.text_input(key="ed_source").input(SOURCE).run()
    times = []
    for k in range(REPEATS):
        name = "next" if k % 2 == 0 else "prev"
        t0 = time.perf_counter()
        at.button(key=f"ed_step__{name}").click().run()
        times.append(time.perf_counter() - t0)
        assert not at.exception
    return statistics.median(times)


def browser_steps(browser) -> float:
    with LiveServer() as server:
        context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{server.url}/encoder_decoder?lang=ko")
        wait_ready(page, STRINGS["page.encoder_decoder.title"]["ko"], timeout=120_000)
        box = page.get_by_role("textbox", name=STRINGS["ed.source"]["ko"])
        box.fill(SOURCE)
        box.press("Enter")
        page.get_by_text("구천구백구십구", exact=True).first.wait_for(timeout=120_000)
        wait_ready(page)
        times = []
        for k in range(REPEATS):
            name, step = ("next", 2) if k % 2 == 0 else ("prev", 1)
            t0 = time.monotonic()
            page.locator(f".st-key-ed_step__{name} button").first.click()
            page.wait_for_url(f"**step={step}**")
            wait_ready(page)
            times.append(time.monotonic() - t0)
        context.close()
    return statistics.median(times)


def core_calls() -> dict[str, float]:
    transformer, rnn, _ = load_models()
    out = {}
    for digits in ("307", SOURCE):
        t0 = time.perf_counter()
        lab = seq2seq_lab(transformer, rnn, digits, "ko")
        out[f"core_{len(digits)}_digits_ms"] = 1000 * (time.perf_counter() - t0)
        out[f"max_diff_{len(digits)}_digits"] = max(lab.transformer.max_diff, lab.teacher.max_diff,
                                                     lab.rnn.max_diff)
    return out


def main() -> None:
    results: dict[str, float] = {}
    results.update(core_calls())
    results["apptest_step_median_s"] = apptest_steps()
    with sync_playwright() as p:
        browser = launch(p)
        results["browser_step_median_s"] = browser_steps(browser)
        browser.close()
    build = recorded_metrics().get("translation", {}).get("build_seconds", float("nan"))
    results["checkpoint_build_s"] = build
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "encoder_decoder.json").write_text(json.dumps(results, indent=2))
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:10.3g}")


if __name__ == "__main__":
    main()
