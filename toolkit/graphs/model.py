"""What every network file becomes: nodes and edges with their attributes, then two tables.

The tables are the sheets the import wizard shows and maps like any spreadsheet's (one of
nodes, one of edges, named "<format>: nodes" and "<format>: edges"), so a GEXF, a GraphML or a
Kumu JSON is checked, previewed and stored by the same code as a workbook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

FORMAT_TITLES = {"gexf": "GEXF", "graphml": "GraphML", "kumu_json": "Kumu JSON"}
_SHEET_FORMATS = {title.casefold(): key for key, title in FORMAT_TITLES.items()}

# what drawing tools compute or draw, not what the file says about an actor or a relation
DRAWN = frozenset(
    {
        "x",
        "y",
        "z",
        "r",
        "g",
        "b",
        "size",
        "color",
        "colour",
        "shape",
        "width",
        "height",
        "degree",
        "indegree",
        "outdegree",
        "in_degree",
        "out_degree",
        "weighted degree",
        "weighted_degree",
        "betweenness",
        "betweenness centrality",
        "betweennesscentrality",
        "closeness",
        "closeness centrality",
        "closnesscentrality",
        "eigenvector",
        "eigenvector centrality",
        "eigencentrality",
        "pagerank",
        "clustering",
        "community",
        "modularity_class",
        "modularity class",
        "component",
        "componentnumber",
        "networkx_key",
        "nodegraphics",
        "edgegraphics",
        "resources",
        "image",
    }
)


class Limits(Protocol):
    """The ceilings a network file is read under (``toolkit.spreadsheets.reading.ReadLimits``)."""

    max_bytes: int
    max_cells: int
    max_columns: int


class GraphRefused(Exception):
    """The file cannot be read; ``reason`` is one of the spreadsheet reader's reasons."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details


@dataclass
class Node:
    id: str
    label: str = ""
    attributes: dict[str, object] = field(default_factory=dict)


@dataclass
class Edge:
    source: str  # a node id
    target: str
    directed: bool | None = None  # None: the file does not say
    attributes: dict[str, object] = field(default_factory=dict)


@dataclass
class Graph:
    format: str  # gexf, graphml, kumu_json
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    directed: bool = False  # the file's default for its edges


class Counter:
    """Counts what a reader builds and refuses a file past the spreadsheet limits."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.cells = 0
        self.columns: set[tuple[str, str]] = set()

    def add(self, cells: int = 1) -> None:
        self.cells += cells
        if self.cells > self.limits.max_cells:
            raise GraphRefused("too_large", cells=self.cells, max_cells=self.limits.max_cells)

    def column(self, kind: str, name: str) -> None:
        self.columns.add((kind, name))
        count = sum(1 for k, _ in self.columns if k == kind)
        if count > self.limits.max_columns:
            raise GraphRefused("too_many_columns", columns=count, max_columns=self.limits.max_columns)


def sheet_format(sheet_name: str) -> str | None:
    """The format a sheet made by :func:`sheets` comes from ("GEXF: nodes" -> "gexf"), else None.

    >>> sheet_format("GraphML: edges"), sheet_format("Hoja1")
    ('graphml', None)
    """
    prefix, colon, _ = sheet_name.partition(":")
    return _SHEET_FORMATS.get(prefix.strip().casefold()) if colon else None


# how this app's own export writes a value it does not have (Gephi needs every attribute filled)
UNSET = {"influence": ("0",), "interest": ("0",), "stance": ("unknown",)}


def _value(name: str, value: object) -> object:
    value = _text(value)
    return None if str(value) in UNSET.get(name.strip().casefold(), ()) else value


def _directed(graph: Graph, edge: Edge) -> bool:
    """The edge's own word (its ``directed`` attribute, then its type), else the graph's default."""
    said = str(edge.attributes.get("directed", "")).strip().casefold()
    if said in ("true", "false", "1", "0"):
        return said in ("true", "1")
    return graph.directed if edge.directed is None else edge.directed


def _kept(name: str) -> bool:
    return bool(name.strip()) and name.strip().casefold() not in DRAWN


def _text(value: object) -> object:
    if isinstance(value, str):
        return value.strip() or None
    return value


def sheets(graph: Graph) -> list[tuple[str, list[list[object]]]]:
    """The graph as a sheet of nodes (label first) and a sheet of edges (source and target by label)."""
    title = FORMAT_TITLES[graph.format]
    names = {node.id: node.label or node.id for node in graph.nodes}
    node_columns = list(dict.fromkeys(k for node in graph.nodes for k in node.attributes if _kept(k)))
    node_rows: list[list[object]] = [["label", *node_columns]]
    for node in graph.nodes:
        node_rows.append([names[node.id], *(_value(k, node.attributes.get(k)) for k in node_columns)])
    edge_columns = list(dict.fromkeys(k for edge in graph.edges for k in edge.attributes if _kept(k)))
    edge_columns = [k for k in edge_columns if k.casefold() not in ("source", "target", "directed")]
    described = any(k.casefold() == "description" for k in edge_columns)  # else an edge's label describes it
    titles = ["description" if k == "label" and not described else k for k in edge_columns]
    edge_rows: list[list[object]] = [["source", "target", "directed", *titles]]
    for edge in graph.edges:
        edge_rows.append(
            [
                names.get(edge.source, edge.source),
                names.get(edge.target, edge.target),
                "yes" if _directed(graph, edge) else "no",
                *(_text(edge.attributes.get(k)) for k in edge_columns),
            ]
        )
    result = [(f"{title}: nodes", node_rows)]
    if graph.edges:
        result.append((f"{title}: edges", edge_rows))
    return result
