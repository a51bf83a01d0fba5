"""How fast the "BPTT & gradients" page responds: one backward step, a knob change, the core calls.

Run with ``.venv/bin/python bench/bptt.py``. Prints a table and writes ``bench/results/bptt.json``.
Wall-clock on this machine (the load average is recorded beside the numbers); measured and
reported, never asserted in tests.

- ``step_browser_median_s``: click "next" in Chromium until the address shows the new step and
  the app is idle again. A step reruns only the step player's fragment.
- ``step_apptest_median_s``: the same click through AppTest, which reruns the whole page script
  (cached core calls, every figure rebuilt): an upper bound for the fragment.
- ``step_figures_median_ms``: building and serialising the two figures a step redraws, in
  process (no browser, no Streamlit).
- ``knob_browser_median_s``: move the RNN activation in the lab (new lab numbers: five models
  measured with autograd), then back (cached).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from core.bptt import ExampleSetup, bptt_example, distance_lab, lab_sequence, train_with_clipping  # noqa: E402
from core.text import TokenizerSpec  # noqa: E402
from tests.live import LiveServer, launch, wait_ready  # noqa: E402
from ui import figures_bptt as fb  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

SENTENCE = "나는 어제 친구와 함께 학교 앞 공원에서 오래 걸었다"  # 9 words + <bos>, <eos>: T = 10 steps
T = 10
STEPS = T - 1  # every "next" click from step 1 to the last


def browser_steps(browser) -> dict[str, float]:
    with LiveServer() as server:
        context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{server.url}/bptt?lang=ko")
        wait_ready(page, STRINGS["page.bptt.title"]["ko"])
        box = page.get_by_role("textbox", name=STRINGS["input.label"]["ko"])
        box.fill(SENTENCE)
        box.press("Control+Enter")
        page.locator("svg text", has_text="오래").first.wait_for()
        wait_ready(page)
        steps = []
        for k in range(STEPS):
            t0 = time.monotonic()
            page.locator(".st-key-bptt_step__next button").first.click()
            page.wait_for_url(f"**step={2 + k}**")
            page.get_by_text(f"t = {T - 1 - k}", exact=True).first.wait_for()  # step s shows t = T - s + 1
            wait_ready(page)
            steps.append(time.monotonic() - t0)
        knobs = []
        for act in ("ReLU", "tanh", "sigmoid", "tanh"):
            t0 = time.monotonic()
            page.locator(".st-key-bptt_act").get_by_text(act, exact=True).click()
            page.wait_for_timeout(100)
            wait_ready(page)
            knobs.append(time.monotonic() - t0)
        context.close()
    return {"step_browser_median_s": statistics.median(steps), "step_browser_max_s": max(steps),
            "knob_browser_median_s": statistics.median(knobs)}


def apptest_steps() -> dict[str, float]:
    from tests.test_pages import open_page

    at = open_page("pages/bptt.py", lang="ko")
    at.text_area(key="user_text").input(SENTENCE).run()
    times = []
    for _ in range(STEPS):
        t0 = time.monotonic()
        at.button(key="bptt_step__next").click().run()
        times.append(time.monotonic() - t0)
    assert not at.exception
    return {"step_apptest_median_s": statistics.median(times)}


def core_calls() -> dict[str, float]:
    out = {}
    n = 5
    setup = ExampleSetup((SENTENCE,), TokenizerSpec("word"))
    out["bptt_example_ms"] = 1000 * timeit.timeit(lambda: bptt_example(setup), number=n) / n
    ex = bptt_example(setup)

    def step_figures(step: int) -> None:
        """What one step's fragment builds and serialises: the flow diagram and the W_hh sums."""
        t_now = T - step + 1
        fb.backward_flow(ex.trace, ex.tokens, t_now, title="t", roads=("a", "b"), colorbar="c",
                         cut_label="d").to_json()
        fb.weight_sum(ex.trace.contributions["weight_hh_l0"], t_now, ("a", "b", "c")).to_json()

    times = []
    for step in range(1, T + 1):
        t0 = time.perf_counter()
        step_figures(step)
        times.append(time.perf_counter() - t0)
    out["step_figures_median_ms"] = 1000 * statistics.median(times)
    for length in (60, 200):
        x, y = lab_sequence([2, 5, 6, 7, 8, 9, 3], 10, length)
        out[f"distance_lab_T{length}_ms"] = 1000 * timeit.timeit(
            lambda x=x, y=y: distance_lab(x, y, 10), number=1)
        out[f"train_with_clipping_T{length}_ms"] = 1000 * timeit.timeit(
            lambda x=x, y=y: train_with_clipping(x, y, 10), number=1)
    return out


def main() -> None:
    results: dict[str, float] = {"load_average_1min": os.getloadavg()[0]}
    results.update(core_calls())
    results.update(apptest_steps())
    with sync_playwright() as p:
        browser = launch(p)
        results.update(browser_steps(browser))
        browser.close()
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "bptt.json").write_text(json.dumps(results, indent=2))
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:10.3f}")


if __name__ == "__main__":
    main()
