"""Upload and download panels: a file in within the app's limit, a file out with its right type."""

import contextvars
import re
from collections.abc import Callable

import streamlit as st

from pages._kit import look
from toolkit import clock
from toolkit.i18n import t
from toolkit.settings import Settings

MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "csv": "text/csv",
    "ics": "text/calendar",
    "html": "text/html",
    "png": "image/png",
    "gexf": "application/xml",
    "graphml": "application/xml",
    "json": "application/json",
    "geojson": "application/geo+json",
}


def safe_file_name(*parts: str, extension: str, dated: bool = False) -> str:
    """A file name any system accepts, from user text (a workspace called ``Medellín / 2026``).

    >>> safe_file_name("Mapa de actores", "Medellín / 2026", extension="xlsx")
    'Mapa_de_actores_Medellín_2026.xlsx'
    """
    words = [re.sub(r"[^\w-]+", "_", str(part), flags=re.UNICODE).strip("_") for part in parts if part]
    if dated:
        words.append(clock.today().isoformat())
    return "_".join(word for word in words if word)[:120] + f".{extension}"


def upload_panel(key: str, label: str, types: list[str], settings: Settings, *, help_text: str | None = None):
    """A file uploader within the app's size limit; a fresh one after :func:`reset_upload`.

    Returns the uploaded file, or ``None``.
    """
    widget_key = f"{key}_{st.session_state.get(key + '_round', 0)}"
    look.apply_upload_hint(widget_key, settings.upload_limit_mb, types)  # "Hasta 20 MB por archivo • XLSX"
    return st.file_uploader(
        label,
        type=types,
        key=widget_key,
        max_upload_size=settings.upload_limit_mb,
        help=help_text or t("import.upload_help", limit=settings.upload_limit_mb),
    )


def reset_upload(key: str) -> None:
    """Empty the uploader (after its file was stored, so a second click cannot store it again)."""
    st.session_state[key + "_round"] = st.session_state.get(key + "_round", 0) + 1


def as_shown(build: Callable[[], bytes]) -> Callable[[], bytes]:
    """Streamlit builds a deferred download outside the page's run, where nobody is acting and the
    language is the default: build it as the person who was shown the button, in their language."""
    shown = contextvars.copy_context()  # the person acting and the language (toolkit.access, toolkit.i18n)
    return lambda: shown.copy().run(build)


def download_button(
    label: str, data: bytes | Callable[[], bytes], file_name: str, *, key: str, primary: bool = False
) -> None:
    """A download of ``data`` (bytes, or a function building them only when clicked), typed by the
    file name's extension; the page does not rerun on click."""
    extension = file_name.rsplit(".", 1)[-1].lower()
    if callable(data):
        data = as_shown(data)
    st.download_button(
        label,
        data=data,
        file_name=file_name,
        mime=MIME.get(extension, "application/octet-stream"),
        key=key,
        icon=":material/download:",
        type="primary" if primary else "secondary",
        on_click="ignore",
    )
