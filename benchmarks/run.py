"""Reproducible timings (``make bench``). Each figure is printed next to its comparison,
measured in the same run on the same machine; copy the table into benchmarks/README.md."""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from toolkit.register import check_file, import_preview  # noqa: E402
from toolkit.store import open_store  # noqa: E402
from toolkit.store.workspaces import create_workspace  # noqa: E402

SECTORS = ["Academia", "Gobierno local", "ONG", "Empresa", "Medios", "Gremio", "Organismo internacional"]
SCALES = ["Local", "Regional", "Nacional", "Internacional"]
LEVELS = ["Alto", "Medio", "Bajo", "5", "4", "3,5", "2", "1"]
STANCES = ["Aliado", "Favorable", "Neutral", "Reticente", "Opositor"]
HEADERS = ["Nombre de la entidad", "Sigla", "Sector", "Escala", "País", "Ciudad", "Influencia", "Interés",
           "Posición", "Temas", "Persona de contacto", "Cargo", "Correo electrónico", "Teléfono", "Observaciones"]


def register_file(path: Path, rows: int) -> None:
    random.seed(7)
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actores")
    sheet.append(["Registro de actores del territorio"])
    sheet.append([])
    sheet.append(HEADERS)
    for n in range(rows):
        sheet.append([f"Organización {n:05d}", f"ORG{n}", random.choice(SECTORS), random.choice(SCALES), "Colombia",
                      "Medellín", random.choice(LEVELS), random.choice(LEVELS), random.choice(STANCES),
                      "paz | movilidad; innovación", "Oficina de relaciones", "Coordinación",
                      f"contacto{n}@example.org", 3000000000 + n, "Registrado en el taller de abril"])
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


def rerun_benchmark(folder: Path) -> dict[str, float]:
    from streamlit.testing.v1 import AppTest

    from toolkit.domain import Actor
    from toolkit.store.register import RegisterBatch, import_batch

    os.environ["DATABASE_URL"] = f"sqlite:///{folder / 'rerun.db'}"
    engine = open_store(os.environ["DATABASE_URL"])
    workspace = create_workspace(engine, "Mil actores")
    random.seed(3)
    batch = RegisterBatch(new_actors=[Actor(f"Actor {n}", sector="academia", influence=random.randint(1, 5),
                                            interest=random.randint(1, 5), themes=["paz"]) for n in range(1000)])
    import_batch(engine, workspace.id, batch)
    figures = {}
    for page in ("pages/home.py", "pages/actors.py", "pages/settings.py"):
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


if __name__ == "__main__":
    main()
