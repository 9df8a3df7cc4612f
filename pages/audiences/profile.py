"""An audience's profile: what it knows, thinks, needs and what stands in the way; the messages
and channels for it; its priority, influence and interest (a public's estimated size)."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages.audiences.labels import LEVELS, level_label, term_label, vocab_label
from pages.audiences.outcome import done
from pages.audiences.rule import with_chosen
from toolkit.audiences import split_lines
from toolkit.domain import PRIORITIES, Audience
from toolkit.i18n import t
from toolkit.store.audiences import update_audience


def show(ctx: PageContext, audience: Audience) -> None:
    """The profile form; saving it stores the audience's new profile (refused if it changed meanwhile)."""
    st.subheader(t("audiences.profile.title"))
    with st.form(f"audiences_profile_{audience.id}_{audience.version}"):
        values = {**words(ctx, audience), **standing(audience)}
        saved = st.form_submit_button(t("audiences.profile.save"), type="primary")
        if saved and done(update_audience, ctx.engine, ctx.workspace_id, Audience(**{**vars(audience), **values})):
            notify("audiences", t("audiences.profile.saved"))


def words(ctx: PageContext, audience: Audience) -> dict[str, object]:
    """The profile's texts, messages and channels as typed."""
    name = st.text_input(t("audiences.fields.name"), value=audience.name)
    description = st.text_area(t("audiences.fields.description"), value=audience.description, height=68)
    columns = st.columns(2)
    knowledge = columns[0].text_area(
        t("audiences.fields.knowledge"), value=audience.knowledge, height=90, help=t("audiences.fields.knowledge_help")
    )
    attitude = columns[1].text_area(
        t("audiences.fields.attitude"), value=audience.attitude, height=90, help=t("audiences.fields.attitude_help")
    )
    needs = columns[0].text_area(t("audiences.fields.needs"), value=audience.needs, height=90)
    barriers = columns[1].text_area(
        t("audiences.fields.barriers"), value=audience.barriers, height=90, help=t("audiences.fields.barriers_help")
    )
    messages = st.text_area(
        t("audiences.fields.messages"),
        value="\n".join(audience.messages),
        height=90,
        help=t("audiences.fields.one_per_line"),
    )
    channels = st.multiselect(
        t("audiences.fields.channels"),
        with_chosen(ctx.keys("channels"), audience.channels),
        default=audience.channels,
        format_func=term_label(ctx, "channels"),
        placeholder=t("common.choose"),
    )
    return {
        "name": name,
        "description": description,
        "knowledge": knowledge,
        "attitude": attitude,
        "needs": needs,
        "barriers": barriers,
        "messages": split_lines(messages),
        "channels": channels,
    }


def standing(audience: Audience) -> dict[str, object]:
    """Priority, influence, interest and (a public's only) estimated size, as chosen."""
    columns = st.columns(4)
    priority = columns[0].selectbox(
        t("audiences.fields.priority"),
        PRIORITIES,
        index=PRIORITIES.index(audience.priority),
        format_func=vocab_label("priorities"),
    )
    influence = columns[1].selectbox(
        t("audiences.fields.influence"),
        LEVELS,
        index=LEVELS.index(audience.influence),
        format_func=level_label,
        help=t("audiences.fields.level_help"),
    )
    interest = columns[2].selectbox(
        t("audiences.fields.interest"),
        LEVELS,
        index=LEVELS.index(audience.interest),
        format_func=level_label,
        help=t("audiences.fields.level_help"),
    )
    estimated = columns[3].number_input(
        t("audiences.fields.estimated_size"),
        min_value=0,
        step=100,
        value=audience.estimated_size,
        disabled=audience.kind != "public",
    )
    return {
        "priority": priority,
        "influence": influence,
        "interest": interest,
        "estimated_size": estimated if audience.kind == "public" else None,
    }
