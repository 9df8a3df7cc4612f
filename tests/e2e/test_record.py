"""The actor's record in a real browser: a meeting logged from Actores › Ficha del actor with a next
step due in three days is in the record's history, then on Hoja de ruta among next week's next
steps, whose link opens the actor's record again; nothing leaves the machine.

Run with ``.venv/bin/python -m pytest tests/e2e/test_record.py -q`` (needs Debian's /usr/bin/chromium).
"""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import Page, expect

from toolkit import clock

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
ACTOR = "Universidad EAFIT"
STEP = "Enviar a EAFIT la agenda del foro de ciudades"


def wait_for_app(page: Page) -> None:
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=TIMEOUT)


def open_record(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Actores", exact=True).click()
    expect(page).to_have_url(re.compile(r"/actores/?$"), timeout=TIMEOUT)
    wait_for_app(page)
    page.get_by_role("tab", name="Ficha del actor", exact=True).click()
    wait_for_app(page)
    chooser = page.get_by_test_id("stSelectbox").filter(has_text="Actor").first
    chooser.click()
    page.keyboard.type(ACTOR)
    page.get_by_role("option", name=ACTOR, exact=True).click()
    expect(page.get_by_role("heading", name=ACTOR, level=3)).to_be_visible(timeout=TIMEOUT)
    wait_for_app(page)


def test_a_meeting_logged_from_the_record_shows_its_next_step_on_the_roadmap(page: Page, app_url: str, page_requests):
    due = clock.today() + timedelta(days=3)  # the app and the test share HOJA_TODAY (tests/conftest.py)
    open_record(page, app_url)

    form = page.get_by_test_id("stForm").filter(has=page.get_by_role("button", name="Guardar el contacto"))
    if not form.is_visible():  # the quick entry is folded when the actor already has contacts
        page.get_by_text("Registrar un contacto", exact=True).click()
    expect(form).to_be_visible(timeout=TIMEOUT)
    form.get_by_label("Resumen").fill("Reunión para preparar el foro de ciudades con la universidad")
    form.get_by_label("Próximo paso", exact=True).fill(STEP)
    # the date field is three segments (day, month, year) typed in a row, as a person would
    form.get_by_role("spinbutton", name="day, Fecha del próximo paso").click()
    page.keyboard.type(due.strftime("%d%m%Y"))
    form.get_by_role("button", name="Guardar el contacto").click()
    wait_for_app(page)

    expect(page.get_by_text(re.compile(r"Contacto guardado: reunión .* con Universidad EAFIT"))).to_be_visible(
        timeout=TIMEOUT
    )
    history = page.get_by_test_id("stDataFrame").first
    expect(history).to_be_visible(timeout=TIMEOUT)
    # the form is empty again, so a second click cannot save it twice
    shown = [box for box in form.get_by_label("Próximo paso", exact=True).all() if box.is_visible()]
    assert [box.input_value() for box in shown] == [""]

    # Hoja de ruta: the next step among next week's (the story's today is a Sunday: +3 days is next week)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Hoja de ruta", exact=True).click()
    expect(page).to_have_url(re.compile(r"/hoja-de-ruta/?$"), timeout=TIMEOUT)
    wait_for_app(page)
    section = page.get_by_role("heading", name="Próximos pasos con los actores")
    section.scroll_into_view_if_needed()
    expect(section).to_be_visible(timeout=TIMEOUT)
    week = (
        "Vencen esta semana" if due.isocalendar()[1] == clock.today().isocalendar()[1] else "Vencen la próxima semana"
    )
    # the milestones at a glance have tabs of the same names: open each until the step shows
    step = page.get_by_text(STEP)
    for tab in page.get_by_role("tab", name=re.compile(rf"^{week} \(\d+\)$")).all():
        tab.click()
        if step.is_visible():
            break
    expect(step).to_be_visible(timeout=TIMEOUT)
    # the same date may also stand in a tab not open now: the one shown is what counts
    expect(page.get_by_text(due.strftime("%d/%m/%Y")).filter(visible=True).first).to_be_visible()

    # its actor's link opens the record
    link = page.get_by_role("link", name=ACTOR, exact=True).first
    assert re.search(r"actores\?actor=\d+$", link.get_attribute("href") or "")
    if link.get_attribute("target") == "_blank":  # Streamlit opens markdown links in a new tab
        with page.context.expect_page() as opened:
            link.click()
        record = opened.value
    else:
        link.click()
        record = page
    wait_for_app(record)
    expect(record.get_by_role("heading", name=ACTOR, level=3)).to_be_visible(timeout=TIMEOUT)
    expect(record.get_by_role("tab", name=re.compile(r"^Contactos \(\d+\)$"))).to_be_visible()
    assert not page_requests.outside()
