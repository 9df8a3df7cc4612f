"""Dissemination and advocacy campaigns: the plan, its activities, its KPIs and their measurements.
One function per thing a user does.

Every write opens one transaction, locks the workspace (bumping its revision), checks, writes and
says what it did. Refusals are :class:`StoreError` whose reason is a catalog key under
``campaigns.errors.`` (or the shared ``errors.`` for the workspace and conflicts).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import Connection, Engine, delete, insert, select, update

from toolkit import clock
from toolkit.campaigns import measurement_doubt
from toolkit.domain import (
    ACTIVITY_STATUSES,
    CAMPAIGN_STATUSES,
    CAMPAIGN_TYPES,
    KPI_AGGREGATIONS,
    KPI_KINDS,
    Activity,
    Campaign,
    Kpi,
    KpiMeasurement,
)
from toolkit.i18n import format_long_date
from toolkit.store import bin
from toolkit.store.columns import checked, clean_values
from toolkit.store.edits import Edit, SaveResult, apply_edits, delete_rows, save_edits
from toolkit.store.engine import StoreError
from toolkit.store.tables import activities, audiences, campaign_audiences, campaigns, kpi_measurements, kpis
from toolkit.store.workspaces import reading, require_in_workspace, writing

MAX_TITLE = 300
MAX_AMOUNT = 1e13
CAMPAIGN_FIELDS = (
    "title",
    "type",
    "objective",
    "messages",
    "channels",
    "starts_on",
    "ends_on",
    "owner",
    "budget",
    "status",
)
ACTIVITY_FIELDS = ("title", "channel", "due_on", "owner", "status", "cost", "notes")
KPI_FIELDS = ("name", "kind", "unit", "baseline", "target", "aggregation")
MEASUREMENT_FIELDS = ("measured_on", "value", "notes")


# -- rows to objects -------------------------------------------------------------------------


def _campaign(row, audience_ids: list[int]) -> Campaign:
    return Campaign(
        title=row.title,
        type=row.type,
        objective=row.objective,
        audience_ids=audience_ids,
        messages=list(row.messages or []),
        channels=list(row.channels or []),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        owner=row.owner,
        budget=row.budget,
        status=row.status,
        id=row.id,
        version=row.version,
    )


def _activity(row) -> Activity:
    return Activity(
        campaign_id=row.campaign_id,
        title=row.title,
        channel=row.channel,
        due_on=row.due_on,
        owner=row.owner,
        status=row.status,
        cost=row.cost,
        notes=row.notes,
        id=row.id,
        version=row.version,
    )


def _kpi(row) -> Kpi:
    return Kpi(
        campaign_id=row.campaign_id,
        name=row.name,
        target=row.target,
        kind=row.kind,
        unit=row.unit,
        baseline=row.baseline,
        aggregation=row.aggregation,
        id=row.id,
        version=row.version,
    )


def _measurement(row) -> KpiMeasurement:
    return KpiMeasurement(kpi_id=row.kpi_id, measured_on=row.measured_on, value=row.value, notes=row.notes, id=row.id)


# -- checks ----------------------------------------------------------------------------------


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _title(value: object, required: str) -> str:
    title = " ".join(_text(value).split())
    if not title:
        raise StoreError(required)
    if len(title) > MAX_TITLE:
        raise StoreError("title_too_long", limit=MAX_TITLE)
    return title


def _date(value: object) -> date | None:
    if value is None or isinstance(value, date):
        return value
    raise StoreError("bad_date")


def _number(value: object, reason: str, positive: bool = False) -> float | None:
    if value is None or value == "":
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise StoreError(reason) from error
    if isinstance(value, bool) or not math.isfinite(number) or abs(number) >= MAX_AMOUNT or (positive and number < 0):
        raise StoreError(reason)
    return number


def _words(values: object) -> list[str]:
    if values is None:
        return []
    if isinstance(values, str):
        values = [values]
    return list(dict.fromkeys(" ".join(str(v).split()) for v in values if str(v).strip()))


def validate_campaign(values: dict[str, object]) -> dict[str, object]:
    """Clean and check a campaign's fields; raises ``StoreError`` with the reason."""
    cleaned = clean_values(values)
    if "title" in cleaned:
        cleaned["title"] = _title(cleaned["title"], "title_required")
    if "type" in cleaned and cleaned["type"] not in CAMPAIGN_TYPES:
        raise StoreError("bad_type")
    if "status" in cleaned and cleaned["status"] not in CAMPAIGN_STATUSES:
        raise StoreError("bad_status")
    for name in ("objective", "owner"):
        if name in cleaned:
            cleaned[name] = _text(cleaned[name])
    for name in ("messages", "channels"):
        if name in cleaned:
            cleaned[name] = _words(cleaned[name])
    for name in ("starts_on", "ends_on"):
        if name in cleaned:
            cleaned[name] = _date(cleaned[name])
    if cleaned.get("starts_on") and cleaned.get("ends_on") and cleaned["ends_on"] < cleaned["starts_on"]:
        raise StoreError("dates_reversed")
    if "budget" in cleaned:
        cleaned["budget"] = _number(cleaned["budget"], "bad_budget", positive=True)
    return checked(campaigns, cleaned)


def validate_activity(values: dict[str, object]) -> dict[str, object]:
    cleaned = clean_values(values)
    if "title" in cleaned:
        cleaned["title"] = _title(cleaned["title"], "activity_title_required")
    if "status" in cleaned and cleaned["status"] not in ACTIVITY_STATUSES:
        raise StoreError("bad_activity_status")
    if "channel" in cleaned:
        cleaned["channel"] = _text(cleaned["channel"]) or None
    if "due_on" in cleaned:
        cleaned["due_on"] = _date(cleaned["due_on"])
    if "cost" in cleaned:
        cleaned["cost"] = _number(cleaned["cost"], "bad_cost", positive=True)
    for name in ("owner", "notes"):
        if name in cleaned:
            cleaned[name] = _text(cleaned[name])
    return checked(activities, cleaned)


def validate_kpi(values: dict[str, object]) -> dict[str, object]:
    cleaned = clean_values(values)
    if "name" in cleaned:
        cleaned["name"] = _title(cleaned["name"], "kpi_name_required")
    if "kind" in cleaned and cleaned["kind"] not in KPI_KINDS:
        raise StoreError("bad_kpi_kind")
    if "aggregation" in cleaned and cleaned["aggregation"] not in KPI_AGGREGATIONS:
        raise StoreError("bad_aggregation")
    if "unit" in cleaned:
        cleaned["unit"] = " ".join(_text(cleaned["unit"]).split())[:60]
    if "baseline" in cleaned:
        cleaned["baseline"] = _number(cleaned["baseline"], "bad_baseline") or 0.0
    if "target" in cleaned:
        cleaned["target"] = _number(cleaned["target"], "bad_target")
        if cleaned["target"] is None:
            raise StoreError("bad_target")
    if "target" in cleaned and "baseline" in cleaned and cleaned["target"] == cleaned["baseline"]:
        raise StoreError("target_is_baseline")
    return checked(kpis, cleaned)


def validate_measurement(values: dict[str, object]) -> dict[str, object]:
    cleaned = clean_values(values)
    if "measured_on" in cleaned:
        cleaned["measured_on"] = _date(cleaned["measured_on"])
        if cleaned["measured_on"] is None:
            raise StoreError("measured_on_required")
    if "value" in cleaned:
        cleaned["value"] = _number(cleaned["value"], "bad_value")
        if cleaned["value"] is None:
            raise StoreError("bad_value")
    if "notes" in cleaned:
        cleaned["notes"] = _text(cleaned["notes"])
    return checked(kpi_measurements, cleaned)


def _values(item: object, names: tuple[str, ...], validate) -> dict[str, object]:
    return validate({name: getattr(item, name) for name in names})


def _require_campaign(connection: Connection, workspace_id: int, campaign_id) -> None:
    require_in_workspace(connection, campaigns, workspace_id, [campaign_id], "campaign_not_found")


def _require_audiences(connection: Connection, workspace_id: int, audience_ids) -> None:
    require_in_workspace(connection, audiences, workspace_id, audience_ids, "audience_not_found")


def _link_audiences(connection: Connection, workspace_id: int, campaign_id: int, audience_ids: list[int]) -> None:
    connection.execute(delete(campaign_audiences).where(campaign_audiences.c.campaign_id == campaign_id))
    if audience_ids:
        connection.execute(
            insert(campaign_audiences),
            [
                {"workspace_id": workspace_id, "campaign_id": campaign_id, "audience_id": audience_id}
                for audience_id in audience_ids
            ],
        )


# -- reading ---------------------------------------------------------------------------------


def list_campaigns(engine: Engine, workspace_id: int) -> list[Campaign]:
    """The workspace's campaigns in the order they were created, with the audiences they target."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(campaigns).where(campaigns.c.workspace_id == workspace_id).order_by(campaigns.c.id)
        ).all()
        links = connection.execute(
            select(campaign_audiences.c.campaign_id, campaign_audiences.c.audience_id)
            .where(campaign_audiences.c.workspace_id == workspace_id)
            .order_by(campaign_audiences.c.id)
        ).all()
    targeted: dict[int, list[int]] = {}
    for link in links:
        targeted.setdefault(link.campaign_id, []).append(link.audience_id)
    return [_campaign(row, targeted.get(row.id, [])) for row in rows]


def list_activities(engine: Engine, workspace_id: int) -> list[Activity]:
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(activities).where(activities.c.workspace_id == workspace_id).order_by(activities.c.id)
        ).all()
    return [_activity(row) for row in rows]


def list_kpis(engine: Engine, workspace_id: int) -> list[Kpi]:
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(select(kpis).where(kpis.c.workspace_id == workspace_id).order_by(kpis.c.id)).all()
    return [_kpi(row) for row in rows]


def list_measurements(engine: Engine, workspace_id: int) -> list[KpiMeasurement]:
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(kpi_measurements)
            .where(kpi_measurements.c.workspace_id == workspace_id)
            .order_by(kpi_measurements.c.id)
        ).all()
    return [_measurement(row) for row in rows]


# -- the plan --------------------------------------------------------------------------------


def create_campaign(engine: Engine, workspace_id: int, campaign: Campaign) -> int:
    """Plan a new campaign for its target audiences; returns its id."""
    values = _values(campaign, CAMPAIGN_FIELDS, validate_campaign)
    targeted = list(dict.fromkeys(campaign.audience_ids))
    with writing(engine, workspace_id) as connection:
        _require_audiences(connection, workspace_id, targeted)
        new_id = connection.execute(
            insert(campaigns).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]
        _link_audiences(connection, workspace_id, new_id, targeted)
    return new_id


def update_campaign(engine: Engine, workspace_id: int, campaign: Campaign) -> None:
    """Save the plan as edited from ``campaign.version``; refused if someone saved it in between."""
    values = _values(campaign, CAMPAIGN_FIELDS, validate_campaign)
    targeted = list(dict.fromkeys(campaign.audience_ids))
    with writing(engine, workspace_id) as connection:
        _require_audiences(connection, workspace_id, targeted)
        done = connection.execute(
            update(campaigns)
            .where(
                campaigns.c.id == campaign.id,
                campaigns.c.workspace_id == workspace_id,
                campaigns.c.version == campaign.version,
            )
            .values(version=campaigns.c.version + 1, **values)
        )
        if not done.rowcount:
            _require_campaign(connection, workspace_id, campaign.id)
            raise StoreError("campaign_changed")
        _link_audiences(connection, workspace_id, campaign.id, targeted)


def delete_campaign(engine: Engine, workspace_id: int, campaign_id: int) -> None:
    """Move a campaign with its activities, KPIs and measurements to the bin (restorable for 30 days)."""
    with writing(engine, workspace_id) as connection:
        bin.put(connection, workspace_id, "campaigns", [campaign_id])
        done = connection.execute(
            delete(campaigns).where(campaigns.c.id == campaign_id, campaigns.c.workspace_id == workspace_id)
        )
        if not done.rowcount:
            raise StoreError("campaign_not_found")


# -- activities ------------------------------------------------------------------------------


def add_activity(engine: Engine, workspace_id: int, activity: Activity) -> int:
    """Plan one activity of a campaign; returns its id."""
    values = _values(activity, ACTIVITY_FIELDS, validate_activity)
    with writing(engine, workspace_id) as connection:
        _require_campaign(connection, workspace_id, activity.campaign_id)
        return connection.execute(
            insert(activities).values(workspace_id=workspace_id, campaign_id=activity.campaign_id, version=1, **values)
        ).inserted_primary_key[0]


def _save_edits(
    engine: Engine,
    workspace_id: int,
    table,
    edits: list[Edit],
    to_delete: list[int],
    fields: tuple[str, ...],
    validate,
    label: str | None,
    recheck=None,
    versioned: bool = True,
) -> SaveResult:
    """Edits made in a table and the rows marked to delete, all or nothing in one transaction, each
    edit from the version the user saw.

    ``recheck(row, values)`` checks the edited values against the rest of the stored row.
    """

    def check(row, changes: dict[str, object]) -> dict[str, object]:
        values = validate(changes)
        if recheck is not None:
            recheck(row, values)
        return values

    return save_edits(
        engine,
        workspace_id,
        edits,
        to_delete,
        lambda connection: apply_edits(
            connection,
            workspace_id,
            table,
            edits,
            to_delete,
            fields=fields,
            validate=check,
            label=(lambda row: row._mapping[label]) if label else None,
            versioned=versioned,
        ),
    )


def save_activity_edits(engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()) -> SaveResult:
    """Edits made in the activities table (status, date, cost...) and the activities marked to
    delete, all or nothing."""
    return _save_edits(engine, workspace_id, activities, edits, to_delete, ACTIVITY_FIELDS, validate_activity, "title")


def _delete(engine: Engine, workspace_id: int, table, ids: list[int]) -> int:
    if not ids:
        return 0
    with writing(engine, workspace_id) as connection:
        return delete_rows(connection, table, workspace_id, ids)


def delete_activities(engine: Engine, workspace_id: int, activity_ids: list[int]) -> int:
    return _delete(engine, workspace_id, activities, activity_ids)


def import_activities(engine: Engine, workspace_id: int, campaign_id: int, planned: list[Activity]) -> int:
    """Store activities read from a spreadsheet into one campaign, all or nothing; returns how many."""
    rows = [
        {
            "workspace_id": workspace_id,
            "campaign_id": campaign_id,
            "version": 1,
            **_values(activity, ACTIVITY_FIELDS, validate_activity),
        }
        for activity in planned
    ]
    with writing(engine, workspace_id) as connection:
        _require_campaign(connection, workspace_id, campaign_id)
        if rows:
            connection.execute(insert(activities), rows)
    return len(rows)


# -- KPIs and measurements -------------------------------------------------------------------


def add_kpi(engine: Engine, workspace_id: int, kpi: Kpi) -> int:
    """Set an indicator for a campaign (baseline and target); returns its id."""
    values = _values(kpi, KPI_FIELDS, validate_kpi)
    with writing(engine, workspace_id) as connection:
        _require_campaign(connection, workspace_id, kpi.campaign_id)
        return connection.execute(
            insert(kpis).values(workspace_id=workspace_id, campaign_id=kpi.campaign_id, version=1, **values)
        ).inserted_primary_key[0]


def save_kpi_edits(engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()) -> SaveResult:
    """Edits made in the KPI table and the KPIs marked to delete (with their measurements), all or nothing."""

    def target_is_not_baseline(row, values):
        validate_kpi({"baseline": values.get("baseline", row.baseline), "target": values.get("target", row.target)})

    return _save_edits(
        engine, workspace_id, kpis, edits, to_delete, KPI_FIELDS, validate_kpi, "name", target_is_not_baseline
    )


def delete_kpis(engine: Engine, workspace_id: int, kpi_ids: list[int]) -> int:
    """Delete indicators with their measurements."""
    return _delete(engine, workspace_id, kpis, kpi_ids)


def _require_kpis(connection: Connection, workspace_id: int, kpi_ids: set[int], campaign_id: int | None = None) -> None:
    query = select(kpis.c.id).where(kpis.c.workspace_id == workspace_id, kpis.c.id.in_(kpi_ids))
    if campaign_id is not None:
        query = query.where(kpis.c.campaign_id == campaign_id)
    if kpi_ids - set(connection.execute(query).scalars().all()):
        raise StoreError("kpi_not_found")


def _check_doubts(connection: Connection, workspace_id: int, rows: list[dict[str, object]]) -> None:
    """Refuse measurements dated before their campaign started or after today (saved only when confirmed)."""
    starts = dict(
        connection.execute(
            select(kpis.c.id, campaigns.c.starts_on)
            .join(campaigns, campaigns.c.id == kpis.c.campaign_id)
            .where(kpis.c.workspace_id == workspace_id, kpis.c.id.in_({row["kpi_id"] for row in rows}))
        ).all()
    )
    today = clock.today()
    for row in rows:
        doubt = measurement_doubt(row["measured_on"], starts.get(row["kpi_id"]), today)
        if doubt == "future":
            raise StoreError("measurement_in_future", day=format_long_date(row["measured_on"]))
        if doubt == "before_start":
            raise StoreError("measurement_before_start", start=format_long_date(starts[row["kpi_id"]]))


def log_measurement(engine: Engine, workspace_id: int, measurement: KpiMeasurement, confirmed: bool = False) -> int:
    """Note down what an indicator measured on a day; returns the measurement's id.

    A day before the campaign started, or after today, is refused unless ``confirmed`` (the person
    was asked and said yes)."""
    values = validate_measurement(
        {"measured_on": measurement.measured_on, "value": measurement.value, "notes": measurement.notes}
    )
    with writing(engine, workspace_id) as connection:
        _require_kpis(connection, workspace_id, {measurement.kpi_id})
        if not confirmed:
            _check_doubts(connection, workspace_id, [{"kpi_id": measurement.kpi_id, **values}])
        return connection.execute(
            insert(kpi_measurements).values(workspace_id=workspace_id, kpi_id=measurement.kpi_id, **values)
        ).inserted_primary_key[0]


def delete_measurements(engine: Engine, workspace_id: int, measurement_ids: list[int]) -> int:
    return _delete(engine, workspace_id, kpi_measurements, measurement_ids)


def save_kpi_measurement_edits(
    engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()
) -> SaveResult:
    """Edits made in a KPI's measurements (day, value, notes) and the measurements marked to delete,
    all or nothing. Measurements carry no version: an edit of one deleted in between is a conflict."""
    return _save_edits(
        engine,
        workspace_id,
        kpi_measurements,
        edits,
        to_delete,
        MEASUREMENT_FIELDS,
        validate_measurement,
        None,
        versioned=False,
    )


def import_measurements(
    engine: Engine, workspace_id: int, campaign_id: int, measured: list[KpiMeasurement], confirmed: bool = False
) -> int:
    """Store measurements read from a spreadsheet (of the campaign's KPIs), all or nothing; rows
    dated before the campaign or after today only when ``confirmed`` (the preview warned of them)."""
    rows = [
        {
            "workspace_id": workspace_id,
            "kpi_id": m.kpi_id,
            **validate_measurement({"measured_on": m.measured_on, "value": m.value, "notes": m.notes}),
        }
        for m in measured
    ]
    with writing(engine, workspace_id) as connection:
        _require_campaign(connection, workspace_id, campaign_id)
        if rows:
            _require_kpis(connection, workspace_id, {row["kpi_id"] for row in rows}, campaign_id)
            if not confirmed:
                _check_doubts(connection, workspace_id, rows)
            connection.execute(insert(kpi_measurements), rows)
    return len(rows)


# -- the sample and restored backups ---------------------------------------------------------


@dataclass
class CampaignBundle:
    """A whole campaign to write at once (the sample, a restored backup).

    ``audiences`` are positions in the list of audiences written with it.
    """

    campaign: Campaign
    audiences: list[int] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    kpis: list[tuple[Kpi, list[KpiMeasurement]]] = field(default_factory=list)


def write_campaigns(
    connection: Connection, workspace_id: int, bundles: list[CampaignBundle], audience_ids: list[int]
) -> int:
    """Write campaigns inside the caller's transaction; audience positions point into ``audience_ids``."""
    for bundle in bundles:
        campaign_id = connection.execute(
            insert(campaigns).values(
                workspace_id=workspace_id, version=1, **_values(bundle.campaign, CAMPAIGN_FIELDS, validate_campaign)
            )
        ).inserted_primary_key[0]
        _link_audiences(
            connection,
            workspace_id,
            campaign_id,
            list(dict.fromkeys(audience_ids[position] for position in bundle.audiences)),
        )
        if bundle.activities:
            connection.execute(
                insert(activities),
                [
                    {
                        "workspace_id": workspace_id,
                        "campaign_id": campaign_id,
                        "version": 1,
                        **_values(activity, ACTIVITY_FIELDS, validate_activity),
                    }
                    for activity in bundle.activities
                ],
            )
        for kpi, measured in bundle.kpis:
            kpi_id = connection.execute(
                insert(kpis).values(
                    workspace_id=workspace_id,
                    campaign_id=campaign_id,
                    version=1,
                    **_values(kpi, KPI_FIELDS, validate_kpi),
                )
            ).inserted_primary_key[0]
            if measured:
                connection.execute(
                    insert(kpi_measurements),
                    [
                        {
                            "workspace_id": workspace_id,
                            "kpi_id": kpi_id,
                            **validate_measurement({"measured_on": m.measured_on, "value": m.value, "notes": m.notes}),
                        }
                        for m in measured
                    ],
                )
    return len(bundles)
