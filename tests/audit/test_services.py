"""Every foundation service writes one audit entry per changed object, in the transaction of the change."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models
from django.utils.translation import override

from steerco.accounts import services as accounts
from steerco.accounts.models import Membership, User
from steerco.audit import services as audit
from steerco.audit.models import AuditEntry
from steerco.core.roles import Role
from steerco.programmes import services as programmes
from steerco.programmes.models import (
    Amendment,
    AmendmentKind,
    Component,
    Organisation,
    OrganisationKind,
    Programme,
    ProgrammeCountry,
    ReportingPeriod,
    Risk,
)

from .. import factories as f
from ..base import SteercoTestCase

D = datetime.date


class ServiceAuditTest(SteercoTestCase):
    def entries_of(self, obj: models.Model) -> list[AuditEntry]:
        content_type = ContentType.objects.get_for_model(obj)
        return list(AuditEntry.objects.filter(content_type=content_type, object_id=str(obj.pk)))

    def assert_one_entry(
        self,
        run: Any,
        obj_of: Any,
        action: str,
        changed: dict[str, Any] | None = None,
        actor: Any = None,
    ) -> AuditEntry:
        """Run a service; exactly one new entry, about its object, with the before/after images."""
        before_count = AuditEntry.objects.count()
        result = run()
        obj = obj_of(result)
        self.assertEqual(AuditEntry.objects.count(), before_count + 1)
        entry = AuditEntry.objects.order_by("-id").first()
        assert entry is not None
        self.assertEqual((entry.content_type.model_class(), entry.object_id), (type(obj), str(obj.pk)))
        self.assertEqual(entry.action, action)
        self.assertEqual(entry.actor, actor or self.manager)
        if action == "create":
            self.assertIsNone(entry.before)
            self.assertEqual(entry.after["id"], obj.pk)
        elif action == "delete":
            self.assertEqual(entry.before["id"], obj.pk)
            self.assertIsNone(entry.after)
        else:
            self.assertIsInstance(entry.before, dict)
            self.assertIsInstance(entry.after, dict)
        for field, (old, new) in (changed or {}).items():
            self.assertEqual((entry.before or {}).get(field), old, field)
            self.assertEqual((entry.after or {}).get(field), new, field)
        return entry

    def test_organisation(self) -> None:
        org = Organisation(name="Customs", kind=OrganisationKind.BENEFICIARY, country="KZ")
        self.assert_one_entry(
            lambda: programmes.save_organisation(org, acting_user=self.manager), lambda o: o, "create"
        )
        org.short_name = "KZ Customs"
        self.assert_one_entry(
            lambda: programmes.save_organisation(org, acting_user=self.manager),
            lambda o: o,
            "update",
            {"short_name": ("", "KZ Customs")},
        )

    def test_programme_update_keeps_the_rationale(self) -> None:
        old_title = self.bomca.title
        self.bomca.title = "Renamed"
        entry = self.assert_one_entry(
            lambda: programmes.update_programme(self.bomca, acting_user=self.manager, rationale="Addendum 3"),
            lambda p: p,
            "update",
            {"title": (old_title, "Renamed")},
        )
        self.assertEqual(entry.rationale, "Addendum 3")
        self.assertEqual(entry.programme, self.bomca)

    def test_programme_creation_writes_the_programme_and_the_creators_membership(self) -> None:
        programme = Programme(
            slug="new",
            code="NEW",
            title="New",
            donor=self.bomca.donor,
            lead_implementer=self.bomca.lead_implementer,
            planned_start=D(2024, 1, 1),
            planned_end=D(2026, 12, 31),
        )
        before = AuditEntry.objects.count()
        programmes.create_programme(programme, acting_user=self.manager)
        entries = list(AuditEntry.objects.order_by("id")[before:])
        membership = Membership.objects.get(user=self.manager, programme=programme)
        self.assertEqual(
            [(e.content_type.model_class(), e.object_id, e.action) for e in entries],
            [(Programme, str(programme.pk), "create"), (Membership, str(membership.pk), "create")],
        )
        self.assertEqual(membership.role, Role.MANAGER)

    def test_programme_country_with_its_institutions(self) -> None:
        ministry = f.organisation(kind=OrganisationKind.BENEFICIARY, country="TJ")
        pc = ProgrammeCountry(programme=self.bomca, country="TJ")
        entry = self.assert_one_entry(
            lambda: programmes.save_programme_country(pc, acting_user=self.manager, institutions=[ministry]),
            lambda o: o,
            "create",
        )
        self.assertEqual(entry.after["institutions"], [ministry.pk])
        self.assertEqual((entry.programme_id, entry.country), (self.bomca.pk, "TJ"))

    def test_component(self) -> None:
        self.c1.title = "Detection"
        self.assert_one_entry(
            lambda: programmes.save_component(self.c1, acting_user=self.manager),
            lambda o: o,
            "update",
            {"title": ("A component", "Detection")},
        )

    def test_amendment_keeps_its_justification_as_rationale(self) -> None:
        amendment = Amendment(
            programme=self.bomca,
            signed_on=D(2024, 2, 1),
            kind=AmendmentKind.TOP_UP,
            budget_delta=Decimal("100"),
            justification="Scanners",
        )
        entry = self.assert_one_entry(
            lambda: programmes.record_amendment(amendment, acting_user=self.manager), lambda o: o, "create"
        )
        self.assertEqual((entry.rationale, entry.after["budget_delta"]), ("Scanners", "100.00"))

    def test_period(self) -> None:
        self.year1.locked = True
        self.assert_one_entry(
            lambda: programmes.save_period(self.year1, acting_user=self.manager),
            lambda o: o,
            "update",
            {"locked": (False, True)},
        )

    def test_risk_update_and_delete_carry_the_country(self) -> None:
        self.kz_risk.impact = 5
        entry = self.assert_one_entry(
            lambda: programmes.save_risk(self.kz_risk, acting_user=self.manager),
            lambda o: o,
            "update",
            {"impact": (3, 5)},
        )
        self.assertEqual(entry.country, "KZ")
        pk = self.kz_risk.pk
        self.assert_one_entry(
            lambda: programmes.delete_risk(self.kz_risk, acting_user=self.manager, rationale="Closed"),
            lambda _: Risk(pk=pk),
            "delete",
        )
        self.assertFalse(Risk.objects.filter(pk=pk).exists())

    def test_user_and_memberships(self) -> None:
        user = User(username="newcomer")
        self.assert_one_entry(
            lambda: accounts.save_user(user, acting_user=self.admin, password="long enough pass"),
            lambda o: o,
            "create",
            actor=self.admin,
        )
        self.assertNotIn("password", AuditEntry.objects.order_by("-id").first().after)  # type: ignore[union-attr]
        membership = Membership(user=user, programme=self.bomca, country="KG", role=Role.OBSERVER)
        self.assert_one_entry(
            lambda: accounts.add_membership(membership, acting_user=self.admin),
            lambda o: o,
            "create",
            actor=self.admin,
        )
        pk = membership.pk
        self.assert_one_entry(
            lambda: accounts.remove_membership(membership, acting_user=self.admin),
            lambda _: Membership(pk=pk),
            "delete",
            actor=self.admin,
        )

    def test_language_and_password(self) -> None:
        user = self.manager
        self.assert_one_entry(
            lambda: accounts.set_language(user, "uk", acting_user=user),
            lambda _: user,
            "update",
            {"language": ("", "uk")},
        )
        before = AuditEntry.objects.count()
        accounts.set_language(user, "uk", acting_user=user)
        self.assertEqual(AuditEntry.objects.count(), before, "choosing the same language changes nothing")
        entry = self.assert_one_entry(
            lambda: accounts.change_password(user, "another long one", acting_user=user),
            lambda _: user,
            "update",
        )
        self.assertNotIn("password", entry.after)
        self.assertEqual(entry.rationale, "password changed")
        self.assertTrue(User.objects.get(pk=user.pk).check_password("another long one"))

    def test_an_invalid_object_is_neither_saved_nor_audited(self) -> None:
        before = AuditEntry.objects.count()
        bad = ReportingPeriod(
            programme=self.bomca, label="X", kind="year", start=D(2023, 1, 2), end=D(2023, 1, 1)
        )
        with self.assertRaises(ValidationError):
            programmes.save_period(bad, acting_user=self.manager)
        self.assertEqual(AuditEntry.objects.count(), before)
        self.assertFalse(ReportingPeriod.objects.filter(label="X").exists())

    def test_a_failing_second_write_takes_the_first_and_its_entry_back(self) -> None:
        programme = Programme(
            slug="half",
            code="HALF",
            title="Half written",
            donor=self.bomca.donor,
            lead_implementer=self.bomca.lead_implementer,
            planned_start=D(2024, 1, 1),
            planned_end=D(2026, 12, 31),
        )
        before = AuditEntry.objects.count()
        with (
            mock.patch.object(Membership, "save", side_effect=IntegrityError("membership refused")),
            self.assertRaises(IntegrityError),
        ):
            programmes.create_programme(programme, acting_user=self.manager)
        self.assertFalse(Programme.objects.filter(slug="half").exists())
        self.assertEqual(AuditEntry.objects.count(), before)

    def test_a_change_whose_entry_cannot_be_written_is_not_kept(self) -> None:
        with (
            mock.patch.object(AuditEntry.objects, "create", side_effect=DatabaseError("audit table gone")),
            self.assertRaises(DatabaseError),
        ):
            self.kz_risk.title = "Never saved"
            programmes.save_risk(self.kz_risk, acting_user=self.manager)
        self.assertNotEqual(Risk.objects.get(pk=self.kz_risk.pk).title, "Never saved")

    def test_entries_read_in_the_readers_words(self) -> None:
        self.kz_risk.status = "monitoring"
        programmes.save_risk(self.kz_risk, acting_user=self.manager)
        entry = self.entries_of(self.kz_risk)[0]
        with override("en"):
            self.assertIn(
                ("status", "Open", "Monitoring"),
                [(str(a), str(b), str(c)) for a, b, c in entry.labelled_changes()],
            )


@pytest.mark.django_db(transaction=True)
def test_record_refuses_to_run_outside_a_transaction() -> None:
    risk = f.risk(f.programme())
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(actor=None, action="update", obj=risk)
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_services_commit_the_change_with_its_entry() -> None:
    """Outside a test transaction: the service's own atomic block commits both or neither."""
    programme = f.programme()
    manager = f.user("m", (programme, "", Role.MANAGER))
    risk = Risk(programme=programme, title="Power cuts", likelihood=5, impact=4)
    programmes.save_risk(risk, acting_user=manager)
    assert AuditEntry.objects.filter(object_id=str(risk.pk), action="create").count() == 1
    bad = Component(programme=programme, code="", title="")
    with pytest.raises(ValidationError):
        programmes.save_component(bad, acting_user=manager)
    assert AuditEntry.objects.count() == 1
