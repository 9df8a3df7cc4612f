"""Mapa de actores: the interactive map, what it says, the power-interest grid, and its files."""

import streamlit as st

from pages._kit.context import page_context
from pages.actor_map import analysis, files, geo, grid, interactive
from pages.actor_map import stories as story_tab
from pages.actor_map.shared import load_shared_network
from toolkit.i18n import t

ctx = page_context("nav.map")
network = load_shared_network(ctx)  # the revision's register, shared by every session (issue 17)
if network is None:
    st.info(t("map.empty"))
    st.page_link("pages/actors/page.py", label=t("home.first_steps.import_link"), icon=":material/upload_file:")
    st.stop()

# only the open tab is built: on a large map the others cost seconds
TABS = {"map": interactive, "analysis": analysis, "grid": grid, "files": files}
TABS["stories"] = story_tab  # saved views, stories, presentation and decks (issue 15)
TABS["geo"] = geo  # the territory and the world on a map (issue 19)
tabs = st.tabs([t(f"map.tab.{name}") for name in TABS], key="map_tabs", on_change="rerun")
for tab, module in zip(tabs, TABS.values(), strict=True):
    with tab:
        if tab.open:
            module.show(ctx, network)
