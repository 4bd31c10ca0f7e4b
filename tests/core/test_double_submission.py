"""A form that creates, sent twice (a double click, a reload): one row, and the second answer says so
with a link to what the first saved. Sent at the same moment from two threads, still one row."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connections
from django.test import Client
from django.urls import reverse

from steerco.core.edits import TOKEN_FIELD
from steerco.core.models import FormSubmission
from steerco.programmes.models import Risk
from steerco.steering.models import ActionPointNote, Decision
from tests import factories as f
from tests.base import SteercoTestCase
from tests.steering.world import steering_world

from .forms_as_shown import shown_data


class DoubleSubmissionTest(SteercoTestCase):
    def form_data(self, url: str, **values: str) -> dict[str, Any]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return {**shown_data(response.context["form"]), **values}

    def test_a_risk_sent_twice_is_saved_once_and_the_second_answer_links_to_it(self) -> None:
        self.login("manager")
        url = reverse("programmes:risk_add", args=["bomca"])
        data = self.form_data(url, title="Floods close the crossing", likelihood="2", impact="4")
        self.assertEqual(self.client.post(url, data).status_code, 302)
        second = self.client.post(url, data)
        self.assertContains(second, "submitted a second time", status_code=409)
        self.assertContains(second, reverse("programmes:risks", args=["bomca"]), status_code=409)
        self.assertContains(second, "Floods close the crossing", status_code=409)
        self.assertEqual(Risk.objects.filter(title="Floods close the crossing").count(), 1)

    def test_a_refused_first_submission_leaves_the_token_for_the_corrected_one(self) -> None:
        self.login("manager")
        url = reverse("programmes:risk_add", args=["bomca"])
        data = self.form_data(url, title="", likelihood="2", impact="4")
        self.assertEqual(self.client.post(url, data).status_code, 400)
        data["title"] = "Corrected"
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(Risk.objects.filter(title="Corrected").count(), 1)

    def test_a_decision_sent_twice_is_recorded_once(self) -> None:
        meeting = steering_world(self).kz_meeting
        self.login("kz_coordinator")
        url = reverse("steering:decision_add", args=["bomca", meeting.pk])
        data = self.form_data(url, kind="other", text="The plan is endorsed")
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(self.client.post(url, data).status_code, 409)
        self.assertEqual(Decision.objects.filter(text="The plan is endorsed").count(), 1)

    def test_a_follow_up_sent_twice_is_one_note(self) -> None:
        point = steering_world(self).kz_point
        self.login("kz_counterpart")
        url = reverse("steering:action_point", args=["bomca", point.pk])
        data = self.form_data(url, status="in_progress", note="Started the list")
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.assertEqual(self.client.post(url, data).status_code, 409)
        self.assertEqual(ActionPointNote.objects.filter(action_point=point).count(), 1)

    def test_another_persons_token_gives_no_link(self) -> None:
        self.login("manager")
        url = reverse("programmes:risk_add", args=["bomca"])
        data = self.form_data(url, title="Mine", likelihood="2", impact="4")
        self.assertEqual(self.client.post(url, data).status_code, 302)
        self.login("admin")
        second = self.client.post(url, {**data, "title": "Theirs"})
        self.assertContains(second, "submitted a second time", status_code=409)
        self.assertNotContains(second, "Open what was saved", status_code=409)
        self.assertFalse(Risk.objects.filter(title="Theirs").exists())


def _post_together(clients: list[Client], url: str, data: dict[str, Any]) -> list[int]:
    barrier = threading.Barrier(len(clients))
    statuses: list[int] = []
    errors: list[BaseException] = []

    def send(client: Client) -> None:
        try:
            barrier.wait(timeout=30)
            statuses.append(client.post(url, data).status_code)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(c,)) for c in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors, errors
    return sorted(statuses)


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_the_same_moment_make_one_row() -> None:
    from steerco.core.roles import Role

    programme = f.programme(slug="busy")
    f.country(programme, "KZ")
    manager = f.user("busy-manager", (programme, "", Role.MANAGER))
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(manager)
    url = reverse("programmes:risk_add", args=[programme.slug])
    page = clients[0].get(url)
    data = {**shown_data(page.context["form"]), "title": "Both at once", "likelihood": "2", "impact": "4"}
    assert data[TOKEN_FIELD]
    assert _post_together(clients, url, data) == [302, 409]
    assert Risk.objects.filter(title="Both at once").count() == 1
    assert FormSubmission.objects.filter(token=data[TOKEN_FIELD]).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_saves_of_the_same_version_at_the_same_moment_make_one_refusal() -> None:
    from steerco.core.roles import Role

    programme = f.programme(slug="busy")
    f.country(programme, "KZ")
    risk = f.risk(programme, title="Shared")
    manager = f.user("busy-manager", (programme, "", Role.MANAGER))
    clients = [Client(), Client()]
    for client in clients:
        client.force_login(manager)
    url = reverse("programmes:risk_edit", args=[programme.slug, risk.pk])
    data = shown_data(clients[0].get(url).context["form"])
    assert _post_together(clients, url, {**data, "mitigation": "One of us"}) == [302, 409]
    assert Risk.objects.get(pk=risk.pk).mitigation == "One of us"


class HostileHiddenValuesTest(SteercoTestCase):
    def test_a_token_or_version_not_handed_out_is_no_error_and_no_failure(self) -> None:
        self.login("manager")
        add = reverse("programmes:risk_add", args=["bomca"])
        data = {**shown_data(self.client.get(add).context["form"]), "likelihood": "2", "impact": "2"}
        for token in ("x" * 100_000, "a\x00b" * 10, "short"):
            response = self.client.post(add, {**data, TOKEN_FIELD: token, "title": f"Odd {len(token)}"})
            self.assertEqual(response.status_code, 302)  # saved, unguarded: the token was none of ours
        edit = reverse("programmes:risk_edit", args=["bomca", self.kz_risk.pk])
        shown = shown_data(self.client.get(edit).context["form"])
        response = self.client.post(edit, {**shown, "loaded_version": "\x00" * 5000, "title": "Odd"})
        self.assertContains(response, "nothing was saved", status_code=409)
        self.assertEqual(Risk.objects.get(pk=self.kz_risk.pk).title, "KZ risk")


class CirculateTwiceTest(SteercoTestCase):
    def test_a_second_press_of_circulate_makes_no_second_version(self) -> None:
        import re

        from steerco.steering.models import MeetingPack

        meeting = steering_world(self).rsg_meeting
        self.login("manager")
        url = reverse("steering:meeting_circulate", args=["bomca", meeting.pk])
        page = self.client.get(url).content.decode()  # the confirmation page carries the form
        token = re.search(rf'name="{TOKEN_FIELD}" value="([^"]+)"', page)
        assert token is not None
        self.assertEqual(self.client.post(url, {TOKEN_FIELD: token.group(1)}).status_code, 302)
        second = self.client.post(url, {TOKEN_FIELD: token.group(1)})
        self.assertContains(second, "submitted a second time", status_code=409)
        self.assertEqual(MeetingPack.objects.filter(meeting=meeting).count(), 1)
