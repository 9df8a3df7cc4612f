"""A view of the actor map as it is kept: what the map page shows (colouring, size, filters, focus,
layout and positions, the day it is drawn as of), read back from JSON whatever it holds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from toolkit.actors import ActorFilter
from toolkit.network.layout import LAYOUTS
from toolkit.network.view import COLOUR_BY, SIZE_BY, MapChoices, MapFilter
from toolkit.salience import CLASSES as SALIENCE_CLASSES

LIST_FIELDS = ("sectors", "scales", "stances", "quadrants", "themes", "relation_types", "salience")


@dataclass
class ViewSpec:
    """What a saved view shows; the defaults are the map as it first opens."""

    colour_by: str = "sector"
    size_by: str = "influence"
    layout: str = "force"
    geo: str = ""  # "": the network map; "world" or "territory": the geographic view (issue 19)
    region: str = "world"  # the world's zoom (a key of toolkit.geo.REGION_FRAMES)
    geo_colour: str = "actors"  # the territory coloured by its actors, or by those "consulted"
    as_of: date | None = None  # None: the day it is shown
    query: str = ""
    sectors: tuple[str, ...] = ()
    scales: tuple[str, ...] = ()
    stances: tuple[int | None, ...] = ()
    quadrants: tuple[str | None, ...] = ()
    themes: tuple[str, ...] = ()
    relation_types: tuple[str, ...] = ()
    min_strength: int = 1
    hide_isolated: bool = False
    highlight: int | None = None  # the actor searched for
    focus: bool = False  # only the highlighted actor's surroundings
    focus_steps: int = 1
    path: tuple[int, ...] = ()  # a path found ("how do we reach…?"), highlighted
    salience: tuple[str | None, ...] = ()  # salience classes kept (None: not assessed)
    positions: dict[int, tuple[float, float]] = field(default_factory=dict)  # as drawn when saved

    def map_filter(self) -> MapFilter:
        """The map's filters of this view.

        >>> ViewSpec(sectors=("academia",), highlight=4, focus=True).map_filter().focus
        4
        """
        return MapFilter(
            actors=ActorFilter(
                self.query, self.sectors, self.scales, self.stances, self.quadrants, self.themes, salience=self.salience
            ),
            relation_types=self.relation_types,
            min_strength=self.min_strength,
            hide_isolated=self.hide_isolated,
            focus=self.highlight if self.focus else None,
            focus_steps=self.focus_steps,
        )

    @classmethod
    def from_choices(cls, choices: MapChoices, layout: str = "force") -> ViewSpec:
        """The view of what the map page shows (``layout``: the saved arrangement's, when the
        choices keep none).

        >>> chosen = MapChoices(colour_by="stance", filter=MapFilter(min_strength=2, focus=7), highlight=7)
        >>> spec = ViewSpec.from_choices(chosen)
        >>> spec.colour_by, spec.min_strength, spec.map_filter().focus
        ('stance', 2, 7)
        """
        wanted, actors = choices.filter, choices.filter.actors
        return cls.from_json(
            {
                "colour_by": choices.colour_by,
                "size_by": choices.size_by,
                "layout": choices.layout or layout,
                "as_of": choices.day.isoformat() if choices.day else None,
                "query": actors.query,
                **{name: list(getattr(actors, name)) for name in LIST_FIELDS if name != "relation_types"},
                "relation_types": list(wanted.relation_types),
                "min_strength": wanted.min_strength,
                "hide_isolated": wanted.hide_isolated,
                "highlight": choices.highlight if choices.highlight is not None else wanted.focus,
                "focus": wanted.focus is not None,
                "focus_steps": wanted.focus_steps,
                "path": list(choices.path),
            }
        )

    def to_json(self) -> dict:
        """The view as JSON (positions keyed by the actor's id as text).

        >>> ViewSpec(as_of=date(2026, 5, 1), positions={3: (1.0, 2.0)}).to_json()["as_of"]
        '2026-05-01'
        """
        data = {name: getattr(self, name) for name in self.__dataclass_fields__}
        data.update({name: list(data[name]) for name in (*LIST_FIELDS, "path")})
        data["as_of"] = self.as_of.isoformat() if self.as_of else None
        data["positions"] = {str(k): [round(float(x), 2), round(float(y), 2)] for k, (x, y) in self.positions.items()}
        return data

    @classmethod
    def from_json(cls, data: object) -> ViewSpec:
        """A view from stored JSON: what it cannot read falls back to the default, never an error.

        >>> ViewSpec.from_json({"colour_by": "stance", "size_by": "<script>", "positions": {"3": [1, 2]}})
        ... # doctest: +ELLIPSIS
        ViewSpec(colour_by='stance', size_by='influence', ...positions={3: (1.0, 2.0)})
        >>> ViewSpec.from_json(None) == ViewSpec()
        True
        """
        data = data if isinstance(data, dict) else {}
        spec = cls()
        for name, choices in (("colour_by", COLOUR_BY), ("size_by", SIZE_BY), ("layout", LAYOUTS)):
            if data.get(name) in choices:
                setattr(spec, name, data[name])
        for name in LIST_FIELDS:
            if isinstance(data.get(name), list):
                setattr(spec, name, tuple(v for v in data[name] if isinstance(v, (str, int)) or v is None))
        spec.salience = tuple(v for v in spec.salience if v is None or v in SALIENCE_CLASSES)
        spec.query = str(data.get("query") or "")[:200]
        spec.min_strength = _number(data.get("min_strength"), 1, 3, 1)
        spec.focus_steps = _number(data.get("focus_steps"), 1, 4, 1)
        spec.hide_isolated, spec.focus = bool(data.get("hide_isolated")), bool(data.get("focus"))
        path = data.get("path") if isinstance(data.get("path"), list) else []
        spec.path = tuple(step for step in path if isinstance(step, int))
        spec.highlight = data["highlight"] if isinstance(data.get("highlight"), int) else None
        try:
            spec.as_of = date.fromisoformat(data["as_of"]) if data.get("as_of") else None
        except (TypeError, ValueError):
            spec.as_of = None
        spec.geo = data["geo"] if data.get("geo") in GEO_VIEWS else ""  # views saved before issue 19: the network
        region = data.get("region")
        spec.region = region if isinstance(region, str) and REGION.match(region) else "world"
        spec.geo_colour = "consulted" if data.get("geo_colour") == "consulted" else "actors"
        positions = data.get("positions") if isinstance(data.get("positions"), dict) else {}
        for key, place in positions.items():
            try:
                spec.positions[int(key)] = (float(place[0]), float(place[1]))
            except (TypeError, ValueError, IndexError):
                continue
        return spec


GEO_VIEWS = ("world", "territory")
REGION = re.compile(r"^[a-z_]{1,30}$")  # a region's key; one it does not know draws the whole world


def _number(value: object, lowest: int, highest: int, default: int) -> int:
    return value if isinstance(value, int) and lowest <= value <= highest else default
