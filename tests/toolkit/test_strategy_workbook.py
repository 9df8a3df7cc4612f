"""The analysis workbook, written from the command line on the sample and read back with openpyxl:
the metrics with brokerage roles and salience classes, and the MACTOR matrices."""

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).parents[2]


def run(*args):
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args], cwd=ROOT, capture_output=True, text=True, timeout=180
    )


def test_export_view_analysis_writes_the_analysis_workbook(tmp_path):
    db = f"sqlite:///{tmp_path / 'cli.db'}"
    assert run("sample", "--workspace", "Medellín", "--db", db).returncode == 0
    out = tmp_path / "analisis.xlsx"
    result = run("export", "--workspace", "Medellín", "--out", str(out), "--view", "analysis", "--db", db)
    assert result.returncode == 0, result.stderr
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[:4] == [
        "Métricas",
        "Influencias directas (MID)",
        "Directas e indirectas (MIDI)",
        "Relación de fuerzas",
    ]
    metrics = list(book["Métricas"].values)
    headers = metrics[0]
    for column in ("Coordinador", "Guardián", "Representante", "Consultor", "Enlace", "Clase", "Poder"):
        assert column in headers
    rows = {row[0]: dict(zip(headers, [*row, *[None] * len(headers)], strict=False)) for row in metrics[1:]}
    assert len(rows) == 90
    assert rows["Alcaldía de Medellín"]["Clase"] == "Definitivo"
    assert rows["Agencia de Cooperación e Inversión de Medellín y el Área Metropolitana"]["Enlace"] > 0
    mid = list(book["Influencias directas (MID)"].values)
    names = list(mid[0][1:])
    assert len(names) == 14 and [row[0] for row in mid[1:]] == names
    alcaldia, aci = (
        names.index("Alcaldía de Medellín"),
        names.index("Agencia de Cooperación e Inversión de Medellín y el Área Metropolitana"),
    )
    assert mid[1 + alcaldia][1 + aci] == 4  # the sample's direct influence of the Alcaldía on the ACI
    balance = {row[0]: row for row in list(book["Relación de fuerzas"].values)[1:]}
    assert max(balance.values(), key=lambda row: row[3])[0] == "Alcaldía de Medellín"
    assert sum(row[3] for row in balance.values()) == pytest.approx(14, abs=0.01)
    mobilised = list(book["Movilización por objetivo"].values)
    assert len(mobilised) == 1 + 5
    assert "Convergencias (3CAA)" in book.sheetnames and "Divergencias (3DAA)" in book.sheetnames
