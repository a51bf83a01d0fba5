"""How fast the "Self-attention" page answers: a step of the query, a sub-step, a full rerun, the core call.

Run with ``.venv/bin/python bench/self_attention.py``. Prints a table and writes
``bench/results/self_attention.json``. Wall-clock numbers on this machine, measured and reported,
never asserted in tests. The step is measured in Chromium (click → the figure shows the new query
→ the script is idle), where only the step player's fragment reruns; AppTest reruns the whole
script on every click, so its number is an upper bound for a full rerun.
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

from core.attention import attend_sentence, make_encoder_layer  # noqa: E402
from core.text import TokenizerSpec, text_to_tensors  # noqa: E402
from tests.live import LiveServer, launch, wait_ready  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

# 24 word tokens, the page's cap: the slowest a step can be.
SENTENCE = ("나는 오늘 아침 일찍 일어나서 동생과 함께 공원에 가서 산책을 하고 돌아와 "
            "따뜻한 차를 마시며 책을 읽다가 점심을 먹고 낮잠을 잤다 그리고 저녁에 또")
STEPS = 10


def browser_steps() -> dict[str, float]:
    """Median seconds from a click on Next (or a sub-step) to the redrawn figure, in Chromium."""
    with sync_playwright() as p, LiveServer() as server:
        browser = launch(p)
        context = browser.new_context(locale="ko-KR", viewport={"width": 1400, "height": 1200})
        page = context.new_page()
        page.goto(f"{server.url}/self_attention?lang=en")
        wait_ready(page, STRINGS["page.self_attention.title"]["en"])
        page.set_default_timeout(120_000)  # a loaded machine is slow, not broken
        box = page.get_by_role("textbox", name=STRINGS["input.label"]["en"])
        t0 = time.monotonic()
        box.fill(SENTENCE)
        box.press("Control+Enter")
        page.locator("svg text", has_text="24 또").first.wait_for()
        wait_ready(page)
        text_rerun = time.monotonic() - t0

        steps, subs = [], []
        for k in range(STEPS):
            t0 = time.monotonic()
            page.locator(".st-key-sa_step__next button").first.click()
            page.locator("svg text", has_text=f"query t = {k + 2} ").first.wait_for()
            wait_ready(page)
            steps.append(time.monotonic() - t0)
        for k in range(4):
            sub = (2, 3, 4, 1)[k]
            t0 = time.monotonic()
            page.locator(".st-key-sa_sub button", has_text=STRINGS[f"sa.sub.{sub}"]["en"]).click()
            wait_ready(page)
            subs.append(time.monotonic() - t0)
        context.close()
        browser.close()
    return {"browser_text_rerun_s": text_rerun, "browser_step_median_s": statistics.median(steps),
            "browser_step_max_s": max(steps), "browser_substep_median_s": statistics.median(subs)}


def apptest_steps() -> dict[str, float]:
    """Median seconds of an AppTest run after clicking Next (the whole script reruns)."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("pages/self_attention.py").run()
    at.text_area(key="user_text").input(SENTENCE).run()
    times = []
    for _ in range(STEPS):
        t0 = time.perf_counter()
        at.button(key="sa_step__next").click().run()
        times.append(time.perf_counter() - t0)
        assert not at.exception, at.exception
    return {"apptest_step_rerun_median_s": statistics.median(times)}


def core_call() -> dict[str, float]:
    """The page's core work for 24 tokens, E = 32, 4 heads: embed, one encoder layer, torch checks."""
    def run() -> None:
        tt = text_to_tensors([SENTENCE], TokenizerSpec("word"), d=32, add_bos=False, add_eos=False,
                             max_tokens=24)
        layer = make_encoder_layer(32, 4, 128)
        attend_sentence(layer, tt.embedded[0])
    n = 20
    return {"core_24_tokens_E32_h4_ms": 1000 * timeit.timeit(run, number=n) / n}


def main() -> None:
    results: dict[str, float] = {}
    results.update(core_call())
    results.update(apptest_steps())
    results.update(browser_steps())
    with open("/proc/loadavg", encoding="ascii") as f:
        results["load_average_1min"] = float(f.read().split()[0])
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "self_attention.json").write_text(json.dumps(results, indent=2))
    width = max(map(len, results))
    for name, value in results.items():
        print(f"{name:<{width}}  {value:8.3f}")


if __name__ == "__main__":
    main()
