"""The roadmap (hoja de ruta): one timeline of the consultations, the campaigns with their
activities and the milestones; what needs attention; a status per phase; the Gantt figure and
the ``.ics`` calendar.

Pure functions over the domain's dataclasses: no database, no Streamlit. Words come from the
catalogs (``roadmap.*``); the workspace's own names for its phases come in as ``phase_names``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from toolkit import clock
from toolkit.domain import Activity, Campaign, Consultation, Milestone
from toolkit.i18n import format_date, label, t
from toolkit.vocab import fold

ITEM_TYPES = ("milestone", "consultation", "campaign", "activity")
# every item's own status, read as one of the milestones' statuses (for filtering and colours)
STATES = ("planned", "in_progress", "done", "blocked", "cancelled")
STATE_OF = {
    "consultation": {
        "draft": "planned",
        "convened": "in_progress",
        "held": "done",
        "synthesised": "done",
        "closed": "done",
    },
    "campaign": {
        "planned": "planned",
        "active": "in_progress",
        "paused": "blocked",
        "finished": "done",
        "cancelled": "cancelled",
    },
    "activity": {
        "planned": "planned",
        "in_progress": "in_progress",
        "delayed": "in_progress",
        "done": "done",
        "cancelled": "cancelled",
    },
}
# the phase of the method where consultations and campaigns belong (milestones say their own)
PHASE_OF_TYPE = {"consultation": "consultation", "campaign": "dissemination", "activity": "dissemination"}
CLOSED = ("done", "cancelled")
PHASE_STATES = ("late", "at_risk", "on_track", "done", "no_milestones")
TYPE_COLOURS = {"milestone": "#0B6E4F", "consultation": "#1F6FB2", "campaign": "#E0A526", "activity": "#8E5EA2"}
UID_DOMAIN = "hoja-de-ruta"
# control characters (but tab and newline), U+FFFE, U+FFFF and lone surrogates (no UTF-8 file holds them)
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


@dataclass(frozen=True)
class TimelineItem:
    """One bar of the timeline.

    ``status`` is the item's own status key (in the vocabulary ``<type>_statuses``); ``state`` is
    that status read as a milestone status, so every type filters the same way. ``link`` is the
    title of the consultation or campaign a milestone is linked to, or an activity's campaign.
    """

    type: str  # one of ITEM_TYPES
    title: str
    start: date | None
    end: date | None
    phase: str | None = None
    owner: str = ""
    status: str = ""
    state: str = "planned"
    link: str = ""
    id: int | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None

    @property
    def uid(self) -> str:
        """The calendar UID of the item (stable across exports).

        >>> TimelineItem("milestone", "Taller", date(2026, 11, 25), date(2026, 11, 25), id=7).uid
        'milestone-7@hoja-de-ruta'
        """
        return f"{self.type}-{self.id}@{UID_DOMAIN}"


def _span(first: date | None, last: date | None) -> tuple[date | None, date | None]:
    start, end = first or last, last or first
    if start and end and end < start:
        start, end = end, start
    return start, end


def _consultation_item(c: Consultation) -> TimelineItem:
    start, end = _span(c.starts_on, c.ends_on)
    return TimelineItem(
        "consultation",
        c.title,
        start,
        end,
        PHASE_OF_TYPE["consultation"],
        c.facilitator,
        c.status,
        STATE_OF["consultation"].get(c.status, "planned"),
        "",
        c.id,
    )


def _campaign_item(c: Campaign) -> TimelineItem:
    start, end = _span(c.starts_on, c.ends_on)
    return TimelineItem(
        "campaign",
        c.title,
        start,
        end,
        PHASE_OF_TYPE["campaign"],
        c.owner,
        c.status,
        STATE_OF["campaign"].get(c.status, "planned"),
        "",
        c.id,
    )


def _activity_item(
    a: Activity, campaign_titles: dict[int | None, str], campaign_owners: dict[int | None, str]
) -> TimelineItem:
    """An activity on its day; without an owner of its own it is its campaign's owner's."""
    return TimelineItem(
        "activity",
        a.title,
        a.due_on,
        a.due_on,
        PHASE_OF_TYPE["activity"],
        a.owner or campaign_owners.get(a.campaign_id, ""),
        a.status,
        STATE_OF["activity"].get(a.status, "planned"),
        campaign_titles.get(a.campaign_id, ""),
        a.id,
    )


def _milestone_item(
    m: Milestone, consultation_titles: dict[int | None, str], campaign_titles: dict[int | None, str]
) -> TimelineItem:
    start, end = _span(m.starts_on, m.due_on)
    link = consultation_titles.get(m.consultation_id) or campaign_titles.get(m.campaign_id) or ""
    return TimelineItem("milestone", m.title, start, end, m.phase, m.owner, m.status, m.status, link, m.id)


def timeline(
    milestones: Iterable[Milestone],
    consultations: Iterable[Consultation] = (),
    campaigns: Iterable[Campaign] = (),
    activities: Iterable[Activity] = (),
) -> list[TimelineItem]:
    """Consultations (start to end), campaigns (start to end), their activities (on their day)
    and milestones (start to due date, or on their due date) in one list, earliest first;
    undated items last.

    >>> items = timeline([Milestone("Informe", phase="evaluation", due_on=date(2027, 1, 20), id=1)],
    ...                  [Consultation("Taller", starts_on=date(2026, 9, 10), status="held", id=2)])
    >>> [(i.type, i.title, i.phase, i.start, i.state) for i in items]  # doctest: +NORMALIZE_WHITESPACE
    [('consultation', 'Taller', 'consultation', datetime.date(2026, 9, 10), 'done'),
     ('milestone', 'Informe', 'evaluation', datetime.date(2027, 1, 20), 'planned')]
    """
    consultations, campaigns = list(consultations), list(campaigns)
    consultation_titles = {c.id: c.title for c in consultations}
    campaign_titles = {c.id: c.title for c in campaigns}
    campaign_owners = {c.id: c.owner for c in campaigns}
    items = [_consultation_item(c) for c in consultations]
    items += [_campaign_item(c) for c in campaigns]
    items += [_activity_item(a, campaign_titles, campaign_owners) for a in activities]
    items += [_milestone_item(m, consultation_titles, campaign_titles) for m in milestones]
    return sorted(
        items,
        key=lambda i: (
            i.start is None,
            i.start or date.max,
            i.end or date.max,
            ITEM_TYPES.index(i.type),
            fold(i.title),
        ),
    )


def filter_timeline(
    items: Iterable[TimelineItem],
    phases: Iterable[str] = (),
    owners: Iterable[str] = (),
    states: Iterable[str] = (),
    types: Iterable[str] = (),
) -> list[TimelineItem]:
    """The items that match every filter given; an empty filter lets everything through.

    >>> items = timeline([Milestone("A", phase="strategy", owner="ACI"), Milestone("B", phase="mapping")])
    >>> [i.title for i in filter_timeline(items, phases=["strategy", "evaluation"])]
    ['A']
    >>> [i.title for i in filter_timeline(items, owners=["ACI"], types=["campaign"])]
    []
    """
    phases, owners, states, types = set(phases), {fold(o) for o in owners}, set(states), set(types)
    return [
        i
        for i in items
        if (not phases or i.phase in phases)
        and (not owners or fold(i.owner) in owners)
        and (not states or i.state in states)
        and (not types or i.type in types)
    ]


def owners(items: Iterable[TimelineItem]) -> list[str]:
    """Everyone responsible for something on the timeline, alphabetically, once each.

    >>> owners(timeline([Milestone("A", owner="ACI "), Milestone("B", owner="aci"), Milestone("C")]))
    ['ACI']
    """
    found: dict[str, str] = {}
    for item in items:
        name = " ".join(item.owner.split())
        if name:
            found.setdefault(fold(name), name)
    return [found[key] for key in sorted(found)]


# -- what needs attention --------------------------------------------------------------------


def week_of(day: date) -> tuple[date, date]:
    """The ISO week (Monday to Sunday) that holds ``day``.

    >>> week_of(date(2026, 11, 22))  # a Sunday
    (datetime.date(2026, 11, 16), datetime.date(2026, 11, 22))
    """
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)


def is_open(milestone: Milestone) -> bool:
    """Still to be done: neither done nor cancelled."""
    return milestone.status not in CLOSED


def is_overdue(milestone: Milestone, today: date) -> bool:
    """Open and due before today.

    >>> is_overdue(Milestone("A", due_on=date(2026, 11, 21)), date(2026, 11, 22))
    True
    >>> is_overdue(Milestone("A", due_on=date(2026, 11, 21), status="done"), date(2026, 11, 22))
    False
    """
    return is_open(milestone) and milestone.due_on is not None and milestone.due_on < today


@dataclass
class Attention:
    """The open milestones that need someone's attention on ``today``, soonest due first.

    ``overdue``: due before today; ``this_week``: due from today to this ISO week's Sunday;
    ``next_week``: due Monday to Sunday of the next ISO week; ``blocked``: marked blocked,
    whatever their date (a blocked milestone that is also overdue appears in both lists).
    """

    today: date
    overdue: list[Milestone] = field(default_factory=list)
    this_week: list[Milestone] = field(default_factory=list)
    next_week: list[Milestone] = field(default_factory=list)
    blocked: list[Milestone] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.overdue or self.this_week or self.next_week or self.blocked)


def _by_due(milestones: list[Milestone]) -> list[Milestone]:
    return sorted(milestones, key=lambda m: (m.due_on is None, m.due_on or date.max, fold(m.title)))


def attention(milestones: Iterable[Milestone], today: date) -> Attention:
    """What is overdue, due this week and next week (ISO weeks, Monday first), and blocked.

    >>> day = date(2026, 11, 25)  # a Wednesday
    >>> plan = [Milestone("Vencido", due_on=date(2026, 11, 24)), Milestone("Hecho", due_on=date(2026, 11, 2),
    ...         status="done"), Milestone("Viernes", due_on=date(2026, 11, 27)),
    ...         Milestone("Lunes", due_on=date(2026, 11, 30)), Milestone("Trabado", status="blocked")]
    >>> found = attention(plan, day)
    >>> [[m.title for m in group] for group in (found.overdue, found.this_week, found.next_week, found.blocked)]
    [['Vencido'], ['Viernes'], ['Lunes'], ['Trabado']]
    """
    _, sunday = week_of(today)
    next_sunday = sunday + timedelta(days=7)
    open_ones = [m for m in milestones if is_open(m)]
    return Attention(
        today=today,
        overdue=_by_due([m for m in open_ones if m.due_on is not None and m.due_on < today]),
        this_week=_by_due([m for m in open_ones if m.due_on is not None and today <= m.due_on <= sunday]),
        next_week=_by_due([m for m in open_ones if m.due_on is not None and sunday < m.due_on <= next_sunday]),
        blocked=_by_due([m for m in open_ones if m.status == "blocked"]),
    )


# -- a status per phase ----------------------------------------------------------------------


@dataclass
class PhaseStatus:
    """One phase at a glance.

    ``state`` is one of PHASE_STATES: ``late`` when a milestone is overdue; ``at_risk`` when one
    is blocked, or due by the end of next week and not started; ``done`` when every milestone
    not cancelled is done; ``no_milestones`` for an empty phase; else ``on_track``.
    ``counts`` are milestones by status; ``starts_on``/``ends_on`` the span of its milestones.
    """

    phase: str | None  # None: milestones without a phase
    state: str
    total: int = 0
    counts: Counter = field(default_factory=Counter)
    overdue: int = 0
    blocked: int = 0
    starts_on: date | None = None
    ends_on: date | None = None

    @property
    def done_share(self) -> float | None:
        """Done among those not cancelled (0..1), None when there are none."""
        counted = self.total - self.counts["cancelled"]
        return self.counts["done"] / counted if counted else None


def _phase_state(chosen: list[Milestone], today: date) -> str:
    if not chosen:
        return "no_milestones"
    open_ones = [m for m in chosen if is_open(m)]
    if not open_ones:
        return "done"
    if any(is_overdue(m, today) for m in open_ones):
        return "late"
    soon = week_of(today)[1] + timedelta(days=7)
    if any(
        m.status == "blocked" or (m.status == "planned" and m.due_on is not None and m.due_on <= soon)
        for m in open_ones
    ):
        return "at_risk"
    return "on_track"


def phase_status(milestones: Iterable[Milestone], today: date, phases: Iterable[str] = ()) -> list[PhaseStatus]:
    """A status per phase: the ``phases`` given, in their order (empty ones too), then any other
    phase the milestones name, then milestones without a phase (if any).

    >>> plan = [Milestone("A", phase="mapping", status="done", due_on=date(2026, 3, 1)),
    ...         Milestone("B", phase="strategy", due_on=date(2026, 11, 1)),
    ...         Milestone("C", phase="strategy", starts_on=date(2026, 10, 1), due_on=date(2027, 6, 30))]
    >>> [(s.phase, s.state, s.total, s.overdue, s.starts_on) for s in phase_status(plan, date(2026, 11, 22),
    ...                                                                          ["diagnosis", "mapping"])]
    ... # doctest: +NORMALIZE_WHITESPACE
    [('diagnosis', 'no_milestones', 0, 0, None), ('mapping', 'done', 1, 0, datetime.date(2026, 3, 1)),
     ('strategy', 'late', 2, 1, datetime.date(2026, 10, 1))]
    """
    milestones = list(milestones)
    order = list(dict.fromkeys([*phases, *(m.phase for m in milestones if m.phase is not None)]))
    if any(m.phase is None for m in milestones):
        order.append(None)
    result = []
    for phase in order:
        chosen = [m for m in milestones if m.phase == phase]
        starts = [d for m in chosen for d in (m.starts_on or m.due_on,) if d]
        ends = [d for m in chosen for d in (m.due_on or m.starts_on,) if d]
        result.append(
            PhaseStatus(
                phase=phase,
                state=_phase_state(chosen, today),
                total=len(chosen),
                counts=Counter(m.status for m in chosen),
                overdue=sum(is_overdue(m, today) for m in chosen),
                blocked=sum(m.status == "blocked" for m in chosen),
                starts_on=min(starts) if starts else None,
                ends_on=max(ends) if ends else None,
            )
        )
    return result


# -- from a consultation's commitments -------------------------------------------------------


def commitment_milestones(commitments: Iterable, existing: Iterable[Milestone], phase: str | None) -> list[Milestone]:
    """Milestones for commitments made in a consultation (``toolkit.consultations.Commitment``),
    leaving out those already on the roadmap (same consultation and title).

    >>> from toolkit.consultations import Commitment
    >>> said = [Commitment(5, 1, "Taller", "EAFIT abrirá 40 plazas", "EAFIT abrirá 40 plazas de práctica.",
    ...                    9, "Universidad EAFIT", "educación", date(2027, 2, 15))]
    >>> [(m.title, m.owner, m.due_on, m.consultation_id, m.phase) for m in commitment_milestones(said, [], "strategy")]
    [('EAFIT abrirá 40 plazas', 'Universidad EAFIT', datetime.date(2027, 2, 15), 1, 'strategy')]
    >>> commitment_milestones(said, [Milestone("EAFIT abrirá 40 plazas", consultation_id=1)], "strategy")
    []
    """
    present = {(m.consultation_id, fold(m.title)) for m in existing}
    made = []
    for c in commitments:
        title = " ".join(c.title.split())[:300]
        if (c.consultation_id, fold(title)) in present:
            continue
        present.add((c.consultation_id, fold(title)))
        made.append(
            Milestone(
                title=title,
                phase=phase,
                description=c.text,
                due_on=c.due_on,
                owner=c.owner,
                consultation_id=c.consultation_id,
                notes=c.theme,
            )
        )
    return made


# -- the milestones table -------------------------------------------------------------------

MILESTONE_TABLE_COLUMNS = (
    "phase",
    "title",
    "starts_on",
    "due_on",
    "owner",
    "status",
    "consultation_id",
    "campaign_id",
    "description",
    "notes",
)


def milestone_rows(milestones: Iterable[Milestone]) -> list[dict[str, object]]:
    """Rows for the editable milestones table (with the version each row was read at).

    >>> milestone_rows([Milestone("Informe", id=4, version=2)])[0]["version"]
    2
    """
    return [
        {
            "id": m.id,
            "version": m.version,
            "delete": False,
            **{name: getattr(m, name) for name in MILESTONE_TABLE_COLUMNS},
        }
        for m in milestones
    ]


# -- words -----------------------------------------------------------------------------------


def phase_label(key: str | None, phase_names: dict[str, str] | None = None, lang: str | None = None) -> str:
    """The workspace's name for a phase, else the catalog's; a milestone without one says so."""
    if not key:
        return t("roadmap.no_phase", lang=lang)
    return label("phases", key, phase_names, lang)


def status_label(item: TimelineItem, lang: str | None = None) -> str:
    """The item's own status in words (a campaign is "active", a milestone "in progress")."""
    return t(f"vocab.{item.type}_statuses.{item.status}", lang=lang) if item.status else ""


def dates_text(start: date | None, end: date | None, lang: str | None = None) -> str:
    """ "12 nov 2026" or "1 ago 2026 – 31 ene 2027"; empty when undated."""
    if start is None:
        return ""
    if end is None or end == start:
        return format_date(start, lang)
    return f"{format_date(start, lang)} – {format_date(end, lang)}"


def plain(text: object) -> str:
    """User text for a calendar or a chart: no control characters, one kind of line break.

    >>> plain("Hito\\r\\nsegunda línea\\x00\\ufffe")
    'Hito\\nsegunda línea'
    """
    return _CONTROL.sub("", str(text or "").replace("\r\n", "\n").replace("\r", "\n"))


def _inert(text: object) -> str:
    """Text plotly draws as typed: it reads ``<b>``, ``<a href>`` and entities in labels."""
    return plain(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", " ")


# -- the calendar (.ics) ---------------------------------------------------------------------


def calendar_file(
    milestones: Iterable[Milestone],
    consultations: Iterable[Consultation] = (),
    activities: Iterable[Activity] = (),
    campaigns: Iterable[Campaign] = (),
    phase_names: dict[str, str] | None = None,
    name: str = "",
    lang: str | None = None,
    stamp: datetime | None = None,
) -> bytes:
    """The roadmap as an iCalendar file that Outlook and Google Calendar import.

    One all-day event per dated milestone (on its due date), consultation (its days) and campaign
    activity (its day); UIDs stay the same from one export to the next, so importing again
    updates the events instead of repeating them. Text is plain; lines end in CRLF.

    >>> ics = calendar_file([Milestone("Informe", due_on=date(2027, 1, 20), id=3)],
    ...                     stamp=datetime(2026, 11, 22, tzinfo=UTC), lang="es")
    >>> b"UID:milestone-3@hoja-de-ruta\\r\\n" in ics, b"DTSTART;VALUE=DATE:20270120\\r\\n" in ics
    (True, True)
    """
    from icalendar import Calendar, Event

    stamp = stamp or clock.now().astimezone(UTC)
    calendar = Calendar()
    calendar.add("prodid", "-//Hoja de Ruta//roadmap//ES")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", plain(" ".join((name or t("roadmap.ics.calendar_name", lang=lang)).split())))
    campaigns = list(campaigns)
    milestones = list(milestones)
    items = timeline(milestones, consultations, campaigns, activities)
    described = {("milestone", m.id): m.description for m in milestones}
    for item in items:
        if item.type == "campaign" or not item.dated:
            continue
        start, end = (item.end, item.end) if item.type == "milestone" else (item.start, item.end)
        event = Event()
        event.add("uid", item.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", start)
        event.add("dtend", end + timedelta(days=1))  # all-day: the end is exclusive
        type_name = t(f"roadmap.types.{item.type}", lang=lang)
        event.add(
            "summary", plain(t("roadmap.ics.summary", lang=lang, type=type_name, title=" ".join(item.title.split())))
        )
        lines = [t("roadmap.ics.phase", lang=lang, phase=phase_label(item.phase, phase_names, lang))]
        if item.type == "milestone" and item.start and item.start != item.end:
            lines.append(t("roadmap.ics.starts", lang=lang, date=format_date(item.start, lang)))
        if item.owner:
            lines.append(t("roadmap.ics.owner", lang=lang, owner=item.owner))
        lines.append(t("roadmap.ics.status", lang=lang, status=status_label(item, lang)))
        if item.link:
            lines.append(t("roadmap.ics.link", lang=lang, link=item.link))
        details = described.get((item.type, item.id), "")
        if details:
            lines += ["", details]
        event.add("description", plain("\n".join(lines)))
        event.add("categories", [plain(type_name)])
        event.add("transp", "TRANSPARENT")
        event.add("status", "CANCELLED" if item.state == "cancelled" else "CONFIRMED")
        calendar.add_component(event)
    return calendar.to_ical()


# -- the Gantt figure ------------------------------------------------------------------------


GANTT_HOVER = (
    "<b>%{customdata[0]}</b><br>%{customdata[1]} · %{customdata[2]}<br>%{customdata[3]}<br>"
    "%{customdata[4]} · %{customdata[5]}<extra></extra>"
)


def _add_bars_of_type(
    figure,
    kind: str,
    chosen: list[TimelineItem],
    rows: dict[int, int],
    phase_names: dict[str, str] | None,
    lang: str | None,
) -> None:
    """One type's bars, and a diamond on each single-day item so it shows."""
    import plotly.graph_objects as go

    day_ms = 86_400_000
    name = t(f"roadmap.types.{kind}", lang=lang)
    hover = [
        [
            _inert(i.title),
            name,
            dates_text(i.start, i.end, lang),
            _inert(phase_label(i.phase, phase_names, lang)),
            _inert(i.owner or "—"),
            status_label(i, lang),
        ]
        for i in chosen
    ]
    figure.add_trace(
        go.Bar(
            orientation="h",
            name=name,
            legendgroup=kind,
            y=[rows[id(i)] for i in chosen],
            width=0.6,
            base=[i.start.isoformat() for i in chosen],
            x=[((i.end - i.start).days + 1) * day_ms for i in chosen],
            marker={
                "color": TYPE_COLOURS[kind],
                "opacity": [0.45 if i.state == "cancelled" else 0.9 for i in chosen],
            },
            customdata=hover,
            hovertemplate=GANTT_HOVER,
        )
    )
    points = [i for i in chosen if i.start == i.end]
    if points:
        figure.add_trace(
            go.Scatter(
                x=[i.start.isoformat() for i in points],
                y=[rows[id(i)] for i in points],
                mode="markers",
                name=name,
                legendgroup=kind,
                showlegend=False,
                marker={
                    "symbol": "diamond",
                    "size": 11,
                    "color": TYPE_COLOURS[kind],
                    "line": {"width": 1, "color": "#333"},
                },
                customdata=[hover[chosen.index(i)] for i in points],
                hovertemplate=GANTT_HOVER,
            )
        )


def _mark_today(figure, today: date, lang: str | None) -> None:
    figure.add_shape(
        type="line",
        x0=today.isoformat(),
        x1=today.isoformat(),
        y0=0,
        y1=1,
        yref="paper",
        line={"dash": "dot", "color": "#C0392B", "width": 2},
    )
    figure.add_annotation(
        x=today.isoformat(),
        y=1,
        yref="paper",
        text=t("roadmap.chart.today", lang=lang),
        showarrow=False,
        yshift=10,
        font={"color": "#C0392B"},
    )


def _gantt_layout(figure, dated: list[TimelineItem], lang: str | None) -> None:
    ticks = [_inert(i.title if len(i.title) <= 48 else i.title[:47].rstrip() + "…") for i in dated]
    figure.update_layout(
        title=t("roadmap.chart.title", lang=lang),
        barmode="overlay",
        bargap=0.35,
        height=max(320, 22 * len(dated) + 160),
        margin={"l": 10, "r": 10, "t": 90, "b": 40},
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom"},
        xaxis={"type": "date", "showgrid": True, "tickformat": "%m/%Y"},  # month names would be in English
        yaxis={
            "tickmode": "array",
            "tickvals": list(range(len(dated))),
            "ticktext": ticks,
            "range": [len(dated) - 0.5, -0.5],
            "automargin": True,
        },
    )  # earliest at the top


def gantt_figure(
    items: Iterable[TimelineItem],
    today: date | None,
    phase_names: dict[str, str] | None = None,
    lang: str | None = None,
):
    """The timeline as a Gantt chart: one bar per dated item (a day for a single-day one, with a
    diamond so it shows), coloured by type, earliest at the top, and a dotted line for today.

    >>> fig = gantt_figure(timeline([Milestone("Informe", due_on=date(2027, 1, 20), id=1)],
    ...                             [Consultation("Taller", starts_on=date(2026, 9, 10), id=2)]),
    ...                    date(2026, 11, 22), lang="es")
    >>> [(trace.type, trace.name) for trace in fig.data]
    [('bar', 'Hito'), ('scatter', 'Hito'), ('bar', 'Consulta'), ('scatter', 'Consulta')]
    >>> list(fig.layout.yaxis.ticktext)
    ['Taller', 'Informe']
    """
    import plotly.graph_objects as go

    dated = [i for i in items if i.dated]
    figure = go.Figure()
    rows = {id(item): position for position, item in enumerate(dated)}
    for kind in ITEM_TYPES:
        chosen = [i for i in dated if i.type == kind]
        if chosen:
            _add_bars_of_type(figure, kind, chosen, rows, phase_names, lang)
    if today:
        _mark_today(figure, today, lang)
    _gantt_layout(figure, dated, lang)
    return figure
