"""The map's analysis tab with brokerage roles (issue 20), on the sample: the metrics table's
"Rol de intermediación" column, by sector or by scale."""

from toolkit.i18n import t


def analysis_tab():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.actor_map import analysis
    from pages.actor_map.network import load_network
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.map")
    analysis.show(ctx, load_network(ctx))


def test_the_metrics_table_names_each_actors_brokerage_roles(kit_page):
    app = kit_page(analysis_tab)
    app.run()
    assert not app.exception
    table = app.dataframe[0].value
    by_sector = [text for text in table["brokerage"] if text]
    assert by_sector and all(
        any(
            t(f"strategy.roles.{r}") in text
            for r in ("coordinator", "consultant", "representative", "gatekeeper", "liaison")
        )
        for text in by_sector
    )
    app.get("button_group")[0].set_value("scale").run()
    assert not app.exception
    assert list(app.dataframe[0].value["brokerage"]) != list(table["brokerage"])
