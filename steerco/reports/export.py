"""Tables to .xlsx and .csv: numbers as numbers, dates as dates, user text never run as a formula.

The workbook streams (XlsxWriter's constant-memory mode): each row goes to disk as it is written, so a
worker's memory does not grow with the table. Column widths are measured on the way and set at the end.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import xlsxwriter
from django.http import HttpRequest, HttpResponse

from steerco.core.uploads import download_response

from .render import NOT_IN_XML
from .tables import FIGURES, Column, Row, Table, Typed, as_row, formula_like, text_of

FORMATS = ("xlsx", "csv")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
ZIP_TYPE = "application/zip"
MIN_WIDTH, MAX_WIDTH, FIGURE_WIDTH = 6, 60, 18
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def requested_format(request: HttpRequest) -> str | None:
    """The export a list page was asked for (`?export=xlsx` or `?export=csv`), or None for the page."""
    fmt = request.GET.get("export", "")
    return fmt if fmt in FORMATS else None


def table_key(table: Table, index: int) -> str:
    """A table's key among its page's tables: its `name`, or its place (1, 2, …) without one."""
    return table.name or str(index + 1)


def export_response(
    tables: Table | Sequence[Table], fmt: str, filename: str, *, chosen: str | None = None
) -> HttpResponse:
    """The table(s) as a download named `filename` with the format's extension.

    A workbook holds every table, a sheet each. A CSV file holds one table: of a page with several,
    the one `chosen` by its key (`?table=handovers`, as the page's export links offer each), or, with
    none chosen, every table as its own CSV file in one .zip, so that no table is ever left out."""
    tables = [tables] if isinstance(tables, Table) else list(tables)
    if fmt != "csv":
        return download_response(render_xlsx(tables), f"{filename}.xlsx", XLSX_TYPE)
    if len(tables) == 1:
        return download_response(render_csv(tables[0]), f"{filename}.csv", CSV_TYPE)
    keys = [table_key(t, i) for i, t in enumerate(tables)]
    if chosen in keys:
        table = tables[keys.index(chosen)]
        return download_response(render_csv(table), f"{filename}-{chosen}.csv", CSV_TYPE)
    return download_response(render_csv_zip(tables, filename), f"{filename}.zip", ZIP_TYPE)


def render_csv_zip(tables: Sequence[Table], filename: str) -> bytes:
    """Every table as a CSV file of its own (`<filename>-<key>.csv`), in one .zip."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, table in enumerate(tables):
            archive.writestr(f"{filename}-{table_key(table, index)}.csv", render_csv(table))
    return buffer.getvalue()


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, Decimal):
        return float(value) if value.is_finite() else None
    return None


def _places(places: int) -> str:
    return "." + "0" * places if places > 0 else ""


def sheet_name(title: str, taken: set[str]) -> str:
    """A valid, unique sheet name: at most 31 characters, none of []:*?/\\."""
    base = SHEET_FORBIDDEN.sub(" ", NOT_IN_XML.sub(" ", title)).strip(" '") or "Sheet"
    name, n = base[:31], 2
    while name.lower() in taken:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(name.lower())
    return name


class _Formats:
    """The workbook's cell formats, made once per workbook and per decimal places asked for."""

    def __init__(self, book: Any) -> None:
        self.book = book
        self.cache: dict[tuple[str, int, str], Any] = {}
        self.title = book.add_format({"bold": True, "font_size": 13})
        self.preamble = book.add_format({"italic": True})
        self.group = book.add_format({"bold": True, "align": "center", "border": 1, "bg_color": "#E8EEF4"})
        self.header = book.add_format(
            {"bold": True, "text_wrap": True, "valign": "top", "border": 1, "bg_color": "#E8EEF4"}
        )
        self.heading = book.add_format({"bold": True, "bg_color": "#F2F2F2", "border": 1})
        self.text = book.add_format({"valign": "top"})
        self.moment = book.add_format({"num_format": "yyyy-mm-dd hh:mm", "valign": "top"})
        self.wrap = book.add_format({"valign": "top", "text_wrap": True})

    def of(self, column: Column, unit: str = "") -> Any:
        key = (column.kind, column.places, unit)
        if key not in self.cache:
            spec = {
                "number": "#,##0" + _places(column.places),
                "money": "#,##0" + _places(column.places),
                "percent": "0" + _places(column.places) + "%",
                "year": "0",
                "date": "yyyy-mm-dd",
            }.get(column.kind)
            if spec and unit:
                spec += f' "{unit}"'  # shown after the number; the cell stays a number
            self.cache[key] = (
                self.book.add_format({"num_format": spec, "valign": "top"}) if spec else self.text
            )
        return self.cache[key]


def _shown_width(column: Column, value: Any) -> int:
    """About how many characters a cell takes on screen, to fit its column."""
    unit_width = len(value.unit) + 1 if isinstance(value, Typed) and value.unit else 0
    if isinstance(value, Typed):
        column, value = Column("", value.kind, value.places), value.value
    if value is None:
        return 0
    if column.kind == "date":
        return 16 if isinstance(value, datetime.datetime) else 10
    number = _number(value)
    if number is not None:
        digits = len(f"{abs(number):,.{column.places}f}") + (1 if number < 0 else 0)
        return digits + (2 if column.kind == "percent" else 0) + unit_width
    return max((len(line) for line in str(value).splitlines()), default=0)


def format_unit(unit: str) -> str:
    """A unit as the literal text of a number format: no quote, backslash or control character."""
    return "".join(ch for ch in NOT_IN_XML.sub("", unit) if ch.isprintable() and ch not in '"\\').strip()[:40]


def _write_cell(sheet: Any, row: int, col: int, column: Column, value: Any, formats: _Formats) -> None:
    unit = ""
    if isinstance(value, Typed):
        unit = format_unit(value.unit) if value.kind != "percent" else ""
        column, value = Column("", value.kind, value.places), value.value
    if value is None or value == "":
        return
    number = _number(value)
    if column.kind in FIGURES and number is not None:
        shown = number / 100 if column.kind == "percent" else number
        sheet.write_number(row, col, shown, formats.of(column, unit))
    elif column.kind == "date" and isinstance(value, datetime.datetime):
        sheet.write_datetime(row, col, value.replace(tzinfo=None), formats.moment)
    elif column.kind == "date" and isinstance(value, datetime.date):
        sheet.write_datetime(row, col, datetime.datetime.combine(value, datetime.time()), formats.of(column))
    else:
        # write_string, never write(): text is stored as text whatever it begins with, so "=1+1" typed
        # into a title stays those four characters in every spreadsheet.
        text = NOT_IN_XML.sub(" ", text_of(value))
        wide = len(text) > (MAX_WIDTH if column.kind == "text" else FIGURE_WIDTH)
        sheet.write_string(row, col, text, formats.wrap if wide else formats.text)


def _write_sheet(book: Any, table: Table, formats: _Formats, taken: set[str]) -> None:
    sheet = book.add_worksheet(sheet_name(table.title, taken))
    width = len(table.columns)
    widths = [min(MAX_WIDTH, max(MIN_WIDTH, len(c.title) // 2 + 2)) for c in table.columns]
    r = 0
    for index, line in enumerate(table.preamble):
        sheet.write_string(r, 0, NOT_IN_XML.sub(" ", line), formats.title if index == 0 else formats.preamble)
        r += 1
    if table.preamble:
        r += 1
    if table.groups:
        c = 0
        for title, span in table.groups:
            if span > 1:
                sheet.merge_range(r, c, r, c + span - 1, title, formats.group)
            elif span == 1:
                sheet.write_string(r, c, title, formats.group)
            c += span
        r += 1
    header = r
    for c, column in enumerate(table.columns):
        sheet.write_string(header, c, column.title, formats.header)
    r += 1
    outlined = False
    for raw in table.rows:
        row = as_row(raw)
        if row.level:
            outlined = True
            sheet.set_row(r, None, None, {"level": row.level, "hidden": table.collapsed})
        if row.heading:
            text = NOT_IN_XML.sub(" ", text_of(row.values[0] if row.values else ""))
            if width > 1:
                sheet.merge_range(r, 0, r, width - 1, text, formats.heading)
            else:
                sheet.write_string(r, 0, text, formats.heading)
        else:
            for c, (column, value) in enumerate(zip(table.columns, row.values, strict=False)):
                _write_cell(sheet, r, c, column, value, formats)
                # A figure column holding a long status or text wraps rather than widening the table.
                cap = MAX_WIDTH if column.kind == "text" else FIGURE_WIDTH
                widths[c] = max(widths[c], min(cap, _shown_width(column, value) + 2))
        r += 1
    for c, w in enumerate(widths):
        sheet.set_column(c, c, w)
    # Printed from the spreadsheet: A4, as wide as the page, the header on every page.
    sheet.set_paper(9)
    if width > 8:
        sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header)
    sheet.freeze_panes(header + 1, 0)
    sheet.autofilter(header, 0, max(header, r - 1), max(0, width - 1))
    if outlined:
        sheet.outline_settings(True, False, True, False)  # the indicator above its breakdown


def render_xlsx(tables: Sequence[Table]) -> bytes:
    """One sheet per table, streamed row by row."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"constant_memory": True, "strings_to_numbers": False})
    formats, taken = _Formats(book), set[str]()
    for table in tables:
        _write_sheet(book, table, formats, taken)
    book.close()
    return buffer.getvalue()


def _csv_value(column: Column, value: Any) -> str:
    if isinstance(value, Typed):
        column, value = Column("", value.kind, value.places), value.value
    if value is None:
        return ""
    number = _number(value)
    if column.kind in FIGURES and number is not None:
        # A figure as a program reads it: no grouping, a point for decimals.
        return format(Decimal(str(value)).normalize(), "f") if not isinstance(value, int) else str(value)
    if column.kind == "date" and isinstance(value, datetime.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if column.kind == "date" and isinstance(value, datetime.date):
        return value.isoformat()
    text = text_of(value)
    # A leading apostrophe is what spreadsheets themselves use to say "this is text, not a formula".
    return "'" + text if formula_like(text) else text


def csv_header(table: Table) -> list[str]:
    """The columns' titles, each under its group when the table has groups ("2024 · Target")."""
    titles = [c.title for c in table.columns]
    if not table.groups:
        return titles
    c = 0
    for group, span in table.groups:
        for i in range(c, min(c + span, len(titles))):
            if group:
                titles[i] = f"{group} · {titles[i]}"
        c += span
    return titles


def render_csv(table: Table) -> bytes:
    """The table as UTF-8 CSV with a byte-order mark, which Excel needs to read Cyrillic right."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(csv_header(table))
    for raw in table.rows:
        row: Row = as_row(raw)
        if row.heading:
            writer.writerow([_csv_value(Column(""), row.values[0] if row.values else "")])
            continue
        writer.writerow([_csv_value(c, v) for c, v in zip(table.columns, row.values, strict=False)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def export_name(programme: Any, what: str) -> str:
    """A download's name without extension: programme, list and day (bomca10-events-2026-12-07)."""
    from django.utils import timezone

    return f"{programme.slug}-{what}-{timezone.localdate().isoformat()}"
