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
            "font": {"size": 13, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"label": {"enabled": True, "drawThreshold": 9 if large else 5}},
        },
        "edges": {"smooth": False, "selectionWidth": 2, "color": {"inherit": False}},
        "interaction": {
            "hover": not large,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": False,
        },
    }


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
    view: MapView, texts: dict[str, str], height: int = 640, presentation: bool = False, focus: str | None = None
) -> str:
    """The whole page. ``texts`` are catalog words: title, caption (may hold user text, shown as
    text), date, legend, relations, download_png, png_name, lang."""
    network = network_of(view)
    payload = {
        "nodes": network.nodes,
        "edges": network.edges,
        "options": _options(len(network.nodes)),
        "legendNodes": view.legend_nodes,
        "legendEdges": view.legend_edges,
        "texts": texts,
        "presentation": presentation,
        "focus": focus,
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
  #wrap { position: relative; }
  #map { width: 100%; height: __HEIGHT__px; border: 1px solid #e6e6e6; box-sizing: border-box; }
  #legend { display: flex; flex-wrap: wrap; gap: 6px 14px; padding: 8px 16px; font-size: 13px; }
  #legend .title { font-weight: 600; width: 100%; }
  #legend .item { display: inline-flex; align-items: center; gap: 6px; }
  #legend .dot { width: 12px; height: 12px; border-radius: 50%; display: inline-block; box-sizing: border-box; border: 1px solid rgba(0,0,0,.45); }
  #legend .line { width: 26px; height: 0; border-top: 3px solid; display: inline-block; }
  #legend .line.dashed { border-top-style: dashed; }
  #tools { position: absolute; top: 8px; right: 8px; }
  #tools button { font: inherit; font-size: 13px; padding: 4px 10px; border: 1px solid #ccc; border-radius: 6px; background: #fff; cursor: pointer; }
  div.vis-tooltip { position: absolute; visibility: hidden; padding: 6px 8px; white-space: pre-line; font-size: 13px;
    background: #fffff0; border: 1px solid #999; border-radius: 4px; box-shadow: 2px 2px 8px rgba(0,0,0,.2); pointer-events: none; z-index: 5; }
</style>
<script>__VIS_JS__</script>
</head>
<body>
<div id="head"><h1 id="title"></h1><div class="caption" id="caption"></div></div>
<div id="wrap"><div id="map"></div><div id="tools"><button id="png" type="button"></button></div></div>
<div id="legend"></div>
<script id="map-data" type="application/json">__PAYLOAD__</script>
<script>
(function () {
  var payload = JSON.parse(document.getElementById("map-data").textContent);
  var texts = payload.texts;
  if (payload.presentation) { document.body.classList.add("presentation"); }
  document.title = texts.title || "Hoja de Ruta";
  document.getElementById("title").textContent = texts.title || "";
  document.getElementById("caption").textContent = [texts.caption, texts.date].filter(Boolean).join(" · ");
  function textTip(text) { var box = document.createElement("div"); box.textContent = text; return box; }
  var nodes = new vis.DataSet(payload.nodes.map(function (node) {
    var copy = Object.assign({}, node); copy.title = textTip(node.tip); delete copy.tip; return copy; }));
  var edges = new vis.DataSet(payload.edges.map(function (edge) {
    var copy = Object.assign({}, edge); if (edge.tip) { copy.title = textTip(edge.tip); } delete copy.tip; return copy; }));
  var container = document.getElementById("map");
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, payload.options);
  network.on("beforeDrawing", function (ctx) {
    ctx.save(); ctx.setTransform(1, 0, 0, 1, 0, 0); ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height); ctx.restore(); });
  network.once("afterDrawing", function () {
    document.body.setAttribute("data-drawn", String(payload.nodes.length));
    if (payload.focus) { network.focus(payload.focus, {scale: 1.1}); network.selectNodes([payload.focus]); }
  });
  window.hojaMap = network;
  var legend = document.getElementById("legend");
  function add(className, text) { var e = document.createElement("span"); e.className = className; if (text) { e.textContent = text; } return e; }
  if (payload.legendNodes.length) {
    legend.appendChild(add("title", texts.legend));
    payload.legendNodes.forEach(function (entry) {
      var item = add("item"); var dot = add("dot"); dot.style.background = entry[1];
      item.appendChild(dot); item.appendChild(add("", entry[0])); legend.appendChild(item); });
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
