"""The file's own classifications: a sector, scale or relation type the workspace's lists do not
have is kept as a new term of that list (or, when the person says so, read as an existing one),
instead of being dropped or turned into a default.

Pure functions: the terms reach the store with the import's batch (``RegisterBatch.terms``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from toolkit.spreadsheets import normalise as norm
from toolkit.vocab import DEFAULTS, fold, synonym_index

NEW = "new"  # the choice that adds a term found in a file to the workspace's list
MAX_LABEL = 80  # longer texts are not a classification: they stay a warning
# which field of which parsed thing holds each vocabulary's key
HOLDERS = {"sectors": ("actors", "sector"), "scales": ("actors", "scale"), "relation_types": ("relations", "type")}


@dataclass
class NewTerm:
    """A term found in a file that the workspace's list does not have."""

    vocabulary: str  # sectors, scales or relation_types
    key: str  # the key it is stored under: "custom_" and its folded words
    label: str  # as the file writes it (the first time)
    rows: int = 0  # how many actors or relations use it


def new_term_key(label: str) -> str:
    """The key a new term is stored under, the same for every way of writing it.

    >>> new_term_key("Employee/Founder"), new_term_key("  employee founder ")
    ('custom_employee_founder', 'custom_employee_founder')
    """
    return "custom_" + re.sub(r"\s+", "_", fold(label))[:60]


class TermReader:
    """Reads a vocabulary's cells: a known word gives its key, an unknown one a new term."""

    def __init__(self, indexes: dict[str, dict[str, str]]) -> None:
        self.indexes = indexes
        self.found: dict[tuple[str, str], NewTerm] = {}

    def key(self, value: object, vocabulary: str) -> str | None:
        """The key for a cell (``None`` when blank); raises ``Unclear`` for a text too long to be a term."""
        if norm.is_blank(value):
            return None
        index = self.indexes[vocabulary]
        known = index.get(fold(value))
        if known is not None:
            return known
        label = norm.text(value)
        if len(label) > MAX_LABEL or not fold(label):
            raise norm.Unclear(f"import.value.{vocabulary}", value=label)
        key = new_term_key(label)
        self.found.setdefault((vocabulary, key), NewTerm(vocabulary, key, label))
        return key

    def terms(self, actors: list, relations: list) -> list[NewTerm]:
        """The new terms that parsed actors and relations use, with how many use each."""
        counted = []
        for (vocabulary, key), term in self.found.items():
            things, attribute = HOLDERS[vocabulary]
            parsed = actors if things == "actors" else relations
            holder = "actor" if things == "actors" else "relation"
            rows = sum(1 for item in parsed if getattr(getattr(item, holder), attribute) == key)
            if rows:
                counted.append(NewTerm(vocabulary, key, term.label, rows))
        return counted


def apply_term_choices(preview, choices: dict[tuple[str, str], str]) -> None:
    """Read each new term ``(vocabulary, key)`` as the chosen existing key (``NEW`` or absent: add it
    to the list); the preview's actors, relations and new terms change in place."""
    kept = []
    for term in preview.new_terms:
        chosen = choices.get((term.vocabulary, term.key), NEW)
        if chosen == NEW or chosen == term.key:
            kept.append(term)
            continue
        things, attribute = HOLDERS[term.vocabulary]
        holder = "actor" if things == "actors" else "relation"
        for item in getattr(preview, things):
            target = getattr(item, holder)
            if getattr(target, attribute) == term.key:
                setattr(target, attribute, chosen)
    preview.new_terms = kept


def batch_terms(new_terms: list[NewTerm]) -> list[tuple[str, str, str | None]]:
    """The new terms as the store adds them: ``(vocabulary, key, label)``."""
    return [(term.vocabulary, term.key, term.label) for term in new_terms]


STANCE_SAMPLE = 200  # rows looked at to tell a column of stances


@cache
def _stance_words() -> dict[str, str]:
    return synonym_index(DEFAULTS["stances"])


def stance_column(columns: list, rows: list[list[object]], first_data_row: int) -> None:
    """A "Category" or "Type" column whose words are stances (advocate, ally, obstacle...) fills the
    stance, not the sector, when no column says "stance" (the columns change in place).

    >>> from toolkit.spreadsheets.mapping import ColumnMap
    >>> columns = [ColumnMap(0, "Name", "name"), ColumnMap(1, "Category", "sector")]
    >>> stance_column(columns, [["Name", "Category"], ["A", "Advocate"], ["B", "obstacle"], ["C", "Ally"]], 1)
    >>> columns[1].field
    'stance'
    """
    if any(column.field == "stance" for column in columns):
        return
    words, sectors = _stance_words(), synonym_index(DEFAULTS["sectors"])
    sample = rows[first_data_row : first_data_row + STANCE_SAMPLE]
    for column in columns:
        if column.field not in ("sector", "kind", "custom"):
            continue
        values = {
            fold(row[column.index])
            for row in sample
            if column.index < len(row) and not norm.is_blank(row[column.index])
        }
        values = {value for value in values if value and not value.lstrip("+-").isdigit()}
        stances = {value for value in values if value in words and value not in sectors}
        if len(stances) >= 2 and len(stances) >= 0.8 * len(values):
            column.field = "stance"
            return
