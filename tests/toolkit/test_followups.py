"""Next steps and silences as the screens show them, with a fixed today (the sample's story day,
a Sunday): whose steps are "mine", one line per step with its actors linked and its lateness,
the silent actors counted and named, the history as table rows and back as edits, the filtered
list as a workbook headed in the reader's language; and the store's filter to open next steps."""

from __future__ import annotations

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from toolkit.access import Person
from toolkit.domain import Actor, Interaction
from toolkit.engagement import Silence, follow_ups, not_contacted
from toolkit.followups import (
    contact_table,
    history_edits,
    history_rows,
    is_mine,
    mine,
    quiet,
    quiet_text,
    silence_table,
    step_lines,
    step_markdown,
)
from toolkit.i18n import LANGUAGES, t
from toolkit.spreadsheets.contacts import history_workbook
from toolkit.store.engagement import InteractionFilter, list_interactions, record_interaction
from toolkit.store.register import list_actors

TODAY = date(2026, 11, 22)
ANDRES = Person(7, "agiraldo", "Andrés Giraldo")


def contact(who: str, step: str = "", due: date | None = None, done: bool = False, **more) -> Interaction:
    return Interaction(
        more.pop("kind", "meeting"),
        more.pop("occurred_on", date(2026, 11, 2)),
        more.pop("actors", {1: "Despacho", 2: ""}),
        team_member=who,
        next_step=step,
        next_step_due=due,
        next_step_done=done,
        **more,
    )


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Andrés Giraldo", True),
        ("andres giraldo", True),  # typed without accents, in lower case
        ("  ANDRÉS   Giraldo ", True),
        ("agiraldo", True),  # the username
        ("Andrés", False),  # a first name alone could be anyone
        ("Laura Restrepo", False),
        ("", False),
    ],
)
def test_a_team_member_is_the_account_by_display_name_or_username(written, expected):
    assert is_mine(written, ANDRES) is expected


def test_an_account_without_names_owns_no_steps_without_a_team_member():
    nameless = Person(8, "", "")
    assert mine([contact(""), contact("Laura")], nameless) == []


def test_my_next_steps_are_only_mine_grouped_by_week():
    history = [
        contact("Andrés Giraldo", "Enviar el acta", date(2026, 11, 20)),
        contact("andres giraldo", "Llamar a la ACI", date(2026, 11, 27)),
        contact("Laura Restrepo", "Visitar EPM", date(2026, 11, 24)),
        contact("agiraldo", "Ya hecho", date(2026, 11, 21), done=True),
    ]
    found = follow_ups(mine(history, ANDRES), TODAY)
    assert [i.next_step for i in found.overdue] == ["Enviar el acta"]
    assert [i.next_step for i in found.next_week] == ["Llamar a la ACI"]
    assert found.this_week == []  # Sunday: this week ends today


def test_a_step_line_names_its_actors_links_them_and_says_how_late_it_is():
    history = [contact("Laura Restrepo", "Enviar el acta", date(2026, 11, 19), id=5)]
    line = step_lines(history, {1: "Alcaldía de Medellín", 2: "ACI"}, TODAY)[0]
    assert line.actors == [(1, "Alcaldía de Medellín"), (2, "ACI")]
    assert line.late_days == 3 and line.who == "Laura Restrepo"
    text = step_markdown(line, "es")
    assert "[Alcaldía de Medellín](actores?actor=1)" in text and "[ACI](actores?actor=2)" in text
    assert t("contacts.steps.late", "es", count=3) in text
    on_time = step_lines([contact("", "Llamar", date(2026, 11, 24))], {1: "A", 2: "B"}, TODAY)[0]
    assert on_time.late_days == 0 and "hace" not in step_markdown(on_time, "es")


def test_a_step_line_shows_hostile_text_inert():
    hostile = contact("**Yo**", "[clic](javascript:alert(1))", date(2026, 11, 24), actors={3: ""})
    text = step_markdown(step_lines([hostile], {3: "<b>ONG</b> [x](http://mal.example)"}, TODAY)[0], "es")
    assert "](javascript" not in text and "](http" not in text
    assert "\\*\\*Yo\\*\\*" in text and "\\<b\\>" in text
    assert "(actores?actor=3)" in text  # the only link is the record's


def test_the_silent_actors_are_counted_and_the_first_named():
    silences = [Silence(Actor(f"Actor {n}", influence=5, interest=5), None, None) for n in range(8)]
    found = quiet(silences)
    assert (found.count, len(found.names), found.others) == (8, 5, 3)
    text = quiet_text(found, 60, "es")
    assert text.startswith("8 actores") and "60 días" in text and "Actor 0" in text and "y 3 más" in text
    assert "Actor 7" not in text
    one = quiet_text(quiet(silences[:1]), 45, "es")
    assert one.startswith("1 actor para") and "lleva 45 días" in one


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_silent_actors_table_says_never_in_every_language(lang):
    actors = [Actor("Gremio", influence=5, interest=2, id=2), Actor("Alcaldía", influence=5, interest=5, id=1)]
    history = [contact("", actors={1: ""}, occurred_on=date(2026, 8, 1))]
    silences = not_contacted(actors, history, TODAY, 60)
    table = silence_table(silences, lang)
    names, quadrants, last, days = table.values()
    assert names == ["Gremio", "Alcaldía"]  # never contacted first
    assert last[0] == days[0] == t("contacts.home.never", lang)
    assert days[1] == "113"
    assert quadrants == [t("quadrants.keep_satisfied", lang), t("quadrants.manage_closely", lang)]


def test_the_history_becomes_rows_and_the_changes_edits_and_deletes():
    history = [
        contact("Laura", "Enviar el acta", date(2026, 11, 20), id=1, version=3, summary="Reunión"),
        contact("Laura", id=2, version=1, summary="Llamada"),
    ]
    rows = history_rows(history, {1: "Alcaldía", 2: "ACI"})
    assert rows[0]["actors"] == "Alcaldía (Despacho); ACI"
    assert rows[0]["version"] == 3 and rows[0]["delete"] is False
    touched = [
        {**rows[0], "next_step_done": True, "next_step_due": "2026-11-30T00:00:00.000", "actors": "otro"},
        {**rows[1], "delete": True},
    ]
    edits, gone = history_edits(rows, touched)
    assert [(e.id, e.version, e.changes) for e in edits] == [
        (1, 3, {"next_step_due": date(2026, 11, 30), "next_step_done": True})  # the actors are not edited here
    ]
    assert gone == [2]


def test_the_contacts_to_read_are_headed_in_the_reader_language():
    table = contact_table([contact("Laura", kind="call")], {1: "Alcaldía", 2: "ACI"}, "en")
    assert list(table) == [
        t(f"contacts.columns.{c}", "en") for c in ("occurred_on", "kind", "actors", "team_member", "summary")
    ]
    assert table[t("contacts.columns.kind", "en")] == ["Call"]


def test_the_workbook_keeps_formulas_as_text_and_heads_in_the_reader_language():
    history = [contact('=HYPERLINK("x")', "Llamar", date(2026, 11, 24), summary="=1+1", campaign_id=9)]
    data = history_workbook(history, {1: "Alcaldía", 2: "ACI"}, {}, {9: "Medellín se conecta"}, "fr")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    header, row = [c.value for c in sheet[1]], [c.value for c in sheet[2]]
    assert sheet.title == t("contacts.history.sheet", "fr")
    assert header[0] == t("contacts.columns.occurred_on", "fr") and header[-1] == t("contacts.columns.campaign", "fr")
    assert row[3] == '=HYPERLINK("x")' and row[4] == "=1+1"
    assert sheet.cell(2, 5).data_type == "s"  # text, never a formula
    assert row[8] == t("common.no", "fr") and row[-1] == "Medellín se conecta"


def test_the_store_filters_to_open_next_steps(engine, sample_id):
    every = list_interactions(engine, sample_id)
    open_ones = list_interactions(engine, sample_id, InteractionFilter(open_steps=True))
    assert open_ones and len(open_ones) < len(every)
    assert all(i.next_step.strip() and not i.next_step_done for i in open_ones)
    assert {i.id for i in every if i.next_step.strip() and not i.next_step_done} == {i.id for i in open_ones}
    actor = list_actors(engine, sample_id)[0].id
    record_interaction(engine, sample_id, Interaction("call", TODAY, {actor: ""}, summary="Sin paso"))
    assert len(list_interactions(engine, sample_id, InteractionFilter(open_steps=True))) == len(open_ones)
    kinds = InteractionFilter(open_steps=True, kinds=("email",), start=date(2026, 11, 1))
    assert all(
        i.kind == "email" and i.occurred_on >= date(2026, 11, 1) for i in list_interactions(engine, sample_id, kinds)
    )
