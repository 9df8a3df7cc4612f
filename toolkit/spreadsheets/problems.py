"""A problem found in a file: where (sheet, row, column) and what (a catalog key with details)."""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.store.engine import StoreError


@dataclass
class Problem:
    sheet: str
    row: int  # the row number Excel shows
    column: str
    key: str  # catalog key of the message
    details: dict[str, object] = field(default_factory=dict)


def store_refusal(sheet: str, row: int, error: StoreError, screen: str, column: str = "") -> Problem:
    """The problem of a row the store would refuse: its reason in the ``screen``'s messages, or, for a
    text too long for its column, that column and the limit."""
    if error.reason == "too_long":
        return Problem(sheet, row, str(error.details["column"]), "import.value.too_long", error.details)
    return Problem(sheet, row, column, f"{screen}.errors.{error.reason}", error.details)
