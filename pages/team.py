"""Equipo y acceso: the members of the workspace and their roles (its owners manage them), new
accounts, and one's own password. With accounts off it says how to turn them on."""

import pandas as pd
import streamlit as st

from toolkit import access
from toolkit.domain import ROLES
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store import StoreError
from toolkit.store.accounts import create_user, list_members, remove_member, set_member, set_password
from toolkit.store.workspaces import current_role

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("nav.team"))


def show_store_error(error: StoreError) -> None:
    st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))


def role_name(role: str) -> str:
    return t(f"members.roles.{role}")


if settings.accounts == "off":
    st.info(t("members.off"))
    st.stop()
if notice := st.session_state.pop("team_notice", None):
    st.success(notice)
person = access.current()

if workspace_id is not None:
    st.subheader(t("members.title"))
    st.caption(t("members.intro"))
    members = list_members(engine, workspace_id)
    st.dataframe(
        pd.DataFrame(
            [(m.username, m.display_name, role_name(m.role)) for m in members],
            columns=[t("members.column_username"), t("members.column_name"), t("members.column_role")],
        ),
        hide_index=True,
        width="stretch",
    )
    if current_role(engine, workspace_id) != "owner":
        st.caption(t("members.only_owners"))
    else:
        change, new = st.columns(2)
        with change.form("team_member_form", clear_on_submit=True):
            st.markdown(f"**{t('members.add')}**")
            username = st.text_input(t("accounts.username"), key="team_member_username")
            role = st.selectbox(t("members.role"), ROLES, index=1, format_func=role_name, key="team_member_role")
            if st.form_submit_button(t("members.submit"), type="primary"):
                try:
                    set_member(engine, workspace_id, username, role)
                    st.session_state["team_notice"] = t(
                        "members.saved", name=escape(username.strip().lower()), role=role_name(role)
                    )
                    st.rerun()
                except StoreError as error:
                    show_store_error(error)
        with new.form("team_account_form", clear_on_submit=True):
            st.markdown(f"**{t('members.new_account')}**")
            st.caption(t("members.new_account_help"))
            username = st.text_input(t("accounts.username"), key="team_new_username")
            name = st.text_input(t("accounts.display_name"), key="team_new_name")
            password = st.text_input(
                t("accounts.password"), type="password", key="team_new_password", autocomplete="new-password"
            )
            if st.form_submit_button(t("members.create")):
                try:
                    create_user(engine, username, password, name)
                    st.session_state["team_notice"] = t("members.created", name=escape(username.strip().lower()))
                    st.rerun()
                except StoreError as error:
                    show_store_error(error)

        @st.dialog(t("members.remove"))
        def confirm_remove(username: str) -> None:
            st.warning(t("members.remove_confirm", name=escape(username)))
            if st.button(t("members.remove"), type="primary", key="team_remove_confirm"):
                try:
                    remove_member(engine, workspace_id, username)
                except StoreError as error:
                    show_store_error(error)
                    return
                st.session_state["team_notice"] = t("members.removed", name=escape(username))
                st.rerun()

        others = [m.username for m in members]
        leaving = st.selectbox(t("members.remove"), others, key="team_remove_choice")
        if st.button(t("members.remove"), key="team_remove", disabled=not others):
            confirm_remove(leaving)

if settings.accounts == "password":
    st.subheader(t("my_account.title"))
    with st.form("team_password_form", clear_on_submit=True):
        current = st.text_input(t("my_account.current"), type="password", autocomplete="current-password")
        first = st.text_input(t("my_account.new"), type="password", autocomplete="new-password")
        second = st.text_input(t("my_account.again"), type="password", autocomplete="new-password")
        if st.form_submit_button(t("my_account.submit")):
            if first != second:
                st.error(t("accounts.errors.passwords_differ"))
            else:
                try:
                    set_password(engine, person.username, first, current)
                    st.session_state["team_notice"] = t("my_account.saved")
                    st.rerun()
                except StoreError as error:
                    show_store_error(error)
