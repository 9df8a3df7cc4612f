"""Brokerage roles on the map's metrics table and "the only bridge between two sectors" among the
map's findings (issue 20), on small named graphs checked by hand."""

from __future__ import annotations

from toolkit.domain import Actor, Relation
from toolkit.network.analysis import network_metrics
from toolkit.network.brokerage import role_texts
from toolkit.network.findings import findings
from toolkit.network.presentation import finding_text, map_labels, metric_rows

# academia and the private sector never meet but through the NGO (a liaison); the university
# reaches its own faculty through the rector (a coordinator)
ACTORS = [
    Actor("Universidad", id=1, sector="academia", scale="local"),
    Actor("Rectoría", id=2, sector="academia", scale="local"),
    Actor("Fundación Puente", id=3, sector="civil_society", scale="regional"),
    Actor("Cámara de Comercio", id=4, sector="private", scale="local"),
    Actor("Facultad", id=5, sector="academia", scale="local"),
]
RELATIONS = [Relation(1, 3), Relation(3, 4), Relation(1, 2), Relation(2, 5)]


def test_each_actor_has_its_roles_on_the_metrics_table():
    roles = role_texts({a.id: a.sector for a in ACTORS}, RELATIONS, str)
    # Fundación: Universidad→Fundación→Cámara and back: liaison twice
    assert roles[3] == "liaison 2"
    # Universidad: Fundación→Universidad→Rectoría lets an outsider into academia (gatekeeper), the
    # way back speaks for academia outside (representative)
    assert roles[1] == "representative 1 · gatekeeper 1"
    assert roles[2] == "coordinator 2"  # Universidad→Rectoría→Facultad and back, all academia
    assert roles[4] == "" and roles[5] == ""
    rows = metric_rows(ACTORS, network_metrics(ACTORS, RELATIONS), roles)
    assert {row["name"]: row["brokerage"] for row in rows}["Fundación Puente"] == "liaison 2"


def test_the_only_bridge_between_two_sectors_is_a_finding():
    notes = findings(ACTORS, RELATIONS, network_metrics(ACTORS, RELATIONS), [], [])
    bridges = [n for n in notes if n.key == "sector_bridge"]
    assert [(n.values["name"], n.values["groups"]) for n in bridges] == [
        ("Fundación Puente", [["academia", "private"]])
    ]
    words = map_labels({"sectors": [("academia", None), ("private", None)]})
    text = finding_text(bridges[0], words)
    assert text.startswith("Fundación Puente es el único puente entre los sectores «")
    assert words.sectors["academia"] in text and words.sectors["private"] in text


def test_a_direct_tie_or_a_second_bridge_is_no_finding():
    with_tie = [*RELATIONS, Relation(5, 4)]
    assert not [n for n in findings(ACTORS, with_tie, network_metrics(ACTORS, with_tie), [], []) if "bridge" in n.key]
    second = [*ACTORS, Actor("ONG", id=6, sector="ngo")]
    two_ways = [*RELATIONS, Relation(2, 6), Relation(6, 4)]
    notes = findings(second, two_ways, network_metrics(second, two_ways), [], [])
    assert not [n for n in notes if n.key == "sector_bridge" and ["academia", "private"] in n.values["groups"]]


def test_a_broker_of_many_pairs_is_named_once_with_how_many_more():
    hub = Actor("Agencia", id=1, sector="agency")
    others = [Actor(f"A{n}", id=n, sector=f"s{n}") for n in range(2, 7)]  # five sectors around one hub
    ties = [Relation(1, a.id) for a in others]
    notes = [
        n for n in findings([hub, *others], ties, network_metrics([hub, *others], ties), [], []) if "bridge" in n.key
    ]
    assert len(notes) == 1 and notes[0].values["more"] == 10 - 3  # five sectors: ten pairs, three named
    text = finding_text(notes[0], map_labels({}))
    assert text.startswith("Agencia es el único puente entre los sectores «s2» y «s3»; «s2» y «s4»; «s2» y «s5»")
    assert "\\(y 7 pares más\\)" in text  # markdown, parentheses escaped
