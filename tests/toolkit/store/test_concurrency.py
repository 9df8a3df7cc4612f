"""Many people writing to one workspace at once, on SQLite and on PostgreSQL: no update is lost,
nobody sees "database is locked", and of two edits made from the same version exactly one is
saved while the other person is told."""

from __future__ import annotations

import contextvars
import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import event, inspect

from toolkit.domain import Actor, Relation
from toolkit.i18n import t
from toolkit.store import StoreError, open_store
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, add_relation, list_actors, list_relations, save_actor_edits
from toolkit.store.sample import load_sample
from toolkit.store.workspaces import create_workspace, list_workspaces, lock_workspace, revision

ROOT = Path(__file__).resolve().parents[3]
THREADS = 8
EACH = 10
ROUNDS = 4
PROCESSES = 4


def together(tasks):
    """Run the tasks in threads released at the same moment; their results or the exceptions they raised."""
    start = threading.Barrier(len(tasks))
    results: list[object] = [None] * len(tasks)

    def run(index, context):
        start.wait()
        try:
            results[index] = context.run(tasks[index])  # acting as the test does (a thread starts as nobody)
        except BaseException as error:  # noqa: BLE001 - the test reports every one
            results[index] = error

    threads = [threading.Thread(target=run, args=(index, contextvars.copy_context())) for index in range(len(tasks))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def raised(results) -> list[BaseException]:
    return [result for result in results if isinstance(result, BaseException)]


def url_of(engine) -> str:
    return engine.url.render_as_string(hide_password=False)


# -- threads in one app instance ------------------------------------------------------------


def test_threads_adding_importing_and_editing_at_once_lose_nothing(engine):
    workspace = create_workspace(engine, "Muchas manos")
    own = [add_actor(engine, workspace.id, Actor(f"Propio {n}")) for n in range(THREADS)]
    hub = add_actor(engine, workspace.id, Actor("Alcaldía"))
    before = revision(engine, workspace.id)

    def adder(n):
        return lambda: [add_actor(engine, workspace.id, Actor(f"Hilo {n} actor {m}")) for m in range(EACH)]

    def editor(n):  # edits only its own actor, always from the version it just saw: never a conflict
        def edit():
            results = []
            for m in range(EACH):
                seen = next(a for a in list_actors(engine, workspace.id) if a.id == own[n])
                results.append(save_actor_edits(engine, workspace.id, [Edit(own[n], seen.version, {"notes": str(m)})]))
            return results

        return edit

    def importer():
        batch = RegisterBatch(
            new_actors=[Actor(f"Importado {m}") for m in range(200)],
            relations=[(("new", m), ("existing", hub), Relation(0, 0)) for m in range(200)],
        )
        return import_batch(engine, workspace.id, batch)

    def linker(n):  # each relation of its own type: the same one twice is refused (issue 14)
        return lambda: [
            add_relation(engine, workspace.id, Relation(own[n], hub, type=f"tipo_{m}", description=str(m)))
            for m in range(EACH)
        ]

    results = together(
        [adder(n) for n in range(THREADS)]
        + [editor(n) for n in range(THREADS)]
        + [importer]
        + [linker(n) for n in range(THREADS)]
    )

    assert raised(results) == []
    edits = [save for result in results[THREADS : 2 * THREADS] for save in result]
    assert all(save.ok for save in edits)
    actors = {a.name: a for a in list_actors(engine, workspace.id)}
    assert {f"Hilo {n} actor {m}" for n in range(THREADS) for m in range(EACH)} <= actors.keys()
    assert {f"Importado {m}" for m in range(200)} <= actors.keys()
    assert len(actors) == THREADS + 1 + THREADS * EACH + 200
    assert {actors[f"Propio {n}"].notes for n in range(THREADS)} == {str(EACH - 1)}
    assert {actors[f"Propio {n}"].version for n in range(THREADS)} == {1 + EACH}
    relations = list_relations(engine, workspace.id)
    assert len(relations) == 200 + THREADS * EACH
    imported_ids = {actors[f"Importado {m}"].id for m in range(200)}
    assert {r.source for r in relations if r.target == hub} >= imported_ids  # relations tied to the right actors
    # every write counted exactly once in the workspace revision: not even the counter lost an update
    writes = THREADS * EACH * 3 + 1
    assert revision(engine, workspace.id) == before + writes


def test_of_simultaneous_edits_to_one_actor_exactly_one_wins_each_round(engine):
    workspace = create_workspace(engine, "Una ficha")
    actor_id = add_actor(engine, workspace.id, Actor("EPM"))
    for _round in range(ROUNDS):
        seen = list_actors(engine, workspace.id)[0]  # everybody opened the table at this version
        results = together(
            [
                (
                    lambda n=n, version=seen.version: save_actor_edits(
                        engine, workspace.id, [Edit(actor_id, version, {"city": f"C{n}"})]
                    )
                )
                for n in range(THREADS)
            ]
        )
        assert raised(results) == []
        winners = [n for n, result in enumerate(results) if result.ok]
        assert len(winners) == 1
        assert all(result.conflicts == ["EPM"] for result in results if not result.ok)  # the others are told
        stored = list_actors(engine, workspace.id)[0]
        assert (stored.city, stored.version) == (f"C{winners[0]}", seen.version + 1)


def test_two_saves_of_the_same_rows_in_opposite_order_do_not_deadlock(engine):
    workspace = create_workspace(engine, "Orden")
    ids = [add_actor(engine, workspace.id, Actor(name)) for name in ("A", "B", "C", "D")]
    for _round in range(ROUNDS):
        seen = {a.id: a.version for a in list_actors(engine, workspace.id)}
        forward = [Edit(i, seen[i], {"notes": "forward"}) for i in ids]
        backward = [Edit(i, seen[i], {"notes": "backward"}) for i in reversed(ids)]
        results = together(
            [lambda edits=edits: save_actor_edits(engine, workspace.id, edits) for edits in (forward, backward)]
        )
        assert raised(results) == []
        assert sorted(result.ok for result in results) == [False, True]
        notes = {a.notes for a in list_actors(engine, workspace.id)}
        assert len(notes) == 1  # one whole save stands, not a mix of the two


def test_two_first_runs_loading_the_sample_at_once_load_it_once(engine):
    results = together([lambda: load_sample(engine), lambda: load_sample(engine)])
    loaded = [result for result in results if isinstance(result, int)]
    refused = [result for result in results if isinstance(result, StoreError)]
    assert len(loaded) == 1 and [error.reason for error in refused] == ["name_taken"]
    assert len(list_workspaces(engine)) == 1


def test_a_write_that_cannot_wait_any_longer_is_refused_plainly(engine, backend):
    workspace = create_workspace(engine, "Ocupado")
    impatient = open_store(url_of(engine))  # the store waits 15 s for another writer; this test cannot

    @event.listens_for(impatient, "connect")
    def short_wait(dbapi_connection, _record):
        if backend == "sqlite":
            dbapi_connection.execute("PRAGMA busy_timeout=200")
        else:
            dbapi_connection.execute("SET lock_timeout = 200")
            dbapi_connection.commit()

    impatient.dispose()  # later connections get the short wait
    with engine.connect() as other_writer:  # somebody else's long write holds the workspace
        other_writer.begin()
        lock_workspace(other_writer, workspace.id)
        with pytest.raises(StoreError) as refused:
            add_actor(impatient, workspace.id, Actor("Fundación Paciente"))
        other_writer.rollback()
    assert refused.value.reason == "busy"
    assert "locked" not in t(refused.value.message_key) and refused.value.message_key == "store.busy"
    assert list_actors(engine, workspace.id) == []  # nothing half-written
    add_actor(impatient, workspace.id, Actor("Fundación Paciente"))  # once the other write ends, it goes through
    assert [a.name for a in list_actors(engine, workspace.id)] == ["Fundación Paciente"]
    impatient.dispose()


# -- separate processes: several app instances, the command line -------------------------------

WORKER = r"""
import json, os, sys, time
from toolkit import access
from toolkit.domain import Actor
from toolkit.store import open_store
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, save_actor_edits

access.set_current(access.LOCAL)  # an operator's script
url, workspace_id, worker, count, actor_id, go = sys.argv[1:]
engine = open_store(url)
print("ready", flush=True)
while not os.path.exists(go):
    time.sleep(0.002)
outcome = {"added": 0}
try:
    for m in range(int(count)):
        add_actor(engine, int(workspace_id), Actor(f"Proceso {worker} actor {m}"))
        outcome["added"] += 1
    result = save_actor_edits(engine, int(workspace_id), [Edit(int(actor_id), 1, {"city": f"P{worker}"})])
    outcome["edit"] = "saved" if result.ok else result.conflicts
except Exception as error:
    outcome["error"] = f"{type(error).__name__}: {error}"
print(json.dumps(outcome), flush=True)
"""


def start_python(args, **options) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **options
    )


def test_processes_writing_to_one_workspace_lose_nothing(engine, tmp_path):
    workspace = create_workspace(engine, "Varias instancias")
    actor_id = add_actor(engine, workspace.id, Actor("Gobernación"))
    go = tmp_path / "go"
    workers = [
        start_python(["-c", WORKER, url_of(engine), str(workspace.id), str(n), str(EACH), str(actor_id), str(go)])
        for n in range(PROCESSES)
    ]
    for worker in workers:  # every process has its engine open before any of them writes
        assert worker.stdout.readline().strip() == "ready", worker.communicate()[1]
    go.touch()
    outcomes = []
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err
        outcomes.append(json.loads(out.strip().splitlines()[-1]))

    assert [o.get("error") for o in outcomes] == [None] * PROCESSES
    assert [o["added"] for o in outcomes] == [EACH] * PROCESSES
    edits = [o["edit"] for o in outcomes]  # all edited the same actor from version 1
    assert edits.count("saved") == 1
    assert [e for e in edits if e != "saved"] == [["Gobernación"]] * (PROCESSES - 1)
    names = [a.name for a in list_actors(engine, workspace.id)]
    assert len(names) == 1 + PROCESSES * EACH == len(set(names))


def test_instances_starting_together_on_a_new_database_migrate_it_once(database_url):
    opener = "import sys; from toolkit.store import open_store; open_store(sys.argv[1]).dispose(); print('ok')"
    workers = [start_python(["-c", opener, database_url]) for _ in range(PROCESSES)]
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert (worker.returncode, out.strip()) == (0, "ok"), err
    store = open_store(database_url)
    assert {"workspaces", "actors", "relations", "alembic_version"} <= set(inspect(store).get_table_names())
    workspace = create_workspace(store, "Recién creada")
    assert add_actor(store, workspace.id, Actor("A"))
    store.dispose()
