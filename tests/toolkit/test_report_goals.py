"""The director's report grouped by SDG (issue 20): an annex per goal something is tagged with, in
the goals' order, after the chosen sections and named on the cover; under each, who works on it,
what was consulted and campaigned on, which indicators measure it and which milestones serve it.
Read back from the Word file with python-docx; the command line's ``--by-goal``."""

import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from toolkit.domain import Actor, Workspace
from toolkit.i18n import t
from toolkit.reports import ReportData, assemble_report, report_data, report_docx
from toolkit.store import open_store
from toolkit.store.sample import load_sample
from toolkit.store.strategy import list_sdg_tags
from toolkit.store.workspaces import list_workspaces

TODAY = date(2026, 11, 22)
ROOT = Path(__file__).parents[2]


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> ReportData:
    store = open_store(f"sqlite:///{tmp_path_factory.mktemp('goals') / 'goals.db'}")
    try:
        workspace_id = load_sample(store)
        yield report_data(store, workspace_id, ["cover", "register"], by_goal=True)
    finally:
        store.dispose()


def opened(data: bytes):
    return Document(io.BytesIO(data))


def chapters(document) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == "Heading 1"]


def under(document, heading: str, level: int = 2) -> list[str]:
    """The bullets after a heading of ``level``, up to the next heading."""
    found, inside = [], False
    for paragraph in document.paragraphs:
        if paragraph.style.name.startswith("Heading"):
            if inside:
                break
            inside = paragraph.text == heading and paragraph.style.name == f"Heading {level}"
        elif inside and paragraph.style.name == "List Bullet":
            found.append(paragraph.text)
    return found


def goals_tagged(data: ReportData) -> list[int]:
    return sorted({goal for goals in data.sdg_tags.values() for goal in goals})


def test_an_annex_per_goal_follows_the_chosen_sections_and_the_cover_names_them(sample):
    goals = goals_tagged(sample)
    assert len(goals) >= 3  # the sample tags actors, consultations, campaigns... with several goals
    document = opened(report_docx(assemble_report(sample, ["cover", "register"], "es", TODAY, by_goal=True)))
    expected = [
        t(
            "reports.annex",
            number=number,
            title=t("strategy.report.goal_title", number=goal, name=t(f"strategy.sdg.g{goal}")),
        )
        for number, goal in enumerate(goals, start=2)
    ]
    assert chapters(document) == [t("reports.annex", number=1, title=t("reports.sections.register")), *expected]
    cover = "\n".join(p.text for p in document.paragraphs[:40])
    assert all(title in cover for title in expected)


def test_under_a_goal_are_exactly_the_actors_and_items_tagged_with_it(sample):
    goal = goals_tagged(sample)[0]
    report = assemble_report(sample, ["register"], "es", TODAY, by_goal=True)
    document = opened(report_docx(report))
    names = {a.id: a.name for a in sample.actors}
    tagged = sorted(
        (names[i] for (kind, i), gs in sample.sdg_tags.items() if kind == "actors" and goal in gs), key=str.casefold
    )
    assert under(document, t("strategy.report.actors"))[: len(tagged)] == tagged[:25]
    section = next(s for s in report.sections if s.key == f"sdg_{goal}")
    figures = section.blocks[0]
    assert figures.items[0] == (t("strategy.entities.actors"), str(len(tagged)))


def test_in_english_the_goals_have_their_english_names(sample):
    goal = goals_tagged(sample)[0]
    document = opened(report_docx(assemble_report(sample, ["register"], "en", TODAY, by_goal=True)))
    name = t(f"strategy.sdg.g{goal}", lang="en")
    assert t("reports.annex", lang="en", number=2, title=f"SDG {goal}: {name}") in chapters(document)


def test_without_tags_the_annex_says_how_to_tag_and_without_the_option_there_is_none():
    data = ReportData(Workspace("Medellín"), actors=[Actor('=HYPERLINK("http://x")', id=1)], sdg_tags={})
    document = opened(report_docx(assemble_report(data, ["register"], "es", TODAY, by_goal=True)))
    assert chapters(document)[-1] == t("reports.annex", number=2, title=t("strategy.report.title"))
    assert t("strategy.report.none") in [p.text for p in document.paragraphs]
    plain = opened(report_docx(assemble_report(data, ["register"], "es", TODAY)))
    assert len(chapters(plain)) == 1


def test_a_hostile_name_is_written_as_text():
    hostile = "<script>alert(1)</script> =cmd"
    data = ReportData(Workspace("Medellín"), actors=[Actor(hostile, id=1)], sdg_tags={("actors", 1): [11]})
    document = opened(report_docx(assemble_report(data, ["register"], "es", TODAY, by_goal=True)))
    assert under(document, t("strategy.report.actors")) == [hostile]


def test_the_command_line_writes_the_report_grouped_by_goal(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    run = lambda *args: subprocess.run(  # noqa: E731
        [sys.executable, "-m", "toolkit", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )
    assert run("sample", "--workspace", "Medellín", "--db", db).returncode == 0
    out = tmp_path / "informe.docx"
    result = run("export", "--workspace", "Medellín", "--out", str(out), "--db", db, "--by-goal")
    assert result.returncode == 0, result.stderr
    store = open_store(db)
    try:
        workspace_id = next(w.id for w in list_workspaces(store) if w.name == "Medellín")
        goals = sorted({g for gs in list_sdg_tags(store, workspace_id).values() for g in gs})
    finally:
        store.dispose()
    last = t("strategy.report.goal_title", number=goals[-1], name=t(f"strategy.sdg.g{goals[-1]}"))
    assert chapters(opened(out.read_bytes()))[-1].endswith(last)
