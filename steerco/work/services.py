"""Writes of the work app: a person's choice of notifications (comments: `comments.add_comment`)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from steerco.audit.models import AuditAction
from steerco.audit.services import record
from steerco.core.permissions import OWN_ACCOUNT, ensure_may

from .models import Delivery, Kind, NotificationPreference


def preferences_of(user: Any) -> dict[str, str]:
    chosen = dict(NotificationPreference.objects.filter(user=user).values_list("kind", "delivery"))
    return {kind.value: chosen.get(kind.value, Delivery.AT_ONCE) for kind in Kind}


@transaction.atomic
def save_preferences(user: Any, choices: Mapping[str, str], *, acting_user: Any) -> bool:
    """Set how `user` hears of each kind of notification; only the person themselves. Whether it changed."""
    ensure_may(acting_user, OWN_ACCOUNT, user)
    before = preferences_of(user)
    after = {kind: choices.get(kind, before[kind]) for kind in before}
    if after == before:
        return False
    for kind, delivery in after.items():
        if delivery != before[kind]:
            NotificationPreference.objects.update_or_create(
                user=user, kind=kind, defaults={"delivery": delivery}
            )
    record(
        actor=acting_user,
        action=AuditAction.UPDATE,
        obj=user,
        before={"notifications": before},
        after={"notifications": after},
        rationale="notification preferences",
    )
    return True
