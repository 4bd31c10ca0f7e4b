"""Which audit entries a reader may read: exactly those whose object that reader may read.

An entry carries its object's programme and country, so each object type's own rule applies to its
entries in SQL: the model's `read_action` (VIEW unless it says otherwise, as budget lines and spend
do) along the entry's programme and country, and, where an app reads a type by a narrower rule than
its scope (a regional steering group's meetings are not for national counterparts), the objects that
rule hides, which the app registers with `hide_from_history`. One query whatever the number of entries.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Q, QuerySet
from django.db.models.functions import Cast

from steerco.core.roles import Action
from steerco.core.scoping import scope_q_along

from .models import AuditEntry

# model → (reader, programme) → the model's objects of the programme that the reader may not read,
# or None when the narrower rule leaves this reader their whole scope.
HiddenObjects = Callable[[Any, Any], "QuerySet[Any] | None"]
_hidden: dict[type[models.Model], HiddenObjects] = {}


def hide_from_history(model: type[models.Model], hidden: HiddenObjects) -> None:
    """Register an app's narrower read rule for `model`, so the history follows it."""
    _hidden[model] = hidden


def read_action(model: type[models.Model]) -> str:
    return str(getattr(model, "read_action", Action.VIEW))


def _scoped_models() -> list[type[models.Model]]:
    return [m for m in apps.get_models() if hasattr(m, "scope_programme") and m is not AuditEntry]


def readable_entries(user: Any, programme: Any) -> QuerySet[AuditEntry]:
    """The programme's audit entries that `user` may read, by the rule of each entry's object type."""
    entries = AuditEntry.objects.filter(programme=programme)
    if not user.is_authenticated or not user.is_active:
        return entries.none()
    if user.is_superuser:
        return entries
    scoped = _scoped_models()
    types = ContentType.objects.get_for_models(*scoped, for_concrete_models=False)
    rules: dict[tuple[str, bool], list[int]] = {}
    for model in scoped:
        has_country = getattr(model, "scope_country", None) is not None
        rules.setdefault((read_action(model), has_country), []).append(types[model].pk)
    # Entries of a type that is no scoped model (there should be none in a programme) are read as viewed.
    readable = ~Q(content_type_id__in=[t.pk for t in types.values()]) & scope_q_along(
        user, Action.VIEW, "programme", "country"
    )
    for (action, has_country), type_ids in sorted(rules.items()):
        along = scope_q_along(user, action, "programme", "country" if has_country else None)
        readable |= Q(content_type_id__in=sorted(type_ids)) & along
    entries = entries.filter(readable)
    for model, hidden in _hidden.items():
        objects = hidden(user, programme)
        if objects is not None:
            entries = entries.exclude(
                content_type_id=types[model].pk,
                object_id__in=objects.order_by().values_list(Cast("pk", CharField()), flat=True),
            )
    return entries
