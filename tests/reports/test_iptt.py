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
        self.assertEqual(rows[4][11], "Year 1")  # the programme's own periods, as it names them
        self.assertEqual(rows[4][14], "Year 2")
        row = next(r for r in rows if r[0] == "1.1.1a")
        self.assertEqual(row[11:14], [30, 20, pytest.approx(20 / 30)])  # Year 1: target 30, 20 trained
        # Year 2: the period targets to date add up to 80; nothing new reported, 20 to date.
        self.assertEqual(row[14:17], [80, 20, 0.25])


class ProgrammeYearTest(SteercoTestCase):
    """BOMCA's year runs from April (Year 1: 2021-04-01 to 2022-03-31); its second year is reported
    by quarters it names FY2 Q1 to FY2 Q4, and it keeps no semesters."""

    def setUp(self) -> None:
        self.w = results_world(self)
        self.w.kz_update.state = UpdateState.APPROVED
        self.w.kz_update.save()
        update(self.w.trained, self.year1, "KG", value=Decimal(7), state=UpdateState.APPROVED)
        self.quarters = []
        for n, (start, end) in enumerate(
            [
                ((2022, 4, 1), (2022, 6, 30)),
                ((2022, 7, 1), (2022, 9, 30)),
                ((2022, 10, 1), (2022, 12, 31)),
                ((2023, 1, 1), (2023, 3, 31)),
            ]
        ):
            self.quarters.append(
                f.period(
                    self.bomca,
                    datetime.date(*start),
                    datetime.date(*end),
                    label=f"FY2 Q{n + 1}",
                    kind="quarter",
                )
            )
        update(self.w.trained, self.quarters[0], "KZ", value=Decimal(5), state=UpdateState.APPROVED)
        update(self.w.trained, self.quarters[2], "KZ", value=Decimal(3), state=UpdateState.APPROVED)
        self.login(self.manager)

    def groups(self, **query: str) -> tuple[list[str], list[Any]]:
        response = self.client.get(reverse("reports:iptt_file", args=["bomca", "xlsx"]), query)
        rows = sheet_rows(response)
        labels = [g for g in rows[4][11:] if g]
        row = next(r for r in rows if r[0] == "1.1.1a")
        actuals = [row[12 + 3 * k] for k in range(len(labels))]
        return labels, actuals

    def board_actuals(self, kind: str) -> list[Decimal | None]:
        from steerco.reports.iptt import all_period_groups

        frame = results.frame_of(self.manager, self.bomca)
        indicators = list(results.indicators_of(self.manager, self.bomca))
        board = results.board_for(self.manager, frame, indicators)
        trained = next(i for i in indicators if i.pk == self.w.trained.pk)
        return [
            number(board.value(trained, None, upto=g.upto), "number")
            for g in all_period_groups(frame.periods, kind, self.bomca.planned_start)
        ]

    def test_years_follow_the_programmes_year(self) -> None:
        labels, actuals = self.groups(kind="year")
        # Year 1 is a period of the programme's; its second year, kept in quarters, is counted from
        # the programme's start: April 2022 to March 2023, not a calendar year.
        self.assertEqual(labels, ["Year 1", "Year 2"])
        self.assertEqual(actuals, [27, 35])  # 20 + 7; then + 5 + 3
        self.assertEqual([Decimal(a) for a in actuals], self.board_actuals("year"))

    def test_quarters_are_the_programmes_own_and_named_as_it_names_them(self) -> None:
        labels, actuals = self.groups(kind="quarter")
        self.assertEqual(labels, ["Year 1 Q4", "FY2 Q1", "FY2 Q2", "FY2 Q3", "FY2 Q4"])
        self.assertEqual(actuals, [27, 32, 32, 35, 35])
        self.assertEqual([Decimal(a) for a in actuals], self.board_actuals("quarter"))

    def test_semesters_are_halves_of_the_programmes_year(self) -> None:
        labels, actuals = self.groups(kind="semester")
        # October to March and April to September: a calendar half would split Year 2's quarters
        # across 2022 H2 and 2023 H1.
        self.assertEqual(labels, ["Year 1 H2", "Year 2 H1", "Year 2 H2"])
        self.assertEqual(actuals, [27, 32, 35])
        self.assertEqual([Decimal(a) for a in actuals], self.board_actuals("semester"))

    def test_the_range_offers_and_selects_the_programmes_periods(self) -> None:
        page = self.client.get(
            reverse("reports:iptt", args=["bomca"]), {"kind": "quarter", "from": "2022-07-01"}
        )
        self.assertContains(page, '<option value="2022-07-01" selected>FY2 Q2</option>', html=False)
        self.assertContains(page, '<option value="2022-12-31">FY2 Q3</option>', html=False)
        labels, actuals = self.groups(kind="quarter", **{"from": "2022-07-01", "to": "2022-12-31"})
        self.assertEqual(labels, ["FY2 Q2", "FY2 Q3"])
        self.assertEqual(actuals, [32, 35])  # values to date: the range chooses the columns only
        rows = sheet_rows(
            self.client.get(
                reverse("reports:iptt_file", args=["bomca", "xlsx"]),
                {"kind": "quarter", "from": "2022-07-01", "to": "2022-12-31"},
            )
        )
        self.assertIn("2022-07-01 – 2022-12-31", rows[2][0])
