"""Consultas: plan a multi-actor consultation, choose who takes part, convene, record what was
said, and synthesise it."""

from dataclasses import replace

import pandas as pd
import streamlit as st

from toolkit import clock
from toolkit import consultation_documents as documents
from toolkit.consultations import (
    DEFAULT_TARGETS,
    INSTRUMENT_SIZES,
    STAGES,
    community_members,
    consulted_actors,
    contribution_rows,
    contribution_themes,
    coverage,
    explain,
    feedback_audience,
    keep_informed,
    participant_rows,
    row_edits,
    select_actors,
    size_warning,
    suggestions,
    synthesis,
)
from toolkit.domain import (
    CONSULTATION_STATUSES,
    CONTRIBUTION_TYPES,
    INVITATION_STATUSES,
    MODALITIES,
    PRIORITIES,
    QUADRANTS,
    STANCE_VALUES,
    Consultation,
    Contribution,
    CoverageTarget,
)
from toolkit.i18n import format_date, format_number, has, label, language, t
from toolkit.markdown import escape
from toolkit.register import ActorFilter, all_themes
from toolkit.roadmap import commitment_milestones
from toolkit.spreadsheets import consultations as sheets
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook
from toolkit.store import StoreError
from toolkit.store.audiences import create_audience
from toolkit.store.consultations import (
    change_status,
    create_consultation,
    delete_consultation,
    delete_contributions,
    duplicate_consultation,
    import_contributions,
    invite_actors,
    list_consultations,
    list_contributions,
    list_participants,
    record_attendance,
    record_contribution,
    remove_participants,
    save_contribution_edits,
    save_participant_edits,
    update_consultation,
)
from toolkit.store.register import list_actors, list_relations
from toolkit.store.roadmap import add_milestones, list_milestones
from toolkit.store.workspaces import revision, vocabulary_terms

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("nav.consultations"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()

lang = language()
terms = vocabulary_terms(engine, workspace_id)
custom = {name: {key: text for key, text in entries if text} for name, entries in terms.items()}
keys = {name: [key for key, _ in entries] for name, entries in terms.items()}
current_revision = revision(engine, workspace_id)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
DATE_FORMAT = "DD/MM/YYYY"


@st.cache_data(max_entries=32, show_spinner=False)
def workspace_at(_engine, url: str, workspace_id: int, revision: int):
    """Register and consultations as of one revision (every write bumps it, so this never goes stale)."""
    return (
        list_actors(_engine, workspace_id),
        list_relations(_engine, workspace_id),
        list_consultations(_engine, workspace_id),
        list_participants(_engine, workspace_id),
        list_contributions(_engine, workspace_id),
    )


@st.cache_data(max_entries=16, show_spinner=False)
def map_at(_actors, _relations, url: str, workspace_id: int, revision: int):
    """Communities and brokers of the actor map (the network analysis is the slow part)."""
    from toolkit.consultations import actor_map_info

    return actor_map_info(_actors, _relations)


actors, relations, consultations, all_participants, all_contributions = workspace_at(
    engine, settings.database_url, workspace_id, current_revision
)
names = {a.id: a.name for a in actors}


def term_label(vocabulary):
    return lambda key: label(vocabulary, key, custom.get(vocabulary)) if key else t("consultations.unassigned")


def vocab_label(vocabulary):
    return lambda key: t(f"vocab.{vocabulary}.{key}") if key else ""


def target_label(target: CoverageTarget) -> str:
    vocabulary = "sectors" if target.dimension == "sector" else "scales"
    return t(f"consultations.targets.{target.dimension}", name=label(vocabulary, target.key, custom.get(vocabulary)))


def show_error(error: StoreError) -> None:
    own = f"consultations.errors.{error.reason}"
    st.error(t(own if has(own) else error.message_key, **{k: escape(v) for k, v in error.details.items()}))


def notify(message: str) -> None:
    st.session_state["consultations_notice"] = message
    st.rerun()


def choose(consultation_id: int) -> None:
    st.session_state["consultations_current"] = consultation_id


def guide(instrument: str) -> None:
    """The short guide of an instrument: when to use it, typical size, what to prepare."""
    if not has(f"consultations.guide.{instrument}.when"):
        return
    low, high = INSTRUMENT_SIZES[instrument]
    st.markdown(t("consultations.guide.heading", instrument=escape(term_label("instruments")(instrument))))
    st.markdown(t(f"consultations.guide.{instrument}.when"))
    st.markdown(t("consultations.guide.size", low=format_number(low), high=format_number(high)))
    st.markdown(t(f"consultations.guide.{instrument}.prepare"))


def import_panel(kind: str) -> None:
    """Upload, check and store an attendance list or a contributions file (nothing stored until confirmed)."""
    round_key = f"consultations_{kind}_round"
    upload = st.file_uploader(
        t(f"consultations.import.upload_{kind}"),
        type=["xlsx", "xlsm", "xls", "ods", "csv"],
        key=f"consultations_{kind}_file_{current_id}_{st.session_state.get(round_key, 0)}",
        help=t("import.upload_help", limit=settings.upload_limit_mb),
    )
    if upload is None:
        return
    try:
        workbook = read_workbook(upload.getvalue(), upload.name, settings.read_limits)
    except UnreadableFile as error:
        st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))
        return
    default_type = "proposal"
    if kind == "attendance":
        preview = sheets.read_attendance(workbook, actors, terms)
    else:
        default_type = st.selectbox(
            t("consultations.import.default_type"),
            CONTRIBUTION_TYPES,
            format_func=vocab_label("contribution_types"),
            key=f"consultations_{kind}_default_type",
        )
        preview = sheets.read_contributions(workbook, actors, terms, default_type)
    for problem in preview.errors:
        st.error(t(problem.key, **{k: escape(v) for k, v in problem.details.items()}))
    if preview.errors:
        return
    st.caption(
        t(
            "consultations.import.read_as",
            sheet=escape(preview.sheet),
            row=preview.header_row + 1,
            columns=escape(
                ", ".join(
                    f"{header} → {t(f'consultations.import.field.{field}')}"
                    for header, field in preview.columns
                    if field and field != "ignore"
                )
            ),
        )
    )
    if preview.survey:
        st.info(t("consultations.import.survey"))
    summary = st.columns(3)
    summary[0].metric(t("consultations.import.matched"), format_number(len(preview.matched)))
    summary[1].metric(t("consultations.import.unmatched"), format_number(len(preview.unmatched)))
    if kind == "contributions":
        summary[2].metric(t("consultations.import.contributions"), format_number(preview.contribution_count))
    if preview.warnings:
        st.dataframe(
            pd.DataFrame(
                [(p.row or "", p.column, t(p.key, **p.details)) for p in preview.warnings],
                columns=[t("import.report.row"), t("import.report.column"), t("import.report.message")],
            ),
            hide_index=True,
            width="stretch",
        )
    add_unknown = False
    if preview.unmatched:
        st.text(
            t(
                "consultations.import.unmatched_names",
                names=", ".join(dict.fromkeys(row.written for row in preview.unmatched)),
            )
        )
        add_unknown = st.checkbox(t(f"consultations.import.add_unknown_{kind}"), key=f"consultations_{kind}_add")
    if st.button(t("consultations.import.confirm"), type="primary", key=f"consultations_{kind}_confirm"):
        batch = sheets.to_import(preview, add_unknown, consultation.starts_on or clock.today())
        store = record_attendance if kind == "attendance" else import_contributions
        try:
            result = store(engine, workspace_id, current_id, batch)
        except StoreError as error:
            show_error(error)
            return
        st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
        notify(
            t(
                "consultations.import.done",
                actors=result.actors_added,
                added=result.participants_added,
                updated=result.participants_updated,
                contributions=result.contributions_added,
            )
        )


if st.session_state.get("consultations_notice"):
    st.success(st.session_state.pop("consultations_notice"))

# -- which consultation ----------------------------------------------------------------------
ids = [c.id for c in consultations]
by_id = {c.id: c for c in consultations}
if st.session_state.get("consultations_current") not in ids:
    st.session_state["consultations_current"] = ids[-1] if ids else None
current_id = st.session_state["consultations_current"]

with st.expander(t("consultations.new.title"), expanded=not consultations, icon=":material/add:"):
    st.caption(t("consultations.new.help"))
    instruments = keys.get("instruments", [])
    new_instrument = st.selectbox(
        t("consultations.fields.instrument"),
        instruments,
        key="consultations_new_instrument",
        index=instruments.index("workshop") if "workshop" in instruments else 0,
        format_func=term_label("instruments"),
    )
    with st.container(border=True):
        guide(new_instrument)
    new_title = st.text_input(t("consultations.fields.title"), key="consultations_new_title")
    new_objective = st.text_area(t("consultations.fields.objective"), key="consultations_new_objective", height=80)
    columns = st.columns(3)
    new_modality = columns[0].selectbox(
        t("consultations.fields.modality"),
        MODALITIES,
        format_func=vocab_label("modalities"),
        key="consultations_new_modality",
    )
    new_start = columns[1].date_input(
        t("consultations.fields.starts_on"), value=None, format=DATE_FORMAT, key="consultations_new_start"
    )
    new_place = columns[2].text_input(t("consultations.fields.place"), key="consultations_new_place")
    st.markdown(t("consultations.new.targets"))
    columns = st.columns(2)
    new_sectors = columns[0].multiselect(
        t("consultations.targets.sectors"),
        keys.get("sectors", []),
        format_func=term_label("sectors"),
        default=[x.key for x in DEFAULT_TARGETS if x.dimension == "sector" and x.key in keys.get("sectors", [])],
        key="consultations_new_sectors",
    )
    new_scales = columns[1].multiselect(
        t("consultations.targets.scales"),
        keys.get("scales", []),
        format_func=term_label("scales"),
        default=[x.key for x in DEFAULT_TARGETS if x.dimension == "scale" and x.key in keys.get("scales", [])],
        key="consultations_new_scales",
    )
    if st.button(t("consultations.new.create"), type="primary", key="consultations_new_create"):
        try:
            new_id = create_consultation(
                engine,
                workspace_id,
                Consultation(
                    title=new_title,
                    objective=new_objective,
                    instrument=new_instrument,
                    modality=new_modality,
                    starts_on=new_start,
                    ends_on=new_start,
                    place=new_place,
                    targets=[CoverageTarget("sector", k) for k in new_sectors]
                    + [CoverageTarget("scale", k) for k in new_scales],
                ),
            )
        except StoreError as error:
            show_error(error)
        else:
            choose(new_id)
            for key in ("title", "objective", "place", "start"):
                st.session_state.pop(f"consultations_new_{key}", None)
            notify(t("consultations.new.done", title=escape(new_title)))

if not consultations:
    st.stop()

st.selectbox(
    t("consultations.pick"),
    ids,
    index=ids.index(current_id),
    key=f"consultations_pick_{current_id}",
    format_func=lambda i: f"{by_id[i].title} · {t(f'vocab.consultation_statuses.{by_id[i].status}')}",
    on_change=lambda: choose(st.session_state[f"consultations_pick_{current_id}"]),
)
consultation = by_id[current_id]
participants = [p for p in all_participants if p.consultation_id == current_id]
contributions = [c for c in all_contributions if c.consultation_id == current_id]
listed = {p.actor_id for p in participants}
st.caption(
    " · ".join(
        escape(part)
        for part in (
            term_label("instruments")(consultation.instrument),
            t(f"vocab.modalities.{consultation.modality}"),
            format_date(consultation.starts_on),
            consultation.place,
            t(f"vocab.consultation_statuses.{consultation.status}"),
        )
        if part
    )
)
safe_name = "".join(ch if ch.isalnum() else "_" for ch in consultation.title)[:40] or "consulta"

tab_plan, tab_who, tab_convene, tab_said, tab_synthesis = st.tabs(
    [
        t("consultations.tab.plan"),
        t("consultations.tab.participants"),
        t("consultations.tab.convene"),
        t("consultations.tab.contributions"),
        t("consultations.tab.synthesis"),
    ],
    key="consultations_tab",
    on_change="rerun",
)  # the open tab survives the reruns of its own buttons

# -- the plan --------------------------------------------------------------------------------
with tab_plan:
    if tab_plan.open:  # only the open tab is built (a tab switch reruns the page)
        version_key = f"{current_id}_{consultation.version}"
        with st.form(f"consultations_plan_{version_key}"):
            title = st.text_input(t("consultations.fields.title"), value=consultation.title)
            objective = st.text_area(t("consultations.fields.objective"), value=consultation.objective, height=80)
            specific = st.text_area(
                t("consultations.fields.specific_objectives"),
                value=consultation.specific_objectives,
                height=100,
                help=t("consultations.fields.one_per_line"),
            )
            questions = st.text_area(
                t("consultations.fields.questions"),
                value=consultation.questions,
                height=120,
                help=t("consultations.fields.one_per_line"),
            )
            columns = st.columns(3)
            instrument_options = list(dict.fromkeys([*keys.get("instruments", []), consultation.instrument]))
            instrument = columns[0].selectbox(
                t("consultations.fields.instrument"),
                instrument_options,
                index=instrument_options.index(consultation.instrument),
                format_func=term_label("instruments"),
            )
            modality = columns[1].selectbox(
                t("consultations.fields.modality"),
                MODALITIES,
                index=MODALITIES.index(consultation.modality),
                format_func=vocab_label("modalities"),
            )
            status = columns[2].selectbox(
                t("consultations.fields.status"),
                CONSULTATION_STATUSES,
                index=CONSULTATION_STATUSES.index(consultation.status),
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
                try:
                    update_consultation(
                        engine,
                        workspace_id,
                        Consultation(
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
                        ),
                    )
                except StoreError as error:
                    show_error(error)
                else:
                    notify(t("consultations.plan.saved"))
        with st.expander(t("consultations.guide.title")):
            guide(consultation.instrument)

        st.subheader(t("consultations.targets.title"))
        st.caption(t("consultations.targets.help"))
        target_options = [f"sector:{k}" for k in keys.get("sectors", [])] + [
            f"scale:{k}" for k in keys.get("scales", [])
        ]
        target_table = pd.DataFrame(
            [{"target": f"{x.dimension}:{x.key}", "minimum": x.minimum} for x in consultation.targets],
            columns=["target", "minimum"],
        )
        edited_targets = st.data_editor(
            target_table,
            key=f"consultations_targets_{version_key}",
            num_rows="dynamic",
            hide_index=True,
            column_config={
                "target": st.column_config.SelectboxColumn(
                    t("consultations.targets.what"),
                    options=target_options,
                    required=True,
                    format_func=lambda v: target_label(CoverageTarget(*v.split(":", 1))),
                ),
                "minimum": st.column_config.NumberColumn(
                    t("consultations.targets.minimum"), min_value=1, max_value=500, step=1, default=1, required=True
                ),
            },
        )
        if st.button(t("consultations.targets.save"), key="consultations_targets_save"):
            new_targets = [
                CoverageTarget(*str(row["target"]).split(":", 1), int(row["minimum"] or 1))
                for row in edited_targets.to_dict("records")
                if isinstance(row.get("target"), str)
            ]
            try:
                update_consultation(
                    engine, workspace_id, Consultation(**{**vars(consultation), "targets": new_targets})
                )
            except StoreError as error:
                show_error(error)
            else:
                notify(t("consultations.targets.saved"))

        st.subheader(t("consultations.plan.other_actions"))
        columns = st.columns(2)
        with columns[0].container(border=True):
            st.markdown(t("consultations.duplicate.title"))
            copy_title = st.text_input(
                t("consultations.duplicate.new_title"),
                value=t("consultations.duplicate.default_title", title=consultation.title),
                key=f"consultations_copy_title_{current_id}",
            )
            with_list = st.checkbox(
                t("consultations.duplicate.with_participants"), value=True, key=f"consultations_copy_list_{current_id}"
            )
            if st.button(t("consultations.duplicate.button"), key="consultations_copy", icon=":material/content_copy:"):
                try:
                    new_id = duplicate_consultation(engine, workspace_id, current_id, copy_title, with_list)
                except StoreError as error:
                    show_error(error)
                else:
                    choose(new_id)
                    notify(t("consultations.duplicate.done", title=escape(copy_title)))

        @st.dialog(t("consultations.delete.title"))
        def confirm_delete():
            st.write(t("consultations.delete.question", title=escape(consultation.title)))
            st.warning(
                t("consultations.delete.warning", participants=len(participants), contributions=len(contributions))
            )
            if st.button(t("consultations.delete.confirm"), type="primary", key="consultations_delete_confirm"):
                try:
                    delete_consultation(engine, workspace_id, current_id)
                except StoreError as error:
                    show_error(error)
                    return
                st.session_state.pop("consultations_current", None)
                notify(t("consultations.delete.done", title=escape(consultation.title)))

        with columns[1].container(border=True):
            st.markdown(t("consultations.delete.heading"))
            st.caption(t("consultations.delete.help"))
            if st.button(t("consultations.delete.button"), key="consultations_delete", icon=":material/delete:"):
                confirm_delete()

# -- who takes part --------------------------------------------------------------------------
with tab_who:
    if tab_who.open:  # only the open tab is built (a tab switch reruns the page)
        map_info = map_at(actors, relations, settings.database_url, workspace_id, current_revision)
        st.subheader(t("consultations.add.by_filter"))
        filters = st.columns(6)
        f_sectors = filters[0].multiselect(
            t("columns.sector"),
            keys.get("sectors", []),
            format_func=term_label("sectors"),
            key="consultations_f_sectors",
            placeholder=t("common.choose"),
        )
        f_scales = filters[1].multiselect(
            t("columns.scale"),
            keys.get("scales", []),
            format_func=term_label("scales"),
            key="consultations_f_scales",
            placeholder=t("common.choose"),
        )
        f_stances = filters[2].multiselect(
            t("columns.stance"),
            list(STANCE_VALUES),
            key="consultations_f_stances",
            format_func=vocab_label("stances"),
            placeholder=t("common.choose"),
        )
        f_quadrants = filters[3].multiselect(
            t("columns.quadrant"),
            list(QUADRANTS),
            key="consultations_f_quadrants",
            format_func=lambda q: t(f"quadrants.{q}"),
            placeholder=t("common.choose"),
        )
        f_themes = filters[4].multiselect(
            t("columns.themes"), all_themes(actors), key="consultations_f_themes", placeholder=t("common.choose")
        )
        members = community_members(map_info, actors)
        f_communities = filters[5].multiselect(
            t("consultations.filter.community"),
            list(members),
            key="consultations_f_communities",
            placeholder=t("common.choose"),
            disabled=not members,
            help=None if members else t("consultations.filter.no_map"),
            format_func=lambda n: t(
                "consultations.filter.community_label", number=n + 1, members=", ".join(members[n])
            ),
        )
        chosen_filter = ActorFilter(
            sectors=tuple(f_sectors),
            scales=tuple(f_scales),
            stances=tuple(STANCE_VALUES[s] for s in f_stances),
            quadrants=tuple(f_quadrants),
            themes=tuple(f_themes),
        )
        any_filter = any((f_sectors, f_scales, f_stances, f_quadrants, f_themes, f_communities))
        matching = select_actors(actors, chosen_filter, tuple(f_communities), map_info) if any_filter else []
        to_add = [a for a in matching if a.id not in listed]
        if any_filter:
            st.caption(
                t("consultations.add.matching", count=format_number(len(matching)), new=format_number(len(to_add)))
            )
            if to_add:
                st.dataframe(
                    pd.DataFrame(
                        {
                            t("columns.name"): [a.name for a in to_add],
                            t("columns.sector"): [term_label("sectors")(a.sector) for a in to_add],
                            t("columns.scale"): [term_label("scales")(a.scale) for a in to_add],
                        }
                    ),
                    hide_index=True,
                    height=min(300, 40 + 35 * len(to_add)),
                )
        if st.button(
            t("consultations.add.filtered", count=len(to_add)),
            type="primary",
            disabled=not to_add,
            key="consultations_add_filtered",
        ):
            try:
                result = invite_actors(engine, workspace_id, current_id, [a.id for a in to_add])
            except StoreError as error:
                show_error(error)
            else:
                notify(t("consultations.add.done", added=result.added))

        st.subheader(t("consultations.add.by_hand"))
        others = sorted((a for a in actors if a.id not in listed), key=lambda a: a.name.casefold())
        picked = st.multiselect(
            t("consultations.add.actors"),
            [a.id for a in others],
            key="consultations_hand",
            format_func=lambda i: names.get(i, ""),
            placeholder=t("common.choose"),
        )
        if st.button(
            t("consultations.add.hand_button", count=len(picked)), disabled=not picked, key="consultations_add_hand"
        ):
            try:
                result = invite_actors(engine, workspace_id, current_id, picked)
            except StoreError as error:
                show_error(error)
            else:
                st.session_state.pop("consultations_hand", None)
                notify(t("consultations.add.done", added=result.added))

        st.subheader(t("consultations.coverage.title"))
        st.caption(t("consultations.coverage.help"))
        covered = coverage(participants, actors, consultation.targets)
        warning = size_warning(consultation.instrument, len(covered["invited"].actor_ids))
        if warning:
            kind, low, high = warning
            st.warning(
                t(
                    f"consultations.size.{kind}",
                    count=len(covered["invited"].actor_ids),
                    low=low,
                    high=high,
                    instrument=escape(term_label("instruments")(consultation.instrument)),
                )
            )
        for column, stage in zip(st.columns(len(STAGES)), STAGES, strict=True):
            result = covered[stage]
            with column.container(border=True):
                st.markdown(t(f"consultations.stage.{stage}", count=len(result.actor_ids)))
                if not consultation.targets:
                    st.caption(t("consultations.coverage.no_targets"))
                for status in result.targets:
                    if status.met:
                        st.markdown(
                            t(
                                "consultations.coverage.met",
                                what=escape(target_label(status.target)),
                                count=status.count,
                                minimum=status.target.minimum,
                            )
                        )
                    else:
                        st.markdown(
                            t(
                                "consultations.coverage.missing",
                                what=escape(target_label(status.target)),
                                count=status.count,
                                minimum=status.target.minimum,
                            )
                        )
                for room_warning in result.warnings:
                    st.warning(t(f"consultations.warning.{room_warning}"), icon=":material/warning:")

        st.subheader(t("consultations.suggest.title"))
        stage_for = st.segmented_control(
            t("consultations.suggest.stage"),
            ["invited", "confirmed"],
            default="invited",
            required=True,
            key="consultations_suggest_stage",
            format_func=lambda s: t(f"consultations.suggest.for_{s}"),
        )
        gaps = suggestions(
            actors,
            participants,
            consultation.targets,
            consulted_actors(all_participants, current_id),
            map_info,
            stage=stage_for,
        )
        if not gaps:
            st.success(t("consultations.suggest.none_needed"))
        for position, gap in enumerate(gaps):
            heading = (
                t("consultations.gap.target", what=escape(target_label(gap.target)), missing=gap.missing)
                if gap.kind == "target"
                else t(f"consultations.gap.{gap.kind}")
            )
            with st.expander(heading, expanded=position < 2):
                if not gap.suggestions:
                    st.caption(t("consultations.suggest.nobody"))
                for rank, suggestion in enumerate(gap.suggestions, start=1):
                    line = st.columns([6, 2])
                    line[0].markdown(
                        t(
                            "consultations.suggest.line",
                            rank=rank,
                            name=escape(suggestion.actor.name),
                            reasons=escape("; ".join(explain(r) for r in suggestion.reasons)),
                        )
                    )
                    already = suggestion.actor.id in listed
                    label_key = "consultations.suggest.follow_up" if already else "consultations.suggest.add"
                    if line[1].button(
                        t(label_key), key=f"consultations_suggest_{position}_{suggestion.actor.id}", disabled=already
                    ):
                        try:
                            invite_actors(engine, workspace_id, current_id, [suggestion.actor.id])
                        except StoreError as error:
                            show_error(error)
                        else:
                            notify(t("consultations.add.done", added=1))

# -- convene and record attendance -----------------------------------------------------------
with tab_convene:
    if tab_convene.open:  # only the open tab is built (a tab switch reruns the page)
        rows = participant_rows(participants, actors)
        if not rows:
            st.info(t("consultations.convene.empty"))
        counts = {status: sum(p.status == status for p in participants) for status in INVITATION_STATUSES}
        st.caption(" · ".join(f"{t(f'vocab.invitation_statuses.{s}')}: {counts[s]}" for s in INVITATION_STATUSES))

        st.subheader(t("consultations.bulk.title"))
        participant_names = {p.id: names.get(p.actor_id, "") for p in participants}
        status_of = {p.id: p.status for p in participants}
        bulk_key = f"consultations_bulk_{current_id}"

        def select_by_status():
            wanted = st.session_state[f"{bulk_key}_from"]
            st.session_state[bulk_key] = [pid for pid, s in status_of.items() if s == wanted]

        columns = st.columns([2, 1])
        columns[0].selectbox(
            t("consultations.bulk.from"),
            INVITATION_STATUSES,
            key=f"{bulk_key}_from",
            format_func=vocab_label("invitation_statuses"),
        )
        columns[1].button(t("consultations.bulk.select"), key=f"{bulk_key}_select", on_click=select_by_status)
        chosen = st.multiselect(
            t("consultations.bulk.who"),
            sorted(participant_names, key=lambda i: participant_names[i].casefold()),
            key=bulk_key,
            placeholder=t("common.choose"),
            format_func=lambda i: "{} ({})".format(
                participant_names.get(i, ""), t(f"vocab.invitation_statuses.{status_of.get(i)}")
            ),
        )
        columns = st.columns([2, 2, 2])
        new_status = columns[0].selectbox(
            t("consultations.bulk.to"),
            INVITATION_STATUSES,
            index=1,
            key=f"{bulk_key}_to",
            format_func=vocab_label("invitation_statuses"),
        )
        on_day = columns[1].date_input(
            t("consultations.bulk.on"), value=clock.today(), format=DATE_FORMAT, key=f"{bulk_key}_on"
        )
        if columns[2].button(
            t("consultations.bulk.apply", count=len(chosen)),
            type="primary",
            disabled=not chosen,
            key=f"{bulk_key}_apply",
        ):
            try:
                changed = change_status(engine, workspace_id, current_id, chosen, new_status, on_day)
            except StoreError as error:
                show_error(error)
            else:
                st.session_state.pop(bulk_key, None)
                notify(t("consultations.bulk.done", count=changed, status=t(f"vocab.invitation_statuses.{new_status}")))

        st.subheader(t("consultations.convene.list"))
        table_key = f"consultations_participants_{current_id}_{current_revision}"
        edited = st.data_editor(
            pd.DataFrame(
                rows,
                columns=[
                    "id",
                    "version",
                    "remove",
                    "name",
                    "sector",
                    "scale",
                    "status",
                    "invited_on",
                    "responded_on",
                    "attended_on",
                    "attendee",
                    "notes",
                ],
            ),
            key=table_key,
            hide_index=True,
            disabled=["name", "sector", "scale"],
            column_order=[
                "remove",
                "name",
                "sector",
                "scale",
                "status",
                "invited_on",
                "responded_on",
                "attended_on",
                "attendee",
                "notes",
            ],
            column_config={
                "remove": st.column_config.CheckboxColumn(t("consultations.convene.remove"), width="small"),
                "name": st.column_config.TextColumn(t("columns.name"), pinned=True),
                "sector": st.column_config.SelectboxColumn(
                    t("columns.sector"), options=keys.get("sectors", []), format_func=term_label("sectors")
                ),
                "scale": st.column_config.SelectboxColumn(
                    t("columns.scale"), options=keys.get("scales", []), format_func=term_label("scales")
                ),
                "status": st.column_config.SelectboxColumn(
                    t("consultations.columns.status"),
                    required=True,
                    options=list(INVITATION_STATUSES),
                    format_func=vocab_label("invitation_statuses"),
                ),
                "invited_on": st.column_config.DateColumn(t("consultations.columns.invited_on"), format="DD/MM/YYYY"),
                "responded_on": st.column_config.DateColumn(
                    t("consultations.columns.responded_on"), format="DD/MM/YYYY"
                ),
                "attended_on": st.column_config.DateColumn(t("consultations.columns.attended_on"), format="DD/MM/YYYY"),
                "attendee": st.column_config.TextColumn(t("consultations.columns.attendee")),
                "notes": st.column_config.TextColumn(t("columns.notes")),
            },
        )
        participant_edits, to_remove = row_edits(
            rows,
            edited.to_dict("records"),
            ("status", "invited_on", "responded_on", "attended_on", "attendee", "notes"),
            "remove",
            dates=("invited_on", "responded_on", "attended_on"),
        )

        def save_participants():
            result = save_participant_edits(engine, workspace_id, participant_edits)
            if not result.ok:
                st.error(t("errors.conflict", names=escape(", ".join(result.conflicts))))
                return
            removed = remove_participants(engine, workspace_id, current_id, to_remove)
            notify(t("consultations.convene.saved", saved=result.saved, removed=removed))

        @st.dialog(t("consultations.convene.remove_title"))
        def confirm_remove():
            st.write(t("consultations.convene.remove_question", count=len(to_remove)))
            removed_names = ", ".join(participant_names.get(i, "") for i in to_remove)
            st.text(removed_names)
            if st.button(t("consultations.convene.remove_confirm"), type="primary", key="consultations_remove_confirm"):
                try:
                    save_participants()
                except StoreError as error:
                    show_error(error)

        if st.button(
            t("consultations.convene.save", count=len(participant_edits) + len(to_remove)),
            type="primary",
            disabled=not (participant_edits or to_remove),
            key="consultations_participants_save",
        ):
            try:
                if to_remove:
                    confirm_remove()
                else:
                    save_participants()
            except StoreError as error:
                show_error(error)

        st.subheader(t("consultations.convene.downloads"))
        columns = st.columns(2)
        with columns[0].container(border=True):
            st.markdown(t("consultations.export.invitations_title"))
            st.caption(t("consultations.export.invitations_help"))
            st.download_button(
                t("consultations.export.download"),
                key="consultations_dl_invitations",
                icon=":material/download:",
                data=lambda: sheets.invitation_workbook(consultation, participants, actors, terms, lang),
                file_name=f"{safe_name}_{t('consultations.export.file.invitations')}.xlsx",
                mime=XLSX,
                on_click="ignore",
            )
        with columns[1].container(border=True):
            st.markdown(t("consultations.export.attendance_title"))
            st.caption(t("consultations.export.attendance_help"))
            st.download_button(
                t("consultations.export.download"),
                key="consultations_dl_attendance",
                icon=":material/download:",
                data=lambda: documents.attendance_sheet(consultation, participants, actors, terms, lang),
                file_name=f"{safe_name}_{t('consultations.export.file.attendance')}.docx",
                mime=DOCX,
                on_click="ignore",
            )

        st.subheader(t("consultations.import.attendance_title"))
        st.caption(t("consultations.import.attendance_help"))
        import_panel("attendance")

# -- contributions ---------------------------------------------------------------------------
with tab_said:
    if tab_said.open:  # only the open tab is built (a tab switch reruns the page)
        st.subheader(t("consultations.said.quick"))
        people = [p.actor_id for p in sorted(participants, key=lambda p: names.get(p.actor_id, "").casefold())]
        # 0 stands for "from the floor": a None option would read as "nothing chosen yet"
        authors = [0, *people, *(a.id for a in sorted(actors, key=lambda a: a.name.casefold()) if a.id not in listed)]
        with st.form(f"consultations_said_form_{current_id}", clear_on_submit=True):
            columns = st.columns([3, 2, 2])
            author = columns[0].selectbox(
                t("consultations.said.who"),
                authors,
                key="consultations_said_who",
                format_func=lambda i: names.get(i, "") if i else t("consultations.said.floor"),
            )
            theme = columns[1].selectbox(
                t("consultations.columns.theme"),
                contribution_themes(contributions, actors),
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
                try:
                    record_contribution(
                        engine,
                        workspace_id,
                        Contribution(
                            consultation_id=current_id,
                            text=text,
                            actor_id=author or None,
                            theme=theme or "",
                            type=kind,
                            priority=priority,
                            due_on=due_on,
                        ),
                    )
                except StoreError as error:
                    show_error(error)
                else:
                    notify(t("consultations.said.saved"))

        st.subheader(t("consultations.said.list", count=len(contributions)))
        said_rows = contribution_rows(contributions)
        said_key = f"consultations_contributions_{current_id}_{current_revision}"
        edited_said = st.data_editor(
            pd.DataFrame(
                said_rows,
                columns=[
                    "id",
                    "version",
                    "delete",
                    "actor_id",
                    "theme",
                    "type",
                    "priority",
                    "text",
                    "due_on",
                    "response",
                ],
            ),
            key=said_key,
            hide_index=True,
            column_order=["delete", "actor_id", "theme", "type", "priority", "text", "due_on", "response"],
            column_config={
                "delete": st.column_config.CheckboxColumn(t("actors.table.delete"), width="small"),
                "actor_id": st.column_config.SelectboxColumn(
                    t("consultations.said.who"), options=list(names), format_func=lambda i: names.get(i, "")
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
                "due_on": st.column_config.DateColumn(t("consultations.columns.due_on"), format="DD/MM/YYYY"),
                "response": st.column_config.TextColumn(t("consultations.columns.response"), width="medium"),
            },
        )
        said_edits, said_delete = row_edits(
            said_rows,
            edited_said.to_dict("records"),
            ("actor_id", "theme", "type", "priority", "text", "due_on", "response"),
            "delete",
            dates=("due_on",),
        )

        def save_said():
            result = save_contribution_edits(engine, workspace_id, said_edits)
            if not result.ok:
                st.error(t("errors.conflict", names=escape(", ".join(result.conflicts))))
                return
            deleted = delete_contributions(engine, workspace_id, said_delete)
            notify(t("consultations.said.table_saved", saved=result.saved, deleted=deleted))

        @st.dialog(t("consultations.said.delete_title"))
        def confirm_said_delete():
            st.write(t("consultations.said.delete_question", count=len(said_delete)))
            if st.button(
                t("consultations.said.delete_confirm"), type="primary", key="consultations_said_delete_confirm"
            ):
                try:
                    save_said()
                except StoreError as error:
                    show_error(error)

        if st.button(
            t("consultations.convene.save", count=len(said_edits) + len(said_delete)),
            type="primary",
            disabled=not (said_edits or said_delete),
            key="consultations_said_table_save",
        ):
            try:
                if said_delete:
                    confirm_said_delete()
                else:
                    save_said()
            except StoreError as error:
                show_error(error)

        st.subheader(t("consultations.import.contributions_title"))
        st.caption(t("consultations.import.contributions_help"))
        st.download_button(
            t("consultations.export.template"),
            key="consultations_dl_template",
            icon=":material/download:",
            data=lambda: sheets.contribution_template(lang),
            file_name=f"{t('consultations.export.file.contributions')}.xlsx",
            mime=XLSX,
            on_click="ignore",
        )
        import_panel("contributions")

# -- synthesis -------------------------------------------------------------------------------
with tab_synthesis:
    if tab_synthesis.open:  # only the open tab is built (a tab switch reruns the page)
        result = synthesis(consultation, participants, contributions, actors)
        metrics = st.columns(4)
        metrics[0].metric(t("consultations.synthesis.invited"), format_number(result.invited))
        metrics[1].metric(t("consultations.synthesis.attended"), format_number(result.attended))
        metrics[2].metric(
            t("consultations.synthesis.rate"),
            "—" if result.rate is None else f"{format_number(round(result.rate * 100))} %",
        )
        metrics[3].metric(t("consultations.synthesis.contributions"), format_number(len(contributions)))

        st.download_button(
            t("consultations.synthesis.download"),
            key="consultations_dl_synthesis",
            icon=":material/description:",
            type="primary",
            data=lambda: documents.synthesis_document(result, actors, terms, lang),
            file_name=f"{safe_name}_{t('consultations.export.file.synthesis')}.docx",
            mime=DOCX,
            on_click="ignore",
        )

        def rate_table(rows, vocabulary):
            return pd.DataFrame(
                [
                    (
                        term_label(vocabulary)(r.key),
                        r.invited,
                        r.attended,
                        None if r.rate is None else round(r.rate * 100),
                    )
                    for r in rows
                ],
                columns=[
                    t(f"consultations.synthesis.{vocabulary}_column"),
                    t("consultations.synthesis.invited"),
                    t("consultations.synthesis.attended"),
                    t("consultations.synthesis.rate"),
                ],
            )

        rate_column = {
            t("consultations.synthesis.rate"): st.column_config.ProgressColumn(
                min_value=0, max_value=100, format="%d %%"
            )
        }
        columns = st.columns(2)
        columns[0].markdown(f"**{t('consultations.synthesis.by_sector')}**")
        columns[0].dataframe(
            rate_table(result.by_sector, "sectors"), hide_index=True, width="stretch", column_config=rate_column
        )
        columns[1].markdown(f"**{t('consultations.synthesis.by_scale')}**")
        columns[1].dataframe(
            rate_table(result.by_scale, "scales"), hide_index=True, width="stretch", column_config=rate_column
        )

        st.markdown(f"**{t('consultations.synthesis.never_came')}**")
        if result.never_came:
            st.dataframe(
                pd.DataFrame(
                    [
                        (actor.name, term_label("sectors")(actor.sector), t(f"vocab.invitation_statuses.{p.status}"))
                        for actor, p in result.never_came
                    ],
                    columns=[t("columns.name"), t("columns.sector"), t("consultations.columns.status")],
                ),
                hide_index=True,
                width="stretch",
            )
        else:
            st.caption(t("consultations.synthesis.everyone_came"))

        st.subheader(t("consultations.synthesis.what_was_said"))
        if not contributions:
            st.caption(t("consultations.synthesis.no_contributions"))
        else:
            matrix = pd.DataFrame(
                [[result.theme_by_type[theme].get(k, 0) for k in CONTRIBUTION_TYPES] for theme in result.theme_by_type],
                index=[theme or t("consultations.synthesis.no_theme") for theme in result.theme_by_type],
                columns=[t(f"vocab.contribution_types.{k}") for k in CONTRIBUTION_TYPES],
            )
            st.markdown(f"**{t('consultations.synthesis.by_theme_type')}**")
            st.dataframe(matrix, width="stretch")
            st.markdown(f"**{t('consultations.synthesis.by_contributor_sector')}**")
            st.dataframe(
                pd.DataFrame(
                    [
                        (term_label("sectors")(key) if key else t("consultations.synthesis.no_author"), count)
                        for key, count in result.by_contributor_sector.most_common()
                    ],
                    columns=[t("columns.sector"), t("consultations.synthesis.contributions")],
                ),
                hide_index=True,
            )

        st.subheader(t("consultations.synthesis.commitments"))
        if result.commitments:
            st.dataframe(
                pd.DataFrame(
                    [(c.owner or "—", c.text, c.theme, c.due_on) for c in result.commitments],
                    columns=[
                        t("consultations.synthesis.owner"),
                        t("consultations.synthesis.commitment"),
                        t("consultations.columns.theme"),
                        t("consultations.synthesis.due_on"),
                    ],
                ),
                hide_index=True,
                width="stretch",
                column_config={t("consultations.synthesis.due_on"): st.column_config.DateColumn(format="DD/MM/YYYY")},
            )
            # forward to the roadmap: the chosen commitments become milestones linked to this consultation
            fresh = commitment_milestones(result.commitments, list_milestones(engine, workspace_id), None)
            if fresh:
                columns = st.columns([3, 1])
                picked = columns[0].multiselect(
                    t("roadmap.from_commitments.choose"),
                    list(range(len(fresh))),
                    default=list(range(len(fresh))),
                    format_func=lambda i: fresh[i].title,
                    key=f"consultations_to_roadmap_{current_id}_{current_revision}",
                )
                phases = keys.get("phases", [])
                phase = columns[1].selectbox(
                    t("roadmap.from_commitments.phase"),
                    phases,
                    format_func=term_label("phases"),
                    index=phases.index("strategy") if "strategy" in phases else None,
                    key=f"consultations_to_roadmap_phase_{current_id}",
                )
                if st.button(
                    t("roadmap.from_commitments.add"),
                    disabled=not picked,
                    icon=":material/map:",
                    key=f"consultations_to_roadmap_add_{current_id}",
                ):
                    try:
                        add_milestones(engine, workspace_id, [replace(fresh[i], phase=phase) for i in picked])
                    except StoreError as error:
                        show_error(error)
                    else:
                        notify(t("roadmap.from_commitments.done", count=len(picked)))
            else:
                st.caption(t("roadmap.from_commitments.all_there"))
        else:
            st.caption(t("consultations.synthesis.no_commitments"))

        st.subheader(t("consultations.synthesis.open_questions"))
        if result.open_questions:
            for question in result.open_questions:
                author = names.get(question.actor_id)
                st.markdown(f"- {escape(question.text)}" + (f" *({escape(author)})*" if author else ""))
        else:
            st.caption(t("consultations.synthesis.no_open_questions"))

        # forward to the audiences: those to keep informed of the outcome become a segment
        st.subheader(t("consultations.feedback.title"))
        informed = keep_informed(participants, contributions)
        st.caption(t("consultations.feedback.help", count=len(informed)))
        if st.button(
            t("consultations.feedback.create"),
            disabled=not informed,
            icon=":material/target:",
            key=f"consultations_feedback_{current_id}",
        ):
            audience = feedback_audience(by_id[current_id], informed)
            try:
                create_audience(engine, workspace_id, audience, informed)
            except StoreError as error:
                show_error(error)
            else:
                notify(t("consultations.feedback.created", name=escape(audience.name), count=len(informed)))
