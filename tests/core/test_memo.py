"""The page memo: a kept fragment is served until a service writes to its programme, and never across
scopes of access."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from steerco.core import memo
from steerco.programmes import services as programme_services
from steerco.results import services
from steerco.results.models import Level, Result
from tests.base import SteercoTestCase
from tests.results.world import results_world, update

CSRF = re.compile(r'(X-CSRFToken": "|name="csrfmiddlewaretoken" value=")[^"]+')


@pytest.fixture(autouse=True)
def fresh_memo() -> Iterator[None]:
    memo.clear()
    yield
    memo.clear()


@override_settings(STEERCO_PAGE_MEMO=True)
class PageMemoTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.w = results_world(cls)
        # Approved values in both countries, so each country's coordinator sees different figures.
        update(cls.w.trained, cls.year1, "KG", value=Decimal(7))

    def get(self, url: str) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        # The CSRF token of the base layout is masked afresh on every response.
        return len(ctx.captured_queries), CSRF.sub("token", response.content.decode())

    def test_a_kept_page_runs_fewer_queries_and_shows_the_same(self) -> None:
        self.login("manager")
        for name, args in [
            ("results:dashboard", ["bomca"]),
            ("results:country_dashboard", ["bomca", "kz"]),
            ("results:logframe", ["bomca"]),
            ("results:indicator", ["bomca", self.w.trained.pk]),
            ("audit:history", ["bomca"]),
        ]:
            url = reverse(name, args=args)
            first, page = self.get(url)
            again, kept = self.get(url)
            self.assertLess(again, first, url)
            self.assertEqual(kept, page, url)

    def test_a_kept_page_runs_as_many_queries_after_the_programme_grew(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        self.login("manager")
        self.get(url)
        small, _ = self.get(url)
        for n in range(5):
            services.save_result(
                Result(programme=self.bomca, level=Level.OUTPUT, code=f"9.{n}", statement="More"),
                acting_user=self.manager,
            )
        renewed, _ = self.get(url)
        large, _ = self.get(url)
        self.assertGreater(renewed, large)
        self.assertEqual(small, large)

    def test_approving_an_update_shows_at_once(self) -> None:
        url = reverse("results:indicator", args=["bomca", self.w.trained.pk])
        self.login("me_officer")
        _, before = self.get(url)
        self.assertNotIn("20", before.split("Current value", 1)[1][:200])
        services.approve_update(self.w.kz_update, acting_user=self.me_officer)
        _, after = self.get(url)
        self.assertIn("27", after.split("Current value", 1)[1][:200])  # KZ 20 approved + KG 7

    def test_any_audited_write_to_the_programme_renews_the_page(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        self.login("manager")
        self.get(url)
        kept, _ = self.get(url)
        period = self.year1
        period.label = "First year"
        programme_services.save_period(period, acting_user=self.manager)
        renewed, page = self.get(url)
        self.assertGreater(renewed, kept)
        self.assertIn("First year", page)

    def test_a_write_elsewhere_keeps_the_page(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        self.login("manager")
        self.get(url)
        kept, _ = self.get(url)
        risk = self.ua_risk
        risk.title = "Renamed"
        programme_services.save_risk(risk, acting_user=self.ua_manager)
        again, _ = self.get(url)
        self.assertEqual(again, kept)

    def test_scopes_never_share_a_page(self) -> None:
        url = reverse("results:indicator", args=["bomca", self.w.trained.pk])
        self.login("kg_coordinator")
        _, kg = self.get(url)
        self.login("kz_coordinator")
        _, kz = self.get(url)
        self.assertNotEqual(kg, kz)
        self.assertNotIn("Kyrgyzstan", kz)
        self.assertIn("Kyrgyzstan", kg)

    def test_a_country_outside_the_scope_stays_a_404_once_someone_else_saw_it(self) -> None:
        kg = reverse("results:country_dashboard", args=["bomca", "kg"])
        self.login("manager")
        self.get(kg)
        self.get(kg)
        self.login("kz_coordinator")
        self.assertEqual(self.client.get(kg).status_code, 404)
        self.assertEqual(self.client.get(kg).status_code, 404)
        other = reverse("results:country_dashboard", args=["bomca", "tj"])
        self.login("manager")
        self.assertEqual(self.client.get(other).status_code, 404)
        self.assertEqual(self.client.get(other).status_code, 404)

    def test_off_computes_every_time(self) -> None:
        url = reverse("results:dashboard", args=["bomca"])
        self.login("manager")
        with override_settings(STEERCO_PAGE_MEMO=False):
            first, _ = self.get(url)
            again, _ = self.get(url)
        self.assertEqual(first, again)
