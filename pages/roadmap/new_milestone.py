"""A new milestone: the form in its expander (open when the roadmap has none yet)."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.forms import empty_after_save
from pages._kit.outcome import run
from pages.roadmap.data import DATE_FORMAT, Roadmap
from toolkit.domain import MILESTONE_STATUSES, Milestone
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.roadmap import add_milestone

FIELDS = ("title", "phase", "owner", "status", "start", "due", "consultation", "campaign", "description")


def show(ctx: PageContext, roadmap: Roadmap) -> None:
    """The form; on its button the milestone is added, or the store's refusal is said."""
    with st.expander(t("roadmap.new.title"), expanded=not roadmap.milestones, icon=":material/add:"):
        st.caption(t("roadmap.new.help"))
        with st.form("roadmap_new_form", border=False):
            milestone = milestone_fields(roadmap)
            added = st.form_submit_button(t("roadmap.new.add"), type="primary")
            if added and run(add_milestone, ctx.engine, ctx.workspace_id, milestone) is not None:
                empty_after_save(*(f"roadmap_new_{name}" for name in FIELDS))
                notify("roadmap", t("roadmap.new.done", title=escape(" ".join(milestone.title.split()))))


def milestone_fields(roadmap: Roadmap) -> Milestone:
    """The form's fields, read as the milestone they describe."""
    title = st.text_input(t("roadmap.columns.title"), key="roadmap_new_title")
    columns = st.columns(3)
    phase = columns[0].selectbox(
        t("roadmap.columns.phase"),
        roadmap.phase_keys,
        index=None,
        format_func=roadmap.phase_name,
        key="roadmap_new_phase",
        placeholder=t("common.choose"),
    )
    owner = columns[1].text_input(t("roadmap.columns.owner"), key="roadmap_new_owner")
    status = columns[2].selectbox(
        t("roadmap.columns.status"),
        MILESTONE_STATUSES,
        key="roadmap_new_status",
        format_func=lambda s: t(f"vocab.milestone_statuses.{s}"),
    )
    columns = st.columns(2)
    starts_on = columns[0].date_input(
        t("roadmap.columns.starts_on"),
        value=None,
        format=DATE_FORMAT,
        key="roadmap_new_start",
        help=t("roadmap.new.start_help"),
    )
    due_on = columns[1].date_input(t("roadmap.columns.due_on"), value=None, format=DATE_FORMAT, key="roadmap_new_due")
    columns = st.columns(2)
    consultations, campaigns = roadmap.consultation_titles, roadmap.campaign_titles
    consultation_id = columns[0].selectbox(
        t("roadmap.columns.consultation"),
        list(consultations),
        index=None,
        format_func=consultations.get,
        key="roadmap_new_consultation",
        placeholder=t("roadmap.new.no_link"),
    )
    campaign_id = columns[1].selectbox(
        t("roadmap.columns.campaign"),
        list(campaigns),
        index=None,
        format_func=campaigns.get,
        key="roadmap_new_campaign",
        placeholder=t("roadmap.new.no_link"),
    )
    description = st.text_area(t("roadmap.columns.description"), key="roadmap_new_description", height=68)
    return Milestone(
        title=title,
        phase=phase,
        owner=owner,
        status=status,
        starts_on=starts_on,
        due_on=due_on,
        consultation_id=consultation_id,
        campaign_id=campaign_id,
        description=description,
    )
