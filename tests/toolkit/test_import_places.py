"""Where actors are, read from a list (issue 19): latitude and longitude columns in the ways people
name them, both in one "coordinates" cell, a district and an address kept as text; the backup
carries them back."""

import pytest

from toolkit.backup import restore_backup, workspace_backup
from toolkit.importing import check_file
from toolkit.store.register import list_actors
from toolkit.store.sample import load_sample


def actors_of(make_xlsx, rows):
    preview = check_file(None, None, make_xlsx({"Actores": rows}), "lista.xlsx")
    return {p.actor.name: p.actor for p in preview.actors}, preview


@pytest.mark.parametrize(
    "headers",
    [
        ("Nombre", "Latitud", "Longitud"),
        ("Name", "lat", "lng"),
        ("Nome", "Latitude", "Longitude"),
        ("Nom", "lat", "lon"),
    ],
)
def test_coordinate_columns_are_recognised(make_xlsx, headers):
    actors, preview = actors_of(make_xlsx, [list(headers), ["Museo", "6,2518", "-75,5636"], ["Sin lugar", None, None]])
    assert (actors["Museo"].latitude, actors["Museo"].longitude, actors["Museo"].place_source) == (
        6.2518,
        -75.5636,
        "file",
    )
    assert actors["Sin lugar"].latitude is None and actors["Sin lugar"].place_source == ""
    assert not preview.errors and not preview.warnings


def test_one_coordinates_cell_a_district_and_an_address(make_xlsx):
    rows = [
        ["Organización", "Coordenadas", "Comuna", "Dirección"],
        ["Colectivo", "6.25, -75.56", "La Candelaria", "Calle 44 # 52-165"],
        ["Mesa", "en el parque", "San Javier", ""],
    ]
    actors, preview = actors_of(make_xlsx, rows)
    colectivo = actors["Colectivo"]
    assert (colectivo.latitude, colectivo.longitude) == (6.25, -75.56)
    assert (colectivo.district, colectivo.address) == ("La Candelaria", "Calle 44 # 52-165")
    assert actors["Mesa"].latitude is None and actors["Mesa"].district == "San Javier"
    assert [w.key for w in preview.warnings] == ["import.value.coordinate"]  # said, not guessed


def test_an_e_mail_address_column_stays_the_e_mail(make_xlsx):
    actors, _ = actors_of(make_xlsx, [["Nombre", "Email address"], ["Museo", "museo@example.org"]])
    assert actors["Museo"].email == "museo@example.org" and actors["Museo"].address == ""


def test_the_backup_carries_where_each_actor_is(engine):
    workspace = load_sample(engine)
    restored = restore_backup(engine, workspace_backup(engine, workspace), "copia.xlsx", new_workspace_name="Copia")
    assert restored.ok
    before = {a.name: (a.latitude, a.longitude, a.district, a.place_source) for a in list_actors(engine, workspace)}
    after = {
        a.name: (a.latitude, a.longitude, a.district, a.place_source)
        for a in list_actors(engine, restored.workspace_id)
    }
    assert after == before
