"""Translations: ``t(key, **vars)`` over ``locales/*.toml``; Babel for dates and numbers.

Each language is ``locales/<lang>.toml`` (words shared by several screens) plus one file per
screen in ``locales/<lang>/`` (``map.toml``, ``consultations.toml``...), so that work on
different screens never edits the same file. A key lives in exactly one file.

The language is held in a context variable, set once per script run by ``app.py``
(each Streamlit session runs its script in its own thread, so sessions never see
each other's language). Outside the app it defaults to Spanish.
"""

from __future__ import annotations

import contextvars
import tomllib
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

from babel import Locale
from babel.dates import format_date as babel_format_date
from babel.numbers import NumberFormatError, format_decimal, parse_decimal

LANGUAGES = ("es", "en", "pt", "fr")
DEFAULT_LANGUAGE = "es"
LOCALES = {"es": "es_CO", "en": "en_GB", "pt": "pt_BR", "fr": "fr_FR"}
_CATALOG_DIR = Path(__file__).parent / "locales"
_language: contextvars.ContextVar[str] = contextvars.ContextVar("language", default=DEFAULT_LANGUAGE)


def _flatten(tree: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[prefix + key] = str(value)
    return flat


def catalog_files(lang: str) -> list[Path]:
    """``locales/<lang>.toml`` (shared words) and one file per screen in ``locales/<lang>/``."""
    return [_CATALOG_DIR / f"{lang}.toml", *sorted((_CATALOG_DIR / lang).glob("*.toml"))]


@cache
def catalog(lang: str) -> dict[str, str]:
    """All keys of one language, flattened ("actors.title" -> text)."""
    merged: dict[str, str] = {}
    for path in catalog_files(lang):
        if not path.exists():
            continue
        keys = _flatten(tomllib.loads(path.read_text("utf-8")))
        clash = merged.keys() & keys.keys()
        if clash:
            raise ValueError(f"{path.name} repeats keys of another catalog file: {sorted(clash)[:5]}")
        merged.update(keys)
    return merged


def set_language(lang: str) -> None:
    _language.set(lang if lang in LANGUAGES else DEFAULT_LANGUAGE)


def language() -> str:
    return _language.get()


def plural_form(count: object, lang: str | None = None) -> str:
    """The CLDR plural category of ``count`` in ``lang`` ('one', 'many' or 'other'), by Babel's rules.

    ``count`` may be a number or a number already written for the reader ("1.234", "1\u202f234").

    >>> [plural_form(n, "es") for n in (0, 1, 2, 1_000_000)]
    ['other', 'one', 'other', 'many']
    >>> [plural_form(n, "fr") for n in (0, 1, 2)], [plural_form(n, "pt") for n in (0, 1, 2)]
    (['one', 'one', 'other'], ['one', 'one', 'other'])
    """
    lang = lang or _language.get()
    number = _as_number(count, lang)
    return "other" if number is None else _locale(lang).plural_form(number)


@cache
def _locale(lang: str) -> Locale:
    return Locale.parse(LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE]))


def _as_number(count: object, lang: str) -> int | float | Decimal | None:
    if isinstance(count, bool):
        return None
    if isinstance(count, int | float | Decimal):
        return abs(count)
    try:  # a count the caller already wrote with the locale's separators
        return abs(parse_decimal(str(count).strip(), locale=LOCALES.get(lang, LOCALES[DEFAULT_LANGUAGE])))
    except NumberFormatError:
        return None


def _variant(texts: dict[str, str], key: str, form: str) -> str | None:
    """``key_one``, ``key_many``...; a form without its own text is the 'other' form (``key_other`` or ``key``)."""
    return texts.get(f"{key}_{form}") or texts.get(f"{key}_other") or texts.get(key)


def t(key: str, lang: str | None = None, **vars: object) -> str:
    """The text of ``key`` in the current language, with ``{vars}`` filled in.

    A ``count`` picks the plural form by the language's CLDR rule: ``key_one``, ``key_many``,
    ``key_other`` (plain ``key`` is the 'other' form and stands in for a form without its own
    text). French and Brazilian Portuguese say 0 in the 'one' form ("0 acteur"); Spanish
    numbers like 1 000 000 are 'many' and use the 'other' text. An int ``count`` is written
    the way the locale writes numbers.

    Falls back to Spanish, then to the key itself, so a missing translation shows
    up on screen instead of crashing a page (and the catalog test fails).

    >>> t("app.name", lang="es")
    'Hoja de Ruta'
    >>> t("relations.count", lang="es", count=1), t("relations.count", lang="es", count=2)
    ('1 relación.', '2 relaciones.')
    >>> t("relations.count", lang="fr", count=0), t("relations.count", lang="en", count=0)
    ('0 relation.', '0 relations.')
    >>> t("relations.count", lang="es", count=1_000_000), t("relations.count", lang="pt", count="1.500")
    ('1.000.000 relaciones.', '1.500 relações.')
    """
    lang = lang if lang in LANGUAGES else _language.get()
    source = lang if key in catalog(lang) else DEFAULT_LANGUAGE
    text = catalog(source).get(key) or key
    if "count" in vars:
        text = _variant(catalog(source), key, plural_form(vars["count"], source)) or text
        if isinstance(vars["count"], int) and not isinstance(vars["count"], bool):
            vars["count"] = format_number(vars["count"], lang)
    return text.format(**vars) if vars else text


def has(key: str) -> bool:
    return key in catalog(DEFAULT_LANGUAGE)


def label(vocabulary: str, key: str | None, custom: dict[str, str] | None = None, lang: str | None = None) -> str:
    """The word shown for a vocabulary key: the workspace's own label, else the catalog's."""
    if key is None or key == "":
        return ""
    if custom and custom.get(key):
        return custom[key]
    catalog_key = f"vocab.{vocabulary}.{key}"
    return t(catalog_key, lang=lang) if has(catalog_key) else key


def format_number(value: float | int, lang: str | None = None, digits: int = 0) -> str:
    """A number written the way the user's locale writes it.

    >>> format_number(12345.5, lang="es", digits=1)
    '12.345,5'
    """
    pattern = "#,##0" + ("." + "0" * digits if digits else "")
    return format_decimal(value, format=pattern, locale=LOCALES[lang or _language.get()])


def format_date(value: date | datetime | None, lang: str | None = None) -> str:
    if value is None:
        return ""
    return babel_format_date(value, format="medium", locale=LOCALES[lang or _language.get()])


def format_percent(share: float | None, lang: str | None = None) -> str:
    """A share (0.333 for a third) as a whole percentage the way the locale writes it: no false precision.

    >>> format_percent(1 / 3, lang="es"), format_percent(0.5, lang="fr"), format_percent(None, lang="en")
    ('33%', '50\xa0%', '')
    """
    if share is None:
        return ""
    from babel.numbers import format_percent as babel_format_percent  # here: the top belongs to the plurals

    return babel_format_percent(share, locale=LOCALES[lang or _language.get()])


def format_long_date(value: date | datetime | None, lang: str | None = None) -> str:
    """A day written out in words, for a sentence: "1 de marzo de 2026".

    >>> format_long_date(date(2026, 3, 1), lang="es"), format_long_date(date(2026, 3, 1), lang="en")
    ('1 de marzo de 2026', '1 March 2026')
    """
    if value is None:
        return ""
    return babel_format_date(value, format="long", locale=LOCALES[lang or _language.get()])
