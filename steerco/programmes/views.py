"""Pages of programmes: list, overview, country page, and the set-up forms of their frame."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _

from steerco.core.roles import Action
from steerco.core.scoping import can, get_scoped_or_404, grants
from steerco.core.views import edit_page, posted
from steerco.reports.export import export_name, export_response, requested_format

from . import exports, selectors, services
from .forms import (
    AmendmentForm,
    BudgetLineForm,
    ComponentForm,
    ExpenditureForm,
    OrganisationForm,
    PeriodForm,
    ProgrammeCountryForm,
    ProgrammeForm,
    RiskForm,
)
from .models import (
    Amendment,
    BudgetLine,
    Component,
    Expenditure,
    Organisation,
    ProgrammeCountry,
    ReportingPeriod,
    Risk,
)
from .timeline import timeline_svg


def _may_manage_reference_data(user) -> bool:  # type: ignore[no-untyped-def]
    return user.is_superuser or bool(grants(user, Action.SETUP))


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.visible_programmes(request.user))
    rows = [(p, p.current_terms(list(p.amendments.all()))) for p in programmes]
    return render(
        request,
        "programmes/programme_list.html",
        {"rows": rows, "may_create": _may_manage_reference_data(request.user)},
    )


@login_required
def programme_create(request: HttpRequest) -> HttpResponse:
    if not _may_manage_reference_data(request.user):
        raise Http404
    form = ProgrammeForm(posted(request))
    return edit_page(
        request,
        form=form,
        save=lambda f: services.create_programme(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=lambda p: reverse("programmes:overview", args=[p.slug]),
        context={"title": _("New programme")},
    )


@login_required
def programme_overview(request: HttpRequest, slug: str) -> HttpResponse:
    context = selectors.programme_overview(request.user, slug)
    programme = context["programme"]
    context["timeline"] = timeline_svg(programme, context["terms"])
    context["may_setup"] = can(request.user, Action.SETUP, programme.pk)
    return render(request, "programmes/overview.html", context)


@login_required
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    form = ProgrammeForm(posted(request), instance=programme)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.update_programme(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=lambda p: reverse("programmes:overview", args=[p.slug]),
        context={"programme": programme, "title": _("Edit programme")},
    )


@login_required
def country_page(request: HttpRequest, slug: str, iso2: str) -> HttpResponse:
    if iso2 != iso2.lower():
        raise Http404
    programme = selectors.programme_for(request.user, slug)
    programme_country = selectors.country_for(request.user, programme, iso2)
    risks = selectors.risks_of(request.user, programme).filter(country=programme_country.country)
    return render(
        request,
        "programmes/country.html",
        {
            "programme": programme,
            "pc": programme_country,
            "institutions": list(programme_country.institutions.all()),
            "risks": sorted(risks, key=lambda r: -r.severity),
            "may_setup": can(request.user, Action.SETUP, programme.pk),
        },
    )


@login_required
def country_edit(request: HttpRequest, slug: str, iso2: str | None = None) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    if iso2 is None:
        instance = ProgrammeCountry(programme=programme)
    else:
        instance = selectors.country_for(request.user, programme, iso2, Action.SETUP)
    form = ProgrammeCountryForm(posted(request), instance=instance)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_programme_country(
            f.instance, acting_user=request.user, institutions=f.cleaned_data["institutions"]
        ),
        template="programmes/form.html",
        success_url=lambda pc: reverse("programmes:country", args=[programme.slug, pc.iso]),
        context={"programme": programme, "title": _("Country") if iso2 else _("Add a country")},
    )


@login_required
def component_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    instance = (
        Component(programme=programme)
        if pk is None
        else get_scoped_or_404(
            Component.objects.all(), request.user, Action.SETUP, pk=pk, programme=programme
        )
    )
    form = ComponentForm(posted(request), instance=instance)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_component(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=reverse("programmes:overview", args=[programme.slug]),
        context={"programme": programme, "title": _("Component")},
    )


@login_required
def amendment_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug)
    amendments = selectors.amendments_of(programme)
    return render(
        request,
        "programmes/amendments.html",
        {
            "programme": programme,
            "terms": programme.current_terms(amendments),
            "may_setup": can(request.user, Action.SETUP, programme.pk),
        },
    )


@login_required
def amendment_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    instance = (
        Amendment(programme=programme)
        if pk is None
        else get_scoped_or_404(
            Amendment.objects.all(), request.user, Action.SETUP, pk=pk, programme=programme
        )
    )
    form = AmendmentForm(posted(request), instance=instance)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.record_amendment(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=reverse("programmes:amendments", args=[programme.slug]),
        context={
            "programme": programme,
            "title": _("Record an amendment") if pk is None else _("Correct an amendment"),
        },
    )


@login_required
def period_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug)
    return render(
        request,
        "programmes/periods.html",
        {
            "programme": programme,
            "periods": list(selectors.periods_of(programme)),
            "may_setup": can(request.user, Action.SETUP, programme.pk),
        },
    )


@login_required
def period_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    instance = (
        ReportingPeriod(programme=programme)
        if pk is None
        else get_object_or_404(ReportingPeriod, pk=pk, programme=programme)
    )
    form = PeriodForm(posted(request), instance=instance)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_period(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=reverse("programmes:periods", args=[programme.slug]),
        context={"programme": programme, "title": _("Reporting period")},
    )


@login_required
def risk_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug)
    risks = sorted(
        selectors.risks_of(request.user, programme), key=lambda r: (r.status == "closed", -r.severity)
    )
    if fmt := requested_format(request):
        return export_response(exports.risks_table(risks), fmt, export_name(programme, "risks"))
    return render(
        request,
        "programmes/risks.html",
        {"programme": programme, "risks": risks, "may_setup": can(request.user, Action.SETUP, programme.pk)},
    )


@login_required
def risk_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    instance = (
        Risk(programme=programme)
        if pk is None
        else get_scoped_or_404(Risk.objects.all(), request.user, Action.SETUP, pk=pk, programme=programme)
    )
    form = RiskForm(posted(request), instance=instance, programme=programme, user=request.user)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_risk(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=reverse("programmes:risks", args=[programme.slug]),
        context={"programme": programme, "title": _("Risk")},
    )


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "programmes/organisations.html",
        {
            "organisations": list(selectors.organisations_for(request.user)),
            "may_edit": _may_manage_reference_data(request.user),
        },
    )


@login_required
def organisation_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not _may_manage_reference_data(request.user):
        raise Http404
    instance = Organisation() if pk is None else get_object_or_404(Organisation, pk=pk)
    form = OrganisationForm(posted(request), instance=instance)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_organisation(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=reverse("programmes:organisations"),
        context={"title": _("Organisation")},
    )


@login_required
def budget_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget as of today, or as of the date asked for (`?on=2023-11-30`): read by managers, M&E
    officers and donor observers; only managers see the links that change it."""
    programme = selectors.programme_for(request.user, slug, Action.BUDGET)
    try:
        on = parse_date(request.GET.get("on", ""))
    except ValueError:  # a well-formed but impossible date, e.g. 2023-02-30
        on = None
    context = selectors.budget_of(request.user, programme, on or timezone.localdate())
    if fmt := requested_format(request):
        table = exports.budget_table(context["budget"], context["expenditures"])
        return export_response(table, fmt, export_name(programme, "budget"))
    return render(
        request,
        "programmes/budget.html",
        {
            "programme": programme,
            "asked_on": on,
            "may_setup": can(request.user, Action.SETUP, programme.pk),
            **context,
        },
    )


@login_required
def budget_line_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    instance = (
        BudgetLine(programme=programme)
        if pk is None
        else get_scoped_or_404(
            BudgetLine.objects.filter(programme=programme), request.user, Action.SETUP, pk=pk
        )
    )
    form = BudgetLineForm(posted(request), instance=instance, programme=programme)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_budget_line(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=reverse("programmes:budget", args=[programme.slug]),
        context={"programme": programme, "title": _("Budget line")},
    )


@login_required
def expenditure_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    instance = (
        Expenditure()
        if pk is None
        else get_scoped_or_404(
            Expenditure.objects.filter(budget_line__programme=programme), request.user, Action.SETUP, pk=pk
        )
    )
    form = ExpenditureForm(posted(request), instance=instance, programme=programme, user=request.user)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.record_expenditure(f.instance, acting_user=request.user),
        template="programmes/form.html",
        success_url=reverse("programmes:budget", args=[programme.slug]),
        context={"programme": programme, "title": _("Spend")},
    )
