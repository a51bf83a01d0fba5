"""The page "GRU" in Chromium: step, play, the unit picker, the update-gate knob, markup as text."""

from __future__ import annotations

import re

import pytest
import torch

from core.gru import make_gru
from core.text import TokenizerSpec, text_to_tensors
from tests.live import player_at_rest, wait_ready
from tests.test_browser import title, url_of
from ui.figures_gru import signed
from ui.i18n import STRINGS

pytestmark = pytest.mark.browser

TEXT = "나는 어제 떡볶이를 먹었다"  # <bos> + 4 words + <eos>: T = 6


def torch_h(text: str) -> torch.Tensor:
    """h_t of the page's default model (Q = H = 4, seed 0), computed by torch.nn.GRU itself."""
    tt = text_to_tensors([text], TokenizerSpec("word"), d=4, seed=0)
    with torch.no_grad():
        h, _ = make_gru(4, 4, seed=0)(torch.from_numpy(tt.embedded[0, : len(tt.sentences[0].ids)]))
    return h  # (T, H)


def svg_texts(page) -> set[str]:
    return set(page.locator(".plot-container svg text").all_text_contents())


def enter_text(page, lang: str, text: str, marker: str) -> None:
    box = page.get_by_role("textbox", name=STRINGS["input.label"][lang])
    box.fill(text)
    box.press("Control+Enter")
    page.locator("svg text", has_text=marker).first.wait_for()
    wait_ready(page)


def open_with_text(server, page, lang: str = "ko"):
    page.goto(url_of(server, "gru", lang=lang))
    wait_ready(page, title("gru", lang))
    enter_text(page, lang, TEXT, "떡볶이를")
    return STRINGS["gru.diagram.title"][lang]


def test_steps_and_unit_picker_show_torchs_numbers(server, page):
    diagram = open_with_text(server, page)
    h = torch_h(TEXT)

    page.locator(".st-key-gru_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    page.locator("svg text", has_text=diagram.format(t=2, j=1)).first.wait_for()
    assert any(signed(float(h[1, 0])) in text for text in svg_texts(page))  # h_t on its wire

    unit = page.locator(".st-key-gru_unit input")
    unit.fill("3")
    unit.press("Enter")
    page.locator("svg text", has_text=diagram.format(t=2, j=3)).first.wait_for()
    assert any(signed(float(h[1, 2])) in text for text in svg_texts(page))

    page.locator(".st-key-gru_step__last button").first.click()
    page.wait_for_url(re.compile(r"step=6"))
    page.locator("svg text", has_text=diagram.format(t=6, j=3)).first.wait_for()
    assert any(signed(float(h[5, 2])) in text for text in svg_texts(page))
    assert page.locator('[data-testid="stException"]').count() == 0


def test_play_runs_to_the_last_step_and_stays_there(server, page):
    diagram = open_with_text(server, page)
    page.locator(".st-key-gru_step__play button").first.click()
    # Play moves 2 steps a second; the generous timeouts are for a machine under load.
    page.wait_for_url(re.compile(r"step=(3|4|5)"), timeout=30_000)
    player_at_rest(page, "gru_step", 6)  # stopped at T, with no timer left to move it
    play = page.locator(".st-key-gru_step__play button")
    assert play.filter(has_text=STRINGS["player.play"]["ko"]).count() == 1
    page.locator("svg text", has_text=diagram.format(t=6, j=1)).first.wait_for(timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0


def test_update_gate_knob_moves_the_gates(server, page):
    page.goto(url_of(server, "gru", lang="en"))
    wait_ready(page, title("gru", "en"))
    label = STRINGS["gru.update.mean_z"]["en"]
    metric = page.locator('[data-testid="stMetric"]', has_text=label)
    before = float(metric.locator('[data-testid="stMetricValue"]').inner_text())
    thumb = page.locator(".st-key-gru_zshift input[type=range]")  # the slider's keyboard handle
    thumb.focus()
    for _ in range(8):  # +0.5 each: b_z + 4
        thumb.press("ArrowRight")
    page.wait_for_function(
        "([label, before]) => [...document.querySelectorAll('[data-testid=\"stMetric\"]')]"
        ".some(m => m.innerText.includes(label) && parseFloat(m.querySelector("
        "'[data-testid=\"stMetricValue\"]').innerText) > before + 0.3)", arg=[label, before])
    wait_ready(page)
    after = float(metric.locator('[data-testid="stMetricValue"]').inner_text())
    assert after > 0.9 > before
    assert page.get_by_text("torch.nn.GRU").first.is_visible()  # the badge still agrees
    assert page.locator('[data-testid="stException"]').count() == 0


def test_markup_reaches_the_figures_as_text(server, page):
    page.goto(url_of(server, "gru", lang="en"))
    wait_ready(page, title("gru", "en"))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    enter_text(page, "en", "a&b <b>zz</b> <img src=x onerror=alert(1)>", "zz")
    drawn = svg_texts(page)
    # The word tokenizer splits markup into "<", "b", ">" …: each must be drawn as itself, and
    # "<bos>" (escaped, then decoded by Plotly) must not vanish as an unknown tag.
    assert {"<", ">", "&"} <= {c for text in drawn for c in text}
    assert any("<bos>" in text for text in drawn)
    assert not any("&amp;" in text or "&lt;" in text for text in drawn)
    assert page.locator("img[src=x]").count() == 0
    assert not dialogs
