"""Delivery forms: choices limited to what the person may record; the models' `clean` says what is wrong."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from steerco.core.bounds import MAX_PARTICIPANTS
from steerco.core.content import order_by_shown
from steerco.core.content_forms import ContentLanguagesForm
from steerco.core.number_input import WholeNumberField, number_formfield
from steerco.core.roles import Action
from steerco.core.scoping import grants
from steerco.programmes.forms import people_choice
from steerco.programmes.models import Component, Organisation, OrganisationKind, Programme, ProgrammeCountry
from steerco.programmes.selectors import organisations_programme_first
from steerco.results.models import Result

from .dates import format_planned_english, parse_planned
from .models import (
    Asset,
    Event,
    EventAttachment,
    Handover,
    ProcurementLot,
    ProcurementStep,
    Recommendation,
    RecommendationStatusChange,
    Verification,
    WorkPlanItem,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def recordable_countries(user: Any, programme: Programme) -> tuple[list[str], bool]:
    """The countries `user` may record for in `programme`, and whether regional records too."""
    codes = list(ProgrammeCountry.objects.filter(programme=programme).values_list("country", flat=True))
    if user.is_superuser:
        return codes, True
    granted = [c for p, c in grants(user, Action.RECORD) if p == programme.pk]
    if "" in granted:
        return codes, True
    return [c for c in codes if c in granted], False


class ProgrammeForm(ContentLanguagesForm):
    """A form whose choices come from one programme and from the countries its user may record for."""

    def __init__(self, *args: Any, programme: Programme, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.country_codes, self.regional = recordable_countries(user, programme)
        if "component" in self.fields:
            self._choice("component").queryset = Component.objects.filter(programme=programme)
        if "country" in self.fields:
            field = cast(forms.ChoiceField, self.fields["country"])
            blank = [("", _("Regional"))] if self.regional and not field.required else []
            # Regional records are for programme-wide members: for the others an empty country is
            # refused at the field, as any country they may not record for is.
            field.required = field.required or not self.regional
            field.choices = blank + [(c, countries.name(c)) for c in self.country_codes]

    def _choice(self, name: str) -> forms.ModelChoiceField:
        return cast(forms.ModelChoiceField, self.fields[name])

    def institutions(self) -> Any:
        return (
            Organisation.objects.filter(
                programme_countries__programme=self.programme,
                programme_countries__country__in=self.country_codes,
            )
            .distinct()
            .order_by("country", "name")
        )


class EventForm(ProgrammeForm):
    class Meta:
        model = Event
        formfield_callback = number_formfield
        fields = [
            "kind",
            "title",
            "status",
            "start_date",
            "end_date",
            "place",
            "place_kind",
            "country",
            "component",
            "result",
            "work_plan_item",
            "beneficiaries",
            "co_organisers",
            "trainers",
            "participants_total",
            "participants_female",
            "participants_male",
            "participants_undisclosed",
            "pre_test_average",
            "post_test_average",
            "notes",
            "data_source",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "beneficiaries": forms.CheckboxSelectMultiple,
            "co_organisers": forms.CheckboxSelectMultiple,
            "trainers": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        institutions = list(self.institutions().order_by("country", "name"))
        self._choice("beneficiaries").queryset = self.institutions()
        self._choice("co_organisers").queryset = organisations_programme_first(
            self.programme, kind=OrganisationKind.INTERNATIONAL
        )
        self._choice("result").queryset = Result.objects.filter(programme=self.programme).order_by("code")
        people_choice(self, "trainers", self.programme)
        items = WorkPlanItem.objects.filter(programme=self.programme).select_related("component")
        if not self.regional:
            items = items.filter(Q(country__in=self.country_codes))
        self._choice("work_plan_item").queryset = items
        existing = {}
        if self.instance.pk:
            existing = {
                row.organisation_id: row.participants for row in self.instance.agency_participants.all()
            }
        # One box per agency, so the split can be typed in next to the total it must add up to.
        self.agency_fields: list[tuple[str, int | None]] = []
        for org in institutions:
            name = f"agency_{org.pk}"
            self.fields[name] = WholeNumberField(
                label=_("participants from %(agency)s") % {"agency": org},
                min_value=0,
                max_value=MAX_PARTICIPANTS,
                required=False,
                initial=existing.get(org.pk),
            )
            self.agency_fields.append((name, org.pk))
        self.fields["agency_other"] = WholeNumberField(
            label=_("participants from other agencies"),
            min_value=0,
            max_value=MAX_PARTICIPANTS,
            required=False,
            initial=existing.get(None),
            help_text=_("Leave all agency boxes empty if the split by agency is not known."),
        )
        self.agency_fields.append(("agency_other", None))

    def agency_split(self) -> dict[int | None, int] | None:
        values = {org_id: self.cleaned_data.get(name) for name, org_id in self.agency_fields}
        if all(v is None for v in values.values()):
            return None
        return {org_id: v or 0 for org_id, v in values.items()}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # The model checks the split against the total in its own clean(), which runs next.
        self.instance.agency_split = self.agency_split()
        return data


class EventAttachmentForm(forms.ModelForm):
    class Meta:
        model = EventAttachment
        fields = ["kind", "title", "file"]


class WorkPlanItemForm(ProgrammeForm):
    class Meta:
        model = WorkPlanItem
        formfield_callback = number_formfield
        fields = ["year", "quarter", "country", "component", "kind", "title", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class RecommendationForm(ProgrammeForm):
    class Meta:
        model = Recommendation
        fields = ["country", "institution", "event", "component", "given_on", "text"]
        widgets = {"given_on": DATE, "text": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("institution").queryset = self.institutions()
        events = Event.objects.filter(programme=self.programme)
        if not self.regional:
            events = events.filter(country__in=self.country_codes)
        self._choice("event").queryset = events


class RecommendationStatusForm(forms.ModelForm):
    class Meta:
        model = RecommendationStatusChange
        fields = ["status", "on", "evidence", "evidence_file"]
        widgets = {"on": DATE, "evidence": forms.Textarea(attrs={"rows": 3})}


class ProcurementLotForm(ProgrammeForm):
    class Meta:
        model = ProcurementLot
        formfield_callback = number_formfield
        fields = [
            "reference",
            "title",
            "category",
            "country",
            "component",
            "beneficiary",
            "quantity",
            "unit",
            "estimated_value",
            "contracted_value",
            "currency",
            "supplier",
            "cancelled_on",
            "notes",
            "data_source",
        ]
        widgets = {"cancelled_on": DATE, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._choice("beneficiary").queryset = self.institutions()


class ProcurementStepForm(forms.ModelForm):
    planned = forms.CharField(
        label=_("planned"),
        required=False,
        max_length=64,
        help_text=_("A date (2024-06-25), a month (2024-06) or a season (spring 2024)."),
    )

    class Meta:
        model = ProcurementStep
        formfield_callback = number_formfield
        fields = ["planned", "actual_date", "quantity", "note"]
        widgets = {"actual_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.planned_date:
            self.initial["planned"] = format_planned_english(
                self.instance.planned_date, self.instance.planned_precision
            )

    def clean_planned(self) -> str:
        text = self.cleaned_data.get("planned", "").strip()
        if text:
            try:
                self.instance.planned_date, self.instance.planned_precision = parse_planned(text)
            except ValueError as exc:
                raise forms.ValidationError(str(exc)) from exc
        else:
            self.instance.planned_date = None
        return text


class HandoverForm(forms.ModelForm):
    class Meta:
        model = Handover
        formfield_callback = number_formfield
        fields = [
            "act_number",
            "handed_over_on",
            "recipient",
            "quantity",
            "value",
            "currency",
            "place",
            "document",
            "data_source",
        ]
        widgets = {"handed_over_on": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        lot = self.instance.lot
        cast(forms.ModelChoiceField, self.fields["recipient"]).queryset = Organisation.objects.filter(
            programme_countries__programme_id=lot.programme_id, programme_countries__country=lot.country
        ).order_by(order_by_shown("name"))
        if not self.instance.pk:
            self.initial.setdefault("recipient", lot.beneficiary_id)
            self.initial.setdefault("currency", lot.currency)


class AcknowledgeHandoverForm(forms.Form):
    note = forms.CharField(label=_("note"), max_length=255, required=False)


class AssetForm(forms.ModelForm):
    class Meta:
        model = Asset
        fields = ["serial_number", "description", "location", "handover"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["handover"]).queryset = Handover.objects.filter(
            lot=self.instance.lot
        )


class VerificationForm(forms.ModelForm):
    class Meta:
        model = Verification
        formfield_callback = number_formfield
        fields = ["visited_on", "in_use", "quantity_in_use", "location", "condition", "note", "photo"]
        widgets = {"visited_on": DATE, "note": forms.Textarea(attrs={"rows": 2})}
