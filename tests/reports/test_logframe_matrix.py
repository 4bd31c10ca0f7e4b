"""The EU logframe matrix read back: the board's current values, split by sex, framework references."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal
from typing import Any

import docx
import openpyxl
import pypdf
from django.urls import reverse

from steerco.results import selectors as results
from steerco.results.models import Indicator, UpdateState
from steerco.results.rules import number

from ..base import SteercoTestCase
from ..results.world import results_world, update

COLUMNS = [
    "Results chain",
    "Indicators",
    "Baseline (incl. reference year)",
    "Current value (reference date)",
    "Targets (incl. reference year)",
    "Sources and means of verification",
    "Assumptions",
]


class LogframeMatrixTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = results_world(self)
        self.w.kz_update.state = UpdateState.APPROVED
        self.w.kz_update.save()
        update(
            self.w.trained,
            self.year1,
            "KG",
            value=Decimal(7),
            state=UpdateState.APPROVED,
            disaggregated={str(self.w.sex.pk): {"Women": "3", "Men": "4"}},
        )
        Indicator.objects.filter(pk=self.w.trained.pk).update(
            framework_references=[["EURF", "2.5"], ["GERF", "2.12"]]
        )

    def get(self, fmt: str, **query: str) -> Any:
        response = self.client.get(reverse("reports:logframe_file", args=["bomca", fmt]), query)
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_word_file_is_landscape_a4_with_the_annex_c_columns(self) -> None:
        self.login(self.manager)
        document = docx.Document(io.BytesIO(self.get("docx").content))
        section = document.sections[0]
        self.assertGreater(section.page_width, section.page_height)
        self.assertAlmostEqual(section.page_width.mm, 297, delta=1)
        table = document.tables[0]
        self.assertEqual([c.text for c in table.rows[0].cells], COLUMNS)
        text = "\n".join(c.text for r in table.rows for c in r.cells)
        self.assertIn("Impact (overall objective)", text)
        self.assertIn("Outputs", text)
        self.assertIn("EURF 2.5; GERF 2.12", text)
        self.assertIn("27 (as of 2022-03-31)", text)  # KZ 20 + KG 7, at the end of Year 1
        self.assertIn("Women: 11; Men: 16", text)

    def workbook(self, **query: str) -> Any:
        return openpyxl.load_workbook(io.BytesIO(self.get("xlsx", **query).content)).active

    def board_value(self, user: Any, scope: list[str] | None) -> Decimal | None:
        frame = results.frame_of(user, self.bomca)
        indicators = list(results.indicators_of(user, self.bomca))
        board = results.board_for(user, frame, indicators)
        trained = next(i for i in indicators if i.pk == self.w.trained.pk)
        return number(board.value(trained, scope), "number")

    def test_the_workbook_holds_numbers_and_dates_under_the_annex_c_headings(self) -> None:
        Indicator.objects.filter(pk=self.w.trained.pk).update(
            baseline_value=Decimal(5), baseline_date=datetime.date(2020, 12, 31)
        )
        self.login(self.manager)
        sheet = self.workbook()
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        groups, header = rows[4], rows[5]
        self.assertEqual([g for g in groups if g], COLUMNS[2:5])  # the grouped Annex C headings
        self.assertEqual(header[:2], COLUMNS[:2])
        self.assertEqual(header[8:10], COLUMNS[5:7])
        at = next(n for n, r in enumerate(rows) if r[1] and str(r[1]).startswith("1.1.1a"))
        row = rows[at]
        cells = sheet[at + 1]
        # Baseline 5 in 2020; current 27 (KZ 20 + KG 7) at the end of Year 1; target 100 by the end.
        self.assertEqual(row[2:8], [5, 2020, 27, datetime.datetime(2022, 3, 31), 100, 2025])
        self.assertEqual(Decimal(row[4]), self.board_value(self.manager, None))
        self.assertEqual(cells[2].data_type, "n")
        self.assertEqual(cells[4].data_type, "n")
        self.assertIn('"persons"', cells[4].number_format)  # the unit shown by the number format
        self.assertTrue(cells[5].is_date)
        self.assertEqual(cells[3].number_format, "0")  # a year, not 2,020
        self.assertEqual([(r[1], r[4]) for r in rows[at + 1 : at + 3]], [("Women", 11), ("Men", 16)])
        self.assertEqual(sheet.row_dimensions[at + 2].outline_level, 1)
        milestone = next(r for r in rows if r[1] and str(r[1]).startswith("1.1.1b"))
        self.assertEqual(milestone[4], "no data")
        self.assertEqual(milestone[6], "adopted")

    def test_a_coordinator_sees_their_country_only(self) -> None:
        self.login(self.kz_coordinator)
        rows = [list(r) for r in self.workbook().iter_rows(values_only=True)]
        row = next(r for r in rows if r[1] and str(r[1]).startswith("1.1.1a"))
        self.assertEqual(row[4], 20)
        self.assertEqual(Decimal(row[4]), self.board_value(self.kz_coordinator, ["KZ"]))
        cells = {c for r in rows for c in r if c is not None}
        self.assertNotIn(27, cells)
        self.assertNotIn(7, cells)
        self.assertNotIn(11, cells)  # the women of both countries
        self.assertIn(8, cells)
        text = "\n".join(
            c.text
            for t in docx.Document(io.BytesIO(self.get("docx").content)).tables
            for r in t.rows
            for c in r.cells
        )
        self.assertIn("20 (as of 2022-03-31)", text)
        self.assertIn("Women: 8; Men: 12", text)
        pdf = "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(self.get("pdf").content)).pages)
        self.assertIn("Officials trained", pdf)
        self.assertNotIn("Women: 11", pdf)

    def test_intermediate_targets_on_request(self) -> None:
        self.login(self.manager)
        rows = list(
            openpyxl.load_workbook(io.BytesIO(self.get("xlsx", milestones="1").content)).active.iter_rows(
                values_only=True
            )
        )
        self.assertIn("Intermediate targets", rows[4])
        # One column per year, each target a number: Year 1's 30 for Kazakhstan (the manager sees
        # every country, whose year-1 targets are KZ's 30 only).
        header = rows[5]
        column = header.index("2022")
        row = next(r for r in rows if r[1] and str(r[1]).startswith("1.1.1a"))
        self.assertEqual(row[column], 30)
        document = docx.Document(io.BytesIO(self.get("docx", milestones="1").content))
        self.assertIn("2022: 30", "\n".join(c.text for r in document.tables[0].rows for c in r.cells))

    def test_references_are_edited_on_the_indicator_form(self) -> None:
        self.login(self.me_officer)
        url = reverse("results:indicator_edit", args=["bomca", self.w.trained.pk])
        page = self.client.get(url)
        self.assertContains(page, "EURF 2.5\nGERF 2.12")
        form = page.context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
        data.update(
            {
                "result": self.w.output.pk,
                "disaggregations": [self.w.sex.pk],
                "framework_references": "EURF 2.5\n=1+1",
                "version": page.context["form"].initial.get("version", ""),
            }
        )
        for key in ("milestone_statuses", "computation_params"):
            data.pop(key, None)
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "has no code", status_code=400)
