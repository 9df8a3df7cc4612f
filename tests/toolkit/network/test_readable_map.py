"""The readable part of a large map (issue 17): the largest actors drawn, the one searched for and the
path always among them, the relations between those drawn; the saved arrangement's stamp read
without its positions."""

import pytest

from toolkit.domain import Actor, Relation
from toolkit.network.analysis import network_metrics
from toolkit.network.layout import compute_layout
from toolkit.network.presentation import map_labels
from toolkit.network.readable import readable_view
from toolkit.network.view import MapChoices, chosen_view
from toolkit.store.maps import layout_setting, save_layout, saved_layout
from toolkit.store.register import add_actor
from toolkit.store.workspaces import create_workspace

ACTORS = [Actor(f"Actor {n}", id=n, sector="ngo" if n % 2 else "academia", influence=1 + n % 5) for n in range(1, 41)]
RELATIONS = [Relation(n, n + 1) for n in range(1, 40)]


def view_of(**choices):
    metrics = network_metrics(ACTORS, RELATIONS)
    return chosen_view(ACTORS, RELATIONS, metrics, {}, map_labels({}), MapChoices(**choices))


@pytest.mark.parametrize(
    ("limit", "size_by", "drawn", "left_out"),
    [(10, "influence", 10, 30), (40, "influence", 40, 0), (0, "influence", 40, 0), (5, "degree", 5, 35)],
)
def test_the_largest_actors_are_drawn_and_the_rest_counted(limit, size_by, drawn, left_out):
    whole = view_of(size_by=size_by)
    part, hidden = readable_view(whole, limit)
    assert (len(part.nodes), hidden) == (drawn, left_out)
    smallest_drawn = min(node["size"] for node in part.nodes)
    kept = {node["id"] for node in part.nodes}
    assert all(node["size"] <= smallest_drawn for node in whole.nodes if node["id"] not in kept)
    assert all(edge["from"] in kept and edge["to"] in kept for edge in part.edges)
    assert sum(part.counts.values()) == drawn  # the legend counts what is drawn


def test_the_actor_searched_for_and_the_path_are_always_drawn():
    small = [a.id for a in ACTORS if a.influence == 1]
    part, hidden = readable_view(view_of(highlight=small[0], path=(small[1], small[2])), 10)
    assert {part.node_ids.get(i) for i in small[:3]} <= {node["id"] for node in part.nodes}
    assert (len(part.nodes), hidden) == (13, 27)


def test_the_saved_arrangement_is_known_without_reading_its_positions(engine):
    workspace = create_workspace(engine, "Mapa")
    actor_id = add_actor(engine, workspace.id, Actor("Solo"))
    assert layout_setting(engine, workspace.id) == ("force", None)
    save_layout(engine, workspace.id, "scales", compute_layout([Actor("Solo", id=actor_id)], [], "scales"))
    assert layout_setting(engine, workspace.id) == ("scales", saved_layout(engine, workspace.id)[2])
