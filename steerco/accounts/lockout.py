"""Throttled sign-in (django-axes keeps the failures): the lockout page, who is locked, unlocking.

The rule is in the settings (AXES_*): LOGIN_FAILURE_LIMIT failures for one account or from one
address lock that account or address for LOGIN_LOCKOUT_MINUTES.
"""

from __future__ import annotations

import datetime
import math
from dataclasses import dataclass
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.db import transaction
from django.db.models import Max, Q, Sum
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_noop, ngettext

from steerco.audit.models import AuditAction
from steerco.audit.services import record

from .models import User


class ThrottledSignInBackend(AxesStandaloneBackend):
    """django-axes' check, for sign-ins that come with a request (the sign-in page, the API).

    Code that calls `authenticate()` itself, with no request (a management command, the test
    client's `login()`), has no address to count and is not a guess from outside, so it is let
    through to the password check, where django-axes alone would raise an error.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)  # type: ignore[no-any-return]


def client_address(request: HttpRequest) -> str | None:
    """The address a sign-in came from. Behind the TLS proxy it is the last X-Forwarded-For entry, the
    one the proxy itself added (earlier entries are whatever the client claimed)."""
    if settings.BEHIND_TLS_PROXY:
        forwarded = [a.strip() for a in request.headers.get("X-Forwarded-For", "").split(",") if a.strip()]
        if forwarded:
            return forwarded[-1]
    return request.META.get("REMOTE_ADDR")


def _cool_off() -> datetime.timedelta:
    return get_cool_off() or datetime.timedelta(0)


def locked_until(username: str | None, address: str | None) -> datetime.datetime | None:
    """When the lock on this account or address ends, or None when neither is locked."""
    since = timezone.now() - _cool_off()
    ends = []
    for condition in (Q(username=username) if username else None, Q(ip_address=address) if address else None):
        if condition is None:
            continue
        attempts = AccessAttempt.objects.filter(condition, attempt_time__gte=since).aggregate(
            failures=Sum("failures_since_start"), last=Max("attempt_time")
        )
        if (attempts["failures"] or 0) >= settings.AXES_FAILURE_LIMIT:
            ends.append(attempts["last"] + _cool_off())
    return max(ends) if ends else None


def lockout_response(request: HttpRequest, response: Any = None, credentials: Any = None) -> HttpResponse:
    """The sign-in page again, saying that sign-in is refused and for how long (status 429)."""
    username = (credentials or {}).get("username") or request.POST.get("username", "")
    until = locked_until(username, client_address(request))
    minutes = max(1, math.ceil((until - timezone.now()).total_seconds() / 60)) if until else 1
    message = ngettext(
        "Too many failed sign-ins for this account or from this address. Try again in %(minutes)d minute, "
        "or ask an administrator to unlock it.",
        "Too many failed sign-ins for this account or from this address. Try again in %(minutes)d minutes, "
        "or ask an administrator to unlock it.",
        minutes,
    ) % {"minutes": minutes}
    form = AuthenticationForm(request, initial={"username": username})
    return render(request, "accounts/login.html", {"form": form, "locked": message}, status=429)


@dataclass(frozen=True)
class Lock:
    username: str | None
    address: str | None
    until: datetime.datetime


def current_locks() -> tuple[dict[str, Lock], list[Lock]]:
    """Locked accounts (by username) and locked addresses, for the administrators' users page."""
    since = timezone.now() - _cool_off()
    recent = AccessAttempt.objects.filter(attempt_time__gte=since)
    accounts = {
        row["username"]: Lock(row["username"], None, row["last"] + _cool_off())
        for row in recent.exclude(username=None)
        .values("username")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
    }
    addresses = [
        Lock(None, row["ip_address"], row["last"] + _cool_off())
        for row in recent.exclude(ip_address=None)
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"), last=Max("attempt_time"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .order_by("ip_address")
    ]
    return accounts, addresses


def sign_in_events(user: User, limit: int = 20) -> Any:
    """The latest lockouts and unlocks of a user's account, from the audit."""
    from django.contrib.contenttypes.models import ContentType

    from steerco.audit.models import AuditEntry

    return (
        AuditEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(User),
            object_id=str(user.pk),
            action__in=[AuditAction.LOCK, AuditAction.UNLOCK],
        )
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )


def _audited_object(username: str | None, address: str | None) -> Any:
    """The user whose account is concerned, or else the attempt record of the address."""
    user = User.objects.filter(username=username).first() if username else None
    if user is not None:
        return user
    return AccessAttempt.objects.filter(ip_address=address).order_by("-attempt_time").first()


@receiver(user_locked_out)
def audit_lockout(
    sender: Any, request: HttpRequest, username: str | None, ip_address: str | None, **_: Any
) -> None:
    # django-axes sends this again for each try during a lockout; only the failure that locks counts
    # its failures on the request, so that one alone is audited.
    if getattr(request, "axes_failures_since_start", None) is None:
        return
    with transaction.atomic():
        obj = _audited_object(username, ip_address)
        if obj is None:
            return
        until = locked_until(username, ip_address)
        record(
            actor=None,
            action=AuditAction.LOCK,
            obj=obj,
            after={
                "username": username,
                "address": ip_address,
                "failures": request.axes_failures_since_start,  # type: ignore[attr-defined]
                "locked_until": until.isoformat() if until else None,
            },
            rationale=gettext_noop("locked after repeated failed sign-ins"),
        )
