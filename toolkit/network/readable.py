"""What a person can read on a large map: the actors that weigh most are drawn, the others counted.

A map of 20,000 actors drawn whole is a grey cloud that takes seconds to send and draw; the page
draws the :data:`FIRST_DRAWN` largest actors (their nodes' size, as the person chose it), says how
many are left out, and offers to draw more (:data:`STEPS`) or to narrow the map with its filters.
"""

from __future__ import annotations

from dataclasses import replace

from toolkit.network.view import MapView

FIRST_DRAWN = 1_500  # actors drawn at first: vis-network stays fluid and the largest can be named
STEPS = (FIRST_DRAWN, 5_000, 0)  # the choices of how many to draw; 0: every actor


def _fill(node: dict) -> str:
    colour = node["color"]
    return colour.get("background", "") if isinstance(colour, dict) else colour


def readable_view(view: MapView, limit: int = FIRST_DRAWN) -> tuple[MapView, int]:
    """The view with at most ``limit`` actors (0: all): the largest nodes (ties: the register's
    order), and always the actor searched for and the path's actors; the relations between those
    drawn; the legend's counts are of the actors drawn. Returns it and how many actors it leaves out.

    >>> nodes = [{"id": f"n{i}", "size": s, "color": "#0072B2"} for i, s in enumerate((10, 30, 20))]
    >>> edges = [{"from": "n0", "to": "n1"}, {"from": "n1", "to": "n2"}]
    >>> view = MapView(nodes, edges, [("Academia", "#0072B2")], [], {7: "n0", 8: "n1", 9: "n2"},
    ...                counts={"Academia": 3}, label_order=["n1", "n2", "n0"])
    >>> part, left_out = readable_view(view, limit=2)
    >>> [n["id"] for n in part.nodes], len(part.edges), left_out, part.counts, part.node_ids
    (['n1', 'n2'], 1, 1, {'Academia': 2}, {8: 'n1', 9: 'n2'})
    >>> readable_view(view, limit=0)[1]
    0
    """
    if not limit or len(view.nodes) <= limit:
        return view, 0
    ranked = sorted(view.nodes, key=lambda node: -node["size"])  # stable: ties keep the register's order
    drawn = {node["id"] for node in ranked[:limit]}
    drawn |= set(view.path) | {node["id"] for node in view.nodes if node.get("highlight")}
    nodes = [node for node in view.nodes if node["id"] in drawn]
    captions = {colour: caption for caption, colour in view.legend_nodes}
    counts: dict[str, int] = {}
    for node in nodes:
        caption = captions.get(_fill(node))
        if caption is None:  # a faded colour (a path shown): the counts stay those of every actor kept
            counts = view.counts
            break
        counts[caption] = counts.get(caption, 0) + 1
    part = replace(
        view,
        nodes=nodes,
        edges=[edge for edge in view.edges if edge["from"] in drawn and edge["to"] in drawn],
        legend_nodes=[entry for entry in view.legend_nodes if counts.get(entry[0])],
        node_ids={actor: node for actor, node in view.node_ids.items() if node in drawn},
        counts=counts,
        label_order=[node for node in view.label_order if node in drawn],
    )
    return part, len(view.nodes) - len(nodes)
