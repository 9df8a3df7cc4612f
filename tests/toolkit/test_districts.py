"""The territory's districts (issue 19): an uploaded GeoJSON is checked like any upload, and each
located actor falls in its district."""

import json

import pytest

from toolkit.districts import MAX_BYTES, MAX_VERTICES, DistrictsError, check_districts, district_of, name_properties
from toolkit.domain import Actor
from toolkit.store.engine import StoreError
from toolkit.store.places import districts_map, place_from_gazetteer, save_districts, set_place
from toolkit.store.register import add_actor, list_actors
from toolkit.store.workspaces import create_workspace

WEST = [[[-75.60, 6.20], [-75.57, 6.20], [-75.57, 6.30], [-75.60, 6.30], [-75.60, 6.20]]]
EAST = [[[-75.57, 6.20], [-75.54, 6.20], [-75.54, 6.30], [-75.57, 6.30], [-75.57, 6.20]]]


def feature(name, coordinates, kind="Polygon", **more):
    return {
        "type": "Feature",
        "properties": {"nombre": name, **more},
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def collection(*features) -> bytes:
    return json.dumps({"type": "FeatureCollection", "features": list(features)}).encode()


COMUNAS = collection(feature("Occidente", WEST, codigo=1), feature("Oriente", [EAST], "MultiPolygon", codigo=2))


def test_a_good_file_gives_its_districts_named_as_chosen():
    districts, used = check_districts(COMUNAS, "nombre")
    assert [d.name for d in districts] == ["Occidente", "Oriente"] and used == "nombre"
    assert check_districts(COMUNAS, "codigo")[0][1].name == "2"
    assert set(name_properties(json.loads(COMUNAS))) == {"nombre", "codigo"}


def test_points_fall_in_their_district():
    districts, _ = check_districts(COMUNAS, "nombre")
    assert district_of(6.25, -75.58, districts) == "Occidente"
    assert district_of(6.25, -75.55, districts) == "Oriente"
    assert district_of(6.10, -75.55, districts) is None  # south of the city: in no district
    assert district_of(None, -75.55, districts) is None


def deep(levels: int) -> bytes:
    return ("[" * levels + "]" * levels).encode()


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"x" * (MAX_BYTES + 1), "too_large"),
        (b"\xff\xfe not text", "not_json"),
        (b"{not json", "not_json"),
        (b'{"type": "FeatureCollection", "features": ' + deep(100_000) + b"}", "not_json"),
        (json.dumps({"type": "Feature"}).encode(), "not_collection"),
        (json.dumps([1, 2]).encode(), "not_collection"),
        (collection(), "no_features"),
        (collection(feature("A", [[-75.6, 6.2], [-75.5, 6.2]], "LineString")), "wrong_type"),
        (collection(feature("A", [-75.6, 6.2], "Point")), "wrong_type"),
        (collection(feature("A", [[[-75.6, 96.2], [-75.5, 6.2], [-75.5, 6.3], [-75.6, 96.2]]])), "out_of_range"),
        (collection(feature("A", [[[-275.6, 6.2], [-75.5, 6.2], [-75.5, 6.3], [-275.6, 6.2]]])), "out_of_range"),
        (collection(feature("A", [[["x", 6.2], [-75.5, 6.2], [-75.5, 6.3], ["x", 6.2]]])), "bad_shape"),
        (collection(feature("A", [[[[[-75.6, 6.2]]]]])), "bad_shape"),
        (collection(feature("A", WEST), feature("A", EAST)), "repeated_name"),
        (
            b'{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": null}]}',
            "no_names",
        ),
    ],
)
def test_hostile_files_are_refused_with_a_reason(data, key):
    with pytest.raises(DistrictsError) as refused:
        check_districts(data)
    assert refused.value.key == key


def test_too_many_vertices_is_refused():
    ring = [[-75.6 + i * 1e-6, 6.2] for i in range(MAX_VERTICES)] + [[-75.6, 6.3], [-75.6, 6.2]]
    with pytest.raises(DistrictsError) as refused:
        check_districts(collection(feature("A", [ring])))
    assert refused.value.key == "too_many_vertices"


def test_districts_kept_place_the_actors_and_a_hand_choice_stands(engine):
    workspace = create_workspace(engine, "Medellín", "Medellín", "Colombia").id
    inside = add_actor(
        engine, workspace, Actor("Junta del barrio", latitude=6.25, longitude=-75.58, place_source="hand")
    )
    outside = add_actor(engine, workspace, Actor("Periódico", latitude=6.10, longitude=-75.58, place_source="hand"))
    unplaced = add_actor(engine, workspace, Actor("Colectivo"))
    kept, changed = save_districts(engine, workspace, COMUNAS, "comunas.geojson", "nombre")
    assert kept.names == ["Occidente", "Oriente"] and changed == 1
    assert districts_map(engine, workspace).names == ["Occidente", "Oriente"]
    set_place(engine, workspace, unplaced, None, None, district="Oriente")  # chosen by hand, no coordinates
    set_place(engine, workspace, outside, 6.26, -75.55)  # moved by hand: its district follows
    districts = {a.id: a.district for a in list_actors(engine, workspace)}
    assert districts == {inside: "Occidente", outside: "Oriente", unplaced: "Oriente"}
    with pytest.raises(StoreError):
        set_place(engine, workspace, unplaced, None, None, district="Atlántida")
    with pytest.raises(StoreError):
        set_place(engine, workspace, unplaced, 95.0, 10.0)
    with pytest.raises(StoreError):  # a refused file leaves the kept one as it was
        save_districts(engine, workspace, b"{}", "otro.geojson")
    assert districts_map(engine, workspace).file_name == "comunas.geojson"


def test_the_gazetteer_places_what_it_is_sure_of_and_lists_the_rest(engine):
    workspace = create_workspace(engine, "Medellín", "Medellín", "Colombia").id
    sure = add_actor(engine, workspace, Actor("Ayuntamiento", city="Bilbao", country="España"))
    unsure = add_actor(engine, workspace, Actor("Red", city="Barcelona"))
    unknown = add_actor(engine, workspace, Actor("Fundación", city="Macondo", country="Colombia"))
    result = place_from_gazetteer(engine, workspace)
    assert result.placed == 1
    assert set(result.placing.ambiguous) == {unsure} and result.placing.not_found == {unknown: "Macondo"}
    placed = {a.id: a for a in list_actors(engine, workspace)}
    assert placed[sure].place_source == "gazetteer" and round(placed[sure].latitude) == 43
    assert placed[unsure].latitude is None  # not guessed
