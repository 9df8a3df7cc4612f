"""The roadmap at a glance: what is overdue, due this or next week, or blocked; a status per phase."""

from datetime import date

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT
from pages.roadmap.data import Roadmap
from toolkit.domain import Milestone
from toolkit.i18n import format_date, format_number, t
from toolkit.markdown import escape
from toolkit.roadmap import attention, dates_text, phase_status

COLOURS = {"late": "red", "at_risk": "orange", "on_track": "blue", "done": "green", "no_milestones": "gray"}


def milestone_table(chosen: list[Milestone], roadmap: Roadmap) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("roadmap.columns.due_on"): [format_date(m.due_on) for m in chosen],
            t("roadmap.columns.title"): [m.title for m in chosen],
            t("roadmap.columns.phase"): [roadmap.phase_name(m.phase) for m in chosen],
            t("roadmap.columns.owner"): [m.owner for m in chosen],
            t("roadmap.columns.status"): [t(f"vocab.milestone_statuses.{m.status}") for m in chosen],
        }
    )


def show(ctx: PageContext, roadmap: Roadmap) -> None:
    """The section "at a glance" (nothing without milestones)."""
    if not roadmap.milestones:
        return
    st.subheader(t("roadmap.glance.title"))
    show_attention(ctx, roadmap)
    show_phases(ctx, roadmap)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _attention_at(_roadmap: Roadmap, cache_key: tuple, today: date, lang: str):
    """The groups and their tables as of one revision, day and language, for every session (read-only:
    ``st.dataframe`` only reads a table)."""
    found = attention(_roadmap.milestones, today)
    groups = {
        "overdue": found.overdue,
        "this_week": found.this_week,
        "next_week": found.next_week,
        "blocked": found.blocked,
    }
    return found, groups, {name: milestone_table(chosen, _roadmap) for name, chosen in groups.items() if chosen}


def show_attention(ctx: PageContext, roadmap: Roadmap) -> None:
    found, groups, tables = _attention_at(roadmap, ctx.cache_key(), ctx.today, ctx.lang)
    for column, (name, chosen) in zip(st.columns(len(groups)), groups.items(), strict=True):
        column.metric(t(f"roadmap.attention.{name}"), format_number(len(chosen)))
    if found.empty:
        st.caption(t("roadmap.attention.nothing"))
        return
    tabs = st.tabs(
        [
            t("roadmap.attention.tab", name=t(f"roadmap.attention.{name}"), count=len(chosen))
            for name, chosen in groups.items()
        ]
    )
    for tab, (name, chosen) in zip(tabs, groups.items(), strict=True):
        with tab:
            if chosen:
                st.dataframe(tables[name], hide_index=True, width="stretch")
            else:
                st.caption(t(f"roadmap.attention.none_{name}"))


def show_phases(ctx: PageContext, roadmap: Roadmap) -> None:
    st.markdown(f"**{t('roadmap.phases.title')}**")
    statuses = phase_status(roadmap.milestones, ctx.today, roadmap.phase_keys)
    for start in range(0, len(statuses), 3):
        for column, status in zip(st.columns(3), statuses[start : start + 3], strict=False):
            with column.container(border=True):
                st.markdown(f"**{escape(roadmap.phase_name(status.phase))}**")
                st.badge(t(f"roadmap.phase_state.{status.state}"), color=COLOURS[status.state])
                if status.total:
                    st.caption(
                        t(
                            "roadmap.phases.counts",
                            done=status.counts["done"],
                            total=status.total,
                            overdue=status.overdue,
                            blocked=status.blocked,
                        )
                    )
                    st.caption(dates_text(status.starts_on, status.ends_on))
                    if status.done_share is not None:
                        st.progress(status.done_share)
