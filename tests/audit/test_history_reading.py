"""The history shows an entry exactly when its reader may read its object: same scope, same read action.

Every object of the test world gets an entry; for each persona and each object type the history,
filtered by that type, must list exactly the objects that the pages' own selectors let the persona read.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.urls import reverse

from steerco.audit.models import AuditAction, AuditEntry
from steerco.audit.selectors import read_action
from steerco.audit.services import record
from steerco.core.permissions import SYSTEM
from steerco.core.roles import Action
from steerco.programmes.models import BudgetLine, Expenditure
from steerco.steering import selectors as steering
from steerco.steering.models import (
    ActionPoint,
    ActionPointNote,
    Decision,
    GroupKind,
    GroupMember,
    Meeting,
    SteeringGroup,
)

from ..base import PERSONAS, SteercoTestCase
from ..delivery.world import delivery_world
from ..results.world import results_world
from ..steering.world import steering_world


def scoped_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if hasattr(m, "scope_programme") and m is not AuditEntry]


class HistoryReadingTest(SteercoTestCase):
    def setUp(self) -> None:
        steering_world(self)
        delivery_world(self)
        results_world(self)
        with transaction.atomic():
            for model in scoped_models():
                for obj in model._default_manager.all():
                    record(actor=SYSTEM, action=AuditAction.UPDATE, obj=obj, after={"seen": True})

    def readable(self, user: Any, model: type[models.Model]) -> set[str]:
        """The objects of the programme the persona may read, by the selectors the pages read through."""
        programme = self.bomca
        if model is SteeringGroup:
            objects: Any = steering.visible_groups(user, programme)
        elif model is Meeting:
            objects = steering.visible_meetings(user, programme)
        elif model is ActionPoint:
            objects = steering.visible_action_points(user, programme)
        elif model is ActionPointNote:
            objects = ActionPointNote.objects.filter(
                action_point__in=steering.visible_action_points(user, programme)
            )
        elif model is GroupMember:
            objects = GroupMember.objects.filter(group__in=steering.visible_groups(user, programme))
        elif hasattr(model, "meeting") and model._meta.app_label == "steering":
            objects = model._default_manager.filter(meeting__in=steering.visible_meetings(user, programme))
        else:
            objects = model._default_manager.restrict(user, read_action(model))  # type: ignore[attr-defined]
        in_programme = {  # the history page is one programme's
            str(e.object_id)
            for e in AuditEntry.objects.filter(
                programme=programme, content_type=ContentType.objects.get_for_model(model)
            )
        }
        return {str(pk) for pk in objects.values_list("pk", flat=True)} & in_programme

    def shown(self, type_id: int) -> set[str]:
        response = self.client.get(reverse("audit:history", args=["bomca"]) + f"?type={type_id}")
        self.assertEqual(response.status_code, 200)
        page = response.context["page"]
        self.assertEqual(page.paginator.num_pages, 1)
        return {e.object_id for e in page}

    def test_each_persona_reads_the_entries_of_exactly_the_objects_it_may_read(self) -> None:
        checked = 0
        for persona in PERSONAS:
            if persona == "outsider":
                continue
            user = self.login(persona)
            offered = {
                pk for pk, _name in self.client.get(reverse("audit:history", args=["bomca"])).context["types"]
            }
            for model in scoped_models():
                type_id = ContentType.objects.get_for_model(model).pk
                expected = self.readable(user, model)
                with self.subTest(persona=persona, type=model.__name__):
                    self.assertEqual(self.shown(type_id), expected)
                    self.assertEqual(type_id in offered, bool(expected))
                    checked += len(expected)
        self.assertGreater(checked, 100)

    def test_a_counterpart_refused_the_regional_meeting_does_not_read_its_decisions(self) -> None:
        w = steering_world(self)
        decision = Decision.objects.create(meeting=w.rsg_meeting, kind="decision", text="Regional secret")
        with transaction.atomic():
            record(actor=SYSTEM, action=AuditAction.CREATE, obj=decision, after={"text": decision.text})
        decision_type = ContentType.objects.get_for_model(Decision).pk
        url = reverse("audit:history", args=["bomca"]) + f"?type={decision_type}"
        self.login("kz_counterpart")
        self.assertEqual(
            self.client.get(reverse("steering:meeting", args=["bomca", w.rsg_meeting.pk])).status_code, 404
        )
        self.assertNotContains(self.client.get(url), "Regional secret")
        self.login("kz_coordinator")  # the country secretariats take part in the regional group
        self.assertContains(self.client.get(url), "Regional secret")
        self.assertEqual(w.rsg.kind, GroupKind.REGIONAL)

    def test_budget_lines_and_spend_are_read_with_the_budget_action(self) -> None:
        steering_world(self)
        for model in (BudgetLine, Expenditure):
            self.assertEqual(read_action(model), Action.BUDGET)
            type_id = ContentType.objects.get_for_model(model).pk
            for persona in ("kz_coordinator", "kg_coordinator", "kz_counterpart"):
                with self.subTest(model=model.__name__, persona=persona):
                    self.login(persona)
                    self.assertEqual(self.shown(type_id), set())
            for persona in ("manager", "me_officer", "observer"):
                with self.subTest(model=model.__name__, persona=persona):
                    self.login(persona)
                    self.assertTrue(self.shown(type_id))

    def test_memberships_are_read_by_administrators_only(self) -> None:
        from steerco.accounts.models import Membership

        type_id = ContentType.objects.get_for_model(Membership).pk
        self.login("manager")
        self.assertEqual(self.shown(type_id), set())
        self.login("admin")
        self.assertTrue(self.shown(type_id))
