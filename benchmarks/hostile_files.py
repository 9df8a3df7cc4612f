"""How fast the import refuses the security probe's hostile files (issue 12), next to how long the
Medellín sample's register takes to read through the same path, in the same run.

``python benchmarks/hostile_files.py`` prints a table for benchmarks/README.md. "Read" is what the
wizard's first step does with an upload: the guarded read, then the layout guess (sheets' roles,
header rows, column matching). A hostile file ends in ``UnreadableFile`` from its limit; the
figures "without the limits" show what the limits save (the wizard would then still draw a
control per sheet and a grid column per file column, not measured here).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # the hostile files' builders, shared with the tests

import hostile_files  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from toolkit import access  # noqa: E402
from toolkit.spreadsheets import exports  # noqa: E402
from toolkit.spreadsheets.mapping import inspect_sheets  # noqa: E402
from toolkit.spreadsheets.reading import ReadLimits, UnreadableFile, read_workbook  # noqa: E402
from toolkit.store import open_store  # noqa: E402
from toolkit.store.register import list_actors, list_relations  # noqa: E402
from toolkit.store.sample import load_sample  # noqa: E402
from toolkit.store.workspaces import vocabulary_terms  # noqa: E402

UNLIMITED = ReadLimits(max_sheets=10**6, max_columns=10**7, max_cells=10**9)
REPEAT = 5


def step_one(data: bytes, name: str, limits: ReadLimits | None = None) -> str:
    """The wizard's first step on a file; what came of it."""
    try:
        workbook = read_workbook(data, name, limits or ReadLimits())
    except UnreadableFile as error:
        return f"refused: {error.reason} {error.details}"
    inspect_sheets([(s.name, s.rows) for s in workbook.sheets])
    count = len(workbook.sheets)
    return f"read: {count:,} sheet{'s' if count > 1 else ''}"


def timed(data: bytes, name: str, limits: ReadLimits | None = None, repeat: int = REPEAT) -> tuple[float, str]:
    """Median seconds of ``repeat`` runs of :func:`step_one`, and its outcome."""
    times, outcome = [], ""
    for _ in range(repeat):
        start = time.perf_counter()
        outcome = step_one(data, name, limits)
        times.append(time.perf_counter() - start)
    return statistics.median(times), outcome


def tall_cells_xlsx() -> bytes:
    """Two values, in A1 and J200001: 2,000,010 cells from A1 in a 5 KB file."""
    book = Workbook()
    book.active["A1"], book.active["J200001"] = "Nombre", "x"
    with tempfile.SpooledTemporaryFile() as buffer:
        book.save(buffer)
        buffer.seek(0)
        return buffer.read()


def sample_files() -> dict[str, bytes]:
    """The Medellín sample's register as its downloads write it, as it is and repeated to the
    hostile files' size (numbered names, so every row is an actor of its own)."""
    with tempfile.TemporaryDirectory() as folder, access.acting_as(access.LOCAL):
        engine = open_store(f"sqlite:///{Path(folder) / 'sample.db'}")
        workspace_id = load_sample(engine)
        actors, relations = list_actors(engine, workspace_id), list_relations(engine, workspace_id)
        terms = vocabulary_terms(engine, workspace_id)
        engine.dispose()
    csv = exports.register_csv(actors, terms, "es")
    header, *rows = csv.decode("utf-8-sig").splitlines()
    copies = 2 * 1024 * 1024 // len(csv) + 1
    repeated = [f"{n} {row}" for n in range(copies) for row in rows]  # "0 Alcaldía de Medellín;..."
    big_csv = ("\n".join([header, *repeated]) + "\n").encode()
    workbook_copies = [a for n in range(copies * 2) for a in _renamed(actors, n)]
    return {
        "register.csv": csv,
        "register.xlsx": exports.register_workbook(actors, relations, terms, "es"),
        "register_2mb.csv": big_csv,
        "register_big.xlsx": exports.register_workbook(workbook_copies, [], terms, "es"),
    }


def _renamed(actors, n: int):
    from dataclasses import replace

    return [replace(a, name=f"{n} {a.name}") for a in actors]


def main() -> None:
    hostile = {
        "CSV, one row of 1,000,000 columns": (hostile_files.wide_csv(1_000_000), "columnas.csv"),
        "xlsx, 4,900 sheets": (hostile_files.xlsx_of_sheets(4_900), "hojas.xlsx"),
        "CSV, 200,001 rows x 10 columns (2,000,010 cells)": (hostile_files.long_csv(200_001), "filas.csv"),
        "xlsx, A1 and J200001 (2,000,010 cells)": (tall_cells_xlsx(), "celdas.xlsx"),
    }
    print("| file | size (MB) | seconds | outcome |")
    print("|---|---|---|---|")
    for label, (data, name) in hostile.items():
        seconds, outcome = timed(data, name)
        print(f"| {label} | {len(data) / 2**20:.2f} | {seconds:.3f} | {outcome.split(' {')[0]} |")
    for name, data in sample_files().items():
        seconds, outcome = timed(data, name)
        print(f"| Medellín sample, {name} | {len(data) / 2**20:.2f} | {seconds:.3f} | {outcome} |")
    for label in ("xlsx, 4,900 sheets", "CSV, one row of 1,000,000 columns"):
        data, name = hostile[label]
        seconds, outcome = timed(data, name, UNLIMITED, repeat=1)
        print(f"| {label}, without the limits | {len(data) / 2**20:.2f} | {seconds:.3f} | {outcome} |")


if __name__ == "__main__":
    main()
