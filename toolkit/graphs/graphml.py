"""GraphML (yEd, networkx, Gephi): keys declare the data of nodes and edges by name; yEd's
drawing keys (nodegraphics, edgegraphics) are skipped and a yEd node's label is read from them."""

from __future__ import annotations

from toolkit.graphs.model import Counter, Edge, Graph, GraphRefused, Node
from toolkit.graphs.safe_xml import elements, local

LABELS = ("label", "name", "nombre", "nome", "nom")


def read_graphml(data: bytes, counter: Counter) -> Graph:
    graph = Graph("graphml")
    keys: dict[str, tuple[str, str]] = {}  # key id -> (for, name)
    stack: list[Node | Edge] = []
    drawn: list[str] = []  # a yEd label met inside the drawing data of the node being read
    seen_root = False
    for event, element in elements(data, counter):
        name = local(element.tag)
        if not seen_root:
            if name != "graphml":
                raise GraphRefused("not_spreadsheet")
            seen_root = True
        if event == "start":
            if name == "graph" and not stack:
                graph.directed = element.get("edgedefault", "directed") == "directed"
            elif name == "node":
                stack.append(Node((element.get("id") or "").strip()))
                drawn.clear()
            elif name == "edge":
                edge = Edge((element.get("source") or "").strip(), (element.get("target") or "").strip())
                if element.get("directed") in ("true", "false"):
                    edge.directed = element.get("directed") == "true"
                stack.append(edge)
            continue
        if name == "key":
            key_name = element.get("attr.name") or element.get("yfiles.type") or element.get("id") or ""
            keys[element.get("id") or ""] = (element.get("for", "all"), key_name)
        elif name == "NodeLabel" and (element.text or "").strip():
            drawn.append(element.text.strip())
        elif name == "data" and stack:
            _data(stack[-1], keys, element, drawn, counter)
        elif name in ("node", "edge") and stack:
            item = stack.pop()
            if isinstance(item, Node):
                item.label = item.label or _label(item) or (drawn[0] if drawn else "")
                graph.nodes.append(item)
            else:
                graph.edges.append(item)
            element.clear()
    if not seen_root:
        raise GraphRefused("empty_file")
    return graph


def _data(owner: Node | Edge, keys: dict[str, tuple[str, str]], element, drawn: list[str], counter: Counter) -> None:
    kind = "node" if isinstance(owner, Node) else "edge"
    _, name = keys.get(element.get("key") or "", ("all", element.get("key") or ""))
    if len(element):  # structured data (yEd's drawing): not an attribute
        return
    counter.column(kind, name)
    owner.attributes[name] = element.text or ""


def _label(node: Node) -> str:
    for name in list(node.attributes):
        if name.strip().casefold() in LABELS and str(node.attributes[name] or "").strip():
            return str(node.attributes.pop(name)).strip()
    return ""
