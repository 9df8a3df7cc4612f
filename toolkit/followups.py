"""Contact history and next steps as the screens show them (pure functions, today given).

Whose next steps are "mine": an interaction's ``team_member`` is free text typed by the team (or
the organiser's name read from a calendar), so it is matched against the signed-in account's
display name and its username, ignoring case, accents, punctuation and spacing ("andres giraldo"
is "Andrés Giraldo"); a person whose account bears another name sees nobody's steps as theirs.

Each next step becomes one line (due date, actors with a link to their record, the step, who);
the actors to manage closely or keep satisfied that nobody has contacted in a while are counted
and the first few named; the history becomes the rows of the editable table.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from toolkit.access import Person
from toolkit.consultations import row_edits
from toolkit.domain import INTERACTION_KINDS, Interaction, quadrant
from toolkit.engagement import Silence, kind_label
from toolkit.i18n import format_date, format_number, t
from toolkit.markdown import escape
from toolkit.vocab import fold

ACTOR_PAGE = "actores"  # the url_path of Actores, whose record opens with ?actor=<id>
EDITABLE_COLUMNS = (
    "occurred_on",
    "kind",
    "team_member",
    "summary",
    "agreements",
    "next_step",
    "next_step_due",
    "next_step_done",
)
HISTORY_COLUMNS = ("occurred_on", "kind", "actors", "team_member", "summary", "agreements", "next_step")
HISTORY_COLUMNS += ("next_step_due", "next_step_done")
NAMED = 5  # the silent actors named on Inicio; the others are counted


# -- whose steps -------------------------------------------------------------------------------


def is_mine(team_member: str, person: Person) -> bool:
    """Whether an interaction's team member is this account (display name or username).

    >>> someone = Person(3, "agiraldo", "Andrés Giraldo")
    >>> is_mine("andres  GIRALDO", someone), is_mine("AGiraldo", someone), is_mine("Laura", someone)
    (True, True, False)
    >>> is_mine("", Person(4, "", ""))
    False
    """
    wanted = fold(team_member)
    return bool(wanted) and wanted in {fold(person.display_name), fold(person.username)}


def mine(interactions: Iterable[Interaction], person: Person) -> list[Interaction]:
    """The interactions whose team member is this account."""
    return [i for i in interactions if is_mine(i.team_member, person)]


# -- next steps as lines -----------------------------------------------------------------------


@dataclass(frozen=True)
class StepLine:
    interaction_id: int | None
    due: date
    actors: list[tuple[int, str]]  # (id, name), in the interaction's order
    step: str
    who: str
    late_days: int  # days past due (0 when not late)


def step_lines(steps: Iterable[Interaction], actor_names: dict[int, str], today: date) -> list[StepLine]:
    """One line per next step (the order given: soonest first from ``follow_ups``).

    >>> i = Interaction("call", date(2026, 11, 2), {7: ""}, "Laura", next_step="Enviar acta",
    ...                 next_step_due=date(2026, 11, 20), id=1)
    >>> line = step_lines([i], {7: "ACI"}, date(2026, 11, 22))[0]
    >>> line.actors, line.step, line.late_days
    ([(7, 'ACI')], 'Enviar acta', 2)
    """
    return [
        StepLine(
            interaction_id=i.id,
            due=i.next_step_due,
            actors=[(actor_id, actor_names.get(actor_id, "")) for actor_id in i.actors],
            step=i.next_step,
            who=i.team_member,
            late_days=max((today - i.next_step_due).days, 0),
        )
        for i in steps
        if i.next_step_due is not None
    ]


def actor_link(actor_id: int, name: str) -> str:
    """A markdown link to an actor's record; the name is shown inert.

    >>> actor_link(12, "[ONG](x)")
    '[\\\\[ONG\\\\]\\\\(x\\\\)](actores?actor=12)'
    """
    return f"[{escape(name)}]({ACTOR_PAGE}?actor={int(actor_id)})"


def step_markdown(line: StepLine, lang: str | None = None) -> str:
    """The line as markdown: due date, actors (links), the step, who; every user text escaped.

    >>> line = StepLine(1, date(2026, 11, 28), [(3, "Teleantioquia")], "Llamar *ya*", "Andrés", 0)
    >>> step_markdown(line, "es")
    '**28/11/2026** · [Teleantioquia](actores?actor=3) · Llamar \\\\*ya\\\\* · _Andrés_'
    """
    parts = [f"**{format_date(line.due, lang)}**"]
    if line.late_days:
        parts[0] += " " + t("contacts.steps.late", lang, count=line.late_days)
    parts.append(", ".join(actor_link(actor_id, name) for actor_id, name in line.actors))
    parts.append(escape(line.step))
    if line.who.strip():
        parts.append(f"_{escape(line.who)}_")
    return " · ".join(parts)


# -- silences ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quiet:
    count: int
    names: list[str]  # the first ones, longest silence first
    others: int  # how many more


def quiet(silences: list[Silence], named: int = NAMED) -> Quiet:
    """How many actors nobody has contacted in a while, and the first few by name.

    >>> from toolkit.domain import Actor
    >>> found = quiet([Silence(Actor(n), None, None) for n in "ABCDEFG"], named=3)
    >>> found.count, found.names, found.others
    (7, ['A', 'B', 'C'], 4)
    """
    names = [s.actor.name for s in silences[:named]]
    return Quiet(len(silences), names, len(silences) - len(names))


def quiet_text(found: Quiet, days: int, lang: str | None = None) -> str:
    """The sentence on Inicio, names escaped.

    >>> quiet_text(Quiet(2, ["EPM", "ACI"], 0), 60, "es")
    '2 actores para gestionar de cerca o mantener satisfechos llevan 60 días o más sin contacto: EPM, ACI.'
    """
    names = ", ".join(escape(name) for name in found.names)
    if found.others:
        names = t("contacts.quiet.and_others", lang, names=names, count=found.others)
    return t("contacts.quiet.summary", lang, count=found.count, days=days, names=names)


# -- the history as a table --------------------------------------------------------------------


def actors_text(interaction: Interaction, actor_names: dict[int, str]) -> str:
    """Who took part, each actor with its people when known.

    >>> actors_text(Interaction("call", date(2026, 1, 2), {1: "Despacho", 2: ""}), {1: "Alcaldía", 2: "ACI"})
    'Alcaldía (Despacho); ACI'
    """
    return "; ".join(
        f"{actor_names.get(actor_id, '')} ({people})" if people.strip() else actor_names.get(actor_id, "")
        for actor_id, people in interaction.actors.items()
    )


def history_rows(interactions: Iterable[Interaction], actor_names: dict[int, str]) -> list[dict[str, object]]:
    """Rows of the editable history table (with the version each row was read at)."""
    return [
        {
            "id": i.id,
            "version": i.version,
            "delete": False,
            "actors": actors_text(i, actor_names),
            **{name: getattr(i, name) for name in EDITABLE_COLUMNS},
        }
        for i in interactions
    ]


def history_edits(before: list[dict[str, object]], touched: list[dict[str, object]]):
    """What the person changed in the history table: ``(edits, ids to delete)``."""
    return row_edits(before, touched, EDITABLE_COLUMNS, "delete", dates=("occurred_on", "next_step_due"))


def kind_options(lang: str | None = None) -> dict[str, str]:
    """The kinds of contact and their words, for a choice list."""
    return {kind: kind_label(kind, lang) for kind in INTERACTION_KINDS}


def contact_table(
    interactions: Iterable[Interaction], actor_names: dict[int, str], lang: str | None = None
) -> dict[str, list[str]]:
    """Contacts to read (not edit), headed in the user's language: date, kind, actors, who, summary.

    >>> table = contact_table([Interaction("call", date(2026, 11, 2), {1: ""}, "Laura")], {1: "ACI"}, "es")
    >>> list(table.values())
    [['2/11/2026'], ['Llamada'], ['ACI'], ['Laura'], ['']]
    """
    chosen = list(interactions)
    return {
        t("contacts.columns.occurred_on", lang): [format_date(i.occurred_on, lang) for i in chosen],
        t("contacts.columns.kind", lang): [kind_label(i.kind, lang) for i in chosen],
        t("contacts.columns.actors", lang): [actors_text(i, actor_names) for i in chosen],
        t("contacts.columns.team_member", lang): [i.team_member for i in chosen],
        t("contacts.columns.summary", lang): [i.summary for i in chosen],
    }


def silence_table(silences: Iterable[Silence], lang: str | None = None) -> dict[str, list[str]]:
    """The silent actors to read: name, quadrant, last contact, days without contact ("Nunca").

    >>> from toolkit.domain import Actor
    >>> rows = silence_table([Silence(Actor("EPM", influence=5, interest=5), date(2026, 9, 1), 82)], "es")
    >>> list(rows.values())
    [['EPM'], ['Gestionar de cerca'], ['1/09/2026'], ['82']]
    """
    chosen = list(silences)
    never = t("contacts.home.never", lang)
    return {
        t("contacts.home.name", lang): [s.actor.name for s in chosen],
        t("contacts.home.quadrant", lang): [
            t(f"quadrants.{quadrant(s.actor.influence, s.actor.interest)}", lang) for s in chosen
        ],
        t("contacts.home.last_contact", lang): [format_date(s.last_contact, lang) or never for s in chosen],
        t("contacts.home.days", lang): [never if s.days is None else format_number(s.days, lang) for s in chosen],
    }
