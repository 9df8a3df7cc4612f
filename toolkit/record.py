"""One actor's record ("Ficha del actor"): what the workspace knows of an actor and what the team
has done with it, shaped for the record's screen and its printable brief.

Pure functions over what the store returns (the page reads it, these shape it); ``today`` and the
language are given. User text comes back as typed: whoever shows it escapes it (markdown, plotly
and Word each have their own way, see :mod:`toolkit.markdown`, :func:`toolkit.charts.inert_figure`
and :func:`toolkit.text.clean`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import plotly.graph_objects as go
from babel.dates import format_date as babel_format_date

from toolkit.audiences import Membership
from toolkit.charts import inert_figure
from toolkit.domain import (
    STANCE_KEYS,
    Actor,
    Assessment,
    Audience,
    Campaign,
    Consultation,
    Contribution,
    Interaction,
    Participant,
    Relation,
    quadrant,
)
from toolkit.engagement import current, is_pending, kind_label, last_contacts, reason_label
from toolkit.i18n import LOCALES, format_date, label, language, t

Custom = dict[str, dict[str, str]]  # vocabulary -> the workspace's own names for its terms
EDITABLE = (  # the record's form, in the order a person reads an actor
    "name",
    "acronym",
    "kind",
    "sector",
    "scale",
    "stance",
    "influence",
    "interest",
    "themes",
    "dimensions",
    "country",
    "city",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
    "notes",
)
LAST_CONTACTS = 5  # contacts the brief lists
MAIN_COUNTERPARTS = 8  # relations the brief lists, strongest first
AUDIT_SCAN = 2000  # trail entries read to find this actor's (newest first)
PEOPLE_KEYS = ("actor_id", "source_id", "target_id")  # the trail's columns that name an actor


@dataclass(frozen=True)
class Reach:
    """An audience that includes the actor and the campaigns (not cancelled) that target it."""

    audience: Audience
    how: str  # "rule" or "hand" (see Membership.how)
    campaigns: list[Campaign] = field(default_factory=list)


@dataclass(frozen=True)
class Story:
    """Everything the record shows of one actor (lists already narrowed to the actor)."""

    actor: Actor
    names: dict[int, str]  # every actor of the workspace: id -> name
    interactions: list[Interaction] = field(default_factory=list)  # newest first
    assessments: list[Assessment] = field(default_factory=list)  # oldest first
    relations: list[Relation] = field(default_factory=list)
    consultations: dict[int, Consultation] = field(default_factory=dict)  # the workspace's, by id
    participants: list[Participant] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    reach: list[Reach] = field(default_factory=list)


@dataclass(frozen=True)
class Header:
    """The record's first lines: where the actor stands and where the team is with it."""

    influence: int | None
    interest: int | None
    stance: int | None
    quadrant: str | None
    last_contact: date | None
    days_since: int | None  # None: never contacted
    next_step: Interaction | None  # the open next step due soonest
    overdue: bool


def term(custom: Custom, vocabulary: str, key: str | None, lang: str | None = None) -> str:
    """A vocabulary key as the workspace names it (a renamed sector...), in ``lang``."""
    return label(vocabulary, key, custom.get(vocabulary), lang)


def stance_word(stance: int | None, lang: str | None = None) -> str:
    key = STANCE_KEYS.get(stance)
    return t(f"vocab.stances.{key}", lang) if key else ""


def quadrant_word(key: str | None, lang: str | None = None) -> str:
    return t(f"quadrants.{key}", lang) if key else ""


def headers(section: str, columns: Iterable[str], lang: str | None = None) -> list[str]:
    """The column titles of one of the record's tables."""
    return [t(f"record.{section}.column.{name}", lang) for name in columns]


def audience_reach(
    actor_id: int, audiences: list[Audience], memberships: dict[int, Membership], campaigns: list[Campaign]
) -> list[Reach]:
    """The audiences whose members include the actor, each with the campaigns that target it.

    >>> from toolkit.domain import Actor
    >>> a = Actor("EAFIT", id=1)
    >>> found = audience_reach(1, [Audience("Universidades", id=5)], {5: Membership(members=[a], added={1})},
    ...                        [Campaign("Ciencia", audience_ids=[5]), Campaign("Otra", audience_ids=[6])])
    >>> [(r.audience.name, r.how, [c.title for c in r.campaigns]) for r in found]
    [('Universidades', 'hand', ['Ciencia'])]
    """
    found = []
    for audience in audiences:
        membership = memberships.get(audience.id)
        if membership is None or all(m.id != actor_id for m in membership.members):
            continue
        reaching = [c for c in campaigns if audience.id in c.audience_ids and c.status != "cancelled"]
        found.append(Reach(audience, membership.how(actor_id), reaching))
    return found


# -- header ------------------------------------------------------------------------------------


def open_steps(interactions: Iterable[Interaction]) -> list[Interaction]:
    """The next steps not done yet, soonest due first (undated ones last)."""
    pending = [i for i in interactions if is_pending(i)]
    return sorted(pending, key=lambda i: (i.next_step_due is None, i.next_step_due or date.max, i.occurred_on))


def header(story: Story, today: date) -> Header:
    """Current levels (the latest assessment), quadrant, last contact up to today, next step due.

    >>> story = Story(Actor("ACI", id=1, influence=4, interest=5), {1: "ACI"},
    ...               [Interaction("call", date(2026, 11, 2), {1: ""}, next_step="Enviar acta",
    ...                            next_step_due=date(2026, 11, 20))])
    >>> found = header(story, date(2026, 11, 22))
    >>> found.quadrant, found.days_since, found.next_step.next_step, found.overdue
    ('manage_closely', 20, 'Enviar acta', True)
    """
    influence, interest, stance = current(story.actor, story.assessments)
    last = last_contacts(story.interactions, today).get(story.actor.id)
    steps = open_steps(story.interactions)
    step = steps[0] if steps else None
    return Header(
        influence=influence,
        interest=interest,
        stance=stance,
        quadrant=quadrant(influence, interest),
        last_contact=last,
        days_since=None if last is None else (today - last).days,
        next_step=step,
        overdue=bool(step and step.next_step_due and step.next_step_due < today),
    )


# -- the fields ---------------------------------------------------------------------------------


def _same(before: object, after: object) -> bool:
    if isinstance(before, str) or isinstance(after, str):
        return " ".join(str(before or "").split()) == " ".join(str(after or "").split())
    if isinstance(before, list | tuple) or isinstance(after, list | tuple):
        return list(before or []) == list(after or [])
    return before == after


def field_changes(actor: Actor, values: dict[str, object]) -> dict[str, object]:
    """What the record's form changes: only the fields whose value differs from the actor's.

    >>> field_changes(Actor("ACI", city="Medellín", influence=4), {"name": "ACI ", "city": "Bogotá", "influence": 4})
    {'city': 'Bogotá'}
    """
    return {
        name: value for name, value in values.items() if name in EDITABLE and not _same(getattr(actor, name), value)
    }


# -- contact history ----------------------------------------------------------------------------

CONTACT_COLUMNS = (
    "date",
    "kind",
    "people",
    "others",
    "team_member",
    "summary",
    "agreements",
    "next_step",
    "due",
    "done",
)


def _others(interaction: Interaction, actor_id: int, names: dict[int, str]) -> str:
    return "; ".join(
        f"{names.get(other, '')} ({who})" if who else names.get(other, "")
        for other, who in interaction.actors.items()
        if other != actor_id
    )


def contact_rows(story: Story, lang: str | None = None) -> list[list[object]]:
    """The actor's contact history, newest first: date, kind, its people, the other actors there,
    who of the team, summary, agreements, next step, its due date and whether it is done."""
    rows = []
    for i in sorted(story.interactions, key=lambda i: (i.occurred_on, i.id or 0), reverse=True):
        rows.append(
            [
                format_date(i.occurred_on, lang),
                kind_label(i.kind, lang),
                i.actors.get(story.actor.id, ""),
                _others(i, story.actor.id, story.names),
                i.team_member,
                i.summary,
                i.agreements,
                i.next_step,
                format_date(i.next_step_due, lang),
                bool(i.next_step_done) if i.next_step else None,
            ]
        )
    return rows


# -- assessments --------------------------------------------------------------------------------

ASSESSMENT_COLUMNS = ("date", "influence", "interest", "stance", "quadrant", "reason")


def assessment_rows(assessments: list[Assessment], lang: str | None = None) -> list[list[object]]:
    """The assessment history, newest first."""
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.id or 0), reverse=True)
    return [
        [
            format_date(a.assessed_on, lang),
            a.influence,
            a.interest,
            stance_word(a.stance, lang),
            quadrant_word(quadrant(a.influence, a.interest), lang),
            reason_label(a.reason, lang),
        ]
        for a in ordered
    ]


def _short_date(day: date, lang: str | None) -> str:
    return babel_format_date(day, format="MMM yyyy", locale=LOCALES[lang or language()])


def assessment_figure(assessments: list[Assessment], lang: str | None = None) -> go.Figure:
    """Influence and interest over time (1 to 5), each held until the next assessment; the dates on
    the axis in the reader's language.

    >>> fig = assessment_figure([Assessment(1, date(2026, 1, 10), 3, 4), Assessment(1, date(2026, 6, 1), 5, 4)], "es")
    >>> [trace.name for trace in fig.data], list(fig.data[0].y), fig.layout.xaxis.ticktext[0]
    (['Influencia', 'Interés'], [3, 5], 'ene 2026')
    """
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.id or 0))
    days = [a.assessed_on for a in ordered]
    figure = go.Figure()
    for name, colour, dash in (("influence", "#0B6E4F", "solid"), ("interest", "#C17817", "dot")):
        figure.add_trace(
            go.Scatter(
                x=days,
                y=[getattr(a, name) for a in ordered],
                name=t(f"record.assessments.column.{name}", lang),
                mode="lines+markers",
                line={"shape": "hv", "color": colour, "dash": dash, "width": 2},
                customdata=[format_date(d, lang) for d in days],
                hovertemplate="%{customdata}: %{y}<extra>%{fullData.name}</extra>",
            )
        )
    ticks = sorted(set(days))
    step = max(1, -(-len(ticks) // 6))  # at most six dates on the axis
    shown = ticks[::step]
    figure.update_layout(
        title=t("record.assessments.chart_title", lang),
        height=280,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        legend={"orientation": "h", "y": -0.2},
        yaxis={"range": [0.5, 5.5], "dtick": 1, "title": {"text": t("record.assessments.chart_level", lang)}},
        xaxis={"tickvals": shown, "ticktext": [_short_date(d, lang) for d in shown]},
    )
    return inert_figure(figure)


# -- relations, consultations, audiences -----------------------------------------------------------

TIE_COLUMNS = ("counterpart", "type", "direction", "strength", "starts_on", "ends_on", "description")


def tie_rows(story: Story, custom: Custom, lang: str | None = None) -> list[list[object]]:
    """The actor's relations: the other actor, type, which way, strength, since, until, description."""
    me = story.actor.id
    rows = []
    for r in sorted(
        story.relations, key=lambda r: (-r.strength, story.names.get(r.target if r.source == me else r.source, ""))
    ):
        other = r.target if r.source == me else r.source
        direction = "both" if not r.directed else ("outgoing" if r.source == me else "incoming")
        rows.append(
            [
                story.names.get(other, ""),
                term(custom, "relation_types", r.type, lang),
                t(f"record.ties.direction.{direction}", lang),
                r.strength,
                format_date(r.starts_on, lang),
                format_date(r.ends_on, lang),
                r.description,
            ]
        )
    return rows


CONSULTATION_COLUMNS = ("title", "status", "when", "invitation", "attended_on", "contributions")


def consultation_rows(story: Story, lang: str | None = None) -> list[list[object]]:
    """The consultations the actor was invited to or took part in: title, the consultation's status,
    its dates, the actor's invitation status, the day it attended, how many contributions it made."""
    said: dict[int, int] = {}
    for c in story.contributions:
        said[c.consultation_id] = said.get(c.consultation_id, 0) + 1
    rows = []
    for p in story.participants:
        consultation = story.consultations.get(p.consultation_id)
        if consultation is None:
            continue
        rows.append(
            [
                consultation.title,
                t(f"vocab.consultation_statuses.{consultation.status}", lang),
                format_date(consultation.starts_on or consultation.ends_on, lang),
                t(f"vocab.invitation_statuses.{p.status}", lang),
                format_date(p.attended_on, lang),
                said.get(p.consultation_id, 0),
            ]
        )
    return sorted(rows, key=lambda row: row[0].casefold())


CONTRIBUTION_COLUMNS = ("consultation", "type", "theme", "text", "priority", "response")


def contribution_rows(story: Story, lang: str | None = None) -> list[list[object]]:
    """What the actor said in consultations: where, type, theme, text, priority, the team's answer."""
    return [
        [
            getattr(story.consultations.get(c.consultation_id), "title", ""),
            t(f"vocab.contribution_types.{c.type}", lang),
            c.theme,
            c.text,
            t(f"vocab.priorities.{c.priority}", lang),
            c.response,
        ]
        for c in story.contributions
    ]


REACH_COLUMNS = ("audience", "how", "campaigns")


def reach_rows(story: Story, lang: str | None = None) -> list[list[object]]:
    """The audiences that include the actor (and why) and the campaigns that reach those audiences."""
    return [
        [
            r.audience.name,
            t(f"record.reach.how.{r.how}", lang),
            "; ".join(c.title for c in r.campaigns) or t("record.reach.no_campaign", lang),
        ]
        for r in story.reach
    ]


# -- the audit of its changes ------------------------------------------------------------------------


def _names_actor(entry: dict, actor_id: int) -> bool:
    return any(
        isinstance(values, dict) and any(values.get(key) == actor_id for key in PEOPLE_KEYS)
        for values in (entry.get("before"), entry.get("after"))
    )


def audit_entries(entries: Iterable[dict], story: Story) -> list[dict]:
    """The trail's entries about this actor: its own changes, its relations, assessments,
    participations, contributions, audience adjustments and contacts (in the order given).

    >>> story = Story(Actor("ACI", id=7), {7: "ACI"}, [Interaction("call", date(2026, 1, 5), {7: ""}, id=3)])
    >>> trail = [{"entity": "actors", "entity_id": 7}, {"entity": "actors", "entity_id": 8},
    ...          {"entity": "assessments", "entity_id": 1, "after": {"actor_id": 7}},
    ...          {"entity": "interactions", "entity_id": 3}, {"entity": "relations", "before": {"source_id": 8}}]
    >>> [e["entity"] for e in audit_entries(trail, story)]
    ['actors', 'assessments', 'interactions']
    """
    me = story.actor.id
    contacts = {i.id for i in story.interactions}
    found = []
    for entry in entries:
        entity, entity_id = entry.get("entity"), entry.get("entity_id")
        if (
            (entity == "actors" and entity_id == me)
            or (entity == "interactions" and entity_id in contacts)
            or (entity != "actors" and _names_actor(entry, me))
        ):
            found.append(entry)
    return found
