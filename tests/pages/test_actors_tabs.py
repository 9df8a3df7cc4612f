"""Each tab of Actores drawn alone, on the sample: the register filtered by the kit's row and saved in
one transaction (edits and deletes together, or neither), the relations table likewise, one actor's
record, the import wizard's steps, the downloads."""

from toolkit import access
from toolkit.domain import Actor
from toolkit.i18n import format_number, t
from toolkit.store.accounts import create_user, set_member
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, list_actors, list_relations, save_actor_edits, save_relation_edits

CSV = "Nombre,Sector,Influencia\nColectivo Prueba de Pestañas,ONG,4\nFundación Prueba de Pestañas,ONG,3\n".encode()


def actors_tab(tab: str):
    import importlib

    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.actors.cached import register_of
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("actors.title")
    show_notice("actors")
    module = importlib.import_module(f"pages.actors.{tab}")
    if tab in ("register", "import_wizard"):
        module.show(ctx)
    else:
        module.show(ctx, *register_of(ctx))


def import_steps(data: bytes):
    """Steps 2 to 7 of the wizard on a file as step 1 leaves it (AppTest cannot upload a file)."""
    import streamlit as st

    from pages._kit.context import page_context
    from pages.actors import import_wizard
    from toolkit import access
    from toolkit.spreadsheets.mapping import inspect_sheets
    from toolkit.spreadsheets.reading import read_workbook

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("actors.title")
    workbook = read_workbook(data, "lista.csv")
    auto = inspect_sheets([(s.name, s.rows) for s in workbook.sheets])
    import_wizard.steps(ctx, {"id": "lista", "name": "lista.csv", "workbook": workbook, "auto": auto})


def button(app, key: str):
    return next(b for b in app.button if b.key == key)


def count_caption(app) -> str:
    return next(c.value for c in app.caption if c.value.startswith("Actores mostrados"))


def mark(app, key: str, first: dict) -> None:
    """Change the first row and mark the second to delete, as a person would in the grid."""
    app.session_state[f"{key}_editor_0"] = {
        "edited_rows": {0: first, 1: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()


# -- the register ----------------------------------------------------------------------------


def test_the_register_filters_with_the_kit_row_under_its_own_keys(kit_page, kit_store):
    engine, workspace_id = kit_store
    total = len(list_actors(engine, workspace_id))
    app = kit_page(actors_tab, tab="register")
    app.run()
    assert not app.exception and not app.error
    assert count_caption(app) == t("actors.count", shown=format_number(total), total=format_number(total))
    keys = {w.key for w in app.main if getattr(w, "key", None)}
    assert {"actors_query", "actors_sectors", "actors_scales", "actors_stances", "actors_quadrants"} <= keys
    assert "actors_themes" in keys
    app.text_input(key="actors_query").set_value("EAFIT").run()
    assert count_caption(app) == t("actors.count", shown="1", total=format_number(total))
    app.text_input(key="actors_query").set_value("").run()
    app.multiselect(key="actors_sectors").set_value(["academia"]).run()
    shown = count_caption(app)
    assert shown != t("actors.count", shown=format_number(total), total=format_number(total))
    assert not app.exception


def test_the_register_saves_an_edit_and_a_delete_together_after_asking(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = list_actors(engine, workspace_id)[:2]
    app = kit_page(actors_tab, tab="register")
    app.run()
    mark(app, "actors", {"acronym": "NUEVA"})
    assert button(app, "actors_save").label == t("actors.save", count=2)
    button(app, "actors_save").click().run()
    assert list_actors(engine, workspace_id)[0].acronym == first.acronym  # nothing yet: it asks first
    assert t("actors.delete.question", count=1) in [m.value for m in app.markdown]
    button(app, "actors_delete_confirm").click().run()
    assert not app.exception and not app.error
    after = {a.id: a for a in list_actors(engine, workspace_id)}
    assert after[first.id].acronym == "NUEVA"
    assert second.id not in after
    assert app.success[0].value == t("actors.saved", saved=1, deleted=1)


def test_a_conflict_in_the_register_saves_neither_the_edit_nor_the_delete(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = list_actors(engine, workspace_id)[:2]
    app = kit_page(actors_tab, tab="register")
    app.run()
    mark(app, "actors", {"acronym": "NUEVA"})
    # meanwhile someone else changes the first actor
    save_actor_edits(engine, workspace_id, [Edit(first.id, first.version, {"notes": "Cambiada por otra persona"})])
    button(app, "actors_save").click().run()
    button(app, "actors_delete_confirm").click().run()
    assert not app.exception
    after = {a.id: a for a in list_actors(engine, workspace_id)}
    assert after[first.id].acronym == first.acronym and after[first.id].notes == "Cambiada por otra persona"
    assert second.id in after
    assert app.error[0].value == t("actors.conflict", names=first.name.replace(".", "\\."))
    assert button(app, "actors_save").label == t("actors.save", count=2)  # the typing is still there


def test_a_refused_name_in_the_register_saves_neither_the_edit_nor_the_delete(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = list_actors(engine, workspace_id)[:2]
    app = kit_page(actors_tab, tab="register")
    app.run()
    mark(app, "actors", {"name": ""})  # an actor needs a name
    button(app, "actors_save").click().run()
    button(app, "actors_delete_confirm").click().run()
    assert not app.exception and app.error
    after = {a.id: a for a in list_actors(engine, workspace_id)}
    assert after[first.id].name == first.name and second.id in after


def test_the_register_adds_an_actor(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(actors_tab, tab="register")
    app.run()
    form = app.main.get("form")[0]
    form.text_input[0].set_value("Red de Prueba de Pestañas")
    form.button[0].click()
    app.run()
    assert not app.exception and not app.error
    assert "Red de Prueba de Pestañas" in {a.name for a in list_actors(engine, workspace_id)}


def test_a_viewer_reads_the_register_without_saving(kit_page, kit_store):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", "viewer")
    app = kit_page(actors_tab, tab="register")
    app.session_state["person"] = access.Person(user_id, "lectora")
    app.run()
    assert not app.exception and not app.error
    assert not app.data_editor and not [b for b in app.button if b.key == "actors_save"]


# -- the relations ---------------------------------------------------------------------------


def test_the_relations_save_an_edit_and_a_delete_together_after_asking(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = list_relations(engine, workspace_id)[:2]
    app = kit_page(actors_tab, tab="relations")
    app.run()
    assert not app.exception and not app.error
    assert app.caption[0].value == t("relations.count", count=format_number(len(list_relations(engine, workspace_id))))
    mark(app, "relations", {"description": "Revisada"})
    button(app, "relations_save").click().run()
    assert second.id in {r.id for r in list_relations(engine, workspace_id)}  # it asks first
    button(app, "relations_delete_confirm").click().run()
    assert not app.exception and not app.error
    after = {r.id: r for r in list_relations(engine, workspace_id)}
    assert after[first.id].description == "Revisada" and second.id not in after
    assert app.success[0].value == t("actors.saved", saved=1, deleted=1)


def test_a_conflict_in_the_relations_saves_neither_the_edit_nor_the_delete(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = list_relations(engine, workspace_id)[:2]
    app = kit_page(actors_tab, tab="relations")
    app.run()
    mark(app, "relations", {"description": "Revisada"})
    save_relation_edits(engine, workspace_id, [Edit(first.id, first.version, {"strength": 1})])
    button(app, "relations_save").click().run()
    button(app, "relations_delete_confirm").click().run()
    assert not app.exception
    after = {r.id: r for r in list_relations(engine, workspace_id)}
    assert after[first.id].description == first.description and after[first.id].strength == 1
    assert second.id in after
    assert app.error[0].value == t("relations.conflict")


def test_the_relations_narrow_to_one_actor(kit_page, kit_store):
    engine, workspace_id = kit_store
    relations = list_relations(engine, workspace_id)
    focus = relations[0].source
    own = [r for r in relations if focus in (r.source, r.target)]
    app = kit_page(actors_tab, tab="relations")
    app.run()
    app.selectbox(key="relations_focus").set_value(focus).run()
    assert not app.exception
    assert app.caption[0].value == t("relations.count", count=format_number(len(own)))


# -- one actor's record ----------------------------------------------------------------------


def test_the_record_shows_an_actors_fields_and_relations(kit_page, kit_store):
    """The record's whole story is tested in test_actor_record.py; here, the tab as the page draws it."""
    from toolkit.record import TIE_COLUMNS, headers

    engine, workspace_id = kit_store
    relations = list_relations(engine, workspace_id)
    actor = next(a for a in list_actors(engine, workspace_id) if a.id == relations[0].source)
    own = [r for r in relations if actor.id in (r.source, r.target)]
    app = kit_page(actors_tab, tab="record")
    app.run()
    assert not app.exception and not app.subheader  # nothing until an actor is chosen
    app.selectbox(key="record_actor").set_value(actor.id).run()
    assert not app.exception
    assert app.subheader[0].value == actor.name
    assert t("record.relations", count=len(own)) in [tab.label for tab in app.tabs]
    ties = next(d.value for d in app.dataframe if list(d.value.columns) == headers("ties", TIE_COLUMNS))
    assert len(ties) == len(own)
    assert app.text_input(key=f"record_fields_{actor.id}_0_name").value == actor.name  # the fields, editable


# -- the import wizard -----------------------------------------------------------------------


def test_the_import_tab_starts_with_the_upload(kit_page):
    app = kit_page(actors_tab, tab="import_wizard")
    app.run()
    assert not app.exception and not app.error
    assert app.markdown[0].value == t("import.intro")
    assert len(app.get("file_uploader")) == 1
    assert not app.subheader  # no step 2 before a file


def test_a_viewer_gets_a_note_and_no_uploader(kit_page, kit_store):
    """Security probe (issue 12): a viewer could upload a hostile file and take the server down;
    the import is a write, so a viewer is not offered the wizard at all."""
    engine, workspace_id = kit_store
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", "viewer")
    app = kit_page(actors_tab, tab="import_wizard")
    app.session_state["person"] = access.Person(user_id, "lectora")
    app.run()
    assert not app.exception and not app.error
    assert [i.value for i in app.info] == [t("import.viewer_only")]
    assert not app.get("file_uploader") and not app.subheader


def test_the_import_steps_walk_a_file_to_the_register(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(import_steps, data=CSV)
    app.run()
    assert not app.exception and not app.error
    assert [h.value for h in app.subheader] == [t(f"import.step{n}") for n in (2, 3, 5, 6, 7)]
    assert app.metric[0].value == "2"
    button(app, "import_confirm").click().run()
    assert not app.exception and not app.error
    names = {a.name for a in list_actors(engine, workspace_id)}
    assert {"Colectivo Prueba de Pestañas", "Fundación Prueba de Pestañas"} <= names
    assert app.session_state["import_done"].startswith(t("import.confirm.done", added=2, merged=0, relations=0)[:20])


def test_the_import_shows_the_new_plan_when_the_register_changed_since_it_was_shown(kit_page, kit_store):
    """Security probe (issue 12): the import stored a plan made before the workspace was locked.
    Now what is stored is planned after the lock; when that plan differs from the one on the
    screen (someone saved meanwhile), nothing is stored and the new plan is said."""
    engine, workspace_id = kit_store
    app = kit_page(import_steps, data=CSV)
    app.run()
    assert [m.value for m in app.metric[-4:]] == ["2", "0", "0", "0"]  # new, combined, completed, relations
    add_actor(engine, workspace_id, Actor("Colectivo Prueba de Pestañas"))  # another person, meanwhile
    before = {a.name for a in list_actors(engine, workspace_id)}
    button(app, "import_confirm").click().run()
    assert not app.exception and not app.error
    assert [w.value for w in app.warning] == [t("import.confirm.replanned", added=1, merged=1, skipped=0, relations=0)]
    assert {a.name for a in list_actors(engine, workspace_id)} == before  # nothing stored
    button(app, "import_confirm").click().run()
    assert not app.exception and not app.error and not app.warning
    names = [a.name for a in list_actors(engine, workspace_id)]
    assert names.count("Colectivo Prueba de Pestañas") == 1 and "Fundación Prueba de Pestañas" in names
    assert app.session_state["import_done"].startswith(t("import.confirm.done", added=1, merged=1, relations=0))


# -- the downloads ---------------------------------------------------------------------------


def test_the_downloads_offer_six_files(kit_page):
    app = kit_page(actors_tab, tab="downloads")
    app.run()
    assert not app.exception and not app.error
    assert len(app.get("download_button")) == 6
    assert app.markdown[0].value == t("export.intro")
