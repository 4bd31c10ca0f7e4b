"""A results world on top of the personas' world: logframe, indicators, targets, updates, evidence.

`results_world(test)` builds it once per test (inside the test's transaction) and caches it on the
test, so URL builders of the permission matrix can name its objects without touching `base.py`.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import QuerySet

from steerco.audit.models import AuditEntry
from steerco.programmes.models import ReportingPeriod
from steerco.results import computed
from steerco.results.aggregation import CountryRule, Measure, Observation, TimeRule
from steerco.results.models import (
    DisaggregationCategory,
    Evidence,
    Indicator,
    IndicatorUpdate,
    Level,
    Result,
    Target,
    UpdateState,
)

FAKE_KIND = "test.audit_entries"


def _count_audit_entries(
    batch: Sequence[tuple[Indicator, dict]], periods: Sequence[ReportingPeriod], countries: Sequence[str]
) -> dict[tuple[int, int, str], Observation]:
    """A stand-in for a delivery metric: audit entries per period and country, one query per call."""
    answers: dict[tuple[int, int, str], Observation] = {}
    if not periods:
        return answers
    start, end = min(p.start for p in periods), max(p.end for p in periods)
    rows = AuditEntry.objects.filter(
        country__in=list(countries), at__date__gte=start, at__date__lte=end
    ).values_list("programme_id", "country", "at")
    counts: dict[tuple[int, int, str], int] = {}
    for programme_id, country, at in rows:
        for period in periods:
            if period.programme_id == programme_id and period.start <= at.date() <= period.end:
                counts[(programme_id, period.pk, country)] = (
                    counts.get((programme_id, period.pk, country), 0) + 1
                )
    for indicator, _params in batch:
        for (programme_id, period_id, country), n in counts.items():
            if programme_id == indicator.result.programme_id:
                answers[(indicator.pk, period_id, country)] = Observation(value=Decimal(n))
    return answers


def _audit_records(
    indicator: Indicator,
    params: dict,
    *,
    user: Any,
    period: ReportingPeriod | None = None,
    country: str | None = None,
) -> QuerySet[AuditEntry]:
    records = (
        AuditEntry.objects.restrict(user)
        .filter(programme_id=indicator.result.programme_id)
        .exclude(country="")
    )
    if period is not None:
        records = records.filter(at__date__gte=period.start, at__date__lte=period.end)
    if country:
        records = records.filter(country=country)
    return records


def register_fake_source() -> None:
    computed.register(
        FAKE_KIND,
        label="Audit entries (test)",
        compute=_count_audit_entries,
        records=_audit_records,
        records_template="results/_records_generic.html",
    )


def category(
    programme: Any, name: str = "Sex", options: Sequence[str] = ("Women", "Men")
) -> DisaggregationCategory:
    return DisaggregationCategory.objects.create(programme=programme, name=name, options=list(options))


def result(programme: Any, code: str, level: str = Level.OUTPUT, parent: Result | None = None) -> Result:
    return Result.objects.create(
        programme=programme, code=code, level=level, parent=parent, statement=f"Result {code}"
    )


def indicator(res: Result, code: str, **fields: Any) -> Indicator:
    fields.setdefault("name", f"Indicator {code}")
    categories = fields.pop("disaggregations", [])
    ind = Indicator.objects.create(result=res, code=code, **fields)
    if categories:
        ind.disaggregations.set(categories)
    return ind


def update(ind: Indicator, period: ReportingPeriod, country: str, **fields: Any) -> IndicatorUpdate:
    fields.setdefault("state", UpdateState.APPROVED)
    fields.setdefault("version", 1)
    return IndicatorUpdate.objects.create(indicator=ind, period=period, country=country, **fields)


def results_world(t: Any) -> SimpleNamespace:
    cached = getattr(t, "_results_world", None)
    if cached is not None:
        return cached
    register_fake_source()
    sex = category(t.bomca)
    impact = result(t.bomca, "1", Level.IMPACT)
    outcome = result(t.bomca, "1.1", Level.OUTCOME, impact)
    output = result(t.bomca, "1.1.1", Level.OUTPUT, outcome)
    trained = indicator(
        output,
        "1.1.1a",
        name="Officials trained",
        unit="persons",
        target_value=Decimal(100),
        is_key=True,
        disaggregations=[sex],
    )
    regional = indicator(
        output,
        "1.1.1b",
        name="Regional strategy",
        measure=Measure.MILESTONE,
        milestone_statuses=["not started", "drafted", "adopted"],
        country_rule=CountryRule.NONE,
        time_rule=TimeRule.LATEST,
    )
    events = indicator(output, "1.1.1c", name="Entries recorded", computation=FAKE_KIND)
    Target.objects.create(indicator=trained, period=t.year1, country="KZ", value=Decimal(30))
    kz_update = update(
        trained,
        t.year1,
        "KZ",
        value=Decimal(20),
        state=UpdateState.SUBMITTED,
        disaggregated={str(sex.pk): {"Women": "8", "Men": "12"}},
    )
    evidence = Evidence(update=kz_update, name="attendance.pdf")
    evidence.file.save("attendance.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
    evidence.save()
    ua_result = result(t.ukraine, "1", Level.IMPACT)
    ua_indicator = indicator(ua_result, "1.a", name="Radios delivered")
    world = SimpleNamespace(
        sex=sex,
        impact=impact,
        outcome=outcome,
        output=output,
        trained=trained,
        regional=regional,
        events=events,
        kz_update=kz_update,
        evidence=evidence,
        ua_result=ua_result,
        ua_indicator=ua_indicator,
    )
    t._results_world = world
    return world


def grow_periods(programme: Any, n: int, first_year: int = 2022) -> list[ReportingPeriod]:
    periods = []
    for k in range(n):
        year = first_year + k
        periods.append(
            ReportingPeriod.objects.create(
                programme=programme,
                label=f"Y{year}",
                kind="year",
                start=datetime.date(year, 4, 1),
                end=datetime.date(year + 1, 3, 31),
            )
        )
    return periods
