"""A workspace without indicators: the recommended set to start from, or one of the team's own."""

import streamlit as st

from pages._kit.context import PageContext
from pages.indicators.new import add_recommended, new_indicator_form
from pages.indicators.workspace import dimension_label
from toolkit.domain import DIMENSIONS
from toolkit.i18n import t
from toolkit.indicators import DEFAULT_SET, default_hint, default_name


def show(ctx: PageContext) -> None:
    """Draw the first step."""
    st.info(t("indicators.empty.message"))
    for dimension in DIMENSIONS:
        st.markdown(f"**{dimension_label(dimension)}**")
        st.markdown(
            "\n".join(f"- {default_name(d)}: {default_hint(d)}" for d in DEFAULT_SET if d.dimension == dimension)
        )
    if st.button(
        t("indicators.empty.add_defaults"),
        type="primary",
        key="indicators_add_defaults",
        icon=":material/playlist_add:",
    ):
        add_recommended(ctx)
    with st.expander(t("indicators.new.title"), icon=":material/add:"):
        new_indicator_form(ctx)
