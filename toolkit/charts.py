"""Figures for the home page (plotly graph objects; pages only display them)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

import plotly.graph_objects as go


def count_bars(counts: Counter, label: Callable[[str], str], title: str, horizontal: bool = True) -> go.Figure:
    """A bar per category, largest first, labelled in the user's language.

    >>> figure = count_bars(Counter({"academia": 3, "": 1}), lambda k: k or "—", "Sectores")
    >>> list(figure.data[0].y), list(figure.data[0].x)
    (['—', 'academia'], [1, 3])
    """
    ordered = counts.most_common()
    names = [label(key) for key, _ in ordered]
    values = [n for _, n in ordered]
    if horizontal:  # plotly draws the first category at the bottom
        bars = go.Bar(x=values[::-1], y=names[::-1], orientation="h", marker_color="#0B6E4F")
    else:
        bars = go.Bar(x=names, y=values, marker_color="#0B6E4F")
    figure = go.Figure(bars)
    figure.update_layout(title=title, height=max(260, 28 * len(names) + 120), margin={"l": 10, "r": 10, "t": 50},
                         showlegend=False)
    return figure


def power_interest_figure(points: list[dict], quadrant_names: dict[str, str], axis: dict[str, str],
                          stance_colours: dict[str, str], links: list[tuple[int, int]] | None = None,
                          high: float = 3.5) -> go.Figure:
    """Influence (y) against interest (x), quadrants named, one trace per stance.

    ``points``: dicts with id, name, interest, influence, stance (a label); actors on the same
    square are spread a little so none hides another.

    >>> fig = power_interest_figure([{"id": 1, "name": "A", "interest": 5, "influence": 5, "stance": "Aliado"}],
    ...     {"manage_closely": "Gestionar", "keep_satisfied": "S", "keep_informed": "I", "monitor": "M"},
    ...     {"x": "Interés", "y": "Influencia"}, {"Aliado": "#1b7837"})
    >>> [trace.name for trace in fig.data], fig.data[0].customdata[0][0]
    (['Aliado'], 1)
    """
    crowd: dict[tuple[int, int], int] = {}
    placed = []
    for point in points:
        cell = (point["interest"], point["influence"])
        rank = crowd.get(cell, 0)
        crowd[cell] = rank + 1
        angle = rank * 2.399963  # golden angle: spread the actors of one square evenly
        radius = 0.09 * math.sqrt(rank)
        placed.append({**point, "x": cell[0] + radius * math.cos(angle), "y": cell[1] + radius * math.sin(angle)})
    figure = go.Figure()
    by_id = {p["id"]: p for p in placed}
    for source, target in links or []:
        if source in by_id and target in by_id:
            figure.add_trace(go.Scatter(x=[by_id[source]["x"], by_id[target]["x"]],
                                        y=[by_id[source]["y"], by_id[target]["y"]], mode="lines",
                                        line={"color": "rgba(120,120,120,0.25)", "width": 1}, hoverinfo="skip",
                                        showlegend=False))
    for stance, colour in stance_colours.items():
        members = [p for p in placed if p["stance"] == stance]
        if not members:
            continue
        figure.add_trace(go.Scatter(
            x=[p["x"] for p in members], y=[p["y"] for p in members], mode="markers", name=stance,
            marker={"size": 11, "color": colour, "line": {"width": 1, "color": "#333"}},
            customdata=[[p["id"], p["name"]] for p in members],
            hovertemplate="%{customdata[1]}<extra></extra>"))
    for key, (x, y) in {"manage_closely": (4.6, 5.45), "keep_satisfied": (1.4, 5.45), "keep_informed": (4.6, 0.55),
                        "monitor": (1.4, 0.55)}.items():
        figure.add_annotation(x=x, y=y, text=quadrant_names[key], showarrow=False,
                              font={"size": 13, "color": "#0B6E4F"})
    figure.add_shape(type="line", x0=high, x1=high, y0=0.3, y1=5.7, line={"dash": "dot", "color": "#888"})
    figure.add_shape(type="line", x0=0.3, x1=5.7, y0=high, y1=high, line={"dash": "dot", "color": "#888"})
    figure.update_layout(xaxis={"title": axis["x"], "range": [0.3, 5.7], "dtick": 1},
                         yaxis={"title": axis["y"], "range": [0.3, 5.7], "dtick": 1}, height=620,
                         margin={"l": 10, "r": 10, "t": 30}, legend={"orientation": "h"}, dragmode="select")
    return figure
