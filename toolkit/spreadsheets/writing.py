"""Every spreadsheet the app writes: ``.xlsx`` workbooks and CSV files.

Protections for the people who open these files:

* user strings are always stored as text, never as formulas or error values
  (``"=HYPERLINK(...)"``, ``"#N/A"`` come back exactly as typed);
* characters that XML forbids (control characters, U+FFFE, U+FFFF, lone surrogates) are
  stripped instead of crashing (:func:`toolkit.text.clean`);
* dates are real dates (``yyyy-mm-dd``), numbers are numbers, booleans booleans;
* dropdown values live on a hidden ``_lists`` sheet referenced by range, so
  long lists and values with quotes or commas never break the validation;
* CSV cells that Excel could run as a formula get a leading apostrophe.

Sheets are streamed with openpyxl's write-only mode, which supports everything
used here (styles, freeze panes, autofilter, data validations, hidden sheets).
"""

from __future__ import annotations

import csv
import io
import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from toolkit.text import clean

LISTS_SHEET = "_lists"
DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
MAX_SHEET_NAME = 31
MAX_ROWS = 1_048_576
MIN_WIDTH = 8.0
MAX_WIDTH = 60.0
NOTES_WIDTH = 100.0
# a string starting with one of these is prefixed with "'" in CSV (OWASP CSV injection)
CSV_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

_SHEET_NAME_FORBIDDEN_RE = re.compile(r"[\[\]:*?/\\]")
_SHEET_NAME_CONTROL_RE = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")
_RESERVED_SHEET_NAMES = frozenset({"history"})  # Excel refuses a sheet called "History"
_EXCEL_MIN_DATE = date(1900, 1, 1)
_MAX_EXACT_INT = 10**15  # Excel keeps 15 significant digits; longer ints go as text


@dataclass
class SheetSpec:
    """One sheet: a table (headers + rows) or an instructions sheet (notes)."""

    name: str
    headers: list[str]
    rows: list[list[object]]
    dropdowns: dict[int, list[str]] = field(default_factory=dict)
    multi_value_columns: set[int] = field(default_factory=set)
    widths: dict[int, float] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    hidden: bool = False


def text_cell(value: object) -> object:
    """Strings without the characters XML forbids; other values unchanged.

    >>> text_cell("Comité\\x1b de\\x00 paz\\ufffe"), text_cell(3)
    ('Comité de paz', 3)
    """
    if isinstance(value, str):
        return clean(value)
    return value


def csv_cell(value: object) -> str:
    """One CSV field: ISO dates, "" for None, "'" before text Excel could run as a formula."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, (int, Decimal)):
        return str(value)
    if isinstance(value, float):
        return "" if math.isnan(value) else str(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = str(text_cell(str(value)))
    return "'" + text if text.startswith(CSV_FORMULA_PREFIXES) else text


def write_csv(headers: list[str], rows: list[list[object]], separator: str = ";") -> bytes:
    """CSV as UTF-8 with BOM and CRLF; ";" suits es/fr/pt Excel, pass "," for English."""
    if len(separator) != 1 or separator in "\"'\r\n":
        raise ValueError(f"invalid CSV separator: {separator!r}")
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    if headers:
        writer.writerow([csv_cell(header) for header in headers])
    writer.writerows([csv_cell(value) for value in row] for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


def write_workbook(sheets: list[SheetSpec]) -> bytes:
    """The ``.xlsx`` bytes of these sheets (plus a hidden ``_lists`` sheet for dropdowns)."""
    if not sheets:
        raise ValueError("a workbook needs at least one sheet")
    if all(spec.hidden for spec in sheets):
        raise ValueError("a workbook needs at least one visible sheet")
    for spec in sheets:  # before any row is streamed to openpyxl's temporary files
        _check(spec)
    needs_lists = any(spec.dropdowns for spec in sheets)
    names = _unique_sheet_names([spec.name for spec in sheets], {LISTS_SHEET} if needs_lists else set())

    workbook = Workbook(write_only=True)
    lists: dict[tuple[str, ...], int] = {}  # list values -> column index on _lists
    for spec, name in zip(sheets, names, strict=True):
        worksheet = workbook.create_sheet(name)
        if spec.notes:
            _write_notes(worksheet, spec)
        else:
            _write_table(worksheet, spec, lists)
        if spec.hidden:
            worksheet.sheet_state = "hidden"
    if lists:
        _write_lists(workbook.create_sheet(LISTS_SHEET), list(lists))
    workbook.active = next(index for index, spec in enumerate(sheets) if not spec.hidden)

    output = io.BytesIO()
    workbook.save(output)
    return output.getvalue()


# -- sheet names ---------------------------------------------------------------------------


def _clean_sheet_name(name: object) -> str:
    """A name Excel accepts: <= 31 chars, none of []:*?/\\, no leading/trailing quote."""
    text = _SHEET_NAME_CONTROL_RE.sub("", str(name))
    text = _SHEET_NAME_FORBIDDEN_RE.sub("_", text).strip().strip("'").strip()
    text = text[:MAX_SHEET_NAME].rstrip().rstrip("'").rstrip()
    if not text:
        return "Sheet"
    if text.casefold() in _RESERVED_SHEET_NAMES:
        return text + "_"
    return text


def _unique_sheet_names(names: list[str], reserved: set[str]) -> list[str]:
    """Cleaned names, made unique the way Excel compares them (case-insensitive)."""
    taken = {name.casefold() for name in reserved}
    unique: list[str] = []
    for name in names:
        base = candidate = _clean_sheet_name(name)
        counter = 2
        while candidate.casefold() in taken:
            suffix = f" ({counter})"
            candidate = base[: MAX_SHEET_NAME - len(suffix)].rstrip() + suffix
            counter += 1
        taken.add(candidate.casefold())
        unique.append(candidate)
    return unique


# -- cells ---------------------------------------------------------------------------------


def _excel_value(value: object) -> object:
    """A value openpyxl can store without losing or corrupting it."""
    if value is None or isinstance(value, (bool, str)):
        return text_cell(value)
    if isinstance(value, int):
        return value if abs(value) < _MAX_EXACT_INT else str(value)
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, datetime):
        value = value.replace(tzinfo=None)  # Excel has no time zones: keep the wall time
        return value if value.date() >= _EXCEL_MIN_DATE else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value if value >= _EXCEL_MIN_DATE else value.isoformat()
    if isinstance(value, Decimal):
        return None if not value.is_finite() else value
    return text_cell(str(value))


def _text(worksheet: Worksheet, text: str) -> WriteOnlyCell:
    """A cell forced to hold ``text`` as a string (never a formula or error)."""
    cell = WriteOnlyCell(worksheet, text)
    cell.data_type = "s"
    return cell


def _to_cell(worksheet: Worksheet, value: object) -> object:
    """What to append for one value: plain values stream fast, the rest get a styled cell."""
    value = _excel_value(value)
    if isinstance(value, str):
        if value.startswith("=") or value in ERROR_CODES:
            return _text(worksheet, value)
        return value
    if isinstance(value, datetime):
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = DATETIME_FORMAT
        return cell
    if isinstance(value, date):
        cell = WriteOnlyCell(worksheet, value)
        cell.number_format = DATE_FORMAT
        return cell
    return value


def _header_cell(worksheet: Worksheet, header: object, wrap: bool = False) -> WriteOnlyCell:
    cell = _text(worksheet, str(text_cell("" if header is None else str(header))))
    cell.font = Font(bold=True)
    if wrap:
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    return cell


def _display_length(value: object) -> int:
    """Roughly how many characters a value shows in its cell."""
    if value is None:
        return 0
    if isinstance(value, str):
        return max(map(len, value.split("\n"))) if "\n" in value else len(value)
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    return len(str(value))


# -- sheets --------------------------------------------------------------------------------


def _column_widths(spec: SheetSpec, column_count: int) -> dict[int, float]:
    """Width per column from its longest content (header, values, dropdown values), capped."""
    longest = [0] * column_count
    for index, header in enumerate(spec.headers):
        longest[index] = _display_length(header) + 3  # bold text and the filter arrow
    for row in spec.rows:
        for index, value in enumerate(row):
            longest[index] = max(longest[index], _display_length(value))
    for index, values in spec.dropdowns.items():
        if 0 <= index < column_count and values:
            longest[index] = max(longest[index], max(_display_length(str(v)) for v in values))
    widths = {index: min(MAX_WIDTH, max(MIN_WIDTH, length + 2.0)) for index, length in enumerate(longest)}
    widths.update(spec.widths)
    return widths


def _check(spec: SheetSpec) -> None:
    """Refuse a sheet Excel could not hold or that mixes notes with a table."""
    if spec.notes and (spec.rows or spec.dropdowns):
        raise ValueError(f"sheet {spec.name!r}: a notes sheet takes no rows or dropdowns")
    if len(spec.rows) + (1 if spec.headers else 0) > MAX_ROWS:
        raise ValueError(f"sheet {spec.name!r} has more rows than Excel allows ({MAX_ROWS})")
    if any(index < 0 for index in spec.dropdowns):
        raise ValueError(f"sheet {spec.name!r}: dropdown column indexes must be >= 0")


def _write_table(worksheet: Worksheet, spec: SheetSpec, lists: dict[tuple[str, ...], int]) -> None:
    """Header row (bold, frozen, filtered), data rows and dropdown validations."""
    column_count = max([len(spec.headers), *(len(row) for row in spec.rows), *(i + 1 for i in spec.dropdowns)])
    for index, width in _column_widths(spec, column_count).items():
        worksheet.column_dimensions[get_column_letter(index + 1)].width = width

    first_data_row = 1
    if spec.headers:
        first_data_row = 2
        worksheet.freeze_panes = "A2"
        last_column = get_column_letter(max(column_count, 1))
        worksheet.auto_filter.ref = f"A1:{last_column}{len(spec.rows) + 1}"
        worksheet.append([_header_cell(worksheet, header) for header in spec.headers])
    for row in spec.rows:
        worksheet.append([_to_cell(worksheet, value) for value in row])

    for index, values in sorted(spec.dropdowns.items()):
        cleaned = _list_values(values)
        if not cleaned:
            continue
        list_column = get_column_letter(lists.setdefault(cleaned, len(lists)) + 1)
        validation = DataValidation(
            type="list",
            formula1=f"'{LISTS_SHEET}'!${list_column}$1:${list_column}${len(cleaned)}",
            allow_blank=True,
            showErrorMessage=index not in spec.multi_value_columns,
        )
        column = get_column_letter(index + 1)
        validation.add(f"{column}{first_data_row}:{column}{MAX_ROWS}")
        worksheet.data_validations.append(validation)


def _write_notes(worksheet: Worksheet, spec: SheetSpec) -> None:
    """An instructions sheet: optional bold header row, then one wrapped paragraph per row."""
    for index in range(max(len(spec.headers), 1)):
        worksheet.column_dimensions[get_column_letter(index + 1)].width = spec.widths.get(index, NOTES_WIDTH)
    if spec.headers:
        worksheet.append([_header_cell(worksheet, header, wrap=True) for header in spec.headers])
    for note in spec.notes:
        cell = _text(worksheet, str(text_cell("" if note is None else str(note))))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        worksheet.append([cell])


def _list_values(values: list[str]) -> tuple[str, ...]:
    """Dropdown values as clean, non-empty, de-duplicated strings (order kept)."""
    cleaned = (str(text_cell(str(value))) for value in values if value is not None)
    return tuple(dict.fromkeys(value for value in cleaned if value.strip()))


def _write_lists(worksheet: Worksheet, lists: list[tuple[str, ...]]) -> None:
    """The hidden ``_lists`` sheet: one column per dropdown list, values from row 1."""
    worksheet.sheet_state = "hidden"
    for index in range(max(len(values) for values in lists)):
        worksheet.append([_text(worksheet, values[index]) if index < len(values) else None for values in lists])
