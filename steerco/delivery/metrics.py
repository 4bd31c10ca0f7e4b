"""Delivery numbers that indicators can be computed from: batched per page, each with its records behind it.

Every `compute_*` answers all indicators of its kind on a page, for all periods and countries asked,
with one or two queries whatever the number of indicators, periods or records. A period's value
counts the records dated inside it; the results app's aggregation applies the time and country rules.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, OuterRef, Q, QuerySet, Subquery, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from steerco.core.roles import Action
from steerco.results.rules import Observation

from .models import (
    Event,
    EventAgencyParticipants,
    EventStatus,
    Handover,
    RecommendationStatus,
    RecommendationStatusChange,
    Verification,
    WorkPlanItem,
)
from .selectors import unit_key, unit_q

if TYPE_CHECKING:
    from steerco.programmes.models import ReportingPeriod

PROGRAMME = ""  # records kept for the whole programme (a regional event), under the board's programme key

Key = tuple[int, int, str]
Items = Sequence[tuple[Any, dict]]


@dataclass(frozen=True)
class Params:
    """An indicator's `computation_params`, read leniently: unknown keys are ignored."""

    event_kinds: tuple[str, ...] = ()
    component: str = ""
    sex: str = ""
    agency: int | None = None
    status: str = ""
    category: str = ""
    result: int | None = None
    unit: str = ""  # equipment: count only lots in this unit (the rule's, else the indicator's)
    measure: str = ""  # set by the compute functions, not by people: which of a record's amounts

    @classmethod
    def read(cls, params: dict | None) -> Params:
        params = params or {}
        kinds = params.get("event_kinds") or ()
        agency = params.get("agency")
        result = params.get("result")
        return cls(
            event_kinds=tuple([kinds] if isinstance(kinds, str) else kinds),
            component=str(params.get("component") or ""),
            sex=str(params.get("sex") or ""),
            agency=int(agency) if agency not in (None, "") else None,
            status=str(params.get("status") or ""),
            category=str(params.get("category") or ""),
            result=int(result) if result not in (None, "") else None,
            unit=unit_key(str(params.get("unit") or "")),
            measure=str(params.get("measure") or ""),
        )


@dataclass(frozen=True)
class Fact:
    """One dated amount, with what the params may filter on."""

    programme_id: int
    country: str
    day: datetime.date
    amount: Decimal
    kind: str = ""
    component: str = ""
    agency: int | None = None
    status: str = ""
    category: str = ""
    result: int | None = None
    measure: str = ""
    group: int | None = None  # the record a later fact replaces, for levels such as units in use
    unit: str = ""  # the lot's unit, as `unit_key` spells it


def _matches(p: Params, fact: Fact, any_measure: bool = False) -> bool:
    return (
        (not p.event_kinds or fact.kind in p.event_kinds)
        and (not p.component or fact.component == p.component)
        and (p.agency is None or fact.agency == p.agency)
        and (not p.status or fact.status == p.status)
        and (not p.category or fact.category == p.category)
        and (p.result is None or fact.result == p.result)
        and (not p.unit or fact.unit == p.unit)
        and (any_measure or not fact.measure or fact.measure == p.measure)
    )


def _window(periods: Sequence[ReportingPeriod], countries: Sequence[str]) -> dict[str, Any]:
    """The filter every query shares: the periods' programmes and dates, the countries asked and
    the records of the whole programme (country "")."""
    return {
        "programmes": {p.programme_id for p in periods},
        "start": min(p.start for p in periods),
        "end": max(p.end for p in periods),
        "countries": sorted({c.upper() for c in countries} | {PROGRAMME}),
    }


def _fold(
    items: Items,
    periods: Sequence[ReportingPeriod],
    countries: Sequence[str],
    facts: Iterable[Fact],
    *,
    amount: Callable[[Params, Fact], Decimal] = lambda p, f: f.amount,
    latest_per_group: bool = False,
    any_measure: bool = False,
) -> dict[Key, Observation]:
    """Sum the matching facts of each indicator per period and country.

    A period that has begun has a value, zero when nothing happened in it; a period still ahead
    has none. With `latest_per_group` the value is a level at the end of the period: the latest fact
    of each group dated up to then counts, however long before the period it was recorded.
    Records of the whole programme (country "") are folded under PROGRAMME, once, never under a country.
    """
    today = timezone.localdate()
    wanted = {c.upper() for c in countries} | {PROGRAMME}
    facts = list(facts)
    result: dict[Key, Observation] = {}
    for indicator, raw in items:
        params = Params.read(raw)
        sums: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
        latest: dict[tuple[int, str, int | None], Fact] = {}
        for fact in facts:
            if fact.country not in wanted or not _matches(params, fact, any_measure):
                continue
            for period in periods:
                if period.programme_id != fact.programme_id or fact.day > period.end:
                    continue
                if not latest_per_group and fact.day < period.start:
                    continue
                if latest_per_group:
                    key = (period.pk, fact.country, fact.group)
                    if key not in latest or latest[key].day <= fact.day:
                        latest[key] = fact
                else:
                    sums[(period.pk, fact.country)] += amount(params, fact)
        for (period_id, country, _group), fact in latest.items():
            sums[(period_id, country)] += amount(params, fact)
        for period in periods:
            if period.start > today:
                continue
            for country in wanted:
                result[(indicator.pk, period.pk, country)] = Observation(
                    value=sums.get((period.pk, country), Decimal(0))
                )
    return result


def _programme_id(indicator: Any, period: ReportingPeriod | None) -> int | None:
    if period is not None:
        return period.programme_id
    for path in ("programme_id", "result.programme_id"):
        target = indicator
        for part in path.split("."):
            target = getattr(target, part, None)
        if target is not None:
            return int(target)
    return None


def _country_q(path: str, indicator: Any, country: str | None) -> Q:
    """The records of one country; without one, all of them, but for a not-aggregated indicator
    only those kept for the whole programme, which alone make its value."""
    if country:
        return Q(**{path: country.upper()})
    if not getattr(indicator, "reported_by_countries", True):
        return Q(**{path: PROGRAMME})
    return Q()


def _scoped(queryset: QuerySet, user: Any, programme_path: str, indicator: Any, period: Any) -> QuerySet:
    programme_id = _programme_id(indicator, period)
    queryset = queryset.restrict(user, Action.VIEW)  # type: ignore[attr-defined]
    return queryset.filter(**{programme_path: programme_id}) if programme_id is not None else queryset.none()


# Participants and events


def _held_events(window: dict[str, Any]) -> QuerySet[Event]:
    return Event.objects.filter(
        programme_id__in=window["programmes"],
        status=EventStatus.HELD,
        start_date__range=(window["start"], window["end"]),
        country__in=window["countries"],
    )


def _event_facts(window: dict[str, Any], amounts: dict[str, Any]) -> list[Fact]:
    """Held events summed per day, kind, component and country; one fact per amount (measure)."""
    group = ["programme_id", "country", "start_date", "kind", "component__code", "result_id"]
    rows = _held_events(window).order_by().values(*group).annotate(**amounts)
    facts = []
    for row in rows:
        for name in amounts:
            facts.append(
                Fact(
                    programme_id=row["programme_id"],
                    country=row["country"],
                    day=row["start_date"],
                    amount=Decimal(row[name] or 0),
                    kind=row["kind"],
                    component=row["component__code"] or "",
                    measure=name,
                    result=row["result_id"],
                )
            )
    return facts


def compute_participants(
    items: Items, periods: Sequence[ReportingPeriod], countries: Sequence[str]
) -> dict[Key, Observation]:
    """Participants of held events (all, women or men only, or one agency's)."""
    if not items or not periods:
        return {}
    window = _window(periods, countries)
    by_sex = [
        (i, {**p, "measure": Params.read(p).sex or "total"})
        for i, p in items
        if Params.read(p).agency is None
    ]
    by_agency = [(i, p) for i, p in items if Params.read(p).agency is not None]
    result: dict[Key, Observation] = {}
    if by_sex:
        facts = _event_facts(
            window,
            {
                "total": Sum("participants_total"),
                "female": Sum("participants_female"),
                "male": Sum("participants_male"),
            },
        )
        result.update(_fold(by_sex, periods, countries, facts))
    if by_agency:
        agencies = {Params.read(p).agency for _i, p in by_agency}
        rows = (
            EventAgencyParticipants.objects.filter(
                event__in=_held_events(window), organisation_id__in=agencies
            )
            .order_by()
            .values(
                "organisation_id",
                "event__programme_id",
                "event__country",
                "event__start_date",
                "event__kind",
                "event__component__code",
                "event__result_id",
            )
            .annotate(n=Sum("participants"))
        )
        facts = [
            Fact(
                programme_id=row["event__programme_id"],
                country=row["event__country"],
                day=row["event__start_date"],
                amount=Decimal(row["n"] or 0),
                kind=row["event__kind"],
                component=row["event__component__code"] or "",
                agency=row["organisation_id"],
                result=row["event__result_id"],
            )
            for row in rows
        ]
        result.update(_fold(by_agency, periods, countries, facts))
    return result


def compute_event_count(
    items: Items, periods: Sequence[ReportingPeriod], countries: Sequence[str]
) -> dict[Key, Observation]:
    """Number of held events."""
    if not items or not periods:
        return {}
    facts = _event_facts(_window(periods, countries), {"count": Count("id")})
    return _fold([(i, {**p, "measure": "count"}) for i, p in items], periods, countries, facts)


def event_records(
    indicator: Any, params: dict, *, user: Any, period: Any = None, country: str | None = None
) -> QuerySet[Event]:
    p = Params.read(params)
    events = _scoped(Event.objects.all(), user, "programme_id", indicator, period).filter(
        status=EventStatus.HELD
    )
    if p.event_kinds:
        events = events.filter(kind__in=p.event_kinds)
    if p.component:
        events = events.filter(component__code=p.component)
    if p.agency is not None:
        events = events.filter(agency_participants__organisation_id=p.agency)
    if p.result is not None:
        events = events.filter(result_id=p.result)
    if period is not None:
        events = events.filter(start_date__range=(period.start, period.end))
    events = events.filter(_country_q("country", indicator, country))
    return events.select_related("component", "programme").prefetch_related("beneficiaries").distinct()


# Recommendations


def compute_recommendations(
    items: Items, periods: Sequence[ReportingPeriod], countries: Sequence[str]
) -> dict[Key, Observation]:
    """Recommendations that reached a status (adopted unless the params say otherwise) in the period."""
    if not items or not periods:
        return {}
    window = _window(periods, countries)
    rows = (
        RecommendationStatusChange.objects.filter(
            recommendation__programme_id__in=window["programmes"],
            recommendation__country__in=window["countries"],
            on__range=(window["start"], window["end"]),
        )
        .order_by()
        .values(
            "status",
            "on",
            "recommendation__programme_id",
            "recommendation__country",
            "recommendation__component__code",
            "recommendation__institution_id",
        )
    )
    facts = [
        Fact(
            programme_id=row["recommendation__programme_id"],
            country=row["recommendation__country"],
            day=row["on"],
            amount=Decimal(1),
            status=row["status"],
            component=row["recommendation__component__code"] or "",
            agency=row["recommendation__institution_id"],
        )
        for row in rows
    ]
    wanted = [(i, {**p, "status": Params.read(p).status or RecommendationStatus.ADOPTED}) for i, p in items]
    return _fold(wanted, periods, countries, facts)


def recommendation_records(
    indicator: Any, params: dict, *, user: Any, period: Any = None, country: str | None = None
) -> QuerySet[RecommendationStatusChange]:
    p = Params.read(params)
    changes = _scoped(
        RecommendationStatusChange.objects.all(), user, "recommendation__programme_id", indicator, period
    ).filter(status=p.status or RecommendationStatus.ADOPTED)
    if p.component:
        changes = changes.filter(recommendation__component__code=p.component)
    if p.agency is not None:
        changes = changes.filter(recommendation__institution_id=p.agency)
    if period is not None:
        changes = changes.filter(on__range=(period.start, period.end))
    changes = changes.filter(_country_q("recommendation__country", indicator, country))
    return changes.select_related("recommendation__institution", "recommendation__programme")


# Handed over and in use


def _in_units(items: Items) -> list[tuple[Any, dict]]:
    """Quantities add up only within one unit: the rule's "unit", else the indicator's own, keeps
    lots in other units out ("stations" and a "batch" are never one sum). Without either, every lot counts."""
    return [(i, {**p, "unit": p.get("unit") or getattr(i, "unit", "") or ""}) for i, p in items]


def _unit_of(indicator: Any, params: dict) -> str:
    return str(params.get("unit") or getattr(indicator, "unit", "") or "")


def compute_handed_over(
    items: Items, periods: Sequence[ReportingPeriod], countries: Sequence[str]
) -> dict[Key, Observation]:
    """Units handed over (of one category when the params say so)."""
    if not items or not periods:
        return {}
    window = _window(periods, countries)
    rows = (
        Handover.objects.filter(
            lot__programme_id__in=window["programmes"],
            lot__country__in=window["countries"],
            handed_over_on__range=(window["start"], window["end"]),
        )
        .order_by()
        .values(
            "lot__programme_id",
            "lot__country",
            "handed_over_on",
            "lot__category",
            "lot__component__code",
            "lot__unit",
        )
        .annotate(n=Sum("quantity"))
    )
    facts = [
        Fact(
            programme_id=row["lot__programme_id"],
            country=row["lot__country"],
            day=row["handed_over_on"],
            amount=Decimal(row["n"] or 0),
            category=row["lot__category"],
            component=row["lot__component__code"] or "",
            unit=unit_key(row["lot__unit"]),
        )
        for row in rows
    ]
    return _fold(_in_units(items), periods, countries, facts)


def handover_records(
    indicator: Any, params: dict, *, user: Any, period: Any = None, country: str | None = None
) -> QuerySet[Handover]:
    p = Params.read(params)
    handovers = _scoped(Handover.objects.all(), user, "lot__programme_id", indicator, period)
    if _unit_of(indicator, params):
        handovers = handovers.filter(unit_q("lot__unit", _unit_of(indicator, params)))
    if p.category:
        handovers = handovers.filter(lot__category=p.category)
    if p.component:
        handovers = handovers.filter(lot__component__code=p.component)
    if period is not None:
        handovers = handovers.filter(handed_over_on__range=(period.start, period.end))
    handovers = handovers.filter(_country_q("lot__country", indicator, country))
    return handovers.select_related("lot__programme", "recipient")


def compute_in_use(
    items: Items, periods: Sequence[ReportingPeriod], countries: Sequence[str]
) -> dict[Key, Observation]:
    """Units in use at the end of each period: per handover, what the latest visit up to then found.

    A level, not a flow: an indicator computed from it takes the latest value ("latest" or
    "cumulative" time rule), and a visit keeps counting until a later one replaces it.
    """
    if not items or not periods:
        return {}
    window = _window(periods, countries)
    rows = (
        Verification.objects.filter(
            handover__lot__programme_id__in=window["programmes"],
            handover__lot__country__in=window["countries"],
            visited_on__lte=window["end"],
        )
        .order_by("visited_on", "id")
        .values(
            "handover_id",
            "visited_on",
            "quantity_in_use",
            programme_id=F("handover__lot__programme_id"),
            country=F("handover__lot__country"),
            category=F("handover__lot__category"),
            component=F("handover__lot__component__code"),
            unit=F("handover__lot__unit"),
        )
    )
    facts = [
        Fact(
            programme_id=row["programme_id"],
            country=row["country"],
            day=row["visited_on"],
            amount=Decimal(row["quantity_in_use"]),
            category=row["category"],
            component=row["component"] or "",
            group=row["handover_id"],
            unit=unit_key(row["unit"]),
        )
        for row in rows
    ]
    return _fold(_in_units(items), periods, countries, facts, latest_per_group=True)


def verification_records(
    indicator: Any, params: dict, *, user: Any, period: Any = None, country: str | None = None
) -> QuerySet[Verification]:
    """The visits behind the level at the end of `period` (or today): each handover's latest, if in use."""
    p = Params.read(params)
    until = period.end if period is not None else timezone.localdate()
    latest = (
        Verification.objects.filter(handover=OuterRef("handover"), visited_on__lte=until)
        .order_by("-visited_on", "-id")
        .values("id")[:1]
    )
    visits = _scoped(
        Verification.objects.all(), user, "handover__lot__programme_id", indicator, period
    ).filter(in_use=True, visited_on__lte=until, pk=Subquery(latest))
    if _unit_of(indicator, params):
        visits = visits.filter(unit_q("handover__lot__unit", _unit_of(indicator, params)))
    if p.category:
        visits = visits.filter(handover__lot__category=p.category)
    if p.component:
        visits = visits.filter(handover__lot__component__code=p.component)
    visits = visits.filter(_country_q("handover__lot__country", indicator, country))
    return visits.select_related("handover__lot__programme", "handover__recipient")


# Plan completion


def compute_plan_completion(
    items: Items, periods: Sequence[ReportingPeriod], countries: Sequence[str]
) -> dict[Key, Observation]:
    """Work-plan lines planned for quarters starting in the period, and how many a held event fulfilled."""
    if not items or not periods:
        return {}
    from .selectors import _done

    window = _window(periods, countries)
    rows = (
        WorkPlanItem.objects.filter(
            programme_id__in=window["programmes"],
            country__in=window["countries"],
            year__gte=window["start"].year,
            year__lte=window["end"].year,
        )
        .annotate(is_done=_done())
        .values("programme_id", "country", "year", "quarter", "component__code", "is_done")
    )
    facts = []
    for row in rows:
        day = datetime.date(row["year"], 3 * (row["quarter"] - 1) + 1, 1)
        facts.append(
            Fact(
                programme_id=row["programme_id"],
                country=row["country"],
                day=day,
                amount=Decimal(1),
                component=row["component__code"] or "",
                measure="done" if row["is_done"] else "open",
            )
        )
    totals = _fold([(i, {**p, "measure": ""}) for i, p in items], periods, countries, facts, any_measure=True)
    done = _fold([(i, {**p, "measure": "done"}) for i, p in items], periods, countries, facts)
    return {
        key: Observation(numerator=done[key].value, denominator=total.value) if total.value else Observation()
        for key, total in totals.items()
    }


def _quarters_starting_in(start: datetime.date, end: datetime.date) -> Q:
    q = Q(pk__in=[])
    for year in range(start.year, end.year + 1):
        quarters = [n for n in range(1, 5) if start <= datetime.date(year, 3 * n - 2, 1) <= end]
        if quarters:
            q |= Q(year=year, quarter__in=quarters)
    return q


def work_plan_records(
    indicator: Any, params: dict, *, user: Any, period: Any = None, country: str | None = None
) -> QuerySet[WorkPlanItem]:
    from .selectors import _done

    p = Params.read(params)
    items = _scoped(WorkPlanItem.objects.all(), user, "programme_id", indicator, period)
    if p.component:
        items = items.filter(component__code=p.component)
    if period is not None:
        items = items.filter(_quarters_starting_in(period.start, period.end))
    items = items.filter(_country_q("country", indicator, country))
    return items.annotate(done=_done()).select_related("component", "programme")


@dataclass(frozen=True)
class Metric:
    kind: str
    label: Any
    compute: Callable[..., dict[Key, Observation]]
    records: Callable[..., QuerySet]
    records_template: str


METRICS = [
    Metric(
        "delivery.participants",
        _("Participants of held events"),
        compute_participants,
        event_records,
        "delivery/metrics/_events.html",
    ),
    Metric(
        "delivery.events",
        _("Number of held events"),
        compute_event_count,
        event_records,
        "delivery/metrics/_events.html",
    ),
    Metric(
        "delivery.recommendations",
        _("Recommendations reaching a status"),
        compute_recommendations,
        recommendation_records,
        "delivery/metrics/_recommendations.html",
    ),
    Metric(
        "delivery.handed_over",
        _("Units handed over"),
        compute_handed_over,
        handover_records,
        "delivery/metrics/_handovers.html",
    ),
    Metric(
        "delivery.in_use",
        _("Units verified in use"),
        compute_in_use,
        verification_records,
        "delivery/metrics/_verifications.html",
    ),
    Metric(
        "delivery.plan_completion",
        _("Work-plan completion (%)"),
        compute_plan_completion,
        work_plan_records,
        "delivery/metrics/_workplan.html",
    ),
]


def register_all(computed: Any) -> None:
    """Register every delivery metric with the results app's registry of computed sources."""
    for metric in METRICS:
        computed.register(
            metric.kind,
            label=metric.label,
            compute=metric.compute,
            records=metric.records,
            records_template=metric.records_template,
        )
