"""Indicators computed from delivery records, end to end: each kind's value comes out of the results
aggregation per period and country with the indicator's time and country rules, the drill-down
lists exactly the records behind a number and only those in the reader's scope, and the pages keep
a fixed number of queries with computed indicators present."""

from __future__ import annotations

import itertools
import re
from typing import Any

from django.urls import reverse

from steerco.delivery.models import (
    EventAgencyParticipants,
    EventStatus,
    Recommendation,
    RecommendationStatusChange,
    Verification,
    WorkPlanItem,
)
from steerco.programmes.models import Programme
from steerco.results import selectors
from steerco.results.models import Indicator, Level
from steerco.results.rules import CountryRule, Measure, TimeRule

from .. import factories as f
from ..base import SteercoTestCase
from ..results.world import indicator, result
from .world import D, event, handover, lot

_round = itertools.count(1)
SPARE_COUNTRIES = ["TJ", "TM", "UZ", "AF", "MN", "AZ", "AM", "GE", "MD", "TR", "PK", "IN"]


class ComputedFromDeliveryTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year2 = f.period(cls.bomca, D(2022, 4, 1), D(2023, 3, 31), label="Year 2")
        cls.year3 = f.period(cls.bomca, D(2023, 4, 1), D(2024, 3, 31), label="Year 3")
        impact = result(cls.bomca, "1", Level.IMPACT)
        cls.out1 = result(cls.bomca, "1.1", Level.OUTPUT, impact)
        cls.out2 = result(cls.bomca, "1.2", Level.OUTPUT, impact)
        cls.kz_agency, cls.kz_other_agency = list(cls.kz.institutions.all())

        def training(country: str, day: Any, total: int, women: int, **fields: Any) -> Any:
            return event(
                cls,
                country,
                title=f"Training {country} {day}",
                start_date=day,
                participants_total=total,
                participants_female=women,
                participants_male=total - women,
                **fields,
            )

        # Year 1 (2021-04 to 2022-03) and Year 2 (2022-04 to 2023-03), in Kazakhstan and Kyrgyzstan.
        cls.kz_y1 = training("KZ", D(2021, 6, 1), 10, 4, result=cls.out1)
        EventAgencyParticipants.objects.create(event=cls.kz_y1, organisation=cls.kz_agency, participants=6)
        EventAgencyParticipants.objects.create(event=cls.kz_y1, organisation=None, participants=4)
        cls.kg_y1 = training("KG", D(2021, 9, 1), 8, 2)
        cls.kz_workshop = training("KZ", D(2021, 10, 1), 12, 6, kind="workshop")
        training("KZ", D(2021, 11, 1), 0, 0, status=EventStatus.CANCELLED)
        training("KZ", D(2022, 2, 1), 0, 0, status=EventStatus.PLANNED)
        cls.kz_y2 = training("KZ", D(2022, 5, 1), 20, 5, result=cls.out2)
        EventAgencyParticipants.objects.create(event=cls.kz_y2, organisation=cls.kz_agency, participants=15)
        EventAgencyParticipants.objects.create(event=cls.kz_y2, organisation=None, participants=5)
        cls.kg_y2 = training("KG", D(2022, 6, 1), 6, 3)
        cls.kg_workshop = training("KG", D(2022, 7, 1), 9, 4, kind="workshop")

        def recommendation(country: str, given: Any, *steps: tuple[str, Any]) -> Recommendation:
            institution = cls.kz_agency if country == "KZ" else cls.kg.institutions.first()
            rec = Recommendation.objects.create(
                programme=cls.bomca,
                country=country,
                institution=institution,
                text=f"{country} {given}",
                given_on=given,
            )
            RecommendationStatusChange.objects.create(recommendation=rec, status="delivered", on=given)
            for status, on in steps:
                RecommendationStatusChange.objects.create(recommendation=rec, status=status, on=on)
                rec.status = status
            rec.save()
            return rec

        cls.kz_adopted = recommendation("KZ", D(2021, 6, 2), ("adopted", D(2022, 1, 10)))
        cls.kg_adopted = recommendation(
            "KG", D(2021, 9, 2), ("under_consideration", D(2022, 1, 5)), ("adopted", D(2022, 8, 1))
        )
        recommendation("KZ", D(2021, 10, 2), ("under_consideration", D(2022, 6, 1)))

        kz_radios = lot(cls, "KZ", title="KZ radios")
        kg_radios = lot(cls, "KG", title="KG radios")
        kz_scanners = lot(cls, "KZ", title="KZ scanners", category="scanners")
        cls.kz_handover = handover(cls, kz_radios, quantity=5, handed_over_on=D(2022, 4, 1))
        cls.kg_handover = handover(cls, kg_radios, quantity=3, handed_over_on=D(2022, 5, 1))
        handover(cls, kz_scanners, quantity=2, handed_over_on=D(2022, 4, 1))
        Verification.objects.create(
            handover=cls.kz_handover, visited_on=D(2022, 6, 1), in_use=True, quantity_in_use=5
        )
        cls.kz_visit = Verification.objects.create(
            handover=cls.kz_handover, visited_on=D(2023, 1, 10), in_use=True, quantity_in_use=4
        )
        cls.kg_visit = Verification.objects.create(
            handover=cls.kg_handover, visited_on=D(2022, 7, 1), in_use=True, quantity_in_use=3
        )

        def line(country: str, year: int, quarter: int, done_by: Any = None) -> WorkPlanItem:
            item = WorkPlanItem.objects.create(
                programme=cls.bomca,
                year=year,
                quarter=quarter,
                country=country,
                component=cls.c1,
                title=f"{country} {year} Q{quarter}",
            )
            if done_by is not None:
                done_by.work_plan_item = item
                done_by.save()
            return item

        cls.kz_line_done = line("KZ", 2021, 3, cls.kz_y1)
        cls.kz_line_open = line("KZ", 2021, 4)
        cls.kg_line_done = line("KG", 2022, 2, cls.kg_y2)

        def computed(code: str, kind: str, params: dict, **fields: Any) -> Indicator:
            return indicator(cls.out1, code, computation=kind, computation_params=params, **fields)

        cls.trained = computed("T", "delivery.participants", {"event_kinds": ["training"]}, is_key=True)
        cls.women = computed("W", "delivery.participants", {"event_kinds": ["training"], "sex": "female"})
        cls.agency = computed("A", "delivery.participants", {"agency": cls.kz_agency.pk})
        cls.by_result = computed("R", "delivery.participants", {"result": cls.out2.pk})
        cls.average = computed(
            "AV", "delivery.participants", {"event_kinds": ["training"]}, country_rule=CountryRule.AVERAGE
        )
        cls.workshops = computed("E", "delivery.events", {"event_kinds": ["workshop"]})
        cls.adopted = computed("REC", "delivery.recommendations", {"status": "adopted"})
        cls.handed = computed("H", "delivery.handed_over", {"category": "radios"})
        cls.in_use = computed("U", "delivery.in_use", {"category": "radios"}, time_rule=TimeRule.LATEST)
        cls.plan = computed("P", "delivery.plan_completion", {}, measure=Measure.PERCENTAGE)

    def board(self, persona: str) -> tuple[Any, Any]:
        frame = selectors.frame_of(self.personas[persona], self.bomca)
        _nodes, board = selectors.logframe(self.personas[persona], frame)
        return frame, board

    def value(
        self, board: Any, ind: Indicator, countries: list[str] | None = None, upto: int | None = None
    ) -> Any:
        observation = board.value(ind, countries, upto)
        if ind.measure == Measure.PERCENTAGE:
            return (observation.numerator, observation.denominator)
        return observation.value

    def test_each_kind_gives_its_value_per_period_and_country_through_the_aggregation(self) -> None:
        _frame, board = self.board("manager")
        y1, y2, y3 = 0, 1, 2
        expected = [
            # indicator, country (None: the programme), up to period, value
            (self.trained, ["KZ"], y1, 10),
            (self.trained, ["KG"], y1, 8),
            (
                self.trained,
                ["KZ"],
                y2,
                30,
            ),  # per period: the years add up; cancelled and planned do not count
            (self.trained, None, y2, 44),
            (self.women, None, y3, 14),
            (self.agency, ["KZ"], y3, 21),
            (self.agency, ["KG"], y3, 0),
            (self.by_result, None, y3, 20),
            (self.average, None, y3, 22),  # the average of Kazakhstan's 30 and Kyrgyzstan's 14
            (self.workshops, ["KZ"], y1, 1),
            (self.workshops, None, y3, 2),
            (self.adopted, ["KZ"], y1, 1),
            (self.adopted, ["KG"], y1, 0),
            (self.adopted, None, y3, 2),
            (self.handed, None, y1, 0),
            (self.handed, None, y3, 8),  # radios only: the scanners' handover does not count
            (self.in_use, ["KZ"], y2, 4),  # the latest visit of the year replaces the earlier one
            (self.in_use, None, y2, 7),
            (self.in_use, None, y3, 7),  # a level: still 7 in a year without visits, not 0 or 14
            (self.plan, ["KZ"], y1, (1, 2)),
            (self.plan, ["KG"], y2, (1, 1)),
            (self.plan, None, y3, (2, 3)),
        ]
        for ind, countries, upto, value in expected:
            with self.subTest(indicator=ind.code, countries=countries, upto=upto):
                self.assertEqual(self.value(board, ind, countries, upto), value)
        self.assertIsNone(board.value(self.plan, ["KG"], y1))  # no line planned: no data, not 0 %
        self.assertEqual(board.standing(self.trained).period, self.year3)

    def test_a_country_coordinator_gets_figures_of_their_country_only(self) -> None:
        frame, board = self.board("kz_coordinator")
        self.assertEqual(frame.isos, ["KZ"])
        self.assertEqual(board.value(self.trained).value, 30)
        self.assertEqual(board.value(self.adopted).value, 1)
        self.assertEqual(board.value(self.in_use).value, 4)
        self.login("kz_coordinator")
        page = self.client.get(reverse("results:logframe", args=["bomca"]))
        self.assertContains(page, "30")
        self.assertEqual(
            self.client.get(
                reverse("results:records", args=["bomca", self.trained.pk]) + "?country=kg"
            ).status_code,
            404,
        )

    def records(self, persona: str, ind: Indicator, period: Any = None, country: str = "") -> list[Any]:
        self.login(persona)
        query = "&".join(
            part
            for part in (f"period={period.pk}" if period else "", f"country={country}" if country else "")
            if part
        )
        response = self.client.get(reverse("results:records", args=["bomca", ind.pk]) + "?" + query)
        self.assertEqual(response.status_code, 200)
        return list(response.context["records"])

    def test_the_drill_down_lists_exactly_the_records_behind_each_number(self) -> None:
        _frame, board = self.board("manager")
        cases = [
            (
                self.trained,
                self.year2,
                "kz",
                lambda rs: sum(e.participants_total for e in rs),
                {self.kz_y2.pk},
            ),
            (
                self.trained,
                None,
                "",
                lambda rs: sum(e.participants_total for e in rs),
                {self.kz_y1.pk, self.kg_y1.pk, self.kz_y2.pk, self.kg_y2.pk},
            ),
            (
                self.women,
                None,
                "kg",
                lambda rs: sum(e.participants_female for e in rs),
                {self.kg_y1.pk, self.kg_y2.pk},
            ),
            (self.by_result, None, "", lambda rs: sum(e.participants_total for e in rs), {self.kz_y2.pk}),
            (self.workshops, None, "", len, {self.kz_workshop.pk, self.kg_workshop.pk}),
            (self.adopted, None, "", len, None),
            (
                self.handed,
                None,
                "",
                lambda rs: sum(h.quantity for h in rs),
                {self.kz_handover.pk, self.kg_handover.pk},
            ),
            (
                self.in_use,
                self.year3,
                "",
                lambda rs: sum(v.quantity_in_use for v in rs),
                {self.kz_visit.pk, self.kg_visit.pk},
            ),
        ]
        position = {p.pk: i for i, p in enumerate(board.periods)}
        for ind, period, country, total, pks in cases:
            with self.subTest(indicator=ind.code, period=period, country=country):
                rows = self.records("manager", ind, period, country)
                if pks is not None:
                    self.assertEqual({r.pk for r in rows}, pks)
                upto = position[period.pk] if period else None
                cells = board.figures[ind.pk].cells
                if period is not None and ind.time_rule == TimeRule.PER_PERIOD:
                    number = sum(
                        cells[(upto, c)].value for c in ([country.upper()] if country else ["KZ", "KG"])
                    )
                else:
                    number = board.value(ind, [country.upper()] if country else None, upto).value
                self.assertEqual(total(rows), number)
        adopted = self.records("manager", self.adopted)
        self.assertEqual({c.recommendation_id for c in adopted}, {self.kz_adopted.pk, self.kg_adopted.pk})
        plan = self.records("manager", self.plan, self.year1)
        self.assertEqual({i.pk for i in plan}, {self.kz_line_done.pk, self.kz_line_open.pk})
        self.assertEqual([i.pk for i in plan if i.done], [self.kz_line_done.pk])

    def test_the_drill_down_keeps_to_the_readers_scope(self) -> None:
        rows = self.records("kz_coordinator", self.trained)
        self.assertEqual({e.pk for e in rows}, {self.kz_y1.pk, self.kz_y2.pk})
        self.assertEqual({h.pk for h in self.records("kz_coordinator", self.handed)}, {self.kz_handover.pk})
        self.assertEqual({v.pk for v in self.records("kz_coordinator", self.in_use)}, {self.kz_visit.pk})
        self.login("outsider")
        self.assertEqual(
            self.client.get(reverse("results:records", args=["bomca", self.trained.pk])).status_code, 404
        )

    def test_the_indicator_page_links_each_computed_number_to_its_records(self) -> None:
        self.login("manager")
        page = self.client.get(reverse("results:indicator", args=["bomca", self.trained.pk]))
        records = reverse("results:records", args=["bomca", self.trained.pk])
        self.assertContains(
            page, f'href="{records}?period={self.year2.pk}&amp;country=kz">20</a>', html=False
        )
        self.assertContains(page, f'href="{records}?period={self.year1.pk}&amp;country=kg">8</a>', html=False)
        self.assertContains(page, "44")

    def grow(self) -> None:
        """Another country and period, more records of every kind, more computed indicators."""
        n = next(_round)
        country = SPARE_COUNTRIES[n % len(SPARE_COUNTRIES)]
        if not self.bomca.countries.filter(country=country).exists():
            f.country(self.bomca, country)
        start = D(2023 + n, 4, 1)
        period = f.period(self.bomca, start, D(2024 + n, 3, 31), label=f"Grown {n}")
        for iso in ("KZ", "KG", country):
            for day in (D(2021, 7, 1), D(2022, 8, 1), period.start):
                ev = event(self, iso, title=f"Grown {n} {iso} {day}", start_date=day, result=self.out2)
                EventAgencyParticipants.objects.create(event=ev, organisation=None, participants=10)
                item = WorkPlanItem.objects.create(
                    programme=self.bomca,
                    year=day.year,
                    quarter=3,
                    country=iso,
                    component=self.c1,
                    title=f"G{n} {iso}",
                )
                ev.work_plan_item = item
                ev.save()
            institution = (
                Programme.objects.get(pk=self.bomca.pk).countries.get(country=iso).institutions.first()
            )
            rec = Recommendation.objects.create(
                programme=self.bomca,
                country=iso,
                institution=institution,
                text=f"G{n}",
                given_on=D(2022, 1, 1),
            )
            RecommendationStatusChange.objects.create(recommendation=rec, status="adopted", on=D(2022, 9, 1))
            grown_lot = lot(self, iso, title=f"Grown {n} {iso}")
            grown = handover(self, grown_lot, quantity=4, handed_over_on=D(2022, 4, 1))
            Verification.objects.create(
                handover=grown, visited_on=period.start, in_use=True, quantity_in_use=2
            )
        for i, (kind, params) in enumerate(
            (
                ("delivery.participants", {"sex": "female"}),
                ("delivery.participants", {"agency": self.kz_agency.pk}),
                ("delivery.events", {}),
                ("delivery.recommendations", {}),
                ("delivery.handed_over", {}),
                ("delivery.in_use", {}),
            )
        ):
            indicator(self.out2, f"G{n}.{i}", computation=kind, computation_params=params)
        indicator(self.out2, f"G{n}.plan", computation="delivery.plan_completion", measure=Measure.PERCENTAGE)

    def test_pages_with_computed_indicators_run_a_fixed_number_of_queries(self) -> None:
        records = "results:records"
        pages = [
            ("manager", reverse("results:logframe", args=["bomca"])),
            ("kz_coordinator", reverse("results:logframe", args=["bomca"])),
            ("manager", reverse("results:dashboard", args=["bomca"])),
            ("kz_coordinator", reverse("results:country_dashboard", args=["bomca", "kz"])),
        ]
        for ind in (
            self.trained,
            self.agency,
            self.workshops,
            self.adopted,
            self.handed,
            self.in_use,
            self.plan,
        ):
            pages.append(("manager", reverse("results:indicator", args=["bomca", ind.pk])))
            pages.append(("manager", reverse(records, args=["bomca", ind.pk])))
            pages.append(
                ("kz_coordinator", reverse(records, args=["bomca", ind.pk]) + f"?period={self.year2.pk}")
            )
        counts = {}
        for persona, url in pages:
            with self.subTest(url=url, persona=persona):
                counts[f"{persona} {url}"] = self.assert_constant_queries(url, self.grow, persona=persona)
        for page, n in counts.items():
            print(f"{n:3d} queries  {page}")


class RegionalRecordsCountForTheProgrammeTest(SteercoTestCase):
    """Records kept for the whole region (country "") count for the programme, once, and for no country."""

    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        output = result(cls.bomca, "1.1", Level.OUTPUT, result(cls.bomca, "1", Level.IMPACT))

        def regional(model: Any, pk: int) -> None:
            model.objects.filter(pk=pk).update(country="")

        kz_training = event(cls, "KZ", title="KZ training", start_date=D(2021, 6, 1), participants_total=10)
        region_training = event(cls, "KZ", title="Regional training", start_date=D(2021, 7, 1))
        regional(type(region_training), region_training.pk)
        type(region_training).objects.filter(pk=region_training.pk).update(
            participants_total=7, participants_female=3, participants_male=4
        )
        for country, day in (("KZ", D(2021, 6, 2)), ("", D(2021, 7, 2))):
            rec = Recommendation.objects.create(
                programme=cls.bomca,
                country="KZ",
                institution=cls.kz.institutions.first(),
                text=f"Recommendation {country or 'regional'}",
                given_on=day,
            )
            if not country:
                regional(Recommendation, rec.pk)
            RecommendationStatusChange.objects.create(recommendation=rec, status="adopted", on=day)
        kz_radios, region_radios = lot(cls, "KZ", title="KZ radios"), lot(cls, "KZ", title="Regional radios")
        regional(type(region_radios), region_radios.pk)
        for the_lot, quantity in ((kz_radios, 5), (region_radios, 3)):
            given = handover(cls, the_lot, quantity=quantity, handed_over_on=D(2021, 8, 1))
            Verification.objects.create(
                handover=given, visited_on=D(2021, 9, 1), in_use=True, quantity_in_use=quantity
            )
        for country, done_by in (("KZ", kz_training), ("", None)):
            item = WorkPlanItem.objects.create(
                programme=cls.bomca, year=2021, quarter=3, country=country, component=cls.c1, title="Line"
            )
            if done_by is not None:
                done_by.work_plan_item = item
                done_by.save()

        def computed(code: str, kind: str, params: dict, **fields: Any) -> Indicator:
            return indicator(output, code, computation=kind, computation_params=params, **fields)

        cls.expected = [
            # indicator, the programme's value, Kazakhstan's
            (computed("T", "delivery.participants", {"event_kinds": ["training"]}), 17, 10),
            (computed("W", "delivery.participants", {"sex": "female"}), 7, 4),
            (computed("E", "delivery.events", {}), 2, 1),
            (computed("REC", "delivery.recommendations", {}), 2, 1),
            (computed("H", "delivery.handed_over", {"category": "radios"}), 8, 5),
            (computed("U", "delivery.in_use", {}, time_rule=TimeRule.LATEST), 8, 5),
            (computed("P", "delivery.plan_completion", {}, measure=Measure.PERCENTAGE), (1, 2), (1, 1)),
        ]
        # Not aggregated: the programme's value is what was kept for the whole programme only.
        cls.regional_only = computed("N", "delivery.events", {}, country_rule=CountryRule.NONE)

    def figure(self, board: Any, ind: Indicator, countries: list[str] | None) -> Any:
        observation = board.value(ind, countries)
        if observation is None:
            return None
        if ind.measure == Measure.PERCENTAGE:
            return (observation.numerator, observation.denominator)
        return observation.value

    def test_every_kind_counts_regional_records_for_the_programme_and_not_for_a_country(self) -> None:
        frame = selectors.frame_of(self.manager, self.bomca)
        _nodes, board = selectors.logframe(self.manager, frame)
        for ind, programme, kazakhstan in self.expected:
            with self.subTest(indicator=ind.code):
                self.assertEqual(self.figure(board, ind, None), programme)
                self.assertEqual(self.figure(board, ind, ["KZ"]), kazakhstan)
                self.assertEqual(self.figure(board, ind, ["KG"]), None if programme == (1, 2) else 0)
        self.assertEqual(board.value(self.regional_only).value, 1)
        # Its drill-down lists the records that make that value: the regional event alone.
        self.login("manager")
        response = self.client.get(reverse("results:records", args=["bomca", self.regional_only.pk]))
        self.assertEqual([e.title for e in response.context["records"]], ["Regional training"])
        everything = self.client.get(reverse("results:records", args=["bomca", self.expected[2][0].pk]))
        self.assertEqual(
            len(everything.context["records"]), 2
        )  # the programme's: Kazakhstan's and the region's

    def test_a_country_coordinators_figures_leave_the_regional_records_out(self) -> None:
        frame = selectors.frame_of(self.kz_coordinator, self.bomca)
        _nodes, board = selectors.logframe(self.kz_coordinator, frame)
        self.assertEqual(frame.isos, ["KZ"])
        for ind, _programme, kazakhstan in self.expected:
            with self.subTest(indicator=ind.code):
                self.assertEqual(self.figure(board, ind, frame.isos), kazakhstan)
                self.assertEqual(self.figure(board, ind, None), kazakhstan)  # their "programme" is Kazakhstan

    def test_the_indicator_page_gives_regional_records_a_column_so_the_columns_add_up(self) -> None:
        trained = self.expected[0][0]
        url = reverse("results:indicator", args=["bomca", trained.pk])
        self.login("manager")
        page = self.client.get(url).content.decode()
        self.assertIn('<th class="num">Region</th>', page)
        regional = re.search(r"<td class=\"num\" data-regional>(\d+)<br>", page)
        assert regional is not None
        kazakhstan = re.search(r'data-country="KZ" data-standing="[^"]*" data-value="(\d+)"', page)
        assert kazakhstan is not None
        # Kazakhstan's 10 and the region's 7 make the programme's 17; Kyrgyzstan recorded nothing.
        self.assertEqual((int(kazakhstan.group(1)), int(regional.group(1))), (10, 7))
        # A reader of one country sees no regional column: its figures are the country's alone.
        self.login("kz_coordinator")
        self.assertNotIn("data-regional", self.client.get(url).content.decode())
