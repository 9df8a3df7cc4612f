"""Historial: the workspace's contacts, newest first, filtered in the store, edited in place (edits
and deletes to the bin in one transaction) and downloaded as they are filtered."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import download_button, safe_file_name
from pages._kit.table import TableState, TableTexts, editable_table
from pages.contacts.data import Contacts, history
from toolkit.domain import INTERACTION_KINDS
from toolkit.engagement import kind_label
from toolkit.followups import HISTORY_COLUMNS, history_edits, history_rows
from toolkit.i18n import format_number, t
from toolkit.spreadsheets.contacts import history_workbook
from toolkit.store.engagement import InteractionFilter, save_interaction_edits

DATE_FORMAT = "DD/MM/YYYY"
TEXTS = TableTexts(
    save="contacts.table.save",
    saved="contacts.table.saved",
    delete_title="contacts.table.delete_title",
    delete_question="contacts.table.delete_question",
    delete_confirm="contacts.table.delete_confirm",
)


def filters(contacts: Contacts) -> InteractionFilter:
    """The row of filters (widget keys ``contacts_filter_*``) and what was chosen."""
    names = contacts.actor_names
    first, second, third = st.columns([3, 3, 2])
    actor_id = first.selectbox(  # the actors the history names, not the whole register (20,000 names)
        t("contacts.history.actor"),
        [None, *contacts.contacted],
        format_func=lambda i: t("contacts.history.all_actors") if i is None else names.get(i, ""),
        key="contacts_filter_actor",
    )
    kinds = second.multiselect(
        t("contacts.history.kinds"),
        list(INTERACTION_KINDS),
        format_func=kind_label,
        placeholder=t("common.choose"),
        key="contacts_filter_kinds",
    )
    member = third.selectbox(
        t("contacts.history.team_member"),
        [None, *contacts.team_members],
        format_func=lambda m: t("contacts.history.everyone") if m is None else m,
        key="contacts_filter_team",
    )
    fourth, fifth, sixth = st.columns([2, 2, 4])
    start = fourth.date_input(t("contacts.history.start"), value=None, format=DATE_FORMAT, key="contacts_filter_start")
    end = fifth.date_input(t("contacts.history.end"), value=None, format=DATE_FORMAT, key="contacts_filter_end")
    sixth.write("")  # lines the toggle up with the date boxes
    open_only = sixth.toggle(t("contacts.history.open_only"), key="contacts_filter_open")
    return InteractionFilter(
        actor_id=actor_id, kinds=tuple(kinds), start=start, end=end, team_member=member, open_steps=open_only
    )


def show(ctx: PageContext, contacts: Contacts) -> TableState | None:
    """The tab: filters, the count, the table and the download (keys ``contacts_*``)."""
    if not contacts.interactions:
        st.info(t("contacts.history.empty"))
        return None
    wanted = filters(contacts)
    found = history(ctx, wanted)
    st.markdown(f"**{t('contacts.history.count', count=format_number(len(found)))}**")
    if not found:
        st.info(t("contacts.history.none"))
        return None
    st.caption(t("contacts.history.help"))
    state = editable_table(
        "contacts_table",
        lambda: history_rows(found, contacts.actor_names),
        columns=["id", "version", "delete", *HISTORY_COLUMNS],
        column_config=column_config(),
        diff=history_edits,
        save=lambda edits, to_delete: save_interaction_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        shown=wanted,
        may_edit=ctx.may_edit,
        row_name=lambda row: str(row.get("summary") or "")[:80],
        texts=TEXTS,
        notice="contacts",
        column_order=["delete", *HISTORY_COLUMNS],
    )
    download_button(
        t("contacts.history.download"),
        lambda: history_workbook(
            found, contacts.actor_names, contacts.consultation_titles, contacts.campaign_titles, ctx.lang
        ),
        safe_file_name(t("contacts.history.file"), ctx.workspace.name, extension="xlsx", dated=True),
        key="contacts_download",
    )
    return state


def column_config() -> dict:
    text = st.column_config.TextColumn
    return {
        "delete": st.column_config.CheckboxColumn(t("contacts.columns.delete"), width="small"),
        "occurred_on": st.column_config.DateColumn(
            t("contacts.columns.occurred_on"), format=DATE_FORMAT, required=True
        ),
        "kind": st.column_config.SelectboxColumn(
            t("contacts.columns.kind"), options=list(INTERACTION_KINDS), format_func=kind_label, required=True
        ),
        "actors": text(t("contacts.columns.actors"), disabled=True, width="medium"),
        "team_member": text(t("contacts.columns.team_member")),
        "summary": text(t("contacts.columns.summary"), width="large"),
        "agreements": text(t("contacts.columns.agreements"), width="medium"),
        "next_step": text(t("contacts.columns.next_step"), width="medium"),
        "next_step_due": st.column_config.DateColumn(t("contacts.columns.next_step_due"), format=DATE_FORMAT),
        "next_step_done": st.column_config.CheckboxColumn(t("contacts.columns.next_step_done"), width="small"),
    }
