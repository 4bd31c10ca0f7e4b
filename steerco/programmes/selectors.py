"""Reads of programmes and their frame, each starting from `restrict`."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from steerco.core.content import set_main_language
from steerco.core.roles import Action
from steerco.core.scoping import can, get_scoped_or_404, grants

from .budget import BudgetAsOf, budget_as_of
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


def visible_programmes(user: Any) -> QuerySet[Programme]:
    return (
        Programme.objects.restrict(user, Action.VIEW)
        .select_related("donor", "lead_implementer")
        .prefetch_related(
            Prefetch("countries", queryset=ProgrammeCountry.objects.restrict(user, Action.VIEW)),
            "amendments",
        )
        .annotate(component_count=Count("components", distinct=True))
    )


def programme_for(user: Any, slug: str, action: str = Action.VIEW) -> Programme:
    programme = get_scoped_or_404(Programme.objects.all(), user, action, slug=slug)
    # Texts of this programme missing in the reader's language are shown in its main language.
    set_main_language(programme.language)
    return programme


def programme_overview(user: Any, slug: str) -> dict[str, Any]:
    programme = get_scoped_or_404(
        Programme.objects.select_related("donor", "lead_implementer").prefetch_related(  # type: ignore[type-var]
            Prefetch(
                "countries", queryset=ProgrammeCountry.objects.restrict(user).prefetch_related("institutions")
            ),
            Prefetch("components", queryset=Component.objects.select_related("lead_partner")),
            "partners__organisation",
            "amendments",
        ),
        user,
        slug=slug,
    )
    set_main_language(programme.language)
    risks = sorted(
        Risk.objects.restrict(user)
        .filter(programme=programme)
        .exclude(status="closed")
        .select_related("component"),
        key=lambda r: (-r.severity, r.title),
    )
    return {
        "programme": programme,
        "terms": programme.current_terms(list(programme.amendments.all()), on=timezone.localdate()),
        "countries": list(programme.countries.all()),
        "components": list(programme.components.all()),
        "partners": list(programme.partners.all()),
        "risks": risks,
        "budget": budget_summary(user, programme, timezone.localdate()),
    }


def country_for(user: Any, programme: Programme, iso2: str, action: str = Action.VIEW) -> ProgrammeCountry:
    return get_scoped_or_404(
        ProgrammeCountry.objects.select_related("programme").prefetch_related("institutions"),
        user,
        action,
        programme=programme,
        country=iso2.upper(),
    )


def amendments_of(programme: Programme) -> list[Amendment]:
    return list(programme.amendments.all())


def risks_of(user: Any, programme: Programme) -> QuerySet[Risk]:
    return Risk.objects.restrict(user).filter(programme=programme).select_related("component")


def periods_of(programme: Programme) -> QuerySet[ReportingPeriod]:
    return ReportingPeriod.objects.filter(programme=programme)


def organisations_for(user: Any) -> QuerySet[Organisation]:
    """The organisations a reader may list: those of the programmes they see (donor, lead implementer,
    partners, component leads, the beneficiary institutions of the countries they see) and their own.

    Administrators, and those who set up a programme (they add and edit organisations, and their
    forms offer every one), see them all.
    """
    if user.is_superuser or grants(user, Action.SETUP):
        return Organisation.objects.all()
    programmes = Programme.objects.restrict(user, Action.VIEW)
    countries = ProgrammeCountry.objects.restrict(user, Action.VIEW)
    return Organisation.objects.filter(
        Q(pk__in=programmes.values("donor"))
        | Q(pk__in=programmes.values("lead_implementer"))
        | Q(
            pk__in=ProgrammePartner.objects.filter(programme__in=programmes.values("pk")).values(
                "organisation"
            )
        )
        | Q(pk__in=Component.objects.filter(programme__in=programmes.values("pk")).values("lead_partner"))
        | Q(pk__in=countries.values("institutions"))
        | Q(pk=user.organisation_id)
    )


def budget_summary(user: Any, programme: Programme, on: datetime.date) -> BudgetAsOf | None:
    """The budget as of `on` for a reader of the budget (two queries; amendments prefetched), else None."""
    if not can(user, Action.BUDGET, programme.pk):
        return None
    return budget_as_of(
        programme,
        on,
        amendments=list(programme.amendments.all()),
        lines=BudgetLine.objects.restrict(user, Action.BUDGET),
        spend=Expenditure.objects.restrict(user, Action.BUDGET),
    )


def budget_of(user: Any, programme: Programme, on: datetime.date) -> dict[str, Any]:
    """The budget as of `on` and the spend rows behind it (read only by the export), for the budget page."""
    spend = Expenditure.objects.restrict(user, Action.BUDGET).filter(budget_line__programme=programme)
    budget = budget_as_of(
        programme,
        on,
        amendments=list(programme.amendments.all()),
        lines=BudgetLine.objects.restrict(user, Action.BUDGET),
        spend=spend,
    )
    return {
        "budget": budget,
        "expenditures": spend.filter(period__start__lte=on).select_related(
            "budget_line__component", "period"
        ),
    }


def spend_list(
    user: Any, programme: Programme, on: datetime.date, filters: dict[str, str]
) -> QuerySet[Expenditure]:
    """The spend rows the reader may read, for the periods begun by `on` (the budget page's rule), filtered
    by `period` and `line` (ids), `country` (an ISO code, or "-" for programme-wide spend)."""
    spend = (
        Expenditure.objects.restrict(user, Action.BUDGET)
        .filter(budget_line__programme=programme, period__start__lte=on)
        .select_related("budget_line__component", "period")
    )
    if filters.get("period", "").isdigit():
        spend = spend.filter(period_id=int(filters["period"]))
    if filters.get("line", "").isdigit():
        spend = spend.filter(budget_line_id=int(filters["line"]))
    country = filters.get("country", "")
    if country == "-":
        spend = spend.filter(country="")
    elif len(country) == 2 and country.isalpha():
        spend = spend.filter(country=country.upper())
    return spend


def spend_total(user: Any, programme: Programme, on: datetime.date, spend: QuerySet[Expenditure]) -> Any:
    """What `spend` adds up to, as the budget counts it: `BudgetAsOf.spent_to_date` over those rows only
    (two queries, whatever their number). The terms are not read here, so no amendment is loaded."""
    return budget_as_of(
        programme, on, amendments=(), lines=BudgetLine.objects.restrict(user, Action.BUDGET), spend=spend
    ).spent_to_date


def organisations_programme_first(programme: Programme, kind: str | None = None) -> Any:
    """Every organisation (of `kind`, when given), the programme's own (partners and beneficiary
    institutions) first, each part sorted by the name the reader sees: what an organisation list in
    one programme's form offers."""
    from django.db.models import Exists, OuterRef, Q

    from steerco.core.content import order_by_shown

    from .models import Organisation, ProgrammePartner

    ours = Exists(ProgrammePartner.objects.filter(programme=programme, organisation=OuterRef("pk"))) | Q(
        programme_countries__programme=programme
    )
    organisations = Organisation.objects.all() if kind is None else Organisation.objects.filter(kind=kind)
    return organisations.annotate(ours=Exists(Organisation.objects.filter(ours, pk=OuterRef("pk")))).order_by(
        "-ours", order_by_shown("name")
    )
