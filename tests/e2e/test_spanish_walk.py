"""Every page and tab in Spanish, on the sample, as a reader sees it in Chromium: none of the English
words Streamlit writes by itself (the uploader's "Upload", "per file", "Drag and drop"; the
multiselect's "Select all", "No options"; the date field's "yyyy"; "None"; English month names on
the charts' axes) and no "1 <plural>". Only text drawn on screen counts: a word the page kit's style
sheet draws at size 0 and replaces (pages/_kit/look.py) is not read, the word drawn instead is.
Texts drawn on a canvas (the tables' cells) cannot be read here; tests/pages/kit/test_look.py checks
the tables' settings.
"""

import re

import pytest

pytestmark = pytest.mark.e2e

PAGES = [
    "",
    "actores",
    "contactos",
    "mapa",
    "consultas",
    "audiencias",
    "campanas",
    "hoja-de-ruta",
    "indicadores",
    "informes",
    "actividad",
    "equipo",
    "ajustes",
]
ENGLISH = ["Upload", "Drag and drop", "per file", "Select all", "No options", "yyyy", "Add:", "Browse files"]
WORDS = re.compile(r"\bNone\b|\bempty\b")
MONTHS = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4}\b")
ONE_PLURAL = re.compile(
    r"\b1 (actores|consultas|cargos|relaciones|contactos|filas|campañas|hitos|indicadores|audiencias|miembros"
    r"|personas|días)\b"
)

# the text a reader sees: text nodes whose element is drawn with a size, and what CSS draws after one
SHOWN_TEXT = """() => {
  const parts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode, element = node.parentElement;
    if (!element || !node.textContent.trim() || element.closest('script, style, noscript')) continue;
    const style = getComputedStyle(element);
    if (parseFloat(style.fontSize) === 0 || style.visibility === 'hidden' || style.display === 'none') continue;
    if (!element.getClientRects().length) continue;
    parts.push(node.textContent);
  }
  for (const element of document.body.querySelectorAll('*')) {
    const after = getComputedStyle(element, '::after').content;
    if (after && after !== 'none' && after !== 'normal' && after !== '""') parts.push(after.replace(/^"|"$/g, ''));
  }
  return parts.join('\\n');
}"""


def settle(page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_function("() => !document.querySelector('[data-testid=stStatusWidget]')", timeout=60_000)
    page.wait_for_timeout(600)


def problems(text: str) -> list[str]:
    found = [word for word in ENGLISH if word in text]
    found += [m.group(0) for pattern in (WORDS, MONTHS, ONE_PLURAL) for m in pattern.finditer(text)]
    return sorted(set(found))


def open_app(page, app_url) -> None:
    """The app's root first, until its navigation is drawn: on a fresh server the first link to a page
    is Streamlit's "Page not found" until ``app.py`` has run once."""
    page.goto(app_url)
    page.wait_for_selector("[data-testid=stSidebarNav]", timeout=60_000)
    settle(page)


def walk(page, app_url):
    """Yield (where, shown text) for every page and every tab."""
    for path in PAGES:
        page.goto(f"{app_url}/{path}")
        page.wait_for_selector("[data-testid=stMain]")
        settle(page)
        tabs = page.locator("[data-testid=stMain] [role=tab]")
        count = tabs.count()
        for index in range(max(count, 1)):
            if count:
                tabs.nth(index).click()
                settle(page)
            yield f"/{path} tab {index}", page.evaluate(SHOWN_TEXT)


def test_every_page_and_tab_reads_in_spanish(page, app_url):
    open_app(page, app_url)
    found = {where: bad for where, text in walk(page, app_url) if (bad := problems(text))}
    assert not found, f"English or '1 <plural>' on screen: {found}"


def test_the_widgets_own_words_are_spanish(page, app_url):
    open_app(page, app_url)
    page.goto(f"{app_url}/actores")
    settle(page)
    # the register's sector filter: its "Select all" is drawn as "Seleccionar todo"
    page.locator(".st-key-actors_sectors").click()
    page.wait_for_selector("[data-testid=stMultiSelectDropdown]")
    shown = page.evaluate(SHOWN_TEXT)
    assert "Seleccionar todo" in shown and "Select all" not in shown
    page.keyboard.press("Escape")
    # the import's uploader: its button, its limit and types, and its words while a file is dragged over
    page.locator("[data-testid=stMain] [role=tab]").nth(3).click()
    settle(page)
    zone = page.locator("[data-testid=stFileUploaderDropzone]").first
    shown = page.evaluate(SHOWN_TEXT)
    assert "Elegir archivo" in shown and "Hasta 20 MB por archivo • XLSX" in shown
    transfer = page.evaluate_handle(
        "() => { const d = new DataTransfer(); d.items.add(new File(['x'], 'a.xlsx')); return d; }"
    )
    zone.dispatch_event("dragenter", {"dataTransfer": transfer})
    page.wait_for_timeout(300)
    shown = page.evaluate(SHOWN_TEXT)
    assert "Suelte el archivo aquí" in shown and "Drag and drop" not in shown


def test_inicio_opens_the_import_tab_it_promises(page, app_url):
    open_app(page, app_url)
    page.get_by_role("link", name=re.compile("Importar")).first.click()
    page.wait_for_url(re.compile(r"/actores\?tab=import"))
    settle(page)
    selected = page.locator("[data-testid=stMain] [role=tab][aria-selected=true]")
    assert selected.inner_text().strip() == "Importar desde Excel"
