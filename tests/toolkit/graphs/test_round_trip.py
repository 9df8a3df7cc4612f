"""This app's own GEXF and GraphML come back as the same graph: export, import into an empty
workspace, export again gives the same actors with their fields and the same relations."""

import io

import networkx as nx
import pytest

from toolkit.domain import Actor, Relation
from toolkit.importing import check_file, import_preview
from toolkit.network.analysis import network_metrics
from toolkit.network.exports import gexf, graphml
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import create_workspace

ACTORS = [
    Actor(
        "Alcaldía de Medellín",
        id=1,
        sector="local_government",
        scale="local",
        stance=2,
        influence=5,
        interest=4,
        themes=["agua", "movilidad"],
    ),
    Actor("EPM & Cía <filial>", id=2, sector="private_sector", scale="regional", stance=-1, influence=3),
    Actor("Comfama", id=3),
    Actor("Red de Pobladores", id=4, stance=0, interest=1),  # no relation: an isolated node
]
RELATIONS = [
    Relation(1, 2, type="funding", strength=3, directed=True, description="Convenio 2024", id=7),
    Relation(2, 3, type="conflict", strength=1, id=8),
    Relation(3, 1, id=9, description="Mesa de empleo"),
]
WRITERS = {"gexf": (gexf, nx.read_gexf), "graphml": (graphml, nx.read_graphml)}


def graph_of(data: bytes, read) -> tuple[dict, list]:
    """The exported graph by names: node attributes without the computed metrics, edges by names."""
    graph = read(io.BytesIO(data))
    computed = {"community", "betweenness", "degree", "label"}
    labels = {node: attrs.get("label", node) for node, attrs in graph.nodes(data=True)}
    nodes = {labels[n]: {k: v for k, v in attrs.items() if k not in computed} for n, attrs in graph.nodes(data=True)}
    edges = sorted(
        (
            labels[u],
            labels[v],
            attrs.get("type"),
            int(attrs.get("weight")),
            str(attrs.get("directed")).lower(),
            attrs.get("description") or "",
        )
        for u, v, attrs in graph.edges(data=True)
    )
    return nodes, edges


@pytest.mark.parametrize("kind", sorted(WRITERS))
def test_export_import_export_gives_the_same_graph(engine, kind):
    write, read = WRITERS[kind]
    first = write(ACTORS, RELATIONS, network_metrics(ACTORS, RELATIONS))
    workspace = create_workspace(engine, "Vuelta")
    preview = check_file(engine, workspace.id, first, f"mapa.{kind}")
    assert preview.format == kind
    assert (preview.errors, preview.warnings) == ([], [])
    outcome = import_preview(engine, workspace.id, preview)
    assert (outcome.stored.added, outcome.stored.relations) == (4, 3)
    actors, relations = list_actors(engine, workspace.id), list_relations(engine, workspace.id)
    assert all(actor.custom == {} for actor in actors)  # no metric became a field
    second = write(actors, relations, network_metrics(actors, relations))
    assert graph_of(second, read) == graph_of(first, read)
    by_name = {actor.name: actor for actor in actors}
    alcaldia = by_name["Alcaldía de Medellín"]
    assert (
        alcaldia.sector,
        alcaldia.scale,
        alcaldia.stance,
        alcaldia.influence,
        alcaldia.interest,
        alcaldia.themes,
    ) == (
        "local_government",
        "local",
        2,
        5,
        4,
        ["agua", "movilidad"],
    )
    assert by_name["Comfama"].stance is None and by_name["Comfama"].influence is None
    names = {actor.id: actor.name for actor in actors}
    assert sorted(
        (names[r.source], names[r.target], r.type, r.strength, r.directed, r.description) for r in relations
    ) == [
        ("Alcaldía de Medellín", "EPM & Cía <filial>", "funding", 3, True, "Convenio 2024"),
        ("Comfama", "Alcaldía de Medellín", "cooperation", 2, False, "Mesa de empleo"),
        ("EPM & Cía <filial>", "Comfama", "conflict", 1, False, ""),
    ]
