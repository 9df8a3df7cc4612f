"""Issue 13, causes 1-5: each shape of the corpus comes in whole, through check --json and
through the wizard's code path (inspect, parse, plan)."""

import json

import pytest

from tests.toolkit.spreadsheets.corpus import corpus, xlsx
from toolkit.cli import main
from toolkit.spreadsheets.importing import merge_groups, parse_workbook, plan_batch
from toolkit.spreadsheets.reading import read_workbook

SHAPES = corpus()


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_every_shape_comes_in_whole(shape):
    preview = parse_workbook(read_workbook(shape.data, shape.filename), {})
    plan = plan_batch(preview, [])
    assert preview.errors == []
    assert [a.name for a in plan.batch.new_actors] == shape.actors
    assert merge_groups(plan.merges) == shape.merges
    assert set(shape.warnings) <= {w.key for w in preview.warnings}
    for name, (influence, interest) in shape.levels.items():
        actor = next(a for a in plan.batch.new_actors if a.name == name)
        assert (actor.influence, actor.interest) == (influence, interest)


@pytest.mark.parametrize("shape", SHAPES, ids=[s.name for s in SHAPES])
def test_check_json_reports_actors_merges_and_warnings(shape, tmp_path, capsys):
    path = tmp_path / shape.filename
    path.write_bytes(shape.data)
    assert main(["check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["actors"] == len(shape.actors) + sum(len(m["rows"]) for m in shape.merges)
    assert report["merges"] == shape.merges
    assert report["errors"] == []


def test_two_row_header_keeps_both_levels_apart():
    pmbok = next(s for s in SHAPES if s.name.startswith("pmbok"))
    preview = parse_workbook(read_workbook(pmbok.data, pmbok.filename), {})
    first = preview.actors[0].actor
    assert first.custom["Impacto (A, M, B)"] == "A"
    assert first.custom["Departamento/ Empresa"] == "Gobierno"
    assert first.custom["Rol en el Proyecto"] == "Patrocinador"
    assert "(A, M, B)" not in first.custom


def test_the_chosen_name_column_is_said():
    shape = next(s for s in SHAPES if s.name == "by content")
    preview = parse_workbook(read_workbook(shape.data, shape.filename), {})
    [chosen] = [w for w in preview.warnings if w.key == "import.report.name_chosen"]
    assert chosen.details == {"column": "Razón"}


def test_a_skipped_sheet_is_named_with_its_reason():
    data = xlsx(
        {"Instrucciones": [["Llene una fila por actor."]], "Actores": [["Nombre"], ["Fundación Alba"]], "Vacía": []}
    )
    preview = parse_workbook(read_workbook(data, "libro.xlsx"), {})
    skipped = {w.details["sheet"]: w.key for w in preview.warnings if w.key.startswith("import.report.sheet_skipped")}
    assert skipped["Instrucciones"] == "import.report.sheet_skipped.instructions"
    assert [a.actor.name for a in preview.actors] == ["Fundación Alba"]


def test_group_column_rows_merge_only_when_the_person_decides():
    shape = next(s for s in SHAPES if s.name == "group column")
    preview = parse_workbook(read_workbook(shape.data, shape.filename), {})
    assert plan_batch(preview, [], "merge").added == 4
    decided = plan_batch(preview, [], "merge", {("Register", 3): "merge"})
    assert decided.added == 3 and decided.merged == 1


def test_import_reports_in_file_merges(tmp_path, capsys):
    shape = next(s for s in SHAPES if s.name == "repeated rows")
    path = tmp_path / shape.filename
    path.write_bytes(shape.data)
    db = f"sqlite:///{tmp_path / 'hoja.db'}"
    assert main(["import", str(path), "--workspace", "Prueba", "--db", db, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["merges"] == shape.merges
    assert report["stored"]["added"] == 3 and report["stored"]["merged"] == 3
