"""The IPTT read back from every format: the board's figures, the reader's countries only."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import docx
import openpyxl
import pypdf
import pytest
from django.urls import reverse

from steerco.reports.iptt import percent_met
from steerco.reports.tables import Typed
from steerco.results import selectors as results
from steerco.results.models import Target, UpdateState
from steerco.results.rules import Direction, number

from .. import factories as f
from ..base import SteercoTestCase
from ..results.world import results_world, update


def sheet_rows(response: Any, index: int = 0) -> list[list[Any]]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(r) for r in book.worksheets[index].iter_rows(values_only=True)]


class IpttTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = results_world(self)
        self.w.kz_update.state = UpdateState.APPROVED
        self.w.kz_update.save()
        update(self.w.trained, self.year1, "KG", value=Decimal(7), state=UpdateState.APPROVED)
        Target.objects.create(indicator=self.w.trained, period=self.year1, country="KG", value=Decimal(10))
        self.url = reverse("reports:iptt", args=["bomca"])

    def file(self, fmt: str, **query: str) -> Any:
        response = self.client.get(reverse("reports:iptt_file", args=["bomca", fmt]), query)
        self.assertEqual(response.status_code, 200)
        return response

    def board_actual(self, user: Any, scope: list[str] | None) -> Decimal | None:
        frame = results.frame_of(user, self.bomca)
        indicators = list(results.indicators_of(user, self.bomca))
        board = results.board_for(user, frame, indicators)
        trained = next(i for i in indicators if i.pk == self.w.trained.pk)
        return number(board.value(trained, scope), "number")

    def test_the_workbook_holds_the_boards_figures_under_three_header_rows(self) -> None:
        self.login(self.manager)
        rows = sheet_rows(self.file("xlsx"))
        self.assertEqual(rows[0][0], "Indicator Performance Tracking Table")
        self.assertIn("BOMCA", rows[1][0])
        self.assertIn("as of", rows[2][0])
        groups, header = rows[4], rows[5]
        self.assertEqual(
            header[:8],
            ["No.", "Indicator", "Unit", "Direction", "Cumulative", "#/%", "Baseline", "Baseline year"],
        )
        self.assertEqual(groups[8], "Life of programme")
        row = next(r for r in rows if r[0] == "1.1.1a")
        # Life of programme: target 100, actual 27 (KZ 20 + KG 7), 27 % met.
        self.assertEqual(row[8:11], [100, 27, 0.27])
        self.assertEqual(Decimal(row[9]), self.board_actual(self.manager, None))
        self.assertTrue(any(r[0] and str(r[0]).startswith("Output 1.1.1") for r in rows))

    def test_a_coordinators_files_hold_only_their_country(self) -> None:
        self.login(self.kz_coordinator)
        rows = sheet_rows(self.file("xlsx", rows="country", country="kg"))
        row = next(r for r in rows if r[0] == "1.1.1a")
        self.assertEqual(Decimal(row[9]), self.board_actual(self.kz_coordinator, ["KZ"]))
        cells = {c for r in rows for c in r if c is not None}
        self.assertNotIn(7, cells)
        self.assertNotIn(27, cells)
        self.assertNotIn("Kyrgyzstan", cells)
        text = "\n".join(
            p.text
            for t in docx.Document(io.BytesIO(self.file("docx").content)).tables
            for r in t.rows
            for p in r.cells[1].paragraphs
        )
        self.assertIn("Officials trained", text)
        pages = pypdf.PdfReader(io.BytesIO(self.file("pdf").content)).pages
        self.assertGreater(pages[0].mediabox.width, pages[0].mediabox.height)  # landscape A4
        pdf = "\n".join(page.extract_text() for page in pages)
        self.assertIn("Officials trained", pdf)
        self.assertNotIn("Kyrgyzstan", pdf)

    def test_rows_per_country_and_disaggregations_as_collapsed_outline(self) -> None:
        self.login(self.manager)
        response = self.file("xlsx", rows="country", disaggregations="1")
        book = openpyxl.load_workbook(io.BytesIO(response.content))
        sheet = book.worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        names = [r[1] for r in rows]
        self.assertIn("Kazakhstan", names)
        self.assertIn("Kyrgyzstan", names)
        kz = rows[names.index("Kazakhstan")]
        self.assertEqual(kz[9], 20)
        women = next(i for i, r in enumerate(rows) if r[1] == "Sex: Women")
        self.assertEqual(rows[women][9], 8)
        self.assertEqual(sheet.row_dimensions[women + 1].outline_level, 1)
        self.assertTrue(sheet.row_dimensions[women + 1].hidden)

    def test_key_only_and_hide_empty(self) -> None:
        self.login(self.manager)
        rows = sheet_rows(self.file("xlsx", key="1"))
        codes = [r[0] for r in rows]
        self.assertIn("1.1.1a", codes)
        self.assertNotIn("1.1.1b", codes)
        rows = sheet_rows(self.file("xlsx", empty="hide"))
        self.assertNotIn("1.1.1b", [r[0] for r in rows])  # the milestone has no approved status

    def test_the_full_variant_adds_the_logframes_changes(self) -> None:
        self.login(self.manager)
        book = openpyxl.load_workbook(io.BytesIO(self.file("xlsx", full="1").content))
        self.assertEqual(len(book.worksheets), 2)

    def test_the_page_shows_the_table_and_outsiders_get_404(self) -> None:
        self.login(self.manager)
        response = self.client.get(self.url, {"kind": "quarter"})
        self.assertContains(response, "Officials trained")
        self.assertContains(response, "Life of programme")
        self.login(self.outsider)
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(
            self.client.get(reverse("reports:iptt_file", args=["bomca", "xlsx"])).status_code, 404
        )

    def test_percent_met_follows_direction_and_never_divides_by_zero(self) -> None:
        higher = self.w.trained
        self.assertEqual(percent_met(Typed(Decimal(20)), Typed(Decimal(40)), higher).value, Decimal(50))  # type: ignore[union-attr]
        lower = self.w.trained
        lower.direction = Direction.DECREASE
        self.assertEqual(percent_met(Typed(Decimal(20)), Typed(Decimal(40)), lower).value, Decimal(200))  # type: ignore[union-attr]
        self.assertEqual(percent_met(Typed(Decimal(0)), Typed(Decimal(40)), lower), "n/a")
        lower.direction = Direction.INCREASE
        self.assertEqual(percent_met(Typed(Decimal(5)), Typed(Decimal(0)), lower), "n/a")
        self.assertEqual(percent_met(Typed(Decimal(5)), None, lower), "n/a")
        self.assertIsNone(percent_met(None, None, lower))

    def test_ratios_on_request(self) -> None:
        self.login(self.manager)
        rows = sheet_rows(self.file("xlsx", ratios="1"))
        self.assertIn("Numerator / denominator", rows[5])

    def test_a_period_shows_its_target_before_any_value_is_reported(self) -> None:
        year2 = f.period(self.bomca, datetime.date(2022, 4, 1), datetime.date(2023, 3, 31), label="Year 2")
        Target.objects.create(indicator=self.w.trained, period=year2, country="KZ", value=Decimal(50))
        self.login(self.kz_coordinator)
        rows = sheet_rows(self.file("xlsx"))
        self.assertEqual(rows[4][11], "2022")
        self.assertEqual(rows[4][14], "2023")
        row = next(r for r in rows if r[0] == "1.1.1a")
        self.assertEqual(row[11:14], [30, 20, pytest.approx(20 / 30)])  # Year 1: target 30, 20 trained
        # Year 2: the period targets to date add up to 80; nothing new reported, 20 to date.
        self.assertEqual(row[14:17], [80, 20, 0.25])
