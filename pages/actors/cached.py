"""The register as the tabs read it, cached by the workspace's revision."""

import streamlit as st

from pages._kit.context import PageContext
from toolkit.domain import Actor, Relation
from toolkit.store.register import list_actors, list_relations


@st.cache_data(max_entries=32, show_spinner=False)
def _register_at(_engine, cache_key: tuple) -> tuple[list[Actor], list[Relation]]:
    """The register as of one revision (every write bumps it, so this never goes stale)."""
    _, workspace_id, _ = cache_key
    return list_actors(_engine, workspace_id), list_relations(_engine, workspace_id)


def register_of(ctx: PageContext) -> tuple[list[Actor], list[Relation]]:
    """The workspace's actors and relations on this rerun."""
    return _register_at(ctx.engine, ctx.cache_key())
