"""Salience: each actor's power, legitimacy and urgency (dated judgements), its class, a filter
by class, and a form to judge an actor."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.numbers import show_table
from pages._kit.outcome import run
from pages.strategy.data import Strategy
from toolkit.i18n import t
from toolkit.salience import ATTRIBUTES, CLASSES
from toolkit.store.strategy import record_salience
from toolkit.strategy import SalienceJudgement
from toolkit.strategy_views import salience_label, salience_of, salience_rows


def judge_form(ctx: PageContext, strategy: Strategy) -> None:
    names = strategy.names
    with st.form("strategy_salience_form"):
        st.markdown(f"**{t('strategy.salience.new')}**")
        actor = st.selectbox(
            t("strategy.salience.actor"), list(names), index=None, format_func=names.get, placeholder=t("common.choose")
        )
        columns = st.columns(3)
        levels = {
            name: column.slider(t(f"strategy.salience.{name}"), 1, 5, 3, key=f"strategy_salience_{name}")
            for column, name in zip(columns, ATTRIBUTES, strict=True)
        }
        day = st.date_input(t("strategy.salience.assessed_on"), value=ctx.today, format="DD/MM/YYYY")
        reason = st.text_input(t("strategy.salience.reason"), max_chars=500)
        if st.form_submit_button(t("strategy.salience.record"), type="primary") and actor is not None:
            judgement = SalienceJudgement(actor, day, reason=reason, **levels)
            if run(record_salience, ctx.engine, ctx.workspace_id, judgement) is not None:
                notify("strategy", t("strategy.salience.recorded", name=names[actor]))


def show(ctx: PageContext, strategy: Strategy) -> None:
    """Draw the salience tab."""
    st.subheader(t("strategy.salience.title"))
    st.caption(t("strategy.salience.intro"))
    classes = salience_of(strategy.actors, strategy.salience)
    st.caption(t("strategy.salience.judged", count=len(strategy.salience), total=len(strategy.actors)))
    wanted = st.multiselect(
        t("strategy.salience.filter"),
        [*CLASSES, None],
        format_func=salience_label,
        placeholder=t("common.choose"),
        key="strategy_salience_filter",
    )
    shown = [a for a in strategy.actors if not wanted or classes[a.id] in wanted]
    rows = salience_rows(shown, strategy.salience, salience_label)
    show_table(
        pd.DataFrame(rows, columns=["name", *ATTRIBUTES, "class", "assessed_on"]),
        hide_index=True,
        column_config={
            "name": st.column_config.TextColumn(t("strategy.salience.actor"), pinned=True),
            **{name: st.column_config.NumberColumn(t(f"strategy.salience.{name}")) for name in ATTRIBUTES},
            "class": st.column_config.TextColumn(t("strategy.salience.class")),
            "assessed_on": st.column_config.DateColumn(t("strategy.salience.assessed_on"), format="DD/MM/YYYY"),
        },
    )
    if ctx.may_edit:
        judge_form(ctx, strategy)
