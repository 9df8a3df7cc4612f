"""The 17 Sustainable Development Goals (the ODS): their numbers and the official colours of their
icons (United Nations' SDG communications guidelines). Their names are in the catalogs
(``strategy.sdg.g1`` .. ``strategy.sdg.g17``, four languages)."""

from __future__ import annotations

GOALS = tuple(range(1, 18))
COLOURS = {
    1: "#E5243B",
    2: "#DDA63A",
    3: "#4C9F38",
    4: "#C5192D",
    5: "#FF3A21",
    6: "#26BDE2",
    7: "#FCC30B",
    8: "#A21942",
    9: "#FD6925",
    10: "#DD1367",
    11: "#FD9D24",
    12: "#BF8B2E",
    13: "#3F7E44",
    14: "#0A97D9",
    15: "#56C02B",
    16: "#00689D",
    17: "#19486A",
}
# what can carry a goal, and the table each lives in
ENTITIES = ("actors", "consultations", "campaigns", "indicators", "milestones")


def goal_number(value: object) -> int | None:
    """A goal read from a cell ("ODS 11", "SDG-3", "11"), or None when it names none.

    >>> goal_number("ODS 11"), goal_number("sdg-3"), goal_number(17), goal_number("18"), goal_number("")
    (11, 3, 17, None, None)
    """
    digits = "".join(ch for ch in str(value or "") if ch.isdigit())
    if not digits:
        return None
    number = int(digits)
    return number if number in COLOURS else None
