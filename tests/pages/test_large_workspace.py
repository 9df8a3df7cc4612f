"""Pages on a large register (issue 17): the sample and 2,440 more actors (2,500 and some), built
with one ``import_batch``. Long lists are searched, not scrolled: a box lists the first names and
says how many more there are, a search narrows it, what was chosen stays chosen; Inicio lists the
longest silences and counts the rest; a part in a fragment acts for the session's person and in its
language when it reruns alone."""

import pytest

from pages._kit.actor_pick import LISTED
from tests.pages.test_audiences_tabs import UNIVERSITIES, audience, clean, members_part
from tests.pages.test_consultations_tabs import HELD, tab_page
from toolkit import access
from toolkit.audiences import segment_members
from toolkit.consultations import actor_map_info
from toolkit.domain import Actor, Relation
from toolkit.engagement import not_contacted
from toolkit.i18n import t
from toolkit.store.audiences import list_audience_members
from toolkit.store.batches import RegisterBatch, import_batch
from toolkit.store.consultations import list_consultations, list_participants
from toolkit.store.engagement import list_interactions
from toolkit.store.register import list_actors, list_relations

EXTRA = 2_440
SILENCES_LISTED = 200  # pages/contacts/steps.py LISTED


@pytest.fixture
def large(kit_store):
    """The sample's store with 2,440 more associations, one relation for every two."""
    engine, workspace_id = kit_store
    sectors = ["academia", "ngo", "private_sector", "local_government"]
    new = [
        Actor(
            f"Asociación {n:04d}",
            sector=sectors[n % 4],
            influence=1 + n % 5,
            interest=1 + (n * 3) % 5,
            themes=["paz", f"tema {n % 40}"],
        )
        for n in range(EXTRA)
    ]
    relations = [(("new", n), ("new", (n * 7 + 1) % EXTRA), Relation(0, 0)) for n in range(0, EXTRA, 2)]
    with access.acting_as(access.LOCAL):
        import_batch(engine, workspace_id, RegisterBatch(new_actors=new, relations=relations))
    return kit_store


def actor_id(engine, workspace_id, name: str) -> int:
    return next(a.id for a in list_actors(engine, workspace_id) if a.name == name)


def captions(app) -> list[str]:
    return [c.value for c in app.caption]


def test_adding_to_a_segment_searches_the_register_and_says_what_is_not_listed(kit_page, large):
    engine, workspace_id = large
    universities = audience(large, UNIVERSITIES)
    actors, relations = list_actors(engine, workspace_id), list_relations(engine, workspace_id)
    communities = {i: info.community for i, info in actor_map_info(actors, relations).items()}
    adjustments = list_audience_members(engine, workspace_id)
    members = segment_members(universities, actors, adjustments, communities).members
    addable = len(actors) - len(members)
    assert len(actors) > 2_500
    app = kit_page(members_part, name=UNIVERSITIES)
    app.run()
    clean(app)
    key = f"audiences_add_{universities.id}"
    assert len(app.multiselect(key=key).options) == LISTED  # not 2,500 names
    assert t("lists.more", count=addable - LISTED, shown=LISTED) in captions(app)
    app.text_input(key=f"{key}_search").input("asociacion 0123").run()  # no accent, any case
    assert app.multiselect(key=key).options == ["Asociación 0123"]
    assert not [c for c in captions(app) if c.startswith(t("lists.more", count=0, shown=0)[:12])]
    epm = actor_id(engine, workspace_id, "Empresas Públicas de Medellín")
    app.text_input(key=f"{key}_search").input("Empresas Públicas").run()
    app.multiselect(key=key).set_value([epm]).run()
    app.text_input(key=f"{key}_search").input("Asociación 0007").run()  # another search: EPM stays chosen
    assert app.multiselect(key=key).value == [epm]
    assert app.multiselect(key=key).options[:2] == ["Empresas Públicas de Medellín", "Asociación 0007"]
    app.multiselect(key=key).set_value([epm, actor_id(engine, workspace_id, "Asociación 0007")]).run()
    app.button(key="audiences_add_button").click().run()
    clean(app)
    assert app.success[0].value == t("audiences.members.added", count=2)
    hand = {m.actor_id for m in list_audience_members(engine, workspace_id) if m.audience_id == universities.id}
    assert hand == {epm, actor_id(engine, workspace_id, "Asociación 0007")}


def test_a_search_that_finds_nobody_says_so(kit_page, large):
    universities = audience(large, UNIVERSITIES)
    app = kit_page(members_part, name=UNIVERSITIES)
    app.run()
    key = f"audiences_add_{universities.id}"
    app.text_input(key=f"{key}_search").input("zzz nadie").run()
    assert app.multiselect(key=key).options == []
    assert t("lists.none") in captions(app)


def test_inicio_lists_the_longest_silences_and_counts_the_rest(large, tmp_path, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    engine, workspace_id = large
    monkeypatch.setenv("DATABASE_URL", str(engine.url))
    app = AppTest.from_file(str(Path(__file__).parents[2] / "app.py"), default_timeout=120)
    app.session_state["workspace_id"] = workspace_id
    app.run()
    app.run()  # a rerun of Inicio in the same session (issue 17: it used to fail)
    clean(app)
    with access.acting_as(access.LOCAL):
        from toolkit import clock

        silences = not_contacted(
            list_actors(engine, workspace_id), list_interactions(engine, workspace_id), clock.today()
        )
    assert len(silences) > SILENCES_LISTED
    listed = app.dataframe[0].value
    assert len(listed) == SILENCES_LISTED
    assert list(listed.iloc[:, 0]) == [s.actor.name for s in silences[:SILENCES_LISTED]]  # longest first
    assert t("lists.quiet_more", count=len(silences) - SILENCES_LISTED, shown=SILENCES_LISTED) in captions(app)
    actors = next(m for m in app.metric if m.label == t("home.metric.actors"))
    assert int(actors.value.replace(".", "")) == len(list_actors(engine, workspace_id))


def test_a_consultation_adds_by_hand_through_the_search(kit_page, large):
    engine, workspace_id = large
    held = next(c for c in list_consultations(engine, workspace_id) if c.title == HELD)
    before = {p.actor_id for p in list_participants(engine, workspace_id) if p.consultation_id == held.id}
    app = kit_page(tab_page, tab="participants")
    app.run()
    clean(app)
    assert len(app.multiselect(key="consultations_hand").options) == LISTED
    app.text_input(key="consultations_hand_search").input("Asociación 2439").run()
    app.multiselect(key="consultations_hand").set_value([actor_id(engine, workspace_id, "Asociación 2439")]).run()
    app.button(key="consultations_add_hand").click().run()
    clean(app)
    after = {p.actor_id for p in list_participants(engine, workspace_id) if p.consultation_id == held.id}
    assert after - before == {actor_id(engine, workspace_id, "Asociación 2439")}


def test_a_contributions_author_is_among_the_participants_and_the_rest_are_counted(kit_page, large):
    engine, workspace_id = large
    held = next(c for c in list_consultations(engine, workspace_id) if c.title == HELD)
    listed = {p.actor_id for p in list_participants(engine, workspace_id) if p.consultation_id == held.id}
    app = kit_page(tab_page, tab="contributions")
    app.run()
    clean(app)
    who = app.selectbox(key="consultations_said_who")
    assert len(who.options) == len(listed) + 1  # the participants and "from the floor"
    others = len(list_actors(engine, workspace_id)) - len(listed)
    assert t("lists.participants_only", count=others) in captions(app)


def fragment_probe():
    """Two parts, one in the kit's fragment and one in a bare ``st.fragment``, each recording who acts
    and in which language every time it runs."""
    import streamlit as st

    from pages._kit.fragments import fragment, rerun_alone
    from toolkit import access, i18n

    i18n.set_language(st.session_state["language"])  # as app.py does at the top of every run

    def record(name: str) -> None:
        seen = (access.current(), i18n.language(), rerun_alone())
        st.session_state[name] = [*st.session_state.get(name, []), seen]

    st.fragment(lambda: record("bare"))()  # first: the kit's part sets the person for the rest of the run
    fragment(lambda: record("kit"))()


def rerun_fragments_alone(app, monkeypatch) -> None:
    """One run of the fragments alone, as a browser asks when a widget inside one changes (AppTest has
    no call for it: its runner is given the fragments' ids, as Streamlit's own session gives them)."""
    from functools import partial

    from streamlit.runtime.scriptrunner_utils.script_requests import RerunData
    from streamlit.testing.v1 import local_script_runner

    ids = list(app._fragment_storage._fragments)
    monkeypatch.setattr(
        local_script_runner, "RerunData", partial(RerunData, fragment_id_queue=ids, is_fragment_scoped_rerun=True)
    )
    app.run()
    monkeypatch.undo()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_fragment_rerun_acts_for_the_session_in_its_language(kit_page, monkeypatch, lang):
    app = kit_page(fragment_probe)
    app.session_state["language"] = lang
    app.run()
    clean(app)
    rerun_fragments_alone(app, monkeypatch)
    clean(app)
    assert app.session_state["kit"] == [(access.LOCAL, lang, False), (access.LOCAL, lang, True)]
    # why the kit's fragment sets them: alone, a part starts as nobody, in the default language
    assert app.session_state["bare"][-1] == (access.NOBODY, "es", True)
