"""The direct-influence matrix (0..4), proposed from the map's relations and the register's
influence, then corrected by hand."""

import streamlit as st

from pages._kit.confirm import ask, hold
from pages._kit.context import PageContext, notify
from pages._kit.outcome import run
from pages._kit.table import editable_table
from pages.strategy.data import Strategy
from toolkit.i18n import t
from toolkit.mactor import propose_influences
from toolkit.store.strategy import replace_influences, save_influence_edits
from toolkit.strategy import grid_edits, grid_rows
from toolkit.strategy_views import map_ties, matrix_actors

PENDING = "strategy_proposal"


def take_proposal(ctx: PageContext, proposal: dict) -> None:
    if run(replace_influences, ctx.engine, ctx.workspace_id, proposal) is not None:
        notify("strategy", t("strategy.influences.proposed", count=len(proposal)))


def proposal_button(ctx: PageContext, strategy: Strategy, chosen: list[int]) -> None:
    st.caption(t("strategy.influences.propose_help"))
    if st.button(t("strategy.influences.propose"), key="strategy_propose", icon=":material/hub:"):
        proposal = propose_influences(
            chosen, {a.id: a.influence for a in strategy.actors}, map_ties(strategy.relations)
        )
        if strategy.influences:
            hold(PENDING, proposal)
        else:
            take_proposal(ctx, proposal)
    ask(
        PENDING,
        t("strategy.influences.confirm_title"),
        t("strategy.influences.confirm_question", count=len(strategy.influences)),
        t("strategy.influences.confirm"),
        t("strategy.influences.cancel"),
        lambda proposal: take_proposal(ctx, proposal),
    )


def show(ctx: PageContext, strategy: Strategy) -> None:
    """Draw the influence tab."""
    st.subheader(t("strategy.influences.title"))
    st.caption(t("strategy.influences.intro"))
    names = strategy.names
    chosen = st.multiselect(
        t("strategy.influences.choose_actors"),
        list(names),
        default=matrix_actors(strategy.actors, strategy.positions, strategy.influences),
        format_func=lambda i: names.get(i, ""),
        help=t("strategy.influences.choose_help"),
        placeholder=t("common.choose"),
        key="strategy_matrix_actors",
    )
    if ctx.may_edit:
        proposal_button(ctx, strategy, chosen)
    if not chosen:
        return
    editable_table(
        "strategy_influences",
        lambda: grid_rows([(a, names[a]) for a in chosen], chosen, strategy.influences, "a"),
        columns=["id", "version", "name", *(f"a{i}" for i in chosen)],
        column_config={
            "name": st.column_config.TextColumn(t("strategy.results.name"), disabled=True, pinned=True),
            **{
                f"a{a}": st.column_config.NumberColumn(names[a], min_value=0, max_value=4, step=1, width="small")
                for a in chosen
            },
        },
        diff=lambda before, touched: grid_edits(before, touched, "a"),
        save=lambda edits, to_delete: save_influence_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        shown=tuple(chosen),
        may_edit=ctx.may_edit,
        notice="strategy",
        column_order=["name", *(f"a{i}" for i in chosen)],
    )
