"""Organisations, programmes and what frames them: countries, components, amendments, periods, risks."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from steerco.core.roles import Action
from steerco.core.scoping import ScopedManager


class OrganisationKind(models.TextChoices):
    DONOR = "donor", _("Donor")
    IMPLEMENTER = "implementer", _("Implementer")
    PARTNER = "partner", _("Consortium partner")
    BENEFICIARY = "beneficiary", _("Beneficiary agency")
    INTERNATIONAL = "international", _("International organisation")
    NGO = "ngo", _("NGO")


class Organisation(models.Model):
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=OrganisationKind.choices)
    country = CountryField(_("country"), blank=True)
    iati_ref = models.CharField(
        _("IATI organisation identifier"), max_length=64, blank=True, help_text=_("For example XM-DAC-41304.")
    )

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["name", "country"], name="organisation_name_country")]

    def __str__(self) -> str:
        return self.short_name or self.name


class Sex(models.TextChoices):
    FEMALE = "f", _("Female")
    MALE = "m", _("Male")


class Programme(models.Model):
    slug = models.SlugField(
        _("address name"), max_length=64, unique=True, help_text=_("Used in addresses, e.g. bomca10.")
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    donor = models.ForeignKey(
        Organisation, verbose_name=_("donor"), on_delete=models.PROTECT, related_name="funded_programmes"
    )
    lead_implementer = models.ForeignKey(
        Organisation,
        verbose_name=_("lead implementer"),
        on_delete=models.PROTECT,
        related_name="led_programmes",
    )
    planned_start = models.DateField(_("planned start"))
    planned_end = models.DateField(_("planned end"))
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="EUR",
        validators=[RegexValidator(r"^[A-Z]{3}$", _("Use a three-letter ISO code such as EUR."))],
    )
    initial_budget = models.DecimalField(
        _("initial budget"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    language = models.CharField(
        _("main language"),
        max_length=8,
        choices=settings.LANGUAGES,
        default="en",
        help_text=_("Texts with no version in a reader's language are shown in this one."),
    )
    iati_identifier = models.CharField(_("IATI activity identifier"), max_length=128, blank=True)
    data_note = models.CharField(
        _("note on the figures"),
        max_length=255,
        blank=True,
        help_text=_("Shown on every page of the programme, e.g. that some figures are illustrative."),
    )

    objects = ScopedManager()
    scope_programme = "pk"

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def content_main_language(self) -> str:
        return self.language

    def clean(self) -> None:
        if self.planned_start and self.planned_end and self.planned_end < self.planned_start:
            raise ValidationError({"planned_end": _("The planned end is before the planned start.")})

    # The current budget and end date are derived from the amendments, never stored twice.
    def current_terms(
        self, amendments: list[Amendment] | None = None, on: datetime.date | None = None
    ) -> ProgrammeTerms:
        """The terms after every amendment, or after those signed on or before `on` when it is given."""
        if amendments is None:
            amendments = list(self.amendments.all())
        if on is not None:
            amendments = [a for a in amendments if a.signed_on <= on]
        return ProgrammeTerms.from_amendments(self, amendments)


class ProgrammeTerms:
    """Budget and end date after the amendments signed so far, with the history that led there."""

    def __init__(
        self, budget: Decimal, end: datetime.date, history: list[tuple[Amendment, Decimal, datetime.date]]
    ):
        self.budget = budget
        self.end = end
        self.history = history

    @classmethod
    def from_amendments(cls, programme: Programme, amendments: list[Amendment]) -> ProgrammeTerms:
        budget = programme.initial_budget
        end = programme.planned_end
        history = []
        for amendment in sorted(amendments, key=lambda a: (a.signed_on, a.pk or 0)):
            budget += amendment.budget_delta
            if amendment.new_end_date:
                end = amendment.new_end_date
            history.append((amendment, budget, end))
        return cls(budget, end, history)


class PartnerRole(models.TextChoices):
    LEAD = "lead", _("Lead")
    PARTNER = "partner", _("Partner")
    ASSOCIATE = "associate", _("Associate")


class ProgrammePartner(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="partners"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(
        _("role"), max_length=16, choices=PartnerRole.choices, default=PartnerRole.PARTNER
    )

    objects = ScopedManager()
    scope_programme = "programme"

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["role", "organisation__name"]
        constraints = [models.UniqueConstraint(fields=["programme", "organisation"], name="partner_unique")]

    def __str__(self) -> str:
        return f"{self.organisation} ({self.get_role_display()})"


class ProgrammeCountry(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="countries"
    )
    country = CountryField(_("country"))
    institutions = models.ManyToManyField(
        Organisation,
        verbose_name=_("beneficiary institutions"),
        blank=True,
        related_name="programme_countries",
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("programme country")
        verbose_name_plural = _("programme countries")
        ordering = ["country"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "country"], name="programme_country_unique")
        ]

    def __str__(self) -> str:
        return f"{self.programme} · {self.country.name}"  # type: ignore[attr-defined]

    @property
    def iso(self) -> str:
        return str(self.country.code).lower()  # type: ignore[attr-defined]


class Component(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="components"
    )
    code = models.CharField(_("code"), max_length=16, help_text=_("For example C1."))
    title = models.CharField(_("title"), max_length=255)
    lead_partner = models.ForeignKey(
        Organisation,
        verbose_name=_("lead partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    description = models.TextField(_("description"), blank=True)

    objects = ScopedManager()
    scope_programme = "programme"

    class Meta:
        verbose_name = _("component")
        verbose_name_plural = _("components")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["programme", "code"], name="component_code_unique")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class AmendmentKind(models.TextChoices):
    TOP_UP = "top_up", _("Top-up")
    EXTENSION = "extension", _("Extension")
    NO_COST_EXTENSION = "no_cost_extension", _("No-cost extension")
    LOGFRAME_REVISION = "logframe_revision", _("Logframe revision")


class Amendment(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="amendments"
    )
    signed_on = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=24, choices=AmendmentKind.choices)
    reference = models.CharField(
        _("reference"), max_length=64, blank=True, help_text=_("For example Addendum 2.")
    )
    budget_delta = models.DecimalField(
        _("budget change"),
        max_digits=14,
        decimal_places=2,
        default=Decimal("0"),
        help_text=_("Added to the budget; negative for a reduction."),
    )
    new_end_date = models.DateField(_("new end date"), null=True, blank=True)
    shortens = models.BooleanField(
        _("this amendment shortens the programme"),
        default=False,
        help_text=_("Tick to confirm an end date earlier than the current one."),
    )
    justification = models.TextField(_("justification"))

    objects = ScopedManager()
    scope_programme = "programme"

    class Meta:
        verbose_name = _("amendment")
        verbose_name_plural = _("amendments")
        ordering = ["signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.signed_on:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if not self.programme_id:
            return
        programme = self.programme
        earlier = [
            a
            for a in programme.amendments.all()
            if a.pk != self.pk and a.signed_on <= (self.signed_on or a.signed_on)
        ]
        terms = ProgrammeTerms.from_amendments(programme, earlier)
        if self.signed_on and self.signed_on < programme.planned_start:
            errors["signed_on"] = ValidationError(_("The amendment is dated before the programme starts."))
        if self.kind == AmendmentKind.TOP_UP and self.budget_delta <= 0:
            errors["budget_delta"] = ValidationError(
                _("A top-up adds to the budget: enter a positive amount.")
            )
        if (
            self.kind in (AmendmentKind.NO_COST_EXTENSION, AmendmentKind.LOGFRAME_REVISION)
            and self.budget_delta
        ):
            errors["budget_delta"] = ValidationError(
                _("%(kind)s: this kind of amendment does not change the budget.")
                % {"kind": self.get_kind_display()}
            )
        if self.kind in (AmendmentKind.EXTENSION, AmendmentKind.NO_COST_EXTENSION):
            if not self.new_end_date:
                errors["new_end_date"] = ValidationError(_("An extension needs the new end date."))
            elif self.new_end_date <= terms.end and not self.shortens:
                errors["new_end_date"] = ValidationError(
                    _("An extension must end after the current end date (%(end)s).")
                    % {"end": terms.end.isoformat()}
                )
        if self.new_end_date and self.new_end_date < terms.end and not self.shortens:
            errors.setdefault(
                "shortens",
                ValidationError(
                    _(
                        "The new end date %(new)s is earlier than the current end date %(end)s: "
                        "tick the box to confirm that the programme is shortened."
                    )
                    % {"new": self.new_end_date.isoformat(), "end": terms.end.isoformat()}
                ),
            )
        if self.shortens and not (self.new_end_date and self.new_end_date < terms.end):
            errors["shortens"] = ValidationError(
                _("Only tick this box when the new end date is earlier than the current one.")
            )
        if self.new_end_date and self.new_end_date <= programme.planned_start:
            errors["new_end_date"] = ValidationError(_("The new end date is before the programme starts."))
        if errors:
            raise ValidationError(errors)


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    SEMESTER = "semester", _("Semester")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


class ReportingPeriod(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="periods"
    )
    label = models.CharField(_("label"), max_length=64, help_text=_("For example 2023 or 2023-Q4."))
    kind = models.CharField(_("kind"), max_length=16, choices=PeriodKind.choices)
    start = models.DateField(_("start"))
    end = models.DateField(_("end"))
    locked = models.BooleanField(
        _("locked"), default=False, help_text=_("A locked period accepts no more changes.")
    )

    objects = ScopedManager()
    scope_programme = "programme"

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["start", "end"]
        constraints = [models.UniqueConstraint(fields=["programme", "label"], name="period_label_unique")]

    def __str__(self) -> str:
        return self.label

    def clean(self) -> None:
        if not (self.start and self.end and self.programme_id):
            return
        if self.end < self.start:
            raise ValidationError({"end": _("The period ends before it starts.")})
        programme = self.programme
        terms = programme.current_terms()
        # The error goes to the date that is out of range, so the form shows it where it is wrong.
        outside = _("The period must lie within the programme, %(start)s to %(end)s.") % {
            "start": programme.planned_start.isoformat(),
            "end": terms.end.isoformat(),
        }
        errors = {}
        if self.start < programme.planned_start:
            errors["start"] = outside
        if self.end > terms.end:
            errors["end"] = outside
        if errors:
            raise ValidationError(errors)
        overlapping = (
            ReportingPeriod.objects.filter(programme=programme, kind=self.kind)
            .filter(Q(start__lte=self.end) & Q(end__gte=self.start))
            .exclude(pk=self.pk)
            .first()
        )
        if overlapping:
            raise ValidationError(
                {
                    "start": _("The period overlaps %(other)s, another period of the same kind.")
                    % {"other": overlapping.label}
                }
            )


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    MONITORING = "monitoring", _("Monitoring")
    CLOSED = "closed", _("Closed")


SCALE = [MinValueValidator(1), MaxValueValidator(5)]


class Risk(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="risks"
    )
    country = CountryField(_("country"), blank=True, help_text=_("Leave empty for a programme-wide risk."))
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="risks",
    )
    title = models.CharField(_("risk"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"), validators=SCALE)
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"), validators=SCALE)
    mitigation = models.TextField(_("mitigation"), blank=True)
    owner = models.CharField(_("owner"), max_length=255, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    raised_on = models.DateField(_("raised on"), default=datetime.date.today)

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["status", "-likelihood", "-impact", "title"]

    def __str__(self) -> str:
        return self.title

    @property
    def severity(self) -> int:
        return (self.likelihood or 0) * (self.impact or 0)

    @property
    def severity_level(self) -> str:
        score = self.severity
        return "high" if score >= 15 else "medium" if score >= 8 else "low"

    def clean(self) -> None:
        if (
            self.component is not None
            and self.programme_id
            and self.component.programme_id != self.programme_id
        ):
            raise ValidationError({"component": _("The component belongs to another programme.")})
        if (
            self.country
            and self.programme_id
            and not ProgrammeCountry.objects.filter(
                programme_id=self.programme_id, country=self.country
            ).exists()
        ):
            raise ValidationError({"country": _("The programme does not work in this country.")})


class BudgetLine(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="budget_lines"
    )
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
        help_text=_("Leave empty for lines that serve the whole programme, e.g. management costs."),
    )
    label = models.CharField(_("label"), max_length=255)
    amount = models.DecimalField(
        _("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )

    objects = ScopedManager()
    scope_programme = "programme"
    read_action = Action.BUDGET  # the money is read by managers, M&E officers and donor observers only

    class Meta:
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        ordering = ["component__code", "label"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "label"], name="budget_line_label_unique")
        ]

    def __str__(self) -> str:
        return f"{self.component.code} {self.label}" if self.component_id else self.label  # type: ignore[union-attr]

    def clean(self) -> None:
        if self.component_id and self.programme_id and self.component.programme_id != self.programme_id:  # type: ignore[union-attr]
            raise ValidationError({"component": _("The component belongs to another programme.")})


class Expenditure(models.Model):
    budget_line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="expenditures"
    )
    period = models.ForeignKey(
        ReportingPeriod, verbose_name=_("reporting period"), on_delete=models.PROTECT, related_name="+"
    )
    country = CountryField(
        _("country"), blank=True, help_text=_("Leave empty for spend that serves every country.")
    )
    amount = models.DecimalField(
        _("amount spent"), max_digits=14, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ScopedManager()
    scope_programme = "budget_line__programme"
    scope_country = "country"
    read_action = Action.BUDGET  # the money is read by managers, M&E officers and donor observers only

    class Meta:
        verbose_name = _("expenditure")
        verbose_name_plural = _("expenditures")
        ordering = ["period__start", "budget_line__label", "country"]
        constraints = [
            models.UniqueConstraint(fields=["budget_line", "period", "country"], name="expenditure_unique")
        ]

    def __str__(self) -> str:
        return f"{self.budget_line} · {self.period} · {self.country or '—'}"

    def clean(self) -> None:
        if not (self.budget_line_id and self.period_id):
            return
        programme_id = self.budget_line.programme_id
        if self.period.programme_id != programme_id:
            raise ValidationError({"period": _("The period belongs to another programme.")})
        if (
            self.country
            and not ProgrammeCountry.objects.filter(programme_id=programme_id, country=self.country).exists()
        ):
            raise ValidationError({"country": _("The programme does not work in this country.")})
        duplicate = (
            Expenditure.objects.filter(budget_line=self.budget_line, period=self.period, country=self.country)
            .exclude(pk=self.pk)
            .exists()
        )
        if duplicate:
            raise ValidationError(
                {
                    "period": _(
                        "Spend on this line for %(period)s and this country is already recorded: "
                        "edit it instead."
                    )
                    % {"period": self.period.label}
                }
            )


class Person(models.Model):
    """Someone who takes part in the programme's governance or events: a member, speaker or trainer.

    Personal data stays within the programme; anonymising a person on request blanks their name and
    contact details and keeps every record that points at them.
    """

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="people"
    )
    name = models.CharField(_("name"), max_length=255)
    position = models.CharField(
        _("position"),
        max_length=255,
        blank=True,
        help_text=_("For example Head of Unit, Department of Europe."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="people",
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=64, blank=True)
    languages = models.JSONField(
        _("languages"), default=list, blank=True, help_text=_("Language codes, e.g. en, ru, kk.")
    )
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True, editable=False)

    objects = ScopedManager()
    scope_programme = "programme"

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        if self.anonymised_at is not None:
            return str(ANONYMISED)
        return self.name

    @property
    def is_anonymised(self) -> bool:
        return self.anonymised_at is not None

    @property
    def name_and_position(self) -> str:
        """The name and the position, or the organisation when no position is recorded."""
        parts = [str(self), self.position or str(self.organisation or "")]
        return ", ".join(p for p in parts if p)


ANONYMISED = pgettext_lazy("person", "Anonymised person")
