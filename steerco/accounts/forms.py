"""Forms for users, memberships and personal preferences."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _

from steerco.programmes.models import ProgrammeCountry

from .models import Membership, User


class UserForm(forms.ModelForm):
    password = forms.CharField(
        label=_("new password"),
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text=_("Leave empty to keep the current password."),
    )

    class Meta:
        model = User
        fields = [
            "username",
            "first_name",
            "last_name",
            "email",
            "organisation",
            "language",
            "is_active",
            "is_superuser",
        ]
        labels = {"is_superuser": _("administrator")}

    def clean_password(self) -> str:
        password: str = self.cleaned_data.get("password") or ""
        if password:
            password_validation.validate_password(password, self.instance)
        return password


class MembershipForm(forms.ModelForm):
    class Meta:
        model = Membership
        fields = ["programme", "country", "role"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        programme, country = data.get("programme"), data.get("country")
        if (
            programme
            and country
            and not ProgrammeCountry.objects.filter(programme=programme, country=country).exists()
        ):
            self.add_error(
                "country", _("%(programme)s does not work in this country.") % {"programme": programme}
            )
        return data


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
