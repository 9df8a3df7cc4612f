"""People editing at once on one instance (issue 17's contract).

``python benchmarks/sessions.py --sessions N --seconds S [--database sqlite|postgresql] [--actors 1000]``
starts one real ``streamlit run app.py`` on a fresh workspace of ``--actors`` actors and opens N tabs
on Actores at once, each speaking Streamlit's websocket protocol as its frontend does
(:class:`run.BrowserSession`, no browser drawing). Every 1 to 3 s each tab either searches the
register (one rerun) or adds an actor through the form (the run that writes, then the rerun that
shows it). A rerun is one script run as the tab sees it, from the click (or the end of the run
before) to its last message. The last line printed is

    sessions=N p95=SECONDS median=SECONDS cpu_per_rerun=SECONDS

where ``cpu_per_rerun`` is the instance's CPU time over the runs it served (it does not depend on
what else the machine is doing, unlike the times a tab waits).
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from run import THINK_S, BrowserSession, _cpu_seconds, _percentile, _start_instance  # noqa: E402

from toolkit import access  # noqa: E402
from toolkit.domain import Actor  # noqa: E402
from toolkit.i18n import t  # noqa: E402
from toolkit.store import open_store  # noqa: E402
from toolkit.store.batches import RegisterBatch, import_batch  # noqa: E402
from toolkit.store.workspaces import create_workspace  # noqa: E402


def build_workspace(database_url: str, actors: int) -> None:
    engine = open_store(database_url)
    workspace = create_workspace(engine, f"{actors} actores")
    chance = random.Random(5)
    batch = RegisterBatch(
        new_actors=[
            Actor(
                f"Actor {n}",
                sector="academia",
                influence=chance.randint(1, 5),
                interest=chance.randint(1, 5),
                themes=["paz"],
            )
            for n in range(actors)
        ]
    )
    import_batch(engine, workspace.id, batch)
    engine.dispose()


def measure(url: str, pid: int, sessions: int, seconds: float) -> dict[str, float]:
    """N tabs for ``seconds``: reruns measured, their median and 95th percentile, adds, CPU per rerun."""
    search_box = ("text_input", t("actors.filter.search"))
    name_box, add_button = ("text_input", t("columns.name")), ("button", t("actors.add.submit"))
    reruns: list[float] = []
    adds: list[float] = []
    failures: list[BaseException] = []
    clock: dict[str, float] = {}

    def start() -> None:  # once every tab has opened the page: the measurement starts
        clock.update(stop_at=time.monotonic() + seconds, cpu=_cpu_seconds(pid))

    opened = threading.Barrier(sessions, action=start, timeout=600)

    def person(number: int) -> None:
        chance = random.Random(number)
        try:
            with BrowserSession(url, "actores") as tab:
                tab.rerun()  # opening the page: not counted
                opened.wait()
                step = 0
                time.sleep(chance.uniform(0, THINK_S))
                while time.monotonic() < clock["stop_at"]:
                    step += 1
                    query = chance.choice(["", "actor 1", "paz", "sesión"])
                    if step % 2:
                        reruns.extend(tab.rerun({search_box: query}))
                    else:
                        runs = tab.rerun({search_box: query, name_box: f"Sesión {number}-{step}", add_button: True})
                        reruns.extend(runs)
                        adds.append(sum(runs))
                    time.sleep(chance.uniform(THINK_S / 2, THINK_S * 1.5))
        except BaseException as error:  # noqa: BLE001 - reported below
            failures.append(error)
            opened.abort()

    people = [threading.Thread(target=person, args=(number,)) for number in range(sessions)]
    for thread in people:
        thread.start()
    for thread in people:
        thread.join()
    if failures or not reruns:
        raise RuntimeError(f"{len(failures)} sessions failed; first: {failures[:1]!r}")
    return {
        "reruns": len(reruns),
        "median": statistics.median(reruns),
        "p95": _percentile(reruns, 0.95),
        "add_median": statistics.median(adds) if adds else 0.0,
        "add_p95": _percentile(adds, 0.95) if adds else 0.0,
        "cpu_per_rerun": (_cpu_seconds(pid) - clock["cpu"]) / max(1, len(reruns)),
    }


def memory_mib(pid: int) -> tuple[float, float]:
    """The instance's resident memory now and at its highest so far (Linux), MiB."""
    status = dict(line.split(":", 1) for line in Path(f"/proc/{pid}/status").read_text().splitlines() if ":" in line)
    return int(status["VmRSS"].split()[0]) / 1024, int(status["VmHWM"].split()[0]) / 1024


def database(kind: str, folder: Path):
    """The database URL and what to stop afterwards."""
    if kind == "sqlite":
        return f"sqlite:///{folder / 'sessions.db'}", None
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
    from postgres_cluster import Cluster

    cluster = Cluster.start()
    return cluster.url(cluster.create_database("bench")), cluster


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, nargs="+", default=[1], help="tabs at once (several: one run each)")
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--database", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--actors", type=int, default=1000)
    arguments = parser.parse_args()
    access.set_current(access.LOCAL)  # the operator's own measurement
    with tempfile.TemporaryDirectory() as folder:
        url, cluster = database(arguments.database, Path(folder))
        process = None
        try:
            build_workspace(url, arguments.actors)
            process, base = _start_instance(url, Path(folder))
            for count in arguments.sessions:
                figures = measure(base, process.pid, count, arguments.seconds)
                print(
                    f"{arguments.database}, {arguments.actors} actors, {count} sessions: {figures['reruns']} reruns, "
                    f"add median {figures['add_median']:.3f} p95 {figures['add_p95']:.3f}, "
                    "instance memory now {:.0f} MiB, highest {:.0f} MiB, ".format(*memory_mib(process.pid))
                    + f"load average {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
                print(
                    f"sessions={count} p95={figures['p95']:.3f} median={figures['median']:.3f} "
                    f"cpu_per_rerun={figures['cpu_per_rerun']:.3f}",
                    flush=True,
                )
        finally:
            if process is not None:
                os.killpg(process.pid, signal.SIGTERM)
                process.wait(timeout=30)
            if cluster is not None:
                cluster.stop()


if __name__ == "__main__":
    main()
