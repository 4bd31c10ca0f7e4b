"""`{% load figures %}`: the template side of `steerco.core.numbers`, so pages round as packs do.

`{{ n|number:0 }}` a count, `{{ x|number }}` a figure with one decimal at most, `{{ p|percent:1 }}` a
percentage already ×100 ("41.7 %"), `{{ part|share_of:whole }}` part of whole as a whole percentage,
`{{ amount|money:currency }}` an amount in whole currency units. Nothing shows as "" (or "—" for money).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template

from steerco.core import numbers

register = template.Library()


@register.filter
def number(value: Any, places: int = 1) -> str:
    return numbers.format_number(value, int(places))


@register.filter
def percent(value: Decimal | float | int | None, places: int = 0) -> str:
    return numbers.format_percent(value, int(places))


@register.filter
def share_of(part: Decimal | float | int | None, whole: Decimal | float | int | None) -> str:
    return numbers.format_share(part, whole)


@register.filter
def money(amount: Decimal | float | int | None, currency: str = "") -> str:
    return numbers.format_money(amount, currency)
