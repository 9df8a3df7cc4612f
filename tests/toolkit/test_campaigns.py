"""Campaign follow-up with a fixed "today": what is overdue and due soon, how far each KPI went
against its target and against the time gone by, budget, and the dashboard across campaigns.
Also the activity plans and monitoring sheets people bring from Excel."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.campaigns import (
    budget,
    campaign_status,
    dashboard,
    dashboard_counts,
    elapsed,
    kpi_progress,
    kpi_value,
    overdue,
    upcoming,
)
from toolkit.domain import Activity, Campaign, Kpi, KpiMeasurement
from toolkit.i18n import t
from toolkit.spreadsheets.campaigns import (
    activity_template,
    amount,
    measurement_template,
    read_activities,
    read_measurements,
)
from toolkit.spreadsheets.reading import read_workbook
from toolkit.store.workspaces import DEFAULTS

TODAY = date(2026, 11, 22)
CAMPAIGN = Campaign("Medellín se conecta", id=1, starts_on=date(2026, 8, 1), ends_on=date(2027, 1, 29))  # 181 days


@pytest.mark.parametrize(
    "today, expected",
    [
        (date(2026, 7, 1), 0.0),
        (date(2026, 8, 1), 0.0),
        (date(2026, 10, 30), 90 / 181),
        (date(2027, 1, 29), 1.0),
        (date(2027, 6, 1), 1.0),
    ],
)
def test_elapsed_time(today, expected):
    assert elapsed(CAMPAIGN, today) == pytest.approx(expected)


def test_elapsed_time_needs_both_dates():
    assert elapsed(Campaign("Sin cierre", starts_on=date(2026, 1, 1)), TODAY) is None


# title, due_on, status, overdue, in the next two weeks
ACTIVITIES = [
    ("Rueda de prensa", date(2026, 11, 2), "planned", True, False),
    ("Videos con líderes", date(2026, 10, 28), "in_progress", True, False),
    ("Reunión aplazada", date(2026, 11, 5), "delayed", True, False),
    ("Boletín enviado", date(2026, 11, 1), "done", False, False),
    ("Gira cancelada", date(2026, 11, 3), "cancelled", False, False),
    ("Foro de hoy", date(2026, 11, 22), "planned", False, True),
    ("Cuña radial", date(2026, 11, 28), "planned", False, True),
    ("Última del plazo", date(2026, 12, 6), "in_progress", False, True),
    ("Fuera del plazo", date(2026, 12, 7), "planned", False, False),
    ("Hecha antes de tiempo", date(2026, 11, 30), "done", False, False),
    ("Sin fecha", None, "planned", False, False),
]


def test_overdue_and_next_two_weeks():
    work = [
        Activity(1, title, due_on=day, status=status, id=n)
        for n, (title, day, status, _, _) in enumerate(ACTIVITIES, start=1)
    ]
    assert [a.title for a in overdue(work, TODAY)] == [
        "Videos con líderes",
        "Rueda de prensa",
        "Reunión aplazada",
    ]  # oldest first
    assert [a.title for a in upcoming(work, TODAY)] == ["Foro de hoy", "Cuña radial", "Última del plazo"]
    assert {a.title for a in overdue(work, TODAY)} == {row[0] for row in ACTIVITIES if row[3]}
    assert {a.title for a in upcoming(work, TODAY)} == {row[0] for row in ACTIVITIES if row[4]}


def test_overdue_depends_on_the_day_asked_about():
    work = [Activity(1, "Feria de la cooperación", due_on=date(2026, 11, 10))]
    assert overdue(work, date(2026, 11, 10)) == [] and len(overdue(work, date(2026, 11, 11))) == 1


KPI_SUM = Kpi(1, "Menciones en prensa", target=40, id=1)
KPI_LAST = Kpi(1, "Concejales que respaldan el acuerdo", target=11, baseline=4, aggregation="last", id=2)
MEASURED = [
    KpiMeasurement(1, date(2026, 8, 31), 6),
    KpiMeasurement(1, date(2026, 9, 30), 9),
    KpiMeasurement(1, date(2026, 10, 31), 11),
    KpiMeasurement(1, date(2026, 12, 31), 30),  # after "today"
    KpiMeasurement(2, date(2026, 9, 30), 5),
    KpiMeasurement(2, date(2026, 10, 31), 7),
]


def test_kpi_values_add_up_or_keep_the_last_total():
    assert kpi_value(KPI_SUM, MEASURED, TODAY) == 26  # what the future row says is not known yet
    assert kpi_value(KPI_SUM, MEASURED) == 56
    assert kpi_value(KPI_LAST, MEASURED, TODAY) == 7


@pytest.mark.parametrize(
    "kpi, measured, today, progress, state",
    [
        (KPI_SUM, MEASURED, TODAY, 26 / 40, "on_track"),  # 65 % against 62 % of the time gone
        (KPI_LAST, MEASURED, TODAY, 3 / 7, "behind"),  # 43 % against 62 %: more than 10 points behind
        (KPI_LAST, MEASURED, date(2026, 10, 31), 3 / 7, "on_track"),  # 43 % against 50 %: within 10 points
        (KPI_SUM, MEASURED, date(2027, 1, 5), 56 / 40, "reached"),
        (KPI_SUM, [], TODAY, None, "no_measurements"),
        (
            Kpi(1, "Tiempo de respuesta (días)", target=5, baseline=20, aggregation="last", id=3),
            [KpiMeasurement(3, date(2026, 10, 1), 11)],
            TODAY,
            9 / 15,
            "on_track",
        ),  # a KPI that must go down
    ],
)
def test_kpi_progress_against_target_and_elapsed_time(kpi, measured, today, progress, state):
    result = kpi_progress(kpi, measured, CAMPAIGN, today)
    assert result.state == state
    assert result.progress == (pytest.approx(progress) if progress is not None else None)
    assert result.expected == pytest.approx(elapsed(CAMPAIGN, today))


def test_budget_planned_spent_and_committed():
    work = [
        Activity(1, "Pauta", cost=30_000_000, status="done"),
        Activity(1, "Feria", cost=18_000_000),
        Activity(1, "Videos", cost=15_000_000, status="in_progress"),
        Activity(1, "Gira", cost=9_000_000, status="cancelled"),
        Activity(2, "De otra campaña", cost=1e9),
    ]
    result = budget(Campaign("C", id=1, budget=60_000_000), work)
    assert (result.spent, result.committed, result.remaining, result.over) == (30e6, 33e6, -3e6, True)
    assert budget(Campaign("Sin presupuesto", id=1), work).remaining is None


def _campaign(campaign_id, **values):
    return Campaign(
        f"Campaña {campaign_id}", id=campaign_id, starts_on=date(2026, 8, 1), ends_on=date(2027, 1, 29), **values
    )


def test_the_dashboard_says_what_is_on_track_late_or_without_measurements():
    campaigns = [_campaign(1), _campaign(2), _campaign(3), _campaign(4), _campaign(5, status="cancelled"), _campaign(6)]
    work = [
        Activity(2, "Feria vencida", due_on=date(2026, 11, 10)),
        Activity(6, "Reunión aplazada", due_on=date(2026, 12, 20), status="delayed"),
        Activity(1, "Próxima", due_on=date(2026, 11, 30)),
    ]
    kpis = [
        Kpi(1, "Reuniones", target=10, id=11),
        Kpi(3, "Alcance", target=100, id=13),
        Kpi(4, "Asistencia", target=100, id=14),
    ]
    measured = [KpiMeasurement(11, date(2026, 11, 1), 7), KpiMeasurement(13, date(2026, 11, 1), 20)]
    statuses = dashboard(campaigns, work, kpis, measured, TODAY)
    states = {s.campaign.id: s.state for s in statuses}
    assert states == {1: "on_track", 2: "late", 3: "late", 4: "no_measurements", 6: "late"}
    assert [s.state for s in statuses] == ["late", "late", "late", "no_measurements", "on_track"]
    assert dashboard_counts(statuses) == {"late": 3, "no_measurements": 1, "on_track": 1}
    by_id = {s.campaign.id: s for s in statuses}
    assert [a.title for a in by_id[2].late] == ["Feria vencida"]
    assert [p.kpi.name for p in by_id[3].behind] == ["Alcance"]
    assert [a.title for a in by_id[1].upcoming] == ["Próxima"]


def test_a_campaign_without_kpis_has_no_measurements():
    assert campaign_status(_campaign(1), [], [], [], TODAY).state == "no_measurements"


# -- spreadsheets ---------------------------------------------------------------------------

TERMS = {name: [(key, None) for key in keys] for name, keys in DEFAULTS.items()}


def _read(make_xlsx, sheets, name="plan.xlsx"):
    return read_workbook(make_xlsx(sheets), name)


def test_an_activity_plan_in_spanish_below_a_title(make_xlsx):
    workbook = _read(
        make_xlsx,
        {
            "Plan": [
                ["Plan de actividades – campaña de difusión", None, None, None, None, None],
                [None] * 6,
                ["Actividad", "Canal", "Fecha de la actividad", "Responsable", "Estado", "Costo (COP)"],
                [
                    "Cuña radial en emisoras comunitarias",
                    "Emisora",
                    "20/08/2026",
                    "Comunicaciones",
                    "Realizada",
                    "$ 12.000.000",
                ],
                [
                    "Encuentro en la Comuna 13",
                    "Asambleas",
                    date(2026, 9, 12),
                    "Gestión territorial",
                    "en curso",
                    6500000,
                ],
                ["Videos con líderes", "TikTok", "28/10/2026", "", "Pendiente", "quince millones"],
                [None, "Prensa", "01/11/2026", None, None, None],
            ]
        },
    )
    preview = read_activities(workbook, TERMS)
    assert not preview.errors and preview.header_row == 2
    first, second, third = (a for _, a in preview.activities)
    assert (first.channel, first.due_on, first.status, first.cost) == ("radio", date(2026, 8, 20), "done", 12e6)
    assert (second.channel, second.status, second.cost) == ("community_meetings", "in_progress", 6.5e6)
    assert (third.channel, third.status, third.cost) == (None, "planned", None)
    problems = {(p.row, p.column): p.key for p in preview.warnings}
    assert problems == {
        (6, "Canal"): "campaigns.import.value.channel",
        (6, "Costo (COP)"): "campaigns.import.value.number",
        (7, "Actividad"): "campaigns.import.report.missing_title",
    }
    assert "quince millones" in t(preview.warnings[1].key, **preview.warnings[1].details)


def test_an_activity_plan_in_english_and_a_csv(make_xlsx):
    english = read_activities(
        _read(
            make_xlsx,
            {
                "Activities": [
                    ["Task", "Channel", "Due date", "Owner", "Status", "Amount"],
                    ["Press conference", "Press", "2026-11-02", "Comms", "Completed", "1,500.50"],
                ]
            },
        ),
        TERMS,
    )
    activity = english.activities[0][1]
    assert (activity.channel, activity.status, activity.cost, activity.due_on) == (
        "press",
        "done",
        1500.5,
        date(2026, 11, 2),
    )
    csv = "Actividad;Canal;Fecha;Estado\nBoletín;Boletín;05/12/2026;Planeada\n".encode("cp1252")
    spanish = read_activities(read_workbook(csv, "plan.csv"), TERMS)
    assert [(a.title, a.channel, a.due_on) for _, a in spanish.activities] == [
        ("Boletín", "newsletter", date(2026, 12, 5))
    ]


def test_a_file_without_an_activity_column_is_refused_plainly(make_xlsx):
    preview = read_activities(_read(make_xlsx, {"Hoja1": [["Canal", "Fecha"], ["Radio", "01/12/2026"]]}), TERMS)
    assert [p.key for p in preview.errors] == ["campaigns.import.report.no_title_column"]


KPIS = [
    Kpi(1, "Personas alcanzadas en redes", target=250000, kind="reach", id=21),
    Kpi(1, "Menciones en prensa", target=40, kind="press_mentions", id=22),
]


def test_measurements_one_per_row(make_xlsx):
    preview = read_measurements(
        _read(
            make_xlsx,
            {
                "Seguimiento": [
                    ["Indicador", "Fecha de corte", "Valor", "Fuente", "Meta"],
                    ["Personas alcanzadas en redes", "31/08/2026", "38.000", "Meta Business Suite", 250000],
                    ["menciones en prensa", date(2026, 8, 31), 6, "Monitoreo de medios", 40],
                    ["Alcance", "30/09/2026", 41000, "", None],  # the only KPI of its kind: matched by kind
                    ["Seguidores", "30/09/2026", 900, "", None],
                    ["Menciones en prensa", "sin fecha", 3, "", None],
                ]
            },
        ),
        KPIS,
    )
    assert [(m.kpi_id, m.measured_on, m.value) for _, m in preview.measurements] == [
        (21, date(2026, 8, 31), 38000.0),
        (22, date(2026, 8, 31), 6.0),
        (21, date(2026, 9, 30), 41000.0),
    ]
    assert [p.key for p in preview.warnings] == [
        "campaigns.import.report.unknown_kpi",
        "campaigns.import.report.missing_date",
    ]


def test_measurements_with_one_column_per_kpi(make_xlsx):
    preview = read_measurements(
        _read(
            make_xlsx,
            {
                "Mensual": [
                    ["Mes", "Personas alcanzadas en redes", "Menciones en prensa", "Notas"],
                    ["31/08/2026", 38000, 6, "agosto"],
                    ["30/09/2026", 41000, None, "septiembre"],
                ]
            },
        ),
        KPIS,
    )
    assert not preview.errors
    assert [(m.kpi_id, m.value, m.notes) for _, m in preview.measurements] == [
        (21, 38000.0, "agosto"),
        (22, 6.0, "agosto"),
        (21, 41000.0, "septiembre"),
    ]


def test_measurements_of_a_single_kpi_need_no_indicator_column(make_xlsx):
    preview = read_measurements(_read(make_xlsx, {"Hoja1": [["Date", "Value"], ["2026-10-31", 11]]}), KPIS[1:])
    assert [(m.kpi_id, m.value) for _, m in preview.measurements] == [(22, 11.0)]
    unclear = read_measurements(_read(make_xlsx, {"Hoja1": [["Fecha", "Valor"], ["31/10/2026", 11]]}), KPIS)
    assert [p.key for p in unclear.errors] == ["campaigns.import.report.no_kpi_column"]


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
def test_the_blank_sheets_come_back_in_every_language(lang, make_xlsx):
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(activity_template(TERMS, lang)))
    sheet = book.worksheets[0]
    sheet.append(
        [
            "Foro público",
            t("vocab.channels.events", lang=lang),
            "15/02/2027",
            "Relaciones Internacionales",
            t("vocab.activity_statuses.planned", lang=lang),
            12000000,
        ]
    )
    buffer = io.BytesIO()
    book.save(buffer)
    preview = read_activities(read_workbook(buffer.getvalue(), "plantilla.xlsx"), TERMS)
    assert not preview.warnings, [t(p.key, **p.details) for p in preview.warnings]
    activity = preview.activities[0][1]
    assert (activity.channel, activity.due_on, activity.status, activity.cost) == (
        "events",
        date(2027, 2, 15),
        "planned",
        12e6,
    )
    book = load_workbook(io.BytesIO(measurement_template(KPIS, lang)))
    book.worksheets[0].append(["Menciones en prensa", "31/10/2026", 11, "Monitoreo"])
    buffer = io.BytesIO()
    book.save(buffer)
    measured = read_measurements(read_workbook(buffer.getvalue(), "mediciones.xlsx"), KPIS)
    assert [(m.kpi_id, m.value, m.notes) for _, m in measured.measurements] == [(22, 11.0, "Monitoreo")]


@pytest.mark.parametrize(
    "typed, value",
    [
        ("$ 1.250.000", 1_250_000.0),
        ("2.500,75", 2500.75),
        ("1,5", 1.5),
        ("1.500", 1500.0),
        ("12 %", 12.0),
        ("USD 3,200", 3200.0),
        ("-4", -4.0),
        (7, 7.0),
        ("", None),
    ],
)
def test_amounts_as_people_type_them(typed, value):
    assert amount(typed) == value


def test_a_damaged_backup_row_is_reported_with_its_sheet_and_row():
    from toolkit.spreadsheets.campaigns import parse_backup

    sheets = {
        "audiences": [
            ["id", "name", "kind", "priority", "rule"],
            [1, "Concejo", "segment", "high", ""],
            [2, "Prensa", "segment", "urgentísima", ""],
            [3, "Rota", "segment", "low", "{no es json"],
        ],
        "audience_members": [["id", "audience", "actor", "included"], [1, 1, 4, True], [2, 9, 5, True]],
        "campaigns": [["id", "title", "type", "status", "audiences"], [1, "Incidencia", "advocacy", "active", "1 | 2"]],
        "kpis": [
            ["id", "campaign", "name", "kind", "baseline", "target", "aggregation"],
            [1, 1, "Reuniones", "meetings", 0, 20, "sum"],
        ],
        "kpi_measurements": [
            ["id", "kpi", "measured_on", "value"],
            [1, 1, date(2026, 8, 31), 3],
            [2, 1, date(2026, 9, 30), "tres"],
        ],
    }
    audiences, campaigns, problems = parse_backup(sheets)
    assert [a.audience.name for a in audiences] == ["Concejo"]
    assert audiences[0].members == [(2, "4", True)]  # (row, the actor's reference, included)
    assert {(p.sheet, p.row, p.key) for p in problems} == {
        ("audiences", 3, "audiences.errors.bad_priority"),
        ("audiences", 4, "campaigns.import.report.backup_value"),
        ("audience_members", 3, "campaigns.import.report.backup_value"),
        ("campaigns", 2, "campaigns.import.report.backup_value"),  # audience 2 was refused
        ("kpi_measurements", 3, "campaigns.import.report.backup_value"),
    }
    [campaign] = campaigns
    assert campaign.audience_refs == ["1"] and [len(m) for _, m in campaign.kpis] == [1]
