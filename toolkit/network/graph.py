"""Building the graph of the territory from the register."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import networkx as nx

from toolkit.domain import Actor, Relation, quadrant
from toolkit.engagement import holds_on


def actor_graph(actors: Iterable[Actor], relations: Iterable[Relation], on: date | None = None) -> nx.MultiDiGraph:
    """Every actor a node (isolated ones too), every relation an edge with its type and strength;
    with ``on``, only the relations that held on that day (the map "as of" a date).

    Undirected relations are stored once with ``directed=False``; analysis that needs an
    undirected view uses :func:`tie_graph`.

    >>> g = actor_graph([Actor("A", id=1), Actor("B", id=2), Actor("C", id=3)],
    ...                 [Relation(1, 2, type="funding", strength=3, directed=True)])
    >>> sorted(g.nodes), list(g.edges(data="type"))
    ([1, 2, 3], [(1, 2, 'funding')])
    >>> later = [Relation(1, 2, starts_on=date(2026, 5, 1))]
    >>> actor_graph([Actor("A", id=1), Actor("B", id=2)], later, on=date(2026, 4, 30)).number_of_edges()
    0
    """
    graph = nx.MultiDiGraph()
    for actor in actors:
        graph.add_node(
            actor.id,
            name=actor.name,
            sector=actor.sector,
            scale=actor.scale,
            stance=actor.stance,
            influence=actor.influence,
            interest=actor.interest,
            themes=list(actor.themes),
            quadrant=quadrant(actor.influence, actor.interest),
        )
    for relation in relations:
        if on is not None and not holds_on(relation, on):
            continue
        if relation.source in graph and relation.target in graph and relation.source != relation.target:
            graph.add_edge(
                relation.source,
                relation.target,
                key=relation.id,
                type=relation.type,
                strength=relation.strength,
                directed=relation.directed,
                id=relation.id,
            )
    return graph


def tie_graph(graph: nx.MultiDiGraph) -> nx.Graph:
    """One undirected tie per pair of actors, weighted by the summed strength of their relations.

    >>> g = actor_graph([Actor("A", id=1), Actor("B", id=2)], [Relation(1, 2, strength=2), Relation(2, 1, strength=3)])
    >>> tie_graph(g)[1][2]["weight"]
    5
    """
    ties = nx.Graph()
    ties.add_nodes_from(graph.nodes(data=True))
    for source, target, strength in graph.edges(data="strength"):
        if ties.has_edge(source, target):
            ties[source][target]["weight"] += strength
        else:
            ties.add_edge(source, target, weight=strength)
    return ties
