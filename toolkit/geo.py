"""The world and the territory on a map (issue 19): the located actors coloured and sized as the
network map shows them, ties as arcs, counts by country and region, and the districts' choropleth.

Offline always: the base map is Natural Earth's 110m countries shipped in ``assets/`` (public
domain, through the world-atlas package's TopoJSON, decoded once and rounded to 0.01°), drawn as
plain plotly ``Scatter`` traces on an equirectangular plane; no ``Scattergeo`` (plotly.js would
fetch its world outline from a CDN), no tiles. Every user word reaches plotly escaped.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from html import escape
from pathlib import Path

import plotly.graph_objects as go

from toolkit.consultations import TOOK_PART
from toolkit.districts import District
from toolkit.domain import PERSONAL_COLUMNS, STANCE_KEYS, Actor, Relation
from toolkit.network.view import MapView
from toolkit.places import REGIONS, country_code, fold, region

WORLD_PATH = Path(__file__).parents[1] / "assets" / "world_110m.geojson"
LAND, BORDER, WATER = "#eef0f2", "#b9c0c7", "#ffffff"
# the region's frame on the world map: (west, east, south, north) in degrees
REGION_FRAMES = {
    "world": (-170, 190, -58, 80),
    "latin_america": (-120, -30, -56, 33),
    "north_america": (-170, -50, 14, 75),
    "europe": (-25, 45, 34, 71),
    "africa": (-20, 55, -36, 38),
    "asia": (25, 150, -11, 60),
    "oceania": (110, 180, -48, 0),
}
# the choropleth's steps, pale to deep (ColorBrewer's Blues), and the colour of a district with none
STEPS = ("#deebf7", "#c6dbef", "#9ecae1", "#6baed6", "#3182bd", "#08519c")
NONE_COLOUR = "#f7f7f7"
GEOJSON_LEFT_OUT = (*PERSONAL_COLUMNS, "address", "notes", "custom", "version")


@dataclass
class GeoPoint:
    """One located actor as drawn: where, how (colour, size from the network map) and its words."""

    actor_id: int
    name: str
    latitude: float
    longitude: float
    colour: str
    size: float
    tip: str
    country: str | None = None  # ISO code
    district: str = ""


@dataclass
class Arc:
    start: tuple[float, float]  # (latitude, longitude)
    end: tuple[float, float]
    colour: str
    width: float = 1.2


@dataclass
class GeoView:
    """What the geographic views draw: the points shown, the arcs, and what could not be placed."""

    points: list[GeoPoint]
    arcs: list[Arc]
    unplaced: int
    home: tuple[float, float] | None = None
    by_country: list[tuple[str, int]] = field(default_factory=list)
    by_region: list[tuple[str, int]] = field(default_factory=list)


def geo_points(actors: list[Actor], view: MapView) -> tuple[list[GeoPoint], int]:
    """The actors the network map shows that have coordinates, coloured and sized as it shows
    them; and how many shown actors have none."""
    nodes = {node["id"]: node for node in view.nodes}
    points, unplaced = [], 0
    for actor in actors:
        node = nodes.get(view.node_ids.get(actor.id, ""))
        if node is None:
            continue
        if actor.latitude is None or actor.longitude is None:
            unplaced += 1
            continue
        colour = node["color"]["background"] if isinstance(node["color"], dict) else node["color"]
        code = country_code(actor.country) if actor.country else None
        points.append(
            GeoPoint(
                actor.id,
                actor.name,
                actor.latitude,
                actor.longitude,
                colour,
                node["size"],
                node["tip"],
                code,
                actor.district,
            )
        )
    return points, unplaced


def home_place(actors: list[Actor], city: str) -> tuple[float, float] | None:
    """Where the city itself is on the world map: the middle of the located actors of ``city``.

    >>> home_place([Actor("A", city="Medellín", latitude=6.0, longitude=-75.0),
    ...             Actor("B", city="medellin", latitude=6.5, longitude=-75.5)], "Medellín")
    (6.25, -75.25)
    """
    mine = [(a.latitude, a.longitude) for a in actors if a.latitude is not None and fold(a.city) == fold(city)]
    if not mine:
        return None
    return (sum(p[0] for p in mine) / len(mine), sum(p[1] for p in mine) / len(mine))


def _far(a: tuple[float, float], b: tuple[float, float], degrees: float = 1.0) -> bool:
    return abs(a[0] - b[0]) > degrees or abs(a[1] - b[1]) > degrees


def world_view(actors: list[Actor], relations: list[Relation], view: MapView, city: str) -> GeoView:
    """The world: every located actor shown, an arc from the city to each partner away from it and
    one for each tie between two actors away from each other, with counts by country and region."""
    points, unplaced = geo_points(actors, view)
    home = home_place(actors, city)
    where = {p.actor_id: (p.latitude, p.longitude) for p in points}
    arcs = []
    if home is not None:
        arcs += [Arc(home, where[p.actor_id], "#5b6770", 0.8) for p in points if _far(home, where[p.actor_id])]
    shown = {edge["from"] for edge in view.edges} | {edge["to"] for edge in view.edges}
    by_node = {node_id: actor_id for actor_id, node_id in view.node_ids.items() if node_id in shown}
    for edge in view.edges:
        start, end = where.get(by_node.get(edge["from"])), where.get(by_node.get(edge["to"]))
        if start and end and _far(start, end):
            arcs.append(Arc(start, end, edge["color"], 1.0 + edge["width"] / 3))
    countries = Counter(p.country for p in points if p.country)
    regions = Counter(region(p.country) for p in points if region(p.country))
    return GeoView(
        points,
        arcs,
        unplaced,
        home,
        sorted(countries.items(), key=lambda kv: (-kv[1], kv[0])),
        [(key, regions[key]) for key in REGIONS if regions.get(key)],
    )


def arc_path(start: tuple[float, float], end: tuple[float, float], steps: int = 24) -> tuple[list, list]:
    """A gentle curve from ``start`` to ``end`` (latitude, longitude), bowed to one side: the
    longitudes and latitudes of its points.

    >>> xs, ys = arc_path((0.0, 0.0), (0.0, 10.0), 4)
    >>> xs[0], ys[0], xs[-1], ys[-1], ys[2] > 0
    (0.0, 0.0, 10.0, 0.0, True)
    """
    (y0, x0), (y1, x1) = start, end
    bend = 0.18 * math.hypot(x1 - x0, y1 - y0)
    cx, cy = (x0 + x1) / 2 - bend * (y1 - y0) / max(math.hypot(x1 - x0, y1 - y0), 1e-9), (y0 + y1) / 2
    cy += bend * (x1 - x0) / max(math.hypot(x1 - x0, y1 - y0), 1e-9)
    xs, ys = [], []
    for i in range(steps + 1):
        t = i / steps
        xs.append(round((1 - t) ** 2 * x0 + 2 * (1 - t) * t * cx + t**2 * x1, 4))
        ys.append(round((1 - t) ** 2 * y0 + 2 * (1 - t) * t * cy + t**2 * y1, 4))
    return xs, ys


@cache
def world_outline() -> tuple[tuple[float | None, ...], tuple[float | None, ...]]:
    """Every country's rings as one path (``None`` between rings): longitudes, latitudes."""
    world = json.loads(WORLD_PATH.read_text("utf-8"))
    xs: list[float | None] = []
    ys: list[float | None] = []
    for feature in world["features"]:
        for polygon in feature["geometry"]["coordinates"]:
            for ring in polygon:
                xs += [point[0] for point in ring] + [None]
                ys += [point[1] for point in ring] + [None]
    return tuple(xs), tuple(ys)


def _grouped_arcs(arcs: list[Arc]) -> dict[tuple[str, float], tuple[list, list]]:
    groups: dict[tuple[str, float], tuple[list, list]] = {}
    for arc in arcs:
        xs, ys = arc_path(arc.start, arc.end)
        group = groups.setdefault((arc.colour, round(arc.width, 1)), ([], []))
        group[0].extend([*xs, None])
        group[1].extend([*ys, None])
    return groups


def _frame(figure: go.Figure, west: float, east: float, south: float, north: float, height: int) -> None:
    figure.update_layout(
        height=height,
        margin={"l": 0, "r": 0, "t": 0, "b": 0},
        plot_bgcolor=WATER,
        paper_bgcolor="white",
        showlegend=False,
        dragmode="pan",
        hoverlabel={"bgcolor": "white", "font": {"size": 13}},
        xaxis={"range": [west, east], "visible": False, "fixedrange": False},
        yaxis={"range": [south, north], "visible": False, "scaleanchor": "x", "scaleratio": 1},
    )


def _points_trace(points: list[GeoPoint], home: tuple[float, float] | None, scale: float = 0.6) -> list[go.Scatter]:
    traces = []
    if home is not None:
        traces.append(
            go.Scatter(
                x=[home[1]],
                y=[home[0]],
                mode="markers",
                marker={"symbol": "star", "size": 18, "color": "#111111", "line": {"color": "white", "width": 1}},
                hoverinfo="skip",
            )
        )
    ordered = sorted(points, key=lambda p: -p.size)  # the small ones on top, still reachable
    traces.append(
        go.Scatter(
            x=[p.longitude for p in ordered],
            y=[p.latitude for p in ordered],
            mode="markers",
            marker={
                "size": [max(6.0, p.size * scale) for p in ordered],
                "color": [p.colour for p in ordered],
                "line": {"color": "#333333", "width": 0.6},
                "opacity": 0.92,
            },
            hovertext=[escape(p.tip).replace("\n", "<br>") for p in ordered],
            hoverinfo="text",
        )
    )
    return traces


def fitted_height(west: float, east: float, south: float, north: float, width: int = 900) -> int:
    """The height that shows the frame whole at ``width`` pixels without blank bands (within 300-720).

    >>> fitted_height(-170, 190, -58, 80), fitted_height(-25, 45, 34, 71)
    (345, 476)
    """
    return max(300, min(720, round(width * (north - south) / (east - west))))


def world_figure(geo: GeoView, frame: str = "world", height: int | None = None) -> go.Figure:
    """The world map: countries in pale grey, arcs, the city as a star, the partners as dots."""
    xs, ys = world_outline()
    figure = go.Figure()
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="lines",
            fill="toself",
            fillcolor=LAND,
            line={"color": BORDER, "width": 0.6},
            hoverinfo="skip",
        )
    )
    for (colour, width), (arc_x, arc_y) in _grouped_arcs(geo.arcs).items():
        figure.add_trace(
            go.Scatter(
                x=arc_x, y=arc_y, mode="lines", line={"color": colour, "width": width}, opacity=0.55, hoverinfo="skip"
            )
        )
    for trace in _points_trace(geo.points, geo.home):
        figure.add_trace(trace)
    box = REGION_FRAMES.get(frame, REGION_FRAMES["world"])
    _frame(figure, *box, height or fitted_height(*box))
    return figure


@dataclass
class DistrictCount:
    name: str
    actors: int
    consulted: int


def district_counts(actors: list[Actor], districts: list[District], consulted: set[int]) -> list[DistrictCount]:
    """Per district (in the file's order): its actors, and how many of them took part in a consultation.

    >>> square = (((0, 0), (1, 0), (1, 1), (0, 1), (0, 0)),)
    >>> ds = [District("Norte", (square,)), District("Sur", (square,))]
    >>> district_counts([Actor("A", id=1, district="Norte"), Actor("B", id=2, district="Norte")], ds, {2})
    [DistrictCount(name='Norte', actors=2, consulted=1), DistrictCount(name='Sur', actors=0, consulted=0)]
    """
    counts = {district.name: DistrictCount(district.name, 0, 0) for district in districts}
    for actor in actors:
        if actor.district in counts:
            counts[actor.district].actors += 1
            counts[actor.district].consulted += actor.id in consulted
    return list(counts.values())


def step_colour(value: int, top: int) -> str:
    """The choropleth's colour of ``value`` on a scale up to ``top`` (none: almost white).

    >>> step_colour(0, 10), step_colour(10, 10), step_colour(1, 10)
    ('#f7f7f7', '#08519c', '#deebf7')
    """
    if value <= 0 or top <= 0:
        return NONE_COLOUR
    return STEPS[min(len(STEPS) - 1, math.ceil(value / top * len(STEPS)) - 1)]


def territory_figure(
    districts: list[District], counts: list[DistrictCount], which: str, points: list[GeoPoint], height: int = 600
) -> go.Figure:
    """The districts coloured by their actors (``which`` "actors") or by those consulted
    ("consulted"), each named, with the located actors as small dots."""
    figure = go.Figure()
    value_of = {c.name: (c.actors if which == "actors" else c.consulted) for c in counts}
    top = max(value_of.values(), default=0)
    west = south = math.inf
    east = north = -math.inf
    for district in districts:
        xs: list[float | None] = []
        ys: list[float | None] = []
        for polygon in district.polygons:
            for ring in polygon:
                xs += [p[0] for p in ring] + [None]
                ys += [p[1] for p in ring] + [None]
        minx, miny, maxx, maxy = district.geometry.bounds
        west, east, south, north = min(west, minx), max(east, maxx), min(south, miny), max(north, maxy)
        count = next(c for c in counts if c.name == district.name)
        figure.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                fill="toself",
                fillcolor=step_colour(value_of[district.name], top),
                line={"color": "#5f6b75", "width": 1},
                hoveron="fills",
                hoverinfo="text",
                text=f"{escape(district.name)}: {count.actors} / {count.consulted}",
            )
        )
        inside = district.geometry.representative_point()
        dark = step_colour(value_of[district.name], top) in STEPS[-2:]
        figure.add_annotation(
            x=inside.x,
            y=inside.y,
            text=escape(district.name),
            showarrow=False,
            font={"size": 11, "color": "white" if dark else "#1a1a1a"},
        )
    near = [p for p in points if west <= p.longitude <= east and south <= p.latitude <= north]
    for trace in _points_trace(near, None, 0.35):
        figure.add_trace(trace)
    if west == math.inf:
        west, east, south, north = -1, 1, -1, 1
    pad = 0.04 * max(east - west, north - south)
    _frame(figure, west - pad, east + pad, south - pad, north + pad, height)
    figure.update_layout(plot_bgcolor="white")
    return figure


def located_geojson(actors: list[Actor], labels: dict[str, dict] | None = None) -> str:
    """The located actors as a GeoJSON FeatureCollection of points, with their fields except
    personal data (contact, e-mail, phone, consent's date and source), the address and the notes.

    >>> doc = json.loads(located_geojson([Actor("A", email="a@b.c", latitude=6.2, longitude=-75.5), Actor("B")]))
    >>> len(doc["features"]), doc["features"][0]["geometry"]["coordinates"], "email" in doc["features"][0]["properties"]
    (1, [-75.5, 6.2], False)
    """
    features = []
    for actor in actors:
        if actor.latitude is None or actor.longitude is None:
            continue
        properties = {
            name: value
            for name, value in vars(actor).items()
            if name not in GEOJSON_LEFT_OUT and name not in ("latitude", "longitude")
        }
        properties["stance"] = STANCE_KEYS.get(actor.stance) if actor.stance is not None else None
        for name, words in (labels or {}).items():
            if properties.get(name) in words:
                properties[name] = words[properties[name]]
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [actor.longitude, actor.latitude]},
                "properties": properties,
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1, default=str)


def coverage_by_district(
    actors: list[Actor], participants: list, district_names: list[str]
) -> list[tuple[str, int, int]]:
    """A consultation's participants per district (in the file's order): how many are on its list,
    and how many took part (attended or answered its questionnaire).

    >>> from toolkit.domain import Participant
    >>> people = [Actor("A", id=1, district="Norte"), Actor("B", id=2, district="Sur")]
    >>> coverage_by_district(people, [Participant(9, 1, status="attended")], ["Norte", "Sur"])
    [('Norte', 1, 1), ('Sur', 0, 0)]
    """
    where = {actor.id: actor.district for actor in actors}
    listed = Counter(where.get(p.actor_id) for p in participants)
    took = Counter(where.get(p.actor_id) for p in participants if p.status in TOOK_PART)
    return [(name, listed.get(name, 0), took.get(name, 0)) for name in district_names]
