"""Spreadsheets of a consultation: the invitation list people download, and the attendance
lists and contribution sheets (survey answers too) they bring back.

Files come through the guarded reader; headers and values are recognised the way the register
import recognises them (four languages, the catalog's own labels), and people and organisations
are matched to the register with the register's duplicate rules (:func:`identity_keys`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import cache

from toolkit import clock
from toolkit.consultations import held_by
from toolkit.domain import (
    CONTRIBUTION_TYPES,
    INVITATION_STATUSES,
    PRIORITIES,
    Actor,
    Consultation,
    Contribution,
    Participant,
)
from toolkit.i18n import LANGUAGES, format_date, label, t
from toolkit.spreadsheets import normalise as norm
from toolkit.spreadsheets.importing import identity_keys
from toolkit.spreadsheets.mapping import column_letter, find_header_row, header_field
from toolkit.spreadsheets.problems import Problem
from toolkit.spreadsheets.reading import Workbook
from toolkit.spreadsheets.terms import catalog_labels, term_indexes
from toolkit.spreadsheets.writing import SheetSpec, write_workbook
from toolkit.store.consultations import AttendanceMark, ConsultationImport
from toolkit.vocab import fold, synonym_index

Terms = dict[str, list[tuple[str, str | None]]]
WHO_FIELDS = ("organisation", "person", "acronym", "email")
LONGEST_HEADER = 5  # words

INVITATION_STATUS_SYNONYMS: dict[str, tuple[str, ...]] = {
    "to_invite": (
        "por invitar",
        "pendiente",
        "sin invitar",
        "to invite",
        "pending",
        "not invited",
        "a convidar",
        "pendente",
        "a inviter",
        "en attente",
    ),
    "invited": (
        "invitado",
        "invitada",
        "convocado",
        "convocada",
        "invitacion enviada",
        "invited",
        "sent",
        "convidado",
        "convidada",
        "invite",
        "invitee",
    ),
    "confirmed": (
        "confirmado",
        "confirmada",
        "confirmo",
        "confirmed",
        "yes rsvp",
        "confirmou",
        "confirme",
        "confirmee",
    ),
    "declined": (
        "no asistira",
        "declino",
        "rechazo",
        "excusa",
        "excusado",
        "excusada",
        "declined",
        "regrets",
        "recusou",
        "recusado",
        "decline",
        "excuse",
    ),
    "attended": (
        "asistio",
        "asistente",
        "presente",
        "participo",
        "si asistio",
        "attended",
        "present",
        "came",
        "compareceu",
        "participou",
        "a participe",
    ),
    "no_show": (
        "no asistio",
        "ausente",
        "no vino",
        "no show",
        "no-show",
        "absent",
        "did not attend",
        "nao compareceu",
        "faltou",
        "ausent",
        "absente",
    ),
    "answered": ("respondio", "contesto", "answered", "responded", "respondeu", "a repondu"),
}
CONTRIBUTION_TYPE_SYNONYMS: dict[str, tuple[str, ...]] = {
    "proposal": (
        "propuesta",
        "propuestas",
        "idea",
        "iniciativa",
        "proposal",
        "suggestion",
        "idea",
        "proposta",
        "sugestao",
        "proposition",
    ),
    "concern": (
        "preocupacion",
        "inquietud",
        "riesgo",
        "queja",
        "concern",
        "worry",
        "risk",
        "complaint",
        "preocupacao",
        "risco",
        "inquietude",
        "preoccupation",
        "crainte",
    ),
    "commitment": (
        "compromiso",
        "compromisos",
        "se compromete",
        "commitment",
        "pledge",
        "undertaking",
        "compromisso",
        "engagement",
    ),
    "question": (
        "pregunta",
        "preguntas",
        "duda",
        "consulta",
        "question",
        "query",
        "pergunta",
        "duvida",
        "interrogation",
    ),
    "recommendation": (
        "recomendacion",
        "recomendaciones",
        "sugerencia",
        "recommendation",
        "advice",
        "recomendacao",
        "recommandation",
        "conseil",
    ),
}
PRIORITY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "high": ("alta", "alto", "urgente", "prioritaria", "high", "urgent", "h", "a", "elevada", "haute", "elevee", "1"),
    "medium": ("media", "medio", "normal", "medium", "m", "moyenne", "2"),
    "low": ("baja", "bajo", "low", "l", "b", "baixa", "basse", "faible", "3"),
}


@cache
def _index(vocabulary: str) -> dict[str, str]:
    synonyms = {
        "invitation_statuses": INVITATION_STATUS_SYNONYMS,
        "contribution_types": CONTRIBUTION_TYPE_SYNONYMS,
        "priorities": PRIORITY_SYNONYMS,
    }[vocabulary]
    index = synonym_index(synonyms)
    for key, text in catalog_labels(vocabulary):
        index[fold(text)] = key
    return index


def recognise(vocabulary: str, value: object) -> str | None:
    """The key a cell stands for in one of the consultation vocabularies (``None`` when blank).

    Raises ``norm.Unclear`` (``consultations.import.value.<vocabulary>``) when not understood.

    >>> recognise("contribution_types", "Compromiso"), recognise("invitation_statuses", "No asistió")
    ('commitment', 'no_show')
    >>> recognise("priorities", "Haute"), recognise("priorities", "")
    ('high', None)
    """
    if norm.is_blank(value):
        return None
    key = _index(vocabulary).get(fold(value))
    if key is None:
        raise norm.Unclear(f"consultations.import.value.{vocabulary}", value=norm.text(value))
    return key


# -- matching people and organisations to the register ---------------------------------------


class ActorMatcher:
    """Finds the register actor a row speaks of: by organisation name or acronym (the register's
    duplicate rules), then e-mail, then a person's name (an actor who is a person, or a contact)."""

    def __init__(self, actors: list[Actor]) -> None:
        self.by_key: dict[str, int] = {}
        contacts: dict[str, set[int]] = {}
        emails: dict[str, set[int]] = {}
        for actor in actors:
            for key in identity_keys(actor.name, actor.acronym):
                self.by_key.setdefault(key, actor.id)
            if actor.contact_name:
                contacts.setdefault(fold(actor.contact_name), set()).add(actor.id)
            if actor.email:
                emails.setdefault(actor.email.strip().lower(), set()).add(actor.id)
        # a contact or an address shared by several actors ("Oficina de prensa") identifies nobody
        self.by_contact = {key: next(iter(ids)) for key, ids in contacts.items() if len(ids) == 1}
        self.by_email = {key: next(iter(ids)) for key, ids in emails.items() if len(ids) == 1}

    def find(self, organisation: str = "", acronym: str = "", person: str = "", email: str = "") -> int | None:
        if organisation or acronym:
            for key in identity_keys(organisation or acronym, acronym):
                if key in self.by_key:
                    return self.by_key[key]
        if email and email.strip().lower() in self.by_email:
            return self.by_email[email.strip().lower()]
        if person:
            for key in identity_keys(person):
                if key in self.by_key:
                    return self.by_key[key]
            return self.by_contact.get(fold(person))
        return None


@dataclass
class MatchedRow:
    sheet: str
    row: int  # the row number Excel shows
    written: str  # who, as the file writes it
    actor_id: int | None = None  # an actor of the register
    new_index: int | None = None  # or a new actor (added only if the user asks)
    status: str | None = None  # attendance: None leaves the status as it is
    day: date | None = None
    attendee: str = ""
    notes: str = ""
    contributions: list[Contribution] = field(default_factory=list)


@dataclass
class ConsultationFilePreview:
    """What a file brings to a consultation, before anything is stored."""

    kind: str  # "attendance" or "contributions"
    sheet: str = ""
    header_row: int = 0  # 0-based
    columns: list[tuple[str, str | None]] = field(default_factory=list)  # (header, field or None)
    rows: list[MatchedRow] = field(default_factory=list)
    new_actors: list[Actor] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    survey: bool = False  # one column per question

    @property
    def matched(self) -> list[MatchedRow]:
        return [row for row in self.rows if row.actor_id is not None]

    @property
    def unmatched(self) -> list[MatchedRow]:
        return [row for row in self.rows if row.actor_id is None and row.new_index is not None]

    @property
    def contribution_count(self) -> int:
        return sum(len(row.contributions) for row in self.rows)


def _best_sheet(workbook: Workbook, role: str) -> tuple[str, list[list[object]], int, list[str | None]] | None:
    """The sheet whose header row names most of the fields a role needs (who, and what)."""
    best = None
    for sheet in workbook.sheets:
        if not sheet.rows:
            continue
        header_row = find_header_row(sheet.rows, role)
        fields = _fields(sheet.rows[header_row], role)
        known = {f for f in fields if f and f != "ignore"}
        score = len(known) + (2 if known & set(WHO_FIELDS) else 0) - (5 if sheet.hidden else 0)
        if best is None or score > best[0]:
            best = (score, sheet.name, sheet.rows, header_row, fields)
    return best[1:] if best else None


# our own column headers (invitation list, contributions template), in every language, read back exactly
OWN_HEADERS = {
    "organisation": "organisation",
    "person": "person",
    "acronym": "acronym",
    "sector": "sector",
    "scale": "scale",
    "contact_name": "ignore",
    "contact_role": "contact_role",
    "email": "email",
    "phone": "phone",
    "consent": "ignore",
    "status": "status",
    "invited_on": "ignore",
    "responded_on": "ignore",
    "attended_on": "date",
    "attendee": "person",
    "theme": "theme",
    "type": "type",
    "text": "text",
    "priority": "priority",
    "due_on": "due_on",
    "response": "response",
}


@cache
def _own_headers() -> dict[str, str]:
    return {
        fold(t(f"consultations.columns.{column}", lang=lang)): name
        for lang in LANGUAGES
        for column, name in OWN_HEADERS.items()
    }


def _fields(headers: list[object], role: str) -> list[str | None]:
    """The field of each header; each field once (the first column that names it wins).

    >>> _fields(["Organización", "Estado de la invitación", "Consented to data processing"], "participants")
    ['organisation', 'status', 'ignore']
    """
    taken: set[str] = set()
    fields: list[str | None] = []
    for header in headers:
        # a long header is a survey question, not a field, even if it contains a field's word
        words = len(fold(header).split())
        name = _own_headers().get(fold(header)) if words else None
        if name is None:
            name = header_field(header, role) if 0 < words <= LONGEST_HEADER else None
        if name in taken and name != "ignore":
            name = None
        if name:
            taken.add(name)
        fields.append(name)
    return fields


def _read(
    workbook: Workbook, actors: list[Actor], terms: Terms, kind: str, role: str, row_reader
) -> ConsultationFilePreview:
    preview = ConsultationFilePreview(kind=kind)
    found = _best_sheet(workbook, role)
    if found is None:
        preview.errors.append(Problem("", 0, "", "consultations.import.report.empty"))
        return preview
    sheet, rows, header_row, fields = found
    preview.sheet, preview.header_row = sheet, header_row
    headers = rows[header_row]
    preview.columns = [
        (norm.text(h) or column_letter(i), f) for i, (h, f) in enumerate(zip(headers, fields, strict=True))
    ]
    at = {f: i for i, f in enumerate(fields) if f and f != "ignore"}
    if not at.keys() & set(WHO_FIELDS) and kind == "attendance":
        preview.errors.append(Problem(sheet, header_row + 1, "", "consultations.import.report.no_who_column"))
        return preview
    matcher = ActorMatcher(actors)
    indexes = term_indexes(terms)
    new_by_key: dict[str, int] = {}
    by_actor: dict[tuple[str, int], MatchedRow] = {}
    for position in range(header_row + 1, len(rows)):
        row = rows[position]
        if all(norm.is_blank(c) for c in row):
            continue
        excel_row = position + 1

        def cell(name: str, row=row) -> object:
            index = at.get(name)
            return row[index] if index is not None and index < len(row) else None

        def warn(name: str, error: norm.Unclear, excel_row=excel_row) -> None:
            column = preview.columns[at[name]][0] if name in at else ""
            preview.warnings.append(Problem(sheet, excel_row, column, error.key, error.details))

        organisation, person = norm.text(cell("organisation")), norm.text(cell("person"))
        acronym, email = norm.text(cell("acronym")), norm.text(cell("email"))
        matched = MatchedRow(sheet, excel_row, organisation or person or acronym or email)
        if not row_reader(matched, cell, warn, headers, fields, row):
            continue
        who = (organisation, acronym, person, email)
        matched.actor_id = matcher.find(*who) if any(who) else None
        if matched.actor_id is None and (organisation or person):
            new_actor = _new_actor(organisation, person, acronym, email, cell, warn, indexes)
            keys = identity_keys(new_actor.name, new_actor.acronym)
            earlier = next((new_by_key[k] for k in keys if k in new_by_key), None)
            if earlier is None:
                earlier = len(preview.new_actors)
                preview.new_actors.append(new_actor)
            for key in keys:
                new_by_key.setdefault(key, earlier)
            matched.new_index = earlier
        elif matched.actor_id is None and any(who):
            preview.warnings.append(
                Problem(sheet, excel_row, "", "consultations.import.report.unknown_who", {"name": matched.written})
            )
        target = (
            ("actor", matched.actor_id)
            if matched.actor_id is not None
            else (("new", matched.new_index) if matched.new_index is not None else None)
        )
        if kind == "attendance" and target is not None and target in by_actor:
            _merge(by_actor[target], matched)
            preview.warnings.append(
                Problem(
                    sheet,
                    excel_row,
                    "",
                    "consultations.import.report.same_actor",
                    {"name": matched.written, "row": by_actor[target].row},
                )
            )
            continue
        if target is not None:
            by_actor[target] = matched
        preview.rows.append(matched)
    if not preview.rows and not preview.errors:
        preview.errors.append(Problem(sheet, header_row + 1, "", f"consultations.import.report.nothing_{kind}"))
    return preview


def _new_actor(organisation: str, person: str, acronym: str, email: str, cell, warn, indexes) -> Actor:
    actor = Actor(
        name=organisation or person,
        acronym=acronym,
        kind="organisation" if organisation else "person",
        contact_name=person if organisation else "",
        contact_role=norm.text(cell("contact_role")),
        phone=norm.text(cell("phone")),
    )
    try:
        actor.email = norm.email(email)
    except norm.Unclear as error:
        actor.email = email
        warn("email", error)
    for name, vocabulary in (("sector", "sectors"), ("scale", "scales")):
        try:
            setattr(actor, name, norm.term(cell(name), indexes[vocabulary], vocabulary))
        except norm.Unclear as error:
            warn(name, error)
    return actor


def _merge(first: MatchedRow, later: MatchedRow) -> None:
    """Two rows for one organisation (two people came): one participant, both names."""
    if later.attendee and later.attendee not in first.attendee:
        first.attendee = f"{first.attendee}; {later.attendee}" if first.attendee else later.attendee
    if later.status == "attended" or first.status is None:
        first.status = later.status or first.status
    first.day = first.day or later.day
    if later.notes:
        first.notes = f"{first.notes}\n{later.notes}".strip()


def read_attendance(
    workbook: Workbook,
    actors: list[Actor],
    terms: Terms | None = None,
    starts_on: date | None = None,
    today: date | None = None,
) -> ConsultationFilePreview:
    """An attendance list: who came (a sign-in list), or a list with a status or attended column.

    A consultation dated after ``today`` (default: the clock's) has had nobody attend yet: the
    file is refused; a row dated after today keeps the consultation's date, with a warning."""
    today = today or clock.today()
    if not held_by(starts_on, today):
        preview = ConsultationFilePreview(kind="attendance")
        preview.errors.append(Problem("", 0, "", "consultations.import.report.not_held"))
        return preview

    def attendance_row(matched: MatchedRow, cell, warn, headers, fields, row) -> bool:
        if not matched.written:
            return False
        matched.attendee = norm.text(cell("person")) if norm.text(cell("organisation")) else ""
        matched.notes = norm.text(cell("notes"))
        try:
            matched.day = norm.day(cell("date"))
        except norm.Unclear as error:
            warn("date", error)
        if matched.day is not None and matched.day > today:
            warn("date", norm.Unclear("consultations.import.report.future_day", day=format_date(matched.day)))
            matched.day = None
        if "status" in fields:
            try:
                matched.status = recognise("invitation_statuses", cell("status"))
            except norm.Unclear as error:
                warn("status", error)
        elif "attended" in fields:
            value = cell("attended")
            if not norm.is_blank(value):
                try:
                    matched.status = "attended" if norm.yes_no(value) else "no_show"
                except norm.Unclear:
                    try:  # "Asistió" / "No asistió" typed in the column
                        matched.status = recognise("invitation_statuses", value)
                    except norm.Unclear as error:
                        warn("attended", error)
        else:
            matched.status = "attended"  # a sign-in list: whoever is on it came
        return True

    return _read(workbook, actors, terms or {}, "attendance", "participants", attendance_row)


def read_contributions(
    workbook: Workbook, actors: list[Actor], terms: Terms | None = None, default_type: str = "proposal"
) -> ConsultationFilePreview:
    """Contributions, one per row (text, theme, type...), or survey answers: one row per respondent
    and one column per question (each answer becomes a contribution whose theme is the question)."""

    def contribution_row(matched: MatchedRow, cell, warn, headers, fields, row) -> bool:
        if "text" in fields:
            text = norm.text(cell("text"))
            if not text:
                return False
            contribution = Contribution(
                consultation_id=0,
                text=text,
                theme=norm.text(cell("theme")),
                response=norm.text(cell("response")),
                type=default_type,
            )
            for name, vocabulary in (("type", "contribution_types"), ("priority", "priorities")):
                try:
                    setattr(contribution, name, recognise(vocabulary, cell(name)) or getattr(contribution, name))
                except norm.Unclear as error:
                    warn(name, error)
            try:
                contribution.due_on = norm.day(cell("due_on"))
            except norm.Unclear as error:
                warn("due_on", error)
            matched.contributions.append(contribution)
        else:  # a survey: every column the file does not otherwise use is a question
            for index, (header, name) in enumerate(zip(headers, fields, strict=True)):
                answer = norm.text(row[index]) if index < len(row) else ""
                if name is None and answer and not norm.is_blank(header):
                    matched.contributions.append(
                        Contribution(consultation_id=0, text=answer, theme=norm.text(header), type=default_type)
                    )
        return bool(matched.contributions)

    preview = _read(workbook, actors, terms or {}, "contributions", "contributions", contribution_row)
    preview.survey = bool(preview.columns) and "text" not in {f for _, f in preview.columns}
    return preview


def to_import(preview: ConsultationFilePreview, add_unknown: bool, on: date | None = None) -> ConsultationImport:
    """The batch to store: matched rows, and the unknown ones as new actors if ``add_unknown``
    (otherwise their attendance is left out and their contributions kept without an author).
    ``on`` is the day an attendance without its own date is recorded on."""
    batch = ConsultationImport()
    new_refs: dict[int, int] = {}
    for row in preview.rows:
        ref = None
        if row.actor_id is not None:
            ref = ("existing", row.actor_id)
        elif row.new_index is not None and add_unknown:
            if row.new_index not in new_refs:
                new_refs[row.new_index] = len(batch.new_actors)
                batch.new_actors.append(preview.new_actors[row.new_index])
            ref = ("new", new_refs[row.new_index])
        if preview.kind == "attendance":
            if ref is not None:
                batch.attendance.append((ref, AttendanceMark(row.status, row.day or on, row.attendee, row.notes)))
        else:
            batch.contributions.extend((ref, contribution) for contribution in row.contributions)
    return batch


# -- the invitation list ---------------------------------------------------------------------

INVITATION_COLUMNS = (
    "organisation",
    "acronym",
    "sector",
    "scale",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
    "status",
    "invited_on",
    "responded_on",
)


def invitation_workbook(
    consultation: Consultation, participants: list[Participant], actors: list[Actor], terms: Terms, lang: str
) -> bytes:
    """The invitation list: who is on it, their status, and contact data only where the actor
    consented to it being kept (otherwise the contact cells stay empty)."""
    by_id = {actor.id: actor for actor in actors}
    custom = {name: {key: text for key, text in entries if text} for name, entries in terms.items()}
    rows = []
    listed = sorted((p for p in participants if p.actor_id in by_id), key=lambda p: fold(by_id[p.actor_id].name))
    for participant in listed:
        actor = by_id[participant.actor_id]
        consented = actor.consent == "yes"
        rows.append(
            [
                actor.name,
                actor.acronym,
                label("sectors", actor.sector, custom.get("sectors"), lang),
                label("scales", actor.scale, custom.get("scales"), lang),
                actor.contact_name if consented else "",
                actor.contact_role if consented else "",
                actor.email if consented else "",
                actor.phone if consented else "",
                t(f"vocab.consent.{actor.consent}", lang=lang),
                t(f"vocab.invitation_statuses.{participant.status}", lang=lang),
                participant.invited_on,
                participant.responded_on,
            ]
        )
    headers = [t(f"consultations.columns.{c}", lang=lang) for c in INVITATION_COLUMNS]
    statuses = [t(f"vocab.invitation_statuses.{s}", lang=lang) for s in INVITATION_STATUSES]
    about = [
        consultation.title,
        t("consultations.export.invitations_note", lang=lang),
        t("consultations.export.generated", lang=lang, day=format_date(clock.today(), lang)),
    ]
    return write_workbook(
        [
            SheetSpec(
                t("consultations.export.sheet.invitations", lang=lang),
                headers,
                rows,
                dropdowns={INVITATION_COLUMNS.index("status"): statuses},
            ),
            SheetSpec(t("consultations.export.sheet.about", lang=lang), [], [], notes=about),
        ]
    )


def contribution_template(lang: str) -> bytes:
    """A blank sheet to note contributions during a session and import them afterwards."""
    columns = ("organisation", "person", "theme", "type", "text", "priority", "due_on")
    return write_workbook(
        [
            SheetSpec(
                t("consultations.export.sheet.contributions", lang=lang),
                [t(f"consultations.columns.{c}", lang=lang) for c in columns],
                [],
                dropdowns={
                    3: [t(f"vocab.contribution_types.{k}", lang=lang) for k in CONTRIBUTION_TYPES],
                    5: [t(f"vocab.priorities.{k}", lang=lang) for k in PRIORITIES],
                },
            )
        ]
    )
