"""Numbers in the kit's tables are written as the reader's locale writes them (issue 16): every column
of numbers, configured by the page or not, is drawn with the grid's "localized" format (1.234,5 in a
Spanish browser, not 1234.50), in the editor and in the read-only table a viewer sees; a format the
page chose stays."""

import json

import pytest

from toolkit import access
from toolkit.store.accounts import create_user, set_member


def decimals_page():
    import streamlit as st

    from pages._kit.context import page_context
    from pages._kit.table import editable_table
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.indicators")
    rows = [
        {"id": 1, "name": "Cobertura", "value": 1234.5, "share": 0.333, "cost": 2500000.0, "done": True},
        {"id": 2, "name": "Alianzas", "value": 2.25, "share": 0.5, "cost": 0.0, "done": False},
    ]
    editable_table(
        "kit_numbers",
        lambda: rows,
        columns=["id", "name", "value", "share", "cost", "done"],
        column_config={
            "value": st.column_config.NumberColumn("Valor"),
            "share": "Proporción",  # named only
            "cost": st.column_config.NumberColumn("Costo", format="%d"),  # the page's own format
        },
        diff=lambda before, touched: ([], []),
        save=lambda edits, to_delete: None,
        revision=ctx.revision,
        may_edit=ctx.may_edit,
        column_order=["name", "value", "share", "cost", "done"],
    )


def formats(app) -> dict[str, str | None]:
    """The format of each column the grid was told, by column name."""
    [table] = app.dataframe
    config = json.loads(table.proto.columns)
    return {name: spec.get("type_config", {}).get("format") for name, spec in config.items()}


@pytest.mark.parametrize("viewer", [False, True], ids=["editor", "viewer"])
def test_columns_of_numbers_are_written_in_the_locale(kit_page, kit_store, viewer):
    app = kit_page(decimals_page)
    if viewer:
        engine, workspace_id = kit_store
        user_id = create_user(engine, "lectora", "una contraseña larga y buena")
        set_member(engine, workspace_id, "lectora", "viewer")
        app.session_state["person"] = access.Person(user_id, "lectora")
    app.run()
    assert not app.exception, app.exception
    shown = formats(app)
    assert shown["value"] == "localized"  # configured by the page, no format
    assert shown["share"] == "localized"  # named only: still a column of numbers
    assert shown["cost"] == "%d"  # the page's own format stays
    assert "done" not in shown or shown["done"] is None  # a tick box is no number
