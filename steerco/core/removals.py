"""What every removal of a record entered by mistake shares: the refusal and its reason, and the lock
that keeps a removal and a pack circulation of the same programme apart."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models

REFUSED = "refused"


class RemovalRefused(ValidationError):
    """The record is part of what was circulated or approved; the message says which and why."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason, code=REFUSED)


def refuse(reason: str) -> None:
    """Refuse the removal when there is a reason to (an empty reason lets it go ahead)."""
    if reason:
        raise RemovalRefused(reason)


def lock_programme(programme_id: int) -> None:
    """Lock the programme's row until the end of the transaction.

    A pack circulation takes the same lock first (`steering.services.circulate_pack`), so a removal
    either sees the circulated pack, and is refused, or is done before the pack is built.
    """
    from steerco.programmes.models import Programme

    Programme.objects.select_for_update().filter(pk=programme_id).values_list("pk", flat=True).first()


def shown_value(obj: models.Model, name: str) -> Any:
    """A field of the record as a reader would see it: its choice label, the related object, yes/no."""
    from django.utils.translation import gettext as _

    field = obj._meta.get_field(name)
    if getattr(field, "choices", None):
        return getattr(obj, f"get_{name}_display")()
    value = getattr(obj, name)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return value


def main_fields(obj: models.Model, names: tuple[str, ...]) -> list[tuple[str, Any]]:
    """(label, value) of the named fields that hold something: what the confirmation page shows."""
    rows = []
    for name in names:
        value = shown_value(obj, name)
        if value in (None, "", []):
            continue
        field = obj._meta.get_field(name)
        rows.append((str(getattr(field, "verbose_name", name)), value))
    return rows
