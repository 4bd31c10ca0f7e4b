"""The demo world's delivery: events, work plan, recommendations, procurement, handovers and use.

Public facts (the 500 radios, the 80 canine teams, the Chop scanner, the four BOMCA handovers and
their values) are written in here; the rest (exact dates, participant numbers and splits, most
BOMCA events) is illustrative, generated from a fixed seed, and each record's source says which.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.utils import timezone

from steerco.core.demo import ensure
from steerco.programmes import services as programme_services
from steerco.programmes.models import Component, Organisation, OrganisationKind, Programme
from steerco.results.models import Result

from . import services
from .dates import Precision
from .models import (
    Asset,
    Condition,
    Event,
    EventKind,
    EventStatus,
    Handover,
    PlaceKind,
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

D = datetime.date
PUBLIC = "Public: programme news and steering group reports"
ILLUSTRATIVE = "Illustrative"
ILLUSTRATIVE_BOMCA_EVENT = "Illustrative; the programme's event and participant totals are public"

INTERNATIONAL = [
    ("Organization for Security and Co-operation in Europe", "OSCE"),
    ("United Nations Office on Drugs and Crime", "UNODC"),
    ("International Organization for Migration", "IOM"),
]

CAPITALS = {"KZ": "Astana", "KG": "Bishkek", "TJ": "Dushanbe", "TM": "Ashgabat", "UZ": "Tashkent"}

ACTIVITIES = {
    "C1": [
        (EventKind.TRAINING, "Training of trainers for the border academy"),
        (EventKind.WORKSHOP, "Workshop on the national IBM strategy and action plan"),
        (EventKind.EXPERT_MISSION, "Expert mission on human resources management"),
    ],
    "C2": [
        (EventKind.TRAINING, "Training on document fraud detection"),
        (EventKind.TRAINING, "Training on risk analysis at border crossing points"),
        (EventKind.TRAINING, "Canine handler training"),
    ],
    "C3": [
        (EventKind.WORKSHOP, "Workshop on authorised economic operators"),
        (EventKind.TRAINING, "Training on post-clearance audit"),
        (EventKind.CONSULTATION, "Consultation on sanitary and phytosanitary controls at the border"),
    ],
    "C4": [
        (EventKind.CONFERENCE, "Cross-border cooperation meeting of border commanders"),
        (EventKind.STUDY_VISIT, "Study visit to the Latvian–Lithuanian border"),
        (EventKind.WORKSHOP, "Workshop with NGOs of border communities"),
    ],
}

RECOMMENDATIONS = [
    "Introduce a common risk-analysis template for all border crossing points.",
    "Adopt a training curriculum on document fraud for first-line officers.",
    "Set up a joint contact point with the neighbouring border service.",
    "Publish clearance time statistics for the main crossing points every quarter.",
    "Create a national canine training standard with yearly recertification.",
    "Include integrity and anti-corruption modules in basic training.",
    "Give the border academy a permanent pool of certified trainers.",
    "Share risk profiles between the border service and customs in real time.",
    "Introduce pre-arrival information for trucks at the pilot crossing points.",
    "Agree joint patrol procedures on the common border section.",
    "Record the use and maintenance of donated equipment in one register.",
    "Consult border communities before changing crossing point opening hours.",
]


def load(*, acting_user: Any) -> None:
    for name, short in INTERNATIONAL:
        ensure(
            Organisation,
            programme_services.save_organisation,
            acting_user=acting_user,
            lookup={"name": name, "country": ""},
            defaults={"short_name": short, "kind": OrganisationKind.INTERNATIONAL},
        )
    orgs = {o.short_name: o for o in Organisation.objects.exclude(short_name="")}
    bomca = Programme.objects.filter(slug="bomca10").first()
    if bomca is not None:
        _load_bomca(bomca, orgs, acting_user)
    eu4ibm = Programme.objects.filter(slug="eu4ibm-resilience").first()
    if eu4ibm is not None:
        _load_eu4ibm(eu4ibm, orgs, acting_user)


def _event(
    acting_user: Any,
    programme: Programme,
    *,
    agencies: dict[int | None, int] | None = None,
    beneficiaries: Sequence[Organisation] = (),
    co_organisers: Sequence[Organisation] = (),
    **fields: Any,
) -> Event:
    lookup = {k: fields.pop(k) for k in ("title", "country", "start_date")}
    return ensure(
        Event,
        services.record_event,
        acting_user=acting_user,
        lookup={"programme": programme, **lookup},
        defaults=fields,
        beneficiaries=beneficiaries,
        co_organisers=co_organisers,
        agency_split=agencies,
    )


def _split(rng: random.Random, total: int, parts: int) -> list[int]:
    cuts = sorted(rng.randint(0, total) for _ in range(parts - 1))
    return [b - a for a, b in zip([0, *cuts], [*cuts, total], strict=True)]


# Public totals of BOMCA 10: by September 2022, 93 activities with over 1,400 participants; by the
# fourth Regional Steering Group (20 February 2025), 306 events, over 6,000 participants, 77 of them
# held jointly with other international organisations, about 90 % of planned activities done.
# The events below add up to these totals; their dates, places and participants are illustrative.
FIRST_REPORT = D(2022, 9, 30)
RSG4 = D(2025, 2, 20)
BOMCA_TOTALS = [(FIRST_REPORT, 93, 1412), (RSG4, 306 - 93, 6046 - 1412)]  # events, participants per window
BOMCA_JOINT = 77
BOMCA_END = D(2025, 9, 30)
RESULT_OF_COMPONENT = {"C1": "1.1.1", "C2": "1.2.1", "C3": "1.3.1", "C4": "1.4.1"}
# Each country's recommendations go these ways (adopted in 8 of 12).
ADOPTION_PATHS = [
    ["under_consideration", "adopted"],
    ["under_consideration", "partially_adopted", "adopted"],
    ["under_consideration"],
    ["under_consideration", "adopted"],
    ["under_consideration", "partially_adopted"],
    ["adopted"],
    ["under_consideration", "rejected"],
    ["under_consideration", "adopted"],
    ["under_consideration", "partially_adopted", "adopted"],
    [],
    ["under_consideration", "adopted"],
    ["adopted"],
]


@dataclass
class _Line:
    item: WorkPlanItem
    number: int
    country: str
    code: str
    kind: str
    title: str
    dates: list[datetime.date] = field(default_factory=list)
    participants: list[int] = field(default_factory=list)


def _quarter_days(
    item: WorkPlanItem, n: int, rng: random.Random, after: datetime.date | None = None
) -> list[datetime.date]:
    """`n` different days inside the line's quarter (after `after`, when given), in order."""
    first = (
        item.quarter_start if after is None else max(item.quarter_start, after + datetime.timedelta(days=1))
    )
    span = (item.quarter_end - first).days - 4
    offsets = rng.sample(range(max(span, n)), n)
    return sorted(first + datetime.timedelta(days=o) for o in offsets)


def _noon(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(12, 0)))


def _share_out(rng: random.Random, total: int, low: int, high: int, n: int) -> list[int]:
    """`n` participant numbers between about `low` and `high` that add up to exactly `total`."""
    values = [rng.randint(low, high) for _ in range(n)]
    step = 1 if sum(values) < total else -1
    i = 0
    while sum(values) != total:
        if step > 0 or values[i % n] > low:
            values[i % n] += step
        i += 1
    return values


def _bomca_work_plan(
    bomca: Programme,
    components: dict[str, Component],
    countries: list[str],
    rng: random.Random,
    acting_user: Any,
) -> list[_Line]:
    """Two work-plan lines per country, component and year, each in a quarter of its year."""
    quarters = {2021: [2, 3, 4], 2022: [1, 2, 3, 4], 2023: [1, 2, 3, 4], 2024: [1, 2, 3, 4], 2025: [1, 2, 3]}
    lines: list[_Line] = []
    for country in countries:
        for code, activities in ACTIVITIES.items():
            for year, options in quarters.items():
                for (kind, title), quarter in zip(
                    rng.sample(activities, 2), sorted(rng.sample(options, 2)), strict=True
                ):
                    item = ensure(
                        WorkPlanItem,
                        services.save_work_plan_item,
                        acting_user=acting_user,
                        lookup={
                            "programme": bomca,
                            "year": year,
                            "quarter": quarter,
                            "country": country,
                            "component": components[code],
                            "title": title,
                        },
                        # Each year's lines are written into the plan drafted the October before.
                        defaults={
                            "kind": kind,
                            "created": _noon(max(D(year - 1, 10, 1), bomca.planned_start)),
                        },
                    )
                    lines.append(_Line(item, len(lines) + 1, country, code, kind, title))
    return lines


def _plan_bomca_events(lines: list[_Line], rng: random.Random) -> None:
    """Give each line its events' days and participants, so the public totals come out exactly."""
    windows: list[list[_Line]] = [[], []]
    for line in lines:
        if line.item.quarter_end >= RSG4:
            # After the fourth RSG: one event per line, held before the programme ended.
            line.dates = _quarter_days(line.item, 1, rng, after=RSG4)
            line.participants = [rng.randint(12, 36)]
        elif line.number % 11 == 0:
            line.dates = _quarter_days(line.item, 1, rng)  # cancelled: the line stays open
        else:
            windows[0 if line.item.quarter_end <= FIRST_REPORT else 1].append(line)
    for window, (_until, events, participants) in zip(windows, BOMCA_TOTALS, strict=True):
        counts = [1] * len(window)
        while sum(counts) < events:
            i = rng.randrange(len(window))
            if counts[i] < 4:
                counts[i] += 1
        low, high = (8, 22) if window is windows[0] else (12, 32)
        shares = _share_out(rng, participants, low, high, events)
        for line, n in zip(window, counts, strict=True):
            line.dates = _quarter_days(line.item, n, rng)
            line.participants, shares = shares[:n], shares[n:]


def _load_bomca(bomca: Programme, orgs: dict[str, Organisation], acting_user: Any) -> None:
    rng = random.Random(10)
    components = {c.code: c for c in Component.objects.filter(programme=bomca)}
    results = {r.code: r for r in Result.objects.filter(programme=bomca)}
    institutions = {
        pc.country.code: list(pc.institutions.all())  # type: ignore[attr-defined]
        for pc in bomca.countries.prefetch_related("institutions")
    }
    partners = [orgs[s] for s in ("OSCE", "UNODC", "IOM") if s in orgs]
    lines = _bomca_work_plan(bomca, components, sorted(institutions), rng, acting_user)
    _plan_bomca_events(lines, rng)
    held_by_rsg4 = sum(len(line.participants) for line in lines if line.item.quarter_end < RSG4)
    joint = set(rng.sample(range(held_by_rsg4), BOMCA_JOINT))
    index = 0
    today = timezone.localdate()
    for line in lines:
        country_institutions = institutions[line.country]
        for n, start in enumerate(line.dates):
            total = line.participants[n] if n < len(line.participants) else 0
            if total and start <= min(today, BOMCA_END):
                status = EventStatus.HELD
            else:
                status = EventStatus.PLANNED if total else EventStatus.CANCELLED
            held = status == EventStatus.HELD
            co_organisers: list[Organisation] = []
            if held and line.item.quarter_end < RSG4:
                if index in joint and partners:
                    co_organisers = [partners[index % len(partners)]]
                index += 1
            women = round(total * rng.uniform(0.15, 0.45))
            split = _split(rng, total, len(country_institutions) + 1)
            agencies: dict[int | None, int] = {
                org.pk: n for org, n in zip(country_institutions, split, strict=False)
            }
            agencies[None] = split[-1]
            pre = Decimal(rng.randint(40, 65)) if held and line.kind == EventKind.TRAINING else None
            _event(
                acting_user,
                bomca,
                title=line.title,
                country=line.country,
                start_date=start,
                kind=line.kind,
                end_date=start + datetime.timedelta(days=rng.randint(0, 3)),
                place=CAPITALS[line.country],
                place_kind=PlaceKind.CITY,
                component=components[line.code],
                result=results.get(RESULT_OF_COMPONENT[line.code]),
                work_plan_item=line.item,
                status=status,
                participants_total=total if held else 0,
                participants_female=women if held else 0,
                participants_male=total - women if held else 0,
                pre_test_average=pre,
                post_test_average=pre + rng.randint(8, 25) if pre is not None else None,
                data_source=ILLUSTRATIVE_BOMCA_EVENT,
                beneficiaries=country_institutions[:2],
                co_organisers=co_organisers,
                agencies=agencies if held else None,
            )
    _bomca_recommendations(bomca, institutions, rng, acting_user)
    _bomca_handovers(bomca, orgs, components, acting_user)


def _bomca_recommendations(
    bomca: Programme, institutions: dict[str, list[Organisation]], rng: random.Random, acting_user: Any
) -> None:
    """Twelve recommendations per country, given at its events of 2021–2023, adopted in eight."""
    held: dict[tuple[str, int], list[Event]] = {}
    for e in (
        Event.objects.filter(programme=bomca, status=EventStatus.HELD, start_date__year__lte=2023)
        .exclude(kind=EventKind.CONFERENCE)
        .select_related("component")
        .order_by("start_date", "id")
    ):
        held.setdefault((e.country, e.start_date.year), []).append(e)
    today = timezone.localdate()
    for n, (country, orgs) in enumerate(sorted(institutions.items())):
        for m, text in enumerate(RECOMMENDATIONS):
            candidates = held.get((country, 2021 + m // 4), [])
            event = candidates[(m * 5 + n) % len(candidates)] if candidates else None
            recommendation = ensure(
                Recommendation,
                services.save_recommendation,
                acting_user=acting_user,
                lookup={"programme": bomca, "country": country, "text": text},
                defaults={
                    "institution": orgs[m % len(orgs)],
                    "event": event,
                    "component": event.component if event else None,
                    "given_on": event.end_date if event else D(2021 + m // 4, 6, 1),
                },
            )
            day = recommendation.given_on
            for status in ADOPTION_PATHS[(n + m) % len(ADOPTION_PATHS)]:
                day = day + datetime.timedelta(days=rng.randint(45, 120))
                if day > today:
                    break
                ensure(
                    RecommendationStatusChange,
                    services.record_recommendation_status,
                    acting_user=acting_user,
                    lookup={"recommendation": recommendation, "status": status},
                    defaults={
                        "on": day,
                        "evidence": "Letter of the institution to the programme (illustrative)."
                        if status != RecommendationStatus.UNDER_CONSIDERATION
                        else "Discussed at the National Steering Group (illustrative).",
                    },
                )


def _lot(
    acting_user: Any, programme: Programme, title: str, steps: list[tuple], **fields: Any
) -> ProcurementLot:
    lot = ensure(
        ProcurementLot,
        services.save_procurement_lot,
        acting_user=acting_user,
        lookup={"programme": programme, "title": title},
        defaults=fields,
    )
    for stage, planned, precision, actual, *rest in steps:
        ensure(
            ProcurementStep,
            services.record_procurement_step,
            acting_user=acting_user,
            lookup={"lot": lot, "stage": stage},
            defaults={
                "planned_date": planned,
                "planned_precision": precision,
                "actual_date": actual,
                "note": rest[0] if rest else "",
            },
        )
    return lot


def _handover(acting_user: Any, lot: ProcurementLot, **fields: Any) -> Handover:
    return ensure(
        Handover,
        services.record_handover,
        acting_user=acting_user,
        lookup={"lot": lot, "handed_over_on": fields.pop("handed_over_on")},
        defaults={"recipient": lot.beneficiary, "currency": lot.currency, **fields},
    )


def _verify(acting_user: Any, handover: Handover, **fields: Any) -> Verification:
    return ensure(
        Verification,
        services.record_verification,
        acting_user=acting_user,
        lookup={"handover": handover, "visited_on": fields.pop("visited_on")},
        defaults=fields,
    )


def _bomca_handovers(
    bomca: Programme, orgs: dict[str, Organisation], components: dict[str, Component], acting_user: Any
) -> None:
    c1 = components["C1"]
    day, month = Precision.DAY, Precision.MONTH
    # The four public handovers of component 1: values and days are public, the years illustrative.
    tj = _lot(
        acting_user,
        bomca,
        "Training equipment for the Poytakht Training Centre",
        [
            (Stage.CONTRACTED, D(2022, 3, 1), month, D(2022, 3, 18)),
            (Stage.DELIVERED, D(2022, 6, 1), month, D(2022, 6, 20)),
            (Stage.HANDED_OVER, D(2022, 7, 1), month, D(2022, 7, 9)),
        ],
        reference="BOMCA-TJ-01",
        country="TJ",
        component=c1,
        category=ProcurementCategory.IT,
        quantity=1,
        unit="set",
        contracted_value=Decimal("49977.89"),
        currency="EUR",
        beneficiary=orgs["TJ Border Troops"],
        data_source="Public: value and day of the handover; year and other dates illustrative",
    )
    handover = _handover(
        acting_user,
        tj,
        handed_over_on=D(2022, 7, 9),
        quantity=1,
        value=Decimal("49977.89"),
        place="Poytakht Training Centre, Dushanbe",
        act_number="TJ-2022-01",
    )
    _verify(
        acting_user,
        handover,
        visited_on=D(2023, 2, 14),
        in_use=True,
        quantity_in_use=1,
        location="Poytakht Training Centre, classroom 2",
        condition=Condition.GOOD,
    )
    kg_training = _lot(
        acting_user,
        bomca,
        "Training equipment for border training institutions",
        [
            (Stage.CONTRACTED, D(2023, 2, 1), month, D(2023, 2, 10)),
            (Stage.DELIVERED, D(2023, 4, 1), month, D(2023, 4, 28)),
            (Stage.HANDED_OVER, D(2023, 5, 13), day, D(2023, 5, 13)),
        ],
        reference="BOMCA-KG-01",
        country="KG",
        component=c1,
        category=ProcurementCategory.OTHER,
        quantity=1,
        unit="set",
        contracted_value=Decimal("6860.70"),
        beneficiary=orgs["KG Border Service"],
        data_source="Public: value and day of the handover; year and other dates illustrative",
    )
    handover = _handover(
        acting_user,
        kg_training,
        handed_over_on=D(2023, 5, 13),
        quantity=1,
        value=Decimal("6860.70"),
        place="Bishkek",
        act_number="KG-2023-01",
    )
    _verify(
        acting_user,
        handover,
        visited_on=D(2023, 11, 20),
        in_use=True,
        quantity_in_use=1,
        location="Border service training centre, Bishkek",
        condition=Condition.GOOD,
    )
    kg_centre = _lot(
        acting_user,
        bomca,
        "Equipment of the Border Service Situational Center",
        [
            (Stage.SPECIFICATIONS, D(2022, 10, 1), month, D(2022, 11, 4)),
            (Stage.TENDER, D(2023, 1, 1), month, D(2023, 1, 25)),
            (Stage.CONTRACTED, D(2023, 3, 1), month, D(2023, 4, 7)),
            (Stage.DELIVERED, D(2023, 6, 1), Precision.SEASON, D(2023, 8, 16)),
            (Stage.HANDED_OVER, D(2023, 9, 4), day, D(2023, 9, 4)),
        ],
        reference="BOMCA-KG-02",
        country="KG",
        component=c1,
        category=ProcurementCategory.IT,
        quantity=1,
        unit="centre",
        contracted_value=Decimal("329428.60"),
        beneficiary=orgs["KG Border Service"],
        data_source="Public: value and day of the handover; year and other dates illustrative",
    )
    handover = _handover(
        acting_user,
        kg_centre,
        handed_over_on=D(2023, 9, 4),
        quantity=1,
        value=Decimal("329428.60"),
        place="Bishkek",
        act_number="KG-2023-02",
    )
    _verify(
        acting_user,
        handover,
        visited_on=D(2024, 3, 12),
        in_use=True,
        quantity_in_use=1,
        location="Situational Center, Bishkek",
        condition=Condition.GOOD,
    )
    uz = _lot(
        acting_user,
        bomca,
        "GPS transit trackers for the Customs Committee",
        [
            (Stage.CONTRACTED, D(2023, 8, 1), month, D(2023, 8, 30)),
            (Stage.DELIVERED, D(2023, 10, 1), month, D(2023, 10, 26)),
            (Stage.HANDED_OVER, D(2023, 11, 13), day, D(2023, 11, 13)),
        ],
        reference="BOMCA-UZ-01",
        country="UZ",
        component=c1,
        category=ProcurementCategory.IT,
        quantity=20,
        unit="trackers",
        contracted_value=Decimal("9986.00"),
        beneficiary=orgs["UZ Customs"],
        data_source="Public: value and day of the handover; quantity, year and other dates illustrative",
    )
    _handover(
        acting_user,
        uz,
        handed_over_on=D(2023, 11, 13),
        quantity=20,
        value=Decimal("9986.00"),
        place="Tashkent",
        act_number="UZ-2023-01",
    )
    for n in range(1, 6):
        ensure(
            Asset,
            services.save_asset,
            acting_user=acting_user,
            lookup={"lot": uz, "serial_number": f"GPS-UZ-{n:04d}"},
            defaults={
                "description": "GPS transit tracker",
                "location": "Customs Committee, Tashkent",
                "handover": uz.handovers.first(),
            },
        )
    kz = _lot(
        acting_user,
        bomca,
        "Document examination equipment for border crossing points",
        [
            (Stage.CONTRACTED, D(2024, 9, 1), month, D(2024, 9, 20)),
            (Stage.DELIVERED, D(2024, 12, 1), month, D(2025, 1, 21)),
            (Stage.HANDED_OVER, D(2025, 3, 1), month, D(2025, 3, 5)),
        ],
        reference="BOMCA-KZ-01",
        country="KZ",
        component=components["C2"],
        category=ProcurementCategory.OTHER,
        quantity=6,
        unit="kits",
        contracted_value=Decimal("42000.00"),
        beneficiary=orgs["KZ Border Service"],
        data_source=ILLUSTRATIVE,
    )
    _handover(
        acting_user,
        kz,
        handed_over_on=D(2025, 3, 5),
        quantity=6,
        value=Decimal("42000.00"),
        place="Astana",
        act_number="KZ-2025-01",
    )


def _load_eu4ibm(eu4ibm: Programme, orgs: dict[str, Organisation], acting_user: Any) -> None:
    rng = random.Random(4)
    components = {c.code: c for c in Component.objects.filter(programme=eu4ibm)}
    sbgs, scs = orgs["SBGS"], orgs["SCS"]
    # The work plan the third PSG endorsed for the months after November 2023 (illustrative lines).
    for year, quarter, code, kind, title in [
        (2024, 1, "1", EventKind.TRAINING, "Training of rehabilitation staff on the equipment delivered"),
        (2024, 1, "2", "", "Contract the two further large mobile scanners"),
        (2024, 2, "2", "", "Deliver and install UPS units at the stationary scanners"),
        (2024, 2, "2", EventKind.TRAINING, "Scanner operator and image analyst courses"),
        (2024, 2, "3", EventKind.WEBINAR, "Anti-corruption webinars with Lithuanian practitioners"),
        (2024, 3, "1", EventKind.EXPERT_MISSION, "Verification of the radio stations in use"),
        (2024, 3, "4", EventKind.WORKSHOP, "Secured operation of the legislature: continuity workshop"),
    ]:
        ensure(
            WorkPlanItem,
            services.save_work_plan_item,
            acting_user=acting_user,
            lookup={
                "programme": eu4ibm,
                "year": year,
                "quarter": quarter,
                "country": "UA",
                "component": components[code],
                "title": title,
            },
            # Drafted for the third PSG's pack, circulated on 2023-10-23.
            defaults={"kind": kind, "created": _noon(D(2023, 10, 16))},
        )
    month, season = Precision.MONTH, Precision.SEASON
    public = "Public: reported to the Project Steering Group in November 2023; dates illustrative"
    radios = _lot(
        acting_user,
        eu4ibm,
        "Mobile radio stations",
        [
            (Stage.TENDER, D(2023, 1, 1), month, D(2023, 1, 20)),
            (Stage.CONTRACTED, D(2023, 3, 1), month, D(2023, 3, 15)),
            (Stage.DELIVERED, D(2023, 7, 1), season, D(2023, 8, 22)),
            (Stage.HANDED_OVER, D(2023, 9, 1), month, D(2023, 9, 14)),
        ],
        reference="UA-01",
        country="UA",
        component=components["1"],
        category=ProcurementCategory.RADIOS,
        quantity=500,
        unit="stations",
        beneficiary=sbgs,
        data_source=public,
    )
    handover = _handover(
        acting_user,
        radios,
        handed_over_on=D(2023, 9, 14),
        quantity=500,
        place="Kyiv",
        act_number="UA-2023-07",
    )
    _verify(
        acting_user,
        handover,
        visited_on=D(2024, 2, 20),
        in_use=True,
        quantity_in_use=486,
        location="Border detachments, western and northern sections",
        condition=Condition.GOOD,
        note="14 stations under repair (illustrative).",
    )
    for n in range(1, 11):
        ensure(
            Asset,
            services.save_asset,
            acting_user=acting_user,
            lookup={"lot": radios, "serial_number": f"RS-{n:05d}"},
            defaults={"description": "Mobile radio station", "location": "SBGS", "handover": handover},
        )
    mini = _lot(
        acting_user,
        eu4ibm,
        "Mobile mini-scanners",
        [
            (Stage.CONTRACTED, D(2023, 1, 1), month, D(2023, 1, 30)),
            (Stage.DELIVERED, D(2023, 4, 1), month, D(2023, 4, 27)),
            (Stage.HANDED_OVER, D(2023, 5, 1), month, D(2023, 5, 12)),
        ],
        reference="UA-02",
        country="UA",
        component=components["1"],
        category=ProcurementCategory.SCANNERS,
        quantity=32,
        unit="scanners",
        beneficiary=sbgs,
        data_source="Public: 32 mini-scanners delivered by May 2023; dates illustrative",
    )
    _handover(acting_user, mini, handed_over_on=D(2023, 5, 12), quantity=32, place="Kyiv")
    scanner = _lot(
        acting_user,
        eu4ibm,
        "Large mobile cargo scanner",
        [
            (Stage.TENDER, D(2023, 5, 1), month, D(2023, 5, 29)),
            (Stage.CONTRACTED, D(2023, 9, 1), month, D(2023, 9, 26)),
            (Stage.DELIVERED, D(2024, 3, 1), season, D(2024, 6, 25), "Arrived at the Chop crossing point."),
            (Stage.HANDED_OVER, D(2024, 7, 1), month, D(2024, 7, 18)),
        ],
        reference="UA-03",
        country="UA",
        component=components["2"],
        category=ProcurementCategory.SCANNERS,
        quantity=1,
        unit="scanner",
        contracted_value=Decimal("2500000.00"),
        beneficiary=scs,
        data_source="Public: expected spring 2024, delivered 25 June 2024 at Chop, about EUR 2.5 million",
    )
    handover = _handover(
        acting_user,
        scanner,
        handed_over_on=D(2024, 7, 18),
        quantity=1,
        value=Decimal("2500000.00"),
        place="Chop border crossing point",
        act_number="UA-2024-03",
    )
    _verify(
        acting_user,
        handover,
        visited_on=D(2025, 1, 15),
        in_use=True,
        quantity_in_use=1,
        location="Chop (Tysa) crossing point",
        condition=Condition.GOOD,
    )
    ensure(
        Asset,
        services.save_asset,
        acting_user=acting_user,
        lookup={"lot": scanner, "serial_number": "MCS-2024-001"},
        defaults={"description": "Large mobile cargo scanner", "location": "Chop", "handover": handover},
    )
    two = _lot(
        acting_user,
        eu4ibm,
        "Two large mobile cargo scanners",
        [
            # Tendered before the pack of the third PSG (2 November 2023) went out, so the pack shows
            # the lot in the pipeline; it is still at tender in November 2023.
            (Stage.TENDER, D(2023, 10, 1), month, D(2023, 10, 16)),
            (Stage.CONTRACTED, D(2024, 1, 1), month, D(2024, 2, 8)),
            (Stage.DELIVERED, D(2025, 1, 1), month, D(2025, 3, 14)),
            (Stage.HANDED_OVER, D(2025, 4, 1), month, D(2025, 4, 10)),
        ],
        reference="UA-04",
        country="UA",
        component=components["2"],
        category=ProcurementCategory.SCANNERS,
        quantity=2,
        unit="scanners",
        estimated_value=Decimal("5000000.00"),
        beneficiary=scs,
        data_source="Public: at tender in November 2023, due by January 2025; later dates illustrative",
    )
    _handover(acting_user, two, handed_over_on=D(2025, 4, 10), quantity=2, place="Kyiv")
    _lot(
        acting_user,
        eu4ibm,
        "UPS units for stationary scanners",
        [
            (Stage.NEEDS, D(2023, 10, 1), month, D(2023, 10, 20)),
            (Stage.SPECIFICATIONS, D(2023, 12, 1), month, D(2024, 1, 17)),
            # Published, as the action point's follow-up says; evaluation under way.
            (Stage.TENDER, D(2024, 3, 1), season, D(2024, 3, 18)),
            (Stage.DELIVERED, D(2024, 9, 1), season, None),
        ],
        reference="UA-05",
        country="UA",
        component=components["2"],
        category=ProcurementCategory.POWER,
        quantity=24,
        unit="units",
        estimated_value=Decimal("600000.00"),
        beneficiary=scs,
        data_source="Public: in procurement in November 2023; quantity, value and dates illustrative",
    )
    rehab = _lot(
        acting_user,
        eu4ibm,
        "Rehabilitation equipment, first batch (fitness equipment, exoskeleton)",
        [
            (Stage.CONTRACTED, D(2023, 6, 1), month, D(2023, 6, 9)),
            (Stage.DELIVERED, D(2023, 9, 1), month, D(2023, 10, 3)),
            (Stage.HANDED_OVER, D(2023, 10, 1), month, D(2023, 10, 19)),
        ],
        reference="UA-06",
        country="UA",
        component=components["1"],
        category=ProcurementCategory.REHABILITATION,
        quantity=1,
        unit="batch",
        beneficiary=sbgs,
        data_source=public,
    )
    _handover(acting_user, rehab, handed_over_on=D(2023, 10, 19), quantity=1, place="Kyiv")
    results = {r.code: r for r in Result.objects.filter(programme=eu4ibm)}
    # Canine teams: trainings since spring 2023 adding up to the 80 teams reported in November 2023,
    # ten teams (a handler and a dog each) per course.
    for n in range(8):
        start = D(2023, 4, 3) + datetime.timedelta(days=27 * n)
        women = rng.randint(1, 4)
        _event(
            acting_user,
            eu4ibm,
            title=f"Customs canine team training, course {n + 1}",
            country="UA",
            start_date=start,
            kind=EventKind.TRAINING,
            end_date=start + datetime.timedelta(days=11),
            place="Canine training centre of the State Customs Service",
            component=components["2"],
            result=results.get("1.2.1"),
            status=EventStatus.HELD,
            participants_total=10,
            participants_female=women,
            participants_male=10 - women,
            pre_test_average=Decimal(rng.randint(45, 60)),
            post_test_average=Decimal(rng.randint(75, 92)),
            data_source="Public: 80 customs canine teams trained since spring 2023; dates illustrative",
            beneficiaries=[scs],
            agencies={scs.pk: 10},
        )
    # Consultations and webinars on Lithuanian anti-corruption practice: 22 by November 2023, as
    # reported ("20 and more"); the follow-up sessions of 2024–2025 are illustrative.
    sessions = [D(2023, 2, 6) + datetime.timedelta(days=12 * n) for n in range(22)]
    sessions += [D(2024, 2, 12) + datetime.timedelta(days=75 * n) for n in range(7)]
    for n, start in enumerate(sessions):
        total = rng.randint(15, 40)
        women = round(total * rng.uniform(0.3, 0.55))
        to_sbgs = rng.randint(0, total)
        _event(
            acting_user,
            eu4ibm,
            title=f"Anti-corruption consultation on Lithuanian practice, session {n + 1}",
            country="UA",
            start_date=start,
            kind=EventKind.WEBINAR if n % 3 else EventKind.CONSULTATION,
            end_date=start,
            place="Online" if n % 3 else "Kyiv",
            place_kind=PlaceKind.ONLINE if n % 3 else PlaceKind.CITY,
            component=components["3"],
            result=results.get("1.3.1"),
            status=EventStatus.HELD,
            participants_total=total,
            participants_female=women,
            participants_male=total - women,
            data_source="Public: 20+ consultations and webinars by November 2023; participants illustrative"
            if n < 22
            else ILLUSTRATIVE,
            beneficiaries=[sbgs, scs],
            agencies={sbgs.pk: to_sbgs, scs.pk: total - to_sbgs},
        )
    mission = _event(
        acting_user,
        eu4ibm,
        title="Expert mission on SBGS asset management",
        country="UA",
        start_date=D(2023, 5, 15),
        kind=EventKind.EXPERT_MISSION,
        end_date=D(2023, 5, 19),
        place="Kyiv",
        component=components["3"],
        result=results.get("1.1.2"),
        status=EventStatus.HELD,
        participants_total=12,
        participants_female=5,
        participants_male=7,
        beneficiaries=[sbgs],
        agencies={sbgs.pk: 12},
        data_source="Public: asset management and 20 sub-processes analysed; details illustrative",
    )
    # Scanner operators and image analysts: training launched in autumn 2023 (public); the courses
    # and their participants are illustrative.
    for start, place, place_kind, total, women in [
        (D(2023, 10, 16), "Kyiv", PlaceKind.CITY, 12, 3),
        (D(2024, 2, 19), "Kyiv", PlaceKind.CITY, 16, 5),
        (D(2024, 7, 22), "Chop", PlaceKind.BCP, 14, 4),
        (D(2024, 10, 7), "Chop", PlaceKind.BCP, 18, 6),
        (D(2025, 3, 10), "Chop", PlaceKind.BCP, 22, 7),
        (D(2025, 5, 19), "Yahodyn", PlaceKind.BCP, 26, 9),
    ]:
        _event(
            acting_user,
            eu4ibm,
            title="Scanner operator and image analyst training",
            country="UA",
            start_date=start,
            kind=EventKind.TRAINING,
            end_date=start + datetime.timedelta(days=4),
            place=place,
            place_kind=place_kind,
            component=components["2"],
            result=results.get("1.2.2"),
            status=EventStatus.HELD,
            participants_total=total,
            participants_female=women,
            participants_male=total - women,
            beneficiaries=[scs],
            agencies={scs.pk: total},
            data_source=ILLUSTRATIVE,
        )
    for text, path in [
        (
            "Adopt the re-engineered asset-management process with its 20 sub-processes.",
            [RecommendationStatus.UNDER_CONSIDERATION, RecommendationStatus.ADOPTED],
        ),
        (
            "Keep one electronic register of all donated equipment with serial numbers and locations.",
            [RecommendationStatus.UNDER_CONSIDERATION, RecommendationStatus.PARTIALLY_ADOPTED],
        ),
        (
            "Plan maintenance and warranty follow-up for every item at handover.",
            [RecommendationStatus.UNDER_CONSIDERATION],
        ),
    ]:
        recommendation = ensure(
            Recommendation,
            services.save_recommendation,
            acting_user=acting_user,
            lookup={"programme": eu4ibm, "country": "UA", "text": text},
            defaults={
                "institution": sbgs,
                "event": mission,
                "component": components["3"],
                "given_on": D(2023, 5, 19),
            },
        )
        on = D(2023, 5, 19)
        for status in path:
            on += datetime.timedelta(days=90)
            ensure(
                RecommendationStatusChange,
                services.record_recommendation_status,
                acting_user=acting_user,
                lookup={"recommendation": recommendation, "status": status},
                defaults={"on": on, "evidence": "Order of the SBGS administration (illustrative)."},
            )
