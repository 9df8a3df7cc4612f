"""Use cases of the actor register that span reading, analysis and the store.

The page "Actores", the CLI and the first run call these; each returns a value that
says what happened.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import NamedTuple

from sqlalchemy import Engine

from toolkit import clock
from toolkit.domain import (
    STANCE_KEYS,
    STANCE_VALUES,
    Activity,
    Actor,
    Audience,
    AudienceRule,
    Campaign,
    Consultation,
    Contribution,
    CoverageTarget,
    Kpi,
    KpiMeasurement,
    Participant,
    Relation,
    quadrant,
)
from toolkit.i18n import LANGUAGES
from toolkit.sample import read_sample
from toolkit.spreadsheets.importing import ImportPreview, Plan, Problem, parse_workbook, plan_batch
from toolkit.spreadsheets.mapping import WorkbookLayout
from toolkit.spreadsheets.reading import ReadLimits, Workbook, read_workbook
from toolkit.store import StoreError
from toolkit.store.engine import PROJECT_ROOT
from toolkit.store.register import (
    BatchResult,
    RegisterBatch,
    Unplanned,
    list_actors,
    list_relations,
    plan_and_write,
    write_batch,
)
from toolkit.store.workspaces import find_workspace, holds_data, insert_workspace, rows_in_order, vocabulary_terms

SAMPLE_PATH = PROJECT_ROOT / "sample_data" / "medellin.json"


class PlanCounts(NamedTuple):
    """What the wizard's last step tells of a plan before the person confirms it."""

    added: int
    merged: int
    skipped: int
    relations: int


def plan_counts(plan: Plan) -> PlanCounts:
    return PlanCounts(plan.added, plan.merged, plan.skipped, len(plan.batch.relations))


@dataclass
class ImportOutcome:
    preview: ImportPreview
    plan: Plan | None = None
    stored: BatchResult | None = None
    replanned: bool = False  # the register changed since the plan the person saw: nothing stored

    @property
    def problems(self) -> list[Problem]:
        return self.preview.errors + (self.plan.relation_errors if self.plan else [])


def check_file(
    engine: Engine | None,
    workspace_id: int | None,
    data: bytes,
    filename: str,
    limits: ReadLimits | None = None,
    layout: WorkbookLayout | None = None,
    workbook: Workbook | None = None,
) -> ImportPreview:
    """Read and validate a file; store nothing. Raises ``UnreadableFile`` when it cannot be read."""
    workbook = workbook or read_workbook(data, filename, limits or ReadLimits())
    terms = vocabulary_terms(engine, workspace_id) if engine is not None and workspace_id else {}
    return parse_workbook(workbook, terms, layout)


def import_preview(
    engine: Engine,
    workspace_id: int,
    preview: ImportPreview,
    policy: str = "merge",
    decisions: dict[int, str] | None = None,
    expected: PlanCounts | None = None,
) -> ImportOutcome:
    """Store a checked file into the workspace in one transaction (nothing on failure).

    Which rows are new and which merge is decided inside that transaction, on the register as it
    is once the workspace is locked: imports of one list at once add it once, and the later ones
    merge into it. With ``expected`` (the counts the person confirmed), a plan that comes out
    different stores nothing and comes back with ``replanned`` set, to be shown and confirmed again.
    """
    planned: list[Plan] = []

    def plan(existing: list[Actor]) -> RegisterBatch:
        planned.append(plan_batch(preview, existing, policy, decisions))
        if expected is not None and plan_counts(planned[-1]) != expected:
            raise Unplanned
        return planned[-1].batch

    try:
        stored = plan_and_write(engine, workspace_id, plan)
    except Unplanned:
        return ImportOutcome(preview=preview, plan=planned[-1], replanned=True)
    return ImportOutcome(preview=preview, plan=planned[-1], stored=stored)


def plan_preview(
    engine: Engine,
    workspace_id: int,
    preview: ImportPreview,
    policy: str = "merge",
    decisions: dict[int, str] | None = None,
) -> Plan:
    """What an import would do, without doing it (for the wizard's last step)."""
    return plan_batch(preview, list_actors(engine, workspace_id), policy, decisions)


# -- the Medellín sample ---------------------------------------------------------------------


def sample_batch(path: Path = SAMPLE_PATH, today: date | None = None) -> tuple[dict, RegisterBatch]:
    """The sample's workspace and register, dated around ``today`` (see :mod:`toolkit.sample`)."""
    data = read_sample(path, today)
    batch = RegisterBatch()
    index: dict[str, int] = {}
    for position, row in enumerate(data["actors"]):
        values = {k: v for k, v in row.items() if k != "key"}
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
        )
        batch.relations.append((("new", index[row["source"]]), ("new", index[row["target"]]), relation))
    batch.consultations = [_sample_consultation(row, index) for row in data.get("consultations", [])]
    batch.audiences, audience_positions = _sample_audiences(data.get("audiences", []), index)
    batch.campaigns = [_sample_campaign(row, audience_positions) for row in data.get("campaigns", [])]
    return data["workspace"], batch


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _sample_consultation(row: dict, index: dict[str, int]):
    """One consultation of the sample; participants and contributions name actors by their key."""
    from toolkit.store.consultations import ConsultationBundle

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


def _sample_audiences(rows: list[dict], index: dict[str, int]) -> tuple[list, dict[str, int]]:
    """The sample's audiences (members name actors by their key) and each one's position by its key."""
    from toolkit.store.audiences import AudienceBundle

    bundles, positions = [], {}
    for row in rows:
        values = {k: v for k, v in row.items() if k not in ("key", "rule", "members")}
        bundle = AudienceBundle(Audience(**values, rule=AudienceRule.from_dict(row.get("rule"))))
        bundle.members = [(("new", index[m["actor"]]), m.get("included", True)) for m in row.get("members", [])]
        positions[row["key"]] = len(bundles)
        bundles.append(bundle)
    return bundles, positions


def _sample_campaign(row: dict, audience_positions: dict[str, int]):
    """One campaign of the sample with its activities, KPIs and measurements; audiences by their key."""
    from toolkit.store.campaigns import CampaignBundle

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


def load_sample(engine: Engine, name: str | None = None, path: Path = SAMPLE_PATH, today: date | None = None) -> int:
    """Create a workspace holding the Medellín sample (register, consultations, audiences and campaigns);
    returns its id."""
    from toolkit.store.audit import summarised
    from toolkit.store.indicators import write_sample_indicators
    from toolkit.store.roadmap import insert_sample_roadmap

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
            write_sample_indicators(connection, workspace_id, today=today)
            insert_sample_roadmap(connection, workspace_id, today=today)
    return workspace_id


def workspace_backup(engine: Engine, workspace_id: int) -> bytes:
    """The backup workbook of everything in a workspace: register, vocabularies, consultations,
    audiences, campaigns, the roadmap's milestones and the indicators with their measurements."""
    from toolkit.spreadsheets.exports import backup_workbook
    from toolkit.store.audiences import list_audience_members, list_audiences
    from toolkit.store.campaigns import list_activities, list_campaigns, list_kpis, list_measurements
    from toolkit.store.consultations import list_consultations, list_contributions, list_participants
    from toolkit.store.indicators import list_indicator_measurements, list_indicators
    from toolkit.store.roadmap import list_milestones
    from toolkit.store.workspaces import get_workspace

    return backup_workbook(
        get_workspace(engine, workspace_id),
        list_actors(engine, workspace_id),
        list_relations(engine, workspace_id),
        vocabulary_terms(engine, workspace_id),
        list_consultations(engine, workspace_id),
        list_participants(engine, workspace_id),
        list_contributions(engine, workspace_id),
        audiences=list_audiences(engine, workspace_id),
        audience_members=list_audience_members(engine, workspace_id),
        campaigns=list_campaigns(engine, workspace_id),
        activities=list_activities(engine, workspace_id),
        kpis=list_kpis(engine, workspace_id),
        measurements=list_measurements(engine, workspace_id),
        milestones=list_milestones(engine, workspace_id),
        indicators=list_indicators(engine, workspace_id),
        indicator_measurements=list_indicator_measurements(engine, workspace_id),
    )


# -- restoring a backup ----------------------------------------------------------------------


class RestoreRefused(StoreError):
    """A backup that cannot be restored where asked: the file is not a backup, or the workspace
    chosen already holds data. Its message is under ``reports.restore.refused.``."""

    @property
    def message_key(self) -> str:
        reason = self.reason
        return f"reports.restore.refused.{reason}"


@dataclass
class BackupContents:
    """A backup read and checked, before anything is stored (what the confirmation step shows)."""

    workspace: dict[str, str]  # name, city, country, language, description
    preview: ImportPreview
    roadmap: object  # toolkit.spreadsheets.roadmap_backup.RoadmapBackup
    consultation_refs: list[str] = field(default_factory=list)  # the consultations sheet's numbers, in order
    campaign_refs: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)  # any of them: nothing can be restored

    @property
    def counts(self) -> dict[str, int]:
        return {
            "actors": len(self.preview.actors),
            "relations": len(self.preview.relations),
            "consultations": len(self.preview.consultations),
            "audiences": len(self.preview.audiences),
            "campaigns": len(self.preview.campaigns),
            "milestones": len(self.roadmap.milestones),
            "indicators": len(self.roadmap.indicators),
            "indicator_measurements": sum(len(m) for _, m in self.roadmap.indicators),
        }


@dataclass
class RestoreOutcome:
    contents: BackupContents
    workspace_id: int | None = None  # None: nothing was stored (see ``problems``)
    stored: BatchResult | None = None

    @property
    def problems(self) -> list[Problem]:
        return self.contents.problems

    @property
    def ok(self) -> bool:
        return self.workspace_id is not None and not self.problems


def read_backup(data: bytes, filename: str, limits: ReadLimits | None = None) -> BackupContents:
    """Read a backup workbook and check every sheet; store nothing.

    Raises ``UnreadableFile`` when the file cannot be read and ``RestoreRefused("not_a_backup")``
    when it is another kind of spreadsheet (a list of actors is imported on the page "Actores").
    """
    from toolkit.spreadsheets import normalise as norm
    from toolkit.spreadsheets.roadmap_backup import check_links, parse_backup

    workbook = read_workbook(data, filename, limits or ReadLimits())
    sheets = {sheet.name: sheet.rows for sheet in workbook.sheets}
    preview = parse_workbook(workbook, {})
    if preview.format != "backup":
        raise RestoreRefused("not_a_backup")
    header, *values = sheets.get("workspace") or [[]]
    keys = [norm.text(cell).lower() for cell in header]
    first = values[0] if values else []
    workspace = {
        key: norm.text(first[i]) if i < len(first) else ""
        for i, key in enumerate(keys)
        if key in ("name", "city", "country", "language", "description")
    }

    def refs(sheet: str) -> list[str]:
        header, *rows = sheets.get(sheet) or [[]]
        keys = [norm.text(cell).lower() for cell in header]
        if "id" not in keys:
            return []
        at = keys.index("id")
        return [norm.text(row[at]) if at < len(row) else "" for row in rows if not all(norm.is_blank(c) for c in row)]

    roadmap = parse_backup(sheets)
    contents = BackupContents(
        workspace=workspace,
        preview=preview,
        roadmap=roadmap,
        consultation_refs=refs("consultations"),
        campaign_refs=refs("campaigns"),
    )
    contents.problems = (
        preview.errors
        + roadmap.problems
        + check_links(roadmap, set(contents.consultation_refs), set(contents.campaign_refs))
    )
    return contents


class _Refused(Exception):
    """A row the store refused while restoring: the transaction is rolled back, the outcome says why."""


def _write_roadmap(connection, workspace_id: int, contents: BackupContents) -> None:
    """The milestones (their links to consultations and campaigns made anew) and the indicators
    with their measurements, inside the restore's transaction, after everything else."""
    from toolkit.store import tables
    from toolkit.store.indicators import insert_indicator_measurements, insert_indicators
    from toolkit.store.roadmap import insert_milestones

    by_key: dict[tuple, int] = {}
    for row in rows_in_order(connection, tables.consultations, workspace_id):
        by_key.setdefault((row.title, row.starts_on), row.id)
    consultation_id = {
        ref: by_key.get((" ".join(backup.consultation.title.split()), backup.consultation.starts_on))
        for ref, backup in zip(contents.consultation_refs, contents.preview.consultations, strict=False)
    }
    campaign_id = dict(
        zip(
            contents.campaign_refs,
            [row.id for row in rows_in_order(connection, tables.campaigns, workspace_id)],
            strict=False,
        )
    )
    milestones = []
    for entry in contents.roadmap.milestones:
        entry.milestone.consultation_id = consultation_id.get(entry.consultation_ref)
        entry.milestone.campaign_id = campaign_id.get(entry.campaign_ref)
        milestones.append(entry.milestone)
    sheet = "milestones"
    try:
        insert_milestones(connection, workspace_id, milestones)
        sheet = "indicators"
        indicator_ids = insert_indicators(connection, workspace_id, [i for i, _ in contents.roadmap.indicators])
        measurements = []
        for indicator_id, (_, measured) in zip(indicator_ids, contents.roadmap.indicators, strict=True):
            for measurement in measured:
                measurement.indicator_id = indicator_id
                measurements.append(measurement)
        sheet = "indicator_measurements"
        insert_indicator_measurements(connection, workspace_id, measurements)
    except StoreError as error:
        if isinstance(error, RestoreRefused):
            raise
        contents.problems.append(Problem(sheet, 0, "", error.message_key, error.details))
        raise _Refused from error


def restore_backup(
    engine: Engine,
    data: bytes,
    filename: str,
    *,
    new_workspace_name: str | None = None,
    into_workspace_id: int | None = None,
    limits: ReadLimits | None = None,
) -> RestoreOutcome:
    """Restore a backup workbook into a new workspace (named ``new_workspace_name``, else as in the
    backup) or into an empty existing one, in one transaction: everything, or nothing.

    A file with any row that cannot be read restores nothing and the outcome lists the rows.
    Raises ``UnreadableFile``, ``RestoreRefused`` (not a backup; the workspace is not empty) and
    ``StoreError`` (the name is taken, the workspace does not exist).
    """
    from toolkit.store.audit import summarised
    from toolkit.store.workspaces import lock_workspace

    if new_workspace_name is not None and into_workspace_id is not None:
        raise ValueError("restore into a new workspace or into an existing one, not both")
    contents = read_backup(data, filename, limits)
    outcome = RestoreOutcome(contents)
    name = " ".join((new_workspace_name or contents.workspace.get("name") or "").split())
    if into_workspace_id is None and name and find_workspace(engine, name) is not None:
        raise StoreError("name_taken", name=name)
    if contents.problems:
        return outcome
    plan = plan_batch(contents.preview, [], "keep")  # a faithful copy: same-named actors stay apart
    if plan.relation_errors:
        contents.problems.extend(plan.relation_errors)
        return outcome
    try:
        with engine.begin() as connection:
            if into_workspace_id is None:
                workspace = contents.workspace
                language = workspace.get("language") if workspace.get("language") in LANGUAGES else "es"
                workspace_id = insert_workspace(
                    connection,
                    name,
                    workspace.get("city", ""),
                    workspace.get("country", ""),
                    language,
                    workspace.get("description", ""),
                )
            else:
                workspace_id = into_workspace_id
                lock_workspace(connection, workspace_id)
                if holds_data(connection, workspace_id):
                    raise RestoreRefused("not_empty")
            with summarised(connection, workspace_id, "restore_backup", filename):
                outcome.stored = write_batch(connection, workspace_id, plan.batch)
                _write_roadmap(connection, workspace_id, contents)
    except _Refused:
        outcome.stored = None
        return outcome
    outcome.workspace_id = workspace_id
    return outcome


# -- the workspace at a glance ---------------------------------------------------------------


@dataclass
class Overview:
    actors: int
    relations: int
    by_sector: Counter = field(default_factory=Counter)
    by_scale: Counter = field(default_factory=Counter)
    by_quadrant: Counter = field(default_factory=Counter)
    without_sector: list[str] = field(default_factory=list)
    without_stance: list[str] = field(default_factory=list)
    without_consent: list[str] = field(default_factory=list)  # has contact data but no recorded consent
    isolated: list[str] = field(default_factory=list)


def overview(actors: list[Actor], relations: list[Relation]) -> Overview:
    """Counts and data-quality lists for the home page.

    >>> view = overview([Actor("A", sector="academia", influence=5, interest=5), Actor("B")], [])
    >>> view.by_sector["academia"], view.by_quadrant["manage_closely"], view.without_sector
    (1, 1, ['B'])
    """
    connected = {r.source for r in relations} | {r.target for r in relations}
    result = Overview(actors=len(actors), relations=len(relations))
    for actor in actors:
        result.by_sector[actor.sector or ""] += 1
        result.by_scale[actor.scale or ""] += 1
        result.by_quadrant[quadrant(actor.influence, actor.interest) or ""] += 1
        if not actor.sector:
            result.without_sector.append(actor.name)
        if actor.stance is None:
            result.without_stance.append(actor.name)
        has_contact = any((actor.contact_name, actor.email, actor.phone))
        if has_contact and actor.consent != "yes":
            result.without_consent.append(actor.name)
        if actor.id not in connected:
            result.isolated.append(actor.name)
    return result


def workspace_overview(engine: Engine, workspace_id: int) -> Overview:
    return overview(list_actors(engine, workspace_id), list_relations(engine, workspace_id))


# -- the register table ----------------------------------------------------------------------

TABLE_COLUMNS = (
    "id",
    "version",
    "delete",
    "name",
    "acronym",
    "kind",
    "sector",
    "scale",
    "stance",
    "influence",
    "interest",
    "quadrant",
    "themes",
    "dimensions",
    "country",
    "city",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
    "notes",
)
EDITABLE_COLUMNS = tuple(c for c in TABLE_COLUMNS if c not in ("id", "version", "delete", "quadrant"))


@dataclass
class ActorFilter:
    query: str = ""
    sectors: tuple[str, ...] = ()
    scales: tuple[str, ...] = ()
    stances: tuple[int | None, ...] = ()
    quadrants: tuple[str | None, ...] = ()
    themes: tuple[str, ...] = ()


def filter_actors(actors: list[Actor], wanted: ActorFilter) -> list[Actor]:
    """Actors matching the search words (name, acronym, city, themes, notes) and every chosen filter.

    >>> a = [Actor("Universidad EAFIT", sector="academia", themes=["innovación"]), Actor("EPM")]
    >>> [x.name for x in filter_actors(a, ActorFilter(query="eafit"))]
    ['Universidad EAFIT']
    >>> [x.name for x in filter_actors(a, ActorFilter(themes=("innovacion",)))]
    ['Universidad EAFIT']
    """
    from toolkit.vocab import fold

    words = fold(wanted.query).split()
    themes = {fold(theme) for theme in wanted.themes}
    found = []
    for actor in actors:
        if words:
            haystack = fold(
                " ".join([actor.name, actor.acronym, actor.city, actor.country, *actor.themes, actor.notes])
            )
            if not all(word in haystack for word in words):
                continue
        if wanted.sectors and actor.sector not in wanted.sectors:
            continue
        if wanted.scales and actor.scale not in wanted.scales:
            continue
        if wanted.stances and actor.stance not in wanted.stances:
            continue
        if wanted.quadrants and quadrant(actor.influence, actor.interest) not in wanted.quadrants:
            continue
        if themes and not themes & {fold(theme) for theme in actor.themes}:
            continue
        found.append(actor)
    return found


def all_themes(actors: list[Actor]) -> list[str]:
    """Every theme used in the register, once, sorted."""
    from toolkit.vocab import fold

    seen: dict[str, str] = {}
    for actor in actors:
        for theme in actor.themes:
            seen.setdefault(fold(theme), theme)
    return sorted(seen.values(), key=fold)


def actor_rows(actors: list[Actor]) -> list[dict[str, object]]:
    """Rows for the editable table (vocabulary keys stay keys; the page shows labels)."""
    return [
        {
            "id": a.id,
            "version": a.version,
            "delete": False,
            "name": a.name,
            "acronym": a.acronym,
            "kind": a.kind,
            "sector": a.sector,
            "scale": a.scale,
            "stance": STANCE_KEYS.get(a.stance),
            "influence": a.influence,
            "interest": a.interest,
            "quadrant": quadrant(a.influence, a.interest),
            "themes": list(a.themes),
            "dimensions": list(a.dimensions),
            "country": a.country,
            "city": a.city,
            "contact_name": a.contact_name,
            "contact_role": a.contact_role,
            "email": a.email,
            "phone": a.phone,
            "consent": a.consent,
            "notes": a.notes,
        }
        for a in actors
    ]


def _plain(value: object) -> object:
    """Table cells back to Python values (NaN and pandas' NA are empty)."""
    if value is None:
        return None
    try:
        import pandas as pd

        if not isinstance(value, (list, tuple)) and pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "tolist"):
        value = value.tolist()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def table_edits(before: list[dict[str, object]], after: list[dict[str, object]]):
    """What the user changed in the table: edits (with the version they saw) and rows marked to delete."""
    from toolkit.store.edits import Edit

    original = {row["id"]: row for row in before}
    edits, to_delete = [], []
    for row in after:
        actor_id = _plain(row.get("id"))
        if actor_id not in original:
            continue
        if _plain(row.get("delete")):
            to_delete.append(actor_id)
            continue
        old = original[actor_id]
        changes = {}
        for column in EDITABLE_COLUMNS:
            new_value = _plain(row.get(column))
            if column in ("themes", "dimensions"):
                new_value = [str(v) for v in (new_value or [])]
            elif new_value is None and column not in ("sector", "scale", "stance", "influence", "interest"):
                new_value = ""
            if new_value != _plain(old.get(column)) and not (
                new_value in ("", []) and old.get(column) in ("", [], None)
            ):
                changes[column] = STANCE_VALUES.get(new_value) if column == "stance" else new_value
        if changes:
            edits.append(Edit(id=actor_id, version=int(old["version"]), changes=changes))
    return edits, to_delete


def relation_rows(relations: list[Relation]) -> list[dict[str, object]]:
    """Rows for the editable relations table (ends are actor ids)."""
    return [
        {
            "id": r.id,
            "version": r.version,
            "delete": False,
            "source": r.source,
            "target": r.target,
            "type": r.type,
            "strength": r.strength,
            "directed": r.directed,
            "description": r.description,
        }
        for r in relations
    ]


def relation_table_edits(before: list[dict[str, object]], after: list[dict[str, object]]):
    """Like :func:`table_edits`, for the relations table."""
    from toolkit.store.edits import Edit

    original = {row["id"]: row for row in before}
    edits, to_delete = [], []
    for row in after:
        relation_id = _plain(row.get("id"))
        if relation_id not in original:
            continue
        if _plain(row.get("delete")):
            to_delete.append(relation_id)
            continue
        old = original[relation_id]
        changes = {}
        for column in ("source", "target", "type", "strength", "directed", "description"):
            new_value = _plain(row.get(column))
            if column == "description" and new_value is None:
                new_value = ""
            if column == "directed":
                new_value = bool(new_value)
            if new_value != old.get(column):
                changes[column] = new_value
        if changes:
            edits.append(Edit(id=relation_id, version=int(old["version"]), changes=changes))
    return edits, to_delete
