"""The "Self-attention" page in Chromium: the query steps and plays; a sub-step and a knob redraw it."""

from __future__ import annotations

import re

import pytest

from tests.live import player_at_rest, wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser


def figure_text(page) -> str:
    return " ".join(page.locator(".js-plotly-plot svg text").all_text_contents())


def test_query_steps_plays_and_markup_stays_text(server, page):
    page.goto(url_of(server, "self_attention", lang="en"))
    wait_ready(page, title("self_attention", "en"))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    box = page.get_by_role("textbox", name=STRINGS["input.label"]["en"])
    box.fill("the <i>cat</i> sat")  # 10 tokens: the < i > cat < / i > sat
    box.press("Control+Enter")
    page.locator("svg text", has_text="10 sat").first.wait_for()
    wait_ready(page)

    page.locator(".st-key-sa_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    wait_ready(page)
    page.locator("svg text", has_text="query t = 2").first.wait_for(timeout=60_000)
    page.locator(".st-key-sa_step__last button").first.click()
    page.wait_for_url(re.compile(r"step=10"))
    page.locator(".st-key-sa_step__play button").first.click()  # at the end, Play starts over
    page.wait_for_url(re.compile(r"step=[2-9](&|$)"), timeout=15_000)
    player_at_rest(page, "sa_step", 10)  # stopped at the last token
    page.locator("svg text", has_text="query t = 10").first.wait_for(timeout=60_000)
    drawn = figure_text(page)
    assert "2 <" in drawn and "3 i" in drawn  # the learner's markup is drawn as text
    assert page.locator("i", has_text="cat").count() == 0 and not dialogs
    assert page.locator('[data-testid="stException"]').count() == 0


def test_substep_and_positional_encoding_redraw(server, page):
    page.goto(url_of(server, "self_attention", lang="en", step="3"))
    wait_ready(page, title("self_attention", "en"))
    page.locator(".st-key-sa_sub button", has_text=STRINGS["sa.sub.3"]["en"]).click()
    page.locator("svg text", has_text="sum = 1.000000").first.wait_for()
    page.locator("svg text", has_text="query t = 3").first.wait_for()
    assert "step=3" in page.url  # the sub-step does not move the query

    page.get_by_text(STRINGS["sa.pe"]["en"], exact=True).click()
    page.get_by_text(STRINGS["sa.input.no_pe"]["en"]).wait_for()
    page.locator("svg text", has_text=STRINGS["sa.input.pe_off"]["en"]).first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
