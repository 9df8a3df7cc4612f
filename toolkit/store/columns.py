"""What a column can hold, read from the table definitions: every use case checks its values here
before writing, so SQLite never keeps what PostgreSQL would refuse (a backup restores on both)."""

from __future__ import annotations

from functools import cache

from sqlalchemy import String, Table

from toolkit.store.engine import StoreError
from toolkit.text import cleaned

_START = 30  # how much of a too-long text the refusal quotes


def limit(table: Table, name: str) -> int | None:
    """How many characters the column ``name`` of ``table`` takes (None: any number).

    >>> from toolkit.store.tables import actors
    >>> limit(actors, "phone"), limit(actors, "notes"), limit(actors, "influence")
    (80, None, None)
    """
    column_type = table.c[name].type
    return column_type.length if isinstance(column_type, String) else None


@cache
def _limits(table: Table) -> dict[str, int]:
    """Every text column of ``table`` that has a length, with it (tables are defined once: an
    import checks 20,000 rows against the same few limits)."""
    return {
        column.name: column.type.length for column in table.c if isinstance(column.type, String) and column.type.length
    }


def too_long(table: Table, values: dict[str, object]) -> tuple[str, int, int] | None:
    """The first text of ``values`` longer than its column takes: (column, limit, length), or None."""
    limits = _limits(table)
    for name, value in values.items():
        most = limits.get(name)
        if most is not None and isinstance(value, str) and len(value) > most:
            return name, most, len(value)
    return None


def clean_values(values: dict[str, object]) -> dict[str, object]:
    """A copy of ``values`` with every text cleaned (:func:`toolkit.text.clean`, also inside lists
    and dicts): validators start from it, so "required" checks see what will be stored."""
    return {name: cleaned(value) for name, value in values.items()}


def checked(table: Table, values: dict[str, object]) -> dict[str, object]:
    """``values`` for a row of ``table`` with every text cleaned (:func:`toolkit.text.clean`, also
    inside lists and dicts); a text longer than its column is refused with ``too_long``.

    >>> from toolkit.store.tables import actors
    >>> checked(actors, {"name": "Junta\\x00 de Acción", "themes": ["agua\\uffff"]})
    {'name': 'Junta de Acción', 'themes': ['agua']}
    >>> checked(actors, {"phone": "3" * 97})
    Traceback (most recent call last):
    toolkit.store.engine.StoreError: too_long
    """
    values = clean_values(values)
    found = too_long(table, values)
    if found is not None:
        name, most, length = found
        raise StoreError("too_long", column=name, limit=most, length=length, start=values[name][:_START])
    return values
