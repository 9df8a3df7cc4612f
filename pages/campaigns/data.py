"""What the campaigns page draws from: the workspace's campaigns, their activities, KPIs and
measurements, and the audiences, as of one revision; and the campaign chosen among them."""

from dataclasses import dataclass

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT
from toolkit.campaigns import CampaignStatus, campaign_status, file_stem, first_to_follow
from toolkit.domain import Activity, Audience, Campaign, Kpi, KpiMeasurement
from toolkit.store.audiences import list_audiences
from toolkit.store.campaigns import list_activities, list_campaigns, list_kpis, list_measurements


@dataclass
class Campaigns:
    campaigns: list[Campaign]
    activities: list[Activity]
    kpis: list[Kpi]
    measurements: list[KpiMeasurement]
    audiences: list[Audience]

    @property
    def audience_names(self) -> dict[int, str]:
        return {a.id: a.name for a in self.audiences}

    @property
    def titles(self) -> dict[int, str]:
        return {c.id: c.title for c in self.campaigns}


@dataclass
class Chosen:
    """The campaign open in the tabs, with its own work and where it stands."""

    campaign: Campaign
    activities: list[Activity]
    kpis: list[Kpi]
    status: CampaignStatus
    all: Campaigns

    @property
    def id(self) -> int:
        return self.campaign.id

    @property
    def file_stem(self) -> str:
        return file_stem(self.campaign.title)


@st.cache_resource(max_entries=KEPT, show_spinner=False)  # read-only (see pages._kit.register)
def workspace_at(_engine, cache_key: tuple):
    """Campaigns, their activities, KPIs and measurements, and the audiences, as of one revision."""
    _, workspace_id, _ = cache_key
    return (
        list_campaigns(_engine, workspace_id),
        list_activities(_engine, workspace_id),
        list_kpis(_engine, workspace_id),
        list_measurements(_engine, workspace_id),
        list_audiences(_engine, workspace_id),
    )


def load(ctx: PageContext) -> Campaigns:
    return Campaigns(*workspace_at(ctx.engine, ctx.cache_key()))


def chosen(ctx: PageContext, data: Campaigns, campaign_id: int | None) -> Chosen | None:
    """The campaign ``campaign_id`` if it still exists, else the one that most needs attention."""
    by_id = {c.id: c for c in data.campaigns}
    if campaign_id not in by_id:
        campaign_id = first_to_follow(data.campaigns, data.activities, data.kpis, data.measurements, ctx.today)
    if campaign_id is None:
        return None
    campaign = by_id[campaign_id]
    return Chosen(
        campaign=campaign,
        activities=[a for a in data.activities if a.campaign_id == campaign_id],
        kpis=[k for k in data.kpis if k.campaign_id == campaign_id],
        status=campaign_status(campaign, data.activities, data.kpis, data.measurements, ctx.today),
        all=data,
    )
