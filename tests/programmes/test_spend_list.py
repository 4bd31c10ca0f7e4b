"""The spend list: filtered, searched, sorted and paginated, its total the budget's own figure for what
is chosen (every page of it), its export every row of the choice, within the reader's scope."""

from __future__ import annotations

import csv
import dataclasses
import datetime
import io
from decimal import Decimal
from typing import Any
from unittest import mock

from django.db.models import Sum
from django.urls import reverse

from steerco.core.roles import Role
from steerco.programmes import views
from steerco.programmes.budget import budget_as_of
from steerco.programmes.models import BudgetLine, Expenditure

from .. import factories as f
from ..base import SteercoTestCase

D = datetime.date


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


class SpendListTest(SteercoTestCase):
    def setUp(self) -> None:
        self.courses = BudgetLine.objects.create(programme=self.bomca, label="Courses", amount=Decimal(5000))
        self.radios = BudgetLine.objects.create(programme=self.bomca, label="Radios", amount=Decimal(9000))
        self.periods = [self.year1] + [
            f.period(self.bomca, D(2022 + n, 4, 1), D(2023 + n, 3, 31), label=f"Year {n + 2}")
            for n in range(3)
        ]
        self.future = f.period(self.bomca, D(2099, 4, 1), D(2100, 3, 31), label="Far year")
        for n, period in enumerate(self.periods):
            for country in ("KZ", "KG", ""):
                Expenditure.objects.create(
                    budget_line=self.courses,
                    period=period,
                    country=country,
                    amount=Decimal(100 + n),
                    note=f"Trainers {country or 'regional'}",
                )
            Expenditure.objects.create(
                budget_line=self.radios,
                period=period,
                country="KZ",
                amount=Decimal("1000.40"),
                note="Handsets",
            )
        # Not begun yet: neither the budget nor the list counts it.
        Expenditure.objects.create(
            budget_line=self.courses, period=self.future, country="KZ", amount=Decimal(7)
        )
        self.ua_line = BudgetLine.objects.create(programme=self.ukraine, label="Courses", amount=Decimal(10))
        patcher = mock.patch.object(views, "SPEND", dataclasses.replace(views.SPEND, page_size=4))
        patcher.start()
        self.addCleanup(patcher.stop)
        self.kz_observer = f.user("kz_observer", (self.bomca, "KZ", Role.OBSERVER))

    def get(self, persona: Any, query: dict[str, str] | None = None) -> Any:
        self.login(persona)
        response = self.client.get(reverse("programmes:spend", args=["bomca"]), query or {})
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_total_is_the_budgets_figure_for_every_page_of_the_choice(self) -> None:
        response = self.get("observer", {"q": "trainers"})
        chosen = Expenditure.objects.filter(budget_line=self.courses, period__start__lte=D.today())
        self.assertEqual(response.context["listing"].count, 12)
        self.assertEqual(len(response.context["listing"].page.object_list), 4)
        self.assertEqual(response.context["total"], chosen.aggregate(s=Sum("amount"))["s"])
        self.assertEqual(response.context["total"], Decimal(1218))
        self.assertContains(response, "12 spend records match, EUR 1,218 in total.")
        # With no choice, the list adds up to what the budget page says was spent to date.
        everything = self.get("manager").context["total"]
        self.assertEqual(everything, budget_as_of(self.bomca, D.today()).spent_to_date)
        self.assertEqual(everything, Decimal(1218) + Decimal("4001.60"))

    def test_filters_and_search_narrow_rows_and_total_alike(self) -> None:
        year2 = self.periods[1]
        response = self.get("manager", {"period": str(year2.pk), "country": "kz"})
        self.assertEqual(
            sorted(e.amount for e in response.context["listing"].rows), [Decimal(101), Decimal("1000.40")]
        )
        self.assertEqual(response.context["total"], Decimal("1101.40"))
        response = self.get("manager", {"country": "-", "q": "regional"})
        self.assertEqual(response.context["total"], Decimal(100 + 101 + 102 + 103))
        response = self.get("manager", {"line": str(self.radios.pk), "sort": "-period"})
        self.assertEqual(
            [e.period.label for e in response.context["listing"].page.object_list],
            ["Year 4", "Year 3", "Year 2", "Year 1"],
        )
        self.assertEqual(response.context["total"], Decimal("4001.60"))
        response = self.get("manager", {"on": "2022-12-31"})  # the periods begun by then: two
        self.assertEqual(response.context["listing"].count, 8)
        self.assertEqual(response.context["total"], budget_as_of(self.bomca, D(2022, 12, 31)).spent_to_date)

    def test_a_country_scoped_reader_sees_only_their_countrys_spend_and_total(self) -> None:
        response = self.get(self.kz_observer)
        countries = {e.country.code for e in response.context["listing"].rows}
        self.assertEqual(countries, {"KZ"})
        self.assertEqual(response.context["total"], Decimal(100 + 101 + 102 + 103) + Decimal("4001.60"))
        response = self.get(self.kz_observer, {"country": "kg"})
        self.assertEqual((response.context["listing"].count, response.context["total"]), (0, 0))
        for persona in ("kz_coordinator", "kz_counterpart", "outsider"):
            with self.subTest(persona=persona):
                self.login(persona)
                response = self.client.get(reverse("programmes:spend", args=["bomca"]))
                self.assertEqual(response.status_code, 404)

    def test_the_export_holds_every_row_of_the_choice_in_its_order(self) -> None:
        self.login("manager")
        url = reverse("programmes:spend", args=["bomca"])
        query = {"q": "trainers", "country": "kz", "sort": "-amount", "page": "2", "export": "csv"}
        rows = csv_rows(self.client.get(url, query))
        self.assertEqual(rows[0][5], "Amount (EUR)")
        self.assertEqual([r[5] for r in rows[1:]], ["103", "102", "101", "100"])
        self.login(self.kz_observer)
        rows = csv_rows(self.client.get(url, {"export": "csv"}))
        self.assertEqual({r[4] for r in rows[1:]}, {"Kazakhstan"})
        self.assertEqual(len(rows) - 1, 8)

    def test_links_keep_the_date_filters_and_search(self) -> None:
        response = self.get("manager", {"on": "2030-01-01", "country": "kz", "q": "trainers", "page": "1"})
        content = response.content.decode()
        self.assertIn(
            'aria-sort="ascending"><a class="sort"'
            ' href="?on=2030-01-01&amp;country=kz&amp;q=trainers&amp;sort=-period"',
            content,
        )
        response = self.get("manager", {"on": "2030-01-01"})
        self.assertIn('href="?on=2030-01-01&amp;page=2" rel="next"', response.content.decode())

    def test_queries_do_not_grow_with_the_spend(self) -> None:
        rounds = iter(range(100))

        def grow() -> None:
            r = next(rounds)
            for n in range(6):
                line = BudgetLine.objects.create(
                    programme=self.bomca, label=f"Trainers line {r}-{n}", amount=10
                )
                for period in self.periods:
                    Expenditure.objects.create(
                        budget_line=line, period=period, country="KZ", amount=1, note="trainers"
                    )

        url = reverse("programmes:spend", args=["bomca"]) + "?q=trainers&sort=-amount&page=2"
        for persona in ("observer", "manager"):
            with self.subTest(persona=persona):
                self.assert_constant_queries(url, grow, persona)
