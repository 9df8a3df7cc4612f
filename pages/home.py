"""Inicio: the workspace at a glance and the first steps."""

import streamlit as st

from pages._kit.context import PageContext, page_context
from pages._kit.register import KEPT, Register, register_of
from pages.actors import quality_link
from pages.contacts import data, steps
from toolkit.actors import overview
from toolkit.charts import count_bars
from toolkit.i18n import format_number, label, t
from toolkit.markdown import escape

ctx = page_context("home.title", needs_workspace=False)
if ctx is None:
    st.info(t("sidebar.no_workspace"))
    st.page_link("pages/settings.py", label=t("home.go_settings"), icon=":material/settings:")
    st.stop()


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def overview_at(_register: Register, cache_key: tuple):
    """One overview per revision for every session, from the shared register (read-only: see
    pages._kit.register)."""
    return overview(_register.actors, _register.relations)


@st.cache_resource(max_entries=KEPT, show_spinner=False)
def charts_at(_view, _custom, cache_key: tuple, lang: str):
    """The three charts of one revision in one language (built once, then reused on every rerun and
    session: read-only, ``st.plotly_chart`` only reads a figure)."""

    def vocabulary_label(vocabulary):
        return lambda key: label(vocabulary, key, _custom.get(vocabulary)) if key else t("home.unassigned")

    return (
        count_bars(_view.by_sector, vocabulary_label("sectors"), t("home.chart.by_sector")),
        count_bars(_view.by_scale, vocabulary_label("scales"), t("home.chart.by_scale")),
        count_bars(
            _view.by_quadrant,
            lambda key: t(f"quadrants.{key}") if key else t("home.unassigned"),
            t("home.chart.by_quadrant"),
            horizontal=False,
        ),
    )


def first_steps() -> None:
    st.subheader(t("home.first_steps.title"))
    steps = st.columns(3)
    with steps[0].container(border=True):
        st.markdown(t("home.first_steps.import"))
        st.page_link(
            "pages/actors/page.py",
            label=t("home.first_steps.import_link"),
            icon=":material/upload_file:",
            query_params={"tab": "import"},  # opens the import tab (pages/_kit/links.py)
        )
    with steps[1].container(border=True):
        st.markdown(t("home.first_steps.map"))
        st.page_link("pages/actor_map/page.py", label=t("home.first_steps.map_link"), icon=":material/hub:")
    with steps[2].container(border=True):
        st.markdown(t("home.first_steps.consult"))
        st.page_link("pages/consultations/page.py", label=t("home.first_steps.consult_link"), icon=":material/forum:")


def charts(ctx: PageContext, view) -> None:
    if not view.actors:
        return
    by_sector, by_scale, by_quadrant = charts_at(view, ctx.custom, ctx.cache_key(), ctx.lang)
    left, right = st.columns(2)
    left.plotly_chart(by_sector, width="stretch")
    right.plotly_chart(by_scale, width="stretch")
    st.plotly_chart(by_quadrant, width="stretch")


def quality(view) -> None:
    """Each data-quality list, counted, links to the register filtered to exactly those actors."""
    st.subheader(t("home.quality.title"))
    st.caption(t("home.quality.hint"))
    for missing, key, names in (
        ("sector", "without_sector", view.without_sector),
        ("stance", "without_stance", view.without_stance),
        ("consent", "without_consent", view.without_consent),
        ("isolated", "isolated", view.isolated),
    ):
        text = t(f"home.quality.{key}", count=len(names))
        if names:
            st.page_link(
                "pages/actors/page.py",
                label=text,
                icon=":material/filter_alt:",
                query_params=quality_link.link_to(missing),  # actores?missing=sector
            )
        else:
            st.markdown(f":material/check_circle: {text}")


view = overview_at(register_of(ctx), ctx.cache_key())
st.caption(escape(ctx.workspace.name))
first, second, third, fourth = st.columns(4)
first.metric(t("home.metric.actors"), format_number(view.actors))
second.metric(t("home.metric.relations"), format_number(view.relations))
third.metric(t("home.metric.isolated"), format_number(len(view.isolated)))
fourth.metric(t("home.metric.manage_closely"), format_number(view.by_quadrant.get("manage_closely", 0)))
if view.actors:
    contacts = data.load(ctx)
    steps.my_steps(ctx, contacts)
    steps.silent_actors(ctx, contacts)
first_steps()
charts(ctx, view)
quality(view)
