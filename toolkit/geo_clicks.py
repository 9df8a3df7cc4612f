"""Placing an actor with a click on the map (issue 19).

Streamlit's ``plotly_chart(on_select="rerun")`` reports the points a person selects, never the
coordinates of an empty spot (plotly.js only reports clicks anywhere from its version 4, which
Streamlit does not ship). So the map to click carries an invisible grid of points over the area it
shows: a click selects the nearest grid point, and its coordinates are the place. Each "zoom in
here" shows a fifth of the width around the point chosen, with a grid as dense as before, so the
place is as fine as the person needs (a few metres after two zooms on a city). Nothing is fetched:
the grid is drawn on the same offline base map as the views.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

import plotly.graph_objects as go
import shapely

from toolkit.districts import District
from toolkit.places import fold

Frame = tuple[float, float, float, float]  # west, east, south, north, in degrees
GRID_COLUMNS = 48  # grid points across the map: about 18 px apart on a 900 px wide map
ZOOM = 5  # each zoom shows a fifth of the width
SMALLEST_WIDTH = 0.0005  # degrees (about 50 m): no zoom goes further
CHOSEN = "#d62728"


def grid_step(frame: Frame, columns: int = GRID_COLUMNS) -> float:
    """The distance between two grid points, in degrees.

    >>> grid_step((-10.0, 14.0, 0.0, 5.0), 48)
    0.5
    """
    west, east, _, _ = frame
    return (east - west) / columns


def click_grid(frame: Frame, columns: int = GRID_COLUMNS) -> tuple[list[float], list[float]]:
    """The grid's longitudes and latitudes over ``frame``: ``columns`` steps across, square cells.

    >>> xs, ys = click_grid((0.0, 2.0, 0.0, 1.0), 2)
    >>> list(zip(xs, ys))
    [(0.0, 0.0), (1.0, 0.0), (2.0, 0.0), (0.0, 1.0), (1.0, 1.0), (2.0, 1.0)]
    """
    west, east, south, north = frame
    step = grid_step(frame, columns)
    rows = max(1, round((north - south) / step))
    digits = place_digits(step) + 1
    xs, ys = [], []
    for row in range(rows + 1):
        for column in range(columns + 1):
            xs.append(round(west + column * step, digits))
            ys.append(round(south + row * step, digits))
    return xs, ys


def place_digits(step: float) -> int:
    """How many decimals a place picked on a grid of ``step`` degrees deserves (never more than 6).

    >>> place_digits(7.5), place_digits(0.5), place_digits(0.004), place_digits(1e-9)
    (0, 1, 3, 6)
    """
    if step >= 1:
        return 0
    return min(6, math.ceil(-math.log10(step)))


def wrapped(longitude: float) -> float:
    """A longitude back in -180..180 (the world's frame runs past 180 to show the Pacific whole).

    >>> wrapped(185.0), wrapped(-75.5), wrapped(180.0)
    (-175.0, -75.5, 180.0)
    """
    if -180 <= longitude <= 180:
        return longitude
    return (longitude + 180) % 360 - 180


def clicked_place(points: Iterable[dict], frame: Frame) -> tuple[float, float] | None:
    """The place a click chose: (latitude, longitude) of the first point selected, rounded to the
    grid's precision; ``None`` when nothing usable was selected (a click outside any point).

    >>> clicked_place([{"x": -75.56789123, "y": 6.2512345, "curve_number": 3}], (-75.7, -75.4, 6.1, 6.4))
    (6.25123, -75.56789)
    >>> clicked_place([{"x": 190.0, "y": 10.0}], (-170, 190, -58, 80)), clicked_place([], (0, 1, 0, 1))
    ((10.0, -170.0), None)
    >>> clicked_place([{"x": "<b>", "y": None}], (0, 1, 0, 1)) is None
    True
    """
    digits = place_digits(grid_step(frame)) + 2
    for point in points:
        if not isinstance(point, dict):
            continue
        x, y = point.get("x"), point.get("y")
        if isinstance(x, int | float) and isinstance(y, int | float) and not isinstance(x, bool):
            latitude, longitude = float(y), wrapped(float(x))
            if -90 <= latitude <= 90 and math.isfinite(longitude):
                return round(latitude, digits), round(longitude, digits)
    return None


def zoomed(frame: Frame, latitude: float, longitude: float, factor: int = ZOOM) -> Frame:
    """A frame ``factor`` times narrower, centred on the place (kept inside the world, and never
    narrower than :data:`SMALLEST_WIDTH`).

    >>> zoomed((-10.0, 10.0, -5.0, 5.0), 1.0, 2.0)
    (0.0, 4.0, 0.0, 2.0)
    >>> zoomed((0.0, 0.001, 0.0, 0.001), 0.0005, 0.0005)
    (0.00025, 0.00075, 0.00025, 0.00075)
    """
    west, east, south, north = frame
    width = max((east - west) / factor, SMALLEST_WIDTH)
    height = width * (north - south) / (east - west)
    left = min(max(longitude - width / 2, -180.0), 180.0 - width)
    bottom = min(max(latitude - height / 2, -90.0), 90.0 - height)
    return tuple(round(v, 7) for v in (left, left + width, bottom, bottom + height))  # type: ignore[return-value]


def districts_frame(districts: list[District]) -> Frame:
    """The territory's frame: its districts' bounds with a margin, as the territory map shows them."""
    if not districts:
        return (-1.0, 1.0, -1.0, 1.0)
    west, south, east, north = shapely.union_all([d.geometry for d in districts]).bounds
    pad = 0.04 * max(east - west, north - south)
    return (west - pad, east + pad, south - pad, north + pad)


def districts_at(xs: list[float], ys: list[float], districts: list[District]) -> list[str]:
    """The district each point falls in ("" outside them all), the first district holding it first.

    >>> square = (((0.0, 0.0), (1.0, 0.0), (1.0, 1.0), (0.0, 1.0), (0.0, 0.0)),)
    >>> districts_at([0.5, 2.0], [0.5, 0.5], [District("Centro", (square,))])
    ['Centro', '']
    """
    found = [""] * len(xs)
    for district in reversed(districts):
        inside = shapely.intersects_xy(district.geometry, xs, ys)
        for index in inside.nonzero()[0]:
            found[index] = district.name
    return found


def placing_figure(
    base: go.Figure, frame: Frame, words: list[str], chosen: tuple[float, float] | None, height: int
) -> go.Figure:
    """``base`` (the world or the territory) made to be clicked: framed on ``frame``, held still
    (no drag, no zoom: "zoom in here" refines instead), nothing dimmed by a selection, the invisible
    grid on top (``words``: each grid point's hover text), and the place chosen as a red cross."""
    figure = go.Figure(base)
    for trace in figure.data:
        trace.hoverinfo = "skip" if trace.fill == "toself" else trace.hoverinfo
        if trace.mode == "markers":
            opacity = trace.marker.opacity if trace.marker.opacity is not None else 1
            trace.selected = {"marker": {"opacity": opacity}}
            trace.unselected = {"marker": {"opacity": opacity}}
    xs, ys = click_grid(frame)
    figure.add_trace(
        go.Scatter(
            x=xs,
            y=ys,
            mode="markers",
            marker={"size": 14, "opacity": 0, "color": CHOSEN},
            selected={"marker": {"opacity": 0}},
            unselected={"marker": {"opacity": 0}},
            hovertext=words,
            hoverinfo="text",
            name="grid",
        )
    )
    if chosen is not None:
        figure.add_trace(
            go.Scatter(
                x=[chosen[1]],
                y=[chosen[0]],
                mode="markers",
                marker={"symbol": "x-thin-open", "size": 22, "color": CHOSEN, "line": {"width": 4, "color": CHOSEN}},
                hoverinfo="skip",
                name="chosen",
            )
        )
    west, east, south, north = frame
    figure.update_layout(
        height=height,
        dragmode=False,
        hovermode="closest",
        hoverdistance=30,
        clickmode="event+select",
        xaxis={"range": [west, east], "fixedrange": True},
        yaxis={"range": [south, north], "fixedrange": True},
    )
    return figure


def actors_named(actors: list, words: str, limit: int = 20) -> list:
    """The actors whose name or acronym holds every word searched (accents and case aside), those
    starting with the search first, at most ``limit``: a search box, not a list of 20,000 names.

    >>> from toolkit.domain import Actor
    >>> found = actors_named([Actor("Alcaldía de Bogotá"), Actor("Bogotá Cómo Vamos"), Actor("EAFIT")], "bogota")
    >>> [a.name for a in found]
    ['Bogotá Cómo Vamos', 'Alcaldía de Bogotá']
    >>> actors_named([Actor("EAFIT")], "  ")
    []
    """
    wanted = fold(words).split()
    if not wanted:
        return []
    found = []
    for actor in actors:
        name = fold(f"{actor.name} {getattr(actor, 'acronym', '') or ''}")
        if all(word in name for word in wanted):
            found.append((not name.startswith(wanted[0]), len(actor.name), actor))
            if len(found) >= limit * 50:  # enough to rank; a search this loose is narrowed by typing
                break
    return [actor for *_, actor in sorted(found, key=lambda item: item[:2])][:limit]
