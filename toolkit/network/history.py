"""The map and the grid over time: the relations that held on a day, the actors as assessed on a
day, and how long each actor has gone without contact (the map's "días desde el último contacto").

Pure functions over the register's lists; the day is always given.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from toolkit.domain import Actor, Assessment, Relation
from toolkit.engagement import Move, latest, relations_as_of

# the map's contact colouring: bins of days since the last contact, the longest silence darkest
CONTACT_BINS = ("under_30", "under_90", "under_180", "over_180", "never")
CONTACT_LIMITS = (30, 90, 180)  # upper bounds (exclusive) of the first three bins
# ColorBrewer YlOrBr (sequential, safe for every kind of colour blindness): light is recent, dark
# is a long silence; never contacted is hollow (white, grey ring), apart from the scale
CONTACT_COLOURS = {
    "under_30": "#fee391",
    "under_90": "#fe9929",
    "under_180": "#cc4c02",
    "over_180": "#662506",
    "never": "#ffffff",
}
NEVER_RING = "#6b6b6b"


def contact_bin(days: int | None) -> str:
    """The colouring bin of an actor last contacted ``days`` ago (``None``: never).

    >>> [contact_bin(d) for d in (0, 29, 30, 89, 90, 179, 180, 400, None)]
    ['under_30', 'under_30', 'under_90', 'under_90', 'under_180', 'under_180', 'over_180', 'over_180', 'never']
    """
    if days is None:
        return "never"
    for key, limit in zip(CONTACT_BINS, CONTACT_LIMITS, strict=False):
        if days < limit:
            return key
    return "over_180"


@dataclass(frozen=True)
class RelationsOn:
    """The relations that held on ``day``, and how many others the register has (not yet started,
    or already ended, on that day)."""

    day: date
    relations: list[Relation]
    hidden: int


def relations_on(relations: Iterable[Relation], day: date) -> RelationsOn:
    """The map "as of" a day.

    >>> r = [Relation(1, 2, starts_on=date(2026, 2, 1)), Relation(1, 3, ends_on=date(2026, 5, 31)), Relation(2, 3)]
    >>> on = relations_on(r, date(2026, 1, 15))
    >>> [(x.source, x.target) for x in on.relations], on.hidden
    ([(1, 3), (2, 3)], 1)
    """
    every = list(relations)
    held = relations_as_of(every, day)
    return RelationsOn(day, held, len(every) - len(held))


def earliest_start(relations: Iterable[Relation]) -> date | None:
    """The first day a relation of the register started (``None``: no relation is dated).

    >>> earliest_start([Relation(1, 2), Relation(1, 3, starts_on=date(2019, 5, 2))])
    datetime.date(2019, 5, 2)
    """
    return min((r.starts_on for r in relations if r.starts_on is not None), default=None)


def actors_on(actors: Iterable[Actor], assessments: Iterable[Assessment], day: date) -> list[Actor]:
    """The actors with the influence, interest and stance assessed on ``day`` (the latest
    assessment on or before it). An actor never assessed keeps what its record holds; one first
    assessed after ``day`` has no levels yet (it was not on the grid then).

    >>> a, b, c = Actor("A", id=1, influence=5, interest=5), Actor("B", id=2, influence=2), Actor("C", id=3)
    >>> history = [Assessment(1, date(2026, 1, 10), 3, 2, 1), Assessment(1, date(2026, 6, 1), 5, 5, 2),
    ...            Assessment(3, date(2026, 9, 1), 4, 4)]
    >>> [(x.name, x.influence, x.interest, x.stance) for x in actors_on([a, b, c], history, date(2026, 3, 1))]
    [('A', 3, 2, 1), ('B', 2, None, None), ('C', None, None, None)]
    """
    history = list(assessments)
    dated = {a.actor_id for a in history}
    assessed = latest(history, day)
    found = []
    for actor in actors:
        mine = assessed.get(actor.id)
        if mine is not None:
            actor = replace(actor, influence=mine.influence, interest=mine.interest, stance=mine.stance)
        elif actor.id in dated:
            actor = replace(actor, influence=None, interest=None, stance=None)
        found.append(actor)
    return found


def earlier_places(
    actors: Iterable[Actor], assessments: Iterable[Assessment], moved: Iterable[Move], day: date
) -> dict[int, tuple[int, int]]:
    """Where each actor that moved stood on the power-interest grid on ``day``: (interest, influence).

    >>> a = Actor("A", id=1)
    >>> history = [Assessment(1, date(2026, 1, 10), 2, 4), Assessment(1, date(2026, 6, 1), 5, 5)]
    >>> earlier_places([a], history, [Move(a, "keep_informed", "manage_closely")], date(2026, 3, 1))
    {1: (4, 2)}
    """
    chosen = {m.actor.id for m in moved}
    return {
        actor.id: (actor.interest, actor.influence)
        for actor in actors_on([a for a in actors if a.id in chosen], assessments, day)
        if actor.influence and actor.interest
    }
