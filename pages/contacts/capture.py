"""Importar calendario o correo: a .ics, .eml or .msg file checked against the register (what
would be stored, who matched no actor: never made an actor), then stored on confirmation; the
same file twice stores nothing new (``import_capture`` leaves out what the history holds)."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.files import reset_upload, upload_panel
from pages._kit.outcome import run
from pages.contacts.data import Contacts
from toolkit.capture import CaptureRefused
from toolkit.capturing import already_stored, capture_report, check_capture, import_capture
from toolkit.followups import contact_table
from toolkit.i18n import t
from toolkit.markdown import escape

UPLOAD = "contacts_capture_file"


def own_domains(text: str) -> tuple[str, ...]:
    return tuple(word.strip().lstrip("@").lower() for word in text.replace(";", ",").split(",") if word.strip())


def show(ctx: PageContext, contacts: Contacts) -> None:
    """The tab (widget keys ``contacts_capture_*``)."""
    if not ctx.may_edit:
        st.info(t("contacts.capture.read_only"))
        return
    st.caption(t("contacts.capture.help"))
    left, right = st.columns([3, 2])
    with left:
        uploaded = upload_panel(UPLOAD, t("contacts.capture.upload"), ["ics", "eml", "msg"], ctx.settings)
    domains = right.text_input(
        t("contacts.capture.team_domain"), help=t("contacts.capture.team_domain_help"), key="contacts_capture_domain"
    )
    if uploaded is not None:
        review(ctx, contacts, uploaded.name, uploaded.getvalue(), own_domains(domains))


def review(ctx: PageContext, contacts: Contacts, name: str, data: bytes, domains: tuple[str, ...] = ()) -> None:
    """What the file would store and who matched nobody; the button that stores it."""
    try:
        capture = check_capture(ctx.engine, ctx.workspace_id, data, name, domains)
    except CaptureRefused as refused:
        st.error(t(refused.key, **{k: escape(v) for k, v in refused.details.items()}))
        return
    report = capture_report(capture, contacts.actor_names, already_stored(ctx.engine, ctx.workspace_id, capture))
    found, unmatched = report["interactions"], report["unmatched"]
    new = len(found) - report["already"]
    st.info(
        t(
            "contacts.capture.found",
            interactions=len(found),
            without=len(report["without_actor"]),
            unmatched=len(unmatched),
        )
    )
    if found:
        st.markdown(f"**{t('contacts.capture.to_store')}**")
        st.dataframe(contact_table(capture.interactions, contacts.actor_names), hide_index=True, width="stretch")
    if unmatched:
        st.markdown(f"**{t('contacts.capture.unmatched')}**")
        st.caption(t("contacts.capture.unmatched_help"))
        st.dataframe(
            pd.DataFrame(
                {
                    t("contacts.capture.name"): [p["name"] for p in unmatched],
                    t("contacts.capture.address"): [p["address"] for p in unmatched],
                    t("contacts.capture.times"): [p["times"] for p in unmatched],
                }
            ),
            hide_index=True,
        )
    if report["without_actor"]:
        with st.expander(t("contacts.capture.without_actor")):
            st.text("\n".join(report["without_actor"]))
    if not found:
        st.warning(t("contacts.capture.nothing"))
        return
    if report["already"]:
        st.caption(t("contacts.capture.will_skip", count=report["already"]))
    if not new:
        st.info(t("contacts.capture.all_there"))
        return
    if st.button(t("contacts.capture.confirm", count=new), type="primary", key="contacts_capture_import"):
        imported = run(import_capture, ctx.engine, ctx.workspace_id, capture)
        if imported is not None:
            reset_upload(UPLOAD)
            message = t("contacts.capture.stored", count=imported.stored)
            if imported.already:
                message += " " + t("contacts.capture.already", count=imported.already)
            notify("contacts", message)
