"""What the roadmap page draws from: the workspace's milestones, consultations, campaigns and
activities as of one revision, and the timeline built from them."""

from dataclasses import dataclass

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT
from toolkit.domain import Milestone
from toolkit.roadmap import TimelineItem, phase_label, timeline
from toolkit.store.campaigns import list_activities, list_campaigns
from toolkit.store.consultations import list_consultations
from toolkit.store.roadmap import list_milestones

DATE_FORMAT = "DD/MM/YYYY"


@dataclass
class Roadmap:
    milestones: list[Milestone]
    consultations: list
    campaigns: list
    activities: list
    items: list[TimelineItem]
    phase_keys: list[str]
    phase_names: dict[str, str]

    @property
    def consultation_titles(self) -> dict[int, str]:
        return {c.id: c.title for c in self.consultations}

    @property
    def campaign_titles(self) -> dict[int, str]:
        return {c.id: c.title for c in self.campaigns}

    def phase_name(self, key: str | None) -> str:
        return phase_label(key, self.phase_names)


@st.cache_resource(max_entries=KEPT, show_spinner=False)  # read-only (see pages._kit.register)
def workspace_at(_engine, cache_key: tuple):
    """Milestones, consultations, campaigns and activities as of one revision (every write bumps it)."""
    _, workspace_id, _ = cache_key
    return (
        list_milestones(_engine, workspace_id),
        list_consultations(_engine, workspace_id),
        list_campaigns(_engine, workspace_id),
        list_activities(_engine, workspace_id),
    )


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _roadmap_at(_engine, cache_key: tuple, _ctx: PageContext) -> Roadmap:
    """The roadmap and its timeline as of one revision (the phases' names are the workspace's too),
    for every session: read-only."""
    ctx = _ctx
    milestones, consultations, campaigns, activities = workspace_at(ctx.engine, ctx.cache_key())
    return Roadmap(
        milestones=milestones,
        consultations=consultations,
        campaigns=campaigns,
        activities=activities,
        items=timeline(milestones, consultations, campaigns, activities),
        phase_keys=ctx.keys("phases"),
        phase_names=ctx.custom.get("phases", {}),
    )


def load(ctx: PageContext) -> Roadmap:
    return _roadmap_at(ctx.engine, ctx.cache_key(), ctx)
