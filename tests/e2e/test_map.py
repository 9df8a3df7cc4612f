"""The actor map in a real Chromium: drawn with every node, offline, and user text never runs."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from toolkit.domain import Actor, Relation
from toolkit.i18n import t
from toolkit.store import open_store
from toolkit.store.register import add_actor, add_relation, list_actors
from toolkit.store.workspaces import create_workspace, list_workspaces

pytestmark = pytest.mark.e2e
HOSTILE = "<img src=x onerror=alert(1)>"
SHOWING = t("map.showing", actors="\x00", total="", relations="").split("\x00")[0]
# every name drawn on the canvas as vis-network placed it, in the page's pixels, and how many pairs overlap
LABEL_OVERLAPS = """() => { const net = window.hojaMap; const boxes = [];
  for (const id of net.body.nodeIndices) { const node = net.body.nodes[id]; const font = node.options.font;
    if (!node.options.label || font.color === 'rgba(0,0,0,0)') continue;
    const z = node.labelModule.size; if (!z || !z.width) continue;
    const a = net.canvasToDOM({x: z.left, y: z.top}), b = net.canvasToDOM({x: z.left + z.width, y: z.top + z.height});
    boxes.push([a.x, a.y, b.x, b.y]); }
  let pairs = 0;
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const p = boxes[i], q = boxes[j]; if (p[0] < q[2] && q[0] < p[2] && p[1] < q[3] && q[1] < p[3]) pairs++; }
  return {names: boxes.length, overlapping: pairs}; }"""


def open_map(page, app_url=None):
    if app_url:
        page.goto(app_url)
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Mapa de actores").click()
    expect(page.get_by_text(SHOWING)).to_be_visible(timeout=60_000)
    frame = page.frame_locator("iframe").first
    expect(frame.locator("body[data-drawn]")).to_be_attached(timeout=60_000)
    return frame


def test_the_sample_map_is_drawn_with_every_actor_and_nothing_leaves_the_machine(
    page, app_url, app_database, page_requests
):
    frame = open_map(page, app_url)
    engine = open_store(app_database)
    sample = next(w for w in list_workspaces(engine) if "Medellín" in w.name)
    expected = len(list_actors(engine, sample.id))
    assert frame.locator("body").get_attribute("data-drawn") == str(expected)
    assert frame.locator("canvas").count() == 1
    drawn = page.frames[-1].evaluate("() => window.hojaMap ? window.hojaMap.body.data.nodes.length : -1")
    assert drawn == expected
    expect(page.locator(".hoja-map-legend").get_by_text("Gobierno local")).to_be_visible()  # the legend
    assert page_requests and page_requests.outside() == []


def test_a_hostile_actor_name_never_runs_as_script(page, app_url, app_database, page_requests):
    engine = open_store(app_database)
    workspace = create_workspace(engine, "Prueba XSS")
    bad = add_actor(engine, workspace.id, Actor(HOSTILE, influence=5, interest=5))
    good = add_actor(engine, workspace.id, Actor("Aliado", influence=3, interest=3))
    add_relation(engine, workspace.id, Relation(bad, good))
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(app_url)
    page.get_by_role("combobox", name="Espacio de trabajo").click()
    page.get_by_role("option", name="Prueba XSS").click()
    frame = open_map(page)
    map_frame = next(f for f in page.frames if f.evaluate("() => !!window.hojaMap"))
    assert map_frame.evaluate("() => document.querySelectorAll('img').length") == 0
    # hover the hostile node: its tooltip shows the name as text
    point = map_frame.evaluate("""() => { const net = window.hojaMap; const id = net.body.data.nodes.getIds()
        .find(i => net.body.data.nodes.get(i).label.startsWith('<img'));
        return net.canvasToDOM(net.getPosition(id)); }""")
    box = page.locator("iframe").first.bounding_box()
    page.mouse.move(box["x"] + point["x"], box["y"] + point["y"])
    expect(frame.locator("div.vis-tooltip")).to_contain_text(HOSTILE, timeout=10_000)
    page.wait_for_timeout(500)
    assert dialogs == []
    assert map_frame.evaluate("() => document.querySelectorAll('img').length") == 0
    assert frame.locator("body").get_attribute("data-drawn") == "2"
    assert page_requests.outside() == []


def test_the_png_button_saves_an_image_of_the_map(page, app_url):
    frame = open_map(page, app_url)
    with page.expect_download(timeout=30_000) as download:
        frame.get_by_role("button", name="Descargar imagen (PNG)").click()
    saved = download.value
    assert saved.suggested_filename == "mapa_de_actores.png"
    data = Path(saved.path()).read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 10_000


def map_frame_of(page):
    return next(f for f in page.frames if f.evaluate("() => !!window.hojaMap"))


def test_the_legend_is_page_text_outside_the_map_s_frame(page, app_url):
    frame = open_map(page, app_url)
    legend = page.locator(".hoja-map-legend")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text(t("map.legend.size.influence"))
    assert frame.locator("#legend").inner_text() == ""  # nothing of it inside the frame
    box, drawn = legend.bounding_box(), page.locator("iframe").first.bounding_box()
    assert box["x"] >= drawn["x"] + drawn["width"] - 1  # beside the map, on its right


def test_the_first_view_names_the_largest_actors_without_overlapping_names(page, app_url):
    open_map(page, app_url)
    measured = map_frame_of(page).evaluate(LABEL_OVERLAPS)
    assert measured["names"] >= 5 and measured["overlapping"] == 0, measured
    # zooming in with the map's own button makes room for more names, still none over another
    map_frame_of(page).locator("#zoom-in").click()
    map_frame_of(page).locator("#zoom-in").click()
    page.wait_for_timeout(800)
    closer = map_frame_of(page).evaluate(LABEL_OVERLAPS)
    assert closer["names"] > measured["names"] and closer["overlapping"] == 0, closer


def test_the_wheel_over_the_map_scrolls_the_page_and_ctrl_wheel_zooms_the_map(page, app_url):
    open_map(page, app_url)
    net = map_frame_of(page)
    scale = net.evaluate("() => window.hojaMap.getScale()")
    scrolled = """() => [...document.querySelectorAll('*')].reduce((sum, e) => sum + e.scrollTop, 0) + window.scrollY"""
    before = page.evaluate(scrolled)
    box = page.locator("iframe").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 300))
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(600)
    assert page.evaluate(scrolled) > before  # the page moved
    assert net.evaluate("() => window.hojaMap.getScale()") == scale  # the map did not zoom
    box = page.locator("iframe").first.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    page.wait_for_timeout(600)
    assert net.evaluate("() => window.hojaMap.getScale()") > scale
