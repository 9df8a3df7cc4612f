"""The map's data from the shared register (issue 17): one copy per workspace revision for every
session (``st.cache_resource``, as ``pages._kit.register``), where ``Network``'s ``st.cache_data``
handed each rerun its own unpickled copy (at 20,000 actors about a second per rerun of the
analysis, grid, files and territory tabs). Everything here is **read-only**, holds only what any
member of the workspace reads, and is keyed by ``ctx.cache_key()`` (a write bumps the revision);
nothing about the person reading it. What a tab derives from it alone (findings, the metrics
table) is cached per revision the same way."""

from dataclasses import dataclass
from datetime import date
from functools import cached_property

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from pages._kit.actor_filter import actor_total
from pages._kit.context import PageContext
from pages._kit.register import register_of
from pages.actor_map.network import Network, history_at, metrics_at, salience_at
from toolkit.actors import all_themes, filter_actors
from toolkit.charts import GRID_NAMED, power_interest_figure
from toolkit.domain import QUADRANTS, Actor, Assessment, Interaction, Relation
from toolkit.engagement import moves
from toolkit.i18n import format_date, t
from toolkit.network.analysis import NetworkMetrics
from toolkit.network.brokerage import role_texts
from toolkit.network.findings import findings
from toolkit.network.history import actors_on, earlier_places
from toolkit.network.presentation import grid_points, metric_rows, stance_colours
from toolkit.strategy import SalienceJudgement

KEPT = 8  # a few revisions of a few workspaces, as the shared register


class SharedNetwork(Network):
    """``Network`` whose parts are the revision's shared objects (never change them)."""

    @cached_property
    def _register(self) -> tuple[list[Actor], list[Relation]]:
        register = register_of(self.ctx)
        return register.actors, register.relations

    @cached_property
    def metrics(self) -> NetworkMetrics:
        with st.spinner(t("map.computing")):
            return _metrics_at(self, *self.key)

    @cached_property
    def _history(self) -> tuple[list[Interaction], list[Assessment]]:
        return _history_at(self.ctx.engine, *self.key)

    @cached_property
    def salience(self) -> list[SalienceJudgement]:
        return _salience_at(self.ctx.engine, *self.key)

    @cached_property
    def names(self) -> dict[int, str]:
        return register_of(self.ctx).names


def load_shared_network(ctx: PageContext) -> SharedNetwork | None:
    """The map of the workspace from the shared register, or ``None`` when it has no actors yet."""
    return SharedNetwork(ctx) if actor_total(ctx) else None


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _metrics_at(_network: Network, url: str, workspace_id: int, revision: int) -> NetworkMetrics:
    return metrics_at(_network.actors, _network.relations, url, workspace_id, revision)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _history_at(_engine, url: str, workspace_id: int, revision: int):
    return history_at(_engine, url, workspace_id, revision)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _salience_at(_engine, url: str, workspace_id: int, revision: int) -> list[SalienceJudgement]:
    return salience_at(_engine, url, workspace_id, revision)


def map_findings(ctx: PageContext, network: Network) -> list:
    """What the map says, in the store's terms (the words come at drawing time, in the reader's language)."""
    return _findings_at(network, *ctx.cache_key(), tuple(ctx.keys("sectors")), tuple(ctx.keys("scales")))


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _findings_at(_network: Network, url: str, workspace_id: int, revision: int, sectors: tuple, scales: tuple) -> list:
    return findings(_network.actors, _network.relations, _network.metrics, list(sectors), list(scales))


def metrics_table(ctx: PageContext, network: Network, by: str) -> pd.DataFrame:
    """Every actor's metrics and brokerage roles (grouped ``by`` sector or scale), a DataFrame to show,
    never to change."""
    return _metrics_table_at(network, *ctx.cache_key(), by, ctx.lang)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _metrics_table_at(_network: Network, url: str, workspace_id: int, revision: int, by: str, lang: str):
    groups = {a.id: getattr(a, by) for a in _network.actors}  # 20,000 actors: a second, once per revision
    roles = role_texts(groups, _network.relations, lambda role: t(f"strategy.roles.{role}"))
    return pd.DataFrame(metric_rows(_network.actors, _network.metrics, roles))


@dataclass(frozen=True)
class GridView:
    """The power-interest grid for one choice of dates and filters: who is placed, who moved, the
    figure (shown, never changed), how many points are named and how many actors have no place."""

    placed: list[Actor]
    found: list
    figure: go.Figure
    named: int
    missing: int


def grid_view(ctx: PageContext, network: Network, wanted, since: date, until: date, overlay: bool) -> GridView:
    """The grid tab's content, built once per revision, language, dates and filters (at 20,000 actors
    the figure alone took most of a second per rerun)."""
    return _grid_at(network, wanted, *ctx.cache_key(), ctx.lang, repr(wanted), since, until, overlay)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _grid_at(_network: Network, _wanted, url, workspace_id, revision, lang, wanted, since, until, overlay) -> GridView:
    actors, assessments, words = _network.actors, _network.assessments, _network.words
    placed = filter_actors(actors_on(actors, assessments, until), _wanted)
    ids = {a.id for a in placed}
    found = [m for m in moves(actors, assessments, since, until) if m.actor.id in ids] if since < until else []
    points = grid_points(placed, words)
    figure = power_interest_figure(
        points,
        {q: t(f"quadrants.{q}") for q in QUADRANTS},
        {"x": t("columns.interest"), "y": t("columns.influence")},
        stance_colours(words),
        [(r.source, r.target) for r in _network.relations] if overlay else None,
        moved_from=earlier_places(actors, assessments, found, since),
        before_name=t("map.grid.earlier", date=format_date(since)),
    )
    named = min(GRID_NAMED, len({(p["interest"], p["influence"]) for p in points}))
    return GridView(placed, found, figure, named, len(placed) - len(points))


def themes_of(ctx: PageContext, network: Network) -> list[str]:
    """The themes of the register, for the filters (per revision)."""
    return _themes_at(network, *ctx.cache_key())


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _themes_at(_network: Network, url: str, workspace_id: int, revision: int) -> list[str]:
    return all_themes(_network.actors)
