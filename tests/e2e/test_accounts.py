"""Accounts on, in a real browser: nothing but the sign-in page until someone signs in, even on a
deep link; a wrong password is told plainly; a member sees their workspace; signing out ends it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from toolkit.access import LOCAL, acting_as
from toolkit.store import open_store
from toolkit.store.accounts import create_user, set_member
from toolkit.store.register import list_actors
from toolkit.store.sample import load_sample

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
PASSWORD = "una frase larga y fácil"


@pytest.fixture(scope="module")
def team_app(serve_app, tmp_path_factory):
    """An app with HOJA_ACCOUNTS=password over the sample, which Ana edits; and one actor's name."""
    folder = tmp_path_factory.mktemp("accounts_app")
    url = f"sqlite:///{folder / 'team.db'}"
    engine = open_store(url)
    with acting_as(LOCAL):
        workspace_id = load_sample(engine)
        create_user(engine, "ana@medellin.gov.co", PASSWORD, "Ana García")
        set_member(engine, workspace_id, "ana@medellin.gov.co", "editor")
        actor = max(list_actors(engine, workspace_id), key=lambda a: len(a.name)).name
    engine.dispose()
    with serve_app(url, folder, {"HOJA_ACCOUNTS": "password"}) as base:
        yield base, actor


def dismiss_page_not_found(page: Page) -> None:
    """Streamlit may answer the first deep link after a server start with its own "Page not found"
    box over the right page (streamlit/streamlit#9992); close it as a person would."""
    dialog = page.get_by_role("dialog").filter(has_text="Page not found")
    try:
        dialog.wait_for(timeout=3_000)
    except PlaywrightTimeoutError:
        return
    page.keyboard.press("Escape")
    expect(dialog).to_have_count(0, timeout=TIMEOUT)


def sign_in(page: Page, username: str, password: str) -> None:
    page.get_by_label("Usuario (correo institucional)").fill(username)
    page.get_by_label("Contraseña").fill(password)
    page.get_by_role("button", name="Ingresar").click()


def test_only_members_get_past_the_sign_in_page(page: Page, team_app, page_requests):
    base, actor = team_app
    page.goto(f"{base}/actores")  # a deep link does not skip the sign-in
    expect(page.get_by_role("heading", name="Iniciar sesión", level=1)).to_be_visible(timeout=TIMEOUT)
    dismiss_page_not_found(page)
    expect(page.get_by_text(actor)).to_have_count(0)

    sign_in(page, "ana@medellin.gov.co", "no es la contraseña")
    expect(page.get_by_text("El usuario o la contraseña no coinciden")).to_be_visible(timeout=TIMEOUT)

    sign_in(page, "ana@medellin.gov.co", PASSWORD)
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Sesión iniciada: Ana García")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Actores", exact=True).click()
    expect(page).to_have_url(re.compile(r"/actores/?$"), timeout=TIMEOUT)
    expect(page.get_by_role("heading", name="Actores", level=1)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text(actor).first).to_be_attached(timeout=TIMEOUT)  # a cell of the register's grid

    sidebar.get_by_role("button", name="Cerrar sesión").click()
    expect(page.get_by_role("heading", name="Iniciar sesión", level=1)).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_text("Cerró la sesión")).to_be_visible(timeout=TIMEOUT)
    assert page_requests.outside() == []


def test_a_bookmarked_page_opens_once_signed_in(page: Page, team_app):
    base, _ = team_app
    page.goto(f"{base}/hoja-de-ruta")
    expect(page.get_by_role("heading", name="Iniciar sesión", level=1)).to_be_visible(timeout=TIMEOUT)
    dismiss_page_not_found(page)
    sign_in(page, "ana@medellin.gov.co", PASSWORD)
    expect(page.get_by_role("heading", name="Hoja de ruta", level=1)).to_be_visible(timeout=TIMEOUT)
    expect(page).to_have_url(re.compile(r"/hoja-de-ruta/?$"), timeout=TIMEOUT)
