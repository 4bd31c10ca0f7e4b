"""Notifications by e-mail: who hears of what, in their language, sent after the change commits.

A trigger (called by the service that makes the change, inside its transaction) writes one
`Notification` per recipient who chose to hear of that kind, rendered in the recipient's language
with an absolute link, and asks for the ones wanted at once to be sent when the transaction commits.
Sending never raises: a failure is counted on the record, which stays unsent, and
`steerco send_notifications` tries it again (and sends the daily digests).

Recipients are checked with the selectors of the pages that show what the mail tells, so nobody
hears of an object outside their scope.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from steerco.accounts.models import User
from steerco.core.permissions import SYSTEM
from steerco.core.roles import Action, Role

from .models import Delivery, Kind, Notification, NotificationPreference

log = logging.getLogger(__name__)

# An at-once mail that failed this many times waits for someone to look at the mail server.
MAX_ATTEMPTS = 5


def site_url(path: str) -> str:
    return f"{str(getattr(settings, 'SITE_URL', '')).rstrip('/')}{path}"


def deliveries(users: Iterable[User], kind: str) -> dict[int, str]:
    """Each user's choice for this kind (one query); at once when they made none."""
    users = list(users)
    chosen = dict(
        NotificationPreference.objects.filter(user__in=users, kind=kind).values_list("user_id", "delivery")
    )
    return {u.pk: chosen.get(u.pk, Delivery.AT_ONCE) for u in users}


def _language(user: User) -> str:
    return user.language or settings.LANGUAGE_CODE


def _queue(
    recipients: Iterable[User],
    kind: str,
    obj: Any,
    *,
    occasion: str = "",
    actor: Any = None,
    message: Callable[[User], tuple[str, list[str], str]],
) -> list[Notification]:
    """Write the notifications of one event: `message(user)` gives (subject, lines, link path) and is
    called in the user's language. A recipient already told of this occasion is not told again.
    What the project writes itself (the demo world, `steerco generate`) tells nobody."""
    if actor is SYSTEM:
        return []
    people = {u.pk: u for u in recipients if u.is_active and u.email and u.pk != getattr(actor, "pk", None)}
    if not people:
        return []
    content_type = ContentType.objects.get_for_model(obj)
    told = set(
        Notification.objects.filter(
            recipient_id__in=people, kind=kind, content_type=content_type, object_id=obj.pk, occasion=occasion
        ).values_list("recipient_id", flat=True)
    )
    choices = deliveries(people.values(), kind)
    written = []
    for pk, user in sorted(people.items()):
        if pk in told or choices[pk] == Delivery.NEVER:
            continue
        with translation.override(_language(user)):
            subject, lines, path = message(user)
            link = site_url(path)
            body = render_to_string(
                "work/mail.txt",
                {
                    "user": user,
                    "lines": lines,
                    "link": link,
                    "settings_link": site_url(reverse("work:preferences")),
                },
            )
        written.append(
            Notification.objects.create(
                recipient=user,
                kind=kind,
                content_type=content_type,
                object_id=obj.pk,
                occasion=occasion[:64],
                delivery=choices[pk],
                subject=subject[:255],
                body=body,
                link=link[:500],
            )
        )
    at_once = [n.pk for n in written if n.delivery == Delivery.AT_ONCE]
    if at_once:
        transaction.on_commit(lambda: send_at_once(at_once), robust=True)
    return written


# --- sending ------------------------------------------------------------------------------------


def _deliver(message: EmailMessage, notifications: list[Notification]) -> bool:
    """Send one mail standing for these records; mark them sent, or count the failure on them."""
    now = timezone.now()
    try:
        message.send()
    except Exception as exc:  # a mail server down, refusing, timing out: the write stays done
        log.warning("notification mail to %s failed: %s", message.to, exc)
        for n in notifications:
            n.attempts += 1
            n.last_error = f"{type(exc).__name__}: {exc}"[:2000]
            n.save(update_fields=["attempts", "last_error"])
        return False
    for n in notifications:
        n.attempts += 1
        n.sent_at = now
        n.last_error = ""
        n.save(update_fields=["attempts", "sent_at", "last_error"])
    return True


def send_at_once(ids: Iterable[int] | None = None) -> tuple[int, int]:
    """Send the unsent at-once notifications (these, or every one still under the attempt limit):
    how many went out and how many failed."""
    pending = Notification.objects.filter(
        sent_at=None, delivery=Delivery.AT_ONCE, attempts__lt=MAX_ATTEMPTS
    ).select_related("recipient")
    if ids is not None:
        pending = pending.filter(pk__in=list(ids))
    sent = failed = 0
    for n in pending:
        ok = _deliver(EmailMessage(subject=n.subject, body=n.body, to=[n.recipient.email]), [n])
        sent, failed = sent + ok, failed + (not ok)
    return sent, failed


def send_digests() -> tuple[int, int]:
    """One mail per person gathering their unsent digest notifications: how many went out, failed."""
    pending = (
        Notification.objects.filter(sent_at=None, delivery=Delivery.DIGEST, attempts__lt=MAX_ATTEMPTS)
        .select_related("recipient")
        .order_by("recipient_id", "created", "id")
    )
    by_user: dict[int, list[Notification]] = {}
    for n in pending:
        by_user.setdefault(n.recipient_id, []).append(n)
    sent = failed = 0
    for notifications in by_user.values():
        user = notifications[0].recipient
        with translation.override(_language(user)):
            subject = ngettext(
                "steerco: %(count)s notification of the day",
                "steerco: %(count)s notifications of the day",
                len(notifications),
            ) % {"count": len(notifications)}
            body = render_to_string(
                "work/digest.txt",
                {
                    "user": user,
                    "notifications": notifications,
                    "settings_link": site_url(reverse("work:preferences")),
                },
            )
        ok = _deliver(EmailMessage(subject=subject, body=body, to=[user.email]), notifications)
        sent, failed = sent + ok, failed + (not ok)
    return sent, failed


# --- triggers: called by the services, inside their transaction -------------------------------


def update_submitted(updates: list[Any], *, actor: Any) -> None:
    """To the programme's M&E officers: the updates just submitted that each of them may approve."""
    from steerco.results.models import IndicatorUpdate

    if not updates:
        return
    updates = list(
        IndicatorUpdate.objects.filter(pk__in=[u.pk for u in updates]).select_related(
            "indicator__result__programme", "period"
        )
    )
    by_programme: dict[int, list[Any]] = {}
    for update in updates:
        by_programme.setdefault(update.indicator.result.programme_id, []).append(update)
    for programme_id, batch in by_programme.items():
        officers = User.objects.filter(
            memberships__programme_id=programme_id, memberships__role=Role.ME_OFFICER
        ).distinct()
        first = min(batch, key=lambda u: u.pk)
        for officer in officers:
            mine = list(
                IndicatorUpdate.objects.restrict(officer, Action.APPROVE)
                .filter(pk__in=[u.pk for u in batch])
                .select_related("indicator__result__programme", "period")
                .order_by("indicator__code")
            )
            if not mine:
                continue

            def message(user: User, mine: list[Any] = mine) -> tuple[str, list[str], str]:
                programme = mine[0].indicator.result.programme
                where = str(mine[0].country.name) if mine[0].country else _("the programme")
                subject = ngettext(
                    "%(programme)s: %(count)s update to approve (%(where)s, %(period)s)",
                    "%(programme)s: %(count)s updates to approve (%(where)s, %(period)s)",
                    len(mine),
                ) % {
                    "programme": programme.code,
                    "count": len(mine),
                    "where": where,
                    "period": mine[0].period,
                }
                lines = [
                    _("%(who)s submitted for approval:") % {"who": actor_name(actor)},
                    *[f"- {u.indicator.code} {u.indicator.name}" for u in mine],
                ]
                return subject, lines, reverse("results:approvals", args=[programme.slug])

            _queue(
                [officer],
                Kind.UPDATE_SUBMITTED,
                first,
                occasion=f"v{first.version}",
                actor=actor,
                message=message,
            )


def update_decided(update: Any, *, actor: Any) -> None:
    """To whoever submitted the update: approved, or returned with the reviewer's note."""
    from steerco.results.models import IndicatorUpdate, UpdateState

    submitter = update.submitted_by
    if submitter is None or not IndicatorUpdate.objects.restrict(submitter).filter(pk=update.pk).exists():
        return
    approved = update.state == UpdateState.APPROVED
    update = IndicatorUpdate.objects.select_related("indicator__result__programme", "period").get(
        pk=update.pk
    )

    def message(user: User) -> tuple[str, list[str], str]:
        programme = update.indicator.result.programme
        params = {"programme": programme.code, "indicator": update.indicator.code, "period": update.period}
        if approved:
            subject = _("%(programme)s: your update of %(indicator)s for %(period)s is approved") % params
            lines = [
                _("%(who)s approved it; the value now counts on the logframe and in the packs.")
                % {"who": actor_name(actor)}
            ]
        else:
            subject = _("%(programme)s: your update of %(indicator)s for %(period)s is returned") % params
            lines = [
                _("%(who)s returned it with this note:") % {"who": actor_name(actor)},
                update.review_note,
            ]
        lines.insert(0, f"{update.indicator.code} {update.indicator.name}")
        return subject, lines, entry_path(update)

    _queue(
        [submitter],
        Kind.UPDATE_APPROVED if approved else Kind.UPDATE_RETURNED,
        update,
        occasion=f"v{update.version}",
        actor=actor,
        message=message,
    )


def pack_circulated(pack: Any, *, actor: Any) -> None:
    """To the members of the meeting's group who are users and may see the meeting, with the pack's link."""
    from steerco.steering.models import GroupMember
    from steerco.steering.selectors import visible_meetings

    meeting = pack.meeting
    programme = meeting.group.programme
    emails = [e for e in GroupMember.objects.filter(group=meeting.group).values_list("email", flat=True) if e]
    if not emails:
        return
    match = Q()
    for email in emails:
        match |= Q(email__iexact=email)
    members = [
        u
        for u in User.objects.filter(match, is_active=True, memberships__programme=programme).distinct()
        if visible_meetings(u, programme).filter(pk=meeting.pk).exists()
    ]

    def message(user: User) -> tuple[str, list[str], str]:
        subject = _("%(programme)s: the pack of %(meeting)s is circulated") % {
            "programme": programme.code,
            "meeting": meeting,
        }
        lines = [
            _("The pack of %(meeting)s on %(date)s (version %(version)s) is circulated.")
            % {"meeting": meeting, "date": meeting.start_date.isoformat(), "version": pack.version},
            _("The pack (PDF): %(link)s")
            % {
                "link": site_url(
                    reverse("steering:pack_file", args=[programme.slug, meeting.pk, pack.version, "pdf"])
                )
            },
        ]
        return subject, lines, reverse("steering:meeting", args=[programme.slug, meeting.pk])

    _queue(members, Kind.PACK_CIRCULATED, pack, actor=actor, message=message)


def action_point_owners(point: Any) -> list[User]:
    """The people who answer for an action point and may read it: its owner's contact, if a user, and
    the users of its owner organisation."""
    from steerco.steering.selectors import visible_action_points

    programme = point.meeting.group.programme
    who = Q(pk__in=[])
    if point.owner_organisation_id:
        who |= Q(organisation_id=point.owner_organisation_id)
    if point.owner_email:
        who |= Q(email__iexact=point.owner_email)
    users = User.objects.filter(who, is_active=True, memberships__programme=programme).distinct()
    return [u for u in users if visible_action_points(u, programme).filter(pk=point.pk).exists()]


def _point_message(point: Any, due: bool) -> Callable[[User], tuple[str, list[str], str]]:
    def message(user: User) -> tuple[str, list[str], str]:
        programme = point.meeting.group.programme
        params = {"programme": programme.code, "date": point.due_date.isoformat()}
        subject = (
            _("%(programme)s: an action point is due on %(date)s") % params
            if due
            else _("%(programme)s: a new action point for you, due %(date)s") % params
        )
        lines = [
            point.text,
            _("Raised at %(meeting)s; owner: %(owner)s; due %(date)s.")
            % {"meeting": point.meeting, "owner": point.owner, "date": point.due_date.isoformat()},
        ]
        return subject, lines, reverse("steering:action_point", args=[programme.slug, point.pk])

    return message


def action_point_assigned(point: Any, *, actor: Any) -> None:
    """To the owner of a new action point, or of one given to another owner."""
    _queue(
        action_point_owners(point),
        Kind.ACTION_ASSIGNED,
        point,
        occasion=f"{point.owner_organisation_id or ''}:{point.owner_email.lower()}",
        actor=actor,
        message=_point_message(point, due=False),
    )


def action_points_due_soon(today: datetime.date, days: int = 7) -> int:
    """To the owners of the open action points due within `days`, once per due date: how many written."""
    from steerco.steering.models import ActionPoint, ActionStatus

    written = 0
    points = (
        ActionPoint.objects.exclude(status=ActionStatus.CLOSED)
        .filter(due_date__gte=today, due_date__lte=today + datetime.timedelta(days=days))
        .select_related("meeting__group__programme", "owner_organisation", "owner_record")
    )
    for point in points:
        with transaction.atomic():
            written += len(
                _queue(
                    action_point_owners(point),
                    Kind.ACTION_DUE,
                    point,
                    occasion=point.due_date.isoformat(),
                    message=_point_message(point, due=True),
                )
            )
    return written


def handover_recorded(handover: Any, *, actor: Any) -> None:
    """To the receiving institution's counterparts, who acknowledge it."""
    from steerco.delivery.models import Handover

    lot = handover.lot
    programme = lot.programme
    people = [
        u
        for u in User.objects.filter(
            organisation_id=handover.recipient_id, is_active=True, memberships__programme=programme
        ).distinct()
        if Handover.objects.restrict(u, Action.RESPOND).filter(pk=handover.pk).exists()
    ]

    def message(user: User) -> tuple[str, list[str], str]:
        subject = _("%(programme)s: a handover to %(recipient)s awaits your acknowledgement") % {
            "programme": programme.code,
            "recipient": handover.recipient,
        }
        lines = [
            _("%(quantity)s %(unit)s of %(lot)s handed over on %(date)s.")
            % {
                "quantity": handover.quantity,
                "unit": lot.unit,
                "lot": lot.title,
                "date": handover.handed_over_on.isoformat(),
            },
            _("Open the lot to acknowledge the receipt."),
        ]
        return subject, lines, reverse("delivery:lot", args=[programme.slug, lot.pk])

    _queue(people, Kind.HANDOVER_RECORDED, handover, actor=actor, message=message)


# --- helpers ------------------------------------------------------------------------------------


def actor_name(actor: Any) -> str:
    return str(actor) if getattr(actor, "pk", None) else _("steerco")


def entry_path(update: Any) -> str:
    """The entry screen where an update is changed and submitted again."""
    programme = update.indicator.result.programme
    if update.country:
        return reverse(
            "results:country_entry", args=[programme.slug, str(update.country).lower(), update.period_id]
        )
    return reverse("results:programme_entry", args=[programme.slug, update.period_id])
