"""The app shell: the page registry, the language switch and the guard every page calls first.

``app.py`` builds ``st.navigation`` from ``PAGES``; the Home page draws its learning map from the
same list, so a page exists in one place only. A later issue adds its page by adding a
``PageSpec`` here (in learning order) and its strings to ``ui/strings``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

from ui.i18n import LANG_NAMES, LANGS, current_lang, lang_from_locale, t

# Absolute, so that an entrypoint elsewhere (deploy/streamlit_app.py) finds the same pages.
PAGES_DIR = Path(__file__).resolve().parents[1] / "pages"


@dataclass(frozen=True)
class PageSpec:
    """One page: its file, its fixed URL and the strings that name and describe it."""

    key: str  # also the file stem and the url_path (see ``ensure_shell`` for why they match)
    icon: str
    concepts: tuple[str, ...] = ()  # curriculum IDs (C1 …) the page teaches
    text_box: bool = True  # the page reads the shared text box (tests type every kind of text)

    @property
    def path(self) -> str:
        return str(PAGES_DIR / f"{self.key}.py")

    @property
    def url_path(self) -> str:
        return self.key

    @property
    def title(self) -> str:
        return t(f"page.{self.key}.title")

    @property
    def summary(self) -> str:
        return t(f"page.{self.key}.summary")


HOME = PageSpec("home", ":material/home:")
# The learning map, in the order a learner should take the pages.
PAGES: tuple[PageSpec, ...] = (
    HOME,
    PageSpec("text_tensors", ":material/grid_on:", ("C5",)),
    PageSpec("sequence_data", ":material/timeline:", ("C1", "C2", "C3", "C4")),
    PageSpec("rnn_forward", ":material/repeat:", ("C3", "C4", "C6", "C7", "C8")),
    PageSpec("language_model", ":material/edit_note:", ("C9", "C10")),
    PageSpec("bptt", ":material/undo:", ("C11", "C12", "C13", "C14", "C17")),
    PageSpec("lstm_gates", ":material/memory:", ("C15", "C16", "C19")),
    PageSpec("gru", ":material/tune:", ("C18",)),
    PageSpec("classification", ":material/thumbs_up_down:", ("C20", "C21")),
    PageSpec("memory_lab", ":material/psychology:", ("C17",), text_box=False),
    PageSpec("self_attention", ":material/hub:", ("C22", "C23", "C24", "C25", "C26")),
    PageSpec("encoder_decoder", ":material/translate:", ("C27", "C28", "C29", "C30"),
             text_box=False),
)


def build_navigation() -> st.navigation:
    """``st.navigation`` over every page, titled in the session's language."""
    pages = [
        st.Page(p.path, title=p.title, icon=p.icon, url_path=p.url_path, default=p is HOME)
        for p in PAGES
    ]
    return st.navigation(pages, position="sidebar")


def init_language() -> None:
    """Fix the session's language once: ``?lang=`` first, then the browser's locale."""
    if "lang" not in st.session_state:
        asked = st.query_params.get("lang")
        st.session_state["lang"] = asked if asked in LANGS else lang_from_locale(st.context.locale)


def language_switch() -> None:
    """The sidebar switch, bound to ``?lang=``; other state is keyed and survives a switch."""
    st.sidebar.segmented_control(
        t("shell.language"),
        LANGS,
        format_func=LANG_NAMES.__getitem__,
        key="lang",
        required=True,
    )
    st.query_params["lang"] = current_lang()


# Threads that are running a page from inside app.py's ``pg.run()``.
_shell_threads: set[int] = set()


@contextmanager
def running_shell() -> Iterator[None]:
    """Mark this script thread as running a page through app.py's navigation."""
    ident = threading.get_ident()
    _shell_threads.add(ident)
    try:
        yield
    finally:
        _shell_threads.discard(ident)


def ensure_shell() -> None:
    """Hand over to app.py when Streamlit runs a page file on its own.

    With a ``pages/`` folder beside the entrypoint, a freshly started server treats the app as
    an old-style multipage app until ``st.navigation`` first runs, and a deep link such as
    ``/text_tensors`` executes ``pages/text_tensors.py`` without app.py (streamlit#10276): no
    language switch, no navigation. Switching the flag off and rerunning sends this visitor
    through app.py. Page hashes derive from ``url_path``, and each page's ``url_path`` equals
    its file stem, so the rerun lands on the same page.
    """
    if threading.get_ident() in _shell_threads:
        return
    PagesManager.uses_pages_directory = False
    st.rerun()
