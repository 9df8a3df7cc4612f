"""The indicators of international action and their measurements, as people download them to
report or to keep working in Excel: one sheet of indicators (with where each stands today), one of
measurements, and a short note on how to read them.

Written through :func:`toolkit.spreadsheets.writing.write_workbook`: every user string stays text
(a name starting with ``=`` is never a formula), dates are real dates, numbers are numbers.
"""

from __future__ import annotations

from datetime import date

from toolkit.domain import DIMENSIONS, Indicator, IndicatorMeasurement
from toolkit.i18n import format_date, t
from toolkit.indicators import dashboard
from toolkit.spreadsheets.writing import SheetSpec, write_workbook

INDICATOR_SHEET_COLUMNS = (
    "dimension",
    "name",
    "unit",
    "baseline",
    "baseline_on",
    "target",
    "target_on",
    "value",
    "measured_on",
    "progress",
    "trend",
    "state",
    "source",
    "automatic",
)
MEASUREMENT_SHEET_COLUMNS = ("dimension", "indicator", "measured_on", "value", "source", "notes")


def indicator_workbook(
    indicators: list[Indicator], measurements: list[IndicatorMeasurement], lang: str, today: date
) -> bytes:
    """The ``.xlsx`` of the indicators (by dimension, with their latest value, progress and state as
    of ``today``) and of every measurement (by indicator, oldest first), headed in ``lang``."""
    statuses = dashboard(indicators, measurements, today)
    dimension = {key: t(f"vocab.dimensions.{key}", lang=lang) for key in DIMENSIONS}
    rows = []
    for status in statuses:
        indicator = status.indicator
        rows.append(
            [
                dimension.get(indicator.dimension, indicator.dimension),
                indicator.name,
                indicator.unit,
                indicator.baseline,
                indicator.baseline_on,
                indicator.target,
                indicator.target_on,
                status.value,
                status.measured_on,
                None if status.progress is None else round(100 * status.progress, 1),
                t(f"indicators.trend.{status.trend}", lang=lang) if status.trend else "",
                t(f"indicators.state.{status.state}", lang=lang),
                indicator.source,
                t(f"indicators.automatic.kind.{indicator.automatic}", lang=lang) if indicator.automatic else "",
            ]
        )
    order = {status.indicator.id: position for position, status in enumerate(statuses)}
    by_id = {i.id: i for i in indicators}
    measured = sorted(
        (m for m in measurements if m.indicator_id in by_id),
        key=lambda m: (order[m.indicator_id], m.measured_on, m.id or 0),
    )
    measurement_rows = [
        [
            dimension.get(by_id[m.indicator_id].dimension, ""),
            by_id[m.indicator_id].name,
            m.measured_on,
            m.value,
            m.source,
            m.notes,
        ]
        for m in measured
    ]
    about = [
        t("indicators.export.about", lang=lang),
        t("indicators.export.progress_note", lang=lang),
        t("indicators.export.generated", lang=lang, day=format_date(today, lang)),
    ]
    return write_workbook(
        [
            SheetSpec(
                t("indicators.export.sheet.indicators", lang=lang),
                [t(f"indicators.export.column.{c}", lang=lang) for c in INDICATOR_SHEET_COLUMNS],
                rows,
                widths={1: 55},
            ),
            SheetSpec(
                t("indicators.export.sheet.measurements", lang=lang),
                [t(f"indicators.export.column.{c}", lang=lang) for c in MEASUREMENT_SHEET_COLUMNS],
                measurement_rows,
                widths={1: 55},
            ),
            SheetSpec(t("indicators.export.sheet.about", lang=lang), [], [], notes=about),
        ]
    )
