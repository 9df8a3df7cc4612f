"""Accounts on (HOJA_ACCOUNTS=password): the sign-in page, members only see their workspaces,
sessions expire; Equipo y acceso and Actividad (feed and bin) in the app."""

from datetime import timedelta
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from toolkit import clock
from toolkit.i18n import set_language, t
from toolkit.markdown import escape
from toolkit.store import open_store
from toolkit.store.accounts import create_user, set_member
from toolkit.store.workspaces import create_workspace, list_workspaces

ROOT = Path(__file__).parents[2]
PASSWORD = "una frase larga y fácil"


@pytest.fixture
def url(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'team.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    yield url
    set_language("es")


@pytest.fixture
def team(url, monkeypatch):
    """A server with accounts on: the sample (Ana edits it), and a workspace of another city."""
    AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()  # first run loads the sample
    monkeypatch.setenv("HOJA_ACCOUNTS", "password")
    engine = open_store(url)
    (sample,) = list_workspaces(engine)
    other = create_workspace(engine, "Quito, consulta 2027")
    create_user(engine, "ana@medellin.gov.co", PASSWORD, "Ana García")
    create_user(engine, "luis@medellin.gov.co", PASSWORD, "Luis Pérez")
    set_member(engine, sample.id, "ana@medellin.gov.co", "owner")
    engine.dispose()
    return sample, other


def signed_in(username: str = "ana@medellin.gov.co") -> AppTest:
    """Sign in on the sign-in page, then open the app in that session.

    (After a run that showed only the sign-in page, AppTest keeps running that page's file
    without app.py, where a browser reruns app.py; so the signed-in session continues in a new
    AppTest holding the same session state.)
    """
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.text_input(key="sign_in_username").input(username)
    app.text_input(key="sign_in_password").input(PASSWORD)
    app.button[0].click()
    app.run()
    assert not app.error, [e.value for e in app.error]
    session = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    for key in ("person", "signed_in_at", "last_seen"):
        session.session_state[key] = app.session_state[key]
    session.run()
    session.switch_page("pages/activity.py")  # AppTest reruns the default page's file without app.py
    session.run()
    return session


def test_nothing_but_the_sign_in_page_until_someone_signs_in(team):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    assert app.title[0].value == t("accounts.sign_in.title")
    assert not app.sidebar.selectbox or all(s.label != t("sidebar.workspace") for s in app.sidebar.selectbox)
    app.text_input(key="sign_in_username").input("ana@medellin.gov.co")
    app.text_input(key="sign_in_password").input("no es la contraseña")
    app.button[0].click()
    app.run()
    assert [e.value for e in app.error] == [t("accounts.errors.sign_in_failed")]
    assert app.title[0].value == t("accounts.sign_in.title")


def test_a_member_sees_only_the_workspaces_they_belong_to(team):
    sample, other = team
    app = signed_in()
    assert not app.exception and not app.error
    workspace_box = next(s for s in app.sidebar.selectbox if s.label == t("sidebar.workspace"))
    assert workspace_box.options == [sample.name]
    assert any(t("accounts.signed_in_as", name="Ana García") == c.value for c in app.sidebar.caption)


def test_someone_member_of_nothing_is_told_what_to_do(team):
    app = signed_in("luis@medellin.gov.co")
    assert not app.exception
    assert t("accounts.no_workspace") in [i.value for i in app.sidebar.info]


def sign_in_page_after(app: AppTest) -> AppTest:
    """The session has ended: nobody in it, and the sign-in page in place of the app."""
    assert "person" not in app.session_state and "workspace_id" not in app.session_state
    assert app.title[0].value == t("accounts.sign_in.title")
    assert all(s.label != t("sidebar.workspace") for s in app.sidebar.selectbox)
    return app


def test_an_idle_session_ends_and_says_why(team):
    app = signed_in()
    app.session_state["last_seen"] = clock.now() - timedelta(minutes=31)
    app.run()
    assert t("accounts.expired") in [i.value for i in sign_in_page_after(app).info]


def test_a_session_open_too_long_ends_even_when_active(team):
    app = signed_in()
    app.session_state["signed_in_at"] = clock.now() - timedelta(hours=12, minutes=1)
    app.run()
    assert t("accounts.expired") in [i.value for i in sign_in_page_after(app).info]


def test_signing_out_returns_to_the_sign_in_page(team):
    app = signed_in()
    app.sidebar.button(key="sidebar_sign_out").click()
    app.run()
    assert t("accounts.signed_out") in [i.value for i in sign_in_page_after(app).info]


def test_an_owner_adds_a_member_from_equipo_y_acceso(team, url):
    sample, _ = team
    app = signed_in()
    app.switch_page("pages/team.py")
    app.run()
    assert app.title[0].value == t("nav.team") and not app.exception
    app.text_input(key="team_member_username").input("luis@medellin.gov.co")
    app.selectbox(key="team_member_role").select("viewer")
    app.button(key="FormSubmitter:team_member_form-" + t("members.submit")).click()
    app.run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    roles = {row[0]: row[2] for row in app.dataframe[0].value.itertuples(index=False)}
    assert roles["luis@medellin.gov.co"] == t("members.roles.viewer")


def test_an_owner_is_not_told_whether_an_account_exists_and_opens_none_by_default(team):
    """Finding 5: the form told whether a hidden username existed, and any owner opened accounts."""
    app = signed_in()
    app.switch_page("pages/team.py")
    app.run()
    assert t("members.operator_only") in [c.value for c in app.caption]
    assert not [i for i in app.text_input if i.key == "team_new_username"]  # no account form
    answers = []
    for username in ("luis@medellin.gov.co", "alguien.de.otra.ciudad@quito.gob.ec"):
        app.text_input(key="team_member_username").input(username)
        app.button(key="FormSubmitter:team_member_form-" + t("members.submit")).click()
        app.run()
        assert not app.error, [e.value for e in app.error]
        answers.append([s.value for s in app.success])
    role = t("members.roles.editor")
    assert answers == [
        [t("members.saved", name=escape("luis@medellin.gov.co"), role=role)],
        [t("members.saved", name=escape("alguien.de.otra.ciudad@quito.gob.ec"), role=role)],
    ]


def test_with_hoja_creators_owners_an_owner_opens_accounts_and_workspaces(team, monkeypatch):
    monkeypatch.setenv("HOJA_CREATORS", "owners")
    app = signed_in()
    app.switch_page("pages/team.py")
    app.run()
    assert app.text_input(key="team_new_username")
    app.switch_page("pages/settings.py")
    app.run()
    assert t("members.operator_only") not in [c.value for c in app.caption]


def test_a_member_opens_no_workspace_by_default(team):
    app = signed_in()
    app.switch_page("pages/settings.py")
    app.run()
    assert not app.exception
    assert t("members.operator_only") in [c.value for c in app.caption]


def test_a_deactivated_account_loses_its_open_session_at_the_next_rerun(team, url):
    from toolkit.store.accounts import set_active

    app = signed_in()
    engine = open_store(url)
    set_active(engine, "ana@medellin.gov.co", False)  # python -m toolkit users deactivate
    engine.dispose()
    app.run()
    sign_in_page_after(app)


def test_signing_out_in_one_tab_ends_the_others(team):
    first, second = signed_in(), signed_in()
    second.session_state["signed_in_at"] = clock.now() - timedelta(minutes=1)  # a tab opened earlier
    first.sidebar.button(key="sidebar_sign_out").click()
    first.run()
    sign_in_page_after(first)
    second.run()
    assert t("accounts.expired") in [i.value for i in sign_in_page_after(second).info]


def test_without_accounts_equipo_y_acceso_explains_how_to_turn_them_on(url):
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    app.switch_page("pages/team.py")
    app.run()
    assert t("members.off") in [i.value for i in app.info]


def test_a_deleted_actor_shows_in_the_feed_and_comes_back_from_the_bin(url):
    from toolkit.store.register import delete_actors, list_actors

    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    app.run()
    engine = open_store(url)
    (sample,) = list_workspaces(engine)
    actor = list_actors(engine, sample.id)[0]
    delete_actors(engine, sample.id, [actor.id])
    app.switch_page("pages/activity.py")
    app.run()
    assert not app.exception and not app.error
    feed = app.dataframe[0].value
    assert t(
        "activity.delete", who=t("activity.local_user"), what=t("activity.entity.actors"), label=actor.name
    ) in list(feed.iloc[:, 1])
    assert list(app.dataframe[1].value.iloc[:, 1]) == [actor.name]
    app.button(key="bin_restore").click()
    app.run()
    assert t("bin.restored", name=actor.name) in [s.value for s in app.success]
    assert actor.name in {a.name for a in list_actors(engine, sample.id)}
    engine.dispose()


def test_a_viewer_is_told_their_access_is_read_only(team, url):
    sample, _ = team
    engine = open_store(url)
    set_member(engine, sample.id, "luis@medellin.gov.co", "viewer")
    engine.dispose()
    app = signed_in("luis@medellin.gov.co")
    assert t("accounts.read_only") in [i.value for i in app.sidebar.info]


@pytest.mark.parametrize("role", ["viewer", "editor"])
def test_every_page_opens_for_a_signed_in_member(team, url, role):
    """Accounts on changes who acts in every use case: no page may trip over it."""
    from pages.test_pages import PAGES, TITLES

    sample, _ = team
    engine = open_store(url)
    set_member(engine, sample.id, "luis@medellin.gov.co", role)
    engine.dispose()
    app = signed_in("luis@medellin.gov.co")
    for page in PAGES:
        if page == "pages/home.py":
            continue
        app.switch_page(page)
        app.run()
        assert not app.exception, (page, app.exception)
        assert not app.error, (page, [e.value for e in app.error])
        assert app.title[0].value == t(TITLES[page]), page
