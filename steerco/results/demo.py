"""The demo world's logframes, targets and progress updates for BOMCA 10 and EU4IBM-Resilience.

Public figures are used where known (BOMCA: over 1,400 participants by September 2022 and over
6,000 by February 2025, about 90 % of planned activities done; EU4IBM-Resilience: 500 radio
stations, 32 mini-scanners, 80 customs canine teams, 20 asset-management sub-processes, the first
large mobile scanner in June 2024). Everything else is illustrative, as each programme's
`data_note` says on every page. Past periods are approved, the current one is partly submitted,
partly draft and partly missing, and each programme has one indicator off track.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from steerco.accounts.models import User
from steerco.core.demo import ensure
from steerco.programmes import services as programme_services
from steerco.programmes.models import Component, Programme, ReportingPeriod

from . import services
from .models import DisaggregationCategory, Indicator, IndicatorUpdate, Level, Result, Target, UpdateState
from .rules import CountryRule, Direction, Measure, TimeRule

N, PCT, MS, QUAL = Measure.NUMBER, Measure.PERCENTAGE, Measure.MILESTONE, Measure.QUALITATIVE
STRATEGY = ["not started", "drafted", "submitted", "adopted"]

# code, level, parent, component, statement, assumptions, EIBM components, IBM pillars
BOMCA_RESULTS = [
    (
        "1",
        Level.IMPACT,
        None,
        None,
        "Security and legitimate trade in Central Asia benefit from more effective, integrated border "
        "management.",
        "Governments keep border reform on their agendas; the regional situation allows cooperation.",
        ["a", "g"],
        ["intra", "inter", "international"],
    ),
    (
        "1.1",
        Level.OUTCOME,
        "1",
        "C1",
        "Border agencies work with stronger institutions: strategies, training systems and risk analysis.",
        "Trained staff stay in post long enough to apply what they learned.",
        ["c", "n"],
        ["intra", "inter"],
    ),
    (
        "1.1.1",
        Level.OUTPUT,
        "1.1",
        "C1",
        "Officials trained in IBM, risk analysis and fundamental rights.",
        "",
        ["n", "m"],
        ["intra"],
    ),
    (
        "1.1.2",
        Level.OUTPUT,
        "1.1",
        "C1",
        "National IBM strategies and action plans drafted and adopted.",
        "Inter-ministerial working groups meet as planned.",
        ["e"],
        ["inter"],
    ),
    (
        "1.2",
        Level.OUTCOME,
        "1",
        "C2",
        "Detection capacities at the borders improved.",
        "",
        ["a", "j"],
        ["intra"],
    ),
    (
        "1.2.1",
        Level.OUTPUT,
        "1.2",
        "C2",
        "Canine units trained and border crossing points equipped.",
        "Equipment clears customs and tax exemption in time.",
        ["a", "j"],
        ["intra"],
    ),
    (
        "1.3",
        Level.OUTCOME,
        "1",
        "C3",
        "Trade facilitated at pilot border crossing points.",
        "",
        ["a", "e"],
        ["inter"],
    ),
    (
        "1.3.1",
        Level.OUTPUT,
        "1.3",
        "C3",
        "Border and customs services apply recommendations on simplified, joint procedures.",
        "",
        ["e"],
        ["inter"],
    ),
    (
        "1.4",
        Level.OUTCOME,
        "1",
        "C4",
        "Cross-border cooperation strengthened, with NGOs in border areas.",
        "",
        ["g"],
        ["international"],
    ),
    (
        "1.4.1",
        Level.OUTPUT,
        "1.4",
        "C4",
        "Regional cooperation events held and followed up.",
        "",
        ["g"],
        ["international"],
    ),
]

# Officials trained are computed from the held trainings recorded in delivery (part of the over
# 6,000 participants of all events reported by February 2025); the targets are illustrative.
TRAINED_TARGETS = {"Year 1": 60, "Year 2": 110, "Year 3": 140, "Year 4": 150, "Year 5": 100}
TRAINED_TARGET = 2800
# Women among them: 112 per country over the five years (the yearly targets below add up to it).
WOMEN_TARGET = 560

# code, result, name, unit, measure, time rule, country rule, direction, baseline, target, key,
# disaggregated by, data source / means of verification
BOMCA_INDICATORS: list[tuple[Any, ...]] = [
    (
        "1.1.1.1",
        "1.1.1",
        "Officials trained",
        "persons",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        TRAINED_TARGET,
        True,
        [],
        "Participants of the held trainings recorded in delivery (attendance lists)",
    ),
    (
        "1.1.1.3",
        "1.1.1",
        "Women among the officials trained",
        "persons",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        WOMEN_TARGET,
        False,
        [],
        "Participants of the held trainings recorded in delivery (attendance lists)",
    ),
    (
        "1.1.1.2",
        "1.1.1",
        "Share of trainees whose knowledge increased (pre/post tests)",
        "%",
        PCT,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        None,
        80,
        False,
        [],
        "Pre- and post-test scores",
    ),
    (
        "1.1.2.1",
        "1.1.2",
        "National IBM strategy adopted",
        "",
        MS,
        TimeRule.LATEST,
        CountryRule.LATEST,
        Direction.INCREASE,
        0,
        None,
        True,
        [],
        "Official gazette; government decrees",
    ),
    (
        "1.2.1.1",
        "1.2.1",
        "Canine teams trained",
        "teams",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        40,
        True,
        ["Sex", "Agency"],
        "Training certificates of canine centres",
    ),
    (
        "1.2.1.2",
        "1.2.1",
        "Border crossing points and training centres equipped",
        "sites",
        N,
        TimeRule.CUMULATIVE,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        25,
        False,
        [],
        "Handover acts",
    ),
    (
        "1.3.1.1",
        "1.3.1",
        "Recommendations adopted by beneficiary institutions",
        "recommendations",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        50,
        True,
        [],
        "Adoption status of recommendations recorded in delivery (letters of beneficiary institutions)",
    ),
    (
        "1.3.1.2",
        "1.3.1",
        "Average clearance time of a truck at pilot crossing points",
        "minutes",
        N,
        TimeRule.LATEST,
        CountryRule.AVERAGE,
        Direction.DECREASE,
        95,
        60,
        False,
        [],
        "Time-release studies",
    ),
    (
        "1.4.1.1",
        "1.4.1",
        "Plan completion: planned activities done",
        "%",
        PCT,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        None,
        95,
        True,
        [],
        "Work plan recorded in delivery: lines fulfilled by a held event",
    ),
    (
        "1.4.1.2",
        "1.4.1",
        "Regional cross-border cooperation events held",
        "events",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.NONE,
        Direction.INCREASE,
        0,
        20,
        False,
        [],
        "Event reports",
    ),
    (
        "1.4.1.3",
        "1.4.1",
        "Regional cooperation: main developments",
        "",
        QUAL,
        TimeRule.LATEST,
        CountryRule.NONE,
        Direction.INCREASE,
        None,
        None,
        False,
        [],
        "Minutes of the Regional Steering Group",
    ),
]

COUNTRIES = ["KZ", "KG", "TJ", "TM", "UZ"]

# Period targets (Year 1 to Year 5) of the indicators that are not flows pro-rated from their
# life-of-programme target: shares, levels, running totals and milestones are judged against the
# target of the period in force. Per country where the countries report; "" for the programme.
BOMCA_TARGETS: dict[str, dict[str, list[int | None]]] = {
    # Share of trainees whose knowledge increased, %: the same bar in every country.
    "1.1.1.2": {c: [75, 75, 78, 80, 80] for c in COUNTRIES},
    # Women among the officials trained, per year: about one in five planned; more came (ahead).
    "1.1.1.3": {c: [12, 22, 28, 30, 20] for c in COUNTRIES},
    # National IBM strategy: 0 not started, 1 drafted, 2 submitted, 3 adopted.
    "1.1.2.1": {
        "KZ": [1, 2, 2, 3, 3],
        "KG": [0, 1, 1, 2, 3],
        "TJ": [0, 1, 1, 1, 2],
        "TM": [0, 0, 1, 1, 2],
        "UZ": [0, 1, 2, 2, 3],
    },
    # Canine teams per year: 8 per country, 40 in all; every country is behind.
    "1.2.1.1": {c: [1, 2, 2, 2, 1] for c in COUNTRIES},
    # Sites equipped, running total: 25 in all by the end.
    "1.2.1.2": {
        "KZ": [1, 2, 3, 4, 5],
        "KG": [1, 2, 4, 5, 6],
        "TJ": [1, 3, 4, 5, 6],
        "TM": [0, 1, 1, 2, 3],
        "UZ": [1, 2, 4, 5, 5],
    },
    # Truck clearance time, minutes (lower is better), from the baseline of 95 to 60.
    "1.3.1.2": {c: [92, 85, 78, 70, 60] for c in COUNTRIES},
    # Plan completion, % of the year's planned activities done.
    "1.4.1.1": {c: [80, 85, 90, 90, 95] for c in COUNTRIES},
    # Regional events, held for the whole region: 20 in all.
    "1.4.1.2": {"": [2, 4, 5, 5, 4]},
}
# Indicators computed from delivery records: kind and parameters ("result" is a result's code here).
BOMCA_COMPUTED: dict[str, tuple[str, dict[str, Any]]] = {
    "1.1.1.1": ("delivery.participants", {"event_kinds": ["training"]}),
    "1.1.1.3": ("delivery.participants", {"event_kinds": ["training"], "sex": "female"}),
    "1.3.1.1": ("delivery.recommendations", {"status": "adopted"}),
    "1.4.1.1": ("delivery.plan_completion", {}),
}


def load(*, acting_user: Any) -> None:
    users = {u.username: u for u in User.objects.filter(username__in=DEMO_USERNAMES)}
    officer = users.get("me.officer", acting_user)
    for programme in Programme.objects.filter(slug__in=["bomca10", "eu4ibm-resilience"]):
        if programme.slug == "bomca10":
            _load_bomca(programme, acting_user, users, officer)
        else:
            _load_eu4ibm(programme, acting_user, users, officer)


DEMO_USERNAMES = ["me.officer", "manager", "kz.coordinator", "kg.coordinator", "ua.coordinator"]


def _categories(programme: Programme, acting_user: Any, spec: dict[str, list[str]]) -> dict[str, Any]:
    return {
        name: ensure(
            DisaggregationCategory,
            services.save_disaggregation_category,
            acting_user=acting_user,
            lookup={"programme": programme, "name": name},
            defaults={"options": options},
        )
        for name, options in spec.items()
    }


def _logframe(
    programme: Programme,
    acting_user: Any,
    results: Sequence[tuple[Any, ...]],
    indicators: Sequence[tuple[Any, ...]],
    categories: dict[str, DisaggregationCategory],
    computations: dict[str, tuple[str, dict[str, Any]]] | None = None,
) -> dict[str, Indicator]:
    components = {c.code: c for c in Component.objects.filter(programme=programme)}
    by_code: dict[str, Result] = {}
    for code, level, parent, component, statement, assumptions, eibm, pillars in results:
        by_code[code] = ensure(
            Result,
            services.save_result,
            acting_user=acting_user,
            lookup={"programme": programme, "code": code},
            defaults={
                "level": level,
                "parent": by_code.get(parent) if parent else None,
                "component": components.get(component) if component else None,
                "statement": statement,
                "assumptions": assumptions,
                "eibm_components": eibm,
                "ibm_pillars": pillars,
            },
        )
    made: dict[str, Indicator] = {}
    for (
        code,
        result,
        name,
        unit,
        measure,
        time_rule,
        country_rule,
        direction,
        baseline,
        target,
        key,
        dis,
        source,
    ) in indicators:
        existing = Indicator.objects.filter(result=by_code[result], code=code).first()
        kind, params = (computations or {}).get(code, ("", {}))
        if "result" in params:
            params = {**params, "result": by_code[params["result"]].pk}
        if existing is None:
            existing = services.save_indicator(
                Indicator(
                    result=by_code[result],
                    code=code,
                    name=name,
                    unit=unit,
                    measure=measure,
                    milestone_statuses=STRATEGY if measure == MS else [],
                    time_rule=time_rule,
                    country_rule=country_rule,
                    direction=direction,
                    baseline_value=None if baseline is None else Decimal(baseline),
                    baseline_date=programme.planned_start if baseline is not None else None,
                    target_value=None if target is None else Decimal(target),
                    is_key=key,
                    data_source=source,
                    means_of_verification=source,
                    computation=kind,
                    computation_params=params,
                ),
                acting_user=acting_user,
                disaggregations=[categories[d] for d in dis],
            )
        made[code] = existing
    return made


def _yearly(
    periods: dict[str, ReportingPeriod], per_country: dict[str, list[int | None]]
) -> dict[tuple[int, str], Decimal | None]:
    """Targets by country ("" for the whole programme), one per period in order; None sets none."""
    labels = list(periods)
    return {
        (periods[labels[n]].pk, country): Decimal(v)
        for country, values in per_country.items()
        for n, v in enumerate(values)
        if v is not None
    }


def _targets(indicator: Indicator, values: dict[tuple[int, str], Decimal | None], acting_user: Any) -> None:
    if not Target.objects.filter(indicator=indicator).exists():
        services.save_targets(indicator, values, acting_user=acting_user)


class _Recorder:
    """Writes the demo's updates through the services, as the people of the demo would have."""

    def __init__(self, programme: Programme, acting_user: Any, officer: Any) -> None:
        self.periods = {p.label: p for p in ReportingPeriod.objects.filter(programme=programme)}
        self.acting_user = acting_user
        self.officer = officer
        self.pending: dict[str, list[tuple[Any, ...]]] = {}

    def add(
        self,
        indicator: Indicator,
        period: str,
        country: str,
        state: str,
        by: Any,
        *,
        narrative: str = "",
        disaggregated: dict[str, dict[str, str]] | None = None,
        **values: Any,
    ) -> None:
        self.pending.setdefault(period, []).append(
            (indicator, country, state, by, narrative, disaggregated, values)
        )

    def write(self) -> None:
        for label, items in self.pending.items():
            period = self.periods[label]
            todo = [
                item
                for item in items
                if not IndicatorUpdate.objects.filter(
                    indicator=item[0], period=period, country=item[1]
                ).exists()
            ]
            if not todo:
                continue
            locked = period.locked
            if locked:
                # Past periods were open when their values came in: open, record, lock again.
                period.locked = False
                programme_services.save_period(period, acting_user=self.acting_user)
            for indicator, country, state, by, narrative, disaggregated, values in todo:
                update = IndicatorUpdate(
                    indicator=indicator, narrative=narrative, disaggregated=disaggregated or {}, **values
                )
                services.save_entries(
                    period,
                    country,
                    [services.Entry(update, 0)],
                    acting_user=by,
                    submit=False,
                )
                saved = IndicatorUpdate.objects.get(indicator=indicator, period=period, country=country)
                if state in (UpdateState.SUBMITTED, UpdateState.APPROVED):
                    saved = services.submit_update(saved, acting_user=by)
                if state == UpdateState.APPROVED:
                    services.approve_update(saved, acting_user=self.officer)
            if locked:
                period.locked = True
                programme_services.save_period(period, acting_user=self.acting_user)


def _load_bomca(programme: Programme, acting_user: Any, users: dict[str, Any], officer: Any) -> None:
    categories = _categories(
        programme, acting_user, {"Sex": ["Women", "Men"], "Agency": ["Border service", "Customs", "Other"]}
    )
    ind = _logframe(programme, acting_user, BOMCA_RESULTS, BOMCA_INDICATORS, categories, BOMCA_COMPUTED)
    periods = {p.label: p for p in ReportingPeriod.objects.filter(programme=programme)}
    _targets(
        ind["1.1.1.1"],
        {(periods[y].pk, c): Decimal(v) for y, v in TRAINED_TARGETS.items() for c in COUNTRIES},
        acting_user,
    )
    _targets(
        ind["1.3.1.1"],
        {
            (periods[y].pk, c): Decimal(v)
            for y, v in {"Year 1": 1, "Year 2": 3, "Year 3": 3, "Year 4": 1}.items()
            for c in COUNTRIES
        },
        acting_user,
    )
    for code, per_country in BOMCA_TARGETS.items():
        _targets(ind[code], _yearly(periods, per_country), acting_user)
    recorder = _Recorder(programme, acting_user, officer)
    by_country = {
        "KZ": users.get("kz.coordinator"),
        "KG": users.get("kg.coordinator"),
        "TJ": users.get("manager"),
        "TM": users.get("manager"),
        "UZ": users.get("manager"),
    }
    sex, agency = str(categories["Sex"].pk), str(categories["Agency"].pk)
    approved = UpdateState.APPROVED
    strategy = {
        "KZ": [1, 2, 3, 3],
        "KG": [0, 1, 1, 2],
        "TJ": [0, 1, 1, 1],
        "TM": [0, 0, 0, 1],
        "UZ": [1, 1, 2, 2],
    }
    canine = {
        "KZ": [1, 1, 2, 1],
        "KG": [0, 2, 1, 1],
        "TJ": [1, 1, 2, 1],
        "TM": [0, 0, 1, 0],
        "UZ": [1, 1, 0, 1],
    }
    equipped = {
        "KZ": [1, 2, 3, 4],
        "KG": [1, 2, 4, 5],
        "TJ": [1, 3, 4, 5],
        "TM": [0, 1, 1, 2],
        "UZ": [1, 2, 4, 5],
    }
    clearance = {
        "KZ": [92, 80, 70, 62],
        "KG": [98, 88, 76, 66],
        "TJ": [105, 96, 84, 74],
        "TM": [110, 102, 92, 80],
        "UZ": [96, 84, 72, 64],
    }
    tests = {"KZ": (0.86, 180), "KG": (0.81, 170), "TJ": (0.78, 160), "TM": (0.74, 90), "UZ": (0.83, 170)}
    for y, year in enumerate(["Year 1", "Year 2", "Year 3", "Year 4"]):
        for country in COUNTRIES:
            by = by_country[country]
            share, tested = tests[country]
            recorder.add(
                ind["1.1.1.2"],
                year,
                country,
                approved,
                by,
                numerator=Decimal(int(tested * (share + 0.01 * y))),
                denominator=Decimal(tested),
            )
            recorder.add(ind["1.1.2.1"], year, country, approved, by, status=strategy[country][y])
            teams = canine[country][y]
            recorder.add(
                ind["1.2.1.1"],
                year,
                country,
                approved,
                by,
                value=Decimal(teams),
                disaggregated={
                    sex: {"Women": str(teams // 2), "Men": str(teams - teams // 2)},
                    agency: {
                        "Border service": str(teams - teams // 2),
                        "Customs": str(teams // 2),
                        "Other": "0",
                    },
                },
            )
            if not (country == "KG" and year == "Year 4"):
                recorder.add(ind["1.2.1.2"], year, country, approved, by, value=Decimal(equipped[country][y]))
            recorder.add(ind["1.3.1.2"], year, country, approved, by, value=Decimal(clearance[country][y]))
        recorder.add(ind["1.4.1.2"], year, "", approved, officer, value=Decimal([2, 4, 5, 5][y]))
    recorder.add(
        ind["1.4.1.3"],
        "Year 4",
        "",
        approved,
        officer,
        text="Joint patrol exercises agreed between Kyrgyzstan and Tajikistan; the fourth Regional "
        "Steering Group in Ashgabat endorsed the work plan for the last year.",
    )
    # Year 4: one update still waits for approval; Year 5, the current period, is under way.
    recorder.add(
        ind["1.2.1.2"],
        "Year 4",
        "KG",
        UpdateState.SUBMITTED,
        by_country["KG"],
        value=Decimal(5),
        narrative="Handover of the Situational Center equipment confirmed by the Border Service.",
    )
    recorder.add(
        ind["1.3.1.2"],
        "Year 5",
        "KG",
        UpdateState.SUBMITTED,
        by_country["KG"],
        value=Decimal(61),
        narrative="Time-release study of May 2025 at the pilot crossing points.",
    )
    recorder.add(ind["1.3.1.2"], "Year 5", "TJ", UpdateState.SUBMITTED, by_country["TJ"], value=Decimal(70))
    recorder.add(
        ind["1.2.1.1"],
        "Year 5",
        "KZ",
        UpdateState.DRAFT,
        by_country["KZ"],
        value=Decimal(1),
        disaggregated={sex: {"Women": "0", "Men": "1"}},
        narrative="Two more teams finish the course in August; numbers to be confirmed.",
    )
    recorder.write()


EU4IBM_RESULTS = [
    (
        "1",
        Level.IMPACT,
        None,
        None,
        "Ukraine's border and customs agencies and its Parliament keep working under war conditions and move "
        "towards European IBM standards.",
        "Infrastructure remains usable; the agencies keep their staff.",
        ["a", "j"],
        ["intra", "inter", "international"],
    ),
    ("1.1", Level.OUTCOME, "1", "1", "Border management is more resilient.", "", ["a", "j"], ["intra"]),
    (
        "1.1.1",
        Level.OUTPUT,
        "1.1",
        "1",
        "SBGS equipped for operations under war conditions.",
        "Deliveries reach the units despite attacks on logistics.",
        ["a", "j"],
        ["intra"],
    ),
    (
        "1.1.2",
        Level.OUTPUT,
        "1.1",
        "1",
        "SBGS asset management analysed and re-engineered.",
        "",
        ["k"],
        ["intra"],
    ),
    (
        "1.2",
        Level.OUTCOME,
        "1",
        "2",
        "Trade facilitated and customs control capacity kept up.",
        "",
        ["a", "e"],
        ["inter"],
    ),
    (
        "1.2.1",
        Level.OUTPUT,
        "1.2",
        "2",
        "Customs canine teams trained.",
        "",
        ["n"],
        ["intra"],
    ),
    (
        "1.2.2",
        Level.OUTPUT,
        "1.2",
        "2",
        "Scanner operators and image analysts trained.",
        "The scanners arrive in time for the trainees to practise on them.",
        ["n", "j"],
        ["intra"],
    ),
    (
        "1.3",
        Level.OUTCOME,
        "1",
        "3",
        "Sector management and integrity strengthened.",
        "",
        ["k", "m"],
        ["inter"],
    ),
    (
        "1.3.1",
        Level.OUTPUT,
        "1.3",
        "3",
        "Anti-corruption practice shared and integrity rules drafted.",
        "",
        ["m"],
        ["international"],
    ),
    ("1.4", Level.OUTCOME, "1", "4", "The Parliament operates securely.", "", [], ["inter"]),
    (
        "1.4.1",
        Level.OUTPUT,
        "1.4",
        "4",
        "Parliamentary data services moved to secure cloud services.",
        "",
        ["j"],
        ["inter"],
    ),
]

EU4IBM_INDICATORS: list[tuple[Any, ...]] = [
    (
        "1.1.1.1",
        "1.1.1",
        "Mobile radio stations delivered to SBGS",
        "radios",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        500,
        True,
        [],
        "Delivery notes and handover acts",
    ),
    (
        "1.1.1.2",
        "1.1.1",
        "Mobile mini-scanners delivered to SBGS",
        "scanners",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        32,
        False,
        [],
        "Handover acts",
    ),
    (
        "1.1.1.3",
        "1.1.1",
        "Large mobile cargo scanners delivered and in use",
        "scanners",
        N,
        TimeRule.LATEST,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        3,
        True,
        [],
        "Handover acts; verification visits",
    ),
    (
        "1.1.2.1",
        "1.1.2",
        "Asset-management sub-processes of SBGS re-engineered",
        "sub-processes",
        N,
        TimeRule.CUMULATIVE,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        20,
        False,
        [],
        "Process maps approved by SBGS",
    ),
    (
        "1.2.1.1",
        "1.2.1",
        "Customs canine teams trained",
        "teams",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        80,
        True,
        [],
        "Canine team trainings recorded in delivery (certificates of the SCS canine centre)",
    ),
    (
        "1.2.2.1",
        "1.2.2",
        "Scanner operators and analysts trained",
        "persons",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        120,
        False,
        [],
        "Trainings recorded in delivery (attendance lists)",
    ),
    (
        "1.3.1.1",
        "1.3.1",
        "Anti-corruption consultations and webinars held",
        "events",
        N,
        TimeRule.PER_PERIOD,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        30,
        False,
        [],
        "Consultations and webinars recorded in delivery (event reports)",
    ),
    (
        "1.3.1.2",
        "1.3.1",
        "SCS integrity strategy adopted",
        "",
        MS,
        TimeRule.LATEST,
        CountryRule.LATEST,
        Direction.INCREASE,
        0,
        None,
        False,
        [],
        "Orders of the State Customs Service",
    ),
    (
        "1.4.1.1",
        "1.4.1",
        "Critical parliamentary data services running on secure cloud",
        "%",
        PCT,
        TimeRule.LATEST,
        CountryRule.SUM,
        Direction.INCREASE,
        0,
        100,
        False,
        [],
        "Secretariat IT inventory",
    ),
]


# Semester targets, 2022-11/2023-04 to 2024-11/2025-06, as the procurement and training plans set them.
EU4IBM_TARGETS: dict[str, dict[str, list[int | None]]] = {
    # Deliveries and trainings per semester, adding up to the life-of-programme targets.
    "1.1.1.1": {"UA": [0, 500, 0, 0, 0]},
    "1.1.1.2": {"UA": [0, 32, 0, 0, 0]},
    "1.2.1.1": {"UA": [20, 60, 0, 0, 0]},
    "1.2.2.1": {"UA": [0, 12, 20, 32, 56]},
    "1.3.1.1": {"UA": [7, 15, 3, 3, 2]},
    # Large mobile scanners in use: the first planned in use by October 2024, all three by mid-2025.
    "1.1.1.3": {"UA": [0, 0, 0, 1, 3]},
    # Sub-processes re-engineered, running total: 12 planned by October 2023, 20 were done (ahead).
    "1.1.2.1": {"UA": [6, 12, 20, 20, 20]},
    # Integrity strategy: 0 not started, 1 drafted, 2 submitted, 3 adopted.
    "1.3.1.2": {"UA": [0, 1, 1, 2, 3]},
    # Critical data services on secure cloud, %.
    "1.4.1.1": {"UA": [15, 40, 65, 80, 100]},
}

EU4IBM_COMPUTED: dict[str, tuple[str, dict[str, Any]]] = {
    "1.1.1.1": ("delivery.handed_over", {"category": "radios", "unit": "stations"}),
    "1.1.1.2": ("delivery.handed_over", {"category": "scanners", "component": "1"}),
    "1.1.1.3": ("delivery.in_use", {"category": "scanners", "component": "2"}),
    "1.2.1.1": ("delivery.participants", {"event_kinds": ["training"], "result": "1.2.1"}),
    "1.2.2.1": ("delivery.participants", {"event_kinds": ["training"], "result": "1.2.2"}),
    "1.3.1.1": ("delivery.events", {"event_kinds": ["consultation", "webinar"], "component": "3"}),
}


def _load_eu4ibm(programme: Programme, acting_user: Any, users: dict[str, Any], officer: Any) -> None:
    categories = _categories(
        programme, acting_user, {"Sex": ["Women", "Men"], "Agency": ["SBGS", "SCS", "Other"]}
    )
    ind = _logframe(programme, acting_user, EU4IBM_RESULTS, EU4IBM_INDICATORS, categories, EU4IBM_COMPUTED)
    periods = {p.label: p for p in ReportingPeriod.objects.filter(programme=programme)}
    for code, per_country in EU4IBM_TARGETS.items():
        _targets(ind[code], _yearly(periods, per_country), acting_user)
    recorder = _Recorder(programme, acting_user, officer)
    by = users.get("ua.coordinator")
    approved = UpdateState.APPROVED
    semesters = ["2022-11/2023-04", "2023-05/2023-10", "2023-11/2024-04", "2024-05/2024-10"]
    # 500 radios, 32 mini-scanners, the large scanners, the canine teams, the scanner operators and
    # the anti-corruption events are computed from the delivery records.
    for s, semester in enumerate(semesters):
        recorder.add(
            ind["1.1.2.1"], semester, "UA", approved, by, value=Decimal([8, 20, 20, 20][s])
        )  # 20 sub-processes re-engineered by November 2023, as the third PSG heard
        recorder.add(ind["1.3.1.2"], semester, "UA", approved, by, status=[0, 1, 1, 2][s])
        recorder.add(
            ind["1.4.1.1"],
            semester,
            "UA",
            approved,
            by,
            numerator=Decimal([2, 5, 8, 10][s]),
            denominator=Decimal(12),
        )
    current = "2024-11/2025-06"
    recorder.add(
        ind["1.4.1.1"],
        current,
        "UA",
        UpdateState.SUBMITTED,
        by,
        numerator=Decimal(11),
        denominator=Decimal(12),
        narrative="The committee archive moved to the secure cloud in May 2025.",
    )
    recorder.add(ind["1.3.1.2"], current, "UA", UpdateState.DRAFT, by, status=3)
    recorder.write()
