"""The register as the map's tabs see it: actors, relations and their metrics, cached per revision."""

from dataclasses import dataclass

import streamlit as st

from pages._kit.context import PageContext
from toolkit.domain import Actor, Relation
from toolkit.i18n import format_date, t
from toolkit.network.analysis import NetworkMetrics, network_metrics
from toolkit.network.layout import compute_layout
from toolkit.network.presentation import map_labels
from toolkit.network.view import Labels
from toolkit.store.register import list_actors, list_relations


@dataclass
class Network:
    """The workspace's map on this rerun."""

    actors: list[Actor]
    relations: list[Relation]
    metrics: NetworkMetrics
    words: Labels

    @property
    def names(self) -> dict[int, str]:
        return {a.id: a.name for a in self.actors}


@st.cache_data(max_entries=16, show_spinner=False)
def register_at(_engine, url: str, workspace_id: int, revision: int):
    return list_actors(_engine, workspace_id), list_relations(_engine, workspace_id)


@st.cache_data(max_entries=16, show_spinner=False)
def metrics_at(_actors, _relations, url: str, workspace_id: int, revision: int):
    return network_metrics(_actors, _relations)


@st.cache_data(max_entries=16, show_spinner=False)
def layout_at(_actors, _relations, url: str, workspace_id: int, revision: int, kind: str, seed: int):
    return compute_layout(_actors, _relations, kind, seed)


def load_network(ctx: PageContext) -> Network | None:
    """The map of the workspace, or ``None`` when it has no actors yet."""
    actors, relations = register_at(ctx.engine, *ctx.cache_key())
    if not actors:
        return None
    with st.spinner(t("map.computing")):
        metrics = metrics_at(actors, relations, *ctx.cache_key())
    return Network(actors, relations, metrics, map_labels(ctx.terms))


def map_texts(ctx: PageContext, colour_by: str) -> dict[str, str]:
    """The words of the drawn map (title, caption, legend, PNG button) in the user's language."""
    return {
        "title": t("map.html.title"),
        "caption": ctx.workspace.name,
        "date": format_date(ctx.today),
        "legend": t(f"map.colour.{colour_by}"),
        "relations": t("map.html.relations"),
        "download_png": t("map.html.download_png"),
        "png_name": t("map.html.png_name"),
        "lang": ctx.lang,
    }
