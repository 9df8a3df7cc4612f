"""Single sign-on in a real browser (HOJA_ACCOUNTS=sso): Streamlit's OpenID Connect login against a
real provider running on this machine (oidc-provider-mock), then the account matched by e-mail;
someone the provider knows but Hoja de Ruta does not is told so and sees nothing."""

from __future__ import annotations

import json
import socket
import urllib.request
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from toolkit.access import LOCAL, acting_as
from toolkit.store import open_store
from toolkit.store.accounts import create_user, set_member
from toolkit.store.sample import load_sample

pytestmark = pytest.mark.e2e

TIMEOUT = 30_000


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def provider_knows(issuer: str, email: str, name: str, verified: bool = True, sub: str = "") -> None:
    """Give the provider a user (subject ``sub``, default the e-mail) whose ID token carries this
    e-mail, whether the provider verified it, and a name."""
    request = urllib.request.Request(
        f"{issuer}/users/{quote(sub or email)}",
        method="PUT",
        data=json.dumps({"email": email, "email_verified": verified, "name": name}).encode(),
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as answer:
        assert answer.status == 204


@pytest.fixture(scope="module")
def sso_app(serve_app, tmp_path_factory):
    oidc = pytest.importorskip("oidc_provider_mock")
    folder = tmp_path_factory.mktemp("sso_app")
    url = f"sqlite:///{folder / 'sso.db'}"
    engine = open_store(url)
    with acting_as(LOCAL):
        workspace_id = load_sample(engine)
        create_user(engine, "ana.garcia@medellin.gov.co", None, "Ana García")  # signs in only through the provider
        set_member(engine, workspace_id, "ana.garcia@medellin.gov.co", "editor")
    engine.dispose()
    port = free_port()
    with oidc.run_server_in_thread() as server:
        issuer = f"http://localhost:{server.server_port}"
        provider_knows(issuer, "ana.garcia@medellin.gov.co", "Ana García")
        provider_knows(issuer, "intruso@otra.org", "Alguien Más")
        # someone whose provider account claims Ana's address without having verified it
        provider_knows(issuer, "ana.garcia@medellin.gov.co", "Impostor", verified=False, sub="impostor")
        home = folder / "home"
        (home / ".streamlit").mkdir(parents=True)
        (home / ".streamlit" / "secrets.toml").write_text(
            "[auth]\n"
            f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
            'cookie_secret = "una cadena larga y aleatoria para la prueba de inicio de sesión"\n'
            'client_id = "hoja-de-ruta"\n'
            'client_secret = "secreto-de-prueba"\n'
            f'server_metadata_url = "{issuer}/.well-known/openid-configuration"\n',
            "utf-8",
        )
        with serve_app(url, folder, {"HOJA_ACCOUNTS": "sso", "HOME": str(home)}, port=port):
            yield f"http://localhost:{port}"


def through_the_provider(page: Page, base: str, email: str) -> None:
    """Sign in at the provider as the subject ``email`` (its own form asks for the subject)."""
    page.goto(base)
    expect(page.get_by_role("heading", name="Iniciar sesión", level=1)).to_be_visible(timeout=TIMEOUT)
    page.get_by_role("button", name="Ingresar con la cuenta institucional").click()
    page.locator("input[name=sub]").fill(email)  # the provider's own form
    page.get_by_role("button", name="Authorize").click()


def test_an_account_signs_in_through_the_identity_provider(page: Page, sso_app, page_requests):
    through_the_provider(page, sso_app, "ana.garcia@medellin.gov.co")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Sesión iniciada: Ana García")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=TIMEOUT)
    # back in the app (the provider's own page loads its stylesheet from a CDN; ours loads nothing):
    # a reload keeps the session through Streamlit's sign-in cookie, and nothing leaves the machine
    page_requests.clear()
    page.reload()
    expect(sidebar.get_by_text("Sesión iniciada: Ana García")).to_be_visible(timeout=TIMEOUT)
    assert page_requests.outside() == []


def test_someone_the_provider_knows_but_we_do_not_is_told_so(page: Page, sso_app):
    through_the_provider(page, sso_app, "intruso@otra.org")
    expect(page.get_by_text("La cuenta intruso@otra.org no está registrada en Hoja de Ruta")).to_be_visible(
        timeout=TIMEOUT
    )
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_an_unverified_e_mail_does_not_sign_in_as_its_account(page: Page, sso_app):
    """Finding 3: an identity with email_verified false signed in as the account of that e-mail."""
    through_the_provider(page, sso_app, "impostor")
    expect(page.get_by_text("no ha verificado el correo ana.garcia@medellin.gov.co")).to_be_visible(timeout=TIMEOUT)
    expect(page.get_by_test_id("stSidebarNav")).to_have_count(0)


def test_signing_out_ends_the_session_in_every_tab(page: Page, sso_app):
    """Finding 4: signing out left other tabs signed in, and the sign-in page started a new session
    at once from Streamlit's identity cookie."""
    through_the_provider(page, sso_app, "ana.garcia@medellin.gov.co")
    sidebar = page.get_by_test_id("stSidebar")
    expect(sidebar.get_by_text("Sesión iniciada: Ana García")).to_be_visible(timeout=TIMEOUT)
    other = page.context.new_page()
    other.goto(sso_app)
    expect(other.get_by_test_id("stSidebar").get_by_text("Sesión iniciada: Ana García")).to_be_visible(timeout=TIMEOUT)
    sidebar.get_by_role("button", name="Cerrar sesión").click()
    signed_out = page.get_by_role("button", name="Ingresar con la cuenta institucional")
    provider_asks = page.get_by_role("button", name="End session")
    # the provider may ask to confirm its own sign-out, or Streamlit may come straight back
    expect(signed_out.or_(provider_asks)).to_be_visible(timeout=TIMEOUT)
    if provider_asks.is_visible():
        provider_asks.click()
    expect(signed_out).to_be_visible(timeout=TIMEOUT)
    other.bring_to_front()
    other.get_by_test_id("stSidebarNav").get_by_role(
        "link", name="Actores", exact=True
    ).click()  # the other tab's next rerun
    expect(other.get_by_role("heading", name="Iniciar sesión", level=1)).to_be_visible(timeout=TIMEOUT)
    expect(other.get_by_role("button", name="Ingresar con la cuenta institucional")).to_be_visible(timeout=TIMEOUT)
    expect(other.get_by_test_id("stSidebarNav")).to_have_count(0)
