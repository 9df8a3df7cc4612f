"""The backup carries everything a workspace holds besides the register's own sheets: the map's
layout, saved views and stories, questionnaires with their questions, responses and answers, the
territory's districts. Backup -> restore into a new workspace -> backup again gives the same
sheets; old answer links do not open the copy; an older backup without these sheets still
restores; a slide naming no view restores nothing. On SQLite and PostgreSQL."""

import io

import pytest
from openpyxl import load_workbook

from toolkit.backup import restore_backup, workspace_backup
from toolkit.backup_tables import LONG, SHEETS
from toolkit.domain import Consultation
from toolkit.network.saved_view import ViewSpec
from toolkit.questionnaires import Question
from toolkit.store.consultations import create_consultation, invite_actors, list_participants
from toolkit.store.maps import save_layout
from toolkit.store.places import districts_map
from toolkit.store.questionnaires import (
    add_question,
    issue_links,
    list_links,
    list_responses,
    open_questionnaire,
    save_answers,
)
from toolkit.store.register import list_actors
from toolkit.store.stories import list_stories, list_views, save_view
from toolkit.store.workspaces import find_workspace


@pytest.fixture
def full(engine, sample_id, monkeypatch):
    """The sample with a map layout, a view naming actors, and a questionnaire answered by one
    participant (a proposal and "who we work with")."""
    monkeypatch.setenv("HOJA_TODAY", "2026-11-22")
    actors = sorted(list_actors(engine, sample_id), key=lambda a: a.id)[:3]
    ids = [a.id for a in actors]
    save_layout(engine, sample_id, "force", {ids[0]: (1.0, 2.0), ids[1]: (3.5, -4.0)})
    save_view(engine, sample_id, "Aliados", "", ViewSpec(highlight=ids[1], path=(ids[1], ids[2]), positions={}))
    consultation_id = create_consultation(
        engine, sample_id, Consultation("Encuesta de cooperación", instrument="survey")
    )
    invite_actors(engine, sample_id, consultation_id, ids[:2])
    asked = [
        add_question(engine, sample_id, consultation_id, Question("open", "¿Qué propone?", [], "proposal", "Agua")),
        add_question(engine, sample_id, consultation_id, Question("ties", "¿Con quién trabaja?")),
    ]
    participant = {p.actor_id: p.id for p in list_participants(engine, sample_id, consultation_id)}
    token = issue_links(engine, sample_id, consultation_id).tokens[participant[ids[0]]]
    ties = [{"actor_id": ids[2], "type": "cooperation"}, {"name": "Colectivo Río", "type": "cooperation"}]
    save_answers(engine, token, {asked[0]: "Más agua potable", asked[1]: ties}, finish=True)
    return sample_id, consultation_id, token


def sheets(data: bytes) -> dict[str, list[tuple]]:
    book = load_workbook(io.BytesIO(data), read_only=True)
    return {name: [tuple(r) for r in book[name].iter_rows(values_only=True)] for name in (*SHEETS, LONG)}


def test_everything_the_workspace_holds_comes_back(engine, full):
    sample_id, _, token = full
    before = sheets(workspace_backup(engine, sample_id))
    for name in SHEETS:  # each of them has something to carry
        assert len(before[name]) > 1, name
    outcome = restore_backup(engine, workspace_backup(engine, sample_id), "copia.xlsx", new_workspace_name="Copia")
    assert outcome.ok, outcome.problems
    copy = outcome.workspace_id
    assert sheets(workspace_backup(engine, copy)) == before  # same rows, same numbers: same content
    assert districts_map(engine, copy) == districts_map(engine, sample_id)
    assert [s.title for s in list_stories(engine, copy)] == [s.title for s in list_stories(engine, sample_id)]
    names = {a.id: a.name for a in list_actors(engine, copy)}
    view = next(v for v in list_views(engine, copy) if v.title == "Aliados")
    original = next(v for v in list_views(engine, sample_id) if v.title == "Aliados")
    was = {a.id: a.name for a in list_actors(engine, sample_id)}
    assert names[view.spec.highlight] == was[original.spec.highlight]  # the copy's own actor
    [response] = list_responses(engine, copy, find_consultation(engine, copy))
    tie = next(v for v in response.answers.values() if isinstance(v, list))[0]
    assert tie["actor_id"] in names  # an actor of the copy, not of the original


def find_consultation(engine, workspace_id):
    from toolkit.store.consultations import list_consultations

    return next(c.id for c in list_consultations(engine, workspace_id) if c.title == "Encuesta de cooperación")


def answers(engine, workspace_id) -> list:
    return [r.answers for r in list_responses(engine, workspace_id, find_consultation(engine, workspace_id))]


def test_old_links_keep_answering_the_original_not_the_copy(engine, full):
    sample_id, _, token = full
    outcome = restore_backup(engine, workspace_backup(engine, sample_id), "copia.xlsx", new_workspace_name="Copia")
    assert outcome.ok, outcome.problems
    copy = outcome.workspace_id
    assert list_links(engine, copy, find_consultation(engine, copy)) == []  # the copy's team sends its own
    kept = answers(engine, copy)
    asked = open_questionnaire(engine, token).questions[0].id
    save_answers(engine, token, {asked: "Otra propuesta"}, finish=True)  # the participant answers again
    assert "Otra propuesta" in answers(engine, sample_id)[0].values()
    assert answers(engine, copy) == kept


def test_a_text_longer_than_a_cell_comes_back_whole():
    from toolkit.backup_tables import backup_sheets, parse_backup

    geojson = '{"type": "FeatureCollection", "features": []}' + " " * 70_000 + "fin"
    row = {"id": 3, "name_property": "nombre", "file_name": "comunas.geojson", "geojson": geojson, "saved_at": None}
    written = {spec.name: [spec.headers, *spec.rows] for spec in backup_sheets({"districts_maps": [row]}, {})}
    assert len(written[LONG]) == 4  # the header and three parts
    [(_, _, values)] = parse_backup(written).rows["districts_maps"]
    assert values["geojson"] == geojson


def test_a_backup_older_than_these_sheets_still_restores(engine, sample_id):
    book = load_workbook(io.BytesIO(workspace_backup(engine, sample_id)))
    for name in (*SHEETS, LONG):
        del book[name]
    out = io.BytesIO()
    book.save(out)
    outcome = restore_backup(engine, out.getvalue(), "antigua.xlsx", new_workspace_name="Antigua")
    assert outcome.ok, outcome.problems
    assert list_stories(engine, outcome.workspace_id) == [] and districts_map(engine, outcome.workspace_id) is None


def test_a_slide_naming_no_view_restores_nothing(engine, sample_id):
    book = load_workbook(io.BytesIO(workspace_backup(engine, sample_id)))
    slides = book["story_slides"]
    column = [c.value for c in slides[1]].index("view_id") + 1
    row = next(r for r in range(2, slides.max_row + 1) if slides.cell(row=r, column=column).value not in (None, ""))
    slides.cell(row=row, column=column).value = 999
    out = io.BytesIO()
    book.save(out)
    outcome = restore_backup(engine, out.getvalue(), "copia.xlsx", new_workspace_name="Rota")
    assert not outcome.ok
    assert [(p.sheet, p.row, p.column) for p in outcome.problems] == [("story_slides", row, "view_id")]
    assert find_workspace(engine, "Rota") is None
