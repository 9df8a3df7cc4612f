"""The wizard's last step previews the actors as they will be stored (issue 13): one row each with
what happens to it (new, rows of the file joined in, combined with an actor of the register), its
classifications in the workspace's words, under counts that the import's result then repeats."""

from tests.pages.test_actors_tabs import button, import_steps
from toolkit.i18n import t
from toolkit.store.register import list_actors

CSV = (
    "Nombre,Sector,Escala,Posición,Influencia,Interés\n"
    "Colectivo Inventado de la Loma,ONG,Local,Aliado,4,5\n"
    "Agencia de Cooperación e Inversión de Medellín y el Área Metropolitana,,,,,\n"  # in the sample: combined
    "Colectivo Inventado de la Loma,,,,,\n"  # joined into row 2
    "Mesa Ficticia de Huertas,Academia,Nacional,Opositor,2,3\n"
).encode()


def last_step_table(app):
    return app.dataframe[-1].value


def test_the_last_step_shows_the_rows_as_stored_and_the_result_repeats_its_counts(kit_page, kit_store):
    engine, workspace_id = kit_store
    before = len(list_actors(engine, workspace_id))
    app = kit_page(import_steps, data=CSV)
    app.run()
    assert not app.exception and not app.error
    assert [m.value for m in app.metric[-4:]] == ["2", "2", "0", "0"]  # new, combined, completed, relations
    table = last_step_table(app)
    assert list(table.columns) == [
        t("stored_rows.column_action"),
        t("columns.name"),
        t("columns.kind"),
        t("columns.sector"),
        t("columns.scale"),
        t("columns.stance"),
        t("columns.influence"),
        t("columns.interest"),
        t("stored_rows.column_relations"),
    ]
    rows = {row[t("columns.name")]: row for row in table.to_dict("records")}
    assert list(rows) == [
        "Colectivo Inventado de la Loma",
        "Agencia de Cooperación e Inversión de Medellín y el Área Metropolitana",
        "Mesa Ficticia de Huertas",
    ]
    loma = rows["Colectivo Inventado de la Loma"]
    assert loma[t("stored_rows.column_action")] == t("stored_rows.action.new_merged", rows="4", count=1)
    assert loma[t("columns.sector")] == t("vocab.sectors.civil_society")
    assert loma[t("columns.stance")] == t("vocab.stances.ally")
    assert (loma[t("columns.influence")], loma[t("columns.interest")]) == (4, 5)
    aci = rows["Agencia de Cooperación e Inversión de Medellín y el Área Metropolitana"]
    assert aci[t("stored_rows.column_action")] == t("stored_rows.action.combined", name=aci[t("columns.name")])
    assert rows["Mesa Ficticia de Huertas"][t("stored_rows.column_action")] == t("stored_rows.action.new")

    button(app, "import_confirm").click().run()
    assert not app.exception and not app.error
    assert len(list_actors(engine, workspace_id)) == before + 2
    done = app.session_state["import_done"]
    assert done.startswith(t("import.confirm.done", added=2, merged=2, relations=0))
    assert done.endswith(t("undo.after_import"))
