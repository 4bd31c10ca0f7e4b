"""The history as a long list: searched, sorted, paginated with its filters, the number of entries that
match counted over every page, the export holding all of them, within the reader's scope."""

from __future__ import annotations

import csv
import dataclasses
import io
from typing import Any
from unittest import mock

from django.urls import reverse

from steerco.audit import views
from steerco.audit.models import AuditEntry
from steerco.audit.selectors import readable_entries
from steerco.programmes import services

from ..base import SteercoTestCase


class HistoryListTest(SteercoTestCase):
    def setUp(self) -> None:
        for n in range(4):
            for risk, actor in ((self.kz_risk, self.manager), (self.kg_risk, self.admin)):
                risk.title = f"{risk.country} flood risk {n}"
                services.save_risk(risk, acting_user=actor)
        patcher = mock.patch.object(views, "HISTORY", dataclasses.replace(views.HISTORY, page_size=3))
        patcher.start()
        self.addCleanup(patcher.stop)

    def get(self, persona: str, query: dict[str, str] | None = None) -> Any:
        self.login(persona)
        response = self.client.get(reverse("audit:history", args=["bomca"]), query or {})
        self.assertEqual(response.status_code, 200)
        return response

    def test_the_count_covers_every_page_of_the_search(self) -> None:
        response = self.get("manager", {"q": "FLOOD"})
        self.assertEqual(response.context["listing"].count, 8)
        self.assertEqual(len(response.context["page"].object_list), 3)
        self.assertContains(
            response, '<p role="status" class="results-count">8 entries match.</p>', html=False
        )
        response = self.get("manager", {"q": "flood kz"})  # every word, in the text or the country
        self.assertEqual(response.context["listing"].count, 4)

    def test_a_country_coordinator_counts_only_what_they_may_read(self) -> None:
        response = self.get("kz_coordinator", {"q": "flood"})
        self.assertEqual(response.context["listing"].count, 4)
        self.assertTrue(all(e.country == "KZ" for e in response.context["listing"].rows))
        expected = readable_entries(self.kz_coordinator, self.bomca).filter(object_repr__icontains="flood")
        self.assertEqual(response.context["listing"].count, expected.count())

    def test_sorting_and_the_filters_kept_in_every_link(self) -> None:
        query = {"q": "flood", "user": str(self.manager.pk), "sort": "what", "page": "1"}
        response = self.get("manager", query)
        reprs = [e.object_repr for e in response.context["page"].object_list]
        self.assertEqual(reprs, ["KZ flood risk 0", "KZ flood risk 1", "KZ flood risk 2"])
        content = response.content.decode()
        self.assertIn(
            f'href="?q=flood&amp;user={self.manager.pk}&amp;sort=what&amp;page=2" rel="next"', content
        )
        self.assertIn(f'href="?q=flood&amp;user={self.manager.pk}&amp;sort=-what"', content)
        newest = self.get("manager", {"q": "flood"}).context["page"].object_list[0]
        self.assertEqual(newest, AuditEntry.objects.filter(object_repr__contains="flood").latest("at", "pk"))

    def test_the_export_holds_every_entry_of_the_search(self) -> None:
        self.login("manager")
        url = reverse("audit:history", args=["bomca"])
        rows = list(
            csv.reader(
                io.StringIO(
                    self.client.get(
                        url, {"q": "flood", "sort": "what", "page": "2", "export": "csv"}
                    ).content.decode("utf-8-sig")
                )
            )
        )
        self.assertEqual(
            [r[4] for r in rows[1:]], sorted(f"{c} flood risk {n}" for c in ("KG", "KZ") for n in range(4))
        )

    def test_queries_do_not_grow_with_the_entries_searched(self) -> None:
        def grow() -> None:
            for n in range(10):
                self.kz_risk.title = f"KZ flood risk more {n}"
                services.save_risk(self.kz_risk, acting_user=self.manager)

        url = reverse("audit:history", args=["bomca"]) + "?q=flood&sort=-who&page=2"
        for persona in ("manager", "kz_coordinator"):
            with self.subTest(persona=persona), self.settings(STEERCO_PAGE_MEMO=False):
                self.assert_constant_queries(url, grow, persona)
