"""Training slots on a real server with five visitors (issue: shared-server faults, item 1).

The fault: two visitors train (both slots taken); two more press Train and queue; while queued
they click elsewhere (a knob, another page). When the trainers stopped, each queued visitor got a
slot just as Streamlit's interrupt fired, before the code that gives it back, so both slots were
lost: from then on every Train button on the server waited 60 s and said "busy". Here a fifth
visitor must start training at once after all that.
"""

from __future__ import annotations

import re
import time

import pytest

from tests.live import wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser
PATIENCE = 60_000
CORPUS = "the cat sat on the mat and the dog sat on the log\n" * 6


def s(key: str, **kw: object) -> str:
    text = STRINGS[key]["en"]
    return text.format(**kw) if kw else text


def open_trainer(browser, server, longest: bool):
    """A visitor on the Language model page with their own text ready to train."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(PATIENCE)
    page.goto(url_of(server, "language_model", lang="en"))
    wait_ready(page, title("language_model", "en"))
    area = page.locator(".st-key-lm_corpus textarea")
    area.scroll_into_view_if_needed()  # elements far below the fold are drawn when scrolled to
    area.fill(CORPUS)
    area.press("Control+Enter")
    wait_ready(page)
    if longest:  # the most steps and seconds, so that the run is still going while others queue
        for knob in ("lm_own_steps", "lm_own_seconds"):
            page.locator(f".st-key-{knob}").scroll_into_view_if_needed()
            handle = page.locator(f".st-key-{knob} input[type=range]")
            handle.focus()
            handle.press("End")
            wait_ready(page)
    return context, page


def press_train(page) -> None:
    page.locator(".st-key-lm_train button").click()


def waiting_note(page):
    """What a queued visitor sees (before the fix it was a spinner with another text)."""
    return page.get_by_text(re.compile(r"^Waiting for (other visitors|another visitor)")).first


def training_bar(page):
    return page.get_by_text(re.compile(r"^Step \d+/\d+ · loss"))


def test_queued_visitors_who_click_away_do_not_lose_the_slots(server, browser):
    contexts = []
    try:
        # Every visitor's page is ready first, so that what follows happens within the trainers'
        # runs (600 steps take about 10 s here).
        visitors = [open_trainer(browser, server, longest=i < 2) for i in range(5)]
        contexts = [context for context, _ in visitors]
        trainers, queued, late = [p for _, p in visitors[:2]], [p for _, p in visitors[2:4]], visitors[4][1]
        for page in trainers:
            press_train(page)
            training_bar(page).first.wait_for()
        for page in queued:
            press_train(page)
            waiting_note(page).wait_for()
        # One queued visitor turns a knob, the other goes to another page: both leave the queue.
        queued[0].locator(".st-key-lm_own_cell [data-testid=stRadioOption]").nth(0).click()
        nav = queued[1].locator('[data-testid="stSidebarNav"]')
        nav.get_by_text(title("gru", "en"), exact=True).click()
        waiting_note(queued[0]).wait_for(state="detached")
        # The trainers stop their runs (or have just finished them).
        for page in trainers:
            stop = page.locator(".st-key-lm_run__stop button")
            if stop.count():
                stop.click()
        ended = re.compile(r"^(Stopped with the button|Trained for the full|Stopped by the time)")
        for page in trainers:
            page.get_by_text(ended).first.wait_for()
        # A fifth visitor starts at once: no wait, no "busy".
        start = time.monotonic()
        press_train(late)
        training_bar(late).first.wait_for(timeout=20_000)
        waited = time.monotonic() - start
        assert waiting_note(late).count() == 0
        late.get_by_text(re.compile(r"^Done: \d+ steps")).first.wait_for()
        assert late.locator('[data-testid="stAlert"]', has_text="busy").count() == 0
        queued[1].get_by_role("heading", name=title("gru", "en")).first.wait_for()
        print(f"fifth visitor started training {waited:.1f} s after pressing Train")
        for page in (*trainers, *queued, late):
            assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        for context in contexts:
            context.close()


def test_a_queued_visitor_can_cancel(server, browser):
    contexts = []
    try:
        visitors = [open_trainer(browser, server, longest=i < 2) for i in range(3)]
        contexts = [context for context, _ in visitors]
        for _, page in visitors[:2]:
            press_train(page)
            training_bar(page).first.wait_for()
        page = visitors[2][1]
        press_train(page)
        waiting_note(page).wait_for()
        page.get_by_role("button", name=s("train.cancel")).click()
        waiting_note(page).wait_for(state="detached")
        wait_ready(page)
        assert page.get_by_role("button", name=s("train.cancel")).count() == 0
        assert page.locator('[data-testid="stException"]').count() == 0
    finally:
        for context in contexts:
            context.close()
