"""Showing indicator figures the same way on every page: numbers, percentages, statuses, no data."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from steerco.results.aggregation import Assessment, Measure, Observation, number

register = template.Library()


def plain_number(value: Decimal | str | None, places: int = 1) -> str:
    if value is None or value == "":
        return ""
    if not isinstance(value, Decimal):
        try:
            value = Decimal(str(value))
        except ArithmeticError:
            return str(value)
    if value == value.to_integral_value():
        return number_format(value, 0, force_grouping=True)
    return number_format(value, places, force_grouping=True)


@register.filter
def figure(value: Observation | Decimal | None, indicator: Any) -> SafeString:
    """An indicator's figure as people read it; "no data" (never 0) when nothing was reported."""
    measure = indicator.measure
    if isinstance(value, Observation):
        if value.is_empty:
            value = None
        elif measure == Measure.QUALITATIVE:
            return format_html('<span class="qualitative">{}</span>', value.text)
        elif measure == Measure.MILESTONE:
            return format_html('<span class="milestone">{}</span>', indicator.status_label(value.status))
        elif measure == Measure.PERCENTAGE and value.numerator is not None and value.denominator:
            return format_html(
                "{} % <small>({} / {})</small>",
                plain_number(number(value, measure)),
                plain_number(value.numerator),
                plain_number(value.denominator),
            )
        else:
            value = number(value, measure)
    if value is None:
        return format_html('<span class="nodata">{}</span>', _("no data"))
    if measure == Measure.MILESTONE:
        return format_html('<span class="milestone">{}</span>', indicator.status_label(int(value)))
    suffix = " %" if measure == Measure.PERCENTAGE else ""
    return format_html("{}{}", plain_number(value), suffix)


@register.filter
def badge(assessment: Assessment) -> SafeString:
    return format_html('<span class="badge {}">{}</span>', assessment.status, assessment.status.label)


@register.filter
def percent_of_target(assessment: Assessment) -> str:
    if assessment.percent is None:
        return ""
    return _("%(percent)s %% of the target to date") % {"percent": plain_number(assessment.percent, 0)}


@register.filter
def num(value: Decimal | None) -> str:
    return plain_number(value)


@register.filter
def get(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key) if hasattr(mapping, "get") else mapping[key]
    except (KeyError, IndexError, TypeError):
        return None
