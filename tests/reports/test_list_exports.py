"""List exports read back: the page's rows and figures, within the reader's scope, text kept as text."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import openpyxl
from django.urls import reverse

from steerco.results import selectors as results
from steerco.results.models import UpdateState
from steerco.results.rules import number

from ..base import SteercoTestCase
from ..delivery.world import delivery_world, event
from ..results.world import results_world, update


def rows_of(response: Any) -> list[list[Any]]:
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


class ListExportTest(SteercoTestCase):
    def setUp(self) -> None:
        delivery_world(self)
        self.w = results_world(self)

    def test_a_country_coordinator_exports_only_their_country(self) -> None:
        event(self, "KG", title="Kyrgyz workshop", participants_total=77, participants_female=70)
        self.login(self.kz_coordinator)
        response = self.client.get(reverse("delivery:events", args=["bomca"]), {"export": "xlsx"})
        cells = [c for row in rows_of(response) for c in row if c is not None]
        self.assertIn("Training in KZ", cells)
        self.assertNotIn("Kyrgyz workshop", cells)
        self.assertNotIn("Training in KG", cells)
        self.assertNotIn(77, cells)
        self.assertNotIn("KG", cells)

    def test_the_export_follows_the_page_filters(self) -> None:
        self.login(self.manager)
        url = reverse("delivery:events", args=["bomca"])
        rows = csv_rows(self.client.get(url, {"export": "csv", "country": "kg"}))
        self.assertEqual([r[2] for r in rows[1:]], ["Training in KG"])
        self.assertEqual(rows[1][9:12], ["10", "4", "6"])  # participants, women, men

    def test_formula_like_titles_stay_text(self) -> None:
        event(self, "KZ", title='=HYPERLINK("http://evil","x")')
        self.login(self.manager)
        url = reverse("delivery:events", args=["bomca"])
        cells = [c for row in rows_of(self.client.get(url, {"export": "xlsx"})) for c in row]
        self.assertIn('=HYPERLINK("http://evil","x")', cells)
        rows = csv_rows(self.client.get(url, {"export": "csv"}))
        self.assertIn('\'=HYPERLINK("http://evil","x")', [r[2] for r in rows])

    def test_logframe_figures_are_the_boards(self) -> None:
        self.w.kz_update.state = UpdateState.APPROVED
        self.w.kz_update.save()
        update(self.w.trained, self.year1, "KG", value=Decimal(7), state=UpdateState.APPROVED)
        for persona, scope in ((self.manager, None), (self.kz_coordinator, ["KZ"])):
            self.login(persona)
            frame = results.frame_of(persona, self.bomca)
            _nodes, board = results.logframe(persona, frame)
            expected = number(board.standing(self.w.trained, scope).actual, "number")
            response = self.client.get(reverse("results:logframe", args=["bomca"]), {"export": "xlsx"})
            rows = rows_of(response)
            header = rows[0]
            row = next(r for r in rows if r[0] == "1.1.1a")
            with self.subTest(persona=persona.username):
                self.assertEqual(Decimal(str(row[header.index("Value to date")])), expected)
                self.assertEqual(expected, Decimal(27) if scope is None else Decimal(20))
            self.assertTrue(any(r[0] and str(r[0]).startswith("Output 1.1.1") for r in rows))

    def test_headings_in_the_readers_language(self) -> None:
        self.login(self.manager)
        self.manager.language = "ru"
        self.manager.save()
        response = self.client.get(reverse("delivery:events", args=["bomca"]), {"export": "csv"})
        self.assertIn("Участники", csv_rows(response)[0])
