"""Estrategia on the sample: each tab drawn alone, the findings in words, a position typed in the
grid and saved, the influence proposal asked first, a salience judgement recorded, an SDG view."""

from toolkit.store.strategy import current_salience, list_influences, list_objectives, list_positions


def strategy_tab(tab: str):
    import importlib

    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.strategy import data
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.strategy")
    show_notice("strategy")
    importlib.import_module(f"pages.strategy.{tab}").show(ctx, data.load(ctx))


def texts(app) -> str:
    return "\n".join(m.value for m in app.markdown)


def test_results_say_who_carries_each_objective_and_who_could_sway_its_opponent(kit_page):
    app = kit_page(strategy_tab, tab="results").run()
    assert not app.exception
    said = texts(app)
    assert "El actor con más peso en el juego es Alcaldía de Medellín" in said
    assert "La alianza que sacaría adelante «Abrir una oficina de representación de Medellín en Madrid»" in said
    assert "El opositor más fuerte de «Abrir una oficina de representación de Medellín en Madrid» es Bancada" in said
    assert [s.value for s in app.subheader][:2] == ["Qué dice el análisis", "Plano de influencia y dependencia"]


def test_a_position_typed_in_the_grid_is_saved(kit_page, kit_store):
    engine, workspace = kit_store
    objective = list_objectives(engine, workspace)[3]
    app = kit_page(strategy_tab, tab="objectives").run()
    assert not app.exception
    grid = app.session_state["strategy_positions_snapshot"]["rows"]
    row = next(i for i, r in enumerate(grid) if r["name"] == "Universidad EAFIT")
    app.session_state["strategy_positions_editor_0"] = {
        "edited_rows": {row: {f"o{objective.id}": -2}},
        "added_rows": [],
        "deleted_rows": [],
    }
    app.run()
    next(b for b in app.button if b.key == "strategy_positions_save").click().run()
    assert not app.exception
    eafit = grid[row]["id"]
    assert list_positions(engine, workspace)[(eafit, objective.id)] == -2


def test_the_proposal_from_the_map_asks_before_replacing_the_matrix(kit_page, kit_store):
    engine, workspace = kit_store
    before = list_influences(engine, workspace)
    app = kit_page(strategy_tab, tab="influences").run()
    assert not app.exception
    next(b for b in app.button if b.key == "strategy_propose").click().run()
    assert list_influences(engine, workspace) == before  # nothing replaced until confirmed
    next(b for b in app.button if b.key == "strategy_proposal_yes").click().run()
    assert not app.exception
    assert list_influences(engine, workspace) != before
    assert "influencias a partir del mapa" in app.success[0].value


def test_a_salience_judgement_is_recorded_and_the_filter_narrows_the_table(kit_page, kit_store):
    engine, workspace = kit_store
    app = kit_page(strategy_tab, tab="salience").run()
    assert not app.exception
    everyone = len(app.dataframe[0].value)
    app.multiselect(key="strategy_salience_filter").set_value(["definitive"]).run()
    assert 0 < len(app.dataframe[0].value) < everyone
    assert set(app.dataframe[0].value["class"]) == {"Definitivo"}
    app.selectbox[0].set_value(next(a for a, j in current_salience(engine, workspace).items()))
    app.slider(key="strategy_salience_urgency").set_value(1)
    app.button[0].click().run()
    assert not app.exception and "Se guardó la valoración de prominencia" in app.success[0].value


def test_brokerage_names_the_only_bridges(kit_page):
    app = kit_page(strategy_tab, tab="brokerage").run()
    assert not app.exception
    assert "es el único puente entre" in texts(app)
    assert "Enlace" in list(app.dataframe[0].value.columns) or "liaison" in list(app.dataframe[0].value.columns)


def test_the_view_by_goal_lists_who_works_on_it(kit_page):
    app = kit_page(strategy_tab, tab="sdgs").run()
    assert not app.exception
    app.selectbox(key="strategy_goal").set_value(11).run()
    said = texts(app)
    assert "**Actores**" in said and "Alcaldía de Medellín" in said and "**Consultas**" in said
