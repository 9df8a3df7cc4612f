"""The data model of a workspace and the keys of its vocabularies.

Column keys below are the contract shared by the database, the blank template,
the register exports and the backup workbook (English keys, see DESIGN.md).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

KINDS = ("organisation", "person", "network", "group")
CONSENT = ("yes", "no", "unknown")
DIMENSIONS = ("institutional", "political", "territorial")
QUADRANTS = ("manage_closely", "keep_satisfied", "keep_informed", "monitor")

# stance is stored as an integer -2..+2; these are its vocabulary keys
STANCE_KEYS = {-2: "opponent", -1: "reluctant", 0: "neutral", 1: "favourable", 2: "ally"}
STANCE_VALUES = {key: value for value, key in STANCE_KEYS.items()}

ACTOR_COLUMNS = (
    "id",
    "name",
    "acronym",
    "kind",
    "sector",
    "scale",
    "country",
    "city",
    "influence",
    "interest",
    "stance",
    "themes",
    "dimensions",
    "contact_name",
    "contact_role",
    "email",
    "phone",
    "consent",
    "consent_date",
    "consent_source",
    "notes",
)
# what "a register without personal data" leaves out, and what deleting an actor erases
PERSONAL_COLUMNS = ("contact_name", "contact_role", "email", "phone", "consent_date", "consent_source")
LIST_COLUMNS = ("themes", "dimensions")
RELATION_COLUMNS = ("id", "source", "target", "type", "strength", "directed", "description")

# a level at or above this counts as "high" for the power-interest grid
HIGH_LEVEL = 4


@dataclass
class Actor:
    name: str
    acronym: str = ""
    kind: str = "organisation"
    sector: str | None = None
    scale: str | None = None
    country: str = ""
    city: str = ""
    influence: int | None = None
    interest: int | None = None
    stance: int | None = None
    themes: list[str] = field(default_factory=list)
    dimensions: list[str] = field(default_factory=list)
    contact_name: str = ""
    contact_role: str = ""
    email: str = ""
    phone: str = ""
    consent: str = "unknown"
    consent_date: date | None = None
    consent_source: str = ""
    notes: str = ""
    custom: dict[str, str] = field(default_factory=dict)
    id: int | None = None
    version: int = 1


@dataclass
class Relation:
    source: int
    target: int
    type: str = "cooperation"
    strength: int = 2
    directed: bool = False
    description: str = ""
    id: int | None = None
    version: int = 1


@dataclass
class Workspace:
    name: str
    city: str = ""
    country: str = ""
    language: str = "es"
    description: str = ""
    id: int | None = None
    revision: int = 0


def quadrant(influence: int | None, interest: int | None) -> str | None:
    """The power-interest quadrant of an actor, or None while a level is unknown.

    >>> quadrant(5, 4), quadrant(5, 2), quadrant(2, 5), quadrant(1, 1), quadrant(None, 3)
    ('manage_closely', 'keep_satisfied', 'keep_informed', 'monitor', None)
    """
    if influence is None or interest is None:
        return None
    high_power, high_interest = influence >= HIGH_LEVEL, interest >= HIGH_LEVEL
    if high_power:
        return "manage_closely" if high_interest else "keep_satisfied"
    return "keep_informed" if high_interest else "monitor"
