"""The coverage panel of "Participantes y cobertura": each stage against the minimum coverage, the
instrument's usual size, and whom to invite to close each gap."""

import streamlit as st

from pages.consultations import by_district
from pages.consultations.chosen import Chosen
from pages.consultations.words import done, run, target_label, term_label
from toolkit.consultations import STAGES, consulted_actors, coverage, explain, size_warning, suggestions
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.consultations import invite_actors


def show(chosen: Chosen, map_info) -> None:
    st.subheader(t("consultations.coverage.title"))
    st.caption(t("consultations.coverage.help"))
    covered = coverage(chosen.participants, chosen.data.actors, chosen.consultation.targets)
    size(chosen, len(covered["invited"].actor_ids))
    for column, stage in zip(st.columns(len(STAGES)), STAGES, strict=True):
        with column.container(border=True):
            stage_panel(chosen, stage, covered[stage])
    by_district.show(chosen)  # issue 19
    suggested(chosen, map_info)


def size(chosen: Chosen, count: int) -> None:
    """A warning when the list is too small or too large for the instrument."""
    instrument = chosen.consultation.instrument
    if warning := size_warning(instrument, count):
        kind, low, high = warning
        name = escape(term_label(chosen.ctx, "instruments")(instrument))
        st.warning(t(f"consultations.size.{kind}", count=count, low=low, high=high, instrument=name))


def stage_panel(chosen: Chosen, stage: str, result) -> None:
    """One stage (invited, confirmed, attended): how many, each target met or missing, the room's warnings."""
    st.markdown(t(f"consultations.stage.{stage}", count=len(result.actor_ids)))
    if not chosen.consultation.targets:
        st.caption(t("consultations.coverage.no_targets"))
    for status in result.targets:
        st.markdown(
            t(
                "consultations.coverage.met" if status.met else "consultations.coverage.missing",
                what=escape(target_label(chosen.ctx, status.target)),
                count=status.count,
                minimum=status.target.minimum,
            )
        )
    for room_warning in result.warnings:
        st.warning(t(f"consultations.warning.{room_warning}"), icon=":material/warning:")


@st.cache_resource(max_entries=64, show_spinner=False)
def suggestions_at(_chosen: Chosen, _map_info, cache_key: tuple, consultation_id: int, stage: str):
    """The gaps and who would close them, as of one revision, consultation and stage: ranking 20,000
    actors took most of the tab's time. For every session: read-only."""
    return suggestions(
        _chosen.data.actors,
        _chosen.participants,
        _chosen.consultation.targets,
        consulted_actors(_chosen.data.all_participants, consultation_id),
        _map_info,
        stage=stage,
    )


def suggested(chosen: Chosen, map_info) -> None:
    """The gaps of the chosen stage, each with the actors that would close it and a button to add each."""
    ctx = chosen.ctx
    st.subheader(t("consultations.suggest.title"))
    stage = st.segmented_control(
        t("consultations.suggest.stage"),
        ["invited", "confirmed"],
        default="invited",
        required=True,
        key="consultations_suggest_stage",
        format_func=lambda s: t(f"consultations.suggest.for_{s}"),
    )
    gaps = suggestions_at(chosen, map_info, chosen.ctx.cache_key(), chosen.id, stage)
    if not gaps:
        st.success(t("consultations.suggest.none_needed"))
    for position, gap in enumerate(gaps):
        heading = (
            t("consultations.gap.target", what=escape(target_label(ctx, gap.target)), count=gap.missing)
            if gap.kind == "target"
            else t(f"consultations.gap.{gap.kind}")
        )
        with st.expander(heading, expanded=position < 2):
            if not gap.suggestions:
                st.caption(t("consultations.suggest.nobody"))
            for rank, suggestion in enumerate(gap.suggestions, start=1):
                line = st.columns([6, 2])
                reasons = "; ".join(explain(r) for r in suggestion.reasons)
                line[0].markdown(
                    t(
                        "consultations.suggest.line",
                        rank=rank,
                        name=escape(suggestion.actor.name),
                        reasons=escape(reasons),
                    )
                )
                already = suggestion.actor.id in chosen.listed
                label_key = "consultations.suggest.follow_up" if already else "consultations.suggest.add"
                key = f"consultations_suggest_{position}_{suggestion.actor.id}"
                clicked = line[1].button(t(label_key), key=key, disabled=already)
                if clicked and run(invite_actors, ctx.engine, ctx.workspace_id, chosen.id, [suggestion.actor.id]):
                    done(t("consultations.add.done", count=1))
