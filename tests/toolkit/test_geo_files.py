"""The geographic map's files on the Medellín sample (issue 19): the located actors as GeoJSON
without personal data, the world as an offline page and as a picture for a slide."""

import io
import json
import re

from PIL import Image

from toolkit.domain import PERSONAL_COLUMNS, Actor
from toolkit.geo import located_geojson, world_view
from toolkit.geo_files import workspace_geo, world_html, world_picture
from toolkit.network.analysis import network_metrics
from toolkit.network.view import Labels, map_view
from toolkit.store.register import list_actors
from toolkit.store.sample import load_sample

HOSTILE = "<script>alert(1)</script>"


def test_the_sample_is_placed_in_five_countries_and_more(engine):
    workspace = load_sample(engine)
    doc = json.loads(located_geojson(list_actors(engine, workspace)))
    features = doc["features"]
    assert len(features) >= 60
    assert len({f["properties"]["country"] for f in features}) >= 5
    assert {f["properties"]["district"] for f in features} >= {"La Candelaria", "San Javier", "El Poblado"}
    for feature in features:
        assert not set(feature["properties"]) & {*PERSONAL_COLUMNS, "address", "notes"}
        longitude, latitude = feature["geometry"]["coordinates"]
        assert -180 <= longitude <= 180 and -90 <= latitude <= 90
    found = workspace_geo(engine, workspace, "Medellín")
    assert found.geo.home is not None and len(found.geo.by_country) >= 5


def hostile_world():
    actors = [
        Actor(HOSTILE, id=1, city="Medellín", country="Colombia", latitude=6.25, longitude=-75.56, influence=5),
        Actor("Ville de Lyon", id=2, city="Lyon", country="Francia", latitude=45.75, longitude=4.85),
    ]
    view = map_view(actors, [], network_metrics(actors, []), {}, Labels({}, {}, {}, {}, "C{number}", "?", {}))
    return world_view(actors, [], view, "Medellín"), view


def test_the_offline_page_fetches_nothing_and_runs_no_user_text():
    geo, view = hostile_world()
    page = world_html(geo, view, {"colour": HOSTILE}, title=HOSTILE, subtitle="Medellín", lang="es")
    assert HOSTILE not in page
    assert not re.search(r"""<(script|link|img)[^>]+(src|href)=["']?https?:""", page)
    assert "Plotly.newPlot" in page  # plotly's JavaScript is in the page itself


def test_the_picture_is_at_slide_size():
    geo, view = hostile_world()
    picture = world_picture(geo, view, "Color", "Relaciones", "", title=HOSTILE, subtitle="Medellín · hoy")
    assert Image.open(io.BytesIO(picture)).size == (2560, 1440)
