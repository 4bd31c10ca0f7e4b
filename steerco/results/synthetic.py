"""Synthetic logframes: per programme ~60 indicators across measures and rules, targets, and quarterly
updates per country, approved in the past, submitted, returned or draft in the last periods."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import prefetch_related_objects
from django.utils import timezone

from steerco.accounts.models import User
from steerco.audit.models import AuditAction
from steerco.core.synthetic import (
    COMPONENTS,
    COUNTRIES,
    INDICATORS,
    Portfolio,
    audit_entry,
    insert_audited,
    insert_validated,
    snapshot_of,
    write_entries,
)
from steerco.programmes.models import Component, ReportingPeriod

from . import services
from .models import DisaggregationCategory, Indicator, IndicatorUpdate, Level, Result, Target, UpdateState
from .rules import CountryRule, Direction, Measure, TimeRule

STATUSES = ["not started", "drafted", "submitted", "adopted"]
# Computed indicators take their values from delivery records (registered by the delivery app).
COMPUTED = [
    ("delivery.participants", "Participants of held events", {}),
    ("delivery.events", "Held training events", {"event_kinds": ["training"]}),
    ("delivery.recommendations", "Recommendations adopted", {"status": "adopted"}),
    ("delivery.handed_over", "Units of equipment handed over", {"unit": "units"}),
    ("delivery.in_use", "Units verified in use", {"unit": "units"}),
]
# measure, time rule, country rule, direction, unit: the mix of a real logframe
KINDS: list[tuple[str, str, str, str, str]] = [
    (Measure.NUMBER, TimeRule.PER_PERIOD, CountryRule.SUM, Direction.INCREASE, "persons"),
    (Measure.NUMBER, TimeRule.PER_PERIOD, CountryRule.SUM, Direction.INCREASE, "events"),
    (Measure.PERCENTAGE, TimeRule.PER_PERIOD, CountryRule.SUM, Direction.INCREASE, "%"),
    (Measure.NUMBER, TimeRule.CUMULATIVE, CountryRule.SUM, Direction.INCREASE, "sites"),
    (Measure.MILESTONE, TimeRule.LATEST, CountryRule.LATEST, Direction.INCREASE, ""),
    (Measure.NUMBER, TimeRule.LATEST, CountryRule.AVERAGE, Direction.DECREASE, "minutes"),
    (Measure.PERCENTAGE, TimeRule.LATEST, CountryRule.AVERAGE, Direction.INCREASE, "%"),
    (Measure.NUMBER, TimeRule.PER_PERIOD, CountryRule.NONE, Direction.INCREASE, "documents"),
    (Measure.QUALITATIVE, TimeRule.LATEST, CountryRule.LATEST, Direction.INCREASE, ""),
]
OUTPUTS_PER_OUTCOME = 3


def generate(portfolio: Portfolio) -> None:
    for programme in portfolio.step("logframes", portfolio.programmes):
        with transaction.atomic():
            _logframe(portfolio, programme)


def _users(programme_number: int) -> dict[str, User]:
    prefix = f"syn{programme_number}."
    return {u.username.removeprefix(prefix): u for u in User.objects.filter(username__startswith=prefix)}


def _logframe(portfolio: Portfolio, programme: Any) -> None:
    rng, acting_user = portfolio.rng, portfolio.acting_user
    number = portfolio.programmes.index(programme) + 1
    people = _users(number)
    components = {c.code: c for c in Component.objects.filter(programme=programme)}
    periods = list(ReportingPeriod.objects.filter(programme=programme).order_by("start"))
    sex = services.save_disaggregation_category(
        DisaggregationCategory(programme=programme, name="Sex", options=["women", "men"]),
        acting_user=acting_user,
    )
    agency = services.save_disaggregation_category(
        DisaggregationCategory(
            programme=programme, name="Agency", options=["border service", "customs", "other"]
        ),
        acting_user=acting_user,
    )
    results = _results(programme, components, acting_user)
    indicators = _indicators(rng, results, [sex, agency], acting_user)
    # Validating an update reads its indicator's categories: once for all of them, not per row.
    prefetch_related_objects(indicators, "disaggregations")
    _targets(rng, indicators, periods, acting_user)
    _updates(rng, indicators, periods, people, acting_user)


def _results(programme: Any, components: dict[str, Component], acting_user: Any) -> list[Result]:
    save = services.save_result
    impact = save(
        Result(
            programme=programme,
            level=Level.IMPACT,
            code="1",
            statement="Borders of the region are safer and more open to legitimate trade and travel.",
            eibm_components=["a", "g"],
            ibm_pillars=["intra", "inter", "international"],
        ),
        acting_user=acting_user,
    )
    results = [impact]
    for c in range(1, COMPONENTS + 1):
        outcome = save(
            Result(
                programme=programme,
                parent=impact,
                level=Level.OUTCOME,
                code=f"1.{c}",
                statement=f"Border agencies apply what component {c} built.",
                component=components.get(f"C{c}"),
                ibm_pillars=["inter"],
            ),
            acting_user=acting_user,
        )
        results.append(outcome)
        for k in range(1, OUTPUTS_PER_OUTCOME + 1):
            results.append(
                save(
                    Result(
                        programme=programme,
                        parent=outcome,
                        level=Level.OUTPUT,
                        code=f"1.{c}.{k}",
                        statement=f"Output {k} of component {c} delivered.",
                        component=components.get(f"C{c}"),
                        eibm_components=["n"],
                    ),
                    acting_user=acting_user,
                )
            )
    return results


def _indicators(
    rng: Any, results: list[Result], categories: list[DisaggregationCategory], acting_user: Any
) -> list[Indicator]:
    indicators: list[Indicator] = []
    per_result = [0] * len(results)
    for n in range(INDICATORS):
        per_result[n % len(results)] += 1
    computed = iter(COMPUTED)
    for result, count in zip(results, per_result, strict=True):
        for k in range(1, count + 1):
            n = len(indicators)
            measure, time_rule, country_rule, direction, unit = KINDS[n % len(KINDS)]
            indicator = Indicator(
                result=result,
                code=f"{result.code}.{k}",
                name=f"Indicator {result.code}.{k}",
                unit=unit,
                measure=measure,
                time_rule=time_rule,
                country_rule=country_rule,
                direction=direction,
                is_key=n % 7 == 0,
                data_source="Programme monitoring records",
            )
            disaggregations: list[DisaggregationCategory] = []
            if result.level == Level.OUTPUT and n % len(KINDS) == 0:
                kind, name, params = next(computed, (None, "", {}))
                if kind:
                    indicator.name, indicator.computation = name, kind
                    indicator.computation_params = params
            elif measure == Measure.NUMBER and time_rule == TimeRule.PER_PERIOD and n % 3 == 0:
                disaggregations = categories[: 1 + n % 2]
            if measure == Measure.MILESTONE:
                indicator.milestone_statuses = STATUSES
                indicator.baseline_value = Decimal(0)
            elif measure == Measure.PERCENTAGE:
                indicator.baseline_value = Decimal(rng.randint(20, 50))
                indicator.target_value = Decimal(rng.randint(60, 90))
            elif measure == Measure.NUMBER and direction == Direction.DECREASE:
                indicator.baseline_value = Decimal(rng.randint(90, 150))
                indicator.target_value = Decimal(rng.randint(40, 80))
            elif measure == Measure.NUMBER:
                indicator.baseline_value = Decimal(0)
                indicator.target_value = Decimal(rng.randint(50, 500) * 10)
            indicator.baseline_date = datetime.date(2020, 12, 31)
            services.save_indicator(indicator, acting_user=acting_user, disaggregations=disaggregations)
            indicator.categories = disaggregations  # type: ignore[attr-defined]
            indicators.append(indicator)
    return indicators


def _reporters(indicator: Indicator) -> list[str]:
    return list(COUNTRIES) if indicator.reported_by_countries else [""]


def _targets(rng: Any, indicators: list[Indicator], periods: list[ReportingPeriod], acting_user: Any) -> None:
    """Year-end targets per country (or for the programme), in the terms of the period values."""
    targets = []
    year_ends = [p for i, p in enumerate(periods) if i % 4 == 3]
    for indicator in indicators:
        if indicator.measure == Measure.QUALITATIVE:
            continue
        countries = _reporters(indicator)
        for year, period in enumerate(year_ends, start=1):
            for country in countries:
                targets.append(
                    Target(
                        indicator=indicator,
                        period=period,
                        country=country,
                        value=_target_value(rng, indicator, year, len(year_ends), len(countries)),
                    )
                )
    insert_audited(targets, acting_user=acting_user)


def _target_value(rng: Any, indicator: Indicator, year: int, years: int, countries: int) -> Decimal:
    if indicator.measure == Measure.MILESTONE:
        return Decimal(min(year * len(STATUSES) // years, len(STATUSES) - 1))
    goal = indicator.target_value if indicator.target_value is not None else Decimal(100)
    if indicator.measure == Measure.NUMBER and indicator.time_rule == TimeRule.PER_PERIOD:
        return (goal / years / countries).quantize(Decimal(1))
    start = indicator.baseline_value or Decimal(0)
    return (start + (goal - start) * year / years).quantize(Decimal("0.1"))


def _updates(
    rng: Any,
    indicators: list[Indicator],
    periods: list[ReportingPeriod],
    people: dict[str, User],
    acting_user: Any,
) -> None:
    """Every past quarter approved; the last quarters a mix of approved, submitted, returned and draft.
    Written in bulk with the entries the ordinary path writes: created, submitted, approved/returned."""
    officer = people.get("me")
    updates: list[IndicatorUpdate] = []
    trail: list[tuple[IndicatorUpdate, list[str]]] = []
    last = len(periods) - 1
    running: dict[tuple[int, str], Decimal] = {}
    for index, period in enumerate(periods):
        stamp = timezone.make_aware(datetime.datetime.combine(period.end, datetime.time(12)))
        for indicator in indicators:
            if indicator.is_computed:
                continue
            for country in _reporters(indicator):
                if index >= last - 2 and rng.random() < 0.15 * (index - last + 3):
                    continue  # not reported yet
                update = _update_values(rng, indicator, period, country, index, len(periods), running)
                coordinator = people.get(f"{country.lower()}.coordinator") if country else officer
                update.updated_by = coordinator
                if index < last - 2:
                    steps: list[str] = [AuditAction.SUBMIT, AuditAction.APPROVE]
                else:
                    steps = rng.choice(
                        [[], [AuditAction.SUBMIT], [AuditAction.SUBMIT, AuditAction.RETURN]]
                        + [[AuditAction.SUBMIT, AuditAction.APPROVE]] * 2
                    )
                update.state = {
                    0: UpdateState.DRAFT,
                    1: UpdateState.SUBMITTED,
                    2: UpdateState.APPROVED if AuditAction.APPROVE in steps else UpdateState.RETURNED,
                }[len(steps)]
                update.version = 1 + len(steps)
                if steps:
                    update.submitted_by, update.submitted_at = coordinator, stamp
                if len(steps) == 2:
                    update.reviewed_by, update.reviewed_at = officer, stamp + datetime.timedelta(days=10)
                    if update.state == UpdateState.RETURNED:
                        update.review_note = "Please attach the attendance lists."
                updates.append(update)
                trail.append((update, steps))
    insert_validated(updates)
    entries = []
    for update, steps in trail:
        after = snapshot_of(update)
        before = {
            **after,
            "state": UpdateState.DRAFT,
            "version": 1,
            "submitted_by_id": None,
            "submitted_at": None,
            "reviewed_by_id": None,
            "reviewed_at": None,
            "review_note": "",
        }
        entries.append(audit_entry(update, AuditAction.CREATE, actor=update.updated_by, after=before))
        for step in steps:
            if step == AuditAction.SUBMIT:
                now = {**before, "state": UpdateState.SUBMITTED, "version": before["version"] + 1}
                now.update({k: after[k] for k in ("submitted_by_id", "submitted_at") if k in after})
                actor = update.submitted_by
            else:
                now = after
                actor = update.reviewed_by
            entries.append(
                audit_entry(update, step, actor=actor, before=before, after=now, rationale=update.review_note)
            )
            before = now
    write_entries(entries)


def _update_values(
    rng: Any,
    indicator: Indicator,
    period: ReportingPeriod,
    country: str,
    index: int,
    periods: int,
    running: dict[tuple[int, str], Decimal],
) -> IndicatorUpdate:
    update = IndicatorUpdate(indicator=indicator, period=period, country=country)
    goal = indicator.target_value if indicator.target_value is not None else Decimal(100)
    share = Decimal(index + 1) / periods
    if indicator.measure == Measure.MILESTONE:
        update.status = min(int(share * len(STATUSES) + Decimal(rng.random())), len(STATUSES) - 1)
    elif indicator.measure == Measure.QUALITATIVE:
        update.text = rng.choice(
            ["Work goes as planned.", "Delays after staff changes.", "The agency asked for more sessions."]
        )
    elif indicator.measure == Measure.PERCENTAGE:
        denominator = Decimal(rng.randint(20, 120))
        level = min(Decimal(95), (indicator.baseline_value or Decimal(0)) + (goal * share))
        update.denominator = denominator
        update.numerator = (denominator * level / 100 * Decimal(rng.uniform(0.8, 1.1))).quantize(Decimal(1))
        update.numerator = min(update.numerator, denominator)
    elif indicator.time_rule == TimeRule.CUMULATIVE:
        key = (indicator.pk, country)
        running[key] = running.get(key, Decimal(0)) + rng.randint(0, 3)
        update.value = running[key]
    elif indicator.time_rule == TimeRule.LATEST:
        start = indicator.baseline_value or Decimal(0)
        update.value = (start + (goal - start) * share * Decimal(rng.uniform(0.7, 1.2))).quantize(
            Decimal("0.1")
        )
    else:
        countries = len(COUNTRIES) if country else 1
        expected = goal / periods / countries
        update.value = Decimal(int(expected * Decimal(rng.uniform(0.5, 1.4))))
    update.narrative = "Figures from the quarterly monitoring table." if rng.random() < 0.3 else ""
    categories: list[DisaggregationCategory] = getattr(indicator, "categories", [])
    if categories and update.value is not None:
        update.disaggregated = {
            str(category.pk): _split(rng, int(update.value), category.options) for category in categories
        }
    return update


def _split(rng: Any, total: int, options: list[str]) -> dict[str, int]:
    cuts = sorted(rng.randint(0, total) for _ in range(len(options) - 1))
    bounds = [0, *cuts, total]
    return {option: bounds[i + 1] - bounds[i] for i, option in enumerate(options)}
