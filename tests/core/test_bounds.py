"""Texts, counts and amounts are bounded at the field, with a message that names the real limit."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.core.bounds import LONG_TEXT, MAX_UNITS, SENTENCE
from steerco.delivery.models import ProcurementLot
from steerco.programmes.models import Risk
from steerco.steering.models import ActionPoint
from tests.base import SteercoTestCase
from tests.steering.world import steering_world


class BoundsTest(SteercoTestCase):
    def risk(self, **fields: Any) -> Any:
        data = {
            "title": "Fuel",
            "likelihood": "2",
            "impact": "3",
            "status": "open",
            "raised_on": "2022-01-10",
        }
        data.update(fields)
        return self.client.post(reverse("programmes:risk_add", args=[self.bomca.slug]), data)

    def test_a_likelihood_below_one_says_the_minimum_is_one(self) -> None:
        self.login("manager")
        before = (Risk.objects.count(), AuditEntry.objects.count())
        for field in ("likelihood", "impact"):
            for value in ("-1", "0"):
                with self.subTest(field=field, value=value):
                    response = self.risk(**{field: value})
                    self.assertEqual(response.status_code, 400)
                    self.assertEqual(
                        response.context["form"].errors[field],
                        ["Ensure this value is greater than or equal to 1."],
                    )
            response = self.risk(**{field: "6"})
            self.assertEqual(
                response.context["form"].errors[field], ["Ensure this value is less than or equal to 5."]
            )
        self.assertEqual((Risk.objects.count(), AuditEntry.objects.count()), before)

    def test_a_100000_character_text_is_refused_with_the_limit(self) -> None:
        self.login("manager")
        response = self.risk(description="x" * 100_000)
        self.assertEqual(response.status_code, 400)
        self.assertIn(
            f"at most {LONG_TEXT} characters (it has 100000)",
            response.context["form"].errors["description_en"][0],  # at the main language's version
        )
        self.assertEqual(self.risk(description="x" * LONG_TEXT).status_code, 302)

    def test_an_action_point_is_a_sentence_not_a_book(self) -> None:
        w = steering_world(self)
        self.login("manager")
        url = reverse("steering:action_point_add", args=[self.bomca.slug, w.kz_meeting.pk])
        before = ActionPoint.objects.count()
        response = self.client.post(url, {"text": "x" * (SENTENCE + 1), "due_date": "2022-03-01"})
        self.assertEqual(response.status_code, 400)
        self.assertIn(f"at most {SENTENCE} characters", response.context["form"].errors["text_en"][0])
        self.assertEqual(ActionPoint.objects.count(), before)

    def test_negative_values_and_absurd_quantities_of_a_lot_are_refused_at_their_fields(self) -> None:
        self.login("manager")
        url = reverse("delivery:lot_add", args=[self.bomca.slug])
        data = {
            "title": "Radios",
            "category": "equipment",
            "country": "KZ",
            "quantity": str(MAX_UNITS + 1),
            "unit": "units",
            "estimated_value": "-5",
            "contracted_value": "-0.01",
            "currency": "EUR",
        }
        response = self.client.post(url, data)
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertEqual(errors["quantity"], [f"Ensure this value is less than or equal to {MAX_UNITS}."])
        self.assertEqual(errors["estimated_value"], ["Ensure this value is greater than or equal to 0."])
        self.assertEqual(errors["contracted_value"], ["Ensure this value is greater than or equal to 0."])
        self.assertFalse(ProcurementLot.objects.filter(title="Radios").exists())

    def test_control_characters_are_refused_and_a_short_field_takes_one_line(self) -> None:
        self.login("manager")
        before = Risk.objects.count()
        response = self.risk(title="NSG css\f; x", description="Two\r\nlines\tare fine")
        self.assertEqual(response.status_code, 400)
        errors = response.context["form"].errors
        self.assertIn("invisible control character", errors["title_en"][0])
        self.assertNotIn("description_en", errors)
        response = self.risk(title="One\r\nTwo", description="Escape \x1b[31m")
        errors = response.context["form"].errors
        self.assertEqual(errors["title_en"], ["This field takes one line: remove the line breaks."])
        self.assertIn("invisible control character", errors["description_en"][0])
        self.assertEqual(Risk.objects.count(), before)
        self.assertEqual(self.risk(description="Two\r\nlines\tare fine").status_code, 302)
