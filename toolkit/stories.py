"""A story made ready to show: each slide's title, picture, legend as text, figures, words and
speaker notes, in one language, as of one day (toolkit.decks writes it as HTML or PowerPoint).

A saved view is drawn the way the map page drew it: the same filters, colouring, size, focus,
positions and day, through :func:`toolkit.network.view.map_view`.
"""

from __future__ import annotations

import contextvars
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TypeVar

from sqlalchemy import Engine

from toolkit.domain import DIMENSIONS, QUADRANTS, Actor, Assessment, Interaction, Relation, quadrant
from toolkit.engagement import days_since_contact
from toolkit.geo_stories import GeoPlaces, GeoSlide, geo_picture, geo_places, geo_slide, kind_words
from toolkit.i18n import format_date, format_number, set_language, t
from toolkit.indicators import dashboard as indicator_dashboard
from toolkit.indicators import dimension_summary
from toolkit.network.analysis import network_metrics
from toolkit.network.history import relations_on
from toolkit.network.layout import compute_layout
from toolkit.network.picture import grid_picture, legend_rows, map_picture
from toolkit.network.presentation import grid_points, map_labels, stance_colours
from toolkit.network.saved_view import ViewSpec
from toolkit.network.view import MapView, filter_map, map_view
from toolkit.salience import latest_classes
from toolkit.store.engagement import list_assessments, list_interactions
from toolkit.store.indicators import list_indicator_measurements, list_indicators
from toolkit.store.maps import saved_layout
from toolkit.store.register import list_actors, list_relations
from toolkit.store.stories import SavedView, Story, list_views
from toolkit.store.strategy import list_salience
from toolkit.store.workspaces import get_workspace, vocabulary_terms

RECENT_DAYS = 90  # "contacts in the last 90 days" among the key figures
Result = TypeVar("Result")


def in_language(lang: str, build: Callable[[], Result]) -> Result:
    """``build()`` with ``lang`` as the language of every word it asks for (the caller's stays)."""

    def run() -> Result:
        set_language(lang)
        return build()

    return contextvars.copy_context().run(run)


@dataclass
class MapData:
    """What a workspace's slides are drawn from."""

    name: str
    actors: list[Actor]
    relations: list[Relation]
    terms: dict
    interactions: list[Interaction] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    layout: str = "force"
    saved: dict[int, tuple[float, float]] = field(default_factory=dict)
    indicators: list = field(default_factory=list)
    measurements: list = field(default_factory=list)
    salience: list = field(default_factory=list)  # dated salience judgements (SalienceJudgement)


def map_data(engine: Engine, workspace_id: int) -> MapData:
    """Read the register, its history, the saved layout and the indicators (members only)."""
    layout, saved, _ = saved_layout(engine, workspace_id)
    return MapData(
        get_workspace(engine, workspace_id).name,
        list_actors(engine, workspace_id),
        list_relations(engine, workspace_id),
        vocabulary_terms(engine, workspace_id),
        list_interactions(engine, workspace_id),
        list_assessments(engine, workspace_id),
        layout,
        saved,
        list_indicators(engine, workspace_id),
        list_indicator_measurements(engine, workspace_id),
        list_salience(engine, workspace_id),
    )


def view_of(data: MapData, spec: ViewSpec, today: date) -> MapView:
    """The map of a saved view, as the map page drew it (in the current language)."""
    day = min(spec.as_of or today, today)
    held = relations_on(data.relations, day)
    metrics = network_metrics(data.actors, held.relations)
    positions = compute_layout(data.actors, data.relations, spec.layout)
    if spec.layout == data.layout:
        positions.update(data.saved)
    positions.update(spec.positions)
    salience = latest_classes(data.salience, day)
    shown, ties = filter_map(data.actors, held.relations, spec.map_filter(), salience)
    words = map_labels(data.terms)
    if not getattr(words, "others", "x"):  # the legend's "Otros" (categories beyond the palette)
        words.others = t("stories.others")
    return map_view(
        shown,
        ties,
        metrics,
        positions,
        words,
        spec.colour_by,
        spec.size_by,
        spec.highlight,
        days_since_contact(data.actors, data.interactions, day),
        path=spec.path,
        salience=salience,
    )


def view_legend(spec: ViewSpec) -> dict[str, str]:
    """The legend's headings of a view: what colour means, the relations, what size means."""
    return {
        "legend_title": t(f"map.colour.{spec.colour_by}"),
        "relations_title": t("map.html.relations"),
        "size_title": t("stories.size_means", what=t(f"map.size.{spec.size_by}")),
    }


def view_subtitle(data: MapData, spec: ViewSpec, today: date, shown: int) -> str:
    """ "Medellín (ejemplo) · 22 nov 2026 · 90 actores"; the day the map is drawn as of."""
    day = min(spec.as_of or today, today)
    when = format_date(day) if day == today else t("stories.as_of", date=format_date(day))
    return t("stories.subtitle", workspace=data.name, date=when, actors=format_number(shown))


def _geo_drawn(data: MapData, spec: ViewSpec, view: MapView, today: date, places: GeoPlaces) -> GeoSlide:
    """A geographic view (issue 19): the actors ``view`` shows, on the world or the territory."""
    held = relations_on(data.relations, min(spec.as_of or today, today)).relations
    return geo_slide(data.actors, held, view, spec, places, view_legend(spec))


def view_picture(
    data: MapData, spec: ViewSpec, title: str, today: date, fmt: str = "png", places: GeoPlaces | None = None
) -> bytes:
    """A saved view (or the map as it opens) as a picture for a slide or a print: title, the
    workspace and date, the map and its legend beside it. A geographic view (``spec.geo``) is drawn
    on the world or the territory (``places``: the workspace's, read when not given)."""
    view = view_of(data, spec, today)
    if spec.geo:
        places = places or GeoPlaces()
        drawn = _geo_drawn(data, spec, view, today, places)
        subtitle = f"{kind_words(spec)} · {view_subtitle(data, spec, today, len(drawn.geo.points))}"
        return geo_picture(drawn, view, spec, places, view_legend(spec), title=title, subtitle=subtitle, fmt=fmt)
    return map_picture(
        view,
        fmt,
        empty_text=t("stories.empty_view"),
        title=title,
        subtitle=view_subtitle(data, spec, today, len(view.nodes)),
        **view_legend(spec),
    )


@dataclass
class DeckSlide:
    """One slide as shown: the deck writes the title, legend, figures and lines as text."""

    kind: str
    title: str
    subtitle: str = ""
    picture: bytes | None = None  # PNG, only the map or the grid (no title, no legend)
    legend: list[tuple] = field(default_factory=list)  # toolkit.network.picture.legend_rows
    figures: list[tuple[str, str]] = field(default_factory=list)  # (caption, value)
    lines: list[str] = field(default_factory=list)  # paragraphs or points, plain text
    note: str = ""  # speaker notes


@dataclass
class Deck:
    title: str
    workspace: str
    day: str
    lang: str
    slides: list[DeckSlide] = field(default_factory=list)


def _view_slide(
    data: MapData, saved: SavedView | None, title: str, note: str, today: date, places: GeoPlaces | None = None
) -> DeckSlide:
    if saved is None:  # the view was deleted meanwhile: a slide saying so, not a crash
        return DeckSlide("text", title or t("stories.kind.view"), lines=[t("stories.view_gone")], note=note)
    view = view_of(data, saved.spec, today)
    headings = view_legend(saved.spec)
    if saved.spec.geo:  # the world or the territory (issue 19): the map alone, its legend and lines as text
        places = places or GeoPlaces()
        drawn = _geo_drawn(data, saved.spec, view, today, places)
        picture = geo_picture(drawn, view, saved.spec, places, headings, title="", subtitle="", bare=True)
        shown = view_subtitle(data, saved.spec, today, len(drawn.geo.points))
        subtitle = f"{kind_words(saved.spec)} · {shown}"
        return DeckSlide(
            "view", title or saved.title, subtitle, picture, drawn.legend, lines=drawn.lines, note=note or saved.note
        )
    return DeckSlide(
        "view",
        title or saved.title,
        view_subtitle(data, saved.spec, today, len(view.nodes)),
        map_picture(view, "png", empty_text=t("stories.empty_view"), legend=False),
        legend_rows(view, **headings),
        note=note or saved.note,
    )


def _grid_slide(data: MapData, title: str, note: str, today: date) -> DeckSlide:
    words = map_labels(data.terms)
    points = grid_points(data.actors, words)
    colours = stance_colours(words)
    picture = grid_picture(
        points,
        {key: t(f"quadrants.{key}") for key in QUADRANTS},
        {"x": t("columns.interest"), "y": t("columns.influence")},
        colours,
        "png",
        legend=False,
    )
    legend: list[tuple] = [("title", t("columns.stance"))]
    for name, colour in colours.items():
        if members := sum(1 for p in points if p["stance"] == name):
            legend.append(("actor", f"{name} ({members})", colour))
    lines = [
        t("stories.grid.quadrant", name=t(f"quadrants.{key}"), count=members)
        for key in QUADRANTS
        if (members := sum(1 for a in data.actors if quadrant(a.influence, a.interest) == key))
    ]
    subtitle = t("stories.subtitle", workspace=data.name, date=format_date(today), actors=len(points))
    return DeckSlide("grid", title or t("stories.kind.grid"), subtitle, picture, legend, lines=lines, note=note)


def _figures_slide(data: MapData, title: str, note: str, today: date) -> DeckSlide:
    actors = data.actors
    allies = sum(1 for a in actors if a.stance is not None and a.stance > 0)
    since = today - timedelta(days=RECENT_DAYS)
    recent = [i for i in data.interactions if i.occurred_on and since <= i.occurred_on <= today]
    reached = {actor_id for i in recent for actor_id in i.actors}
    close = sum(1 for a in actors if quadrant(a.influence, a.interest) == "manage_closely")
    share = f"{format_number(round(100 * allies / len(actors)))} %" if actors else "—"
    figures = [
        (t("stories.figures.actors"), format_number(len(actors))),
        (t("stories.figures.relations"), format_number(len(relations_on(data.relations, today).relations))),
        (t("stories.figures.sectors"), format_number(len({a.sector for a in actors if a.sector}))),
        (t("stories.figures.allies"), share),
        (t("stories.figures.manage_closely"), format_number(close)),
        (t("stories.figures.contacts", days=RECENT_DAYS), format_number(len(recent))),
    ]
    lines = [t("stories.figures.reached", count=len(reached), days=RECENT_DAYS)]
    subtitle = t("stories.subtitle_day", workspace=data.name, date=format_date(today))
    return DeckSlide("figures", title or t("stories.kind.figures"), subtitle, figures=figures, lines=lines, note=note)


def _indicators_slide(data: MapData, title: str, note: str, today: date) -> DeckSlide:
    subtitle = t("stories.subtitle_day", workspace=data.name, date=format_date(today))
    slide = DeckSlide("indicators", title or t("stories.kind.indicators"), subtitle, note=note)
    if not data.indicators:
        slide.lines = [t("stories.indicators.none")]
        return slide
    summaries = {
        s.dimension: s for s in dimension_summary(indicator_dashboard(data.indicators, data.measurements, today))
    }
    for dimension in DIMENSIONS:
        summary = summaries.get(dimension)
        if summary is None or not summary.count:
            continue
        average = summary.average_progress
        slide.figures.append(
            (t(f"vocab.dimensions.{dimension}"), "—" if average is None else f"{format_number(round(average * 100))} %")
        )
        slide.lines.append(
            t(
                "stories.indicators.line",
                dimension=t(f"vocab.dimensions.{dimension}"),
                count=summary.count,
                on_track=summary.on_track,
                behind=summary.behind,
                unmeasured=summary.unmeasured,
            )
        )
    return slide


def _deck(engine: Engine, workspace_id: int, story: Story, today: date, lang: str) -> Deck:
    data = map_data(engine, workspace_id)
    views = {saved.id: saved for saved in list_views(engine, workspace_id)}
    deck = Deck(story.title, data.name, format_date(today), lang)
    places = geo_places(engine, workspace_id) if any(saved.spec.geo for saved in views.values()) else None
    for slide in story.slides:
        if slide.kind == "view":
            deck.slides.append(_view_slide(data, views.get(slide.view_id), slide.title, slide.note, today, places))
        elif slide.kind == "grid":
            deck.slides.append(_grid_slide(data, slide.title, slide.note, today))
        elif slide.kind == "figures":
            deck.slides.append(_figures_slide(data, slide.title, slide.note, today))
        elif slide.kind == "indicators":
            deck.slides.append(_indicators_slide(data, slide.title, slide.note, today))
        else:
            lines = [line for line in slide.body.splitlines() if line.strip()]
            deck.slides.append(DeckSlide("text", slide.title, lines=lines, note=slide.note))
    return deck


def build_deck(engine: Engine, workspace_id: int, story: Story, today: date, lang: str) -> Deck:
    """The story's slides drawn from the workspace as of ``today``, every word in ``lang``."""
    return in_language(lang, lambda: _deck(engine, workspace_id, story, today, lang))
