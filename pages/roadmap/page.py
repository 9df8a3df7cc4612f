"""Hoja de ruta: the milestones of the process in its phases, on one timeline with the
consultations and the campaigns; what is overdue, due soon or blocked; a status per phase;
the milestones table; the roadmap as .xlsx and as a calendar (.ics)."""

import streamlit as st

from pages._kit.context import page_context, show_notice
from pages.roadmap import data, downloads, glance, milestones, new_milestone, next_steps, timeline
from toolkit.i18n import t

ctx = page_context("nav.roadmap")
roadmap = data.load(ctx)
show_notice("roadmap")
st.caption(t("roadmap.intro"))
if not roadmap.items:
    st.info(t("roadmap.empty"))
glance.show(ctx, roadmap)
next_steps.show(ctx)
timeline.show(ctx, roadmap)
new_milestone.show(ctx, roadmap)
milestones.show(ctx, roadmap)
downloads.show(ctx, roadmap)
