"""Actores, the register: search and filter, edit in place (one save for the edits and the deletes),
add an actor."""

import streamlit as st

from pages._kit.actor_filter import actor_filter, stance_label
from pages._kit.context import PageContext
from pages._kit.outcome import run
from pages._kit.table import TableTexts, editable_table, forget
from toolkit.actors import TABLE_COLUMNS, actor_rows, all_themes, filter_actors, table_edits
from toolkit.domain import DIMENSIONS, KINDS, QUADRANTS, STANCE_VALUES, Actor
from toolkit.i18n import format_number, t
from toolkit.markdown import escape
from toolkit.store.register import add_actor, save_actor_edits

TEXTS = TableTexts(
    save="actors.save",
    saved="actors.saved",
    conflict="actors.conflict",
    reload="actors.reload",
    delete_title="actors.delete.title",
    delete_question="actors.delete.question",
    delete_warning="actors.delete.warning",
    delete_confirm="actors.delete.confirm",
)
COLUMN_ORDER = [c for c in TABLE_COLUMNS if c not in ("id", "version")]
TEXT_COLUMNS = ("acronym", "country", "city", "contact_name", "contact_role", "email", "phone", "notes")


def show(ctx: PageContext, actors: list[Actor]) -> None:
    """The register tab: filters, the count, the add form and the editable table."""
    themes = all_themes(actors)
    wanted = actor_filter("actors", ctx, themes, search=True)
    shown = filter_actors(actors, wanted)
    count = st.empty()  # filled once the table says how many rows it holds (its snapshot may be older)
    add_form(ctx)
    state = editable_table(
        "actors",
        lambda: actor_rows(shown),
        columns=list(TABLE_COLUMNS),
        column_config=actor_columns(ctx, themes),
        diff=table_edits,
        save=lambda edits, to_delete: save_actor_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        shown=repr(wanted),
        may_edit=ctx.may_edit,
        texts=TEXTS,
        notice="actors",
        height=520,
        column_order=COLUMN_ORDER,
        disabled=["quadrant"],
    )
    count.caption(t("actors.count", shown=format_number(len(state.rows)), total=format_number(len(actors))))


def add_form(ctx: PageContext) -> None:
    """A new actor by name, acronym, sector and scale; the rest is typed in the table."""
    with (
        st.popover(t("actors.add.button"), icon=":material/add:"),
        st.form("actors_add_form", clear_on_submit=True),
    ):
        name = st.text_input(t("columns.name"))
        acronym = st.text_input(t("columns.acronym"))
        sector = st.selectbox(
            t("columns.sector"), [None, *ctx.keys("sectors")], format_func=lambda k: ctx.term_label("sectors")(k) or "—"
        )
        scale = st.selectbox(
            t("columns.scale"), [None, *ctx.keys("scales")], format_func=lambda k: ctx.term_label("scales")(k) or "—"
        )
        if st.form_submit_button(t("actors.add.submit"), type="primary"):
            actor = Actor(name=name, acronym=acronym, sector=sector, scale=scale)
            if run(add_actor, ctx.engine, ctx.workspace_id, actor) is not None:
                forget("actors")
                st.toast(t("actors.add.done", name=escape(name)))
                st.rerun()


def actor_columns(ctx: PageContext, themes: list[str]) -> dict:
    """How each column of the register is shown and edited."""
    column = st.column_config
    text = {name: column.TextColumn(t(f"columns.{name}")) for name in TEXT_COLUMNS}
    return {
        **text,
        "delete": column.CheckboxColumn(t("actors.table.delete"), width="small"),
        "name": column.TextColumn(t("columns.name"), required=True, pinned=True),
        "kind": column.SelectboxColumn(
            t("columns.kind"), options=list(KINDS), format_func=lambda k: t(f"vocab.kinds.{k}"), required=True
        ),
        "sector": column.SelectboxColumn(
            t("columns.sector"), options=ctx.keys("sectors"), format_func=ctx.term_label("sectors")
        ),
        "scale": column.SelectboxColumn(
            t("columns.scale"), options=ctx.keys("scales"), format_func=ctx.term_label("scales")
        ),
        "stance": column.SelectboxColumn(t("columns.stance"), options=list(STANCE_VALUES), format_func=stance_label),
        "influence": column.NumberColumn(t("columns.influence"), min_value=1, max_value=5, step=1),
        "interest": column.NumberColumn(t("columns.interest"), min_value=1, max_value=5, step=1),
        "quadrant": column.SelectboxColumn(
            t("columns.quadrant"), options=list(QUADRANTS), format_func=lambda q: t(f"quadrants.{q}")
        ),
        "themes": column.MultiselectColumn(t("columns.themes"), options=themes, accept_new_options=True),
        "dimensions": column.MultiselectColumn(
            t("columns.dimensions"), options=list(DIMENSIONS), format_func=lambda d: t(f"vocab.dimensions.{d}")
        ),
        "consent": column.SelectboxColumn(
            t("columns.consent"),
            options=["yes", "no", "unknown"],
            format_func=lambda c: t(f"vocab.consent.{c}"),
            required=True,
        ),
    }
