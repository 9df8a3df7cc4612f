"""The roadmap in a real browser: the Gantt drawn with a bar per dated item and today marked,
the calendar (.ics) downloaded and read back, the workbook downloaded; nothing leaves the machine.

Run with ``.venv/bin/python -m pytest tests/e2e/test_roadmap.py -q`` (needs Debian's /usr/bin/chromium).
"""

from __future__ import annotations

import io
import re

import pytest
from icalendar import Calendar
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000


def wait_for_app(page: Page) -> None:
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def test_the_roadmap_timeline_and_its_calendar(page: Page, app_url: str, page_requests, tmp_path):
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Hoja de ruta", exact=True).click()
    expect(page).to_have_url(re.compile(r"/hoja-de-ruta/?$"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Hoja de ruta", level=1)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)

    # the Gantt: a bar per dated item of the sample, coloured by type, and today's line
    chart = page.get_by_test_id("stPlotlyChart").first
    chart.scroll_into_view_if_needed()
    expect(chart.get_by_text("Cronograma de la hoja de ruta")).to_be_visible(timeout=TIMEOUT)
    bars = chart.locator("g.barlayer g.trace.bars g.point path")
    expect(bars.first).to_be_attached(timeout=TIMEOUT)
    assert bars.count() >= 40  # 25 milestones, 2 consultations, 3 campaigns and their activities (one undated)
    expect(chart.locator("g.legend").get_by_text("Hito", exact=True)).to_be_visible()
    expect(chart.locator("g.legend").get_by_text("Consulta", exact=True)).to_be_visible()
    expect(chart.get_by_text("Hoy", exact=True)).to_be_visible()
    expect(chart.locator("g.ytick").filter(has_text="Prediagnóstico de la acción")).to_have_count(1)

    # the calendar, read back
    button = page.get_by_role("button", name="Calendario (.ics)")
    button.scroll_into_view_if_needed()
    with page.expect_download(timeout=TIMEOUT) as download:
        button.click()
    assert download.value.suggested_filename == "hoja_de_ruta.ics"
    path = tmp_path / download.value.suggested_filename
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    events = {str(event["UID"]): event for event in Calendar.from_ical(data).walk("VEVENT")}
    summaries = {str(event["SUMMARY"]) for event in events.values()}
    assert "Hito: Concepto jurídico sobre el proyecto de acuerdo" in summaries
    assert "Consulta: Taller multiactor: bases de la política de internacionalización de Medellín" in summaries
    assert sum(uid.startswith("milestone-") for uid in events) == 25
    assert all(uid.endswith("@hoja-de-ruta") for uid in events)

    # the workbook
    button = page.get_by_role("button", name="Hoja de ruta (.xlsx)")
    with page.expect_download(timeout=TIMEOUT) as download:
        button.click()
    assert download.value.suggested_filename == "hoja_de_ruta.xlsx"
    book = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    assert book.sheetnames[:3] == ["Cronograma", "Hitos", "Estado por fase"]

    expect(page.get_by_test_id("stException")).to_have_count(0)
    assert page_requests.outside() == [], "the page reached outside this machine"
