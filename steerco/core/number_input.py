"""Numbers as people type them: read in the reader's language, or refused with a message, never guessed.

Browsers' number inputs read what was typed by the browser's own locale and may drop a comma
they take for a thousands separator ("7,5" arrives as 75) or send nothing for text they cannot read.
So every number box is a text box, and the server reads it here, by the language of the page:

- Russian and Ukrainian write a decimal comma and group thousands with spaces: "7,5" is 7.5,
  "1 234,5" is 1234.5. A decimal point is read as a decimal point too ("7.5" is 7.5): these
  languages never group with points, so it cannot mean anything else.
- English writes a decimal point and may group thousands with commas. A lone comma that could be
  a decimal comma ("7,5", "1,234") is refused with both readings spelled out; a comma is taken as
  grouping only when nothing else is possible: full groups of three and either a decimal point
  after them ("1,234.5") or more than one group ("1,234,567").
- In every language spaces (also non-breaking and narrow ones) may group thousands in full groups
  of three; a minus sign may lead; nothing else (no exponents, no currency signs) is a number.

`parse_number` is the one rule; `NumberField`, `WholeNumberField` and `number_formfield` (a model
form's `Meta.formfield_callback`) put it into forms, and an import of spreadsheets can call it too.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.formats import get_format
from django.utils.translation import get_language, gettext

SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]")
MINUSES = "-\u2212\u2013"
GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+")
SPACED = re.compile(r"[0-9]{1,3}(?: [0-9]{3})+")
DIGITS = re.compile(r"[0-9]+")


def uses_decimal_comma(language: str | None = None) -> bool:
    """Does the language write 7,5 for seven and a half?"""
    return str(get_format("DECIMAL_SEPARATOR", language or get_language())) == ","


def _example(comma: bool) -> str:
    return "1234,5" if comma else "1234.5"


def _refuse(message: str, code: str, **params: str) -> ValidationError:
    return ValidationError(message, code=code, params=params)


def _whole_part(text: str) -> str | None:
    """The digits of the part before the decimal mark, with groups of spaces checked; None if malformed."""
    if " " in text:
        return text.replace(" ", "") if SPACED.fullmatch(text) else None
    return text if text == "" or DIGITS.fullmatch(text) else None


def parse_number(text: str, *, field: str = "", language: str | None = None) -> Decimal:
    """`text` as a Decimal, read as `language` (the active one by default) writes numbers.

    Raises ValidationError naming `field` and saying how to write the number when the text is not a
    number, or could be read in two ways.
    """
    comma = uses_decimal_comma(language)
    typed = text.strip()
    name = field or gettext("this number")
    params = {"field": name, "typed": typed, "example": _example(comma)}
    not_a_number = _refuse(
        gettext("%(field)s: “%(typed)s” is not a number; write it like %(example)s."), "invalid", **params
    )
    body = SPACES.sub(" ", typed)
    sign = ""
    if body[:1] in MINUSES or body[:1] == "+":
        sign = "-" if body[:1] in MINUSES else ""
        body = body[1:].lstrip()
    if not body or not re.fullmatch(r"[0-9 ,.]+", body) or not re.search(r"[0-9]", body):
        raise not_a_number
    commas, points = body.count(","), body.count(".")
    if comma:
        if commas and points:
            raise _refuse(
                gettext(
                    "%(field)s: “%(typed)s” has both a comma and a point; write decimals after one "
                    "comma and thousands with spaces or together, like %(example)s."
                ),
                "mixed",
                **params,
            )
        if commas + points > 1:
            raise not_a_number
        whole, _mark, decimals = body.replace(",", ".").partition(".")
    else:
        whole, _mark, decimals = body.partition(".")
        if points > 1 or "," in decimals:
            raise not_a_number
        if commas == 1 and not points:
            raise _ambiguous(params, sign + body)
        if commas:
            if not GROUPED.fullmatch(whole):
                raise not_a_number
            whole = whole.replace(",", "")
    digits = _whole_part(whole)
    if digits is None or (decimals and not DIGITS.fullmatch(decimals)) or not (digits or decimals):
        raise not_a_number
    try:
        return Decimal(f"{sign}{digits or '0'}" + (f".{decimals}" if decimals else ""))
    except InvalidOperation:  # pragma: no cover - the text is digits by now
        raise not_a_number from None


def _ambiguous(params: dict[str, str], body: str) -> ValidationError:
    """An English number with one comma and no point: 7,5 may be 7.5 or 75; 1,234 may be 1.234 or 1234."""
    return _refuse(
        gettext(
            "%(field)s: “%(typed)s” can be read two ways. Write %(decimal)s for a decimal number, "
            "or %(whole)s without the comma."
        ),
        "ambiguous",
        **params,
        decimal=body.replace(",", ".").replace(" ", ""),
        whole=body.replace(",", "").replace(" ", ""),
    )


def typed_form(value: Any, language: str | None = None) -> Any:
    """A stored number as a person would type it back: no grouping, no trailing zeros, the
    language's decimal mark ("7,5" in Russian). Anything else is returned as it is."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int, float)):
        return value
    number = Decimal(str(value))
    if not number.is_finite():
        return str(number)
    text = format(number.normalize(), "f") if number else "0"
    return text.replace(".", ",") if uses_decimal_comma(language) else text


class NumberField(forms.DecimalField):
    """A decimal typed in the reader's language (see `parse_number`), in a text box."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")
        self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value: Any) -> Decimal | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, (Decimal, int)) and not isinstance(value, bool):
            return Decimal(value)
        return parse_number(str(value), field=str(self.label or ""))

    def prepare_value(self, value: Any) -> Any:
        return typed_form(value)


class WholeNumberField(forms.IntegerField):
    """A whole number typed in the reader's language; "7,0" is 7, "7,5" is refused."""

    widget = forms.TextInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if not isinstance(self.widget, forms.HiddenInput):
            self.widget.attrs.setdefault("inputmode", "numeric")
            self.widget.attrs.setdefault("autocomplete", "off")

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        if value in self.empty_values:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        label = str(self.label or "")
        number = parse_number(str(value), field=label)
        if number != number.to_integral_value():
            raise _refuse(
                gettext("%(field)s: enter a whole number, not %(typed)s."),
                "whole",
                field=label or gettext("this number"),
                typed=str(value).strip(),
            )
        return int(number)

    def prepare_value(self, value: Any) -> Any:
        return typed_form(value)


def number_formfield(db_field: models.Field, **kwargs: Any) -> forms.Field | None:
    """`Meta.formfield_callback` of model forms: their number fields read the reader's language."""
    if not db_field.choices and not isinstance(db_field, models.AutoField):
        if isinstance(db_field, models.DecimalField):
            kwargs.setdefault("form_class", NumberField)
        elif isinstance(db_field, models.IntegerField):
            kwargs.setdefault("form_class", WholeNumberField)
    return db_field.formfield(**kwargs)
