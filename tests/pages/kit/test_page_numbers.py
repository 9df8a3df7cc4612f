"""Numbers in the read-only tables the pages draw themselves (issue 16): the indicators' board and
the campaigns' dashboard give the grid every column of numbers in the reader's locale ("1.234,5" in
a Spanish browser, not 1234.50) and their progress as whole percentages ("40 %", not 40.00)."""

import json

from toolkit.i18n import t


def indicators_board():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.indicators import board
    from pages.indicators.workspace import load
    from toolkit import access
    from toolkit.indicators import dashboard, dimension_summary

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.indicators")
    indicators, measured = load(ctx)
    statuses = dashboard(indicators, measured, ctx.today)
    board.show(ctx, statuses, dimension_summary(statuses))


def campaigns_dashboard():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.campaigns import dashboard, data
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.campaigns")
    dashboard.show(ctx, data.load(ctx))


def grid_formats(app) -> list[dict[str, tuple[str, str | None]]]:
    """Each table's columns as the grid was told: (kind, format) by column name."""
    shown = []
    for table in app.dataframe:
        config = json.loads(table.proto.columns)
        shown.append(
            {
                name: (spec.get("type_config", {}).get("type"), spec.get("type_config", {}).get("format"))
                for name, spec in config.items()
            }
        )
    return shown


def test_two_pages_tables_write_their_numbers_in_the_locale(kit_page):
    drawn = {}
    for page in (indicators_board, campaigns_dashboard):
        app = kit_page(page)
        app.run()
        assert not app.exception, app.exception
        drawn[page.__name__] = grid_formats(app)
    [indicators] = drawn["indicators_board"]
    assert indicators[t("indicators.board.progress")] == ("progress", "%d %%")  # whole percentages
    campaigns = drawn["campaigns_dashboard"][0]
    assert campaigns[t("campaigns.board.elapsed")] == ("progress", "%d %%")
    assert campaigns[t("campaigns.board.late")] == ("number", "localized")  # a count the page left unset
    for tables in drawn.values():
        for columns in tables:
            for name, (kind, shape) in columns.items():
                assert kind != "number" or shape == "localized", name


def in_language(lang):
    """The indicators' board in ``lang``, set as ``app.py`` sets it on every run."""
    from toolkit.i18n import set_language

    set_language(lang)
    indicators_board()


def test_percentages_are_written_as_the_readers_language_writes_them(kit_page):
    """Spanish (and Portuguese, French) writes "40 %", English "40%": the bar's format is the catalog's."""
    formats = {}
    for lang in ("es", "en"):
        app = kit_page(in_language, lang=lang)
        app.run()
        assert not app.exception, app.exception
        [board] = grid_formats(app)
        formats[lang] = board[t("indicators.board.progress", lang=lang)][1]
    assert formats == {"es": "%d %%", "en": "%d%%"}
