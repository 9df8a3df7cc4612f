"""Campañas: dissemination and advocacy campaigns for the audiences; their activities, KPIs and
budget; and a dashboard of what is on track, late, or without measurements."""

import pandas as pd
import streamlit as st

from toolkit import clock
from toolkit.audiences import split_lines
from toolkit.campaigns import (
    activity_rows,
    budget,
    campaign_status,
    dashboard,
    dashboard_counts,
    kpi_rows,
    kpi_series,
    measurement_rows,
)
from toolkit.charts import activity_timeline_figure, budget_figure, kpi_progress_figure, kpi_timeline_figure
from toolkit.consultations import row_edits
from toolkit.domain import (
    ACTIVITY_STATUSES,
    CAMPAIGN_STATUSES,
    CAMPAIGN_TYPES,
    DASHBOARD_STATUSES,
    KPI_AGGREGATIONS,
    KPI_KINDS,
    Activity,
    Campaign,
    Kpi,
    KpiMeasurement,
)
from toolkit.i18n import format_date, format_number, has, label, language, t
from toolkit.markdown import escape
from toolkit.spreadsheets import campaigns as sheets
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook
from toolkit.store import StoreError
from toolkit.store.audiences import list_audiences
from toolkit.store.campaigns import (
    add_activity,
    add_kpi,
    create_campaign,
    delete_activities,
    delete_campaign,
    delete_kpis,
    delete_measurements,
    import_activities,
    import_measurements,
    list_activities,
    list_campaigns,
    list_kpis,
    list_measurements,
    log_measurement,
    save_activity_edits,
    save_kpi_edits,
    update_campaign,
)
from toolkit.store.workspaces import revision, vocabulary_terms

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("nav.campaigns"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()

lang = language()
today = clock.today()
terms = vocabulary_terms(engine, workspace_id)
custom = {name: {key: text for key, text in entries if text} for name, entries in terms.items()}
keys = {name: [key for key, _ in entries] for name, entries in terms.items()}
current_revision = revision(engine, workspace_id)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "DD/MM/YYYY"


@st.cache_data(max_entries=32, show_spinner=False)
def workspace_at(_engine, url: str, workspace_id: int, revision: int):
    """Campaigns, their activities, KPIs and measurements, and the audiences, as of one revision."""
    return (
        list_campaigns(_engine, workspace_id),
        list_activities(_engine, workspace_id),
        list_kpis(_engine, workspace_id),
        list_measurements(_engine, workspace_id),
        list_audiences(_engine, workspace_id),
    )


campaigns, activities, kpis, measurements, audiences = workspace_at(
    engine, settings.database_url, workspace_id, current_revision
)
audience_names = {a.id: a.name for a in audiences}


def channel_label(key):
    return label("channels", key, custom.get("channels")) if key else t("campaigns.no_channel")


def vocab_label(vocabulary):
    return lambda key: t(f"vocab.{vocabulary}.{key}") if key else ""


def money(value):
    return "—" if value is None else format_number(value)


def show_error(error: StoreError) -> None:
    own = f"campaigns.errors.{error.reason}"
    st.error(t(own if has(own) else error.message_key, **{k: escape(v) for k, v in error.details.items()}))


def notify(message: str) -> None:
    st.session_state["campaigns_notice"] = message
    st.rerun()


def choose(campaign_id: int) -> None:
    st.session_state["campaigns_current"] = campaign_id


def activity_table(chosen: list[Activity], with_campaign: bool = False) -> pd.DataFrame:
    titles = {c.id: c.title for c in campaigns}
    columns = {
        t("campaigns.columns.due_on"): [format_date(a.due_on) for a in chosen],
        t("campaigns.columns.title"): [a.title for a in chosen],
        t("campaigns.columns.channel"): [channel_label(a.channel) for a in chosen],
        t("campaigns.columns.owner"): [a.owner for a in chosen],
        t("campaigns.columns.status"): [t(f"vocab.activity_statuses.{a.status}") for a in chosen],
    }
    if with_campaign:
        columns = {t("campaigns.columns.campaign"): [titles.get(a.campaign_id, "") for a in chosen], **columns}
    return pd.DataFrame(columns)


def import_panel(kind: str) -> None:
    """Upload, check and store activities or KPI measurements (nothing stored until confirmed)."""
    round_key = f"campaigns_{kind}_round"
    upload = st.file_uploader(
        t(f"campaigns.import.upload_{kind}"),
        type=["xlsx", "xlsm", "xls", "ods", "csv"],
        key=f"campaigns_{kind}_file_{current_id}_{st.session_state.get(round_key, 0)}",
        help=t("import.upload_help", limit=settings.upload_limit_mb),
    )
    if upload is None:
        return
    try:
        workbook = read_workbook(upload.getvalue(), upload.name, settings.read_limits)
    except UnreadableFile as error:
        st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))
        return
    preview = (
        sheets.read_activities(workbook, terms)
        if kind == "activities"
        else sheets.read_measurements(workbook, campaign_kpis)
    )
    for problem in preview.errors:
        st.error(t(problem.key, **{k: escape(v) for k, v in problem.details.items()}))
    if preview.errors:
        return
    st.caption(
        t(
            "campaigns.import.read_as",
            sheet=escape(preview.sheet),
            row=preview.header_row + 1,
            columns=escape(
                ", ".join(
                    f"{header} → {t(f'campaigns.import.field.{field}')}"
                    for header, field in preview.columns
                    if field and field != "ignore"
                )
            ),
        )
    )
    st.metric(t(f"campaigns.import.count_{kind}"), format_number(preview.count))
    if preview.warnings:
        st.dataframe(
            pd.DataFrame(
                [(p.row or "", p.column, t(p.key, **p.details)) for p in preview.warnings],
                columns=[t("import.report.row"), t("import.report.column"), t("import.report.message")],
            ),
            hide_index=True,
            width="stretch",
        )
    if st.button(t("campaigns.import.confirm", count=preview.count), type="primary", key=f"campaigns_{kind}_confirm"):
        try:
            if kind == "activities":
                stored = import_activities(engine, workspace_id, current_id, [a for _, a in preview.activities])
            else:
                stored = import_measurements(engine, workspace_id, current_id, [m for _, m in preview.measurements])
        except StoreError as error:
            show_error(error)
            return
        st.session_state[round_key] = st.session_state.get(round_key, 0) + 1
        notify(t(f"campaigns.import.done_{kind}", count=stored))


if st.session_state.get("campaigns_notice"):
    st.success(st.session_state.pop("campaigns_notice"))

# -- a new campaign --------------------------------------------------------------------------
with st.expander(t("campaigns.new.title"), expanded=not campaigns, icon=":material/add:"):
    st.caption(t("campaigns.new.help"))
    new_title = st.text_input(t("campaigns.fields.title"), key="campaigns_new_title")
    columns = st.columns(2)
    new_type = columns[0].selectbox(
        t("campaigns.fields.type"), CAMPAIGN_TYPES, key="campaigns_new_type", format_func=vocab_label("campaign_types")
    )
    new_audiences = columns[1].multiselect(
        t("campaigns.fields.audiences"),
        list(audience_names),
        format_func=lambda i: audience_names.get(i, ""),
        key="campaigns_new_audiences",
        placeholder=t("common.choose"),
        help=None if audiences else t("campaigns.new.no_audiences"),
    )
    new_objective = st.text_area(t("campaigns.fields.objective"), key="campaigns_new_objective", height=68)
    columns = st.columns(3)
    new_start = columns[0].date_input(
        t("campaigns.fields.starts_on"), value=None, format=DATE_FORMAT, key="campaigns_new_start"
    )
    new_end = columns[1].date_input(
        t("campaigns.fields.ends_on"), value=None, format=DATE_FORMAT, key="campaigns_new_end"
    )
    new_budget = columns[2].number_input(
        t("campaigns.fields.budget"),
        min_value=0.0,
        value=None,
        step=100000.0,
        format="%.0f",
        key="campaigns_new_budget",
    )
    if st.button(t("campaigns.new.create"), type="primary", key="campaigns_new_create"):
        try:
            new_id = create_campaign(
                engine,
                workspace_id,
                Campaign(
                    title=new_title,
                    type=new_type,
                    objective=new_objective,
                    audience_ids=new_audiences,
                    starts_on=new_start,
                    ends_on=new_end,
                    budget=new_budget,
                ),
            )
        except StoreError as error:
            show_error(error)
        else:
            choose(new_id)
            for suffix in ("title", "objective", "audiences", "start", "end", "budget"):
                st.session_state.pop(f"campaigns_new_{suffix}", None)
            notify(t("campaigns.new.done", title=escape(new_title)))

if not campaigns:
    st.stop()

ids = [c.id for c in campaigns]
by_id = {c.id: c for c in campaigns}
if st.session_state.get("campaigns_current") not in ids:  # start with the one that most needs attention
    followed = dashboard(campaigns, activities, kpis, measurements, today)
    st.session_state["campaigns_current"] = followed[0].campaign.id if followed else ids[-1]
current_id = st.session_state["campaigns_current"]
campaign = by_id[current_id]
campaign_activities = [a for a in activities if a.campaign_id == current_id]
campaign_kpis = [k for k in kpis if k.campaign_id == current_id]
status = campaign_status(campaign, activities, kpis, measurements, today)
safe_name = "".join(ch if ch.isalnum() else "_" for ch in campaign.title)[:40] or "campana"

st.session_state["campaigns_pick"] = current_id  # the picker shows the current campaign, whoever changed it
st.selectbox(
    t("campaigns.pick"),
    ids,
    key="campaigns_pick",
    format_func=lambda i: f"{by_id[i].title} · {t(f'vocab.campaign_statuses.{by_id[i].status}')}",
    on_change=lambda: choose(st.session_state["campaigns_pick"]),
)

tab_board, tab_plan, tab_activities, tab_kpis = st.tabs(
    [
        t("campaigns.tab.dashboard"),
        t("campaigns.tab.plan"),
        t("campaigns.tab.activities"),
        t("campaigns.tab.kpis"),
    ],
    key="campaigns_tab",
    on_change="rerun",
)  # only the open tab is built; it survives its own buttons' reruns

# -- the dashboard across campaigns ----------------------------------------------------------
with tab_board:
    if tab_board.open:
        statuses = dashboard(campaigns, activities, kpis, measurements, today)
        counts = dashboard_counts(statuses)
        for column, state in zip(st.columns(len(DASHBOARD_STATUSES)), DASHBOARD_STATUSES, strict=True):
            column.metric(t(f"campaigns.state.{state}"), format_number(counts.get(state, 0)))
        st.dataframe(
            pd.DataFrame(
                {
                    t("campaigns.fields.title"): [s.campaign.title for s in statuses],
                    t("campaigns.fields.type"): [t(f"vocab.campaign_types.{s.campaign.type}") for s in statuses],
                    t("campaigns.board.state"): [t(f"campaigns.state.{s.state}") for s in statuses],
                    t("campaigns.board.elapsed"): [
                        None if s.elapsed is None else round(100 * s.elapsed) for s in statuses
                    ],
                    t("campaigns.board.kpis"): [
                        t(
                            "campaigns.board.kpi_summary",
                            total=len(s.kpis),
                            behind=len(s.behind),
                            unmeasured=len(s.unmeasured),
                        )
                        for s in statuses
                    ],
                    t("campaigns.board.late"): [len(s.late) for s in statuses],
                    t("campaigns.board.upcoming"): [len(s.upcoming) for s in statuses],
                    t("campaigns.board.spent"): [
                        f"{money(s.budget.spent)} / {money(s.budget.planned)}" for s in statuses
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
            column_config={
                t("campaigns.board.elapsed"): st.column_config.ProgressColumn(
                    min_value=0, max_value=100, format="%d %%"
                )
            },
        )
        st.caption(t("campaigns.board.help"))
        late = [a for s in statuses for a in s.late]
        st.subheader(t("campaigns.board.late_title", count=len(late)))
        if late:
            st.dataframe(activity_table(late, with_campaign=True), hide_index=True, width="stretch")
        else:
            st.caption(t("campaigns.board.nothing_late"))
        soon = sorted((a for s in statuses for a in s.upcoming), key=lambda a: a.due_on)
        st.subheader(t("campaigns.board.upcoming_title", count=len(soon)))
        if soon:
            st.dataframe(activity_table(soon, with_campaign=True), hide_index=True, width="stretch")
        else:
            st.caption(t("campaigns.board.nothing_upcoming"))
        st.plotly_chart(
            budget_figure(
                [(s.campaign.title, s.budget) for s in statuses],
                {
                    "title": t("campaigns.budget.title"),
                    "planned": t("campaigns.budget.planned"),
                    "spent": t("campaigns.budget.spent"),
                    "committed": t("campaigns.budget.committed"),
                },
            ),
            key="campaigns_budget_chart",
            config={"displaylogo": False},
        )

# -- the plan --------------------------------------------------------------------------------
with tab_plan:
    if tab_plan.open:
        st.caption(t(f"campaigns.state_line.{status.state}", title=escape(campaign.title)))
        with st.form(f"campaigns_plan_{current_id}_{campaign.version}"):
            title = st.text_input(t("campaigns.fields.title"), value=campaign.title)
            columns = st.columns(2)
            kind = columns[0].selectbox(
                t("campaigns.fields.type"),
                CAMPAIGN_TYPES,
                index=CAMPAIGN_TYPES.index(campaign.type),
                format_func=vocab_label("campaign_types"),
            )
            state = columns[1].selectbox(
                t("campaigns.fields.status"),
                CAMPAIGN_STATUSES,
                index=CAMPAIGN_STATUSES.index(campaign.status),
                format_func=vocab_label("campaign_statuses"),
            )
            objective = st.text_area(t("campaigns.fields.objective"), value=campaign.objective, height=80)
            targeted = st.multiselect(
                t("campaigns.fields.audiences"),
                list(audience_names),
                default=[i for i in campaign.audience_ids if i in audience_names],
                format_func=lambda i: audience_names.get(i, ""),
                placeholder=t("common.choose"),
            )
            messages = st.text_area(
                t("campaigns.fields.messages"),
                value="\n".join(campaign.messages),
                height=90,
                help=t("campaigns.fields.one_per_line"),
            )
            channel_options = list(dict.fromkeys([*keys.get("channels", []), *campaign.channels]))
            channels = st.multiselect(
                t("campaigns.fields.channels"),
                channel_options,
                default=campaign.channels,
                format_func=channel_label,
                placeholder=t("common.choose"),
            )
            columns = st.columns(4)
            starts_on = columns[0].date_input(
                t("campaigns.fields.starts_on"), value=campaign.starts_on, format=DATE_FORMAT
            )
            ends_on = columns[1].date_input(t("campaigns.fields.ends_on"), value=campaign.ends_on, format=DATE_FORMAT)
            owner = columns[2].text_input(t("campaigns.fields.owner"), value=campaign.owner)
            planned = columns[3].number_input(
                t("campaigns.fields.budget"), value=campaign.budget, min_value=0.0, step=100000.0, format="%.0f"
            )
            if st.form_submit_button(t("campaigns.plan.save"), type="primary"):
                try:
                    update_campaign(
                        engine,
                        workspace_id,
                        Campaign(
                            title=title,
                            type=kind,
                            status=state,
                            objective=objective,
                            audience_ids=targeted,
                            messages=split_lines(messages),
                            channels=channels,
                            starts_on=starts_on,
                            ends_on=ends_on,
                            owner=owner,
                            budget=planned,
                            id=campaign.id,
                            version=campaign.version,
                        ),
                    )
                except StoreError as error:
                    show_error(error)
                else:
                    notify(t("campaigns.plan.saved"))

        @st.dialog(t("campaigns.delete.title"))
        def confirm_delete():
            st.write(t("campaigns.delete.question", title=escape(campaign.title)))
            st.warning(t("campaigns.delete.warning", activities=len(campaign_activities), kpis=len(campaign_kpis)))
            if st.button(t("campaigns.delete.confirm"), type="primary", key="campaigns_delete_confirm"):
                try:
                    delete_campaign(engine, workspace_id, current_id)
                except StoreError as error:
                    show_error(error)
                    return
                st.session_state.pop("campaigns_current", None)
                notify(t("campaigns.delete.done", title=escape(campaign.title)))

        st.divider()
        if st.button(t("campaigns.delete.button"), key="campaigns_delete", icon=":material/delete:"):
            confirm_delete()

# -- activities ------------------------------------------------------------------------------
with tab_activities:
    if tab_activities.open:
        late, soon = status.late, status.upcoming
        columns = st.columns(2)
        with columns[0]:
            st.markdown(t("campaigns.activities.late", count=len(late)))
            if late:
                st.dataframe(activity_table(late), hide_index=True, width="stretch")
        with columns[1]:
            st.markdown(t("campaigns.activities.upcoming", count=len(soon)))
            if soon:
                st.dataframe(activity_table(soon), hide_index=True, width="stretch")

        st.subheader(t("campaigns.activities.add_title"))
        with st.form(f"campaigns_activity_form_{current_id}", clear_on_submit=True):
            columns = st.columns([3, 2, 2])
            activity_title = columns[0].text_input(t("campaigns.columns.title"), key="campaigns_activity_title")
            activity_channel = columns[1].selectbox(
                t("campaigns.columns.channel"),
                keys.get("channels", []),
                index=None,
                format_func=channel_label,
                key="campaigns_activity_channel",
                placeholder=t("common.choose"),
            )
            activity_day = columns[2].date_input(
                t("campaigns.columns.due_on"), value=None, format=DATE_FORMAT, key="campaigns_activity_day"
            )
            columns = st.columns([3, 2, 2])
            activity_owner = columns[0].text_input(t("campaigns.columns.owner"), key="campaigns_activity_owner")
            activity_status = columns[1].selectbox(
                t("campaigns.columns.status"),
                ACTIVITY_STATUSES,
                format_func=vocab_label("activity_statuses"),
                key="campaigns_activity_status",
            )
            activity_cost = columns[2].number_input(
                t("campaigns.columns.cost"),
                min_value=0.0,
                value=None,
                step=100000.0,
                format="%.0f",
                key="campaigns_activity_cost",
            )
            if st.form_submit_button(t("campaigns.activities.add"), type="primary"):
                try:
                    add_activity(
                        engine,
                        workspace_id,
                        Activity(
                            campaign_id=current_id,
                            title=activity_title,
                            channel=activity_channel,
                            due_on=activity_day,
                            owner=activity_owner,
                            status=activity_status,
                            cost=activity_cost,
                        ),
                    )
                except StoreError as error:
                    show_error(error)
                else:
                    notify(t("campaigns.activities.added", title=escape(activity_title)))

        if campaign_activities:
            st.plotly_chart(
                activity_timeline_figure(
                    campaign_activities,
                    channel_label,
                    vocab_label("activity_statuses"),
                    today,
                    {
                        "title": t("campaigns.activities.calendar"),
                        "today": t("campaigns.chart.today"),
                        "late": t("campaigns.activities.late_marker"),
                    },
                    late=status.late,
                ),
                key="campaigns_timeline_chart",
                config={"displaylogo": False},
            )

        st.subheader(t("campaigns.activities.list", count=len(campaign_activities)))
        rows = activity_rows(campaign_activities)
        edited = st.data_editor(
            pd.DataFrame(
                rows,
                columns=["id", "version", "delete", "title", "channel", "due_on", "owner", "status", "cost", "notes"],
            ),
            key=f"campaigns_activities_{current_id}_{current_revision}",
            hide_index=True,
            column_order=["delete", "due_on", "title", "channel", "owner", "status", "cost", "notes"],
            column_config={
                "delete": st.column_config.CheckboxColumn(t("campaigns.table.delete"), width="small"),
                "title": st.column_config.TextColumn(t("campaigns.columns.title"), required=True, width="large"),
                "channel": st.column_config.SelectboxColumn(
                    t("campaigns.columns.channel"), options=keys.get("channels", []), format_func=channel_label
                ),
                "due_on": st.column_config.DateColumn(t("campaigns.columns.due_on"), format=DATE_FORMAT),
                "owner": st.column_config.TextColumn(t("campaigns.columns.owner")),
                "status": st.column_config.SelectboxColumn(
                    t("campaigns.columns.status"),
                    required=True,
                    options=list(ACTIVITY_STATUSES),
                    format_func=vocab_label("activity_statuses"),
                ),
                "cost": st.column_config.NumberColumn(t("campaigns.columns.cost"), min_value=0, format="%.0f"),
                "notes": st.column_config.TextColumn(t("campaigns.columns.notes")),
            },
        )
        activity_edits, to_delete = row_edits(
            rows,
            edited.to_dict("records"),
            ("title", "channel", "due_on", "owner", "status", "cost", "notes"),
            "delete",
            dates=("due_on",),
        )

        def save_activities():
            result = save_activity_edits(engine, workspace_id, activity_edits)
            if not result.ok:
                st.error(t("errors.conflict", names=escape(", ".join(result.conflicts))))
                return
            deleted = delete_activities(engine, workspace_id, to_delete)
            notify(t("campaigns.table.saved", saved=result.saved, deleted=deleted))

        @st.dialog(t("campaigns.table.delete_title"))
        def confirm_activity_delete():
            st.write(t("campaigns.table.delete_question", count=len(to_delete)))
            if st.button(t("campaigns.table.delete_confirm"), type="primary", key="campaigns_activities_delete_ok"):
                try:
                    save_activities()
                except StoreError as error:
                    show_error(error)

        if st.button(
            t("campaigns.table.save", count=len(activity_edits) + len(to_delete)),
            type="primary",
            disabled=not (activity_edits or to_delete),
            key="campaigns_activities_save",
        ):
            try:
                if to_delete:
                    confirm_activity_delete()
                else:
                    save_activities()
            except StoreError as error:
                show_error(error)

        spent = budget(campaign, activities)
        st.subheader(t("campaigns.budget.campaign_title"))
        columns = st.columns(4)
        columns[0].metric(t("campaigns.budget.planned"), money(spent.planned))
        columns[1].metric(t("campaigns.budget.spent"), money(spent.spent))
        columns[2].metric(t("campaigns.budget.committed"), money(spent.committed))
        columns[3].metric(t("campaigns.budget.remaining"), money(spent.remaining))
        if spent.over:
            st.warning(t("campaigns.budget.over", amount=money(-spent.remaining)))

        st.subheader(t("campaigns.import.activities_title"))
        st.caption(t("campaigns.import.activities_help"))
        st.download_button(
            t("campaigns.export.activity_template"),
            key="campaigns_dl_activity_template",
            icon=":material/download:",
            data=lambda: sheets.activity_template(terms, lang),
            file_name=f"{t('campaigns.export.file.activities')}.xlsx",
            mime=XLSX,
            on_click="ignore",
        )
        import_panel("activities")

# -- KPIs ------------------------------------------------------------------------------------
with tab_kpis:
    if tab_kpis.open:
        progress = status.kpis
        if progress:
            st.plotly_chart(
                kpi_progress_figure(
                    progress,
                    {
                        "title": t("campaigns.chart.progress_title"),
                        "axis": t("campaigns.chart.progress_axis"),
                        "expected": t("campaigns.chart.expected"),
                        "target": t("campaigns.chart.target"),
                    },
                    {
                        state: t(f"campaigns.kpi_state.{state}")
                        for state in ("reached", "on_track", "behind", "no_measurements")
                    },
                ),
                key="campaigns_progress_chart",
                config={"displaylogo": False},
            )
            st.caption(t("campaigns.chart.progress_help"))
            st.dataframe(
                pd.DataFrame(
                    {
                        t("campaigns.kpis.name"): [p.kpi.name for p in progress],
                        t("campaigns.kpis.value"): [
                            "—" if p.value is None else format_number(p.value, digits=0) for p in progress
                        ],
                        t("campaigns.kpis.target"): [
                            f"{format_number(p.kpi.target)} {p.kpi.unit}".strip() for p in progress
                        ],
                        t("campaigns.kpis.progress"): [
                            None if p.progress is None else round(100 * p.progress) for p in progress
                        ],
                        t("campaigns.kpis.state"): [t(f"campaigns.kpi_state.{p.state}") for p in progress],
                        t("campaigns.kpis.last"): [format_date(p.last_measured_on) for p in progress],
                    }
                ),
                hide_index=True,
                width="stretch",
                column_config={
                    t("campaigns.kpis.progress"): st.column_config.ProgressColumn(
                        min_value=0, max_value=100, format="%d %%"
                    )
                },
            )
        else:
            st.info(t("campaigns.kpis.empty"))

        columns = st.columns(2)
        with columns[0].container(border=True):
            st.markdown(t("campaigns.kpis.add_title"))
            with st.form(f"campaigns_kpi_form_{current_id}", clear_on_submit=True, border=False):
                kpi_name = st.text_input(t("campaigns.kpis.name"), key="campaigns_kpi_name")
                row = st.columns(2)
                kpi_kind = row[0].selectbox(
                    t("campaigns.kpis.kind"), KPI_KINDS, format_func=vocab_label("kpi_kinds"), key="campaigns_kpi_kind"
                )
                kpi_unit = row[1].text_input(
                    t("campaigns.kpis.unit"), key="campaigns_kpi_unit", placeholder=t("campaigns.kpis.unit_hint")
                )
                row = st.columns(2)
                kpi_baseline = row[0].number_input(
                    t("campaigns.kpis.baseline"), value=0.0, key="campaigns_kpi_baseline"
                )
                kpi_target = row[1].number_input(t("campaigns.kpis.target"), value=None, key="campaigns_kpi_target")
                kpi_aggregation = st.radio(
                    t("campaigns.kpis.aggregation"),
                    KPI_AGGREGATIONS,
                    horizontal=True,
                    format_func=lambda k: t(f"campaigns.kpis.aggregation_{k}"),
                    key="campaigns_kpi_aggregation",
                )
                if st.form_submit_button(t("campaigns.kpis.add"), type="primary"):
                    try:
                        add_kpi(
                            engine,
                            workspace_id,
                            Kpi(
                                campaign_id=current_id,
                                name=kpi_name,
                                target=kpi_target,
                                kind=kpi_kind,
                                unit=kpi_unit,
                                baseline=kpi_baseline,
                                aggregation=kpi_aggregation,
                            ),
                        )
                    except StoreError as error:
                        show_error(error)
                    else:
                        notify(t("campaigns.kpis.added", name=escape(kpi_name)))
        with columns[1].container(border=True):
            st.markdown(t("campaigns.kpis.measure_title"))
            kpi_names = {k.id: k.name for k in campaign_kpis}
            if st.session_state.get("campaigns_measure_kpi") not in kpi_names:  # another campaign's, or none
                st.session_state["campaigns_measure_kpi"] = next(iter(kpi_names), None)
            with st.form(f"campaigns_measure_form_{current_id}", clear_on_submit=True, border=False):
                measured_kpi = st.selectbox(
                    t("campaigns.kpis.name"),
                    list(kpi_names),
                    format_func=lambda i: kpi_names.get(i, ""),
                    key="campaigns_measure_kpi",
                )
                row = st.columns(2)
                measured_on = row[0].date_input(
                    t("campaigns.columns.measured_on"), value=today, format=DATE_FORMAT, key="campaigns_measure_day"
                )
                measured_value = row[1].number_input(
                    t("campaigns.columns.value"), value=None, key="campaigns_measure_value"
                )
                measured_notes = st.text_input(
                    t("campaigns.columns.notes"),
                    key="campaigns_measure_notes",
                    placeholder=t("campaigns.kpis.source_hint"),
                )
                if st.form_submit_button(t("campaigns.kpis.measure"), type="primary", disabled=not kpi_names):
                    try:
                        log_measurement(
                            engine,
                            workspace_id,
                            KpiMeasurement(
                                kpi_id=measured_kpi, measured_on=measured_on, value=measured_value, notes=measured_notes
                            ),
                        )
                    except StoreError as error:
                        show_error(error)
                    else:
                        notify(t("campaigns.kpis.measured", name=escape(kpi_names.get(measured_kpi, ""))))

        if campaign_kpis:
            with st.expander(t("campaigns.kpis.edit_title"), icon=":material/edit:"):
                st.caption(t("campaigns.kpis.edit_help"))
                kpi_table = kpi_rows(campaign_kpis)
                edited_kpis = st.data_editor(
                    pd.DataFrame(
                        kpi_table,
                        columns=[
                            "id",
                            "version",
                            "delete",
                            "name",
                            "kind",
                            "unit",
                            "baseline",
                            "target",
                            "aggregation",
                        ],
                    ),
                    key=f"campaigns_kpis_{current_id}_{current_revision}",
                    hide_index=True,
                    column_order=["name", "kind", "unit", "baseline", "target", "aggregation"],
                    column_config={
                        "name": st.column_config.TextColumn(t("campaigns.kpis.name"), required=True, width="large"),
                        "kind": st.column_config.SelectboxColumn(
                            t("campaigns.kpis.kind"),
                            options=list(KPI_KINDS),
                            format_func=vocab_label("kpi_kinds"),
                            required=True,
                        ),
                        "unit": st.column_config.TextColumn(t("campaigns.kpis.unit")),
                        "baseline": st.column_config.NumberColumn(t("campaigns.kpis.baseline"), required=True),
                        "target": st.column_config.NumberColumn(t("campaigns.kpis.target"), required=True),
                        "aggregation": st.column_config.SelectboxColumn(
                            t("campaigns.kpis.aggregation"),
                            options=list(KPI_AGGREGATIONS),
                            required=True,
                            format_func=lambda k: t(f"campaigns.kpis.aggregation_{k}"),
                        ),
                    },
                )
                kpi_edits, _ = row_edits(
                    kpi_table,
                    edited_kpis.to_dict("records"),
                    ("name", "kind", "unit", "baseline", "target", "aggregation"),
                    "delete",
                )
                if st.button(
                    t("campaigns.table.save", count=len(kpi_edits)), disabled=not kpi_edits, key="campaigns_kpis_save"
                ):
                    try:
                        result = save_kpi_edits(engine, workspace_id, kpi_edits)
                    except StoreError as error:
                        show_error(error)
                    else:
                        if not result.ok:
                            st.error(t("errors.conflict", names=escape(", ".join(result.conflicts))))
                        else:
                            notify(t("campaigns.kpis.edited", count=result.saved))

            st.subheader(t("campaigns.kpis.over_time"))
            if st.session_state.get("campaigns_kpi_shown") not in kpi_names:
                st.session_state["campaigns_kpi_shown"] = campaign_kpis[0].id
            shown = st.selectbox(
                t("campaigns.kpis.name"),
                [k.id for k in campaign_kpis],
                key="campaigns_kpi_shown",
                format_func=lambda i: kpi_names.get(i, ""),
            )
            kpi = next(k for k in campaign_kpis if k.id == shown)
            st.plotly_chart(
                kpi_timeline_figure(
                    kpi,
                    kpi_series(kpi, measurements),
                    campaign.starts_on,
                    campaign.ends_on,
                    today,
                    {
                        "title": kpi.name,
                        "value": t("campaigns.chart.value"),
                        "path": t("campaigns.chart.path"),
                        "target": t("campaigns.chart.target"),
                        "today": t("campaigns.chart.today"),
                    },
                ),
                key="campaigns_kpi_chart",
                config={"displaylogo": False},
            )

            st.subheader(t("campaigns.kpis.measurements"))
            measured_rows = measurement_rows(campaign_kpis, measurements)
            edited_measurements = st.data_editor(
                pd.DataFrame(measured_rows, columns=["id", "delete", "kpi", "measured_on", "value", "notes"]),
                key=f"campaigns_measurements_{current_id}_{current_revision}",
                hide_index=True,
                disabled=["kpi", "measured_on", "value", "notes"],
                column_order=["delete", "kpi", "measured_on", "value", "notes"],
                column_config={
                    "delete": st.column_config.CheckboxColumn(t("campaigns.table.delete"), width="small"),
                    "kpi": st.column_config.TextColumn(t("campaigns.kpis.name")),
                    "measured_on": st.column_config.DateColumn(t("campaigns.columns.measured_on"), format=DATE_FORMAT),
                    "value": st.column_config.NumberColumn(t("campaigns.columns.value")),
                    "notes": st.column_config.TextColumn(t("campaigns.columns.notes")),
                },
            )
            marked = [int(row["id"]) for row in edited_measurements.to_dict("records") if row.get("delete")]

            @st.dialog(t("campaigns.kpis.delete_title"))
            def confirm_measurement_delete():
                st.write(t("campaigns.kpis.delete_measurements_question", count=len(marked)))
                if st.button(
                    t("campaigns.table.delete_confirm"), type="primary", key="campaigns_measurements_delete_ok"
                ):
                    try:
                        deleted = delete_measurements(engine, workspace_id, marked)
                    except StoreError as error:
                        show_error(error)
                    else:
                        notify(t("campaigns.kpis.measurements_deleted", count=deleted))

            columns = st.columns(2)
            if columns[0].button(
                t("campaigns.kpis.delete_measurements", count=len(marked)),
                disabled=not marked,
                key="campaigns_measurements_delete",
            ):
                confirm_measurement_delete()

            @st.dialog(t("campaigns.kpis.delete_title"))
            def confirm_kpi_delete():
                st.write(t("campaigns.kpis.delete_kpi_question", name=escape(kpi.name)))
                if st.button(t("campaigns.table.delete_confirm"), type="primary", key="campaigns_kpi_delete_ok"):
                    try:
                        delete_kpis(engine, workspace_id, [kpi.id])
                    except StoreError as error:
                        show_error(error)
                    else:
                        notify(t("campaigns.kpis.kpi_deleted", name=escape(kpi.name)))

            if columns[1].button(
                t("campaigns.kpis.delete_kpi", name=escape(kpi.name)),
                key="campaigns_kpi_delete",
                icon=":material/delete:",
            ):
                confirm_kpi_delete()

            st.subheader(t("campaigns.import.measurements_title"))
            st.caption(t("campaigns.import.measurements_help"))
            st.download_button(
                t("campaigns.export.measurement_template"),
                key="campaigns_dl_measurement_template",
                icon=":material/download:",
                data=lambda: sheets.measurement_template(campaign_kpis, lang),
                file_name=f"{safe_name}_{t('campaigns.export.file.measurements')}.xlsx",
                mime=XLSX,
                on_click="ignore",
            )
            import_panel("measurements")
