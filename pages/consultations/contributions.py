"""Tab "Aportes": note a contribution during the session, the contributions table, a contributions file to import."""

import streamlit as st

from pages._kit.actor_pick import WHOLE
from pages._kit.files import download_button
from pages._kit.forms import empty_after_save
from pages._kit.register import register_of
from pages._kit.table import TableTexts, editable_table
from pages.consultations import imports
from pages.consultations.chosen import Chosen
from pages.consultations.words import DATE_FORMAT, done, run, vocab_label, worded
from toolkit.consultations import contribution_rows, contribution_themes, row_edits, short_title
from toolkit.domain import CONTRIBUTION_TYPES, PRIORITIES, Contribution
from toolkit.i18n import t
from toolkit.spreadsheets import consultations as sheets
from toolkit.store.consultations import record_contribution, save_contribution_edits

EDITABLE = ("actor_id", "theme", "type", "priority", "text", "due_on", "response")
SHOWN = ["delete", *EDITABLE]
TEXTS = TableTexts(
    save="consultations.convene.save",
    saved="consultations.said.table_saved",
    delete_title="consultations.said.delete_title",
    delete_question="consultations.said.delete_question",
    delete_confirm="consultations.said.delete_confirm",
)


SAID_FIELDS = ("theme", "type", "text", "priority", "due")  # emptied after a save; the author stays


def show(chosen: Chosen) -> None:
    quick_entry(chosen)
    st.subheader(t("consultations.said.list", count=len(chosen.contributions)))
    table(chosen)
    st.subheader(t("consultations.import.contributions_title"))
    st.caption(t("consultations.import.contributions_help"))
    download_button(
        t("consultations.export.template"),
        lambda: sheets.contribution_template(chosen.ctx.lang),
        f"{t('consultations.export.file.contributions')}.xlsx",
        key="consultations_dl_template",
    )
    imports.show(chosen, "contributions")


def quick_entry(chosen: Chosen) -> None:
    """One contribution as it is said: who (a participant first, or "from the floor"), theme, type, text."""
    ctx, names, actors = chosen.ctx, chosen.data.names, chosen.data.actors
    st.subheader(t("consultations.said.quick"))
    people = [p.actor_id for p in sorted(chosen.participants, key=lambda p: names.get(p.actor_id, "").casefold())]
    others = [] if len(actors) > WHOLE else [i for i in register_of(ctx).order if i not in chosen.listed]
    authors = [0, *people, *others]  # 0 stands for "from the floor": a None option would read as "nothing chosen yet"
    if len(actors) > WHOLE:  # a form cannot search 20,000 names: the participants, and how to reach the others
        st.caption(t("lists.participants_only", count=len(actors) - len(people)))
    with st.form(f"consultations_said_form_{chosen.id}"):
        columns = st.columns([3, 2, 2])
        author = columns[0].selectbox(
            t("consultations.said.who"),
            authors,
            key="consultations_said_who",
            format_func=lambda i: names.get(i, "") if i else t("consultations.said.floor"),
        )
        theme = columns[1].selectbox(
            t("consultations.columns.theme"),
            contribution_themes(chosen.contributions, actors),
            index=None,
            accept_new_options=True,
            key="consultations_said_theme",
            placeholder=t("consultations.said.theme_hint"),
        )
        kind = columns[2].selectbox(
            t("consultations.columns.type"),
            CONTRIBUTION_TYPES,
            format_func=vocab_label("contribution_types"),
            key="consultations_said_type",
        )
        text = st.text_area(t("consultations.columns.text"), key="consultations_said_text", height=90)
        columns = st.columns([2, 2, 4])
        priority = columns[0].selectbox(
            t("consultations.columns.priority"),
            PRIORITIES,
            index=1,
            format_func=vocab_label("priorities"),
            key="consultations_said_priority",
        )
        due_on = columns[1].date_input(
            t("consultations.columns.due_on"),
            value=None,
            format=DATE_FORMAT,
            key="consultations_said_due",
            help=t("consultations.said.due_help"),
        )
        if st.form_submit_button(t("consultations.said.save"), type="primary"):
            said = Contribution(
                consultation_id=chosen.id,
                text=text,
                actor_id=author or None,
                theme=theme or "",
                type=kind,
                priority=priority,
                due_on=due_on,
            )
            if run(record_contribution, ctx.engine, ctx.workspace_id, said) is not None:
                # the author stays chosen: the next contribution is often theirs too
                empty_after_save(
                    *(f"consultations_said_{name}" for name in ("theme", "type", "text", "priority", "due"))
                )
                done(t("consultations.said.saved"))


def table(chosen: Chosen) -> None:
    """The contributions, newest first, editable; deleting asks first."""
    ctx, names = chosen.ctx, chosen.data.names
    editable_table(
        "consultations_said_table",
        lambda: contribution_rows(chosen.contributions),
        columns=["id", "version", *SHOWN],
        column_config={
            "delete": st.column_config.CheckboxColumn(t("actors.table.delete"), width="small"),
            "actor_id": st.column_config.SelectboxColumn(
                t("consultations.said.who"), options=authors(chosen), format_func=lambda i: names.get(i, "")
            ),
            "theme": st.column_config.TextColumn(t("consultations.columns.theme")),
            "type": st.column_config.SelectboxColumn(
                t("consultations.columns.type"),
                options=list(CONTRIBUTION_TYPES),
                format_func=vocab_label("contribution_types"),
                required=True,
            ),
            "priority": st.column_config.SelectboxColumn(
                t("consultations.columns.priority"),
                options=list(PRIORITIES),
                required=True,
                format_func=vocab_label("priorities"),
            ),
            "text": st.column_config.TextColumn(t("consultations.columns.text"), width="large", required=True),
            "due_on": st.column_config.DateColumn(t("consultations.columns.due_on"), format=DATE_FORMAT),
            "response": st.column_config.TextColumn(t("consultations.columns.response"), width="medium"),
        },
        diff=lambda before, touched: row_edits(before, touched, EDITABLE, "delete", dates=("due_on",)),
        save=lambda edits, to_delete: worded(save_contribution_edits)(ctx.engine, ctx.workspace_id, edits, to_delete),
        revision=ctx.revision,
        shown=chosen.id,
        may_edit=ctx.may_edit,
        row_name=lambda row: short_title(str(row.get("text") or "")),
        texts=TEXTS,
        notice="consultations",
        column_order=SHOWN,
    )


def authors(chosen: Chosen) -> list[int]:
    """Whom the table offers as the one who said it: the whole register up to ``WHOLE`` actors, else
    the participants and whoever already said something (a column cannot search 20,000 names)."""
    names = chosen.data.names
    if len(names) <= WHOLE:
        return list(names)
    said = (c.actor_id for c in chosen.contributions if c.actor_id)
    return list(dict.fromkeys([*(p.actor_id for p in chosen.participants), *said]))
