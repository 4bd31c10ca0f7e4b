"""The window of dates steerco accepts: one rule for every date field, in forms, services and imports.

A programme of this kind runs for a few years; a date decades away is a typing slip (9999 for 2025),
and one stored far out of range used to break every page that draws a timeline. The window is wide
enough for any programme's history and plans, and narrow enough that date arithmetic never overflows.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

EARLIEST = datetime.date(1990, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def validate_plausible_date(value: datetime.date | None) -> None:
    """Refuse a date outside 1990-01-01 … 2100-12-31, naming the window."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s; %(value)s is outside that range.")
            % {"earliest": EARLIEST.isoformat(), "latest": LATEST.isoformat(), "value": day.isoformat()},
            code="date_range",
        )


def within_window(day: datetime.date) -> datetime.date:
    """`day` moved into the window: for drawing a value stored before the rule existed."""
    return min(max(day, EARLIEST), LATEST)


def elapsed_share(start: datetime.date, end: datetime.date, until: datetime.date) -> Decimal:
    """The share of the time from `start` to `end` elapsed by the end of day `until`: 0 before the
    start, 1 from the end on. Counted in days, not by moving dates, so no stored date overflows."""
    total = (end - start).days + 1
    if total <= 0:
        return Decimal(1)
    done = min(max((until - start).days + 1, 0), total)
    return Decimal(done) / Decimal(total)


def guard_date_fields() -> None:
    """Give every date field of steerco's models the window as a validator (called once, at start-up).

    Set as the field's default validators, it takes effect wherever the model is validated (model
    forms, services' `full_clean`, imports) without naming it in each field or in migrations.
    """
    for model in apps.get_models():
        if not model.__module__.startswith("steerco."):
            continue
        for field in model._meta.concrete_fields:
            if (
                isinstance(field, models.DateField)
                and not isinstance(field, models.DateTimeField)
                and validate_plausible_date not in field.default_validators
            ):
                field.default_validators = [*field.default_validators, validate_plausible_date]
                field.__dict__.pop("validators", None)  # a cached list from before
                _offer_window(field)


def _offer_window(field: models.DateField) -> None:
    """The form field's date picker offers only the window, as the browser's first check."""
    original = field.formfield

    def formfield(**kwargs: Any) -> Any:
        form_field = original(**kwargs)
        if form_field is not None:
            form_field.widget.attrs.setdefault("min", EARLIEST.isoformat())
            form_field.widget.attrs.setdefault("max", LATEST.isoformat())
        return form_field

    field.formfield = formfield  # type: ignore[method-assign]
