"""Shared fixtures: a store of one's own on each backend, the Medellín sample, workbooks.

``engine`` (and ``database_url``, an empty database) run every test that asks for them twice:
on a temporary SQLite file and on PostgreSQL, in a throwaway cluster started once per session
from Debian's ``postgresql`` package. Without the package the PostgreSQL runs are skipped with
a message; with ``HOJA_REQUIRE_PG=1`` (CI) they fail instead.

The whole suite runs on the sample's story day (``HOJA_TODAY``, read by ``toolkit.clock``, also by
the servers the browser tests start), so no test depends on the machine's date; ``test_clock``
proves the sample tells the same story on other days.
"""

import io
import os
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest
from db_templates import copy_sqlite
from openpyxl import Workbook
from postgres_cluster import Cluster, ClusterUnavailable

from toolkit import access
from toolkit.sample import STORY_DAY
from toolkit.store import open_store
from toolkit.store.sample import load_sample

os.environ["HOJA_TODAY"] = STORY_DAY.isoformat()

BACKENDS = ["sqlite", "postgresql"]
# the tests act as the operator unless they say otherwise (the default person is nobody): the
# session's fixtures on the main thread, and each test, which starts from LOCAL whatever the last set
access.set_current(access.LOCAL)


@pytest.fixture(autouse=True)
def as_the_operator():
    with access.acting_as(access.LOCAL):
        yield


@pytest.fixture(scope="session")
def postgres():
    """The session's throwaway PostgreSQL cluster."""
    try:
        cluster = Cluster.start()
    except ClusterUnavailable as why:
        if os.environ.get("HOJA_REQUIRE_PG") == "1":
            pytest.fail(f"HOJA_REQUIRE_PG=1 but: {why}")
        pytest.skip(str(why))
    yield cluster
    cluster.stop()


@pytest.fixture(scope="session")
def postgres_template(postgres):
    """A database migrated once; each test's database is a copy of it (faster than migrating again)."""
    name = postgres.create_database("migrated")
    open_store(postgres.url(name)).dispose()
    return name


@pytest.fixture(scope="session")
def postgres_sample(postgres, postgres_template):
    """A migrated database holding the sample, and the sample's workspace id (copied per test)."""
    name = postgres.create_database("sample", template=postgres_template)
    engine = open_store(postgres.url(name))
    workspace_id = load_sample(engine)
    engine.dispose()
    return name, workspace_id


@dataclass(frozen=True)
class SqliteTemplates:
    """Databases built once per session and copied per test: migrating (about 0.8 s) and loading the
    sample (about 1.4 s) once instead of in each of hundreds of tests. ``open_store`` still runs on
    each copy (and finds the schema up to date)."""

    migrated: Path
    sample: Path
    sample_workspace_id: int


@pytest.fixture(scope="session")
def sqlite_templates(tmp_path_factory) -> SqliteTemplates:
    folder = tmp_path_factory.mktemp("templates")
    migrated, sample = folder / "migrated.db", folder / "sample.db"
    open_store(f"sqlite:///{migrated}").dispose()
    copy_sqlite(migrated, sample)
    engine = open_store(f"sqlite:///{sample}")
    workspace_id = load_sample(engine)
    engine.dispose()
    return SqliteTemplates(migrated, sample, workspace_id)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


def _wants_sample(request) -> bool:
    return "sample_id" in request.fixturenames


@contextmanager
def _database(request, backend: str, tmp_path, migrated: bool):
    """A database of the test's own: empty, migrated, or (when the test asks for ``sample_id``)
    holding the sample, copied from the session's template."""
    if backend == "sqlite":
        path = tmp_path / "test.db"
        if migrated:
            templates = request.getfixturevalue("sqlite_templates")
            copy_sqlite(templates.sample if _wants_sample(request) else templates.migrated, path)
        yield f"sqlite:///{path}"
        return
    cluster = request.getfixturevalue("postgres")
    template = None
    if migrated:
        template = request.getfixturevalue("postgres_sample")[0] if _wants_sample(request) else None
        template = template or request.getfixturevalue("postgres_template")
    name = cluster.create_database(template=template)
    try:
        yield cluster.url(name)
    finally:
        cluster.drop_database(name)


@pytest.fixture
def database_url(request, backend, tmp_path):
    """The URL of an empty database on each backend."""
    with _database(request, backend, tmp_path, migrated=False) as url:
        yield url


@pytest.fixture
def engine(request, backend, tmp_path):
    """A store of the test's own, on each backend, with the schema up to date."""
    with _database(request, backend, tmp_path, migrated=True) as url:
        store = open_store(url)
        yield store
        store.dispose()


@pytest.fixture
def sample_id(request, backend, engine):
    """The sample's workspace: ``engine``'s database is a copy of the session's sample template."""
    if backend == "sqlite":
        return request.getfixturevalue("sqlite_templates").sample_workspace_id
    return request.getfixturevalue("postgres_sample")[1]


@pytest.fixture
def make_xlsx():
    """Build a real .xlsx with openpyxl: ``make_xlsx({"Sheet": rows}, merged={"Sheet": ["A1:D1"]})``."""
    return build_xlsx


def build_xlsx(sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> bytes:
    """A real .xlsx written by openpyxl: sheet name -> rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell_range in (merged or {}).get(name, []):
            sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
