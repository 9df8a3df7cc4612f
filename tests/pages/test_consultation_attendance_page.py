"""Consultas offers attendance only for a consultation that took place (issue 16): the sample's
round table of 4 March 2027 is after the suite's today (2026-11-22); its workshop of September was
held and has attendance, so its plan no longer offers "En preparación"."""

from toolkit.i18n import t
from toolkit.store.consultations import list_consultations, list_participants

COMING = "Mesa de diálogo"
HELD = "Taller multiactor"


def tab_page(tab: str, title: str):
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.consultations import convene, plan
    from pages.consultations.chosen import Chosen, load
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.consultations")
    show_notice("consultations")
    data = load(ctx)
    consultation = next(c for c in data.consultations if c.title.startswith(title))
    {"plan": plan, "convene": convene}[tab].show(Chosen(data, consultation))


def consultation(kit_store, title):
    engine, workspace_id = kit_store
    return next(c for c in list_consultations(engine, workspace_id) if c.title.startswith(title))


def open_tab(kit_page, tab, title):
    app = kit_page(tab_page, tab=tab, title=title)
    app.run()
    assert not app.exception, app.exception
    return app


def test_a_consultation_still_to_come_offers_no_attendance(kit_page, kit_store):
    coming = consultation(kit_store, COMING)
    app = open_tab(kit_page, "convene", COMING)
    to = app.selectbox(key=f"consultations_bulk_{coming.id}_to")
    assert t("vocab.invitation_statuses.attended") not in to.options
    assert t("vocab.invitation_statuses.no_show") not in to.options
    assert t("vocab.invitation_statuses.confirmed") in to.options
    assert t("consultations.import.report.not_held") in [i.value for i in app.info]
    assert not [u for u in app.get("file_uploader")]  # no attendance list to import yet


def test_attendance_typed_into_the_table_of_a_consultation_to_come_is_refused(kit_page, kit_store):
    engine, workspace_id = kit_store
    coming = consultation(kit_store, COMING)
    app = open_tab(kit_page, "convene", COMING)
    app.session_state["consultations_participants_editor_0"] = {
        "edited_rows": {0: {"status": "attended"}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    next(b for b in app.button if b.key == "consultations_participants_save").click().run()
    assert t("consultations.errors.attendance_before_held") in [e.value for e in app.error]
    assert "attended" not in {p.status for p in list_participants(engine, workspace_id, coming.id)}


def test_a_held_consultation_with_attendance_is_not_offered_preparation(kit_page, kit_store):
    app = open_tab(kit_page, "convene", HELD)
    assert app.get("file_uploader")  # the attendance list can be imported
    app = open_tab(kit_page, "plan", HELD)
    status = app.selectbox[2]
    assert status.label == t("consultations.fields.status")
    assert t("vocab.consultation_statuses.draft") not in status.options
    assert t("vocab.consultation_statuses.held") in status.options
