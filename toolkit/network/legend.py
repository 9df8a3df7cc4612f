"""The map's legend as page text beside the map (never drawn inside the canvas): what colour and
size mean, the relations' lines, what "Otros" holds and the path shown.

A pure function: every user word is escaped here, the page shows the result with ``st.html``.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from toolkit.network.view import MapView

DOT = (
    "display:inline-block;width:12px;height:12px;border-radius:50%;box-sizing:border-box;"
    "border:1px solid rgba(0,0,0,.45);vertical-align:-1px;margin-right:6px;background:{colour}"
)
LINE = "display:inline-block;width:24px;height:0;border-top:3px {style} {colour};vertical-align:4px;margin-right:6px"
ITEM = "margin:1px 0;line-height:1.35"
TITLE = "font-weight:600;margin:10px 0 3px 0"
NOTE = "color:#555;font-size:0.9em;margin:4px 0 0 0;line-height:1.35"


def _colour(value: str) -> str:
    """Only ``#rrggbb`` reaches a style attribute.

    >>> _colour("#0072B2"), _colour("red;background:url(x)")
    ('#0072B2', '#999999')
    """
    ok = len(value) == 7 and value[0] == "#" and all(c in "0123456789abcdefABCDEF" for c in value[1:])
    return value if ok else "#999999"


def legend_html(view: MapView, words: dict[str, str], number: Callable[[int], str] = str) -> str:
    """The legend of ``view`` as HTML: ``words`` (catalog texts, already filled in) are
    ``colour`` (its title, "Color: sector"), ``size`` (what size means), ``relations`` (the lines'
    title), ``others`` (what "Otros" holds, or empty), ``path`` (the path shown, or empty) and
    ``labels`` (which names are drawn). ``number`` formats the counts.

    >>> from toolkit.network.view import MapView
    >>> view = MapView([], [], [("<b>Academia</b>", "#0072B2")], [("Cooperación", "#1f77b4", True)], {},
    ...                counts={"<b>Academia</b>": 3})
    >>> html = legend_html(view, {"colour": "Color: sector", "size": "Tamaño: influencia"})
    >>> "&lt;b&gt;Academia&lt;/b&gt; (3)" in html, "<b>" in html, "dashed #1f77b4" in html
    (True, False, True)
    """
    parts = ['<div class="hoja-map-legend" style="font-size:14px">']
    if view.legend_nodes:
        parts.append(f'<div style="{TITLE}">{escape(words.get("colour", ""))}</div>')
        for caption, colour in view.legend_nodes:
            count = view.counts.get(caption)
            said = f"{caption} ({number(count)})" if count is not None else caption
            dot = DOT.format(colour=_colour(colour))
            parts.append(f'<div style="{ITEM}"><span style="{dot}"></span>{escape(said)}</div>')
    for key in ("others", "size"):
        if words.get(key):
            parts.append(f'<div style="{NOTE}">{escape(words[key])}</div>')
    if view.legend_edges:
        parts.append(f'<div style="{TITLE}">{escape(words.get("relations", ""))}</div>')
        for caption, colour, dashed in view.legend_edges:
            line = LINE.format(style="dashed" if dashed else "solid", colour=_colour(colour))
            parts.append(f'<div style="{ITEM}"><span style="{line}"></span>{escape(caption)}</div>')
    for key in ("path", "labels"):
        if words.get(key):
            parts.append(f'<div style="{NOTE}">{escape(words[key])}</div>')
    parts.append("</div>")
    return "".join(parts)
