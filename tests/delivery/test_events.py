"""Recording events: participants that add up, the coordinator's own country only, files checked, audited."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.delivery.models import Event, EventAttachment
from steerco.results.models import Level, Result

from ..base import SteercoTestCase
from ..uploads import upload
from .world import delivery_world


class EventRecordingTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)
        self.agencies = list(self.kz.institutions.all())

    def post_event(self, persona: str = "kz_coordinator", **changes: str):  # type: ignore[no-untyped-def]
        self.login(persona)
        data = {
            "kind": "training",
            "title": "Training on document fraud detection",
            "status": "held",
            "start_date": "2023-03-14",
            "end_date": "2023-03-16",
            "place": "Almaty",
            "place_kind": "city",
            "country": "KZ",
            "component": str(self.c1.pk),
            "participants_total": "20",
            "participants_female": "8",
            "participants_male": "12",
            "participants_undisclosed": "0",
            "pre_test_average": "52.5",
            "post_test_average": "71",
            f"agency_{self.agencies[0].pk}": "15",
            f"agency_{self.agencies[1].pk}": "3",
            "agency_other": "2",
        }
        data.update(changes)
        return self.client.post(reverse("delivery:event_add", args=[self.bomca.slug]), data)

    def audit_count(self) -> int:
        return AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(Event)).count()

    def test_it_records_a_held_training_with_participants_by_sex_and_agency(self) -> None:
        response = self.post_event()
        event = Event.objects.get(title="Training on document fraud detection")
        self.assertRedirects(response, reverse("delivery:event", args=[self.bomca.slug, event.pk]))
        self.assertEqual((event.participants_female, event.participants_male), (8, 12))
        split = {row.organisation_id: row.participants for row in event.agency_participants.all()}
        self.assertEqual(split, {self.agencies[0].pk: 15, self.agencies[1].pk: 3, None: 2})
        entry = AuditEntry.objects.get(object_id=str(event.pk), content_type__model="event")
        self.assertEqual(entry.actor, self.kz_coordinator)
        self.assertEqual(entry.country, "KZ")
        self.assertEqual(
            entry.after["participants_by_agency"],
            {str(self.agencies[0].pk): 15, str(self.agencies[1].pk): 3, "other": 2},
        )
        page = self.client.get(reverse("delivery:event", args=[self.bomca.slug, event.pk]))
        self.assertContains(page, "(+18.5)")

    def test_it_refuses_a_split_by_sex_that_does_not_add_up(self) -> None:
        before = self.audit_count()
        response = self.post_event(participants_female="9")
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "add up to 21, not to the 20 participants",
            str(response.context["form"].errors["participants_total"]),
        )
        self.assertFalse(Event.objects.filter(title="Training on document fraud detection").exists())
        self.assertEqual(self.audit_count(), before)

    def test_it_refuses_a_split_by_agency_that_does_not_add_up(self) -> None:
        response = self.post_event(agency_other="5")
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            "The participants by agency add up to 23, not to the 20 participants",
            str(response.context["form"].errors["participants_total"]),
        )
        self.assertFalse(Event.objects.filter(title="Training on document fraud detection").exists())

    def test_both_splits_are_refused_in_the_same_round(self) -> None:
        response = self.post_event(participants_female="9", agency_other="5")
        self.assertEqual(response.status_code, 400)
        errors = str(response.context["form"].errors["participants_total"])
        self.assertIn("add up to 21, not to the 20 participants", errors)
        self.assertIn("The participants by agency add up to 23, not to the 20 participants", errors)

    def test_a_split_by_agency_may_be_left_out(self) -> None:
        blank = {f"agency_{a.pk}": "" for a in self.agencies}
        self.post_event(agency_other="", **blank)
        event = Event.objects.get(title="Training on document fraud detection")
        self.assertFalse(event.agency_participants.exists())

    def test_it_refuses_an_event_that_ends_before_it_starts(self) -> None:
        response = self.post_event(end_date="2023-03-01")
        self.assertIn("ends before it starts", str(response.context["form"].errors["end_date"]))

    def test_an_event_in_the_future_cannot_be_held(self) -> None:
        response = self.post_event(start_date="2099-01-01", end_date="2099-01-02")
        self.assertIn("cannot be marked held", str(response.context["form"].errors["status"]))

    def test_a_coordinator_cannot_record_for_another_country(self) -> None:
        response = self.post_event(country="KG")
        self.assertEqual(response.status_code, 400)
        self.assertIn("country", response.context["form"].errors)
        self.assertFalse(Event.objects.filter(title="Training on document fraud detection").exists())
        response = self.client.post(
            reverse("delivery:event_edit", args=[self.bomca.slug, self.w.kg_event.pk]), {"title": "Mine now"}
        )
        self.assertEqual(response.status_code, 404)
        self.w.kg_event.refresh_from_db()
        self.assertEqual(self.w.kg_event.title, "Training in KG")

    def test_the_service_refuses_a_country_outside_the_writers_scope(self) -> None:
        from steerco.core.permissions import OutsideScope
        from steerco.delivery.services import record_event

        event = Event(
            programme=self.bomca,
            country="KG",
            kind="training",
            title="x",
            start_date=self.w.kz_event.start_date,
            end_date=self.w.kz_event.end_date,
        )
        with self.assertRaises(OutsideScope):
            record_event(event, acting_user=self.kz_coordinator)
        self.assertFalse(Event.objects.filter(title="x").exists())

    def test_a_coordinator_sees_only_own_country_and_regional_events(self) -> None:
        regional = Event.objects.create(
            programme=self.bomca,
            country="",
            kind="conference",
            title="Regional conference",
            start_date=self.w.kz_event.start_date,
            end_date=self.w.kz_event.start_date,
        )
        self.login("kz_coordinator")
        page = self.client.get(reverse("delivery:events", args=[self.bomca.slug]))
        self.assertContains(page, "Training in KZ")
        self.assertContains(page, regional.title)
        self.assertNotContains(page, "Training in KG")

    def test_the_manager_edits_an_event_and_the_audit_keeps_before_and_after(self) -> None:
        self.login("manager")
        event = self.w.kz_event
        url = reverse("delivery:event_edit", args=[self.bomca.slug, event.pk])
        form = self.client.get(url).context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
        data.update(title="Renamed training", start_date="2022-05-10", end_date="2022-05-10")
        response = self.client.post(url, data)
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context["form"].errors
        )
        entry = AuditEntry.objects.filter(object_id=str(event.pk), content_type__model="event").latest("id")
        self.assertEqual(
            (entry.before["title"], entry.after["title"]), ("Training in KZ", "Renamed training")
        )


class AttachmentTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)
        self.url = reverse("delivery:attachment_add", args=[self.bomca.slug, self.w.kz_event.pk])

    @override_settings(UPLOAD_MAX_BYTES=100)
    def test_a_file_too_large_is_refused_at_the_field(self) -> None:
        self.login("kz_coordinator")
        upload = SimpleUploadedFile("participants.pdf", b"x" * 101)
        response = self.client.post(self.url, {"kind": "participants", "file": upload})
        self.assertEqual(response.status_code, 400)
        self.assertIn("participants.pdf is 101", str(response.context["form"].errors["file"]))
        self.assertEqual(EventAttachment.objects.filter(event=self.w.kz_event).count(), 1)

    def test_a_file_chosen_in_a_form_refused_for_another_reason_is_kept_for_the_retry(self) -> None:
        self.login("kz_coordinator")
        pdf = SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda", "application/pdf")
        response = self.client.post(self.url, {"kind": "", "title": "Agenda", "file": pdf})
        self.assertEqual(response.status_code, 400)
        self.assertIn("kind", response.context["form"].errors)
        self.assertContains(response, "kept: agenda.pdf", status_code=400)
        (html_name, reference, name) = response.context["form"].kept_files[0]
        self.assertEqual((html_name, name), ("file", "agenda.pdf"))
        # The retry names the kind and chooses no file: the kept one is saved.
        response = self.client.post(self.url, {"kind": "agenda", "title": "Agenda", "kept-file": reference})
        self.assertEqual(response.status_code, 302)
        attachment = EventAttachment.objects.get(title="Agenda")
        self.assertEqual(attachment.file.open("rb").read(), b"%PDF-1.4 agenda")

    def test_a_kept_file_is_only_for_the_person_who_chose_it(self) -> None:
        self.login("kz_coordinator")
        pdf = SimpleUploadedFile("agenda.pdf", b"%PDF-1.4 agenda", "application/pdf")
        response = self.client.post(self.url, {"kind": "", "title": "Agenda", "file": pdf})
        reference = response.context["form"].kept_files[0][1]
        self.login("manager")
        response = self.client.post(self.url, {"kind": "agenda", "title": "Agenda", "kept-file": reference})
        self.assertEqual(response.status_code, 400)
        self.assertIn("file", response.context["form"].errors)
        forged = self.client.post(self.url, {"kind": "agenda", "title": "Agenda", "kept-file": "x:y:z"})
        self.assertIn("file", forged.context["form"].errors)

    def test_a_file_of_a_refused_type_is_refused(self) -> None:
        self.login("kz_coordinator")
        response = self.client.post(self.url, {"kind": "photo", "file": SimpleUploadedFile("run.exe", b"MZ")})
        self.assertIn("files of type .exe are not accepted", str(response.context["form"].errors["file"]))

    def test_an_attachment_is_stored_audited_and_served_to_readers_in_scope(self) -> None:
        self.login("kz_coordinator")
        response = self.client.post(
            self.url,
            {"kind": "photo", "title": "Group photo", "file": upload("group.jpg")},
        )
        self.assertEqual(response.status_code, 302)
        attachment = EventAttachment.objects.get(title="Group photo")
        self.assertTrue(
            AuditEntry.objects.filter(
                object_id=str(attachment.pk), content_type__model="eventattachment"
            ).exists()
        )
        self.login("observer")
        download = self.client.get(reverse("delivery:attachment", args=[self.bomca.slug, attachment.pk]))
        self.assertEqual(b"".join(download.streaming_content), attachment.file.open("rb").read())
        self.login("kg_coordinator")
        self.assertEqual(
            self.client.get(
                reverse("delivery:attachment", args=[self.bomca.slug, attachment.pk])
            ).status_code,
            404,
        )


class EventResultTest(SteercoTestCase):
    """An event names the logframe result it serves, chosen among its own programme's results."""

    post_event = EventRecordingTest.post_event
    audit_count = EventRecordingTest.audit_count

    def setUp(self) -> None:
        self.w = delivery_world(self)
        self.agencies = list(self.kz.institutions.all())

        self.output = Result.objects.create(
            programme=self.bomca, code="1.1", level=Level.OUTPUT, statement="Officials trained."
        )
        self.foreign = Result.objects.create(
            programme=self.ukraine, code="1.1", level=Level.OUTPUT, statement="Radios delivered."
        )

    def test_the_event_serves_a_result_and_its_page_shows_it(self) -> None:
        self.post_event(result=str(self.output.pk))
        event = Event.objects.get(title="Training on document fraud detection")
        self.assertEqual(event.result, self.output)
        page = self.client.get(reverse("delivery:event", args=[self.bomca.slug, event.pk]))
        self.assertContains(page, "1.1 Officials trained.")
        self.assertEqual(
            AuditEntry.objects.get(object_id=str(event.pk), content_type__model="event").after["result_id"],
            self.output.pk,
        )

    def test_a_result_of_another_programme_is_refused_at_the_field(self) -> None:
        before = self.audit_count()
        response = self.post_event(result=str(self.foreign.pk))
        self.assertEqual(response.status_code, 400)
        self.assertIn("result", response.context["form"].errors)
        self.assertFalse(Event.objects.filter(title="Training on document fraud detection").exists())
        self.assertEqual(self.audit_count(), before)
        self.w.kz_event.result = self.foreign
        with self.assertRaisesMessage(Exception, "another programme"):
            self.w.kz_event.full_clean()
