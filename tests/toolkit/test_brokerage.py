"""Gould-Fernandez brokerage roles on small named graphs, counted by hand."""

from toolkit.domain import Relation
from toolkit.network.brokerage import brokerage, directed_ties, only_bridges

# Medellín in miniature: two universities, an NGO, a chamber of commerce and a firm
GROUPS = {1: "academia", 2: "academia", 3: "ngo", 4: "private", 5: "private"}


def test_each_role_on_its_own_path():
    # 1 → 2 → ? : the two-step paths through each broker, none short-cut by a direct tie
    assert brokerage(GROUPS, [(1, 2), (2, 1)])[2]["coordinator"] == 0  # going back to 1 is no path
    within = brokerage({1: "a", 2: "a", 3: "a"}, [(1, 2), (2, 3)])
    assert within[2]["coordinator"] == 1
    consultant = brokerage({1: "a", 2: "b", 3: "a"}, [(1, 2), (2, 3)])
    assert consultant[2]["consultant"] == 1
    representative = brokerage({1: "a", 2: "a", 3: "b"}, [(1, 2), (2, 3)])
    assert representative[2]["representative"] == 1
    gatekeeper = brokerage({1: "a", 2: "b", 3: "b"}, [(1, 2), (2, 3)])
    assert gatekeeper[2]["gatekeeper"] == 1
    liaison = brokerage({1: "a", 2: "b", 3: "c"}, [(1, 2), (2, 3)])
    assert liaison[2]["liaison"] == 1


def test_a_direct_tie_means_no_brokerage():
    counts = brokerage({1: "a", 2: "b", 3: "c"}, [(1, 2), (2, 3), (1, 3)])
    assert sum(counts[2].values()) == 0


def test_a_small_map_counted_by_hand():
    """Relations (undirected, so both ways): 1-2, 2-3, 3-4, 4-5. Paths a→b→c with no a-c tie:
    through 2: 1→2→3 (academia, academia, ngo: representative), 3→2→1 (ngo, academia, academia:
    gatekeeper); through 3: 2→3→4 and 4→3→2 (three groups: liaison twice); through 4: 3→4→5
    (ngo, private, private: gatekeeper), 5→4→3 (private, private, ngo: representative)."""
    ties = directed_ties([Relation(1, 2), Relation(2, 3), Relation(3, 4), Relation(4, 5)])
    counts = brokerage(GROUPS, ties)
    assert counts[2] == {"coordinator": 0, "consultant": 0, "representative": 1, "gatekeeper": 1, "liaison": 0}
    assert counts[3] == {"coordinator": 0, "consultant": 0, "representative": 0, "gatekeeper": 0, "liaison": 2}
    assert counts[4] == {"coordinator": 0, "consultant": 0, "representative": 1, "gatekeeper": 1, "liaison": 0}
    assert sum(counts[1].values()) == sum(counts[5].values()) == 0
    assert only_bridges(GROUPS, ties) == [("academia", "private", [3])]


def test_an_actor_without_sector_is_left_out():
    counts = brokerage({1: "a", 2: None, 3: "b"}, [(1, 2), (2, 3)])
    assert sum(counts[2].values()) == 0 and set(counts) == {1, 2, 3}


def test_two_brokers_are_no_only_bridge():
    groups = {1: "academia", 2: "ngo", 3: "ngo", 4: "private"}
    ties = directed_ties([Relation(1, 2), Relation(2, 4), Relation(1, 3), Relation(3, 4)])
    assert only_bridges(groups, ties) == []
