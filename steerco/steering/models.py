"""Steering groups, their meetings (agenda, participants), decisions, action points and frozen packs."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from steerco.core.scoping import ScopedManager
from steerco.programmes.models import (
    Component,
    Organisation,
    Person,
    Programme,
    ProgrammeCountry,
    ReportingPeriod,
    Sex,
)


def person_errors(
    obj: models.Model, fields: list[str], programme_id: int | None
) -> dict[str, ValidationError]:
    """An error for each person field of `obj` that points at a person of another programme."""
    errors = {}
    for name in fields:
        chosen = getattr(obj, name)
        if chosen is not None and programme_id and chosen.programme_id != programme_id:
            errors[name] = ValidationError(_("The person belongs to another programme."))
    return errors


def shown_person(person: Person | None, text: str = "") -> str:
    """A person with their position, or the free text recorded where no person is."""
    return person.name_and_position if person is not None else text


class GroupKind(models.TextChoices):
    NATIONAL = "national", _("National steering group")
    REGIONAL = "regional", _("Regional steering group")
    PROJECT = "project", _("Project steering group")


class SteeringGroup(models.Model):
    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="steering_groups"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=GroupKind.choices)
    country = CountryField(_("country"), blank=True, help_text=_("For a national group only."))
    name = models.CharField(_("name"), max_length=255, help_text=_("For example NSG Kazakhstan."))
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("steering group")
        verbose_name_plural = _("steering groups")
        ordering = ["programme__code", "kind", "country", "name"]
        constraints = [
            models.UniqueConstraint(fields=["programme", "name"], name="steering_group_name_unique")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_national(self) -> bool:
        return self.kind == GroupKind.NATIONAL

    def clean(self) -> None:
        if self.kind == GroupKind.NATIONAL:
            if not self.country:
                raise ValidationError({"country": _("A national steering group belongs to one country.")})
            if (
                self.programme_id
                and not ProgrammeCountry.objects.filter(
                    programme_id=self.programme_id, country=self.country
                ).exists()
            ):
                raise ValidationError({"country": _("The programme does not work in this country.")})
        elif self.country:
            raise ValidationError(
                {"country": _("Only a national steering group has a country; leave it empty.")}
            )


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    CO_CHAIR = "co_chair", _("Co-chair")
    MEMBER = "member", _("Member")
    OBSERVER = "observer", _("Observer")
    SECRETARIAT = "secretariat", _("Secretariat")


class GroupMember(models.Model):
    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.CASCADE, related_name="members"
    )
    person = models.CharField(
        _("person"),
        max_length=255,
        blank=True,
        help_text=_("Name, or the position held, when the member is not recorded as a person."),
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    role = models.CharField(_("role"), max_length=16, choices=MemberRole.choices, default=MemberRole.MEMBER)
    email = models.EmailField(_("e-mail"), blank=True)
    person_record = models.ForeignKey(
        Person,
        verbose_name=_("person of the programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="memberships",
        help_text=_("Choose the person when they are recorded in the programme's people."),
    )

    objects = ScopedManager()
    scope_programme = "group__programme"
    scope_country = "group__country"

    class Meta:
        verbose_name = _("group member")
        verbose_name_plural = _("group members")
        ordering = ["role", "organisation__name", "person"]

    def __str__(self) -> str:
        return f"{self.shown_name} ({self.organisation})"

    @property
    def shown_name(self) -> str:
        """The person's name (or the neutral label once anonymised), else the text recorded."""
        return str(self.person_record) if self.person_record_id else self.person

    def clean(self) -> None:
        errors = person_errors(self, ["person_record"], self.group.programme_id if self.group_id else None)
        if not (self.person_record_id or self.person.strip()):
            errors["person"] = ValidationError(_("Choose a person or write the name or position held."))
        if errors:
            raise ValidationError(errors)


class MeetingMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("Hybrid")


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PACK_CIRCULATED = "pack_circulated", _("Pack circulated")
    HELD = "held", _("Held")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")


# The longest meeting the form accepts; a longer span is almost always a typing error in a date.
MAX_MEETING_DAYS = 5


class Meeting(models.Model):
    group = models.ForeignKey(
        SteeringGroup, verbose_name=_("steering group"), on_delete=models.PROTECT, related_name="meetings"
    )
    number = models.PositiveSmallIntegerField(
        _("number"), blank=True, help_text=_("Its place in the group's series; leave empty for the next one.")
    )
    start_date = models.DateField(_("date"))
    end_date = models.DateField(
        _("last day"), null=True, blank=True, help_text=_("For meetings over several days.")
    )
    place = models.CharField(_("place"), max_length=255, blank=True)
    mode = models.CharField(
        _("mode"), max_length=16, choices=MeetingMode.choices, default=MeetingMode.IN_PERSON
    )
    period = models.ForeignKey(
        ReportingPeriod,
        verbose_name=_("period reviewed"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    opened_by = models.CharField(
        _("opened by"),
        max_length=255,
        blank=True,
        help_text=_("Who opened the meeting, e.g. the EU Ambassador."),
    )
    moderator = models.ForeignKey(
        Organisation,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    opened_by_person = models.ForeignKey(
        Person,
        verbose_name=_("opened by (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_by_person = models.ForeignKey(
        Person,
        verbose_name=_("moderated by (person)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    highlights = models.TextField(
        _("headline figures"),
        blank=True,
        help_text=_(
            "One per line, e.g. 500 mobile radio stations delivered to the State Border Guard Service."
        ),
    )
    summary = models.TextField(_("summary"), blank=True)

    objects = ScopedManager()
    scope_programme = "group__programme"
    scope_country = "group__country"

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-start_date", "group__name"]
        constraints = [models.UniqueConstraint(fields=["group", "number"], name="meeting_number_unique")]

    def __str__(self) -> str:
        return f"{self.group.name} {self.number}"

    @property
    def last_day(self) -> datetime.date:
        return self.end_date or self.start_date

    # A meeting's place in its group's series is its number, and nothing else: not the group's name,
    # not the meetings recorded before it (the first meetings of a group may predate the platform).
    @property
    def is_first_of_group(self) -> bool:
        return self.number == 1

    def previous_of_group(self) -> Meeting | None:
        """The meeting before this one in its group's series, when it is recorded (one query)."""
        return (
            Meeting.objects.filter(group_id=self.group_id, number__lt=self.number)
            .select_related("group")
            .order_by("-number")
            .first()
        )

    def next_of_group(self) -> Meeting | None:
        """The meeting after this one in its group's series, when it is planned (one query)."""
        return (
            Meeting.objects.filter(group_id=self.group_id, number__gt=self.number)
            .select_related("group")
            .order_by("number")
            .first()
        )

    @property
    def opened_by_shown(self) -> str:
        """Who opened the meeting: the person with their position, else the text recorded."""
        return shown_person(self.opened_by_person, self.opened_by)

    @property
    def moderated_by_shown(self) -> str:
        """Who moderated: the person with their position, else the organisation recorded."""
        return shown_person(self.moderated_by_person, str(self.moderator or ""))

    @property
    def highlight_lines(self) -> list[str]:
        return [line.strip() for line in self.highlights.splitlines() if line.strip()]

    def clean(self) -> None:
        if not (self.group_id and self.start_date):
            return
        errors: dict[str, ValidationError] = {}
        programme = self.group.programme
        terms = programme.current_terms()
        if not programme.planned_start <= self.start_date <= terms.end:
            errors["start_date"] = ValidationError(
                _("The meeting must fall within the programme, %(start)s to %(end)s.")
                % {"start": programme.planned_start.isoformat(), "end": terms.end.isoformat()}
            )
        if self.end_date:
            if self.end_date < self.start_date:
                errors["end_date"] = ValidationError(_("The last day is before the first day."))
            elif (self.end_date - self.start_date).days >= MAX_MEETING_DAYS:
                errors["end_date"] = ValidationError(
                    _("A meeting lasts at most %(days)s days: check the last day.")
                    % {"days": MAX_MEETING_DAYS}
                )
        if self.period_id and self.period.programme_id != programme.pk:
            errors["period"] = ValidationError(_("The period belongs to another programme."))
        errors.update(person_errors(self, ["opened_by_person", "moderated_by_person"], programme.pk))
        if (
            self.number
            and Meeting.objects.filter(group_id=self.group_id, number=self.number)
            .exclude(pk=self.pk)
            .exists()
        ):
            errors["number"] = ValidationError(
                _("%(group)s already has a meeting number %(number)s.")
                % {"group": self.group.name, "number": self.number}
            )
        if errors:
            raise ValidationError(errors)


class Attendance(models.TextChoices):
    INVITED = "invited", _("Invited")
    PRESENT = "present", _("Present")
    ONLINE = "online", _("Joined online")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")


class Participant(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="participants"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="participations",
    )
    name = models.CharField(
        _("name"),
        max_length=255,
        blank=True,
        help_text=_("When the participant is not recorded as a person."),
    )
    position = models.CharField(_("position"), max_length=255, blank=True)
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="+"
    )
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices, blank=True)
    attendance = models.CharField(
        _("attendance"), max_length=16, choices=Attendance.choices, default=Attendance.INVITED
    )

    objects = ScopedManager()
    scope_programme = "meeting__group__programme"
    scope_country = "meeting__group__country"

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["organisation__name", "name"]

    def __str__(self) -> str:
        return f"{self.shown_name} ({self.organisation})"

    @property
    def attended(self) -> bool:
        return self.attendance in (Attendance.PRESENT, Attendance.ONLINE)

    # A participant recorded as a person reads the person's name, position and sex; what was typed
    # on the participant itself only fills in what the person does not say.
    @property
    def shown_name(self) -> str:
        return str(self.person) if self.person_id else self.name

    @property
    def shown_position(self) -> str:
        return (self.person.position if self.person_id else "") or self.position  # type: ignore[union-attr]

    @property
    def shown_sex(self) -> str:
        return (self.person.sex if self.person_id else "") or self.sex  # type: ignore[union-attr]

    def clean(self) -> None:
        programme_id = self.meeting.group.programme_id if self.meeting_id else None
        errors = person_errors(self, ["person"], programme_id)
        if not (self.person_id or self.name.strip()):
            errors["name"] = ValidationError(_("Choose a person or write the participant's name."))
        if errors:
            raise ValidationError(errors)


class Decision(models.Model):
    class Kind(models.TextChoices):
        WORK_PLAN_ENDORSED = "work_plan_endorsed", _("Work plan endorsed")
        REPORT_APPROVED = "report_approved", _("Report approved")
        EXTENSION_REQUESTED = "extension_requested", _("Extension requested")
        TOP_UP_REQUESTED = "top_up_requested", _("Top-up requested")
        OTHER = "other", _("Other decision")

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices, default=Kind.OTHER)
    text = models.TextField(
        _("decision"), help_text=_("Say what the group did, e.g. “Endorsed the work plan for 2024.”")
    )

    objects = ScopedManager()
    scope_programme = "meeting__group__programme"
    scope_country = "meeting__group__country"

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["meeting", "id"]

    def __str__(self) -> str:
        return self.text[:80]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    REPORTED_DONE = "reported_done", _("Reported done")
    CLOSED = "closed", _("Closed")


class ActionPoint(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("raised at"), on_delete=models.PROTECT, related_name="action_points"
    )
    text = models.TextField(_("action"))
    owner_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("owner organisation"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="action_points",
    )
    owner_person = models.CharField(_("owner person"), max_length=255, blank=True)
    owner_record = models.ForeignKey(
        Person,
        verbose_name=_("owner (person of the programme)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="owned_action_points",
    )
    owner_email = models.EmailField(
        _("owner's contact e-mail"), blank=True, help_text=_("Where reminders of an overdue action go.")
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=16, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    # The country the action point is answered in: the national group's country, or for a regional
    # or project group the owner organisation's country, so that its counterparts may update it.
    country = CountryField(_("country"), blank=True, editable=False)
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_at = models.ForeignKey(
        Meeting,
        verbose_name=_("closed at meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="closed_action_points",
    )
    closing_note = models.TextField(_("closing note"), blank=True)

    objects = ScopedManager()
    scope_programme = "meeting__group__programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("action point")
        verbose_name_plural = _("action points")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.text[:80]

    @property
    def owner(self) -> str:
        person = str(self.owner_record) if self.owner_record_id else self.owner_person
        parts = [p for p in (person, str(self.owner_organisation or "")) if p]
        return " · ".join(parts) or "—"

    @property
    def is_closed(self) -> bool:
        return self.status == ActionStatus.CLOSED

    def is_overdue(self, today: datetime.date | None = None) -> bool:
        return not self.is_closed and self.due_date < (today or datetime.date.today())

    # As of a date: what a pack made that day says. Closing is dated by `closed_on`, every other
    # status by the follow-up note that set it (read from the prefetched `notes`).
    def closed_by(self, on: datetime.date) -> bool:
        return self.is_closed and self.closed_on is not None and self.closed_on <= on

    def notes_by(self, on: datetime.date) -> list[ActionPointNote]:
        """The follow-up notes written by the end of `on`, latest first."""
        notes = [n for n in self.notes.all() if timezone.localdate(n.at) <= on]
        return sorted(notes, key=lambda n: (n.at, n.pk or 0), reverse=True)

    def status_on(self, on: datetime.date) -> str:
        if self.closed_by(on):
            return ActionStatus.CLOSED
        for note in self.notes_by(on):
            if note.status != ActionStatus.CLOSED:
                return note.status
        if self.is_closed or self.notes.all():
            return ActionStatus.OPEN  # the status it had before the first follow-up
        return self.status

    def overdue_on(self, on: datetime.date) -> bool:
        return not self.closed_by(on) and self.due_date < on

    def clean(self) -> None:
        errors: dict[str, ValidationError] = {}
        if not (self.owner_organisation_id or self.owner_record_id or self.owner_person.strip()):
            errors["owner_organisation"] = ValidationError(
                _("Name the owner: an organisation, a person or both.")
            )
        if self.meeting_id:
            errors.update(person_errors(self, ["owner_record"], self.meeting.group.programme_id))
        if self.meeting_id and self.due_date and self.due_date < self.meeting.start_date:
            errors["due_date"] = ValidationError(
                _("The due date is before the meeting that raised the action point (%(date)s).")
                % {"date": self.meeting.start_date.isoformat()}
            )
        if self.status == ActionStatus.CLOSED:
            if not self.closing_note.strip():
                errors["closing_note"] = ValidationError(
                    _("Say how the action point was closed: a closing note is required.")
                )
            if not self.closed_on:
                errors["closed_on"] = ValidationError(_("Give the date the action point was closed."))
        if self.closed_at_id and self.meeting_id:
            closing, raising = self.closed_at, self.meeting
            if closing.start_date < raising.start_date:  # type: ignore[union-attr]
                errors["closed_at"] = ValidationError(_("An action point is closed at a later meeting."))
            elif closing.group.programme_id != raising.group.programme_id:  # type: ignore[union-attr]
                errors["closed_at"] = ValidationError(_("The meeting belongs to another programme."))
        if self.closed_on and self.meeting_id and self.closed_on < self.meeting.start_date:
            errors["closed_on"] = ValidationError(
                _("The action point cannot be closed before it was raised.")
            )
        if errors:
            raise ValidationError(errors)


class ActionPointNote(models.Model):
    """A follow-up on an action point: who reported what, and the status it moved to."""

    action_point = models.ForeignKey(
        ActionPoint, verbose_name=_("action point"), on_delete=models.CASCADE, related_name="notes"
    )
    at = models.DateTimeField(_("when"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=16, choices=ActionStatus.choices)
    note = models.TextField(_("note"))

    objects = ScopedManager()
    scope_programme = "action_point__meeting__group__programme"
    scope_country = "action_point__country"
    audited_through = "action_point"  # its changes are audited on its action point

    class Meta:
        verbose_name = _("follow-up note")
        verbose_name_plural = _("follow-up notes")
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.note[:80]


class AgendaItem(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("item"), max_length=255)
    presenter = models.CharField(_("presenter"), max_length=255, blank=True)
    presenter_person = models.ForeignKey(
        Person,
        verbose_name=_("presenter (person)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), null=True, blank=True)
    component = models.ForeignKey(
        Component,
        verbose_name=_("component"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action_point = models.ForeignKey(
        ActionPoint,
        verbose_name=_("action point"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    indicator = models.ForeignKey(
        "results.Indicator",
        verbose_name=_("indicator"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    procurement_lot = models.ForeignKey(
        "delivery.ProcurementLot",
        verbose_name=_("procurement lot"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    notes = models.TextField(_("notes for the minutes"), blank=True)

    objects = ScopedManager()
    scope_programme = "meeting__group__programme"
    scope_country = "meeting__group__country"

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["meeting", "order", "id"]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"

    def clean(self) -> None:
        if not self.meeting_id:
            return
        programme_id = self.meeting.group.programme_id
        if self.presenter_person_id and self.presenter_person.programme_id != programme_id:  # type: ignore[union-attr]
            raise ValidationError({"presenter_person": _("The person belongs to another programme.")})
        if self.component_id and self.component.programme_id != programme_id:  # type: ignore[union-attr]
            raise ValidationError({"component": _("The component belongs to another programme.")})
        if self.action_point_id and self.action_point.meeting.group.programme_id != programme_id:  # type: ignore[union-attr]
            raise ValidationError({"action_point": _("The action point belongs to another programme.")})
        if self.indicator_id and self.indicator.result.programme_id != programme_id:  # type: ignore[union-attr]
            raise ValidationError({"indicator": _("The indicator belongs to another programme.")})
        lot = self.procurement_lot
        if lot is not None and lot.programme_id != programme_id:
            raise ValidationError({"procurement_lot": _("The procurement lot belongs to another programme.")})
        country = self.meeting.group.country
        if lot is not None and country and lot.country != country:
            raise ValidationError({"procurement_lot": _("The procurement lot is for another country.")})

    @property
    def shown_presenter(self) -> str:
        return shown_person(self.presenter_person, self.presenter)

    @property
    def subject(self) -> str:
        """What the item is about, when it is linked to a component, indicator, lot or action point."""
        parts = []
        if self.component_id:
            parts.append(str(self.component))
        if self.indicator_id:
            parts.append(f"{self.indicator.code} {self.indicator.name}")  # type: ignore[union-attr]
        if self.procurement_lot_id:
            parts.append(str(self.procurement_lot))
        if self.action_point_id:
            parts.append(self.action_point.text)  # type: ignore[union-attr]
        return " · ".join(parts)


class Speaker(models.Model):
    """Someone who spoke to an agenda item, with the key message the minutes and the news carry."""

    agenda_item = models.ForeignKey(
        AgendaItem, verbose_name=_("agenda item"), on_delete=models.CASCADE, related_name="speakers"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.PROTECT, related_name="speeches"
    )
    key_message = models.TextField(_("key message"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)

    objects = ScopedManager()
    scope_programme = "agenda_item__meeting__group__programme"
    scope_country = "agenda_item__meeting__group__country"

    class Meta:
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")
        ordering = ["agenda_item", "order", "id"]

    def __str__(self) -> str:
        return str(self.person)

    def clean(self) -> None:
        if (
            self.agenda_item_id
            and self.person_id
            and self.person.programme_id != self.agenda_item.meeting.group.programme_id
        ):
            raise ValidationError({"person": _("The person belongs to another programme.")})


def pack_upload_to(pack: MeetingPack, filename: str) -> str:
    return f"packs/{pack.meeting.group.programme.slug}/{pack.meeting_id}/{filename}"


class MeetingPack(models.Model):
    """A circulated pack, frozen: the files the group received, never rewritten."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="packs"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    generated_at = models.DateTimeField(_("generated at"))
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("generated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.FileField(_("PDF"), upload_to=pack_upload_to)
    docx = models.FileField(_("Word document"), upload_to=pack_upload_to)
    content_hash = models.CharField(
        _("content hash"), max_length=64, help_text=_("SHA-256 of the PDF and DOCX.")
    )

    objects = ScopedManager()
    scope_programme = "meeting__group__programme"
    scope_country = "meeting__group__country"

    class Meta:
        verbose_name = _("meeting pack")
        verbose_name_plural = _("meeting packs")
        ordering = ["meeting", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "version"], name="meeting_pack_version_unique")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} · v{self.version}"


class NewsDraft(models.Model):
    """The draft news item of a meeting in one language, as edited by the secretariat."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="news"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=255)
    body = models.TextField(_("text"))

    objects = ScopedManager()
    scope_programme = "meeting__group__programme"
    scope_country = "meeting__group__country"

    class Meta:
        verbose_name = _("news draft")
        verbose_name_plural = _("news drafts")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "language"], name="news_draft_language_unique")
        ]

    def __str__(self) -> str:
        return self.title
