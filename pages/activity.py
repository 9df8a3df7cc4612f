"""Actividad: who changed what in the workspace, in plain words; and the bin, to restore what was
deleted in the last 30 days."""

import pandas as pd
import streamlit as st

from toolkit.activity import feed_csv, feed_rows
from toolkit.i18n import format_date, t
from toolkit.markdown import escape
from toolkit.store import StoreError
from toolkit.store.audit import activity, activity_count
from toolkit.store.bin import empty_bin, list_bin, restore
from toolkit.store.workspaces import current_role

engine = st.session_state["engine"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("activity.title"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()


def show_store_error(error: StoreError) -> None:
    st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))


if notice := st.session_state.pop("activity_notice", None):
    st.success(notice)
role = current_role(engine, workspace_id)
feed_tab, bin_tab = st.tabs([t("activity.title"), t("bin.title")])

with feed_tab:
    st.caption(t("activity.intro"))
    shown = st.session_state.setdefault(f"activity_shown_{workspace_id}", 100)
    entries = activity(engine, workspace_id, limit=shown)
    total = activity_count(engine, workspace_id)
    if not entries:
        st.info(t("activity.empty"))
    else:
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
            st.session_state[f"activity_shown_{workspace_id}"] = shown + 200
            st.rerun()
        download.download_button(
            t("activity.download"),
            feed_csv(activity(engine, workspace_id, limit=total)),
            file_name="actividad.csv",
            mime="text/csv",
            key="activity_download",
        )

with bin_tab:
    st.caption(t("bin.intro"))
    entries = list_bin(engine, workspace_id)
    if not entries:
        st.info(t("bin.empty"))
    else:
        table = pd.DataFrame(
            [
                (
                    t(f"bin.entity.{e.entity}"),
                    e.label,
                    format_date(e.deleted_at),
                    e.deleted_by or t("activity.local_user"),
                    format_date(e.expires_on),
                    e.related,
                )
                for e in entries
            ],
            columns=[t(f"bin.column_{name}") for name in ("what", "name", "deleted", "by", "until", "related")],
        )
        st.dataframe(table, hide_index=True, width="stretch")
        if role in ("editor", "owner"):
            labels = {e.id: f"{t(f'bin.entity.{e.entity}')}: {e.label} ({format_date(e.deleted_at)})" for e in entries}
            chosen = st.selectbox(t("bin.choose"), list(labels), format_func=labels.get, key="bin_choice")
            if st.button(t("bin.restore"), type="primary", key="bin_restore"):
                try:
                    name = restore(engine, workspace_id, chosen)
                    st.session_state["activity_notice"] = t("bin.restored", name=escape(name))
                    st.rerun()
                except StoreError as error:
                    show_store_error(error)
        else:
            st.caption(t("bin.only_editors"))
        if role == "owner":

            @st.dialog(t("bin.empty_bin"))
            def confirm_empty():
                st.warning(t("bin.empty_confirm"))
                if st.button(t("bin.empty_bin"), type="primary", key="bin_empty_confirm"):
                    try:
                        count = empty_bin(engine, workspace_id)
                    except StoreError as error:
                        show_store_error(error)
                        return
                    st.session_state["activity_notice"] = t("bin.emptied", count=count)
                    st.rerun()

            if st.button(t("bin.empty_bin"), key="bin_empty"):
                confirm_empty()
