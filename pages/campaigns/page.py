"""Campañas: dissemination and advocacy campaigns for the audiences; their activities, KPIs and
budget; and a dashboard of what is on track, late, or without measurements."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages.campaigns import activities, dashboard, data, kpis, new_campaign, picker, plan
from pages.campaigns.words import NOTICE
from toolkit.i18n import t

ctx = page_context("nav.campaigns")
campaigns = data.load(ctx)
show_notice(NOTICE)
new_campaign.show(ctx, campaigns)
if not campaigns.campaigns:
    st.stop()
current = picker.show(ctx, campaigns)

tab_board, tab_plan, tab_activities, tab_kpis = st.tabs(
    [
        t("campaigns.tab.dashboard"),
        t("campaigns.tab.plan"),
        t("campaigns.tab.activities"),
        t("campaigns.tab.kpis"),
    ],
    key="campaigns_tab",
    on_change="rerun",
)  # only the open tab is built; it survives its own buttons' reruns
with tab_board:
    if tab_board.open:
        dashboard.show(ctx, campaigns)
with tab_plan:
    if tab_plan.open:
        plan.show(ctx, current)
with tab_activities:
    if tab_activities.open:
        activities.show(ctx, current)
with tab_kpis:
    if tab_kpis.open:
        kpis.show(ctx, current)
