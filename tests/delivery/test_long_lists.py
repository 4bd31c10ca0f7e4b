"""The events list and the work plan as long lists: sorted, searched, paginated with their filters, totals
of everything the choice selects (not the page shown), exports of all of it, within the reader's scope."""

from __future__ import annotations

import csv
import dataclasses
import io
from typing import Any
from unittest import mock

from django.db.models import Count, Q, Sum
from django.urls import reverse

from steerco.delivery import views
from steerco.delivery.models import Event, EventStatus, WorkPlanItem

from ..base import SteercoTestCase
from .world import D, delivery_world, event


def csv_rows(response: Any) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


class LongListCase(SteercoTestCase):
    def setUp(self) -> None:
        self.w = delivery_world(self)
        # Seven more KZ courses and three KG ones, unevenly attended, on three-row pages.
        for n in range(7):
            event(
                self,
                "KZ",
                title=f"Border course {n}",
                start_date=D(2023, 1, n + 1),
                participants_total=10 + n,
                participants_female=n,
                participants_male=10,
                status=EventStatus.HELD if n % 2 else EventStatus.PLANNED,
            )
        for n in range(3):
            event(self, "KG", title=f"Border course KG {n}", participants_total=50, participants_female=30)
        small = {
            "EVENTS": dataclasses.replace(views.EVENTS, page_size=3),
            "WORK_PLAN": dataclasses.replace(views.WORK_PLAN, page_size=2),
        }
        for name, shape in small.items():
            patcher = mock.patch.object(views, name, shape)
            patcher.start()
            self.addCleanup(patcher.stop)

    def get(self, persona: str, name: str, query: dict[str, str] | None = None) -> Any:
        self.login(persona)
        response = self.client.get(reverse(f"delivery:{name}", args=["bomca"]), query or {})
        self.assertEqual(response.status_code, 200)
        return response


class EventListTest(LongListCase):
    def expected(self, events: Any) -> dict[str, int]:
        totals = events.aggregate(
            n=Count("id"),
            participants=Sum("participants_total"),
            women=Sum("participants_female"),
            men=Sum("participants_male"),
        )
        return {k: v or 0 for k, v in totals.items()}

    def test_totals_count_every_page_of_the_filtered_and_searched_events(self) -> None:
        response = self.get("manager", "events", {"country": "kz", "q": "border"})
        chosen = Event.objects.filter(programme=self.bomca, country="KZ", title__icontains="border")
        self.assertEqual(response.context["totals"], self.expected(chosen))
        self.assertEqual(response.context["totals"]["n"], 7)
        self.assertEqual(len(response.context["listing"].page.object_list), 3)  # one page of three
        self.assertContains(response, "7 events match.")
        response = self.get("manager", "events", {"country": "kz", "q": "border", "status": "held"})
        self.assertEqual(response.context["totals"], self.expected(chosen.filter(status=EventStatus.HELD)))

    def test_a_country_coordinator_never_sees_another_countrys_rows_or_totals(self) -> None:
        response = self.get("kz_coordinator", "events", {"q": "border", "sort": "-participants"})
        titles = [e.title for e in response.context["listing"].rows]
        self.assertEqual(len(titles), 7)
        self.assertTrue(all("KG" not in t for t in titles), titles)
        mine = Event.objects.filter(programme=self.bomca, country__in=["KZ", ""], title__icontains="border")
        self.assertEqual(response.context["totals"], self.expected(mine))
        # Asking for Kyrgyzstan gives nothing rather than Kyrgyz figures.
        response = self.get("kz_coordinator", "events", {"country": "kg"})
        self.assertEqual(response.context["totals"], {"n": 0, "participants": 0, "women": 0, "men": 0})
        self.assertNotContains(response, "Border course KG")

    def test_sorting_by_a_column_and_the_default_newest_first(self) -> None:
        response = self.get("manager", "events", {"q": "border", "country": "kz", "sort": "-participants"})
        self.assertEqual(
            [e.participants_total for e in response.context["listing"].page.object_list], [16, 15, 14]
        )
        response = self.get("manager", "events", {"q": "border", "country": "kz"})
        self.assertEqual(
            [e.start_date for e in response.context["listing"].page.object_list],
            [D(2023, 1, 7), D(2023, 1, 6), D(2023, 1, 5)],
        )

    def test_page_links_keep_the_filters_search_and_sort_and_headers_say_the_order(self) -> None:
        response = self.get(
            "manager", "events", {"country": "kz", "q": "border", "sort": "event", "page": "2"}
        )
        content = response.content.decode()
        self.assertIn('href="?country=kz&amp;q=border&amp;sort=event&amp;page=3" rel="next"', content)
        self.assertIn('href="?country=kz&amp;q=border&amp;sort=event" rel="prev"', content)
        self.assertIn('<nav class="pager" aria-label="Pages of the list">', content)
        self.assertIn(
            'aria-sort="ascending"><a class="sort" href="?country=kz&amp;q=border&amp;sort=-event"', content
        )
        self.assertIn(
            'aria-sort="none"><a class="sort" href="?country=kz&amp;q=border&amp;sort=dates"', content
        )
        self.assertIn('<p role="status" class="results-count">7 events match.</p>', content)
        self.assertIn('<input type="hidden" name="sort" value="event">', content)  # the search keeps the sort
        self.assertIn('name="q" value="border"', content)
        # The export links carry the choice too, without the page.
        self.assertIn('href="?country=kz&amp;q=border&amp;sort=event&amp;export=xlsx"', content)

    def test_a_page_that_is_no_page_answers_the_first_or_the_last(self) -> None:
        for number, shown in (("x", 1), ("0", 3), ("9999", 3), ("", 1)):
            with self.subTest(page=number):
                response = self.get("manager", "events", {"country": "kz", "q": "border", "page": number})
                self.assertEqual(response.context["listing"].page.number, shown)

    def test_the_export_holds_every_page_of_the_choice_in_its_order(self) -> None:
        self.login("manager")
        url = reverse("delivery:events", args=["bomca"])
        query = {"country": "kz", "q": "border", "sort": "-participants", "page": "2", "export": "csv"}
        rows = csv_rows(self.client.get(url, query))
        self.assertEqual([r[2] for r in rows[1:]], [f"Border course {n}" for n in range(6, -1, -1)])
        self.login("kz_coordinator")
        rows = csv_rows(self.client.get(url, {"q": "border", "export": "csv"}))
        self.assertEqual(len(rows) - 1, 7)
        self.assertFalse([r for r in rows if "KG" in r[2]])

    def test_queries_do_not_grow_with_the_events_searched_sorted_or_paged(self) -> None:
        def grow() -> None:
            for n in range(12):
                e = event(self, "KZ", title=f"Border drill {n}", place="Aktau")
                e.beneficiaries.add(*self.kz.institutions.all())

        url = reverse("delivery:events", args=["bomca"]) + "?q=border&sort=-participants&page=2&country=kz"
        for persona in ("manager", "kz_coordinator"):
            with self.subTest(persona=persona):
                self.assert_constant_queries(url, grow, persona)


class WorkPlanListTest(LongListCase):
    def setUp(self) -> None:
        super().setUp()
        for n in range(5):
            item = WorkPlanItem.objects.create(
                programme=self.bomca,
                year=2023,
                quarter=n % 4 + 1,
                country="KZ",
                component=self.c1,
                title=f"Checkpoint training {n}",
            )
            if n < 2:  # fulfilled by a held event
                event(self, "KZ", title=f"Checkpoint event {n}", work_plan_item=item)
        WorkPlanItem.objects.create(
            programme=self.bomca, year=2023, quarter=1, country="KG", component=self.c1, title="Checkpoint KG"
        )

    def test_counts_by_status_cover_every_page_of_the_choice(self) -> None:
        response = self.get("manager", "workplan", {"q": "checkpoint", "country": "KZ"})
        completion = response.context["completion"].overall
        self.assertEqual((completion.total, completion.done, completion.open), (5, 2, 3))
        self.assertEqual(len(response.context["listing"].page.object_list), 2)
        self.assertContains(response, "5 work-plan lines match.")
        response = self.get("manager", "workplan", {"q": "checkpoint"})
        self.assertEqual(response.context["completion"].overall.total, 6)
        held = Q(events__status=EventStatus.HELD)
        expected = WorkPlanItem.objects.filter(programme=self.bomca, title__icontains="checkpoint").aggregate(
            done=Count("id", filter=held, distinct=True), total=Count("id", distinct=True)
        )
        overall = response.context["completion"].overall
        self.assertEqual((overall.done, overall.total), (expected["done"], expected["total"]))

    def test_a_country_coordinator_counts_only_their_country(self) -> None:
        response = self.get("kg_coordinator", "workplan", {"q": "checkpoint"})
        overall = response.context["completion"].overall
        self.assertEqual((overall.total, overall.done), (1, 0))
        self.assertNotContains(response, "Checkpoint training")

    def test_sorting_by_status_and_the_export_of_every_line(self) -> None:
        response = self.get("manager", "workplan", {"q": "checkpoint", "country": "KZ", "sort": "-done"})
        self.assertEqual([i.done for i in response.context["listing"].page.object_list], [True, True])
        self.login("manager")
        url = reverse("delivery:workplan", args=["bomca"])
        rows = csv_rows(
            self.client.get(
                url,
                {"q": "checkpoint", "country": "KZ", "sort": "activity", "export": "csv", "table": "lines"},
            )
        )
        self.assertEqual([r[4] for r in rows[1:]], [f"Checkpoint training {n}" for n in range(5)])
        self.assertEqual([r[6] for r in rows[1:]].count("done"), 2)

    def test_queries_do_not_grow_with_the_lines(self) -> None:
        def grow() -> None:
            for n in range(8):
                item = WorkPlanItem.objects.create(
                    programme=self.bomca,
                    year=2024,
                    quarter=1,
                    country="KZ",
                    component=self.c1,
                    title=f"Checkpoint more {n}",
                )
                event(self, "KZ", title=f"More {n}", work_plan_item=item)

        url = reverse("delivery:workplan", args=["bomca"]) + "?q=checkpoint&sort=-done&page=2"
        for persona in ("manager", "kz_coordinator"):
            with self.subTest(persona=persona):
                self.assert_constant_queries(url, grow, persona)
