"""Ajustes: workspaces (create, rename, delete), language, the workspace's vocabularies."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify, page_context, show_notice
from pages._kit.dialogs import dialog
from pages._kit.forms import empty_after_save
from pages._kit.outcome import run
from pages._kit.table import TableTexts, editable_table
from toolkit import access
from toolkit.i18n import label, t
from toolkit.markdown import escape
from toolkit.store.edits import SaveResult
from toolkit.store.sample import load_sample
from toolkit.store.workspaces import (
    add_term,
    create_workspace,
    delete_workspace,
    list_workspaces,
    rename_terms,
    rename_workspace,
)
from toolkit.vocab import VOCABULARIES, renamed_labels

TERM_TEXTS = TableTexts(save="settings.vocab.save", saved="settings.vocab.saved")


def succeeded(use_case, *args, **kwargs) -> bool:
    """Whether a use case that returns nothing ran (its refusal is shown)."""
    return run(lambda: use_case(*args, **kwargs) or True) is not None


def workspaces_table(engine) -> None:
    st.subheader(t("settings.workspaces.title"))
    st.dataframe(
        pd.DataFrame(
            [(w.name, w.city, w.country) for w in list_workspaces(engine)],
            columns=[t("settings.workspaces.name"), t("settings.workspaces.city"), t("settings.workspaces.country")],
        ),
        hide_index=True,
        width="stretch",
    )


def create_form(engine, place) -> None:
    """Offered to whoever may open workspaces: the local user, the operator, or an owner when
    HOJA_CREATORS=owners (the store checks it again)."""
    person = access.current()
    if not (person.unrestricted or person.creates):
        place.caption(t("members.operator_only"))
        return
    with place.form("settings_create_form", clear_on_submit=True):
        st.markdown(f"**{t('settings.workspaces.create')}**")
        name = st.text_input(t("settings.workspaces.name"))
        city = st.text_input(t("settings.workspaces.city"))
        country = st.text_input(t("settings.workspaces.country"))
        with_sample = st.checkbox(t("settings.workspaces.with_sample"))
        if st.form_submit_button(t("settings.workspaces.create_button"), type="primary"):
            if with_sample:
                new_id = run(load_sample, engine, name)
            else:
                created = run(create_workspace, engine, name, city=city, country=country)
                new_id = created.id if created is not None else None
            if new_id is not None:
                st.session_state["workspace_id"] = new_id
                notify("settings", t("settings.workspaces.created", name=escape(name)))


def rename_form(ctx: PageContext, place) -> None:
    with place.form("settings_rename_form"):
        st.markdown(f"**{t('settings.workspaces.rename')}**")
        new_name = st.text_input(t("settings.workspaces.new_name"), value=ctx.workspace.name)
        renamed = st.form_submit_button(t("settings.workspaces.rename_button"))
        if renamed and run(rename_workspace, ctx.engine, ctx.workspace_id, new_name) is not None:
            notify("settings", t("settings.workspaces.renamed"))


@dialog(t("settings.workspaces.delete_title"))
def confirm_delete(engine, workspace) -> None:
    st.warning(t("settings.workspaces.delete_warning", name=escape(workspace.name)))
    typed = st.text_input(t("settings.workspaces.delete_type_name"), key="settings_delete_typed")
    if st.button(
        t("settings.workspaces.delete_confirm"),
        type="primary",
        disabled=typed != workspace.name,
        key="settings_delete_confirm",
    ) and succeeded(delete_workspace, engine, workspace.id):
        st.session_state.pop("workspace_id", None)
        notify("settings", t("settings.workspaces.deleted", name=escape(workspace.name)))


def delete_panel(ctx: PageContext, place) -> None:
    with place.container(border=True):
        st.markdown(f"**{t('settings.workspaces.delete')}**")
        st.caption(t("settings.workspaces.delete_help"))
        if st.button(t("settings.workspaces.delete_button", name=escape(ctx.workspace.name)), key="settings_delete"):
            confirm_delete(ctx.engine, ctx.workspace)


def vocabulary_section(ctx: PageContext) -> None:
    """The chosen vocabulary's terms, renamed in one save, and a new term."""
    st.subheader(t("settings.vocab.title"))
    st.caption(t("settings.vocab.help"))
    vocabulary = st.selectbox(
        t("settings.vocab.choose"),
        list(VOCABULARIES),
        key="settings_vocabulary",
        format_func=lambda v: t(f"settings.vocab.name.{v}"),
    )
    names = ctx.custom.get(vocabulary)

    def save(renames, _to_delete) -> SaveResult:
        return SaveResult(saved=rename_terms(ctx.engine, ctx.workspace_id, vocabulary, dict(renames)))

    editable_table(
        "settings_terms",
        lambda: [{"key": key, "label": label(vocabulary, key, names)} for key in ctx.keys(vocabulary)],
        columns=["key", "label"],
        column_config={"label": st.column_config.TextColumn(t("settings.vocab.label"), required=True)},
        diff=lambda before, touched: (renamed_labels(before, touched), []),
        save=save,
        revision=ctx.revision,
        shown=vocabulary,
        may_edit=ctx.may_edit,
        texts=TERM_TEXTS,
        notice="settings",
        disabled=["key"],
        column_order=["label"],
        width="stretch",
    )
    with st.form("settings_add_term"):
        new_term = st.text_input(t("settings.vocab.new_term"), key="settings_new_term")
        added = st.form_submit_button(t("settings.vocab.add"))
        if added and run(add_term, ctx.engine, ctx.workspace_id, vocabulary, new_term) is not None:
            empty_after_save("settings_new_term")
            notify("settings", t("settings.vocab.added", label=escape(new_term)))


ctx = page_context("settings.title", needs_workspace=False)
engine = st.session_state["engine"]
show_notice("settings")
workspaces_table(engine)
create, rename, remove = st.columns(3)
create_form(engine, create)
if ctx is not None:
    rename_form(ctx, rename)
    delete_panel(ctx, remove)
st.subheader(t("settings.language.title"))
st.caption(t("settings.language.help"))
if ctx is not None:
    vocabulary_section(ctx)
