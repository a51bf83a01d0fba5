"""Every word SeqLab shows, in Korean and English, and the lookup ``t(key)``.

Strings live in one table per page (``ui/strings/*.py``) so that explanation text is data,
not layout code. ``tests/test_i18n.py`` checks that every key has both languages and the same
``{placeholders}`` in each.
"""

from __future__ import annotations

import streamlit as st

from ui.strings import (
    bptt,
    classification,
    common,
    encoder_decoder,
    gru,
    home,
    language_model,
    lstm_gates,
    memory_lab,
    rnn_forward,
    self_attention,
    sequence_data,
    text_tensors,
)

LANGS: tuple[str, ...] = ("ko", "en")
LANG_NAMES = {"ko": "한국어", "en": "English"}
DEFAULT_LANG = "ko"

_TABLES = (common, home, text_tensors, sequence_data, rnn_forward, language_model, bptt,
           lstm_gates, gru, classification, memory_lab, self_attention, encoder_decoder)
STRINGS: dict[str, dict[str, str]] = {}
# Keys whose English text may hold Hangul on purpose (Korean examples, bilingual labels).
HANGUL_OK: set[str] = set()
for _table in _TABLES:
    _clash = STRINGS.keys() & _table.STRINGS.keys()
    assert not _clash, f"string keys defined twice: {sorted(_clash)}"
    STRINGS.update(_table.STRINGS)
    HANGUL_OK |= getattr(_table, "HANGUL_OK", set())


def current_lang() -> str:
    """The language of this session: set by the sidebar switch, ``?lang=`` or the browser."""
    lang = st.session_state.get("lang", DEFAULT_LANG)
    return lang if lang in LANGS else DEFAULT_LANG


def t(key: str, /, **values: object) -> str:
    """The string ``key`` in the session's language, with ``{placeholders}`` filled in."""
    text = STRINGS[key][current_lang()]
    return text.format(**values) if values else text


def lang_from_locale(locale: str | None) -> str:
    """Korean for a Korean browser, English for any other; Korean when the browser says nothing."""
    if not locale:
        return DEFAULT_LANG
    return "ko" if locale.lower().startswith("ko") else "en"
