"""Tab "Plan": the consultation's plan, its instrument's guide, the minimum coverage, duplicate or delete it."""

import pandas as pd
import streamlit as st

from pages._kit.dialogs import dialog
from pages._kit.table import readable
from pages.consultations.chosen import Chosen, choose
from pages.consultations.words import (
    DATE_FORMAT,
    done,
    guide,
    run,
    succeeded,
    target_label,
    term_label,
    vocab_label,
)
from toolkit.consultations import offered_consultation_statuses, target_choices, target_rows, targets_from_rows
from toolkit.domain import MODALITIES, Consultation, CoverageTarget
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.consultations import delete_consultation, duplicate_consultation, update_consultation


def show(chosen: Chosen) -> None:
    plan_form(chosen)
    with st.expander(t("consultations.guide.title")):
        guide(chosen.ctx, chosen.consultation.instrument)
    targets(chosen)
    st.subheader(t("consultations.plan.other_actions"))
    columns = st.columns(2)
    with columns[0].container(border=True):
        duplicate(chosen)
    with columns[1].container(border=True):
        delete(chosen)


def plan_form(chosen: Chosen) -> None:
    """The plan's fields in one form, saved from the version shown (another person's save in between is refused)."""
    ctx, consultation = chosen.ctx, chosen.consultation
    with st.form(f"consultations_plan_{chosen.id}_{consultation.version}"):
        title = st.text_input(t("consultations.fields.title"), value=consultation.title)
        objective = st.text_area(t("consultations.fields.objective"), value=consultation.objective, height=80)
        one_per_line = t("consultations.fields.one_per_line")
        specific = st.text_area(
            t("consultations.fields.specific_objectives"),
            value=consultation.specific_objectives,
            height=100,
            help=one_per_line,
        )
        questions = st.text_area(
            t("consultations.fields.questions"), value=consultation.questions, height=120, help=one_per_line
        )
        columns = st.columns(3)
        instruments = list(dict.fromkeys([*ctx.keys("instruments"), consultation.instrument]))
        instrument = columns[0].selectbox(
            t("consultations.fields.instrument"),
            instruments,
            index=instruments.index(consultation.instrument),
            format_func=term_label(ctx, "instruments"),
        )
        modality = columns[1].selectbox(
            t("consultations.fields.modality"),
            MODALITIES,
            index=MODALITIES.index(consultation.modality),
            format_func=vocab_label("modalities"),
        )
        statuses = offered_consultation_statuses(consultation.status, chosen.participants)
        status = columns[2].selectbox(
            t("consultations.fields.status"),
            statuses,
            index=statuses.index(consultation.status),
            format_func=vocab_label("consultation_statuses"),
        )
        columns = st.columns(3)
        starts_on = columns[0].date_input(
            t("consultations.fields.starts_on"), value=consultation.starts_on, format=DATE_FORMAT
        )
        ends_on = columns[1].date_input(
            t("consultations.fields.ends_on"), value=consultation.ends_on, format=DATE_FORMAT
        )
        budget = columns[2].number_input(
            t("consultations.fields.budget"), value=consultation.budget, min_value=0.0, step=100000.0, format="%.0f"
        )
        columns = st.columns(2)
        place = columns[0].text_input(t("consultations.fields.place_or_link"), value=consultation.place)
        facilitator = columns[1].text_input(t("consultations.fields.facilitator"), value=consultation.facilitator)
        if st.form_submit_button(t("consultations.plan.save"), type="primary"):
            edited = Consultation(
                title=title,
                objective=objective,
                specific_objectives=specific,
                questions=questions,
                instrument=instrument,
                modality=modality,
                status=status,
                starts_on=starts_on,
                ends_on=ends_on,
                budget=budget,
                place=place,
                facilitator=facilitator,
                targets=consultation.targets,
                id=consultation.id,
                version=consultation.version,
            )
            if run(update_consultation, ctx.engine, ctx.workspace_id, edited) is not None:
                done(t("consultations.plan.saved"))


def targets(chosen: Chosen) -> None:
    """The minimum coverage: which sectors and scales, how many of each (saved with the plan's version)."""
    ctx, consultation = chosen.ctx, chosen.consultation
    st.subheader(t("consultations.targets.title"))
    st.caption(t("consultations.targets.help"))
    edited = st.data_editor(
        pd.DataFrame(target_rows(consultation.targets), columns=["target", "minimum"]),
        key=f"consultations_targets_{chosen.id}_{consultation.version}",
        num_rows="dynamic",
        hide_index=True,
        column_config=readable(
            {
                "target": st.column_config.SelectboxColumn(
                    t("consultations.targets.what"),
                    options=target_choices(ctx.keys("sectors"), ctx.keys("scales")),
                    required=True,
                    format_func=lambda v: target_label(ctx, CoverageTarget(*v.split(":", 1))),
                ),
                "minimum": st.column_config.NumberColumn(
                    t("consultations.targets.minimum"), min_value=1, max_value=500, step=1, default=1, required=True
                ),
            },
            editing=True,
        ),
    )
    if st.button(t("consultations.targets.save"), key="consultations_targets_save"):
        new = Consultation(**{**vars(consultation), "targets": targets_from_rows(edited.to_dict("records"))})
        if run(update_consultation, ctx.engine, ctx.workspace_id, new) is not None:
            done(t("consultations.targets.saved"))


def duplicate(chosen: Chosen) -> None:
    """A copy for the next round, with or without the participant list."""
    ctx = chosen.ctx
    st.markdown(t("consultations.duplicate.title"))
    copy_title = st.text_input(
        t("consultations.duplicate.new_title"),
        value=t("consultations.duplicate.default_title", title=chosen.consultation.title),
        key=f"consultations_copy_title_{chosen.id}",
    )
    with_list = st.checkbox(
        t("consultations.duplicate.with_participants"), value=True, key=f"consultations_copy_list_{chosen.id}"
    )
    if st.button(t("consultations.duplicate.button"), key="consultations_copy", icon=":material/content_copy:"):
        new_id = run(duplicate_consultation, ctx.engine, ctx.workspace_id, chosen.id, copy_title, with_list)
        if new_id is not None:
            choose(new_id)
            done(t("consultations.duplicate.done", title=escape(copy_title)))


def delete(chosen: Chosen) -> None:
    """Delete the consultation with its lists, after a question that says what goes with it."""
    ctx, title = chosen.ctx, chosen.consultation.title
    confirming = "consultations_delete_confirming"

    def stop_confirming() -> None:
        st.session_state.pop(confirming, None)

    # the question stays open across reruns until answered, as the kit's table does (closing it is an answer)
    @dialog(t("consultations.delete.title"), on_dismiss=stop_confirming)
    def confirm_delete() -> None:
        st.write(t("consultations.delete.question", title=escape(title)))
        st.warning(
            t(
                "consultations.delete.warning",
                participants=len(chosen.participants),
                contributions=len(chosen.contributions),
            )
        )
        confirmed = st.button(t("consultations.delete.confirm"), type="primary", key="consultations_delete_confirm")
        if confirmed:
            stop_confirming()
        if confirmed and succeeded(delete_consultation, ctx.engine, ctx.workspace_id, chosen.id):
            choose(None)
            done(t("consultations.delete.done", title=escape(title)))

    st.markdown(t("consultations.delete.heading"))
    st.caption(t("consultations.delete.help"))
    if st.button(t("consultations.delete.button"), key="consultations_delete", icon=":material/delete:"):
        st.session_state[confirming] = chosen.id
    if st.session_state.get(confirming) == chosen.id:
        confirm_delete()
