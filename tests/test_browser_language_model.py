"""The "Language model" page in a real browser: step through the text, step a generated sentence,
and train a small model on one's own text."""

from __future__ import annotations

import re

import pytest

from core import lm
from tests.live import SCREENSHOTS, settle, wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser


def test_step_sample_and_train_on_own_text(server, page):
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(url_of(server, "language_model", lang="en"))
    wait_ready(page, title("language_model", "en"))
    box = page.get_by_role("textbox", name=STRINGS["input.label"]["en"])
    box.fill("The cat drank water.")
    box.press("Control+Enter")
    wait_ready(page)
    score = lm.score_text(lm.load_model("en", "lstm"), "The cat drank water.")

    page.locator(".st-key-lm_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    page.locator(".st-key-lm_step__last button").first.click()
    page.wait_for_url(re.compile(rf"step={score.steps}\b"))
    wait_ready(page)
    factor = STRINGS["lm.along.factor"]["en"].format(t=score.steps, p=float(score.factors[-1]))
    page.get_by_text(factor.split("**")[-2]).first.wait_for()
    ticks = page.locator(".plot-container svg text").all_text_contents()
    assert "<eos>" in {text.replace("\u200b", "") for text in ticks}

    # the generated sentence has its own player (not bound to ?step=)
    page.locator(".st-key-lm_gen__next button").first.click()
    wait_ready(page)
    page.get_by_text(re.compile(r"^Token 2: probability")).first.wait_for()
    assert re.search(rf"step={score.steps}\b", page.url)

    # train on own text: fewest steps and seconds
    area = page.locator(".st-key-lm_corpus textarea")
    area.fill("abc abc abc abcabc\nabcabc abc\n" * 3)
    area.press("Control+Enter")
    wait_ready(page)
    page.locator(".st-key-lm_train button").click()
    page.get_by_text(re.compile(r"^\*?\*?What your model writes|^What your model writes")).first.wait_for(
        timeout=90_000)
    wait_ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 9000})
    settle(page)
    page.screenshot(path=SCREENSHOTS / "language_model_trained_en.png")
