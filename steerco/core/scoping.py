"""The single door to scoped data: `Model.objects.restrict(user, action)`.

A scoped model names the path to its programme (`scope_programme`) and, when it belongs to one
country, to its country (`scope_country`, an ISO code; "" means programme-wide). A membership
for the whole programme reaches every object of it; a country membership reaches that country's
objects and, for reading only, the programme-wide ones.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import connection, models
from django.db.models import Q
from django.http import Http404

from .roles import ROLE_ACTIONS, Action

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

_M = TypeVar("_M", bound=models.Model)


def grants(user: Any, action: str) -> list[tuple[int, str]]:
    """(programme id, country or "") pairs in which `user` may do `action`; cached on the user."""
    cache: dict[str, list[tuple[int, str]]] | None = getattr(user, "_steerco_grants", None)
    if cache is None:
        from steerco.accounts.models import Membership

        cache = {}
        for programme_id, country, role in _memberships(Membership, user.pk):
            for granted in ROLE_ACTIONS.get(role, ()):
                cache.setdefault(granted, []).append((programme_id, country))
        user._steerco_grants = cache
    return cache.get(action, [])


def _memberships(membership: type[models.Model], user_id: int) -> list[tuple[int, str, str]]:
    """The user's (programme id, country, role) rows. Every scoped page reads them first, so the query
    is written out: building it through the ORM took five times as long as running it."""
    meta = membership._meta
    user, programme, country, role = (
        connection.ops.quote_name(str(meta.get_field(name).column))  # type: ignore[union-attr]
        for name in ("user", "programme", "country", "role")
    )
    sql = (
        f"SELECT {programme}, {country}, {role} FROM {connection.ops.quote_name(meta.db_table)}"
        f" WHERE {user} = %s ORDER BY {programme}, {country}, {role}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        return [(int(p), str(c), str(r)) for p, c, r in cursor.fetchall()]


def forget_grants(user: Any) -> None:
    if hasattr(user, "_steerco_grants"):
        del user._steerco_grants


def scope_q(model: type[models.Model], user: Any, action: str) -> Q | None:
    """The filter for `model` objects that `user` may `action`; None when everything is allowed."""
    if user.is_superuser:
        return None
    return scope_q_along(user, action, model.scope_programme, getattr(model, "scope_country", None))  # type: ignore[attr-defined]


def scope_q_along(user: Any, action: str, programme_path: str, country_path: str | None) -> Q:
    """The rule of `scope_q` along given paths: the history applies each model's rule to audit entries."""
    whole = sorted({p for p, c in grants(user, action) if not c})
    q = Q(**{f"{programme_path}__in": whole}) if whole else Q(pk__in=[])
    for programme_id, country in grants(user, action):
        if not country or programme_id in whole:
            continue
        if country_path is None:
            q |= Q(**{programme_path: programme_id})
        else:
            countries = [country, ""] if action == Action.VIEW else [country]
            q |= Q(**{programme_path: programme_id, f"{country_path}__in": countries})
    return q


class ScopedQuerySet(models.QuerySet[_M], Generic[_M]):
    def restrict(
        self, user: AbstractBaseUser | AnonymousUser, action: str = Action.VIEW
    ) -> ScopedQuerySet[_M]:
        if not user.is_authenticated or not user.is_active:
            return self.none()
        q = scope_q(self.model, user, action)
        return self if q is None else self.filter(q)


ScopedManager = models.Manager.from_queryset(ScopedQuerySet)


def get_scoped_or_404(
    queryset: models.QuerySet[_M], user: Any, action: str = Action.VIEW, **lookup: Any
) -> _M:
    """One answer, 404, for an object that is missing and for one outside the user's scope."""
    try:
        return queryset.restrict(user, action).get(**lookup)  # type: ignore[attr-defined]
    except ObjectDoesNotExist as exc:
        raise Http404 from exc


def can(user: Any, action: str, programme_id: int, country: str = "") -> bool:
    """May `user` do `action` in this programme (and country, when one is given)?"""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return any(p == programme_id and (not c or c == country) for p, c in grants(user, action))
