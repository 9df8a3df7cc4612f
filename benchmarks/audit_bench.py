"""What the audit trail costs (``make bench``): the same writes with the trail and without it,
in the same run, on SQLite and (when Debian's postgresql is installed) PostgreSQL.

* an edit of 200 actors saved at once from the table (each row: a before and an after read, one entry);
* an import of 5,000 new actors (one entry that counts them);
* deleting 50 actors, each put in the bin with its relations.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from sqlalchemy import event  # noqa: E402

from toolkit import access  # noqa: E402
from toolkit.domain import Actor, Relation  # noqa: E402
from toolkit.store import audit, open_store  # noqa: E402
from toolkit.store.batches import RegisterBatch, import_batch, write_batch  # noqa: E402
from toolkit.store.edits import Edit  # noqa: E402
from toolkit.store.register import delete_actors, list_actors, save_actor_edits  # noqa: E402
from toolkit.store.workspaces import create_workspace  # noqa: E402


def without_trail(engine):
    event.remove(engine, "before_execute", audit._before)
    event.remove(engine, "after_execute", audit._after)
    return engine


def workload(engine, label: str) -> dict[str, float]:
    workspace = create_workspace(engine, f"Banco {label} {time.time_ns()}").id
    batch = RegisterBatch(
        new_actors=[Actor(name=f"Organización {n:05d}", email=f"c{n}@example.org", influence=3) for n in range(400)]
    )
    batch.relations = [(("new", n), ("new", n + 1), Relation(0, 0)) for n in range(0, 398, 2)]
    with engine.begin() as connection:
        write_batch(connection, workspace, batch)
    actors = list_actors(engine, workspace)
    figures = {}
    start = time.perf_counter()
    result = save_actor_edits(
        engine, workspace, [Edit(a.id, a.version, {"influence": 5, "notes": "revisado"}) for a in actors[:200]]
    )
    figures["edit 200 actors"] = time.perf_counter() - start
    assert result.saved == 200
    start = time.perf_counter()
    import_batch(engine, workspace, RegisterBatch(new_actors=[Actor(name=f"Nueva {n:05d}") for n in range(5000)]))
    figures["import 5,000 actors"] = time.perf_counter() - start
    start = time.perf_counter()
    delete_actors(engine, workspace, [a.id for a in actors[200:250]])
    figures["delete 50 actors"] = time.perf_counter() - start
    return figures


def measure(url_for) -> None:
    rounds = {True: [], False: []}
    for _ in range(3):
        for trail in (True, False):
            engine = open_store(url_for())
            if not trail:
                without_trail(engine)
            rounds[trail].append(workload(engine, "con" if trail else "sin"))
            engine.dispose()
    for name in rounds[True][0]:
        with_trail = statistics.median(r[name] for r in rounds[True])
        plain = statistics.median(r[name] for r in rounds[False])
        print(f"  {name:<22} with trail {with_trail:6.3f} s   without {plain:6.3f} s   ×{with_trail / plain:4.2f}")


def main() -> None:
    folder = Path(tempfile.mkdtemp())
    counter = iter(range(100))
    print("Audit trail cost, SQLite (median of 3):")
    measure(lambda: f"sqlite:///{folder / f'audit{next(counter)}.db'}")
    try:
        from postgres_cluster import Cluster, ClusterUnavailable
    except ImportError:
        return
    try:
        cluster = Cluster.start()
    except ClusterUnavailable as why:
        print(f"PostgreSQL skipped: {why}")
        return
    try:
        print("Audit trail cost, PostgreSQL (median of 3):")
        measure(lambda: cluster.url(cluster.create_database()))
    finally:
        cluster.stop()


if __name__ == "__main__":
    access.set_current(access.LOCAL)  # the operator's own measurement
    main()
