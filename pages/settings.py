"""Ajustes: workspaces (create, rename, delete), language, the workspace's vocabularies."""

import pandas as pd
import streamlit as st

from toolkit.i18n import label, t
from toolkit.markdown import escape
from toolkit.register import load_sample
from toolkit.store import StoreError
from toolkit.store.workspaces import (
    add_term,
    create_workspace,
    delete_workspace,
    get_workspace,
    list_workspaces,
    rename_term,
    rename_workspace,
    vocabulary_terms,
)
from toolkit.vocab import VOCABULARIES

engine = st.session_state["engine"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("settings.title"))


def show_store_error(error: StoreError) -> None:
    st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))


if st.session_state.get("settings_notice"):
    st.success(st.session_state.pop("settings_notice"))

st.subheader(t("settings.workspaces.title"))
workspaces = list_workspaces(engine)
st.dataframe(
    pd.DataFrame(
        [(w.name, w.city, w.country) for w in workspaces],
        columns=[t("settings.workspaces.name"), t("settings.workspaces.city"), t("settings.workspaces.country")],
    ),
    hide_index=True,
    width="stretch",
)

create, rename, remove = st.columns(3)
with create.form("settings_create_form", clear_on_submit=True):
    st.markdown(f"**{t('settings.workspaces.create')}**")
    name = st.text_input(t("settings.workspaces.name"))
    city = st.text_input(t("settings.workspaces.city"))
    country = st.text_input(t("settings.workspaces.country"))
    with_sample = st.checkbox(t("settings.workspaces.with_sample"))
    if st.form_submit_button(t("settings.workspaces.create_button"), type="primary"):
        try:
            if with_sample:
                new_id = load_sample(engine, name)
            else:
                new_id = create_workspace(engine, name, city=city, country=country).id
            st.session_state["workspace_id"] = new_id
            st.session_state["settings_notice"] = t("settings.workspaces.created", name=escape(name))
            st.rerun()
        except StoreError as error:
            show_store_error(error)

if workspace_id is not None:
    current = get_workspace(engine, workspace_id)
    with rename.form("settings_rename_form"):
        st.markdown(f"**{t('settings.workspaces.rename')}**")
        new_name = st.text_input(t("settings.workspaces.new_name"), value=current.name)
        if st.form_submit_button(t("settings.workspaces.rename_button")):
            try:
                rename_workspace(engine, workspace_id, new_name)
                st.session_state["settings_notice"] = t("settings.workspaces.renamed")
                st.rerun()
            except StoreError as error:
                show_store_error(error)

    @st.dialog(t("settings.workspaces.delete_title"))
    def confirm_delete(workspace):
        st.warning(t("settings.workspaces.delete_warning", name=escape(workspace.name)))
        typed = st.text_input(t("settings.workspaces.delete_type_name"), key="settings_delete_typed")
        if st.button(
            t("settings.workspaces.delete_confirm"),
            type="primary",
            disabled=typed != workspace.name,
            key="settings_delete_confirm",
        ):
            try:
                delete_workspace(engine, workspace.id)
            except StoreError as error:
                show_store_error(error)
                return
            st.session_state.pop("workspace_id", None)
            st.session_state["settings_notice"] = t("settings.workspaces.deleted", name=escape(workspace.name))
            st.rerun()

    with remove.container(border=True):
        st.markdown(f"**{t('settings.workspaces.delete')}**")
        st.caption(t("settings.workspaces.delete_help"))
        if st.button(t("settings.workspaces.delete_button", name=escape(current.name)), key="settings_delete"):
            confirm_delete(current)

st.subheader(t("settings.language.title"))
st.caption(t("settings.language.help"))

if workspace_id is not None:
    st.subheader(t("settings.vocab.title"))
    st.caption(t("settings.vocab.help"))
    vocabulary = st.selectbox(
        t("settings.vocab.choose"),
        list(VOCABULARIES),
        key="settings_vocabulary",
        format_func=lambda v: t(f"settings.vocab.name.{v}"),
    )
    entries = vocabulary_terms(engine, workspace_id).get(vocabulary, [])
    custom = {key: text for key, text in entries if text}
    table = pd.DataFrame([(key, label(vocabulary, key, custom)) for key, _ in entries], columns=["key", "label"])
    edited = st.data_editor(
        table,
        hide_index=True,
        disabled=["key"],
        column_order=["label"],
        width="stretch",
        key=f"settings_terms_{vocabulary}_{len(entries)}",
        column_config={"label": st.column_config.TextColumn(t("settings.vocab.label"), required=True)},
    )
    changed = [
        (key, new)
        for key, old, new in zip(table["key"], table["label"], edited["label"], strict=True)
        if (new or "").strip() and new != old
    ]
    if st.button(
        t("settings.vocab.save", count=len(changed)), disabled=not changed, type="primary", key="settings_terms_save"
    ):
        try:
            for key, new in changed:
                rename_term(engine, workspace_id, vocabulary, key, new)
            st.session_state["settings_notice"] = t("settings.vocab.saved")
            st.rerun()
        except StoreError as error:
            show_store_error(error)
    with st.form("settings_add_term", clear_on_submit=True):
        new_term = st.text_input(t("settings.vocab.new_term"))
        if st.form_submit_button(t("settings.vocab.add")):
            try:
                add_term(engine, workspace_id, vocabulary, new_term)
                st.session_state["settings_notice"] = t("settings.vocab.added", label=escape(new_term))
                st.rerun()
            except StoreError as error:
                show_store_error(error)
