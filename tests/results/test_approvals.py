"""Approving and returning updates: the queue, notes, stale decisions, locked periods, and that only
approved values count outside the entry screens."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.urls import reverse

from steerco.audit.models import AuditAction, AuditEntry
from steerco.results import services
from steerco.results.models import IndicatorUpdate, UpdateState
from tests.base import SteercoTestCase

from .world import results_world, update


class ApprovalTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    def review(self, decision: str, note: str = "", version: int = 1) -> object:
        url = reverse("results:review", args=["bomca", self.w.kz_update.pk])
        return self.client.post(url, {"decision": decision, "note": note, "version": str(version)})

    def fresh(self) -> IndicatorUpdate:
        return IndicatorUpdate.objects.get(pk=self.w.kz_update.pk)

    def test_the_queue_lists_submitted_updates_with_their_breakdown_and_evidence(self) -> None:
        self.login("me_officer")
        response = self.client.get(reverse("results:approvals", args=["bomca"]))
        self.assertContains(response, "Officials trained")
        self.assertContains(response, "Sex: Women 8, Men 12")
        self.assertContains(response, "attendance.pdf")

    def test_approving_makes_the_value_count_and_records_who(self) -> None:
        self.login("me_officer")
        indicator = reverse("results:indicator", args=["bomca", self.w.trained.pk])
        nothing = '<strong><span class="nodata">no data</span></strong>'
        self.assertContains(self.client.get(indicator), nothing)  # submitted is not approved yet
        response = self.review("approve", note="Checked against the attendance lists.")
        self.assertEqual(response.status_code, 302)
        approved = self.fresh()
        self.assertEqual((approved.state, approved.reviewed_by), (UpdateState.APPROVED, self.me_officer))
        entry = AuditEntry.objects.get(object_id=str(approved.pk), action=AuditAction.APPROVE)
        self.assertEqual((entry.before["state"], entry.after["state"]), ("submitted", "approved"))
        self.assertEqual(entry.rationale, "Checked against the attendance lists.")
        page = self.client.get(indicator)
        self.assertNotContains(page, nothing)
        self.assertContains(page, "<strong>20</strong>")
        self.assertContains(page, "Checked against the attendance lists.")  # the history says who and why

    def test_returning_needs_a_note_at_the_field(self) -> None:
        self.login("me_officer")
        response = self.review("return")
        self.assertContains(response, "Say what needs changing", status_code=400)
        self.assertContains(response, f'id="u{self.w.kz_update.pk}_note_error"', status_code=400)
        self.assertEqual(self.fresh().state, UpdateState.SUBMITTED)
        self.assertEqual(self.review("return", note="Women and men do not match the list.").status_code, 302)
        self.assertEqual(self.fresh().state, UpdateState.RETURNED)
        self.login("kz_coordinator")
        entry = reverse("results:country_entry", args=["bomca", "kz", self.year1.pk])
        self.assertContains(self.client.get(entry), "Women and men do not match the list.")

    def test_a_decision_on_a_changed_update_is_refused(self) -> None:
        self.login("me_officer")
        response = self.review("approve", version=0)
        self.assertContains(response, "changed while you were looking at it", status_code=400)
        self.assertEqual(self.fresh().state, UpdateState.SUBMITTED)

    def test_a_locked_period_accepts_no_decision(self) -> None:
        self.year1.locked = True
        self.year1.save()
        self.login("me_officer")
        response = self.review("approve")
        self.assertContains(response, "is locked: it accepts no more changes", status_code=400)
        self.assertEqual(self.fresh().state, UpdateState.SUBMITTED)

    def test_an_approved_update_can_be_returned_and_stops_counting(self) -> None:
        services.approve_update(self.w.kz_update, acting_user=self.me_officer)
        services.return_update(self.w.kz_update, acting_user=self.me_officer, note="Recount.")
        self.login("manager")
        response = self.client.get(reverse("results:dashboard", args=["bomca"]))
        self.assertContains(response, "no data")
        self.assertNotContains(response, ">20<")

    def test_only_approved_values_count_on_dashboards_drafts_show_on_entry_screens(self) -> None:
        draft = update(self.w.trained, self.year1, "KG", value=Decimal(7), state=UpdateState.DRAFT, version=1)
        self.login("manager")
        dashboard = self.client.get(reverse("results:country_dashboard", args=["bomca", "kg"]))
        self.assertContains(dashboard, "no data")
        self.assertContains(dashboard, "1 draft")
        entry = self.client.get(reverse("results:country_entry", args=["bomca", "kg", self.year1.pk]))
        self.assertContains(entry, "Draft")
        self.assertContains(entry, 'value="7"')
        services.submit_update(draft, acting_user=self.kg_coordinator)
        services.approve_update(draft, acting_user=self.me_officer)
        dashboard = self.client.get(reverse("results:country_dashboard", args=["bomca", "kg"]))
        self.assertContains(dashboard, '<td class="num">7</td>', html=False)

    def test_coordinators_cannot_approve(self) -> None:
        self.login("kz_coordinator")
        self.assertEqual(self.review("approve").status_code, 404)
        self.assertEqual(self.fresh().state, UpdateState.SUBMITTED)


class WithdrawAndLastChangeTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    def submitted(self) -> IndicatorUpdate:
        from steerco.results import services

        update = IndicatorUpdate.objects.get(pk=self.w.kz_update.pk)
        update.state = UpdateState.DRAFT
        update.save()
        services.submit_update(update, acting_user=self.kz_coordinator)
        return IndicatorUpdate.objects.get(pk=update.pk)

    def withdraw(self, update: IndicatorUpdate) -> Any:
        return self.client.post(reverse("results:withdraw", args=["bomca", update.pk]))

    def test_the_author_withdraws_a_submitted_update_to_draft_and_it_is_audited(self) -> None:
        update = self.submitted()
        self.login("kz_coordinator")
        entry = reverse("results:country_entry", args=["bomca", "kz", self.year1.pk])
        self.assertContains(self.client.get(entry), "Withdraw to draft")
        response = self.withdraw(update)
        self.assertRedirects(response, f"{entry}#indicator-{update.indicator_id}")
        after = IndicatorUpdate.objects.get(pk=update.pk)
        self.assertEqual(after.state, UpdateState.DRAFT)
        self.assertEqual(after.version, update.version + 1)
        audit = AuditEntry.objects.filter(object_id=str(update.pk)).order_by("-at", "-id").first()
        assert audit is not None
        self.assertEqual(
            (audit.actor, audit.before["state"], audit.after["state"]),
            (self.kz_coordinator, "submitted", "draft"),
        )
        self.assertNotIn(self.w.kz_update.pk, [u.pk for u in self.approval_queue()])

    def approval_queue(self) -> list[IndicatorUpdate]:
        from steerco.results import selectors

        return list(selectors.approval_queue(self.me_officer, self.bomca))

    def test_someone_else_or_a_reviewed_update_cannot_be_withdrawn(self) -> None:
        update = self.submitted()
        self.login("manager")
        self.withdraw(update)
        self.assertEqual(IndicatorUpdate.objects.get(pk=update.pk).state, UpdateState.SUBMITTED)
        self.login("kg_coordinator")
        self.assertEqual(self.withdraw(update).status_code, 404)
        self.login("me_officer")
        self.client.post(
            reverse("results:review", args=["bomca", update.pk]),
            {"decision": "approve", "version": str(update.version), "note": ""},
        )
        self.login("kz_coordinator")
        response = self.withdraw(update)
        self.assertEqual(response.status_code, 302)
        self.assertEqual(IndicatorUpdate.objects.get(pk=update.pk).state, UpdateState.APPROVED)

    def test_last_changed_by_names_the_officer_who_returned_it(self) -> None:
        update = self.submitted()
        self.login("me_officer")
        self.client.post(
            reverse("results:review", args=["bomca", update.pk]),
            {"decision": "return", "version": str(update.version), "note": "Attach the list"},
        )
        self.assertEqual(IndicatorUpdate.objects.get(pk=update.pk).updated_by, self.me_officer)
        self.login("kz_coordinator")
        page = self.client.get(reverse("results:country_entry", args=["bomca", "kz", self.year1.pk]))
        self.assertContains(page, f"Last changed by {self.me_officer}")

    def test_a_return_without_a_note_says_so_next_to_the_return_button(self) -> None:
        update = self.submitted()
        self.login("me_officer")
        response = self.client.post(
            reverse("results:review", args=["bomca", update.pk]),
            {"decision": "return", "version": str(update.version), "note": ""},
        )
        self.assertContains(response, f'aria-describedby="u{update.pk}_return_error"', status_code=400)
        self.assertContains(response, f'id="u{update.pk}_return_error"', status_code=400)
