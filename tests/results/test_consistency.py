"""One figure, one verdict: every indicator's value and standing read the same on the logframe, the
programme and country dashboards, the indicator page and the meeting packs, for every persona.

Pages are compared through what they render (the `data-indicator`, `data-standing`, `data-value` and
`data-expected` attributes of their rows), packs through the cells of their indicators table.
"""

from __future__ import annotations

import dataclasses
import html
import io
import re
from collections import Counter
from typing import Any
from unittest import mock

from django.core.management import call_command
from django.test import TestCase
from django.urls import reverse

from steerco.accounts.models import User
from steerco.programmes.models import Programme, ReportingPeriod
from steerco.reports.pack import indicators_section, load_scope
from steerco.results import selectors
from steerco.results.models import Indicator
from steerco.results.rules import CountryRule, Status
from steerco.steering.models import Meeting

ROW = re.compile(
    r'data-indicator="(?P<code>[^"]*)" data-standing="(?P<standing>[^"]*)" '
    r'data-value="(?P<value>[^"]*)" data-expected="(?P<expected>[^"]*)"'
)
CELL = re.compile(
    r'data-country="(?P<iso>[^"]*)" data-standing="(?P<standing>[^"]*)" data-value="(?P<value>[^"]*)"'
)
COUNT = re.compile(r'data-count="(?P<status>[^"]*)" data-n="(?P<n>\d+)"')
LABELS = {str(s.label): s.value for s in Status}

Reading = tuple[str, str]  # (standing, value as shown)


def rows_of(page: str) -> dict[str, tuple[str, str, str]]:
    found: dict[str, tuple[str, str, str]] = {}
    for m in ROW.finditer(page):
        reading = (m["standing"], html.unescape(m["value"]), html.unescape(m["expected"]))
        assert found.setdefault(m["code"], reading) == reading, f"{m['code']} reads twice differently"
    return found


def counts_of(page: str) -> Counter[str]:
    return Counter({m["status"]: int(m["n"]) for m in COUNT.finditer(page)})


class Walk(TestCase):
    """Reads the pages of a programme as one user and checks that they agree."""

    def page(self, user: User, name: str, *args: Any) -> str:
        self.client.force_login(user)
        response = self.client.get(reverse(name, args=args))
        self.assertEqual(response.status_code, 200, (user.username, name, args))
        return response.content.decode()

    def walk(self, user: User, programme: Programme) -> dict[str, Any]:
        """Every page's reading of every indicator, checked against each other; returns them."""
        slug = programme.slug
        frame = selectors.frame_of(user, programme)
        indicators = {i.code: i for i in selectors.indicators_of(user, programme)}
        logframe = rows_of(self.page(user, "results:logframe", slug))
        self.assertEqual(set(logframe), set(indicators))
        dashboard_page = self.page(user, "results:dashboard", slug)
        for code, reading in rows_of(dashboard_page).items():
            self.assertEqual(reading, logframe[code], (user.username, "dashboard", code))
        self.assertEqual(
            counts_of(dashboard_page), Counter(s for s, _v, _e in logframe.values()), (user.username, slug)
        )
        by_country: dict[str, dict[str, Reading]] = {iso: {} for iso in frame.isos}
        for code, indicator in indicators.items():
            page = self.page(user, "results:indicator", slug, indicator.pk)
            self.assertEqual(rows_of(page), {code: logframe[code]}, (user.username, "indicator", code))
            for m in CELL.finditer(page):
                if m["iso"]:
                    by_country[m["iso"]][code] = (m["standing"], html.unescape(m["value"]))
        for iso in frame.isos:
            page = self.page(user, "results:country_dashboard", slug, iso.lower())
            shown = rows_of(page)
            for code, (standing, value, _expected) in shown.items():
                self.assertEqual((standing, value), by_country[iso][code], (user.username, iso, code))
            reported = [i for i in indicators.values() if i.reported_by_countries]
            self.assertEqual(
                counts_of(page), Counter(by_country[iso][i.code][0] for i in reported), (user.username, iso)
            )
            if not frame.sees_every_country and len(frame.isos) == 1:
                # A coordinator's programme pages add up their own country, judged on its targets:
                # the same verdict as their country dashboard and the country column.
                for i in reported:
                    self.assertEqual(logframe[i.code][:2], by_country[iso][i.code], (user.username, i.code))
                for code, reading in shown.items():
                    self.assertEqual(reading, logframe[code], (user.username, iso, code))
        return {"logframe": logframe, "by_country": by_country, "frame": frame, "indicators": indicators}

    def check_packs(self, programme: Programme, pages: dict[str, Any]) -> int:
        """Each pack reads as the standing function answers for its period and scope, its country
        columns as the national packs of the same period, and as the pages where nothing was
        approved after its period."""
        today = selectors.board_for(pages["reader"], pages["frame"], list(pages["indicators"].values()))
        checked = 0
        periods = list(ReportingPeriod.objects.filter(programme=programme))
        national: dict[tuple[int, str, str], str] = {}
        columns: dict[tuple[int, str, str], str] = {}
        for meeting in Meeting.objects.filter(group__programme=programme):
            scope = load_scope(meeting.pk)
            upto = periods.index(scope.period)
            # A pack reads the programme's end date as amended by its meeting day.
            board = dataclasses.replace(today, end=scope.terms.end)
            table = indicators_section(scope).blocks[1]
            for row in table.rows:  # type: ignore[attr-defined]
                texts = [c.text for c in row]
                indicator = pages["indicators"][texts[0]]
                code = indicator.code
                standing = board.standing(
                    indicator, None if scope.regional else [scope.country], upto, scope.as_of
                )
                status = LABELS[texts[-2]]
                value = texts[-3] if scope.regional else texts[4]
                self.assertEqual(
                    (status, value), self.shown((standing.status, standing.actual_text)), (meeting, code)
                )
                self.assertEqual(texts[-1], standing.why or "—", (meeting, code))
                if not scope.regional:
                    self.assertEqual(texts[3], standing.expected_text or "no data", (meeting, code))
                    national[(upto, scope.country, code)] = value
                elif scope.side_by_side and indicator.reported_by_countries:
                    for n, (iso, _name) in enumerate(scope.countries):
                        columns[(upto, iso, code)] = texts[4 + n]
                later = any(p > upto for p, _c in board.figures[indicator.pk].cells) or board.end != today.end
                if not later:
                    reading = (
                        pages["logframe"][code]
                        if scope.regional
                        else pages["by_country"][scope.country][code]
                    )
                    self.assertEqual((status, value), self.shown(reading), (meeting, code))
                checked += 1
        for key in set(national) & set(columns):
            self.assertEqual(national[key], columns[key], key)
        return checked

    @staticmethod
    def shown(reading: Reading | tuple[str, ...]) -> Reading:
        return reading[0], reading[1] or "no data"


class DemoWorldConsistencyTest(Walk):
    @classmethod
    def setUpTestData(cls) -> None:
        call_command("demo", no_migrate=True, stdout=io.StringIO())

    def test_every_persona_reads_one_figure_and_one_verdict_everywhere(self) -> None:
        personas = [
            "me.officer",
            "manager",
            "eu.observer",
            "kz.coordinator",
            "kg.coordinator",
            "ua.coordinator",
        ]
        personas += ["kz.counterpart"]
        walked = 0
        for slug in ("bomca10", "eu4ibm-resilience"):
            programme = Programme.objects.get(slug=slug)
            logframes: dict[str, dict[str, tuple[str, str, str]]] = {}
            for username in personas:
                user = User.objects.get(username=username)
                if (
                    not selectors.frame_of(user, programme).countries
                    and not user.memberships.filter(programme=programme).exists()
                ):
                    continue
                with self.subTest(slug=slug, user=username):
                    logframes[username] = self.walk(user, programme)["logframe"]
                    walked += 1
            # What is reported once for the whole programme reads the same for every reader.
            for i in Indicator.objects.filter(result__programme=programme, country_rule=CountryRule.NONE):
                for username, logframe in logframes.items():
                    self.assertEqual(logframe[i.code], logframes["me.officer"][i.code], (username, i.code))
        self.assertGreaterEqual(walked, 9)

    def test_the_packs_agree_with_the_pages(self) -> None:
        reader = User.objects.get(username="me.officer")
        checked = 0
        for slug in ("bomca10", "eu4ibm-resilience"):
            programme = Programme.objects.get(slug=slug)
            pages = {**self.walk(reader, programme), "reader": reader}
            checked += self.check_packs(programme, pages)
        self.assertGreater(checked, 0)

    def test_a_coordinators_programme_dashboard_counts_what_the_country_dashboard_counts(self) -> None:
        user = User.objects.get(username="kz.coordinator")
        programme = Programme.objects.get(slug="bomca10")
        programme_counts = counts_of(self.page(user, "results:dashboard", "bomca10"))
        country_counts = counts_of(self.page(user, "results:country_dashboard", "bomca10", "kz"))
        regional = [
            i for i in Indicator.objects.filter(result__programme=programme) if not i.reported_by_countries
        ]
        logframe = rows_of(self.page(user, "results:logframe", "bomca10"))
        # The programme page adds the indicators reported once for the whole programme, nothing else.
        self.assertEqual(programme_counts - Counter(logframe[i.code][0] for i in regional), country_counts)


SMALL = {
    "steerco.results.synthetic.INDICATORS": 18,
    "steerco.delivery.synthetic.EVENTS": 30,
    "steerco.delivery.synthetic.LOTS": 10,
    "steerco.delivery.synthetic.RECOMMENDATIONS": 6,
}


class SyntheticPortfolioConsistencyTest(Walk):
    @classmethod
    def setUpTestData(cls) -> None:
        patches = [mock.patch(target, value) for target, value in SMALL.items()]
        for patch in patches:
            patch.start()
        try:
            call_command("generate", scale=1, seed=3, stdout=io.StringIO(), stderr=io.StringIO())
        finally:
            for patch in patches:
                patch.stop()

    def test_every_persona_reads_one_figure_and_one_verdict_everywhere(self) -> None:
        programme = Programme.objects.get(slug="synthetic-1")
        for name in ("me", "observer", "kz.coordinator", "tm.coordinator"):
            with self.subTest(user=name):
                self.walk(User.objects.get(username=f"syn1.{name}"), programme)
        reader = User.objects.get(username="syn1.me")
        pages = {**self.walk(reader, programme), "reader": reader}
        self.assertGreater(self.check_packs(programme, pages), 0)
