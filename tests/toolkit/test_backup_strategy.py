"""The backup carries the strategy analysis (objectives, positions, influences, dated salience,
SDG tags) and restoring it gives the same analysis; a tag or a position naming nobody restores
nothing. On SQLite and PostgreSQL."""

import io

from openpyxl import load_workbook

from toolkit.backup import restore_backup, workspace_backup
from toolkit.store.register import list_actors
from toolkit.store.strategy import (
    list_influences,
    list_objectives,
    list_positions,
    list_salience,
    list_sdg_tags,
)
from toolkit.store.workspaces import find_workspace


def analysis(engine, workspace_id):
    """The workspace's strategy analysis by names, so two workspaces can be compared."""
    names = {a.id: a.name for a in list_actors(engine, workspace_id)}
    titles = {o.id: o.title for o in list_objectives(engine, workspace_id)}
    return {
        "objectives": [(o.title, o.phase, o.position) for o in list_objectives(engine, workspace_id)],
        "positions": sorted((names[a], titles[o], v) for (a, o), v in list_positions(engine, workspace_id).items()),
        "influences": sorted((names[s], names[t], v) for (s, t), v in list_influences(engine, workspace_id).items()),
        "salience": sorted(
            (names[j.actor_id], j.assessed_on, j.power, j.legitimacy, j.urgency, j.reason)
            for j in list_salience(engine, workspace_id)
        ),
        "tags": sorted((entity, goals) for (entity, _), goals in list_sdg_tags(engine, workspace_id).items()),
        "actor_tags": sorted(
            (names[item], goals)
            for (entity, item), goals in list_sdg_tags(engine, workspace_id).items()
            if entity == "actors"
        ),
    }


def test_the_strategy_analysis_comes_back_whole(engine, sample_id):
    data = workspace_backup(engine, sample_id)
    book = load_workbook(io.BytesIO(data), read_only=True)
    for sheet in ("strategy_objectives", "strategy_positions", "strategy_influences", "salience", "sdg_tags"):
        assert sheet in book.sheetnames
    outcome = restore_backup(engine, data, "copia.xlsx", new_workspace_name="Copia")
    assert outcome.ok, outcome.problems
    before, after = analysis(engine, sample_id), analysis(engine, outcome.workspace_id)
    assert len(before["positions"]) > 40 and len(before["salience"]) > 80
    assert after == before
    assert workspace_backup(engine, outcome.workspace_id) != b""  # and backs up again


def test_a_position_naming_no_actor_restores_nothing(engine, sample_id):
    book = load_workbook(io.BytesIO(workspace_backup(engine, sample_id)))
    book["strategy_positions"].cell(row=2, column=1).value = 9999
    out = io.BytesIO()
    book.save(out)
    outcome = restore_backup(engine, out.getvalue(), "copia.xlsx", new_workspace_name="Rota")
    assert not outcome.ok and outcome.problems[0].sheet == "strategy_positions"
    assert find_workspace(engine, "Rota") is None
