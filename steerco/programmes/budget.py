"""The one budget computation: current budget, lines, unallocated remainder, spend and time, as of a date.

The budget page, the programme overview, the amendments page and the meeting pack's budget section
all read a `BudgetAsOf`; none works a budget figure out on its own. Rules:

- the current budget is the initial budget plus the amendments signed on or before the date;
- spend to date counts the periods that had started by the date (and, for a pack, ended by the end
  of the period reviewed); spend in the period is the period reviewed's;
- the share used is spend to date against the CURRENT budget, never against the lines' total;
- what the lines leave of the current budget is said ("EUR 1,500,000 not allocated to a line"); lines
  that add up to more than the current budget are said too, with the excess, and the share used stays
  against the current budget;
- the share of time elapsed runs from the planned start to the end date in force on the date,
  clamped at both ends.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from steerco.core.dates import elapsed_share
from steerco.core.numbers import share

from .models import Amendment, BudgetLine, Expenditure, Programme, ProgrammeTerms, ReportingPeriod

ZERO = Decimal(0)


@dataclass(frozen=True)
class LineUse:
    """One budget line and what was spent on it, in total and per country ("" for programme-wide)."""

    line: BudgetLine
    to_date: Decimal = ZERO
    in_period: Decimal = ZERO
    by_country: dict[str, Decimal] = field(default_factory=dict)

    @property
    def used(self) -> Decimal | None:
        """Spend to date as a percentage of the line (unrounded); None for a line of zero."""
        return share(self.to_date, self.line.amount)


@dataclass(frozen=True)
class BudgetAsOf:
    """The programme's budget and its use on one date; figures unrounded, formatted at display."""

    as_of: datetime.date
    currency: str
    terms: ProgrammeTerms  # budget and end date in force on `as_of`
    start: datetime.date
    lines: list[LineUse]
    period: ReportingPeriod | None = None

    @property
    def current_budget(self) -> Decimal:
        return self.terms.budget

    @property
    def allocated(self) -> Decimal:
        return sum((use.line.amount for use in self.lines), ZERO)

    @property
    def unallocated(self) -> Decimal:
        """What the lines leave of the current budget; zero when they take it all or more."""
        return max(self.current_budget - self.allocated, ZERO)

    @property
    def over_allocated(self) -> Decimal:
        """By how much the lines exceed the current budget; zero when they fit."""
        return max(self.allocated - self.current_budget, ZERO)

    @property
    def spent_to_date(self) -> Decimal:
        return sum((use.to_date for use in self.lines), ZERO)

    @property
    def spent_in_period(self) -> Decimal:
        return sum((use.in_period for use in self.lines), ZERO)

    @property
    def used(self) -> Decimal | None:
        """Spend to date as a percentage of the current budget (unrounded); None without a budget."""
        return share(self.spent_to_date, self.current_budget)

    @property
    def used_of_lines(self) -> Decimal | None:
        return share(self.spent_to_date, self.allocated)

    @property
    def spend_until(self) -> datetime.date:
        """The last day the spend counts to: the end of the period reviewed, or the date itself."""
        return min(self.as_of, self.period.end) if self.period else self.as_of

    @property
    def elapsed(self) -> Decimal:
        """The share of the programme's time elapsed by `spend_until`, as a percentage (unrounded)."""
        return elapsed_share(self.start, self.terms.end, self.spend_until) * 100

    def spent_in(self, country: str) -> Decimal:
        return sum((use.by_country.get(country, ZERO) for use in self.lines), ZERO)


def budget_as_of(
    programme: Programme,
    on: datetime.date,
    *,
    amendments: Iterable[Amendment] | None = None,
    lines: QuerySet[BudgetLine] | None = None,
    spend: QuerySet[Expenditure] | None = None,
    period: ReportingPeriod | None = None,
    countries: Q | None = None,
) -> BudgetAsOf:
    """The budget on `on` (three queries, two when the amendments are given).

    `lines` and `spend` are the querysets to read from (a selector passes them restricted to its
    reader); `period` is the period reviewed: spend to date then stops at its end and spend in the
    period is its own; `countries` narrows the spend (a national pack's country and programme-wide).
    """
    if amendments is None:
        amendments = list(Amendment.objects.filter(programme=programme))
    lines = BudgetLine.objects.all() if lines is None else lines
    spend = Expenditure.objects.all() if spend is None else spend
    counted = spend.filter(budget_line__programme=programme, period__start__lte=on).filter(countries or Q())
    sums: dict[str, Any] = {"to_date": Sum("amount")}
    if period is not None:
        counted = counted.filter(period__end__lte=period.end)
        sums["in_period"] = Sum("amount", filter=Q(period=period))
    rows: Iterable[Any] = counted.values("budget_line_id", "country").annotate(**sums).order_by()
    to_date: dict[int, Decimal] = {}
    in_period: dict[int, Decimal] = {}
    by_country: dict[int, dict[str, Decimal]] = {}
    for row in rows:
        line_id = row["budget_line_id"]
        amount = row["to_date"] or ZERO
        to_date[line_id] = to_date.get(line_id, ZERO) + amount
        in_period[line_id] = in_period.get(line_id, ZERO) + (row.get("in_period") or ZERO)
        by_country.setdefault(line_id, {})[str(row["country"] or "")] = amount
    uses = [
        LineUse(
            line=line,
            to_date=to_date.get(line.pk, ZERO),
            in_period=in_period.get(line.pk, ZERO),
            by_country=by_country.get(line.pk, {}),
        )
        for line in lines.filter(programme=programme).select_related("component")
    ]
    return BudgetAsOf(
        as_of=on,
        currency=programme.currency,
        terms=programme.current_terms(list(amendments), on=on),
        start=programme.planned_start,
        lines=uses,
        period=period,
    )
