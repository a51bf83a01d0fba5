"""What the Home page's learning map shows, read off the page, in both languages.

The references are independent of the code that draws the map: the page table of README.md (the
English titles and the concept IDs, with ranges such as C1–C4 spelled out) and the files in
``pages/``; the learning order and the curriculum IDs of ``ui.shell.PAGES`` are checked against it.
Titles and summaries in Korean come from the string tables, as data.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import display as D
from tests.test_pages import open_page
from ui.i18n import STRINGS
from ui.shell import HOME, PAGES

ROOT = Path(__file__).resolve().parents[1]
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def readme_pages() -> list[tuple[str, list[str]]]:
    """(English title, concept IDs) of every page in README.md's page table, in its order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text.split("## Pages", 1)[1].split("\n\n", 2)[1]
    rows = []
    for line in table.splitlines()[2:]:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        title, concepts = cells[0], cells[-1]
        ids: list[str] = []
        for part in filter(None, (p.strip() for p in concepts.split(","))):
            m = re.fullmatch(r"C(\d+)(?:[–-]C(\d+))?", part)
            assert m, part
            lo, hi = int(m.group(1)), int(m.group(2) or m.group(1))
            ids += [f"C{n}" for n in range(lo, hi + 1)]
        rows.append((title, ids))
    return rows


def map_entries(at) -> list[dict]:
    """Every box of the learning map as shown: its number, link, summary and concept caption."""
    entries = []

    def walk(node) -> None:
        kids = getattr(node, "children", None) or {}
        leaves = list(flatten(node))
        links = [e for e in leaves if type(e).__name__ == "PageLink"]
        if getattr(node, "type", "") == "flex_container" and len(links) == 1 and any(
                type(e).__name__ == "Column" for e in kids.values()):
            marks = [str(e.value) for e in leaves if type(e).__name__ == "Markdown"]
            captions = [str(e.value) for e in leaves if type(e).__name__ == "Caption"]
            entries.append({"number": marks[0], "summary": marks[1:], "page": links[0].proto.page,
                            "label": links[0].proto.label, "icon": links[0].proto.icon, "captions": captions})
            return
        for child in kids.values():
            walk(child)

    def flatten(node):
        kids = getattr(node, "children", None)
        if not kids:
            yield node
            return
        for child in kids.values():
            yield from flatten(child)

    walk(at.main)
    return entries


@pytest.fixture(scope="module")
def sessions() -> dict:
    """One Home page per language."""
    out = {}
    for lang in ("en", "ko"):
        out[lang] = open_page("pages/home.py", lang=lang)
        assert not out[lang].exception
    return out


BOTH = pytest.mark.parametrize("lang", ["en", "ko"])


def test_readme_and_the_page_registry_agree():
    """The reference itself: README's table is the registry's order, and every curriculum ID is taught."""
    readme = readme_pages()
    pages = [p for p in PAGES if p is not HOME]
    assert readme[0] == ("Home", [])
    assert [title for title, _ in readme[1:]] == [STRINGS[f"page.{p.key}.title"]["en"] for p in pages]
    assert [ids for _, ids in readme[1:]] == [list(p.concepts) for p in pages]
    taught = {c for _, ids in readme for c in ids}
    assert taught == {f"C{n}" for n in range(1, 31)}


@BOTH
def test_the_map_numbers_and_links_every_page_in_learning_order(sessions, lang):
    at = sessions[lang]
    entries = map_entries(at)
    readme = readme_pages()[1:]
    assert len(entries) == len(readme) == len(PAGES) - 1
    for n, (entry, (title, _)) in enumerate(zip(entries, readme, strict=True), start=1):
        assert entry["number"] == f"### {n}", entry
        page = entry["page"]
        assert (ROOT / "pages" / f"{page}.py").is_file(), page
        # The link says the title of the page it opens.
        assert entry["label"] == f"**{STRINGS[f'page.{page}.title'][lang]}**"
        if lang == "en":
            assert entry["label"] == f"**{title}**"
        assert entry["summary"] == [STRINGS[f"page.{page}.summary"][lang]]
    assert [e["page"] for e in entries] == [p.key for p in PAGES if p is not HOME]


@BOTH
def test_each_box_lists_the_concepts_its_page_teaches(sessions, lang):
    at = sessions[lang]
    prefix = {"en": "Concepts: ", "ko": "다루는 개념: "}[lang]
    for entry, (title, ids) in zip(map_entries(at), readme_pages()[1:], strict=True):
        assert len(entry["captions"]) == 1, entry
        caption = entry["captions"][0]
        assert caption.startswith(prefix), caption
        assert caption[len(prefix):].split(", ") == ids, title


def test_korean_map_is_in_korean(sessions):
    at = sessions["ko"]
    assert at.subheader[1].value == "학습 지도"
    entries = map_entries(at)
    assert all(HANGUL.search(e["summary"][0]) for e in entries)
    # Titles in Hangul wherever the page has a Korean name (GRU is GRU in both languages).
    assert sum(bool(HANGUL.search(e["label"])) for e in entries) >= len(entries) - 1
    assert D.plain(entries[0]["label"].strip("*")) == "텍스트 → 텐서"
