"""The Medellín sample workspace: its register, consultations, audiences, campaigns, indicators and
roadmap, written in one transaction, dated around the day it is loaded (see :mod:`toolkit.sample`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlalchemy import Connection, Engine, select

from toolkit import clock
from toolkit.domain import (
    Activity,
    Actor,
    Assessment,
    Audience,
    AudienceRule,
    Campaign,
    Consultation,
    Contribution,
    CoverageTarget,
    Interaction,
    Kpi,
    KpiMeasurement,
    Participant,
    Relation,
)
from toolkit.sample import read_sample
from toolkit.store.audiences import AudienceBundle
from toolkit.store.audit import summarised
from toolkit.store.batches import RegisterBatch, write_batch
from toolkit.store.campaigns import CampaignBundle
from toolkit.store.consultations import ConsultationBundle
from toolkit.store.engagement import insert_assessments, insert_interactions
from toolkit.store.engine import PROJECT_ROOT, StoreError
from toolkit.store.indicators import write_sample_indicators
from toolkit.store.places import insert_sample_districts
from toolkit.store.roadmap import insert_sample_roadmap
from toolkit.store.stories import insert_sample_story
from toolkit.store.strategy_sample import insert_sample_strategy
from toolkit.store.tables import actors, campaigns, consultations
from toolkit.store.workspaces import find_workspace, insert_workspace, rows_in_order

SAMPLE_PATH = PROJECT_ROOT / "sample_data" / "medellin.json"
HISTORY_PATH = PROJECT_ROOT / "sample_data" / "medellin_history.json"
PLACES_PATH = PROJECT_ROOT / "sample_data" / "medellin_places.json"  # where each actor is (issue 19)


def sample_batch(path: Path = SAMPLE_PATH, today: date | None = None) -> tuple[dict, RegisterBatch]:
    """The sample's workspace and register, dated around ``today`` (see :mod:`toolkit.sample`)."""
    data = read_sample(path, today)
    batch = RegisterBatch()
    index: dict[str, int] = {}
    places = json.loads(PLACES_PATH.read_text("utf-8"))["actors"] if path == SAMPLE_PATH else {}
    for position, row in enumerate(data["actors"]):
        values = {k: v for k, v in row.items() if k != "key"} | places.get(row["key"], {})
        if values.get("consent_date"):
            values["consent_date"] = date.fromisoformat(values["consent_date"])
        batch.new_actors.append(Actor(**values))
        index[row["key"]] = position
    for row in data["relations"]:
        relation = Relation(
            source=0,
            target=0,
            type=row["type"],
            strength=row["strength"],
            directed=row["directed"],
            description=row.get("description", ""),
            starts_on=_day(row.get("starts_on")),
            ends_on=_day(row.get("ends_on")),
        )
        batch.relations.append((("new", index[row["source"]]), ("new", index[row["target"]]), relation))
    batch.consultations = [_consultation(row, index) for row in data.get("consultations", [])]
    batch.audiences, audience_positions = _audiences(data.get("audiences", []), index)
    batch.campaigns = [_campaign(row, audience_positions) for row in data.get("campaigns", [])]
    return data["workspace"], batch


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _consultation(row: dict, index: dict[str, int]):
    """One consultation of the sample; participants and contributions name actors by their key."""
    plan = {k: v for k, v in row.items() if k not in ("participants", "contributions", "targets")}
    plan["starts_on"], plan["ends_on"] = _day(plan.get("starts_on")), _day(plan.get("ends_on"))
    bundle = ConsultationBundle(Consultation(**plan, targets=[CoverageTarget(**t) for t in row.get("targets", [])]))
    for entry in row.get("participants", []):
        values = {k: v for k, v in entry.items() if k != "actor"}
        for name in ("invited_on", "responded_on", "attended_on"):
            values[name] = _day(values.get(name))
        bundle.participants.append((("new", index[entry["actor"]]), Participant(0, 0, **values)))
    for entry in row.get("contributions", []):
        values = {k: v for k, v in entry.items() if k != "actor"}
        values["due_on"] = _day(values.get("due_on"))
        actor = ("new", index[entry["actor"]]) if entry.get("actor") else None
        bundle.contributions.append((actor, Contribution(0, **values)))
    return bundle


def _audiences(rows: list[dict], index: dict[str, int]) -> tuple[list, dict[str, int]]:
    """The sample's audiences (members name actors by their key) and each one's position by its key."""
    bundles, positions = [], {}
    for row in rows:
        values = {k: v for k, v in row.items() if k not in ("key", "rule", "members")}
        bundle = AudienceBundle(Audience(**values, rule=AudienceRule.from_dict(row.get("rule"))))
        bundle.members = [(("new", index[m["actor"]]), m.get("included", True)) for m in row.get("members", [])]
        positions[row["key"]] = len(bundles)
        bundles.append(bundle)
    return bundles, positions


def _campaign(row: dict, audience_positions: dict[str, int]):
    """One campaign of the sample with its activities, KPIs and measurements; audiences by their key."""
    plan = {k: v for k, v in row.items() if k not in ("audiences", "activities", "kpis")}
    plan["starts_on"], plan["ends_on"] = _day(plan.get("starts_on")), _day(plan.get("ends_on"))
    bundle = CampaignBundle(Campaign(**plan), [audience_positions[key] for key in row.get("audiences", [])])
    for entry in row.get("activities", []):
        bundle.activities.append(Activity(0, **{**entry, "due_on": _day(entry.get("due_on"))}))
    for entry in row.get("kpis", []):
        measured = [
            KpiMeasurement(0, _day(m["measured_on"]), m["value"], m.get("notes", ""))
            for m in entry.get("measurements", [])
        ]
        bundle.kpis.append((Kpi(0, **{k: v for k, v in entry.items() if k != "measurements"}), measured))
    return bundle


def insert_sample_history(connection: Connection, workspace_id: int, keys: list[str], today: date) -> None:
    """A year of the actors' story: contact history (meetings, calls, e-mails with their next steps)
    and dated assessments, whose latest are the values the register holds."""
    data = read_sample(HISTORY_PATH, today)
    actor_id = dict(zip(keys, [row.id for row in rows_in_order(connection, actors, workspace_id)], strict=True))
    titles = {
        name: dict(
            connection.execute(select(table.c.title, table.c.id).where(table.c.workspace_id == workspace_id)).all()
        )
        for name, table in (("consultation", consultations), ("campaign", campaigns))
    }
    insert_interactions(
        connection,
        workspace_id,
        [
            Interaction(
                kind=row["kind"],
                occurred_on=_day(row["occurred_on"]),
                actors={actor_id[a["actor"]]: a["people"] for a in row["actors"]},
                team_member=row["team_member"],
                summary=row["summary"],
                agreements=row["agreements"],
                next_step=row["next_step"],
                next_step_due=_day(row.get("next_step_due")),
                next_step_done=row["next_step_done"],
                consultation_id=titles["consultation"].get(row.get("consultation")),
                campaign_id=titles["campaign"].get(row.get("campaign")),
            )
            for row in data["interactions"]
        ],
    )
    insert_assessments(
        connection,
        workspace_id,
        [
            Assessment(
                actor_id[row["actor"]],
                _day(row["assessed_on"]),
                row["influence"],
                row["interest"],
                row["stance"],
                row["reason"],
            )
            for row in data["assessments"]
        ],
        set_current=False,
    )


def load_sample(engine: Engine, name: str | None = None, path: Path = SAMPLE_PATH, today: date | None = None) -> int:
    """Create a workspace holding the Medellín sample (register, consultations, audiences and campaigns);
    returns its id."""
    today = today or clock.today()  # one day for the three files, even loaded at midnight
    workspace, batch = sample_batch(path, today)
    name = name or workspace["name"]
    if find_workspace(engine, name) is not None:
        raise StoreError("name_taken", name=name)
    with engine.begin() as connection:
        workspace_id = insert_workspace(
            connection, name, workspace["city"], workspace["country"], workspace["language"], workspace["description"]
        )
        with summarised(connection, workspace_id, "load_sample", name):  # one entry in the activity feed
            write_batch(connection, workspace_id, batch)
            if path == SAMPLE_PATH:
                _insert_places(connection, workspace_id)
            insert_sample_history(
                connection, workspace_id, [row["key"] for row in read_sample(path, today)["actors"]], today
            )
            write_sample_indicators(connection, workspace_id, today=today)
            insert_sample_roadmap(connection, workspace_id, today=today)
            insert_sample_story(connection, workspace_id, workspace["language"], _actor_id(connection, workspace_id))
            if path == SAMPLE_PATH:  # the MACTOR exercise, salience and SDG tags (issue 20)
                insert_sample_strategy(
                    connection, workspace_id, [r["key"] for r in read_sample(path, today)["actors"]], today
                )
    return workspace_id


def _insert_places(connection: Connection, workspace_id: int) -> None:
    """The sample's comunas of Medellín (approximate, drawn for the sample) and its actors' districts."""
    places = json.loads(PLACES_PATH.read_text("utf-8"))
    comunas = (PLACES_PATH.parent / places["districts"]).read_bytes()
    insert_sample_districts(connection, workspace_id, comunas, places["district_property"])


def _actor_id(connection: Connection, workspace_id: int, name: str = "Embajada de Francia en Colombia") -> int | None:
    """The id of the sample's actor the default story focuses on (the embassy)."""
    return connection.execute(
        select(actors.c.id).where(actors.c.workspace_id == workspace_id, actors.c.name == name)
    ).scalar()
