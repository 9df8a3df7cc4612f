"""Actividad offers to undo an import (issue 13): an editor sees "Deshacer esta importación" on
the import's entry, confirms it in a dialog and reads what was undone; a refusal names the actors
that changed since; a viewer is not offered the button."""

from tests.conftest import build_xlsx
from tests.pages.test_actors_tabs import button
from toolkit import access
from toolkit.domain import Actor
from toolkit.i18n import t
from toolkit.importing import check_file, import_preview
from toolkit.markdown import escape
from toolkit.store.accounts import create_user, set_member
from toolkit.store.edits import Edit
from toolkit.store.register import add_actor, list_actors, save_actor_edits

LIST = {"Actores": [["Nombre", "Ciudad"], ["Fundación Inventada del Río", "Cali"], ["Red Ficticia de Huertas", ""]]}


def activity_page():
    import runpy

    runpy.run_path("pages/activity.py")


def imported(engine, workspace_id) -> int:
    preview = check_file(engine, workspace_id, build_xlsx(LIST), "lista.xlsx")
    return import_preview(engine, workspace_id, preview, label="lista.xlsx").stored.change_id


def test_an_editor_undoes_an_import_from_the_feed_after_confirming(kit_page, kit_store):
    engine, workspace_id = kit_store
    before = {a.name for a in list_actors(engine, workspace_id)}
    change_id = imported(engine, workspace_id)
    app = kit_page(activity_page)
    app.run()
    assert not app.exception and not app.error
    assert t("undo.heading") in [h.value for h in app.subheader]
    undo = button(app, f"activity_undo_{change_id}")
    assert undo.label == t("undo.button")
    undo.click().run()
    assert {a.name for a in list_actors(engine, workspace_id)} - before  # nothing yet: it asks first
    assert t("undo.confirm_text", label=escape("lista.xlsx")) in [w.value for w in app.warning]
    button(app, "activity_undo_confirm").click().run()
    assert not app.exception and not app.error
    assert {a.name for a in list_actors(engine, workspace_id)} == before
    assert t("undo.done", label=escape("lista.xlsx"), removed=2, restored=0, relations=0) in [
        s.value for s in app.success
    ]
    assert not [b for b in app.button if b.key == f"activity_undo_{change_id}"]  # undone: no longer offered
    feed = list(app.dataframe[0].value.iloc[:, 1])
    said = t("undo.feed_undone", who=t("activity.local_user"), label="lista.xlsx", removed=2, restored=0, relations=0)
    assert feed[0] == said


def test_an_undo_refused_names_the_actor_changed_since(kit_page, kit_store):
    engine, workspace_id = kit_store
    change_id = imported(engine, workspace_id)
    created = next(a for a in list_actors(engine, workspace_id) if a.name == "Red Ficticia de Huertas")
    save_actor_edits(engine, workspace_id, [Edit(created.id, created.version, {"city": "Buga"})])
    app = kit_page(activity_page)
    app.run()
    button(app, f"activity_undo_{change_id}").click().run()
    button(app, "activity_undo_confirm").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [t("errors.import_changed_since", names=escape("«Red Ficticia de Huertas»"))]
    assert "Red Ficticia de Huertas" in {a.name for a in list_actors(engine, workspace_id)}


def test_a_viewer_is_not_offered_the_undo(kit_page, kit_store):
    engine, workspace_id = kit_store
    add_actor(engine, workspace_id, Actor("Cooperativa Previa"))
    imported(engine, workspace_id)
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", "viewer")
    app = kit_page(activity_page)
    app.session_state["person"] = access.Person(user_id, "lectora")
    app.run()
    assert not app.exception and not app.error
    assert not [b for b in app.button if (b.key or "").startswith("activity_undo")]
    assert t("undo.heading") not in [h.value for h in app.subheader]
