"""Typing into the register's grid in a real browser. Streamlit draws the table on a canvas
(glide-data-grid) and keeps a hidden ``<table role="grid">`` that says which cell is selected
(``glide-cell-<column>-<row>``, both from 0): the helper steers the selection with the arrow keys
by that table, then types into the cell's editor."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from toolkit.i18n import t

TIMEOUT = 60_000


def wait_for_app(page: Page, timeout: int = TIMEOUT) -> None:
    """The app is drawn and no rerun is running."""
    expect(page.get_by_test_id("stSidebarNav")).to_be_visible(timeout=timeout)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=timeout)


def register_grid(page: Page):
    """The register tab's grid and its hidden table."""
    grid = page.get_by_role("tabpanel", name=t("actors.tab.register", lang="es")).get_by_test_id("stDataFrame").first
    return grid, grid.get_by_role("grid", include_hidden=True)


def type_in_first_row(page: Page, column: str, text: str, timeout: int = TIMEOUT) -> None:
    """Select a cell of the register's first row, move to ``column`` with the arrow keys, type ``text``
    and confirm; done once the save button is enabled. The click lands in the middle of the row (a
    click on the first column could tick "Eliminar")."""
    grid, table = register_grid(page)
    save = page.get_by_role("button", name=t("actors.save", lang="es", count=1))
    header = table.locator("th").filter(has_text=column)
    selected = table.locator('td[aria-selected="true"]')
    page.bring_to_front()  # two pages in one browser: the keys go to the one in front
    for _ in range(4):  # a rerun that lands meanwhile draws the grid again (its headers too): try again
        wait_for_app(page, timeout)
        expect(header).to_have_count(1, timeout=timeout)
        target = (int(header.get_attribute("aria-colindex")) - 1, 0)
        box = grid.bounding_box()
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + 35 + 17)
        if not _select(page, selected, target):
            page.keyboard.press("Escape")
            continue
        page.keyboard.press("Enter")  # opens the cell's editor (typing straight onto the cell was not always taken)
        editor = page.locator("#portal textarea, #portal input").first
        try:
            expect(editor).to_be_visible(timeout=10_000)
        except AssertionError:
            page.keyboard.press("Escape")
            continue
        editor.fill(text)
        editor.press("Enter")
        try:
            expect(save).to_be_enabled(timeout=10_000)
            return
        except AssertionError:
            page.keyboard.press("Escape")
    expect(save).to_be_enabled(timeout=timeout)


def _select(page: Page, selected, target: tuple[int, int]) -> bool:
    """Arrow keys until the hidden table says ``target`` is the selected cell; False if it never is."""
    for _ in range(40):
        try:
            expect(selected).to_have_count(1, timeout=5_000)
        except AssertionError:
            return False
        place = tuple(int(n) for n in selected.get_attribute("id").rsplit("-", 2)[1:])
        if place == target:
            return True
        if place[1] != target[1]:
            page.keyboard.press("ArrowUp" if place[1] > target[1] else "ArrowDown")
        else:
            page.keyboard.press("ArrowRight" if place[0] < target[0] else "ArrowLeft")
        page.wait_for_timeout(200)  # the hidden table follows the selection a moment later
    return False
