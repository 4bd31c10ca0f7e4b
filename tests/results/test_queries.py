"""Every page of the results framework runs as many queries with more indicators, periods,
countries, updates and targets as with fewer."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from django.urls import reverse

from steerco.results import services
from steerco.results.models import Evidence, Level, Target, UpdateState
from tests import factories as f
from tests.base import SteercoTestCase

from .world import FAKE_KIND, category, indicator, result, results_world, update

SPARE_COUNTRIES = [
    "TJ",
    "TM",
    "UZ",
    "AF",
    "CN",
    "MN",
    "AZ",
    "AM",
    "GE",
    "MD",
    "UA",
    "BY",
    "TR",
    "IR",
    "PK",
    "IN",
    "RU",
    "FR",
    "DE",
    "IT",
    "ES",
    "PL",
    "LT",
    "LV",
    "EE",
    "FI",
    "SE",
    "NO",
]
_round = itertools.count(1)


class QueryCountTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)

    def grow(self) -> int:
        """More of everything: a country, a period, results with indicators of every measure, updates
        in every state with breakdowns and evidence, targets, risks behind the computed indicator."""
        n = next(_round)
        country = SPARE_COUNTRIES[n % len(SPARE_COUNTRIES)]
        f.country(self.bomca, country)
        start = datetime.date(2022 + n, 4, 1)
        period = f.period(self.bomca, start, datetime.date(2023 + n, 3, 31), label=f"Grown {n}")
        agency = category(self.bomca, name=f"Agency {n}", options=["Border", "Customs", "Other"])
        parent = result(self.bomca, f"G{n}", Level.OUTCOME, self.w.impact)
        grown = [
            indicator(
                parent, f"G{n}.1", disaggregations=[self.w.sex, agency], is_key=True, target_value=Decimal(9)
            ),
            indicator(parent, f"G{n}.2", measure="percentage", target_value=Decimal(50)),
            indicator(
                parent, f"G{n}.3", measure="milestone", milestone_statuses=["a", "b", "c"], time_rule="latest"
            ),
            indicator(parent, f"G{n}.4", measure="qualitative", country_rule="none"),
            indicator(parent, f"G{n}.5", computation=FAKE_KIND),
        ]
        sex = str(self.w.sex.pk)
        for p in (self.year1, period):
            for iso in ("KZ", "KG", country):
                f.risk(self.bomca, country=iso, raised_on=p.start)
                number = update(
                    grown[0],
                    p,
                    iso,
                    value=Decimal(10),
                    state=UpdateState.SUBMITTED,
                    disaggregated={sex: {"Women": "4", "Men": "6"}},
                )
                Evidence.objects.create(update=number, file=f"evidence/{n}-{iso}.pdf", name=f"{n}-{iso}.pdf")
                services.approve_update(number, acting_user=self.me_officer, note="ok")
                update(
                    grown[1],
                    p,
                    iso,
                    numerator=Decimal(3),
                    denominator=Decimal(4),
                    state=UpdateState.SUBMITTED,
                )
                update(grown[2], p, iso, status=1, state=UpdateState.DRAFT)
                update(
                    self.w.trained, p, iso, value=Decimal(5)
                ) if p != self.year1 or iso == country else None
                Target.objects.get_or_create(
                    indicator=self.w.trained, period=p, country=iso, defaults={"value": Decimal(8)}
                )
            update(grown[3], p, "", text="More cooperation.")
        return n

    def pages(self) -> list[tuple[str, str]]:
        w, y1 = self.w, self.year1.pk
        return [
            ("manager", reverse("results:logframe", args=["bomca"])),
            ("kz_coordinator", reverse("results:logframe", args=["bomca"])),
            ("manager", reverse("results:dashboard", args=["bomca"])),
            ("kz_coordinator", reverse("results:country_dashboard", args=["bomca", "kz"])),
            ("manager", reverse("results:indicator", args=["bomca", w.trained.pk])),
            ("manager", reverse("results:indicator", args=["bomca", w.events.pk])),
            ("manager", reverse("results:records", args=["bomca", w.events.pk])),
            ("manager", reverse("results:categories", args=["bomca"])),
            ("me_officer", reverse("results:targets", args=["bomca", w.trained.pk])),
            ("me_officer", reverse("results:result_add", args=["bomca"])),
            ("me_officer", reverse("results:result_edit", args=["bomca", w.output.pk])),
            ("me_officer", reverse("results:indicator_add", args=["bomca", w.output.pk])),
            ("me_officer", reverse("results:indicator_edit", args=["bomca", w.trained.pk])),
            ("me_officer", reverse("results:category_add", args=["bomca"])),
            ("me_officer", reverse("results:category_edit", args=["bomca", w.sex.pk])),
            ("kz_coordinator", reverse("results:country_entry", args=["bomca", "kz", y1])),
            ("me_officer", reverse("results:programme_entry", args=["bomca", y1])),
            ("me_officer", reverse("results:approvals", args=["bomca"])),
            ("me_officer", reverse("results:approvals", args=["bomca"]) + "?country=KZ"),
            ("manager", reverse("results:approvals", args=["bomca"]) + "?country=KG"),
        ]

    def export_pages(self) -> list[tuple[str, str]]:
        """The exports of the pages above and the IPTT (a test of their own: each growth adds a country)."""
        return [
            (
                "manager",
                reverse("reports:iptt", args=["bomca"]) + "?kind=quarter&rows=country&disaggregations=1",
            ),
            ("kz_coordinator", reverse("reports:iptt", args=["bomca"])),
            (
                "manager",
                reverse("reports:iptt_file", args=["bomca", "xlsx"]) + "?rows=country&full=1&ratios=1",
            ),
            ("kz_coordinator", reverse("reports:iptt_file", args=["bomca", "xlsx"]) + "?disaggregations=1"),
            ("manager", reverse("reports:iptt_file", args=["bomca", "docx"])),
            ("manager", reverse("reports:logframe", args=["bomca"]) + "?milestones=1"),
            ("kz_coordinator", reverse("reports:logframe_file", args=["bomca", "docx"])),
            ("manager", reverse("reports:logframe_file", args=["bomca", "xlsx"]) + "?milestones=1"),
            *(
                (persona, url + "?export=" + fmt)
                for persona, url in (
                    ("manager", reverse("results:logframe", args=["bomca"])),
                    ("kz_coordinator", reverse("results:logframe", args=["bomca"])),
                    ("manager", reverse("results:dashboard", args=["bomca"])),
                    ("kz_coordinator", reverse("results:country_dashboard", args=["bomca", "kz"])),
                    ("me_officer", reverse("results:approvals", args=["bomca"])),
                )
                for fmt in ("xlsx", "csv")
            ),
        ]

    def test_every_export_runs_a_fixed_number_of_queries(self) -> None:
        for persona, url in self.export_pages():
            with self.subTest(url=url, persona=persona):
                n = self.assert_constant_queries(url, self.grow, persona=persona)
                print(f"{n:3d} queries  {persona} {url}")

    def test_every_page_runs_a_fixed_number_of_queries(self) -> None:
        counts: dict[str, int] = {}
        for persona, url in self.pages():
            with self.subTest(url=url, persona=persona):
                counts[f"{persona} {url}"] = self.assert_constant_queries(url, self.grow, persona=persona)
        for page, n in counts.items():
            print(f"{n:3d} queries  {page}")

    def test_the_pages_show_the_grown_data(self) -> None:
        # The counts above are only worth something if the grown data reaches the pages.
        n = self.grow()
        self.login("manager")
        response: Any = self.client.get(reverse("results:logframe", args=["bomca"]))
        self.assertContains(response, f"G{n}.1")
        self.login("me_officer")
        self.assertContains(self.client.get(reverse("results:approvals", args=["bomca"])), f"G{n}.2")
