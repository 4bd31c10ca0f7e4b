"""Delivery figures as people read them: units add up only within one unit, and every share is
rounded once, half up, at display (5 of 12 work-plan lines read 41.7 %)."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from django.urls import reverse

from steerco.delivery import metrics, selectors
from steerco.delivery.models import Verification, WorkPlanItem
from steerco.delivery.selectors import Completion, Participation, unit_key, unit_totals

from .. import factories as f
from ..base import SteercoTestCase
from .world import D, delivery_world, event, handover, lot


class UnitTotalsTest(SteercoTestCase):
    def test_quantities_add_up_within_a_unit_and_are_listed_per_unit_otherwise(self) -> None:
        totals = unit_totals([("stations", 500), ("scanners", 30), ("batch", 1), ("scanner", 2)])
        self.assertEqual(str(totals), "500 stations, 32 scanners, 1 batch")
        self.assertIsNone(totals.total)  # no one number stands for them
        self.assertEqual(unit_totals([("Scanners", 2), ("scanner", 1)]).total, 3)
        self.assertEqual(str(unit_totals([("scanner", 1)])), "1 scanner")
        self.assertEqual(str(unit_totals([])), "0")
        self.assertEqual(str(unit_totals([("units", 1200)])), "1,200 units")
        self.assertEqual(
            [unit_key(u) for u in ("Kits", "kit", " kits ", "glass", "bus")], ["kit"] * 3 + ["glass", "bus"]
        )


class MixedUnitsOnPagesTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)  # a lot of 10 radios ("units") in each country, 5 handed over
        for title, unit, quantity in (("Stations", "stations", 500), ("Rehabilitation", "batch", 1)):
            handover(
                self,
                lot(self, "KZ", title=title, quantity=quantity, unit=unit, delivered=quantity),
                quantity=quantity,
            )

    def test_the_delivery_dashboard_lists_units_handed_over_per_unit(self) -> None:
        self.login("manager")
        page = self.client.get(reverse("delivery:dashboard", args=[self.bomca.slug]))
        self.assertContains(page, "4 handovers: 500 stations, 10 units, 1 batch handed over.")
        self.assertNotContains(page, "511")
        country = self.client.get(reverse("delivery:country", args=[self.bomca.slug, "kg"]))
        self.assertContains(country, "1 handover: 5 units handed over.")

    def test_the_units_handed_over_indicator_counts_only_lots_in_its_unit(self) -> None:
        periods = [self.year1, f.period(self.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")]
        stations = SimpleNamespace(pk=1, programme_id=self.bomca.pk, unit="stations")
        by_rule = SimpleNamespace(pk=2, programme_id=self.bomca.pk, unit="radios")
        no_unit = SimpleNamespace(pk=3, programme_id=self.bomca.pk, unit="")
        items = [(stations, {}), (by_rule, {"unit": "batch"}), (no_unit, {})]
        handed = metrics.compute_handed_over(items, periods, ["KZ"])
        year2 = periods[1].pk
        self.assertEqual(
            [handed[(i, year2, "KZ")].value for i in (1, 2, 3)], [500, 1, 506]
        )  # its unit; the rule's unit wins over the indicator's; with no unit at all, every lot
        records = metrics.handover_records(stations, {}, user=self.manager)
        self.assertEqual([h.quantity for h in records], [500])
        Verification.objects.create(
            handover=records[0], visited_on=D(2022, 6, 1), in_use=True, quantity_in_use=480
        )
        in_use = metrics.compute_in_use([(stations, {})], periods, ["KZ"])
        self.assertEqual(in_use[(1, year2, "KZ")].value, 480)  # the radios in "units" stay out
        self.assertEqual(
            [v.quantity_in_use for v in metrics.verification_records(stations, {}, user=self.manager)], [480]
        )


class RoundingTest(SteercoTestCase):
    def test_five_of_twelve_lines_read_41_7_percent_on_the_work_plan_and_dashboard(self) -> None:
        done_by = []
        for n in range(12):
            item = WorkPlanItem.objects.create(
                programme=self.bomca,
                year=2022,
                quarter=1 + n % 4,
                country="KZ",
                component=self.c1,
                title=f"L{n}",
            )
            if n < 5:
                done_by.append(event(self, "KZ", title=f"Done {n}", work_plan_item=item))
        table = selectors.plan_completion(self.manager, self.bomca, year=2022)
        self.assertEqual(str(table.overall), "41.7\u00a0%")
        self.login("manager")
        for url in (
            reverse("delivery:workplan", args=[self.bomca.slug]) + "?year=2022",
            reverse("delivery:dashboard", args=[self.bomca.slug]),
        ):
            with self.subTest(url=url):
                page = self.client.get(url)
                self.assertContains(page, "41.7\u00a0%")
                self.assertNotContains(page, "41.6")
        self.client.cookies["steerco_language"] = "ru"
        self.assertContains(
            self.client.get(reverse("delivery:dashboard", args=[self.bomca.slug])), "41,7\u00a0%"
        )

    def test_shares_are_kept_unrounded_until_display(self) -> None:
        self.assertEqual(Completion(done=1, total=8).percent, Decimal("12.5"))
        self.assertEqual(str(Completion(done=1, total=8)), "12.5\u00a0%")
        self.assertEqual(str(Completion(done=1, total=400)), "0.3\u00a0%")  # 0.25 rounds half up
        self.assertIsNone(Completion().percent)
        self.assertEqual(Participation(women=1, men=3).women_share, Decimal(25))
        self.assertIsNone(Participation().women_share)

    def test_an_events_scores_and_a_lots_values_are_written_by_the_formatter(self) -> None:
        held = event(self, "KZ", pre_test_average=Decimal("52.25"), post_test_average=Decimal("71.50"))
        the_lot = lot(self, "KZ", estimated_value=Decimal("1234567.50"), contracted_value=None)
        self.login("manager")
        page = self.client.get(reverse("delivery:event", args=[self.bomca.slug, held.pk]))
        self.assertContains(page, "Pre-test 52.3\u00a0% → post-test 71.5\u00a0%")  # half up, not to even
        self.assertContains(page, "(+19.3)")
        lot_page = self.client.get(reverse("delivery:lot", args=[self.bomca.slug, the_lot.pk]))
        self.assertContains(lot_page, "EUR 1,234,568")
