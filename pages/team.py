"""Equipo y acceso: the members of the workspace and their roles (its owners manage them), new
accounts, and one's own password. With accounts off it says how to turn them on."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify, page_context, show_notice
from pages._kit.dialogs import dialog
from pages._kit.forms import empty_after_save
from pages._kit.outcome import run
from toolkit import access
from toolkit.domain import ROLES
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.accounts import create_user, list_members, remove_member, set_member, set_password


def succeeded(use_case, *args, **kwargs) -> bool:
    """Whether a use case that returns nothing ran (its refusal is shown)."""
    return run(lambda: use_case(*args, **kwargs) or True) is not None


def role_name(role: str) -> str:
    return t(f"members.roles.{role}")


def members_section(ctx: PageContext) -> None:
    st.subheader(t("members.title"))
    st.caption(t("members.intro"))
    members = list_members(ctx.engine, ctx.workspace_id)
    st.dataframe(
        pd.DataFrame(
            [(m.username, m.display_name, role_name(m.role)) for m in members],
            columns=[t("members.column_username"), t("members.column_name"), t("members.column_role")],
        ),
        hide_index=True,
        width="stretch",
    )
    if ctx.role != "owner":
        st.caption(t("members.only_owners"))
        return
    change, new = st.columns(2)
    member_form(ctx, change)
    if access.current().creates:  # HOJA_CREATORS=owners
        account_form(ctx, new)
    else:
        new.caption(t("members.operator_only"))
    others = [m.username for m in members]
    leaving = st.selectbox(t("members.remove"), others, key="team_remove_choice")
    if st.button(t("members.remove"), key="team_remove", disabled=not others):
        confirm_remove(ctx, leaving)


def member_form(ctx: PageContext, place) -> None:
    with place.form("team_member_form"):
        st.markdown(f"**{t('members.add')}**")
        # the exact username: no list of the server's accounts, and one answer whether it exists or not
        username = st.text_input(t("accounts.username"), key="team_member_username")
        role = st.selectbox(t("members.role"), ROLES, index=1, format_func=role_name, key="team_member_role")
        submitted = st.form_submit_button(t("members.submit"), type="primary")
        if submitted and succeeded(set_member, ctx.engine, ctx.workspace_id, username, role):
            empty_after_save("team_member_username", "team_member_role")
            notify("team", t("members.saved", name=escape(username.strip().lower()), role=role_name(role)))


def account_form(ctx: PageContext, place) -> None:
    with place.form("team_account_form"):
        st.markdown(f"**{t('members.new_account')}**")
        st.caption(t("members.new_account_help"))
        username = st.text_input(t("accounts.username"), key="team_new_username")
        name = st.text_input(t("accounts.display_name"), key="team_new_name")
        password = st.text_input(
            t("accounts.password"), type="password", key="team_new_password", autocomplete="new-password"
        )
        submitted = st.form_submit_button(t("members.create"))
        if submitted and run(create_user, ctx.engine, username, password, name) is not None:
            empty_after_save("team_new_username", "team_new_name", "team_new_password")
            notify("team", t("members.created", name=escape(username.strip().lower())))


@dialog(t("members.remove"))
def confirm_remove(ctx: PageContext, username: str) -> None:
    st.warning(t("members.remove_confirm", name=escape(username)))
    if st.button(t("members.remove"), type="primary", key="team_remove_confirm") and succeeded(
        remove_member, ctx.engine, ctx.workspace_id, username
    ):
        notify("team", t("members.removed", name=escape(username)))


def password_form(engine) -> None:
    st.subheader(t("my_account.title"))
    with st.form("team_password_form", clear_on_submit=True):
        current = st.text_input(t("my_account.current"), type="password", autocomplete="current-password")
        first = st.text_input(t("my_account.new"), type="password", autocomplete="new-password")
        second = st.text_input(t("my_account.again"), type="password", autocomplete="new-password")
        if st.form_submit_button(t("my_account.submit")):
            if first != second:
                st.error(t("accounts.errors.passwords_differ"))
            elif succeeded(set_password, engine, access.current().username, first, current):
                notify("team", t("my_account.saved"))


ctx = page_context("nav.team", needs_workspace=False)
settings = st.session_state["settings"]
if settings.accounts == "off":
    st.info(t("members.off"))
    st.stop()
show_notice("team")
if ctx is not None:
    members_section(ctx)
if settings.accounts == "password":
    password_form(st.session_state["engine"])
