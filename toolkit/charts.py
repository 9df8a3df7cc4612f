"""Figures for the home page (plotly graph objects; pages only display them)."""

from __future__ import annotations

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
