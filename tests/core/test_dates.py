"""One window of dates for every date field, and no stored date, however far, makes a page fail."""

from __future__ import annotations

import datetime

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.test import SimpleTestCase
from django.urls import reverse

from steerco.core.dates import EARLIEST, LATEST, validate_plausible_date
from steerco.delivery.dates import Precision
from steerco.delivery.models import ProcurementStep
from steerco.programmes.models import Risk
from tests.base import SteercoTestCase
from tests.delivery.world import delivery_world
from tests.url_matrix import MATRIX

D = datetime.date


def steerco_date_fields() -> list[tuple[type[models.Model], models.DateField]]:
    return [
        (model, field)
        for model in apps.get_models()
        if model.__module__.startswith("steerco.")
        for field in model._meta.concrete_fields
        if isinstance(field, models.DateField) and not isinstance(field, models.DateTimeField)
    ]


class WindowTest(SimpleTestCase):
    def test_the_window_runs_from_1990_to_2100_inclusive(self) -> None:
        for day in (EARLIEST, D(2024, 6, 30), LATEST):
            validate_plausible_date(day)
        for day in (D(1989, 12, 31), D(1900, 1, 1), D(2101, 1, 1), D(9999, 12, 31)):
            with self.subTest(day=day), self.assertRaises(ValidationError) as caught:
                validate_plausible_date(day)
            self.assertIn("between 1990-01-01 and 2100-12-31", caught.exception.messages[0])

    def test_every_date_field_of_every_model_keeps_the_window(self) -> None:
        fields = steerco_date_fields()
        self.assertGreater(len(fields), 20)
        for model, field in fields:
            with self.subTest(field=f"{model.__name__}.{field.name}"):
                self.assertIn(validate_plausible_date, field.validators)


class RefusedTest(SteercoTestCase):
    def test_the_model_refuses_a_far_date_so_services_and_imports_do_too(self) -> None:
        risk = Risk.objects.get(pk=self.kz_risk.pk)
        risk.raised_on = D(9999, 1, 1)
        with self.assertRaises(ValidationError) as caught:
            risk.full_clean()
        self.assertIn("raised_on", caught.exception.message_dict)

    def test_a_planned_month_in_9999_is_refused_at_the_field(self) -> None:
        w = delivery_world(self)
        self.login("manager")
        for text in ("9999-12", "winter 9999", "1900-01-01", "0000-01"):
            with self.subTest(text=text):
                response = self.client.post(
                    reverse("delivery:step_edit", args=[self.bomca.slug, w.kz_lot.pk, "tender"]),
                    {"planned": text},
                )
                self.assertEqual(response.status_code, 400)
                self.assertTrue(response.context["form"].errors["planned"])
        self.assertFalse(ProcurementStep.objects.filter(planned_date__gt=LATEST).exists())


class FarDatesInTheDatabaseTest(SteercoTestCase):
    """Values stored before the rule (or written around it) must not break any page."""

    def fill_every_date_with(self, day: datetime.date) -> list[str]:
        skipped = []
        for model, field in steerco_date_fields():
            try:
                with transaction.atomic():
                    model._default_manager.update(**{field.attname: day})
            except IntegrityError:
                skipped.append(f"{model.__name__}.{field.name}")
        ProcurementStep.objects.update(planned_precision=Precision.SEASON)
        return skipped

    def test_every_page_answers_with_every_date_in_the_year_9999(self) -> None:
        self.assert_pages_survive(D(9999, 12, 31))

    def test_every_page_answers_with_every_date_in_the_year_1(self) -> None:
        self.assert_pages_survive(D(1, 1, 1))

    def assert_pages_survive(self, day: datetime.date) -> None:
        # Build every URL first: that builds the worlds the matrix names.
        urls = [
            (name, case.url(self)) for name, cases in MATRIX.items() for case in cases if case.method == "get"
        ]
        skipped = self.fill_every_date_with(day)
        self.assertLess(len(skipped), 3, skipped)
        self.login("admin")
        for name, url in urls:
            with self.subTest(url=name, path=url):
                response = self.client.get(url)
                self.assertLess(response.status_code, 500)
