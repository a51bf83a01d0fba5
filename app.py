"""SeqLab's entrypoint: page config, the language switch and ``st.navigation`` over ``pages/``.

Run it with ``make run`` (or ``streamlit run app.py``). Every page file is listed in
``ui.shell.PAGES``; this script only wires them together.
"""

import streamlit as st

import core  # noqa: F401  (sets torch to one thread, once per process)
from ui.i18n import t
from ui.shell import build_navigation, init_language, language_switch, running_shell

st.set_page_config(page_title="SeqLab", page_icon="🔁", layout="wide")
init_language()
page = build_navigation()
language_switch()
st.sidebar.caption(t("shell.about"))
with running_shell():
    page.run()
