"""How fast the "RNN forward pass" page answers: a step (fragment rerun), a knob (full rerun), core.

Run with ``.venv/bin/python bench/rnn_forward.py``. Prints a table and writes
``bench/results/rnn_forward.json``. Wall-clock numbers on this machine: measured and reported,
never asserted in tests.

* ``browser_step_median_s``: click "next" in Chromium until the page is idle again, for the
  default sentence and for a 2-layer bidirectional net with H = 16 (the player's fragment only);
* ``apptest_step_median_s``: the same click through AppTest, which reruns the whole script;
* ``browser_knob_median_s``: a hidden-size change (a full rerun: core and every figure);
* ``core_forward_pass_ms``: one uncached ``core.rnn.forward_pass`` at the default and the
  largest settings (64 tokens, 3 bidirectional layers, H = 16).
"""

from __future__ import annotations

import json
import logging
import statistics
import sys
import time
import timeit
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from core.rnn import forward_pass  # noqa: E402
from tests.live import LiveServer, launch, wait_ready  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

STEPS = 10
SENTENCE = "나는 오늘 아침에 학교 앞 카페에서 따뜻한 커피를 한 잔 마셨다"  # T = 13 with <bos>/<eos>
logging.getLogger("streamlit").setLevel(logging.ERROR)


def browser_steps(browser) -> dict[str, float]:
    """Median wall time from clicking "next" to an idle page, in two configurations."""
    results: dict[str, float] = {}
    with LiveServer() as server:
        context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.goto(f"{server.url}/rnn_forward?lang=ko")
        wait_ready(page, STRINGS["page.rnn_forward.title"]["ko"])
        box = page.get_by_role("textbox", name=STRINGS["input.label"]["ko"])
        box.fill(SENTENCE)
        box.press("Control+Enter")
        page.locator("svg text", has_text="카페에서").first.wait_for()
        wait_ready(page)

        def step_times(n_steps: int) -> list[float]:
            times = []
            for k in range(min(STEPS, n_steps - 1)):
                t0 = time.monotonic()
                page.locator(".st-key-rnn_step__next button").first.click()
                page.wait_for_url(f"**step={2 + k}**")
                wait_ready(page)
                times.append(time.monotonic() - t0)
            return times

        results["browser_step_median_s"] = statistics.median(step_times(13))

        def shared(H: int, d_in: int) -> str:  # the caption under the diagram names the sizes
            return STRINGS["rnn.diagram.shared"]["ko"].format(H=H, d_in=d_in)

        knob_times = []
        for H in (4, 5, 6, 16):  # hidden size: a full rerun each (cached core call, every figure)
            t0 = time.monotonic()
            hidden = page.locator(".st-key-rnn_hidden input")
            hidden.fill(str(H))
            hidden.press("Enter")
            page.get_by_text(shared(H, 4)).wait_for()
            wait_ready(page)
            knob_times.append(time.monotonic() - t0)
        results["browser_knob_median_s"] = statistics.median(knob_times)
        page.locator(".st-key-rnn_try_bidir button").click()
        page.wait_for_url("**step=1**")
        wait_ready(page)
        page.locator(".st-key-rnn_layers [data-testid=stRadioOption]").nth(1).click()  # 2 layers
        page.get_by_text(STRINGS["rnn.step.where"]["ko"].split(":")[0].format(step=1, n=52).replace("**", ""),
                         exact=False).first.wait_for()
        wait_ready(page)
        results["browser_step_median_bidir_2layers_H16_s"] = statistics.median(step_times(52))
        context.close()
    return results


def apptest_steps() -> dict[str, float]:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.query_params["lang"] = "ko"
    at.run()
    at.switch_page("pages/rnn_forward.py").run()
    at.text_area(key="user_text").input(SENTENCE).run()
    times = []
    for _ in range(STEPS):
        t0 = time.perf_counter()
        at.button(key="rnn_step__next").click().run()
        times.append(time.perf_counter() - t0)
    assert not at.exception
    return {"apptest_step_median_s": statistics.median(times)}


def core_calls() -> dict[str, float]:
    n = 5
    default = timeit.timeit(lambda: forward_pass([SENTENCE]), number=n) / n
    largest = timeit.timeit(lambda: forward_pass(["a " * 100], d=8, hidden_size=16, num_layers=3,
                                                 bidirectional=True), number=n) / n
    return {"core_forward_pass_ms": 1000 * default, "core_forward_pass_largest_ms": 1000 * largest}


def main() -> None:
    results: dict[str, float] = {}
    with sync_playwright() as p:
        browser = launch(p)
        results.update(browser_steps(browser))
        browser.close()
    results.update(apptest_steps())
    results.update(core_calls())
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "rnn_forward.json").write_text(json.dumps(results, indent=2))
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.3f}")


if __name__ == "__main__":
    main()
