"""Salience read from a register's columns (issue 20): power, legitimacy and urgency, each a 1-5
level or a yes/no ("Sí"/"No", "X", 1/0, in four languages). A column holding only 0 and 1 (and
yes/no words) is read as yes/no, so its 1 means yes; otherwise numbers are levels.

The import stores the levels as a dated salience judgement of the actor the row becomes (see
:attr:`toolkit.store.batches.RegisterBatch.salience`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from toolkit.salience import NO_WORDS, YES_WORDS, read_level, salience_class
from toolkit.spreadsheets import normalise as norm

FIELDS = ("salience_power", "salience_legitimacy", "salience_urgency")
Levels = tuple[int | None, int | None, int | None]


def _cell(row: Sequence[object], index: int | None) -> object:
    return row[index] if index is not None and index < len(row) else None


def _binary(values: list[object]) -> bool:
    """Whether a column's values are all yes/no: 0, 1, "x" or yes/no words (blanks aside).

    >>> _binary([1, 0, None, "1"]), _binary(["Sí", "no", "X"]), _binary([1, 3, 0]), _binary([None])
    (True, True, False, False)
    """
    seen = False
    for value in values:
        if norm.is_blank(value):
            continue
        word = str(value).strip().casefold().removesuffix(".0")
        if word not in {"0", "1"} | YES_WORDS | NO_WORDS:
            return False
        seen = True
    return seen


class SalienceColumns:
    """The salience columns of one sheet: ``fields`` maps a field to its column (the sheet's
    :meth:`~toolkit.spreadsheets.mapping.SheetLayout.field_of`), ``rows`` the sheet's data rows."""

    def __init__(self, fields: dict[str, int], rows: Sequence[Sequence[object]]) -> None:
        self.columns = {name: fields.get(name) for name in FIELDS}
        self.binary = {
            name: index is not None and _binary([_cell(row, index) for row in rows])
            for name, index in self.columns.items()
        }
        self.present = any(index is not None for index in self.columns.values())

    def levels(self, row: Sequence[object], warn: Callable[[str, norm.Unclear], None]) -> Levels | None:
        """The row's three levels (None where blank or unreadable, with a warning), or None when it
        has none at all.

        >>> columns = SalienceColumns({"salience_power": 0, "salience_urgency": 1}, [[1, 4], [0, 2]])
        >>> columns.levels([1, 4], print), columns.levels([0, None], print), columns.levels([None, None], print)
        ((5, None, 4), (1, None, None), None)
        """
        if not self.present:
            return None
        found = []
        for name, index in self.columns.items():
            value = _cell(row, index)
            try:
                found.append(self._read(name, value))
            except ValueError:
                warn(name, norm.Unclear("import.value.salience", value=norm.text(value)))
                found.append(None)
        return tuple(found) if any(level is not None for level in found) else None  # type: ignore[return-value]

    def _read(self, name: str, value: object) -> int | None:
        if norm.is_blank(value):
            return None
        if self.binary[name]:
            word = str(value).strip().casefold().removesuffix(".0")
            return 5 if word == "1" or word in YES_WORDS else 1
        return read_level(value)


def preview_rows(parsed: Sequence, label: Callable[[str | None], str]) -> list[dict]:
    """The file's rows that carry salience, for the import's preview: the actor's name, its three
    levels and the class they name (``label`` words it; None: not judged on all three).

    >>> from types import SimpleNamespace as Row
    >>> preview_rows([Row(actor=Row(name="EPM"), row=2, salience=(5, 5, 1))], str)
    [{'row': 2, 'name': 'EPM', 'power': 5, 'legitimacy': 5, 'urgency': 1, 'class': 'dominant'}]
    """
    return [
        {
            "row": p.row,
            "name": p.actor.name,
            **dict(zip(("power", "legitimacy", "urgency"), p.salience, strict=True)),
            "class": label(salience_class(*p.salience)),
        }
        for p in parsed
        if getattr(p, "salience", None)
    ]
