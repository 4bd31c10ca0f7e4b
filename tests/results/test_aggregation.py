"""The aggregation rules of DESIGN §4: worked examples first, then properties that hold for any data."""

from __future__ import annotations

import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from steerco.results.rules import (
    PROGRAMME,
    CountryRule,
    Direction,
    Measure,
    Observation,
    Rules,
    Status,
    TimeRule,
    assess,
    combine,
    disaggregation_to_date,
    elapsed_share,
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


def test_milestones_take_the_furthest_status() -> None:
    rules = Rules(Measure.MILESTONE, TimeRule.LATEST, CountryRule.LATEST)
    cells = {
        (0, "KZ"): Observation(status=3),
        (1, "KZ"): Observation(status=1),
        (1, "KG"): Observation(status=2),
    }
    assert value_to_date(rules, cells, 1) == Observation(status=3)
    assert value_to_date(rules, cells, 1, ["KG"]) == Observation(status=2)


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


def test_direction_decides_whether_lower_is_better() -> None:
    up = Rules(direction=Direction.INCREASE)
    down = Rules(direction=Direction.DECREASE)
    assert assess(up, num(86), num(100)).status == Status.ON_TRACK
    assert assess(up, num(84), num(100)).status == Status.OFF_TRACK
    assert assess(up, num(300), num(100)).status == Status.ON_TRACK  # beating the target
    assert assess(down, num(114), num(100)).status == Status.ON_TRACK
    assert assess(down, num(116), num(100)).status == Status.OFF_TRACK
    assert assess(down, num(40), num(100)).status == Status.ON_TRACK
    assert assess(up, num(5), None).status == Status.NO_TARGET


def test_the_target_is_pro_rated_by_elapsed_time_from_the_baseline() -> None:
    share = elapsed_share(datetime.date(2021, 1, 1), datetime.date(2024, 12, 31), datetime.date(2022, 12, 31))
    assert share == D(730) / D(1461)
    flows = Rules(Measure.NUMBER, TimeRule.PER_PERIOD)
    level = Rules(Measure.NUMBER, TimeRule.LATEST, direction=Direction.DECREASE)
    assert pro_rated_target(flows, num(100), num(40), D("0.5")) == num(50)  # counts start at zero
    assert pro_rated_target(level, num(60), num(100), D("0.5")) == num(80)  # levels move from the baseline
    milestone = Rules(Measure.MILESTONE)
    assert pro_rated_target(milestone, Observation(status=3), None, D("0.5")) == Observation(status=1)


def test_period_targets_add_up_for_counts_and_fall_back_to_programme_wide() -> None:
    targets = {(0, "KZ"): num(10), (1, "KZ"): num(20), (0, "KG"): num(5), (1, "KG"): num(5)}
    assert target_to_date(SUMMED, targets, 1) == num(40)
    assert target_to_date(SUMMED, targets, 1, ["KZ"]) == num(30)
    targets[(1, PROGRAMME)] = num(33)
    assert target_to_date(SUMMED, targets, 1) == num(33)
    level = Rules(Measure.PERCENTAGE, TimeRule.LATEST)
    assert target_to_date(level, {(0, "KZ"): num(50), (1, "KZ"): num(60)}, 1, ["KZ"]) == num(60)
    assert target_to_date(level, {(0, "KZ"): num(50)}, 1) is None  # no averaging of percentages


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
def test_a_milestone_is_the_furthest_status_in_any_order(statuses: list) -> None:
    observations = [Observation(status=s) for s in statuses]
    expected = max((s for s in statuses if s is not None), default=None)
    for how in ("sum", "average", "latest"):
        got = combine(Measure.MILESTONE, observations, how)
        assert (got.status if got else None) == expected
        got = combine(Measure.MILESTONE, list(reversed(observations)), how)
        assert (got.status if got else None) == expected


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
def test_on_track_means_within_fifteen_percent_on_the_unfavourable_side(
    actual: int, expected: int, direction: Direction
) -> None:
    rules = Rules(direction=direction)
    status = assess(rules, num(actual), num(expected)).status
    if direction == Direction.INCREASE:
        assert (status == Status.ON_TRACK) == (D(actual) >= D(expected) * D("0.85"))
    else:
        assert (status == Status.ON_TRACK) == (D(actual) <= D(expected) * D("1.15"))


@given(number_cells, st.integers(min_value=0, max_value=5))
def test_nothing_reported_in_a_scope_is_no_data_never_zero(cells: dict, upto: int) -> None:
    for country in FIVE:
        reported = [o for (p, c), o in cells.items() if c == country and p <= upto]
        got = value_to_date(SUMMED, cells, upto, [country])
        assert (got is None) == (not reported)
