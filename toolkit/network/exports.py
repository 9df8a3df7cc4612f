"""Files of the map: standalone HTML, GEXF and GraphML for Gephi, metrics and quadrant workbooks."""

from __future__ import annotations

import io

import networkx as nx

from toolkit.domain import QUADRANTS, STANCE_KEYS, Actor, Relation, quadrant
from toolkit.network.analysis import NetworkMetrics
from toolkit.spreadsheets.writing import SheetSpec, text_cell, write_workbook

METRIC_COLUMNS = (
    "degree",
    "in_degree",
    "out_degree",
    "weighted_degree",
    "betweenness",
    "closeness",
    "eigenvector",
    "community",
    "broker",
    "cut_point",
    "hub",
    "peripheral",
    "isolated",
)


def custom_labels(terms: dict[str, list[tuple[str, str | None]]]) -> dict[str, str]:
    """The workspace's own terms (``custom_...`` keys) by key -> label: an export writes the label,
    which an import into another workspace reads back as the same term.

    >>> custom_labels({"sectors": [("academia", None), ("custom_inversionista", "Inversionista")]})
    {'custom_inversionista': 'Inversionista'}
    """
    return {key: label for listed in terms.values() for key, label in listed if label and key.startswith("custom_")}


def gephi_graph(
    actors: list[Actor], relations: list[Relation], metrics: NetworkMetrics, labels: dict[str, str] | None = None
) -> nx.MultiDiGraph:
    """The map as a graph whose attributes Gephi can read (no empty values; every text, vocabulary
    keys too, without the characters XML forbids, so the GEXF and GraphML always parse). A term of
    the workspace's own (``labels``: key -> label) is written as its label."""
    labels = labels or {}
    graph = nx.MultiDiGraph()
    for actor in actors:
        m = metrics.per_actor.get(actor.id)
        graph.add_node(
            str(actor.id),
            label=text_cell(actor.name),
            sector=text_cell(labels.get(actor.sector, actor.sector or "")),
            scale=text_cell(labels.get(actor.scale, actor.scale or "")),
            stance=STANCE_KEYS.get(actor.stance, "unknown"),
            influence=actor.influence or 0,
            interest=actor.interest or 0,
            themes=text_cell(" | ".join(actor.themes)),
            community=(m.community + 1) if m else 0,
            betweenness=round(m.betweenness, 6) if m else 0.0,
            degree=m.degree if m else 0,
        )
    for relation in relations:
        # relations over time: Gephi's timeline reads an edge's start and end (ISO dates: the GEXF
        # graph becomes mode="dynamic" timeformat="date"); an undated end is left open
        times = {
            name: day.isoformat()
            for name, day in (("start", relation.starts_on), ("end", relation.ends_on))
            if day is not None
        }
        graph.add_edge(
            str(relation.source),
            str(relation.target),
            key=str(relation.id),
            type=text_cell(labels.get(relation.type, relation.type or "")),
            weight=relation.strength,
            directed=bool(relation.directed),
            description=text_cell(relation.description or ""),
            **times,
        )
    return graph


def gexf(
    actors: list[Actor], relations: list[Relation], metrics: NetworkMetrics, labels: dict[str, str] | None = None
) -> bytes:
    buffer = io.BytesIO()
    nx.write_gexf(gephi_graph(actors, relations, metrics, labels), buffer)
    return buffer.getvalue()


def graphml(
    actors: list[Actor], relations: list[Relation], metrics: NetworkMetrics, labels: dict[str, str] | None = None
) -> bytes:
    buffer = io.BytesIO()
    nx.write_graphml(gephi_graph(actors, relations, metrics, labels), buffer)
    return buffer.getvalue()


def metrics_workbook(
    actors: list[Actor], metrics: NetworkMetrics, headers: dict[str, str], yes: str, sheet: str
) -> bytes:
    """One row per actor with its metrics; ``headers`` are the column titles in the user's language."""
    rows = []
    for actor in sorted(actors, key=lambda a: -metrics.per_actor[a.id].betweenness if a.id in metrics.per_actor else 0):
        m = metrics.per_actor.get(actor.id)
        if m is None:
            continue
        row: list[object] = [actor.name]
        for column in METRIC_COLUMNS:
            value = getattr(m, column)
            if isinstance(value, bool):
                value = yes if value else ""
            elif column == "community":
                value += 1
            elif isinstance(value, float):
                value = round(value, 4)
            row.append(value)
        rows.append(row)
    return write_workbook([SheetSpec(sheet, [headers["name"], *(headers[c] for c in METRIC_COLUMNS)], rows)])


def quadrant_workbook(actors: list[Actor], sheet_names: dict[str, str], headers: list[str], describe) -> bytes:
    """One sheet per power-interest quadrant with its actors; ``describe(actor)`` gives the row."""
    sheets = []
    for key in QUADRANTS:
        members = sorted(
            (a for a in actors if quadrant(a.influence, a.interest) == key), key=lambda a: a.name.casefold()
        )
        sheets.append(SheetSpec(sheet_names[key], headers, [describe(a) for a in members]))
    return write_workbook(sheets)
