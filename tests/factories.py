"""Plain builders for test data; each returns a saved object with sensible defaults."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal
from typing import Any

from steerco.accounts.models import Membership, User
from steerco.programmes.models import (
    Amendment,
    AmendmentKind,
    Component,
    Organisation,
    OrganisationKind,
    Programme,
    ProgrammeCountry,
    ReportingPeriod,
    Risk,
)

_seq = itertools.count(1)


def organisation(**fields: Any) -> Organisation:
    n = next(_seq)
    fields.setdefault("name", f"Organisation {n}")
    fields.setdefault("kind", OrganisationKind.PARTNER)
    return Organisation.objects.create(**fields)


def programme(**fields: Any) -> Programme:
    n = next(_seq)
    fields.setdefault("slug", f"programme-{n}")
    fields.setdefault("code", f"P{n}")
    fields.setdefault("title", f"Programme {n}")
    if "donor" not in fields:
        fields["donor"] = organisation(kind=OrganisationKind.DONOR)
    if "lead_implementer" not in fields:
        fields["lead_implementer"] = organisation(kind=OrganisationKind.IMPLEMENTER)
    fields.setdefault("planned_start", datetime.date(2021, 4, 1))
    fields.setdefault("planned_end", datetime.date(2025, 9, 30))
    fields.setdefault("initial_budget", Decimal("1000000"))
    return Programme.objects.create(**fields)


def country(prog: Programme, code: str, institutions: int = 1) -> ProgrammeCountry:
    pc = ProgrammeCountry.objects.create(programme=prog, country=code)
    for _ in range(institutions):
        pc.institutions.add(organisation(kind=OrganisationKind.BENEFICIARY, country=code))
    return pc


def component(prog: Programme, **fields: Any) -> Component:
    fields.setdefault("code", f"C{next(_seq)}")
    fields.setdefault("title", "A component")
    return Component.objects.create(programme=prog, **fields)


def period(prog: Programme, start: datetime.date, end: datetime.date, **fields: Any) -> ReportingPeriod:
    fields.setdefault("label", f"{start:%Y-%m}..{end:%Y-%m}")
    fields.setdefault("kind", "year")
    return ReportingPeriod.objects.create(programme=prog, start=start, end=end, **fields)


def amendment(prog: Programme, **fields: Any) -> Amendment:
    fields.setdefault("signed_on", prog.planned_start + datetime.timedelta(days=300))
    fields.setdefault("kind", AmendmentKind.LOGFRAME_REVISION)
    fields.setdefault("justification", "Indicators revised after the inception phase")
    return Amendment.objects.create(programme=prog, **fields)


def risk(prog: Programme, **fields: Any) -> Risk:
    fields.setdefault("title", f"Risk {next(_seq)}")
    fields.setdefault("likelihood", 3)
    fields.setdefault("impact", 3)
    return Risk.objects.create(programme=prog, **fields)


def user(username: str, *memberships: tuple[Programme, str, str], **fields: Any) -> User:
    u = User.objects.create_user(username=username, password="pw", **fields)
    for prog, country_code, role in memberships:
        Membership.objects.create(user=u, programme=prog, country=country_code, role=role)
    return u
