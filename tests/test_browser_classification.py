"""The "Classification" page in a real browser: type a review, step through it, pick an order pair,
and train a small LSTM live."""

from __future__ import annotations

import re

import pytest

from core.classify import running_prediction
from tests.live import SCREENSHOTS, settle, wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser


def test_step_through_a_negated_review_pick_a_pair_and_train(server, page):
    page.set_viewport_size({"width": 1400, "height": 1200})
    page.goto(url_of(server, "classification", lang="en"))
    wait_ready(page, title("classification", "en"))
    box = page.get_by_role("textbox", name=STRINGS["input.label"]["en"])
    box.fill("The movie was not good")
    box.press("Control+Enter")
    page.get_by_text(STRINGS["cls.negative"]["en"], exact=True).first.wait_for()
    wait_ready(page)
    T = len(running_prediction("The movie was not good").tokens)

    page.locator(".st-key-cls_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    page.locator(".st-key-cls_step__last button").first.click()
    page.wait_for_url(re.compile(rf"step={T}\b"))
    wait_ready(page)
    # the running-prediction chart labels its last character and outlines the last step
    ticks = page.locator(".plot-container svg text").all_text_contents()
    drawn = {text.replace("\u200b", "") for text in ticks}
    assert f"d{T}" in drawn  # the tick of the last character: "d" above its step number
    assert page.locator('[data-testid="stException"]').count() == 0

    # an order pair: the bag-of-characters scores are the same, the LSTM's are not
    choose = page.locator(".st-key-cls_pair input")
    choose.click()
    choose.fill("It was not bad")  # the select box filters its options as one types
    page.get_by_role("option").first.wait_for()
    page.keyboard.press("Enter")
    wait_ready(page)
    assert choose.input_value().startswith("It was not bad, it was great")
    page.get_by_text(re.compile("^Both texts have the same characters")).wait_for()

    # train a tiny LSTM live: fewest steps, then the button
    slider = page.locator(".st-key-cls_steps input[type='range']")
    slider.focus()
    slider.press("Home")
    page.locator(".st-key-cls_steps [data-testid='stSliderThumbValue']", has_text="20").wait_for()
    wait_ready(page)
    page.locator(".st-key-cls_train button").click()
    page.get_by_text(STRINGS["cls.test.accuracy"]["en"]).first.wait_for(timeout=60_000)
    wait_ready(page)
    assert page.get_by_text(re.compile(r"^Trained for the full 20 steps")).count() == 1
    assert page.locator('[data-testid="stException"]').count() == 0
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.set_viewport_size({"width": 1400, "height": 9000})  # the app scrolls inside; show it all
    settle(page)
    page.screenshot(path=SCREENSHOTS / "classification_trained_en.png")
