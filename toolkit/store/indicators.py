"""Indicators of international action and their measurements. One function per thing a user does.

Every write opens one transaction, locks the workspace (bumping its revision and checking the
person's role), checks, writes and says what it did; every read goes through ``reading`` (members
only). Refusals are :class:`StoreError` whose reason (``indicator_...``) is mapped in
``MESSAGE_KEYS`` to a message under ``indicators.errors.`` (or the shared ``errors.``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import Connection, Engine, delete, insert, select

from toolkit import clock
from toolkit.domain import (
    DIMENSIONS,
    Consultation,
    Contribution,
    Indicator,
    IndicatorMeasurement,
    Kpi,
    KpiMeasurement,
    Participant,
)
from toolkit.i18n import format_long_date
from toolkit.indicators import (
    AUTOMATIC,
    SAMPLE_INDICATORS_PATH,
    automatic_figures,
    automatic_source,
    is_automatic_source,
    measurement_doubt,
    missing_defaults,
    sample_indicators,
)
from toolkit.store.columns import checked, clean_values
from toolkit.store.edits import Edit, SaveResult, apply_edits, save_edits
from toolkit.store.engine import StoreError
from toolkit.store.tables import (
    consultations,
    contributions,
    indicator_measurements,
    indicators,
    kpi_measurements,
    kpis,
    participants,
)
from toolkit.store.workspaces import reading, require_in_workspace, writing

MAX_NAME = 300
MAX_UNIT = 60
MAX_TEXT = 4000
MAX_AMOUNT = 1e13
# a date outside these years is a typing slip (2206 for 2026), not a plan
EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
MEASUREMENT_FIELDS = ("measured_on", "value", "source", "notes")
INDICATOR_FIELDS = (
    "dimension",
    "name",
    "unit",
    "baseline",
    "baseline_on",
    "target",
    "target_on",
    "source",
    "automatic",
    "position",
)


# -- rows to objects -------------------------------------------------------------------------


def _indicator(row) -> Indicator:
    return Indicator(
        dimension=row.dimension,
        name=row.name,
        unit=row.unit,
        baseline=row.baseline,
        baseline_on=row.baseline_on,
        target=row.target,
        target_on=row.target_on,
        source=row.source,
        automatic=row.automatic,
        position=row.position,
        id=row.id,
        version=row.version,
    )


def _measurement(row) -> IndicatorMeasurement:
    return IndicatorMeasurement(
        indicator_id=row.indicator_id,
        measured_on=row.measured_on,
        value=row.value,
        source=row.source,
        notes=row.notes,
        id=row.id,
    )


# -- checks ----------------------------------------------------------------------------------


def _text(value: object, limit: int = MAX_TEXT) -> str:
    return ("" if value is None else str(value).strip())[:limit]


def _name(value: object) -> str:
    name = " ".join(_text(value, 10 * MAX_NAME).split())
    if not name:
        raise StoreError("indicator_name_required")
    if len(name) > MAX_NAME:
        raise StoreError("indicator_name_too_long", limit=MAX_NAME)
    return name


def _date(value: object) -> date | None:
    if value is None:
        return None
    if isinstance(value, datetime):  # a table's date cell may arrive as a timestamp
        value = value.date()
    if not isinstance(value, date) or not EARLIEST <= value <= LATEST:
        raise StoreError("indicator_bad_date")
    return value


def _number(value: object, reason: str) -> float | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise StoreError(reason)
    try:
        number = float(value)
    except (TypeError, ValueError) as error:
        raise StoreError(reason) from error
    if not math.isfinite(number) or abs(number) >= MAX_AMOUNT:
        raise StoreError(reason)
    return number


def validate_indicator(values: dict[str, object]) -> dict[str, object]:
    """Clean and check an indicator's fields (those given); raises ``StoreError`` with the reason."""
    cleaned = clean_values(values)
    if "name" in cleaned:
        cleaned["name"] = _name(cleaned["name"])
    if "dimension" in cleaned and cleaned["dimension"] not in DIMENSIONS:
        raise StoreError("indicator_dimension")
    if "unit" in cleaned:
        cleaned["unit"] = " ".join(_text(cleaned["unit"]).split())[:MAX_UNIT]
    if "source" in cleaned:
        cleaned["source"] = _text(cleaned["source"])
    if "automatic" in cleaned:
        cleaned["automatic"] = _text(cleaned["automatic"]) or None
        if cleaned["automatic"] is not None and cleaned["automatic"] not in AUTOMATIC:
            raise StoreError("indicator_bad_automatic")
    if "baseline" in cleaned:
        cleaned["baseline"] = _number(cleaned["baseline"], "indicator_bad_baseline")
    if "target" in cleaned:
        cleaned["target"] = _number(cleaned["target"], "indicator_bad_target")
    for name in ("baseline_on", "target_on"):
        if name in cleaned:
            cleaned[name] = _date(cleaned[name])
    if cleaned.get("baseline_on") and cleaned.get("target_on") and cleaned["target_on"] < cleaned["baseline_on"]:
        raise StoreError("indicator_dates_reversed")
    if "position" in cleaned:
        try:
            cleaned["position"] = max(0, int(cleaned["position"] or 0))
        except (TypeError, ValueError) as error:
            raise StoreError("indicator_bad_position") from error
    return checked(indicators, cleaned)


def validate_measurement(values: dict[str, object]) -> dict[str, object]:
    """Clean and check a measurement's day, value, source and notes."""
    cleaned = clean_values(values)
    cleaned["measured_on"] = _date(cleaned.get("measured_on"))
    if cleaned["measured_on"] is None:
        raise StoreError("indicator_measured_on_required")
    cleaned["value"] = _number(cleaned.get("value"), "indicator_bad_value")
    if cleaned["value"] is None:
        raise StoreError("indicator_bad_value")
    cleaned["source"] = _text(cleaned.get("source"))
    cleaned["notes"] = _text(cleaned.get("notes"))
    return checked(indicator_measurements, cleaned)


def _indicator_values(indicator: Indicator) -> dict[str, object]:
    return validate_indicator({name: getattr(indicator, name) for name in INDICATOR_FIELDS})


def _measurement_values(measurement: IndicatorMeasurement) -> dict[str, object]:
    return validate_measurement(
        {
            "measured_on": measurement.measured_on,
            "value": measurement.value,
            "source": measurement.source,
            "notes": measurement.notes,
        }
    )


def _recheck_dates(row, values: dict[str, object]) -> None:
    """The edited dates against the rest of the stored row (a target date before the baseline's)."""
    validate_indicator(
        {"baseline_on": values.get("baseline_on", row.baseline_on), "target_on": values.get("target_on", row.target_on)}
    )


def _next_position(connection: Connection, workspace_id: int, dimension: str) -> int:
    positions = (
        connection.execute(
            select(indicators.c.position).where(
                indicators.c.workspace_id == workspace_id, indicators.c.dimension == dimension
            )
        )
        .scalars()
        .all()
    )
    return max(positions, default=-1) + 1


# -- reading ---------------------------------------------------------------------------------


def list_indicators(engine: Engine, workspace_id: int) -> list[Indicator]:
    """The workspace's indicators by dimension (institutional, political, territorial), then position."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(indicators)
            .where(indicators.c.workspace_id == workspace_id)
            .order_by(indicators.c.position, indicators.c.id)
        ).all()
    chosen = [_indicator(row) for row in rows]
    return sorted(
        chosen,
        key=lambda i: (
            DIMENSIONS.index(i.dimension) if i.dimension in DIMENSIONS else len(DIMENSIONS),
            i.position,
            i.id,
        ),
    )


def list_indicator_measurements(engine: Engine, workspace_id: int) -> list[IndicatorMeasurement]:
    """The workspace's measurements by indicator, then by day."""
    with reading(engine, workspace_id) as connection:
        rows = connection.execute(
            select(indicator_measurements)
            .where(indicator_measurements.c.workspace_id == workspace_id)
            .order_by(
                indicator_measurements.c.indicator_id, indicator_measurements.c.measured_on, indicator_measurements.c.id
            )
        ).all()
    return [_measurement(row) for row in rows]


def _figures(connection: Connection, workspace_id: int, today: date) -> dict[str, float]:
    """The workspace figures automatic indicators are filled from, read on ``connection``."""

    def rows(table, *columns):
        return connection.execute(select(*columns).where(table.c.workspace_id == workspace_id)).all()

    held = [Consultation(title="", status=row.status) for row in rows(consultations, consultations.c.status)]
    came = [
        Participant(0, row.actor_id, row.status)
        for row in rows(participants, participants.c.actor_id, participants.c.status)
    ]
    said = [Contribution(0, "", actor_id=row.actor_id) for row in rows(contributions, contributions.c.actor_id)]
    measured_kpis = [
        Kpi(0, "", target=row.target, kind=row.kind, baseline=row.baseline, aggregation=row.aggregation, id=row.id)
        for row in rows(kpis, kpis.c.id, kpis.c.kind, kpis.c.baseline, kpis.c.target, kpis.c.aggregation)
    ]
    measured = [
        KpiMeasurement(row.kpi_id, row.measured_on, row.value, id=row.id)
        for row in rows(
            kpi_measurements,
            kpi_measurements.c.id,
            kpi_measurements.c.kpi_id,
            kpi_measurements.c.measured_on,
            kpi_measurements.c.value,
        )
    ]
    return automatic_figures(held, came, said, measured_kpis, measured, today)


def workspace_figures(engine: Engine, workspace_id: int, today: date) -> dict[str, float]:
    """Actors involved, consultations held and campaign reach as the workspace stands on ``today``."""
    with reading(engine, workspace_id) as connection:
        return _figures(connection, workspace_id, today)


# -- indicators ------------------------------------------------------------------------------


def add_indicator(engine: Engine, workspace_id: int, indicator: Indicator) -> int:
    """Add an indicator at the end of its dimension; returns its id."""
    values = _indicator_values(indicator)
    with writing(engine, workspace_id) as connection:
        values["position"] = _next_position(connection, workspace_id, values["dimension"])
        return connection.execute(
            insert(indicators).values(workspace_id=workspace_id, version=1, **values)
        ).inserted_primary_key[0]


def add_default_indicators(engine: Engine, workspace_id: int, lang: str | None = None) -> int:
    """Add the recommended set in ``lang``, leaving out those the workspace already has (by name in
    any language, or by the figure they fill from); returns how many were added (0 the second time)."""
    with writing(engine, workspace_id) as connection:
        existing = [
            _indicator(row)
            for row in connection.execute(select(indicators).where(indicators.c.workspace_id == workspace_id)).all()
        ]
        wanted = missing_defaults(existing, lang)
        positions = {dimension: _next_position(connection, workspace_id, dimension) for dimension in DIMENSIONS}
        for indicator in wanted:  # after the workspace's own, in the set's order
            indicator.position = positions[indicator.dimension]
            positions[indicator.dimension] += 1
        insert_indicators(connection, workspace_id, wanted)
    return len(wanted)


def save_indicator_edits(engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()) -> SaveResult:
    """Edits made in the indicators table and the indicators marked to delete (with their
    measurements), all or nothing in one transaction, each edit from the version the user saw.

    When someone else changed or deleted one of the rows in between, nothing is saved or deleted
    and the result names those rows; a delete of an indicator not in this workspace is refused.
    """

    def check(row, changes: dict[str, object]) -> dict[str, object]:
        values = validate_indicator(changes)
        _recheck_dates(row, values)
        return values

    return save_edits(
        engine,
        workspace_id,
        edits,
        to_delete,
        lambda connection: apply_edits(
            connection,
            workspace_id,
            indicators,
            edits,
            to_delete,
            fields=INDICATOR_FIELDS,
            validate=check,
            label=lambda row: row.name,
            remove=remove_indicators,
        ),
    )


def remove_indicators(connection: Connection, workspace_id: int, indicator_ids: list[int]) -> int:
    """Delete indicators with their measurements inside the caller's write to the workspace;
    refused if one is not in this workspace."""
    require_in_workspace(connection, indicators, workspace_id, indicator_ids, "indicator_not_found")
    connection.execute(
        delete(indicator_measurements).where(
            indicator_measurements.c.workspace_id == workspace_id,
            indicator_measurements.c.indicator_id.in_(indicator_ids),
        )
    )
    return connection.execute(
        delete(indicators).where(indicators.c.workspace_id == workspace_id, indicators.c.id.in_(indicator_ids))
    ).rowcount


def delete_indicators(engine: Engine, workspace_id: int, indicator_ids: list[int]) -> int:
    """Delete indicators with their measurements; refused if one is not in this workspace."""
    wanted = list(dict.fromkeys(indicator_ids))
    if not wanted:
        return 0
    with writing(engine, workspace_id) as connection:
        return remove_indicators(connection, workspace_id, wanted)


# -- measurements ----------------------------------------------------------------------------


class DoubtfulMeasurement(StoreError):
    """A measurement dated before its indicator's baseline or after today, not confirmed: said in
    the indicators' words (``indicators.errors.measurement_<doubt>``)."""

    @property
    def message_key(self) -> str:
        return f"indicators.errors.{self.reason}"


def add_measurement(
    engine: Engine, workspace_id: int, measurement: IndicatorMeasurement, confirmed: bool = False
) -> int:
    """Note down what an indicator measured on a day, and where the figure comes from; returns its id.

    A day before the indicator's baseline, or after today, is refused unless ``confirmed`` (the
    person was asked and said yes)."""
    values = _measurement_values(measurement)
    with writing(engine, workspace_id) as connection:
        require_in_workspace(connection, indicators, workspace_id, [measurement.indicator_id], "indicator_not_found")
        if not confirmed:
            baseline_on = connection.execute(
                select(indicators.c.baseline_on).where(indicators.c.id == measurement.indicator_id)
            ).scalar()
            doubt = measurement_doubt(values["measured_on"], baseline_on, clock.today())
            if doubt == "future":
                raise DoubtfulMeasurement("measurement_in_future", day=format_long_date(values["measured_on"]))
            if doubt == "before_baseline":
                raise DoubtfulMeasurement("measurement_before_baseline", start=format_long_date(baseline_on))
        return connection.execute(
            insert(indicator_measurements).values(
                workspace_id=workspace_id, indicator_id=measurement.indicator_id, **values
            )
        ).inserted_primary_key[0]


def remove_measurements(connection: Connection, workspace_id: int, measurement_ids: list[int]) -> int:
    """Delete measurements inside the caller's write; refused if one is not in this workspace."""
    require_in_workspace(
        connection, indicator_measurements, workspace_id, measurement_ids, "indicator_measurement_not_found"
    )
    return connection.execute(
        delete(indicator_measurements).where(
            indicator_measurements.c.workspace_id == workspace_id, indicator_measurements.c.id.in_(measurement_ids)
        )
    ).rowcount


def delete_measurements(engine: Engine, workspace_id: int, measurement_ids: list[int]) -> int:
    """Delete measurements; refused (nothing deleted) if one is not in this workspace."""
    wanted = list(dict.fromkeys(measurement_ids))
    if not wanted:
        return 0
    with writing(engine, workspace_id) as connection:
        return remove_measurements(connection, workspace_id, wanted)


def save_indicator_measurement_edits(
    engine: Engine, workspace_id: int, edits: list[Edit], to_delete: list[int] = ()
) -> SaveResult:
    """Edits made in an indicator's measurements (day, value, source, notes) and the measurements
    marked to delete, all or nothing. Measurements carry no version: an edit of one deleted in
    between is a conflict; a delete of one not in this workspace is refused."""

    def check(row, changes: dict[str, object]) -> dict[str, object]:
        stored = {name: getattr(row, name) for name in MEASUREMENT_FIELDS}
        values = validate_measurement({**stored, **changes})
        return {name: values[name] for name in changes}

    return save_edits(
        engine,
        workspace_id,
        edits,
        to_delete,
        lambda connection: apply_edits(
            connection,
            workspace_id,
            indicator_measurements,
            edits,
            to_delete,
            fields=MEASUREMENT_FIELDS,
            validate=check,
            remove=remove_measurements,
            versioned=False,
        ),
    )


@dataclass
class AutomaticResult:
    """What recording the automatic measurements did: ``recorded`` (indicator name, value) pairs,
    and how many of them replaced a figure already calculated that same day."""

    recorded: list[tuple[str, float]] = field(default_factory=list)
    replaced: int = 0


def record_automatic_measurements(
    engine: Engine, workspace_id: int, today: date, lang: str | None = None
) -> AutomaticResult:
    """Store today's value of every automatic indicator, calculated from the workspace, with the
    source "calculated by Hoja de Ruta" in ``lang``.

    Recording twice on one day replaces the first calculation (a figure typed by hand that day stays).
    """
    today = _date(today)
    source = automatic_source(lang)
    result = AutomaticResult()
    with writing(engine, workspace_id) as connection:
        automatic = [
            _indicator(row)
            for row in connection.execute(
                select(indicators)
                .where(indicators.c.workspace_id == workspace_id, indicators.c.automatic.is_not(None))
                .order_by(indicators.c.position, indicators.c.id)
            ).all()
        ]
        if not automatic:
            return result
        figures = _figures(connection, workspace_id, today)
        same_day = connection.execute(
            select(indicator_measurements.c.id, indicator_measurements.c.source).where(
                indicator_measurements.c.workspace_id == workspace_id,
                indicator_measurements.c.measured_on == today,
                indicator_measurements.c.indicator_id.in_([i.id for i in automatic]),
            )
        ).all()
        stale = [row.id for row in same_day if is_automatic_source(row.source)]
        if stale:
            connection.execute(delete(indicator_measurements).where(indicator_measurements.c.id.in_(stale)))
        result.replaced = len(stale)
        rows = []
        for indicator in sorted(automatic, key=lambda i: (DIMENSIONS.index(i.dimension), i.position, i.id)):
            value = figures[indicator.automatic]
            rows.append(
                {
                    "workspace_id": workspace_id,
                    "indicator_id": indicator.id,
                    "measured_on": today,
                    "value": value,
                    "source": source,
                    "notes": "",
                }
            )
            result.recorded.append((indicator.name, value))
        connection.execute(insert(indicator_measurements), rows)
    return result


# -- the sample and restored backups ---------------------------------------------------------


def insert_indicators(connection: Connection, workspace_id: int, chosen: list[Indicator]) -> list[int]:
    """Write indicators inside the caller's transaction (checked like any other); returns their ids
    in the same order. The caller has locked the workspace or just created it."""
    ids = []
    for indicator in chosen:
        ids.append(
            connection.execute(
                insert(indicators).values(workspace_id=workspace_id, version=1, **_indicator_values(indicator))
            ).inserted_primary_key[0]
        )
    return ids


def insert_indicator_measurements(
    connection: Connection, workspace_id: int, measurements: list[IndicatorMeasurement]
) -> int:
    """Write measurements inside the caller's transaction; their indicators must be in the workspace."""
    if not measurements:
        return 0
    require_in_workspace(
        connection, indicators, workspace_id, {m.indicator_id for m in measurements}, "indicator_not_found"
    )
    connection.execute(
        insert(indicator_measurements),
        [
            {"workspace_id": workspace_id, "indicator_id": m.indicator_id, **_measurement_values(m)}
            for m in measurements
        ],
    )
    return len(measurements)


def write_sample_indicators(
    connection: Connection, workspace_id: int, path: Path = SAMPLE_INDICATORS_PATH, today: date | None = None
) -> int:
    """The Medellín sample's indicators and measurements, inside the caller's transaction."""
    chosen = sample_indicators(path, today)
    ids = insert_indicators(connection, workspace_id, [indicator for indicator, _ in chosen])
    measured = [
        IndicatorMeasurement(indicator_id, m.measured_on, m.value, m.source, m.notes)
        for indicator_id, (_, measurements) in zip(ids, chosen, strict=True)
        for m in measurements
    ]
    insert_indicator_measurements(connection, workspace_id, measured)
    return len(ids)
