"""The register's import reads salience (issue 20): columns "Poder", "Legitimidad", "Urgencia"
(and their English, Portuguese and French names) with levels 1-5 or yes/no ("Sí"/"No", "X", 1/0)
become a salience judgement of each actor dated the import's day, written in the import's
transaction and taken back with it; "Poder" alone is still the influence of the power-interest grid.
A real .xlsx written by openpyxl, on SQLite and PostgreSQL."""

from datetime import date

import pytest

from tests.conftest import build_xlsx
from toolkit.domain import Actor
from toolkit.importing import check_file, import_preview
from toolkit.salience import latest_classes
from toolkit.spreadsheets.mapping import map_columns
from toolkit.store.register import add_actor, list_actors
from toolkit.store.strategy import list_salience
from toolkit.store.undo import undo_import
from toolkit.store.workspaces import create_workspace

TODAY = date(2026, 11, 22)  # HOJA_TODAY of the suite
LIST = {
    "Mapeo de actores": [
        ["Mapeo de actores de cooperación - Medellín", None, None, None, None],
        ["Nombre de la entidad", "Sector", "Poder", "Legitimidad", "Urgencia"],
        ["Alcaldía de Pradera", "Gobierno local", 5, "Sí", 1],  # in the register already: merged
        ["Fundación Semillas de Paz", "ONG", 2, "X", 1],
        ["Corporación Río Claro", "ONG", 4, "No", 0],
        ["Veeduría Ciudadana", "ONG", "", "", ""],  # nothing judged: no judgement
        ["Gremio de Transportadores", "Privado", "muchísimo", "no", 1],  # an unreadable power
    ]
}


@pytest.fixture
def workspace(engine):
    workspace_id = create_workspace(engine, "Pradera").id
    add_actor(engine, workspace_id, Actor("Alcaldía de Pradera", sector="local_government"))
    return workspace_id


def judgements(engine, workspace_id) -> dict[str, tuple]:
    names = {a.id: a.name for a in list_actors(engine, workspace_id)}
    return {
        names[j.actor_id]: (j.power, j.legitimacy, j.urgency, j.assessed_on)
        for j in list_salience(engine, workspace_id)
    }


@pytest.mark.parametrize(
    ("headers", "fields"),
    [
        (["Nombre", "Poder", "Legitimidad", "Urgencia"], ["salience_power", "salience_legitimacy", "salience_urgency"]),
        (["Name", "Power", "Legitimacy", "Urgency"], ["salience_power", "salience_legitimacy", "salience_urgency"]),
        (["Nome", "Poder", "Legitimidade", "Urgência"], ["salience_power", "salience_legitimacy", "salience_urgency"]),
        (["Nom", "Pouvoir", "Légitimité", "Urgence"], ["salience_power", "salience_legitimacy", "salience_urgency"]),
        (["Nombre", "Influencia", "Poder", "Urgencia"], ["influence", "salience_power", "salience_urgency"]),
        (["Nombre", "Poder", "Interés"], ["influence", "interest"]),  # the power-interest grid, as before
    ],
)
def test_the_columns_are_recognised_in_four_languages(headers, fields):
    assert [c.field for c in map_columns(headers, "actors")][1:] == fields


def test_the_import_stores_a_dated_judgement_per_actor_and_its_undo_takes_them_back(engine, workspace):
    data = build_xlsx(LIST)
    preview = check_file(engine, workspace, data, "mapeo.xlsx")
    levels = {p.actor.name: p.salience for p in preview.actors}
    assert levels == {
        "Alcaldía de Pradera": (5, 5, 5),  # 1/0 urgency column: its 1 is a yes
        "Fundación Semillas de Paz": (2, 5, 5),
        "Corporación Río Claro": (4, 1, 1),
        "Veeduría Ciudadana": None,
        "Gremio de Transportadores": (None, 1, 5),
    }
    unread = [w for w in preview.warnings if w.key == "import.value.salience"]
    assert [(w.row, w.column, w.details["value"]) for w in unread] == [(7, "Poder", "muchísimo")]
    before = len(list_actors(engine, workspace))
    outcome = import_preview(engine, workspace, preview, label="mapeo.xlsx")
    assert outcome.stored and not outcome.stored.conflicts
    found = judgements(engine, workspace)
    assert found == {
        "Alcaldía de Pradera": (5, 5, 5, TODAY),  # the actor of the register the row merged into
        "Fundación Semillas de Paz": (2, 5, 5, TODAY),
        "Corporación Río Claro": (4, 1, 1, TODAY),
        "Gremio de Transportadores": (None, 1, 5, TODAY),
    }
    classes = latest_classes(list_salience(engine, workspace))
    by_name = {a.name: classes.get(a.id) for a in list_actors(engine, workspace)}
    assert by_name["Alcaldía de Pradera"] == "definitive" and by_name["Corporación Río Claro"] == "dormant"
    assert by_name["Gremio de Transportadores"] is None  # power unread: not judged on all three
    undo_import(engine, workspace, outcome.stored.change_id)
    assert list_salience(engine, workspace) == []
    assert len(list_actors(engine, workspace)) == before


def test_a_row_skipped_as_a_duplicate_leaves_the_register_unjudged(engine, workspace):
    preview = check_file(engine, workspace, build_xlsx(LIST), "mapeo.xlsx")
    outcome = import_preview(engine, workspace, preview, policy="skip")
    assert outcome.stored
    assert "Alcaldía de Pradera" not in judgements(engine, workspace)
    assert "Corporación Río Claro" in judgements(engine, workspace)
