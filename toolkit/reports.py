"""The report a team hands to a director or a council: the actor map, the register's key
figures, the power-interest grid, the consultations, the campaigns, the roadmap and the
indicators, in the language chosen, as a Word document and as a printable web page.

:func:`assemble_report` is pure (data in, :class:`Report` out); :func:`build_report` is the use
case that reads the workspace; :func:`report_docx` and :func:`report_html` render it. User text is
written as plain text in both: escaped in the page, which has no script and asks nothing of the
network (its pictures are inside it).
"""

from __future__ import annotations

import base64
import html
import io
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from babel import Locale
from sqlalchemy import Engine

from toolkit.actors import overview
from toolkit.campaigns import dashboard as campaign_dashboard
from toolkit.campaigns import dashboard_counts
from toolkit.consultation_documents import clean_text
from toolkit.consultations import TOOK_PART, Synthesis, synthesis
from toolkit.domain import (
    DIMENSIONS,
    QUADRANTS,
    STANCE_KEYS,
    Activity,
    Actor,
    Assessment,
    Campaign,
    Consultation,
    Contribution,
    Indicator,
    IndicatorMeasurement,
    Interaction,
    Kpi,
    KpiMeasurement,
    Milestone,
    Participant,
    Relation,
    Workspace,
    quadrant,
)
from toolkit.engagement import change_findings, days_since_contact, follow_ups, moves
from toolkit.geo import district_counts, world_view
from toolkit.geo_files import world_picture
from toolkit.i18n import LANGUAGES, LOCALES, format_date, format_number, label, t
from toolkit.indicators import dashboard as indicator_dashboard
from toolkit.indicators import dimension_summary, display_value
from toolkit.network.analysis import network_metrics
from toolkit.network.findings import Finding, findings
from toolkit.network.layout import compute_layout
from toolkit.network.picture import grid_picture, map_picture
from toolkit.network.presentation import grid_points, stance_colours
from toolkit.network.view import COLOUR_BY as MAP_COLOURS
from toolkit.network.view import SIZE_BY as MAP_SIZES
from toolkit.network.view import Labels, map_view
from toolkit.places import country_name
from toolkit.roadmap import Attention, PhaseStatus, attention, phase_label, phase_status
from toolkit.salience import CLASSES as SALIENCE_CLASSES
from toolkit.salience import latest_classes
from toolkit.sdg import ENTITIES as SDG_ENTITIES
from toolkit.sdg import GOALS as SDG_GOALS
from toolkit.store.campaigns import list_activities, list_campaigns, list_kpis, list_measurements
from toolkit.store.consultations import list_consultations, list_contributions, list_participants
from toolkit.store.engagement import list_assessments, list_interactions
from toolkit.store.indicators import list_indicator_measurements, list_indicators
from toolkit.store.maps import saved_layout
from toolkit.store.places import districts_map
from toolkit.store.register import list_actors, list_relations
from toolkit.store.roadmap import list_milestones
from toolkit.store.strategy import list_salience, list_sdg_tags
from toolkit.store.workspaces import get_workspace, vocabulary_terms
from toolkit.strategy_views import by_goal as sdg_by_goal
from toolkit.vocab import fold

SECTIONS = (
    "cover",
    "summary",
    "map",
    "geo",  # the partners around the world and the territory's districts (issue 19)
    "register",
    "power_interest",
    "changes",
    "consultations",
    "campaigns",
    "roadmap",
    "indicators",
)
Terms = dict[str, list[tuple[str, str | None]]]
NAMES_PER_QUADRANT = 20  # a quadrant lists at most this many names (the rest are counted)
CHANGES_SINCE = 90  # days: "what changed" looks back this far (the app keeps no record of earlier reports)
MOVES_LISTED = 20  # who moved: at most this many rows (the rest are counted)
SUMMARY_FINDINGS = 3  # what the map says: the summary keeps this many findings
SUMMARY_ITEMS = 3  # what needs a decision: at most this many of each kind are named (the rest are counted)
HELD = ("held", "synthesised", "closed")  # consultation statuses of a consultation that took place
# CLDR's supplemental paperSize data (measurementData, CLDR 42-47): these territories print on US Letter,
# every other one on A4. Neither Babel nor pycountry ships it, so the list is kept here.
LETTER_TERRITORIES = frozenset(["BZ", "CA", "CL", "CO", "CR", "GT", "MX", "NI", "PA", "PH", "PR", "SV", "US", "VE"])


# -- what a report is made of ----------------------------------------------------------------


@dataclass
class Paragraph:
    text: str
    note: bool = False  # a smaller, quieter line (a caption, a hint)
    lead: str = ""  # a few words in bold before the text ("Qué dice el mapa.")


@dataclass
class Heading:
    text: str


@dataclass
class Bullets:
    items: list[str]


@dataclass
class Figures:
    """Key figures: a few numbers, each with what it counts, after a sentence that says what they are."""

    says: str
    items: list[tuple[str, str]]  # (caption, value)


@dataclass
class Table:
    """A table, after a sentence that says what it shows (``says``)."""

    says: str
    headers: list[str]
    rows: list[list[str]]


@dataclass
class Cover:
    """The cover page: what the report is, whose, where, when and by whom."""

    title: str
    workspace: str
    place: str
    day: str
    prepared_by: str
    description: str
    contents_title: str
    contents: list[str]
    source: str


@dataclass
class Picture:
    png: bytes
    svg: bytes
    caption: str


Block = Paragraph | Heading | Bullets | Figures | Table | Picture | Cover


@dataclass
class Section:
    key: str
    title: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Report:
    lang: str
    title: str
    workspace: str
    day: str  # the date written in the report's language
    sections: list[Section] = field(default_factory=list)
    paper: str = "A4"  # or "Letter": the paper of the workspace's country (:func:`paper_size`)
    footer: str = ""  # the footer's words around the page number: "Página {page} de {pages}"

    @property
    def keys(self) -> list[str]:
        return [section.key for section in self.sections]


@dataclass
class ReportData:
    """Everything a report may draw on, read from one workspace."""

    workspace: Workspace
    actors: list[Actor] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    terms: Terms = field(default_factory=dict)
    positions: dict[int, tuple[float, float]] = field(default_factory=dict)  # the map's saved layout
    consultations: list[Consultation] = field(default_factory=list)
    participants: list[Participant] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    campaigns: list[Campaign] = field(default_factory=list)
    activities: list[Activity] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    measurements: list[KpiMeasurement] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    indicator_measurements: list[IndicatorMeasurement] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    map_look: tuple[str, str] = ("sector", "influence")  # colour and size, as chosen on the map page
    districts: list = field(default_factory=list)  # toolkit.districts.District: the territory's (issue 19)
    salience: list = field(default_factory=list)  # dated salience judgements, for the map's colouring (issue 20)
    sdg_tags: dict = field(default_factory=dict)  # (entity, id) -> goals: the report grouped by SDG (issue 20)


# -- words ------------------------------------------------------------------------------------


class Words:
    """Catalog text and vocabulary labels in the report's language (the workspace's own labels first)."""

    def __init__(self, terms: Terms, lang: str) -> None:
        self.lang = lang
        self.custom = {name: {key: text for key, text in entries if text} for name, entries in terms.items()}
        self.terms = terms

    def __call__(self, key: str, **values: object) -> str:
        return t(key, lang=self.lang, **values)

    def term(self, vocabulary: str, key: str | None) -> str:
        return label(vocabulary, key, self.custom.get(vocabulary), self.lang)

    def number(self, value: float | int | None, digits: int = 0) -> str:
        if value is None:
            return "—"
        return format_number(round(value, digits) if digits else round(value), self.lang, digits)

    def percent(self, share: float | None) -> str:
        return "—" if share is None else f"{format_number(round(share * 100), self.lang)} %"

    def day(self, value: date | None) -> str:
        return format_date(value, self.lang) if value else "—"


# the ISO 3166 alpha-3 codes and common short forms of the Letter territories (names come from Babel)
LETTER_ALIASES = {
    "BLZ": "BZ",
    "CAN": "CA",
    "CHL": "CL",
    "COL": "CO",
    "CRI": "CR",
    "GTM": "GT",
    "MEX": "MX",
    "NIC": "NI",
    "PAN": "PA",
    "PHL": "PH",
    "PRI": "PR",
    "SLV": "SV",
    "USA": "US",
    "VEN": "VE",
    "EEUU": "US",
    "EUA": "US",
    "ESTADOSUNIDOSDEAMERICA": "US",
    "UNITEDSTATESOFAMERICA": "US",
    "ETATSUNISDAMERIQUE": "US",
}


@lru_cache(maxsize=1)
def _territories() -> dict[str, str]:
    """Every territory's name in the app's languages (folded, without spaces) and its code, to its code."""
    found: dict[str, str] = {}
    for lang in LANGUAGES:
        for code, name in Locale.parse(LOCALES[lang]).territories.items():
            if code.isalpha():
                found[_squeeze(name)] = code
                found[code] = code
    return {**found, **LETTER_ALIASES}


def _squeeze(text: str) -> str:
    return fold(text).replace(" ", "").upper()


def paper_size(country: str) -> str:
    """ "Letter" for a country that prints on US Letter (CLDR's list: :data:`LETTER_TERRITORIES`), else "A4".
    The country is the workspace's, as typed: a name in Spanish, English, Portuguese or French, or a code.

    >>> [paper_size(c) for c in ("Colombia", "México", "EE. UU.", "Canadá", "CL", "Philippines")]
    ['Letter', 'Letter', 'Letter', 'Letter', 'Letter', 'Letter']
    >>> [paper_size(c) for c in ("España", "France", "Portugal", "Brasil", "Argentina", "Perú", "")]
    ['A4', 'A4', 'A4', 'A4', 'A4', 'A4', 'A4']
    """
    code = _territories().get(_squeeze(country or ""))
    return "Letter" if code in LETTER_TERRITORIES else "A4"


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


# -- the sections -----------------------------------------------------------------------------


def _cover(data: ReportData, words: Words, titles: list[str], today: date, prepared_by: str) -> Section:
    """The cover page: the report's title, the workspace, its city and country, the day, who prepared it,
    and what the report holds (the summary, then the annexes)."""
    workspace = data.workspace
    section = Section("cover", words("reports.title"))
    section.blocks.append(
        Cover(
            title=words("reports.title"),
            workspace=workspace.name,
            place=", ".join(part for part in (workspace.city, workspace.country) if part),
            day=words.day(today),
            prepared_by=words("reports.cover.prepared_by", who=prepared_by) if prepared_by.strip() else "",
            description=workspace.description,
            contents_title=words("reports.cover.contents"),
            contents=titles,
            source=words("reports.cover.source", day=words.day(today)),
        )
    )
    return section


# -- the executive summary --------------------------------------------------------------------

FINDING_ORDER = (  # the map's findings a director should hear first
    "most_central",
    "broker_split",
    "isolated_influential",
    "conflict_allies",
    "sector_missing",
    "sector_weak",
    "scale_missing",
    "scale_weak",
)


def _finding_sentence(note: Finding, words: Words) -> str:
    """One of the map's findings ("Qué dice el mapa") as plain text in the report's language."""
    values = dict(note.values)
    vocabulary = "sectors" if note.key.startswith("sector") else "scales"
    if "names" in values:
        values["names"] = ", ".join(values["names"])
    if "keys" in values:
        values["keys"] = ", ".join(words.term(vocabulary, key) for key in values["keys"])
    if "key" in values:
        values["key"] = words.term(vocabulary, values["key"])
    return words(f"map.findings.{note.key}", **values)


def _summary_map(data: ReportData, words: Words) -> Paragraph:
    """The register in one sentence and the first findings of "Qué dice el mapa"."""
    lead = words("reports.summary.map")
    if not data.actors:
        return Paragraph(words("reports.register.empty"), lead=lead)
    allies = sum(1 for a in data.actors if a.stance is not None and a.stance > 0)
    sentences = [
        words(
            "reports.summary.register",
            count=words.number(len(data.actors)),
            relations=words.number(len(data.relations)),
            allies=words.percent(_share(allies, len(data.actors))),
        )
    ]
    notes = findings(
        data.actors,
        data.relations,
        network_metrics(data.actors, data.relations),
        [key for key, _ in data.terms.get("sectors", [])],
        [key for key, _ in data.terms.get("scales", [])],
    )
    first: dict[str, Finding] = {}
    for note in notes:
        if note.key != "broker_split" or note.values.get("count", 0) > 1:  # a broker cutting off one actor can wait
            first.setdefault(note.key, note)
    chosen = [first[key] for key in FINDING_ORDER if key in first][:SUMMARY_FINDINGS]
    sentences += [_finding_sentence(note, words) for note in chosen]
    return Paragraph(" ".join(sentences), lead=lead)


def _summary_changes(data: ReportData, words: Words, today: date) -> Paragraph:
    """Who moved on the grid and the contacts of the period (the findings of "Qué cambió")."""
    since = today - timedelta(days=CHANGES_SINCE)
    contacts = [i for i in data.interactions if since <= i.occurred_on <= today]
    reached = {actor_id for i in contacts for actor_id in i.actors}
    found = moves(data.actors, data.assessments, since, today)
    sentences = change_findings(found, since, words.lang) or [words("reports.changes.no_moves")]
    sentences.append(
        words(
            "reports.summary.contacts",
            count=words.number(len(contacts)),
            reached=words.number(len(reached)),
            since=words.day(since),
        )
    )
    return Paragraph(" ".join(sentences), lead=words("reports.summary.changes"))


def _summary_consultations(data: ReportData, words: Words) -> Paragraph:
    """The consultations held, who came, what came out (contributions, commitments, themes)."""
    lead = words("reports.summary.consultations")
    if not data.consultations:
        return Paragraph(words("reports.consultations.empty"), lead=lead)
    held = [c for c in data.consultations if c.status in HELD]
    results = [
        synthesis(
            c,
            [p for p in data.participants if p.consultation_id == c.id],
            [x for x in data.contributions if x.consultation_id == c.id],
            data.actors,
        )
        for c in held
    ]
    sentences = [
        words(
            "reports.summary.held",
            count=words.number(len(held)),
            total=words.number(len(data.consultations)),
            attended=words.number(sum(r.attended for r in results)),
            contributions=words.number(sum(len(r.contributions) for r in results)),
        )
    ]
    if results:
        themes = sum((r.by_theme for r in results), Counter())
        named = [theme for theme, _ in themes.most_common(SUMMARY_ITEMS + 1) if theme][:SUMMARY_ITEMS]
        sentences.append(
            words("reports.summary.commitments", count=words.number(sum(len(r.commitments) for r in results)))
        )
        if named:
            sentences.append(words("reports.summary.themes", themes=", ".join(named)))
    return Paragraph(" ".join(sentences), lead=lead)


def _named(items: list[str], words: Words) -> str:
    """The first few names, and how many more."""
    shown = ", ".join(items[:SUMMARY_ITEMS])
    if len(items) > SUMMARY_ITEMS:
        shown += " " + words("reports.power_interest.more", count=words.number(len(items) - SUMMARY_ITEMS))
    return shown


def _summary_campaigns(data: ReportData, words: Words, today: date) -> Paragraph:
    lead = words("reports.summary.campaigns")
    statuses = campaign_dashboard(data.campaigns, data.activities, data.kpis, data.measurements, today)
    if not statuses:
        return Paragraph(words("reports.campaigns.empty"), lead=lead)
    counts = dashboard_counts(statuses)
    sentences = [
        words(
            "reports.summary.campaign_states",
            count=words.number(len(statuses)),
            on_track=words.number(counts.get("on_track", 0)),
            late=words.number(counts.get("late", 0)),
            unmeasured=words.number(counts.get("no_measurements", 0)),
        )
    ]
    late = [s.campaign.title for s in statuses if s.state == "late"]
    if late:
        sentences.append(words("reports.summary.late_campaigns", count=len(late), names=_named(late, words)))
    return Paragraph(" ".join(sentences), lead=lead)


def _summary_indicators(data: ReportData, words: Words, today: date) -> Paragraph:
    lead = words("reports.summary.indicators")
    if not data.indicators:
        return Paragraph(words("reports.indicators.empty"), lead=lead)
    statuses = indicator_dashboard(data.indicators, data.indicator_measurements, today)
    summaries = dimension_summary(statuses)
    progress = [s.progress for s in statuses if s.progress is not None]
    sentences = [
        words(
            "reports.summary.indicator_states",
            count=words.number(len(statuses)),
            on_track=words.number(sum(s.on_track for s in summaries)),
            behind=words.number(sum(s.behind for s in summaries)),
            unmeasured=words.number(sum(s.unmeasured for s in summaries)),
            average=words.percent(sum(progress) / len(progress) if progress else None),
        )
    ]
    measured = [s for s in summaries if s.average_progress is not None]
    if len(measured) > 1:
        lowest = min(measured, key=lambda s: s.average_progress)
        sentences.append(
            words(
                "reports.summary.lowest_dimension",
                dimension=words(f"vocab.dimensions.{lowest.dimension}"),
                average=words.percent(lowest.average_progress),
            )
        )
    return Paragraph(" ".join(sentences), lead=lead)


def _decisions(data: ReportData, words: Words, today: date) -> list[Block]:
    """What needs a decision: overdue and blocked milestones, overdue next steps with their actors."""
    found = attention(data.milestones, today)
    blocked = [m for m in found.blocked if m not in found.overdue]
    steps = follow_ups(data.interactions, today).overdue
    names = {a.id: a.name for a in data.actors}
    nobody = words("reports.summary.nobody")
    items = [
        words("reports.summary.overdue_milestone", title=m.title, date=words.day(m.due_on), owner=m.owner or nobody)
        for m in found.overdue[:SUMMARY_ITEMS]
    ]
    items += [
        words("reports.summary.blocked_milestone", title=m.title, owner=m.owner or nobody)
        for m in blocked[:SUMMARY_ITEMS]
    ]
    items += [
        words(
            "reports.summary.overdue_step",
            actors=", ".join(names.get(actor_id, "") for actor_id in i.actors) or "—",
            step=i.next_step,
            date=words.day(i.next_step_due),
            who=i.team_member.strip() or nobody,
        )
        for i in steps[:SUMMARY_ITEMS]
    ]
    total = len(found.overdue) + len(blocked) + len(steps)
    lead = words("reports.summary.decisions")
    if not total:
        return [Paragraph(words("reports.summary.nothing_to_decide"), lead=lead)]
    blocks: list[Block] = [
        Paragraph(
            words(
                "reports.summary.to_decide",
                count=words.number(total),
                milestones=words.number(len(found.overdue)),
                blocked=words.number(len(blocked)),
                steps=words.number(len(steps)),
            ),
            lead=lead,
        ),
        Bullets(items),
    ]
    if total > len(items):
        blocks.append(Paragraph(words("reports.summary.more", count=words.number(total - len(items))), note=True))
    return blocks


def _summary(data: ReportData, words: Words, today: date) -> Section:
    """One page in plain words: what the map says, what changed, the consultations held and what came
    out of them, the campaigns, the indicators, and what needs a decision (the annexes hold the detail)."""
    section = Section("summary", words("reports.sections.summary"))
    section.blocks += [
        Paragraph(words("reports.summary.intro", day=words.day(today)), note=True),
        _summary_map(data, words),
        _summary_changes(data, words, today),
        _summary_consultations(data, words),
        _summary_campaigns(data, words, today),
        _summary_indicators(data, words, today),
        *_decisions(data, words, today),
    ]
    return section


def map_labels_in(terms: Terms, lang: str):
    """The map's words (legend, tooltips) in ``lang``: :func:`toolkit.network.presentation.map_labels`
    for a language other than the screen's."""
    words = Words(terms, lang)

    def vocabulary(name: str) -> dict[str, str]:
        return {key: words.term(name, key) for key, _ in terms.get(name, [])}

    return Labels(
        sectors=vocabulary("sectors"),
        scales=vocabulary("scales"),
        stances={value: words(f"vocab.stances.{key}") for value, key in STANCE_KEYS.items()},
        relation_types=vocabulary("relation_types"),
        community=words("map.legend.community"),
        unknown=words("map.legend.unknown"),
        tooltip={},
        salience={key: words(f"strategy.salience_class.{key}") for key in (*SALIENCE_CLASSES, "unknown")},
    )


def _map(data: ReportData, words: Words, today: date) -> Section:
    section = Section("map", words("reports.sections.map"))
    if not data.actors:
        section.blocks.append(Paragraph(words("reports.map.empty")))
        return section
    positions = {**compute_layout(data.actors, data.relations), **data.positions}
    colour_by, size_by = data.map_look
    contact = days_since_contact(data.actors, data.interactions, today) if colour_by == "contact" else None
    view = map_view(
        data.actors,
        data.relations,
        network_metrics(data.actors, data.relations),
        positions,
        map_labels_in(data.terms, words.lang),
        colour_by,
        size_by,
        None,
        contact,
        salience=latest_classes(data.salience, today),
    )
    texts = {"legend_title": words(f"map.colour.{colour_by}"), "relations_title": words("map.html.relations")}
    caption = words(
        "reports.map.caption", actors=words.number(len(data.actors)), relations=words.number(len(data.relations))
    )
    section.blocks += [
        Paragraph(words("reports.map.intro")),
        Picture(map_picture(view, "png", **texts), map_picture(view, "svg", **texts), caption),
    ]
    return section


def _geo(data: ReportData, words: Words, today: date) -> Section:
    """The partners around the world (picture and counts by country) and, with districts, the
    territory: actors and those consulted per district, those where nobody was consulted named."""
    section = Section("geo", words("reports.sections.geo"))
    located = [a for a in data.actors if a.latitude is not None]
    if not located:
        section.blocks.append(Paragraph(words("geo.report.empty")))
        return section
    colour_by, size_by = data.map_look
    contact = days_since_contact(data.actors, data.interactions, today) if colour_by == "contact" else None
    metrics = network_metrics(data.actors, data.relations)
    labels = map_labels_in(data.terms, words.lang)
    salience = latest_classes(data.salience, today)
    view = map_view(
        data.actors, data.relations, metrics, {}, labels, colour_by, size_by, None, contact, salience=salience
    )
    geo = world_view(data.actors, data.relations, view, data.workspace.city)
    legend = (words(f"map.colour.{colour_by}"), words("map.html.relations"), "")
    title, subtitle = words("geo.files.title"), f"{data.workspace.name} · {words.day(today)}"
    pictures = [world_picture(geo, view, *legend, title=title, subtitle=subtitle, fmt=f) for f in ("png", "svg")]
    caption = words(
        "geo.report.caption", placed=words.number(len(located)), countries=words.number(len(geo.by_country))
    )
    rows = [[country_name(code, words.lang), words.number(count)] for code, count in geo.by_country]
    section.blocks += [
        Paragraph(words("geo.report.intro")),
        Picture(*pictures, caption),
        Table(words("geo.report.countries"), [words("geo.world.country"), words("geo.world.actors")], rows),
    ]
    if data.districts:
        consulted = {p.actor_id for p in data.participants if p.status in TOOK_PART}
        counts = district_counts(data.actors, data.districts, consulted)
        headers = [words("geo.territory.district"), words("geo.territory.actors"), words("geo.territory.consulted")]
        rows = [[c.name, words.number(c.actors), words.number(c.consulted)] for c in counts]
        section.blocks.append(Table(words("geo.report.districts"), headers, rows))
        left_out = [c.name for c in counts if not c.consulted]
        if left_out:
            names = ", ".join(left_out)
            section.blocks.append(Paragraph(words("geo.territory.nobody_consulted", count=len(left_out), names=names)))
    return section


def _counts_table(counts: Counter, vocabulary: str, column: str, words: Words, total: int, says: str) -> Table:
    rows = []
    for key, count in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0] == "", kv[0])):
        rows.append(
            [
                words.term(vocabulary, key) if key else words("reports.unassigned"),
                words.number(count),
                words.percent(_share(count, total)),
            ]
        )
    return Table(says, [words(column), words("reports.register.actors"), words("reports.register.share")], rows)


def _register(data: ReportData, words: Words) -> Section:
    section = Section("register", words("reports.sections.register"))
    view = overview(data.actors, data.relations)
    if not view.actors:
        section.blocks.append(Paragraph(words("reports.register.empty")))
        return section
    allies = sum(1 for a in data.actors if a.stance is not None and a.stance > 0)
    section.blocks.append(
        Figures(
            words("reports.says.register_figures"),
            [
                (words("reports.register.actors"), words.number(view.actors)),
                (words("reports.register.relations"), words.number(view.relations)),
                (words("reports.register.sectors"), words.number(len([k for k in view.by_sector if k]))),
                (words("reports.register.allies"), words.percent(_share(allies, view.actors))),
            ],
        )
    )
    section.blocks += [
        Heading(words("reports.register.by_sector")),
        _counts_table(view.by_sector, "sectors", "columns.sector", words, view.actors, words("reports.says.by_sector")),
        Heading(words("reports.register.by_scale")),
        _counts_table(view.by_scale, "scales", "columns.scale", words, view.actors, words("reports.says.by_scale")),
    ]
    stances = Counter("" if a.stance is None else STANCE_KEYS[a.stance] for a in data.actors)
    section.blocks += [
        Heading(words("reports.register.by_stance")),
        Table(
            words("reports.says.by_stance"),
            [words("columns.stance"), words("reports.register.actors"), words("reports.register.share")],
            [
                [
                    words(f"vocab.stances.{key}") if key else words("reports.unassigned"),
                    words.number(stances[key]),
                    words.percent(_share(stances[key], view.actors)),
                ]
                for key in [*STANCE_KEYS.values(), ""]
                if stances.get(key)
            ],
        ),
    ]
    quality = [
        (view.without_sector, "reports.register.without_sector"),
        (view.without_stance, "reports.register.without_stance"),
        (view.isolated, "reports.register.isolated"),
        (view.without_consent, "reports.register.without_consent"),
    ]
    notes = [words(key, count=words.number(len(names))) for names, key in quality if names]
    section.blocks += [
        Heading(words("reports.register.quality")),
        Bullets(notes) if notes else Paragraph(words("reports.register.quality_ok")),
    ]
    return section


def _power_interest(data: ReportData, words: Words) -> Section:
    section = Section("power_interest", words("reports.sections.power_interest"))
    labels = map_labels_in(data.terms, words.lang)
    points = grid_points(data.actors, labels)
    if not points:
        section.blocks.append(Paragraph(words("reports.power_interest.empty")))
        return section
    names = {key: words(f"quadrants.{key}") for key in QUADRANTS}
    axis = {"x": words("columns.interest"), "y": words("columns.influence")}
    colours = stance_colours(labels)
    caption = words("reports.power_interest.caption", count=words.number(len(points)))
    section.blocks += [
        Paragraph(words("reports.power_interest.intro")),
        Picture(
            grid_picture(points, names, axis, colours, "png"),
            grid_picture(points, names, axis, colours, "svg"),
            caption,
        ),
    ]
    missing = len(data.actors) - len(points)
    if missing:
        section.blocks.append(
            Paragraph(words("reports.power_interest.missing", count=words.number(missing)), note=True)
        )
    rows = []
    for key in QUADRANTS:
        members = sorted((a.name for a in data.actors if quadrant(a.influence, a.interest) == key), key=str.casefold)
        shown = ", ".join(members[:NAMES_PER_QUADRANT])
        if len(members) > NAMES_PER_QUADRANT:
            shown += " " + words("reports.power_interest.more", count=words.number(len(members) - NAMES_PER_QUADRANT))
        rows.append([names[key], words.number(len(members)), words(f"map.grid.strategy.{key}"), shown or "—"])
    section.blocks.append(
        Table(
            words("reports.says.quadrants"),
            [
                words("columns.quadrant"),
                words("reports.register.actors"),
                words("reports.power_interest.strategy"),
                words("reports.power_interest.who"),
            ],
            rows,
        )
    )
    return section


def _changes(data: ReportData, words: Words, today: date) -> Section:
    """What changed in the last months: who moved on the power-interest grid, in words and by name,
    and the contacts recorded in the period."""
    section = Section("changes", words("reports.sections.changes"))
    since = today - timedelta(days=CHANGES_SINCE)
    section.blocks.append(Paragraph(words("reports.changes.intro", since=words.day(since), until=words.day(today))))
    contacts = [i for i in data.interactions if since <= i.occurred_on <= today]
    reached = {actor_id for i in contacts for actor_id in i.actors}
    section.blocks.append(
        Figures(
            words("reports.says.changes_figures"),
            [
                (words("reports.changes.contacts"), words.number(len(contacts))),
                (words("reports.changes.reached"), words.number(len(reached))),
            ],
        )
    )
    found = moves(data.actors, data.assessments, since, today)
    if not found:
        section.blocks.append(Paragraph(words("reports.changes.no_moves")))
        return section
    section.blocks.append(Bullets(change_findings(found, since, words.lang)))
    names = {key: words(f"quadrants.{key}") for key in QUADRANTS}
    rows = [[m.actor.name, names[m.before], names[m.after]] for m in found[:MOVES_LISTED]]
    section.blocks.append(
        Table(
            words("reports.says.moves", since=words.day(since), until=words.day(today)),
            [
                words("columns.name"),
                words("reports.changes.quadrant_on", date=words.day(since)),
                words("reports.changes.quadrant_on", date=words.day(today)),
            ],
            rows,
        )
    )
    if len(found) > MOVES_LISTED:
        section.blocks.append(
            Paragraph(words("reports.power_interest.more", count=words.number(len(found) - MOVES_LISTED)), note=True)
        )
    return section


def _consultation_totals(results: list[Synthesis], words: Words) -> Figures:
    return Figures(
        words("reports.says.consultation_figures"),
        [
            (words("reports.consultations.count"), words.number(len(results))),
            (words("consultations.synthesis.invited"), words.number(sum(r.invited for r in results))),
            (words("consultations.synthesis.attended"), words.number(sum(r.attended for r in results))),
            (
                words("consultations.synthesis.contributions"),
                words.number(sum(len(r.contributions) for r in results)),
            ),
        ],
    )


def _consultation_table(results: list[Synthesis], words: Words) -> Table:
    return Table(
        words("reports.says.consultations"),
        [
            words("reports.consultations.title"),
            words("reports.consultations.when"),
            words("reports.consultations.status"),
            words("consultations.synthesis.invited"),
            words("consultations.synthesis.attended"),
            words("reports.consultations.rate"),
            words("consultations.synthesis.contributions"),
        ],
        [
            [
                r.consultation.title,
                _when(r.consultation, words),
                words(f"vocab.consultation_statuses.{r.consultation.status}"),
                words.number(r.invited),
                words.number(r.attended),
                words.percent(r.rate),
                words.number(len(r.contributions)),
            ]
            for r in results
        ],
    )


def _what_was_said(result: Synthesis, words: Words) -> list[Block]:
    """The kinds of contribution and the main themes of one consultation."""
    blocks: list[Block] = []
    if result.by_type:
        said = [
            f"{words(f'vocab.contribution_types.{key}')}: {words.number(count)}"
            for key, count in sorted(result.by_type.items(), key=lambda kv: -kv[1])
        ]
        blocks.append(Paragraph(words("reports.consultations.said", kinds="; ".join(said))))
    themes = [
        (theme or words("consultations.synthesis.no_theme"), count) for theme, count in result.by_theme.most_common(8)
    ]
    if themes:
        blocks.append(
            Paragraph(
                words(
                    "reports.consultations.themes",
                    themes="; ".join(f"{theme} ({words.number(count)})" for theme, count in themes),
                )
            )
        )
    return blocks


def _one_consultation(result: Synthesis, words: Words) -> list[Block]:
    consultation = result.consultation
    blocks: list[Block] = [Heading(consultation.title)]
    facts = [
        words(
            "reports.consultations.facts",
            instrument=words.term("instruments", consultation.instrument),
            when=_when(consultation, words),
            status=words(f"vocab.consultation_statuses.{consultation.status}"),
        )
    ]
    if consultation.objective:
        facts.append(words("reports.consultations.objective", objective=consultation.objective))
    blocks += [Paragraph(text) for text in facts]
    blocks += _what_was_said(result, words)
    if result.commitments:
        blocks.append(
            Table(
                words("reports.says.commitments"),
                [
                    words("consultations.synthesis.owner"),
                    words("consultations.synthesis.commitment"),
                    words("consultations.synthesis.due_on"),
                ],
                [[c.owner or "—", c.text, words.day(c.due_on)] for c in result.commitments],
            )
        )
    if result.open_questions:
        blocks.append(
            Paragraph(words("reports.consultations.open_questions", count=words.number(len(result.open_questions))))
        )
    return blocks


def _consultations(data: ReportData, words: Words) -> Section:
    section = Section("consultations", words("reports.sections.consultations"))
    if not data.consultations:
        section.blocks.append(Paragraph(words("reports.consultations.empty")))
        return section
    ordered = sorted(data.consultations, key=lambda c: (c.starts_on or date.max, c.id or 0))
    results = [
        synthesis(
            c,
            [p for p in data.participants if p.consultation_id == c.id],
            [x for x in data.contributions if x.consultation_id == c.id],
            data.actors,
        )
        for c in ordered
    ]
    section.blocks.append(_consultation_totals(results, words))
    section.blocks.append(_consultation_table(results, words))
    for result in results:
        section.blocks += _one_consultation(result, words)
    return section


def _when(consultation: Consultation, words: Words) -> str:
    start, end = consultation.starts_on, consultation.ends_on
    if start and end and end != start:
        return f"{words.day(start)} – {words.day(end)}"
    return words.day(start or end)


def _campaigns(data: ReportData, words: Words, today: date) -> Section:
    section = Section("campaigns", words("reports.sections.campaigns"))
    statuses = campaign_dashboard(data.campaigns, data.activities, data.kpis, data.measurements, today)
    if not statuses:
        section.blocks.append(Paragraph(words("reports.campaigns.empty")))
        return section
    counts = dashboard_counts(statuses)
    section.blocks.append(
        Figures(
            words("reports.says.campaign_figures"),
            [
                (words(f"campaigns.state.{state}"), words.number(counts.get(state, 0)))
                for state in ("on_track", "late", "no_measurements")
            ],
        )
    )
    section.blocks.append(
        Table(
            words("reports.says.campaigns"),
            [
                words("reports.campaigns.campaign"),
                words("reports.campaigns.type"),
                words("reports.campaigns.state"),
                words("reports.campaigns.elapsed"),
                words("reports.campaigns.late"),
                words("reports.campaigns.budget"),
                words("reports.campaigns.spent"),
            ],
            [
                [
                    s.campaign.title,
                    words(f"vocab.campaign_types.{s.campaign.type}"),
                    words(f"campaigns.state.{s.state}"),
                    words.percent(s.elapsed),
                    words.number(len(s.late)),
                    words.number(s.budget.planned),
                    words.number(s.budget.spent),
                ]
                for s in statuses
            ],
        )
    )
    for status in statuses:
        if not status.kpis:
            continue
        section.blocks.append(Heading(status.campaign.title))
        section.blocks.append(
            Table(
                words("reports.says.kpis", campaign=status.campaign.title),
                [
                    words("reports.campaigns.kpi"),
                    words("reports.campaigns.value"),
                    words("reports.campaigns.target"),
                    words("reports.campaigns.progress"),
                    words("reports.campaigns.expected"),
                    words("reports.campaigns.state"),
                ],
                [
                    [
                        p.kpi.name + (f" ({p.kpi.unit})" if p.kpi.unit else ""),
                        words.number(p.value),
                        words.number(p.kpi.target),
                        words.percent(p.progress),
                        words.percent(p.expected),
                        words(f"reports.campaigns.kpi_state.{p.state}"),
                    ]
                    for p in status.kpis
                ],
            )
        )
        if status.late:
            section.blocks.append(
                Paragraph(
                    words("reports.campaigns.late_work", titles="; ".join(a.title for a in status.late[:10])), note=True
                )
            )
    return section


def _roadmap_by_phase(statuses: list[PhaseStatus], phase: Callable[[str | None], str], words: Words) -> list[Block]:
    return [
        Heading(words("reports.roadmap.by_phase")),
        Table(
            words("reports.says.phases"),
            [
                words("reports.roadmap.phase"),
                words("reports.roadmap.state"),
                words("reports.roadmap.milestones"),
                words("reports.roadmap.done_share"),
                words("reports.roadmap.overdue"),
                words("reports.roadmap.span"),
            ],
            [
                [
                    phase(s.phase),
                    words(f"reports.roadmap.phase_states.{s.state}"),
                    words.number(s.total),
                    words.percent(s.done_share),
                    words.number(s.overdue),
                    f"{words.day(s.starts_on)} – {words.day(s.ends_on)}" if s.starts_on else "—",
                ]
                for s in statuses
            ],
        ),
    ]


def _milestones_needing_attention(found: Attention, phase: Callable[[str | None], str], words: Words) -> list[Block]:
    """Overdue, this week's, next week's and blocked milestones, one table each (none when empty)."""
    headers = [
        words("reports.roadmap.title"),
        words("reports.roadmap.phase"),
        words("reports.roadmap.due_on"),
        words("reports.roadmap.owner"),
        words("reports.roadmap.status"),
    ]
    blocks: list[Block] = []
    for key, chosen in (
        ("overdue_list", found.overdue),
        ("this_week", found.this_week),
        ("next_week", found.next_week),
        ("blocked_list", found.blocked),
    ):
        if not chosen:
            continue
        blocks += [
            Heading(words(f"reports.roadmap.{key}")),
            Table(
                words(f"reports.says.{key}"),
                headers,
                [
                    [
                        m.title,
                        phase(m.phase),
                        words.day(m.due_on),
                        m.owner or "—",
                        words(f"vocab.milestone_statuses.{m.status}"),
                    ]
                    for m in chosen
                ],
            ),
        ]
    return blocks


def _roadmap(data: ReportData, words: Words, today: date) -> Section:
    section = Section("roadmap", words("reports.sections.roadmap"))
    if not data.milestones:
        section.blocks.append(Paragraph(words("reports.roadmap.empty")))
        return section
    phases = [key for key, _ in data.terms.get("phases", [])]
    names = words.custom.get("phases", {})

    def phase(key: str | None) -> str:
        return phase_label(key, names, words.lang)

    statuses = [s for s in phase_status(data.milestones, today, phases) if s.total]
    found = attention(data.milestones, today)
    done = sum(1 for m in data.milestones if m.status == "done")
    section.blocks.append(
        Figures(
            words("reports.says.roadmap_figures"),
            [
                (words("reports.roadmap.milestones"), words.number(len(data.milestones))),
                (words("reports.roadmap.done"), words.number(done)),
                (words("reports.roadmap.overdue"), words.number(len(found.overdue))),
                (words("reports.roadmap.blocked"), words.number(len(found.blocked))),
            ],
        )
    )
    section.blocks += _roadmap_by_phase(statuses, phase, words)
    section.blocks += _milestones_needing_attention(found, phase, words)
    if found.empty:
        section.blocks.append(Paragraph(words("reports.roadmap.nothing_pressing")))
    return section


def _indicators(data: ReportData, words: Words, today: date) -> Section:
    section = Section("indicators", words("reports.sections.indicators"))
    if not data.indicators:
        section.blocks.append(Paragraph(words("reports.indicators.empty")))
        return section
    statuses = indicator_dashboard(data.indicators, data.indicator_measurements, today)
    summaries = dimension_summary(statuses)
    section.blocks.append(Paragraph(words("reports.indicators.intro")))
    section.blocks.append(
        Table(
            words("reports.says.indicators"),
            [
                words("reports.indicators.dimension"),
                words("reports.indicators.count"),
                words("reports.indicators.average"),
                words("reports.indicators.on_track"),
                words("reports.indicators.behind"),
                words("reports.indicators.unmeasured"),
            ],
            [
                [
                    words(f"vocab.dimensions.{s.dimension}"),
                    words.number(s.count),
                    words.percent(s.average_progress),
                    words.number(s.on_track),
                    words.number(s.behind),
                    words.number(s.unmeasured),
                ]
                for s in summaries
            ],
        )
    )
    for dimension in DIMENSIONS:
        mine = [s for s in statuses if s.indicator.dimension == dimension]
        if not mine:
            continue
        section.blocks.append(Heading(words(f"vocab.dimensions.{dimension}")))
        section.blocks.append(
            Table(
                words("reports.says.dimension"),
                [
                    words("reports.indicators.name"),
                    words("reports.indicators.baseline"),
                    words("reports.indicators.value"),
                    words("reports.indicators.target"),
                    words("reports.indicators.progress"),
                    words("reports.indicators.trend"),
                    words("reports.indicators.state"),
                ],
                [
                    [
                        s.indicator.name,
                        display_value(s.indicator, s.indicator.baseline, words.lang),
                        display_value(s.indicator, s.value, words.lang)
                        + (f" ({words.day(s.measured_on)})" if s.measured_on else ""),
                        display_value(s.indicator, s.indicator.target, words.lang),
                        words.percent(s.progress),
                        words(f"reports.indicators.trends.{s.trend}") if s.trend else "—",
                        words(f"reports.indicators.states.{s.state}"),
                    ]
                    for s in mine
                ],
            )
        )
    return section


# -- grouped by SDG (issue 20) ----------------------------------------------------------------

NAMES_PER_GOAL = 25  # each kind of item lists at most this many names under a goal (the rest are counted)


def _goal_items(data: ReportData) -> dict[str, dict[int, str]]:
    """The names of what can carry a goal, per kind (actors, consultations, campaigns, indicators, milestones)."""
    return {
        "actors": {a.id: a.name for a in data.actors},
        "consultations": {c.id: c.title for c in data.consultations},
        "campaigns": {c.id: c.title for c in data.campaigns},
        "indicators": {i.id: i.name for i in data.indicators},
        "milestones": {m.id: m.title for m in data.milestones},
    }


def goal_sections(data: ReportData, words: Words) -> list[Section]:
    """The work grouped by SDG: a section per goal something is tagged with, in the goals' order,
    saying who works on it, what was consulted and campaigned on, which indicators measure it and
    which milestones serve it; one section saying so when nothing is tagged."""
    items = _goal_items(data)
    sections = []
    for goal in SDG_GOALS:
        found = sdg_by_goal(items, data.sdg_tags, goal)
        if not found:
            continue
        name = words(f"strategy.sdg.g{goal}")
        section = Section(f"sdg_{goal}", words("strategy.report.goal_title", number=goal, name=name))
        counts = [(words(f"strategy.entities.{e}"), words.number(len(found.get(e, [])))) for e in SDG_ENTITIES]
        section.blocks.append(Figures(words("strategy.report.goal_intro"), counts))
        for entity, names in found.items():
            listed = names[:NAMES_PER_GOAL]
            if len(names) > len(listed):
                listed.append(words("strategy.report.more", count=len(names) - len(listed)))
            section.blocks += [Heading(words(f"strategy.report.{entity}")), Bullets(listed)]
        sections.append(section)
    if not sections:
        sections.append(Section("sdg", "", [Paragraph(words("strategy.report.none"))]))
    return sections


def assemble_report(
    data: ReportData,
    sections: list[str] | tuple[str, ...],
    lang: str,
    today: date,
    prepared_by: str = "",
    by_goal: bool = False,
) -> Report:
    """The report with the chosen sections, in the order of :data:`SECTIONS`, written in ``lang``: the
    cover, the executive summary, then the other sections as numbered annexes. ``prepared_by``: who
    signs the cover (nobody is named when blank). ``by_goal``: the work grouped by SDG follows, a
    numbered annex per goal (:func:`goal_sections`).

    >>> from toolkit.domain import Workspace
    >>> report = assemble_report(ReportData(Workspace("Medellín")), ["register", "cover"], "en", date(2026, 11, 22))
    >>> report.keys, report.sections[1].title, report.day, report.paper
    (['cover', 'register'], 'Annex 1. The actor register in figures', '22 Nov 2026', 'A4')
    """
    lang = lang if lang in LANGUAGES else "es"
    words = Words(data.terms, lang)
    chosen = [key for key in SECTIONS if key in set(sections)]
    annexes = [key for key in chosen if key not in ("cover", "summary")]
    titles = {key: words(f"reports.sections.{key}") for key in chosen}
    for number, key in enumerate(annexes, start=1):
        titles[key] = words("reports.annex", number=words.number(number), title=titles[key])
    goals = goal_sections(data, words) if by_goal else []
    for number, section in enumerate(goals, start=len(annexes) + 1):
        title = section.title or words("strategy.report.title")
        section.title = words("reports.annex", number=words.number(number), title=title)
    builders = {
        "cover": lambda: _cover(
            data,
            words,
            [titles[key] for key in chosen if key != "cover"] + [s.title for s in goals],
            today,
            prepared_by,
        ),
        "summary": lambda: _summary(data, words, today),
        "map": lambda: _map(data, words, today),
        "geo": lambda: _geo(data, words, today),
        "register": lambda: _register(data, words),
        "power_interest": lambda: _power_interest(data, words),
        "changes": lambda: _changes(data, words, today),
        "consultations": lambda: _consultations(data, words),
        "campaigns": lambda: _campaigns(data, words, today),
        "roadmap": lambda: _roadmap(data, words, today),
        "indicators": lambda: _indicators(data, words, today),
    }
    built = [builders[key]() for key in chosen]
    for section in built:
        if section.key != "cover":
            section.title = titles[section.key]
    built += goals
    return Report(
        lang=lang,
        title=words("reports.title"),
        workspace=data.workspace.name,
        day=words.day(today),
        sections=built,
        paper=paper_size(data.workspace.country),
        footer=words("reports.footer", workspace=data.workspace.name, page="{page}", pages="{pages}"),
    )


def report_data(
    engine: Engine, workspace_id: int, sections: list[str] | tuple[str, ...], by_goal: bool = False
) -> ReportData:
    """Read from the workspace what the chosen sections need (and nothing more); ``by_goal``: what
    the work grouped by SDG names too."""
    wanted = set(SECTIONS) if "summary" in sections else set(sections)  # the summary speaks of everything
    if by_goal:
        wanted |= {"register", "consultations", "campaigns", "roadmap", "indicators"}
    data = ReportData(get_workspace(engine, workspace_id), terms=vocabulary_terms(engine, workspace_id))
    if wanted & {"map", "geo", "register", "power_interest", "changes", "consultations"}:
        data.actors, data.relations = list_actors(engine, workspace_id), list_relations(engine, workspace_id)
    if wanted & {"changes", "map"}:  # the map may be coloured by days since the last contact
        data.interactions = list_interactions(engine, workspace_id)
    if wanted & {"map", "geo"}:  # or by the actors' salience
        data.salience = list_salience(engine, workspace_id)
    if "changes" in wanted:
        data.assessments = list_assessments(engine, workspace_id)
    if "map" in wanted:
        kind, saved, _ = saved_layout(engine, workspace_id)
        if kind == "force":
            data.positions = saved
    if "geo" in wanted:  # the territory's districts and who took part in consultations (issue 19)
        kept = districts_map(engine, workspace_id)
        data.districts = kept.districts if kept else []
        data.participants = list_participants(engine, workspace_id)
    if "consultations" in wanted:
        data.consultations = list_consultations(engine, workspace_id)
        data.participants = list_participants(engine, workspace_id)
        data.contributions = list_contributions(engine, workspace_id)
    if "campaigns" in wanted:
        data.campaigns, data.activities = list_campaigns(engine, workspace_id), list_activities(engine, workspace_id)
        data.kpis, data.measurements = list_kpis(engine, workspace_id), list_measurements(engine, workspace_id)
    if "roadmap" in wanted:
        data.milestones = list_milestones(engine, workspace_id)
    if "indicators" in wanted:
        data.indicators = list_indicators(engine, workspace_id)
        data.indicator_measurements = list_indicator_measurements(engine, workspace_id)
    if by_goal:
        data.sdg_tags = list_sdg_tags(engine, workspace_id)
    return data


def build_report(
    engine: Engine,
    workspace_id: int,
    sections: list[str] | tuple[str, ...],
    lang: str,
    today: date,
    prepared_by: str = "",
    map_look: tuple[str, str] | None = None,
    by_goal: bool = False,
) -> Report:
    """The report of a workspace with the chosen sections, in ``lang``, as of ``today``; its map
    coloured and sized as ``map_look`` says (colour, size: what the map page shows), else by sector
    and influence; ``by_goal``: followed by the work grouped by SDG."""
    data = report_data(engine, workspace_id, sections, by_goal)
    if map_look and map_look[0] in MAP_COLOURS and map_look[1] in MAP_SIZES:
        data.map_look = map_look
    return assemble_report(data, sections, lang, today, prepared_by, by_goal)


# -- Word -------------------------------------------------------------------------------------

PAPER_CM = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}


def _field(paragraph, instruction: str) -> None:
    """A Word field (PAGE, NUMPAGES) in a paragraph: Word fills it in when it lays out the pages."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        elif text == "1":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = f" {text} "
        run._r.append(element)


def _page_setup(document, report: Report, has_cover: bool) -> None:
    """The paper of the workspace's country, margins, and the page number in every footer but the cover's."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    section = document.sections[0]
    section.page_width, section.page_height = (Cm(side) for side in PAPER_CM[report.paper])
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.0))
    section.different_first_page_header_footer = has_cover
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for number, part in enumerate(report.footer.replace("{pages}", "{page}").split("{page}")):
        if number:
            _field(footer, "PAGE" if number == 1 else "NUMPAGES")
        if part:
            footer.add_run(clean_text(part))
    for run in footer.runs:
        run.font.size = Pt(9)


def _docx_cover(document, cover: Cover) -> None:
    """A title page: no table, the words set large and spaced, then what the report holds."""
    from docx.shared import Cm, Pt

    title = document.add_heading(clean_text(cover.title), level=0)
    title.paragraph_format.space_before = Cm(5)
    lines = [(cover.workspace, 20, True), (cover.place, 14, False), (cover.day, 12, False)]
    lines.append((cover.prepared_by, 12, False))
    for text, size, bold in lines:
        if text:
            run = document.add_paragraph().add_run(clean_text(text))
            run.font.size, run.bold = Pt(size), bold
    if cover.description:
        document.add_paragraph().add_run(clean_text(cover.description)).italic = True
    if cover.contents:
        heading = document.add_paragraph()
        heading.paragraph_format.space_before = Cm(2)
        heading.add_run(clean_text(cover.contents_title)).bold = True
        for item in cover.contents:
            document.add_paragraph(clean_text(item), style="List Bullet")
    note = document.add_paragraph()
    note.paragraph_format.space_before = Cm(1)
    run = note.add_run(clean_text(cover.source))
    run.italic, run.font.size = True, Pt(9)


def _docx_block(document, block: Block) -> None:
    from docx.shared import Cm, Pt

    if isinstance(block, Cover):
        _docx_cover(document, block)
    elif isinstance(block, Heading):
        document.add_heading(clean_text(block.text), level=2)
    elif isinstance(block, Paragraph):
        paragraph = document.add_paragraph()
        if block.lead:
            paragraph.add_run(clean_text(block.lead) + " ").bold = True
        run = paragraph.add_run(clean_text(block.text))
        if block.note:
            run.italic, run.font.size = True, Pt(9)
    elif isinstance(block, Bullets):
        for item in block.items:
            document.add_paragraph(clean_text(item), style="List Bullet")
    elif isinstance(block, Figures):
        document.add_paragraph(clean_text(block.says))
        table = document.add_table(rows=2, cols=len(block.items))
        table.style = "Table Grid"
        for cell, (_, value) in zip(table.rows[0].cells, block.items, strict=True):
            run = cell.paragraphs[0].add_run(clean_text(value))
            run.bold, run.font.size = True, Pt(16)
        for cell, (caption, _) in zip(table.rows[1].cells, block.items, strict=True):
            cell.text = clean_text(caption)
    elif isinstance(block, Table):
        document.add_paragraph(clean_text(block.says))
        table = document.add_table(rows=1, cols=len(block.headers))
        table.style = "Table Grid"
        for cell, header in zip(table.rows[0].cells, block.headers, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(clean_text(header)).bold = True
        for values in block.rows:
            for cell, value in zip(table.add_row().cells, values, strict=True):
                cell.text = clean_text(value)
    elif isinstance(block, Picture):
        document.add_picture(io.BytesIO(block.png), width=Cm(16.5))
        caption = document.add_paragraph()
        run = caption.add_run(clean_text(block.caption))
        run.italic, run.font.size = True, Pt(9)


def report_docx(report: Report) -> bytes:
    """The report as a Word document on the paper of the workspace's country: the cover on its own
    page (no page number), the executive summary, then one page-started annex per section, page
    numbers in the footer (a council secretary can edit it)."""
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.shared import Pt

    document = Document()
    has_cover = bool(report.sections) and report.sections[0].key == "cover"
    _page_setup(document, report, has_cover)
    document.styles["Normal"].font.size = Pt(10)
    document.core_properties.title = clean_text(f"{report.title} — {report.workspace}")
    document.core_properties.language = report.lang
    if not has_cover:  # the title, whose and when, above the first section
        document.add_heading(clean_text(report.title), level=0)
        document.add_paragraph().add_run(clean_text(report.workspace)).bold = True
        document.add_paragraph(clean_text(report.day))
    for number, section in enumerate(report.sections):
        if number and report.sections[number - 1].key in ("cover", "summary"):  # each has its own page(s)
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        if section.key != "cover":
            document.add_heading(clean_text(section.title), level=1)
        for block in section.blocks:
            _docx_block(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# -- the printable page -----------------------------------------------------------------------

STYLE = """
body { font-family: "Segoe UI", Calibri, Arial, sans-serif; color: #1d1d1d; max-width: 60rem; margin: 2rem auto;
       padding: 0 1.5rem; line-height: 1.45; }
h1 { color: #0B6E4F; font-size: 2rem; margin-bottom: .2rem; }
h2 { color: #0B6E4F; border-bottom: 2px solid #0B6E4F; padding-bottom: .2rem; margin-top: 2.5rem; }
h3 { margin-top: 1.6rem; }
.subtitle { font-size: 1.3rem; font-weight: 600; margin: 0; }
.note { color: #555; font-size: .9rem; font-style: italic; }
.says { margin-bottom: .2rem; }
section.cover { border: 1px solid #cfe3d8; border-radius: .4rem; padding: 3rem 2.5rem; margin-bottom: 2rem; }
section.cover h1 { font-size: 2.4rem; margin-top: 0; }
section.cover .workspace { font-size: 1.6rem; font-weight: 700; margin: 1.2rem 0 .3rem; }
section.cover .place { font-size: 1.2rem; margin: 0 0 .3rem; }
section.cover .contents { margin-top: 2.5rem; }
section.summary p { margin: .55rem 0; }
table { border-collapse: collapse; width: 100%; margin: .3rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #bbb; padding: .3rem .45rem; text-align: left; vertical-align: top; }
th { background: #eef5f1; }
.figures { display: flex; flex-wrap: wrap; gap: .8rem; margin: .3rem 0 1rem; }
.figure { border: 1px solid #cfe3d8; border-radius: .4rem; padding: .6rem .9rem; min-width: 9rem; }
.figure b { display: block; font-size: 1.6rem; color: #0B6E4F; }
figure { margin: 1rem 0; }
figure img { width: 100%; height: auto; }
figcaption { color: #555; font-size: .9rem; font-style: italic; }
@media print {
  body { margin: 0; max-width: none; font-size: 10pt; line-height: 1.35; }
  h1 { font-size: 20pt; }
  h2 { font-size: 15pt; margin-top: 0; }
  h3 { font-size: 11.5pt; margin: 1rem 0 .3rem; }
  section.cover h1 { font-size: 26pt; }
  section.cover .workspace { font-size: 18pt; }
  section.cover .place { font-size: 13pt; }
  .figure b { font-size: 16pt; }
  table, .note, figcaption { font-size: 9pt; }
  th, td { padding: .1rem .4rem; }
  .figure { padding: .3rem .7rem; }
  section.cover, section.summary { break-after: page; page-break-after: always; }
  section.cover { border: none; padding: 5cm 0 0; margin: 0; }
  section h2 { margin-top: 1.6rem; }
  figure img { max-height: 16cm; object-fit: contain; }
  h2, h3, .says { break-after: avoid; page-break-after: avoid; }
  table, figure, .figures { break-inside: avoid; page-break-inside: avoid; }
}
"""


def _css_string(text: str) -> str:
    """A CSS string literal of catalog words (quotes, backslashes and angle brackets escaped)."""
    escaped = "".join(ch if ch.isalnum() or ch in " .,:;·-–—" else f"\\{ord(ch):x} " for ch in text)
    return f'"{escaped}"'


def _page_rule(report: Report) -> str:
    """The paper and the page number at the foot of every printed page (not on the cover)."""
    parts = []
    for number, part in enumerate(report.footer.replace("{pages}", "{page}").split("{page}")):
        if number:
            parts.append("counter(page)" if number == 1 else "counter(pages)")
        if part:
            parts.append(_css_string(part))
    paper = "A4" if report.paper == "A4" else "letter"
    return (
        f"@page {{ size: {paper}; margin: 18mm 16mm; @bottom-center {{ content: {' '.join(parts)}; "
        "font-size: 9pt; color: #555; } }\n"
        "@page :first { @bottom-center { content: none; } }"
    )


def _html_cover(cover: Cover, e: Callable[[object], str]) -> list[str]:
    parts = [f"<h1>{e(cover.title)}</h1>", f'<p class="workspace">{e(cover.workspace)}</p>']
    parts += [f'<p class="place">{e(text)}</p>' for text in (cover.place, cover.day, cover.prepared_by) if text]
    if cover.description:
        parts.append(f'<p class="note">{e(cover.description)}</p>')
    if cover.contents:
        parts.append(f'<div class="contents"><p><b>{e(cover.contents_title)}</b></p><ul>')
        parts += [f"<li>{e(item)}</li>" for item in cover.contents]
        parts.append("</ul></div>")
    parts.append(f'<p class="note">{e(cover.source)}</p>')
    return parts


def _html_block(block: Block, e: Callable[[object], str]) -> list[str]:
    if isinstance(block, Cover):
        return _html_cover(block, e)
    if isinstance(block, Heading):
        return [f"<h3>{e(block.text)}</h3>"]
    if isinstance(block, Paragraph):
        css = ' class="note"' if block.note else ""
        lead = f"<b>{e(block.lead)}</b> " if block.lead else ""
        return [f"<p{css}>{lead}{e(block.text)}</p>"]
    if isinstance(block, Bullets):
        return ["<ul>" + "".join(f"<li>{e(item)}</li>" for item in block.items) + "</ul>"]
    if isinstance(block, Figures):
        figures = "".join(f'<div class="figure"><b>{e(value)}</b>{e(caption)}</div>' for caption, value in block.items)
        return [f'<p class="says">{e(block.says)}</p>', f'<div class="figures">{figures}</div>']
    if isinstance(block, Table):
        head = "".join(f"<th>{e(h)}</th>" for h in block.headers)
        body = "".join("<tr>" + "".join(f"<td>{e(v)}</td>" for v in row) + "</tr>" for row in block.rows)
        return [
            f'<p class="says">{e(block.says)}</p>',
            f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>",
        ]
    encoded = base64.b64encode(block.svg).decode("ascii")
    return [
        f'<figure><img alt="{e(block.caption)}" src="data:image/svg+xml;base64,{encoded}">'
        f"<figcaption>{e(block.caption)}</figcaption></figure>"
    ]


def report_html(report: Report) -> str:
    """The report as one standalone web page to print or save as PDF from the browser, in the same
    order as the Word document: the cover on a printed page of its own, the summary, the annexes;
    the paper of the workspace's country and page numbers when printed; pictures inside the page,
    every user word escaped, no script and nothing fetched from the network."""

    def e(text: object) -> str:
        return html.escape(str(text), quote=True)

    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{e(report.lang)}"><head><meta charset="utf-8">',
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; img-src data:; '
        "style-src 'unsafe-inline'\">",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(report.title)} — {e(report.workspace)}</title>",
        f"<style>{STYLE}\n{_page_rule(report)}</style></head><body>",
    ]
    if not report.sections or report.sections[0].key != "cover":
        parts.append(
            f'<header><h1>{e(report.title)}</h1><p class="subtitle">{e(report.workspace)}</p>'
            f"<p>{e(report.day)}</p></header>"
        )
    for section in report.sections:
        parts.append(f'<section class="{e(section.key.replace("_", "-"))}">')
        if section.key != "cover":
            parts.append(f"<h2>{e(section.title)}</h2>")
        for block in section.blocks:
            parts += _html_block(block, e)
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts)
