"""The map's Historias tab drawn alone, on the sample: the current view saved with a title and a
note, a saved view moved and deleted after asking, a story made of views and slides, presented,
and offered as PowerPoint and HTML; a viewer presents and downloads but changes nothing."""

from tests.pages.test_actor_map_tabs import map_tab
from toolkit import access
from toolkit.i18n import t
from toolkit.network.view import MapChoices, MapFilter
from toolkit.store.accounts import create_user, set_member
from toolkit.store.stories import default_story, list_stories, list_views


def stories_app(kit_page):
    app = kit_page(map_tab, tab="stories")
    app.session_state["map_drawn"] = MapChoices(colour_by="stance", filter=MapFilter(min_strength=2)).to_dict()
    return app


def button(app, label: str):
    return next(b for b in app.button if b.label == label)


def test_the_current_view_is_saved_with_its_title_and_note(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = stories_app(kit_page)
    app.run()
    assert not app.exception and not app.error
    colour = t("map.colour.stance")
    assert any(colour in c.value for c in app.caption)  # the view the map shows, in words
    app.text_input[0].input("Quién nos acerca a la embajada")
    app.text_area[0].input("Para la reunión del jueves")
    button(app, t("stories.save")).click().run()
    assert not app.exception
    saved = list_views(engine, workspace_id)[-1]
    assert (saved.title, saved.note) == ("Quién nos acerca a la embajada", "Para la reunión del jueves")
    assert saved.spec.colour_by == "stance" and saved.spec.min_strength == 2
    assert t("stories.saved", title="Quién nos acerca a la embajada") in [s.value for s in app.success]


def test_a_saved_view_moves_up_and_is_deleted_after_asking(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = list_views(engine, workspace_id)
    app = stories_app(kit_page)
    app.run()
    app.button(key=f"stories_view_{second.id}_-1").click().run()
    assert not app.exception
    assert [v.id for v in list_views(engine, workspace_id)] == [second.id, first.id]
    app.button(key=f"stories_view_{first.id}_x").click().run()
    assert not app.exception
    assert [v.id for v in list_views(engine, workspace_id)] == [second.id, first.id]  # asked, not yet deleted
    app.button(key="stories_delete_ok").click().run()
    assert [v.id for v in list_views(engine, workspace_id)] == [second.id]


def test_a_story_is_made_presented_and_offered_as_powerpoint_and_html(kit_page, kit_store):
    engine, workspace_id = kit_store
    views = list_views(engine, workspace_id)
    app = stories_app(kit_page)
    app.run()
    app.text_input(key="stories_new_title").input("Informe al concejo")
    app.multiselect(key="stories_new_views").set_value([views[1].id, views[0].id])
    app.button_group(key="stories_new_extras").set_value(["figures"])
    button(app, t("stories.new.submit")).click().run()
    assert not app.exception and not app.error
    made = next(s for s in list_stories(engine, workspace_id) if s.title == "Informe al concejo")
    assert [(s.kind, s.view_id) for s in made.slides] == [
        ("view", views[1].id),
        ("view", views[0].id),
        ("figures", None),
    ]
    app.selectbox(key="stories_chosen").set_value(made.id).run()
    app.toggle(key="stories_present").set_value(True).run()
    assert not app.exception and len(app.get("iframe")) == 1
    downloads = [d.proto.label for d in app.get("download_button")]
    assert t("stories.download_pptx") in downloads and t("stories.download_html") in downloads


def test_a_viewer_presents_the_story_but_changes_nothing(kit_page, kit_store):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "visora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "visora", "viewer")
    app = stories_app(kit_page)
    app.session_state["person"] = access.Person(user_id, "visora")
    app.run()
    assert not app.exception and not app.error
    assert t("stories.viewer") in [i.value for i in app.info]
    assert not app.text_input and not [b for b in app.button if b.label == t("stories.save")]
    assert app.selectbox(key="stories_chosen").value == default_story(engine, workspace_id).id
    app.toggle(key="stories_present").set_value(True).run()
    assert not app.exception and len(app.get("iframe")) == 1
