"""Actores, the register: search, filter and sort in the store, one page of rows in the editor (edit
in place, one save for the edits and the deletes), page controls, add an actor."""

from dataclasses import dataclass, replace

import streamlit as st

from pages._kit.actor_filter import actor_filter, actor_total, stance_label, theme_options
from pages._kit.context import PageContext
from pages._kit.outcome import run
from pages._kit.table import TableTexts, editable_table, forget, pending
from pages.actors import quality_link
from toolkit.actor_filter import ActorFilter
from toolkit.actors import TABLE_COLUMNS, actor_rows, table_edits
from toolkit.domain import DIMENSIONS, KINDS, QUADRANTS, STANCE_VALUES, Actor
from toolkit.i18n import format_number, t
from toolkit.markdown import escape
from toolkit.paging import DEFAULT_PAGE_SIZE, PAGE_SIZES, Window, page_start
from toolkit.store.register import (
    ACTOR_SORTS,
    actors_by_ids,
    add_actor,
    list_actors_page,
    matching_actor_ids,
    save_actor_edits,
    searches,
)

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
# a page whose actors all lack a level or a sector keeps those columns' types (numbers, keys)
DTYPES = {
    "influence": "Int64",
    "interest": "Int64",
    **dict.fromkeys(("sector", "scale", "stance", "quadrant"), "string"),
}
TEXT_COLUMNS = ("acronym", "country", "city", "contact_name", "contact_role", "email", "phone", "notes")


@dataclass(frozen=True)
class View:
    """Which rows the table shows: the filter, the order and the page."""

    wanted: str  # repr of the ActorFilter
    sort: str
    size: int
    offset: int


def show(ctx: PageContext) -> None:
    """The register tab: filters and order, the add form, one page of the editable table, the pager."""
    themes = theme_options(ctx)
    wanted = replace(
        actor_filter("actors", ctx, themes, search=True, salience=True), missing=quality_link.linked_missing()
    )
    quality_link.chip(wanted.missing)  # opened from Inicio's "Calidad de los datos"
    top = st.columns([6, 3, 2], vertical_alignment="bottom")
    sort = top[1].selectbox(
        t("register.sort"), list(ACTOR_SORTS), key="actors_sort", format_func=lambda s: t(f"register.sorts.{s}")
    )
    size = top[2].selectbox(
        t("register.page_size"), PAGE_SIZES, index=PAGE_SIZES.index(DEFAULT_PAGE_SIZE), key="actors_page_size"
    )
    view = _view(wanted, sort, size)
    with top[0]:
        add_form(ctx)
    actors, window = _page(ctx, view, wanted)
    editable_table(
        "actors",
        lambda: actor_rows(actors),
        columns=list(TABLE_COLUMNS),
        column_config=actor_columns(ctx, themes),
        diff=table_edits,
        save=lambda edits, to_delete: save_actor_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        shown=repr(view),
        may_edit=ctx.may_edit,
        texts=TEXTS,
        notice="actors",
        dtypes=DTYPES,
        height=520,
        column_order=COLUMN_ORDER,
        disabled=["quadrant"],
    )
    top[0].caption(t("actors.count", shown=format_number(window.total), total=format_number(actor_total(ctx))))
    _pager(window)


def _view(wanted: ActorFilter, sort: str, size: int) -> View:
    """The rows asked for; while the table holds unsaved changes the rows on screen stay, and the
    person is asked to save or discard them first (the table's edits key on the rows shown)."""
    shown: View | None = st.session_state.get("actors_view")
    asked = View(repr(wanted), sort, size, st.session_state.get("actors_offset", 0))
    if shown is not None and (shown.wanted, shown.sort, shown.size) != (asked.wanted, sort, size):
        asked = View(repr(wanted), sort, size, 0)  # another filter or order starts at its first page
    if shown is not None and asked != shown and pending("actors"):
        with st.container(border=True):
            st.warning(t("register.held"), icon=":material/edit_note:")
            st.button(t("register.discard"), key="actors_discard", on_click=forget, args=("actors",))
        return shown
    st.session_state["actors_view"] = asked
    st.session_state["actors_offset"] = asked.offset
    return asked


def _page(ctx: PageContext, view: View, wanted: ActorFilter) -> tuple[list[Actor], Window]:
    """The actors of the page shown, read once per revision and view in this session."""
    memo = st.session_state.get("actors_listing")
    if memo is None or memo["key"] != (ctx.cache_key(), view):
        if view.wanted != repr(wanted):  # rows held for unsaved changes: the filter they were read with
            wanted = st.session_state["actors_listing_filter"]
        actors, total = _read(ctx, wanted, view)
        start = page_start(view.offset, view.size, total)
        if start != view.offset:  # the page is gone (rows deleted): the last one there is
            view = View(view.wanted, view.sort, view.size, start)
            st.session_state["actors_view"], st.session_state["actors_offset"] = view, start
            actors, total = _read(ctx, wanted, view)
        memo = {"key": (ctx.cache_key(), view), "actors": actors, "total": total}
        st.session_state["actors_listing"], st.session_state["actors_listing_filter"] = memo, wanted
    return memo["actors"], Window(view.offset, view.size, memo["total"])


@st.cache_data(max_entries=64, show_spinner=False)
def _matching_at(_engine, cache_key: tuple, shown: str, sort: str, _wanted: ActorFilter) -> list[int]:
    """The ids a search keeps as of one revision: ids only, so one copy serves every session
    searching the same words (a search reads every actor's texts; a page, 100 rows by id)."""
    return matching_actor_ids(_engine, cache_key[1], _wanted, sort)


def _read(ctx: PageContext, wanted: ActorFilter, view: View) -> tuple[list[Actor], int]:
    if not searches(wanted):  # the database filters, counts and cuts the page
        return list_actors_page(ctx.engine, ctx.workspace_id, wanted, view.sort, view.offset, view.size)
    ids = _matching_at(ctx.engine, ctx.cache_key(), repr(wanted), view.sort, wanted)
    return actors_by_ids(ctx.engine, ctx.workspace_id, ids[view.offset : view.offset + view.size]), len(ids)


def _pager(window: Window) -> None:
    """Previous and next page, and which rows these are."""
    if window.total <= window.size and not window.offset:
        return
    places = st.columns([2, 5, 2], vertical_alignment="center")

    def go(offset: int | None) -> None:
        st.session_state["actors_offset"] = offset

    places[0].button(
        t("register.previous"),
        key="actors_previous",
        icon=":material/chevron_left:",
        disabled=window.previous is None,
        on_click=go,
        args=(window.previous,),
        width="stretch",
    )
    places[1].caption(
        t(
            "register.rows",
            first=format_number(window.first),
            last=format_number(window.last),
            total=format_number(window.total),
            page=format_number(window.page),
            pages=format_number(window.pages),
        )
    )
    places[2].button(
        t("register.next"),
        key="actors_next",
        icon=":material/chevron_right:",
        disabled=window.next is None,
        on_click=go,
        args=(window.next,),
        width="stretch",
    )


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
