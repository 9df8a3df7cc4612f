"""Number fields that show no false precision: ``st.number_input(label, **FIGURE)`` for a figure that
may have decimals (a percentage, an amount: 2.5 stays 2.5, nothing shows 0 and not 0.00),
``**WHOLE`` for a count (people, actors, rows). Streamlit's number field writes a decimal point
whatever the language (README, "What remains in English, and numbers").
:func:`show_table` draws a read-only table with its numbers in the reader's locale, :func:`percent_bar`
a column of whole percentages."""

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from pages._kit.table import number_columns, readable
from toolkit.i18n import t

WHOLE = {"step": 1, "format": "%d"}
FIGURE = {"format": "%g"}  # the shortest form of the number: 0, 2.5, 1234567


def show_table(table: pd.DataFrame | Styler | list[dict], column_config: dict | None = None, **options: object) -> None:
    """A read-only table (``st.dataframe``) drawn as the kit's tables are: every column of numbers in
    the reader's locale ("1.234,5" in Spanish), configured by the page or not (a plain ``Column`` over
    numbers too), a format the page chose kept, headers as wide as they need (:func:`readable`)."""
    if not isinstance(table, pd.DataFrame | Styler):
        table = pd.DataFrame(table)
    frame = table.data if isinstance(table, Styler) else table  # a styled table: its numbers underneath
    config = dict(column_config or {})
    for name in frame.columns:
        spec, column = config.get(name), frame[name]
        numbers = pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column)
        if numbers and isinstance(spec, dict) and not spec.get("type_config"):
            config[name] = {**spec, "type_config": {"type": "number", "format": "localized"}}
    st.dataframe(table, column_config=readable(number_columns(config, frame)), **options)


def percent_bar(label: str | None = None, **options: object) -> dict:
    """A column of whole percentages (0 to 100) drawn as a bar as the reader's language writes them
    ("40 %" in Spanish, "40%" in English; the catalog's ``kit.percent_format``): no false precision."""
    percent = t("kit.percent_format")
    return st.column_config.ProgressColumn(label, min_value=0, max_value=100, format=percent, **options)
