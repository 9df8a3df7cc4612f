"""Turning what people type in spreadsheets into the register's values.

Each function returns the clean value, or raises :class:`Unclear` with a catalog key
so the import report can say, in the user's language, which cell was not understood.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal
from functools import cache

from toolkit.domain import STANCE_VALUES
from toolkit.vocab import CONSENT_SYNONYMS, DIMENSION_SYNONYMS, KIND_SYNONYMS, fold, match, synonym_index

LEVEL_WORDS = {
    5: (
        "muy alto",
        "muy alta",
        "very high",
        "muito alto",
        "muito alta",
        "tres eleve",
        "tres elevee",
        "tres fort",
        "critico",
        "critical",
        "mh",
        "vh",
    ),
    4: ("alto", "alta", "high", "h", "a", "elevado", "elevada", "eleve", "elevee", "fort", "forte", "grande"),
    3: (
        "medio",
        "media",
        "mediano",
        "moderado",
        "medium",
        "moderate",
        "m",
        "mid",
        "medio",
        "moyen",
        "moyenne",
        "intermedio",
        "intermediate",
    ),
    2: ("bajo", "baja", "low", "l", "b", "baixo", "baixa", "faible", "bas", "basse", "pequeno", "limitado"),
    1: (
        "muy bajo",
        "muy baja",
        "very low",
        "muito baixo",
        "muito baixa",
        "tres faible",
        "nulo",
        "ninguno",
        "none",
        "vl",
        "mb",
    ),
}
STRENGTH_WORDS = {
    3: ("fuerte", "alta", "alto", "strong", "high", "forte", "fort", "intensa", "estrecha", "h", "3"),
    2: ("media", "medio", "moderada", "medium", "moderate", "moyenne", "moyen", "m", "2"),
    1: ("debil", "baja", "bajo", "weak", "low", "fraca", "faible", "puntual", "l", "1"),
}
YES_NO = {
    True: (
        "si",
        "yes",
        "y",
        "s",
        "sim",
        "oui",
        "x",
        "true",
        "verdadero",
        "1",
        "dirigida",
        "directed",
        "directional",
        "directa",
        "->",
        "unidireccional",
        "one way",
    ),
    False: (
        "no",
        "n",
        "nao",
        "non",
        "false",
        "falso",
        "0",
        "undirected",
        "mutual",
        "mutua",
        "bidireccional",
        "no dirigida",
        "reciproca",
        "two way",
        "both",
    ),
}
# "High (users of the system)", "Alto - usuarios del sistema", "Medium: some": a word, then a comment
COMMENTED = re.compile(r"^\s*([^()\-–—:]+?)\s*(?:\(.*|\s[-–—]\s*.*|[–—:].*)$", re.DOTALL)
LIST_SEPARATORS = re.compile(r"\s*[|;\n]\s*|\s*,\s*")
EXCEL_EPOCH = date(1899, 12, 30)


@cache
def _fixed_index(name: str) -> dict[str, str]:
    return synonym_index({"kind": KIND_SYNONYMS, "consent": CONSENT_SYNONYMS, "dimension": DIMENSION_SYNONYMS}[name])


class Unclear(ValueError):
    """A value that could not be understood; ``key`` names the message in the catalogs."""

    def __init__(self, key: str, **details: object) -> None:
        super().__init__(key)
        self.key = key
        self.details = details


def is_blank(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, float) and math.isnan(value):
        return True
    return isinstance(value, str) and not value.strip()


def text(value: object) -> str:
    """Any cell as text; integral numbers without ``.0`` (IDs and phones typed as numbers).

    >>> text(3001234567.0), text(" Medellín "), text(None)
    ('3001234567', 'Medellín', '')
    """
    if type(value) is str:  # the common case, kept fast for 20,000-row lists
        if "\n" in value:
            return value.strip()
        return (
            " ".join(value.split())
            if ("  " in value or "\t" in value or value[:1].isspace() or value[-1:].isspace())
            else value
        )
    if is_blank(value):
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return " ".join(str(value).split()) if "\n" not in str(value) else str(value).strip()


def _number(value: object) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    raw = str(value).strip().replace(" ", "")
    if re.fullmatch(r"[+-]?\d+([.,]\d+)?", raw):
        return float(raw.replace(",", "."))
    return None


_FAR = 10**6  # beyond any scale read here; larger numbers (1e28, infinity) stand in as this one


def _round(number: float) -> int:
    """``number`` rounded half up; anything far off any scale as ``±_FAR``, so the caller's range
    check refuses it like any out-of-range value (Decimal cannot quantize 1e28 or infinity).

    >>> _round(3.5), _round(1e28), _round(float("-inf"))
    (4, 1000000, -1000000)
    """
    if not -_FAR < number < _FAR:
        return _FAR if number > 0 else -_FAR
    return int(Decimal(str(number)).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def without_comment(value: object) -> str | None:
    """The word before a comment in brackets or after a dash or colon; ``None`` without a comment.

    >>> without_comment("High (users of the system)"), without_comment("Alto - usuarios"), without_comment("Alto")
    ('High', 'Alto', None)
    """
    if not isinstance(value, str):
        return None
    found = COMMENTED.match(value)
    return found.group(1) if found and found.group(1).strip() else None


def _words(value: object) -> tuple[str, ...]:
    """The folded value, then the folded word before its comment when it has one."""
    word = without_comment(value)
    return (fold(value),) if word is None else (fold(value), fold(word))


def level(value: object) -> int | None:
    """A 1-5 level from numbers (decimals rounded, decimal commas too) or words in four languages.

    >>> [level(v) for v in (4, "3,5", "Alto", "medium", "L", "Muy bajo", "Élevé", None)]
    [4, 4, 4, 3, 2, 1, 4, None]
    >>> level("High (users of the system)"), level("Bajo – poco contacto")
    (4, 2)
    """
    if is_blank(value):
        return None
    number = _number(value)
    if number is None and (word := without_comment(value)) is not None:
        number = _number(word)  # "3 - medio", "4 (alto)"
    if number is not None:
        rounded = _round(number)
        if 1 <= rounded <= 5:
            return rounded
        raise Unclear("import.value.level_range", value=text(value))
    for folded in _words(value):
        for score, words in LEVEL_WORDS.items():
            if folded in words:
                return score
    raise Unclear("import.value.level", value=text(value))


def strength(value: object) -> int:
    """A relation's strength 1-3 (blank means 2, medium)."""
    if is_blank(value):
        return 2
    number = _number(value)
    if number is not None:
        rounded = _round(number)
        if 1 <= rounded <= 3:
            return rounded
        if 4 <= rounded <= 5:  # someone used a 1-5 scale
            return 3
        raise Unclear("import.value.strength", value=text(value))
    for folded in _words(value):
        for score, words in STRENGTH_WORDS.items():
            if folded in words:
                return score
    raise Unclear("import.value.strength", value=text(value))


def stance(value: object, index: dict[str, str]) -> int | None:
    """A stance -2..+2 from numbers or words.

    >>> from toolkit.vocab import DEFAULTS
    >>> index = synonym_index(DEFAULTS["stances"])
    >>> [stance(v, index) for v in ("Aliado", "en contra", "+1", -2.0, "Neutre", "")]
    [2, -2, 1, -2, 0, None]
    """
    if is_blank(value):
        return None
    number = _number(value)
    if number is not None:
        rounded = _round(number)
        if -2 <= rounded <= 2:
            return rounded
        raise Unclear("import.value.stance", value=text(value))
    key = next((index[folded] for folded in _words(value) if folded in index), None)
    if key is None:
        raise Unclear("import.value.stance", value=text(value))
    return STANCE_VALUES[key]


def term(value: object, index: dict[str, str], vocabulary: str) -> str | None:
    """A vocabulary key for a word (``None`` for a blank cell)."""
    if is_blank(value):
        return None
    key = match(index, value)
    if key is None:
        raise Unclear(f"import.value.{vocabulary}", value=text(value))
    return key


def kind(value: object) -> str:
    if is_blank(value):
        return "organisation"
    key = match(_fixed_index("kind"), value)
    if key is None:
        raise Unclear("import.value.kind", value=text(value))
    return key


def consent(value: object) -> str:
    if is_blank(value):
        return "unknown"
    key = match(_fixed_index("consent"), value)
    if key is None:
        raise Unclear("import.value.consent", value=text(value))
    return key


def yes_no(value: object, default: bool = False) -> bool:
    if is_blank(value):
        return default
    if isinstance(value, bool):
        return value
    folded = fold(value) or str(value).strip()
    for answer, words in YES_NO.items():
        if folded in words or str(value).strip() in words:
            return answer
    raise Unclear("import.value.yes_no", value=text(value))


def items(value: object) -> list[str]:
    """A list typed in one cell: pipes, semicolons, commas or line breaks.

    >>> items("Movilidad | innovación; paz,  cultura")
    ['Movilidad', 'innovación', 'paz', 'cultura']
    """
    if is_blank(value):
        return []
    seen: dict[str, str] = {}
    for part in LIST_SEPARATORS.split(text(value)):
        part = part.strip()
        if part and fold(part) not in seen:
            seen[fold(part)] = part
    return list(seen.values())


def dimensions(value: object) -> list[str]:
    index = _fixed_index("dimension")
    found = []
    for part in items(value):
        key = match(index, part)
        if key is None:
            raise Unclear("import.value.dimension", value=part)
        if key not in found:
            found.append(key)
    return found


DATE_PATTERNS = ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%y", "%Y/%m/%d", "%Y-%m-%d %H:%M:%S")


def day(value: object) -> date | None:
    """A date from a real date cell, an Excel serial number, or day-first text.

    >>> day("05/04/2014"), day(41734), day("2014-04-05")
    (datetime.date(2014, 4, 5), datetime.date(2014, 4, 5), datetime.date(2014, 4, 5))
    """
    if is_blank(value):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool) and 20000 <= value <= 80000:
        return EXCEL_EPOCH + timedelta(days=int(value))
    raw = text(value)
    for pattern in DATE_PATTERNS:
        try:
            return datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise Unclear("import.value.date", value=raw)


EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def email(value: object) -> str:
    raw = text(value)
    if raw and not EMAIL.match(raw):
        raise Unclear("import.value.email", value=raw)
    return raw
