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
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from steerco.core.listing import ListShape, Sortable
from steerco.core.roles import Action
from steerco.core.scoping import can, get_scoped_or_404, grants
from steerco.core.uploads import serve_stored_file
from steerco.core.views import Editing, add_validation_error, posted, scoped_edit, scoped_remove
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

EVENTS = ListShape(
    columns=(
        Sortable("dates", gettext_lazy("Dates"), ("start_date", "end_date")),
        Sortable("event", gettext_lazy("Event"), ("title",)),
        Sortable("country", gettext_lazy("Country"), ("country",)),
        Sortable("component", gettext_lazy("Component"), ("component__code",)),
        Sortable("status", gettext_lazy("Status"), ("status",)),
        Sortable("participants", gettext_lazy("Participants"), ("participants_total",)),
        Sortable("women", gettext_lazy("Women"), ("participants_female",)),
        Sortable("men", gettext_lazy("Men"), ("participants_male",)),
    ),
    default="-dates",
    search=("title", "place", "notes", "component__code"),
    page_size=PAGE_SIZE,
)
WORK_PLAN = ListShape(
    columns=(
        Sortable("quarter", gettext_lazy("Quarter"), ("year", "quarter")),
        Sortable("country", gettext_lazy("Country"), ("country",)),
        Sortable("component", gettext_lazy("Component"), ("component__code",)),
        Sortable("activity", gettext_lazy("Activity"), ("title",)),
        Sortable("done", gettext_lazy("Done"), ("done",)),
    ),
    default="quarter",
    search=("title", "notes", "component__code"),
    page_size=PAGE_SIZE,
)


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


def _programme_and_user(e: Editing) -> dict[str, Any]:
    return {"programme": e.programme, "user": e.user}


def _to(name: str) -> Any:
    """A page of the programme named by its URL name: where an edit page returns to."""
    return lambda e, *_result: reverse(name, args=[e.programme.slug])


def _to_event(e: Editing, *_result: object) -> str:
    return reverse("delivery:event", args=[e.programme.slug, e.instance.event_id])


def _to_lot(e: Editing, *_result: object) -> str:
    return reverse("delivery:lot", args=[e.programme.slug, e.instance.lot_id])


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
    listing = EVENTS.read(request, selectors.event_list(request.user, programme, filters))
    if fmt := requested_format(request):
        return export_response(exports.events_table(listing.rows), fmt, export_name(programme, "events"))
    totals = selectors.event_totals(listing.rows)
    listing.count_is(totals["n"])
    return render(
        request,
        "delivery/events.html",
        {
            "programme": programme,
            "listing": listing,
            "totals": totals,
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
    return scoped_edit(
        request,
        slug,
        pk,
        may=lambda p: _may_record(request.user, p.pk),
        new=lambda p: Event(programme=p),
        existing=lambda p, pk: selectors.event_detail(request.user, p, pk, Action.RECORD),
        form_class=forms.EventForm,
        form_kwargs=_programme_and_user,
        service=services.record_event,
        service_kwargs=lambda f: {
            "beneficiaries": f.cleaned_data["beneficiaries"],
            "co_organisers": f.cleaned_data["co_organisers"],
            "agency_split": f.agency_split(),  # type: ignore[attr-defined]
        },
        template="delivery/event_form.html",
        remove=lambda e: reverse("delivery:event_remove", args=[e.programme.slug, e.instance.pk]),
        success=lambda e, event: reverse("delivery:event", args=[e.programme.slug, event.pk]),
        back=lambda e: (
            reverse("delivery:events", args=[e.programme.slug])
            if e.adding
            else reverse("delivery:event", args=[e.programme.slug, e.instance.pk])
        ),
        title=_("Event") if pk else _("Record an event"),
    )


# What the removal page shows of an event.
EVENT_FIELDS = (
    "kind",
    "start_date",
    "end_date",
    "place",
    "country",
    "component",
    "status",
    "participants_total",
)


def _event_goes_with(event: Event) -> list[str]:
    lines = [
        _("Participants of %(agency)s: %(count)s")
        % {"agency": row.organisation or _("other agencies"), "count": row.participants}
        for row in event.agency_participants.all()
    ]
    lines += [
        _("Attachment: %(file)s (the file stays in storage, named in the history)") % {"file": a}
        for a in event.attachments.all()
    ]
    lines += [
        _("Recommendation to %(institution)s stays, no longer linked to this event")
        % {"institution": r.institution}
        for r in event.recommendations.all()
    ]
    return lines


@login_required
def event_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return scoped_remove(
        request,
        slug,
        pk,
        may=lambda p: _may_record(request.user, p.pk),
        existing=lambda p, pk: selectors.event_detail(request.user, p, pk, Action.RECORD),
        service=services.remove_event,
        refusal=services.event_removal_refusal,
        fields=EVENT_FIELDS,
        goes_with=_event_goes_with,
        back=_to("delivery:events"),
        title=_("Event"),
    )


@login_required
def attachment_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        None,
        new=lambda p: EventAttachment(event=selectors.event_detail(request.user, p, pk, Action.RECORD)),
        form_class=forms.EventAttachmentForm,
        service=services.add_event_attachment,
        success=_to_event,
        back=_to_event,
        title=lambda e: _("Attach a file to %(event)s") % {"event": e.instance.event},
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
    listing = WORK_PLAN.read(request, items)
    # The completion counts the lines the filters and the search chose: on every page, not this one only.
    completion = selectors.plan_completion(request.user, programme, items=listing.rows)
    if fmt := requested_format(request):
        tables = [exports.work_plan_table(listing.rows), exports.completion_table(completion)]
        name = export_name(programme, "workplan")
        return export_response(tables, fmt, name, chosen=request.GET.get("table"))
    years = sorted(set(selectors.work_plan_items(request.user, programme).values_list("year", flat=True)))
    listing.count_is(completion.overall.total)
    return render(
        request,
        "delivery/workplan.html",
        {
            "programme": programme,
            "listing": listing,
            "completion": completion,
            "years": years,
            "year": year,
            "country": country,
            "countries": _countries(request.user, programme),
            "may_record": _may_record(request.user, programme.pk),
        },
    )


@login_required
def work_plan_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        pk,
        item_action=Action.RECORD,
        may=lambda p: _may_record(request.user, p.pk),
        new=lambda p: WorkPlanItem(programme=p, year=timezone.localdate().year),
        existing=lambda p, _pk: selectors.work_plan_items(request.user, p, Action.RECORD),
        form_class=forms.WorkPlanItemForm,
        form_kwargs=_programme_and_user,
        service=services.save_work_plan_item,
        success=_to("delivery:workplan"),
        back=_to("delivery:workplan"),
        title=_("Work-plan line"),
        remove=lambda e: reverse("delivery:workplan_remove", args=[e.programme.slug, e.instance.pk]),
    )


@login_required
def work_plan_remove(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return scoped_remove(
        request,
        slug,
        pk,
        item_action=Action.RECORD,
        may=lambda p: _may_record(request.user, p.pk),
        existing=lambda p, _pk: selectors.work_plan_items(request.user, p, Action.RECORD),
        service=services.remove_work_plan_item,
        refusal=services.work_plan_item_removal_refusal,
        fields=("year", "quarter", "country", "component", "kind", "notes"),
        goes_with=lambda item: [
            _("Event %(event)s stays, no longer linked to this line") % {"event": e}
            for e in item.events.order_by("start_date", "pk")
        ],
        back=_to("delivery:workplan"),
        title=_("Work-plan line"),
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
    return scoped_edit(
        request,
        slug,
        pk,
        may=lambda p: _may_record(request.user, p.pk),
        new=lambda p: Recommendation(programme=p),
        existing=lambda p, pk: selectors.recommendation_detail(request.user, p, pk, Action.RECORD),
        form_class=forms.RecommendationForm,
        form_kwargs=_programme_and_user,
        service=services.save_recommendation,
        success=lambda e, r: reverse("delivery:recommendation", args=[e.programme.slug, r.pk]),
        back=lambda e: (
            reverse("delivery:recommendations", args=[e.programme.slug])
            if e.adding
            else reverse("delivery:recommendation", args=[e.programme.slug, e.instance.pk])
        ),
        title=_("Recommendation"),
    )


@login_required
def recommendation_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    def new(p: Programme) -> RecommendationStatusChange:
        recommendation = selectors.recommendation_detail(request.user, p, pk, Action.RECORD)
        return RecommendationStatusChange(recommendation=recommendation)

    def to_recommendation(e: Editing, *_result: object) -> str:
        return reverse("delivery:recommendation", args=[e.programme.slug, e.instance.recommendation_id])

    return scoped_edit(
        request,
        slug,
        None,
        new=new,
        form_class=forms.RecommendationStatusForm,
        service=services.record_recommendation_status,
        success=to_recommendation,
        back=to_recommendation,
        title=_("Record the adoption status"),
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
        name = export_name(programme, "procurement")
        return export_response(tables, fmt, name, chosen=request.GET.get("table"))
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
    return scoped_edit(
        request,
        slug,
        pk,
        may=lambda p: _may_record(request.user, p.pk),
        new=lambda p: ProcurementLot(programme=p, currency=p.currency),
        existing=lambda p, pk: selectors.lot_detail(request.user, p, pk, Action.RECORD),
        form_class=forms.ProcurementLotForm,
        form_kwargs=_programme_and_user,
        service=services.save_procurement_lot,
        success=lambda e, lot: reverse("delivery:lot", args=[e.programme.slug, lot.pk]),
        back=lambda e: (
            reverse("delivery:procurement", args=[e.programme.slug])
            if e.adding
            else reverse("delivery:lot", args=[e.programme.slug, e.instance.pk])
        ),
        title=_("Procurement lot"),
    )


@login_required
def step_edit(request: HttpRequest, slug: str, pk: int, stage: str) -> HttpResponse:
    if stage not in Stage.values:
        raise Http404

    def step(p: Programme, _pk: int) -> ProcurementStep:
        lot = selectors.lot_detail(request.user, p, pk, Action.RECORD)
        return lot.steps_by_stage().get(stage) or ProcurementStep(lot=lot, stage=stage)

    return scoped_edit(
        request,
        slug,
        pk,
        existing=step,
        form_class=forms.ProcurementStepForm,
        service=services.record_procurement_step,
        success=_to_lot,
        back=_to_lot,
        title=lambda e: _("%(lot)s: %(stage)s") % {"lot": e.instance.lot, "stage": Stage(stage).label},
    )


@login_required
def handover_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        None,
        new=lambda p: Handover(lot=selectors.lot_detail(request.user, p, pk, Action.RECORD)),
        form_class=forms.HandoverForm,
        service=services.record_handover,
        success=_to_lot,
        back=_to_lot,
        title=lambda e: _("Record a handover of %(lot)s") % {"lot": e.instance.lot},
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
    form = forms.AcknowledgeHandoverForm(posted(request))
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
    def to_lot(e: Editing, *_result: object) -> str:
        return reverse("delivery:lot", args=[e.programme.slug, e.instance.handover.lot_id])

    return scoped_edit(
        request,
        slug,
        None,
        new=lambda p: Verification(handover=selectors.handover_of(request.user, p, pk, Action.RECORD)),
        form_class=forms.VerificationForm,
        service=services.record_verification,
        success=to_lot,
        back=to_lot,
        title=lambda e: _("Verification visit: %(handover)s") % {"handover": e.instance.handover},
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
    return scoped_edit(
        request,
        slug,
        None,
        new=lambda p: Asset(lot=selectors.lot_detail(request.user, p, pk, Action.RECORD)),
        form_class=forms.AssetForm,
        service=services.save_asset,
        success=_to_lot,
        back=_to_lot,
        title=lambda e: _("Register an asset of %(lot)s") % {"lot": e.instance.lot},
    )
