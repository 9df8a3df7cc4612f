"""A story's deck written out: one offline HTML file that steps through the slides full screen
with the arrow keys, and a PowerPoint deck (python-pptx) with native titles, pictures, legends as
text and the notes as speaker notes.

Every user word is text: escaped in the HTML (no user text can run), cleaned of what XML cannot
hold in the .pptx. The HTML asks for nothing outside itself: pictures are inlined as base64 and a
Content-Security-Policy forbids any request.
"""

from __future__ import annotations

import base64
import html
import io
import re

from toolkit.i18n import t
from toolkit.stories import Deck, DeckSlide, in_language
from toolkit.text import clean

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
SLIDE_W, SLIDE_H = 13.333, 7.5  # inches: PowerPoint's 16:9


def _colour(value: object) -> str:
    """A legend colour as CSS or RGB: only ``#rrggbb`` (anything else grey).

    >>> _colour("#0072B2"), _colour("red;background:url(x)")
    ('#0072B2', '#888888')
    """
    return value if isinstance(value, str) and COLOUR.match(value) else "#888888"


def _e(text: object) -> str:
    return html.escape(clean(str(text)), quote=True)


def _legend_html(rows: list[tuple]) -> str:
    if not rows:
        return ""
    parts = []
    for row in rows:
        kind, caption = row[0], _e(row[1])
        if kind == "title":
            parts.append(f'<li class="lt">{caption}</li>')
        elif kind == "note":
            parts.append(f'<li class="ln">{caption}</li>')
        elif kind == "actor":
            parts.append(f'<li><span class="dot" style="background:{_colour(row[2])}"></span>{caption}</li>')
        else:
            style = "dashed" if row[3] else "solid"
            parts.append(
                f'<li><span class="line" style="border-top:4px {style} {_colour(row[2])}"></span>{caption}</li>'
            )
    return f'<ul class="legend">{"".join(parts)}</ul>'


def _slide_html(slide: DeckSlide, number: int) -> str:
    body = []
    if slide.picture:
        picture = base64.b64encode(slide.picture).decode("ascii")
        body.append(f'<figure><img src="data:image/png;base64,{picture}" alt="{_e(slide.title)}"></figure>')
    if slide.figures:
        cards = "".join(
            f'<div class="card"><b>{_e(value)}</b><span>{_e(caption)}</span></div>' for caption, value in slide.figures
        )
        body.append(f'<div class="figures">{cards}</div>')
    side = _legend_html(slide.legend)
    if slide.lines:
        points = "".join(f"<li>{_e(line)}</li>" for line in slide.lines)
        side += f'<ul class="{"lines" if slide.kind != "text" else "text"}">{points}</ul>'
    kind = "pictured" if slide.picture else "plain"
    return (
        f'<section class="slide {kind}" id="s{number}" data-kind="{_e(slide.kind)}" hidden>'
        f"<header><h1>{_e(slide.title)}</h1><p>{_e(slide.subtitle)}</p></header>"
        f'<div class="body">{"".join(body)}<div class="side">{side}</div></div>'
        f'<aside class="notes">{_e(slide.note)}</aside></section>'
    )


STYLE = """
*{box-sizing:border-box}html,body{margin:0;height:100%;background:#fff;color:#1a1a1a;
font-family:"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
#deck{position:fixed;inset:0 0 52px 0;outline:none}
.slide{position:absolute;inset:0;padding:2.2vh 2.6vw 1vh;display:flex;flex-direction:column}
.slide[hidden]{display:none}
header h1{margin:0;font-size:clamp(20px,3.6vh,44px);line-height:1.15}
header p{margin:.35em 0 0;color:#555;font-size:clamp(12px,1.9vh,22px)}
.body{flex:1;min-height:0;display:flex;gap:2vw;margin-top:1.6vh}
figure{margin:0;flex:3;min-width:0;display:flex;align-items:center;justify-content:center}
figure img{max-width:100%;max-height:100%;object-fit:contain}
.side{flex:1;min-width:14em;overflow:auto;font-size:clamp(12px,1.9vh,22px)}
.plain .body{flex-direction:column}.plain .side{flex:none;min-width:0}
.legend,.lines,.text{list-style:none;margin:0 0 1em;padding:0}
.legend li{display:flex;align-items:center;gap:.5em;margin:.18em 0}
.legend .lt{font-weight:700;margin-top:.7em}.legend .ln{font-style:italic;color:#555}
.dot{width:.9em;height:.9em;border-radius:50%;border:1px solid #444;flex:none}
.line{width:1.6em;flex:none}
.lines li{margin:.4em 0}.text li{margin:.6em 0;font-size:1.35em;line-height:1.35}
.figures{display:grid;margin-top:4vh;grid-template-columns:repeat(3,1fr);gap:1.5vw;align-content:center}
.card{border:1px solid #d0d7de;border-radius:10px;padding:2.5vh 1.2vw;text-align:center}
.card b{display:block;font-size:clamp(26px,7vh,84px);color:#0B6E4F}
.card span{font-size:clamp(12px,2vh,22px);color:#333}
.cover{justify-content:center;align-items:flex-start;padding-left:8vw}
.cover h1{font-size:clamp(28px,6vh,72px)}.cover p{font-size:clamp(14px,2.6vh,30px)}
.notes{display:none;border-top:1px solid #ccc;color:#333;padding:.6em 0;font-size:clamp(12px,1.8vh,20px)}
body.with-notes .notes{display:block}
nav{position:fixed;left:0;right:0;bottom:0;height:52px;display:flex;align-items:center;gap:.6em;
padding:0 1em;background:#f3f5f7;border-top:1px solid #d0d7de;font-size:15px}
nav button{font:inherit;padding:.35em .9em;border:1px solid #8c959f;border-radius:6px;background:#fff;cursor:pointer}
nav button:focus-visible{outline:3px solid #0072B2}
#count{min-width:4.5em;text-align:center}.hint{color:#555;margin-left:auto}
"""

SCRIPT = """
(function(){
var slides=Array.prototype.slice.call(document.querySelectorAll('.slide'));
var count=document.getElementById('count'),at=0;
function show(i){at=Math.max(0,Math.min(slides.length-1,i));
slides.forEach(function(s,k){s.hidden=(k!==at);});count.textContent=(at+1)+' / '+slides.length;}
document.getElementById('prev').onclick=function(){show(at-1);};
document.getElementById('next').onclick=function(){show(at+1);};
document.getElementById('notes').onclick=function(){document.body.classList.toggle('with-notes');};
document.getElementById('full').onclick=function(){var d=document.documentElement;
if(document.fullscreenElement){document.exitFullscreen();}
else if(d.requestFullscreen){d.requestFullscreen().catch(function(){});}};
document.addEventListener('keydown',function(e){
if(e.key==='ArrowRight'||e.key==='PageDown'||e.key===' '){show(at+1);e.preventDefault();}
else if(e.key==='ArrowLeft'||e.key==='PageUp'){show(at-1);e.preventDefault();}
else if(e.key==='Home'){show(0);}else if(e.key==='End'){show(slides.length-1);}});
show(0);document.getElementById('deck').focus();
})();
"""

CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'"


def deck_html(deck: Deck) -> str:
    """The deck as one self-contained HTML page: a cover, then one slide per story slide; arrow
    keys, Page Up/Down and the buttons step through it, "Pantalla completa" fills the screen.

    >>> from toolkit.stories import Deck, DeckSlide
    >>> page = deck_html(Deck("<b>Historia</b>", "Medellín", "22 nov 2026", "es", [DeckSlide("text", "Uno")]))
    >>> "&lt;b&gt;Historia&lt;/b&gt;" in page, page.count('class="slide'), "://" in page
    (True, 2, False)
    """

    def write() -> str:
        cover = (
            '<section class="slide cover" id="s0" data-kind="cover" hidden>'
            f"<h1>{_e(deck.title)}</h1><p>{_e(deck.workspace)} · {_e(deck.day)}</p></section>"
        )
        slides = "".join(_slide_html(slide, number) for number, slide in enumerate(deck.slides, start=1))
        buttons = (
            f'<button id="prev" type="button">◀ {_e(t("stories.deck.previous"))}</button>'
            '<span id="count" aria-live="polite"></span>'
            f'<button id="next" type="button">{_e(t("stories.deck.next"))} ▶</button>'
            f'<button id="full" type="button">{_e(t("stories.deck.full_screen"))}</button>'
            f'<button id="notes" type="button">{_e(t("stories.deck.notes"))}</button>'
            f'<span class="hint">{_e(t("stories.deck.keys"))}</span>'
        )
        return (
            f'<!DOCTYPE html><html lang="{_e(deck.lang)}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            '<meta name="viewport" content="width=device-width,initial-scale=1">'
            f"<title>{_e(deck.title)}</title><style>{STYLE}</style></head><body>"
            f'<main id="deck" tabindex="0">{cover}{slides}</main><nav>{buttons}</nav>'
            f"<script>{SCRIPT}</script></body></html>"
        )

    return in_language(deck.lang, write)


# -- PowerPoint ---------------------------------------------------------------------------------


def _text(frame, lines: list[tuple[str, float, bool, str | None]]) -> None:
    """Paragraphs into a text frame: (text, points, bold, colour of a leading dot or None)."""
    from pptx.dml.color import RGBColor
    from pptx.util import Pt

    frame.word_wrap = True
    for position, (text, size, bold, dot) in enumerate(lines):
        paragraph = frame.paragraphs[0] if position == 0 else frame.add_paragraph()
        paragraph.space_after = Pt(size * 0.35)
        if dot:
            run = paragraph.add_run()
            run.text = "● "
            run.font.size = Pt(size)
            run.font.color.rgb = RGBColor.from_string(_colour(dot)[1:])
        run = paragraph.add_run()
        run.text = clean(text)
        run.font.size, run.font.bold = Pt(size), bold


def _legend_lines(rows: list[tuple]) -> list[tuple[str, float, bool, str | None]]:
    lines = []
    for row in rows:
        if row[0] == "title":
            lines.append((str(row[1]), 15, True, None))
        elif row[0] == "note":
            lines.append((str(row[1]), 12, False, None))
        elif row[0] == "actor":
            lines.append((str(row[1]), 13, False, row[2]))
        else:
            lines.append((("- - " if row[3] else "— ") + str(row[1]), 13, False, None))
    return lines


def _pptx_slide(presentation, slide: DeckSlide) -> None:
    from pptx.util import Inches, Pt

    page = presentation.slides.add_slide(presentation.slide_layouts[5])  # "Title Only": a native title
    title = page.shapes.title
    title.left, title.top, title.width, title.height = Inches(0.5), Inches(0.25), Inches(12.3), Inches(0.85)
    title.text = clean(slide.title)
    title.text_frame.paragraphs[0].runs[0].font.size = Pt(30)
    if slide.subtitle:
        box = page.shapes.add_textbox(Inches(0.5), Inches(1.05), Inches(12.3), Inches(0.45))
        _text(box.text_frame, [(slide.subtitle, 14, False, None)])
    side_left = Inches(0.5)
    if slide.picture:
        page.shapes.add_picture(io.BytesIO(slide.picture), Inches(0.4), Inches(1.6), height=Inches(5.6))
        side_left = Inches(9.55)
    if slide.figures:
        for position, (caption, value) in enumerate(slide.figures):
            left = Inches(0.5 + 2.95 * (position % 3))
            top = Inches(1.8 + 2.0 * (position // 3))
            card = page.shapes.add_textbox(left, top, Inches(2.75), Inches(1.8))
            _text(card.text_frame, [(value, 40, True, None), (caption, 14, False, None)])
        side_left = Inches(9.55)
    lines = _legend_lines(slide.legend)
    size = 20 if slide.kind == "text" else 13
    lines += [(("" if slide.kind == "text" else "· ") + line, size, False, None) for line in slide.lines]
    if lines:
        width = Inches(SLIDE_W - 0.5) - side_left
        box = page.shapes.add_textbox(side_left, Inches(1.7), width, Inches(5.5))
        _text(box.text_frame, lines)
    if slide.note:
        page.notes_slide.notes_text_frame.text = clean(slide.note)


def deck_pptx(deck: Deck) -> bytes:
    """The deck as PowerPoint (16:9): a title slide, then one slide per story slide with a native
    title, the picture at slide resolution, the legend and figures as text, the notes as the
    speaker's notes."""
    from pptx import Presentation
    from pptx.util import Inches

    presentation = Presentation()
    presentation.slide_width, presentation.slide_height = Inches(SLIDE_W), Inches(SLIDE_H)
    presentation.core_properties.title = clean(deck.title)
    presentation.core_properties.author = ""
    presentation.core_properties.language = deck.lang
    cover = presentation.slides.add_slide(presentation.slide_layouts[0])
    cover.shapes.title.text = clean(deck.title)
    cover.placeholders[1].text = clean(f"{deck.workspace} · {deck.day}")
    for shape in (cover.shapes.title, cover.placeholders[1]):
        shape.left, shape.width = Inches(0.8), Inches(SLIDE_W - 1.6)
    for slide in deck.slides:
        _pptx_slide(presentation, slide)
    buffer = io.BytesIO()
    presentation.save(buffer)
    return buffer.getvalue()
