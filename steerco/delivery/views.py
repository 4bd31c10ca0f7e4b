"""Pages of delivery: events, work plan, recommendations, the procurement pipeline, assets, dashboards."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from steerco.core.roles import Action
from steerco.core.scoping import can, get_scoped_or_404, grants
from steerco.core.uploads import serve_stored_file
from steerco.core.views import add_validation_error, edit_page, posted
from steerco.programmes.models import Programme, ProgrammeCountry
from steerco.programmes.selectors import country_for, programme_for
from steerco.reports.export import export_name, export_response, requested_format

from . import exports, forms, selectors, services
from .models import (
    Asset,
    Event,
    EventAttachment,
    EventKind,
    EventStatus,
    Handover,
    ProcurementLot,
    ProcurementStep,
    Recommendation,
    RecommendationStatus,
    RecommendationStatusChange,
    Stage,
    Verification,
    WorkPlanItem,
)
from .timeline import pipeline_svg

PAGE_SIZE = 50
FORM = "programmes/form.html"


def _may_record(user: Any, programme_id: int, country: str = "") -> bool:
    """Show a "record" button: the person may record for this country (or, with none, for some country)."""
    if country:
        return can(user, Action.RECORD, programme_id, country)
    return user.is_superuser or any(p == programme_id for p, _c in grants(user, Action.RECORD))


def _countries(user: Any, programme: Programme) -> list[ProgrammeCountry]:
    return list(ProgrammeCountry.objects.restrict(user).filter(programme=programme))


def _country_filter(request: HttpRequest) -> str:
    value = request.GET.get("country", "").strip()
    return value.upper() if len(value) == 2 and value.isalpha() else ""


# Dashboards


def _dashboard(request: HttpRequest, slug: str, iso2: str = "") -> HttpResponse:
    programme = programme_for(request.user, slug)
    programme_country = None
    if iso2:
        if iso2 != iso2.lower():
            raise Http404
        programme_country = country_for(request.user, programme, iso2)
    country = iso2.upper()
    context = selectors.delivery_dashboard(request.user, programme, country)
    context.update(
        programme=programme,
        pc=programme_country,
        country=country,
        timeline=pipeline_svg(context["lots"], today=context["today"]),
        may_record=_may_record(request.user, programme.pk, country),
    )
    return render(request, "delivery/dashboard.html", context)


@login_required
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    return _dashboard(request, slug)


@login_required
def country_dashboard(request: HttpRequest, slug: str, iso2: str) -> HttpResponse:
    return _dashboard(request, slug, iso2)


# Events


@login_required
def event_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    filters = {k: request.GET.get(k, "") for k in ("country", "component", "kind", "status", "year")}
    events = selectors.event_list(request.user, programme, filters)
    if fmt := requested_format(request):
        return export_response(exports.events_table(events), fmt, export_name(programme, "events"))
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "delivery/events.html",
        {
            "programme": programme,
            "page": page,
            "filters": filters,
            "kinds": EventKind.choices,
            "statuses": EventStatus.choices,
            "countries": _countries(request.user, programme),
            "components": list(programme.components.all()),
            "may_record": _may_record(request.user, programme.pk),
            "query": request.GET.urlencode(),
        },
    )


@login_required
def event_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    event = selectors.event_detail(request.user, programme, pk)
    return render(
        request,
        "delivery/event.html",
        {
            "programme": programme,
            "event": event,
            "may_record": can(request.user, Action.RECORD, programme.pk, event.country),
        },
    )


@login_required
def event_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = programme_for(request.user, slug)
    if not _may_record(request.user, programme.pk):
        raise Http404
    instance = (
        Event(programme=programme)
        if pk is None
        else selectors.event_detail(request.user, programme, pk, Action.RECORD)
    )
    form = forms.EventForm(posted(request), instance=instance, programme=programme, user=request.user)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.record_event(
            f.instance,
            acting_user=request.user,
            beneficiaries=f.cleaned_data["beneficiaries"],
            co_organisers=f.cleaned_data["co_organisers"],
            agency_split=f.agency_split(),
        ),
        template="delivery/event_form.html",
        success_url=lambda e: reverse("delivery:event", args=[programme.slug, e.pk]),
        context={"programme": programme, "title": _("Event") if pk else _("Record an event")},
    )


@login_required
def attachment_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    event = selectors.event_detail(request.user, programme, pk, Action.RECORD)
    form = forms.EventAttachmentForm(
        posted(request), request.FILES or None, instance=EventAttachment(event=event)
    )
    return edit_page(
        request,
        form=form,
        save=lambda f: services.add_event_attachment(f.instance, acting_user=request.user),
        template=FORM,
        success_url=reverse("delivery:event", args=[programme.slug, event.pk]),
        context={"programme": programme, "title": _("Attach a file to %(event)s") % {"event": event}},
    )


@login_required
def attachment_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    programme = programme_for(request.user, slug)
    attachment = get_scoped_or_404(
        EventAttachment.objects.all(), request.user, pk=pk, event__programme=programme
    )
    return serve_stored_file(attachment.file)


# Work plan


@login_required
def work_plan(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() else None
    country = _country_filter(request)
    items = selectors.work_plan(request.user, programme, year=year, country=country)
    if fmt := requested_format(request):
        return export_response(exports.work_plan_table(items), fmt, export_name(programme, "workplan"))
    years = sorted(set(selectors.work_plan_items(request.user, programme).values_list("year", flat=True)))
    return render(
        request,
        "delivery/workplan.html",
        {
            "programme": programme,
            "items": items,
            "completion": selectors.plan_completion(request.user, programme, year=year, country=country),
            "years": years,
            "year": year,
            "country": country,
            "countries": _countries(request.user, programme),
            "may_record": _may_record(request.user, programme.pk),
        },
    )


@login_required
def work_plan_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = programme_for(request.user, slug)
    if not _may_record(request.user, programme.pk):
        raise Http404
    instance = (
        WorkPlanItem(programme=programme, year=timezone.localdate().year)
        if pk is None
        else get_scoped_or_404(
            selectors.work_plan_items(request.user, programme, Action.RECORD),
            request.user,
            Action.RECORD,
            pk=pk,
        )
    )
    form = forms.WorkPlanItemForm(posted(request), instance=instance, programme=programme, user=request.user)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_work_plan_item(f.instance, acting_user=request.user),
        template=FORM,
        success_url=reverse("delivery:workplan", args=[programme.slug]),
        context={"programme": programme, "title": _("Work-plan line")},
    )


# Recommendations


@login_required
def recommendation_list(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    filters = {"country": request.GET.get("country", ""), "status": request.GET.get("status", "")}
    recommendations = selectors.recommendation_list(request.user, programme, filters)
    if fmt := requested_format(request):
        return export_response(
            exports.recommendations_table(recommendations), fmt, export_name(programme, "recommendations")
        )
    page = Paginator(recommendations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "delivery/recommendations.html",
        {
            "programme": programme,
            "page": page,
            "filters": filters,
            "statuses": RecommendationStatus.choices,
            "countries": _countries(request.user, programme),
            "may_record": _may_record(request.user, programme.pk),
        },
    )


@login_required
def recommendation_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    recommendation = selectors.recommendation_detail(request.user, programme, pk)
    return render(
        request,
        "delivery/recommendation.html",
        {
            "programme": programme,
            "recommendation": recommendation,
            "may_record": can(request.user, Action.RECORD, programme.pk, recommendation.country),
        },
    )


@login_required
def recommendation_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = programme_for(request.user, slug)
    if not _may_record(request.user, programme.pk):
        raise Http404
    instance = (
        Recommendation(programme=programme)
        if pk is None
        else selectors.recommendation_detail(request.user, programme, pk, Action.RECORD)
    )
    form = forms.RecommendationForm(
        posted(request), instance=instance, programme=programme, user=request.user
    )
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_recommendation(f.instance, acting_user=request.user),
        template=FORM,
        success_url=lambda r: reverse("delivery:recommendation", args=[programme.slug, r.pk]),
        context={"programme": programme, "title": _("Recommendation")},
    )


@login_required
def recommendation_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    recommendation = selectors.recommendation_detail(request.user, programme, pk, Action.RECORD)
    form = forms.RecommendationStatusForm(
        posted(request),
        request.FILES or None,
        instance=RecommendationStatusChange(recommendation=recommendation),
    )
    return edit_page(
        request,
        form=form,
        save=lambda f: services.record_recommendation_status(f.instance, acting_user=request.user),
        template=FORM,
        success_url=reverse("delivery:recommendation", args=[programme.slug, recommendation.pk]),
        context={"programme": programme, "title": _("Record the adoption status")},
    )


@login_required
def recommendation_evidence(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    programme = programme_for(request.user, slug)
    return serve_stored_file(selectors.recommendation_change(request.user, programme, pk).evidence_file)


# Procurement


@login_required
def procurement(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    country = _country_filter(request)
    lots = selectors.pipeline(request.user, programme, country)
    today = timezone.localdate()
    for item in selectors.late_lots(lots, today):
        setattr(item.lot, "late_days", item.days)  # noqa: B010 - read by the template and the export
    if fmt := requested_format(request):
        handovers = selectors.handovers_of(request.user, programme)
        if country:
            handovers = handovers.filter(lot__country=country)
        tables = [exports.lots_table(lots), exports.handovers_table(handovers)]
        return export_response(tables, fmt, export_name(programme, "procurement"))
    return render(
        request,
        "delivery/procurement.html",
        {
            "programme": programme,
            "lots": lots,
            "timeline": pipeline_svg(lots, today=today),
            "country": country,
            "countries": _countries(request.user, programme),
            "may_record": _may_record(request.user, programme.pk),
        },
    )


@login_required
def lot_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    lot = selectors.lot_detail(request.user, programme, pk)
    today = timezone.localdate()
    steps = lot.steps_by_stage()
    handovers = list(lot.handovers.all())
    user_org = getattr(request.user, "organisation_id", None)
    return render(
        request,
        "delivery/lot.html",
        {
            "programme": programme,
            "lot": lot,
            "stages": [(value, label, steps.get(value)) for value, label in Stage.choices],
            "today": today,
            "days_late": lot.days_late(today),
            "handovers": handovers,
            "may_record": can(request.user, Action.RECORD, programme.pk, lot.country),
            "may_acknowledge": {
                h.pk
                for h in handovers
                if not h.acknowledged_at
                and can(request.user, Action.RESPOND, programme.pk, lot.country)
                and (request.user.is_superuser or user_org == h.recipient_id)
            },
            "timeline": pipeline_svg([lot], today=today),
        },
    )


@login_required
def lot_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    programme = programme_for(request.user, slug)
    if not _may_record(request.user, programme.pk):
        raise Http404
    instance = (
        ProcurementLot(programme=programme, currency=programme.currency)
        if pk is None
        else selectors.lot_detail(request.user, programme, pk, Action.RECORD)
    )
    form = forms.ProcurementLotForm(
        posted(request), instance=instance, programme=programme, user=request.user
    )
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_procurement_lot(f.instance, acting_user=request.user),
        template=FORM,
        success_url=lambda lot: reverse("delivery:lot", args=[programme.slug, lot.pk]),
        context={"programme": programme, "title": _("Procurement lot")},
    )


@login_required
def step_edit(request: HttpRequest, slug: str, pk: int, stage: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    if stage not in Stage.values:
        raise Http404
    lot = selectors.lot_detail(request.user, programme, pk, Action.RECORD)
    instance = lot.steps_by_stage().get(stage) or ProcurementStep(lot=lot, stage=stage)
    form = forms.ProcurementStepForm(posted(request), instance=instance)
    return edit_page(
        request,
        form=form,
        save=lambda f: services.record_procurement_step(f.instance, acting_user=request.user),
        template=FORM,
        success_url=reverse("delivery:lot", args=[programme.slug, lot.pk]),
        context={
            "programme": programme,
            "title": _("%(lot)s: %(stage)s") % {"lot": lot, "stage": Stage(stage).label},
        },
    )


@login_required
def handover_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    lot = selectors.lot_detail(request.user, programme, pk, Action.RECORD)
    form = forms.HandoverForm(posted(request), request.FILES or None, instance=Handover(lot=lot))
    return edit_page(
        request,
        form=form,
        save=lambda f: services.record_handover(f.instance, acting_user=request.user),
        template=FORM,
        success_url=reverse("delivery:lot", args=[programme.slug, lot.pk]),
        context={"programme": programme, "title": _("Record a handover of %(lot)s") % {"lot": lot}},
    )


@login_required
@require_http_methods(["GET", "POST"])
def handover_acknowledge(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The recipient institution's counterpart confirms receipt; nobody else can."""
    programme = programme_for(request.user, slug)
    handover = selectors.handover_of(request.user, programme, pk, Action.RESPOND)
    if (
        not request.user.is_superuser
        and getattr(request.user, "organisation_id", None) != handover.recipient_id
    ):
        raise Http404
    lot_url = reverse("delivery:lot", args=[programme.slug, handover.lot_id])
    if handover.acknowledged_at:
        messages.info(request, _("This handover was already acknowledged."))
        return HttpResponseRedirect(lot_url)
    form = forms.AcknowledgeHandoverForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.acknowledge_handover(handover, acting_user=request.user, note=form.cleaned_data["note"])
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, _("Receipt acknowledged."))
            return HttpResponseRedirect(lot_url)
    return render(
        request,
        FORM,
        {
            "programme": programme,
            "form": form,
            "title": _("Acknowledge receipt: %(handover)s") % {"handover": handover},
        },
        status=400 if request.method == "POST" else 200,
    )


@login_required
def handover_document(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    programme = programme_for(request.user, slug)
    return serve_stored_file(selectors.handover_of(request.user, programme, pk).document)


@login_required
def verification_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    handover = selectors.handover_of(request.user, programme, pk, Action.RECORD)
    form = forms.VerificationForm(
        posted(request), request.FILES or None, instance=Verification(handover=handover)
    )
    return edit_page(
        request,
        form=form,
        save=lambda f: services.record_verification(f.instance, acting_user=request.user),
        template=FORM,
        success_url=reverse("delivery:lot", args=[programme.slug, handover.lot_id]),
        context={
            "programme": programme,
            "title": _("Verification visit: %(handover)s") % {"handover": handover},
        },
    )


@login_required
def verification_photo(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    programme = programme_for(request.user, slug)
    return serve_stored_file(selectors.verification_of(request.user, programme, pk).photo)


@login_required
def asset_register(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    country = _country_filter(request)
    assets = selectors.asset_register(request.user, programme, country)
    if fmt := requested_format(request):
        return export_response(exports.assets_table(assets), fmt, export_name(programme, "assets"))
    return render(
        request,
        "delivery/assets.html",
        {
            "programme": programme,
            "assets": assets,
            "country": country,
            "countries": _countries(request.user, programme),
        },
    )


@login_required
def asset_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    lot = selectors.lot_detail(request.user, programme, pk, Action.RECORD)
    form = forms.AssetForm(posted(request), instance=Asset(lot=lot))
    return edit_page(
        request,
        form=form,
        save=lambda f: services.save_asset(f.instance, acting_user=request.user),
        template=FORM,
        success_url=reverse("delivery:lot", args=[programme.slug, lot.pk]),
        context={"programme": programme, "title": _("Register an asset of %(lot)s") % {"lot": lot}},
    )
