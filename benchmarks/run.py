"""Reproducible timings (``make bench``). Each figure is printed next to its comparison,
measured in the same run on the same machine; copy the table into benchmarks/README.md."""

from __future__ import annotations

import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the throwaway PostgreSQL cluster of the tests

import pandas as pd  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from toolkit import access  # noqa: E402
from toolkit.importing import check_file, import_preview  # noqa: E402
from toolkit.store import open_store  # noqa: E402
from toolkit.store.workspaces import create_workspace  # noqa: E402

SECTORS = ["Academia", "Gobierno local", "ONG", "Empresa", "Medios", "Gremio", "Organismo internacional"]
SCALES = ["Local", "Regional", "Nacional", "Internacional"]
LEVELS = ["Alto", "Medio", "Bajo", "5", "4", "3,5", "2", "1"]
STANCES = ["Aliado", "Favorable", "Neutral", "Reticente", "Opositor"]
HEADERS = [
    "Nombre de la entidad",
    "Sigla",
    "Sector",
    "Escala",
    "País",
    "Ciudad",
    "Influencia",
    "Interés",
    "Posición",
    "Temas",
    "Persona de contacto",
    "Cargo",
    "Correo electrónico",
    "Teléfono",
    "Observaciones",
]


def register_file(path: Path, rows: int) -> None:
    random.seed(7)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actores")
    sheet.append(["Registro de actores del territorio"])
    sheet.append([])
    sheet.append(HEADERS)
    for n in range(rows):
        sheet.append(
            [
                f"Organización {n:05d}",
                f"ORG{n}",
                random.choice(SECTORS),
                random.choice(SCALES),
                "Colombia",
                "Medellín",
                random.choice(LEVELS),
                random.choice(LEVELS),
                random.choice(STANCES),
                "paz | movilidad; innovación",
                "Oficina de relaciones",
                "Coordinación",
                f"contacto{n}@example.org",
                3000000000 + n,
                "Registrado en el taller de abril",
            ]
        )
    book.save(path)


def timed(function, repeat: int = 1) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def import_benchmark(folder: Path) -> tuple[float, float]:
    path = folder / "registro_20000.xlsx"
    register_file(path, 20_000)
    data = path.read_bytes()
    baseline = timed(lambda: pd.read_excel(path, engine="openpyxl", header=2), repeat=3)
    engine = open_store(f"sqlite:///{folder / 'bench.db'}")

    def end_to_end():
        workspace = create_workspace(engine, f"Bench {time.time_ns()}")
        preview = check_file(engine, workspace.id, data, path.name)
        outcome = import_preview(engine, workspace.id, preview)
        assert outcome.stored.added == 20_000, outcome.stored

    ours = timed(end_to_end, repeat=3)
    return baseline, ours


def rerun_benchmark(
    folder: Path, pages=("pages/home.py", "pages/actors/page.py", "pages/settings.py")
) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    from toolkit.domain import Actor
    from toolkit.store.batches import RegisterBatch, import_batch

    os.environ["DATABASE_URL"] = f"sqlite:///{folder / f'rerun{len(pages)}.db'}"
    engine = open_store(os.environ["DATABASE_URL"])
    workspace = create_workspace(engine, "Mil actores")
    random.seed(3)
    batch = RegisterBatch(
        new_actors=[
            Actor(
                f"Actor {n}",
                sector="academia",
                influence=random.randint(1, 5),
                interest=random.randint(1, 5),
                themes=["paz"],
            )
            for n in range(1000)
        ]
    )
    import_batch(engine, workspace.id, batch)
    figures = {}
    for page in pages:
        seconds = []
        for attempt in range(8):
            # a fresh session each time: AppTest reruns the default page's file without app.py otherwise
            app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
            app.session_state["workspace_id"] = workspace.id
            app.run()
            if page != "pages/home.py":
                app.switch_page(page)
                app.run()
            if attempt:  # the first one warms the caches
                seconds.append(app.session_state["server_seconds"])  # measured by app.py around the run
        figures[page] = statistics.median(seconds)
    return figures


# -- concurrent editing sessions on one instance -------------------------------------------------

RERUN_GOAL_S = 0.3
THINK_S = 2.0  # a person reads, types, clicks: one interaction every 1 to 3 seconds
LEVEL_S = 30  # how long each number of sessions is measured
SESSIONS = (1, 2, 4, 6, 8, 12, 16, 24, 32)


class BrowserSession:
    """One person's tab, without a browser: Streamlit's own websocket protocol, as its frontend speaks it.

    ``rerun()`` sends the widget values a click or a keystroke would send and waits until the app
    has finished running (the whole answer has arrived). It returns the seconds each script run
    took as this tab saw it: a click that saves runs the script twice (the write, then
    ``st.rerun()`` to show it), and the second run is timed from the end of the first.
    """

    def __init__(self, base_url: str, page: str) -> None:
        self.base_url, self.page = base_url, page
        self.widgets: dict[tuple[str, str], str] = {}  # (kind, label) -> widget id
        self.cached: set[str] = set()  # big messages already received: the server then sends a reference

    def __enter__(self) -> BrowserSession:
        from websockets.sync.client import connect

        self._connection = connect(
            self.base_url.replace("http", "ws") + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.base_url,
            max_size=None,
            open_timeout=60,
        )
        self.socket = self._connection.__enter__()
        return self

    def __exit__(self, *exception) -> None:
        self._connection.__exit__(*exception)

    def rerun(self, values: dict[tuple[str, str], object] | None = None) -> list[float]:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
        from streamlit.proto.WidgetStates_pb2 import WidgetState

        message = BackMsg()
        message.rerun_script.page_name = self.page
        message.rerun_script.cached_message_hashes.extend(sorted(self.cached))
        for (kind, label), value in (values or {}).items():
            state = WidgetState(id=self.widgets[(kind, label)])
            if kind == "button":
                state.trigger_value = bool(value)
            else:
                state.string_value = str(value)
            message.rerun_script.widget_states.widgets.append(state)
        runs: list[float] = []
        start = time.perf_counter()
        self.socket.send(message.SerializeToString())
        while True:
            answer = ForwardMsg()
            answer.ParseFromString(self.socket.recv(timeout=300))
            kind = answer.WhichOneof("type")
            if answer.metadata.cacheable:
                self.cached.add(answer.hash)
            if kind == "delta" and answer.delta.WhichOneof("type") == "new_element":
                element = answer.delta.new_element
                if element.WhichOneof("type") in ("exception",):
                    raise RuntimeError(f"the page raised: {element.exception.message}")
                if element.WhichOneof("type") in ("text_input", "button"):
                    widget = getattr(element, element.WhichOneof("type"))
                    self.widgets[(element.WhichOneof("type"), widget.label)] = widget.id
            elif kind == "script_finished":
                runs.append(time.perf_counter() - start)
                start = time.perf_counter()
                if answer.script_finished == ForwardMsg.FINISHED_SUCCESSFULLY:
                    return runs


def _start_instance(database_url: str, folder: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with open(folder / "instance.log", "wb") as log:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "streamlit",
                "run",
                "app.py",
                "--server.headless",
                "true",
                "--server.address",
                "127.0.0.1",
                "--server.port",
                str(port),
                "--browser.gatherUsageStats",
                "false",
                "--server.fileWatcherType",
                "none",
            ],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=log,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    return process, url
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the instance did not start: {(folder / 'instance.log').read_text()[-2000:]}")


def _cpu_seconds(pid: int) -> float:
    """CPU time a process has used so far (Linux), whatever else the machine is doing."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def sessions_benchmark(database_url: str, folder: Path) -> list[tuple[int, int, float, float, float, float, float]]:
    """How many people editing at once one ``streamlit run`` instance serves with page reruns under 300 ms.

    A 1,000-actor workspace; each session is a tab on the Actores page that, every 1 to 3 s,
    either searches the register (one rerun) or adds an actor through the form (a run that
    writes, then the rerun that shows it; every other session then reads the register anew).
    Returns, per number of sessions: reruns measured, their median and 95th percentile, the
    median and 95th percentile of a whole add (click to page updated), and the instance's CPU
    seconds per rerun (which does not depend on what else the machine is doing).
    """
    from toolkit.domain import Actor
    from toolkit.i18n import t
    from toolkit.store.batches import RegisterBatch, import_batch

    engine = open_store(database_url)
    workspace = create_workspace(engine, "Mil actores")
    random.seed(5)
    import_batch(
        engine,
        workspace.id,
        RegisterBatch(
            new_actors=[
                Actor(
                    f"Actor {n}",
                    sector="academia",
                    influence=random.randint(1, 5),
                    interest=random.randint(1, 5),
                    themes=["paz"],
                )
                for n in range(1000)
            ]
        ),
    )
    engine.dispose()
    search_box = ("text_input", t("actors.filter.search"))
    name_box, add_button = ("text_input", t("columns.name")), ("button", t("actors.add.submit"))
    process, url = _start_instance(database_url, folder)
    rows = []
    try:
        for count in SESSIONS:
            reruns: list[float] = []
            adds: list[float] = []
            failures: list[BaseException] = []
            stop_at = time.monotonic() + LEVEL_S
            cpu_before = _cpu_seconds(process.pid)

            def person(number: int, reruns=reruns, adds=adds, failures=failures, stop_at=stop_at) -> None:
                chance = random.Random(number)
                try:
                    with BrowserSession(url, "actores") as tab:
                        tab.rerun()  # opening the page: not counted
                        step = 0
                        time.sleep(chance.uniform(0, THINK_S))
                        while time.monotonic() < stop_at:
                            step += 1
                            query = chance.choice(["", "actor 1", "paz", "sesión"])
                            if step % 2:
                                reruns.extend(tab.rerun({search_box: query}))
                            else:
                                runs = tab.rerun(
                                    {search_box: query, name_box: f"Sesión {number}-{step}", add_button: True}
                                )
                                reruns.extend(runs)
                                adds.append(sum(runs))
                            time.sleep(chance.uniform(THINK_S / 2, THINK_S * 1.5))
                except BaseException as error:  # noqa: BLE001 - reported below
                    failures.append(error)

            people = [threading.Thread(target=person, args=(number,)) for number in range(count)]
            for thread in people:
                thread.start()
            for thread in people:
                thread.join()
            if failures:
                raise RuntimeError(f"{len(failures)} sessions failed; first: {failures[0]!r}")
            cpu = (_cpu_seconds(process.pid) - cpu_before) / (len(reruns) + count)  # + each tab's first run
            rows.append(
                (
                    count,
                    len(reruns),
                    statistics.median(reruns),
                    _percentile(reruns, 0.95),
                    statistics.median(adds),
                    _percentile(adds, 0.95),
                    cpu,
                )
            )
            print(f"  {count} sessions: rerun p95 {rows[-1][3]:.3f} s, add p95 {rows[-1][5]:.3f} s", file=sys.stderr)
            if rows[-1][3] > 3 * RERUN_GOAL_S:
                break
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    return rows


def print_sessions(label: str, rows) -> None:
    print(f"\n{label} (machine load average over the last 5 minutes: {os.getloadavg()[1]:.1f})\n")
    print(
        "| sessions at once | reruns measured | rerun median | rerun p95 | add, click to page updated: median "
        "| add p95 | instance CPU per rerun |"
    )
    print("|---|---|---|---|---|---|---|")
    for count, measured, rerun_median, rerun_p95, add_median, add_p95, cpu in rows:
        print(
            f"| {count} | {measured} | {rerun_median:.3f} | {rerun_p95:.3f} | {add_median:.3f} | {add_p95:.3f} "
            f"| {cpu:.3f} |"
        )
    served = [row[0] for row in rows if row[3] < RERUN_GOAL_S]
    print(
        f"\nsessions served with 95% of page reruns under {RERUN_GOAL_S * 1000:.0f} ms: "
        f"{max(served) if served else 0} (compare 1 session, same run: rerun p95 {rows[0][3]:.3f} s)"
    )


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        baseline, ours = import_benchmark(folder)
        print("| measurement | seconds |")
        print("|---|---|")
        print(f"| pandas.read_excel(engine='openpyxl'), 20,000 x 15, reading only | {baseline:.2f} |")
        print(f"| Hoja de Ruta import end to end (read, map, validate, store in SQLite) | {ours:.2f} |")
        print(f"| ratio (openpyxl read / our whole import) | {baseline / ours:.1f}x |")
        for page, seconds in rerun_benchmark(folder).items():
            print(f"| rerun of {page} on 1,000 actors (server time, median of 7 sessions) | {seconds:.3f} |")
        from streamlit import config

        config.set_option("runner.magicEnabled", True)  # the comparison: Streamlit's default
        try:
            seconds = rerun_benchmark(folder, pages=("pages/actors/page.py",))["pages/actors/page.py"]
        finally:
            config.set_option("runner.magicEnabled", False)
        print(f"| rerun of pages/actors/page.py with Streamlit's magic on (its default) | {seconds:.3f} |")
        print_sessions(
            "One instance on SQLite (the default), seconds from a click to the page fully updated:",
            sessions_benchmark(f"sqlite:///{folder / 'sessions.db'}", folder),
        )
        try:
            from postgres_cluster import Cluster, ClusterUnavailable

            cluster = Cluster.start()
        except (ImportError, ClusterUnavailable) as why:
            print(f"\n(no PostgreSQL measurement: {why})")
            return
        try:
            print_sessions(
                "One instance on PostgreSQL (throwaway local cluster), same measurement:",
                sessions_benchmark(cluster.url(cluster.create_database("bench")), folder),
            )
        finally:
            cluster.stop()


if __name__ == "__main__":
    access.set_current(access.LOCAL)  # the operator's own measurement
    main()
