"""Kumu's JSON (a project export or a hand-written blueprint): ``elements`` and ``connections``,
each with its fields either at the top or under ``attributes``; a connection's ``from`` and ``to``
name an element by its ``_id`` or its label."""

from __future__ import annotations

import json

from toolkit.graphs.model import Counter, Edge, Graph, GraphRefused, Node

DIRECTIONS = {"directed": True, "mutual": False, "undirected": False}
_HIDDEN = ("_id", "id", "attributes", "from", "to", "direction", "created", "updated", "ancestor")


def read_kumu(data: bytes, counter: Counter) -> Graph:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise GraphRefused("corrupt") from exc
    if not isinstance(document, dict) or not isinstance(document.get("elements"), list):
        raise GraphRefused("not_spreadsheet")
    connections = document.get("connections") or []
    if not isinstance(connections, list):
        raise GraphRefused("not_spreadsheet")
    graph = Graph("kumu_json")
    for item in document["elements"]:
        if isinstance(item, dict):
            fields = _fields(item, "node", counter)
            label = str(fields.pop("label", "") or "").strip()
            node_id = str(item.get("_id") or item.get("id") or label).strip()
            graph.nodes.append(Node(node_id, label, fields))
    for item in connections:
        if isinstance(item, dict):
            fields = _fields(item, "edge", counter)
            edge = Edge(_end(item.get("from")), _end(item.get("to")), attributes=fields)
            direction = str(item.get("direction") or fields.pop("direction", "") or "").strip().lower()
            edge.directed = DIRECTIONS.get(direction, True)  # Kumu draws a connection as directed by default
            graph.edges.append(edge)
    return graph


def _end(value: object) -> str:
    if isinstance(value, dict):  # {"_id": …} in some exports
        value = value.get("_id") or value.get("label")
    return str(value or "").strip()


def _fields(item: dict, kind: str, counter: Counter) -> dict[str, object]:
    """The item's own fields and its ``attributes``, as texts (lists joined with '|')."""
    nested = item.get("attributes") if isinstance(item.get("attributes"), dict) else {}
    fields: dict[str, object] = {}
    for key, value in [*item.items(), *nested.items()]:
        if key in _HIDDEN or value in (None, "", []):
            continue
        if isinstance(value, list):
            value = " | ".join(str(v) for v in value if not isinstance(v, (dict, list)))
        elif isinstance(value, dict):
            continue
        counter.add()
        counter.column(kind, str(key))
        fields[str(key)] = value if isinstance(value, (int, float, bool)) else str(value)
    return fields
