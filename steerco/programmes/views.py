"""Pages of programmes: list, overview, country page, and the set-up forms of their frame."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from steerco.core.listing import ListShape, Sortable
from steerco.core.roles import Action
from steerco.core.scoping import can, get_scoped_or_404, grants
from steerco.core.views import Editing, edit_page, posted, scoped_edit, scoped_remove
from steerco.reports.export import export_name, export_response, requested_format
from steerco.reports.translations import may_see as may_translate

from . import exports, selectors, services
from .forms import (
    AmendmentForm,
    BudgetLineForm,
    ComponentForm,
    ExpenditureForm,
    OrganisationForm,
    PeriodForm,
    PersonForm,
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
    Person,
    ProgrammeCountry,
    ReportingPeriod,
    Risk,
)
from .timeline import timeline_svg


def _to(name: str):  # type: ignore[no-untyped-def]
    """A page of the programme named by its URL name: where an edit page returns to."""
    return lambda e, *_result: reverse(name, args=[e.programme.slug])


def _overview(e: Editing, *_result: object) -> str:
    return reverse("programmes:overview", args=[e.programme.slug])


def _may_manage_reference_data(user) -> bool:  # type: ignore[no-untyped-def]
    return user.is_superuser or bool(grants(user, Action.SETUP))


@login_required
def programme_list(request: HttpRequest) -> HttpResponse:
    programmes = list(selectors.visible_programmes(request.user))
    rows = [(p, p.current_terms(list(p.amendments.all()))) for p in programmes]
    return render(
        request,
        "programmes/programme_list.html",
        {
            "rows": rows,
            "may_create": _may_manage_reference_data(request.user),
            "waiting": _waiting(request.user),
        },
    )


def _waiting(user: Any) -> list[Any]:
    """The landing page of an M&E officer opens on what waits for them (their task inbox)."""
    from steerco.work.tasks import tasks_for

    if user.is_superuser or not grants(user, Action.APPROVE):  # only M&E officers approve
        return []
    return tasks_for(user)


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
        context={"title": _("New programme"), "cancel_url": reverse("programmes:list")},
    )


@login_required
def programme_overview(request: HttpRequest, slug: str) -> HttpResponse:
    context = selectors.programme_overview(request.user, slug)
    programme = context["programme"]
    context["timeline"] = timeline_svg(programme, context["terms"])
    context["may_setup"] = can(request.user, Action.SETUP, programme.pk)
    context["may_translate"] = may_translate(request.user, programme)
    return render(request, "programmes/overview.html", context)


@login_required
def programme_edit(request: HttpRequest, slug: str) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        0,
        action=Action.SETUP,
        existing=lambda p, _pk: p,
        form_class=ProgrammeForm,
        service=services.update_programme,
        success=lambda e, p: reverse("programmes:overview", args=[p.slug]),
        back=_overview,
        title=_("Edit programme"),
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
    return scoped_edit(
        request,
        slug,
        None if iso2 is None else 0,
        action=Action.SETUP,
        new=lambda p: ProgrammeCountry(programme=p),
        existing=lambda p, _pk: selectors.country_for(request.user, p, str(iso2), Action.SETUP),
        form_class=ProgrammeCountryForm,
        service=services.save_programme_country,
        service_kwargs=lambda f: {"institutions": f.cleaned_data["institutions"]},
        success=lambda e, pc: reverse("programmes:country", args=[e.programme.slug, pc.iso]),
        back=lambda e: (
            reverse("programmes:country", args=[e.programme.slug, e.instance.iso])
            if iso2
            else reverse("programmes:overview", args=[e.programme.slug])
        ),
        title=_("Country") if iso2 else _("Add a country"),
    )


@login_required
def component_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.SETUP,
        new=lambda p: Component(programme=p),
        existing=lambda p, _pk: Component.objects.filter(programme=p),
        form_class=ComponentForm,
        service=services.save_component,
        success=_overview,
        back=_overview,
        title=_("Component"),
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
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.SETUP,
        new=lambda p: Amendment(programme=p),
        existing=lambda p, _pk: Amendment.objects.filter(programme=p),
        form_class=AmendmentForm,
        service=services.record_amendment,
        success=_to("programmes:amendments"),
        back=_to("programmes:amendments"),
        title=_("Record an amendment") if pk is None else _("Correct an amendment"),
        remove=lambda e: reverse("programmes:amendment_remove", args=[e.programme.slug, e.instance.pk]),
    )


@login_required
def amendment_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return scoped_remove(
        request,
        slug,
        pk,
        action=Action.SETUP,
        existing=lambda p, _pk: Amendment.objects.filter(programme=p),
        service=services.remove_amendment,
        refusal=services.amendment_removal_refusal,
        fields=("signed_on", "kind", "reference", "budget_delta", "new_end_date", "justification"),
        goes_with=lambda a: [_("The programme's budget and end date are worked out again without it.")],
        back=_to("programmes:amendments"),
        title=_("Amendment"),
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
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.SETUP,
        new=lambda p: ReportingPeriod(programme=p),
        existing=lambda p, pk: get_object_or_404(ReportingPeriod, pk=pk, programme=p),
        form_class=PeriodForm,
        service=services.save_period,
        success=_to("programmes:periods"),
        back=_to("programmes:periods"),
        title=_("Reporting period"),
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
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.SETUP,
        new=lambda p: Risk(programme=p),
        existing=lambda p, _pk: Risk.objects.filter(programme=p),
        form_class=RiskForm,
        form_kwargs=lambda e: {"programme": e.programme, "user": e.user},
        service=services.save_risk,
        success=_to("programmes:risks"),
        back=_to("programmes:risks"),
        title=_("Risk"),
    )


@login_required
def people_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug)
    people = list(selectors.people_of(request.user, programme))
    if fmt := requested_format(request):
        return export_response(exports.people_table(people), fmt, export_name(programme, "people"))
    return render(
        request,
        "programmes/people.html",
        {
            "programme": programme,
            "people": people,
            "may_steer": can(request.user, Action.STEER, programme.pk),
            "may_anonymise": can(request.user, Action.SETUP, programme.pk),
        },
    )


@login_required
def person_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.STEER,
        new=lambda p: Person(programme=p),
        existing=lambda p, _pk: Person.objects.filter(programme=p, anonymised_at__isnull=True),
        form_class=PersonForm,
        form_kwargs=lambda e: {"programme": e.programme, "user": e.user},
        service=services.save_person,
        success=_to("programmes:people"),
        back=_to("programmes:people"),
        title=_("Person"),
    )


@login_required
@require_http_methods(["GET", "POST"])
def person_anonymise(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = selectors.programme_for(request.user, slug, Action.SETUP)
    person = get_scoped_or_404(
        Person.objects.filter(programme=programme, anonymised_at__isnull=True),
        request.user,
        Action.SETUP,
        pk=pk,
    )
    if request.method == "POST":
        services.anonymise_person(person, acting_user=request.user)
        messages.success(request, _("The person is anonymised: their records stay, their name is gone."))
        return HttpResponseRedirect(reverse("programmes:people", args=[programme.slug]))
    return render(request, "programmes/person_anonymise.html", {"programme": programme, "person": person})


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
        context={"title": _("Organisation"), "cancel_url": reverse("programmes:organisations")},
    )


SPEND = ListShape(
    columns=(
        Sortable("period", gettext_lazy("Period"), ("period__start", "period__end")),
        Sortable("line", gettext_lazy("Line"), ("budget_line__label",)),
        Sortable("country", gettext_lazy("Country"), ("country",)),
        Sortable("amount", gettext_lazy("Amount"), ("amount",)),
    ),
    default="period",
    search=("budget_line__label", "budget_line__component__code", "period__label", "note"),
)


def _asked_on(request: HttpRequest) -> Any:
    """The date a budget page is read as of (`?on=2023-11-30`), or None for today."""
    try:
        return parse_date(request.GET.get("on", ""))
    except ValueError:  # a well-formed but impossible date, e.g. 2023-02-30
        return None


@login_required
def budget_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The budget as of today, or as of the date asked for (`?on=2023-11-30`): read by managers, M&E
    officers and donor observers; only managers see the links that change it."""
    programme = selectors.programme_for(request.user, slug, Action.BUDGET)
    on = _asked_on(request)
    context = selectors.budget_of(request.user, programme, on or timezone.localdate())
    if fmt := requested_format(request):
        tables = exports.budget_tables(context["budget"], context["expenditures"])
        name = export_name(programme, "budget")
        return export_response(tables, fmt, name, chosen=request.GET.get("table"))
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
def spend_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The spend recorded for the periods begun by the date (today unless `?on=`), record by record:
    filtered, searched and sorted, with the total of what the choice holds."""
    programme = selectors.programme_for(request.user, slug, Action.BUDGET)
    asked_on = _asked_on(request)
    on = asked_on or timezone.localdate()
    filters = {k: request.GET.get(k, "") for k in ("period", "line", "country")}
    listing = SPEND.read(request, selectors.spend_list(request.user, programme, on, filters))
    if fmt := requested_format(request):
        table = exports.spend_table(listing.rows, programme.currency)
        return export_response(table, fmt, export_name(programme, "spend"))
    return render(
        request,
        "programmes/spend.html",
        {
            "programme": programme,
            "listing": listing,
            "total": selectors.spend_total(request.user, programme, on, listing.rows),
            "on": on,
            "asked_on": asked_on,
            "filters": filters,
            "periods": list(ReportingPeriod.objects.restrict(request.user).filter(programme=programme)),
            "lines": list(
                BudgetLine.objects.restrict(request.user, Action.BUDGET)
                .filter(programme=programme)
                .select_related("component")
            ),
            "countries": list(ProgrammeCountry.objects.restrict(request.user).filter(programme=programme)),
            "may_setup": can(request.user, Action.SETUP, programme.pk),
        },
    )


@login_required
def budget_line_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.SETUP,
        new=lambda p: BudgetLine(programme=p),
        existing=lambda p, _pk: BudgetLine.objects.filter(programme=p),
        form_class=BudgetLineForm,
        form_kwargs=lambda e: {"programme": e.programme},
        service=services.save_budget_line,
        success=_to("programmes:budget"),
        back=_to("programmes:budget"),
        title=_("Budget line"),
    )


@login_required
def expenditure_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.SETUP,
        new=lambda p: Expenditure(),
        existing=lambda p, _pk: Expenditure.objects.filter(budget_line__programme=p),
        form_class=ExpenditureForm,
        form_kwargs=lambda e: {"programme": e.programme, "user": e.user},
        service=services.record_expenditure,
        success=_to("programmes:budget"),
        back=_to("programmes:budget"),
        title=_("Spend"),
        remove=lambda e: reverse("programmes:expenditure_remove", args=[e.programme.slug, e.instance.pk]),
    )


@login_required
def expenditure_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return scoped_remove(
        request,
        slug,
        pk,
        action=Action.SETUP,
        existing=lambda p, _pk: Expenditure.objects.filter(budget_line__programme=p).select_related(
            "budget_line__component", "period"
        ),
        service=services.remove_expenditure,
        refusal=services.expenditure_removal_refusal,
        fields=("budget_line", "period", "country", "amount", "note"),
        back=_to("programmes:budget"),
        title=_("Spend"),
    )
