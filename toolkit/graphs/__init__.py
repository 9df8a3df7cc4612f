"""Other tools' network files in: GEXF (Gephi), GraphML (yEd, networkx, Gephi) and Kumu's JSON,
read safely under the spreadsheet limits and turned into a sheet of nodes and one of edges.

NodeXL workbooks and edge lists are spreadsheets: :mod:`toolkit.spreadsheets.mapping` recognises
them by their sheets and headers (with :data:`NODEXL_DRAWN`).
"""

from __future__ import annotations

from pathlib import PureWindowsPath

from toolkit.graphs.gexf import read_gexf
from toolkit.graphs.graphml import read_graphml
from toolkit.graphs.kumu import read_kumu
from toolkit.graphs.model import Counter, Graph, GraphRefused, Limits, sheet_format, sheets

__all__ = ["GRAPH_EXTENSIONS", "NODEXL_DRAWN", "Graph", "GraphRefused", "read_graph", "sheet_format", "sheets"]

GRAPH_EXTENSIONS = {".gexf": "gexf", ".graphml": "graphml", ".json": "kumu_json"}

# NodeXL's columns for drawing and its computed metrics: not what the file says about an actor
NODEXL_DRAWN = frozenset(
    {
        "color",
        "width",
        "style",
        "opacity",
        "visibility",
        "label",
        "label text color",
        "label font size",
        "reciprocated?",
        "reciprocated",
        "id",
        "dynamic filter",
        "add your own columns here",
        "shape",
        "size",
        "image file",
        "label fill color",
        "label position",
        "tooltip",
        "layout order",
        "x",
        "y",
        "locked?",
        "locked",
        "polar r",
        "polar angle",
        "degree",
        "in-degree",
        "out-degree",
        "betweenness centrality",
        "closeness centrality",
        "eigenvector centrality",
        "pagerank",
        "clustering coefficient",
        "reciprocated vertex pair ratio",
        "vertex 1 group",
        "vertex 2 group",
    }
)
NODEXL_SHEETS = {"edges": "relations", "vertices": "actors"}


def graph_format(filename: str, head: bytes) -> str | None:
    """The network format a file is, by its extension (then checked by its content), or None."""
    return GRAPH_EXTENSIONS.get(PureWindowsPath(filename).suffix.lower())


def read_graph(data: bytes, filename: str, limits: Limits) -> tuple[str, list[tuple[str, list[list[object]]]]]:
    """(format, sheets) of a network file; raises :class:`GraphRefused` saying why it cannot be read."""
    kind = graph_format(filename, data[:512])
    counter = Counter(limits)
    readers = {"gexf": read_gexf, "graphml": read_graphml, "kumu_json": read_kumu}
    if kind not in readers:
        raise GraphRefused("unsupported_extension", extension=PureWindowsPath(filename).suffix.lower())
    graph = readers[kind](bytes(data), counter)
    if not graph.nodes and not graph.edges:
        raise GraphRefused("no_sheets")
    return kind, sheets(graph)
