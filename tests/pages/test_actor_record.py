"""Actores › Ficha del actor on the sample, as a person uses it: the record of an actor with a year of
history shows its contacts and its assessment chart; a meeting logged from the record (with a next
step) is in the history and in the store, and the form is empty again; editing a field saves it;
a re-assessment makes the history grow; a viewer sees no form; a link ``?actor=<id>`` opens it."""

import json
from collections import Counter
from datetime import date, timedelta

from toolkit import access
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.record import ASSESSMENT_COLUMNS, CONTACT_COLUMNS, headers
from toolkit.store.accounts import create_user, set_member
from toolkit.store.edits import Edit
from toolkit.store.engagement import InteractionFilter, list_assessments, list_interactions
from toolkit.store.register import list_actors, save_actor_edits

TODAY = date(2026, 11, 22)  # HOJA_TODAY of the suite (tests/conftest.py)


def record_tab():
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.actors import record
    from pages.actors.cached import register_of
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("actors.title")
    show_notice("actors")
    actors, relations = register_of(ctx)
    record.show(ctx, actors, relations)


def busiest(engine, workspace_id):
    """The sample's actor re-assessed most often, then with the most contacts: a story to show."""
    contacts = Counter(a for i in list_interactions(engine, workspace_id) for a in i.actors)
    assessed = Counter(a.actor_id for a in list_assessments(engine, workspace_id))
    actor_id = max(contacts, key=lambda a: (assessed[a], contacts[a]))
    return next(a for a in list_actors(engine, workspace_id) if a.id == actor_id)


def opened(kit_page, actor, **session):
    app = kit_page(record_tab)
    for name, value in session.items():
        app.session_state[name] = value
    app.run()
    app.selectbox(key="record_actor").set_value(actor.id).run()
    assert not app.exception, app.exception
    return app


def table(app, section: str, columns):
    """The record's table of one section, found by its column titles."""
    wanted = headers(section, columns)
    return next(d.value for d in app.dataframe if list(d.value.columns) == wanted)


def by_label(widgets, key: str):
    return next(w for w in widgets if w.label == t(key))


def button(app, label_key: str):
    return next(b for b in app.button if b.label == t(label_key))


def test_the_record_of_a_sample_actor_shows_its_history_and_assessment_chart(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    history = list_interactions(engine, workspace_id, InteractionFilter(actor_id=actor.id))
    assessed = list_assessments(engine, workspace_id, actor.id)
    assert len(history) >= 2 and len(assessed) >= 2  # the sample's year of history
    app = opened(kit_page, actor)
    assert app.subheader[0].value == actor.name
    captions = [c.value for c in app.caption]
    for name in ("stance", "quadrant", "last_contact", "next_step"):
        assert t(f"record.header.{name}") in captions
    contacts = table(app, "contacts", CONTACT_COLUMNS)
    assert len(contacts) == len(history)
    assert contacts.iloc[0][t("record.contacts.column.summary")] == history[0].summary  # newest first
    chart = app.get("plotly_chart")
    figure = json.loads(chart[0].proto.spec)
    assert figure["layout"]["title"]["text"] == t("record.assessments.chart_title")
    assert [len(trace["y"]) for trace in figure["data"]] == [len(assessed)] * 2  # influence and interest


def test_a_meeting_logged_from_the_record_is_stored_shown_and_the_form_is_empty_again(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    before = len(list_interactions(engine, workspace_id, InteractionFilter(actor_id=actor.id)))
    app = opened(kit_page, actor)
    due = TODAY + timedelta(days=3)
    by_label(app.text_area, "contacts.form.summary").input("Reunión sobre el foro de ciudades")
    by_label(app.text_input, "contacts.form.next_step").input("Enviar la agenda del foro")
    by_label(app.date_input, "contacts.form.due").set_value(due)
    button(app, "contacts.form.submit").click().run()
    assert not app.exception and not app.error
    stored = list_interactions(engine, workspace_id, InteractionFilter(actor_id=actor.id))
    assert len(stored) == before + 1
    new = next(i for i in stored if i.summary == "Reunión sobre el foro de ciudades")
    assert (new.kind, new.occurred_on, new.next_step, new.next_step_due) == (
        "meeting",
        TODAY,
        "Enviar la agenda del foro",
        due,
    )
    assert "Enviar la agenda del foro" in app.success[0].value  # the notice says what was saved
    assert "Enviar la agenda del foro" in list(
        table(app, "contacts", CONTACT_COLUMNS)[t("record.contacts.column.next_step")]
    )
    assert by_label(app.text_area, "contacts.form.summary").value == ""  # cleared: no double save
    assert by_label(app.text_input, "contacts.form.next_step").value == ""
    assert by_label(app.date_input, "contacts.form.due").value is None


def test_editing_a_field_in_the_record_saves_it(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    app = opened(kit_page, actor)
    by_label(app.text_input, "columns.city").input("Rionegro")
    button(app, "record.fields.submit").click().run()
    assert not app.exception and not app.error
    saved = next(a for a in list_actors(engine, workspace_id) if a.id == actor.id)
    assert saved.city == "Rionegro" and saved.version == actor.version + 1
    assert app.success[0].value == t("record.fields.saved", name=actor.name)
    audit = next(d.value for d in app.dataframe if t("activity.column_changes") in d.value.columns)
    assert "Rionegro" in audit.iloc[0][t("activity.column_changes")]  # the record's audit, newest first


def test_a_reassessment_makes_the_history_grow(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    before = list_assessments(engine, workspace_id, actor.id)
    app = opened(kit_page, actor)
    rows = len(table(app, "assessments", ASSESSMENT_COLUMNS))
    assess = [s for s in app.selectbox if s.label == t("columns.influence")][-1]  # the assessment form's
    assess.set_value(1)
    by_label(app.text_input, "record.assess.reason").input("Cambio de gobierno")
    button(app, "record.assess.submit").click().run()
    assert not app.exception and not app.error
    after = list_assessments(engine, workspace_id, actor.id)
    assert len(after) == len(before) + 1
    assert (after[-1].influence, after[-1].reason, after[-1].assessed_on) == (1, "Cambio de gobierno", TODAY)
    shown = table(app, "assessments", ASSESSMENT_COLUMNS)
    assert len(shown) == rows + 1 and shown.iloc[0][t("record.assessments.column.reason")] == "Cambio de gobierno"


def test_a_viewer_reads_the_record_and_is_offered_no_form(kit_page, kit_store):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", "viewer")
    actor = busiest(engine, workspace_id)
    app = opened(kit_page, actor, person=access.Person(user_id, "lectora"))
    assert not app.error
    assert not [b for b in app.button if b.label != t("record.brief.download")]  # no submit button
    assert not app.text_area and not app.date_input
    assert len(table(app, "contacts", CONTACT_COLUMNS)) > 0  # the history is read
    assert [d.value.columns[0] for d in app.dataframe][1] == t("record.field")  # the fields, as a table


def test_a_link_with_the_actor_opens_its_record(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    app = kit_page(record_tab)
    app.query_params["actor"] = str(actor.id)
    app.run()
    assert not app.exception
    assert app.selectbox(key="record_actor").value == actor.id
    assert app.subheader[0].value == actor.name


def test_a_hostile_name_is_shown_as_typed(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    hostile = "**Gran** [ONG](javascript:alert(1))"
    save_actor_edits(engine, workspace_id, [Edit(actor.id, actor.version, {"name": hostile})])
    actor = next(a for a in list_actors(engine, workspace_id) if a.id == actor.id)
    app = opened(kit_page, actor)
    assert app.subheader[0].value == escape(hostile)  # markdown read as text: no bold, no link
    label = t("record.contact_form.people", name=escape(hostile))
    assert any(w.label == label for w in app.text_input)


def test_an_edit_over_someone_elses_change_saves_nothing_and_says_so(kit_page, kit_store):
    engine, workspace_id = kit_store
    actor = busiest(engine, workspace_id)
    app = opened(kit_page, actor)
    save_actor_edits(engine, workspace_id, [Edit(actor.id, actor.version, {"city": "Envigado"})])  # a colleague
    by_label(app.text_input, "columns.city").input("Rionegro")
    button(app, "record.fields.submit").click().run()
    assert not app.exception
    assert app.error[0].value == t("record.fields.conflict")
    saved = next(a for a in list_actors(engine, workspace_id) if a.id == actor.id)
    assert saved.city == "Envigado"
    assert by_label(app.text_input, "columns.city").value == "Envigado"  # the form shows the stored actor
