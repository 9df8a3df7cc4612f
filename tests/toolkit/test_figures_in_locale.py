"""Figures as the reader's locale writes them, percentages without false precision (issue 16)."""

from datetime import date

import pytest

from toolkit.i18n import format_long_date, format_number, format_percent, set_language
from toolkit.indicators import DimensionSummary, dimensions_figure


@pytest.mark.parametrize(
    "lang, third, big",
    [("es", "33%", "1.234,5"), ("en", "33%", "1,234.5"), ("pt", "33%", "1.234,5"), ("fr", "33\xa0%", "1\u202f234,5")],
)
def test_a_third_is_33_percent_and_decimals_take_the_locales_comma(lang, third, big):
    assert format_percent(1 / 3, lang) == third
    assert format_number(1234.5, lang, digits=1) == big


def test_no_share_is_no_percentage():
    assert format_percent(None, "es") == ""


@pytest.mark.parametrize(
    "lang, written",
    [("es", "1 de marzo de 2026"), ("en", "1 March 2026"), ("pt", "1 de março de 2026"), ("fr", "1 mars 2026")],
)
def test_a_day_in_a_sentence_is_written_out(lang, written):
    assert format_long_date(date(2026, 3, 1), lang) == written


def test_the_indicators_dimension_chart_labels_round_to_whole_percentages():
    set_language("es")
    figure = dimensions_figure([DimensionSummary("institutional", 3, 1 / 3), DimensionSummary("political")])
    assert list(figure.data[0].text) == ["33%", "—"]
