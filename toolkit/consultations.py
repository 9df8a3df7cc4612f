"""Multi-actor consultations: who is in the room, what is missing, whom to invite, what was said.

Pure functions over the register and a consultation's lists; nothing here reads or writes the
database. Words shown to users are catalog keys (``consultations.reason.<key>``...), filled in
by the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from toolkit.actors import ActorFilter, filter_actors
from toolkit.cells import cell_value
from toolkit.domain import (
    CONSULTATION_STATUSES,
    CONTRIBUTION_TYPES,
    INVITATION_STATUSES,
    STANCE_KEYS,
    Actor,
    Audience,
    Consultation,
    Contribution,
    CoverageTarget,
    Participant,
    Relation,
)
from toolkit.i18n import t
from toolkit.store.edits import Edit
from toolkit.vocab import fold

STAGES = ("invited", "confirmed", "attended")
# "invited": on the list and not declined (the room as planned); each stage holds the next
STAGE_STATUSES = {
    "invited": frozenset(INVITATION_STATUSES) - {"declined"},
    "confirmed": frozenset({"confirmed", "attended", "answered"}),
    "attended": frozenset({"attended", "answered"}),  # who answered the questionnaire took part too
}
SENT = frozenset(INVITATION_STATUSES) - {"to_invite"}  # an invitation went out
TOOK_PART = frozenset({"attended", "answered"})  # came, or answered the questionnaire (issue 18)
GOVERNMENT_SECTORS = frozenset({"local_government", "regional_government", "national_government", "foreign_government"})
# a team usually wants the territory beyond the town hall in the room (the Medellín workshop's point)
DEFAULT_TARGETS = (
    CoverageTarget("sector", "local_government"),
    CoverageTarget("sector", "academia"),
    CoverageTarget("sector", "private_sector"),
    CoverageTarget("sector", "civil_society"),
    CoverageTarget("sector", "community_organisation"),
    CoverageTarget("scale", "local"),
    CoverageTarget("scale", "international"),
)
# how many people each instrument usually takes (the guides on the page quote these)
INSTRUMENT_SIZES: dict[str, tuple[int, int]] = {
    "survey": (30, 1000),
    "interview": (5, 20),
    "focus_group": (6, 10),
    "workshop": (15, 40),
    "round_table": (8, 15),
    "public_forum": (50, 300),
    "online_consultation": (50, 5000),
    "dialogue_cafe": (16, 60),
    "expert_panel": (5, 12),
}
SUGGESTIONS_PER_GAP = 5


# -- sizes ----------------------------------------------------------------------------------


def size_warning(instrument: str, count: int) -> tuple[str, int, int] | None:
    """``("too_few" | "too_many", low, high)`` when the list does not suit the instrument.

    >>> size_warning("focus_group", 23), size_warning("workshop", 20), size_warning("custom_x", 3)
    (('too_many', 6, 10), None, None)
    """
    if instrument not in INSTRUMENT_SIZES or count == 0:
        return None
    low, high = INSTRUMENT_SIZES[instrument]
    if count < low:
        return ("too_few", low, high)
    if count > high:
        return ("too_many", low, high)
    return None


# -- the actor map (communities and brokers) -------------------------------------------------


@dataclass(frozen=True)
class MapInfo:
    """What the actor map says of one actor."""

    community: int | None = None
    broker: bool = False
    betweenness: float = 0.0


def actor_map_info(actors: list[Actor], relations: list[Relation]) -> dict[int, MapInfo]:
    """Community and broker role of each actor, from the actor map's network analysis.

    Empty when the register is empty, or while the map module is not installed: suggestions
    then rank on the register alone.
    """
    if not actors:
        return {}
    try:
        from toolkit.network.analysis import network_metrics  # the map module is optional: see above
    except ModuleNotFoundError as error:
        if (error.name or "").startswith("toolkit.network"):
            return {}
        raise
    result = network_metrics(actors, relations)
    return {
        actor_id: MapInfo(
            community=metrics.community, broker=bool(metrics.broker), betweenness=float(metrics.betweenness)
        )
        for actor_id, metrics in result.per_actor.items()
    }


def community_members(map_info: dict[int, MapInfo], actors: list[Actor], top: int = 2) -> dict[int, list[str]]:
    """Community number -> the names of its most influential members (to tell communities apart).

    >>> info = {1: MapInfo(0), 2: MapInfo(0), 3: MapInfo(1)}
    >>> community_members(info, [Actor("A", id=1, influence=2), Actor("B", id=2, influence=5), Actor("C", id=3)])
    {0: ['B', 'A'], 1: ['C']}
    """
    members: dict[int, list[Actor]] = {}
    for actor in actors:
        info = map_info.get(actor.id)
        if info is not None and info.community is not None:
            members.setdefault(info.community, []).append(actor)
    return {
        community: [a.name for a in sorted(group, key=lambda a: (-(a.influence or 0), fold(a.name)))][:top]
        for community, group in sorted(members.items())
    }


def select_actors(
    actors: list[Actor],
    wanted: ActorFilter,
    communities: tuple[int, ...] = (),
    map_info: dict[int, MapInfo] | None = None,
) -> list[Actor]:
    """Actors matching the register's filters and, if any are chosen, one of the map's communities.

    >>> a = [Actor("A", id=1, sector="academia"), Actor("B", id=2, sector="academia"), Actor("C", id=3)]
    >>> [x.name for x in select_actors(a, ActorFilter(sectors=("academia",)), (7,), {2: MapInfo(7)})]
    ['B']
    """
    found = filter_actors(actors, wanted)
    if communities:
        info = map_info or {}
        found = [a for a in found if a.id in info and info[a.id].community in communities]
    return found


# -- coverage --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TargetStatus:
    target: CoverageTarget
    count: int

    @property
    def missing(self) -> int:
        return max(0, self.target.minimum - self.count)

    @property
    def met(self) -> bool:
        return self.count >= self.target.minimum


@dataclass
class StageCoverage:
    stage: str
    actor_ids: list[int] = field(default_factory=list)
    by_sector: Counter = field(default_factory=Counter)
    by_scale: Counter = field(default_factory=Counter)
    targets: list[TargetStatus] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)  # "only_government", "only_allies"

    @property
    def gaps(self) -> list[TargetStatus]:
        return [status for status in self.targets if not status.met]

    @property
    def covered(self) -> list[TargetStatus]:
        return [status for status in self.targets if status.met]


@dataclass
class Coverage:
    stages: dict[str, StageCoverage]

    def __getitem__(self, stage: str) -> StageCoverage:
        return self.stages[stage]


def _value(actor: Actor, dimension: str) -> str | None:
    return actor.sector if dimension == "sector" else actor.scale


def room_warnings(room: list[Actor]) -> list[str]:
    """What is wrong with a room as a whole: only government, or no neutral or critical voice.

    >>> room_warnings([Actor("A", sector="local_government", stance=2), Actor("B", sector="national_government")])
    ['only_government', 'only_allies']
    >>> room_warnings([Actor("A", sector="academia", stance=1), Actor("B", sector="media", stance=0)])
    []
    """
    warnings = []
    if room and all(actor.sector in GOVERNMENT_SECTORS for actor in room):
        warnings.append("only_government")
    stances = [actor.stance for actor in room if actor.stance is not None]
    if stances and all(stance >= 1 for stance in stances):
        warnings.append("only_allies")
    return warnings


def coverage(participants: list[Participant], actors: list[Actor], targets: list[CoverageTarget]) -> Coverage:
    """For the invited, confirmed and attended separately: what is covered, what is missing, warnings.

    >>> people = [Actor("Alcaldía", id=1, sector="local_government", stance=2), Actor("UdeA", id=2, sector="academia")]
    >>> plist = [Participant(1, 1, "attended"), Participant(1, 2, "invited")]
    >>> result = coverage(plist, people, [CoverageTarget("sector", "academia")])
    >>> [s.met for s in result["invited"].targets], [s.met for s in result["attended"].targets]
    ([True], [False])
    >>> result["attended"].warnings
    ['only_government', 'only_allies']
    """
    by_id = {actor.id: actor for actor in actors}
    stages = {}
    for stage in STAGES:
        room = [by_id[p.actor_id] for p in participants if p.status in STAGE_STATUSES[stage] and p.actor_id in by_id]
        result = StageCoverage(stage=stage, actor_ids=[a.id for a in room])
        result.by_sector.update(a.sector for a in room)
        result.by_scale.update(a.scale for a in room)
        for target in targets:
            count = (result.by_sector if target.dimension == "sector" else result.by_scale).get(target.key, 0)
            result.targets.append(TargetStatus(target, count))
        result.warnings = room_warnings(room)
        stages[stage] = result
    return Coverage(stages)


# -- suggestions -----------------------------------------------------------------------------


@dataclass
class Reason:
    """Why an actor is suggested: ``consultations.reason.<key>`` filled in with ``details``."""

    key: str
    points: float
    details: dict[str, object] = field(default_factory=dict)


def explain(reason: Reason, lang: str | None = None) -> str:
    """A reason in the user's words (stances and statuses by their labels).

    >>> explain(Reason("stance_missing", 2.0, {"stance": "neutral"}), lang="en")
    'stance “neutral”: a voice the room lacks'
    """
    details = dict(reason.details)
    if "stance" in details:
        details["stance"] = t(f"vocab.stances.{details['stance']}", lang=lang).lower()
    if "status" in details:
        details["status"] = t(f"vocab.invitation_statuses.{details['status']}", lang=lang).lower()
    return t(f"consultations.reason.{reason.key}", lang=lang, **details)


@dataclass
class Suggestion:
    actor: Actor
    score: float
    reasons: list[Reason]


@dataclass
class Gap:
    """Something the room lacks, and who could close it (best first)."""

    kind: str  # "target", "only_government", "only_allies"
    stage: str
    target: CoverageTarget | None = None
    missing: int = 0
    suggestions: list[Suggestion] = field(default_factory=list)


@dataclass(frozen=True)
class _Room:
    stances: frozenset
    communities: frozenset


def _score(
    actor: Actor,
    room: _Room,
    listed: dict[int, Participant],
    consulted: set[int],
    map_info: dict[int, MapInfo],
    kind: str,
) -> Suggestion:
    reasons = []
    if actor.influence:
        reasons.append(Reason("influence", 0.6 * actor.influence, {"level": actor.influence}))
    if actor.interest:
        reasons.append(Reason("interest", 0.4 * actor.interest, {"level": actor.interest}))
    if actor.stance is not None:
        stance = STANCE_KEYS[actor.stance]
        if kind == "only_allies" or (actor.stance <= 0 and actor.stance not in room.stances):
            reasons.append(Reason("stance_missing", 2.0 if actor.stance >= -1 else 1.5, {"stance": stance}))
        elif actor.stance >= 1:
            reasons.append(Reason("stance_favourable", 0.5, {"stance": stance}))
    info = map_info.get(actor.id)
    if info is not None:
        if info.broker:
            reasons.append(Reason("broker", 2.0))
        if info.community is not None and info.community not in room.communities:
            reasons.append(Reason("new_community", 1.0))
    if actor.id not in consulted:
        reasons.append(Reason("never_consulted", 1.5))
    if actor.id in listed:
        reasons.append(Reason("follow_up", 2.5, {"status": listed[actor.id].status}))
    reasons.sort(key=lambda r: -r.points)
    return Suggestion(actor, round(sum(r.points for r in reasons), 2), reasons)


def suggestions(
    actors: list[Actor],
    participants: list[Participant],
    targets: list[CoverageTarget],
    consulted: set[int] | None = None,
    map_info: dict[int, MapInfo] | None = None,
    stage: str = "invited",
    limit: int = SUGGESTIONS_PER_GAP,
) -> list[Gap]:
    """For each gap of ``stage`` (unmet targets, a room of only government or only allies), the
    actors who would close it, ranked and explained.

    Candidates are actors not yet counted at that stage and who have not declined; those already
    on the list (still to confirm) are suggested as a follow-up. ``consulted`` holds the actors who
    took part in an earlier consultation; the others score as never consulted.

    >>> people = [Actor("Alcaldía", id=1, sector="local_government", stance=2),
    ...           Actor("UdeA", id=2, sector="academia", influence=4, stance=1),
    ...           Actor("EAFIT", id=3, sector="academia", influence=3, stance=0)]
    >>> gaps = suggestions(people, [Participant(1, 1, "invited")], [CoverageTarget("sector", "academia")])
    >>> [(g.kind, [s.actor.name for s in g.suggestions]) for g in gaps]
    [('target', ['EAFIT', 'UdeA']), ('only_government', ['EAFIT', 'UdeA']), ('only_allies', ['EAFIT'])]
    >>> [r.key for r in gaps[0].suggestions[0].reasons]
    ['stance_missing', 'influence', 'never_consulted']
    """
    consulted = consulted or set()
    map_info = map_info or {}
    by_id = {actor.id: actor for actor in actors}
    listed = {p.actor_id: p for p in participants}
    stage_coverage = coverage(participants, actors, targets)[stage]
    counted = set(stage_coverage.actor_ids)
    room = _Room(
        frozenset(by_id[i].stance for i in stage_coverage.actor_ids),
        frozenset(map_info[i].community for i in stage_coverage.actor_ids if i in map_info),
    )
    open_to = [a for a in actors if a.id not in counted and getattr(listed.get(a.id), "status", "") != "declined"]
    follow_ups = {i: p for i, p in listed.items() if i not in counted}

    gaps = [Gap("target", stage, status.target, status.missing) for status in stage_coverage.gaps]
    gaps += [Gap(warning, stage) for warning in stage_coverage.warnings]
    for gap in gaps:
        if gap.kind == "target":
            fits = [a for a in open_to if _value(a, gap.target.dimension) == gap.target.key]
        elif gap.kind == "only_government":
            fits = [a for a in open_to if a.sector and a.sector not in GOVERNMENT_SECTORS]
        else:
            fits = [a for a in open_to if a.stance is not None and a.stance <= 0]
        ranked = [_score(a, room, follow_ups, consulted, map_info, gap.kind) for a in fits]
        ranked.sort(key=lambda s: (-s.score, -(s.actor.influence or 0), fold(s.actor.name)))
        gap.suggestions = ranked[:limit]
    return gaps


def consulted_actors(participants: list[Participant], other_than: int | None = None) -> set[int]:
    """Actors who attended a consultation (other than ``other_than``).

    >>> consulted_actors([Participant(1, 10, "attended"), Participant(2, 11, "invited"),
    ...                   Participant(3, 12, "attended")], other_than=3)
    {10}
    """
    return {p.actor_id for p in participants if p.status in TOOK_PART and p.consultation_id != other_than}


# -- participation and synthesis -------------------------------------------------------------


@dataclass
class RateRow:
    key: str | None  # a sector or scale key; None when the register does not say
    invited: int = 0  # invitations sent
    attended: int = 0

    @property
    def rate(self) -> float | None:
        return self.attended / self.invited if self.invited else None


def participation(participants: list[Participant], actors: list[Actor], by: str = "sector") -> list[RateRow]:
    """Invitations sent and attendance per sector (or scale), most invited first.

    >>> people = [Actor("A", id=1, sector="academia"), Actor("B", id=2, sector="academia")]
    >>> rows = participation([Participant(1, 1, "attended"), Participant(1, 2, "no_show")], people)
    >>> [(r.key, r.invited, r.attended, r.rate) for r in rows]
    [('academia', 2, 1, 0.5)]
    """
    by_id = {actor.id: actor for actor in actors}
    rows: dict[str | None, RateRow] = {}
    for participant in participants:
        actor = by_id.get(participant.actor_id)
        if actor is None or participant.status not in SENT:
            continue
        key = _value(actor, by)
        row = rows.setdefault(key, RateRow(key))
        row.invited += 1
        row.attended += participant.status == "attended"
    return sorted(rows.values(), key=lambda r: (-r.invited, r.key is None, r.key or ""))


def invited_never_came(participants: list[Participant], actors: list[Actor]) -> list[tuple[Actor, Participant]]:
    """Who was invited and did not come (no answer, confirmed but absent, declined), by status then name."""
    by_id = {actor.id: actor for actor in actors}
    order = {status: position for position, status in enumerate(INVITATION_STATUSES)}
    missing = [
        (by_id[p.actor_id], p)
        for p in participants
        if p.status in ("invited", "confirmed", "declined", "no_show") and p.actor_id in by_id
    ]
    return sorted(missing, key=lambda pair: (order[pair[1].status], fold(pair[0].name)))


@dataclass
class Commitment:
    """What a roadmap milestone needs from a commitment made in a consultation."""

    contribution_id: int | None
    consultation_id: int | None
    consultation_title: str
    title: str  # short, for a milestone's title
    text: str
    owner_id: int | None
    owner: str  # who committed (an actor's name, or empty)
    theme: str
    due_on: date | None


_SENTENCE_END = re.compile(r"(?<=[.;:!?])\s")


def short_title(text: str, limit: int = 90) -> str:
    """The first sentence of a text, cut at a word if still too long.

    >>> short_title("Abrir 40 plazas de práctica. El resto se verá en 2027.")
    'Abrir 40 plazas de práctica.'
    >>> short_title("una frase muy larga " * 10, limit=20)
    'una frase muy larga…'
    """
    first = _SENTENCE_END.split(" ".join(text.split()), maxsplit=1)[0]
    if len(first) <= limit:
        return first
    return first[:limit].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def commitments(consultation: Consultation, contributions: list[Contribution], actors: list[Actor]) -> list[Commitment]:
    """The commitments made and by whom, soonest due first (undated last)."""
    names = {actor.id: actor.name for actor in actors}
    found = [
        Commitment(
            c.id,
            consultation.id,
            consultation.title,
            short_title(c.text),
            c.text,
            c.actor_id,
            names.get(c.actor_id, ""),
            c.theme,
            c.due_on,
        )
        for c in contributions
        if c.type == "commitment"
    ]
    return sorted(found, key=lambda c: (c.due_on is None, c.due_on or date.max, fold(c.owner), c.contribution_id or 0))


def open_questions(contributions: list[Contribution]) -> list[Contribution]:
    """Questions nobody has answered yet."""
    return [c for c in contributions if c.type == "question" and not c.response.strip()]


def keep_informed(participants: list[Participant], contributions: list[Contribution]) -> list[int]:
    """The actors to keep informed of the outcome: everyone invited (whether they came or not)
    and everyone who contributed, in list order.

    >>> keep_informed([Participant(1, 5, "to_invite"), Participant(1, 6, "declined"), Participant(1, 7, "attended")],
    ...               [Contribution(1, "x", actor_id=9), Contribution(1, "y")])
    [6, 7, 9]
    """
    ids = [p.actor_id for p in participants if p.status in SENT]
    ids += [c.actor_id for c in contributions if c.actor_id is not None]
    return list(dict.fromkeys(ids))


@dataclass
class Synthesis:
    consultation: Consultation
    listed: int = 0
    invited: int = 0
    confirmed: int = 0
    attended: int = 0
    by_sector: list[RateRow] = field(default_factory=list)
    by_scale: list[RateRow] = field(default_factory=list)
    never_came: list[tuple[Actor, Participant]] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)  # by theme, then type
    by_theme: Counter = field(default_factory=Counter)
    by_type: Counter = field(default_factory=Counter)
    by_contributor_sector: Counter = field(default_factory=Counter)
    theme_by_type: dict[str, Counter] = field(default_factory=dict)
    commitments: list[Commitment] = field(default_factory=list)
    open_questions: list[Contribution] = field(default_factory=list)

    @property
    def rate(self) -> float | None:
        return self.attended / self.invited if self.invited else None


def synthesis(
    consultation: Consultation, participants: list[Participant], contributions: list[Contribution], actors: list[Actor]
) -> Synthesis:
    """Everything the synthesis shows: participation, absences, contributions, commitments, open questions.

    Pass the participants and contributions of this consultation only.
    """
    by_id = {actor.id: actor for actor in actors}
    type_order = {key: position for position, key in enumerate(CONTRIBUTION_TYPES)}
    result = Synthesis(consultation=consultation, listed=len(participants))
    result.invited = sum(p.status in SENT for p in participants)
    result.confirmed = sum(p.status in STAGE_STATUSES["confirmed"] for p in participants)
    result.attended = sum(p.status == "attended" for p in participants)
    result.by_sector = participation(participants, actors, "sector")
    result.by_scale = participation(participants, actors, "scale")
    result.never_came = invited_never_came(participants, actors)
    result.contributions = sorted(
        contributions, key=lambda c: (fold(c.theme) or "\uffff", type_order.get(c.type, 9), c.id or 0)
    )
    for contribution in contributions:
        result.by_theme[contribution.theme] += 1
        result.by_type[contribution.type] += 1
        actor = by_id.get(contribution.actor_id)
        result.by_contributor_sector[actor.sector if actor else None] += 1
        result.theme_by_type.setdefault(contribution.theme, Counter())[contribution.type] += 1
    result.commitments = commitments(consultation, contributions, actors)
    result.open_questions = open_questions(contributions)
    return result


def contribution_themes(contributions: list[Contribution], actors: list[Actor]) -> list[str]:
    """Themes to offer when noting a contribution: those already used, then the register's."""
    seen: dict[str, str] = {}
    for theme in [c.theme for c in contributions] + [theme for a in actors for theme in a.themes]:
        if theme:
            seen.setdefault(fold(theme), theme)
    return sorted(seen.values(), key=fold)


def participant_rows(participants: list[Participant], actors: list[Actor]) -> list[dict[str, object]]:
    """Rows for the participants table, by actor name."""
    by_id = {actor.id: actor for actor in actors}
    rows = [
        {
            "id": p.id,
            "version": p.version,
            "remove": False,
            "name": by_id[p.actor_id].name,
            "sector": by_id[p.actor_id].sector,
            "scale": by_id[p.actor_id].scale,
            "status": p.status,
            "invited_on": p.invited_on,
            "responded_on": p.responded_on,
            "attended_on": p.attended_on,
            "attendee": p.attendee,
            "notes": p.notes,
        }
        for p in participants
        if p.actor_id in by_id
    ]
    return sorted(rows, key=lambda row: fold(row["name"]))


def contribution_rows(contributions: list[Contribution]) -> list[dict[str, object]]:
    """Rows for the contributions table, newest first."""
    return [
        {
            "id": c.id,
            "version": c.version,
            "delete": False,
            "actor_id": c.actor_id,
            "theme": c.theme,
            "type": c.type,
            "priority": c.priority,
            "text": c.text,
            "due_on": c.due_on,
            "response": c.response,
        }
        for c in sorted(contributions, key=lambda c: -(c.id or 0))
    ]


def _cell(value: object, is_date: bool = False) -> object:
    """A table cell back to a Python value (NaN, NaT and pandas' NA are empty; timestamps are dates).

    A date column that was empty comes back from the browser as text: ``"2026-09-10T00:00:00.000"``.

    >>> _cell("2026-09-10T00:00:00.000", is_date=True), _cell(float("nan"))
    (datetime.date(2026, 9, 10), None)
    """
    value = cell_value(value)
    if isinstance(value, datetime):
        return value.date()
    if is_date and isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10]) if value.strip() else None
        except ValueError:
            return value  # refused with a plain message when saving
    return value


def row_edits(
    before: list[dict[str, object]],
    after: list[dict[str, object]],
    columns: tuple[str, ...],
    remove_column: str,
    dates: tuple[str, ...] = (),
):
    """What the user changed in a table: edits (with the version they saw) and rows marked to remove.

    >>> rows = [{"id": 1, "version": 3, "remove": False, "status": "invited", "notes": ""}]
    >>> edits, gone = row_edits(rows, [{**rows[0], "status": "confirmed"}], ("status", "notes"), "remove")
    >>> [(e.id, e.version, e.changes) for e in edits], gone
    ([(1, 3, {'status': 'confirmed'})], [])
    """
    original = {row["id"]: row for row in before}
    edits, removed = [], []
    for row in after:
        row_id = _cell(row.get("id"))
        if row_id not in original:
            continue
        if _cell(row.get(remove_column)):
            removed.append(row_id)
            continue
        old = original[row_id]
        changes = {}
        for column in columns:
            new_value, old_value = _cell(row.get(column), column in dates), old.get(column)
            if isinstance(old_value, str) and new_value is None:
                new_value = ""
            if new_value != old_value:
                changes[column] = new_value
        if changes:
            edits.append(Edit(id=row_id, version=int(old["version"]), changes=changes))
    return edits, removed


def feedback_audience(consultation: Consultation, actor_ids: list[int], lang: str | None = None) -> Audience:
    """The audience of those to keep informed of a consultation's outcome (see :func:`keep_informed`):
    a segment chosen by hand, high priority, reached by e-mail and the newsletter."""
    title = " ".join(consultation.title.split())
    return Audience(
        name=t("consultations.feedback.audience_name", lang, title=title)[:300],
        kind="segment",
        description=t("consultations.feedback.audience_description", lang, title=title, count=len(actor_ids)),
        priority="high",
        channels=["email", "newsletter"],
    )


# -- the page's small translations -----------------------------------------------------------


def target_choices(sectors: list[str], scales: list[str]) -> list[str]:
    """The options of the minimum-coverage table: every sector, then every scale, as ``dimension:key``.

    >>> target_choices(["academia"], ["local", "international"])
    ['sector:academia', 'scale:local', 'scale:international']
    """
    return [f"sector:{key}" for key in sectors] + [f"scale:{key}" for key in scales]


def target_rows(targets: list[CoverageTarget]) -> list[dict[str, object]]:
    """Rows of the minimum-coverage table.

    >>> target_rows([CoverageTarget("sector", "academia", 2)])
    [{'target': 'sector:academia', 'minimum': 2}]
    """
    return [{"target": f"{x.dimension}:{x.key}", "minimum": x.minimum} for x in targets]


def targets_from_rows(rows: list[dict[str, object]]) -> list[CoverageTarget]:
    """The minimum coverage as edited in its table; a row without a target is left out, an empty
    minimum is 1.

    >>> targets_from_rows([{"target": "scale:local", "minimum": None}, {"target": None, "minimum": 3}])
    [CoverageTarget(dimension='scale', key='local', minimum=1)]
    """
    return [
        CoverageTarget(*str(row["target"]).split(":", 1), int(row["minimum"] or 1))
        for row in rows
        if isinstance(row.get("target"), str)
    ]


def file_stem(title: str) -> str:
    """The start of a consultation's downloads' file names: its title's letters and digits, 40 at most.

    >>> file_stem("Taller: ciudad 2030"), file_stem("¿?")
    ('Taller__ciudad_2030', '__')
    >>> file_stem("")
    'consulta'
    """
    return "".join(ch if ch.isalnum() else "_" for ch in title)[:40] or "consulta"


# -- attendance only after the consultation --------------------------------------------------

ATTENDANCE_STATUSES = frozenset({"attended", "no_show"})  # statuses that say whether someone came
BEFORE_HELD = frozenset({"draft", "convened"})  # a consultation's statuses before it took place


def held_by(starts_on: date | None, today: date) -> bool:
    """Whether a consultation can have taken place by ``today`` (one without a date may have).

    >>> held_by(date(2026, 9, 10), date(2026, 11, 22)), held_by(date(2027, 3, 4), date(2026, 11, 22))
    (True, False)
    >>> held_by(None, date(2026, 11, 22))
    True
    """
    return starts_on is None or starts_on <= today


def attendance_refusal(starts_on: date | None, today: date, status: str | None, on: date | None = None) -> str | None:
    """Why a participant cannot move to ``status`` on day ``on`` (a refusal's reason), or ``None``.

    Whether someone came is known only once the consultation has taken place, and not for a day
    still to come.

    >>> attendance_refusal(date(2027, 3, 4), date(2026, 11, 22), "attended")
    'attendance_before_held'
    >>> attendance_refusal(date(2026, 9, 10), date(2026, 11, 22), "attended", date(2026, 12, 1))
    'attendance_in_future'
    >>> attendance_refusal(date(2027, 3, 4), date(2026, 11, 22), "confirmed") is None
    True
    """
    if status not in ATTENDANCE_STATUSES:
        return None
    if not held_by(starts_on, today):
        return "attendance_before_held"
    if on is not None and on > today:
        return "attendance_in_future"
    return None


def offered_invitation_statuses(starts_on: date | None, today: date) -> list[str]:
    """The invitation statuses a page offers: "attended" and "no show" only once it took place.

    >>> offered_invitation_statuses(date(2027, 3, 4), date(2026, 11, 22))
    ['to_invite', 'invited', 'confirmed', 'declined', 'answered']
    """
    held = held_by(starts_on, today)
    return [s for s in INVITATION_STATUSES if held or s not in ATTENDANCE_STATUSES]


def status_after_attendance(status: str) -> str:
    """A consultation's status once attendance is recorded: one "in preparation" or "convened" was held.

    >>> status_after_attendance("draft"), status_after_attendance("convened"), status_after_attendance("closed")
    ('held', 'held', 'closed')
    """
    return "held" if status in BEFORE_HELD else status


def offered_consultation_statuses(current: str, participants: list[Participant]) -> list[str]:
    """A consultation's statuses a page offers: once someone's attendance is recorded, it took place.

    >>> came = [Participant(consultation_id=1, actor_id=1, status="attended")]
    >>> offered_consultation_statuses("held", came)
    ['held', 'synthesised', 'closed']
    >>> offered_consultation_statuses("draft", [])[:2]
    ['draft', 'convened']
    """
    recorded = any(p.status in ATTENDANCE_STATUSES for p in participants)
    return [s for s in CONSULTATION_STATUSES if s == current or not (recorded and s in BEFORE_HELD)]
