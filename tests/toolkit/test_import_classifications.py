"""Issue 13, cause 6: a file's own classifications come in whole. Unknown sectors, scales and
relation types become terms of the workspace's lists (or existing ones, when the person says so),
relations keep their extra columns, stance words of stakeholder registers are understood, and a
level with a comment is read. Every file here is written by the test, with invented organisations."""

import json

import pytest

from tests.conftest import build_xlsx
from toolkit.backup import read_backup, workspace_backup
from toolkit.domain import Relation
from toolkit.importing import check_file, import_preview
from toolkit.network.analysis import network_metrics
from toolkit.network.presentation import map_labels
from toolkit.network.view import map_view
from toolkit.spreadsheets.new_terms import apply_term_choices
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import create_workspace, vocabulary_terms

KUMU = {
    "Elements": [
        ["Label", "Type", "Description"],
        ["Fondo Andino de Riesgo", "Investor", "Capital semilla"],
        ["Ana Torres Ruiz", "Employee/Founder", ""],
        ["Cooperativa La Ladera", "NGO", ""],
        ["Banco Verde del Sur", "Investor", ""],
    ],
    "Connections": [
        ["From", "To", "Type", "Amount Owed (billions)", "Since"],
        ["Fondo Andino de Riesgo", "Cooperativa La Ladera", "Investor", 12, "2019"],
        ["Ana Torres Ruiz", "Cooperativa La Ladera", "Employee/Founder", None, "2020"],
        ["Banco Verde del Sur", "Fondo Andino de Riesgo", "Lender", 3.5, ""],
        ["Banco Verde del Sur", "Cooperativa La Ladera", "Financiación", None, ""],
    ],
}


def check(data: bytes, name: str = "mapa.xlsx", engine=None, workspace_id=None):
    return check_file(engine, workspace_id, data, name)


def by_name(preview):
    return {parsed.actor.name: parsed.actor for parsed in preview.actors}


def test_kumu_types_and_relation_types_are_kept_as_new_terms():
    preview = check(build_xlsx(KUMU))
    actors = by_name(preview)
    assert actors["Fondo Andino de Riesgo"].sector == "custom_investor"
    assert actors["Ana Torres Ruiz"].sector == "custom_employee_founder"
    assert actors["Cooperativa La Ladera"].sector == "civil_society"  # a known sector stays one
    types = [parsed.relation.type for parsed in preview.relations]
    assert types == ["custom_investor", "custom_employee_founder", "custom_lender", "funding"]
    found = {(term.vocabulary, term.label): term.rows for term in preview.new_terms}
    assert found == {
        ("sectors", "Investor"): 2,
        ("sectors", "Employee/Founder"): 1,
        ("relation_types", "Investor"): 1,
        ("relation_types", "Employee/Founder"): 1,
        ("relation_types", "Lender"): 1,
    }
    assert not [w for w in preview.warnings if w.key in ("import.value.kind", "import.value.relation_types")]


def test_a_hundred_relations_of_four_types_stay_four_types():
    names = [f"Entidad Inventada {n}" for n in range(25)]
    kinds = ["Investor", "Supplier", "Regulator", "Employee/Founder"]
    relations = [["From", "To", "Type"]] + [
        [names[n % 25], names[(n + 1 + n // 25) % 25], kinds[n % 4]] for n in range(100)
    ]
    preview = check(build_xlsx({"Elements": [["Label"], *[[n] for n in names]], "Connections": relations}))
    assert len(preview.relations) == 100
    assert {parsed.relation.type for parsed in preview.relations} == {
        "custom_investor",
        "custom_supplier",
        "custom_regulator",
        "custom_employee_founder",
    }


def test_new_terms_are_stored_in_the_workspace_lists_and_the_map_shows_their_words(engine):
    workspace_id = create_workspace(engine, "Mapa Kumu").id
    preview = check(build_xlsx(KUMU), engine=engine, workspace_id=workspace_id)
    outcome = import_preview(engine, workspace_id, preview)
    assert outcome.stored.added == 4 and outcome.stored.relations == 4
    terms = vocabulary_terms(engine, workspace_id)
    assert ("custom_investor", "Investor") in terms["sectors"]
    assert ("custom_lender", "Lender") in terms["relation_types"]
    labels = map_labels(terms)
    assert labels.sectors["custom_employee_founder"] == "Employee/Founder"
    # a second import of the same file finds the terms in the lists: nothing new
    again = check(build_xlsx(KUMU), engine=engine, workspace_id=workspace_id)
    assert again.new_terms == []
    assert by_name(again)["Fondo Andino de Riesgo"].sector == "custom_investor"


def test_a_new_term_read_as_an_existing_one(engine):
    workspace_id = create_workspace(engine, "Elección").id
    preview = check(build_xlsx(KUMU), engine=engine, workspace_id=workspace_id)
    apply_term_choices(preview, {("relation_types", "custom_lender"): "funding", ("sectors", "custom_investor"): "new"})
    assert [parsed.relation.type for parsed in preview.relations][2] == "funding"
    assert ("relation_types", "custom_lender") not in {(t.vocabulary, t.key) for t in preview.new_terms}
    import_preview(engine, workspace_id, preview)
    terms = vocabulary_terms(engine, workspace_id)
    assert "custom_lender" not in dict(terms["relation_types"])
    assert "custom_investor" in dict(terms["sectors"])


def test_relation_columns_are_kept_shown_and_backed_up(engine):
    workspace_id = create_workspace(engine, "Deudas").id
    preview = check(build_xlsx(KUMU), engine=engine, workspace_id=workspace_id)
    assert preview.relations[0].relation.custom == {"Amount Owed (billions)": "12", "Since": "2019"}
    assert preview.relations[3].relation.custom == {}
    import_preview(engine, workspace_id, preview)
    stored = list_relations(engine, workspace_id)
    owed = {r.custom.get("Amount Owed (billions)") for r in stored}
    assert owed == {"12", "3.5", None}
    # the map's tooltip of the edge says it, as plain text
    actors = list_actors(engine, workspace_id)
    view = map_view(
        actors, stored, network_metrics(actors, stored), {}, map_labels(vocabulary_terms(engine, workspace_id))
    )
    tips = [edge["tip"] for edge in view.edges]
    assert any("Amount Owed (billions): 12" in tip and "Investor" in tip for tip in tips)
    # the backup keeps them, and restoring it gives them back
    backup = workspace_backup(engine, workspace_id)
    contents = read_backup(backup, "copia.xlsx")
    kept = sorted(json.dumps(p.relation.custom, sort_keys=True) for p in contents.preview.relations)
    assert kept == sorted(json.dumps(r.custom, sort_keys=True) for r in stored)
    copy_id = create_workspace(engine, "Copia").id
    import_preview(engine, copy_id, check(backup, "copia.xlsx", engine, copy_id))
    assert sorted(str(r.custom) for r in list_relations(engine, copy_id)) == sorted(str(r.custom) for r in stored)


@pytest.mark.parametrize(
    "header, values, expected",
    [
        ("category", ["advocate", "Ally", "obstacle", "neutral"], [2, 2, -2, 0]),
        ("Categoría", ["Promotor", "Detractor", "Neutral", "Aliado"], [2, -2, 0, 2]),
        ("Tipo", ["Apoiador", "Opositor", "Aliado", "Neutro"], [1, -2, 2, 0]),
        ("Catégorie", ["Allié", "Opposant", "Partisan", "Détracteur"], [2, -2, 1, -2]),
    ],
)
def test_a_category_of_stance_words_fills_the_stance(header, values, expected):
    rows = [["Name", header], *[[f"Organización Ficticia {n}", v] for n, v in enumerate(values)]]
    preview = check(build_xlsx({"Stakeholders": rows}))
    assert [parsed.actor.stance for parsed in preview.actors] == expected
    assert all(parsed.actor.sector is None for parsed in preview.actors)
    assert preview.new_terms == [] and preview.warnings == []


@pytest.mark.parametrize(
    "word, stance",
    [
        ("champion", 2),
        ("Advocate", 2),
        ("supporter", 1),
        ("blocker", -2),
        ("Resistant", -1),
        ("defensor", 2),
        ("partidario", 1),
        ("bloqueador", -2),
        ("apoiador", 1),
        ("partisan", 1),
        ("détracteur", -2),
        ("Ally (since 2021)", 2),
    ],
)
def test_stakeholder_stance_words_in_four_languages(word, stance):
    rows = [["Nombre", "Posición"], ["Red Ficticia de Barrios", word]]
    assert check(build_xlsx({"Actores": rows})).actors[0].actor.stance == stance


@pytest.mark.parametrize(
    "influence, level",
    [("High (users of the system)", 4), ("Alto - usuarios del sistema", 4), ("Medio: depende", 3), ("3 (medio)", 3)],
)
def test_a_level_with_a_comment_is_read(influence, level):
    rows = [["Stakeholder", "Influence"], ["Cámara Inventada de Comercio", influence]]
    preview = check(build_xlsx({"Register": rows}))
    assert preview.actors[0].actor.influence == level and preview.warnings == []


def test_a_type_column_next_to_a_sector_column_keeps_its_text():
    rows = [
        ["Nombre", "Tipo", "Sector"],
        ["Fundación Imaginaria", "Aliado financiero", "ONG"],
        ["Colectivo X", "Red", ""],
    ]
    actors = by_name(check(build_xlsx({"Actores": rows})))
    assert actors["Fundación Imaginaria"].sector == "civil_society"
    assert actors["Fundación Imaginaria"].custom["type"] == "Aliado financiero"
    assert actors["Colectivo X"].kind == "network"


def test_a_relation_without_a_type_is_still_cooperation():
    preview = check(
        build_xlsx(
            {
                "Actores": [["Nombre"], ["A Inventada"], ["B Inventada"]],
                "Relaciones": [["Origen", "Destino", "Tipo"], ["A Inventada", "B Inventada", None]],
            }
        )
    )
    assert preview.relations[0].relation == Relation(source=0, target=0)
