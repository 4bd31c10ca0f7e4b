"""The logframe: results, indicators with their rules, targets, and progress updates with approval."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from steerco.core.scoping import ScopedManager
from steerco.core.uploads import accept_upload, validate_upload

from .computed import choices as computed_choices
from .rules import CountryRule, Direction, Measure, Observation, Rules, TimeRule


class Level(models.TextChoices):
    IMPACT = "impact", _("Impact")
    OUTCOME = "outcome", _("Outcome")
    OUTPUT = "output", _("Output")


LEVEL_RANK = {Level.IMPACT: 0, Level.OUTCOME: 1, Level.OUTPUT: 2}

# The 15 components of European integrated border management, Regulation (EU) 2019/1896, art. 3(1).
EIBM_COMPONENTS: list[tuple[str, Any]] = [
    ("a", _("a. Border control")),
    ("b", _("b. Search and rescue at sea")),
    ("c", _("c. Risk analysis")),
    ("d", _("d. Information exchange and cooperation between Member States and with Frontex")),
    ("e", _("e. Inter-agency cooperation")),
    ("f", _("f. Cooperation with EU institutions and bodies")),
    ("g", _("g. Cooperation with third countries")),
    ("h", _("h. Technical and operational measures within the Schengen area")),
    ("i", _("i. Return")),
    ("j", _("j. State-of-the-art technology, including large-scale IT systems")),
    ("k", _("k. Quality control mechanism")),
    ("l", _("l. Solidarity mechanisms")),
    ("m", _("m. Fundamental rights")),
    ("n", _("n. Education and training")),
    ("o", _("o. Research and innovation")),
]
IBM_PILLARS: list[tuple[str, Any]] = [
    ("intra", _("Intra-service cooperation")),
    ("inter", _("Inter-agency cooperation")),
    ("international", _("International cooperation")),
]


def _check_tags(values: Any, allowed: list[tuple[str, Any]]) -> list[str]:
    codes = {code for code, _label in allowed}
    if not isinstance(values, list):
        return [str(values)]
    return [str(v) for v in values if v not in codes]


class Result(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="results"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("contributes to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    level = models.CharField(_("level"), max_length=8, choices=Level.choices)
    code = models.CharField(_("code"), max_length=16, help_text=_("For example 1.2."))
    statement = models.TextField(_("statement"))
    assumptions = models.TextField(_("assumptions"), blank=True)
    component = models.ForeignKey(
        "programmes.Component",
        verbose_name=_("programme component"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="results",
    )
    eibm_components = models.JSONField(
        _("EIBM components"),
        default=list,
        blank=True,
        help_text=_("Components of European IBM, Regulation (EU) 2019/1896 art. 3."),
    )
    ibm_pillars = models.JSONField(_("IBM pillars"), default=list, blank=True)

    objects = ScopedManager()
    scope_programme = "programme"

    class Meta:
        verbose_name = _("result")
        verbose_name_plural = _("results")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="result_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.statement[:80]}"

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.parent_id and self.programme_id:
            parent = self.parent
            assert parent is not None
            if parent.programme_id != self.programme_id:
                errors["parent"] = _("The result it contributes to belongs to another programme.")
            elif self.level and LEVEL_RANK[Level(parent.level)] >= LEVEL_RANK[Level(self.level)]:
                errors["parent"] = _("An %(level)s contributes to a result of a higher level.") % {
                    "level": self.get_level_display().lower()
                }
            elif self.pk and self._is_ancestor_of(parent):
                errors["parent"] = _("A result cannot contribute to one of its own sub-results.")
        if self.component_id and self.programme_id:
            assert self.component is not None
            if self.component.programme_id != self.programme_id:
                errors["component"] = _("The component belongs to another programme.")
        bad = _check_tags(self.eibm_components, EIBM_COMPONENTS)
        if bad:
            errors["eibm_components"] = _("Unknown EIBM component: %(codes)s.") % {"codes": ", ".join(bad)}
        bad = _check_tags(self.ibm_pillars, IBM_PILLARS)
        if bad:
            errors["ibm_pillars"] = _("Unknown IBM pillar: %(codes)s.") % {"codes": ", ".join(bad)}
        if errors:
            raise ValidationError(errors)

    def _is_ancestor_of(self, other: Result) -> bool:
        seen: set[int] = set()
        node: Result | None = other
        while node is not None and node.pk not in seen:
            if node.pk == self.pk:
                return True
            seen.add(node.pk)
            node = node.parent
        return False

    def eibm_labels(self) -> list[str]:
        labels = dict(EIBM_COMPONENTS)
        return [str(labels[c]) for c in self.eibm_components if c in labels]

    def pillar_labels(self) -> list[str]:
        labels = dict(IBM_PILLARS)
        return [str(labels[c]) for c in self.ibm_pillars if c in labels]


class DisaggregationCategory(models.Model):
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="disaggregation_categories",
    )
    name = models.CharField(_("name"), max_length=64, help_text=_("For example Sex or Agency."))
    options = models.JSONField(_("options"), default=list)
    option_labels = models.JSONField(
        _("option names"),
        default=list,
        blank=True,
        help_text=_("The options as this language names them, in the same order; empty to show the options."),
    )

    objects = ScopedManager()
    scope_programme = "programme"

    class Meta:
        verbose_name = _("disaggregation category")
        verbose_name_plural = _("disaggregation categories")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="disaggregation_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        options = self.options if isinstance(self.options, list) else []
        if len(options) < 2:
            raise ValidationError({"options": _("A category needs at least two options.")})
        if len({str(o).strip().lower() for o in options}) != len(options):
            raise ValidationError({"options": _("Each option may appear only once.")})
        for code, _name in settings.LANGUAGES:
            labels = getattr(self, f"option_labels_{code}", None)
            if labels and (not isinstance(labels, list) or len(labels) != len(options)):
                message = _("Name each of the %(count)s options, in their order.") % {"count": len(options)}
                raise ValidationError({f"option_labels_{code}": message})

    @property
    def shown_options(self) -> list[str]:
        """The options as the reader's language names them, in their order."""
        return [self.option_label(o) for o in (self.options if isinstance(self.options, list) else [])]

    def option_label(self, option: str) -> str:
        """How the reader's language names `option` (the option itself where it has no name)."""
        from django.utils.translation import get_language

        from steerco.core.content import DEFAULT_LANGUAGE, fallback_order

        options = self.options if isinstance(self.options, list) else []
        if option not in options:
            return str(option)
        index = options.index(option)
        reader = get_language() or DEFAULT_LANGUAGE
        for code in (reader, *fallback_order()):
            labels = getattr(self, f"option_labels_{code}", None)
            if isinstance(labels, list) and index < len(labels) and str(labels[index]).strip():
                return str(labels[index])
            if code == DEFAULT_LANGUAGE:
                # The options are written in the default language: they are its names when it has none.
                return str(option)
        return str(option)


REFERENCE_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9-]{0,15}$")
REFERENCE_CODE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.\-/]{0,31}$")


def parse_references(value: Any) -> list[tuple[str, str]]:
    """Stored references as (scheme, code) pairs, leaving out anything that is not one."""
    pairs = []
    for item in value if isinstance(value, list) else []:
        if isinstance(item, (list, tuple)) and len(item) == 2 and all(isinstance(v, str) for v in item):
            pairs.append((item[0], item[1]))
    return pairs


class Indicator(models.Model):
    result = models.ForeignKey(
        Result, verbose_name=_("result"), on_delete=models.CASCADE, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=16, help_text=_("For example 1.2.1."))
    name = models.CharField(_("name"), max_length=255)
    definition = models.TextField(_("definition"), blank=True)
    unit = models.CharField(_("unit"), max_length=32, blank=True, help_text=_("For example persons, %, EUR."))
    measure = models.CharField(_("measure"), max_length=12, choices=Measure.choices, default=Measure.NUMBER)
    milestone_statuses = models.JSONField(
        _("milestone statuses"),
        default=list,
        blank=True,
        help_text=_("In order, e.g. not started, drafted, submitted, adopted."),
    )
    direction = models.CharField(
        _("direction"), max_length=8, choices=Direction.choices, default=Direction.INCREASE
    )
    time_rule = models.CharField(
        _("time rule"), max_length=12, choices=TimeRule.choices, default=TimeRule.PER_PERIOD
    )
    country_rule = models.CharField(
        _("country rule"), max_length=8, choices=CountryRule.choices, default=CountryRule.SUM
    )
    baseline_value = models.DecimalField(
        _("baseline value"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For milestones, the position of the status in the list, counting from 0."),
    )
    baseline_date = models.DateField(_("baseline date"), null=True, blank=True)
    target_value = models.DecimalField(
        _("life-of-programme target"),
        max_digits=16,
        decimal_places=4,
        null=True,
        blank=True,
        help_text=_("For milestones, leave empty to aim at the last status."),
    )
    data_source = models.CharField(_("data source"), max_length=255, blank=True)
    means_of_verification = models.TextField(_("means of verification"), blank=True)
    disaggregations = models.ManyToManyField(
        DisaggregationCategory, verbose_name=_("disaggregated by"), blank=True, related_name="indicators"
    )
    is_key = models.BooleanField(_("key indicator"), default=False)
    computation = models.CharField(
        _("computed from"),
        max_length=64,
        blank=True,
        help_text=_("Leave empty when people type the values in."),
    )
    computation_params = models.JSONField(_("computation parameters"), default=dict, blank=True)
    framework_references = models.JSONField(
        _("results framework references"),
        default=list,
        blank=True,
        help_text=_("Corporate results frameworks the indicator reports to: [scheme, code] pairs."),
    )

    objects = ScopedManager()
    scope_programme = "result__programme"

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["result", "code"], name="indicator_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def rules(self) -> Rules:
        return Rules(
            measure=Measure(self.measure),
            time_rule=TimeRule(self.time_rule),
            country_rule=CountryRule(self.country_rule),
            direction=Direction(self.direction),
        )

    @property
    def reported_by_countries(self) -> bool:
        """Countries report this indicator; a not-aggregated one is reported once for the programme."""
        return self.country_rule != CountryRule.NONE

    @property
    def is_computed(self) -> bool:
        return bool(self.computation)

    def final_status(self) -> int:
        return max(len(self.milestone_statuses) - 1, 0)

    def status_label(self, index: int | None) -> str:
        if index is None or not 0 <= index < len(self.milestone_statuses):
            return ""
        return str(self.milestone_statuses[index])

    @property
    def framework_labels(self) -> list[str]:
        """The references as people write them: "EURF 2.5", "GERF 2.12"."""
        return [f"{scheme} {code}" for scheme, code in parse_references(self.framework_references)]

    def target_observation(self) -> Observation | None:
        """The life-of-programme target in the terms the aggregation compares with."""
        if self.measure == Measure.MILESTONE:
            index = int(self.target_value) if self.target_value is not None else self.final_status()
            return Observation(status=index) if self.milestone_statuses else None
        if self.measure == Measure.QUALITATIVE or self.target_value is None:
            return None
        return Observation(value=self.target_value)

    def baseline_observation(self) -> Observation | None:
        if self.baseline_value is None:
            return None
        if self.measure == Measure.MILESTONE:
            return Observation(status=int(self.baseline_value))
        return Observation(value=self.baseline_value)

    def _status_versions_errors(self) -> dict[str, Any]:
        """Statuses are stored by position: every language's list names the same steps, as many."""
        versions = {
            code: value
            for code, _name in settings.LANGUAGES
            if isinstance(value := getattr(self, f"milestone_statuses_{code}", None), list) and value
        }
        if len(versions) < 2:
            return {}
        main = self.result.programme.language if self.result_id else settings.LANGUAGE_CODE
        reference = versions.get(main) or next(iter(versions.values()))
        return {
            f"milestone_statuses_{code}": _("Name each of the %(count)s statuses, in their order.")
            % {"count": len(reference)}
            for code, value in versions.items()
            if len(value) != len(reference)
        }

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        statuses = self.milestone_statuses if isinstance(self.milestone_statuses, list) else []
        if self.measure == Measure.MILESTONE:
            if len(statuses) < 2:
                errors["milestone_statuses"] = _("A milestone needs at least two statuses, in order.")
            for field in ("baseline_value", "target_value"):
                value = getattr(self, field)
                if value is not None and (value != int(value) or not 0 <= value < len(statuses)):
                    errors[field] = _("Give the position of a status in the list: 0 to %(last)s.") % {
                        "last": max(len(statuses) - 1, 0)
                    }
        elif statuses:
            errors["milestone_statuses"] = _("Only milestone indicators have statuses.")
        errors.update(self._status_versions_errors())
        if self.measure == Measure.PERCENTAGE:
            for field in ("baseline_value", "target_value"):
                value = getattr(self, field)
                if value is not None and not 0 <= value <= 100:
                    errors[field] = _("A percentage lies between 0 and 100.")
        if self.measure == Measure.NUMBER:
            for field in ("baseline_value", "target_value"):
                value = getattr(self, field)
                if value is not None and value < 0:
                    errors[field] = _("A count cannot be below zero: the values of this indicator never are.")
        if self.measure == Measure.QUALITATIVE and self.target_value is not None:
            errors["target_value"] = _("A qualitative indicator has no numeric target.")
        if self.computation:
            if self.computation not in dict(computed_choices()):
                errors["computation"] = _("Unknown computation %(kind)s.") % {"kind": self.computation}
            elif self.measure not in (Measure.NUMBER, Measure.PERCENTAGE):
                errors["computation"] = _("Only number and percentage indicators can be computed.")
        if not isinstance(self.computation_params, dict):
            errors["computation_params"] = _('Parameters are a JSON object, e.g. {"component": "C2"}.')
        references = self.framework_references if isinstance(self.framework_references, list) else None
        if references is None or len(parse_references(references)) != len(references):
            errors["framework_references"] = _("Each reference is a scheme and a code, e.g. EURF 2.5.")
        else:
            for scheme, code in parse_references(references):
                if not REFERENCE_SCHEME.match(scheme) or not REFERENCE_CODE.match(code):
                    errors["framework_references"] = _(
                        "“%(reference)s” is not a scheme and a code such as EURF 2.5 or GERF 2.12."
                    ) % {"reference": f"{scheme} {code}"[:60]}
                    break
        if errors:
            raise ValidationError(errors)


class Target(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="targets"
    )
    period = models.ForeignKey(
        "programmes.ReportingPeriod",
        verbose_name=_("period"),
        on_delete=models.CASCADE,
        related_name="targets",
    )
    country = CountryField(_("country"), blank=True, help_text=_("Empty for a programme-wide target."))
    value = models.DecimalField(_("target"), max_digits=16, decimal_places=4)

    objects = ScopedManager()
    scope_programme = "indicator__result__programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["period__start", "country"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "country"], name="target_unique")
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period} {self.country or '*'}: {self.value}"

    def clean(self) -> None:
        if (
            self.indicator_id
            and self.period_id
            and self.period.programme_id != self.indicator.result.programme_id
        ):
            raise ValidationError({"period": _("The period belongs to another programme.")})
        if self.indicator_id and self.value is not None:
            from .targets import target_error

            error = target_error(self.indicator, Decimal(self.value))
            if error:
                raise ValidationError({"value": error})

    def observation(self, measure: str) -> Observation:
        if measure == Measure.MILESTONE:
            return Observation(status=int(self.value))
        return Observation(value=self.value)


class UpdateState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned")
    APPROVED = "approved", _("Approved")


class IndicatorUpdate(models.Model):
    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="updates"
    )
    period = models.ForeignKey(
        "programmes.ReportingPeriod",
        verbose_name=_("period"),
        on_delete=models.PROTECT,
        related_name="indicator_updates",
    )
    country = CountryField(_("country"), blank=True, help_text=_("Empty for a programme-wide value."))
    value = models.DecimalField(_("value"), max_digits=16, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(_("numerator"), max_digits=16, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(
        _("denominator"), max_digits=16, decimal_places=4, null=True, blank=True
    )
    status = models.PositiveSmallIntegerField(_("milestone status"), null=True, blank=True)
    text = models.TextField(_("qualitative value"), blank=True)
    disaggregated = models.JSONField(
        _("disaggregated values"),
        default=dict,
        blank=True,
        help_text=_("For each category, the value of each option."),
    )
    narrative = models.TextField(_("narrative"), blank=True)
    state = models.CharField(
        _("state"), max_length=12, choices=UpdateState.choices, default=UpdateState.DRAFT
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or returned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("approved or returned"), null=True, blank=True)
    review_note = models.TextField(_("note of the reviewer"), blank=True)

    objects = ScopedManager()
    scope_programme = "indicator__result__programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("indicator update")
        verbose_name_plural = _("indicator updates")
        ordering = ["period__start", "country", "indicator__code"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "period", "country"], name="update_unique")
        ]
        indexes = [models.Index(fields=["state", "indicator"], name="update_state_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator.code} · {self.period} · {self.country or '*'}"

    @property
    def is_empty(self) -> bool:
        return self.observation().is_empty

    def observation(self) -> Observation:
        return Observation(
            value=self.value,
            numerator=self.numerator,
            denominator=self.denominator,
            status=self.status,
            text=self.text,
        )

    def clean(self) -> None:
        if not (self.indicator_id and self.period_id):
            return
        indicator = self.indicator
        errors: dict[str, Any] = {}
        if self.period.programme_id != indicator.result.programme_id:
            errors["period"] = _("The period %(period)s belongs to another programme.") % {
                "period": self.period.label
            }
        if self.country and not indicator.reported_by_countries:
            errors["country"] = _("This indicator is reported once for the whole programme, not by country.")
        measure = indicator.measure
        if measure == Measure.PERCENTAGE:
            if (self.numerator is None) != (self.denominator is None):
                field = "denominator" if self.denominator is None else "numerator"
                errors[field] = _("A percentage needs both the numerator and the denominator.")
            elif self.denominator is not None and self.denominator <= 0:
                errors["denominator"] = _("The denominator must be more than zero.")
            elif self.numerator is not None and self.denominator is not None:
                if self.numerator < 0:
                    errors["numerator"] = _("The numerator cannot be negative.")
                elif self.numerator > self.denominator:
                    errors["numerator"] = _("The numerator cannot exceed the denominator.")
        if (
            measure == Measure.MILESTONE
            and self.status is not None
            and self.status >= len(indicator.milestone_statuses)
        ):
            errors["status"] = _("Choose one of the indicator's statuses.")
        if measure == Measure.NUMBER and self.value is not None and self.value < 0:
            errors["value"] = _("The value cannot be negative.")
        errors.update(self._disaggregation_errors())
        if errors:
            raise ValidationError(errors)

    def breakdown(self) -> list[tuple[DisaggregationCategory, list[tuple[str, str]]]]:
        """The disaggregated values in the order of each category's options (JSON keeps no order)."""
        stored = self.disaggregated if isinstance(self.disaggregated, dict) else {}
        out = []
        for category in self.indicator.disaggregations.all():
            values = stored.get(str(category.pk)) or {}
            parts = [
                (option, values[option])
                for option in category.options
                if values.get(option) not in (None, "")
            ]
            if parts:
                out.append((category, parts))
        return out

    def disaggregation_total(self) -> Decimal | None:
        """The figure the disaggregated values must add up to: the value, or a percentage's numerator."""
        return self.numerator if self.indicator.measure == Measure.PERCENTAGE else self.value

    def _disaggregation_errors(self) -> dict[str, Any]:
        if not self.disaggregated:
            return {}
        if not isinstance(self.disaggregated, dict):
            return {"disaggregated": _("Disaggregated values are not readable.")}
        total = self.disaggregation_total()
        errors: dict[str, Any] = {}
        names = {str(c.pk): c for c in self.indicator.disaggregations.all()}
        for key, parts in self.disaggregated.items():
            category = names.get(str(key))
            if category is None or not isinstance(parts, dict):
                errors["disaggregated"] = _("The indicator is not disaggregated by this category.")
                continue
            given = [Decimal(str(v)) for v in parts.values() if v is not None and v != ""]
            if not given:
                continue
            if total is None:
                errors[f"dis_{category.pk}"] = _(
                    "Enter the total before breaking it down by %(category)s."
                ) % {"category": category.name}
                continue
            if any(v < 0 for v in given):
                errors[f"dis_{category.pk}"] = _("Values by %(category)s cannot be negative.") % {
                    "category": category.name
                }
            elif (given_sum := sum(given, Decimal(0))) != total:
                errors[f"dis_{category.pk}"] = _(
                    "The values by %(category)s add up to %(sum)s, but the total is %(total)s."
                ) % {"category": category.name, "sum": _plain(given_sum), "total": _plain(total)}
        return errors


def _plain(number: Decimal) -> str:
    """A decimal without trailing zeros, as people typed it."""
    text = format(number.normalize(), "f")
    return text


def evidence_path(instance: Evidence, filename: str) -> str:
    return f"evidence/{instance.update.indicator.result.programme_id}/{instance.update_id}/{filename}"


class Evidence(models.Model):
    update = models.ForeignKey(
        IndicatorUpdate, verbose_name=_("update"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path, validators=[validate_upload], max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    objects = ScopedManager()
    scope_programme = "update__indicator__result__programme"
    scope_country = "update__country"

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        # The field's validator has checked the file; an image is stored re-encoded, without metadata.
        try:
            accept_upload(self.file)
        except ValidationError as exc:
            raise ValidationError({"file": exc}) from exc
