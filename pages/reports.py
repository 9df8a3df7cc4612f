"""Informes: the report for a director or a council (Word and a printable page), and "Descargar
todo": the backup workbook of the workspace and its restore into a new or an empty workspace."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, page_context
from pages._kit.files import download_button, reset_upload, upload_panel
from pages._kit.outcome import show_error
from pages.actor_map.network import drawn_choices
from toolkit import access
from toolkit.backup import read_backup, restore_backup, workspace_backup
from toolkit.i18n import LANGUAGES, format_number, t
from toolkit.markdown import escape
from toolkit.reports import SECTIONS, build_report, report_docx, report_html
from toolkit.spreadsheets.reading import UnreadableFile
from toolkit.store import StoreError
from toolkit.store.workspaces import get_workspace, list_workspaces
from toolkit.text import clean

UPLOAD = "reports_restore_file"


def attempt(use_case, *args, **kwargs):
    """``use_case(...)``, or ``None`` after saying why the file was refused (unreadable, or the store's refusal)."""
    try:
        return use_case(*args, **kwargs)
    except (UnreadableFile, StoreError) as error:
        show_error(error)
        return None


def chosen_report(ctx: PageContext) -> tuple[list[str], str, str]:
    """The sections ticked, the report's language and who prepared it (shown on the cover); the work
    grouped by SDG is asked for by a toggle of its own (``reports_by_goal``)."""
    st.markdown(f"**{t('reports.page.sections')}**")
    boxes = st.columns(3)
    chosen = [
        key
        for position, key in enumerate(SECTIONS)
        if boxes[position % 3].checkbox(t(f"reports.sections.{key}"), value=True, key=f"reports_section_{key}")
    ]
    st.toggle(t("strategy.report.by_goal"), key="reports_by_goal", help=t("strategy.report.by_goal_help"))
    languages = list(LANGUAGES)
    columns = st.columns(2)
    lang = columns[0].selectbox(
        t("reports.page.language"),
        languages,
        index=languages.index(ctx.lang),
        key="reports_language",
        format_func=lambda code: t(f"languages.{code}"),
    )
    prepared_by = columns[1].text_input(
        t("reports.page.prepared_by"),
        value=access.current().shown_name if ctx.settings.accounts != "off" else "",
        key="reports_prepared_by",
        max_chars=200,
        help=t("reports.page.prepared_by_help"),
    )
    return chosen, lang, clean(prepared_by)


def report_tab(ctx: PageContext, file_stem: str) -> None:
    st.caption(t("reports.page.intro"))
    chosen, lang, prepared_by = chosen_report(ctx)
    look = drawn_choices()  # the map coloured and sized as the map page shows it
    by_goal = bool(st.session_state.get("reports_by_goal"))
    look_of = (look.colour_by, look.size_by)
    wanted = (ctx.workspace_id, ctx.revision, tuple(chosen), lang, prepared_by, *look_of, by_goal)
    if st.button(
        t("reports.page.build"), key="reports_build", type="primary", icon=":material/description:", disabled=not chosen
    ):
        with st.spinner(t("reports.page.building")):
            report = build_report(ctx.engine, ctx.workspace_id, chosen, lang, ctx.today, prepared_by, look_of, by_goal)
            st.session_state["reports_built"] = {
                "wanted": wanted,
                "docx": report_docx(report),
                "html": report_html(report).encode("utf-8"),
            }
    if not chosen:
        st.warning(t("reports.page.no_sections"))
    built = st.session_state.get("reports_built")
    if built and built["wanted"] == wanted:
        st.success(t("reports.page.ready"))
        name = f"{t('reports.page.file_name')}_{file_stem}"
        columns = st.columns(2)
        with columns[0]:
            download_button(t("reports.page.download_docx"), built["docx"], f"{name}.docx", key="reports_dl_docx")
        columns[1].download_button(  # the kit's button has no help: this one says how to print
            t("reports.page.download_html"),
            data=built["html"],
            key="reports_dl_html",
            file_name=f"{name}.html",
            mime="text/html",
            icon=":material/print:",
            on_click="ignore",
            help=t("reports.page.html_help"),
        )
    elif built and built["wanted"][0] == ctx.workspace_id:
        st.caption(t("reports.page.changed"))


def backup_tab(ctx: PageContext, file_stem: str) -> None:
    st.subheader(t("reports.backup.title"))
    st.caption(t("reports.backup.intro"))
    download_button(
        t("reports.backup.download"),
        lambda: workspace_backup(ctx.engine, ctx.workspace_id),
        f"{t('reports.backup.file_name')}_{file_stem}_{ctx.today.isoformat()}.xlsx",
        key="reports_dl_backup",
    )
    st.subheader(t("reports.restore.title"))
    st.caption(t("reports.restore.intro"))
    upload = upload_panel(UPLOAD, t("reports.restore.upload"), ["xlsx"], ctx.settings)
    if notice := st.session_state.pop("reports_restore_notice", None):
        st.success(notice)
    if upload is None:
        return
    contents = attempt(read_backup, upload.getvalue(), upload.name, ctx.settings.read_limits)
    if contents is not None and contents.problems:
        show_problems(contents.problems)
    elif contents is not None:
        restore_panel(ctx, upload, contents)


def show_problems(problems) -> None:
    st.error(t("reports.restore.problems", count=len(problems)))
    rows = [
        {
            t("reports.restore.sheet"): p.sheet,
            t("reports.restore.row"): p.row or "",
            t("reports.restore.message"): t(p.key, **p.details),
        }
        for p in problems[:200]
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def restore_target(ctx: PageContext, contents) -> tuple[str | None, int | None]:
    """Where to restore: a new workspace's name, or an empty workspace's id."""
    target = st.radio(
        t("reports.restore.where"),
        ["new", "empty"],
        key="reports_restore_target",
        format_func=lambda key: t(f"reports.restore.target.{key}"),
        horizontal=True,
    )
    if target == "new":
        name = contents.workspace.get("name", "")
        return st.text_input(t("reports.restore.new_name"), value=name, key="reports_restore_name", max_chars=200), None
    names = {w.id: w.name for w in list_workspaces(ctx.engine)}
    into = st.selectbox(
        t("reports.restore.into"),
        list(names),
        key="reports_restore_into",
        format_func=lambda i: names.get(i, ""),
        help=t("reports.restore.into_help"),
    )
    return None, into


def restore_panel(ctx: PageContext, upload, contents) -> None:
    """What the backup holds, where to restore it, and the restore once its box is ticked."""
    counts = {key: format_number(value) for key, value in contents.counts.items()}
    st.markdown(t("reports.restore.found", name=escape(contents.workspace.get("name", "")), **counts))
    new_name, into = restore_target(ctx, contents)
    sure = st.checkbox(t("reports.restore.confirm"), key="reports_restore_sure")
    if not st.button(
        t("reports.restore.go"),
        key="reports_restore_go",
        type="primary",
        disabled=not sure,
        icon=":material/settings_backup_restore:",
    ):
        return
    with st.spinner(t("reports.restore.working")):
        outcome = attempt(
            restore_backup,
            ctx.engine,
            upload.getvalue(),
            upload.name,
            new_workspace_name=new_name,
            into_workspace_id=into,
            limits=ctx.settings.read_limits,
        )
    if outcome is None:
        return
    if outcome.ok:
        restored = get_workspace(ctx.engine, outcome.workspace_id).name
        st.session_state["reports_restore_notice"] = t("reports.restore.done", name=escape(restored), **counts)
        reset_upload(UPLOAD)
        st.rerun()
    st.error(t("reports.restore.problems", count=len(outcome.problems)))
    for problem in outcome.problems[:20]:
        st.text(f"{problem.sheet} {problem.row or ''}: {t(problem.key, **problem.details)}")


ctx = page_context("nav.reports")
file_stem = "".join(ch if ch.isalnum() else "_" for ch in ctx.workspace.name)[:40] or "informe"
tab_report, tab_everything = st.tabs([t("reports.page.tab_report"), t("reports.page.tab_everything")])
with tab_report:
    report_tab(ctx, file_stem)
with tab_everything:
    backup_tab(ctx, file_stem)
