"""The audit trail and the bin: every change recorded (who, when, before, after) in the change's own
transaction, told in plain words; deleted actors, consultations and campaigns restorable for 30 days."""

import csv
import io
from datetime import timedelta

import pytest
from sqlalchemy import insert, select, update

from toolkit import clock
from toolkit.access import acting_as
from toolkit.activity import describe, feed_csv
from toolkit.domain import Actor, Milestone
from toolkit.i18n import t
from toolkit.store import StoreError
from toolkit.store.accounts import create_user, set_member, sign_in
from toolkit.store.audit import REDACTED
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.bin import empty_bin, list_bin, restore
from toolkit.store.campaigns import delete_campaign, list_activities, list_campaigns, list_kpis, list_measurements
from toolkit.store.consultations import (
    delete_consultation,
    list_consultations,
    list_contributions,
    list_participants,
)
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, delete_actors, list_actors, list_relations, save_actor_edits
from toolkit.store.tables import bin_entries, milestones
from toolkit.store.trail import activity

PASSWORD = "una frase larga y fácil"


@pytest.fixture
def ana(engine, sample_id):
    create_user(engine, "ana@medellin.gov.co", PASSWORD, "Ana García")
    set_member(engine, sample_id, "ana@medellin.gov.co", "editor")
    return sign_in(engine, "ana@medellin.gov.co", PASSWORD)


def actor_named(engine, workspace_id, name):
    return next(a for a in list_actors(engine, workspace_id) if a.name == name)


def test_an_edit_is_recorded_with_who_before_and_after_and_contact_data_stays_out(engine, sample_id, ana):
    actor = list_actors(engine, sample_id)[0]
    with acting_as(ana):
        result = save_actor_edits(
            engine,
            sample_id,
            [
                Edit(
                    actor.id,
                    actor.version,
                    {"influence": 5 if actor.influence != 5 else 4, "email": "nuevo.correo@ejemplo.org"},
                )
            ],
        )
        assert result.saved == 1
        (entry,) = [e for e in activity(engine, sample_id, limit=5) if e["action"] == "update"]
    assert entry["username"] == "ana@medellin.gov.co" and entry["entity"] == "actors"
    assert entry["label"] == actor.name and entry["entity_id"] == actor.id
    assert entry["before"]["influence"] == actor.influence and entry["after"]["influence"] != actor.influence
    assert entry["after"]["email"] == REDACTED  # the trail says the e-mail changed, not what it is
    assert "nuevo.correo" not in str(entry)
    line = describe(entry, "es")
    assert line.sentence == f"ana@medellin.gov.co modificó el actor «{actor.name}»"
    assert any(change.startswith(t("columns.influence", "es")) for change in line.changes)
    assert any("dato personal" in change for change in line.changes)


def test_a_refused_change_leaves_no_record(engine, sample_id, ana):
    actor = list_actors(engine, sample_id)[0]
    before = len(activity(engine, sample_id, limit=1000))
    with acting_as(ana):
        result = save_actor_edits(engine, sample_id, [Edit(actor.id, actor.version + 7, {"influence": 1})])
    assert result.conflicts
    assert len(activity(engine, sample_id, limit=1000)) == before


def test_an_import_is_one_entry_that_counts_the_rows(engine, sample_id, ana):
    batch = RegisterBatch(new_actors=[Actor(name=f"Junta de Acción Comunal {n}") for n in range(40)])
    with acting_as(ana):
        import_batch(engine, sample_id, batch)
    newest = activity(engine, sample_id, limit=3)
    many = next(e for e in newest if e["action"] == "insert_many")
    assert many["after"] == {"count": 40}
    assert "40" in describe(many, "es").sentence


def test_a_deleted_actor_comes_back_from_the_bin_with_its_relations_and_participations(engine, sample_id, ana):
    relations = list_relations(engine, sample_id)
    actor = max(list_actors(engine, sample_id), key=lambda a: sum(a.id in (r.source, r.target) for r in relations))
    linked = sorted((r.source, r.target, r.type) for r in relations if actor.id in (r.source, r.target))
    participations = [
        (p.consultation_id, p.status) for p in list_participants(engine, sample_id) if p.actor_id == actor.id
    ]
    with acting_as(ana):
        delete_actors(engine, sample_id, [actor.id])
        assert actor.id not in {a.id for a in list_actors(engine, sample_id)}
        (entry,) = list_bin(engine, sample_id)
        assert entry.label == actor.name and entry.deleted_by == "Ana García"
        assert entry.expires_on == (entry.deleted_at + timedelta(days=30)).date()
        assert restore(engine, sample_id, entry.id) == actor.name
    back = actor_named(engine, sample_id, actor.name)
    assert back.email == actor.email and back.id == actor.id
    assert (
        sorted(
            (r.source, r.target, r.type) for r in list_relations(engine, sample_id) if back.id in (r.source, r.target)
        )
        == linked
    )
    assert [
        (p.consultation_id, p.status) for p in list_participants(engine, sample_id) if p.actor_id == back.id
    ] == participations
    assert list_bin(engine, sample_id) == []
    assert activity(engine, sample_id, limit=1)[0]["action"] == "restore"


def test_a_relation_between_two_deleted_actors_returns_with_the_second_one(engine, sample_id):
    first = add_actor(engine, sample_id, Actor(name="Fundación Uno"))
    second = add_actor(engine, sample_id, Actor(name="Fundación Dos"))
    from toolkit.domain import Relation
    from toolkit.store.register import add_relation

    add_relation(engine, sample_id, Relation(source=first, target=second, type="funding"))
    delete_actors(engine, sample_id, [first])
    delete_actors(engine, sample_id, [second])
    entries = {e.label: e.id for e in list_bin(engine, sample_id)}
    restore(engine, sample_id, entries["Fundación Uno"])
    assert not [r for r in list_relations(engine, sample_id) if first in (r.source, r.target)]
    restore(engine, sample_id, entries["Fundación Dos"])
    assert [
        (r.source, r.target, r.type) for r in list_relations(engine, sample_id) if first in (r.source, r.target)
    ] == [(first, second, "funding")]


def test_a_deleted_consultation_comes_back_with_participants_contributions_and_milestone(engine, sample_id):
    held = next(c for c in list_consultations(engine, sample_id) if c.status == "held")
    participants = len(list_participants(engine, sample_id, held.id))
    contributions = sorted(c.text for c in list_contributions(engine, sample_id, held.id))
    with engine.begin() as connection:
        milestone_id = connection.execute(
            insert(milestones).values(
                workspace_id=sample_id,
                title="Publicar la síntesis del taller",
                description="",
                owner="",
                status="planned",
                notes="",
                version=1,
                consultation_id=held.id,
            )
        ).inserted_primary_key[0]
    delete_consultation(engine, sample_id, held.id)
    with engine.connect() as connection:
        assert (
            connection.execute(select(milestones.c.consultation_id).where(milestones.c.id == milestone_id)).scalar()
            is None
        )
    (entry,) = list_bin(engine, sample_id)
    assert entry.related >= participants + len(contributions)
    restore(engine, sample_id, entry.id)
    back = next(c for c in list_consultations(engine, sample_id) if c.title == held.title)
    assert len(list_participants(engine, sample_id, back.id)) == participants
    assert sorted(c.text for c in list_contributions(engine, sample_id, back.id)) == contributions
    with engine.connect() as connection:
        assert (
            connection.execute(select(milestones.c.consultation_id).where(milestones.c.id == milestone_id)).scalar()
            == back.id
        )
    assert Milestone  # the domain type the roadmap shows this link with


def test_a_deleted_campaign_comes_back_with_activities_kpis_and_measurements(engine, sample_id):
    campaign = list_campaigns(engine, sample_id)[0]
    counts = lambda: (  # noqa: E731
        len([a for a in list_activities(engine, sample_id) if a.campaign_id == campaign.id]),
        len([k for k in list_kpis(engine, sample_id) if k.campaign_id == campaign.id]),
        len(list_measurements(engine, sample_id)),
    )
    before = counts()
    delete_campaign(engine, sample_id, campaign.id)
    restore(engine, sample_id, list_bin(engine, sample_id)[0].id)
    back = next(c for c in list_campaigns(engine, sample_id) if c.title == campaign.title)
    assert back.audience_ids == campaign.audience_ids
    assert counts() == before


def test_the_bin_keeps_thirty_days_then_forgets_with_the_contact_data(engine, sample_id):
    actor = next(a for a in list_actors(engine, sample_id) if a.email)
    delete_actors(engine, sample_id, [actor.id])
    with engine.begin() as connection:
        connection.execute(update(bin_entries).values(deleted_at=clock.now() - timedelta(days=31)))
    assert list_bin(engine, sample_id) == []
    with pytest.raises(StoreError) as gone:
        restore(engine, sample_id, 1)
    assert gone.value.reason == "bin_entry_gone"
    delete_actors(engine, sample_id, [list_actors(engine, sample_id)[0].id])  # any later delete purges
    with engine.connect() as connection:
        payloads = connection.execute(select(bin_entries.c.payload)).scalars().all()
    assert len(payloads) == 1 and actor.email not in str(payloads)


def test_a_viewer_cannot_restore_and_only_an_owner_empties_the_bin(engine, sample_id, ana):
    create_user(engine, "luis@medellin.gov.co", PASSWORD)
    set_member(engine, sample_id, "luis@medellin.gov.co", "viewer")
    luis = sign_in(engine, "luis@medellin.gov.co", PASSWORD)
    delete_actors(engine, sample_id, [list_actors(engine, sample_id)[0].id])
    (entry,) = list_bin(engine, sample_id)
    with acting_as(luis):
        assert list_bin(engine, sample_id) == [entry]  # members see what was deleted
        with pytest.raises(StoreError) as refused:
            restore(engine, sample_id, entry.id)
        assert refused.value.reason == "not_allowed"
    with acting_as(ana), pytest.raises(StoreError):
        empty_bin(engine, sample_id)
    assert empty_bin(engine, sample_id) == 1 and list_bin(engine, sample_id) == []


def test_the_feed_downloads_as_a_csv_no_cell_of_which_excel_would_run(engine, sample_id):
    add_actor(engine, sample_id, Actor(name='=HYPERLINK("http://x")'))
    data = feed_csv(activity(engine, sample_id, limit=5), "es").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(data), delimiter=";"))
    assert rows[0][0] == t("activity.column_when", "es")
    assert any('«=HYPERLINK("http://x")»' in row[2] for row in rows[1:])
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_loading_the_sample_and_restoring_a_backup_are_one_entry_each(engine, sample_id):
    from toolkit.backup import restore_backup, workspace_backup

    entries = activity(engine, sample_id, limit=50)
    assert [e["action"] for e in entries] == ["load_sample", "insert"]  # the sample, its workspace
    assert describe(entries[0], "es").sentence.startswith("Usuario local cargó el ejemplo de Medellín en «")
    outcome = restore_backup(engine, workspace_backup(engine, sample_id), "copia.xlsx", new_workspace_name="Copia")
    restored = activity(engine, outcome.workspace_id, limit=50)
    assert [e["action"] for e in restored] == ["restore_backup", "insert"]
    assert describe(restored[0], "es").sentence == "Usuario local restauró la copia de seguridad «copia.xlsx»"
