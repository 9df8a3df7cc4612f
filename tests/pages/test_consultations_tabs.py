"""Each tab of Consultas run alone (``show(chosen)`` of its module) on the Medellín sample; its two
editable tables save their edits and deletes together or not at all, deleting after a question."""

import pytest

from toolkit.consultations import contribution_rows, participant_rows, row_edits
from toolkit.i18n import t
from toolkit.store.consultations import (
    list_consultations,
    list_contributions,
    list_participants,
    save_contribution_edits,
    save_participant_edits,
)
from toolkit.store.register import list_actors

HELD = "Taller multiactor: bases de la política de internacionalización de Medellín"


def tab_page(tab: str):
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.consultations import contributions, convene, new, participants, plan, synthesis
    from pages.consultations.chosen import Chosen, load
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.consultations")
    show_notice("consultations")
    if tab == "new":
        new.show(ctx, expanded=True)
        return
    data = load(ctx)
    held = next((c for c in data.consultations if c.title.startswith("Taller multiactor")), None)
    if held is None:  # deleted by the test
        return
    tabs = {"plan": plan, "participants": participants, "convene": convene, "contributions": contributions}
    tabs.get(tab, synthesis).show(Chosen(data, held))


def held(kit_store):
    engine, workspace_id = kit_store
    return next(c for c in list_consultations(engine, workspace_id) if c.title == HELD)


def open_tab(kit_page, tab):
    app = kit_page(tab_page, tab=tab)
    app.run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def button(app, key):
    return next(b for b in app.button if b.key == key)


# -- each tab alone ----------------------------------------------------------------------------


def test_a_new_consultation_alone(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = open_tab(kit_page, "new")
    app.text_input(key="consultations_new_title").input("Foro juvenil")
    button(app, "consultations_new_create").click().run()
    assert app.success[0].value == t("consultations.new.done", title="Foro juvenil")
    created = next(c for c in list_consultations(engine, workspace_id) if c.title == "Foro juvenil")
    assert created.targets and app.session_state["consultations_current"] == created.id


def test_the_plan_tab_alone_refuses_an_empty_title_in_its_own_words(kit_page, kit_store):
    app = open_tab(kit_page, "plan")
    assert button(app, "consultations_targets_save") and button(app, "consultations_delete")
    app.text_input[0].input("")  # the plan's title
    app.button[0].click().run()  # the form's submit button comes first
    assert [e.value for e in app.error] == [t("consultations.errors.title_required")]
    assert held(kit_store).title == HELD


def test_the_plan_tab_alone_deletes_after_the_question(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = open_tab(kit_page, "plan")
    button(app, "consultations_delete").click().run()
    assert held(kit_store).title == HELD  # asked first
    button(app, "consultations_delete_confirm").click().run()
    assert not app.exception
    assert HELD not in [c.title for c in list_consultations(engine, workspace_id)]


def test_the_participants_tab_alone_adds_by_filter(kit_page, kit_store):
    engine, workspace_id = kit_store
    before = len(list_participants(engine, workspace_id, held(kit_store).id))
    app = open_tab(kit_page, "participants")
    missing = t("consultations.coverage.missing", what="", count=0, minimum=1).split("**")[-2]
    assert any(missing in m.value for m in app.markdown)
    app.multiselect(key="consultations_f_sectors").set_value(["academia"]).run()
    add = button(app, "consultations_add_filtered")
    if add.disabled:  # every academic actor is already on the list: a scale then
        app.multiselect(key="consultations_f_sectors").set_value([]).run()
        app.multiselect(key="consultations_f_scales").set_value(["international"]).run()
        add = button(app, "consultations_add_filtered")
    add.click().run()
    assert not app.exception and app.success
    assert len(list_participants(engine, workspace_id, held(kit_store).id)) > before


def test_the_convene_tab_alone_changes_statuses_in_bulk(kit_page, kit_store):
    engine, workspace_id = kit_store
    consultation = held(kit_store)
    app = open_tab(kit_page, "convene")
    key = f"consultations_bulk_{consultation.id}"
    app.selectbox(key=f"{key}_from").set_value("attended")
    button(app, f"{key}_select").click().run()
    chosen = app.multiselect(key=key).value
    assert chosen
    app.selectbox(key=f"{key}_to").set_value("no_show")
    button(app, f"{key}_apply").click().run()
    statuses = {p.id: p.status for p in list_participants(engine, workspace_id, consultation.id)}
    assert {statuses[i] for i in chosen} == {"no_show"}


def test_the_contributions_tab_alone_notes_a_contribution(kit_page, kit_store):
    engine, workspace_id = kit_store
    consultation = held(kit_store)
    before = len(list_contributions(engine, workspace_id, consultation.id))
    app = open_tab(kit_page, "contributions")
    app.text_area(key="consultations_said_text").input("Una mesa permanente con las universidades.")
    next(b for b in app.button if b.key and b.key.startswith("FormSubmitter:consultations_said_form")).click().run()
    assert app.success[0].value == t("consultations.said.saved")
    assert len(list_contributions(engine, workspace_id, consultation.id)) == before + 1


def test_the_synthesis_tab_alone(kit_page, kit_store):
    app = open_tab(kit_page, "synthesis")
    consultation = held(kit_store)
    assert [m.label for m in app.metric][:2] == [
        t("consultations.synthesis.invited"),
        t("consultations.synthesis.attended"),
    ]
    assert button(app, f"consultations_feedback_{consultation.id}")
    assert any(b.key and b.key.startswith("consultations_to_roadmap_add_") for b in app.button) or any(
        c.value == t("roadmap.from_commitments.all_there") for c in app.caption
    )


# -- the participants table ------------------------------------------------------------------


def participants(kit_store):
    engine, workspace_id = kit_store
    return participant_rows(
        list_participants(engine, workspace_id, held(kit_store).id), list_actors(engine, workspace_id)
    )


def edit_participants(app, change):
    app.session_state["consultations_participants_editor_0"] = {
        "edited_rows": {0: change, 1: {"remove": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert button(app, "consultations_participants_save").label == t("consultations.convene.save", count=2)


def test_participants_saved_and_removed_together_after_the_question(kit_page, kit_store):
    first, second = participants(kit_store)[:2]
    app = open_tab(kit_page, "convene")
    edit_participants(app, {"notes": "Llega tarde"})
    button(app, "consultations_participants_save").click().run()
    assert participants(kit_store)[0]["notes"] == first["notes"]  # asked first
    assert t("consultations.convene.remove_question", count=1) in [m.value for m in app.markdown]
    button(app, "consultations_participants_delete_confirm").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    after = {row["id"]: row for row in participants(kit_store)}
    assert after[first["id"]]["notes"] == "Llega tarde" and second["id"] not in after
    assert app.success[0].value == t("consultations.convene.saved", saved=1, deleted=1)


@pytest.mark.parametrize("refusal", ["conflict", "bad_value"])
def test_a_refused_participants_save_keeps_both_the_edits_and_the_removal(kit_page, kit_store, refusal):
    engine, workspace_id = kit_store
    rows = participants(kit_store)
    first, second = rows[:2]
    app = open_tab(kit_page, "convene")
    edit_participants(app, {"notes": "Llega tarde"} if refusal == "conflict" else {"status": "lost"})
    if refusal == "conflict":  # meanwhile someone else changes the first participant
        edits, _ = row_edits(rows, [{**first, "attendee": "Otra persona"}], ("attendee",), "remove")
        assert save_participant_edits(engine, workspace_id, edits).ok
    button(app, "consultations_participants_save").click().run()
    button(app, "consultations_participants_delete_confirm").click().run()
    assert not app.exception
    after = {row["id"]: row for row in participants(kit_store)}
    assert second["id"] in after and after[first["id"]]["notes"] == first["notes"]
    expected = (
        t("errors.conflict", names=first["name"].replace(".", "\\."))
        if refusal == "conflict"
        else t("consultations.errors.bad_invitation_status")
    )
    assert [e.value for e in app.error] == [expected]


# -- the contributions table -----------------------------------------------------------------


def contributions(kit_store):
    engine, workspace_id = kit_store
    return contribution_rows(list_contributions(engine, workspace_id, held(kit_store).id))


def edit_contributions(app, change):
    app.session_state["consultations_said_table_editor_0"] = {
        "edited_rows": {0: change, 1: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert button(app, "consultations_said_table_save").label == t("consultations.convene.save", count=2)


def test_contributions_saved_and_deleted_together_after_the_question(kit_page, kit_store):
    first, second = contributions(kit_store)[:2]
    app = open_tab(kit_page, "contributions")
    edit_contributions(app, {"response": "Se incorporó al plan."})
    button(app, "consultations_said_table_save").click().run()
    assert contributions(kit_store)[0]["response"] == first["response"]  # asked first
    assert t("consultations.said.delete_question", count=1) in [m.value for m in app.markdown]
    button(app, "consultations_said_table_delete_confirm").click().run()
    assert not app.exception and not app.error, [e.value for e in app.error]
    after = {row["id"]: row for row in contributions(kit_store)}
    assert after[first["id"]]["response"] == "Se incorporó al plan." and second["id"] not in after
    assert app.success[0].value == t("consultations.said.table_saved", saved=1, deleted=1)


@pytest.mark.parametrize("refusal", ["conflict", "bad_value"])
def test_a_refused_contributions_save_keeps_both_the_edits_and_the_delete(kit_page, kit_store, refusal):
    engine, workspace_id = kit_store
    rows = contributions(kit_store)
    first, second = rows[:2]
    app = open_tab(kit_page, "contributions")
    edit_contributions(app, {"response": "Se incorporó al plan."} if refusal == "conflict" else {"text": ""})
    if refusal == "conflict":  # meanwhile someone else changes the first contribution
        edits, _ = row_edits(rows, [{**first, "theme": "Otro tema"}], ("theme",), "delete")
        assert save_contribution_edits(engine, workspace_id, edits).ok
    button(app, "consultations_said_table_save").click().run()
    button(app, "consultations_said_table_delete_confirm").click().run()
    assert not app.exception
    after = {row["id"]: row for row in contributions(kit_store)}
    assert second["id"] in after and after[first["id"]]["response"] == first["response"]
    if refusal == "bad_value":
        assert [e.value for e in app.error] == [t("consultations.errors.text_required")]
    else:
        assert len(app.error) == 1 and after[first["id"]]["theme"] == "Otro tema"
