"""A table as plain data: typed columns and rows, assembled once and rendered to .xlsx and .csv by `export`.

A page that offers an export builds its rows once, from the same selector as its HTML, and hands them
here; the renderers decide how a number, a share, a date or an amount is written, never the page.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, Literal

Kind = Literal["text", "number", "percent", "date", "money", "year"]
# The kinds written as numbers; a year is a number shown without grouping (2024, not 2,024).
FIGURES = ("number", "money", "percent", "year")


@dataclass(frozen=True)
class Typed:
    """A cell whose kind differs from its column's: a share in a column of mixed figures. `unit` is
    shown after the number by the workbook's number format ("27 officials"), the cell staying a number."""

    value: Decimal | int | float | None
    kind: Kind = "number"
    places: int = 1
    unit: str = ""


Value = str | int | float | Decimal | datetime.date | Typed | None


@dataclass(frozen=True)
class Column:
    """One column: its heading and what its cells hold. `places` is the decimals shown; a percent
    column holds percentages already ×100 (41.7 for 41.7 %), as `core.numbers.share` gives them."""

    title: str
    kind: Kind = "text"
    places: int = 0


@dataclass(frozen=True)
class Row:
    """A row of values in column order. `heading` is a full-width row naming a group (a results level);
    `level` is its outline level under the row above (a disaggregation under its indicator)."""

    values: Sequence[Value]
    heading: bool = False
    level: int = 0


@dataclass
class Table:
    """What an export holds: `preamble` lines above the header (title, programme, dates), `groups`
    (heading, number of columns) spanning the header, then the columns and the rows, streamed.
    `name` is the table's stable key among a page's tables (`?export=csv&table=handovers`)."""

    title: str
    columns: list[Column]
    rows: Iterable[Row | Sequence[Value]]
    preamble: list[str] = field(default_factory=list)
    groups: list[tuple[str, int]] = field(default_factory=list)
    collapsed: bool = True  # outlined rows start hidden under their parent
    name: str = ""


def as_row(row: Row | Sequence[Value]) -> Row:
    return row if isinstance(row, Row) else Row(tuple(row))


# What a spreadsheet reads as the start of a formula when it opens a text cell (OWASP's CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_like(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def text_of(value: Any) -> str:
    """A cell of a text column as text: nothing for None, the value's own text otherwise."""
    if value is None:
        return ""
    return str(value)


def cell_text(column: Column, value: Value) -> str:
    """A cell as a page, a Word file or a PDF shows it, through the one number formatter."""
    from steerco.core.numbers import format_number, format_percent

    if isinstance(value, Typed):
        column, value = Column("", value.kind, value.places), value.value
    if value is None:
        return ""
    if column.kind in FIGURES and isinstance(value, (int, float, Decimal)):
        if column.kind == "percent":
            return format_percent(value, column.places)
        if column.kind == "year":
            return str(int(value))
        return format_number(value, column.places)
    if column.kind == "date" and isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if column.kind == "date" and isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def is_figure(column: Column, value: Value) -> bool:
    kind = value.kind if isinstance(value, Typed) else column.kind
    return kind in FIGURES
