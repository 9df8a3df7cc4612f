"""The guarded reader: every uploaded file is treated as hostile.

Size first, then the content is sniffed by its magic bytes (not its extension), zip
archives are measured before anything is decompressed, and only then does
python-calamine parse the workbook. Anything that cannot be read raises
:class:`UnreadableFile` with a reason the catalogs explain (``import.unreadable.<reason>``).
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine

ACCEPTED = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt")
SEPARATORS = (";", ",", "\t", "|")
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ENCRYPTED_MARK = "EncryptionInfo".encode("utf-16-le")


@dataclass(frozen=True)
class ReadLimits:
    max_bytes: int = 20 * 1024 * 1024  # the upload limit
    max_uncompressed: int = 300 * 1024 * 1024  # sum of zip member sizes
    max_ratio: float = 150.0  # uncompressed / compressed, whole archive
    max_members: int = 5_000
    max_cells: int = 5_000_000


class UnreadableFile(Exception):
    """The file cannot be read at all; ``reason`` names the message, ``details`` fill it in."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


@dataclass
class Sheet:
    name: str
    rows: list[list[object]]  # None, str, int, float, bool, date, datetime
    hidden: bool = False


@dataclass
class Workbook:
    kind: str  # xlsx, xlsm, xls, ods, csv
    sheets: list[Sheet] = field(default_factory=list)
    encoding: str | None = None
    separator: str | None = None


def read_workbook(data: bytes, filename: str, limits: ReadLimits = ReadLimits()) -> Workbook:
    """Read an uploaded spreadsheet into plain rows, or raise :class:`UnreadableFile`."""
    if len(data) > limits.max_bytes:
        raise UnreadableFile("too_large", size_mb=_mb(len(data)), limit_mb=_mb(limits.max_bytes))
    if not data or not data.strip():
        raise UnreadableFile("empty_file")
    extension = PurePath(filename or "").suffix.lower()
    if data.startswith(b"%PDF"):
        raise UnreadableFile("pdf")
    if extension not in ACCEPTED:
        raise UnreadableFile("unsupported_extension", extension=extension or filename)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        kind = _check_zip(data, limits, extension)
        return _read_calamine(data, kind, limits)
    if data.startswith(OLE2):
        if ENCRYPTED_MARK in data:
            raise UnreadableFile("password")
        return _read_calamine(data, "xls", limits)
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnreadableFile("not_spreadsheet")
    if extension in (".xlsx", ".xlsm", ".ods", ".xls") and data.lstrip()[:1] == b"<":
        raise UnreadableFile("legacy")  # an HTML or XML 2003 "spreadsheet" saved with an Excel name
    return _read_csv(data, filename, limits)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".rstrip("0").rstrip(".")


def _check_zip(data: bytes, limits: ReadLimits, extension: str) -> str:
    """Measure the archive from its directory alone (nothing is decompressed)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > limits.max_members:
                raise UnreadableFile("zip_bomb", ratio=len(members))
            total = sum(member.file_size for member in members)
            ratio = total / max(len(data), 1)
            if total > limits.max_uncompressed or ratio > limits.max_ratio:
                raise UnreadableFile("zip_bomb", ratio=round(ratio))
            names = {member.filename for member in members}
            if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
                return "xlsm" if extension == ".xlsm" else "xlsx"
            if "mimetype" in names:
                mimetype_member = archive.getinfo("mimetype")
                if mimetype_member.file_size < 200 and archive.read("mimetype").strip() == ODS_MIMETYPE:
                    return "ods"
            raise UnreadableFile("not_spreadsheet")
    except zipfile.BadZipFile as error:
        raise UnreadableFile("corrupt") from error


def _plain(value: object) -> object:
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return int(value)
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _trim(rows: list[list[object]]) -> list[list[object]]:
    rows = [[_plain(cell) for cell in row] for row in rows]
    while rows and all(cell is None for cell in rows[-1]):
        rows.pop()
    width = max((max((i + 1 for i, c in enumerate(row) if c is not None), default=0) for row in rows), default=0)
    return [row[:width] for row in rows]


def _read_calamine(data: bytes, kind: str, limits: ReadLimits) -> Workbook:
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets, cells = [], 0
        for metadata in workbook.sheets_metadata:
            if str(metadata.typ).lower().endswith("chartsheet"):
                continue
            sheet = workbook.get_sheet_by_name(metadata.name)
            cells += sheet.total_height * sheet.total_width if hasattr(sheet, "total_height") else 0
            if cells > limits.max_cells:
                raise UnreadableFile("too_large", size_mb=_mb(len(data)), limit_mb=_mb(limits.max_bytes))
            rows = _trim(sheet.to_python(skip_empty_area=False))
            hidden = not str(metadata.visible).lower().endswith("visible")
            sheets.append(Sheet(metadata.name, rows, hidden))
    except UnreadableFile:
        raise
    except python_calamine.PasswordError as error:
        raise UnreadableFile("password") from error
    except Exception as error:  # any parser failure is a damaged file for the user
        message = str(error).lower()
        if kind == "xls" and ("biff" in message or "unsupported" in message or "version" in message):
            raise UnreadableFile("legacy") from error
        if "password" in message or "encrypt" in message:
            raise UnreadableFile("password") from error
        raise UnreadableFile("corrupt") from error
    if not any(sheet.rows for sheet in sheets):
        raise UnreadableFile("no_sheets")
    return Workbook(kind=kind, sheets=sheets)


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _separator(text: str) -> str:
    """The separator that splits the first lines most consistently into more than one column."""
    sample = text.splitlines()[:50]
    best, best_score = ",", -1.0
    for separator in SEPARATORS:
        counts = [len(row) for row in csv.reader(sample, delimiter=separator)]
        counts = [c for c in counts if c > 0]
        if not counts or max(counts) < 2:
            continue
        usual = max(set(counts), key=counts.count)
        score = counts.count(usual) / len(counts) * usual
        if score > best_score:
            best, best_score = separator, score
    return best


def _read_csv(data: bytes, filename: str, limits: ReadLimits) -> Workbook:
    text, encoding = _decode(data)
    separator = _separator(text)
    try:
        rows = [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=separator)]
    except csv.Error as error:
        raise UnreadableFile("corrupt") from error
    if sum(len(row) for row in rows) > limits.max_cells:
        raise UnreadableFile("too_large", size_mb=_mb(len(data)), limit_mb=_mb(limits.max_bytes))
    rows = _trim(rows)
    if not rows:
        raise UnreadableFile("no_sheets")
    name = PurePath(filename or "csv").stem or "csv"
    return Workbook(kind="csv", sheets=[Sheet(name, rows)], encoding=encoding, separator=separator)
