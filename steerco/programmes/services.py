"""Writes to programmes and their frame; each one atomic and audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from steerco.accounts.models import Membership
from steerco.audit import versions
from steerco.audit.services import delete_audited, save_audited
from steerco.core.permissions import ensure_may
from steerco.core.removals import lock_programme, refuse
from steerco.core.roles import Action, Role

from .models import (
    Amendment,
    BudgetLine,
    Component,
    Expenditure,
    Organisation,
    Programme,
    ProgrammeCountry,
    ProgrammePartner,
    ReportingPeriod,
    Risk,
)


@transaction.atomic
def save_organisation(organisation: Organisation, *, acting_user: Any) -> Organisation:
    ensure_may(acting_user, Action.SETUP, organisation)
    save_audited(organisation, acting_user=acting_user)
    return organisation


@transaction.atomic
def create_programme(programme: Programme, *, acting_user: Any) -> Programme:
    """Create a programme; its creator becomes its manager unless they administer the site."""
    ensure_may(acting_user, Action.SETUP, programme)
    save_audited(programme, acting_user=acting_user)
    if not acting_user.is_superuser:
        membership = Membership(user=acting_user, programme=programme, role=Role.MANAGER)
        save_audited(membership, acting_user=acting_user)
    return programme


@transaction.atomic
def update_programme(programme: Programme, *, acting_user: Any, rationale: str = "") -> Programme:
    ensure_may(acting_user, Action.SETUP, programme)
    save_audited(programme, acting_user=acting_user, rationale=rationale)
    return programme


@transaction.atomic
def save_programme_partner(partner: ProgrammePartner, *, acting_user: Any) -> ProgrammePartner:
    ensure_may(acting_user, Action.SETUP, partner)
    save_audited(partner, acting_user=acting_user)
    return partner


@transaction.atomic
def save_programme_country(
    programme_country: ProgrammeCountry,
    *,
    acting_user: Any,
    institutions: Iterable[Organisation] | None = None,
) -> ProgrammeCountry:
    ensure_may(acting_user, Action.SETUP, programme_country)
    m2m = {"institutions": list(institutions)} if institutions is not None else None
    save_audited(programme_country, acting_user=acting_user, m2m=m2m)
    return programme_country


@transaction.atomic
def save_component(component: Component, *, acting_user: Any) -> Component:
    ensure_may(acting_user, Action.SETUP, component)
    save_audited(component, acting_user=acting_user)
    return component


@transaction.atomic
def record_amendment(amendment: Amendment, *, acting_user: Any) -> Amendment:
    """Record an amendment; the programme's budget and end date follow from it."""
    ensure_may(acting_user, Action.SETUP, amendment)
    save_audited(amendment, acting_user=acting_user, rationale=amendment.justification)
    return amendment


@transaction.atomic
def save_period(period: ReportingPeriod, *, acting_user: Any) -> ReportingPeriod:
    ensure_may(acting_user, Action.SETUP, period)
    save_audited(period, acting_user=acting_user)
    return period


@transaction.atomic
def save_risk(risk: Risk, *, acting_user: Any) -> Risk:
    ensure_may(acting_user, Action.SETUP, risk)
    save_audited(risk, acting_user=acting_user)
    return risk


@transaction.atomic
def delete_risk(risk: Risk, *, acting_user: Any, rationale: str = "") -> None:
    ensure_may(acting_user, Action.SETUP, risk)
    delete_audited(risk, acting_user=acting_user, rationale=rationale)


@transaction.atomic
def save_budget_line(line: BudgetLine, *, acting_user: Any) -> BudgetLine:
    ensure_may(acting_user, Action.SETUP, line)
    save_audited(line, acting_user=acting_user)
    return line


@transaction.atomic
def record_expenditure(expenditure: Expenditure, *, acting_user: Any) -> Expenditure:
    ensure_may(acting_user, Action.SETUP, expenditure)
    save_audited(expenditure, acting_user=acting_user)
    return expenditure


def expenditure_removal_refusal(expenditure: Expenditure) -> str:
    """Why the spend line can no longer be removed, or "" when it can (the rules: README.md, "Removing")."""
    from steerco.steering.circulated import pack_holding_expenditure

    circulated = pack_holding_expenditure(expenditure)
    return circulated.reason() if circulated is not None else ""


def amendment_removal_refusal(amendment: Amendment) -> str:
    """Why the amendment can no longer be removed, or "" when it can."""
    from steerco.steering.circulated import pack_holding_amendment

    circulated = pack_holding_amendment(amendment)
    return circulated.reason() if circulated is not None else ""


@transaction.atomic
def remove_expenditure(expenditure: Expenditure, *, acting_user: Any) -> None:
    """Remove a spend line entered by mistake; refused once a circulated pack's budget counts it."""
    ensure_may(acting_user, Action.SETUP, expenditure)
    lock_programme(expenditure.budget_line.programme_id)
    stored = versions.lock(expenditure)
    refuse(expenditure_removal_refusal(stored))
    delete_audited(stored, acting_user=acting_user)


@transaction.atomic
def remove_amendment(amendment: Amendment, *, acting_user: Any) -> None:
    """Remove an amendment entered by mistake (the budget and end date follow); refused once a
    circulated pack lists it."""
    ensure_may(acting_user, Action.SETUP, amendment)
    lock_programme(amendment.programme_id)
    stored = versions.lock(amendment)
    refuse(amendment_removal_refusal(stored))
    delete_audited(stored, acting_user=acting_user)
