"""Inicio's data-quality lists in a real browser (issue 16): "N actores sin sector" opens Actores'
register on exactly those actors, with a "Sin sector" chip in the filter bar whose cross brings
every actor back."""

from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import Page, expect

from toolkit.actors import workspace_overview
from toolkit.i18n import format_number, t
from toolkit.store import open_store
from toolkit.store.sample import load_sample

pytestmark = pytest.mark.e2e

TIMEOUT = 60_000
SHOTS = os.environ.get("HOJA_SCREENSHOTS")  # a folder to keep the screens in, when looking at them


def wait_for_app(page: Page) -> None:
    """The app is drawn and no rerun is running."""
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def shot(page: Page, name: str) -> None:
    if SHOTS:
        page.screenshot(path=os.path.join(SHOTS, f"{name}.png"), full_page=True)


def test_the_link_without_sector_opens_the_register_on_those_actors(page: Page, serve_app, tmp_path):
    url = f"sqlite:///{tmp_path / 'quality.db'}"
    engine = open_store(url)
    workspace_id = load_sample(engine)
    overview = workspace_overview(engine, workspace_id)
    engine.dispose()
    names, total = overview.without_sector, overview.actors
    assert 0 < len(names) < total

    with serve_app(url, tmp_path) as base:
        page.goto(base)
        wait_for_app(page)
        link = page.get_by_role("link", name=t("home.quality.without_sector", lang="es", count=len(names)))
        link.scroll_into_view_if_needed(timeout=TIMEOUT)
        shot(page, "home_quality")
        link.click()
        expect(page).to_have_url(re.compile(r"/actores\?missing=sector$"), timeout=TIMEOUT)
        wait_for_app(page)
        shown = t("actors.count", lang="es", shown=format_number(len(names), "es"), total=format_number(total, "es"))
        expect(page.get_by_text(shown)).to_be_visible(timeout=TIMEOUT)
        register = page.get_by_role("tabpanel", name=t("actors.tab.register", lang="es"))
        table = register.get_by_test_id("stDataFrame").get_by_role("grid", include_hidden=True)
        for name in names:  # the grid's hidden table holds every row shown (a few here)
            expect(table.get_by_text(name, exact=True)).to_have_count(1, timeout=TIMEOUT)
        chip = page.get_by_role("button", name=t("register.missing.sector", lang="es"))
        expect(chip).to_be_visible()
        shot(page, "register_without_sector")

        chip.click()
        wait_for_app(page)
        every = t("actors.count", lang="es", shown=format_number(total, "es"), total=format_number(total, "es"))
        expect(page.get_by_text(every)).to_be_visible(timeout=TIMEOUT)
        expect(page).to_have_url(re.compile(r"/actores/?$"))
        expect(chip).to_have_count(0)
        expect(page.get_by_test_id("stException")).to_have_count(0)
