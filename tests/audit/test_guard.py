"""The suite's audit guard (tests/audit_guard.py) catches an application change without its audit entry."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from steerco.audit.models import AuditAction
from steerco.audit.services import record
from steerco.core.demo import ensure
from steerco.core.permissions import SYSTEM
from steerco.programmes.models import Risk
from steerco.steering.models import ActionPointNote

from .. import audit_guard
from ..base import SteercoTestCase
from ..steering.world import steering_world


def save_quietly(obj: Any, *, acting_user: Any) -> None:
    obj.save()  # what a service must never do: no audit entry


def save_and_record(obj: Any, *, acting_user: Any) -> None:
    obj.save()
    record(actor=acting_user, action=AuditAction.CREATE, obj=obj)


class AuditGuardTest(SteercoTestCase):
    def tearDown(self) -> None:
        # The violations these tests provoke on purpose are theirs, not failures of the suite.
        del audit_guard.violations[self.violations_before :]

    def setUp(self) -> None:
        self.violations_before = len(audit_guard.violations)

    def new_risk(self, save: Any) -> None:
        ensure(
            Risk,
            save,
            acting_user=SYSTEM,
            lookup={"programme": self.bomca, "title": "Guarded"},
            defaults={"likelihood": 3, "impact": 3},
        )

    def test_an_application_save_without_an_audit_entry_fails_when_its_transaction_ends(self) -> None:
        with self.assertRaisesMessage(audit_guard.UnauditedChange, "programmes.Risk"), transaction.atomic():
            self.new_risk(save_quietly)
        self.assertEqual(len(audit_guard.violations), self.violations_before + 1)

    def test_an_application_save_outside_a_transaction_of_its_own_fails_at_once(self) -> None:
        with self.assertRaisesMessage(audit_guard.UnauditedChange, "outside any transaction"):
            self.new_risk(save_and_record)

    def test_a_save_with_its_entry_in_the_same_transaction_passes(self) -> None:
        with transaction.atomic():
            self.new_risk(save_and_record)
        self.assertTrue(Risk.objects.filter(title="Guarded").exists())
        self.assertEqual(len(audit_guard.violations), self.violations_before)

    def test_an_entry_in_another_transaction_does_not_count(self) -> None:
        with self.assertRaises(audit_guard.UnauditedChange):
            with transaction.atomic():
                self.new_risk(save_quietly)
            with transaction.atomic():
                record(actor=SYSTEM, action=AuditAction.CREATE, obj=Risk.objects.get(title="Guarded"))

    def test_a_model_audited_through_another_passes_with_that_ones_entry(self) -> None:
        w = steering_world(self)

        def add_note(obj: Any, *, acting_user: Any) -> None:
            obj.save()
            record(actor=acting_user, action=AuditAction.UPDATE, obj=obj.action_point)

        with transaction.atomic():
            ensure(
                ActionPointNote,
                add_note,
                acting_user=SYSTEM,
                lookup={"action_point": w.kz_point, "note": "n"},
            )
        with self.assertRaises(audit_guard.UnauditedChange), transaction.atomic():
            ensure(
                ActionPointNote,
                save_quietly,
                acting_user=SYSTEM,
                lookup={"action_point": w.kz_point, "note": "m"},
            )

    def test_test_data_and_exempted_changes_pass(self) -> None:
        Risk.objects.create(
            programme=self.bomca, title="Test data", likelihood=1, impact=1
        )  # written by the test itself
        with audit_guard.unaudited(), transaction.atomic():
            self.new_risk(save_quietly)
        self.assertEqual(len(audit_guard.violations), self.violations_before)
