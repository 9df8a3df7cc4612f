"""The geographic view in stories (issue 19): a saved view holds the world (zoomed to a region) or
the territory (coloured by actors or by those consulted) with the network map's filters; a story
step shows it as a picture with its legend and lines in words, in the HTML and PowerPoint decks;
views saved before issue 19 still read back as the network map."""

import io

from PIL import Image
from pptx import Presentation

from toolkit.decks import deck_html, deck_pptx
from toolkit.geo_stories import geo_places
from toolkit.i18n import t
from toolkit.network.saved_view import ViewSpec
from toolkit.sample import STORY_DAY
from toolkit.store.stories import SlideDraft, create_story, list_stories, list_views, save_view
from toolkit.stories import build_deck, map_data, view_picture


def test_a_view_saved_before_the_geographic_map_reads_back_as_the_network_map():
    old = ViewSpec.from_json({"colour_by": "stance", "stances": [1, 2], "positions": {"3": [1, 2]}})
    assert (old.geo, old.region, old.geo_colour) == ("", "world", "actors")
    kept = ViewSpec.from_json(ViewSpec(geo="world", region="europe", sectors=("academia",)).to_json())
    assert (kept.geo, kept.region, kept.sectors) == ("world", "europe", ("academia",))
    hostile = ViewSpec.from_json({"geo": "<script>", "region": "../../etc", "geo_colour": 3})
    assert (hostile.geo, hostile.region, hostile.geo_colour) == ("", "world", "actors")


def test_a_story_steps_through_the_world_and_the_territory_in_both_decks(engine, sample_id):
    europe = save_view(engine, sample_id, "Aliados en Europa", "", ViewSpec(geo="world", region="europe"))
    comunas = save_view(
        engine, sample_id, "Comunas consultadas", "Nota", ViewSpec(geo="territory", geo_colour="consulted")
    )
    network = save_view(engine, sample_id, "Red", "", ViewSpec(colour_by="stance"))
    slides = [SlideDraft("view", europe), SlideDraft("view", comunas), SlideDraft("view", network)]
    story_id = create_story(engine, sample_id, "Territorio", "", slides)
    story = next(s for s in list_stories(engine, sample_id) if s.id == story_id)
    deck = build_deck(engine, sample_id, story, STORY_DAY, "es")
    world, territory, net = deck.slides
    assert world.subtitle.startswith(f"{t('geo.views.world')} · {t('geo.regions.europe')}")
    assert any("Francia" in line for line in world.lines)  # the countries named in words
    assert ("note", t("geo.world.legend_note")) in world.legend
    assert territory.subtitle.startswith(t("geo.views.territory"))
    assert territory.legend[0] == ("title", t("geo.story.shaded_consulted"))
    assert any("Guayabal" in line for line in territory.lines)  # nobody consulted there, said in words
    assert territory.note == "Nota" and net.lines == []
    for slide in (world, territory):
        width, height = Image.open(io.BytesIO(slide.picture)).size
        assert width >= 2000 and height >= 1000
    page = deck_html(deck)
    assert page.count('data-kind="view"') == 3 and "://" not in page.split("<style>")[0]
    shown = Presentation(io.BytesIO(deck_pptx(deck)))
    assert [s.shapes.title.text for s in list(shown.slides)[1:]] == ["Aliados en Europa", "Comunas consultadas", "Red"]


def test_the_stories_tab_pictures_a_geographic_view_with_title_and_legend(engine, sample_id):
    view_id = save_view(engine, sample_id, "Mundo", "", ViewSpec(geo="territory"))
    spec = next(v.spec for v in list_views(engine, sample_id) if v.id == view_id)
    picture = view_picture(map_data(engine, sample_id), spec, "Mundo", STORY_DAY, "png", geo_places(engine, sample_id))
    assert Image.open(io.BytesIO(picture)).size == (2560, 1440)
    svg = view_picture(map_data(engine, sample_id), spec, "Mundo", STORY_DAY, "svg", geo_places(engine, sample_id))
    assert b"Guayabal" in svg  # each comuna named on the picture
