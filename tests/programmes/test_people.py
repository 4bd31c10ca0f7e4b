"""People of a programme: seen only within it, edited through services, anonymised on request."""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.core.permissions import SYSTEM
from steerco.programmes import services
from steerco.programmes.models import Person
from steerco.reports.minutes import build_minutes
from steerco.reports.render import render_html
from steerco.steering import services as steering
from steerco.steering.models import ActionPoint, Attendance, GroupMember, NewsDraft, Participant, Speaker

from ..base import SteercoTestCase
from ..steering.world import steering_world

NAME = "Zoryana Testperson"
EMAIL = "zoryana@example.invalid"
PHONE = "+380 44 000 00 00"


class PeoplePagesTest(SteercoTestCase):
    def test_the_list_shows_the_programmes_people_only(self) -> None:
        w = steering_world(self)
        Person.objects.create(programme=self.ukraine, name="Someone of Ukraine")
        self.login("observer")
        page = self.client.get(reverse("programmes:people", args=[self.bomca.slug])).content.decode()
        self.assertIn(w.kz_person.name, page)
        self.assertNotIn("Someone of Ukraine", page)

    def test_another_programmes_people_answer_404(self) -> None:
        w = steering_world(self)
        ua_person = Person.objects.create(programme=self.ukraine, name="Someone of Ukraine")
        self.login("manager")
        self.assertEqual(
            self.client.get(reverse("programmes:people", args=[self.ukraine.slug])).status_code, 404
        )
        for name in ("programmes:person_edit", "programmes:person_anonymise"):
            url = reverse(name, args=[self.bomca.slug, ua_person.pk])
            self.assertEqual(self.client.get(url).status_code, 404, name)
            self.assertEqual(self.client.post(url, {"name": "Changed"}).status_code, 404, name)
        ua_person.refresh_from_db()
        self.assertEqual(ua_person.name, "Someone of Ukraine")
        self.assertIsNone(ua_person.anonymised_at)
        self.login(self.ua_manager)
        url = reverse("programmes:person_edit", args=[self.ukraine.slug, w.kz_person.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_adding_a_person_is_audited_with_the_languages_as_a_list(self) -> None:
        self.login("kz_coordinator")
        response = self.client.post(
            reverse("programmes:person_add", args=[self.bomca.slug]),
            {"name": NAME, "position": "Head of Unit", "sex": "f", "email": EMAIL, "languages": "en, RU kk"},
        )
        self.assertEqual(response.status_code, 302)
        person = Person.objects.get(name=NAME)
        self.assertEqual(person.programme, self.bomca)
        self.assertEqual(person.languages, ["en", "ru", "kk"])
        entry = AuditEntry.objects.get(object_id=str(person.pk), content_type__model="person")
        self.assertEqual(entry.actor, self.kz_coordinator)
        self.assertEqual(entry.programme, self.bomca)

    def test_a_wrong_language_code_is_shown_at_the_field(self) -> None:
        self.login("manager")
        response = self.client.post(
            reverse("programmes:person_add", args=[self.bomca.slug]), {"name": NAME, "languages": "English!"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("languages", response.context["form"].errors)

    def test_a_counterpart_may_read_but_not_record_people(self) -> None:
        self.login("kz_counterpart")
        self.assertEqual(
            self.client.get(reverse("programmes:people", args=[self.bomca.slug])).status_code, 200
        )
        response = self.client.post(reverse("programmes:person_add", args=[self.bomca.slug]), {"name": NAME})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(Person.objects.filter(name=NAME).exists())


class AnonymisationTest(SteercoTestCase):
    def setUp(self) -> None:
        self.w = steering_world(self)
        self.person = services.save_person(
            Person(
                programme=self.bomca,
                name=NAME,
                position="Head of Unit",
                organisation=self.w.kz_org,
                sex="f",
                email=EMAIL,
                phone=PHONE,
            ),
            acting_user=SYSTEM,
        )
        meeting = self.w.kz_meeting
        # The records that point at the person, some with the name typed beside it as well.
        self.participant = steering.save_participant(
            Participant(
                meeting=meeting,
                person=self.person,
                name=NAME,
                organisation=self.w.kz_org,
                attendance=Attendance.PRESENT,
            ),
            acting_user=SYSTEM,
        )
        self.member = steering.save_group_member(
            GroupMember(
                group=self.w.kz_nsg,
                person_record=self.person,
                person=NAME,
                email=EMAIL,
                organisation=self.w.kz_org,
            ),
            acting_user=SYSTEM,
        )
        self.speaker = steering.save_speaker(
            Speaker(
                agenda_item=self.w.kz_agenda_item, person=self.person, key_message="Training comes first."
            ),
            acting_user=SYSTEM,
        )
        self.w.kz_point.owner_record = self.person
        self.w.kz_point.owner_person = NAME
        self.w.kz_point.owner_email = EMAIL
        self.w.kz_point.save()
        meeting.opened_by_person = self.person
        meeting.summary = f"{NAME} opened the meeting."
        meeting.save()
        NewsDraft.objects.create(meeting=meeting, language="en", title="NSG met", body=f"{NAME} opened it.")

    def anonymise(self) -> None:
        self.login("manager")
        url = reverse("programmes:person_anonymise", args=[self.bomca.slug, self.person.pk])
        self.assertEqual(self.client.get(url).status_code, 200)
        self.assertEqual(self.client.post(url).status_code, 302)
        self.person.refresh_from_db()

    def test_the_person_keeps_their_records_and_loses_their_name_and_contact(self) -> None:
        self.anonymise()
        self.assertIsNotNone(self.person.anonymised_at)
        self.assertEqual((self.person.email, self.person.phone), ("", ""))
        self.assertNotIn(NAME, self.person.name)
        self.assertEqual(str(self.person), "Anonymised person")
        # Position, organisation and sex stay: the minutes still count the person.
        self.assertEqual((self.person.position, self.person.sex), ("Head of Unit", "f"))
        self.participant.refresh_from_db()
        self.member.refresh_from_db()
        self.assertEqual(self.participant.person, self.person)
        self.assertEqual(self.participant.name, "")
        self.assertEqual(
            (self.member.person_record, self.member.person, self.member.email), (self.person, "", "")
        )
        self.assertTrue(Speaker.objects.filter(pk=self.speaker.pk, person=self.person).exists())
        point = ActionPoint.objects.get(pk=self.w.kz_point.pk)
        self.assertEqual((point.owner_record, point.owner_person, point.owner_email), (self.person, "", ""))
        # The prose of the meeting names the person no more.
        self.assertEqual(
            NewsDraft.objects.get(meeting=self.w.kz_meeting).body, "Anonymised person opened it."
        )
        self.w.kz_meeting.refresh_from_db()
        self.assertNotIn(NAME, self.w.kz_meeting.summary)

    def test_the_name_is_gone_from_pages_minutes_exports_and_history(self) -> None:
        slug, meeting = self.bomca.slug, self.w.kz_meeting
        self.login("manager")
        meeting_url = reverse("steering:meeting", args=[slug, meeting.pk])
        self.assertIn(NAME, self.client.get(meeting_url).content.decode())  # shown before
        self.anonymise()
        pages = [
            meeting_url,
            reverse("programmes:people", args=[slug]),
            reverse("steering:group", args=[slug, self.w.kz_nsg.pk]),
            reverse("steering:action_point", args=[slug, self.w.kz_point.pk]),
            reverse("steering:action_points", args=[slug]),
            reverse("audit:history", args=[slug]),
        ]
        for url in pages:
            page = self.client.get(url).content.decode()
            self.assertNotIn(NAME, page, url)
            self.assertNotIn(EMAIL, page, url)
        self.assertIn("Anonymised person", self.client.get(meeting_url).content.decode())
        minutes = render_html(build_minutes(meeting))
        self.assertNotIn(NAME, minutes)
        self.assertIn("Anonymised person", minutes)
        for fmt in ("csv", "xlsx"):
            for url in (reverse("programmes:people", args=[slug]), reverse("audit:history", args=[slug])):
                response = self.client.get(url, {"export": fmt})
                content = b"".join(response.streaming_content) if response.streaming else response.content  # type: ignore[attr-defined]
                self.assertNotIn(NAME.encode(), content, (url, fmt))
        for entry in AuditEntry.objects.all():
            stored = json.dumps(
                [entry.object_repr, entry.before, entry.after, entry.rationale], ensure_ascii=False
            )
            for personal in (NAME, EMAIL, PHONE):
                self.assertNotIn(personal, stored, entry)

    def test_the_anonymisation_is_audited_without_personal_data_in_either_image(self) -> None:
        self.anonymise()
        entry = AuditEntry.objects.filter(content_type__model="person", object_id=str(self.person.pk)).first()
        assert entry is not None
        self.assertEqual(entry.rationale, "anonymised on request")
        self.assertEqual(entry.actor, self.manager)
        for image in (entry.before, entry.after):
            self.assertFalse({"name", "email", "phone"} & set(image))
        self.assertIsNone(entry.before["anonymised_at"])
        self.assertIsNotNone(entry.after["anonymised_at"])

    def test_an_anonymised_person_is_not_edited_again(self) -> None:
        self.anonymise()
        url = reverse("programmes:person_edit", args=[self.bomca.slug, self.person.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(url, {"name": NAME}).status_code, 404)
        self.person.name = NAME
        with self.assertRaises(ValidationError):
            services.save_person(self.person, acting_user=SYSTEM)
        self.assertEqual(Person.objects.get(pk=self.person.pk).email, "")

    def test_only_the_programme_manager_anonymises(self) -> None:
        self.login("kz_coordinator")
        url = reverse("programmes:person_anonymise", args=[self.bomca.slug, self.person.pk])
        self.assertEqual(self.client.post(url).status_code, 404)
        self.person.refresh_from_db()
        self.assertIsNone(self.person.anonymised_at)
        self.assertEqual(self.person.name, NAME)
