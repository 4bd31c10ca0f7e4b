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

from steerco.programmes.models import ReportingPeriod, Risk
from steerco.results import computed
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
from steerco.results.rules import CountryRule, Measure, Observation, TimeRule
from tests import factories as f

FAKE_KIND = "test.risks_raised"


def _count_risks(
    batch: Sequence[tuple[Indicator, dict]], periods: Sequence[ReportingPeriod], countries: Sequence[str]
) -> dict[tuple[int, int, str], Observation]:
    """A stand-in for a delivery metric: risks raised per period and country, in one query."""
    if not periods or not batch:
        return {}
    rows = Risk.objects.filter(
        programme_id__in={i.result.programme_id for i, _p in batch},
        country__in=list(countries),
        raised_on__gte=min(p.start for p in periods),
        raised_on__lte=max(p.end for p in periods),
    ).values_list("programme_id", "country", "raised_on")
    counts: dict[tuple[int, int, str], int] = {}
    for programme_id, country, raised_on in rows:
        for period in periods:
            if period.programme_id == programme_id and period.start <= raised_on <= period.end:
                key = (programme_id, period.pk, country)
                counts[key] = counts.get(key, 0) + 1
    return {
        (indicator.pk, period_id, country): Observation(value=Decimal(n))
        for indicator, _params in batch
        for (programme_id, period_id, country), n in counts.items()
        if programme_id == indicator.result.programme_id
    }


def _risk_records(
    indicator: Indicator,
    params: dict,
    *,
    user: Any,
    period: ReportingPeriod | None = None,
    country: str | None = None,
) -> QuerySet[Risk]:
    records = (
        Risk.objects.restrict(user).filter(programme_id=indicator.result.programme_id).exclude(country="")
    )
    if period is not None:
        records = records.filter(raised_on__gte=period.start, raised_on__lte=period.end)
    if country:
        records = records.filter(country=country)
    return records


def register_fake_source() -> None:
    computed.register(
        FAKE_KIND,
        label="Risks raised (test)",
        compute=_count_risks,
        records=_risk_records,
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
    for country in ("KZ", "KG"):
        f.risk(
            t.bomca, country=country, title=f"{country} risk of year 1", raised_on=datetime.date(2021, 6, 1)
        )
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
