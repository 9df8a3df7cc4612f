"""The analysis workbook (``export --view analysis``): the map's metrics with each actor's
brokerage roles and salience class, and the MACTOR exercise's matrices (MID, MIDI, 2MAO, 3MAO),
influence, dependence and balance of power, convergences (3CAA), divergences (3DAA) and the
mobilisation of each objective. Every text goes in as text (see spreadsheets.writing)."""

from __future__ import annotations

from sqlalchemy import Engine

from toolkit.i18n import t
from toolkit.network.analysis import network_metrics
from toolkit.network.brokerage import ROLES
from toolkit.network.exports import METRIC_COLUMNS
from toolkit.network.presentation import metric_rows
from toolkit.salience import ATTRIBUTES
from toolkit.spreadsheets.writing import SheetSpec, write_workbook
from toolkit.store.register import list_actors, list_relations
from toolkit.store.strategy import current_salience, list_influences, list_objectives, list_positions
from toolkit.strategy_views import balance_rows, brokerage_of, exercise, mobilisation_rows, salience_label, salience_of


def _matrix_sheet(name: str, matrix, row_ids, column_ids, row_names, column_names, digits: int = 3) -> SheetSpec:
    return SheetSpec(
        name,
        ["", *(column_names[c] for c in column_ids)],
        [[row_names[a], *(round(matrix[i][j], digits) for j in range(len(column_ids)))] for i, a in enumerate(row_ids)],
    )


def _metrics_sheet(actors, relations, salience) -> SheetSpec:
    metrics = network_metrics(actors, relations)
    roles = brokerage_of(actors, relations, "sector")
    classes = salience_of(actors, salience)
    by_name = {a.name: a for a in actors}
    rows = []
    for row in metric_rows(actors, metrics):
        actor = by_name[row["name"]]
        judged = salience.get(actor.id)
        rows.append(
            [
                row["name"],
                *(row[c] for c in METRIC_COLUMNS),
                *(roles[actor.id][role] for role in ROLES),
                salience_label(classes[actor.id]),
                *((getattr(judged, name) if judged else None) for name in ATTRIBUTES),
            ]
        )
    headers = [
        t("columns.name"),
        *(t(f"map.metric.{c}") for c in METRIC_COLUMNS),
        *(t(f"strategy.roles.{role}") for role in ROLES),
        t("strategy.salience.class"),
        *(t(f"strategy.salience.{name}") for name in ATTRIBUTES),
    ]
    return SheetSpec(t("strategy.export.metrics"), headers, rows)


def analysis_workbook(engine: Engine, workspace_id: int) -> bytes:
    """The analysis workbook's bytes, in the current language."""
    actors, relations = list_actors(engine, workspace_id), list_relations(engine, workspace_id)
    objectives = list_objectives(engine, workspace_id)
    salience = current_salience(engine, workspace_id)
    result = exercise(actors, objectives, list_positions(engine, workspace_id), list_influences(engine, workspace_id))
    names = {a.id: a.name for a in actors}
    titles = {o.id: o.title for o in objectives}
    ids, goals = result.actor_ids, result.objective_ids
    balance = balance_rows(result, names)
    mobilised = mobilisation_rows(result, titles)
    return write_workbook(
        [
            _metrics_sheet(actors, relations, salience),
            _matrix_sheet(t("strategy.export.mid"), result.mid, ids, ids, names, names, 0),
            _matrix_sheet(t("strategy.export.midi"), result.midi, ids, ids, names, names, 0),
            SheetSpec(
                t("strategy.export.balance"),
                [t(f"strategy.results.{c}") for c in ("name", "influence", "dependence", "balance", "quadrant")],
                [list(row.values()) for row in balance],
            ),
            _matrix_sheet(t("strategy.export.mao2"), result.mao2, ids, goals, names, titles, 0),
            _matrix_sheet(t("strategy.export.mao3"), result.mao3, ids, goals, names, titles),
            _matrix_sheet(t("strategy.export.caa"), result.caa[3], ids, ids, names, names),
            _matrix_sheet(t("strategy.export.daa"), result.daa[3], ids, ids, names, names),
            SheetSpec(
                t("strategy.export.mobilisation"),
                [t(f"strategy.results.{c}") for c in ("objective", "favour", "against", "total", "verdict")],
                [list(row.values()) for row in mobilised],
            ),
        ]
    )
