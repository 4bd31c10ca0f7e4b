"""Forms for programmes and their frame; the models' own `clean` says what is wrong and where."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from steerco.core.content_forms import ContentLanguagesForm
from steerco.core.number_input import number_formfield
from steerco.core.permissions import limit_country_field
from steerco.core.roles import Action

from .models import (
    Amendment,
    BudgetLine,
    Component,
    Expenditure,
    Organisation,
    OrganisationKind,
    Person,
    Programme,
    ProgrammeCountry,
    ReportingPeriod,
    Risk,
)


class ChoiceFieldsMixin:
    fields: dict[str, forms.Field]

    def _choice(self, name: str) -> forms.ModelChoiceField:
        return cast(forms.ModelChoiceField, self.fields[name])


DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class OrganisationForm(ContentLanguagesForm):
    class Meta:
        model = Organisation
        fields = ["name", "short_name", "kind", "country", "iati_ref"]


class ProgrammeForm(ContentLanguagesForm):
    class Meta:
        model = Programme
        formfield_callback = number_formfield
        fields = [
            "slug",
            "code",
            "title",
            "description",
            "donor",
            "lead_implementer",
            "planned_start",
            "planned_end",
            "language",
            "currency",
            "initial_budget",
            "iati_identifier",
            "data_note",
        ]
        widgets = {
            "planned_start": DATE,
            "planned_end": DATE,
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def saved_main_language(self, cleaned_data: dict[str, Any]) -> str:
        return str(cleaned_data.get("language") or self.content_main_language)


class ProgrammeCountryForm(ChoiceFieldsMixin, forms.ModelForm):
    class Meta:
        model = ProgrammeCountry
        fields = ["country", "institutions", "notes"]
        widgets = {"institutions": forms.CheckboxSelectMultiple, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("institutions").queryset = Organisation.objects.filter(kind=OrganisationKind.BENEFICIARY)
        if self.instance.pk:
            self.fields["country"].disabled = True
            country = self.instance.country
            self._choice("institutions").queryset = Organisation.objects.filter(
                kind=OrganisationKind.BENEFICIARY, country=country
            )


class ComponentForm(ContentLanguagesForm):
    class Meta:
        model = Component
        fields = ["code", "title", "lead_partner", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class AmendmentForm(forms.ModelForm):
    class Meta:
        model = Amendment
        formfield_callback = number_formfield
        fields = [
            "signed_on",
            "kind",
            "reference",
            "budget_delta",
            "new_end_date",
            "shortens",
            "justification",
        ]
        widgets = {
            "signed_on": DATE,
            "new_end_date": DATE,
            "justification": forms.Textarea(attrs={"rows": 3}),
        }


class PeriodForm(ContentLanguagesForm):
    class Meta:
        model = ReportingPeriod
        fields = ["label", "kind", "start", "end", "locked"]
        widgets = {"start": DATE, "end": DATE}


class RiskForm(ChoiceFieldsMixin, ContentLanguagesForm):
    class Meta:
        model = Risk
        formfield_callback = number_formfield
        fields = [
            "title",
            "description",
            "country",
            "component",
            "likelihood",
            "impact",
            "mitigation",
            "owner",
            "status",
            "raised_on",
        ]
        widgets = {
            "raised_on": DATE,
            "description": forms.Textarea(attrs={"rows": 2}),
            "mitigation": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, programme: Programme, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("component").queryset = Component.objects.filter(programme=programme)
        codes = list(ProgrammeCountry.objects.filter(programme=programme).values_list("country", flat=True))
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = [("", "—")] + [(code, countries.name(code)) for code in codes]
        if user is not None:
            limit_country_field(country, user, Action.SETUP, programme.pk, codes)
        country.error_messages["invalid_choice"] = _(
            "The programme does not work in this country: add the country to the programme first."
        )


class BudgetLineForm(ChoiceFieldsMixin, ContentLanguagesForm):
    class Meta:
        model = BudgetLine
        formfield_callback = number_formfield
        fields = ["component", "label", "amount"]

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("component").queryset = Component.objects.filter(programme=programme)


class ExpenditureForm(ChoiceFieldsMixin, forms.ModelForm):
    class Meta:
        model = Expenditure
        formfield_callback = number_formfield
        fields = ["budget_line", "period", "country", "amount", "note"]

    def __init__(self, *args: Any, programme: Programme, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("budget_line").queryset = BudgetLine.objects.filter(programme=programme).select_related(
            "component"
        )
        self._choice("period").queryset = ReportingPeriod.objects.filter(programme=programme)
        codes = list(ProgrammeCountry.objects.filter(programme=programme).values_list("country", flat=True))
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = [("", "—")] + [(code, countries.name(code)) for code in codes]
        if user is not None:
            limit_country_field(country, user, Action.SETUP, programme.pk, codes)


def people_choice(form: forms.BaseForm, name: str, programme: Any) -> None:
    """A choice of the programme's people, each shown with their position and organisation."""
    field = form.fields[name]
    field.queryset = Person.objects.filter(programme=programme).select_related("organisation")  # type: ignore[attr-defined]
    field.label_from_instance = lambda person: person.name_and_position  # type: ignore[attr-defined]


class LanguagesField(forms.CharField):
    """Language codes typed as a list, e.g. "en, ru, kk"; stored as a list of lower-case codes."""

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return ", ".join(value)
        return value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        text = str(value or "").replace(";", ",").replace(" ", ",")
        codes = [c.strip().lower() for c in text.split(",") if c.strip()]
        for code in codes:
            if not (2 <= len(code) <= 8 and code.replace("-", "").isalpha()):
                raise forms.ValidationError(
                    _("“%(code)s” is not a language code; write codes such as en, ru, kk."),
                    params={"code": code},
                )
        return list(dict.fromkeys(codes))


class PersonForm(ChoiceFieldsMixin, forms.ModelForm):
    languages = LanguagesField(
        label=_("Languages"), required=False, help_text=_("Language codes, e.g. en, ru, kk.")
    )

    class Meta:
        model = Person
        fields = ["name", "position", "organisation", "sex", "email", "phone", "languages"]

    def __init__(self, *args: Any, programme: Programme, user: Any = None, **kwargs: Any) -> None:
        from .selectors import organisations_programme_first

        super().__init__(*args, **kwargs)
        self._choice("organisation").queryset = organisations_programme_first(programme)
