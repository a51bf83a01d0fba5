"""serve.py, the entrypoint for a public host: app.py behind the headers a public server needs."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.live import LiveServer
from tests.wire import CraftedClient


@pytest.fixture(scope="module")
def public():
    with LiveServer("serve.py", env={"SEQLAB_FRAME_ANCESTORS": "'self' https://huggingface.co"}) as s:
        yield s


def get(url: str) -> tuple[int, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, {k.lower(): v for k, v in r.headers.items()}
    except urllib.error.HTTPError as e:
        return e.code, {k.lower(): v for k, v in e.headers.items()}


def test_every_response_carries_the_public_host_headers(public):
    for path in ("/", "/rnn_forward", "/_stcore/health"):
        status, headers = get(public.url + path)
        assert status == 200, path
        assert headers["content-security-policy"] == "frame-ancestors 'self' https://huggingface.co"
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "x-frame-options" not in headers  # it cannot name another site; the CSP does


def test_streamlits_metrics_are_not_public(public):
    assert get(public.url + "/_stcore/metrics")[0] == 404
    assert get(public.url + "/_stcore/metrics/")[0] == 404


def test_the_app_itself_runs_unchanged_with_its_config(public):
    with CraftedClient(public.url, path="rnn_forward") as client:
        client.rerun()
        run = client.rerun()
        assert not run.exceptions and "RNN forward pass" in run.texts
    with CraftedClient(public.url, path="text_tensors") as bad:  # .streamlit/config.toml applies
        bad.rerun()
        bad.rerun()
        from tests.test_server_limits import _rerun_bytes

        bad.ws.send(_rerun_bytes(bad, "x" * 2_000_000))
        assert bad.closed_with() == 1009


def test_by_default_only_seqlab_itself_may_frame_it():
    with LiveServer("serve.py") as s:
        _, headers = get(s.url + "/")
        assert headers["content-security-policy"] == "frame-ancestors 'self'"
        assert headers["x-frame-options"] == "SAMEORIGIN"


@pytest.mark.browser
def test_a_browser_gets_the_whole_app_through_serve_py(public, browser):
    from tests.live import wait_ready
    from ui.i18n import STRINGS

    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(f"{public.url}/gru?lang=en")
    wait_ready(page, STRINGS["page.gru.title"]["en"])
    page.locator(".js-plotly-plot .main-svg").first.wait_for()
    assert page.locator('[data-testid="stException"]').count() == 0
    context.close()
