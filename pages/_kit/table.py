"""An editable table whose save is one use case: the edits and the deletes of one click are stored
together or not at all, and deleting asks first."""

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from functools import partial

import pandas as pd
import streamlit as st

from pages._kit import confirm
from pages._kit.context import notify
from pages._kit.dialogs import dialog
from pages._kit.outcome import show_error
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store import StoreError


@dataclass(frozen=True)
class TableTexts:
    """Catalog keys of what the table says; a page may name its rows in its own words."""

    save: str = "kit.table.save"  # {count}
    reload: str = "kit.table.reload"
    saved: str = "kit.table.saved"  # {saved} {deleted}
    conflict: str = "errors.conflict"  # {names}
    delete_title: str = "kit.table.delete_title"
    delete_question: str = "kit.table.delete_question"  # {count}
    delete_warning: str | None = None
    delete_confirm: str = "kit.table.delete_confirm"


DEFAULT_TEXTS = TableTexts()


@dataclass
class TableState:
    """What the table holds on this rerun: the rows shown and the changes not yet saved."""

    rows: list[dict]
    edits: list = field(default_factory=list)
    to_delete: list[int] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)


def _editor_key(key: str) -> str:
    """A new widget key after a save or a reload shows the stored rows, not the old typing."""
    return f"{key}_editor_{st.session_state.get(key + '_round', 0)}"


def forget(key: str) -> None:
    """Drop the table's snapshot and typing: the next rerun shows what is stored."""
    st.session_state.pop(f"{key}_snapshot", None)
    st.session_state.pop(f"{key}_conflicts", None)
    st.session_state[key + "_round"] = st.session_state.get(key + "_round", 0) + 1


def pending(key: str) -> bool:
    """Whether the table holds typing not saved yet (a changed cell or a row marked to delete): a
    page that shows other rows (another page of them) asks first."""
    return bool(st.session_state.get(_editor_key(key), {}).get("edited_rows"))


def _snapshot(key: str, rows: Callable[[], list[dict]], shown: Hashable, revision: int) -> list[dict]:
    """The rows being edited: kept while someone types, so another person's save in between is
    caught as a conflict when saving instead of silently replacing what is on screen."""
    snapshot = st.session_state.get(f"{key}_snapshot")
    pending = st.session_state.get(_editor_key(key), {}).get("edited_rows")
    stale = snapshot is None or snapshot["shown"] != shown or (snapshot["revision"] != revision and not pending)
    if stale:
        if snapshot is not None:
            st.session_state[key + "_round"] = st.session_state.get(key + "_round", 0) + 1
        snapshot = {"shown": shown, "revision": revision, "rows": rows()}
        st.session_state[f"{key}_snapshot"] = snapshot
    return snapshot["rows"]


def _touched(key: str, edited: pd.DataFrame) -> list[dict]:
    """The rows changed in the editor, from its own record: comparing every row on every rerun
    costs a tenth of a second at 1,000 rows."""
    changed = st.session_state.get(_editor_key(key), {}).get("edited_rows") or {}
    return edited.iloc[sorted(int(i) for i in changed)].to_dict("records") if changed else []


def _save(key: str, texts: TableTexts, save: Callable, edits: list, to_delete: list[int], notice: str) -> None:
    try:
        result = save(edits, to_delete)
    except StoreError as error:
        show_error(error)
        return
    if not result.ok:
        st.session_state[f"{key}_conflicts"] = result.conflicts
        st.rerun()
    forget(key)
    notify(notice, t(texts.saved, saved=result.saved, deleted=result.deleted))


HEADER_PX_PER_CHARACTER, HEADER_ICONS_PX, SMALL_PX = 7.5, 52, 75


def in_locale(spec: dict) -> dict:
    """A number column written as the reader's locale writes numbers ("1.234,5" in Spanish): the
    grid's "localized" format (the browser's locale), unless the page chose a format of its own.

    >>> in_locale({"label": "Valor", "type_config": {"type": "number", "format": None}})
    {'label': 'Valor', 'type_config': {'type': 'number', 'format': 'localized'}}
    >>> in_locale({"label": "Costo", "type_config": {"type": "number", "format": "%d"}})["type_config"]["format"]
    '%d'
    """
    kind = spec.get("type_config") or {}
    if kind.get("type") == "number" and not kind.get("format"):
        spec = {**spec, "type_config": {**kind, "format": "localized"}}
    return spec


def number_columns(column_config: dict, table: pd.DataFrame) -> dict:
    """The page's column settings, with every column of numbers the page left unset (or named only)
    shown in the reader's locale too."""
    config = dict(column_config)
    for name in table.columns:
        spec, column = config.get(name), table[name]
        numbers = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
        if numbers and (spec is None or isinstance(spec, str)):
            config[name] = st.column_config.NumberColumn(spec, format="localized")
    return config


def readable(column_config: dict, editing: bool = False) -> dict:
    """Column settings a reader can use: a narrow column as wide as its header needs (a "small"
    column cut "Eliminar" to "Elimina…"), numbers in the reader's locale (:func:`in_locale`), and,
    where the person edits, no pinned column that can be edited (Streamlit draws a pinned column's
    text faded, as if it could not be changed).

    >>> readable({"delete": {"label": "Eliminar", "width": "small"}, "name": {"label": "Nombre", "pinned": True}}, True)
    {'delete': {'label': 'Eliminar', 'width': 112}, 'name': {'label': 'Nombre', 'pinned': False}}
    >>> readable({"ok": {"label": "Sí", "width": "small"}, "plain": "Nombre"})
    {'ok': {'label': 'Sí', 'width': 'small'}, 'plain': 'Nombre'}
    """
    shown = {}
    for name, spec in column_config.items():
        if isinstance(spec, dict):
            spec = in_locale(dict(spec))
            needed = round(HEADER_PX_PER_CHARACTER * len(str(spec.get("label") or name))) + HEADER_ICONS_PX
            width = SMALL_PX if spec.get("width") == "small" else spec.get("width")
            if isinstance(width, int) and width < needed:
                spec["width"] = needed
            if editing and spec.get("pinned") and not spec.get("disabled"):
                spec["pinned"] = False
        shown[name] = spec
    return shown


def _editor(key: str, table: pd.DataFrame, column_config: dict, editor_options: dict) -> pd.DataFrame:
    """The editor: headers a reader can use (:func:`readable`), an empty cell blank, not "None"."""
    options = {"placeholder": "", **editor_options}
    config = readable(number_columns(column_config, table), True)
    return st.data_editor(table, key=_editor_key(key), hide_index=True, column_config=config, **options)


def editable_table(
    key: str,
    rows: Callable[[], list[dict]],
    *,
    columns: list[str],
    column_config: dict,
    diff: Callable[[list[dict], list[dict]], tuple[list, list[int]]],
    save: Callable[[list, list[int]], object],
    revision: int,
    shown: Hashable = None,
    may_edit: bool = True,
    row_name: Callable[[dict], str] = lambda row: str(row.get("name") or row.get("title") or ""),
    texts: TableTexts = DEFAULT_TEXTS,
    notice: str | None = None,
    dtypes: dict[str, str] | None = None,
    question: Callable[[list, list[int]], str | None] | None = None,  # asked before saving (markdown) or None
    **editor_options,
) -> TableState:
    """Draw the table of ``rows()`` and its save and reload buttons; return what it holds.

    ``diff(before, touched)`` turns the changed rows into ``(edits, ids to delete)``; ``save(edits,
    to_delete)`` is the one use case that stores both in one transaction and returns a ``SaveResult``.
    ``shown`` names what the rows are (a filter, a consultation): when it changes the table starts
    afresh. A person who may not edit sees the rows read-only. After a save the page reruns and says
    what was saved under ``notice`` (the page's notice prefix, see :func:`context.show_notice`).
    ``dtypes`` (pandas types by column, such as ``"Int64"``) keep a column's type on a page of rows
    where it is empty in every row (pandas would otherwise type it as nothing at all).
    """
    before = _snapshot(key, rows, shown, revision)
    table = pd.DataFrame(before, columns=columns)
    if dtypes:
        table = table.astype(dtypes)
    if not may_edit:
        order = [c for c in editor_options.get("column_order", columns) if c != "delete"]
        config = {name: spec for name, spec in column_config.items() if name != "delete"}
        config = readable(number_columns(config, table))
        st.dataframe(table, hide_index=True, column_order=order, column_config=config, placeholder="")
        return TableState(before)
    buttons = st.columns([2, 2, 6])  # above the table: seen without scrolling past a page of rows
    edited = _editor(key, table, column_config, editor_options)
    edits, to_delete = diff(before, _touched(key, edited))
    state = TableState(before, edits, to_delete, st.session_state.get(f"{key}_conflicts", []))
    notice = notice or key

    confirming = f"{key}_confirming"

    def stop_confirming() -> None:
        st.session_state.pop(confirming, None)

    # the question stays open across reruns until answered (in a browser the dialog's own buttons
    # rerun only the dialog; closing it with its cross or Escape is an answer too)
    @dialog(t(texts.delete_title), on_dismiss=stop_confirming)
    def confirm_delete() -> None:
        st.write(t(texts.delete_question, count=len(to_delete)))
        names = {row["id"]: row_name(row) for row in before}
        st.dataframe(pd.DataFrame({t("kit.table.row"): [names.get(i, "") for i in to_delete]}), hide_index=True)
        if texts.delete_warning:
            st.warning(t(texts.delete_warning))
        answer = st.columns(2)
        if answer[0].button(t(texts.delete_confirm), type="primary", key=f"{key}_delete_confirm"):
            stop_confirming()
            _save(key, texts, save, edits, to_delete, notice)
        if answer[1].button(t("kit.table.cancel"), key=f"{key}_delete_cancel"):
            stop_confirming()
            st.rerun()

    count = len(edits) + len(to_delete)
    save_now, then = partial(_save, key, texts, save, edits, to_delete, notice), confirming if to_delete else None
    if buttons[0].button(t(texts.save, count=count), type="primary", disabled=not count, key=f"{key}_save"):
        confirm.save_or_ask(key, question(edits, to_delete) if question else None, then, save_now)
    if st.session_state.get(confirming) and to_delete:
        confirm_delete()
    confirm.ask_before_saving(key, save_now, then)  # the page's question, if it asked one
    if buttons[1].button(t(texts.reload), key=f"{key}_reload"):
        forget(key)
        stop_confirming()
        st.rerun()
    if state.conflicts:
        st.error(t(texts.conflict, names=escape(", ".join(state.conflicts))))
    return state
