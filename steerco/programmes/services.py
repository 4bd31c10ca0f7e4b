"""Writes to programmes and their frame; each one atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from steerco.accounts.models import Membership
from steerco.audit.services import delete_audited, save_audited
from steerco.core.roles import Role

from .models import (
    Amendment,
    BudgetLine,
    Component,
    Expenditure,
    Organisation,
    Programme,
    ProgrammeCountry,
    ReportingPeriod,
    Risk,
)


@transaction.atomic
def save_organisation(organisation: Organisation, *, acting_user: Any) -> Organisation:
    save_audited(organisation, acting_user=acting_user)
    return organisation


@transaction.atomic
def create_programme(programme: Programme, *, acting_user: Any) -> Programme:
    """Create a programme; its creator becomes its manager unless they administer the site."""
    save_audited(programme, acting_user=acting_user)
    if acting_user is not None and not acting_user.is_superuser:
        membership = Membership(user=acting_user, programme=programme, role=Role.MANAGER)
        save_audited(membership, acting_user=acting_user)
    return programme


@transaction.atomic
def update_programme(programme: Programme, *, acting_user: Any, rationale: str = "") -> Programme:
    save_audited(programme, acting_user=acting_user, rationale=rationale)
    return programme


@transaction.atomic
def save_programme_country(
    programme_country: ProgrammeCountry,
    *,
    acting_user: Any,
    institutions: Iterable[Organisation] | None = None,
) -> ProgrammeCountry:
    m2m = {"institutions": list(institutions)} if institutions is not None else None
    save_audited(programme_country, acting_user=acting_user, m2m=m2m)
    return programme_country


@transaction.atomic
def save_component(component: Component, *, acting_user: Any) -> Component:
    save_audited(component, acting_user=acting_user)
    return component


@transaction.atomic
def record_amendment(amendment: Amendment, *, acting_user: Any) -> Amendment:
    """Record an amendment; the programme's budget and end date follow from it."""
    save_audited(amendment, acting_user=acting_user, rationale=amendment.justification)
    return amendment


@transaction.atomic
def save_period(period: ReportingPeriod, *, acting_user: Any) -> ReportingPeriod:
    save_audited(period, acting_user=acting_user)
    return period


@transaction.atomic
def save_risk(risk: Risk, *, acting_user: Any) -> Risk:
    save_audited(risk, acting_user=acting_user)
    return risk


@transaction.atomic
def delete_risk(risk: Risk, *, acting_user: Any, rationale: str = "") -> None:
    delete_audited(risk, acting_user=acting_user, rationale=rationale)


@transaction.atomic
def save_budget_line(line: BudgetLine, *, acting_user: Any) -> BudgetLine:
    save_audited(line, acting_user=acting_user)
    return line


@transaction.atomic
def record_expenditure(expenditure: Expenditure, *, acting_user: Any) -> Expenditure:
    save_audited(expenditure, acting_user=acting_user)
    return expenditure
