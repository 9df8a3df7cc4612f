"""Still pictures for documents: the actor map and the power-interest grid as PNG or SVG.

Drawn with matplotlib's Agg canvas on a figure of their own (no pyplot, nothing global changes),
from the same :class:`toolkit.network.view.MapView` the interactive map shows: same positions,
colours, sizes and legend. Every label is plain text: a ``$`` in a name is escaped, so "$100
Fund" is never read as a formula.
"""

from __future__ import annotations

import io
import math

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from toolkit.network.view import MapView  # noqa: E402

FORMATS = ("png", "svg")
MAX_LABELS = 120  # on a bigger map only the largest actors are named, so the names stay readable
MAX_ARROWS = 1500
DPI = 160
QUADRANT_PLACES = {
    "manage_closely": (4.6, 5.45),
    "keep_satisfied": (1.4, 5.45),
    "keep_informed": (4.6, 0.55),
    "monitor": (1.4, 0.55),
}
GREEN = "#0B6E4F"


def plain(text: object) -> str:
    """Text that matplotlib writes as it is (a ``$`` never opens a formula).

    >>> plain("$100 Fund"), plain("a_b")
    ('\\\\$100 Fund', 'a_b')
    """
    return str(text if text is not None else "").replace("\\", "\\\\").replace("$", r"\$")


def _save(figure: Figure, fmt: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(fmt)
    FigureCanvasAgg(figure)
    buffer = io.BytesIO()
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    figure.savefig(buffer, format=fmt, dpi=DPI, bbox_inches="tight", metadata=metadata)
    return buffer.getvalue()


def _frame(axes, nodes: list[dict], width: float) -> tuple[dict[str, tuple[float, float]], float]:
    """Each node's place on the axes, and how many points a map unit measures on paper."""
    where = {node["id"]: (float(node["x"]), -float(node["y"])) for node in nodes}  # the screen's y points down
    xs, ys = [x for x, _ in where.values()], [y for _, y in where.values()]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    pad = span * 0.06
    axes.set_xlim(min(xs) - pad, max(xs) + pad)
    axes.set_ylim(min(ys) - pad, max(ys) + pad)
    axes.set_aspect("equal", adjustable="box")
    return where, 72 * width * 0.76 / (span + 2 * pad)


def _draw_relations(axes, edges: list[dict], where: dict[str, tuple[float, float]]) -> None:
    arrows = sum(1 for e in edges if e.get("arrows")) <= MAX_ARROWS
    for edge in edges:
        (x0, y0), (x1, y1) = where[edge["from"]], where[edge["to"]]
        style = (0, tuple(edge["dashes"])) if isinstance(edge.get("dashes"), list) else "-"
        line_width = 0.35 + 0.3 * float(edge.get("width", 2.5))
        if edge.get("arrows") and arrows:
            axes.annotate(
                "",
                xy=(x1, y1),
                xytext=(x0, y0),
                zorder=1,
                arrowprops={
                    "arrowstyle": "-|>",
                    "color": edge["color"],
                    "lw": line_width,
                    "alpha": 0.6,
                    "linestyle": style,
                    "shrinkA": 4,
                    "shrinkB": 6,
                    "mutation_scale": 8,
                },
            )
        else:
            axes.add_line(
                Line2D(
                    [x0, x1], [y0, y1], color=edge["color"], linewidth=line_width, linestyle=style, alpha=0.55, zorder=1
                )
            )


def _fill(node: dict) -> str:
    colour = node["color"]
    return colour["background"] if isinstance(colour, dict) else colour


def _draw_actors(axes, nodes: list[dict], where: dict[str, tuple[float, float]], points_per_unit: float) -> list[float]:
    """The actors as discs; returns each disc's diameter in points."""
    sizes = [max(3.0, min(40.0, float(node["size"]) * points_per_unit * 1.5)) for node in nodes]
    axes.scatter(
        [where[n["id"]][0] for n in nodes],
        [where[n["id"]][1] for n in nodes],
        s=[size * size for size in sizes],
        c=[_fill(n) for n in nodes],
        edgecolors="#333333",
        linewidths=0.4,
        zorder=2,
    )
    return sizes


def _name_actors(axes, nodes: list[dict], where: dict[str, tuple[float, float]], sizes: list[float]) -> None:
    named = sorted(range(len(nodes)), key=lambda i: -float(nodes[i]["size"]))[:MAX_LABELS]
    font = 6.5 if len(nodes) <= 60 else 5.0
    for i in named:
        x, y = where[nodes[i]["id"]]
        label = str(nodes[i]["label"])
        label = label if len(label) <= 48 else label[:47] + "…"
        axes.annotate(
            plain(label),
            (x, y),
            xytext=(0, -sizes[i] / 2 - 1),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=font,
            color="#222222",
            zorder=3,
        )


def _map_legend(figure: Figure, view: MapView, legend_title: str, relations_title: str) -> None:
    actor_keys = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            markersize=7,
            markerfacecolor=colour,
            markeredgecolor="#333333",
            label=plain(caption),
        )
        for caption, colour in view.legend_nodes
    ]
    relation_keys = [
        Line2D([], [], color=colour, linewidth=2, linestyle="--" if dashed else "-", label=plain(caption))
        for caption, colour, dashed in view.legend_edges
    ]
    top = 0.98
    for handles, title in ((actor_keys, legend_title), (relation_keys, relations_title)):
        if handles:
            figure.legend(
                handles=handles,
                loc="upper left",
                bbox_to_anchor=(0.77, top),
                frameon=False,
                fontsize=7.5,
                title=plain(title) if title else None,
                title_fontsize=8.5,
                alignment="left",
            )
            top -= 0.045 * (len(handles) + 1.5)


def map_picture(
    view: MapView, fmt: str = "png", legend_title: str = "", relations_title: str = "", empty_text: str = ""
) -> bytes:
    """The actor map as an image: relations as lines (dashed, thicker for stronger ties, arrows when
    directed), actors as discs of their colour and size, names beside them, and the legend.

    >>> from toolkit.network.view import MapView
    >>> view = MapView([{"id": "n0", "label": "$100 Fund", "x": 0, "y": 0, "size": 20, "color": "#1f77b4"}],
    ...                [], [("Academia", "#1f77b4")], [], {1: "n0"})
    >>> map_picture(view)[:4]
    b'\\x89PNG'
    """
    nodes = view.nodes
    width = 11.0
    figure = Figure(figsize=(width, width * 0.72))
    axes = figure.add_axes((0.0, 0.0, 0.76, 1.0))
    axes.set_axis_off()
    if not nodes:
        axes.text(0.5, 0.5, plain(empty_text), ha="center", va="center", fontsize=12, transform=axes.transAxes)
        return _save(figure, fmt)
    where, points_per_unit = _frame(axes, nodes, width)
    _draw_relations(axes, view.edges, where)
    sizes = _draw_actors(axes, nodes, where, points_per_unit)
    _name_actors(axes, nodes, where, sizes)
    _map_legend(figure, view, legend_title, relations_title)
    return _save(figure, fmt)


def spread(points: list[dict]) -> list[dict]:
    """Points of one square of the grid spread a little around it (golden angle), as on screen.

    >>> [(round(p["x"], 2), round(p["y"], 2)) for p in spread([{"interest": 5, "influence": 4}] * 2)]
    [(5.0, 4.0), (4.93, 4.06)]
    """
    crowd: dict[tuple[int, int], int] = {}
    placed = []
    for point in points:
        cell = (point["interest"], point["influence"])
        rank = crowd.get(cell, 0)
        crowd[cell] = rank + 1
        angle, radius = rank * 2.399963, 0.09 * math.sqrt(rank)
        placed.append({**point, "x": cell[0] + radius * math.cos(angle), "y": cell[1] + radius * math.sin(angle)})
    return placed


def grid_picture(
    points: list[dict],
    quadrant_names: dict[str, str],
    axis: dict[str, str],
    stance_colours: dict[str, str],
    fmt: str = "png",
    high: float = 3.5,
    names: bool = True,
) -> bytes:
    """The power-interest grid: influence (y) against interest (x), the four quadrants named, one
    colour per stance, and each actor's name when there is room for it.

    ``points``: dicts with name, interest, influence and stance (a label), as
    :func:`toolkit.network.presentation.grid_points` gives them.

    >>> grid_picture([{"name": "A", "interest": 5, "influence": 5, "stance": "Aliado"}],
    ...              {"manage_closely": "Gestionar", "keep_satisfied": "S", "keep_informed": "I", "monitor": "M"},
    ...              {"x": "Interés", "y": "Influencia"}, {"Aliado": "#1b7837"}, fmt="svg")[:5]
    b'<?xml'
    """
    figure = Figure(figsize=(9.0, 7.2))
    axes = figure.add_subplot()
    placed = spread(points)
    for stance, colour in stance_colours.items():
        members = [p for p in placed if p["stance"] == stance]
        if members:
            axes.scatter(
                [p["x"] for p in members],
                [p["y"] for p in members],
                s=46,
                c=colour,
                edgecolors="#333333",
                linewidths=0.6,
                label=plain(stance),
                zorder=3,
            )
    if names and len(placed) <= 40:
        for point in placed:
            label = str(point["name"])
            label = label if len(label) <= 32 else label[:31] + "…"
            axes.annotate(
                plain(label),
                (point["x"], point["y"]),
                xytext=(4, 3),
                textcoords="offset points",
                fontsize=5.5,
                color="#333333",
                zorder=4,
            )
    for key, (x, y) in QUADRANT_PLACES.items():
        axes.text(
            x,
            y,
            plain(quadrant_names.get(key, key)),
            ha="center",
            va="center",
            fontsize=10.5,
            color=GREEN,
            fontweight="bold",
        )
    axes.axvline(high, color="#888888", linestyle=":", linewidth=1)
    axes.axhline(high, color="#888888", linestyle=":", linewidth=1)
    axes.set_xlim(0.3, 5.7)
    axes.set_ylim(0.3, 5.7)
    axes.set_xticks([1, 2, 3, 4, 5])
    axes.set_yticks([1, 2, 3, 4, 5])
    axes.set_xlabel(plain(axis.get("x", "")))
    axes.set_ylabel(plain(axis.get("y", "")))
    axes.spines[["top", "right"]].set_visible(False)
    if any(p["stance"] == stance for p in placed for stance in stance_colours):
        axes.legend(
            loc="upper center", bbox_to_anchor=(0.5, -0.1), ncol=min(6, len(stance_colours)), frameon=False, fontsize=8
        )
    return _save(figure, fmt)
