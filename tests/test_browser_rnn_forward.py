"""The "RNN forward pass" page in Chromium: step, Play, switch to bidirectional, explode ReLU."""

from __future__ import annotations

import re

import pytest

from tests.live import player_at_rest, wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser
PATIENCE = 60_000  # ms: the machine running CI has two cores shared by many processes


def where(lang: str, **kw: object) -> str:
    """The step line as the page renders it (markdown bold markers removed)."""
    return STRINGS["rnn.step.where"][lang].format(**kw).replace("**", "")


def test_steps_play_and_bidirectional(server, page):
    page.set_default_timeout(PATIENCE)
    page.goto(url_of(server, "rnn_forward", lang="ko"))
    wait_ready(page, title("rnn_forward", "ko"))
    box = page.get_by_role("textbox", name=STRINGS["input.label"]["ko"])
    box.fill("나는 어제 떡볶이를 먹었다")
    box.press("Control+Enter")
    page.locator("svg text", has_text="떡볶이를").first.wait_for()
    wait_ready(page)
    fwd, rev = STRINGS["rnn.dir.fwd"]["ko"], STRINGS["rnn.dir.rev"]["ko"]

    page.locator(".st-key-rnn_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    page.get_by_text(where("ko", step=2, n=6, layer=1, dir=fwd, t=2, T=6)).wait_for()

    page.locator(".st-key-rnn_step__play button").first.click()
    page.wait_for_url(re.compile(r"step=(3|4|5|6)"))  # Play moves on by itself …
    player_at_rest(page, "rnn_step", 6)  # … and stops at the last step
    page.get_by_text(where("ko", step=6, n=6, layer=1, dir=fwd, t=6, T=6)).wait_for()

    # Bidirectional: twice the cells, the backward pass ends at t = 1.
    page.locator(".st-key-rnn_try_bidir button").click()
    page.get_by_text(where("ko", step=1, n=12, layer=1, dir=fwd, t=1, T=6)).wait_for()
    wait_ready(page)
    page.locator(".st-key-rnn_step__last button").first.click()
    page.wait_for_url(re.compile(r"step=12"))
    page.get_by_text(where("ko", step=12, n=12, layer=1, dir=rev, t=1, T=6)).wait_for()
    wait_ready(page)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_exploding_relu_gets_a_message_and_a_working_page(server, page):
    page.set_default_timeout(PATIENCE)
    page.goto(url_of(server, "rnn_forward", lang="en"))
    wait_ready(page, title("rnn_forward", "en"))
    page.locator(".st-key-rnn_act [data-testid=stRadioOption]").nth(1).click()  # relu
    wait_ready(page)
    scale = page.locator(".st-key-rnn_scale input[type=range]")
    scale.focus()
    scale.press("End")  # the largest weight scale
    alert = page.locator('[data-testid="stAlert"]', has_text="The numbers exploded.")
    alert.wait_for()
    wait_ready(page)
    page.locator(".st-key-rnn_step__last button").first.click()
    page.get_by_text(STRINGS["rnn.step.nonfinite"]["en"].format(t=7)).wait_for()
    wait_ready(page)
    assert page.locator(".js-plotly-plot").count() >= 8  # every section still draws
    assert page.locator('[data-testid="stException"]').count() == 0
