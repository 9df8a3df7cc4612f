"""Contact history without retyping: calendar and e-mail files read into proposed interactions.

A calendar (``.ics`` from Outlook or Google Calendar) gives one proposal per event, an e-mail
(``.eml``, or Outlook's ``.msg``) one proposal. :func:`match` then finds the workspace's actors
among the people of each proposal, by exact address and by the organisation's domain, and says
who it could not place; nobody is ever made an actor here.

Decisions, so the team knows what the import does:

- A recurring event is one interaction, on its first occurrence (its ``DTSTART``): a series
  exported for a year would otherwise log fifty meetings, most of them still to come or never
  held. Changed occurrences of a series (``RECURRENCE-ID``) and cancelled events are left out.
- An event is a ``call`` when its title says so (llamada, videollamada, call, chamada, appel), a
  ``visit`` when it says visita/visit/visite, otherwise a ``meeting``: a meeting held on Teams,
  Zoom or Meet is still a meeting.
- A date is the day where the event happened: a time with a zone (``TZID``) keeps that zone's
  day; a UTC time takes the calendar's own zone (``X-WR-TIMEZONE``, which Google writes) when it
  names one, else stays in UTC.
- Addresses are compared exactly, upper and lower case of A-Z aside (no Unicode folding: two
  addresses that merely look alike are different people). A domain matches an actor when it is the
  domain of that actor's address or website and of no other actor's; public mail services
  (gmail.com, hotmail.*, outlook.*, yahoo.*...) never match by domain.
- Our own team is whoever writes from the team's domains: the ones given, or else the organiser's
  (calendar) or the sender's (e-mail) when that domain is no actor's.
- A person's name and address are kept only when they are the address of an actor whose consent
  is "yes"; anyone else is counted ("1 persona de Alcaldía"), since an actor's consent covers the
  contact it recorded, not every colleague at the organisation.
- Files are hostile until read: a size limit, a bounded number of events and people, every text
  cleaned (:func:`toolkit.text.clean`), attachments never opened, HTML read as text (scripts and
  styles dropped, nothing run).
"""

from __future__ import annotations

import email
import email.policy
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from html import unescape
from html.parser import HTMLParser
from pathlib import PurePath
from zoneinfo import ZoneInfo

import icalendar

from toolkit.domain import Actor, Interaction
from toolkit.spreadsheets.reading import ReadLimits
from toolkit.text import clean

SUFFIXES = (".ics", ".eml", ".msg")
SUMMARY_CHARS = 600  # subject and the first lines of the body
BODY_LINES = 6
NAME_CHARS = 200
TEAM_MEMBER_CHARS = 300  # the column's size
# only the start of a body is read for the summary: a 20 MB HTML body took 30 s to parse whole
BODY_READ_CHARS = 100_000

_PUBLIC_DOMAINS = frozenset(
    (
        "gmail.com",
        "googlemail.com",
        "icloud.com",
        "me.com",
        "mac.com",
        "aol.com",
        "protonmail.com",
        "protonmail.ch",
        "proton.me",
        "pm.me",
        "msn.com",
        "mail.com",
        "zoho.com",
        "tutanota.com",
        "tuta.io",
        "fastmail.com",
        "hey.com",
        "ymail.com",
        "rocketmail.com",
        "uol.com.br",
        "bol.com.br",
        "terra.com.br",
        "orange.fr",
        "wanadoo.fr",
        "free.fr",
        "laposte.net",
        "sfr.fr",
    )
)
# services present under many country endings: hotmail.es, outlook.com.br, yahoo.com.co...
_PUBLIC_NAMES = frozenset(("hotmail", "outlook", "live", "yahoo", "gmx", "yandex", "web"))
_CALL_WORDS = re.compile(r"\b(llamada|videollamada|call|chamada|videochamada|appel|visioconf\w*)\b", re.IGNORECASE)
_VISIT_WORDS = re.compile(r"\b(visita|visit|visite)\b", re.IGNORECASE)
# where a reply's quoted thread starts, in the languages and mail programs the teams use
_THREAD_START = re.compile(
    r"^\s*(-{2,}\s*(original message|mensaje original|mensagem original|message d'origine)"
    r"|(on|el|em|le)\s.+(wrote|escribió|escreveu|a écrit)\s*:"
    r"|(from|de)\s*:\s.+@)",
    re.IGNORECASE,
)
_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class CaptureLimits:
    """Ceilings for a calendar or e-mail file; the size is the spreadsheets' upload limit."""

    max_bytes: int = ReadLimits.max_bytes
    max_events: int = 5_000  # a year of a busy team's calendar is a few hundred
    max_people: int = 300  # attendees or recipients of one event or message
    max_parts: int = 200  # MIME parts of one e-mail


class CaptureRefused(Exception):
    """The file cannot be read; ``key`` is the catalog message, ``details`` fill it."""

    def __init__(self, reason: str, **details: object) -> None:
        super().__init__(reason)
        self.reason = reason
        self.details = details

    @property
    def key(self) -> str:
        return f"capture.refused.{self.reason}"


@dataclass(frozen=True)
class Person:
    name: str
    address: str  # as written, cleaned; compared through address_key
    organiser: bool = False  # the event's organiser or the message's sender


@dataclass
class Proposal:
    """One interaction as the file tells it, before matching."""

    kind: str
    occurred_on: date
    summary: str
    people: list[Person]
    source: str  # "event 3: <title>" or the file name, for the report


@dataclass
class Unmatched:
    name: str
    address: str
    times: int


@dataclass
class Capture:
    """What an import would store: ``interactions`` for proposals with at least one actor,
    ``unmatched`` people (never made actors), proposals ``without_actor``."""

    interactions: list[Interaction] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)  # the proposal each interaction comes from
    unmatched: list[Unmatched] = field(default_factory=list)
    without_actor: list[str] = field(default_factory=list)


def address_key(address: str) -> str:
    """An address as compared: A-Z lowered, nothing else changed (no Unicode folding).

    >>> address_key(" Ana.Perez@Example.ORG "), address_key("ÁNA@example.org") == "ána@example.org"
    ('ana.perez@example.org', False)
    """
    return address.strip().translate(_ASCII_LOWER)


def domain_of(address: str) -> str:
    """The domain of an address or website, compared like addresses.

    >>> domain_of("ana@Medellin.gov.co"), domain_of("https://www.example.org/about"), domain_of("nada")
    ('medellin.gov.co', 'example.org', '')
    """
    text = address_key(address)
    if "@" in text:
        return text.rsplit("@", 1)[1]
    host = re.sub(r"^[a-z][a-z0-9+.\-]*://", "", text).split("/", 1)[0].split(":", 1)[0]
    host = host.removeprefix("www.")
    return host if "." in host and " " not in host else ""


def public_domain(domain: str) -> bool:
    """A mail service anyone can sign up to, which says nothing of an organisation.

    >>> [public_domain(d) for d in ("gmail.com", "hotmail.es", "yahoo.com.co", "example.org")]
    [True, True, True, False]
    """
    return domain in _PUBLIC_DOMAINS or domain.split(".", 1)[0] in _PUBLIC_NAMES


def kind_of(title: str) -> str:
    """An event's kind from its title.

    >>> kind_of("Llamada con la JAC"), kind_of("Visita a la planta"), kind_of("Mesa técnica (Teams)")
    ('call', 'visit', 'meeting')
    """
    if _CALL_WORDS.search(title):
        return "call"
    if _VISIT_WORDS.search(title):
        return "visit"
    return "meeting"


def read_capture(data: bytes, filename: str, limits: CaptureLimits = CaptureLimits()) -> list[Proposal]:
    """The proposals a calendar or e-mail file holds. Raises :class:`CaptureRefused`."""
    suffix = PurePath(filename).suffix.lower()
    if suffix not in SUFFIXES:
        raise CaptureRefused("unknown_format", suffix=suffix or "?")
    if len(data) > limits.max_bytes:
        raise CaptureRefused("too_large", limit_mb=limits.max_bytes // (1024 * 1024))
    if not data.strip():
        raise CaptureRefused("empty")
    if suffix == ".ics":
        return read_calendar(data, limits)
    if suffix == ".eml":
        return [read_eml(data, filename, limits)]
    return [read_msg(data, filename, limits)]


# -- text ---------------------------------------------------------------------------------------


class _TextOfHtml(HTMLParser):
    """The visible text of an HTML body: script and style dropped, block ends as line breaks."""

    _SKIPPED = frozenset(("script", "style", "head", "title"))
    _BREAKS = frozenset(("br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "blockquote"))

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in self._SKIPPED:
            self.skipping += 1
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self._BREAKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def html_text(html: str) -> str:
    """Plain text of an HTML body; nothing in it runs.

    >>> html_text("<p>Hola&nbsp;equipo</p><script>alert(1)</script><p>Acta <b>lista</b></p>")
    'Hola equipo\\n\\nActa lista'
    """
    parser = _TextOfHtml()
    html = html[:BODY_READ_CHARS]
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - malformed markup: fall back to stripping tags
        return unescape(re.sub(r"<[^>]*>", " ", html))
    return "".join(parts for parts in parser.parts).replace("\xa0", " ").strip()


def first_lines(body: str, lines: int = BODY_LINES) -> str:
    """The first lines of a message's own text: blank lines, quoted lines and the quoted thread
    of a reply left out.

    >>> first_lines("Gracias por la reunión.\\n\\n> texto citado\\nQuedamos el martes.\\n"
    ...             "El lun, 2 mar 2026 a las 10:00, Ana <ana@example.org> escribió:\\nviejo")
    'Gracias por la reunión.\\nQuedamos el martes.'
    """
    kept: list[str] = []
    for line in clean(body[:BODY_READ_CHARS]).splitlines():
        if _THREAD_START.match(line):
            break
        text = " ".join(line.split())
        if text and not text.startswith(">"):
            kept.append(text)
        if len(kept) == lines:
            break
    return "\n".join(kept)


def _summary(title: str, body: str) -> str:
    """The title, then the body's first lines, within SUMMARY_CHARS."""
    title = " ".join(clean(title).split())
    text = "\n".join(part for part in (title, first_lines(body)) if part)
    return text if len(text) <= SUMMARY_CHARS else text[: SUMMARY_CHARS - 1].rstrip() + "…"


def _person(name: object, address: object, organiser: bool = False) -> Person | None:
    address = clean(str(address or "")).strip()
    if address.lower().startswith("mailto:"):
        address = address[len("mailto:") :]
    if "@" not in address:
        return None
    name = " ".join(clean(str(name or "")).split())[:NAME_CHARS]
    return Person(name, address[:NAME_CHARS], organiser)


def _bounded(people: list[Person], limits: CaptureLimits, where: str) -> list[Person]:
    if len(people) > limits.max_people:
        raise CaptureRefused("too_many_people", where=where, limit=limits.max_people)
    unique: dict[str, Person] = {}
    for person in people:
        key = address_key(person.address)
        if key not in unique or person.organiser:
            unique[key] = person
    return list(unique.values())


# -- calendars ----------------------------------------------------------------------------------


def read_calendar(data: bytes, limits: CaptureLimits = CaptureLimits()) -> list[Proposal]:
    """One proposal per event of an ``.ics`` file (see the module's decisions)."""
    if data.count(b"BEGIN:VEVENT") > limits.max_events:  # counted before anything is parsed
        raise CaptureRefused("too_many_events", limit=limits.max_events)
    # cleaned before parsing: icalendar drops a whole line with a control character in a parameter
    text = clean(data.decode("utf-8", errors="replace"))  # RFC 5545 calendars are UTF-8
    try:
        calendar = icalendar.Calendar.from_ical(text)
    except Exception as error:  # noqa: BLE001 - any parse error of a hostile file is one message
        raise CaptureRefused("not_calendar") from error
    if not isinstance(calendar, icalendar.Calendar) or calendar.name != "VCALENDAR":
        raise CaptureRefused("not_calendar")
    zone = _zone(str(calendar.get("X-WR-TIMEZONE", "")))
    proposals = []
    for number, event in enumerate(calendar.walk("VEVENT"), start=1):
        if event.get("RECURRENCE-ID") is not None or str(event.get("STATUS", "")).upper() == "CANCELLED":
            continue
        proposal = _event(event, number, zone, limits)
        if proposal is not None:
            proposals.append(proposal)
    return proposals


def _zone(name: str) -> ZoneInfo | None:
    try:
        return ZoneInfo(clean(name).strip()) if name.strip() else None
    except Exception:  # noqa: BLE001 - an unknown or malformed zone name: stay in UTC
        return None


def _day(value: object, zone: ZoneInfo | None) -> date | None:
    if isinstance(value, datetime):
        if zone is not None and value.tzinfo is not None and value.tzname() == "UTC":
            value = value.astimezone(zone)
        return value.date()
    return value if isinstance(value, date) else None


def _event(event, number: int, zone: ZoneInfo | None, limits: CaptureLimits) -> Proposal | None:
    try:
        start = event.decoded("DTSTART")
    except Exception:  # noqa: BLE001 - missing or unreadable start: no day, no interaction
        return None
    day = _day(start, zone)
    if day is None:
        return None
    title = str(event.get("SUMMARY", ""))
    people: list[Person] = []
    organiser = event.get("ORGANIZER")
    if organiser is not None:
        person = _person(organiser.params.get("CN"), organiser, organiser=True)
        people += [person] if person else []
    attendees = event.get("ATTENDEE", [])
    attendees = attendees if isinstance(attendees, list) else [attendees]
    if len(attendees) > limits.max_people:
        raise CaptureRefused("too_many_people", where=str(number), limit=limits.max_people)
    for attendee in attendees:
        person = _person(attendee.params.get("CN"), attendee)
        people += [person] if person else []
    body = str(event.get("DESCRIPTION", ""))
    source = f"{number}: {' '.join(clean(title).split())[:80]}"
    return Proposal(kind_of(title), day, _summary(title, body), _bounded(people, limits, source), source)


# -- e-mails ------------------------------------------------------------------------------------


def read_eml(data: bytes, filename: str = "", limits: CaptureLimits = CaptureLimits()) -> Proposal:
    """The proposal of one ``.eml`` message: subject, the first lines of its text, who wrote to whom."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if sum(1 for _ in message.walk()) > limits.max_parts:
        raise CaptureRefused("too_many_parts", limit=limits.max_parts)
    try:
        sent = message["Date"].datetime if message["Date"] is not None else None
    except Exception:  # noqa: BLE001 - a malformed date header
        sent = None
    if sent is None:
        raise CaptureRefused("no_date")
    people: list[Person] = []
    for header in ("From", "To", "Cc"):
        people += _header_people(message, header)
    if not people:
        raise CaptureRefused("not_email")
    subject = _header_text(message, "Subject")
    return Proposal(
        "email", sent.date(), _summary(subject, _eml_body(message)), _bounded(people, limits, filename), filename
    )


def _header_text(message, header: str) -> str:
    try:
        return str(message[header] or "")
    except Exception:  # noqa: BLE001 - an undecodable header reads as empty
        return ""


def _header_people(message, header: str) -> list[Person]:
    try:
        value = message[header]
        addresses = value.addresses if value is not None else ()
    except Exception:  # noqa: BLE001 - a malformed address list: no people from it
        return []
    found = (_person(a.display_name, a.addr_spec, organiser=header == "From") for a in addresses)
    return [person for person in found if person]


def _eml_body(message) -> str:
    """Plain text of the message's body (the HTML alternative when there is no plain one);
    attachments are never opened."""
    part = message.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        text = part.get_content()
    except Exception:  # noqa: BLE001 - unknown charset or broken transfer encoding
        payload = part.get_payload(decode=True) or b""
        text = payload.decode("utf-8", errors="replace")
    if not isinstance(text, str):
        return ""
    return html_text(text) if part.get_content_subtype() == "html" else text


def read_msg(data: bytes, filename: str = "", limits: CaptureLimits = CaptureLimits()) -> Proposal:
    """The proposal of one Outlook ``.msg`` message (read with ``extract-msg``)."""
    import extract_msg  # noqa: PLC0415 - heavy (oletools, RTF), needed only for .msg

    try:
        message = extract_msg.openMsg(data)
    except Exception as error:  # noqa: BLE001 - any failure of a hostile file is one message
        raise CaptureRefused("not_msg") from error
    try:
        return _msg_proposal(message, filename, limits)
    finally:
        message.close()


def _msg_proposal(message, filename: str, limits: CaptureLimits) -> Proposal:
    try:
        sent = message.date
        recipients = list(message.recipients)
        sender = email.utils.parseaddr(message.sender or "")
        subject, body, html = message.subject or "", message.body or "", ""
        if not body.strip() and message.htmlBody:
            html = message.htmlBody.decode("utf-8", errors="replace")
    except CaptureRefused:
        raise
    except Exception as error:  # noqa: BLE001
        raise CaptureRefused("not_msg") from error
    if not isinstance(sent, datetime):
        raise CaptureRefused("no_date")
    if len(recipients) > limits.max_people:
        raise CaptureRefused("too_many_people", where=filename, limit=limits.max_people)
    people = [_person(sender[0], sender[1], organiser=True)]
    people += [_person(r.name, r.email) for r in recipients]
    people = [person for person in people if person]
    text = body or html_text(html)
    return Proposal("email", sent.date(), _summary(subject, text), _bounded(people, limits, filename), filename)


# -- matching -----------------------------------------------------------------------------------

_WEBSITE_FIELDS = ("website", "web", "sitio web", "sitio_web", "página web", "pagina web", "site", "dominio", "domain")


@dataclass
class _Directory:
    """The actors by exact address and by organisation domain (a domain of several actors: none)."""

    by_address: dict[str, Actor]
    by_domain: dict[str, Actor]
    domains: set[str]  # every actor domain, shared or not


def _directory(actors: list[Actor]) -> _Directory:
    by_address: dict[str, Actor] = {}
    owners: dict[str, set[int]] = {}
    actor_of = {actor.id: actor for actor in actors}
    for actor in actors:
        sites = [value for key, value in actor.custom.items() if key.strip().lower() in _WEBSITE_FIELDS]
        for address in re.split(r"[;,\s]+", actor.email or ""):
            if "@" in address:
                by_address.setdefault(address_key(address), actor)
                sites.append(address)
        for site in sites:
            domain = domain_of(str(site))
            if domain and not public_domain(domain):
                owners.setdefault(domain, set()).add(actor.id)
    by_domain = {domain: actor_of[next(iter(ids))] for domain, ids in owners.items() if len(ids) == 1}
    return _Directory(by_address, by_domain, set(owners))


def _team_domains(proposal: Proposal, directory: _Directory, own: set[str]) -> set[str]:
    """The given domains; else the organiser's or sender's when it is no actor's; else, when the
    organiser is an actor (a reply, an invitation we received), the one domain of the others that
    is no actor's and no public service's."""
    if own:
        return own

    def ours(person: Person) -> str:
        domain = domain_of(person.address)
        known = address_key(person.address) in directory.by_address or domain in directory.domains
        return "" if known or not domain or public_domain(domain) else domain

    organisers = [person for person in proposal.people if person.organiser]
    if any(ours(person) for person in organisers):
        return {ours(person) for person in organisers if ours(person)}
    others = {ours(person) for person in proposal.people if not person.organiser} - {""}
    return others if organisers and len(others) == 1 else set()


def people_text(named: list[Person], counted: int, organisation: str, counted_label) -> str:
    """What an interaction keeps of an actor's people: consented names and addresses, and a count
    of the rest (``counted_label(count, organisation)`` words it in the user's language)."""
    parts = [f"{p.name} <{p.address}>" if p.name else p.address for p in named]
    if counted:
        parts.append(counted_label(counted, organisation))
    return "; ".join(parts)


def match(
    proposals: list[Proposal],
    actors: list[Actor],
    counted_label,
    own_domains: tuple[str, ...] = (),
) -> Capture:
    """The interactions the proposals make with the workspace's actors, and the people no actor
    matched (with how many times they appear). ``counted_label(count, organisation)`` words "1
    persona de X" for people whose names are not kept."""
    directory = _directory(actors)
    own = {address_key(domain).removeprefix("@") for domain in own_domains if domain.strip()}
    capture, missing, names = Capture(), Counter(), {}
    actor_of = {actor.id: actor for actor in actors}
    for proposal in proposals:
        team = _team_domains(proposal, directory, own)
        named: dict[int, list[Person]] = {}
        counted: Counter[int] = Counter()
        members: list[Person] = []
        for person in proposal.people:
            key, domain = address_key(person.address), domain_of(person.address)
            actor = directory.by_address.get(key)
            if actor is None and domain in team:
                members.append(person)
                continue
            exact = actor is not None
            actor = actor or directory.by_domain.get(domain)
            if actor is None:
                missing[key] += 1
                names.setdefault(key, person)
                continue
            named.setdefault(actor.id, [])
            if exact and actor.consent == "yes":
                named[actor.id].append(person)
            else:
                counted[actor.id] += 1
        if not named:
            capture.without_actor.append(proposal.source)
            continue
        people = {
            actor_id: people_text(named[actor_id], counted[actor_id], actor_of[actor_id].name, counted_label)
            for actor_id in named
        }
        capture.interactions.append(
            Interaction(
                kind=proposal.kind,
                occurred_on=proposal.occurred_on,
                actors=people,
                team_member=_team_member(members),
                summary=proposal.summary,
            )
        )
        capture.sources.append(proposal.source)
    capture.unmatched = [Unmatched(names[key].name, names[key].address, times) for key, times in missing.most_common()]
    return capture


def _team_member(members: list[Person]) -> str:
    """Who on our team: the organiser or sender first, then the others, by name."""
    ordered = sorted(members, key=lambda person: not person.organiser)
    text = ", ".join(person.name or person.address for person in ordered)
    return text if len(text) <= TEAM_MEMBER_CHARS else text[: TEAM_MEMBER_CHARS - 1] + "…"
