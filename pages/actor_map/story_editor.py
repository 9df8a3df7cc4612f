"""The stories of the stories tab: choose one, present it full screen, download it as PowerPoint or
offline HTML, reorder or remove its slides, add one, make a new story from the saved views."""

from datetime import date

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.dialogs import dialog
from pages._kit.files import download_button, safe_file_name
from pages._kit.outcome import run
from toolkit.decks import deck_html, deck_pptx
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.stories import (
    SLIDE_KINDS,
    SavedView,
    SlideDraft,
    Story,
    add_slide,
    create_story,
    delete_slide,
    delete_story,
    list_stories,
    make_default,
    move_slide,
)
from toolkit.stories import Deck, build_deck

NOTICE = "stories"
ASKING = "stories_asking"  # which deletion the open question is about
EXTRAS = ("figures", "grid", "indicators")


@st.cache_data(max_entries=8, show_spinner=False)
def deck_at(_engine, url: str, workspace_id: int, revision: int, story_id: int, lang: str, today: date) -> Deck:
    """The story's slides drawn once per revision, language and day (a picture takes a second)."""
    story = next(s for s in list_stories(_engine, workspace_id) if s.id == story_id)
    return build_deck(_engine, workspace_id, story, today, lang)


def slide_name(slide, views: dict[int, SavedView]) -> str:
    shown = views.get(slide.view_id)
    return slide.title or (shown.title if shown else "") or t(f"stories.kind.{slide.kind}")


def confirm(ctx: PageContext, token: str, question: str, use_case, item_id: int, done: str) -> None:
    """Ask before deleting a view or a story or taking a slide out: the question stays open across
    reruns until answered (closing it is an answer)."""

    def stop() -> None:
        st.session_state.pop(ASKING, None)

    @dialog(t("stories.delete.title"), on_dismiss=stop)  # built on each run: in the reader's language
    def ask() -> None:
        st.write(question)
        confirmed = st.button(t("stories.delete.confirm"), type="primary", key="stories_delete_ok")
        if confirmed:
            stop()
        if confirmed and run(use_case, ctx.engine, ctx.workspace_id, item_id) is not None:
            notify(NOTICE, done)

    if st.session_state.get(ASKING) == token:
        ask()


def slide_rows(ctx: PageContext, story: Story, views: dict[int, SavedView]) -> None:
    """The story's slides in order; editors move them and take them out."""
    st.markdown(f"**{t('stories.slides_heading')}**")
    if not story.slides:
        st.caption(t("stories.no_slides"))
    for position, slide in enumerate(story.slides):
        name = slide_name(slide, views)
        text, up, down, out = st.columns([8, 1, 1, 1])
        text.markdown(f"{position + 1}. {escape(name)} · *{t(f'stories.kind.{slide.kind}')}*")
        if not ctx.may_edit:
            continue
        for place, step, icon, label, off in (
            (up, -1, ":material/arrow_upward:", "stories.up", position == 0),
            (down, 1, ":material/arrow_downward:", "stories.down", position == len(story.slides) - 1),
        ):
            if (
                place.button("", icon=icon, help=t(label), key=f"stories_slide_{slide.id}_{step}", disabled=off)
                and run(move_slide, ctx.engine, ctx.workspace_id, slide.id, step) is not None
            ):
                st.rerun()
        if out.button("", icon=":material/delete:", help=t("stories.remove"), key=f"stories_slide_{slide.id}_x"):
            st.session_state[ASKING] = f"slide_{slide.id}"
        question = t("stories.delete.slide_question", title=escape(name))
        confirm(ctx, f"slide_{slide.id}", question, delete_slide, slide.id, t("stories.delete.slide_done"))


def add_form(ctx: PageContext, story: Story, views: dict[int, SavedView]) -> None:
    """Add a slide at the end of the story."""
    with st.expander(t("stories.add.heading"), icon=":material/add:"):
        kind = st.selectbox(
            t("stories.add.kind"), SLIDE_KINDS, key="stories_add_kind", format_func=lambda k: t(f"stories.kind.{k}")
        )
        with st.form("stories_add", clear_on_submit=True, border=False):
            view_id = None
            if kind == "view" and not views:
                st.caption(t("stories.add.no_views"))
                view_id = st.selectbox(t("stories.add.view"), list(views), format_func=lambda i: views[i].title)
            title = st.text_input(t("stories.add.title"), max_chars=200)
            body = st.text_area(t("stories.add.body"), height=100) if kind == "text" else ""
            note = st.text_area(t("stories.add.note"), height=80)
            if st.form_submit_button(t("stories.add.submit"), icon=":material/add:"):
                draft = SlideDraft(kind, view_id, title, body, note)
                if run(add_slide, ctx.engine, ctx.workspace_id, story.id, draft) is not None:
                    notify(NOTICE, t("stories.add.added"))


def new_story_form(ctx: PageContext, views: list[SavedView]) -> None:
    """A new story: a title, the saved views in the order chosen, and the other slides to add."""
    with st.expander(t("stories.new.heading"), icon=":material/playlist_add:"), st.form("stories_new", border=False):
        title = st.text_input(
            t("stories.title"), placeholder=t("stories.new.title_hint"), max_chars=200, key="stories_new_title"
        )
        named = {saved.id: saved.title for saved in views}
        chosen = st.multiselect(
            t("stories.new.views"),
            list(named),
            format_func=named.get,
            placeholder=t("common.choose"),
            key="stories_new_views",
        )
        extras = st.pills(
            t("stories.new.extras"),
            EXTRAS,
            selection_mode="multi",
            format_func=lambda k: t(f"stories.kind.{k}"),
            key="stories_new_extras",
        )
        if st.form_submit_button(t("stories.new.submit"), type="primary", icon=":material/playlist_add:"):
            slides = [SlideDraft("view", view_id) for view_id in chosen] + [SlideDraft(kind) for kind in extras or []]
            if run(create_story, ctx.engine, ctx.workspace_id, title, "", slides) is not None:
                clean_title = escape(" ".join(title.split()))
                notify(NOTICE, t("stories.new.created", title=clean_title, count=len(slides)))


def presentation(ctx: PageContext, story: Story) -> None:
    """Present the story here, full screen on request, and its two downloads."""
    with st.spinner(t("stories.building")):
        deck = deck_at(ctx.engine, *ctx.cache_key(), story.id, ctx.lang, ctx.today)
    page = deck_html(deck)
    stem = safe_file_name(story.title, extension="x")[:-2]
    left, right = st.columns(2)
    with left:
        download_button(t("stories.download_pptx"), lambda: deck_pptx(deck), f"{stem}.pptx", key="stories_pptx")
    with right:
        download_button(t("stories.download_html"), page.encode("utf-8"), f"{stem}.html", key="stories_html")
    if st.toggle(t("stories.present"), key="stories_present", help=t("stories.present_help")):
        st.caption(t("stories.present_hint"))
        st.iframe(page, height=680)


def story_actions(ctx: PageContext, story: Story) -> None:
    """Make the story the default one; delete it (after asking)."""
    left, right = st.columns(2)
    if (
        not story.is_default
        and left.button(t("stories.make_default"), key="stories_default", help=t("stories.make_default_help"))
        and run(make_default, ctx.engine, ctx.workspace_id, story.id) is not None
    ):
        notify(NOTICE, t("stories.made_default", title=escape(story.title)))
    if right.button(t("stories.delete_story"), icon=":material/delete:", key="stories_delete_story"):
        st.session_state[ASKING] = f"story_{story.id}"
    question = t("stories.delete.story_question", title=escape(story.title))
    done = t("stories.delete.story_done", title=escape(story.title))
    confirm(ctx, f"story_{story.id}", question, delete_story, story.id, done)


def show(ctx: PageContext, views: list[SavedView]) -> None:
    """The stories: one chosen at a time."""
    st.subheader(t("stories.stories_heading"))
    found = list_stories(ctx.engine, ctx.workspace_id)
    if not found:
        st.caption(t("stories.no_stories"))
    else:
        named = {s.id: t("stories.default_mark", title=s.title) if s.is_default else s.title for s in found}
        chosen = st.selectbox(t("stories.story"), list(named), format_func=named.get, key="stories_chosen")
        story = next((s for s in found if s.id == chosen), found[0])
        presentation(ctx, story)
        by_id = {saved.id: saved for saved in views}
        slide_rows(ctx, story, by_id)
        if ctx.may_edit:
            add_form(ctx, story, by_id)
            story_actions(ctx, story)
    if ctx.may_edit:
        new_story_form(ctx, views)
