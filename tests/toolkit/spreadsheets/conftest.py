"""Files for the reader's tests, built at test time with the real libraries.

``build_file(case)`` returns ``(data, filename)`` for a case name; the zip bombs are
written once per session under ``tmp_path_factory`` (``zip_bombs`` maps a name to a path).
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import random
import struct
import zipfile
from collections.abc import Callable

import pandas as pd
import pytest
import xlwt
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook
from openpyxl.styles import Font

MIB = 1024 * 1024
XLSX_MAIN = b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"
XLSM_MAIN = b"application/vnd.ms-excel.sheet.macroEnabled.main+xml"

TITLE = "Mapa de actores – Medellín 2024"
SUBTITLE = "Secretaría de Gobierno"
HEADERS = ["Nombre", "Teléfono", "Fecha", "Aporte"]
GOBERNACION = ["Gobernación de Antioquia", 3001234567, dt.date(2024, 3, 15), 3.5]
ASOCIACION = ["Asociación Campesina Año Nuevo", 3109876543, dt.date(2023, 11, 2), 12]


def _save(book: Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def plain_xlsx_bytes() -> bytes:
    """Title rows merged across the table, blank rows, padded text, stray formatting far away."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Actores"
    sheet["A1"] = f"   {TITLE}  "
    sheet.merge_cells("A1:D1")
    sheet["A2"] = SUBTITLE
    sheet.merge_cells("A2:D2")
    for column, value in enumerate(HEADERS, start=1):
        sheet.cell(row=4, column=column, value=value)
    for row, values in ((5, GOBERNACION), (7, ASOCIACION)):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=row, column=column, value=value)
            if isinstance(value, dt.date):
                sheet.cell(row=row, column=column).number_format = "DD/MM/YYYY"
    sheet["G15"] = "   "  # whitespace only: becomes None, then trimmed away
    sheet["J30"].font = Font(bold=True)  # formatting only: no value
    return _save(book)


def hidden_sheet_xlsx() -> tuple[bytes, str]:
    book = Workbook()
    book.active.title = "Visible"
    book.active.append(["Nombre"])
    book.active.append(["Alcaldía de Envigado"])
    hidden = book.create_sheet("Listas")
    hidden.append(["sector"])
    hidden.sheet_state = "hidden"
    very_hidden = book.create_sheet("Interna")
    very_hidden.append(["x"])
    very_hidden.sheet_state = "veryHidden"
    return _save(book), "con_hoja_oculta.xlsx"


def empty_sheet_kept_xlsx() -> tuple[bytes, str]:
    """A backup whose relations sheet is still empty: the empty sheet must stay listed."""
    book = Workbook()
    book.active.title = "actors"
    book.active.append(["name"])
    book.active.append(["Concejo de Medellín"])
    book.create_sheet("relations")
    return _save(book), "backup.xlsx"


def xlsm_bytes() -> tuple[bytes, str]:
    """The plain list saved as a macro-enabled workbook (the content type is what marks it)."""
    source = zipfile.ZipFile(io.BytesIO(plain_xlsx_bytes()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                assert XLSX_MAIN in content
                content = content.replace(XLSX_MAIN, XLSM_MAIN)
            target.writestr(info.filename, content)
    return buffer.getvalue(), "actores.xlsm"


def xls_bytes() -> tuple[bytes, str]:
    """A real BIFF8 .xls written by xlwt, with the same list and a hidden sheet."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("Actores")
    sheet.write_merge(0, 0, 0, 3, f"   {TITLE}  ")
    sheet.write_merge(1, 1, 0, 3, SUBTITLE)
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    for column, value in enumerate(HEADERS):
        sheet.write(3, column, value)
    for row, values in ((4, GOBERNACION), (6, ASOCIACION)):
        for column, value in enumerate(values):
            if isinstance(value, dt.date):
                sheet.write(row, column, value, date_style)
            else:
                sheet.write(row, column, float(value) if isinstance(value, int) else value)
    hidden = book.add_sheet("Listas")
    hidden.write(0, 0, "sector")
    hidden.visibility = 1
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), "actores.xls"


def ods_bytes() -> tuple[bytes, str]:
    """A real .ods written by pandas through odfpy."""
    frame = pd.DataFrame(
        {
            "Nombre": ["Gobernación de Antioquia", "Asociación Campesina Año Nuevo"],
            "Teléfono": [3001234567, 3109876543],
            "Aporte": [3.5, 12.0],
        }
    )
    buffer = io.BytesIO()
    frame.to_excel(buffer, engine="odf", sheet_name="Actores", index=False)
    return buffer.getvalue(), "actores.ods"


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def docx_like() -> tuple[bytes, str]:
    return _zip(
        {
            "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
            "_rels/.rels": b'<?xml version="1.0"?><Relationships/>',
            "word/document.xml": b'<?xml version="1.0"?><w:document/>',
        }
    ), "actores.xlsx"


def odt_like() -> tuple[bytes, str]:
    return _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"}), "actores.ods"


def xlsb_like() -> tuple[bytes, str]:
    return _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x83\x01\x00"}), "actores.xlsx"


def password_xlsx() -> tuple[bytes, str]:
    """A real Agile-encrypted workbook, as Excel writes one (an OLE2 container)."""
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(plain_xlsx_bytes())).encrypt("secreto", encrypted)
    return encrypted.getvalue(), "protegido.xlsx"


def word_in_ole2() -> tuple[bytes, str]:
    """An OLE2 file without a workbook stream (like a .doc renamed .xls)."""
    data, _ = xls_bytes()
    workbook = "Workbook".encode("utf-16-le")
    assert data.count(workbook) == 1
    return data.replace(workbook, "Wordbook".encode("utf-16-le")), "informe.xls"


def empty_workbook() -> tuple[bytes, str]:
    book = Workbook()
    book.create_sheet("Hoja2")
    return _save(book), "vacio.xlsx"


def truncated_xlsx() -> tuple[bytes, str]:
    data = plain_xlsx_bytes()
    return data[: len(data) // 2], "actores.xlsx"


def cell_bomb_xlsx() -> tuple[bytes, str]:
    """Two values, in A1 and XFD1048576: a few KB that calamine expands to 17 billion cells."""
    book = Workbook()
    book.active["A1"] = "Nombre"
    book.active["XFD1048576"] = "x"
    return _save(book), "actores.xlsx"


def cell_bomb_xls() -> tuple[bytes, str]:
    """The .xls version: corners A1 and IV65536, 16.7 million cells once expanded."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Actores")
    sheet.write(0, 0, "Nombre")
    sheet.write(65535, 255, "x")
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue(), "actores.xls"


def cell_bomb_ods() -> tuple[bytes, str]:
    """One row repeated 100,000 times holding one value repeated over 1,000 columns."""
    data, name = ods_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    content = source.read("content.xml").decode()
    start = content.index(">", content.index("<table:table ")) + 1
    end = content.index("</table:table>")
    bomb = (
        '<table:table-row table:number-rows-repeated="100000">'
        '<table:table-cell table:number-columns-repeated="1000" office:value-type="string">'
        "<text:p>x</text:p></table:table-cell></table:table-row>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = source.read(info.filename)
            if info.filename == "content.xml":
                member = (content[:start] + bomb + content[end:]).encode()
            target.writestr(info, member)
    return buffer.getvalue(), name


def dimensions_bomb_xls() -> tuple[bytes, str]:
    """An honest .xls whose DIMENSIONS record claims 4 billion rows: calamine reserves room for them."""
    data, name = xls_bytes()
    dimensions = bytearray(data)
    record = dimensions.index(b"\x00\x02\x0e\x00")  # DIMENSIONS, 14 bytes (BIFF8)
    struct.pack_into("<IIHH", dimensions, record + 4, 0, 4_000_000_000, 0, 256)
    return bytes(dimensions), name


def _text(content: str, encoding: str, name: str) -> Callable[[], tuple[bytes, str]]:
    return lambda: (content.encode(encoding), name)


BUILDERS: dict[str, Callable[[], tuple[bytes, str]]] = {
    "plain_xlsx": lambda: (plain_xlsx_bytes(), "Mapa de actores.XLSX"),
    "xlsm": xlsm_bytes,
    "xls": xls_bytes,
    "ods": ods_bytes,
    "hidden_sheet_xlsx": hidden_sheet_xlsx,
    "empty_sheet_kept_xlsx": empty_sheet_kept_xlsx,
    "csv_utf8_comma": _text(
        "Nombre,Teléfono,Municipio\nGobernación de Antioquia,3001234567,Medellín\n"
        "Alcaldía de Envigado,6043394000,Envigado\n",
        "utf-8",
        "actores.csv",
    ),
    "csv_cp1252_semicolon": _text(
        "Nombre;Aporte;Municipio\r\nGobernación;3,5;Medellín\r\nAsociación Campesina Año Nuevo;12,75;Río Negro\r\n",
        "cp1252",
        "actores_excel.csv",
    ),
    "csv_utf8_bom": lambda: (
        codecs.BOM_UTF8 + "Nombre;Municipio\r\nAlcaldía de Envigado;Envigado\r\n".encode(),
        "con_bom.csv",
    ),
    "csv_quoted": _text(
        'Nombre;Dirección;Notas\n"Junta de Acción Comunal; barrio Moravia";"Cra 52; #80-10";"dijo ""sí""\n'
        'en la reunión"\nMesa de víctimas;Cl 44;\n',
        "utf-8",
        "comillas.csv",
    ),
    "txt_utf16_tab": lambda: (
        codecs.BOM_UTF16_LE + "Nombre\tMunicipio\r\nGobernación\tMedellín\r\n".encode("utf-16-le"),
        "texto unicode.txt",
    ),
    "empty": lambda: (b"", "actores.xlsx"),
    "blank_text": lambda: (b"\r\n  \r\n", "actores.csv"),
    "too_large": lambda: (b"a;b\n" * (25 * MIB // 4), "grande.csv"),
    "pdf_as_xlsx": lambda: (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "actores.xlsx"),
    "pdf_as_exe": lambda: (b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n", "actores.exe"),
    "truncated_xlsx": truncated_xlsx,
    "docx_like": docx_like,
    "odt_like": odt_like,
    "png_as_xlsx": lambda: (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "foto.xlsx"),
    "password_xlsx": password_xlsx,
    "word_in_ole2": word_in_ole2,
    "empty_workbook": empty_workbook,
    "exe": lambda: (b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120), "instalar.exe"),
    "no_extension": lambda: (b"Nombre\nAlcaldia\n", "actores"),
    "xlsb_like": xlsb_like,
    "biff2_as_xls": lambda: (b"\x09\x00\x04\x00\x02\x00\x10\x00" + bytes(200), "viejo.xls"),
    "lotus_as_xls": lambda: (b"\x00\x00\x02\x00\x06\x04\x06\x00" + bytes(200), "lotus.xls"),
    "html_as_xls": _text(
        "<html><body><table><tr><td>Nombre</td></tr><tr><td>Alcaldía</td></tr></table></body></html>",
        "utf-8",
        "reporte.xls",
    ),
    "cell_bomb_xlsx": cell_bomb_xlsx,
    "cell_bomb_xls": cell_bomb_xls,
    "cell_bomb_ods": cell_bomb_ods,
    "dimensions_bomb_xls": dimensions_bomb_xls,
}


@pytest.fixture
def build_file() -> Callable[[str], tuple[bytes, str]]:
    """``build_file(case) -> (data, filename)`` for a case of BUILDERS."""
    return lambda case: BUILDERS[case]()


@pytest.fixture
def random_bytes() -> bytes:
    return random.Random(20240315).randbytes(50_000)


def _xlsx_skeleton(archive: zipfile.ZipFile) -> None:
    archive.writestr("[Content_Types].xml", b'<?xml version="1.0"?><Types/>')
    archive.writestr("xl/workbook.xml", b'<?xml version="1.0"?><workbook/>')


def _ratio_bomb(path) -> None:
    """200 MB of zeros in one member, deflated about 1000:1, written in 1 MB chunks."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        _xlsx_skeleton(archive)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            chunk = bytes(MIB)
            for _ in range(200):
                member.write(chunk)


def _declared_bomb(path) -> None:
    """A member that declares 2 GB (its true content is 1 KB): only the directory is read."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _xlsx_skeleton(archive)
        archive.writestr("xl/worksheets/sheet1.xml", bytes(1024))
    data = bytearray(buffer.getvalue())
    name = b"xl/worksheets/sheet1.xml"
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(name)] != name:
        central = data.index(b"PK\x01\x02", central + 4)
    local = struct.unpack_from("<I", data, central + 42)[0]
    struct.pack_into("<I", data, central + 24, 2_000_000_000)
    struct.pack_into("<I", data, local + 22, 2_000_000_000)
    path.write_bytes(bytes(data))


def _members_bomb(path) -> None:
    """6,000 empty members: over the member limit while tiny on disk."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        _xlsx_skeleton(archive)
        for index in range(6_000):
            archive.writestr(f"xl/m/{index}.xml", b"")


@pytest.fixture(scope="session")
def zip_bombs(tmp_path_factory) -> dict[str, object]:
    """The zip bombs, built once per session: name -> path."""
    folder = tmp_path_factory.mktemp("bombs")
    paths = {}
    for name, make in (("ratio", _ratio_bomb), ("declared", _declared_bomb), ("members", _members_bomb)):
        paths[name] = folder / f"{name}.xlsx"
        make(paths[name])
    return paths
