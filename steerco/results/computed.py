"""Computed indicators: sources of values that other apps register, and the aggregation asks.

An app registers a kind of computation in its `AppConfig.ready()`; an indicator whose
`computation` names that kind takes its period values from the source instead of from people,
and every such number links to a page listing the records behind it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from steerco.programmes.models import ReportingPeriod

    from .models import Indicator
    from .rules import Observation

ComputeFn = Callable[
    [Sequence[tuple["Indicator", dict]], Sequence["ReportingPeriod"], Sequence[str]],
    dict[tuple[int, int, str], "Observation"],  # (indicator id, period id, ISO country) -> observation
]
RecordsFn = Callable[..., "QuerySet[Any]"]  # records(indicator, params, *, user, period=None, country=None)


@dataclass(frozen=True)
class ComputedSource:
    kind: str
    label: str
    compute: ComputeFn
    records: RecordsFn
    records_template: str


_SOURCES: dict[str, ComputedSource] = {}


def register(kind: str, *, label: str, compute: ComputeFn, records: RecordsFn, records_template: str) -> None:
    """Make `kind` available to indicators; registering the same kind again replaces it."""
    _SOURCES[kind] = ComputedSource(kind, label, compute, records, records_template)


def unregister(kind: str) -> None:
    _SOURCES.pop(kind, None)


def source(kind: str) -> ComputedSource:
    """The registered source of `kind`; KeyError for an unknown kind."""
    return _SOURCES[kind]


def choices() -> list[tuple[str, str]]:
    return sorted(((kind, str(s.label)) for kind, s in _SOURCES.items()), key=lambda c: c[1])


def locked_figure_counting(record: Any, programme_id: int) -> tuple[Indicator, ReportingPeriod] | None:
    """The first figure of a computed indicator of the programme, for a locked period, that counts
    `record` (an event, a work-plan line, …): such a figure is final, so the record stays.

    A figure counts a record when the record is among those its source lists behind it; a few queries
    per computed indicator of the programme.
    """
    from steerco.core.permissions import SYSTEM
    from steerco.programmes.models import ReportingPeriod

    from .models import Indicator

    periods = list(ReportingPeriod.objects.filter(programme_id=programme_id, locked=True).order_by("start"))
    if not periods:
        return None
    indicators = Indicator.objects.filter(result__programme_id=programme_id).exclude(computation="")
    for indicator in indicators.order_by("code", "pk"):
        try:
            computed = source(indicator.computation)
        except KeyError:
            continue
        for period in periods:
            params = dict(indicator.computation_params)
            behind = computed.records(indicator, params, user=SYSTEM, period=period)
            if behind.model is not type(record):
                break
            if behind.filter(pk=record.pk).exists():
                return indicator, period
    return None
