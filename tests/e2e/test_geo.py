"""The geographic map in a real Chromium (issue 19): with the network cut off (every request that
would leave the machine is refused), the world and the territory are drawn, and nothing was asked
of the outside."""

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
