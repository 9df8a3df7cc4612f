"""A story in presentation mode, in a real Chromium: the sample's default story steps forward and
back with the arrow keys, each slide with its title (and a map slide with its legend), and nothing
is fetched from outside the machine."""

import pytest
from playwright.sync_api import expect

from toolkit.i18n import t

pytestmark = pytest.mark.e2e


def test_the_default_story_steps_through_with_the_arrow_keys(page, serve_app, tmp_path, page_requests):
    """On a server of its own: the session's shared app may hold a restored copy of the sample
    (the reports test), listed first and without stories, since the backup does not carry them."""
    with serve_app(f"sqlite:///{tmp_path / 'stories.db'}", tmp_path) as url:
        steps_through(page, url, page_requests)


def steps_through(page, app_url, page_requests):
    page.goto(app_url)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Mapa de actores").click()
    page.get_by_role("tab", name=t("map.tab.stories")).click()
    # the tab's label and its heading may both read "Historias": the heading inside the open tab
    panel = page.get_by_role("tabpanel", name=t("map.tab.stories"))
    expect(panel.get_by_text(t("stories.stories_heading"), exact=True)).to_be_visible(timeout=60_000)
    page.get_by_text(t("stories.present"), exact=True).click()
    deck = page.frame_locator("iframe").last
    counter = deck.locator("#count")
    expect(counter).to_have_text("1 / 6", timeout=90_000)
    expect(deck.locator("section.slide:not([hidden]) h1")).to_have_text(t("stories.sample.title"))
    deck.locator("section.slide:not([hidden]) h1").click()  # the keys go to the presentation
    page.keyboard.press("ArrowRight")
    expect(counter).to_have_text("2 / 6")
    expect(deck.locator("section.slide:not([hidden]) h1")).to_have_text(t("stories.sample.figures_title"))
    page.keyboard.press("ArrowRight")
    shown = deck.locator("section.slide:not([hidden])")
    expect(shown.locator("h1")).to_have_text(t("stories.sample.allies_title"))
    expect(shown.locator(".legend")).to_contain_text(t("vocab.stances.ally"))
    expect(shown.locator("img")).to_be_visible()
    page.keyboard.press("ArrowLeft")
    expect(counter).to_have_text("2 / 6")
    page.locator("iframe").last.scroll_into_view_if_needed()
    deck.get_by_role("button", name=t("stories.deck.next")).click()
    expect(counter).to_have_text("3 / 6")
    assert page_requests.outside() == []
