"""The actor's whole story in the store, on SQLite and PostgreSQL: recording interactions with
several actors, filters, edits and deletes (to the bin), dated assessments that keep the history
and set the current values, the audit trail, deleting an actor, a repeated relation refused, an
import that records changed levels as assessments."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit import clock
from toolkit.domain import Actor, Assessment, Consultation, Interaction, Relation
from toolkit.engagement import follow_ups, moves
from toolkit.i18n import t
from toolkit.store import StoreError
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.bin import list_bin, restore
from toolkit.store.consultations import create_consultation
from toolkit.store.edits import Edit
from toolkit.store.engagement import (
    InteractionFilter,
    list_assessments,
    list_interactions,
    record_assessment,
    record_interaction,
    save_interaction_edits,
)
from toolkit.store.register import add_actor, add_relation, delete_actors, list_actors, list_relations
from toolkit.store.trail import activity
from toolkit.store.workspaces import create_workspace

DAY = date(2026, 11, 22)


def get_actor(engine, workspace, actor_id):
    return next(a for a in list_actors(engine, workspace) if a.id == actor_id)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("HOJA_TODAY", DAY.isoformat())


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Historia").id


@pytest.fixture
def people(engine, workspace):
    return {
        name: add_actor(engine, workspace, Actor(name, influence=3, interest=3, stance=0))
        for name in ("Alcaldía de Medellín", "Proantioquia", "Universidad EAFIT")
    }


def test_a_meeting_with_two_actors_is_in_each_ones_history_and_its_next_step_is_followed(engine, workspace, people):
    meeting = Interaction(
        "meeting",
        date(2026, 11, 10),
        {people["Alcaldía de Medellín"]: "Secretaria de Desarrollo", people["Proantioquia"]: "Directora ejecutiva"},
        team_member="Laura Gómez",
        summary="Revisión del convenio",
        agreements="Firmar el convenio en diciembre",
        next_step="Enviar el borrador del convenio",
        next_step_due=date(2026, 11, 20),
    )
    new_id = record_interaction(engine, workspace, meeting)
    record_interaction(engine, workspace, Interaction("call", date(2026, 11, 18), {people["Universidad EAFIT"]: ""}))
    (found,) = list_interactions(engine, workspace, InteractionFilter(actor_id=people["Proantioquia"]))
    assert found.id == new_id and found.actors[people["Alcaldía de Medellín"]] == "Secretaria de Desarrollo"
    assert len(list_interactions(engine, workspace, InteractionFilter(actor_id=people["Alcaldía de Medellín"]))) == 1
    assert [i.kind for i in list_interactions(engine, workspace)] == ["call", "meeting"]  # newest first
    assert [i.kind for i in list_interactions(engine, workspace, InteractionFilter(kinds=("call",)))] == ["call"]
    between = InteractionFilter(start=date(2026, 11, 1), end=date(2026, 11, 15))
    assert [i.id for i in list_interactions(engine, workspace, between)] == [new_id]
    assert [i.id for i in list_interactions(engine, workspace, InteractionFilter(team_member="laura gómez"))] == [
        new_id
    ]
    assert [i.next_step for i in follow_ups(list_interactions(engine, workspace), DAY).overdue] == [
        "Enviar el borrador del convenio"
    ]


def test_an_interaction_needs_a_kind_a_date_and_an_actor_of_the_workspace(engine, workspace, people):
    other = create_workspace(engine, "Otro").id
    stranger = add_actor(engine, other, Actor("Ajeno"))
    actor = people["Proantioquia"]
    for wrong, reason in (
        (Interaction("fax", DAY, {actor: ""}), "interaction_kind"),
        (Interaction("call", None, {actor: ""}), "interaction_date_required"),
        (Interaction("call", DAY, {}), "interaction_actors_required"),
        (Interaction("call", DAY, {stranger: ""}), "interaction_actor_not_found"),
        (Interaction("call", DAY, {actor: ""}, consultation_id=999), "interaction_link_not_found"),
    ):
        with pytest.raises(StoreError) as caught:
            record_interaction(engine, workspace, wrong)
        assert caught.value.reason == reason
        assert t(caught.value.message_key, lang="es") != caught.value.message_key
    assert list_interactions(engine, workspace) == []


def test_edits_save_from_the_version_seen_and_a_deleted_interaction_comes_back_from_the_bin(engine, workspace, people):
    consultation = create_consultation(engine, workspace, Consultation("Mesa de cooperación"))
    done = record_interaction(
        engine, workspace, Interaction("email", DAY, {people["Proantioquia"]: ""}, next_step="Responder")
    )
    gone = record_interaction(engine, workspace, Interaction("visit", DAY, {people["Universidad EAFIT"]: ""}))
    result = save_interaction_edits(
        engine, workspace, [Edit(done, 1, {"next_step_done": True, "consultation_id": consultation})], [gone]
    )
    assert result.ok and result.deleted == 1
    (kept,) = list_interactions(engine, workspace)
    assert kept.next_step_done and kept.consultation_id == consultation and kept.version == 2
    stale = save_interaction_edits(engine, workspace, [Edit(done, 1, {"summary": "otro"})])
    assert stale.conflicts and list_interactions(engine, workspace)[0].summary == ""
    (entry,) = list_bin(engine, workspace)
    assert entry.entity == "interactions"
    restore(engine, workspace, entry.id)
    back = {i.id: i for i in list_interactions(engine, workspace)}
    assert back[gone].actors == {people["Universidad EAFIT"]: ""}


def test_an_assessment_keeps_the_history_and_sets_the_current_values(engine, workspace, people):
    actor = people["Alcaldía de Medellín"]
    record_assessment(engine, workspace, Assessment(actor, date(2026, 3, 1), 3, 3, 0, "Línea de base"))
    record_assessment(engine, workspace, Assessment(actor, date(2026, 9, 15), 5, 5, 1, "Nuevo secretario"))
    record_assessment(engine, workspace, Assessment(actor, date(2026, 6, 1), 4, 3, 0, "Anotado tarde"))
    current = get_actor(engine, workspace, actor)
    assert (current.influence, current.interest, current.stance) == (5, 5, 1)  # the latest, not the last typed
    history = list_assessments(engine, workspace, actor)
    assert [a.reason for a in history] == ["Línea de base", "Anotado tarde", "Nuevo secretario"]
    (moved,) = moves([current], list_assessments(engine, workspace), date(2026, 3, 15), DAY)
    assert (moved.before, moved.after) == ("monitor", "manage_closely")
    with pytest.raises(StoreError) as caught:
        record_assessment(engine, workspace, Assessment(actor, DAY, 9, 3))
    assert caught.value.reason == "level_out_of_range"
    assert len(list_assessments(engine, workspace, actor)) == 3


def test_the_trail_names_interactions_and_assessments(engine, workspace, people):
    actor = people["Proantioquia"]
    record_interaction(engine, workspace, Interaction("call", DAY, {actor: ""}, summary="Llamada de seguimiento"))
    record_assessment(engine, workspace, Assessment(actor, DAY, 4, 4, 1, "Mesa de trabajo"))
    seen = {(row["entity"], row["label"]) for row in activity(engine, workspace)}
    assert ("interactions", "Llamada de seguimiento") in seen
    assert ("assessments", "Proantioquia") in seen


def test_deleting_an_actor_takes_its_links_and_assessments_and_the_interactions_left_with_nobody(
    engine, workspace, people
):
    alone = record_interaction(engine, workspace, Interaction("call", DAY, {people["Proantioquia"]: ""}))
    shared = record_interaction(
        engine, workspace, Interaction("meeting", DAY, {people["Proantioquia"]: "", people["Universidad EAFIT"]: ""})
    )
    record_assessment(engine, workspace, Assessment(people["Proantioquia"], DAY, 4, 4))
    delete_actors(engine, workspace, [people["Proantioquia"]])
    left = list_interactions(engine, workspace)
    assert [i.id for i in left] == [shared] and left[0].actors == {people["Universidad EAFIT"]: ""}
    assert list_assessments(engine, workspace) == []
    (entry,) = list_bin(engine, workspace)
    restore(engine, workspace, entry.id)
    back = {i.id: i for i in list_interactions(engine, workspace)}
    assert set(back) == {alone, shared} and len(back[shared].actors) == 2
    assert len(list_assessments(engine, workspace)) == 1


def test_a_relation_that_already_exists_is_refused_with_a_plain_message(engine, workspace, people):
    a, b = people["Alcaldía de Medellín"], people["Proantioquia"]
    add_relation(engine, workspace, Relation(a, b, "cooperation", starts_on=date(2025, 3, 1)))
    for again in (Relation(a, b, "cooperation"), Relation(b, a, "cooperation")):
        with pytest.raises(StoreError) as caught:
            add_relation(engine, workspace, again)
        assert caught.value.reason == "relation_exists"
        message = t(caught.value.message_key, lang="es", **caught.value.details)
        assert "Alcaldía de Medellín" in message and "Proantioquia" in message
    add_relation(engine, workspace, Relation(a, b, "funding", directed=True))  # another type: fine
    add_relation(engine, workspace, Relation(b, a, "funding", directed=True))  # the other way round: fine
    assert [r.starts_on for r in list_relations(engine, workspace)] == [date(2025, 3, 1), None, None]
    with pytest.raises(StoreError) as caught:
        add_relation(
            engine, workspace, Relation(a, people["Universidad EAFIT"], starts_on=DAY, ends_on=date(2026, 1, 1))
        )
    assert caught.value.reason == "relation_dates"


def test_importing_again_records_changed_levels_as_assessments_dated_today(engine, workspace, people):
    actor = people["Proantioquia"]
    import_batch(
        engine,
        workspace,
        RegisterBatch(updates=[Edit(actor, 1, {"name": "Proantioquia", "influence": 5, "notes": "ok"})]),
    )
    import_batch(engine, workspace, RegisterBatch(updates=[Edit(actor, 2, {"name": "Proantioquia", "notes": "x"})]))
    previous, recorded = list_assessments(engine, workspace, actor)  # no history before: it keeps what it was
    assert (previous.reason, previous.influence, previous.interest, previous.stance) == ("previous", 3, 3, 0)
    assert (recorded.assessed_on, recorded.reason) == (clock.today(), "import")
    assert (recorded.influence, recorded.interest, recorded.stance) == (5, 3, 0)
    assert get_actor(engine, workspace, actor).influence == 5


def test_the_sample_tells_a_year_of_history(engine):
    from toolkit.engagement import change_findings, latest, not_contacted
    from toolkit.store.sample import load_sample

    sample = load_sample(engine)
    history = list_interactions(engine, sample)
    days = [i.occurred_on for i in history]
    assert len(history) >= 40 and (max(days) - min(days)).days >= 180
    assert len({a for i in history for a in i.actors}) >= 20
    assert all(i.summary and i.next_step for i in history)
    assert any(i.consultation_id for i in history) and any(i.campaign_id for i in history)
    seen = follow_ups(history, DAY)
    assert len(seen.overdue) >= 3 and seen.this_week and len(seen.next_week) >= 3
    register = list_actors(engine, sample)
    assessed = list_assessments(engine, sample)
    reassessed = {a.actor_id for a in assessed if a.assessed_on > min(x.assessed_on for x in assessed)}
    assert len(reassessed) >= 15
    now = latest(assessed)
    assert all(
        (a.influence, a.interest, a.stance) == (now[a.id].influence, now[a.id].interest, now[a.id].stance)
        for a in register
        if a.id in now
    )  # the register holds the latest assessment
    assert all(a.version == 1 for a in register)
    (finding, *_) = change_findings(moves(register, assessed, date(2026, 3, 1), DAY), date(2026, 3, 1), "es")
    assert finding.startswith("7 actores pasaron a «Gestionar de cerca» desde el 1 de marzo de 2026")
    relations = list_relations(engine, sample)
    assert sum(r.starts_on is not None for r in relations) >= 0.8 * len(relations)
    assert not_contacted(register, history, DAY)  # someone important is waiting for a call
