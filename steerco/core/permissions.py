"""The write-side door: `ensure_may(acting_user, action, obj)`, called by every service before it writes.

A view's check guards one entrance; services are also called from imports, commands and the demo.
`ensure_may` decides with the same rule as `restrict` (steerco.core.scoping) and checks the object's
scope twice on an edit: as stored in the database (may the user touch it at all?) and as it is about to
be saved (may the user put it there?), so an edit cannot move an object into a scope the user may not
write. The project itself writing (the demo world, the generators) acts as `SYSTEM`, never as None.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import models

from .roles import Action
from .scoping import grants

# Pseudo-actions for the objects of no programme that are not reference data.
ADMINISTER = "administer"  # users and memberships: site administrators only
OWN_ACCOUNT = "own_account"  # a person's own language and password


class SystemActor:
    """The project itself writing: the demo world, the synthetic generator, management commands.

    It may do everything; its audit entries have no person as their actor and read "system" in the
    history. Being an explicit object, a service called with no actor at all is refused instead.
    """

    pk = None
    id = None
    username = "system"
    is_authenticated = True
    is_active = True
    is_superuser = True
    is_staff = False
    organisation_id = None

    def __str__(self) -> str:
        return "system"

    def __repr__(self) -> str:
        return "SYSTEM"


SYSTEM = SystemActor()


class OutsideScope(PermissionDenied):
    """The acting user may not do this to this object; views answer 404, as for a missing object."""


def person(actor: Any) -> Any:
    """The user behind an actor, for fields such as `recorded_by`; None for the system."""
    return actor if getattr(actor, "pk", None) else None


def _scope_paths(model: type[models.Model]) -> tuple[str | None, str | None]:
    return getattr(model, "scope_programme", None), getattr(model, "scope_country", None)


def scope_of(obj: models.Model) -> tuple[int | None, str]:
    """The programme id and country of an object as it is in memory, along its scope paths."""
    from steerco.audit.services import scope_of as audit_scope_of

    return audit_scope_of(obj)


def stored_scope(obj: models.Model) -> tuple[int | None, str] | None:
    """The programme id and country of the object as the database holds it; None when it is not stored."""
    if obj.pk is None:
        return None
    programme_path, country_path = _scope_paths(type(obj))
    if programme_path is None:
        return None
    paths = [programme_path] + ([country_path] if country_path else [])
    row = type(obj)._default_manager.filter(pk=obj.pk).values_list(*paths).first()
    if row is None:
        return None
    country = str(row[1] or "") if country_path else ""
    return row[0], country


def allowed_in(
    user: Any, action: str, model: type[models.Model], programme_id: int | None, country: str
) -> bool:
    """May `user` do `action` on a `model` object of this programme and country? The rule of `scope_q`."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    if action in (ADMINISTER, OWN_ACCOUNT):
        return False
    if programme_id is None:
        # Reference data (organisations) and new programmes: whoever may do it in some programme.
        return bool(grants(user, action))
    has_country = _scope_paths(model)[1] is not None
    for granted_programme, granted_country in grants(user, action):
        if granted_programme != programme_id:
            continue
        if not granted_country or not has_country or granted_country == country:
            return True
        if action == Action.VIEW and not country:
            return True
    return False


def may(acting_user: Any, action: str, obj: models.Model, *, old: models.Model | None = None) -> bool:
    """Whether `ensure_may` would let the acting user do `action` on `obj` (old and new scope)."""
    if acting_user is SYSTEM:
        return True
    if acting_user is None or not getattr(acting_user, "is_authenticated", False):
        return False
    if action == OWN_ACCOUNT and getattr(acting_user, "pk", None) == obj.pk and acting_user.is_active:
        return True
    model = type(obj)
    if not allowed_in(acting_user, action, model, *scope_of(obj)):
        return False
    before = scope_of(old) if old is not None else stored_scope(obj)
    return before is None or allowed_in(acting_user, action, model, *before)


def ensure_may(acting_user: Any, action: str, obj: models.Model, *, old: models.Model | None = None) -> None:
    """Refuse (`OutsideScope`) unless the acting user may do `action` on `obj`.

    For an object already stored, both its stored scope and the scope it is being saved with must be
    within the user's reach; `old` is the stored object when the caller has read it already.
    """
    if not may(acting_user, action, obj, old=old):
        raise OutsideScope(f"{action} refused on {model_label(obj)} {obj.pk}")


def model_label(obj: models.Model) -> str:
    return str(obj._meta.label)


def writable_countries(user: Any, action: str, programme_id: int, codes: list[str]) -> tuple[list[str], bool]:
    """Of the programme's country `codes`, those where `user` may do `action`, and whether programme-wide
    objects too: what an edit form offers in its country field, so it never offers a refused scope."""
    if user is SYSTEM or user.is_superuser:
        return list(codes), True
    granted = {c for p, c in grants(user, action) if p == programme_id}
    if "" in granted:
        return list(codes), True
    return [c for c in codes if c in granted], False


def limit_country_field(field: Any, user: Any, action: str, programme_id: int, codes: list[str]) -> bool:
    """Offer in a country choice field only what `user` may write; returns whether programme-wide is offered.

    Without programme-wide rights the field becomes required, so an empty country is refused at it.
    """
    from django_countries import countries

    allowed, wide = writable_countries(user, action, programme_id, codes)
    field.choices = ([("", "—")] if wide else []) + [(code, countries.name(code)) for code in allowed]
    field.required = field.required or not wide
    return wide
