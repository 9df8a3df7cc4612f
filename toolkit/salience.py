"""Stakeholder salience (Mitchell, Agle and Wood, 1997): power, legitimacy and urgency.

Each attribute is judged 1 to 5 (a yes/no judgement is 5/1); an actor *has* it from
:data:`THRESHOLD` up. The attributes it has name its class:

=====================  ===========================
attributes             class
=====================  ===========================
none                   non-stakeholder
power                  dormant
legitimacy             discretionary
urgency                demanding
power + legitimacy     dominant
power + urgency        dangerous
legitimacy + urgency   dependent
all three              definitive
=====================  ===========================

An actor not judged on all three has no class yet (None): "dormant" never means "not
assessed".
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

ATTRIBUTES = ("power", "legitimacy", "urgency")
THRESHOLD = 3
CLASSES = (
    "definitive",
    "dominant",
    "dangerous",
    "dependent",
    "dormant",
    "discretionary",
    "demanding",
    "non_stakeholder",
)
_BY_ATTRIBUTES = {
    (False, False, False): "non_stakeholder",
    (True, False, False): "dormant",
    (False, True, False): "discretionary",
    (False, False, True): "demanding",
    (True, True, False): "dominant",
    (True, False, True): "dangerous",
    (False, True, True): "dependent",
    (True, True, True): "definitive",
}
# the attributes each class holds (power, legitimacy, urgency)
HELD_BY = {name: held for held, name in _BY_ATTRIBUTES.items()}
# one colour a class, the stronger the class the warmer (Okabe-Ito based, legible for colour-blind readers)
COLOURS = {
    "definitive": "#D55E00",
    "dominant": "#E69F00",
    "dangerous": "#CC79A7",
    "dependent": "#0072B2",
    "dormant": "#F0E442",
    "discretionary": "#56B4E9",
    "demanding": "#009E73",
    "non_stakeholder": "#BBBBBB",
}
UNKNOWN_COLOUR = "#EEEEEE"
YES_WORDS = {"sí", "si", "yes", "sim", "oui", "x", "true", "verdadero", "vrai", "verdadeiro"}
NO_WORDS = {"no", "não", "nao", "non", "false", "falso", "faux"}


def has(value: int | None, threshold: int = THRESHOLD) -> bool:
    return value is not None and value >= threshold


def salience_class(
    power: int | None, legitimacy: int | None, urgency: int | None, threshold: int = THRESHOLD
) -> str | None:
    """The class named by the attributes held, or None while one is not judged.

    >>> salience_class(5, 4, 3), salience_class(4, 1, 2), salience_class(1, 2, 5), salience_class(1, 1, 1)
    ('definitive', 'dormant', 'demanding', 'non_stakeholder')
    >>> salience_class(4, 4, 1), salience_class(4, 1, 4), salience_class(1, 4, 4), salience_class(1, 4, 1)
    ('dominant', 'dangerous', 'dependent', 'discretionary')
    >>> salience_class(5, None, 5) is None
    True
    """
    if power is None or legitimacy is None or urgency is None:
        return None
    return _BY_ATTRIBUTES[(has(power, threshold), has(legitimacy, threshold), has(urgency, threshold))]


def read_level(value: object) -> int | None:
    """A cell of an imported file as 1..5: a number, or yes/no in the four languages (5/1);
    empty is None; anything else raises ValueError.

    >>> read_level("Sí"), read_level("no"), read_level(4), read_level("3,0"), read_level("") is None
    (5, 1, 4, 3, True)
    """
    if value is None:
        return None
    text = str(value).strip().casefold()
    if not text or text == "nan":
        return None
    if text in YES_WORDS:
        return 5
    if text in NO_WORDS:
        return 1
    number = float(text.replace(",", "."))
    if number != int(number) or not 1 <= number <= 5:
        raise ValueError(text)
    return int(number)


def latest_classes(judgements: Iterable, day: date | None = None) -> dict[int, str | None]:
    """Each judged actor's class from its latest judgement (the latest day, then the latest
    recorded), ``day``: as of that day (judgements after it left out). ``judgements`` are
    :class:`toolkit.strategy.SalienceJudgement` (any object with ``actor_id``, ``assessed_on``,
    ``id`` and the three levels).

    >>> from toolkit.strategy import SalienceJudgement as J
    >>> js = [J(1, date(2026, 3, 1), 5, 5, 5, id=1), J(1, date(2026, 9, 1), 5, 1, 1, id=2), J(2, date(2026, 3, 1), 4)]
    >>> latest_classes(js), latest_classes(js, date(2026, 6, 1))[1]
    ({1: 'dormant', 2: None}, 'definitive')
    """
    latest: dict[int, object] = {}
    for judged in judgements:
        if day is not None and judged.assessed_on > day:
            continue
        before = latest.get(judged.actor_id)
        if before is None or (judged.assessed_on, judged.id or 0) >= (before.assessed_on, before.id or 0):
            latest[judged.actor_id] = judged
    return {actor: salience_class(j.power, j.legitimacy, j.urgency) for actor, j in latest.items()}


def filter_options() -> list[str]:
    """What the actor filter offers: the classes, strongest first, then "not assessed" (``unknown``,
    kept in a filter as None)."""
    return [*CLASSES, "unknown"]
