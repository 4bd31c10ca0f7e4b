"""Checks on an indicator's targets: what a target may be, and whether period targets fit the whole.

A refused target is one that cannot be reached by any value the indicator takes (a count below
zero, a share above 100 %, a status not in the list). Period targets that add up to more than the
life-of-programme target, or to less once they reach the last period, are allowed — plans change —
but said aloud on the targets page and the indicator page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING

from django.utils.translation import gettext

from steerco.core.numbers import format_number

from .rules import PROGRAMME, CountryRule, Measure, TimeRule

if TYPE_CHECKING:
    from steerco.programmes.models import ReportingPeriod

    from .models import Indicator


def target_error(indicator: Indicator, value: Decimal) -> str | None:
    """Why `value` cannot be a target of `indicator`, or None when it can."""
    if indicator.measure == Measure.NUMBER and value < 0:
        return gettext("A target cannot be below zero: the values of this indicator never are.")
    if indicator.measure == Measure.PERCENTAGE and not 0 <= value <= 100:
        return gettext("A percentage lies between 0 and 100.")
    if indicator.measure == Measure.MILESTONE:
        statuses = indicator.milestone_statuses or []
        if value != value.to_integral_value() or not 0 <= value < len(statuses):
            return gettext("Choose one of the indicator's statuses.")
    return None


def sum_warning(
    indicator: Indicator,
    targets: Mapping[tuple[int, str], Decimal],
    periods: Sequence[ReportingPeriod],
) -> str | None:
    """For a per-period count with a life-of-programme target: a warning when the period targets
    (programme-wide ones, or else the countries' under a summing rule) add up to more than it, or
    to less although they run to the programme's last period. None otherwise."""
    lop = indicator.target_value
    if (
        lop is None
        or indicator.measure != Measure.NUMBER
        or indicator.time_rule != TimeRule.PER_PERIOD
        or not periods
    ):
        return None
    programme_wide = {p: v for (p, c), v in targets.items() if c == PROGRAMME}
    if programme_wide:
        used = programme_wide
    elif indicator.country_rule == CountryRule.SUM:
        used = {}
        for (period_id, _country), value in targets.items():
            used[period_id] = used.get(period_id, Decimal(0)) + value
    else:
        return None
    known = {p.pk for p in periods}
    total = sum((v for p, v in used.items() if p in known), Decimal(0))
    numbers = {"total": format_number(total), "target": format_number(lop)}
    if total > lop:
        return (
            gettext(
                "The period targets add up to %(total)s, more than the life-of-programme "
                "target of %(target)s."
            )
            % numbers
        )
    if total < lop and periods[-1].pk in used:
        return (
            gettext(
                "The period targets run to the last period and add up to %(total)s, less than the "
                "life-of-programme target of %(target)s."
            )
            % numbers
        )
    return None
