"""Computed indicators: the registry other apps plug into, batched computation through the same
aggregation rules, and the drill-down to the records behind each number."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from steerco.audit.models import AuditEntry
from steerco.results import computed
from steerco.results.models import Indicator
from steerco.results.rules import Observation
from tests.base import SteercoTestCase

from .world import FAKE_KIND, indicator, register_fake_source, results_world


def test_the_registry_answers_by_kind_and_refuses_unknown_kinds() -> None:
    register_fake_source()
    assert computed.source(FAKE_KIND).records_template == "results/_records_generic.html"
    assert (FAKE_KIND, "Risks raised (test)") in computed.choices()
    with pytest.raises(KeyError):
        computed.source("no.such.kind")


class SpySource:
    """Counts calls and answers a fixed value per period and country it is asked about."""

    def __init__(self) -> None:
        self.calls: list[int] = []

    def compute(
        self, batch: Sequence[tuple[Indicator, dict]], periods: Sequence[Any], countries: Sequence[str]
    ) -> dict[tuple[int, int, str], Observation]:
        self.calls.append(len(batch))
        return {
            (ind.pk, p.pk, c): Observation(value=Decimal(params.get("each", 1)))
            for ind, params in batch
            for p in periods
            for c in countries
        }


class ComputedIndicatorTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    def setUp(self) -> None:
        self.spy = SpySource()
        computed.register(
            "test.spy",
            label="Spy",
            compute=self.spy.compute,
            records=lambda indicator, params, *, user, period=None, country=None: AuditEntry.objects.none(),
            records_template="results/_records_generic.html",
        )
        self.addCleanup(computed.unregister, "test.spy")

    def test_one_call_per_kind_answers_every_indicator_of_the_page(self) -> None:
        for n in range(4):
            indicator(self.w.output, f"9.{n}", computation="test.spy", computation_params={"each": n + 1})
        self.login("manager")
        response = self.client.get(reverse("results:logframe", args=["bomca"]))
        self.assertEqual(self.spy.calls, [4])
        # Per period, summed over KZ and KG: indicator 9.2 gives 3 per country, 6 to date.
        self.assertContains(response, ">6</a><br><small>Year 1</small></td>", html=False)

    def test_computed_values_follow_the_indicators_rules_and_the_readers_scope(self) -> None:
        average = indicator(
            self.w.output,
            "9.9",
            computation="test.spy",
            computation_params={"each": 5},
            country_rule="average",
        )
        self.login("kz_coordinator")
        page = self.client.get(reverse("results:indicator", args=["bomca", average.pk]))
        self.assertContains(page, "<strong>5</strong>")
        self.assertNotContains(page, "Kyrgyzstan")  # computed values outside the scope are dropped

    def test_each_number_links_to_the_records_behind_it(self) -> None:
        self.login("manager")
        page = self.client.get(reverse("results:indicator", args=["bomca", self.w.events.pk]))
        records = reverse("results:records", args=["bomca", self.w.events.pk])
        self.assertContains(page, f'href="{records}?period={self.year1.pk}&amp;country=kz"')

    def test_the_drill_down_lists_the_records_in_scope_only(self) -> None:
        self.login("manager")
        url = reverse("results:records", args=["bomca", self.w.events.pk])
        everything = self.client.get(url)
        self.assertContains(everything, "KZ risk of year 1")
        self.assertContains(everything, "KG risk of year 1")
        kz = self.client.get(url + f"?country=kz&period={self.year1.pk}")
        self.assertContains(kz, "KZ risk of year 1")
        self.assertNotContains(kz, "KG risk")
        self.assertNotContains(kz, "<li>KZ risk</li>", html=True)  # raised today, outside Year 1
        self.login("kz_coordinator")
        self.assertEqual(self.client.get(url + "?country=kg").status_code, 404)
        self.assertEqual(self.client.get(url + "?period=abc").status_code, 404)

    def test_an_unknown_kind_shows_no_data_and_says_why(self) -> None:
        orphan = indicator(self.w.output, "9.8", computation="gone.away")
        self.login("manager")
        page = self.client.get(reverse("results:indicator", args=["bomca", orphan.pk]))
        self.assertContains(page, "which is not available here")
        self.assertEqual(
            self.client.get(reverse("results:records", args=["bomca", orphan.pk])).status_code, 404
        )

    def test_the_indicator_form_offers_the_registered_kinds(self) -> None:
        self.login("me_officer")
        page = self.client.get(reverse("results:indicator_edit", args=["bomca", self.w.trained.pk]))
        self.assertContains(page, '<option value="test.spy">Spy</option>', html=True)
