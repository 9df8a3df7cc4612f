"""The offline gazetteer (issue 19): names as public servants write them, nothing guessed."""

import pytest

from toolkit.places import country_code, country_name, find_city, parse_coordinate, parse_pair, place_all, region


@pytest.mark.parametrize(
    ("city", "country", "name", "code"),
    [
        ("Bogotá D.C.", "", "Bogotá", "CO"),
        ("BOGOTA DC", "Colombia", "Bogotá", "CO"),
        ("Santafé de Bogotá", "", "Bogotá", "CO"),
        ("Ciudad de México", "México", "Mexico City", "MX"),
        ("CDMX", "", "Mexico City", "MX"),
        ("Nueva York", "EE. UU.", "New York City", "US"),
        ("medellin", "colombia", "Medellín", "CO"),
        ("MEDELLÍN", "", "Medellín", "CO"),
        ("São Paulo", "Brasil", "São Paulo", "BR"),
        ("Sao Paulo", "Brazil", "São Paulo", "BR"),
        ("Londres", "Reino Unido", "London", "GB"),
        ("París", "Francia", "Paris", "FR"),
        ("Washington D. C.", "Estados Unidos", "Washington", "US"),
    ],
)
def test_a_city_is_found_however_it_is_written(city, country, name, code):
    match = find_city(city, country)
    assert match.status == "found"
    assert (match.place.name, match.place.country) == (name, code)


@pytest.mark.parametrize(
    ("city", "country", "code"),
    [
        ("Madrid", "España", "ES"),
        ("Madrid", "Colombia", "CO"),
        ("Barcelona", "Venezuela", "VE"),
        ("Córdoba", "AR", "AR"),
    ],
)
def test_the_actors_country_settles_a_name_several_places_share(city, country, code):
    assert find_city(city, country).place.country == code


def test_a_name_several_places_share_is_listed_not_guessed():
    match = find_city("Barcelona")
    assert match.status == "ambiguous" and match.place is None
    assert {place.country for place in match.candidates} >= {"ES", "VE"}
    assert match.candidates[0].population >= match.candidates[-1].population  # the largest first
    # several in the same country: still the person's choice
    assert find_city("Washington", "Estados Unidos").status == "ambiguous"


def test_places_not_found_are_listed():
    placing = place_all([(1, "Macondo", "Colombia"), (2, "Medellín", "Colombia"), (3, "", "Francia")])
    assert placing.not_found == {1: "Macondo"}
    assert placing.found[2].name == "Medellín"
    assert placing.no_city == [3]
    assert find_city("Paris", "Colombia").status == "not_found"  # no Paris in Colombia: not France's


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Alemania", "DE"),
        ("Germany", "DE"),
        ("Alemanha", "DE"),
        ("Allemagne", "DE"),
        ("estados unidos", "US"),
        ("États-Unis", "US"),
        ("Perú", "PE"),
        ("COL", "CO"),
        ("Holanda", "NL"),
    ],
)
def test_country_names_in_four_languages(name, code):
    assert country_code(name) == code


def test_country_names_said_in_the_readers_language():
    assert [country_name("ES", lang) for lang in ("es", "en", "pt", "fr")] == ["España", "Spain", "Espanha", "Espagne"]


@pytest.mark.parametrize(
    ("code", "wanted"),
    [("CO", "latin_america"), ("CU", "latin_america"), ("CA", "north_america"), ("FR", "europe"), ("MA", "africa")],
)
def test_regions(code, wanted):
    assert region(code) == wanted


def test_coordinates_as_people_type_them():
    assert parse_pair("6.25, -75.56") == (6.25, -75.56)
    assert parse_pair(" 6,2518 ; -75,5636 ") == (6.2518, -75.5636)
    assert parse_pair("Calle 44 # 52-165") is None
    assert parse_coordinate("-75,56", 180) == -75.56
    assert parse_coordinate("120", 90) is None  # not a latitude
    assert parse_coordinate("nan", 90) is None
