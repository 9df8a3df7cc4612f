"""The one "what day is it": everything that needs today or now asks here, never the machine directly.

``HOJA_TODAY`` (an ISO date) sets the day the app believes it is, for tests, demonstrations and
for reproducing what a user saw on a given day; the time of day keeps running, so sessions still
expire and the activity feed keeps its order. Unset (the default), the app follows the machine.

>>> import os
>>> before = os.environ.get("HOJA_TODAY")
>>> os.environ["HOJA_TODAY"] = "2026-11-22"
>>> today()
datetime.date(2026, 11, 22)
>>> now().date() == today()
True
>>> os.environ.update({"HOJA_TODAY": before} if before else {})
>>> if not before: del os.environ["HOJA_TODAY"]
"""

import os
from datetime import date, datetime, timedelta

SETTING = "HOJA_TODAY"


class ClockSettingError(ValueError):
    """``HOJA_TODAY`` is set to something that is not an ISO date (YYYY-MM-DD)."""


def _set_day() -> date | None:
    value = os.environ.get(SETTING, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as error:
        raise ClockSettingError(f"{SETTING}={value!r} is not a date written YYYY-MM-DD") from error


def now() -> datetime:
    """The local time now (naive, to the second as the store keeps it), on the set day if one is set."""
    machine = datetime.now().replace(microsecond=0)
    day = _set_day()
    if day is None:
        return machine
    return machine + timedelta(days=(day - machine.date()).days)


def today() -> date:
    """Today's date, as :func:`now` sees it."""
    return now().date()
