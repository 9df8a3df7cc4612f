"""User text shown inside Streamlit's markdown (titles, messages, toasts) must read as typed:
an actor called ``**Gran** [ONG](x)`` is not formatting."""

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def escape(text: object) -> str:
    """Backslash every character markdown would interpret.

    >>> escape("**Gran** [ONG](javascript:alert(1))")
    '\\\\*\\\\*Gran\\\\*\\\\* \\\\[ONG\\\\]\\\\(javascript\\\\:alert\\\\(1\\\\)\\\\)'
    """
    return _SPECIAL.sub(r"\\\1", " ".join(str(text).split()))
