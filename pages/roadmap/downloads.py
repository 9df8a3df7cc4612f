"""The roadmap as a workbook (.xlsx) and as a calendar (.ics)."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import download_button
from pages.roadmap.data import Roadmap
from toolkit.i18n import t
from toolkit.roadmap import calendar_file
from toolkit.spreadsheets.roadmap import roadmap_workbook


def show(ctx: PageContext, roadmap: Roadmap) -> None:
    """The two downloads, built only when clicked (nothing when the roadmap is empty)."""
    if not roadmap.items:
        return
    st.subheader(t("roadmap.downloads.title"))
    file_name = t("roadmap.downloads.file")
    columns = st.columns(2)
    with columns[0]:
        download_button(
            t("roadmap.downloads.xlsx"),
            lambda: roadmap_workbook(
                roadmap.items,
                roadmap.milestones,
                ctx.today,
                roadmap.consultations,
                roadmap.campaigns,
                roadmap.phase_keys,
                roadmap.phase_names,
                ctx.lang,
            ),
            f"{file_name}.xlsx",
            key="roadmap_dl_xlsx",
        )
        st.caption(t("roadmap.downloads.xlsx_help"))
    with columns[1]:
        download_button(
            t("roadmap.downloads.ics"),
            lambda: calendar_file(
                roadmap.milestones,
                roadmap.consultations,
                roadmap.activities,
                roadmap.campaigns,
                roadmap.phase_names,
                t("roadmap.ics.named", name=ctx.workspace.name),
                ctx.lang,
            ),
            f"{file_name}.ics",
            key="roadmap_dl_ics",
        )
        st.caption(t("roadmap.downloads.ics_help"))
