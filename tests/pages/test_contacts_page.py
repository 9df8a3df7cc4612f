"""Contactos, each tab drawn alone on the sample (45 contacts, story day 2026-11-22): the history
filtered in the store and counted, edited and deleted through the table in one transaction (a
refused save stores nothing), read-only for a viewer; the form records a contact with two actors
and is empty again; a calendar file written here shows who matched and who did not, imports, and a
second import of the same file adds nothing."""

from datetime import date

from toolkit import access
from toolkit.i18n import format_number, t
from toolkit.store import bin
from toolkit.store.accounts import create_user, set_member
from toolkit.store.engagement import InteractionFilter, list_interactions
from toolkit.store.register import list_actors


def contacts_tab(tab: str):
    import importlib

    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.contacts import data
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.contacts")
    show_notice("contacts")
    importlib.import_module(f"pages.contacts.{tab}").show(ctx, data.load(ctx))


def capture_review(name: str, data: bytes):
    """The import tab once a file is uploaded (AppTest cannot upload a file)."""
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.contacts import capture
    from pages.contacts import data as contacts_data
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.contacts")
    show_notice("contacts")
    capture.review(ctx, contacts_data.load(ctx), name, data)


def button(app, key: str):
    return next(b for b in app.button if b.key == key)


def counted(app) -> str:
    return next(m.value.strip("*") for m in app.markdown if m.value.startswith("**"))


def no_trouble(app):
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]


# -- the history -----------------------------------------------------------------------------


def test_the_history_is_counted_and_filtered_in_the_store(kit_page, kit_store):
    engine, workspace_id = kit_store
    every = list_interactions(engine, workspace_id)
    app = kit_page(contacts_tab, tab="history")
    app.run()
    no_trouble(app)
    assert counted(app) == t("contacts.history.count", count=format_number(len(every))) == "45 contactos"
    table = app.data_editor[0].value
    assert len(table) == 45 and table["occurred_on"].iloc[0] == max(i.occurred_on for i in every)  # newest first

    aci = next(a for a in list_actors(engine, workspace_id) if a.name.startswith("Agencia de Cooperación e Inversión"))
    app.selectbox(key="contacts_filter_actor").set_value(aci.id).run()
    with_aci = list_interactions(engine, workspace_id, InteractionFilter(actor_id=aci.id))
    assert 0 < len(with_aci) < 45 and counted(app) == t("contacts.history.count", count=len(with_aci))

    app.selectbox(key="contacts_filter_actor").set_value(None).run()
    app.toggle(key="contacts_filter_open").set_value(True).run()
    open_ones = list_interactions(engine, workspace_id, InteractionFilter(open_steps=True))
    assert counted(app) == t("contacts.history.count", count=len(open_ones))
    assert not app.data_editor[0].value["next_step_done"].any()

    app.multiselect(key="contacts_filter_kinds").set_value(["email"]).run()
    app.date_input(key="contacts_filter_start").set_value(date(2026, 11, 1)).run()
    wanted = InteractionFilter(kinds=("email",), start=date(2026, 11, 1), open_steps=True)
    assert counted(app) == t("contacts.history.count", count=len(list_interactions(engine, workspace_id, wanted)))
    app.selectbox(key="contacts_filter_team").set_value("Julián Mejía").run()
    app.date_input(key="contacts_filter_end").set_value(date(2026, 11, 2)).run()
    no_trouble(app)
    assert [i.value for i in app.info] == [t("contacts.history.none")]


def test_an_edit_and_a_delete_are_saved_together_after_asking(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = list_interactions(engine, workspace_id)[:2]
    app = kit_page(contacts_tab, tab="history")
    app.run()
    app.session_state["contacts_table_editor_0"] = {
        "edited_rows": {0: {"next_step_done": True, "agreements": "Acta enviada"}, 1: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert button(app, "contacts_table_save").label == t("contacts.table.save", count=2)
    button(app, "contacts_table_save").click().run()
    assert second.id in {i.id for i in list_interactions(engine, workspace_id)}  # it asks first
    assert t("contacts.table.delete_question", count=1) in [m.value for m in app.markdown]
    button(app, "contacts_table_delete_confirm").click().run()
    no_trouble(app)
    after = {i.id: i for i in list_interactions(engine, workspace_id)}
    assert after[first.id].next_step_done and after[first.id].agreements == "Acta enviada"
    assert second.id not in after and len(after) == 44
    assert [e.label for e in bin.list_bin(engine, workspace_id)] == [second.summary[:80]]
    assert app.success[0].value == t("contacts.table.saved", saved=1, deleted=1)
    assert counted(app) == "44 contactos"


def test_a_refused_save_stores_neither_the_edit_nor_the_delete(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = list_interactions(engine, workspace_id)[:2]
    app = kit_page(contacts_tab, tab="history")
    app.run()
    app.session_state["contacts_table_editor_0"] = {
        "edited_rows": {0: {"summary": "Otra cosa", "occurred_on": None}, 1: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    button(app, "contacts_table_save").click().run()
    button(app, "contacts_table_delete_confirm").click().run()
    assert not app.exception
    assert [e.value for e in app.error] == [t("engagement.errors.interaction_date_required")]
    after = {i.id: i for i in list_interactions(engine, workspace_id)}
    assert after[first.id].summary == first.summary and second.id in after


def test_a_viewer_reads_the_history_and_may_not_record_or_import(kit_page, kit_store):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", "viewer")
    for tab, note in (
        ("history", None),
        ("record", "contacts.form.read_only"),
        ("capture", "contacts.capture.read_only"),
    ):
        app = kit_page(contacts_tab, tab=tab)
        app.session_state["person"] = access.Person(user_id, "lectora")
        app.run()
        no_trouble(app)
        assert not app.data_editor and not [b for b in app.button if b.key == "contacts_table_save"]
        if note:
            assert [i.value for i in app.info] == [t(note)]
            assert not app.get("file_uploader") and not app.multiselect
        else:
            assert len(app.dataframe) == 1 and counted(app) == "45 contactos"


# -- the form --------------------------------------------------------------------------------


def test_the_form_records_a_contact_with_two_actors_and_is_empty_again(kit_page, kit_store):
    engine, workspace_id = kit_store
    actors = {a.name: a.id for a in list_actors(engine, workspace_id)}
    epm, udea = actors["Empresas Públicas de Medellín"], actors["Universidad de Antioquia"]
    app = kit_page(contacts_tab, tab="record")
    app.run()
    no_trouble(app)
    assert app.date_input(key="contacts_form_0_date").value == date(2026, 11, 22)  # today, from the clock
    assert app.text_input(key="contacts_form_0_team").value == ""  # accounts off: nobody to guess
    # the sample's 90 names are more than a list offers: search, pick, search again; the first stays chosen
    app.text_input(key="contacts_form_0_actors_search").input("empresas publicas").run()
    app.multiselect(key="contacts_form_0_actors").set_value([epm]).run()
    app.text_input(key="contacts_form_0_actors_search").input("universidad de antioquia").run()
    app.multiselect(key="contacts_form_0_actors").set_value([epm, udea]).run()
    people = [w for w in app.text_input if w.key.startswith("contacts_form_0_people_")]
    assert [w.label for w in people] == [
        t("contacts.form.people", actor="Empresas Públicas de Medellín"),
        t("contacts.form.people", actor="Universidad de Antioquia"),
    ]
    app.text_input(key=f"contacts_form_0_people_{epm}").set_value("Gerencia de relaciones externas")
    app.selectbox(key="contacts_form_0_kind").set_value("visit")
    app.text_input(key="contacts_form_0_team").set_value("Catalina Ospina")
    app.text_area(key="contacts_form_0_summary").set_value("Visita a la planta de agua con la universidad.")
    app.text_input(key="contacts_form_0_next_step").set_value("Enviar la ficha del proyecto")
    app.date_input(key="contacts_form_0_due").set_value(date(2026, 11, 27))
    app.button[0].click().run()
    no_trouble(app)
    stored = list_interactions(engine, workspace_id)[0]
    assert stored.kind == "visit" and stored.occurred_on == date(2026, 11, 22)
    assert stored.actors == {epm: "Gerencia de relaciones externas", udea: ""}
    assert stored.team_member == "Catalina Ospina" and stored.next_step_due == date(2026, 11, 27)
    assert app.success[0].value.startswith(t("contacts.form.saved", actors="")[:10])
    assert app.multiselect(key="contacts_form_1_actors").value == []  # empty again, under new keys
    assert app.text_input(key="contacts_form_1_actors_search").value == ""
    assert app.text_area(key="contacts_form_1_summary").value == ""
    assert len(list_interactions(engine, workspace_id)) == 46


def test_the_form_refuses_a_contact_without_actors_and_keeps_what_was_typed(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(contacts_tab, tab="record")
    app.run()
    app.text_area(key="contacts_form_0_summary").set_value("Llamada sin actor")
    app.button[0].click().run()
    assert [e.value for e in app.error] == [t("engagement.errors.interaction_actors_required")]
    assert app.text_area(key="contacts_form_0_summary").value == "Llamada sin actor"
    assert len(list_interactions(engine, workspace_id)) == 45


def test_the_form_names_the_signed_in_person_when_accounts_are_on(kit_page, kit_store):
    from toolkit.settings import Settings

    engine, workspace_id = kit_store
    user_id = create_user(engine, "cospina", "una contraseña larga y buena", "Catalina Ospina")
    set_member(engine, workspace_id, "cospina", "editor")
    app = kit_page(contacts_tab, tab="record")
    app.session_state["settings"] = Settings(database_url=str(engine.url), accounts="password")
    app.session_state["person"] = access.Person(user_id, "cospina", "Catalina Ospina")
    app.run()
    no_trouble(app)
    assert app.text_input(key="contacts_form_0_team").value == "Catalina Ospina"


# -- a calendar file -------------------------------------------------------------------------

CALENDAR = (
    "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
            "VERSION:2.0",
            "X-WR-TIMEZONE:America/Bogota",
            "BEGIN:VEVENT",
            "DTSTART:20261118T150000Z",
            "DTEND:20261118T160000Z",
            "UID:reunion-aci-1@google.com",
            'ORGANIZER;CN="Laura Restrepo":mailto:laura.restrepo@equipo.example.net',
            "ATTENDEE;CN=Dirección ACI:mailto:internacional.aci@example.org",
            "ATTENDEE;CN=Pedro Ruiz:mailto:pedro.ruiz@desconocida.example.com",
            "SUMMARY:Reunión de seguimiento con la ACI",
            "END:VEVENT",
            "BEGIN:VEVENT",
            "DTSTART:20261119T150000Z",
            "DTEND:20261119T160000Z",
            "UID:interna-2@google.com",
            'ORGANIZER;CN="Laura Restrepo":mailto:laura.restrepo@equipo.example.net',
            "ATTENDEE;CN=Pedro Ruiz:mailto:pedro.ruiz@desconocida.example.com",
            "SUMMARY:Café con Pedro",
            "END:VEVENT",
            "END:VCALENDAR",
        ]
    )
    + "\r\n"
).encode()


def test_a_calendar_shows_who_matched_and_who_did_not_and_imports_once(kit_page, kit_store):
    engine, workspace_id = kit_store
    actors_before = len(list_actors(engine, workspace_id))
    app = kit_page(capture_review, name="agenda.ics", data=CALENDAR)
    app.run()
    no_trouble(app)
    assert app.info[0].value == t("contacts.capture.found", interactions=1, without=1, unmatched=1)
    proposed, unmatched = (frame.value for frame in app.dataframe)
    assert "Agencia de Cooperación e Inversión" in proposed[t("contacts.columns.actors")].iloc[0]
    assert list(unmatched[t("contacts.capture.address")]) == ["pedro.ruiz@desconocida.example.com"]
    assert len(list_interactions(engine, workspace_id)) == 45  # nothing stored by looking

    button(app, "contacts_capture_import").click().run()
    no_trouble(app)
    assert app.success[0].value == t("contacts.capture.stored", count=1)
    history = list_interactions(engine, workspace_id)
    imported = [i for i in history if i.summary.startswith("Reunión de seguimiento con la ACI")]
    assert len(history) == 46 and [i.occurred_on for i in imported] == [date(2026, 11, 18)]
    assert imported[0].team_member == "Laura Restrepo"
    assert len(list_actors(engine, workspace_id)) == actors_before  # Pedro was never made an actor

    again = kit_page(capture_review, name="agenda.ics", data=CALENDAR)
    again.run()  # the second time, the review says so before anything is clicked, and offers no import
    no_trouble(again)
    assert t("contacts.capture.will_skip", count=1) in [caption.value for caption in again.caption]
    assert [info.value for info in again.info][-1] == t("contacts.capture.all_there")
    assert not [b for b in again.button if b.key == "contacts_capture_import"]
    assert len(list_interactions(engine, workspace_id)) == 46


def test_an_unreadable_file_is_refused_plainly(kit_page):
    app = kit_page(capture_review, name="agenda.ics", data=b"esto no es un calendario")
    app.run()
    assert not app.exception
    assert [e.value for e in app.error] == [t("capture.refused.not_calendar")]
    assert not [b for b in app.button if b.key == "contacts_capture_import"]
