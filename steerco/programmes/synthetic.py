"""Synthetic programmes: organisations, countries with institutions, components, quarters, risks."""

from __future__ import annotations

import datetime
from decimal import Decimal

from steerco.core.synthetic import COMPONENTS, COUNTRIES, QUARTERS, Portfolio

from . import services
from .models import (
    Amendment,
    AmendmentKind,
    Component,
    Organisation,
    OrganisationKind,
    PeriodKind,
    Programme,
    ProgrammeCountry,
    ReportingPeriod,
    Risk,
)

START = datetime.date(2021, 1, 1)
RISK_TITLES = [
    "Delays in equipment delivery",
    "Equipment unused after handover",
    "Turnover of trained staff",
    "Access to border areas restricted",
    "Power cuts at border crossing points",
    "Changes in the beneficiary's leadership",
]


def quarter_bounds(index: int) -> tuple[datetime.date, datetime.date]:
    year, quarter = START.year + index // 4, index % 4
    start = datetime.date(year, 3 * quarter + 1, 1)
    end = datetime.date(year + (quarter == 3), (3 * quarter + 3) % 12 + 1, 1) - datetime.timedelta(days=1)
    return start, end


def generate(portfolio: Portfolio) -> None:
    rng, user = portfolio.rng, portfolio.acting_user
    save = services.save_organisation
    donor = Organisation(name="Synthetic donor", kind=OrganisationKind.DONOR)
    save(donor, acting_user=user)
    partners = []
    for n in range(1, 5):
        partner = Organisation(
            name=f"Synthetic partner {n}", short_name=f"SP{n}", kind=OrganisationKind.PARTNER
        )
        save(partner, acting_user=user)
        partners.append(partner)
    institutions: dict[str, list[Organisation]] = {}
    for code in COUNTRIES:
        institutions[code] = []
        for kind in ("Border Service", "Customs", "Ministry of Foreign Affairs"):
            org = Organisation(name=f"{kind} {code}", kind=OrganisationKind.BENEFICIARY, country=code)
            save(org, acting_user=user)
            institutions[code].append(org)

    for n in portfolio.step("programmes", range(1, portfolio.scale + 1)):
        end = quarter_bounds(QUARTERS - 1)[1]
        programme = Programme(
            slug=f"synthetic-{n}",
            code=f"SYN-{n:03d}",
            title=f"Synthetic regional programme {n}",
            donor=donor,
            lead_implementer=partners[0],
            planned_start=START,
            planned_end=end - datetime.timedelta(days=365),
            initial_budget=Decimal(rng.randrange(10_000, 30_000)) * 1000,
            data_note="Synthetic data for load tests.",
        )
        services.create_programme(programme, acting_user=user)
        services.record_amendment(
            Amendment(
                programme=programme,
                signed_on=START + datetime.timedelta(days=700),
                kind=AmendmentKind.EXTENSION,
                new_end_date=end,
                justification="Deliveries fall after the original end date.",
            ),
            acting_user=user,
        )
        for code in COUNTRIES:
            services.save_programme_country(
                ProgrammeCountry(programme=programme, country=code),
                acting_user=user,
                institutions=institutions[code],
            )
        for c in range(1, COMPONENTS + 1):
            services.save_component(
                Component(
                    programme=programme, code=f"C{c}", title=f"Component {c}", lead_partner=partners[c - 1]
                ),
                acting_user=user,
            )
        for q in range(QUARTERS):
            start, stop = quarter_bounds(q)
            services.save_period(
                ReportingPeriod(
                    programme=programme,
                    label=f"{start.year}-Q{q % 4 + 1}",
                    kind=PeriodKind.QUARTER,
                    start=start,
                    end=stop,
                    locked=q < QUARTERS - 4,
                ),
                acting_user=user,
            )
        for title in RISK_TITLES:
            services.save_risk(
                Risk(
                    programme=programme,
                    title=title,
                    country=rng.choice(["", *COUNTRIES]),
                    likelihood=rng.randint(1, 5),
                    impact=rng.randint(1, 5),
                    mitigation="Monitored at every steering meeting.",
                    raised_on=START,
                ),
                acting_user=user,
            )
        portfolio.programmes.append(programme)
