"""Every delivery page runs as many queries with much data as with little."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from steerco.delivery.models import (
    Asset,
    EventAgencyParticipants,
    EventAttachment,
    ProcurementStep,
    Recommendation,
    RecommendationStatusChange,
    Stage,
    Verification,
    WorkPlanItem,
)

from .. import factories as f
from ..base import SteercoTestCase
from .world import D, delivery_world, event, handover, lot


class QueryCountTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)

    def grow(self) -> None:
        w = self.w
        self.rounds = getattr(self, "rounds", 0) + 1
        for m in range(6):
            n = f"{self.rounds}-{m}"
            for country in ("KZ", "KG"):
                item = WorkPlanItem.objects.create(
                    programme=self.bomca,
                    year=2023,
                    quarter=m % 4 + 1,
                    country=country,
                    component=self.c1,
                    title=f"L{n}",
                )
                e = event(self, country, title=f"Event {country} {n}", work_plan_item=item)
                e.beneficiaries.add(*self.kz.institutions.all())
                EventAgencyParticipants.objects.create(event=e, organisation=None, participants=10)
                new_lot = lot(self, country, title=f"Lot {country} {n}")
                ProcurementStep.objects.create(lot=new_lot, stage=Stage.ACCEPTED, planned_date=D(2022, 3, 25))
                h = handover(self, new_lot)
                Verification.objects.create(
                    handover=h, visited_on=D(2022, 5, 1), in_use=True, quantity_in_use=1
                )
                Asset.objects.create(lot=new_lot, handover=h, serial_number=f"S{n}")
                rec = Recommendation.objects.create(
                    programme=self.bomca,
                    country=country,
                    institution=self.kz.institutions.first()
                    if country == "KZ"
                    else self.kg.institutions.first(),
                    event=e,
                    text=f"R{n}",
                    given_on=D(2022, 5, 10),
                )
                RecommendationStatusChange.objects.create(
                    recommendation=rec, status="delivered", on=D(2022, 5, 10)
                )
            # More on the objects the detail pages show.
            org = f.organisation(kind="beneficiary", country="KZ")
            self.kz.institutions.add(org)
            EventAgencyParticipants.objects.create(event=w.kz_event, organisation=org, participants=1)
            w.kz_event.co_organisers.add(f.organisation(kind="international"))
            EventAttachment.objects.create(
                event=w.kz_event, kind="photo", file=SimpleUploadedFile(f"p{n}.jpg", b"j")
            )
            Recommendation.objects.create(
                programme=self.bomca,
                country="KZ",
                institution=org,
                event=w.kz_event,
                text=f"More {n}",
                given_on=D(2022, 5, 10),
            )
            extra = handover(self, w.kz_lot, quantity=1, handed_over_on=D(2022, 4, 2 + m))
            Verification.objects.create(handover=extra, visited_on=D(2022, 6, 1), in_use=False)
            Asset.objects.create(lot=w.kz_lot, handover=extra, serial_number=f"X{n}")
        RecommendationStatusChange.objects.create(
            recommendation=w.kz_recommendation, status="under_consideration", on=D(2022, 6, 1)
        )
        RecommendationStatusChange.objects.create(
            recommendation=w.kz_recommendation, status="adopted", on=D(2022, 9, 1)
        )

    def pages(self) -> list[str]:
        b, w = self.bomca.slug, self.w
        return [
            reverse("delivery:dashboard", args=[b]),
            reverse("delivery:country", args=[b, "kz"]),
            reverse("delivery:events", args=[b]),
            reverse("delivery:event", args=[b, w.kz_event.pk]),
            reverse("delivery:event_edit", args=[b, w.kz_event.pk]),
            reverse("delivery:workplan", args=[b]),
            reverse("delivery:recommendations", args=[b]),
            reverse("delivery:recommendation", args=[b, w.kz_recommendation.pk]),
            reverse("delivery:procurement", args=[b]),
            reverse("delivery:lot", args=[b, w.kz_lot.pk]),
            reverse("delivery:assets", args=[b]),
            *self.exports(),
        ]

    def exports(self) -> list[str]:
        lists = ("events", "workplan", "recommendations", "procurement", "assets")
        return [
            reverse(f"delivery:{name}", args=[self.bomca.slug]) + f"?export={fmt}"
            for name in lists
            for fmt in ("xlsx", "csv")
        ]

    def test_pages_run_a_fixed_number_of_queries(self) -> None:
        for persona in ("manager", "kz_coordinator", "kz_counterpart"):
            for url in self.pages():
                if persona == "kz_counterpart" and url.endswith("/edit/"):
                    continue  # counterparts do not record events
                with self.subTest(url=url, persona=persona):
                    self.assert_constant_queries(url, self.grow, persona=persona)

    def test_it_reports_the_counts(self) -> None:
        counts = {}
        for url in self.pages():
            counts[url] = self.assert_constant_queries(url, self.grow)
        print("\ndelivery page queries (manager):", counts)
        # The event form reads each of its three many-to-many lists (beneficiaries, co-organisers,
        # trainers) for its initial value, its version and its options: one query more than the rest.
        limits = {url: 21 if url.endswith("/edit/") else 20 for url in counts}
        self.assertTrue(all(n <= limits[url] for url, n in counts.items()), counts)
