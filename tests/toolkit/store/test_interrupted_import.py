"""A command-line import killed while it is writing (power cut, out of memory, kill -9) leaves
the workspace exactly as it was, on SQLite and on PostgreSQL, and the workspace keeps working."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest
from openpyxl import Workbook

from toolkit.domain import Actor, Relation
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, add_relation, list_actors, list_relations, save_actor_edits
from toolkit.store.workspaces import create_workspace, revision

ROOT = Path(__file__).resolve().parents[3]
ROWS = 20_000
NOTES = "Registrado en el taller de abril. " * 12  # ~400 characters a row: about 10 MB to write in all
WRITTEN = 1024 * 1024  # kill once this much of the import's rows has reached the disk, uncommitted
GIVE_UP_S = 120


@pytest.fixture(scope="module")
def big_file(tmp_path_factory) -> Path:
    """20,000 new organisations and one that is already in the register (it would be merged)."""
    path = tmp_path_factory.mktemp("big") / "big.xlsx"
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actores")
    sheet.append(["Nombre", "Sigla", "Sector", "Ciudad", "Influencia", "Interés", "Temas", "Observaciones"])
    sheet.append(["Universidad de Antioquia", "UdeA", "Academia", "Medellín", "Alto", "4", "paz", "del archivo"])
    for n in range(ROWS):
        sheet.append([f"Organización {n:05d}", f"ORG{n}", "ONG", "Medellín", "Medio", "3", "paz | movilidad", NOTES])
    book.save(path)
    return path


class WriteWatcher:
    """Sees, from outside the importing process, the import's rows reaching the disk before any commit.

    SQLite: uncommitted pages that no longer fit in the writer's cache go to the write-ahead log,
    emptied before the import starts. PostgreSQL: new rows extend the table's file at once,
    committed or not.
    """

    def __init__(self, engine) -> None:
        self.sqlite = engine.dialect.name == "sqlite"
        if self.sqlite:
            with engine.connect() as connection:
                busy, _, _ = connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").one()
            assert busy == 0
            self.wal = Path(engine.url.database + "-wal")
        else:
            url = engine.url.set(drivername="postgresql").render_as_string(hide_password=False)
            self.postgres = psycopg.connect(url, autocommit=True)
            self.baseline = self._table_size()

    def _table_size(self) -> int:
        return self.postgres.execute("SELECT pg_relation_size('actors')").fetchone()[0]

    def written(self) -> int:
        if self.sqlite:
            return self.wal.stat().st_size if self.wal.exists() else 0
        return self._table_size() - self.baseline

    def close(self) -> None:
        if not self.sqlite:
            self.postgres.close()


def test_an_import_killed_while_writing_leaves_the_workspace_as_it_was(engine, big_file):
    workspace = create_workspace(engine, "Antes")
    udea = add_actor(engine, workspace.id, Actor("Universidad de Antioquia", sector="academia"))
    epm = add_actor(engine, workspace.id, Actor("EPM", city="Medellín", influence=5))
    add_relation(engine, workspace.id, Relation(udea, epm, type="cooperation"))
    before = (list_actors(engine, workspace.id), list_relations(engine, workspace.id), revision(engine, workspace.id))
    url = engine.url.render_as_string(hide_password=False)

    watcher = WriteWatcher(engine)
    importing = subprocess.Popen(
        [sys.executable, "-m", "toolkit", "import", str(big_file), "--workspace", "Antes", "--db", url],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + GIVE_UP_S
    try:
        while watcher.written() < WRITTEN:
            assert importing.poll() is None, "the import finished before it could be caught writing"
            assert time.monotonic() < deadline, "the import was never seen writing"
            time.sleep(0.002)
        assert importing.poll() is None
        importing.send_signal(signal.SIGKILL)
        out, _ = importing.communicate(timeout=GIVE_UP_S)
    finally:
        watcher.close()
        if importing.poll() is None:
            importing.kill()
    assert importing.returncode == -signal.SIGKILL  # killed, not finished
    assert out == b""  # it had not reported anything stored

    after = (list_actors(engine, workspace.id), list_relations(engine, workspace.id), revision(engine, workspace.id))
    assert after == before  # not one of the 20,000 rows, no merge into the existing actor, same revision
    # and the workspace can be written again at once
    seen = next(actor for actor in before[0] if actor.name == "EPM")
    assert save_actor_edits(engine, workspace.id, [Edit(seen.id, seen.version, {"notes": "después del corte"})]).ok
