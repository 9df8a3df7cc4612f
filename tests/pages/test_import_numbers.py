"""The import's small tables write their numbers in the reader's locale (issue 16): the wizard's
table of new terms (how many rows bring each) and the consultation's coverage targets (how many of
each) give the grid the 'localized' format, as the kit's tables do."""

from tests.pages.kit.test_page_numbers import grid_formats
from tests.pages.test_consultations_tabs import open_tab
from tests.pages.test_import_terms import CSV, import_steps


def number_formats(app) -> dict[str, str | None]:
    return {name: shape for table in grid_formats(app) for name, (kind, shape) in table.items() if kind == "number"}


def test_the_new_terms_table_counts_rows_in_the_locale(kit_page):
    app = kit_page(import_steps, data=CSV)
    app.run()
    assert not app.exception and not app.error
    assert number_formats(app)["rows"] == "localized"


def test_the_coverage_targets_count_in_the_locale(kit_page):
    app = open_tab(kit_page, "plan")
    assert number_formats(app)["minimum"] == "localized"
