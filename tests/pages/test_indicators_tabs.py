"""Each part of "Indicadores" drawn alone, on the sample: the first step of an empty workspace, the
automatic figures and the download, the dashboard, the indicators table (edits and deletes saved in
one transaction, or neither), the measurements (recorded by hand; the marked ones deleted together)."""

import pytest

from toolkit import access
from toolkit.i18n import t
from toolkit.indicators import DEFAULT_SET, indicator_rows, measurement_rows
from toolkit.store.accounts import create_user, set_member
from toolkit.store.edits import Edit
from toolkit.store.indicators import (
    delete_measurements,
    list_indicator_measurements,
    list_indicators,
    save_indicator_edits,
)
from toolkit.store.workspaces import create_workspace


def indicators_part(part: str):
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.indicators import automatic, board, first_step, measurements, table
    from pages.indicators.workspace import load
    from toolkit import access
    from toolkit.indicators import dashboard, dimension_summary

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.indicators")
    show_notice("indicators")
    indicators, measured = load(ctx)
    if part == "first_step":
        first_step.show(ctx)
    elif part == "automatic":
        automatic.show(ctx, indicators, measured)
    elif part == "board":
        statuses = dashboard(indicators, measured, ctx.today)
        board.show(ctx, statuses, dimension_summary(statuses))
    elif part == "table":
        table.show(ctx, indicators)
    else:
        measurements.show(ctx, indicators, measured)


def rows(kit_store) -> list[dict]:
    """The indicators table's rows, in the order the page shows them."""
    return indicator_rows(list_indicators(*kit_store))


def by_id(kit_store) -> dict:
    return {i.id: i for i in list_indicators(*kit_store)}


def button(app, key):
    return next(b for b in app.button if b.key == key)


# -- the first step and the automatic figures ----------------------------------------------------


def test_an_empty_workspace_adds_the_recommended_set(kit_page, kit_store):
    engine, _ = kit_store
    empty = create_workspace(engine, "Quito").id
    app = kit_page(indicators_part, part="first_step")
    app.session_state["workspace_id"] = empty
    app.run()
    assert app.info[0].value == t("indicators.empty.message")
    button(app, "indicators_add_defaults").click().run()
    assert not app.exception
    assert app.success[0].value == t("indicators.defaults.added", count=len(DEFAULT_SET))
    assert len(list_indicators(engine, empty)) == len(DEFAULT_SET)


def test_the_automatic_figures_are_recorded_and_the_workbook_offered(kit_page, kit_store):
    before = len(list_indicator_measurements(*kit_store))
    app = kit_page(indicators_part, part="automatic")
    app.run()
    assert len(app.get("download_button")) == 1
    button(app, "indicators_record_automatic").click().run()
    assert not app.exception and not app.error
    assert app.success[0].value.startswith(t("indicators.automatic.recorded", count=3, day="", values="")[:20])
    assert len(list_indicator_measurements(*kit_store)) == before + 3


# -- the dashboard -------------------------------------------------------------------------------


def test_the_dashboard_shows_one_dimension_and_one_indicator_over_time(kit_page, kit_store):
    app = kit_page(indicators_part, part="board")
    app.run()
    assert not app.exception
    assert len(app.get("plotly_chart")) == 3
    assert {m.label: m.value for m in app.metric}[t("indicators.board.count")] == "5"
    app.radio(key="indicators_dimension").set_value("political").run()
    assert not app.exception
    political = [i.name for i in list_indicators(*kit_store) if i.dimension == "political"]
    assert list(app.dataframe[0].value[t("indicators.fields.name")]) == political
    assert app.selectbox(key="indicators_shown").format_func(app.selectbox(key="indicators_shown").value) in political


# -- the indicators table ------------------------------------------------------------------------


def edit_and_mark(app, name: str = "Marco normativo revisado"):
    """Rename the first indicator and mark the second to delete, as a person would in the grid."""
    app.run()
    app.session_state["indicators_table_editor_0"] = {
        "edited_rows": {0: {"name": name}, 1: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    assert button(app, "indicators_table_save").label == t("indicators.table.save", count=2)
    button(app, "indicators_table_save").click().run()
    assert t("indicators.table.delete_question", count=1) in [m.value for m in app.markdown]


def test_the_table_saves_the_edit_and_the_delete_together_after_asking(kit_page, kit_store):
    first, second = rows(kit_store)[:2]
    app = kit_page(indicators_part, part="table")
    edit_and_mark(app)
    assert by_id(kit_store)[first["id"]].name == first["name"]  # nothing yet: the dialog asks first
    button(app, "indicators_table_delete_confirm").click().run()
    assert not app.exception and not app.error
    after = by_id(kit_store)
    assert after[first["id"]].name == "Marco normativo revisado" and second["id"] not in after
    assert app.success[0].value == t("indicators.table.saved", saved=1, deleted=1)


def test_a_conflict_in_the_table_saves_neither_the_edit_nor_the_delete(kit_page, kit_store):
    engine, workspace_id = kit_store
    first, second = rows(kit_store)[:2]
    app = kit_page(indicators_part, part="table")
    edit_and_mark(app)
    # meanwhile someone else changes the first indicator
    save_indicator_edits(engine, workspace_id, [Edit(first["id"], first["version"], {"unit": "normas"})])
    button(app, "indicators_table_delete_confirm").click().run()
    assert not app.exception
    after = by_id(kit_store)
    assert after[first["id"]].name == first["name"] and after[first["id"]].unit == "normas"
    assert second["id"] in after  # the delete was refused with the edit
    assert app.error[0].value == t("errors.conflict", names=first["name"])


def test_a_refused_value_in_the_table_saves_nothing_and_says_why(kit_page, kit_store):
    first, second = rows(kit_store)[:2]
    app = kit_page(indicators_part, part="table")
    edit_and_mark(app, name="")  # an indicator needs a name
    button(app, "indicators_table_delete_confirm").click().run()
    assert not app.exception and app.error
    after = by_id(kit_store)
    assert after[first["id"]].name == first["name"] and second["id"] in after


def test_a_new_indicator_without_a_name_is_refused(kit_page, kit_store):
    before = len(list_indicators(*kit_store))
    app = kit_page(indicators_part, part="table")
    app.run()
    next(b for b in app.button if b.label == t("indicators.new.add")).click().run()
    assert [e.value for e in app.error] == [t("indicators.errors.name_required")]
    assert len(list_indicators(*kit_store)) == before


@pytest.mark.parametrize("part", ["table", "measurements"])
def test_a_viewer_reads_the_tables_without_saving(kit_page, kit_store, part):
    engine, workspace_id = kit_store
    user_id = create_user(engine, "lectora", "una contraseña larga y buena")
    set_member(engine, workspace_id, "lectora", "viewer")
    app = kit_page(indicators_part, part=part)
    app.session_state["person"] = access.Person(user_id, "lectora")
    app.run()
    assert not app.exception and not app.data_editor
    assert not [b for b in app.button if b.key and b.key.endswith(("_save", "_reload"))]


# -- the measurements ----------------------------------------------------------------------------


def measured_rows(kit_store) -> list[dict]:
    return measurement_rows(list_indicators(*kit_store), list_indicator_measurements(*kit_store))


def mark_two(app):
    app.run()
    app.session_state["indicators_measurements_editor_0"] = {
        "edited_rows": {0: {"delete": True}, 1: {"delete": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    button(app, "indicators_measurements_save").click().run()
    assert t("indicators.measure.delete_question", count=2) in [m.value for m in app.markdown]


def test_the_marked_measurements_are_deleted_together_after_asking(kit_page, kit_store):
    first, second = measured_rows(kit_store)[:2]
    app = kit_page(indicators_part, part="measurements")
    mark_two(app)
    assert {first["id"], second["id"]} <= {row["id"] for row in measured_rows(kit_store)}  # the dialog asks first
    button(app, "indicators_measurements_delete_confirm").click().run()
    assert not app.exception and not app.error
    left = {row["id"] for row in measured_rows(kit_store)}
    assert first["id"] not in left and second["id"] not in left
    assert app.success[0].value == t("indicators.measure.deleted", deleted=2)


def test_a_measurement_deleted_meanwhile_refuses_the_whole_delete(kit_page, kit_store):
    first, second = measured_rows(kit_store)[:2]
    app = kit_page(indicators_part, part="measurements")
    mark_two(app)
    delete_measurements(*kit_store, [first["id"]])  # someone else was quicker
    button(app, "indicators_measurements_delete_confirm").click().run()
    assert not app.exception and app.error
    assert second["id"] in {row["id"] for row in measured_rows(kit_store)}


def test_a_measurement_recorded_by_hand(kit_page, kit_store):
    before = len(list_indicator_measurements(*kit_store))
    app = kit_page(indicators_part, part="measurements")
    app.run()
    app.number_input(key="indicators_measure_0_value").set_value(7)
    next(b for b in app.button if b.label == t("indicators.measure.add")).click().run()
    assert not app.exception and not app.error
    assert len(list_indicator_measurements(*kit_store)) == before + 1
    assert app.success[0].value.startswith(t("indicators.measure.added", name="")[:20])
