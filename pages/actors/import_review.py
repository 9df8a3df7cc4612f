"""Actores, the import wizard, steps 5 to 7: the values checked, the duplicates decided, the
import confirmed (nothing is stored before that)."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import reset_upload
from pages._kit.numbers import show_table
from pages._kit.table import forget, readable
from pages.actors import import_rows, import_salience, import_terms
from toolkit.i18n import format_number, t
from toolkit.importing import check_file, import_preview, plan_counts, preview_rows
from toolkit.markdown import escape
from toolkit.spreadsheets.importing import POLICIES, merge_groups
from toolkit.spreadsheets.mapping import WorkbookLayout


def show(ctx: PageContext, loaded: dict, layout: WorkbookLayout) -> None:
    """Steps 5 to 7 for the file read in step 1 as mapped in steps 2 to 4."""
    preview = check_values(ctx, loaded, layout)
    policy, decisions = decide_duplicates(ctx, preview)
    plan, rows = preview_rows(ctx.engine, ctx.workspace_id, preview, policy, decisions)
    show_merges(plan)
    confirm(ctx, preview, policy, decisions, plan, rows, loaded["name"])


def check_values(ctx: PageContext, loaded: dict, layout: WorkbookLayout):
    """Step 5: how many actors and relations the file holds, and its problems."""
    st.subheader(t("import.step5"))
    preview = check_file(ctx.engine, ctx.workspace_id, b"", loaded["name"], layout=layout, workbook=loaded["workbook"])
    import_terms.choose(ctx, preview)  # the file's own sectors, scales and relation types
    problems = [("error", p) for p in preview.errors] + [("warning", p) for p in preview.warnings]
    summary = st.columns(3)
    summary[0].metric(t("import.report.actors"), format_number(len(preview.actors)))
    summary[1].metric(t("import.report.relations"), format_number(len(preview.relations)))
    summary[2].metric(t("import.report.problems"), format_number(len(problems)))
    import_salience.show(ctx, preview)  # power, legitimacy, urgency columns (issue 20)
    if not problems:
        st.success(t("import.report.clean"))
        return preview
    rows = [
        (t(f"import.severity.{severity}"), p.sheet, p.row or "", p.column, t(p.key, **p.details))
        for severity, p in problems
    ]
    columns = [
        t("import.report.severity"),
        t("import.report.sheet"),
        t("import.report.row"),
        t("import.report.column"),
        t("import.report.message"),
    ]
    show_table(pd.DataFrame(rows, columns=columns), hide_index=True, width="stretch")
    return preview


def decide_duplicates(ctx: PageContext, preview):
    """Step 6: what to do with actors already in the register or twice in the file; returns
    ``(policy, decisions by row)``."""
    st.subheader(t("import.step6"))
    policy = st.radio(
        t("import.duplicates.policy"),
        list(POLICIES),
        horizontal=True,
        format_func=lambda p: t(f"import.duplicates.{p}"),
        key="import_policy",
    )
    if not preview.duplicates:
        st.caption(t("import.duplicates.none"))
        return policy, {}
    duplicates = pd.DataFrame(
        [
            {
                "sheet": d.sheet,
                "row": d.row,
                "name": d.name,
                "match": d.match_name if d.existing_id else t("import.duplicates.in_file", row=d.first_row),
                "where": t("import.duplicates.register") if d.existing_id else t("import.duplicates.file"),
                "decision": "keep" if d.apart else policy,
            }
            for d in preview.duplicates
        ]
    )
    decided = st.data_editor(
        duplicates,
        hide_index=True,
        width="stretch",
        disabled=["sheet", "row", "name", "match", "where"],
        key=f"import_duplicates_{policy}",
        column_config=readable(
            {
                "sheet": st.column_config.TextColumn(t("import.report.sheet")),
                "row": st.column_config.NumberColumn(t("import.report.row")),
                "name": st.column_config.TextColumn(t("columns.name")),
                "match": st.column_config.TextColumn(t("import.duplicates.match")),
                "where": st.column_config.TextColumn(t("import.duplicates.where")),
                "decision": st.column_config.SelectboxColumn(
                    t("import.duplicates.decision"),
                    options=list(POLICIES),
                    required=True,
                    format_func=lambda p: t(f"import.duplicates.{p}"),
                ),
            },
            editing=True,
        ),
    )
    keys = zip(decided["sheet"].tolist(), decided["row"].tolist(), strict=True)
    return policy, dict(zip(keys, decided["decision"].tolist(), strict=True))


def show_merges(plan) -> None:
    """Which rows of the file the plan merges into which earlier rows."""
    groups = merge_groups(plan.merges)
    if not groups:
        return
    lines = [
        t(
            "import.duplicates.merge_line",
            sheet=escape(g["sheet"]),
            rows=", ".join(map(str, g["rows"])),
            into=g["into"],
            name=escape(g["name"]),
        )
        for g in groups
    ]
    st.caption(
        t("import.duplicates.in_file_merges", count=len(plan.merges))
        + "\n\n"
        + "\n".join(f"- {line}" for line in lines)
    )


def confirm(ctx: PageContext, preview, policy: str, decisions: dict, plan, rows, name: str) -> None:
    """Step 7: the actors as the import will store them, then store it (or start again). The
    import stores what the person saw on the screen they clicked: if the register changed since
    (another person saved), nothing is stored and the new plan is said, to be confirmed again."""
    st.subheader(t("import.step7"))
    shown = st.session_state.get("import_plan_shown")  # the counts on the screen that was clicked
    st.session_state["import_plan_shown"] = plan_counts(plan)
    for problem in plan.relation_errors:
        st.warning(
            t("import.report.at", sheet=escape(problem.sheet), row=problem.row)
            + " "
            + t(problem.key, **{k: escape(v) for k, v in problem.details.items()})
        )
    import_rows.show(ctx, plan, rows)
    st.caption(t("stored_rows.saved_at_once"))
    buttons = st.columns([2, 2, 6])
    if buttons[0].button(
        t("import.confirm.button"),
        type="primary",
        key="import_confirm",
        disabled=not (plan.added or plan.merged or plan.batch.relations),
    ):
        with st.spinner(t("import.confirm.saving")):
            outcome = import_preview(
                ctx.engine, ctx.workspace_id, preview, policy, decisions, shown or plan_counts(plan), label=name
            )
        if outcome.replanned:
            st.session_state["import_plan_shown"] = counts = plan_counts(outcome.plan)
            st.warning(t("import.confirm.replanned", **counts._asdict()))
            return
        if outcome.stored and outcome.stored.conflicts:
            st.error(t("actors.conflict", names=escape(", ".join(outcome.stored.conflicts))))
            return
        st.session_state["import_done"] = t(
            "import.confirm.done",
            added=outcome.stored.added,
            merged=outcome.plan.merged,
            relations=outcome.stored.relations,
        ) + (" " + t("undo.after_import"))
        start_again()
        forget("actors")
        st.rerun()
    if buttons[1].button(t("import.restart"), key="import_restart"):
        start_again()
        st.rerun()


def start_again() -> None:
    """An empty uploader and no file read: the wizard from step 1."""
    reset_upload("import_upload")
    st.session_state.pop("import_file", None)
    st.session_state.pop("import_plan_shown", None)
    st.session_state.pop("import_rows_search", None)
