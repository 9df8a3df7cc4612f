"""The wizard's step 5 offers the file's own terms (issue 13, cause 6): a sector or relation type
the workspace's lists lack is added as a new term, or read as an existing one, in the wizard."""

from tests.pages.test_actors_tabs import button, import_steps
from toolkit.i18n import t
from toolkit.store.register import list_actors
from toolkit.store.workspaces import vocabulary_terms

CSV = (
    "Nombre,Sector\n"
    "Cooperativa Inventada del Valle,Caja de compensación\n"
    "Fondo Ficticio Andino,Inversionista\n"
    "Red Imaginaria de Huertas,Caja de compensación\n"
).encode()


def test_new_terms_are_shown_with_their_rows_and_added_on_import(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(import_steps, data=CSV)
    app.run()
    assert not app.exception and not app.error
    assert t("import.terms.title") in [m.value.strip("*") for m in app.markdown]
    assert t("import.terms.intro") in [c.value for c in app.caption]
    button(app, "import_confirm").click().run()
    assert not app.exception and not app.error
    sectors = dict(vocabulary_terms(engine, workspace_id)["sectors"])
    assert sectors["custom_caja_de_compensacion"] == "Caja de compensación"
    assert sectors["custom_inversionista"] == "Inversionista"
    actors = {a.name: a for a in list_actors(engine, workspace_id)}
    assert actors["Red Imaginaria de Huertas"].sector == "custom_caja_de_compensacion"


def test_a_new_term_read_as_an_existing_one_in_the_wizard(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(import_steps, data=CSV)
    app.run()
    app.session_state["import_terms_sectors_2"] = {
        "edited_rows": {1: {"choice": "private_sector"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert not app.exception and not app.error
    button(app, "import_confirm").click().run()
    assert not app.exception and not app.error
    sectors = dict(vocabulary_terms(engine, workspace_id)["sectors"])
    assert "custom_inversionista" not in sectors and "custom_caja_de_compensacion" in sectors
    actors = {a.name: a for a in list_actors(engine, workspace_id)}
    assert actors["Fondo Ficticio Andino"].sector == "private_sector"
