"""The geographic map's files (issue 19): a picture at slide size with its legend (matplotlib, as
the network map's pictures), an offline HTML page (plotly's JavaScript inlined: nothing fetched),
and the view for a workspace as it opens, for the command line and the report."""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon as Patch
from sqlalchemy import Engine

from toolkit.districts import District
from toolkit.geo import (
    BORDER,
    LAND,
    REGION_FRAMES,
    STEPS,
    DistrictCount,
    GeoPoint,
    GeoView,
    arc_path,
    step_colour,
    world_figure,
    world_outline,
    world_view,
)
from toolkit.geo_clicks import districts_frame
from toolkit.network.analysis import network_metrics
from toolkit.network.legend import legend_html
from toolkit.network.picture import DPI, legend_rows, plain
from toolkit.network.presentation import map_labels
from toolkit.network.view import MapView, map_view
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import vocabulary_terms

WIDTH_IN, HEIGHT_IN = 16.0, 9.0  # 2560 x 1440 px at the pictures' 160 dpi


def _outline_rings() -> list[list[tuple[float, float]]]:
    xs, ys = world_outline()
    rings, ring = [], []
    for x, y in zip(xs, ys, strict=True):
        if x is None:
            rings.append(ring)
            ring = []
        else:
            ring.append((x, y))
    return rings


def _legend(figure: Figure, rows: list[tuple], left: float, top: float) -> None:
    """The legend's rows (:func:`toolkit.network.picture.legend_rows`) in a column of the figure."""
    step = min(0.043, (top - 0.03) / max(len(rows), 1))
    y = top
    for row in rows:
        kind, caption = row[0], str(row[1])
        caption = caption if len(caption) <= 36 else caption[:35] + "…"
        if kind == "title":
            figure.text(left, y, plain(caption), fontsize=14, fontweight="bold", va="center", color="#1a1a1a")
        elif kind == "note":
            figure.text(left, y, plain(caption), fontsize=12, va="center", color="#555555", style="italic")
        else:
            marker = {"marker": "o", "markersize": 12, "markerfacecolor": row[2], "markeredgecolor": "#444444"}
            line = {
                "color": row[2],
                "linewidth": 2.4,
                "linestyle": (0, (3, 2)) if kind == "relation" and row[3] else "-",
            }
            xs = [left + 0.008] if kind == "actor" else [left, left + 0.018]
            style = {**marker, "linestyle": ""} if kind == "actor" else line
            figure.add_artist(Line2D(xs, [y] * len(xs), transform=figure.transFigure, **style))
            figure.text(left + 0.026, y, plain(caption), fontsize=13, va="center", color="#1a1a1a")
        y -= step


def world_picture(
    geo: GeoView,
    view: MapView,
    legend_title: str,
    relations_title: str,
    size_title: str,
    *,
    title: str,
    subtitle: str,
    fmt: str = "png",
    frame: str = "world",
    bare: bool = False,
) -> bytes:
    """The world map as a PNG for a slide (2560 × 1440 px): title and subtitle on top, the map, and
    the legend in its own column (never over the map). ``frame``: the region shown; ``bare``: the
    map alone (a story's slide writes its title and legend as text)."""
    figure, axes = _canvas(title, subtitle, bare)
    for ring in _outline_rings():
        axes.add_patch(Patch(ring, closed=True, facecolor=LAND, edgecolor=BORDER, linewidth=0.4))
    for arc in geo.arcs:
        xs, ys = arc_path(arc.start, arc.end)
        axes.plot(xs, ys, color=arc.colour, linewidth=arc.width * 0.8, alpha=0.5, zorder=2)
    if geo.home is not None:
        axes.scatter([geo.home[1]], [geo.home[0]], marker="*", s=420, c="#111111", edgecolors="white", zorder=4)
    ordered = sorted(geo.points, key=lambda p: -p.size)
    axes.scatter(
        [p.longitude for p in ordered],
        [p.latitude for p in ordered],
        s=[max(6.0, p.size * 0.6) ** 2 * 0.8 for p in ordered],
        c=[p.colour for p in ordered],
        edgecolors="#333333",
        linewidths=0.5,
        zorder=3,
    )
    west, east, south, north = REGION_FRAMES.get(frame, REGION_FRAMES["world"])
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect("equal")
    if not bare:
        _legend(figure, legend_rows(view, legend_title, relations_title, size_title), 0.76, 0.85)
    return _saved(figure, fmt)


def _canvas(title: str, subtitle: str, bare: bool) -> tuple[Figure, object]:
    """A slide-sized figure: with a title and subtitle over the map's axes, or the axes alone."""
    figure = Figure(figsize=(WIDTH_IN, HEIGHT_IN), dpi=DPI)
    figure.patch.set_facecolor("white")
    if bare:
        axes = figure.add_axes((0.01, 0.01, 0.98, 0.98))
    else:
        figure.text(0.02, 0.955, plain(title), fontsize=26, fontweight="bold", va="center", color="#1a1a1a")
        figure.text(0.02, 0.905, plain(subtitle), fontsize=14, va="center", color="#555555")
        axes = figure.add_axes((0.01, 0.03, 0.72, 0.83))
    axes.set_axis_off()
    return figure, axes


def _saved(figure: Figure, fmt: str) -> bytes:
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format="svg" if fmt == "svg" else "png", dpi=DPI, metadata=metadata, facecolor="white")
    return buffer.getvalue()


def territory_picture(
    districts: list[District],
    counts: list[DistrictCount],
    which: str,
    points: list[GeoPoint],
    rows: list[tuple],
    *,
    title: str,
    subtitle: str,
    fmt: str = "png",
    bare: bool = False,
) -> bytes:
    """The territory as a picture for a slide: each district shaded by its actors (``which``
    "actors") or by those consulted ("consulted") and named, the located actors as small dots, and
    the legend ``rows`` in their own column (none when ``bare``)."""
    figure, axes = _canvas(title, subtitle, bare)
    value_of = {c.name: (c.actors if which == "actors" else c.consulted) for c in counts}
    top = max(value_of.values(), default=0)
    for district in districts:
        colour = step_colour(value_of.get(district.name, 0), top)
        for polygon in district.polygons:
            axes.add_patch(Patch(polygon[0], closed=True, facecolor=colour, edgecolor="#5f6b75", linewidth=0.8))
        inside = district.geometry.representative_point()
        dark = colour in STEPS[-2:]
        axes.text(
            inside.x,
            inside.y,
            plain(district.name),
            fontsize=9,
            ha="center",
            va="center",
            color="white" if dark else "#1a1a1a",
            zorder=5,
        )
    west, east, south, north = districts_frame(districts)
    near = [p for p in points if west <= p.longitude <= east and south <= p.latitude <= north]
    axes.scatter(
        [p.longitude for p in near],
        [p.latitude for p in near],
        s=18,
        c=[p.colour for p in near],
        edgecolors="#333333",
        linewidths=0.4,
        zorder=4,
    )
    axes.set_xlim(west, east)
    axes.set_ylim(south, north)
    axes.set_aspect("equal")
    if not bare:
        _legend(figure, rows, 0.76, 0.85)
    return _saved(figure, fmt)


def world_html(geo: GeoView, view: MapView, words: dict[str, str], *, title: str, subtitle: str, lang: str) -> str:
    """The world map as one HTML page that opens offline: plotly's JavaScript inlined, the legend
    as page text beside it, every user word escaped."""
    figure = world_figure(geo, "world", 620)
    chart = figure.to_html(
        include_plotlyjs=True, full_html=False, config={"displaylogo": False, "responsive": True}, default_width="100%"
    )
    return (
        f'<!DOCTYPE html><html lang="{escape(lang)}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title>"
        "<style>body{font-family:system-ui,sans-serif;margin:24px;color:#1a1a1a}"
        ".row{display:flex;gap:24px;align-items:flex-start}.map{flex:4;min-width:0}.side{flex:1}</style>"
        f"</head><body><h1>{escape(title)}</h1><p>{escape(subtitle)}</p>"
        f'<div class="row"><div class="map">{chart}</div><div class="side">{legend_html(view, words)}</div></div>'
        "</body></html>"
    )


@dataclass
class WorkspaceGeo:
    """The geographic view of a workspace as it opens (every actor, coloured by sector)."""

    geo: GeoView
    view: MapView


def workspace_geo(engine: Engine, workspace_id: int, city: str) -> WorkspaceGeo:
    """The world of a workspace, for the command line and the report: the whole register, coloured
    by sector and sized by influence, in the current language."""
    actors, relations = list_actors(engine, workspace_id), list_relations(engine, workspace_id)
    labels = map_labels(vocabulary_terms(engine, workspace_id))
    view = map_view(actors, relations, network_metrics(actors, relations), {}, labels)
    return WorkspaceGeo(world_view(actors, relations, view, city), view)
