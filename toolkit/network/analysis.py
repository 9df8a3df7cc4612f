"""Who matters in the map: per-actor metrics and flags, computed with igraph.

Exact figures up to :data:`EXACT_LIMIT` actors; above it betweenness and closeness are
estimated from a sample of source actors (the result says so, and the page tells the user).
Values follow networkx's definitions on the undirected tie graph (one tie per pair of
actors), so they can be checked by hand on small maps:

* betweenness: share of shortest paths between other pairs that pass through the actor
  (normalised to 0..1, unweighted hops);
* closeness: reachable actors minus one over the sum of distances to them, within the
  actor's own connected part of the map (0 for an isolated actor);
* eigenvector: per connected part, scaled so the top actor of each part has 1;
* community: Louvain (igraph's multilevel), numbered by size, largest first.
"""

from __future__ import annotations

import random
import statistics
from collections import Counter
from dataclasses import dataclass, field

import igraph as ig
import numpy as np

from toolkit.domain import Actor, Relation

EXACT_LIMIT = 3_000
SAMPLE_SOURCES = 250  # sources for estimated betweenness
PIVOTS = 100  # pivots for estimated closeness
SEED = 7


@dataclass
class ActorMetrics:
    actor_id: int
    degree: int = 0  # relations touching the actor
    in_degree: int = 0  # directed relations pointing at it
    out_degree: int = 0  # directed relations starting from it
    weighted_degree: int = 0  # sum of strengths
    betweenness: float = 0.0
    closeness: float = 0.0
    eigenvector: float = 0.0
    community: int = 0
    broker: bool = False
    cut_point: bool = False  # its absence would split its part of the map
    isolated: bool = False
    peripheral: bool = False
    hub: bool = False


@dataclass
class NetworkMetrics:
    per_actor: dict[int, ActorMetrics] = field(default_factory=dict)
    communities: list[list[int]] = field(default_factory=list)  # actor ids, largest community first
    components: int = 0
    estimated: bool = False  # betweenness and closeness estimated from a sample


def _tie_index(actors: list[Actor], relations: list[Relation]):
    index = {actor.id: position for position, actor in enumerate(actors)}
    weights: dict[tuple[int, int], int] = {}
    for relation in relations:
        a, b = index.get(relation.source), index.get(relation.target)
        if a is None or b is None or a == b:
            continue
        pair = (a, b) if a < b else (b, a)
        weights[pair] = weights.get(pair, 0) + relation.strength
    return index, weights


def _count_degrees(metrics: list[ActorMetrics], relations: list[Relation], index: dict[int, int]) -> None:
    for relation in relations:
        a, b = index.get(relation.source), index.get(relation.target)
        if a is None or b is None or a == b:
            continue
        for end in (a, b):
            metrics[end].degree += 1
            metrics[end].weighted_degree += relation.strength
        if relation.directed:
            metrics[a].out_degree += 1
            metrics[b].in_degree += 1


def _path_centralities(graph: ig.Graph, metrics: list[ActorMetrics], estimated: bool, sample_sources: int) -> None:
    """Betweenness and closeness, exact or estimated from sampled sources."""
    n = len(metrics)
    if estimated:
        rng = random.Random(SEED)
        sources = rng.sample(range(n), min(sample_sources, n))
        scale = n / len(sources)
        raw_betweenness = [value * scale for value in graph.betweenness(directed=False, sources=sources)]
        distances = graph.distances(source=sources[:PIVOTS])
        closeness = _pivot_closeness(distances, n, graph)
    else:
        raw_betweenness = graph.betweenness(directed=False)
        closeness = graph.closeness()
    pairs = (n - 1) * (n - 2) / 2
    for position, value in enumerate(raw_betweenness):
        metrics[position].betweenness = min(1.0, value / pairs) if pairs > 0 else 0.0
        metrics[position].closeness = 0.0 if closeness[position] != closeness[position] else closeness[position]


def _eigenvector_per_part(graph: ig.Graph, metrics: list[ActorMetrics]) -> int:
    """Eigenvector centrality within each connected part; returns how many parts there are."""
    components = graph.connected_components()
    for members in components:
        if len(members) < 2:
            continue
        part = graph.subgraph(members)
        scores = part.eigenvector_centrality(scale=True, weights=None)
        for member, score in zip(members, scores, strict=True):
            metrics[member].eigenvector = round(score, 6)
    return len(components)


def _find_communities(
    graph: ig.Graph, actors: list[Actor], metrics: list[ActorMetrics]
) -> tuple[list[int], list[list[int]]]:
    """Each actor's raw community label, and the communities' actor ids, largest first."""
    n = len(actors)
    random.seed(SEED)  # igraph's Louvain draws from Python's random: same map, same communities
    clustering = graph.community_multilevel(weights="weight") if graph.ecount() else None
    membership = clustering.membership if clustering else list(range(n))
    sizes = Counter(membership)
    order = {label: rank for rank, (label, _) in enumerate(sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0])))}
    communities: list[list[int]] = [[] for _ in order]
    for position, label in enumerate(membership):
        metrics[position].community = order[label]
        communities[order[label]].append(actors[position].id)
    return membership, communities


def _flag_roles(
    graph: ig.Graph, metrics: list[ActorMetrics], weights: dict[tuple[int, int], int], membership: list[int]
) -> None:
    """Isolated, peripheral, hub, cut point and broker flags."""
    n = len(metrics)
    cut_points = set(graph.articulation_points())
    degrees = [m.degree for m in metrics]
    mean = statistics.fmean(degrees)
    spread = statistics.pstdev(degrees) if n > 1 else 0.0
    betweenness_sorted = sorted(m.betweenness for m in metrics)
    high_betweenness = betweenness_sorted[int(0.9 * (n - 1))] if n else 0.0
    ties = [0] * n
    bridging = [False] * n  # has a tie to another community
    for a, b in weights:
        ties[a] += 1
        ties[b] += 1
        if membership[a] != membership[b]:
            bridging[a] = bridging[b] = True
    for position, m in enumerate(metrics):
        m.isolated = m.degree == 0
        m.peripheral = ties[position] == 1
        m.hub = m.degree >= max(4, mean + 2 * spread)
        m.cut_point = position in cut_points
        m.broker = m.cut_point or (bridging[position] and m.betweenness > 0 and m.betweenness >= high_betweenness)


def network_metrics(
    actors: list[Actor], relations: list[Relation], exact_limit: int = EXACT_LIMIT, sample_sources: int = SAMPLE_SOURCES
) -> NetworkMetrics:
    """Metrics and flags for every actor; an empty or disconnected map is fine.

    >>> a = [Actor(n, id=i) for i, n in enumerate("ABCD", start=1)]
    >>> m = network_metrics(a, [Relation(1, 2), Relation(2, 3)])
    >>> round(m.per_actor[2].betweenness, 3), m.per_actor[2].cut_point, m.per_actor[4].isolated, m.components
    (0.333, True, True, 2)
    """
    result = NetworkMetrics()
    if not actors:
        return result
    index, weights = _tie_index(actors, relations)
    n = len(actors)
    graph = ig.Graph(n=n, edges=list(weights), directed=False)
    graph.es["weight"] = list(weights.values())
    metrics = [ActorMetrics(actor_id=actor.id) for actor in actors]
    _count_degrees(metrics, relations, index)
    result.estimated = n > exact_limit
    _path_centralities(graph, metrics, result.estimated, sample_sources)
    result.components = _eigenvector_per_part(graph, metrics)
    membership, result.communities = _find_communities(graph, actors, metrics)
    _flag_roles(graph, metrics, weights, membership)
    result.per_actor = {m.actor_id: m for m in metrics}
    return result


def _pivot_closeness(distances: list[list[float]], n: int, graph: ig.Graph) -> list[float]:
    """Closeness estimated from distances to sampled pivots (Eppstein and Wang), per connected part."""
    membership = np.array(graph.connected_components().membership)
    part_size = np.bincount(membership)[membership]
    matrix = np.array(distances, dtype=float)
    reachable = np.isfinite(matrix) & (matrix > 0)
    totals = np.where(reachable, matrix, 0.0).sum(axis=0)
    counts = reachable.sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where((counts > 0) & (part_size > 1), counts / totals, 0.0)
    return [float(value) for value in closeness]


def split_if_removed(actors: list[Actor], relations: list[Relation], actor_id: int) -> int:
    """How many actors would lose every path to the largest part of their map if ``actor_id`` left.

    >>> a = [Actor(n, id=i) for i, n in enumerate("ABCD", start=1)]
    >>> split_if_removed(a, [Relation(1, 2), Relation(2, 3), Relation(2, 4), Relation(3, 4)], 2)
    1
    """
    index, weights = _tie_index(actors, relations)
    if actor_id not in index:
        return 0
    graph = ig.Graph(n=len(actors), edges=list(weights), directed=False)
    own = graph.connected_components().membership
    position = index[actor_id]
    members = [v for v in range(len(actors)) if own[v] == own[position] and v != position]
    if not members:
        return 0
    rest = graph.subgraph(members).connected_components()
    sizes = sorted((len(c) for c in rest), reverse=True)
    return sum(sizes[1:])
