"""Two people open the same form and save in turn: the second is refused with the first's values shown,
and saving again is a knowing overwrite. A save that changes nothing writes nothing."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.programmes.models import Risk
from tests.base import SteercoTestCase

from .forms_as_shown import shown_data


class RiskTest(SteercoTestCase):
    def _open(self, url: str) -> dict[str, Any]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return shown_data(response.context["form"])

    def test_second_save_of_a_risk_is_refused_with_the_first_values(self) -> None:
        self.login("manager")
        url = reverse("programmes:risk_edit", args=[self.bomca.slug, self.kz_risk.pk])
        first, second = self._open(url), self._open(url)
        first["mitigation"] = "Border posts trained first"
        second["mitigation"] = "Equipment first"
        self.assertEqual(self.client.post(url, first).status_code, 302)
        refused = self.client.post(url, second)
        self.assertEqual(refused.status_code, 409)
        self.assertContains(refused, "Border posts trained first", status_code=409)
        self.assertEqual(Risk.objects.get(pk=self.kz_risk.pk).mitigation, "Border posts trained first")
        again = shown_data(refused.context["form"])
        self.assertEqual(again["mitigation"], "Equipment first")
        self.assertEqual(self.client.post(url, again).status_code, 302)
        self.assertEqual(Risk.objects.get(pk=self.kz_risk.pk).mitigation, "Equipment first")

    def test_a_save_that_changes_nothing_writes_nothing(self) -> None:
        self.login("manager")
        url = reverse("programmes:risk_edit", args=[self.bomca.slug, self.kz_risk.pk])
        data = self._open(url)
        entries = AuditEntry.objects.count()
        response = self.client.post(url, data, follow=True)
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertNotContains(response, "Saved.")
        self.assertContains(response, "No changes")
