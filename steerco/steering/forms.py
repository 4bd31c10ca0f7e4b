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
from steerco.programmes.forms import DATE
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


class GroupMemberForm(forms.ModelForm):
    class Meta:
        model = GroupMember
        fields = ["person", "organisation", "role", "email"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _programme_first(self, "organisation", self.instance.group.programme)


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
            "opened_by",
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
        self.fields["number"].required = False
        if self.instance.pk:
            self.fields["group"].disabled = True


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["name", "position", "organisation", "sex", "attendance"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _programme_first(self, "organisation", self.instance.meeting.group.programme)


class AgendaItemForm(ContentLanguagesForm):
    class Meta:
        model = AgendaItem
        formfield_callback = number_formfield
        fields = [
            "order",
            "title",
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
        fields = ["text", "owner_organisation", "owner_person", "owner_email", "due_date"]
        widgets = {"text": forms.Textarea(attrs={"rows": 3}), "due_date": DATE}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _programme_first(self, "owner_organisation", self.instance.meeting.group.programme)


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
