"""The actor filter: the same row of filters wherever the register is narrowed."""

from toolkit.i18n import t


def filter_page(search):
    import streamlit as st

    from pages._kit.actor_filter import actor_filter, any_chosen
    from pages._kit.context import page_context
    from toolkit.actors import filter_actors
    from toolkit.store.register import list_actors

    ctx = page_context("nav.actors")
    actors = list_actors(ctx.engine, ctx.workspace_id)
    wanted = actor_filter("kit_filter", ctx, ["turismo", "innovación"], search=search)
    st.write(f"{any_chosen(wanted)}|{len(filter_actors(actors, wanted))}|{len(actors)}")


def test_nothing_chosen_shows_the_whole_register(kit_page):
    app = kit_page(filter_page, search=True)
    app.run()
    assert not app.exception
    chosen, shown, total = app.markdown[0].value.split("|")
    assert chosen == "False" and shown == total
    assert [m.label for m in app.multiselect] == [
        t("columns.sector"),
        t("columns.scale"),
        t("columns.stance"),
        t("columns.quadrant"),
        t("columns.themes"),
    ]
    assert app.text_input(key="kit_filter_query").label == t("actors.filter.search")


def test_choices_narrow_the_register_and_stances_read_in_words(kit_page):
    app = kit_page(filter_page, search=False)
    app.run()
    assert not app.text_input  # no search box where the page has its own
    app.multiselect(key="kit_filter_sectors").set_value(["academia"]).run()
    chosen, academia, total = app.markdown[0].value.split("|")
    assert chosen == "True" and 0 < int(academia) < int(total)
    stances = app.multiselect(key="kit_filter_stances")
    assert t("vocab.stances.ally") in stances.options
    stances.set_value(["ally"]).run()
    assert int(app.markdown[0].value.split("|")[1]) <= int(academia)
