"""The house's rules that a reviewer should not have to count by hand: no page file over 250 lines,
no function over 80 lines anywhere in the app."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = [ROOT / "app.py", *sorted((ROOT / "pages").rglob("*.py")), *sorted((ROOT / "toolkit").rglob("*.py"))]
MAX_PAGE_LINES = 250
MAX_FUNCTION_LINES = 80


def test_no_page_file_is_over_250_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in sorted((ROOT / "pages").rglob("*.py"))
        if (n := len(path.read_text("utf-8").splitlines())) > MAX_PAGE_LINES
    }
    assert not long, f"page files over {MAX_PAGE_LINES} lines: {long}"


def test_no_function_is_over_80_lines():
    long = []
    for path in APP:
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = node.end_lineno - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, "functions over 80 lines:\n" + "\n".join(long)
