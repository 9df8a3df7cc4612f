"""The files tab: the map to open without the app, for Gephi, for Kumu, and its metrics."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.files import download_button
from pages.actor_map import stories
from pages.actor_map.network import Network, drawn_choices, map_on, map_texts
from toolkit.i18n import format_date, t
from toolkit.network import exports as map_exports
from toolkit.network.exports import METRIC_COLUMNS
from toolkit.network.layout import compute_layout
from toolkit.network.presentation import file_stem
from toolkit.network.render import map_html
from toolkit.network.view import chosen_view
from toolkit.spreadsheets import exports
from toolkit.store.maps import saved_layout


def standalone_map(ctx: PageContext, network: Network):
    """The builder of the map as drawn on the map tab (colouring, size, day, layout, filters,
    focus, actor searched for, path), whole and with its legend, to open without the app."""
    chosen = drawn_choices()
    day = chosen.day or ctx.today
    texts = map_texts(ctx, chosen.colour_by, day, chosen.size_by)
    held = map_on(ctx, network, day)

    def build() -> bytes:
        kind, saved, _ = saved_layout(ctx.engine, ctx.workspace_id)
        if chosen.layout and chosen.layout != kind:  # a viewer's arrangement is not saved
            kind, saved = chosen.layout, {}
        positions = {**compute_layout(network.actors, network.relations, kind), **saved}
        view = chosen_view(
            network.actors,
            held.relations.relations,
            held.metrics,
            positions,
            network.words,
            chosen,
            held.contact,
            held.salience,
        )
        return map_html(view, texts, height=860, presentation=True, focus=view.node_ids.get(chosen.highlight)).encode(
            "utf-8"
        )

    return build


def show(ctx: PageContext, network: Network) -> None:
    """Draw the files tab."""
    st.markdown(t("map.files.intro"))
    day = drawn_choices().day or ctx.today
    if day != ctx.today:
        st.caption(t("map.files.as_of", date=format_date(day)))
    actors, relations, metrics = network.actors, network.relations, network.metrics
    stem = file_stem(ctx.workspace.name)
    metric_headers = {"name": t("columns.name"), **{c: t(f"map.metric.{c}") for c in METRIC_COLUMNS}}
    own_terms = map_exports.custom_labels(ctx.terms)  # written as their labels, read back as the same terms
    files = [
        ("html", standalone_map(ctx, network), f"{stem}_{t('map.files.map_name')}.html"),
        ("gexf", lambda: map_exports.gexf(actors, relations, metrics, own_terms), f"{stem}.gexf"),
        ("graphml", lambda: map_exports.graphml(actors, relations, metrics, own_terms), f"{stem}.graphml"),
        ("kumu", lambda: exports.kumu_workbook(actors, relations, ctx.terms, ctx.lang), f"{stem}_kumu.xlsx"),
        (
            "metrics",
            lambda: map_exports.metrics_workbook(
                actors, metrics, metric_headers, t("common.yes"), t("map.metrics.title")
            ),
            f"{stem}_{t('map.files.metrics_name')}.xlsx",
        ),
    ]
    with st.container(border=True):  # the picture of the view the map tab shows, as the Historias tab gives it
        st.markdown(f"**{t('map.files.picture.title')}**")
        st.caption(t("map.files.picture.help"))
        stories.pictures(ctx, stories.current_spec(ctx), t("map.html.title"), "map_file_picture")
    for key, build, file_name in files:
        with st.container(border=True):
            st.markdown(f"**{t(f'map.files.{key}.title')}**")
            st.caption(t(f"map.files.{key}.help"))
            download_button(t("export.download"), build, file_name, key=f"map_file_{key}")
    st.caption(t("map.files.png"))
