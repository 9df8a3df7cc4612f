"""Consultas > Cuestionario drawn alone, on the sample's Comuna 13 dialogue (it closes on 2027-03-04):
questions added, edited, moved and deleted after asking, previewed as a participant sees them;
personal links issued with their downloads; answers counted in the synthesis; a viewer changes nothing."""

from toolkit import access
from toolkit.i18n import t
from toolkit.questionnaires import Question
from toolkit.store.accounts import create_user, set_member
from toolkit.store.consultations import list_consultations, list_participants
from toolkit.store.questionnaires import add_question, get_questionnaire, issue_links, list_links, save_answers

TITLE = "Mesa de diálogo sobre turismo comunitario y memoria en la Comuna 13"


def questionnaire_tab(consultation_title: str):
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.consultations import questionnaire
    from pages.consultations.chosen import Chosen, load
    from toolkit import access

    access.set_current(st.session_state.get("person", access.LOCAL))  # as app.py does
    ctx = page_context("nav.consultations")
    show_notice("consultations")
    data = load(ctx)
    current = next(c for c in data.consultations if c.title == consultation_title)
    questionnaire.show(Chosen(data, current))


def dialogue(engine, workspace_id) -> int:
    return next(c.id for c in list_consultations(engine, workspace_id) if c.title == TITLE)


def tab(kit_page):
    return kit_page(questionnaire_tab, consultation_title=TITLE)


def add(app, consultation_id: int, text: str, kind: str = "open", options: str = "", becomes=None) -> None:
    form = f"questionnaire_new_{consultation_id}"
    app.text_area(key=f"{form}_text").input(text)
    app.selectbox(key=f"{form}_kind").set_value(kind)
    app.text_area(key=f"{form}_options").input(options)
    app.selectbox(key=f"{form}_becomes").set_value(becomes)
    app.button(key=f"{form}_submit").click().run()
    assert not app.exception, app.exception


def test_questions_are_built_moved_edited_and_deleted_after_asking(kit_page, kit_store):
    engine, workspace_id = kit_store
    consultation_id = dialogue(engine, workspace_id)
    app = tab(kit_page)
    app.run()
    assert not app.exception and not app.error
    assert t("questionnaires.no_questions") in [c.value for c in app.caption]

    add(app, consultation_id, "¿Qué propone para el turismo en la Comuna 13?", becomes="proposal")
    add(app, consultation_id, "¿Qué tema es prioritario?", "one_choice", "Memoria\nEmpleo\n**Grafiti**")
    assert t("questionnaires.added") in [s.value for s in app.success]
    first, second = get_questionnaire(engine, workspace_id, consultation_id).questions
    assert (first.kind, first.contribution_type) == ("open", "proposal")
    assert second.options == ["Memoria", "Empleo", "**Grafiti**"]
    shown = " ".join(m.value for m in app.markdown)
    assert "\\*\\*Grafiti\\*\\*" in " ".join(c.value for c in app.caption)  # the team's words shown inert
    assert "¿Qué tema es prioritario?" in shown

    app.button(key=f"questionnaire_up_{second.id}").click().run()
    assert [q.id for q in get_questionnaire(engine, workspace_id, consultation_id).questions] == [second.id, first.id]

    app.text_area(key=f"questionnaire_edit_{first.id}_text").input("¿Qué propone a la alcaldía?")
    app.button(key=f"questionnaire_edit_{first.id}_submit").click().run()
    assert not app.exception
    assert get_questionnaire(engine, workspace_id, consultation_id).questions[1].text == "¿Qué propone a la alcaldía?"

    app.button(key=f"questionnaire_delete_{second.id}").click().run()
    assert len(get_questionnaire(engine, workspace_id, consultation_id).questions) == 2  # asked, not yet deleted
    app.button(key="questionnaire_deleting_yes").click().run()
    assert not app.exception
    assert [q.id for q in get_questionnaire(engine, workspace_id, consultation_id).questions] == [first.id]
    assert t("questionnaires.deleted") in [s.value for s in app.success]


def test_a_choice_question_needs_options(kit_page, kit_store):
    engine, workspace_id = kit_store
    consultation_id = dialogue(engine, workspace_id)
    app = tab(kit_page)
    app.run()
    add(app, consultation_id, "¿Cuál?", "one_choice", "Solo una")
    assert t("errors.questionnaire_options_needed") in [e.value for e in app.error]
    assert get_questionnaire(engine, workspace_id, consultation_id) is None or not (
        get_questionnaire(engine, workspace_id, consultation_id).questions
    )


def test_the_preview_shows_what_a_participant_sees(kit_page, kit_store):
    engine, workspace_id = kit_store
    consultation_id = dialogue(engine, workspace_id)
    add_question(engine, workspace_id, consultation_id, Question("scale", "¿Cuánto le interesa <b>esto</b>?"))
    add_question(engine, workspace_id, consultation_id, Question("ties", "¿Con quién trabaja en esto?"))
    app = tab(kit_page)
    app.run()
    assert not app.exception
    labels = [r.label for r in app.radio]
    assert "1. ¿Cuánto le interesa \\<b\\>esto\\</b\\>?" in labels  # escaped: shown as typed, never HTML
    assert any(m.label.startswith("2. ¿Con quién trabaja") for m in app.multiselect)
    assert t("questionnaires.preview_note") in [c.value for c in app.caption]


def test_links_are_issued_with_their_downloads(kit_page, kit_store):
    engine, workspace_id = kit_store
    consultation_id = dialogue(engine, workspace_id)
    add_question(engine, workspace_id, consultation_id, Question("open", "¿Qué propone?", [], "proposal", "Turismo"))
    app = tab(kit_page)
    app.run()
    app.button_group(key=f"questionnaire_section_{consultation_id}").set_value("links").run()
    assert not app.exception
    listed = [p for p in list_participants(engine, workspace_id, consultation_id) if p.status != "declined"]
    app.button(key=f"questionnaire_issue_{consultation_id}").click().run()
    assert not app.exception
    assert len([x for x in list_links(engine, workspace_id, consultation_id) if x.participant_id]) == len(listed)
    issued = app.session_state[f"questionnaire_issued_{consultation_id}"]
    assert all("/?q=" in url for url in issued.values())
    assert t("questionnaires.links.only_now", count=len(listed)) in [w.value for w in app.warning]
    downloads = [d.label for d in app.get("download_button")]
    assert t("questionnaires.links.download") in downloads and t("questionnaires.links.letters") in downloads


def test_answers_show_in_the_synthesis_and_a_viewer_changes_nothing(kit_page, kit_store):
    engine, workspace_id = kit_store
    consultation_id = dialogue(engine, workspace_id)
    asked = add_question(
        engine, workspace_id, consultation_id, Question("open", "¿Qué propone?", [], "proposal", "Turismo")
    )
    choice = add_question(engine, workspace_id, consultation_id, Question("one_choice", "¿Prioridad?", ["A", "B"]))
    tokens = issue_links(engine, workspace_id, consultation_id).tokens
    with access.acting_as(access.NOBODY):
        save_answers(engine, next(iter(tokens.values())), {asked: "Rutas con *guías* locales", choice: "B"}, True)
    user_id = create_user(engine, "vera@medellin.gov.co", "una frase larga y segura", "Vera")
    set_member(engine, workspace_id, "vera@medellin.gov.co", "viewer")
    app = tab(kit_page)
    app.session_state["person"] = access.Person(user_id, "vera@medellin.gov.co")
    app.run()
    assert not app.exception
    assert not [b for b in app.button if b.key and b.key.startswith("questionnaire_new_")]  # nothing to change
    app.button_group(key=f"questionnaire_section_{consultation_id}").set_value("results").run()
    assert not app.exception
    text = " ".join(m.value for m in app.markdown)
    assert "Rutas con \\*guías\\* locales" in text  # the answer, inert
    assert [m.value for m in app.metric][1] == "1"  # respondents
    assert app.get("plotly_chart")  # one chart per closed question
