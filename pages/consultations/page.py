"""Consultas: plan a multi-actor consultation, choose who takes part, convene, record what was
said, and synthesise it."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages.consultations import contributions, convene, new, participants, plan, questionnaire, synthesis
from pages.consultations.chosen import choose, chosen, load
from pages.consultations.words import term_label
from toolkit.i18n import format_date, t
from toolkit.markdown import escape

TABS = {
    "plan": plan.show,
    "participants": participants.show,
    "convene": convene.show,
    "contributions": contributions.show,
    "questionnaire": questionnaire.show,
    "synthesis": synthesis.show,
}

ctx = page_context("nav.consultations")
data = load(ctx)
show_notice("consultations")
current = chosen(data)
new.show(ctx, expanded=current is None)
if current is None:
    st.stop()

by_id, picker = data.by_id, f"consultations_pick_{current.id}"
st.selectbox(
    t("consultations.pick"),
    list(by_id),
    index=list(by_id).index(current.id),
    key=picker,
    format_func=lambda i: f"{by_id[i].title} · {t(f'vocab.consultation_statuses.{by_id[i].status}')}",
    on_change=lambda: choose(st.session_state[picker]),
)
consultation = current.consultation
facts = (
    term_label(ctx, "instruments")(consultation.instrument),
    t(f"vocab.modalities.{consultation.modality}"),
    format_date(consultation.starts_on),
    consultation.place,
    t(f"vocab.consultation_statuses.{consultation.status}"),
)
st.caption(" · ".join(escape(fact) for fact in facts if fact))

tabs = st.tabs(
    [t(f"consultations.tab.{name}") for name in TABS], key="consultations_tab", on_change="rerun"
)  # the open tab survives the reruns of its own buttons
for tab, show in zip(tabs, TABS.values(), strict=True):
    with tab:
        if tab.open:  # only the open tab is built (a tab switch reruns the page)
            show(current)
