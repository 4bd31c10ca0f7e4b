"""Forms of the steering cycle; the models' own `clean` says what is wrong and where."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from steerco.core.bounds import LONG_TEXT
from steerco.core.content_forms import ContentLanguagesForm
from steerco.core.dates import validate_plausible_date
from steerco.core.number_input import number_formfield
from steerco.core.permissions import limit_country_field
from steerco.core.roles import Action
from steerco.delivery.models import ProcurementLot
from steerco.programmes.forms import DATE, people_choice
from steerco.programmes.models import Component, Programme, ReportingPeriod
from steerco.results.models import Indicator

from .models import (
    ActionPoint,
    ActionStatus,
    AgendaItem,
    Decision,
    GroupKind,
    GroupMember,
    Meeting,
    NewsDraft,
    Participant,
    Speaker,
    SteeringGroup,
)


def _choice(form: forms.BaseForm, name: str) -> forms.ModelChoiceField:
    return cast(forms.ModelChoiceField, form.fields[name])


class SteeringGroupForm(ContentLanguagesForm):
    class Meta:
        model = SteeringGroup
        fields = ["kind", "country", "name", "terms_of_reference"]
        widgets = {"terms_of_reference": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, programme: Programme, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        codes = list(programme.countries.values_list("country", flat=True))
        country = cast(forms.ChoiceField, self.fields["country"])
        country.choices = [("", "—")] + [(code, countries.name(code)) for code in codes]
        if user is not None:
            # Only the scopes the user may write: a country's secretariat keeps its group national and
            # its own; regional and project groups (no country) are for programme-wide members.
            action = Action.STEER if self.instance.pk else Action.SETUP
            if not limit_country_field(country, user, action, programme.pk, codes):
                kind = cast(forms.ChoiceField, self.fields["kind"])
                kind.choices = [(GroupKind.NATIONAL.value, GroupKind.NATIONAL.label)]


def _programme_first(form: forms.ModelForm, name: str, programme: Any) -> None:
    """The programme's own organisations first, sorted, then every other."""
    from steerco.programmes.selectors import organisations_programme_first

    _choice(form, name).queryset = organisations_programme_first(programme)


class OrganisationOfPersonMixin:
    """The organisation may be left empty when the person chosen has one: the person's is taken."""

    person_field = "person"
    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def _organisation_optional(self) -> None:
        self.fields["organisation"].required = False

    def _organisation_of_person(self) -> None:
        chosen = self.cleaned_data.get(self.person_field)
        if not self.cleaned_data.get("organisation"):
            if chosen is not None and chosen.organisation_id:
                self.cleaned_data["organisation"] = chosen.organisation
            else:
                self.add_error("organisation", _("Choose the organisation."))  # type: ignore[attr-defined]


class GroupMemberForm(OrganisationOfPersonMixin, forms.ModelForm):
    person_field = "person_record"

    class Meta:
        model = GroupMember
        fields = ["person_record", "person", "organisation", "role", "email"]
        labels = {"person": _("name or position held")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.instance.group.programme
        _programme_first(self, "organisation", programme)
        people_choice(self, "person_record", programme)
        self._organisation_optional()

    def clean(self) -> dict[str, Any]:
        super().clean()
        self._organisation_of_person()
        return self.cleaned_data


class MeetingForm(ContentLanguagesForm):
    class Meta:
        model = Meeting
        formfield_callback = number_formfield
        fields = [
            "group",
            "number",
            "start_date",
            "end_date",
            "place",
            "mode",
            "period",
            "opened_by_person",
            "opened_by",
            "moderated_by_person",
            "moderator",
            "highlights",
            "summary",
        ]
        widgets = {
            "start_date": DATE,
            "end_date": DATE,
            "highlights": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Programme, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "group").queryset = groups
        _choice(self, "period").queryset = ReportingPeriod.objects.filter(programme=programme)
        _programme_first(self, "moderator", programme)
        people_choice(self, "opened_by_person", programme)
        people_choice(self, "moderated_by_person", programme)
        self.fields["opened_by"].help_text = _(
            "When no person of the programme is chosen above, e.g. the EU Ambassador."
        )
        self.fields["number"].required = False
        if self.instance.pk:
            self.fields["group"].disabled = True


class ParticipantForm(OrganisationOfPersonMixin, forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["person", "name", "position", "organisation", "sex", "attendance"]
        help_texts = {
            "position": _("When the person chosen has none recorded, or the participant is not a person."),
            "sex": _("Taken from the person when one is chosen; counted in the minutes."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.instance.meeting.group.programme
        _programme_first(self, "organisation", programme)
        people_choice(self, "person", programme)
        self._organisation_optional()

    def clean(self) -> dict[str, Any]:
        super().clean()
        self._organisation_of_person()
        return self.cleaned_data


class AgendaItemForm(ContentLanguagesForm):
    class Meta:
        model = AgendaItem
        formfield_callback = number_formfield
        fields = [
            "order",
            "title",
            "presenter_person",
            "presenter",
            "duration_minutes",
            "component",
            "indicator",
            "procurement_lot",
            "action_point",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, meeting: Meeting, open_points: list[ActionPoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["order"].required = False
        people_choice(self, "presenter_person", meeting.group.programme_id)
        _choice(self, "component").queryset = Component.objects.filter(
            programme_id=meeting.group.programme_id
        )
        _choice(self, "action_point").queryset = ActionPoint.objects.filter(
            pk__in=[p.pk for p in open_points]
        )
        _choice(self, "indicator").queryset = Indicator.objects.filter(
            result__programme_id=meeting.group.programme_id
        ).order_by("code")
        lots = ProcurementLot.objects.filter(programme_id=meeting.group.programme_id)
        # A national group discusses its own country's lots.
        _choice(self, "procurement_lot").queryset = (
            lots.filter(country=meeting.group.country) if meeting.group.country else lots
        )


class DecisionForm(ContentLanguagesForm):
    class Meta:
        model = Decision
        fields = ["kind", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3})}


class ActionPointForm(ContentLanguagesForm):
    class Meta:
        model = ActionPoint
        fields = ["text", "owner_organisation", "owner_record", "owner_person", "owner_email", "due_date"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": DATE}
        help_texts = {"owner_person": _("When the owner is not recorded as a person of the programme.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        programme = self.instance.meeting.group.programme
        _programme_first(self, "owner_organisation", programme)
        people_choice(self, "owner_record", programme)


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        formfield_callback = number_formfield
        fields = ["person", "key_message", "order"]
        widgets = {"key_message": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"key_message": _("What the speaker said that the minutes and the news should carry.")}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        people_choice(self, "person", self.instance.agenda_item.meeting.group.programme_id)
        self.fields["order"].required = False
        if self.instance.pk is None:
            self.instance.order = None  # type: ignore[assignment]  # left empty: after the others


class FollowUpForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(s.value, s.label) for s in ActionStatus if s != ActionStatus.CLOSED],
    )
    note = forms.CharField(
        label=_("What was done"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT,
    )


class CloseForm(forms.Form):
    closing_note = forms.CharField(
        label=_("Closing note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=LONG_TEXT,
        help_text=_("How the action point was settled."),
    )
    closed_at: forms.ModelChoiceField[Meeting] = forms.ModelChoiceField(
        label=_("Closed at meeting"), queryset=Meeting.objects.none(), required=False
    )
    closed_on = forms.DateField(
        label=_("Closed on"), required=False, widget=DATE, validators=[validate_plausible_date]
    )

    def __init__(self, *args: Any, meetings: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _choice(self, "closed_at").queryset = meetings


class NewsDraftForm(forms.ModelForm):
    """A draft is written in one language, its own: its title and body are that language's versions."""

    class Meta:
        model = NewsDraft
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 16})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with translation.override(self.instance.language or None):
            self.initial.update(title=self.instance.title, body=self.instance.body)

    def _post_clean(self) -> None:
        with translation.override(self.instance.language or None):
            super()._post_clean()  # type: ignore[misc]


class NewsMaterialForm(forms.Form):
    """What the draft news item draws on besides the meeting's record: the period's indicators with
    their standing, procurement in progress and open risks of the group's scope, as ticked."""

    indicators = forms.TypedMultipleChoiceField(
        label=_("Indicators"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    lots = forms.TypedMultipleChoiceField(
        label=_("Procurement in progress"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )
    risks = forms.TypedMultipleChoiceField(
        label=_("Risks"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, data: Any, *, choices: Any) -> None:
        from steerco.delivery.models import Stage
        from steerco.results.board import figure_text

        super().__init__(data)
        fields = cast(dict[str, forms.TypedMultipleChoiceField], self.fields)
        fields["indicators"].choices = [
            (
                p.indicator.pk,
                _("%(code)s %(name)s: %(actual)s, %(status)s")
                % {
                    "code": p.indicator.code,
                    "name": p.indicator.name,
                    "actual": figure_text(p.actual, p.indicator) or _("no data"),
                    "status": p.status.label,
                },
            )
            for p in choices.indicators
        ]
        fields["lots"].choices = [
            (lot.pk, _("%(lot)s: %(stage)s") % {"lot": lot, "stage": Stage(stage).label})
            for lot, stage in choices.lots
        ]
        fields["risks"].choices = [
            (risk.pk, _("%(risk)s (severity %(severity)s)") % {"risk": risk.title, "severity": risk.severity})
            for risk in choices.risks
        ]

    def material(self) -> Any:
        from steerco.reports.news import Material

        if not self.is_valid():
            return Material()
        data = self.cleaned_data
        return Material(tuple(data["indicators"]), tuple(data["lots"]), tuple(data["risks"]))
