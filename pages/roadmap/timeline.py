"""The timeline: milestones, consultations, campaigns and their activities on one Gantt, filtered."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.figures import shared_figure
from pages.roadmap.data import Roadmap
from toolkit.i18n import t
from toolkit.roadmap import ITEM_TYPES, STATES, filter_timeline, gantt_figure, owners


def show(ctx: PageContext, roadmap: Roadmap) -> None:
    """The filters and the Gantt of what they keep (nothing when the roadmap is empty)."""
    if not roadmap.items:
        return
    st.subheader(t("roadmap.timeline.title"))
    columns = st.columns(4)
    everything = t("roadmap.filter.all")
    chosen_phases = columns[0].multiselect(
        t("roadmap.filter.phase"),
        roadmap.phase_keys,
        format_func=roadmap.phase_name,
        key="roadmap_filter_phase",
        placeholder=everything,
    )
    chosen_owners = columns[1].multiselect(
        t("roadmap.filter.owner"), owners(roadmap.items), key="roadmap_filter_owner", placeholder=everything
    )
    chosen_states = columns[2].multiselect(
        t("roadmap.filter.status"),
        STATES,
        key="roadmap_filter_status",
        format_func=lambda s: t(f"vocab.milestone_statuses.{s}"),
        placeholder=everything,
    )
    chosen_types = columns[3].multiselect(
        t("roadmap.filter.type"),
        ITEM_TYPES,
        key="roadmap_filter_type",
        format_func=lambda k: t(f"roadmap.types.{k}"),
        placeholder=everything,
    )
    shown = filter_timeline(roadmap.items, chosen_phases, chosen_owners, chosen_states, chosen_types)
    dated = [i for i in shown if i.dated]
    if dated:
        chosen = (tuple(chosen_phases), tuple(chosen_owners), tuple(chosen_states), tuple(chosen_types))
        figure = shared_figure(
            ctx, "roadmap_gantt", chosen, build=lambda: gantt_figure(shown, ctx.today, roadmap.phase_names, ctx.lang)
        )
        st.plotly_chart(
            figure,
            key="roadmap_gantt",
            config={"displaylogo": False},
        )
        st.caption(t("roadmap.timeline.help"))
    else:
        st.caption(t("roadmap.timeline.nothing"))
    if len(shown) > len(dated):
        st.caption(t("roadmap.timeline.undated", count=len(shown) - len(dated)))
