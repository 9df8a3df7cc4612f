"""The register as the map's tabs see it: actors, relations and their metrics, the contact history
and the assessments, cached per revision."""

from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import streamlit as st

from pages._kit.actor_filter import actor_total
from pages._kit.context import PageContext
from toolkit.domain import Actor, Assessment, Interaction, Relation
from toolkit.engagement import days_since_contact
from toolkit.i18n import format_date, t
from toolkit.network.analysis import NetworkMetrics, network_metrics
from toolkit.network.history import RelationsOn, relations_on
from toolkit.network.layout import compute_layout
from toolkit.network.presentation import map_labels
from toolkit.network.view import Labels, MapChoices, MapView
from toolkit.salience import latest_classes
from toolkit.store.engagement import list_assessments, list_interactions
from toolkit.store.register import list_actors, list_relations
from toolkit.store.strategy import list_salience
from toolkit.strategy import SalienceJudgement


class Network:
    """The workspace's map on this rerun: each part read from the cache (per revision) the first
    time a tab asks for it, so a rerun whose drawing is cached reads none of the register."""

    def __init__(self, ctx: PageContext) -> None:
        self.ctx = ctx
        self.key = ctx.cache_key()

    @cached_property
    def _register(self) -> tuple[list[Actor], list[Relation]]:
        return register_at(self.ctx.engine, *self.key)

    @property
    def actors(self) -> list[Actor]:
        return self._register[0]

    @property
    def relations(self) -> list[Relation]:
        return self._register[1]

    @cached_property
    def metrics(self) -> NetworkMetrics:
        with st.spinner(t("map.computing")):
            return metrics_at(self.actors, self.relations, *self.key)

    @cached_property
    def words(self) -> Labels:
        return map_labels(self.ctx.terms)

    @cached_property
    def _history(self) -> tuple[list[Interaction], list[Assessment]]:
        return history_at(self.ctx.engine, *self.key)

    @property
    def interactions(self) -> list[Interaction]:
        return self._history[0]

    @property
    def assessments(self) -> list[Assessment]:
        return self._history[1]

    @cached_property
    def salience(self) -> list[SalienceJudgement]:
        """Dated salience judgements, oldest first."""
        return salience_at(self.ctx.engine, *self.key)

    @cached_property
    def names(self) -> dict[int, str]:
        return names_at(self, *self.key)


@st.cache_data(max_entries=16, show_spinner=False)
def register_at(_engine, url: str, workspace_id: int, revision: int):
    return list_actors(_engine, workspace_id), list_relations(_engine, workspace_id)


@st.cache_resource(max_entries=16, show_spinner=False)  # one dict for every session: read, never changed
def names_at(_network: "Network", url: str, workspace_id: int, revision: int) -> dict[int, str]:
    """Each actor's name (the map's search box): a rerun reads these, not the whole register."""
    return {actor.id: actor.name for actor in _network.actors}


@st.cache_data(max_entries=16, show_spinner=False)
def history_at(_engine, url: str, workspace_id: int, revision: int):
    return list_interactions(_engine, workspace_id), list_assessments(_engine, workspace_id)


@st.cache_data(max_entries=16, show_spinner=False)
def salience_at(_engine, url: str, workspace_id: int, revision: int) -> list[SalienceJudgement]:
    return list_salience(_engine, workspace_id)


@st.cache_data(max_entries=16, show_spinner=False)
def metrics_at(_actors, _relations, url: str, workspace_id: int, revision: int, day: date | None = None):
    """The metrics of the map (``day``: of the map as of that day, ``_relations`` being those that held)."""
    return network_metrics(_actors, _relations)


@st.cache_data(max_entries=16, show_spinner=False)
def layout_at(_actors, _relations, url: str, workspace_id: int, revision: int, kind: str, seed: int):
    return compute_layout(_actors, _relations, kind, seed)


def load_network(ctx: PageContext) -> Network | None:
    """The map of the workspace, or ``None`` when it has no actors yet."""
    return Network(ctx) if actor_total(ctx) else None


def map_texts(ctx: PageContext, colour_by: str, day: date | None = None, size_by: str = "influence") -> dict[str, str]:
    """The words of the drawn map (title, caption, legend, size, zoom buttons, PNG button) in the
    user's language; ``day``: the map as of that day, said in the caption and the relations' legend."""
    past = day is not None and day != ctx.today
    return {
        "title": t("map.html.title"),
        "caption": ctx.workspace.name,
        "date": t("map.html.as_of", date=format_date(day)) if past else format_date(ctx.today),
        "legend": t("map.legend.colour", what=t(f"map.colour.{colour_by}")),
        "size": t(f"map.legend.size.{size_by}"),
        "relations": t("map.html.relations_on", date=format_date(day)) if past else t("map.html.relations"),
        "download_png": t("map.html.download_png"),
        "png_name": t("map.html.png_name"),
        "zoom_in": t("map.html.zoom_in"),
        "zoom_out": t("map.html.zoom_out"),
        "fit": t("map.html.fit"),
        "zoom_hint": t("map.html.zoom_hint"),
        "lang": ctx.lang,
    }


def legend_words(view: MapView, texts: dict[str, str], names: dict[int, str], path: tuple[int, ...]) -> dict:
    """The words of the legend beside the map (:func:`toolkit.network.legend.legend_html`)."""
    words = {"colour": texts["legend"], "size": texts["size"], "relations": texts["relations"]}
    if view.folded:
        words["others"] = t("map.legend.others_hold", names=", ".join(view.folded))
    if len(view.path) > 1 and path:
        ends = {"start": names.get(path[0], ""), "goal": names.get(path[-1], "")}
        words["path"] = t("map.legend.path", count=len(path) - 1, **ends)
    words["labels"] = t("map.legend.labels")
    return words


@dataclass
class MapOn:
    """The map as of a day: the relations that held, their metrics, each actor's days since contact
    and salience class."""

    relations: RelationsOn
    metrics: NetworkMetrics
    contact: dict[int, int | None]
    salience: dict[int, str | None] = field(default_factory=dict)


def map_on(ctx: PageContext, network: Network, day: date) -> MapOn:
    """The map as it stood on ``day`` (today: the whole register)."""
    held = relations_on(network.relations, day)
    metrics = network.metrics
    if held.hidden:
        metrics = metrics_at(network.actors, held.relations, *ctx.cache_key(), day)
    contact = days_since_contact(network.actors, network.interactions, day)
    return MapOn(held, metrics, contact, latest_classes(network.salience, day))


# the widgets whose choice outlives its tab (Streamlit forgets a widget's state when its tab is
# closed or the person goes to another page): restored before they are drawn, kept after
KEPT = (
    "map_colour_by",
    "map_size_by",
    "map_as_of",
    "map_layout",
    "map_sectors",
    "map_scales",
    "map_stances",
    "map_quadrants",
    "map_themes",
    "map_salience",
    "map_relation_types",
    "map_min_strength",
    "map_hide_isolated",
    "map_search",
    "map_focus",
    "map_focus_steps",
    "map_limit",
    "map_presentation",
    "map_path_from",
    "map_path_to",
    "map_grid_sectors",
    "map_grid_scales",
    "map_grid_stances",
    "map_grid_quadrants",
    "map_grid_themes",
    "map_grid_since",
    "map_grid_until",
    "map_grid_relations",
)


def kept(ctx: PageContext) -> dict:
    """The map's choices kept for this workspace (widget key -> value, and the path shown)."""
    every = st.session_state.setdefault("map_kept", {})
    return every.setdefault(ctx.workspace_id, {})


def restore(ctx: PageContext) -> None:
    """Give the map's widgets back the choices kept (call before drawing them)."""
    for key, value in kept(ctx).items():
        if key in KEPT and key not in st.session_state:
            st.session_state[key] = value


def remember(ctx: PageContext) -> None:
    """Keep the choices of the widgets drawn on this rerun."""
    kept(ctx).update({key: st.session_state[key] for key in KEPT if key in st.session_state})


def drawn_choices() -> MapChoices:
    """The map as last drawn (colouring, size, day, layout, filters, focus, search, path), kept where
    the other tabs and every export find it."""
    return MapChoices.from_dict(st.session_state.get("map_drawn"))
