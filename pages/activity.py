"""Actividad: who changed what in the workspace, in plain words; and the bin, to restore what was
deleted in the last 30 days."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify, page_context, show_notice
from pages._kit.dialogs import dialog
from pages._kit.files import download_button
from pages._kit.outcome import run
from toolkit.activity import describe, feed_csv, feed_rows, import_ids, undoable, when
from toolkit.i18n import format_date, t
from toolkit.markdown import escape
from toolkit.store.bin import empty_bin, list_bin, restore
from toolkit.store.trail import activity, activity_count
from toolkit.store.undo import undo_import, undone_imports

UNDO_SHOWN = 10  # imports offered to undo at once, newest first
UNDOING = "activity_undoing"  # the import whose undo is being asked about


def feed_tab(ctx: PageContext) -> None:
    st.caption(t("activity.intro"))
    shown = st.session_state.setdefault(f"activity_shown_{ctx.workspace_id}", 100)
    entries = activity(ctx.engine, ctx.workspace_id, limit=shown)
    total = activity_count(ctx.engine, ctx.workspace_id)
    if not entries:
        st.info(t("activity.empty"))
        return
    columns = [t(f"activity.column_{name}") for name in ("when", "who", "what", "changes")]
    table = pd.DataFrame(feed_rows(entries), columns=columns).drop(columns=columns[1])  # the sentence says who
    widths = dict(zip(table.columns, (140, "large", "large"), strict=True))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={name: st.column_config.TextColumn(name, width=size) for name, size in widths.items()},
    )
    st.caption(t("activity.shown", shown=len(entries), total=total))
    more, download = st.columns(2)
    if total > len(entries) and more.button(t("activity.more"), key="activity_more"):
        st.session_state[f"activity_shown_{ctx.workspace_id}"] = shown + 200
        st.rerun()
    with download:
        download_button(
            t("activity.download"),
            lambda: feed_csv(activity(ctx.engine, ctx.workspace_id, limit=total)),
            "actividad.csv",
            key="activity_download",
        )
    if ctx.may_edit:
        undo_section(ctx, entries)


def undo_section(ctx: PageContext, entries: list[dict]) -> None:
    """The imports among the entries shown that can still be undone, each with its button; the
    question stays open across reruns until answered (closing the dialog is an answer too)."""
    imports = undoable(entries, undone_imports(ctx.engine, ctx.workspace_id, import_ids(entries)))
    if not imports:
        return
    st.subheader(t("undo.heading"))
    st.caption(t("undo.intro"))
    for entry in imports[:UNDO_SHOWN]:
        line = describe(entry)
        text, button = st.columns([5, 2], vertical_alignment="center")
        text.markdown(escape(t("undo.entry", when=when(line.at), what=line.sentence)))
        if button.button(t("undo.button"), key=f"activity_undo_{entry['id']}"):
            st.session_state[UNDOING] = entry["id"]
    chosen = next((entry for entry in imports if entry["id"] == st.session_state.get(UNDOING)), None)
    if chosen is not None:
        confirm_undo(ctx, chosen["id"], chosen.get("label") or t("undo.a_list"))


def stop_undoing() -> None:
    st.session_state.pop(UNDOING, None)


@dialog(t("undo.button"), on_dismiss=stop_undoing)
def confirm_undo(ctx: PageContext, change_id: int, label: str) -> None:
    """The question, and the undo once answered (as the person shown it: pages/_kit/dialogs.py)."""
    ask_undo(ctx, change_id, label)


def ask_undo(ctx: PageContext, change_id: int, label: str) -> None:
    st.warning(t("undo.confirm_text", label=escape(label)))
    if st.button(t("undo.confirm_yes"), type="primary", key="activity_undo_confirm"):
        stop_undoing()
        done = run(undo_import, ctx.engine, ctx.workspace_id, change_id)
        if done is not None:
            counts = {"removed": done.removed, "restored": done.restored, "relations": done.relations}
            notify("activity", t("undo.done", label=escape(label), **counts))


@dialog(t("bin.empty_bin"))
def confirm_empty(ctx: PageContext) -> None:
    st.warning(t("bin.empty_confirm"))
    if st.button(t("bin.empty_bin"), type="primary", key="bin_empty_confirm"):
        count = run(empty_bin, ctx.engine, ctx.workspace_id)
        if count is not None:
            notify("activity", t("bin.emptied", count=count))


def bin_tab(ctx: PageContext) -> None:
    st.caption(t("bin.intro"))
    entries = list_bin(ctx.engine, ctx.workspace_id)
    if not entries:
        st.info(t("bin.empty"))
        return
    rows = [
        (
            t(f"bin.entity.{e.entity}"),
            e.label,
            format_date(e.deleted_at),
            e.deleted_by or t("activity.local_user"),
            format_date(e.expires_on),
            e.related,
        )
        for e in entries
    ]
    columns = [t(f"bin.column_{name}") for name in ("what", "name", "deleted", "by", "until", "related")]
    st.dataframe(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
    if ctx.may_edit:
        labels = {e.id: f"{t(f'bin.entity.{e.entity}')}: {e.label} ({format_date(e.deleted_at)})" for e in entries}
        chosen = st.selectbox(t("bin.choose"), list(labels), format_func=labels.get, key="bin_choice")
        if st.button(t("bin.restore"), type="primary", key="bin_restore"):
            name = run(restore, ctx.engine, ctx.workspace_id, chosen)
            if name is not None:
                notify("activity", t("bin.restored", name=escape(name)))
    else:
        st.caption(t("bin.only_editors"))
    if ctx.role == "owner" and st.button(t("bin.empty_bin"), key="bin_empty"):
        confirm_empty(ctx)


ctx = page_context("activity.title")
show_notice("activity")
feed, deleted = st.tabs([t("activity.title"), t("bin.title")])
with feed:
    feed_tab(ctx)
with deleted:
    bin_tab(ctx)
