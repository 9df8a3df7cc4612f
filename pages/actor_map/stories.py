"""The stories tab: the map's current view as a picture or saved with a title and a note, the saved
views in order, and the stories made of them (pages/actor_map/story_editor.py)."""

import streamlit as st

from pages._kit.context import PageContext, notify, show_notice
from pages._kit.files import download_button, safe_file_name
from pages._kit.outcome import run
from pages.actor_map import story_editor
from pages.actor_map.network import Network, drawn_choices
from toolkit.geo_stories import GeoPlaces, geo_places, kind_words
from toolkit.i18n import format_date, t
from toolkit.markdown import escape
from toolkit.network.saved_view import ViewSpec
from toolkit.store.maps import saved_layout
from toolkit.store.stories import SavedView, delete_view, list_views, move_view, save_view
from toolkit.stories import map_data, view_picture

NOTICE = "stories"


def current_spec(ctx: PageContext) -> ViewSpec:
    """What the map tab shows (its choices are kept across tabs), with today's arrangement."""
    kind, positions, _ = saved_layout(ctx.engine, ctx.workspace_id)
    spec = ViewSpec.from_choices(drawn_choices(), kind)
    if spec.as_of == ctx.today:
        spec.as_of = None  # "today" stays today when the view is shown another day
    if kind == spec.layout:
        spec.positions = positions  # the view keeps the map's arrangement as it is today
    return spec


def places_for(ctx: PageContext, spec: ViewSpec) -> GeoPlaces | None:
    """A geographic view's city, districts and those consulted (issue 19); none for the network map."""
    return geo_places(ctx.engine, ctx.workspace_id) if spec.geo else None


def pictures(ctx: PageContext, spec: ViewSpec, title: str, key: str) -> None:
    """The view as a picture for a slide (PNG, 2560 px) and for print (SVG), built on click."""
    columns = st.columns(2)
    for column, fmt in zip(columns, ("png", "svg"), strict=True):
        with column:
            download_button(
                t(f"stories.{fmt}"),
                lambda fmt=fmt: view_picture(
                    map_data(ctx.engine, ctx.workspace_id), spec, title, ctx.today, fmt, places_for(ctx, spec)
                ),
                safe_file_name(t("stories.picture_name"), title, extension=fmt),
                key=f"{key}_{fmt}",
            )


def current_view(ctx: PageContext, network: Network) -> ViewSpec:
    """The view the map shows, in words, its pictures and the form that saves it."""
    spec = current_spec(ctx)
    st.subheader(t("stories.current_heading"))
    day = t("stories.as_of_day", date=format_date(spec.as_of)) if spec.as_of else t("stories.today")
    st.caption(
        t("stories.current", colour=t(f"map.colour.{spec.colour_by}"), size=t(f"map.size.{spec.size_by}"), day=day)
    )
    if spec.focus and spec.highlight in network.names:
        st.caption(t("stories.current_focus", name=escape(network.names[spec.highlight])))
    pictures(ctx, spec, t("map.html.title"), "stories_current")
    if not ctx.may_edit:
        st.info(t("stories.viewer"))
        return spec
    with st.form("stories_save", clear_on_submit=True, border=True):
        st.markdown(f"**{t('stories.save_heading')}**")
        title = st.text_input(t("stories.title"), placeholder=t("stories.title_hint"), max_chars=200)
        note = st.text_area(t("stories.note"), placeholder=t("stories.note_hint"), height=80)
        if (
            st.form_submit_button(t("stories.save"), type="primary", icon=":material/bookmark_add:")
            and run(save_view, ctx.engine, ctx.workspace_id, title, note, spec) is not None
        ):
            notify(NOTICE, t("stories.saved", title=escape(" ".join(title.split()))))
    return spec


def view_row(ctx: PageContext, saved: SavedView, first: bool, last: bool) -> None:
    """One saved view: title and note, its pictures, and (editors) move and delete."""
    with st.container(border=True):
        text, buttons = st.columns([5, 2])
        text.markdown(f"**{escape(saved.title)}**")
        if saved.spec.geo:
            text.caption(f":material/public: {kind_words(saved.spec)}")
        if saved.note:
            text.caption(escape(saved.note))
        if saved.saved_at:
            text.caption(t("stories.saved_by", date=format_date(saved.saved_at)))
        if ctx.may_edit:
            places = buttons.columns(3)
            for place, step, icon, label, off in (
                (places[0], -1, ":material/arrow_upward:", "stories.up", first),
                (places[1], 1, ":material/arrow_downward:", "stories.down", last),
            ):
                if (
                    place.button("", icon=icon, help=t(label), key=f"stories_view_{saved.id}_{step}", disabled=off)
                    and run(move_view, ctx.engine, ctx.workspace_id, saved.id, step) is not None
                ):
                    st.rerun()
            if places[2].button(
                "", icon=":material/delete:", help=t("stories.remove"), key=f"stories_view_{saved.id}_x"
            ):
                st.session_state[story_editor.ASKING] = f"view_{saved.id}"
            question = t("stories.delete.view_question", title=escape(saved.title))
            done = t("stories.delete.view_done", title=escape(saved.title))
            story_editor.confirm(ctx, f"view_{saved.id}", question, delete_view, saved.id, done)
        with text:
            pictures(ctx, saved.spec, saved.title, f"stories_view_{saved.id}")


def show(ctx: PageContext, network: Network) -> None:
    """Draw the stories tab."""
    show_notice(NOTICE)
    st.caption(t("stories.intro"))
    current_view(ctx, network)
    views = list_views(ctx.engine, ctx.workspace_id)
    st.subheader(t("stories.views_heading"))
    if not views:
        st.caption(t("stories.no_views"))
    for position, saved in enumerate(views):
        view_row(ctx, saved, position == 0, position == len(views) - 1)
    story_editor.show(ctx, views)
