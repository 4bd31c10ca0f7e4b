"""People in the steering cycle: chosen in the forms, counted and quoted in the minutes."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.core.permissions import SYSTEM
from steerco.delivery import services as delivery
from steerco.programmes.models import Person
from steerco.reports.minutes import build_minutes, count_women_and_men
from steerco.reports.render import render_html
from steerco.steering.forms import GroupMemberForm, MeetingForm, ParticipantForm
from steerco.steering.models import Attendance, GroupMember, Meeting, Participant, Speaker

from ..base import SteercoTestCase
from ..delivery.world import delivery_world
from .world import steering_world


class MinutesCountTest(SteercoTestCase):
    def test_women_and_men_present_are_counted_from_the_persons_and_the_participants(self) -> None:
        w = steering_world(self)  # its participant "Delegate KZ" is a woman, present, with no person
        meeting = w.kz_meeting
        man = Person.objects.create(programme=self.bomca, name="A man", sex="m", organisation=w.kz_org)
        woman = Person.objects.create(programme=self.bomca, name="A woman", sex="f", organisation=w.kz_org)
        unknown = Person.objects.create(programme=self.bomca, name="Someone", organisation=w.kz_org)

        def add(person: Person | None, attendance: str, **fields: str) -> None:
            Participant.objects.create(
                meeting=meeting, person=person, organisation=w.kz_org, attendance=attendance, **fields
            )

        add(man, Attendance.PRESENT, sex="f")  # the person's sex counts, not the one typed beside it
        add(man, Attendance.ONLINE)  # listed twice, counted once
        add(woman, Attendance.ONLINE)
        add(unknown, Attendance.PRESENT, sex="m")  # the person says nothing: the participant's sex
        add(None, Attendance.EXCUSED, name="Excused man", sex="m")
        add(None, Attendance.PRESENT, name="Present man", sex="m")
        participants = list(Participant.objects.filter(meeting=meeting).select_related("person"))
        self.assertEqual(count_women_and_men(participants), (2, 3))
        attendance = build_minutes(meeting).sections[0].blocks[0]
        self.assertIn("2 women, 3 men", attendance.text)  # type: ignore[union-attr]

    def test_the_minutes_name_who_opened_and_moderated_and_quote_the_speakers(self) -> None:
        w = steering_world(self)
        opener = Person.objects.create(
            programme=self.bomca, name="Opening Person", position="Head of Section"
        )
        meeting = w.kz_meeting
        meeting.opened_by_person = opener
        meeting.moderated_by_person = w.kz_person
        meeting.save()
        html = render_html(build_minutes(meeting))
        self.assertIn("Opening Person, Head of Section", html)
        self.assertIn(f"{w.kz_person.name}, Head of Unit", html)
        self.assertIn("Training comes first.", html)  # the world's speaker on its agenda item
        self.assertIn("Speakers and their key messages", html)


class PersonChoicesTest(SteercoTestCase):
    def test_the_forms_offer_the_programmes_people_only(self) -> None:
        w = steering_world(self)
        Person.objects.create(programme=self.ukraine, name="Someone of Ukraine")
        member = GroupMemberForm(instance=GroupMember(group=w.kz_nsg))
        participant = ParticipantForm(instance=Participant(meeting=w.kz_meeting))
        meeting = MeetingForm(
            instance=w.kz_meeting, programme=self.bomca, groups=w.kz_nsg.programme.steering_groups
        )
        offered = [
            member.fields["person_record"],
            participant.fields["person"],
            meeting.fields["opened_by_person"],
            meeting.fields["moderated_by_person"],
        ]
        for field in offered:
            self.assertEqual(list(field.queryset), [w.kz_person])  # type: ignore[attr-defined]
        self.assertIn("Speaker of KZ, Head of Unit", str(participant["person"]))

    def test_a_participant_chosen_as_a_person_takes_the_persons_name_and_organisation(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:participant_add", args=[self.bomca.slug, w.kz_meeting.pk])
        response = self.client.post(url, {"person": w.kz_person.pk, "attendance": Attendance.PRESENT})
        self.assertEqual(response.status_code, 302)
        participant = Participant.objects.get(meeting=w.kz_meeting, person=w.kz_person)
        self.assertEqual((participant.name, participant.organisation), ("", w.kz_org))
        self.assertEqual(participant.shown_name, w.kz_person.name)
        page = self.client.get(reverse("steering:meeting", args=[self.bomca.slug, w.kz_meeting.pk]))
        self.assertContains(page, "Speaker of KZ")

    def test_the_free_text_stays_for_participants_without_a_person(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:participant_add", args=[self.bomca.slug, w.kz_meeting.pk])
        empty = self.client.post(url, {"attendance": Attendance.PRESENT, "organisation": w.kz_org.pk})
        self.assertEqual(empty.status_code, 400)
        self.assertIn("name", empty.context["form"].errors)
        typed = self.client.post(
            url, {"name": "Deputy Head", "organisation": w.kz_org.pk, "attendance": Attendance.PRESENT}
        )
        self.assertEqual(typed.status_code, 302)
        self.assertTrue(Participant.objects.filter(name="Deputy Head", person=None).exists())

    def test_another_programmes_person_is_refused(self) -> None:
        w = steering_world(self)
        ua_person = Person.objects.create(programme=self.ukraine, name="Someone of Ukraine")
        self.login("manager")
        url = reverse("steering:participant_add", args=[self.bomca.slug, w.kz_meeting.pk])
        response = self.client.post(
            url, {"person": ua_person.pk, "organisation": w.kz_org.pk, "attendance": "present"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertIn("person", response.context["form"].errors)
        self.assertFalse(Participant.objects.filter(person=ua_person).exists())

    def test_opened_and_moderated_by_people_of_the_programme(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:meeting_edit", args=[self.bomca.slug, w.kz_meeting.pk])
        form = self.client.get(url).context["form"]
        data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, list)}
        data.update(
            {
                "start_date": "2021-11-10",
                "opened_by_person": w.kz_person.pk,
                "moderated_by_person": w.kz_person.pk,
                "moderator": w.kz_org.pk,
            }
        )
        data.pop("group", None)
        response = self.client.post(url, data)
        self.assertEqual(
            response.status_code, 302, getattr(response, "context", None) and response.context["form"].errors
        )
        meeting = Meeting.objects.get(pk=w.kz_meeting.pk)
        self.assertEqual((meeting.opened_by_person, meeting.moderated_by_person), (w.kz_person, w.kz_person))
        page = self.client.get(
            reverse("steering:meeting", args=[self.bomca.slug, meeting.pk])
        ).content.decode()
        self.assertIn("Speaker of KZ, Head of Unit", page)

    def test_a_speaker_is_recorded_with_a_key_message_after_the_others(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:speaker_add", args=[self.bomca.slug, w.kz_meeting.pk, w.kz_agenda_item.pk])
        response = self.client.post(url, {"person": w.kz_person.pk, "key_message": "Automation next."})
        self.assertEqual(response.status_code, 302)
        speaker = Speaker.objects.get(agenda_item=w.kz_agenda_item, key_message="Automation next.")
        self.assertEqual(speaker.order, 2)  # after the world's speaker
        page = self.client.get(reverse("steering:meeting", args=[self.bomca.slug, w.kz_meeting.pk]))
        self.assertContains(page, "Automation next.")

    def test_an_action_point_owned_by_a_person(self) -> None:
        w = steering_world(self)
        self.login("kz_coordinator")
        url = reverse("steering:action_point_add", args=[self.bomca.slug, w.kz_meeting.pk])
        response = self.client.post(
            url, {"text": "Send the list", "owner_record": w.kz_person.pk, "due_date": "2022-05-01"}
        )
        self.assertEqual(response.status_code, 302)
        point = w.kz_meeting.action_points.get(text="Send the list")
        self.assertEqual(point.owner, "Speaker of KZ")


class TrainersTest(SteercoTestCase):
    def test_an_events_trainers_are_people_of_its_programme(self) -> None:
        steering_world(self)
        event = delivery_world(self).kz_event
        trainer = Person.objects.create(programme=self.bomca, name="Trainer of KZ")
        ua_person = Person.objects.create(programme=self.ukraine, name="Someone of Ukraine")
        delivery.record_event(event, acting_user=SYSTEM, trainers=[trainer])
        self.assertEqual(list(event.trainers.all()), [trainer])
        with self.assertRaises(ValidationError) as refused:
            delivery.record_event(event, acting_user=SYSTEM, trainers=[ua_person])
        self.assertIn("trainers", str(refused.exception))
        self.assertEqual(list(event.trainers.all()), [trainer])
        self.login("manager")
        page = self.client.get(reverse("delivery:event", args=[self.bomca.slug, event.pk]))
        self.assertContains(page, "Trainer of KZ")
        form = self.client.get(reverse("delivery:event_edit", args=[self.bomca.slug, event.pk])).context[
            "form"
        ]
        self.assertNotIn(ua_person, list(form.fields["trainers"].queryset))
        self.assertIn(trainer, list(form.fields["trainers"].queryset))
