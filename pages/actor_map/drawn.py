"""The map tab's drawing, cached per workspace revision and view for every session of the workspace
(issue 17), and the fragment the tab reruns in.

What is cached holds the map as a member sees it (names, sectors, stances, no contact data), keyed
by the workspace's revision (every write bumps it: a change shows at once), the person's choices,
the arrangement and the words in the reader's language; its computation stays in
``toolkit.network``.
"""

from __future__ import annotations

import logging
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import wraps

import streamlit as st
from streamlit.runtime.scriptrunner_utils.exceptions import RerunException, StopException

from pages._kit.context import PageContext
from pages._kit.fragments import acting_person
from pages.actor_map.network import Network, layout_at, legend_words, map_on
from toolkit import access, i18n
from toolkit.i18n import format_number, language, t
from toolkit.network.history import earliest_start
from toolkit.network.legend import legend_html
from toolkit.network.readable import readable_view
from toolkit.network.render import map_html
from toolkit.network.view import MapChoices, chosen_view
from toolkit.store.maps import saved_layout
from toolkit.store.workspaces import current_role, get_workspace


@dataclass(frozen=True)
class Arrangement:
    """Which positions the map is drawn with: a layout, its seed, and when the saved ones were kept
    (``None``: the computed ones)."""

    kind: str
    seed: int
    saved_at: datetime | None = None


@dataclass
class Drawn:
    """The map as drawn: its page, its legend and what it shows and leaves out."""

    html: str
    legend: str
    shown: int  # actors drawn
    relations: int  # relations drawn
    hidden_by_date: int  # relations that did not hold on the day chosen
    left_out: int  # actors the filters keep but the readable map leaves out
    drawn_ids: frozenset[int]  # the actors drawn (is the one searched for among them?)
    path: int  # actors on the path shown (0: none)


@st.cache_data(max_entries=16, show_spinner=False)
def first_day_at(_network: Network, url: str, workspace_id: int, revision: int) -> date | None:
    """The day the earliest relation began (the map's "as of" goes back to it)."""
    return earliest_start(_network.relations)


def positions(ctx: PageContext, network: Network, chosen: Arrangement) -> dict[int, tuple[float, float]]:
    """The arrangement's positions: computed, with the saved ones over them (actors added since the
    save get a computed place)."""
    computed = layout_at(network.actors, network.relations, *ctx.cache_key(), chosen.kind, chosen.seed)
    if chosen.saved_at is None:
        return computed
    return {**computed, **saved_layout(ctx.engine, ctx.workspace_id)[1]}


@st.cache_data(max_entries=16, show_spinner=False)  # a whole 20,000-actor map is 8 MB of HTML
def drawn_at(
    _ctx: PageContext,
    _network: Network,
    url: str,
    workspace_id: int,
    revision: int,
    choices: dict,
    arrangement: tuple,
    limit: int,
    presentation: bool,
    texts: dict[str, str],
) -> Drawn:
    """The map drawn as ``choices`` say (:meth:`MapChoices.to_dict`), at most ``limit`` actors."""
    ctx, network, wanted, chosen = _ctx, _network, MapChoices.from_dict(choices), Arrangement(*arrangement)
    held = map_on(ctx, network, wanted.day or ctx.today)
    every = chosen_view(
        network.actors,
        held.relations.relations,
        held.metrics,
        positions(ctx, network, chosen),
        network.words,
        wanted,
        held.contact,
        held.salience,
    )
    view, left_out = readable_view(every, limit)
    return Drawn(
        html=map_html(
            view,
            texts,
            height=820 if presentation else 640,
            presentation=presentation,
            focus=view.node_ids.get(wanted.highlight),
            legend=False,
            view_key=f"{ctx.workspace_id}:{chosen.kind}:{zlib.crc32(repr(wanted.filter).encode())}",
        ),
        legend=legend_html(view, legend_words(view, texts, network.names, wanted.path), format_number),
        shown=len(view.nodes),
        relations=len(view.edges),
        hidden_by_date=held.relations.hidden,
        left_out=left_out,
        drawn_ids=frozenset(view.node_ids),
        path=len(view.path),
    )


def drawn_map(
    ctx: PageContext,
    network: Network,
    choices: MapChoices,
    chosen: Arrangement,
    limit: int,
    presentation: bool,
    texts: dict[str, str],
) -> Drawn:
    """The map drawn for these choices (read from the cache when any session drew it at this revision)."""
    key = ctx.cache_key()
    arrangement = (chosen.kind, chosen.seed, chosen.saved_at)
    return drawn_at(ctx, network, *key, choices.to_dict(), arrangement, limit, presentation, texts)


def act_again() -> None:
    """Set who acts and the language, as ``app.py`` does at the top of every run: a fragment's rerun
    runs without it (see :mod:`toolkit.access`). With accounts on, the kit's
    :func:`~pages._kit.fragments.acting_person` (nobody once the session has ended elsewhere)."""
    settings = st.session_state.get("settings")
    person = st.session_state.get("person")
    if settings is not None and settings.accounts != "off":
        person = acting_person()
    elif person is None and settings is not None:
        person = access.LOCAL
    access.set_current(person or access.NOBODY)
    i18n.set_language(st.session_state.get("language", i18n.DEFAULT_LANGUAGE))


def refreshed(ctx: PageContext) -> PageContext:
    """The page's context as of now: a fragment reruns with the context of the page's last full run,
    and the workspace may have changed since (its revision is in every cache key)."""
    workspace = get_workspace(ctx.engine, ctx.workspace_id)
    return replace(ctx, workspace=workspace, role=current_role(ctx.engine, ctx.workspace_id), lang=language())


def map_fragment(draw: Callable[[PageContext], None]) -> Callable[[PageContext], None]:
    """``draw`` as a Streamlit fragment: a widget inside it reruns only the map, with the person
    acting, the language and the workspace's revision set again first."""

    @st.fragment
    @wraps(draw)
    def fragment(ctx: PageContext) -> None:
        act_again()
        try:
            draw(refreshed(ctx))
        except (StopException, RerunException):  # st.stop and st.rerun end a run through these
            raise
        except Exception:  # as app.py does for a page: a plain message, never a traceback
            logging.exception("map crashed")
            st.error(t("errors.page_crashed"))

    return fragment
