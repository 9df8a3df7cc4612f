"""Two app instances over one PostgreSQL, as behind a team's proxy: what one person adds through
instance A, another sees through instance B; when both edit the same actor, the second save is
refused with a plain message and that person's typing stays in the table. And the nginx
configuration of docs/deploying.md, run in front of them, keeps each browser on one instance.

Needs Debian's chromium, postgresql and nginx packages (skipped without them, unless
HOJA_REQUIRE_E2E=1 or HOJA_REQUIRE_PG=1).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlparse

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

from tests.e2e import grid
from toolkit.i18n import t

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT = 30_000
START_TIMEOUT_S = 90
NAME = "Red de Ciudades Prueba Dos Instancias"
DEPLOYING = ROOT / "docs" / "deploying.md"
NGINX_MISSING = "nginx not found: install Debian's nginx-light package to check the proxy configuration of the docs"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(folder: Path, database_url: str) -> tuple[subprocess.Popen, str]:
    folder.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false",
        "PYTHONUNBUFFERED": "1",
    }
    command = [
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
    ]
    with open(folder / "streamlit.out", "wb") as out, open(folder / "streamlit.err", "wb") as err:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True
        )
    return process, f"http://127.0.0.1:{port}"


def _wait_healthy(process: subprocess.Popen, url: str, log_path: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        log = log_path.read_text("utf-8", errors="replace")[-3000:] if log_path.exists() else ""
        if process.poll() is not None:
            pytest.fail(f"the instance at {url} exited with code {process.returncode}:\n{log}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                if response.read().decode().strip() == "ok":
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
            pass
        if time.monotonic() > deadline:
            pytest.fail(f"the instance at {url} did not answer within {START_TIMEOUT_S} s:\n{log}")
        time.sleep(0.3)


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def instances(chromium, postgres, tmp_path_factory):
    """Two ``streamlit run app.py`` servers on two ports, started together on one new PostgreSQL database
    (so both migrate it and try to load the sample at once on their first page view)."""
    database = postgres.create_database("two_instances")
    workdir = tmp_path_factory.mktemp("two_instances")
    started = [_start(workdir / label, postgres.url(database)) for label in ("a", "b")]
    try:
        for (process, url), label in zip(started, ("a", "b"), strict=True):
            _wait_healthy(process, url, workdir / label / "streamlit.err")
        yield [url for _, url in started]
    finally:
        for process, _ in started:
            _stop(process)
        postgres.drop_database(database)


@pytest.fixture
def two_pages(browser):
    contexts = [browser.new_context(locale="es-ES", viewport={"width": 1400, "height": 900}) for _ in range(2)]
    for context in contexts:
        context.set_default_timeout(TIMEOUT)
    yield [context.new_page() for context in contexts]
    for context in contexts:
        context.close()


def wait_for_app(page: Page) -> None:
    grid.wait_for_app(page, TIMEOUT)


def open_register(page: Page, base_url: str) -> None:
    page.goto(f"{base_url}/actores")
    expect(page.get_by_role("heading", name=t("actors.title", lang="es"), level=1)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)


def search(page: Page, text: str) -> None:
    box = page.get_by_label(t("actors.filter.search", lang="es"), exact=True)
    box.fill(text)
    box.press("Enter")
    shown = re.compile(
        "^"
        + re.escape(t("actors.count", lang="es", shown="1", total="TOTAL")).replace("TOTAL", r"[\d.\s\u00a0]+")
        + "$"
    )
    expect(page.get_by_text(shown)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)


def cell(page: Page, text: str):
    _, table = grid.register_grid(page)
    return table.get_by_role("gridcell", name=text, exact=True, include_hidden=True)


def test_an_edit_through_one_instance_is_seen_through_the_other(instances, two_pages):
    url_a, url_b = instances
    page_a, page_b = two_pages
    page_a.goto(url_a)  # both instances' first page views, at about the same time
    page_b.goto(url_b)
    wait_for_app(page_a)
    wait_for_app(page_b)

    # someone adds an actor through instance A
    open_register(page_a, url_a)
    page_a.get_by_role("button", name=t("actors.add.button", lang="es")).click()
    form = page_a.get_by_test_id("stForm")
    form.get_by_label(t("columns.name", lang="es"), exact=True).fill(NAME)
    form.get_by_label(t("columns.acronym", lang="es"), exact=True).fill("RCP")
    form.get_by_role("button", name=t("actors.add.submit", lang="es"), exact=True).click()
    expect(form.get_by_label(t("columns.name", lang="es"), exact=True)).to_have_value("", timeout=TIMEOUT)
    page_a.get_by_role("heading", name=t("actors.title", lang="es"), level=1).click()  # closes the popover
    expect(page_a.get_by_role("dialog")).to_have_count(0, timeout=TIMEOUT)

    # somebody else, on instance B, finds it
    open_register(page_b, url_b)
    search(page_b, NAME)
    expect(cell(page_b, NAME)).to_have_count(1, timeout=TIMEOUT)
    expect(cell(page_b, "RCP")).to_have_count(1, timeout=TIMEOUT)

    # both change its acronym; A saves first
    search(page_a, NAME)
    grid.type_in_first_row(page_a, t("columns.acronym", lang="es"), "RCP-A", TIMEOUT)
    grid.type_in_first_row(page_b, t("columns.acronym", lang="es"), "RCP-B", TIMEOUT)
    page_a.get_by_role("button", name=t("actors.save", lang="es", count=1)).click()
    expect(page_a.get_by_text(t("actors.saved", lang="es", saved=1, deleted=0))).to_be_visible(timeout=TIMEOUT)

    # B's save is refused in plain words, and B's typing is still in the table
    page_b.get_by_role("button", name=t("actors.save", lang="es", count=1)).click()
    refused = t("actors.conflict", lang="es", names=NAME)
    expect(page_b.get_by_test_id("stAlert").filter(has_text=refused)).to_be_visible(timeout=TIMEOUT)
    expect(cell(page_b, "RCP-B")).to_have_count(1, timeout=TIMEOUT)
    expect(page_b.get_by_text("Traceback")).to_have_count(0)

    # opening the register again, B sees what A saved
    open_register(page_b, url_b)
    search(page_b, NAME)
    expect(cell(page_b, "RCP-A")).to_have_count(1, timeout=TIMEOUT)


# -- the proxy of docs/deploying.md -----------------------------------------------------------


def documented_nginx_site() -> str:
    found = re.search(r"```nginx\n(.*?)```", DEPLOYING.read_text("utf-8"), re.S)
    assert found, "docs/deploying.md has no ```nginx block"
    return found.group(1)


@pytest.fixture(scope="module")
def proxy(instances, tmp_path_factory):
    """nginx on a free port with the documented configuration, its two upstreams pointed at the instances."""
    nginx = shutil.which("nginx") or "/usr/sbin/nginx"
    if not os.access(nginx, os.X_OK):
        if os.environ.get("HOJA_REQUIRE_E2E") == "1":
            pytest.fail(NGINX_MISSING)
        pytest.skip(NGINX_MISSING)
    folder = tmp_path_factory.mktemp("proxy")
    port = _free_port()
    site = documented_nginx_site()
    for documented, url in zip(
        ("127.0.0.1:8501", "127.0.0.1:8502", "listen 80;"),
        [*(urlparse(url).netloc for url in instances), f"listen 127.0.0.1:{port};"],
        strict=True,
    ):
        assert documented in site
        site = site.replace(documented, url)
    temp_paths = "\n".join(
        f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    (folder / "nginx.conf").write_text(f"""
{"user root;" if os.geteuid() == 0 else ""}
worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"};
events {{ worker_connections 256; }}
http {{
    log_format routes '$hoja_instance $upstream_addr $status $request_uri';
    access_log {folder / "access.log"} routes;
{temp_paths}
{site}
}}
""")
    command = [nginx, "-p", str(folder), "-c", str(folder / "nginx.conf")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _wait_healthy(process, f"http://127.0.0.1:{port}", folder / "error.log")
        yield f"http://127.0.0.1:{port}", folder / "access.log"
    finally:
        _stop(process)


def small_workbook() -> bytes:
    book = Workbook()
    book.active.append(["Nombre", "Sector"])
    book.active.append(["Colectivo Detrás del Proxy", "ONG"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_the_documented_proxy_keeps_each_browser_on_one_instance(proxy, two_pages):
    url, access_log = proxy
    for page in two_pages:
        open_register(page, url)
    # an upload is a separate request, and must reach the instance that holds the page's session
    page = two_pages[0]
    page.get_by_role("tab", name=t("actors.tab.import", lang="es")).click()
    page.get_by_test_id("stFileUploader").locator("input[type=file]").set_input_files(
        {
            "name": "lista.xlsx",
            "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "buffer": small_workbook(),
        }
    )
    expect(page.get_by_role("heading", name=t("import.step2", lang="es"))).to_be_visible(timeout=TIMEOUT)

    for page in two_pages:  # nginx logs a websocket when it closes
        page.close()
    deadline = time.monotonic() + 30
    while " 101 /_stcore/stream" not in access_log.read_text() and time.monotonic() < deadline:
        time.sleep(0.2)

    routes: dict[str, set[str]] = defaultdict(set)
    requests = []
    for line in access_log.read_text().splitlines():
        browser_key, upstream, status, uri = line.split(" ", 3)
        routes[browser_key].add(upstream)
        requests.append((status, uri))
    assert len(routes) >= 2  # two browsers
    assert all(len(upstreams) == 1 for upstreams in routes.values()), dict(routes)
    assert any(status == "101" and uri.startswith("/_stcore/stream") for status, uri in requests)  # websockets
    assert any(uri.startswith("/_stcore/upload_file") for _, uri in requests)
