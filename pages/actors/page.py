"""Actores: the register (search, filter, edit in place, add, delete), relations, one actor's
record, the import wizard and the downloads; one module per tab, only the open tab is built."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages._kit.links import open_tab_from_link
from pages.actors import downloads, import_wizard, record, register, relations
from pages.actors.cached import register_of
from toolkit.i18n import t

ctx = page_context("actors.title")
record.open_from_link("actors_tabs", t("actors.tab.record"))  # actores?actor=<id> opens that actor's record
open_tab_from_link("actors_tabs", {"import": t("actors.tab.import")})  # actores?tab=import: Inicio's shortcut

tab_register, tab_relations, tab_record, tab_import, tab_export = st.tabs(
    [
        t("actors.tab.register"),
        t("actors.tab.relations"),
        t("actors.tab.record"),
        t("actors.tab.import"),
        t("actors.tab.export"),
    ],
    key="actors_tabs",
    on_change="rerun",
)
show_notice("actors")  # what the last save did, shown after its rerun

# only the open tab is built: each rerun stays cheap (the relations table's two 1,000-name lists
# were a fifth of a register rerun)
with tab_register:
    if tab_register.open:
        register.show(ctx)  # one page of rows from the store, not the whole register
with tab_relations:
    if tab_relations.open:
        relations.show(ctx, *register_of(ctx))
with tab_record:
    if tab_record.open:
        record.show(ctx, *register_of(ctx))
with tab_import:
    if tab_import.open:
        import_wizard.show(ctx)
with tab_export:
    if tab_export.open:
        downloads.show(ctx, *register_of(ctx))
