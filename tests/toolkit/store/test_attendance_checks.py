"""Attendance only for a consultation that took place (issue 16): the store refuses it before the
consultation's day or dated after today, and a consultation with attendance is held, not
"in preparation". The suite's today is 2026-11-22 (tests/conftest.py)."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.domain import Actor, Consultation, Contribution
from toolkit.spreadsheets.consultations import ConsultationImport, read_attendance, to_import
from toolkit.spreadsheets.reading import read_workbook
from toolkit.store import StoreError
from toolkit.store.consultations import (
    change_status,
    create_consultation,
    get_consultation,
    import_contributions,
    invite_actors,
    list_participants,
    record_attendance,
    save_participant_edits,
    update_consultation,
)
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, list_actors
from toolkit.store.workspaces import create_workspace, revision

NEXT_MARCH = date(2027, 3, 4)  # after the suite's today
LAST_SEPTEMBER = date(2026, 9, 10)


def planned(engine, starts_on: date | None, status: str = "convened"):
    """A workspace, two actors invited to a consultation on ``starts_on``."""
    workspace = create_workspace(engine, "Bogotá")
    ids = [add_actor(engine, workspace.id, Actor(name)) for name in ("Cámara de Comercio", "Universidad Nacional")]
    consultation_id = create_consultation(
        engine,
        workspace.id,
        Consultation("Mesa de turismo", instrument="round_table", starts_on=starts_on, status=status),
    )
    invite_actors(engine, workspace.id, consultation_id, ids)
    return workspace.id, consultation_id, [p.id for p in list_participants(engine, workspace.id, consultation_id)]


@pytest.mark.parametrize("status", ["attended", "no_show"])
def test_attendance_before_the_consultation_is_refused_and_nothing_changes(engine, status):
    workspace_id, consultation_id, ids = planned(engine, NEXT_MARCH)
    before = revision(engine, workspace_id)
    with pytest.raises(StoreError) as refused:
        change_status(engine, workspace_id, consultation_id, ids, status, date(2026, 11, 20))
    assert refused.value.reason == "attendance_before_held"
    assert {p.status for p in list_participants(engine, workspace_id, consultation_id)} == {"to_invite"}
    assert revision(engine, workspace_id) == before
    # confirming is fine before the day
    assert change_status(engine, workspace_id, consultation_id, ids, "confirmed", date(2026, 11, 20)) == 2


def test_the_participants_table_refuses_attendance_before_the_consultation(engine):
    workspace_id, consultation_id, _ = planned(engine, NEXT_MARCH)
    one, two = list_participants(engine, workspace_id, consultation_id)
    with pytest.raises(StoreError) as refused:
        save_participant_edits(
            engine,
            workspace_id,
            [Edit(one.id, one.version, {"notes": "llamar"}), Edit(two.id, two.version, {"status": "attended"})],
        )
    assert refused.value.reason == "attendance_before_held"
    assert [p.notes for p in list_participants(engine, workspace_id, consultation_id)] == ["", ""]  # all or nothing


def test_an_attendance_dated_after_today_is_refused(engine):
    workspace_id, consultation_id, ids = planned(engine, LAST_SEPTEMBER)
    with pytest.raises(StoreError) as refused:
        change_status(engine, workspace_id, consultation_id, ids, "attended", date(2026, 12, 1))
    assert refused.value.reason == "attendance_in_future"
    one = list_participants(engine, workspace_id, consultation_id)[0]
    with pytest.raises(StoreError) as refused:
        save_participant_edits(
            engine, workspace_id, [Edit(one.id, one.version, {"status": "attended", "attended_on": date(2026, 12, 1)})]
        )
    assert refused.value.reason == "attendance_in_future"


@pytest.mark.parametrize("status", ["draft", "convened"])
def test_recording_attendance_makes_the_consultation_held(engine, status):
    workspace_id, consultation_id, ids = planned(engine, LAST_SEPTEMBER, status)
    change_status(engine, workspace_id, consultation_id, ids[:1], "attended", LAST_SEPTEMBER)
    assert get_consultation(engine, workspace_id, consultation_id).status == "held"


def test_an_edit_of_the_table_that_records_attendance_makes_it_held(engine):
    workspace_id, consultation_id, _ = planned(engine, LAST_SEPTEMBER, "draft")
    one = list_participants(engine, workspace_id, consultation_id)[0]
    assert save_participant_edits(engine, workspace_id, [Edit(one.id, one.version, {"status": "no_show"})]).ok
    assert get_consultation(engine, workspace_id, consultation_id).status == "held"


def test_a_later_status_stays_when_attendance_is_recorded(engine):
    workspace_id, consultation_id, ids = planned(engine, LAST_SEPTEMBER, "synthesised")
    change_status(engine, workspace_id, consultation_id, ids, "attended", LAST_SEPTEMBER)
    assert get_consultation(engine, workspace_id, consultation_id).status == "synthesised"


def test_a_consultation_with_attendance_cannot_go_back_to_preparation_or_to_the_future(engine):
    workspace_id, consultation_id, ids = planned(engine, LAST_SEPTEMBER)
    change_status(engine, workspace_id, consultation_id, ids[:1], "attended", LAST_SEPTEMBER)
    held = get_consultation(engine, workspace_id, consultation_id)
    for changes, reason in (
        ({"status": "draft"}, "status_before_held"),
        ({"status": "convened"}, "status_before_held"),
        ({"starts_on": NEXT_MARCH}, "date_after_attendance"),
    ):
        with pytest.raises(StoreError) as refused:
            update_consultation(engine, workspace_id, Consultation(**{**vars(held), **changes}))
        assert refused.value.reason == reason
    assert get_consultation(engine, workspace_id, consultation_id) == held
    assert update_consultation(engine, workspace_id, Consultation(**{**vars(held), "status": "closed"})).status == (
        "closed"
    )


def test_a_consultation_without_attendance_may_move_freely(engine):
    workspace_id, consultation_id, _ = planned(engine, LAST_SEPTEMBER, "held")
    seen = get_consultation(engine, workspace_id, consultation_id)
    saved = update_consultation(engine, workspace_id, Consultation(**{**vars(seen), "status": "draft"}))
    assert saved.status == "draft"


def test_an_attendance_import_before_the_consultation_is_refused(engine, make_xlsx):
    workspace_id, consultation_id, _ = planned(engine, NEXT_MARCH)
    data = make_xlsx({"Asistencia": [["Organización", "¿Asistió?"], ["Cámara de Comercio", "Sí"]]})
    workbook = read_workbook(data, "asistencia.xlsx")
    actors = list_actors(engine, workspace_id)
    preview = read_attendance(workbook, actors, starts_on=NEXT_MARCH, today=date(2026, 11, 22))
    assert [p.key for p in preview.errors] == ["consultations.import.report.not_held"]
    assert preview.rows == []
    forced = to_import(read_attendance(workbook, actors), add_unknown=False, on=NEXT_MARCH)  # read without the date
    with pytest.raises(StoreError) as refused:
        record_attendance(engine, workspace_id, consultation_id, forced)
    assert refused.value.reason == "attendance_before_held"
    assert {p.status for p in list_participants(engine, workspace_id, consultation_id)} == {"to_invite"}


def test_an_attendance_row_dated_after_today_is_warned_and_takes_the_consultations_day(engine, make_xlsx):
    workspace_id, consultation_id, _ = planned(engine, LAST_SEPTEMBER)
    data = make_xlsx(
        {"Asistencia": [["Organización", "Fecha", "¿Asistió?"], ["Cámara de Comercio", "15/12/2026", "Sí"]]}
    )
    preview = read_attendance(
        read_workbook(data, "a.xlsx"), list_actors(engine, workspace_id), starts_on=LAST_SEPTEMBER
    )
    assert [p.key for p in preview.warnings] == ["consultations.import.report.future_day"]
    record_attendance(engine, workspace_id, consultation_id, to_import(preview, False, LAST_SEPTEMBER))
    came = [p for p in list_participants(engine, workspace_id, consultation_id) if p.status == "attended"]
    assert [p.attended_on for p in came] == [LAST_SEPTEMBER]
    assert get_consultation(engine, workspace_id, consultation_id).status == "held"


def test_contributions_sent_before_the_consultation_do_not_count_as_attendance(engine):
    workspace_id, consultation_id, _ = planned(engine, NEXT_MARCH)
    newcomer = add_actor(engine, workspace_id, Actor("Fundación Corona"))
    batch = ConsultationImport(
        contributions=[(("existing", newcomer), Contribution(consultation_id=0, text="Más rutas de memoria"))]
    )
    assert import_contributions(engine, workspace_id, consultation_id, batch).participants_added == 1
    statuses = {p.actor_id: p.status for p in list_participants(engine, workspace_id, consultation_id)}
    assert statuses[newcomer] == "to_invite"
    assert get_consultation(engine, workspace_id, consultation_id).status == "convened"
