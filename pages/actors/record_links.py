"""What ties the actor to the rest of the workspace: its relations (with their dates), the
consultations it was invited to and what it said there, the audiences that include it and the
campaigns that reach them, and the audit of its changes."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages.actors.record_data import audit_of
from toolkit.i18n import t
from toolkit.record import (
    CONSULTATION_COLUMNS,
    CONTRIBUTION_COLUMNS,
    REACH_COLUMNS,
    TIE_COLUMNS,
    Story,
    consultation_rows,
    contribution_rows,
    headers,
    reach_rows,
    tie_rows,
)

AUDIT_COLUMNS = ("when", "who", "what", "changes")


def _table(rows: list[list[object]], columns: list[str]) -> None:
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")


def ties(ctx: PageContext, story: Story) -> None:
    rows = tie_rows(story, ctx.custom, ctx.lang)
    if rows:
        _table(rows, headers("ties", TIE_COLUMNS))
    else:
        st.caption(t("record.ties.none"))


def consultations(ctx: PageContext, story: Story) -> None:
    rows = consultation_rows(story, ctx.lang)
    if not rows:
        st.caption(t("record.consultations.none"))
        return
    _table(rows, headers("consultations", CONSULTATION_COLUMNS))
    said = contribution_rows(story, ctx.lang)
    if said:
        st.markdown(f"**{t('record.consultations.contributions', count=len(said))}**")
        _table(said, headers("contributions", CONTRIBUTION_COLUMNS))


def reach(ctx: PageContext, story: Story) -> None:
    rows = reach_rows(story, ctx.lang)
    if rows:
        _table(rows, headers("reach", REACH_COLUMNS))
    else:
        st.caption(t("record.reach.none"))


def audit(ctx: PageContext, story: Story) -> None:
    """The trail's entries about the actor, worded as on Actividad (contact data shown only as changed)."""
    rows = audit_of(ctx, story)
    if not rows:
        st.caption(t("record.audit.none"))
        return
    st.caption(t("record.audit.help"))
    _table(rows, [t(f"activity.column_{name}") for name in AUDIT_COLUMNS])
