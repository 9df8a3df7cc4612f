"""Tab "Participantes y cobertura": add actors by filters or by hand, see the coverage and the suggestions."""

import pandas as pd
import streamlit as st

from pages._kit.actor_filter import actor_filter, any_chosen
from pages.consultations import coverage
from pages.consultations.chosen import Chosen
from pages.consultations.words import done, run, term_label
from toolkit.actors import all_themes
from toolkit.consultations import community_members, select_actors
from toolkit.i18n import t
from toolkit.store.consultations import invite_actors


def show(chosen: Chosen) -> None:
    map_info = chosen.data.map_info()
    by_filter(chosen, map_info)
    by_hand(chosen)
    coverage.show(chosen, map_info)


def by_filter(chosen: Chosen, map_info) -> None:
    """The register's filter row (and the map's communities): who matches, and a button to add them."""
    ctx, actors = chosen.ctx, chosen.data.actors
    st.subheader(t("consultations.add.by_filter"))
    places = st.columns(6)
    wanted = actor_filter("consultations_f", ctx, all_themes(actors), columns=places[:5])
    members = community_members(map_info, actors)
    communities = places[5].multiselect(
        t("consultations.filter.community"),
        list(members),
        key="consultations_f_communities",
        placeholder=t("common.choose"),
        disabled=not members,
        help=None if members else t("consultations.filter.no_map"),
        format_func=lambda n: t("consultations.filter.community_label", number=n + 1, members=", ".join(members[n])),
    )
    narrowed = any_chosen(wanted) or bool(communities)
    matching = select_actors(actors, wanted, tuple(communities), map_info) if narrowed else []
    to_add = [a for a in matching if a.id not in chosen.listed]
    if narrowed:
        found = t("consultations.add.matching", count=len(matching))
        st.caption(f"{found} {t('consultations.add.not_listed', count=len(to_add))}")
        if to_add:
            st.dataframe(
                pd.DataFrame(
                    {
                        t("columns.name"): [a.name for a in to_add],
                        t("columns.sector"): [term_label(ctx, "sectors")(a.sector) for a in to_add],
                        t("columns.scale"): [term_label(ctx, "scales")(a.scale) for a in to_add],
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
        result = run(invite_actors, ctx.engine, ctx.workspace_id, chosen.id, [a.id for a in to_add])
        if result is not None:
            done(t("consultations.add.done", count=result.added))


def by_hand(chosen: Chosen) -> None:
    """Any actor of the register not on the list yet, chosen by name."""
    ctx, names = chosen.ctx, chosen.data.names
    st.subheader(t("consultations.add.by_hand"))
    others = sorted((a for a in chosen.data.actors if a.id not in chosen.listed), key=lambda a: a.name.casefold())
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
        result = run(invite_actors, ctx.engine, ctx.workspace_id, chosen.id, picked)
        if result is not None:
            st.session_state.pop("consultations_hand", None)
            done(t("consultations.add.done", count=result.added))
