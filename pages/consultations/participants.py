"""Tab "Participantes y cobertura": add actors by filters or by hand, see the coverage and the suggestions."""

import pandas as pd
import streamlit as st

from pages._kit.actor_filter import actor_filter, any_chosen, theme_options
from pages._kit.actor_pick import pick_actors
from pages._kit.register import register_of
from pages.consultations import coverage
from pages.consultations.chosen import Chosen
from pages.consultations.words import done, run, term_label
from toolkit.consultations import select_actors
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
    wanted = actor_filter("consultations_f", ctx, theme_options(ctx), columns=places[:5])
    members, hidden = chosen.data.communities()
    communities = places[5].multiselect(
        t("consultations.filter.community"),
        list(members),
        key="consultations_f_communities",
        placeholder=t("common.choose"),
        disabled=not members,
        help=None if members else t("consultations.filter.no_map"),
        format_func=lambda n: t("consultations.filter.community_label", number=n + 1, members=", ".join(members[n])),
    )
    if hidden:
        st.caption(t("lists.communities_more", count=hidden, shown=len(members)))
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
    ctx = chosen.ctx
    st.subheader(t("consultations.add.by_hand"))
    picked = pick_actors("consultations_hand", t("consultations.add.actors"), register_of(ctx), leave_out=chosen.listed)
    if st.button(
        t("consultations.add.hand_button", count=len(picked)), disabled=not picked, key="consultations_add_hand"
    ):
        result = run(invite_actors, ctx.engine, ctx.workspace_id, chosen.id, picked)
        if result is not None:
            st.session_state.pop("consultations_hand", None)
            done(t("consultations.add.done", count=result.added))
