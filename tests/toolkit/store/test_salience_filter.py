"""The register filtered by salience (issue 20): the class of each actor's latest dated judgement,
"not assessed" for actors never judged or judged on fewer than three attributes; the store's paged
register and the in-memory filter (the map) keep the same actors, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.actor_filter import ActorFilter, filter_actors
from toolkit.domain import Actor
from toolkit.salience import latest_classes
from toolkit.store.register import add_actor, list_actors, list_actors_page
from toolkit.store.strategy import list_salience, record_salience
from toolkit.store.workspaces import create_workspace
from toolkit.strategy import SalienceJudgement


@pytest.fixture
def judged(engine):
    workspace = create_workspace(engine, "Prominencia").id
    ids = {name: add_actor(engine, workspace, Actor(name)) for name in ("Alcaldía", "ACI", "Gremio", "Veeduría")}
    # the Alcaldía was definitive in March, only dominant since September (the later day decides,
    # even when recorded first)
    record_salience(engine, workspace, SalienceJudgement(ids["Alcaldía"], date(2026, 9, 1), 5, 5, 1))
    record_salience(engine, workspace, SalienceJudgement(ids["Alcaldía"], date(2026, 3, 1), 5, 5, 5))
    record_salience(engine, workspace, SalienceJudgement(ids["ACI"], date(2026, 3, 1), 4, 4, 4))
    record_salience(engine, workspace, SalienceJudgement(ids["Gremio"], date(2026, 3, 1), 5, None, 5))
    return workspace, ids


@pytest.mark.parametrize(
    ("classes", "expected"),
    [
        (("definitive",), ["ACI"]),
        (("dominant",), ["Alcaldía"]),
        ((None,), ["Gremio", "Veeduría"]),
        (("dominant", None), ["Alcaldía", "Gremio", "Veeduría"]),
        (("dangerous",), []),
    ],
)
def test_the_register_and_the_map_keep_the_same_actors(engine, judged, classes, expected):
    workspace, _ = judged
    wanted = ActorFilter(salience=classes)
    page, total = list_actors_page(engine, workspace, wanted)
    assert sorted(a.name for a in page) == expected and total == len(expected)
    classes_now = latest_classes(list_salience(engine, workspace))
    in_memory = filter_actors(list_actors(engine, workspace), wanted, salience=classes_now)
    assert sorted(a.name for a in in_memory) == expected


def test_salience_combines_with_the_other_filters_and_the_search(engine, judged):
    workspace, _ = judged
    page, total = list_actors_page(engine, workspace, ActorFilter(query="veed", salience=(None,)))
    assert [a.name for a in page] == ["Veeduría"] and total == 1
    page, total = list_actors_page(engine, workspace, ActorFilter(query="veed", salience=("definitive",)))
    assert page == [] and total == 0


def test_the_map_as_of_a_day_uses_the_judgements_made_by_then(engine, judged):
    workspace, ids = judged
    judgements = list_salience(engine, workspace)
    assert latest_classes(judgements, date(2026, 6, 1))[ids["Alcaldía"]] == "definitive"
    assert latest_classes(judgements)[ids["Alcaldía"]] == "dominant"
    assert ids["Veeduría"] not in latest_classes(judgements)
