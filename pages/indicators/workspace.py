"""The indicators and measurements of the workspace, cached per revision, and how their words read."""

import streamlit as st

from pages._kit.context import PageContext
from pages._kit.register import KEPT
from toolkit.domain import Indicator, IndicatorMeasurement
from toolkit.i18n import t
from toolkit.store.indicators import list_indicator_measurements, list_indicators

DATE_FORMAT = "DD/MM/YYYY"


@st.cache_resource(max_entries=KEPT, show_spinner=False)  # read-only (see pages._kit.register)
def workspace_at(_engine, url: str, workspace_id: int, revision: int):
    """The indicators and their measurements as of one revision."""
    return list_indicators(_engine, workspace_id), list_indicator_measurements(_engine, workspace_id)


def load(ctx: PageContext) -> tuple[list[Indicator], list[IndicatorMeasurement]]:
    return workspace_at(ctx.engine, *ctx.cache_key())


def dimension_label(key: str | None) -> str:
    return t(f"vocab.dimensions.{key}") if key else ""


def automatic_label(key: str | None) -> str:
    return t(f"indicators.automatic.kind.{key}") if key else t("indicators.automatic.by_hand")
