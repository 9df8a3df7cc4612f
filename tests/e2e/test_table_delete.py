"""Deleting through an editable table's confirmation, in a real browser.

The dialog's buttons rerun the dialog alone, not the page, so app.py's top (which sets the person
acting and the language) does not run: "Sí, eliminar" ran as nobody and was refused with "Ese
espacio de trabajo ya no existe". AppTest reruns the whole page and never saw it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from toolkit.i18n import t

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
ACTOR = "Proantioquia"


def wait_for_app(page: Page) -> None:
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def mark_first_row_for_deletion(page: Page) -> None:
    """Select the first row's name cell, move to the delete column with the arrow keys, tick it."""
    grid = page.get_by_role("tabpanel", name=t("actors.tab.register", lang="es")).get_by_test_id("stDataFrame").first
    table = grid.get_by_role("grid", include_hidden=True)
    column = t("actors.table.delete", lang="es")
    save = page.get_by_role("button", name=t("actors.save", lang="es", count=1))
    for _ in range(4):  # a rerun that lands meanwhile draws the grid again: try again
        wait_for_app(page)
        expect(table.locator("th").filter(has_text=column)).to_have_count(1, timeout=TIMEOUT)
        headers = [text.strip() for text in table.locator("th").all_text_contents()]
        box = grid.bounding_box()
        page.mouse.click(box["x"] + 40, box["y"] + 35 + 17)  # below the header row, in the pinned name column
        steps = headers.index(column) - headers.index(t("columns.name", lang="es"))
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
        page.keyboard.press(" ")
        try:
            expect(save).to_be_enabled(timeout=10_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(save).to_be_enabled(timeout=TIMEOUT)


def test_an_actor_deleted_from_the_register_after_confirming_is_gone(page: Page, serve_app, tmp_path):
    with serve_app(f"sqlite:///{tmp_path / 'delete.db'}", tmp_path) as url:
        page.goto(url)
        wait_for_app(page)
        # every page is listed, with no English "View 3 more" under them
        expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Ajustes", exact=True)).to_be_visible(
            timeout=TIMEOUT
        )
        expect(page.get_by_test_id("stSidebar").get_by_text(re.compile(r"View \d+ more"))).to_have_count(0)
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Actores", exact=True).click()
        expect(page).to_have_url(re.compile(r"/actores/?$"), timeout=TIMEOUT)
        wait_for_app(page)
        box = page.get_by_label(t("actors.filter.search", lang="es"), exact=True)
        box.fill(ACTOR)
        box.press("Enter")
        wait_for_app(page)

        mark_first_row_for_deletion(page)
        page.get_by_role("button", name=t("actors.save", lang="es", count=1)).click()
        dialog = page.get_by_role("dialog")
        expect(dialog.get_by_text(t("actors.delete.warning", lang="es"))).to_be_visible(timeout=TIMEOUT)
        dialog.get_by_role("button", name=t("actors.delete.confirm", lang="es")).click()

        expect(page.get_by_role("dialog")).to_have_count(0, timeout=TIMEOUT)
        wait_for_app(page)
        expect(page.get_by_text(t("errors.workspace_not_found", lang="es"))).to_have_count(0)
        expect(page.get_by_text(t("errors.not_allowed", lang="es"))).to_have_count(0)
        done = t("actors.saved", lang="es", saved=0, deleted=1, count=1)
        expect(page.get_by_text(done)).to_be_visible(timeout=TIMEOUT)
        expect(page.get_by_test_id("stException")).to_have_count(0)
