"""What a consultation's synthesis hands on: commitments to the roadmap, those to keep informed to an audience."""

from dataclasses import replace

import streamlit as st

from pages.consultations.chosen import Chosen
from pages.consultations.words import done, run, term_label
from toolkit.consultations import Commitment, feedback_audience, keep_informed
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.roadmap import commitment_milestones
from toolkit.store.audiences import create_audience
from toolkit.store.roadmap import add_milestones, list_milestones


def to_roadmap(chosen: Chosen, commitments: list[Commitment]) -> None:
    """The chosen commitments become milestones of one phase, linked to this consultation."""
    ctx = chosen.ctx
    fresh = commitment_milestones(commitments, list_milestones(ctx.engine, ctx.workspace_id), None)
    if not fresh:
        st.caption(t("roadmap.from_commitments.all_there"))
        return
    columns = st.columns([3, 1])
    picked = columns[0].multiselect(
        t("roadmap.from_commitments.choose"),
        list(range(len(fresh))),
        default=list(range(len(fresh))),
        format_func=lambda i: fresh[i].title,
        key=f"consultations_to_roadmap_{chosen.id}_{ctx.revision}",
    )
    phases = ctx.keys("phases")
    phase = columns[1].selectbox(
        t("roadmap.from_commitments.phase"),
        phases,
        format_func=term_label(ctx, "phases"),
        index=phases.index("strategy") if "strategy" in phases else None,
        key=f"consultations_to_roadmap_phase_{chosen.id}",
    )
    if st.button(
        t("roadmap.from_commitments.add"),
        disabled=not picked,
        icon=":material/map:",
        key=f"consultations_to_roadmap_add_{chosen.id}",
    ):
        milestones = [replace(fresh[i], phase=phase) for i in picked]
        if run(add_milestones, ctx.engine, ctx.workspace_id, milestones) is not None:
            done(t("roadmap.from_commitments.done", count=len(picked)))


def to_audience(chosen: Chosen) -> None:
    """Those to keep informed of the outcome become a segment of the audiences."""
    ctx = chosen.ctx
    st.subheader(t("consultations.feedback.title"))
    informed = keep_informed(chosen.participants, chosen.contributions)
    st.caption(t("consultations.feedback.help", count=len(informed)))
    if st.button(
        t("consultations.feedback.create"),
        disabled=not informed,
        icon=":material/target:",
        key=f"consultations_feedback_{chosen.id}",
    ):
        audience = feedback_audience(chosen.consultation, informed)
        if run(create_audience, ctx.engine, ctx.workspace_id, audience, informed) is not None:
            done(t("consultations.feedback.created", name=escape(audience.name), count=len(informed)))
