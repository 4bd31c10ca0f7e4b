"""The synthetic portfolio behind `steerco generate`: believable programmes at any scale, no network.

Each app contributes a `synthetic.py` with `generate(portfolio)`, run in the order of
`SYNTHETIC_MODULES`. Everything is drawn from one seeded random generator, so a seed always gives
the same portfolio.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TextIO, TypeVar

from django_countries.fields import CountryField

from steerco.core.permissions import SYSTEM

_T = TypeVar("_T")
_M = TypeVar("_M")

BATCH = 500  # rows per INSERT: well under SQLite's limit of variables per statement

SYNTHETIC_MODULES = [
    "steerco.programmes.synthetic",
    "steerco.accounts.synthetic",
    "steerco.results.synthetic",
    "steerco.delivery.synthetic",
    "steerco.steering.synthetic",
]

# Per programme, at every scale: one BOMCA-sized regional programme. The scale multiplies programmes,
# and with them every dimension that grows in real life (indicators, periods, events, lots, meetings,
# users), while each programme stays the size real programmes are.
COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ"]
COMPONENTS = 4
INDICATORS = 60
QUARTERS = 20
EVENTS = 300
LOTS = 100
MEETINGS = 10


@dataclass
class Portfolio:
    scale: int
    rng: random.Random
    acting_user: Any = SYSTEM  # the project itself writes the portfolio (steerco.core.permissions)
    programmes: list[Any] = field(default_factory=list)
    progress: Progress | None = None

    def step(self, label: str, items: Iterable[_T], total: int | None = None) -> Iterator[_T]:
        if self.progress is None:
            yield from items
            return
        yield from self.progress.track(label, items, total)


class Progress:
    """A one-line progress bar on a terminal; plain start and end lines elsewhere."""

    def __init__(self, stream: TextIO = sys.stderr) -> None:
        self.stream = stream
        self.tty = stream.isatty()

    def track(self, label: str, items: Iterable[_T], total: int | None = None) -> Iterator[_T]:
        if total is None and hasattr(items, "__len__"):
            total = len(items)  # type: ignore[arg-type]
        if not self.tty:
            self.stream.write(f"{label}…\n")
        for done, item in enumerate(items, start=1):
            yield item
            if self.tty and total and (done == total or done % max(total // 50, 1) == 0):
                filled = int(30 * done / total)
                self.stream.write(f"\r{label:<28} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
                self.stream.flush()
        if self.tty:
            self.stream.write("\n")


def insert_audited(objects: Sequence[_M], *, acting_user: Any, actor: Any = None) -> list[_M]:
    """The bulk path of `save_audited` for generated rows: each object is validated by its own
    `clean()`, inserted in batches, and gets its creation entry in the audit trail.

    Uniqueness is left to the database's constraints (checking it row by row is what makes the
    ordinary path slow). Models with many-to-many fields go through their services instead, since
    their after-image needs the related ids.
    """
    created = insert_validated(objects)
    from steerco.audit.models import AuditAction

    write_entries(
        [
            audit_entry(obj, AuditAction.CREATE, actor=actor or acting_user, after=snapshot_of(obj))
            for obj in created
        ]
    )
    return created


def insert_validated(objects: Sequence[_M]) -> list[_M]:
    """Validate each object by its own `clean()` and insert them in batches; the caller audits them.

    Foreign keys are left to the database's constraints and country codes to the generator's fixed
    list: checking each row's foreign keys costs one query per key, and a country field rebuilds its
    250 choices per row, which made up most of the time at scale. The model's own rules all run.
    """
    if not objects:
        return []
    model: Any = type(objects[0])
    assert not model._meta.many_to_many, f"{model.__name__} has many-to-many fields: use its service"
    trusted = [f.name for f in model._meta.concrete_fields if f.is_relation or isinstance(f, CountryField)]
    for obj in objects:
        obj.full_clean(exclude=trusted, validate_unique=False, validate_constraints=False)  # type: ignore[attr-defined]
    return list(model._default_manager.bulk_create(objects, batch_size=BATCH))


def snapshot_of(obj: Any) -> dict[str, Any]:
    from steerco.audit.services import snapshot

    return snapshot(obj)


def audit_entry(
    obj: Any,
    action: str,
    *,
    actor: Any,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    rationale: str = "",
) -> Any:
    """An unsaved audit entry as `steerco.audit.services.record` would write it."""
    from django.contrib.contenttypes.models import ContentType

    from steerco.audit.models import AuditEntry
    from steerco.audit.services import scope_of

    programme_id, country = scope_of(obj)
    return AuditEntry(
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
    )


def write_entries(entries: Sequence[Any]) -> None:
    from django.db import transaction

    from steerco.audit.models import AuditEntry
    from steerco.audit.services import bump_revision_on_commit

    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit entries are written inside the transaction of the change")
    for programme_id in {entry.programme_id for entry in entries}:
        bump_revision_on_commit(programme_id)
    AuditEntry.objects.bulk_create(entries, batch_size=BATCH)
