"""Recommendations move forward with evidence; plan completion counts lines fulfilled by held events."""

from __future__ import annotations

from decimal import Decimal

from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.core.numbers import rounded
from steerco.delivery import selectors
from steerco.delivery.models import EventStatus, Recommendation, RecommendationStatusChange, WorkPlanItem

from ..base import SteercoTestCase
from .world import delivery_world, event


class RecommendationTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)
        self.url = reverse(
            "delivery:recommendation_status", args=[self.bomca.slug, self.w.kz_recommendation.pk]
        )

    def test_adoption_moves_forward_with_evidence_and_is_audited(self) -> None:
        self.login("kz_coordinator")
        for status, day in (
            ("under_consideration", "2022-08-01"),
            ("partially_adopted", "2023-01-10"),
            ("adopted", "2023-06-01"),
        ):
            response = self.client.post(
                self.url, {"status": status, "on": day, "evidence": f"Order of {day}"}
            )
            self.assertEqual(response.status_code, 302)
        recommendation = Recommendation.objects.get(pk=self.w.kz_recommendation.pk)
        self.assertEqual(recommendation.status, "adopted")
        self.assertEqual(
            list(recommendation.history.values_list("status", flat=True)),
            ["delivered", "under_consideration", "partially_adopted", "adopted"],
        )
        entry = AuditEntry.objects.filter(
            object_id=str(recommendation.pk), content_type__model="recommendation"
        ).latest("id")
        self.assertEqual((entry.before["status"], entry.after["status"]), ("partially_adopted", "adopted"))
        page = self.client.get(reverse("delivery:recommendation", args=[self.bomca.slug, recommendation.pk]))
        self.assertContains(page, "Order of 2023-01-10")

    def test_a_step_back_or_an_earlier_date_is_refused(self) -> None:
        self.login("manager")
        self.client.post(self.url, {"status": "partially_adopted", "on": "2022-09-01"})
        response = self.client.post(self.url, {"status": "under_consideration", "on": "2022-08-01"})
        errors = response.context["form"].errors
        self.assertIn("already partially adopted: choose a later step", str(errors["status"]))
        self.assertIn("recorded on 2022-09-01", str(errors["on"]))
        self.assertEqual(
            RecommendationStatusChange.objects.filter(recommendation=self.w.kz_recommendation).count(), 2
        )

    def test_a_final_status_does_not_change(self) -> None:
        self.login("manager")
        self.client.post(self.url, {"status": "rejected", "on": "2022-09-01"})
        response = self.client.post(self.url, {"status": "adopted", "on": "2022-10-01"})
        self.assertIn("no longer changes", str(response.context["form"].errors["status"]))

    def test_a_new_recommendation_starts_as_delivered(self) -> None:
        self.login("kz_coordinator")
        institution = self.kz.institutions.first()
        response = self.client.post(
            reverse("delivery:recommendation_add", args=[self.bomca.slug]),
            {
                "country": "KZ",
                "institution": institution.pk,
                "event": self.w.kz_event.pk,
                "given_on": "2022-05-12",
                "text": "Share risk profiles",
            },
        )
        self.assertEqual(response.status_code, 302)
        recommendation = Recommendation.objects.get(text="Share risk profiles")
        self.assertEqual(list(recommendation.history.values_list("status", flat=True)), ["delivered"])

    def test_a_recommendation_cannot_predate_its_event(self) -> None:
        self.login("manager")
        response = self.client.post(
            reverse("delivery:recommendation_add", args=[self.bomca.slug]),
            {
                "country": "KZ",
                "institution": self.kz.institutions.first().pk,
                "event": self.w.kz_event.pk,
                "given_on": "2022-01-01",
                "text": "x",
            },
        )
        self.assertIn("dated before the event", str(response.context["form"].errors["given_on"]))


class WorkPlanTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)

    def test_completion_is_the_share_of_lines_with_a_held_event(self) -> None:
        open_line = WorkPlanItem.objects.create(
            programme=self.bomca, year=2022, quarter=3, country="KZ", component=self.c1, title="Open"
        )
        cancelled = WorkPlanItem.objects.create(
            programme=self.bomca, year=2022, quarter=4, country="KZ", component=self.c1, title="Cancelled"
        )
        event(
            self,
            "KZ",
            work_plan_item=cancelled,
            status=EventStatus.CANCELLED,
            participants_total=0,
            participants_female=0,
            participants_male=0,
        )
        table = selectors.plan_completion(self.manager, self.bomca, year=2022)
        self.assertEqual(
            (table.overall.done, table.overall.total), (2, 4)
        )  # the KZ and KG lines of the world
        self.assertEqual(rounded(table.by_country["KZ"].percent, 1), Decimal("33.3"))  # 1 of 3
        self.assertEqual(table.by_country["KG"].percent, 100)
        kz_only = selectors.plan_completion(self.kz_coordinator, self.bomca, year=2022)
        self.assertEqual(kz_only.countries, ["KZ"])
        self.login("kz_coordinator")
        page = self.client.get(reverse("delivery:workplan", args=[self.bomca.slug]) + "?year=2022")
        self.assertContains(page, "33.3\u00a0%")
        self.assertContains(page, open_line.title)
        self.assertNotContains(page, "Line KG")

    def test_a_coordinator_adds_a_line_for_own_country_only(self) -> None:
        self.login("kz_coordinator")
        url = reverse("delivery:workplan_add", args=[self.bomca.slug])
        data = {"year": "2023", "quarter": "2", "component": self.c1.pk, "title": "Risk analysis training"}
        self.assertEqual(self.client.post(url, {**data, "country": "KG"}).status_code, 400)
        self.assertEqual(
            self.client.post(url, {**data, "country": ""}).status_code, 400
        )  # regional: managers only
        self.assertEqual(self.client.post(url, {**data, "country": "KZ"}).status_code, 302)
        self.assertTrue(WorkPlanItem.objects.filter(title="Risk analysis training", country="KZ").exists())
