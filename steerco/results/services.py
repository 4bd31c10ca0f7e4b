"""Writes to the logframe and to progress updates; each one atomic and audited."""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.audit import versions
from steerco.audit.models import AuditAction
from steerco.audit.services import delete_audited, record, save_audited, snapshot
from steerco.core.permissions import OutsideScope, ensure_may, person
from steerco.core.roles import Action
from steerco.programmes.models import ReportingPeriod
from steerco.work import notify

from .models import DisaggregationCategory, Evidence, Indicator, IndicatorUpdate, Result, Target, UpdateState


@transaction.atomic
def save_result(result: Result, *, acting_user: Any) -> Result:
    ensure_may(acting_user, Action.RESULTS, result)
    save_audited(result, acting_user=acting_user)
    return result


@transaction.atomic
def save_indicator(
    indicator: Indicator,
    *,
    acting_user: Any,
    disaggregations: Iterable[DisaggregationCategory] | None = None,
) -> Indicator:
    ensure_may(acting_user, Action.RESULTS, indicator)
    m2m = {"disaggregations": list(disaggregations)} if disaggregations is not None else None
    save_audited(indicator, acting_user=acting_user, m2m=m2m)
    return indicator


@transaction.atomic
def save_disaggregation_category(
    category: DisaggregationCategory, *, acting_user: Any
) -> DisaggregationCategory:
    ensure_may(acting_user, Action.RESULTS, category)
    save_audited(category, acting_user=acting_user)
    return category


@transaction.atomic
def save_targets(
    indicator: Indicator,
    values: Mapping[tuple[int, str], Decimal | None],
    *,
    acting_user: Any,
    seen_version: str | None = None,
) -> int:
    """Set the targets of an indicator: (period id, country) → value; None removes a target.

    `seen_version` is the version of the targets the form showed (`targets_version`): if they changed
    since, nothing is saved (`StaleEdit`). Returns how many targets changed.
    """
    ensure_may(acting_user, Action.RESULTS, indicator)
    stored = list(Target.objects.select_for_update(of=("self",)).filter(indicator=indicator).order_by("pk"))
    versions.ensure_unchanged(seen_version, stored)
    existing = {(t.period_id, t.country): t for t in stored}
    changed = 0
    for (period_id, country), value in sorted(values.items()):
        target = existing.get((period_id, country))
        if value is None:
            if target is not None:
                ensure_may(acting_user, Action.RESULTS, target, old=target)
                delete_audited(target, acting_user=acting_user)
                changed += 1
            continue
        if target is not None and target.value == value:
            continue
        target = target or Target(indicator=indicator, period_id=period_id, country=country)
        ensure_may(acting_user, Action.RESULTS, target, old=target)
        target.value = value
        save_audited(target, acting_user=acting_user)
        changed += 1
    return changed


def targets_version(indicator: Indicator) -> str:
    """The version of an indicator's targets as stored now: the targets page carries it."""
    return versions.version_of(list(Target.objects.filter(indicator=indicator).order_by("pk")))


def locked_message(period: ReportingPeriod) -> str:
    return _("The period %(period)s is locked: it accepts no more changes.") % {"period": period.label}


def _refuse_locked(period: ReportingPeriod) -> None:
    if period.locked:
        raise ValidationError(locked_message(period), code="locked")


@dataclass
class Entry:
    """One indicator's values as someone typed them, with the version of the update they saw."""

    update: IndicatorUpdate
    seen_version: int
    files: Sequence[UploadedFile] = ()


@dataclass
class Conflict:
    """Someone else saved the update after it was loaded: their values and ours, side by side."""

    current: IndicatorUpdate
    mine: IndicatorUpdate


@dataclass
class EntriesRefused(Exception):
    """Nothing was saved: errors and conflicts, by indicator id."""

    errors: dict[int, ValidationError] = field(default_factory=dict)
    conflicts: dict[int, Conflict] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{len(self.errors)} errors, {len(self.conflicts)} conflicts"


_VALUE_FIELDS = ("value", "numerator", "denominator", "status", "text", "disaggregated", "narrative")


def _same_values(a: IndicatorUpdate, b: IndicatorUpdate) -> bool:
    return all(getattr(a, f) == getattr(b, f) for f in _VALUE_FIELDS)


@transaction.atomic
def save_entries(
    period: ReportingPeriod,
    country: str,
    entries: Sequence[Entry],
    *,
    acting_user: Any,
    submit: bool | Iterable[int] = False,
) -> list[IndicatorUpdate]:
    """Save the values typed for one period and country, all or nothing, then optionally submit.

    An entry whose update changed since it was loaded is a conflict; an approved update changes
    only after the M&E officer returns it. Returns the updates written. `submit` is True for every
    draft of the screen, or the indicators whose lines the person chose to submit.
    """
    _refuse_locked(period)
    current = {
        u.indicator_id: u
        # Only the updates are locked: the default ordering joins their period, which FOR UPDATE would
        # lock too, making every save of a period wait for the others (and for their foreign-key checks).
        for u in IndicatorUpdate.objects.select_for_update(of=("self",))
        .filter(period=period, country=country, indicator_id__in=[e.update.indicator_id for e in entries])
        .select_related("indicator__result")
    }
    refused = EntriesRefused()
    to_save: list[Entry] = []
    for entry in entries:
        mine = entry.update
        now = current.get(mine.indicator_id)
        if now is not None and now.version != entry.seen_version:
            refused.conflicts[mine.indicator_id] = Conflict(current=now, mine=mine)
            continue
        if now is not None and _same_values(now, mine) and not entry.files:
            continue
        if now is None and mine.is_empty and not mine.narrative and not entry.files:
            continue
        if now is not None and now.state == UpdateState.APPROVED:
            refused.errors[mine.indicator_id] = ValidationError(
                _("This value is approved; ask the M&E officer to return it before changing it.")
            )
            continue
        target = now if now is not None else mine
        for name in _VALUE_FIELDS:
            setattr(target, name, getattr(mine, name))
        target.period = period
        target.country = country
        ensure_may(acting_user, Action.RECORD, target, old=now)
        try:
            target.full_clean(exclude=["updated_by", "submitted_by", "reviewed_by"])
            for upload in entry.files:
                Evidence(update=target, file=upload, name=upload.name or "").clean_fields(
                    exclude=["update", "uploaded_by"]
                )
        except ValidationError as exc:
            refused.errors[mine.indicator_id] = exc
            continue
        to_save.append(Entry(target, entry.seen_version, entry.files))
    if refused.errors or refused.conflicts:
        raise refused
    saved = []
    for entry in to_save:
        update = entry.update
        if update.state in (UpdateState.SUBMITTED, UpdateState.RETURNED):
            # A change after submission needs submitting again; the reviewer's note stays.
            update.state = UpdateState.DRAFT
        update.version += 1
        update.updated_by = person(acting_user)
        save_audited(update, acting_user=acting_user)
        for upload in entry.files:
            evidence = Evidence(update=update, file=upload, name=upload.name or "")
            evidence.uploaded_by = update.updated_by
            save_audited(evidence, acting_user=acting_user)
        saved.append(update)
    if submit is not False:
        submitted = []
        to_submit = IndicatorUpdate.objects.select_for_update(of=("self",)).filter(
            period=period, country=country, state__in=[UpdateState.DRAFT, UpdateState.RETURNED]
        )
        if submit is not True:
            to_submit = to_submit.filter(indicator_id__in=list(submit))
        for update in to_submit:
            if not update.is_empty:
                ensure_may(acting_user, Action.RECORD, update, old=update)
                _submit(update, acting_user=acting_user)
                submitted.append(update)
        notify.update_submitted(submitted, actor=acting_user)
    return saved


def _submit(update: IndicatorUpdate, *, acting_user: Any) -> None:
    before = snapshot(update)
    update.state = UpdateState.SUBMITTED
    update.submitted_by = person(acting_user)
    update.submitted_at = timezone.now()
    update.updated_by = update.submitted_by
    update.version += 1
    update.save()
    record(actor=acting_user, action=AuditAction.SUBMIT, obj=update, before=before, after=snapshot(update))


@transaction.atomic
def submit_update(update: IndicatorUpdate, *, acting_user: Any) -> IndicatorUpdate:
    update = IndicatorUpdate.objects.select_for_update().select_related("period").get(pk=update.pk)
    ensure_may(acting_user, Action.RECORD, update, old=update)
    _refuse_locked(update.period)
    if update.state not in (UpdateState.DRAFT, UpdateState.RETURNED):
        raise ValidationError(_("Only a draft or a returned update can be submitted."))
    if update.is_empty:
        raise ValidationError({"value": _("Enter a value before submitting.")})
    _submit(update, acting_user=acting_user)
    notify.update_submitted([update], actor=acting_user)
    return update


_DECIDED = (UpdateState.APPROVED, UpdateState.RETURNED)


def _already_decided(update: IndicatorUpdate) -> str:
    """Why a second decision is refused: who took the first one, and when."""
    params = {
        "who": str(update.reviewed_by or _("someone")),
        "when": timezone.localtime(update.reviewed_at).strftime("%Y-%m-%d %H:%M")
        if update.reviewed_at
        else "",
    }
    if update.state == UpdateState.APPROVED:
        return _("%(who)s already approved this update at %(when)s; nothing was changed.") % params
    return _(
        "%(who)s already returned this update at %(when)s, with the note: %(note)s; nothing was changed."
    ) % {**params, "note": update.review_note or "—"}


def _review(
    update: IndicatorUpdate,
    *,
    acting_user: Any,
    seen_version: int | None,
    allowed_from: tuple[str, ...],
    to: str,
    action: str,
    note: str,
) -> IndicatorUpdate:
    current = IndicatorUpdate.objects.select_for_update().select_related("period").get(pk=update.pk)
    ensure_may(acting_user, Action.APPROVE, current, old=current)
    _refuse_locked(current.period)
    stale = seen_version is not None and current.version != seen_version
    if (stale or current.state not in allowed_from) and current.state in _DECIDED and current.reviewed_at:
        raise ValidationError(_already_decided(current), code="decided")
    if stale:
        raise ValidationError(
            _(
                "The update changed while you were looking at it (now: %(state)s, version %(version)s); "
                "look at it again before deciding."
            )
            % {"state": current.get_state_display(), "version": current.version},
            code="conflict",
        )
    if current.state not in allowed_from:
        raise ValidationError(
            _("This update is %(state)s; it cannot be %(action)s.")
            % {"state": current.get_state_display().lower(), "action": AuditAction(action).label}
        )
    before = snapshot(current)
    current.state = to
    current.reviewed_by = person(acting_user)
    current.reviewed_at = timezone.now()
    current.updated_by = current.reviewed_by  # "last changed by" names the reviewer, not the author
    current.review_note = note
    current.version += 1
    current.save()
    record(
        actor=acting_user, action=action, obj=current, before=before, after=snapshot(current), rationale=note
    )
    notify.update_decided(current, actor=acting_user)
    return current


@transaction.atomic
def approve_update(
    update: IndicatorUpdate, *, acting_user: Any, note: str = "", seen_version: int | None = None
) -> IndicatorUpdate:
    """Approve a submitted update: from now on its value counts in dashboards, packs and exports."""
    return _review(
        update,
        acting_user=acting_user,
        seen_version=seen_version,
        allowed_from=(UpdateState.SUBMITTED,),
        to=UpdateState.APPROVED,
        action=AuditAction.APPROVE,
        note=note,
    )


@dataclass
class ApprovalsRefused(Exception):
    """Nothing was approved: why each refused update was, by update id."""

    errors: dict[int, str] = field(default_factory=dict)

    def __str__(self) -> str:
        return f"{len(self.errors)} updates refused"


@transaction.atomic
def approve_updates(
    decisions: Sequence[tuple[IndicatorUpdate, int | None]], *, acting_user: Any, note: str = ""
) -> list[IndicatorUpdate]:
    """Approve several submitted updates at once, all or nothing: each (update, version seen) as
    `approve_update` does it, with its audit entry and its mail to whoever submitted it. If any is
    refused, none is approved (`ApprovalsRefused` names every refusal, not only the first)."""
    approved: list[IndicatorUpdate] = []
    refused = ApprovalsRefused()
    # One order for the row locks, whatever order the updates were ticked in.
    for update, seen_version in sorted(decisions, key=lambda d: d[0].pk):
        try:
            approved.append(
                approve_update(update, acting_user=acting_user, note=note, seen_version=seen_version)
            )
        except ValidationError as exc:
            refused.errors[update.pk] = " ".join(exc.messages)
        except OutsideScope:
            refused.errors[update.pk] = _("This update is not yours to approve.")
    if refused.errors:
        raise refused
    return approved


@transaction.atomic
def return_update(
    update: IndicatorUpdate, *, acting_user: Any, note: str, seen_version: int | None = None
) -> IndicatorUpdate:
    """Send an update back to its country with a note; an approved one stops counting until approved again."""
    if not note.strip():
        raise ValidationError({"note": _("Say what needs changing, so the country knows what to do.")})
    return _review(
        update,
        acting_user=acting_user,
        seen_version=seen_version,
        allowed_from=(UpdateState.SUBMITTED, UpdateState.APPROVED),
        to=UpdateState.RETURNED,
        action=AuditAction.RETURN,
        note=note,
    )


@transaction.atomic
def withdraw_update(update: IndicatorUpdate, *, acting_user: Any) -> IndicatorUpdate:
    """Take a submitted update back to draft: by whoever submitted it, until the M&E officer reviews it."""
    current = (
        IndicatorUpdate.objects.select_for_update(of=("self",)).select_related("period").get(pk=update.pk)
    )
    ensure_may(acting_user, Action.RECORD, current, old=current)
    _refuse_locked(current.period)
    if current.state != UpdateState.SUBMITTED:
        raise ValidationError(
            _("Only a submitted update that is not reviewed yet can be withdrawn; this one is %(state)s.")
            % {"state": current.get_state_display().lower()}
        )
    if current.submitted_by_id is not None and current.submitted_by_id != getattr(acting_user, "pk", None):
        raise ValidationError(
            _("Only %(who)s, who submitted this update, can withdraw it.") % {"who": current.submitted_by}
        )
    before = snapshot(current)
    current.state = UpdateState.DRAFT
    current.version += 1
    current.updated_by = person(acting_user)
    current.save()
    record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        obj=current,
        before=before,
        after=snapshot(current),
        rationale=_("Withdrawn to draft before review."),
    )
    return current


def entry_errors(
    period: ReportingPeriod, country: str, entries: Sequence[Entry], *, acting_user: Any
) -> dict[int, ValidationError]:
    """The errors the rules find in entries (a split that does not add up, a value out of range), by
    indicator, without saving anything: the entry screen shows them with the errors of its form (a file
    refused, a number mistyped), so that one submission names every problem at once."""
    stored = {
        u.indicator_id: u
        for u in IndicatorUpdate.objects.filter(
            period=period, country=country, indicator_id__in=[e.update.indicator_id for e in entries]
        ).select_related("indicator__result")
    }
    errors: dict[int, ValidationError] = {}
    for entry in entries:
        mine = entry.update
        now = stored.get(mine.indicator_id)
        if now is None and mine.is_empty and not mine.narrative:
            continue
        target = copy.copy(now) if now is not None else mine
        for name in _VALUE_FIELDS:
            setattr(target, name, getattr(mine, name))
        target.period = period
        target.country = country
        try:
            target.full_clean(exclude=["updated_by", "submitted_by", "reviewed_by"])
        except ValidationError as exc:
            errors[mine.indicator_id] = exc
    return errors
