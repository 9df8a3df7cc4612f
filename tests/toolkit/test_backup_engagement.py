"""The backup carries the actor's whole story: the contact history (with its actors and their
people, its links to consultations and campaigns), the dated assessments and the relations' dates,
and restoring it gives the same story; a backup older than these sheets still restores, and one
whose story points at nobody restores nothing."""

import io
from datetime import date

import pytest
from openpyxl import load_workbook

from toolkit.backup import read_backup, restore_backup, workspace_backup
from toolkit.cli import main
from toolkit.i18n import t
from toolkit.store.campaigns import list_campaigns
from toolkit.store.consultations import list_consultations
from toolkit.store.engagement import list_assessments, list_interactions
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import find_workspace, get_workspace, list_workspaces


def edited(data: bytes, change) -> bytes:
    """The backup after ``change(book)``, as someone editing it in Excel would leave it."""
    book = load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def set_cell(sheet: str, row: int, column: str, value: object):
    """A change to one cell (row 1 = the first data row)."""

    def change(book) -> None:
        headers = [cell.value for cell in book[sheet][1]]
        cell = book[sheet].cell(row=row + 1, column=headers.index(column) + 1)
        cell.value = value  # None empties it
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # typed text that looks like a formula, not a formula

    return change


def story(engine, workspace_id: int) -> dict[str, object]:
    """The workspace's story in terms that do not depend on database ids: actors by name,
    consultations and campaigns by title."""
    names = {a.id: a.name for a in list_actors(engine, workspace_id)}
    consultations = {c.id: c.title for c in list_consultations(engine, workspace_id)}
    campaigns = {c.id: c.title for c in list_campaigns(engine, workspace_id)}
    interactions = sorted(
        (
            i.kind,
            i.occurred_on,
            tuple(sorted((names[a], people) for a, people in i.actors.items())),
            i.team_member,
            i.summary,
            i.agreements,
            i.next_step,
            i.next_step_due,
            i.next_step_done,
            consultations.get(i.consultation_id),
            campaigns.get(i.campaign_id),
        )
        for i in list_interactions(engine, workspace_id)
    )
    assessments = sorted(
        (names[a.actor_id], a.assessed_on, a.influence, a.interest, a.stance, a.reason)
        for a in list_assessments(engine, workspace_id)
    )
    relations = sorted(
        (names[r.source], names[r.target], r.type, r.description, r.starts_on, r.ends_on)
        for r in list_relations(engine, workspace_id)
    )
    levels = sorted((a.name, a.influence, a.interest, a.stance) for a in list_actors(engine, workspace_id))
    return {"interactions": interactions, "assessments": assessments, "relations": relations, "levels": levels}


@pytest.fixture
def backup(engine, sample_id) -> bytes:
    return workspace_backup(engine, sample_id)


def test_the_sample_story_comes_back_whole_in_a_new_workspace(engine, sample_id, backup):
    outcome = restore_backup(engine, backup, "copia.xlsx", new_workspace_name="Medellín (copia)")
    assert outcome.ok, outcome.problems
    original, restored = story(engine, sample_id), story(engine, outcome.workspace_id)
    assert len(original["interactions"]) >= 40 and len(original["assessments"]) >= 15
    assert sum(1 for r in original["relations"] if r[4]) >= 100 and any(r[5] for r in original["relations"])
    assert any(i[9] for i in original["interactions"]) and any(i[10] for i in original["interactions"])
    assert any(len(i[2]) > 1 for i in original["interactions"]) and any(i[8] for i in original["interactions"])
    for part in ("interactions", "assessments", "relations", "levels"):
        assert restored[part] == original[part], part
    assert outcome.contents.counts["interactions"] == len(original["interactions"])
    assert outcome.contents.counts["assessments"] == len(original["assessments"])


def test_the_actors_keep_the_register_sheet_levels_not_their_latest_assessment(engine, backup):
    # someone corrected an actor's influence in the register sheet only: the restore keeps that
    contents = read_backup(backup, "copia.xlsx")
    actor_ref = contents.engagement.assessments[0].actor_ref
    book = load_workbook(io.BytesIO(backup))
    headers = [cell.value for cell in book["actors"][1]]
    row = next(r for r in range(2, book["actors"].max_row + 1) if str(book["actors"].cell(r, 1).value) == actor_ref)
    name = book["actors"].cell(row, headers.index("name") + 1).value
    latest = max(
        (a.assessment for a in contents.engagement.assessments if a.actor_ref == actor_ref),
        key=lambda a: a.assessed_on,
    )
    corrected = 1 if latest.influence != 1 else 2
    changed = edited(backup, set_cell("actors", row - 1, "influence", corrected))
    outcome = restore_backup(engine, changed, "copia.xlsx", new_workspace_name="Corregida")
    assert outcome.ok, outcome.problems
    actor = next(a for a in list_actors(engine, outcome.workspace_id) if a.name == name)
    assert actor.influence == corrected
    history = [a for a in list_assessments(engine, outcome.workspace_id) if a.actor_id == actor.id]
    assert history and history[-1].influence == latest.influence


def test_a_backup_exported_again_after_restoring_is_the_same_workbook(engine, backup):
    first = restore_backup(engine, backup, "copia.xlsx", new_workspace_name="Copia 1").workspace_id
    again = workspace_backup(engine, first)
    second = restore_backup(engine, again, "copia.xlsx", new_workspace_name="Copia 2").workspace_id
    one, two = load_workbook(io.BytesIO(again)), load_workbook(io.BytesIO(workspace_backup(engine, second)))
    for sheet in ("relations", "interactions", "interaction_actors", "assessments"):
        assert [list(r) for r in one[sheet].values] == [list(r) for r in two[sheet].values], sheet
    assert one["relations"]["H1"].value == "starts_on" and one["relations"]["I1"].value == "ends_on"


def test_an_older_backup_without_the_story_sheets_still_restores(engine, sample_id, backup):
    def older(book) -> None:
        for sheet in ("interactions", "interaction_actors", "assessments"):
            del book[sheet]
        relations = book["relations"]
        headers = [cell.value for cell in relations[1]]
        for column in ("ends_on", "starts_on"):
            relations.delete_cols(headers.index(column) + 1)

    outcome = restore_backup(engine, edited(backup, older), "antigua.xlsx", new_workspace_name="Antigua")
    assert outcome.ok, outcome.problems
    restored = outcome.workspace_id
    assert not list_interactions(engine, restored) and not list_assessments(engine, restored)
    relations = list_relations(engine, restored)
    assert len(relations) == len(list_relations(engine, sample_id))
    assert all(r.starts_on is None and r.ends_on is None for r in relations)
    assert story(engine, restored)["levels"] == story(engine, sample_id)["levels"]


@pytest.mark.parametrize(
    "sheet, row, column, value, words",
    [
        ("interaction_actors", 1, "actor", 9999, "9999"),  # an actor the backup does not have
        ("assessments", 2, "actor", 777, "777"),
        ("interaction_actors", 1, "interaction", 4444, "4444"),
        ("interactions", 1, "consultation", 55, "55"),
        ("interactions", 1, "occurred_on", "el martes", "el martes"),
        ("interactions", 2, "occurred_on", None, "fecha"),
        ("interactions", 1, "next_step_due", "31/02/2026", "31/02/2026"),
        ("interactions", 1, "kind", "telegrama", "tipo"),
        ("interactions", 1, "team_member", "x" * 400, "400"),  # longer than the column takes
        ("assessments", 1, "assessed_on", "pronto", "pronto"),
        ("assessments", 1, "influence", 9, "1 a 5"),
        ("assessments", 1, "stance", "aliado", "aliado"),
        ("relations", 1, "starts_on", "ayer", "ayer"),
        ("relations", 1, "ends_on", date(1990, 1, 1), "terminar antes de empezar"),
    ],
)
def test_a_tampered_story_restores_nothing_and_says_where(engine, backup, sheet, row, column, value, words):
    if column == "ends_on":  # an end before the start: give the relation a start first
        backup = edited(backup, set_cell("relations", row, "starts_on", date(2020, 1, 1)))
    before = len(list_workspaces(engine))
    outcome = restore_backup(
        engine, edited(backup, set_cell(sheet, row, column, value)), "x.xlsx", new_workspace_name="Rota"
    )
    assert not outcome.ok and outcome.workspace_id is None
    found = [p for p in outcome.problems if p.sheet == sheet and p.row == row + 1]
    assert found, outcome.problems
    said = [t(p.key, lang="es", **p.details) for p in found]
    assert any(words in message for message in said), said
    assert not any("Se deja vacía" in message for message in said), said  # a restore leaves nothing blank: it refuses
    assert find_workspace(engine, "Rota") is None and len(list_workspaces(engine)) == before


def test_an_interaction_left_with_nobody_is_refused(engine, backup):
    def nobody(book) -> None:
        sheet = book["interaction_actors"]
        first = [r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 2).value == 1]
        for r in reversed(first):
            sheet.delete_rows(r)

    outcome = restore_backup(engine, edited(backup, nobody), "x.xlsx", new_workspace_name="Sin nadie")
    assert not outcome.ok
    assert [(p.sheet, p.row) for p in outcome.problems] == [("interactions", 2)]
    assert "al menos un actor" in t(outcome.problems[0].key, lang="es")
    assert find_workspace(engine, "Sin nadie") is None


def test_a_formula_typed_as_text_stays_text_on_the_way_in_and_out(engine, backup):
    changed = edited(backup, set_cell("interactions", 1, "summary", '=HYPERLINK("http://x")  reunión '))
    outcome = restore_backup(engine, changed, "x.xlsx", new_workspace_name="Limpia")
    assert outcome.ok, outcome.problems
    summaries = [i.summary for i in list_interactions(engine, outcome.workspace_id)]
    assert '=HYPERLINK("http://x") reunión' in summaries
    # and it goes out again as text, never as a formula
    again = load_workbook(io.BytesIO(workspace_backup(engine, outcome.workspace_id)))
    cells = [row[4] for row in again["interactions"].iter_rows(min_row=2)]
    assert all(cell.data_type != "f" for cell in cells)


def test_the_command_line_export_and_import_carry_the_story(engine, sample_id, tmp_path, capsys):
    url = engine.url.render_as_string(hide_password=False)
    name = get_workspace(engine, sample_id).name
    out = tmp_path / "copia.xlsx"
    assert main(["export", "--workspace", name, "--out", str(out), "--db", url]) == 0
    assert main(["import", str(out), "--workspace", "Desde la consola", "--db", url]) == 0
    capsys.readouterr()
    restored = find_workspace(engine, "Desde la consola").id
    assert story(engine, restored) == story(engine, sample_id)
