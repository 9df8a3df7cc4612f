"""The data model of a workspace and the keys of its vocabularies.

Column keys below are the contract shared by the database, the blank template,
the register exports and the backup workbook (English keys, see DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KINDS = ("organisation", "person", "network", "group")
CONSENT = ("yes", "no", "unknown")
DIMENSIONS = ("institutional", "political", "territorial")
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")

# stance is stored as an integer -2..+2; these are its vocabulary keys
STANCE_KEYS = {-2: "opponent", -1: "reluctant", 0: "neutral", 1: "favourable", 2: "ally"}
STANCE_VALUES = {key: value for value, key in STANCE_KEYS.items()}

ACTOR_COLUMNS = (
    "id",
    "name",
    "acronym",
    "kind",
    "sector",
    "scale",
    "country",
    "city",
    "influence",
    "interest",
    "stance",
    "themes",
    "dimensions",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
    "consent_date",
    "consent_source",
    "notes",
)
# what "a register without personal data" leaves out, and what deleting an actor erases
PERSONAL_COLUMNS = ("contact_name", "contact_role", "email", "phone", "consent_date", "consent_source")
LIST_COLUMNS = ("themes", "dimensions")
# where an actor is (issue 19): in the backup after "custom", never in the register's own columns
PLACE_COLUMNS = ("latitude", "longitude", "district", "place_source", "address")
PLACE_SOURCES = ("gazetteer", "file", "hand")
RELATION_COLUMNS = ("id", "source", "target", "type", "strength", "directed", "description")

# a level at or above this counts as "high" for the power-interest grid
HIGH_LEVEL = 4


@dataclass
class Actor:
    name: str
    acronym: str = ""
    kind: str = "organisation"
    sector: str | None = None
    scale: str | None = None
    country: str = ""
    city: str = ""
    influence: int | None = None
    interest: int | None = None
    stance: int | None = None
    themes: list[str] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    contact_name: str = ""
    contact_role: str = ""
    email: str = ""
    phone: str = ""
    consent: str = "unknown"
    consent_date: date | None = None
    consent_source: str = ""
    notes: str = ""
    custom: dict[str, str] = field(default_factory=dict)
    id: int | None = None
    version: int = 1
    # where the actor is (issue 19): WGS 84 degrees, the territory's district, where the place came
    # from (PLACE_SOURCES; "" while unplaced) and an address kept as text
    latitude: float | None = None
    longitude: float | None = None
    district: str = ""
    place_source: str = ""
    address: str = ""


@dataclass
class Relation:
    source: int
    target: int
    type: str = "cooperation"
    strength: int = 2
    directed: bool = False
    description: str = ""
    id: int | None = None
    version: int = 1
    starts_on: date | None = None  # None: since before the register knows
    ends_on: date | None = None  # None: still on
    custom: dict[str, object] = field(default_factory=dict)  # extra columns from imported files
    reported_by: int | None = None  # the actor who said it in a questionnaire (issue 18)
    report_status: str | None = None  # None (not reported), "pending", "confirmed"


@dataclass
class Workspace:
    name: str
    city: str = ""
    country: str = ""
    language: str = "es"
    description: str = ""
    id: int | None = None
    revision: int = 0


def quadrant(influence: int | None, interest: int | None) -> str | None:
    """The power-interest quadrant of an actor, or None while a level is unknown.

    >>> quadrant(5, 4), quadrant(5, 2), quadrant(2, 5), quadrant(1, 1), quadrant(None, 3)
    ('manage_closely', 'keep_satisfied', 'keep_informed', 'monitor', None)
    """
    if influence is None or interest is None:
        return None
    high_power, high_interest = influence >= HIGH_LEVEL, interest >= HIGH_LEVEL
    if high_power:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"


# -- multi-actor consultations ------------------------------------------------------------

MODALITIES = ("in_person", "virtual", "hybrid")
CONSULTATION_STATUSES = ("draft", "convened", "held", "synthesised", "closed")
INVITATION_STATUSES = ("to_invite", "invited", "confirmed", "declined", "attended", "no_show", "answered")
CONTRIBUTION_TYPES = ("proposal", "concern", "commitment", "question", "recommendation")
PRIORITIES = ("high", "medium", "low")
TARGET_DIMENSIONS = ("sector", "scale")  # coverage targets name a sector or a scale that must be present

CONSULTATION_COLUMNS = (
    "id",
    "title",
    "objective",
    "specific_objectives",
    "questions",
    "instrument",
    "modality",
    "starts_on",
    "ends_on",
    "place",
    "facilitator",
    "budget",
    "status",
    "targets",
)
PARTICIPANT_COLUMNS = (
    "id",
    "consultation",
    "actor",
    "status",
    "invited_on",
    "responded_on",
    "attended_on",
    "attendee",
    "notes",
)
CONTRIBUTION_COLUMNS = ("id", "consultation", "actor", "theme", "type", "text", "priority", "due_on", "response")


@dataclass(frozen=True)
class CoverageTarget:
    """A sector or scale that must be present in the room, at least ``minimum`` times."""

    dimension: str  # "sector" or "scale"
    key: str
    minimum: int = 1


@dataclass
class Consultation:
    title: str
    objective: str = ""
    specific_objectives: str = ""
    questions: str = ""  # one question per line
    instrument: str = "workshop"
    modality: str = "in_person"
    starts_on: date | None = None
    ends_on: date | None = None
    place: str = ""  # an address or a meeting link
    facilitator: str = ""
    budget: float | None = None
    status: str = "draft"
    targets: list[CoverageTarget] = field(default_factory=list)
    id: int | None = None
    version: int = 1


@dataclass
class Participant:
    consultation_id: int
    actor_id: int
    status: str = "to_invite"
    invited_on: date | None = None
    responded_on: date | None = None  # when they confirmed or declined
    attended_on: date | None = None
    attendee: str = ""  # who came on the organisation's behalf
    notes: str = ""
    id: int | None = None
    version: int = 1


@dataclass
class Contribution:
    consultation_id: int
    text: str
    actor_id: int | None = None  # None: said from the floor, or an anonymous answer
    theme: str = ""
    type: str = "proposal"
    priority: str = "medium"
    due_on: date | None = None  # for a commitment: by when
    response: str = ""  # the team's answer; a question without one is still open
    id: int | None = None
    version: int = 1


def status_dates(
    status: str,
    on: date | None,
    invited_on: date | None = None,
    responded_on: date | None = None,
    attended_on: date | None = None,
) -> dict[str, date | None]:
    """The dates a participant keeps when moving to ``status`` on day ``on``.

    >>> d = date(2026, 9, 1)
    >>> status_dates("invited", d)["invited_on"], status_dates("confirmed", d, d)["responded_on"]
    (datetime.date(2026, 9, 1), datetime.date(2026, 9, 1))
    >>> status_dates("to_invite", d, d, d, d)
    {'invited_on': None, 'responded_on': None, 'attended_on': None}
    """
    if status == "to_invite":
        return {"invited_on": None, "responded_on": None, "attended_on": None}
    if status == "invited":
        return {"invited_on": on, "responded_on": None, "attended_on": None}
    if status in ("confirmed", "declined", "answered"):  # answered: the questionnaire (issue 18)
        return {"invited_on": invited_on, "responded_on": on, "attended_on": None}
    if status == "attended":
        return {"invited_on": invited_on, "responded_on": responded_on, "attended_on": on}
    return {"invited_on": invited_on, "responded_on": responded_on, "attended_on": None}  # no_show


# -- audiences and campaigns --------------------------------------------------------------

AUDIENCE_KINDS = ("segment", "public")  # a segment of the register, or a public outside it
CAMPAIGN_TYPES = ("dissemination", "advocacy", "mixed")
CAMPAIGN_STATUSES = ("planned", "active", "paused", "finished", "cancelled")
ACTIVITY_STATUSES = ("planned", "in_progress", "done", "delayed", "cancelled")
KPI_KINDS = ("reach", "impressions", "attendance", "press_mentions", "meetings", "commitments", "other")
KPI_AGGREGATIONS = ("sum", "last")  # each measurement adds to the total, or is the total so far
DASHBOARD_STATUSES = ("on_track", "late", "no_measurements")
RULE_CRITERIA = ("sectors", "scales", "stances", "quadrants", "themes", "communities")

AUDIENCE_COLUMNS = (
    "id",
    "name",
    "kind",
    "description",
    "rule",
    "estimated_size",
    "influence",
    "interest",
    "knowledge",
    "attitude",
    "needs",
    "barriers",
    "priority",
    "messages",
    "channels",
)
AUDIENCE_MEMBER_COLUMNS = ("id", "audience", "actor", "included")
CAMPAIGN_COLUMNS = (
    "id",
    "title",
    "type",
    "objective",
    "audiences",
    "messages",
    "channels",
    "starts_on",
    "ends_on",
    "owner",
    "budget",
    "status",
)
ACTIVITY_COLUMNS = ("id", "campaign", "title", "channel", "due_on", "owner", "status", "cost", "notes")
KPI_COLUMNS = ("id", "campaign", "name", "kind", "unit", "baseline", "target", "aggregation")
KPI_MEASUREMENT_COLUMNS = ("id", "kpi", "measured_on", "value", "notes")


@dataclass(frozen=True)
class AudienceRule:
    """Which actors of the register a segment takes: every criterion given must hold (any of
    its values will do); a rule without criteria takes nobody (the segment is chosen by hand)."""

    sectors: tuple[str, ...] = ()
    scales: tuple[str, ...] = ()
    stances: tuple[str, ...] = ()  # stance keys: "ally", "favourable"...
    quadrants: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    communities: tuple[int, ...] = ()  # communities of the actor map (numbered by size, from 0)

    @property
    def empty(self) -> bool:
        return not any(getattr(self, name) for name in RULE_CRITERIA)

    def as_dict(self) -> dict[str, list]:
        """The criteria given, as stored (JSON) and written in the backup.

        >>> AudienceRule(sectors=("academia",), communities=(2,)).as_dict()
        {'sectors': ['academia'], 'communities': [2]}
        """
        return {name: list(getattr(self, name)) for name in RULE_CRITERIA if getattr(self, name)}

    @classmethod
    def from_dict(cls, stored: object) -> AudienceRule:
        """A rule from its stored form; unknown criteria are ignored.

        >>> AudienceRule.from_dict({"themes": ["turismo"], "communities": ["1"], "colour": ["x"]})
        AudienceRule(sectors=(), scales=(), stances=(), quadrants=(), themes=('turismo',), communities=(1,))
        """
        stored = stored if isinstance(stored, dict) else {}
        values = {name: tuple(str(v) for v in stored.get(name) or ()) for name in RULE_CRITERIA}
        values["communities"] = tuple(int(v) for v in values["communities"])
        return cls(**values)


@dataclass
class Audience:
    name: str
    kind: str = "segment"
    description: str = ""
    rule: AudienceRule = field(default_factory=AudienceRule)
    estimated_size: int | None = None  # a public outside the register: how many people
    influence: int | None = None  # the team's estimate 1-5; a segment otherwise takes its members'
    interest: int | None = None
    knowledge: str = ""  # what it knows of the city's international action
    attitude: str = ""  # what it thinks of it
    needs: str = ""  # what it needs
    barriers: str = ""
    priority: str = "medium"
    messages: list[str] = field(default_factory=list)  # key messages
    channels: list[str] = field(default_factory=list)  # preferred channels (vocabulary keys)
    id: int | None = None
    version: int = 1


@dataclass
class AudienceMember:
    """A hand adjustment to a segment: an actor added to it, or left out of what its rule takes."""

    audience_id: int
    actor_id: int
    included: bool = True
    id: int | None = None


@dataclass
class Campaign:
    title: str
    type: str = "dissemination"
    objective: str = ""
    audience_ids: list[int] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    starts_on: date | None = None
    ends_on: date | None = None
    owner: str = ""
    budget: float | None = None
    status: str = "planned"
    id: int | None = None
    version: int = 1


@dataclass
class Activity:
    campaign_id: int
    title: str
    channel: str | None = None
    due_on: date | None = None
    owner: str = ""
    status: str = "planned"
    cost: float | None = None
    notes: str = ""
    id: int | None = None
    version: int = 1


@dataclass
class Kpi:
    campaign_id: int
    name: str
    target: float
    kind: str = "reach"
    unit: str = ""
    baseline: float = 0.0
    aggregation: str = "sum"
    id: int | None = None
    version: int = 1


@dataclass
class KpiMeasurement:
    kpi_id: int
    measured_on: date
    value: float
    notes: str = ""  # the source: "informe de Meltwater", "lista de asistencia"...
    id: int | None = None


# -- the roadmap and the indicators of international action ------------------------------------

MILESTONE_STATUSES = ("planned", "in_progress", "done", "blocked", "cancelled")
MILESTONE_COLUMNS = (
    "id",
    "phase",
    "title",
    "description",
    "starts_on",
    "due_on",
    "owner",
    "status",
    "consultation",
    "campaign",
    "notes",
)
INDICATOR_COLUMNS = (
    "id",
    "dimension",
    "name",
    "unit",
    "baseline",
    "baseline_on",
    "target",
    "target_on",
    "source",
    "automatic",
    "position",
)
INDICATOR_MEASUREMENT_COLUMNS = ("id", "indicator", "measured_on", "value", "source", "notes")


@dataclass
class Milestone:
    title: str
    phase: str | None = None  # a key of the workspace's "phases" vocabulary
    description: str = ""
    starts_on: date | None = None
    due_on: date | None = None
    owner: str = ""
    status: str = "planned"
    consultation_id: int | None = None
    campaign_id: int | None = None
    notes: str = ""
    id: int | None = None
    version: int = 1


@dataclass
class Indicator:
    dimension: str  # one of DIMENSIONS
    name: str
    unit: str = ""
    baseline: float | None = None
    baseline_on: date | None = None
    target: float | None = None
    target_on: date | None = None
    source: str = ""
    automatic: str | None = None  # None: measured by hand; else the workspace figure that fills it
    position: int = 0
    id: int | None = None
    version: int = 1


@dataclass
class IndicatorMeasurement:
    indicator_id: int
    measured_on: date
    value: float
    source: str = ""
    notes: str = ""
    id: int | None = None


# -- the actor's whole story: contact history and dated assessments ------------------------------

INTERACTION_KINDS = ("meeting", "call", "email", "visit", "event", "message", "other")
INTERACTION_COLUMNS = (
    "id",
    "kind",
    "occurred_on",
    "actors",
    "team_member",
    "summary",
    "agreements",
    "next_step",
    "next_step_due",
    "next_step_done",
    "consultation",
    "campaign",
)
ASSESSMENT_COLUMNS = ("id", "actor", "assessed_on", "influence", "interest", "stance", "reason")


@dataclass
class Interaction:
    """A meeting, call, e-mail... with one or several actors: ``actors`` maps each actor's id to the
    people of that actor who took part (free text, may be empty)."""

    kind: str  # one of INTERACTION_KINDS
    occurred_on: date
    actors: dict[int, str] = field(default_factory=dict)
    team_member: str = ""  # who on our team
    summary: str = ""
    agreements: str = ""
    next_step: str = ""
    next_step_due: date | None = None
    next_step_done: bool = False
    consultation_id: int | None = None
    campaign_id: int | None = None
    id: int | None = None
    version: int = 1


@dataclass
class Assessment:
    """Influence, interest and stance of an actor as judged on a day, and why; the latest is current."""

    actor_id: int
    assessed_on: date
    influence: int | None = None
    interest: int | None = None
    stance: int | None = None
    reason: str = ""
    id: int | None = None


# -- accounts (off by default) -----------------------------------------------------------------

ROLES = ("owner", "editor", "viewer")  # owner manages members; editor changes; viewer reads and exports
