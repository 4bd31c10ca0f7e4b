"""Export tables as a page fragment, a Word file and a PDF: the donor tables' other three renderings.

The same `tables.Table` the workbook is written from: grouped header cells, full-width heading rows
and outlined rows (shown indented) come out alike in every format.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from docx import Document as new_docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

from .render import a4, xml_safe
from .tables import FIGURES, Row, Table, as_row, cell_text, is_figure


@dataclass(frozen=True)
class ShownCell:
    text: str
    numeric: bool


@dataclass(frozen=True)
class ShownRow:
    cells: list[ShownCell]
    heading: bool
    level: int


@dataclass(frozen=True)
class ShownTable:
    """A table with its cells turned to text once, for the template and the Word file."""

    title: str
    preamble: list[str]
    groups: list[tuple[str, int]]
    columns: list[str]
    numeric: list[bool]
    rows: list[ShownRow]
    width: int


def shown(table: Table) -> ShownTable:
    rows: list[ShownRow] = []
    for raw in table.rows:
        row: Row = as_row(raw)
        if row.heading:
            text = cell_text(table.columns[0], row.values[0] if row.values else "")
            rows.append(ShownRow([ShownCell(text, False)], True, row.level))
            continue
        cells = [
            ShownCell(cell_text(c, v), is_figure(c, v))
            for c, v in zip(table.columns, row.values, strict=False)
        ]
        rows.append(ShownRow(cells, False, row.level))
    return ShownTable(
        title=table.title,
        preamble=list(table.preamble),
        groups=list(table.groups),
        columns=[c.title for c in table.columns],
        numeric=[c.kind in FIGURES for c in table.columns],
        rows=rows,
        width=len(table.columns),
    )


def render_grid_html(tables: Sequence[ShownTable]) -> str:
    return render_to_string("reports/_grid.html", {"tables": tables})


def render_grid_pdf(tables: Sequence[ShownTable], title: str) -> bytes:
    """The tables on landscape A4 pages, as wide donor tables are printed."""
    from weasyprint import HTML

    from .fetcher import StaticOnlyFetcher

    html = render_to_string("reports/grid_print.html", {"tables": tables, "title": title})
    return HTML(string=html, url_fetcher=StaticOnlyFetcher()).write_pdf()  # type: ignore[no-any-return]


def render_grid_docx(tables: Sequence[ShownTable], title: str, *, landscape: bool = True) -> bytes:
    tables = xml_safe(list(tables))
    docx = new_docx()
    a4(docx, landscape=landscape)
    style = docx.styles["Normal"]
    style.font.name = "Calibri"  # type: ignore[attr-defined]
    style.font.size = Pt(8)  # type: ignore[attr-defined]
    docx.core_properties.title = title
    for index, table in enumerate(tables):
        if index:
            docx.add_page_break()
        for n, line in enumerate(table.preamble or [table.title]):
            if n == 0:
                docx.add_heading(line, level=1)
            else:
                docx.add_paragraph(line).runs[0].italic = True
        _docx_table(docx, table)
    buffer = io.BytesIO()
    docx.save(buffer)
    return buffer.getvalue()


def _docx_table(docx: Any, table: ShownTable) -> None:
    head = 2 if table.groups else 1
    grid = docx.add_table(rows=head, cols=table.width)
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    if table.groups:
        c = 0
        for text, span in table.groups:
            if span <= 0:
                continue
            cell = grid.rows[0].cells[c]
            if span > 1:
                cell = cell.merge(grid.rows[0].cells[c + span - 1])
            cell.text = text
            if text:
                cell.paragraphs[0].runs[0].bold = True
                cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            c += span
    header = grid.rows[head - 1].cells
    for c, text in enumerate(table.columns):
        header[c].text = text
        header[c].paragraphs[0].runs[0].bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        if row.heading:
            merged = cells[0].merge(cells[-1]) if table.width > 1 else cells[0]
            merged.text = row.cells[0].text
            merged.paragraphs[0].runs[0].bold = True
            continue
        for c, shown_cell in enumerate(row.cells):
            paragraph = cells[c].paragraphs[0]
            prefix = "    " * row.level if c == 1 else ""  # a breakdown reads indented under its indicator
            paragraph.add_run(prefix + shown_cell.text)
            if shown_cell.numeric:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    docx.add_paragraph()
