"""Files of a consultation's questionnaire (issue 18): the links for a mail merge (``.xlsx``), the
letters of invitation with each link (``.docx``) and the list of those still to answer (``.xlsx``).

E-mails and contact names go only where the actor consented; every text is cleaned on the way
out (the writers refuse what XML cannot hold, and a cell starting with "=" stays text).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date

from docx import Document
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt

from toolkit.domain import Actor, Participant
from toolkit.i18n import format_date, t
from toolkit.spreadsheets.writing import SheetSpec, write_workbook
from toolkit.text import clean
from toolkit.vocab import fold


@dataclass
class LinkRow:
    name: str
    contact: str  # the contact person, where consent allows
    email: str  # where consent allows
    url: str


def link_rows(participants: list[Participant], actors: list[Actor], urls: dict[int, str]) -> list[LinkRow]:
    """One row per participant given a link (``urls``: participant id -> address), by name.

    >>> people = [Actor("B", id=1, email="b@x.co", consent="yes"), Actor("A", id=2, email="a@x.co")]
    >>> rows = link_rows([Participant(9, 1, id=10), Participant(9, 2, id=11)], people, {10: "u1", 11: "u2"})
    >>> [(r.name, r.email, r.url) for r in rows]
    [('A', '', 'u2'), ('B', 'b@x.co', 'u1')]
    """
    by_id = {actor.id: actor for actor in actors}
    rows = []
    for participant in participants:
        actor = by_id.get(participant.actor_id)
        if actor is None or participant.id not in urls:
            continue
        consented = actor.consent == "yes"
        rows.append(
            LinkRow(
                actor.name,
                actor.contact_name if consented else "",
                actor.email if consented else "",
                urls[participant.id],
            )
        )
    return sorted(rows, key=lambda row: fold(row.name))


def links_workbook(title: str, closes_on: date | None, rows: list[LinkRow], already: int, lang: str) -> bytes:
    """The links for a mail merge: name, contact, e-mail (where consent allows), link."""
    about = [
        title,
        t("questionnaires.files.closes", lang=lang, date=format_date(closes_on, lang)) if closes_on else "",
        t("questionnaires.files.once", lang=lang),
        t("questionnaires.files.consent", lang=lang),
        t("questionnaires.files.already", lang=lang, count=already) if already else "",
    ]
    return write_workbook(
        [
            SheetSpec(
                t("questionnaires.files.links_sheet", lang=lang),
                [t(f"questionnaires.files.column.{c}", lang=lang) for c in ("name", "contact", "email", "link")],
                [[row.name, row.contact, row.email, row.url] for row in rows],
                widths={0: 40, 3: 70},
            ),
            SheetSpec(t("questionnaires.files.about_sheet", lang=lang), [], [], notes=[x for x in about if x]),
        ]
    )


def reminder_workbook(waiting: list[tuple[Actor, Participant, bool]], lang: str) -> bytes:
    """Who has a link and has not answered yet: name, contact and e-mail where consent allows, started or not."""
    rows = [
        [
            actor.name,
            actor.contact_name if actor.consent == "yes" else "",
            actor.email if actor.consent == "yes" else "",
            t(f"questionnaires.results.{'started' if started else 'not_started'}", lang=lang),
        ]
        for actor, _, started in waiting
    ]
    headers = [t(f"questionnaires.files.column.{c}", lang=lang) for c in ("name", "contact", "email", "progress")]
    return write_workbook([SheetSpec(t("questionnaires.files.reminder_sheet", lang=lang), headers, rows)])


def _text(value: object) -> str:
    return clean("" if value is None else str(value))


def invitation_letters(
    title: str, intro: str, closes_on: date | None, rows: list[LinkRow], sender: str, lang: str
) -> bytes:
    """One letter of invitation a page, each with its participant's link (the link as plain text)."""
    document = Document()
    section = document.sections[0]
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    document.styles["Normal"].font.size = Pt(11)
    for number, row in enumerate(rows):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        greeting = row.contact or row.name
        document.add_paragraph(_text(t("questionnaires.letter.greeting", lang=lang, name=greeting)))
        document.add_paragraph(_text(t("questionnaires.letter.body", lang=lang, title=title, name=row.name)))
        for paragraph in intro.split("\n\n"):
            if paragraph.strip():
                document.add_paragraph(_text(paragraph.strip()))
        document.add_paragraph(_text(t("questionnaires.letter.link", lang=lang)))
        link = document.add_paragraph()
        link.add_run(_text(row.url)).bold = True
        if closes_on:
            document.add_paragraph(
                _text(t("questionnaires.letter.until", lang=lang, date=format_date(closes_on, lang)))
            )
        document.add_paragraph(_text(t("questionnaires.letter.personal", lang=lang)))
        document.add_paragraph(_text(t("questionnaires.letter.closing", lang=lang)))
        document.add_paragraph(_text(sender))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
