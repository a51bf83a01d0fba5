"""Home: what SeqLab is, how to use it, and the learning map of the pages that exist."""

import streamlit as st

from ui.i18n import t
from ui.shell import HOME, PAGES, ensure_shell

ensure_shell()

st.title(f":material/cycle: {t('app.name')}")
st.markdown(f"#### {t('app.tagline')}")
st.markdown(t("home.intro"))

st.subheader(t("home.how.title"))
for key in ("home.how.type", "home.how.step", "home.how.share"):
    st.markdown(f"- {t(key)}")

st.subheader(t("home.map.title"))
st.caption(t("home.map.caption"))
for n, spec in enumerate((p for p in PAGES if p is not HOME), start=1):
    with st.container(border=True):
        badge, body = st.columns([1, 9], vertical_alignment="center")
        badge.markdown(f"### {n}")
        body.page_link(spec.path, label=f"**{spec.title}**", icon=spec.icon)
        body.markdown(spec.summary)
        if spec.concepts:
            body.caption(t("home.map.concepts", ids=", ".join(spec.concepts)))
