"""A use case run with no person set acts as nobody, not as the operator: every use case refuses it.
The operator's tools (the command line, the first-run sample load) say who acts themselves."""

import contextvars
import threading

import pytest

from toolkit import access
from toolkit.cli import main
from toolkit.domain import Actor
from toolkit.store import StoreError
from toolkit.store.accounts import create_user, list_users, set_password
from toolkit.store.register import add_actor, list_actors
from toolkit.store.workspaces import create_workspace, get_workspace, list_workspaces

PASSWORD = "una contraseña larga y buena"


def as_nobody(task):
    """``task()`` where no one was ever set (a fresh context, as in a new thread)."""
    return contextvars.Context().run(task)


def refusal(task) -> str:
    with pytest.raises(StoreError) as refused:
        as_nobody(task)
    return refused.value.reason


def test_the_default_person_is_nobody_not_the_operator():
    assert as_nobody(access.current) == access.NOBODY
    assert not access.NOBODY.unrestricted
    seen = []
    thread = threading.Thread(target=lambda: seen.append(access.current()))  # a thread starts as nobody
    thread.start()
    thread.join()
    assert seen == [access.NOBODY]


def test_every_use_case_refuses_nobody(engine):
    workspace = create_workspace(engine, "Del operador")  # the tests act as the operator (conftest)
    add_actor(engine, workspace.id, Actor("Alcaldía"))
    create_user(engine, "ana@medellin.gov.co", PASSWORD)

    assert as_nobody(lambda: list_workspaces(engine)) == []  # nobody sees that a workspace exists
    assert refusal(lambda: get_workspace(engine, workspace.id)) == "workspace_not_found"
    assert refusal(lambda: list_actors(engine, workspace.id)) == "workspace_not_found"
    assert refusal(lambda: add_actor(engine, workspace.id, Actor("Intruso"))) == "workspace_not_found"
    assert refusal(lambda: create_workspace(engine, "De nadie")) == "not_allowed"
    assert refusal(lambda: create_user(engine, "intruso@otra.org", PASSWORD)) == "not_allowed"
    assert refusal(lambda: list_users(engine)) == "not_allowed"
    assert refusal(lambda: set_password(engine, "ana@medellin.gov.co", "otra contraseña muy larga")) == "not_allowed"
    assert [a.name for a in list_actors(engine, workspace.id)] == ["Alcaldía"]  # nothing was written


def test_the_command_line_acts_as_the_operator(engine, capsys):
    url = engine.url.render_as_string(hide_password=False)
    create_user(engine, "ana@medellin.gov.co", PASSWORD)
    assert as_nobody(lambda: main(["users", "list", "--db", url])) == 0  # the operator's listing
    assert "ana@medellin.gov.co" in capsys.readouterr().out
    assert (
        as_nobody(lambda: main(["sample", "--workspace", "Medellín", "--db", url])) == 0
    )  # and the sample, loaded by no account
    assert len(list_workspaces(engine)) == 1
