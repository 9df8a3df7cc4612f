"""The Medellín sample is a story told relative to the day it is loaded.

Its files are written as of :data:`STORY_DAY`; loading moves every date by the days between that
day and today, so loaded today or in two years the same campaign is late, the same one on track,
the same workshop was held last month. Once stored, the dates are real dates (the backup keeps them).

>>> shifted({"due_on": "2026-11-20", "title": "2026-11-20 is a title", "list": [{"on": "2026-11-22"}]}, 10)
{'due_on': '2026-11-30', 'title': '2026-11-20 is a title', 'list': [{'on': '2026-12-02'}]}
"""

import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from toolkit import clock

STORY_DAY = date(2026, 11, 22)  # the day the sample's files tell their story as of
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def shifted(value: Any, days: int) -> Any:
    """``value`` (parsed JSON) with every ISO date string moved by ``days``; other text untouched."""
    if isinstance(value, dict):
        return {key: shifted(item, days) for key, item in value.items()}
    if isinstance(value, list):
        return [shifted(item, days) for item in value]
    if isinstance(value, str) and _ISO_DAY.fullmatch(value):
        return (date.fromisoformat(value) + timedelta(days=days)).isoformat()
    return value


def read_sample(path: Path, today: date | None = None) -> dict:
    """One of the sample's files, its dates moved so that its story happens around ``today``
    (the clock's today when not given)."""
    data = json.loads(path.read_text("utf-8"))
    return shifted(data, ((today or clock.today()) - STORY_DAY).days)
