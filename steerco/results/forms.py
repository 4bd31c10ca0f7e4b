"""Forms of the logframe and of the entry screen; the models' `clean` says what is wrong and where."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator, ProhibitNullCharactersValidator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_countries import countries as country_names

from steerco.core.bounds import LONG_TEXT
from steerco.core.content_forms import ContentLanguagesForm
from steerco.core.number_input import NumberField, number_formfield
from steerco.core.numbers import as_decimal
from steerco.core.uploads import validate_upload
from steerco.programmes.models import Component, Programme, ReportingPeriod

from . import computed
from .models import (
    EIBM_COMPONENTS,
    IBM_PILLARS,
    DisaggregationCategory,
    Indicator,
    IndicatorUpdate,
    Result,
    _plain,
)
from .rules import PROGRAMME, CountryRule, Measure
from .targets import target_error

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class LinesField(forms.CharField):
    """A list of short texts, one per line."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(str(v) for v in value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        if isinstance(value, list):
            return [str(v).strip() for v in value if str(v).strip()]
        # The text as typed is bounded and free of NUL like any other text, before it is split.
        text = str(value or "")
        MaxLengthValidator(LONG_TEXT)(text)
        ProhibitNullCharactersValidator()(text)
        return [line.strip() for line in text.splitlines() if line.strip()]


class ReferencesField(forms.CharField):
    """Results framework references, one per line as a scheme and a code: "EURF 2.5"."""

    widget = forms.Textarea(attrs={"rows": 2})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, list):
            return "\n".join(" ".join(str(v) for v in item) for item in value if isinstance(item, list))
        return value

    def to_python(self, value: Any) -> list[list[str]]:  # type: ignore[override]
        if isinstance(value, list):
            return value
        references = []
        for line in str(value or "").replace(";", "\n").splitlines():
            scheme, _sep, code = line.strip().partition(" ")
            if not scheme:
                continue
            if not code.strip():
                raise ValidationError(
                    _("“%(reference)s” has no code: write a scheme and a code, e.g. EURF 2.5.")
                    % {"reference": scheme[:40]}
                )
            references.append([scheme, code.strip()])
        return references


class ResultForm(ContentLanguagesForm):
    eibm_components = forms.MultipleChoiceField(
        label=gettext_lazy("EIBM components"),
        choices=EIBM_COMPONENTS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=gettext_lazy("Components of European IBM, Regulation (EU) 2019/1896 art. 3."),
    )
    ibm_pillars = forms.MultipleChoiceField(
        label=gettext_lazy("IBM pillars"),
        choices=IBM_PILLARS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Result
        fields = [
            "level",
            "code",
            "parent",
            "statement",
            "assumptions",
            "component",
            "eibm_components",
            "ibm_pillars",
        ]
        widgets = {
            "statement": forms.Textarea(attrs={"rows": 3}),
            "assumptions": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = Result.objects.filter(programme=programme)
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        cast(forms.ModelChoiceField, self.fields["parent"]).queryset = parents
        cast(forms.ModelChoiceField, self.fields["component"]).queryset = Component.objects.filter(
            programme=programme
        )


class IndicatorForm(ContentLanguagesForm):
    milestone_statuses = LinesField(
        label=gettext_lazy("milestone statuses"),
        required=False,
        help_text=gettext_lazy("One per line, in order, e.g. not started, drafted, submitted, adopted."),
    )
    computation = forms.ChoiceField(label=gettext_lazy("computed from"), required=False)
    framework_references = ReferencesField(
        label=gettext_lazy("results framework references"),
        required=False,
        help_text=gettext_lazy("One per line, a scheme and a code, e.g. EURF 2.5 or GERF 2.12."),
    )
    computation_params = forms.JSONField(
        label=gettext_lazy("computation parameters"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy('A JSON object, e.g. {"event_kinds": ["training"], "component": "C2"}.'),
    )

    class Meta:
        model = Indicator
        formfield_callback = number_formfield
        fields = [
            "result",
            "code",
            "name",
            "definition",
            "unit",
            "measure",
            "milestone_statuses",
            "direction",
            "time_rule",
            "country_rule",
            "baseline_value",
            "baseline_date",
            "target_value",
            "data_source",
            "means_of_verification",
            "disaggregations",
            "is_key",
            "computation",
            "computation_params",
            "framework_references",
        ]
        widgets = {
            "definition": forms.Textarea(attrs={"rows": 2}),
            "means_of_verification": forms.Textarea(attrs={"rows": 2}),
            "baseline_date": DATE,
            "disaggregations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, programme: Programme, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["result"]).queryset = Result.objects.filter(
            programme=programme
        )
        cast(
            forms.ModelChoiceField, self.fields["disaggregations"]
        ).queryset = DisaggregationCategory.objects.filter(programme=programme)
        kinds = computed.choices()
        if self.instance.computation and self.instance.computation not in dict(kinds):
            kinds.append((self.instance.computation, self.instance.computation))
        cast(forms.ChoiceField, self.fields["computation"]).choices = [
            ("", _("— typed in by people"))
        ] + kinds

    def clean_computation_params(self) -> Any:
        return self.cleaned_data.get("computation_params") or {}


class DisaggregationCategoryForm(ContentLanguagesForm):
    options = LinesField(
        label=gettext_lazy("options"), help_text=gettext_lazy("One per line, e.g. Women, Men.")
    )
    option_labels = LinesField(
        label=gettext_lazy("option names"),
        required=False,
        help_text=gettext_lazy(
            "The options as each language names them, one per line in the same order; "
            "empty to show the options."
        ),
    )

    class Meta:
        model = DisaggregationCategory
        fields = ["name", "options", "option_labels"]


def column_label(iso: str) -> str:
    return str(country_names.name(iso)) if iso else _("Programme-wide")


class TargetsForm(forms.Form):
    """Targets of one indicator: a row per period, a column per country and one programme-wide."""

    def __init__(
        self,
        *args: Any,
        indicator: Indicator,
        periods: Sequence[ReportingPeriod],
        isos: Sequence[str],
        current: dict[tuple[int, str], Decimal],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.periods = list(periods)
        self.columns = ([] if indicator.country_rule == CountryRule.NONE else list(isos)) + [PROGRAMME]
        self.grid: list[tuple[ReportingPeriod, list[forms.BoundField]]] = []
        for period in self.periods:
            row = []
            for iso in self.columns:
                name = f"t_{period.pk}_{iso or 'all'}"
                label = f"{period.label} · {column_label(iso)}"
                initial = current.get((period.pk, iso))
                field: forms.Field
                if indicator.measure == Measure.MILESTONE:
                    field = forms.TypedChoiceField(
                        label=label,
                        required=False,
                        coerce=Decimal,
                        empty_value=None,
                        choices=[("", "—")]
                        + [(str(i), s) for i, s in enumerate(indicator.milestone_statuses)],
                        initial=None if initial is None else str(int(initial)),
                    )
                else:
                    field = NumberField(
                        label=label,
                        required=False,
                        max_digits=16,
                        decimal_places=4,
                        initial=initial,
                    )
                    field.validators.append(self._target_validator)
                    field.widget.attrs.update({"inputmode": "decimal", "class": "num"})
                if period.locked:
                    field.disabled = True
                self.fields[name] = field
                row.append(self[name])
            self.grid.append((period, row))

    def _target_validator(self, value: Decimal) -> None:
        error = target_error(self.indicator, value)
        if error:
            raise ValidationError(error, code="target")

    def values(self) -> dict[tuple[int, str], Decimal | None]:
        out: dict[tuple[int, str], Decimal | None] = {}
        for period in self.periods:
            if period.locked:
                continue
            for iso in self.columns:
                out[(period.pk, iso)] = self.cleaned_data.get(f"t_{period.pk}_{iso or 'all'}")
        return out


class UpdateRowForm(forms.Form):
    """One indicator's line on the entry screen."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(
        self,
        *args: Any,
        indicator: Indicator,
        update: IndicatorUpdate | None,
        read_only: bool = False,
        **kwargs: Any,
    ) -> None:
        kwargs.setdefault("prefix", f"i{indicator.pk}")
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.update = update
        self.read_only = read_only
        measure = indicator.measure
        self.fields["version"].initial = update.version if update else 0
        number = {"max_digits": 16, "decimal_places": 4, "required": False}
        if measure == Measure.NUMBER:
            self.fields["value"] = NumberField(label=_("Value"), **number)  # type: ignore[arg-type]
        elif measure == Measure.PERCENTAGE:
            self.fields["numerator"] = NumberField(label=_("Numerator"), **number)  # type: ignore[arg-type]
            self.fields["denominator"] = NumberField(label=_("Denominator"), **number)  # type: ignore[arg-type]
        elif measure == Measure.MILESTONE:
            self.fields["status"] = forms.TypedChoiceField(
                label=_("Status"),
                required=False,
                coerce=int,
                empty_value=None,
                choices=[("", "—")] + [(str(i), s) for i, s in enumerate(indicator.milestone_statuses)],
            )
        else:
            self.fields["text"] = forms.CharField(
                label=_("Value"),
                required=False,
                max_length=LONG_TEXT,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        for field_name in ("value", "numerator", "denominator"):
            if field_name in self.fields:
                self.fields[field_name].widget.attrs.update({"inputmode": "decimal", "class": "num"})
        self.categories: list[tuple[DisaggregationCategory, list[forms.BoundField]]] = []
        if measure in (Measure.NUMBER, Measure.PERCENTAGE):
            for category in indicator.disaggregations.all():
                bound = []
                for n, option in enumerate(category.options):
                    name = f"dis_{category.pk}_{n}"
                    self.fields[name] = NumberField(label=category.option_label(option), **number)  # type: ignore[arg-type]
                    self.fields[name].widget.attrs.update({"inputmode": "decimal", "class": "num"})
                    bound.append(self[name])
                self.categories.append((category, bound))
        self.fields["narrative"] = forms.CharField(
            label=_("Narrative"),
            required=False,
            max_length=LONG_TEXT,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields["evidence"] = forms.FileField(
            label=_("Evidence file"), required=False, validators=[validate_upload], max_length=255
        )
        if update is not None:
            self._load(update)
        if read_only:
            for name, field in self.fields.items():
                if name != "version":
                    field.disabled = True

    def _load(self, update: IndicatorUpdate) -> None:
        for name in ("value", "numerator", "denominator", "status", "text", "narrative"):
            if name in self.fields:
                stored = getattr(update, name)
                self.fields[name].initial = stored
        for category, _bound in self.categories:
            values = (update.disaggregated or {}).get(str(category.pk), {})
            for n, option in enumerate(category.options):
                self.fields[f"dis_{category.pk}_{n}"].initial = as_decimal(values.get(option))

    def to_update(self) -> IndicatorUpdate:
        """The update as typed, as a new unsaved object; the service merges it with the stored one."""
        data = self.cleaned_data
        update = IndicatorUpdate(indicator=self.indicator)
        for name in ("value", "numerator", "denominator", "status"):
            setattr(update, name, data.get(name))
        update.text = data.get("text") or ""
        update.narrative = data.get("narrative") or ""
        disaggregated: dict[str, dict[str, str]] = {}
        for category, _bound in self.categories:
            # A part that failed its field (refused by the form) is not in cleaned_data: left out here.
            typed = {option: data.get(f"dis_{category.pk}_{n}") for n, option in enumerate(category.options)}
            parts = {option: _plain(value) for option, value in typed.items() if value is not None}
            if parts:
                disaggregated[str(category.pk)] = parts
        update.disaggregated = disaggregated
        return update

    def uploads(self) -> list[Any]:
        upload = self.cleaned_data.get("evidence")
        return [upload] if upload else []

    def show_error(self, error: ValidationError) -> None:
        """Put a service's error at the field it names; a disaggregation's at its first option."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for key, errors in error.error_dict.items():
            if key.startswith("dis_"):
                first = f"{key}_0"
                self.add_error(first if first in self.fields else None, errors)
            elif key in self.fields:
                self.add_error(key, errors)
            else:
                self.add_error(None, errors)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", gettext_lazy("Approve")), ("return", gettext_lazy("Return"))]
    )
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)


class BulkApprovalForm(forms.Form):
    """The confirmation of a bulk approval: one note for all, and the version of each update as the
    confirmation screen showed it (a change since then is refused, as for one update)."""

    note = forms.CharField(
        label=gettext_lazy("Note (for every update approved)"),
        required=False,
        max_length=LONG_TEXT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, updates: Sequence[IndicatorUpdate], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for update in updates:
            self.fields[f"version-{update.pk}"] = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def seen_version(self, update: IndicatorUpdate) -> int:
        return int(self.cleaned_data[f"version-{update.pk}"])
