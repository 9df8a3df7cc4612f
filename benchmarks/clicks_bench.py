"""From a click in the sidebar to a settled page, in headless Chromium, for every page (issue 17).

The real app runs under ``streamlit run`` on a temporary SQLite database holding the Medellín sample
(loaded by the app's first run, as a new install does). For every page listed in the sidebar the
browser first opens another page, then clicks the page's link; the clock stops when the page is
settled: the server has said that the run the click started is over (Streamlit's
``script_finished`` on the page's websocket), the page's title is drawn in place of the previous
page's, Streamlit's status widget is gone, no spinner and nothing stale is left, and this held for
300 ms (the time counted is when it began to hold); on a page with the network map, also when the
map's frame says vis-network has drawn it (``body[data-drawn]``; physics is off, so drawn is
still). One visit per page first (not counted: it imports the page's modules and fills the caches
of the workspace's revision), then ``--repeat`` clicks, median reported. Server and browser
together, on this machine: compare figures within one run and read them next to the load average.

With accounts on (``HOJA_ACCOUNTS=password``) pass ``--user`` and ``--password``: the browser signs
in first. Part of ``make bench``.
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # Debian's Chromium as the browser tests start it

from chromium_browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

STABLE_MS = 300
TIMEOUT_MS = 120_000
# the page is settled: a title other than the last page's, no run under way, no spinner; returns when
# that began once it has held for STABLE_MS (performance.now() of the page), false until then
SETTLED = """([before, stable]) => {
  const main = document.querySelector('[data-testid=stMain]');
  const title = main && main.querySelector('h1');
  const ok = !!title && title.textContent.trim() !== '' && title.textContent.trim() !== before
    && !document.querySelector('[data-testid=stStatusWidget]')
    && !document.querySelector('[data-testid=stSpinner]')
    && !document.querySelector('[data-stale=true]')
    && main.getClientRects().length > 0;
  const now = performance.now();
  if (!ok) { window.__settledSince = null; return false; }
  if (window.__settledSince == null) { window.__settledSince = now; }
  return now - window.__settledSince >= stable ? window.__settledSince : false;
}"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_app(database_url: str, folder: Path) -> tuple[subprocess.Popen, str]:
    """``streamlit run app.py`` on a free port (its own process group, stopped by :func:`stop_app`)."""
    port = free_port()
    env = {**os.environ, "DATABASE_URL": database_url, "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.headless", "true"]
    command += ["--server.address", "127.0.0.1", "--server.port", str(port), "--server.fileWatcherType", "none"]
    with open(folder / "streamlit.log", "wb") as log:
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=log, start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(240):
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                if answer.read().decode().strip() == "ok":
                    return server, url
        except OSError:
            pass
        if server.poll() is not None:
            break
        time.sleep(0.5)
    stop_app(server)
    raise SystemExit(f"the app did not start; its log: {folder / 'streamlit.log'}")


def stop_app(server: subprocess.Popen) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def title_of(page) -> str:
    return page.evaluate(
        "() => { const t = document.querySelector('[data-testid=stMain] h1'); return t ? t.textContent.trim() : ''; }"
    )


class RunsSeen:
    """When the server said a script run finished (Streamlit's ``script_finished`` message on the
    page's websocket), by this process's clock: the run a click starts is over when one arrives."""

    def __init__(self) -> None:
        self.finished: list[float] = []

    def watch(self, websocket) -> None:
        websocket.on("framereceived", self.received)

    def received(self, payload) -> None:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        if isinstance(payload, str):
            return
        message = ForwardMsg()
        try:
            message.ParseFromString(payload)
        except Exception:  # not a message of Streamlit's
            return
        if message.WhichOneof("type") == "script_finished":
            self.finished.append(time.perf_counter())

    def finished_after(self, page, started: float) -> float:
        """The last run finished since ``started`` (waits for one), seconds after ``started``."""
        deadline = time.perf_counter() + TIMEOUT_MS / 1000
        while not any(moment > started for moment in self.finished):
            if time.perf_counter() > deadline:
                raise TimeoutError("no script run finished after the click")
            page.wait_for_timeout(10)
        return max(moment for moment in self.finished if moment > started) - started


def click_until_settled(page, href: str, runs: RunsSeen) -> float:
    """Click the sidebar link to ``href``; seconds until its page is settled (and its map drawn)."""
    before = title_of(page)
    link = page.get_by_test_id("stSidebarNavItems").locator(f'a[href="{href}"]')
    page.evaluate("() => { window.__settledSince = null; }")
    started_js = page.evaluate("() => performance.now()")
    started = time.perf_counter()
    link.click()
    handle = page.wait_for_function(SETTLED, arg=[before, STABLE_MS], polling=25, timeout=TIMEOUT_MS)
    drawn = (handle.json_value() - started_js) / 1000
    ran = runs.finished_after(page, started)
    seconds = max(drawn, ran)
    frames = page.locator("[data-testid=stMain] iframe")
    if frames.count():  # the network map: drawn by vis-network in its frame
        page.frame_locator("[data-testid=stMain] iframe").first.locator("body[data-drawn]").wait_for(
            state="attached", timeout=TIMEOUT_MS
        )
        seconds = max(seconds, time.perf_counter() - started)
    if os.environ.get("CLICKS_DEBUG"):
        print(f"    {href}: page settled {drawn:.2f} s, run finished {ran:.2f} s, counted {seconds:.2f} s")
    return seconds


def sign_in(page, user: str, password: str) -> None:
    page.locator("input[type=text]").first.fill(user)
    page.locator("input[type=password]").first.fill(password)
    page.keyboard.press("Enter")
    page.get_by_test_id("stSidebarNavItems").wait_for(timeout=TIMEOUT_MS)


def measure(url: str, repeat: int, user: str | None, password: str | None) -> list[tuple[str, float, list[float]]]:
    from playwright.sync_api import sync_playwright

    rows, runs = [], RunsSeen()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        context = browser.new_context(locale="es-ES", viewport={"width": 1400, "height": 900})
        page = context.new_page()
        page.on("websocket", runs.watch)
        page.goto(url)
        page.wait_for_selector("[data-testid=stSidebarNav], input[type=password]", timeout=TIMEOUT_MS)
        if page.locator("input[type=password]").count():
            if not (user and password):
                raise SystemExit("accounts are on: pass --user and --password")
            sign_in(page, user, password)
        # on a fresh server Streamlit lists the pages folder until app.py's navigation has run once:
        # wait for the app's own links, then start again from its root
        page.locator('[data-testid=stSidebarNavItems] a[href$="/actores"]').wait_for(timeout=TIMEOUT_MS)
        page.goto(url)
        page.wait_for_function(SETTLED, arg=["", STABLE_MS], polling=25, timeout=TIMEOUT_MS)
        nav = page.get_by_test_id("stSidebarNavItems").get_by_role("link")
        links = [nav.nth(i).get_attribute("href") for i in range(nav.count())]
        names = [nav.nth(i).inner_text().strip().splitlines()[-1] for i in range(nav.count())]  # after the icon
        here = links[0]  # the app opens on its home page
        for name, href in zip(names, links, strict=True):
            away = next(link for link in links if link != href)  # another page first: the click changes page
            times = []
            for _ in range(repeat + 1):
                if here != away:
                    click_until_settled(page, away, runs)
                times.append(click_until_settled(page, href, runs))
                here = href
            rows.append((name, times[0], times[1:]))
            print(f"  {name}: first {times[0]:.2f} s, then {', '.join(f'{s:.2f}' for s in times[1:])}", flush=True)
        browser.close()
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--user")
    parser.add_argument("--password")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        server, url = start_app(f"sqlite:///{Path(folder) / 'clicks.db'}", Path(folder))
        try:
            load_before = os.getloadavg()[0]
            rows = measure(url, arguments.repeat, arguments.user, arguments.password)
            load_after = os.getloadavg()[0]
        finally:
            stop_app(server)
    print(f"\nload average at the start: {load_before:.1f}, at the end: {load_after:.1f}\n")
    print(f"| page (the sample) | first click (s) | median of {arguments.repeat} clicks (s) | slowest (s) |")
    print("|---|---|---|---|")
    for name, first, times in rows:
        print(f"| {name} | {first:.2f} | **{statistics.median(times):.2f}** | {max(times):.2f} |")


if __name__ == "__main__":
    main()
