"""The geographic map in a real Chromium (issue 19): with the network cut off (every request that
would leave the machine is refused), the world and the territory are drawn, and nothing was asked
of the outside."""

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import is_local
from toolkit.i18n import t

pytestmark = pytest.mark.e2e
WORLD_DOTS = "() => { const plot = document.querySelector('.js-plotly-plot'); return plot ? plot.data.length : 0; }"
POINTS = """() => { const plot = document.querySelector('.js-plotly-plot');
  const dots = plot.data[plot.data.length - 1]; return dots.x.length; }"""


def cut_off(page) -> list[str]:
    """Refuse every request that would leave this machine, as with the cable pulled; the refused ones."""
    refused = []

    def handle(route):
        if is_local(route.request.url):
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort("internetdisconnected")

    page.route("**/*", handle)
    return refused


def test_the_world_and_the_territory_draw_with_the_network_cut_off(page, app_url, page_requests):
    refused = cut_off(page)
    page.goto(app_url)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Mapa de actores").click()
    page.get_by_role("tab", name=t("map.tab.geo")).click(timeout=60_000)
    expect(page.locator(".js-plotly-plot")).to_be_visible(timeout=60_000)
    expect(page.locator(".js-plotly-plot .scatterlayer .trace").first).to_be_attached(timeout=30_000)
    assert page.evaluate(WORLD_DOTS) >= 3  # the countries, the arcs, the partners
    assert page.evaluate(POINTS) == 90
    assert page.locator(".js-plotly-plot path.js-fill").count() > 0  # the countries are drawn, from the app
    page.get_by_text(t("geo.views.territory"), exact=True).click()
    expect(page.get_by_text("Guayabal").first).to_be_visible(timeout=30_000)
    expect(page.get_by_text(t("geo.territory.nobody_consulted", count=2, names="")[:20])).to_be_visible()
    assert refused == [] and page_requests and page_requests.outside() == []


CLICKABLE = """([lon, lat]) => { const plots = document.querySelectorAll('.js-plotly-plot');
  const gd = plots[plots.length - 1]; const L = gd._fullLayout; const box = gd.getBoundingClientRect();
  if (!L || !gd.data.some(trace => trace.name === 'grid')) return null;
  return [box.left + L._size.l + L.xaxis.l2p(lon), box.top + L._size.t + L.yaxis.l2p(lat)]; }"""


def test_an_actor_is_placed_with_a_click_on_the_territory_with_the_network_cut_off(
    page, serve_app, tmp_path, page_requests
):
    from toolkit.store import open_store
    from toolkit.store.register import list_actors

    database = f"sqlite:///{tmp_path / 'click.db'}"
    with serve_app(database, tmp_path) as url:
        refused = cut_off(page)
        page.goto(url)
        page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Mapa de actores").click()
        page.get_by_role("tab", name=t("map.tab.geo")).click(timeout=60_000)
        expect(page.locator(".js-plotly-plot").first).to_be_visible(timeout=60_000)
        page.get_by_text(t("geo.click.start"), exact=True).click()
        search = page.get_by_label(t("geo.click.search"))
        search.fill("colombiano")
        search.press("Enter")
        picked = page.get_by_role("combobox", name=t("geo.hand.actor")).first
        expect(picked).to_have_value(re.compile("^El Colombiano"), timeout=30_000)  # the best match, chosen
        page.wait_for_function(f"() => ({CLICKABLE})([-75.5825, 6.2105]) !== null", timeout=30_000)
        page.locator(".js-plotly-plot").last.scroll_into_view_if_needed()
        x, y = page.evaluate(CLICKABLE, [-75.5825, 6.2105])  # a spot of Guayabal with nobody on it
        page.mouse.move(x, y)
        page.mouse.click(x, y)
        chosen = page.get_by_test_id("stAlertContentInfo").filter(has_text="El Colombiano")
        expect(chosen).to_contain_text("Guayabal", timeout=30_000)
        page.get_by_role("button", name=t("geo.click.save")).click()
        saved = t("geo.click.saved", name="El Colombiano", district="Guayabal")
        expect(page.get_by_text(saved)).to_be_visible(timeout=30_000)
        engine = open_store(database)
        placed = next(a for a in list_actors(engine, 1) if a.name == "El Colombiano")
        engine.dispose()
        assert placed.district == "Guayabal" and placed.place_source == "hand"
        assert abs(placed.latitude - 6.2105) < 0.01 and abs(placed.longitude + 75.5825) < 0.01
    assert refused == [] and page_requests and page_requests.outside() == []
