"""A change of an actor's influence, interest or stance made outside an assessment (the register's
table, the record's form, a register imported again) is kept in its assessment history, so nothing
is overwritten silently: an assessment dated today with the reason of the change, preceded, when the
actor had no history yet, by the values it held until then (reason "previous")."""

from __future__ import annotations

from sqlalchemy import Connection, Row, insert, select

from toolkit import clock
from toolkit.store.tables import assessments

LEVELS = ("influence", "interest", "stance")
EDIT_REASON = "edit"  # a change in the register's table or the record's form (shown translated)
IMPORT_REASON = "import"  # a register imported again
PREVIOUS_REASON = "previous"  # what the actor held before its first recorded change
REASONS = (EDIT_REASON, IMPORT_REASON, PREVIOUS_REASON)  # reasons written by the app, not by a person


def record_change(
    connection: Connection, workspace_id: int, before: Row, values: dict[str, object], reason: str
) -> int:
    """Inside the caller's write, before ``before`` (the actor's stored row) takes ``values`` (checked
    already): record the change of its levels, if any, as assessments; returns how many were recorded."""
    wanted = {name: values[name] for name in LEVELS if name in values}
    held = {name: getattr(before, name) for name in LEVELS}
    after = {**held, **wanted}
    if after == held:
        return 0
    today = clock.today()
    row = {"workspace_id": workspace_id, "actor_id": before.id, "assessed_on": today}
    recorded = []
    history = connection.execute(select(assessments.c.id).where(assessments.c.actor_id == before.id).limit(1)).first()
    if history is None and any(value is not None for value in held.values()):
        recorded.append({**row, **held, "reason": PREVIOUS_REASON})
    recorded.append({**row, **after, "reason": reason})
    for values_of_one in recorded:  # one by one: the previous values get the lower id, so they read first
        connection.execute(insert(assessments).values(**values_of_one))
    return len(recorded)
