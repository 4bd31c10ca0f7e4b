"""The rules that turn indicator values and targets into the figures and standings shown anywhere.

Pure functions over `Observation`s keyed by (period position, country): no queries, no models, so
every rule can be tested on its own (`board.py` loads the rows they work on). docs/results.md has
the full text; in short:

- a country's value to date follows the time rule: *per period* adds the periods up,
  *cumulative* takes the latest running total, *latest* takes the latest level;
- countries combine by the country rule: *sum*, *average*, *latest* (most recently reported), or
  *not aggregated*, where only programme-wide values (country "") count;
- percentages add numerators and denominators, never percentages;
- a milestone is, per country, the furthest status reached; over countries, the least advanced
  country's, with the count of countries at each status; qualitative values take the latest
  text and are not judged;
- the expected value is the period target in force; only flows (per-period counts) fall back to
  the life-of-programme target pro-rated by elapsed time;
- ahead above 115 % of the expected value, on track from 85 % to 115 % (both edges included), off
  track below 85 % (mirrored when lower is better);
- nothing reported is `None` ("no data"), never zero; nothing is rounded here (that happens once,
  at display, in `steerco/core/numbers.py`).
"""

from __future__ import annotations

import datetime
import enum
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from steerco.core.dates import elapsed_share

PROGRAMME = ""  # the country key of a programme-wide value
TOLERANCE = Decimal("0.15")
LOWER = 1 - TOLERANCE  # 85 %: still on track
UPPER = 1 + TOLERANCE  # 115 %: still on track
HUNDRED = Decimal(100)


class Measure(models.TextChoices):
    NUMBER = "number", _("Number")
    PERCENTAGE = "percentage", _("Percentage (numerator and denominator)")
    MILESTONE = "milestone", _("Milestone (ordered statuses)")
    QUALITATIVE = "qualitative", _("Qualitative (text)")


class Direction(models.TextChoices):
    INCREASE = "increase", _("Higher is better")
    DECREASE = "decrease", _("Lower is better")


class TimeRule(models.TextChoices):
    PER_PERIOD = "per_period", _("Per period: values of the periods add up")
    CUMULATIVE = "cumulative", _("Cumulative: each value is the running total, take the latest")
    LATEST = "latest", _("Latest: each value is a level, take the latest")


class CountryRule(models.TextChoices):
    SUM = "sum", _("Sum of the countries")
    AVERAGE = "average", _("Average of the countries")
    LATEST = "latest", _("Latest value reported by a country")
    NONE = "none", _("Not aggregated: reported once for the whole programme")


class Status(models.TextChoices):
    AHEAD = "ahead", _("ahead")
    ON_TRACK = "on_track", _("on track")
    OFF_TRACK = "off_track", _("off track")
    NO_DATA = "no_data", _("no data")
    NO_TARGET = "no_target", _("no target")
    NOT_ASSESSED = "not_assessed", _("reported")


JUDGED = (Status.AHEAD, Status.ON_TRACK, Status.OFF_TRACK)


class Basis(enum.Enum):
    """Which target a standing is judged against."""

    NONE = ""
    PERIOD = "period"  # the latest period target set up to the period asked (a level, a share, a status)
    PERIODS_TO_DATE = "periods"  # per-period counts: the period targets added up to the period asked
    PRO_RATED = "pro-rated"  # per-period counts without period targets: the life-of-programme target × time
    LIFE = "life"  # the programme's time is over: the life-of-programme target itself


@dataclass(frozen=True)
class Observation:
    value: Decimal | None = None  # numbers; for percentages use numerator/denominator instead
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: int | None = None  # milestones: index into the indicator's ordered statuses
    text: str = ""  # qualitative
    # Milestones over several countries: (status, number of countries at it), most advanced first.
    spread: tuple[tuple[int, int], ...] = ()

    @property
    def is_empty(self) -> bool:
        return (
            self.value is None
            and (self.numerator is None or self.denominator is None)
            and self.status is None
            and not self.text
        )


@dataclass(frozen=True)
class Rules:
    measure: Measure = Measure.NUMBER
    time_rule: TimeRule = TimeRule.PER_PERIOD
    country_rule: CountryRule = CountryRule.SUM
    direction: Direction = Direction.INCREASE

    @property
    def flows(self) -> bool:
        """Per-period counts: flows that accumulate, the only figures pro-rated by elapsed time."""
        return self.measure == Measure.NUMBER and self.time_rule == TimeRule.PER_PERIOD


Key = tuple[int, str]  # (position of the period in time, ISO country or PROGRAMME)


def number(observation: Observation | None, measure: str) -> Decimal | None:
    """The one figure of an observation: the value, the percentage, or the milestone's position."""
    if observation is None or observation.is_empty:
        return None
    if measure == Measure.PERCENTAGE:
        if observation.numerator is None or not observation.denominator:
            return observation.value
        return observation.numerator * HUNDRED / observation.denominator
    if measure == Measure.MILESTONE:
        return None if observation.status is None else Decimal(observation.status)
    if measure == Measure.QUALITATIVE:
        return None
    return observation.value


def _spread(given: Sequence[Observation]) -> tuple[tuple[int, int], ...]:
    counts: Counter[int] = Counter()
    for o in given:
        if o.spread:
            counts.update(dict(o.spread))
        elif o.status is not None:
            counts[o.status] += 1
    return tuple(sorted(counts.items(), reverse=True))


def combine(measure: str, observations: Iterable[Observation | None], how: str) -> Observation | None:
    """Several observations as one: `how` is "sum", "average", "latest" (the last one given),
    or for milestones "furthest" / "least" (the furthest or least advanced status)."""
    given = [o for o in observations if o is not None and not o.is_empty]
    if not given:
        return None
    if measure == Measure.MILESTONE:
        reached = [o for o in given if o.status is not None]
        if not reached:
            return None
        spread = _spread(reached)
        if how == "furthest":
            return Observation(status=max(o.status for o in reached if o.status is not None))
        if how == "latest":
            return Observation(status=reached[-1].status, spread=spread)
        least = min(o.status for o in reached if o.status is not None)
        return Observation(status=least, spread=spread)
    if measure == Measure.QUALITATIVE:
        texts = [o.text for o in given if o.text]
        return Observation(text=texts[-1]) if texts else None
    if how == "latest":
        return given[-1]
    if measure == Measure.PERCENTAGE:
        pairs = [(o.numerator, o.denominator) for o in given if o.numerator is not None and o.denominator]
        if not pairs:
            return None
        # Pooling numerators and denominators is the percentage of the whole, whatever `how` says.
        return Observation(
            numerator=sum((n for n, _d in pairs), Decimal(0)),
            denominator=sum((d for _n, d in pairs), Decimal(0)),
        )
    values = [o.value for o in given if o.value is not None]
    if not values:
        return None
    total = sum(values, Decimal(0))
    return Observation(value=total / len(values) if how == "average" else total)


COUNTRY_HOW = {
    CountryRule.SUM: "sum",
    CountryRule.AVERAGE: "average",
    CountryRule.LATEST: "latest",
    CountryRule.NONE: "sum",
}


def country_how(rules: Rules) -> str:
    """How the countries' values combine. A milestone made of country milestones is the least
    advanced country's, whatever its country rule says (sum, average or latest): the programme has
    reached a status when every country has, never when the furthest one has."""
    if rules.measure == Measure.MILESTONE:
        return "least"
    return COUNTRY_HOW[rules.country_rule]


def contributors(rules: Rules, keys: Iterable[Key], countries: Collection[str] | None) -> list[str]:
    """Whose values make up the scope: the given countries, or for the programme every country
    that reported (or only the programme-wide value when the indicator is not aggregated).

    Records kept for the whole programme (computed values under PROGRAMME, such as regional events)
    count for the programme beside the countries' under a sum or the latest; an average is one of
    countries, which a programme-wide record is not."""
    if countries is not None:
        return sorted(set(countries))
    if rules.country_rule == CountryRule.NONE:
        return [PROGRAMME]
    if rules.country_rule == CountryRule.AVERAGE:
        return sorted({c for _p, c in keys if c != PROGRAMME})
    return sorted({c for _p, c in keys})


def latest_period(cells: Mapping[Key, Observation], upto: int, who: Collection[str]) -> int | None:
    """The position of the latest period up to `upto` in which one of `who` reported something."""
    found = [p for (p, c), o in cells.items() if p <= upto and c in who and not o.is_empty]
    return max(found) if found else None


def value_to_date(
    rules: Rules,
    cells: Mapping[Key, Observation],
    upto: int,
    countries: Collection[str] | None = None,
    recency: Mapping[Key, Any] | None = None,
) -> Observation | None:
    """The value of an indicator up to the period at position `upto`, for some countries or
    (countries=None) the whole programme. `recency` orders values reported in the same period,
    for the "latest" country rule; without it, country codes break the tie."""
    who = contributors(rules, cells.keys(), countries)
    how = country_how(rules)

    def order(key: Key) -> tuple[Any, ...]:
        return (key[0], recency.get(key) if recency else None, key[1]) if recency else key

    if rules.time_rule == TimeRule.LATEST and rules.measure != Measure.MILESTONE:
        last = latest_period(cells, upto, who)
        if last is None:
            return None
        keys = sorted(((last, c) for c in who if (last, c) in cells), key=order)
        return combine(rules.measure, (cells[k] for k in keys), how)
    per_country: list[tuple[tuple[Any, ...], Observation]] = []
    if rules.measure == Measure.MILESTONE:
        time_how = "furthest"  # a status once reached stays reached
    else:
        time_how = "sum" if rules.time_rule == TimeRule.PER_PERIOD else "latest"
    for country in who:
        keys = sorted(((p, c) for (p, c) in cells if c == country and p <= upto), key=order)
        keys = [k for k in keys if not cells[k].is_empty]
        if not keys:
            continue
        value = combine(rules.measure, (cells[k] for k in keys), time_how)
        if value is not None:
            per_country.append((order(keys[-1]), value))
    per_country.sort(key=lambda pair: pair[0])
    return combine(rules.measure, (v for _k, v in per_country), how)


@dataclass(frozen=True)
class TargetInForce:
    """A target the value is judged against: its value and the period it belongs to (the latest
    one counted when period targets add up)."""

    value: Observation
    position: int


def target_to_date(
    rules: Rules, targets: Mapping[Key, Observation], upto: int, countries: Collection[str] | None = None
) -> TargetInForce | None:
    """The period targets' answer to "what should have been reached by `upto`", or None.

    Targets are set in the terms of the period values: per-period counts add up, everything else
    takes the latest target set up to `upto` (the target in force). For the programme,
    programme-wide targets win; without them the countries' targets combine: counts of summed
    indicators add up, other numbers and percentages average, milestones take the least advanced.
    """
    time_how = "sum" if rules.flows else "latest"
    as_numbers = Measure.MILESTONE if rules.measure == Measure.MILESTONE else Measure.NUMBER
    if rules.measure == Measure.MILESTONE:
        across = "least"
    elif rules.measure == Measure.NUMBER and rules.country_rule == CountryRule.SUM:
        across = "sum"
    else:
        across = "average"

    def to_date(country: str) -> TargetInForce | None:
        keys = sorted(
            (p, c) for (p, c) in targets if c == country and p <= upto and not targets[(p, c)].is_empty
        )
        value = combine(as_numbers, (targets[k] for k in keys), time_how)
        return TargetInForce(_bare(value), keys[-1][0]) if value is not None else None

    def across_countries(codes: Iterable[str]) -> TargetInForce | None:
        found = [t for t in (to_date(c) for c in codes) if t is not None]
        value = combine(as_numbers, (t.value for t in found), across)
        return TargetInForce(_bare(value), max(t.position for t in found)) if value is not None else None

    if countries is not None:
        return across_countries(sorted(set(countries)))
    regional = to_date(PROGRAMME)
    if regional is not None or rules.country_rule == CountryRule.NONE:
        return regional
    return across_countries(sorted({c for _p, c in targets if c != PROGRAMME}))


def _bare(observation: Observation | None) -> Observation:
    assert observation is not None
    return (
        Observation(value=observation.value, status=observation.status) if observation.spread else observation
    )


def pro_rated_target(rules: Rules, target: Observation | None, share: Decimal) -> Observation | None:
    """A flow's life-of-programme target scaled to the share of time elapsed (from zero); None for
    any other measure, which is not expected to grow with the calendar."""
    goal = number(target, rules.measure)
    if goal is None or not rules.flows:
        return None
    return Observation(value=goal * share)


@dataclass(frozen=True)
class Expectation:
    """What the value is judged against, and on what basis."""

    expected: Observation | None
    basis: Basis = Basis.NONE
    target: Observation | None = None  # the target in force (a period's, the periods' to date, or the LoP)
    target_position: int | None = None  # the period the target belongs to; None for the LoP target
    share: Decimal | None = None  # pro-rating: the share of the programme's time elapsed


def expectation(
    rules: Rules,
    targets: Mapping[Key, Observation],
    upto: int,
    countries: Collection[str] | None,
    *,
    life_target: Observation | None,
    share: Decimal,
) -> Expectation:
    """The expected value at the end of the period at `upto`: the period target in force; for a
    flow without period targets, the life-of-programme target pro-rated by `share`; for anything
    else, the life-of-programme target once the programme's time is over (`share` 1); else none.
    `life_target` is None when the life-of-programme target does not speak for the scope."""
    if rules.measure == Measure.QUALITATIVE:
        return Expectation(None)
    in_force = target_to_date(rules, targets, upto, countries)
    if in_force is not None:
        basis = Basis.PERIODS_TO_DATE if rules.flows else Basis.PERIOD
        return Expectation(in_force.value, basis, in_force.value, in_force.position)
    if life_target is None or life_target.is_empty:
        return Expectation(None)
    if rules.flows:
        return Expectation(
            pro_rated_target(rules, life_target, share), Basis.PRO_RATED, life_target, None, share
        )
    if share >= 1:
        return Expectation(life_target, Basis.LIFE, life_target)
    return Expectation(None)


@dataclass(frozen=True)
class Assessment:
    status: Status
    actual: Decimal | None = None
    expected: Decimal | None = None
    # How much of the expected value is achieved: actual ÷ expected, or expected ÷ actual when lower
    # is better; None for milestones and when dividing by zero.
    ratio: Decimal | None = None

    @property
    def percent(self) -> Decimal | None:
        return None if self.ratio is None else self.ratio * HUNDRED


def achievement(direction: str, actual: Decimal, expected: Decimal) -> Decimal | None:
    """The share of the expected value achieved, the right way up; None rather than a division by zero."""
    if direction == Direction.DECREASE:
        return expected / actual if actual else None
    return actual / expected if expected else None


def assess(rules: Rules, actual: Observation | None, expected: Observation | None) -> Assessment:
    """Ahead above 115 % of the expected value, on track from 85 % to 115 % (both included), off
    track below; lower-is-better indicators mirror the test (a value above 115 % of the expected is
    off track, below 85 % ahead). A milestone is on track at the expected status, ahead past it."""
    if rules.measure == Measure.QUALITATIVE:
        has_text = actual is not None and bool(actual.text)
        return Assessment(Status.NOT_ASSESSED if has_text else Status.NO_DATA)
    got = number(actual, rules.measure)
    if got is None:
        return Assessment(Status.NO_DATA)
    want = number(expected, rules.measure)
    if want is None:
        return Assessment(Status.NO_TARGET, actual=got)
    if rules.measure == Measure.MILESTONE:
        status = Status.AHEAD if got > want else Status.ON_TRACK if got == want else Status.OFF_TRACK
        return Assessment(status, got, want)
    # Compared by multiplication, so an expected 0 needs no division.
    low, high = want * LOWER, want * UPPER
    if rules.direction == Direction.DECREASE:
        status = Status.OFF_TRACK if got > high else Status.AHEAD if got < low else Status.ON_TRACK
    else:
        status = Status.OFF_TRACK if got < low else Status.AHEAD if got > high else Status.ON_TRACK
    return Assessment(status, got, want, achievement(rules.direction, got, want))


def disaggregation_to_date(
    rules: Rules,
    parts: Mapping[Key, Mapping[str, Decimal]],
    upto: int,
    countries: Collection[str] | None = None,
) -> dict[str, Decimal]:
    """Each option's value to date, by the same time and country rules as the total."""
    as_numbers = Rules(Measure.NUMBER, rules.time_rule, rules.country_rule, rules.direction)
    options = sorted({o for values in parts.values() for o in values})
    totals: dict[str, Decimal] = {}
    for option in options:
        cells = {k: Observation(value=v[option]) for k, v in parts.items() if v.get(option) is not None}
        value = number(value_to_date(as_numbers, cells, upto, countries), Measure.NUMBER)
        if value is not None:
            totals[option] = value
    return totals


@dataclass(frozen=True)
class Standing:
    """The standing of an indicator for a period and scope: the answer every page and pack shows."""

    actual: Observation | None
    expected: Observation | None
    assessment: Assessment
    position: int | None  # the latest period with data, up to the period asked
    basis: Basis = Basis.NONE
    target: Observation | None = None
    target_position: int | None = None
    share: Decimal | None = None
    expected_by: datetime.date | None = None  # the day the expected value is worked out for

    @property
    def status(self) -> Status:
        return self.assessment.status


def judge(
    rules: Rules,
    cells: Mapping[Key, Observation],
    targets: Mapping[Key, Observation],
    upto: int,
    countries: Collection[str] | None,
    *,
    period_ends: Sequence[datetime.date],
    start: datetime.date,
    end: datetime.date,
    life_target: Observation | None,
    recency: Mapping[Key, Any] | None = None,
    as_of: datetime.date | None = None,
) -> Standing:
    """The standing at the end of the latest period with data up to `upto` (capped at `as_of`):
    value to date, the expected value and the target it comes from, and the verdict.
    A not-aggregated indicator is always the programme's figure, whoever reads it."""
    if rules.country_rule == CountryRule.NONE:
        countries = None
    position = latest_period(cells, upto, contributors(rules, cells.keys(), countries))
    if position is None:
        return Standing(None, None, Assessment(Status.NO_DATA), None)
    actual = value_to_date(rules, cells, position, countries, recency)
    by = period_ends[position] if as_of is None else min(period_ends[position], as_of)
    share = elapsed_share(start, end, by)
    found = expectation(rules, targets, position, countries, life_target=life_target, share=share)
    return Standing(
        actual,
        found.expected,
        assess(rules, actual, found.expected),
        position,
        found.basis,
        found.target,
        found.target_position,
        found.share,
        by,
    )
