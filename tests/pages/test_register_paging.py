"""The register a page at a time (issue 17): the sample plus 250 actors, 100 rows a page, searched,
filtered and sorted in the store; an edit on page 3 reaches the actor shown there, a colleague's
save in between is still reported, and leaving a page with unsaved changes asks first."""

import pytest

from toolkit.actor_filter import ActorFilter
from toolkit.domain import Actor
from toolkit.i18n import format_number, t
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.edits import Edit
from toolkit.store.register import list_actors, list_actors_page, save_actor_edits

from .test_actors_tabs import actors_tab, button


@pytest.fixture
def big_store(kit_store):
    engine, workspace_id = kit_store
    extra = [Actor(f"Zona de paso {n:03d}", sector="academia" if n % 5 == 0 else None) for n in range(250)]
    import_batch(engine, workspace_id, RegisterBatch(new_actors=extra))
    return engine, workspace_id


def shown(app) -> list[dict]:
    """The rows the editor holds."""
    return app.session_state["actors_snapshot"]["rows"]


def pager_caption(app) -> str:
    return next(c.value for c in app.caption if c.value.startswith("Filas"))


def edit_first_row(app, changes: dict) -> None:
    key = f"actors_editor_{app.session_state['actors_round'] if 'actors_round' in app.session_state else 0}"  # noqa: SIM401 - AppTest's state has no get()
    app.session_state[key] = {"edited_rows": {0: changes}, "added_rows": [], "deleted_rows": []}
    app.run()


def test_the_register_shows_one_page_and_moves_between_pages(kit_page, big_store):
    engine, workspace_id = big_store
    everyone = list_actors(engine, workspace_id)  # by name, as the register's default order
    app = kit_page(actors_tab, tab="register")
    app.run()
    assert not app.exception and not app.error
    assert [r["id"] for r in shown(app)] == [a.id for a in everyone[:100]]
    total = format_number(len(everyone))
    assert app.caption[0].value == t("actors.count", shown=total, total=total)
    pages = format_number(-(-len(everyone) // 100))
    assert pager_caption(app) == t("register.rows", first="1", last="100", total=total, page="1", pages=pages)
    assert button(app, "actors_previous").disabled
    button(app, "actors_next").click().run()
    button(app, "actors_next").click().run()
    assert [r["id"] for r in shown(app)] == [a.id for a in everyone[200:300]]
    assert pager_caption(app) == t("register.rows", first="201", last="300", total=total, page="3", pages=pages)
    while not button(app, "actors_next").disabled:
        button(app, "actors_next").click().run()
    assert [r["id"] for r in shown(app)] == [a.id for a in everyone[300:]]
    button(app, "actors_previous").click().run()
    assert [r["id"] for r in shown(app)] == [a.id for a in everyone[200:300]]


def test_filters_and_order_are_applied_in_the_store_and_start_at_the_first_page(kit_page, big_store):
    engine, workspace_id = big_store
    app = kit_page(actors_tab, tab="register")
    app.run()
    button(app, "actors_next").click().run()
    app.multiselect(key="actors_sectors").set_value(["academia"]).run()
    app.selectbox(key="actors_sort").set_value("newest").run()
    expected, total = list_actors_page(engine, workspace_id, ActorFilter(sectors=("academia",)), "newest", 0, 100)
    assert [r["id"] for r in shown(app)] == [a.id for a in expected]
    assert app.caption[0].value == t(
        "actors.count", shown=format_number(total), total=format_number(len(list_actors(engine, workspace_id)))
    )
    assert shown(app)[0]["name"] == "Zona de paso 245"  # the newest academic actor first
    app.text_input(key="actors_query").set_value("paso 24").run()
    assert sorted(r["name"] for r in shown(app)) == ["Zona de paso 240", "Zona de paso 245"]
    assert not [b for b in app.button if b.key == "actors_next"]  # one page: no pager


def test_an_edit_on_page_3_is_saved_to_the_actor_shown_there(kit_page, big_store):
    engine, workspace_id = big_store
    app = kit_page(actors_tab, tab="register")
    app.run()
    button(app, "actors_next").click().run()
    button(app, "actors_next").click().run()
    target = shown(app)[0]
    edit_first_row(app, {"notes": "Editada en la página 3"})
    assert button(app, "actors_save").label == t("actors.save", count=1)
    button(app, "actors_save").click().run()
    assert not app.exception and not app.error
    after = {a.id: a for a in list_actors(engine, workspace_id)}
    assert after[target["id"]].notes == "Editada en la página 3"
    assert [a.id for a in after.values() if a.notes == "Editada en la página 3"] == [target["id"]]
    assert app.success[0].value == t("actors.saved", saved=1, deleted=0)
    assert shown(app)[0]["id"] == target["id"]  # still on page 3


def test_a_conflict_on_page_3_is_still_reported_and_saves_nothing(kit_page, big_store):
    engine, workspace_id = big_store
    app = kit_page(actors_tab, tab="register")
    app.run()
    button(app, "actors_next").click().run()
    button(app, "actors_next").click().run()
    target = shown(app)[0]
    edit_first_row(app, {"acronym": "MÍA"})
    save_actor_edits(engine, workspace_id, [Edit(target["id"], target["version"], {"notes": "De un colega"})])
    app.run()  # the colleague's save bumps the revision: the rows being edited stay
    button(app, "actors_save").click().run()
    assert not app.exception
    stored = next(a for a in list_actors(engine, workspace_id) if a.id == target["id"])
    assert (stored.acronym, stored.notes) == (target["acronym"], "De un colega")
    assert app.error[0].value == t("actors.conflict", names=target["name"])


def test_leaving_a_page_with_unsaved_changes_asks_first(kit_page, big_store):
    engine, workspace_id = big_store
    app = kit_page(actors_tab, tab="register")
    app.run()
    first_page = [r["id"] for r in shown(app)]
    edit_first_row(app, {"notes": "Sin guardar"})
    button(app, "actors_next").click().run()
    assert [r["id"] for r in shown(app)] == first_page  # the rows being edited stay on screen
    assert app.warning[0].value == t("register.held")
    assert button(app, "actors_save").label == t("actors.save", count=1)
    button(app, "actors_discard").click().run()
    assert not app.warning
    assert [r["id"] for r in shown(app)] != first_page and len(shown(app)) == 100
    assert "Sin guardar" not in {a.notes for a in list_actors(engine, workspace_id)}


def test_saving_the_held_changes_goes_on_to_the_page_asked_for(kit_page, big_store):
    engine, workspace_id = big_store
    app = kit_page(actors_tab, tab="register")
    app.run()
    target = shown(app)[0]
    edit_first_row(app, {"notes": "Guardada antes de pasar"})
    button(app, "actors_next").click().run()
    button(app, "actors_save").click().run()
    assert not app.exception and not app.error
    assert next(a for a in list_actors(engine, workspace_id) if a.id == target["id"]).notes == "Guardada antes de pasar"
    assert pager_caption(app).startswith("Filas 101–200")


def test_a_theme_a_colleague_adds_is_offered_in_the_filter_at_the_next_rerun(kit_page, big_store):
    engine, workspace_id = big_store
    app = kit_page(actors_tab, tab="register")
    app.run()
    assert "Turismo de prueba" not in app.multiselect(key="actors_themes").options
    someone = list_actors(engine, workspace_id)[5]
    save_actor_edits(engine, workspace_id, [Edit(someone.id, someone.version, {"themes": ["Turismo de prueba"]})])
    app.run()
    assert "Turismo de prueba" in app.multiselect(key="actors_themes").options
    app.multiselect(key="actors_themes").set_value(["Turismo de prueba"]).run()
    assert [r["id"] for r in shown(app)] == [someone.id]
