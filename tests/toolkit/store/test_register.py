"""The store's use cases: workspaces, vocabularies, edits that never silently overwrite, deletes."""

import pytest
from sqlalchemy import inspect, text

from toolkit.domain import Actor, Relation
from toolkit.store import StoreError, open_store
from toolkit.store.edits import Edit
from toolkit.store.register import (
    add_actor,
    add_relation,
    delete_actors,
    list_actors,
    list_relations,
    save_actor_edits,
    save_relation_edits,
)
from toolkit.store.workspaces import (
    add_term,
    create_workspace,
    delete_workspace,
    list_workspaces,
    rename_term,
    rename_workspace,
    revision,
    vocabulary_terms,
)


def test_workspaces_are_created_renamed_and_deleted(engine):
    first = create_workspace(engine, "  Bogotá   internacional ")
    assert first.name == "Bogotá internacional"
    with pytest.raises(StoreError) as taken:
        create_workspace(engine, "Bogotá internacional")
    assert taken.value.reason == "name_taken"
    second = create_workspace(engine, "Quito")
    with pytest.raises(StoreError):
        rename_workspace(engine, second.id, "Bogotá internacional")
    assert rename_workspace(engine, second.id, "Quito 2030").name == "Quito 2030"
    delete_workspace(engine, first.id)
    assert [w.name for w in list_workspaces(engine)] == ["Quito 2030"]


def test_deleting_a_workspace_deletes_everything_in_it(engine, sample_id):
    delete_workspace(engine, sample_id)
    assert list_actors(engine, sample_id) == []
    assert list_relations(engine, sample_id) == []
    assert vocabulary_terms(engine, sample_id) == {name: [] for name in vocabulary_terms(engine, -1)}


def test_vocabulary_terms_can_be_added_and_renamed(engine):
    workspace = create_workspace(engine, "Lima")
    key = add_term(engine, workspace.id, "sectors", "Cooperativas")
    rename_term(engine, workspace.id, "sectors", "academia", "Universidades")
    sectors = dict(vocabulary_terms(engine, workspace.id)["sectors"])
    assert sectors[key] == "Cooperativas" and sectors["academia"] == "Universidades"
    with pytest.raises(StoreError) as exists:
        add_term(engine, workspace.id, "sectors", "cooperativas")
    assert exists.value.reason == "term_exists"


def test_a_second_save_over_the_same_actor_is_refused_not_lost(engine):
    workspace = create_workspace(engine, "Concurrencia")
    actor_id = add_actor(engine, workspace.id, Actor("EPM", influence=3))
    seen = list_actors(engine, workspace.id)[0]  # both people opened the table at this version
    first = save_actor_edits(engine, workspace.id, [Edit(actor_id, seen.version, {"influence": 5})])
    second = save_actor_edits(
        engine, workspace.id, [Edit(actor_id, seen.version, {"influence": 1, "city": "Medellín"})]
    )
    assert first.ok and first.saved == 1
    assert not second.ok and second.conflicts == ["EPM"]
    stored = list_actors(engine, workspace.id)[0]
    assert (stored.influence, stored.city) == (5, "")  # the first save stands, nothing half-written


def test_a_conflict_in_one_row_saves_none_of_the_batch(engine):
    workspace = create_workspace(engine, "Lote")
    a = add_actor(engine, workspace.id, Actor("A"))
    b = add_actor(engine, workspace.id, Actor("B"))
    save_actor_edits(engine, workspace.id, [Edit(b, 1, {"city": "Cali"})])
    result = save_actor_edits(engine, workspace.id, [Edit(a, 1, {"city": "Pasto"}), Edit(b, 1, {"city": "Tunja"})])
    assert result.conflicts == ["B"]
    assert {x.name: x.city for x in list_actors(engine, workspace.id)} == {"A": "", "B": "Cali"}


def test_editing_an_actor_someone_deleted_is_a_conflict(engine):
    workspace = create_workspace(engine, "Borrado")
    a = add_actor(engine, workspace.id, Actor("A"))
    delete_actors(engine, workspace.id, [a])
    assert save_actor_edits(engine, workspace.id, [Edit(a, 1, {"name": "A2"})]).conflicts == ["A2"]


def test_relation_edits_detect_conflicts_too(engine):
    workspace = create_workspace(engine, "Relaciones")
    a, b = (add_actor(engine, workspace.id, Actor(n)) for n in "AB")
    relation_id = add_relation(engine, workspace.id, Relation(a, b))
    assert save_relation_edits(engine, workspace.id, [Edit(relation_id, 1, {"strength": 3})]).ok
    assert not save_relation_edits(engine, workspace.id, [Edit(relation_id, 1, {"strength": 1})]).ok


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"name": "   "}, "actor_name_required"),
        ({"influence": 7}, "level_out_of_range"),
        ({"stance": 3}, "stance_out_of_range"),
    ],
)
def test_bad_values_are_refused_with_a_reason(engine, values, reason):
    workspace = create_workspace(engine, "Validación")
    actor_id = add_actor(engine, workspace.id, Actor("A"))
    with pytest.raises(StoreError) as refused:
        save_actor_edits(engine, workspace.id, [Edit(actor_id, 1, values)])
    assert refused.value.reason == reason


def test_relations_need_two_different_actors_of_the_workspace(engine):
    workspace = create_workspace(engine, "Extremos")
    a = add_actor(engine, workspace.id, Actor("A"))
    with pytest.raises(StoreError) as itself:
        add_relation(engine, workspace.id, Relation(a, a))
    assert itself.value.reason == "relation_to_itself"
    with pytest.raises(StoreError):
        add_relation(engine, workspace.id, Relation(a, 999_999))


def test_deleting_an_actor_deletes_its_contact_data_and_relations(engine):
    workspace = create_workspace(engine, "Privacidad")
    a = add_actor(engine, workspace.id, Actor("A", contact_name="Jefatura de prensa", email="prensa@example.org"))
    b = add_actor(engine, workspace.id, Actor("B"))
    add_relation(engine, workspace.id, Relation(a, b))
    assert delete_actors(engine, workspace.id, [a]) == 1
    assert list_relations(engine, workspace.id) == []
    with engine.connect() as raw:  # the table itself, not what the store chooses to show
        assert raw.execute(text("select count(*) from actors where email like '%prensa%'")).scalar() == 0


def test_every_write_bumps_the_workspace_revision(engine):
    workspace = create_workspace(engine, "Revisiones")
    before = revision(engine, workspace.id)
    add_actor(engine, workspace.id, Actor("A"))
    assert revision(engine, workspace.id) == before + 1


def test_reopening_an_existing_database_keeps_its_data(database_url):
    url = database_url
    first = open_store(url)
    workspace = create_workspace(first, "Guardado")
    add_actor(first, workspace.id, Actor("A"))
    first.dispose()
    again = open_store(url)  # runs the migrations again: nothing to do, nothing lost
    assert [a.name for a in list_actors(again, workspace.id)] == ["A"]
    assert "alembic_version" in inspect(again).get_table_names()


def test_a_database_of_the_first_release_is_upgraded_without_losing_data(database_url):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from toolkit.store.engine import MIGRATIONS

    url = database_url
    old = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.execute(
            text(
                "insert into workspaces (name, city, country, language, description, revision) "
                "values ('Antigua', 'Cali', 'Colombia', 'es', '', 0)"
            )
        )
        connection.execute(
            text(
                "insert into actors (workspace_id, name, acronym, kind, country, city, themes, "
                "dimensions, contact_name, contact_role, email, phone, consent, consent_source, "
                "notes, custom, version) values (1, 'Gobernación del Valle', '', 'organisation', "
                "'', '', '[]', '[]', '', '', '', '', 'unknown', '', '', '{}', 1)"
            )
        )
    old.dispose()
    upgraded = open_store(url)
    assert [a.name for a in list_actors(upgraded, 1)] == ["Gobernación del Valle"]
    assert {"map_positions", "map_settings"} <= set(inspect(upgraded).get_table_names())
