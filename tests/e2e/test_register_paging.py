"""The register a page at a time, in a real browser (issue 17): on a workspace of the sample plus
1,000 actors, go to page 3 of the register, change a cell of its first row and save: the change
reaches the actor shown there, and nobody else."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.grid import type_in_first_row, wait_for_app
from toolkit.actor_filter import ActorFilter
from toolkit.domain import Actor
from toolkit.i18n import t
from toolkit.store import open_store
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.register import list_actors, list_actors_page
from toolkit.store.sample import load_sample

pytestmark = pytest.mark.e2e

TIMEOUT = 60_000
SHOTS = os.environ.get("HOJA_SCREENSHOTS")  # a folder to keep the screens in, when looking at them


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_a_row_edited_on_page_3_of_a_large_register_is_saved_to_its_actor(page: Page, serve_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'paging.db'}"
    engine = open_store(url)
    workspace_id = load_sample(engine)
    extra = [Actor(f"Organización {n:04d}", city="Medellín", sector="academia") for n in range(1000)]
    import_batch(engine, workspace_id, RegisterBatch(new_actors=extra))
    total = len(list_actors(engine, workspace_id))
    [target], _ = list_actors_page(engine, workspace_id, ActorFilter(), "name", 200, 1)

    with serve_app(url, tmp_path) as base:
        page.goto(base)
        wait_for_app(page)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Actores", exact=True).click()
        expect(page).to_have_url(re.compile(r"/actores/?$"), timeout=TIMEOUT)
        wait_for_app(page)
        rows = re.compile(r"^Filas 1–100 de [\d.\s\u00a0]+ · página 1 de 11$")
        expect(page.get_by_text(rows)).to_be_visible(timeout=TIMEOUT)
        shot(page, "register_page_1")
        for first in (101, 201):
            page.get_by_role("button", name=t("register.next", lang="es")).click()
            wait_for_app(page)
            expect(page.get_by_text(re.compile(rf"^Filas {first}–{first + 99} de"))).to_be_visible(timeout=TIMEOUT)

        type_in_first_row(page, t("columns.acronym", lang="es"), "PAG3")
        shot(page, "register_page_3_edited")
        page.get_by_role("button", name=t("actors.save", lang="es", count=1)).click()
        wait_for_app(page)
        expect(page.get_by_text(t("actors.saved", lang="es", saved=1, deleted=0))).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_text(re.compile(r"^Filas 201–300 de"))).to_be_visible()  # still on page 3
        expect(page.get_by_test_id("stException")).to_have_count(0)
        shot(page, "register_page_3_saved")

    after = list_actors(engine, workspace_id)
    assert [a.id for a in after if a.acronym == "PAG3"] == [target.id]
    assert len(after) == total
    engine.dispose()
