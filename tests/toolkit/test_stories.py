"""Saved views and stories (issue 15): kept in the store on SQLite and PostgreSQL, refused to
viewers; the decks a director is shown: the PowerPoint opened with python-pptx (a native title per
slide, pictures at slide resolution, legends as text, speaker notes), the offline HTML deck (every
slide, nothing fetched from outside, hostile titles inert) and the map's picture (2000 px and more,
title, date and legend)."""

import io
from datetime import date

import pytest
from PIL import Image
from pptx import Presentation

from toolkit import access
from toolkit.decks import deck_html, deck_pptx
from toolkit.i18n import format_date, t
from toolkit.network.saved_view import ViewSpec
from toolkit.sample import STORY_DAY
from toolkit.store import StoreError
from toolkit.store.accounts import create_user, set_member
from toolkit.store.stories import (
    SlideDraft,
    add_slide,
    create_story,
    default_story,
    delete_slide,
    delete_story,
    delete_view,
    list_stories,
    list_views,
    make_default,
    move_slide,
    move_view,
    save_view,
)
from toolkit.store.workspaces import create_workspace
from toolkit.stories import build_deck, map_data, view_picture

HOSTILE = '<img src=x onerror="fetch(`https://evil.example`)">'


@pytest.fixture(scope="module")
def sample_deck(tmp_path_factory):
    """The sample's default story drawn once (the pictures take seconds), on SQLite."""
    from toolkit.store import open_store
    from toolkit.store.sample import load_sample

    engine = open_store(f"sqlite:///{tmp_path_factory.mktemp('deck') / 'deck.db'}")
    with access.acting_as(access.LOCAL):
        workspace_id = load_sample(engine)
        story = default_story(engine, workspace_id)
        deck = build_deck(engine, workspace_id, story, STORY_DAY, "es")
        picture = view_picture(map_data(engine, workspace_id), ViewSpec(), t("map.html.title"), STORY_DAY, "png")
        svg = view_picture(map_data(engine, workspace_id), ViewSpec(), t("map.html.title"), STORY_DAY, "svg")
    yield story, deck, picture, svg
    engine.dispose()


def test_views_are_saved_listed_reordered_and_deleted(engine):
    workspace_id = create_workspace(engine, "Quito").id
    first = save_view(engine, workspace_id, "  Aliados en  cooperación ", "Quién suma", ViewSpec(colour_by="stance"))
    second = save_view(engine, workspace_id, HOSTILE, "", ViewSpec(sectors=("academia",), highlight=3, focus=True))
    views = list_views(engine, workspace_id)
    assert [v.title for v in views] == ["Aliados en cooperación", HOSTILE]
    assert views[0].spec.colour_by == "stance" and views[1].spec.map_filter().focus == 3
    assert move_view(engine, workspace_id, second, -1) is True
    assert [v.id for v in list_views(engine, workspace_id)] == [second, first]
    assert move_view(engine, workspace_id, second, -1) is False  # already first
    story_id = create_story(engine, workspace_id, "Informe", "", [SlideDraft("view", first), SlideDraft("grid")])
    assert delete_view(engine, workspace_id, first) == 1  # its slide leaves the story
    assert [s.kind for s in list_stories(engine, workspace_id)[0].slides] == ["grid"]
    assert [v.id for v in list_views(engine, workspace_id)] == [second]
    assert list_stories(engine, workspace_id)[0].id == story_id
    with pytest.raises(StoreError) as refused:
        save_view(engine, workspace_id, "   ", "", ViewSpec())
    assert refused.value.reason == "story_title_required"


def test_stories_keep_their_slides_in_order_and_one_default(engine):
    workspace_id = create_workspace(engine, "Quito").id
    view_id = save_view(engine, workspace_id, "Mapa", "", ViewSpec())
    first = create_story(engine, workspace_id, "Concejo", "", [SlideDraft("figures"), SlideDraft("view", view_id)])
    second = create_story(engine, workspace_id, "Dirección")
    assert default_story(engine, workspace_id).id == first  # the first story made is the default
    text = add_slide(engine, workspace_id, first, SlideDraft("text", title="Qué decidir", body="Uno\nDos"))
    assert move_slide(engine, workspace_id, text, -1)
    story = list_stories(engine, workspace_id)[0]
    assert [s.kind for s in story.slides] == ["figures", "text", "view"]
    assert delete_slide(engine, workspace_id, story.slides[0].id)
    assert [s.kind for s in list_stories(engine, workspace_id)[0].slides] == ["text", "view"]
    make_default(engine, workspace_id, second)
    assert default_story(engine, workspace_id).id == second
    delete_story(engine, workspace_id, second)
    assert default_story(engine, workspace_id).id == first  # the next one takes over
    with pytest.raises(StoreError) as refused:
        add_slide(engine, workspace_id, first, SlideDraft("view", 999_999))
    assert refused.value.reason == "story_view_not_found"
    with pytest.raises(StoreError):
        add_slide(engine, workspace_id, first, SlideDraft("video"))


def test_a_viewer_reads_the_stories_but_changes_nothing(engine):
    workspace_id = create_workspace(engine, "Quito").id
    view_id = save_view(engine, workspace_id, "Mapa", "", ViewSpec())
    story_id = create_story(engine, workspace_id, "Concejo", "", [SlideDraft("view", view_id)])
    user_id = create_user(engine, "visora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "visora", "viewer")
    with access.acting_as(access.Person(user_id, "visora")):
        assert [v.title for v in list_views(engine, workspace_id)] == ["Mapa"]
        assert default_story(engine, workspace_id).id == story_id
        for attempt in (
            lambda: save_view(engine, workspace_id, "Otra", "", ViewSpec()),
            lambda: move_view(engine, workspace_id, view_id, 1),
            lambda: delete_view(engine, workspace_id, view_id),
            lambda: create_story(engine, workspace_id, "Otra"),
            lambda: add_slide(engine, workspace_id, story_id, SlideDraft("grid")),
            lambda: delete_story(engine, workspace_id, story_id),
        ):
            with pytest.raises(StoreError) as refused:
                attempt()
            assert refused.value.reason == "not_allowed"
    assert len(list_stories(engine, workspace_id)[0].slides) == 1


def test_the_sample_opens_with_a_default_story_of_five_slides(engine, sample_id):
    story = default_story(engine, sample_id)
    assert story is not None and story.title == t("stories.sample.title")
    assert [s.kind for s in story.slides] == ["figures", "view", "view", "grid", "text"]
    views = list_views(engine, sample_id)
    assert [v.title for v in views] == [t("stories.sample.allies_title"), t("stories.sample.embassy_title")]
    assert views[1].spec.focus and views[1].spec.highlight is not None


def test_the_powerpoint_has_titles_pictures_legends_and_notes(sample_deck):
    story, deck, _, _ = sample_deck
    presentation = Presentation(io.BytesIO(deck_pptx(deck)))
    slides = list(presentation.slides)
    assert len(slides) == len(story.slides) + 1  # a title slide first
    titles = [slide.shapes.title.text for slide in slides]
    assert titles[0] == story.title
    assert titles[2] == t("stories.sample.allies_title") and all(titles)
    for slide in slides[1:]:
        pictures = [shape for shape in slide.shapes if shape.shape_type == 13]
        if pictures:
            width = Image.open(io.BytesIO(pictures[0].image.blob)).size[0]
            assert width >= 1600, width
    map_slide = slides[2]
    words = " ".join(shape.text_frame.text for shape in map_slide.shapes if shape.has_text_frame)
    assert t("vocab.stances.ally") in words and t("map.html.relations") in words  # the legend, as text
    assert t("stories.size_means", what=t("map.size.influence")) in words
    assert map_slide.notes_slide.notes_text_frame.text == t("stories.sample.allies_note")
    assert slides[-1].notes_slide.notes_text_frame.text == t("stories.sample.decide_note")
    assert t("stories.figures.actors") in " ".join(s.text_frame.text for s in slides[1].shapes if s.has_text_frame)


def test_the_html_deck_has_every_slide_and_asks_for_nothing_outside(sample_deck):
    story, deck, _, _ = sample_deck
    page = deck_html(deck)
    assert page.count('<section class="slide') == len(story.slides) + 1
    assert "://" not in page.replace("http-equiv", "")  # no URL: pictures are inline
    assert page.count("data:image/png;base64,") == 3  # two map views and the grid
    assert "default-src 'none'" in page
    for slide in deck.slides:
        assert slide.title in page
    assert t("stories.deck.next") in page and "ArrowRight" in page


def test_a_hostile_title_is_shown_as_text_in_both_decks():
    from toolkit.stories import Deck, DeckSlide

    deck = Deck(HOSTILE, "Quito", "22 nov 2026", "es", [DeckSlide("text", HOSTILE, lines=[HOSTILE], note="ok")])
    page = deck_html(deck)
    assert "<img src=x" not in page and "&lt;img src=x" in page
    slides = list(Presentation(io.BytesIO(deck_pptx(deck))).slides)
    assert slides[1].shapes.title.text == HOSTILE


def test_the_map_picture_is_wide_enough_for_a_slide_with_title_date_and_legend(sample_deck):
    _, _, picture, svg = sample_deck
    assert Image.open(io.BytesIO(picture)).size[0] >= 2000
    text = svg.decode("utf-8")
    assert t("map.html.title") in text and format_date(STORY_DAY) in text
    assert t("map.colour.sector") in text and t("map.html.relations") in text


def test_a_saved_view_reads_back_whatever_is_stored():
    spec = ViewSpec(colour_by="contact", as_of=date(2026, 5, 1), stances=(2, None), positions={4: (1.5, -2.0)})
    assert ViewSpec.from_json(spec.to_json()) == spec
    assert ViewSpec.from_json({"colour_by": "<script>", "min_strength": 99, "as_of": "ayer"}) == ViewSpec()


def _cli(*args):
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).parents[2]
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=root, capture_output=True, text=True, timeout=180
    )


def test_the_command_line_writes_the_default_story_and_the_map_picture(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert _cli("sample", "--workspace", "Mapa", "--db", db).returncode == 0
    deck, picture, page = tmp_path / "deck.pptx", tmp_path / "map.png", tmp_path / "deck.html"
    for out, extra in ((deck, ()), (picture, ()), (page, ("--story",))):
        done = _cli("export", "--workspace", "Mapa", "--out", str(out), "--db", db, *extra)
        assert done.returncode == 0, done.stderr
    slides = list(Presentation(str(deck)).slides)
    assert slides[0].shapes.title.text == t("stories.sample.title") and len(slides) == 6
    assert Image.open(picture).size[0] >= 2000
    assert page.read_text("utf-8").count('<section class="slide') == 6
    empty = create_workspace_for_cli(db)
    refused = _cli("export", "--workspace", empty, "--out", str(tmp_path / "x.pptx"), "--db", db)
    assert refused.returncode == 2 and t("cli.story.none", workspace=empty) in refused.stderr


def create_workspace_for_cli(db: str) -> str:
    from toolkit.store import open_store

    engine = open_store(db)
    create_workspace(engine, "Sin historias")
    engine.dispose()
    return "Sin historias"
