"""The history page as an export table: one row per audit entry, its changes spelled out."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.reports.tables import Column, Table

from .models import AuditEntry


def history_table(entries: QuerySet[AuditEntry]) -> Table:
    columns = [
        Column(_("When"), "date"),
        Column(_("Who")),
        Column(_("Action")),
        Column(_("Kind")),
        Column(_("Object")),
        Column(_("Country")),
        Column(_("Changes")),
        Column(_("Rationale")),
    ]

    def lines() -> Iterator[tuple[Any, ...]]:
        for e in entries.select_related("actor", "content_type").iterator(chunk_size=500):
            changes = "; ".join(
                f"{field}: {'∅' if old is None else old} → {'∅' if new is None else new}"
                for field, old, new in e.labelled_changes()
            )
            yield (
                timezone.localtime(e.at),
                e.actor.username if e.actor else _("system"),
                e.get_action_display(),
                str(e.content_type.name),
                e.object_repr,
                e.country,
                changes,
                e.rationale,
            )

    return Table(_("History"), columns, lines())
