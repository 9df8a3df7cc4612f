"""Actores, the downloads: the blank template, the register (Excel, CSV, without personal data,
for Kumu) and the workspace's backup."""

from collections.abc import Callable

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import download_button, safe_file_name
from toolkit.backup import workspace_backup
from toolkit.domain import Actor, Relation
from toolkit.i18n import t
from toolkit.spreadsheets import exports


def show(ctx: PageContext, actors: list[Actor], relations: list[Relation]) -> None:
    """The downloads tab: one panel per file, each built only when clicked."""
    st.markdown(t("export.intro"))
    for key, build, file_name in downloads(ctx, actors, relations):
        with st.container(border=True):
            st.markdown(f"**{t(f'export.{key}.title')}**")
            st.caption(t(f"export.{key}.help"))
            download_button(t("export.download"), build, file_name, key=f"export_{key}")


def downloads(
    ctx: PageContext, actors: list[Actor], relations: list[Relation]
) -> list[tuple[str, Callable[[], bytes], str]]:
    """(key, how to build the file, its name) of every download."""
    terms, lang = ctx.terms, ctx.lang
    name = ctx.workspace.name or "registro"
    return [
        ("template", lambda: exports.template_workbook(terms, lang), f"{t('export.file.template')}.xlsx"),
        (
            "register_xlsx",
            lambda: exports.register_workbook(actors, relations, terms, lang),
            safe_file_name(name, extension="xlsx"),
        ),
        ("register_csv", lambda: exports.register_csv(actors, terms, lang), safe_file_name(name, extension="csv")),
        (
            "anonymous",
            lambda: exports.register_workbook(actors, relations, terms, lang, personal=False),
            safe_file_name(name, t("export.file.anonymous"), extension="xlsx"),
        ),
        (
            "kumu",
            lambda: exports.kumu_workbook(actors, relations, terms, lang),
            safe_file_name(name, "kumu", extension="xlsx"),
        ),
        (
            "backup",
            lambda: workspace_backup(ctx.engine, ctx.workspace_id),
            safe_file_name(name, "backup", extension="xlsx"),
        ),
    ]
