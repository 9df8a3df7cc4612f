"""Spreadsheets of a campaign: the activity plans and KPI monitoring sheets people bring, the
blank sheets to fill in, and the audiences' and campaigns' sheets of the backup workbook.

Files come through the guarded reader; headers and values are recognised the way the register
import recognises them (four languages, the catalog's own labels, the workspace's own words).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from toolkit import clock
from toolkit.campaigns import measurement_doubt
from toolkit.domain import (
    ACTIVITY_COLUMNS,
    ACTIVITY_STATUSES,
    AUDIENCE_COLUMNS,
    AUDIENCE_MEMBER_COLUMNS,
    CAMPAIGN_COLUMNS,
    KPI_COLUMNS,
    KPI_KINDS,
    KPI_MEASUREMENT_COLUMNS,
    Activity,
    Audience,
    AudienceMember,
    AudienceRule,
    Campaign,
    Kpi,
    KpiMeasurement,
)
from toolkit.i18n import LANGUAGES, format_long_date, label, t
from toolkit.spreadsheets import backup_rows
from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.mapping import column_letter, find_header_row, header_field
from toolkit.spreadsheets.problems import Problem, store_refusal
from toolkit.spreadsheets.reading import Workbook
from toolkit.spreadsheets.terms import catalog_labels, term_indexes
from toolkit.spreadsheets.writing import SheetSpec, write_workbook
from toolkit.store.audiences import AUDIENCE_FIELDS, AudienceBundle, validate_audience
from toolkit.store.campaigns import (
    ACTIVITY_FIELDS,
    CAMPAIGN_FIELDS,
    KPI_FIELDS,
    CampaignBundle,
    validate_activity,
    validate_campaign,
    validate_kpi,
    validate_measurement,
)
from toolkit.store.engine import StoreError
from toolkit.vocab import fold, synonym_index

Terms = dict[str, list[tuple[str, str | None]]]
LONGEST_HEADER = 6  # words: a longer header is a sentence, not a field
LIST_SEPARATOR = " | "

ACTIVITY_STATUS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "planned": (
        "planeada",
        "planeado",
        "planificada",
        "programada",
        "prevista",
        "pendiente",
        "por hacer",
        "planned",
        "scheduled",
        "to do",
        "todo",
        "pending",
        "planejada",
        "prevista",
        "a fazer",
        "prevue",
        "planifiee",
        "a faire",
    ),
    "in_progress": (
        "en curso",
        "en proceso",
        "en ejecucion",
        "iniciada",
        "en marcha",
        "in progress",
        "ongoing",
        "started",
        "doing",
        "em andamento",
        "em curso",
        "em execucao",
        "en cours",
        "commencee",
    ),
    "done": (
        "hecha",
        "hecho",
        "realizada",
        "terminada",
        "finalizada",
        "cumplida",
        "ejecutada",
        "lista",
        "done",
        "completed",
        "finished",
        "complete",
        "ok",
        "feito",
        "feita",
        "concluida",
        "realizada",
        "faite",
        "terminee",
        "realisee",
    ),
    "delayed": (
        "retrasada",
        "atrasada",
        "demorada",
        "aplazada",
        "delayed",
        "late",
        "overdue",
        "postponed",
        "atrasado",
        "adiada",
        "en retard",
        "retardee",
        "reportee",
    ),
    "cancelled": (
        "cancelada",
        "anulada",
        "suspendida",
        "cancelled",
        "canceled",
        "dropped",
        "cancelado",
        "suspensa",
        "annulee",
    ),
}
AMOUNT = re.compile(r"[+-]?\d[\d.,]*")
CURRENCY = re.compile(r"(?i)\b(cop|usd|eur|brl|mxn|clp|pen|ars|r\$|us\$)\b|[$€£%]")


@cache
def _status_index() -> dict[str, str]:
    index = synonym_index(ACTIVITY_STATUS_SYNONYMS)
    for key, text in catalog_labels("activity_statuses"):
        index[fold(text)] = key
    return index


def activity_status(value: object) -> str | None:
    """The status key a cell stands for (None when blank); raises ``norm.Unclear`` when not understood.

    >>> activity_status("Realizada"), activity_status("En curso"), activity_status("Atrasada"), activity_status("")
    ('done', 'in_progress', 'delayed', None)
    """
    if norm.is_blank(value):
        return None
    key = _status_index().get(fold(value))
    if key is None:
        raise norm.Unclear("campaigns.import.value.status", value=norm.text(value))
    return key


def amount(value: object) -> float | None:
    """A number as people type it: currency signs, thousands separators, decimal commas.

    A lone separator followed by exactly three digits groups thousands (``1.500`` is fifteen hundred,
    as written in Colombia and Spain); otherwise it marks the decimals.

    >>> [amount(v) for v in ("$ 1.250.000", "2.500,75", "1,5", "1.500", "0.500", "12 %", 3, "", "-4")]
    [1250000.0, 2500.75, 1.5, 1500.0, 0.5, 12.0, 3.0, None, -4.0]
    """
    if norm.is_blank(value):
        return None
    if isinstance(value, bool):
        raise norm.Unclear("campaigns.import.value.number", value=norm.text(value))
    if isinstance(value, (int, float)):
        return float(value)
    raw = CURRENCY.sub("", str(value)).replace("\u00a0", "").replace(" ", "").replace("'", "")
    if not raw or AMOUNT.fullmatch(raw) is None:
        raise norm.Unclear("campaigns.import.value.number", value=norm.text(value))
    sign = -1.0 if raw.startswith("-") else 1.0
    digits = raw.lstrip("+-")
    if "." in digits and "," in digits:
        decimal = max(digits.rfind("."), digits.rfind(","))
        digits = re.sub(r"[.,]", "", digits[:decimal]) + "." + digits[decimal + 1 :]
    elif digits.count(".") + digits.count(",") > 1:
        if digits.count(".") and digits.count(","):
            raise norm.Unclear("campaigns.import.value.number", value=norm.text(value))
        digits = re.sub(r"[.,]", "", digits)
    elif "." in digits or "," in digits:
        whole, _, part = digits.replace(",", ".").partition(".")
        digits = whole + part if len(part) == 3 and whole and whole[0] != "0" else f"{whole or 0}.{part}"
    try:
        return sign * float(digits)
    except ValueError as error:
        raise norm.Unclear("campaigns.import.value.number", value=norm.text(value)) from error


# -- reading activity plans and monitoring sheets --------------------------------------------

# our own column headers (the blank sheets), in every language, read back exactly
OWN_HEADERS = {
    "title": "title",
    "channel": "channel",
    "due_on": "due_on",
    "owner": "owner",
    "status": "status",
    "cost": "cost",
    "notes": "notes",
    "kpi": "kpi",
    "measured_on": "measured_on",
    "value": "value",
}


@cache
def _own_headers(role: str) -> dict[str, str]:
    wanted = (
        ("title", "channel", "due_on", "owner", "status", "cost", "notes")
        if role == "activities"
        else ("kpi", "measured_on", "value", "notes")
    )
    return {
        fold(t(f"campaigns.columns.{column}", lang=lang)): OWN_HEADERS[column]
        for lang in LANGUAGES
        for column in wanted
    }


def _fields(headers: list[object], role: str) -> list[str | None]:
    """The field of each header; each field once (the first column that names it wins).

    >>> _fields(["Actividad", "Fecha de la actividad", "Canal", "Costo (COP)", "Fecha"], "activities")
    ['title', 'due_on', 'channel', 'cost', None]
    """
    taken: set[str] = set()
    fields: list[str | None] = []
    for header in headers:
        words = len(fold(header).split())
        name = _own_headers(role).get(fold(header)) if words else None
        if name is None:
            name = header_field(header, role) if 0 < words <= LONGEST_HEADER else None
        if name in taken and name != "ignore":
            name = None
        if name:
            taken.add(name)
        fields.append(name)
    return fields


@dataclass
class CampaignFilePreview:
    """What a file brings to a campaign, before anything is stored."""

    kind: str  # "activities" or "measurements"
    sheet: str = ""
    header_row: int = 0  # 0-based
    columns: list[tuple[str, str | None]] = field(default_factory=list)  # (header, field or None)
    activities: list[tuple[int, Activity]] = field(default_factory=list)  # (Excel row, activity)
    measurements: list[tuple[int, KpiMeasurement]] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)  # the file cannot be used: nothing to import
    warnings: list[Problem] = field(default_factory=list)  # rows left out, values left empty

    @property
    def count(self) -> int:
        return len(self.activities) if self.kind == "activities" else len(self.measurements)


def _best_sheet(workbook: Workbook, role: str, wanted: set[str], bonus=None):
    """The visible sheet whose header row names most of the fields wanted."""
    best = None
    for sheet in workbook.sheets:
        if not sheet.rows:
            continue
        header_row = find_header_row(sheet.rows, role)
        fields = _fields(sheet.rows[header_row], role)
        score = len(set(fields) & wanted) + (bonus(sheet.rows[header_row]) if bonus else 0) - (5 if sheet.hidden else 0)
        if best is None or score > best[0]:
            best = (score, sheet, header_row, fields)
    return best


def read_activities(workbook: Workbook, terms: Terms | None = None) -> CampaignFilePreview:
    """An activity plan: one activity per row (title, channel, date, owner, status, cost, notes)."""
    preview = CampaignFilePreview(kind="activities")
    found = _best_sheet(workbook, "activities", {"title", "channel", "due_on", "owner", "status", "cost"})
    if found is None:
        preview.errors.append(Problem("", 0, "", "campaigns.import.report.empty"))
        return preview
    _, sheet, header_row, fields = found
    preview.sheet, preview.header_row = sheet.name, header_row
    headers = sheet.rows[header_row]
    preview.columns = [
        (norm.text(h) or column_letter(i), f) for i, (h, f) in enumerate(zip(headers, fields, strict=True))
    ]
    at = {f: i for i, f in enumerate(fields) if f and f != "ignore"}
    if "title" not in at:
        preview.errors.append(Problem(sheet.name, header_row + 1, "", "campaigns.import.report.no_title_column"))
        return preview
    channels = term_indexes(terms or {})["channels"]
    for position in range(header_row + 1, len(sheet.rows)):
        row = sheet.rows[position]
        if all(norm.is_blank(c) for c in row):
            continue
        excel_row = position + 1

        def cell(name: str, row=row) -> object:
            index = at.get(name)
            return row[index] if index is not None and index < len(row) else None

        def warn(name: str, error: norm.Unclear, excel_row=excel_row) -> None:
            column = preview.columns[at[name]][0] if name in at else ""
            preview.warnings.append(Problem(sheet.name, excel_row, column, error.key, error.details))

        title = norm.text(cell("title"))
        if not title:
            warn("title", norm.Unclear("campaigns.import.report.missing_title"))
            continue
        activity = Activity(campaign_id=0, title=title, owner=norm.text(cell("owner")), notes=norm.text(cell("notes")))
        for name, convert in (
            ("channel", lambda v: norm.term(v, channels, "channels")),
            ("due_on", norm.day),
            ("status", activity_status),
            ("cost", amount),
        ):
            try:
                value = convert(cell(name))
            except norm.Unclear as error:
                key = "campaigns.import.value.channel" if name == "channel" else error.key
                warn(name, norm.Unclear(key, **error.details))
                continue
            if value is not None:
                setattr(activity, name, value)
        if activity.cost is not None and activity.cost < 0:
            warn("cost", norm.Unclear("campaigns.import.value.number", value=norm.text(cell("cost"))))
            activity.cost = None
        preview.activities.append((excel_row, activity))
    if not preview.activities and not preview.errors:
        preview.errors.append(Problem(sheet.name, header_row + 1, "", "campaigns.import.report.nothing_activities"))
    return preview


class KpiMatcher:
    """Finds the campaign's KPI a cell names: by its name, else by its kind when only one KPI has it."""

    def __init__(self, kpis: list[Kpi]) -> None:
        self.by_name = {fold(k.name): k.id for k in kpis}
        kinds: dict[str, list[int]] = {}
        for kpi in kpis:
            kinds.setdefault(kpi.kind, []).append(kpi.id)
        words = synonym_index({kind: () for kind in KPI_KINDS})
        for key, text in catalog_labels("kpi_kinds"):
            words[fold(text)] = key
        self.by_kind = {word: kinds[key][0] for word, key in words.items() if len(kinds.get(key, [])) == 1}

    def find(self, text: object) -> int | None:
        folded = fold(text)
        return self.by_name.get(folded) or self.by_kind.get(folded)


def read_measurements(
    workbook: Workbook, kpis: list[Kpi], starts_on: date | None = None, today: date | None = None
) -> CampaignFilePreview:
    """KPI measurements of one campaign, in either layout people keep them:

    * one measurement per row: indicator, date, value (and a source); with a single KPI the
      indicator column may be left out;
    * one row per date and one column per indicator (headers are the KPIs' names).

    A row dated before the campaign's ``starts_on`` or after ``today`` is read with a warning.
    """
    today = today or clock.today()
    preview = CampaignFilePreview(kind="measurements")
    matcher = KpiMatcher(kpis)

    def kpi_columns(headers: list[object]) -> int:
        return sum(1 for h in headers if not norm.is_blank(h) and matcher.find(h) is not None)

    found = _best_sheet(workbook, "kpi_measurements", {"kpi", "measured_on", "value"}, kpi_columns)
    if found is None:
        preview.errors.append(Problem("", 0, "", "campaigns.import.report.empty"))
        return preview
    _, sheet, header_row, fields = found
    preview.sheet, preview.header_row = sheet.name, header_row
    headers = sheet.rows[header_row]
    wide = {i: matcher.find(h) for i, h in enumerate(headers) if fields[i] is None and not norm.is_blank(h)}
    wide = {i: kpi_id for i, kpi_id in wide.items() if kpi_id is not None}
    long = "value" in fields and ("kpi" in fields or len(kpis) == 1)
    preview.columns = [
        (norm.text(h) or column_letter(i), f if f else ("kpi_column" if i in wide and not long else None))
        for i, (h, f) in enumerate(zip(headers, fields, strict=True))
    ]
    at = {f: i for i, f in enumerate(fields) if f and f != "ignore"}
    if "measured_on" not in at:
        preview.errors.append(Problem(sheet.name, header_row + 1, "", "campaigns.import.report.no_date_column"))
        return preview
    if not long and not wide:
        preview.errors.append(Problem(sheet.name, header_row + 1, "", "campaigns.import.report.no_kpi_column"))
        return preview
    for position in range(header_row + 1, len(sheet.rows)):
        row = sheet.rows[position]
        if all(norm.is_blank(c) for c in row):
            continue
        excel_row = position + 1

        def cell(index: int | None, row=row) -> object:
            return row[index] if index is not None and index < len(row) else None

        def warn(index: int | None, key: str, excel_row=excel_row, **details: object) -> None:
            column = preview.columns[index][0] if index is not None else ""
            preview.warnings.append(Problem(sheet.name, excel_row, column, key, details))

        try:
            day = norm.day(cell(at["measured_on"]))
        except norm.Unclear:
            day = None
        if day is None:
            warn(at["measured_on"], "campaigns.import.report.missing_date", value=norm.text(cell(at["measured_on"])))
            continue
        notes = norm.text(cell(at.get("notes")))
        if long:
            kpi_id = kpis[0].id if "kpi" not in at else matcher.find(cell(at["kpi"]))
            if kpi_id is None:
                warn(at.get("kpi"), "campaigns.import.report.unknown_kpi", name=norm.text(cell(at.get("kpi"))))
                continue
            places = [(at["value"], kpi_id)]
        else:
            places = list(wide.items())
        for index, kpi_id in places:
            try:
                value = amount(cell(index))
            except norm.Unclear as error:
                warn(index, error.key, **error.details)
                continue
            if value is not None:
                preview.measurements.append((excel_row, KpiMeasurement(kpi_id, day, value, notes)))
    if not preview.measurements and not preview.errors:
        preview.errors.append(Problem(sheet.name, header_row + 1, "", "campaigns.import.report.nothing_measurements"))
    _warn_doubtful(preview, preview.columns[at["measured_on"]][0], starts_on, today)
    return preview


def _warn_doubtful(preview: CampaignFilePreview, column: str, starts_on: date | None, today: date) -> None:
    """A warning for each row dated before the campaign's start or after today (it is still read)."""
    warned: set[int] = set()
    for row, measurement in preview.measurements:
        doubt = measurement_doubt(measurement.measured_on, starts_on, today)
        if doubt and row not in warned:
            warned.add(row)
            key = "measurement_in_future" if doubt == "future" else "measurement_before_start"
            day, start = format_long_date(measurement.measured_on), format_long_date(starts_on)
            preview.warnings.append(
                Problem(preview.sheet, row, column, f"campaigns.import.report.{key}", {"day": day, "start": start})
            )


# -- blank sheets to fill in -----------------------------------------------------------------


def _channel_labels(terms: Terms, lang: str) -> list[str]:
    custom = {key: text for key, text in terms.get("channels", []) if text}
    return [label("channels", key, custom, lang) for key, _ in terms.get("channels", [])]


def activity_template(terms: Terms, lang: str) -> bytes:
    """A blank activity plan to fill in and bring back (dropdowns for channel and status)."""
    columns = ("title", "channel", "due_on", "owner", "status", "cost", "notes")
    return write_workbook(
        [
            SheetSpec(
                t("campaigns.export.sheet.activities", lang=lang),
                [t(f"campaigns.columns.{c}", lang=lang) for c in columns],
                [],
                dropdowns={
                    1: _channel_labels(terms, lang),
                    4: [t(f"vocab.activity_statuses.{s}", lang=lang) for s in ACTIVITY_STATUSES],
                },
                widths={0: 40, 6: 40},
            )
        ]
    )


def measurement_template(kpis: list[Kpi], lang: str) -> bytes:
    """A blank monitoring sheet: one measurement per row, the campaign's KPIs in a dropdown."""
    columns = ("kpi", "measured_on", "value", "notes")
    return write_workbook(
        [
            SheetSpec(
                t("campaigns.export.sheet.measurements", lang=lang),
                [t(f"campaigns.columns.{c}", lang=lang) for c in columns],
                [],
                dropdowns={0: [k.name for k in kpis]} if kpis else {},
                widths={0: 40, 3: 40},
            )
        ]
    )


# -- the backup workbook ---------------------------------------------------------------------


def _json(value: dict) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""


def _audience_rows(audience_order: list[Audience], audience_ref: dict[int, int]) -> list[list[object]]:
    return [
        [
            audience_ref[a.id],
            a.name,
            a.kind,
            a.description,
            _json(a.rule.as_dict()),
            a.estimated_size,
            a.influence,
            a.interest,
            a.knowledge,
            a.attitude,
            a.needs,
            a.barriers,
            a.priority,
            "\n".join(a.messages),
            LIST_SEPARATOR.join(a.channels),
        ]
        for a in audience_order
    ]


def _campaign_rows(
    campaign_order: list[Campaign], campaign_ref: dict[int, int], audience_ref: dict[int, int]
) -> list[list[object]]:
    """One row per campaign; its audiences named by the audiences sheet's numbers."""
    return [
        [
            campaign_ref[c.id],
            c.title,
            c.type,
            c.objective,
            LIST_SEPARATOR.join(str(audience_ref[i]) for i in c.audience_ids if i in audience_ref),
            "\n".join(c.messages),
            LIST_SEPARATOR.join(c.channels),
            c.starts_on,
            c.ends_on,
            c.owner,
            c.budget,
            c.status,
        ]
        for c in campaign_order
    ]


def backup_sheets(
    audiences: list[Audience],
    members: list[AudienceMember],
    campaigns: list[Campaign],
    activities: list[Activity],
    kpis: list[Kpi],
    measurements: list[KpiMeasurement],
    actor_ref: dict[int, int],
) -> list[SheetSpec]:
    """The sheets ``audiences``, ``audience_members``, ``campaigns``, ``activities``, ``kpis`` and
    ``kpi_measurements``: each numbered 1..n in the order things were created, pointing at actors by
    the actors sheet's references, so that a restore gives back the same workbook."""
    audience_order = sorted(audiences, key=lambda a: a.id or 0)
    audience_ref = {a.id: position for position, a in enumerate(audience_order, start=1)}
    listed = sorted(
        (m for m in members if m.audience_id in audience_ref and m.actor_id in actor_ref),
        key=lambda m: (audience_ref[m.audience_id], actor_ref[m.actor_id]),
    )
    member_rows = [
        [position, audience_ref[m.audience_id], actor_ref[m.actor_id], bool(m.included)]
        for position, m in enumerate(listed, start=1)
    ]
    campaign_order = sorted(campaigns, key=lambda c: c.id or 0)
    campaign_ref = {c.id: position for position, c in enumerate(campaign_order, start=1)}
    planned = sorted(
        (a for a in activities if a.campaign_id in campaign_ref), key=lambda a: (campaign_ref[a.campaign_id], a.id or 0)
    )
    activity_rows = [
        [position, campaign_ref[a.campaign_id], a.title, a.channel or "", a.due_on, a.owner, a.status, a.cost, a.notes]
        for position, a in enumerate(planned, start=1)
    ]
    kpi_order = sorted(
        (k for k in kpis if k.campaign_id in campaign_ref), key=lambda k: (campaign_ref[k.campaign_id], k.id or 0)
    )
    kpi_ref = {k.id: position for position, k in enumerate(kpi_order, start=1)}
    kpi_rows = [
        [kpi_ref[k.id], campaign_ref[k.campaign_id], k.name, k.kind, k.unit, k.baseline, k.target, k.aggregation]
        for k in kpi_order
    ]
    measured = sorted(
        (m for m in measurements if m.kpi_id in kpi_ref), key=lambda m: (kpi_ref[m.kpi_id], m.measured_on, m.id or 0)
    )
    measurement_rows = [
        [position, kpi_ref[m.kpi_id], m.measured_on, m.value, m.notes] for position, m in enumerate(measured, start=1)
    ]
    return [
        SheetSpec("audiences", list(AUDIENCE_COLUMNS), _audience_rows(audience_order, audience_ref)),
        SheetSpec("audience_members", list(AUDIENCE_MEMBER_COLUMNS), member_rows),
        SheetSpec("campaigns", list(CAMPAIGN_COLUMNS), _campaign_rows(campaign_order, campaign_ref, audience_ref)),
        SheetSpec("activities", list(ACTIVITY_COLUMNS), activity_rows),
        SheetSpec("kpis", list(KPI_COLUMNS), kpi_rows),
        SheetSpec("kpi_measurements", list(KPI_MEASUREMENT_COLUMNS), measurement_rows),
    ]


@dataclass
class BackupAudience:
    """An audience read from a backup; members name actors by the backup's actor reference."""

    row: int
    ref: str  # its reference in the backup, which campaigns use
    audience: Audience
    members: list[tuple[int, str, bool]] = field(default_factory=list)  # (row, actor ref, included)


@dataclass
class BackupCampaign:
    row: int
    campaign: Campaign
    audience_refs: list[str] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    kpis: list[tuple[Kpi, list[KpiMeasurement]]] = field(default_factory=list)


BACKUP_VALUE = "campaigns.import.report.backup_value"


def _backup_number(value: object) -> float | None:
    return backup_rows.number(value, BACKUP_VALUE)


def _backup_whole(value: object) -> int | None:
    return backup_rows.whole(value, BACKUP_VALUE)


def _split(value: object) -> list[str]:
    return [part.strip() for part in norm.text(value).split("|") if part.strip()]


def _lines(value: object) -> list[str]:
    return [line.strip() for line in norm.text(value).splitlines() if line.strip()]


def _yes(value: object) -> bool:
    if isinstance(value, bool):
        return value
    return norm.yes_no(value, default=True)


def _refusal(sheet: str, row: int, error: Exception, column: str = "") -> Problem:
    """The problem a refused row reports: the store's reason, the cell's, or a bad value."""
    if isinstance(error, StoreError):
        return store_refusal(sheet, row, error, "audiences" if sheet.startswith("audience") else "campaigns", column)
    if isinstance(error, norm.Unclear):
        return Problem(sheet, row, column, error.key, error.details)
    return Problem(sheet, row, column, "campaigns.import.report.backup_value", {"value": ""})


def _owner_row(problems: list[Problem], sheet: str, row: int, found: dict, ref: object, column: str):
    """What a row's reference points at in the sheet read before, or None (and a problem)."""
    hit = found.get(norm.text(ref))
    if hit is None:
        problems.append(Problem(sheet, row, column, "campaigns.import.report.backup_value", {"value": norm.text(ref)}))
    return hit


def _known_audience_refs(
    problems: list[Problem], row: int, refs: list[str], audiences: dict[str, BackupAudience]
) -> list[str]:
    """A campaign's audience references that the backup has; each unknown one is a problem."""
    for ref in refs:
        if ref not in audiences:
            problems.append(
                Problem("campaigns", row, "audiences", "campaigns.import.report.backup_value", {"value": ref})
            )
    return [r for r in refs if r in audiences]


def _audience_from_row(cells: dict[str, object]) -> Audience:
    rule_text = norm.text(cells.get("rule"))
    return Audience(
        name=norm.text(cells.get("name")),
        kind=norm.text(cells.get("kind")),
        description=norm.text(cells.get("description")),
        rule=AudienceRule.from_dict(json.loads(rule_text) if rule_text else {}),
        estimated_size=_backup_whole(cells.get("estimated_size")),
        influence=_backup_whole(cells.get("influence")),
        interest=_backup_whole(cells.get("interest")),
        knowledge=norm.text(cells.get("knowledge")),
        attitude=norm.text(cells.get("attitude")),
        needs=norm.text(cells.get("needs")),
        barriers=norm.text(cells.get("barriers")),
        priority=norm.text(cells.get("priority")),
        messages=_lines(cells.get("messages")),
        channels=_split(cells.get("channels")),
    )


def _campaign_from_row(cells: dict[str, object]) -> Campaign:
    return Campaign(
        title=norm.text(cells.get("title")),
        type=norm.text(cells.get("type")),
        objective=norm.text(cells.get("objective")),
        messages=_lines(cells.get("messages")),
        channels=_split(cells.get("channels")),
        starts_on=norm.day(cells.get("starts_on")),
        ends_on=norm.day(cells.get("ends_on")),
        owner=norm.text(cells.get("owner")),
        budget=_backup_number(cells.get("budget")),
        status=norm.text(cells.get("status")),
    )


def _activity_from_row(cells: dict[str, object]) -> Activity:
    return Activity(
        campaign_id=0,
        title=norm.text(cells.get("title")),
        channel=norm.text(cells.get("channel")) or None,
        due_on=norm.day(cells.get("due_on")),
        owner=norm.text(cells.get("owner")),
        status=norm.text(cells.get("status")),
        cost=_backup_number(cells.get("cost")),
        notes=norm.text(cells.get("notes")),
    )


def _kpi_from_row(cells: dict[str, object]) -> Kpi:
    return Kpi(
        campaign_id=0,
        name=norm.text(cells.get("name")),
        target=_backup_number(cells.get("target")),
        kind=norm.text(cells.get("kind")),
        unit=norm.text(cells.get("unit")),
        baseline=_backup_number(cells.get("baseline")) or 0.0,
        aggregation=norm.text(cells.get("aggregation")),
    )


def _measurement_from_row(cells: dict[str, object]) -> KpiMeasurement:
    return KpiMeasurement(
        kpi_id=0,
        measured_on=norm.day(cells.get("measured_on")),
        value=_backup_number(cells.get("value")),
        notes=norm.text(cells.get("notes")),
    )


def parse_backup(
    sheets: dict[str, list[list[object]]],
) -> tuple[list[BackupAudience], list[BackupCampaign], list[Problem]]:
    """The audiences' and campaigns' sheets of a backup (absent in older backups), checked row by row."""
    problems: list[Problem] = []
    audiences: dict[str, BackupAudience] = {}
    campaigns: dict[str, BackupCampaign] = {}
    kpi_lists: dict[str, list[KpiMeasurement]] = {}

    for row, cells in backup_rows.table(sheets.get("audiences", [])):
        try:
            audience = _audience_from_row(cells)
            validate_audience({name: getattr(audience, name) for name in AUDIENCE_FIELDS})
        except (StoreError, norm.Unclear, ValueError, TypeError) as error:
            problems.append(_refusal("audiences", row, error))
            continue
        audiences[norm.text(cells.get("id"))] = BackupAudience(row, norm.text(cells.get("id")), audience)
    for row, cells in backup_rows.table(sheets.get("audience_members", [])):
        audience = _owner_row(problems, "audience_members", row, audiences, cells.get("audience"), "audience")
        if audience is not None:
            try:
                audience.members.append((row, norm.text(cells.get("actor")), _yes(cells.get("included"))))
            except norm.Unclear as error:
                problems.append(_refusal("audience_members", row, error, "included"))
    for row, cells in backup_rows.table(sheets.get("campaigns", [])):
        try:
            campaign = _campaign_from_row(cells)
            validate_campaign({name: getattr(campaign, name) for name in CAMPAIGN_FIELDS})
        except (StoreError, norm.Unclear) as error:
            problems.append(_refusal("campaigns", row, error))
            continue
        refs = _known_audience_refs(problems, row, _split(cells.get("audiences")), audiences)
        campaigns[norm.text(cells.get("id"))] = BackupCampaign(row, campaign, refs)
    for row, cells in backup_rows.table(sheets.get("activities", [])):
        campaign = _owner_row(problems, "activities", row, campaigns, cells.get("campaign"), "campaign")
        if campaign is None:
            continue
        try:
            activity = _activity_from_row(cells)
            validate_activity({name: getattr(activity, name) for name in ACTIVITY_FIELDS})
        except (StoreError, norm.Unclear) as error:
            problems.append(_refusal("activities", row, error))
            continue
        campaign.activities.append(activity)
    for row, cells in backup_rows.table(sheets.get("kpis", [])):
        campaign = _owner_row(problems, "kpis", row, campaigns, cells.get("campaign"), "campaign")
        if campaign is None:
            continue
        try:
            kpi = _kpi_from_row(cells)
            validate_kpi({name: getattr(kpi, name) for name in KPI_FIELDS})
        except (StoreError, norm.Unclear) as error:
            problems.append(_refusal("kpis", row, error))
            continue
        kpi_lists[norm.text(cells.get("id"))] = []
        campaign.kpis.append((kpi, kpi_lists[norm.text(cells.get("id"))]))
    for row, cells in backup_rows.table(sheets.get("kpi_measurements", [])):
        measured = _owner_row(problems, "kpi_measurements", row, kpi_lists, cells.get("kpi"), "kpi")
        if measured is None:
            continue
        try:
            measurement = _measurement_from_row(cells)
            validate_measurement({"measured_on": measurement.measured_on, "value": measurement.value})
        except (StoreError, norm.Unclear) as error:
            problems.append(_refusal("kpi_measurements", row, error))
            continue
        measured.append(measurement)
    return list(audiences.values()), list(campaigns.values()), problems


def plan_backup(
    audiences: list[BackupAudience], campaigns: list[BackupCampaign], actor_ends: dict[str, tuple[str, int]]
):
    """The audiences and campaigns to write, members resolved through ``actor_ends`` (folded backup
    reference -> ``("new", i)`` or ``("existing", id)``); returns (audience bundles, campaign bundles, problems)."""
    problems: list[Problem] = []
    audience_bundles = []
    position: dict[str, int] = {}  # the audiences sheet's reference -> position in the bundles
    for backup in audiences:
        bundle = AudienceBundle(backup.audience)
        for row, ref, included in backup.members:
            end = actor_ends.get(fold(ref))
            if end is None:
                problems.append(Problem("audience_members", row, "actor", "import.report.unknown_actor", {"name": ref}))
            else:
                bundle.members.append((end, included))
        position[backup.ref] = len(audience_bundles)
        audience_bundles.append(bundle)
    campaign_bundles = [
        CampaignBundle(backup.campaign, [position[ref] for ref in backup.audience_refs], backup.activities, backup.kpis)
        for backup in campaigns
    ]
    return audience_bundles, campaign_bundles, problems
