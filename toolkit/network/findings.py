"""What the map says, in words a director understands, with the numbers behind them.

Each finding is a catalog key and the values that fill it; the page writes it in the
user's language. Pure functions over the register and its metrics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from toolkit.domain import Actor, Relation
from toolkit.network.analysis import ActorMetrics, NetworkMetrics, split_if_removed
from toolkit.network.brokerage import directed_ties, only_bridges

TOP = 3


@dataclass
class Finding:
    key: str  # catalog key under map.findings
    values: dict[str, object] = field(default_factory=dict)
    actor_ids: list[int] = field(default_factory=list)


def _most_central(per: dict[int, ActorMetrics], by_id: dict[int, Actor]) -> list[Finding]:
    central = sorted((m for m in per.values() if m.degree), key=lambda m: (-m.betweenness, -m.degree))[:TOP]
    if not central:
        return []
    first = central[0]
    return [
        Finding(
            "most_central",
            {
                "names": [by_id[m.actor_id].name for m in central],
                "name": by_id[first.actor_id].name,
                "share": round(first.betweenness * 100),
                "degree": first.degree,
            },
            [m.actor_id for m in central],
        )
    ]


def _brokers_who_split(
    actors: list[Actor], relations: list[Relation], per: dict[int, ActorMetrics], by_id: dict[int, Actor]
) -> list[Finding]:
    found = []
    cut_points = sorted((m for m in per.values() if m.cut_point), key=lambda m: -m.betweenness)[:TOP]
    for m in cut_points:
        cut_off = split_if_removed(actors, relations, m.actor_id)
        if cut_off:
            found.append(Finding("broker_split", {"name": by_id[m.actor_id].name, "count": cut_off}, [m.actor_id]))
    return found


def _isolated_influential(actors: list[Actor], per: dict[int, ActorMetrics]) -> list[Finding]:
    lonely = [a for a in actors if per[a.id].isolated and (a.influence or 0) >= 4]
    if not lonely:
        return []
    return [
        Finding(
            "isolated_influential",
            {"names": [a.name for a in lonely], "count": len(lonely)},
            [a.id for a in lonely],
        )
    ]


def _missing_or_weak_groups(
    actors: list[Actor], per: dict[int, ActorMetrics], sectors: list[str], scales: list[str]
) -> list[Finding]:
    found = []
    for field_name, vocabulary, missing_key, weak_key in (
        ("sector", sectors, "sector_missing", "sector_weak"),
        ("scale", scales, "scale_missing", "scale_weak"),
    ):
        present = {getattr(a, field_name) for a in actors}
        absent = [key for key in vocabulary if key not in present and key != "other"]
        if absent:
            found.append(Finding(missing_key, {"keys": absent, "count": len(absent)}))
        for key in vocabulary:
            members = [a for a in actors if getattr(a, field_name) == key]
            if len(members) < 2:
                continue
            ties = sum(per[a.id].degree for a in members) / len(members)
            if ties < 1:
                found.append(
                    Finding(
                        weak_key, {"key": key, "count": len(members), "mean": round(ties, 1)}, [a.id for a in members]
                    )
                )
    return found


def _conflicts_among_allies(relations: list[Relation], by_id: dict[int, Actor]) -> list[Finding]:
    found = []
    for relation in relations:
        source, target = by_id.get(relation.source), by_id.get(relation.target)
        if (
            relation.type == "conflict"
            and source
            and target
            and (source.stance or 0) >= 1
            and (target.stance or 0) >= 1
        ):
            found.append(
                Finding("conflict_allies", {"source": source.name, "target": target.name}, [source.id, target.id])
            )
    return found


def _only_bridges(actors: list[Actor], relations: list[Relation], by_id: dict[int, Actor]) -> list[Finding]:
    """Pairs of sectors (then scales) that one actor alone joins (Gould and Fernandez's liaison, see
    :func:`toolkit.network.brokerage.only_bridges`): one finding per broker, the pairs it alone
    joins (the first :data:`TOP`, then how many more), the brokers of most pairs first."""
    found = []
    ties = directed_ties(relations)
    for field_name in ("sector", "scale"):
        joined: dict[int, list[list[object]]] = {}
        for first, second, brokers in only_bridges({a.id: getattr(a, field_name) for a in actors}, ties):
            joined.setdefault(brokers[0], []).append([first, second])
        for broker, pairs in sorted(joined.items(), key=lambda item: -len(item[1]))[:TOP]:
            values = {"name": by_id[broker].name, "groups": pairs[:TOP], "more": len(pairs) - TOP}
            found.append(Finding(f"{field_name}_bridge", values, [broker]))
    return found


def findings(
    actors: list[Actor], relations: list[Relation], metrics: NetworkMetrics, sectors: list[str], scales: list[str]
) -> list[Finding]:
    """The most central actors, brokers whose absence would split the map, influential isolated
    actors, missing or weakly connected sectors and scales, conflicts among allies, the only bridge
    between two sectors (or scales).

    >>> from toolkit.network.analysis import network_metrics
    >>> a = [Actor("Hub", id=1, sector="academia"), Actor("B", id=2, sector="academia"),
    ...      Actor("C", id=3, sector="media", stance=2), Actor("D", id=4, influence=5, stance=1)]
    >>> r = [Relation(1, 2), Relation(1, 3)]
    >>> [f.key for f in findings(a, r, network_metrics(a, r), ["academia", "media", "diaspora"], [])]
    ['most_central', 'broker_split', 'isolated_influential', 'sector_missing']
    """
    if not actors:
        return []
    by_id = {actor.id: actor for actor in actors}
    per = metrics.per_actor
    return [
        *_most_central(per, by_id),
        *_brokers_who_split(actors, relations, per, by_id),
        *_isolated_influential(actors, per),
        *_missing_or_weak_groups(actors, per, sectors, scales),
        *_conflicts_among_allies(relations, by_id),
        *_only_bridges(actors, relations, by_id),
    ]


def neighbourhood(actors: list[Actor], relations: list[Relation], actor_id: int, steps: int = 1) -> set[int]:
    """The actors within ``steps`` relations of one actor (itself included).

    >>> a = [Actor(n, id=i) for i, n in enumerate("ABCD", start=1)]
    >>> sorted(neighbourhood(a, [Relation(1, 2), Relation(2, 3), Relation(3, 4)], 1, steps=2))
    [1, 2, 3]
    """
    graph = _ties(actors, relations)
    if actor_id not in graph:
        return set()
    return set(nx.single_source_shortest_path_length(graph, actor_id, cutoff=max(0, steps)))


def paths_between(
    actors: list[Actor], relations: list[Relation], source: int, target: int, limit: int = 5
) -> list[list[int]]:
    """The shortest chains of relations from one actor to another ("how do we reach the embassy?").

    >>> a = [Actor(n, id=i) for i, n in enumerate("ABCD", start=1)]
    >>> paths_between(a, [Relation(1, 2), Relation(2, 4), Relation(1, 3), Relation(3, 4)], 1, 4)
    [[1, 2, 4], [1, 3, 4]]
    >>> paths_between(a, [Relation(1, 2)], 1, 4)
    []
    """
    graph = _ties(actors, relations)
    if source not in graph or target not in graph or source == target:
        return []
    try:
        found = []
        for path in nx.all_shortest_paths(graph, source, target):
            found.append(path)
            if len(found) >= limit:
                break
        return sorted(found)
    except nx.NetworkXNoPath:
        return []


def _ties(actors: list[Actor], relations: list[Relation]) -> nx.Graph:
    graph = nx.Graph()
    graph.add_nodes_from(a.id for a in actors)
    graph.add_edges_from(
        (r.source, r.target) for r in relations if r.source in graph and r.target in graph and r.source != r.target
    )
    return graph
