"""What every sheet of the backup workbook shares; each sheet's module keeps its own columns.

A backup sheet has English column keys on its first row and numbers its things 1..n in the order
they were created (the ``id`` column); other sheets name them by those numbers. Reading one back
gives each row with the row number Excel shows, so that a problem names a row a person can find.
Pure functions: nothing here touches the database."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Iterator

from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.problems import Problem

BAD_VALUE = "reports.restore.bad_value"


def numbered(items: Iterable) -> dict[int, int]:
    """Each item's id -> its number in the backup: 1..n in the order the items were created.

    >>> from types import SimpleNamespace as Item
    >>> numbered([Item(id=9), Item(id=4)])
    {4: 1, 9: 2}
    """
    ordered = sorted(items, key=lambda item: item.id or 0)
    return {item.id: n for n, item in enumerate(ordered, start=1)}


def table(rows: list[list[object]]) -> Iterator[tuple[int, dict[str, object]]]:
    """A sheet's rows as dicts keyed by its English column keys, with the row numbers Excel shows;
    blank rows are passed over.

    >>> list(table([["ID", "Title"], [1, "Foro"], [None, ""], [2]]))
    [(2, {'id': 1, 'title': 'Foro'}), (4, {'id': 2, 'title': None})]
    """
    if not rows:
        return
    keys = [norm.text(header).lower() for header in rows[0]]
    for position, row in enumerate(rows[1:], start=2):
        if all(norm.is_blank(c) for c in row):
            continue
        yield position, {key: (row[i] if i < len(row) else None) for i, key in enumerate(keys) if key}


def ids(rows: list[list[object]]) -> list[str]:
    """The ``id`` column of a sheet, row by row (blank rows passed over); none without the column.

    >>> ids([["id", "title"], [1, "Foro"], [None, None], [2, "Mesa"]]), ids([["title"], ["Foro"]])
    (['1', '2'], [])
    """
    header, *values = rows or [[]]
    keys = [norm.text(cell).lower() for cell in header]
    if "id" not in keys:
        return []
    at = keys.index("id")
    return [norm.text(row[at]) if at < len(row) else "" for row in values if not all(norm.is_blank(c) for c in row)]


def number(value: object, key: str = BAD_VALUE) -> float | None:
    """A number cell: None when blank; a number, or text that reads as one (a decimal comma too).

    >>> number(3), number("2,5"), number(None)
    (3.0, 2.5, None)
    >>> number("tres")
    Traceback (most recent call last):
    toolkit.spreadsheets.normalise.Unclear: reports.restore.bad_value
    """
    if norm.is_blank(value):
        return None
    if isinstance(value, bool):
        raise norm.Unclear(key, value=norm.text(value))
    if isinstance(value, (int, float)):
        found = float(value)
    else:
        try:
            found = float(norm.text(value).replace(",", "."))
        except ValueError as error:
            raise norm.Unclear(key, value=norm.text(value)) from error
    if not math.isfinite(found):
        raise norm.Unclear(key, value=norm.text(value))
    return found


def whole(value: object, key: str = BAD_VALUE) -> int | None:
    """A whole number cell (a level, a position, a count): None when blank.

    >>> whole(4.0), whole("2"), whole("")
    (4, 2, None)
    """
    found = number(value, key)
    if found is None:
        return None
    if not found.is_integer():
        raise norm.Unclear(key, value=norm.text(value))
    return int(found)


def read_sheet(
    sheets: dict[str, list[list[object]]],
    sheet: str,
    build: Callable[[int, dict[str, object]], None],
    problems: list[Problem],
) -> None:
    """Each row of ``sheet`` through ``build(row, cells)``; a row it finds unclear is a problem
    that names the row (a backup older than the sheet has none: nothing is read)."""
    for row, cells in table(sheets.get(sheet, [])):
        try:
            build(row, cells)
        except norm.Unclear as error:
            problems.append(Problem(sheet, row, "", error.key, error.details))
