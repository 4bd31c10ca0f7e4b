"""The one budget computation, as of a date: amendments in force, lines, the unallocated remainder, spend,
share used and time elapsed; and the budget page and pack that show it, for every persona."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.urls import reverse
from django.utils import timezone

from steerco.programmes.budget import budget_as_of, elapsed_share
from steerco.programmes.models import Amendment, AmendmentKind, BudgetLine, Expenditure
from steerco.reports.document import Facts, Paragraph, Table
from steerco.reports.pack import build_pack
from tests.base import SteercoTestCase
from tests.steering.world import meeting, steering_world

from .. import factories as f

D = datetime.date


def top_up(programme: object, on: datetime.date, amount: str) -> Amendment:
    return Amendment.objects.create(
        programme=programme,
        signed_on=on,
        kind=AmendmentKind.TOP_UP,
        budget_delta=Decimal(amount),
        justification="More",
    )


class BudgetAsOfTest(SteercoTestCase):
    """BOMCA starts 2021-04-01, ends 2025-09-30, with an initial budget of 1,000,000."""

    def test_the_current_budget_counts_the_amendments_signed_by_the_date(self) -> None:
        top_up(self.bomca, D(2023, 12, 15), "500000")
        self.assertEqual(budget_as_of(self.bomca, D(2023, 12, 14)).current_budget, Decimal("1000000"))
        self.assertEqual(budget_as_of(self.bomca, D(2023, 12, 15)).current_budget, Decimal("1500000"))
        self.assertEqual(budget_as_of(self.bomca, D(2024, 1, 1)).current_budget, Decimal("1500000"))

    def test_use_is_against_the_current_budget_and_the_remainder_is_unallocated(self) -> None:
        top_up(self.bomca, D(2022, 1, 1), "150000")
        line = BudgetLine.objects.create(programme=self.bomca, label="Training", amount=Decimal("1000000"))
        Expenditure.objects.create(
            budget_line=line, period=self.year1, country="KZ", amount=Decimal("920000")
        )
        budget = budget_as_of(self.bomca, D(2022, 6, 1))
        self.assertEqual(budget.current_budget, Decimal("1150000"))
        self.assertEqual(budget.allocated, Decimal("1000000"))
        self.assertEqual(budget.unallocated, Decimal("150000"))
        self.assertEqual(budget.over_allocated, Decimal(0))
        self.assertEqual(budget.used, Decimal("80"))  # 920,000 of 1,150,000, not 92 % of the lines
        self.assertEqual(budget.used_of_lines, Decimal("92"))

    def test_lines_over_the_current_budget_are_said_and_use_stays_against_the_budget(self) -> None:
        line = BudgetLine.objects.create(programme=self.bomca, label="Scanners", amount=Decimal("1250000"))
        Expenditure.objects.create(budget_line=line, period=self.year1, amount=Decimal("250000"))
        budget = budget_as_of(self.bomca, D(2022, 6, 1))
        self.assertEqual(budget.over_allocated, Decimal("250000"))
        self.assertEqual(budget.unallocated, Decimal(0))
        self.assertEqual(budget.used, Decimal("25"))
        self.assertEqual(budget.used_of_lines, Decimal("20"))

    def test_no_lines_means_nothing_allocated_and_nothing_spent(self) -> None:
        budget = budget_as_of(self.bomca, D(2022, 6, 1))
        self.assertEqual((budget.allocated, budget.spent_to_date, budget.used), (0, 0, Decimal(0)))
        self.assertEqual(budget.unallocated, Decimal("1000000"))

    def test_spend_counts_the_periods_begun_by_the_date(self) -> None:
        line = BudgetLine.objects.create(programme=self.bomca, label="Courses", amount=Decimal("1000"))
        later = f.period(self.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")
        Expenditure.objects.create(budget_line=line, period=self.year1, amount=Decimal("100"))
        Expenditure.objects.create(budget_line=line, period=later, amount=Decimal("50"))
        self.assertEqual(budget_as_of(self.bomca, D(2022, 3, 31)).spent_to_date, Decimal("100"))
        self.assertEqual(budget_as_of(self.bomca, D(2022, 4, 1)).spent_to_date, Decimal("150"))
        reviewed = budget_as_of(self.bomca, D(2023, 6, 1), period=self.year1)
        self.assertEqual((reviewed.spent_to_date, reviewed.spent_in_period), (Decimal("100"), Decimal("100")))

    def test_time_elapsed_is_clamped_at_the_start_and_at_the_end_in_force(self) -> None:
        start, end = self.bomca.planned_start, self.bomca.planned_end
        self.assertEqual(elapsed_share(start, end, start - datetime.timedelta(days=1)), 0)
        self.assertEqual(elapsed_share(start, end, end), 1)
        self.assertEqual(elapsed_share(start, end, end + datetime.timedelta(days=400)), 1)
        self.assertLess(elapsed_share(start, end, end - datetime.timedelta(days=1)), 1)
        self.assertEqual(budget_as_of(self.bomca, end).elapsed, 100)
        Amendment.objects.create(
            programme=self.bomca,
            signed_on=D(2025, 1, 1),
            kind=AmendmentKind.NO_COST_EXTENSION,
            new_end_date=D(2026, 9, 30),
            justification="Later deliveries",
        )
        self.assertLess(budget_as_of(self.bomca, end).elapsed, 100)  # the extension is in force by then
        self.assertEqual(budget_as_of(self.bomca, D(2024, 12, 31)).terms.end, end)  # not yet


class BudgetPageTest(SteercoTestCase):
    def setUp(self) -> None:
        super().setUp()
        top_up(self.bomca, D(2022, 1, 1), "150000")
        self.line = BudgetLine.objects.create(programme=self.bomca, label="Courses", amount=Decimal("1000"))
        Expenditure.objects.create(
            budget_line=self.line, period=self.year1, country="KZ", amount=Decimal("125")
        )
        BudgetLine.objects.create(programme=self.bomca, label="Radios", amount=Decimal("999000"))

    def page(self, persona: str, query: str = "") -> str:
        self.login(persona)
        response = self.client.get(reverse("programmes:budget", args=[self.bomca.slug]) + query)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_managers_m_and_e_officers_and_observers_read_it_and_only_managers_see_edit_links(self) -> None:
        edit = reverse("programmes:budget_line_edit", args=[self.bomca.slug, self.line.pk])
        add = reverse("programmes:expenditure_add", args=[self.bomca.slug])
        for persona in ("manager", "admin"):
            with self.subTest(persona=persona):
                page = self.page(persona)
                self.assertIn(edit, page)
                self.assertIn(add, page)
        for persona in ("me_officer", "observer"):
            with self.subTest(persona=persona):
                page = self.page(persona)
                self.assertIn("Courses", page)
                self.assertNotIn(edit, page)
                self.assertNotIn(add, page)
        for persona in ("kz_coordinator", "kg_coordinator", "kz_counterpart", "outsider"):
            with self.subTest(persona=persona):
                self.login(persona)
                self.assertEqual(
                    self.client.get(reverse("programmes:budget", args=[self.bomca.slug])).status_code, 404
                )

    def test_it_says_what_is_not_allocated_and_rounds_125_of_1000_to_13_percent(self) -> None:
        page = self.page("observer")
        self.assertIn("EUR 150,000 not allocated to a line", page)
        self.assertIn("13\u00a0%", page)  # the Training line: 125 of 1,000, rounded half up once

    def test_as_of_a_date_before_the_top_up(self) -> None:
        page = self.page("manager", "?on=2021-12-31")
        self.assertIn("EUR 1,000,000", page)
        self.assertNotIn("not allocated to a line", page)  # the lines take the whole budget then
        self.assertIn("EUR 1,150,000", self.page("manager", "?on=2022-01-01"))
        today = timezone.localdate().isoformat()
        self.assertIn(f'value="{today}"', self.page("manager", "?on=2022-02-30"))  # no such day: today

    def test_the_pack_rounds_the_same_way(self) -> None:
        w = steering_world(self)
        w.expenditure.delete()
        BudgetLine.objects.exclude(pk=self.line.pk).delete()
        table = [
            b
            for s in build_pack(w.rsg_meeting).sections
            if s.key == "budget"
            for b in s.blocks
            if isinstance(b, Table)
        ][0]
        self.assertEqual(table.rows[0][-1].text, "13\u00a0%")

    def test_queries_stay_constant_for_a_reader(self) -> None:
        def grow() -> None:
            for n in range(5):
                line = BudgetLine.objects.create(programme=self.bomca, label=f"Line {n}", amount=Decimal(10))
                Expenditure.objects.create(
                    budget_line=line, period=self.year1, country="KG", amount=Decimal(1)
                )
                top_up(self.bomca, D(2022, 2, n + 1), "10")

        self.assert_constant_queries(reverse("programmes:budget", args=[self.bomca.slug]), grow, "observer")


class PackBudgetTest(SteercoTestCase):
    def budget_blocks(self, doc: object) -> list[object]:
        return [b for s in doc.sections if s.key == "budget" for b in s.blocks]  # type: ignore[attr-defined]

    def test_the_pack_uses_the_budget_in_force_on_its_date_and_says_when_lines_exceed_it(self) -> None:
        w = steering_world(self)  # one line of 100,000 with 2,500 spent; the RSG meets on 2022-02-15
        BudgetLine.objects.create(programme=self.bomca, label="Scanners", amount=Decimal("1400000"))
        top_up(self.bomca, D(2022, 3, 1), "500000")  # after the meeting
        blocks = self.budget_blocks(build_pack(w.rsg_meeting))
        facts = dict(next(b for b in blocks if isinstance(b, Facts)).items)
        self.assertEqual(facts["Current budget"], "EUR 1,000,000")
        self.assertEqual(facts["Budget used"], "0\u00a0% of the current budget")
        warning = " ".join(b.text for b in blocks if isinstance(b, Paragraph))
        self.assertIn(
            "The budget lines total EUR 1,500,000, EUR 500,000 more than the current budget", warning
        )
        table = next(b for b in blocks if isinstance(b, Table))
        self.assertEqual([r[0].text for r in table.rows[-2:]], ["Total of the lines", "Current budget"])
        self.assertEqual(table.rows[-1][1].text, "1,000,000")

    def test_the_unallocated_remainder_is_a_row_of_its_own(self) -> None:
        w = steering_world(self)
        blocks = self.budget_blocks(build_pack(w.rsg_meeting))
        facts = dict(next(b for b in blocks if isinstance(b, Facts)).items)
        self.assertEqual(facts["Not allocated"], "EUR 900,000 not allocated to a line")
        table = next(b for b in blocks if isinstance(b, Table))
        self.assertEqual(
            [r[0].text for r in table.rows[1:]],
            ["Total of the lines", "Not allocated to a line", "Current budget"],
        )

    def test_a_pack_without_lines_says_so(self) -> None:
        w = steering_world(self)
        w.expenditure.delete()
        w.budget_line.delete()
        blocks = self.budget_blocks(build_pack(meeting(w.kz_nsg, 2, D(2022, 3, 1), self.year1)))
        self.assertEqual([b.text for b in blocks], ["No budget lines are recorded for this programme yet."])  # type: ignore[attr-defined]


class OverviewBudgetTest(SteercoTestCase):
    def test_budget_readers_see_its_use_on_the_overview_and_others_do_not(self) -> None:
        top_up(self.bomca, D(2022, 1, 1), "500000")
        line = BudgetLine.objects.create(programme=self.bomca, label="Courses", amount=Decimal("1000000"))
        Expenditure.objects.create(budget_line=line, period=self.year1, amount=Decimal("150000"))
        url = reverse("programmes:overview", args=[self.bomca.slug])
        budget_url = reverse("programmes:budget", args=[self.bomca.slug])
        for persona in ("manager", "me_officer", "observer"):
            with self.subTest(persona=persona):
                self.login(persona)
                page = self.client.get(url).content.decode()
                self.assertIn("EUR 500,000 not allocated to a line", page)
                self.assertIn("10\u00a0% of the current budget", page)  # 150,000 of 1,500,000
                self.assertIn(budget_url, page)
        for persona in ("kz_coordinator", "kz_counterpart"):
            with self.subTest(persona=persona):
                self.login(persona)
                page = self.client.get(url).content.decode()
                self.assertNotIn("not allocated to a line", page)
                self.assertNotIn(budget_url, page)
