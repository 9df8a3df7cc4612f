"""The one contact form (pages/contacts/form.py) in the two places that offer it, for what only one
place's tests covered before: the record's form stores the other actors present and starts empty;
a refused save keeps what was typed in the record too; Contactos shows a hostile actor name as
typed in the box of its people, as the record does."""

from tests.pages.test_actor_record import busiest, opened
from tests.pages.test_contacts_page import contacts_tab, no_trouble
from toolkit.domain import Actor
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.edits import Edit
from toolkit.store.engagement import list_interactions
from toolkit.store.register import list_actors, save_actor_edits


def other_than(engine, workspace_id, actor) -> Actor:
    return next(a for a in list_actors(engine, workspace_id) if a.id != actor.id)


def test_the_records_form_stores_the_others_present_and_is_empty_again(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    other = other_than(engine, workspace_id, actor)
    before = len(list_interactions(engine, workspace_id))
    app = opened(kit_page, actor)
    key = f"record_contact_{actor.id}_0"
    # the search says what it looks for: the record's own actor is already there
    assert app.text_input(key=f"{key}_others_search").label == "Buscar otros actores presentes por nombre"
    app.text_input(key=f"{key}_others_search").input(other.name).run()  # the sample's 90 names: search, then pick
    app.multiselect(key=f"{key}_others").set_value([other.id]).run()
    app.text_input(key=f"{key}_people").input("Dirección de cooperación")
    app.text_area(key=f"{key}_summary").input("Mesa de cooperación con dos aliados")
    next(b for b in app.button if b.label == t("contacts.form.submit")).click().run()
    no_trouble(app)
    stored = list_interactions(engine, workspace_id)
    assert len(stored) == before + 1
    new = next(i for i in stored if i.summary == "Mesa de cooperación con dos aliados")
    assert new.actors == {actor.id: "Dirección de cooperación", other.id: ""}  # nobody of the other named
    assert escape(other.name) in app.success[0].value  # the notice names both
    again = f"record_contact_{actor.id}_1"
    assert app.multiselect(key=f"{again}_others").value == []
    assert app.text_input(key=f"{again}_others_search").value == ""
    assert app.text_input(key=f"{again}_people").value == ""


def test_a_refused_save_in_the_record_keeps_what_was_typed(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    before = len(list_interactions(engine, workspace_id))
    app = opened(kit_page, actor)
    key = f"record_contact_{actor.id}_0"
    app.date_input(key=f"{key}_date").set_value(None)
    app.text_area(key=f"{key}_summary").input("Llamada sin fecha")
    next(b for b in app.button if b.label == t("contacts.form.submit")).click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [t("engagement.errors.interaction_date_required")]
    assert app.text_area(key=f"{key}_summary").value == "Llamada sin fecha"  # same keys: kept
    assert len(list_interactions(engine, workspace_id)) == before


def test_contactos_shows_a_hostile_name_as_typed_in_the_box_of_its_people(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = list_actors(engine, workspace_id)[0]
    hostile = "**Gran** [ONG](javascript:alert(1))"
    save_actor_edits(engine, workspace_id, [Edit(actor.id, actor.version, {"name": hostile})])
    app = kit_page(contacts_tab, tab="record")
    app.run()
    app.text_input(key="contacts_form_0_actors_search").input("Gran").run()
    app.multiselect(key="contacts_form_0_actors").set_value([actor.id]).run()
    no_trouble(app)
    assert app.text_input(key=f"contacts_form_0_people_{actor.id}").label == t(
        "contacts.form.people", actor=escape(hostile)
    )
