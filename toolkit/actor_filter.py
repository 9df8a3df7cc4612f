"""Which actors a filter keeps: the search words (name, acronym, city, country, themes, notes) and
the chosen sectors, scales, stances, quadrants and themes, and the data-quality list it was opened
from (``missing``: actors without a sector, a stance, consent for their contact data, or any
relation: Inicio's "Calidad de los datos"). One definition for the lists filtered in
memory (the map, consultations, audiences) and the register paged in the store
(:func:`toolkit.store.register.list_actors_page`); it never reads the store."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from toolkit.domain import Actor, quadrant
from toolkit.vocab import fold


@dataclass
class ActorFilter:
    query: str = ""
    sectors: tuple[str, ...] = ()
    scales: tuple[str, ...] = ()
    stances: tuple[int | None, ...] = ()
    quadrants: tuple[str | None, ...] = ()
    themes: tuple[str, ...] = ()
    missing: str | None = None  # one of MISSING: the actors a data-quality list names
    # salience classes (toolkit.salience.CLASSES; None: not assessed), of each actor's latest judgement
    salience: tuple[str | None, ...] = ()


# Inicio's data-quality lists, in the order it shows them (toolkit.actors.overview counts them)
MISSING = ("sector", "stance", "consent", "isolated")


def lacks(actor: Actor, missing: str | None, connected: frozenset[int] | set[int] = frozenset()) -> bool:
    """Whether an actor is on a data-quality list: no sector, no stance, contact data without consent
    recorded ("yes"), or no relation (``connected``: the ids of actors in any relation).

    >>> lacks(Actor("A"), "sector"), lacks(Actor("A", sector="academia"), "sector")
    (True, False)
    >>> lacks(Actor("A", email="a@b.co", consent="unknown"), "consent"), lacks(Actor("A"), "consent")
    (True, False)
    >>> lacks(Actor("A", id=1), "isolated", {1}), lacks(Actor("A", id=2), "isolated", {1})
    (False, True)
    """
    if missing == "sector":
        return not actor.sector
    if missing == "stance":
        return actor.stance is None
    if missing == "consent":
        return any((actor.contact_name, actor.email, actor.phone)) and actor.consent != "yes"
    if missing == "isolated":
        return actor.id not in connected
    return False


def search_words(query: str) -> list[str]:
    """The words a search looks for, folded (no case, accents or punctuation).

    >>> search_words("  Gobernación  de-ANTIOQUIA ")
    ['gobernacion', 'de', 'antioquia']
    """
    return fold(query).split()


def words_match(words: list[str], texts: Iterable[str]) -> bool:
    """Whether every search word is found in the texts (an actor's name, acronym, city...).

    >>> words_match(["eafit", "medellin"], ["Universidad EAFIT", "", "Medellín"])
    True
    >>> words_match(["eafit", "bogota"], ["Universidad EAFIT", "Medellín"])
    False
    """
    haystack = fold(" ".join(texts))
    return all(word in haystack for word in words)


def themes_match(wanted: set[str], themes: Iterable[str]) -> bool:
    """Whether an actor has one of the wanted themes (``wanted`` folded, see :func:`wanted_themes`)."""
    return bool(wanted & {fold(theme) for theme in themes})


def wanted_themes(wanted: ActorFilter) -> set[str]:
    return {fold(theme) for theme in wanted.themes}


def search_texts(actor: Actor) -> list[str]:
    """The texts the search words are looked for in."""
    return [actor.name, actor.acronym, actor.city, actor.country, *actor.themes, actor.notes]


def filter_actors(
    actors: list[Actor],
    wanted: ActorFilter,
    connected: frozenset[int] | set[int] = frozenset(),
    salience: Mapping[int, str | None] | None = None,
) -> list[Actor]:
    """Actors matching the search words (name, acronym, city, themes, notes) and every chosen filter
    (``connected``: the ids of actors in a relation, for ``missing="isolated"``; ``salience``: each
    judged actor's class, :func:`toolkit.salience.latest_classes`, for ``wanted.salience``).

    >>> a = [Actor("Universidad EAFIT", sector="academia", themes=["innovación"]), Actor("EPM")]
    >>> [x.name for x in filter_actors(a, ActorFilter(query="eafit"))]
    ['Universidad EAFIT']
    >>> [x.name for x in filter_actors(a, ActorFilter(themes=("innovacion",)))]
    ['Universidad EAFIT']
    >>> [x.name for x in filter_actors(a, ActorFilter(salience=(None,)), salience={1: "dominant"})]
    ['Universidad EAFIT', 'EPM']
    """
    words = search_words(wanted.query)
    themes = wanted_themes(wanted)
    found = []
    for actor in actors:
        if words and not words_match(words, search_texts(actor)):
            continue
        if wanted.sectors and actor.sector not in wanted.sectors:
            continue
        if wanted.scales and actor.scale not in wanted.scales:
            continue
        if wanted.stances and actor.stance not in wanted.stances:
            continue
        if wanted.quadrants and quadrant(actor.influence, actor.interest) not in wanted.quadrants:
            continue
        if themes and not themes_match(themes, actor.themes):
            continue
        if wanted.missing and not lacks(actor, wanted.missing, connected):
            continue
        if wanted.salience and (salience or {}).get(actor.id) not in wanted.salience:
            continue
        found.append(actor)
    return found
