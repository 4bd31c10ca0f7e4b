"""Writing audit entries, always inside the transaction of the change they describe."""

from __future__ import annotations

import contextlib
import contextvars
import datetime
import decimal
from collections.abc import Iterator
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext_noop

from steerco.core.middleware import current_request_id

from . import versions
from .models import AuditAction, AuditEntry, Revision

SECRET_FIELDS = frozenset({"password", "key"})


def snapshot(obj: models.Model) -> dict[str, Any]:
    """The object's own field values as JSON-ready data (foreign keys as ids, many-to-many as id lists).

    A text with a version per language is recorded as read (`title`) and by its versions
    (`title_en`, `title_ru`...); a version never written and an empty one are the same (nothing to
    show in that language), so a form saved unchanged records no change.
    """
    from modeltranslation.fields import TranslationField

    data: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.attname in SECRET_FIELDS:
            continue
        value = getattr(obj, field.attname)
        if value is None and isinstance(field, TranslationField):
            value = [] if isinstance(field, models.JSONField) else ""
        if isinstance(field, models.DecimalField) and value is not None:
            # As the database returns it, so an unchanged amount never shows up as a change.
            value = decimal.Decimal(str(value)).quantize(decimal.Decimal(1).scaleb(-field.decimal_places))
        data[field.attname] = _jsonable(value)
    if obj.pk is not None:
        for m2m in obj._meta.many_to_many:
            data[m2m.name] = sorted(o.pk for o in getattr(obj, m2m.name).all())
    return data


def _jsonable(value: Any) -> Any:
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (list, dict)):
        return value
    return str(value)


def scope_of(obj: models.Model) -> tuple[int | None, str]:
    """The programme id and country of an object, following the same paths `restrict` uses."""
    programme_path = getattr(obj, "scope_programme", None)
    if programme_path is None:
        return None, ""
    target: Any = obj
    for part in programme_path.split("__")[:-1]:
        target = getattr(target, part)
    last = programme_path.split("__")[-1]
    programme_id = target.pk if last in ("pk", "id") else getattr(target, f"{last}_id")
    country = ""
    country_path = getattr(obj, "scope_country", None)
    if country_path:
        target = obj
        for part in country_path.split("__"):
            target = getattr(target, part)
        country = str(target or "")
    return programme_id, country


_watchers: contextvars.ContextVar[tuple[list[str], ...]] = contextvars.ContextVar(
    "audit_watchers", default=()
)


@contextlib.contextmanager
def watch_writes() -> Iterator[list[str]]:
    """The actions of the audit entries written inside the block, so a page can tell a save that
    changed something from one that changed nothing."""
    written: list[str] = []
    token = _watchers.set((*_watchers.get(), written))
    try:
        yield written
    finally:
        _watchers.reset(token)


_rationale: contextvars.ContextVar[str] = contextvars.ContextVar("audit_rationale", default="")


@contextlib.contextmanager
def audit_rationale(text: str) -> Iterator[None]:
    """Every audit entry written inside the block without a rationale of its own gets `text` (an
    import says which file, by name and SHA-256, made the changes)."""
    token = _rationale.set(text)
    try:
        yield
    finally:
        _rationale.reset(token)


def record(
    *,
    actor: Any,
    action: str,
    obj: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    rationale: str = "",
) -> AuditEntry | None:
    """Write the audit entry of a change; an update whose after-image equals its before-image, with no
    rationale to say what changed beyond the images (a password), is none, and writes nothing (None)."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries are written inside the transaction of the change")
    if action == AuditAction.UPDATE and before is not None and before == after and not rationale:
        return None
    rationale = rationale or _rationale.get()
    for written in _watchers.get():
        written.append(action)
    programme_id, country = scope_of(obj)
    bump_revision_on_commit(programme_id)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:255],
        programme_id=programme_id,
        country=country,
        before=before,
        after=after,
        rationale=rationale,
        request_id=current_request_id.get(),
    )


def save_audited(
    obj: models.Model,
    *,
    acting_user: Any,
    rationale: str = "",
    action: str | None = None,
    m2m: dict[str, Any] | None = None,
) -> models.Model:
    """Validate, save and audit one object: the common path of create and update services.

    Must run inside `transaction.atomic`; the before-image is read from the database, under a lock.
    A save from a form loaded at another version than the stored one is refused (`StaleEdit`, see
    `versions.expect_version`); a save that changes nothing writes nothing, not even an audit entry.
    `m2m` sets many-to-many fields after the save, so the after-image includes them.
    """
    creating = obj.pk is None or not type(obj)._default_manager.filter(pk=obj.pk).exists()
    stored = None if creating else versions.lock(obj)
    before = None if stored is None else snapshot(stored)
    if stored is not None:
        versions.ensure_unchanged(versions.loaded_version(obj), [stored])
    obj.full_clean()
    if stored is not None and before is not None:
        if _unchanged(obj, stored, before, m2m):
            return obj
        changed_secrets = [n for n in _secrets(obj) if getattr(obj, n) != getattr(stored, n)]
        if changed_secrets and not rationale:
            # The images leave secrets out; the rationale says what changed.
            rationale = (
                gettext_noop("password changed")
                if "password" in changed_secrets
                else gettext_noop("key changed")
            )
    obj.save()
    for name, values in (m2m or {}).items():
        getattr(obj, name).set(values)
    record(
        actor=acting_user,
        action=action or (AuditAction.CREATE if creating else AuditAction.UPDATE),
        obj=obj,
        before=before,
        after=snapshot(obj),
        rationale=rationale,
    )
    return obj


def _unchanged(
    obj: models.Model, stored: models.Model, before: dict[str, Any], m2m: dict[str, Any] | None
) -> bool:
    """Whether saving `obj` (with `m2m` set after) would leave the stored row as it is."""
    after = snapshot(obj)  # its many-to-many values are still the stored ones
    for name, values in (m2m or {}).items():
        after[name] = sorted(getattr(v, "pk", v) for v in values)
    secrets_kept = all(getattr(obj, n) == getattr(stored, n) for n in _secrets(obj))
    return after == before and secrets_kept


def _secrets(obj: models.Model) -> list[str]:
    return [f.attname for f in obj._meta.concrete_fields if f.attname in SECRET_FIELDS]


def delete_audited(
    obj: models.Model, *, acting_user: Any, rationale: str = "", before: dict[str, Any] | None = None
) -> None:
    """Audit and delete one object; `before` is its before-image when the caller adds to `snapshot`
    (what goes with the object, such as an event's participants by agency)."""
    before = snapshot(obj) if before is None else before
    record(actor=acting_user, action=AuditAction.DELETE, obj=obj, before=before, rationale=rationale)
    obj.delete()


class _RevisionBump:
    """Adds one to a revision once the transaction that wrote to its programme has committed."""

    def __init__(self, key: int) -> None:
        self.key = key

    def __call__(self) -> None:
        bump_revision(self.key)


def bump_revision_on_commit(programme_id: int | None) -> None:
    """Move the programme's revision (None: the objects of no programme) when this transaction commits.

    After the commit rather than inside the transaction: the revision's row is then locked for one
    statement, never while the transaction holds other locks, so writers cannot deadlock on it, and a
    reader who sees the new revision also sees the new data. A transaction bumps each revision once.
    """
    key = Revision.SITE_WIDE if programme_id is None else programme_id
    # A pending bump of the same revision will do: a savepoint rollback that drops it rolls this
    # write back too, since every savepoint still open at its registration encloses this write.
    for _sids, callback, _robust in transaction.get_connection().run_on_commit:
        if isinstance(callback, _RevisionBump) and callback.key == key:
            return
    # Robust: the change is committed by then, so a failed bump is logged, never shown as a failure.
    transaction.on_commit(_RevisionBump(key), robust=True)


def _revision_names() -> tuple[str, str, str]:
    quote = connection.ops.quote_name
    return quote(Revision._meta.db_table), quote("scope"), quote("value")


def bump_revision(key: int) -> None:
    """Add one to a revision (a programme id, or `Revision.SITE_WIDE`) in a statement of its own."""
    table, scope, value = _revision_names()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({scope}, {value}) VALUES (%s, 1)"
            f" ON CONFLICT ({scope}) DO UPDATE SET {value} = {table}.{value} + 1",
            [key],
        )


def read_revisions(programme_id: int) -> tuple[int, int]:
    """The programme's revision and the site-wide one, in one query written out: every kept page reads
    them, and the ORM took longer to build the query than the database to answer it."""
    table, scope, value = _revision_names()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {scope}, {value} FROM {table} WHERE {scope} IN (%s, %s)",
            [programme_id, Revision.SITE_WIDE],
        )
        values = dict(cursor.fetchall())
    return int(values.get(programme_id, 0)), int(values.get(Revision.SITE_WIDE, 0))
