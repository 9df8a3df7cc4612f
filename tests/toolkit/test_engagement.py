"""The actor's whole story worked out with a fixed today: next steps by week, actors nobody has
contacted, the current values from the latest assessment, who moved on the grid and the finding in
words in four languages, relations as of a day."""

from __future__ import annotations

from datetime import date

import pytest

from toolkit.domain import Actor, Assessment, Interaction, Relation
from toolkit.engagement import (
    change_findings,
    current,
    days_since_contact,
    follow_ups,
    kind_label,
    moves,
    not_contacted,
    reason_label,
    relations_as_of,
)
from toolkit.i18n import LANGUAGES

TODAY = date(2026, 11, 22)  # a Sunday: this week ends today


def step(name: str, due: date | None, done: bool = False, who: str = "") -> Interaction:
    return Interaction(
        "call", date(2026, 11, 1), {1: ""}, team_member=who, next_step=name, next_step_due=due, next_step_done=done
    )


def test_next_steps_are_overdue_this_week_or_next_week_and_done_ones_drop_out():
    steps = [
        step("Atrasado", date(2026, 11, 21)),
        step("Hoy", TODAY),
        step("Lunes", date(2026, 11, 23)),
        step("Domingo siguiente", date(2026, 11, 29)),
        step("Más adelante", date(2026, 11, 30)),
        step("Cumplido", date(2026, 11, 1), done=True),
        step("", date(2026, 11, 1)),  # no next step written
        step("Sin fecha", None),
    ]
    found = follow_ups(steps, TODAY)
    assert [i.next_step for i in found.overdue] == ["Atrasado"]
    assert [i.next_step for i in found.this_week] == ["Hoy"]
    assert [i.next_step for i in found.next_week] == ["Lunes", "Domingo siguiente"]
    monday = follow_ups(steps, date(2026, 11, 23))
    assert [i.next_step for i in monday.this_week] == ["Lunes", "Domingo siguiente"]
    assert [i.next_step for i in monday.next_week] == ["Más adelante"]
    mine = follow_ups([step("Mío", TODAY, who="Laura Gómez"), step("Otro", TODAY, who="Andrés")], TODAY, "laura gómez")
    assert [i.next_step for i in mine.this_week] == ["Mío"]


def test_actors_to_manage_closely_or_keep_satisfied_not_contacted_in_n_days():
    close = Actor("Alcaldía", influence=5, interest=5, id=1)
    satisfied = Actor("Gremio", influence=4, interest=2, id=2)
    informed = Actor("Colectivo", influence=2, interest=5, id=3)  # not watched
    recent = Actor("Universidad", influence=5, interest=4, id=4)
    history = [
        Interaction("meeting", date(2026, 8, 1), {1: "", 3: ""}),
        Interaction("call", date(2026, 11, 15), {4: ""}),
        Interaction("call", date(2026, 12, 15), {1: ""}),  # planned: not a contact yet
    ]
    seen = not_contacted([close, satisfied, informed, recent], history, TODAY, days=60)
    assert [(s.actor.name, s.days) for s in seen] == [("Gremio", None), ("Alcaldía", 113)]
    assert days_since_contact([close, satisfied, recent], history, TODAY) == {1: 113, 2: None, 4: 7}


def test_the_current_values_are_the_latest_assessment_else_the_record():
    actor = Actor("Alcaldía", influence=2, interest=2, stance=0, id=1)
    assert current(actor, []) == (2, 2, 0)
    history = [Assessment(1, date(2026, 9, 1), 5, 4, 2, id=2), Assessment(1, date(2026, 3, 1), 3, 3, 0, id=1)]
    assert current(actor, history) == (5, 4, 2)


def test_who_moved_between_two_dates_and_the_finding_in_words():
    a, b, c, d = (Actor(n, id=i) for i, n in enumerate(("Alcaldía", "EAFIT", "Comfama", "ONU-Hábitat"), 1))
    history = [
        Assessment(1, date(2026, 1, 10), 3, 3),
        Assessment(1, date(2026, 5, 2), 5, 5),
        Assessment(2, date(2026, 1, 10), 5, 2),
        Assessment(2, date(2026, 7, 1), 5, 4),
        Assessment(3, date(2026, 1, 10), 2, 2),
        Assessment(3, date(2026, 12, 1), 5, 5),  # after the second day
        Assessment(4, date(2026, 6, 1), 5, 5),  # not assessed on the first day
    ]
    found = moves([a, b, c, d], history, date(2026, 3, 1), TODAY)
    assert [(m.actor.name, m.before, m.after) for m in found] == [
        ("Alcaldía", "monitor", "manage_closely"),
        ("EAFIT", "keep_satisfied", "manage_closely"),
    ]
    assert change_findings(found, date(2026, 3, 1), "es") == [
        "2 actores pasaron a «Gestionar de cerca» desde el 1 de marzo de 2026."
    ]
    assert change_findings(found[:1], date(2026, 3, 1), "es") == [
        "1 actor pasó a «Gestionar de cerca» desde el 1 de marzo de 2026."
    ]
    assert change_findings(found[:1], date(2026, 3, 1), "en")[0].startswith("1 actor moved to")
    assert change_findings([], date(2026, 3, 1), "es") == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_words_exist_in_every_language(lang):
    assert all(kind_label(kind, lang) != f"engagement.kinds.{kind}" for kind in ("meeting", "email", "other"))
    assert reason_label("import", lang) != "import" and reason_label("Nuevo secretario", lang) == "Nuevo secretario"
    moved = moves(
        [Actor("A", id=1)], [Assessment(1, date(2026, 1, 1), 1, 1), Assessment(1, TODAY, 5, 5)], date(2026, 2, 1), TODAY
    )
    (sentence,) = change_findings(moved, date(2026, 2, 1), lang)
    assert "{" not in sentence and "1" in sentence


def test_relations_as_of_a_day_started_on_or_before_it_and_not_ended():
    relations = [
        Relation(1, 2, starts_on=date(2025, 6, 1)),
        Relation(1, 3, starts_on=date(2025, 1, 1), ends_on=date(2026, 3, 31)),
        Relation(2, 3),
    ]
    assert [(r.source, r.target) for r in relations_as_of(relations, date(2025, 3, 1))] == [(1, 3), (2, 3)]
    assert len(relations_as_of(relations, date(2026, 3, 31))) == 3  # the end day still holds
    assert [(r.source, r.target) for r in relations_as_of(relations, TODAY)] == [(1, 2), (2, 3)]


def test_the_gexf_carries_relation_times_for_gephis_timeline():
    import xml.etree.ElementTree as ET

    from toolkit.network import exports
    from toolkit.network.analysis import network_metrics

    actors = [Actor("Alcaldía", id=1), Actor("EAFIT", id=2), Actor("Comfama", id=3)]
    relations = [
        Relation(1, 2, id=10, starts_on=date(2025, 6, 1), ends_on=date(2026, 3, 31)),
        Relation(2, 3, id=11, starts_on=date(2026, 1, 15)),
        Relation(1, 3, id=12),
    ]
    root = ET.fromstring(exports.gexf(actors, relations, network_metrics(actors, relations)))
    ns = {"g": root.tag.split("}")[0].strip("{")}
    graph = root.find("g:graph", ns)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = {
        (e.get("source"), e.get("target")): (e.get("start"), e.get("end")) for e in graph.iter(f"{{{ns['g']}}}edge")
    }
    assert edges == {
        ("1", "2"): ("2025-06-01", "2026-03-31"),
        ("2", "3"): ("2026-01-15", None),
        ("1", "3"): (None, None),
    }
