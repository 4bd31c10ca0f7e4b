"""Budget figures on pages, through the one number formatter (`steerco.core.numbers`)."""

from __future__ import annotations

from decimal import Decimal

from django import template

from steerco.core.numbers import format_money, format_percent

register = template.Library()


@register.filter
def money(amount: Decimal | None, currency: str = "") -> str:
    """An amount in whole units, grouped: `{{ line.amount|money }}`, `{{ total|money:"EUR" }}`."""
    return format_money(amount, currency)


@register.filter
def percent(percentage: Decimal | None) -> str:
    """A percentage already worked out (e.g. `BudgetAsOf.used`), rounded half up; "—" for none."""
    return format_percent(percentage) or "—"
