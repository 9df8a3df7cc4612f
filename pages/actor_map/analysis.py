"""The analysis tab: what the map says in words, the metrics of every actor, the paths between two."""

import streamlit as st

from pages._kit.context import PageContext
from pages.actor_map.network import Network, kept, remember, restore
from pages.actor_map.shared import map_findings, metrics_table
from toolkit.i18n import t
from toolkit.network.exports import METRIC_COLUMNS
from toolkit.network.findings import paths_between
from toolkit.network.presentation import finding_text

SHARES = ("betweenness", "closeness", "eigenvector")  # 0..1, drawn as bars


def show_findings(ctx: PageContext, network: Network) -> None:
    st.subheader(t("map.findings.title"))
    notes = map_findings(ctx, network)  # once per revision (20,000 actors: half a second)
    if not notes:
        st.caption(t("map.findings.none"))
    for note in notes:
        st.markdown("- " + finding_text(note, network.words))


def show_metrics(ctx: PageContext, network: Network) -> None:
    st.subheader(t("map.metrics.title"))
    by = st.segmented_control(  # the groups of the brokerage roles (issue 20)
        t("map.metrics.brokerage_by"),
        ["sector", "scale"],
        default="sector",
        key="map_brokerage_by",
        format_func=lambda g: t(f"columns.{g}"),
    )
    st.dataframe(
        metrics_table(ctx, network, by or "sector"),  # built once per revision, groups and language
        column_order=["name", "brokerage", *METRIC_COLUMNS],  # the roles beside the name, where they are seen
        hide_index=True,
        width="stretch",
        height=420,
        column_config={
            "name": st.column_config.TextColumn(t("columns.name"), pinned=True),
            **{
                c: st.column_config.NumberColumn(
                    t(f"map.metric.{c}"), help=t(f"map.metric_help.{c}"), format="localized"
                )
                for c in METRIC_COLUMNS
                if c not in SHARES
            },
            **{
                c: st.column_config.ProgressColumn(
                    t(f"map.metric.{c}"),
                    help=t(f"map.metric_help.{c}"),
                    format="localized",
                    min_value=0.0,
                    max_value=1.0,
                )
                for c in SHARES
            },
            "brokerage": st.column_config.TextColumn(t("map.metric.brokerage"), help=t("map.metric_help.brokerage")),
        },
    )


def show_paths(ctx: PageContext, network: Network) -> None:
    st.subheader(t("map.paths.title"))
    names = network.names
    ends = st.columns(2)
    start, goal = (
        column.selectbox(
            t(f"map.paths.{end}"),
            list(names),
            index=None,
            key=f"map_path_{end}",
            format_func=lambda i: names.get(i, ""),
            placeholder=t("common.choose"),
        )
        for column, end in zip(ends, ("from", "to"), strict=True)
    )
    remember(ctx)
    if start is None or goal is None:
        kept(ctx).pop("path", None)
        return
    routes = paths_between(network.actors, network.relations, start, goal)
    if not routes:
        kept(ctx).pop("path", None)
        st.warning(t("map.paths.none"))
    for route in routes:
        st.text(" → ".join(names[i] for i in route))
    if routes:
        kept(ctx)["path"] = list(routes[0])  # the map tab highlights it
        st.caption(t("map.paths.steps", steps=len(routes[0]) - 1))
        st.caption(t("map.paths.shown"))


def show(ctx: PageContext, network: Network) -> None:
    """Draw the analysis tab."""
    if network.metrics.estimated:
        st.info(t("map.estimated"))
    show_findings(ctx, network)
    show_metrics(ctx, network)
    restore(ctx)
    show_paths(ctx, network)
