"""Streamlit's own widget words in the reader's language: every page carries the style sheet that
draws the catalog's words in place of the English ones, each uploader says its own limit and types,
and an editable table shows blank cells, readable headers and its save button above the rows."""

import json
import re

import pytest

from pages._kit.look import css_string, style_sheet, upload_hint
from toolkit.i18n import set_language, t


def uploader_page():
    import streamlit as st

    from pages._kit.context import page_context
    from pages._kit.files import upload_panel
    from toolkit.i18n import set_language

    set_language(st.session_state["language"])  # as app.py does on every run
    ctx = page_context("nav.reports")
    upload_panel("kit_upload", "Archivo", ["xlsx", "csv"], ctx.settings)
    st.multiselect("Sectores", ["a", "b", "c"], key="kit_sectors")


def styles(app) -> str:
    return "\n".join(element.proto.body for element in app.get("html"))


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("es", ["Elegir archivo", "Hasta 20 MB por archivo • XLSX, CSV", "Seleccionar todo", "aaaa"]),
        ("pt", ["Escolher arquivo", "Até 20 MB por arquivo • XLSX, CSV", "Selecionar tudo", "aaaa"]),
        ("fr", ["Choisir un fichier", "Jusqu'à 20 Mo par fichier • XLSX, CSV", "Tout sélectionner", "jj"]),
    ],
)
def test_every_page_says_the_widgets_words_in_its_language(kit_page, lang, words):
    app = kit_page(uploader_page)
    app.session_state["language"] = lang
    app.run()
    assert not app.exception
    sheet = styles(app)
    for word in words:
        assert css_string(word) in sheet, word
    drawn = " ".join(re.findall(r"content:([^;]*);", sheet))
    for english in ("Upload", "per file", "Select all", "yyyy", "Drag and drop"):
        assert english not in drawn


def test_the_uploader_names_its_own_limit_and_types(kit_page):
    app = kit_page(uploader_page)
    app.run()
    assert ".st-key-kit_upload_0{--hoja-upload-hint:" in styles(app)


def test_no_catalog_text_can_end_the_style_sheet():
    set_language("es")
    hostile = 'x"}</style><script>alert(1)</script>'
    rule = upload_hint("kit_upload_0", 20, [hostile])
    assert "</style>" not in rule and "<script>" not in rule and rule.count('"') == 2
    assert "</style>" not in style_sheet(20)


def table_page(rows: list[dict], may_edit: bool = True):
    import streamlit as st

    from pages._kit.context import page_context
    from pages._kit.table import editable_table

    page_context("nav.roadmap")
    editable_table(
        "kit_look",
        lambda: rows,
        columns=["id", "version", "delete", "name", "note"],
        column_config={
            "delete": st.column_config.CheckboxColumn("Eliminar", width="small"),
            "name": st.column_config.TextColumn("Nombre", pinned=True),
        },
        diff=lambda before, touched: ([], []),
        save=lambda edits, to_delete: None,
        revision=1,
        may_edit=may_edit,
        column_order=["delete", "name", "note"],
    )


def test_an_editable_table_reads_well(kit_page):
    rows = [{"id": 1, "version": 1, "delete": False, "name": "EPM", "note": None}]
    app = kit_page(table_page, rows=rows)
    app.run()
    assert not app.exception
    order = [type(node).__name__ for node in app.main.children.values()]
    assert order == ["Title", "Block", "Dataframe"]  # the save and reload buttons above the rows
    assert [b.label for b in app.button] == [t("kit.table.save", count=0), t("kit.table.reload")]
    grid = app.main.children[2].proto
    assert grid.placeholder == ""  # an empty note is blank, not "None"
    config = json.loads(grid.columns)
    assert config["delete"]["width"] >= 110  # "Eliminar" whole, not "Elimina…"
    assert not config["name"].get("pinned")  # an editable name is not drawn faded


def test_a_read_only_table_keeps_its_pinned_name_and_blank_cells(kit_page):
    rows = [{"id": 1, "version": 1, "delete": False, "name": "EPM", "note": None}]
    app = kit_page(table_page, rows=rows, may_edit=False)
    app.run()
    grid = app.main.children[1].proto
    assert grid.placeholder == ""
    config = json.loads(grid.columns)
    assert config["name"]["pinned"] is True and "delete" not in config
    assert not app.button
