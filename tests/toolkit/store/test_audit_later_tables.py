"""The audit trail covers the tables added by migrations 0010-0013: a write to a saved view, a story
and its slide, a questionnaire, its question, a link, a participant's response and answers, the
districts, an objective, a position, an influence, a salience judgement and an SDG tag each shows
in the workspace's activity, named in the reader's words; a link's token hash and the districts'
GeoJSON stay out of the trail. On SQLite and PostgreSQL."""

from pathlib import Path

from toolkit import clock
from toolkit.activity import describe
from toolkit.domain import Actor, Consultation
from toolkit.network.saved_view import ViewSpec
from toolkit.questionnaires import Question
from toolkit.store.audit import AUDITED
from toolkit.store.consultations import create_consultation, invite_actors, list_participants
from toolkit.store.edits import Edit
from toolkit.store.places import save_districts
from toolkit.store.questionnaires import add_question, issue_links, save_answers
from toolkit.store.register import add_actor, list_actors
from toolkit.store.stories import SlideDraft, create_story, save_view
from toolkit.store.strategy import (
    add_objective,
    record_salience,
    save_influence_edits,
    save_position_edits,
    set_sdg_tags,
)
from toolkit.store.trail import activity
from toolkit.store.workspaces import create_workspace
from toolkit.strategy import Objective, SalienceJudgement

COMUNAS = Path(__file__).parents[3] / "sample_data" / "medellin_comunas.geojson"
LATER = {
    "map_views",
    "stories",
    "story_slides",
    "questionnaires",
    "questionnaire_questions",
    "questionnaire_links",
    "questionnaire_responses",
    "questionnaire_answers",
    "districts_maps",
    "strategy_objectives",
    "strategy_positions",
    "strategy_influences",
    "salience_assessments",
    "sdg_tags",
}


def test_every_later_table_is_audited():
    assert LATER <= AUDITED


def test_a_write_to_each_later_table_shows_in_the_activity(engine):
    workspace_id = create_workspace(engine, "Bogotá").id
    first, second = (add_actor(engine, workspace_id, Actor(name)) for name in ("Univalle", "ONG Río"))
    view = save_view(engine, workspace_id, "Aliados", "", ViewSpec())
    create_story(engine, workspace_id, "Informe", slides=[SlideDraft("view", view_id=view, title="Red")])
    consultation = create_consultation(engine, workspace_id, Consultation("Encuesta", instrument="survey"))
    invite_actors(engine, workspace_id, consultation, [first])
    asked = add_question(engine, workspace_id, consultation, Question("open", "¿Qué propone?"))
    [participant] = list_participants(engine, workspace_id, consultation)
    token = issue_links(engine, workspace_id, consultation).tokens[participant.id]
    save_answers(engine, token, {asked: "Ciclorrutas"}, finish=True)
    save_districts(engine, workspace_id, COMUNAS.read_bytes(), "comunas.geojson")
    objective = add_objective(engine, workspace_id, Objective("Atraer cooperación"))
    save_position_edits(engine, workspace_id, [Edit(first, 0, {str(objective): 2})])
    save_influence_edits(engine, workspace_id, [Edit(first, 0, {str(second): 3})])
    record_salience(engine, workspace_id, SalienceJudgement(first, clock.today(), 4, 3, 2, "Taller"))
    set_sdg_tags(engine, workspace_id, "actors", first, [11])

    entries = activity(engine, workspace_id, limit=1000)
    assert {e["entity"] for e in entries} >= LATER
    for entry in entries:
        if entry["entity"] in LATER:
            assert entry["entity"] not in str(describe(entry, "es"))  # said in words, not the table's name
    links = [e for e in entries if e["entity"] == "questionnaire_links"]
    assert links and all("token_hash" not in (e["after"] or {}) for e in links)
    districts = [e for e in entries if e["entity"] == "districts_maps"]
    assert districts and all("geojson" not in (e["after"] or {}) for e in districts)
    assert [e["label"] for e in entries if e["entity"] == "strategy_influences"] == ["Univalle → ONG Río"]
    assert {a.name for a in list_actors(engine, workspace_id)} == {"Univalle", "ONG Río"}
