"""What the map shows: the filtered actors and relations, and each node's and edge's look."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from toolkit.actors import ActorFilter, filter_actors
from toolkit.domain import STANCE_KEYS, Actor, Relation
from toolkit.network.analysis import NetworkMetrics
from toolkit.network.findings import neighbourhood
from toolkit.network.history import CONTACT_BINS, CONTACT_COLOURS, NEVER_RING, contact_bin

COLOUR_BY = ("sector", "scale", "stance", "community", "contact")
SIZE_BY = ("influence", "degree", "betweenness")
PALETTE = (
    "#1f77b4",
    "#ff7f0e",
    "#2ca02c",
    "#d62728",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#bcbd22",
    "#393b79",
    "#637939",
    "#8c6d31",
    "#843c39",
    "#7b4173",
    "#3182bd",
    "#e6550d",
    "#31a354",
    "#756bb1",
)
UNKNOWN = "#5f5f5f"
STANCE_COLOURS = {-2: "#c62828", -1: "#ef8a62", 0: "#bdbdbd", 1: "#67a9cf", 2: "#1b7837"}
RELATION_STYLE = {  # colour, dashes
    "cooperation": ("#1f77b4", False),
    "funding": ("#2ca02c", False),
    "coordination": ("#9467bd", False),
    "information": ("#7f8c9a", [2, 6]),
    "membership": ("#17becf", [8, 4]),
    "hierarchy": ("#8c564b", False),
    "alliance": ("#1b5e20", False),
    "conflict": ("#d62728", [10, 6]),
}
WIDTH = {1: 1.0, 2: 2.5, 3: 4.5}


@dataclass
class MapFilter:
    actors: ActorFilter = field(default_factory=ActorFilter)
    relation_types: tuple[str, ...] = ()
    min_strength: int = 1
    hide_isolated: bool = False
    focus: int | None = None
    focus_steps: int = 1


def filter_map(actors: list[Actor], relations: list[Relation], wanted: MapFilter) -> tuple[list[Actor], list[Relation]]:
    """The actors and relations left after the map's filters and focus.

    >>> a = [Actor("A", id=1, sector="academia"), Actor("B", id=2), Actor("C", id=3)]
    >>> r = [Relation(1, 2, strength=3), Relation(2, 3, strength=1)]
    >>> kept, ties = filter_map(a, r, MapFilter(min_strength=2, hide_isolated=True))
    >>> [x.name for x in kept], len(ties)
    (['A', 'B'], 1)
    """
    kept = filter_actors(actors, wanted.actors)
    if wanted.focus is not None:
        around = neighbourhood(actors, relations, wanted.focus, wanted.focus_steps)
        kept = [a for a in kept if a.id in around or a.id == wanted.focus]
    ids = {a.id for a in kept}
    ties = [
        r
        for r in relations
        if r.source in ids
        and r.target in ids
        and r.strength >= wanted.min_strength
        and (not wanted.relation_types or r.type in wanted.relation_types)
    ]
    if wanted.hide_isolated:
        linked = {r.source for r in ties} | {r.target for r in ties}
        kept = [a for a in kept if a.id in linked or a.id == wanted.focus]
    return kept, ties


@dataclass
class Labels:
    """Words shown on the map, in the user's language (vocabulary labels and legend captions)."""

    sectors: dict[str, str]
    scales: dict[str, str]
    stances: dict[int, str]
    relation_types: dict[str, str]
    community: str  # "Comunidad {number}"
    unknown: str
    tooltip: dict[str, str]  # field -> caption
    contact: dict[str, str] = field(default_factory=dict)  # contact bin -> legend caption
    never: str = ""  # the tooltip's "days since the last contact" of an actor never contacted


@dataclass
class MapView:
    nodes: list[dict]
    edges: list[dict]
    legend_nodes: list[tuple[str, str]]  # (label, colour)
    legend_edges: list[tuple[str, str, bool]]  # (label, colour, dashed)
    node_ids: dict[int, str]  # actor id -> generated node id


def _size(actor: Actor, metrics: NetworkMetrics, size_by: str, top: dict[str, float]) -> float:
    m = metrics.per_actor.get(actor.id)
    if size_by == "degree" and m:
        return 10 + 30 * math.sqrt(m.degree / top["degree"]) if top["degree"] else 12
    if size_by == "betweenness" and m:
        return 10 + 35 * math.sqrt(m.betweenness / top["betweenness"]) if top["betweenness"] else 12
    return 8 + 6 * actor.influence if actor.influence else 12


def _category(
    actor: Actor, colour_by: str, metrics: NetworkMetrics, labels: Labels, contact: dict[int, int | None]
) -> tuple[object, str]:
    """The key the actor is coloured by, and its caption in the legend."""
    if colour_by == "contact":
        key = contact_bin(contact.get(actor.id))
        return key, labels.contact.get(key, key)
    if colour_by == "stance":
        if actor.stance is None:
            return None, labels.unknown
        return actor.stance, labels.stances.get(actor.stance, STANCE_KEYS[actor.stance])
    if colour_by == "community":
        m = metrics.per_actor.get(actor.id)
        number = m.community + 1 if m else 0
        return number, labels.community.format(number=number)
    value = actor.sector if colour_by == "sector" else actor.scale
    names = labels.sectors if colour_by == "sector" else labels.scales
    return (value, names.get(value, value)) if value else (None, labels.unknown)


def _colour(key: object, colour_by: str, categories: dict[object, str]) -> str:
    """A stance's own colour, or the next palette colour for a category seen for the first time."""
    if key is None:
        return UNKNOWN
    if colour_by == "stance":
        return STANCE_COLOURS[key]
    if colour_by == "contact":
        return CONTACT_COLOURS[key]
    if key not in categories:
        categories[key] = PALETTE[len(categories) % len(PALETTE)]
    return categories[key]


def _tooltip(actor: Actor, metrics: NetworkMetrics, labels: Labels, contact: dict[int, int | None] | None) -> str:
    m = metrics.per_actor.get(actor.id)
    days = None if contact is None else contact.get(actor.id)
    tip = [actor.name]
    for caption_key, value in (
        ("sector", labels.sectors.get(actor.sector or "", "")),
        ("scale", labels.scales.get(actor.scale or "", "")),
        ("stance", labels.stances.get(actor.stance, "") if actor.stance is not None else ""),
        ("influence", actor.influence),
        ("interest", actor.interest),
        ("degree", m.degree if m else 0),
        ("contact", "" if contact is None else (labels.never if days is None else days)),
    ):
        if value not in ("", None):
            tip.append(f"{labels.tooltip.get(caption_key, caption_key)}: {value}")
    return "\n".join(tip)


def _relation_tooltip(relation: Relation, type_label: str) -> str:
    """Plain text: the relation's type, its description, then the file's own fields (Kumu's
    "Amount Owed (billions): 12"), one a line."""
    tip = [type_label, relation.description]
    tip += [f"{name}: {value}" for name, value in sorted((relation.custom or {}).items()) if value not in ("", None)]
    return "\n".join(line for line in tip if line)


def _edges(
    relations: list[Relation], node_ids: dict[int, str], labels: Labels
) -> tuple[list[dict], list[tuple[str, str, bool]]]:
    """The edges between shown actors, and the legend of the relation types they use."""
    edges, used = [], {}
    for position, relation in enumerate(relations):
        if relation.source not in node_ids or relation.target not in node_ids:
            continue
        stroke, dashes = RELATION_STYLE.get(relation.type, ("#555555", False))
        used.setdefault(relation.type, (labels.relation_types.get(relation.type, relation.type), stroke, bool(dashes)))
        edge = {
            "id": f"e{position}",
            "from": node_ids[relation.source],
            "to": node_ids[relation.target],
            "color": stroke,
            "width": WIDTH.get(relation.strength, 2.5),
            "dashes": dashes,
            "arrows": "to" if relation.directed else "",
            "tip": _relation_tooltip(relation, labels.relation_types.get(relation.type, relation.type)),
        }
        edges.append(edge)
    return edges, list(used.values())


def map_view(
    actors: list[Actor],
    relations: list[Relation],
    metrics: NetworkMetrics,
    positions: dict[int, tuple[float, float]],
    labels: Labels,
    colour_by: str = "sector",
    size_by: str = "influence",
    highlight: int | None = None,
    contact: dict[int, int | None] | None = None,
) -> MapView:
    """Nodes and edges ready for vis-network: generated ids, plain-text labels and tooltips.
    ``contact``: each actor's days since its last contact (``None``: never), for the "contact"
    colouring and the tooltips.

    >>> from toolkit.network.analysis import network_metrics
    >>> a = [Actor("<b>A</b>", id=7, sector="academia", influence=5), Actor("B", id=9)]
    >>> words = Labels({"academia": "Academia"}, {}, {}, {"cooperation": "Cooperación"}, "C{number}", "?", {})
    >>> view = map_view(a, [Relation(7, 9)], network_metrics(a, [Relation(7, 9)]), {7: (0, 0), 9: (1, 1)}, words)
    >>> view.nodes[0]["id"], view.nodes[0]["label"], view.legend_nodes[0]
    ('n0', '<b>A</b>', ('Academia', '#1f77b4'))
    """
    node_ids = {actor.id: f"n{position}" for position, actor in enumerate(actors)}
    top = {
        "degree": max((m.degree for m in metrics.per_actor.values()), default=0),
        "betweenness": max((m.betweenness for m in metrics.per_actor.values()), default=0.0),
    }
    categories: dict[object, str] = {}
    legend: dict[str, str] = {}
    nodes = []
    for actor in actors:
        key, caption = _category(actor, colour_by, metrics, labels, contact or {})
        fill = _colour(key, colour_by, categories)
        legend.setdefault(caption, fill)
        x, y = positions.get(actor.id, (0.0, 0.0))
        node = {
            "id": node_ids[actor.id],
            "label": actor.name,
            "tip": _tooltip(actor, metrics, labels, contact),
            "x": x,
            "y": y,
            "size": round(_size(actor, metrics, size_by, top), 1),
            "color": fill,
        }
        if colour_by == "contact" and key == "never":  # hollow: no contact to count from
            node.update(color={"background": fill, "border": NEVER_RING}, borderWidth=2)
        if actor.id == highlight:
            node.update(
                borderWidth=6, color={"background": fill, "border": "#111111"}, font={"size": 26}, highlight=True
            )
        nodes.append(node)
    edges, legend_edges = _edges(relations, node_ids, labels)
    if colour_by == "stance":
        ordered = sorted(legend.items(), key=lambda kv: next((k for k, v in labels.stances.items() if v == kv[0]), 9))
    elif colour_by == "contact":  # the bins in order, from the latest contact to none
        captions = [labels.contact.get(key, key) for key in CONTACT_BINS]
        ordered = sorted(legend.items(), key=lambda kv: captions.index(kv[0]) if kv[0] in captions else 9)
    else:
        ordered = list(legend.items())
    return MapView(nodes=nodes, edges=edges, legend_nodes=ordered, legend_edges=legend_edges, node_ids=node_ids)
