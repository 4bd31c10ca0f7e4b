"""Delivery records for pack tests: a held event, a recommendation, a lot handed over and in use."""

from __future__ import annotations

import datetime
from types import SimpleNamespace
from typing import Any

from steerco.delivery.models import (
    Event,
    EventAgencyParticipants,
    EventKind,
    EventStatus,
    Handover,
    ProcurementCategory,
    ProcurementLot,
    ProcurementStep,
    Recommendation,
    RecommendationStatusChange,
    Stage,
    Verification,
)
from steerco.programmes.models import ProgrammeCountry

D = datetime.date


def delivery_in(t: Any, country: str, day: datetime.date, tag: str = "", **sizes: int) -> SimpleNamespace:
    """One of each delivery record of `country`, dated around `day`; `tag` keeps titles apart."""
    institution = ProgrammeCountry.objects.get(programme=t.bomca, country=country).institutions.first()
    label = f"{country}{tag}"
    event = Event.objects.create(
        programme=t.bomca,
        country=country,
        kind=EventKind.TRAINING,
        title=f"Training {label}",
        start_date=day,
        end_date=day,
        status=EventStatus.HELD,
        participants_total=sizes.get("participants", 20),
        participants_female=sizes.get("women", 8),
        participants_male=sizes.get("men", 12),
    )
    EventAgencyParticipants.objects.create(
        event=event, organisation=institution, participants=sizes.get("participants", 20)
    )
    recommendation = Recommendation.objects.create(
        programme=t.bomca,
        country=country,
        institution=institution,
        event=event,
        text=f"Recommendation {label}",
        given_on=day,
    )
    RecommendationStatusChange.objects.create(recommendation=recommendation, status="delivered", on=day)
    change = RecommendationStatusChange.objects.create(
        recommendation=recommendation, status="adopted", on=day + datetime.timedelta(days=20)
    )
    lot = ProcurementLot.objects.create(
        programme=t.bomca,
        country=country,
        beneficiary=institution,
        reference=f"LOT-{label}",
        title=f"Radios {label}",
        category=ProcurementCategory.RADIOS,
        quantity=sizes.get("units", 40),
        unit="stations",
    )
    ProcurementStep.objects.create(lot=lot, stage=Stage.CONTRACTED, planned_date=day, actual_date=day)
    ProcurementStep.objects.create(
        lot=lot, stage=Stage.DELIVERED, planned_date=day, actual_date=day + datetime.timedelta(days=10)
    )
    handover = Handover.objects.create(
        lot=lot,
        recipient=institution,
        handed_over_on=day + datetime.timedelta(days=15),
        quantity=sizes.get("units", 40),
        place="Capital",
    )
    Verification.objects.create(
        handover=handover,
        visited_on=day + datetime.timedelta(days=30),
        in_use=True,
        quantity_in_use=sizes.get("in_use", 38),
    )
    return SimpleNamespace(
        event=event,
        recommendation=recommendation,
        change=change,
        lot=lot,
        handover=handover,
        institution=institution,
    )
