"""Issue 13, done when: every file of the corpus (tests/toolkit/spreadsheets/corpus.py) comes in
as a person who knows it expects, through ``python -m toolkit check FILE --json`` and through the
wizard's code path (the functions the wizard calls, in its order, with its default choices), and
both say the same; ``import`` and the wizard's confirm store the same register; this app's own
GEXF and GraphML exports of a corpus network come back as the same graph.

The command line runs in-process (``toolkit.cli.main``, its stdout captured) on one SQLite file
for the whole module: each file goes into workspaces of its own."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass

import networkx as nx
import pytest

from tests.toolkit.spreadsheets.corpus import corpus
from toolkit.cli import CLI_WORDING, main
from toolkit.i18n import t
from toolkit.importing import check_file, import_preview, plan_counts, plan_preview
from toolkit.spreadsheets.choices import field_choices, sheet_choice
from toolkit.spreadsheets.importing import POLICIES, ImportPreview, Plan, merge_groups
from toolkit.spreadsheets.mapping import ColumnMap, SheetLayout, WorkbookLayout, inspect_sheets
from toolkit.spreadsheets.new_terms import NEW, apply_term_choices
from toolkit.spreadsheets.reading import ACCEPTED_EXTENSIONS, UnreadableFile, read_workbook
from toolkit.store import open_store
from toolkit.store.register import list_actors, list_relations
from toolkit.store.workspaces import create_workspace, find_workspace

SHAPES = corpus()
IDS = [shape.name for shape in SHAPES]
COMPARED = ("sector", "scale", "stance", "influence", "interest", "contact_name", "themes", "custom")


@dataclass
class Store:
    url: str
    engine: object


@dataclass
class Wizard:
    preview: ImportPreview
    plan: Plan


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    url = f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'hoja.db'}"
    return Store(url, open_store(url))


def through_the_wizard(engine, workspace_id: int, data: bytes, filename: str) -> Wizard:
    """What pages/actors/import_wizard.py and import_review.py do when the person accepts every
    suggestion: step 1 reads, step 2 keeps each sheet's suggested role, steps 3-4 keep the header
    row and each column's suggested field, step 5 adds the file's new terms, step 6 takes the first
    policy (merge) and keeps apart the rows told apart, step 7 plans against the register."""
    workbook = read_workbook(data, filename)
    auto = inspect_sheets([(sheet.name, sheet.rows) for sheet in workbook.sheets])
    rows = {sheet.name: sheet.rows for sheet in workbook.sheets}
    sheets = []
    for sheet in auto.sheets:
        found = sheet_choice(sheet, sheet.role, rows[sheet.name], sheet.header_row)
        choices = field_choices(found.role)  # the mapping table's options: a field outside them shows as ignore
        columns = [
            ColumnMap(c.index, c.header, c.field if c.field in choices and c.field != "ignore" else None)
            for c in found.columns
        ]
        sheets.append(SheetLayout(found.name, found.role, found.header_row, columns, found.header_depth, found.notes))
    layout = WorkbookLayout(format=auto.format, sheets=sheets)
    preview = check_file(engine, workspace_id, b"", filename, layout=layout, workbook=workbook)
    apply_term_choices(preview, {(term.vocabulary, term.key): NEW for term in preview.new_terms})
    policy = POLICIES[0]
    decisions = {(d.sheet, d.row): "keep" if d.apart else policy for d in preview.duplicates}
    return Wizard(preview, plan_preview(engine, workspace_id, preview, policy, decisions))


def check_json(shape, tmp_path, capsys) -> dict:
    path = tmp_path / shape.filename
    path.write_bytes(shape.data)
    assert main(["check", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def cli_words(problem) -> dict:
    """A problem as ``check --json`` lists it."""
    message = t(CLI_WORDING.get(problem.key, problem.key), **problem.details)
    return {"sheet": problem.sheet, "row": problem.row, "column": problem.column, "message": message}


def stored(engine, workspace_id: int) -> tuple[list, list]:
    """The register as stored: actors by name with the compared fields, relations by names with their own columns."""
    actors = list_actors(engine, workspace_id)
    names = {actor.id: actor.name for actor in actors}
    by_name = sorted((actor.name, *(getattr(actor, f) for f in COMPARED)) for actor in actors)
    relations = sorted(
        (names[r.source], names[r.target], r.type, r.strength, r.directed, r.description, sorted(r.custom.items()))
        for r in list_relations(engine, workspace_id)
    )
    return by_name, relations


@pytest.mark.parametrize("index", range(len(SHAPES)), ids=IDS)
def test_each_file_comes_in_whole_through_check_and_the_wizard(index, store, tmp_path, capsys):
    shape = SHAPES[index]
    report = check_json(shape, tmp_path, capsys)
    workspace = create_workspace(store.engine, f"Asistente {index}")
    wizard = through_the_wizard(store.engine, workspace.id, shape.data, shape.filename)
    preview, plan = wizard.preview, wizard.plan

    # what the file holds, as a person who knows it expects
    assert preview.errors == [] and report["errors"] == []
    assert [actor.name for actor in plan.batch.new_actors] == shape.actors
    assert merge_groups(plan.merges) == shape.merges
    assert set(shape.warnings) <= {w.key for w in preview.warnings}
    assert sorted((term.vocabulary, term.label) for term in preview.new_terms) == sorted(shape.new_terms)
    if shape.relations:
        assert [(r.source, r.target, r.relation.type) for r in preview.relations] == shape.relations
    if shape.format:
        assert preview.format == shape.format
    actors = {actor.name: actor for actor in plan.batch.new_actors}
    for name, (influence, interest) in shape.levels.items():
        assert (actors[name].influence, actors[name].interest) == (influence, interest)
    for name, fields in shape.fields.items():
        assert {field: getattr(actors[name], field) for field in fields} == fields, name

    # check --json says what the wizard shows
    assert report["format"] == preview.format
    assert (report["actors"], report["relations"]) == (len(preview.actors), len(preview.relations))
    assert report["actors"] == len(shape.actors) + sum(len(m["rows"]) for m in shape.merges)
    assert report["merges"] == merge_groups(plan.merges)
    assert [(n["vocabulary"], n["label"], n["rows"]) for n in report["new_terms"]] == [
        (term.vocabulary, term.label, term.rows) for term in preview.new_terms
    ]
    assert report["warnings"] == [cli_words(problem) for problem in preview.warnings]


@pytest.mark.parametrize("index", range(len(SHAPES)), ids=IDS)
def test_import_and_the_wizard_store_the_same_register(index, store, tmp_path, capsys):
    shape = SHAPES[index]
    workspace = create_workspace(store.engine, f"Confirmado {index}")
    wizard = through_the_wizard(store.engine, workspace.id, shape.data, shape.filename)
    outcome = import_preview(store.engine, workspace.id, wizard.preview, POLICIES[0], None, plan_counts(wizard.plan))
    assert not outcome.replanned and outcome.stored.added == len(shape.actors)
    path = tmp_path / shape.filename
    path.write_bytes(shape.data)
    name = f"Consola {index}"
    assert main(["import", str(path), "--workspace", name, "--db", store.url, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    counts = plan_counts(wizard.plan)
    assert report["stored"] == {"added": counts.added, "merged": counts.merged, "relations": counts.relations}
    from_cli = stored(store.engine, find_workspace(store.engine, name).id)
    assert from_cli == stored(store.engine, workspace.id)
    assert sorted(actor[0] for actor in from_cli[0]) == sorted(shape.actors)
    assert len(from_cli[1]) == len(shape.relations)


def test_importing_a_file_again_merges_every_row_into_the_register(store, tmp_path, capsys):
    """A list whose rows repeat, imported twice: the second time every row merges into the
    register (the repeated ones through their first row), nothing is added."""
    shape = next(s for s in SHAPES if s.name == "one organisation four ways")
    path = tmp_path / shape.filename
    path.write_bytes(shape.data)
    for _attempt in range(2):
        assert main(["import", str(path), "--workspace", "Dos veces", "--db", store.url, "--json"]) == 0
        report = json.loads(capsys.readouterr().out)
    assert report["stored"]["added"] == 0 and report["stored"]["merged"] == 5
    workspace = find_workspace(store.engine, "Dos veces")
    assert sorted(a.name for a in list_actors(store.engine, workspace.id)) == sorted(shape.actors)


def test_a_gephi_edge_table_type_is_the_direction():
    shape = next(s for s in SHAPES if s.name == "gephi edges csv")
    preview = check_file(None, None, shape.data, shape.filename)
    assert [r.relation.directed for r in preview.relations] == [False, True, True]
    assert preview.new_terms == []


# -- round trips: this app's exports of a corpus network come back as the same graph ----------

READERS = {"gexf": nx.read_gexf, "graphml": nx.read_graphml}


def graph_of(data: bytes, kind: str) -> tuple[dict, list]:
    """An exported graph by names: nodes' attributes without computed metrics, edges by names."""
    graph = READERS[kind](io.BytesIO(data))
    computed = {"community", "betweenness", "degree", "label"}
    labels = {node: attrs.get("label", node) for node, attrs in graph.nodes(data=True)}
    nodes = {labels[n]: {k: v for k, v in attrs.items() if k not in computed} for n, attrs in graph.nodes(data=True)}
    edges = sorted(
        (labels[u], labels[v], str(attrs.get("type")), str(attrs.get("weight")), str(attrs.get("directed")))
        for u, v, attrs in graph.edges(data=True)
    )
    return nodes, edges


@pytest.mark.parametrize("kind", sorted(READERS))
@pytest.mark.parametrize("source", ["gexf 1.3", "graphml networkx", "kumu workbook"])
def test_export_import_export_gives_the_same_graph(source, kind, store, tmp_path, capsys):
    """A corpus network through the wizard, exported, imported by the command line into a new
    workspace, exported again: the same nodes with their fields and the same edges."""
    shape = next(s for s in SHAPES if s.name == source)
    workspace = create_workspace(store.engine, f"Ida {source} {kind}")
    wizard = through_the_wizard(store.engine, workspace.id, shape.data, shape.filename)
    import_preview(store.engine, workspace.id, wizard.preview)
    first, second = tmp_path / f"primera.{kind}", tmp_path / f"segunda.{kind}"
    assert main(["export", "--workspace", workspace.name, "--out", str(first), "--db", store.url]) == 0
    capsys.readouterr()
    back = f"Vuelta {source} {kind}"
    assert main(["import", str(first), "--workspace", back, "--db", store.url, "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert (report["format"], report["errors"]) == (kind, [])
    # the workspace's own terms travel as their labels and come back as the same terms
    assert sorted((n["vocabulary"], n["label"]) for n in report["new_terms"]) == sorted(shape.new_terms)
    assert main(["export", "--workspace", back, "--out", str(second), "--db", store.url]) == 0
    assert graph_of(second.read_bytes(), kind) == graph_of(first.read_bytes(), kind)
    actors, relations = stored(store.engine, workspace.id)
    returned = stored(store.engine, find_workspace(store.engine, back).id)
    # a relation's own columns (Kumu's Amount Owed) stay in the workbook formats: GEXF and GraphML do not carry them
    assert returned == (actors, [relation[:-1] + ([],) for relation in relations])
    nodes, edges = graph_of(first.read_bytes(), kind)
    assert sorted(nodes) == sorted(shape.actors) and len(edges) == len(shape.relations)


@pytest.mark.parametrize("lang", ["es", "en", "pt", "fr"])
def test_an_unsupported_file_is_told_every_extension_it_may_use(lang):
    """A .docx or a .pdf renamed: the message lists the spreadsheets and the network files the import takes."""
    with pytest.raises(UnreadableFile) as refused:
        read_workbook(b"PK\x03\x04 not read", "acta.docx")
    message = t(refused.value.message_key, lang=lang, **refused.value.details)
    assert ".docx" in message
    assert all(extension in message for extension in ACCEPTED_EXTENSIONS)
