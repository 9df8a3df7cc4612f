"""The editable table: one save stores the edits and the deletes together or not at all, deleting asks
first, another person's change in between is a conflict that saves nothing, a viewer only reads."""

import pytest

from toolkit import access
from toolkit.i18n import t
from toolkit.store.accounts import create_user, set_member
from toolkit.store.edits import Edit
from toolkit.store.roadmap import list_milestones, save_milestone_edits


def milestones_page():
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages._kit.table import editable_table
    from toolkit import access
    from toolkit.consultations import row_edits
    from toolkit.roadmap import MILESTONE_TABLE_COLUMNS, milestone_rows
    from toolkit.store.roadmap import list_milestones, save_milestone_edits

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.roadmap")
    show_notice("kit")
    state = editable_table(
        "kit_table",
        lambda: milestone_rows(sorted(list_milestones(ctx.engine, ctx.workspace_id), key=lambda m: m.id)),
        columns=["id", "version", "delete", *MILESTONE_TABLE_COLUMNS],
        column_config={"delete": st.column_config.CheckboxColumn("delete")},
        diff=lambda before, touched: row_edits(
            before, touched, MILESTONE_TABLE_COLUMNS, "delete", dates=("starts_on", "due_on")
        ),
        save=lambda edits, to_delete: save_milestone_edits(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        may_edit=ctx.may_edit,
        notice="kit",
    )
    st.caption(f"pending={len(state.edits)}+{len(state.to_delete)}")


def stored(kit_store):
    engine, workspace_id = kit_store
    return sorted(list_milestones(engine, workspace_id), key=lambda m: m.id)


def edit_and_mark(app, kit_store):
    """Rename the first milestone and mark the second to delete, as a person would in the grid."""
    app.run()
    app.session_state["kit_table_editor_0"] = {
        "edited_rows": {0: {"title": "Prediagnóstico revisado"}, 1: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert app.caption[-1].value == "pending=1+1"


def save_button(app):
    return next(b for b in app.button if b.key == "kit_table_save")


def test_saving_asks_before_deleting_then_stores_edits_and_deletes_together(kit_page, kit_store):
    first, second = stored(kit_store)[:2]
    app = kit_page(milestones_page)
    edit_and_mark(app, kit_store)
    assert save_button(app).label == t("kit.table.save", count=2)
    save_button(app).click().run()
    assert stored(kit_store)[0].title == first.title  # nothing yet: the dialog asks first
    assert t("kit.table.delete_question", count=1) in [m.value for m in app.markdown]
    next(b for b in app.button if b.key == "kit_table_delete_confirm").click().run()
    assert not app.exception and not app.error
    after = stored(kit_store)
    assert after[0].title == "Prediagnóstico revisado"
    assert second.id not in {m.id for m in after}
    assert app.success[0].value == t("kit.table.saved", saved=1, deleted=1)
    assert app.caption[-1].value == "pending=0+0"  # the grid shows what is stored, not the old typing


def test_a_conflict_saves_neither_the_edits_nor_the_deletes(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = stored(kit_store)[:2]
    app = kit_page(milestones_page)
    edit_and_mark(app, kit_store)
    # meanwhile someone else changes the first milestone
    save_milestone_edits(engine, workspace_id, [Edit(first.id, first.version, {"owner": "Otra dependencia"})])
    save_button(app).click().run()
    next(b for b in app.button if b.key == "kit_table_delete_confirm").click().run()
    assert not app.exception
    after = {m.id: m for m in stored(kit_store)}
    assert after[first.id].title == first.title and after[first.id].owner == "Otra dependencia"
    assert second.id in after  # the delete was refused with the edit
    assert app.error[0].value == t("errors.conflict", names=first.title.replace(".", "\\."))
    assert app.caption[-1].value == "pending=1+1"  # the person's typing is still on screen


def test_a_refused_value_saves_nothing_and_says_why(kit_page, kit_store):
    first, second = stored(kit_store)[:2]
    app = kit_page(milestones_page)
    app.run()
    app.session_state["kit_table_editor_0"] = {
        "edited_rows": {0: {"title": ""}, 1: {"delete": True}},  # a milestone needs a title
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    save_button(app).click().run()
    next(b for b in app.button if b.key == "kit_table_delete_confirm").click().run()
    assert not app.exception and app.error
    assert {m.id for m in stored(kit_store)} >= {first.id, second.id}
    assert stored(kit_store)[0].title == first.title


@pytest.mark.parametrize("role", ["viewer"])
def test_a_viewer_reads_the_table_without_save_or_delete(kit_page, kit_store, role):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", role)
    app = kit_page(milestones_page)
    app.session_state["person"] = access.Person(user_id, "lectora")
    app.run()
    assert not app.exception
    assert not [b for b in app.button if b.key and b.key.startswith("kit_table")]
    assert len(app.dataframe) == 1 and not app.data_editor
