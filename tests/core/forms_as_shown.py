"""Post a form page back as a person would: every field as the page showed it, with some changes."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django import forms
from django.db import models


def shown_data(form: forms.BaseForm) -> dict[str, Any]:
    """The form's values as its page shows them, in the shape a browser posts them."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        bound = form[name]
        if field.disabled or isinstance(field, forms.FileField):
            continue
        value = bound.value()
        key = bound.html_name
        if isinstance(field, forms.BooleanField):
            if value:
                data[key] = "on"
            continue
        if isinstance(value, (list, tuple)):
            data[key] = [_text(v) for v in value]
        else:
            data[key] = _text(value)
    return data


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, models.Model):
        return str(value.pk)
    if isinstance(value, (datetime.date, Decimal)):
        return str(value)
    return str(value)


def text_field(form: forms.BaseForm) -> str | None:
    """A free-text field of a model form to change (no choices, codes or addresses), if it has one."""
    instance = getattr(form, "instance", None)
    if instance is None:
        return None
    for name, field in form.fields.items():
        try:
            model_field = instance._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form field of no model field
            continue
        # A text's version in one language (`name_ru`) is a text field like the text itself.
        model_field = getattr(model_field, "translated_field", model_field)
        if (
            type(model_field) in (models.CharField, models.TextField)
            and not model_field.choices
            and not field.disabled
            and name not in ("slug", "iati_ref", "iati_identifier", "code", "currency")
        ):
            return name
    return None
