"""The roadmap's logic: one timeline out of consultations, campaigns, activities and milestones;
filters; what is overdue, due this week and next, and blocked on a fixed day; the status per phase;
the calendar file read back with icalendar and the workbook read back with openpyxl."""

import io
from datetime import UTC, date, datetime

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from toolkit.consultations import Commitment
from toolkit.domain import Activity, Campaign, Consultation, Milestone
from toolkit.i18n import t
from toolkit.roadmap import (
    attention,
    calendar_file,
    commitment_milestones,
    filter_timeline,
    gantt_figure,
    owners,
    phase_status,
    timeline,
)
from toolkit.spreadsheets.roadmap import roadmap_workbook

TODAY = date(2026, 11, 22)  # a Sunday
MONDAY = date(2026, 11, 23)
HOSTILE = "=cmd|' /C calc'!A0"
SCRIPT = "<script>alert('x')</script>"

TALLER = Consultation(
    "Taller multiactor",
    starts_on=date(2026, 9, 10),
    ends_on=date(2026, 9, 11),
    facilitator="ACI Medellín",
    status="held",
    id=1,
)
MESA = Consultation("Mesa de diálogo", id=2)  # not dated yet
CAMPAIGN = Campaign(
    "Medellín se conecta",
    starts_on=date(2026, 8, 1),
    ends_on=date(2027, 1, 31),
    owner="Secretaría de Comunicaciones",
    status="active",
    id=10,
)
ACTIVITIES = [
    Activity(10, "Feria de la cooperación", due_on=date(2026, 11, 10), status="delayed", id=100),
    Activity(10, "Encuentro de cierre", due_on=date(2026, 12, 15), owner="Comuna 13", id=101),
]
MILESTONES = [
    Milestone(
        "Mapa de actores validado",
        phase="mapping",
        starts_on=date(2026, 4, 6),
        due_on=date(2026, 5, 29),
        owner="Dirección de Relaciones Internacionales",
        status="done",
        id=1,
    ),
    Milestone(
        "Síntesis del taller",
        phase="consultation",
        due_on=date(2026, 10, 30),
        owner="ACI Medellín",
        status="in_progress",
        consultation_id=1,
        id=2,
    ),
    Milestone(
        "Concepto jurídico",
        phase="strategy",
        due_on=date(2026, 11, 25),
        owner="Secretaría General",
        status="blocked",
        id=3,
    ),
    Milestone(
        "Borrador de la estrategia",
        phase="strategy",
        starts_on=date(2026, 10, 1),
        due_on=date(2026, 11, 27),
        owner="Dirección de Relaciones Internacionales",
        status="in_progress",
        id=4,
    ),
    Milestone(
        "Comité de seguimiento",
        phase="evaluation",
        due_on=date(2026, 12, 2),
        owner="Dirección de Relaciones Internacionales",
        id=5,
    ),
    Milestone("Misión a Bruselas", phase="dissemination", due_on=date(2026, 10, 20), status="cancelled", id=6),
    Milestone("Kit de prensa", phase="dissemination", due_on=date(2026, 12, 4), campaign_id=10, id=7),
    Milestone("Idea sin fecha", id=8),
]


def items():
    return timeline(MILESTONES, [TALLER, MESA], [CAMPAIGN], ACTIVITIES)


def by_title(found):
    return {item.title: item for item in found}


# -- the timeline ----------------------------------------------------------------------------


def test_the_timeline_puts_everything_on_one_list_earliest_first():
    found = items()
    assert len(found) == len(MILESTONES) + 2 + 1 + len(ACTIVITIES)
    shown = by_title(found)
    assert (shown["Taller multiactor"].type, shown["Taller multiactor"].start, shown["Taller multiactor"].end) == (
        "consultation",
        date(2026, 9, 10),
        date(2026, 9, 11),
    )
    assert (shown["Medellín se conecta"].start, shown["Medellín se conecta"].end) == (
        date(2026, 8, 1),
        date(2027, 1, 31),
    )
    assert shown["Feria de la cooperación"].start == shown["Feria de la cooperación"].end == date(2026, 11, 10)
    assert shown["Feria de la cooperación"].link == "Medellín se conecta"  # an activity names its campaign
    assert shown["Feria de la cooperación"].owner == "Secretaría de Comunicaciones"  # the campaign's, it has none
    assert shown["Encuentro de cierre"].owner == "Comuna 13"
    assert (shown["Borrador de la estrategia"].start, shown["Borrador de la estrategia"].end) == (
        date(2026, 10, 1),
        date(2026, 11, 27),
    )
    assert shown["Concepto jurídico"].start == shown["Concepto jurídico"].end == date(2026, 11, 25)  # a point
    assert shown["Síntesis del taller"].link == "Taller multiactor"
    assert shown["Kit de prensa"].link == "Medellín se conecta"
    starts = [item.start for item in found if item.start]
    assert starts == sorted(starts)
    assert [item.title for item in found if item.start is None] == ["Idea sin fecha", "Mesa de diálogo"]


def test_consultations_and_campaigns_sit_in_their_phase_of_the_method():
    shown = by_title(items())
    assert shown["Taller multiactor"].phase == "consultation"
    assert shown["Medellín se conecta"].phase == shown["Feria de la cooperación"].phase == "dissemination"
    assert shown["Idea sin fecha"].phase is None


def test_every_status_reads_as_a_milestone_status_for_filtering():
    shown = by_title(items())
    assert shown["Taller multiactor"].state == "done"  # held
    assert shown["Medellín se conecta"].state == "in_progress"  # active
    assert shown["Feria de la cooperación"].state == "in_progress"  # delayed
    assert shown["Concepto jurídico"].state == "blocked"


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        ({"phases": ["strategy"]}, {"Concepto jurídico", "Borrador de la estrategia"}),
        ({"owners": ["aci medellín"]}, {"Taller multiactor", "Síntesis del taller"}),
        ({"states": ["blocked"]}, {"Concepto jurídico"}),
        ({"types": ["consultation"]}, {"Taller multiactor", "Mesa de diálogo"}),
        ({"phases": ["dissemination"], "types": ["milestone"]}, {"Misión a Bruselas", "Kit de prensa"}),
        ({"phases": ["dissemination"], "states": ["cancelled", "done"]}, {"Misión a Bruselas"}),
        ({"phases": ["diagnosis"]}, set()),
    ],
)
def test_filters_by_phase_owner_status_and_type(filters, expected):
    assert {item.title for item in filter_timeline(items(), **filters)} == expected


def test_no_filter_shows_everything_and_owners_are_listed_once():
    assert len(filter_timeline(items())) == len(items())
    assert owners(items()) == [
        "ACI Medellín",
        "Comuna 13",
        "Dirección de Relaciones Internacionales",
        "Secretaría de Comunicaciones",
        "Secretaría General",
    ]


# -- attention -------------------------------------------------------------------------------


def titles(milestones):
    return [m.title for m in milestones]


def test_attention_on_a_sunday_this_week_ends_today():
    found = attention(MILESTONES, TODAY)
    assert titles(found.overdue) == ["Síntesis del taller"]  # the cancelled mission is not overdue
    assert titles(found.this_week) == []
    assert titles(found.next_week) == ["Concepto jurídico", "Borrador de la estrategia"]
    assert titles(found.blocked) == ["Concepto jurídico"]
    assert not found.empty


def test_attention_on_a_monday_weeks_start_on_monday():
    found = attention(MILESTONES, MONDAY)
    assert titles(found.this_week) == ["Concepto jurídico", "Borrador de la estrategia"]
    assert titles(found.next_week) == ["Comité de seguimiento", "Kit de prensa"]


def test_done_and_cancelled_never_need_attention():
    closed = [
        Milestone("Hecho", due_on=date(2026, 1, 1), status="done"),
        Milestone("Cancelado", due_on=date(2026, 11, 24), status="cancelled"),
    ]
    assert attention(closed, TODAY).empty


def test_a_milestone_due_today_is_due_this_week_not_overdue():
    found = attention([Milestone("Hoy", due_on=date(2026, 11, 25))], date(2026, 11, 25))
    assert (titles(found.overdue), titles(found.this_week)) == ([], ["Hoy"])


# -- the status per phase --------------------------------------------------------------------


def test_a_status_per_phase_in_the_workspace_order():
    phases = ["diagnosis", "mapping", "consultation", "strategy", "dissemination", "evaluation"]
    found = {s.phase: s for s in phase_status(MILESTONES, TODAY, phases)}
    assert [s.phase for s in phase_status(MILESTONES, TODAY, phases)] == [*phases, None]
    assert found["diagnosis"].state == "no_milestones"
    assert found["mapping"].state == "done" and found["mapping"].done_share == 1
    assert found["consultation"].state == "late" and found["consultation"].overdue == 1
    assert found["strategy"].state == "at_risk" and found["strategy"].blocked == 1
    assert (found["strategy"].starts_on, found["strategy"].ends_on) == (date(2026, 10, 1), date(2026, 11, 27))
    assert found["dissemination"].counts["cancelled"] == 1 and found["dissemination"].total == 2
    assert found["evaluation"].state == "on_track"  # the committee meets on 2 December, not started yet...
    assert phase_status(MILESTONES, MONDAY, ["evaluation"])[0].state == "at_risk"  # ...which is now next week
    assert found[None].total == 1


# -- from a consultation's commitments -------------------------------------------------------


def test_commitments_become_milestones_once():
    said = [
        Commitment(
            5,
            1,
            "Taller multiactor",
            "EAFIT abrirá 40 plazas",
            "EAFIT abrirá 40 plazas de práctica.",
            9,
            "Universidad EAFIT",
            "educación",
            date(2027, 2, 15),
        ),
        Commitment(6, 1, "Taller multiactor", "Síntesis del taller", "Texto.", None, "", "", None),
    ]
    made = commitment_milestones(said, MILESTONES, "strategy")
    assert [(m.title, m.owner, m.due_on, m.consultation_id, m.phase, m.status) for m in made] == [
        ("EAFIT abrirá 40 plazas", "Universidad EAFIT", date(2027, 2, 15), 1, "strategy", "planned")
    ]


# -- the Gantt figure ------------------------------------------------------------------------


def test_the_gantt_draws_a_bar_per_dated_item_and_marks_today():
    figure = gantt_figure(items(), TODAY, lang="es")
    bars = [trace for trace in figure.data if trace.type == "bar"]
    assert sum(len(trace.y) for trace in bars) == len([i for i in items() if i.dated])
    assert {trace.name for trace in bars} == {
        t(f"roadmap.types.{k}") for k in ("milestone", "consultation", "campaign", "activity")
    }
    assert figure.layout.shapes[0].x0 == TODAY.isoformat()
    assert figure.layout.annotations[0].text == "Hoy"


def test_the_gantt_shows_user_text_as_text():
    figure = gantt_figure(timeline([Milestone(SCRIPT, due_on=TODAY, id=1)]), TODAY, lang="en")
    assert list(figure.layout.yaxis.ticktext) == ["&lt;script&gt;alert('x')&lt;/script&gt;"]
    assert figure.data[0].name == "Milestone"


# -- the calendar ----------------------------------------------------------------------------


def read_calendar(data: bytes) -> dict[str, object]:
    return {str(event["UID"]): event for event in Calendar.from_ical(data).walk("VEVENT")}


def test_the_calendar_has_an_all_day_event_per_dated_milestone_consultation_and_activity():
    data = calendar_file(
        MILESTONES,
        [TALLER, MESA],
        ACTIVITIES,
        [CAMPAIGN],
        name="Medellín",
        lang="es",
        stamp=datetime(2026, 11, 22, 12, tzinfo=UTC),
    )
    events = read_calendar(data)
    dated_milestones = {f"milestone-{m.id}@hoja-de-ruta" for m in MILESTONES if m.due_on}
    assert set(events) == dated_milestones | {
        "consultation-1@hoja-de-ruta",
        "activity-100@hoja-de-ruta",
        "activity-101@hoja-de-ruta",
    }
    taller = events["consultation-1@hoja-de-ruta"]
    assert (taller.decoded("DTSTART"), taller.decoded("DTEND")) == (date(2026, 9, 10), date(2026, 9, 12))
    draft = events["milestone-4@hoja-de-ruta"]  # a milestone that takes weeks is an event on its due date
    assert (draft.decoded("DTSTART"), draft.decoded("DTEND")) == (date(2026, 11, 27), date(2026, 11, 28))
    assert str(draft["SUMMARY"]) == "Hito: Borrador de la estrategia"
    description = str(draft["DESCRIPTION"])
    assert "Fase: Estrategia" in description and "Inicio: " in description
    assert "Responsable: Dirección de Relaciones Internacionales" in description
    assert str(events["milestone-6@hoja-de-ruta"]["STATUS"]) == "CANCELLED"
    assert events["milestone-2@hoja-de-ruta"].decoded("DTSTAMP") == datetime(2026, 11, 22, 12, tzinfo=UTC)
    assert "Vinculado a: Taller multiactor" in str(events["milestone-2@hoja-de-ruta"]["DESCRIPTION"])
    assert b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")  # CRLF line endings only
    assert b"VERSION:2.0" in data and b"PRODID:" in data


def test_the_calendar_keeps_its_uids_from_one_export_to_the_next():
    first = read_calendar(calendar_file(MILESTONES, [TALLER], ACTIVITIES))
    second = read_calendar(calendar_file(list(reversed(MILESTONES)), [TALLER], ACTIVITIES))
    assert set(first) == set(second)


def test_the_calendar_keeps_accents_and_hostile_text_as_plain_text():
    tricky = [
        Milestone(
            f"Reunión en Bogotá {HOSTILE}",
            due_on=TODAY,
            owner=SCRIPT,
            description="Primera línea;\nsegunda, con coma\x07",
            id=1,
        )
    ]
    events = read_calendar(calendar_file(tricky, lang="es"))
    event = events["milestone-1@hoja-de-ruta"]
    assert str(event["SUMMARY"]) == f"Hito: Reunión en Bogotá {HOSTILE}"
    description = str(event["DESCRIPTION"])
    assert f"Responsable: {SCRIPT}" in description
    assert "Primera línea;\nsegunda, con coma" in description and "\x07" not in description


def test_the_calendar_in_english():
    events = read_calendar(calendar_file([Milestone("Report", phase="evaluation", due_on=TODAY, id=9)], lang="en"))
    event = events["milestone-9@hoja-de-ruta"]
    assert str(event["SUMMARY"]) == "Milestone: Report"
    assert "Phase: Monitoring and evaluation" in str(event["DESCRIPTION"])


# -- the workbook ----------------------------------------------------------------------------


def test_the_workbook_has_the_timeline_the_milestones_and_the_phases_in_the_users_language():
    data = roadmap_workbook(
        items(),
        MILESTONES,
        TODAY,
        [TALLER, MESA],
        [CAMPAIGN],
        ["diagnosis", "mapping", "consultation", "strategy", "dissemination", "evaluation"],
        {"strategy": "Formulación de la estrategia"},
        lang="es",
    )
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames[:3] == ["Cronograma", "Hitos", "Estado por fase"]
    timeline_rows = list(book["Cronograma"].values)
    assert timeline_rows[0][:3] == ("Tipo", "Título", "Fase")
    assert len(timeline_rows) == 1 + len(items())
    taller = next(row for row in timeline_rows if row[1] == "Taller multiactor")
    assert taller[0] == "Consulta" and taller[5].date() == date(2026, 9, 10)
    milestone_rows = list(book["Hitos"].values)
    draft = next(row for row in milestone_rows if row[1] == "Borrador de la estrategia")
    assert draft[0] == "Formulación de la estrategia"  # the workspace's own name for the phase
    synthesis = next(row for row in milestone_rows if row[1] == "Síntesis del taller")
    assert synthesis[7] == "Sí" and synthesis[8] == "Taller multiactor"
    phases = {row[0]: row for row in list(book["Estado por fase"].values)[1:]}
    assert phases["Consulta multiactor"][1] == "Con retrasos"


def test_the_workbook_keeps_formula_looking_text_as_text():
    hostile = [Milestone(HOSTILE, owner="@SUM(1+1)", description=f"{SCRIPT}\x01", due_on=TODAY, id=1)]
    data = roadmap_workbook(timeline(hostile), hostile, TODAY, lang="en")
    book = load_workbook(io.BytesIO(data))
    assert list(book["Milestones"].values)[0][:2] == ("Phase", "Title")
    cell = book["Milestones"]["B2"]
    assert cell.value == HOSTILE and cell.data_type == "s"
    assert book["Milestones"]["C2"].value == SCRIPT  # the control character is gone
    assert book["Timeline"]["B2"].value == HOSTILE and book["Timeline"]["B2"].data_type == "s"
    assert book["Timeline"]["D2"].value == "@SUM(1+1)"
