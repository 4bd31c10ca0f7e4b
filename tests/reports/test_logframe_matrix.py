"""The EU logframe matrix read back: the board's current values, split by sex, framework references."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

import docx
import openpyxl
import pypdf
from django.urls import reverse

from steerco.results.models import Indicator, UpdateState

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

    def test_a_coordinator_sees_their_country_only(self) -> None:
        self.login(self.kz_coordinator)
        rows = list(
            openpyxl.load_workbook(io.BytesIO(self.get("xlsx").content)).active.iter_rows(values_only=True)
        )
        text = "\n".join(str(c) for r in rows for c in r if c)
        self.assertIn("20 (as of 2022-03-31)", text)
        self.assertIn("Women: 8; Men: 12", text)
        self.assertNotIn("27", text)
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
