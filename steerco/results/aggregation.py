"""The one place that turns indicator values into the figures shown anywhere (DESIGN §4).

The rules are pure functions over `Observation`s keyed by (period position, country), so they can
be tested on their own; `load_board` fetches approved values, targets and computed values for many
indicators at once with a fixed number of queries and answers questions about them.

Semantics, in short (docs/results.md has the full text):
- a country's value to date follows the time rule: *per period* adds the periods up,
  *cumulative* takes the latest running total, *latest* takes the latest level;
- countries combine by the country rule: *sum*, *average*, *latest* (most recently reported), or
  *not aggregated*, where only programme-wide values (country "") count for the programme;
- percentages add numerators and denominators, never percentages;
- milestones take the furthest status reached; qualitative values the latest text;
- nothing reported is `None` ("no data"), never zero.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any

from django.db import models
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from steerco.programmes.models import ReportingPeriod

    from .models import Indicator

PROGRAMME = ""  # the country key of a programme-wide value
TOLERANCE = Decimal("0.15")
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
    ON_TRACK = "on_track", _("on track")
    OFF_TRACK = "off_track", _("off track")
    NO_DATA = "no_data", _("no data")
    NO_TARGET = "no_target", _("no target")
    NOT_ASSESSED = "not_assessed", _("reported")


@dataclass(frozen=True)
class Observation:
    value: Decimal | None = None  # numbers; for percentages use numerator/denominator instead
    numerator: Decimal | None = None
    denominator: Decimal | None = None
    status: int | None = None  # milestones: index into the indicator's ordered statuses
    text: str = ""  # qualitative

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


def combine(measure: str, observations: Iterable[Observation | None], how: str) -> Observation | None:
    """Several observations as one: `how` is "sum", "average" or "latest" (the last one given)."""
    given = [o for o in observations if o is not None and not o.is_empty]
    if not given:
        return None
    if measure == Measure.MILESTONE:
        reached = [o.status for o in given if o.status is not None]
        return Observation(status=max(reached)) if reached else None
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


def contributors(rules: Rules, keys: Iterable[Key], countries: Collection[str] | None) -> list[str]:
    """Whose values make up the scope: the given countries, or for the programme every country
    that reported (or only the programme-wide value when the indicator is not aggregated)."""
    if countries is not None:
        return sorted(set(countries))
    if rules.country_rule == CountryRule.NONE:
        return [PROGRAMME]
    return sorted({c for _p, c in keys if c != PROGRAMME})


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
    how = COUNTRY_HOW[rules.country_rule]

    def order(key: Key) -> tuple[Any, ...]:
        return (key[0], recency.get(key) if recency else None, key[1]) if recency else key

    if rules.time_rule == TimeRule.LATEST and rules.measure != Measure.MILESTONE:
        last = latest_period(cells, upto, who)
        if last is None:
            return None
        keys = sorted(((last, c) for c in who if (last, c) in cells), key=order)
        return combine(rules.measure, (cells[k] for k in keys), how)
    per_country: list[tuple[tuple[Any, ...], Observation]] = []
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


def target_to_date(
    rules: Rules, targets: Mapping[Key, Observation], upto: int, countries: Collection[str] | None = None
) -> Observation | None:
    """The period targets' answer to "what should have been reached by `upto`", or None.

    Targets are set in the terms of the period values: per-period numbers add up, everything else
    takes the latest target. For the programme, programme-wide targets win; without them country
    targets of a summed or averaged number indicator combine like its values; otherwise None.
    """
    numeric_sum = rules.measure == Measure.NUMBER and rules.time_rule == TimeRule.PER_PERIOD
    time_how = "sum" if numeric_sum else "latest"
    as_numbers = Measure.MILESTONE if rules.measure == Measure.MILESTONE else Measure.NUMBER

    def to_date(country: str) -> Observation | None:
        keys = sorted((p, c) for (p, c) in targets if c == country and p <= upto)
        return combine(as_numbers, (targets[k] for k in keys), time_how)

    if countries is not None:
        return combine(as_numbers, (to_date(c) for c in sorted(set(countries))), "sum")
    regional = to_date(PROGRAMME)
    if regional is not None or rules.country_rule == CountryRule.NONE:
        return regional
    if rules.measure != Measure.NUMBER or rules.country_rule not in (CountryRule.SUM, CountryRule.AVERAGE):
        return None
    national = [to_date(c) for c in sorted({c for _p, c in targets if c != PROGRAMME})]
    return combine(Measure.NUMBER, national, COUNTRY_HOW[rules.country_rule])


def elapsed_share(start: datetime.date, end: datetime.date, until: datetime.date) -> Decimal:
    """The share of the programme's time, from `start` to `end`, elapsed by the end of day `until`."""
    total = (end - start).days + 1
    if total <= 0:
        return Decimal(1)
    # Counted in days, not by moving dates: no stored date, however far, overflows.
    done = min(max((until - start).days + 1, 0), total)
    return Decimal(done) / Decimal(total)


def pro_rated_target(
    rules: Rules, target: Observation | None, baseline: Observation | None, share: Decimal
) -> Observation | None:
    """The life-of-programme target scaled to the share of time elapsed, starting from the baseline
    (from zero for per-period counts, which add up flows rather than move a level)."""
    goal = number(target, rules.measure)
    if goal is None or rules.measure == Measure.QUALITATIVE:
        return None
    flows = rules.measure == Measure.NUMBER and rules.time_rule == TimeRule.PER_PERIOD
    start = Decimal(0) if flows else (number(baseline, rules.measure) or Decimal(0))
    expected = start + (goal - start) * share
    if rules.measure == Measure.MILESTONE:
        return Observation(status=int(expected.to_integral_value(rounding=ROUND_FLOOR)))
    return Observation(value=expected)


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


def assess(rules: Rules, actual: Observation | None, expected: Observation | None) -> Assessment:
    """On track when within the tolerance of the expected value on the unfavourable side; beating
    the target is on track. Lower-is-better indicators mirror the test."""
    if rules.measure == Measure.QUALITATIVE:
        has_text = actual is not None and bool(actual.text)
        return Assessment(Status.NOT_ASSESSED if has_text else Status.NO_DATA)
    got = number(actual, rules.measure)
    if got is None:
        return Assessment(Status.NO_DATA)
    want = number(expected, rules.measure)
    if want is None:
        return Assessment(Status.NO_TARGET, actual=got)
    ratio: Decimal | None = None
    if rules.measure == Measure.MILESTONE:
        on_track = got >= want
    elif rules.direction == Direction.DECREASE:
        on_track = got <= want * (1 + TOLERANCE)
        ratio = want / got if got else None
    else:
        on_track = got >= want * (1 - TOLERANCE)
        ratio = got / want if want else None
    return Assessment(Status.ON_TRACK if on_track else Status.OFF_TRACK, got, want, ratio)


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


# --- loading figures for many indicators at once ---------------------------------------------


@dataclass
class Figures:
    """What the rules need about one indicator: its approved (or computed) values and targets."""

    indicator: Indicator
    cells: dict[Key, Observation] = field(default_factory=dict)
    recency: dict[Key, Any] = field(default_factory=dict)
    targets: dict[Key, Observation] = field(default_factory=dict)
    parts: dict[str, dict[Key, dict[str, Decimal]]] = field(default_factory=dict)  # category id → …


@dataclass(frozen=True)
class Progress:
    """An indicator's standing for a scope: value to date, expected value, and the verdict."""

    actual: Observation | None
    expected: Observation | None
    assessment: Assessment
    period: ReportingPeriod | None  # the latest period with data
    expected_from: str  # "targets", "pro-rated" or ""


@dataclass
class Board:
    """Approved and computed figures of many indicators, over the periods of one programme."""

    periods: list[ReportingPeriod]
    start: datetime.date
    end: datetime.date
    figures: dict[int, Figures]
    lop_for_countries: bool = False  # a single-country programme: the country's targets are the programme's
    unknown_computations: set[str] = field(default_factory=set)

    @property
    def position(self) -> dict[int, int]:
        return {p.pk: i for i, p in enumerate(self.periods)}

    def upto(self, period: ReportingPeriod | None) -> int:
        if period is None:
            return len(self.periods) - 1
        return self.position[period.pk]

    def lop_applies(self, indicator: Indicator, countries: Collection[str] | None) -> bool:
        """Does the life-of-programme target speak for this scope? For the programme, yes; for a
        country, when the programme has only that one, or when the target is a level, a share or a
        status that each country should reach (not a total that the countries add up to)."""
        if countries is None or self.lop_for_countries:
            return True
        return indicator.measure in (Measure.PERCENTAGE, Measure.MILESTONE) or indicator.country_rule in (
            CountryRule.AVERAGE,
            CountryRule.LATEST,
        )

    def value(
        self, indicator: Indicator, countries: Collection[str] | None = None, upto: int | None = None
    ) -> Observation | None:
        fig = self.figures[indicator.pk]
        last = len(self.periods) - 1 if upto is None else upto
        return value_to_date(indicator.rules, fig.cells, last, countries, fig.recency)

    def progress(
        self, indicator: Indicator, countries: Collection[str] | None = None, upto: int | None = None
    ) -> Progress:
        rules = indicator.rules
        fig = self.figures[indicator.pk]
        last = len(self.periods) - 1 if upto is None else upto
        position = latest_period(fig.cells, last, contributors(rules, fig.cells.keys(), countries))
        if position is None:
            return Progress(None, None, Assessment(Status.NO_DATA), None, "")
        actual = value_to_date(rules, fig.cells, position, countries, fig.recency)
        expected = target_to_date(rules, fig.targets, position, countries)
        source = "targets" if expected is not None else ""
        if expected is None and self.lop_applies(indicator, countries):
            share = elapsed_share(self.start, self.end, self.periods[position].end)
            expected = pro_rated_target(
                rules, indicator.target_observation(), indicator.baseline_observation(), share
            )
            source = "pro-rated" if expected is not None else ""
        return Progress(actual, expected, assess(rules, actual, expected), self.periods[position], source)

    def series(
        self, indicator: Indicator, countries: Collection[str] | None = None
    ) -> list[tuple[ReportingPeriod, Decimal | None, Decimal | None]]:
        """(period, value to date, expected to date) for each period: the chart of target vs actual."""
        rules = indicator.rules
        fig = self.figures[indicator.pk]
        who = contributors(rules, fig.cells.keys(), countries)
        rows = []
        for i, period in enumerate(self.periods):
            # A period nobody reported in has no point on the chart, even when a total runs on.
            reported = any(not fig.cells[(i, c)].is_empty for c in who if (i, c) in fig.cells)
            actual = value_to_date(rules, fig.cells, i, countries, fig.recency) if reported else None
            expected = target_to_date(rules, fig.targets, i, countries)
            if expected is None and self.lop_applies(indicator, countries):
                share = elapsed_share(self.start, self.end, period.end)
                expected = pro_rated_target(
                    rules, indicator.target_observation(), indicator.baseline_observation(), share
                )
            rows.append((period, number(actual, rules.measure), number(expected, rules.measure)))
        return rows

    def breakdown(
        self, indicator: Indicator, countries: Collection[str] | None = None
    ) -> dict[str, dict[str, Decimal]]:
        """Category id → option → value to date."""
        fig = self.figures[indicator.pk]
        last = len(self.periods) - 1
        return {
            category: disaggregation_to_date(indicator.rules, parts, last, countries)
            for category, parts in fig.parts.items()
        }


def load_board(
    user: Any,
    indicators: Sequence[Indicator],
    periods: Sequence[ReportingPeriod],
    countries: Sequence[str],
    *,
    start: datetime.date,
    end: datetime.date,
    lop_for_countries: bool = False,
    with_parts: bool = False,
) -> Board:
    """Approved values and targets of `indicators` that `user` may see, plus computed values for
    the visible `countries`: two queries, and one per kind of computation in use."""
    from .computed import source
    from .models import IndicatorUpdate, Target, UpdateState

    position = {p.pk: i for i, p in enumerate(periods)}
    figures = {i.pk: Figures(i) for i in indicators}
    typed = [i.pk for i in indicators if not i.computation]
    fields = ["indicator_id", "period_id", "country", "value", "numerator", "denominator", "status", "text"]
    fields += ["reviewed_at", "id"] + (["disaggregated"] if with_parts else [])
    rows = (
        IndicatorUpdate.objects.restrict(user)
        .filter(indicator_id__in=typed, state=UpdateState.APPROVED, period_id__in=list(position))
        .order_by()
        .values(*fields)
        if typed
        else []
    )
    for row in rows:
        fig = figures[row["indicator_id"]]
        key = (position[row["period_id"]], row["country"])
        fig.cells[key] = Observation(
            value=row["value"],
            numerator=row["numerator"],
            denominator=row["denominator"],
            status=row["status"],
            text=row["text"],
        )
        fig.recency[key] = (
            row["reviewed_at"] or datetime.datetime.min.replace(tzinfo=datetime.timezone.utc),
            row["id"],
        )
        for category, values in (row.get("disaggregated") or {}).items():
            fig.parts.setdefault(str(category), {})[key] = {
                str(o): Decimal(str(v)) for o, v in values.items() if v not in (None, "")
            }
    if indicators:
        for indicator_id, period_id, country, value in (
            Target.objects.restrict(user)
            .filter(indicator_id__in=list(figures), period_id__in=list(position))
            .order_by()
            .values_list("indicator_id", "period_id", "country", "value")
        ):
            fig = figures[indicator_id]
            measure = fig.indicator.measure
            target = (
                Observation(status=int(value)) if measure == Measure.MILESTONE else Observation(value=value)
            )
            fig.targets[(position[period_id], country)] = target
    by_kind: dict[str, list[Indicator]] = defaultdict(list)
    for indicator in indicators:
        if indicator.computation:
            by_kind[indicator.computation].append(indicator)
    unknown: set[str] = set()
    allowed = set(countries) | {PROGRAMME}
    for kind, batch in by_kind.items():
        try:
            computed = source(kind)
        except KeyError:
            unknown.add(kind)
            continue
        answers = computed.compute(
            [(i, dict(i.computation_params)) for i in batch], list(periods), list(countries)
        )
        for (indicator_id, period_id, country), observation in answers.items():
            if indicator_id in figures and period_id in position and country in allowed:
                figures[indicator_id].cells[(position[period_id], country)] = observation
    return Board(
        periods=list(periods),
        start=start,
        end=end,
        figures=figures,
        lop_for_countries=lop_for_countries,
        unknown_computations=unknown,
    )
