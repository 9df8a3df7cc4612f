"""The map and the grid over time: the colouring by days since the last contact, the map as of a day
(through the graph builder and the drawn view), and the power-interest grid between two dates with an
arrow for each actor that moved."""

from datetime import date, timedelta

import pytest

from toolkit.charts import power_interest_figure
from toolkit.domain import QUADRANTS, Actor, Assessment, Interaction, Relation
from toolkit.engagement import change_findings, days_since_contact, moves
from toolkit.i18n import t
from toolkit.network.analysis import network_metrics
from toolkit.network.graph import actor_graph
from toolkit.network.history import (
    CONTACT_BINS,
    CONTACT_COLOURS,
    NEVER_RING,
    actors_on,
    contact_bin,
    earlier_places,
    earliest_start,
    relations_on,
)
from toolkit.network.presentation import grid_points, map_labels, stance_colours
from toolkit.network.view import map_view

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, "under_30"),
        (29, "under_30"),
        (30, "under_90"),
        (89, "under_90"),
        (90, "under_180"),
        (179, "under_180"),
        (180, "over_180"),
        (2000, "over_180"),
        (None, "never"),
    ],
)
def test_days_since_contact_fall_in_the_bins_the_legend_names(days, expected):
    assert contact_bin(days) == expected


def test_the_contact_colours_run_from_light_to_dark():
    """A sequential scale: each bin darker than the one before, so the longest silence stands out
    without telling hues apart (colour-blind safe); never contacted is hollow, apart from the scale."""

    def lightness(colour: str) -> float:
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        return 0.299 * red + 0.587 * green + 0.114 * blue

    ordered = [lightness(CONTACT_COLOURS[key]) for key in CONTACT_BINS if key != "never"]
    assert ordered == sorted(ordered, reverse=True) and len(set(ordered)) == len(ordered)
    assert CONTACT_COLOURS["never"] == "#ffffff"  # hollow, see below


ACTORS = [Actor("Alcaldía", id=1), Actor("EAFIT", id=2), Actor("Proantioquia", id=3), Actor("Comfama", id=4)]
CONTACTS = [
    Interaction("meeting", TODAY - timedelta(days=10), {1: ""}),
    Interaction("call", TODAY - timedelta(days=120), {1: "", 2: ""}),
    Interaction("visit", TODAY - timedelta(days=200), {3: ""}),
    Interaction("event", TODAY + timedelta(days=5), {4: ""}),  # planned: does not count yet
]


def test_the_map_coloured_by_days_since_contact_says_it_in_its_legend_and_tooltips():
    words = map_labels({})
    days = days_since_contact(ACTORS, CONTACTS, TODAY)
    view = map_view(ACTORS, [], network_metrics(ACTORS, []), {}, words, "contact", contact=days)
    colours = {node["label"]: node["color"] for node in view.nodes}
    assert colours == {
        "Alcaldía": CONTACT_COLOURS["under_30"],
        "EAFIT": CONTACT_COLOURS["under_180"],
        "Proantioquia": CONTACT_COLOURS["over_180"],
        "Comfama": {"background": "#ffffff", "border": NEVER_RING},  # a white disc with a grey ring
    }
    assert [caption for caption, _ in view.legend_nodes] == [
        t("map.contact.under_30"),
        t("map.contact.under_180"),
        t("map.contact.over_180"),
        t("map.contact.never"),
    ]
    tips = {node["label"]: node["tip"] for node in view.nodes}
    assert f"{t('map.colour.contact')}: 10" in tips["Alcaldía"]
    assert f"{t('map.colour.contact')}: {t('map.contact.never_tip')}" in tips["Comfama"]


def test_days_since_contact_are_counted_up_to_the_day_the_map_is_drawn_as_of():
    earlier = TODAY - timedelta(days=100)
    days = days_since_contact(ACTORS, CONTACTS, earlier)
    assert days == {1: 20, 2: 20, 3: 100, 4: None}  # the meeting 10 days ago had not happened yet


HISTORY = [
    Relation(1, 2, starts_on=date(2019, 3, 1)),
    Relation(2, 3, starts_on=date(2026, 6, 1)),
    Relation(3, 4, starts_on=date(2020, 1, 1), ends_on=date(2025, 12, 31)),
    Relation(1, 4),  # undated: always held
]


def test_the_map_as_of_a_day_draws_only_the_relations_that_held_and_counts_the_rest():
    on = relations_on(HISTORY, date(2026, 3, 1))
    assert [(r.source, r.target) for r in on.relations] == [(1, 2), (1, 4)] and on.hidden == 2
    assert relations_on(HISTORY, date(2024, 1, 1)).hidden == 1
    assert relations_on(HISTORY, TODAY).hidden == 1  # the agreement that ended stays off today
    view = map_view(ACTORS, on.relations, network_metrics(ACTORS, on.relations), {}, map_labels({}))
    assert len(view.edges) == 2 and len(view.nodes) == 4  # every actor is still on the map
    assert earliest_start(HISTORY) == date(2019, 3, 1)


def test_the_graph_builder_keeps_the_relations_that_held_on_the_day():
    assert actor_graph(ACTORS, HISTORY).number_of_edges() == 4
    assert sorted(actor_graph(ACTORS, HISTORY, on=date(2026, 3, 1)).edges()) == [(1, 2), (1, 4)]
    assert sorted(actor_graph(ACTORS, HISTORY, on=date(2022, 1, 1)).edges()) == [(1, 2), (1, 4), (3, 4)]
    assert actor_graph(ACTORS, HISTORY, on=date(2018, 1, 1)).number_of_nodes() == 4


# -- the grid between two dates ------------------------------------------------------------

SINCE, UNTIL = date(2026, 5, 26), TODAY
GRID_ACTORS = [
    Actor("Cámara de Comercio", id=1, influence=5, interest=5, stance=2),
    Actor("EAFIT", id=2, influence=2, interest=5, stance=1),
    Actor("Gremio quieto", id=3, influence=4, interest=2, stance=0),
    Actor("Nunca evaluado", id=4, influence=1, interest=1),
]
ASSESSMENTS = [
    Assessment(1, date(2025, 12, 12), 5, 2, 1),
    Assessment(1, date(2026, 8, 3), 5, 5, 2),  # keep satisfied -> manage closely
    Assessment(2, date(2025, 12, 12), 2, 2, 1),
    Assessment(2, date(2026, 9, 13), 2, 5, 1),  # monitor -> keep informed
    Assessment(3, date(2025, 12, 12), 4, 1, 0),
    Assessment(3, date(2026, 7, 1), 4, 2, 0),  # moved within keep satisfied: no arrow
]
NAMES = {key: t(f"quadrants.{key}") for key in QUADRANTS}
AXIS = {"x": t("columns.interest"), "y": t("columns.influence")}


def grid_between(since: date, until: date):
    words = map_labels({})
    found = moves(GRID_ACTORS, ASSESSMENTS, since, until)
    placed = actors_on(GRID_ACTORS, ASSESSMENTS, until)
    figure = power_interest_figure(
        grid_points(placed, words),
        NAMES,
        AXIS,
        stance_colours(words),
        moved_from=earlier_places(GRID_ACTORS, ASSESSMENTS, found, since),
        before_name="Dónde estaba",
    )
    return found, figure


def arrows(figure) -> list:
    return [a for a in figure.layout.annotations if a.showarrow]


def test_the_grid_has_an_arrow_for_each_actor_that_moved_and_none_for_the_others():
    found, figure = grid_between(SINCE, UNTIL)
    assert [m.actor.name for m in found] == ["Cámara de Comercio", "EAFIT"]
    drawn = arrows(figure)
    assert len(drawn) == 2
    starts = sorted((a.ax, a.ay) for a in drawn)
    assert starts == [(2, 2), (2, 5)]  # from (interest, influence) on the first day
    ends = sorted((round(a.x), round(a.y)) for a in drawn)
    assert ends == [(5, 2), (5, 5)]  # to where they stand now
    earlier = next(trace for trace in figure.data if trace.name == "Dónde estaba")
    assert sorted(earlier.text) == ["Cámara de Comercio", "EAFIT"]


def test_the_grid_places_each_actor_as_assessed_on_the_second_day():
    _, figure = grid_between(date(2026, 1, 1), date(2026, 3, 1))
    assert not arrows(figure)  # nobody had moved yet
    places = {
        name: (round(x), round(y))
        for trace in figure.data
        if trace.customdata is not None
        for (_, name), x, y in zip(trace.customdata, trace.x, trace.y, strict=True)
    }
    assert places == {"Cámara de Comercio": (2, 5), "EAFIT": (2, 2), "Gremio quieto": (1, 4), "Nunca evaluado": (1, 1)}


def test_what_changed_is_said_in_words_under_the_grid():
    found, _ = grid_between(SINCE, UNTIL)
    assert change_findings(found, SINCE, "es") == [
        "1 actor pasó a «Gestionar de cerca» desde el 26 de mayo de 2026.",
        "1 actor pasó a «Mantener informado» desde el 26 de mayo de 2026.",
    ]
