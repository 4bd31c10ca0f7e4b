"""The rules of DESIGN §4 (`steerco/results/rules.py`): worked examples at the edges of each rule,
then properties that hold for any data."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from steerco.results.rules import (
    PROGRAMME,
    Assessment,
    Basis,
    CountryRule,
    Direction,
    Expectation,
    Measure,
    Observation,
    Rules,
    Status,
    TargetInForce,
    TimeRule,
    achievement,
    assess,
    combine,
    disaggregation_to_date,
    elapsed_share,
    expectation,
    judge,
    number,
    pro_rated_target,
    target_to_date,
    value_to_date,
)

D = Decimal
FIVE = ["KZ", "KG", "TJ", "TM", "UZ"]
SUMMED = Rules(Measure.NUMBER, TimeRule.PER_PERIOD, CountryRule.SUM)
POOLED = Rules(Measure.PERCENTAGE, TimeRule.PER_PERIOD, CountryRule.SUM)


def num(v: int | str) -> Observation:
    return Observation(value=D(v))


def pct(n: int, d: int) -> Observation:
    return Observation(numerator=D(n), denominator=D(d))


# --- worked examples ---------------------------------------------------------------------------


def test_officials_trained_sum_five_countries_per_period_and_over_time() -> None:
    trained = {
        0: [220, 210, 190, 100, 180],  # Year 1: 900
        1: [330, 320, 300, 220, 330],  # Year 2: 1,500
    }
    cells = {(p, c): num(v) for p, values in trained.items() for c, v in zip(FIVE, values, strict=True)}
    assert value_to_date(SUMMED, cells, 0) == num(900)
    assert value_to_date(SUMMED, cells, 1) == num(2400)
    assert value_to_date(SUMMED, cells, 1, ["KZ"]) == num(550)
    assert value_to_date(SUMMED, cells, 1, ["KZ", "KG"]) == num(1080)


def test_a_regional_percentage_is_not_the_mean_of_the_countries_percentages() -> None:
    # 90 % of 10 trainees in one country, 50 % of 90 in another: the region is 54 %, not 70 %.
    cells = {(0, "KZ"): pct(9, 10), (0, "KG"): pct(45, 90)}
    regional = value_to_date(POOLED, cells, 0)
    assert regional == pct(54, 100)
    assert number(regional, Measure.PERCENTAGE) == D(54)
    mean_of_percentages = (D(90) + D(50)) / 2
    assert number(regional, Measure.PERCENTAGE) != mean_of_percentages


def test_percentages_pool_over_time_as_well() -> None:
    cells = {(0, "KZ"): pct(1, 4), (1, "KZ"): pct(15, 16)}
    assert value_to_date(POOLED, cells, 1) == pct(16, 20)


def test_cumulative_takes_each_countrys_latest_running_total_then_sums() -> None:
    rules = Rules(Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.SUM)
    cells = {(0, "KZ"): num(3), (1, "KZ"): num(5), (0, "KG"): num(4)}  # KG did not report in period 1
    assert value_to_date(rules, cells, 1) == num(9)
    assert value_to_date(rules, cells, 0) == num(7)


def test_latest_takes_the_latest_period_with_data_only() -> None:
    rules = Rules(Measure.NUMBER, TimeRule.LATEST, CountryRule.AVERAGE)
    cells = {(0, "KZ"): num(90), (0, "KG"): num(100), (1, "KZ"): num(70)}
    # A level is a snapshot: period 1 only has Kazakhstan, so the average is Kazakhstan's.
    assert value_to_date(rules, cells, 1) == num(70)
    assert value_to_date(rules, cells, 0) == num(95)


def test_country_rule_latest_takes_the_most_recently_reported_value() -> None:
    rules = Rules(Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.LATEST)
    cells = {(0, "KZ"): num(1), (1, "KG"): num(2), (0, "TJ"): num(3)}
    assert value_to_date(rules, cells, 1) == num(2)
    recency = {(1, "KG"): 1, (1, "TJ"): 2}
    cells[(1, "TJ")] = num(7)
    assert value_to_date(rules, cells, 1, recency=recency) == num(7)


def test_not_aggregated_counts_only_programme_wide_values() -> None:
    rules = Rules(Measure.NUMBER, TimeRule.PER_PERIOD, CountryRule.NONE)
    cells = {(0, PROGRAMME): num(2), (1, PROGRAMME): num(4), (1, "KZ"): num(100)}
    assert value_to_date(rules, cells, 1) == num(6)
    assert value_to_date(rules, cells, 1, ["KZ"]) == num(100)


def test_a_milestone_is_the_furthest_status_of_a_country_and_the_least_advanced_over_countries() -> None:
    rules = Rules(Measure.MILESTONE, TimeRule.LATEST, CountryRule.SUM)
    cells = {
        (0, "KZ"): Observation(status=3),
        (1, "KZ"): Observation(status=1),  # reached stays reached
        (1, "KG"): Observation(status=2),
        (1, "TM"): Observation(status=0),
    }
    assert value_to_date(rules, cells, 1, ["KZ"]) == Observation(status=3, spread=((3, 1),))
    regional = value_to_date(rules, cells, 1)
    assert regional == Observation(status=0, spread=((3, 1), (2, 1), (0, 1)))
    assert value_to_date(rules, cells, 1, ["KZ", "KG"]) == Observation(status=2, spread=((3, 1), (2, 1)))
    # Whatever the country rule, the programme is where its least advanced country is.
    for rule in (CountryRule.AVERAGE, CountryRule.LATEST):
        got = value_to_date(
            Rules(Measure.MILESTONE, TimeRule.LATEST, rule),
            cells,
            1,
            recency={(0, "KZ"): 1, (1, "KZ"): 1, (1, "KG"): 3, (1, "TM"): 2},
        )
        assert got is not None and got.status == 0
    # The least advanced country decides the standing: the programme is behind while one country is.
    adopted = Observation(status=3)
    assert assess(rules, regional, adopted).status == Status.OFF_TRACK
    assert assess(rules, Observation(status=3), adopted).status == Status.ON_TRACK
    assert assess(rules, Observation(status=3), Observation(status=2)).status == Status.AHEAD


def test_qualitative_takes_the_latest_text() -> None:
    rules = Rules(Measure.QUALITATIVE, TimeRule.LATEST, CountryRule.NONE)
    cells = {(0, PROGRAMME): Observation(text="old"), (2, PROGRAMME): Observation(text="new")}
    assert value_to_date(rules, cells, 2) == Observation(text="new")
    assert assess(rules, value_to_date(rules, cells, 2), None).status == Status.NOT_ASSESSED


def test_no_data_is_none_never_zero() -> None:
    assert value_to_date(SUMMED, {}, 3) is None
    assert value_to_date(SUMMED, {(0, "KZ"): Observation()}, 0) is None
    assert value_to_date(SUMMED, {(2, "KZ"): num(5)}, 1) is None  # reported later than asked
    assert assess(SUMMED, None, num(10)).status == Status.NO_DATA
    assert value_to_date(SUMMED, {(0, "KZ"): num(0)}, 0) == num(0)  # a reported zero is a zero


def test_the_band_edges_exactly_85_and_115_percent_are_on_track() -> None:
    up = Rules(direction=Direction.INCREASE)
    down = Rules(direction=Direction.DECREASE)
    assert assess(up, num(85), num(100)).status == Status.ON_TRACK
    assert assess(up, num("84.99"), num(100)).status == Status.OFF_TRACK
    assert assess(up, num(115), num(100)).status == Status.ON_TRACK
    assert assess(up, num("115.01"), num(100)).status == Status.AHEAD
    assert assess(up, num(100), num(100)).status == Status.ON_TRACK
    assert assess(up, num(203), num(100)).status == Status.AHEAD  # over-achievement is its own standing
    # Lower is better: the band is mirrored.
    assert assess(down, num(115), num(100)).status == Status.ON_TRACK
    assert assess(down, num("115.01"), num(100)).status == Status.OFF_TRACK
    assert assess(down, num(85), num(100)).status == Status.ON_TRACK
    assert assess(down, num("84.99"), num(100)).status == Status.AHEAD
    assert assess(down, num(40), num(100)).status == Status.AHEAD
    assert assess(up, num(5), None).status == Status.NO_TARGET
    assert assess(up, None, None).status == Status.NO_DATA


def test_an_expected_zero_needs_no_division() -> None:
    up = Rules(direction=Direction.INCREASE)
    down = Rules(direction=Direction.DECREASE)
    assert assess(up, num(0), num(0)) == Assessment(Status.ON_TRACK, D(0), D(0), None)
    assert assess(up, num(3), num(0)).status == Status.AHEAD
    assert assess(down, num(0), num(0)).status == Status.ON_TRACK
    assert assess(down, num(2), num(0)).status == Status.OFF_TRACK
    assert assess(down, num(0), num(5)) == Assessment(Status.AHEAD, D(0), D(5), None)


def test_percent_of_target_follows_the_direction() -> None:
    up = assess(Rules(direction=Direction.INCREASE), num(5), num(12))
    assert up.ratio == D(5) / D(12)
    assert up.percent == D(500) / D(12)
    down = assess(Rules(direction=Direction.DECREASE), num(4), num(3))  # 4 hours against 3 expected
    assert down.ratio == D(3) / D(4)
    assert down.percent == D(75)
    assert down.status == Status.OFF_TRACK
    assert achievement(Direction.INCREASE, D(5), D(0)) is None
    assert achievement(Direction.DECREASE, D(0), D(5)) is None
    assert achievement(Direction.DECREASE, D(2), D(1)) == D("0.5")
    milestone = assess(Rules(Measure.MILESTONE), Observation(status=1), Observation(status=2))
    assert milestone.ratio is None and milestone.percent is None


def test_only_flows_are_pro_rated_by_elapsed_time() -> None:
    share = elapsed_share(datetime.date(2021, 1, 1), datetime.date(2024, 12, 31), datetime.date(2022, 12, 31))
    assert share == D(730) / D(1461)
    flows = Rules(Measure.NUMBER, TimeRule.PER_PERIOD)
    assert flows.flows
    assert pro_rated_target(flows, num(100), D("0.5")) == num(50)  # counts start at zero
    assert pro_rated_target(flows, num(60), D("0.6")) == num(36)
    assert pro_rated_target(flows, None, D("0.5")) is None
    for rules in (
        Rules(Measure.NUMBER, TimeRule.LATEST, direction=Direction.DECREASE),
        Rules(Measure.NUMBER, TimeRule.CUMULATIVE),
        Rules(Measure.PERCENTAGE, TimeRule.PER_PERIOD),
        Rules(Measure.PERCENTAGE, TimeRule.LATEST),
        Rules(Measure.MILESTONE),
        Rules(Measure.QUALITATIVE),
    ):
        assert not rules.flows
        assert pro_rated_target(rules, num(60), D("0.5")) is None


def test_elapsed_share_is_clamped_before_the_start_and_after_the_end() -> None:
    start, end = datetime.date(2024, 1, 1), datetime.date(2024, 1, 10)
    assert elapsed_share(start, end, datetime.date(2023, 6, 1)) == D(0)
    assert elapsed_share(start, end, datetime.date(2023, 12, 31)) == D(0)
    assert elapsed_share(start, end, start) == D(1) / D(10)
    assert elapsed_share(start, end, datetime.date(2024, 1, 9)) == D(9) / D(10)
    assert elapsed_share(start, end, end) == D(1)
    assert elapsed_share(start, end, datetime.date(2030, 1, 1)) == D(1)
    assert elapsed_share(start, start, start) == D(1)
    assert elapsed_share(end, start, start) == D(1)  # an end before the start: all elapsed


def test_period_targets_add_up_for_counts_and_fall_back_to_programme_wide() -> None:
    targets = {(0, "KZ"): num(10), (1, "KZ"): num(20), (0, "KG"): num(5), (1, "KG"): num(5)}
    assert target_to_date(SUMMED, targets, 1) == TargetInForce(num(40), 1)
    assert target_to_date(SUMMED, targets, 0) == TargetInForce(num(15), 0)
    assert target_to_date(SUMMED, targets, 1, ["KZ"]) == TargetInForce(num(30), 1)
    assert target_to_date(SUMMED, targets, 1, ["KZ", "KG"]) == TargetInForce(num(40), 1)
    targets[(1, PROGRAMME)] = num(33)
    assert target_to_date(SUMMED, targets, 1) == TargetInForce(num(33), 1)
    assert target_to_date(SUMMED, targets, 1, ["KZ"]) == TargetInForce(num(30), 1)  # a country's own


def test_the_target_in_force_is_the_latest_set_up_to_the_period_asked() -> None:
    level = Rules(Measure.PERCENTAGE, TimeRule.LATEST)
    targets = {(0, "KZ"): num(50), (2, "KZ"): num(60), (4, "KZ"): num(80)}
    assert target_to_date(level, targets, 0, ["KZ"]) == TargetInForce(num(50), 0)
    assert target_to_date(level, targets, 1, ["KZ"]) == TargetInForce(num(50), 0)  # still in force
    assert target_to_date(level, targets, 3, ["KZ"]) == TargetInForce(num(60), 2)
    assert target_to_date(level, targets, 4, ["KZ"]) == TargetInForce(num(80), 4)
    assert target_to_date(level, {(1, "KZ"): num(50)}, 0, ["KZ"]) is None  # set only for later


def test_programme_targets_average_levels_and_sum_counts_of_the_countries() -> None:
    targets = {(1, "KZ"): num(50), (1, "KG"): num(70)}
    for rules in (
        Rules(Measure.PERCENTAGE, TimeRule.LATEST, CountryRule.SUM),
        Rules(Measure.NUMBER, TimeRule.LATEST, CountryRule.AVERAGE),
        Rules(Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.AVERAGE),
    ):
        assert target_to_date(rules, targets, 1) == TargetInForce(num(60), 1)
    cumulative_sum = Rules(Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.SUM)
    assert target_to_date(cumulative_sum, targets, 1) == TargetInForce(num(120), 1)
    statuses = {(1, "KZ"): Observation(status=3), (0, "KG"): Observation(status=1)}
    got = target_to_date(Rules(Measure.MILESTONE), statuses, 1)
    assert got == TargetInForce(Observation(status=1), 1)


def test_expectation_takes_period_targets_then_pro_rates_flows_only() -> None:
    lop = num(60)
    assert expectation(SUMMED, {}, 2, None, life_target=lop, share=D("0.6")) == Expectation(
        num(36), Basis.PRO_RATED, lop, None, D("0.6")
    )
    targets = {(0, PROGRAMME): num(10), (1, PROGRAMME): num(20)}
    assert expectation(SUMMED, targets, 2, None, life_target=lop, share=D("0.6")) == Expectation(
        num(30), Basis.PERIODS_TO_DATE, num(30), 1
    )
    level = Rules(Measure.PERCENTAGE, TimeRule.LATEST)
    assert expectation(level, {}, 2, None, life_target=lop, share=D("0.6")) == Expectation(None)
    assert expectation(level, {}, 2, None, life_target=lop, share=D(1)) == Expectation(lop, Basis.LIFE, lop)
    assert expectation(level, targets, 2, None, life_target=lop, share=D("0.6")) == Expectation(
        num(20), Basis.PERIOD, num(20), 1
    )
    assert expectation(SUMMED, {}, 2, None, life_target=None, share=D("0.6")) == Expectation(None)
    text = Rules(Measure.QUALITATIVE)
    assert expectation(text, targets, 2, None, life_target=lop, share=D(1)) == Expectation(None)


def test_judge_answers_at_the_latest_period_with_data() -> None:
    ends = [datetime.date(2021, 12, 31), datetime.date(2022, 12, 31), datetime.date(2023, 12, 31)]
    start, end = datetime.date(2021, 1, 1), datetime.date(2023, 12, 31)
    cells = {(0, "KZ"): num(10), (1, "KZ"): num(8)}  # nothing yet in period 2
    targets = {(1, "KZ"): num(20), (2, "KZ"): num(999)}
    got = judge(SUMMED, cells, targets, 2, ["KZ"], period_ends=ends, start=start, end=end, life_target=None)
    assert got.position == 1
    assert got.actual == num(18)
    assert got.expected == num(20)
    assert got.target_position == 1
    assert got.status == Status.ON_TRACK  # 18 of 20 is 90 %
    # Without period targets a flow is pro-rated at the end of that period, or of `as_of` if sooner.
    lop = num(300)
    got = judge(SUMMED, cells, {}, 2, None, period_ends=ends, start=start, end=end, life_target=lop)
    assert got.basis == Basis.PRO_RATED and got.expected_by == ends[1]
    assert got.expected == num(D(300) * (D(730) / D(1095)))
    early = datetime.date(2021, 12, 31)
    got = judge(
        SUMMED, cells, {}, 2, None, period_ends=ends, start=start, end=end, life_target=lop, as_of=early
    )
    assert got.expected_by == early and got.expected == num(D(300) * (D(365) / D(1095)))
    nothing = judge(SUMMED, {}, targets, 2, None, period_ends=ends, start=start, end=end, life_target=lop)
    assert nothing.status == Status.NO_DATA and nothing.actual is None and nothing.expected is None
    # A not-aggregated indicator is the programme's figure for every reader.
    regional = Rules(Measure.NUMBER, TimeRule.PER_PERIOD, CountryRule.NONE)
    got = judge(
        regional,
        {(0, PROGRAMME): num(4)},
        {},
        2,
        ["KZ"],
        period_ends=ends,
        start=start,
        end=end,
        life_target=num(4),
    )
    assert got.actual == num(4)


def test_disaggregation_uses_the_same_rules() -> None:
    parts = {(0, "KZ"): {"Women": D(8), "Men": D(12)}, (1, "KZ"): {"Women": D(5), "Men": D(5)}}
    assert disaggregation_to_date(SUMMED, parts, 1) == {"Women": D(13), "Men": D(17)}
    cumulative = Rules(Measure.NUMBER, TimeRule.CUMULATIVE)
    assert disaggregation_to_date(cumulative, parts, 1) == {"Women": D(5), "Men": D(5)}


# --- properties --------------------------------------------------------------------------------

counts = st.integers(min_value=0, max_value=10_000)
countries = st.sampled_from(FIVE)
keys = st.tuples(st.integers(min_value=0, max_value=5), countries)
number_cells = st.dictionaries(keys, counts.map(num), max_size=30)
percentage_cells = st.dictionaries(
    keys,
    st.integers(min_value=1, max_value=500).flatmap(
        lambda d: st.integers(min_value=0, max_value=d).map(lambda n: pct(n, d))
    ),
    min_size=1,
    max_size=30,
)


@given(number_cells, st.integers(min_value=0, max_value=5))
def test_per_period_sum_is_the_sum_of_every_value_up_to_the_period(cells: dict, upto: int) -> None:
    expected = sum((o.value for (p, _c), o in cells.items() if p <= upto), D(0))
    got = value_to_date(SUMMED, cells, upto)
    if any(p <= upto for p, _c in cells):
        assert got == num(expected)
    else:
        assert got is None


@given(number_cells, st.integers(min_value=0, max_value=5))
def test_a_summed_region_is_the_sum_of_its_countries(cells: dict, upto: int) -> None:
    for rules in (SUMMED, Rules(Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.SUM)):
        regional = number(value_to_date(rules, cells, upto), Measure.NUMBER)
        national = [number(value_to_date(rules, cells, upto, [c]), Measure.NUMBER) for c in FIVE]
        reported = [v for v in national if v is not None]
        assert regional == (sum(reported, D(0)) if reported else None)


@given(percentage_cells, st.integers(min_value=0, max_value=5))
def test_a_pooled_percentage_lies_between_the_countries_and_weights_by_denominator(
    cells: dict, upto: int
) -> None:
    regional = value_to_date(POOLED, cells, upto)
    national = [value_to_date(POOLED, cells, upto, [c]) for c in FIVE]
    national = [o for o in national if o is not None]
    if not national:
        assert regional is None
        return
    assert regional is not None
    assert regional.numerator == sum((o.numerator for o in national), D(0))
    assert regional.denominator == sum((o.denominator for o in national), D(0))
    shares = [number(o, Measure.PERCENTAGE) for o in national]
    assert min(shares) <= number(regional, Measure.PERCENTAGE) <= max(shares)  # type: ignore[operator]


@given(st.lists(st.one_of(st.none(), st.integers(min_value=0, max_value=6)), min_size=1, max_size=12))
def test_a_milestone_over_countries_is_the_least_advanced_in_any_order(statuses: list) -> None:
    observations = [Observation(status=s) for s in statuses]
    reached = [s for s in statuses if s is not None]
    for how in ("sum", "average", "least"):
        for given_order in (observations, list(reversed(observations))):
            got = combine(Measure.MILESTONE, given_order, how)
            assert (got.status if got else None) == min(reached, default=None)
            if got is not None:
                assert sum(n for _s, n in got.spread) == len(reached)
    got = combine(Measure.MILESTONE, observations, "furthest")
    assert (got.status if got else None) == max(reached, default=None)


@given(st.lists(counts, min_size=1, max_size=10))
def test_an_average_lies_between_the_lowest_and_the_highest(values: list) -> None:
    got = combine(Measure.NUMBER, [num(v) for v in values], "average")
    assert got is not None and got.value is not None
    assert min(values) <= got.value <= max(values)


@given(st.dictionaries(keys, st.tuples(counts, counts), max_size=20), st.integers(min_value=0, max_value=5))
def test_disaggregated_values_that_add_up_per_entry_add_up_to_date(entries: dict, upto: int) -> None:
    cells = {k: num(a + b) for k, (a, b) in entries.items()}
    parts = {k: {"Women": D(a), "Men": D(b)} for k, (a, b) in entries.items()}
    for rules in (SUMMED, Rules(Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.SUM)):
        total = number(value_to_date(rules, cells, upto), Measure.NUMBER)
        split = disaggregation_to_date(rules, parts, upto)
        assert (sum(split.values(), D(0)) if split else None) == total


@given(
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=1, max_value=1000),
    st.sampled_from(list(Direction)),
)
def test_on_track_means_from_85_to_115_percent_of_the_expected_value(
    actual: int, expected: int, direction: Direction
) -> None:
    rules = Rules(direction=direction)
    status = assess(rules, num(actual), num(expected)).status
    share = D(actual) / D(expected)
    inside = D("0.85") <= share <= D("1.15")
    assert (status == Status.ON_TRACK) == inside
    better = share > D("1.15") if direction == Direction.INCREASE else share < D("0.85")
    assert (status == Status.AHEAD) == better
    assert (status == Status.OFF_TRACK) == (not inside and not better)


@given(number_cells, st.integers(min_value=0, max_value=5))
def test_nothing_reported_in_a_scope_is_no_data_never_zero(cells: dict, upto: int) -> None:
    for country in FIVE:
        reported = [o for (p, c), o in cells.items() if c == country and p <= upto]
        got = value_to_date(SUMMED, cells, upto, [country])
        assert (got is None) == (not reported)
