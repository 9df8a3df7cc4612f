"""Audiencias: segments of the register (by rule, adjusted by hand) and publics outside it; what
each knows, thinks and needs; how to engage it; and what reaches whom."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages.audiences import reach, segments
from pages.audiences.snapshot import snapshot
from toolkit.i18n import t

ctx = page_context("nav.audiences")
snap = snapshot(ctx)
show_notice("audiences")
st.caption(t("audiences.intro"))

tab_segments, tab_reach = st.tabs(
    [t("audiences.tab.segments"), t("audiences.tab.reach")], key="audiences_tab", on_change="rerun"
)  # only the open tab is built
with tab_segments:
    if tab_segments.open:
        segments.show(ctx, snap)
with tab_reach:
    if tab_reach.open:
        reach.show(ctx, snap)
