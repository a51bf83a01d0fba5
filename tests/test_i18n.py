"""Every word the app shows exists in Korean and English, with the same placeholders."""

import re
import string
from pathlib import Path

import pytest

from ui.i18n import HANGUL_OK, LANGS, STRINGS, lang_from_locale
from ui.shell import PAGES

ROOT = Path(__file__).resolve().parents[1]
HANGUL = re.compile(r"[가-힣]")


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(STRINGS))
def test_both_languages_present_with_the_same_placeholders(key):
    entry = STRINGS[key]
    assert set(entry) == set(LANGS)
    assert all(entry[lang].strip() for lang in LANGS)
    assert placeholders(entry["ko"]) == placeholders(entry["en"])


def test_english_strings_are_not_left_in_korean():
    # The language switch's own label is bilingual on purpose; example sentences may be Korean.
    allowed = {"shell.language", "tt.jamo", "tt.jamo.help",
               "tt.level.help", "page.text_tensors.summary", "home.how.type"} | HANGUL_OK
    leaks = [k for k, v in STRINGS.items() if HANGUL.search(v["en"]) and k not in allowed]
    assert not leaks


def code_sources() -> str:
    paths = [ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").glob("*.py")]
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def test_every_literal_key_used_in_code_exists():
    used = set(re.findall(r"""\bt\(\s*["']([\w.]+)["']""", code_sources()))
    assert used, "the scan found no keys at all"
    assert not sorted(used - STRINGS.keys())


def test_no_string_is_dead():
    """Each key is used literally, or under a prefix the code completes (t(f"player.{name}"))."""
    code = code_sources()
    prefixes = tuple(re.findall(r"""\bt\(\s*f["']([\w.]+)\{""", code))
    assert prefixes, "the scan found no computed keys"
    quoted = set(re.findall(r"""["']([\w.]+)["']""", code))
    dead = [k for k in STRINGS if k not in quoted and not k.startswith(prefixes)]
    assert not dead


def test_every_page_has_a_title_and_summary():
    for spec in PAGES:
        assert f"page.{spec.key}.title" in STRINGS and f"page.{spec.key}.summary" in STRINGS


@pytest.mark.parametrize(("locale", "lang"), [("ko-KR", "ko"), ("ko", "ko"), ("en-US", "en"),
                                             ("de-DE", "en"), (None, "ko"), ("", "ko")])
def test_default_language_follows_the_browser(locale, lang):
    assert lang_from_locale(locale) == lang
