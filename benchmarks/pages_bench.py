"""Page reruns on a 20,000-actor workspace next to a bare Streamlit page (issue 17), same run.

Each page of the app is opened through Streamlit's AppTest on a workspace of ``--actors`` actors
(default 20,000) and rerun; the figure is the server time of one script run (``app.py`` measures
it around the page), median of ``--repeat`` reruns after the first open. The comparison is a bare
page holding only a 100-row, 15-column ``st.data_editor``, timed the same way in the same run.
Prints one table row per page with its ratio to the bare page. AppTest rewrites and runs the page
in this process, so compare figures within one run only.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from toolkit import access  # noqa: E402
from toolkit.domain import Actor, Relation  # noqa: E402
from toolkit.store import open_store  # noqa: E402
from toolkit.store.batches import RegisterBatch, import_batch  # noqa: E402
from toolkit.store.sample import load_sample  # noqa: E402

PAGES = (
    "pages/home.py",
    "pages/actors/page.py",
    "pages/contacts/page.py",
    "pages/contacts/page.py contacts_tab=contacts.tabs.record",
    "pages/audiences/page.py",
    "pages/audiences/page.py audiences_tab=audiences.tab.reach",
    "pages/consultations/page.py",
    "pages/consultations/page.py consultations_tab=consultations.tab.participants",
    "pages/consultations/page.py consultations_tab=consultations.tab.contributions",
    "pages/campaigns/page.py",
    "pages/roadmap/page.py",
    "pages/indicators/page.py",
    "pages/strategy/page.py",
    "pages/reports.py",
    "pages/activity.py",
    "pages/team.py",
    "pages/actor_map/page.py",
    "pages/actor_map/page.py map_tabs=map.tab.analysis",
    "pages/actor_map/page.py map_tabs=map.tab.grid",
    "pages/actor_map/page.py map_tabs=map.tab.files",
    "pages/actor_map/page.py map_tabs=map.tab.geo",
    "pages/settings.py",
)


def bare_page() -> None:
    """The comparison: a page holding a 100-row, 15-column editable table and nothing else."""
    import time

    import pandas as pd
    import streamlit as st

    started = time.perf_counter()
    table = pd.DataFrame({f"col{c}": [f"{c}-{r}" if c % 3 else r for r in range(100)] for c in range(15)})
    st.data_editor(table, key="bare", hide_index=True)
    st.session_state["server_seconds"] = time.perf_counter() - started


def build(database_url: str, actors: int) -> int:
    """The Medellín sample (its consultations, audiences, campaigns, contacts, indicators, roadmap and
    strategy, so every page draws what it would for a real office) with ``actors`` more actors."""
    engine = open_store(database_url)
    workspace_id = load_sample(engine, name=f"Medellín + {actors} actores")
    chance = random.Random(3)
    sectors = ["academia", "ngo", "private_sector", "local_government"]
    new = [
        Actor(
            f"Asociación {n:05d}",
            sector=chance.choice(sectors),
            city="Medellín",
            influence=chance.randint(1, 5),
            interest=chance.randint(1, 5),
            stance=chance.randint(-2, 2),
            themes=["paz", f"tema {n % 40}"],
            email=f"contacto{n}@example.org",
        )
        for n in range(actors)
    ]
    # one relation for every two actors, between new actors by position
    relations = [(("new", n), ("new", (n * 7 + 1) % actors), Relation(0, 0)) for n in range(0, actors, 2)]
    import_batch(engine, workspace_id, RegisterBatch(new_actors=new, relations=relations))
    engine.dispose()
    return workspace_id


def timed_run(app, page: str, what: str) -> float:
    """One script run's server time; a page that stops early (``st.stop``: app.py's last line, which
    times the run, is not reached) or fails has no figure."""
    app.session_state["server_seconds"] = None
    app.run()
    if app.exception or app.error:  # app.py shows a crashed page's own message: not a figure
        raise RuntimeError(f"{page}{what}: {[e.value for e in app.error] or app.exception[0].message}")
    if app.session_state["server_seconds"] is None:
        raise RuntimeError(f"{page}{what}: stops before the end of app.py (st.stop), not timed")
    return app.session_state["server_seconds"]


def page_seconds(page: str, workspace_id: int, repeat: int) -> tuple[float, float]:
    """(first open, median of the reruns after it), server time. ``page`` may name a tab to open:
    ``pages/contacts/page.py contacts_tab=contacts.tabs.record`` (the tabs' key, its label's catalog key)."""
    from streamlit.testing.v1 import AppTest

    from toolkit.i18n import t

    page, _, tab = page.partition(" ")
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=600)
    app.session_state["workspace_id"] = workspace_id
    if tab:
        key, _, label = tab.partition("=")
        app.session_state[key] = t(label)
    if page != "pages/home.py":
        app.run()
        app.switch_page(page)
    first = timed_run(app, page, "")
    return first, statistics.median(timed_run(app, page, ", rerun") for _ in range(repeat))


def bare_seconds(repeat: int) -> float:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_function(bare_page, default_timeout=60)
    app.run()
    reruns = []
    for _ in range(repeat):
        app.run()
        reruns.append(app.session_state["server_seconds"])
    return statistics.median(reruns)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--actors", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--pages", nargs="*", default=list(PAGES))
    arguments = parser.parse_args()
    access.set_current(access.LOCAL)  # the operator's own measurement
    with tempfile.TemporaryDirectory() as folder:
        os.environ["DATABASE_URL"] = f"sqlite:///{Path(folder) / 'pages.db'}"
        started = time.perf_counter()
        workspace_id = build(os.environ["DATABASE_URL"], arguments.actors)
        print(f"(workspace of {arguments.actors:,} actors built in {time.perf_counter() - started:.1f} s)")
        bare = bare_seconds(arguments.repeat)
        print(f"\nload average at the start: {os.getloadavg()[0]:.1f}\n")
        print(f"| page, {arguments.actors:,} actors | first open (s) | rerun (s) | rerun / bare page |")
        print("|---|---|---|---|")
        print(f"| bare page: one 100-row, 15-column st.data_editor | | {bare:.3f} | 1x |")
        for page in arguments.pages:
            try:
                first, rerun = page_seconds(page, workspace_id, arguments.repeat)
            except RuntimeError as error:
                print(f"| {page} | failed: {error} | | |", flush=True)
                continue
            print(f"| {page} | {first:.3f} | {rerun:.3f} | {rerun / bare:.0f}x |", flush=True)
        bare_after = bare_seconds(arguments.repeat)
        print(f"| bare page again, after the pages | | {bare_after:.3f} | |")
        print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
