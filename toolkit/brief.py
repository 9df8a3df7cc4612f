"""The actor's one-page brief for a meeting (``.docx``): who it is, where it stands, the last
contacts, the next steps still open, its main counterparts and the consultations it took part in.

Every word comes from the catalogs in the language asked for; user text is written as plain text
(Word never reads it as a field or markup, and characters its XML forbids are dropped). Contact
details are printed only for an actor whose consent is recorded as given.
"""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from toolkit.engagement import kind_label
from toolkit.i18n import format_date, t
from toolkit.record import (
    LAST_CONTACTS,
    MAIN_COUNTERPARTS,
    Custom,
    Story,
    consultation_rows,
    header,
    headers,
    open_steps,
    quadrant_word,
    stance_word,
    term,
    tie_rows,
)
from toolkit.text import clean

SHORT = 300  # characters of a summary or agreement printed: the brief is one page
OPEN_STEPS = 8  # next steps listed


def _text(value: object, limit: int = SHORT) -> str:
    text = " ".join(clean("" if value is None else str(value)).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _document() -> Document:
    document = Document()
    section = document.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.6))
    document.styles["Normal"].font.size = Pt(9.5)
    return document


def _line(document: Document, name: str, value: str) -> None:
    if not value:
        return
    paragraph = document.add_paragraph()
    paragraph.paragraph_format.space_after = Pt(1)
    paragraph.add_run(_text(name) + ": ").bold = True
    paragraph.add_run(_text(value))


def _table(document: Document, titles: list[str], rows: list[list[object]]) -> None:
    table = document.add_table(rows=1, cols=len(titles))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, title in zip(table.rows[0].cells, titles, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(_text(title)).bold = True
    for values in rows:
        for cell, value in zip(table.add_row().cells, values, strict=True):
            cell.text = _text("" if value is None else value)


def _heading(document: Document, text: str) -> None:
    document.add_heading(_text(text), level=2)


def _who(document: Document, story: Story, custom: Custom, lang: str) -> None:
    actor = story.actor
    _line(document, t("columns.acronym", lang), actor.acronym)
    _line(document, t("columns.kind", lang), t(f"vocab.kinds.{actor.kind}", lang))
    _line(document, t("columns.sector", lang), term(custom, "sectors", actor.sector, lang))
    _line(document, t("columns.scale", lang), term(custom, "scales", actor.scale, lang))
    _line(document, t("record.brief.place", lang), ", ".join(p for p in (actor.city, actor.country) if p))
    _line(document, t("columns.themes", lang), ", ".join(actor.themes))
    if actor.consent == "yes":  # contact data only with the person's consent
        _line(document, t("columns.contact_name", lang), actor.contact_name)
        _line(document, t("columns.contact_role", lang), actor.contact_role)


def _standing(document: Document, story: Story, today: date, lang: str) -> None:
    found = header(story, today)
    levels = t(
        "record.brief.levels",
        lang,
        influence=found.influence if found.influence is not None else "—",
        interest=found.interest if found.interest is not None else "—",
    )
    _line(document, t("columns.stance", lang), stance_word(found.stance, lang) or "—")
    _line(document, t("columns.quadrant", lang), f"{quadrant_word(found.quadrant, lang) or '—'} ({levels})")
    if found.last_contact is None:
        _line(document, t("record.brief.last_contact", lang), t("record.header.never", lang))
    else:
        days = found.days_since
        since = t("record.header.today", lang) if days == 0 else t("record.header.days", lang, count=days)
        since = since[:1].lower() + since[1:]  # inside a sentence: "(hace 2 días)"
        _line(document, t("record.brief.last_contact", lang), f"{format_date(found.last_contact, lang)} ({since})")


def _contacts(document: Document, story: Story, lang: str) -> None:
    _heading(document, t("record.brief.contacts", lang))
    latest = story.interactions[:LAST_CONTACTS]
    if not latest:
        document.add_paragraph(_text(t("record.contacts.none", lang)))
        return
    rows = [
        [format_date(i.occurred_on, lang), kind_label(i.kind, lang), i.summary, i.agreements]
        for i in sorted(latest, key=lambda i: i.occurred_on, reverse=True)
    ]
    _table(document, headers("contacts", ("date", "kind", "summary", "agreements"), lang), rows)


def _steps(document: Document, story: Story, today: date, lang: str) -> None:
    _heading(document, t("record.brief.steps", lang))
    steps = open_steps(story.interactions)[:OPEN_STEPS]  # one page: the soonest ones
    if not steps:
        document.add_paragraph(_text(t("record.brief.no_steps", lang)))
        return
    for step in steps:
        due = format_date(step.next_step_due, lang) or t("record.brief.no_due", lang)
        late = step.next_step_due is not None and step.next_step_due < today
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(_text(step.next_step))
        paragraph.add_run(" — " + _text(due)).bold = late
        if late:
            paragraph.add_run(" " + _text(t("record.brief.overdue", lang))).bold = True


def actor_brief(story: Story, custom: Custom, today: date, lang: str) -> bytes:
    """The brief as ``.docx`` bytes, in ``lang`` (``custom``: the workspace's names for its terms).

    >>> from toolkit.domain import Actor
    >>> data = actor_brief(Story(Actor("ACI", id=1), {1: "ACI"}), {}, date(2026, 11, 22), "es")
    >>> data[:2]
    b'PK'
    """
    document = _document()
    document.add_heading(_text(t("record.brief.title", lang, name=story.actor.name)), level=1)
    document.add_paragraph(_text(t("record.brief.as_of", lang, day=format_date(today, lang))))
    _who(document, story, custom, lang)
    _standing(document, story, today, lang)
    _steps(document, story, today, lang)
    _contacts(document, story, lang)
    ties = tie_rows(story, custom, lang)[:MAIN_COUNTERPARTS]
    if ties:
        _heading(document, t("record.brief.counterparts", lang))
        _table(document, headers("ties", ("counterpart", "type", "strength"), lang), [[r[0], r[1], r[3]] for r in ties])
    taken = consultation_rows(story, lang)
    if taken:
        _heading(document, t("record.brief.consultations", lang))
        columns = ("title", "status", "invitation", "attended_on")
        _table(document, headers("consultations", columns, lang), [[row[0], row[1], row[3], row[4]] for row in taken])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
