"""Delivery records added to the personas' world: one of each kind in Kazakhstan, Kyrgyzstan and Ukraine.

Built on first use inside a test and kept on the test instance, so the permission matrix can point
its URLs at them without changing the shared base world.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from steerco.delivery.models import (
    Asset,
    Event,
    EventAttachment,
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
    WorkPlanItem,
)
from steerco.programmes.models import ProgrammeCountry

D = datetime.date


def event(t: Any, country: str = "KZ", programme: Any = None, **fields: Any) -> Event:
    programme = programme or t.bomca
    fields.setdefault("kind", EventKind.TRAINING)
    fields.setdefault("title", f"Training in {country}")
    fields.setdefault("start_date", D(2022, 5, 10))
    fields.setdefault("end_date", fields["start_date"])
    fields.setdefault("status", EventStatus.HELD)
    fields.setdefault("participants_total", 10)
    fields.setdefault("participants_female", 4)
    fields.setdefault("participants_male", 6)
    return Event.objects.create(programme=programme, country=country, **fields)


def lot(
    t: Any, country: str = "KZ", programme: Any = None, delivered: int | None = 10, **fields: Any
) -> ProcurementLot:
    programme = programme or t.bomca
    institution = ProgrammeCountry.objects.get(programme=programme, country=country).institutions.first()
    fields.setdefault("title", f"Radios for {country}")
    fields.setdefault("category", ProcurementCategory.RADIOS)
    fields.setdefault("quantity", 10)
    new = ProcurementLot.objects.create(
        programme=programme, country=country, beneficiary=institution, **fields
    )
    ProcurementStep.objects.create(
        lot=new, stage=Stage.CONTRACTED, planned_date=D(2022, 1, 1), actual_date=D(2022, 1, 10)
    )
    if delivered is not None:
        ProcurementStep.objects.create(
            lot=new,
            stage=Stage.DELIVERED,
            planned_date=D(2022, 3, 1),
            actual_date=D(2022, 3, 20),
            quantity=delivered,
        )
    return new


def handover(t: Any, of: ProcurementLot, **fields: Any) -> Handover:
    fields.setdefault("handed_over_on", D(2022, 4, 1))
    fields.setdefault("quantity", 5)
    return Handover.objects.create(lot=of, recipient=of.beneficiary, **fields)


def delivery_world(t: Any) -> SimpleNamespace:
    if "_delivery_world" in t.__dict__:
        return t.__dict__["_delivery_world"]
    w = SimpleNamespace()
    for code, programme in (("KZ", t.bomca), ("KG", t.bomca), ("UA", t.ukraine)):
        key = code.lower()
        item = WorkPlanItem.objects.create(
            programme=programme,
            year=2022,
            quarter=2,
            country=code,
            component=t.c1
            if programme == t.bomca
            else programme.components.get_or_create(code="1", defaults={"title": "One"})[0],
            title=f"Line {code}",
        )
        ev = event(t, code, programme, work_plan_item=item)
        attachment = EventAttachment.objects.create(
            event=ev, kind="agenda", file=SimpleUploadedFile(f"agenda-{key}.txt", b"agenda")
        )
        institution = ProgrammeCountry.objects.get(programme=programme, country=code).institutions.first()
        rec = Recommendation.objects.create(
            programme=programme,
            country=code,
            institution=institution,
            event=ev,
            text=f"Do better in {code}",
            given_on=D(2022, 5, 10),
        )
        change = RecommendationStatusChange.objects.create(
            recommendation=rec,
            status="delivered",
            on=D(2022, 5, 10),
            evidence_file=SimpleUploadedFile(f"evidence-{key}.txt", b"evidence"),
        )
        the_lot = lot(t, code, programme)
        the_handover = handover(
            t, the_lot, document=SimpleUploadedFile(f"act-{key}.pdf", b"%PDF-1.4 act"), value=Decimal("1000")
        )
        visit = Verification.objects.create(
            handover=the_handover,
            visited_on=D(2022, 10, 1),
            in_use=True,
            quantity_in_use=5,
            photo=SimpleUploadedFile(f"photo-{key}.jpg", b"jpeg"),
        )
        Asset.objects.create(lot=the_lot, handover=the_handover, serial_number=f"SN-{code}-1")
        for name, value in (
            ("item", item),
            ("event", ev),
            ("attachment", attachment),
            ("recommendation", rec),
            ("change", change),
            ("lot", the_lot),
            ("handover", the_handover),
            ("visit", visit),
        ):
            setattr(w, f"{key}_{name}", value)
    # The KZ counterpart speaks for the institution that received the KZ handover.
    t.kz_counterpart.organisation = w.kz_handover.recipient
    t.kz_counterpart.save()
    t.__dict__["_delivery_world"] = w
    return w
