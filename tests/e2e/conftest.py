"""End-to-end harness: the real app under ``streamlit run`` and Debian's Chromium driven by Playwright.

* ``app_url`` (session): starts ``app.py`` on a free port against a fresh SQLite database (the app
  loads the Medellín sample on first run) and stops the whole process group at the end.
* ``page`` (function): a new browser context per test (Spanish locale, 1400x900); every request
  the page makes is recorded in ``page_requests`` so a test can check nothing left the machine.

Without ``/usr/bin/chromium`` the tests are skipped, unless ``HOJA_REQUIRE_E2E=1`` (CI), where
a missing browser is a failure.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from chromium_browser import CHROMIUM, CHROMIUM_ARGS

CHROMIUM_MISSING = (
    "Chromium not found at /usr/bin/chromium: install Debian's chromium package to run the end-to-end tests"
)
ROOT = Path(__file__).resolve().parents[2]
START_TIMEOUT_S = 60
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}


def _python() -> str:
    venv = ROOT / ".venv" / "bin" / "python"
    return str(venv) if venv.exists() else sys.executable


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(path: Path, limit: int = 4000) -> str:
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return ""
    return text[-limit:]


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


def is_local(url: str) -> bool:
    """True for a URL that stays on this machine (data:, blob: and about: URLs have no host)."""
    parsed = urlparse(url)
    if parsed.scheme in ("data", "blob", "about"):
        return True
    return parsed.hostname in LOCAL_HOSTS


class RequestLog(list):
    """The URLs a page asked for, in order; ``outside()`` lists those that left this machine."""

    def outside(self) -> list[str]:
        return [url for url in self if not is_local(url)]


@pytest.fixture(scope="session")
def chromium() -> str:
    """The browser's path; skips (or, with HOJA_REQUIRE_E2E=1, fails) when it is not installed."""
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        if os.environ.get("HOJA_REQUIRE_E2E") == "1":
            pytest.fail(CHROMIUM_MISSING)
        pytest.skip(CHROMIUM_MISSING)
    return CHROMIUM


@pytest.fixture(scope="session")
def app_database(tmp_path_factory) -> str:
    """The database URL the e2e app runs on (tests may prepare data in it with the toolkit)."""
    return f"sqlite:///{tmp_path_factory.mktemp('e2e_db') / 'e2e.db'}"


@contextmanager
def _serve(database_url: str, workdir: Path, extra_env: dict[str, str] | None = None, port: int | None = None):
    """Run ``streamlit run app.py`` on ``port`` (default: a free one) against ``database_url``; yields
    its base URL."""
    port = port or free_port()
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env["STREAMLIT_BROWSER_GATHER_USAGE_STATS"] = "false"
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra_env or {})
    stdout_path, stderr_path = workdir / "streamlit.out", workdir / "streamlit.err"
    command = [
        _python(),
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
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL, start_new_session=True
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + START_TIMEOUT_S
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"the app exited with code {process.returncode} before answering.\n"
                    f"stderr:\n{_tail(stderr_path)}\nstdout:\n{_tail(stdout_path)}"
                )
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.read().decode().strip() == "ok":
                        break
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"the app did not answer {url}/_stcore/health within {START_TIMEOUT_S} s.\n"
                    f"stderr:\n{_tail(stderr_path)}\nstdout:\n{_tail(stdout_path)}"
                )
            time.sleep(0.3)
        yield url
    finally:
        _stop(process)


@pytest.fixture(scope="session")
def serve_app(chromium):
    """``serve_app(database_url, workdir, extra_env, port)``: a context manager running another app
    server (for example with accounts on), stopped when the ``with`` block ends."""
    return _serve


@pytest.fixture(scope="session")
def app_url(chromium, tmp_path_factory, app_database) -> str:
    """The base URL of the real app, started once for the session on a fresh database."""
    with _serve(app_database, tmp_path_factory.mktemp("e2e_app")) as url:
        yield url


@pytest.fixture(scope="session")
def browser(chromium):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS, headless=True)
        yield launched
        launched.close()


@pytest.fixture
def page_requests() -> RequestLog:
    """Every URL the test's page asked for (HTTP requests and websockets), in order."""
    return RequestLog()


@pytest.fixture
def page(browser, page_requests, request, tmp_path):
    context = browser.new_context(locale="es-ES", viewport={"width": 1400, "height": 900})
    context.set_default_timeout(30_000)
    new_page = context.new_page()
    new_page.on("request", lambda req: page_requests.append(req.url))
    new_page.on("websocket", lambda ws: page_requests.append(ws.url))
    yield new_page
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.failed:
        shot = tmp_path / "failure.png"
        try:
            new_page.screenshot(path=str(shot), full_page=True)
            print(f"\nscreenshot of the failing page: {shot}")
        except Exception as error:  # the page may be gone; the test's own failure matters more
            print(f"\nno screenshot: {error}")
    context.close()


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
