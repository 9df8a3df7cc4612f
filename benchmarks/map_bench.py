"""From the user's click to a still map, in headless Chromium (server and browser together),
next to pyvis with its defaults (physics on) measured in the same run. Part of ``make bench``."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))  # Debian's Chromium as the browser tests start it

from chromium_browser import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

from toolkit import access  # noqa: E402
from toolkit.domain import Actor, Relation  # noqa: E402
from toolkit.store import open_store  # noqa: E402
from toolkit.store.batches import RegisterBatch, import_batch  # noqa: E402
from toolkit.store.workspaces import create_workspace  # noqa: E402

SECTORS = ["academia", "local_government", "civil_society", "private_sector", "media", "city_network"]


def generated_map(size: int) -> tuple[list[Actor], list[tuple[int, int]]]:
    graph = nx.powerlaw_cluster_graph(size, 2, 0.1, seed=11)
    actors = [
        Actor(f"Actor {n:05d}", sector=SECTORS[n % len(SECTORS)], influence=1 + n % 5, interest=1 + (n * 7) % 5)
        for n in graph.nodes
    ]
    return actors, list(graph.edges)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def our_map(browser, folder: Path, sizes: list[int], drawn: dict[int, int]) -> dict[int, float]:
    url_db = f"sqlite:///{folder / 'map.db'}"
    engine = open_store(url_db)
    names = {}
    for size in sizes:
        actors, edges = generated_map(size)
        workspace = create_workspace(engine, f"Mapa {size}")
        batch = RegisterBatch(new_actors=actors, relations=[(("new", a), ("new", b), Relation(0, 0)) for a, b in edges])
        import_batch(engine, workspace.id, batch)
        names[size] = workspace.name
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.headless",
            "true",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url_db},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    results = {}
    try:
        for _ in range(120):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
                break
            except OSError:
                time.sleep(0.5)
        for size in sizes:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.goto(f"http://127.0.0.1:{port}/")
            page.get_by_role("combobox", name="Espacio de trabajo").click()
            page.get_by_role("option", name=names[size], exact=True).click()
            page.wait_for_timeout(1500)
            link = page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Mapa de actores")
            start = time.perf_counter()
            link.click()
            body = page.frame_locator("iframe").first.locator("body[data-drawn]")
            body.wait_for(state="attached", timeout=120_000)
            results[size] = time.perf_counter() - start
            drawn[size] = int(body.get_attribute("data-drawn"))  # a large map draws its largest actors first
            page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    return results


def pyvis_default(browser, folder: Path, sizes: list[int], limit_s: float) -> dict[int, float | None]:
    from pyvis.network import Network

    results: dict[int, float | None] = {}
    for size in sizes:
        actors, edges = generated_map(size)
        net = Network(cdn_resources="in_line")  # defaults otherwise: physics on
        for number, actor in enumerate(actors):
            net.add_node(number, label=actor.name)
        for a, b in edges:
            net.add_edge(a, b)
        path = folder / f"pyvis_{size}.html"
        path.write_text(net.generate_html(), "utf-8")
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        start = time.perf_counter()
        page.goto(path.as_uri())
        try:
            page.wait_for_function(
                "() => window.network && window.network.physics && window.network.physics.stabilized"
                " === true && !window.network.physics.running",
                timeout=limit_s * 1000,
                polling=200,
            )
            results[size] = time.perf_counter() - start
        except Exception:  # still moving when the limit came
            results[size] = None
        page.close()
    return results


def main(limit_s: float = 150.0) -> None:
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        drawn: dict[int, int] = {}
        ours = our_map(browser, Path(folder), [200, 1000, 2000, 10000, 20000], drawn)
        theirs = pyvis_default(browser, Path(folder), [200, 1000], limit_s)
        browser.close()
    print(
        "| actors | actors drawn at first | Hoja de Ruta: click to still map (s)"
        " | pyvis defaults, physics on: load to still (s) |"
    )
    print("|---|---|---|---|")
    for size in (200, 1000, 2000, 10000, 20000):
        other = theirs.get(size, "not measured")
        other = (
            f"still moving after {limit_s:.0f}"
            if other is None
            else (f"{other:.1f}" if isinstance(other, float) else other)
        )
        print(f"| {size:,} | {drawn[size]:,} | {ours[size]:.2f} | {other} |")


if __name__ == "__main__":
    access.set_current(access.LOCAL)  # the operator's own measurement
    main()
