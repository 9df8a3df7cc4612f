"""Choosing actors out of the whole register (issue 17): a multiselect of 20,000 names is too long
for a person and for the page, so past ``LISTED`` candidates a search box narrows the list and a
caption says how many are not listed. What was chosen stays chosen while the search changes."""

from collections.abc import Callable, Collection

import streamlit as st

from pages._kit.register import Register
from toolkit.i18n import t
from toolkit.name_search import name_matches

LISTED = 50  # the names a list offers at once
WHOLE = 500  # a list that cannot search (inside a form, a table's column) offers the whole register up to this size


def pick_actors(
    key: str,
    label: str,
    register: Register,
    *,
    among: Collection[int] | None = None,
    leave_out: Collection[int] = (),
    format_func: Callable[[int], str] | None = None,
    disabled: bool = False,
    listed: int = LISTED,
    search_label: str | None = None,
) -> list[int]:
    """A multiselect (widget key ``key``) of the actors in ``among`` (a set; every actor when None)
    less ``leave_out``, by name; with more than ``listed``, a search box (``{key}_search``, labelled
    ``search_label`` when the place needs its own words) above it."""
    pool = len(register.names) if among is None else len(among)
    query = ""
    if pool - len(leave_out) > listed:
        query = st.text_input(
            search_label or t("lists.search"), key=f"{key}_search", help=t("lists.search_help"), disabled=disabled
        )
    order = register.order
    if among is not None and len(among) < len(order) // 8:  # a few: put them in order rather than walk everyone
        order = sorted((i for i in among if i in register.position), key=register.position.__getitem__)
    found, total = name_matches(register.search_keys, order, query, limit=listed, among=among, leave_out=leave_out)
    chosen = [i for i in st.session_state.get(key, []) if i in register.names]
    chosen = st.multiselect(
        label,
        list(dict.fromkeys([*chosen, *found])),  # the chosen first, so a new search never drops them
        format_func=format_func or (lambda i: register.names.get(i, "")),
        key=key,
        placeholder=t("common.choose"),
        disabled=disabled,
    )
    if query.strip() and not total:
        st.caption(t("lists.none"))
    elif total > len(found):
        st.caption(t("lists.more", count=total - len(found), shown=len(found)))
    return chosen
