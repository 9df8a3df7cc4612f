"""The audience use cases: one transaction each, plain refusals, nothing half-written."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from toolkit.domain import Actor, Audience, AudienceRule, Campaign
from toolkit.store import StoreError
from toolkit.store.audiences import (
    adjust_members,
    create_audience,
    delete_audience,
    list_audience_members,
    list_audiences,
    update_audience,
    validate_audience,
)
from toolkit.store.campaigns import create_campaign, list_campaigns
from toolkit.store.register import add_actor, delete_actors
from toolkit.store.tables import audience_members, audiences
from toolkit.store.workspaces import create_workspace, delete_workspace, revision


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Audiencias").id


@pytest.fixture
def actors(engine, workspace):
    return [
        add_actor(engine, workspace, Actor(name, sector=sector))
        for name, sector in (
            ("Universidad EAFIT", "academia"),
            ("Concejo de Medellín", "local_government"),
            ("AECID", None),
        )
    ]


def count(engine, table) -> int:
    with engine.connect() as connection:
        return connection.execute(select(func.count()).select_from(table)).scalar()


def test_an_audience_keeps_its_rule_profile_and_hand_picked_actors(engine, workspace, actors):
    rule = AudienceRule(sectors=("academia",), stances=("ally",), communities=(2,))
    new_id = create_audience(
        engine,
        workspace,
        Audience(
            "  Universidades   aliadas ",
            rule=rule,
            priority="high",
            messages=["Medellín coopera", " ", "Medellín coopera"],
            channels=["events", "email"],
            knowledge="Conocen la ACI",
            influence=4,
        ),
        actor_ids=[actors[1], actors[1]],
    )
    [stored] = list_audiences(engine, workspace)
    assert (stored.id, stored.name, stored.rule, stored.priority) == (new_id, "Universidades aliadas", rule, "high")
    assert (stored.messages, stored.channels, stored.knowledge, stored.influence) == (
        ["Medellín coopera"],
        ["events", "email"],
        "Conocen la ACI",
        4,
    )
    assert [(m.actor_id, m.included) for m in list_audience_members(engine, workspace)] == [(actors[1], True)]


def test_a_public_outside_the_register_keeps_its_size_and_no_rule(engine, workspace, actors):
    create_audience(
        engine,
        workspace,
        Audience(
            "Residentes de la Comuna 13", kind="public", estimated_size=138000, rule=AudienceRule(sectors=("academia",))
        ),
        actor_ids=[actors[0]],
    )
    [stored] = list_audiences(engine, workspace)
    assert stored.estimated_size == 138000 and stored.rule.empty
    assert list_audience_members(engine, workspace) == []
    with pytest.raises(StoreError) as refused:
        adjust_members(engine, workspace, stored.id, add=[actors[0]])
    assert refused.value.reason == "public_has_no_members"


@pytest.mark.parametrize(
    "values, reason",
    [
        ({"name": "  "}, "name_required"),
        ({"name": "x" * 301}, "name_too_long"),
        ({"kind": "crowd"}, "bad_kind"),
        ({"priority": "urgent"}, "bad_priority"),
        ({"estimated_size": -5}, "bad_size"),
        ({"estimated_size": 2.5}, "bad_size"),
        ({"influence": 6}, "level_out_of_range"),
        ({"interest": "mucho"}, "level_out_of_range"),
        ({"rule": AudienceRule(stances=("enemy",))}, "bad_rule"),
        ({"rule": AudienceRule(quadrants=("centre",))}, "bad_rule"),
    ],
)
def test_bad_values_are_refused_with_a_reason(values, reason):
    with pytest.raises(StoreError) as refused:
        validate_audience({"name": "Prensa", **values})
    assert refused.value.reason == reason


def test_a_refused_audience_stores_nothing(engine, workspace, actors):
    before = revision(engine, workspace)
    with pytest.raises(StoreError) as refused:
        create_audience(engine, workspace, Audience("Concejo"), actor_ids=[actors[0], 99_999])
    assert refused.value.reason == "actor_not_found"
    with pytest.raises(StoreError):
        create_audience(engine, workspace, Audience("Concejo", priority="urgent"))
    assert count(engine, audiences) == 0 and count(engine, audience_members) == 0
    assert revision(engine, workspace) == before


def test_a_second_save_over_the_same_audience_is_refused_not_lost(engine, workspace):
    create_audience(engine, workspace, Audience("Prensa"))
    [seen] = list_audiences(engine, workspace)
    update_audience(engine, workspace, Audience(**{**vars(seen), "attitude": "Favorable"}))
    with pytest.raises(StoreError) as refused:
        update_audience(engine, workspace, Audience(**{**vars(seen), "attitude": "Escéptica"}))
    assert refused.value.reason == "audience_changed"
    [now] = list_audiences(engine, workspace)
    assert now.attitude == "Favorable" and now.version == 2


def test_hand_adjustments_add_exclude_and_clear(engine, workspace, actors):
    audience_id = create_audience(engine, workspace, Audience("Academia", rule=AudienceRule(sectors=("academia",))))
    adjust_members(engine, workspace, audience_id, add=[actors[1]], exclude=[actors[0]])
    assert {(m.actor_id, m.included) for m in list_audience_members(engine, workspace)} == {
        (actors[1], True),
        (actors[0], False),
    }
    adjust_members(engine, workspace, audience_id, add=[actors[0]])  # the later adjustment replaces the earlier
    assert {(m.actor_id, m.included) for m in list_audience_members(engine, workspace)} == {
        (actors[1], True),
        (actors[0], True),
    }
    result = adjust_members(engine, workspace, audience_id, clear=[actors[0], actors[2]])
    assert result.cleared == 1
    assert [m.actor_id for m in list_audience_members(engine, workspace)] == [actors[1]]
    with pytest.raises(StoreError) as refused:
        adjust_members(engine, workspace, audience_id, add=[actors[2]], exclude=[actors[2]])
    assert refused.value.reason == "add_and_exclude"


def test_deleting_an_actor_takes_it_out_of_every_segment(engine, workspace, actors):
    audience_id = create_audience(engine, workspace, Audience("Concejo"), actor_ids=actors[:2])
    delete_actors(engine, workspace, [actors[1]])
    assert [m.actor_id for m in list_audience_members(engine, workspace)] == [actors[0]]
    delete_audience(engine, workspace, audience_id)
    assert count(engine, audience_members) == 0


def test_deleting_an_audience_untargets_it_but_keeps_the_campaign(engine, workspace):
    kept = create_audience(engine, workspace, Audience("Academia"))
    gone = create_audience(engine, workspace, Audience("Concejo"))
    create_campaign(engine, workspace, Campaign("Incidencia", type="advocacy", audience_ids=[gone, kept]))
    delete_audience(engine, workspace, gone)
    [campaign] = list_campaigns(engine, workspace)
    assert campaign.audience_ids == [kept]
    with pytest.raises(StoreError) as refused:
        delete_audience(engine, workspace, gone)
    assert refused.value.reason == "audience_not_found"


def test_another_workspace_cannot_touch_an_audience(engine, workspace, actors):
    audience_id = create_audience(engine, workspace, Audience("Prensa"))
    other = create_workspace(engine, "Otra").id
    for attempt in (
        lambda: delete_audience(engine, other, audience_id),
        lambda: adjust_members(engine, other, audience_id, add=[actors[0]]),
    ):
        with pytest.raises(StoreError) as refused:
            attempt()
        assert refused.value.reason in ("audience_not_found", "actor_not_found")
    assert len(list_audiences(engine, workspace)) == 1


def test_every_write_bumps_the_revision_and_deleting_the_workspace_deletes_its_audiences(engine, workspace, actors):
    seen = [revision(engine, workspace)]
    audience_id = create_audience(engine, workspace, Audience("Prensa"))
    seen.append(revision(engine, workspace))
    adjust_members(engine, workspace, audience_id, add=[actors[0]])
    seen.append(revision(engine, workspace))
    [audience] = list_audiences(engine, workspace)
    update_audience(engine, workspace, Audience(**{**vars(audience), "needs": "Datos"}))
    seen.append(revision(engine, workspace))
    assert seen == sorted(set(seen))
    delete_workspace(engine, workspace)
    assert count(engine, audiences) == 0 and count(engine, audience_members) == 0
