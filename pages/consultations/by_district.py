"""The coverage panel's "by district" block (issue 19): the consultation's list and who took part in
each district of the territory, and the districts nobody on the list comes from, named."""

import pandas as pd
import streamlit as st

from pages.consultations.chosen import Chosen
from toolkit.geo import coverage_by_district
from toolkit.i18n import t
from toolkit.store.places import districts_map


def show(chosen: Chosen) -> None:
    """Nothing while the workspace has no districts."""
    kept = districts_map(chosen.ctx.engine, chosen.ctx.workspace_id)
    if kept is None:
        return
    rows = coverage_by_district(chosen.data.actors, chosen.participants, kept.names)
    with st.expander(t("geo.coverage.title"), icon=":material/map:"):
        st.dataframe(
            pd.DataFrame(
                rows, columns=[t("geo.territory.district"), t("geo.coverage.listed"), t("geo.coverage.took_part")]
            ),
            hide_index=True,
        )
        nobody = [name for name, listed, _ in rows if not listed]
        if nobody:
            st.warning(
                t("geo.coverage.nobody", count=len(nobody), names=", ".join(nobody)), icon=":material/location_off:"
            )
