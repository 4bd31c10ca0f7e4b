"""Writes of the steering cycle; each one atomic and audited, state changes with before and after."""

from __future__ import annotations

import datetime
import hashlib
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.audit import versions
from steerco.audit.models import AuditAction
from steerco.audit.services import delete_audited, record, save_audited, snapshot
from steerco.core.permissions import OutsideScope, ensure_may, may, person
from steerco.core.removals import lock_programme, refuse
from steerco.core.roles import Action
from steerco.work import notify

from .models import (
    ActionPoint,
    ActionPointNote,
    ActionStatus,
    AgendaItem,
    Decision,
    GroupKind,
    GroupMember,
    Meeting,
    MeetingPack,
    MeetingStatus,
    NewsDraft,
    Participant,
    SteeringGroup,
)

# Decisions and action points are recorded during the meeting (its pack is out) or after it.
RECORDING_STATUSES = (MeetingStatus.PACK_CIRCULATED, MeetingStatus.HELD)


@transaction.atomic
def save_steering_group(group: SteeringGroup, *, acting_user: Any) -> SteeringGroup:
    """Set up a group (programme set-up) or change it (its steering): on its old and its new scope."""
    ensure_may(acting_user, Action.SETUP if group.pk is None else Action.STEER, group)
    save_audited(group, acting_user=acting_user)
    return group


@transaction.atomic
def save_group_member(member: GroupMember, *, acting_user: Any) -> GroupMember:
    ensure_may(acting_user, Action.STEER, member)
    save_audited(member, acting_user=acting_user)
    return member


@transaction.atomic
def remove_group_member(member: GroupMember, *, acting_user: Any) -> None:
    ensure_may(acting_user, Action.STEER, member)
    delete_audited(member, acting_user=acting_user)


@transaction.atomic
def save_meeting(meeting: Meeting, *, acting_user: Any) -> Meeting:
    """Schedule or change a meeting; without a number it takes the next one in its group's series."""
    ensure_may(acting_user, Action.STEER, meeting)
    if not meeting.number and meeting.group_id:
        last = Meeting.objects.filter(group_id=meeting.group_id).aggregate(n=Max("number"))["n"]
        meeting.number = (last or 0) + 1
    save_audited(meeting, acting_user=acting_user)
    return meeting


@transaction.atomic
def save_participant(participant: Participant, *, acting_user: Any) -> Participant:
    ensure_may(acting_user, Action.STEER, participant)
    save_audited(participant, acting_user=acting_user)
    return participant


@transaction.atomic
def save_agenda_item(item: AgendaItem, *, acting_user: Any) -> AgendaItem:
    ensure_may(acting_user, Action.STEER, item)
    if not item.order and item.meeting_id:
        last = AgendaItem.objects.filter(meeting_id=item.meeting_id).aggregate(n=Max("order"))["n"]
        item.order = (last or 0) + 1
    save_audited(item, acting_user=acting_user)
    return item


def _require_recording(meeting: Meeting) -> None:
    if meeting.status not in RECORDING_STATUSES:
        raise ValidationError(
            _(
                "Decisions and action points are recorded once the pack is circulated and until the "
                "minutes are approved; this meeting is %(status)s."
            )
            % {"status": meeting.get_status_display().lower()}
        )


@transaction.atomic
def record_decision(decision: Decision, *, acting_user: Any) -> Decision:
    ensure_may(acting_user, Action.STEER, decision)
    _require_recording(decision.meeting)
    save_audited(decision, acting_user=acting_user)
    return decision


def _answering_country(point: ActionPoint) -> str:
    group = point.meeting.group
    if group.kind == GroupKind.NATIONAL:
        return str(group.country)
    owner = point.owner_organisation
    if (
        owner is not None
        and owner.country
        and group.programme.countries.filter(country=owner.country).exists()
    ):
        return str(owner.country)
    return ""


def _steers(acting_user: Any, point: ActionPoint) -> bool:
    """Action points are kept by the steering of their meeting, whatever country answers for them."""
    stored = ActionPoint.objects.filter(pk=point.pk).select_related("meeting").first() if point.pk else None
    return may(acting_user, Action.STEER, point.meeting) and (
        stored is None or may(acting_user, Action.STEER, stored.meeting)
    )


def _ensure_steers(acting_user: Any, point: ActionPoint) -> None:
    if not _steers(acting_user, point):
        raise OutsideScope("action points are kept by the steering of their meeting")


@transaction.atomic
def record_action_point(point: ActionPoint, *, acting_user: Any) -> ActionPoint:
    """Record an action point raised at a meeting; it is carried forward until closed."""
    _ensure_steers(acting_user, point)
    creating = point.pk is None
    if creating:
        _require_recording(point.meeting)
    point.country = _answering_country(point)
    save_audited(point, acting_user=acting_user)
    # A new point, or one given to another owner: the owner hears of it (once per owner).
    notify.action_point_assigned(point, actor=acting_user)
    return point


@transaction.atomic
def update_action_point_status(
    point: ActionPoint, *, acting_user: Any, status: str, note: str
) -> ActionPointNote:
    """A follow-up from the owner or the secretariat: a note and the status it moves to (not closed)."""
    if not _steers(acting_user, point):
        # The owner organisation's people answer for it, within their country.
        ensure_may(acting_user, Action.RESPOND, point)
        if not acting_user.is_superuser and acting_user.organisation_id != point.owner_organisation_id:
            raise OutsideScope("only the owner organisation follows an action point up")
    errors = {}
    if status == ActionStatus.CLOSED:
        errors["status"] = _("Closing is done by the steering group's secretariat, with a closing note.")
    if point.is_closed:
        errors["status"] = _("This action point is closed.")
    if not note.strip():
        errors["note"] = _("Say what was done: a note is required.")
    if errors:
        raise ValidationError(errors)
    stored = versions.lock(point)
    versions.ensure_unchanged(versions.loaded_version(point), [stored])
    before = snapshot(stored)
    point.status = status
    point.full_clean()
    point.save(update_fields=["status"])
    follow_up = ActionPointNote.objects.create(
        action_point=point, author=person(acting_user), status=status, note=note
    )
    record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        obj=point,
        before=before,
        after=snapshot(point),
        rationale=note,
    )
    return follow_up


@transaction.atomic
def close_action_point(
    point: ActionPoint,
    *,
    acting_user: Any,
    note: str,
    closed_on: datetime.date | None = None,
    closed_at: Meeting | None = None,
) -> ActionPoint:
    """Close an action point with a note saying how; it then leaves the packs of later meetings."""
    _ensure_steers(acting_user, point)
    if point.is_closed:
        raise ValidationError({"closing_note": _("This action point is already closed.")})
    stored = versions.lock(point)
    versions.ensure_unchanged(versions.loaded_version(point), [stored])
    before = snapshot(stored)
    point.status = ActionStatus.CLOSED
    point.closing_note = note.strip()
    point.closed_at = closed_at
    point.closed_on = closed_on or (closed_at.start_date if closed_at else timezone.localdate())
    point.full_clean()
    point.save()
    ActionPointNote.objects.create(
        action_point=point, author=person(acting_user), status=ActionStatus.CLOSED, note=note
    )
    record(
        actor=acting_user,
        action=AuditAction.CLOSE,
        obj=point,
        before=before,
        after=snapshot(point),
        rationale=note,
    )
    return point


def _transition(
    meeting: Meeting,
    *,
    acting_user: Any,
    to: str,
    allowed_from: tuple[str, ...],
    action: str,
    rationale: str = "",
) -> None:
    # The status as stored, locked: two people pressing the same button at once make one change.
    stored = versions.lock(meeting)
    if stored.status not in allowed_from:
        raise ValidationError(
            _("A meeting that is %(current)s cannot become %(target)s.")
            % {
                "current": stored.get_status_display().lower(),
                "target": MeetingStatus(to).label.lower(),
            }
        )
    before = snapshot(stored)
    meeting.status = to
    meeting.save(update_fields=["status"])
    record(
        actor=acting_user,
        action=action,
        obj=meeting,
        before=before,
        after=snapshot(meeting),
        rationale=rationale,
    )


def circulation_rationale(contradictions: list[Any], reason: str) -> str:
    """What the audit entry of a circulation says: the contradictions it went out with, and why."""
    if not contradictions:
        return reason.strip()
    found = "; ".join(c.message for c in contradictions)
    return _("Circulated with %(count)s contradictions found: %(found)s Reason: %(reason)s") % {
        "count": len(contradictions),
        "found": found,
        "reason": reason.strip() or _("none given"),
    }


@transaction.atomic
def circulate_pack(
    meeting: Meeting,
    *,
    acting_user: Any,
    generated_at: datetime.datetime | None = None,
    reason: str = "",
) -> MeetingPack:
    """Freeze the pack as it stands now (PDF and DOCX) as a new version and mark the pack circulated.

    A pack circulated before stays as it was: circulating again adds a version, never overwrites.
    Contradictions found in it do not stop it; the audit entry records them, with `reason`.
    """
    from steerco.reports.pack import build_pack
    from steerco.reports.render import render_docx, render_pdf

    from .contradictions import contradictions_in

    ensure_may(acting_user, Action.STEER, meeting)
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.PACK_CIRCULATED):
        raise ValidationError(
            _("The pack is circulated before the meeting; this meeting is %(status)s.")
            % {"status": meeting.get_status_display().lower()}
        )
    # The programme first, as removals take it (steerco.core.removals), then the meeting row, so two
    # people circulating at once get versions 1 and 2, not two 1s.
    lock_programme(meeting.group.programme_id)
    Meeting.objects.select_for_update().filter(pk=meeting.pk).first()
    generated_at = generated_at or timezone.now()
    contradictions = contradictions_in(meeting, on=timezone.localdate(generated_at))
    document = build_pack(meeting, generated_at=generated_at)
    pdf, docx = render_pdf(document), render_docx(document)
    version = (MeetingPack.objects.filter(meeting=meeting).aggregate(n=Max("version"))["n"] or 0) + 1
    pack = MeetingPack(
        meeting=meeting,
        version=version,
        generated_at=generated_at,
        generated_by=person(acting_user),
        content_hash=hashlib.sha256(pdf + docx).hexdigest(),
    )
    stem = f"{meeting.group.programme.slug}-meeting-{meeting.pk}-pack-v{version}"
    pack.pdf.save(f"{stem}.pdf", ContentFile(pdf), save=False)
    pack.docx.save(f"{stem}.docx", ContentFile(docx), save=False)
    try:
        save_audited(
            pack,
            acting_user=acting_user,
            action=AuditAction.CIRCULATE,
            rationale=circulation_rationale(contradictions, reason),
        )
    except Exception:
        pack.pdf.delete(save=False)
        pack.docx.delete(save=False)
        raise
    if meeting.status == MeetingStatus.PLANNED:
        _transition(
            meeting,
            acting_user=acting_user,
            to=MeetingStatus.PACK_CIRCULATED,
            allowed_from=(MeetingStatus.PLANNED,),
            action=AuditAction.CIRCULATE,
        )
    notify.pack_circulated(pack, actor=acting_user)
    return pack


@transaction.atomic
def hold_meeting(meeting: Meeting, *, acting_user: Any) -> Meeting:
    ensure_may(acting_user, Action.STEER, meeting)
    _transition(
        meeting,
        acting_user=acting_user,
        to=MeetingStatus.HELD,
        allowed_from=(MeetingStatus.PACK_CIRCULATED,),
        action=AuditAction.UPDATE,
    )
    return meeting


@transaction.atomic
def approve_minutes(meeting: Meeting, *, acting_user: Any) -> Meeting:
    ensure_may(acting_user, Action.STEER, meeting)
    _transition(
        meeting,
        acting_user=acting_user,
        to=MeetingStatus.MINUTES_APPROVED,
        allowed_from=(MeetingStatus.HELD,),
        # "approve" in the audit trail means an approved indicator update; minutes are a change of
        # the meeting's status, named in the rationale.
        action=AuditAction.UPDATE,
        rationale=str(_("Minutes approved")),
    )
    return meeting


@transaction.atomic
def save_news_draft(draft: NewsDraft, *, acting_user: Any, seen_version: str | None = None) -> NewsDraft:
    """Save the meeting's draft in its language; a first draft is refused (`StaleEdit`) when someone
    saved one meanwhile, so the page can show theirs next to ours."""
    ensure_may(acting_user, Action.STEER, draft)
    if draft.pk is None:
        saved = (
            NewsDraft.objects.select_for_update(of=("self",))
            .filter(meeting_id=draft.meeting_id, language=draft.language)
            .first()
        )
        versions.ensure_unchanged(seen_version, [saved] if saved else [])
    save_audited(draft, acting_user=acting_user)
    return draft


def _minutes_reason(meeting: Meeting) -> str:
    if meeting.status == MeetingStatus.MINUTES_APPROVED:
        return _("The minutes of %(meeting)s are approved: what they record stays as approved.") % {
            "meeting": str(meeting)
        }
    return ""


def agenda_item_removal_refusal(item: AgendaItem) -> str:
    """Why the agenda item can no longer be removed, or "" when it can (the rules: README.md, "Removing")."""
    from .circulated import pack_of_meeting

    circulated = pack_of_meeting(item.meeting)
    return circulated.reason() if circulated is not None else _minutes_reason(item.meeting)


def participant_removal_refusal(participant: Participant) -> str:
    """Why the participant can no longer be removed, or "" when it can: packs do not list participants,
    the approved minutes do."""
    return _minutes_reason(participant.meeting)


def decision_removal_refusal(decision: Decision) -> str:
    """Why the decision can no longer be removed, or "" when it can."""
    from .circulated import pack_holding_decisions

    circulated = pack_holding_decisions(decision.meeting)
    return circulated.reason() if circulated is not None else _minutes_reason(decision.meeting)


def _lock_meeting_of(row: Any) -> Any:
    """Lock the programme, the row's meeting (its status and packs decide) and the row, in that order."""
    programme_id = Meeting.objects.filter(pk=row.meeting_id).values_list("group__programme_id", flat=True)
    lock_programme(programme_id.get())
    locking = Meeting.objects.select_for_update(of=("self",)).select_related("group", "period")
    meeting = locking.get(pk=row.meeting_id)
    stored = versions.lock(row)
    stored.meeting = meeting
    return stored


@transaction.atomic
def remove_agenda_item(item: AgendaItem, *, acting_user: Any) -> None:
    """Remove an agenda item entered by mistake; refused once a pack of its meeting is circulated."""
    ensure_may(acting_user, Action.STEER, item)
    stored = _lock_meeting_of(item)
    refuse(agenda_item_removal_refusal(stored))
    delete_audited(stored, acting_user=acting_user)


@transaction.atomic
def remove_participant(participant: Participant, *, acting_user: Any) -> None:
    """Remove a participant entered by mistake; refused once the meeting's minutes are approved."""
    ensure_may(acting_user, Action.STEER, participant)
    stored = _lock_meeting_of(participant)
    refuse(participant_removal_refusal(stored))
    delete_audited(stored, acting_user=acting_user)


@transaction.atomic
def remove_decision(decision: Decision, *, acting_user: Any) -> None:
    """Remove a decision entered by mistake; refused once a circulated pack lists the meeting's
    decisions or its minutes are approved."""
    ensure_may(acting_user, Action.STEER, decision)
    stored = _lock_meeting_of(decision)
    refuse(decision_removal_refusal(stored))
    delete_audited(stored, acting_user=acting_user)
