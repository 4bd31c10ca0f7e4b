"""Bounds on what people type: the length of every text, the plausible size of counts and amounts.

Character fields carry their own `max_length`; long texts (TextField) get one here, at start-up, for
every model of the project, so a form, a service, an import and the API refuse a 100,000-character
text alike, with the message at the field. Number fields' own minimum and maximum are handed to their
form fields, so "1 to 5" reads as such rather than as the column type's "≥ 0".
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _

# A long text: a description, notes, a narrative, a news item.
LONG_TEXT = 10_000
# A text meant as one or two sentences: an action, a recommendation, a result statement.
SENTENCE = 2_000
SENTENCE_FIELDS = {
    ("delivery", "recommendation", "text"),
    ("steering", "actionpoint", "text"),
    ("results", "result", "statement"),
}
# More units of one lot, or more participants in one event, is a typing slip, not a delivery.
MAX_UNITS = 1_000_000
MAX_PARTICIPANTS = 100_000
UNITS = [MaxValueValidator(MAX_UNITS)]
HEADCOUNT = [MaxValueValidator(MAX_PARTICIPANTS)]
AMOUNT = [MinValueValidator(Decimal("0"))]


# Control characters have no place in what people type: a form feed or an escape pasted into a name
# breaks the Word files (XML cannot hold them) and hides text. A short field is one line as well.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
LINE_BREAK = re.compile("[\r\n]")


def validate_printable(value: Any) -> None:
    if isinstance(value, str) and CONTROL.search(value):
        raise ValidationError(
            _("This text holds an invisible control character (such as a form feed); remove it."),
            code="control_character",
        )


def validate_single_line(value: Any) -> None:
    validate_printable(value)
    if isinstance(value, str) and LINE_BREAK.search(value):
        raise ValidationError(_("This field takes one line: remove the line breaks."), code="line_break")


def text_limit(field: models.Field[Any, Any]) -> int:
    model = field.model
    key = (model._meta.app_label, model._meta.model_name, field.name)
    return SENTENCE if key in SENTENCE_FIELDS else LONG_TEXT


def number_bounds(field: models.Field[Any, Any]) -> dict[str, Any]:
    """The tightest minimum and maximum among a number field's validators, as form-field arguments."""
    lows = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    highs = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    bounds: dict[str, Any] = {}
    if lows:
        bounds["min_value"] = max(lows)
    if highs:
        bounds["max_value"] = min(highs)
    return bounds


def _with_form_arguments(field: models.Field[Any, Any], arguments: Any) -> None:
    original = field.formfield

    def formfield(**kwargs: Any) -> Any:
        return original(**{**arguments(field), **kwargs})

    field.formfield = formfield  # type: ignore[method-assign]


def bound_fields() -> None:
    """Apply the bounds to every text and number field of the project's models (once, at start-up)."""
    for model in apps.get_models():
        if not model.__module__.startswith("steerco."):
            continue
        for field in model._meta.concrete_fields:
            if getattr(field, "_steerco_bounded", False):
                continue
            if isinstance(field, models.TextField):
                limit = text_limit(field)
                field.default_validators = [
                    *field.default_validators,
                    MaxLengthValidator(limit),
                    validate_printable,
                ]
                field.__dict__.pop("validators", None)
                _with_form_arguments(field, lambda f, limit=limit: {"max_length": limit})
            elif isinstance(field, models.CharField):
                field.default_validators = [*field.default_validators, validate_single_line]
                field.__dict__.pop("validators", None)
            elif isinstance(field, (models.IntegerField, models.DecimalField)) and not field.primary_key:
                _with_form_arguments(field, number_bounds)
            else:
                continue
            setattr(field, "_steerco_bounded", True)  # noqa: B010 (a mark on a field instance)
