"""The Word documents of a consultation: the printable attendance sheet and the synthesis sent
to participants. Every word comes from the catalogs, in the language asked for; user text is
written as plain text (characters Word's XML forbids are dropped)."""

from __future__ import annotations

import io
from datetime import date

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.shared import Cm, Pt

from toolkit import clock
from toolkit.consultations import Synthesis
from toolkit.domain import CONTRIBUTION_TYPES, Actor, Consultation, Participant
from toolkit.i18n import format_date, format_number, format_percent, label, t
from toolkit.text import clean
from toolkit.vocab import fold

Terms = dict[str, list[tuple[str, str | None]]]
BLANK_ROWS = 10  # for people who come without being on the list


def clean_text(text: object) -> str:
    """Text python-docx accepts: without the characters XML forbids (:func:`toolkit.text.clean`)."""
    return clean("" if text is None else str(text))


def _document(landscape: bool = False) -> Document:
    document = Document()
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.8))
    document.styles["Normal"].font.size = Pt(10)
    return document


def _bytes(document: Document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _labelled(document: Document, name: str, value: str) -> None:
    if not value:
        return
    paragraph = document.add_paragraph()
    paragraph.add_run(clean_text(name) + ": ").bold = True
    paragraph.add_run(clean_text(value))


def _table(document: Document, headers: list[str], rows: list[list[object]], widths: list[float] | None = None):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for cell, header in zip(table.rows[0].cells, headers, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(clean_text(header)).bold = True
    for values in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=True):
            cell.text = clean_text(value)
    if widths:
        for row in table.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Cm(width)
    return table


def _when(consultation: Consultation, lang: str) -> str:
    start, end = consultation.starts_on, consultation.ends_on
    if start and end and end != start:
        return f"{format_date(start, lang)} – {format_date(end, lang)}"
    return format_date(start or end, lang)


def _plan(document: Document, consultation: Consultation, terms: Terms, lang: str) -> None:
    custom = {key: text for key, text in terms.get("instruments", []) if text}
    _labelled(
        document,
        t("consultations.fields.instrument", lang=lang),
        label("instruments", consultation.instrument, custom, lang),
    )
    _labelled(
        document,
        t("consultations.fields.modality", lang=lang),
        t(f"vocab.modalities.{consultation.modality}", lang=lang),
    )
    _labelled(document, t("consultations.fields.dates", lang=lang), _when(consultation, lang))
    _labelled(document, t("consultations.fields.place", lang=lang), consultation.place)
    _labelled(document, t("consultations.fields.facilitator", lang=lang), consultation.facilitator)


def attendance_sheet(
    consultation: Consultation,
    participants: list[Participant],
    actors: list[Actor],
    terms: Terms,
    lang: str,
    blank_rows: int = BLANK_ROWS,
) -> bytes:
    """A printable sign-in sheet: the organisations expected (not those who declined), then blank rows.

    No contact data is printed: the sheet goes round the room, so each person writes their own.
    """
    by_id = {actor.id: actor for actor in actors}
    expected = sorted(
        (by_id[p.actor_id] for p in participants if p.status != "declined" and p.actor_id in by_id),
        key=lambda a: fold(a.name),
    )
    document = _document(landscape=True)
    document.add_heading(clean_text(t("consultations.attendance_doc.title", lang=lang)), level=1)
    document.add_paragraph().add_run(clean_text(consultation.title)).bold = True
    _plan(document, consultation, terms, lang)
    columns = ("number", "organisation", "person", "role", "email", "phone", "consent", "signature")
    rows = [[position, actor.name, "", "", "", "", "", ""] for position, actor in enumerate(expected, start=1)]
    rows += [[len(expected) + n, "", "", "", "", "", "", ""] for n in range(1, blank_rows + 1)]
    _table(
        document,
        [t(f"consultations.attendance_doc.{c}", lang=lang) for c in columns],
        rows,
        widths=[1.0, 6.0, 4.5, 3.5, 4.5, 3.0, 2.2, 3.0],
    )
    document.add_paragraph()
    document.add_paragraph(clean_text(t("consultations.attendance_doc.privacy", lang=lang))).runs[0].italic = True
    return _bytes(document)


def _percent(value: float | None, lang: str) -> str:
    return "—" if value is None else format_percent(value, lang)


def _synthesis_plan(document: Document, consultation: Consultation, terms: Terms, lang: str) -> None:
    document.add_heading(clean_text(consultation.title), level=1)
    _plan(document, consultation, terms, lang)
    _labelled(document, t("consultations.fields.objective", lang=lang), consultation.objective)
    if consultation.specific_objectives:
        document.add_heading(clean_text(t("consultations.fields.specific_objectives", lang=lang)), level=2)
        for line in consultation.specific_objectives.splitlines():
            if line.strip():
                document.add_paragraph(clean_text(line.strip()))
    if consultation.questions:
        document.add_heading(clean_text(t("consultations.fields.questions", lang=lang)), level=2)
        for line in consultation.questions.splitlines():
            if line.strip():
                document.add_paragraph(clean_text(line.strip()), style="List Bullet")


def _participation(document: Document, result: Synthesis, custom: dict[str, dict[str, str]], lang: str) -> None:
    document.add_heading(clean_text(t("consultations.synthesis_doc.participation", lang=lang)), level=1)
    document.add_paragraph(
        clean_text(
            t(
                "consultations.synthesis_doc.participation_summary",
                lang=lang,
                invited=format_number(result.invited, lang),
                attended=format_number(result.attended, lang),
                rate=_percent(result.rate, lang),
            )
        )
    )
    for title_key, vocabulary, rows in (
        ("by_sector", "sectors", result.by_sector),
        ("by_scale", "scales", result.by_scale),
    ):
        if not rows:
            continue
        document.add_heading(clean_text(t(f"consultations.synthesis.{title_key}", lang=lang)), level=2)
        _table(
            document,
            [
                t(f"consultations.synthesis.{c}", lang=lang)
                for c in (f"{vocabulary}_column", "invited", "attended", "rate")
            ],
            [
                [
                    label(vocabulary, r.key, custom.get(vocabulary), lang) or t("consultations.unassigned", lang=lang),
                    format_number(r.invited, lang),
                    format_number(r.attended, lang),
                    _percent(r.rate, lang),
                ]
                for r in rows
            ],
        )
    if result.never_came:
        document.add_heading(clean_text(t("consultations.synthesis.never_came", lang=lang)), level=2)
        for actor, participant in result.never_came:
            status = t(f"vocab.invitation_statuses.{participant.status}", lang=lang)
            document.add_paragraph(clean_text(f"{actor.name} ({status})"), style="List Bullet")


def _contributions(document: Document, result: Synthesis, names: dict[int, str], lang: str) -> None:
    document.add_heading(clean_text(t("consultations.synthesis_doc.contributions", lang=lang)), level=1)
    if not result.contributions:
        document.add_paragraph(clean_text(t("consultations.synthesis.no_contributions", lang=lang)))
    else:
        document.add_paragraph(
            clean_text(
                ", ".join(
                    f"{t(f'vocab.contribution_types.{key}', lang=lang)}: {format_number(result.by_type[key], lang)}"
                    for key in CONTRIBUTION_TYPES
                    if result.by_type.get(key)
                )
            )
        )
    theme = None
    for contribution in result.contributions:
        if contribution.theme != theme:
            theme = contribution.theme
            heading = theme[:1].upper() + theme[1:] if theme else t("consultations.synthesis.no_theme", lang=lang)
            document.add_heading(clean_text(heading), level=2)
        paragraph = document.add_paragraph(style="List Bullet")
        paragraph.add_run(clean_text(t(f"vocab.contribution_types.{contribution.type}", lang=lang)) + ". ").bold = True
        paragraph.add_run(clean_text(contribution.text))
        author = names.get(contribution.actor_id)
        if author:
            paragraph.add_run(clean_text(f" ({author})")).italic = True
        if contribution.response:
            answer = document.add_paragraph()
            answer.paragraph_format.left_indent = Cm(1)
            answer.add_run(clean_text(t("consultations.synthesis_doc.response", lang=lang)) + " ").bold = True
            answer.add_run(clean_text(contribution.response))


def _commitments(document: Document, result: Synthesis, lang: str) -> None:
    document.add_heading(clean_text(t("consultations.synthesis.commitments", lang=lang)), level=1)
    if result.commitments:
        _table(
            document,
            [t(f"consultations.synthesis.{c}", lang=lang) for c in ("owner", "commitment", "due_on")],
            [[c.owner or "—", c.text, format_date(c.due_on, lang) if c.due_on else "—"] for c in result.commitments],
            widths=[4.5, 9.5, 3.0],
        )
    else:
        document.add_paragraph(clean_text(t("consultations.synthesis.no_commitments", lang=lang)))


def _open_questions(document: Document, result: Synthesis, names: dict[int, str], lang: str) -> None:
    document.add_heading(clean_text(t("consultations.synthesis.open_questions", lang=lang)), level=1)
    if result.open_questions:
        for question in result.open_questions:
            author = names.get(question.actor_id)
            document.add_paragraph(clean_text(question.text + (f" ({author})" if author else "")), style="List Bullet")
    else:
        document.add_paragraph(clean_text(t("consultations.synthesis.no_open_questions", lang=lang)))


def synthesis_document(
    result: Synthesis, actors: list[Actor], terms: Terms, lang: str, today: date | None = None
) -> bytes:
    """The synthesis to send to participants: the plan, who took part, what was said, the
    commitments made and by whom, and the questions still open."""
    names = {actor.id: actor.name for actor in actors}
    custom = {name: {key: text for key, text in entries if text} for name, entries in terms.items()}
    document = _document()
    document.add_heading(clean_text(t("consultations.synthesis_doc.title", lang=lang)), level=0)
    _synthesis_plan(document, result.consultation, terms, lang)
    _participation(document, result, custom, lang)
    _contributions(document, result, names, lang)
    _commitments(document, result, lang)
    _open_questions(document, result, names, lang)
    document.add_paragraph()
    document.add_paragraph(
        clean_text(t("consultations.export.generated", lang=lang, day=format_date(today or clock.today(), lang)))
    ).runs[0].italic = True
    return _bytes(document)
