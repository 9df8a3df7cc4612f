"""The actor's whole story, worked out from what the store holds (pure functions, today given).

Contact history: the next steps to follow (overdue, this week, next week, the roadmap's ISO
weeks) and the actors to manage closely or keep satisfied that nobody has contacted in a while.
Dated assessments: the current influence, interest and stance of an actor is its latest
assessment; between two dates, who moved on the power-interest grid, said in words. Relations over
time: the relations that held on a given day.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from babel.dates import format_date as babel_format_date

from toolkit.domain import QUADRANTS, Actor, Assessment, Interaction, Relation, quadrant
from toolkit.i18n import LOCALES, language, t
from toolkit.roadmap import week_of

APP_REASONS = ("import", "edit", "previous")  # toolkit.store.reassessments.REASONS, written by the app
WATCHED = ("manage_closely", "keep_satisfied")  # the quadrants whose silence is worth noticing
QUIET_DAYS = 60  # "not contacted in N days": the default N


def kind_label(kind: str, lang: str | None = None) -> str:
    """The word for an interaction's kind ("Reunión", "Llamada"...)."""
    return t(f"engagement.kinds.{kind}", lang)


def reason_label(reason: str, lang: str | None = None) -> str:
    """An assessment's reason as shown: those the app writes (an import, an edit of the register,
    the values held before it) in the reader's language, a person's as written.

    >>> reason_label("edit", "es"), reason_label("Taller de diagnóstico", "es")
    ('Cambio en el registro', 'Taller de diagnóstico')
    """
    return t(f"engagement.reasons.{reason}", lang) if reason in APP_REASONS else reason


# -- next steps --------------------------------------------------------------------------------


@dataclass
class FollowUps:
    """Next steps not done yet: due before today, from today to this ISO week's Sunday, and in the
    next ISO week (Monday to Sunday); each list soonest first."""

    overdue: list[Interaction] = field(default_factory=list)
    this_week: list[Interaction] = field(default_factory=list)
    next_week: list[Interaction] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.this_week or self.next_week)


def is_pending(interaction: Interaction) -> bool:
    return bool(interaction.next_step.strip()) and not interaction.next_step_done


def follow_ups(interactions: Iterable[Interaction], today: date, team_member: str | None = None) -> FollowUps:
    """The next steps to follow, grouped like the roadmap's attention (``team_member``: only theirs).

    >>> steps = [Interaction("call", date(2026, 11, 2), {1: ""}, next_step=s, next_step_due=d)
    ...          for s, d in (("Enviar acta", date(2026, 11, 20)), ("Llamar", date(2026, 11, 26)),
    ...                       ("Visita", date(2026, 12, 3)), ("Más tarde", date(2026, 12, 20)))]
    >>> found = follow_ups(steps, date(2026, 11, 24))
    >>> [[i.next_step for i in group] for group in (found.overdue, found.this_week, found.next_week)]
    [['Enviar acta'], ['Llamar'], ['Visita']]
    """
    _, sunday = week_of(today)
    next_sunday = sunday + timedelta(days=7)
    pending = sorted(
        (
            i
            for i in interactions
            if is_pending(i)
            and i.next_step_due is not None
            and (team_member is None or i.team_member.casefold() == team_member.casefold())
        ),
        key=lambda i: (i.next_step_due, i.occurred_on, i.id or 0),
    )
    return FollowUps(
        overdue=[i for i in pending if i.next_step_due < today],
        this_week=[i for i in pending if today <= i.next_step_due <= sunday],
        next_week=[i for i in pending if sunday < i.next_step_due <= next_sunday],
    )


# -- contact -----------------------------------------------------------------------------------


def last_contacts(interactions: Iterable[Interaction], today: date | None = None) -> dict[int, date]:
    """The day of each actor's latest interaction (up to ``today`` when given: planned ones do not count)."""
    found: dict[int, date] = {}
    for interaction in interactions:
        if today is not None and interaction.occurred_on > today:
            continue
        for actor_id in interaction.actors:
            if actor_id not in found or found[actor_id] < interaction.occurred_on:
                found[actor_id] = interaction.occurred_on
    return found


@dataclass(frozen=True)
class Silence:
    actor: Actor
    last_contact: date | None  # None: never contacted
    days: int | None  # days since the last contact; None: never


def not_contacted(
    actors: Iterable[Actor], interactions: Iterable[Interaction], today: date, days: int = QUIET_DAYS
) -> list[Silence]:
    """Actors to manage closely or keep satisfied not contacted in ``days`` days (or never), the
    longest silence first (never contacted before all).

    >>> a, b = Actor("Alcaldía", influence=5, interest=5, id=1), Actor("Gremio", influence=5, interest=2, id=2)
    >>> seen = not_contacted([a, b], [Interaction("call", date(2026, 11, 1), {1: ""})], date(2026, 11, 22), 30)
    >>> [(s.actor.name, s.days) for s in seen]
    [('Gremio', None)]
    """
    last = last_contacts(interactions, today)
    found = []
    for actor in actors:
        if quadrant(actor.influence, actor.interest) not in WATCHED:
            continue
        seen = last.get(actor.id)
        if seen is None:
            found.append(Silence(actor, None, None))
        elif (today - seen).days >= days:
            found.append(Silence(actor, seen, (today - seen).days))
    return sorted(found, key=lambda s: (s.days is not None, -(s.days or 0), s.actor.name.casefold()))


def days_since_contact(
    actors: Iterable[Actor], interactions: Iterable[Interaction], today: date
) -> dict[int, int | None]:
    """For the map's colouring: each actor's days since its last contact (None: never)."""
    last = last_contacts(interactions, today)
    return {a.id: ((today - last[a.id]).days if a.id in last else None) for a in actors if a.id is not None}


# -- assessments -------------------------------------------------------------------------------


def _order(assessment: Assessment) -> tuple[date, int]:
    return assessment.assessed_on, assessment.id or 0


def latest(assessments: Iterable[Assessment], on: date | None = None) -> dict[int, Assessment]:
    """Each actor's latest assessment (on or before ``on`` when given): its current values."""
    found: dict[int, Assessment] = {}
    for assessment in assessments:
        if on is not None and assessment.assessed_on > on:
            continue
        held = found.get(assessment.actor_id)
        if held is None or _order(held) < _order(assessment):
            found[assessment.actor_id] = assessment
    return found


def current(actor: Actor, assessments: Iterable[Assessment]) -> tuple[int | None, int | None, int | None]:
    """(influence, interest, stance) of the actor: its latest assessment, else what the record holds."""
    mine = latest(a for a in assessments if a.actor_id == actor.id).get(actor.id)
    if mine is None:
        return actor.influence, actor.interest, actor.stance
    return mine.influence, mine.interest, mine.stance


@dataclass(frozen=True)
class Move:
    actor: Actor
    before: str | None  # the quadrant on the first day (None: not assessed yet)
    after: str | None  # the quadrant on the second day


def _quadrant_on(actor: Actor, assessed: dict[int, Assessment], undated: bool) -> str | None:
    found = assessed.get(actor.id)
    if found is not None:
        return quadrant(found.influence, found.interest)
    return quadrant(actor.influence, actor.interest) if undated else None


def moves(actors: Iterable[Actor], assessments: Iterable[Assessment], start: date, end: date) -> list[Move]:
    """Who changed quadrant on the power-interest grid between ``start`` and ``end`` (as assessed
        on or before each day). An actor never assessed keeps what its record holds: it did not move; one
    not assessed yet on the first day is not counted either (nothing to move from).

        >>> a = Actor("Alcaldía", id=1)
        >>> history = [Assessment(1, date(2026, 1, 10), 3, 3), Assessment(1, date(2026, 6, 1), 5, 4)]
        >>> [(m.actor.name, m.before, m.after) for m in moves([a], history, date(2026, 3, 1), date(2026, 11, 22))]
        [('Alcaldía', 'monitor', 'manage_closely')]
    """
    history = list(assessments)
    dated = {a.actor_id for a in history}
    before, after = latest(history, start), latest(history, end)
    found = []
    for actor in actors:
        undated = actor.id not in dated
        was, now = _quadrant_on(actor, before, undated), _quadrant_on(actor, after, undated)
        if was is not None and now is not None and was != now:
            found.append(Move(actor, was, now))
    return sorted(found, key=lambda m: (QUADRANTS.index(m.after), m.actor.name.casefold()))


def change_findings(found: Iterable[Move], since: date, lang: str | None = None) -> list[str]:
    """What changed since a day, in words: one sentence per quadrant actors moved into.

    >>> a, b = Actor("A", id=1), Actor("B", id=2)
    >>> change_findings([Move(a, "monitor", "manage_closely"), Move(b, None, "manage_closely")],
    ...                 date(2026, 3, 1), lang="es")
    ['2 actores pasaron a «Gestionar de cerca» desde el 1 de marzo de 2026.']
    """
    counts = Counter(m.after for m in found if m.after is not None)
    return [
        t(
            "engagement.moved_to",
            lang,
            count=counts[key],
            quadrant=t(f"quadrants.{key}", lang),
            since=babel_format_date(since, format="long", locale=LOCALES[lang or language()]),
        )
        for key in QUADRANTS
        if counts[key]
    ]


# -- relations over time -----------------------------------------------------------------------


def holds_on(relation: Relation, day: date) -> bool:
    """A relation holds on ``day`` when it started on or before it and had not ended before it
    (its end date is the last day it held)."""
    started = relation.starts_on is None or relation.starts_on <= day
    return started and (relation.ends_on is None or relation.ends_on >= day)


def relations_as_of(relations: Iterable[Relation], day: date) -> list[Relation]:
    """The relations that held on ``day`` (undated ones always do).

    >>> r = [Relation(1, 2, starts_on=date(2026, 2, 1)), Relation(1, 3, ends_on=date(2026, 5, 31)), Relation(2, 3)]
    >>> [(x.source, x.target) for x in relations_as_of(r, date(2026, 1, 15))]
    [(1, 3), (2, 3)]
    >>> [(x.source, x.target) for x in relations_as_of(r, date(2026, 6, 1))]
    [(1, 2), (2, 3)]
    """
    return [r for r in relations if holds_on(r, day)]
