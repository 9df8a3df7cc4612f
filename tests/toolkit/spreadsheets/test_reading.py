"""The guarded reader, over files built at test time (see conftest.py).

Readable files must come through with their values; every hostile or unreadable
file must end in ``UnreadableFile`` with the right reason, never in another
exception, and never in the interpreter dying.
"""

from __future__ import annotations

import datetime as dt
import io
import pickle
import random
import subprocess
import sys
import tracemalloc

import hostile_files
import openpyxl
import pytest
from babel.numbers import parse_decimal

from toolkit.spreadsheets import reading
from toolkit.spreadsheets.reading import (
    REASONS,
    ReadLimits,
    UnreadableFile,
    Workbook,
    _ResultUnpickler,
    read_workbook,
)

MIB = 1024 * 1024

TITLE = "Mapa de actores – Medellín 2024"
SUBTITLE = "Secretaría de Gobierno"
HEADERS = ["Nombre", "Teléfono", "Fecha", "Aporte"]
GOBERNACION = ["Gobernación de Antioquia", 3001234567, dt.date(2024, 3, 15), 3.5]
ASOCIACION = ["Asociación Campesina Año Nuevo", 3109876543, dt.date(2023, 11, 2), 12]
BLANK = [None, None, None, None]
PLAIN_ROWS = [[TITLE, None, None, None], [SUBTITLE, None, None, None], BLANK, HEADERS, GOBERNACION, BLANK, ASOCIACION]


def _reason(data: bytes, filename: str, limits: ReadLimits | None = None) -> UnreadableFile:
    with pytest.raises(UnreadableFile) as caught:
        read_workbook(data, filename, limits or ReadLimits())
    assert caught.value.reason in REASONS
    return caught.value


# --- readable files: case, kind, sheet name, expected rows of that sheet --------------

READABLE = [
    pytest.param("plain_xlsx", "xlsx", "Actores", PLAIN_ROWS, id="xlsx-title-merged-blank-rows"),
    pytest.param("xlsm", "xlsm", "Actores", PLAIN_ROWS, id="xlsm"),
    pytest.param("xls", "xls", "Actores", PLAIN_ROWS, id="xls-xlwt"),
    pytest.param(
        "ods",
        "ods",
        "Actores",
        [
            ["Nombre", "Teléfono", "Aporte"],
            ["Gobernación de Antioquia", 3001234567, 3.5],
            ["Asociación Campesina Año Nuevo", 3109876543, 12],
        ],
        id="ods-pandas-odf",
    ),
    pytest.param(
        "csv_utf8_comma",
        "csv",
        "actores",
        [
            ["Nombre", "Teléfono", "Municipio"],
            ["Gobernación de Antioquia", "3001234567", "Medellín"],
            ["Alcaldía de Envigado", "6043394000", "Envigado"],
        ],
        id="csv-utf8-comma",
    ),
    pytest.param(
        "csv_cp1252_semicolon",
        "csv",
        "actores_excel",
        [
            ["Nombre", "Aporte", "Municipio"],
            ["Gobernación", "3,5", "Medellín"],
            ["Asociación Campesina Año Nuevo", "12,75", "Río Negro"],
        ],
        id="csv-cp1252-semicolon-decimal-commas",
    ),
    pytest.param(
        "csv_utf8_bom",
        "csv",
        "con_bom",
        [["Nombre", "Municipio"], ["Alcaldía de Envigado", "Envigado"]],
        id="csv-utf8-bom",
    ),
    pytest.param(
        "csv_quoted",
        "csv",
        "comillas",
        [
            ["Nombre", "Dirección", "Notas"],
            ["Junta de Acción Comunal; barrio Moravia", "Cra 52; #80-10", 'dijo "sí"\nen la reunión'],
            ["Mesa de víctimas", "Cl 44", None],
        ],
        id="csv-quoted-separators-and-newline",
    ),
    pytest.param(
        "txt_utf16_tab",
        "csv",
        "texto unicode",
        [["Nombre", "Municipio"], ["Gobernación", "Medellín"]],
        id="txt-utf16-tab",
    ),
]


@pytest.mark.parametrize(("case", "kind", "sheet_name", "rows"), READABLE)
def test_readable_files_come_through(build_file, case, kind, sheet_name, rows) -> None:
    workbook = read_workbook(*build_file(case))
    assert isinstance(workbook, Workbook)
    assert workbook.kind == kind
    sheet = workbook.sheets[0]
    assert sheet.name == sheet_name
    assert sheet.rows == rows
    assert not sheet.hidden
    assert all(len(row) == len(rows[0]) for row in sheet.rows)  # a rectangle, trailing blanks trimmed


@pytest.mark.parametrize("case", ["plain_xlsx", "xlsm", "xls", "ods"])
def test_numbers_typed_as_numbers_read_as_int(build_file, case) -> None:
    sheet = read_workbook(*build_file(case)).sheets[0]
    phones = [row[1] for row in sheet.rows if row[0] == "Gobernación de Antioquia"]
    assert phones == [3001234567]
    assert type(phones[0]) is int  # not 3001234567.0
    aporte = next(row[-1] for row in sheet.rows if row[0] == "Gobernación de Antioquia")
    assert aporte == 3.5 and type(aporte) is float


def test_merged_title_sits_in_its_first_cell(build_file) -> None:
    rows = read_workbook(*build_file("plain_xlsx")).sheets[0].rows
    assert rows[0] == [TITLE, None, None, None]  # stripped, the merged cells to its right are None


@pytest.mark.parametrize(
    ("case", "encoding", "separator"),
    [
        ("csv_utf8_comma", "utf-8", ","),
        ("csv_cp1252_semicolon", "cp1252", ";"),
        ("csv_utf8_bom", "utf-8", ";"),
        ("csv_quoted", "utf-8", ";"),
        ("txt_utf16_tab", "utf-16", "\t"),
    ],
)
def test_csv_reports_encoding_and_separator(build_file, case, encoding, separator) -> None:
    workbook = read_workbook(*build_file(case))
    assert (workbook.encoding, workbook.separator) == (encoding, separator)


@pytest.mark.parametrize("case", ["plain_xlsx", "xls", "ods"])
def test_spreadsheets_have_no_csv_metadata(build_file, case) -> None:
    workbook = read_workbook(*build_file(case))
    assert (workbook.encoding, workbook.separator) == (None, None)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("hidden_sheet_xlsx", {"Visible": False, "Listas": True, "Interna": True}),
        ("xls", {"Actores": False, "Listas": True}),
    ],
)
def test_hidden_sheets_are_flagged(build_file, case, expected) -> None:
    workbook = read_workbook(*build_file(case))
    assert {sheet.name: sheet.hidden for sheet in workbook.sheets} == expected


def test_empty_sheets_stay_listed_when_another_has_data(build_file) -> None:
    workbook = read_workbook(*build_file("empty_sheet_kept_xlsx"))
    assert [(sheet.name, sheet.rows) for sheet in workbook.sheets] == [
        ("actors", [["name"], ["Concejo de Medellín"]]),
        ("relations", []),
    ]


# --- unreadable files: case, reason, details that must be there -----------------------

UNREADABLE = [
    pytest.param("empty", "empty_file", {}, id="empty-file"),
    pytest.param("blank_text", "empty_file", {}, id="only-blank-lines"),
    pytest.param("too_large", "too_large", {"size_mb": "25", "limit_mb": "20"}, id="25MB-over-default-limit"),
    pytest.param("pdf_as_xlsx", "pdf", {}, id="pdf-renamed-xlsx"),
    pytest.param("pdf_as_exe", "pdf", {}, id="pdf-content-beats-extension"),
    pytest.param("truncated_xlsx", "corrupt", {}, id="truncated-xlsx"),
    pytest.param("docx_like", "not_spreadsheet", {}, id="docx-renamed-xlsx"),
    pytest.param("odt_like", "not_spreadsheet", {}, id="odt-renamed-ods"),
    pytest.param("png_as_xlsx", "not_spreadsheet", {}, id="image-renamed-xlsx"),
    pytest.param("word_in_ole2", "not_spreadsheet", {}, id="ole2-without-workbook"),
    pytest.param("password_xlsx", "password", {}, id="password-protected-xlsx"),
    pytest.param("empty_workbook", "no_sheets", {}, id="all-sheets-empty"),
    pytest.param("exe", "unsupported_extension", {"extension": ".exe"}, id="exe"),
    pytest.param("no_extension", "unsupported_extension", {"extension": "actores"}, id="no-extension"),
    pytest.param("xlsb_like", "legacy", {}, id="xlsb-content"),
    pytest.param("biff2_as_xls", "legacy", {}, id="excel-2-biff"),
    pytest.param("lotus_as_xls", "legacy", {}, id="lotus-wk1"),
    pytest.param("html_as_xls", "legacy", {}, id="html-saved-as-xls"),
    pytest.param("cell_bomb_xlsx", "too_large", {"size_mb": "0,1", "limit_mb": "20"}, id="cell-bomb-A1-XFD1048576"),
]


@pytest.mark.parametrize(("case", "reason", "details"), UNREADABLE)
def test_unreadable_files_say_why(build_file, case, reason, details) -> None:
    error = _reason(*build_file(case))
    assert error.reason == reason
    assert details.items() <= error.details.items()


def test_random_bytes_are_refused_cleanly(random_bytes) -> None:
    assert _reason(random_bytes, "actores.xlsx").reason in {"not_spreadsheet", "corrupt"}


def test_too_large_counts_cells_too(build_file) -> None:
    error = _reason(*build_file("xls"), ReadLimits(max_cells=20))
    assert error.reason == "too_large"
    assert error.details["cells"] == 7 * 4 and error.details["max_cells"] == 20  # A1:D7, counted from A1
    assert {"size_mb", "limit_mb"} <= error.details.keys()  # the catalog message needs them


def test_csv_cells_are_limited_too(build_file) -> None:
    assert _reason(*build_file("csv_utf8_comma"), ReadLimits(max_cells=5)).reason == "too_large"


def test_upload_limit_is_configurable(build_file) -> None:
    data, name = build_file("plain_xlsx")
    error = _reason(data, name, ReadLimits(max_bytes=1024))
    assert (error.reason, error.details["limit_mb"]) == ("too_large", "0")
    assert read_workbook(data, name, ReadLimits(max_bytes=len(data))).kind == "xlsx"


@pytest.mark.parametrize(
    "case",
    [
        pytest.param("cell_bomb_xls", id="xls-A1-IV65536"),
        pytest.param("dimensions_bomb_xls", id="xls-dimensions-4-billion-rows"),
        pytest.param("cell_bomb_ods", id="ods-repeated-rows-and-columns"),
    ],
)
def test_expansion_bombs_fail_their_read_not_the_app(build_file, case) -> None:
    """calamine expands .xls and .ods sheets when the file is opened, before any cell count
    can be checked: the child process's memory cap is what stops these (and this process survives)."""
    capped = ReadLimits(max_memory=256 * MIB)
    error = _reason(*build_file(case), capped)
    assert error.reason == "too_large"
    assert {"size_mb", "limit_mb"} <= error.details.keys()
    assert read_workbook(*build_file("xls"), capped).kind == "xls"  # the cap itself leaves room for real files


@pytest.mark.parametrize("case", ["plain_xlsx", "xls", "ods"])
def test_damaged_bytes_only_ever_raise_unreadable_file(build_file, case) -> None:
    data, name = build_file(case)
    for seed in range(4):
        damaged = bytearray(data)
        rng = random.Random(seed)
        for _ in range(8):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        try:
            read_workbook(bytes(damaged), name)
        except UnreadableFile as error:
            assert error.reason in REASONS


# --- zip bombs: refused from the directory alone, without decompressing anything ------


def _peak_memory(data: bytes, filename: str) -> tuple[UnreadableFile, int]:
    tracemalloc.start()
    try:
        with pytest.raises(UnreadableFile) as caught:
            read_workbook(data, filename)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return caught.value, peak


@pytest.mark.parametrize(
    ("bomb", "detail"),
    [("ratio", "ratio"), ("declared", "size_mb"), ("members", "members")],
    ids=["200MB-of-zeros-1000-to-1", "2GB-declared-member", "6000-members"],
)
def test_zip_bombs_are_refused_without_decompressing(zip_bombs, bomb, detail) -> None:
    data = zip_bombs[bomb].read_bytes()
    assert len(data) < 2 * MIB
    error, peak = _peak_memory(data, "actores.xlsx")
    assert error.reason == "zip_bomb"
    assert detail in error.details
    assert peak < 50 * MIB, f"peak {peak / MIB:.1f} MB: something was decompressed"


def test_ratio_bomb_is_caught_by_the_ratio(zip_bombs) -> None:
    error = _reason(zip_bombs["ratio"].read_bytes(), "actores.xlsx")
    assert error.details["ratio"] > ReadLimits().max_ratio
    assert parse_decimal(error.details["size_mb"], locale="es") < 300  # under the size limit: the ratio alone caught it


def test_declared_size_bomb_reports_its_size(zip_bombs) -> None:
    error = _reason(zip_bombs["declared"].read_bytes(), "actores.xlsx")
    assert parse_decimal(error.details["size_mb"], locale="es") > 1900


# --- the shape of a file: sheets, columns, cells (security probe, issue 12) -------------
# Each hostile shape must be refused by its own limit, before the calamine child is started
# (for what the parent can see) and before anything downstream looks at the cells.


@pytest.fixture
def parses(monkeypatch) -> list[int]:
    """Records each parse by calamine (the child process), letting it run."""
    calls: list[int] = []
    real = reading._parse_spreadsheet

    def recorded(data: bytes, limits: ReadLimits):
        calls.append(len(data))
        return real(data, limits)

    monkeypatch.setattr(reading, "_parse_spreadsheet", recorded)
    return calls


def test_a_csv_of_a_million_columns_is_refused_by_the_column_limit() -> None:
    data = hostile_files.wide_csv(1_000_000)  # the probe's file: 2 MB, one row
    error = _reason(data, "columnas.csv")
    assert (error.reason, error.details) == ("too_many_columns", {"columns": 1_000_000, "max_columns": 500})
    assert error.message_key == "import.unreadable.too_many_columns"


def test_a_workbook_of_4900_sheets_is_refused_from_its_index_before_calamine(parses) -> None:
    data = hostile_files.xlsx_of_sheets(4_900)  # the probe's file: 1.7 MB
    error = _reason(data, "hojas.xlsx")
    assert error.reason == "too_many_sheets" and error.details["max_sheets"] == 100
    assert error.details["sheets"] > 100
    assert parses == []  # refused by the count of xl/workbook.xml, no sheet parsed
    assert error.message_key == "import.unreadable.too_many_sheets"


def test_a_workbook_at_the_sheet_limit_is_read(parses) -> None:
    workbook = read_workbook(hostile_files.xlsx_of_sheets(100), "hojas.xlsx")
    assert len(workbook.sheets) == 100 and workbook.sheets[99].rows[0] == ["Nombre", "Sector"]
    assert len(parses) == 1


def test_the_sheets_of_any_kind_are_counted_before_any_is_read(build_file) -> None:
    """An .xls has no zip index: the child counts the workbook's sheets before reading one."""
    error = _reason(*build_file("xls"), ReadLimits(max_sheets=1))  # "Actores" and a hidden "Listas"
    assert error.details == {"sheets": 2, "max_sheets": 1}


def test_a_sheet_over_the_cell_limit_is_refused_while_it_is_read() -> None:
    data = hostile_files.long_csv(200_001, columns=10)  # 2,000,020 cells, 4 MB
    error = _reason(data, "filas.csv")
    assert error.reason == "too_large" and error.details["max_cells"] == 2_000_000
    assert error.message_key == "import.unreadable.too_many_cells"


def test_an_xlsx_over_the_cell_limit_is_refused_before_its_cells_are_built() -> None:
    book = openpyxl.Workbook()
    book.active["A1"], book.active["J200001"] = "Nombre", "x"  # 2,000,010 cells from A1
    buffer = io.BytesIO()
    book.save(buffer)
    error = _reason(buffer.getvalue(), "filas.xlsx")
    assert error.reason == "too_large" and error.details["cells"] == 2_000_010


def test_a_sheet_over_the_column_limit_is_refused_by_the_child() -> None:
    data = hostile_files.xlsx_of_sheets(1, [[f"Columna {i}" for i in range(501)]])
    error = _reason(data, "ancho.xlsx")
    assert error.details == {"columns": 501, "max_columns": 500}


def test_blank_columns_past_the_limit_are_not_columns() -> None:
    """Excel writes a separator for every column of its used range; only data counts."""
    data = ("Nombre;Sector" + ";" * 2_000 + "\nAlcaldía;Gobierno" + "; " * 2_000 + "\n").encode()
    workbook = read_workbook(data, "excel.csv")
    assert workbook.sheets[0].rows == [["Nombre", "Sector"], ["Alcaldía", "Gobierno"]]
    error = _reason(("Nombre" + ";" * 600 + "x\n").encode(), "lejos.csv")
    assert error.details == {"columns": 601, "max_columns": 500}


# --- the isolation's own guarantees ----------------------------------------------------


def test_the_child_answer_cannot_smuggle_objects() -> None:
    hostile = pickle.dumps(("ok", [("x", False, [[subprocess.Popen]])]))
    with pytest.raises(pickle.UnpicklingError):
        _ResultUnpickler(io.BytesIO(hostile)).load()
    plain = pickle.dumps(("ok", [("x", False, [[dt.date(2024, 1, 5), dt.datetime(2024, 1, 5, 8), 1, None]])]))
    assert _ResultUnpickler(io.BytesIO(plain)).load()[1][0][2][0][0] == dt.date(2024, 1, 5)


def test_reading_never_imports_streamlit(pytestconfig) -> None:
    code = "import sys, toolkit.spreadsheets.reading; assert 'streamlit' not in sys.modules"
    subprocess.run([sys.executable, "-c", code], check=True, cwd=pytestconfig.rootpath)
