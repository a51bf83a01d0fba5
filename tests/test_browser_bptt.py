"""The "BPTT & gradients" page in a real browser: the backward sweep, Play, a knob, the check button."""

from __future__ import annotations

import re

import pytest

from tests.live import wait_ready
from tests.test_browser import title, url_of
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser


def test_backward_sweep_steps_and_plays_from_T_down_to_1(server, page):
    page.goto(url_of(server, "bptt", lang="ko"))
    wait_ready(page, title("bptt", "ko"))
    page.get_by_text("t = 5", exact=True).first.wait_for()  # step 1 of the player is t = T = 5
    page.locator(".st-key-bptt_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    page.get_by_text("t = 4", exact=True).first.wait_for()
    page.locator(".js-plotly-plot svg text", has_text="h4").first.wait_for()

    page.locator(".st-key-bptt_step__play button").first.click()
    page.wait_for_url(re.compile(r"step=(3|4)"), timeout=10_000)
    page.wait_for_url(re.compile(r"step=5"), timeout=10_000)
    page.get_by_text("t = 1", exact=True).first.wait_for()
    play = page.locator(".st-key-bptt_step__play button")
    play.filter(has_text=STRINGS["player.play"]["ko"]).wait_for(timeout=10_000)  # stopped at t = 1
    assert page.locator('[data-testid="stException"]').count() == 0


def test_an_exploding_relu_run_is_reported_and_the_check_button_works(server, page):
    page.goto(url_of(server, "bptt", lang="en"))
    wait_ready(page, title("bptt", "en"))
    page.locator(".st-key-bptt_act").get_by_text("ReLU", exact=True).click()
    wait_ready(page)
    for key in ("bptt_lab_radius", "bptt_len"):  # ρ = 4.0, T = 200: float32 overflows
        slider = page.locator(f".st-key-{key} input[type=range]")
        slider.focus()
        slider.press("End")
        wait_ready(page, timeout=120_000)  # T = 200: five models measured (slow on a loaded machine)
    page.get_by_text(re.compile(r"RNN \(ReLU\): from distance \d+ on the gradient is Inf or NaN")).wait_for(
        timeout=120_000)
    wait_ready(page, timeout=120_000)
    assert page.get_by_text(STRINGS["bptt.clip.nonfinite"]["en"]).count() == 1

    page.locator(".st-key-bptt_fd button").first.click()
    page.get_by_text(STRINGS["bptt.fd.ok"]["en"].split("{")[0]).first.wait_for(timeout=60_000)
    wait_ready(page, timeout=120_000)
    metrics = page.locator('[data-testid="stMetricValue"]').all_text_contents()
    backprop, numeric = (float(v) for v in metrics[:2])
    assert abs(backprop - numeric) < 1e-6
    assert page.locator('[data-testid="stException"]').count() == 0
