"""Writing to a workspace, and renaming its vocabulary's terms in one save."""

from __future__ import annotations

import pytest

from toolkit.store import StoreError
from toolkit.store.workspaces import create_workspace, rename_terms, revision, vocabulary_terms, writing


def _labels(engine, workspace_id: int, vocabulary: str) -> dict[str, str | None]:
    return dict(vocabulary_terms(engine, workspace_id)[vocabulary])


def test_writing_bumps_the_revision_once_and_commits_together(engine):
    workspace = create_workspace(engine, "Escritura")
    before = revision(engine, workspace.id)
    with writing(engine, workspace.id):
        pass
    assert revision(engine, workspace.id) == before + 1


def test_writing_rolls_back_on_an_error(engine):
    workspace = create_workspace(engine, "Deshacer")
    before = revision(engine, workspace.id)
    with pytest.raises(StoreError), writing(engine, workspace.id):
        raise StoreError("name_required")
    assert revision(engine, workspace.id) == before


def test_writing_to_a_missing_workspace_is_refused(engine):
    with pytest.raises(StoreError, match="workspace_not_found"), writing(engine, 9999):
        pass


def test_the_renames_of_one_save_are_stored_together(engine):
    workspace = create_workspace(engine, "Términos")
    renamed = rename_terms(engine, workspace.id, "sectors", {"academia": " Universidades ", "media": "Prensa"})
    assert renamed == 2
    labels = _labels(engine, workspace.id, "sectors")
    assert labels["academia"] == "Universidades" and labels["media"] == "Prensa"


@pytest.mark.parametrize(
    "renames",
    [
        {"academia": "Universidades", "media": "   "},  # a blank label
        {"academia": "Universidades", "media": "x" * 500},  # too long
        {"academia": "Universidades", "no_such_term": "Otro"},  # a key the vocabulary lacks
    ],
)
def test_one_refused_rename_leaves_every_term_as_it_was(engine, renames):
    workspace = create_workspace(engine, "Todo o nada")
    before = _labels(engine, workspace.id, "sectors")
    version = revision(engine, workspace.id)
    with pytest.raises(StoreError):
        rename_terms(engine, workspace.id, "sectors", renames)
    assert _labels(engine, workspace.id, "sectors") == before
    assert revision(engine, workspace.id) == version


def test_no_renames_write_nothing(engine):
    workspace = create_workspace(engine, "Nada")
    version = revision(engine, workspace.id)
    assert rename_terms(engine, workspace.id, "sectors", {}) == 0
    assert revision(engine, workspace.id) == version


def test_an_imports_new_terms_head_their_list_in_the_files_order(engine):
    """Issue 13: an import's new sectors took positions 0, 1... among the defaults (or the bottom of
    a list of 15), so the team did not find them in Ajustes. They now head their list."""
    from toolkit.domain import Actor
    from toolkit.store.batches import RegisterBatch, import_batch

    workspace = create_workspace(engine, "Términos nuevos")
    defaults = [key for key, _ in vocabulary_terms(engine, workspace.id)["sectors"]]
    batch = RegisterBatch(
        new_actors=[Actor("Fondo Andino", sector="custom_investor"), Actor("Ana Ruiz", sector="custom_founder")],
        terms=[("sectors", "custom_investor", "Inversionista"), ("sectors", "custom_founder", "Fundadora")],
    )
    import_batch(engine, workspace.id, batch)
    assert [key for key, _ in vocabulary_terms(engine, workspace.id)["sectors"]] == [
        "custom_investor",
        "custom_founder",
        *defaults,
    ]


def test_a_restore_keeps_the_order_of_the_backups_lists(engine):
    from toolkit.store.workspaces import ensure_terms

    workspace = create_workspace(engine, "Orden restaurado")
    defaults = [key for key, _ in vocabulary_terms(engine, workspace.id)["scales"]]
    given = [defaults[0], "custom_barrial", *defaults[1:], "custom_planetaria"]
    with writing(engine, workspace.id) as connection:
        ensure_terms(connection, workspace.id, [("scales", key, key.title()) for key in given])
    assert [key for key, _ in vocabulary_terms(engine, workspace.id)["scales"]] == given
