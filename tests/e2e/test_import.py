"""The import wizard in a real browser: a messy Excel list goes in, three actors come out in the register.

Run with ``.venv/bin/python -m pytest tests/e2e -q`` (needs Debian's /usr/bin/chromium).
"""

from __future__ import annotations

import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
NAMES = ["Fundación Prueba E2E Uno", "Corporación Prueba E2E Dos", "Colectivo Prueba E2E Tres"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def messy_workbook() -> bytes:
    """The kind of list people really keep: a title block, a blank line, then the table."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Listado"
    sheet.append(["Directorio de actores del territorio (prueba de extremo a extremo)"])
    sheet.append(["Secretaría de Relaciones Internacionales · versión de trabajo"])
    sheet.append([])
    sheet.append(["Nombre de la entidad", "Sector", "Nivel de influencia", "Interés", "Posición", "Temas"])
    for name in NAMES:
        sheet.append([name, "ONG", "Alto", "4", "Aliado", "paz | cultura"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def a_pdf() -> bytes:
    """A small but well-formed PDF, as if someone exported the list to PDF and renamed it."""
    return (
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
        b"2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n"
        b"trailer << /Root 1 0 R >>\n%%EOF\n"
    )


def wait_for_app(page: Page) -> None:
    """The script has run once: the sidebar navigation is drawn and nothing is running."""
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def open_actors(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Actores", exact=True).click()
    expect(page).to_have_url(re.compile(r"/actores/?$"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Actores", level=1)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)


def upload(page: Page, name: str, data: bytes, mime: str) -> None:
    page.get_by_role("tab", name="Importar desde Excel").click()
    uploader = page.get_by_test_id("stFileUploader")
    expect(uploader).to_be_visible(timeout=TIMEOUT)
    uploader.locator("input[type=file]").set_input_files({"name": name, "mimeType": mime, "buffer": data})


def test_import_a_messy_list_and_find_it_in_the_register(page: Page, app_url: str, page_requests):
    open_actors(page, app_url)
    upload(page, "actores_prueba_e2e.xlsx", messy_workbook(), XLSX)

    # the wizard reads the file and walks through its steps
    for heading in (
        "Paso 2. Hojas del archivo",
        "Paso 3. Fila de encabezados y columnas",
        "Paso 5. Revisión de los valores",
        "Paso 7. Vista previa y confirmación",
    ):
        expect(page.get_by_role("heading", name=heading)).to_be_visible(timeout=TIMEOUT)
    # the last step shows the actors as they will be stored, under the counts of the same plan
    expect(page.get_by_test_id("stMetric").filter(has_text="Actores nuevos")).to_contain_text("3", timeout=TIMEOUT)
    preview = page.get_by_test_id("stDataFrame").last.get_by_role("grid", include_hidden=True)
    expect(preview.get_by_role("gridcell", name=NAMES[0], exact=True, include_hidden=True)).to_have_count(1)
    wait_for_app(page)

    page.get_by_role("button", name="Confirmar e importar").click()
    expect(page.get_by_text(re.compile(r"^Importación terminada\. Actores nuevos: 3;"))).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    page.get_by_role("tab", name="Registro").click()
    search = page.get_by_label("Buscar", exact=True)
    search.fill("Prueba E2E")
    search.press("Enter")
    expect(page.get_by_text(re.compile(r"^Actores mostrados: 3 de [\d.\s\u00a0]+\.$"))).to_be_visible(timeout=TIMEOUT)

    # the table is drawn on a canvas; glide-data-grid puts a <table role="grid"> inside the canvas
    # for screen readers, and that is where the cell text can be read (canvas content counts as
    # hidden, hence include_hidden)
    register = page.get_by_role("tabpanel", name="Registro")
    table = register.get_by_test_id("stDataFrame").get_by_role("grid", include_hidden=True)
    expect(table).to_have_count(1, timeout=TIMEOUT)
    for name in NAMES:
        cell = table.get_by_role("gridcell", name=name, exact=True, include_hidden=True)
        expect(cell).to_have_count(1, timeout=TIMEOUT)
    expect(table.get_by_role("row", include_hidden=True)).to_have_count(1 + len(NAMES), timeout=TIMEOUT)

    assert any("/_stcore/" in url for url in page_requests), "the request log recorded nothing"
    assert page_requests.outside() == [], "the page reached outside this machine"


def test_a_pdf_named_xlsx_gets_a_plain_message(page: Page, app_url: str, page_requests):
    open_actors(page, app_url)
    upload(page, "lista.xlsx", a_pdf(), XLSX)

    expect(page.get_by_test_id("stAlert").filter(has_text="es un PDF")).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)
    expect(page.get_by_text("Traceback")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    expect(page.get_by_role("heading", name="Paso 2. Hojas del archivo")).to_have_count(0)
    assert page_requests.outside() == [], "the page reached outside this machine"


def test_home_in_spanish_then_english(page: Page, app_url: str, page_requests):
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Inicio", level=1)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stMetricLabel").filter(has_text=re.compile(r"^\s*Actores\s*$"))).to_be_visible(
        timeout=TIMEOUT
    )

    page.get_by_test_id("stSidebar").get_by_role("combobox", name="Idioma").click()
    page.get_by_role("option", name="English", exact=True).click()
    expect(page.get_by_role("heading", name="Home", level=1)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebarNav").get_by_role("link", name="Home")).to_be_visible(timeout=TIMEOUT)
    assert page_requests.outside() == [], "the page reached outside this machine"
