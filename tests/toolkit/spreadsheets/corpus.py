"""A corpus of list and map shapes met in real files (issue 13), written by the tests: each shape
states the actors it must give, their relations, the in-file merges, the new terms and the
warnings it must raise. Organisations and people are invented (no personal data).

Spreadsheets (causes 1-6): registers of associations and NGOs in Spanish and Portuguese, PMBOK
stakeholder registers with two-row headers, monthly sheets, placeholders and footers, in-file
merges, stakeholder-tool templates. Network files (cause 7): GEXF 1.1-1.3, GraphML (networkx and
yEd), Kumu (JSON and workbook), Onodo, NodeXL, Gephi's and others' edge lists with and without a
node list."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from xml.sax.saxutils import quoteattr

import networkx as nx
from openpyxl import Workbook


@dataclass
class Shape:
    name: str
    filename: str
    data: bytes
    actors: list[str]  # names in file order, after merges
    merges: list[dict] = field(default_factory=list)  # as check --json's "merges"
    warnings: list[str] = field(default_factory=list)  # message keys that must be among the warnings
    levels: dict[str, tuple[int | None, int | None]] = field(default_factory=dict)  # name -> (influence, interest)
    format: str | None = None  # check --json's "format", when the shape is about it
    relations: list[tuple[str, str, str]] = field(default_factory=list)  # (source, target, type key) in file order
    fields: dict[str, dict[str, object]] = field(default_factory=dict)  # name -> {actor field: value}
    new_terms: list[tuple[str, str]] = field(default_factory=list)  # (list, label) the import adds


def xlsx(sheets: dict[str, list[list[object]]]) -> bytes:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def text_csv(rows: list[list[object]]) -> bytes:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(rows)
    return out.getvalue().encode("utf-8")


ORGS = [
    "Asociación de Recicladores del Valle",
    "Fundación Semillas de Paz",
    "Corporación Río Claro",
    "Cooperativa Tejedoras del Sur",
    "Junta de Acción Comunal La Loma",
    "Red de Huertas Urbanas",
]
ORGS_PT = [
    "Associação Amigos para o Rio",
    "Instituto Mata Viva",
    "Cooperativa Mãos Unidas",
    "Associação para o Desenvolvimento do Cerrado",
    "Coletivo Vozes da Terra",
]


def no_name_header() -> list[Shape]:
    """Cause 1: the organisation column is called ASOCIACION, ENTIDAD, Organismo, FUENTE, or nothing known."""
    shapes = []
    for header in ("ASOCIACION", "ENTIDAD", "Organismo", "FUENTE", "Institución"):
        rows = [[header, "MUNICIPIO", "TELEFONO"]] + [[o, "Cali", 3000000 + i] for i, o in enumerate(ORGS)]
        warnings = ["import.report.name_chosen"] if header == "FUENTE" else []
        shapes.append(Shape(f"header {header}", "lista.xlsx", xlsx({"Hoja1": rows}), ORGS, warnings=warnings))
    # no header says name: the names are the distinct text column among codes, e-mails, dates, categories
    rows = [["Código", "Razón", "Tipo", "Correo", "Registro"]] + [
        [f"A-{100 + i}", org, "ONG" if i % 2 else "JAC", f"info{i}@ejemplo.org", f"2024-0{i + 1}-15"]
        for i, org in enumerate(ORGS)
    ]
    shapes.append(Shape("by content", "registro.csv", text_csv(rows), ORGS, warnings=["import.report.name_chosen"]))
    rows = [["N°", "Denominación", "Departamento", "Resolución"]] + [
        [i + 1, org, "Cauca" if i % 2 else "Nariño", 4500 + i] for i, org in enumerate(ORGS)
    ]
    shapes.append(
        Shape(
            "by content, numbers",
            "denominaciones.xlsx",
            xlsx({"Registro": rows}),
            ORGS,
            warnings=["import.report.name_chosen"],
        )
    )
    return shapes


def two_row_headers() -> list[Shape]:
    """Cause 2: a PMBOK stakeholder register, group titles then a header over two rows."""
    shapes = []
    for title_rows in ([["Registro de interesados"], []], []):
        rows = [
            *title_rows,
            ["Identificación", None, None, "Evaluación", None, "Clasificación"],
            ["Nombre", "Departamento/", "Rol en el", "Impacto", "Influencia", "Interno/Externo"],
            [None, "Empresa", "Proyecto", "(A, M, B)", "(A, M, B)", None],
            ["Secretaría de Movilidad", "Gobierno", "Patrocinador", "A", "M", "Interno"],
            ["Veeduría Ciudadana Norte", "Sociedad civil", "Control", "M", "A", "Externo"],
            ["Cámara de Comercio del Río", "Gremio", "Aliado", "B", "B", "Externo"],
        ]
        shapes.append(
            Shape(
                f"pmbok {len(title_rows)} title rows",
                "registro_interesados.xlsx",
                xlsx({"Registro": rows}),
                ["Secretaría de Movilidad", "Veeduría Ciudadana Norte", "Cámara de Comercio del Río"],
                warnings=["import.report.two_row_header"],
                levels={"Secretaría de Movilidad": (3, None), "Veeduría Ciudadana Norte": (4, None)},
            )
        )
    return shapes


def monthly_sheets() -> list[Shape]:
    """Cause 3: data rows that hold relation words ("TO", "para") and 14 sheets of one shape."""
    shapes = []
    sheets = {}
    expected = []
    for month in range(14):
        rows = [["Nome", "CNPJ", "UF", "Município"]]
        for i, org in enumerate(ORGS_PT):
            name = f"{org} {month + 1}"
            rows.append([name, f"12.345.{month:03d}/0001-{i:02d}", "TO" if i % 2 else "GO", "Palmas"])
            expected.append(name)
        sheets[f"Mes {month + 1}"] = rows
    shapes.append(Shape("14 monthly sheets", "associacoes.xlsx", xlsx(sheets), expected))
    rows = [["Relatório de entidades"], ["Nome", "UF", "Área"]] + [[org, "TO", "Meio ambiente"] for org in ORGS_PT]
    shapes.append(Shape("relation words in data", "entidades.xlsx", xlsx({"Planilha1": rows}), ORGS_PT))
    return shapes


def placeholders_and_footers() -> list[Shape]:
    """Cause 4: rows of placeholders, numbered empty template rows, footers, invisible characters."""
    shapes = []
    rows = [["Nombre", "Sector", "Ciudad"]] + [[o, "Privado", "Pasto"] for o in ORGS[:3]]
    rows += [[p, p, p] for p in ("-", "—", "n/a", "N/A", "s.d.", "s/d", "sin dato", "sin información", "ND", "#N/A")]
    rows += [[n, None, None] for n in range(4, 12)]
    rows += [[], ["Total de actores: 3"], ["Fuente: Secretaría de Planeación"], ["Elaborado por el equipo"]]
    shapes.append(Shape("placeholders, template rows, footers", "plantilla.xlsx", xlsx({"Actores": rows}), ORGS[:3]))
    rows = [
        ["Nombre", "Ciudad"],
        ["\u200bFundación Semillas de Paz\ufeff", "Pasto"],
        ["Corporación\u00a0Río Claro\u2060", "Ipiales"],
    ]
    rows += [["\u200b", "\u200c"], ["Total: 2", None]]
    shapes.append(
        Shape(
            "invisible characters",
            "invisibles.csv",
            text_csv(rows),
            ["Fundación Semillas de Paz", "Corporación Río Claro"],
        )
    )
    return shapes


def merges() -> list[Shape]:
    """Cause 5: rows merged inside one file, and a first column of groups that repeats."""
    rows = (
        [["Nombre", "Ciudad"]] + [[o, "Cali"] for o in ORGS[:3]] + [[ORGS[0], None], [ORGS[1], "Buga"], [ORGS[0], None]]
    )
    merged = [
        {"sheet": "Actores", "rows": [5, 7], "into": 2, "name": ORGS[0]},
        {"sheet": "Actores", "rows": [6], "into": 3, "name": ORGS[1]},
    ]
    shapes = [Shape("repeated rows", "repetidos.xlsx", xlsx({"Actores": rows}), ORGS[:3], merges=merged)]
    rows = [["Stakeholder", "Contact", "Role"]] + [
        ["Customer", "Harbour Logistics Ltd", "Buyer"],
        ["Customer", "Blue Valley Farms", "Buyer"],
        ["Internal Staff", "Finance Office", "Sponsor"],
        ["Internal Staff", "Operations Desk", "User"],
    ]
    shapes.append(
        Shape(
            "group column",
            "stakeholders.xlsx",
            xlsx({"Register": rows}),
            ["Customer", "Customer", "Internal Staff", "Internal Staff"],
            warnings=["import.report.name_repeats"],
        )
    )
    return shapes


def registers() -> list[Shape]:
    """Public registers of associations, in Spanish and Portuguese, as their offices publish them."""
    rows = [["REGISTRO DE ENTIDADES SIN ÁNIMO DE LUCRO"], ["Corte: marzo"], []]
    rows += [["N°", "ENTIDAD", "NIT", "REPRESENTANTE LEGAL", "MUNICIPIO"]]
    rows += [[i + 1, org, f"900.{123 + i}.456-{i}", "Representante inventado", "Pasto"] for i, org in enumerate(ORGS)]
    rows += [[None] * 5, ["Total de entidades: 6"], ["Fuente: Cámara de Comercio del Río"]]
    shapes = [Shape("register ENTIDAD", "entidades_esal.xlsx", xlsx({"ESAL": rows}), ORGS)]
    rows = [["Relação de entidades cadastradas"], ["ENTIDADE", "CNPJ", "UF", "MUNICÍPIO", "ÁREA DE ATUAÇÃO"]]
    rows += [[org, f"11.222.333/0001-{i:02d}", "TO", "Palmas", "Meio ambiente"] for i, org in enumerate(ORGS_PT)]
    rows += [["-", "-", "-", "-", "-"]] * 4 + [["Fonte: Secretaria de Cidadania"]]
    shapes.append(Shape("cadastro ENTIDADE", "cadastro.csv", text_csv(rows), ORGS_PT))
    rows = [["Tipo", "Organismo", "Sigla", "País"]]
    rows += [["Cooperación", "Agencia Andina de Cooperación Ficticia", "AACF", "Perú"]]
    rows += [["Cooperación", "Fondo Verde Imaginario", "FVI", "Chile"]]
    rows += [["Multilateral", "Banco Regional Inventado", "BRI", "Panamá"]]
    shapes.append(
        Shape(
            "group column then Organismo",
            "organismos.xlsx",
            xlsx({"Cooperantes": rows}),
            ["Agencia Andina de Cooperación Ficticia", "Fondo Verde Imaginario", "Banco Regional Inventado"],
            new_terms=[("sectors", "Cooperación")],
        )
    )
    return shapes


def stakeholder_templates() -> list[Shape]:
    """Stakeholder-analysis templates: a category of stance words, levels with a comment."""
    rows = [["Stakeholder Analysis"], []]
    rows += [["Stakeholder", "Contact person", "Category", "Influence", "Interest", "Notes"]]
    rows += [["Harbour Authority", "Ana Ficticia", "advocate", "High (users of the system)", "Medium", ""]]
    rows += [["Green Valley Council", "Bruno Inventado", "obstacle", "Low", "High (affected residents)", ""]]
    rows += [["Transit Riders Union", "Carla Supuesta", "ally", "Medium", "High", "monthly meeting"]]
    rows += [["Port Chamber of Trade", "Dario Imaginado", "blocker", "High", "Low", ""]]
    shapes = [
        Shape(
            "stakeholder template en",
            "stakeholder_analysis.xlsx",
            xlsx({"Stakeholders": rows}),
            [r[0] for r in rows[3:]],
            fields={
                "Harbour Authority": {"stance": 2, "influence": 4, "interest": 3, "contact_name": "Ana Ficticia"},
                "Green Valley Council": {"stance": -2, "influence": 2, "interest": 4},
                "Port Chamber of Trade": {"stance": -2},
            },
        )
    ]
    rows = [["Actor", "Tipo de actor", "Categoría", "Poder", "Interés"]]
    rows += [["Mesa Ficticia de Movilidad", "Inversionista", "promotor", "Alto", "Alto"]]
    rows += [["Colectivo Bici Imaginaria", "Sociedad civil", "detractor", "Bajo", "Alto (usuarios)"]]
    rows += [["Gremio Inventado de Transporte", "Gremio", "neutral", "Medio", "Medio"]]
    shapes.append(
        Shape(
            "matriz de interesados es",
            "matriz_interesados.csv",
            text_csv(rows),
            [r[0] for r in rows[1:]],
            fields={
                "Mesa Ficticia de Movilidad": {"stance": 2, "influence": 4, "sector": "custom_inversionista"},
                "Colectivo Bici Imaginaria": {"stance": -2, "interest": 4, "sector": "civil_society"},
            },
            new_terms=[("sectors", "Inversionista")],
        )
    )
    return shapes


def more_shapes() -> list[Shape]:
    """The PMBOK register as Spanish Excel saves it to CSV, Spanish monthly sheets with their own
    titles and footers, and one organisation written four ways."""
    rows = [
        ["Registro de interesados del proyecto"],
        ["Nombre", "Departamento/", "Rol en el", "Impacto", "Influencia"],
        ["", "Empresa", "Proyecto", "(A, M, B)", "(A, M, B)"],
        ["Oficina Ficticia de Cooperación", "Gobierno", "Patrocinador", "A", "A"],
        ["Red Inventada de Jóvenes", "Sociedad civil", "Beneficiario", "B", "M"],
    ]
    shapes = [
        Shape(
            "pmbok csv",
            "registro_interesados.csv",
            text_csv(rows),
            ["Oficina Ficticia de Cooperación", "Red Inventada de Jóvenes"],
            warnings=["import.report.two_row_header"],
            levels={"Oficina Ficticia de Cooperación": (4, None), "Red Inventada de Jóvenes": (3, None)},
        )
    ]
    # the same organisations convened month after month (and a new one in March): one actor each
    sheets, merged = {}, []
    for number, month in enumerate(("Enero", "Febrero", "Marzo", "Abril")):
        convened = ORGS[:3] + ([ORGS[3]] if month == "Marzo" else [])
        rows = [[f"Actores convocados - {month}"], ["Nombre", "Sector", "Para", "Asistió"]]
        rows += [[org, "Sociedad civil", "Mesa de agua", "Sí"] for org in convened]
        rows += [[None], [f"Total de actores: {len(convened)}"]]
        sheets[month] = rows
        if number:
            merged += [
                {"sheet": month, "rows": [3 + i], "into": 3 + i, "name": org, "into_sheet": "Enero"}
                for i, org in enumerate(ORGS[:3])
            ]
    shapes.append(Shape("monthly sheets es", "convocatorias.xlsx", xlsx(sheets), ORGS[:3] + [ORGS[3]], merges=merged))
    rows = [["Nombre", "Sigla", "Ciudad"]]
    rows += [["Fundación Semillas de Paz", "FSP", "Pasto"], ["FUNDACION SEMILLAS DE PAZ", None, None]]
    rows += [["  fundación   semillas de paz ", None, "Pasto"], ["FSP", None, None]]
    rows += [["Corporación Río Claro", None, "Ipiales"]]
    merged = [{"sheet": "Actores", "rows": [3, 4, 5], "into": 2, "name": "Fundación Semillas de Paz"}]
    shapes.append(
        Shape(
            "one organisation four ways",
            "variantes.xlsx",
            xlsx({"Actores": rows}),
            ["Fundación Semillas de Paz", "Corporación Río Claro"],
            merges=merged,
        )
    )
    return shapes


# -- network files ---------------------------------------------------------------------------

NODES = [
    ("Agencia Ficticia de Desarrollo", "Gobierno local", "Aliado"),
    ("Universidad Imaginaria del Sur", "Academia", None),
    ("Red Inventada de Barrios", "Organización comunitaria", "Opositor"),
    ("Fondo Supuesto de Innovación", "Inversionista", None),
]
EDGES = [(0, 1, "Financiación", 3), (1, 2, "Información", 1), (3, 0, "Inversión", 2)]
NAMES = [n[0] for n in NODES]
RELATIONS = [
    (NAMES[0], NAMES[1], "funding"),
    (NAMES[1], NAMES[2], "information"),
    (NAMES[3], NAMES[0], "custom_inversion"),
]
NETWORK_FIELDS = {
    NAMES[0]: {"sector": "local_government", "stance": 2},
    NAMES[2]: {"sector": "community_organisation", "stance": -2},
    NAMES[3]: {"sector": "custom_inversionista"},
}
NETWORK_TERMS = [("sectors", "Inversionista"), ("relation_types", "Inversión")]
GEXF_NAMESPACES = {
    "1.1": 'xmlns="http://www.gexf.net/1.1draft" version="1.1"',
    "1.2": 'xmlns="http://www.gexf.net/1.2draft" version="1.2"',
    "1.3": 'xmlns="http://gexf.net/1.3" version="1.3"',
}


def gexf(version: str) -> bytes:
    """Gephi's GEXF: attributes declared by id, a label per node, typed and weighted edges."""
    nodes = []
    for i, (name, sector, stance) in enumerate(NODES):
        values = f'<attvalue for="0" value={quoteattr(sector)}/>'
        values += f'<attvalue for="1" value={quoteattr(stance)}/>' if stance else ""
        nodes.append(f'<node id="{i}" label={quoteattr(name)}><attvalues>{values}</attvalues></node>')
    edges = [
        f'<edge id="{i}" source="{s}" target="{t}" weight="{w}"><attvalues>'
        f'<attvalue for="t" value={quoteattr(kind)}/></attvalues></edge>'
        for i, (s, t, kind, w) in enumerate(EDGES)
    ]
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<gexf {GEXF_NAMESPACES[version]}>
  <meta><creator>Gephi</creator></meta>
  <graph defaultedgetype="undirected" mode="static">
    <attributes class="node"><attribute id="0" title="Sector" type="string"/>
      <attribute id="1" title="Posición" type="string"/></attributes>
    <attributes class="edge"><attribute id="t" title="Tipo de relación" type="string"/></attributes>
    <nodes>{"".join(nodes)}</nodes>
    <edges>{"".join(edges)}</edges>
  </graph>
</gexf>""".encode()


def graphml_networkx() -> bytes:
    graph = nx.Graph()
    for name, sector, stance in NODES:
        graph.add_node(name, sector=sector, **({"stance": stance} if stance else {}))
    for s, t, kind, weight in EDGES:
        graph.add_edge(NAMES[s], NAMES[t], type=kind, weight=weight)
    out = io.BytesIO()
    nx.write_graphml(graph, out)
    return out.getvalue()


def graphml_yed() -> bytes:
    """yEd: the name is the node's label in its drawing, edges carry arrows."""
    nodes = "".join(
        f'<node id="n{i}"><data key="d6"><y:ShapeNode><y:NodeLabel>{name}</y:NodeLabel></y:ShapeNode></data></node>'
        for i, name in enumerate(NAMES)
    )
    edges = "".join(f'<edge id="e{i}" source="n{s}" target="n{t}"/>' for i, (s, t, _, _) in enumerate(EDGES))
    return f"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <graph edgedefault="directed" id="G">{nodes}{edges}</graph>
</graphml>""".encode()


def kumu_json() -> bytes:
    elements = [
        {
            "_id": f"e{i}",
            "attributes": {"label": name, "element type": sector, **({"stance": stance} if stance else {})},
        }
        for i, (name, sector, stance) in enumerate(NODES)
    ]
    connections = [
        {"from": f"e{s}", "to": f"e{t}", "attributes": {"connection type": kind, "strength": weight}}
        for s, t, kind, weight in EDGES
    ]
    return json.dumps({"elements": elements, "connections": connections}, ensure_ascii=False).encode()


def kumu_workbook() -> bytes:
    """Kumu's Elements and Connections, with a relation column of its own (Amount Owed)."""
    elements = [["Label", "Type", "Stance"]] + [[n, s, p] for n, s, p in NODES]
    connections = [["From", "To", "Type", "Strength", "Amount Owed (billions)"]]
    connections += [[NAMES[s], NAMES[t], kind, w, 1.5 * w] for s, t, kind, w in EDGES]
    return xlsx({"Elements": elements, "Connections": connections, "Instrucciones (ignore)": [["Kumu"]]})


def onodo_workbook() -> bytes:
    """Onodo's template, in Spanish: Nodos and Relaciones."""
    nodes = [["Nombre", "Tipo", "Descripción"]] + [[n, s, "Invented"] for n, s, _ in NODES]
    relations = [["Origen", "Tipo de relación", "Destino", "Dirección"]]
    relations += [[NAMES[s], kind, NAMES[t], None] for s, t, kind, _ in EDGES]
    return xlsx({"Nodos": nodes, "Relaciones": relations})


def nodexl_workbook() -> bytes:
    """NodeXL: group titles over the headers, drawing columns, then the person's own."""
    edges = [["", "", "Visual Properties", "", "Other Columns", ""]]
    edges += [["Vertex 1", "Vertex 2", "Color", "Width", "Relationship", "Edge Weight"]]
    edges += [[NAMES[s], NAMES[t], "Red", 2, kind, w] for s, t, kind, w in EDGES]
    vertices = [["", "Visual Properties", "", "Other Columns"], ["Vertex", "Color", "Shape", "Sector"]]
    vertices += [[n, "Blue", "Disk", s] for n, s, _ in NODES]
    return xlsx({"Edges": edges, "Vertices": vertices, "Overall Metrics": [["Graph Metric", "Value"], ["Vertices", 4]]})


def network_files() -> list[Shape]:
    """One invented network of four actors and three relations, in every format that carries it."""
    sectors = {NAMES[0]: {"sector": "local_government"}, NAMES[3]: {"sector": "custom_inversionista"}}
    plain = [(s, t, "cooperation") for s, t, _ in RELATIONS]
    shapes = [
        Shape(
            f"gexf {version}",
            "red.gexf",
            gexf(version),
            NAMES,
            format="gexf",
            relations=RELATIONS,
            fields=NETWORK_FIELDS,
            new_terms=NETWORK_TERMS,
        )
        for version in GEXF_NAMESPACES
    ]
    shapes.append(
        Shape(
            "graphml networkx",
            "red.graphml",
            graphml_networkx(),
            NAMES,
            format="graphml",
            relations=[RELATIONS[0], (NAMES[0], NAMES[3], "custom_inversion"), RELATIONS[1]],  # networkx's order
            fields=NETWORK_FIELDS,
            new_terms=NETWORK_TERMS,
        )
    )
    shapes.append(Shape("graphml yed", "mapa.graphml", graphml_yed(), NAMES, format="graphml", relations=plain))
    for name, filename, data, fmt in (
        ("kumu json", "kumu-project.json", kumu_json(), "kumu_json"),
        ("kumu workbook", "kumu.xlsx", kumu_workbook(), "kumu"),
    ):
        shapes.append(
            Shape(
                name,
                filename,
                data,
                NAMES,
                format=fmt,
                relations=RELATIONS,
                fields=NETWORK_FIELDS,
                new_terms=NETWORK_TERMS,
            )
        )
    shapes.append(
        Shape(
            "onodo",
            "onodo.xlsx",
            onodo_workbook(),
            NAMES,
            format="onodo",
            relations=RELATIONS,
            fields=sectors,
            new_terms=NETWORK_TERMS,
        )
    )
    shapes.append(
        Shape(
            "nodexl",
            "nodexl.xlsx",
            nodexl_workbook(),
            NAMES,
            format="nodexl",
            relations=RELATIONS,
            fields=sectors,
            new_terms=NETWORK_TERMS,
        )
    )
    edges = [["Source", "Target", "Type", "Id", "Label", "Weight"]]
    # Gephi's edge table: its Type is the direction, its Label the edge's own text
    edges += [
        [NAMES[s], NAMES[t], "Directed" if i else "Undirected", i, kind, w] for i, (s, t, kind, w) in enumerate(EDGES)
    ]
    shapes.append(
        Shape(
            "gephi edges csv",
            "edges.csv",
            text_csv(edges),
            [NAMES[0], NAMES[1], NAMES[2], NAMES[3]],
            format="edge_list",
            relations=plain,
        )
    )
    edges = [["origen", "destino", "tipo", "peso"]] + [[NAMES[s], NAMES[t], kind, w] for s, t, kind, w in EDGES]
    nodes = [["Nombre", "Sector"]] + [[n, s] for n, s, _ in NODES]
    shapes.append(
        Shape(
            "edge list with node list",
            "red.xlsx",
            xlsx({"Relaciones": edges, "Actores": nodes}),
            NAMES,
            format="edge_list",
            relations=RELATIONS,
            fields=sectors,
            new_terms=NETWORK_TERMS,
        )
    )
    return shapes


def corpus() -> list[Shape]:
    return [
        *no_name_header(),
        *two_row_headers(),
        *monthly_sheets(),
        *placeholders_and_footers(),
        *merges(),
        *registers(),
        *stakeholder_templates(),
        *more_shapes(),
        *network_files(),
    ]
