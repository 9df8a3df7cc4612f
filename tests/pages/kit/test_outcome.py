"""Running a use case: its result, or its refusal in the user's words with user text shown inert."""

from toolkit.i18n import t


def outcome_page(name):
    import streamlit as st

    from pages._kit.context import page_context
    from pages._kit.outcome import run
    from toolkit.store.workspaces import rename_workspace

    ctx = page_context("nav.settings")
    done = run(rename_workspace, ctx.engine, ctx.workspace_id, name)
    st.write("refused" if done is None and not name.strip() else "ran")


def test_a_refusal_is_shown_as_the_users_message_and_nothing_raises(kit_page):
    app = kit_page(outcome_page, name="   ")
    app.run()
    assert not app.exception
    assert app.error[0].value == t("errors.name_required")
    assert app.markdown[0].value == "refused"


def test_a_use_case_that_succeeds_shows_no_error(kit_page):
    app = kit_page(outcome_page, name="Medellín 2027")
    app.run()
    assert not app.exception and not app.error
    assert app.markdown[0].value == "ran"
