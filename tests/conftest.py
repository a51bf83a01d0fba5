"""Shared test set-up."""

import logging

import pytest
from playwright.sync_api import sync_playwright

from tests.live import LiveServer, browser_in_use, launch

# AppTest runs scripts outside `streamlit run`; Streamlit warns about that on every call.
logging.getLogger("streamlit.runtime.scriptrunner_utils.script_run_context").setLevel(logging.ERROR)
logging.getLogger("streamlit.runtime.state.session_state_proxy").setLevel(logging.ERROR)


def pytest_report_header(config) -> str:
    return f"browser tests drive {browser_in_use()}"


# --- real-browser fixtures (tests/test_browser*.py) ---------------------------------------
@pytest.fixture(scope="module")
def playwright():
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def browser(playwright):
    b = launch(playwright)
    yield b
    b.close()


@pytest.fixture(scope="module")
def server():
    with LiveServer() as s:
        yield s


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="ko-KR")
    p = context.new_page()
    yield p
    context.close()
