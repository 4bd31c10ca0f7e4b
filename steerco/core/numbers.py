"""The one way figures become text: rounded half up once, at display, then written in the reader's locale.

Django's `number_format` cuts digits off (41.666 with one place reads 41.6); every figure shown on a
page, in a pack or in an export goes through `rounded` first, so 5/12 reads 41.7 % everywhere.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.utils.formats import number_format

HUNDRED = Decimal(100)
NBSP = "\u00a0"


def as_decimal(value: Decimal | float | int | str | None) -> Decimal | None:
    """A Decimal for any number people or the database give us; None for nothing or for non-numbers."""
    if value is None or value == "":
        return None
    if isinstance(value, Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


def rounded(value: Decimal | float | int, places: int = 0) -> Decimal:
    """`value` rounded half away from zero to `places` decimal places (the schoolbook rule)."""
    number = as_decimal(value)
    if number is None:
        raise ValueError(f"not a number: {value!r}")
    return number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def format_number(value: Decimal | float | int | str | None, places: int = 1) -> str:
    """A figure with up to `places` decimals, grouped; whole numbers show no decimals; "" for nothing."""
    number = as_decimal(value)
    if number is None:
        return "" if value is None or value == "" else str(value)
    number = rounded(number, places)
    if number == number.to_integral_value():
        return number_format(number, 0, force_grouping=True)
    return number_format(number.normalize(), None, force_grouping=True)


def share(part: Decimal | float | int | None, whole: Decimal | float | int | None) -> Decimal | None:
    """`part` as a percentage of `whole`, unrounded; None when either is missing or `whole` is zero."""
    p, w = as_decimal(part), as_decimal(whole)
    if p is None or w is None or not w:
        return None
    return p * HUNDRED / w


def format_percent(percentage: Decimal | float | int | None, places: int = 0) -> str:
    """A percentage (already ×100) as "41.7 %"; "" for none."""
    number = as_decimal(percentage)
    if number is None:
        return ""
    return format_number(number, places) + NBSP + "%"


def format_share(
    part: Decimal | float | int | None, whole: Decimal | float | int | None, places: int = 0
) -> str:
    """`part` of `whole` as a percentage, or "" when it cannot be computed (no data, zero whole)."""
    return format_percent(share(part, whole), places)


def format_money(amount: Decimal | float | int | None, currency: str = "") -> str:
    """An amount in whole currency units, grouped, after its currency code: "EUR 1,500,000"."""
    number = as_decimal(amount)
    if number is None:
        return "—"
    return f"{currency} {format_number(rounded(number), 0)}".strip()
