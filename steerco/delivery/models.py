"""Delivery: events and participants, work plan, recommendations, procurement through handover to use."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.fields.files import FieldFile
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from steerco.core.bounds import AMOUNT, HEADCOUNT, UNITS
from steerco.core.scoping import ScopedManager
from steerco.core.uploads import accept_upload
from steerco.programmes.models import Component, Organisation, Programme, ProgrammeCountry

from .dates import Precision, format_planned, window_end

PERCENT = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


def _check_component(programme_id: int | None, component: Component | None, errors: dict) -> None:
    if component is not None and programme_id and component.programme_id != programme_id:
        errors["component"] = ValidationError(_("The component belongs to another programme."))


def _check_country(programme_id: int | None, country: str, errors: dict) -> None:
    if (
        country
        and programme_id
        and not ProgrammeCountry.objects.filter(programme_id=programme_id, country=country).exists()
    ):
        errors["country"] = ValidationError(_("The programme does not work in this country."))


def _check_upload(name: str, stored: FieldFile | None, errors: dict) -> None:
    try:
        accept_upload(stored)
    except ValidationError as exc:
        errors[name] = exc


class EventKind(models.TextChoices):
    TRAINING = "training", _("Training")
    WORKSHOP = "workshop", _("Workshop")
    CONSULTATION = "consultation", _("Consultation")
    WEBINAR = "webinar", _("Webinar")
    STUDY_VISIT = "study_visit", _("Study visit")
    CONFERENCE = "conference", _("Conference")
    EXPERT_MISSION = "expert_mission", _("Expert mission")


class EventStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class PlaceKind(models.TextChoices):
    CITY = "city", _("City")
    BCP = "bcp", _("Border crossing point")
    ONLINE = "online", _("Online")


class WorkPlanItem(models.Model):
    """One line of the annual work plan, planned for a quarter; an event fulfils it."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="work_plan_items"
    )
    year = models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    quarter = models.PositiveSmallIntegerField(_("quarter"), choices=[(q, f"Q{q}") for q in range(1, 5)])
    country = CountryField(_("country"), blank=True, help_text=_("Leave empty for a regional activity."))
    component = models.ForeignKey(
        Component, verbose_name=_("component"), on_delete=models.PROTECT, related_name="work_plan_items"
    )
    title = models.CharField(_("activity"), max_length=255)
    kind = models.CharField(_("kind of event"), max_length=16, choices=EventKind.choices, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # When the line was written into the plan: a pack made before leaves it out.
    created = models.DateTimeField(_("recorded"), default=timezone.now, editable=False)

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("work-plan line")
        verbose_name_plural = _("work-plan lines")
        ordering = ["year", "quarter", "country", "component__code", "title"]

    def __str__(self) -> str:
        return f"{self.year} Q{self.quarter} · {self.title}"

    @property
    def quarter_start(self) -> datetime.date:
        return datetime.date(self.year, 3 * (self.quarter - 1) + 1, 1)

    @property
    def quarter_end(self) -> datetime.date:
        return window_end(datetime.date(self.year, 3 * self.quarter, 1), Precision.MONTH)

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_component(self.programme_id, getattr(self, "component", None), errors)
        _check_country(self.programme_id, self.country, errors)
        if errors:
            raise ValidationError(errors)


class Event(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=EventKind.choices)
    title = models.CharField(_("title"), max_length=255)
    start_date = models.DateField(_("start date"))
    end_date = models.DateField(_("end date"))
    place = models.CharField(_("place"), max_length=128, blank=True)
    place_kind = models.CharField(
        _("kind of place"), max_length=8, choices=PlaceKind.choices, default=PlaceKind.CITY
    )
    country = CountryField(_("country"), blank=True, help_text=_("Leave empty for a regional event."))
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
    )
    result = models.ForeignKey(
        "results.Result",
        verbose_name=_("logframe result"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The result of the logframe this event serves."),
    )
    work_plan_item = models.ForeignKey(
        WorkPlanItem,
        verbose_name=_("work-plan line"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="events",
        help_text=_("The line of the work plan this event fulfils."),
    )
    beneficiaries = models.ManyToManyField(
        Organisation, verbose_name=_("beneficiary institutions"), blank=True, related_name="+"
    )
    co_organisers = models.ManyToManyField(
        Organisation,
        verbose_name=_("co-organising international organisations"),
        blank=True,
        related_name="+",
    )
    trainers = models.ManyToManyField(
        "programmes.Person", verbose_name=_("trainers"), blank=True, related_name="trained_events"
    )
    participants_total = models.PositiveIntegerField(_("participants"), default=0, validators=HEADCOUNT)
    participants_female = models.PositiveIntegerField(_("women"), default=0, validators=HEADCOUNT)
    participants_male = models.PositiveIntegerField(_("men"), default=0, validators=HEADCOUNT)
    participants_undisclosed = models.PositiveIntegerField(
        _("sex not recorded"), default=0, validators=HEADCOUNT
    )
    pre_test_average = models.DecimalField(
        _("pre-test average (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    post_test_average = models.DecimalField(
        _("post-test average (%)"), max_digits=5, decimal_places=2, null=True, blank=True, validators=PERCENT
    )
    status = models.CharField(
        _("status"), max_length=16, choices=EventStatus.choices, default=EventStatus.PLANNED
    )
    notes = models.TextField(_("notes"), blank=True)
    data_source = models.CharField(
        _("source of the figures"),
        max_length=255,
        blank=True,
        help_text=_("Where the figures come from, or that they are illustrative."),
    )

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    # Set by the service before validation: {organisation id or None (other agencies): participants}.
    agency_split: dict[int | None, int] | None = None

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start_date", "-id"]
        indexes = [models.Index(fields=["programme", "status", "start_date"], name="event_prog_status_date")]

    def __str__(self) -> str:
        return self.title

    @property
    def knowledge_gain(self) -> Decimal | None:
        if self.pre_test_average is None or self.post_test_average is None:
            return None
        return self.post_test_average - self.pre_test_average

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = ValidationError(_("The event ends before it starts."))
        _check_component(self.programme_id, self.component, errors)
        _check_country(self.programme_id, self.country, errors)
        if self.result is not None and self.programme_id and self.result.programme_id != self.programme_id:
            errors["result"] = ValidationError(_("The result belongs to another programme's logframe."))
        item = self.work_plan_item
        if item is not None and self.programme_id:
            if item.programme_id != self.programme_id:
                errors["work_plan_item"] = ValidationError(
                    _("The work-plan line belongs to another programme.")
                )
            elif item.country and item.country != self.country:
                errors["work_plan_item"] = ValidationError(
                    _("The work-plan line is planned for another country.")
                )
        if self.status == EventStatus.HELD and self.start_date and self.start_date > timezone.localdate():
            errors["status"] = ValidationError(_("An event that has not started yet cannot be marked held."))
        by_sex = self.participants_female + self.participants_male + self.participants_undisclosed
        if by_sex != self.participants_total:
            errors["participants_total"] = ValidationError(
                _(
                    "Women (%(female)s), men (%(male)s) and sex not recorded (%(undisclosed)s) add up to "
                    "%(sum)s, not to the %(total)s participants."
                )
                % {
                    "female": self.participants_female,
                    "male": self.participants_male,
                    "undisclosed": self.participants_undisclosed,
                    "sum": by_sex,
                    "total": self.participants_total,
                }
            )
        # Both splits are checked in the same round: fixing one never reveals the other's error next time.
        if self.agency_split is not None:
            by_agency = sum(self.agency_split.values())
            if by_agency != self.participants_total:
                agency_error = ValidationError(
                    _("The participants by agency add up to %(sum)s, not to the %(total)s participants.")
                    % {"sum": by_agency, "total": self.participants_total}
                )
                if "participants_total" in errors:
                    errors["participants_total"] = ValidationError(
                        [errors["participants_total"], agency_error]
                    )
                else:
                    errors["participants_total"] = agency_error
        if errors:
            raise ValidationError(errors)


class EventAgencyParticipants(models.Model):
    """How many of an event's participants came from one agency (no agency: other agencies)."""

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="agency_participants"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("agency"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Empty for participants from other agencies."),
    )
    participants = models.PositiveIntegerField(_("participants"), validators=HEADCOUNT)

    objects = ScopedManager()
    scope_programme = "event__programme"
    scope_country = "event__country"
    audited_through = "event"  # its changes are audited on its event

    class Meta:
        verbose_name = _("participants of an agency")
        verbose_name_plural = _("participants by agency")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "organisation"], name="event_agency_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation or _('other agencies')}: {self.participants}"


class AttachmentKind(models.TextChoices):
    AGENDA = "agenda", _("Agenda")
    PARTICIPANTS = "participants", _("Participant list")
    PHOTO = "photo", _("Photo")
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


class EventAttachment(models.Model):
    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=AttachmentKind.choices)
    file = models.FileField(_("file"), upload_to="delivery/events/%Y/", max_length=255)
    title = models.CharField(_("title"), max_length=255, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope_programme = "event__programme"
    scope_country = "event__country"

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["kind", "id"]

    def __str__(self) -> str:
        return self.title or (self.file.name or "").rsplit("/", 1)[-1]

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_upload("file", self.file, errors)
        if errors:
            raise ValidationError(errors)


class RecommendationStatus(models.TextChoices):
    DELIVERED = "delivered", _("Delivered")
    UNDER_CONSIDERATION = "under_consideration", _("Under consideration")
    PARTIALLY_ADOPTED = "partially_adopted", _("Partially adopted")
    ADOPTED = "adopted", _("Adopted")
    REJECTED = "rejected", _("Rejected")


# How far along the way a status is; a recommendation only moves forward, and the last two are final.
RECOMMENDATION_RANK: dict[str, int] = {
    RecommendationStatus.DELIVERED: 0,
    RecommendationStatus.UNDER_CONSIDERATION: 1,
    RecommendationStatus.PARTIALLY_ADOPTED: 2,
    RecommendationStatus.ADOPTED: 3,
    RecommendationStatus.REJECTED: 3,
}


class Recommendation(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="recommendations"
    )
    country = CountryField(_("country"))
    institution = models.ForeignKey(
        Organisation, verbose_name=_("institution"), on_delete=models.PROTECT, related_name="+"
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("given at"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recommendations",
        help_text=_("The event or expert mission the recommendation comes from."),
    )
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    text = models.TextField(_("recommendation"))
    given_on = models.DateField(_("given on"))
    # The latest status of its history, kept here so lists and counts need no subquery.
    status = models.CharField(
        _("status"),
        max_length=24,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.DELIVERED,
        editable=False,
    )

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["-given_on", "-id"]

    def __str__(self) -> str:
        return self.text[:80]

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_component(self.programme_id, self.component, errors)
        _check_country(self.programme_id, self.country, errors)
        institution = getattr(self, "institution", None)
        if institution is not None and institution.country and institution.country != self.country:
            errors["institution"] = ValidationError(_("The institution is in another country."))
        if self.event is not None and self.programme_id:
            if self.event.programme_id != self.programme_id:
                errors["event"] = ValidationError(_("The event belongs to another programme."))
            elif self.event.country and self.event.country != self.country:
                errors["event"] = ValidationError(_("The event took place for another country."))
            elif self.given_on and self.given_on < self.event.start_date:
                errors["given_on"] = ValidationError(
                    _("The recommendation is dated before the event (%(date)s).")
                    % {"date": self.event.start_date.isoformat()}
                )
        if errors:
            raise ValidationError(errors)


class RecommendationStatusChange(models.Model):
    recommendation = models.ForeignKey(
        Recommendation, verbose_name=_("recommendation"), on_delete=models.CASCADE, related_name="history"
    )
    status = models.CharField(_("status"), max_length=24, choices=RecommendationStatus.choices)
    on = models.DateField(_("date"))
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_file = models.FileField(
        _("evidence document"), upload_to="delivery/recommendations/%Y/", blank=True, max_length=255
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ScopedManager()
    scope_programme = "recommendation__programme"
    scope_country = "recommendation__country"
    audited_through = "recommendation"  # its changes are audited on its recommendation

    class Meta:
        verbose_name = _("status of a recommendation")
        verbose_name_plural = _("statuses of recommendations")
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["status", "on"], name="recommendation_status_on")]

    def __str__(self) -> str:
        return f"{self.get_status_display()} {self.on:%Y-%m-%d}"

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_upload("evidence_file", self.evidence_file, errors)
        recommendation = getattr(self, "recommendation", None)
        if recommendation is not None and self.status and self.on:
            earlier = [c for c in recommendation.history.all() if c.pk != self.pk]
            if earlier:
                last = max(earlier, key=lambda c: (c.on, c.pk))
                if RECOMMENDATION_RANK[last.status] == 3:
                    errors["status"] = ValidationError(
                        _("The recommendation was already %(status)s; its status no longer changes.")
                        % {"status": last.get_status_display().lower()}
                    )
                elif RECOMMENDATION_RANK[self.status] <= RECOMMENDATION_RANK[last.status]:
                    errors["status"] = ValidationError(
                        _("The recommendation is already %(status)s: choose a later step.")
                        % {"status": last.get_status_display().lower()}
                    )
                if self.on < last.on:
                    errors["on"] = ValidationError(
                        _("The previous status was recorded on %(date)s; this one cannot be earlier.")
                        % {"date": last.on.isoformat()}
                    )
            elif recommendation.given_on and self.on < recommendation.given_on:
                errors["on"] = ValidationError(_("The date is before the recommendation was given."))
            if self.on > timezone.localdate():
                errors["on"] = ValidationError(_("The date is in the future."))
        if errors:
            raise ValidationError(errors)


class ProcurementCategory(models.TextChoices):
    RADIOS = "radios", _("Radios")
    SCANNERS = "scanners", _("Scanners")
    CANINE = "canine", _("Canine")
    IT = "it", _("IT")
    PROTECTIVE = "protective", _("Protective equipment")
    VEHICLES = "vehicles", _("Vehicles")
    POWER = "power", _("Power supply")
    REHABILITATION = "rehabilitation", _("Rehabilitation")
    OTHER = "other", _("Other")


class Stage(models.TextChoices):
    NEEDS = "needs", _("Needs assessment")
    SPECIFICATIONS = "specifications", _("Specifications")
    TENDER = "tender", _("Tender")
    CONTRACTED = "contracted", _("Contracted")
    DELIVERED = "delivered", _("Delivered")
    ACCEPTED = "accepted", _("Accepted")
    HANDED_OVER = "handed_over", _("Handed over")
    IN_USE = "in_use", _("In use")


STAGE_ORDER = [s.value for s in Stage]


class ProcurementLot(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="procurement_lots"
    )
    country = CountryField(_("country"))
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="procurement_lots",
    )
    reference = models.CharField(
        _("reference"), max_length=32, blank=True, help_text=_("For example LOT-07.")
    )
    title = models.CharField(_("lot"), max_length=255)
    category = models.CharField(_("category"), max_length=16, choices=ProcurementCategory.choices)
    quantity = models.PositiveIntegerField(_("quantity"), validators=[MinValueValidator(1), *UNITS])
    unit = models.CharField(_("unit"), max_length=32, default="units")
    estimated_value = models.DecimalField(
        _("estimated value"), max_digits=14, decimal_places=2, null=True, blank=True, validators=AMOUNT
    )
    contracted_value = models.DecimalField(
        _("contracted value"), max_digits=14, decimal_places=2, null=True, blank=True, validators=AMOUNT
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    supplier = models.CharField(_("supplier"), max_length=255, blank=True)
    beneficiary = models.ForeignKey(
        Organisation, verbose_name=_("beneficiary institution"), on_delete=models.PROTECT, related_name="+"
    )
    cancelled_on = models.DateField(
        _("cancelled on"), null=True, blank=True, help_text=_("Fill in only when the lot is cancelled.")
    )
    notes = models.TextField(_("notes"), blank=True)
    data_source = models.CharField(
        _("source of the figures"),
        max_length=255,
        blank=True,
        help_text=_("Where the figures come from, or that they are illustrative."),
    )

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("procurement lot")
        verbose_name_plural = _("procurement lots")
        ordering = ["country", "reference", "title"]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_component(self.programme_id, self.component, errors)
        _check_country(self.programme_id, self.country, errors)
        beneficiary = getattr(self, "beneficiary", None)
        if beneficiary is not None and beneficiary.country and beneficiary.country != self.country:
            errors["beneficiary"] = ValidationError(_("The institution is in another country."))
        if errors:
            raise ValidationError(errors)

    # The pipeline reads these from prefetched steps: no query per lot. `on` looks at the lot as it
    # stood that day (a meeting pack reviews a past period); by default, as it stands.
    def steps_by_stage(self) -> dict[str, ProcurementStep]:
        return {s.stage: s for s in self.steps.all()}

    def current_stage(self, on: datetime.date | None = None) -> str | None:
        reached = [s.stage for s in self.steps.all() if s.reached(on)]
        return max(reached, key=STAGE_ORDER.index) if reached else None

    def next_step(self, on: datetime.date | None = None) -> ProcurementStep | None:
        """The earliest stage not reached yet that has a planned date: the one that can be late."""
        current = self.current_stage(on)
        after = STAGE_ORDER.index(current) + 1 if current else 0
        pending = [
            s
            for s in self.steps.all()
            if not s.reached(on) and s.planned_date and STAGE_ORDER.index(s.stage) >= after
        ]
        return min(pending, key=lambda s: STAGE_ORDER.index(s.stage)) if pending else None

    def days_late(self, today: datetime.date | None = None) -> int | None:
        """How many days the next step is overdue today; None when the lot is on time or finished."""
        if self.cancelled_on and (today is None or self.cancelled_on <= today):
            return None
        step = self.next_step(today)
        if step is None or step.deadline is None:
            return None
        late = ((today or timezone.localdate()) - step.deadline).days
        return late if late > 0 else None

    def delivered_quantity(self) -> int:
        delivered = self.steps_by_stage().get(Stage.DELIVERED)
        if delivered is None or not delivered.actual_date:
            return 0
        return delivered.quantity if delivered.quantity is not None else self.quantity


class ProcurementStep(models.Model):
    lot = models.ForeignKey(
        ProcurementLot, verbose_name=_("lot"), on_delete=models.CASCADE, related_name="steps"
    )
    stage = models.CharField(_("stage"), max_length=16, choices=Stage.choices)
    planned_date = models.DateField(_("planned"), null=True, blank=True)
    planned_precision = models.CharField(
        _("planned to the"), max_length=8, choices=Precision.choices, default=Precision.DAY
    )
    actual_date = models.DateField(_("actual date"), null=True, blank=True)
    quantity = models.PositiveIntegerField(
        _("units"),
        null=True,
        blank=True,
        validators=UNITS,
        help_text=_("For a delivery: the units delivered, when fewer than the lot's quantity."),
    )
    note = models.CharField(_("note"), max_length=255, blank=True)

    objects = ScopedManager()
    scope_programme = "lot__programme"
    scope_country = "lot__country"

    class Meta:
        verbose_name = _("procurement step")
        verbose_name_plural = _("procurement steps")
        ordering = ["lot", "id"]
        constraints = [models.UniqueConstraint(fields=["lot", "stage"], name="procurement_step_unique")]

    def __str__(self) -> str:
        return f"{self.lot} · {self.get_stage_display()}"

    @property
    def planned_label(self) -> str:
        return format_planned(self.planned_date, self.planned_precision)

    @property
    def deadline(self) -> datetime.date | None:
        return window_end(self.planned_date, self.planned_precision) if self.planned_date else None

    def reached(self, on: datetime.date | None = None) -> bool:
        return self.actual_date is not None and (on is None or self.actual_date <= on)

    def delay_days(self, today: datetime.date | None = None) -> int | None:
        """Days after the planned window: from the actual date when reached, from today when not."""
        deadline = self.deadline
        if deadline is None:
            return None
        reference = self.actual_date or today or timezone.localdate()
        if not self.actual_date and reference <= deadline:
            return None
        return (reference - deadline).days

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if self.actual_date and self.actual_date > timezone.localdate():
            errors["actual_date"] = ValidationError(
                _("The actual date is in the future: record it once it happened.")
            )
        lot = getattr(self, "lot", None)
        if lot is not None and lot.pk and self.stage in STAGE_ORDER and self.actual_date:
            rank = STAGE_ORDER.index(self.stage)
            for other in lot.steps.exclude(pk=self.pk).exclude(actual_date=None):
                other_rank = STAGE_ORDER.index(other.stage)
                if (other_rank < rank and other.actual_date > self.actual_date) or (
                    other_rank > rank and other.actual_date < self.actual_date
                ):
                    errors["actual_date"] = ValidationError(
                        _("%(stage)s on %(date)s cannot come %(order)s %(other)s on %(other_date)s.")
                        % {
                            "stage": self.get_stage_display(),
                            "date": self.actual_date.isoformat(),
                            "order": _("before") if other_rank < rank else _("after"),
                            "other": other.get_stage_display().lower(),
                            "other_date": other.actual_date.isoformat(),
                        }
                    )
                    break
        if self.quantity is not None:
            if self.stage != Stage.DELIVERED:
                errors["quantity"] = ValidationError(_("Units are recorded for the delivery only."))
            elif lot is not None and self.quantity > lot.quantity:
                errors["quantity"] = ValidationError(
                    _("The lot has %(quantity)s %(unit)s; more cannot be delivered.")
                    % {"quantity": lot.quantity, "unit": lot.unit}
                )
        if errors:
            raise ValidationError(errors)


class Handover(models.Model):
    """The act that transfers equipment, its ownership and value, to a beneficiary institution."""

    lot = models.ForeignKey(
        ProcurementLot, verbose_name=_("lot"), on_delete=models.PROTECT, related_name="handovers"
    )
    act_number = models.CharField(_("act number"), max_length=64, blank=True)
    handed_over_on = models.DateField(_("date"))
    recipient = models.ForeignKey(
        Organisation, verbose_name=_("recipient institution"), on_delete=models.PROTECT, related_name="+"
    )
    quantity = models.PositiveIntegerField(_("units"), validators=[MinValueValidator(1), *UNITS])
    value = models.DecimalField(
        _("value"), max_digits=14, decimal_places=2, null=True, blank=True, validators=AMOUNT
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    place = models.CharField(_("place"), max_length=128, blank=True)
    document = models.FileField(
        _("signed act"), upload_to="delivery/handovers/%Y/", blank=True, max_length=255
    )
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("acknowledged by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True, editable=False)
    acknowledgement_note = models.CharField(_("note of the recipient"), max_length=255, blank=True)
    data_source = models.CharField(_("source of the figures"), max_length=255, blank=True)

    objects = ScopedManager()
    scope_programme = "lot__programme"
    scope_country = "lot__country"

    class Meta:
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")
        ordering = ["-handed_over_on", "-id"]

    def __str__(self) -> str:
        return _("Handover of %(lot)s on %(date)s") % {"lot": self.lot, "date": self.handed_over_on}

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_upload("document", self.document, errors)
        lot = getattr(self, "lot", None)
        recipient = getattr(self, "recipient", None)
        if lot is None:
            if errors:
                raise ValidationError(errors)
            return
        if recipient is not None and recipient.country and recipient.country != lot.country:
            errors["recipient"] = ValidationError(_("The institution is in another country than the lot."))
        delivered = lot.steps.filter(stage=Stage.DELIVERED).exclude(actual_date=None).first()
        if self.quantity:
            if delivered is None:
                errors["quantity"] = ValidationError(
                    _("Nothing of this lot has been delivered yet: record the delivery first.")
                )
            else:
                delivered_units = delivered.quantity if delivered.quantity is not None else lot.quantity
                earlier = lot.handovers.exclude(pk=self.pk).aggregate(n=models.Sum("quantity"))["n"] or 0
                if earlier + self.quantity > delivered_units:
                    errors["quantity"] = ValidationError(
                        _(
                            "%(delivered)s %(unit)s were delivered and %(earlier)s already handed over: "
                            "at most %(left)s can be handed over now."
                        )
                        % {
                            "delivered": delivered_units,
                            "unit": lot.unit,
                            "earlier": earlier,
                            "left": max(delivered_units - earlier, 0),
                        }
                    )
        if delivered is not None and self.handed_over_on and self.handed_over_on < delivered.actual_date:
            errors["handed_over_on"] = ValidationError(
                _("The handover is dated before the delivery (%(date)s).")
                % {"date": delivered.actual_date.isoformat()}
            )
        if self.handed_over_on and self.handed_over_on > timezone.localdate():
            errors["handed_over_on"] = ValidationError(_("The date is in the future."))
        if errors:
            raise ValidationError(errors)


class Asset(models.Model):
    lot = models.ForeignKey(
        ProcurementLot, verbose_name=_("lot"), on_delete=models.PROTECT, related_name="assets"
    )
    handover = models.ForeignKey(
        Handover,
        verbose_name=_("handover"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assets",
    )
    serial_number = models.CharField(_("serial number"), max_length=64)
    description = models.CharField(_("description"), max_length=255, blank=True)
    location = models.CharField(_("location"), max_length=128, blank=True)

    objects = ScopedManager()
    scope_programme = "lot__programme"
    scope_country = "lot__country"

    class Meta:
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        ordering = ["lot", "serial_number"]
        constraints = [models.UniqueConstraint(fields=["lot", "serial_number"], name="asset_serial_unique")]

    def __str__(self) -> str:
        return self.serial_number

    def clean(self) -> None:
        if self.handover is not None and self.lot_id and self.handover.lot_id != self.lot_id:
            raise ValidationError({"handover": _("The handover is of another lot.")})


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    FAIR = "fair", _("Fair")
    POOR = "poor", _("Poor")
    BROKEN = "broken", _("Out of order")


class Verification(models.Model):
    """A visit that checks whether handed-over equipment is in use, where, and in what state."""

    handover = models.ForeignKey(
        Handover, verbose_name=_("handover"), on_delete=models.CASCADE, related_name="verifications"
    )
    visited_on = models.DateField(_("visited on"))
    in_use = models.BooleanField(_("in use"))
    quantity_in_use = models.PositiveIntegerField(_("units in use"), default=0, validators=UNITS)
    location = models.CharField(_("where"), max_length=128, blank=True)
    condition = models.CharField(_("state"), max_length=8, choices=Condition.choices, default=Condition.GOOD)
    note = models.TextField(_("note"), blank=True)
    photo = models.FileField(_("photo"), upload_to="delivery/verifications/%Y/", blank=True, max_length=255)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    objects = ScopedManager()
    scope_programme = "handover__lot__programme"
    scope_country = "handover__lot__country"

    class Meta:
        verbose_name = _("verification visit")
        verbose_name_plural = _("verification visits")
        ordering = ["-visited_on", "-id"]

    def __str__(self) -> str:
        return _("Verification on %(date)s") % {"date": self.visited_on}

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        _check_upload("photo", self.photo, errors)
        handover = getattr(self, "handover", None)
        if handover is not None:
            if self.visited_on and self.visited_on < handover.handed_over_on:
                errors["visited_on"] = ValidationError(
                    _("The visit is dated before the handover (%(date)s).")
                    % {"date": handover.handed_over_on.isoformat()}
                )
            if self.quantity_in_use > handover.quantity:
                errors["quantity_in_use"] = ValidationError(
                    _("Only %(quantity)s units were handed over.") % {"quantity": handover.quantity}
                )
        if self.in_use and not self.quantity_in_use:
            errors["quantity_in_use"] = ValidationError(_("Say how many units are in use."))
        if not self.in_use and self.quantity_in_use:
            errors["in_use"] = ValidationError(_("Units are in use: tick “in use”."))
        if self.visited_on and self.visited_on > timezone.localdate():
            errors["visited_on"] = ValidationError(_("The date is in the future."))
        if errors:
            raise ValidationError(errors)
