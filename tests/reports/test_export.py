"""The export layer: a table read back from .xlsx and .csv holds numbers, dates and inert text."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest

from steerco.reports.export import render_csv, render_xlsx, sheet_name
from steerco.reports.tables import Column, Row, Table

HOSTILE = ["=1+1", "+1", "-2+3", "@SUM(A1)", "\t=cmd", "\r=cmd", '=HYPERLINK("http://x","y")']


def table(rows: list[Row] | None = None) -> Table:
    return Table(
        title="Events",
        columns=[
            Column("Title"),
            Column("Participants", "number"),
            Column("Women", "percent", 1),
            Column("Start", "date"),
            Column("Value", "money"),
        ],
        rows=rows
        or [
            Row(
                (
                    "Курс для прикордонників",
                    25,
                    Decimal("41.66"),
                    datetime.date(2024, 5, 2),
                    Decimal("1500000"),
                )
            ),
            Row(("Empty", None, None, None, None)),
        ],
        preamble=["Events", "BOMCA 10"],
    )


def open_sheet(data: bytes):  # type: ignore[no-untyped-def]
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_numbers_are_numbers_and_dates_are_dates() -> None:
    sheet = open_sheet(render_xlsx([table()]))
    header = 4  # two preamble lines, a blank line, then the header (1-based)
    assert [c.value for c in sheet[header]] == ["Title", "Participants", "Women", "Start", "Value"]
    first = sheet[header + 1]
    assert first[0].value == "Курс для прикордонників"
    assert first[1].value == 25 and first[1].data_type == "n"
    assert first[2].value == pytest.approx(0.4166) and "%" in first[2].number_format
    assert first[3].value == datetime.datetime(2024, 5, 2) and first[3].is_date
    assert first[4].value == 1500000
    assert sheet.freeze_panes == f"A{header + 1}"
    assert sheet.auto_filter.ref == f"A{header}:E{header + 2}"
    assert sheet.column_dimensions["A"].width >= len("Курс для прикордонників")


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_stays_text_in_the_workbook(text: str) -> None:
    sheet = open_sheet(render_xlsx([table([Row((text, 1, None, None, None))])]))
    cell = sheet.cell(row=5, column=1)
    # XlsxWriter stores a carriage return as its escape, which openpyxl hands back unread.
    assert cell.data_type == "s" and cell.value.replace("_x000D_", "\r") == text


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_like_text_is_quoted_in_csv(text: str) -> None:
    data = render_csv(table([Row((text, 1, None, None, None))]))
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[1][0] == "'" + text


def test_csv_has_a_bom_and_plain_figures() -> None:
    data = render_csv(table())
    assert data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Title", "Participants", "Women", "Start", "Value"]
    assert rows[1] == ["Курс для прикордонників", "25", "41.66", "2024-05-02", "1500000"]
    assert rows[2] == ["Empty", "", "", "", ""]


def test_headings_span_the_row_and_outlined_rows_are_collapsed() -> None:
    rows = [Row(("Outcome 1",), heading=True), Row(("Indicator", 5)), Row(("Women", 2), level=1)]
    data = render_xlsx([Table("IPTT", [Column("Name"), Column("Value", "number")], rows)])
    sheet = open_sheet(data)
    assert "A2:B2" in {str(r) for r in sheet.merged_cells.ranges}
    assert sheet.row_dimensions[4].outline_level == 1 and sheet.row_dimensions[4].hidden


def test_sheet_names_are_valid_and_unique() -> None:
    taken: set[str] = set()
    assert sheet_name("a/b:c" * 20, taken) == ("a b c" * 20)[:31]
    assert sheet_name("a/b:c" * 20, taken).endswith("(2)")
