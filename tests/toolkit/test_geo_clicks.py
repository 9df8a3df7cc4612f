"""Placing an actor with a click on the map (issue 19): the invisible grid over the area shown, the
place a click picks (rounded to what the grid can tell, the world's far east wrapped), the zoom that
refines it, the district under each grid point, and the save that respects a colleague's edit."""

import json

import pytest

from toolkit.districts import District, district_of
from toolkit.domain import Actor
from toolkit.geo import REGION_FRAMES, GeoView, world_figure
from toolkit.geo_clicks import (
    GRID_COLUMNS,
    click_grid,
    clicked_place,
    districts_at,
    districts_frame,
    grid_step,
    placing_figure,
    zoomed,
)
from toolkit.store.engine import StoreError
from toolkit.store.places import save_districts, set_place
from toolkit.store.register import add_actor, list_actors
from toolkit.store.workspaces import create_workspace

WEST = (((-75.60, 6.20), (-75.57, 6.20), (-75.57, 6.30), (-75.60, 6.30), (-75.60, 6.20)),)
EAST = (((-75.57, 6.20), (-75.54, 6.20), (-75.54, 6.30), (-75.57, 6.30), (-75.57, 6.20)),)
COMUNAS = [District("Occidente", (WEST,)), District("Oriente", (EAST,))]


@pytest.mark.parametrize("frame", [REGION_FRAMES["world"], REGION_FRAMES["europe"], districts_frame(COMUNAS)])
def test_the_grid_covers_the_frame_with_square_cells_close_enough_to_click(frame):
    xs, ys = click_grid(frame)
    west, east, south, north = frame
    step = grid_step(frame)
    assert min(xs) == pytest.approx(west) and max(xs) == pytest.approx(east)
    assert min(ys) == pytest.approx(south) and abs(max(ys) - north) <= step / 2 + 1e-9
    assert len(set(xs)) == GRID_COLUMNS + 1 and len(xs) < 4_000  # light enough for the browser
    # on a 900 px wide map, a click is never more than half a cell (under plotly's 30 px reach) from a point
    assert 900 / GRID_COLUMNS / 2 * 2**0.5 < 30


@pytest.mark.parametrize(
    "points, frame, place",
    [
        ([{"x": -75.581234, "y": 6.251234}], districts_frame(COMUNAS), (6.25123, -75.58123)),  # metres, not more
        ([{"x": 2.35, "y": 48.86}], REGION_FRAMES["world"], (48.86, 2.35)),
        ([{"x": 185.0, "y": -41.0}], REGION_FRAMES["world"], (-41.0, -175.0)),  # past 180: wrapped
        ([{"x": None, "y": 1}, {"x": 10, "y": 20}], REGION_FRAMES["world"], (20.0, 10.0)),  # first usable
        ([{"x": 10, "y": 95}], REGION_FRAMES["world"], None),  # no such latitude
        ([], REGION_FRAMES["world"], None),
    ],
)
def test_a_click_gives_the_place_of_the_point_it_selected(points, frame, place):
    assert clicked_place(points, frame) == place


def test_zooming_in_refines_the_grid_around_the_place_and_stays_in_the_world():
    frame = districts_frame(COMUNAS)
    closer = zoomed(frame, 6.25, -75.58)
    assert closer[0] < -75.58 < closer[1] and closer[2] < 6.25 < closer[3]
    assert grid_step(closer) == pytest.approx(grid_step(frame) / 5)
    edge = zoomed(REGION_FRAMES["world"], 85.0, 179.0)
    assert edge[1] <= 180 and edge[3] <= 90  # a frame at the world's corner is moved in, not cut
    tiny = zoomed(zoomed(zoomed(zoomed(frame, 6.25, -75.58), 6.25, -75.58), 6.25, -75.58), 6.25, -75.58)
    assert tiny[1] - tiny[0] >= 0.0005 - 1e-12  # never narrower than about 50 m


def test_every_grid_point_knows_its_district_as_the_store_would_assign_it():
    xs, ys = click_grid(districts_frame(COMUNAS))
    words = districts_at(xs, ys, COMUNAS)
    assert {"Occidente", "Oriente", ""} == set(words)
    for x, y, word in list(zip(xs, ys, words, strict=True))[::97]:
        assert word == (district_of(y, x, COMUNAS) or "")


def test_the_map_to_click_holds_still_and_shows_the_place_chosen():
    base = world_figure(GeoView([], [], 0), "europe")
    figure = placing_figure(
        base, REGION_FRAMES["europe"], ["x"] * len(click_grid(REGION_FRAMES["europe"])[0]), (48.86, 2.35), 500
    )
    spec = json.loads(figure.to_json())
    grid, chosen = spec["data"][-2:]
    assert grid["marker"]["opacity"] == 0 and len(grid["x"]) == len(grid["hovertext"])
    assert chosen["x"] == [2.35] and chosen["y"] == [48.86]
    assert spec["layout"]["dragmode"] is False and spec["layout"]["xaxis"]["fixedrange"] is True
    assert all(trace.get("hoverinfo") == "skip" for trace in spec["data"] if trace.get("fill") == "toself")


def test_a_place_saved_from_what_the_person_saw_refuses_a_colleagues_newer_edit(engine):
    workspace = create_workspace(engine, "Medellín", "Medellín", "Colombia").id
    save_districts(
        engine,
        workspace,
        json.dumps(
            {
                "type": "FeatureCollection",
                "features": [
                    {
                        "type": "Feature",
                        "properties": {"nombre": d.name},
                        "geometry": {"type": "Polygon", "coordinates": [list(map(list, d.polygons[0][0]))]},
                    }
                    for d in COMUNAS
                ],
            }
        ).encode(),
        "comunas.geojson",
        "nombre",
    )
    actor_id = add_actor(engine, workspace, Actor("Junta del barrio"))
    seen = next(a for a in list_actors(engine, workspace) if a.id == actor_id)
    set_place(engine, workspace, actor_id, 6.25, -75.55, None, "hand", version=seen.version)
    placed = next(a for a in list_actors(engine, workspace) if a.id == actor_id)
    assert (placed.district, placed.place_source, placed.version) == ("Oriente", "hand", seen.version + 1)
    with pytest.raises(StoreError) as refused:  # clicked on a page drawn before that save
        set_place(engine, workspace, actor_id, 6.25, -75.59, None, "hand", version=seen.version)
    assert refused.value.reason == "conflict" and "Junta del barrio" in str(refused.value.details)
    kept = next(a for a in list_actors(engine, workspace) if a.id == actor_id)
    assert (kept.longitude, kept.district) == (-75.55, "Oriente")  # nothing written
    set_place(engine, workspace, actor_id, 6.25, -75.59, "Oriente", "hand", version=kept.version)  # chosen by hand
    assert next(a for a in list_actors(engine, workspace) if a.id == actor_id).district == "Oriente"
