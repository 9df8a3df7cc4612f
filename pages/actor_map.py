"""Mapa de actores: the interactive map, what it says, the power-interest grid, and its files."""

import pandas as pd
import streamlit as st

from toolkit import clock
from toolkit.charts import power_interest_figure
from toolkit.domain import QUADRANTS, STANCE_VALUES, quadrant
from toolkit.i18n import format_date, format_number, language, t
from toolkit.markdown import escape
from toolkit.network import exports as map_exports
from toolkit.network.analysis import network_metrics
from toolkit.network.findings import findings, paths_between
from toolkit.network.layout import LAYOUTS, compute_layout
from toolkit.network.presentation import actor_row, grid_points, map_labels, stance_colours
from toolkit.network.render import map_html
from toolkit.network.view import COLOUR_BY, SIZE_BY, MapFilter, filter_map, map_view
from toolkit.register import ActorFilter, all_themes
from toolkit.spreadsheets import exports
from toolkit.store.maps import save_layout, saved_layout
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import current_role, get_workspace, vocabulary_terms

engine = st.session_state["engine"]
settings = st.session_state["settings"]
workspace_id = st.session_state.get("workspace_id")
st.title(t("nav.map"))
if workspace_id is None:
    st.info(t("sidebar.no_workspace"))
    st.stop()

workspace = get_workspace(engine, workspace_id)
lang = language()
terms = vocabulary_terms(engine, workspace_id)
words = map_labels(terms)
keys = {name: [key for key, _ in entries] for name, entries in terms.items()}


@st.cache_data(max_entries=16, show_spinner=False)
def register_at(_engine, url: str, workspace_id: int, revision: int):
    return list_actors(_engine, workspace_id), list_relations(_engine, workspace_id)


@st.cache_data(max_entries=16, show_spinner=False)
def metrics_at(_actors, _relations, url: str, workspace_id: int, revision: int):
    return network_metrics(_actors, _relations)


@st.cache_data(max_entries=16, show_spinner=False)
def layout_at(_actors, _relations, url: str, workspace_id: int, revision: int, kind: str, seed: int):
    return compute_layout(_actors, _relations, kind, seed)


actors, relations = register_at(engine, settings.database_url, workspace_id, workspace.revision)
if not actors:
    st.info(t("map.empty"))
    st.page_link("pages/actors.py", label=t("home.first_steps.import_link"), icon=":material/upload_file:")
    st.stop()
with st.spinner(t("map.computing")):
    metrics = metrics_at(actors, relations, settings.database_url, workspace_id, workspace.revision)
names = {a.id: a.name for a in actors}

texts = {
    "title": t("map.html.title"),
    "caption": workspace.name,
    "date": format_date(clock.today()),
    "legend": t(f"map.colour.{st.session_state.get('map_colour_by', 'sector')}"),
    "relations": t("map.html.relations"),
    "download_png": t("map.html.download_png"),
    "png_name": t("map.html.png_name"),
    "lang": lang,
}

# only the open tab is built: on a large map the others cost seconds
tab_map, tab_analysis, tab_grid, tab_files = st.tabs(
    [t("map.tab.map"), t("map.tab.analysis"), t("map.tab.grid"), t("map.tab.files")], key="map_tabs", on_change="rerun"
)

# -- the interactive map -----------------------------------------------------------------------
with tab_map:
    if tab_map.open:
        saved_kind, saved_positions, saved_at = saved_layout(engine, workspace_id)
        controls = st.columns([2, 2, 2, 2])
        colour_by = controls[0].selectbox(
            t("map.colour_by"), list(COLOUR_BY), key="map_colour_by", format_func=lambda v: t(f"map.colour.{v}")
        )
        size_by = controls[1].selectbox(
            t("map.size_by"), list(SIZE_BY), key="map_size_by", format_func=lambda v: t(f"map.size.{v}")
        )
        kind = controls[2].selectbox(
            t("map.layout"),
            list(LAYOUTS),
            index=LAYOUTS.index(saved_kind),
            key="map_layout",
            format_func=lambda v: t(f"map.layouts.{v}"),
        )
        seed_key = f"map_seed_{workspace_id}_{kind}"
        if controls[3].button(
            t("map.rerun_layout"), key="map_rerun", icon=":material/refresh:", help=t("map.rerun_layout_help")
        ):
            st.session_state[seed_key] = st.session_state.get(seed_key, 7) + 1
            st.session_state["map_save_positions"] = True
        computed = layout_at(
            actors,
            relations,
            settings.database_url,
            workspace_id,
            workspace.revision,
            kind,
            st.session_state.get(seed_key, 7),
        )
        if kind == saved_kind and saved_positions and not st.session_state.get("map_save_positions"):
            positions = {**computed, **saved_positions}  # actors added since the save get a computed place
        else:
            positions = computed
            if current_role(engine, workspace_id) != "viewer":  # a viewer sees it, but keeps nothing
                save_layout(engine, workspace_id, kind, positions)  # the chosen arrangement is kept for tomorrow
            st.session_state.pop("map_save_positions", None)
            saved_at = None
        if saved_at:
            controls[3].caption(t("map.saved_on", date=format_date(saved_at)))

        with st.expander(t("map.filters"), icon=":material/filter_alt:"):
            row = st.columns(4)
            sectors = row[0].multiselect(
                t("columns.sector"),
                keys.get("sectors", []),
                key="map_sectors",
                format_func=lambda k: words.sectors.get(k, k),
                placeholder=t("common.choose"),
            )
            scales = row[1].multiselect(
                t("columns.scale"),
                keys.get("scales", []),
                key="map_scales",
                format_func=lambda k: words.scales.get(k, k),
                placeholder=t("common.choose"),
            )
            stances = row[2].multiselect(
                t("columns.stance"),
                list(STANCE_VALUES),
                key="map_stances",
                format_func=lambda k: t(f"vocab.stances.{k}"),
                placeholder=t("common.choose"),
            )
            quadrants = row[3].multiselect(
                t("columns.quadrant"),
                list(QUADRANTS),
                key="map_quadrants",
                format_func=lambda q: t(f"quadrants.{q}"),
                placeholder=t("common.choose"),
            )
            row = st.columns(4)
            themes = row[0].multiselect(
                t("columns.themes"), all_themes(actors), key="map_themes", placeholder=t("common.choose")
            )
            relation_types = row[1].multiselect(
                t("columns.relation.type"),
                keys.get("relation_types", []),
                key="map_relation_types",
                placeholder=t("common.choose"),
                format_func=lambda k: words.relation_types.get(k, k),
            )
            min_strength = row[2].slider(t("map.min_strength"), 1, 3, 1, key="map_min_strength")
            hide_isolated = row[3].toggle(t("map.hide_isolated"), key="map_hide_isolated")

        row = st.columns([3, 2, 1, 2])
        highlight = row[0].selectbox(
            t("map.search"),
            list(names),
            index=None,
            key="map_search",
            format_func=lambda i: names.get(i, ""),
            placeholder=t("map.search_hint"),
        )
        focus = row[1].toggle(t("map.focus"), key="map_focus", disabled=highlight is None, help=t("map.focus_help"))
        steps = row[2].number_input(t("map.focus_steps"), 1, 4, 1, key="map_focus_steps", disabled=not focus)
        presentation = row[3].toggle(t("map.presentation"), key="map_presentation", help=t("map.presentation_help"))

        wanted = MapFilter(
            actors=ActorFilter(
                sectors=tuple(sectors),
                scales=tuple(scales),
                stances=tuple(STANCE_VALUES[s] for s in stances),
                quadrants=tuple(quadrants),
                themes=tuple(themes),
            ),
            relation_types=tuple(relation_types),
            min_strength=min_strength,
            hide_isolated=hide_isolated,
            focus=highlight if focus else None,
            focus_steps=int(steps),
        )
        shown, shown_relations = filter_map(actors, relations, wanted)
        view = map_view(shown, shown_relations, metrics, positions, words, colour_by, size_by, highlight)
        st.caption(
            t(
                "map.showing",
                actors=format_number(len(shown)),
                total=format_number(len(actors)),
                relations=format_number(len(shown_relations)),
            )
        )
        if highlight is not None and highlight not in view.node_ids:
            st.warning(t("map.search_hidden"))
        st.iframe(
            map_html(
                view,
                texts,
                height=820 if presentation else 640,
                presentation=presentation,
                focus=view.node_ids.get(highlight),
            ),
            height=(900 if presentation else 720),
        )

# -- what the map says -------------------------------------------------------------------------
with tab_analysis:
    if tab_analysis.open:
        if metrics.estimated:
            st.info(t("map.estimated"))
        st.subheader(t("map.findings.title"))
        sector_keys, scale_keys = keys.get("sectors", []), keys.get("scales", [])
        notes = findings(actors, relations, metrics, sector_keys, scale_keys)
        if not notes:
            st.caption(t("map.findings.none"))
        for note in notes:
            values = dict(note.values)
            if "names" in values:
                values["names"] = ", ".join(values["names"])
            if "keys" in values:
                vocabulary = words.sectors if note.key.startswith("sector") else words.scales
                values["keys"] = ", ".join(vocabulary.get(k, k) for k in values["keys"])
            if "key" in values:
                vocabulary = words.sectors if note.key.startswith("sector") else words.scales
                values["key"] = vocabulary.get(values["key"], values["key"])
            st.markdown(
                "- "
                + t(
                    f"map.findings.{note.key}", **{k: escape(v) if isinstance(v, str) else v for k, v in values.items()}
                )
            )

        st.subheader(t("map.metrics.title"))
        metric_rows = [
            {"name": names[a.id], **{c: getattr(metrics.per_actor[a.id], c) for c in map_exports.METRIC_COLUMNS}}
            for a in actors
        ]
        table = pd.DataFrame(metric_rows).sort_values("betweenness", ascending=False)
        table["community"] = table["community"] + 1
        st.dataframe(
            table,
            hide_index=True,
            width="stretch",
            height=420,
            column_config={
                "name": st.column_config.TextColumn(t("columns.name"), pinned=True),
                **{
                    c: st.column_config.Column(t(f"map.metric.{c}"), help=t(f"map.metric_help.{c}"))
                    for c in map_exports.METRIC_COLUMNS
                    if c not in ("betweenness", "closeness", "eigenvector")
                },
                **{
                    c: st.column_config.ProgressColumn(
                        t(f"map.metric.{c}"),
                        help=t(f"map.metric_help.{c}"),
                        format="%.3f",
                        min_value=0.0,
                        max_value=1.0,
                    )
                    for c in ("betweenness", "closeness", "eigenvector")
                },
            },
        )

        st.subheader(t("map.paths.title"))
        ends = st.columns(2)
        start = ends[0].selectbox(
            t("map.paths.from"),
            list(names),
            index=None,
            key="map_path_from",
            format_func=lambda i: names.get(i, ""),
            placeholder=t("common.choose"),
        )
        goal = ends[1].selectbox(
            t("map.paths.to"),
            list(names),
            index=None,
            key="map_path_to",
            format_func=lambda i: names.get(i, ""),
            placeholder=t("common.choose"),
        )
        if start is not None and goal is not None:
            routes = paths_between(actors, relations, start, goal)
            if not routes:
                st.warning(t("map.paths.none"))
            for route in routes:
                chain = " → ".join(names[i] for i in route)
                st.text(chain)
            if routes:
                st.caption(t("map.paths.steps", steps=len(routes[0]) - 1))

# -- the power-interest grid -------------------------------------------------------------------
with tab_grid:
    if tab_grid.open:
        st.caption(t("map.grid.intro"))
        overlay = st.toggle(t("map.grid.relations"), key="map_grid_relations")
        points = grid_points(actors, words)
        figure = power_interest_figure(
            points,
            {q: t(f"quadrants.{q}") for q in QUADRANTS},
            {"x": t("columns.interest"), "y": t("columns.influence")},
            stance_colours(words),
            [(r.source, r.target) for r in relations] if overlay else None,
        )
        event = st.plotly_chart(
            figure, width="stretch", on_select="rerun", selection_mode=("box", "lasso", "points"), key="map_grid_chart"
        )
        chosen_ids = [
            p["customdata"][0]
            for p in (event.selection.points if event and event.selection else [])
            if p.get("customdata")
        ]
        if chosen_ids:
            st.markdown(f"**{t('map.grid.selected', count=len(chosen_ids))}**")
            chosen_names = ", ".join(names[i] for i in chosen_ids if i in names)
            st.text(chosen_names)
        missing = len(actors) - len(points)
        if missing:
            st.caption(t("map.grid.missing", count=missing))
        columns = st.columns(2)
        for position, key in enumerate(QUADRANTS):
            members = [a for a in actors if quadrant(a.influence, a.interest) == key]
            with columns[position % 2].expander(t("map.grid.quadrant", name=t(f"quadrants.{key}"), count=len(members))):
                st.caption(t(f"map.grid.strategy.{key}"))
                member_names = ", ".join(a.name for a in members)
                st.text(member_names or "—")
        headers = [
            t("columns.name"),
            t("columns.sector"),
            t("columns.scale"),
            t("columns.stance"),
            t("columns.influence"),
            t("columns.interest"),
        ]
        st.download_button(
            t("map.grid.download"),
            icon=":material/download:",
            on_click="ignore",
            data=lambda: map_exports.quadrant_workbook(
                actors, {q: t(f"quadrants.{q}") for q in QUADRANTS}, headers, lambda a: actor_row(a, words)
            ),
            file_name=f"{t('map.files.quadrants_name')}.xlsx",
            key="map_grid_download",
            mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )

# -- files ---------------------------------------------------------------------------------------
with tab_files:
    if tab_files.open:
        st.markdown(t("map.files.intro"))
        safe_name = "".join(ch if ch.isalnum() else "_" for ch in workspace.name)[:40] or "mapa"
        xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        chosen_colour = st.session_state.get("map_colour_by", "sector")
        chosen_size = st.session_state.get("map_size_by", "influence")
        standalone_texts = {**texts, "legend": t(f"map.colour.{chosen_colour}")}

        def standalone_map() -> bytes:
            """The whole map as saved, in the colours chosen on the map tab."""
            kind, saved, _ = saved_layout(engine, workspace_id)
            positions = {**compute_layout(actors, relations, kind), **saved}
            full_view = map_view(actors, relations, metrics, positions, words, chosen_colour, chosen_size)
            return map_html(full_view, standalone_texts, height=860, presentation=True).encode("utf-8")

        metric_headers = {"name": t("columns.name"), **{c: t(f"map.metric.{c}") for c in map_exports.METRIC_COLUMNS}}
        files = [
            ("html", standalone_map, f"{safe_name}_{t('map.files.map_name')}.html", "text/html"),
            ("gexf", lambda: map_exports.gexf(actors, relations, metrics), f"{safe_name}.gexf", "application/xml"),
            (
                "graphml",
                lambda: map_exports.graphml(actors, relations, metrics),
                f"{safe_name}.graphml",
                "application/xml",
            ),
            ("kumu", lambda: exports.kumu_workbook(actors, relations, terms, lang), f"{safe_name}_kumu.xlsx", xlsx),
            (
                "metrics",
                lambda: map_exports.metrics_workbook(
                    actors, metrics, metric_headers, t("common.yes"), t("map.metrics.title")
                ),
                f"{safe_name}_{t('map.files.metrics_name')}.xlsx",
                xlsx,
            ),
        ]
        for key, build, file_name, mime in files:
            with st.container(border=True):
                st.markdown(f"**{t(f'map.files.{key}.title')}**")
                st.caption(t(f"map.files.{key}.help"))
                st.download_button(
                    t("export.download"),
                    data=build,
                    file_name=file_name,
                    mime=mime,
                    icon=":material/download:",
                    key=f"map_file_{key}",
                    on_click="ignore",
                )
        st.caption(t("map.files.png"))
