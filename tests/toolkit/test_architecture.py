"""The layers are a contract (DESIGN, "The house"): toolkit never imports Streamlit, spreadsheets and
network never import the store, no cycles between modules, no private names across modules."""

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import networkx as nx

ROOT = Path(__file__).resolve().parents[2]


def test_the_import_contracts_hold():
    done = subprocess.run([str(Path(sys.executable).parent / "lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_no_module_of_toolkit_imports_itself_through_others():
    graph = grimp.build_graph("toolkit")
    imports = nx.DiGraph()
    for module in graph.modules:
        imports.add_node(module)
        imports.add_edges_from((module, imported) for imported in graph.find_modules_directly_imported_by(module))
    cycles = [sorted(group) for group in nx.strongly_connected_components(imports) if len(group) > 1]
    assert cycles == []


def test_no_private_name_is_imported_from_another_module():
    files = [*(ROOT / "toolkit").rglob("*.py"), *(ROOT / "pages").rglob("*.py"), ROOT / "app.py"]
    found = []
    for path in files:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 0:
                private = [a.name for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
                found += [f"{path.relative_to(ROOT)}:{node.lineno} {node.module}.{name}" for name in private]
    assert found == []
