"""A segment's rule: the six criteria over the register, drawn with a key prefix and returned as an
:class:`AudienceRule` (the same component builds a new segment and edits a segment's rule)."""

import streamlit as st

from pages._kit.actor_filter import theme_options
from pages._kit.context import PageContext
from pages.audiences.labels import community_label, term_label, vocab_label
from pages.audiences.snapshot import Snapshot
from toolkit.domain import QUADRANTS, STANCE_VALUES, AudienceRule
from toolkit.i18n import t


def with_chosen(known: list, chosen) -> list:
    """The options offered: the known ones, then any already chosen beyond them (a restored rule's,
    a channel the workspace no longer lists)."""
    return list(dict.fromkeys([*known, *chosen]))


def rule_widgets(prefix: str, rule: AudienceRule, ctx: PageContext, snap: Snapshot) -> AudienceRule:
    """The six criteria of a segment's rule, prefilled with ``rule`` (widget keys ``{prefix}_sectors``...)."""

    def choose(place, title: str, name: str, options: list, format_func=str, **options_more) -> tuple:
        chosen = getattr(rule, name)
        return tuple(
            place.multiselect(
                title,
                options,
                default=list(chosen),
                format_func=format_func,
                key=f"{prefix}_{name}",
                placeholder=t("common.choose"),
                **options_more,
            )
        )

    columns = st.columns(3)
    sectors = choose(
        columns[0],
        t("columns.sector"),
        "sectors",
        with_chosen(ctx.keys("sectors"), rule.sectors),
        term_label(ctx, "sectors"),
    )
    scales = choose(
        columns[1],
        t("columns.scale"),
        "scales",
        with_chosen(ctx.keys("scales"), rule.scales),
        term_label(ctx, "scales"),
    )
    stances = choose(columns[2], t("columns.stance"), "stances", list(STANCE_VALUES), vocab_label("stances"))
    columns = st.columns(3)
    quadrants = choose(columns[0], t("columns.quadrant"), "quadrants", list(QUADRANTS), lambda q: t(f"quadrants.{q}"))
    themes = choose(columns[1], t("columns.themes"), "themes", with_chosen(theme_options(ctx), rule.themes))
    numbers = sorted(set(snap.communities_offered) | set(rule.communities))
    communities = choose(
        columns[2],
        t("audiences.rule.community"),
        "communities",
        numbers,
        community_label(snap.community_names),
        disabled=not numbers,
        help=None if numbers else t("audiences.rule.no_map"),
    )
    if snap.communities_hidden:
        st.caption(t("lists.communities_more", count=snap.communities_hidden, shown=len(snap.communities_offered)))
    return AudienceRule(sectors, scales, stances, quadrants, themes, communities)
