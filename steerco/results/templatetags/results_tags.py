"""Showing indicator figures the same way on every page: numbers, percentages, statuses, no data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from steerco.core.numbers import format_number, format_percent
from steerco.results.board import Progress, figure_text
from steerco.results.rules import Assessment, Measure, Observation, number

register = template.Library()


def plain_number(value: Decimal | str | None, places: int = 1) -> str:
    """A figure rounded half up to `places` decimals (none shown for whole numbers), in the
    reader's locale; "" for nothing."""
    return format_number(value, places)


def _figure(value: Observation | Decimal | None, indicator: Any, whole: bool) -> SafeString:
    measure = indicator.measure
    if isinstance(value, Observation) and value.is_empty:
        value = None
    if isinstance(value, Observation):
        if measure == Measure.QUALITATIVE:
            return format_html('<span class="qualitative">{}</span>', value.text)
        if measure == Measure.MILESTONE:
            return format_html('<span class="milestone">{}</span>', figure_text(value, indicator))
        if measure == Measure.PERCENTAGE and value.numerator is not None and value.denominator:
            return format_html(
                "{} <small>({} / {})</small>",
                format_percent(number(value, measure), 1),
                plain_number(value.numerator),
                plain_number(value.denominator),
            )
    text = figure_text(value, indicator, whole=whole)
    if not text:
        return format_html('<span class="nodata">{}</span>', _("no data"))
    if measure == Measure.MILESTONE:
        return format_html('<span class="milestone">{}</span>', text)
    return format_html("{}", text)


@register.filter
def figure(value: Observation | Decimal | None, indicator: Any) -> SafeString:
    """An indicator's figure as people read it; "no data" (never 0) when nothing was reported."""
    return _figure(value, indicator, whole=False)


@register.filter
def expected_figure(progress: Progress) -> SafeString:
    """The expected value of a standing; an expected count reads in whole units."""
    return _figure(progress.expected, progress.indicator, whole=progress.whole)


@register.filter
def badge(assessment: Assessment | Progress) -> SafeString:
    found: Assessment = assessment.assessment if isinstance(assessment, Progress) else assessment
    return format_html('<span class="badge {}">{}</span>', found.status, found.status.label)


@register.filter
def percent_of_target(assessment: Assessment | Progress) -> str:
    """The "% of target" figure: actual ÷ expected (expected ÷ actual when lower is better)."""
    found: Assessment = assessment.assessment if isinstance(assessment, Progress) else assessment
    if found.percent is None:
        return ""
    return _("%(percent)s of the target to date") % {"percent": format_percent(found.percent, 0)}


@register.filter
def num(value: Decimal | None) -> str:
    return plain_number(value)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
