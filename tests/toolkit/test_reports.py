"""The report a team hands to a director or a council: chosen sections only, a Word document that
opens with its headings, tables and pictures, a printable page with nothing that runs or calls
out, hostile names written as plain text, in the language asked for."""

import io
import re
from datetime import date
from html.parser import HTMLParser

import pytest
from docx import Document

from toolkit.domain import Actor, Relation, Workspace
from toolkit.i18n import format_date, format_number, t
from toolkit.reports import (
    SECTIONS,
    Picture,
    ReportData,
    assemble_report,
    build_report,
    report_data,
    report_docx,
    report_html,
)
from toolkit.store import open_store
from toolkit.store.register import list_actors, list_relations
from toolkit.store.sample import load_sample

TODAY = date(2026, 11, 22)


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> ReportData:
    """Everything the report reads from the Medellín sample (one SQLite store for the module)."""
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('reports') / 'reports.db'}")
    try:
        yield report_data(store, load_sample(store), SECTIONS)
    finally:
        store.dispose()


def opened(data: bytes):
    return Document(io.BytesIO(data))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def titles_of(keys, lang: str = "es") -> list[str]:
    """The chapter headings of a report with these sections: the summary, then numbered annexes."""
    annexes = [key for key in keys if key not in ("cover", "summary")]
    found = [t("reports.sections.summary", lang=lang)] if "summary" in keys else []
    return found + [
        t("reports.annex", lang=lang, number=number, title=t(f"reports.sections.{key}", lang=lang))
        for number, key in enumerate(annexes, start=1)
    ]


def all_text(document) -> str:
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


@pytest.mark.parametrize("chosen", [SECTIONS, ("register", "campaigns"), ("indicators", "cover", "map")])
def test_only_the_chosen_sections_appear_in_the_usual_order(sample, chosen):
    report = assemble_report(sample, chosen, "es", TODAY)
    assert report.keys == [key for key in SECTIONS if key in chosen]
    titles = titles_of(report.keys)
    assert headings(opened(report_docx(report)), 1) == titles
    page = report_html(report)
    assert re.findall(r"<h2>(.*?)</h2>", page) == titles
    left_out = [t(f"reports.sections.{key}") for key in SECTIONS if key not in chosen and key != "cover"]
    assert not any(title in h2 for h2 in re.findall(r"<h2>(.*?)</h2>", page) for title in left_out)


def test_the_word_document_has_the_figures_tables_and_pictures(sample):
    report = assemble_report(sample, SECTIONS, "es", TODAY)
    document = opened(report_docx(report))
    text = all_text(document)
    assert document.paragraphs[0].text == t("reports.title") and sample.workspace.name in text
    assert len(document.inline_shapes) == 3  # the actor map, the world map (issue 19) and the power-interest grid
    # key figures of the register, as written in Colombia
    assert format_number(len(sample.actors), "es") in text and format_number(len(sample.relations), "es") in text
    sector_table = next(table for table in document.tables if table.rows[0].cells[0].text == t("columns.sector"))
    assert sum(int(row.cells[1].text) for row in sector_table.rows[1:]) == len(sample.actors)
    # each consultation, each campaign with KPIs, each dimension with indicators has its own heading
    subheadings = headings(document, 2)
    assert all(c.title in subheadings for c in sample.consultations)
    assert {t(f"vocab.dimensions.{d}") for d in ("institutional", "political", "territorial")} <= set(subheadings)
    assert t("reports.roadmap.by_phase") in subheadings
    assert format_date(TODAY, "es") in text


def test_the_roadmap_and_indicators_sections_say_where_things_stand(sample):
    report = assemble_report(sample, ["roadmap", "indicators"], "es", TODAY)
    roadmap, indicators = report.sections
    figures = next(b for b in roadmap.blocks if type(b).__name__ == "Figures")
    assert dict(figures.items)[t("reports.roadmap.milestones")] == format_number(len(sample.milestones), "es")
    phases = next(b for b in roadmap.blocks if type(b).__name__ == "Table")
    assert phases.rows and all(
        row[1]
        in {t(f"reports.roadmap.phase_states.{s}") for s in ("late", "at_risk", "on_track", "done", "no_milestones")}
        for row in phases.rows
    )
    summary = next(b for b in indicators.blocks if type(b).__name__ == "Table")
    assert [row[0] for row in summary.rows] == [
        t(f"vocab.dimensions.{d}") for d in ("institutional", "political", "territorial")
    ]
    assert sum(int(row[1]) for row in summary.rows) == len(sample.indicators)


HOSTILE = ["<img src=x onerror=alert(1)>", "$x$", "Fondo $100 y $\\frac{", "<script>alert('x')</script>"]


@pytest.fixture
def hostile() -> ReportData:
    actors = [
        Actor(name, id=n, sector="academia", influence=5, interest=4, stance=2)
        for n, name in enumerate(HOSTILE, start=1)
    ]
    return ReportData(
        Workspace("<b>Ciudad</b> & $1$", city="Medellín", description="<iframe src=//evil>"),
        actors=actors,
        relations=[Relation(1, 2, id=1), Relation(3, 4, directed=True, id=2)],
        terms={"sectors": [("academia", "<i>Academia</i>")]},
    )


class Tags(HTMLParser):
    """Every tag of a page with its attributes, as a browser would read them."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.found: list[tuple[str, dict]] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, dict(attrs)))


def test_the_printable_page_runs_nothing_asks_nothing_and_shows_names_as_typed(hostile):
    page = report_html(assemble_report(hostile, SECTIONS, "es", TODAY))
    tags = Tags(page).found
    assert {tag for tag, _ in tags} <= {
        "html",
        "head",
        "meta",
        "title",
        "style",
        "body",
        "header",
        "h1",
        "h2",
        "h3",
        "p",
        "section",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "ul",
        "li",
        "div",
        "b",
        "figure",
        "img",
        "figcaption",
    }
    assert all(not name.startswith("on") for _, attrs in tags for name in attrs)
    sources = [attrs.get("src") or attrs.get("href") for _, attrs in tags if "src" in attrs or "href" in attrs]
    assert len(sources) == 2 and all(source.startswith("data:image/svg+xml;base64,") for source in sources)
    assert "url(" not in page and "@import" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;" in page and "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "$x$" in page and "Fondo $100 y $\\frac{" in page  # plain text, never a formula
    assert "&lt;b&gt;Ciudad&lt;/b&gt; &amp; $1$" in page
    assert page.count("data:image/svg+xml;base64,") == 2


def test_the_word_document_keeps_hostile_names_as_plain_text(hostile):
    document = opened(report_docx(assemble_report(hostile, SECTIONS, "es", TODAY)))
    text = all_text(document)
    for name in HOSTILE:
        assert name in text
    assert len(document.inline_shapes) == 2  # "$\frac{" did not break the pictures


@pytest.mark.parametrize("lang", ["en", "pt", "fr"])
def test_the_report_speaks_the_language_chosen(sample, lang):
    report = assemble_report(sample, SECTIONS, lang, TODAY)
    document = opened(report_docx(report))
    assert document.paragraphs[0].text == t("reports.title", lang=lang)
    assert headings(document, 1) == titles_of(SECTIONS, lang)
    text = all_text(document)
    assert format_date(TODAY, lang) in text and t("reports.summary.decisions", lang=lang) in text
    assert t("quadrants.manage_closely", lang=lang) in text and t("vocab.dimensions.political", lang=lang) in text
    assert f'<html lang="{lang}">' in report_html(report)


def test_an_empty_workspace_gives_a_report_that_says_so():
    report = assemble_report(ReportData(Workspace("Nueva")), SECTIONS, "es", TODAY)
    text = all_text(opened(report_docx(report)))
    for key in ("map", "register", "power_interest", "consultations", "campaigns", "roadmap", "indicators"):
        assert t(f"reports.{key}.empty") in text
    assert t("reports.summary.nothing_to_decide") in text


def test_build_report_reads_the_workspace(engine, sample_id):
    report = build_report(engine, sample_id, ["cover", "register"], "es", TODAY)
    assert report.keys == ["cover", "register"]
    text = all_text(opened(report_docx(report)))
    assert format_number(len(list_actors(engine, sample_id)), "es") in text
    assert format_number(len(list_relations(engine, sample_id)), "es") in text


def test_what_changed_says_who_moved_and_the_contacts_of_the_last_three_months(sample):
    from datetime import timedelta

    from toolkit.engagement import change_findings, moves

    since = TODAY - timedelta(days=90)
    report = assemble_report(sample, ["changes"], "es", TODAY)
    document = opened(report_docx(report))
    assert headings(document, 1) == titles_of(["changes"])
    text = all_text(document)
    found = moves(sample.actors, sample.assessments, since, TODAY)
    findings = change_findings(found, since, "es")
    assert found and findings and all(sentence in text for sentence in findings)
    assert all(m.actor.name in text for m in found)  # who moved, by name
    contacts = [i for i in sample.interactions if since <= i.occurred_on <= TODAY]
    figures = document.tables[0]
    assert [c.text for c in figures.rows[1].cells] == [t("reports.changes.contacts"), t("reports.changes.reached")]
    assert [c.text for c in figures.rows[0].cells] == [
        str(len(contacts)),
        str(len({a for i in contacts for a in i.actors})),
    ]
    assert len(contacts) > 0
    page = report_html(report)  # the printable page says the same
    assert all(sentence in page.replace("&laquo;", "«").replace("&raquo;", "»") for sentence in findings)


def test_what_changed_says_so_when_nobody_moved():
    report = assemble_report(ReportData(Workspace("Nueva")), ["changes"], "es", TODAY)
    text = all_text(opened(report_docx(report)))
    assert t("reports.changes.no_moves") in text


# -- the briefing: cover, summary, annexes, page numbers, paper ------------------------------


def body_items(document) -> list[tuple[str, object]]:
    """The document's body in order: ("p", paragraph) or ("table", table)."""
    from docx.table import Table as WordTable
    from docx.text.paragraph import Paragraph as WordParagraph

    found = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            found.append(("p", WordParagraph(element, document)))
        elif element.tag.endswith("}tbl"):
            found.append(("table", WordTable(element, document)))
    return found


def summary_text(document) -> str:
    """The paragraphs from the summary's heading to the next chapter."""
    items = [item for kind, item in body_items(document) if kind == "p"]
    start = next(n for n, p in enumerate(items) if p.style.name == "Heading 1")
    assert items[start].text == t("reports.sections.summary")
    end = next(n for n, p in enumerate(items[start + 1 :], start + 1) if p.style.name == "Heading 1")
    return "\n".join(p.text for p in items[start:end])


def test_the_report_opens_with_a_cover_page_then_a_summary_that_says_the_sample_figures(sample):
    from datetime import timedelta

    from toolkit.engagement import follow_ups
    from toolkit.roadmap import attention

    report = assemble_report(sample, SECTIONS, "es", TODAY, prepared_by="Laura Restrepo")
    document = opened(report_docx(report))
    items = body_items(document)
    first_heading = next(n for n, (kind, item) in enumerate(items) if kind == "p" and item.style.name == "Heading 1")
    cover = [item for kind, item in items[:first_heading]]
    assert all(kind == "p" for kind, _ in items[:first_heading])  # the cover is words, not a table
    cover_text = "\n".join(p.text for p in cover)
    assert cover[0].text == t("reports.title") and cover[0].style.name == "Title"
    for words in (
        sample.workspace.name,
        "Medellín, Colombia",
        format_date(TODAY, "es"),
        "Preparado por Laura Restrepo",
    ):
        assert words in cover_text
    assert 'w:type="page"' in cover[-1]._p.xml  # the summary starts a new page
    assert headings(document, 1)[0] == t("reports.sections.summary")

    said = summary_text(document)
    since = TODAY - timedelta(days=90)
    contacts = [i for i in sample.interactions if since <= i.occurred_on <= TODAY]
    held = [c for c in sample.consultations if c.status in ("held", "synthesised", "closed")]
    found = attention(sample.milestones, TODAY)
    steps = follow_ups(sample.interactions, TODAY).overdue
    names = {a.id: a.name for a in sample.actors}
    for expected in (
        f"{format_number(len(sample.actors), 'es')} actores",
        f"relaciones registradas: {format_number(len(sample.relations), 'es')}",
        f"se registraron {len(contacts)} contactos",
        f"Consultas realizadas: {len(held)} de {len(sample.consultations)} (",
        f"{len(sample.campaigns)} campañas en seguimiento",
        f"{len(sample.indicators)} indicadores",
        f"hitos vencidos: {len(found.overdue)}",
        f"«{found.overdue[0].title}»",
        f"con {names[next(iter(steps[0].actors))]}",
        steps[0].next_step,
        "Universidad de Antioquia",  # the most central actors, as "Qué dice el mapa" says
    ):
        assert expected in said, expected
    assert len(said.split()) < 600  # one page


def test_every_page_but_the_cover_is_numbered_in_the_footer(sample):
    document = opened(report_docx(assemble_report(sample, ["cover", "summary"], "es", TODAY)))
    section = document.sections[0]
    footer = section.footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "Página" in footer
    assert section.different_first_page_header_footer  # the cover has no number
    assert "PAGE" not in section.first_page_footer._element.xml
    without_cover = opened(report_docx(assemble_report(sample, ["register"], "es", TODAY))).sections[0]
    assert not without_cover.different_first_page_header_footer and "PAGE" in without_cover.footer._element.xml


@pytest.mark.parametrize(
    ("country", "paper"),
    [
        ("España", "A4"),
        ("France", "A4"),
        ("Portugal", "A4"),
        ("Brasil", "A4"),
        ("", "A4"),
        ("Colombia", "Letter"),
        ("México", "Letter"),
        ("Estados Unidos", "Letter"),
        ("USA", "Letter"),
    ],
)
def test_the_paper_is_the_one_of_the_workspace_country(country, paper):
    from docx.shared import Cm

    report = assemble_report(ReportData(Workspace("Ciudad", country=country)), ["cover", "summary"], "es", TODAY)
    assert report.paper == paper
    section = opened(report_docx(report)).sections[0]
    width, height = {"A4": (21.0, 29.7), "Letter": (21.59, 27.94)}[paper]
    assert abs(section.page_width - Cm(width)) < Cm(0.05) and abs(section.page_height - Cm(height)) < Cm(0.05)
    assert f"size: {'A4' if paper == 'A4' else 'letter'};" in report_html(report)


def test_every_table_is_preceded_by_a_sentence_that_says_what_it_shows(sample):
    document = opened(report_docx(assemble_report(sample, SECTIONS, "es", TODAY)))
    items = body_items(document)
    tables = [n for n, (kind, _) in enumerate(items) if kind == "table"]
    assert len(tables) > 15
    for n in tables:
        kind, before = items[n - 1]
        assert kind == "p" and not before.style.name.startswith("Heading"), n
        assert len(before.text.split()) >= 6, before.text


def test_the_printable_page_keeps_the_order_and_prints_the_cover_on_its_own_page(sample):
    page = report_html(assemble_report(sample, SECTIONS, "es", TODAY, prepared_by="Laura Restrepo"))
    sections = re.findall(r'<section class="([a-z-]+)">', page)
    assert sections[:3] == ["cover", "summary", "map"]
    assert re.search(r"section\.cover[^{]*\{[^}]*break-after: page", page)
    assert page.index("Preparado por Laura Restrepo") < page.index('<section class="summary">')
    assert re.findall(r"<h2>(.*?)</h2>", page)[0] == t("reports.sections.summary")
    assert "<header>" not in page  # the cover says what the header would
    assert "counter(page)" in page  # printed pages are numbered
    tables = page.count("<table>") + page.count('<div class="figures">')
    assert page.count('<p class="says">') == tables


def test_the_reports_map_is_coloured_and_sized_as_the_map_page_shows_it(engine, sample_id):
    """Issue 15: every export draws the view chosen on the map; the report drew sectors whatever the
    map showed. An unknown colouring (a stale session) falls back to sectors."""

    def map_svg(report) -> str:
        [section] = [s for s in report.sections if s.key == "map"]
        [picture] = [block for block in section.blocks if isinstance(block, Picture)]
        return picture.svg.decode("utf-8")

    by_contact = build_report(engine, sample_id, ["map"], "es", TODAY, map_look=("contact", "degree"))
    assert t("map.colour.contact") in map_svg(by_contact)
    assert t("map.colour.sector") not in map_svg(by_contact)
    stale = build_report(engine, sample_id, ["map"], "es", TODAY, map_look=("<script>", "degree"))
    assert t("map.colour.sector") in map_svg(stale)
