"""Targets that make no sense are refused at their cell; period targets that do not fit the
life-of-programme target are saved and the targets and indicator pages say so, in the reader's language."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.results.models import Target
from steerco.results.targets import sum_warning
from tests import factories as f
from tests.base import SteercoTestCase

from .world import indicator, results_world

D = datetime.date


class TargetsTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)  # "Officials trained": per-period count, life-of-programme target 100
        cls.share = indicator(cls.w.output, "1.1.1s", name="Share", measure="percentage")

    def targets_url(self, ind: Any = None) -> str:
        return reverse("results:targets", args=["bomca", (ind or self.w.trained).pk])

    def post(self, data: dict[str, str], ind: Any = None) -> Any:
        self.login("me_officer")
        return self.client.post(self.targets_url(ind), data)

    def cell(self, iso: str) -> str:
        return f"t_{self.year1.pk}_{iso}"

    def test_a_negative_target_of_a_count_is_refused_at_its_cell_with_nothing_saved(self) -> None:
        audit = AuditEntry.objects.count()
        response = self.post({self.cell("KZ"): "-5", self.cell("KG"): "20"})
        self.assertContains(response, f'aria-describedby="id_{self.cell("KZ")}_error"', status_code=400)
        self.assertContains(response, "A target cannot be below zero", status_code=400)
        self.assertEqual({t.country: t.value for t in self.w.trained.targets.all()}, {"KZ": 30})
        self.assertEqual(AuditEntry.objects.count(), audit)
        self.assertEqual(self.post({self.cell("KZ"): "0"}).status_code, 302)  # zero is a target

    def test_a_share_above_100_is_refused_and_the_model_refuses_what_the_form_would(self) -> None:
        response = self.post({self.cell("all"): "120"}, self.share)
        self.assertContains(response, "A percentage lies between 0 and 100.", status_code=400)
        self.assertFalse(self.share.targets.exists())
        for ind, value in ((self.w.trained, "-1"), (self.share, "100.5"), (self.w.regional, "3")):
            with self.subTest(indicator=ind.code), self.assertRaises(ValidationError) as caught:
                Target(indicator=ind, period=self.year1, country="", value=Decimal(value)).full_clean()
            self.assertIn("value", caught.exception.error_dict)
        Target(indicator=self.w.regional, period=self.year1, country="", value=Decimal(2)).full_clean()

    def test_a_negative_life_of_programme_target_or_baseline_of_a_count_is_refused(self) -> None:
        self.w.trained.target_value = Decimal(-5)
        self.w.trained.baseline_value = Decimal(-1)
        with self.assertRaises(ValidationError) as caught:
            self.w.trained.full_clean()
        self.assertEqual(set(caught.exception.error_dict), {"target_value", "baseline_value"})

    def test_targets_adding_up_past_the_whole_are_saved_and_warned_on_both_pages(self) -> None:
        response = self.post({self.cell("KZ"): "60", self.cell("KG"): "35"})
        self.assertRedirects(response, self.targets_url())  # saved, and back to the page that says why
        self.assertEqual({t.country: t.value for t in self.w.trained.targets.all()}, {"KZ": 60, "KG": 35})
        warning = "The period targets add up to 95, more than the life-of-programme target of 100."
        self.assertNotContains(self.client.get(self.targets_url()), warning)  # 95 is not more than 100
        self.post({self.cell("KZ"): "70", self.cell("KG"): "35"})
        warning = "The period targets add up to 105, more than the life-of-programme target of 100."
        self.assertContains(self.client.get(self.targets_url()), warning)
        indicator_url = reverse("results:indicator", args=["bomca", self.w.trained.pk])
        self.assertContains(self.client.get(indicator_url), warning)
        self.client.cookies["steerco_language"] = "ru"
        self.assertContains(
            self.client.get(indicator_url),
            "Целевые значения периодов в сумме дают 105, больше целевого значения на весь срок "
            "программы (100).",
        )
        # A coordinator sees only their country's targets: adding them up would say nothing true.
        self.login("kz_coordinator")
        self.assertNotContains(self.client.get(indicator_url), "105")

    def test_a_programme_wide_target_fitting_the_whole_leaves_no_warning(self) -> None:
        response = self.post({self.cell("KZ"): "70", self.cell("KG"): "35", self.cell("all"): "100"})
        self.assertRedirects(response, reverse("results:indicator", args=["bomca", self.w.trained.pk]))
        page = self.client.get(self.targets_url())
        self.assertNotContains(page, "life-of-programme target of 100.")

    def test_less_than_the_whole_is_warned_only_once_targets_reach_the_last_period(self) -> None:
        year2 = f.period(self.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")
        periods = [self.year1, year2]
        ind = self.w.trained
        self.assertIsNone(sum_warning(ind, {(self.year1.pk, "KZ"): Decimal(30)}, periods))
        less = sum_warning(ind, {(self.year1.pk, "KZ"): Decimal(30), (year2.pk, "KG"): Decimal(60)}, periods)
        self.assertEqual(
            less,
            "The period targets run to the last period and add up to 90, less than the "
            "life-of-programme target of 100.",
        )
        exact = {(self.year1.pk, "KZ"): Decimal(40), (year2.pk, "KG"): Decimal(60)}
        self.assertIsNone(sum_warning(ind, exact, periods))
        # Programme-wide targets win over the countries', as in the aggregation.
        both = {**exact, (self.year1.pk, ""): Decimal(50), (year2.pk, ""): Decimal(80)}
        self.assertIn("130", sum_warning(ind, both, periods) or "")
        # Levels, shares and statuses are not sums of periods: no warning.
        self.share.target_value = Decimal(50)
        self.assertIsNone(sum_warning(self.share, {(year2.pk, ""): Decimal(99)}, periods))
