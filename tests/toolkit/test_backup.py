"""Restoring a backup ("Descargar todo"): into a new or an empty workspace, everything or nothing."""

from datetime import date

import pytest

from toolkit.backup import RestoreRefused, read_backup, restore_backup, workspace_backup
from toolkit.domain import Actor, Milestone
from toolkit.i18n import t
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook
from toolkit.store import StoreError
from toolkit.store.campaigns import list_campaigns
from toolkit.store.consultations import list_consultations
from toolkit.store.indicators import list_indicator_measurements, list_indicators
from toolkit.store.register import add_actor, list_actors, list_relations
from toolkit.store.roadmap import add_milestone, list_milestones
from toolkit.store.workspaces import create_workspace, find_workspace, get_workspace, list_workspaces


def rewrite_sheet(data: bytes, sheet: str, row: int, column: str, value: object) -> bytes:
    """The backup with one cell changed, as someone editing it in Excel would (row 1 = first data row)."""
    import io

    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(data))
    headers = [cell.value for cell in book[sheet][1]]
    book[sheet].cell(row=row + 1, column=headers.index(column) + 1, value=value)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def sheets(data: bytes) -> dict[str, list[list[object]]]:
    return {s.name: s.rows for s in read_workbook(data, "x.xlsx").sheets}


@pytest.fixture
def backup(engine, sample_id) -> bytes:
    return workspace_backup(engine, sample_id)


def test_a_backup_restores_into_a_new_workspace_named_as_asked(engine, sample_id, backup):
    outcome = restore_backup(engine, backup, "copia.xlsx", new_workspace_name="Medellín (copia)")
    assert outcome.ok and not outcome.problems
    restored = outcome.workspace_id
    assert get_workspace(engine, restored).name == "Medellín (copia)"
    assert get_workspace(engine, restored).city == get_workspace(engine, sample_id).city
    for listing in (
        list_actors,
        list_relations,
        list_consultations,
        list_campaigns,
        list_milestones,
        list_indicators,
        list_indicator_measurements,
    ):
        assert len(listing(engine, restored)) == len(listing(engine, sample_id)) > 0, listing.__name__
    # milestones keep their links to the restored consultations and campaigns, not the original ones
    consultations = {c.id for c in list_consultations(engine, restored)}
    campaigns = {c.id for c in list_campaigns(engine, restored)}
    linked = [m for m in list_milestones(engine, restored) if m.consultation_id or m.campaign_id]
    assert linked and all(
        (m.consultation_id in consultations) if m.consultation_id else (m.campaign_id in campaigns) for m in linked
    )


def test_without_a_name_the_backup_gives_its_own_and_a_taken_name_is_refused(engine, sample_id, backup):
    name = get_workspace(engine, sample_id).name
    before = len(list_workspaces(engine))
    with pytest.raises(StoreError) as refused:
        restore_backup(engine, backup, "copia.xlsx")
    assert refused.value.reason == "name_taken" and name in t(refused.value.message_key, **refused.value.details)
    assert len(list_workspaces(engine)) == before
    assert read_backup(backup, "copia.xlsx").workspace["name"] == name


def test_a_backup_restores_into_an_empty_workspace(engine, sample_id, backup):
    empty = create_workspace(engine, "Vacío")
    outcome = restore_backup(engine, backup, "copia.xlsx", into_workspace_id=empty.id)
    assert outcome.ok and outcome.workspace_id == empty.id
    assert get_workspace(engine, empty.id).name == "Vacío"
    assert len(list_actors(engine, empty.id)) == len(list_actors(engine, sample_id))
    assert len(list_milestones(engine, empty.id)) == len(list_milestones(engine, sample_id))


@pytest.mark.parametrize("fill", ["actor", "milestone"])
def test_a_workspace_with_data_is_refused_and_left_as_it_was(engine, backup, fill):
    busy = create_workspace(engine, "Con datos")
    if fill == "actor":
        add_actor(engine, busy.id, Actor("Secretaría de Cultura"))
    else:
        add_milestone(engine, busy.id, Milestone("Taller de arranque", due_on=date(2026, 12, 1)))
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(engine, backup, "copia.xlsx", into_workspace_id=busy.id)
    assert "vacío" in t(refused.value.message_key)
    assert len(list_actors(engine, busy.id)) == (1 if fill == "actor" else 0)
    assert len(list_milestones(engine, busy.id)) == (1 if fill == "milestone" else 0)
    assert not list_consultations(engine, busy.id)


@pytest.mark.parametrize(
    "sheet, row, column, value",
    [
        ("milestones", 1, "status", "a medias"),  # not a status
        ("indicators", 1, "dimension", "económica"),  # not one of the three dimensions
        ("indicator_measurements", 1, "value", "muchos"),
        ("milestones", 1, "campaign", 99),  # a campaign the backup does not have
        ("participants", 1, "actor", 9999),  # an actor the backup does not have
    ],
)
def test_a_broken_backup_restores_nothing_and_says_which_row(engine, backup, sheet, row, column, value):
    broken = rewrite_sheet(backup, sheet, row, column, value)
    before = len(list_workspaces(engine))
    outcome = restore_backup(engine, broken, "copia.xlsx", new_workspace_name="Rota")
    assert not outcome.ok and outcome.workspace_id is None
    assert any(p.sheet == sheet and p.row == row + 1 for p in outcome.problems), outcome.problems
    assert all(t(p.key, **p.details) != p.key for p in outcome.problems)
    assert find_workspace(engine, "Rota") is None and len(list_workspaces(engine)) == before


def test_a_list_of_actors_is_not_a_backup(engine, make_xlsx):
    listing = make_xlsx({"Actores": [["Nombre", "Sector"], ["Universidad EAFIT", "Academia"]]})
    with pytest.raises(RestoreRefused) as refused:
        restore_backup(engine, listing, "lista.xlsx", new_workspace_name="Nada")
    assert "Actores" in t(refused.value.message_key)
    assert find_workspace(engine, "Nada") is None


@pytest.mark.parametrize(
    "content, name", [(b"%PDF-1.7", "copia.xlsx"), (b"", "copia.xlsx"), (b"PK\x03\x04roto", "copia.xlsx")]
)
def test_an_unreadable_file_meets_the_reader_and_stores_nothing(engine, content, name):
    with pytest.raises(UnreadableFile) as unreadable:
        restore_backup(engine, content, name, new_workspace_name="Nada")
    assert t(unreadable.value.message_key, **unreadable.value.details) != unreadable.value.message_key
    assert find_workspace(engine, "Nada") is None


def test_restoring_twice_gives_two_identical_copies(engine, backup):
    first = restore_backup(engine, backup, "copia.xlsx", new_workspace_name="Copia 1").workspace_id
    second = restore_backup(
        engine, workspace_backup(engine, first), "copia.xlsx", new_workspace_name="Copia 2"
    ).workspace_id
    one, two = sheets(workspace_backup(engine, first)), sheets(workspace_backup(engine, second))
    assert one.keys() == two.keys() and {"milestones", "indicators", "indicator_measurements"} <= one.keys()
    for name in one:
        if name != "workspace":
            assert one[name] == two[name], name
