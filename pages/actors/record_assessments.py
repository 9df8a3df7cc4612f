"""The actor's assessments: a new one (influence, interest, stance, the day and why), the history
as a table and as a small chart of influence and interest over time."""

import pandas as pd
import streamlit as st

from pages._kit.actor_filter import stance_label
from pages._kit.context import PageContext, notify
from pages._kit.outcome import run
from pages._kit.table import forget
from toolkit.domain import STANCE_KEYS, STANCE_VALUES, Assessment, quadrant
from toolkit.i18n import format_date, t
from toolkit.markdown import escape
from toolkit.record import ASSESSMENT_COLUMNS, Story, assessment_figure, assessment_rows, header, headers, quadrant_word
from toolkit.store.engagement import record_assessment
from toolkit.store.strategy import list_salience
from toolkit.strategy_views import salience_line

ROUND = "record_assess_round"  # bumped after a save: the form starts again from the current values
LEVELS = [None, 1, 2, 3, 4, 5]
DATE_FORMAT = "DD/MM/YYYY"


def show(ctx: PageContext, story: Story) -> None:
    """The salience judged last (issue 20), the form (editors), the chart and the table."""
    judged = list_salience(ctx.engine, ctx.workspace_id, story.actor.id)
    st.markdown(salience_line(judged[-1] if judged else None))
    if ctx.may_edit:
        with st.expander(t("record.assess.title"), icon=":material/balance:"):
            entry(ctx, story)
    if not story.assessments:
        st.caption(t("record.assessments.none"))
        return
    st.plotly_chart(
        assessment_figure(story.assessments, ctx.lang),
        width="stretch",
        config={"displaylogo": False},
        key="record_chart",
    )
    table = pd.DataFrame(
        assessment_rows(story.assessments, ctx.lang), columns=headers("assessments", ASSESSMENT_COLUMNS)
    )
    st.dataframe(table, hide_index=True, width="stretch")


def entry(ctx: PageContext, story: Story) -> None:
    """The new assessment, from the current values; on a save, say what was stored."""
    actor, now = story.actor, header(story, ctx.today)
    key = f"record_assess_{actor.id}_{st.session_state.get(ROUND, 0)}"
    level = lambda v: "—" if v is None else str(v)  # noqa: E731
    st.caption(t("record.assess.help"))
    with st.form(key, border=False):
        first, second, third, fourth = st.columns(4)
        influence = first.selectbox(
            t("columns.influence"), LEVELS, LEVELS.index(now.influence), format_func=level, key=f"{key}_influence"
        )
        interest = second.selectbox(
            t("columns.interest"), LEVELS, LEVELS.index(now.interest), format_func=level, key=f"{key}_interest"
        )
        stances = [None, *STANCE_VALUES]
        stance = third.selectbox(
            t("columns.stance"),
            stances,
            stances.index(STANCE_KEYS.get(now.stance)),
            format_func=lambda s: stance_label(s) or "—",
            key=f"{key}_stance",
        )
        day = fourth.date_input(t("record.assess.date"), value=ctx.today, format=DATE_FORMAT, key=f"{key}_date")
        reason = st.text_input(t("record.assess.reason"), help=t("record.assess.reason_help"), key=f"{key}_reason")
        submitted = st.form_submit_button(t("record.assess.submit"), type="primary")
    if not submitted:
        return
    assessment = Assessment(actor.id, day, influence, interest, STANCE_VALUES.get(stance), reason)
    if run(record_assessment, ctx.engine, ctx.workspace_id, assessment) is not None:
        st.session_state[ROUND] = st.session_state.get(ROUND, 0) + 1
        forget("actors")  # the register's table shows the new levels
        where = quadrant_word(quadrant(influence, interest)) or "—"
        notify("actors", t("record.assess.saved", day=format_date(day), name=escape(actor.name), quadrant=where))
