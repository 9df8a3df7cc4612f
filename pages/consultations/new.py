"""A new consultation: instrument (with its guide), title, objective, when and where, the minimum coverage."""

import streamlit as st

from pages._kit.context import PageContext
from pages.consultations.chosen import choose
from pages.consultations.words import DATE_FORMAT, done, guide, run, term_label, vocab_label
from toolkit.consultations import DEFAULT_TARGETS
from toolkit.domain import MODALITIES, Consultation, CoverageTarget
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.consultations import create_consultation


def show(ctx: PageContext, *, expanded: bool) -> None:
    """The expander with the form of a new consultation (open when there is none yet)."""
    with st.expander(t("consultations.new.title"), expanded=expanded, icon=":material/add:"):
        st.caption(t("consultations.new.help"))
        instruments = ctx.keys("instruments")
        instrument = st.selectbox(
            t("consultations.fields.instrument"),
            instruments,
            key="consultations_new_instrument",
            index=instruments.index("workshop") if "workshop" in instruments else 0,
            format_func=term_label(ctx, "instruments"),
        )
        with st.container(border=True):
            guide(ctx, instrument)
        title = st.text_input(t("consultations.fields.title"), key="consultations_new_title")
        objective = st.text_area(t("consultations.fields.objective"), key="consultations_new_objective", height=80)
        columns = st.columns(3)
        modality = columns[0].selectbox(
            t("consultations.fields.modality"),
            MODALITIES,
            format_func=vocab_label("modalities"),
            key="consultations_new_modality",
        )
        start = columns[1].date_input(
            t("consultations.fields.starts_on"), value=None, format=DATE_FORMAT, key="consultations_new_start"
        )
        place = columns[2].text_input(t("consultations.fields.place"), key="consultations_new_place")
        targets = coverage_targets(ctx)
        if st.button(t("consultations.new.create"), type="primary", key="consultations_new_create"):
            consultation = Consultation(
                title=title,
                objective=objective,
                instrument=instrument,
                modality=modality,
                starts_on=start,
                ends_on=start,
                place=place,
                targets=targets,
            )
            new_id = run(create_consultation, ctx.engine, ctx.workspace_id, consultation)
            if new_id is not None:
                choose(new_id)
                for name in ("title", "objective", "place", "start"):
                    st.session_state.pop(f"consultations_new_{name}", None)
                done(t("consultations.new.done", title=escape(title)))


def coverage_targets(ctx: PageContext) -> list[CoverageTarget]:
    """The sectors and scales the new consultation must have in the room (the usual ones offered)."""
    st.markdown(t("consultations.new.targets"))
    columns = st.columns(2)
    chosen = {}
    for column, dimension, vocabulary in zip(columns, ("sector", "scale"), ("sectors", "scales"), strict=True):
        keys = ctx.keys(vocabulary)
        chosen[dimension] = column.multiselect(
            t(f"consultations.targets.{vocabulary}"),
            keys,
            format_func=term_label(ctx, vocabulary),
            default=[x.key for x in DEFAULT_TARGETS if x.dimension == dimension and x.key in keys],
            key=f"consultations_new_{vocabulary}",
        )
    return [CoverageTarget(dimension, key) for dimension, keys in chosen.items() for key in keys]
