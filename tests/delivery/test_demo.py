"""The demo world's delivery: the public facts are there, and loading twice duplicates nothing."""

from __future__ import annotations

import datetime

from django.core.management import call_command
from django.db.models import Sum

from steerco.accounts.models import User
from steerco.delivery import selectors
from steerco.delivery.models import Event, Handover, ProcurementLot, Recommendation, Stage, WorkPlanItem
from steerco.programmes.models import Programme
from tests.demo_world import DemoWorldTestCase


class DemoTest(DemoWorldTestCase):
    def test_loading_again_duplicates_nothing(self) -> None:
        models = (Event, WorkPlanItem, Recommendation, ProcurementLot, Handover)
        before = [m.objects.count() for m in models]
        call_command("demo", no_migrate=True, verbosity=0)
        self.assertEqual([m.objects.count() for m in models], before)

    def test_ukraine_radios_scanner_and_canine_teams(self) -> None:
        radios = ProcurementLot.objects.get(title="Mobile radio stations")
        self.assertEqual(radios.handovers.aggregate(n=Sum("quantity"))["n"], 500)
        self.assertEqual(radios.beneficiary.short_name, "SBGS")
        scanner = ProcurementLot.objects.get(title="Large mobile cargo scanner")
        delivered = scanner.steps.get(stage=Stage.DELIVERED)
        self.assertEqual(
            (delivered.planned_label, delivered.actual_date), ("spring 2024", datetime.date(2024, 6, 25))
        )
        self.assertEqual(delivered.delay_days(), 25)
        canine = Event.objects.filter(title__startswith="Customs canine team training", status="held")
        self.assertEqual(canine.aggregate(n=Sum("participants_total"))["n"], 80)
        self.assertGreaterEqual(
            Event.objects.filter(title__startswith="Anti-corruption consultation").count(), 20
        )
        two = ProcurementLot.objects.get(title="Two large mobile cargo scanners")
        # At tender in November 2023, as the third PSG heard: tendered before, contracted after.
        for day in (datetime.date(2023, 11, 1), datetime.date(2023, 11, 30)):
            self.assertEqual(two.current_stage(day), Stage.TENDER)

    def test_bomca_handovers_work_plan_and_recommendations(self) -> None:
        values = sorted(
            str(h.value)
            for h in Handover.objects.filter(
                lot__programme__slug="bomca10", lot__data_source__startswith="Public"
            )
        )
        self.assertEqual(values, ["329428.60", "49977.89", "6860.70", "9986.00"])
        bomca = Programme.objects.get(slug="bomca10")
        completion = selectors.plan_completion(
            User.objects.get(username="manager"), bomca, until=datetime.date(2025, 2, 20)
        )
        self.assertTrue(85 <= completion.overall.percent <= 95, completion.overall.percent)
        self.assertEqual(
            set(Event.objects.filter(programme=bomca).values_list("country", flat=True)),
            {"KZ", "KG", "TJ", "TM", "UZ"},
        )
        self.assertEqual(
            set(Event.objects.filter(programme=bomca).values_list("component__code", flat=True)),
            {"C1", "C2", "C3", "C4"},
        )
        statuses = set(Recommendation.objects.filter(programme=bomca).values_list("status", flat=True))
        self.assertTrue({"adopted", "partially_adopted", "under_consideration", "rejected"} <= statuses)

    def test_the_demo_pages_flag_late_and_unverified_equipment(self) -> None:
        self.client.force_login(User.objects.get(username="ua.coordinator"))
        page = self.client.get("/programmes/eu4ibm-resilience/countries/ua/delivery/")
        self.assertContains(page, "UPS units for stationary scanners")
        self.assertContains(page, "days late")
        self.assertContains(page, "months without verified use")
