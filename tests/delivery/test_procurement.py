"""Procurement to handover and use: stage order, units, derived delay, flags, acknowledgement, scope."""

from __future__ import annotations

import datetime
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.delivery import selectors
from steerco.delivery.dates import Precision
from steerco.delivery.models import Handover, ProcurementStep, Stage, Verification

from ..base import SteercoTestCase
from .world import D, delivery_world, handover, lot


class ProcurementTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)

    def step_url(self, stage: str, of=None) -> str:  # type: ignore[no-untyped-def]
        return reverse("delivery:step_edit", args=[self.bomca.slug, (of or self.w.kz_lot).pk, stage])

    def test_a_delivery_dated_before_the_contract_is_refused(self) -> None:
        fresh = lot(self, "KZ", delivered=None, title="Scanners")
        self.login("kz_coordinator")
        response = self.client.post(
            self.step_url("delivered", fresh), {"planned": "2022-02", "actual_date": "2022-01-05"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "Delivered on 2022-01-05 cannot come before contracted on 2022-01-10",
            str(response.context["form"].errors["actual_date"]),
        )
        self.assertFalse(ProcurementStep.objects.filter(lot=fresh, stage=Stage.DELIVERED).exists())

    def test_a_step_is_recorded_with_a_season_and_audited(self) -> None:
        fresh = lot(self, "KZ", delivered=None, title="Scanners")
        self.login("kz_coordinator")
        response = self.client.post(
            self.step_url("delivered", fresh), {"planned": "spring 2024", "actual_date": "2024-06-25"}
        )
        self.assertEqual(response.status_code, 302)
        step = ProcurementStep.objects.get(lot=fresh, stage=Stage.DELIVERED)
        self.assertEqual((step.planned_date, step.planned_precision), (D(2024, 3, 1), Precision.SEASON))
        self.assertEqual(step.planned_label, "spring 2024")
        self.assertEqual(step.delay_days(), 25)  # the window closes on 31 May
        self.assertTrue(
            AuditEntry.objects.filter(object_id=str(step.pk), content_type__model="procurementstep").exists()
        )
        # Recording the same stage again replaces it rather than adding a second one.
        self.client.post(
            self.step_url("delivered", fresh), {"planned": "2024-06", "actual_date": "2024-06-25"}
        )
        step = ProcurementStep.objects.get(lot=fresh, stage=Stage.DELIVERED)
        self.assertEqual((step.planned_label, step.delay_days()), ("2024-06", -5))  # early
        page = self.client.get(reverse("delivery:lot", args=[self.bomca.slug, fresh.pk]))
        self.assertContains(page, "on time")

    def test_an_unreadable_planned_date_is_refused_at_the_field(self) -> None:
        self.login("manager")
        response = self.client.post(self.step_url("accepted"), {"planned": "sometime soon"})
        self.assertIn("“sometime soon” is none of these", str(response.context["form"].errors["planned"]))

    def test_a_handover_of_more_units_than_delivered_is_refused(self) -> None:
        self.login("kz_coordinator")
        before = AuditEntry.objects.count()
        url = reverse("delivery:handover_add", args=[self.bomca.slug, self.w.kz_lot.pk])
        data = {
            "handed_over_on": "2022-05-01",
            "recipient": self.w.kz_lot.beneficiary_id,
            "quantity": "6",
            "currency": "EUR",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "10 units were delivered and 5 already handed over: at most 5 can be handed over now",
            str(response.context["form"].errors["quantity"]),
        )
        self.assertEqual(Handover.objects.filter(lot=self.w.kz_lot).count(), 1)
        self.assertEqual(AuditEntry.objects.count(), before)
        data["quantity"] = "5"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(Handover.objects.filter(lot=self.w.kz_lot).count(), 2)

    def test_nothing_can_be_handed_over_before_delivery(self) -> None:
        fresh = lot(self, "KZ", delivered=None, title="Vehicles")
        self.login("manager")
        response = self.client.post(
            reverse("delivery:handover_add", args=[self.bomca.slug, fresh.pk]),
            {
                "handed_over_on": "2022-05-01",
                "recipient": fresh.beneficiary_id,
                "quantity": "1",
                "currency": "EUR",
            },
        )
        self.assertIn("record the delivery first", str(response.context["form"].errors["quantity"]))

    @override_settings(UPLOAD_MAX_BYTES=50)
    def test_a_signed_act_too_large_is_refused_with_nothing_saved(self) -> None:
        self.login("manager")
        response = self.client.post(
            reverse("delivery:handover_add", args=[self.bomca.slug, self.w.kz_lot.pk]),
            {
                "handed_over_on": "2022-05-01",
                "recipient": self.w.kz_lot.beneficiary_id,
                "quantity": "1",
                "currency": "EUR",
                "document": SimpleUploadedFile("act.pdf", b"%" * 51),
            },
        )
        self.assertIn("act.pdf is 51", str(response.context["form"].errors["document"]))
        self.assertEqual(Handover.objects.filter(lot=self.w.kz_lot).count(), 1)

    def test_a_verification_visit_is_checked_against_its_handover(self) -> None:
        self.login("kz_coordinator")
        url = reverse("delivery:verification_add", args=[self.bomca.slug, self.w.kz_handover.pk])
        response = self.client.post(
            url, {"visited_on": "2022-03-01", "in_use": "on", "quantity_in_use": "9", "condition": "good"}
        )
        errors = response.context["form"].errors
        self.assertIn("before the handover (2022-04-01)", str(errors["visited_on"]))
        self.assertIn("Only 5 units were handed over", str(errors["quantity_in_use"]))
        response = self.client.post(
            url,
            {
                "visited_on": "2023-03-01",
                "in_use": "on",
                "quantity_in_use": "4",
                "condition": "fair",
                "location": "BCP Khorgos",
            },
        )
        self.assertEqual(response.status_code, 302)
        visit = Verification.objects.get(location="BCP Khorgos")
        self.assertEqual(visit.recorded_by, self.kz_coordinator)

    def test_late_lots_and_unverified_handovers_are_flagged_with_how_late(self) -> None:
        late = lot(self, "KZ", delivered=None, title="Late scanners")
        ProcurementStep.objects.create(
            lot=late, stage=Stage.DELIVERED, planned_date=D(2026, 3, 1), planned_precision=Precision.SEASON
        )
        unverified = lot(self, "KZ", title="Unverified radios")
        handover(self, unverified, handed_over_on=D(2026, 1, 10))
        self.login("kz_coordinator")
        with mock.patch("django.utils.timezone.localdate", return_value=D(2026, 8, 1)):
            page = self.client.get(reverse("delivery:country", args=[self.bomca.slug, "kz"]))
            today = D(2026, 8, 1)
            self.assertEqual(late.days_late(today), 62)  # spring closes on 31 May
        self.assertContains(page, "62 days late")
        self.assertContains(page, "Late scanners")
        self.assertContains(page, "6 months without verified use")
        self.assertContains(page, "Unverified radios")
        self.assertNotContains(page, "Radios for KZ</a> —")  # verified in use in 2022: not flagged
        flagged = selectors.unverified_handovers(self.kz_coordinator, self.bomca, D(2026, 8, 1))
        self.assertEqual([f.handover.lot.title for f in flagged], ["Unverified radios"])

    def test_a_coordinator_neither_sees_nor_records_another_countrys_lots(self) -> None:
        self.login("kz_coordinator")
        page = self.client.get(reverse("delivery:procurement", args=[self.bomca.slug]))
        self.assertContains(page, "Radios for KZ")
        self.assertNotContains(page, "Radios for KG")
        assets = self.client.get(reverse("delivery:assets", args=[self.bomca.slug]))
        self.assertContains(assets, "SN-KZ-1")
        self.assertNotContains(assets, "SN-KG-1")
        response = self.client.post(self.step_url("accepted", self.w.kg_lot), {"actual_date": "2022-04-01"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(ProcurementStep.objects.filter(lot=self.w.kg_lot, stage=Stage.ACCEPTED).exists())

    def test_the_recipient_acknowledges_a_handover_and_it_is_audited(self) -> None:
        self.login("kz_counterpart")
        page = self.client.get(reverse("delivery:lot", args=[self.bomca.slug, self.w.kz_lot.pk]))
        self.assertContains(page, "Acknowledge receipt")
        url = reverse("delivery:handover_acknowledge", args=[self.bomca.slug, self.w.kz_handover.pk])
        self.assertEqual(self.client.post(url, {"note": "All five received"}).status_code, 302)
        self.w.kz_handover.refresh_from_db()
        self.assertEqual(self.w.kz_handover.acknowledged_by, self.kz_counterpart)
        entry = AuditEntry.objects.filter(
            object_id=str(self.w.kz_handover.pk), content_type__model="handover"
        ).latest("id")
        self.assertEqual(entry.rationale, "All five received")
        self.assertIsNone(entry.before["acknowledged_by_id"])

    def test_a_counterpart_of_another_institution_cannot_acknowledge(self) -> None:
        other = self.kz.institutions.exclude(pk=self.w.kz_handover.recipient_id).first()
        self.kz_counterpart.organisation = other
        self.kz_counterpart.save()
        self.login("kz_counterpart")
        url = reverse("delivery:handover_acknowledge", args=[self.bomca.slug, self.w.kz_handover.pk])
        self.assertEqual(self.client.post(url).status_code, 404)
        self.w.kz_handover.refresh_from_db()
        self.assertIsNone(self.w.kz_handover.acknowledged_at)


class DelayTest(SteercoTestCase):
    def test_delay_counts_from_the_end_of_the_planned_window(self) -> None:
        step = ProcurementStep(
            stage=Stage.DELIVERED, planned_date=D(2024, 6, 1), planned_precision=Precision.MONTH
        )
        self.assertIsNone(step.delay_days(D(2024, 6, 30)))
        self.assertEqual(step.delay_days(D(2024, 7, 3)), 3)
        step.actual_date = D(2024, 6, 12)
        self.assertEqual(step.delay_days(D(2030, 1, 1)), -18)  # early: negative, not flagged
        winter = ProcurementStep(
            stage=Stage.TENDER, planned_date=D(2024, 12, 1), planned_precision=Precision.SEASON
        )
        self.assertEqual(winter.deadline, D(2025, 2, 28))
        self.assertEqual(winter.planned_label, "winter 2024")

    def test_months_between_and_before(self) -> None:
        self.assertEqual(selectors.months_between(D(2024, 1, 31), D(2024, 7, 30)), 5)
        self.assertEqual(selectors.months_between(D(2024, 1, 31), D(2024, 7, 31)), 6)
        self.assertEqual(selectors.months_before(D(2024, 8, 31), 6), datetime.date(2024, 2, 29))
