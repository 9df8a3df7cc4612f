"""From a read workbook to what will be stored: parsed rows, a report, duplicates, a batch.

Pure functions: nothing here touches the database. The page and the CLI call
:func:`parse_workbook`, show :class:`ImportPreview`, then :func:`plan_batch`, and the
store writes the batch in one transaction.
"""

from __future__ import annotations

import json
import re
from copy import deepcopy
from dataclasses import dataclass, field, replace
from functools import lru_cache

from toolkit.domain import PLACE_SOURCES, Actor, Consultation, Contribution, CoverageTarget, Participant, Relation
from toolkit.places import parse_coordinate, parse_pair
from toolkit.spreadsheets import backup_rows
from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.campaigns import parse_backup, plan_backup
from toolkit.spreadsheets.mapping import WorkbookLayout, column_letter, inspect_sheets
from toolkit.spreadsheets.new_terms import NewTerm, TermReader, batch_terms
from toolkit.spreadsheets.problems import Problem, store_refusal
from toolkit.spreadsheets.reading import Workbook
from toolkit.spreadsheets.salience_columns import SalienceColumns
from toolkit.spreadsheets.terms import term_indexes
from toolkit.store.batches import RegisterBatch
from toolkit.store.consultations import (
    CONSULTATION_FIELDS,
    CONTRIBUTION_FIELDS,
    PARTICIPANT_FIELDS,
    ConsultationBundle,
    validate_consultation,
    validate_contribution,
    validate_participant,
)
from toolkit.store.edits import Edit
from toolkit.store.engine import StoreError
from toolkit.store.register import actor_values, validate_actor
from toolkit.vocab import DEFAULTS, fold

POLICIES = ("merge", "skip", "keep")
ACTOR_TEXT_FIELDS = (
    "acronym",
    "country",
    "city",
    "contact_name",
    "contact_role",
    "phone",
    "consent_source",
    "district",
    "address",
)
PARENTHESIS = re.compile(r"\(([^)]*)\)")
# a "Type" column that says the direction, not the kind (Gephi's edge table: Directed/Undirected)
DIRECTION_WORDS = {"directed": True, "undirected": False, "dirigida": True, "no dirigida": False}


@dataclass
class ParsedActor:
    sheet: str
    row: int
    actor: Actor
    ref: str = ""  # the file's own ID, when it has one (relations may point at it)
    apart: bool = False  # its name repeats in a column while another column tells the rows apart
    checked: dict[str, object] | None = None  # the actor's values as validate_actor passed them
    salience: tuple[int | None, int | None, int | None] | None = None  # power, legitimacy, urgency (issue 20)


@dataclass
class ParsedRelation:
    sheet: str
    row: int
    source: str
    target: str
    relation: Relation


@dataclass
class Duplicate:
    row: int  # Excel row of the later actor
    sheet: str
    name: str
    match_name: str
    existing_id: int | None = None  # a match in the register
    first_row: int | None = None  # or an earlier row of the same file
    first_sheet: str = ""
    apart: bool = False  # rows told apart by another column: kept separate unless the person merges them


@dataclass
class Merge:
    """One row of the file merged into an earlier row of the same file."""

    sheet: str
    row: int
    into_sheet: str
    into_row: int
    name: str


def merge_groups(merges: list[Merge]) -> list[dict[str, object]]:
    """The in-file merges, one entry per kept row: ``{"sheet", "rows", "into", "name"}``
    (``into_sheet`` too when the kept row is on another sheet)."""
    groups: dict[tuple[str, str, int], dict[str, object]] = {}
    for merge in merges:
        key = (merge.sheet, merge.into_sheet, merge.into_row)
        if key not in groups:
            groups[key] = {"sheet": merge.sheet, "rows": [], "into": merge.into_row, "name": merge.name}
            if merge.into_sheet != merge.sheet:
                groups[key]["into_sheet"] = merge.into_sheet
        groups[key]["rows"].append(merge.row)
    return list(groups.values())


@dataclass
class ImportPreview:
    format: str
    layout: WorkbookLayout
    actors: list[ParsedActor] = field(default_factory=list)
    relations: list[ParsedRelation] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    duplicates: list[Duplicate] = field(default_factory=list)
    terms: list[tuple[str, str, str | None]] = field(default_factory=list)  # backup: (vocabulary, key, label)
    consultations: list[BackupConsultation] = field(default_factory=list)  # backup: with actors by reference
    # backup: toolkit.spreadsheets.campaigns.BackupAudience and BackupCampaign
    audiences: list = field(default_factory=list)
    campaigns: list = field(default_factory=list)
    new_terms: list[NewTerm] = field(default_factory=list)  # the file's classifications the lists lack


@dataclass
class BackupConsultation:
    """A consultation read from a backup; participants and contributions name actors by the
    backup's actor reference (its ``id`` column)."""

    sheet: str
    row: int
    consultation: Consultation
    participants: list[tuple[int, str, Participant]] = field(default_factory=list)  # (row, actor ref, ...)
    contributions: list[tuple[int, str, Contribution]] = field(default_factory=list)  # actor ref "" = none


# -- parsing ---------------------------------------------------------------------------------


def parse_workbook(
    workbook: Workbook, terms: dict[str, list[tuple[str, str | None]]], layout: WorkbookLayout | None = None
) -> ImportPreview:
    """Normalise every row of the sheets the layout marks as actors or relations."""
    sheets = {sheet.name: sheet.rows for sheet in workbook.sheets}
    layout = layout or inspect_sheets([(s.name, s.rows) for s in workbook.sheets])
    preview = ImportPreview(format=layout.format, layout=layout)
    if layout.format == "backup":
        preview.terms = _backup_terms(sheets.get("vocabularies", []))
        terms = {name: list(entries) for name, entries in terms.items()}
        for vocabulary, key, custom_label in preview.terms:
            terms.setdefault(vocabulary, []).append((key, custom_label))
    indexes = term_indexes(terms)
    reader = TermReader(indexes)
    for sheet_layout in layout.sheets:
        rows = sheets.get(sheet_layout.name, [])
        for key, details in sheet_layout.notes:
            row = sheet_layout.header_row + 1 if sheet_layout.role != "skip" else 0
            preview.warnings.append(Problem(sheet_layout.name, row, str(details.get("column", "")), key, dict(details)))
        if sheet_layout.role == "actors":
            _parse_actors(preview, sheet_layout, rows, reader, keep_ref_as_custom=layout.format != "backup")
        elif sheet_layout.role == "relations":
            _parse_relations(preview, sheet_layout, rows, reader)
    preview.new_terms = reader.terms(preview.actors, preview.relations)
    if layout.format == "backup":
        _parse_backup_consultations(preview, sheets)

        preview.audiences, preview.campaigns, problems = parse_backup(sheets)
        preview.errors.extend(problems)
    if layout.format in ("edge_list", "nodexl") or not any(s.role == "actors" for s in layout.sheets):
        _add_names_seen(preview)
    if not preview.actors and not preview.errors:
        preview.errors.append(Problem("", 0, "", "import.report.no_actors"))
    return preview


def _add_names_seen(preview: ImportPreview) -> None:
    """An edge list names its actors: each end no actor row names becomes an actor, once, at the
    row that first names it."""
    known = {key for p in preview.actors for key in identity_keys(p.actor.name, p.actor.acronym)}
    known |= {fold(p.ref) for p in preview.actors if p.ref}
    for relation in preview.relations:
        for name in (relation.source, relation.target):
            keys = identity_keys(name)
            if name and fold(name) not in known and not keys & known:
                preview.actors.append(ParsedActor(relation.sheet, relation.row, Actor(name=name)))
                known |= keys


def _backup_terms(rows: list[list[object]]) -> list[tuple[str, str, str | None]]:
    found = []
    for row in rows[1:]:
        vocabulary, key, custom_label = (norm.text(_cell(row, i)) for i in range(3))
        if vocabulary in DEFAULTS and key:
            found.append((vocabulary, key, custom_label or None))
    return found


def _consultation_backup_number(value: object) -> float | None:
    if norm.is_blank(value):
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise norm.Unclear("consultations.import.report.backup_value", value=norm.text(value))


def _consultation_from_row(cells: dict[str, object], targets: list[CoverageTarget]) -> Consultation:
    return Consultation(
        title=norm.text(cells.get("title")),
        objective=norm.text(cells.get("objective")),
        specific_objectives=norm.text(cells.get("specific_objectives")),
        questions=norm.text(cells.get("questions")),
        instrument=norm.text(cells.get("instrument")),
        modality=norm.text(cells.get("modality")),
        starts_on=norm.day(cells.get("starts_on")),
        ends_on=norm.day(cells.get("ends_on")),
        place=norm.text(cells.get("place")),
        facilitator=norm.text(cells.get("facilitator")),
        budget=_consultation_backup_number(cells.get("budget")),
        status=norm.text(cells.get("status")),
        targets=targets,
    )


def _participant_from_row(cells: dict[str, object]) -> Participant:
    """A participant whose consultation and actor are set when the backup is restored."""
    return Participant(
        consultation_id=0,
        actor_id=0,
        status=norm.text(cells.get("status")),
        invited_on=norm.day(cells.get("invited_on")),
        responded_on=norm.day(cells.get("responded_on")),
        attended_on=norm.day(cells.get("attended_on")),
        attendee=norm.text(cells.get("attendee")),
        notes=norm.text(cells.get("notes")),
    )


def _contribution_from_row(cells: dict[str, object]) -> Contribution:
    return Contribution(
        consultation_id=0,
        text=norm.text(cells.get("text")),
        theme=norm.text(cells.get("theme")),
        type=norm.text(cells.get("type")),
        priority=norm.text(cells.get("priority")),
        due_on=norm.day(cells.get("due_on")),
        response=norm.text(cells.get("response")),
    )


def _parse_backup_consultations(preview: ImportPreview, sheets: dict[str, list[list[object]]]) -> None:
    """The consultations, participants and contributions sheets of a backup (absent in older backups)."""
    by_ref: dict[str, BackupConsultation] = {}

    def problem(sheet: str, row: int, column: str, error: norm.Unclear) -> None:
        preview.errors.append(Problem(sheet, row, column, error.key, error.details))

    for row, cells in backup_rows.table(sheets.get("consultations", [])):
        try:
            targets = [
                CoverageTarget(str(x["dimension"]), str(x["key"]), int(x.get("minimum", 1)))
                for x in json.loads(norm.text(cells.get("targets")) or "[]")
            ]
        except (ValueError, TypeError, KeyError, AttributeError):
            problem(
                "consultations",
                row,
                "targets",
                norm.Unclear("consultations.import.report.backup_value", value=norm.text(cells.get("targets"))),
            )
            continue
        try:
            consultation = _consultation_from_row(cells, targets)
            validate_consultation({name: getattr(consultation, name) for name in CONSULTATION_FIELDS})
        except norm.Unclear as error:
            problem("consultations", row, "", error)
            continue
        except StoreError as error:
            preview.errors.append(store_refusal("consultations", row, error, "consultations"))
            continue
        consultation_ref = norm.text(cells.get("id"))
        by_ref[consultation_ref] = BackupConsultation("consultations", row, consultation)
        preview.consultations.append(by_ref[consultation_ref])
    for sheet in ("participants", "contributions"):
        for row, cells in backup_rows.table(sheets.get(sheet, [])):
            owner = by_ref.get(norm.text(cells.get("consultation")))
            if owner is None:
                preview.errors.append(
                    Problem(
                        sheet,
                        row,
                        "consultation",
                        "consultations.import.report.backup_value",
                        {"value": norm.text(cells.get("consultation"))},
                    )
                )
                continue
            actor_ref = norm.text(cells.get("actor"))
            try:
                if sheet == "participants":
                    participant = _participant_from_row(cells)
                    validate_participant({name: getattr(participant, name) for name in PARTICIPANT_FIELDS})
                    owner.participants.append((row, actor_ref, participant))
                else:
                    contribution = _contribution_from_row(cells)
                    validate_contribution({name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS})
                    owner.contributions.append((row, actor_ref, contribution))
            except norm.Unclear as error:
                problem(sheet, row, "", error)
            except StoreError as error:
                preview.errors.append(store_refusal(sheet, row, error, "consultations"))


def _remembering(convert):
    """``convert`` with its answers (and its complaints) remembered per distinct value."""
    answers: dict[tuple[type, object], tuple[bool, object]] = {}

    def remembered(value):
        try:
            known = answers.get((type(value), value))
        except TypeError:  # unhashable: convert every time
            return convert(value)
        if known is None:
            try:
                known = (True, convert(value))
            except norm.Unclear as error:
                known = (False, (error.key, error.details))
            answers[(type(value), value)] = known
        ok, result = known
        if not ok:
            raise norm.Unclear(result[0], **result[1])  # a fresh error each time: no growing traceback
        return list(result) if isinstance(result, list) else result

    return remembered


def _cell(row: list[object], index: int | None) -> object:
    if index is None or index >= len(row):
        return None
    return row[index]


def _convert_fields(actor: Actor, row: list[object], active, fields: dict, reader: TermReader, warn) -> None:
    """The row's understood columns into the actor; what is not understood is a warning, not an error."""
    for field_name, convert in active:
        value = _cell(row, fields[field_name])
        try:
            converted = convert(value)
            if converted is not None or getattr(actor, field_name) is None:  # a blank keeps what "Type" gave
                setattr(actor, field_name, converted)
        except norm.Unclear as error:
            if field_name == "kind" and _kind_as_class(actor, value, fields, reader):
                continue
            if field_name == "email":
                actor.email = norm.text(value)  # keep what was typed, but say it looks wrong
            warn(field_name, error)


def _place(actor: Actor, row: list[object], fields: dict, warn) -> None:
    """Latitude and longitude from their columns or from one "lat, lon" cell (issue 19); a value
    that is not a coordinate in range is a warning. Coordinates read from a file say so."""
    latitude = longitude = None
    for name, limit in (("latitude", 90), ("longitude", 180)):
        value = _cell(row, fields[name]) if name in fields else None
        if norm.is_blank(value):
            continue
        number = parse_coordinate(value, limit)
        if number is None:
            warn(name, norm.Unclear("import.value.coordinate", value=norm.text(value)))
        elif name == "latitude":
            latitude = number
        else:
            longitude = number
    if "coordinates" in fields and latitude is None and longitude is None:
        value = _cell(row, fields["coordinates"])
        pair = None if norm.is_blank(value) else parse_pair(value)
        if pair is None and not norm.is_blank(value):
            warn("coordinates", norm.Unclear("import.value.coordinate", value=norm.text(value)))
        latitude, longitude = pair or (None, None)
    if latitude is not None and longitude is not None:
        actor.latitude, actor.longitude = latitude, longitude
        actor.place_source = "file"
    source = norm.text(_cell(row, fields["place_source"])) if "place_source" in fields else ""
    if source in PLACE_SOURCES and actor.latitude is not None:  # a backup keeps where the place came from
        actor.place_source = source


def _kind_as_class(actor: Actor, value: object, fields: dict, reader: TermReader) -> bool:
    """Kumu's "Type" often holds a classification ("Investor", "NGO"): a sector, or a new sector
    when the file has no sector column; with one, the text is kept as a field of its own."""
    known = reader.indexes["sectors"].get(fold(value))
    if "sector" not in fields or known is not None:
        try:
            actor.sector = actor.sector or known or reader.key(value, "sectors")
        except norm.Unclear:
            return False
        return True
    actor.custom.setdefault("type", norm.text(value))
    return True


def _keep_other_columns(actor: Actor, row: list[object], custom_columns, note_columns, ref_column, keep_ref_as_custom):
    """Columns the register has no field for: kept as custom fields, or added to the notes."""
    for column in custom_columns:
        value = norm.text(_cell(row, column.index))
        if not keep_ref_as_custom and column.header == "custom":  # our backup: custom fields as JSON
            actor.custom.update(_json_object(value))
        elif value and (column is not ref_column or keep_ref_as_custom):
            actor.custom[column.header] = value
    for column in note_columns:
        value = norm.text(_cell(row, column.index))
        if value:
            actor.notes = f"{actor.notes}\n{column.header}: {value}".strip()


def _parse_actors(preview: ImportPreview, layout, rows, reader: TermReader, keep_ref_as_custom: bool) -> None:
    fields = layout.field_of()
    custom_columns = [c for c in layout.columns if c.field == "custom"]
    note_columns = [c for c in layout.columns if c.field == "append_notes"]
    headers = {c.field: c.header for c in layout.columns if c.field}
    if "name" not in fields:
        preview.errors.append(Problem(layout.name, layout.header_row + 1, "", "import.report.no_name_column"))
        return
    ref_column = next(
        (c for c in custom_columns if fold(c.header) in ("id", "codigo", "code", "ref", "referencia")), None
    )
    converters = {
        "kind": norm.kind,
        "sector": lambda v: reader.key(v, "sectors"),
        "scale": lambda v: reader.key(v, "scales"),
        "influence": norm.level,
        "interest": norm.level,
        "stance": lambda v: norm.stance(v, reader.indexes["stances"]),
        "themes": norm.items,
        "dimensions": norm.dimensions,
        "email": norm.email,
        "consent": norm.consent,
        "consent_date": norm.day,
    }
    for level_field in ("influence", "interest"):
        if level_field in fields and _initial_levels(headers[level_field]):
            converters[level_field] = lambda v: norm.level(_level_word(v))
    # lists repeat the same few words thousands of times: convert each distinct value once
    active = [(name, _remembering(convert)) for name, convert in converters.items() if name in fields]
    table_end = _table_end(rows, layout.first_data_row)
    first_parsed = len(preview.actors)
    salience = SalienceColumns(fields, rows[layout.first_data_row :])
    for position in range(layout.first_data_row, len(rows)):
        row = rows[position]
        if all(norm.is_blank(c) for c in row) or _numbered_blank(row):
            continue
        excel_row = position + 1
        if position >= table_end and _footer(row, rows[position - 1], len(layout.columns)):
            preview.warnings.append(Problem(layout.name, excel_row, "", "import.report.footer", {"text": _first(row)}))
            continue

        def warn(field_name: str, error: norm.Unclear, excel_row: int = excel_row) -> None:
            preview.warnings.append(
                Problem(
                    layout.name,
                    excel_row,
                    headers.get(field_name) or column_letter(fields.get(field_name, 0)),
                    error.key,
                    error.details,
                )
            )

        name = norm.text(_cell(row, fields["name"]))
        if not name:
            preview.errors.append(Problem(layout.name, excel_row, headers["name"], "import.report.missing_name"))
            continue
        actor = Actor(name=name)
        for text_field in ACTOR_TEXT_FIELDS:
            if text_field in fields:
                setattr(actor, text_field, norm.text(_cell(row, fields[text_field])))
        actor.notes = norm.text(_cell(row, fields.get("notes")))
        _convert_fields(actor, row, active, fields, reader, warn)
        _place(actor, row, fields, warn)
        _keep_other_columns(actor, row, custom_columns, note_columns, ref_column, keep_ref_as_custom)
        values = actor_values(actor)
        checked = _stored_values(preview, layout.name, excel_row, headers, values)
        if checked is None:  # the store would refuse it (PostgreSQL the whole import): this row stays out
            continue
        if checked != values:  # a text lost characters no file or database can hold
            actor = Actor(**deepcopy(checked))  # its own lists: a change to the actor shows against ``checked``
        ref = norm.text(_cell(row, ref_column.index)) if ref_column else ""
        judged = salience.levels(row, warn)
        preview.actors.append(ParsedActor(layout.name, excel_row, actor, ref, checked=checked, salience=judged))
    _tell_apart(preview, layout, rows, first_parsed)


def _stored_values(preview: ImportPreview, sheet: str, excel_row: int, headers: dict, values: dict) -> dict | None:
    """An actor's values as the store keeps them (texts cleaned, lengths and ranges checked, once:
    the store trusts them while they are unchanged), or None with the row's problem when the store
    would refuse them."""
    try:
        return validate_actor(values)
    except StoreError as error:
        if error.reason == "too_long":
            column = str(error.details["column"])
            details = {"limit": error.details["limit"], "length": error.details["length"]}
            problem = Problem(sheet, excel_row, headers.get(column) or column, "import.value.too_long", details)
        elif error.reason == "actor_name_required":  # a name of characters no file can hold
            problem = Problem(sheet, excel_row, headers.get("name", ""), "import.report.missing_name")
        else:
            problem = Problem(sheet, excel_row, "", error.message_key, error.details)
        preview.errors.append(problem)
        return None


LEVEL_INITIALS = {"a": "alto", "m": "medio", "b": "bajo"}
IDENTIFYING_FIELDS = ("custom", "contact_name", "email", "phone", "acronym")  # columns that may tell rows apart
FOOTER_WORDS = re.compile(
    r"^(total|totales|fuente|fuentes|elaborado|elaborada|elaborado por|preparado|preparado por|fecha de corte|"
    r"nota|notas|actualizado|source|sources|prepared by|compiled by|note|notes|updated|fonte|fontes|atualizado|"
    r"realise par|etabli par|mise a jour)( |$)"
)


def _initial_levels(header: str) -> bool:
    """A level column written with initials: "Influencia (A, M, B)" (Alto, Medio, Bajo)."""
    return "a m b" in fold(header)


def _level_word(value: object) -> object:
    return LEVEL_INITIALS.get(fold(value), value) if isinstance(value, str) else value


def _numbered_blank(row: list[object]) -> bool:
    """A template's empty row: a number in the first column and nothing else."""
    first = row[0] if row else None
    if norm.is_blank(first) or not all(norm.is_blank(c) for c in row[1:]):
        return False
    return isinstance(first, (int, float)) or (isinstance(first, str) and first.strip().rstrip(".").isdigit())


def _filled(row: list[object]) -> int:
    return sum(1 for c in row if not norm.is_blank(c))


def _first(row: list[object]) -> str:
    return next((norm.text(c) for c in row if not norm.is_blank(c)), "")


def _table_end(rows: list[list[object]], start: int) -> int:
    """The position after the table's last row of two or more cells (what follows may be a footer)."""
    end = len(rows)
    while end > start and _filled(rows[end - 1]) < 2:
        end -= 1
    return end


def _footer(row: list[object], above: list[object], width: int) -> bool:
    """A note under the table: one text cell starting "Total", "Fuente:", "Elaborado por"..., or one
    cell after a blank gap under a table of several columns."""
    if _filled(row) != 1:
        return False
    cell = next(c for c in row if not norm.is_blank(c))
    if not isinstance(cell, str):
        return False
    if FOOTER_WORDS.match(fold(cell)):
        return width > 1 or ":" in cell
    return width > 2 and all(norm.is_blank(c) for c in above)


def _tell_apart(preview: ImportPreview, layout, rows: list[list[object]], first_parsed: int) -> None:
    """When the name column repeats while another column holds a different value on every row
    (a first column of groups, "Customer", "Internal Staff"), say so: those rows are kept apart."""
    parsed = preview.actors[first_parsed:]
    names = [fold(p.actor.name) for p in parsed]
    if len(set(names)) * 2 > len(names):
        return  # a few repeats are duplicates; a column of groups repeats on most rows
    name_index = layout.field_of()["name"]
    for column in layout.columns:
        if column.index == name_index or column.field not in IDENTIFYING_FIELDS:
            continue
        values = [fold(norm.text(_cell(rows[p.row - 1], column.index))) for p in parsed]
        if all(values) and len(set(values)) == len(values):
            name_header = next(c.header for c in layout.columns if c.index == name_index)
            preview.warnings.append(
                Problem(
                    layout.name,
                    layout.header_row + 1,
                    name_header,
                    "import.report.name_repeats",
                    {"column": name_header, "other": column.header},
                )
            )
            repeated = {name for name in names if names.count(name) > 1}
            for item, name in zip(parsed, names, strict=True):
                item.apart = name in repeated
            return


def _json_object(value: str) -> dict[str, str]:
    if not value:
        return {}
    try:
        loaded = json.loads(value)
    except ValueError:
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def _relation_fields(relation: Relation, row: list[object], custom_columns, backup: bool) -> None:
    """Columns the relation has no field for, kept as its own fields (Kumu's "Amount Owed (billions)");
    our backup keeps them as JSON in its "custom" column."""
    for column in custom_columns:
        value = norm.text(_cell(row, column.index))
        if backup:
            if column.header.strip().lower() == "custom":
                relation.custom.update(_json_object(value))
        elif value:
            relation.custom[column.header] = value


def _parse_relations(preview: ImportPreview, layout, rows, reader: TermReader) -> None:
    fields = layout.field_of()
    custom_columns = [c for c in layout.columns if c.field == "custom"]
    headers = {c.field: c.header for c in layout.columns if c.field}
    if "source" not in fields or "target" not in fields:
        preview.errors.append(Problem(layout.name, layout.header_row + 1, "", "import.report.no_relation_columns"))
        return
    for position in range(layout.header_row + 1, len(rows)):
        row = rows[position]
        if all(norm.is_blank(c) for c in row):
            continue
        excel_row = position + 1
        source = norm.text(_cell(row, fields["source"]))
        targets = (
            norm.items(_cell(row, fields["target"]))
            if preview.format == "kumu"
            else [norm.text(_cell(row, fields["target"]))]
        )
        if not source or not any(targets):
            preview.errors.append(
                Problem(layout.name, excel_row, headers.get("source", ""), "import.report.missing_end")
            )
            continue
        relation = Relation(source=0, target=0)
        kind = _cell(row, fields.get("type"))
        direction = DIRECTION_WORDS.get(fold(kind)) if isinstance(kind, str) and "directed" not in fields else None
        for field_name, convert in (
            ("type", lambda v: reader.key(v, "relation_types") or "cooperation"),
            ("strength", norm.strength),
            ("directed", norm.yes_no),
        ):
            if field_name in fields and not (field_name == "type" and direction is not None):
                try:
                    setattr(relation, field_name, convert(_cell(row, fields[field_name])))
                except norm.Unclear as error:
                    preview.warnings.append(
                        Problem(layout.name, excel_row, headers[field_name], error.key, error.details)
                    )
        if direction is not None:  # Gephi's edge table: its Type is the direction
            relation.directed = direction
        relation.description = norm.text(_cell(row, fields.get("description")))
        _relation_fields(relation, row, custom_columns, preview.format == "backup")
        for target in targets:
            copy = replace(relation, custom=dict(relation.custom))
            preview.relations.append(ParsedRelation(layout.name, excel_row, source, target, copy))


# -- duplicates ------------------------------------------------------------------------------


@lru_cache(maxsize=65_536)
def identity_keys(name: str, acronym: str = "") -> frozenset[str]:
    """The ways an actor may be written: its name, its name without a bracketed acronym, the acronym.

    >>> sorted(identity_keys("Agencia de Cooperación e Inversión de Medellín (ACI)", ""))
    ['aci', 'agencia de cooperacion e inversion de medellin', 'agencia de cooperacion e inversion de medellin aci']
    """
    keys = {fold(name)}
    bare = fold(PARENTHESIS.sub(" ", name))
    if bare:
        keys.add(bare)
    for inside in PARENTHESIS.findall(name):
        if 1 < len(inside.strip()) <= 15:
            keys.add(fold(inside))
    if acronym and len(fold(acronym)) > 1:
        keys.add(fold(acronym))
    return frozenset(k for k in keys if k)


def find_duplicates(preview: ImportPreview, existing: list[Actor]) -> list[Duplicate]:
    """Actors of the file that match the register, or an earlier row of the same file."""
    register: dict[str, Actor] = {}
    for actor in existing:
        for key in identity_keys(actor.name, actor.acronym):
            register.setdefault(key, actor)
    seen: dict[str, ParsedActor] = {}
    duplicates = []
    for parsed in preview.actors:
        keys = identity_keys(parsed.actor.name, parsed.actor.acronym)
        earlier = next((seen[k] for k in keys if k in seen), None)
        known = next((register[k] for k in keys if k in register), None)
        if earlier is not None:
            duplicates.append(
                Duplicate(
                    parsed.row,
                    parsed.sheet,
                    parsed.actor.name,
                    earlier.actor.name,
                    first_row=earlier.row,
                    first_sheet=earlier.sheet,
                    apart=parsed.apart and earlier.apart,
                )
            )
        elif known is not None:
            duplicates.append(Duplicate(parsed.row, parsed.sheet, parsed.actor.name, known.name, existing_id=known.id))
        for key in keys:
            seen.setdefault(key, parsed)
    preview.duplicates = duplicates
    return duplicates


def _merge_into(base: Actor, extra: Actor) -> dict[str, object]:
    """Fill what ``base`` lacks from ``extra`` and add its themes; ``base``'s values are kept."""
    changes: dict[str, object] = {}
    for name in (
        "acronym",
        "sector",
        "scale",
        "country",
        "city",
        "influence",
        "interest",
        "stance",
        "contact_name",
        "contact_role",
        "email",
        "phone",
        "consent_date",
        "consent_source",
        "notes",
        "district",
        "address",
    ):
        mine, theirs = getattr(base, name), getattr(extra, name)
        if (mine is None or mine == "") and theirs not in (None, ""):
            changes[name] = theirs
    if base.latitude is None and extra.latitude is not None:  # a place comes whole: both degrees and whence
        changes.update(latitude=extra.latitude, longitude=extra.longitude, place_source=extra.place_source)
    if base.consent == "unknown" and extra.consent != "unknown":
        changes["consent"] = extra.consent
    for name in ("themes", "dimensions"):
        combined = list(dict.fromkeys([*getattr(base, name), *getattr(extra, name)]))
        if combined != list(getattr(base, name)):
            changes[name] = combined
    if extra.custom:
        merged = {**extra.custom, **base.custom}
        if merged != base.custom:
            changes["custom"] = merged
    return changes


@dataclass
class Plan:
    batch: RegisterBatch
    added: int
    merged: int
    skipped: int
    relation_errors: list[Problem] = field(default_factory=list)
    merges: list[Merge] = field(default_factory=list)  # rows merged into an earlier row of the file


def _merged_updates(pending: dict[int, Actor], by_id: dict[int, Actor]) -> list[Edit]:
    """One edit per merged actor, holding only the fields the merge changed."""
    updates = []
    for actor_id, actor in pending.items():
        original = by_id[actor_id]
        changes = {
            name: getattr(actor, name) for name in _CHANGEABLE if getattr(actor, name) != getattr(original, name)
        }
        updates.append(Edit(id=actor_id, version=original.version, changes=changes))
    return updates


def _planned_relations(
    preview: ImportPreview,
    refs: dict[str, tuple[str, int]],
    ends: dict[str, tuple[str, int]],
    errors: list[Problem],
) -> list[tuple[tuple[str, int], tuple[str, int], Relation]]:
    """The relations with both ends resolved; an unknown end or a self-relation is an error instead."""
    planned = []
    for parsed in preview.relations:
        source = _resolve(parsed.source, refs, ends)
        target = _resolve(parsed.target, refs, ends)
        missing = [name for name, end in ((parsed.source, source), (parsed.target, target)) if end is None]
        if missing:
            errors.append(
                Problem(parsed.sheet, parsed.row, "", "import.report.unknown_actor", {"name": ", ".join(missing)})
            )
            continue
        if source == target:
            errors.append(Problem(parsed.sheet, parsed.row, "", "import.report.self_relation"))
            continue
        planned.append((source, target, parsed.relation))
    return planned


def _consultation_bundles(
    preview: ImportPreview, refs: dict[str, tuple[str, int]], errors: list[Problem]
) -> list[ConsultationBundle]:
    """The backup's consultations with participants and contributions pointing at resolved actors."""
    bundles = []
    for backup in preview.consultations:
        bundle = ConsultationBundle(backup.consultation)
        for row, ref, participant in backup.participants:
            end = refs.get(fold(ref))
            if end is None:
                errors.append(Problem("participants", row, "actor", "import.report.unknown_actor", {"name": ref}))
            else:
                bundle.participants.append((end, participant))
        for row, ref, contribution in backup.contributions:
            end = refs.get(fold(ref)) if ref else None
            if ref and end is None:
                errors.append(Problem("contributions", row, "actor", "import.report.unknown_actor", {"name": ref}))
            else:
                bundle.contributions.append((end, contribution))
        bundles.append(bundle)
    return bundles


def plan_batch(
    preview: ImportPreview, existing: list[Actor], policy: str = "merge", decisions: dict[int, str] | None = None
) -> Plan:
    """What to write: new actors, merges into the register, relations with resolved ends, salience.
    ``decisions`` maps a duplicate's (sheet, Excel row), or its Excel row, to merge/skip/keep;
    others follow ``policy``, but rows told apart by another column are kept unless decided.
    """
    if policy not in POLICIES:
        raise ValueError(policy)
    decisions = decisions or {}
    duplicates = {(d.sheet, d.row): d for d in find_duplicates(preview, existing)}
    by_id = {actor.id: actor for actor in existing}
    batch = RegisterBatch()
    # where each way of writing a name points: ("new", index) or ("existing", id)
    ends: dict[str, tuple[str, int]] = {}
    refs: dict[str, tuple[str, int]] = {}
    pending: dict[int, Actor] = {}  # existing id -> merged actor
    merged = skipped = 0
    for actor in existing:
        for key in identity_keys(actor.name, actor.acronym):
            ends.setdefault(key, ("existing", actor.id))
    target_by_row: dict[tuple[str, int], tuple[str, int]] = {}  # every row of the file: where it went
    merges: list[Merge] = []
    for parsed in preview.actors:
        keys = identity_keys(parsed.actor.name, parsed.actor.acronym)
        duplicate = duplicates.get((parsed.sheet, parsed.row))
        choice = _choice(duplicate, parsed, decisions, policy)
        if duplicate and choice != "keep":
            if duplicate.existing_id is not None:
                target = ("existing", duplicate.existing_id)
                if choice == "merge":
                    base = pending.get(duplicate.existing_id) or by_id[duplicate.existing_id]
                    changes = _merge_into(base, parsed.actor)
                    if changes:
                        pending[duplicate.existing_id] = replace(base, **changes)
                    merged += 1
                else:
                    skipped += 1
            else:  # where the earlier row went: a new actor, or the register's when it matched one
                target = target_by_row[(duplicate.first_sheet, duplicate.first_row)]
                if choice == "merge":
                    kind, first = target
                    if kind == "new":
                        base = batch.new_actors[first]
                        batch.new_actors[first] = replace(base, **_merge_into(base, parsed.actor))
                    else:
                        base = pending.get(first) or by_id[first]
                        if changes := _merge_into(base, parsed.actor):
                            pending[first] = replace(base, **changes)
                    merged += 1
                    merges.append(
                        Merge(parsed.sheet, parsed.row, duplicate.first_sheet, duplicate.first_row, base.name)
                    )
                else:
                    skipped += 1
        else:
            target = ("new", len(batch.new_actors))
            batch.new_actors.append(parsed.actor)
        target_by_row[(parsed.sheet, parsed.row)] = target
        batch.salience += [(target, parsed.salience)] if parsed.salience and choice != "skip" else []  # issue 20
        for key in keys:
            ends.setdefault(key, target)  # the register first, then the file in order
        if parsed.ref:
            refs[fold(parsed.ref)] = target
    batch.updates += _merged_updates(pending, by_id)
    errors: list[Problem] = []
    batch.relations += _planned_relations(preview, refs, ends, errors)
    batch.consultations += _consultation_bundles(preview, refs, errors)
    if preview.audiences or preview.campaigns:
        batch.audiences, batch.campaigns, problems = plan_backup(preview.audiences, preview.campaigns, refs)
        errors.extend(problems)
    batch.terms = preview.terms + batch_terms(preview.new_terms)
    return Plan(
        batch=batch,
        added=len(batch.new_actors),
        merged=merged,
        skipped=skipped,
        relation_errors=errors,
        merges=merges,
    )


def _choice(duplicate: Duplicate | None, parsed: ParsedActor, decisions: dict, policy: str) -> str:
    if duplicate is None:
        return "keep"
    default = "keep" if duplicate.apart else policy
    return decisions.get((parsed.sheet, parsed.row), decisions.get(parsed.row, default))


_CHANGEABLE = (
    "acronym",
    "sector",
    "scale",
    "country",
    "city",
    "influence",
    "interest",
    "stance",
    "themes",
    "dimensions",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
    "consent_date",
    "consent_source",
    "notes",
    "custom",
    "latitude",
    "longitude",
    "district",
    "place_source",
    "address",
)


def _resolve(name: str, refs: dict[str, tuple[str, int]], ends: dict[str, tuple[str, int]]):
    folded = fold(name)
    if folded in refs:
        return refs[folded]
    for key in identity_keys(name):
        if key in ends:
            return ends[key]
    return None
