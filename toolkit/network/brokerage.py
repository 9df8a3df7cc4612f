"""Brokerage roles (Gould and Fernandez, 1989) on the directed tie graph, with groups.

A broker *b* sits on a two-step path *a → b → c* where *a* has no tie of its own to *c* (and
*a* is not *c*). Which role it plays depends on the groups of the three (sector or scale):

* **coordinator**: all three in the same group (*b* brokers within its own group);
* **consultant** (itinerant): *a* and *c* in one group, *b* in another (an outsider brokers
  within a group);
* **representative**: *a* and *b* in the same group, *c* in another (*b* speaks for its group
  to the outside);
* **gatekeeper**: *b* and *c* in the same group, *a* in another (*b* decides what enters its
  group);
* **liaison**: all three in different groups.

An undirected relation counts as a tie both ways. Actors without a group are left out of the
paths (their group is unknown, no role can be named).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping

from toolkit.domain import Relation

ROLES = ("coordinator", "consultant", "representative", "gatekeeper", "liaison")


def role(a: object, b: object, c: object) -> str:
    """The role of *b* on the path a → b → c, from the three groups.

    >>> role("x", "x", "x"), role("x", "y", "x"), role("x", "x", "y"), role("x", "y", "y"), role("x", "y", "z")
    ('coordinator', 'consultant', 'representative', 'gatekeeper', 'liaison')
    """
    if a == b == c:
        return "coordinator"
    if a == c:
        return "consultant"
    if a == b:
        return "representative"
    if b == c:
        return "gatekeeper"
    return "liaison"


def brokerage(groups: Mapping[int, object], ties: Iterable[tuple[int, int]]) -> dict[int, dict[str, int]]:
    """How many times each actor brokers in each role; every actor of ``groups`` gets a row.

    ``groups`` maps an actor's id to its group (None: unknown); ``ties`` are directed pairs
    (source, target).

    >>> brokerage({1: "a", 2: "b", 3: "b"}, [(1, 2), (2, 3)])[2]
    {'coordinator': 0, 'consultant': 0, 'representative': 0, 'gatekeeper': 1, 'liaison': 0}
    """
    known = {actor for actor, group in groups.items() if group is not None}
    out: dict[int, set[int]] = {actor: set() for actor in known}
    for source, target in ties:
        if source in known and target in known and source != target:
            out[source].add(target)
    counts = {actor: dict.fromkeys(ROLES, 0) for actor in groups}
    for a in sorted(known):
        for b in out[a]:
            for c in out[b]:
                if c != a and c not in out[a]:
                    counts[b][role(groups[a], groups[b], groups[c])] += 1
    return counts


def directed_ties(relations: Iterable[Relation]) -> list[tuple[int, int]]:
    """The map's relations as directed pairs: an undirected relation goes both ways.

    >>> directed_ties([Relation(1, 2), Relation(2, 3, directed=True)])
    [(1, 2), (2, 1), (2, 3)]
    """
    pairs = []
    for relation in relations:
        pairs.append((relation.source, relation.target))
        if not relation.directed:
            pairs.append((relation.target, relation.source))
    return pairs


def only_bridges(
    groups: Mapping[int, object], ties: Iterable[tuple[int, int]]
) -> list[tuple[object, object, list[int]]]:
    """Pairs of groups joined by one broker only: (a group, another group, [the broker]), for each
    pair of different groups that no direct tie joins (either way) and that two-step paths join
    (either way) through exactly one actor of a third group (a liaison). Each pair once, its
    groups in sorted order.

    >>> g = {1: "academia", 2: "ngo", 3: "private"}
    >>> only_bridges(g, [(1, 2), (2, 3)])
    [('academia', 'private', [2])]
    >>> only_bridges(g, directed_ties([Relation(1, 2), Relation(2, 3)]))
    [('academia', 'private', [2])]
    """
    tie_list = [(s, t) for s, t in ties if s != t and groups.get(s) is not None and groups.get(t) is not None]
    direct = {frozenset(pair) for pair in {(groups[s], groups[t]) for s, t in tie_list}}
    # only pairs of groups with no direct tie can have an only bridge; a broker joins such a pair
    # when its ties come from one and go to the other (its own group is neither): a pass over the
    # brokers for those pairs, not over every two-step path (20,000 actors in a blink)
    named = sorted({groups[s] for pair in tie_list for s in pair}, key=str)
    open_pairs = {frozenset((x, y)) for i, x in enumerate(named) for y in named[i + 1 :]} - direct
    sources: dict[int, set] = {}
    targets: dict[int, set] = {}
    for s, t in tie_list if open_pairs else ():
        targets.setdefault(s, set()).add(groups[t])
        sources.setdefault(t, set()).add(groups[s])
    through: dict[frozenset, set[int]] = {}
    for b in sorted(sources.keys() & targets.keys()):
        own = groups[b]
        came, went = sources[b] - {own}, targets[b] - {own}
        if not came or not went or (came == went and len(came) == 1):
            continue  # ties within its own group, or to one other group only: it joins no pair
        for pair in open_pairs:
            first, second = tuple(pair)
            if (first in came and second in went) or (second in came and first in went):
                through.setdefault(pair, set()).add(b)
        open_pairs -= {pair for pair, brokers in through.items() if len(brokers) > 1}  # not the only one
    found = [
        (*sorted(pair, key=str), sorted(brokers))
        for pair, brokers in through.items()
        if len(brokers) == 1 and pair not in direct
    ]
    return sorted(found, key=lambda item: (str(item[0]), str(item[1])))


def role_text(counts: Mapping[str, int], label: Callable[[str], str]) -> str:
    """An actor's roles for a table cell, the one it plays most first, each with how many times
    (empty when it brokers nothing).

    >>> role_text({"coordinator": 0, "liaison": 12, "gatekeeper": 3}, str.title)
    'Liaison 12 · Gatekeeper 3'
    """
    played = sorted(((role, n) for role, n in counts.items() if n), key=lambda item: (-item[1], ROLES.index(item[0])))
    return " · ".join(f"{label(role)} {n}" for role, n in played)


def role_texts(
    groups: Mapping[int, object], relations: Iterable[Relation], label: Callable[[str], str]
) -> dict[int, str]:
    """Each actor's brokerage roles as text (:func:`role_text`), with ``groups`` (its sector or
    scale) as the groups.

    >>> role_texts({1: "a", 2: "b", 3: "c"}, [Relation(1, 2), Relation(2, 3)], str)[2]
    'liaison 2'
    """
    return {actor: role_text(counts, label) for actor, counts in brokerage(groups, directed_ties(relations)).items()}
