"""Estrategia: the actors' strategies by MACTOR (objectives and positions, influences, results),
salience, brokerage roles and the SDGs."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages.strategy import brokerage, data, influences, objectives, results, salience, sdgs
from toolkit.i18n import t

ctx = page_context("nav.strategy")
strategy = data.load(ctx)
show_notice("strategy")
st.caption(t("strategy.intro"))
if not strategy.actors:
    st.info(t("strategy.no_actors"))
    st.page_link("pages/actors/page.py", label=t("nav.actors"), icon=":material/groups:")
    st.stop()

# only the open tab is built
TABS = {
    "objectives": objectives,
    "influences": influences,
    "results": results,
    "salience": salience,
    "brokerage": brokerage,
    "sdgs": sdgs,
}
tabs = st.tabs([t(f"strategy.tab.{name}") for name in TABS], key="strategy_tabs", on_change="rerun")
for tab, module in zip(tabs, TABS.values(), strict=True):
    with tab:
        if tab.open:
            module.show(ctx, strategy)
