"""Placing actors (issue 19): from their city and country with the offline gazetteer (what it is
unsure of is listed for a person to settle), by hand, and the territory's districts from a file."""

import streamlit as st

from pages._kit import outcome
from pages._kit.context import PageContext, notify, show_notice
from pages._kit.files import reset_upload, upload_panel
from pages.actor_map.network import Network
from toolkit.i18n import format_number, t
from toolkit.places import country_name
from toolkit.store.places import districts_file, districts_map, place_from_gazetteer, save_districts, set_place

UPLOAD = "map_geo_upload"
MOST_LISTED = 15  # unsure names settled here one at a time; more wait for the next round


def gazetteer(ctx: PageContext, network: Network) -> None:
    unplaced = sum(1 for a in network.actors if a.latitude is None)
    st.caption(t("geo.places.unplaced", count=unplaced))
    if ctx.may_edit and st.button(t("geo.places.find"), key="map_geo_find", icon=":material/travel_explore:"):
        result = outcome.run(place_from_gazetteer, ctx.engine, ctx.workspace_id)
        if result is not None:
            st.session_state["map_geo_unsure"] = {
                "ambiguous": {
                    actor_id: [(p.name, p.country, p.latitude, p.longitude, p.population) for p in places]
                    for actor_id, places in result.placing.ambiguous.items()
                },
                "not_found": dict(result.placing.not_found),
            }
            notify("map_geo", t("geo.places.found", count=result.placed))
    unsure(ctx, network)


def unsure(ctx: PageContext, network: Network) -> None:
    """The names the gazetteer could not settle: several places (choose one), or none."""
    found = st.session_state.get("map_geo_unsure") or {}
    names = network.names
    ambiguous = {k: v for k, v in (found.get("ambiguous") or {}).items() if k in names}
    for actor_id, places in list(ambiguous.items())[:MOST_LISTED]:
        row = st.columns([3, 1])
        choice = row[0].selectbox(
            t("geo.places.ambiguous", name=names[actor_id]),
            range(len(places)),
            key=f"map_geo_pick_{actor_id}",
            format_func=lambda i, places=places: t(
                "geo.places.candidate",
                city=places[i][0],
                country=country_name(places[i][1], ctx.lang),
                people=format_number(places[i][4]),
            ),
        )
        if ctx.may_edit and row[1].button(t("geo.places.choose"), key=f"map_geo_choose_{actor_id}"):
            _, _, latitude, longitude, _ = places[choice]
            if outcome.run(set_place, ctx.engine, ctx.workspace_id, actor_id, latitude, longitude, None, "gazetteer"):
                found["ambiguous"].pop(actor_id, None)
                notify("map_geo", t("geo.places.saved", name=names[actor_id]))
    missing = [f"{names[k]} ({v})" for k, v in (found.get("not_found") or {}).items() if k in names]
    if missing:
        st.warning(t("geo.places.not_found", count=len(missing), names="; ".join(missing)))


def by_hand(ctx: PageContext, network: Network, district_names: list[str]) -> None:
    """One actor placed by hand: coordinates, or only its district."""
    names = network.names
    with st.form("map_geo_hand", border=False):
        row = st.columns([3, 1, 1, 2])
        actor_id = row[0].selectbox(
            t("geo.hand.actor"), list(names), index=None, format_func=names.get, placeholder=t("common.choose")
        )
        latitude = row[1].number_input(t("columns.latitude"), -90.0, 90.0, value=None, format="%.5f")
        longitude = row[2].number_input(t("columns.longitude"), -180.0, 180.0, value=None, format="%.5f")
        district = row[3].selectbox(
            t("columns.district"), district_names, index=None, placeholder=t("geo.hand.district_from_place")
        )
        saved = st.form_submit_button(t("geo.hand.save"), disabled=not ctx.may_edit) and actor_id is not None
        if saved and outcome.run(set_place, ctx.engine, ctx.workspace_id, actor_id, latitude, longitude, district):
            notify("map_geo", t("geo.places.saved", name=names[actor_id]))


def districts(ctx: PageContext) -> list[str]:
    """The territory's districts: the file kept, and a new one to upload."""
    kept = districts_map(ctx.engine, ctx.workspace_id)
    if kept is not None:
        st.caption(t("geo.districts.kept", count=len(kept.names), file=kept.file_name, property=kept.name_property))
    if not ctx.may_edit:
        return kept.names if kept else []
    uploaded = upload_panel(UPLOAD, t("geo.districts.upload"), ["geojson", "json"], ctx.settings)
    if uploaded is not None:
        data = uploaded.getvalue()
        looked = outcome.run(districts_file, data)
        if looked is not None:
            properties, count = looked
            st.caption(t("geo.districts.found", count=count))
            chosen = st.selectbox(t("geo.districts.name_property"), properties, key="map_geo_property")
            if st.button(t("geo.districts.save"), key="map_geo_save_districts", type="primary"):
                saved = outcome.run(save_districts, ctx.engine, ctx.workspace_id, data, uploaded.name, chosen)
                if saved is not None:
                    reset_upload(UPLOAD)
                    notify("map_geo", t("geo.districts.saved", count=len(saved[0].names), moved=saved[1]))
    return kept.names if kept else []


def show(ctx: PageContext, network: Network) -> None:
    """The expander with the tools to place actors."""
    show_notice("map_geo")
    with st.expander(t("geo.places.title"), icon=":material/add_location_alt:"):
        gazetteer(ctx, network)
        st.divider()
        st.markdown(f"**{t('geo.districts.title')}**")
        district_names = districts(ctx)
        st.divider()
        st.markdown(f"**{t('geo.hand.title')}**")
        by_hand(ctx, network, district_names)
