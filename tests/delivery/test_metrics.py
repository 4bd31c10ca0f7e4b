"""Delivery metrics for computed indicators: batched values per period and country, and their records."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext

from steerco.delivery import metrics
from steerco.delivery.models import (
    EventAgencyParticipants,
    EventStatus,
    RecommendationStatusChange,
    Verification,
    WorkPlanItem,
)

from .. import factories as f
from ..base import SteercoTestCase
from .world import D, delivery_world, event, handover, lot


def indicator(pk: int, programme: object) -> SimpleNamespace:
    return SimpleNamespace(pk=pk, programme_id=programme.pk)  # type: ignore[attr-defined]


class MetricsTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)  # KZ and KG: a held training of 10 (4 women) on 2022-05-10
        self.year2 = f.period(self.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")
        self.future = f.period(self.bomca, D(2027, 1, 1), D(2027, 12, 31), label="Later")
        self.periods = [self.year1, self.year2, self.future]
        self.agency = self.kz.institutions.first()
        trained = event(
            self,
            "KZ",
            title="C1 training",
            component=self.c1,
            start_date=D(2022, 6, 1),
            participants_total=20,
            participants_female=5,
            participants_male=15,
        )
        EventAgencyParticipants.objects.create(event=trained, organisation=self.agency, participants=12)
        EventAgencyParticipants.objects.create(event=trained, organisation=None, participants=8)
        event(
            self,
            "KG",
            title="Workshop",
            kind="workshop",
            start_date=D(2021, 6, 1),
            participants_total=7,
            participants_female=3,
            participants_male=4,
        )
        event(self, "KZ", title="Cancelled", status=EventStatus.CANCELLED, start_date=D(2022, 7, 1))
        event(self, "KZ", title="Regional", start_date=D(2022, 7, 1)).__class__.objects.filter(
            title="Regional"
        ).update(country="")

    def value(self, result: dict, pk: int, period: object, country: str) -> Decimal | None:
        observation = result.get((pk, period.pk, country))  # type: ignore[attr-defined]
        return observation.value if observation else None

    def test_participants_by_sex_agency_component_and_kind(self) -> None:
        items = [
            (indicator(1, self.bomca), {}),
            (indicator(2, self.bomca), {"sex": "female"}),
            (indicator(3, self.bomca), {"agency": str(self.agency.pk)}),
            (indicator(4, self.bomca), {"event_kinds": ["training"], "component": "C1"}),
            (indicator(5, self.bomca), {"event_kinds": ["workshop"]}),
        ]
        result = metrics.compute_participants(items, self.periods, ["KZ", "KG"])
        self.assertEqual(
            self.value(result, 1, self.year2, "KZ"), 30
        )  # 10 + 20; the cancelled one does not count
        self.assertEqual(self.value(result, 1, self.year2, "KG"), 10)
        self.assertEqual(self.value(result, 1, self.year1, "KG"), 7)
        self.assertEqual(
            self.value(result, 1, self.year1, "KZ"), 0
        )  # a period that has passed: zero, not no data
        self.assertEqual(self.value(result, 2, self.year2, "KZ"), 9)
        self.assertEqual(self.value(result, 3, self.year2, "KZ"), 12)
        self.assertEqual(self.value(result, 4, self.year2, "KZ"), 20)
        self.assertEqual(self.value(result, 5, self.year1, "KG"), 7)
        self.assertEqual(self.value(result, 5, self.year2, "KG"), 0)
        self.assertNotIn((1, self.future.pk, "KZ"), result)  # a period still ahead has no value
        self.assertNotIn((1, self.year2.pk, "UA"), result)
        # The regional training (country "") counts once, under the programme key, never as Kazakhstan's.
        self.assertEqual(self.value(result, 1, self.year2, ""), 10)
        self.assertEqual(self.value(result, 2, self.year2, ""), 4)
        self.assertEqual(self.value(result, 1, self.year1, ""), 0)
        self.assertEqual(self.value(result, 3, self.year2, ""), 0)  # no agency split recorded for it

    def test_queries_do_not_grow_with_indicators_periods_or_records(self) -> None:
        def run(n: int) -> int:
            items = [
                (indicator(i, self.bomca), {"sex": "female"} if i % 2 else {"agency": self.agency.pk})
                for i in range(n)
            ]
            with CaptureQueriesContext(connection) as ctx:
                metrics.compute_participants(items, self.periods, ["KZ", "KG"])
            return len(ctx.captured_queries)

        few = run(2)
        for n in range(30):
            event(self, "KZ" if n % 2 else "KG", title=f"More {n}", start_date=D(2022, 4 + n % 9, 1))
        self.assertEqual(few, 2)
        self.assertEqual(run(40), few)
        for compute in (
            metrics.compute_event_count,
            metrics.compute_recommendations,
            metrics.compute_handed_over,
            metrics.compute_in_use,
            metrics.compute_plan_completion,
        ):
            with self.subTest(compute=compute.__name__), self.assertNumQueries(1):
                compute([(indicator(i, self.bomca), {}) for i in range(25)], self.periods, ["KZ", "KG"])

    def test_event_count_recommendations_handovers_use_and_plan_completion(self) -> None:
        one = [(indicator(1, self.bomca), {"event_kinds": ["training"]})]
        events = metrics.compute_event_count(one, self.periods, ["KZ"])
        self.assertEqual(
            (self.value(events, 1, self.year2, "KZ"), self.value(events, 1, self.year2, "")), (2, 1)
        )
        # Asked for no country at all (a programme without countries yet), the regional records still count.
        self.assertEqual(self.value(metrics.compute_event_count(one, self.periods, []), 1, self.year2, ""), 1)

        RecommendationStatusChange.objects.create(
            recommendation=self.w.kz_recommendation, status="adopted", on=D(2022, 9, 1)
        )
        adopted = metrics.compute_recommendations(
            [(indicator(1, self.bomca), {})], self.periods, ["KZ", "KG"]
        )
        delivered = metrics.compute_recommendations(
            [(indicator(1, self.bomca), {"status": "delivered"})], self.periods, ["KZ"]
        )
        self.assertEqual(
            (self.value(adopted, 1, self.year2, "KZ"), self.value(adopted, 1, self.year2, "KG")), (1, 0)
        )
        self.assertEqual(self.value(delivered, 1, self.year2, "KZ"), 1)

        scanners = lot(self, "KZ", title="Scanners", category="scanners")
        handover(self, scanners, quantity=3, handed_over_on=D(2022, 5, 1))
        handed = metrics.compute_handed_over(
            [(indicator(1, self.bomca), {}), (indicator(2, self.bomca), {"category": "scanners"})],
            self.periods,
            ["KZ"],
        )
        self.assertEqual(
            (self.value(handed, 1, self.year2, "KZ"), self.value(handed, 2, self.year2, "KZ")), (8, 3)
        )

        # The latest visit in the period counts for each handover: 5 found in use, then 2.
        Verification.objects.create(
            handover=self.w.kz_handover, visited_on=D(2023, 1, 5), in_use=True, quantity_in_use=2
        )
        in_use = metrics.compute_in_use([(indicator(1, self.bomca), {})], self.periods, ["KZ"])
        self.assertEqual(self.value(in_use, 1, self.year2, "KZ"), 2)

        WorkPlanItem.objects.create(
            programme=self.bomca, year=2022, quarter=3, country="KZ", component=self.c1, title="Open"
        )
        plan = metrics.compute_plan_completion([(indicator(1, self.bomca), {})], self.periods, ["KZ", "KG"])
        kz = plan[(1, self.year2.pk, "KZ")]
        self.assertEqual((kz.numerator, kz.denominator), (1, 2))
        self.assertIsNone(plan[(1, self.year1.pk, "KZ")].denominator)  # no line planned: no data, not 0 %

    def test_the_records_behind_a_number_respect_the_readers_scope(self) -> None:
        ind = indicator(1, self.bomca)
        records = metrics.event_records(
            ind, {"sex": "female"}, user=self.manager, period=self.year2, country="KZ"
        )
        self.assertEqual(sorted(e.title for e in records), ["C1 training", "Training in KZ"])
        self.assertFalse(
            metrics.event_records(ind, {}, user=self.kz_coordinator, period=self.year2, country="KG").exists()
        )
        by_agency = metrics.event_records(ind, {"agency": self.agency.pk}, user=self.manager)
        self.assertEqual([e.title for e in by_agency], ["C1 training"])
        html = render_to_string("delivery/metrics/_events.html", {"records": records})
        self.assertIn("C1 training", html)
        for records_fn, template in (
            (metrics.recommendation_records, "delivery/metrics/_recommendations.html"),
            (metrics.handover_records, "delivery/metrics/_handovers.html"),
            (metrics.verification_records, "delivery/metrics/_verifications.html"),
            (metrics.work_plan_records, "delivery/metrics/_workplan.html"),
        ):
            with self.subTest(records=records_fn.__name__):
                rows = records_fn(ind, {"status": "delivered"}, user=self.kz_coordinator, period=self.year2)
                self.assertTrue(rows.exists())
                render_to_string(template, {"records": rows})
                self.assertFalse(records_fn(ind, {}, user=self.outsider, period=self.year2).exists())

    def test_every_metric_registers_with_the_registry(self) -> None:
        registered: dict[str, dict] = {}
        metrics.register_all(SimpleNamespace(register=lambda kind, **kw: registered.setdefault(kind, kw)))
        self.assertEqual(
            sorted(registered),
            [
                "delivery.events",
                "delivery.handed_over",
                "delivery.in_use",
                "delivery.participants",
                "delivery.plan_completion",
                "delivery.recommendations",
            ],
        )
        self.assertTrue(
            all({"label", "compute", "records", "records_template"} <= set(kw) for kw in registered.values())
        )
