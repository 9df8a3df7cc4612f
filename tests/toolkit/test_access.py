"""Accounts and roles: nobody sees, exports or changes a workspace they are not a member of;
viewers read and export, editors change, owners manage members. Enforced in the use cases."""

import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from toolkit.access import Person, acting_as
from toolkit.domain import Actor
from toolkit.register import workspace_backup
from toolkit.store import StoreError, open_store
from toolkit.store.accounts import (
    MAX_FAILURES,
    create_user,
    list_members,
    remove_member,
    set_member,
    set_password,
    sign_in,
)
from toolkit.store.consultations import list_consultations
from toolkit.store.register import add_actor, delete_actors, list_actors
from toolkit.store.tables import users
from toolkit.store.workspaces import create_workspace, delete_workspace, list_workspaces, rename_workspace

ROOT = Path(__file__).parents[2]
PASSWORD = "una frase larga y fácil"


def person(engine, username: str) -> Person:
    return sign_in(engine, username, PASSWORD)


@pytest.fixture
def team(engine, sample_id):
    """The sample with an owner, an editor, a viewer and an outsider (member of nothing)."""
    for name in ("owner@city.gov", "editor@city.gov", "viewer@city.gov", "outsider@city.gov"):
        create_user(engine, name, PASSWORD, name.split("@")[0].title())
    set_member(engine, sample_id, "owner@city.gov", "owner")
    set_member(engine, sample_id, "editor@city.gov", "editor")
    set_member(engine, sample_id, "viewer@city.gov", "viewer")
    return {name: person(engine, f"{name}@city.gov") for name in ("owner", "editor", "viewer", "outsider")}


def test_an_outsider_neither_sees_nor_reads_nor_exports_nor_changes(engine, sample_id, team):
    with acting_as(team["outsider"]):
        assert list_workspaces(engine) == []
        for read in (list_actors, list_consultations, workspace_backup):
            with pytest.raises(StoreError) as refused:
                read(engine, sample_id)
            assert refused.value.reason == "workspace_not_found"  # not even told it exists
        with pytest.raises(StoreError):
            add_actor(engine, sample_id, Actor(name="Intruso"))
        with pytest.raises(StoreError):
            delete_workspace(engine, sample_id)
    assert "Intruso" not in {a.name for a in list_actors(engine, sample_id)}


def test_a_viewer_reads_and_exports_but_cannot_change(engine, sample_id, team):
    with acting_as(team["viewer"]):
        assert [w.id for w in list_workspaces(engine)] == [sample_id]
        actors = list_actors(engine, sample_id)
        assert workspace_backup(engine, sample_id)[:2] == b"PK"
        for change in (
            lambda: add_actor(engine, sample_id, Actor(name="Nuevo")),
            lambda: delete_actors(engine, sample_id, [actors[0].id]),
        ):
            with pytest.raises(StoreError) as refused:
                change()
            assert refused.value.reason == "not_allowed"
    assert len(list_actors(engine, sample_id)) == len(actors)


def test_an_editor_changes_but_does_not_manage_members_or_delete_the_workspace(engine, sample_id, team):
    with acting_as(team["editor"]):
        assert add_actor(engine, sample_id, Actor(name="Cámara de Comercio de Medellín"))
        for refused_action in (
            lambda: set_member(engine, sample_id, "outsider@city.gov", "viewer"),
            lambda: rename_workspace(engine, sample_id, "Otro nombre"),
            lambda: delete_workspace(engine, sample_id),
        ):
            with pytest.raises(StoreError) as refused:
                refused_action()
            assert refused.value.reason == "not_allowed"


def test_an_owner_manages_members_and_never_leaves_the_workspace_without_one(engine, sample_id, team):
    with acting_as(team["owner"]):
        set_member(engine, sample_id, "outsider@city.gov", "viewer")
        set_member(engine, sample_id, "viewer@city.gov", "editor")
        roles = {m.username: m.role for m in list_members(engine, sample_id)}
        assert roles["outsider@city.gov"] == "viewer" and roles["viewer@city.gov"] == "editor"
        with pytest.raises(StoreError) as refused:
            set_member(engine, sample_id, "owner@city.gov", "editor")
        assert refused.value.reason == "last_owner"
        with pytest.raises(StoreError) as refused:
            remove_member(engine, sample_id, "owner@city.gov")
        assert refused.value.reason == "last_owner"
        remove_member(engine, sample_id, "outsider@city.gov")
    with acting_as(team["outsider"]):
        assert list_workspaces(engine) == []


def test_whoever_creates_a_workspace_owns_it_and_others_do_not_see_it(engine, team):
    with acting_as(team["outsider"]):
        created = create_workspace(engine, "Red de ciudades del Caribe")
        assert [m.role for m in list_members(engine, created.id)] == ["owner"]
    with acting_as(team["owner"]):
        assert created.id not in [w.id for w in list_workspaces(engine)]


def test_passwords_are_stored_hashed_and_only_the_owner_of_an_account_changes_it(engine, team):
    with engine.connect() as connection:
        stored = connection.execute(select(users.c.password_hash).where(users.c.username == "editor@city.gov")).scalar()
    assert stored.startswith("$argon2") and PASSWORD not in stored
    with acting_as(team["viewer"]):
        with pytest.raises(StoreError):
            set_password(engine, "editor@city.gov", "otra frase más larga")
        with pytest.raises(StoreError) as refused:
            set_password(engine, "viewer@city.gov", "otra frase más larga", current_password="no es esta")
        assert refused.value.reason == "wrong_password"
        set_password(engine, "viewer@city.gov", "otra frase más larga", current_password=PASSWORD)
    assert sign_in(engine, "viewer@city.gov", "otra frase más larga").username == "viewer@city.gov"


def test_a_wrong_name_and_a_wrong_password_get_the_same_answer(engine, team):
    for username, password in (("nadie@city.gov", PASSWORD), ("editor@city.gov", "incorrecta")):
        with pytest.raises(StoreError) as refused:
            sign_in(engine, username, password)
        assert refused.value.reason == "sign_in_failed"
    assert sign_in(engine, "  Editor@City.gov ", PASSWORD).username == "editor@city.gov"


def test_sign_in_is_locked_after_repeated_failures_on_every_instance(engine, team):
    now = datetime(2026, 11, 22, 10, 0)
    for minute in range(MAX_FAILURES):
        with pytest.raises(StoreError):
            sign_in(engine, "editor@city.gov", f"intento {minute}", now + timedelta(minutes=minute))
    other_instance = open_store(engine.url.render_as_string(hide_password=False))
    try:
        with pytest.raises(StoreError) as refused:  # even the right password, even through another instance
            sign_in(other_instance, "editor@city.gov", PASSWORD, now + timedelta(minutes=5))
        assert refused.value.reason == "sign_in_locked" and refused.value.details["minutes"] >= 1
    finally:
        other_instance.dispose()
    assert sign_in(engine, "editor@city.gov", PASSWORD, now + timedelta(minutes=21)).username == "editor@city.gov"


def test_the_first_owner_is_created_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'team.db'}"

    def cli(*args: str, stdin: str = ""):
        return subprocess.run(
            [sys.executable, "-m", "toolkit", *args, "--db", url],
            input=stdin,
            text=True,
            capture_output=True,
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", "HOJA_LANG": "es"},
        )

    assert cli("sample", "--workspace", "Medellín").returncode == 0
    added = cli(
        "users",
        "add",
        "Ana@Medellin.gov.co",
        "--name",
        "Ana García",
        "--owner",
        "Medellín",
        "--password-stdin",
        stdin=PASSWORD + "\n",
    )
    assert added.returncode == 0, added.stderr
    assert "ana@medellin.gov.co" in added.stdout and "propietario" in added.stdout
    short = cli("users", "add", "luis@medellin.gov.co", "--password-stdin", stdin="corta\n")
    assert short.returncode == 2 and "10 caracteres" in short.stderr and "Traceback" not in short.stderr
    engine = open_store(url)
    try:
        ana = sign_in(engine, "ana@medellin.gov.co", PASSWORD)
        with acting_as(ana):
            (workspace,) = list_workspaces(engine)
            assert [m.role for m in list_members(engine, workspace.id)] == ["owner"]
    finally:
        engine.dispose()


def test_single_sign_on_finds_the_account_by_its_e_mail_and_refuses_strangers(engine, sample_id):
    from toolkit.store.accounts import person_for_sso

    create_user(engine, "ana.garcia@medellin.gov.co", None, "Ana García")  # signs in only through the provider
    set_member(engine, sample_id, "ana.garcia@medellin.gov.co", "editor")
    ana = person_for_sso(engine, "Ana.Garcia@Medellin.gov.co")
    with acting_as(ana):
        assert [w.id for w in list_workspaces(engine)] == [sample_id]
    with pytest.raises(StoreError) as refused:
        sign_in(engine, "ana.garcia@medellin.gov.co", "")  # no password of its own to guess
    assert refused.value.reason == "sign_in_failed"
    with pytest.raises(StoreError) as refused:
        person_for_sso(engine, "desconocido@otra.org")
    assert refused.value.reason == "sso_unknown"
