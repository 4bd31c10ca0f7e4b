"""The demo world tells one story: its packs hold no contradiction, and its budgets add up."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from steerco.accounts.models import User
from steerco.programmes.budget import budget_as_of
from steerco.programmes.models import Amendment, AmendmentKind, Programme
from steerco.programmes.services import record_amendment
from steerco.reports.document import Table
from steerco.reports.pack import build_pack
from steerco.steering.contradictions import contradictions_in
from steerco.steering.models import Meeting, MeetingPack


class DemoStoryTest(TestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("demo", no_migrate=True, stdout=None)
        cls.psg3 = Meeting.objects.get(group__programme__slug="eu4ibm-resilience", number=3)

    def test_no_pack_of_the_demo_contradicts_itself_on_the_day_it_was_circulated(self) -> None:
        for meeting in Meeting.objects.select_related("group"):
            pack = MeetingPack.objects.filter(meeting=meeting).order_by("version").first()
            with self.subTest(meeting=str(meeting)):
                self.assertIsNotNone(pack)
                on = pack.generated_at.date()  # type: ignore[union-attr]
                self.assertEqual([c.message for c in contradictions_in(meeting, on=on)], [])

    def test_the_third_psg_sees_20_sub_processes_the_two_further_scanners_and_a_work_plan(self) -> None:
        doc = build_pack(self.psg3)
        self.assertIn("20 of its sub-processes", " ".join(self.psg3.highlight_lines))
        lots = [b for s in doc.sections if s.key == "procurement" for b in s.blocks if isinstance(b, Table)]
        two = next(r for r in lots[0].rows if "Two large mobile cargo scanners" in r[0].text)
        self.assertEqual([c.text for c in two[3:5]], ["Tender", "Contracted · 2024-01"])
        plan = [b for s in doc.sections if s.key == "work_plan" for b in s.blocks if isinstance(b, Table)][0]
        self.assertGreater(len(plan.rows), 0)
        self.assertTrue(self.psg3.decisions.filter(kind="work_plan_endorsed").exists())

    def test_the_psg3_pack_budget_is_the_budget_before_the_top_up_and_its_lines_fit(self) -> None:
        eu4ibm = Programme.objects.get(slug="eu4ibm-resilience")
        budget = budget_as_of(eu4ibm, self.psg3.start_date, period=self.psg3.period)
        self.assertEqual((budget.current_budget, budget.allocated), (15_000_000, 15_000_000))
        after = budget_as_of(eu4ibm, datetime.date(2024, 1, 1))
        self.assertEqual(after.unallocated, 5_000_000)

    def test_the_bomca_budget_page_counts_use_against_the_budget_after_a_top_up(self) -> None:
        """As tried on the demo: a top-up of EUR 1.5 million recorded on the BOMCA programme."""
        bomca = Programme.objects.get(slug="bomca10")
        manager = User.objects.get(username="manager")
        record_amendment(
            Amendment(
                programme=bomca,
                signed_on=datetime.date(2024, 6, 1),
                kind=AmendmentKind.TOP_UP,
                budget_delta=Decimal("1500000"),
                justification="More equipment",
            ),
            acting_user=manager,
        )
        budget = budget_as_of(bomca, datetime.date(2026, 1, 1))
        self.assertEqual((budget.current_budget, budget.allocated), (23_150_000, 21_650_000))
        self.assertEqual(budget.unallocated, 1_500_000)
        self.assertEqual(budget.used, budget.spent_to_date * 100 / 23_150_000)
        self.client.force_login(User.objects.get(username="eu.observer"))
        page = self.client.get(reverse("programmes:budget", args=["bomca10"]) + "?on=2026-01-01")
        self.assertContains(page, "EUR 1,500,000 not allocated to a line")
        self.assertContains(page, "EUR 23,150,000")
