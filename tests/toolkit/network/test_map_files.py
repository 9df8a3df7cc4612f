"""The map's view, HTML, saved layout and files, on the Medellín sample and on hostile names."""

import io
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from toolkit.actors import ActorFilter
from toolkit.domain import Actor, Relation
from toolkit.network import exports
from toolkit.network.analysis import network_metrics
from toolkit.network.layout import LAYOUTS, compute_layout
from toolkit.network.presentation import map_labels
from toolkit.network.render import _vis_network_js, map_html
from toolkit.network.view import MapFilter, filter_map, map_view
from toolkit.store.maps import save_layout, saved_layout
from toolkit.store.register import add_actor, delete_actors, list_actors, list_relations
from toolkit.store.workspaces import create_workspace, revision, vocabulary_terms

HOSTILE = '</script><script>alert("x")</script><img src=x onerror=alert(1)>'


@pytest.fixture
def sample(engine, sample_id):
    actors, relations = list_actors(engine, sample_id), list_relations(engine, sample_id)
    return actors, relations, network_metrics(actors, relations), map_labels(vocabulary_terms(engine, sample_id))


def test_every_actor_of_the_sample_is_a_node_with_a_generated_id(sample):
    actors, relations, metrics, words = sample
    view = map_view(actors, relations, metrics, compute_layout(actors, relations), words)
    assert len(view.nodes) == len(actors) and len(view.edges) == len(relations)
    assert all(re.fullmatch(r"n\d+", node["id"]) for node in view.nodes)
    assert {label for label, _ in view.legend_nodes} >= {"Gobierno local", "Red de ciudades"}
    conflict = next(e for e in view.edges if e["dashes"] and e["color"] == "#d62728")
    assert conflict  # conflicts are red and dashed, as the legend says
    assert any(entry[0] == "Conflicto" and entry[2] for entry in view.legend_edges)


@pytest.mark.parametrize("colour_by", ["sector", "scale", "stance", "community"])
def test_the_legend_matches_the_node_colours(sample, colour_by):
    actors, relations, metrics, words = sample
    view = map_view(actors, relations, metrics, {}, words, colour_by=colour_by)
    legend_colours = {colour for _, colour in view.legend_nodes}
    assert {
        node["color"] if isinstance(node["color"], str) else node["color"]["background"] for node in view.nodes
    } == legend_colours


def test_filters_focus_and_hidden_isolated_actors(sample):
    actors, relations, _, _ = sample
    aci = next(a for a in actors if a.acronym == "ACI Medellín")
    kept, ties = filter_map(actors, relations, MapFilter(focus=aci.id, focus_steps=1))
    neighbours = {r.source for r in relations if r.target == aci.id} | {
        r.target for r in relations if r.source == aci.id
    }
    assert {a.id for a in kept} == neighbours | {aci.id}
    kept, ties = filter_map(actors, relations, MapFilter(hide_isolated=True, min_strength=3))
    assert all(r.strength == 3 for r in ties)
    linked = {r.source for r in ties} | {r.target for r in ties}
    assert {a.id for a in kept} == linked
    kept, _ = filter_map(actors, relations, MapFilter(actors=ActorFilter(sectors=("academia",))))
    assert kept and all(a.sector == "academia" for a in kept)


def test_hostile_names_stay_inert_in_the_html():
    actors = [Actor(HOSTILE, id=1, influence=5), Actor("B", id=2)]
    relations = [Relation(1, 2, description=HOSTILE)]
    words = map_labels({})
    view = map_view(actors, relations, network_metrics(actors, relations), {1: (0, 0), 2: (5, 5)}, words)
    html = map_html(view, {"title": "Mapa", "caption": HOSTILE, "legend": "Sector", "lang": "es"})
    assert HOSTILE not in html and "<img src=x" not in html
    ours = html.replace(_vis_network_js().replace("</script", "<\\/script"), "")
    assert ours.count("<script") == 3  # vis-network, the JSON payload, our code: nothing injected
    assert "http:" not in ours and "https:" not in ours
    assert "Content-Security-Policy" in html and "default-src 'none'" in html


def test_layouts_are_deterministic_and_saved(engine, sample_id):
    actors, relations = list_actors(engine, sample_id), list_relations(engine, sample_id)
    for kind in LAYOUTS:
        first = compute_layout(actors, relations, kind)
        assert first == compute_layout(actors, relations, kind)
        assert set(first) == {a.id for a in actors}
    assert compute_layout(actors, relations, "force", seed=8) != compute_layout(actors, relations, "force")
    before = revision(engine, sample_id)
    positions = compute_layout(actors, relations, "scales")
    assert save_layout(engine, sample_id, "scales", positions) == len(actors)
    kind, saved, saved_at = saved_layout(engine, sample_id)
    assert (kind, saved) == ("scales", positions) and saved_at is not None
    assert revision(engine, sample_id) == before  # how the map looks is not a change of data
    delete_actors(engine, sample_id, [actors[0].id])
    assert actors[0].id not in saved_layout(engine, sample_id)[1]


def test_a_new_workspace_has_the_force_layout_and_nothing_saved(engine):
    workspace = create_workspace(engine, "Vacío")
    add_actor(engine, workspace.id, Actor("Solo"))
    assert saved_layout(engine, workspace.id) == ("force", {}, None)


def test_gexf_and_graphml_open_in_networkx_with_attributes(sample):
    actors, relations, metrics, _ = sample
    for data, read in (
        (exports.gexf(actors, relations, metrics), nx.read_gexf),
        (exports.graphml(actors, relations, metrics), nx.read_graphml),
    ):
        graph = read(io.BytesIO(data))
        assert graph.number_of_nodes() == len(actors) and graph.number_of_edges() == len(relations)
        node = graph.nodes[str(actors[0].id)]
        assert node["label"] == actors[0].name and "community" in node


def test_gephi_files_survive_hostile_and_control_characters():
    actors = [Actor(HOSTILE + "\x07", id=1), Actor("B\x00", id=2)]
    relations = [Relation(1, 2, description="a\x1bb")]
    data = exports.graphml(actors, relations, network_metrics(actors, relations))
    ET.fromstring(data)  # well-formed XML
    assert nx.read_graphml(io.BytesIO(data)).nodes["1"]["label"] == HOSTILE


def test_metrics_workbook_lists_every_actor(sample):
    from toolkit.spreadsheets.reading import read_workbook

    actors, _, metrics, _ = sample
    headers = {"name": "Nombre", **{c: c for c in exports.METRIC_COLUMNS}}
    rows = (
        read_workbook(exports.metrics_workbook(actors, metrics, headers, "Sí", "Indicadores"), "m.xlsx").sheets[0].rows
    )
    assert len(rows) == len(actors) + 1
    top = max(actors, key=lambda a: metrics.per_actor[a.id].betweenness)
    assert rows[1][0] == top.name
