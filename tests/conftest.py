"""Shared fixtures: a store of one's own on a temporary SQLite file, the Medellín sample."""

import io

import pytest
from openpyxl import Workbook

from toolkit.register import load_sample
from toolkit.store import open_store


@pytest.fixture
def engine(tmp_path):
    store = open_store(f"sqlite:///{tmp_path / 'test.db'}")
    yield store
    store.dispose()


@pytest.fixture
def sample_id(engine):
    return load_sample(engine)


@pytest.fixture
def make_xlsx():
    """Build a real .xlsx with openpyxl: ``make_xlsx({"Sheet": rows}, merged={"Sheet": ["A1:D1"]})``."""
    return build_xlsx


def build_xlsx(sheets: dict[str, list[list[object]]], merged: dict[str, list[str]] | None = None) -> bytes:
    """A real .xlsx written by openpyxl: sheet name -> rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, rows in sheets.items():
        sheet = workbook.create_sheet(name)
        for row in rows:
            sheet.append(row)
        for cell_range in (merged or {}).get(name, []):
            sheet.merge_cells(cell_range)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
