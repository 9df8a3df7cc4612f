"""Inicio's data-quality lists open the register filtered to exactly those actors (issue 16): the
store's ``missing`` filter keeps the actors Inicio counts, a page at a time, on SQLite and
PostgreSQL, and together with the other filters."""

import pytest

from toolkit.actor_filter import MISSING, ActorFilter, filter_actors
from toolkit.actors import workspace_overview
from toolkit.domain import Actor, Relation
from toolkit.store.register import add_actor, add_relation, list_actors, list_actors_page, list_relations
from toolkit.store.workspaces import create_workspace

LISTS = {"sector": "without_sector", "stance": "without_stance", "consent": "without_consent", "isolated": "isolated"}


def every_page(engine, workspace_id, wanted, size=5) -> tuple[list[str], set[int]]:
    names, totals, offset = [], set(), 0
    while True:
        page, total = list_actors_page(engine, workspace_id, wanted, "name", offset, size)
        totals.add(total)
        if not page:
            return names, totals
        names += [actor.name for actor in page]
        offset += size


@pytest.mark.parametrize("missing", MISSING)
def test_each_list_opens_on_exactly_the_actors_inicio_counts(engine, sample_id, missing):
    listed = getattr(workspace_overview(engine, sample_id), LISTS[missing])
    assert listed, f"the sample has actors on the '{missing}' list"  # else the test proves nothing
    names, totals = every_page(engine, sample_id, ActorFilter(missing=missing))
    assert sorted(names) == sorted(listed)
    assert totals == {len(listed)}


@pytest.fixture
def small(engine):
    """Five actors, one on each list (and one on none), and a relation in another workspace."""
    workspace = create_workspace(engine, "Cinco").id
    other = create_workspace(engine, "Otro").id
    ids = {
        actor.name: add_actor(engine, workspace, actor)
        for actor in (
            Actor("Completo", sector="academia", stance=1, email="a@b.co", consent="yes"),
            Actor("Sin sector vacío", sector="", stance=1),
            Actor("Sin posición", sector="ngo"),
            Actor("Teléfono sin consentimiento", sector="ngo", stance=0, phone="300", consent="no"),
            Actor("Aislado", sector="ngo", stance=2),
        )
    }
    for name in ("Sin sector vacío", "Sin posición", "Teléfono sin consentimiento"):
        add_relation(engine, workspace, Relation(ids["Completo"], ids[name]))
    there = [add_actor(engine, other, Actor(name)) for name in ("X", "Y")]
    add_relation(engine, other, Relation(*there))
    return engine, workspace


@pytest.mark.parametrize(
    ("wanted", "expected"),
    [
        (ActorFilter(missing="sector"), ["Sin sector vacío"]),
        (ActorFilter(missing="stance"), ["Sin posición"]),
        (ActorFilter(missing="consent"), ["Teléfono sin consentimiento"]),
        (ActorFilter(missing="isolated"), ["Aislado"]),
        (ActorFilter(missing="isolated", query="aislado"), ["Aislado"]),  # searched in Python, filtered in SQL
        (ActorFilter(missing="stance", sectors=("academia",)), []),
        (ActorFilter(missing="no such list"), []),  # a mistyped link shows nobody, not everybody
    ],
    ids=repr,
)
def test_the_store_and_the_in_memory_filter_keep_the_same_actors(small, wanted, expected):
    engine, workspace = small
    names, _ = every_page(engine, workspace, wanted, size=2)
    assert names == expected
    connected = {end for r in list_relations(engine, workspace) for end in (r.source, r.target)}
    in_memory = filter_actors(list_actors(engine, workspace), wanted, connected)
    assert [actor.name for actor in in_memory] == expected
