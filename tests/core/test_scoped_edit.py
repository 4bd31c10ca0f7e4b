"""The one edit-page helper: scope first, an empty submission validated, Cancel back to the list."""

from __future__ import annotations

import ast
import pathlib

from django.urls import reverse

from steerco.programmes.models import Risk
from tests.base import SteercoTestCase

VIEWS = pathlib.Path(__file__).resolve().parents[2] / "steerco"


class ScopedEditTest(SteercoTestCase):
    def test_an_empty_submission_is_validated_not_ignored(self) -> None:
        self.login("manager")
        before = Risk.objects.count()
        response = self.client.post(reverse("programmes:risk_add", args=["bomca"]), {})
        self.assertEqual(response.status_code, 400)
        self.assertTrue(response.context["form"].errors)
        self.assertEqual(Risk.objects.count(), before)

    def test_a_record_of_another_programme_answers_404(self) -> None:
        self.login("manager")
        url = reverse("programmes:risk_edit", args=["bomca", self.ua_risk.pk])
        self.assertEqual(self.client.get(url).status_code, 404)
        self.assertEqual(self.client.post(url, {"title": "x"}).status_code, 404)

    def test_a_country_coordinator_cannot_open_another_countrys_record(self) -> None:
        self.login("kz_coordinator")
        url = reverse("programmes:risk_edit", args=["bomca", self.kg_risk.pk])
        self.assertEqual(self.client.get(url).status_code, 404)

    def test_cancel_goes_back_to_the_list_not_to_the_previous_page(self) -> None:
        self.login("manager")
        for name, args, back in [
            ("programmes:risk_edit", ["bomca", self.kz_risk.pk], reverse("programmes:risks", args=["bomca"])),
            ("programmes:period_add", ["bomca"], reverse("programmes:periods", args=["bomca"])),
            ("delivery:workplan_add", ["bomca"], reverse("delivery:workplan", args=["bomca"])),
            ("delivery:event_add", ["bomca"], reverse("delivery:events", args=["bomca"])),
        ]:
            with self.subTest(name):
                response = self.client.post(reverse(name, args=args), {})
                self.assertEqual(response.status_code, 400)
                body = response.content.decode()
                self.assertIn(f'href="{back}">', body)
                self.assertNotIn("data-history-back", body)

    def test_no_view_builds_a_form_from_request_post_or_none(self) -> None:
        for path in VIEWS.glob("*/views.py"):
            source = path.read_text()
            self.assertNotIn("request.POST or None", source, path)
            ast.parse(source)
