"""Informes: the report for a director or a council (Word and a printable page), and "Descargar
todo": the backup workbook of the workspace and its restore into a new or an empty workspace."""

import pandas as pd
import streamlit as st

from toolkit import clock
from toolkit.i18n import LANGUAGES, format_number, language, t
from toolkit.markdown import escape
from toolkit.register import RestoreRefused, read_backup, restore_backup, workspace_backup
from toolkit.reports import SECTIONS, build_report, report_docx, report_html
from toolkit.spreadsheets.reading import UnreadableFile
from toolkit.store import StoreError
from toolkit.store.workspaces import get_workspace, list_workspaces

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("nav.reports"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()

workspace = get_workspace(engine, workspace_id)
safe_name = "".join(ch if ch.isalnum() else "_" for ch in workspace.name)[:40] or "informe"


def show_error(error: Exception) -> None:
    st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))


tab_report, tab_everything = st.tabs([t("reports.page.tab_report"), t("reports.page.tab_everything")])

# -- the report --------------------------------------------------------------------------------
with tab_report:
    st.caption(t("reports.page.intro"))
    st.markdown(f"**{t('reports.page.sections')}**")
    boxes = st.columns(4)
    chosen = [
        key
        for position, key in enumerate(SECTIONS)
        if boxes[position % 4].checkbox(t(f"reports.sections.{key}"), value=True, key=f"reports_section_{key}")
    ]
    languages = list(LANGUAGES)
    lang = st.selectbox(
        t("reports.page.language"),
        languages,
        index=languages.index(language()),
        key="reports_language",
        format_func=lambda code: t(f"languages.{code}"),
    )
    wanted = (workspace_id, workspace.revision, tuple(chosen), lang)
    if st.button(
        t("reports.page.build"), key="reports_build", type="primary", icon=":material/description:", disabled=not chosen
    ):
        with st.spinner(t("reports.page.building")):
            report = build_report(engine, workspace_id, chosen, lang, clock.today())
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
        columns = st.columns(2)
        columns[0].download_button(
            t("reports.page.download_docx"),
            data=built["docx"],
            key="reports_dl_docx",
            file_name=f"{t('reports.page.file_name')}_{safe_name}.docx",
            mime=DOCX,
            icon=":material/download:",
            on_click="ignore",
        )
        columns[1].download_button(
            t("reports.page.download_html"),
            data=built["html"],
            key="reports_dl_html",
            file_name=f"{t('reports.page.file_name')}_{safe_name}.html",
            mime="text/html",
            icon=":material/print:",
            on_click="ignore",
            help=t("reports.page.html_help"),
        )
    elif built and built["wanted"][0] == workspace_id:
        st.caption(t("reports.page.changed"))

# -- download everything, restore ----------------------------------------------------------------
with tab_everything:
    st.subheader(t("reports.backup.title"))
    st.caption(t("reports.backup.intro"))
    st.download_button(
        t("reports.backup.download"),
        key="reports_dl_backup",
        icon=":material/download:",
        data=lambda: workspace_backup(engine, workspace_id),
        file_name=f"{t('reports.backup.file_name')}_{safe_name}_{clock.today().isoformat()}.xlsx",
        mime=XLSX,
        on_click="ignore",
    )

    st.subheader(t("reports.restore.title"))
    st.caption(t("reports.restore.intro"))
    round_key = "reports_restore_round"
    upload = st.file_uploader(
        t("reports.restore.upload"),
        type=["xlsx"],
        key=f"reports_restore_file_{st.session_state.get(round_key, 0)}",
        help=t("import.upload_help", limit=settings.upload_limit_mb),
    )
    notice = st.session_state.pop("reports_restore_notice", None)
    if notice:
        st.success(notice)
    if upload is not None:
        contents = None
        try:
            contents = read_backup(upload.getvalue(), upload.name, settings.read_limits)
        except (UnreadableFile, RestoreRefused) as error:
            show_error(error)
        if contents is not None and contents.problems:
            st.error(t("reports.restore.problems", count=len(contents.problems)))
            st.dataframe(
                pd.DataFrame(
                    [
                        {
                            t("reports.restore.sheet"): p.sheet,
                            t("reports.restore.row"): p.row or "",
                            t("reports.restore.message"): t(p.key, **p.details),
                        }
                        for p in contents.problems[:200]
                    ]
                ),
                hide_index=True,
                width="stretch",
            )
        elif contents is not None:
            counts = contents.counts
            st.markdown(
                t(
                    "reports.restore.found",
                    name=escape(contents.workspace.get("name", "")),
                    **{key: format_number(value) for key, value in counts.items()},
                )
            )
            target = st.radio(
                t("reports.restore.where"),
                ["new", "empty"],
                key="reports_restore_target",
                format_func=lambda key: t(f"reports.restore.target.{key}"),
                horizontal=True,
            )
            new_name, into = None, None
            if target == "new":
                new_name = st.text_input(
                    t("reports.restore.new_name"),
                    value=contents.workspace.get("name", ""),
                    key="reports_restore_name",
                    max_chars=200,
                )
            else:
                others = list_workspaces(engine)
                names = {w.id: w.name for w in others}
                into = st.selectbox(
                    t("reports.restore.into"),
                    list(names),
                    key="reports_restore_into",
                    format_func=lambda i: names.get(i, ""),
                    help=t("reports.restore.into_help"),
                )
            sure = st.checkbox(t("reports.restore.confirm"), key="reports_restore_sure")
            if st.button(
                t("reports.restore.go"),
                key="reports_restore_go",
                type="primary",
                disabled=not sure,
                icon=":material/settings_backup_restore:",
            ):
                try:
                    with st.spinner(t("reports.restore.working")):
                        outcome = restore_backup(
                            engine,
                            upload.getvalue(),
                            upload.name,
                            new_workspace_name=new_name if target == "new" else None,
                            into_workspace_id=into,
                            limits=settings.read_limits,
                        )
                except (UnreadableFile, StoreError) as error:
                    show_error(error)
                else:
                    if outcome.ok:
                        restored = get_workspace(engine, outcome.workspace_id).name
                        st.session_state["reports_restore_notice"] = t(
                            "reports.restore.done",
                            name=escape(restored),
                            **{key: format_number(value) for key, value in counts.items()},
                        )
                        st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
                        st.rerun()
                    st.error(t("reports.restore.problems", count=len(outcome.problems)))
                    for problem in outcome.problems[:20]:
                        st.text(f"{problem.sheet} {problem.row or ''}: {t(problem.key, **problem.details)}")
