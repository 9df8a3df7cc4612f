"""The record's first lines: the actor's name, kind, sector and scale; its stance, quadrant, last
contact and next step due; the one-page brief for a meeting."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import download_button, safe_file_name
from toolkit.brief import actor_brief
from toolkit.i18n import LANGUAGES, format_date, t
from toolkit.markdown import escape
from toolkit.record import Header, Story, header, quadrant_word, stance_word


def _last_contact(days: int | None) -> str:
    if days is None:
        return t("record.header.never")
    return t("record.header.today") if days == 0 else t("record.header.days", count=days)


def _next_step(found: Header) -> str:
    """The open next step due soonest, red when overdue (its text is user text: escaped)."""
    if found.next_step is None:
        return t("record.header.no_step")
    due = found.next_step.next_step_due
    words = t(
        "record.header.overdue" if found.overdue else "record.header.due",
        day=format_date(due) if due else "—",
        step=escape(found.next_step.next_step),
    )
    return f":red[{words}]" if found.overdue else words


def show(ctx: PageContext, story: Story) -> None:
    """Name, what kind of actor, where it stands and where the team is with it; the brief."""
    actor, found = story.actor, header(story, ctx.today)
    st.subheader(escape(actor.name))
    what = [
        t(f"vocab.kinds.{actor.kind}"),
        ctx.term_label("sectors")(actor.sector),
        ctx.term_label("scales")(actor.scale),
    ]
    st.caption(escape(" · ".join(w for w in [actor.acronym, *what] if w)))
    levels = t(
        "record.header.levels",
        influence=found.influence if found.influence is not None else "—",
        interest=found.interest if found.interest is not None else "—",
    )
    cells = st.columns([1, 1.3, 1, 2.2])
    for cell, (name, value, note) in zip(
        cells[:3],
        (
            ("record.header.stance", stance_word(found.stance) or "—", None),
            ("record.header.quadrant", quadrant_word(found.quadrant) or "—", levels),
            ("record.header.last_contact", _last_contact(found.days_since), format_date(found.last_contact)),
        ),
        strict=True,
    ):
        with cell.container(border=True, height="stretch"):
            st.caption(t(name))
            st.markdown(f"**{value}**")
            if note:
                st.caption(note)
    with cells[3].container(border=True, height="stretch"):
        st.caption(t("record.header.next_step"))
        st.markdown(_next_step(found))
    brief(ctx, story)


def brief(ctx: PageContext, story: Story) -> None:
    """The one-page brief, in the language chosen (the person's own by default)."""
    languages = list(LANGUAGES)
    chosen, button, _ = st.columns([1, 1.4, 2.6], vertical_alignment="bottom")
    lang = chosen.selectbox(
        t("record.brief.language"),
        languages,
        index=languages.index(ctx.lang),
        format_func=lambda code: t(f"languages.{code}"),
        key="record_brief_lang",
    )
    custom, today = ctx.custom, ctx.today
    with button:
        download_button(
            t("record.brief.download"),
            lambda: actor_brief(story, custom, today, lang),
            safe_file_name(t("record.brief.file", lang), story.actor.name, extension="docx", dated=True),
            key="record_brief_download",
        )
