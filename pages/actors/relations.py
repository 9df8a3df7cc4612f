"""Actores, the relations: the table of who relates to whom (one save for the edits and the
deletes), narrowed to one actor, and the form to add a relation."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.outcome import run
from pages._kit.table import TableTexts, editable_table, forget
from toolkit.actors import relation_rows, relation_table_edits
from toolkit.domain import Actor, Relation
from toolkit.i18n import format_number, t
from toolkit.store.register import add_relation, save_relation_edits

TEXTS = TableTexts(save="actors.save", saved="actors.saved", conflict="relations.conflict", reload="actors.reload")
COLUMNS = ["id", "version", "delete", "source", "target", "type", "strength", "directed", "description"]


def show(ctx: PageContext, actors: list[Actor], relations: list[Relation]) -> None:
    """The relations tab: the actor to focus on, the count, the editable table, the add form."""
    names = {a.id: a.name for a in actors}
    focus = st.selectbox(
        t("relations.filter.actor"),
        [None, *names],
        key="relations_focus",
        format_func=lambda i: names.get(i, t("relations.filter.all")),
    )
    shown = [r for r in relations if focus is None or focus in (r.source, r.target)]
    count = st.empty()  # filled once the table says how many rows it holds (its snapshot may be older)
    state = editable_table(
        "relations",
        lambda: relation_rows(shown),
        columns=COLUMNS,
        column_config=relation_columns(ctx, names),
        diff=relation_table_edits,
        save=lambda edits, to_delete: save_relation_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        shown=focus,
        may_edit=ctx.may_edit,
        row_name=lambda row: " · ".join((names.get(row["source"], ""), names.get(row["target"], ""))),
        texts=TEXTS,
        notice="actors",
        column_order=COLUMNS[2:],
    )
    count.caption(t("relations.count", count=format_number(len(state.rows))))
    add_form(ctx, names)


def relation_columns(ctx: PageContext, names: dict[int, str]) -> dict:
    """How each column of the relations table is shown and edited."""
    column = st.column_config
    ends = {
        end: column.SelectboxColumn(
            t(f"columns.relation.{end}"), options=list(names), format_func=lambda i: names.get(i, ""), required=True
        )
        for end in ("source", "target")
    }
    return {
        **ends,
        "delete": column.CheckboxColumn(t("actors.table.delete"), width="small"),
        "type": column.SelectboxColumn(
            t("columns.relation.type"),
            options=ctx.keys("relation_types"),
            format_func=ctx.term_label("relation_types"),
            required=True,
        ),
        "strength": column.NumberColumn(
            t("columns.relation.strength"), min_value=1, max_value=3, step=1, required=True
        ),
        "directed": column.CheckboxColumn(t("columns.relation.directed")),
        "description": column.TextColumn(t("columns.relation.description")),
    }


def add_form(ctx: PageContext, names: dict[int, str]) -> None:
    """A new relation between two actors of the register."""
    with st.expander(t("relations.add.title"), icon=":material/add:"), st.form("relations_add_form"):
        columns = st.columns(2)
        ends = [
            place.selectbox(
                t(f"columns.relation.{end}"),
                list(names),
                format_func=lambda i: names[i],
                index=None,
                placeholder=t("common.choose"),
            )
            for place, end in zip(columns, ("source", "target"), strict=True)
        ]
        relation_type = columns[0].selectbox(
            t("columns.relation.type"), ctx.keys("relation_types"), format_func=ctx.term_label("relation_types")
        )
        strength = columns[1].slider(t("columns.relation.strength"), 1, 3, 2)
        directed = st.checkbox(t("columns.relation.directed"))
        description = st.text_input(t("columns.relation.description"))
        if st.form_submit_button(t("relations.add.submit"), type="primary"):
            relation = Relation(
                source=ends[0],
                target=ends[1],
                type=relation_type,
                strength=strength,
                directed=directed,
                description=description,
            )
            if run(add_relation, ctx.engine, ctx.workspace_id, relation) is not None:
                forget("relations")
                st.toast(t("relations.add.done"))
                st.rerun()
