"""The "Sequence data" page in Chromium: type a sentence, step and play its factors, turn knobs."""

from __future__ import annotations

import re

import pytest

from core.ngram import order_study
from tests.live import wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser


def test_factors_step_play_and_knobs(server, page):
    page.goto(url_of(server, "sequence_data", lang="ko"))
    wait_ready(page, title("sequence_data", "ko"))
    box = page.get_by_role("textbox", name=STRINGS["input.label"]["ko"])
    box.fill("나는 어제 떡볶이를 먹었다")
    box.press("Control+Enter")
    page.locator("svg text", has_text="떡볶이를").first.wait_for()
    wait_ready(page)
    study = order_study("나는 어제 떡볶이를 먹었다", "word", 2, 0)
    assert study.unknown == ("떡볶이를",)  # shown as <unk> to the model, as the page says

    page.locator(".st-key-sd_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    page.get_by_text(f"P(어제 | 나는) = {study.original.steps[1].p:.4g}").first.wait_for()

    page.locator(".st-key-sd_step__play button").first.click()
    page.wait_for_url(re.compile(r"step=(3|4)"), timeout=10_000)
    page.wait_for_url(re.compile(r"step=5"), timeout=10_000)  # 4 tokens and <eos>
    page.locator(".st-key-sd_step__play button").filter(
        has_text=STRINGS["player.play"]["ko"]).wait_for(timeout=10_000)  # stopped at the end
    page.get_by_text("P(<eos> | 먹었다)").first.wait_for()

    # Character level: the strip now holds syllables, and there are more factors to step through.
    page.locator(".st-key-sd_unit").get_by_text(STRINGS["sd.unit.char"]["ko"], exact=True).click()
    wait_ready(page)
    page.locator("svg text", has_text="볶").first.wait_for()
    chars = order_study("나는 어제 떡볶이를 먹었다", "char", 2, 0)
    page.locator(".st-key-sd_step__last button").first.click()
    page.wait_for_url(re.compile(rf"step={len(chars.original.steps)}\b"))

    # τ from the keyboard: the AR equation gains a lag and the impulse chart a wider window.
    window = STRINGS["sd.resp.fig.window"]["ko"]
    page.locator("svg text", has_text=window.format(tau=4)).first.wait_for()
    thumb = page.locator('.st-key-sd_tau input[type="range"]').first
    thumb.focus()
    thumb.press("ArrowRight")
    page.locator("svg text", has_text=window.format(tau=5)).first.wait_for()
    wait_ready(page)
    page.get_by_text(STRINGS["sd.ar.fitted"]["ko"].format(tau=5)).wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
