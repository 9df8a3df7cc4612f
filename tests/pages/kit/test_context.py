"""The page context: the preamble every workspace page shares, and a page opened outside the app."""

from streamlit.testing.v1 import AppTest

from toolkit import access
from toolkit.i18n import t
from toolkit.store.accounts import create_user, set_member


def context_page():
    import streamlit as st

    from pages._kit.context import page_context
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.roadmap")
    st.write(f"{ctx.workspace.name}|{ctx.revision}|{ctx.may_edit}|{ctx.today.isoformat()}")
    st.write(ctx.term_label("sectors")("academia"))


def test_the_context_draws_the_title_and_knows_the_workspace(kit_page):
    app = kit_page(context_page)
    app.run()
    assert not app.exception
    assert app.title[0].value == t("nav.roadmap")
    name, revision, may_edit, today = app.markdown[0].value.split("|")
    assert name == "Medellín: internacionalización estratégica y participativa" or name
    assert int(revision) >= 1 and may_edit == "True" and today == "2026-11-22"  # the suite's clock
    assert app.markdown[1].value == t("vocab.sectors.academia")


def test_without_a_workspace_the_page_says_where_to_create_one(kit_page):
    app = kit_page(context_page)
    app.session_state["workspace_id"] = None
    app.run()
    assert not app.exception
    assert app.info[0].value == t("sidebar.no_workspace") and not app.markdown


def test_a_page_run_outside_the_app_is_sent_home_without_a_traceback():
    app = AppTest.from_function(context_page, default_timeout=30)  # nothing set up: as a bookmarked file name
    app.run()
    assert not app.exception
    assert app.info[0].value == t("kit.outside_app") and not app.title


def test_a_viewer_may_not_edit(kit_page, kit_store):
    engine, workspace_id = kit_store
    viewer_id = create_user(engine, "visor", "una contraseña larga y buena")
    set_member(engine, workspace_id, "visor", "viewer")
    app = kit_page(context_page)
    app.session_state["person"] = access.Person(viewer_id, "visor")
    app.run()
    assert not app.exception
    assert app.markdown[0].value.split("|")[2] == "False"
