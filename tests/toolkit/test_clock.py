"""One clock: the app's "today" is a setting, and the Medellín sample tells the same story whatever day it is loaded."""

from datetime import date, datetime

import pytest
import time_machine

from toolkit import campaigns, clock, indicators, roadmap
from toolkit.sample import STORY_DAY
from toolkit.store import open_store
from toolkit.store.campaigns import list_activities, list_campaigns, list_kpis, list_measurements
from toolkit.store.consultations import list_consultations
from toolkit.store.indicators import list_indicator_measurements, list_indicators
from toolkit.store.roadmap import list_milestones
from toolkit.store.sample import load_sample
from toolkit.store.workspaces import vocabulary_terms


def test_the_clock_follows_the_setting_and_keeps_the_time_of_day_running(monkeypatch):
    monkeypatch.setenv("HOJA_TODAY", "2031-02-28")
    assert clock.today() == date(2031, 2, 28)
    first = clock.now()
    assert first.date() == date(2031, 2, 28) and first.microsecond == 0
    monkeypatch.delenv("HOJA_TODAY")
    with time_machine.travel(datetime(2027, 5, 4, 10, 30), tick=False):
        assert clock.today() == date(2027, 5, 4)
        assert clock.now() == datetime(2027, 5, 4, 10, 30)


def test_a_mistyped_setting_is_named_not_ignored(monkeypatch):
    monkeypatch.setenv("HOJA_TODAY", "22/11/2026")
    with pytest.raises(clock.ClockSettingError, match="HOJA_TODAY"):
        clock.today()


def story(engine, workspace_id: int, today: date) -> dict:
    """What a user reads of the sample on ``today``: each campaign's state, each phase's state, what
    needs attention on the roadmap, each consultation's status, each indicator's state."""
    milestones = list_milestones(engine, workspace_id)
    found = roadmap.attention(milestones, today)
    phases = [key for key, _ in vocabulary_terms(engine, workspace_id).get("phases", [])]
    return {
        "campaigns": sorted(
            (s.campaign.title, s.state, len(s.late), len(s.upcoming))
            for s in campaigns.dashboard(
                list_campaigns(engine, workspace_id),
                list_activities(engine, workspace_id),
                list_kpis(engine, workspace_id),
                list_measurements(engine, workspace_id),
                today,
            )
        ),
        "phases": [
            (p.phase, p.state) for p in roadmap.phase_status(list_milestones(engine, workspace_id), today, phases)
        ],
        "overdue": sorted(m.title for m in found.overdue),
        "blocked": sorted(m.title for m in found.blocked),
        "consultations": sorted(
            (c.title, c.status, (c.starts_on - today).days if c.starts_on else None)
            for c in list_consultations(engine, workspace_id)
        ),
        "indicators": sorted(
            (s.indicator.name, s.state)
            for s in indicators.dashboard(
                list_indicators(engine, workspace_id), list_indicator_measurements(engine, workspace_id), today
            )
        ),
    }


# a Sunday (the story's own day), a Tuesday next year, a Friday two years on, and a 29 February
DAYS = [STORY_DAY, date(2027, 6, 15), date(2028, 2, 29), date(2028, 12, 1)]


def test_the_sample_tells_the_same_story_whatever_day_it_is_loaded(tmp_path, monkeypatch):
    monkeypatch.delenv("HOJA_TODAY", raising=False)  # the machine's date alone, moved by time-machine
    told = []
    for day in DAYS:
        engine = open_store(f"sqlite:///{tmp_path / f'{day}.db'}")
        with time_machine.travel(datetime.combine(day, datetime.min.time()).replace(hour=9), tick=False):
            workspace_id = load_sample(engine)
            told.append(story(engine, workspace_id, clock.today()))
        engine.dispose()
    first = told[0]
    # the story has something in each state a user should see
    assert {state for _, state, *_ in first["campaigns"]} >= {"late", "on_track"}
    assert first["overdue"] and {state for _, state in first["phases"]} >= {"done", "late"}
    for other, day in zip(told[1:], DAYS[1:], strict=True):
        assert other == first, f"the sample loaded on {day} tells another story"


def test_the_sample_keeps_real_dates_once_stored(tmp_path, monkeypatch):
    monkeypatch.setenv("HOJA_TODAY", "2030-01-15")
    engine = open_store(f"sqlite:///{tmp_path / 'later.db'}")
    workspace_id = load_sample(engine)
    monkeypatch.setenv("HOJA_TODAY", "2030-06-15")  # months later the same milestones are due the same days
    due = sorted(m.due_on for m in list_milestones(engine, workspace_id) if m.due_on)
    assert due[0].year in (2029, 2030) and due[-1] > date(2030, 1, 15)
    assert roadmap.attention(list_milestones(engine, workspace_id), clock.today()).overdue
