"""A chart per closed question of a questionnaire (issue 18): answers per option, in the question's order."""

from __future__ import annotations

import plotly.graph_objects as go

from toolkit.charts import inert_figure
from toolkit.questionnaires import ClosedCount


def closed_figure(count: ClosedCount, value_title: str) -> go.Figure:
    """Horizontal bars, the first option on top; option texts drawn inert (they are the team's words).

    >>> from toolkit.questionnaires import Question
    >>> asked = Question("one_choice", "?", ["<b>A</b>", "B"])
    >>> figure = closed_figure(ClosedCount(asked, [("<b>A</b>", 2), ("B", 0)]), "n")
    >>> list(figure.data[0].y), list(figure.data[0].x)
    (['B', '&lt;b&gt;A&lt;/b&gt;'], [0, 2])
    """
    names = [name for name, _ in count.counts][::-1]  # plotly draws the first category at the bottom
    values = [value for _, value in count.counts][::-1]
    figure = go.Figure(go.Bar(x=values, y=names, orientation="h", marker_color="#0B6E4F", text=values))
    top = max(values, default=0)
    figure.update_layout(
        height=max(180, 34 * len(names) + 70),
        margin={"l": 10, "r": 10, "t": 10, "b": 40},
        showlegend=False,
        xaxis={"title": value_title, "rangemode": "tozero", "tickformat": "d", "dtick": 1 if top <= 10 else None},
        yaxis={"type": "category"},
    )
    return inert_figure(figure)
