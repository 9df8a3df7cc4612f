"""The wizard's choices, written down: which sheets, which header row, which column fills which
field. The command line's ``--sheet``, ``--header-row`` and ``--map`` give a script what the
wizard's steps 2 to 4 give a person."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.spreadsheets.mapping import (
    ACTOR_HEADERS,
    RELATION_HEADERS,
    ColumnMap,
    SheetLayout,
    WorkbookLayout,
    column_letter,
    inspect_sheets,
    sheet_layout,
)
from toolkit.spreadsheets.reading import Workbook
from toolkit.vocab import fold

KEEP = ("custom", "append_notes", "ignore")  # what a column may do besides filling a field


class ChoiceRefused(ValueError):
    """A choice that does not fit the file; ``key`` names the message in the catalogs."""

    def __init__(self, key: str, **details: object) -> None:
        super().__init__(key)
        self.key = key
        self.details = details


@dataclass
class Choices:
    sheets: list[str] = field(default_factory=list)  # only these sheets (all the detected ones when empty)
    header_row: int | None = None  # Excel's row number of the header, in every chosen sheet
    maps: list[str] = field(default_factory=list)  # "COLUMN=field": a header (or a column letter) and a field


def field_choices(role: str) -> list[str]:
    """The fields a column of a sheet of ``role`` may fill, then what else it may do."""
    if role == "actors":
        return [*ACTOR_HEADERS, *KEEP]
    return [*RELATION_HEADERS, "custom", "ignore"]


def sheet_choice(suggested: SheetLayout, role: str, rows: list[list[object]], header_row: int) -> SheetLayout:
    """One sheet as the wizard's steps 2-4 start it for the role and header row (0-based) the person
    has: the suggestion itself while both are the suggested ones (a NodeXL sheet without its drawing
    columns, a skipped sheet with its reason), else the sheet read again under them."""
    if role == suggested.role and (role == "skip" or header_row == suggested.header_row):
        return suggested
    if role == "skip" or not rows:
        return SheetLayout(suggested.name, "skip", 0, [])
    return sheet_layout(suggested.name, role, rows, header_row)


def chosen_layout(workbook: Workbook, choices: Choices) -> WorkbookLayout:
    """The layout the file would get in the wizard with these choices; raises :class:`ChoiceRefused`."""
    rows_of = {sheet.name: sheet.rows for sheet in workbook.sheets}
    auto = inspect_sheets([(sheet.name, sheet.rows) for sheet in workbook.sheets])
    sheets = _chosen_sheets(auto, choices.sheets, rows_of)
    if choices.header_row is not None:
        sheets = [_with_header(sheet, rows_of[sheet.name], choices.header_row) for sheet in sheets]
    pairs = [_pair(text) for text in choices.maps]
    for column, wanted in pairs:
        found = False
        for sheet in sheets:
            if sheet.role != "skip":
                found = _map(sheet, column, wanted) or found
        if not found:
            raise ChoiceRefused("cli.import.unknown_column", column=column)
    return WorkbookLayout(format=auto.format, sheets=sheets)


def _chosen_sheets(auto: WorkbookLayout, names: list[str], rows_of: dict) -> list[SheetLayout]:
    if not names:
        return list(auto.sheets)
    by_name = {fold(sheet.name): sheet for sheet in auto.sheets}
    wanted = {fold(name) for name in names}
    for name in names:
        if fold(name) not in by_name:
            raise ChoiceRefused("cli.import.unknown_sheet", sheet=name, sheets=", ".join(s.name for s in auto.sheets))
    chosen = []
    for sheet in auto.sheets:
        if fold(sheet.name) not in wanted:
            chosen.append(SheetLayout(sheet.name, "skip", 0, []))
        elif sheet.role == "skip":  # a sheet named on purpose is a list of actors
            chosen.append(_read_as(sheet.name, "actors", rows_of[sheet.name], sheet.header_row))
        else:
            chosen.append(sheet)
    return chosen


def _with_header(sheet: SheetLayout, rows: list[list[object]], excel_row: int) -> SheetLayout:
    if sheet.role == "skip":
        return sheet
    if not 1 <= excel_row <= len(rows):
        raise ChoiceRefused("cli.import.header_row", row=excel_row, sheet=sheet.name, count=len(rows))
    return _read_as(sheet.name, sheet.role, rows, excel_row - 1)


def _read_as(name: str, role: str, rows: list[list[object]], header_row: int) -> SheetLayout:
    """A sheet read as ``role`` under the given header row (0-based), as the wizard reads it: a
    second header row joined, the name column chosen from the content when no header says so."""
    return sheet_layout(name, role, rows, header_row)


def _pair(text: str) -> tuple[str, str]:
    column, sign, wanted = text.rpartition("=")
    if not sign or not column.strip() or not wanted.strip():
        raise ChoiceRefused("cli.import.bad_map", value=text)
    return column.strip(), wanted.strip().lower()


def _map(sheet: SheetLayout, column: str, wanted: str) -> bool:
    """Give the column (by header or by letter) the field; the column that had it is kept as a field
    of its own. Returns whether the sheet has the column."""
    choices = field_choices(sheet.role)
    if wanted not in choices:
        raise ChoiceRefused("cli.import.unknown_field", field=wanted, choices=", ".join(choices))
    target = next((c for c in sheet.columns if fold(c.header) == fold(column)), None)
    if target is None:
        target = next((c for c in sheet.columns if column_letter(c.index) == column.upper()), None)
    if target is None:
        return False
    new_field = None if wanted == "ignore" else wanted
    columns = []
    for current in sheet.columns:
        if current is target:
            columns.append(ColumnMap(current.index, current.header, new_field))
        elif new_field not in (None, "custom", "append_notes") and current.field == new_field:
            columns.append(ColumnMap(current.index, current.header, "custom"))
        else:
            columns.append(current)
    sheet.columns = columns
    return True
