"""The actor's contact history, newest first, and the quick entry "Registrar un contacto" with this
actor (and others present): the shared form of ``pages.contacts.form``, empty again after a save."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext, notify
from pages.actors.record_data import links_of
from pages.contacts.form import contact_form
from toolkit.domain import Interaction
from toolkit.engagement import kind_label
from toolkit.i18n import format_date, t
from toolkit.markdown import escape
from toolkit.record import CONTACT_COLUMNS, Story, contact_rows, headers


def show(ctx: PageContext, story: Story) -> None:
    """The quick entry (editors only), then the history."""
    if ctx.may_edit:
        with st.expander(
            t("record.contact_form.title"), icon=":material/add_comment:", expanded=not story.interactions
        ):
            entry(ctx, story)
    rows = contact_rows(story, ctx.lang)
    if not rows:
        st.caption(t("record.contacts.none"))
        return
    table = pd.DataFrame(rows, columns=headers("contacts", CONTACT_COLUMNS, ctx.lang))
    st.dataframe(
        table,
        hide_index=True,
        width="stretch",
        column_config={
            t("record.contacts.column.done"): st.column_config.CheckboxColumn(width="small"),
            t("record.contacts.column.summary"): st.column_config.TextColumn(width="large"),
        },
    )


def entry(ctx: PageContext, story: Story) -> None:
    """The shared contact form with this actor; on a save, say what was stored."""
    st.caption(t("record.contact_form.help"))
    stored = contact_form(ctx, f"record_contact_{story.actor.id}", story.names, links_of(ctx), story.actor)
    if stored is not None:
        notify("actors", saved_text(stored, story.names))


def saved_text(interaction: Interaction, names: dict[int, str]) -> str:
    """What was stored, in one sentence (user text escaped: it is shown as markdown)."""
    words = {
        "kind": kind_label(interaction.kind).lower(),
        "day": format_date(interaction.occurred_on),
        "names": escape(", ".join(names.get(i, "") for i in interaction.actors)),
    }
    if interaction.next_step.strip() and interaction.next_step_due is not None:
        return t(
            "record.contact_form.saved_step",
            **words,
            step=escape(interaction.next_step.strip()),
            due=format_date(interaction.next_step_due),
        )
    return t("record.contact_form.saved", **words)
