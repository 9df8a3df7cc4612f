"""Charts built once per workspace revision, language and day, and shared by every session
(issue 17): building a Plotly figure took a good part of Indicadores', Hoja de ruta's and
Campañas' reruns, which redrew the same figure every time. ``st.plotly_chart`` only reads a
figure, so one copy serves everyone; what a figure shows is the workspace's, never the reader's."""

from collections.abc import Callable, Hashable

import streamlit as st

from pages._kit.context import PageContext


@st.cache_resource(max_entries=128, show_spinner=False)
def _built(key: tuple, _build: Callable[[], object]) -> object:
    return _build()


def shared_figure(ctx: PageContext, name: str, *parts: Hashable, build: Callable[[], object]):
    """``build()`` once for this revision, language and day, and for ``parts`` (the dimension, the
    indicator... that the figure draws besides the workspace); the same figure on later reruns."""
    return _built((name, ctx.cache_key(), ctx.lang, ctx.today, *parts), build)
