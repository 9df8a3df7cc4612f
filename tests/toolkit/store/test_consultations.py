"""The consultation use cases: one transaction each, plain refusals, nothing half-written."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, inspect, select

from toolkit.domain import Actor, Consultation, Contribution, CoverageTarget
from toolkit.spreadsheets.consultations import read_attendance, to_import
from toolkit.spreadsheets.reading import read_workbook
from toolkit.store import StoreError
from toolkit.store.consultations import (
    CONSULTATION_FIELDS,
    CONTRIBUTION_FIELDS,
    change_status,
    create_consultation,
    delete_consultation,
    delete_contributions,
    duplicate_consultation,
    get_consultation,
    invite_actors,
    list_consultations,
    list_contributions,
    list_participants,
    record_attendance,
    record_contribution,
    remove_participants,
    save_contribution_edits,
    save_participant_edits,
    update_consultation,
    validate_consultation,
    validate_contribution,
)
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, delete_actors, list_actors
from toolkit.store.sample import load_sample
from toolkit.store.tables import consultations, contributions, participants
from toolkit.store.workspaces import create_workspace, revision

DAY = date(2026, 9, 10)


@pytest.fixture
def place(engine):
    """A workspace with three actors and one consultation."""
    workspace = create_workspace(engine, "Cali")
    ids = [
        add_actor(engine, workspace.id, Actor(name, sector=sector))
        for name, sector in (
            ("Alcaldía de Cali", "local_government"),
            ("Universidad del Valle", "academia"),
            ("Fundación Zona Franca", "civil_society"),
        )
    ]
    consultation_id = create_consultation(
        engine,
        workspace.id,
        Consultation(
            "Mesa de cooperación", instrument="round_table", targets=[CoverageTarget("sector", "academia", 2)]
        ),
    )
    return workspace.id, consultation_id, ids


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar()


def test_a_consultation_is_planned_and_read_back(engine, place):
    workspace_id, consultation_id, _ = place
    found = get_consultation(engine, workspace_id, consultation_id)
    assert (found.title, found.instrument, found.status, found.version) == (
        "Mesa de cooperación",
        "round_table",
        "draft",
        1,
    )
    assert found.targets == [CoverageTarget("sector", "academia", 2)]
    assert [c.id for c in list_consultations(engine, workspace_id)] == [consultation_id]


@pytest.mark.parametrize(
    "changes, reason",
    [  # checked before any database work: no backend needed
        ({"title": "   "}, "title_required"),
        ({"title": "x" * 301}, "title_too_long"),
        ({"modality": "telepathy"}, "bad_modality"),
        ({"status": "finished"}, "bad_status"),
        ({"instrument": ""}, "instrument_required"),
        ({"starts_on": date(2026, 9, 10), "ends_on": date(2026, 9, 9)}, "dates_reversed"),
        ({"budget": -5}, "bad_budget"),
        ({"targets": [CoverageTarget("sector", "academia", 0)]}, "bad_target"),
        ({"targets": [CoverageTarget("country", "Colombia")]}, "bad_target"),
    ],
)
def test_a_bad_plan_is_refused_with_a_reason(changes, reason):
    plan = Consultation(**{"title": "Encuesta", **changes})
    with pytest.raises(StoreError) as refused:
        validate_consultation({name: getattr(plan, name) for name in CONSULTATION_FIELDS})
    assert refused.value.reason == reason


def test_a_refused_plan_stores_nothing(engine, place):
    workspace_id, _, _ = place
    with pytest.raises(StoreError):
        create_consultation(engine, workspace_id, Consultation("Encuesta", starts_on=DAY, ends_on=date(2026, 1, 1)))
    assert count(engine, consultations) == 1


def test_saving_a_plan_someone_else_changed_is_refused(engine, place):
    workspace_id, consultation_id, _ = place
    seen = get_consultation(engine, workspace_id, consultation_id)
    saved = update_consultation(engine, workspace_id, Consultation(**{**vars(seen), "status": "convened"}))
    assert (saved.status, saved.version) == ("convened", 2)
    with pytest.raises(StoreError) as refused:
        update_consultation(engine, workspace_id, Consultation(**{**vars(seen), "title": "Otro título"}))
    assert refused.value.reason == "consultation_changed"
    assert get_consultation(engine, workspace_id, consultation_id).title == "Mesa de cooperación"
    delete_consultation(engine, workspace_id, consultation_id)
    with pytest.raises(StoreError) as gone:
        update_consultation(engine, workspace_id, saved)
    assert gone.value.reason == "consultation_not_found"


def test_inviting_adds_each_actor_once_and_refuses_strangers(engine, place):
    workspace_id, consultation_id, ids = place
    assert vars(invite_actors(engine, workspace_id, consultation_id, ids[:2])) == {"added": 2, "already": 0}
    assert vars(invite_actors(engine, workspace_id, consultation_id, ids)) == {"added": 1, "already": 2}
    assert {p.status for p in list_participants(engine, workspace_id, consultation_id)} == {"to_invite"}
    other = create_workspace(engine, "Otra ciudad")
    stranger = add_actor(engine, other.id, Actor("Ajeno"))
    with pytest.raises(StoreError) as refused:
        invite_actors(engine, workspace_id, consultation_id, [ids[0], stranger])
    assert refused.value.reason == "actor_not_found"
    assert len(list_participants(engine, workspace_id, consultation_id)) == 3


def test_bulk_status_changes_set_the_dates_that_go_with_them(engine, place):
    workspace_id, consultation_id, ids = place
    invite_actors(engine, workspace_id, consultation_id, ids)
    every = [p.id for p in list_participants(engine, workspace_id, consultation_id)]
    assert change_status(engine, workspace_id, consultation_id, every, "invited", date(2026, 8, 18)) == 3
    assert change_status(engine, workspace_id, consultation_id, every[:2], "confirmed", date(2026, 8, 25)) == 2
    assert change_status(engine, workspace_id, consultation_id, every[:1], "attended", DAY) == 1
    rows = {p.id: p for p in list_participants(engine, workspace_id, consultation_id)}
    first, second, third = (rows[i] for i in every)
    assert (first.status, first.invited_on, first.responded_on, first.attended_on) == (
        "attended",
        date(2026, 8, 18),
        date(2026, 8, 25),
        DAY,
    )
    assert (second.status, second.responded_on, second.attended_on) == ("confirmed", date(2026, 8, 25), None)
    assert (third.status, third.invited_on, third.responded_on) == ("invited", date(2026, 8, 18), None)
    with pytest.raises(StoreError) as refused:
        change_status(engine, workspace_id, consultation_id, every, "maybe", DAY)
    assert refused.value.reason == "bad_invitation_status"


def test_participant_edits_detect_someone_elses_save(engine, place):
    workspace_id, consultation_id, ids = place
    invite_actors(engine, workspace_id, consultation_id, ids[:2])
    one, two = list_participants(engine, workspace_id, consultation_id)
    change_status(engine, workspace_id, consultation_id, [two.id], "declined", DAY)  # someone else, meanwhile
    result = save_participant_edits(
        engine,
        workspace_id,
        [
            Edit(one.id, one.version, {"attendee": "Luisa Pérez"}),
            Edit(two.id, two.version, {"status": "confirmed"}),
        ],
    )
    assert result.conflicts == ["Universidad del Valle"]
    after = {p.id: p for p in list_participants(engine, workspace_id, consultation_id)}
    assert after[one.id].attendee == "" and after[two.id].status == "declined"  # all or nothing
    assert save_participant_edits(engine, workspace_id, [Edit(one.id, one.version, {"attendee": "Luisa"})]).ok


def test_deleting_an_actor_removes_its_participation_and_contributions(engine, place):
    workspace_id, consultation_id, ids = place
    invite_actors(engine, workspace_id, consultation_id, ids)
    record_contribution(engine, workspace_id, Contribution(consultation_id, "Becas", actor_id=ids[1]))
    record_contribution(engine, workspace_id, Contribution(consultation_id, "Desde el público"))
    delete_actors(engine, workspace_id, [ids[1]])
    assert {p.actor_id for p in list_participants(engine, workspace_id, consultation_id)} == {ids[0], ids[2]}
    assert [c.text for c in list_contributions(engine, workspace_id, consultation_id)] == ["Desde el público"]


def test_deleting_a_consultation_takes_its_list_and_contributions_only(engine, place):
    workspace_id, consultation_id, ids = place
    invite_actors(engine, workspace_id, consultation_id, ids)
    record_contribution(engine, workspace_id, Contribution(consultation_id, "Más becas", actor_id=ids[1]))
    delete_consultation(engine, workspace_id, consultation_id)
    assert count(engine, participants) == count(engine, contributions) == 0
    assert len(list_actors(engine, workspace_id)) == 3
    with pytest.raises(StoreError) as refused:
        delete_consultation(engine, workspace_id, consultation_id)
    assert refused.value.reason == "consultation_not_found"


def test_duplicating_plans_the_next_round(engine, place):
    workspace_id, consultation_id, ids = place
    seen = get_consultation(engine, workspace_id, consultation_id)
    update_consultation(
        engine,
        workspace_id,
        Consultation(**{**vars(seen), "status": "held", "starts_on": DAY, "ends_on": DAY, "place": "Biblioteca"}),
    )
    invite_actors(engine, workspace_id, consultation_id, ids)
    every = [p.id for p in list_participants(engine, workspace_id, consultation_id)]
    change_status(engine, workspace_id, consultation_id, every, "attended", DAY)
    record_contribution(engine, workspace_id, Contribution(consultation_id, "Seguir", actor_id=ids[0]))

    copy_id = duplicate_consultation(engine, workspace_id, consultation_id, "Mesa de cooperación, segunda ronda")
    copy = get_consultation(engine, workspace_id, copy_id)
    assert (copy.title, copy.status, copy.starts_on, copy.place, copy.targets) == (
        "Mesa de cooperación, segunda ronda",
        "draft",
        None,
        "Biblioteca",
        seen.targets,
    )
    copied = list_participants(engine, workspace_id, copy_id)
    assert sorted(p.actor_id for p in copied) == sorted(ids)
    assert {(p.status, p.invited_on, p.attended_on) for p in copied} == {("to_invite", None, None)}
    assert list_contributions(engine, workspace_id, copy_id) == []
    assert {p.status for p in list_participants(engine, workspace_id, consultation_id)} == {"attended"}
    bare = duplicate_consultation(engine, workspace_id, consultation_id, "Sin lista", with_participants=False)
    assert list_participants(engine, workspace_id, bare) == []


@pytest.mark.parametrize(
    "contribution, reason",
    [
        (Contribution(0, "   "), "text_required"),
        (Contribution(0, "Algo", type="rumour"), "bad_type"),
        (Contribution(0, "Algo", priority="urgentísima"), "bad_priority"),
    ],
)
def test_bad_contributions_are_refused(contribution, reason):
    with pytest.raises(StoreError) as refused:
        validate_contribution({name: getattr(contribution, name) for name in CONTRIBUTION_FIELDS})
    assert refused.value.reason == reason


def test_a_contribution_from_an_unknown_actor_is_refused_and_not_stored(engine, place):
    workspace_id, consultation_id, _ = place
    with pytest.raises(StoreError) as refused:
        record_contribution(engine, workspace_id, Contribution(consultation_id, "Algo", actor_id=999_999))
    assert refused.value.reason == "actor_not_found"
    assert count(engine, contributions) == 0


def test_contributions_are_edited_and_deleted(engine, place):
    workspace_id, consultation_id, ids = place
    new_id = record_contribution(
        engine,
        workspace_id,
        Contribution(consultation_id, "¿Habrá becas?", actor_id=ids[1], type="question", theme="educación"),
    )
    [said] = list_contributions(engine, workspace_id, consultation_id)
    assert save_contribution_edits(engine, workspace_id, [Edit(new_id, said.version, {"response": "Sí, 20."})]).ok
    assert not save_contribution_edits(engine, workspace_id, [Edit(new_id, said.version, {"response": "No"})]).ok
    assert list_contributions(engine, workspace_id, consultation_id)[0].response == "Sí, 20."
    assert delete_contributions(engine, workspace_id, [new_id]) == 1


def test_every_write_bumps_the_revision(engine, place):
    workspace_id, consultation_id, ids = place
    steps = [
        lambda: invite_actors(engine, workspace_id, consultation_id, ids),
        lambda: change_status(
            engine,
            workspace_id,
            consultation_id,
            [p.id for p in list_participants(engine, workspace_id, consultation_id)],
            "invited",
            DAY,
        ),
        lambda: record_contribution(engine, workspace_id, Contribution(consultation_id, "x")),
        lambda: remove_participants(
            engine, workspace_id, consultation_id, [list_participants(engine, workspace_id, consultation_id)[0].id]
        ),
        lambda: duplicate_consultation(engine, workspace_id, consultation_id, "Copia"),
        lambda: delete_consultation(engine, workspace_id, consultation_id),
    ]
    for step in steps:
        before = revision(engine, workspace_id)
        step()
        assert revision(engine, workspace_id) == before + 1


def attendance_file(make_xlsx) -> bytes:
    return make_xlsx(
        {
            "Asistencia": [
                ["Organización", "Nombre y apellidos", "¿Asistió?"],
                ["Univalle", "Luisa Pérez", "Sí"],  # not how the register writes it: a new actor if asked
                ["Alcaldía de Cali", "Jorge Mejía", "Sí"],
                ["Fundación Zona Franca", "", "No"],
            ]
        }
    )


def test_an_attendance_file_updates_the_list_in_one_go(engine, place, make_xlsx):
    workspace_id, consultation_id, ids = place
    invite_actors(engine, workspace_id, consultation_id, [ids[0]])
    change_status(
        engine,
        workspace_id,
        consultation_id,
        [p.id for p in list_participants(engine, workspace_id, consultation_id)],
        "invited",
        date(2026, 9, 1),
    )
    preview = read_attendance(
        read_workbook(attendance_file(make_xlsx), "asistencia.xlsx"), list_actors(engine, workspace_id)
    )
    result = record_attendance(engine, workspace_id, consultation_id, to_import(preview, add_unknown=True, on=DAY))
    assert vars(result) == {
        "actors_added": 1,
        "participants_added": 2,
        "participants_updated": 1,
        "contributions_added": 0,
    }
    names = {a.id: a.name for a in list_actors(engine, workspace_id)}
    listed = {names[p.actor_id]: p for p in list_participants(engine, workspace_id, consultation_id)}
    assert (
        listed["Alcaldía de Cali"].status,
        listed["Alcaldía de Cali"].attendee,
        listed["Alcaldía de Cali"].invited_on,
        listed["Alcaldía de Cali"].attended_on,
    ) == ("attended", "Jorge Mejía", date(2026, 9, 1), DAY)
    assert listed["Fundación Zona Franca"].status == "no_show"
    assert listed["Univalle"].status == "attended"


def test_a_failed_attendance_import_stores_nothing(engine, place, make_xlsx, monkeypatch):
    import toolkit.store.consultations as store

    workspace_id, consultation_id, _ = place
    preview = read_attendance(
        read_workbook(attendance_file(make_xlsx), "asistencia.xlsx"), list_actors(engine, workspace_id)
    )

    write = store._write_import

    def broken(*args, **kwargs):
        write(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(store, "_write_import", broken)  # fails after every row was written
    with pytest.raises(RuntimeError):
        record_attendance(engine, workspace_id, consultation_id, to_import(preview, add_unknown=True))
    assert len(list_actors(engine, workspace_id)) == 3
    assert list_participants(engine, workspace_id, consultation_id) == []


def test_the_sample_ships_a_held_and_a_convened_consultation(engine):
    workspace_id = load_sample(engine)
    found = {c.status: c for c in list_consultations(engine, workspace_id)}
    assert set(found) == {"held", "convened"}
    held, convened = found["held"], found["convened"]
    held_list = list_participants(engine, workspace_id, held.id)
    assert any(p.status == "attended" for p in held_list)
    assert len(list_contributions(engine, workspace_id, held.id)) >= 15
    assert {p.status for p in list_participants(engine, workspace_id, convened.id)} >= {"invited", "confirmed"}


def test_restoring_the_same_backup_twice_does_not_double_the_consultations(engine):
    from toolkit.backup import workspace_backup
    from toolkit.importing import check_file, import_preview

    data = workspace_backup(engine, load_sample(engine))
    target = create_workspace(engine, "Restaurado")
    for expected in (2, 0):
        outcome = import_preview(engine, target.id, check_file(engine, target.id, data, "backup.xlsx"))
        assert outcome.stored.consultations == expected
    assert len(list_consultations(engine, target.id)) == 2
    assert len(list_contributions(engine, target.id)) >= 15


def test_a_database_before_consultations_is_upgraded_without_losing_data(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from toolkit.store import open_store
    from toolkit.store.engine import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'v2.db'}"
    old = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.execute(
            text(
                "insert into workspaces (name, city, country, language, description, revision) "
                "values ('Antigua', 'Cali', 'Colombia', 'es', '', 0)"
            )
        )
    old.dispose()
    upgraded = open_store(url)
    assert {"consultations", "participants", "contributions"} <= set(inspect(upgraded).get_table_names())
    assert create_consultation(upgraded, 1, Consultation("Primera consulta"))
    upgraded.dispose()
