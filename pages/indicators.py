"""Screen filled by issue 6 (indicators); says so in one line."""

import streamlit as st

from toolkit.i18n import t

st.title(t("nav.indicators"))
st.info(t("placeholder.roadmap"))
