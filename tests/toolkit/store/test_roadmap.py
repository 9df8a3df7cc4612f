"""The roadmap's use cases on SQLite and PostgreSQL: add, list, edit from a version, conflicts,
delete, plain refusals with nothing written, links only within the workspace; the sample's
roadmap; the phases of a workspace created before the roadmap."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from toolkit.domain import Campaign, Consultation, Milestone
from toolkit.i18n import has, t
from toolkit.roadmap import attention, phase_status
from toolkit.store import StoreError
from toolkit.store.campaigns import create_campaign, delete_campaign, list_campaigns
from toolkit.store.consultations import create_consultation, list_consultations
from toolkit.store.edits import Edit
from toolkit.store.roadmap import (
    add_milestone,
    add_milestones,
    delete_milestones,
    insert_milestones,
    list_milestones,
    save_milestone_edits,
)
from toolkit.store.tables import milestones
from toolkit.store.workspaces import add_term, create_workspace, lock_workspace, revision, vocabulary_terms
from toolkit.vocab import DEFAULTS


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Hoja de ruta").id


def count(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(milestones)).scalar()


def refused(engine, workspace, milestone) -> str:
    before = count(engine)
    with pytest.raises(StoreError) as caught:
        add_milestone(engine, workspace, milestone)
    assert count(engine) == before  # nothing written
    assert has(caught.value.message_key), caught.value.message_key  # a message the user can read
    return caught.value.reason


def test_a_new_workspace_has_the_phases_of_the_method(engine, workspace):
    assert [key for key, _ in vocabulary_terms(engine, workspace)["phases"]] == list(DEFAULTS["phases"])


def test_milestones_are_listed_by_due_date_then_title(engine, workspace):
    for title, due in [
        ("Zeta", date(2026, 12, 1)),
        ("Sin fecha", None),
        ("Alfa", date(2026, 12, 1)),
        ("Primero", date(2026, 3, 1)),
    ]:
        add_milestone(engine, workspace, Milestone(title, phase="strategy", due_on=due))
    assert [m.title for m in list_milestones(engine, workspace)] == ["Primero", "Alfa", "Zeta", "Sin fecha"]


def test_a_milestone_keeps_what_was_typed(engine, workspace):
    consultation = create_consultation(engine, workspace, Consultation("Taller multiactor"))
    campaign = create_campaign(engine, workspace, Campaign("Medellín se conecta"))
    before = revision(engine, workspace)
    new_id = add_milestone(
        engine,
        workspace,
        Milestone(
            "  Borrador de la   estrategia ",
            phase="strategy",
            description="Primer borrador.",
            starts_on=date(2026, 10, 1),
            due_on=date(2026, 11, 27),
            owner=" Dirección de Relaciones Internacionales ",
            status="in_progress",
            consultation_id=consultation,
            campaign_id=campaign,
            notes="Con la ACI.",
        ),
    )
    [stored] = list_milestones(engine, workspace)
    assert stored == Milestone(
        "Borrador de la estrategia",
        phase="strategy",
        description="Primer borrador.",
        starts_on=date(2026, 10, 1),
        due_on=date(2026, 11, 27),
        owner="Dirección de Relaciones Internacionales",
        status="in_progress",
        consultation_id=consultation,
        campaign_id=campaign,
        notes="Con la ACI.",
        id=new_id,
        version=1,
    )
    assert revision(engine, workspace) > before  # cached views of the workspace are refreshed


@pytest.mark.parametrize(
    ("milestone", "reason"),
    [
        (Milestone("   "), "milestone_title_required"),
        (Milestone("x" * 301), "milestone_title_too_long"),
        (Milestone("Hito", status="someday"), "milestone_status"),
        (Milestone("Hito", phase="no_such_phase"), "milestone_phase"),
        (Milestone("Hito", starts_on=date(2026, 12, 1), due_on=date(2026, 11, 1)), "milestone_dates"),
        (Milestone("Hito", owner="x" * 301), "milestone_owner_too_long"),
        (Milestone("Hito", due_on="mañana"), "bad_date"),
        (Milestone("Hito", consultation_id=99_999), "milestone_consultation_not_found"),
        (Milestone("Hito", campaign_id=99_999), "milestone_campaign_not_found"),
    ],
)
def test_bad_milestones_are_refused_plainly(engine, workspace, milestone, reason):
    assert refused(engine, workspace, milestone) == reason


def test_the_message_of_a_refusal_is_in_the_users_language(engine, workspace):
    with pytest.raises(StoreError) as caught:
        add_milestone(engine, workspace, Milestone("Hito", starts_on=date(2026, 12, 1), due_on=date(2026, 11, 1)))
    assert t(caught.value.message_key, lang="es") == "El inicio de un hito no puede ser posterior a su fecha límite."
    assert t(caught.value.message_key, lang="en") == "A milestone cannot start after its due date."


def test_another_workspaces_consultations_and_campaigns_cannot_be_linked(engine, workspace):
    other = create_workspace(engine, "Otra ciudad").id
    their_consultation = create_consultation(engine, other, Consultation("Su taller"))
    their_campaign = create_campaign(engine, other, Campaign("Su campaña"))
    assert (
        refused(engine, workspace, Milestone("Hito", consultation_id=their_consultation))
        == "milestone_consultation_not_found"
    )
    assert refused(engine, workspace, Milestone("Hito", campaign_id=their_campaign)) == "milestone_campaign_not_found"
    mine = add_milestone(engine, workspace, Milestone("Hito"))
    with pytest.raises(StoreError):
        save_milestone_edits(engine, workspace, [Edit(mine, 1, {"campaign_id": their_campaign})])
    assert list_milestones(engine, workspace)[0].campaign_id is None


def test_a_phase_added_in_settings_can_be_used(engine, workspace):
    key = add_term(engine, workspace, "phases", "Rendición de cuentas")
    add_milestone(engine, workspace, Milestone("Audiencia pública", phase=key))
    assert list_milestones(engine, workspace)[0].phase == key
    other = create_workspace(engine, "Sin esa fase").id
    assert refused(engine, other, Milestone("Audiencia pública", phase=key)) == "milestone_phase"


def test_edits_are_saved_from_the_version_seen(engine, workspace):
    first = add_milestone(
        engine, workspace, Milestone("Síntesis del taller", phase="consultation", due_on=date(2026, 10, 30))
    )
    second = add_milestone(engine, workspace, Milestone("Kit de prensa", phase="dissemination"))
    result = save_milestone_edits(
        engine,
        workspace,
        [
            Edit(first, 1, {"status": "done", "due_on": date(2026, 11, 5)}),
            Edit(second, 1, {"owner": "Secretaría de Comunicaciones", "phase": "strategy"}),
        ],
    )
    assert result.ok and result.saved == 2
    stored = {m.id: m for m in list_milestones(engine, workspace)}
    assert (stored[first].status, stored[first].due_on, stored[first].version) == ("done", date(2026, 11, 5), 2)
    assert (stored[second].owner, stored[second].phase) == ("Secretaría de Comunicaciones", "strategy")


def test_a_conflicting_save_saves_nothing_and_names_the_rows(engine, workspace):
    first = add_milestone(engine, workspace, Milestone("Síntesis del taller"))
    second = add_milestone(engine, workspace, Milestone("Kit de prensa"))
    assert save_milestone_edits(engine, workspace, [Edit(first, 1, {"owner": "ACI Medellín"})]).ok  # someone else
    result = save_milestone_edits(
        engine, workspace, [Edit(second, 1, {"status": "done"}), Edit(first, 1, {"status": "blocked"})]
    )
    assert not result.ok and result.conflicts == ["Síntesis del taller"]
    stored = {m.id: m for m in list_milestones(engine, workspace)}
    assert stored[second].status == "planned"  # all or nothing
    assert (stored[first].status, stored[first].owner) == ("planned", "ACI Medellín")


def test_a_deleted_row_is_a_conflict(engine, workspace):
    gone = add_milestone(engine, workspace, Milestone("Misión a Bruselas"))
    delete_milestones(engine, workspace, [gone])
    assert save_milestone_edits(engine, workspace, [Edit(gone, 1, {"status": "done"})]).conflicts == [f"#{gone}"]


def test_an_edit_that_puts_the_start_after_the_due_date_is_refused(engine, workspace):
    kept = add_milestone(
        engine, workspace, Milestone("Borrador", starts_on=date(2026, 10, 1), due_on=date(2026, 11, 27))
    )
    with pytest.raises(StoreError) as caught:
        save_milestone_edits(engine, workspace, [Edit(kept, 1, {"due_on": date(2026, 9, 1)})])
    assert caught.value.reason == "milestone_dates"
    assert list_milestones(engine, workspace)[0].due_on == date(2026, 11, 27)


def test_deleting_takes_only_this_workspaces_milestones(engine, workspace):
    other = create_workspace(engine, "Otra ciudad").id
    theirs = add_milestone(engine, other, Milestone("Suyo"))
    mine = [add_milestone(engine, workspace, Milestone(f"Hito {n}")) for n in range(3)]
    assert delete_milestones(engine, workspace, [mine[0], mine[1], theirs]) == 2
    assert [m.id for m in list_milestones(engine, workspace)] == [mine[2]]
    assert [m.id for m in list_milestones(engine, other)] == [theirs]
    assert delete_milestones(engine, workspace, []) == 0


def test_several_milestones_at_once_are_all_or_nothing(engine, workspace):
    with pytest.raises(StoreError):
        add_milestones(engine, workspace, [Milestone("Bueno"), Milestone("")])
    assert list_milestones(engine, workspace) == []
    ids = add_milestones(engine, workspace, [Milestone("Uno"), Milestone("Dos")])
    assert sorted(m.id for m in list_milestones(engine, workspace)) == sorted(ids)


def test_insert_milestones_writes_inside_the_callers_transaction(engine, workspace):
    with pytest.raises(RuntimeError), engine.begin() as connection:
        lock_workspace(connection, workspace)
        assert len(insert_milestones(connection, workspace, [Milestone("Uno"), Milestone("Dos")])) == 2
        raise RuntimeError("the caller's restore failed later")
    assert list_milestones(engine, workspace) == []  # rolled back with the caller
    with engine.begin() as connection:
        lock_workspace(connection, workspace)
        ids = insert_milestones(connection, workspace, [Milestone("Uno", phase="mapping")])
    assert [m.id for m in list_milestones(engine, workspace)] == ids


def test_deleting_a_campaign_keeps_its_milestones_unlinked(engine, workspace):
    campaign = create_campaign(engine, workspace, Campaign("Medellín se conecta"))
    add_milestone(engine, workspace, Milestone("Kit de prensa", campaign_id=campaign))
    delete_campaign(engine, workspace, campaign)
    [kept] = list_milestones(engine, workspace)
    assert (kept.title, kept.campaign_id) == ("Kit de prensa", None)


def test_the_sample_ships_a_roadmap_over_more_than_a_year(engine, sample_id):
    found = list_milestones(engine, sample_id)
    assert 15 <= len(found) <= 30
    due = [m.due_on for m in found if m.due_on]
    assert (max(due) - min(due)).days >= 365
    assert {m.phase for m in found} == set(DEFAULTS["phases"])
    assert {m.status for m in found} >= {"done", "in_progress", "planned", "blocked", "cancelled"}
    assert len({m.owner for m in found}) >= 4
    consultations = {c.id: c.title for c in list_consultations(engine, sample_id)}
    campaigns = {c.id: c.title for c in list_campaigns(engine, sample_id)}
    assert {consultations[m.consultation_id] for m in found if m.consultation_id} == set(consultations.values())
    assert {campaigns[m.campaign_id] for m in found if m.campaign_id} == set(campaigns.values())
    day = date(2026, 11, 22)
    seen = attention(found, day)
    assert len(seen.overdue) >= 2 and seen.blocked
    assert seen.next_week  # the week of 23 November
    monday = attention(found, date(2026, 11, 23))
    assert monday.this_week and monday.next_week  # and the week after
    states = {s.phase: s.state for s in phase_status(found, day, DEFAULTS["phases"])}
    assert states["diagnosis"] == states["mapping"] == "done"
    assert states["consultation"] == "late"


def test_a_workspace_from_before_the_roadmap_gets_its_phases(tmp_path):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, text

    from toolkit.store import open_store
    from toolkit.store.engine import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'v4.db'}"
    old = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0004")
        connection.execute(
            text(
                "insert into workspaces (name, city, country, language, description, revision) "
                "values ('Antigua', 'Cali', 'Colombia', 'es', '', 0)"
            )
        )
        connection.execute(
            text(
                "insert into vocab_terms (workspace_id, vocabulary, key, label, position) "
                "values (1, 'sectors', 'academia', 'Universidades', 0)"
            )
        )
    old.dispose()
    upgraded = open_store(url)
    terms = vocabulary_terms(upgraded, 1)
    assert [key for key, _ in terms["phases"]] == list(DEFAULTS["phases"])
    assert terms["sectors"] == [("academia", "Universidades")]  # the rest is untouched
    assert add_milestone(upgraded, 1, Milestone("Primer hito", phase="diagnosis"))
    upgraded.dispose()


def test_the_tables_edits_and_deletes_are_saved_together_or_not_at_all(engine, workspace):
    kept = add_milestone(engine, workspace, Milestone("Síntesis del taller"))
    dropped = add_milestone(engine, workspace, Milestone("Borrador descartado"))
    save_milestone_edits(engine, workspace, [Edit(kept, 1, {"owner": "ACI Medellín"})])  # someone else saves
    refused = save_milestone_edits(engine, workspace, [Edit(kept, 1, {"status": "done"})], [dropped])
    assert refused.conflicts == ["Síntesis del taller"]
    assert dropped in {m.id for m in list_milestones(engine, workspace)}  # the delete waited for the edits
    done = save_milestone_edits(engine, workspace, [Edit(kept, 2, {"status": "done"})], [dropped])
    assert (done.saved, done.deleted) == (1, 1)
    assert [(m.id, m.status) for m in list_milestones(engine, workspace)] == [(kept, "done")]
