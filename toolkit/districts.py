"""The territory's districts (comunas, localidades, barrios) from a GeoJSON file the team uploads,
checked like any upload, and the district a point falls in (issue 19).

The file is hostile until checked: its size, that it is a FeatureCollection of Polygon or
MultiPolygon features, that every coordinate is a longitude and a latitude in range, that it holds
no more than :data:`MAX_VERTICES` points and no nesting deeper than a MultiPolygon's. Only what is
checked is kept: each feature's name (from the property the team chooses) and its rings.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from shapely.geometry import Point, shape
from shapely.prepared import prep

from toolkit.text import clean

MAX_BYTES = 5_000_000
MAX_FEATURES = 2_000
MAX_VERTICES = 200_000
MAX_NAME = 120
SHAPES = ("Polygon", "MultiPolygon")


class DistrictsError(ValueError):
    """A districts file refused: ``key`` names the message (``geo.districts.errors.<key>``)."""

    def __init__(self, key: str, **values: object) -> None:
        super().__init__(key)
        self.key = key
        self.values = values


@dataclass(frozen=True)
class District:
    name: str
    polygons: tuple[tuple[tuple[tuple[float, float], ...], ...], ...]  # polygons -> rings -> (lon, lat)

    @cached_property
    def geometry(self):
        return shape({"type": "MultiPolygon", "coordinates": self.polygons})


def _number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and value == value


def _ring(ring: object, budget: list[int]) -> tuple[tuple[float, float], ...]:
    if not isinstance(ring, list) or len(ring) < 4:
        raise DistrictsError("bad_shape")
    budget[0] -= len(ring)
    if budget[0] < 0:
        raise DistrictsError("too_many_vertices", limit=MAX_VERTICES)
    points = []
    for point in ring:
        if not isinstance(point, list) or len(point) < 2 or not all(_number(v) for v in point[:2]):
            raise DistrictsError("bad_shape")
        longitude, latitude = float(point[0]), float(point[1])
        if not (-180 <= longitude <= 180 and -90 <= latitude <= 90):
            raise DistrictsError("out_of_range")
        points.append((round(longitude, 6), round(latitude, 6)))
    return tuple(points)


def _polygons(geometry: object, budget: list[int]) -> tuple:
    if not isinstance(geometry, dict) or geometry.get("type") not in SHAPES:
        raise DistrictsError("wrong_type")
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if geometry["type"] == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise DistrictsError("bad_shape")
    checked = []
    for polygon in polygons:
        if not isinstance(polygon, list) or not polygon:
            raise DistrictsError("bad_shape")
        checked.append(tuple(_ring(ring, budget) for ring in polygon))
    return tuple(checked)


def read_geojson(data: bytes) -> dict:
    """The file parsed, refusing what is too large or not JSON (deep nesting included)."""
    if len(data) > MAX_BYTES:
        raise DistrictsError("too_large", limit=MAX_BYTES // 1_000_000)
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise DistrictsError("not_json") from None
    if not isinstance(document, dict) or document.get("type") != "FeatureCollection":
        raise DistrictsError("not_collection")
    features = document.get("features")
    if not isinstance(features, list) or not features:
        raise DistrictsError("no_features")
    if len(features) > MAX_FEATURES:
        raise DistrictsError("too_many_features", limit=MAX_FEATURES)
    return document


def name_properties(document: dict) -> list[str]:
    """The properties every feature has as text or number: those that can name a district, the
    ones whose values are all different first.

    >>> doc = {"features": [{"properties": {"id": 1, "nombre": "A", "zona": "N"}},
    ...                     {"properties": {"id": 2, "nombre": "B", "zona": "N"}}]}
    >>> name_properties(doc)
    ['id', 'nombre', 'zona']
    """
    features = document.get("features") or []
    common: list[str] | None = None
    for feature in features:
        properties = (feature or {}).get("properties") if isinstance(feature, dict) else None
        keys = [k for k, v in (properties or {}).items() if isinstance(v, str | int) and not isinstance(v, bool)]
        common = keys if common is None else [k for k in common if k in keys]
    common = [str(k) for k in common or []][:50]

    def distinct(key: str) -> bool:
        values = [str(f["properties"][key]) for f in features]
        return len(set(values)) == len(values)

    return sorted(common, key=lambda key: not distinct(key))


def check_districts(data: bytes, name_property: str | None = None) -> tuple[list[District], str]:
    """The districts of an uploaded GeoJSON file, named by ``name_property`` (default: the first of
    :func:`name_properties`), and the property used. Raises :class:`DistrictsError`.

    >>> square = [[[-75.6, 6.2], [-75.5, 6.2], [-75.5, 6.3], [-75.6, 6.3], [-75.6, 6.2]]]
    >>> centro = {"type": "Feature", "properties": {"nombre": "Centro"},
    ...           "geometry": {"type": "Polygon", "coordinates": square}}
    >>> doc = {"type": "FeatureCollection", "features": [centro]}
    >>> districts, used = check_districts(json.dumps(doc).encode())
    >>> districts[0].name, used
    ('Centro', 'nombre')
    """
    document = read_geojson(data)
    choices = name_properties(document)
    if not choices:
        raise DistrictsError("no_names")
    chosen = name_property if name_property in choices else choices[0]
    budget = [MAX_VERTICES]
    districts, names = [], set()
    for feature in document["features"]:
        if not isinstance(feature, dict):
            raise DistrictsError("bad_shape")
        name = " ".join(clean(str(feature["properties"][chosen])).split())[:MAX_NAME]
        if not name or name in names:
            raise DistrictsError("repeated_name", name=name)
        names.add(name)
        districts.append(District(name, _polygons(feature.get("geometry"), budget)))
    return districts, chosen


def to_geojson(districts: list[District]) -> str:
    """The checked districts as the GeoJSON text kept in the store (a ``name`` property each)."""
    features = [
        {
            "type": "Feature",
            "properties": {"name": district.name},
            "geometry": {"type": "MultiPolygon", "coordinates": district.polygons},
        }
        for district in districts
    ]
    return json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, separators=(",", ":"))


def from_geojson(text: str) -> list[District]:
    """The districts kept by :func:`to_geojson` (checked again: the store is no safer than a file)."""
    if not text:
        return []
    return check_districts(text.encode("utf-8"), "name")[0]


def district_of(latitude: float | None, longitude: float | None, districts: list[District]) -> str | None:
    """The district the point falls in (on a border: the first that holds it), or ``None``.

    >>> square = (((-75.6, 6.2), (-75.5, 6.2), (-75.5, 6.3), (-75.6, 6.3), (-75.6, 6.2)),)
    >>> district_of(6.25, -75.55, [District("Centro", (square,))]), district_of(1.0, 1.0, [District("C", (square,))])
    ('Centro', None)
    """
    if latitude is None or longitude is None:
        return None
    point = Point(longitude, latitude)
    for district in districts:
        if district.geometry.covers(point):
            return district.name
    return None


def assign_districts(points: dict[object, tuple[float, float]], districts: list[District]) -> dict[object, str | None]:
    """The district of each point (key -> (latitude, longitude)); ``None`` outside them all."""
    prepared = [(district.name, prep(district.geometry)) for district in districts]
    found: dict[object, str | None] = {}
    for key, (latitude, longitude) in points.items():
        point = Point(longitude, latitude)
        found[key] = next((name for name, geometry in prepared if geometry.covers(point)), None)
    return found
