"""The "LSTM gates" page in a real browser: step, Play, the peephole wires and an intervention."""

from __future__ import annotations

import re

import pytest

from tests.live import player_at_rest, wait_ready
from tests.test_browser import title, url_of
from tests.test_page_lstm_gates import reference_gates
from ui.i18n import STRINGS
from ui.widgets import EXAMPLE_TEXT

pytestmark = pytest.mark.browser


def equations_text(page) -> str:
    """The rendered KaTeX of the six equations, minus signs made ASCII."""
    return page.locator(".katex-html").first.inner_text().replace("\u2212", "-")


def test_step_play_peephole_and_intervention(server, page):
    f, h = reference_gates(EXAMPLE_TEXT["en"])
    page.goto(url_of(server, "lstm_gates", lang="en"))
    wait_ready(page, title("lstm_gates", "en"))
    diagram = page.locator(".js-plotly-plot").filter(has_text="tanh(C")
    diagram.first.wait_for()
    assert f"{h[0, 0]:.3f}" in equations_text(page)

    page.locator(".st-key-lstm_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    wait_ready(page)
    text = equations_text(page)
    assert f"{f[1, 0]:.3f}" in text and f"{h[1, 0]:.3f}" in text
    assert diagram.filter(has_text="xt = I").count() == 1  # x_2 is the word "I"

    page.locator(".st-key-lstm_step__play button").first.click()
    page.wait_for_url(re.compile(r"step=(4|5|6|7)"), timeout=15_000)  # Play moves on by itself
    player_at_rest(page, "lstm_step", 7)  # and stops at T = 7
    assert f"{h[6, 0]:.3f}" in equations_text(page)

    page.get_by_text(STRINGS["lstm.peephole"]["en"], exact=True).click()
    diagram.filter(has_text="wcfCt-1".replace("-", "\u2212")).wait_for(timeout=20_000)  # peephole wires
    page.get_by_text(STRINGS["lstm.iv.kind.forget0"]["en"], exact=True).click()
    first = page.locator('[data-testid="stMetric"]').filter(has_text=STRINGS["lstm.iv.first"]["en"])
    first.filter(has_text="t = 2").wait_for(timeout=20_000)
    wait_ready(page)
    assert "0.000" in equations_text(page)  # f_t clamped to 0
    assert page.locator('[data-testid="stException"]').count() == 0
