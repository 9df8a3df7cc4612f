"""The MACTOR grids are no longer last-save-wins: two people who loaded the positions (or the
influences) grid in the same state and change the same cell, the second save is refused with the
names of the actors concerned and nothing of it is written; a change to another cell of the same
actor still saves. On SQLite and PostgreSQL."""

import pytest

from toolkit.domain import Actor
from toolkit.store.register import add_actor
from toolkit.store.strategy import (
    add_objective,
    list_influences,
    list_positions,
    save_influence_edits,
    save_position_edits,
)
from toolkit.store.workspaces import create_workspace
from toolkit.strategy import Objective, grid_edits, grid_rows


@pytest.fixture
def analysis(engine):
    workspace_id = create_workspace(engine, "Cali").id
    actors = [add_actor(engine, workspace_id, Actor(name)) for name in ("Alcaldía", "ACI", "Proantioquia")]
    objectives = [add_objective(engine, workspace_id, Objective(title)) for title in ("Atraer", "Formar")]
    return workspace_id, actors, objectives


def loaded(engine, workspace_id, grid, actors, columns):
    """The grid's rows as a person's page loads them."""
    values = list_positions(engine, workspace_id) if grid == "o" else list_influences(engine, workspace_id)
    return grid_rows([(a, str(a)) for a in actors], columns, values, grid)


def typed(before, actor, column, value, prefix):
    return [{**next(r for r in before if r["id"] == actor), f"{prefix}{column}": value}]


def test_the_second_save_of_the_same_position_is_refused(engine, analysis):
    workspace_id, (alcaldia, aci, _), (atraer, formar) = analysis
    save_position_edits(engine, workspace_id, grid_edits([], [{"id": aci, f"o{atraer}": 1}], "o")[0])
    before = loaded(engine, workspace_id, "o", [alcaldia, aci], [atraer, formar])  # both open the grid
    first, _ = grid_edits(before, typed(before, aci, atraer, 3, "o"), "o")
    second, _ = grid_edits(before, typed(before, aci, atraer, -2, "o"), "o")
    assert save_position_edits(engine, workspace_id, first).ok
    refused = save_position_edits(engine, workspace_id, second)
    assert refused.conflicts == ["ACI"] and refused.saved == 0
    assert list_positions(engine, workspace_id)[aci, atraer] == 3  # the first save stays
    other, _ = grid_edits(before, typed(before, aci, formar, 2, "o"), "o")  # another cell of the same row
    assert save_position_edits(engine, workspace_id, other).ok
    assert list_positions(engine, workspace_id)[aci, formar] == 2


def test_the_second_save_of_the_same_influence_is_refused(engine, analysis):
    workspace_id, (alcaldia, aci, pro), _ = analysis
    before = loaded(engine, workspace_id, "a", [alcaldia, aci, pro], [alcaldia, aci, pro])
    first, _ = grid_edits(before, typed(before, alcaldia, pro, 4, "a"), "a")  # an empty cell, filled twice
    second, _ = grid_edits(before, typed(before, alcaldia, pro, 1, "a"), "a")
    assert save_influence_edits(engine, workspace_id, first).ok
    assert save_influence_edits(engine, workspace_id, second).conflicts == ["Alcaldía"]
    assert list_influences(engine, workspace_id)[alcaldia, pro] == 4
    again = loaded(engine, workspace_id, "a", [alcaldia, aci, pro], [alcaldia, aci, pro])  # loaded anew
    assert save_influence_edits(engine, workspace_id, grid_edits(again, typed(again, alcaldia, pro, 1, "a"), "a")[0]).ok
    assert list_influences(engine, workspace_id)[alcaldia, pro] == 1
