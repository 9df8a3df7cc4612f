"""Screen filled by a later issue; says so in one line."""

import streamlit as st

from toolkit.i18n import t

st.title(t("nav.map"))
st.info(t("placeholder.actor_map"))
