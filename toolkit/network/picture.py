"""Still pictures for documents: the actor map and the power-interest grid as PNG or SVG.

Drawn with matplotlib's Agg canvas on a figure of their own (no pyplot, nothing global changes),
from the same :class:`toolkit.network.view.MapView` the interactive map shows: same positions,
colours, sizes and legend. Every label is plain text: a ``$`` in a name is escaped, so "$100
Fund" is never read as a formula.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")

from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from toolkit.network.view import MapView  # noqa: E402

FORMATS = ("png", "svg")
MAX_LABELS = 40  # the actors that matter are named; more names than this no longer read on a slide
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
    figure.savefig(buffer, format=fmt, dpi=DPI, metadata=metadata, facecolor="white")
    return buffer.getvalue()


@dataclass
class Frame:
    """Where the map sits on the figure (fractions of it) and how large the figure is (inches)."""

    width: float
    height: float
    box: tuple[float, float, float, float]  # left, bottom, width, height of the map's axes
    scale: float = 1.0  # fonts grow with the figure: 1.0 on a 16-inch slide picture


def _place(axes, nodes: list[dict], frame: Frame) -> tuple[dict[str, tuple[float, float]], float]:
    """Each node's place on the axes, and how many points a map unit measures on paper."""
    where = {node["id"]: (float(node["x"]), -float(node["y"])) for node in nodes}  # the screen's y points down
    xs, ys = [x for x, _ in where.values()], [y for _, y in where.values()]
    x_span, y_span = max(max(xs) - min(xs), 1.0), max(max(ys) - min(ys), 1.0)
    pad = max(x_span, y_span) * 0.05
    axes.set_xlim(min(xs) - pad, max(xs) + pad)
    axes.set_ylim(min(ys) - pad, max(ys) + pad)
    axes.set_aspect("equal", adjustable="box")
    wide = 72 * frame.width * frame.box[2] / (x_span + 2 * pad)
    tall = 72 * frame.height * frame.box[3] / (y_span + 2 * pad)
    return where, min(wide, tall)


def _draw_relations(axes, edges: list[dict], where: dict[str, tuple[float, float]], scale: float) -> None:
    """Relations light, so the actors read first; a path shown stays strong."""
    arrows = sum(1 for e in edges if e.get("arrows")) <= MAX_ARROWS
    for edge in edges:
        (x0, y0), (x1, y1) = where[edge["from"]], where[edge["to"]]
        style = (0, tuple(edge["dashes"])) if isinstance(edge.get("dashes"), list) else "-"
        line_width = (0.4 + 0.3 * float(edge.get("width", 2.5))) * scale
        alpha = 0.9 if edge.get("strong") else 0.4
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
                    "alpha": alpha,
                    "linestyle": style,
                    "shrinkA": 5 * scale,
                    "shrinkB": 8 * scale,
                    "mutation_scale": 10 * scale,
                },
            )
        else:
            axes.add_line(
                Line2D([x0, x1], [y0, y1], color=edge["color"], linewidth=line_width, linestyle=style, alpha=alpha)
            )


def _fill(node: dict) -> str:
    colour = node["color"]
    return colour["background"] if isinstance(colour, dict) else colour


def _ring(node: dict) -> str:
    colour = node["color"]
    return colour.get("border", "#333333") if isinstance(colour, dict) else "#333333"


def _draw_actors(axes, nodes: list[dict], where, points_per_unit: float, scale: float) -> list[float]:
    """The actors as discs; returns each disc's diameter in points."""
    sizes = [max(4.0 * scale, min(46.0 * scale, float(node["size"]) * points_per_unit * 1.4)) for node in nodes]
    axes.scatter(
        [where[n["id"]][0] for n in nodes],
        [where[n["id"]][1] for n in nodes],
        s=[size * size for size in sizes],
        c=[_fill(n) for n in nodes],
        edgecolors=[_ring(n) for n in nodes],
        linewidths=[(2.2 if n.get("borderWidth", 0) >= 4 else 0.6) * scale for n in nodes],
        zorder=2,
    )
    return sizes


def _label_order(view: MapView) -> list[int]:
    """Nodes to name first: the map's own order (searched, on the path, largest), else the largest."""
    position = {node["id"]: i for i, node in enumerate(view.nodes)}
    order = [position[i] for i in getattr(view, "label_order", []) if i in position]
    return order or sorted(range(len(view.nodes)), key=lambda i: -float(view.nodes[i]["size"]))


def _name_actors(axes, view: MapView, where, sizes: list[float], scale: float, most: int) -> None:
    """Names under the discs of the actors that matter, never over another name: a name that would
    overlap one already written is left out (the picture keeps the largest)."""
    nodes = view.nodes
    font = 9.5 * scale
    taken: list[tuple[float, float, float, float]] = []
    pixels = axes.figure.dpi / 72
    written = 0
    for i in _label_order(view):
        if written >= most:
            break
        label = str(nodes[i]["label"])
        label = label if len(label) <= 34 else label[:33] + "…"
        x, y = axes.transData.transform(where[nodes[i]["id"]])
        half = (0.31 * font * len(label) + 3) * pixels
        top = y - (sizes[i] / 2 + 1) * pixels
        box = (x - half, top - font * 1.25 * pixels, x + half, top)
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue
        taken.append(box)
        written += 1
        axes.annotate(
            plain(label),
            where[nodes[i]["id"]],
            xytext=(0, -sizes[i] / 2 - 1),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=font,
            color="#1a1a1a",
            zorder=3,
            bbox={"boxstyle": "round,pad=0.12", "facecolor": "white", "edgecolor": "none", "alpha": 0.75},
        )


def legend_rows(view: MapView, legend_title: str, relations_title: str, size_title: str = "") -> list[tuple]:
    """The legend as rows of text: ("title", text), ("actor", caption, colour), ("relation",
    caption, colour, dashed), ("note", text); the same rows a slide writes as text.

    >>> view = MapView([], [], [("Academia", "#0072B2")], [("Cooperación", "#1f77b4", False)], {})
    >>> [row[0] for row in legend_rows(view, "Sector", "Relaciones", "Tamaño: influencia")]
    ['title', 'actor', 'note', 'title', 'relation']
    """
    counts = getattr(view, "counts", {}) or {}
    rows: list[tuple] = [("title", legend_title)] if legend_title and view.legend_nodes else []
    for caption, colour in view.legend_nodes:
        shown = f"{caption} ({counts[caption]})" if caption in counts else caption
        rows.append(("actor", shown, colour))
    if size_title:
        rows.append(("note", size_title))
    if view.legend_edges:
        rows += [("title", relations_title)] if relations_title else []
        rows += [("relation", caption, colour, dashed) for caption, colour, dashed in view.legend_edges]
    return rows


def _draw_legend(figure: Figure, rows: list[tuple], left: float, top: float, bottom: float, scale: float) -> None:
    """The legend in its own column beside the map, in figure coordinates (never over the map)."""
    if not rows:
        return
    height = figure.get_figheight() * 72
    step = min(0.043, (top - bottom) / len(rows))
    font = min(13.5 * scale, step * height / 1.75)
    y = top
    for row in rows:
        kind, caption = row[0], str(row[1])
        caption = caption if len(caption) <= 36 else caption[:35] + "…"
        if kind == "title":
            figure.text(left, y, plain(caption), fontsize=font * 1.05, fontweight="bold", va="center", color="#1a1a1a")
        elif kind == "note":
            figure.text(left, y, plain(caption), fontsize=font * 0.9, va="center", color="#555555", style="italic")
        else:
            if kind == "actor":
                figure.add_artist(
                    Line2D(
                        [left + 0.008],
                        [y],
                        marker="o",
                        markersize=font * 0.95,
                        markerfacecolor=row[2],
                        markeredgecolor="#444444",
                        markeredgewidth=0.6,
                        linestyle="",
                        transform=figure.transFigure,
                    )
                )
            else:
                figure.add_artist(
                    Line2D(
                        [left, left + 0.018],
                        [y, y],
                        color=row[2],
                        linewidth=2.4 * scale,
                        linestyle=(0, (3, 2)) if row[3] else "-",
                        transform=figure.transFigure,
                    )
                )
            figure.text(left + 0.026, y, plain(caption), fontsize=font, va="center", color="#1a1a1a")
        y -= step


def map_picture(
    view: MapView,
    fmt: str = "png",
    legend_title: str = "",
    relations_title: str = "",
    empty_text: str = "",
    *,
    title: str = "",
    subtitle: str = "",
    size_title: str = "",
    legend: bool = True,
) -> bytes:
    """The actor map as an image: relations as light lines (dashed by type, thicker for stronger
    ties, arrows when directed), actors as discs of their colour and size, the names of those that
    matter where they do not overlap, and the legend in a column beside the map.

    With a ``title`` it is a picture for a slide or a wall: 2560 × 1440 px, the title and
    ``subtitle`` (workspace, date) on top. Without one it is the report's (1760 px wide). With
    ``legend=False`` only the map (1920 × 1200 px), for a slide that writes its legend as text.

    >>> from toolkit.network.view import MapView
    >>> view = MapView([{"id": "n0", "label": "$100 Fund", "x": 0, "y": 0, "size": 20, "color": "#1f77b4"}],
    ...                [], [("Academia", "#1f77b4")], [], {1: "n0"})
    >>> map_picture(view)[:4]
    b'\\x89PNG'
    """
    if not legend:
        frame = Frame(12.0, 7.5, (0.01, 0.01, 0.98, 0.98), 0.85)
    elif title:
        frame = Frame(16.0, 9.0, (0.015, 0.02, 0.69, 0.84), 1.0)
    else:
        frame = Frame(11.0, 7.0, (0.0, 0.01, 0.70, 0.98), 0.72)
    figure = Figure(figsize=(frame.width, frame.height), dpi=DPI)
    figure.patch.set_facecolor("white")
    if title:
        figure.text(0.02, 0.955, plain(title), fontsize=26, fontweight="bold", va="center", color="#1a1a1a")
        figure.text(0.02, 0.905, plain(subtitle), fontsize=14, va="center", color="#555555")
    axes = figure.add_axes(frame.box)
    axes.set_axis_off()
    nodes = view.nodes
    if not nodes:
        axes.text(0.5, 0.5, plain(empty_text), ha="center", va="center", fontsize=14, transform=axes.transAxes)
        return _save(figure, fmt)
    where, points_per_unit = _place(axes, nodes, frame)
    _draw_relations(axes, view.edges, where, frame.scale)
    sizes = _draw_actors(axes, nodes, where, points_per_unit, frame.scale)
    _name_actors(axes, view, where, sizes, frame.scale, MAX_LABELS)
    if legend:
        rows = legend_rows(view, legend_title, relations_title, size_title)
        left = frame.box[0] + frame.box[2] + 0.03
        _draw_legend(figure, rows, left, frame.box[1] + frame.box[3] - 0.01, 0.03, frame.scale)
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


def _name_points(axes, placed: list[dict], most: int, font: float) -> None:
    """The names of the actors that matter most on the grid (influence, then interest), where they
    do not overlap a name already written."""
    pixels = axes.figure.dpi / 72
    taken: list[tuple[float, float, float, float]] = []
    ranked = sorted(placed, key=lambda p: (-p["influence"] - p["interest"], -p["influence"]))
    for point in ranked[: most * 3]:
        if len(taken) >= most:
            break
        label = str(point["name"])
        label = label if len(label) <= 28 else label[:27] + "…"
        x, y = axes.transData.transform((point["x"], point["y"]))
        width = (5 + 0.58 * font * len(label)) * pixels
        left = point["x"] > 4.4  # near the right edge the name goes to the dot's left
        box = (
            (x - width, y, x - 5 * pixels, y + font * 1.3 * pixels)
            if left
            else (x + 5 * pixels, y, x + width, y + font * 1.3 * pixels)
        )
        if any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in taken):
            continue
        taken.append(box)
        axes.annotate(
            plain(label),
            (point["x"], point["y"]),
            xytext=(-5 if left else 5, 2),
            textcoords="offset points",
            ha="right" if left else "left",
            fontsize=font,
            color="#1a1a1a",
            zorder=4,
            bbox={"boxstyle": "round,pad=0.1", "facecolor": "white", "edgecolor": "none", "alpha": 0.7},
        )


def _grid_axes(axes, quadrant_names: dict[str, str], axis: dict[str, str], high: float) -> None:
    """The grid's quadrants named in their corners, the lines between them and the axes."""
    for key, (x, y) in QUADRANT_PLACES.items():
        axes.text(
            x,
            y,
            plain(quadrant_names.get(key, key)),
            ha="center",
            va="center",
            fontsize=13,
            color=GREEN,
            fontweight="bold",
            alpha=0.85,
        )
    axes.axvline(high, color="#888888", linestyle=":", linewidth=1.2)
    axes.axhline(high, color="#888888", linestyle=":", linewidth=1.2)
    axes.set_xlim(0.3, 5.7)
    axes.set_ylim(0.3, 5.7)
    axes.set_xticks([1, 2, 3, 4, 5])
    axes.set_yticks([1, 2, 3, 4, 5])
    axes.tick_params(labelsize=11)
    axes.set_xlabel(plain(axis.get("x", "")), fontsize=13)
    axes.set_ylabel(plain(axis.get("y", "")), fontsize=13)
    axes.spines[["top", "right"]].set_visible(False)


def grid_picture(
    points: list[dict],
    quadrant_names: dict[str, str],
    axis: dict[str, str],
    stance_colours: dict[str, str],
    fmt: str = "png",
    high: float = 3.5,
    names: bool = True,
    *,
    title: str = "",
    subtitle: str = "",
    legend_title: str = "",
    legend: bool = True,
) -> bytes:
    """The power-interest grid: influence (y) against interest (x), the four quadrants named, one
    colour per stance (legend beside the grid), and the names of the actors that matter most
    where they do not overlap (2000 px wide; with a ``title`` on top; ``legend=False``: none, for a
    slide that writes it as text).

    ``points``: dicts with name, interest, influence and stance (a label), as
    :func:`toolkit.network.presentation.grid_points` gives them.

    >>> grid_picture([{"name": "A", "interest": 5, "influence": 5, "stance": "Aliado"}],
    ...              {"manage_closely": "Gestionar", "keep_satisfied": "S", "keep_informed": "I", "monitor": "M"},
    ...              {"x": "Interés", "y": "Influencia"}, {"Aliado": "#1b7837"}, fmt="svg")[:5]
    b'<?xml'
    """
    figure = Figure(figsize=(12.5, 7.5), dpi=DPI)
    if title:
        figure.text(0.02, 0.95, plain(title), fontsize=22, fontweight="bold", va="center", color="#1a1a1a")
        figure.text(0.02, 0.9, plain(subtitle), fontsize=12, va="center", color="#555555")
    axes = figure.add_axes((0.07, 0.09, 0.68 if legend else 0.9, 0.77 if title else 0.86))
    placed = spread(points)
    for stance, colour in stance_colours.items():
        members = [p for p in placed if p["stance"] == stance]
        if members:
            axes.scatter(
                [p["x"] for p in members],
                [p["y"] for p in members],
                s=70,
                c=colour,
                edgecolors="#333333",
                linewidths=0.6,
                label=f"{plain(stance)} ({len(members)})",
                zorder=3,
            )
    _grid_axes(axes, quadrant_names, axis, high)
    if names:
        _name_points(axes, placed, 24, 9.0)
    if legend and any(p["stance"] == stance for p in placed for stance in stance_colours):
        figure.legend(
            loc="upper left",
            bbox_to_anchor=(0.78, 0.86 if title else 0.95),
            frameon=False,
            fontsize=12.5,
            title=plain(legend_title) if legend_title else None,
            title_fontsize=13.5,
            alignment="left",
            markerscale=1.3,
        )
    return _save(figure, fmt)
