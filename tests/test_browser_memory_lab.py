"""The "Long-range memory lab" page in a real browser: the precomputed sweep, a distance picked
for the gradient plots, and a small live sweep of the visitor's own."""

from __future__ import annotations

import pytest

from tests.live import wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser


def s(key: str, **kw) -> str:
    return STRINGS[key]["en"].format(**kw)


def plot_titles(page) -> list[str]:
    return page.locator(".js-plotly-plot .gtitle").all_text_contents()


def test_precomputed_sweep_then_train_all_live(server, page):
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(url_of(server, "memory_lab", lang="en"))
    wait_ready(page, title("memory_lab", "en"))
    page.get_by_text(s("mem.ref.title"), exact=True).wait_for()
    page.wait_for_function("document.querySelectorAll('.js-plotly-plot .main-svg').length >= 3",
                           timeout=90_000)
    assert any(text.startswith("d = 20") for text in plot_titles(page))

    # another distance for the gradient plots
    page.locator(".st-key-mem_ref_grad_d").get_by_text("40", exact=True).click()
    wait_ready(page)
    page.wait_for_function("[...document.querySelectorAll('.js-plotly-plot .gtitle')]"
                           ".some(t => t.textContent.startsWith('d = 40'))", timeout=30_000)
    assert page.get_by_text(s("mem.answer.bf", ds="40").removeprefix("- ").split("**")[1]).count() >= 1

    # the smallest live sweep: hidden 8, 1 second per run, the default distances 5 and 20
    for key in ("mem_seconds", "mem_hidden"):
        thumb = page.locator(f".st-key-{key} input[type='range']")
        thumb.focus()
        thumb.press("Home")
        wait_ready(page)
    page.locator(".st-key-mem_seconds [data-testid='stSliderThumbValue']", has_text="1").wait_for()
    before = page.locator(".js-plotly-plot").count()
    page.locator(".st-key-mem_train button").click()
    page.get_by_text(s("mem.answer.own")).wait_for(timeout=180_000)
    wait_ready(page, timeout=120_000)
    assert page.locator(".js-plotly-plot").count() >= before + 3
    assert page.locator('[data-testid="stException"]').count() == 0
    # a run line per model and distance, each with its accuracy and why it stopped
    for d in (5, 20):
        for model in ("RNN", "LSTM", "GRU"):
            assert page.get_by_text(s("mem.live.run", model=model, d=d), exact=True).count() == 1
