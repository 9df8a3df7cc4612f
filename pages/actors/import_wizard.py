"""Actores, the import wizard, steps 1 to 4: the file, its sheets, each sheet's header row and
columns. Steps 5 to 7 (the values, the duplicates, the confirmation) are in :mod:`import_review`."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import upload_panel
from pages.actors import import_review
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.spreadsheets.choices import field_choices, sheet_choice
from toolkit.spreadsheets.mapping import (
    ColumnMap,
    SheetLayout,
    WorkbookLayout,
    column_letter,
    header_preview,
    inspect_sheets,
)
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook

TYPES = ["xlsx", "xlsm", "xls", "ods", "csv", "txt", "gexf", "graphml", "json"]
ROLES = ["actors", "relations", "skip"]


def show(ctx: PageContext) -> None:
    """The import tab: every step of the wizard, each shown once the step before it is done.
    Only to those who may write: a viewer gets a note, not an uploader (reading a file costs the
    server, and nothing read could be stored)."""
    if not ctx.may_edit:
        st.info(t("import.viewer_only"))
        return
    st.markdown(t("import.intro"))
    st.caption(t("import.step1"))
    upload = upload_panel("import_upload", t("import.upload"), TYPES, ctx.settings)
    if upload is not None and (loaded := read_upload(ctx, upload)) is not None:
        steps(ctx, loaded)
    if st.session_state.get("import_done"):
        st.success(st.session_state.pop("import_done"))


def steps(ctx: PageContext, loaded: dict) -> None:
    """Steps 2 to 7 for the file read in step 1 (``{"name", "workbook", "auto"}``, see :func:`read_upload`)."""
    workbook, auto = loaded["workbook"], loaded["auto"]
    st.success(t(f"import.format.{auto.format}", name=escape(loaded["name"])))
    roles = choose_roles(auto.sheets)
    st.subheader(t("import.step3"))
    sheet_rows = {s.name: s.rows for s in workbook.sheets}
    sheets = [
        map_sheet(position, sheet, role, sheet_rows[sheet.name])
        for position, (sheet, role) in enumerate(zip(auto.sheets, roles, strict=True))
    ]
    import_review.show(ctx, loaded, WorkbookLayout(format=auto.format, sheets=sheets))


def read_upload(ctx: PageContext, upload) -> dict | None:
    """Step 1: the uploaded file read once (a rerun reuses it); ``None`` when it cannot be read."""
    loaded = st.session_state.get("import_file")
    if loaded is None or loaded["id"] != upload.file_id:
        try:
            with st.spinner(t("import.reading")):
                workbook = read_workbook(upload.getvalue(), upload.name, ctx.settings.read_limits)
            st.session_state["import_file"] = {
                "id": upload.file_id,
                "name": upload.name,
                "workbook": workbook,
                "auto": inspect_sheets([(s.name, s.rows) for s in workbook.sheets]),
            }
        except UnreadableFile as error:
            st.session_state.pop("import_file", None)
            st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))
    return st.session_state.get("import_file")


def choose_roles(sheets: list[SheetLayout]) -> list[str]:
    """Step 2: what each sheet holds (actors, relations, or nothing to import)."""
    st.subheader(t("import.step2"))
    return [
        st.segmented_control(
            t("import.sheet_role", sheet=escape(sheet.name)),
            ROLES,
            default=sheet.role,
            format_func=lambda r: t(f"import.role.{r}"),
            key=f"import_role_{position}",
            required=True,
        )
        for position, sheet in enumerate(sheets)
    ]


def map_sheet(position: int, sheet: SheetLayout, role: str, rows: list[list]) -> SheetLayout:
    """Steps 3 and 4 for one sheet: its header row, then which field each column fills."""
    if role == "skip" or not rows:
        return sheet_choice(sheet, role, rows, sheet.header_row)  # a suggested skip keeps its reason
    with st.expander(t("import.sheet_title", sheet=escape(sheet.name)), expanded=True):
        header_excel_row = st.number_input(
            t("import.header_row"),
            min_value=1,
            max_value=len(rows),
            value=sheet.header_row + 1,
            key=f"import_header_{position}",
        )
        header_row = int(header_excel_row) - 1
        st.dataframe(first_rows(rows, header_row))
        st.caption(t("import.step4"))
        found = sheet_choice(sheet, role, rows, header_row)  # a second header row, the name column
        suggested = found.columns
        fields = map_fields(suggested, role, key=f"import_mapping_{position}_{role}_{header_row}")
        columns = [
            ColumnMap(c.index, c.header, None if f == "ignore" else f) for c, f in zip(suggested, fields, strict=True)
        ]
        return SheetLayout(sheet.name, role, header_row, columns, found.header_depth, found.notes)


def first_rows(rows: list[list], header_row: int) -> pd.DataFrame:
    """The header row and the five rows under it, with the spreadsheet's column letters and row numbers."""
    preview = header_preview(rows, header_row)
    return pd.DataFrame(preview.cells, columns=preview.letters, index=preview.numbers)


def map_fields(suggested: list[ColumnMap], role: str, *, key: str) -> list[str]:
    """The field chosen for each column (``ignore`` for none), starting from the suggestion."""
    choices = field_choices(role)  # a relation's own column is kept too (Kumu's "Amount Owed")

    def field_label(field: str) -> str:
        if field in ("custom", "append_notes", "ignore"):
            return t(f"import.field.{field}")
        return t(f"columns.{field}") if role == "actors" else t(f"columns.relation.{field}")

    mapping = pd.DataFrame(
        {
            "column": [f"{column_letter(c.index)} · {c.header}" for c in suggested],
            "field": [c.field if c.field in choices else "ignore" for c in suggested],
        }
    )
    mapped = st.data_editor(
        mapping,
        hide_index=True,
        disabled=["column"],
        width="stretch",
        key=key,
        column_config={
            "column": st.column_config.TextColumn(t("import.mapping.column")),
            "field": st.column_config.SelectboxColumn(
                t("import.mapping.field"), options=choices, required=True, format_func=field_label
            ),
        },
    )
    return mapped["field"].tolist()
