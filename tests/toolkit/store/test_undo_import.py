"""Issue 13: an import can be undone from the activity feed. Undoing takes back the actors and
relations it created (to the bin), gives the actors it combined what they had, removes its
assessments and its new terms nobody uses, in one transaction; it is refused, naming the actors
and changing nothing, when something it touched changed since, and plainly when done twice."""

from dataclasses import asdict

import pytest

from tests.conftest import build_xlsx
from toolkit.activity import describe, undoable
from toolkit.domain import Actor, Relation
from toolkit.i18n import t
from toolkit.import_rows import preview_counts, stored_counts
from toolkit.importing import check_file, import_preview, plan_preview
from toolkit.store import StoreError
from toolkit.store.bin import list_bin
from toolkit.store.edits import Edit
from toolkit.store.engagement import list_assessments
from toolkit.store.register import (
    add_actor,
    add_relation,
    delete_actors,
    list_actors,
    list_relations,
    save_actor_edits,
)
from toolkit.store.trail import activity
from toolkit.store.undo import BIN_UP_TO, undo_import, undone_imports
from toolkit.store.workspaces import create_workspace, vocabulary_terms

LIST = {
    "Actores": [
        ["Nombre", "Sector", "Influencia", "Ciudad", "Temas"],
        ["Alcaldía de Pradera", "Gobierno local", 4, "Pradera", "agua"],  # in the register: combined
        ["Fundación Semillas de Paz", "Inversionista ángel", 3, "Cali", ""],  # new, with a new sector
        ["Corporación Río Claro", "ONG", 2, "", ""],
        ["Fundación Semillas de Paz", "", "", "", "paz"],  # merged into row 3 of the file
    ],
    "Relaciones": [
        ["Origen", "Destino", "Tipo"],
        ["Fundación Semillas de Paz", "Corporación Río Claro", "Cooperación"],
        ["Alcaldía de Pradera", "Fundación Semillas de Paz", "Financiación"],
        ["Alcaldía de Pradera", "Cooperativa Existente", "Cooperación"],  # between actors already there
    ],
}


def register(engine, workspace_id) -> dict:
    """The register as a person sees it (ids and versions aside)."""
    actors = list_actors(engine, workspace_id)
    names = {actor.id: actor.name for actor in actors}
    hidden = ("id", "version")
    return {
        "actors": {a.name: {k: v for k, v in asdict(a).items() if k not in hidden} for a in actors},
        "relations": sorted((names[r.source], names[r.target], r.type) for r in list_relations(engine, workspace_id)),
        "terms": vocabulary_terms(engine, workspace_id),
        "assessments": len(list_assessments(engine, workspace_id)),
    }


@pytest.fixture
def workspace(engine):
    workspace = create_workspace(engine, "Deshacer")
    pradera = add_actor(engine, workspace.id, Actor("Alcaldía de Pradera", sector="local_government", themes=["vías"]))
    other = add_actor(engine, workspace.id, Actor("Cooperativa Existente"))
    add_relation(engine, workspace.id, Relation(pradera, other, type="funding"))
    return workspace


def run_import(engine, workspace_id, sheets=LIST, name="lista.xlsx"):
    preview = check_file(engine, workspace_id, build_xlsx(sheets), name)
    shown = preview_counts(plan_preview(engine, workspace_id, preview))
    outcome = import_preview(engine, workspace_id, preview, label=name)
    assert outcome.stored is not None and not outcome.stored.conflicts
    return shown, outcome.stored


def test_an_import_of_new_and_combined_actors_is_undone_whole(engine, workspace):
    before = register(engine, workspace.id)
    shown, stored = run_import(engine, workspace.id)
    assert stored_counts(stored) == shown
    assert (shown.created, shown.combined, shown.updated, shown.relations) == (2, 2, 1, 3)
    middle = register(engine, workspace.id)
    assert middle["actors"]["Alcaldía de Pradera"]["influence"] == 4
    assert middle["actors"]["Alcaldía de Pradera"]["themes"] == ["vías", "agua"]
    assert middle["assessments"] == before["assessments"] + 1  # the import's new level, dated today
    assert any(label == "Inversionista ángel" for label in dict(middle["terms"]["sectors"]).values())

    done = undo_import(engine, workspace.id, stored.change_id)

    assert (done.removed, done.restored, done.relations, done.label) == (2, 1, 3, "lista.xlsx")
    assert register(engine, workspace.id) == before  # new terms nobody uses are gone too
    assert sorted(entry.label for entry in list_bin(engine, workspace.id)) == [
        "Corporación Río Claro",
        "Fundación Semillas de Paz",
    ]
    assert undone_imports(engine, workspace.id, [stored.change_id]) == {stored.change_id}


def test_the_feed_tells_the_import_and_its_undoing_and_offers_it_once(engine, workspace):
    _, stored = run_import(engine, workspace.id)
    entries = activity(engine, workspace.id)
    assert [entry["id"] for entry in undoable(entries, set())] == [stored.change_id]
    assert describe(entries[0], "es").sentence == (
        "Usuario local importó «lista.xlsx» (nuevos: 2; filas combinadas: 2; relaciones: 3)"
    )
    undo_import(engine, workspace.id, stored.change_id)
    entries = activity(engine, workspace.id)
    assert describe(entries[0], "es").sentence.startswith("Usuario local deshizo la importación «lista.xlsx»")
    assert undoable(entries, undone_imports(engine, workspace.id, [stored.change_id])) == []


def test_undoing_twice_is_refused_plainly(engine, workspace):
    _, stored = run_import(engine, workspace.id)
    undo_import(engine, workspace.id, stored.change_id)
    after = register(engine, workspace.id)
    with pytest.raises(StoreError) as refused:
        undo_import(engine, workspace.id, stored.change_id)
    assert t(refused.value.message_key, "es") == "Esta importación ya se deshizo. No se cambió nada."
    assert register(engine, workspace.id) == after


def _edit_created(engine, workspace_id):
    actor = next(a for a in list_actors(engine, workspace_id) if a.name == "Corporación Río Claro")
    save_actor_edits(engine, workspace_id, [Edit(actor.id, actor.version, {"city": "Palmira"})])


def _edit_combined(engine, workspace_id):
    actor = next(a for a in list_actors(engine, workspace_id) if a.name == "Alcaldía de Pradera")
    save_actor_edits(engine, workspace_id, [Edit(actor.id, actor.version, {"interest": 5})])


def _relate_created(engine, workspace_id):
    names = {a.name: a.id for a in list_actors(engine, workspace_id)}
    add_relation(engine, workspace_id, Relation(names["Corporación Río Claro"], names["Cooperativa Existente"]))


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (_edit_created, "«Corporación Río Claro»"),
        (_edit_combined, "«Alcaldía de Pradera»"),
        (_relate_created, "«Corporación Río Claro»"),
    ],
)
def test_an_undo_after_a_later_change_is_refused_naming_the_actors(engine, workspace, change, named):
    _, stored = run_import(engine, workspace.id)
    change(engine, workspace.id)
    after = register(engine, workspace.id)
    with pytest.raises(StoreError) as refused:
        undo_import(engine, workspace.id, stored.change_id)
    assert refused.value.reason == "import_changed_since"
    message = t(refused.value.message_key, "es", **refused.value.details)
    assert named in message and message.startswith("No se deshizo nada")
    assert register(engine, workspace.id) == after  # no partial undo
    assert undone_imports(engine, workspace.id, [stored.change_id]) == set()


def test_an_undo_after_a_created_actor_was_deleted_is_refused_naming_it(engine, workspace):
    _, stored = run_import(engine, workspace.id)
    created = next(a for a in list_actors(engine, workspace.id) if a.name == "Corporación Río Claro")
    delete_actors(engine, workspace.id, [created.id])
    with pytest.raises(StoreError) as refused:
        undo_import(engine, workspace.id, stored.change_id)
    assert "«Corporación Río Claro»" in str(refused.value.details["names"])


def test_only_an_import_of_this_workspace_is_undone(engine, workspace):
    _, stored = run_import(engine, workspace.id)
    other = create_workspace(engine, "Otro")
    with pytest.raises(StoreError) as refused:
        undo_import(engine, other.id, stored.change_id)
    assert refused.value.reason == "import_not_found"


def test_a_later_import_is_undone_alone(engine, workspace):
    _, first = run_import(engine, workspace.id)
    after_first = register(engine, workspace.id)
    second_list = {"Actores": [["Nombre", "Ciudad"], ["Red de Huertas Urbanas", "Buga"]]}
    _, second = run_import(engine, workspace.id, second_list, "segunda.xlsx")
    undo_import(engine, workspace.id, second.change_id)
    assert register(engine, workspace.id) == after_first
    undo_import(engine, workspace.id, first.change_id)
    assert "Corporación Río Claro" not in register(engine, workspace.id)["actors"]


def test_a_large_import_is_undone_whole_without_flooding_the_bin(engine, workspace):
    before = register(engine, workspace.id)
    names = [f"Organización inventada {n}" for n in range(BIN_UP_TO + 20)]
    sheets = {
        "Actores": [["Nombre", "Ciudad"], *([name, "Cali"] for name in names), ["Alcaldía de Pradera", "Pradera"]],
        "Relaciones": [["Origen", "Destino"], *([a, b] for a, b in zip(names, names[1:], strict=False))],
    }
    shown, stored = run_import(engine, workspace.id, sheets, "grande.xlsx")
    assert (shown.created, shown.combined, shown.updated, shown.relations) == (len(names), 1, 1, len(names) - 1)
    done = undo_import(engine, workspace.id, stored.change_id)
    assert (done.removed, done.restored, done.relations) == (len(names), 1, len(names) - 1)
    assert register(engine, workspace.id) == before
    assert list_bin(engine, workspace.id) == []  # deleted outright: the file still holds them
