"""Informes in a real browser: prepare the report, download it as Word and as a printable page,
download the backup workbook with every sheet and restore it into a new workspace; nothing leaves
the machine.

Run with ``.venv/bin/python -m pytest tests/e2e -q`` (needs Debian's /usr/bin/chromium).
"""

from __future__ import annotations

import re

import pytest
from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from toolkit.store import open_store
from toolkit.store.roadmap import list_milestones
from toolkit.store.workspaces import find_workspace

pytestmark = pytest.mark.e2e

TIMEOUT = 60_000
BACKUP_SHEETS = [
    "workspace",
    "actors",
    "relations",
    "consultations",
    "participants",
    "contributions",
    "audiences",
    "audience_members",
    "campaigns",
    "activities",
    "kpis",
    "kpi_measurements",
    "milestones",
    "indicators",
    "indicator_measurements",
]


def wait_for_app(page: Page) -> None:
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def download(page: Page, button_name: str, tmp_path):
    with page.expect_download(timeout=TIMEOUT) as started:
        page.get_by_role("button", name=button_name).click()
    path = tmp_path / started.value.suggested_filename
    started.value.save_as(path)
    return path


def test_the_report_and_the_backup_download_and_restore(
    page: Page, app_url: str, app_database: str, page_requests, tmp_path
):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Informes", exact=True).click()
    expect(page).to_have_url(re.compile(r"/informes/?$"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Informes", level=1)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    page.get_by_role("button", name="Preparar el informe").click()
    expect(page.get_by_text("El informe está listo.")).to_be_visible(timeout=TIMEOUT)
    word = download(page, "Descargar en Word (.docx)", tmp_path)
    assert word.suffix == ".docx"
    document = Document(str(word))
    assert document.paragraphs[0].text == "Informe de internacionalización"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == [
        "Resumen ejecutivo",
        "Anexo 1. Mapa de actores",
        "Anexo 2. Los aliados en el mundo y el territorio",
    ]
    assert "Anexo 9. Indicadores por dimensión" in headings and len(document.inline_shapes) == 3
    assert "PAGE" in document.sections[0].footer._element.xml
    printable = download(page, "Descargar para imprimir (.html)", tmp_path).read_text("utf-8")
    assert printable.startswith("<!DOCTYPE html>") and "<script" not in printable

    page.get_by_role("tab", name="Descargar todo").click()
    backup = download(page, "Descargar la copia de seguridad (.xlsx)", tmp_path)
    assert backup.suffix == ".xlsx"
    book = load_workbook(backup)
    assert book.sheetnames[: len(BACKUP_SHEETS)] == BACKUP_SHEETS and "vocabularies" in book.sheetnames
    assert book["milestones"].max_row > 10 and book["actors"].max_row > 60

    # and back: the same file restored into a new workspace, through the page
    page.locator("input[type=file]").set_input_files(str(backup))
    name = page.get_by_label("Nombre del nuevo espacio de trabajo")
    expect(name).to_be_visible(timeout=TIMEOUT)
    name.fill("Medellín (restaurado E2E)")
    name.press("Enter")
    wait_for_app(page)
    page.get_by_text("Entiendo que todo el contenido de la copia").click()
    wait_for_app(page)
    page.get_by_role("button", name="Restaurar").click()
    expect(page.get_by_text("Listo: se restauró la copia en «Medellín (restaurado E2E)»")).to_be_visible(
        timeout=TIMEOUT
    )
    engine = open_store(app_database)
    try:
        restored = find_workspace(engine, "Medellín (restaurado E2E)")
        assert restored is not None
        assert len(list_milestones(engine, restored.id)) == book["milestones"].max_row - 1
    finally:
        engine.dispose()

    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page_requests.outside() == [], "the page reached outside this machine"
