"""Files shaped to hurt the import (security probe, issue 12), built in memory in a blink:
a CSV of one row of a million columns, a workbook of thousands of sheets, a sheet over the cell
limit. Shared by the tests and ``benchmarks/hostile_files.py``."""

from __future__ import annotations

import io
import zipfile

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "{overrides}</Types>"
)
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)


def wide_csv(columns: int = 1_000_000) -> bytes:
    """One row of ``columns`` one-letter values separated by ``;`` (2 MB for a million)."""
    return ";".join(["x"] * columns).encode() + b"\n"


def long_csv(rows: int, columns: int = 10) -> bytes:
    """A header row and ``rows`` rows of ``columns`` short numbers: ``rows * columns`` cells."""
    header = ";".join(f"Columna {i}" for i in range(columns))
    line = ";".join("1" for _ in range(columns))
    return (header + "\n" + (line + "\n") * rows).encode()


def xlsx_of_sheets(sheets: int, rows: list[list[str]] | None = None) -> bytes:
    """A valid .xlsx of ``sheets`` small worksheets (each with ``rows``, inline strings), zipped
    from minimal XML: 4,900 sheets take well under a second and about 1 MB."""
    rows = rows if rows is not None else [["Nombre", "Sector"], ["Alcaldía", "Gobierno"]]
    body = "".join(
        f'<row r="{r}">'
        + "".join(f'<c r="{_letter(c)}{r}" t="inlineStr"><is><t>{value}</t></is></c>' for c, value in enumerate(row))
        + "</row>"
        for r, row in enumerate(rows, start=1)
    )
    worksheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{_MAIN}"><sheetData>{body}</sheetData></worksheet>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        overrides = "".join(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="{_SHEET_TYPE}"/>'
            for i in range(1, sheets + 1)
        )
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES.format(overrides=overrides))
        archive.writestr("_rels/.rels", _PACKAGE_RELS)
        names = "".join(f'<sheet name="Hoja{i}" sheetId="{i}" r:id="rId{i}"/>' for i in range(1, sheets + 1))
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_RELATIONSHIPS}">'
            f"<sheets>{names}</sheets></workbook>",
        )
        links = "".join(
            f'<Relationship Id="rId{i}" Type="{_RELATIONSHIPS}/worksheet" Target="worksheets/sheet{i}.xml"/>'
            for i in range(1, sheets + 1)
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{links}</Relationships>',
        )
        for i in range(1, sheets + 1):
            archive.writestr(f"xl/worksheets/sheet{i}.xml", worksheet)
    return buffer.getvalue()


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
