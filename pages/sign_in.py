"""Iniciar sesión: shown instead of everything else when accounts are on and nobody is signed in."""

import time
from datetime import timedelta

import streamlit as st

from pages._kit.context import leave_unless_in_app
from toolkit import access, clock
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store import StoreError
from toolkit.store.accounts import identity_ended_at, person_for_sso, sign_in

leave_unless_in_app()  # a fresh server's first request for /sign_in runs this file alone
engine = st.session_state["engine"]
settings = st.session_state["settings"]


def start_session(person) -> None:
    now = clock.now()
    st.session_state.update(person=person, signed_in_at=now, last_seen=now)
    if (asked := st.session_state.pop("after_sign_in", None)) is not None:
        st.switch_page(asked)  # the page a bookmarked link asked for
    st.rerun()


def identity() -> dict | None:
    """The claims of the provider's identity, if it may start a session (see access.identity_fresh):
    an identity from Streamlit's 30-day cookie that is older than a session may last, or from
    before the account signed out or was deactivated, must go through the provider again."""
    claims = {key: st.user.get(key) for key in ("iss", "sub", "email", "email_verified", "iat")}
    try:  # the token's issue time (seconds since 1970) on the app's clock
        issued = clock.now() - timedelta(seconds=int(time.time()) - int(claims["iat"]))
    except (TypeError, ValueError):
        issued = None
    fresh = access.identity_fresh(issued, identity_ended_at(engine, claims), clock.now(), settings.session_max_hours)
    return claims if fresh else None


st.title(t("accounts.sign_in.title"))
if notice := st.session_state.pop("sign_in_notice", None):
    st.info(t(notice))
st.caption(t("accounts.sign_in.intro"))

if settings.accounts == "sso":
    st.write(t("accounts.sign_in.sso_intro"))
    if st.user.is_logged_in and (claims := identity()) is not None:  # the provider knows them: do we?
        try:
            start_session(person_for_sso(engine, claims))
        except StoreError as error:
            st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))
            st.button(t("accounts.sign_out"), on_click=st.logout, key="sign_in_sso_out")
    else:
        st.button(t("accounts.sign_in.sso_button"), on_click=st.login, type="primary", key="sign_in_sso")
else:
    with st.form("sign_in_form"):
        username = st.text_input(t("accounts.username"), key="sign_in_username", autocomplete="username")
        password = st.text_input(
            t("accounts.password"), type="password", key="sign_in_password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(t("accounts.sign_in.submit"), type="primary")
    if submitted:
        try:
            # limited per account and per client address (none for a local connection: see README)
            address = st.context.ip_address
            start_session(sign_in(engine, username, password, client=address if isinstance(address, str) else None))
        except StoreError as error:
            st.error(t(error.message_key, **error.details))
