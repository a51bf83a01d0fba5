"""A real SeqLab server and a Chromium, for the browser tests and the benchmarks.

The browser is Debian's Chromium at ``$SEQLAB_CHROMIUM`` (default ``/usr/bin/chromium``; the
Makefile's ``CHROMIUM=`` sets it). Where none is there, Playwright's own Chromium is used
(``playwright install chromium``, which ``make test`` runs on such a machine).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Unset: Debian's Chromium. Set but empty (the Makefile on Ubuntu): Playwright's own.
CHROMIUM = os.environ.get("SEQLAB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
ARTIFACTS = ROOT / "artifacts"
SCREENSHOTS = ARTIFACTS / "screenshots"
READY = '[data-testid="stApp"][data-test-script-state="notRunning"]'


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """``streamlit run app.py`` (or ``script``) on a free loopback port, stopped on exit."""

    def __init__(self, script: str = "app.py", env: dict[str, str] | None = None) -> None:
        self.script, self.env, self.cwd = script, env or {}, ROOT
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.started_at = 0.0

    def __enter__(self) -> LiveServer:
        ARTIFACTS.mkdir(exist_ok=True)
        self.log = ARTIFACTS / f"server-{self.port}.log"
        self.started_at = time.monotonic()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", self.script, "--server.port", str(self.port),
             "--server.address", "127.0.0.1", "--server.headless", "true",
             "--browser.gatherUsageStats", "false"],
            cwd=self.cwd, env={**os.environ, "PYTHONUNBUFFERED": "1", **self.env},
            stdout=self.log.open("wb"), stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=1) as r:
                    if r.status == 200:
                        return self
            except OSError:
                time.sleep(0.1)
        self.__exit__()
        raise RuntimeError(f"the Streamlit server did not start within 60 s; see {self.log}")

    def __exit__(self, *exc: object) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def system_chromium() -> bool:
    return bool(CHROMIUM) and os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)


def browser_in_use() -> str:
    """Which Chromium the browser tests drive, for the test report's header."""
    if system_chromium():
        return f"the system Chromium at {CHROMIUM}"
    where = f"none at {CHROMIUM}" if CHROMIUM else "no system Chromium chosen"
    return f"Playwright's own Chromium ({where}; `playwright install chromium` provides it)"


def launch(playwright):  # -> Browser
    if system_chromium():
        return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    return playwright.chromium.launch(args=CHROMIUM_ARGS)


def wait_ready(page, heading: str | None = None, timeout: float = 60_000) -> None:
    """Wait until the script has finished and, if given, the page's heading is shown."""
    if heading is not None:
        page.get_by_role("heading", name=heading, exact=False).first.wait_for(timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)


# Every element drawn (Streamlit leaves a skeleton in place of an element not yet shown), every
# Plotly chart drawn, and the web fonts loaded: what a screenshot should wait for.
_SETTLED = """(minCharts) => !document.querySelector('[data-testid="stSkeleton"]')
  && [...document.querySelectorAll('.js-plotly-plot')].every(p => p.querySelector('.main-svg'))
  && document.querySelectorAll('.js-plotly-plot').length >= minCharts
  && document.fonts.status === 'loaded'"""


def settle(page, min_charts: int = 0, timeout: float = 90_000) -> None:
    """Wait until the script is idle and everything on the page is drawn (no fixed sleeps)."""
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_function(_SETTLED, arg=min_charts, timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)


def player_at_rest(page, key: str, step: int, timeout: float = 60_000) -> None:
    """Wait until the step player ``key`` has stopped (its live slider is back) at ``step``.

    While Play runs the slider is a disabled copy under no key; once the run that stops Play has
    drawn a keyed slider again (``<key>__slider<epoch>``), no timer rerun is left to move the step.
    """
    thumb = page.locator(f"[class*='st-key-{key}__slider'] [data-testid='stSliderThumbValue']")
    thumb.filter(has_text=re.compile(rf"^{step}$")).wait_for(timeout=timeout)
    page.wait_for_selector(READY, timeout=timeout)
    page.wait_for_url(re.compile(rf"step={step}(&|$)"), timeout=timeout)
