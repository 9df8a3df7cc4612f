"""A participant answers on a phone (390x844), with accounts on: the personal link opens the
questionnaire alone (no sign-in, no navigation), answers are saved, the participant leaves and
comes back with the same link to finish, and the team sees the answer in the synthesis."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.test_accounts import PASSWORD, dismiss_page_not_found, sign_in
from toolkit.access import LOCAL, acting_as
from toolkit.questionnaires import Question
from toolkit.store import open_store
from toolkit.store.accounts import create_user, set_member
from toolkit.store.consultations import list_consultations, list_participants
from toolkit.store.questionnaires import add_question, issue_links
from toolkit.store.register import list_actors
from toolkit.store.sample import load_sample

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
TITLE = "Mesa de diálogo sobre turismo comunitario y memoria en la Comuna 13"
PROPOSAL = "Rutas de memoria guiadas por jóvenes del barrio"


@pytest.fixture(scope="module")
def survey_app(serve_app, tmp_path_factory):
    """An app with accounts on over the sample; the Comuna 13 dialogue has a questionnaire and
    one participant's personal link."""
    folder = tmp_path_factory.mktemp("answer_app")
    url = f"sqlite:///{folder / 'answer.db'}"
    engine = open_store(url)
    with acting_as(LOCAL):
        workspace_id = load_sample(engine)
        create_user(engine, "ana@medellin.gov.co", PASSWORD, "Ana García")
        set_member(engine, workspace_id, "ana@medellin.gov.co", "editor")
        consultation_id = next(c.id for c in list_consultations(engine, workspace_id) if c.title == TITLE)
        add_question(
            engine, workspace_id, consultation_id, Question("open", "¿Qué propone?", [], "proposal", "Turismo")
        )
        add_question(
            engine, workspace_id, consultation_id, Question("one_choice", "¿Qué urge más?", ["Memoria", "Empleo"])
        )
        participant = list_participants(engine, workspace_id, consultation_id)[0]
        name = next(a.name for a in list_actors(engine, workspace_id) if a.id == participant.actor_id)
        token = issue_links(engine, workspace_id, consultation_id, [participant.id]).tokens[participant.id]
    engine.dispose()
    with serve_app(url, folder, {"HOJA_ACCOUNTS": "password"}) as base:
        yield base, token, name


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="es-ES", viewport={"width": 390, "height": 844}, is_mobile=True)
    context.set_default_timeout(TIMEOUT)
    yield context
    context.close()


def open_link(phone, base: str, token: str) -> Page:
    page = phone.new_page()
    page.goto(f"{base}/?q={token}")
    expect(page.get_by_role("heading", name=TITLE, level=2)).to_be_visible(timeout=TIMEOUT)
    return page


def test_a_participant_answers_on_a_phone_and_the_team_sees_it(phone, survey_app, tmp_path):
    base, token, name = survey_app
    page = open_link(phone, base, token)
    expect(page.get_by_role("heading", name="Iniciar sesión")).to_have_count(0)  # no sign-in
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)  # nothing of the workspace
    expect(page.get_by_text(name)).to_have_count(0)
    box = page.get_by_test_id("stTextArea").first.locator("textarea")
    box.fill(PROPOSAL)
    box.blur()
    page.get_by_role("button", name="Guardar y seguir después").click()
    expect(page.get_by_text("Respuestas guardadas")).to_be_visible(timeout=TIMEOUT)
    page.screenshot(path=str(tmp_path / "answer_phone.png"), full_page=True)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # nothing wider than the phone
    page.close()

    page = open_link(phone, base, token)  # later, with the same link
    expect(page.get_by_test_id("stTextArea").first.locator("textarea")).to_have_value(PROPOSAL, timeout=TIMEOUT)
    page.get_by_text("Empleo", exact=True).click()
    page.get_by_role("button", name="Enviar respuestas").click()
    expect(page.get_by_text("¡Gracias! Recibimos sus respuestas")).to_be_visible(timeout=TIMEOUT)
    page.close()

    tampered = phone.new_page()
    tampered.goto(f"{base}/?q={token[:-2]}xx")
    expect(tampered.get_by_text("Este enlace no es válido")).to_be_visible(timeout=TIMEOUT)
    expect(tampered.get_by_role("heading", name=TITLE)).to_have_count(0)
    tampered.close()

    team = phone.browser.new_context(locale="es-ES", viewport={"width": 1400, "height": 900})
    team.set_default_timeout(TIMEOUT)
    desk = team.new_page()
    desk.goto(f"{base}/consultas")
    dismiss_page_not_found(desk)
    sign_in(desk, "ana@medellin.gov.co", PASSWORD)
    expect(desk.get_by_role("heading", name="Consultas", level=1)).to_be_visible(timeout=TIMEOUT)
    desk.get_by_role("tab", name="Cuestionario").click()
    desk.get_by_test_id("stButtonGroup").get_by_text("Respuestas", exact=True).click()
    expect(desk.get_by_text(PROPOSAL)).to_be_visible(timeout=TIMEOUT)
    expect(desk.get_by_text(re.compile(r"Quiénes no han respondido: 0"))).to_be_visible(timeout=TIMEOUT)
    desk.screenshot(path=str(tmp_path / "questionnaire_results.png"), full_page=True)
    team.close()
