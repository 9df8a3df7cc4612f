"""User text made safe to store and to write into any file the app produces.

Every export is XML underneath (``.xlsx``, ``.docx``, GEXF, GraphML) or a format that must be
text (``.ics``, CSV), and PostgreSQL refuses NUL. So text loses, on the way in and again on the
way out of every writer, what none of them can hold: C0 control characters other than tab, newline
and carriage return (NUL among them), the noncharacters U+FFFE and U+FFFF, and lone surrogates
(half of a UTF-16 pair, which no UTF-8 file can encode).
"""

from __future__ import annotations

import re

# C0 controls except tab, newline and carriage return; U+FFFE, U+FFFF; surrogates
_UNWRITABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean(value: str) -> str:
    """``value`` without the characters no file or database of the app can hold.

    >>> clean("Alcaldía\\x00 de\\x1b Medellín\\ufffe"), clean("a\\r\\nb\\tc"), clean("\\ud800x\\uffff")
    ('Alcaldía de Medellín', 'a\\r\\nb\\tc', 'x')
    """
    if value.isprintable():  # the common case: nothing to remove (tab and newline are not printable)
        return value
    return _UNWRITABLE.sub("", value)


def cleaned(value: object) -> object:
    """Strings cleaned with :func:`clean`, also inside lists, tuples and dicts (keys too); the rest as is.

    >>> cleaned({"barrio\\x01": ["Laureles\\uffff", 3]})
    {'barrio': ['Laureles', 3]}
    """
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list):
        return [cleaned(item) for item in value]
    if isinstance(value, tuple):
        return tuple(cleaned(item) for item in value)
    if isinstance(value, dict):
        return {cleaned(key): cleaned(item) for key, item in value.items()}
    return value
