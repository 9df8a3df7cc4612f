"""Saving the geographic view for a story (issue 19): the world with its region, or the territory
with its colouring, kept with the network map's filters, colours and sizes as a saved view that the
stories tab lists, pictures and puts in a story's slides."""

import streamlit as st

from pages._kit.context import PageContext, notify, show_notice
from pages._kit.outcome import run
from pages.actor_map.stories import current_spec
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.network.saved_view import ViewSpec
from toolkit.store.stories import save_view

NOTICE = "map_geo_save"


def geo_spec(ctx: PageContext, which: str) -> ViewSpec:
    """The view on screen: the network map's choices, and which map, region and colouring."""
    spec = current_spec(ctx)
    spec.geo = which
    spec.region = st.session_state.get("map_geo_region") or "world"
    spec.geo_colour = st.session_state.get("map_geo_which") or "actors"
    spec.positions = {}  # a geographic view places its actors by their coordinates
    return spec


def show(ctx: PageContext, which: str) -> None:
    """The form that keeps the view (editors only)."""
    show_notice(NOTICE)
    if not ctx.may_edit:
        return
    with (
        st.expander(t("geo.save.heading"), icon=":material/bookmark_add:"),
        st.form("map_geo_save", clear_on_submit=True, border=False),
    ):
        st.caption(t("geo.save.hint"))
        title = st.text_input(t("stories.title"), placeholder=t("stories.title_hint"), max_chars=200)
        note = st.text_area(t("stories.note"), placeholder=t("stories.note_hint"), height=80)
        if (
            st.form_submit_button(t("stories.save"), type="primary", icon=":material/bookmark_add:")
            and run(save_view, ctx.engine, ctx.workspace_id, title, note, geo_spec(ctx, which)) is not None
        ):
            notify(NOTICE, t("stories.saved", title=escape(" ".join(title.split()))))
