"""The import wizard's step 5 says what the file's salience columns will store (issue 20): how many
rows, the day the judgements carry, and the rows with their class."""

from toolkit.clock import today
from toolkit.i18n import format_date, t


def salience_step():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.actors import import_salience
    from tests.conftest import build_xlsx
    from toolkit import access
    from toolkit.importing import check_file

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.actors")
    rows = [["Nombre", "Poder", "Legitimidad", "Urgencia"], ["EPM", 5, "Sí", "No"], ["Comfama", 2, "X", "X"]]
    preview = check_file(ctx.engine, ctx.workspace_id, build_xlsx({"Actores": rows}), "lista.xlsx")
    import_salience.show(ctx, preview)


def test_step_five_shows_the_salience_to_be_imported(kit_page):
    app = kit_page(salience_step)
    app.run()
    assert not app.exception, app.exception
    assert t("strategy.import.found", count=2, date=format_date(today())) in [c.value for c in app.caption]
    table = app.dataframe[0].value
    assert list(table["name"]) == ["EPM", "Comfama"]
    assert list(table["class"]) == [t("strategy.salience_class.dominant"), t("strategy.salience_class.dependent")]
