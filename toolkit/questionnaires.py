"""Online questionnaires of consultations (issue 18): questions, links, answers and what they add up to.

Pure functions: nothing here reads or writes the database (see ``toolkit.store.questionnaires``).
Every answer is hostile text from outside the team: it is cleaned, limited in size and checked
against its question here, before the store keeps it as typed.
"""

from __future__ import annotations

import hashlib
import secrets
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from toolkit.domain import Actor, Participant
from toolkit.text import clean
from toolkit.vocab import fold

QUESTION_KINDS = ("open", "one_choice", "several_choices", "scale", "ranking", "ties")
CHOICE_KINDS = frozenset({"one_choice", "several_choices", "ranking"})  # need a list of options
CLOSED_KINDS = ("one_choice", "several_choices", "scale", "ranking")  # counted in charts
SCALE = (1, 2, 3, 4, 5)
MAX_QUESTION = 1000  # characters of a question (the column's size)
MAX_OPTIONS = 20
MAX_OPTION = 200
MAX_OPEN_ANSWER = 4000  # characters of an open answer
MAX_TIES = 30
MAX_NEW_NAME = 200
MAX_INTRO = 5000
TOKEN_BYTES = 32
# the participant's page: <base>/?q=<token> (the app's root, which a fresh server always knows:
# a deep link such as /responder may first meet Streamlit's "Page not found", streamlit/streamlit#9992)


class AnswerError(ValueError):
    """An answer its question cannot take: ``reason`` is a catalog key under ``errors.``."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)
        self.reason, self.details = reason, details


@dataclass
class Question:
    kind: str
    text: str
    options: list[str] = field(default_factory=list)
    contribution_type: str | None = None  # answers become contributions of this type (None: only counted)
    theme: str = ""
    position: int = 0
    id: int | None = None
    version: int = 1


@dataclass
class Questionnaire:
    consultation_id: int
    intro: str = ""
    language: str = "es"
    questions: list[Question] = field(default_factory=list)
    id: int | None = None
    version: int = 1


@dataclass
class Link:
    """A link as the team sees it: never its token, which only its holder has."""

    id: int
    participant_id: int | None  # None: the open link
    issued_at: datetime
    expires_on: date | None
    revoked_at: datetime | None = None
    estimated_size: int | None = None

    def active(self, today: date) -> bool:
        return self.revoked_at is None and not expired(self.expires_on, today)


@dataclass
class Response:
    id: int
    participant_id: int | None
    link_id: int | None
    saved_at: datetime
    submitted_at: datetime | None
    answers: dict[int, object] = field(default_factory=dict)  # question id -> value as typed

    @property
    def finished(self) -> bool:
        return self.submitted_at is not None


@dataclass
class Form:
    """What a link's holder may see: the consultation's title, the questionnaire, their saved answers."""

    title: str
    intro: str
    language: str
    questions: list[Question]
    answers: dict[int, object]
    finished: bool
    personal: bool  # False: the open link (anonymous; no "who do you work with")
    closes_on: date | None
    actors: list[tuple[int, str]] = field(default_factory=list)  # offered for "who do you work with"
    relation_types: list[str] = field(default_factory=list)


# -- tokens ----------------------------------------------------------------------------------


def new_token() -> str:
    """An unguessable token (32 random bytes, URL-safe): given once, never stored."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """What the store keeps of a token: its SHA-256, in hex.

    >>> token_hash("abc")[:16], len(token_hash("abc"))
    ('ba7816bf8f01cfea', 64)
    """
    return hashlib.sha256(str(token).encode("utf-8", "replace")).hexdigest()


def plausible_token(token: object) -> bool:
    """Whether ``token`` could be one of ours (checked before touching the database).

    >>> plausible_token(new_token()), plausible_token("x"), plausible_token("a b" * 20), plausible_token(None)
    (True, False, False, False)
    """
    return isinstance(token, str) and 20 <= len(token) <= 100 and all(c.isalnum() or c in "-_" for c in token)


def link_url(base_url: str, token: str) -> str:
    """The address to send.

    >>> link_url("https://hoja.medellin.gov.co/", "abc")
    'https://hoja.medellin.gov.co/?q=abc'
    """
    return f"{base_url.rstrip('/')}/?q={token}"


def expired(expires_on: date | None, today: date) -> bool:
    """A link opens until its closing day included.

    >>> day = date(2027, 3, 4)
    >>> expired(day, date(2027, 3, 4)), expired(day, date(2027, 3, 5)), expired(None, date.max)
    (False, True, False)
    """
    return expires_on is not None and today > expires_on


def closing_date(starts_on: date | None, ends_on: date | None) -> date | None:
    """The consultation's closing date: its end, else its day.

    >>> closing_date(date(2027, 3, 4), None), closing_date(date(2027, 3, 4), date(2027, 3, 20))
    (datetime.date(2027, 3, 4), datetime.date(2027, 3, 20))
    """
    return ends_on or starts_on


# -- questions -------------------------------------------------------------------------------


def clean_options(options: list[object] | str | None) -> list[str]:
    """A question's options: one a line or a list, cleaned, without blanks and repeats, in order.

    >>> clean_options("Agua\\n  agua \\n\\nMovilidad")
    ['Agua', 'Movilidad']
    """
    if isinstance(options, str):
        options = options.splitlines()
    seen: dict[str, str] = {}
    for option in options or []:
        text = " ".join(clean(str(option)).split())
        if text:
            seen.setdefault(fold(text), text)
    return list(seen.values())


def question_problem(question: Question) -> str | None:
    """Why a question cannot be saved (a catalog key under ``errors.``), or ``None``.

    >>> question_problem(Question("one_choice", "¿Cuál?", ["A"]))
    'questionnaire_options_needed'
    >>> question_problem(Question("open", "¿Qué propone?")) is None
    True
    """
    if question.kind not in QUESTION_KINDS:
        return "questionnaire_bad_kind"
    if not question.text.strip():
        return "questionnaire_question_required"
    if len(question.text) > MAX_QUESTION:
        return "questionnaire_question_too_long"
    if question.kind in CHOICE_KINDS and len(question.options) < 2:
        return "questionnaire_options_needed"
    if len(question.options) > MAX_OPTIONS or any(len(o) > MAX_OPTION for o in question.options):
        return "questionnaire_too_many_options"
    return None


# -- answers ---------------------------------------------------------------------------------


def _option(question: Question, value: object) -> str:
    text = " ".join(clean(str(value)).split())
    for option in question.options:
        if fold(option) == fold(text):
            return option
    raise AnswerError("questionnaire_bad_choice")


def _ties(value: object, offered: set[int], relation_types: set[str]) -> list[dict[str, object]]:
    if not isinstance(value, list):
        raise AnswerError("questionnaire_bad_answer")
    if len(value) > MAX_TIES:
        raise AnswerError("questionnaire_too_many_ties", limit=MAX_TIES)
    ties: dict[tuple, dict[str, object]] = {}
    for tie in value:
        if not isinstance(tie, dict):
            raise AnswerError("questionnaire_bad_answer")
        kind = str(tie.get("type") or "")
        if kind not in relation_types:
            raise AnswerError("questionnaire_bad_answer")
        if tie.get("actor_id") is not None:
            actor_id = tie["actor_id"]
            if not isinstance(actor_id, int) or isinstance(actor_id, bool) or actor_id not in offered:
                raise AnswerError("questionnaire_bad_answer")
            ties[("actor", actor_id, kind)] = {"actor_id": actor_id, "type": kind}
        else:
            name = " ".join(clean(str(tie.get("name") or "")).split())
            if len(name) > MAX_NEW_NAME:
                raise AnswerError("questionnaire_answer_too_long", limit=MAX_NEW_NAME)
            if name:
                ties[("name", fold(name), kind)] = {"name": name, "type": kind}
    return list(ties.values())


def clean_answer(
    question: Question, value: object, offered: set[int] = frozenset(), relation_types: set[str] = frozenset()
) -> object:
    """An answer as its question takes it (text, a choice, choices, 1-5, a ranking, ties), or
    ``None`` when left blank; raises :class:`AnswerError` for anything else.

    >>> q = Question("several_choices", "¿Cuáles?", ["Agua", "Movilidad"])
    >>> clean_answer(q, ["movilidad", "Agua", "Agua"])
    ['Agua', 'Movilidad']
    >>> clean_answer(Question("scale", "¿Cuánto?"), 4), clean_answer(Question("open", "¿Qué?"), "  ")
    (4, None)
    >>> try:
    ...     clean_answer(Question("open", "¿Qué?"), "x" * 4001)
    ... except AnswerError as error:
    ...     error.reason
    'questionnaire_answer_too_long'
    """
    if value is None or value == "" or value == []:
        return None
    kind = question.kind
    if kind == "open":
        if not isinstance(value, str):
            raise AnswerError("questionnaire_bad_answer")
        text = clean(value).strip()
        if len(text) > MAX_OPEN_ANSWER:
            raise AnswerError("questionnaire_answer_too_long", limit=MAX_OPEN_ANSWER)
        return text or None
    if kind == "one_choice":
        return _option(question, value)
    if kind == "scale":
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise AnswerError("questionnaire_bad_answer")
        return value
    if not isinstance(value, list) or len(value) > max(MAX_OPTIONS, MAX_TIES):
        raise AnswerError("questionnaire_bad_answer")
    if kind == "several_choices":
        chosen = {_option(question, item) for item in value}
        return [option for option in question.options if option in chosen] or None
    if kind == "ranking":
        ranked = list(dict.fromkeys(_option(question, item) for item in value))
        return ranked or None
    return _ties(value, set(offered), set(relation_types)) or None


def answer_words(question: Question, value: object, names: dict[int, str] | None = None) -> str:
    """An answer as a line of text (a contribution, a table cell, a document).

    >>> answer_words(Question("ranking", "?", ["A", "B"]), ["B", "A"]), answer_words(Question("scale", "?"), 3)
    ('1. B; 2. A', '3 / 5')
    """
    if value is None:
        return ""
    if question.kind == "scale":
        return f"{value} / 5"
    if question.kind == "ranking":
        return "; ".join(f"{n}. {option}" for n, option in enumerate(value, 1))
    if question.kind == "several_choices":
        return "; ".join(value)
    if question.kind == "ties":
        names = names or {}
        return "; ".join(str(names.get(tie.get("actor_id"), tie.get("name", ""))) for tie in value)
    return str(value)


def contribution_text(question: Question, value: object) -> str:
    """What a contribution made of this answer says: an open answer as written, a closed one after its question.

    >>> contribution_text(Question("one_choice", "¿Prioridad?", ["Agua", "Vías"]), "Agua")
    '¿Prioridad?: Agua'
    """
    words = answer_words(question, value)
    return words if question.kind == "open" else f"{question.text}: {words}"


def tie_pairs(value: object) -> set[tuple[int, str]]:
    """The (actor, relation type) pairs of a "who do you work with" answer (new names left aside).

    >>> sorted(tie_pairs([{"actor_id": 3, "type": "cooperation"}, {"name": "Otra", "type": "funding"}]))
    [(3, 'cooperation')]
    """
    return {(t["actor_id"], t["type"]) for t in value or [] if isinstance(t, dict) and t.get("actor_id") is not None}


def new_names(value: object) -> list[str]:
    """The names a participant gave of organisations the register does not have."""
    return [str(t["name"]) for t in value or [] if isinstance(t, dict) and t.get("name")]


# -- what comes back -------------------------------------------------------------------------


@dataclass
class ClosedCount:
    question: Question
    counts: list[tuple[str, int]]  # option (or 1-5) -> answers, in the question's order
    answered: int = 0


@dataclass
class Results:
    """The synthesis of a questionnaire's answers."""

    linked: int = 0  # participants who were sent a personal link
    respondents: int = 0  # personal responses finished
    started: int = 0  # personal responses saved, not finished
    anonymous: int = 0  # open-link responses finished
    estimated_public: int | None = None
    closed: list[ClosedCount] = field(default_factory=list)
    open_by_theme: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # theme -> (who, text)
    not_answered: list[tuple[Actor, Participant, bool]] = field(default_factory=list)  # started?
    named: list[tuple[str, str]] = field(default_factory=list)  # (who, an organisation the register lacks)

    @property
    def rate(self) -> float | None:
        return self.respondents / self.linked if self.linked else None


def _closed_counts(question: Question, values: list[object]) -> ClosedCount:
    if question.kind == "scale":
        keys = [str(n) for n in SCALE]
        counter = Counter(str(v) for v in values)
    elif question.kind == "ranking":  # points: first of n options gets n, the last 1
        keys = list(question.options)
        counter = Counter()
        for ranked in values:
            for place, option in enumerate(ranked):
                counter[option] += len(question.options) - place
    else:
        keys = list(question.options)
        counter = Counter(o for v in values for o in (v if isinstance(v, list) else [v]))
    return ClosedCount(question, [(key, counter.get(key, 0)) for key in keys], len(values))


def results(
    questionnaire: Questionnaire,
    responses: list[Response],
    links: list[Link],
    participants: list[Participant],
    actors: list[Actor],
) -> Results:
    """Response rate, counts per closed question, open answers by theme, who has not answered yet.

    >>> asked = [Question("scale", "¿Cuánto?", id=1), Question("open", "¿Qué?", theme="Agua", id=2)]
    >>> q = Questionnaire(1, questions=asked)
    >>> people = [Actor("A", id=10), Actor("B", id=11)]
    >>> plist = [Participant(1, 10, "answered", id=5), Participant(1, 11, "invited", id=6)]
    >>> when = datetime(2026, 11, 20)
    >>> links = [Link(1, 5, when, None), Link(2, 6, when, None)]
    >>> r = results(q, [Response(1, 5, 1, when, when, {1: 4, 2: "Más agua"})], links, plist, people)
    >>> r.rate, r.closed[0].counts[3], r.open_by_theme, [a.name for a, _, _ in r.not_answered]
    (0.5, ('4', 1), {'Agua': [('A', 'Más agua')]}, ['B'])
    """
    by_participant = {p.id: p for p in participants}
    names = {a.id: a.name for a in actors}
    by_actor = {a.id: a for a in actors}
    linked = {link.participant_id for link in links if link.participant_id in by_participant}
    finished = [r for r in responses if r.finished]
    result = Results(
        linked=len(linked),
        respondents=sum(r.participant_id is not None for r in finished),
        started=sum(r.participant_id is not None and not r.finished for r in responses),
        anonymous=sum(r.participant_id is None for r in finished),
        estimated_public=next(
            (x.estimated_size for x in links if x.participant_id is None and x.revoked_at is None), None
        ),
    )
    for question in questionnaire.questions:
        values = [r.answers[question.id] for r in finished if r.answers.get(question.id) is not None]
        if question.kind in CLOSED_KINDS:
            result.closed.append(_closed_counts(question, values))
            continue
        for response in finished:
            value = response.answers.get(question.id)
            participant = by_participant.get(response.participant_id)
            who = names.get(participant.actor_id, "") if participant else ""
            if question.kind == "open" and value:
                result.open_by_theme.setdefault(question.theme, []).append((who, str(value)))
            elif question.kind == "ties":
                result.named += [(who, name) for name in new_names(value)]
    done = {r.participant_id for r in finished}
    begun = {r.participant_id for r in responses}
    waiting = [
        (by_actor[p.actor_id], p, p.id in begun)
        for p in participants
        if p.id in linked and p.id not in done and p.actor_id in by_actor
    ]
    result.not_answered = sorted(waiting, key=lambda row: fold(row[0].name))
    return result


def offered_actors(actors: list[Actor], besides: int | None = None, limit: int = 2000) -> list[tuple[int, str]]:
    """Whom a participant may pick for "who do you work with": the register's organisations (never
    people, whose names are personal data), by name, without the participant's own actor.

    >>> offered_actors([Actor("Zeta", id=1), Actor("Ana Gómez", id=2, kind="person"), Actor("Alfa", id=3)], besides=1)
    [(3, 'Alfa')]
    """
    shown = [a for a in actors if a.kind != "person" and a.id != besides]
    return [(a.id, a.name) for a in sorted(shown, key=lambda a: fold(a.name))][:limit]


# -- the team's tables -----------------------------------------------------------------------


def link_state(links: list[Link], today: date) -> str:
    """A participant's link as one word: "none", "active", "revoked" or "expired" (the newest decides).

    >>> when = datetime(2026, 11, 1)
    >>> link_state([], date(2026, 11, 22)), link_state([Link(1, 5, when, date(2026, 11, 1))], date(2026, 11, 22))
    ('none', 'expired')
    """
    if not links:
        return "none"
    newest = max(links, key=lambda link: link.id)
    if newest.revoked_at is not None:
        return "revoked"
    return "expired" if expired(newest.expires_on, today) else "active"


def link_table(
    participants: list[Participant], actors: list[Actor], links: list[Link], responses: list[Response], today: date
) -> list[dict[str, object]]:
    """One row per participant: name, invitation status, link state, issued on, answers (none, started, sent)."""
    names = {a.id: a.name for a in actors}
    by_participant: dict[int, list[Link]] = {}
    for link in links:
        if link.participant_id is not None:
            by_participant.setdefault(link.participant_id, []).append(link)
    progress = {r.participant_id: "sent" if r.finished else "started" for r in responses if r.participant_id}
    rows = []
    for p in participants:
        if p.actor_id not in names:
            continue
        own = by_participant.get(p.id, [])
        rows.append(
            {
                "participant_id": p.id,
                "name": names[p.actor_id],
                "status": p.status,
                "link": link_state(own, today),
                "issued": max(link.issued_at for link in own).date() if own else None,
                "progress": progress.get(p.id, "none"),
            }
        )
    return sorted(rows, key=lambda row: fold(str(row["name"])))


def open_link_now(links: list[Link], today: date) -> Link | None:
    """The open link that still works, if any."""
    found = [link for link in links if link.participant_id is None and link.active(today)]
    return max(found, key=lambda link: link.id) if found else None


@dataclass
class Reported:
    relation_id: int
    reporter: str
    target: str
    type: str


def reported_relations(relations: list, actors: list[Actor], reporters: set[int]) -> list[Reported]:
    """Relations the consultation's participants reported and the team has not reviewed yet, by reporter.

    >>> from toolkit.domain import Relation
    >>> rel = Relation(1, 2, id=7, reported_by=1, report_status="pending")
    >>> reported_relations([rel, Relation(2, 1, id=8)], [Actor("A", id=1), Actor("B", id=2)], {1})
    [Reported(relation_id=7, reporter='A', target='B', type='cooperation')]
    """
    names = {a.id: a.name for a in actors}
    found = [
        Reported(r.id, names.get(r.reported_by, ""), names.get(r.target, ""), r.type)
        for r in relations
        if r.report_status == "pending" and r.reported_by in reporters
    ]
    return sorted(found, key=lambda x: (fold(x.reporter), fold(x.target)))


def app_base(page_url: str | None) -> str:
    """The app's address from the address of the page the team is on (the links start with it).

    >>> app_base("https://hoja.medellin.gov.co/consultas?tab=x"), app_base(None)
    ('https://hoja.medellin.gov.co', '')
    """
    from urllib.parse import urlsplit

    parts = urlsplit(page_url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""
