"""Hoja de ruta: the milestones of the process in its phases, on one timeline with the
consultations and the campaigns; what is overdue, due soon or blocked; a status per phase;
the milestones table; the roadmap as .xlsx and as a calendar (.ics)."""

import pandas as pd
import streamlit as st

from toolkit import clock
from toolkit.consultations import row_edits
from toolkit.domain import MILESTONE_STATUSES, Milestone
from toolkit.i18n import format_date, format_number, language, t
from toolkit.markdown import escape
from toolkit.roadmap import (
    ITEM_TYPES,
    MILESTONE_TABLE_COLUMNS,
    STATES,
    attention,
    calendar_file,
    dates_text,
    filter_timeline,
    gantt_figure,
    milestone_rows,
    owners,
    phase_label,
    phase_status,
    timeline,
)
from toolkit.spreadsheets.roadmap import roadmap_workbook
from toolkit.store import StoreError
from toolkit.store.campaigns import list_activities, list_campaigns
from toolkit.store.consultations import list_consultations
from toolkit.store.roadmap import add_milestone, list_milestones, save_milestone_edits
from toolkit.store.workspaces import get_workspace, revision, vocabulary_terms

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("nav.roadmap"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()

lang = language()
today = clock.today()
terms = vocabulary_terms(engine, workspace_id)
phase_keys = [key for key, _ in terms.get("phases", [])]
phase_names = {key: text for key, text in terms.get("phases", []) if text}
current_revision = revision(engine, workspace_id)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ICS = "text/calendar"
DATE_FORMAT = "DD/MM/YYYY"


@st.cache_data(max_entries=32, show_spinner=False)
def workspace_at(_engine, url: str, workspace_id: int, revision: int):
    """Milestones, consultations, campaigns and activities as of one revision (every write bumps it)."""
    return (
        list_milestones(_engine, workspace_id),
        list_consultations(_engine, workspace_id),
        list_campaigns(_engine, workspace_id),
        list_activities(_engine, workspace_id),
    )


milestones, consultations, campaigns, activities = workspace_at(
    engine, settings.database_url, workspace_id, current_revision
)
consultation_titles = {c.id: c.title for c in consultations}
campaign_titles = {c.id: c.title for c in campaigns}
items = timeline(milestones, consultations, campaigns, activities)


def phase_name(key):
    return phase_label(key, phase_names)


def show_error(error: StoreError) -> None:
    st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))


def notify(message: str) -> None:
    st.session_state["roadmap_notice"] = message
    st.rerun()


def milestone_table(chosen: list[Milestone]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("roadmap.columns.due_on"): [format_date(m.due_on) for m in chosen],
            t("roadmap.columns.title"): [m.title for m in chosen],
            t("roadmap.columns.phase"): [phase_name(m.phase) for m in chosen],
            t("roadmap.columns.owner"): [m.owner for m in chosen],
            t("roadmap.columns.status"): [t(f"vocab.milestone_statuses.{m.status}") for m in chosen],
        }
    )


if st.session_state.get("roadmap_notice"):
    st.success(st.session_state.pop("roadmap_notice"))
st.caption(t("roadmap.intro"))
if not items:
    st.info(t("roadmap.empty"))

# -- at a glance -----------------------------------------------------------------------------
if milestones:
    st.subheader(t("roadmap.glance.title"))
    found = attention(milestones, today)
    groups = {
        "overdue": found.overdue,
        "this_week": found.this_week,
        "next_week": found.next_week,
        "blocked": found.blocked,
    }
    for column, (name, chosen) in zip(st.columns(len(groups)), groups.items(), strict=True):
        column.metric(t(f"roadmap.attention.{name}"), format_number(len(chosen)))
    if found.empty:
        st.caption(t("roadmap.attention.nothing"))
    else:
        tabs = st.tabs(
            [
                t("roadmap.attention.tab", name=t(f"roadmap.attention.{name}"), count=len(chosen))
                for name, chosen in groups.items()
            ]
        )
        for tab, (name, chosen) in zip(tabs, groups.items(), strict=True):
            with tab:
                if chosen:
                    st.dataframe(milestone_table(chosen), hide_index=True, width="stretch")
                else:
                    st.caption(t(f"roadmap.attention.none_{name}"))

    st.markdown(f"**{t('roadmap.phases.title')}**")
    colours = {"late": "red", "at_risk": "orange", "on_track": "blue", "done": "green", "no_milestones": "gray"}
    statuses = phase_status(milestones, today, phase_keys)
    for start in range(0, len(statuses), 3):
        for column, status in zip(st.columns(3), statuses[start : start + 3], strict=False):
            with column.container(border=True):
                st.markdown(f"**{escape(phase_name(status.phase))}**")
                st.badge(t(f"roadmap.phase_state.{status.state}"), color=colours[status.state])
                if status.total:
                    st.caption(
                        t(
                            "roadmap.phases.counts",
                            done=status.counts["done"],
                            total=status.total,
                            overdue=status.overdue,
                            blocked=status.blocked,
                        )
                    )
                    st.caption(dates_text(status.starts_on, status.ends_on))
                    if status.done_share is not None:
                        st.progress(status.done_share)

# -- the timeline ----------------------------------------------------------------------------
if items:
    st.subheader(t("roadmap.timeline.title"))
    columns = st.columns(4)
    chosen_phases = columns[0].multiselect(
        t("roadmap.filter.phase"),
        phase_keys,
        format_func=phase_name,
        key="roadmap_filter_phase",
        placeholder=t("roadmap.filter.all"),
    )
    chosen_owners = columns[1].multiselect(
        t("roadmap.filter.owner"), owners(items), key="roadmap_filter_owner", placeholder=t("roadmap.filter.all")
    )
    chosen_states = columns[2].multiselect(
        t("roadmap.filter.status"),
        STATES,
        key="roadmap_filter_status",
        format_func=lambda s: t(f"vocab.milestone_statuses.{s}"),
        placeholder=t("roadmap.filter.all"),
    )
    chosen_types = columns[3].multiselect(
        t("roadmap.filter.type"),
        ITEM_TYPES,
        key="roadmap_filter_type",
        format_func=lambda k: t(f"roadmap.types.{k}"),
        placeholder=t("roadmap.filter.all"),
    )
    shown = filter_timeline(items, chosen_phases, chosen_owners, chosen_states, chosen_types)
    dated = [i for i in shown if i.dated]
    if dated:
        st.plotly_chart(
            gantt_figure(shown, today, phase_names, lang), key="roadmap_gantt", config={"displaylogo": False}
        )
        st.caption(t("roadmap.timeline.help"))
    else:
        st.caption(t("roadmap.timeline.nothing"))
    if len(shown) > len(dated):
        st.caption(t("roadmap.timeline.undated", count=len(shown) - len(dated)))

# -- a new milestone -------------------------------------------------------------------------
with st.expander(t("roadmap.new.title"), expanded=not milestones, icon=":material/add:"):
    st.caption(t("roadmap.new.help"))
    with st.form("roadmap_new_form", clear_on_submit=True, border=False):
        new_title = st.text_input(t("roadmap.columns.title"), key="roadmap_new_title")
        columns = st.columns(3)
        new_phase = columns[0].selectbox(
            t("roadmap.columns.phase"),
            phase_keys,
            index=None,
            format_func=phase_name,
            key="roadmap_new_phase",
            placeholder=t("common.choose"),
        )
        new_owner = columns[1].text_input(t("roadmap.columns.owner"), key="roadmap_new_owner")
        new_status = columns[2].selectbox(
            t("roadmap.columns.status"),
            MILESTONE_STATUSES,
            key="roadmap_new_status",
            format_func=lambda s: t(f"vocab.milestone_statuses.{s}"),
        )
        columns = st.columns(2)
        new_start = columns[0].date_input(
            t("roadmap.columns.starts_on"),
            value=None,
            format=DATE_FORMAT,
            key="roadmap_new_start",
            help=t("roadmap.new.start_help"),
        )
        new_due = columns[1].date_input(
            t("roadmap.columns.due_on"), value=None, format=DATE_FORMAT, key="roadmap_new_due"
        )
        columns = st.columns(2)
        new_consultation = columns[0].selectbox(
            t("roadmap.columns.consultation"),
            list(consultation_titles),
            index=None,
            format_func=consultation_titles.get,
            key="roadmap_new_consultation",
            placeholder=t("roadmap.new.no_link"),
        )
        new_campaign = columns[1].selectbox(
            t("roadmap.columns.campaign"),
            list(campaign_titles),
            index=None,
            format_func=campaign_titles.get,
            key="roadmap_new_campaign",
            placeholder=t("roadmap.new.no_link"),
        )
        new_description = st.text_area(t("roadmap.columns.description"), key="roadmap_new_description", height=68)
        if st.form_submit_button(t("roadmap.new.add"), type="primary"):
            try:
                add_milestone(
                    engine,
                    workspace_id,
                    Milestone(
                        title=new_title,
                        phase=new_phase,
                        owner=new_owner,
                        status=new_status,
                        starts_on=new_start,
                        due_on=new_due,
                        consultation_id=new_consultation,
                        campaign_id=new_campaign,
                        description=new_description,
                    ),
                )
            except StoreError as error:
                show_error(error)
            else:
                notify(t("roadmap.new.done", title=escape(" ".join(new_title.split()))))

# -- the milestones table --------------------------------------------------------------------
if milestones:
    st.subheader(t("roadmap.table.title", count=len(milestones)))
    st.caption(t("roadmap.table.help"))
    rows = milestone_rows(milestones)
    edited = st.data_editor(
        pd.DataFrame(rows, columns=["id", "version", "delete", *MILESTONE_TABLE_COLUMNS]),
        key=f"roadmap_milestones_{current_revision}",
        hide_index=True,
        column_order=["delete", *MILESTONE_TABLE_COLUMNS],
        column_config={
            "delete": st.column_config.CheckboxColumn(t("roadmap.table.delete"), width="small"),
            "phase": st.column_config.SelectboxColumn(
                t("roadmap.columns.phase"), options=phase_keys, format_func=phase_name
            ),
            "title": st.column_config.TextColumn(t("roadmap.columns.title"), required=True, width="large"),
            "starts_on": st.column_config.DateColumn(t("roadmap.columns.starts_on"), format=DATE_FORMAT),
            "due_on": st.column_config.DateColumn(t("roadmap.columns.due_on"), format=DATE_FORMAT),
            "owner": st.column_config.TextColumn(t("roadmap.columns.owner")),
            "status": st.column_config.SelectboxColumn(
                t("roadmap.columns.status"),
                required=True,
                options=list(MILESTONE_STATUSES),
                format_func=lambda s: t(f"vocab.milestone_statuses.{s}"),
            ),
            "consultation_id": st.column_config.SelectboxColumn(
                t("roadmap.columns.consultation"),
                options=list(consultation_titles),
                format_func=lambda i: consultation_titles.get(i, ""),
            ),
            "campaign_id": st.column_config.SelectboxColumn(
                t("roadmap.columns.campaign"),
                options=list(campaign_titles),
                format_func=lambda i: campaign_titles.get(i, ""),
            ),
            "description": st.column_config.TextColumn(t("roadmap.columns.description")),
            "notes": st.column_config.TextColumn(t("roadmap.columns.notes")),
        },
    )
    edits, to_delete = row_edits(
        rows, edited.to_dict("records"), MILESTONE_TABLE_COLUMNS, "delete", dates=("starts_on", "due_on")
    )

    def save_table():
        result = save_milestone_edits(engine, workspace_id, edits, to_delete)  # edits and deletes: one transaction
        if not result.ok:
            st.error(t("errors.conflict", names=escape(", ".join(result.conflicts))))
            return
        notify(t("roadmap.table.saved", saved=result.saved, deleted=result.deleted))

    @st.dialog(t("roadmap.table.delete_title"))
    def confirm_delete():
        st.write(t("roadmap.table.delete_question", count=len(to_delete)))
        if st.button(t("roadmap.table.delete_confirm"), type="primary", key="roadmap_delete_confirm"):
            try:
                save_table()
            except StoreError as error:
                show_error(error)

    if st.button(
        t("roadmap.table.save", count=len(edits) + len(to_delete)),
        type="primary",
        disabled=not (edits or to_delete),
        key="roadmap_table_save",
    ):
        try:
            if to_delete:
                confirm_delete()
            else:
                save_table()
        except StoreError as error:
            show_error(error)

# -- downloads -------------------------------------------------------------------------------
if items:
    st.subheader(t("roadmap.downloads.title"))
    workspace_name = get_workspace(engine, workspace_id).name
    columns = st.columns(2)
    columns[0].download_button(
        t("roadmap.downloads.xlsx"),
        key="roadmap_dl_xlsx",
        icon=":material/table:",
        data=lambda: roadmap_workbook(
            items, milestones, today, consultations, campaigns, phase_keys, phase_names, lang
        ),
        file_name=f"{t('roadmap.downloads.file')}.xlsx",
        mime=XLSX,
        on_click="ignore",
    )
    columns[0].caption(t("roadmap.downloads.xlsx_help"))
    columns[1].download_button(
        t("roadmap.downloads.ics"),
        key="roadmap_dl_ics",
        icon=":material/calendar_month:",
        data=lambda: calendar_file(
            milestones,
            consultations,
            activities,
            campaigns,
            phase_names,
            t("roadmap.ics.named", name=workspace_name),
            lang,
        ),
        file_name=f"{t('roadmap.downloads.file')}.ics",
        mime=ICS,
        on_click="ignore",
    )
    columns[1].caption(t("roadmap.downloads.ics_help"))
