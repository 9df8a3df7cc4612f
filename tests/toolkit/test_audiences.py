"""Audiences as a team builds them: who a rule takes, what hand adjustments change, where a segment
stands on the power-interest grid, and what reaches whom."""

from __future__ import annotations

import pytest

from toolkit.audiences import (
    channel_matrix,
    engagement,
    message_matrix,
    rule_matches,
    segment_members,
    segment_quadrant,
    segment_size,
    split_lines,
    unreached_priority,
)
from toolkit.domain import Activity, Actor, Audience, AudienceMember, AudienceRule, Campaign

REGISTER = [
    Actor(
        "Universidad EAFIT",
        id=1,
        sector="academia",
        scale="local",
        stance=2,
        influence=3,
        interest=4,
        themes=["innovación", "educación"],
    ),
    Actor(
        "Universidad de Antioquia",
        id=2,
        sector="academia",
        scale="regional",
        stance=1,
        influence=4,
        interest=4,
        themes=["educación", "paz y reconciliación"],
    ),
    Actor(
        "Cámara de Comercio",
        id=3,
        sector="business_association",
        scale="regional",
        stance=0,
        influence=4,
        interest=2,
        themes=["inversión extranjera"],
    ),
    Actor(
        "Mesa de DD. HH. de la Comuna 13",
        id=4,
        sector="community_organisation",
        scale="local",
        stance=-1,
        influence=2,
        interest=5,
        themes=["paz y reconciliación", "turismo"],
    ),
    Actor(
        "AECID",
        id=5,
        sector="cooperation_agency",
        scale="international",
        stance=2,
        influence=4,
        interest=4,
        themes=["paz y reconciliación"],
    ),
    Actor("Periódico comunitario", id=6, themes=["cultura"]),  # sector, stance and levels unknown
]
COMMUNITIES = {1: 0, 2: 0, 3: 1, 4: 2, 5: 0, 6: None}


def names(actors):
    return [a.name for a in actors]


@pytest.mark.parametrize(
    "rule, expected",
    [
        (AudienceRule(sectors=("academia",)), {1, 2}),
        (AudienceRule(sectors=("academia", "cooperation_agency")), {1, 2, 5}),  # any value of one criterion
        (AudienceRule(sectors=("academia",), scales=("regional",)), {2}),  # every criterion given
        (AudienceRule(stances=("ally",)), {1, 5}),
        (AudienceRule(stances=("reluctant", "opponent")), {4}),
        (AudienceRule(quadrants=("manage_closely",)), {2, 5}),
        (AudienceRule(quadrants=("keep_informed",)), {1, 4}),
        (AudienceRule(themes=("Paz y reconciliacion",)), {2, 4, 5}),  # accents and case do not matter
        (AudienceRule(communities=(0,)), {1, 2, 5}),
        (AudienceRule(communities=(0,), themes=("educación",)), {1, 2}),
        (AudienceRule(scales=("international",), stances=("opponent",)), set()),
        (AudienceRule(), set()),  # no criteria: nobody, not everybody
        (AudienceRule(stances=("no_such_stance",)), set()),
    ],
)
def test_a_rule_takes_the_actors_that_meet_every_criterion(rule, expected):
    assert {a.id for a in rule_matches(REGISTER, rule, COMMUNITIES)} == expected


def test_a_community_rule_without_the_map_takes_nobody():
    assert rule_matches(REGISTER, AudienceRule(communities=(0,)), {}) == []


def test_hand_adjustments_add_and_leave_out_actors():
    segment = Audience("Academia aliada", rule=AudienceRule(sectors=("academia",)), id=7)
    adjustments = [
        AudienceMember(7, 2, included=False),
        AudienceMember(7, 4, included=True),
        AudienceMember(8, 1, included=False),
    ]  # another segment's adjustment changes nothing here
    membership = segment_members(segment, REGISTER, adjustments, COMMUNITIES)
    assert names(membership.members) == ["Mesa de DD. HH. de la Comuna 13", "Universidad EAFIT"]
    assert (membership.how(1), membership.how(4), membership.how(2)) == ("rule", "hand", "excluded")
    assert segment_size(segment, membership) == 2


def test_an_actor_added_by_hand_that_the_rule_also_takes_counts_once():
    segment = Audience("Academia", rule=AudienceRule(sectors=("academia",)), id=7)
    membership = segment_members(segment, REGISTER, [AudienceMember(7, 1, included=True)])
    assert [a.id for a in membership.members] == [2, 1]  # by name: "Universidad de Antioquia" first
    assert membership.how(1) == "rule" and not membership.added


def test_a_segment_chosen_by_hand_follows_its_list_only():
    segment = Audience("Concejo", id=3)
    membership = segment_members(segment, REGISTER, [AudienceMember(3, 3), AudienceMember(3, 5)])
    assert {a.id for a in membership.members} == {3, 5}


def test_a_public_outside_the_register_has_an_estimated_size_and_no_members():
    public = Audience(
        "Residentes de la Comuna 13",
        kind="public",
        estimated_size=138_000,
        id=9,
        rule=AudienceRule(sectors=("academia",)),
    )
    membership = segment_members(public, REGISTER, [AudienceMember(9, 1)])
    assert membership.members == [] and segment_size(public, membership) == 138_000


@pytest.mark.parametrize(
    "audience, members, expected",
    [
        (Audience("A"), [REGISTER[1], REGISTER[4]], "manage_closely"),
        (Audience("B"), [REGISTER[0], REGISTER[3]], "keep_informed"),
        (Audience("C"), [REGISTER[0], REGISTER[1]], "manage_closely"),  # medians 3.5 and 4 count as high
        (Audience("D", influence=1, interest=1), [REGISTER[1]], "monitor"),  # the team's estimate wins
        (Audience("E", kind="public", influence=4, interest=2), [], "keep_satisfied"),
        (Audience("F"), [REGISTER[5]], None),  # nobody with known levels
    ],
)
def test_the_segment_quadrant(audience, members, expected):
    assert segment_quadrant(audience, members) == expected


def test_the_engagement_strategy_follows_the_quadrant_and_names_missing_channels():
    plan = engagement(Audience("Cooperantes", channels=["email", "press"]), [REGISTER[1], REGISTER[4]])
    assert plan.quadrant == "manage_closely" and plan.strategy_key == "audiences.strategy.manage_closely"
    assert "bilateral_meetings" in plan.missing and "email" not in plan.missing
    assert engagement(Audience("Sin datos"), []) is None


CHANNELS = ["social_media", "press", "radio", "events", "community_meetings"]


def test_the_channel_matrix_shows_what_reaches_each_audience_and_the_gaps():
    audiences = [
        Audience("Comuna 13", id=1, channels=["radio", "community_meetings"], priority="high"),
        Audience("Academia", id=2, channels=["events"]),
    ]
    campaigns = [
        Campaign("Difusión", id=10, audience_ids=[1], channels=["social_media"]),
        Campaign("Cancelada", id=11, audience_ids=[2], channels=["events"], status="cancelled"),
    ]
    activities = [
        Activity(10, "Encuentro comunitario", channel="community_meetings"),
        Activity(10, "Cuña radial", channel="radio", status="cancelled"),
        Activity(10, "Canal propio", channel="custom_canal_local"),
    ]
    matrix = channel_matrix(audiences, campaigns, activities, CHANNELS)
    assert matrix.columns == [*CHANNELS, "custom_canal_local"]
    states = {c: matrix.cell(1, c).state for c in matrix.columns}
    assert states == {
        "social_media": "reached",
        "press": "",
        "radio": "gap",
        "events": "",
        "community_meetings": "covered",
        "custom_canal_local": "reached",
    }
    assert matrix.cell(1, "community_meetings").campaigns == [10]
    assert matrix.gaps(2) == ["events"]  # the cancelled campaign reaches nobody


def test_the_message_matrix_counts_a_message_written_twice_once():
    audiences = [
        Audience("Concejo", id=1, messages=["La internacionalización es una política de ciudad"]),
        Audience("Cooperantes", id=2, messages=["Medellín coopera"]),
    ]
    campaigns = [
        Campaign(
            "Incidencia",
            id=5,
            audience_ids=[1],
            messages=["La internacionalizacion es una politica de ciudad.", "Otro mensaje"],
        )
    ]
    matrix = message_matrix(audiences, campaigns)
    assert matrix.columns == ["La internacionalización es una política de ciudad", "Medellín coopera", "Otro mensaje"]
    assert matrix.cell(1, matrix.columns[0]).state == "covered"
    assert matrix.cell(1, "Otro mensaje").state == "reached"
    assert matrix.gaps(2) == ["Medellín coopera"]


def test_priority_audiences_no_campaign_reaches():
    audiences = [
        Audience("Pymes exportadoras", kind="public", id=1, priority="high"),
        Audience("Concejo", id=2, priority="high"),
        Audience("Diáspora", id=3, priority="low"),
    ]
    campaigns = [Campaign("Incidencia", audience_ids=[2]), Campaign("Vieja", audience_ids=[1], status="cancelled")]
    assert names(unreached_priority(audiences, campaigns)) == ["Pymes exportadoras"]
    assert unreached_priority(audiences, [*campaigns, Campaign("Nueva", audience_ids=[1], status="planned")]) == []


def test_messages_typed_one_per_line():
    assert split_lines("Uno\n  \n uno \nDos  palabras") == ["Uno", "Dos palabras"]


def test_the_member_list_carries_contact_data_only_where_consent_allows(make_xlsx):
    from datetime import date

    from toolkit.audiences import segment_members
    from toolkit.i18n import t
    from toolkit.spreadsheets.audiences import member_workbook
    from toolkit.spreadsheets.reading import read_workbook

    people = [
        Actor(
            "Universidad EAFIT",
            id=1,
            sector="academia",
            contact_name="Ana Restrepo",
            email="ana@example.org",
            phone="+57 604 000 0000",
            consent="yes",
        ),
        Actor(
            "Universidad de Antioquia",
            id=2,
            sector="academia",
            contact_name="Luis Gómez",
            email="luis@example.org",
            consent="no",
        ),
        Actor('=HYPERLINK("http://x")', id=3, sector="academia", email="nadie@example.org", consent="unknown"),
    ]
    segment = Audience("Academia", rule=AudienceRule(sectors=("academia",)), id=1)
    data = member_workbook(segment, segment_members(segment, people, []), {}, "es", today=date(2026, 11, 22))
    [members, about] = read_workbook(data, "integrantes.xlsx").sheets
    header, *rows = members.rows
    by_name = {row[0]: dict(zip(header, row, strict=False)) for row in rows}
    contact = [t(f"audiences.members.column.{c}") for c in ("contact_name", "contact_role", "email", "phone")]
    assert [by_name["Universidad EAFIT"][c] for c in contact] == [
        "Ana Restrepo",
        None,
        "ana@example.org",
        "+57 604 000 0000",
    ]
    for refused in ("Universidad de Antioquia", '=HYPERLINK("http://x")'):  # no, and unknown: nothing
        assert not any(by_name[refused][c] for c in contact), refused
    assert about.rows[0][0] == "Academia"
