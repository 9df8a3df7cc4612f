"""Issue 13: the wizard's last step shows the actors as the import will store them, and its counts
are those of the result. Every shape of the corpus goes through the wizard's code path into a
register that already holds one of its actors (so rows merge into the register as well as into
earlier rows of the file), and the counts shown before equal the counts stored after."""

import pytest

from tests.toolkit.spreadsheets.corpus import corpus
from toolkit.domain import Actor
from toolkit.i18n import label
from toolkit.import_rows import preview_counts, row_table, stored_counts, stored_rows
from toolkit.importing import check_file, import_preview, preview_rows
from toolkit.spreadsheets.importing import parse_workbook, plan_batch
from toolkit.spreadsheets.reading import read_workbook
from toolkit.store.register import add_actor, list_actors
from toolkit.store.workspaces import create_workspace

SHAPES = corpus()
# shapes with rows merged in the file, rows told apart, many sheets, relations (the others take the same path)
PICKED = (
    "repeated rows",
    "monthly sheets es",
    "one organisation four ways",
    "group column",
    "14 monthly sheets",
    "pmbok 2 title rows",
    "kumu workbook",
    "gexf 1.3",
    "edge list with node list",
)


def words(vocabulary):
    return lambda key: label(vocabulary, key)


@pytest.mark.parametrize("shape", [s for s in SHAPES if s.name in PICKED], ids=lambda s: s.name)
def test_the_counts_shown_before_an_import_are_those_of_its_result(engine, shape):
    workspace = create_workspace(engine, "Vista previa")
    known = shape.actors[-1]  # in the register already: its rows combine into it
    add_actor(engine, workspace.id, Actor(known, city="Medellín"))
    preview = check_file(engine, workspace.id, shape.data, shape.filename)
    plan, rows = preview_rows(engine, workspace.id, preview)
    shown = preview_counts(plan)

    stored = import_preview(engine, workspace.id, preview, label=shape.filename).stored

    assert stored_counts(stored) == shown
    assert (shown.relations > 0) == (shape.name in ("kumu workbook", "gexf 1.3", "edge list with node list"))
    assert shown.combined >= 1 + sum(len(m["rows"]) for m in shape.merges) - (known in merged_names(shape))
    assert len(list_actors(engine, workspace.id)) == 1 + shown.created
    new = [row for row in rows if row.action == "new"]
    combined = [row for row in rows if row.action == "combined"]
    assert len(new) == shown.created
    assert [row.existing for row in combined] == [known] * len(combined)
    assert sum(len(row.merged_rows) for row in new) + sum(len(row.rows) for row in combined) == shown.combined


def merged_names(shape) -> set[str]:
    return {merge["name"] for merge in shape.merges}


def test_rows_merged_in_the_file_are_named_on_the_row_they_join():
    shape = next(s for s in SHAPES if s.name == "repeated rows")
    preview = parse_workbook(read_workbook(shape.data, shape.filename), {})
    plan = plan_batch(preview, [])
    rows = stored_rows(preview, plan, [])
    assert [(row.actor.name, row.rows) for row in rows] == [
        ("Asociación de Recicladores del Valle", (2, 5, 7)),
        ("Fundación Semillas de Paz", (3, 6)),
        ("Corporación Río Claro", (4,)),
    ]
    table = row_table(rows, words, "es")
    assert [line["action"] for line in table] == [
        "Nuevo, con las filas 5, 7 del archivo unidas",
        "Nuevo, con la fila 6 del archivo unida",
        "Nuevo",
    ]
    assert table[1]["name"] == "Fundación Semillas de Paz" and table[1]["kind"] == label("kinds", "organisation")


def test_a_combined_actor_shows_its_values_once_stored_and_what_it_gains():
    register = [Actor("Corporación Río Claro", sector="civil_society", id=7, version=3)]
    data = "Nombre;Ciudad;Influencia\nCorporación Río Claro;Cali;4\nRed de Huertas Urbanas;;\n".encode()
    preview = parse_workbook(read_workbook(data, "lista.csv"), {})
    plan = plan_batch(preview, register)
    (combined, new) = stored_rows(preview, plan, register)
    assert (combined.action, combined.existing, combined.rows) == ("combined", "Corporación Río Claro", (2,))
    assert (combined.actor.city, combined.actor.influence, combined.actor.sector) == ("Cali", 4, "civil_society")
    assert set(combined.changes) == {"city", "influence"}
    assert (new.action, new.actor.name) == ("new", "Red de Huertas Urbanas")
    line = row_table([combined], words, "es")[0]
    assert line["action"] == "Se combina con «Corporación Río Claro» (ya en el registro)"
    assert (line["sector"], line["influence"]) == (label("sectors", "civil_society"), 4)


def test_rows_skipped_leave_no_line_and_a_plan_of_another_file_leaves_no_row_numbers():
    register = [Actor("Corporación Río Claro", id=7)]
    data = "Nombre\nCorporación Río Claro\nRed de Huertas Urbanas\n".encode()
    preview = parse_workbook(read_workbook(data, "lista.csv"), {})
    plan = plan_batch(preview, register, "skip")
    assert [(row.action, row.rows) for row in stored_rows(preview, plan, register, "skip")] == [("new", (3,))]
    other = parse_workbook(read_workbook(b"Nombre\nA\nB\nC\n", "otra.csv"), {})
    assert [row.rows for row in stored_rows(other, plan, register)] == [()]
