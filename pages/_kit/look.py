"""Streamlit's own widget texts in the reader's language.

Streamlit writes a few words of its widgets in English whatever the app's language, and offers no
parameter for them (streamlit/streamlit#13500 for the file uploader; the multiselect's "Select all"
and "Add: …", the date field's "yyyy"). The well-used workaround is a style sheet scoped by the
widgets' ``data-testid`` (and react-aria's ``data-key`` / ``data-type``): the English word is drawn
at size 0 and the catalog's word is drawn in its place (``::after``). :func:`page_context` adds the
sheet to every page once per run; it takes no space (``st.html`` sends a style-only body to the
event container). Texts Streamlit draws on a canvas (the tables) or shows only to screen readers
are listed in the README ("What remains in English").

Every text here comes from the catalogs or from the code, never from a user; it is still written
as a CSS string (:func:`css_string`), so no catalog text can end the rule.
"""

import streamlit as st

from toolkit.i18n import t

# Streamlit's sizes for these texts (theme fontSizes.sm); the English word is drawn at size 0
SMALL = "0.875rem"

UPLOAD_BUTTON = '[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p'
UPLOAD_LIMIT = '[data-testid="stFileUploaderDropzoneInstructions"] span'
UPLOAD_DRAG = '[data-testid="stFileUploaderDropzone"] > div:not([data-testid]) > span'
OPTION = '[data-key="{key}"] [data-item-hl]'
DATE_SEGMENT = '[data-testid="stDateInputField"] [data-type="{part}"][data-placeholder="true"]'
HINT = "--hoja-upload-hint"


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string: quotes, backslashes and line ends cannot close the rule.

    >>> css_string('Hasta 20 MB "por" archivo\\\\')
    '"Hasta 20 MB \\\\22 por\\\\22  archivo\\\\5c "'
    >>> css_string("a</style><script>")
    '"a\\\\3c /style\\\\3e \\\\3c script\\\\3e "'
    """
    escaped = "".join(f"\\{ord(c):x} " if c in '"\\<>\n\r\f' or ord(c) < 32 else c for c in text)
    return f'"{escaped}"'


def _replace(selector: str, content: str) -> str:
    """Draw ``content`` instead of the element's own text."""
    return f"{selector}{{font-size:0 !important}}{selector}::after{{content:{content};font-size:{SMALL}}}"


def upload_limit(limit_mb: int, types: list[str]) -> str:
    """What the uploader says under its button: the size limit and the file types.

    >>> from toolkit.i18n import set_language
    >>> set_language("es")
    >>> upload_limit(20, ["xlsx", "csv"])
    'Hasta 20 MB por archivo • XLSX, CSV'
    """
    limit = t("kit.look.upload_limit", limit=limit_mb)
    return " • ".join([limit, ", ".join(kind.upper() for kind in types)]) if types else limit


def style_sheet(limit_mb: int) -> str:
    """The rules that put the catalog's words in place of Streamlit's English ones (``limit_mb``:
    what an uploader not drawn by :func:`files.upload_panel` says under its button)."""
    rules = [
        _replace(UPLOAD_BUTTON, css_string(t("kit.look.upload"))),
        _replace(UPLOAD_LIMIT, f"var({HINT}, {css_string(upload_limit(limit_mb, []))})"),
        _replace(UPLOAD_DRAG, css_string(t("kit.look.upload_drop"))),
        _replace(OPTION.format(key="__select_all__"), css_string(t("kit.look.select_all"))),
        _replace(OPTION.format(key="__select_matches__"), css_string(t("kit.look.select_matches"))),
        _replace(OPTION.format(key="__creatable__"), css_string(t("kit.look.add_option"))),
    ]
    for part in ("day", "month", "year"):
        rules.append(_replace(DATE_SEGMENT.format(part=part), css_string(t(f"kit.look.date_{part}"))))
    return "\n".join(rules)


def upload_hint(widget_key: str, limit_mb: int, types: list[str]) -> str:
    """The rule giving one uploader (Streamlit marks its container ``st-key-<key>``) its own line
    under the button."""
    return f".st-key-{widget_key}{{{HINT}:{css_string(upload_limit(limit_mb, types))}}}"


def apply(limit_mb: int) -> None:
    """Add the style sheet to this run of the page (it takes no space on the page)."""
    st.html(f"<style>{style_sheet(limit_mb)}</style>")


def apply_upload_hint(widget_key: str, limit_mb: int, types: list[str]) -> None:
    st.html(f"<style>{upload_hint(widget_key, limit_mb, types)}</style>")
