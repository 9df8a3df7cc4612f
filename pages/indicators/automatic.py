"""Above the tabs: the figures calculated from the workspace, recorded on demand, and the download."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.files import download_button
from pages._kit.outcome import run
from toolkit.domain import Indicator, IndicatorMeasurement
from toolkit.i18n import format_date, format_number, t
from toolkit.indicators import recorded_values
from toolkit.spreadsheets.indicators import indicator_workbook
from toolkit.store.indicators import record_automatic_measurements, workspace_figures


def record(ctx: PageContext) -> None:
    """Today's figures of the automatic indicators, and the button that records them."""
    figures = workspace_figures(ctx.engine, ctx.workspace_id, ctx.today)
    st.caption(
        t(
            "indicators.automatic.now",
            actors=format_number(figures["actors_involved"]),
            consultations=format_number(figures["consultations_held"]),
            reach=format_number(figures["campaign_reach"]),
        )
    )
    if not st.button(
        t("indicators.automatic.record"),
        key="indicators_record_automatic",
        icon=":material/calculate:",
        help=t("indicators.automatic.help"),
    ):
        return
    result = run(record_automatic_measurements, ctx.engine, ctx.workspace_id, ctx.today, ctx.lang)
    if result is None:
        return
    if not result.recorded:
        st.info(t("indicators.automatic.none"))
        return
    notify(
        "indicators",
        t(
            "indicators.automatic.recorded",
            count=len(result.recorded),
            day=format_date(ctx.today),
            values=recorded_values(result.recorded),
        ),
    )


def show(ctx: PageContext, indicators: list[Indicator], measurements: list[IndicatorMeasurement]) -> None:
    """Draw the automatic figures and the download side by side."""
    columns = st.columns([3, 2])
    with columns[0]:
        record(ctx)
    with columns[1]:
        download_button(
            t("indicators.export.download"),
            lambda: indicator_workbook(indicators, measurements, ctx.lang, ctx.today),
            f"{t('indicators.export.file')}.xlsx",
            key="indicators_download",
        )
