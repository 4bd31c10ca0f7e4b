"""A guard for the whole suite: the application never saves or deletes a scoped object without an audit
entry for it in the same transaction.

Installed once per session by `tests/conftest.py`. A save or delete of a model with a `ScopedManager`
(a `scope_programme`) is checked when application code is on the call stack (a module of the
`steerco` package other than a `models.py`); test data that a test or a factory writes directly is
not. A checked change must happen inside a transaction the application opened (not only the test
case's own), and when the outermost such block ends, an `AuditEntry` for the object must have been
written inside it: for the object itself, or for the object it is audited through (a model's
`audited_through` names that foreign key, e.g. an action point's follow-up notes are audited on the
action point). A change the application makes on purpose without an entry of its own is wrapped in
`unaudited()` by the test that causes it, with a comment saying why.
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import Model
from django.db.models.signals import post_delete, post_save

import steerco

APP_ROOT = str(Path(steerco.__file__).resolve().parent)
_exempt: contextvars.ContextVar[bool] = contextvars.ContextVar("audit_guard_exempt", default=False)


class UnauditedChange(AssertionError):
    """A scoped object was saved or deleted by the application without an audit entry."""


@dataclass
class _Block:
    # (type, id) of each changed object → what it was, and the (type, id) entries that would cover it
    changed: dict[tuple[int, str], tuple[str, list[tuple[int, str]]]] = field(default_factory=dict)
    audited: set[tuple[int, str]] = field(default_factory=set)


# Keyed by (connection, atomic block, depth): a function decorated with `@transaction.atomic` shares
# one `Atomic` object between the threads that call it, while each thread has its own connection.
_blocks: dict[tuple[int, int, int], _Block] = {}
violations: list[str] = []


@contextlib.contextmanager
def unaudited() -> Iterator[None]:
    """Let the application change scoped objects without audit entries while the block runs."""
    token = _exempt.set(True)
    try:
        yield
    finally:
        _exempt.reset(token)


def _application_on_stack() -> bool:
    frame = sys._getframe(2)
    while frame is not None:
        filename = frame.f_code.co_filename
        if filename.startswith(APP_ROOT) and not filename.endswith("models.py"):
            return True
        frame = frame.f_back  # type: ignore[assignment]
    return False


def _transaction_key(using: str) -> tuple[int, int, int] | None:
    """The outermost atomic block the application (not the test case) opened, as (connection,
    identity, depth)."""
    connection = transaction.get_connection(using)
    for depth, block in enumerate(connection.atomic_blocks):
        if not block._from_testcase:
            return id(connection), id(block), depth
    return None


def _type_key(model: type[Model], pk: Any) -> tuple[int, str]:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model, for_concrete_model=False).pk, str(pk)


def _fail(message: str) -> None:
    violations.append(message)
    raise UnauditedChange(message)


def _changed(sender: type[Model], instance: Model, using: str, verb: str, **kwargs: Any) -> None:
    from steerco.audit.models import AuditEntry

    if kwargs.get("raw") or _exempt.get():
        return
    if sender is AuditEntry:
        key = _transaction_key(using)
        if key is not None:  # a delete writes its entry first
            _blocks.setdefault(key, _Block()).audited.add((instance.content_type_id, instance.object_id))  # type: ignore[attr-defined]
        return
    if not hasattr(sender, "scope_programme") or not _application_on_stack():
        return
    key = _transaction_key(using)
    label = f"{sender._meta.label} {instance.pk} {verb}"
    if key is None:
        _fail(f"{label} outside any transaction of the application, so without an audit entry in it")
        return
    # Read now: a deleted object has lost its id by the time the transaction ends.
    covering = _covering_keys(sender, instance)
    _blocks.setdefault(key, _Block()).changed[covering[0]] = (label, covering)


def _saved(sender: type[Model], instance: Model, using: str, **kwargs: Any) -> None:
    _changed(sender, instance, using, "saved", **kwargs)


def _deleted(sender: type[Model], instance: Model, using: str, **kwargs: Any) -> None:
    _changed(sender, instance, using, "deleted", **kwargs)


def _covering_keys(model: type[Model], instance: Model) -> list[tuple[int, str]]:
    keys = [_type_key(model, instance.pk)]
    through = getattr(model, "audited_through", None)
    if through:
        field_ = model._meta.get_field(through)
        keys.append(_type_key(field_.related_model, getattr(instance, field_.attname)))  # type: ignore[arg-type]
    return keys


def _check(block: _Block) -> None:
    missing = [
        label for label, covering in block.changed.values() if not any(k in block.audited for k in covering)
    ]
    if missing:
        _fail("changed without an audit entry in the same transaction: " + ", ".join(sorted(missing)))


_original_exit = transaction.Atomic.__exit__


def _guarded_exit(self: transaction.Atomic, exc_type: Any, exc_value: Any, traceback: Any) -> Any:
    connection = transaction.get_connection(self.using)
    blocks = connection.atomic_blocks
    top = (id(connection), id(self), len(blocks) - 1)
    block = _blocks.pop(top, None) if blocks and blocks[-1] is self else None
    result = _original_exit(self, exc_type, exc_value, traceback)
    if block is not None and exc_type is None:
        _check(block)
    return result


def install() -> None:
    post_save.connect(_saved, dispatch_uid="audit_guard_saved")
    post_delete.connect(_deleted, dispatch_uid="audit_guard_deleted")
    transaction.Atomic.__exit__ = _guarded_exit  # type: ignore[method-assign]


def uninstall() -> None:
    post_save.disconnect(dispatch_uid="audit_guard_saved")
    post_delete.disconnect(dispatch_uid="audit_guard_deleted")
    transaction.Atomic.__exit__ = _original_exit  # type: ignore[method-assign]
    _blocks.clear()
