"""Objectives of the strategy (a table, a new one) and each actor's position on each (a grid)."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.outcome import run
from pages._kit.table import editable_table
from pages.strategy.data import Strategy
from toolkit.consultations import row_edits
from toolkit.i18n import t
from toolkit.store.strategy import add_objective, save_objective_edits, save_position_edits
from toolkit.strategy import Objective, grid_edits, grid_rows

EDITABLE = ("title", "phase", "position")


def new_objective(ctx: PageContext) -> None:
    with st.form("strategy_new_objective"):
        title = st.text_input(t("strategy.objectives.new_title"), max_chars=300)
        phase = st.selectbox(
            t("strategy.objectives.phase"),
            ctx.keys("phases"),
            index=None,
            format_func=ctx.term_label("phases"),
            placeholder=t("common.choose"),
        )
        added = st.form_submit_button(t("strategy.objectives.add"), type="primary")
        if added and run(add_objective, ctx.engine, ctx.workspace_id, Objective(title, phase)) is not None:
            notify("strategy", t("strategy.objectives.added", title=" ".join(title.split())))


def objectives_table(ctx: PageContext, strategy: Strategy) -> None:
    phases = ctx.keys("phases")
    editable_table(
        "strategy_objectives",
        lambda: [
            {
                "id": o.id,
                "version": o.version,
                "delete": False,
                "title": o.title,
                "phase": o.phase,
                "position": o.position,
            }
            for o in strategy.objectives
        ],
        columns=["id", "version", "delete", *EDITABLE],
        column_config={
            "delete": st.column_config.CheckboxColumn(t("strategy.objectives.delete"), width="small"),
            "title": st.column_config.TextColumn(t("strategy.results.objective"), required=True, width="large"),
            "phase": st.column_config.SelectboxColumn(
                t("strategy.objectives.phase"), options=phases, format_func=ctx.term_label("phases")
            ),
            "position": st.column_config.NumberColumn(t("strategy.objectives.order"), step=1, width="small"),
        },
        diff=lambda before, touched: row_edits(before, touched, EDITABLE, "delete"),
        save=lambda edits, to_delete: save_objective_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        may_edit=ctx.may_edit,
        notice="strategy",
        column_order=["delete", *EDITABLE],
    )


def positions_grid(ctx: PageContext, strategy: Strategy) -> None:
    st.subheader(t("strategy.objectives.positions_title"))
    st.caption(t("strategy.objectives.positions_intro"))
    only = st.toggle(t("strategy.objectives.only_with_position"), value=bool(strategy.positions), key="strategy_only")
    placed = {a for a, _ in strategy.positions}
    shown = [(a.id, a.name) for a in strategy.actors if not only or a.id in placed]
    ids = [o.id for o in strategy.objectives]
    editable_table(
        "strategy_positions",
        lambda: grid_rows(shown, ids, strategy.positions, "o"),
        columns=["id", "version", "name", *(f"o{i}" for i in ids)],
        column_config={
            "name": st.column_config.TextColumn(t("strategy.results.name"), disabled=True, pinned=True),
            **{
                f"o{o.id}": st.column_config.NumberColumn(o.title, min_value=-3, max_value=3, step=1, width="small")
                for o in strategy.objectives
            },
        },
        diff=lambda before, touched: grid_edits(before, touched, "o"),
        save=lambda edits, to_delete: save_position_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        shown=(only, tuple(ids)),
        may_edit=ctx.may_edit,
        notice="strategy",
        column_order=["name", *(f"o{i}" for i in ids)],
    )


def show(ctx: PageContext, strategy: Strategy) -> None:
    """Draw the objectives and positions tab."""
    st.subheader(t("strategy.objectives.title"))
    st.caption(t("strategy.objectives.intro"))
    if ctx.may_edit:
        new_objective(ctx)
    if not strategy.objectives:
        st.info(t("strategy.objectives.none"))
        return
    objectives_table(ctx, strategy)
    positions_grid(ctx, strategy)
