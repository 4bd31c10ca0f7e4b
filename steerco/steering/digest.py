"""The overdue digest: one e-mail per owner's contact listing their action points past due."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import ngettext

from steerco.accounts.models import User

from .models import ActionPoint, ActionStatus
from .selectors import visible_action_points


@dataclass
class Digest:
    email: str
    language: str
    points: list[ActionPoint] = field(default_factory=list)


def overdue_digests(
    today: datetime.date, programme_slug: str | None = None
) -> tuple[list[Digest], list[ActionPoint]]:
    """Who gets which overdue action points: the owner's e-mail, or else the owner organisation's users
    who may read the point (the selector of the action-point pages decides, as it does for them there).

    Two queries, then two per organisation user who may receive a point (their memberships and the
    points they may read), whatever the number of action points.
    """
    points = (
        ActionPoint.objects.exclude(status=ActionStatus.CLOSED)
        .filter(due_date__lt=today)
        .select_related("meeting__group__programme", "owner_organisation", "owner_record")
        .order_by("due_date", "id")
    )
    if programme_slug:
        points = points.filter(meeting__group__programme__slug=programme_slug)
    points_list = list(points)
    orphan_orgs = {
        p.owner_organisation_id for p in points_list if not p.owner_email and p.owner_organisation_id
    }
    programmes = {p.meeting.group.programme_id for p in points_list}
    # An organisation's users hear about its action points only in programmes they are members of.
    users = (
        User.objects.filter(
            Q(organisation_id__in=orphan_orgs), is_active=True, memberships__programme_id__in=programmes
        )
        .exclude(email="")
        .distinct()
        .order_by("email", "id")
    )
    colleagues: dict[int, list[User]] = defaultdict(list)
    for user in users:
        colleagues[user.organisation_id or 0].append(user)
    readable: dict[tuple[int, int], set[int]] = {}

    def may_read(user: User, point: ActionPoint) -> bool:
        programme = point.meeting.group.programme
        key = (user.pk, programme.pk)
        if key not in readable:
            candidates = [p.pk for p in points_list if p.meeting.group.programme_id == programme.pk]
            readable[key] = set(
                visible_action_points(user, programme).filter(pk__in=candidates).values_list("pk", flat=True)
            )
        return point.pk in readable[key]

    digests: dict[str, Digest] = {}
    unreachable = []
    for point in points_list:
        if point.owner_email:
            # The address the meeting's steering gave for the owner: the point is theirs to answer.
            recipients = {(point.owner_email, settings.LANGUAGE_CODE)}
        else:
            recipients = {
                (user.email, user.language or settings.LANGUAGE_CODE)
                for user in colleagues.get(point.owner_organisation_id or 0, [])
                if may_read(user, point)
            }
        if not recipients:
            unreachable.append(point)
        for email, language in sorted(recipients):
            digests.setdefault(email, Digest(email=email, language=language)).points.append(point)
    return sorted(digests.values(), key=lambda d: d.email), unreachable


def send_overdue_digests(
    today: datetime.date, *, base_url: str = "", programme_slug: str | None = None
) -> tuple[int, list[ActionPoint]]:
    """Send the digests through the e-mail backend: how many went out, and the points nobody could get."""
    digests, unreachable = overdue_digests(today, programme_slug)
    messages = []
    for digest in digests:
        with translation.override(digest.language):
            subject = ngettext(
                "steerco: %(count)s overdue action point",
                "steerco: %(count)s overdue action points",
                len(digest.points),
            ) % {"count": len(digest.points)}
            body = render_to_string(
                "steering/overdue_digest.txt", {"digest": digest, "today": today, "base_url": base_url}
            )
        messages.append(EmailMessage(subject=subject, body=body, to=[digest.email]))
    if messages:
        get_connection().send_messages(messages)
    return len(messages), unreachable
