"""``python -m toolkit export --out x.docx`` writes the report, as a user's script would run it."""

import io
import subprocess
import sys
from pathlib import Path

from docx import Document

from toolkit.i18n import t
from toolkit.reports import SECTIONS

ROOT = Path(__file__).parents[2]


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )


def test_export_docx_writes_the_whole_report_in_the_workspace_language(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run("sample", "--workspace", "Medellín", "--db", db).returncode == 0
    out = tmp_path / "informes" / "informe.docx"
    result = run("export", "--workspace", "Medellín", "--out", str(out), "--db", db)
    assert result.returncode == 0, result.stderr
    assert str(out) in result.stdout
    document = Document(io.BytesIO(out.read_bytes()))
    assert document.paragraphs[0].text == t("reports.title", lang="es")
    annexes = [key for key in SECTIONS if key not in ("cover", "summary")]
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == [
        t("reports.sections.summary", lang="es"),
        *(
            t("reports.annex", lang="es", number=number, title=t(f"reports.sections.{key}", lang="es"))
            for number, key in enumerate(annexes, start=1)
        ),
    ]
    assert len(document.inline_shapes) == 3  # the actor map, the world map (issue 19), the grid
    assert "PAGE" in document.sections[0].footer._element.xml  # numbered pages
    assert abs(document.sections[0].page_height.cm - 27.94) < 0.05  # Medellín prints on Letter


def test_export_docx_of_an_unknown_workspace_is_one_plain_line(tmp_path):
    result = run(
        "export", "--workspace", "Nadie", "--out", str(tmp_path / "x.docx"), "--db", f"sqlite:///{tmp_path / 'cli.db'}"
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and not (tmp_path / "x.docx").exists()
