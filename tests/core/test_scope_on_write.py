"""Every write checks its acting user on the object's stored scope and on the scope it is saved with.

Forms offer only the scopes the user may write; a forged POST naming another one is refused with
nothing changed; services refuse it too, whoever calls them, and refuse a call with no actor at all.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from steerco.accounts import services as accounts
from steerco.accounts.models import Membership
from steerco.audit.models import AuditEntry
from steerco.core.permissions import SYSTEM, OutsideScope, ensure_may, may
from steerco.core.roles import Action, Role
from steerco.delivery import services as delivery
from steerco.delivery.models import Event, Handover, ProcurementLot, WorkPlanItem
from steerco.programmes import services as programmes
from steerco.programmes.models import Expenditure, Risk
from steerco.results import services as results
from steerco.results.models import IndicatorUpdate
from steerco.steering import services as steering
from steerco.steering.models import GroupKind, Meeting, SteeringGroup

from .. import factories as f
from ..base import SteercoTestCase
from ..delivery.world import delivery_world
from ..results.world import results_world
from ..steering.world import steering_world


def form_data(response: Any) -> dict[str, Any]:
    """What the form on a page would send back unchanged: each field's current value."""
    form = response.context["form"]
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if field.disabled or isinstance(field, forms.FileField):
            continue
        value = form[name].value()
        if value is None or value is False:
            continue
        if value is True:
            data[name] = "on"
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        else:
            data[name] = str(value)
    return data


def choices(response: Any, name: str) -> list[str]:
    return [str(value) for value, _label in response.context["form"].fields[name].choices]


class ForgedScopeTest(SteercoTestCase):
    """A coordinator posts an edit form of their own country's object, naming another scope."""

    def assert_refused(self, url: str, obj: models.Model, **forged: str) -> None:
        page = self.client.get(url)
        self.assertEqual(page.status_code, 200, url)
        data = form_data(page)
        before = (self.snapshot(obj), AuditEntry.objects.count())
        response = self.client.post(url, {**data, **forged})
        self.assertIn(response.status_code, (400, 404), f"{url} accepted {forged}")
        self.assertEqual((self.snapshot(obj), AuditEntry.objects.count()), before, f"{url} changed")
        # The same form sent back unforged is accepted: the scope alone was refused.
        self.assertEqual(self.client.post(url, data).status_code, 302, url)

    def snapshot(self, obj: models.Model) -> dict[str, Any]:
        return type(obj)._default_manager.filter(pk=obj.pk).values().get()

    def test_a_coordinator_cannot_move_their_national_group_to_another_country_or_the_region(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:group_edit", args=["bomca", w.kz_nsg.pk])
        page = self.client.get(url)
        self.assertEqual(choices(page, "country"), ["KZ"])
        self.assertEqual(choices(page, "kind"), [GroupKind.NATIONAL])
        self.assert_refused(url, w.kz_nsg, country="KG")
        self.assert_refused(url, w.kz_nsg, kind=GroupKind.REGIONAL, country="")
        self.assert_refused(url, w.kz_nsg, kind=GroupKind.PROJECT, country="")
        w.kz_nsg.refresh_from_db()
        self.assertEqual((w.kz_nsg.kind, w.kz_nsg.country), (GroupKind.NATIONAL, "KZ"))

    def test_the_manager_is_offered_every_scope(self) -> None:
        w = steering_world(self)
        self.login("manager")
        page = self.client.get(reverse("steering:group_edit", args=["bomca", w.kz_nsg.pk]))
        self.assertEqual(sorted(choices(page, "country")), ["", "KG", "KZ"])
        self.assertEqual(len(choices(page, "kind")), len(GroupKind.choices) + 1)  # with the blank

    def test_a_meeting_stays_in_its_group(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:meeting_edit", args=["bomca", w.kz_meeting.pk])
        # The group of a meeting is shown, not offered: a forged one is ignored.
        self.client.post(url, {**form_data(self.client.get(url)), "group": str(w.kg_nsg.pk)})
        w.kz_meeting.refresh_from_db()
        self.assertEqual(w.kz_meeting.group_id, w.kz_nsg.pk)
        add = self.client.get(reverse("steering:meeting_add", args=["bomca"]))
        self.assertEqual(choices(add, "group"), ["", str(w.kz_nsg.pk)])

    def test_delivery_records_stay_in_their_country(self) -> None:
        w = delivery_world(self)
        self.login("kz_coordinator")
        for name, obj in [
            ("delivery:event_edit", w.kz_event),
            ("delivery:lot_edit", w.kz_lot),
            ("delivery:workplan_edit", w.kz_item),
            ("delivery:recommendation_edit", w.kz_recommendation),
        ]:
            with self.subTest(name):
                url = reverse(name, args=["bomca", obj.pk])
                self.assertEqual(choices(self.client.get(url), "country"), ["KZ"])
                self.assert_refused(url, obj, country="KG")
                self.assert_refused(url, obj, country="")

    def test_a_handover_goes_to_an_institution_of_its_lots_country(self) -> None:
        w = delivery_world(self)
        self.login("kz_coordinator")
        url = reverse("delivery:handover_add", args=["bomca", w.kz_lot.pk])
        page = self.client.get(url)
        self.assertNotIn(str(w.kg_handover.recipient_id), choices(page, "recipient"))
        data = {**form_data(page), "recipient": str(w.kg_handover.recipient_id), "quantity": "1"}
        handovers = Handover.objects.count()
        self.assertEqual(self.client.post(url, data).status_code, 400)
        self.assertEqual(Handover.objects.count(), handovers)

    def test_a_country_manager_sets_up_risks_and_spend_of_their_country_only(self) -> None:
        w = steering_world(self)
        kz_manager = f.user("kz_manager", (self.bomca, "KZ", Role.MANAGER))
        self.login(kz_manager)
        risk = Risk.objects.get(pk=self.kz_risk.pk)
        url = reverse("programmes:risk_edit", args=["bomca", risk.pk])
        self.assertEqual(choices(self.client.get(url), "country"), ["KZ"])
        self.assert_refused(url, risk, country="KG")
        self.assert_refused(url, risk, country="")
        spend = Expenditure.objects.get(pk=w.expenditure.pk)
        spend.country = "KZ"
        programmes.record_expenditure(spend, acting_user=self.manager)
        url = reverse("programmes:expenditure_edit", args=["bomca", spend.pk])
        self.assertEqual(choices(self.client.get(url), "country"), ["KZ"])
        self.assert_refused(url, spend, country="KG")


class ServiceScopeTest(SteercoTestCase):
    """The services refuse what their views would, for any caller."""

    def assert_refused(self, call: Any) -> None:
        entries = AuditEntry.objects.count()
        with self.assertRaises(OutsideScope):
            call()
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_no_actor_is_refused_and_the_system_may_everything(self) -> None:
        risk = Risk.objects.get(pk=self.kz_risk.pk)
        risk.title = "Changed by nobody"
        self.assert_refused(lambda: programmes.save_risk(risk, acting_user=None))
        programmes.save_risk(risk, acting_user=SYSTEM)
        entry = AuditEntry.objects.order_by("-id").first()
        assert entry is not None
        self.assertEqual((entry.object_repr, entry.actor), ("Changed by nobody", None))

    def test_an_edit_is_checked_on_its_stored_scope_and_its_new_one(self) -> None:
        w = steering_world(self)
        group = SteeringGroup.objects.get(pk=w.kz_nsg.pk)
        self.assertTrue(may(self.kz_coordinator, Action.STEER, group))
        group.country = "KG"  # new scope out of reach
        self.assert_refused(lambda: steering.save_steering_group(group, acting_user=self.kz_coordinator))
        group.kind, group.country = GroupKind.REGIONAL, ""
        self.assert_refused(lambda: steering.save_steering_group(group, acting_user=self.kz_coordinator))
        kg_group = SteeringGroup.objects.get(pk=w.kg_nsg.pk)
        kg_group.country = "KZ"  # stored scope out of reach, new one within it
        self.assert_refused(lambda: steering.save_steering_group(kg_group, acting_user=self.kz_coordinator))
        self.assertEqual(SteeringGroup.objects.get(pk=w.kg_nsg.pk).country, "KG")
        # `old` stands for the stored object when the caller has read it already.
        with self.assertRaises(OutsideScope):
            ensure_may(
                self.kz_coordinator, Action.STEER, group, old=SteeringGroup.objects.get(pk=w.kg_nsg.pk)
            )

    def test_another_programmes_manager_writes_nothing_here(self) -> None:
        w = steering_world(self)
        risk = Risk.objects.get(pk=self.kz_risk.pk)
        risk.title = "Hijacked"
        self.assert_refused(lambda: programmes.save_risk(risk, acting_user=self.ua_manager))
        ua_risk = Risk.objects.get(pk=self.ua_risk.pk)
        ua_risk.programme = self.bomca  # moving their own risk into a programme they do not manage
        self.assert_refused(lambda: programmes.save_risk(ua_risk, acting_user=self.ua_manager))
        meeting = Meeting.objects.get(pk=w.kz_meeting.pk)
        self.assert_refused(lambda: steering.hold_meeting(meeting, acting_user=self.ua_manager))

    def test_steering_writes_are_for_the_groups_steering(self) -> None:
        w = steering_world(self)
        meeting = Meeting.objects.get(pk=w.kg_meeting.pk)
        meeting.place = "Elsewhere"
        self.assert_refused(lambda: steering.save_meeting(meeting, acting_user=self.kz_coordinator))
        moved = Meeting.objects.get(pk=w.kz_meeting.pk)
        moved.group = w.kg_nsg
        self.assert_refused(lambda: steering.save_meeting(moved, acting_user=self.kz_coordinator))
        point = w.kg_point
        self.assert_refused(
            lambda: steering.close_action_point(point, acting_user=self.kz_coordinator, note="Done")
        )
        self.assert_refused(
            lambda: steering.update_action_point_status(
                w.kz_point, acting_user=self.kg_coordinator, status="in_progress", note="Started"
            )
        )
        # The owner organisation's counterpart answers for its point; another organisation's does not.
        steering.update_action_point_status(
            w.kz_point, acting_user=self.kz_counterpart, status="in_progress", note="Started"
        )
        stranger = f.user("kz_stranger", (self.bomca, "KZ", Role.COUNTERPART))
        self.assert_refused(
            lambda: steering.update_action_point_status(
                w.kz_point, acting_user=stranger, status="in_progress", note="Again"
            )
        )

    def test_delivery_writes_stay_in_the_writers_country(self) -> None:
        w = delivery_world(self)
        event = Event.objects.get(pk=w.kz_event.pk)
        event.country = "KG"
        self.assert_refused(lambda: delivery.record_event(event, acting_user=self.kz_coordinator))
        item = WorkPlanItem.objects.get(pk=w.kg_item.pk)
        item.country = "KZ"
        self.assert_refused(lambda: delivery.save_work_plan_item(item, acting_user=self.kz_coordinator))
        lot = ProcurementLot.objects.get(pk=w.kz_lot.pk)
        lot.country = ""
        self.assert_refused(lambda: delivery.save_procurement_lot(lot, acting_user=self.kz_coordinator))
        handover = Handover(
            lot=w.kg_lot,
            recipient=w.kg_handover.recipient,
            quantity=1,
            handed_over_on=datetime.date(2022, 9, 1),
        )
        self.assert_refused(lambda: delivery.record_handover(handover, acting_user=self.kz_coordinator))

    def test_a_handover_is_acknowledged_once_by_its_recipient_in_its_country(self) -> None:
        w = delivery_world(self)
        self.assert_refused(
            lambda: delivery.acknowledge_handover(w.kg_handover, acting_user=self.kz_counterpart)
        )
        other = f.user("kz_other", (self.bomca, "KZ", Role.COUNTERPART))
        self.assert_refused(lambda: delivery.acknowledge_handover(w.kz_handover, acting_user=other))
        self.assert_refused(
            lambda: delivery.acknowledge_handover(w.kz_handover, acting_user=self.kz_coordinator)
        )
        delivery.acknowledge_handover(w.kz_handover, acting_user=self.kz_counterpart, note="Received")
        entries = AuditEntry.objects.count()
        with self.assertRaises(ValidationError):
            delivery.acknowledge_handover(w.kz_handover, acting_user=self.kz_counterpart, note="Again")
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertEqual(Handover.objects.get(pk=w.kz_handover.pk).acknowledgement_note, "Received")

    def test_results_writes_need_their_action_in_their_scope(self) -> None:
        rw = results_world(self)
        output = rw.output
        output.statement = "Rewritten"
        self.assert_refused(lambda: results.save_result(output, acting_user=self.kz_coordinator))
        self.assert_refused(
            lambda: results.save_targets(
                rw.trained, {(self.year1.pk, "KZ"): Decimal("5")}, acting_user=self.kz_coordinator
            )
        )
        update = IndicatorUpdate(indicator=rw.trained, period=self.year1, country="KG", value=Decimal("3"))
        self.assert_refused(
            lambda: results.save_entries(
                self.year1, "KG", [results.Entry(update, 0)], acting_user=self.kz_coordinator
            )
        )
        self.assert_refused(lambda: results.approve_update(rw.kz_update, acting_user=self.kz_coordinator))

    def test_users_and_memberships_are_for_administrators(self) -> None:
        membership = Membership(user=self.outsider, programme=self.bomca, role=Role.MANAGER)
        self.assert_refused(lambda: accounts.add_membership(membership, acting_user=self.manager))
        self.assert_refused(lambda: accounts.add_membership(membership, acting_user=self.outsider))
        self.assert_refused(lambda: accounts.set_language(self.manager, "uk", acting_user=self.outsider))
        self.assertFalse(Membership.objects.filter(user=self.outsider).exists())
        accounts.add_membership(membership, acting_user=self.admin)
        accounts.set_language(self.outsider, "uk", acting_user=self.outsider)
