"""What a probe found from the outside, in a real browser on a real server: a freshly started
server runs no page file without ``app.py`` (Streamlit's legacy ``pages/`` discovery), shows no
traceback, lists no page files; the tables offer no "Download as CSV" of their own; a display name
is shown as typed (no link, no remote image)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from toolkit.access import LOCAL, acting_as
from toolkit.store import open_store
from toolkit.store.accounts import create_user, set_member
from toolkit.store.sample import load_sample

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000
PASSWORD = "una frase larga y fácil"
SIGN_IN = "Iniciar sesión"
# what the page files' own names look like in Streamlit's legacy sidebar (pages/sign_in.py -> "sign in")
LEGACY_LINKS = ("app", "activity", "home", "reports", "settings", "sign in", "team")
SHOWN_NAME = "Ana https://evil.example ![logo](http://evil.example/logo.png)"


def prepared_database(folder) -> str:
    """The sample, and Ana (editor) whose display name holds a web address and a markdown image."""
    url = f"sqlite:///{folder / 'app.db'}"
    engine = open_store(url)
    with acting_as(LOCAL):
        workspace_id = load_sample(engine)
        create_user(engine, "ana@medellin.gov.co", PASSWORD, SHOWN_NAME)
        set_member(engine, workspace_id, "ana@medellin.gov.co", "editor")
    engine.dispose()
    return url


def no_page_file_ran_alone(page: Page) -> None:
    """No traceback, no Streamlit exception box, no sidebar of page file names."""
    body = page.locator("body").inner_text()
    for leak in ("Traceback", "KeyError", "session_state", "/work/", ".py"):
        assert leak not in body, leak
    expect(page.get_by_test_id("stException")).to_have_count(0)
    for name in LEGACY_LINKS:
        expect(page.get_by_role("link", name=name, exact=True)).to_have_count(0)


@pytest.mark.parametrize(
    ("first_request", "accounts", "heading"),
    [
        pytest.param("/settings", "password", SIGN_IN, id="settings-accounts-on"),
        pytest.param("/campaigns", "password", SIGN_IN, id="campaigns-accounts-on"),
        pytest.param("/sign_in", "off", "Inicio", id="sign_in-accounts-off"),
    ],
)
def test_the_first_request_to_a_fresh_server_runs_the_app_not_a_page_file(
    page: Page, serve_app, tmp_path, first_request, accounts, heading
):
    url = prepared_database(tmp_path)
    with serve_app(url, tmp_path, {"HOJA_ACCOUNTS": accounts}) as base:
        page.goto(base + first_request)  # the very first request this server answers
        expect(page.get_by_role("heading", name=heading, level=1)).to_be_visible(timeout=TIMEOUT)
        page.wait_for_timeout(1_500)  # anything a page file run alone would draw has arrived by now
        no_page_file_ran_alone(page)
        if accounts == "password":  # the app's checks ran: nothing but the sign-in page
            expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


@pytest.fixture(scope="module")
def team_app(serve_app, tmp_path_factory):
    folder = tmp_path_factory.mktemp("security_app")
    with serve_app(prepared_database(folder), folder, {"HOJA_ACCOUNTS": "password"}) as base:
        yield base


def signed_in(page: Page, base: str) -> None:
    page.goto(base)
    page.get_by_label("Usuario (correo institucional)").fill("ana@medellin.gov.co")
    page.get_by_label("Contraseña").fill(PASSWORD)
    page.get_by_role("button", name="Ingresar").click()
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)


def test_the_display_name_is_shown_as_typed(page: Page, team_app, page_requests):
    signed_in(page, team_app)
    caption = page.get_by_test_id("stSidebar").get_by_test_id("stCaptionContainer").filter(has_text="Sesión iniciada")
    expect(caption).to_be_visible(timeout=TIMEOUT)
    assert "![logo](http" in caption.inner_text()  # the markdown as typed, not an image
    expect(caption.locator("a")).to_have_count(0)  # the web address is no link
    expect(caption.locator("img")).to_have_count(0)
    assert page_requests.outside() == []  # and nothing was fetched from evil.example


def test_the_tables_offer_no_download_as_csv(page: Page, team_app):
    """Streamlit's own CSV writes =1+1 as it is; the app's downloads escape it, so only they are offered."""
    signed_in(page, team_app)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Actores", exact=True).click()
    expect(page).to_have_url(re.compile(r"/actores/?$"), timeout=TIMEOUT)
    grid = page.get_by_test_id("stDataFrame").first
    expect(grid).to_be_visible(timeout=TIMEOUT)
    grid.hover()
    toolbar = page.get_by_test_id("stElementToolbar").first
    expect(toolbar.get_by_role("button", name="Search")).to_be_visible(timeout=TIMEOUT)  # the toolbar is there
    expect(page.get_by_role("button", name="Download as CSV")).to_have_count(0)
