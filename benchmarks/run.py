"""Reproducible timings (``make bench``). Each figure is printed next to its comparison,
measured in the same run on the same machine; copy the table into benchmarks/README.md."""

from __future__ import annotations

import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

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


def import_benchmark(folder: Path, url: str | None = None, repeat: int = 3) -> tuple[float, float]:
    """Medians of openpyxl's read alone and of our whole import (into SQLite, or the store at
    ``url``), taken in turns so that both meet the same load on a shared machine."""
    path = folder / "registro_20000.xlsx"
    register_file(path, 20_000)
    data = path.read_bytes()
    engine = open_store(url or f"sqlite:///{folder / 'bench.db'}")

    def end_to_end():
        workspace = create_workspace(engine, f"Bench {time.time_ns()}")
        preview = check_file(engine, workspace.id, data, path.name)
        outcome = import_preview(engine, workspace.id, preview)
        assert outcome.stored.added == 20_000, outcome.stored

    end_to_end()  # warm-up: the first import also compiles and caches what every later one uses
    baseline, ours = [], []
    for _ in range(repeat):
        baseline.append(timed(lambda: pd.read_excel(path, engine="openpyxl", header=2)))
        ours.append(timed(end_to_end))
    engine.dispose()
    return statistics.median(baseline), statistics.median(ours)


def print_import_benchmark(folder: Path, url: str | None = None, store: str = "SQLite") -> None:
    start = os.getloadavg()[0]
    baseline, ours = import_benchmark(folder, url)
    load = f"load average {start:.1f} -> {os.getloadavg()[0]:.1f}"
    print(f"| pandas.read_excel(engine='openpyxl'), 20,000 x 15, reading only ({load}) | {baseline:.2f} |")
    print(f"| Hoja de Ruta import end to end (read, map, validate, store in {store}) | {ours:.2f} |")
    print(f"| ratio (openpyxl read / our whole import) | {baseline / ours:.1f}x |")


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


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        print("| measurement | seconds |")
        print("|---|---|")
        print_import_benchmark(folder)
        if sys.argv[1:2] == ["import"]:  # `python benchmarks/run.py import [DATABASE_URL]`: the import only
            if sys.argv[2:3]:
                print_import_benchmark(folder, sys.argv[2], "PostgreSQL")
            return
        for page, seconds in rerun_benchmark(folder).items():
            print(f"| rerun of {page} on 1,000 actors (server time, median of 7 sessions) | {seconds:.3f} |")
        from streamlit import config

        config.set_option("runner.magicEnabled", True)  # the comparison: Streamlit's default
        try:
            seconds = rerun_benchmark(folder, pages=("pages/actors/page.py",))["pages/actors/page.py"]
        finally:
            config.set_option("runner.magicEnabled", False)
        print(f"| rerun of pages/actors/page.py with Streamlit's magic on (its default) | {seconds:.3f} |")
        # people editing at once: benchmarks/sessions.py (make bench runs it for 1, 5, 10 and 20 sessions)


if __name__ == "__main__":
    access.set_current(access.LOCAL)  # the operator's own measurement
    main()
