"""Reads of delivery records, each starting from `restrict`, with a fixed number of queries per page."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Sum
from django.utils import timezone

from steerco.core.numbers import format_number, format_percent, share
from steerco.core.roles import Action
from steerco.core.scoping import get_scoped_or_404
from steerco.programmes.models import Programme

from .models import (
    Asset,
    Event,
    EventAgencyParticipants,
    EventKind,
    EventStatus,
    Handover,
    ProcurementLot,
    ProcurementStep,
    Recommendation,
    RecommendationStatus,
    RecommendationStatusChange,
    Verification,
    WorkPlanItem,
)


def unverified_after_months() -> int:
    """After how many months a handover without a visit that found the equipment in use is flagged."""
    return int(getattr(settings, "DELIVERY_UNVERIFIED_MONTHS", 6))


def months_before(day: datetime.date, months: int) -> datetime.date:
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    return datetime.date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    return months - (1 if later.day < earlier.day else 0)


# Events


def events_of(user: Any, programme: Programme, action: str = Action.VIEW) -> QuerySet[Event]:
    return Event.objects.restrict(user, action).filter(programme=programme)


def event_list(user: Any, programme: Programme, filters: dict[str, str]) -> QuerySet[Event]:
    events = (
        events_of(user, programme).select_related("component", "programme").prefetch_related("beneficiaries")
    )
    if filters.get("country"):
        events = events.filter(country=filters["country"].upper())
    if filters.get("component"):
        events = events.filter(component__code=filters["component"])
    if filters.get("kind"):
        events = events.filter(kind=filters["kind"])
    if filters.get("status"):
        events = events.filter(status=filters["status"])
    if filters.get("year", "").isdigit():
        events = events.filter(start_date__year=int(filters["year"]))
    return events


def event_totals(events: QuerySet[Event]) -> dict[str, int]:
    """How many events and participants (all, women, men) in `events`: one aggregate, whatever the size."""
    totals = events.order_by().aggregate(
        n=Count("id"),
        participants=Sum("participants_total"),
        women=Sum("participants_female"),
        men=Sum("participants_male"),
    )
    return {key: value or 0 for key, value in totals.items()}


def event_detail(user: Any, programme: Programme, pk: int, action: str = Action.VIEW) -> Event:
    return get_scoped_or_404(
        Event.objects.select_related("component", "result", "work_plan_item__component").prefetch_related(  # type: ignore[type-var]
            "beneficiaries",
            "co_organisers",
            Prefetch(
                "agency_participants",
                queryset=EventAgencyParticipants.objects.select_related("organisation"),
            ),
            "attachments",
            Prefetch(
                "recommendations",
                queryset=Recommendation.objects.restrict(user).select_related("institution"),
            ),
        ),
        user,
        action,
        pk=pk,
        programme=programme,
    )


# Work plan


def work_plan_items(user: Any, programme: Programme, action: str = Action.VIEW) -> QuerySet[WorkPlanItem]:
    return WorkPlanItem.objects.restrict(user, action).filter(programme=programme)


def _done() -> Exists:
    return Exists(Event.objects.filter(work_plan_item=OuterRef("pk"), status=EventStatus.HELD))


def work_plan(
    user: Any, programme: Programme, *, year: int | None, country: str = ""
) -> QuerySet[WorkPlanItem]:
    """The work-plan lines of the page, each marked `done` when a held event fulfils it."""
    items = work_plan_items(user, programme).select_related("component").annotate(done=_done())
    if year:
        items = items.filter(year=year)
    if country:
        items = items.filter(country=country)
    return items.prefetch_related(
        Prefetch(
            "events",
            queryset=Event.objects.restrict(user).only("id", "title", "status", "work_plan_item_id"),
        )
    )


@dataclass
class Completion:
    done: int = 0
    total: int = 0

    @property
    def percent(self) -> Decimal | None:
        """The share done, unrounded: pages round it once, at display (`|percent:1`: 5/12 → 41.7 %)."""
        return share(self.done, self.total)

    @property
    def open(self) -> int:
        """Lines no held event fulfils yet."""
        return self.total - self.done

    def __str__(self) -> str:
        return format_percent(self.percent, 1)

    def add(self, done: int, total: int) -> None:
        self.done += done
        self.total += total


@dataclass
class CompletionTable:
    """Plan completion by country (rows) and component (columns), with totals."""

    countries: list[str] = field(default_factory=list)
    components: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], Completion] = field(default_factory=dict)
    by_country: dict[str, Completion] = field(default_factory=dict)
    by_component: dict[str, Completion] = field(default_factory=dict)
    overall: Completion = field(default_factory=Completion)

    def rows(self) -> list[tuple[str, list[Completion], Completion]]:
        return [
            (c, [self.cells.get((c, k), Completion()) for k in self.components], self.by_country[c])
            for c in self.countries
        ]

    def totals(self) -> list[Completion]:
        return [self.by_component[k] for k in self.components]


def plan_completion(
    user: Any,
    programme: Programme,
    *,
    year: int | None = None,
    country: str = "",
    until: datetime.date | None = None,
    items: QuerySet[WorkPlanItem] | None = None,
) -> CompletionTable:
    """Share of work-plan lines fulfilled by a held event, counted in SQL (one query).

    `items` are the lines to count when a page has chosen them already (the work plan's filters and
    search, from `work_plan`: the reader's own); by default the reader's lines of the programme.
    """
    items = work_plan_items(user, programme) if items is None else items
    if year:
        items = items.filter(year=year)
    if country:
        items = items.filter(country=country)
    if until:
        items = items.filter(
            Q(year__lt=until.year) | Q(year=until.year, quarter__lte=(until.month - 1) // 3 + 1)
        )
    rows = (
        items.order_by()
        .annotate(is_done=_done())
        .values("country", "component__code", "is_done")
        .annotate(n=Count("id"))
    )
    table = CompletionTable()
    for row in rows:
        country_code, component, n = row["country"] or "", row["component__code"], row["n"]
        done = n if row["is_done"] else 0
        table.cells.setdefault((country_code, component), Completion()).add(done, n)
        table.by_country.setdefault(country_code, Completion()).add(done, n)
        table.by_component.setdefault(component, Completion()).add(done, n)
        table.overall.add(done, n)
    table.countries = sorted(table.by_country)
    table.components = sorted(table.by_component)
    return table


# Recommendations


def recommendations_of(
    user: Any, programme: Programme, action: str = Action.VIEW
) -> QuerySet[Recommendation]:
    return Recommendation.objects.restrict(user, action).filter(programme=programme)


def recommendation_list(user: Any, programme: Programme, filters: dict[str, str]) -> QuerySet[Recommendation]:
    recommendations = recommendations_of(user, programme).select_related(
        "institution", "event", "component", "programme"
    )
    if filters.get("country"):
        recommendations = recommendations.filter(country=filters["country"].upper())
    if filters.get("status"):
        recommendations = recommendations.filter(status=filters["status"])
    return recommendations


def recommendation_detail(
    user: Any, programme: Programme, pk: int, action: str = Action.VIEW
) -> Recommendation:
    return get_scoped_or_404(
        Recommendation.objects.select_related("institution", "event", "component").prefetch_related(
            Prefetch("history", queryset=RecommendationStatusChange.objects.select_related("recorded_by"))
        ),
        user,
        action,
        pk=pk,
        programme=programme,
    )


def recommendation_change(user: Any, programme: Programme, pk: int) -> RecommendationStatusChange:
    return get_scoped_or_404(
        RecommendationStatusChange.objects.all(), user, pk=pk, recommendation__programme=programme
    )


# Procurement


def lots_of(user: Any, programme: Programme, action: str = Action.VIEW) -> QuerySet[ProcurementLot]:
    return ProcurementLot.objects.restrict(user, action).filter(programme=programme)


def pipeline(user: Any, programme: Programme, country: str = "") -> list[ProcurementLot]:
    lots = lots_of(user, programme).select_related("beneficiary", "component").prefetch_related("steps")
    if country:
        lots = lots.filter(country=country)
    return list(lots)


def lot_detail(user: Any, programme: Programme, pk: int, action: str = Action.VIEW) -> ProcurementLot:
    return get_scoped_or_404(
        ProcurementLot.objects.select_related("beneficiary", "component").prefetch_related(  # type: ignore[type-var]
            "steps",
            Prefetch(
                "handovers",
                queryset=Handover.objects.select_related("recipient", "acknowledged_by").prefetch_related(
                    "verifications"
                ),
            ),
            Prefetch("assets", queryset=Asset.objects.select_related("handover")),
        ),
        user,
        action,
        pk=pk,
        programme=programme,
    )


def handover_of(user: Any, programme: Programme, pk: int, action: str = Action.VIEW) -> Handover:
    return get_scoped_or_404(
        Handover.objects.select_related("lot", "recipient"), user, action, pk=pk, lot__programme=programme
    )


def verification_of(user: Any, programme: Programme, pk: int) -> Verification:
    return get_scoped_or_404(Verification.objects.all(), user, pk=pk, handover__lot__programme=programme)


def asset_register(user: Any, programme: Programme, country: str = "") -> list[Asset]:
    latest_visits = Verification.objects.restrict(user).order_by("-visited_on", "-id")
    assets = (
        Asset.objects.restrict(user)
        .filter(lot__programme=programme)
        .select_related("lot__beneficiary", "handover__recipient")
        .prefetch_related(Prefetch("handover__verifications", queryset=latest_visits))
        .order_by("lot__country", "lot__reference", "serial_number")
    )
    if country:
        assets = assets.filter(lot__country=country)
    return list(assets)


@dataclass
class LateLot:
    lot: ProcurementLot
    step: ProcurementStep
    days: int


@dataclass
class UnverifiedHandover:
    handover: Handover
    months: int


def late_lots(lots: list[ProcurementLot], today: datetime.date) -> list[LateLot]:
    """Lots whose next step is overdue, the latest first; reads prefetched steps only."""
    late = []
    for lot in lots:
        days = lot.days_late(today)
        step = lot.next_step()
        if days and step is not None:
            late.append(LateLot(lot, step, days))
    return sorted(late, key=lambda item: -item.days)


def unverified_handovers(
    user: Any, programme: Programme, today: datetime.date, country: str = ""
) -> list[UnverifiedHandover]:
    months = unverified_after_months()
    in_use = Verification.objects.filter(handover=OuterRef("pk"), in_use=True)
    handovers = (
        Handover.objects.restrict(user)
        .filter(lot__programme=programme, handed_over_on__lte=months_before(today, months))
        .filter(~Exists(in_use))
        .select_related("lot", "recipient")
    )
    if country:
        handovers = handovers.filter(lot__country=country)
    return [UnverifiedHandover(h, months_between(h.handed_over_on, today)) for h in handovers]


# Dashboard


def delivery_dashboard(user: Any, programme: Programme, country: str = "") -> dict[str, Any]:
    """Events and participants, plan completion, recommendations, late lots, unverified handovers."""
    today = timezone.localdate()
    events = events_of(user, programme)
    recommendations = recommendations_of(user, programme)
    if country:
        events = events.filter(country=country)
        recommendations = recommendations.filter(country=country)
    held = events.filter(status=EventStatus.HELD)
    by_kind = list(
        held.order_by("kind")
        .values("kind")
        .annotate(
            n=Count("id"),
            participants=Sum("participants_total"),
            women=Sum("participants_female"),
            men=Sum("participants_male"),
        )
    )
    kinds = [{**row, "kind_label": EventKind(row["kind"]).label} for row in by_kind]
    totals = event_totals(held)
    status_counts = dict(recommendations.order_by().values_list("status").annotate(n=Count("id")))
    lots = pipeline(user, programme, country)
    return {
        "today": today,
        "events_by_kind": kinds,
        "event_totals": totals,
        "planned_events": events.filter(status=EventStatus.PLANNED).count(),
        "recent_events": list(events.select_related("component")[:8]),
        "completion": plan_completion(user, programme, country=country),
        "recommendation_counts": [
            (status, label, status_counts.get(status, 0)) for status, label in RecommendationStatus.choices
        ],
        "recommendation_total": sum(status_counts.values()),
        "lots": lots,
        "late_lots": late_lots(lots, today),
        "unverified": unverified_handovers(user, programme, today, country),
        "unverified_months": unverified_after_months(),
        "handed_over": handed_over_totals(
            Handover.objects.restrict(user).filter(
                lot__programme=programme, **({"lot__country": country} if country else {})
            )
        ),
    }


# Figures of a period, for meeting packs and news items


@dataclass
class Participation:
    """Held events and their participants, by sex."""

    events: int = 0
    participants: int = 0
    women: int = 0
    men: int = 0

    @property
    def women_share(self) -> Decimal | None:
        """Women among the participants whose sex was recorded, as a percentage, unrounded."""
        return share(self.women, self.women + self.men)

    def add(self, other: Participation) -> None:
        self.events += other.events
        self.participants += other.participants
        self.women += other.women
        self.men += other.men


def held_between(events: QuerySet[Event], start: datetime.date, end: datetime.date) -> QuerySet[Event]:
    """Events held that started inside the dates, as the computed indicators count them."""
    return events.filter(status=EventStatus.HELD, start_date__range=(start, end))


def participation_by(events: QuerySet[Event], *fields: str) -> dict[tuple, Participation]:
    """Held events and participants grouped by `fields` (for example country, kind), in one query.

    Without fields, the one key is `()` and holds the totals."""
    sums = {
        "n": Count("id"),
        "participants": Sum("participants_total"),
        "women": Sum("participants_female"),
        "men": Sum("participants_male"),
    }
    rows = [events.aggregate(**sums)] if not fields else events.order_by().values(*fields).annotate(**sums)
    return {
        tuple(row[f] or "" for f in fields): Participation(
            row["n"], row["participants"] or 0, row["women"] or 0, row["men"] or 0
        )
        for row in rows
    }


def participants_by_agency(events: QuerySet[Event]) -> list[dict[str, Any]]:
    """Participants per agency and country of the events, in one query, the largest agency first."""
    rows = (
        EventAgencyParticipants.objects.filter(event__in=events)
        .order_by()
        .values(
            "organisation_id",
            "organisation__name",
            "organisation__short_name",
            "organisation__country",
            "event__country",
        )
        .annotate(n=Sum("participants"))
        .order_by("-n", "organisation__name")
    )
    return [dict(row) for row in rows]


def recommendation_standing(
    recommendations: QuerySet[Recommendation], on: datetime.date
) -> list[tuple[Recommendation, str]]:
    """Recommendations given by `on` with the status they had that day, from their history (two queries)."""
    given_by = recommendations.filter(given_on__lte=on)
    given = list(given_by.select_related("institution").order_by("given_on", "id"))
    latest: dict[int, str] = {}
    changes = (
        RecommendationStatusChange.objects.filter(recommendation__in=given_by.values("pk"), on__lte=on)
        .order_by("on", "id")
        .values_list("recommendation_id", "status")
    )
    for recommendation_id, status in changes:
        latest[recommendation_id] = status
    return [(r, latest.get(r.pk, RecommendationStatus.DELIVERED)) for r in given]


def handovers_of(user: Any, programme: Programme, action: str = Action.VIEW) -> QuerySet[Handover]:
    return Handover.objects.restrict(user, action).filter(lot__programme=programme)


def handovers_between(
    handovers: QuerySet[Handover], start: datetime.date, end: datetime.date
) -> QuerySet[Handover]:
    return (
        handovers.filter(handed_over_on__range=(start, end))
        .select_related("lot", "recipient")
        .order_by("handed_over_on", "id")
    )


def unit_key(unit: str) -> str:
    """The unit a quantity is counted in, as one key for its spellings: "Scanners", "scanner" → "scanner"."""
    key = " ".join(str(unit or "").split()).casefold()
    return key[:-1] if len(key) > 3 and key.endswith("s") and not key.endswith("ss") else key


def unit_q(path: str, unit: str) -> Q:
    """Rows whose unit at `path` is `unit`, singular or plural, in any case."""
    key = unit_key(unit)
    return Q(**{f"{path}__iexact": key}) | Q(**{f"{path}__iexact": key + "s"})


@dataclass
class UnitTotals:
    """Quantities that add up only within one unit: "500 stations, 32 scanners, 1 batch", never 533."""

    by_unit: dict[str, int] = field(default_factory=dict)
    spelling: dict[str, tuple[int, str]] = field(default_factory=dict)

    def add(self, unit: str, quantity: int) -> None:
        key = unit_key(unit) or "unit"
        self.by_unit[key] = self.by_unit.get(key, 0) + quantity
        # The spelling of the largest quantity names the unit ("3 scanners" from 1 scanner and 2 scanners).
        if key not in self.spelling or quantity > self.spelling[key][0]:
            self.spelling[key] = (quantity, str(unit).strip() or "units")

    @property
    def total(self) -> int | None:
        """The one sum when every quantity is in the same unit; None when they are not comparable."""
        if len(self.by_unit) > 1:
            return None
        return sum(self.by_unit.values())

    def parts(self) -> list[tuple[int, str]]:
        """(quantity, unit) per unit, the largest first."""
        rows = [(n, self.spelling[key][1]) for key, n in self.by_unit.items()]
        return sorted(rows, key=lambda row: (-row[0], row[1]))

    def __str__(self) -> str:
        if not self.by_unit:
            return format_number(0)
        return ", ".join(f"{format_number(n)} {unit}" for n, unit in self.parts())


def unit_totals(rows: Iterable[tuple[str, int]]) -> UnitTotals:
    """(unit, quantity) pairs as totals per unit."""
    totals = UnitTotals()
    for unit, quantity in rows:
        totals.add(unit, quantity)
    return totals


def handed_over_totals(handovers: QuerySet[Handover]) -> tuple[int, UnitTotals]:
    """How many handovers, and the units handed over per unit of their lots (one query)."""
    rows = list(handovers.order_by().values("lot__unit").annotate(n=Count("id"), units=Sum("quantity")))
    return sum(row["n"] for row in rows), unit_totals((row["lot__unit"], row["units"] or 0) for row in rows)


def units_in_use(lots: QuerySet[ProcurementLot], on: datetime.date) -> dict[int, int]:
    """Units found in use per lot at the latest visit to each of its handovers up to `on` (one query)."""
    visits = (
        Verification.objects.filter(handover__lot__in=lots.values("pk"), visited_on__lte=on)
        .order_by("visited_on", "id")
        .values_list("handover__lot_id", "handover_id", "quantity_in_use")
    )
    latest: dict[tuple[int, int], int] = {}
    for lot_id, handover_id, quantity in visits:
        latest[(lot_id, handover_id)] = quantity
    per_lot: dict[int, int] = {}
    for (lot_id, _handover_id), quantity in latest.items():
        per_lot[lot_id] = per_lot.get(lot_id, 0) + quantity
    return per_lot


def units_handed_over(lots: QuerySet[ProcurementLot], on: datetime.date) -> dict[int, int]:
    """Units handed over per lot up to `on`, summed in SQL."""
    rows = (
        Handover.objects.filter(lot__in=lots.values("pk"), handed_over_on__lte=on)
        .order_by()
        .values("lot_id")
        .annotate(n=Sum("quantity"))
    )
    return {row["lot_id"]: row["n"] or 0 for row in rows}
