"""Adding indicators: the recommended set, or one of the team's own."""

import streamlit as st

from pages._kit.context import PageContext, notify
from pages._kit.forms import empty_after_save
from pages._kit.numbers import FIGURE
from pages._kit.outcome import run
from pages.indicators.workspace import DATE_FORMAT, dimension_label
from toolkit.domain import DIMENSIONS, Indicator
from toolkit.i18n import t
from toolkit.markdown import escape
from toolkit.store.indicators import add_default_indicators, add_indicator

FIELDS = ("dimension", "name", "unit", "baseline", "baseline_on", "target", "target_on", "source")


def add_recommended(ctx: PageContext) -> None:
    """Add the recommended indicators the workspace does not have yet."""
    added = run(add_default_indicators, ctx.engine, ctx.workspace_id, ctx.lang)
    if added is not None:
        message = t("indicators.defaults.added", count=added) if added else t("indicators.defaults.none_missing")
        notify("indicators", message)


def new_indicator_form(ctx: PageContext) -> None:
    """Add one indicator of the team's own (nothing stored until the form is sent)."""
    with st.form("indicators_new_form"):
        columns = st.columns([2, 5, 2])
        dimension = columns[0].selectbox(
            t("indicators.fields.dimension"), DIMENSIONS, format_func=dimension_label, key="indicators_new_dimension"
        )
        name = columns[1].text_input(t("indicators.fields.name"), key="indicators_new_name")
        unit = columns[2].text_input(
            t("indicators.fields.unit"), key="indicators_new_unit", placeholder=t("indicators.fields.unit_hint")
        )
        columns = st.columns(4)
        baseline = columns[0].number_input(
            t("indicators.fields.baseline"), value=None, key="indicators_new_baseline", **FIGURE
        )
        baseline_on = columns[1].date_input(
            t("indicators.fields.baseline_on"), value=None, format=DATE_FORMAT, key="indicators_new_baseline_on"
        )
        target = columns[2].number_input(
            t("indicators.fields.target"), value=None, key="indicators_new_target", **FIGURE
        )
        target_on = columns[3].date_input(
            t("indicators.fields.target_on"), value=None, format=DATE_FORMAT, key="indicators_new_target_on"
        )
        source = st.text_input(
            t("indicators.fields.source"), key="indicators_new_source", placeholder=t("indicators.fields.source_hint")
        )
        if st.form_submit_button(t("indicators.new.add"), type="primary"):
            indicator = Indicator(
                dimension=dimension,
                name=name,
                unit=unit,
                baseline=baseline,
                baseline_on=baseline_on,
                target=target,
                target_on=target_on,
                source=source,
            )
            if run(add_indicator, ctx.engine, ctx.workspace_id, indicator) is not None:
                empty_after_save(*(f"indicators_new_{name}" for name in FIELDS))
                notify("indicators", t("indicators.new.added", name=escape(name)))
