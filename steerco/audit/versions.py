"""The version of what an edit form shows, and the refusal of a save made from a stale form.

A version is a fingerprint of the stored values (the audit images, `snapshot`), not a counter kept
in each table: every model has one without a migration, a change made by any path (a service, an
import, a command) moves it, and a form over several rows (an indicator's targets) has one too.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

# Rows of other tables that an object's edit form writes as part of it, by model label.
RELATED_ROWS: dict[str, tuple[str, ...]] = {"delivery.event": ("agency_participants",)}

LOADED = "_loaded_version"


def state_of(obj: models.Model) -> dict[str, Any]:
    """What the object's version is made of: its audit image and the rows its form writes with it.

    Read `obj` afresh: a prefetch of a restricted queryset would hide rows of its many-to-many fields.
    """
    from .services import snapshot

    state = snapshot(obj)
    for name in RELATED_ROWS.get(obj._meta.label_lower, ()):
        rows = [{k: v for k, v in snapshot(row).items() if k != "id"} for row in getattr(obj, name).all()]
        state[name] = sorted(rows, key=lambda row: json.dumps(row, sort_keys=True))
    return state


def version_of(objects: Sequence[models.Model]) -> str:
    """The fingerprint of the stored state of these objects, in the order given (none: nothing stored)."""
    text = json.dumps([state_of(o) for o in objects], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def stored_version(obj: models.Model) -> str:
    """The version of an object just read from the database ("" for an object not saved yet).

    Its own fields are as read; its many-to-many and related rows are read again, past any prefetch.
    """
    if obj.pk is None:
        return ""
    unprefetched = copy.copy(obj)
    unprefetched._prefetched_objects_cache = {}  # type: ignore[attr-defined]
    return version_of([unprefetched])


def expect_version(obj: models.Model, version: str | None) -> None:
    """Say which version the person saving `obj` saw; `save_audited` refuses the save when it moved."""
    setattr(obj, LOADED, version or None)


def loaded_version(obj: models.Model) -> str | None:
    return getattr(obj, LOADED, None)


class StaleEdit(ValidationError):
    """The stored objects changed after the form was loaded; nothing was saved.

    `current` holds them as stored now (locked until the transaction ends), `version` their version,
    which the form carries next, so that saving again is a knowing overwrite.
    """

    def __init__(self, current: Sequence[models.Model], version: str) -> None:
        super().__init__(
            _("Someone else saved this after you opened the page; nothing was saved."), code="stale"
        )
        self.current = list(current)
        self.version = version


def ensure_unchanged(seen: str | None, current: Sequence[models.Model]) -> None:
    """Refuse with `StaleEdit` when the stored objects' version is not the one seen (None: not checked).

    Call it inside the transaction of the save, with `current` read under `select_for_update`, so
    that two saves of the same version cannot both pass.
    """
    if seen is None:
        return
    now = version_of(current)
    if now != seen:
        raise StaleEdit(current, now)


M = TypeVar("M", bound=models.Model)


def lock(obj: M) -> M:
    """The object's row as stored, locked until the end of the transaction (on SQLite the write
    transaction itself holds the database from its start)."""
    return type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
