"""Removing an event or a work-plan line entered by mistake: who may, what goes with it, what is refused."""

from __future__ import annotations

import datetime
import threading
import time
from typing import Any
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connections, transaction
from django.urls import reverse
from django.utils import timezone

from steerco.audit.models import AuditAction, AuditEntry
from steerco.audit.services import delete_audited, read_revisions
from steerco.core.permissions import OutsideScope
from steerco.core.removals import RemovalRefused, lock_programme
from steerco.core.roles import Role
from steerco.delivery import services
from steerco.delivery.models import (
    Event,
    EventAgencyParticipants,
    EventAttachment,
    EventStatus,
    Recommendation,
    WorkPlanItem,
)
from steerco.results.models import Level
from steerco.steering.models import GroupKind, Meeting, MeetingPack, SteeringGroup

from .. import factories as f
from ..base import SteercoTestCase
from ..results.world import indicator, result
from ..steering.world import steering_world
from .world import D, event

REMOVE_BUTTON = '<button type="submit" class="danger">'


def entries_of(obj: Any, pk: int | None = None) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(obj), object_id=str(pk or obj.pk)
        ).order_by("id")
    )


def circulate(group: Any, period: Any, day: datetime.date, made: datetime.date | None = None) -> MeetingPack:
    """A meeting of `group` on `day` and its pack, circulated on `made` (the day itself by default)."""
    number = Meeting.objects.filter(group=group).count() + 1
    meeting = Meeting.objects.create(group=group, number=number, start_date=day, period=period)
    made_at = timezone.make_aware(datetime.datetime.combine(made or day, datetime.time(9)))
    return MeetingPack.objects.create(meeting=meeting, version=1, generated_at=made_at, content_hash="0" * 64)


class EventRemovalTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year2 = f.period(cls.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")
        cls.agency = cls.kz.institutions.first()

    def setUp(self) -> None:
        self.event = event(self, "KZ", title="Training entered twice", start_date=D(2022, 5, 10))
        EventAgencyParticipants.objects.create(event=self.event, organisation=self.agency, participants=10)
        self.attachment = EventAttachment.objects.create(
            event=self.event, kind="report", file=SimpleUploadedFile("report.pdf", b"%PDF-1.4 r")
        )
        self.recommendation = Recommendation.objects.create(
            programme=self.bomca,
            country="KZ",
            institution=self.agency,
            event=self.event,
            component=self.c1,
            text="Train the trainers",
            given_on=D(2022, 5, 10),
        )
        self.url = reverse("delivery:event_remove", args=["bomca", self.event.pk])

    def test_the_confirmation_shows_the_event_and_what_goes_with_it_and_writes_nothing(self) -> None:
        self.login("kz_coordinator")
        entries = AuditEntry.objects.count()
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Training entered twice")
        self.assertContains(response, "2022-05-10")
        self.assertContains(response, f"Participants of {self.agency}: 10")
        self.assertContains(response, "report")
        self.assertContains(response, "no longer linked to this event")
        self.assertContains(response, REMOVE_BUTTON)
        self.assertTrue(Event.objects.filter(pk=self.event.pk).exists())
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_the_coordinator_removes_it_with_its_rows_and_the_before_image_is_audited(self) -> None:
        self.login("kz_coordinator")
        back = reverse("delivery:events", args=["bomca"]) + "?country=KZ"
        revision = read_revisions(self.bomca.pk)[0]
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(self.url, {"next": back})
        self.assertRedirects(response, back, fetch_redirect_response=False)
        self.assertFalse(Event.objects.filter(pk=self.event.pk).exists())
        self.assertFalse(EventAgencyParticipants.objects.filter(event_id=self.event.pk).exists())
        self.assertFalse(EventAttachment.objects.filter(pk=self.attachment.pk).exists())
        self.recommendation.refresh_from_db()
        self.assertIsNone(self.recommendation.event_id)
        (removed,) = entries_of(Event(), self.event.pk)[-1:]
        self.assertEqual(removed.action, AuditAction.DELETE)
        self.assertEqual(removed.actor, self.kz_coordinator)
        self.assertEqual(removed.country, "KZ")
        self.assertEqual(removed.before["title"], "Training entered twice")
        self.assertEqual(removed.before["participants_by_agency"], {str(self.agency.pk): 10})
        self.assertEqual(removed.before["attachments"], [self.attachment.file.name])
        self.assertIsNone(removed.after)
        self.assertEqual(entries_of(self.attachment)[-1].action, AuditAction.DELETE)
        unlinked = entries_of(self.recommendation)[-1]
        self.assertEqual((unlinked.before["event_id"], unlinked.after["event_id"]), (self.event.pk, None))
        self.assertGreater(read_revisions(self.bomca.pk)[0], revision, "the page memo must move")
        # Sent again (a double click), the removal finds nothing and writes nothing more.
        entries = AuditEntry.objects.count()
        self.assertEqual(self.client.post(self.url).status_code, 404)
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_a_next_leading_off_the_site_is_not_followed(self) -> None:
        self.login("kz_coordinator")
        response = self.client.post(self.url, {"next": "https://elsewhere.example/"})
        self.assertRedirects(
            response, reverse("delivery:events", args=["bomca"]), fetch_redirect_response=False
        )

    def test_whoever_may_not_record_for_the_country_gets_404_and_nothing_changes(self) -> None:
        entries = AuditEntry.objects.count()
        for persona in ("kg_coordinator", "kz_counterpart", "observer", "outsider", "ua_manager"):
            with self.subTest(persona=persona):
                self.client.force_login(getattr(self, persona))
                self.assertEqual(self.client.get(self.url).status_code, 404)
                self.assertEqual(self.client.post(self.url).status_code, 404)
        self.assertTrue(Event.objects.filter(pk=self.event.pk).exists())
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_the_service_refuses_an_actor_outside_the_events_scope(self) -> None:
        with self.assertRaises(OutsideScope):
            services.remove_event(self.event, acting_user=self.kg_coordinator)
        self.assertTrue(Event.objects.filter(pk=self.event.pk).exists())

    def test_an_event_a_circulated_pack_counts_is_refused_with_the_reason(self) -> None:
        w = steering_world(self)
        pack = circulate(w.kz_nsg, self.year2, D(2022, 6, 15))
        self.login("kz_coordinator")
        response = self.client.get(self.url)
        self.assertContains(response, "can no longer be removed")
        self.assertContains(response, f"the pack of {pack.meeting}")
        self.assertNotContains(response, REMOVE_BUTTON)
        entries = AuditEntry.objects.count()
        response = self.client.post(self.url)
        self.assertEqual(response.status_code, 409)
        self.assertContains(response, f"the pack of {pack.meeting}", status_code=409)
        self.assertTrue(Event.objects.filter(pk=self.event.pk).exists())
        self.assertTrue(EventAttachment.objects.filter(pk=self.attachment.pk).exists())
        self.assertEqual(Recommendation.objects.get(pk=self.recommendation.pk).event_id, self.event.pk)
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_the_regional_pack_counts_every_country_and_a_regional_event(self) -> None:
        w = steering_world(self)
        circulate(w.rsg, self.year2, D(2022, 6, 15))
        for country in ("KZ", ""):
            with self.subTest(country=country):
                other = event(self, country, start_date=D(2022, 5, 10))
                with self.assertRaises(RemovalRefused):
                    services.remove_event(other, acting_user=self.manager)

    def test_packs_that_do_not_count_the_event_leave_it_removable(self) -> None:
        w = steering_world(self)
        circulate(w.kg_nsg, self.year2, D(2022, 6, 15))  # another country's pack
        circulate(w.kz_nsg, self.year2, D(2022, 6, 15), made=D(2022, 5, 9))  # made the day before it
        circulate(w.kz_nsg, w.kz_meeting.period, D(2022, 3, 1))  # of another period
        planned = event(self, "KZ", start_date=D(2022, 5, 20), status=EventStatus.PLANNED)  # not held
        services.remove_event(planned, acting_user=self.kz_coordinator)
        services.remove_event(self.event, acting_user=self.kz_coordinator)
        self.assertFalse(Event.objects.filter(pk__in=[planned.pk, self.event.pk]).exists())

    def test_an_event_counted_in_a_locked_periods_computed_figure_is_refused(self) -> None:
        output = result(self.bomca, "1", Level.OUTPUT)
        indicator(output, "1.1", name="Trainings held", computation="delivery.events")
        self.year2.locked = True
        self.year2.save()
        self.login("kz_coordinator")
        response = self.client.get(self.url)
        self.assertContains(response, "indicator 1.1 Trainings held for Year 2, a locked period")
        self.assertEqual(self.client.post(self.url).status_code, 409)
        self.assertTrue(Event.objects.filter(pk=self.event.pk).exists())
        # A kind of event the indicator does not count is not held back by it.
        indicator(
            output, "1.2", computation="delivery.events", computation_params={"event_kinds": ["webinar"]}
        )
        Event.objects.filter(pk=self.event.pk).update(kind="workshop")
        workshop = Event.objects.get(pk=self.event.pk)
        self.assertIn("1.1", services.event_removal_refusal(workshop))
        self.year2.locked = False
        self.year2.save()
        self.assertEqual(services.event_removal_refusal(workshop), "")

    def test_a_failure_halfway_leaves_everything_as_it_was(self) -> None:
        def failing(obj: Any, **kwargs: Any) -> None:
            if isinstance(obj, Event):
                raise RuntimeError("disk full")
            delete_audited(obj, **kwargs)

        entries = AuditEntry.objects.count()
        with mock.patch("steerco.delivery.services.delete_audited", failing), self.assertRaises(RuntimeError):
            services.remove_event(self.event, acting_user=self.kz_coordinator)
        self.assertTrue(Event.objects.filter(pk=self.event.pk).exists())
        self.assertTrue(EventAttachment.objects.filter(pk=self.attachment.pk).exists())
        self.assertEqual(Recommendation.objects.get(pk=self.recommendation.pk).event_id, self.event.pk)
        self.assertEqual(AuditEntry.objects.count(), entries)

    def test_the_edit_page_and_the_event_page_offer_removal_to_recorders_only(self) -> None:
        self.login("kz_coordinator")
        edit = self.client.get(reverse("delivery:event_edit", args=["bomca", self.event.pk]))
        self.assertContains(edit, self.url)
        self.assertContains(
            self.client.get(reverse("delivery:event", args=["bomca", self.event.pk])), self.url
        )
        self.login("kz_counterpart")
        page = self.client.get(reverse("delivery:event", args=["bomca", self.event.pk]))
        self.assertEqual(page.status_code, 200)
        self.assertNotContains(page, self.url)


class WorkPlanRemovalTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year2 = f.period(cls.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")

    def setUp(self) -> None:
        self.item = WorkPlanItem.objects.create(
            programme=self.bomca,
            year=2022,
            quarter=4,
            country="KZ",
            component=self.c1,
            title="Train dog handlers",
        )
        WorkPlanItem.objects.filter(pk=self.item.pk).update(
            created=timezone.make_aware(datetime.datetime(2022, 5, 1, 12))
        )
        self.item.refresh_from_db()
        self.url = reverse("delivery:workplan_remove", args=["bomca", self.item.pk])

    def test_a_recorder_removes_a_line_and_the_event_that_fulfilled_it_stays(self) -> None:
        fulfilling = event(self, "KZ", start_date=D(2022, 11, 10), work_plan_item=self.item)
        self.login("kz_coordinator")
        page = self.client.get(self.url)
        self.assertContains(page, "Train dog handlers")
        self.assertContains(page, "no longer linked to this line")
        self.assertTrue(WorkPlanItem.objects.filter(pk=self.item.pk).exists())
        response = self.client.post(self.url)
        self.assertRedirects(
            response, reverse("delivery:workplan", args=["bomca"]), fetch_redirect_response=False
        )
        self.assertFalse(WorkPlanItem.objects.filter(pk=self.item.pk).exists())
        fulfilling.refresh_from_db()
        self.assertIsNone(fulfilling.work_plan_item_id)
        removed = entries_of(self.item)[-1]
        self.assertEqual(
            (removed.action, removed.before["title"]), (AuditAction.DELETE, "Train dog handlers")
        )
        self.assertEqual(entries_of(fulfilling)[-1].before["work_plan_item_id"], self.item.pk)

    def test_another_countrys_coordinator_gets_404(self) -> None:
        self.login("kg_coordinator")
        self.assertEqual(self.client.get(self.url).status_code, 404)
        self.assertEqual(self.client.post(self.url).status_code, 404)
        self.assertTrue(WorkPlanItem.objects.filter(pk=self.item.pk).exists())

    def test_a_line_a_circulated_packs_draft_work_plan_lists_is_refused(self) -> None:
        w = steering_world(self)
        pack = circulate(w.kz_nsg, self.year2, D(2022, 6, 15))  # the twelve months after: 2022 Q3 on
        self.login("kz_coordinator")
        self.assertContains(self.client.get(self.url), f"the pack of {pack.meeting}")
        self.assertEqual(self.client.post(self.url).status_code, 409)
        self.assertTrue(WorkPlanItem.objects.filter(pk=self.item.pk).exists())

    def test_a_line_written_after_the_pack_or_outside_its_window_stays_removable(self) -> None:
        w = steering_world(self)
        circulate(w.kz_nsg, self.year2, D(2022, 6, 15), made=D(2022, 4, 30))  # before the line was written
        circulate(w.kz_nsg, self.year2, D(2021, 6, 15))  # its window ends in 2022 Q2
        self.assertEqual(services.work_plan_item_removal_refusal(self.item), "")
        services.remove_work_plan_item(self.item, acting_user=self.kz_coordinator)
        self.assertFalse(WorkPlanItem.objects.filter(pk=self.item.pk).exists())


@pytest.mark.django_db(transaction=True)
def test_a_removal_waits_for_a_circulation_of_its_programme_and_then_sees_the_pack() -> None:
    """Both lock the programme first: the removal cannot slip in while the pack is being built."""
    programme = f.programme(slug="busy")
    f.country(programme, "KZ")
    period = f.period(programme, D(2022, 1, 1), D(2022, 12, 31), label="2022")
    group = SteeringGroup.objects.create(
        programme=programme, kind=GroupKind.NATIONAL, country="KZ", name="NSG"
    )
    meeting = Meeting.objects.create(group=group, number=1, start_date=D(2022, 9, 1), period=period)
    held = Event.objects.create(
        programme=programme,
        country="KZ",
        kind="training",
        title="Held in 2022",
        start_date=D(2022, 5, 10),
        end_date=D(2022, 5, 10),
        status=EventStatus.HELD,
    )
    coordinator = f.user("busy_coordinator", (programme, "KZ", Role.COORDINATOR))
    holding, outcome = threading.Event(), {}

    def circulate_slowly() -> None:
        try:
            with transaction.atomic():
                lock_programme(programme.pk)
                holding.set()
                time.sleep(0.5)  # the pack is being built; the removal is waiting meanwhile
                made_at = timezone.make_aware(datetime.datetime(2022, 9, 1, 9))
                MeetingPack.objects.create(
                    meeting=meeting, version=1, generated_at=made_at, content_hash="0" * 64
                )
        finally:
            connections.close_all()

    def remove() -> None:
        try:
            holding.wait(10)
            services.remove_event(Event.objects.get(pk=held.pk), acting_user=coordinator)
            outcome["removed"] = True
        except RemovalRefused as refused:
            outcome["refused"] = refused.messages[0]
        finally:
            connections.close_all()

    threads = [threading.Thread(target=circulate_slowly), threading.Thread(target=remove)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert "part of the pack of NSG 1" in outcome.get("refused", ""), outcome
    assert Event.objects.filter(pk=held.pk).exists()
