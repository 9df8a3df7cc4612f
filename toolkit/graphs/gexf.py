"""GEXF 1.1, 1.2 and 1.3 (Gephi): nodes with labels and attribute values, edges with source,
target, weight, label, type and attribute values; nested nodes are read as plain nodes."""

from __future__ import annotations

from toolkit.graphs.model import Counter, Edge, Graph, GraphRefused, Node
from toolkit.graphs.safe_xml import elements, local

DIRECTIONS = {"directed": True, "undirected": False, "mutual": False}


def read_gexf(data: bytes, counter: Counter) -> Graph:
    graph = Graph("gexf")
    titles: dict[tuple[str, str], str] = {}  # (class, attribute id) -> title
    attribute_class = "node"
    stack: list[Node | Edge] = []
    seen_root = False
    for event, element in elements(data, counter):
        name = local(element.tag)
        if not seen_root:
            if name != "gexf":
                raise GraphRefused("not_spreadsheet")
            seen_root = True
        if event == "start":
            if name == "graph":
                graph.directed = element.get("defaultedgetype", "undirected") == "directed"
            elif name == "attributes":
                attribute_class = element.get("class", "node").strip().lower()
            elif name == "node":
                stack.append(_node(element))
            elif name == "edge":
                stack.append(_edge(element))
            continue
        if name == "attribute":
            key = element.get("id") or element.get("title") or ""
            titles[(attribute_class, key)] = element.get("title") or key
        elif name == "attvalue" and stack:
            owner = stack[-1]
            kind = "node" if isinstance(owner, Node) else "edge"
            key = element.get("for") or element.get("id") or ""
            title = titles.get((kind, key), key)
            counter.column(kind, title)
            owner.attributes[title] = element.get("value")
        elif name in ("node", "edge") and stack:
            item = stack.pop()
            (graph.nodes if isinstance(item, Node) else graph.edges).append(item)
            element.clear()
    if not seen_root:
        raise GraphRefused("empty_file")
    return graph


def _node(element) -> Node:
    node_id = (element.get("id") or "").strip()
    return Node(node_id, (element.get("label") or "").strip())


def _edge(element) -> Edge:
    edge = Edge((element.get("source") or "").strip(), (element.get("target") or "").strip())
    kind = (element.get("type") or "").strip()
    if kind.lower() in DIRECTIONS:
        edge.directed = DIRECTIONS[kind.lower()]
    elif kind:  # this app's export (through networkx) writes the relation's type here
        edge.attributes["type"] = kind
    if element.get("kind") and "type" not in edge.attributes:
        edge.attributes["type"] = element.get("kind")
    for attribute in ("weight", "label"):
        if element.get(attribute) not in (None, ""):
            edge.attributes[attribute] = element.get(attribute)
    return edge
