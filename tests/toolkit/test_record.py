"""One actor's record, shaped (toolkit.record) and printed (toolkit.brief): where the actor stands
and where the team is with it, its contacts, assessments, relations, consultations, audiences and
audit, and the one-page brief opened back with python-docx."""

import io
import zipfile
from datetime import date

import pytest
from docx import Document

from toolkit.audiences import Membership
from toolkit.brief import actor_brief
from toolkit.domain import (
    Actor,
    Assessment,
    Audience,
    Campaign,
    Consultation,
    Contribution,
    Interaction,
    Participant,
    Relation,
)
from toolkit.i18n import t
from toolkit.record import (
    Story,
    assessment_figure,
    assessment_rows,
    audience_reach,
    audit_entries,
    consultation_rows,
    contact_rows,
    contribution_rows,
    field_changes,
    header,
    open_steps,
    tie_rows,
)
from toolkit.store.engagement import InteractionFilter, list_assessments, list_interactions
from toolkit.store.register import list_actors

TODAY = date(2026, 11, 22)
HOSTILE = '<w:t>=HYPERLINK("http://x.example","clic")</w:t> **negrita** \x07'
ACI = Actor(
    "ACI Medellín",
    acronym="ACI",
    sector="government",
    influence=3,
    interest=3,
    stance=1,
    contact_name="Ana Gómez",
    contact_role="Directora",
    consent="yes",
    id=1,
)
NAMES = {1: "ACI Medellín", 2: "Alcaldía de Medellín", 3: "EAFIT", 4: "Proantioquia"}


def contact(day, **values) -> Interaction:
    return Interaction(values.pop("kind", "meeting"), day, values.pop("actors", {1: ""}), **values)


def story(**values) -> Story:
    return Story(values.pop("actor", ACI), NAMES, **values)


# -- header ------------------------------------------------------------------------------------


def test_the_header_takes_the_latest_assessment_and_the_last_contact_up_to_today():
    found = header(
        story(
            interactions=[
                contact(date(2026, 12, 1)),  # planned: not a contact yet
                contact(date(2026, 11, 12)),
                contact(date(2026, 10, 1)),
            ],
            assessments=[Assessment(1, date(2026, 1, 10), 2, 2, -1), Assessment(1, date(2026, 6, 1), 5, 4, 2)],
        ),
        TODAY,
    )
    assert (found.influence, found.interest, found.stance, found.quadrant) == (5, 4, 2, "manage_closely")
    assert (found.last_contact, found.days_since) == (date(2026, 11, 12), 10)


def test_without_history_the_header_reads_the_register_and_says_never():
    found = header(story(), TODAY)
    assert (found.influence, found.interest, found.quadrant) == (3, 3, "monitor")
    assert found.last_contact is None and found.days_since is None and found.next_step is None


@pytest.mark.parametrize(
    ("dues", "expected", "overdue"),
    [
        ([date(2026, 11, 25), date(2026, 11, 20), None], "2026-11-20", True),
        ([None, date(2026, 11, 25)], "2026-11-25", False),
        ([None], None, False),
    ],
)
def test_the_next_step_is_the_open_one_due_soonest(dues, expected, overdue):
    steps = [contact(date(2026, 11, 1), next_step=f"paso {i}", next_step_due=d) for i, d in enumerate(dues)]
    steps.append(contact(date(2026, 11, 1), next_step="hecho", next_step_due=date(2026, 1, 1), next_step_done=True))
    found = header(story(interactions=steps), TODAY)
    due = found.next_step.next_step_due if found.next_step else None
    assert (due.isoformat() if due else None, found.overdue) == (expected, overdue)
    assert "hecho" not in [s.next_step for s in open_steps(steps)]


# -- fields -------------------------------------------------------------------------------------


def test_the_form_changes_only_what_differs():
    values = {
        "name": " ACI  Medellín ",  # spacing is not a change
        "acronym": "ACI",
        "influence": 4,
        "themes": [],
        "notes": "",
        "id": 99,  # not a field of the form
    }
    assert field_changes(ACI, values) == {"influence": 4}
    assert field_changes(ACI, {"themes": ["innovación"], "stance": None}) == {"themes": ["innovación"], "stance": None}


# -- contacts -----------------------------------------------------------------------------------


def test_the_contact_history_is_newest_first_with_the_others_present():
    rows = contact_rows(
        story(
            interactions=[
                contact(date(2026, 3, 2), kind="call", summary="Llamada"),
                contact(
                    date(2026, 9, 14),
                    actors={1: "Directora", 2: "Enlace internacional", 3: ""},
                    team_member="Laura Restrepo",
                    summary="Reunión",
                    next_step="Enviar acta",
                    next_step_due=date(2026, 9, 20),
                    next_step_done=True,
                ),
            ]
        ),
        "es",
    )
    assert [row[5] for row in rows] == ["Reunión", "Llamada"]
    first = rows[0]
    assert first[:5] == [
        "14/09/2026",
        "Reunión",
        "Directora",
        "Alcaldía de Medellín (Enlace internacional); EAFIT",
        "Laura Restrepo",
    ]
    assert first[7:] == ["Enviar acta", "20/09/2026", True]
    assert rows[1][1] == "Llamada" and rows[1][9] is None  # no next step: nothing to tick


# -- assessments --------------------------------------------------------------------------------


def test_the_assessment_history_and_its_chart():
    history = [
        Assessment(1, date(2025, 11, 28), 3, 4, 1, "Mapeo inicial"),
        Assessment(1, date(2026, 6, 1), 5, 4, 2, "import"),
    ]
    rows = assessment_rows(history, "es")
    assert rows[0] == ["1/06/2026", 5, 4, "Aliado", "Gestionar de cerca", "Importación del registro"]
    figure = assessment_figure(history, "en")
    assert [trace.name for trace in figure.data] == ["Influence", "Interest"]
    assert [list(trace.y) for trace in figure.data] == [[3, 5], [4, 4]]
    assert list(figure.layout.xaxis.ticktext) == ["Nov 2025", "Jun 2026"]  # dates in the reader's language
    assert figure.layout.title.text == t("record.assessments.chart_title", "en")


def test_a_long_history_keeps_the_axis_readable():
    history = [Assessment(1, date(2026, month, 1), 3, 3) for month in range(1, 13)]
    assert len(assessment_figure(history, "es").layout.xaxis.tickvals) <= 6


# -- relations, consultations, audiences ------------------------------------------------------------


def test_relations_name_the_counterpart_from_either_end_strongest_first():
    rows = tie_rows(
        story(
            relations=[
                Relation(1, 3, "cooperation", strength=1, starts_on=date(2025, 2, 1)),
                Relation(2, 1, "funding", strength=3, directed=True, ends_on=date(2026, 12, 31)),
            ]
        ),
        {"relation_types": {"funding": "Financia"}},  # the workspace's own word
        "es",
    )
    assert [row[0] for row in rows] == ["Alcaldía de Medellín", "EAFIT"]
    assert rows[0][1:3] == ["Financia", t("record.ties.direction.incoming", "es")]
    assert rows[0][5] == "31/12/2026" and rows[1][4] == "1/02/2025"
    assert rows[1][2] == t("record.ties.direction.both", "es")


def test_consultations_with_the_invitation_attendance_and_contributions():
    consultations = {
        10: Consultation("Taller de diagnóstico", status="held", starts_on=date(2026, 3, 5), id=10),
        11: Consultation("Mesa de cooperación", status="convened", id=11),
    }
    found = story(
        consultations=consultations,
        participants=[
            Participant(11, 1, status="confirmed"),
            Participant(10, 1, status="attended", attended_on=date(2026, 3, 5)),
            Participant(99, 1),  # a consultation gone since: left out
        ],
        contributions=[Contribution(10, "Más becas", actor_id=1), Contribution(10, "Datos abiertos", actor_id=1)],
    )
    rows = consultation_rows(found, "es")
    assert rows == [
        ["Mesa de cooperación", "Convocada", "", "Confirmado", "", 0],
        ["Taller de diagnóstico", "Realizada", "5/03/2026", "Asistió", "5/03/2026", 2],
    ]
    assert [r[0] for r in contribution_rows(found, "es")] == ["Taller de diagnóstico"] * 2


def test_audiences_that_include_the_actor_and_the_campaigns_that_reach_them():
    me, other = Actor("ACI", id=1), Actor("EAFIT", id=3)
    audiences = [Audience("Aliados", id=5), Audience("Universidades", id=6), Audience("Prensa", id=7)]
    memberships = {
        5: Membership(members=[me], by_rule={1}),
        6: Membership(members=[other], by_rule={1, 3}, excluded={1}),  # the team left it out
        7: Membership(members=[me], added={1}),
    }
    campaigns = [
        Campaign("Ciudad global", audience_ids=[5, 7]),
        Campaign("Cancelada", audience_ids=[5], status="cancelled"),
    ]
    reach = audience_reach(1, audiences, memberships, campaigns)
    assert [(r.audience.name, r.how, [c.title for c in r.campaigns]) for r in reach] == [
        ("Aliados", "rule", ["Ciudad global"]),
        ("Prensa", "hand", ["Ciudad global"]),
    ]


def test_the_audit_keeps_the_entries_about_the_actor():
    mine = story(interactions=[contact(date(2026, 1, 5), id=31)])
    trail = [
        {"entity": "actors", "entity_id": 1, "action": "update"},
        {"entity": "actors", "entity_id": 2, "action": "update"},
        {"entity": "relations", "entity_id": 8, "action": "delete", "before": {"source_id": 2, "target_id": 1}},
        {"entity": "relations", "entity_id": 9, "action": "insert", "after": {"source_id": 2, "target_id": 3}},
        {"entity": "participants", "entity_id": 4, "action": "update", "after": {"status": "attended"}, "before": {}},
        {"entity": "participants", "entity_id": 5, "action": "insert", "after": {"actor_id": 1}},
        {"entity": "interactions", "entity_id": 31, "action": "update"},
        {"entity": "interactions", "entity_id": 32, "action": "update"},
        {"entity": "assessments", "entity_id": 6, "action": "insert", "after": {"actor_id": 1}},
    ]
    assert [(e["entity"], e["entity_id"]) for e in audit_entries(trail, mine)] == [
        ("actors", 1),
        ("relations", 8),
        ("participants", 5),
        ("interactions", 31),
        ("assessments", 6),
    ]


# -- the brief ----------------------------------------------------------------------------------


def text_of(data: bytes) -> tuple[str, list[list[list[str]]]]:
    document = Document(io.BytesIO(data))
    tables = [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]
    return "\n".join(p.text for p in document.paragraphs), tables


def full_story() -> Story:
    return story(
        interactions=[
            contact(
                date(2026, 11, 10),
                summary="Reunión de seguimiento",
                agreements="Compartir la agenda",
                next_step="Enviar propuesta",
                next_step_due=date(2026, 11, 15),
            ),
            contact(date(2026, 10, 2), kind="call", summary="Llamada", next_step="Invitar al foro"),
        ],
        assessments=[Assessment(1, date(2026, 6, 1), 5, 4, 2)],
        relations=[Relation(1, 2, "cooperation", strength=3), Relation(3, 1, "funding", strength=1)],
        consultations={10: Consultation("Taller de diagnóstico", status="held", id=10)},
        participants=[Participant(10, 1, status="attended", attended_on=date(2026, 3, 5))],
    )


def test_the_brief_opens_in_word_with_what_a_meeting_needs():
    text, tables = text_of(actor_brief(full_story(), {}, TODAY, "es"))
    assert t("record.brief.title", "es", name="ACI Medellín") in text
    assert "Gestionar de cerca" in text and "Aliado" in text
    assert "Ana Gómez" in text  # consent given: the contact is on the brief
    assert "Enviar propuesta" in text and t("record.brief.overdue", "es") in text
    assert "Invitar al foro" in text and t("record.brief.no_due", "es") in text
    contacts, counterparts, consultations = tables
    assert contacts[1][:3] == ["10/11/2026", "Reunión", "Reunión de seguimiento"]
    assert [row[0] for row in counterparts[1:]] == ["Alcaldía de Medellín", "EAFIT"]
    assert consultations[1] == ["Taller de diagnóstico", "Realizada", "Asistió", "5/03/2026"]


def test_the_brief_speaks_the_language_chosen():
    text, tables = text_of(actor_brief(full_story(), {}, TODAY, "en"))
    assert t("record.brief.title", "en", name="ACI Medellín") in text
    assert "Manage closely" in text and tables[0][0][0] == "Date"


def test_the_brief_leaves_contact_details_out_without_consent_and_prints_hostile_text_as_typed():
    actor = Actor(HOSTILE, contact_name="Ana Gómez", email="ana@aci.example", consent="unknown", id=1)
    data = actor_brief(
        story(actor=actor, interactions=[contact(date(2026, 11, 1), summary=HOSTILE, next_step=HOSTILE)]),
        {},
        TODAY,
        "es",
    )
    text, tables = text_of(data)
    assert "Ana Gómez" not in text and "ana@aci.example" not in text
    typed = HOSTILE.replace("\x07", "").strip()
    assert typed in text and typed in tables[0][1][2]  # literal text: no field, no markup, no bell
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = package.read("word/document.xml").decode()
    assert "<w:t>=HYPERLINK" not in xml and "instrText" not in xml and "fldSimple" not in xml


def test_the_brief_of_a_sample_actor(engine, sample_id):
    """Through the store: an actor of the Medellín sample with its year of history."""
    actors = list_actors(engine, sample_id)
    history = list_interactions(engine, sample_id)
    actor_id = max({a for i in history for a in i.actors}, key=lambda a: sum(a in i.actors for i in history))
    actor = next(a for a in actors if a.id == actor_id)
    mine = Story(
        actor,
        {a.id: a.name for a in actors},
        interactions=list_interactions(engine, sample_id, InteractionFilter(actor_id=actor_id)),
        assessments=list_assessments(engine, sample_id, actor_id),
    )
    text, tables = text_of(actor_brief(mine, {}, TODAY, "es"))
    assert actor.name in text
    assert len(tables[0]) == 1 + min(5, len(mine.interactions))  # the last five contacts
