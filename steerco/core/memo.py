"""Costly page data kept in the process until the next audited write to its programme.

Every write goes through a service, and every service writes an audit entry in the same transaction
(`steerco.audit.services.record`), which has the programme's revision (`audit.Revision`; the objects
that belong to no programme, such as organisations, have a revision of their own) move once the
transaction commits. The revision therefore moves with every committed write and never otherwise.
An answer computed at one revision, for one scope of access, is valid until the revision moves.
Reading the revision is one primary-key lookup, so a page that finds its data here runs a few small
queries instead of folding thousands of rows.

The store lives in each process (no pickling, nothing shared to keep coherent: another process or
server just computes its own copy) and is bounded, least recently used first out. Set
STEERCO_PAGE_MEMO=false to compute every answer afresh.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings

from .roles import Action
from .scoping import grants

_T = TypeVar("_T")

CAPACITY = 256
# Answers are recomputed after this long even if the revision stood still: the bound on how long a
# page could lag should a revision fail to move after a commit (a process killed in between).
MAX_AGE_SECONDS = 600.0
_store: OrderedDict[Hashable, tuple[float, Any]] = OrderedDict()
_lock = threading.Lock()


def enabled() -> bool:
    return bool(getattr(settings, "STEERCO_PAGE_MEMO", True))


def revision(programme_id: int) -> tuple[int, int]:
    """The programme's revision and that of the objects of no programme: they move with every commit."""
    from steerco.audit.services import read_revisions

    return read_revisions(programme_id)


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
    now = time.monotonic()
    with _lock:
        kept = _store.get(key)
        if kept is not None and now - kept[0] < MAX_AGE_SECONDS:
            _store.move_to_end(key)
            return kept[1]  # type: ignore[no-any-return]
    value = compute()
    with _lock:
        _store[key] = (now, value)
        _store.move_to_end(key)
        while len(_store) > CAPACITY:
            _store.popitem(last=False)
    return value


def clear() -> None:
    with _lock:
        _store.clear()
