"""What the map shows: the filtered actors and relations, and each node's and edge's look."""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field
from datetime import date

from toolkit.actors import ActorFilter, filter_actors
from toolkit.domain import STANCE_KEYS, Actor, Relation
from toolkit.i18n import t
from toolkit.network.analysis import NetworkMetrics
from toolkit.network.findings import neighbourhood
from toolkit.network.history import CONTACT_BINS, CONTACT_COLOURS, NEVER_RING, contact_bin
from toolkit.salience import CLASSES as SALIENCE_CLASSES
from toolkit.salience import COLOURS as SALIENCE_COLOURS

COLOUR_BY = ("sector", "scale", "stance", "community", "contact", "salience")
SIZE_BY = ("influence", "degree", "betweenness")
# Okabe & Ito's colours, told apart by every kind of colour vision (its black left out: labels are
# black); a colouring with more categories names its largest seven and folds the rest into "Otros"
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442")
OTHERS = "#c8c8c8"  # "Otros": pale grey, apart from the darker grey of "no data"
MAX_COLOURS = 8  # entries of a legend of colours, "Otros" and "Sin dato" included
FIRST_LABELS = 25  # the largest actors named on the first view (fewer when their names would overlap)
DIMMED = 0.78  # how far toward white a colour fades when a path is shown and the colour is not on it
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


def filter_map(
    actors: list[Actor],
    relations: list[Relation],
    wanted: MapFilter,
    salience: dict[int, str | None] | None = None,
) -> tuple[list[Actor], list[Relation]]:
    """The actors and relations left after the map's filters and focus (``salience``: each judged
    actor's class, for the salience filter).

    >>> a = [Actor("A", id=1, sector="academia"), Actor("B", id=2), Actor("C", id=3)]
    >>> r = [Relation(1, 2, strength=3), Relation(2, 3, strength=1)]
    >>> kept, ties = filter_map(a, r, MapFilter(min_strength=2, hide_isolated=True))
    >>> [x.name for x in kept], len(ties)
    (['A', 'B'], 1)
    """
    kept = filter_actors(actors, wanted.actors, salience=salience)
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
    others: str = ""  # the legend's "Otros": the categories beyond the palette's colours
    salience: dict[str, str] = field(default_factory=dict)  # salience class -> caption ("unknown": not assessed)


@dataclass
class MapView:
    nodes: list[dict]
    edges: list[dict]
    legend_nodes: list[tuple[str, str]]  # (label, colour)
    legend_edges: list[tuple[str, str, bool]]  # (label, colour, dashed)
    node_ids: dict[int, str]  # actor id -> generated node id
    counts: dict[str, int] = field(default_factory=dict)  # legend label -> actors drawn in its colour
    folded: list[str] = field(default_factory=list)  # the categories "Otros" holds, largest first
    label_order: list[str] = field(default_factory=list)  # node ids, those to name first first
    first_labels: int = FIRST_LABELS  # how many of them are named on the first view
    path: list[str] = field(default_factory=list)  # node ids of the path shown, in order


def _size(actor: Actor, metrics: NetworkMetrics, size_by: str, top: dict[str, float]) -> float:
    m = metrics.per_actor.get(actor.id)
    if size_by == "degree" and m:
        return 10 + 30 * math.sqrt(m.degree / top["degree"]) if top["degree"] else 12
    if size_by == "betweenness" and m:
        return 10 + 35 * math.sqrt(m.betweenness / top["betweenness"]) if top["betweenness"] else 12
    return 8 + 6 * actor.influence if actor.influence else 12


def _category(
    actor: Actor,
    colour_by: str,
    metrics: NetworkMetrics,
    labels: Labels,
    contact: dict[int, int | None],
    salience: dict[int, str | None] | None = None,
) -> tuple[object, str]:
    """The key the actor is coloured by, and its caption in the legend."""
    if colour_by == "salience":  # not assessed is a class of its own, drawn as "no data"
        key = (salience or {}).get(actor.id)
        return key, labels.salience.get(key or "unknown", key or labels.unknown)
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


def category_colours(counts: dict[object, int], has_unknown: bool = False) -> tuple[dict[object, str], list[object]]:
    """A palette colour for each category, the most frequent first; the categories folded into
    "Otros" when the legend would have more than :data:`MAX_COLOURS` entries (its "Otros" and
    "Sin dato" included).

    >>> colours, folded = category_colours({"a": 5, "b": 9})
    >>> colours, folded
    ({'b': '#0072B2', 'a': '#E69F00'}, [])
    >>> colours, folded = category_colours({k: 20 - k for k in range(10)}, has_unknown=True)
    >>> len(colours), folded
    (6, [6, 7, 8, 9])
    """
    ranked = sorted(counts, key=lambda key: -counts[key])  # stable: ties keep the register's order
    if len(ranked) + has_unknown > MAX_COLOURS or len(ranked) > len(PALETTE):
        kept = min(len(PALETTE), MAX_COLOURS - 1 - has_unknown)
        return dict(zip(ranked[:kept], PALETTE, strict=False)), ranked[kept:]
    return dict(zip(ranked, PALETTE, strict=False)), []


def _palette(keys: list[object], colour_by: str) -> tuple[dict[object, str], list[object]]:
    """The colours of the actors' categories and those folded into "Otros" (see :func:`category_colours`)."""
    counts: dict[object, int] = {}
    for key in keys:
        if key is not None:
            counts[key] = counts.get(key, 0) + 1
    categories, folded = category_colours(counts, None in keys)
    if colour_by == "salience":  # nine classes at most, each its own colour: none folded into "Otros"
        return categories, []
    return categories, folded


def _colour(key: object, colour_by: str, categories: dict[object, str]) -> str:
    """A stance's or a contact bin's own colour, or the category's (:data:`OTHERS` when folded)."""
    if key is None:
        return UNKNOWN
    if colour_by == "stance":
        return STANCE_COLOURS[key]
    if colour_by == "contact":
        return CONTACT_COLOURS[key]
    if colour_by == "salience":
        return SALIENCE_COLOURS.get(key, UNKNOWN)
    return categories.get(key, OTHERS)


def faded(colour: str, share: float = DIMMED) -> str:
    """``colour`` moved ``share`` of the way to white (what is off the path shown).

    >>> faded("#000000", 0.5)
    '#808080'
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{round(c + (255 - c) * share):02x}" for c in (red, green, blue))


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


def _relation_tooltip(relation: Relation, type_label: str, labels: Labels | None = None, names=None) -> str:
    """Plain text: the relation's type, its description, then the file's own fields (Kumu's
    "Amount Owed (billions): 12"), one a line; last, who reported it in a questionnaire (issue 18)."""
    tip = [type_label, relation.description]
    tip += [f"{name}: {value}" for name, value in sorted((relation.custom or {}).items()) if value not in ("", None)]
    if relation.report_status and labels is not None:
        caption = labels.tooltip.get(f"reported_{relation.report_status}", "")
        who = (names or {}).get(relation.reported_by) or labels.tooltip.get("reported_someone", "")
        tip.append(caption.replace("{name}", who))
    return "\n".join(line for line in tip if line)


def _edges(
    relations: list[Relation], node_ids: dict[int, str], labels: Labels, names: dict[int, str] | None = None
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
            "tip": _relation_tooltip(relation, labels.relation_types.get(relation.type, relation.type), labels, names),
        }
        edges.append(edge)
    return edges, list(used.values())


def _legend_order(legend: dict[str, str], colour_by: str, labels: Labels, counts: dict[str, int]) -> list:
    if colour_by == "stance":
        return sorted(legend.items(), key=lambda kv: next((k for k, v in labels.stances.items() if v == kv[0]), 9))
    if colour_by == "contact":  # the bins in order, from the latest contact to none
        captions = [labels.contact.get(key, key) for key in CONTACT_BINS]
        return sorted(legend.items(), key=lambda kv: captions.index(kv[0]) if kv[0] in captions else 9)
    if colour_by == "salience":  # the strongest class first, "not assessed" last
        captions = [labels.salience.get(key, key) for key in SALIENCE_CLASSES]
        return sorted(legend.items(), key=lambda kv: captions.index(kv[0]) if kv[0] in captions else 99)
    last = {OTHERS: 1, UNKNOWN: 2}  # the largest categories first, then "Otros", then "Sin dato"
    return sorted(legend.items(), key=lambda kv: (last.get(kv[1], 0), -counts.get(kv[0], 0)))


def _on_path(nodes: list[dict], edges: list[dict], path: list[str]) -> None:
    """The path stands out: its actors ringed and named, its relations drawn full; the rest fades."""
    steps = set(path)
    pairs = {frozenset(pair) for pair in zip(path, path[1:], strict=False)}
    for node in nodes:
        if node["id"] in steps:
            fill = node["color"]["background"] if isinstance(node["color"], dict) else node["color"]
            node.update(color={"background": fill, "border": "#111111"}, borderWidth=4)
        else:
            colour = node["color"]
            node["color"] = (
                {key: faded(value) for key, value in colour.items()} if isinstance(colour, dict) else faded(colour)
            )
    for edge in edges:
        if frozenset((edge["from"], edge["to"])) in pairs:
            edge.update(width=edge["width"] + 3, strong=True)
        else:
            edge["color"] = faded(edge["color"], 0.85)


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
    path: list[int] | tuple[int, ...] = (),
    salience: dict[int, str | None] | None = None,
) -> MapView:
    """Nodes and edges ready for vis-network: generated ids, plain-text labels and tooltips.
    ``contact``: each actor's days since its last contact (``None``: never), for the "contact"
    colouring and the tooltips. ``path``: actor ids of a path to stand out (the others fade).
    ``salience``: each judged actor's salience class, for the "salience" colouring.

    >>> from toolkit.network.analysis import network_metrics
    >>> a = [Actor("<b>A</b>", id=7, sector="academia", influence=5), Actor("B", id=9)]
    >>> words = Labels({"academia": "Academia"}, {}, {}, {"cooperation": "Cooperación"}, "C{number}", "?", {})
    >>> view = map_view(a, [Relation(7, 9)], network_metrics(a, [Relation(7, 9)]), {7: (0, 0), 9: (1, 1)}, words)
    >>> view.nodes[0]["id"], view.nodes[0]["label"], view.legend_nodes[0], view.counts
    ('n0', '<b>A</b>', ('Academia', '#0072B2'), {'Academia': 1, '?': 1})
    """
    node_ids = {actor.id: f"n{position}" for position, actor in enumerate(actors)}
    top = {
        "degree": max((m.degree for m in metrics.per_actor.values()), default=0),
        "betweenness": max((m.betweenness for m in metrics.per_actor.values()), default=0.0),
    }
    chosen = [(actor, *_category(actor, colour_by, metrics, labels, contact or {}, salience)) for actor in actors]
    categories, folded_keys = _palette([key for _, key, _ in chosen], colour_by)
    captions = {key: caption for _, key, caption in chosen}
    others = labels.others or t("map.legend.others")
    legend: dict[str, str] = {}
    counts: dict[str, int] = {}
    nodes = []
    for actor, key, caption in chosen:
        fill = _colour(key, colour_by, categories)
        if fill == OTHERS and key is not None:
            caption = others
        legend.setdefault(caption, fill)
        counts[caption] = counts.get(caption, 0) + 1
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
            node.update(borderWidth=5, color={"background": fill, "border": "#111111"}, highlight=True)
        nodes.append(node)
    edges, legend_edges = _edges(relations, node_ids, labels, {actor.id: actor.name for actor in actors})
    path_ids = [node_ids[i] for i in path if i in node_ids]
    if len(path_ids) > 1:
        _on_path(nodes, edges, path_ids)
    first = [node_ids[highlight]] if highlight in node_ids else []
    first += [i for i in path_ids if i not in first]
    by_size = sorted(nodes, key=lambda node: -node["size"])  # stable: ties keep the register's order
    order = first + [node["id"] for node in by_size if node["id"] not in first]
    return MapView(
        nodes=nodes,
        edges=edges,
        legend_nodes=_legend_order(legend, colour_by, labels, counts),
        legend_edges=legend_edges,
        node_ids=node_ids,
        counts=counts,
        folded=[captions[key] for key in folded_keys],
        label_order=order,
        first_labels=max(FIRST_LABELS, len(first)),
        path=path_ids,
    )


@dataclass
class MapChoices:
    """What the person chose to see on the map: colouring, size, the day it is drawn as of, the
    arrangement, the filters and focus, the actor searched for and the path found. Kept across tabs
    and pages, and what every export of "the map as I see it" draws."""

    colour_by: str = "sector"
    size_by: str = "influence"
    day: date | None = None  # None: today
    layout: str | None = None  # None: the saved arrangement
    filter: MapFilter = field(default_factory=MapFilter)
    highlight: int | None = None
    path: tuple[int, ...] = ()

    def to_dict(self) -> dict:
        """Plain values (JSON-ready: the day as ISO text).

        >>> MapChoices(colour_by="stance", day=date(2026, 1, 2), path=(1, 2)).to_dict()["day"]
        '2026-01-02'
        >>> MapChoices.from_dict(MapChoices(filter=MapFilter(min_strength=2), path=(3, 4)).to_dict()).path
        (3, 4)
        """
        data = asdict(self)
        data["day"] = self.day.isoformat() if self.day else None
        return data

    @classmethod
    def from_dict(cls, data: dict | None) -> MapChoices:
        """The choices written by :meth:`to_dict` (or a part of them; what is missing takes its default)."""
        data = dict(data or {})
        day = data.get("day")
        wanted = dict(data.get("filter") or {})
        plain = ActorFilter()  # each field read back as its default's kind (lists as tuples, a text as text)
        actors = {
            k: tuple(v or ()) if isinstance(getattr(plain, k), tuple) else str(v or "") if k == "query" else v
            for k, v in (wanted.pop("actors", None) or {}).items()
            if k in ActorFilter.__dataclass_fields__
        }
        return cls(
            colour_by=data.get("colour_by") if data.get("colour_by") in COLOUR_BY else "sector",
            size_by=data.get("size_by") if data.get("size_by") in SIZE_BY else "influence",
            day=date.fromisoformat(day) if isinstance(day, str) else day,
            layout=data.get("layout"),
            filter=MapFilter(
                actors=ActorFilter(**actors),
                relation_types=tuple(wanted.get("relation_types", ())),
                min_strength=int(wanted.get("min_strength", 1)),
                hide_isolated=bool(wanted.get("hide_isolated", False)),
                focus=wanted.get("focus"),
                focus_steps=int(wanted.get("focus_steps", 1)),
            ),
            highlight=data.get("highlight"),
            path=tuple(data.get("path") or ()),
        )


def chosen_view(
    actors: list[Actor],
    relations: list[Relation],
    metrics: NetworkMetrics,
    positions: dict[int, tuple[float, float]],
    labels: Labels,
    choices: MapChoices,
    contact: dict[int, int | None] | None = None,
    salience: dict[int, str | None] | None = None,
) -> MapView:
    """The map as the person sees it (for the page and for every export): ``choices``' filters,
    focus, colouring, size, actor searched for and path over ``relations`` (those that held on
    ``choices.day``, with their ``metrics``; ``salience``: each judged actor's class as of that day).

    >>> from toolkit.network.analysis import network_metrics
    >>> a = [Actor("A", id=1, sector="academia"), Actor("B", id=2), Actor("C", id=3)]
    >>> r = [Relation(1, 2), Relation(2, 3)]
    >>> view = chosen_view(a, r, network_metrics(a, r), {}, Labels({}, {}, {}, {}, "", "?", {}),
    ...                    MapChoices(filter=MapFilter(focus=1), path=(1, 2)))
    >>> [n["label"] for n in view.nodes], view.path
    (['A', 'B'], ['n0', 'n1'])
    """
    shown, ties = filter_map(actors, relations, choices.filter, salience)
    return map_view(
        shown,
        ties,
        metrics,
        positions,
        labels,
        choices.colour_by,
        choices.size_by,
        choices.highlight,
        contact,
        choices.path,
        salience,
    )
