"""Loading indicator figures for many indicators at once, and the one question every page asks.

`load_board` fetches approved values, targets and computed values with a fixed number of queries;
`Board.standing` answers "the standing of indicator I for period P in scope S as of date D" by
the rules of `rules.py`, with the target it is judged against and a short explanation. Logframe,
dashboards, indicator page, chart and meeting packs all ask it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from steerco.core.numbers import format_number, format_percent
from steerco.programmes.models import ReportingPeriod

from .computed import source
from .models import Indicator, IndicatorUpdate, Target, UpdateState
from .rules import (
    JUDGED,
    PROGRAMME,
    Assessment,
    Basis,
    CountryRule,
    Expectation,
    Key,
    Measure,
    Observation,
    Standing,
    Status,
    TargetInForce,
    contributors,
    disaggregation_to_date,
    elapsed_share,
    expectation,
    judge,
    number,
    target_to_date,
    value_to_date,
)


def figure_text(value: Observation | Decimal | None, indicator: Indicator, *, whole: bool = False) -> str:
    """An indicator's figure as plain text ("" for nothing), through the one number formatter.
    `whole` reads a count in whole units (an expected number of teams, not 35.5 teams)."""
    measure = indicator.measure
    if isinstance(value, Observation):
        if value.is_empty:
            return ""
        if measure == Measure.QUALITATIVE:
            return value.text
        if measure == Measure.MILESTONE:
            return milestone_text(value, indicator)
        value = number(value, measure)
    if value is None:
        return ""
    if measure == Measure.MILESTONE:
        return indicator.status_label(int(value))
    if measure == Measure.PERCENTAGE:
        return format_percent(value, 1)
    return format_number(value, 0 if whole else 1)


def milestone_text(value: Observation, indicator: Indicator) -> str:
    """One status, or over several countries the count at each: "3 adopted, 1 drafted"."""
    if sum(n for _s, n in value.spread) > 1:
        return ", ".join(
            _("%(count)s %(status)s") % {"count": n, "status": indicator.status_label(s)}
            for s, n in value.spread
        )
    return indicator.status_label(value.status)


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
    """An indicator's standing for a scope, with the periods named and the reason written out."""

    indicator: Indicator
    standing: Standing
    period: ReportingPeriod | None  # the latest period with data
    target_period: ReportingPeriod | None  # the period of the target in force; None for the LoP target

    @property
    def actual(self) -> Observation | None:
        return self.standing.actual

    @property
    def expected(self) -> Observation | None:
        return self.standing.expected

    @property
    def assessment(self) -> Assessment:
        return self.standing.assessment

    @property
    def status(self) -> Status:
        return self.standing.assessment.status

    @property
    def whole(self) -> bool:
        """Whether the expected value reads in whole units: a count of things."""
        return self.indicator.rules.flows

    @property
    def expected_text(self) -> str:
        return figure_text(self.expected, self.indicator, whole=self.whole)

    @property
    def actual_text(self) -> str:
        return figure_text(self.actual, self.indicator)

    @property
    def why(self) -> str:
        """What the verdict is judged against, e.g. "vs 2025 target 30"."""
        s = self.standing
        if s.status == Status.NO_TARGET:
            return _("no target set for this scope")
        if s.status not in JUDGED:
            return ""
        target = figure_text(s.target, self.indicator)
        if s.basis == Basis.PERIOD and self.target_period is not None:
            return _("vs %(period)s target %(target)s") % {
                "period": self.target_period.label,
                "target": target,
            }
        if s.basis == Basis.PERIODS_TO_DATE and self.target_period is not None:
            return _("vs %(target)s, the sum of the period targets to %(period)s") % {
                "target": target,
                "period": self.target_period.label,
            }
        if s.basis == Basis.PRO_RATED and s.expected_by is not None:
            return _(
                "vs %(expected)s expected by %(date)s (life-of-programme target %(target)s, pro-rated)"
            ) % {
                "expected": self.expected_text,
                "date": s.expected_by.isoformat(),
                "target": target,
            }
        return _("vs life-of-programme target %(target)s") % {"target": target}

    @property
    def percent_text(self) -> str:
        """The "% of target" figure: the value as a share of the expected one, direction-aware."""
        percent = self.assessment.percent
        return "" if percent is None else format_percent(percent, 0)


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
        """Does the life-of-programme target speak for this scope? For the programme, yes; for some
        countries, when the programme has only that one, or when the target is a level, a share or
        a status that each country should reach (not a total that the countries add up to)."""
        if countries is None or self.lop_for_countries:
            return True
        return indicator.measure in (Measure.PERCENTAGE, Measure.MILESTONE) or indicator.country_rule in (
            CountryRule.AVERAGE,
            CountryRule.LATEST,
        )

    def _life_target(self, indicator: Indicator, countries: Collection[str] | None) -> Observation | None:
        return indicator.target_observation() if self.lop_applies(indicator, countries) else None

    def value(
        self, indicator: Indicator, countries: Collection[str] | None = None, upto: int | None = None
    ) -> Observation | None:
        fig = self.figures[indicator.pk]
        last = len(self.periods) - 1 if upto is None else upto
        if indicator.country_rule == CountryRule.NONE:
            countries = None
        return value_to_date(indicator.rules, fig.cells, last, countries, fig.recency)

    def standing(
        self,
        indicator: Indicator,
        countries: Collection[str] | None = None,
        upto: int | None = None,
        as_of: datetime.date | None = None,
    ) -> Progress:
        """The standing of `indicator` for the period at `upto` (the last one by default) in the
        scope of `countries` (None: the whole programme), as of `as_of` (None: no cap)."""
        fig = self.figures[indicator.pk]
        if indicator.country_rule == CountryRule.NONE:
            countries = None  # reported once for the programme: the same figure for every reader
        standing = judge(
            indicator.rules,
            fig.cells,
            fig.targets,
            len(self.periods) - 1 if upto is None else upto,
            countries,
            period_ends=[p.end for p in self.periods],
            start=self.start,
            end=self.end,
            life_target=self._life_target(indicator, countries),
            recency=fig.recency,
            as_of=as_of,
        )
        return Progress(
            indicator,
            standing,
            None if standing.position is None else self.periods[standing.position],
            None if standing.target_position is None else self.periods[standing.target_position],
        )

    def target_at(
        self, indicator: Indicator, countries: Collection[str] | None = None, upto: int | None = None
    ) -> Expectation:
        """The target in force at the end of the period at `upto` for the scope, whether or not any
        value was reported by then (the IPTT's period columns, the EU matrix's intermediate targets)."""
        fig = self.figures[indicator.pk]
        if indicator.country_rule == CountryRule.NONE:
            countries = None
        last = len(self.periods) - 1 if upto is None else upto
        return expectation(
            indicator.rules,
            fig.targets,
            last,
            countries,
            life_target=self._life_target(indicator, countries),
            share=elapsed_share(self.start, self.end, self.periods[last].end),
        )

    def period_target(
        self, indicator: Indicator, countries: Collection[str] | None = None, upto: int | None = None
    ) -> TargetInForce | None:
        """The target that one period's own value is held against (the approval queue): for a
        per-period count the target set for that period alone, since such targets add up over the
        periods and `target_at` answers with their sum to date; for anything else the period target
        in force at the period's end (set for it or for an earlier period). None when none is set."""
        fig = self.figures[indicator.pk]
        if indicator.country_rule == CountryRule.NONE:
            countries = None
        last = len(self.periods) - 1 if upto is None else upto
        if indicator.rules.flows:
            own = {key: target for key, target in fig.targets.items() if key[0] == last}
            return target_to_date(indicator.rules, own, last, countries)
        found = self.target_at(indicator, countries, upto=last)
        if found.basis != Basis.PERIOD or found.target is None or found.target_position is None:
            return None
        return TargetInForce(found.target, found.target_position)

    def period_value(self, indicator: Indicator, country: str, upto: int) -> Observation | None:
        """The value approved (or computed) for one period and one country (PROGRAMME: programme-wide)
        as it was reported, not added up with other periods; None when there is none."""
        cell = self.figures[indicator.pk].cells.get((upto, country))
        return None if cell is None or cell.is_empty else cell

    def series(
        self, indicator: Indicator, countries: Collection[str] | None = None
    ) -> list[tuple[ReportingPeriod, Decimal | None, Decimal | None]]:
        """(period, value to date, expected to date) for each period: the chart of target vs actual."""
        rules = indicator.rules
        fig = self.figures[indicator.pk]
        if indicator.country_rule == CountryRule.NONE:
            countries = None
        who = contributors(rules, fig.cells.keys(), countries)
        life = self._life_target(indicator, countries)
        rows = []
        for i, period in enumerate(self.periods):
            # A period nobody reported in has no point on the chart, even when a total runs on.
            reported = any(not fig.cells[(i, c)].is_empty for c in who if (i, c) in fig.cells)
            actual = value_to_date(rules, fig.cells, i, countries, fig.recency) if reported else None
            share = elapsed_share(self.start, self.end, period.end)
            expected = expectation(rules, fig.targets, i, countries, life_target=life, share=share).expected
            rows.append((period, number(actual, rules.measure), number(expected, rules.measure)))
        return rows

    def targets_table(
        self, indicator: Indicator, isos: Sequence[str]
    ) -> list[tuple[ReportingPeriod, list[Observation | None]]]:
        """The targets set per period for each of `isos` (PROGRAMME for programme-wide ones)."""
        targets = self.figures[indicator.pk].targets
        return [(period, [targets.get((i, iso)) for iso in isos]) for i, period in enumerate(self.periods)]

    def breakdown(
        self, indicator: Indicator, countries: Collection[str] | None = None, upto: int | None = None
    ) -> dict[str, dict[str, Decimal]]:
        """Category id → option → value to date (to the period at `upto`, the last one by default)."""
        fig = self.figures[indicator.pk]
        last = len(self.periods) - 1 if upto is None else upto
        if indicator.country_rule == CountryRule.NONE:
            countries = None
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
