"""The register read a page at a time (issue 17): the store searches, filters and sorts, and each
page holds exactly the actors the in-memory filter keeps, in order, on SQLite and PostgreSQL."""

import pytest

from toolkit.actor_filter import ActorFilter, filter_actors
from toolkit.domain import Actor, quadrant
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.register import (
    ACTOR_SORTS,
    actor_count,
    actor_themes,
    list_actors,
    list_actors_page,
)
from toolkit.store.workspaces import create_workspace

FILTERS = [
    ActorFilter(),
    ActorFilter(query="medellín"),
    ActorFilter(query="MEDELLIN  fundacion"),
    ActorFilter(query="movilidad"),  # a theme's word
    ActorFilter(query="ñandú"),  # in the notes only
    ActorFilter(sectors=("academia", "ngo")),
    ActorFilter(scales=("local",), stances=(2, 1)),
    ActorFilter(stances=(None,)),
    ActorFilter(quadrants=("manage_closely",)),
    ActorFilter(quadrants=("keep_informed", "monitor")),
    ActorFilter(quadrants=(None,)),
    ActorFilter(themes=("Paz",)),
    ActorFilter(themes=("innovacion",), sectors=("academia",)),
    ActorFilter(query="nadie tiene esto"),
]


@pytest.fixture
def register(engine):
    """A workspace of 60 actors with every kind of value, some missing."""
    workspace = create_workspace(engine, "Sesenta actores")
    sectors, scales, cities = ["academia", "ngo", "private", None], ["local", "national", None], ["Medellín", "Bogotá"]
    actors = [
        Actor(
            f"{'Fundación' if n % 3 == 0 else 'Colectivo'} {n:02d}",
            acronym=f"F{n}",
            sector=sectors[n % 4],
            scale=scales[n % 3],
            city=cities[n % 2],
            influence=None if n % 7 == 0 else n % 5 + 1,
            interest=None if n % 11 == 0 else (n * 3) % 5 + 1,
            stance=None if n % 6 == 0 else n % 5 - 2,
            themes=[["paz"], ["Innovación", "movilidad"], [], ["PAZ", "educación"]][n % 4],
            notes="vimos un ñandú" if n == 17 else "",
        )
        for n in range(60)
    ]
    import_batch(engine, workspace.id, RegisterBatch(new_actors=actors))
    return engine, workspace.id


def sort_key(sort: str):
    column, descending = ACTOR_SORTS[sort]

    def key(actor: Actor):
        value = actor.id if column == "id" else getattr(actor, column)
        ties = () if column == "id" else (actor.name, actor.id)
        return (value is None, (-value if descending else value) if value is not None else 0, *ties)

    return key


@pytest.mark.parametrize("wanted", FILTERS, ids=repr)
def test_each_page_holds_what_the_filter_keeps_in_order(register, wanted):
    engine, workspace_id = register
    everyone = list_actors(engine, workspace_id)
    expected = [a.id for a in filter_actors(everyone, wanted)]  # list_actors reads by name
    seen, offset = [], 0
    while True:
        page, total = list_actors_page(engine, workspace_id, wanted, "name", offset, 7)
        assert total == len(expected)
        if not page:
            break
        assert len(page) <= 7
        seen += [a.id for a in page]
        offset += 7
    assert seen == expected


@pytest.mark.parametrize("sort", ["influence", "interest", "stance", "newest", "name_desc"])
def test_the_register_sorts_in_the_store_with_unknown_values_last(register, sort):
    engine, workspace_id = register
    wanted = ActorFilter(sectors=("academia", "ngo", "private"))
    kept = filter_actors(list_actors(engine, workspace_id), wanted)
    expected = [a.id for a in sorted(kept, key=sort_key(sort))] if sort != "name_desc" else None
    first, total = list_actors_page(engine, workspace_id, wanted, sort, 0, 20)
    second, _ = list_actors_page(engine, workspace_id, wanted, sort, 20, 100)
    got = [a.id for a in first + second]
    assert total == len(kept) == len(got)
    if expected is not None:
        assert got == expected
    else:
        assert [a.name for a in first + second] == sorted((a.name for a in kept), reverse=True)
    if sort in ("influence", "interest", "stance"):
        values = [getattr(a, sort) for a in first + second]
        assert None in values and values.index(None) == len(values) - values.count(None)


def test_a_page_past_the_end_is_empty_and_counts_the_rest(register):
    engine, workspace_id = register
    page, total = list_actors_page(engine, workspace_id, ActorFilter(quadrants=("manage_closely",)), "name", 500, 100)
    assert page == []
    assert total == sum(
        quadrant(a.influence, a.interest) == "manage_closely" for a in list_actors(engine, workspace_id)
    )


def test_whole_actors_come_back_with_their_fields(register):
    engine, workspace_id = register
    page, _ = list_actors_page(engine, workspace_id, ActorFilter(query="ñandu"), "name", 0, 100)
    assert [(a.name, a.notes, a.city) for a in page] == [("Colectivo 17", "vimos un ñandú", "Bogotá")]
    assert page[0] == next(a for a in list_actors(engine, workspace_id) if a.name == "Colectivo 17")


def test_the_option_lists_count_and_name_the_themes_once(register):
    engine, workspace_id = register
    assert actor_count(engine, workspace_id) == 60
    assert actor_themes(engine, workspace_id) == ["educación", "Innovación", "movilidad", "paz"]
