"""Where the actors are (issue 19): the territory's districts kept per workspace, places found by
the offline gazetteer, chosen by hand, and each actor's district from its coordinates."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, Engine, delete, insert, select, update

from toolkit import clock
from toolkit.districts import (
    District,
    DistrictsError,
    assign_districts,
    check_districts,
    from_geojson,
    name_properties,
    read_geojson,
    to_geojson,
)
from toolkit.places import Placing, place_all
from toolkit.store.engine import StoreError
from toolkit.store.register import validate_actor
from toolkit.store.tables import actors, districts_maps
from toolkit.store.workspaces import reading, writing
from toolkit.text import clean


@dataclass
class DistrictsMap:
    """The workspace's districts as kept: the property that named them and the file they came from."""

    districts: list[District]
    name_property: str
    file_name: str

    @property
    def names(self) -> list[str]:
        return [district.name for district in self.districts]


def districts_map(engine: Engine, workspace_id: int) -> DistrictsMap | None:
    """The workspace's districts, or ``None`` while none were uploaded."""
    with reading(engine, workspace_id) as connection:
        row = connection.execute(select(districts_maps).where(districts_maps.c.workspace_id == workspace_id)).first()
    if row is None:
        return None
    return DistrictsMap(from_geojson(row.geojson), row.name_property, row.file_name)


def _assign(connection: Connection, workspace_id: int, districts: list[District], bump: bool = True) -> int:
    """Each located actor's district from its coordinates; returns how many changed. ``bump=False``
    while the sample is being created: its actors are new, nobody holds an older version of them."""
    rows = connection.execute(
        select(actors.c.id, actors.c.latitude, actors.c.longitude, actors.c.district).where(
            actors.c.workspace_id == workspace_id, actors.c.latitude.is_not(None), actors.c.longitude.is_not(None)
        )
    ).all()
    found = assign_districts({row.id: (row.latitude, row.longitude) for row in rows}, districts)
    changed = 0
    for row in rows:
        wanted = found.get(row.id) or ""
        if wanted != row.district:
            connection.execute(
                update(actors)
                .where(actors.c.id == row.id)
                .values(district=wanted, **({"version": actors.c.version + 1} if bump else {}))
            )
            changed += 1
    return changed


def refused(error: DistrictsError) -> StoreError:
    """A refused districts file as a store refusal (the page kit says it in the user's words)."""
    return StoreError(f"districts_{error.key}", **error.values)


def districts_file(data: bytes) -> tuple[list[str], int]:
    """A districts file looked at before it is kept: the properties that can name its districts and
    how many districts it has. Raises ``StoreError("districts_<why>")`` for a file refused."""
    try:
        document = read_geojson(data)
        names = name_properties(document)
        check_districts(data, names[0] if names else None)
    except DistrictsError as error:
        raise refused(error) from None
    return names, len(document["features"])


def save_districts(
    engine: Engine, workspace_id: int, data: bytes, file_name: str, name_property: str | None = None
) -> tuple[DistrictsMap, int]:
    """Keep an uploaded GeoJSON as the workspace's districts (the file is checked first: see
    :func:`toolkit.districts.check_districts`) and place every located actor in its district.
    Returns the districts kept and how many actors changed district."""
    try:
        districts, used = check_districts(data, name_property)
    except DistrictsError as error:
        raise refused(error) from None
    name = " ".join(clean(str(file_name or "")).split())[:200]
    with writing(engine, workspace_id) as connection:
        connection.execute(delete(districts_maps).where(districts_maps.c.workspace_id == workspace_id))
        connection.execute(
            insert(districts_maps).values(
                workspace_id=workspace_id,
                name_property=used[:120],
                file_name=name,
                geojson=to_geojson(districts),
                saved_at=clock.now(),
            )
        )
        changed = _assign(connection, workspace_id, districts)
    return DistrictsMap(districts, used, name), changed


def remove_districts(engine: Engine, workspace_id: int) -> None:
    """Forget the workspace's districts (the actors keep the district they had)."""
    with writing(engine, workspace_id) as connection:
        connection.execute(delete(districts_maps).where(districts_maps.c.workspace_id == workspace_id))


@dataclass
class PlacingResult:
    """What placing the actors did: how many were placed, and what the person must look at."""

    placed: int = 0
    placing: Placing = field(default_factory=Placing)


def _write_place(
    connection: Connection, workspace_id: int, actor_id: int, values: dict, districts, version: int | None = None
) -> bool:
    """Write the place; ``version``: only if the actor is still at the version the person saw."""
    checked = validate_actor(values)
    if checked.get("latitude") is not None and districts is not None:
        checked["district"] = assign_districts({0: (checked["latitude"], checked["longitude"])}, districts)[0] or ""
    seen = [actors.c.version == version] if version is not None else []
    done = connection.execute(
        update(actors)
        .where(actors.c.id == actor_id, actors.c.workspace_id == workspace_id, *seen)
        .values(**checked, version=actors.c.version + 1)
    )
    return bool(done.rowcount)


def place_from_gazetteer(engine: Engine, workspace_id: int, everyone: bool = False) -> PlacingResult:
    """Place the actors that have no coordinates yet (``everyone``: also those the gazetteer placed
    before) from their city and country. Nothing is guessed: names that fit several places or none
    are returned for a person to settle, the rest is written in one transaction."""
    kept = districts_map(engine, workspace_id)
    with writing(engine, workspace_id) as connection:
        rows = connection.execute(
            select(actors.c.id, actors.c.city, actors.c.country, actors.c.latitude, actors.c.place_source).where(
                actors.c.workspace_id == workspace_id
            )
        ).all()
        wanted = [
            (row.id, row.city, row.country)
            for row in rows
            if row.latitude is None or (everyone and row.place_source == "gazetteer")
        ]
        placing = place_all(wanted)
        for actor_id, place in placing.found.items():
            values = {"latitude": place.latitude, "longitude": place.longitude, "place_source": "gazetteer"}
            _write_place(connection, workspace_id, actor_id, values, kept.districts if kept else None)
    return PlacingResult(len(placing.found), placing)


def set_place(
    engine: Engine,
    workspace_id: int,
    actor_id: int,
    latitude: float | None,
    longitude: float | None,
    district: str | None = None,
    source: str = "hand",
    version: int | None = None,
) -> int:
    """Place one actor by hand (or at a candidate the person chose, or where they clicked on the
    map): coordinates (both or neither) and, when given, its district (else the district its
    coordinates fall in). ``version``: the actor's version the person saw; if someone changed or
    deleted the actor since, nothing is written (``StoreError("conflict")`` naming it)."""
    if (latitude is None) != (longitude is None):
        raise StoreError("bad_coordinate")
    if latitude is None and not district:
        raise StoreError("place_needed")
    kept = districts_map(engine, workspace_id)
    values: dict[str, object] = {"latitude": latitude, "longitude": longitude}
    values["place_source"] = source if latitude is not None else ""
    with writing(engine, workspace_id) as connection:
        districts = kept.districts if kept and district is None and latitude is not None else None
        if district is not None:
            if kept is not None and district and district not in kept.names:
                raise StoreError("unknown_district", name=district)
            values["district"] = district
        if not _write_place(connection, workspace_id, actor_id, values, districts, version):
            name = connection.execute(select(actors.c.name).where(actors.c.id == actor_id)).scalar()
            raise StoreError("conflict", names=name or "")
    return actor_id


def insert_sample_districts(connection: Connection, workspace_id: int, data: bytes, name_property: str) -> None:
    """The sample's comunas, inside the sample's own transaction, and its actors' districts."""
    districts, used = check_districts(data, name_property)
    connection.execute(
        insert(districts_maps).values(
            workspace_id=workspace_id,
            name_property=used,
            file_name="medellin_comunas.geojson",
            geojson=to_geojson(districts),
            saved_at=clock.now(),
        )
    )
    _assign(connection, workspace_id, districts, bump=False)
