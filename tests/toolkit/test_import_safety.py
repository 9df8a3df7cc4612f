"""The security probe's findings on the import (issue 12), reproduced.

A hostile file (a million columns, thousands of sheets, millions of cells) is refused by its limit
before anything is parsed, stored or matched, in the app's use case and in the command line; and
imports of one list at once, from separate processes, add it once (the plan is made after the
workspace is locked), the others merging into it.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import hostile_files
import pytest

from toolkit.cli import main as cli
from toolkit.domain import Actor
from toolkit.i18n import t
from toolkit.importing import PlanCounts, check_file, import_preview, plan_counts, plan_preview
from toolkit.spreadsheets.reading import UnreadableFile
from toolkit.store.register import add_actor, list_actors
from toolkit.store.workspaces import create_workspace, revision

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 4
LIST = "Nombre;Sector;Ciudad\n" + "".join(f"Entidad de prueba {n};ONG;Medellín\n" for n in range(1, 41))

HOSTILE = {
    "million_columns": (lambda: hostile_files.wide_csv(1_000_000), "columnas.csv", "too_many_columns"),
    "4900_sheets": (lambda: hostile_files.xlsx_of_sheets(4_900), "hojas.xlsx", "too_many_sheets"),
    "over_the_cell_limit": (lambda: hostile_files.long_csv(200_001), "filas.csv", "too_large"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_file_is_refused_plainly_and_nothing_is_stored(engine, case):
    build, name, reason = HOSTILE[case]
    workspace = create_workspace(engine, "Sondeo")
    before = revision(engine, workspace.id)
    with pytest.raises(UnreadableFile) as refused:
        check_file(engine, workspace.id, build(), name)
    assert refused.value.reason == reason
    message = t(refused.value.message_key, **refused.value.details)
    assert "{" not in message and "import." not in message  # a sentence, every blank filled
    assert list_actors(engine, workspace.id) == [] and revision(engine, workspace.id) == before


@pytest.mark.parametrize("case", HOSTILE)
def test_the_command_line_refuses_a_hostile_file_with_exit_2(tmp_path, capsys, case):
    build, name, reason = HOSTILE[case]
    path = tmp_path / name
    path.write_bytes(build())
    database = f"sqlite:///{tmp_path / 'cli.db'}"
    assert cli(["check", str(path)]) == 2
    assert cli(["import", str(path), "--workspace", "Sondeo", "--db", database]) == 2
    err = capsys.readouterr().err
    limit = {"too_many_columns": "500", "too_many_sheets": "100", "too_large": "2000000"}[reason]
    assert err.count(limit) == 2 and "Traceback" not in err
    assert not (tmp_path / "cli.db").exists()  # refused before the database was opened


# -- imports at once ---------------------------------------------------------------------------

IMPORTER = r"""
import json, os, sys, time
from toolkit import access
from toolkit.importing import check_file, import_preview
from toolkit.store import open_store

url, workspace_id, path, go = sys.argv[1:]
access.set_current(access.LOCAL)
engine = open_store(url)
preview = check_file(engine, int(workspace_id), open(path, "rb").read(), "lista.csv")  # checked before any import
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.002)
try:
    outcome = import_preview(engine, int(workspace_id), preview)
    answer = {"added": outcome.stored.added, "merged": outcome.plan.merged, "conflicts": outcome.stored.conflicts}
except Exception as error:
    answer = {"error": f"{type(error).__name__}: {error}"}
print(json.dumps(answer), flush=True)
"""


def test_four_processes_importing_one_list_at_once_add_it_once(engine, tmp_path):
    """The probe left 80 actors of a 40-actor list in one run of four: each import planned on the
    register it read before taking the workspace's lock."""
    workspace = create_workspace(engine, "A la vez")
    path, go = tmp_path / "lista.csv", tmp_path / "go"
    path.write_text(LIST, encoding="utf-8")
    url = engine.url.render_as_string(hide_password=False)
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", IMPORTER, url, str(workspace.id), str(path), str(go)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    for worker in workers:  # every file checked (no actor in the register yet) before any import starts
        assert worker.stdout.readline().strip() == "ready", worker.communicate()[1]
    go.touch()
    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    assert [o.get("error") for o in outcomes] == [None] * PROCESSES
    assert sorted(o["added"] for o in outcomes) == [0] * (PROCESSES - 1) + [40]
    assert sorted(o["merged"] for o in outcomes) == [0] + [40] * (PROCESSES - 1)
    assert [o["conflicts"] for o in outcomes] == [[]] * PROCESSES
    names = [a.name for a in list_actors(engine, workspace.id)]
    assert len(names) == 40 == len(set(names))


def test_a_plan_that_changed_since_it_was_shown_stores_nothing_and_comes_back(engine, tmp_path):
    workspace = create_workspace(engine, "Cambió")
    preview = check_file(engine, workspace.id, LIST.encode(), "lista.csv")
    shown = plan_counts(plan_preview(engine, workspace.id, preview))
    assert shown == PlanCounts(added=40, merged=0, skipped=0, relations=0)
    add_actor(engine, workspace.id, Actor("Entidad de prueba 7"))  # someone else, meanwhile
    before = revision(engine, workspace.id)

    outcome = import_preview(engine, workspace.id, preview, expected=shown)
    assert outcome.replanned and outcome.stored is None
    assert plan_counts(outcome.plan) == PlanCounts(added=39, merged=1, skipped=0, relations=0)
    assert len(list_actors(engine, workspace.id)) == 1 and revision(engine, workspace.id) == before

    again = import_preview(engine, workspace.id, preview, expected=plan_counts(outcome.plan))
    assert not again.replanned and (again.stored.added, again.stored.updated) == (39, 1)
    assert len(list_actors(engine, workspace.id)) == 40
