"""The demo world's programmes, built from public facts about BOMCA 10 and EU4IBM-Resilience.

Where the public record is silent (budgets of EU4IBM-Resilience, some dates, the risk register)
the values here are illustrative, and each programme's `data_note` says so on every page.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from steerco.core.demo import ILLUSTRATIVE_NOTE, ensure

from . import services
from .models import (
    Amendment,
    AmendmentKind,
    BudgetLine,
    Component,
    Expenditure,
    Organisation,
    OrganisationKind,
    PartnerRole,
    PeriodKind,
    Person,
    Programme,
    ProgrammeCountry,
    ProgrammePartner,
    ReportingPeriod,
    Risk,
    Sex,
)

D = datetime.date
K = OrganisationKind

ORGANISATIONS: list[tuple[str, str, str, str, str]] = [
    # name, short name, kind, country, IATI ref
    ("European Union", "EU", K.DONOR, "", "XI-IATI-EC_INTPA"),
    ("Delegation of the European Union to Kazakhstan", "EUD Kazakhstan", K.DONOR, "KZ", ""),
    ("Delegation of the European Union to Ukraine", "EUD Ukraine", K.DONOR, "UA", ""),
    ("State Border Guard of the Republic of Latvia", "SBG Latvia", K.IMPLEMENTER, "LV", ""),
    ("State Border Guard Service of Lithuania", "SBGS Lithuania", K.PARTNER, "LT", ""),
    ("State Revenue Service of Latvia", "SRS Latvia", K.PARTNER, "LV", ""),
    ("International Centre for Migration Policy Development", "ICMPD", K.INTERNATIONAL, "", "XM-DAC-47130"),
    # Kazakhstan
    ("Border Service of the National Security Committee", "KZ Border Service", K.BENEFICIARY, "KZ", ""),
    ("Ministry of Foreign Affairs of Kazakhstan", "KZ MFA", K.BENEFICIARY, "KZ", ""),
    ("State Revenue Committee (customs)", "KZ SRC", K.BENEFICIARY, "KZ", ""),
    # Kyrgyzstan
    (
        "Border Service of the State Committee for National Security",
        "KG Border Service",
        K.BENEFICIARY,
        "KG",
        "",
    ),
    ("State Customs Service of Kyrgyzstan", "KG Customs", K.BENEFICIARY, "KG", ""),
    ("Ministry of Foreign Affairs of Kyrgyzstan", "KG MFA", K.BENEFICIARY, "KG", ""),
    # Tajikistan
    (
        "Border Troops of the State Committee for National Security",
        "TJ Border Troops",
        K.BENEFICIARY,
        "TJ",
        "",
    ),
    ("Customs Service of Tajikistan", "TJ Customs", K.BENEFICIARY, "TJ", ""),
    ("Drug Control Agency of Tajikistan", "TJ DCA", K.BENEFICIARY, "TJ", ""),
    ("Food Security Committee of Tajikistan", "TJ FSC", K.BENEFICIARY, "TJ", ""),
    ("Ministry of Foreign Affairs of Tajikistan", "TJ MFA", K.BENEFICIARY, "TJ", ""),
    # Turkmenistan
    ("State Border Service of Turkmenistan", "TM Border Service", K.BENEFICIARY, "TM", ""),
    ("State Customs Service of Turkmenistan", "TM Customs", K.BENEFICIARY, "TM", ""),
    ("State Migration Service of Turkmenistan", "TM Migration", K.BENEFICIARY, "TM", ""),
    ("Ministry of Agriculture of Turkmenistan", "TM Agriculture", K.BENEFICIARY, "TM", ""),
    ("Ministry of Foreign Affairs of Turkmenistan", "TM MFA", K.BENEFICIARY, "TM", ""),
    # Uzbekistan
    ("Border Troops of the State Security Service", "UZ Border Troops", K.BENEFICIARY, "UZ", ""),
    ("Customs Committee under the Ministry of Economy and Finance", "UZ Customs", K.BENEFICIARY, "UZ", ""),
    ("Agency for Plant Quarantine and Protection", "UZ Plant Quarantine", K.BENEFICIARY, "UZ", ""),
    ("Ministry of Foreign Affairs of Uzbekistan", "UZ MFA", K.BENEFICIARY, "UZ", ""),
    # Ukraine
    ("State Border Guard Service of Ukraine", "SBGS", K.BENEFICIARY, "UA", ""),
    ("State Customs Service of Ukraine", "SCS", K.BENEFICIARY, "UA", ""),
    ("Secretariat of the Verkhovna Rada of Ukraine", "VRU Secretariat", K.BENEFICIARY, "UA", ""),
    ("State Migration Service of Ukraine", "SMS", K.BENEFICIARY, "UA", ""),
    ("Ministry of Foreign Affairs of Ukraine", "UA MFA", K.BENEFICIARY, "UA", ""),
    (
        "Ministry for Communities, Territories and Infrastructure Development",
        "MinInfra",
        K.BENEFICIARY,
        "UA",
        "",
    ),
]

BOMCA_COUNTRIES = {
    "KZ": ["KZ Border Service", "KZ MFA", "KZ SRC"],
    "KG": ["KG Border Service", "KG Customs", "KG MFA"],
    "TJ": ["TJ Border Troops", "TJ Customs", "TJ DCA", "TJ FSC", "TJ MFA"],
    "TM": ["TM Border Service", "TM Customs", "TM Migration", "TM Agriculture", "TM MFA"],
    "UZ": ["UZ Border Troops", "UZ Customs", "UZ Plant Quarantine", "UZ MFA"],
}
UKRAINE_INSTITUTIONS = ["SBGS", "SCS", "VRU Secretariat", "SMS", "UA MFA", "MinInfra"]

# The people named in the public record of the two demo meetings, with the positions it gives them;
# every other member and participant is recorded by position only. No contact details are invented.
PEOPLE = [
    # programme, name, position, organisation, sex
    (
        "bomca10",
        "Maciej Adam Madalinski",
        "Head of the Political, Press and Information Section of the EU Delegation to Kazakhstan",
        "EUD Kazakhstan",
        Sex.MALE,
    ),
    (
        "bomca10",
        "Nurzhan Aitmakhanov",
        "Head of Unit, Department of Europe, Ministry of Foreign Affairs of Kazakhstan",
        "KZ MFA",
        Sex.MALE,
    ),
    (
        "eu4ibm-resilience",
        "Radim Žák",
        "ICMPD Head of Region Eastern Europe and Central Asia",
        "ICMPD",
        Sex.MALE,
    ),
]


def load(*, acting_user: Any) -> None:
    orgs = {
        short: ensure(
            Organisation,
            services.save_organisation,
            acting_user=acting_user,
            lookup={"name": name, "country": country},
            defaults={"short_name": short, "kind": kind, "iati_ref": ref},
        )
        for name, short, kind, country, ref in ORGANISATIONS
    }
    _load_bomca(orgs, acting_user)
    _load_eu4ibm(orgs, acting_user)
    _load_budgets(acting_user)
    _load_people(orgs, acting_user)


def _load_people(orgs: dict[str, Organisation], acting_user: Any) -> None:
    for slug, name, position, org, sex in PEOPLE:
        ensure(
            Person,
            services.save_person,
            acting_user=acting_user,
            lookup={"programme": Programme.objects.get(slug=slug), "name": name},
            defaults={"position": position, "organisation": orgs[org], "sex": sex},
        )


def _programme(acting_user: Any, slug: str, **fields: Any) -> Programme:
    return ensure(
        Programme, services.create_programme, acting_user=acting_user, lookup={"slug": slug}, defaults=fields
    )


def _country(
    acting_user: Any, programme: Programme, code: str, institutions: list[Organisation]
) -> ProgrammeCountry:
    existing = ProgrammeCountry.objects.filter(programme=programme, country=code).first()
    if existing:
        return existing
    return services.save_programme_country(
        ProgrammeCountry(programme=programme, country=code),
        acting_user=acting_user,
        institutions=institutions,
    )


def _partners(acting_user: Any, programme: Programme, partners: list[tuple[Organisation, str]]) -> None:
    for organisation, role in partners:
        ensure(
            ProgrammePartner,
            services.save_programme_partner,
            acting_user=acting_user,
            lookup={"programme": programme, "organisation": organisation},
            defaults={"role": role},
        )


def _load_bomca(orgs: dict[str, Organisation], acting_user: Any) -> None:
    bomca = _programme(
        acting_user,
        "bomca10",
        code="BOMCA 10",
        title="Border Management Programme in Central Asia, phase 10",
        description=(
            "Supports the border agencies of Kazakhstan, Kyrgyzstan, Tajikistan, Turkmenistan and "
            "Uzbekistan in institutional development, detection capacities, trade facilitation and "
            "cross-border cooperation. Regional office in Bishkek."
        ),
        donor=orgs["EU"],
        lead_implementer=orgs["SBG Latvia"],
        planned_start=D(2021, 4, 1),
        planned_end=D(2025, 9, 30),
        currency="EUR",
        initial_budget=Decimal("21650000.00"),
        data_note=ILLUSTRATIVE_NOTE,
    )
    _partners(
        acting_user,
        bomca,
        [
            (orgs["SBG Latvia"], PartnerRole.LEAD),
            (orgs["SBGS Lithuania"], PartnerRole.PARTNER),
            (orgs["SRS Latvia"], PartnerRole.PARTNER),
            (orgs["ICMPD"], PartnerRole.PARTNER),
        ],
    )
    for code, shorts in BOMCA_COUNTRIES.items():
        _country(acting_user, bomca, code, [orgs[s] for s in shorts])
    for code, title, lead in [
        ("C1", "Institutional development of border control agencies", "SBG Latvia"),
        ("C2", "Improvement of detection capacities", "SBGS Lithuania"),
        ("C3", "Trade facilitation", "SRS Latvia"),
        ("C4", "Improvement of cross-border cooperation, incl. NGO support in border areas", "ICMPD"),
    ]:
        ensure(
            Component,
            services.save_component,
            acting_user=acting_user,
            lookup={"programme": bomca, "code": code},
            defaults={"title": title, "lead_partner": orgs[lead]},
        )
    # Implementation years run from April, as the programme started on 1 April 2021.
    years = [(f"Year {n}", D(2020 + n, 4, 1), D(2021 + n, 3, 31)) for n in range(1, 5)]
    years.append(("Year 5", D(2025, 4, 1), D(2025, 9, 30)))
    for label, start, end in years:
        ensure(
            ReportingPeriod,
            services.save_period,
            acting_user=acting_user,
            lookup={"programme": bomca, "label": label},
            defaults={"kind": PeriodKind.YEAR, "start": start, "end": end, "locked": end < D(2024, 4, 1)},
        )
    components = {c.code: c for c in bomca.components.all()}
    for title, country, component, likelihood, impact, mitigation, owner in [
        (
            "Delays in equipment delivery (import procedures, tax exemption)",
            "",
            "C1",
            4,
            4,
            "Start exemption requests with the specifications; plan deliveries with a buffer of one quarter.",
            "Programme manager",
        ),
        (
            "Handed-over equipment left unused",
            "",
            "C2",
            3,
            4,
            "Operator training before handover; verification visits six months after handover.",
            "Component leads",
        ),
        (
            "Turnover of trained staff in beneficiary agencies",
            "",
            "C1",
            3,
            3,
            "Training of trainers and curricula embedded in national training centres.",
            "Component 1 lead",
        ),
        (
            "Deteriorating security at the Tajik-Afghan border limits field activities",
            "TJ",
            "C2",
            3,
            5,
            "Remote formats and activities moved to Dushanbe when the situation requires.",
            "Country coordinator TJ",
        ),
        (
            "Limited access of experts to border areas",
            "TM",
            "C4",
            4,
            3,
            "Agree activity lists with the MFA a year ahead; use study visits abroad.",
            "Country coordinator TM",
        ),
    ]:
        ensure(
            Risk,
            services.save_risk,
            acting_user=acting_user,
            lookup={"programme": bomca, "title": title},
            defaults={
                "country": country,
                "component": components[component],
                "likelihood": likelihood,
                "impact": impact,
                "mitigation": mitigation,
                "owner": owner,
                "raised_on": RISKS_RAISED_ON[title],
            },
        )


# When each risk entered the register: some at the start, some as the programmes went on; a pack
# shows the risks its group could know on its date.
RISKS_RAISED_ON = {
    "Delays in equipment delivery (import procedures, tax exemption)": D(2021, 6, 15),
    "Turnover of trained staff in beneficiary agencies": D(2021, 6, 15),
    "Deteriorating security at the Tajik-Afghan border limits field activities": D(2021, 8, 20),
    "Handed-over equipment left unused": D(2022, 9, 30),
    "Limited access of experts to border areas": D(2023, 3, 15),
    "Attacks on infrastructure damage delivered equipment": D(2022, 11, 1),
    "Power cuts stop stationary scanners at border crossing points": D(2022, 11, 24),
    "Cyber attacks on parliamentary data services": D(2023, 2, 20),
    "Delivery of large mobile scanners slips beyond the end date": D(2023, 8, 10),
}


def _load_eu4ibm(orgs: dict[str, Organisation], acting_user: Any) -> None:
    eu4ibm = _programme(
        acting_user,
        "eu4ibm-resilience",
        code="EU4IBM-Resilience",
        title="EU Support in Strengthening Integrated Border Management in Ukraine – Resilience",
        description=(
            "Helps Ukraine's border and customs agencies and the Parliament keep working under war "
            "conditions: equipment, rehabilitation, asset management, trade facilitation and secured "
            "operation of the legislature."
        ),
        donor=orgs["EU"],
        lead_implementer=orgs["ICMPD"],
        # Start and initial budget are not public (TBC): illustrative values.
        planned_start=D(2022, 11, 1),
        planned_end=D(2024, 10, 31),
        currency="EUR",
        initial_budget=Decimal("15000000.00"),
        data_note=ILLUSTRATIVE_NOTE,
    )
    _partners(acting_user, eu4ibm, [(orgs["ICMPD"], PartnerRole.LEAD)])
    _country(acting_user, eu4ibm, "UA", [orgs[s] for s in UKRAINE_INSTITUTIONS])
    for code, title in [
        ("1", "Border management resilience"),
        ("2", "Trade facilitation"),
        ("3", "Sector management support"),
        ("4", "Secured operation of legislature"),
    ]:
        ensure(
            Component,
            services.save_component,
            acting_user=acting_user,
            lookup={"programme": eu4ibm, "code": code},
            defaults={"title": title, "lead_partner": orgs["ICMPD"]},
        )
    # The top-up and the extension to mid-2025 were announced at the PSG of November 2023;
    # the amount and the signature date are illustrative.
    for signed_on, kind, reference, delta, new_end, why in [
        (
            D(2023, 12, 15),
            AmendmentKind.TOP_UP,
            "Addendum 1",
            Decimal("5000000.00"),
            None,
            "Additional large mobile scanners, UPS units for stationary scanners and further support to SBGS "
            "rehabilitation, as announced at the third Project Steering Group.",
        ),
        (
            D(2023, 12, 15),
            AmendmentKind.EXTENSION,
            "Addendum 1",
            Decimal("0"),
            D(2025, 6, 30),
            "Deliveries of the scanners contracted in 2024 fall after the original end date.",
        ),
    ]:
        ensure(
            Amendment,
            services.record_amendment,
            acting_user=acting_user,
            lookup={"programme": eu4ibm, "kind": kind, "signed_on": signed_on},
            defaults={
                "reference": reference,
                "budget_delta": delta,
                "new_end_date": new_end,
                "justification": why,
            },
        )
    semesters = [
        ("2022-11/2023-04", D(2022, 11, 1), D(2023, 4, 30)),
        ("2023-05/2023-10", D(2023, 5, 1), D(2023, 10, 31)),
        ("2023-11/2024-04", D(2023, 11, 1), D(2024, 4, 30)),
        ("2024-05/2024-10", D(2024, 5, 1), D(2024, 10, 31)),
        ("2024-11/2025-06", D(2024, 11, 1), D(2025, 6, 30)),
    ]
    for label, start, end in semesters:
        ensure(
            ReportingPeriod,
            services.save_period,
            acting_user=acting_user,
            lookup={"programme": eu4ibm, "label": label},
            defaults={"kind": PeriodKind.SEMESTER, "start": start, "end": end, "locked": end < D(2024, 5, 1)},
        )
    components = {c.code: c for c in eu4ibm.components.all()}
    for title, component, likelihood, impact, mitigation, owner in [
        (
            "Power cuts stop stationary scanners at border crossing points",
            "2",
            5,
            4,
            "UPS units procured for the stationary scanners; generators at the busiest crossings.",
            "Component 2 lead",
        ),
        (
            "Attacks on infrastructure damage delivered equipment",
            "1",
            4,
            4,
            "Equipment stored dispersed; insurance and replacement reserve in the budget.",
            "Programme manager",
        ),
        (
            "Delivery of large mobile scanners slips beyond the end date",
            "2",
            3,
            4,
            "Early tender; extension to mid-2025 requested.",
            "Programme manager",
        ),
        (
            "Cyber attacks on parliamentary data services",
            "4",
            3,
            5,
            "Cloud services with EU providers and off-site backups.",
            "Component 4 lead",
        ),
    ]:
        ensure(
            Risk,
            services.save_risk,
            acting_user=acting_user,
            lookup={"programme": eu4ibm, "title": title},
            defaults={
                "country": "UA",
                "component": components[component],
                "likelihood": likelihood,
                "impact": impact,
                "mitigation": mitigation,
                "owner": owner,
                "raised_on": RISKS_RAISED_ON[title],
            },
        )


# Budget lines and spend are not public: every figure below is illustrative. Spend per period is a
# share of each line; per country, a share of the spend that is not regional.
BUDGETS: dict[str, dict[str, Any]] = {
    "bomca10": {
        "lines": [
            ("C1", "Institutional development: training, expertise and equipment", "6000000"),
            ("C2", "Detection capacities: training and equipment", "6500000"),
            ("C3", "Trade facilitation", "3500000"),
            ("C4", "Cross-border cooperation and NGO grants", "3000000"),
            ("", "Management, regional office and visibility", "2650000"),
        ],
        "periods": {"Year 1": "0.12", "Year 2": "0.20", "Year 3": "0.24", "Year 4": "0.24", "Year 5": "0.12"},
        "countries": {"KZ": "0.12", "KG": "0.14", "TJ": "0.14", "TM": "0.08", "UZ": "0.12"},
    },
    "eu4ibm-resilience": {
        "lines": [
            # The lines break down the initial EUR 15 million; the top-up of December 2023 is not yet
            # broken down, so the budget page says EUR 5,000,000 is not allocated to a line.
            ("1", "Border management resilience: equipment and rehabilitation", "6000000"),
            ("2", "Trade facilitation: scanners, UPS units, canine teams", "5000000"),
            ("3", "Sector management support", "1500000"),
            ("4", "Secured operation of the legislature", "1500000"),
            ("", "Management and visibility", "1000000"),
        ],
        "periods": {
            "2022-11/2023-04": "0.08",
            "2023-05/2023-10": "0.15",
            "2023-11/2024-04": "0.25",
            "2024-05/2024-10": "0.25",
            "2024-11/2025-06": "0.20",
        },
        "countries": {"UA": "1"},
    },
}


def _load_budgets(acting_user: Any) -> None:
    for slug, budget in BUDGETS.items():
        programme = Programme.objects.get(slug=slug)
        components = {c.code: c for c in programme.components.all()}
        periods = {p.label: p for p in programme.periods.all()}
        for code, label, amount in budget["lines"]:
            line = ensure(
                BudgetLine,
                services.save_budget_line,
                acting_user=acting_user,
                lookup={"programme": programme, "label": label},
                defaults={"component": components.get(code), "amount": Decimal(amount)},
            )
            shares = dict(budget["countries"]) if code else {}
            shares[""] = str(1 - sum(Decimal(v) for v in shares.values()))
            for period_label, fraction in budget["periods"].items():
                for country, share in shares.items():
                    value = (line.amount * Decimal(fraction) * Decimal(share)).quantize(Decimal("1"))
                    if value:
                        ensure(
                            Expenditure,
                            services.record_expenditure,
                            acting_user=acting_user,
                            lookup={"budget_line": line, "period": periods[period_label], "country": country},
                            defaults={"amount": value},
                        )
