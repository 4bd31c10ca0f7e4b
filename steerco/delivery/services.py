"""Writes to delivery records; each one atomic, checked against the writer's country, and audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.audit import versions
from steerco.audit.models import AuditAction
from steerco.audit.services import delete_audited, record, save_audited, snapshot
from steerco.core.permissions import OutsideScope, ensure_may, person
from steerco.core.removals import lock_programme, refuse
from steerco.core.roles import Action
from steerco.programmes.models import Organisation
from steerco.work import notify

from .models import (
    Asset,
    Event,
    EventAgencyParticipants,
    EventAttachment,
    Handover,
    ProcurementLot,
    ProcurementStep,
    Recommendation,
    RecommendationStatus,
    RecommendationStatusChange,
    Verification,
    WorkPlanItem,
)


def _agency_split_of(event: Event) -> dict[str, int]:
    return {
        str(row.organisation_id or "other"): row.participants
        for row in EventAgencyParticipants.objects.filter(event=event)
    }


def _unchanged_event(
    event: Event,
    before: dict[str, Any],
    beneficiaries: Iterable[Organisation] | None,
    co_organisers: Iterable[Organisation] | None,
) -> bool:
    after = snapshot(event)
    for name, values in (("beneficiaries", beneficiaries), ("co_organisers", co_organisers)):
        if values is not None:
            after[name] = sorted(o.pk for o in values)
    split = before["participants_by_agency"]
    if event.agency_split is not None:
        split = {str(k or "other"): v for k, v in event.agency_split.items()}
    return {**after, "participants_by_agency": split} == before


@transaction.atomic
def record_event(
    event: Event,
    *,
    acting_user: Any,
    beneficiaries: Iterable[Organisation] | None = None,
    co_organisers: Iterable[Organisation] | None = None,
    agency_split: dict[int | None, int] | None = None,
) -> Event:
    """Create or update an event with its participants by agency; the split must add up to the total."""
    ensure_may(acting_user, Action.RECORD, event)
    creating = event.pk is None
    before = None
    if not creating:
        stored = versions.lock(event)
        versions.ensure_unchanged(versions.loaded_version(event), [stored])
        before = {**snapshot(stored), "participants_by_agency": _agency_split_of(event)}
    event.agency_split = {k: v for k, v in agency_split.items() if v} if agency_split is not None else None
    event.full_clean()
    if before is not None and _unchanged_event(event, before, beneficiaries, co_organisers):
        return event
    event.save()
    if beneficiaries is not None:
        event.beneficiaries.set(beneficiaries)
    if co_organisers is not None:
        event.co_organisers.set(co_organisers)
    if event.agency_split is not None:
        EventAgencyParticipants.objects.filter(event=event).delete()
        EventAgencyParticipants.objects.bulk_create(
            EventAgencyParticipants(event=event, organisation_id=org_id, participants=n)
            for org_id, n in event.agency_split.items()
        )
    record(
        actor=acting_user,
        action=AuditAction.CREATE if creating else AuditAction.UPDATE,
        obj=event,
        before=before,
        after={**snapshot(event), "participants_by_agency": _agency_split_of(event)},
    )
    return event


@transaction.atomic
def add_event_attachment(attachment: EventAttachment, *, acting_user: Any) -> EventAttachment:
    ensure_may(acting_user, Action.RECORD, attachment)
    attachment.uploaded_by = person(acting_user)
    save_audited(attachment, acting_user=acting_user)
    return attachment


@transaction.atomic
def save_work_plan_item(item: WorkPlanItem, *, acting_user: Any) -> WorkPlanItem:
    ensure_may(acting_user, Action.RECORD, item)
    save_audited(item, acting_user=acting_user)
    return item


def locked_figure_reason(record_: Any, programme_id: int) -> str:
    """Why a record counted by a computed indicator's figure for a locked period stays ("" if none)."""
    from steerco.results.computed import locked_figure_counting

    counted = locked_figure_counting(record_, programme_id)
    if counted is None:
        return ""
    indicator, period = counted
    return _(
        "It is counted in the figure of indicator %(indicator)s for %(period)s, a locked period: "
        "the figures of a locked period are final."
    ) % {"indicator": f"{indicator.code} {indicator.name}", "period": period.label}


def event_removal_refusal(event: Event) -> str:
    """Why the event can no longer be removed, or "" when it can (the rules: README.md, "Removing")."""
    from steerco.steering.circulated import pack_holding_event

    circulated = pack_holding_event(event)
    if circulated is not None:
        return circulated.reason()
    return locked_figure_reason(event, event.programme_id)


def work_plan_item_removal_refusal(item: WorkPlanItem) -> str:
    """Why the work-plan line can no longer be removed, or "" when it can."""
    from steerco.steering.circulated import pack_holding_work_plan_item

    circulated = pack_holding_work_plan_item(item)
    if circulated is not None:
        return circulated.reason()
    return locked_figure_reason(item, item.programme_id)


def _unlink(obj: Any, field: str, *, acting_user: Any) -> None:
    """Clear a link to a record being removed, audited on the object that held it."""
    stored = versions.lock(obj)
    before = snapshot(stored)
    setattr(stored, field, None)
    stored.save(update_fields=[field])
    record(actor=acting_user, action=AuditAction.UPDATE, obj=stored, before=before, after=snapshot(stored))


@transaction.atomic
def remove_event(event: Event, *, acting_user: Any) -> None:
    """Remove an event entered by mistake, with its participants by agency and its attachments;
    recommendations given at it stay, without the link. Refused once a circulated pack or a locked
    period's figure counts it."""
    ensure_may(acting_user, Action.RECORD, event)
    lock_programme(event.programme_id)
    stored = versions.lock(event)
    refuse(event_removal_refusal(stored))
    attachments = list(EventAttachment.objects.filter(event=stored).order_by("pk"))
    before = {
        **snapshot(stored),
        "participants_by_agency": _agency_split_of(stored),
        "attachments": [a.file.name for a in attachments],
    }
    for recommendation in Recommendation.objects.filter(event=stored).order_by("pk"):
        _unlink(recommendation, "event", acting_user=acting_user)
    for attachment in attachments:
        # The file stays in storage, named in the entries, so a mistaken removal can be undone by hand.
        delete_audited(attachment, acting_user=acting_user)
    delete_audited(stored, acting_user=acting_user, before=before)


@transaction.atomic
def remove_work_plan_item(item: WorkPlanItem, *, acting_user: Any) -> None:
    """Remove a work-plan line entered by mistake; the events that fulfilled it stay, without the link.
    Refused once a circulated pack lists it or a locked period's figure counts it."""
    ensure_may(acting_user, Action.RECORD, item)
    lock_programme(item.programme_id)
    stored = versions.lock(item)
    refuse(work_plan_item_removal_refusal(stored))
    for event in Event.objects.filter(work_plan_item=stored).order_by("pk"):
        _unlink(event, "work_plan_item", acting_user=acting_user)
    delete_audited(stored, acting_user=acting_user)


@transaction.atomic
def save_recommendation(recommendation: Recommendation, *, acting_user: Any) -> Recommendation:
    """Save a recommendation; a new one starts its history as delivered on the day it was given."""
    ensure_may(acting_user, Action.RECORD, recommendation)
    creating = recommendation.pk is None
    save_audited(recommendation, acting_user=acting_user)
    if creating:
        RecommendationStatusChange.objects.create(
            recommendation=recommendation,
            status=RecommendationStatus.DELIVERED,
            on=recommendation.given_on,
            recorded_by=person(acting_user),
        )
    return recommendation


@transaction.atomic
def record_recommendation_status(
    change: RecommendationStatusChange, *, acting_user: Any
) -> RecommendationStatusChange:
    """Move a recommendation to a later status, with the evidence for it."""
    recommendation = Recommendation.objects.select_for_update().get(pk=change.recommendation_id)
    ensure_may(acting_user, Action.RECORD, recommendation, old=recommendation)
    change.recommendation = recommendation
    change.recorded_by = person(acting_user)
    change.full_clean()
    before = snapshot(recommendation)
    change.save()
    recommendation.status = change.status
    recommendation.save(update_fields=["status"])
    record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        obj=recommendation,
        before=before,
        after={
            **snapshot(recommendation),
            "evidence": change.evidence,
            "evidence_file": change.evidence_file.name or "",
            "status_on": change.on.isoformat(),
        },
        rationale=change.evidence,
    )
    return change


@transaction.atomic
def save_procurement_lot(lot: ProcurementLot, *, acting_user: Any) -> ProcurementLot:
    ensure_may(acting_user, Action.RECORD, lot)
    save_audited(lot, acting_user=acting_user)
    return lot


@transaction.atomic
def record_procurement_step(step: ProcurementStep, *, acting_user: Any) -> ProcurementStep:
    """Record the planned and actual date of one stage of a lot, replacing what was there."""
    lot = ProcurementLot.objects.select_for_update().get(pk=step.lot_id)
    ensure_may(acting_user, Action.RECORD, lot, old=lot)
    step.lot = lot
    if step.pk is None:
        existing = ProcurementStep.objects.filter(lot=lot, stage=step.stage).first()
        if existing is not None:
            step.pk = existing.pk
    save_audited(step, acting_user=acting_user)
    return step


@transaction.atomic
def record_handover(handover: Handover, *, acting_user: Any) -> Handover:
    """Record a handover act; more units than were delivered cannot be handed over."""
    # The lock makes two handovers recorded at once see each other's units.
    lot = ProcurementLot.objects.select_for_update().get(pk=handover.lot_id)
    ensure_may(acting_user, Action.RECORD, lot, old=lot)
    if handover.pk is not None:
        ensure_may(acting_user, Action.RECORD, handover)
    handover.lot = lot
    save_audited(handover, acting_user=acting_user)
    # The receiving institution's counterparts acknowledge it: they hear of it (once per handover).
    notify.handover_recorded(handover, actor=acting_user)
    return handover


@transaction.atomic
def acknowledge_handover(handover: Handover, *, acting_user: Any, note: str = "") -> Handover:
    """The recipient institution confirms that it received what the act says; only once."""
    handover = Handover.objects.select_for_update(of=("self",)).select_related("lot").get(pk=handover.pk)
    ensure_may(acting_user, Action.RESPOND, handover, old=handover)
    if (
        not acting_user.is_superuser
        and getattr(acting_user, "organisation_id", None) != handover.recipient_id
    ):
        raise OutsideScope("only the recipient institution acknowledges a handover")
    if handover.acknowledged_at is not None:
        raise ValidationError(_("This handover was already acknowledged."))
    before = snapshot(handover)
    handover.acknowledged_by = person(acting_user)
    handover.acknowledged_at = timezone.now()
    handover.acknowledgement_note = note
    handover.full_clean()
    handover.save(update_fields=["acknowledged_by", "acknowledged_at", "acknowledgement_note"])
    record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        obj=handover,
        before=before,
        after=snapshot(handover),
        rationale=note or _("Receipt acknowledged by the recipient."),
    )
    return handover


@transaction.atomic
def save_asset(asset: Asset, *, acting_user: Any) -> Asset:
    ensure_may(acting_user, Action.RECORD, asset)
    save_audited(asset, acting_user=acting_user)
    return asset


@transaction.atomic
def record_verification(verification: Verification, *, acting_user: Any) -> Verification:
    ensure_may(acting_user, Action.RECORD, verification)
    verification.recorded_by = person(acting_user)
    save_audited(verification, acting_user=acting_user)
    return verification
