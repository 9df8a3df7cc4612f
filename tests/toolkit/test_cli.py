"""The command line contract of DESIGN.md, run as a user's script would run it."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parents[2]


def run(*args, env_db=None):
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def listing(tmp_path, make_xlsx):
    path = tmp_path / "lista.xlsx"
    path.write_bytes(
        make_xlsx(
            {
                "Actores": [
                    ["Título del listado"],
                    [None],
                    ["Nombre", "Influencia", "Sector"],
                    ["Universidad EAFIT", "Alto", "Academia"],
                    ["Comfama", "mucho", "Caja de compensación"],
                ],
                "Relaciones": [["Origen", "Destino", "Tipo"], ["Universidad EAFIT", "Comfama", "Cooperación"]],
            }
        )
    )
    return path


def test_check_prints_one_json_object_with_excel_rows(listing):
    result = run("check", str(listing), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert (report["format"], report["actors"], report["relations"]) == ("generic", 2, 1)
    influence = next(w for w in report["warnings"] if w["column"] == "Influencia")
    assert (influence["sheet"], influence["row"]) == ("Actores", 5) and "mucho" in influence["message"]
    assert {w["column"] for w in report["warnings"]} == {"Influencia"}
    # a sector the lists lack is the file's own term, added and reported (issue 13)
    assert report["new_terms"] == [
        {"vocabulary": "sectors", "key": "custom_caja_de_compensacion", "label": "Caja de compensación", "rows": 1}
    ]
    assert report["errors"] == []


@pytest.mark.parametrize(
    "content, name, words",
    [
        (b"%PDF-1.7 not a sheet", "lista.xlsx", "PDF"),
        (b"", "vacio.xlsx", "vacío"),
        (b"PK\x03\x04broken", "roto.xlsx", "dañado"),
    ],
)
def test_unreadable_files_exit_2_with_one_plain_line(tmp_path, content, name, words):
    path = tmp_path / name
    path.write_bytes(content)
    result = run("check", str(path), "--json")
    assert result.returncode == 2
    assert words in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_import_export_and_sample(tmp_path, listing):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    imported = run("import", str(listing), "--workspace", "Medellín CLI", "--db", db, "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["stored"] == {"added": 2, "merged": 0, "relations": 1}
    again = run("import", str(listing), "--workspace", "Medellín CLI", "--db", db, "--json", "--duplicates", "skip")
    assert json.loads(again.stdout)["stored"]["added"] == 0
    out = tmp_path / "copia.xlsx"
    exported = run("export", "--workspace", "Medellín CLI", "--out", str(out), "--db", db)
    assert exported.returncode == 0 and out.stat().st_size > 0
    sample = run("sample", "--workspace", "Ejemplo", "--db", db)
    assert sample.returncode == 0 and "Ejemplo" in sample.stdout
    twice = run("sample", "--workspace", "Ejemplo", "--db", db)
    assert twice.returncode == 2 and "Ejemplo" in twice.stderr and "Traceback" not in twice.stderr


def test_a_failed_cli_import_of_an_unreadable_file_creates_nothing(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"%PDF-1.4")
    assert run("import", str(bad), "--workspace", "Nuevo", "--db", db).returncode == 2
    assert not (tmp_path / "cli.db").exists()


def test_export_to_an_unknown_format_is_refused_plainly(tmp_path):
    result = run(
        "export", "--workspace", "X", "--out", str(tmp_path / "x.pdf"), "--db", f"sqlite:///{tmp_path / 'cli.db'}"
    )
    assert result.returncode == 2 and ".pdf" in result.stderr


@pytest.mark.parametrize("suffix, marker", [(".html", b"vis.Network"), (".gexf", b"<gexf"), (".graphml", b"<graphml")])
def test_the_map_exports_from_the_command_line(tmp_path, suffix, marker):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run("sample", "--workspace", "Mapa", "--db", db).returncode == 0
    out = tmp_path / f"mapa{suffix}"
    result = run("export", "--workspace", "Mapa", "--out", str(out), "--db", db)
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert marker in data and "Medellín".encode() in data
    if suffix == ".html":
        assert b"https://cdn" not in data and b"<script src=" not in data


def test_a_backup_imported_into_a_new_workspace_comes_back_whole(tmp_path):
    """DESIGN.md: export a backup, import it into an empty workspace, export again: the same workbook
    (the roadmap and the indicators too, not only the register)."""
    from openpyxl import load_workbook

    db = f"sqlite:///{tmp_path / 'cli.db'}"
    first, second = tmp_path / "primera.xlsx", tmp_path / "segunda.xlsx"
    assert run("sample", "--workspace", "Medellín", "--db", db).returncode == 0
    assert run("export", "--workspace", "Medellín", "--out", str(first), "--db", db).returncode == 0
    imported = run("import", str(first), "--workspace", "Medellín (copia)", "--db", db, "--json")
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout)["errors"] == []
    assert run("export", "--workspace", "Medellín (copia)", "--out", str(second), "--db", db).returncode == 0

    def sheets(path):
        return {
            ws.title: [list(row) for row in ws.iter_rows(values_only=True)]
            for ws in load_workbook(path, read_only=True).worksheets
        }

    before, after = sheets(first), sheets(second)
    assert len(before["milestones"]) > 10 and len(before["indicator_measurements"]) > 10
    for name in before:
        if name != "workspace":
            assert before[name] == after[name], name
