"""Removing an agenda item, a participant or a decision entered by mistake, and what is refused."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from steerco.audit.models import AuditAction, AuditEntry
from steerco.core.permissions import OutsideScope
from steerco.core.removals import RemovalRefused
from steerco.steering import services
from steerco.steering.models import AgendaItem, Decision, MeetingPack, MeetingStatus, Participant

from ..base import SteercoTestCase
from .world import D, meeting, steering_world

REMOVE_BUTTON = '<button type="submit" class="danger">'


def entries_of(model: type[Any], pk: int) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model), object_id=str(pk))
    )


def pack_of(m: Any, made: datetime.date) -> MeetingPack:
    made_at = timezone.make_aware(datetime.datetime.combine(made, datetime.time(9)))
    return MeetingPack.objects.create(meeting=m, version=1, generated_at=made_at, content_hash="0" * 64)


class MeetingRowRemovalTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = steering_world(self)
        # A second Kazakh meeting: planned, its pack not yet out.
        self.planned = meeting(self.w.kz_nsg, 2, D(2022, 3, 20), self.year1)
        self.item = AgendaItem.objects.create(meeting=self.planned, order=1, title="Typed by mistake")

    def url(self, name: str, m: Any, pk: int) -> str:
        return reverse(f"steering:{name}_remove", args=["bomca", m.pk, pk])

    def test_the_secretariat_removes_an_agenda_item_of_a_meeting_whose_pack_is_not_out(self) -> None:
        url = self.url("agenda", self.planned, self.item.pk)
        self.login("kz_coordinator")
        entries = AuditEntry.objects.count()
        page = self.client.get(url)
        self.assertContains(page, "Typed by mistake")
        self.assertContains(page, REMOVE_BUTTON)
        self.assertEqual(AuditEntry.objects.count(), entries, "the confirmation writes nothing")
        response = self.client.post(url)
        meeting_url = reverse("steering:meeting", args=["bomca", self.planned.pk])
        self.assertRedirects(response, meeting_url, fetch_redirect_response=False)
        self.assertFalse(AgendaItem.objects.filter(pk=self.item.pk).exists())
        (removed,) = entries_of(AgendaItem, self.item.pk)
        self.assertEqual(removed.action, AuditAction.DELETE)
        self.assertEqual(removed.before["title"], "Typed by mistake")
        self.assertEqual(removed.country, "KZ")

    def test_outside_the_meetings_scope_the_pages_answer_404(self) -> None:
        url = self.url("agenda", self.planned, self.item.pk)
        for persona in (
            "kg_coordinator",
            "kz_counterpart",
            "me_officer",
            "observer",
            "outsider",
            "ua_manager",
        ):
            with self.subTest(persona=persona):
                self.client.force_login(getattr(self, persona))
                self.assertEqual(self.client.get(url).status_code, 404)
                self.assertEqual(self.client.post(url).status_code, 404)
        # A row named under another meeting's address is missing there.
        self.login("kz_coordinator")
        self.assertEqual(
            self.client.get(self.url("agenda", self.w.kz_meeting, self.item.pk)).status_code, 404
        )
        self.assertTrue(AgendaItem.objects.filter(pk=self.item.pk).exists())
        with self.assertRaises(OutsideScope):
            services.remove_agenda_item(self.item, acting_user=self.kg_coordinator)

    def test_an_agenda_item_of_a_meeting_whose_pack_is_circulated_is_refused_with_the_reason(self) -> None:
        url = self.url("agenda", self.w.kz_meeting, self.w.kz_agenda_item.pk)
        self.login("kz_coordinator")
        page = self.client.get(url)
        self.assertContains(page, f"It is part of the pack of {self.w.kz_meeting} (version 1")
        self.assertNotContains(page, REMOVE_BUTTON)
        entries = AuditEntry.objects.count()
        self.assertEqual(self.client.post(url).status_code, 409)
        self.assertTrue(AgendaItem.objects.filter(pk=self.w.kz_agenda_item.pk).exists())
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_participants_are_removed_after_the_pack_until_the_minutes_are_approved(self) -> None:
        participant = self.w.kz_participant  # of a held meeting whose pack is out: packs list no one
        url = self.url("participant", self.w.kz_meeting, participant.pk)
        self.login("kz_coordinator")
        self.assertContains(self.client.get(url), "Delegate KZ")
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(Participant.objects.filter(pk=participant.pk).exists())
        self.assertEqual(entries_of(Participant, participant.pk)[-1].before["name"], "Delegate KZ")

        again = Participant.objects.create(meeting=self.w.kz_meeting, name="Late", organisation=self.w.kz_org)
        services.approve_minutes(self.w.kz_meeting, acting_user=self.kz_coordinator)
        url = self.url("participant", self.w.kz_meeting, again.pk)
        self.assertContains(self.client.get(url), "The minutes of")
        self.assertEqual(self.client.post(url).status_code, 409)
        self.assertTrue(Participant.objects.filter(pk=again.pk).exists())

    def test_a_decision_of_a_pack_made_before_the_meeting_is_removed(self) -> None:
        held = meeting(self.w.kz_nsg, 3, D(2022, 3, 25), self.year1, status=MeetingStatus.HELD)
        pack_of(held, D(2022, 3, 20))  # made before the meeting: it lists no decision
        decision = Decision.objects.create(meeting=held, text="Recorded twice")
        url = self.url("decision", held, decision.pk)
        self.login("kz_coordinator")
        meeting_page = self.client.get(reverse("steering:meeting", args=["bomca", held.pk]))
        self.assertContains(meeting_page, url)
        self.assertContains(self.client.get(url), "Recorded twice")
        self.assertEqual(self.client.post(url).status_code, 302)
        self.assertFalse(Decision.objects.filter(pk=decision.pk).exists())
        self.assertEqual(entries_of(Decision, decision.pk)[-1].before["text"], "Recorded twice")

    def test_a_decision_listed_by_a_circulated_pack_or_approved_minutes_is_refused(self) -> None:
        listed = self.w.kz_meeting.decisions.get()  # its pack was made on the meeting's first day or later
        with self.assertRaises(RemovalRefused) as raised:
            services.remove_decision(listed, acting_user=self.kz_coordinator)
        self.assertIn("part of the pack", raised.exception.messages[0])
        held = meeting(self.w.kz_nsg, 3, D(2022, 3, 25), self.year1, status=MeetingStatus.HELD)
        decision = Decision.objects.create(meeting=held, text="Endorsed")
        services.approve_minutes(held, acting_user=self.kz_coordinator)
        decision.refresh_from_db()
        self.assertIn("minutes", services.decision_removal_refusal(decision))
        self.login("kz_coordinator")
        self.assertEqual(self.client.post(self.url("decision", held, decision.pk)).status_code, 409)
        self.assertTrue(Decision.objects.filter(pk__in=[listed.pk, decision.pk]).count() == 2)

    def test_the_edit_pages_link_to_the_removal_pages(self) -> None:
        self.login("kz_coordinator")
        edit = self.client.get(reverse("steering:agenda_edit", args=["bomca", self.planned.pk, self.item.pk]))
        self.assertContains(edit, self.url("agenda", self.planned, self.item.pk))
        participant = self.w.kz_participant
        edit = self.client.get(
            reverse("steering:participant_edit", args=["bomca", self.w.kz_meeting.pk, participant.pk])
        )
        self.assertContains(edit, self.url("participant", self.w.kz_meeting, participant.pk))
        self.assertNotContains(
            self.client.get(reverse("steering:agenda_add", args=["bomca", self.planned.pk])), "/remove/"
        )
