"""The Medellín sample's strategy exercise (``sample_data/medellin_strategy.json``): MACTOR
objectives of its internationalisation strategy, the positions of 14 actors and their direct
influences, salience judgements (most derived from the register as the March mapping workshop
would have judged them, a few dated later with their reason) and SDG tags."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Connection, select

from toolkit.sample import read_sample
from toolkit.store.engine import PROJECT_ROOT
from toolkit.store.strategy import (
    ENTITY_TABLES,
    insert_influences,
    insert_objectives,
    insert_positions,
    insert_salience,
    insert_sdg_tags,
)
from toolkit.store.tables import actors
from toolkit.strategy import Objective, SalienceJudgement

STRATEGY_PATH = PROJECT_ROOT / "sample_data" / "medellin_strategy.json"
PUBLIC = {
    "local_government",
    "regional_government",
    "national_government",
    "international_organisation",
    "academia",
    "city_network",
    "cooperation_agency",
    "foreign_government",
}


def _derived(row, workshop: date) -> SalienceJudgement:
    """What the workshop judged from the register: power its influence, legitimacy higher for
    public bodies, academia and networks, urgency one less than its interest."""
    return SalienceJudgement(
        row.id,
        workshop,
        power=row.influence,
        legitimacy=4 if row.sector in PUBLIC else 3,
        urgency=max(1, row.interest - 1),
        reason="Taller de mapeo de marzo",
    )


def insert_sample_strategy(connection: Connection, workspace_id: int, keys: list[str], today: date) -> None:
    """The strategy exercise, inside the sample's write; ``keys`` are the sample actors' keys in order."""
    data = read_sample(STRATEGY_PATH, today)
    rows = connection.execute(
        select(actors.c.id, actors.c.sector, actors.c.influence, actors.c.interest)
        .where(actors.c.workspace_id == workspace_id)
        .order_by(actors.c.id)
    ).all()
    actor_id = dict(zip(keys, [row.id for row in rows], strict=True))
    ids = insert_objectives(connection, workspace_id, [Objective(o["title"], o["phase"]) for o in data["objectives"]])
    objective_id = dict(zip([o["key"] for o in data["objectives"]], ids, strict=True))
    insert_positions(
        connection,
        workspace_id,
        {(actor_id[p["actor"]], objective_id[p["objective"]]): p["value"] for p in data["positions"]},
    )
    insert_influences(
        connection,
        workspace_id,
        {(actor_id[i["source"]], actor_id[i["target"]]): i["value"] for i in data["influences"]},
    )
    explicit = [
        SalienceJudgement(
            actor_id[s["actor"]],
            date.fromisoformat(s["assessed_on"]),
            s["power"],
            s["legitimacy"],
            s["urgency"],
            s["reason"],
        )
        for s in data["salience"]
    ]
    judged = {j.actor_id for j in explicit}
    derived = [
        _derived(row, date.fromisoformat(data["workshop"]))
        for row in rows
        if row.id not in judged and row.influence and row.interest
    ]
    insert_salience(connection, workspace_id, [*derived, *explicit])
    for entity, tagged in data["tags"].items():
        if entity == "actors":
            found = actor_id
        else:
            table = ENTITY_TABLES[entity]
            found = dict(
                connection.execute(
                    select(table.c[_title(entity)], table.c.id).where(table.c.workspace_id == workspace_id)
                ).all()
            )
        for name, goals in tagged.items():
            if name in found:
                insert_sdg_tags(connection, workspace_id, entity, found[name], goals)


def _title(entity: str) -> str:
    return "name" if entity == "indicators" else "title"
