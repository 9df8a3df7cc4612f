"""A consultation from start to synthesis in a real browser: create it, add participants by
filter, see a coverage gap, mark attendance, note a contribution, download the synthesis.

Run with ``.venv/bin/python -m pytest tests/e2e -q`` (needs Debian's /usr/bin/chromium).
"""

from __future__ import annotations

import re

import pytest
from docx import Document
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
TITLE = "Consulta E2E con la academia"
SAID = "La universidad abrirá un semillero de investigación sobre ciudades y cooperación (prueba E2E)."


def wait_for_app(page: Page) -> None:
    """The script is not running (its last rerun has been drawn)."""
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning", timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def open_tab(page: Page, name: str, marker: str):
    """Switch tab (only the open tab is built, so this reruns) and wait until its content is drawn."""
    page.get_by_role("tab", name=name).click()
    panel = page.get_by_role("tabpanel", name=name)
    expect(panel.get_by_text(marker, exact=True).first).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    return panel


def choose(page: Page, scope, label: str, option: str) -> None:
    """Pick ``option`` in the select box or multiselect called ``label``, and wait until it shows
    (a select box shows it as its input's value, a multiselect as a chip)."""
    box = scope.get_by_role("combobox", name=label)
    chips = scope.get_by_test_id("stMultiSelect").filter(has=page.get_by_role("combobox", name=label))
    for attempt in range(3):  # a rerun that lands while the list is open can swallow the pick
        box.click()
        page.get_by_role("option", name=option, exact=True).click()
        page.keyboard.press("Escape")
        wait_for_app(page)
        try:
            timeout = 3_000 if attempt < 2 else TIMEOUT
            if chips.count():
                expect(chips).to_contain_text(option, timeout=timeout)
            else:
                expect(box).to_have_value(option, timeout=timeout)
            return
        except AssertionError:
            if attempt == 2:
                raise


def test_a_consultation_from_plan_to_synthesis(page: Page, app_url: str, page_requests, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Consultas", exact=True).click()
    expect(page).to_have_url(re.compile(r"/consultas/?$"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Consultas", level=1)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    # plan: a new consultation, with the suggested minimum coverage
    new = page.get_by_test_id("stExpander").filter(has_text="Nueva consulta")
    new.get_by_text("Nueva consulta").click()
    new.get_by_label("Título").fill(TITLE)
    new.get_by_role("button", name="Crear la consulta").click()
    expect(page.get_by_text(f"Se creó la consulta «{TITLE}».")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    # who takes part: every academic actor, by filter; government is still missing
    panel = open_tab(page, "Participantes y cobertura", "Añadir participantes por filtros")
    choose(page, panel, "Sector", "Academia")
    expect(panel.get_by_text(re.compile(r"^\d+ actores cumplen los filtros"))).to_be_visible(timeout=TIMEOUT)
    add = panel.get_by_role("button", name=re.compile(r"^Añadir \d+ actores a la lista$"))
    expect(add).to_be_enabled(timeout=TIMEOUT)
    add.click()
    expect(page.get_by_text(re.compile(r"^Se añadieron \d+ actores a la lista"))).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    expect(panel.get_by_text("Sector: Gobierno local: 0 de 1, falta").first).to_be_visible(timeout=TIMEOUT)
    expect(panel.get_by_text(re.compile(r"Sector: Academia: \d+ de 1$")).first).to_be_visible(timeout=TIMEOUT)

    # convene: EAFIT came
    panel = open_tab(page, "Convocatoria y asistencia", "Cambiar el estado de varios a la vez")
    choose(page, panel, "Participantes", "Universidad EAFIT (Por invitar)")
    choose(page, panel, "Nuevo estado", "Asistió")
    panel.get_by_role("button", name="Aplicar a 1").click()
    expect(page.get_by_text("1 participante pasó a «Asistió».")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    # record what was said
    panel = open_tab(page, "Aportes", "Registro rápido durante la sesión")
    choose(page, panel, "Quién lo dice", "Universidad EAFIT")
    choose(page, panel, "Tipo de aporte", "Compromiso")
    panel.get_by_label("Aporte", exact=True).fill(SAID)
    panel.get_by_role("button", name="Guardar el aporte").click()
    expect(page.get_by_text("Aporte guardado.")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    # synthesise: the Word document carries the contribution
    panel = open_tab(page, "Síntesis", "Qué se dijo")
    expect(panel.get_by_test_id("stMetricValue").nth(1)).to_have_text("1", timeout=TIMEOUT)  # attended
    with page.expect_download(timeout=TIMEOUT) as download:
        panel.get_by_role("button", name="Descargar la síntesis (.docx)").click()
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    assert path.suffix == ".docx"
    document = Document(str(path))
    text = "\n".join(
        [p.text for p in document.paragraphs]
        + [c.text for table in document.tables for row in table.rows for c in row.cells]
    )
    assert TITLE in text and SAID in text and "Universidad EAFIT" in text

    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page_requests.outside() == [], "the page reached outside this machine"
