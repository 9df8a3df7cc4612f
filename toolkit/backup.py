"""The backup workbook of a workspace, and restoring one into a new or an empty workspace in one
transaction (everything or nothing)."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from toolkit import backup_tables
from toolkit.i18n import LANGUAGES
from toolkit.spreadsheets import engagement_backup, strategy_backup
from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.backup_rows import ids, numbered
from toolkit.spreadsheets.exports import backup_refs, backup_workbook
from toolkit.spreadsheets.importing import ImportPreview, parse_workbook, plan_batch
from toolkit.spreadsheets.problems import Problem
from toolkit.spreadsheets.reading import ReadLimits, read_workbook
from toolkit.spreadsheets.roadmap_backup import check_links, parse_backup
from toolkit.store import StoreError, tables
from toolkit.store.audiences import list_audience_members, list_audiences
from toolkit.store.audit import summarised
from toolkit.store.batches import BatchResult, write_batch
from toolkit.store.campaigns import list_activities, list_campaigns, list_kpis, list_measurements
from toolkit.store.columns import checked
from toolkit.store.consultations import list_consultations, list_contributions, list_participants
from toolkit.store.engagement import (
    INTERACTION_FIELDS,
    LEVELS,
    insert_assessments,
    insert_interactions,
    list_assessments,
    list_interactions,
    validate_interaction,
)
from toolkit.store.indicators import (
    insert_indicator_measurements,
    insert_indicators,
    list_indicator_measurements,
    list_indicators,
)
from toolkit.store.register import list_actors, list_relations, validate_actor
from toolkit.store.roadmap import insert_milestones, list_milestones
from toolkit.store.strategy import (
    insert_influences,
    insert_objectives,
    insert_positions,
    insert_salience,
    insert_sdg_tags,
    list_influences,
    list_objectives,
    list_positions,
    list_salience,
    list_sdg_tags,
)
from toolkit.store.workspaces import (
    find_workspace,
    get_workspace,
    holds_data,
    insert_workspace,
    lock_workspace,
    rows_in_order,
    vocabulary_terms,
)


def workspace_backup(engine: Engine, workspace_id: int) -> bytes:
    """The backup workbook of everything in a workspace: register (relations with their dates),
    vocabularies, consultations, audiences, campaigns, the roadmap's milestones, the indicators with
    their measurements, the contact history and the dated assessments."""
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
        interactions=list_interactions(engine, workspace_id),
        assessments=list_assessments(engine, workspace_id),
        extra_sheets=_strategy_sheets(engine, workspace_id) + _table_sheets(engine, workspace_id),
    )


def _table_sheets(engine: Engine, workspace_id: int) -> list:
    """The map's layout, saved views and stories, questionnaires and their answers, the districts:
    the register's things they point at named by the numbers the register's sheets give them."""
    actor = backup_refs(list_actors(engine, workspace_id))[1]
    consultation = numbered(list_consultations(engine, workspace_id))
    # as the participants' and contributions' sheets number them (toolkit.spreadsheets.exports)
    listed = sorted(
        (
            p
            for p in list_participants(engine, workspace_id)
            if p.consultation_id in consultation and p.actor_id in actor
        ),
        key=lambda p: (consultation[p.consultation_id], actor[p.actor_id]),
    )
    said = sorted(
        (c for c in list_contributions(engine, workspace_id) if c.consultation_id in consultation),
        key=lambda c: (consultation[c.consultation_id], c.id or 0),
    )
    refs = {
        "actors": actor,
        "consultations": consultation,
        "participants": {p.id: n for n, p in enumerate(listed, start=1)},
        "contributions": {c.id: n for n, c in enumerate(said, start=1)},
    }
    return backup_tables.backup_sheets(backup_tables.table_rows(engine, workspace_id), refs)


def _strategy_sheets(engine: Engine, workspace_id: int) -> list:
    """The strategy analysis' sheets, naming every item by the number its own sheet gives it."""
    refs = {"actors": backup_refs(list_actors(engine, workspace_id))[1]}
    for entity, items in (
        ("consultations", list_consultations(engine, workspace_id)),
        ("campaigns", list_campaigns(engine, workspace_id)),
        ("milestones", list_milestones(engine, workspace_id)),
        ("indicators", list_indicators(engine, workspace_id)),
    ):
        refs[entity] = numbered(items)
    return strategy_backup.backup_sheets(
        list_objectives(engine, workspace_id),
        list_positions(engine, workspace_id),
        list_influences(engine, workspace_id),
        list_salience(engine, workspace_id),
        list_sdg_tags(engine, workspace_id),
        refs,
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
    engagement: engagement_backup.EngagementBackup = field(default_factory=engagement_backup.EngagementBackup)
    strategy: strategy_backup.StrategyBackup = field(default_factory=strategy_backup.StrategyBackup)
    tables: backup_tables.TablesBackup = field(default_factory=backup_tables.TablesBackup)
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
            "interactions": len(self.engagement.interactions),
            "assessments": len(self.engagement.assessments),
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

    roadmap = parse_backup(sheets)
    contents = BackupContents(
        workspace=workspace,
        preview=preview,
        roadmap=roadmap,
        consultation_refs=ids(sheets.get("consultations", [])),
        campaign_refs=ids(sheets.get("campaigns", [])),
        engagement=engagement_backup.parse_backup(sheets),
        strategy=strategy_backup.parse_backup(sheets),
        tables=backup_tables.parse_backup(sheets),
    )
    consultations, campaigns = set(contents.consultation_refs), set(contents.campaign_refs)
    contents.problems = (
        preview.errors
        + roadmap.problems
        + check_links(roadmap, consultations, campaigns)
        + contents.engagement.problems
        + engagement_backup.check_links(
            contents.engagement, {parsed.ref for parsed in preview.actors}, consultations, campaigns
        )
        + _engagement_refusals(contents.engagement)
        + contents.strategy.problems
        + contents.tables.problems
    )
    _date_relations(contents)
    return contents


def _refusal(sheet: str, row: int, error: StoreError) -> Problem:
    """A row the store would refuse, said as the store says it (a text too long names its column)."""
    if error.reason == "too_long":
        return Problem(sheet, row, str(error.details["column"]), "import.value.too_long", error.details)
    return Problem(sheet, row, "", error.message_key, error.details)


def _engagement_refusals(found: engagement_backup.EngagementBackup) -> list[Problem]:
    """The interactions and assessments the store would refuse (a text too long, a level out of
    range), found before anything is written."""
    problems = []
    for entry in found.interactions:
        try:
            validate_interaction(
                {name: getattr(entry.interaction, name) for name in INTERACTION_FIELDS if not name.endswith("_id")}
            )
            for people in entry.actor_refs.values():
                checked(tables.interaction_actors, {"people": people})
        except StoreError as error:
            problems.append(_refusal("interactions", entry.row, error))
    for entry in found.assessments:
        try:
            validate_actor({name: getattr(entry.assessment, name) for name in LEVELS})
            checked(tables.assessments, {"reason": entry.assessment.reason})
        except StoreError as error:
            problems.append(_refusal("assessments", entry.row, error))
    return problems


def _date_relations(contents: BackupContents) -> None:
    """The relations read from the backup take their start and end from the same row."""
    dates = contents.engagement.relation_dates
    for parsed in contents.preview.relations:
        if parsed.sheet.strip().lower() == "relations" and parsed.row in dates:
            parsed.relation.starts_on, parsed.relation.ends_on = dates[parsed.row]


class _Refused(Exception):
    """A row the store refused while restoring: the transaction is rolled back, the outcome says why."""


def _restored_ids(connection, workspace_id: int, contents: BackupContents) -> tuple[dict, dict]:
    """The restored consultations' and campaigns' ids by their backup numbers."""
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
    return consultation_id, campaign_id


def _write_roadmap(connection, workspace_id: int, contents: BackupContents) -> None:
    """The milestones (their links to consultations and campaigns made anew) and the indicators
    with their measurements, inside the restore's transaction, after everything else."""
    consultation_id, campaign_id = _restored_ids(connection, workspace_id, contents)
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


def _write_engagement(connection, workspace_id: int, contents: BackupContents) -> None:
    """The contact history and the assessments, inside the restore's transaction, their actors,
    consultations and campaigns made anew; the actors keep the current levels of the register's
    sheet (the assessments do not set them)."""
    found = contents.engagement
    if not (found.interactions or found.assessments):
        return
    # restored as a faithful copy, every actor of the sheet is new and written in the sheet's order
    actor_ids = [row.id for row in rows_in_order(connection, tables.actors, workspace_id)]
    actor_id = {parsed.ref: new_id for parsed, new_id in zip(contents.preview.actors, actor_ids, strict=True)}
    consultation_id, campaign_id = _restored_ids(connection, workspace_id, contents)
    for entry in found.interactions:
        entry.interaction.actors = {actor_id[ref]: people for ref, people in entry.actor_refs.items()}
        entry.interaction.consultation_id = consultation_id.get(entry.consultation_ref)
        entry.interaction.campaign_id = campaign_id.get(entry.campaign_ref)
    for entry in found.assessments:
        entry.assessment.actor_id = actor_id[entry.actor_ref]
    sheet, row = "interactions", 0
    try:  # one by one, so that a refusal names its row
        for entry in found.interactions:
            row = entry.row
            insert_interactions(connection, workspace_id, [entry.interaction])
        sheet = "assessments"
        for entry in found.assessments:
            row = entry.row
            insert_assessments(connection, workspace_id, [entry.assessment], set_current=False)
    except StoreError as error:
        contents.problems.append(_refusal(sheet, row, error))
        raise _Refused from error


def _write_strategy(connection, workspace_id: int, contents: BackupContents) -> None:
    """The strategy analysis (objectives, positions, influences, salience, SDG tags), inside the
    restore's transaction, every item found by its backup number among those just restored."""
    found = contents.strategy
    if found.empty:
        return
    actor_ids = [row.id for row in rows_in_order(connection, tables.actors, workspace_id)]
    items = {"actors": {p.ref: new_id for p, new_id in zip(contents.preview.actors, actor_ids, strict=True)}}
    items["consultations"], items["campaigns"] = _restored_ids(connection, workspace_id, contents)
    for entity, table in (("milestones", tables.milestones), ("indicators", tables.indicators)):
        restored = [row.id for row in rows_in_order(connection, table, workspace_id)]
        items[entity] = {str(n): item for n, item in enumerate(restored, start=1)}
    actor = items["actors"]
    sheet, row = "strategy_objectives", 0
    try:
        ids = insert_objectives(connection, workspace_id, [o for _, o in found.objectives])
        objective = {ref: new_id for (ref, _), new_id in zip(found.objectives, ids, strict=True)}
        sheet = "strategy_positions"
        for row, a, o, value in found.positions:  # noqa: B007  a refusal names the row it stopped at
            insert_positions(connection, workspace_id, {(actor[a], objective[o]): value})
        sheet = "strategy_influences"
        for row, source, target, value in found.influences:  # noqa: B007
            insert_influences(connection, workspace_id, {(actor[source], actor[target]): value})
        sheet = "salience"
        for row, a, judgement in found.salience:  # noqa: B007
            judgement.actor_id = actor[a]
            insert_salience(connection, workspace_id, [judgement])
        sheet = "sdg_tags"
        goals: dict[tuple[str, int], list[int]] = {}
        for row, entity, item, goal in found.tags:  # noqa: B007
            goals.setdefault((entity, items[entity][item]), []).append(goal)
        for (entity, item), chosen in goals.items():
            insert_sdg_tags(connection, workspace_id, entity, item, chosen)
    except KeyError as error:  # a number that names nothing in its sheet
        contents.problems.append(
            Problem(sheet, row, "", "backup.engagement.unknown", {"value": str(error.args[0]), "sheet": sheet})
        )
        raise _Refused from error
    except StoreError as error:
        contents.problems.append(_refusal(sheet, row, error))
        raise _Refused from error


def _write_tables(connection, workspace_id: int, contents: BackupContents) -> None:
    """The map's layout, views and stories, questionnaires and answers, districts (not the answer
    links: see :mod:`toolkit.backup_tables`), inside the restore's transaction, last."""
    found = contents.tables
    if found.empty:
        return
    actor_ids = [row.id for row in rows_in_order(connection, tables.actors, workspace_id)]
    known = {"actors": {p.ref: new_id for p, new_id in zip(contents.preview.actors, actor_ids, strict=True)}}
    known["consultations"], _ = _restored_ids(connection, workspace_id, contents)
    known |= backup_tables.restored_register(connection, workspace_id, found, known["actors"], known["consultations"])
    try:
        backup_tables.write_tables(connection, workspace_id, found, known)
    except backup_tables.Unrestorable as error:
        contents.problems.append(error.problem)
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
                _write_engagement(connection, workspace_id, contents)
                _write_strategy(connection, workspace_id, contents)
                _write_tables(connection, workspace_id, contents)
    except _Refused:
        outcome.stored = None
        return outcome
    outcome.workspace_id = workspace_id
    return outcome
