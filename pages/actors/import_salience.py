"""The import wizard's step 5, salience (issue 20): how many rows bring power, legitimacy or
urgency, the day their judgement will carry, and the rows themselves in an expander."""

import pandas as pd
import streamlit as st

from pages._kit.context import PageContext
from pages._kit.numbers import show_table
from toolkit.i18n import format_date, t
from toolkit.spreadsheets.salience_columns import preview_rows
from toolkit.strategy_views import salience_label


def show(ctx: PageContext, preview) -> None:
    """Say what the file's salience columns will store; nothing when it has none."""
    judged = preview_rows(preview.actors, salience_label)
    if not judged:
        return
    st.caption(t("strategy.import.found", count=len(judged), date=format_date(ctx.today)))
    with st.expander(t("strategy.import.rows"), icon=":material/star_half:"):
        show_table(
            pd.DataFrame(judged),
            hide_index=True,
            width="stretch",
            column_config={
                "row": st.column_config.NumberColumn(t("strategy.import.row"), format="%d"),
                "name": t("columns.name"),
                "power": t("strategy.salience.power"),
                "legitimacy": t("strategy.salience.legitimacy"),
                "urgency": t("strategy.salience.urgency"),
                "class": t("strategy.salience.class"),
            },
        )
