"""The register's salience filter matched by the database: an actor's class is that of its latest
judgement (the latest day, then the latest recorded), as :func:`toolkit.salience.latest_classes`
names it; an actor never judged, or judged on fewer than three attributes, is "not assessed"
(None)."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import and_, exists, false, or_, select

from toolkit.salience import HELD_BY, THRESHOLD
from toolkit.store.strategy_tables import salience_assessments
from toolkit.store.tables import actors

LEVELS = ("power", "legitimacy", "urgency")


def _latest_id():
    """The id of the actor's latest judgement (correlated to the outer ``actors`` row)."""
    newest = salience_assessments.alias("newest_salience")
    return (
        select(newest.c.id)
        .where(newest.c.actor_id == actors.c.id)
        .order_by(newest.c.assessed_on.desc(), newest.c.id.desc())
        .limit(1)
        .correlate(actors)
        .scalar_subquery()
    )


def salience_condition(classes: Collection[str | None]) -> object:
    """A condition on ``actors`` keeping those whose latest judgement names one of ``classes``
    (None: not assessed); an unknown class keeps nobody."""
    judged = salience_assessments.alias("judged_salience")
    latest = judged.c.id == _latest_id()
    whole = and_(*(judged.c[name].is_not(None) for name in LEVELS))
    conditions = []
    for name in classes:
        if name is None or name == "unknown":
            conditions.append(~exists().where(latest, whole).correlate(actors))
            continue
        held = HELD_BY.get(name)
        if held is None:
            conditions.append(false())
            continue
        levels = [
            judged.c[level] >= THRESHOLD if has else judged.c[level] < THRESHOLD
            for level, has in zip(LEVELS, held, strict=True)
        ]
        conditions.append(exists().where(latest, whole, *levels).correlate(actors))
    return or_(*conditions) if conditions else false()
