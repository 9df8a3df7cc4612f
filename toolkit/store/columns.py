"""What a column can hold, read from the table definitions: every use case checks its values here
before writing, so SQLite never keeps what PostgreSQL would refuse (a backup restores on both)."""

from __future__ import annotations

from functools import cache

from sqlalchemy import String, Table

from toolkit.store.engine import StoreError
from toolkit.text import clean, cleaned

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
    for name, most in _limits(table).items():  # the few limited columns, not every value given
        value = values.get(name)
        if isinstance(value, str) and len(value) > most:
            return name, most, len(value)
    return None


_PLAIN = (type(None), int, float, bool)


def clean_values(values: dict[str, object]) -> dict[str, object]:
    """A copy of ``values`` with every text cleaned (:func:`toolkit.text.clean`, also inside lists
    and dicts): validators start from it, so "required" checks see what will be stored.

    An import runs it over 20,000 rows of 15 fields: printable text and numbers are taken as they
    are without a call each (a third of the import's time went to the calls)."""
    out: dict[str, object] = {}
    for name, value in values.items():
        kind = type(value)
        if kind is str:
            out[name] = value if value.isprintable() else clean(value)
        elif kind in _PLAIN:
            out[name] = value
        else:
            out[name] = cleaned(value)
    return out


def fits(table: Table, values: dict[str, object]) -> dict[str, object]:
    """``values`` (already cleaned) as they are, or ``too_long`` for a text longer than its column."""
    found = too_long(table, values)
    if found is not None:
        name, most, length = found
        raise StoreError("too_long", column=name, limit=most, length=length, start=values[name][:_START])
    return values


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
    return fits(table, clean_values(values))
