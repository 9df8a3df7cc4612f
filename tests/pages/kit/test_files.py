"""Upload and download panels: the app's size limit on every upload, the right type on every download."""

from toolkit.i18n import t


def files_page():
    import streamlit as st

    from pages._kit.context import page_context
    from pages._kit.files import download_button, reset_upload, upload_panel

    ctx = page_context("nav.reports")
    upload = upload_panel("kit_upload", "Archivo", ["xlsx"], ctx.settings)
    st.write("none" if upload is None else upload.name)
    download_button("Descargar", b"PK\x03\x04", "informe.xlsx", key="kit_download")
    if st.button("Vaciar", key="kit_reset"):
        reset_upload("kit_upload")
        st.rerun()


def test_the_upload_says_its_limit_and_the_download_its_type(kit_page):
    app = kit_page(files_page)
    app.run()
    assert not app.exception
    uploader = app.get("file_uploader")[0]
    assert uploader.proto.help == t("import.upload_help", limit=20)
    assert uploader.proto.max_upload_size_mb == 20
    download = app.get("download_button")[0]
    assert download.proto.label == "Descargar"
    assert app.markdown[0].value == "none"


def test_an_emptied_uploader_is_a_new_widget(kit_page):
    app = kit_page(files_page)
    app.run()
    before = app.get("file_uploader")[0].proto.id
    app.button(key="kit_reset").click().run()
    assert app.get("file_uploader")[0].proto.id != before


def test_a_download_built_when_clicked_is_built_as_the_person_and_in_the_language_shown():
    """Streamlit builds a deferred download in another thread, where nobody acts (every use case
    refused the backup of Informes, and the activity feed's CSV) and the language is Spanish."""
    import threading

    from pages._kit.files import as_shown
    from toolkit import access, i18n

    person = access.Person(7, "ana")
    with access.acting_as(person):
        i18n.set_language("en")
        build = as_shown(lambda: (access.current(), i18n.language()))
        i18n.set_language("es")
    seen = []
    worker = threading.Thread(target=lambda: seen.append(build()))
    worker.start()
    worker.join()
    assert seen == [(person, "en")]
