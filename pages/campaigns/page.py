"""Campañas: dissemination and advocacy campaigns for the audiences; their activities, KPIs and
budget; and a dashboard of what is on track, late, or without measurements."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages._kit.tabs import open_tab_only
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

open_tab_only(
    "campaigns_tab",
    [
        (t("campaigns.tab.dashboard"), lambda: dashboard.show(ctx, campaigns)),
        (t("campaigns.tab.plan"), lambda: plan.show(ctx, current)),
        (t("campaigns.tab.activities"), lambda: activities.show(ctx, current)),
        (t("campaigns.tab.kpis"), lambda: kpis.show(ctx, current)),
    ],
)
