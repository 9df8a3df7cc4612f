"""Accounts and roles: nobody sees, exports or changes a workspace they are not a member of;
viewers read and export, editors change, owners manage members. Enforced in the use cases."""

import json
import subprocess
import sys
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from toolkit.access import Person, acting_as
from toolkit.backup import workspace_backup
from toolkit.domain import Actor
from toolkit.i18n import t
from toolkit.store import StoreError, open_store
from toolkit.store.accounts import (
    MAX_ACCOUNTS_PER_DAY,
    MAX_CLIENT_FAILURES,
    MAX_FAILURES,
    MAX_FAILURES_PER_MINUTE,
    create_user,
    end_sessions,
    list_members,
    list_users,
    person_for_sso,
    remove_member,
    session_valid,
    set_active,
    set_member,
    set_password,
    sign_in,
)
from toolkit.store.consultations import list_consultations
from toolkit.store.register import add_actor, delete_actors, list_actors
from toolkit.store.tables import sign_in_attempts, users
from toolkit.store.workspaces import (
    create_workspace,
    delete_workspace,
    find_workspace,
    list_workspaces,
    rename_workspace,
    workspace_labels,
)

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
    """With HOJA_CREATORS=owners (Person.creates), an owner opens a workspace and owns it."""
    with acting_as(replace(team["owner"], creates=True)):
        created = create_workspace(engine, "Red de ciudades del Caribe")
        assert [m.role for m in list_members(engine, created.id)] == ["owner"]
    with acting_as(team["editor"]):
        assert created.id not in [w.id for w in list_workspaces(engine)]


def test_by_default_only_the_operator_opens_workspaces_and_accounts(engine, team):
    """Finding 5: any account could create a workspace, become its owner, and then open accounts
    without limit and list every account on the server."""
    for who in (team["outsider"], team["owner"], replace(team["outsider"], creates=True)):
        with acting_as(who):  # the outsider owns nothing, so even HOJA_CREATORS=owners does not let it
            for create in (
                lambda: create_workspace(engine, "Mi propio espacio"),
                lambda: create_user(engine, "nueva@city.gov", PASSWORD),
                lambda: list_users(engine),
            ):
                with pytest.raises(StoreError) as refused:
                    create()
                assert refused.value.reason == "not_allowed"
    with acting_as(replace(team["owner"], creates=True)):
        with pytest.raises(StoreError):
            list_users(engine)  # owners never get the server's list of accounts
        for n in range(MAX_ACCOUNTS_PER_DAY):
            create_user(engine, f"persona{n}@city.gov", PASSWORD)
        with pytest.raises(StoreError) as refused:
            create_user(engine, "una.mas@city.gov", PASSWORD)
        assert refused.value.reason == "too_many_accounts"
    assert len(list_users(engine)) == 4 + MAX_ACCOUNTS_PER_DAY  # the operator's list
    assert create_workspace(engine, "Del operador").name == "Del operador"


def test_adding_a_member_does_not_tell_whether_an_account_exists(engine, sample_id, team):
    with acting_as(team["owner"]):
        set_member(engine, sample_id, "nadie.conocido@otra-ciudad.gov", "editor")  # same answer as a success
        set_member(engine, sample_id, "outsider@city.gov", "editor")
        names = {m.username for m in list_members(engine, sample_id)}
    assert "outsider@city.gov" in names and "nadie.conocido@otra-ciudad.gov" not in names
    with pytest.raises(StoreError) as refused:  # the operator is told
        set_member(engine, sample_id, "nadie.conocido@otra-ciudad.gov", "editor")
    assert refused.value.reason == "user_not_found"


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


ISSUER = "https://login.medellin.gov.co"


def identity(email: str, sub: str = "sujeto-1", verified: object = True, issuer: str = ISSUER) -> dict:
    """The claims of an ID token, as st.user holds them."""
    return {"iss": issuer, "sub": sub, "email": email, "email_verified": verified}


def test_single_sign_on_finds_the_account_by_its_e_mail_and_refuses_strangers(engine, sample_id):
    create_user(engine, "ana.garcia@medellin.gov.co", None, "Ana García")  # signs in only through the provider
    set_member(engine, sample_id, "ana.garcia@medellin.gov.co", "editor")
    ana = person_for_sso(engine, identity("Ana.Garcia@Medellin.gov.co"))
    with acting_as(ana):
        assert [w.id for w in list_workspaces(engine)] == [sample_id]
    with pytest.raises(StoreError) as refused:
        sign_in(engine, "ana.garcia@medellin.gov.co", "")  # no password of its own to guess
    assert refused.value.reason == "sign_in_failed"
    with pytest.raises(StoreError) as refused:
        person_for_sso(engine, identity("desconocido@otra.org", sub="otro"))
    assert refused.value.reason == "sso_unknown"


def test_single_sign_on_needs_a_verified_e_mail_that_is_exactly_the_account(engine):
    """Finding 3: an identity with email_verified false, or the Kelvin sign (U+212A) for k,
    signed in as someone else."""
    create_user(engine, "karen@medellin.gov.co", None, "Karen")
    for claims, reason in (
        (identity("karen@medellin.gov.co", verified=False), "sso_unverified"),
        (identity("karen@medellin.gov.co", verified=None), "sso_unverified"),
        ({k: v for k, v in identity("karen@medellin.gov.co").items() if k != "email_verified"}, "sso_unverified"),
        (identity("\u212aaren@medellin.gov.co"), "sso_unknown"),  # the Kelvin sign, NFKC-folds to k
        (identity("\uff4baren@medellin.gov.co"), "sso_unknown"),  # a full-width k
    ):
        with pytest.raises(StoreError) as refused:
            person_for_sso(engine, claims)
        assert refused.value.reason == reason, claims
    with pytest.raises(StoreError) as refused:  # nor can the operator open a look-alike account
        create_user(engine, "\u212aaren@medellin.gov.co", None)
    assert refused.value.reason == "username_invalid"
    assert (
        person_for_sso(engine, identity("Karen@Medellin.gov.co", verified="true")).username == "karen@medellin.gov.co"
    )


def test_single_sign_on_binds_the_account_to_the_provider_subject(engine):
    create_user(engine, "ana@medellin.gov.co", None, "Ana")
    ana = person_for_sso(engine, identity("ana@medellin.gov.co", sub="ana-123"))
    # later sign-ins match by subject, even once the provider spells the e-mail differently
    assert person_for_sso(engine, identity("ana.garcia@medellin.gov.co", sub="ana-123")) == ana
    for claims in (
        identity("ana@medellin.gov.co", sub="otra-persona"),  # same e-mail, another subject
        identity("ana@medellin.gov.co", sub="ana-123", issuer="https://otro.proveedor.org"),
    ):
        with pytest.raises(StoreError) as refused:
            person_for_sso(engine, claims)
        assert refused.value.reason == "sso_other_identity"


def test_a_deactivated_account_cannot_sign_in_and_its_sessions_end(engine, team):
    started = datetime(2026, 11, 22, 9, 0)
    editor = team["editor"]
    create_user(engine, "luisa@medellin.gov.co", None)
    luisa = person_for_sso(engine, identity("luisa@medellin.gov.co", sub="luisa"))
    assert session_valid(engine, editor, started) and session_valid(engine, luisa, started)
    set_active(engine, "editor@city.gov", False, now=started + timedelta(minutes=5))
    set_active(engine, "luisa@medellin.gov.co", False)
    assert not session_valid(engine, editor, started) and not session_valid(engine, luisa, started)
    with pytest.raises(StoreError) as refused:
        sign_in(engine, "editor@city.gov", PASSWORD)
    assert refused.value.reason == "sign_in_failed"
    with pytest.raises(StoreError) as refused:
        person_for_sso(engine, identity("luisa@medellin.gov.co", sub="luisa"))
    assert refused.value.reason == "sso_unknown"
    with acting_as(team["owner"]), pytest.raises(StoreError):
        set_active(engine, "editor@city.gov", True)  # the operator's only
    set_active(engine, "editor@city.gov", True)
    assert sign_in(engine, "editor@city.gov", PASSWORD).username == "editor@city.gov"


def test_signing_out_ends_every_session_of_the_account(engine, team):
    morning, later = datetime(2026, 11, 22, 9, 0), datetime(2026, 11, 22, 9, 30)
    end_sessions(engine, team["viewer"].user_id, now=morning + timedelta(minutes=10))
    assert not session_valid(engine, team["viewer"], morning)  # another tab, opened before
    assert session_valid(engine, team["viewer"], later)  # signed in again afterwards
    assert session_valid(engine, team["editor"], morning)


def test_a_success_clears_the_failures_and_the_operator_lifts_a_lock(engine, team):
    now = datetime(2026, 11, 22, 10, 0)
    for _ in range(MAX_FAILURES - 1):
        with pytest.raises(StoreError):
            sign_in(engine, "editor@city.gov", "incorrecta", now)
    sign_in(engine, "editor@city.gov", PASSWORD, now)
    for _ in range(MAX_FAILURES - 1):  # counted from zero again
        with pytest.raises(StoreError) as refused:
            sign_in(engine, "editor@city.gov", "incorrecta", now)
        assert refused.value.reason == "sign_in_failed"
    with pytest.raises(StoreError):
        sign_in(engine, "editor@city.gov", "incorrecta", now)
    with pytest.raises(StoreError) as refused:
        sign_in(engine, "editor@city.gov", PASSWORD, now)
    assert refused.value.reason == "sign_in_locked"
    set_password(engine, "editor@city.gov", "la contraseña nueva del editor")  # the operator, as the message says
    assert sign_in(engine, "editor@city.gov", "la contraseña nueva del editor", now).username == "editor@city.gov"


def test_attempts_for_unknown_names_are_purged_after_the_window(engine, team):
    now = datetime(2026, 11, 22, 10, 0)
    for n in range(3):
        with pytest.raises(StoreError):
            sign_in(engine, f"nadie{n}@city.gov", "x", now, client="203.0.113.7")
    with pytest.raises(StoreError):
        sign_in(engine, "otro@city.gov", "x", now + timedelta(minutes=16), client="203.0.113.8")
    with engine.connect() as connection:
        kept = connection.execute(select(sign_in_attempts.c.username)).scalars().all()
    assert kept == ["otro@city.gov"]


def test_one_address_trying_one_password_on_many_accounts_is_stopped(engine, team):
    now = datetime(2026, 11, 22, 10, 0)
    for n in range(MAX_CLIENT_FAILURES):
        with pytest.raises(StoreError) as refused:
            sign_in(engine, f"persona{n}@city.gov", "Medellin2026", now, client="203.0.113.7")
        assert refused.value.reason == "sign_in_failed"
    with pytest.raises(StoreError) as refused:  # even a real account with its right password
        sign_in(engine, "editor@city.gov", PASSWORD, now, client="203.0.113.7")
    assert refused.value.reason == "sign_in_locked"
    assert sign_in(engine, "editor@city.gov", PASSWORD, now, client="198.51.100.2").username == "editor@city.gov"
    # without an address (a local connection): a global rate of failures per minute
    for n in range(MAX_FAILURES_PER_MINUTE):
        with pytest.raises(StoreError):
            sign_in(engine, f"sin.direccion{n}@city.gov", "x", now)
    with pytest.raises(StoreError) as refused:
        sign_in(engine, "viewer@city.gov", PASSWORD, now)
    assert refused.value.reason == "sign_in_locked"
    assert sign_in(engine, "viewer@city.gov", PASSWORD, now + timedelta(minutes=2)).username == "viewer@city.gov"


RACER = """
import json, sys, time
from pathlib import Path
from toolkit.store import StoreError, open_store
from toolkit.store.accounts import sign_in
engine = open_store(sys.argv[1])
print("ready", flush=True)
while not Path(sys.argv[2]).exists():
    time.sleep(0.01)
try:
    sign_in(engine, "editor@city.gov", "intento " + sys.argv[3])
    print(json.dumps("signed_in"))
except StoreError as error:
    print(json.dumps(error.reason))
"""


def start_python(args) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_parallel_attempts_get_no_more_password_checks_than_the_limit(engine, team, tmp_path):
    """Finding 6: 15 parallel attempts got 15 password checks; counting and recording one were not
    serialised. Now each is recorded before its check, under a lock."""
    go = tmp_path / "go"
    url = engine.url.render_as_string(hide_password=False)
    racers = [start_python(["-c", RACER, url, str(go), str(n)]) for n in range(15)]
    for racer in racers:  # every process has its engine open before any of them tries
        assert racer.stdout.readline().strip() == "ready", racer.communicate()[1]
    go.touch()
    outcomes = []
    for racer in racers:
        out, err = racer.communicate(timeout=180)
        assert racer.returncode == 0, err
        outcomes.append(json.loads(out.strip().splitlines()[-1]))
    assert sorted(set(outcomes)) == ["sign_in_failed", "sign_in_locked"]
    assert outcomes.count("sign_in_failed") == MAX_FAILURES  # the password checks evaluated
    with engine.connect() as connection:
        recorded = connection.execute(select(func.count()).select_from(sign_in_attempts)).scalar()
    assert recorded == MAX_FAILURES


def test_naming_a_workspace_does_not_tell_whether_a_hidden_one_has_that_name(engine, sample_id, team):
    """Finding 5, last part: names were unique across the server, so an owner renaming (or, with
    HOJA_CREATORS=owners, creating) a workspace was refused a name held by a workspace they cannot
    open, and so learnt that it exists. Names are now unique among the workspaces a person opens."""
    hidden = create_workspace(engine, "Cooperación Bogotá 2027")  # the operator's, nobody's member
    with acting_as(team["owner"]):
        renamed = rename_workspace(engine, sample_id, "Cooperación Bogotá 2027")
        assert renamed.name == "Cooperación Bogotá 2027"  # the same answer as for any free name
        assert [w.id for w in list_workspaces(engine)] == [sample_id]
    with acting_as(replace(team["owner"], creates=True)):
        own = create_workspace(engine, "Cooperación Bogotá 2027 (copia)")
        with pytest.raises(StoreError) as refused:  # a name the owner sees is refused, as before
            rename_workspace(engine, own.id, "Cooperación Bogotá 2027")
        assert refused.value.reason == "name_taken"
        created = create_workspace(engine, "Otra ciudad")
    with acting_as(team["outsider"]), pytest.raises(StoreError):  # not theirs: refused as before
        rename_workspace(engine, hidden.id, "Mío")
    # the operator opens all of them: the shared name is no longer unique, and says so
    with pytest.raises(StoreError) as ambiguous:
        find_workspace(engine, "Cooperación Bogotá 2027")
    assert ambiguous.value.reason == "workspace_ambiguous"
    assert f"#{hidden.id}" in t(ambiguous.value.message_key, **ambiguous.value.details)
    assert find_workspace(engine, f"#{hidden.id}").id == hidden.id
    assert find_workspace(engine, "Otra ciudad").id == created.id
    labels = workspace_labels(list_workspaces(engine))
    assert labels[hidden.id] == f"Cooperación Bogotá 2027 (#{hidden.id})" and labels[created.id] == "Otra ciudad"
    with pytest.raises(StoreError) as taken:  # the operator's own names stay unique
        create_workspace(engine, "Cooperación Bogotá 2027")
    assert taken.value.reason == "name_taken"
