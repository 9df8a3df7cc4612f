"""Guarded reading of uploaded spreadsheets: every file is hostile until proven otherwise.

Cheap checks run first, on the raw bytes: size, magic bytes, and the zip central
directory (member count, declared sizes, compression ratio), so bombs are turned
away before anything is decompressed; an .xlsx declaring more sheets than the limit is
turned away from its workbook index alone. Only then does python-calamine parse the
file, and it does so in a short-lived child process capped in memory and CPU:
calamine allocates a sheet's whole bounding box, so a few-KB workbook with one
value in A1 and one in XFD1048576 makes it request ~550 GB and abort the whole
interpreter, which no `except` can catch. In the child that abort only fails the
read (reported as `too_large`). CSV and text files are parsed in-process with the
`csv` module. The shape is checked as the raw cells come in, before anything else looks at
them: sheets, columns holding data and cells each have a ceiling (``ReadLimits``), because
every sheet and column costs the import wizard a control and a header match.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import math
import os
import pickle
import re
import signal
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import PureWindowsPath
from typing import TYPE_CHECKING, NoReturn

import python_calamine as calamine

if TYPE_CHECKING:
    import zipfile

# csv, subprocess and zipfile are imported where the app process uses them: this file also starts
# the calamine child for every upload, which needs none of them (a shorter start, see _child_main)

MIB = 1024 * 1024

CellValue = str | int | float | bool | dt.date | dt.datetime | dt.time | dt.timedelta | None

REASONS = frozenset(
    {
        "too_large",
        "too_many_sheets",
        "too_many_columns",
        "empty_file",
        "pdf",
        "password",
        "zip_bomb",
        "corrupt",
        "legacy",
        "not_spreadsheet",
        "no_sheets",
        "unsupported_extension",
        "unsafe_xml",
    }
)
NETWORK_EXTENSIONS = (".gexf", ".graphml", ".json")  # read by toolkit.graphs
ACCEPTED_EXTENSIONS = (".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".txt", *NETWORK_EXTENSIONS)
CSV_SEPARATORS = (";", "\t", "|", ",")  # order breaks ties: Spanish Excel writes ";"

_SNIFF_BYTES = 4096
_SNIFF_RECORDS = 50
_OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ZIP_CENTRAL_ENTRY = b"PK\x01\x02"
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
_CHILD_FLAG = "--hoja-de-ruta-calamine-child"
_CHILD_GRACE_SECONDS = 5.0
_EXACT_INTEGERS = 2.0**53
_SHEET_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,20}:)?sheet[\s/>]")  # one per sheet in xl/workbook.xml
_SHEET_TAG_SPAN = 32  # longest match of _SHEET_TAG


@dataclass(frozen=True)
class ReadLimits:
    """Ceilings applied to every upload; the defaults fit any real stakeholder list."""

    max_bytes: int = 20 * MIB  # upload limit
    max_uncompressed: int = 300 * MIB  # sum of zip member sizes, as declared
    max_ratio: float = 150.0  # uncompressed / compressed, whole archive
    max_members: int = 5_000
    max_cells: int = 2_000_000  # rows*cols across the sheets read
    # a list of stakeholders has a few dozen columns and a handful of sheets; every sheet and
    # column costs the wizard a control and every column a header match, so more is refused
    max_sheets: int = 100
    max_columns: int = 500  # columns holding data, in any one sheet
    max_memory: int = 2048 * MIB  # address space of the child process that parses
    max_seconds: float = 60.0  # CPU and wall-clock time of that child


class UnreadableFile(Exception):
    """The file cannot be read at all. `reason` is a catalog key suffix; `details` fill the message."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)  # details live in __dict__, so the exception still pickles
        self.reason = reason
        self.details = details

    def __str__(self) -> str:
        return f"{self.reason} {self.details}" if self.details else self.reason

    @property
    def message_key(self) -> str:
        """The catalog key that explains this to the user (a small file with too many cells
        is told so, not that it weighs too much)."""
        if self.reason == "too_large" and "max_cells" in self.details:
            return "import.unreadable.too_many_cells"
        return f"import.unreadable.{self.reason}"


@dataclass
class Sheet:
    """One worksheet: a rectangle of cells from A1, trailing blank rows and columns removed (may be empty)."""

    name: str
    rows: list[list[CellValue]]
    hidden: bool = False


@dataclass
class Workbook:
    """What was read: its kind, its worksheets in order and, for CSV, how the text was decoded."""

    kind: str  # "xlsx", "xlsm", "xls", "ods", "csv", or a network file's "gexf", "graphml", "kumu_json"
    sheets: list[Sheet]
    encoding: str | None = None  # csv only: "utf-8", "cp1252", "utf-16"
    separator: str | None = None  # csv only


def read_workbook(data: bytes, filename: str, limits: ReadLimits = ReadLimits()) -> Workbook:
    """Read an uploaded file, or raise UnreadableFile saying why it cannot be read."""
    data = bytes(data)
    size = len(data)
    if size > limits.max_bytes:
        _fail_too_large(size, limits)
    if size == 0:
        raise UnreadableFile("empty_file")
    if b"%PDF-" in data[:1024]:
        raise UnreadableFile("pdf")
    extension = _extension(filename)
    if extension not in ACCEPTED_EXTENSIONS:
        raise UnreadableFile("unsupported_extension", extension=extension or _basename(filename))
    if extension in NETWORK_EXTENSIONS:
        return _read_graph(data, filename, limits)
    head = data[:_SNIFF_BYTES]
    if head[:4] in _ZIP_MAGICS:
        return _read_zip(data, limits)
    if head.startswith(_OLE2_MAGIC):
        return _read_ole2(data, limits)
    if _is_legacy_binary(head):
        raise UnreadableFile("legacy")
    return _read_text(data, filename, limits)


def _read_graph(data: bytes, filename: str, limits: ReadLimits) -> Workbook:
    """A GEXF, GraphML or Kumu JSON file, read by :mod:`toolkit.graphs` as a sheet of nodes and one of edges."""
    # imported here, not at the top: this file also runs alone (python -I) as the calamine child,
    # where no toolkit module can be imported
    from toolkit.graphs import GraphRefused, read_graph

    try:
        kind, sheets = read_graph(data, filename, limits)
    except GraphRefused as exc:
        if exc.reason == "too_large":
            _fail_too_large(len(data), limits, **exc.details)
        raise UnreadableFile(exc.reason if exc.reason in REASONS else "corrupt", **exc.details) from exc
    return _workbook(kind, [Sheet(name=name, rows=_tidy(rows)) for name, rows in sheets])


# --- containers -------------------------------------------------------------------


def _read_zip(data: bytes, limits: ReadLimits) -> Workbook:
    """Vet the archive from its central directory alone, then parse it."""
    # Every central-directory entry starts with this signature, so counting it bounds
    # what zipfile would build, before zipfile builds anything.
    import zipfile

    members = data.count(_ZIP_CENTRAL_ENTRY)
    if members > limits.max_members:
        raise UnreadableFile("zip_bomb", members=members, limit=limits.max_members)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if len(infos) > limits.max_members:
                raise UnreadableFile("zip_bomb", members=len(infos), limit=limits.max_members)
            declared = sum(max(info.file_size, 0) for info in infos)
            ratio = declared / len(data)
            if declared > limits.max_uncompressed or ratio > limits.max_ratio:
                raise UnreadableFile("zip_bomb", ratio=round(ratio, 1), size_mb=_mb_up(declared))
            kind = _zip_kind(archive)
            if kind in ("xlsx", "xlsm"):
                _refuse_many_sheets(archive, limits.max_sheets)
    except UnreadableFile:
        raise
    except Exception as exc:  # zipfile raises many types on damaged archives
        raise UnreadableFile("corrupt") from exc
    return _workbook(kind, _parse_spreadsheet(data, limits))


def _zip_kind(archive: zipfile.ZipFile) -> str:
    """Tell xlsx, xlsm and ods apart by their members; refuse every other zip."""
    names = {name.lower(): name for name in archive.namelist()}
    if "xl/workbook.xml" in names:
        if "xl/vbaproject.bin" in names:
            return "xlsm"
        types = names.get("[content_types].xml")
        if types and b"macroenabled" in _member_head(archive, types, 256 * 1024).lower():
            return "xlsm"
        return "xlsx"
    if "xl/workbook.bin" in names:  # .xlsb: not offered, ask for a re-save
        raise UnreadableFile("legacy")
    mimetype = names.get("mimetype")
    if mimetype and _member_head(archive, mimetype, 256).strip().startswith(_ODS_MIMETYPE):
        return "ods"
    raise UnreadableFile("not_spreadsheet")


def _refuse_many_sheets(archive: zipfile.ZipFile, max_sheets: int) -> None:
    """Count the sheets ``xl/workbook.xml`` declares, streaming it, and refuse more than
    ``max_sheets`` before calamine opens a single one (they could all point at one part)."""
    name = next(n for n in archive.namelist() if n.lower() == "xl/workbook.xml")
    sheets, rest = 0, b""
    with archive.open(name) as member:
        while True:
            chunk = member.read(64 * 1024)
            window = rest + chunk
            # a tag starting in the last few bytes may be cut: it is counted with the next chunk
            cut = len(window) - _SHEET_TAG_SPAN if chunk else len(window)
            sheets += sum(1 for tag in _SHEET_TAG.finditer(window) if tag.start() < cut)
            rest = window[max(cut, 0) :]
            if sheets > max_sheets:
                raise UnreadableFile("too_many_sheets", sheets=sheets, max_sheets=max_sheets)
            if not chunk:
                return


def _member_head(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """At most `limit` decompressed bytes of one member."""
    with archive.open(name) as member:
        return member.read(limit)


def _read_ole2(data: bytes, limits: ReadLimits) -> Workbook:
    """An OLE2 compound file: an encrypted OOXML package, an .xls, or another Office file."""
    if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
        raise UnreadableFile("password")
    biff8 = any(_utf16(name) in data for name in ("Workbook", "WORKBOOK", "workbook"))
    biff5 = any(_utf16(name) in data for name in ("Book", "BOOK"))
    if not (biff8 or biff5):
        raise UnreadableFile("not_spreadsheet")  # Word, PowerPoint, Outlook...
    try:
        sheets = _parse_spreadsheet(data, limits)
    except UnreadableFile as exc:
        if exc.reason == "corrupt" and not biff8:
            raise UnreadableFile("legacy") from exc  # Excel 5.0/95 calamine cannot read
        raise
    return _workbook("xls", sheets)


def _is_legacy_binary(head: bytes) -> bool:
    """Excel 2.x-4.0 bare BIFF streams and Lotus 1-2-3 / Quattro worksheets."""
    if len(head) >= 4 and head[0] == 0x09 and head[1] in (0x00, 0x02, 0x04, 0x08):
        return 4 <= int.from_bytes(head[2:4], "little") <= 20
    if head[:4] == b"\x00\x00\x02\x00" and head[4:6] in (b"\x04\x04", b"\x06\x04", b"\x20\x51", b"\x21\x51"):
        return True
    return head[:4] == b"\x00\x00\x1a\x00"


def _workbook(kind: str, sheets: list[Sheet]) -> Workbook:
    if not any(sheet.rows for sheet in sheets):
        raise UnreadableFile("no_sheets")
    return Workbook(kind=kind, sheets=sheets)


# --- spreadsheets, through calamine in a child process ---------------------------


def _parse_spreadsheet(data: bytes, limits: ReadLimits) -> list[Sheet]:
    """Parse with calamine in a capped child process; map every failure to a reason."""
    import subprocess

    if not sys.executable:
        return _read_in_process(data, limits)
    command = [
        sys.executable,
        "-I",  # isolated: no user site, no PYTHON* variables, no script dir on sys.path
        os.path.abspath(__file__),
        _CHILD_FLAG,
        str(limits.max_cells),
        str(limits.max_memory),
        str(max(1, math.ceil(limits.max_seconds))),
        str(limits.max_sheets),
        str(limits.max_columns),
    ]
    try:
        child = subprocess.run(
            command,
            input=data,
            capture_output=True,
            timeout=limits.max_seconds + _CHILD_GRACE_SECONDS,
            env={**os.environ, "RUST_BACKTRACE": "0"},
            check=False,
        )
    except subprocess.TimeoutExpired:
        _fail_too_large(len(data), limits, max_cells=limits.max_cells)
    except OSError:  # cannot start a process here: parse in-process, unguarded
        return _read_in_process(data, limits)
    if child.returncode != 0:
        if _ran_out_of_resources(child.returncode, child.stderr):
            _fail_too_large(len(data), limits, max_cells=limits.max_cells)
        raise UnreadableFile("corrupt")
    try:
        status, *payload = _ResultUnpickler(io.BytesIO(child.stdout)).load()
        if status == "ok":
            return [Sheet(name=name, rows=rows, hidden=hidden) for name, hidden, rows in payload[0]]
        reason, details = payload
    except Exception as exc:
        raise UnreadableFile("corrupt") from exc
    if reason == "too_large":
        _fail_too_large(len(data), limits, **details)
    raise UnreadableFile(reason if reason in REASONS else "corrupt", **details)


def _read_in_process(data: bytes, limits: ReadLimits) -> list[Sheet]:
    """The same read without the child process (only when none can be started)."""
    try:
        return _read_sheets(data, limits.max_cells, limits.max_sheets, limits.max_columns)
    except UnreadableFile as exc:
        if exc.reason == "too_large":
            _fail_too_large(len(data), limits, **exc.details)
        raise


def _ran_out_of_resources(returncode: int, stderr: bytes) -> bool:
    """Whether the child died of its memory or CPU cap rather than of a bad file."""
    if b"memory allocation of" in stderr or b"MemoryError" in stderr:
        return True
    killers = {getattr(signal, name, None) for name in ("SIGKILL", "SIGXCPU")} - {None}
    return returncode < 0 and -returncode in killers


class _ResultUnpickler(pickle.Unpickler):
    """Unpickles the child's answer, which holds only plain values and datetime types."""

    def find_class(self, module: str, name: str) -> type:
        if module == "datetime" and name in ("date", "datetime", "time", "timedelta", "timezone"):
            return getattr(dt, name)
        raise pickle.UnpicklingError(f"unexpected {module}.{name} in the reader's answer")


def _read_sheets(data: bytes, max_cells: int, max_sheets: int, max_columns: int) -> list[Sheet]:
    """Read every worksheet with calamine (in whichever process runs this); chart sheets are skipped.

    The sheets are counted from the workbook's index before any is read, and each sheet's
    columns just after its cells are, before anything else looks at them."""
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        if len(book.sheets_metadata) > max_sheets:
            raise UnreadableFile("too_many_sheets", sheets=len(book.sheets_metadata), max_sheets=max_sheets)
        sheets: list[Sheet] = []
        cells = 0
        for meta in book.sheets_metadata:
            if meta.typ != calamine.SheetTypeEnum.WorkSheet:
                continue
            sheet = book.get_sheet_by_name(meta.name)  # calamine builds the whole bounding box here
            rows: list[list[CellValue]] = []
            if sheet.start is not None:
                end_row, end_col = sheet.end
                cells += (end_row + 1) * (end_col + 1)  # to_python pads from A1
                if cells > max_cells:
                    raise UnreadableFile("too_large", cells=cells, max_cells=max_cells)
                rows = _tidy(sheet.to_python(skip_empty_area=False))
                _refuse_wide(rows, max_columns)
            hidden = meta.visible != calamine.SheetVisibleEnum.Visible
            sheets.append(Sheet(name=meta.name, rows=rows, hidden=hidden))
        return sheets
    except UnreadableFile:
        raise
    except calamine.PasswordError as exc:
        raise UnreadableFile("password") from exc
    except MemoryError as exc:
        raise UnreadableFile("too_large", max_cells=max_cells) from exc
    except BaseException as exc:  # pyo3's PanicException is a BaseException
        if isinstance(exc, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        raise UnreadableFile("corrupt") from exc


def _child_main(argv: list[str]) -> int:
    """Child process: cap resources, read stdin, answer with a pickle on stdout."""
    max_cells, max_memory, max_seconds, max_sheets, max_columns = (int(arg) for arg in argv[:5])
    _cap_resources(max_memory, max_seconds)
    data = sys.stdin.buffer.read()
    try:
        sheets = _read_sheets(data, max_cells, max_sheets, max_columns)
        outcome: tuple = ("ok", [(sheet.name, sheet.hidden, sheet.rows) for sheet in sheets])
    except UnreadableFile as exc:
        outcome = ("fail", exc.reason, exc.details)
    sys.stdout.buffer.write(pickle.dumps(outcome, protocol=pickle.HIGHEST_PROTOCOL))
    sys.stdout.buffer.flush()
    return 0


def _cap_resources(max_memory: int, max_seconds: int) -> None:
    """Cap this process's address space and CPU time, and write no core dump when it dies of them."""
    try:
        import resource
    except ImportError:  # Windows: the process boundary still protects the app
        return
    caps = ((resource.RLIMIT_AS, max_memory), (resource.RLIMIT_CPU, max_seconds), (resource.RLIMIT_CORE, 0))
    for limit, value in caps:
        try:
            _, hard = resource.getrlimit(limit)
            capped = value if hard == resource.RLIM_INFINITY else min(value, hard)
            resource.setrlimit(limit, (capped, hard))
        except (ValueError, OSError):
            pass


# --- text -------------------------------------------------------------------------


def _read_text(data: bytes, filename: str, limits: ReadLimits) -> Workbook:
    """A delimited text file: detect encoding and separator, then parse with `csv`."""
    import csv

    decoded = _decode_text(data)
    if decoded is None:
        raise UnreadableFile("not_spreadsheet")
    text, encoding = decoded
    if not text.strip():
        raise UnreadableFile("empty_file")
    _refuse_markup(text)
    separator = _sniff_separator(text)
    rows: list[list[CellValue]] = []
    width = 0
    try:
        for record in csv.reader(io.StringIO(text, newline=""), delimiter=separator):
            if len(record) > limits.max_columns:
                record = _within_columns(record, limits.max_columns)
            width = max(width, len(record))
            rows.append(record)  # _tidy cleans the cells, once the shape is known to be fine
            if len(rows) * width > limits.max_cells:
                _fail_too_large(len(data), limits, cells=len(rows) * width, max_cells=limits.max_cells)
    except csv.Error as exc:  # NUL bytes, a field over the csv module's size limit
        raise UnreadableFile("corrupt") from exc
    rows = _tidy(rows)
    if not rows:
        raise UnreadableFile("no_sheets")
    sheet = Sheet(name=_stem(filename), rows=rows)
    return Workbook(kind="csv", sheets=[sheet], encoding=encoding, separator=separator)


def _within_columns(record: list[str], max_columns: int) -> list[str]:
    """A record cut to ``max_columns`` fields when only blanks lie beyond them (Excel writes a
    separator for every column of its used range); refused when data does.

    >>> _within_columns(["a", "b", "", " "], 2)
    ['a', 'b']
    """
    beyond = record[max_columns:]
    if any(beyond) and any(field.strip() for field in beyond):  # the first test runs at C speed
        columns = len(record) - next(i for i, field in enumerate(reversed(record)) if field.strip())
        raise UnreadableFile("too_many_columns", columns=columns, max_columns=max_columns)
    return record[:max_columns]


def _refuse_wide(rows: list[list[CellValue]], max_columns: int) -> None:
    """Refuse a sheet (already tidied: squared to its last filled column) wider than ``max_columns``."""
    if rows and len(rows[0]) > max_columns:
        raise UnreadableFile("too_many_columns", columns=len(rows[0]), max_columns=max_columns)


def _decode_text(data: bytes) -> tuple[str, str] | None:
    """Decode as BOM utf-8, BOM utf-16, BOM-less utf-16, strict utf-8, else cp1252; None if binary."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8-sig", errors="replace"), "utf-8"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    head = data[:_SNIFF_BYTES]
    utf16 = _bomless_utf16(head)
    if utf16:
        return data.decode(utf16, errors="replace"), "utf-16"
    if b"\x00" in head:
        return None
    controls = sum(1 for byte in head if byte < 0x20 and byte not in b"\t\n\r\f\x1a")
    if controls > len(head) // 10:
        return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _bomless_utf16(head: bytes) -> str | None:
    """Spot UTF-16 text without a BOM by its NUL high bytes (mostly-ASCII content)."""
    pairs = len(head) // 2
    if pairs < 2:
        return None
    even_nuls = head[0 : pairs * 2 : 2].count(0)
    odd_nuls = head[1 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.8 * pairs and even_nuls == 0:
        return "utf-16-le"
    if even_nuls >= 0.8 * pairs and odd_nuls == 0:
        return "utf-16-be"
    return None


def _refuse_markup(text: str) -> None:
    """HTML or XML saved with a spreadsheet name: Excel opens it, so ask for a re-save."""
    start = text[:_SNIFF_BYTES].lstrip("\ufeff \t\r\n").lower()
    if start.startswith("{\\rtf"):
        raise UnreadableFile("not_spreadsheet")
    if not start.startswith("<"):
        return
    if any(mark in start for mark in ("<html", "<table", "urn:schemas-microsoft-com:office:spreadsheet")):
        raise UnreadableFile("legacy")
    if start.startswith(("<?xml", "<!doctype")):
        raise UnreadableFile("not_spreadsheet")


def _sniff_separator(text: str) -> str:
    """The separator giving the most consistent field count (at least 2) over the first records."""
    import csv

    sample = text[: 64 * 1024]
    truncated = len(text) > len(sample)
    best, best_score = CSV_SEPARATORS[-1], (0.0, 0)
    for separator in CSV_SEPARATORS:
        counts: list[int] = []
        try:
            for record in csv.reader(io.StringIO(sample, newline=""), delimiter=separator):
                if any(field.strip() for field in record):
                    counts.append(len(record))
                if len(counts) > _SNIFF_RECORDS:
                    break
        except csv.Error:
            continue
        if truncated and len(counts) > 1:
            counts.pop()  # the last record may have been cut by the sample
        if not counts:
            continue
        mode, frequency = Counter(counts).most_common(1)[0]
        if mode < 2:
            continue
        score = (frequency / len(counts), mode)
        if score > best_score:
            best, best_score = separator, score
    return best


# --- cells and helpers ---------------------------------------------------------------


# cells that stand for "nothing here": a row of them is an empty row
PLACEHOLDERS = frozenset(
    (
        "-",
        "--",
        "---",
        "—",
        "–",
        "n/a",
        "na",
        "n.a.",
        "s.d.",
        "s/d",
        "sd",
        "sin dato",
        "sin datos",
        "sin información",
        "sin informacion",
        "nd",
        "n.d.",
        "#n/a",
        "no aplica",
        "sem dados",
        "non renseigné",
    )
)
# invisible characters (zero-width space, joiners, word joiner, byte-order mark) go; no-break spaces are spaces
INVISIBLE = str.maketrans(
    {"\u200b": None, "\u200c": None, "\u200d": None, "\u2060": None, "\ufeff": None, "\u00a0": " ", "\u202f": " "}
)

_INVISIBLE_FOUND = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00a0\u202f]")
_PLACEHOLDER_STARTS = frozenset(word[0] for word in PLACEHOLDERS) | frozenset(word[0].upper() for word in PLACEHOLDERS)


def _cell(value: CellValue) -> CellValue:
    """Strip strings (empty, invisible or a placeholder becomes None) and turn integral floats into ints.

    Only below 2**53, where a float still stands for one exact integer.

    >>> [_cell(v) for v in ("  Gobernación ", " ", 3001234567.0, 3.5, -0.0, 1e300)]
    ['Gobernación', None, 3001234567, 3.5, 0, 1e+300]
    >>> [_cell(v) for v in ("\u200bFundación\u00a0Rural\ufeff", "N/A", "—", "s.d.", "\u200b")]
    ['Fundación Rural', None, None, None, None]
    """
    if isinstance(value, str):
        if not value.isascii() and _INVISIBLE_FOUND.search(value):
            value = value.translate(INVISIBLE)
        value = value.strip()
        if value[:1] in _PLACEHOLDER_STARTS and len(value) <= 16 and value.lower() in PLACEHOLDERS:
            return None
        return value or None
    if isinstance(value, float) and value.is_integer() and abs(value) < _EXACT_INTEGERS:
        return int(value)
    return value


def _tidy(rows: list[list[CellValue]]) -> list[list[CellValue]]:
    """Normalise cells, drop trailing empty rows and columns, and square the rows off.

    Each distinct value is normalised once, and its cells then hold one object: lists repeat the
    same few words thousands of times, and the child process's pickle sends a repeated object once
    (a 20,000-row register's answer: 4.9 MB unpickled in 0.13 s before, 1.9 MB in 0.01 s).

    >>> _tidy([[" Alto ", 1.0, True], ["Alto", 1, None], [None, None, None]])
    [['Alto', 1, True], ['Alto', 1, None]]
    """
    known: dict[tuple[type, CellValue], CellValue] = {}
    cleaned = []
    for row in rows:
        out = []
        for value in row:
            key = (value.__class__, value)  # 1, 1.0 and True are equal keys but not the same cell
            try:
                found = known.get(key, known)
            except TypeError:  # a list from a network file's attribute
                found = _cell(value)
            if found is known:
                found = known[key] = _cell(value)
            out.append(found)
        cleaned.append(out)
    while cleaned and all(value is None for value in cleaned[-1]):
        cleaned.pop()
    width = max((_filled_width(row) for row in cleaned), default=0)
    return [row[:width] + [None] * (width - len(row)) for row in cleaned]


def _filled_width(row: list[CellValue]) -> int:
    for index in range(len(row) - 1, -1, -1):
        if row[index] is not None:
            return index + 1
    return 0


def _fail_too_large(size: int, limits: ReadLimits, **details: object) -> NoReturn:
    raise UnreadableFile("too_large", size_mb=_mb_up(size), limit_mb=_mb(limits.max_bytes), **details)


def _extension(filename: str) -> str:
    return PureWindowsPath(filename).suffix.lower()


def _stem(filename: str) -> str:
    path = PureWindowsPath(filename)
    return path.stem or path.name or "csv"


def _basename(filename: str) -> str:
    return PureWindowsPath(filename).name


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def _mb(size: int) -> str:
    """Megabytes for a message, to one decimal at most, as the reader's locale writes them.

    >>> _mb(20 * MIB), _mb(MIB // 2)
    ('20', '0,5')
    """
    return _in_locale(round(size / MIB, 1))


def _mb_up(size: int) -> str:
    """Like _mb, rounded up, so that a size over the limit never reads as the limit itself.

    >>> _mb_up(20 * MIB + 1), _mb(20 * MIB)
    ('20,1', '20')
    """
    return _in_locale(math.ceil(size * 10 / MIB) / 10)


def _in_locale(megabytes: float) -> str:
    """'20' or '20,1' in Spanish, '20.1' in English: a whole number shows no decimal."""
    # imported here: the calamine child (python -I) never writes a message and cannot import toolkit
    from toolkit.i18n import format_number

    return format_number(megabytes, digits=0 if megabytes == int(megabytes) else 1)


if __name__ == "__main__" and sys.argv[1:2] == [_CHILD_FLAG]:
    # the answer is written and flushed: leave without tearing the interpreter down (freeing every
    # cell one by one made the parent wait longer)
    os._exit(_child_main(sys.argv[2:]))
