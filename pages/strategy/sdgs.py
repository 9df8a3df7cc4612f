"""The SDGs: what is tagged with each goal, the view by goal (who works on it, what was consulted
and campaigned on, which indicators measure it), and tagging an item."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.outcome import run
from pages.strategy.data import Strategy, items
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.sdg import COLOURS, ENTITIES
from toolkit.store.strategy import set_sdg_tags
from toolkit.strategy_views import by_goal, goal_counts, goal_label, goals_figure


def tag_form(ctx: PageContext, strategy: Strategy, found: dict[str, dict[int, str]]) -> None:
    st.subheader(t("strategy.sdg.tag_title"))
    entity = st.selectbox(
        t("strategy.sdg.entity"), ENTITIES, format_func=lambda e: t(f"strategy.entities.{e}"), key="strategy_sdg_entity"
    )
    names = found[entity]
    item = st.selectbox(
        t("strategy.sdg.item"),
        list(names),
        index=None,
        format_func=lambda i: names.get(i, ""),
        placeholder=t("common.choose"),
        key=f"strategy_sdg_item_{entity}",
    )
    if item is None:
        return
    goals = st.multiselect(
        t("strategy.sdg.goals"),
        list(COLOURS),
        default=strategy.tags.get((entity, item), []),
        format_func=goal_label,
        placeholder=t("common.choose"),
        key=f"strategy_sdg_goals_{entity}_{item}",
    )
    saved = st.button(t("strategy.sdg.save"), type="primary", key="strategy_sdg_save")
    if saved and run(set_sdg_tags, ctx.engine, ctx.workspace_id, entity, item, goals) is not None:
        notify("strategy", t("strategy.sdg.saved", name=names[item]))


def show(ctx: PageContext, strategy: Strategy) -> None:
    """Draw the SDG tab."""
    st.subheader(t("strategy.sdg.title"))
    st.caption(t("strategy.sdg.intro"))
    found = items(ctx, strategy)
    counts = goal_counts(strategy.tags)
    if any(counts.values()):
        st.markdown(f"**{t('strategy.sdg.summary')}**")
        st.plotly_chart(goals_figure(counts), key="strategy_goals")
    busiest = max(COLOURS, key=lambda g: (counts.get(g, 0), -g))  # the goal most worked on first
    goal = st.selectbox(
        t("strategy.sdg.choose"),
        list(COLOURS),
        index=list(COLOURS).index(busiest),
        format_func=goal_label,
        key="strategy_goal",
    )
    working = by_goal(found, strategy.tags, goal)
    if not working:
        st.info(t("strategy.sdg.nobody"))
    for entity, names in working.items():
        st.markdown(f"**{t(f'strategy.entities.{entity}')}** ({len(names)}): " + escape(", ".join(names)))
    if ctx.may_edit:
        tag_form(ctx, strategy, found)
