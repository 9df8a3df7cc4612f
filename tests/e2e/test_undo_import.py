"""Undoing an import from Actividad in a real browser (issue 13): the list goes in through the
wizard, the feed offers "Deshacer esta importación", a dialog asks, and the actors are gone."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_import import TIMEOUT, XLSX, open_actors, upload, wait_for_app
from tests.toolkit.spreadsheets.corpus import xlsx

pytestmark = pytest.mark.e2e

NAMES = ["Fundación Deshacer E2E Uno", "Red Deshacer E2E Dos"]


def test_an_import_is_undone_from_the_activity_feed(page: Page, app_url: str, page_requests):
    open_actors(page, app_url)
    upload(page, "deshacer_e2e.xlsx", xlsx({"Lista": [["Nombre", "Ciudad"], *([n, "Cali"] for n in NAMES)]}), XLSX)
    expect(page.get_by_role("heading", name="Paso 7. Vista previa y confirmación")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    page.get_by_role("button", name="Confirmar e importar").click()
    expect(page.get_by_text(re.compile(r"^Importación terminada\. Actores nuevos: 2;"))).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(re.compile(r"puede deshacer esta importación en Actividad"))).to_be_visible()

    page.goto(f"{app_url}/actividad")  # the same session's cookie: the app reopens on the same store
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Deshacer una importación")).to_be_visible(timeout=TIMEOUT)
    entry = page.get_by_test_id("stHorizontalBlock").filter(has_text="«deshacer_e2e.xlsx»")
    entry.get_by_role("button", name="Deshacer esta importación").click()
    dialog = page.get_by_role("dialog")
    expect(dialog).to_contain_text("¿Desea continuar?", timeout=TIMEOUT)
    dialog.get_by_role("button", name="Sí, deshacer").click()
    expect(
        page.get_by_text(re.compile(r"^Se deshizo la importación «deshacer_e2e\.xlsx» \(actores quitados: 2;"))
    ).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page_requests.outside() == [], "the page reached outside this machine"
