"""Bad input on the set-up forms: refused at the field at fault, with nothing saved and nothing audited."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.urls import reverse

from steerco.accounts.models import Membership
from steerco.audit.models import AuditEntry
from steerco.programmes.models import Amendment, AmendmentKind, Programme, ReportingPeriod, Risk

from ..base import SteercoTestCase

D = datetime.date


class FormValidationTest(SteercoTestCase):
    def setUp(self) -> None:
        super().setUp()
        self.login("manager")

    def assert_refused(
        self, url: str, data: dict[str, Any], field: str, model: type[models.Model], words: str
    ) -> None:
        """POST `data`: 400, the error at `field` containing `words`, no new row, no audit entry."""
        rows, entries = model._default_manager.count(), AuditEntry.objects.count()
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400, response.content[:300])
        errors = response.context["form"].errors
        self.assertIn(field, errors, f"errors are at {list(errors)}, not at {field}")
        self.assertIn(words, " ".join(errors[field]))
        self.assertContains(response, f'id="id_{field}_error"', status_code=400)
        self.assertEqual(model._default_manager.count(), rows)
        self.assertEqual(AuditEntry.objects.count(), entries)

    def assert_accepted(self, url: str, data: dict[str, Any]) -> None:
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 302, response.context and response.context["form"].errors)

    # Programme

    def programme_data(self, **changes: Any) -> dict[str, Any]:
        p = self.bomca
        data = {
            "slug": p.slug,
            "code": p.code,
            "title": p.title,
            "donor": p.donor_id,
            "lead_implementer": p.lead_implementer_id,
            "planned_start": "2021-04-01",
            "planned_end": "2025-09-30",
            "currency": "EUR",
            "initial_budget": "1000000",
        }
        return {**data, **changes}

    def test_a_programme_cannot_end_before_it_starts(self) -> None:
        url = reverse("programmes:edit", args=["bomca"])
        self.assert_refused(
            url, self.programme_data(planned_end="2021-03-31"), "planned_end", Programme, "before"
        )
        self.bomca.refresh_from_db()
        self.assertEqual(self.bomca.planned_end, D(2025, 9, 30))

    def test_a_new_programme_cannot_end_before_it_starts(self) -> None:
        url = reverse("programmes:create")
        data = self.programme_data(slug="new", code="NEW", planned_end="2020-01-01")
        self.assert_refused(url, data, "planned_end", Programme, "before")
        self.assertFalse(Membership.objects.filter(programme__slug="new").exists())

    # Reporting periods

    def period_data(self, start: str, end: str, kind: str = "year", label: str = "P") -> dict[str, Any]:
        return {"label": label, "kind": kind, "start": start, "end": end}

    def test_a_period_cannot_end_before_it_starts(self) -> None:
        url = reverse("programmes:period_add", args=["bomca"])
        self.assert_refused(
            url, self.period_data("2023-04-01", "2023-03-01"), "end", ReportingPeriod, "ends before"
        )

    def test_a_period_cannot_start_before_the_programme(self) -> None:
        url = reverse("programmes:period_add", args=["bomca"])
        data = self.period_data("2021-01-01", "2021-03-31", kind="quarter")
        self.assert_refused(url, data, "start", ReportingPeriod, "2021-04-01 to 2025-09-30")

    def test_a_period_cannot_end_after_the_current_end_derived_from_amendments(self) -> None:
        Amendment.objects.create(
            programme=self.bomca,
            signed_on=D(2024, 1, 10),
            kind=AmendmentKind.EXTENSION,
            new_end_date=D(2026, 3, 31),
            justification="Deliveries late",
        )
        url = reverse("programmes:period_add", args=["bomca"])
        data = self.period_data("2026-01-01", "2026-06-30", kind="semester", label="S")
        self.assert_refused(url, data, "end", ReportingPeriod, "2021-04-01 to 2026-03-31")
        # Inside the extension is fine: the end follows the amendment, not the planned end.
        self.assert_accepted(url, self.period_data("2025-10-01", "2026-03-31", kind="semester", label="S"))

    def test_periods_of_one_kind_do_not_overlap(self) -> None:
        url = reverse("programmes:period_add", args=["bomca"])
        data = self.period_data("2022-01-01", "2022-12-31", kind="year", label="Calendar 2022")
        self.assert_refused(url, data, "start", ReportingPeriod, "Year 1")
        # A quarter may lie inside a year: only periods of the same kind must not overlap.
        self.assert_accepted(
            url, self.period_data("2022-01-01", "2022-03-31", kind="quarter", label="2022-Q1")
        )

    def test_editing_a_period_does_not_overlap_itself(self) -> None:
        url = reverse("programmes:period_edit", args=["bomca", self.year1.pk])
        self.assert_accepted(url, self.period_data("2021-04-01", "2022-03-31", label="Year 1", kind="year"))

    # Amendments

    def amendment_data(self, kind: str, **changes: Any) -> dict[str, Any]:
        data = {"signed_on": "2024-01-10", "kind": kind, "budget_delta": "0", "justification": "Because"}
        return {**data, **changes}

    def test_an_amendment_that_shortens_the_programme_must_say_so(self) -> None:
        url = reverse("programmes:amendment_add", args=["bomca"])
        data = self.amendment_data(AmendmentKind.LOGFRAME_REVISION, new_end_date="2025-06-30")
        self.assert_refused(url, data, "shortens", Amendment, "earlier than the current end date 2025-09-30")
        self.assert_accepted(url, {**data, "shortens": "on"})
        self.assertEqual(self.bomca.current_terms().end, D(2025, 6, 30))

    def test_an_extension_must_end_later(self) -> None:
        url = reverse("programmes:amendment_add", args=["bomca"])
        data = self.amendment_data(AmendmentKind.EXTENSION, new_end_date="2025-09-30")
        self.assert_refused(url, data, "new_end_date", Amendment, "after the current end date")

    def test_a_top_up_adds_a_positive_amount(self) -> None:
        url = reverse("programmes:amendment_add", args=["bomca"])
        for amount in ("0", "-500"):
            with self.subTest(amount=amount):
                data = self.amendment_data(AmendmentKind.TOP_UP, budget_delta=amount)
                self.assert_refused(url, data, "budget_delta", Amendment, "positive amount")
        self.assert_accepted(url, self.amendment_data(AmendmentKind.TOP_UP, budget_delta="250000"))
        self.assertEqual(self.bomca.current_terms().budget, Decimal("1250000"))

    def test_an_extension_needs_a_new_end_date(self) -> None:
        url = reverse("programmes:amendment_add", args=["bomca"])
        for kind in (AmendmentKind.EXTENSION, AmendmentKind.NO_COST_EXTENSION):
            with self.subTest(kind=kind):
                self.assert_refused(url, self.amendment_data(kind), "new_end_date", Amendment, "new end date")

    def test_an_amendment_cannot_predate_the_programme(self) -> None:
        url = reverse("programmes:amendment_add", args=["bomca"])
        data = self.amendment_data(AmendmentKind.TOP_UP, budget_delta="5", signed_on="2020-01-01")
        self.assert_refused(url, data, "signed_on", Amendment, "before the programme starts")

    def test_an_amendment_is_corrected_with_the_same_checks(self) -> None:
        url = reverse("programmes:amendment_edit", args=["bomca", self.amendment.pk])
        data = self.amendment_data(AmendmentKind.TOP_UP, budget_delta="-1", signed_on="2022-01-26")
        self.assert_refused(url, data, "budget_delta", Amendment, "positive amount")
        self.assertEqual(Amendment.objects.get(pk=self.amendment.pk).kind, AmendmentKind.LOGFRAME_REVISION)
        self.assert_accepted(url, {**data, "budget_delta": "2000"})
        entry = AuditEntry.objects.get(object_id=str(self.amendment.pk), action="update")
        self.assertEqual((entry.before["kind"], entry.after["kind"]), ("logframe_revision", "top_up"))
        self.assertEqual(self.bomca.current_terms().budget, Decimal("1002000"))

    # Risks and memberships

    def test_a_risk_only_in_a_country_of_the_programme(self) -> None:
        url = reverse("programmes:risk_add", args=["bomca"])
        data = {
            "title": "Floods",
            "country": "TJ",
            "likelihood": "3",
            "impact": "3",
            "status": "open",
            "raised_on": "2023-01-01",
        }
        self.assert_refused(url, data, "country", Risk, "does not work in this country")
        self.assert_accepted(url, {**data, "country": "KG"})

    def test_a_risk_scale_runs_from_one_to_five(self) -> None:
        url = reverse("programmes:risk_add", args=["bomca"])
        data = {
            "title": "Floods",
            "likelihood": "6",
            "impact": "0",
            "status": "open",
            "raised_on": "2023-01-01",
        }
        self.assert_refused(url, data, "likelihood", Risk, "5")
        self.assert_refused(url, data, "impact", Risk, "1")

    def test_a_membership_only_in_a_country_of_the_programme(self) -> None:
        self.login("admin")
        url = reverse("accounts:membership_add", args=[self.outsider.pk])
        data = {"programme": self.bomca.pk, "country": "TJ", "role": "coordinator"}
        self.assert_refused(url, data, "country", Membership, "does not work in this country")
        self.assert_accepted(url, {**data, "country": "KZ"})
        self.assertTrue(Membership.objects.filter(user=self.outsider, country="KZ").exists())
