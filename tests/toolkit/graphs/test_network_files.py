"""Other tools' network files come in whole (issue 13, cause 7): GEXF 1.1-1.3, GraphML (networkx,
yEd), Kumu's JSON, NodeXL workbooks and edge lists, each written here with the actors and
relations a person who knows the file expects; ``check --json`` names each format."""

import io
import json

import networkx as nx
import pytest
from openpyxl import Workbook

from toolkit.cli import main
from toolkit.i18n import t
from toolkit.importing import check_file

GEXF_NS = {
    "1.1": 'xmlns="http://www.gexf.net/1.1draft" version="1.1"',
    "1.2": 'xmlns="http://www.gexf.net/1.2draft" xmlns:viz="http://www.gexf.net/1.2draft/viz" version="1.2"',
    "1.3": 'xmlns="http://gexf.net/1.3" xmlns:viz="http://gexf.net/1.3/viz" version="1.3"',
}


def gexf(version: str) -> bytes:
    """A Gephi file: attributes by id, a viz colour, one directed edge with a label, one undirected."""
    viz = '<viz:color r="10" g="20" b="30"/>' if version != "1.1" else ""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gexf {GEXF_NS[version]}>
  <meta><creator>Gephi 0.10</creator></meta>
  <graph defaultedgetype="directed" mode="static">
    <attributes class="node" mode="static">
      <attribute id="sec" title="Sector" type="string"/>
      <attribute id="pos" title="Posición" type="string"/>
      <attribute id="mod" title="modularity_class" type="integer"/>
      <attribute id="pop" title="Población atendida" type="integer"/>
    </attributes>
    <attributes class="edge" mode="static">
      <attribute id="0" title="Tipo de relación" type="string"/>
    </attributes>
    <nodes>
      <node id="n0" label="Alcaldía de Medellín">
        <attvalues><attvalue for="sec" value="Gobierno local"/><attvalue for="pos" value="Aliado"/>
        <attvalue for="mod" value="3"/><attvalue for="pop" value="2500000"/></attvalues>{viz}
      </node>
      <node id="n1" label="Universidad de Antioquia">
        <attvalues><attvalue for="sec" value="Academia"/></attvalues>
      </node>
      <node id="n2" label="Corantioquia"/>
    </nodes>
    <edges>
      <edge id="e0" source="n0" target="n1" weight="3" label="Convenio marco">
        <attvalues><attvalue for="0" value="Financiación"/></attvalues>
      </edge>
      <edge id="e1" source="n1" target="n2" type="undirected"/>
    </edges>
  </graph>
</gexf>""".encode()


GEXF_ACTORS = [
    ("Alcaldía de Medellín", "local_government", 2, {"Población atendida": "2500000"}),
    ("Universidad de Antioquia", "academia", None, {}),
    ("Corantioquia", None, None, {}),
]
GEXF_RELATIONS = [
    ("Alcaldía de Medellín", "Universidad de Antioquia", "funding", 3, True, "Convenio marco"),
    ("Universidad de Antioquia", "Corantioquia", "cooperation", 2, False, ""),
]


def networkx_graphml() -> bytes:
    graph = nx.Graph()
    graph.add_node("Gobernación de Antioquia", sector="Gobierno regional", influence=5, interest=4)
    graph.add_node("Fundación EPM", sector="Fundación", stance="favorable")
    graph.add_node("Proantioquia")
    graph.add_edge("Gobernación de Antioquia", "Fundación EPM", weight=1.0, type="coordinación")
    graph.add_edge("Fundación EPM", "Proantioquia", type="alianza")
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer)
    return buffer.getvalue()


YED = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d5" attr.name="description" attr.type="string"/>
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d9" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0">
      <data key="d5">Entidad ambiental</data>
      <data key="d6"><y:ShapeNode><y:Geometry height="30" width="30" x="0" y="0"/>
        <y:NodeLabel alignment="center">\xc3\x81rea Metropolitana</y:NodeLabel></y:ShapeNode></data>
    </node>
    <node id="n1">
      <data key="d6"><y:ShapeNode><y:NodeLabel>Comfama</y:NodeLabel></y:ShapeNode></data>
    </node>
    <edge id="e0" source="n0" target="n1">
      <data key="d9"><y:PolyLineEdge><y:Arrows source="none" target="standard"/></y:PolyLineEdge></data>
    </edge>
  </graph>
</graphml>"""


def kumu_json() -> bytes:
    project = {
        "elements": [
            {
                "_id": "elem-a1",
                "attributes": {
                    "label": "Ruta N",
                    "element type": "Organization",
                    "description": "Centro de innovación",
                    "tags": ["innovación", "ciencia"],
                },
            },
            {"_id": "elem-b2", "attributes": {"label": "Cámara de Comercio de Medellín", "sector": "Gremio"}},
            {"label": "Tecnnova"},
        ],
        "connections": [
            {
                "_id": "conn-1",
                "from": "elem-a1",
                "to": "elem-b2",
                "direction": "mutual",
                "attributes": {"connection type": "Alianza", "strength": 3},
            },
            {"from": "Tecnnova", "to": "elem-a1", "attributes": {"connection type": "Information"}},
        ],
    }
    return json.dumps(project, ensure_ascii=False).encode()


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def nodexl() -> bytes:
    """NodeXL's template: group titles over the headers, drawing columns, then the person's own."""
    edge_groups = ["", "", "Visual Properties", "", "", "", "", "Labels", "", "", "Graph Metrics", "Other Columns"]
    edge_headers = ["Vertex 1", "Vertex 2", "Color", "Width", "Style", "Opacity", "Visibility", "Label"]
    edge_headers += ["Label Text Color", "Label Font Size", "Reciprocated?", "ID", "Relationship", "Edge Weight"]
    vertex_groups = ["", "Visual Properties", "", "", "", "Labels", "", "Layout", "", "Graph Metrics", "", "Other"]
    vertex_headers = ["Vertex", "Color", "Shape", "Size", "Opacity", "Label", "Tooltip", "X", "Y", "Degree"]
    vertex_headers += ["Betweenness Centrality", "ID", "Sector"]
    return xlsx(
        {
            "Edges": [
                edge_groups,
                edge_headers,
                ["SENA", "Comfenalco", "Red", 2, "Solid", 100, "Show", "", "", "", "", 1, "Cooperación", 2],
                ["SENA", "Interactuar", "", "", "", "", "", "x", "", "", "", 2, "Financiación", 3],
            ],
            "Vertices": [
                vertex_groups,
                vertex_headers,
                ["SENA", "Blue", "Disk", 5, 100, "SENA", "tip", 10.5, 20.5, 2, 0.5, 1, "Gobierno nacional"],
                ["Comfenalco", "", "", "", "", "", "", 1, 2, 1, 0, 2, "Sociedad civil"],
            ],
            "Groups": [["Group", "Vertex Color", "Vertex Shape"], ["G1", "Red", "Disk"]],
            "Group Vertices": [["Group", "Vertex", "Vertex ID"], ["G1", "SENA", 1]],
            "Overall Metrics": [["Graph Metric", "Value"], ["Vertices", 3]],
        }
    )


CASES = {
    # name: (file name, bytes, format, {actor: sector}, [(source, target, type, strength, directed)])
    "gexf_1_1": ("red.gexf", lambda: gexf("1.1"), "gexf", None, None),
    "gexf_1_2": ("red.gexf", lambda: gexf("1.2"), "gexf", None, None),
    "gexf_1_3": ("red.gexf", lambda: gexf("1.3"), "gexf", None, None),
    "graphml_networkx": (
        "red.graphml",
        networkx_graphml,
        "graphml",
        {"Gobernación de Antioquia": "regional_government", "Fundación EPM": "civil_society", "Proantioquia": None},
        [
            ("Gobernación de Antioquia", "Fundación EPM", "coordination", 1, False),
            ("Fundación EPM", "Proantioquia", "alliance", 2, False),
        ],
    ),
    "graphml_yed": (
        "mapa.graphml",
        lambda: YED,
        "graphml",
        {"Área Metropolitana": None, "Comfama": None},
        [("Área Metropolitana", "Comfama", "cooperation", 2, True)],
    ),
    "kumu_json": (
        "kumu-project.json",
        kumu_json,
        "kumu_json",
        {"Ruta N": None, "Cámara de Comercio de Medellín": "business_association", "Tecnnova": None},
        [
            ("Ruta N", "Cámara de Comercio de Medellín", "alliance", 3, False),
            ("Tecnnova", "Ruta N", "information", 2, True),
        ],
    ),
    "nodexl": (
        "nodexl.xlsx",
        nodexl,
        "nodexl",
        {"SENA": "national_government", "Comfenalco": "civil_society", "Interactuar": None},
        [("SENA", "Comfenalco", "cooperation", 2, False), ("SENA", "Interactuar", "funding", 3, False)],
    ),
    "edge_list_csv": (
        "aristas.csv",
        lambda: b"Source,Target,Weight,Type\nEAFIT,Ruta N,3,Cooperation\nRuta N,Alcald\xc3\xada,1,Funding\n",
        "edge_list",
        {"EAFIT": None, "Ruta N": None, "Alcaldía": None},
        [("EAFIT", "Ruta N", "cooperation", 3, False), ("Ruta N", "Alcaldía", "funding", 1, False)],
    ),
    "edge_list_csv_from_to": (
        "relaciones.csv",
        lambda: "from;to\nISA;Sura\nSura;Nutresa\nNutresa;ISA\n".encode("cp1252"),
        "edge_list",
        {"ISA": None, "Sura": None, "Nutresa": None},
        [("ISA", "Sura", "cooperation", 2, False), ("Sura", "Nutresa", "cooperation", 2, False)]
        + [("Nutresa", "ISA", "cooperation", 2, False)],
    ),
    "edge_list_xlsx_with_nodes": (
        "red.xlsx",
        lambda: xlsx(
            {
                "Aristas": [["ORIGEN", "DESTINO", "peso"], ["Metro de Medellín", "EPM", 2], ["EPM", "UNAL", 1]],
                "Nodos de la red": [["Nombre", "Sector"], ["Metro de Medellín", "Empresa"], ["EPM", "Empresa"]],
            }
        ),
        "edge_list",
        {"Metro de Medellín": "private_sector", "EPM": "private_sector", "UNAL": None},
        [("Metro de Medellín", "EPM", "cooperation", 2, False), ("EPM", "UNAL", "cooperation", 1, False)],
    ),
    "edge_list_xlsx_alone": (
        "red.xlsx",
        lambda: xlsx({"Hoja1": [["source", "TARGET", "type"], ["Parque Explora", "Ruta N", "Alianza"]]}),
        "edge_list",
        {"Parque Explora": None, "Ruta N": None},
        [("Parque Explora", "Ruta N", "alliance", 2, False)],
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_network_file_comes_in_with_its_actors_and_relations(case):
    filename, make, fmt, actors, relations = CASES[case]
    preview = check_file(None, None, make(), filename)
    assert preview.format == fmt
    assert preview.errors == []
    if actors is None:  # the GEXF versions: names, sectors, stances, the file's own columns
        found = [(p.actor.name, p.actor.sector, p.actor.stance, p.actor.custom) for p in preview.actors]
        assert found == GEXF_ACTORS
        found = [
            (r.source, r.target, r.relation.type, r.relation.strength, r.relation.directed, r.relation.description)
            for r in preview.relations
        ]
        assert found == GEXF_RELATIONS
        return
    assert {p.actor.name: p.actor.sector for p in preview.actors} == actors
    assert [
        (r.source, r.target, r.relation.type, r.relation.strength, r.relation.directed) for r in preview.relations
    ] == relations


def test_nodexl_leaves_its_drawing_columns_and_extra_sheets_out():
    preview = check_file(None, None, nodexl(), "nodexl.xlsx")
    sena = next(p.actor for p in preview.actors if p.actor.name == "SENA")
    assert sena.custom == {}
    roles = {sheet.name: sheet.role for sheet in preview.layout.sheets}
    assert roles == {
        "Edges": "relations",
        "Vertices": "actors",
        "Groups": "skip",
        "Group Vertices": "skip",
        "Overall Metrics": "skip",
    }


def test_kumu_json_keeps_the_description_and_tags():
    ruta = check_file(None, None, kumu_json(), "kumu.json").actors[0].actor
    assert ruta.name == "Ruta N"
    assert "Centro de innovación" in ruta.notes or ruta.custom.get("description") == "Centro de innovación"
    assert "innovación" in " ".join([*ruta.themes, *ruta.custom.values()])


@pytest.mark.parametrize("case", sorted(CASES))
def test_check_json_names_the_format(case, tmp_path, capsys):
    filename, make, fmt, actors, relations = CASES[case]
    path = tmp_path / filename
    path.write_bytes(make())
    assert main(["check", str(path), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["format"] == fmt
    assert report["actors"] == len(actors or GEXF_ACTORS)
    assert report["relations"] == len(relations or GEXF_RELATIONS)
    assert report["errors"] == []


def test_a_json_that_is_not_kumu_is_refused_plainly(tmp_path, capsys):
    path = tmp_path / "config.json"
    path.write_text('{"name": "x"}')
    assert main(["check", str(path), "--json"]) == 2
    assert t("import.unreadable.not_spreadsheet") in capsys.readouterr().err
