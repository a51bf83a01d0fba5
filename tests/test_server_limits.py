"""What a crafted client can make the server do with one text box (issue: shared-server faults, 3).

A browser obeys a text box's ``max_chars``; a crafted client does not. Before the fix, one client
could send 24 MB per rerun, the app cleaned the whole string before cutting it to 2,000
characters, reruns took 2.4–2.8 s and memory reached 1.2 GB. Now the server refuses any message
over ``server.maxWidgetStateSize`` (1 MB) by closing that connection, and what is under the limit
is cut before it is cleaned.
"""

from __future__ import annotations

import unicodedata
import urllib.request

import pytest

from core import lm, seq2seq, text
from core.text import MAX_CHARS, MAX_TOKENS, clean_text
from tests.live import LiveServer
from tests.test_pages import open_page
from tests.wire import CraftedClient
from ui.i18n import STRINGS
from ui.shell import PAGES


@pytest.fixture(scope="module")
def server():
    with LiveServer() as s:
        yield s


def healthy(server: LiveServer) -> bool:
    with urllib.request.urlopen(f"{server.url}/_stcore/health", timeout=10) as r:
        return r.status == 200


def test_a_message_over_the_limit_closes_only_that_connection(server):
    with CraftedClient(server.url, path="text_tensors") as bad:
        bad.rerun()
        bad.rerun()  # the first run hands over to app.py; now the widgets are known
        assert "user_text" in bad.widgets
        bad.ws.send(_rerun_bytes(bad, "가" * 700_000))  # 2.1 MB of UTF-8
        assert bad.closed_with() == 1009  # "message too big"
    assert healthy(server)
    with CraftedClient(server.url, path="text_tensors") as good:
        good.rerun()
        run = good.rerun()
        assert not run.exceptions and "Text → tensors" in run.texts


def test_a_value_under_the_limit_is_cut_to_the_cap(server):
    """Streamlit cuts a text box's value to its ``max_chars`` on arrival; the page reads 2,000."""
    with CraftedClient(server.url, path="text_tensors") as client:
        client.rerun()
        client.rerun()
        raw = "the cat sat on the mat " * 40_000  # 920,000 characters, under 1 MB
        run = client.rerun({"user_text": raw})
        assert not run.exceptions
        words = len(raw[:MAX_CHARS].split())  # one line of words, then <bos> and <eos>
        cut = STRINGS["input.tokens_cut"]["en"].format(i=1, cap=MAX_TOKENS, n=words + 2 - MAX_TOKENS)
        assert cut in run.texts


def _rerun_bytes(client: CraftedClient, value: str) -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = client.query
    msg.rerun_script.page_name = client.path
    widget = msg.rerun_script.widget_states.widgets.add()
    widget.id = client.widgets["user_text"]
    widget.string_value = value
    return msg.SerializeToString()


# --- cut before cleaning --------------------------------------------------------------------
@pytest.fixture
def normalized_lengths(monkeypatch):
    """The length of every string the text cleaners hand to unicodedata.normalize."""
    seen: list[int] = []
    real = unicodedata.normalize

    def spy(form: str, s: str) -> str:
        seen.append(len(s))
        return real(form, s)

    for module in (text, seq2seq):
        monkeypatch.setattr(module.unicodedata, "normalize", spy)
    return seen


def test_the_text_box_is_cut_before_it_is_cleaned(normalized_lengths):
    cleaned = clean_text("나는 학교에 간다 " * 200_000)  # 2 million characters
    assert max(normalized_lengths) <= 2 * MAX_CHARS + 64
    assert len(cleaned.text) <= MAX_CHARS and cleaned.truncated_chars == 2_000_000 - len(cleaned.text)


def test_the_source_box_is_cut_before_it_is_cleaned(normalized_lengths):
    parsed = seq2seq.parse_source("7" * 1_000_000)
    assert max(normalized_lengths) <= seq2seq.MAX_SOURCE_CHARS
    assert parsed.digits == "7" * seq2seq.MAX_DIGITS


def test_the_training_text_is_cut_before_it_is_cleaned():
    prepared = lm.prepare_training_text("abc\r\n" * 500_000)
    assert prepared.cut_chars == 2_500_000 - lm.LIVE_MAX_CHARS
    assert sum(len(line) for line in prepared.lines) <= lm.LIVE_MAX_CHARS


def test_a_lone_surrogate_is_dropped_and_a_replacement_character_explained():
    cleaned = clean_text("a\ud800b \ufffd c")
    assert cleaned.text == "ab \ufffd c" and cleaned.removed_controls == 1 and cleaned.unreadable == 1
    cleaned.text.encode("utf-8")  # what Streamlit must send back can be encoded


# --- every text widget states its cap to the browser ------------------------------------------
@pytest.mark.parametrize("spec", PAGES, ids=lambda s: s.key)
def test_every_text_widget_has_max_chars(spec):
    at = open_page(spec.path, lang="en")
    boxes = [*at.text_area, *at.text_input]
    if spec.key == "classification":  # the own-pair boxes appear when "your own pair" is picked
        at.selectbox(key="cls_pair").set_value(-1).run()
        boxes = [*at.text_area, *at.text_input]
    for box in boxes:
        assert 0 < box.max_chars <= lm.LIVE_MAX_CHARS, (spec.key, box.key)
