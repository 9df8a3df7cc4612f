"""User text shown inside Streamlit's markdown (titles, messages, toasts) must read as typed:
an actor called ``**Gran** [ONG](x)`` is not formatting, and ``https://sitio.example`` in a name
is not a link."""

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
# Streamlit's markdown turns ``https://…`` and ``www.…`` into links after the backslashes are read
# (GitHub-flavoured autolinks), so escaping cannot stop them: an invisible word joiner after the
# scheme's ``:`` and after ``www`` breaks the pattern. E-mail addresses stay as they are (a
# ``mailto:`` link at worst): they are usernames that people copy from the page.
JOINER = "\u2060"
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9]:)(?=//)|(?<=\bwww)(?=\.)")


def escape(text: object) -> str:
    """Backslash every character markdown would interpret, and break automatic links.

    >>> escape("**Gran** [ONG](javascript:alert(1))")
    '\\\\*\\\\*Gran\\\\*\\\\* \\\\[ONG\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    >>> escape("https://sitio.example") == "https\\\\:" + JOINER + "//sitio\\\\.example"
    True
    >>> escape("WWW.sitio.example").count(JOINER), escape("ana@sitio.example").count(JOINER)
    (1, 0)
    """
    flat = " ".join(str(text).split())
    return _SPECIAL.sub(r"\\\1", _AUTOLINK.sub(JOINER, flat))
