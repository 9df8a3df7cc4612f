"""Audiencias, one part at a time: each tab module (and each part of the segments tab) drawn alone
with ``AppTest.from_function`` on the sample, as the entry file would call it."""

from toolkit.audiences import rule_matches
from toolkit.domain import Audience
from toolkit.i18n import t
from toolkit.store.audiences import list_audience_members, list_audiences, update_audience
from toolkit.store.register import list_actors
from toolkit.store.workspaces import create_workspace

UNIVERSITIES = "Universidades y centros de conocimiento"
RESIDENTS = "Residentes de la Comuna 13"
UNREACHED = "Pymes exportadoras de Antioquia"


def segments_tab():
    from pages._kit.context import page_context, show_notice
    from pages.audiences import segments
    from pages.audiences.snapshot import snapshot

    ctx = page_context("nav.audiences")
    show_notice("audiences")
    segments.show(ctx, snapshot(ctx))


def reach_tab():
    from pages._kit.context import page_context
    from pages.audiences import reach
    from pages.audiences.snapshot import snapshot

    ctx = page_context("nav.audiences")
    reach.show(ctx, snapshot(ctx))


def new_panel():
    from pages._kit.context import page_context, show_notice
    from pages.audiences import new
    from pages.audiences.snapshot import snapshot

    ctx = page_context("nav.audiences")
    show_notice("audiences")
    new.show(ctx, snapshot(ctx))


def profile_part(name: str):
    import streamlit as st

    from pages._kit.context import page_context, show_notice
    from pages.audiences import profile
    from toolkit.store.audiences import list_audiences

    ctx = page_context("nav.audiences")
    show_notice("audiences")
    if "probe_audience" not in st.session_state:  # as read when the person opened the form
        st.session_state["probe_audience"] = next(
            a for a in list_audiences(ctx.engine, ctx.workspace_id) if a.name == name
        )
    profile.show(ctx, st.session_state["probe_audience"])


def members_part(name: str):
    from pages._kit.context import page_context, show_notice
    from pages.audiences import members
    from pages.audiences.snapshot import snapshot

    ctx = page_context("nav.audiences")
    show_notice("audiences")
    snap = snapshot(ctx)
    members.show(ctx, snap, next(a for a in snap.audiences if a.name == name))


def rule_part():
    import streamlit as st

    from pages._kit.context import page_context
    from pages.audiences.rule import rule_widgets
    from pages.audiences.snapshot import snapshot
    from toolkit.domain import AudienceRule

    ctx = page_context("nav.audiences")
    rule = rule_widgets(
        "probe", AudienceRule(sectors=("academia", "retired_sector"), themes=("paz",)), ctx, snapshot(ctx)
    )
    st.caption(f"sectors={','.join(rule.sectors)} themes={','.join(rule.themes)} stances={','.join(rule.stances)}")


def audience(kit_store, name: str) -> Audience:
    engine, workspace_id = kit_store
    return next(a for a in list_audiences(engine, workspace_id) if a.name == name)


def clean(app) -> None:
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]


# -- segments tab ------------------------------------------------------------------------------


def test_the_segments_tab_shows_the_audiences_and_the_current_ones_strategy(kit_page):
    app = kit_page(segments_tab)
    app.run()
    clean(app)
    picker = app.selectbox(key="audiences_pick")
    assert RESIDENTS in picker.options
    assert t("audiences.strategy.title") in [h.value for h in app.subheader]
    assert t("audiences.profile.title") in [h.value for h in app.subheader]
    assert app.session_state["audiences_current"] == picker.value


def test_the_segments_tab_of_a_workspace_without_audiences_offers_only_the_new_panel(kit_page, kit_store):
    engine, _ = kit_store
    app = kit_page(segments_tab)
    app.session_state["workspace_id"] = create_workspace(engine, "Vacío").id
    app.run()
    clean(app)
    assert [i.value for i in app.info] == [t("audiences.empty")]
    assert not app.subheader
    assert app.text_input(key="audiences_new_name")


def test_deleting_an_audience_asks_first_then_deletes_it(kit_page, kit_store):
    engine, workspace_id = kit_store
    universities = audience(kit_store, UNIVERSITIES)
    app = kit_page(segments_tab)
    app.session_state["audiences_current"] = universities.id
    app.run()
    app.button(key="audiences_delete").click().run()
    assert universities.id in {a.id for a in list_audiences(engine, workspace_id)}  # only asked
    assert t("audiences.delete.question", name=UNIVERSITIES) in [m.value for m in app.markdown]
    # in a browser the dialog's button reruns the dialog alone; AppTest reruns the script, so the
    # dialog is opened again in the same run as the answer
    app.button(key="audiences_delete").click()
    app.button(key="audiences_delete_confirm").click().run()
    clean(app)
    assert universities.id not in {a.id for a in list_audiences(engine, workspace_id)}
    assert app.success[0].value == t("audiences.delete.done", name=UNIVERSITIES)
    assert app.session_state["audiences_current"] != universities.id


# -- reach tab ---------------------------------------------------------------------------------


def test_the_reach_tab_names_the_unreached_priority_audience_and_draws_both_matrices(kit_page):
    app = kit_page(reach_tab)
    app.run()
    clean(app)
    assert [w.value for w in app.warning] == [t("audiences.reach.unreached", names=UNREACHED)]
    assert [h.value for h in app.subheader] == [t("audiences.reach.channels"), t("audiences.reach.messages")]
    channels = app.dataframe[0].value
    assert RESIDENTS in channels.index
    assert t("audiences.reach.state.gap") in set(channels.loc[UNREACHED])


def test_the_reach_tab_without_audiences_says_so(kit_page, kit_store):
    engine, _ = kit_store
    app = kit_page(reach_tab)
    app.session_state["workspace_id"] = create_workspace(engine, "Vacío").id
    app.run()
    clean(app)
    assert [i.value for i in app.info] == [t("audiences.empty")]
    assert not app.dataframe and not app.warning and not app.success


# -- the parts of the segments tab -------------------------------------------------------------


def test_a_public_outside_the_register_is_created_with_its_estimated_size(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(new_panel)
    app.session_state["audiences_new_kind"] = "public"
    app.run()
    assert not app.multiselect  # a public has no rule
    app.text_input(key="audiences_new_name").input("Estudiantes de intercambio")
    app.number_input(key="audiences_new_size").set_value(2500)
    app.button(key="audiences_new_create").click().run()
    clean(app)
    created = audience(kit_store, "Estudiantes de intercambio")
    assert (created.kind, created.estimated_size) == ("public", 2500)
    assert app.session_state["audiences_current"] == created.id
    assert app.success[0].value == t("audiences.new.done", name="Estudiantes de intercambio")
    assert app.text_input(key="audiences_new_name").value == ""  # the panel is ready for the next


def test_a_profile_saved_over_another_persons_change_is_refused_and_keeps_theirs(kit_page, kit_store):
    engine, workspace_id = kit_store
    app = kit_page(profile_part, name=UNIVERSITIES)
    app.run()
    theirs = audience(kit_store, UNIVERSITIES)
    update_audience(engine, workspace_id, Audience(**{**vars(theirs), "needs": "Convocatorias abiertas"}))
    app.text_area[0].input("Descripción nueva")
    app.button[0].click().run()
    assert [e.value for e in app.error] == [t("audiences.errors.audience_changed")]
    stored = audience(kit_store, UNIVERSITIES)
    assert (stored.needs, stored.description) == ("Convocatorias abiertas", theirs.description)


def test_a_profile_is_saved_with_its_messages_one_per_line(kit_page, kit_store):
    app = kit_page(profile_part, name=UNIVERSITIES)
    app.run()
    messages = next(a for a in app.text_area if a.label == t("audiences.fields.messages"))
    messages.input("Investigar con la ciudad\n\ninvestigar con la ciudad\nDatos abiertos")
    app.button[0].click().run()
    clean(app)
    assert app.success[0].value == t("audiences.profile.saved")
    assert audience(kit_store, UNIVERSITIES).messages == ["Investigar con la ciudad", "Datos abiertos"]


def test_a_segment_takes_an_actor_by_hand_and_the_hand_is_undone(kit_page, kit_store):
    engine, workspace_id = kit_store
    universities = audience(kit_store, UNIVERSITIES)
    epm = next(a.id for a in list_actors(engine, workspace_id) if a.name == "Empresas Públicas de Medellín")
    app = kit_page(members_part, name=UNIVERSITIES)
    app.run()
    app.multiselect(key=f"audiences_add_{universities.id}").set_value([epm]).run()
    app.button(key="audiences_add_button").click().run()
    clean(app)
    assert app.success[0].value == t("audiences.members.added", count=1)
    hand = [m for m in list_audience_members(engine, workspace_id) if m.audience_id == universities.id]
    assert [(m.actor_id, m.included) for m in hand] == [(epm, True)]
    assert app.multiselect(key=f"audiences_clear_{universities.id}").options == [
        f"Empresas Públicas de Medellín ({t('audiences.members.why.hand')})"
    ]
    app.multiselect(key=f"audiences_clear_{universities.id}").set_value([epm]).run()
    app.button(key="audiences_clear_button").click().run()
    clean(app)
    assert not [m for m in list_audience_members(engine, workspace_id) if m.audience_id == universities.id]


def test_a_segments_rule_is_saved_and_says_how_many_it_takes(kit_page, kit_store):
    universities = audience(kit_store, UNIVERSITIES)
    app = kit_page(members_part, name=UNIVERSITIES)
    app.run()
    assert app.button(key="audiences_rule_save").disabled  # nothing changed yet
    sectors = f"audiences_rule_{universities.id}_{universities.version}_sectors"
    app.multiselect(key=sectors).set_value(["academia", "media"]).run()
    app.button(key="audiences_rule_save").click().run()
    clean(app)
    stored = audience(kit_store, UNIVERSITIES)
    assert stored.rule.sectors == ("academia", "media")
    engine, workspace_id = kit_store
    taken = rule_matches(list_actors(engine, workspace_id), stored.rule)
    assert app.success[0].value == t("audiences.rule.saved", count=len(taken))


def test_the_rule_offers_a_restored_rules_words_and_returns_what_is_chosen(kit_page):
    app = kit_page(rule_part)
    app.run()
    clean(app)
    sectors = app.multiselect(key="probe_sectors")
    assert sectors.options[-1] == "retired_sector"  # a word the workspace no longer lists, kept
    assert sectors.value == ["academia", "retired_sector"]
    assert "paz" in app.multiselect(key="probe_themes").options
    assert app.caption[-1].value == "sectors=academia,retired_sector themes=paz stances="
    app.multiselect(key="probe_stances").set_value(["ally"]).run()
    assert app.caption[-1].value == "sectors=academia,retired_sector themes=paz stances=ally"


def test_a_public_has_no_rule_or_members_to_edit(kit_page, kit_store):
    residents = audience(kit_store, RESIDENTS)
    app = kit_page(segments_tab)
    app.run()
    app.selectbox(key="audiences_pick").set_value(residents.id).run()
    clean(app)
    assert app.session_state["audiences_current"] == residents.id
    headings = [h.value for h in app.subheader]
    assert t("audiences.profile.title") in headings and t("audiences.rule.title") not in headings
