"""Where each actor sits on the map, computed in Python so the map appears at once and stays still.

Three layouts: ``force`` (Fruchterman-Reingold through igraph: related actors close together),
``sectors`` (one circle of actors per sector, the circles around the centre), ``scales``
(concentric rings from local at the centre to international outside). Same input and
seed, same positions.
"""

from __future__ import annotations

import math
import random
from collections import defaultdict

import igraph as ig

from toolkit.domain import Actor, Relation

LAYOUTS = ("force", "sectors", "scales")
SCALE_ORDER = ("local", "metropolitan", "regional", "national", "international")
SIZE = 1000.0  # positions fit in a square of this side, centred on 0


def compute_layout(
    actors: list[Actor], relations: list[Relation], kind: str = "force", seed: int = 7
) -> dict[int, tuple[float, float]]:
    """Positions by actor id.

    >>> a = [Actor("A", id=1, scale="local"), Actor("B", id=2, scale="international")]
    >>> p = compute_layout(a, [Relation(1, 2)], "scales")
    >>> abs(p[1][0]) + abs(p[1][1]) < abs(p[2][0]) + abs(p[2][1])
    True
    """
    if not actors:
        return {}
    if kind == "sectors":
        return _grouped(actors, lambda a: a.sector or "", seed)
    if kind == "scales":
        return _rings(actors, seed)
    return _force(actors, relations, seed)


def _force(actors: list[Actor], relations: list[Relation], seed: int) -> dict[int, tuple[float, float]]:
    index = {actor.id: position for position, actor in enumerate(actors)}
    edges = {
        (min(index[r.source], index[r.target]), max(index[r.source], index[r.target]))
        for r in relations
        if r.source in index and r.target in index and r.source != r.target
    }
    linked = sorted({end for edge in edges for end in edge})
    positions: dict[int, tuple[float, float]] = {}
    if linked:
        local = {position: number for number, position in enumerate(linked)}
        graph = ig.Graph(n=len(linked), edges=sorted((local[a], local[b]) for a, b in edges))
        random.seed(seed)  # igraph draws from Python's random: same map and seed, same layout
        # igraph switches to its grid variant for big maps; past a few thousand actors fewer rounds
        # (the time grows with actors times rounds: 20,000 actors took 0.9 s at 500 rounds)
        coords = graph.layout_fruchterman_reingold(niter=_rounds(len(linked)))
        positions = _fit(
            {actors[position].id: tuple(coords[number]) for position, number in local.items()}, size=_side(len(linked))
        )
    # actors without relations wait in a tidy column to the right instead of squeezing the map
    linked_set = set(linked)
    lonely = [actor for actor in actors if index[actor.id] not in linked_set]
    if lonely:
        right = max((x for x, _ in positions.values()), default=0.0) + 160.0
        top = min((y for _, y in positions.values()), default=0.0)
        per_column = max(8, int(math.sqrt(len(lonely)) * 2))
        for number, actor in enumerate(sorted(lonely, key=lambda a: a.name.casefold())):
            column, row = divmod(number, per_column)
            positions[actor.id] = (round(right + 220.0 * column, 2), round(top + 70.0 * row, 2))
    return positions


def _rounds(count: int) -> int:
    """Rounds of Fruchterman-Reingold: 500 up to 3,000 linked actors, then fewer, at least 150.

    >>> _rounds(200), _rounds(6_000), _rounds(20_000)
    (500, 250, 150)
    """
    return 500 if count <= 3_000 else max(150, 1_500_000 // count)


def _side(count: int) -> float:
    """A bigger square for more actors, so labels keep room to be read."""
    return max(SIZE, 90.0 * math.sqrt(count))


def _grouped(actors: list[Actor], group_of, seed: int) -> dict[int, tuple[float, float]]:
    groups: dict[str, list[Actor]] = defaultdict(list)
    for actor in sorted(actors, key=lambda a: a.name.casefold()):
        groups[group_of(actor)].append(actor)
    names = sorted(groups, key=lambda g: (-len(groups[g]), g))
    positions: dict[int, tuple[float, float]] = {}
    for rank, group in enumerate(names):
        members = groups[group]
        angle = 2 * math.pi * rank / max(1, len(names))
        distance = 0 if len(names) == 1 else 1.0
        cx, cy = distance * math.cos(angle), distance * math.sin(angle)
        radius = 0.08 + 0.02 * math.sqrt(len(members))
        for position, actor in enumerate(members):
            theta = 2 * math.pi * position / len(members)
            positions[actor.id] = (cx + radius * math.cos(theta), cy + radius * math.sin(theta))
    return _fit(positions, size=_side(len(actors)) * 1.3)


def _rings(actors: list[Actor], seed: int) -> dict[int, tuple[float, float]]:
    ring_of = {scale: number + 1 for number, scale in enumerate(SCALE_ORDER)}
    rings: dict[int, list[Actor]] = defaultdict(list)
    for actor in sorted(actors, key=lambda a: ((a.sector or ""), a.name.casefold())):
        rings[ring_of.get(actor.scale or "", len(SCALE_ORDER) + 1)].append(actor)
    positions: dict[int, tuple[float, float]] = {}
    for ring, members in rings.items():
        offset = random.Random(seed + ring).uniform(0, 2 * math.pi)
        for position, actor in enumerate(members):
            theta = offset + 2 * math.pi * position / len(members)
            positions[actor.id] = (ring * math.cos(theta), ring * math.sin(theta))
    return _fit(positions, keep_centre=True, size=_side(len(actors)) * 1.3)


def _fit(
    positions: dict[int, tuple[float, float]], keep_centre: bool = False, size: float = SIZE
) -> dict[int, tuple[float, float]]:
    """Scale positions into the map's square, rounded (they are stored and compared)."""
    xs = [x for x, _ in positions.values()]
    ys = [y for _, y in positions.values()]
    if keep_centre:
        cx = cy = 0.0
        half = max(max(map(abs, xs)), max(map(abs, ys))) or 1.0
    else:
        cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
        half = max(max(xs) - min(xs), max(ys) - min(ys)) / 2 or 1.0
    scale = (size / 2) / half
    return {key: (round((x - cx) * scale, 2), round((y - cy) * scale, 2)) for key, (x, y) in positions.items()}
