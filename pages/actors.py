"""Actores: the register (search, filter, edit in place, add, delete), relations, one actor's
record, the import wizard and the downloads."""

import pandas as pd
import streamlit as st

from toolkit.domain import DIMENSIONS, KINDS, QUADRANTS, STANCE_KEYS, STANCE_VALUES, Actor, Relation
from toolkit.i18n import format_number, label, language, t
from toolkit.markdown import escape
from toolkit.register import (
    ActorFilter,
    actor_rows,
    all_themes,
    check_file,
    filter_actors,
    import_preview,
    plan_preview,
    relation_rows,
    relation_table_edits,
    table_edits,
    workspace_backup,
)
from toolkit.spreadsheets import exports
from toolkit.spreadsheets.importing import POLICIES
from toolkit.spreadsheets.mapping import (
    ACTOR_HEADERS,
    RELATION_HEADERS,
    ColumnMap,
    SheetLayout,
    WorkbookLayout,
    column_letter,
    inspect_sheets,
    map_columns,
)
from toolkit.spreadsheets.reading import UnreadableFile, read_workbook
from toolkit.store import StoreError
from toolkit.store.register import (
    add_actor,
    add_relation,
    delete_actors,
    delete_relations,
    list_actors,
    list_relations,
    save_actor_edits,
    save_relation_edits,
)
from toolkit.store.workspaces import get_workspace, revision, vocabulary_terms

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("actors.title"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()

lang = language()
terms = vocabulary_terms(engine, workspace_id)
custom = {name: {key: text for key, text in entries if text} for name, entries in terms.items()}
keys = {name: [key for key, _ in entries] for name, entries in terms.items()}
current_revision = revision(engine, workspace_id)


@st.cache_data(max_entries=32, show_spinner=False)
def register_at(_engine, url: str, workspace_id: int, revision: int):
    """The register as of one revision (every write bumps it, so this never goes stale)."""
    return list_actors(_engine, workspace_id), list_relations(_engine, workspace_id)


actors, relations = register_at(engine, settings.database_url, workspace_id, current_revision)
names = {a.id: a.name for a in actors}


def term_label(vocabulary):
    return lambda key: label(vocabulary, key, custom.get(vocabulary))


def stance_label(key):
    return t(f"vocab.stances.{key}") if key else ""


def show_store_error(error: StoreError) -> None:
    st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))


def editor_key(name: str) -> str:
    """The table's widget key; a new key after a reload or a save shows the stored data, not old typing."""
    return f"{name}_{st.session_state.get(name + '_round', 0)}"


def fresh_editor(name: str) -> None:
    st.session_state[name + "_round"] = st.session_state.get(name + "_round", 0) + 1


def touched(name: str, edited: pd.DataFrame) -> list[dict]:
    """The rows someone changed in the table, from the editor's own record of them: comparing every
    row on every rerun cost a tenth of a second at 1,000 actors."""
    changed = st.session_state.get(editor_key(name), {}).get("edited_rows") or {}
    return edited.iloc[sorted(int(i) for i in changed)].to_dict("records") if changed else []


tab_register, tab_relations, tab_record, tab_import, tab_export = st.tabs(
    [
        t("actors.tab.register"),
        t("actors.tab.relations"),
        t("actors.tab.record"),
        t("actors.tab.import"),
        t("actors.tab.export"),
    ],
    key="actors_tabs",
    on_change="rerun",
)

if st.session_state.get("actors_notice"):  # what the last save did, shown after its rerun
    st.success(st.session_state.pop("actors_notice"))

# -- the register ----------------------------------------------------------------------------
with tab_register:
    if tab_register.open:  # only the open tab is built: each rerun stays cheap
        filters = st.columns([3, 2, 2, 2, 2, 2])
        query = filters[0].text_input(
            t("actors.filter.search"), key="actors_query", placeholder=t("actors.filter.search_hint")
        )
        sectors = filters[1].multiselect(
            t("columns.sector"),
            keys.get("sectors", []),
            key="actors_sectors",
            placeholder=t("common.choose"),
            format_func=term_label("sectors"),
        )
        scales = filters[2].multiselect(
            t("columns.scale"),
            keys.get("scales", []),
            key="actors_scales",
            placeholder=t("common.choose"),
            format_func=term_label("scales"),
        )
        stances = filters[3].multiselect(
            t("columns.stance"),
            list(STANCE_VALUES),
            key="actors_stances",
            placeholder=t("common.choose"),
            format_func=stance_label,
        )
        quadrants = filters[4].multiselect(
            t("columns.quadrant"),
            list(QUADRANTS),
            key="actors_quadrants",
            placeholder=t("common.choose"),
            format_func=lambda q: t(f"quadrants.{q}"),
        )
        themes = filters[5].multiselect(
            t("columns.themes"), all_themes(actors), key="actors_themes", placeholder=t("common.choose")
        )
        wanted = ActorFilter(
            query=query,
            sectors=tuple(sectors),
            scales=tuple(scales),
            stances=tuple(STANCE_VALUES[s] for s in stances),
            quadrants=tuple(quadrants),
            themes=tuple(themes),
        )
        shown = filter_actors(actors, wanted)

        # the table edits a snapshot: someone else's save in between is caught when saving
        snapshot_key = (workspace_id, repr(wanted))
        snapshot = st.session_state.get("actors_snapshot")
        pending = st.session_state.get(editor_key("actors_editor"), {}).get("edited_rows")
        if (
            snapshot is None
            or snapshot["key"] != snapshot_key
            or (snapshot["revision"] != current_revision and not pending)
        ):
            snapshot = {"key": snapshot_key, "revision": current_revision, "rows": actor_rows(shown)}
            st.session_state["actors_snapshot"] = snapshot
            fresh_editor("actors_editor")
        st.caption(t("actors.count", shown=format_number(len(snapshot["rows"])), total=format_number(len(actors))))

        with (
            st.popover(t("actors.add.button"), icon=":material/add:"),
            st.form("actors_add_form", clear_on_submit=True),
        ):
            new_name = st.text_input(t("columns.name"))
            new_acronym = st.text_input(t("columns.acronym"))
            new_sector = st.selectbox(
                t("columns.sector"),
                [None, *keys.get("sectors", [])],
                format_func=lambda k: term_label("sectors")(k) if k else "—",
            )
            new_scale = st.selectbox(
                t("columns.scale"),
                [None, *keys.get("scales", [])],
                format_func=lambda k: term_label("scales")(k) if k else "—",
            )
            if st.form_submit_button(t("actors.add.submit"), type="primary"):
                try:
                    add_actor(
                        engine,
                        workspace_id,
                        Actor(name=new_name, acronym=new_acronym, sector=new_sector, scale=new_scale),
                    )
                    st.session_state.pop("actors_snapshot", None)
                    st.toast(t("actors.add.done", name=escape(new_name)))
                    st.rerun()
                except StoreError as error:
                    show_store_error(error)

        table = pd.DataFrame(snapshot["rows"], columns=list(actor_rows([Actor("x")])[0]))
        table["influence"] = table["influence"].astype("Int64")
        table["interest"] = table["interest"].astype("Int64")
        edited = st.data_editor(
            table,
            key=editor_key("actors_editor"),
            hide_index=True,
            height=520,
            column_order=[
                "delete",
                "name",
                "acronym",
                "kind",
                "sector",
                "scale",
                "stance",
                "influence",
                "interest",
                "quadrant",
                "themes",
                "dimensions",
                "country",
                "city",
                "contact_name",
                "contact_role",
                "email",
                "phone",
                "consent",
                "notes",
            ],
            disabled=["quadrant"],
            column_config={
                "delete": st.column_config.CheckboxColumn(t("actors.table.delete"), width="small"),
                "name": st.column_config.TextColumn(t("columns.name"), required=True, pinned=True),
                "acronym": st.column_config.TextColumn(t("columns.acronym")),
                "kind": st.column_config.SelectboxColumn(
                    t("columns.kind"), options=list(KINDS), format_func=lambda k: t(f"vocab.kinds.{k}"), required=True
                ),
                "sector": st.column_config.SelectboxColumn(
                    t("columns.sector"), options=keys.get("sectors", []), format_func=term_label("sectors")
                ),
                "scale": st.column_config.SelectboxColumn(
                    t("columns.scale"), options=keys.get("scales", []), format_func=term_label("scales")
                ),
                "stance": st.column_config.SelectboxColumn(
                    t("columns.stance"), options=list(STANCE_VALUES), format_func=stance_label
                ),
                "influence": st.column_config.NumberColumn(t("columns.influence"), min_value=1, max_value=5, step=1),
                "interest": st.column_config.NumberColumn(t("columns.interest"), min_value=1, max_value=5, step=1),
                "quadrant": st.column_config.SelectboxColumn(
                    t("columns.quadrant"), options=list(QUADRANTS), format_func=lambda q: t(f"quadrants.{q}")
                ),
                "themes": st.column_config.MultiselectColumn(
                    t("columns.themes"), options=all_themes(actors), accept_new_options=True
                ),
                "dimensions": st.column_config.MultiselectColumn(
                    t("columns.dimensions"), options=list(DIMENSIONS), format_func=lambda d: t(f"vocab.dimensions.{d}")
                ),
                "country": st.column_config.TextColumn(t("columns.country")),
                "city": st.column_config.TextColumn(t("columns.city")),
                "contact_name": st.column_config.TextColumn(t("columns.contact_name")),
                "contact_role": st.column_config.TextColumn(t("columns.contact_role")),
                "email": st.column_config.TextColumn(t("columns.email")),
                "phone": st.column_config.TextColumn(t("columns.phone")),
                "consent": st.column_config.SelectboxColumn(
                    t("columns.consent"),
                    options=["yes", "no", "unknown"],
                    format_func=lambda c: t(f"vocab.consent.{c}"),
                    required=True,
                ),
                "notes": st.column_config.TextColumn(t("columns.notes")),
            },
        )
        edits, to_delete = table_edits(snapshot["rows"], touched("actors_editor", edited))

        def save(edits, to_delete):
            try:
                result = save_actor_edits(engine, workspace_id, edits)
            except StoreError as error:
                show_store_error(error)
                return
            if not result.ok:
                st.session_state["actors_conflict"] = result.conflicts
                return
            removed = delete_actors(engine, workspace_id, to_delete) if to_delete else 0
            st.session_state.pop("actors_snapshot", None)
            st.session_state.pop("actors_conflict", None)
            st.session_state["actors_notice"] = t("actors.saved", saved=result.saved, deleted=removed)
            st.rerun()

        @st.dialog(t("actors.delete.title"))
        def confirm_delete(edits, to_delete):
            st.write(t("actors.delete.question", count=len(to_delete)))
            st.dataframe(pd.DataFrame({t("columns.name"): [names.get(i, "") for i in to_delete]}), hide_index=True)
            st.warning(t("actors.delete.warning"))
            if st.button(t("actors.delete.confirm"), type="primary", key="actors_delete_confirm"):
                save(edits, to_delete)

        buttons = st.columns([2, 2, 6])
        if buttons[0].button(
            t("actors.save", count=len(edits) + len(to_delete)),
            type="primary",
            disabled=not (edits or to_delete),
            key="actors_save",
        ):
            if to_delete:
                confirm_delete(edits, to_delete)
            else:
                save(edits, to_delete)
        if buttons[1].button(t("actors.reload"), key="actors_reload"):
            st.session_state.pop("actors_snapshot", None)
            fresh_editor("actors_editor")
            st.session_state.pop("actors_conflict", None)
            st.rerun()
        if st.session_state.get("actors_conflict"):
            st.error(t("actors.conflict", names=escape(", ".join(st.session_state["actors_conflict"]))))

# -- relations -------------------------------------------------------------------------------
with tab_relations:
    if tab_relations.open:  # only the open tab is built: each rerun stays cheap
        focus = st.selectbox(
            t("relations.filter.actor"),
            [None, *names],
            key="relations_focus",
            format_func=lambda i: names.get(i, t("relations.filter.all")),
        )
        shown_relations = [r for r in relations if focus is None or focus in (r.source, r.target)]
        relation_snapshot_key = (workspace_id, focus, current_revision)
        if st.session_state.get("relations_snapshot", {}).get(
            "key"
        ) != relation_snapshot_key and not st.session_state.get(editor_key("relations_editor"), {}).get("edited_rows"):
            st.session_state["relations_snapshot"] = {
                "key": relation_snapshot_key,
                "rows": relation_rows(shown_relations),
            }
            fresh_editor("relations_editor")
        relation_snapshot = st.session_state["relations_snapshot"]
        st.caption(t("relations.count", count=format_number(len(relation_snapshot["rows"]))))
        relation_table = pd.DataFrame(
            relation_snapshot["rows"],
            columns=["id", "version", "delete", "source", "target", "type", "strength", "directed", "description"],
        )
        edited_relations = st.data_editor(
            relation_table,
            key=editor_key("relations_editor"),
            hide_index=True,
            column_order=["delete", "source", "target", "type", "strength", "directed", "description"],
            column_config={
                "delete": st.column_config.CheckboxColumn(t("actors.table.delete"), width="small"),
                "source": st.column_config.SelectboxColumn(
                    t("columns.relation.source"),
                    options=list(names),
                    format_func=lambda i: names.get(i, ""),
                    required=True,
                ),
                "target": st.column_config.SelectboxColumn(
                    t("columns.relation.target"),
                    options=list(names),
                    format_func=lambda i: names.get(i, ""),
                    required=True,
                ),
                "type": st.column_config.SelectboxColumn(
                    t("columns.relation.type"),
                    options=keys.get("relation_types", []),
                    format_func=term_label("relation_types"),
                    required=True,
                ),
                "strength": st.column_config.NumberColumn(
                    t("columns.relation.strength"), min_value=1, max_value=3, step=1, required=True
                ),
                "directed": st.column_config.CheckboxColumn(t("columns.relation.directed")),
                "description": st.column_config.TextColumn(t("columns.relation.description")),
            },
        )
        relation_edits, relations_to_delete = relation_table_edits(
            relation_snapshot["rows"], touched("relations_editor", edited_relations)
        )
        if st.button(
            t("actors.save", count=len(relation_edits) + len(relations_to_delete)),
            type="primary",
            disabled=not (relation_edits or relations_to_delete),
            key="relations_save",
        ):
            try:
                result = save_relation_edits(engine, workspace_id, relation_edits)
                if result.ok:
                    removed = delete_relations(engine, workspace_id, relations_to_delete)
                    st.session_state.pop("relations_snapshot", None)
                    fresh_editor("relations_editor")
                    st.session_state["actors_notice"] = t("actors.saved", saved=result.saved, deleted=removed)
                    st.rerun()
                else:
                    st.error(t("relations.conflict"))
            except StoreError as error:
                show_store_error(error)
        if st.button(t("actors.reload"), key="relations_reload"):
            st.session_state.pop("relations_snapshot", None)
            fresh_editor("relations_editor")
            st.rerun()

        with st.expander(t("relations.add.title"), icon=":material/add:"), st.form("relations_add_form"):
            columns = st.columns(2)
            source = columns[0].selectbox(
                t("columns.relation.source"),
                list(names),
                format_func=lambda i: names[i],
                index=None,
                placeholder=t("common.choose"),
            )
            target = columns[1].selectbox(
                t("columns.relation.target"),
                list(names),
                format_func=lambda i: names[i],
                index=None,
                placeholder=t("common.choose"),
            )
            relation_type = columns[0].selectbox(
                t("columns.relation.type"), keys.get("relation_types", []), format_func=term_label("relation_types")
            )
            strength = columns[1].slider(t("columns.relation.strength"), 1, 3, 2)
            directed = st.checkbox(t("columns.relation.directed"))
            description = st.text_input(t("columns.relation.description"))
            if st.form_submit_button(t("relations.add.submit"), type="primary"):
                try:
                    add_relation(
                        engine,
                        workspace_id,
                        Relation(
                            source=source,
                            target=target,
                            type=relation_type,
                            strength=strength,
                            directed=directed,
                            description=description,
                        ),
                    )
                    st.session_state.pop("relations_snapshot", None)
                    st.toast(t("relations.add.done"))
                    st.rerun()
                except StoreError as error:
                    show_store_error(error)

# -- one actor's record ----------------------------------------------------------------------
with tab_record:
    if tab_record.open:  # only the open tab is built: each rerun stays cheap
        chosen = st.selectbox(
            t("record.choose"),
            list(names),
            format_func=lambda i: names[i],
            index=None,
            key="record_actor",
            placeholder=t("record.placeholder"),
        )
        if chosen is not None:
            actor = next(a for a in actors if a.id == chosen)
            st.subheader(escape(actor.name))
            details = [
                (t("columns.acronym"), actor.acronym),
                (t("columns.kind"), t(f"vocab.kinds.{actor.kind}")),
                (t("columns.sector"), term_label("sectors")(actor.sector)),
                (t("columns.scale"), term_label("scales")(actor.scale)),
                (t("columns.stance"), stance_label(STANCE_KEYS.get(actor.stance))),
                (t("columns.influence"), "" if actor.influence is None else str(actor.influence)),
                (t("columns.interest"), "" if actor.interest is None else str(actor.interest)),
                (t("columns.themes"), ", ".join(actor.themes)),
                (t("columns.dimensions"), ", ".join(t(f"vocab.dimensions.{d}") for d in actor.dimensions)),
                (t("columns.country"), actor.country),
                (t("columns.city"), actor.city),
                (t("columns.contact_name"), actor.contact_name),
                (t("columns.contact_role"), actor.contact_role),
                (t("columns.email"), actor.email),
                (t("columns.phone"), actor.phone),
                (t("columns.consent"), t(f"vocab.consent.{actor.consent}")),
                (t("columns.notes"), actor.notes),
                *[(key, value) for key, value in actor.custom.items()],
            ]
            st.dataframe(
                pd.DataFrame(details, columns=[t("record.field"), t("record.value")]), hide_index=True, width="stretch"
            )
            own = [r for r in relations if chosen in (r.source, r.target)]
            st.markdown(f"**{t('record.relations', count=len(own))}**")
            if own:
                st.dataframe(
                    pd.DataFrame(
                        [
                            (
                                names.get(r.source, ""),
                                term_label("relation_types")(r.type),
                                names.get(r.target, ""),
                                r.strength,
                                r.description,
                            )
                            for r in own
                        ],
                        columns=[
                            t("columns.relation.source"),
                            t("columns.relation.type"),
                            t("columns.relation.target"),
                            t("columns.relation.strength"),
                            t("columns.relation.description"),
                        ],
                    ),
                    hide_index=True,
                    width="stretch",
                )

# -- the import wizard -----------------------------------------------------------------------
with tab_import:
    if tab_import.open:  # only the open tab is built: each rerun stays cheap
        st.markdown(t("import.intro"))
        st.caption(t("import.step1"))
        upload = st.file_uploader(
            t("import.upload"),
            type=["xlsx", "xlsm", "xls", "ods", "csv", "txt"],
            key=f"import_upload_{st.session_state.get('import_round', 0)}",
            max_upload_size=settings.upload_limit_mb,
            help=t("import.upload_help", limit=settings.upload_limit_mb),
        )
        if upload is not None:
            loaded = st.session_state.get("import_file")
            if loaded is None or loaded["id"] != upload.file_id:
                try:
                    with st.spinner(t("import.reading")):
                        workbook = read_workbook(upload.getvalue(), upload.name, settings.read_limits)
                    st.session_state["import_file"] = {
                        "id": upload.file_id,
                        "name": upload.name,
                        "workbook": workbook,
                        "auto": inspect_sheets([(s.name, s.rows) for s in workbook.sheets]),
                    }
                except UnreadableFile as error:
                    st.session_state.pop("import_file", None)
                    st.error(t(error.message_key, **{k: escape(v) for k, v in error.details.items()}))
            loaded = st.session_state.get("import_file")
            if loaded is not None:
                workbook, auto = loaded["workbook"], loaded["auto"]
                st.success(t(f"import.format.{auto.format}", name=escape(loaded["name"])))

                st.subheader(t("import.step2"))
                sheet_rows = {s.name: s.rows for s in workbook.sheets}
                chosen_layouts = []
                for position, sheet_layout in enumerate(auto.sheets):
                    roles = ["actors", "relations", "skip"]
                    role = st.segmented_control(
                        t("import.sheet_role", sheet=escape(sheet_layout.name)),
                        roles,
                        default=sheet_layout.role,
                        format_func=lambda r: t(f"import.role.{r}"),
                        key=f"import_role_{position}",
                        required=True,
                    )
                    chosen_layouts.append((position, sheet_layout, role))

                st.subheader(t("import.step3"))
                final_sheets = []
                for position, sheet_layout, role in chosen_layouts:
                    rows = sheet_rows[sheet_layout.name]
                    if role == "skip" or not rows:
                        final_sheets.append(SheetLayout(sheet_layout.name, "skip", 0, []))
                        continue
                    with st.expander(t("import.sheet_title", sheet=escape(sheet_layout.name)), expanded=True):
                        header_excel_row = st.number_input(
                            t("import.header_row"),
                            min_value=1,
                            max_value=len(rows),
                            value=sheet_layout.header_row + 1,
                            key=f"import_header_{position}",
                        )
                        header_row = int(header_excel_row) - 1
                        preview_rows = rows[header_row : header_row + 6]
                        width = max(len(r) for r in preview_rows)
                        st.dataframe(
                            pd.DataFrame(
                                [
                                    [("" if c is None else str(c)) for c in r] + [""] * (width - len(r))
                                    for r in preview_rows
                                ],
                                columns=[column_letter(i) for i in range(width)],
                                index=[header_row + 1 + i for i in range(len(preview_rows))],
                            )
                        )
                        st.caption(t("import.step4"))
                        suggested = map_columns(rows[header_row], role)
                        fields = list(ACTOR_HEADERS if role == "actors" else RELATION_HEADERS)
                        choices = (
                            [*fields, "custom", "append_notes", "ignore"] if role == "actors" else [*fields, "ignore"]
                        )
                        mapping_table = pd.DataFrame(
                            {
                                "column": [f"{column_letter(c.index)} · {c.header}" for c in suggested],
                                "field": [c.field if c.field in choices else "ignore" for c in suggested],
                            }
                        )
                        mapped = st.data_editor(
                            mapping_table,
                            hide_index=True,
                            disabled=["column"],
                            width="stretch",
                            key=f"import_mapping_{position}_{role}_{header_row}",
                            column_config={
                                "column": st.column_config.TextColumn(t("import.mapping.column")),
                                "field": st.column_config.SelectboxColumn(
                                    t("import.mapping.field"),
                                    options=choices,
                                    required=True,
                                    format_func=lambda f, role=role: (
                                        t(f"import.field.{f}")
                                        if f in ("custom", "append_notes", "ignore")
                                        else (t(f"columns.{f}") if role == "actors" else t(f"columns.relation.{f}"))
                                    ),
                                ),
                            },
                        )
                        columns = [
                            ColumnMap(c.index, c.header, None if f == "ignore" else f)
                            for c, f in zip(suggested, mapped["field"].tolist(), strict=True)
                        ]
                        final_sheets.append(SheetLayout(sheet_layout.name, role, header_row, columns))
                layout = WorkbookLayout(format=auto.format, sheets=final_sheets)

                st.subheader(t("import.step5"))
                preview = check_file(engine, workspace_id, b"", loaded["name"], layout=layout, workbook=workbook)
                problems = [("error", p) for p in preview.errors] + [("warning", p) for p in preview.warnings]
                summary = st.columns(3)
                summary[0].metric(t("import.report.actors"), format_number(len(preview.actors)))
                summary[1].metric(t("import.report.relations"), format_number(len(preview.relations)))
                summary[2].metric(t("import.report.problems"), format_number(len(problems)))
                if problems:
                    st.dataframe(
                        pd.DataFrame(
                            [
                                (
                                    t(f"import.severity.{severity}"),
                                    p.sheet,
                                    p.row or "",
                                    p.column,
                                    t(p.key, **p.details),
                                )
                                for severity, p in problems
                            ],
                            columns=[
                                t("import.report.severity"),
                                t("import.report.sheet"),
                                t("import.report.row"),
                                t("import.report.column"),
                                t("import.report.message"),
                            ],
                        ),
                        hide_index=True,
                        width="stretch",
                    )
                else:
                    st.success(t("import.report.clean"))

                st.subheader(t("import.step6"))
                policy = st.radio(
                    t("import.duplicates.policy"),
                    list(POLICIES),
                    horizontal=True,
                    format_func=lambda p: t(f"import.duplicates.{p}"),
                    key="import_policy",
                )
                plan = plan_preview(engine, workspace_id, preview, policy)
                decisions = {}
                if preview.duplicates:
                    duplicate_table = pd.DataFrame(
                        [
                            {
                                "row": d.row,
                                "name": d.name,
                                "match": d.match_name
                                if d.existing_id
                                else t("import.duplicates.in_file", row=d.first_row),
                                "where": t("import.duplicates.register")
                                if d.existing_id
                                else t("import.duplicates.file"),
                                "decision": policy,
                            }
                            for d in preview.duplicates
                        ]
                    )
                    decided = st.data_editor(
                        duplicate_table,
                        hide_index=True,
                        width="stretch",
                        disabled=["row", "name", "match", "where"],
                        key=f"import_duplicates_{policy}",
                        column_config={
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
                    )
                    decisions = dict(zip(decided["row"].tolist(), decided["decision"].tolist(), strict=True))
                    plan = plan_preview(engine, workspace_id, preview, policy, decisions)
                else:
                    st.caption(t("import.duplicates.none"))

                st.subheader(t("import.step7"))
                for problem in plan.relation_errors:
                    st.warning(
                        t("import.report.at", sheet=escape(problem.sheet), row=problem.row)
                        + " "
                        + t(problem.key, **{k: escape(v) for k, v in problem.details.items()})
                    )
                st.info(
                    t(
                        "import.confirm.summary",
                        added=plan.added,
                        merged=plan.merged,
                        skipped=plan.skipped,
                        relations=len(plan.batch.relations),
                    )
                )
                confirm_columns = st.columns([2, 2, 6])
                if confirm_columns[0].button(
                    t("import.confirm.button"),
                    type="primary",
                    key="import_confirm",
                    disabled=not (plan.added or plan.merged or plan.batch.relations),
                ):
                    with st.spinner(t("import.confirm.saving")):
                        outcome = import_preview(engine, workspace_id, preview, policy, decisions)
                    if outcome.stored and outcome.stored.conflicts:
                        st.error(t("actors.conflict", names=escape(", ".join(outcome.stored.conflicts))))
                    else:
                        st.session_state["import_done"] = t(
                            "import.confirm.done",
                            added=outcome.stored.added,
                            merged=outcome.stored.updated,
                            relations=outcome.stored.relations,
                        )
                        st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
                        st.session_state.pop("import_file", None)
                        st.session_state.pop("actors_snapshot", None)
                        st.rerun()
                if confirm_columns[1].button(t("import.restart"), key="import_restart"):
                    st.session_state["import_round"] = st.session_state.get("import_round", 0) + 1
                    st.session_state.pop("import_file", None)
                    st.rerun()
        if st.session_state.get("import_done"):
            st.success(st.session_state.pop("import_done"))

# -- downloads -------------------------------------------------------------------------------
with tab_export:
    if tab_export.open:  # only the open tab is built: each rerun stays cheap
        st.markdown(t("export.intro"))
        workspace = get_workspace(engine, workspace_id)
        safe_name = "".join(ch if ch.isalnum() else "_" for ch in workspace.name)[:40] or "registro"
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

        def downloads():
            return [
                ("template", lambda: exports.template_workbook(terms, lang), f"{t('export.file.template')}.xlsx", xlsx),
                (
                    "register_xlsx",
                    lambda: exports.register_workbook(actors, relations, terms, lang),
                    f"{safe_name}.xlsx",
                    xlsx,
                ),
                ("register_csv", lambda: exports.register_csv(actors, terms, lang), f"{safe_name}.csv", "text/csv"),
                (
                    "anonymous",
                    lambda: exports.register_workbook(actors, relations, terms, lang, personal=False),
                    f"{safe_name}_{t('export.file.anonymous')}.xlsx",
                    xlsx,
                ),
                ("kumu", lambda: exports.kumu_workbook(actors, relations, terms, lang), f"{safe_name}_kumu.xlsx", xlsx),
                ("backup", lambda: workspace_backup(engine, workspace_id), f"{safe_name}_backup.xlsx", xlsx),
            ]

        for key, build, file_name, mime in downloads():
            with st.container(border=True):
                st.markdown(f"**{t(f'export.{key}.title')}**")
                st.caption(t(f"export.{key}.help"))
                st.download_button(
                    t("export.download"),
                    data=build,
                    file_name=file_name,
                    mime=mime,
                    key=f"export_{key}",
                    icon=":material/download:",
                    on_click="ignore",
                )
