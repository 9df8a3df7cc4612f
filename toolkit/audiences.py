"""Audiences: who a segment takes, where it stands on the power-interest grid, how to engage it,
and what reaches whom (the audience x channel and audience x message matrices).

Pure functions over the register, the segments and the campaigns; nothing here reads or writes
the database. Words shown to users are catalog keys (``audiences.strategy.<quadrant>``...),
filled in by the page.
"""

from __future__ import annotations

import statistics
from collections import Counter
from dataclasses import dataclass, field

from toolkit.actors import ActorFilter, filter_actors
from toolkit.domain import (
    HIGH_LEVEL,
    STANCE_VALUES,
    Activity,
    Actor,
    Audience,
    AudienceMember,
    AudienceRule,
    Campaign,
    quadrant,
)
from toolkit.vocab import fold

# the channels each quadrant is best engaged through, most personal first
STRATEGY_CHANNELS: dict[str, tuple[str, ...]] = {
    "manage_closely": ("bilateral_meetings", "events", "email"),
    "keep_satisfied": ("bilateral_meetings", "email", "newsletter"),
    "keep_informed": ("newsletter", "community_meetings", "social_media", "messaging_apps", "events"),
    "monitor": ("social_media", "website", "press", "radio"),
}
# a campaign in this state no longer reaches anyone
INACTIVE_CAMPAIGN = frozenset({"cancelled"})
INACTIVE_ACTIVITY = frozenset({"cancelled"})


# -- who a segment takes ---------------------------------------------------------------------


def rule_matches(
    actors: list[Actor], rule: AudienceRule, communities: dict[int, int | None] | None = None
) -> list[Actor]:
    """The actors a rule takes: every criterion given must hold; none given takes nobody.

    ``communities``: actor id -> community of the actor map (needed only for a community rule).

    >>> register = [Actor("EAFIT", id=1, sector="academia", themes=["innovación"]),
    ...             Actor("UdeA", id=2, sector="academia"), Actor("EPM", id=3, sector="private_sector")]
    >>> [a.name for a in rule_matches(register, AudienceRule(sectors=("academia",), themes=("innovacion",)))]
    ['EAFIT']
    >>> [a.name for a in rule_matches(register, AudienceRule(communities=(0,)), {2: 0, 3: 1})]
    ['UdeA']
    >>> rule_matches(register, AudienceRule())
    []
    """
    stances = tuple(STANCE_VALUES[s] for s in rule.stances if s in STANCE_VALUES)
    if rule.empty or (rule.stances and not stances):  # only unknown stance words: nobody holds them
        return []
    found = filter_actors(
        actors,
        ActorFilter(
            sectors=rule.sectors, scales=rule.scales, stances=stances, quadrants=rule.quadrants, themes=rule.themes
        ),
    )
    if rule.communities:
        known = communities or {}
        found = [a for a in found if known.get(a.id) is not None and known[a.id] in rule.communities]
    return found


@dataclass
class Membership:
    """Who a segment takes and why: by its rule, added by hand, or left out by hand."""

    members: list[Actor] = field(default_factory=list)  # sorted by name
    by_rule: set[int] = field(default_factory=set)
    added: set[int] = field(default_factory=set)  # by hand, beyond the rule
    excluded: set[int] = field(default_factory=set)  # the rule takes them, the team left them out

    def how(self, actor_id: int) -> str:
        """``"rule"``, ``"hand"`` or ``"excluded"``: why an actor is (or is not) in the segment."""
        if actor_id in self.excluded:
            return "excluded"
        return "hand" if actor_id in self.added else "rule"


def segment_members(
    audience: Audience,
    actors: list[Actor],
    adjustments: list[AudienceMember],
    communities: dict[int, int | None] | None = None,
) -> Membership:
    """The actors of a segment: its rule's matches, plus those added by hand, minus those left out.

    A public outside the register has no members (its size is an estimate).

    >>> register = [Actor("EAFIT", id=1, sector="academia"), Actor("UdeA", id=2, sector="academia"),
    ...             Actor("EPM", id=3, sector="private_sector")]
    >>> segment = Audience("Universidades", rule=AudienceRule(sectors=("academia",)), id=9)
    >>> hand = [AudienceMember(9, 2, included=False), AudienceMember(9, 3, included=True)]
    >>> membership = segment_members(segment, register, hand)
    >>> [a.name for a in membership.members], membership.how(3), membership.how(2)
    (['EAFIT', 'EPM'], 'hand', 'excluded')
    """
    if audience.kind == "public":
        return Membership()
    mine = [m for m in adjustments if m.audience_id == audience.id]
    excluded = {m.actor_id for m in mine if not m.included}
    by_rule = {a.id for a in rule_matches(actors, audience.rule, communities)}
    added = {m.actor_id for m in mine if m.included} - by_rule
    chosen = (by_rule | added) - excluded
    members = sorted((a for a in actors if a.id in chosen), key=lambda a: fold(a.name))
    return Membership(members=members, by_rule=by_rule, added=added & chosen, excluded=excluded & by_rule)


def segment_size(audience: Audience, membership: Membership) -> int | None:
    """How many the audience counts: its members, or a public's estimated size (None if unknown).

    >>> segment_size(Audience("Residentes", kind="public", estimated_size=135000), Membership())
    135000
    """
    if audience.kind == "public":
        return audience.estimated_size
    return len(membership.members)


# -- the power-interest grid and the strategy that follows -----------------------------------


def _level(values: list[int]) -> int:
    return int(statistics.median(values) + 0.5)  # half up: a median of 3.5 counts as high


def segment_quadrant(audience: Audience, members: list[Actor]) -> str | None:
    """The segment's power-interest quadrant: the team's own estimate of its influence and interest
    when given, else the median of its members' (None while neither is known).

    >>> members = [Actor("A", influence=5, interest=4), Actor("B", influence=4, interest=5), Actor("C")]
    >>> segment_quadrant(Audience("Aliados"), members)
    'manage_closely'
    >>> segment_quadrant(Audience("Comuna 13", kind="public", influence=2, interest=5), [])
    'keep_informed'
    >>> segment_quadrant(Audience("Nadie"), []) is None
    True
    """
    if audience.influence is not None and audience.interest is not None:
        return quadrant(audience.influence, audience.interest)
    known = [a for a in members if a.influence is not None and a.interest is not None]
    if not known:
        return None
    influence = audience.influence if audience.influence is not None else _level([a.influence for a in known])
    interest = audience.interest if audience.interest is not None else _level([a.interest for a in known])
    return quadrant(influence, interest)


def quadrant_mix(members: list[Actor]) -> Counter:
    """How many members fall in each quadrant ("" for those whose levels are unknown).

    >>> quadrant_mix([Actor("A", influence=5, interest=5), Actor("B")])
    Counter({'manage_closely': 1, '': 1})
    """
    return Counter(quadrant(a.influence, a.interest) or "" for a in members)


@dataclass(frozen=True)
class Engagement:
    """How to engage a segment: the strategy of its quadrant (catalog key) and the channels that suit it."""

    quadrant: str
    strategy_key: str
    channels: tuple[str, ...]
    missing: tuple[str, ...] = ()  # suitable channels the audience's preferred ones leave out


def engagement(audience: Audience, members: list[Actor]) -> Engagement | None:
    """The engagement strategy that follows from the segment's quadrant (None while unknown).

    >>> plan = engagement(Audience("Cooperantes", influence=5, interest=5, channels=["email"]), [])
    >>> plan.strategy_key, plan.channels[0], plan.missing
    ('audiences.strategy.manage_closely', 'bilateral_meetings', ('bilateral_meetings', 'events'))
    """
    where = segment_quadrant(audience, members)
    if where is None:
        return None
    suitable = STRATEGY_CHANNELS[where]
    return Engagement(
        where, f"audiences.strategy.{where}", suitable, tuple(c for c in suitable if c not in audience.channels)
    )


def is_high(level: int | None) -> bool:
    """A level that counts as high on the grid.

    >>> is_high(4), is_high(3), is_high(None)
    (True, False, False)
    """
    return level is not None and level >= HIGH_LEVEL


# -- what reaches whom -----------------------------------------------------------------------


@dataclass
class MatrixCell:
    campaigns: list[int] = field(default_factory=list)  # campaigns that reach the audience this way
    wanted: bool = False  # a preferred channel, or a key message, of the audience

    @property
    def state(self) -> str:
        """``covered`` (wanted and reached), ``reached`` (reached, not asked for), ``gap`` (wanted,
        not reached) or ``""``."""
        if self.campaigns:
            return "covered" if self.wanted else "reached"
        return "gap" if self.wanted else ""


@dataclass
class Matrix:
    """Audiences (rows, by id) against channels or messages (columns)."""

    rows: list[int]
    columns: list[str]
    cells: dict[tuple[int, str], MatrixCell]

    def cell(self, audience_id: int, column: str) -> MatrixCell:
        return self.cells.get((audience_id, column), MatrixCell())

    def gaps(self, audience_id: int) -> list[str]:
        return [c for c in self.columns if self.cell(audience_id, c).state == "gap"]


def _reaching(campaigns: list[Campaign]) -> dict[int, list[Campaign]]:
    """Audience id -> the campaigns (not cancelled) that target it."""
    reach: dict[int, list[Campaign]] = {}
    for campaign in campaigns:
        if campaign.status in INACTIVE_CAMPAIGN:
            continue
        for audience_id in dict.fromkeys(campaign.audience_ids):
            reach.setdefault(audience_id, []).append(campaign)
    return reach


def campaign_channels(campaign: Campaign, activities: list[Activity]) -> list[str]:
    """The channels a campaign uses: those planned for it and those of its activities (not cancelled).

    >>> campaign_channels(Campaign("C", id=1, channels=["press"]),
    ...                   [Activity(1, "Foro", channel="events"), Activity(2, "Otro", channel="radio")])
    ['press', 'events']
    """
    used = list(campaign.channels)
    used += [
        a.channel
        for a in activities
        if a.campaign_id == campaign.id and a.channel and a.status not in INACTIVE_ACTIVITY
    ]
    return list(dict.fromkeys(used))


def channel_matrix(
    audiences: list[Audience], campaigns: list[Campaign], activities: list[Activity], channels: list[str]
) -> Matrix:
    """Which channels reach each audience (through the campaigns that target it), against the
    channels it prefers. ``channels``: the workspace's channel keys, in display order.

    >>> audiences = [Audience("Prensa", id=1, channels=["press", "radio"])]
    >>> matrix = channel_matrix(audiences, [Campaign("C", id=5, audience_ids=[1], channels=["press", "tv"])], [],
    ...                         ["press", "radio", "tv", "website"])
    >>> [matrix.cell(1, c).state for c in matrix.columns]
    ['covered', 'gap', 'reached', '']
    """
    reach = _reaching(campaigns)
    used = {c.id: campaign_channels(c, activities) for c in campaigns}
    extra = [c for a in audiences for c in a.channels if c not in channels]
    extra += [c for cs in used.values() for c in cs if c not in channels]
    columns = [*channels, *dict.fromkeys(extra)]
    cells: dict[tuple[int, str], MatrixCell] = {}
    for audience in audiences:
        for channel in columns:
            cell = MatrixCell(wanted=channel in audience.channels)
            cell.campaigns = [c.id for c in reach.get(audience.id, []) if channel in used[c.id]]
            if cell.campaigns or cell.wanted:
                cells[(audience.id, channel)] = cell
    return Matrix(rows=[a.id for a in audiences], columns=columns, cells=cells)


def message_matrix(audiences: list[Audience], campaigns: list[Campaign]) -> Matrix:
    """Which messages reach each audience: the campaigns' messages and the audiences' key messages
    (the same words written twice count once), against the messages each audience needs to hear.

    >>> audiences = [Audience("Cooperantes", id=1, messages=["Medellín coopera"]), Audience("Prensa", id=2)]
    >>> matrix = message_matrix(audiences, [Campaign("C", id=5, audience_ids=[2], messages=["Medellín coopera."])])
    >>> matrix.columns, matrix.cell(1, "Medellín coopera").state, matrix.cell(2, "Medellín coopera").state
    (['Medellín coopera'], 'gap', 'reached')
    """
    reach = _reaching(campaigns)
    spelled: dict[str, str] = {}  # folded -> first spelling
    for text in [m for a in audiences for m in a.messages] + [m for c in campaigns for m in c.messages]:
        if text.strip():
            spelled.setdefault(fold(text), text.strip())
    cells: dict[tuple[int, str], MatrixCell] = {}
    for audience in audiences:
        wanted = {fold(m) for m in audience.messages}
        for key, column in spelled.items():
            cell = MatrixCell(wanted=key in wanted)
            cell.campaigns = [c.id for c in reach.get(audience.id, []) if key in {fold(m) for m in c.messages}]
            if cell.campaigns or cell.wanted:
                cells[(audience.id, column)] = cell
    return Matrix(rows=[a.id for a in audiences], columns=list(spelled.values()), cells=cells)


def unreached_priority(audiences: list[Audience], campaigns: list[Campaign]) -> list[Audience]:
    """High-priority audiences that no campaign (cancelled ones aside) targets yet.

    >>> audiences = [Audience("A", id=1, priority="high"), Audience("B", id=2, priority="high"),
    ...              Audience("C", id=3, priority="low")]
    >>> [a.name for a in unreached_priority(audiences, [Campaign("X", audience_ids=[1]),
    ...                                                 Campaign("Y", audience_ids=[2], status="cancelled")])]
    ['B']
    """
    reach = _reaching(campaigns)
    return [a for a in audiences if a.priority == "high" and not reach.get(a.id)]


def reaching_campaigns(audience: Audience, campaigns: list[Campaign]) -> list[Campaign]:
    """The campaigns (not cancelled) that target an audience."""
    return _reaching(campaigns).get(audience.id, [])


# -- tables ----------------------------------------------------------------------------------


def audience_rows(
    audiences: list[Audience], memberships: dict[int, Membership], campaigns: list[Campaign]
) -> list[dict[str, object]]:
    """One line per audience for the overview table (keys stay keys; the page shows labels)."""
    reach = _reaching(campaigns)
    rows = []
    for audience in audiences:
        membership = memberships.get(audience.id, Membership())
        rows.append(
            {
                "id": audience.id,
                "name": audience.name,
                "kind": audience.kind,
                "priority": audience.priority,
                "size": segment_size(audience, membership),
                "quadrant": segment_quadrant(audience, membership.members),
                "campaigns": len(reach.get(audience.id, [])),
            }
        )
    return rows


def addable(actors: list[Actor], membership: Membership) -> list[Actor]:
    """The register's actors a segment does not take (those a person may add by hand), by name.

    >>> register = [Actor("udea", id=2), Actor("EAFIT", id=1), Actor("EPM", id=3)]
    >>> [a.name for a in addable(register, Membership(members=[register[2]]))]
    ['EAFIT', 'udea']
    """
    taken = {a.id for a in membership.members}
    return sorted((a for a in actors if a.id not in taken), key=lambda a: a.name.casefold())


def adjusted(membership: Membership, names: dict[int, str]) -> list[int]:
    """The actors added or left out by hand (whose adjustment a person may undo), by name.

    >>> adjusted(Membership(added={3}, excluded={1}), {1: "UdeA", 3: "eafit"})
    [3, 1]
    """
    return sorted(membership.added | membership.excluded, key=lambda i: names.get(i, "").casefold())


def file_stem(name: str) -> str:
    """An audience's name as the start of a file name: letters and digits kept, the rest ``_``.

    >>> file_stem("Pymes / Antioquia"), file_stem("")
    ('Pymes___Antioquia', 'audiencia')
    """
    return "".join(ch if ch.isalnum() else "_" for ch in name)[:40] or "audiencia"


def split_lines(text: str) -> list[str]:
    """Messages typed one per line, blank lines and repeats left out.

    >>> split_lines(" Medellín coopera \\n\\nLa paz se construye en los barrios\\nmedellín coopera")
    ['Medellín coopera', 'La paz se construye en los barrios']
    """
    seen: dict[str, str] = {}
    for line in str(text or "").splitlines():
        line = " ".join(line.split())
        if line:
            seen.setdefault(fold(line), line)
    return list(seen.values())


def offered_communities(communities: dict[int, int | None], limit: int) -> tuple[list[int], int]:
    """The map's communities a rule offers, by number: every one while there are at most ``limit``,
    else the ``limit`` largest; and how many are left out (a sparse register of 20,000 actors has
    thousands of communities, most of one or two actors, whom a person adds by hand).

    >>> offered_communities({1: 0, 2: 0, 3: 0, 4: 1, 5: 1, 6: 2, 7: 3, 8: None}, limit=2)
    ([0, 1], 2)
    >>> offered_communities({1: 0, 2: 1}, limit=2)
    ([0, 1], 0)
    """
    sizes = Counter(c for c in communities.values() if c is not None)
    largest = sorted(sizes, key=lambda c: (-sizes[c], c))
    return sorted(largest[:limit]), max(0, len(largest) - limit)
