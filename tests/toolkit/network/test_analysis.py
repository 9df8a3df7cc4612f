"""Metrics on small named maps, checked by hand and against networkx; disconnected, empty and large maps."""

import networkx as nx
import pytest

from toolkit.domain import Actor, Relation
from toolkit.network.analysis import network_metrics, split_if_removed
from toolkit.network.graph import actor_graph, tie_graph


def named(names: str) -> list[Actor]:
    return [Actor(name, id=position) for position, name in enumerate(names, start=1)]


STAR = (named("HABCD"), [Relation(1, n) for n in (2, 3, 4, 5)])  # H in the middle
PATH = (named("ABC"), [Relation(1, 2), Relation(2, 3)])
TWO_TRIANGLES = (
    named("ABCDEF"),
    [Relation(1, 2), Relation(2, 3), Relation(1, 3), Relation(4, 5), Relation(5, 6), Relation(4, 6), Relation(3, 4)],
)


def test_star_by_hand():
    m = network_metrics(*STAR).per_actor
    assert m[1].betweenness == 1.0 and m[2].betweenness == 0.0
    assert m[1].closeness == 1.0 and m[2].closeness == pytest.approx(4 / 7)  # 4 others at 1+2+2+2
    assert m[1].degree == 4 and m[1].hub
    assert m[2].peripheral and not m[2].hub
    assert m[1].cut_point and m[1].broker


def test_path_by_hand():
    m = network_metrics(*PATH).per_actor
    assert (m[1].betweenness, m[2].betweenness) == (0.0, 1.0)
    assert (m[1].closeness, m[2].closeness) == (pytest.approx(2 / 3), 1.0)
    assert m[1].eigenvector == pytest.approx(m[3].eigenvector) and m[2].eigenvector == 1.0


def test_two_triangles_have_two_communities_and_a_bridge():
    metrics = network_metrics(*TWO_TRIANGLES)
    m = metrics.per_actor
    assert sorted(map(sorted, metrics.communities)) == [[1, 2, 3], [4, 5, 6]]
    assert m[3].broker and m[4].broker and not m[1].broker
    assert m[3].cut_point and m[4].cut_point


@pytest.mark.parametrize("actors, relations", [STAR, PATH, TWO_TRIANGLES])
def test_values_match_networkx(actors, relations):
    ties = tie_graph(actor_graph(actors, relations))
    ours = network_metrics(actors, relations).per_actor
    betweenness = nx.betweenness_centrality(ties)
    closeness = nx.closeness_centrality(ties, wf_improved=False)
    for actor in actors:
        assert ours[actor.id].betweenness == pytest.approx(betweenness[actor.id])
        assert ours[actor.id].closeness == pytest.approx(closeness[actor.id])


def test_directed_relations_count_in_and_out():
    m = network_metrics(named("AB"), [Relation(1, 2, directed=True, strength=3), Relation(2, 1, strength=1)]).per_actor
    assert (m[1].out_degree, m[1].in_degree, m[2].in_degree) == (1, 0, 1)
    assert (m[1].degree, m[1].weighted_degree) == (2, 4)


def test_a_disconnected_map_gives_eigenvector_per_part():
    actors = named("ABCDE")
    m = network_metrics(actors, [Relation(1, 2), Relation(3, 4), Relation(4, 5)]).per_actor
    assert m[1].eigenvector == 1.0 and m[2].eigenvector == 1.0  # the top of its own part
    assert m[4].eigenvector == 1.0


def test_empty_and_edgeless_maps():
    assert network_metrics([], []).per_actor == {}
    m = network_metrics(named("AB"), [])
    assert all(x.isolated and x.betweenness == 0 and x.closeness == 0 for x in m.per_actor.values())
    assert m.components == 2


def test_relations_to_unknown_actors_or_itself_are_ignored():
    m = network_metrics(named("AB"), [Relation(1, 1), Relation(1, 99)]).per_actor
    assert m[1].degree == 0


def test_split_if_removed():
    actors, relations = named("ABCDE"), [Relation(1, 2), Relation(2, 3), Relation(3, 4), Relation(3, 5)]
    assert split_if_removed(actors, relations, 3) == 2  # D and E lose the larger part A-B
    assert split_if_removed(actors, relations, 1) == 0


@pytest.mark.parametrize("size", [2_000, 10_000])
def test_large_generated_maps(size):
    graph = nx.powerlaw_cluster_graph(size, 2, 0.1, seed=3)
    actors = [Actor(f"Actor {n}", id=n + 1) for n in graph.nodes]
    relations = [Relation(a + 1, b + 1) for a, b in graph.edges]
    metrics = network_metrics(actors, relations)
    assert len(metrics.per_actor) == size
    assert metrics.estimated is (size > 3_000)
    top = max(metrics.per_actor.values(), key=lambda m: m.betweenness)
    assert top.hub and 0 < top.betweenness <= 1
    assert len(metrics.communities) > 1


def test_estimates_rank_the_same_top_actors_as_exact_figures():
    graph = nx.powerlaw_cluster_graph(1_500, 2, 0.1, seed=5)
    actors = [Actor(f"Actor {n}", id=n + 1) for n in graph.nodes]
    relations = [Relation(a + 1, b + 1) for a, b in graph.edges]
    exact = network_metrics(actors, relations)
    estimate = network_metrics(actors, relations, exact_limit=100, sample_sources=400)
    top = lambda m: {a for a, _ in sorted(m.per_actor.items(), key=lambda kv: -kv[1].betweenness)[:10]}  # noqa: E731
    assert estimate.estimated and len(top(exact) & top(estimate)) >= 7
