"""Long lists: one declared shape (sortable columns, searched fields, page size) read from `?sort=`, `?q=`
and `?page=`, with every link keeping the page's own filters.

A list page builds its queryset through its selector, filters included, and hands it to
`shape.read(request, rows)`. What comes back holds the rows searched and sorted (all of them: the
export and the totals read those, never one page of them), the page of them to show, and the links
of the headers and the pager. `sort` is looked up in the declared columns, so an unknown value falls
back to the default and nothing from the address ever reaches `order_by`; the search is `icontains`
over the declared fields (every word must be found in one of them); a page number that is no number
shows the first page, one past the end the last.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest, QueryDict

from .content import CONTENT_LANGUAGES, localized_name, order_by_shown, translated_fields

SEARCH_MAX = 200  # characters of `q` kept: a search longer than that is a paste, not a search
# Control characters never match a typed text, and PostgreSQL refuses a NUL in a parameter.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class Sortable:
    """A column the list sorts by: its name in `?sort=`, its heading, and the fields it orders by."""

    key: str
    label: Any  # a lazily translated heading
    order: tuple[str, ...]


@dataclass(frozen=True)
class Header:
    """A sortable column's heading as the template draws it."""

    label: Any
    href: str
    aria_sort: str  # "ascending", "descending" or "none"
    css: str = ""


@dataclass(frozen=True)
class ListShape:
    """What a list page may be sorted by and searched in. `default` is a column key, "-" first for
    descending; the primary key ends every ordering so that pages never share or lose a row."""

    columns: tuple[Sortable, ...]
    default: str
    search: tuple[str, ...] = ()
    page_size: int = 50

    def __post_init__(self) -> None:
        if self.default.removeprefix("-") not in {c.key for c in self.columns}:
            raise ValueError(f"default sort {self.default!r} is not a declared column")

    def column(self, key: str) -> Sortable | None:
        return next((c for c in self.columns if c.key == key), None)

    def read(self, request: HttpRequest, rows: QuerySet[Any]) -> Listing:
        return Listing(self, request.GET, rows)


def search_text(value: str) -> str:
    """What is searched for: the typed text without control characters, trimmed, at most SEARCH_MAX."""
    return _CONTROL.sub(" ", value).strip()[:SEARCH_MAX].strip()


def _translated(model: type[Model], path: str) -> bool:
    """Does `path` (`title`, `budget_line__label`) end at a text with a version per language?"""
    *through, last = path.split("__")
    for name in through:
        related = model._meta.get_field(name).related_model
        if not isinstance(related, type):
            return False
        model = related
    return last in translated_fields(model)


def _versions(model: type[Model], path: str) -> list[str]:
    """A field's path and, when it has a version per language (an event's title), each version's."""
    if _translated(model, path):
        return [localized_name(path, code) for code in CONTENT_LANGUAGES]
    return [path]


def searched(rows: QuerySet[Any], text: str, fields: Sequence[str]) -> QuerySet[Any]:
    """The rows in which every word of `text` is found (case aside) in at least one of `fields`, in any
    language's version of a translated text: a Russian reader finds an event by its English title."""
    if not fields:
        return rows
    columns = [column for name in fields for column in _versions(rows.model, name)]
    for word in text.split():
        match = Q()
        for column in columns:
            match |= Q(**{f"{column}__icontains": word})
        rows = rows.filter(match)
    return rows


def _ordering(model: type[Model], name: str, descending: bool) -> Any:
    """One field of an ordering; a translated text sorts by the version the reader sees."""
    if _translated(model, name):
        shown = order_by_shown(name).expression
        return shown.desc() if descending else shown.asc()
    return f"-{name}" if descending else name


class Listing:
    """One reading of a list page's address against its shape."""

    def __init__(self, shape: ListShape, query: QueryDict, rows: QuerySet[Any]) -> None:
        self.shape = shape
        self.query = query.copy()
        self.query.pop("export", None)
        self.q = search_text(query.get("q", ""))
        asked = query.get("sort", "")
        chosen = shape.column(asked.removeprefix("-"))
        self.sort_param = asked if chosen is not None else ""
        spec = asked if chosen is not None else shape.default
        self.descending = spec.startswith("-")
        sorted_by = shape.column(spec.removeprefix("-"))
        assert sorted_by is not None  # the default is checked when the shape is declared
        self.sorted_by: Sortable = sorted_by
        order = [_ordering(rows.model, f, self.descending) for f in self.sorted_by.order]
        self.rows = searched(rows, self.q, shape.search).order_by(*order, "-pk" if self.descending else "pk")
        self._page_number = query.get("page", "")
        self._count: int | None = None

    # The rows

    def count_is(self, count: int) -> None:
        """Give the number of rows when a totals query counted it already: the pager then asks no more."""
        self._count = count

    @cached_property
    def page(self) -> Page:
        paginator = Paginator(self.rows, self.shape.page_size)
        if self._count is not None:
            paginator.__dict__["count"] = self._count  # Paginator.count is a cached property
        return paginator.get_page(self._page_number)

    @property
    def count(self) -> int:
        return self._count if self._count is not None else self.page.paginator.count

    @property
    def searching(self) -> bool:
        return bool(self.q)

    # Links

    def href(self, **changes: str | int | None) -> str:
        """The page's address with its filters, search and sort, and `changes` (None removes a key)."""
        query = self.query.copy()
        for key, value in changes.items():
            if value is None or value == "":
                query.pop(key, None)
            else:
                query[key] = str(value)
        encoded = query.urlencode()
        return "?" + encoded if encoded else "?"

    def page_href(self, number: int) -> str:
        return self.href(page=None if number == 1 else number)

    def header(self, key: str, css: str = "") -> Header:
        """A column's heading: sorted by it, the link turns the order round; else it sorts by it."""
        column = self.shape.column(key)
        if column is None:
            raise KeyError(key)
        active = column == self.sorted_by
        if active:
            aria = "descending" if self.descending else "ascending"
            target = column.key if self.descending else "-" + column.key
        else:
            aria, target = "none", column.key
        # A new order starts again on the first page.
        return Header(column.label, self.href(sort=target, page=None), aria, css)

    def kept_fields(self) -> list[tuple[str, str]]:
        """What a search form must send along besides its own fields: the chosen sort."""
        return [("sort", self.sort_param)] if self.sort_param else []
