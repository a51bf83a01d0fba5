"""Real-browser tests: Playwright drives Debian's Chromium against a live SeqLab server.

Screenshots of every page in both languages go to ``artifacts/screenshots/`` (git-ignored).
"""

from __future__ import annotations

import re

import pytest

from tests.live import SCREENSHOTS, LiveServer, player_at_rest, settle, wait_ready
from ui.i18n import STRINGS
from ui.shell import PAGES

pytestmark = pytest.mark.browser


def title(key: str, lang: str) -> str:
    return STRINGS[f"page.{key}.title"][lang]


def heading(key: str, lang: str) -> str:
    return "SeqLab" if key == "home" else title(key, lang)


def url_of(server: LiveServer, key: str, **query: str) -> str:
    path = "" if key == "home" else key
    qs = "&".join(f"{k}={v}" for k, v in query.items())
    return f"{server.url}/{path}" + (f"?{qs}" if qs else "")


def assert_healthy(page) -> None:
    """No exception box, the whole navigation and the language switch in the sidebar."""
    sidebar = page.locator('[data-testid="stSidebar"]')
    sidebar.get_by_text("English", exact=True).wait_for(timeout=10_000)
    sidebar.get_by_text("한국어", exact=True).wait_for(timeout=10_000)
    assert page.locator('[data-testid="stSidebarNav"] a').count() == len(PAGES)
    assert page.locator('[data-testid="stException"]').count() == 0


@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_deep_link_works_on_a_freshly_started_server(browser, spec):
    """streamlit#10276: the first visitor of a new server opens a page by its own address."""
    with LiveServer() as fresh:
        context = browser.new_context(locale="ko-KR")
        page = context.new_page()
        page.goto(url_of(fresh, spec.key, lang="en"))
        wait_ready(page, heading(spec.key, "en"))
        assert_healthy(page)
        nav = page.locator('[data-testid="stSidebarNav"]')
        assert nav.get_by_text(title(spec.key, "en"), exact=True).count() >= 1
        assert spec.key == "home" or f"/{spec.url_path}" in page.url
        context.close()


@pytest.mark.parametrize("lang", ["ko", "en"])
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_every_page_renders_and_is_screenshotted(server, browser, spec, lang):
    context = browser.new_context(viewport={"width": 1400, "height": 3600}, locale="en-US")
    page = context.new_page()
    page.goto(url_of(server, spec.key, lang=lang))
    wait_ready(page, heading(spec.key, lang))
    # Let every Plotly chart draw before the picture: under load they appear one by one.
    settle(page, min_charts=2 if spec.key != "home" else 0)
    assert_healthy(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{spec.key}_{lang}.png")
    context.close()


def test_browser_locale_picks_the_language(browser, server):
    for locale, lang in (("en-US", "en"), ("ko-KR", "ko")):
        context = browser.new_context(locale=locale)
        page = context.new_page()
        page.goto(server.url)
        wait_ready(page, "SeqLab")
        nav = page.locator('[data-testid="stSidebarNav"]')
        nav.get_by_text(title("text_tensors", lang)).wait_for()
        assert f"lang={lang}" in page.url
        context.close()


def test_korean_text_steps_play_and_language_switch(server, page):
    page.goto(url_of(server, "text_tensors", lang="ko"))
    wait_ready(page, title("text_tensors", "ko"))
    box = page.get_by_role("textbox", name=STRINGS["input.label"]["ko"])
    box.fill("나는 어제 떡볶이를 먹었다")
    box.press("Control+Enter")
    page.locator("svg text", has_text="떡볶이를").first.wait_for()
    wait_ready(page)

    page.locator(".st-key-tt_step__next button").first.click()
    page.wait_for_url(re.compile(r"step=2"))
    page.locator(".st-key-tt_step__last button").first.click()
    page.wait_for_url(re.compile(r"step=6"))  # <bos> + 4 words + <eos>

    page.locator(".st-key-tt_step__play button").first.click()  # at the end, Play starts over
    page.wait_for_url(re.compile(r"step=(2|3|4|5)(&|$)"), timeout=30_000)
    player_at_rest(page, "tt_step", 6)  # stopped at the end, and no timer left to move it
    play = page.locator(".st-key-tt_step__play button")
    assert play.filter(has_text=STRINGS["player.play"]["ko"]).count() == 1

    page.get_by_text("English", exact=True).click()
    wait_ready(page, title("text_tensors", "en"))
    page.wait_for_url(re.compile(r"lang=en"))
    box = page.get_by_role("textbox", name=STRINGS["input.label"]["en"])
    assert box.input_value() == "나는 어제 떡볶이를 먹었다"
    assert "step=6" in page.url
    assert page.locator('[data-testid="stException"]').count() == 0


def test_markup_in_the_text_is_shown_as_text(server, page):
    page.goto(url_of(server, "text_tensors", lang="en"))
    wait_ready(page, title("text_tensors", "en"))
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    box = page.get_by_role("textbox", name=STRINGS["input.label"]["en"])
    box.fill("a&b <img src=x onerror=alert(1)> zz")
    box.press("Control+Enter")
    page.locator("svg text", has_text="zz").first.wait_for()
    wait_ready(page)
    drawn = set(page.locator(".plot-container svg text").all_text_contents())
    # "<", "&" and the special tokens reach the picture as themselves: escaped, then decoded
    # by Plotly; an unescaped "<bos>" would vanish as an unknown tag.
    assert {"<", "&", ">"} <= {c for text in drawn for c in text}
    assert any("<bos>" in text for text in drawn)
    assert not any("&amp;" in text or "&lt;" in text for text in drawn)  # not escaped twice
    assert page.locator("img[src=x]").count() == 0
    assert not dialogs
