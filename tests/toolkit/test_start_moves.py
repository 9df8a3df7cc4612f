"""Moving an indicator's baseline date or a campaign's start past measurements already recorded is
questioned, naming them (issue 16): the same check the measurement forms make, asked of each."""

from datetime import date

from toolkit import campaigns, indicators
from toolkit.start_moves import left_before, moved_starts
from toolkit.store.edits import Edit

TODAY = date(2026, 11, 22)
MEASURED = [(7, date(2026, 2, 1)), (7, date(2026, 4, 30)), (7, date(2026, 5, 1)), (8, date(2026, 1, 15))]


def test_a_baseline_moved_past_measurements_names_those_it_leaves_before():
    starts = moved_starts([Edit(7, 3, {"baseline_on": date(2026, 5, 1)})], "baseline_on")
    assert left_before(starts, MEASURED, indicators.measurement_doubt, TODAY) == {
        7: [date(2026, 2, 1), date(2026, 4, 30)]  # the one on the new baseline day itself is fine
    }


def test_a_campaign_start_moved_is_asked_with_the_campaigns_check():
    starts = moved_starts([Edit(8, 1, {"starts_on": date(2026, 2, 1)})], "starts_on")
    assert left_before(starts, MEASURED, campaigns.measurement_doubt, TODAY) == {8: [date(2026, 1, 15)]}


def test_nothing_is_asked_when_the_start_moves_earlier_is_cleared_or_another_field_changes():
    earlier = moved_starts([Edit(7, 3, {"baseline_on": date(2026, 1, 1)})], "baseline_on")
    cleared = moved_starts([Edit(7, 3, {"baseline_on": None})], "baseline_on")
    renamed = moved_starts([Edit(7, 3, {"name": "Otro nombre"})], "baseline_on")
    for starts in (earlier, cleared, renamed):
        assert left_before(starts, MEASURED, indicators.measurement_doubt, TODAY) == {}
