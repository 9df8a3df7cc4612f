"""The register as the pages read it: one copy per workspace revision, shared by every session.

``st.cache_data`` hands each rerun its own unpickled copy, and at 20,000 actors that copy was most
of a page's time (0.1-1 s per rerun: the actors, their relations, then the pages' lists built from
them). ``st.cache_resource`` hands every session the same objects instead, so what it returns is
**read-only**: never change an actor, a list or a dict taken from here. It holds what any member of
the workspace reads (every page reaches it after ``page_context`` checked the role), keyed by
``ctx.cache_key()`` (every write bumps the revision, so it never goes stale), and nothing about
the person reading it.
"""

from dataclasses import dataclass

import streamlit as st

from pages._kit.context import PageContext
from toolkit.domain import Actor, Relation
from toolkit.name_search import search_key
from toolkit.store.register import list_actors, list_relations
from toolkit.vocab import fold

# a few revisions of a few workspaces; an older revision is left when its sessions have moved on
KEPT = 8


@dataclass(frozen=True)
class Register:
    """The workspace's actors and relations as of one revision, and the look-ups every page makes."""

    actors: list[Actor]
    relations: list[Relation]
    names: dict[int, str]  # actor id -> name
    by_id: dict[int, Actor]
    order: list[int]  # actor ids by name, as lists offer them
    position: dict[int, int]  # actor id -> its place in ``order``
    search_keys: dict[int, str]  # actor id -> what a name search runs over (toolkit.name_search)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def _register_at(_engine, cache_key: tuple) -> Register:
    _, workspace_id, _ = cache_key
    actors = list_actors(_engine, workspace_id)
    order = [a.id for a in sorted(actors, key=lambda a: fold(a.name))]
    return Register(
        actors=actors,
        relations=list_relations(_engine, workspace_id),
        names={a.id: a.name for a in actors},
        by_id={a.id: a for a in actors},
        order=order,
        position={actor_id: place for place, actor_id in enumerate(order)},
        search_keys={a.id: search_key(a.name, a.acronym) for a in actors},
    )


def register_of(ctx: PageContext) -> Register:
    """The register on this rerun (read from the store once per revision, for every session)."""
    return _register_at(ctx.engine, ctx.cache_key())
