from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .comments import MAX_LENGTH
from .models import Delivery, Kind


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}), max_length=MAX_LENGTH, strip=True
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class PreferencesForm(forms.Form):
    """One choice per kind of notification: at once, in the daily digest, or never."""

    def __init__(self, *args: Any, current: dict[str, str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                choices=Delivery.choices,
                initial=current.get(kind.value, Delivery.AT_ONCE),
                widget=forms.RadioSelect,
            )
