"""The one standing function (`Board.standing`) on a small programme: which target each verdict is
judged against, read by the programme, by one country and by a coordinator; the chart's series; the
figures as shown; and properties of the rules over any data."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from steerco.core.numbers import NBSP
from steerco.reports.pack import indicators_section, load_scope
from steerco.results import selectors
from steerco.results.board import Board, figure_text
from steerco.results.chart import progress_chart_svg
from steerco.results.models import Indicator, Level, Target
from steerco.results.rules import (
    PROGRAMME,
    Basis,
    CountryRule,
    Direction,
    Measure,
    Observation,
    Rules,
    Status,
    TimeRule,
    disaggregation_to_date,
    judge,
    number,
    value_to_date,
)
from tests import factories as f
from tests.base import SteercoTestCase
from tests.steering.world import steering_world

from .world import indicator, result, update

D = Decimal
PCT = f"{NBSP}%"


class StandingTest(SteercoTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        cls.year2 = f.period(cls.bomca, datetime.date(2022, 4, 1), datetime.date(2023, 3, 31), label="Year 2")
        cls.year3 = f.period(cls.bomca, datetime.date(2023, 4, 1), datetime.date(2024, 3, 31), label="Year 3")
        out = result(cls.bomca, "1.1", Level.OUTPUT)
        cls.teams = indicator(out, "1.1.1", name="Canine teams trained", unit="teams", target_value=D(60))
        update(cls.teams, cls.year1, "KZ", value=D(5))
        update(cls.teams, cls.year1, "KG", value=D(4))
        cls.share = indicator(
            out, "1.1.2", measure=Measure.PERCENTAGE, time_rule=TimeRule.LATEST, target_value=D(80)
        )
        update(cls.share, cls.year1, "KZ", numerator=D(5), denominator=D(12))
        update(cls.share, cls.year2, "KZ", numerator=D(9), denominator=D(10))
        cls.clearance = indicator(
            out,
            "1.1.3",
            time_rule=TimeRule.LATEST,
            country_rule=CountryRule.AVERAGE,
            direction=Direction.DECREASE,
            target_value=D(60),
        )
        update(cls.clearance, cls.year1, "KZ", value=D(70))
        update(cls.clearance, cls.year1, "KG", value=D(100))
        Target.objects.create(indicator=cls.clearance, period=cls.year1, country="KZ", value=D(80))
        Target.objects.create(indicator=cls.clearance, period=cls.year1, country="KG", value=D(100))
        cls.strategy = indicator(
            out,
            "1.1.4",
            measure=Measure.MILESTONE,
            milestone_statuses=["not started", "drafted", "adopted"],
            time_rule=TimeRule.LATEST,
        )
        update(cls.strategy, cls.year1, "KZ", status=2)
        update(cls.strategy, cls.year1, "KG", status=1)
        Target.objects.create(indicator=cls.strategy, period=cls.year1, country="", value=D(2))
        cls.story = indicator(
            out,
            "1.1.5",
            measure=Measure.QUALITATIVE,
            country_rule=CountryRule.NONE,
            time_rule=TimeRule.LATEST,
        )
        update(cls.story, cls.year1, "", text="old")
        update(cls.story, cls.year2, "", text="new")

    def board(self, user: Any = None) -> tuple[Board, selectors.Frame]:
        user = user or self.me_officer
        frame = selectors.frame_of(user, self.bomca)
        indicators = list(selectors.indicators_of(user, self.bomca))
        return selectors.board_for(user, frame, indicators), frame

    def test_a_flow_without_period_targets_is_pro_rated_and_reads_in_whole_teams(self) -> None:
        board, frame = self.board()
        got = board.standing(self.teams)
        self.assertEqual(got.actual, Observation(value=D(9)))
        share = (self.year1.end - frame.start).days + 1
        total = (frame.end - frame.start).days + 1
        self.assertEqual(got.expected, Observation(value=D(60) * (D(share) / D(total))))
        self.assertEqual(got.standing.basis, Basis.PRO_RATED)
        self.assertEqual(got.status, Status.OFF_TRACK)
        expected = D(60) * D(share) / D(total)  # 13.2…: 13 teams
        self.assertEqual(got.expected_text, "13")
        self.assertLess(expected, D("13.5"))
        self.assertEqual(got.why, "vs 13 expected by 2022-03-31 (life-of-programme target 60, pro-rated)")
        self.assertEqual(got.percent_text, f"68{PCT}")  # 9 of 13.2…

    def test_a_coordinator_is_judged_on_their_countrys_targets_never_the_programmes(self) -> None:
        board, frame = self.board(self.kz_coordinator)
        self.assertEqual(frame.scope, ["KZ"])
        got = board.standing(self.teams, frame.scope)
        self.assertEqual(got.actual, Observation(value=D(5)))
        self.assertEqual(got.status, Status.NO_TARGET)  # the programme's 60 is not Kazakhstan's
        Target.objects.create(indicator=self.teams, period=self.year1, country="KZ", value=D(4))
        Target.objects.create(indicator=self.teams, period=self.year1, country="KG", value=D(6))
        board, frame = self.board(self.kz_coordinator)
        got = board.standing(self.teams, frame.scope)
        self.assertEqual((got.expected, got.status), (Observation(value=D(4)), Status.AHEAD))  # 125 %
        self.assertEqual(got.why, "vs 4, the sum of the period targets to Year 1")
        mine, _frame = self.board()
        self.assertEqual(mine.standing(self.teams, ["KZ"]).standing, got.standing)
        # The programme's countries' targets add up: 9 against 10.
        self.assertEqual(mine.standing(self.teams).expected, Observation(value=D(10)))
        self.assertEqual(mine.standing(self.teams).status, Status.ON_TRACK)

    def test_a_share_is_judged_against_the_target_in_force_not_pro_rated(self) -> None:
        board, _frame = self.board()
        got = board.standing(self.share)
        self.assertEqual(got.actual_text, f"90{PCT}")
        self.assertIsNone(got.expected)
        self.assertEqual(got.status, Status.NO_TARGET)
        Target.objects.create(indicator=self.share, period=self.year1, country="", value=D(70))
        board, _frame = self.board()
        got = board.standing(self.share)
        # The Year 1 target is still in force in Year 2, the latest period with data.
        self.assertEqual((got.period, got.target_period), (self.year2, self.year1))
        self.assertEqual(got.why, f"vs Year 1 target 70{PCT}")
        self.assertEqual(got.status, Status.AHEAD)  # 90 of 70 is 129 %
        self.assertEqual(figure_text(board.standing(self.share, upto=0).actual, self.share), f"41.7{PCT}")
        self.assertEqual(board.standing(self.share, upto=0).status, Status.OFF_TRACK)  # 41.7 of 70

    def test_the_life_of_programme_target_of_a_level_is_in_force_once_the_time_is_over(self) -> None:
        board, frame = self.board()
        self.assertEqual(board.standing(self.share).status, Status.NO_TARGET)
        finished = Board(board.periods, board.start, self.year2.end, board.figures)
        got = finished.standing(self.share)
        self.assertEqual((got.standing.basis, got.expected), (Basis.LIFE, Observation(value=D(80))))
        self.assertEqual(got.why, f"vs life-of-programme target 80{PCT}")
        self.assertEqual(got.status, Status.ON_TRACK)  # 90 of 80 is 112.5 %

    def test_averaged_programme_targets_and_a_lower_is_better_ratio(self) -> None:
        board, _frame = self.board()
        got = board.standing(self.clearance)
        self.assertEqual(got.actual, Observation(value=D(85)))  # (70 + 100) / 2
        self.assertEqual(got.expected, Observation(value=D(90)))  # (80 + 100) / 2
        self.assertEqual(got.status, Status.ON_TRACK)
        self.assertEqual(got.percent_text, f"106{PCT}")  # 90 ÷ 85: lower is better
        kg = board.standing(self.clearance, ["KG"])
        self.assertEqual((kg.status, kg.percent_text), (Status.ON_TRACK, f"100{PCT}"))
        kz = board.standing(self.clearance, ["KZ"])
        self.assertEqual((kz.status, kz.percent_text), (Status.ON_TRACK, f"114{PCT}"))  # 80 ÷ 70

    def test_a_milestone_over_countries_counts_them_and_is_judged_by_the_least_advanced(self) -> None:
        board, _frame = self.board()
        got = board.standing(self.strategy)
        self.assertEqual(got.actual_text, "1 adopted, 1 drafted")
        self.assertEqual(got.status, Status.OFF_TRACK)  # Kyrgyzstan has only drafted it
        self.assertEqual(got.why, "vs Year 1 target adopted")
        self.assertEqual(board.standing(self.strategy, ["KZ"]).actual_text, "adopted")

    def test_a_qualitative_indicator_shows_its_latest_text_and_is_not_judged(self) -> None:
        board, _frame = self.board(self.kz_coordinator)
        got = board.standing(self.story, ["KZ"])
        self.assertEqual((got.actual_text, got.status, got.why), ("new", Status.NOT_ASSESSED, ""))
        self.assertEqual(board.standing(self.story, upto=0).actual_text, "old")

    def test_the_chart_series_is_value_and_expected_to_date_per_period(self) -> None:
        Target.objects.create(indicator=self.teams, period=self.year2, country="", value=D(20))
        update(self.teams, self.year3, "KZ", value=D(7))
        board, frame = self.board()
        series = board.series(self.teams)
        self.assertEqual([p for p, _a, _e in series], [self.year1, self.year2, self.year3])
        self.assertEqual([a for _p, a, _e in series], [D(9), None, D(16)])  # no report in Year 2: a gap
        share = D((self.year1.end - frame.start).days + 1) / D((frame.end - frame.start).days + 1)
        self.assertEqual([e for _p, _a, e in series], [D(60) * share, D(20), D(20)])
        svg = progress_chart_svg([(p.label, a, e) for p, a, e in series], "teams")
        self.assertEqual(svg.count('class="ch-actual"><title>'), 2)
        self.assertIn("<title>16</title>", svg)
        pct = board.series(self.share)
        self.assertEqual([a for _p, a, _e in pct], [D(500) / D(12), D(90), None])
        self.assertIn("<title>41.7</title>", progress_chart_svg([(p.label, a, e) for p, a, e in pct]))

    def test_the_indicator_page_shows_the_targets_per_country_and_period(self) -> None:
        self.client.force_login(self.me_officer)
        page = self.client.get(
            f"/programmes/{self.bomca.slug}/indicators/{self.clearance.pk}/"
        ).content.decode()
        self.assertIn("Targets by country and period", page)
        targets = page[page.index("Targets by country and period") :]
        # Columns follow the programme's countries (Kyrgyzstan, Kazakhstan), then programme-wide.
        self.assertIn(
            '<td>Year 1</td><td class="num">100</td><td class="num">80</td><td class="num">—</td>', targets
        )
        self.assertIn('data-standing="on_track"', page)

    def test_a_national_pack_takes_its_countrys_targets(self) -> None:
        w = steering_world(self)
        Target.objects.create(indicator=self.teams, period=self.year1, country="KZ", value=D(4))
        table = indicators_section(load_scope(w.kz_meeting.pk)).blocks[1]
        row = next(r for r in table.rows if r[0].text == "1.1.1")  # type: ignore[attr-defined]
        self.assertEqual(
            [c.text for c in row[3:]], ["4", "5", "ahead", "vs 4, the sum of the period targets to Year 1"]
        )
        clearance = next(r for r in table.rows if r[0].text == "1.1.3")  # type: ignore[attr-defined]
        self.assertEqual([c.text for c in clearance[3:6]], ["80", "70", "on track"])
        regional = indicators_section(load_scope(w.rsg_meeting.pk)).blocks[1]
        strategy = next(r for r in regional.rows if r[0].text == "1.1.4")  # type: ignore[attr-defined]
        self.assertEqual(
            [c.text for c in strategy[-3:]],
            ["1 adopted, 1 drafted", "off track", "vs Year 1 target adopted"],
        )


# --- properties of the rules -----------------------------------------------------------------

FIVE = ["KZ", "KG", "TJ", "TM", "UZ"]
keys = st.tuples(st.integers(min_value=0, max_value=4), st.sampled_from(FIVE))
amounts = st.decimals(min_value=0, max_value=10_000, places=2, allow_nan=False, allow_infinity=False)
cells_st = st.dictionaries(keys, amounts.map(lambda v: Observation(value=v)), max_size=25)
ENDS = [datetime.date(2021 + n, 12, 31) for n in range(5)]
RULES = [
    Rules(Measure.NUMBER, TimeRule.PER_PERIOD, CountryRule.SUM),
    Rules(Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.AVERAGE),
    Rules(Measure.NUMBER, TimeRule.LATEST, CountryRule.LATEST, Direction.DECREASE),
]


def shuffled(mapping: dict, seed: int) -> dict:
    items = list(mapping.items())
    random.Random(seed).shuffle(items)
    return dict(items)


@given(cells_st, cells_st, st.integers(min_value=0, max_value=4), st.integers())
def test_the_order_of_entry_does_not_matter(cells: dict, targets: dict, upto: int, seed: int) -> None:
    recency = {k: n for n, k in enumerate(sorted(cells))}
    for rules in RULES:
        args: dict[str, Any] = {
            "period_ends": ENDS,
            "start": datetime.date(2021, 1, 1),
            "end": ENDS[-1],
            "life_target": Observation(value=D(100)),
        }
        first = judge(rules, cells, targets, upto, None, recency=recency, **args)
        again = judge(
            rules, shuffled(cells, seed), shuffled(targets, seed), upto, None, recency=recency, **args
        )
        assert first == again


@given(cells_st, st.integers(min_value=0, max_value=4))
def test_countries_add_up_or_average_to_the_programme_under_the_country_rule(cells: dict, upto: int) -> None:
    summed = Rules(Measure.NUMBER, TimeRule.PER_PERIOD, CountryRule.SUM)
    averaged = Rules(Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.AVERAGE)
    for rules, combine in ((summed, sum), (averaged, lambda v: sum(v) / len(v))):
        national = [number(value_to_date(rules, cells, upto, [c]), Measure.NUMBER) for c in FIVE]
        reported = [v for v in national if v is not None]
        got = number(value_to_date(rules, cells, upto), Measure.NUMBER)
        assert got == (combine(reported) if reported else None)  # type: ignore[operator]


@given(st.dictionaries(keys, st.tuples(amounts, amounts), max_size=20), st.integers(min_value=0, max_value=4))
def test_a_breakdown_adds_up_to_its_total_for_a_country_too(entries: dict, upto: int) -> None:
    cells = {k: Observation(value=a + b) for k, (a, b) in entries.items()}
    parts = {k: {"Women": a, "Men": b} for k, (a, b) in entries.items()}
    for country in FIVE:
        total = number(value_to_date(RULES[0], cells, upto, [country]), Measure.NUMBER)
        split = disaggregation_to_date(RULES[0], parts, upto, [country])
        assert (sum(split.values(), D(0)) if split else None) == total


@given(cells_st, st.integers(min_value=0, max_value=4))
def test_no_data_never_becomes_zero(cells: dict, upto: int) -> None:
    for rules in RULES:
        for country in [*FIVE, PROGRAMME]:
            scope = [country] if country else None
            got = judge(
                rules,
                cells,
                {},
                upto,
                scope,
                period_ends=ENDS,
                start=datetime.date(2021, 1, 1),
                end=ENDS[-1],
                life_target=None,
            )
            who = FIVE if scope is None else scope
            reported = any(p <= upto and c in who for p, c in cells)
            assert (got.actual is None) == (not reported)
            assert (got.status == Status.NO_DATA) == (not reported)


@given(st.lists(amounts, min_size=1, max_size=12))
def test_rounding_happens_once_at_display(values: list) -> None:
    cells = {(n, "KZ"): Observation(value=v) for n, v in enumerate(values)}
    got = value_to_date(RULES[0], cells, len(values) - 1)
    exact = sum(values, D(0))
    assert got == Observation(value=exact)  # nothing rounded along the way
    ind = Indicator(measure=Measure.NUMBER)
    assert figure_text(got, ind) == figure_text(exact, ind)


def test_rounding_at_display_is_half_up_once() -> None:
    ind = Indicator(measure=Measure.NUMBER)
    three = {(n, "KZ"): Observation(value=D("0.05")) for n in range(3)}
    assert figure_text(value_to_date(RULES[0], three, 2), ind) == "0.2"  # 0.15, not 3 × 0.1
    pct = Indicator(measure=Measure.PERCENTAGE)
    assert figure_text(Observation(numerator=D(5), denominator=D(12)), pct) == f"41.7{PCT}"
    assert figure_text(D("35.55"), pct) == f"35.6{PCT}"
    assert figure_text(D("35.55"), ind) == "35.6"
    assert figure_text(D("35.5"), ind, whole=True) == "36"
    assert figure_text(None, ind) == ""
    assert figure_text(Observation(), ind) == ""
