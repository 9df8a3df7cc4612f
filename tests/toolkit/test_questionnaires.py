"""Online questionnaires (issue 18): tokens kept only as hashes, expiry, revocation, reissue, what
answers become (contributions, reported relations, "answered"), sending twice, and a token that
opens its own questionnaire and nothing else."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from toolkit import access, cli
from toolkit.consultations import coverage
from toolkit.domain import Actor, Consultation, CoverageTarget
from toolkit.questionnaires import Question, token_hash
from toolkit.store import StoreError
from toolkit.store.consultations import (
    create_consultation,
    invite_actors,
    list_consultations,
    list_contributions,
    list_participants,
)
from toolkit.store.questionnaires import (
    PER_CLIENT_PER_MINUTE,
    add_question,
    get_questionnaire,
    issue_links,
    list_links,
    list_responses,
    move_question,
    open_link,
    open_questionnaire,
    revoke_link,
    save_answers,
    settle_reported,
)
from toolkit.store.register import add_actor, list_actors, list_relations
from toolkit.store.tables import questionnaire_links
from toolkit.store.workspaces import create_workspace

CLOSES = date(2027, 3, 4)


@pytest.fixture
def fixed_day(monkeypatch):
    """The tests set their own day (not the suite's): the links close on CLOSES."""
    monkeypatch.setenv("HOJA_TODAY", "2027-02-01")


@pytest.fixture
def survey(engine, fixed_day):
    """A workspace with three organisations, a consultation closing on CLOSES with two of them
    listed, and a questionnaire of an open question, a choice and "who do you work with"."""
    workspace_id = create_workspace(engine, "Cali").id
    ids = [
        add_actor(engine, workspace_id, Actor(name, sector=sector, kind="organisation"))
        for name, sector in (("Univalle", "academia"), ("Cámara de Comercio", "private_sector"), ("ONG Río", None))
    ]
    consultation_id = create_consultation(
        engine, workspace_id, Consultation("Encuesta de movilidad", instrument="survey", starts_on=CLOSES)
    )
    invite_actors(engine, workspace_id, consultation_id, ids[:2])
    asked = [
        add_question(
            engine, workspace_id, consultation_id, Question("open", "¿Qué propone?", [], "proposal", "Movilidad")
        ),
        add_question(engine, workspace_id, consultation_id, Question("one_choice", "¿Prioridad?", ["Metro", "Bus"])),
        add_question(engine, workspace_id, consultation_id, Question("ties", "¿Con quién trabaja?")),
    ]
    participants = {p.actor_id: p.id for p in list_participants(engine, workspace_id, consultation_id)}
    return workspace_id, consultation_id, ids, asked, participants


def test_tokens_are_stored_only_as_hashes(engine, survey):
    workspace_id, consultation_id, ids, _, participants = survey
    issued = issue_links(engine, workspace_id, consultation_id)
    assert set(issued.tokens) == set(participants.values())
    with engine.connect() as connection:
        stored = set(connection.execute(select(questionnaire_links.c.token_hash)).scalars())
    tokens = set(issued.tokens.values())
    assert stored == {token_hash(token) for token in tokens}
    assert not stored & tokens  # the token itself is nowhere
    assert all(len(token) >= 40 for token in tokens)  # 32 random bytes
    again = issue_links(engine, workspace_id, consultation_id)  # those holding one keep it
    assert again.tokens == {} and sorted(again.already) == sorted(participants.values())


def test_a_link_opens_until_the_closing_day_then_expires(engine, survey, monkeypatch):
    workspace_id, consultation_id, ids, _, participants = survey
    token = issue_links(engine, workspace_id, consultation_id).tokens[participants[ids[0]]]
    monkeypatch.setenv("HOJA_TODAY", CLOSES.isoformat())
    assert open_questionnaire(engine, token).title == "Encuesta de movilidad"
    monkeypatch.setenv("HOJA_TODAY", "2027-03-05")
    with pytest.raises(StoreError) as refused:
        open_questionnaire(engine, token)
    assert refused.value.reason == "questionnaire_link_expired"
    with pytest.raises(StoreError):
        save_answers(engine, token, {}, finish=True)
    with pytest.raises(StoreError) as refused:  # and no new link for a closed consultation
        issue_links(engine, workspace_id, consultation_id, reissue=True)
    assert refused.value.reason == "questionnaire_closed"


def test_revoked_tampered_and_reissued_links_open_nothing(engine, survey):
    workspace_id, consultation_id, ids, asked, participants = survey
    mine = participants[ids[0]]
    first = issue_links(engine, workspace_id, consultation_id).tokens[mine]
    for bad in (first[:-1] + ("A" if first[-1] != "A" else "B"), "", "x" * 43, "<script>", None):
        with pytest.raises(StoreError) as refused:
            open_questionnaire(engine, bad)
        assert refused.value.reason == "questionnaire_link_invalid"
    second = issue_links(engine, workspace_id, consultation_id, [mine], reissue=True).tokens[mine]
    with pytest.raises(StoreError):
        open_questionnaire(engine, first)  # reissuing invalidates the old one
    assert open_questionnaire(engine, second).personal
    link = next(
        x for x in list_links(engine, workspace_id, consultation_id) if x.participant_id == mine and not x.revoked_at
    )
    revoke_link(engine, workspace_id, link.id)
    with pytest.raises(StoreError) as refused:
        save_answers(engine, second, {asked[0]: "tarde"}, finish=False)
    assert refused.value.reason == "questionnaire_link_invalid"


def test_answers_become_contributions_ties_and_answered_and_sending_twice_updates(engine, survey):
    workspace_id, consultation_id, ids, asked, participants = survey
    token = issue_links(engine, workspace_id, consultation_id).tokens[participants[ids[0]]]
    form = open_questionnaire(engine, token)
    assert ids[0] not in dict(form.actors) and ids[2] in dict(form.actors)  # not oneself; the register's organisations
    ties = [{"actor_id": ids[2], "type": "cooperation"}, {"name": "Colectivo <b>Bici</b>", "type": "cooperation"}]
    saved = save_answers(engine, token, {asked[0]: "Más ciclorrutas", asked[2]: ties}, finish=False)
    assert not saved.finished
    assert list_contributions(engine, workspace_id, consultation_id) == []  # saved, not sent
    assert open_questionnaire(engine, token).answers[asked[0]] == "Más ciclorrutas"  # comes back later

    save_answers(engine, token, {asked[0]: "Más ciclorrutas", asked[1]: "metro", asked[2]: ties}, finish=True)
    said = list_contributions(engine, workspace_id, consultation_id)
    assert [(c.actor_id, c.type, c.theme, c.text) for c in said] == [
        (ids[0], "proposal", "Movilidad", "Más ciclorrutas")
    ]
    status = {p.actor_id: p.status for p in list_participants(engine, workspace_id, consultation_id)}
    assert status[ids[0]] == "answered" and status[ids[1]] == "to_invite"
    reported = [r for r in list_relations(engine, workspace_id) if r.report_status]
    assert [(r.source, r.target, r.reported_by, r.report_status) for r in reported] == [
        (ids[0], ids[2], ids[0], "pending")
    ]
    responses = list_responses(engine, workspace_id, consultation_id)
    assert len(responses) == 1 and responses[0].answers[asked[1]] == "Metro"  # stored as the option reads
    assert responses[0].answers[asked[2]][1]["name"] == "Colectivo <b>Bici</b>"  # as typed, shown escaped

    save_answers(engine, token, {asked[0]: "Ciclorrutas y andenes", asked[2]: []}, finish=True)  # again
    said = list_contributions(engine, workspace_id, consultation_id)
    assert [c.text for c in said] == ["Ciclorrutas y andenes"]  # updated, not duplicated
    assert len(list_responses(engine, workspace_id, consultation_id)) == 1
    assert not [r for r in list_relations(engine, workspace_id) if r.report_status]  # taken back while pending

    actors = list_actors(engine, workspace_id)
    room = coverage(
        list_participants(engine, workspace_id, consultation_id), actors, [CoverageTarget("sector", "academia")]
    )
    assert room["attended"].targets[0].met  # respondents count like attendance


def test_reported_relations_are_confirmed_or_discarded(engine, survey):
    workspace_id, consultation_id, ids, asked, participants = survey
    tokens = issue_links(engine, workspace_id, consultation_id).tokens
    save_answers(engine, tokens[participants[ids[0]]], {asked[2]: [{"actor_id": ids[2], "type": "cooperation"}]}, True)
    save_answers(engine, tokens[participants[ids[1]]], {asked[2]: [{"actor_id": ids[2], "type": "funding"}]}, True)
    first, second = sorted((r for r in list_relations(engine, workspace_id) if r.report_status), key=lambda r: r.source)
    assert settle_reported(engine, workspace_id, [first.id], confirm=True) == 1
    assert settle_reported(engine, workspace_id, [second.id], confirm=False) == 1
    left = [r for r in list_relations(engine, workspace_id) if r.report_status]
    assert [(r.id, r.report_status) for r in left] == [(first.id, "confirmed")]
    save_answers(engine, tokens[participants[ids[0]]], {asked[2]: []}, True)  # a confirmed relation stays
    assert [r.id for r in list_relations(engine, workspace_id) if r.report_status] == [first.id]


def test_answers_are_checked_and_limited(engine, survey):
    workspace_id, consultation_id, ids, asked, participants = survey
    token = issue_links(engine, workspace_id, consultation_id).tokens[participants[ids[0]]]
    for answers, reason in (
        ({asked[0]: "x" * 4001}, "questionnaire_answer_too_long"),
        ({asked[1]: "Tranvía"}, "questionnaire_bad_choice"),
        ({asked[2]: [{"actor_id": 999_999, "type": "cooperation"}]}, "questionnaire_bad_answer"),
        ({asked[2]: [{"actor_id": ids[2], "type": "<script>"}]}, "questionnaire_bad_answer"),
        ({asked[0]: ["not", "text"]}, "questionnaire_bad_answer"),
    ):
        with pytest.raises(StoreError) as refused:
            save_answers(engine, token, answers, finish=True)
        assert refused.value.reason == reason
    save_answers(engine, token, {asked[0]: "Texto\x00 con\x1b control"}, finish=False)
    assert open_questionnaire(engine, token).answers[asked[0]] == "Texto con control"


def test_a_token_opens_only_its_own_questionnaire(engine, survey):
    workspace_id, consultation_id, ids, asked, participants = survey
    token = issue_links(engine, workspace_id, consultation_id).tokens[participants[ids[0]]]
    other_id = create_consultation(engine, workspace_id, Consultation("Otra", instrument="survey", starts_on=CLOSES))
    invite_actors(engine, workspace_id, other_id, [ids[0]])
    theirs = add_question(engine, workspace_id, other_id, Question("open", "¿Otra cosa?", [], "concern"))
    elsewhere = create_workspace(engine, "Bogotá").id
    stranger = add_actor(engine, elsewhere, Actor("Secreto de Bogotá"))
    far_consultation = create_consultation(
        engine, elsewhere, Consultation("Lejos", instrument="survey", starts_on=CLOSES)
    )
    invite_actors(engine, elsewhere, far_consultation, [stranger])
    far_question = add_question(engine, elsewhere, far_consultation, Question("open", "¿Lejos?", [], "proposal"))

    form = open_questionnaire(engine, token)
    assert [q.id for q in form.questions] == asked
    assert "Secreto de Bogotá" not in dict(form.actors).values()
    for foreign in (theirs, far_question):  # another consultation's, another workspace's question ids
        with pytest.raises(StoreError):
            save_answers(engine, token, {foreign: "intrusión"}, finish=True)
    with pytest.raises(StoreError):  # an actor of another workspace as a tie
        save_answers(engine, token, {asked[2]: [{"actor_id": stranger, "type": "cooperation"}]}, finish=True)
    assert list_contributions(engine, workspace_id, other_id) == []
    assert list_contributions(engine, elsewhere, far_consultation) == []


def test_the_participant_side_acts_as_nobody_of_the_team(engine, survey):
    workspace_id, consultation_id, ids, asked, participants = survey
    token = issue_links(engine, workspace_id, consultation_id).tokens[participants[ids[0]]]
    with access.acting_as(access.NOBODY):
        save_answers(engine, token, {asked[0]: "Desde afuera"}, finish=True)
        with pytest.raises(StoreError):  # the token opens nothing of the team's side
            get_questionnaire(engine, workspace_id, consultation_id)
        with pytest.raises(StoreError):
            move_question(engine, workspace_id, asked[0], 1)
    assert [c.text for c in list_contributions(engine, workspace_id, consultation_id)] == ["Desde afuera"]


def test_the_open_link_is_anonymous_and_rate_limited(engine, survey):
    workspace_id, consultation_id, ids, asked, _ = survey
    token = open_link(engine, workspace_id, consultation_id, 500)
    form = open_questionnaire(engine, token, visitor="v0")
    assert not form.personal and form.actors == [] and asked[2] not in [q.id for q in form.questions]
    save_answers(engine, token, {asked[0]: "Primero"}, True, visitor="v0", client="10.0.0.1")
    save_answers(engine, token, {asked[0]: "Primero, corregido"}, True, visitor="v0", client="10.0.0.1")
    said = list_contributions(engine, workspace_id, consultation_id)
    assert [(c.actor_id, c.text) for c in said] == [(None, "Primero, corregido")]
    for n in range(1, PER_CLIENT_PER_MINUTE):
        save_answers(engine, token, {asked[0]: f"Visita {n}"}, True, visitor=f"v{n}", client="10.0.0.1")
    with pytest.raises(StoreError) as refused:
        save_answers(engine, token, {asked[0]: "Una más"}, True, visitor="late", client="10.0.0.1")
    assert refused.value.reason == "questionnaire_busy"
    save_answers(engine, token, {asked[0]: "Otra red"}, True, visitor="other", client="10.0.0.2")
    again = open_link(engine, workspace_id, consultation_id, None)  # a new open link closes the old one
    with pytest.raises(StoreError):
        open_questionnaire(engine, token)
    assert open_questionnaire(engine, again).title == "Encuesta de movilidad"


def test_links_command_writes_one_row_per_participant(engine, survey, tmp_path, capsys):
    workspace_id, consultation_id, ids, _, _ = survey
    url = engine.url.render_as_string(hide_password=False)
    out = tmp_path / "links.xlsx"
    argv = ["links", "--workspace", "Cali", "--consultation", "Encuesta de movilidad", "--out", str(out), "--db", url]
    assert cli.main([*argv, "--base-url", "https://hoja.cali.gov.co/"]) == 0
    rows = list(load_workbook(out).worksheets[0].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == ["Cámara de Comercio", "Univalle"]
    assert all(row[3].startswith("https://hoja.cali.gov.co/?q=") for row in rows[1:])
    assert cli.main(argv) == 0  # everyone already holds a link: none given twice
    assert len(list(load_workbook(out).worksheets[0].iter_rows(values_only=True))) == 1
    assert "2" in capsys.readouterr().out
    assert [c.title for c in list_consultations(engine, workspace_id)] == ["Encuesta de movilidad"]


def test_the_map_tooltip_names_who_reported_a_relation():
    from toolkit.domain import Relation
    from toolkit.network.analysis import network_metrics
    from toolkit.network.presentation import map_labels
    from toolkit.network.view import map_view

    people = [Actor("Univalle <b>", id=1), Actor("ONG Río", id=2)]
    reported = Relation(1, 2, reported_by=1, report_status="pending")
    view = map_view(people, [reported], network_metrics(people, [reported]), {}, map_labels({}))
    assert "Declarada por Univalle <b> en un cuestionario (por confirmar)" in view.edges[0]["tip"]  # plain text
    confirmed = Relation(1, 2, reported_by=1, report_status="confirmed")
    view = map_view(people, [confirmed], network_metrics(people, [confirmed]), {}, map_labels({}))
    assert view.edges[0]["tip"].endswith("Declarada por Univalle <b> en un cuestionario")
