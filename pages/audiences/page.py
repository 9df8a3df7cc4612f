"""Audiencias: segments of the register (by rule, adjusted by hand) and publics outside it; what
each knows, thinks and needs; how to engage it; and what reaches whom."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages._kit.tabs import open_tab_only
from pages.audiences import reach, segments
from pages.audiences.snapshot import snapshot
from toolkit.i18n import t

ctx = page_context("nav.audiences")
snap = snapshot(ctx)
show_notice("audiences")
st.caption(t("audiences.intro"))

open_tab_only(
    "audiences_tab",
    [
        (t("audiences.tab.segments"), lambda: segments.show(ctx, snap)),
        (t("audiences.tab.reach"), lambda: reach.show(ctx, snap)),
    ],
)
