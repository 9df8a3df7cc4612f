"""Choosing a few actors out of a long register by typing part of a name (issue 17): the first
matches a person can read, and how many match in all, so a page says what it leaves out."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping

from toolkit.vocab import fold


def search_key(name: str, acronym: str = "") -> str:
    """What a search runs over: the name and acronym, lower-case and without accents.

    >>> search_key("Alcaldía de Medellín", "AMED")
    'alcaldia de medellin amed'
    """
    return fold(f"{name} {acronym}")


def name_matches(
    keys: Mapping[int, str],
    order: Iterable[int],
    query: str,
    *,
    limit: int,
    among: Collection[int] | None = None,  # a set: asked for each id
    leave_out: Collection[int] = (),
) -> tuple[list[int], int]:
    """The first ``limit`` ids in ``order`` whose search key holds every word of ``query`` (case and
    accents ignored), taken from ``among`` (every id when None) less ``leave_out``; and how many match.

    >>> names = {1: ("Alcaldía de Medellín", ""), 2: ("EAFIT", ""), 3: ("Universidad de Antioquia", "UdeA")}
    >>> keys = {actor_id: search_key(*name) for actor_id, name in names.items()}
    >>> name_matches(keys, [1, 2, 3], "MEDELLÍN", limit=5)
    ([1], 1)
    >>> name_matches(keys, [1, 2, 3], "de", limit=1)
    ([1], 2)
    >>> name_matches(keys, [1, 2, 3], "", limit=5, leave_out={1})
    ([2, 3], 2)
    >>> name_matches(keys, [1, 2, 3], "udea", limit=5, among={2, 3})
    ([3], 1)
    """
    words = fold(query).split()
    if not words:  # the first of the pool by order, counted without walking the whole register
        pool = keys.keys() if among is None else among
        found = []
        for actor_id in order:
            if len(found) == limit:
                break
            if actor_id in pool and actor_id not in leave_out:
                found.append(actor_id)
        return found, len(pool) - sum(1 for actor_id in leave_out if actor_id in pool)
    found, total = [], 0
    for actor_id in order:
        if (among is not None and actor_id not in among) or actor_id in leave_out:
            continue
        key = keys.get(actor_id, "")
        if all(word in key for word in words):
            total += 1
            if len(found) < limit:
                found.append(actor_id)
    return found, total
