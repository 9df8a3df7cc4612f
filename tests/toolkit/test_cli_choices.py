"""Issue 13: the command line makes the wizard's choices (--sheet, --header-row, --map), reports
and adds the file's own terms, and stores nothing when nothing can be imported. Files are written
by the tests, with invented organisations."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import build_xlsx
from toolkit.store import open_store
from toolkit.store.register import list_actors
from toolkit.store.workspaces import find_workspace, vocabulary_terms

ROOT = Path(__file__).parents[2]
BOOK = {
    "Portada": [["Registro de interesados del proyecto Río Limpio"], ["Versión 2"]],
    "Interesados": [
        ["Registro de interesados"],
        ["Entidad responsable", "Categoría", "Poder"],
        ["Acueducto Ficticio del Norte", "advocate", "High (users of the system)"],
        ["Veeduría Inventada", "obstacle", "Bajo"],
        ["Gremio Imaginario", "ally", "Medio"],
    ],
    "Borrador": [["Nombre", "Sector"], ["Entidad que no va", "ONG"]],
}


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "interesados.xlsx"
    path.write_bytes(build_xlsx(BOOK))
    return path


def test_the_wizards_choices_on_the_command_line(book):
    result = run(
        "check", str(book), "--json", "--sheet", "Interesados", "--header-row", "2", "--map", "Entidad responsable=name"
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["actors"] == 3 and report["errors"] == [] and report["warnings"] == []
    assert report["new_terms"] == []


def test_map_by_column_letter_and_to_ignore(book):
    result = run(
        "check",
        str(book),
        "--json",
        "--sheet",
        "Interesados",
        "--header-row",
        "2",
        "--map",
        "A=name",
        "--map",
        "Poder=ignore",
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["actors"] == 3


@pytest.mark.parametrize(
    "args, words",
    [
        (["--sheet", "Hoja9"], "Hoja9"),
        (["--header-row", "40", "--sheet", "Interesados"], "40"),
        (["--map", "Entidad"], "--map"),
        (["--map", "Entidad responsable=nombre"], "nombre"),
        (["--map", "Columna inventada=name"], "Columna inventada"),
    ],
)
def test_choices_that_do_not_fit_the_file_exit_2_with_one_line(book, args, words):
    result = run("check", str(book), *args)
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_import_stores_what_the_choices_say_and_reports_new_terms(tmp_path, book):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    args = ["import", str(book), "--workspace", "Río Limpio", "--db", db, "--json", "--sheet", "Interesados"]
    result = run(*args, "--header-row", "2", "--map", "Entidad responsable=name", "--map", "Categoría=sector")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["stored"]["added"] == 3
    labels = {(term["vocabulary"], term["label"], term["rows"]) for term in report["new_terms"]}
    assert labels == {("sectors", "advocate", 1), ("sectors", "obstacle", 1), ("sectors", "ally", 1)}
    engine = open_store(db)
    workspace = find_workspace(engine, "Río Limpio")
    assert ("custom_obstacle", "obstacle") in vocabulary_terms(engine, workspace.id)["sectors"]
    assert {a.name: a.influence for a in list_actors(engine, workspace.id)}["Acueducto Ficticio del Norte"] == 4
    engine.dispose()


def test_a_category_of_stance_words_is_the_stance_without_choices(tmp_path):
    path = tmp_path / "registro.xlsx"
    path.write_bytes(
        build_xlsx(
            {"Stakeholders": [["Name", "category"], ["Alcaldía Inventada", "advocate"], ["Junta Ficticia", "obstacle"]]}
        )
    )
    result = run("check", str(path), "--json")
    report = json.loads(result.stdout)
    assert report["new_terms"] == [] and report["warnings"] == []


def test_nothing_to_import_stores_nothing_creates_no_workspace_and_exits_1(tmp_path):
    path = tmp_path / "sin_nombres.xlsx"
    path.write_bytes(build_xlsx({"Hoja1": [["Poder", "Interés"], [4, 5], [3, 2]]}))
    db = f"sqlite:///{tmp_path / 'vacio.db'}"
    result = run("import", str(path), "--workspace", "No debe existir", "--db", db)
    assert result.returncode == 1, result.stderr
    assert "paso" not in result.stdout.lower() and "--" in result.stdout  # the CLI's own advice
    engine = open_store(db)
    assert find_workspace(engine, "No debe existir") is None
    engine.dispose()
    as_json = run("import", str(path), "--workspace", "No debe existir", "--db", db, "--json")
    assert as_json.returncode == 1
    report = json.loads(as_json.stdout)
    assert report["stored"] == {"added": 0, "merged": 0, "relations": 0} and report["errors"]


def test_a_chosen_header_row_of_two_rows_is_joined_as_in_the_wizard(tmp_path):
    """--header-row names the first row of a PMBOK register's two-row header: both rows are read."""
    path = tmp_path / "pmbok.xlsx"
    rows = [
        ["Registro de interesados"],
        ["Nombre", "Impacto", "Influencia"],
        [None, "(A, M, B)", "(A, M, B)"],
        ["Secretaría Inventada de Movilidad", "A", "M"],
        ["Empresa Ficticia de Buses", "B", "A"],
    ]
    path.write_bytes(build_xlsx({"Registro": rows}))
    result = run("check", str(path), "--json", "--header-row", "2")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["actors"] == 2 and report["errors"] == []


def test_messages_never_point_to_a_wizard_step(tmp_path):
    path = tmp_path / "dos_hojas.xlsx"
    path.write_bytes(build_xlsx({"Lista": [["Sin título"], [1, 2], [3, 4]], "Notas": [["x"]]}))
    result = run("check", str(path))
    assert "paso" not in result.stdout.lower() and "--" in result.stdout
