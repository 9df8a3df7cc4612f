"""A saved view of the geographic map in a story (issue 19): the world zoomed to its region, or the
territory's districts coloured by their actors or by those consulted, drawn as the "Territorio y
mundo" tab drew it (the network map's filters, colours and sizes), as a picture with its legend and
a few lines in words for the slide. The view's network part (``MapView``) comes from
:func:`toolkit.stories.view_of`, so both kinds of views filter the same way."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Engine

from toolkit.consultations import TOOK_PART
from toolkit.districts import District
from toolkit.domain import Actor, Relation
from toolkit.geo import NONE_COLOUR, REGION_FRAMES, STEPS, DistrictCount, GeoView, district_counts, world_view
from toolkit.geo_files import territory_picture, world_picture
from toolkit.i18n import format_number, t
from toolkit.network.picture import legend_rows
from toolkit.network.saved_view import ViewSpec
from toolkit.network.view import MapView
from toolkit.places import country_name
from toolkit.store.consultations import list_participants
from toolkit.store.places import districts_map
from toolkit.store.workspaces import get_workspace

MOST_COUNTRIES = 6  # countries named on a world slide


@dataclass
class GeoPlaces:
    """What the geographic views need beyond the register: the city, its districts, who was consulted."""

    city: str = ""
    districts: list[District] = field(default_factory=list)
    consulted: set[int] = field(default_factory=set)


def geo_places(engine: Engine, workspace_id: int) -> GeoPlaces:
    """Read the workspace's city, its districts and the actors that took part in a consultation."""
    kept = districts_map(engine, workspace_id)
    took_part = {p.actor_id for p in list_participants(engine, workspace_id) if p.status in TOOK_PART}
    return GeoPlaces(get_workspace(engine, workspace_id).city, kept.districts if kept else [], took_part)


@dataclass
class GeoSlide:
    """A geographic view ready for a slide: its picture (map alone, or with title and legend), the
    legend as rows of text, and what it says in words."""

    geo: GeoView
    counts: list[DistrictCount]
    legend: list[tuple]
    lines: list[str]


def kind_words(spec: ViewSpec) -> str:
    """What a geographic view shows, in words ("El mundo · Europa", "El territorio · Consultados")."""
    if spec.geo == "world":
        region = spec.region if spec.region in REGION_FRAMES else "world"
        return f"{t('geo.views.world')} · {t(f'geo.regions.{region}')}"
    return f"{t('geo.views.territory')} · {t(f'geo.territory.{spec.geo_colour}')}"


def _territory_legend(spec: ViewSpec, counts: list[DistrictCount]) -> list[tuple]:
    values = [c.actors if spec.geo_colour == "actors" else c.consulted for c in counts]
    top = max(values, default=0)
    rows: list[tuple] = [("title", t(f"geo.story.shaded_{spec.geo_colour}"))]
    rows.append(("actor", t("geo.story.none"), NONE_COLOUR))
    if top:
        rows.append(("actor", t("geo.story.fewest"), STEPS[0]))
        rows.append(("actor", t("geo.story.most", top=format_number(top)), STEPS[-1]))
    return rows


def geo_slide(
    actors: list[Actor], relations: list[Relation], view: MapView, spec: ViewSpec, places: GeoPlaces, headings: dict
) -> GeoSlide:
    """The geographic view ``spec`` of the actors and relations shown by ``view`` (in the current
    language): its points, the legend's rows and its lines in words."""
    geo = world_view(actors, relations, view, places.city)
    if spec.geo == "territory" and places.districts:
        counts = district_counts(actors, places.districts, places.consulted)  # as the tab counts them
        left_out = [c.name for c in counts if c.consulted == 0]
        lines = (
            [t("geo.territory.nobody_consulted", count=len(left_out), names=", ".join(left_out))] if left_out else []
        )
        return GeoSlide(geo, counts, _territory_legend(spec, counts), lines)
    rows = legend_rows(view, **headings)
    rows.append(("note", t("geo.world.legend_note")))
    named = ", ".join(f"{country_name(code)} ({format_number(n)})" for code, n in geo.by_country[:MOST_COUNTRIES])
    lines = [
        t(
            "geo.world.showing",
            placed=format_number(len(geo.points)),
            countries=format_number(len(geo.by_country)),
            unplaced=format_number(geo.unplaced),
        )
    ]
    if named:
        lines.append(t("geo.story.countries", names=named))
    return GeoSlide(geo, [], rows, lines)


def geo_picture(
    drawn: GeoSlide,
    view: MapView,
    spec: ViewSpec,
    places: GeoPlaces,
    headings: dict,
    *,
    title: str,
    subtitle: str,
    fmt: str = "png",
    bare: bool = False,
) -> bytes:
    """The geographic view as a picture: at slide size with title and legend, or ``bare`` (the map only)."""
    if spec.geo == "territory" and places.districts:
        return territory_picture(
            places.districts,
            drawn.counts,
            spec.geo_colour,
            drawn.geo.points,
            drawn.legend,
            title=title,
            subtitle=subtitle,
            fmt=fmt,
            bare=bare,
        )
    legend = headings["legend_title"], headings["relations_title"], headings["size_title"]
    return world_picture(
        drawn.geo, view, *legend, title=title, subtitle=subtitle, fmt=fmt, frame=spec.region, bare=bare
    )
