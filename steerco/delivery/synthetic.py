"""Synthetic delivery: per programme a work plan, ~300 events with participants, recommendations, and
~100 procurement lots at every stage, with handovers, assets and verification visits."""

from __future__ import annotations

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction

from steerco.core.synthetic import COMPONENTS, COUNTRIES, EVENTS, LOTS, QUARTERS, Portfolio
from steerco.programmes.models import Component, Organisation, ProgrammeCountry
from steerco.results.models import Level, Result

from . import services
from .models import (
    STAGE_ORDER,
    Asset,
    Event,
    EventKind,
    EventStatus,
    Handover,
    ProcurementCategory,
    ProcurementLot,
    ProcurementStep,
    Recommendation,
    RecommendationStatus,
    RecommendationStatusChange,
    Stage,
    Verification,
    WorkPlanItem,
)

START = datetime.date(2021, 1, 1)
LAST_DAY = datetime.date(2026, 3, 31)  # nothing is dated later, so every record stays in the past
WORK_PLAN_PER_QUARTER = 4
RECOMMENDATIONS = 60
CITIES = {"KZ": "Astana", "KG": "Bishkek", "TJ": "Dushanbe", "TM": "Ashgabat", "UZ": "Tashkent"}
LOT_TITLES = {
    ProcurementCategory.RADIOS: ("Handheld radios", "units"),
    ProcurementCategory.SCANNERS: ("Mobile X-ray scanners", "units"),
    ProcurementCategory.IT: ("Laptops for risk analysis units", "units"),
    ProcurementCategory.PROTECTIVE: ("Winter uniforms", "sets"),
    ProcurementCategory.VEHICLES: ("Patrol vehicles", "vehicles"),
    ProcurementCategory.POWER: ("Solar power units for border posts", "units"),
    ProcurementCategory.CANINE: ("Kennel equipment", "sets"),
}


def generate(portfolio: Portfolio) -> None:
    for programme in portfolio.step("delivery", portfolio.programmes):
        with transaction.atomic():
            _delivery(portfolio.rng, programme, portfolio.acting_user)


def _quarter_start(index: int) -> datetime.date:
    return datetime.date(START.year + index // 4, 3 * (index % 4) + 1, 1)


def _day_in_quarter(rng: random.Random, index: int) -> datetime.date:
    return _quarter_start(index) + datetime.timedelta(days=rng.randint(3, 85))


def _delivery(rng: random.Random, programme: Any, acting_user: Any) -> None:
    components = list(Component.objects.filter(programme=programme).order_by("code"))
    institutions: dict[str, list[Organisation]] = {code: [] for code in COUNTRIES}
    for pc in ProgrammeCountry.objects.filter(programme=programme).prefetch_related("institutions"):
        institutions[str(pc.country)] = list(pc.institutions.all())
    plan = _work_plan(rng, programme, components, acting_user)
    # The logframe's outputs by component, so events say which result they serve.
    outputs: dict[int | None, list[Result]] = {}
    for output in Result.objects.filter(programme=programme, level=Level.OUTPUT).order_by("code"):
        outputs.setdefault(output.component_id, []).append(output)
    events = _events(rng, programme, components, institutions, plan, outputs, acting_user)
    _recommendations(rng, programme, events, institutions, acting_user)
    _procurement(rng, programme, components, institutions, acting_user)


def _work_plan(
    rng: random.Random, programme: Any, components: list[Component], acting_user: Any
) -> dict[int, list[WorkPlanItem]]:
    plan: dict[int, list[WorkPlanItem]] = {}
    for q in range(QUARTERS):
        start = _quarter_start(q)
        plan[q] = []
        for n in range(WORK_PLAN_PER_QUARTER):
            country = rng.choice(["", *COUNTRIES])
            kind = rng.choice([EventKind.TRAINING, EventKind.WORKSHOP, EventKind.STUDY_VISIT])
            item = WorkPlanItem(
                programme=programme,
                year=start.year,
                quarter=q % 4 + 1,
                country=country,
                component=components[n % len(components)] if components else None,
                title=f"{EventKind(kind).label} {start.year}-Q{q % 4 + 1} ({country or 'regional'})",
                kind=kind,
            )
            plan[q].append(services.save_work_plan_item(item, acting_user=acting_user))
    return plan


def _events(
    rng: random.Random,
    programme: Any,
    components: list[Component],
    institutions: dict[str, list[Organisation]],
    plan: dict[int, list[WorkPlanItem]],
    outputs: dict[int | None, list[Result]],
    acting_user: Any,
) -> list[Event]:
    events = []
    kinds = list(EventKind)
    for n in range(EVENTS):
        q = n * QUARTERS // EVENTS
        country = rng.choice(["", *COUNTRIES, *COUNTRIES])
        start = _day_in_quarter(rng, q)
        item = next((i for i in plan[q] if i.country in ("", country) and rng.random() < 0.7), None)
        kind = item.kind if item is not None and item.kind else rng.choice(kinds)
        status = EventStatus.HELD if rng.random() < 0.94 else EventStatus.CANCELLED
        total = rng.randint(8, 40) if status == EventStatus.HELD else 0
        female = rng.randint(0, total)
        undisclosed = rng.randint(0, total - female) if rng.random() < 0.1 else 0
        orgs = institutions[country] if country else [o for v in institutions.values() for o in v]
        split: dict[int | None, int] = {}
        if total:
            for _ in range(total):
                org = rng.choice([*orgs[:3], None])
                key = org.pk if org is not None else None
                split[key] = split.get(key, 0) + 1
        component = components[n % len(components)] if components and n % (COMPONENTS + 1) else None
        served = outputs.get(component.pk if component else None) or []
        event = Event(
            programme=programme,
            kind=kind,
            title=f"{EventKind(kind).label} {n + 1}",
            start_date=start,
            end_date=start + datetime.timedelta(days=rng.randint(0, 4)),
            place=CITIES.get(country, "Almaty"),
            country=country,
            component=component,
            result=rng.choice(served) if served and rng.random() < 0.8 else None,
            work_plan_item=item,
            participants_total=total,
            participants_female=female,
            participants_male=total - female - undisclosed,
            participants_undisclosed=undisclosed,
            status=status,
        )
        if status == EventStatus.HELD and kind == EventKind.TRAINING:
            event.pre_test_average = Decimal(rng.randint(40, 65))
            event.post_test_average = event.pre_test_average + rng.randint(5, 30)
        events.append(
            services.record_event(
                event,
                acting_user=acting_user,
                beneficiaries=orgs[:2] if orgs else [],
                agency_split=split if total else None,
            )
        )
    return events


def _recommendations(
    rng: random.Random,
    programme: Any,
    events: list[Event],
    institutions: dict[str, list[Organisation]],
    acting_user: Any,
) -> None:
    held = [e for e in events if e.country and e.status == EventStatus.HELD and institutions[str(e.country)]]
    later = [
        RecommendationStatus.UNDER_CONSIDERATION,
        RecommendationStatus.PARTIALLY_ADOPTED,
        RecommendationStatus.ADOPTED,
    ]
    for n, event in enumerate(rng.sample(held, min(RECOMMENDATIONS, len(held)))):
        recommendation = services.save_recommendation(
            Recommendation(
                programme=programme,
                country=event.country,
                institution=rng.choice(institutions[str(event.country)]),
                event=event,
                component=event.component,
                text=f"Recommendation {n + 1}: adopt the procedures piloted at the event.",
                given_on=event.end_date,
            ),
            acting_user=acting_user,
        )
        on = event.end_date
        for status in later[: rng.randint(0, len(later))]:
            on += datetime.timedelta(days=rng.randint(20, 120))
            if on > LAST_DAY:
                break
            services.record_recommendation_status(
                RecommendationStatusChange(
                    recommendation=recommendation, status=status, on=on, evidence="Letter of the institution."
                ),
                acting_user=acting_user,
            )


def _procurement(
    rng: random.Random,
    programme: Any,
    components: list[Component],
    institutions: dict[str, list[Organisation]],
    acting_user: Any,
) -> None:
    categories = list(LOT_TITLES)
    for n in range(LOTS):
        country = COUNTRIES[n % len(COUNTRIES)]
        category = rng.choice(categories)
        title, unit = LOT_TITLES[category]
        quantity = rng.randint(2, 60)
        estimated = Decimal(rng.randint(5, 400) * 1000)
        reached = rng.randint(-1, len(STAGE_ORDER) - 1)  # -1: nothing happened yet
        lot = services.save_procurement_lot(
            ProcurementLot(
                programme=programme,
                country=country,
                component=components[n % len(components)] if components else None,
                reference=f"LOT-{n + 1:03d}",
                title=f"{title} ({country})",
                category=category,
                quantity=quantity,
                unit=unit,
                estimated_value=estimated,
                contracted_value=(estimated * Decimal(rng.uniform(0.8, 1.1))).quantize(Decimal(1))
                if reached >= STAGE_ORDER.index(Stage.CONTRACTED)
                else None,
                supplier=f"Supplier {rng.randint(1, 30)}"
                if reached >= STAGE_ORDER.index(Stage.CONTRACTED)
                else "",
                beneficiary=institutions[country][0] if institutions[country] else None,
            ),
            acting_user=acting_user,
        )
        day = _day_in_quarter(rng, rng.randint(0, QUARTERS - 8))
        delivered_on = None
        for index, stage in enumerate(STAGE_ORDER[: reached + 2]):
            planned = day + datetime.timedelta(days=rng.randint(15, 60))
            actual = planned + datetime.timedelta(days=rng.randint(-10, 30)) if index <= reached else None
            if actual is not None:
                actual = max(actual, day)
                day = actual
            services.record_procurement_step(
                ProcurementStep(lot=lot, stage=stage, planned_date=planned, actual_date=actual),
                acting_user=acting_user,
            )
            if stage == Stage.DELIVERED and actual is not None:
                delivered_on = actual
        if delivered_on is None or reached < STAGE_ORDER.index(Stage.HANDED_OVER):
            continue
        handover = services.record_handover(
            Handover(
                lot=lot,
                act_number=f"ACT-{programme.pk}-{n + 1}",
                handed_over_on=delivered_on + datetime.timedelta(days=rng.randint(1, 30)),
                recipient=lot.beneficiary,
                quantity=quantity,
                value=lot.contracted_value,
                place=CITIES[country],
            ),
            acting_user=acting_user,
        )
        for s in range(min(quantity, 3)):
            services.save_asset(
                Asset(
                    lot=lot, handover=handover, serial_number=f"SN-{lot.pk}-{s + 1}", location=CITIES[country]
                ),
                acting_user=acting_user,
            )
        if reached >= STAGE_ORDER.index(Stage.IN_USE) or rng.random() < 0.5:
            in_use = rng.randint(0, quantity)
            services.record_verification(
                Verification(
                    handover=handover,
                    visited_on=handover.handed_over_on + datetime.timedelta(days=rng.randint(30, 200)),
                    in_use=bool(in_use),
                    quantity_in_use=in_use,
                    location=CITIES[country],
                ),
                acting_user=acting_user,
            )
