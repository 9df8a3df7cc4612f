"""Long lists shown a page at a time: where a page starts and what its controls say."""

from __future__ import annotations

from dataclasses import dataclass

PAGE_SIZES = (50, 100, 200, 500)
DEFAULT_PAGE_SIZE = 100


@dataclass(frozen=True)
class Window:
    """The rows ``offset`` to ``offset + size`` of ``total``."""

    offset: int
    size: int
    total: int

    @property
    def first(self) -> int:
        """The first row shown, counted from 1 (0 when there is none)."""
        return self.offset + 1 if self.total else 0

    @property
    def last(self) -> int:
        return min(self.offset + self.size, self.total)

    @property
    def page(self) -> int:
        return self.offset // self.size + 1

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def previous(self) -> int | None:
        """Where the page before starts, or None on the first page."""
        return max(0, self.offset - self.size) if self.offset else None

    @property
    def next(self) -> int | None:
        """Where the next page starts, or None on the last page."""
        return self.offset + self.size if self.offset + self.size < self.total else None


def page_start(offset: int, size: int, total: int) -> int:
    """A page's first row: ``offset`` moved onto a page boundary and into the list (after deletes
    the last page may be gone).

    >>> page_start(250, 100, 1000), page_start(900, 100, 450), page_start(-5, 100, 10), page_start(300, 100, 0)
    (200, 400, 0, 0)
    """
    if total <= 0:
        return 0
    offset = min(max(0, offset), total - 1)
    return offset - offset % size
