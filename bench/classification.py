"""How fast the "Classification" page feels, and how long its live training takes to reach a target.

Run with ``.venv/bin/python bench/classification.py`` (``make bench`` runs it too). Writes
``bench/results/classification.json``. Wall-clock numbers on this machine: measured and reported,
never asserted in tests.

- ``step_*``: one click on the step player's "next" button until the page is idle again, in
  Chromium against a live server (median of 10), and the same click through AppTest;
- ``train_*``: live training with the page's settings (H = 32, learning rate 0.01, batches of 64)
  until the held-out accuracy on 400 reviews first reaches 85 % and 90 %, for RNN, LSTM and GRU;
- ``shipped``: the held-out accuracies of the shipped checkpoint and how long it took to build.
"""

from __future__ import annotations

import json
import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from core.checkpoints import recorded_metrics  # noqa: E402
from core.classify import train_classifier  # noqa: E402
from core.train import Progress  # noqa: E402
from pages.classification import LIVE  # noqa: E402
from tests.live import LiveServer, launch, wait_ready  # noqa: E402
from tests.test_pages import open_page  # noqa: E402
from ui.i18n import STRINGS  # noqa: E402

CLICKS = 10
TEXT = "The movie was not good at all"  # 29 characters: room for 10 steps
TARGETS = (0.85, 0.90)


def browser_steps() -> list[float]:
    with sync_playwright() as p, LiveServer() as server:
        browser = launch(p)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(f"{server.url}/classification?lang=en")
        wait_ready(page, STRINGS["page.classification.title"]["en"])
        box = page.get_by_role("textbox", name=STRINGS["input.label"]["en"])
        box.fill(TEXT)
        box.press("Control+Enter")
        wait_ready(page)
        times = []
        for k in range(CLICKS):
            t0 = time.perf_counter()
            page.locator(".st-key-cls_step__next button").first.click()
            page.wait_for_url(re.compile(rf"step={k + 2}\b"))
            wait_ready(page)
            times.append(time.perf_counter() - t0)
        browser.close()
    return times


def apptest_steps() -> list[float]:
    at = open_page("pages/classification.py", lang="en")
    at.text_area(key="user_text").input(TEXT).run()
    times = []
    for _ in range(CLICKS):
        t0 = time.perf_counter()
        at.button(key="cls_step__next").click().run()
        times.append(time.perf_counter() - t0)
    assert at.slider(key="cls_step").value == CLICKS + 1
    return times


def time_to_target(cell: str) -> dict[str, float | int | None]:
    """Train like the page does (no time cap here) until 90 % or 1,500 steps; when each target was met."""
    elapsed: dict[int, float] = {}

    def note(p: Progress) -> None:
        elapsed[p.step] = p.elapsed

    result = train_classifier(cell, H=32, steps=1500, lr=0.01, seed=0, target_accuracy=TARGETS[-1],
                              on_progress=note, **LIVE)
    out: dict[str, float | int | None] = {"steps_run": result.steps, "seconds_run": round(result.seconds, 2),
                                          "final_accuracy": round(result.final_metrics["accuracy"], 4)}
    for target in TARGETS:
        hit = next((step for step, m in result.evals if m["accuracy"] >= target), None)
        key = f"{round(target * 100)}"
        out[f"steps_to_{key}"] = hit
        out[f"seconds_to_{key}"] = round(elapsed[hit], 2) if hit else None
    return out


def main() -> None:
    results: dict[str, object] = {}
    b = browser_steps()
    a = apptest_steps()
    results["step_browser_median_s"] = round(statistics.median(b), 3)
    results["step_browser_all_s"] = [round(v, 3) for v in b]
    results["step_apptest_median_s"] = round(statistics.median(a), 3)
    for cell in ("lstm", "gru", "rnn"):
        results[f"train_{cell}"] = time_to_target(cell)
        print(cell, results[f"train_{cell}"], flush=True)
    shipped = recorded_metrics().get("sentiment", {})
    results["shipped"] = {k: shipped.get(k) for k in ("accuracy", "negated_accuracy", "bow_accuracy",
                                                      "bow_negated_accuracy", "build_seconds")}
    out = ROOT / "bench" / "results"
    out.mkdir(parents=True, exist_ok=True)
    (out / "classification.json").write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
