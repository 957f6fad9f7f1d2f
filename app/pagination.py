"""What the pager macro (``_macros.html``) reads of a page of rows that is not
Flask-SQLAlchemy's own ``Pagination``: the same names, from the page number and
the number of pages."""

from __future__ import annotations


class PagerFields:
    """Mix into a page of rows that has ``page`` and ``pages``."""

    page: int
    pages: int

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1
