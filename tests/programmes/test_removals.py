"""Removing a spend line or an amendment entered by mistake, and what a circulated pack holds back."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from steerco.audit.models import AuditAction, AuditEntry
from steerco.core.permissions import OutsideScope
from steerco.core.removals import RemovalRefused
from steerco.programmes import services
from steerco.programmes.models import Amendment, Expenditure
from steerco.steering.models import Meeting, MeetingPack

from .. import factories as f
from ..base import SteercoTestCase
from ..steering.world import steering_world

D = datetime.date


def entries_of(model: type[Any], pk: int) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=str(pk))
    )


def circulate(group: Any, period: Any, day: datetime.date) -> MeetingPack:
    number = Meeting.objects.filter(group=group).count() + 1
    m = Meeting.objects.create(group=group, number=number, start_date=day, period=period)
    made_at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9)))
    return MeetingPack.objects.create(meeting=m, version=1, generated_at=made_at, content_hash="0" * 64)


class ExpenditureRemovalTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = steering_world(self)  # its Kazakh pack (as of 2021-11-10) counts the KZ spend of Year 1
        self.kg_spend = Expenditure.objects.create(
            budget_line=self.w.budget_line, period=self.year1, country="KG", amount=Decimal("700")
        )

    def url(self, spend: Expenditure) -> str:
        return reverse("programmes:expenditure_remove", args=["bomca", spend.pk])

    def test_the_manager_removes_spend_no_circulated_pack_counts(self) -> None:
        self.login("manager")
        entries = AuditEntry.objects.count()
        page = self.client.get(self.url(self.kg_spend))
        self.assertContains(page, "700.00")
        self.assertEqual(AuditEntry.objects.count(), entries)
        response = self.client.post(self.url(self.kg_spend))
        self.assertRedirects(
            response, reverse("programmes:budget", args=["bomca"]), fetch_redirect_response=False
        )
        self.assertFalse(Expenditure.objects.filter(pk=self.kg_spend.pk).exists())
        (removed,) = entries_of(Expenditure, self.kg_spend.pk)
        self.assertEqual((removed.action, removed.before["amount"]), (AuditAction.DELETE, "700.00"))
        self.assertEqual(removed.before["country"], "KG")

    def test_spend_a_circulated_pack_counts_is_refused_with_the_reason(self) -> None:
        self.login("manager")
        page = self.client.get(self.url(self.w.expenditure))
        self.assertContains(page, f"the pack of {self.w.kz_meeting}")
        self.assertEqual(self.client.post(self.url(self.w.expenditure)).status_code, 409)
        self.assertTrue(Expenditure.objects.filter(pk=self.w.expenditure.pk).exists())
        self.assertEqual(entries_of(Expenditure, self.w.expenditure.pk), [])

    def test_a_regional_pack_counts_every_countrys_spend(self) -> None:
        circulate(self.w.rsg, self.year1, D(2022, 2, 15))
        with self.assertRaises(RemovalRefused):
            services.remove_expenditure(self.kg_spend, acting_user=self.manager)

    def test_spend_of_a_period_after_the_packs_is_removable(self) -> None:
        year2 = f.period(self.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")
        later = Expenditure.objects.create(
            budget_line=self.w.budget_line, period=year2, country="KZ", amount=Decimal("5")
        )
        self.assertEqual(services.expenditure_removal_refusal(later), "")

    def test_only_whoever_sets_the_programme_up_may_remove_spend(self) -> None:
        for persona in ("me_officer", "observer", "kz_coordinator", "outsider", "ua_manager"):
            with self.subTest(persona=persona):
                self.client.force_login(getattr(self, persona))
                self.assertEqual(self.client.get(self.url(self.kg_spend)).status_code, 404)
                self.assertEqual(self.client.post(self.url(self.kg_spend)).status_code, 404)
        with self.assertRaises(OutsideScope):
            services.remove_expenditure(self.kg_spend, acting_user=self.me_officer)
        self.assertTrue(Expenditure.objects.filter(pk=self.kg_spend.pk).exists())

    def test_the_edit_page_links_to_the_removal_page(self) -> None:
        self.login("manager")
        edit = self.client.get(reverse("programmes:expenditure_edit", args=["bomca", self.kg_spend.pk]))
        self.assertContains(edit, self.url(self.kg_spend))


class AmendmentRemovalTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = steering_world(self)
        self.top_up = Amendment.objects.create(
            programme=self.bomca,
            signed_on=D(2022, 1, 20),
            kind="top_up",
            budget_delta=Decimal("1000"),
            justification="Typed against the wrong programme",
        )
        self.url = reverse("programmes:amendment_remove", args=["bomca", self.top_up.pk])

    def test_the_manager_removes_an_amendment_signed_after_every_circulated_pack(self) -> None:
        self.login("manager")
        self.assertContains(self.client.get(self.url), "Typed against the wrong programme")
        self.assertContains(self.client.get(self.url), "budget and end date are worked out again")
        response = self.client.post(self.url)
        self.assertRedirects(
            response, reverse("programmes:amendments", args=["bomca"]), fetch_redirect_response=False
        )
        self.assertFalse(Amendment.objects.filter(pk=self.top_up.pk).exists())
        (removed,) = entries_of(Amendment, self.top_up.pk)[-1:]
        self.assertEqual((removed.action, removed.before["budget_delta"]), (AuditAction.DELETE, "1000.00"))

    def test_an_amendment_signed_by_a_circulated_packs_date_is_refused(self) -> None:
        circulate(self.w.rsg, self.year1, D(2022, 2, 15))  # as of 2022-02-15, after it was signed
        self.login("manager")
        self.assertContains(self.client.get(self.url), "can no longer be removed")
        self.assertEqual(self.client.post(self.url).status_code, 409)
        self.assertTrue(Amendment.objects.filter(pk=self.top_up.pk).exists())

    def test_a_country_coordinator_gets_404(self) -> None:
        self.login("kz_coordinator")
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url).status_code, 404)
        self.assertTrue(Amendment.objects.filter(pk=self.top_up.pk).exists())
