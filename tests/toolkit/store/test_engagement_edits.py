"""A change of influence, interest or stance in the register's table (and in the record's form,
which saves through the same use case) is kept in the actor's assessment history, dated today,
in the same transaction: nothing is overwritten silently, and a save refused records nothing."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.domain import Actor, Assessment
from toolkit.engagement import reason_label
from toolkit.store import StoreError
from toolkit.store.edits import Edit
from toolkit.store.engagement import list_assessments, record_assessment
from toolkit.store.register import add_actor, list_actors, save_actor_edits
from toolkit.store.workspaces import create_workspace

DAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setenv("HOJA_TODAY", DAY.isoformat())


@pytest.fixture
def workspace(engine):
    return create_workspace(engine, "Registro").id


@pytest.fixture
def alcaldia(engine, workspace):
    return add_actor(engine, workspace, Actor("Alcaldía de Medellín", influence=3, interest=4, stance=1))


def version(engine, workspace, actor_id):
    return next(a.version for a in list_actors(engine, workspace) if a.id == actor_id)


def levels(assessment):
    return assessment.influence, assessment.interest, assessment.stance


def test_an_influence_edited_in_the_table_shows_old_and_new_in_the_history(engine, workspace, alcaldia):
    result = save_actor_edits(engine, workspace, [Edit(alcaldia, 1, {"influence": 5})])
    assert result.ok
    before, after = list_assessments(engine, workspace, alcaldia)
    assert (before.assessed_on, levels(before)) == (DAY, (3, 4, 1))
    assert (after.assessed_on, levels(after), after.reason) == (DAY, (5, 4, 1), "edit")
    assert [reason_label(a.reason, "es") for a in (before, after)] == [
        "Valor que tenía antes del cambio",
        "Cambio en el registro",
    ]
    assert [reason_label(after.reason, lang) for lang in ("en", "pt", "fr")] == [
        "Change in the register",
        "Alteração no cadastro",
        "Modification dans le registre",
    ]


def test_an_actor_with_a_history_gains_one_assessment_per_change(engine, workspace, alcaldia):
    record_assessment(engine, workspace, Assessment(alcaldia, date(2026, 3, 4), 3, 4, 1, "Taller de diagnóstico"))
    save_actor_edits(engine, workspace, [Edit(alcaldia, version(engine, workspace, alcaldia), {"stance": -1})])
    save_actor_edits(engine, workspace, [Edit(alcaldia, version(engine, workspace, alcaldia), {"interest": 2})])
    history = list_assessments(engine, workspace, alcaldia)
    assert [(a.reason, levels(a)) for a in history] == [
        ("Taller de diagnóstico", (3, 4, 1)),
        ("edit", (3, 4, -1)),
        ("edit", (3, 2, -1)),
    ]
    actor = next(a for a in list_actors(engine, workspace) if a.id == alcaldia)
    assert (actor.influence, actor.interest, actor.stance) == (3, 2, -1)


def test_an_actor_never_assessed_records_only_the_new_values(engine, workspace):
    nuevo = add_actor(engine, workspace, Actor("Comfama"))
    save_actor_edits(engine, workspace, [Edit(nuevo, 1, {"influence": 4})])
    (only,) = list_assessments(engine, workspace, nuevo)
    assert (levels(only), only.reason) == ((4, None, None), "edit")


@pytest.mark.parametrize(
    "changes",
    [
        {"notes": "Nueva directora de cooperación", "city": "Medellín"},  # another field
        {"influence": 3, "interest": 4, "stance": 1, "name": "Alcaldía de Medellín"},  # the same values again
    ],
)
def test_an_edit_that_leaves_the_levels_as_they_were_records_nothing(engine, workspace, alcaldia, changes):
    assert save_actor_edits(engine, workspace, [Edit(alcaldia, 1, changes)]).ok
    assert list_assessments(engine, workspace, alcaldia) == []


def test_a_refused_save_records_nothing(engine, workspace, alcaldia):
    otra = add_actor(engine, workspace, Actor("Proantioquia", influence=2, interest=2))
    with pytest.raises(StoreError):  # the second row's level is out of range: nothing is saved
        save_actor_edits(engine, workspace, [Edit(alcaldia, 1, {"influence": 5}), Edit(otra, 1, {"interest": 9})])
    assert list_assessments(engine, workspace) == []
    assert next(a for a in list_actors(engine, workspace) if a.id == alcaldia).influence == 3


def test_a_save_in_conflict_records_nothing(engine, workspace, alcaldia):
    otra = add_actor(engine, workspace, Actor("Proantioquia", influence=2, interest=2))
    save_actor_edits(engine, workspace, [Edit(otra, 1, {"notes": "otra persona la cambió"})])
    result = save_actor_edits(engine, workspace, [Edit(alcaldia, 1, {"influence": 5}), Edit(otra, 1, {"influence": 1})])
    assert result.conflicts == ["Proantioquia"]
    assert list_assessments(engine, workspace) == []
