"""Moving a start day past what was already measured (issue 16): an indicator's baseline date, or a
campaign's start, moved in its editable table after measurements already recorded would leave them
"before the baseline" without a word. The table's save asks first, naming them; the same question
the measurement forms ask of one measurement (``measurement_doubt``) is asked of each."""

from collections.abc import Callable, Iterable
from datetime import date

Doubt = Callable[[date | None, date | None, date], str | None]


def moved_starts(edits: Iterable, field: str) -> dict[int, date | None]:
    """The new start day of each edited row whose ``field`` the edits change, by row id.

    >>> from toolkit.store.edits import Edit
    >>> moved_starts([Edit(1, 1, {"baseline_on": date(2026, 5, 1)}), Edit(2, 1, {"name": "x"})], "baseline_on")
    {1: datetime.date(2026, 5, 1)}
    """
    return {edit.id: edit.changes[field] for edit in edits if field in edit.changes}


def left_before(
    starts: dict[int, date | None], measured: Iterable[tuple[int, date]], doubt: Doubt, today: date
) -> dict[int, list[date]]:
    """The measurements (owner id, day) a new start day would leave before it, by owner, each owner's
    days in order: those ``doubt`` (the measurement forms' check) finds before the start. A day after
    today is not this question (it was already asked when the measurement was saved).

    >>> from toolkit.indicators import measurement_doubt
    >>> measured = [(1, date(2026, 3, 1)), (1, date(2026, 2, 1)), (1, date(2026, 6, 1)), (2, date(2026, 1, 1))]
    >>> left_before({1: date(2026, 5, 1), 2: None}, measured, measurement_doubt, date(2026, 11, 22))
    {1: [datetime.date(2026, 2, 1), datetime.date(2026, 3, 1)]}
    """
    found: dict[int, list[date]] = {}
    for owner, day in measured:
        if owner in starts and doubt(day, starts[owner], today) not in (None, "future"):
            found.setdefault(owner, []).append(day)
    return {owner: sorted(days) for owner, days in found.items()}
