"""Contact history from calendar and e-mail files (issue 14): real-shaped .ics, .eml and .msg files
read into proposed interactions, matched to actors by address and by domain, consent respected,
unmatched people reported, hostile files refused plainly. People and domains are invented
(example.org and friends) or public institutions' (medellin.gov.co)."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pytest
from msg_files import outlook_message

from toolkit.capture import CaptureLimits, CaptureRefused, Person, Proposal, match, read_capture
from toolkit.capturing import check_capture, counted_people, import_capture
from toolkit.domain import Actor
from toolkit.i18n import t
from toolkit.store import StoreError, open_store
from toolkit.store.engagement import list_interactions
from toolkit.store.register import add_actor, delete_actors, list_actors
from toolkit.store.workspaces import create_workspace

ROOT = Path(__file__).parents[2]
TEAM = "hojaderuta.example.org"


def ics(*lines: str) -> bytes:
    """Calendar text with CRLF line ends, as both Outlook and Google write it."""
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


OUTLOOK = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "VERSION:2.0",
    "METHOD:PUBLISH",
    "X-MS-OLK-FORCEINSPECTOROPEN:TRUE",
    "BEGIN:VTIMEZONE",
    "TZID:SA Pacific Standard Time",
    "BEGIN:STANDARD",
    "DTSTART:16010101T000000",
    "TZOFFSETFROM:-0500",
    "TZOFFSETTO:-0500",
    "END:STANDARD",
    "END:VTIMEZONE",
    "BEGIN:VEVENT",
    "CLASS:PUBLIC",
    "CREATED:20260220T143000Z",
    "DESCRIPTION:Orden del día:\\n1. Avances del plan de movilidad\\n2. Compromisos\\n",
    "DTEND;TZID=SA Pacific Standard Time:20260302T220000",
    "DTSTAMP:20260301T120000Z",
    # 21:00 in Bogotá is already the 3rd in UTC: the day is the one the team lived
    "DTSTART;TZID=SA Pacific Standard Time:20260302T210000",
    "LOCATION:Sala 3\\, Alcaldía de Medellín",
    'ORGANIZER;CN="Laura Gómez":mailto:laura.gomez@hojaderuta.example.org',
    'ATTENDEE;CN="Pedro Ruiz";RSVP=TRUE;ROLE=REQ-PARTICIPANT:mailto:Pedro.Ruiz@JAC-Moravia.example.org',
    "ATTENDEE;CN=Marta Ossa;RSVP=TRUE;ROLE=OPT-PARTICIPANT:mailto:marta.ossa@medellin.gov.co",
    "ATTENDEE;CN=Julián Gil;RSVP=TRUE:mailto:julian.gil@hojaderuta.example.org",
    "SUMMARY;LANGUAGE=es-CO:Mesa técnica de movilidad",
    "UID:040000008200E00074C5B7101A82E00800000000A0B1",
    "X-MICROSOFT-CDO-BUSYSTATUS:BUSY",
    "X-MICROSOFT-CDO-IMPORTANCE:1",
    "X-MS-OLK-AUTOFILLLOCATION:FALSE",
    "END:VEVENT",
    "END:VCALENDAR",
)

GOOGLE = ics(
    "BEGIN:VCALENDAR",
    "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
    "VERSION:2.0",
    "CALSCALE:GREGORIAN",
    "X-WR-CALNAME:laura.gomez@hojaderuta.example.org",
    "X-WR-TIMEZONE:America/Bogota",
    "BEGIN:VEVENT",
    "DTSTART:20260310T013000Z",
    "DTEND:20260310T020000Z",
    "DTSTAMP:20260301T120000Z",
    "ORGANIZER;CN=laura.gomez@hojaderuta.example.org:mailto:laura.gomez@hojaderuta.example.org",
    "UID:7kq1b2c3d4@google.com",
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED;CN=Pedro Ruiz;X-NUM-GUESTS=0:mailto:pedro",
    " .ruiz@jac-moravia.example.org",  # Google folds long lines at 75 octets
    "ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;CN=vecina.activa@gmail.com;X-NUM-GUE",
    " STS=0:mailto:vecina.activa@gmail.com",
    "DESCRIPTION:Únase con Google Meet: https://meet.google.com/abc-defg-hij",
    "SUMMARY:Videollamada con la JAC de Moravia",
    "STATUS:CONFIRMED",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART;VALUE=DATE:20260315",
    "DTEND;VALUE=DATE:20260316",
    "SUMMARY:Visita a la huerta comunitaria",
    "ORGANIZER;CN=Laura Gómez:mailto:laura.gomez@hojaderuta.example.org",
    "ATTENDEE;CN=Pedro Ruiz:mailto:pedro.ruiz@jac-moravia.example.org",
    "UID:allday1@google.com",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "DTSTART:20260320T150000Z",
    "SUMMARY:Reunión cancelada",
    "ORGANIZER;CN=Laura Gómez:mailto:laura.gomez@hojaderuta.example.org",
    "ATTENDEE;CN=Pedro Ruiz:mailto:pedro.ruiz@jac-moravia.example.org",
    "STATUS:CANCELLED",
    "UID:cancelled1@google.com",
    "END:VEVENT",
    "END:VCALENDAR",
)

RECURRING = ics(
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN",
    "BEGIN:VEVENT",
    "DTSTART;TZID=America/Bogota:20260105T090000",
    "DTEND;TZID=America/Bogota:20260105T100000",
    "RRULE:FREQ=WEEKLY;BYDAY=MO;COUNT=20",
    "SUMMARY:Comité de seguimiento semanal",
    "ORGANIZER;CN=Laura Gómez:mailto:laura.gomez@hojaderuta.example.org",
    "ATTENDEE;CN=Marta Ossa:mailto:marta.ossa@medellin.gov.co",
    "UID:weekly-1",
    "END:VEVENT",
    "BEGIN:VEVENT",
    "RECURRENCE-ID;TZID=America/Bogota:20260112T090000",
    "DTSTART;TZID=America/Bogota:20260113T090000",
    "SUMMARY:Comité de seguimiento semanal (movido al martes)",
    "ORGANIZER;CN=Laura Gómez:mailto:laura.gomez@hojaderuta.example.org",
    "ATTENDEE;CN=Marta Ossa:mailto:marta.ossa@medellin.gov.co",
    "UID:weekly-1",
    "END:VEVENT",
    "END:VCALENDAR",
)


def eml(subject: str, sender: str, to: str, body: str = "", html: str = "", cc: str = "", sent=None) -> bytes:
    message = EmailMessage()
    message["Subject"] = subject  # non-ASCII subjects are encoded (RFC 2047) by the library
    message["From"], message["To"] = sender, to
    if cc:
        message["Cc"] = cc
    message["Date"] = format_datetime(sent or datetime(2026, 3, 4, 16, 20, tzinfo=UTC))
    message["Message-ID"] = "<20260304162000.1@hojaderuta.example.org>"
    if body:
        message.set_content(body)
    if html:
        message.add_alternative(html, subtype="html") if body else message.set_content(html, subtype="html")
    return message.as_bytes()


def actors() -> list[Actor]:
    return [
        Actor("JAC Moravia", email="pedro.ruiz@jac-moravia.example.org", consent="yes", id=1),
        Actor("Secretaría de Movilidad", email="movilidad@medellin.gov.co", consent="unknown", id=2),
        Actor("Colectivo Huertas", email="huertas@gmail.com", consent="yes", id=3),
        Actor("Fundación Río", custom={"Sitio web": "https://www.fundacionrio.example.org/quienes"}, id=4),
        Actor("Universidad A", email="rectoria@campus.example.edu", id=5),
        Actor("Universidad B", email="extension@campus.example.edu", id=6),
    ]


def captured(data: bytes, name: str, own: tuple[str, ...] = ()):
    return match(read_capture(data, name), actors(), counted_people, own)


# -- calendars ------------------------------------------------------------------------------------


def test_an_outlook_meeting_keeps_its_local_day_and_finds_actors_by_address_and_domain():
    capture = captured(OUTLOOK, "outlook.ics")
    [meeting] = capture.interactions
    assert (meeting.kind, meeting.occurred_on) == ("meeting", date(2026, 3, 2))
    assert meeting.summary.splitlines() == [
        "Mesa técnica de movilidad",
        "Orden del día:",
        "1. Avances del plan de movilidad",
        "2. Compromisos",
    ]
    # consent "yes" and her own address: named; a colleague at the Alcaldía's domain: counted
    assert meeting.actors == {
        1: "Pedro Ruiz <Pedro.Ruiz@JAC-Moravia.example.org>",
        2: "1 persona de Secretaría de Movilidad",
    }
    # the organiser's domain is the team's: Laura and Julián are us, not unmatched people
    assert meeting.team_member == "Laura Gómez, Julián Gil"
    assert capture.unmatched == [] and capture.without_actor == []


def test_a_google_calendar_in_utc_a_call_an_all_day_visit_and_no_cancelled_event():
    capture = captured(GOOGLE, "google.ics")
    days_kinds = [(i.occurred_on, i.kind) for i in capture.interactions]
    # 01:30 UTC on the 10th is 20:30 on the 9th in the calendar's zone (America/Bogota)
    assert days_kinds == [(date(2026, 3, 9), "call"), (date(2026, 3, 15), "visit")]
    assert [i.team_member for i in capture.interactions] == ["laura.gomez@hojaderuta.example.org", "Laura Gómez"]
    # a gmail.com address never matches by domain, even with an actor at gmail.com
    assert [(p.address, p.times) for p in capture.unmatched] == [("vecina.activa@gmail.com", 1)]


def test_a_recurring_weekly_meeting_is_one_interaction_on_its_first_day():
    capture = captured(RECURRING, "semanal.ics")
    assert [(i.occurred_on, i.summary) for i in capture.interactions] == [
        (date(2026, 1, 5), "Comité de seguimiento semanal")
    ]
    assert capture.interactions[0].actors == {2: "1 persona de Secretaría de Movilidad"}


def test_an_explicit_team_domain_wins_and_an_event_with_no_actor_is_reported():
    calendar = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "DTSTART:20260401T140000Z",
        "SUMMARY:Café con una periodista",
        "ORGANIZER;CN=Ana Mora:mailto:ana.mora@prensa.example.net",
        "ATTENDEE;CN=Laura Gómez:mailto:laura.gomez@hojaderuta.example.org",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    capture = captured(calendar, "cafe.ics", own=(TEAM,))
    assert capture.interactions == [] and capture.without_actor == ["1: Café con una periodista"]
    assert [(p.name, p.address, p.times) for p in capture.unmatched] == [("Ana Mora", "ana.mora@prensa.example.net", 1)]


# -- e-mails --------------------------------------------------------------------------------------


def test_a_plain_email_with_an_encoded_subject():
    data = eml(
        "Reunión de seguimiento: compromisos de la JAC",
        "Laura Gómez <laura.gomez@hojaderuta.example.org>",
        "Pedro Ruiz <pedro.ruiz@jac-moravia.example.org>",
        body="Hola Pedro,\n\nTe comparto los compromisos.\nSaludos,\nLaura\n",
    )
    assert b"=?utf-8?" in data  # the subject travels encoded, as mail programs send it
    [mail] = captured(data, "seguimiento.eml").interactions
    assert (mail.kind, mail.occurred_on, mail.team_member) == ("email", date(2026, 3, 4), "Laura Gómez")
    assert mail.summary.splitlines()[0] == "Reunión de seguimiento: compromisos de la JAC"
    assert "Te comparto los compromisos." in mail.summary
    assert mail.actors == {1: "Pedro Ruiz <pedro.ruiz@jac-moravia.example.org>"}


def test_html_is_read_as_text_and_scripts_never_reach_the_summary():
    html = (
        "<html><head><style>p{color:red}</style><script>alert('x')</script></head>"
        "<body><p>Acta&nbsp;aprobada</p><p>Próxima reunión el <b>martes</b></p></body></html>"
    )
    only_html = eml("Acta", "Marta Ossa <marta.ossa@medellin.gov.co>", f"Laura <laura@{TEAM}>", html=html)
    [mail] = captured(only_html, "acta.eml", own=(TEAM,)).interactions
    assert mail.summary == "Acta\nActa aprobada\nPróxima reunión el martes"
    both = eml(
        "Acta", "Marta Ossa <marta.ossa@medellin.gov.co>", f"Laura <laura@{TEAM}>", body="Texto plano", html=html
    )
    assert captured(both, "acta.eml", own=(TEAM,)).interactions[0].summary == "Acta\nTexto plano"


def test_a_huge_html_body_is_read_only_at_its_start():
    # 17 MB of markup: the summary needs its first lines, and parsing it whole took 30 seconds
    html = "<p>Acta</p><script>alert(1)</script>" * 500_000
    data = eml("Boletín", "Marta Ossa <marta.ossa@medellin.gov.co>", f"laura@{TEAM}", html=html)
    [mail] = captured(data, "grande.eml", own=(TEAM,)).interactions
    assert mail.summary == "Boletín\n" + "\n".join(["Acta"] * 6)


def test_a_reply_keeps_its_own_lines_not_the_quoted_thread():
    body = (
        "De acuerdo, confirmamos la visita.\n\n"
        "El mar, 3 mar 2026 a las 9:15, Laura Gómez <laura.gomez@hojaderuta.example.org> escribió:\n"
        "> ¿Podemos visitar la huerta el sábado?\n> Quedo atenta.\n"
    )
    data = eml(
        "RE: Visita", "Pedro Ruiz <pedro.ruiz@jac-moravia.example.org>", f"Laura Gómez <laura.gomez@{TEAM}>", body=body
    )
    [mail] = captured(data, "re.eml").interactions
    assert mail.summary == "RE: Visita\nDe acuerdo, confirmamos la visita."
    assert mail.team_member == "Laura Gómez"  # the sender is an actor: the team is the recipient's domain given


def test_attachments_are_ignored():
    message = EmailMessage()
    message["Subject"], message["From"] = "Documento", "Marta Ossa <marta.ossa@medellin.gov.co>"
    message["To"], message["Date"] = f"laura@{TEAM}", format_datetime(datetime(2026, 3, 5, tzinfo=UTC))
    message.set_content("Adjunto el documento.")
    message.add_attachment(b"SECRETO en el adjunto", maintype="text", subtype="plain", filename="notas.txt")
    [mail] = captured(message.as_bytes(), "doc.eml", own=(TEAM,)).interactions
    assert "SECRETO" not in mail.summary and mail.summary == "Documento\nAdjunto el documento."


def test_an_outlook_msg_file():
    data = outlook_message(
        "Acta mesa técnica",
        ("Laura Gómez", "laura.gomez@hojaderuta.example.org"),
        [("Pedro Ruiz", "pedro.ruiz@jac-moravia.example.org", 1), ("Equipo Río", "equipo@fundacionrio.example.org", 2)],
        "Gracias por asistir.\r\nAdjunto el acta.",
        datetime(2026, 3, 6, 15, 0, tzinfo=UTC),
    )
    [mail] = captured(data, "acta.msg").interactions
    assert (mail.kind, mail.occurred_on, mail.team_member) == ("email", date(2026, 3, 6), "Laura Gómez")
    assert mail.summary == "Acta mesa técnica\nGracias por asistir.\nAdjunto el acta."
    # the foundation is found by the domain of its website (a custom column), its person counted
    assert mail.actors == {1: "Pedro Ruiz <pedro.ruiz@jac-moravia.example.org>", 4: "1 persona de Fundación Río"}


# -- matching -------------------------------------------------------------------------------------


def proposal(*addresses: str) -> Proposal:
    people = [Person(f"P{n}", address) for n, address in enumerate(addresses)]
    return Proposal("meeting", date(2026, 3, 1), "Reunión", people, "1: Reunión")


def test_addresses_compare_exactly_but_for_ascii_case():
    # upper case A-Z matches; a look-alike (Kelvin sign, accented letter) is another address
    capture = match(
        [
            proposal(
                "PEDRO.RUIZ@jac-moravia.example.org", "pedro.ruiz@jac-morav\u00eda.example.org", "\u212aarla@gmail.com"
            )
        ],
        actors(),
        counted_people,
    )
    assert capture.interactions[0].actors == {1: "P0 <PEDRO.RUIZ@jac-moravia.example.org>"}
    assert {p.address for p in capture.unmatched} == {"pedro.ruiz@jac-morav\u00eda.example.org", "\u212aarla@gmail.com"}


def test_a_domain_shared_by_two_actors_matches_neither_and_unmatched_people_are_counted():
    capture = match(
        [
            proposal("decano@campus.example.edu", "otra@otra.example.com"),
            proposal("otra@otra.example.com", "movilidad@medellin.gov.co"),
        ],
        actors(),
        counted_people,
    )
    assert [p.address for p in capture.unmatched] == ["otra@otra.example.com", "decano@campus.example.edu"]
    assert [p.times for p in capture.unmatched] == [2, 1]
    assert capture.without_actor == ["1: Reunión"] and len(capture.interactions) == 1
    # the exact address of an actor without consent still hides the name
    assert capture.interactions[0].actors == {2: "1 persona de Secretaría de Movilidad"}


def test_several_people_of_an_actor_without_consent_are_a_count():
    capture = match([proposal("a@medellin.gov.co", "b@medellin.gov.co")], actors(), counted_people)
    assert capture.interactions[0].actors == {2: "2 personas de Secretaría de Movilidad"}


# -- hostile files --------------------------------------------------------------------------------


def test_events_and_people_are_bounded():
    many = ics("BEGIN:VCALENDAR", *["BEGIN:VEVENT", "DTSTART:20260101T100000Z", "END:VEVENT"] * 6, "END:VCALENDAR")
    with pytest.raises(CaptureRefused) as refused:
        read_capture(many, "muchos.ics", CaptureLimits(max_events=5))
    assert t(refused.value.key, **refused.value.details) == (
        "El calendario tiene más de 5 eventos. Exporte un periodo más corto (por ejemplo, un trimestre)."
    )
    crowd = ", ".join(f"p{n}@example.org" for n in range(400))
    with pytest.raises(CaptureRefused) as refused:
        read_capture(eml("Boletín", f"laura@{TEAM}", crowd, body="Hola"), "boletin.eml")
    assert refused.value.reason == "too_many_people"


@pytest.mark.parametrize(
    "data, name, reason",
    [
        (b"x" * 2048, "grande.ics", "too_large"),
        (b"", "vacio.eml", "empty"),
        (b"%PDF-1.7 no es un calendario", "agenda.ics", "not_calendar"),
        (b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:nonsense", "roto.ics", "not_calendar"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "roto.msg", "not_msg"),
        (b"Subject: sin fecha\r\nFrom: a@example.org\r\n\r\nhola", "sinfecha.eml", "no_date"),
        (b"Date: Wed, 4 Mar 2026 10:00:00 +0000\r\nSubject: nadie\r\n\r\nhola", "nadie.eml", "not_email"),
        (b"BEGIN:VCALENDAR", "agenda.pdf", "unknown_format"),
    ],
)
def test_hostile_or_wrong_files_are_refused_plainly(data, name, reason):
    with pytest.raises(CaptureRefused) as refused:
        read_capture(data, name, CaptureLimits(max_bytes=1024))
    assert refused.value.reason == reason
    for lang in ("es", "en", "pt", "fr"):
        assert "{" not in t(refused.value.key, lang=lang, **refused.value.details)


def test_control_characters_never_reach_the_summary_or_the_people():
    calendar = ics(
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "BEGIN:VEVENT",
        "DTSTART:20260401T140000Z",
        "SUMMARY:Mesa\x00 técnica\x1b",
        "ORGANIZER;CN=Laura:mailto:laura@hojaderuta.example.org",
        "ATTENDEE;CN=Pedro\x07 Ruiz:mailto:pedro.ruiz@jac-moravia.example.org",
        "END:VEVENT",
        "END:VCALENDAR",
    )
    [meeting] = captured(calendar, "sucio.ics").interactions
    assert meeting.summary == "Mesa técnica" and meeting.actors == {
        1: "Pedro Ruiz <pedro.ruiz@jac-moravia.example.org>"
    }


# -- command line ---------------------------------------------------------------------------------


def test_check_reports_what_it_would_store_as_json(tmp_path):
    url = f"sqlite:///{tmp_path / 'hoja.db'}"
    engine = open_store(url)
    workspace = create_workspace(engine, "Movilidad")
    for actor in actors()[:3]:
        actor.id = None
        add_actor(engine, workspace.id, actor)
    engine.dispose()
    path = tmp_path / "outlook.ics"
    path.write_bytes(OUTLOOK)
    command = [sys.executable, "-m", "toolkit", "check", str(path), "--workspace", "Movilidad", "--db", url]
    result = subprocess.run([*command, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    [meeting] = report["interactions"]
    assert meeting["occurred_on"] == "2026-03-02" and meeting["team_member"] == "Laura Gómez, Julián Gil"
    assert [(a["name"], a["people"]) for a in meeting["actors"]] == [
        ("JAC Moravia", "Pedro Ruiz <Pedro.Ruiz@JAC-Moravia.example.org>"),
        ("Secretaría de Movilidad", "1 persona de Secretaría de Movilidad"),
    ]
    printed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert printed.stdout.splitlines()[0] == (
        "Interacciones que se guardarían: 1. Eventos o correos sin ningún actor: 0. Personas sin actor: 0."
    )
    path.write_bytes(b"%PDF-1.7")
    refused = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert refused.returncode == 2 and refused.stderr.strip().startswith("No se pudo leer el archivo como calendario")


# -- importing --------------------------------------------------------------------------------------


def workspace_with_actors(engine, name: str = "Movilidad") -> int:
    workspace = create_workspace(engine, name)
    for actor in actors()[:3]:  # JAC Moravia, Secretaría de Movilidad, Colectivo Huertas
        actor.id = None
        add_actor(engine, workspace.id, actor)
    return workspace.id


def test_an_import_stores_the_matched_interactions_once(engine):
    workspace_id = workspace_with_actors(engine)
    first = import_capture(engine, workspace_id, check_capture(engine, workspace_id, GOOGLE, "google.ics"))
    assert (first.stored, first.already) == (2, 0)
    history = sorted(list_interactions(engine, workspace_id), key=lambda i: i.occurred_on)
    jac = next(a.id for a in list_actors(engine, workspace_id) if a.name == "JAC Moravia")
    assert [(i.occurred_on, i.kind, i.actors) for i in history] == [
        (date(2026, 3, 9), "call", {jac: "Pedro Ruiz <pedro.ruiz@jac-moravia.example.org>"}),
        (date(2026, 3, 15), "visit", {jac: "Pedro Ruiz <pedro.ruiz@jac-moravia.example.org>"}),
    ]
    # the same file again: nothing repeated
    again = import_capture(engine, workspace_id, check_capture(engine, workspace_id, GOOGLE, "google.ics"))
    assert (again.stored, again.already) == (0, 2) and len(list_interactions(engine, workspace_id)) == 2


def test_an_import_is_all_or_nothing(engine):
    workspace_id = workspace_with_actors(engine)
    capture = check_capture(engine, workspace_id, OUTLOOK, "outlook.ics")
    capture.interactions += check_capture(engine, workspace_id, GOOGLE, "google.ics").interactions
    capture.sources += ["call", "visit"]
    movilidad = next(a.id for a in list_actors(engine, workspace_id) if a.name == "Secretaría de Movilidad")
    delete_actors(engine, workspace_id, [movilidad])  # deleted between the check and the import
    with pytest.raises(StoreError):
        import_capture(engine, workspace_id, capture)
    assert list_interactions(engine, workspace_id) == []


def test_import_from_the_command_line(tmp_path):
    url = f"sqlite:///{tmp_path / 'hoja.db'}"
    engine = open_store(url)
    workspace_with_actors(engine)
    engine.dispose()
    path = tmp_path / "acta.msg"
    path.write_bytes(
        outlook_message(
            "Acta mesa técnica",
            ("Laura Gómez", "laura.gomez@hojaderuta.example.org"),
            [("Pedro Ruiz", "pedro.ruiz@jac-moravia.example.org", 1), ("Sin actor", "nadie@otra.example.net", 2)],
            "Gracias por asistir.",
            datetime(2026, 3, 6, 15, 0, tzinfo=UTC),
        )
    )
    command = [sys.executable, "-m", "toolkit", "import", str(path), "--workspace", "Movilidad", "--db", url]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert (
        lines[0] == "Interacciones que se guardarían: 1. Eventos o correos sin ningún actor: 0. Personas sin actor: 1."
    )
    assert "  Sin actor <nadie@otra.example.net>: 1 vez" in lines
    assert lines[-1] == "Se guardó 1 interacción en «Movilidad»."
    again = subprocess.run([*command, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert (json.loads(again.stdout)["stored"], json.loads(again.stdout)["already"]) == (0, 1)
    check = [sys.executable, "-m", "toolkit", "check", str(path), "--workspace", "Movilidad", "--db", url]
    checked = subprocess.run([*check, "--json"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    report = json.loads(checked.stdout)  # a check after the import says what an import would skip
    assert report["already"] == 1 and [i["already"] for i in report["interactions"]] == [True]
    printed = subprocess.run(check, cwd=ROOT, capture_output=True, text=True, timeout=120).stdout.splitlines()
    assert "1 ya está en el historial y no se repetirá." in printed
    missing = subprocess.run(
        [*command[:-4], "--workspace", "Otro", "--db", url], cwd=ROOT, capture_output=True, text=True
    )
    assert missing.returncode == 2 and "Otro" in missing.stderr
