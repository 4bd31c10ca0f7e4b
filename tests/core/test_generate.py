"""`steerco generate`: a believable portfolio, the same for the same seed, every row valid and audited.

The sizes are cut down here (fewer indicators, events and lots per programme) to keep the test quick;
the shape is the one `make bench` builds.
"""

from __future__ import annotations

import hashlib
from io import StringIO
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from steerco.audit.models import AuditAction, AuditEntry
from steerco.delivery.models import Event, Handover, ProcurementLot, ProcurementStep
from steerco.programmes.models import Programme
from steerco.results.models import Indicator, IndicatorUpdate, Target, UpdateState

SMALL = {
    "steerco.results.synthetic.INDICATORS": 18,
    "steerco.delivery.synthetic.EVENTS": 40,
    "steerco.delivery.synthetic.LOTS": 15,
    "steerco.delivery.synthetic.RECOMMENDATIONS": 8,
}


@pytest.fixture(autouse=True)
def small_programmes(monkeypatch: pytest.MonkeyPatch) -> None:
    for target, value in SMALL.items():
        monkeypatch.setattr(target, value)


def generate(scale: int, seed: int) -> None:
    call_command("generate", scale=scale, seed=seed, stdout=StringIO(), stderr=StringIO())


def fingerprint() -> str:
    """Everything generated, apart from ids and timestamps, as one hash."""
    digest = hashlib.sha256()
    for model, fields in [
        (Indicator, ["code", "measure", "time_rule", "country_rule", "target_value", "computation"]),
        (Target, ["indicator__code", "period__label", "country", "value"]),
        (IndicatorUpdate, ["indicator__code", "period__label", "country", "value", "numerator", "state"]),
        (Event, ["title", "country", "start_date", "participants_total", "status"]),
        (ProcurementStep, ["lot__reference", "stage", "planned_date", "actual_date"]),
        (Handover, ["lot__reference", "handed_over_on", "quantity"]),
    ]:
        rows = model.objects.order_by(*fields).values_list(*fields)  # type: ignore[attr-defined]
        digest.update(repr(list(rows)).encode())
    return digest.hexdigest()


def generated(scale: int, seed: int) -> str:
    """The fingerprint of a portfolio generated and then rolled back, leaving the database as it was."""
    with transaction.atomic():
        generate(scale=scale, seed=seed)
        result = fingerprint()
        transaction.set_rollback(True)
    return result


@pytest.mark.django_db
def test_the_same_seed_gives_the_same_portfolio_and_another_seed_another() -> None:
    first = generated(scale=1, seed=7)
    assert Programme.objects.count() == 0
    assert generated(scale=1, seed=7) == first
    assert generated(scale=1, seed=8) != first


@pytest.mark.django_db
def test_a_second_portfolio_on_top_of_the_first_is_refused() -> None:
    generate(scale=1, seed=1)
    with pytest.raises(CommandError):
        generate(scale=1, seed=1)


@pytest.mark.django_db
def test_each_programme_has_the_shape_of_a_real_one_and_the_scale_multiplies_programmes() -> None:
    generate(scale=2, seed=1)
    programmes = list(Programme.objects.filter(slug__startswith="synthetic-").order_by("slug"))
    assert [p.slug for p in programmes] == ["synthetic-1", "synthetic-2"]
    for programme in programmes:
        indicators = Indicator.objects.filter(result__programme=programme)
        assert indicators.count() == SMALL["steerco.results.synthetic.INDICATORS"]
        assert indicators.exclude(computation="").exists()
        assert {i.measure for i in indicators} == {"number", "percentage", "milestone", "qualitative"}
        updates = IndicatorUpdate.objects.filter(indicator__result__programme=programme)
        states = set(updates.values_list("state", flat=True))
        assert states == {s.value for s in UpdateState}
        assert Event.objects.filter(programme=programme).count() == SMALL["steerco.delivery.synthetic.EVENTS"]
        lots = ProcurementLot.objects.filter(programme=programme)
        assert lots.count() == SMALL["steerco.delivery.synthetic.LOTS"]
        assert programme.countries.count() == 5
        assert programme.periods.count() == 20


@pytest.mark.django_db
def test_generated_rows_pass_their_own_validation_and_are_audited() -> None:
    generate(scale=1, seed=3)
    for model in (IndicatorUpdate, Target, Event, ProcurementStep, Handover):
        for obj in model.objects.all()[:200]:  # type: ignore[attr-defined]
            obj.full_clean()
    kind = ContentType.objects.get_for_model(IndicatorUpdate)
    entries = AuditEntry.objects.filter(content_type=kind)
    updates = IndicatorUpdate.objects.all()
    assert entries.filter(action=AuditAction.CREATE).count() == updates.count()
    assert entries.filter(action=AuditAction.APPROVE).count() == updates.filter(state="approved").count()
    submitted_once: Any = updates.exclude(state=UpdateState.DRAFT).count()
    assert entries.filter(action=AuditAction.SUBMIT).count() == submitted_once
    for model in (Target, Event, ProcurementLot, Handover):
        kind = ContentType.objects.get_for_model(model)
        assert AuditEntry.objects.filter(content_type=kind, action=AuditAction.CREATE).count() == (
            model.objects.count()  # type: ignore[attr-defined]
        )
