"""Figures for the home page (plotly graph objects; pages only display them).

Plotly reads a little HTML in every text it draws (``<a href>``, ``<b>``, ``<span style>``, entities):
each figure function ends with :func:`inert_figure`, so a KPI called ``<a href="…">Clic</a>`` is drawn
as typed, not as a link.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable
from datetime import date, datetime, timedelta

import plotly.graph_objects as go
from babel import Locale
from babel.dates import format_date as babel_format_date

from toolkit.i18n import LOCALES, language

# the figure's text that can hold user text (templates such as hovertemplate are the app's own)
_TRACE_TEXT = ("name", "x", "y", "text", "hovertext", "customdata", "labels")
_AXIS_TEXT = ("ticktext", "categoryarray")


def inert(value):
    """Text plotly draws as typed (``&``, ``<`` and ``>`` as entities, which plotly shows as the
    characters); lists and tuples element by element; anything else as it is.

    >>> inert('<a href="https://x.example">Clic</a> & <b>'), inert([("A<b>", 2)]), inert(3.5)
    ('&lt;a href="https://x.example"&gt;Clic&lt;/a&gt; &amp; &lt;b&gt;', [['A&lt;b&gt;', 2]], 3.5)
    """
    if isinstance(value, str):
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if isinstance(value, list | tuple):
        return [inert(item) for item in value]
    return value


def inert_figure(figure: go.Figure) -> go.Figure:
    """The figure with every text that may come from a user made inert (see :func:`inert`): trace
    names, categories, texts and hover data, titles, axis titles and ticks, annotations.

    >>> fig = inert_figure(go.Figure(go.Bar(x=[1], y=["<b>KPI</b>"], name="<i>n</i>"), {"title": "<a>t</a>"}))
    >>> fig.data[0].y[0], fig.data[0].name, fig.layout.title.text
    ('&lt;b&gt;KPI&lt;/b&gt;', '&lt;i&gt;n&lt;/i&gt;', '&lt;a&gt;t&lt;/a&gt;')
    """
    for trace in figure.data:
        for field in _TRACE_TEXT:
            if field in trace and trace[field] is not None:
                trace[field] = inert(trace[field])
    layout = figure.layout
    if layout.title.text is not None:
        layout.title.text = inert(layout.title.text)
    if layout.legend.title.text is not None:
        layout.legend.title.text = inert(layout.legend.title.text)
    for axis in (layout.xaxis, layout.yaxis):
        if axis.title.text is not None:
            axis.title.text = inert(axis.title.text)
        for field in _AXIS_TEXT:
            if axis[field] is not None:
                axis[field] = inert(axis[field])
    for annotation in layout.annotations:
        annotation.text = inert(annotation.text)
    return figure


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
    figure.update_layout(
        title=title, height=max(260, 28 * len(names) + 120), margin={"l": 10, "r": 10, "t": 50}, showlegend=False
    )
    return inert_figure(figure)


MOVE_COLOUR = "#3D3D3D"
GRID_NAMED = 10  # the actors named on the power-interest grid, one a square (the others on hover)


def _draw_moves(figure: go.Figure, by_id: dict[int, dict], moved_from: dict[int, tuple[int, int]], name: str) -> None:
    """The earlier place of each actor that moved (a hollow circle) and an arrow to its place now."""
    moved = [(by_id[i], cell) for i, cell in moved_from.items() if i in by_id]
    if not moved:
        return
    figure.add_trace(
        go.Scatter(
            x=[cell[0] for _, cell in moved],
            y=[cell[1] for _, cell in moved],
            mode="markers",
            name=name,
            marker={"size": 9, "color": "rgba(0,0,0,0)", "line": {"width": 1.5, "color": MOVE_COLOUR}},
            text=[point["name"] for point, _ in moved],
            hovertemplate="%{text}<extra>" + inert(name) + "</extra>",
        )
    )
    for point, (x, y) in moved:
        figure.add_annotation(
            x=point["x"],
            y=point["y"],
            ax=x,
            ay=y,
            xref="x",
            yref="y",
            axref="x",
            ayref="y",
            text="",
            showarrow=True,
            arrowhead=2,
            arrowsize=1.3,
            arrowwidth=1.6,
            arrowcolor=MOVE_COLOUR,
            standoff=7,
            startstandoff=5,
        )


def _quadrant_frame(figure: go.Figure, quadrant_names: dict[str, str], high: float) -> None:
    """The quadrants' names in their corners and the dotted lines between them."""
    for key, (x, y) in {
        "manage_closely": (4.6, 5.45),
        "keep_satisfied": (1.4, 5.45),
        "keep_informed": (4.6, 0.55),
        "monitor": (1.4, 0.55),
    }.items():
        figure.add_annotation(
            x=x, y=y, text=quadrant_names[key], showarrow=False, font={"size": 13, "color": "#0B6E4F"}
        )
    figure.add_shape(type="line", x0=high, x1=high, y0=0.3, y1=5.7, line={"dash": "dot", "color": "#888"})
    figure.add_shape(type="line", x0=0.3, x1=5.7, y0=high, y1=high, line={"dash": "dot", "color": "#888"})


def _spread(points: list[dict]) -> list[dict]:
    """The points with their place on the grid: actors on the same square spread a little so none
    hides another."""
    crowd: dict[tuple[int, int], int] = {}
    placed = []
    for point in points:
        cell = (point["interest"], point["influence"])
        rank = crowd.get(cell, 0)
        crowd[cell] = rank + 1
        angle = rank * 2.399963  # golden angle: spread the actors of one square evenly
        radius = 0.09 * math.sqrt(rank)
        placed.append({**point, "x": cell[0] + radius * math.cos(angle), "y": cell[1] + radius * math.sin(angle)})
    return placed


def _named(points: list[dict], squares: int) -> set[int]:
    """The ids of the actors named on the grid: the first of each of the ``squares`` squares with the
    most influence and interest (one name a square, so names do not cover each other).

    >>> _named([{"id": 1, "interest": 5, "influence": 5}, {"id": 2, "interest": 5, "influence": 5},
    ...         {"id": 3, "interest": 1, "influence": 2}], 5)
    {1, 3}
    """
    ranked = sorted(points, key=lambda p: (-(p["influence"] + p["interest"]), -p["influence"]))
    cells: dict[tuple[int, int], int] = {}
    for point in ranked:
        if len(cells) < squares:
            cells.setdefault((point["interest"], point["influence"]), point["id"])
    return set(cells.values())


def power_interest_figure(
    points: list[dict],
    quadrant_names: dict[str, str],
    axis: dict[str, str],
    stance_colours: dict[str, str],
    links: list[tuple[int, int]] | None = None,
    high: float = 3.5,
    moved_from: dict[int, tuple[int, int]] | None = None,
    before_name: str = "",
    named: int = GRID_NAMED,
) -> go.Figure:
    """Influence (y) against interest (x), quadrants named, one trace per stance.

    ``points``: dicts with id, name, interest, influence, stance (a label); actors on the same
    square are spread a little so none hides another. ``moved_from``: for the actors that moved,
    their earlier (interest, influence), drawn as a hollow circle named ``before_name`` with an
    arrow to where the actor is now. The actor with the most influence and interest of each of
    the ``named`` top squares carries its name on the grid; every dot says it on hover.

    >>> fig = power_interest_figure([{"id": 1, "name": "A", "interest": 5, "influence": 5, "stance": "Aliado"}],
    ...     {"manage_closely": "Gestionar", "keep_satisfied": "S", "keep_informed": "I", "monitor": "M"},
    ...     {"x": "Interés", "y": "Influencia"}, {"Aliado": "#1b7837"})
    >>> [trace.name for trace in fig.data], fig.data[0].customdata[0][0], fig.data[0].text
    (['Aliado'], 1, ('A',))
    """
    placed = _spread(points)
    figure = go.Figure()
    by_id = {p["id"]: p for p in placed}
    for source, target in links or []:
        if source in by_id and target in by_id:
            figure.add_trace(
                go.Scatter(
                    x=[by_id[source]["x"], by_id[target]["x"]],
                    y=[by_id[source]["y"], by_id[target]["y"]],
                    mode="lines",
                    line={"color": "rgba(120,120,120,0.25)", "width": 1},
                    hoverinfo="skip",
                    showlegend=False,
                )
            )
    _draw_moves(figure, by_id, moved_from or {}, before_name)
    shown_names = _named(placed, named)
    for stance, colour in stance_colours.items():
        members = [p for p in placed if p["stance"] == stance]
        if not members:
            continue
        figure.add_trace(
            go.Scatter(
                x=[p["x"] for p in members],
                y=[p["y"] for p in members],
                mode="markers+text",
                name=stance,
                marker={"size": 11, "color": colour, "line": {"width": 1, "color": "#333"}},
                text=[short_label(p["name"], 22) if p["id"] in shown_names else "" for p in members],
                textposition="top center",  # within its square: a name never reaches the next one
                textfont={"size": 11, "color": "#333"},
                customdata=[[p["id"], p["name"]] for p in members],
                hovertemplate="%{customdata[1]}<extra></extra>",
            )
        )
    _quadrant_frame(figure, quadrant_names, high)
    figure.update_layout(
        xaxis={"title": axis["x"], "range": [0.3, 5.7], "dtick": 1},
        yaxis={"title": axis["y"], "range": [0.3, 5.7], "dtick": 1},
        height=620,
        margin={"l": 10, "r": 10, "t": 30},
        legend={"orientation": "h"},
        dragmode="select",
    )
    return inert_figure(figure)


# -- campaigns: progress against target and elapsed time, budget, activities ------------------

KPI_STATE_COLOURS = {"reached": "#0B6E4F", "on_track": "#5FA77F", "behind": "#C8553D", "no_measurements": "#A0A0A0"}
ACTIVITY_STATUS_COLOURS = {
    "planned": "#4A7FB0",
    "in_progress": "#E0A526",
    "done": "#0B6E4F",
    "delayed": "#C8553D",
    "cancelled": "#A0A0A0",
}


def kpi_progress_figure(progress: list, words: dict[str, str], state_labels: dict[str, str]) -> go.Figure:
    """One bar per KPI: how far it went from baseline to target (%), coloured by its state, and a
    diamond where it should be by now given the campaign's elapsed time.

    ``progress``: :class:`toolkit.campaigns.KpiProgress`; ``words``: ``title``, ``axis``, ``expected``,
    ``target``.

    >>> from datetime import date
    >>> from toolkit.campaigns import kpi_progress
    >>> from toolkit.domain import Campaign, Kpi, KpiMeasurement
    >>> c = Campaign("C", starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    >>> p = [kpi_progress(Kpi(1, "Alcance", target=100, id=1), [KpiMeasurement(1, date(2026, 3, 1), 30)], c,
    ...                   date(2026, 7, 2))]
    >>> fig = kpi_progress_figure(p, {"title": "", "axis": "%", "expected": "Esperado", "target": "Meta"},
    ...                           {"on_track": "Al día", "behind": "Atrasado"})
    >>> list(fig.data[0].x), fig.data[0].name, round(fig.data[-1].x[0])
    ([30.0], 'Atrasado', 50)
    """
    figure = go.Figure()
    names = [p.kpi.name for p in progress]
    for state, colour in KPI_STATE_COLOURS.items():
        chosen = [p for p in progress if p.state == state]
        if not chosen:
            continue
        values = [round(100 * (p.progress or 0.0), 1) for p in chosen]
        figure.add_trace(
            go.Bar(
                x=values,
                y=[p.kpi.name for p in chosen],
                orientation="h",
                name=state_labels.get(state, state),
                marker_color=colour,
                text=[f"{v:.0f} %" if p.progress is not None else "—" for v, p in zip(values, chosen, strict=True)],
                textposition="auto",
                hovertemplate="%{y}: %{x:.0f} %<extra></extra>",
            )
        )
    timed = [p for p in progress if p.expected is not None]
    if timed:
        figure.add_trace(
            go.Scatter(
                x=[round(100 * p.expected, 1) for p in timed],
                y=[p.kpi.name for p in timed],
                mode="markers",
                name=words["expected"],
                marker={"symbol": "diamond", "size": 13, "color": "#222"},
                hovertemplate="%{y}: %{x:.0f} %<extra>" + words["expected"] + "</extra>",
            )
        )
    figure.add_shape(
        type="line", x0=100, x1=100, y0=-0.5, y1=max(len(names), 1) - 0.5, line={"dash": "dot", "color": "#0B6E4F"}
    )
    figure.add_annotation(x=100, y=max(len(names), 1) - 0.5, text=words["target"], showarrow=False, yshift=10)
    reached = [100 * (p.progress or 0.0) for p in progress]
    top = max([100.0, *reached] + [100 * (p.expected or 0.0) for p in progress])
    figure.update_layout(
        title=words["title"],
        barmode="overlay",
        height=max(260, 48 * len(names) + 170),
        xaxis={"title": words["axis"], "range": [min([0.0, *reached]) - 5, top + 10]},
        yaxis={"categoryorder": "array", "categoryarray": names[::-1]},
        margin={"l": 10, "r": 10, "t": 90},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return inert_figure(figure)


def kpi_timeline_figure(kpi, series: list, starts_on, ends_on, today, words: dict[str, str]) -> go.Figure:
    """A KPI's value over time against its target, and the straight path from the baseline at the
    campaign's start to the target at its end (where it should be on each day).

    ``series``: ``[(date, value)]`` from :func:`toolkit.campaigns.kpi_series`; ``words``: ``title``,
    ``value``, ``path``, ``target``, ``today``.
    """
    figure = go.Figure()
    if starts_on and ends_on:
        figure.add_trace(
            go.Scatter(
                x=[starts_on, ends_on],
                y=[kpi.baseline, kpi.target],
                mode="lines",
                name=words["path"],
                line={"dash": "dash", "color": "#888"},
            )
        )
    figure.add_trace(
        go.Scatter(
            x=[d for d, _ in series],
            y=[v for _, v in series],
            mode="lines+markers",
            name=words["value"],
            line={"color": "#0B6E4F", "width": 3},
        )
    )
    dates = [d for d, _ in series] + [d for d in (starts_on, ends_on, today) if d]
    first, last = min(dates), max(dates)
    figure.add_shape(
        type="line", x0=first, x1=last, y0=kpi.target, y1=kpi.target, line={"dash": "dot", "color": "#C8553D"}
    )
    figure.add_annotation(x=last, y=kpi.target, text=words["target"], showarrow=False, yshift=10, xanchor="right")
    if today:
        figure.add_shape(
            type="line", x0=today, x1=today, y0=0, y1=1, yref="paper", line={"dash": "dot", "color": "#222"}
        )
        figure.add_annotation(x=today, y=1, yref="paper", text=words["today"], showarrow=False, yshift=8)
    figure.update_layout(
        title=words["title"],
        height=340,
        margin={"l": 10, "r": 10, "t": 50},
        yaxis={"title": kpi.unit or None, "rangemode": "tozero"},
        legend={"orientation": "h"},
    )
    return in_locale(inert_figure(figure))


def short_label(text: str, limit: int = 45) -> str:
    """A long title cut to fit on a chart's axis (the whole title goes in the hover).

    >>> short_label("Por una política pública de internacionalización de largo plazo", 30)
    'Por una política pública de…'
    """
    text = " ".join(str(text).split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0] + "…"


def budget_figure(rows: list, words: dict[str, str]) -> go.Figure:
    """Budget planned, spent and still committed, one group of bars per campaign.

    ``rows``: ``[(campaign title, toolkit.campaigns.Budget)]``; ``words``: ``title``, ``planned``,
    ``spent``, ``committed``.

    >>> from toolkit.campaigns import Budget
    >>> fig = budget_figure([("Campaña", Budget(10.0, 4.0, 3.0))],
    ...                     {"title": "", "planned": "Previsto", "spent": "Gastado", "committed": "Comprometido"})
    >>> [(t.name, list(t.x)) for t in fig.data]
    [('Previsto', [10.0]), ('Gastado', [4.0]), ('Comprometido', [3.0])]
    """
    names = [short_label(name) for name, _ in rows]
    full = [[name] for name, _ in rows]
    figure = go.Figure()
    for key, colour, values in (
        ("planned", "#4A7FB0", [b.planned or 0.0 for _, b in rows]),
        ("spent", "#0B6E4F", [b.spent for _, b in rows]),
        ("committed", "#E0A526", [b.committed for _, b in rows]),
    ):
        figure.add_trace(
            go.Bar(
                x=values,
                y=names,
                orientation="h",
                name=words[key],
                marker_color=colour,
                customdata=full,
                hovertemplate="%{customdata[0]}<br>%{x:,.0f}<extra>" + words[key] + "</extra>",
            )
        )
    figure.update_layout(
        title=words["title"],
        barmode="group",
        height=max(260, 90 * len(rows) + 140),
        margin={"l": 10, "r": 10, "t": 90},
        xaxis={"rangemode": "tozero"},
        yaxis={"autorange": "reversed"},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return inert_figure(figure)


def activity_timeline_figure(
    activities: list,
    channel_label: Callable[[str | None], str],
    status_label: Callable[[str], str],
    today,
    words: dict[str, str],
    late: list | None = None,
) -> go.Figure:
    """The campaign's calendar: each dated activity on its day and channel, coloured by status, and
    those ``late`` (overdue or delayed) in red whatever their status says.

    ``words``: ``title``, ``today``, ``late``.

    >>> from datetime import date
    >>> from toolkit.domain import Activity
    >>> work = [Activity(1, "Feria", channel="events", due_on=date(2026, 11, 10), id=1),
    ...         Activity(1, "Boletín", channel="newsletter", due_on=date(2026, 9, 30), status="done", id=2)]
    >>> fig = activity_timeline_figure(work, str, str, date(2026, 11, 22),
    ...                                {"title": "", "today": "Hoy", "late": "Con retraso"}, late=work[:1])
    >>> [(trace.name, list(trace.y)) for trace in fig.data]
    [('done', ['newsletter']), ('Con retraso', ['events'])]
    """
    figure = go.Figure()
    late_ids = {a.id for a in late or []}
    dated = [a for a in activities if a.due_on is not None]
    groups = [
        (status_label(status), colour, "circle", [a for a in dated if a.status == status and a.id not in late_ids])
        for status, colour in ACTIVITY_STATUS_COLOURS.items()
    ]
    groups.append(
        (
            words.get("late", "late"),
            ACTIVITY_STATUS_COLOURS["delayed"],
            "diamond",
            [a for a in dated if a.id in late_ids],
        )
    )
    for name, colour, symbol, chosen in groups:
        if not chosen:
            continue
        figure.add_trace(
            go.Scatter(
                x=[a.due_on for a in chosen],
                y=[channel_label(a.channel) for a in chosen],
                mode="markers",
                name=name,
                marker={"size": 14, "color": colour, "line": {"width": 1, "color": "#333"}, "symbol": symbol},
                customdata=[[a.title] for a in chosen],
                hovertemplate="%{customdata[0]}<br>%{x}<extra></extra>",
            )
        )
    if today:
        figure.add_shape(
            type="line", x0=today, x1=today, y0=0, y1=1, yref="paper", line={"dash": "dot", "color": "#222"}
        )
        figure.add_annotation(x=today, y=1, yref="paper", text=words["today"], showarrow=False, yshift=8)
    channels = len({channel_label(a.channel) for a in dated})
    figure.update_layout(
        title=words["title"],
        height=max(280, 40 * channels + 190),
        margin={"l": 10, "r": 10, "t": 90},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
    )
    return in_locale(inert_figure(figure))


TICK_STEPS = (1, 2, 3, 6, 12)  # months between two dates named on a time axis


def _day(value):
    """A date drawn on an axis (plotly keeps the ``date`` objects it was given), else None."""
    return value.date() if isinstance(value, datetime) else value if isinstance(value, date) else None


def drawn_days(figure: go.Figure) -> list[date]:
    """Every day the figure draws on its x axis: its traces' points, its lines and its notes."""
    values = [x for trace in figure.data if trace.x is not None for x in trace.x]
    values += [v for shape in figure.layout.shapes for v in (shape.x0, shape.x1)]
    values += [note.x for note in figure.layout.annotations]
    return [day for day in map(_day, values) if day is not None]


def month_ticks(first: date, last: date, most: int = 7) -> list[date]:
    """The first days of months between ``first`` and ``last``, every 1, 2, 3, 6 or 12 months so
    that at most ``most`` are named.

    >>> [d.isoformat() for d in month_ticks(date(2026, 7, 15), date(2027, 2, 10))]
    ['2026-08-01', '2026-09-01', '2026-10-01', '2026-11-01', '2026-12-01', '2027-01-01', '2027-02-01']
    >>> [d.isoformat() for d in month_ticks(date(2025, 7, 1), date(2027, 7, 1))]
    ['2025-07-01', '2026-01-01', '2026-07-01', '2027-01-01', '2027-07-01']
    """
    start = first.year * 12 + first.month - 1 + (first.day > 1)
    end = last.year * 12 + last.month - 1
    for step in TICK_STEPS:
        months = [m for m in range(start, end + 1) if m % step == 0]
        if len(months) <= most:
            break
    return [date(m // 12, m % 12 + 1, 1) for m in months]


def separators(lang: str | None = None) -> str:
    """Plotly's ``separators`` for the language: its decimal mark, then its thousands mark.

    >>> separators("es"), separators("en")
    (',.', '.,')
    """
    symbols = Locale.parse(LOCALES[lang or language()]).number_symbols["latn"]
    return symbols["decimal"] + symbols["group"]


def in_locale(figure: go.Figure, lang: str | None = None) -> go.Figure:
    """The figure's dates and numbers as the reader's language writes them: months named by Babel
    on a time axis ("ene 2027", plotly's own are English), day/month/year on hover, the decimal
    comma and the thousands mark of the locale (no "50k").

    >>> fig = in_locale(go.Figure(go.Scatter(x=[date(2026, 7, 15), date(2027, 1, 20)], y=[1.5, 2])), "es")
    >>> list(fig.layout.xaxis.ticktext)
    ['ago 2026', 'sep 2026', 'oct 2026', 'nov 2026', 'dic 2026', 'ene 2027']
    >>> fig.layout.separators, fig.layout.xaxis.hoverformat
    (',.', '%d/%m/%Y')
    """
    lang = lang or language()
    days = drawn_days(figure)
    ticks = month_ticks(min(days), max(days)) if days else []
    if len(ticks) < 2 and days:  # a few weeks: the days themselves
        first, last = min(days), max(days)
        ticks = [first + timedelta(days=d) for d in range(0, (last - first).days + 1, 7)] or [first]
        names = [babel_format_date(d, "d MMM", locale=LOCALES[lang]) for d in ticks]
    else:
        names = [babel_format_date(d, "MMM yyyy", locale=LOCALES[lang]) for d in ticks]
    if ticks:
        figure.update_xaxes(tickmode="array", tickvals=ticks, ticktext=names, hoverformat="%d/%m/%Y")
    figure.update_yaxes(exponentformat="none", separatethousands=True)
    figure.update_layout(separators=separators(lang))
    return figure
