"""The "Encoder–decoder" page in a real browser: type a number, step and play the decoding, switch
the target language, and see markup refused as text."""

from __future__ import annotations

import re

import pytest

from tests.live import wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser


def test_type_step_play_and_switch_the_target_language(server, page):
    page.goto(url_of(server, "encoder_decoder", lang="en"))
    wait_ready(page, title("encoder_decoder", "en"))
    box = page.get_by_role("textbox", name=STRINGS["ed.source"]["en"])
    box.fill("2024")
    box.press("Enter")
    page.get_by_text("two thousand twenty four", exact=True).first.wait_for()
    wait_ready(page)
    # Step 1 starts from <bos>, drawn as text (escaped for Plotly, not eaten as a tag).
    page.locator("svg text", has_text="<bos>").first.wait_for()

    page.locator(".st-key-ed_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    page.locator(".plot-container svg text", has_text="thousand").first.wait_for()

    page.locator(".st-key-ed_step__play button").first.click()
    page.wait_for_url(re.compile(r"step=5"), timeout=15_000)  # two thousand twenty four <eos>
    play = page.locator(".st-key-ed_step__play button")
    play.filter(has_text=STRINGS["player.play"]["en"]).wait_for(timeout=10_000)  # stopped at the end
    page.locator("svg text", has_text="<eos>").first.wait_for()

    page.get_by_text(STRINGS["ed.lang.ko"]["en"], exact=True).click()  # the target-language knob
    page.get_by_text("이천이십사", exact=True).first.wait_for()
    wait_ready(page)
    assert "step=5" in page.url  # 이 천 이 십 사 <eos>: six steps, the step stays where it was
    assert page.locator('[data-testid="stException"]').count() == 0


def test_markup_in_the_source_is_refused_and_shown_as_text(server, page):
    page.goto(url_of(server, "encoder_decoder", lang="ko"))
    wait_ready(page, title("encoder_decoder", "ko"))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    box = page.get_by_role("textbox", name=STRINGS["ed.source"]["ko"])
    box.fill("<img src=x onerror=alert(1)>")
    box.press("Enter")
    page.get_by_text(STRINGS["ed.src.not_digits"]["ko"]).wait_for()
    wait_ready(page)
    assert page.locator("img[src=x]").count() == 0
    assert not dialogs
    assert page.locator('[data-testid="stException"]').count() == 0
