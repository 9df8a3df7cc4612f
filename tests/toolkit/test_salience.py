"""Salience classes (Mitchell, Agle and Wood) and their dated judgements."""

import pytest

from toolkit.salience import CLASSES, read_level, salience_class


@pytest.mark.parametrize(
    ("power", "legitimacy", "urgency", "expected"),
    [
        (1, 1, 1, "non_stakeholder"),
        (5, 1, 1, "dormant"),
        (1, 5, 1, "discretionary"),
        (1, 1, 5, "demanding"),
        (5, 5, 1, "dominant"),
        (5, 1, 5, "dangerous"),
        (1, 5, 5, "dependent"),
        (5, 5, 5, "definitive"),
        (3, 3, 2, "dominant"),  # the threshold is 3 included
    ],
)
def test_the_seven_classes_and_the_non_stakeholder(power, legitimacy, urgency, expected):
    assert salience_class(power, legitimacy, urgency) == expected
    assert expected in CLASSES


def test_not_judged_is_no_class_rather_than_dormant():
    assert salience_class(5, None, 1) is None


def test_a_higher_threshold_narrows_the_classes():
    assert salience_class(3, 3, 3, threshold=4) == "non_stakeholder"


def test_the_import_reads_yes_no_in_four_languages_and_numbers():
    assert [read_level(v) for v in ("Sí", "yes", "sim", "oui", "No", "não", "non", "4", 2.0)] == [
        5,
        5,
        5,
        5,
        1,
        1,
        1,
        4,
        2,
    ]
    with pytest.raises(ValueError):
        read_level("7")
