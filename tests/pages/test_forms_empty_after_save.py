"""After a save each form is empty again, so a second click cannot repeat the save; a refused save
keeps what was typed (issue 16). One case per form: a new consultation, a new campaign, an
activity, a KPI, an indicator, a milestone, an audience, a term of the workspace's vocabulary."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from tests.pages.test_audiences_tabs import new_panel
from tests.pages.test_campaigns_tabs import DISSEMINATION, campaigns_part
from tests.pages.test_consultations_tabs import tab_page as consultations_tab
from tests.pages.test_roadmap_tabs import roadmap_part
from toolkit.i18n import t
from toolkit.store.audiences import list_audiences
from toolkit.store.campaigns import list_activities, list_campaigns, list_kpis
from toolkit.store.consultations import list_consultations
from toolkit.store.indicators import list_indicators
from toolkit.store.roadmap import list_milestones


def indicators_table_part():
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.indicators.new import new_indicator_form
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))
    ctx = page_context("nav.indicators")
    show_notice("indicators")
    new_indicator_form(ctx)


@dataclass
class Form:
    script: Callable
    kwargs: dict
    text_key: str  # the text the person types (the name or title)
    submit: str  # the label of the button that saves
    count: Callable  # how many the store holds: (engine, workspace_id) -> int


def campaign_id(engine, workspace_id):
    return next(c.id for c in list_campaigns(engine, workspace_id) if c.title == DISSEMINATION)


FORMS = {
    "consultation": Form(
        consultations_tab,
        {"tab": "new"},
        "consultations_new_title",
        "consultations.new.create",
        lambda e, w: len(list_consultations(e, w)),
    ),
    "campaign": Form(
        campaigns_part,
        {"part": "new_campaign"},
        "campaigns_new_title",
        "campaigns.new.create",
        lambda e, w: len(list_campaigns(e, w)),
    ),
    "activity": Form(
        campaigns_part,
        {"part": "activities"},
        "campaigns_activity_title",
        "campaigns.activities.add",
        lambda e, w: len(list_activities(e, w)),
    ),
    "kpi": Form(
        campaigns_part, {"part": "kpis"}, "campaigns_kpi_name", "campaigns.kpis.add", lambda e, w: len(list_kpis(e, w))
    ),
    "indicator": Form(
        indicators_table_part, {}, "indicators_new_name", "indicators.new.add", lambda e, w: len(list_indicators(e, w))
    ),
    "milestone": Form(
        roadmap_part,
        {"part": "new_milestone"},
        "roadmap_new_title",
        "roadmap.new.add",
        lambda e, w: len(list_milestones(e, w)),
    ),
    "audience": Form(
        new_panel, {}, "audiences_new_name", "audiences.new.create", lambda e, w: len(list_audiences(e, w))
    ),
}


def opened(kit_page, kit_store, form: Form):
    app = kit_page(form.script, **form.kwargs)
    engine, workspace_id = kit_store
    app.session_state["campaigns_current"] = campaign_id(engine, workspace_id)
    app.run()
    assert not app.exception, app.exception
    return app


def click(app, label):
    next(b for b in app.button if b.label == t(label)).click().run()
    assert not app.exception, app.exception


@pytest.mark.parametrize("name", list(FORMS))
def test_a_second_click_after_a_save_saves_nothing_more(kit_page, kit_store, name):
    form = FORMS[name]
    engine, workspace_id = kit_store
    before = form.count(engine, workspace_id)
    app = opened(kit_page, kit_store, form)
    if name == "kpi":
        app.number_input(key="campaigns_kpi_target").set_value(100)
    app.text_input(key=form.text_key).input("Encuentro con la diáspora en Madrid")
    click(app, form.submit)
    assert not app.error, [e.value for e in app.error]
    assert form.count(engine, workspace_id) == before + 1
    assert app.text_input(key=form.text_key).value == ""  # empty again
    click(app, form.submit)  # the same button again
    assert form.count(engine, workspace_id) == before + 1


@pytest.mark.parametrize("name", ["activity", "kpi", "indicator", "milestone"])
def test_a_refused_save_keeps_what_was_typed(kit_page, kit_store, name):
    """These forms emptied on every click (``clear_on_submit``), a refused one too."""
    form = FORMS[name]
    engine, workspace_id = kit_store
    before = form.count(engine, workspace_id)
    app = opened(kit_page, kit_store, form)
    app.text_input(key=form.text_key).input("x" * 400)  # longer than any title or name may be
    click(app, form.submit)
    assert app.error
    assert form.count(engine, workspace_id) == before
    assert app.text_input(key=form.text_key).value == "x" * 400


def test_a_contribution_noted_down_empties_the_text_and_a_second_click_adds_nothing(kit_page, kit_store):
    from toolkit.store.consultations import list_contributions

    engine, workspace_id = kit_store
    before = len(list_contributions(engine, workspace_id))
    app = opened(kit_page, kit_store, Form(consultations_tab, {"tab": "contributions"}, "", "", len))
    app.text_area(key="consultations_said_text").input("Una mesa permanente con las universidades.")
    click(app, "consultations.said.save")
    assert len(list_contributions(engine, workspace_id)) == before + 1
    assert app.text_area(key="consultations_said_text").value == ""
    click(app, "consultations.said.save")  # empty: refused, nothing more stored
    assert len(list_contributions(engine, workspace_id)) == before + 1
