"""Writes to users and memberships; each one atomic and audited."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_noop

from steerco.audit.models import AuditAction
from steerco.audit.services import delete_audited, record, save_audited, snapshot
from steerco.core.permissions import ADMINISTER, OWN_ACCOUNT, ensure_may
from steerco.core.scoping import forget_grants

from .models import Membership, User


@transaction.atomic
def save_user(user: User, *, acting_user: Any, password: str | None = None) -> User:
    ensure_may(acting_user, ADMINISTER, user)
    if password:
        user.set_password(password)
    elif user.pk is None and not user.password:
        user.set_unusable_password()
    save_audited(user, acting_user=acting_user)
    return user


@transaction.atomic
def add_membership(membership: Membership, *, acting_user: Any) -> Membership:
    ensure_may(acting_user, ADMINISTER, membership)
    save_audited(membership, acting_user=acting_user)
    forget_grants(membership.user)
    return membership


@transaction.atomic
def remove_membership(membership: Membership, *, acting_user: Any) -> None:
    ensure_may(acting_user, ADMINISTER, membership)
    delete_audited(membership, acting_user=acting_user)
    forget_grants(membership.user)


@transaction.atomic
def set_language(user: User, language: str, *, acting_user: Any) -> None:
    """Keep the user's interface language with their account; choosing the same one again writes nothing."""
    ensure_may(acting_user, OWN_ACCOUNT, user)
    if user.language == language:
        return
    before = snapshot(user)
    user.language = language
    user.save(update_fields=["language"])
    record(actor=acting_user, action="update", obj=user, before=before, after=snapshot(user))


@transaction.atomic
def unlock_sign_in(*, acting_user: Any, username: str | None = None, address: str | None = None) -> int:
    """End the sign-in lock of an account or an address before its time; returns the attempts cleared."""
    from axes.utils import reset

    from .lockout import _audited_object, locked_until

    if not username and not address:
        raise ValueError("unlock_sign_in needs a username or an address")
    obj = _audited_object(username, address)
    # Administrators only; a placeholder account stands for an address with no attempt left to record.
    ensure_may(acting_user, ADMINISTER, obj if obj is not None else User(username=username or ""))
    until = locked_until(username, address)
    if obj is not None:  # recorded first: an address's attempt record goes with the reset
        record(
            actor=acting_user,
            action=AuditAction.UNLOCK,
            obj=obj,
            before={
                "username": username,
                "address": address,
                "locked_until": until.isoformat() if until else None,
            },
            rationale=gettext_noop("sign-in unlocked by an administrator"),
        )
    return reset(username=username) if username else reset(ip=address)


@transaction.atomic
def change_password(
    user: User, password: str, *, acting_user: Any, rationale: str = gettext_noop("password changed")
) -> None:
    ensure_may(acting_user, OWN_ACCOUNT, user)
    before = snapshot(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    # The images leave the password hash out, so the rationale says what changed.
    record(
        actor=acting_user,
        action="update",
        obj=user,
        before=before,
        after=snapshot(user),
        rationale=rationale,
    )
