"""The forms named in the issue, opened by two people who save in turn: the second is refused with the
first's values shown, the database holds the first, and saving again is a knowing overwrite. A save
that changes nothing writes no audit entry and does not say "Saved"; a second decision says why."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.delivery.models import Event
from steerco.programmes.models import Risk
from steerco.results.models import IndicatorUpdate, Target, UpdateState
from steerco.steering.models import ActionPoint, ActionPointNote, Meeting, NewsDraft
from tests.base import SteercoTestCase
from tests.delivery.world import delivery_world
from tests.results.world import results_world
from tests.steering.world import steering_world

from .forms_as_shown import shown_data


class TwoPeopleTestCase(SteercoTestCase):
    """`self.client` is one person, `self.other` another, each with their own session."""

    def setUp(self) -> None:
        super().setUp()
        self.other = Client()

    def open(self, client: Client, url: str) -> dict[str, Any]:
        response = client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return shown_data(response.context["form"])

    def turns(self, url: str, field: str, first: str, second: str, *, as_first: str, as_second: str) -> Any:
        """Both open the form; the first saves, the second is refused; returns the refusal."""
        self.login(as_first)
        self.other.force_login(self.personas[as_second])
        mine, theirs = self.open(self.client, url), self.open(self.other, url)
        mine[field], theirs[field] = first, second
        saved = self.client.post(url, mine)
        self.assertEqual(saved.status_code, 302, saved.context and saved.context["form"].errors)
        refused = self.other.post(url, theirs)
        self.assertEqual(refused.status_code, 409)
        self.assertContains(refused, f"Saved meanwhile: {first}", status_code=409)
        self.assertContains(refused, "saved this at", status_code=409)  # who and when
        self.assertContains(refused, "nothing was saved", status_code=409)
        return refused

    def overwrite(self, url: str, refused: Any) -> None:
        """Saving again from the refused page is a knowing overwrite."""
        response = self.other.post(url, shown_data(refused.context["form"]))
        self.assertEqual(response.status_code, 302)


class StaleEditTest(TwoPeopleTestCase):
    def test_a_risk(self) -> None:
        url = reverse("programmes:risk_edit", args=["bomca", self.kz_risk.pk])
        refused = self.turns(
            url, "mitigation", "Train first", "Equip first", as_first="manager", as_second="admin"
        )
        self.assertContains(refused, "manager saved this at", status_code=409)
        self.assertEqual(Risk.objects.get(pk=self.kz_risk.pk).mitigation, "Train first")
        self.overwrite(url, refused)
        self.assertEqual(Risk.objects.get(pk=self.kz_risk.pk).mitigation, "Equip first")

    def test_a_meeting(self) -> None:
        meeting = steering_world(self).kz_meeting
        url = reverse("steering:meeting_edit", args=["bomca", meeting.pk])
        refused = self.turns(
            url, "place", "Almaty", "Astana, ministry", as_first="kz_coordinator", as_second="manager"
        )
        self.assertEqual(Meeting.objects.get(pk=meeting.pk).place, "Almaty")
        self.overwrite(url, refused)
        self.assertEqual(Meeting.objects.get(pk=meeting.pk).place, "Astana, ministry")

    def test_an_action_point(self) -> None:
        point = steering_world(self).kz_point
        url = reverse("steering:action_point_edit", args=["bomca", point.pk])
        refused = self.turns(
            url,
            "text",
            "Submit the needs by May",
            "Submit the needs",
            as_first="manager",
            as_second="kz_coordinator",
        )
        self.assertEqual(ActionPoint.objects.get(pk=point.pk).text, "Submit the needs by May")
        self.overwrite(url, refused)
        self.assertEqual(ActionPoint.objects.get(pk=point.pk).text, "Submit the needs")

    def test_an_event(self) -> None:
        event = delivery_world(self).kz_event
        url = reverse("delivery:event_edit", args=["bomca", event.pk])
        refused = self.turns(url, "place", "Almaty", "Astana", as_first="kz_coordinator", as_second="manager")
        self.assertEqual(Event.objects.get(pk=event.pk).place, "Almaty")
        self.overwrite(url, refused)
        self.assertEqual(Event.objects.get(pk=event.pk).place, "Astana")

    def test_an_event_whose_split_by_agency_changed_is_stale_too(self) -> None:
        event = delivery_world(self).kz_event
        url = reverse("delivery:event_edit", args=["bomca", event.pk])
        self.login("kz_coordinator")
        self.other.force_login(self.manager)
        mine, theirs = self.open(self.client, url), self.open(self.other, url)
        agency = next(k for k in mine if k.startswith("agency_"))
        mine[agency] = "10"  # only the split changes: the event's own row stays as it was
        self.assertEqual(self.client.post(url, mine).status_code, 302)
        theirs["notes"] = "Good turnout"
        self.assertEqual(self.other.post(url, theirs).status_code, 409)
        self.assertEqual(Event.objects.get(pk=event.pk).notes, "")

    def test_an_indicators_targets(self) -> None:
        w = results_world(self)
        url = reverse("results:targets", args=["bomca", w.trained.pk])
        cell = f"t_{self.year1.pk}_KZ"
        refused = self.turns(url, cell, "40", "50", as_first="manager", as_second="me_officer")
        self.assertEqual(Target.objects.get(indicator=w.trained, period=self.year1, country="KZ").value, 40)
        self.overwrite(url, refused)
        self.assertEqual(Target.objects.get(indicator=w.trained, period=self.year1, country="KZ").value, 50)

    def test_a_target_added_meanwhile_makes_the_targets_page_stale(self) -> None:
        w = results_world(self)
        url = reverse("results:targets", args=["bomca", w.trained.pk])
        self.login("manager")
        self.other.force_login(self.me_officer)
        mine, theirs = self.open(self.client, url), self.open(self.other, url)
        mine[f"t_{self.year1.pk}_all"] = "90"
        self.assertEqual(self.client.post(url, mine).status_code, 302)
        theirs[f"t_{self.year1.pk}_KZ"] = "35"
        refused = self.other.post(url, theirs)
        self.assertContains(refused, "Saved meanwhile: 90", status_code=409)
        self.assertEqual(Target.objects.get(indicator=w.trained, period=self.year1, country="KZ").value, 30)

    def test_a_news_draft(self) -> None:
        meeting = steering_world(self).kz_meeting
        url = reverse("steering:news", args=["bomca", meeting.pk]) + "?lang=en"
        refused = self.turns(
            url, "title", "Border news", "Steering news", as_first="kz_coordinator", as_second="manager"
        )
        self.assertEqual(NewsDraft.objects.get(meeting=meeting, language="en").title, "Border news")
        self.overwrite(url, refused)
        self.assertEqual(NewsDraft.objects.get(meeting=meeting, language="en").title, "Steering news")
        self.assertEqual(NewsDraft.objects.filter(meeting=meeting).count(), 1)

    def test_a_follow_up_from_a_stale_page(self) -> None:
        point = steering_world(self).kz_point
        url = reverse("steering:action_point", args=["bomca", point.pk])
        self.login("kz_counterpart")
        self.other.force_login(self.kz_coordinator)
        mine, theirs = self.open(self.client, url), self.open(self.other, url)
        mine.update(status="reported_done", note="Needs sent")
        theirs.update(status="in_progress", note="Started")
        self.assertEqual(self.client.post(url, mine).status_code, 302)
        refused = self.other.post(url, theirs)
        self.assertContains(refused, "Saved meanwhile: Reported done", status_code=409)
        self.assertEqual(ActionPoint.objects.get(pk=point.pk).status, "reported_done")
        self.assertEqual(ActionPointNote.objects.filter(action_point=point).count(), 1)
        self.overwrite(url, refused)
        self.assertEqual(ActionPoint.objects.get(pk=point.pk).status, "in_progress")

    def test_closing_an_action_point_changed_meanwhile(self) -> None:
        point = steering_world(self).kz_point
        close = reverse("steering:action_point_close", args=["bomca", point.pk])
        edit = reverse("steering:action_point_edit", args=["bomca", point.pk])
        self.login("manager")
        self.other.force_login(self.kz_coordinator)
        closing = self.open(self.client, close)
        changed = self.open(self.other, edit)
        changed["text"] = "Submit the needs, with costs"
        self.assertEqual(self.other.post(edit, changed).status_code, 302)
        refused = self.client.post(close, {**closing, "closing_note": "Done at the meeting"})
        self.assertContains(refused, "kz_coordinator saved this at", status_code=409)
        stored = ActionPoint.objects.get(pk=point.pk)
        self.assertEqual((stored.status, stored.text), ("open", "Submit the needs, with costs"))
        again = shown_data(refused.context["form"])
        self.assertEqual(self.client.post(close, again).status_code, 302)
        stored = ActionPoint.objects.get(pk=point.pk)
        self.assertEqual((stored.status, stored.text), ("closed", "Submit the needs, with costs"))


class NoChangeTest(SteercoTestCase):
    def test_a_risk_saved_unchanged_writes_no_entry_and_says_no_changes(self) -> None:
        self.login("manager")
        url = reverse("programmes:risk_edit", args=["bomca", self.kz_risk.pk])
        data = shown_data(self.client.get(url).context["form"])
        entries = AuditEntry.objects.count()
        response = self.client.post(url, data, follow=True)
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertContains(response, "No changes: nothing was saved.")
        self.assertNotContains(response, "Saved.")

    def test_targets_saved_unchanged(self) -> None:
        w = results_world(self)
        self.login("manager")
        url = reverse("results:targets", args=["bomca", w.trained.pk])
        data = shown_data(self.client.get(url).context["form"])
        entries = AuditEntry.objects.count()
        response = self.client.post(url, data, follow=True)
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertContains(response, "No changes: nothing was saved.")
        self.assertNotContains(response, "Targets saved.")

    def test_the_entry_screen_saved_unchanged_does_not_say_saved_as_draft(self) -> None:
        w = results_world(self)
        self.login("kz_coordinator")
        url = reverse("results:country_entry", args=["bomca", "kz", self.year1.pk])
        data = {f"i{w.trained.pk}-version": str(w.kz_update.version), f"i{w.trained.pk}-value": "20"}
        sex = w.sex.pk
        data.update({f"i{w.trained.pk}-dis_{sex}_0": "8", f"i{w.trained.pk}-dis_{sex}_1": "12"})
        entries = AuditEntry.objects.count()
        response = self.client.post(url, data, follow=True)
        self.assertEqual(AuditEntry.objects.count(), entries)
        self.assertContains(response, "No changes: nothing was saved.")
        self.assertNotContains(response, "Saved as draft.")
        changed = {**data, f"i{w.trained.pk}-value": "21", f"i{w.trained.pk}-dis_{sex}_0": "9"}
        self.assertContains(self.client.post(url, changed, follow=True), "Saved as draft.")


class SecondDecisionTest(SteercoTestCase):
    def test_a_second_approval_says_who_approved_and_when(self) -> None:
        w = results_world(self)
        url = reverse("results:review", args=["bomca", w.kz_update.pk])
        decision = {"decision": "approve", "note": "", "version": str(w.kz_update.version)}
        self.login("me_officer")
        self.assertEqual(self.client.post(url, decision).status_code, 302)
        self.login("admin")
        response = self.client.post(url, decision)
        self.assertContains(response, "me_officer already approved this update at", status_code=400)
        self.assertEqual(
            AuditEntry.objects.filter(object_id=str(w.kz_update.pk), action="approve").count(), 1
        )
        returned = self.client.post(url, {**decision, "decision": "return", "note": "Recount"})
        self.assertContains(returned, "me_officer already approved this update at", status_code=400)
        self.assertEqual(IndicatorUpdate.objects.get(pk=w.kz_update.pk).state, UpdateState.APPROVED)

    def test_a_second_return_quotes_the_first_note(self) -> None:
        w = results_world(self)
        url = reverse("results:review", args=["bomca", w.kz_update.pk])
        decision = {
            "decision": "return",
            "note": "Women and men do not add up",
            "version": str(w.kz_update.version),
        }
        self.login("me_officer")
        self.assertEqual(self.client.post(url, decision).status_code, 302)
        self.login("admin")
        response = self.client.post(url, {**decision, "decision": "approve"})
        self.assertContains(response, "already returned this update at", status_code=400)
        self.assertContains(response, "Women and men do not add up", status_code=400)
