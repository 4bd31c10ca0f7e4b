"""Comment threads: read by whoever sees the object, written by all but read-only observers (who write on
meetings and action points), audited, shown on the object's page."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.work.models import Comment
from tests.base import SteercoTestCase
from tests.delivery.world import delivery_world
from tests.results.world import results_world
from tests.steering.world import steering_world


class CommentTest(SteercoTestCase):
    def thread(self, kind: str, pk: int) -> str:
        return reverse("work:thread", args=["bomca", kind, pk])

    def post(self, persona: str, url: str, text: str = "Please check the source.") -> int:
        self.login(persona)
        return self.client.post(url, {"text": text, "next": "/programmes/"}).status_code

    def test_writers_comment_and_each_comment_is_audited(self) -> None:
        indicator = results_world(self).trained
        url = self.thread("indicator", indicator.pk)
        for persona in ("manager", "me_officer", "kz_coordinator", "kg_coordinator", "kz_counterpart"):
            self.assertEqual(self.post(persona, url), 302, persona)
        comments = Comment.objects.filter(content_type=ContentType.objects.get_for_model(indicator))
        self.assertEqual(comments.count(), 5)
        self.assertEqual(
            AuditEntry.objects.filter(
                content_type=ContentType.objects.get_for_model(Comment), action="create"
            ).count(),
            5,
        )
        self.login("observer")
        page = self.client.get(reverse("results:indicator", args=["bomca", indicator.pk]))
        self.assertContains(page, "Please check the source.")
        self.assertNotContains(page, 'class="form comment-form"')

    def test_a_read_only_observer_writes_only_on_meetings_and_action_points(self) -> None:
        sw = steering_world(self)
        self.assertEqual(self.post("observer", self.thread("indicator", results_world(self).trained.pk)), 404)
        self.assertEqual(self.post("observer", self.thread("lot", delivery_world(self).kz_lot.pk)), 404)
        self.assertEqual(self.post("observer", self.thread("meeting", sw.kz_meeting.pk)), 302)
        self.assertEqual(self.post("observer", self.thread("action-point", sw.kz_point.pk)), 302)
        self.assertEqual(Comment.objects.count(), 2)

    def test_outside_the_scope_a_thread_is_missing(self) -> None:
        sw, dw = steering_world(self), delivery_world(self)
        self.assertEqual(self.post("kz_coordinator", self.thread("meeting", sw.kz_meeting.pk)), 302)
        self.login("kg_coordinator")
        self.assertEqual(self.client.get(self.thread("meeting", sw.kz_meeting.pk)).status_code, 404)
        self.assertEqual(self.client.get(self.thread("lot", dw.kz_lot.pk)).status_code, 404)
        self.login("kz_counterpart")
        self.assertEqual(self.client.get(self.thread("meeting", sw.rsg_meeting.pk)).status_code, 404)
        self.login(self.ua_manager)
        self.assertEqual(self.client.get(self.thread("meeting", sw.kz_meeting.pk)).status_code, 404)
        self.assertEqual(self.post("kg_coordinator", self.thread("meeting", sw.kz_meeting.pk)), 404)
        self.assertEqual(Comment.objects.count(), 1)

    def test_the_history_hides_comments_on_what_the_reader_may_not_see(self) -> None:
        sw = steering_world(self)
        self.assertEqual(
            self.post("manager", self.thread("meeting", sw.rsg_meeting.pk), "Regional only"), 302
        )
        self.login("kz_counterpart")
        self.assertNotContains(self.client.get(reverse("audit:history", args=["bomca"])), "Regional only")
        self.login("kz_coordinator")
        self.assertContains(self.client.get(reverse("audit:history", args=["bomca"])), "Regional only")

    def test_an_empty_or_overlong_comment_is_refused_at_its_field(self) -> None:
        url = self.thread("update", results_world(self).kz_update.pk)
        self.login("kz_coordinator")
        empty = self.client.post(url, {"text": "   "})
        self.assertEqual(empty.status_code, 400)
        self.assertContains(empty, 'class="error"', status_code=400)
        self.assertEqual(self.client.post(url, {"text": "x" * 5001}).status_code, 400)
        self.assertFalse(Comment.objects.exists())

    def test_the_thread_is_on_every_objects_page(self) -> None:
        sw, dw, rw = steering_world(self), delivery_world(self), results_world(self)
        self.login("manager")
        for url in (
            reverse("results:indicator", args=["bomca", rw.trained.pk]),
            reverse("steering:meeting", args=["bomca", sw.kz_meeting.pk]),
            reverse("steering:action_point", args=["bomca", sw.kz_point.pk]),
            reverse("delivery:lot", args=["bomca", dw.kz_lot.pk]),
            self.thread("update", rw.kz_update.pk),
        ):
            self.assertContains(self.client.get(url), 'class="form comment-form"', msg_prefix=url)

    def test_going_back_only_to_this_site(self) -> None:
        self.login("manager")
        url = self.thread("indicator", results_world(self).trained.pk)
        response = self.client.post(url, {"text": "ok", "next": "https://evil.example/"})
        self.assertEqual(response["Location"], url)
