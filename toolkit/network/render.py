"""The interactive map as one self-contained HTML page (the only module that knows pyvis).

pyvis is unmaintained: it is used for what it does well, holding the node and edge lists
(filled directly, since its ``add_node`` is quadratic) and shipping vis-network's
JavaScript, while the page itself comes from our own template:

* offline: vis-network is inlined from pyvis's package, no CDN, no Bootstrap;
* user text never runs as script: nodes get generated ids, the data travels as JSON inside
  a ``<script type="application/json">`` element with ``<`` escaped, and labels, tooltips,
  legend and captions are set with ``textContent``; no user text goes into headings or menus.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pyvis
from pyvis.network import Network

from toolkit.network.view import MapView

VIS_JS = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
LARGE_MAP = 1_500
LABEL_PX = 13  # names are drawn this size on screen at every zoom, so zooming in makes room for more
EDGE_ALPHA = 0.4
EDGE_ALPHA_OFF_PATH = 0.25


@cache
def _vis_network_js() -> str:
    return VIS_JS.read_text("utf-8")


def network_of(view: MapView) -> Network:
    """A pyvis network holding the view's nodes and edges, physics off."""
    network = Network(directed=False, cdn_resources="in_line")
    network.nodes = view.nodes
    network.edges = view.edges
    network.node_ids = [node["id"] for node in view.nodes]
    network.node_map = {node["id"]: node for node in view.nodes}
    network.toggle_physics(False)
    return network


def _options(size: int) -> dict:
    large = size > LARGE_MAP
    return {
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
        "nodes": {
            "shape": "dot",
            "borderWidth": 1,
            "font": {"size": LABEL_PX, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
        },
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5, "color": {"inherit": False}},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,  # our own buttons, in the reader's language
            "keyboard": False,
            "zoomView": True,  # the wheel zooms only with Ctrl or ⌘ held: see the page's wheel listener
        },
    }


def _light(colour: str, alpha: float) -> str:
    """A ``#rrggbb`` colour as ``rgba`` with ``alpha`` (edges are light until hovered or selected).

    >>> _light("#0072B2", 0.4)
    'rgba(0,114,178,0.4)'
    """
    red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red},{green},{blue},{alpha})"


def _edge_colours(edges: list[dict], path: bool) -> list[dict]:
    """vis-network's colours of each edge: light by default, full on hover and selection, and full
    all the time on the path shown."""
    drawn = []
    for edge in edges:
        colour = edge["color"]
        strong = edge.get("strong", False)
        light = colour if strong else _light(colour, EDGE_ALPHA_OFF_PATH if path else EDGE_ALPHA)
        drawn.append({**edge, "color": {"color": light, "highlight": colour, "hover": colour}})
    return drawn


def _json_for_script(value: object) -> str:
    """JSON that cannot close its <script> element or open another one."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def map_html(
    view: MapView,
    texts: dict[str, str],
    height: int = 640,
    presentation: bool = False,
    focus: str | None = None,
    legend: bool = True,
    view_key: str = "",
) -> str:
    """The whole page. ``texts`` are catalog words: title, caption (may hold user text, shown as
    text), date, legend, size, relations, download_png, png_name, zoom_in, zoom_out, fit,
    zoom_hint, lang. ``legend``: draw the legend under the map (a file opened alone); the app
    writes it as page text beside the map instead. ``view_key``: where the browser keeps the
    zoom and position between reruns, tabs and pages (empty: not kept)."""
    network = network_of(view)
    payload = {
        "nodes": network.nodes,
        "edges": _edge_colours(network.edges, bool(view.path)),
        "options": _options(len(network.nodes)),
        "legendNodes": [
            (f"{caption} ({view.counts[caption]})" if caption in view.counts else caption, colour)
            for caption, colour in view.legend_nodes
        ]
        if legend
        else [],
        "legendEdges": view.legend_edges if legend else [],
        "texts": texts,
        "presentation": presentation,
        "focus": focus,
        "labelOrder": view.label_order or [node["id"] for node in view.nodes],
        "firstLabels": view.first_labels,
        "labelPx": LABEL_PX,
        "viewKey": view_key,
        "embedded": not legend,
    }
    return (
        TEMPLATE.replace("__LANG__", "".join(ch for ch in texts.get("lang", "es") if ch.isalpha())[:5])
        .replace("__HEIGHT__", str(int(height)))
        .replace("__VIS_JS__", _vis_network_js().replace("</script", "<\\/script"))
        .replace("__PAYLOAD__", _json_for_script(payload))
    )


TEMPLATE = """<!DOCTYPE html>
<html lang="__LANG__">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data: blob:">
<title>Hoja de Ruta</title>
<style>
  html, body { margin: 0; padding: 0; font-family: "Source Sans Pro", "Segoe UI", Arial, sans-serif; color: #222; background: #fff; }
  #head { display: none; padding: 12px 16px 0 16px; }
  #head h1 { font-size: 22px; margin: 0 0 2px 0; }
  #head .caption { color: #555; font-size: 14px; }
  body.presentation #head { display: block; }
  body.embedded { overflow: hidden; }
  #wrap { position: relative; }
  #map { width: 100%; height: __HEIGHT__px; border: 1px solid #e6e6e6; box-sizing: border-box; }
  #legend { display: flex; flex-wrap: wrap; gap: 6px 14px; padding: 8px 16px; font-size: 14px; }
  #legend:empty { display: none; }
  #legend .title { font-weight: 600; width: 100%; }
  #legend .note { color: #555; width: 100%; }
  #legend .item { display: inline-flex; align-items: center; gap: 6px; }
  #legend .dot { width: 12px; height: 12px; border-radius: 50%; display: inline-block; box-sizing: border-box; border: 1px solid rgba(0,0,0,.45); }
  #legend .line { width: 26px; height: 0; border-top: 3px solid; display: inline-block; }
  #legend .line.dashed { border-top-style: dashed; }
  #tools { position: absolute; top: 8px; right: 8px; display: flex; gap: 4px; }
  #tools button { font: inherit; font-size: 13px; min-width: 30px; padding: 4px 10px; border: 1px solid #ccc; border-radius: 6px; background: #fff; cursor: pointer; }
  #tools button.zoom { font-size: 16px; line-height: 18px; padding: 3px 8px; }
  #hint { position: absolute; left: 50%; top: 50%; transform: translate(-50%, -50%); background: rgba(34,34,34,.82); color: #fff;
    padding: 8px 14px; border-radius: 6px; font-size: 14px; pointer-events: none; opacity: 0; transition: opacity .25s; }
  #hint.shown { opacity: 1; }
  div.vis-tooltip { position: absolute; visibility: hidden; padding: 6px 8px; white-space: pre-line; font-size: 13px;
    background: #fffff0; border: 1px solid #999; border-radius: 4px; box-shadow: 2px 2px 8px rgba(0,0,0,.2); pointer-events: none; z-index: 5; }
</style>
<script>__VIS_JS__</script>
</head>
<body>
<div id="head"><h1 id="title"></h1><div class="caption" id="caption"></div></div>
<div id="wrap"><div id="map"></div>
<div id="tools"><button id="zoom-in" class="zoom" type="button">+</button><button id="zoom-out" class="zoom" type="button">\u2212</button><button id="fit" type="button"></button><button id="png" type="button"></button></div>
<div id="hint"></div></div>
<div id="legend"></div>
<script id="map-data" type="application/json">__PAYLOAD__</script>
<script>
(function () {
  var payload = JSON.parse(document.getElementById("map-data").textContent);
  var texts = payload.texts;
  if (payload.presentation) { document.body.classList.add("presentation"); }
  if (payload.embedded) { document.body.classList.add("embedded"); }
  document.title = texts.title || "Hoja de Ruta";
  document.getElementById("title").textContent = texts.title || "";
  document.getElementById("caption").textContent = [texts.caption, texts.date].filter(Boolean).join(" \u00b7 ");
  function textTip(text) { var box = document.createElement("div"); box.textContent = text; return box; }
  var HIDDEN = "rgba(0,0,0,0)";
  var nodes = new vis.DataSet(payload.nodes.map(function (node) {
    var copy = Object.assign({}, node); copy.title = textTip(node.tip); delete copy.tip; delete copy.highlight;
    copy.font = {color: HIDDEN, strokeColor: HIDDEN}; return copy; }));
  var edges = new vis.DataSet(payload.edges.map(function (edge) {
    var copy = Object.assign({}, edge); if (edge.tip) { copy.title = textTip(edge.tip); } delete copy.tip; delete copy.strong; return copy; }));
  var container = document.getElementById("map");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, payload.options);
  network.on("beforeDrawing", function (ctx) {
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore(); });
  window.hojaMap = network;

  // names: the actors that matter first (the one searched for, the path, the largest), each only
  // where it overlaps no name already placed; zooming in makes room for more, hovering names one
  var px = payload.labelPx, base = null, hovered = null, pending = false, named = {};
  var order = payload.labelOrder, emphasised = {};
  payload.nodes.forEach(function (node) { if (node.highlight) { emphasised[node.id] = true; } });
  (payload.focus ? [payload.focus] : []).forEach(function (id) { emphasised[id] = true; });
  var ruler = document.createElement("canvas").getContext("2d");
  function labelBox(id, scale) {
    var node = network.body.nodes[id]; if (!node) { return null; }
    var at = network.canvasToDOM({x: node.x, y: node.y}), radius = (node.options.size || 10) * scale;
    ruler.font = (emphasised[id] ? px * 1.2 : px) + "px sans-serif";
    var width = ruler.measureText(node.options.label || "").width + 8;
    var tall = (emphasised[id] ? px * 1.2 : px) + 6;
    return {left: at.x - width / 2, right: at.x + width / 2, top: at.y + radius, bottom: at.y + radius + tall};
  }
  function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
  function placeLabels() {
    pending = false;
    var scale = network.getScale(); if (base === null) { base = scale; }
    var zoom = Math.max(1, scale / base), wanted = Math.ceil(payload.firstLabels * zoom * zoom);
    var width = container.clientWidth, height = container.clientHeight, kept = [], next = {}, count = 0;
    var candidates = (hovered ? [hovered] : []).concat(order);
    for (var i = 0; i < candidates.length && count < wanted + (hovered ? 1 : 0); i++) {
      var id = candidates[i]; if (next[id]) { continue; }
      var box = labelBox(id, scale); if (!box) { continue; }
      count += 1;
      var inside = box.left >= 2 && box.right <= width - 2 && box.top >= 0 && box.bottom <= height - 2;
      if (!inside && id !== hovered) { continue; }  // a name cut by the frame's edge says nothing
      if (kept.some(function (other) { return overlaps(box, other); })) { continue; }
      kept.push(box);
      next[id] = true;
    }
    var changes = [];
    order.forEach(function (id) {
      var show = !!next[id], size = (emphasised[id] ? px * 1.2 : px) / scale;
      if (show === !!named[id] && (!show || Math.abs(network.body.nodes[id].options.font.size - size) < 1e-6)) { return; }
      changes.push({id: id, font: show
        ? {size: size, color: emphasised[id] ? "#000000" : "#222222", strokeColor: "#ffffff", strokeWidth: 4 / scale}
        : {color: HIDDEN, strokeColor: HIDDEN, strokeWidth: 0}});
    });
    named = next;
    if (changes.length) { nodes.update(changes); }
    window.hojaNamed = Object.keys(named);
  }
  function later() { if (!pending) { pending = true; window.requestAnimationFrame(placeLabels); } }
  network.on("zoom", later);
  network.on("dragEnd", later);
  network.on("hoverNode", function (event) { hovered = event.node; later(); });
  network.on("blurNode", function () { hovered = null; later(); });

  // the view is kept (zoom and position) while the browser tab is open: reruns, tabs, pages
  var store = null; try { store = window.sessionStorage; } catch (error) { store = null; }
  var key = payload.viewKey ? "hoja-map-view:" + payload.viewKey : "";
  function keep() {
    if (!store || !key) { return; }
    try { store.setItem(key, JSON.stringify({scale: network.getScale(), position: network.getViewPosition()})); } catch (error) { /* full */ }
  }
  network.on("dragEnd", keep); network.on("zoom", keep);
  network.once("afterDrawing", function () {
    network.fit({animation: false});
    base = network.getScale();
    var kept = null;
    try { kept = store && key ? JSON.parse(store.getItem(key) || "null") : null; } catch (error) { kept = null; }
    if (payload.focus) { network.focus(payload.focus, {scale: Math.max(base, 1), animation: false}); network.selectNodes([payload.focus]); }
    else if (kept && kept.scale) { network.moveTo({position: kept.position, scale: kept.scale, animation: false}); }
    placeLabels();
    network.redraw();
    document.body.setAttribute("data-drawn", String(payload.nodes.length));
  });

  // scrolling over the map scrolls the page; Ctrl or ⌘ with the wheel, or the buttons, zoom
  var hint = document.getElementById("hint"), hintTimer = null;
  hint.textContent = texts.zoom_hint || "";
  container.addEventListener("wheel", function (event) {
    if (event.ctrlKey || event.metaKey) { return; }
    event.stopPropagation();
    if (!texts.zoom_hint) { return; }
    hint.classList.add("shown"); window.clearTimeout(hintTimer);
    hintTimer = window.setTimeout(function () { hint.classList.remove("shown"); }, 1400);
  }, {capture: true});
  function zoomBy(factor) {
    network.moveTo({scale: network.getScale() * factor, animation: {duration: 200, easingFunction: "easeInOutQuad"}});
    window.setTimeout(function () { later(); keep(); }, 220);
  }
  [["zoom-in", texts.zoom_in, function () { zoomBy(1.4); }], ["zoom-out", texts.zoom_out, function () { zoomBy(1 / 1.4); }],
   ["fit", texts.fit, function () { network.fit({animation: false}); later(); keep(); }]].forEach(function (entry) {
    var control = document.getElementById(entry[0]);
    if (entry[0] === "fit") { control.textContent = entry[1] || "\u2922"; }
    control.title = entry[1] || ""; control.setAttribute("aria-label", entry[1] || entry[0]);
    control.addEventListener("click", entry[2]);
  });

  var legend = document.getElementById("legend");
  function add(className, text) { var e = document.createElement("span"); e.className = className; if (text) { e.textContent = text; } return e; }
  if (payload.legendNodes.length) {
    legend.appendChild(add("title", texts.legend));
    payload.legendNodes.forEach(function (entry) {
      var item = add("item"); var dot = add("dot"); dot.style.background = entry[1];
      item.appendChild(dot); item.appendChild(add("", entry[0])); legend.appendChild(item); });
    if (texts.size) { legend.appendChild(add("note", texts.size)); }
  }
  if (payload.legendEdges.length) {
    legend.appendChild(add("title", texts.relations));
    payload.legendEdges.forEach(function (entry) {
      var item = add("item"); var line = add(entry[2] ? "line dashed" : "line"); line.style.borderTopColor = entry[1];
      item.appendChild(line); item.appendChild(add("", entry[0])); legend.appendChild(item); });
  }
  var button = document.getElementById("png");
  button.textContent = texts.download_png || "PNG";
  button.addEventListener("click", function () {
    var canvas = container.querySelector("canvas");
    var link = document.createElement("a");
    link.href = canvas.toDataURL("image/png"); link.download = texts.png_name || "map.png";
    document.body.appendChild(link); link.click(); link.remove();
  });
})();
</script>
</body>
</html>
"""
