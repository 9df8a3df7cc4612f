"""The map reads at first sight (issue 15): few colours told apart by everyone, the rest folded
into "Otros"; a legend of page text that says what colour and size mean; the names that matter
first; the view chosen (MapChoices) drawn the same by every export; the path found standing out."""

import json
import re
from datetime import date

import pytest

from toolkit.actors import ActorFilter
from toolkit.domain import Actor, Relation
from toolkit.i18n import t
from toolkit.network.analysis import network_metrics
from toolkit.network.findings import paths_between
from toolkit.network.legend import legend_html
from toolkit.network.presentation import map_labels
from toolkit.network.render import map_html
from toolkit.network.view import (
    MAX_COLOURS,
    OTHERS,
    PALETTE,
    UNKNOWN,
    MapChoices,
    MapFilter,
    category_colours,
    chosen_view,
    map_view,
)
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import vocabulary_terms

HOSTILE = "<img src=x onerror=alert(1)>"
OKABE_ITO = {"#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442"}


@pytest.fixture
def sample(engine, sample_id):
    actors, relations = list_actors(engine, sample_id), list_relations(engine, sample_id)
    return actors, relations, network_metrics(actors, relations), map_labels(vocabulary_terms(engine, sample_id))


def long_path(actors, relations) -> list[int]:
    """A shortest path of the sample with at least three steps (three relations)."""
    start = relations[0].source
    for actor in actors:
        found = paths_between(actors, relations, start, actor.id)
        if found and len(found[0]) > 3:
            return found[0]
    raise AssertionError("the sample has no path of three steps")


def payload(html: str) -> dict:
    """The data the map page carries (nodes, edges, legend, texts)."""
    found = re.search(r'<script id="map-data" type="application/json">(.*?)</script>', html, re.S)
    return json.loads(found.group(1))


def test_the_palette_is_okabe_ito_and_never_more_than_eight_entries():
    assert set(PALETTE) == OKABE_ITO and len(PALETTE) == 7
    colours, folded = category_colours({f"s{i}": 20 - i for i in range(15)})
    assert len(colours) == 7 and folded == [f"s{i}" for i in range(7, 15)]  # the largest keep a colour
    colours, folded = category_colours({f"s{i}": 20 - i for i in range(15)}, has_unknown=True)
    assert len(colours) + 1 + 1 == MAX_COLOURS  # six colours, "Otros", "Sin dato"
    colours, folded = category_colours({"a": 1, "b": 2, "c": 3}, has_unknown=True)
    assert folded == [] and list(colours) == ["c", "b", "a"]


@pytest.mark.parametrize("colour_by", ["sector", "scale", "stance", "community", "contact"])
def test_every_colouring_of_the_sample_has_at_most_eight_distinct_legend_colours(sample, colour_by):
    actors, relations, metrics, words = sample
    view = map_view(actors, relations, metrics, {}, words, colour_by, contact={})
    colours = [colour for _, colour in view.legend_nodes]
    assert len(colours) <= MAX_COLOURS and len(set(colours)) == len(colours)
    assert sum(view.counts.values()) == len(actors)


def test_the_sample_s_fifteen_sectors_fold_into_otros_which_the_legend_lists(sample):
    actors, relations, metrics, words = sample
    view = map_view(actors, relations, metrics, {}, words, "sector")
    captions = [caption for caption, _ in view.legend_nodes]
    assert len(captions) == MAX_COLOURS
    assert captions[-2:] == [t("map.legend.others"), t("map.legend.unknown")]  # after the named sectors
    assert dict(view.legend_nodes)[t("map.legend.others")] == OTHERS
    assert dict(view.legend_nodes)[t("map.legend.unknown")] == UNKNOWN
    named = [view.counts[c] for c in captions[:-2]]
    assert named == sorted(named, reverse=True)  # the largest sectors keep a colour
    assert "Academia" in view.folded and view.counts[t("map.legend.others")] == sum(
        1 for a in actors if words.sectors.get(a.sector) in view.folded
    )


def test_the_legend_is_escaped_text_saying_what_colour_and_size_mean():
    actors = [Actor(HOSTILE, id=1, sector=HOSTILE), Actor("B", id=2, sector="academia")]
    words = map_labels({"sectors": [("academia", None)]})
    view = map_view(actors, [Relation(1, 2)], network_metrics(actors, [Relation(1, 2)]), {}, words)
    html = legend_html(
        view,
        {
            "colour": t("map.legend.colour", what=t("map.colour.sector")),
            "size": t("map.legend.size.influence"),
            "relations": t("map.html.relations"),
        },
    )
    assert "<img" not in html and "&lt;img src=x onerror=alert(1)&gt; (1)" in html
    assert t("map.legend.colour", what=t("map.colour.sector")) in html
    assert t("map.legend.size.influence") in html


def test_the_names_that_matter_come_first_searched_then_path_then_largest(sample):
    actors, relations, metrics, words = sample
    small = min(actors, key=lambda a: a.influence or 0)
    path = long_path(actors, relations)
    view = map_view(actors, relations, metrics, {}, words, highlight=small.id, path=path)
    ids = view.node_ids
    assert view.label_order[0] == ids[small.id]
    assert view.label_order[1 : len(path) + 1] == [ids[i] for i in path if i != small.id][: len(path)]
    rest = [n for n in view.label_order if n != ids[small.id] and n not in {ids[i] for i in path}]
    sizes = {node["id"]: node["size"] for node in view.nodes}
    assert [sizes[n] for n in rest] == sorted((sizes[n] for n in rest), reverse=True)
    assert len(view.label_order) == len(actors) and view.first_labels >= 1 + len(path)


def test_the_path_stands_out_and_the_rest_fades(sample):
    actors, relations, metrics, words = sample
    path = long_path(actors, relations)
    assert len(path) > 2
    view = map_view(actors, relations, metrics, {}, words, path=path)
    on = {view.node_ids[i] for i in path}
    for node in view.nodes:
        if node["id"] in on:
            assert node["borderWidth"] == 4 and node["color"]["border"] == "#111111"
        else:
            assert (node["color"] if isinstance(node["color"], str) else node["color"]["background"]) not in PALETTE
    strong = [e for e in view.edges if e.get("strong")]
    assert len(strong) >= len(path) - 1 and all({e["from"], e["to"]} <= on for e in strong)
    drawn = payload(map_html(view, {"lang": "es"}))
    on_path = {e["id"] for e in strong}
    assert all(e["color"]["color"].startswith("#") for e in drawn["edges"] if e["id"] in on_path)  # drawn full
    assert all(e["color"]["color"].startswith("rgba(") for e in drawn["edges"] if e["id"] not in on_path)


def test_the_page_map_has_no_legend_inside_scrolls_the_page_and_has_its_own_zoom_buttons(sample):
    actors, relations, metrics, words = sample
    view = map_view(actors, relations, metrics, {}, words)
    texts = {"zoom_in": t("map.html.zoom_in"), "zoom_out": t("map.html.zoom_out"), "fit": t("map.html.fit")}
    embedded, whole = payload(map_html(view, texts, legend=False)), payload(map_html(view, texts))
    assert embedded["legendNodes"] == [] and embedded["legendEdges"] == [] and embedded["embedded"]
    assert whole["legendNodes"] and ("Gobierno local (22)", "#0072B2") in [tuple(e) for e in whole["legendNodes"]]
    assert embedded["options"]["interaction"]["navigationButtons"] is False
    assert embedded["texts"]["zoom_in"] == t("map.html.zoom_in")
    html = map_html(view, texts, legend=False)
    assert 'id="zoom-in"' in html and 'id="zoom-out"' in html and 'id="fit"' in html
    assert "event.ctrlKey || event.metaKey" in html  # the wheel zooms only with a modifier held
    light = [e["color"] for e in embedded["edges"]]
    assert all(c["color"].startswith("rgba(") and c["hover"].startswith("#") for c in light)  # light until hovered


def test_the_choices_survive_a_round_trip_and_give_every_export_the_same_view(sample):
    actors, relations, metrics, words = sample
    path = long_path(actors, relations)
    choices = MapChoices(
        colour_by="stance",
        size_by="degree",
        day=date(2026, 1, 1),
        layout="sectors",
        filter=MapFilter(actors=ActorFilter(sectors=("local_government", "city_network")), min_strength=2),
        highlight=path[0],
        path=tuple(path),
    )
    again = MapChoices.from_dict(json.loads(json.dumps(choices.to_dict())))  # JSON-safe, as a saved view
    assert again == choices
    view = chosen_view(actors, relations, metrics, {}, words, again)
    kept = {a.id for a in actors if a.sector in ("local_government", "city_network")}
    assert set(view.node_ids) == kept
    assert all(e["width"] >= 2.5 for e in view.edges)  # strength 2 and more
    assert {caption for caption, _ in view.legend_nodes} <= {*words.stances.values(), words.unknown}
    assert view.label_order[0] == view.node_ids.get(path[0], view.label_order[0])
    assert MapChoices.from_dict({"colour_by": "nonsense"}).colour_by == "sector"  # a stale saved view still draws
