"""Moving an indicator's baseline date in its table past measurements already recorded is asked
before saving, naming them (issue 16): "Guardar de todos modos" saves it, "Volver a la tabla" saves
nothing and keeps what was typed; a move that leaves no measurement before it saves at once."""

from datetime import date, timedelta

from tests.pages.test_indicators_tabs import by_id, indicators_part, rows
from toolkit.i18n import format_date, t
from toolkit.store.indicators import list_indicator_measurements


def measured_indicator(kit_store) -> tuple[int, dict, list[date]]:
    """The table's row (position, row) of an indicator with two measurements or more, and their days."""
    days: dict[int, list[date]] = {}
    for m in list_indicator_measurements(*kit_store):
        days.setdefault(m.indicator_id, []).append(m.measured_on)
    for position, row in enumerate(rows(kit_store)):
        if len(days.get(row["id"], [])) >= 2:
            return position, row, sorted(days[row["id"]])
    raise AssertionError("the sample has no indicator measured twice")


def move_baseline(kit_page, kit_store, day: date):
    position, row, _ = measured_indicator(kit_store)
    app = kit_page(indicators_part, part="table")
    app.run()
    app.session_state["indicators_table_editor_0"] = {
        "edited_rows": {position: {"baseline_on": day.isoformat()}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    next(b for b in app.button if b.key == "indicators_table_save").click().run()
    assert not app.exception, app.exception
    return app, row


def said(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_a_baseline_moved_past_measurements_names_them_and_saves_only_when_told(kit_page, kit_store):
    _, row, days = measured_indicator(kit_store)
    app, row = move_baseline(kit_page, kit_store, days[-1])  # past every measurement but the last
    question = said(app)
    assert t("start_moves.intro") in question and row["name"] in question
    assert all(format_date(day) in question for day in days[:-1]) and format_date(days[-1]) not in question
    assert by_id(kit_store)[row["id"]].baseline_on == row["baseline_on"]  # nothing yet: it asks first
    next(b for b in app.button if b.key == "indicators_table_doubt_yes").click().run()
    assert not app.exception and not app.error
    assert by_id(kit_store)[row["id"]].baseline_on == days[-1]
    assert app.success[0].value == t("indicators.table.saved", saved=1, deleted=0)


def test_going_back_saves_nothing_and_keeps_the_edit(kit_page, kit_store):
    _, row, days = measured_indicator(kit_store)
    app, row = move_baseline(kit_page, kit_store, days[-1])
    next(b for b in app.button if b.key == "indicators_table_doubt_no").click().run()
    assert not app.exception
    assert by_id(kit_store)[row["id"]].baseline_on == row["baseline_on"]
    assert t("start_moves.intro") not in said(app)  # the question is gone
    save = next(b for b in app.button if b.key == "indicators_table_save")
    assert save.label == t("indicators.table.save", count=1)  # the moved date is still in the table


def test_a_baseline_moved_before_every_measurement_saves_at_once(kit_page, kit_store):
    _, row, days = measured_indicator(kit_store)
    app, row = move_baseline(kit_page, kit_store, days[0] - timedelta(days=30))
    assert t("start_moves.intro") not in said(app)
    assert by_id(kit_store)[row["id"]].baseline_on == days[0] - timedelta(days=30)
