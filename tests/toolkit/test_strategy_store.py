"""The strategy analysis in the store, on SQLite and PostgreSQL: objectives, the positions and
influence grids saved all or nothing, dated salience judgements, SDG tags, and what a viewer may
not change."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit import access
from toolkit.domain import Actor, Campaign
from toolkit.store import StoreError
from toolkit.store.accounts import create_user, set_member, sign_in
from toolkit.store.campaigns import create_campaign
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, delete_actors
from toolkit.store.strategy import (
    add_objective,
    current_salience,
    list_influences,
    list_objectives,
    list_positions,
    list_salience,
    list_sdg_tags,
    record_salience,
    replace_influences,
    save_influence_edits,
    save_objective_edits,
    save_position_edits,
    set_sdg_tags,
)
from toolkit.store.workspaces import create_workspace
from toolkit.strategy import Objective, SalienceJudgement


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Estrategia").id


@pytest.fixture
def people(engine, workspace):
    return [add_actor(engine, workspace, Actor(name)) for name in ("Alcaldía", "ACI Medellín", "Proantioquia")]


def test_objectives_keep_their_order_and_edits(engine, workspace):
    first = add_objective(engine, workspace, Objective("Atraer cooperación técnica"))
    second = add_objective(engine, workspace, Objective("Posicionar a Medellín", phase="mapping"))
    assert [(o.title, o.position) for o in list_objectives(engine, workspace)] == [
        ("Atraer cooperación técnica", 1),
        ("Posicionar a Medellín", 2),
    ]
    result = save_objective_edits(engine, workspace, [Edit(first, 1, {"title": "Atraer cooperación"})], [second])
    assert result.ok and result.deleted == 1
    assert [o.title for o in list_objectives(engine, workspace)] == ["Atraer cooperación"]
    with pytest.raises(StoreError, match="strategy_title_required"):
        add_objective(engine, workspace, Objective("  "))


def test_a_position_out_of_range_saves_nothing_of_the_grid(engine, workspace, people):
    objective = add_objective(engine, workspace, Objective("Atraer cooperación"))
    alcaldia, aci, _ = people
    save_position_edits(engine, workspace, [Edit(alcaldia, 0, {objective: 3}), Edit(aci, 0, {objective: -1})])
    assert list_positions(engine, workspace) == {(alcaldia, objective): 3, (aci, objective): -1}
    with pytest.raises(StoreError, match="strategy_position_range"):
        save_position_edits(engine, workspace, [Edit(alcaldia, 0, {objective: 1}), Edit(aci, 0, {objective: 5})])
    assert list_positions(engine, workspace) == {(alcaldia, objective): 3, (aci, objective): -1}
    save_position_edits(engine, workspace, [Edit(aci, 0, {objective: None})])
    assert list_positions(engine, workspace) == {(alcaldia, objective): 3}


def test_influences_are_zero_to_four_and_the_proposal_replaces_them(engine, workspace, people):
    alcaldia, aci, pro = people
    save_influence_edits(engine, workspace, [Edit(alcaldia, 0, {aci: 4, pro: 2})])
    assert list_influences(engine, workspace) == {(alcaldia, aci): 4, (alcaldia, pro): 2}
    with pytest.raises(StoreError, match="strategy_influence_range"):
        save_influence_edits(engine, workspace, [Edit(aci, 0, {pro: 5})])
    save_influence_edits(engine, workspace, [Edit(alcaldia, 0, {aci: 0})])  # a zero is no influence
    assert list_influences(engine, workspace) == {(alcaldia, pro): 2}
    replace_influences(engine, workspace, {(pro, aci): 1})
    assert list_influences(engine, workspace) == {(pro, aci): 1}


def test_another_workspaces_actor_is_refused(engine, workspace, people):
    other = create_workspace(engine, "Otra").id
    stranger = add_actor(engine, other, Actor("Ajeno"))
    with pytest.raises(StoreError, match="strategy_actor_not_found"):
        save_influence_edits(engine, workspace, [Edit(people[0], 0, {stranger: 2})])


def test_salience_is_dated_and_the_latest_is_current(engine, workspace, people):
    alcaldia = people[0]
    record_salience(engine, workspace, SalienceJudgement(alcaldia, date(2026, 3, 1), 5, 5, 2, "Inicio"))
    record_salience(engine, workspace, SalienceJudgement(alcaldia, date(2026, 10, 1), 5, 5, 4, "Elecciones"))
    history = list_salience(engine, workspace, alcaldia)
    assert [j.urgency for j in history] == [2, 4]
    assert current_salience(engine, workspace)[alcaldia].reason == "Elecciones"
    with pytest.raises(StoreError, match="salience_range"):
        record_salience(engine, workspace, SalienceJudgement(alcaldia, date(2026, 10, 2), 6))


def test_sdg_tags_replace_and_leave_out_deleted_items(engine, workspace, people):
    campaign = create_campaign(engine, workspace, Campaign("Medellín ciudad de la innovación"))
    assert set_sdg_tags(engine, workspace, "actors", people[0], [11, 17, 11]) == [11, 17]
    set_sdg_tags(engine, workspace, "campaigns", campaign, ["9"])
    set_sdg_tags(engine, workspace, "actors", people[1], [4])
    delete_actors(engine, workspace, [people[1]])
    assert list_sdg_tags(engine, workspace) == {("actors", people[0]): [11, 17], ("campaigns", campaign): [9]}
    with pytest.raises(StoreError, match="sdg_unknown"):
        set_sdg_tags(engine, workspace, "actors", people[0], [18])


def test_deleting_an_actor_deletes_its_positions_and_influences(engine, workspace, people):
    objective = add_objective(engine, workspace, Objective("Atraer cooperación"))
    alcaldia, aci, _ = people
    save_position_edits(engine, workspace, [Edit(aci, 0, {objective: 2})])
    save_influence_edits(engine, workspace, [Edit(alcaldia, 0, {aci: 3})])
    delete_actors(engine, workspace, [aci])
    assert list_positions(engine, workspace) == {} and list_influences(engine, workspace) == {}


def test_a_viewer_reads_but_may_not_change(engine, workspace, people):
    objective = add_objective(engine, workspace, Objective("Atraer cooperación"))
    create_user(engine, "luis@medellin.gov.co", "una clave larga y segura 2026", "Luis")
    set_member(engine, workspace, "luis@medellin.gov.co", "viewer")
    luis = sign_in(engine, "luis@medellin.gov.co", "una clave larga y segura 2026")
    with access.acting_as(luis):
        assert [o.id for o in list_objectives(engine, workspace)] == [objective]
        with pytest.raises(StoreError, match="not_allowed"):
            save_position_edits(engine, workspace, [Edit(people[0], 0, {objective: 1})])
