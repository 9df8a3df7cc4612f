"""Each part of "Hoja de ruta" alone (``pages/roadmap/*.show``) under ``AppTest.from_function``: at a
glance, the timeline, a new milestone, the milestones table (one save stores edits and deletes
together or neither) and the downloads."""

import pytest

from toolkit import access
from toolkit.i18n import t
from toolkit.store.accounts import create_user, set_member
from toolkit.store.edits import Edit
from toolkit.store.roadmap import list_milestones, save_milestone_edits


def roadmap_part(part: str):
    import importlib

    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.roadmap import data
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.roadmap")
    show_notice("roadmap")
    importlib.import_module(f"pages.roadmap.{part}").show(ctx, data.load(ctx))


def opened(kit_page, part: str):
    app = kit_page(roadmap_part, part=part)
    app.run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    return app


def stored(kit_store):
    engine, workspace_id = kit_store
    return list_milestones(engine, workspace_id)


def test_at_a_glance_counts_what_needs_attention_and_a_card_per_phase(kit_page):
    app = opened(kit_page, "glance")
    assert [m.label for m in app.metric] == [
        t(f"roadmap.attention.{name}") for name in ("overdue", "this_week", "next_week", "blocked")
    ]
    assert int(app.metric[0].value) >= 3  # the sample has work late since October
    assert any(t("vocab.phases.strategy") in m.value for m in app.markdown)
    assert [s.value for s in app.subheader] == [t("roadmap.glance.title")]


def test_the_timeline_draws_the_gantt_and_its_filters_narrow_it(kit_page):
    app = opened(kit_page, "timeline")
    assert len(app.get("plotly_chart")) == 1
    app.multiselect(key="roadmap_filter_type").set_value(["consultation"]).run()
    app.multiselect(key="roadmap_filter_phase").set_value(["diagnosis"]).run()  # no consultation there
    assert not app.exception and not app.get("plotly_chart")
    assert t("roadmap.timeline.nothing") in [c.value for c in app.caption]


def test_a_new_milestone_is_added_or_its_refusal_said(kit_page, kit_store):
    before = len(stored(kit_store))
    app = opened(kit_page, "new_milestone")
    submit = "FormSubmitter:roadmap_new_form-" + t("roadmap.new.add")
    app.button(key=submit).click().run()
    assert [e.value for e in app.error] == [t("roadmap.errors.title_required")]
    app.text_input(key="roadmap_new_title").input("Informe al Concejo")
    app.selectbox(key="roadmap_new_phase").set_value("evaluation")
    app.button(key=submit).click().run()
    assert not app.exception and not app.error
    assert [s.value for s in app.success] == [t("roadmap.new.done", title="Informe al Concejo")]
    assert len(stored(kit_store)) == before + 1


def test_the_downloads_offer_the_workbook_and_the_calendar(kit_page):
    app = opened(kit_page, "downloads")
    buttons = app.get("download_button")
    assert [b.proto.label for b in buttons] == [t("roadmap.downloads.xlsx"), t("roadmap.downloads.ics")]


# -- the milestones table ----------------------------------------------------------------------


def edit_and_mark(app, title: str = "Prediagnóstico revisado"):
    """Rename the first milestone and mark the second to delete, as a person would in the grid."""
    app.session_state["roadmap_table_editor_0"] = {
        "edited_rows": {0: {"title": title}, 1: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert not app.exception, app.exception
    save = app.button(key="roadmap_table_save")
    assert save.label == t("roadmap.table.save", count=2)
    save.click().run()
    assert t("roadmap.table.delete_question", count=1) in [m.value for m in app.markdown]  # asks first


def confirm(app):
    app.button(key="roadmap_table_delete_confirm").click().run()
    assert not app.exception, app.exception


def test_the_table_saves_its_edit_and_its_delete_together_after_the_confirm(kit_page, kit_store):
    first, second = stored(kit_store)[:2]
    app = opened(kit_page, "milestones")
    assert [s.value for s in app.subheader] == [t("roadmap.table.title", count=25)]
    edit_and_mark(app)
    assert stored(kit_store)[0].title == first.title  # nothing yet: the dialog asks
    confirm(app)
    after = {m.id: m for m in stored(kit_store)}
    assert after[first.id].title == "Prediagnóstico revisado" and second.id not in after
    assert [s.value for s in app.success] == [t("roadmap.table.saved", saved=1, deleted=1)]


def test_a_conflict_saves_neither_the_edit_nor_the_delete(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = stored(kit_store)[:2]
    app = opened(kit_page, "milestones")
    edit_and_mark(app)
    # meanwhile someone else changes the first milestone
    save_milestone_edits(engine, workspace_id, [Edit(first.id, first.version, {"owner": "Otra dependencia"})])
    confirm(app)
    after = {m.id: m for m in stored(kit_store)}
    assert after[first.id].title == first.title and after[first.id].owner == "Otra dependencia"
    assert second.id in after
    assert [e.value for e in app.error] == [t("errors.conflict", names=first.title.replace(".", "\\."))]


def test_a_refused_value_saves_neither_the_edit_nor_the_delete(kit_page, kit_store):
    first, second = stored(kit_store)[:2]
    app = opened(kit_page, "milestones")
    edit_and_mark(app, title="")  # a milestone needs a title
    confirm(app)
    assert app.error
    after = {m.id: m for m in stored(kit_store)}
    assert after[first.id].title == first.title and second.id in after


@pytest.mark.parametrize("role", ["viewer"])
def test_a_viewer_reads_the_table_without_save_or_delete(kit_page, kit_store, role):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", role)
    app = kit_page(roadmap_part, part="milestones")
    app.session_state["person"] = access.Person(user_id, "lectora")
    app.run()
    assert not app.exception
    assert not [b for b in app.button if b.key and b.key.startswith("roadmap_table")]
    assert len(app.dataframe) == 1 and not app.data_editor
