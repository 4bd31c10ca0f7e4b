"""Costly page data kept in the process until the next audited write to its programme.

Every write goes through a service, and every service writes an audit entry in the same transaction
(`steerco.audit.services.record`). The number of audit entries of a programme (and of the entries
that belong to no programme, such as organisations) therefore changes with every committed write
and never otherwise: it is the programme's revision. An answer computed at one revision, for one
scope of access, is valid until the revision moves. Reading the revision is one indexed count, so a
page that finds its data here runs a few small queries instead of folding thousands of rows.

The store lives in each process (no pickling, nothing shared to keep coherent: another process or
server just computes its own copy) and is bounded, least recently used first out. Set
STEERCO_PAGE_MEMO=false to compute every answer afresh.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings
from django.db import connection

from .roles import Action
from .scoping import grants

_T = TypeVar("_T")

CAPACITY = 256
_store: OrderedDict[Hashable, Any] = OrderedDict()
_lock = threading.Lock()


def enabled() -> bool:
    return bool(getattr(settings, "STEERCO_PAGE_MEMO", True))


def revision(programme_id: int) -> tuple[int, int]:
    """How many audited writes touched the programme (or no programme): moves with every commit."""
    from steerco.audit.models import AuditEntry

    # Two counts that each read only the programme index (an OR of both would scan the table).
    table = connection.ops.quote_name(AuditEntry._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT COUNT(*) FROM {table} WHERE programme_id = %s),"
            f" (SELECT COUNT(*) FROM {table} WHERE programme_id IS NULL)",
            [programme_id],
        )
        own, shared = cursor.fetchone()
    return int(own), int(shared)


def scope_of(user: Any, programme_id: int) -> tuple[Any, ...]:
    """What the user may see and do in the programme: the part of the key that keeps scopes apart
    (figures differ by the countries one sees, buttons by what one may do)."""
    if user.is_superuser:
        return ("all",)
    return tuple(sorted((a, c) for a in Action for p, c in grants(user, a) if p == programme_id))


def remember(
    name: str, programme_id: int, user: Any, parts: tuple[Hashable, ...], compute: Callable[[], _T]
) -> _T:
    """`compute()`'s answer for this programme, user scope and `parts`, computed once per revision.

    The answer is shared by every request that has the same key, so callers treat it as read-only.
    """
    if not enabled():
        return compute()
    key = (name, programme_id, revision(programme_id), scope_of(user, programme_id), parts)
    with _lock:
        if key in _store:
            _store.move_to_end(key)
            return _store[key]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _store[key] = value
        while len(_store) > CAPACITY:
            _store.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _store.clear()
