"""Pages of the results framework: logframe, indicators, entry screen, approvals, dashboards."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any, cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from steerco.audit.models import AuditAction
from steerco.audit.services import watch_writes
from steerco.audit.versions import StaleEdit
from steerco.core import edits, uploads
from steerco.core.numbers import format_number
from steerco.core.roles import Action
from steerco.core.scoping import can, get_scoped_or_404
from steerco.core.uploads import serve_stored_file
from steerco.core.views import posted, save_posted, scoped_edit
from steerco.programmes.models import Programme, ProgrammeCountry
from steerco.programmes.selectors import country_for, programme_for
from steerco.reports.export import export_name, export_response, requested_format

from . import computed, exports, selectors, services
from .chart import progress_chart_svg
from .forms import (
    BulkApprovalForm,
    DisaggregationCategoryForm,
    IndicatorForm,
    ResultForm,
    ReviewForm,
    TargetsForm,
    UpdateRowForm,
    column_label,
)
from .models import DisaggregationCategory, Indicator, IndicatorUpdate, Result, Target, UpdateState
from .rules import PROGRAMME, Measure, Status
from .targets import sum_warning


def _country_code(iso2: str) -> str:
    if iso2 != iso2.lower():
        raise Http404
    return iso2.upper()


@login_required
def logframe(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)

    def page() -> dict[str, Any]:
        frame = selectors.frame_of(request.user, programme)
        nodes, board = selectors.logframe(request.user, frame)
        return {"frame": frame, "nodes": nodes, "board": board}

    if fmt := requested_format(request):
        table = exports.logframe_table(page()["nodes"])
        return export_response(table, fmt, export_name(programme, "logframe"))
    # Computed only when the page's {% memo %} fragment is not kept already.
    data = SimpleLazyObject(page)
    frame, nodes, board = (_item(data, key) for key in ("frame", "nodes", "board"))
    return render(
        request,
        "results/logframe.html",
        {
            "programme": programme,
            "frame": frame,
            "nodes": nodes,
            "board": board,
            "may_edit": can(request.user, Action.RESULTS, programme.pk),
        },
    )


def _to(name: str) -> Any:
    """A page of the programme named by its URL name: where an edit page returns to."""
    return lambda e, *_result: reverse(name, args=[e.programme.slug])


@login_required
def result_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.RESULTS,
        new=lambda p: Result(programme=p),
        existing=lambda p, pk: selectors.result_for(request.user, p, pk, Action.RESULTS),
        form_class=ResultForm,
        form_kwargs=lambda e: {"programme": e.programme},
        service=services.save_result,
        success=_to("results:logframe"),
        back=_to("results:logframe"),
        title=_("Result"),
    )


@login_required
def indicator_edit(
    request: HttpRequest, slug: str, pk: int | None = None, result_pk: int | None = None
) -> HttpResponse:
    def new(p: Programme) -> Indicator:
        assert result_pk is not None
        return Indicator(result=selectors.result_for(request.user, p, result_pk, Action.RESULTS))

    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.RESULTS,
        new=new,
        existing=lambda p, pk: selectors.indicator_for(request.user, p, pk, Action.RESULTS),
        form_class=IndicatorForm,
        form_kwargs=lambda e: {"programme": e.programme},
        service=services.save_indicator,
        service_kwargs=lambda f: {"disaggregations": f.cleaned_data["disaggregations"]},
        success=lambda e, i: reverse("results:indicator", args=[e.programme.slug, i.pk]),
        back=lambda e: (
            reverse("results:logframe", args=[e.programme.slug])
            if e.adding
            else reverse("results:indicator", args=[e.programme.slug, e.instance.pk])
        ),
        title=_("Indicator"),
    )


@login_required
def indicator_page(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    # Read when the page's {% memo %} fragment is not kept already: a kept one was rendered for this
    # indicator, scope and revision, so the indicator was there and visible (404 otherwise).
    the_indicator = functools.cache(lambda: selectors.indicator_for(request.user, programme, pk))
    indicator = SimpleLazyObject(the_indicator)

    def page() -> dict[str, Any]:
        indicator = the_indicator()
        frame = selectors.frame_of(request.user, programme)
        board = selectors.board_for(request.user, frame, [indicator], with_parts=True)
        progress = board.standing(indicator, frame.scope)
        series = board.series(indicator, frame.scope)
        isos, table, standing = selectors.per_country_table(board, indicator, frame)
        target_isos, target_rows = selectors.targets_table(board, indicator, frame)
        totals = board.breakdown(indicator)
        breakdown = [
            (
                category,
                [
                    (category.option_label(o), totals.get(str(category.pk), {}).get(o))
                    for o in category.options
                ],
            )
            for category in indicator.disaggregations.all()
        ]
        return {
            "frame": frame,
            "progress": progress,
            "chart": progress_chart_svg([(p.label, a, t) for p, a, t in series], indicator.unit),
            "columns": [
                # Regional records of an indicator reported by countries: the region, not the programme.
                (iso, column_label(iso) if iso or not indicator.reported_by_countries else _("Region"))
                for iso in isos
            ],
            "regional_to_date": board.value(indicator, [PROGRAMME]) if PROGRAMME in isos else None,
            "table": table,
            "standing": standing,
            "target_columns": [(iso, column_label(iso)) for iso in target_isos],
            "targets": target_rows,
            "breakdown": breakdown,
            "history": selectors.value_history(request.user, indicator, frame),
            "unknown_computation": indicator.computation in board.unknown_computations,
            "target_warning": _target_warning(board, indicator, frame),
        }

    # Computed only when the page's {% memo %} fragment is not kept already.
    data = SimpleLazyObject(page)
    context: dict[str, Any] = {key: _item(data, key) for key in _INDICATOR_PAGE_KEYS}
    return render(
        request,
        "results/indicator.html",
        {
            **context,
            "programme": programme,
            "indicator": indicator,
            "indicator_id": pk,
            "computed_label": SimpleLazyObject(lambda: _computed_label(indicator.computation)),
            "may_edit": can(request.user, Action.RESULTS, programme.pk),
        },
    )


_INDICATOR_PAGE_KEYS = (
    "frame",
    "regional_to_date",
    "progress",
    "chart",
    "columns",
    "table",
    "standing",
    "target_columns",
    "targets",
    "breakdown",
    "history",
    "unknown_computation",
    "target_warning",
)


def _target_warning(board: Any, indicator: Indicator, frame: Any) -> str | None:
    """The period targets against the life-of-programme target, from the targets the board loaded;
    only for readers who see every country, since the others' targets are not theirs to add up."""
    if not frame.sees_every_country:
        return None
    targets = {
        (board.periods[position].pk, country): target.value
        for (position, country), target in board.figures[indicator.pk].targets.items()
        if target.value is not None
    }
    return sum_warning(indicator, targets, board.periods)


def _item(data: Any, key: str) -> SimpleLazyObject:
    return SimpleLazyObject(lambda: data[key])


def _computed_label(kind: str) -> str:
    try:
        return str(computed.source(kind).label) if kind else ""
    except KeyError:
        return ""


@login_required
def targets_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug, Action.RESULTS)
    indicator = selectors.indicator_for(request.user, programme, pk, Action.RESULTS)
    frame = selectors.frame_of(request.user, programme)
    current = {(t.period_id, t.country): t.value for t in indicator.targets.all()}
    form = TargetsForm(
        posted(request), indicator=indicator, periods=frame.periods, isos=frame.isos, current=current
    )
    edits.carry_version(form, lambda: services.targets_version(indicator))
    if request.method == "POST":

        def after_save(_result: Any) -> str:
            saved = {(t.period_id, t.country): t.value for t in Target.objects.filter(indicator=indicator)}
            if sum_warning(indicator, saved, frame.periods):
                # Saved, but the sum does not fit the whole: stay on the page that shows why.
                return reverse("results:targets", args=[programme.slug, indicator.pk])
            return reverse("results:indicator", args=[programme.slug, indicator.pk])

        answer = save_posted(
            request,
            form,
            save=lambda f: services.save_targets(
                indicator, f.values(), acting_user=request.user, seen_version=edits.seen_version(f)
            ),
            success_url=after_save,
            saved_message=_("Targets saved."),
            show_stale=_targets_differences,
        )
        if answer is not None:
            return answer
    return render(
        request,
        "results/targets.html",
        {
            "programme": programme,
            "indicator": indicator,
            "form": form,
            "columns": form.columns,
            "column_labels": [column_label(c) for c in form.columns],
            "sum_warning": sum_warning(indicator, current, frame.periods),
        },
        status=_post_status(request, form),
    )


def _post_status(request: HttpRequest, form: Any) -> int:
    if request.method != "POST":
        return 200
    return 409 if getattr(form, "stale", False) else 400


def _targets_differences(form: TargetsForm, stale: StaleEdit) -> dict[str, str]:
    """The stored targets, shown, at the cells where they differ from the ones typed."""
    theirs = {(t.period_id, t.country): t.value for t in cast(list[Target], stale.current)}
    out = {}
    for (period_id, iso), mine in form.values().items():
        stored = theirs.get((period_id, iso))
        if stored != mine:
            out[f"t_{period_id}_{iso or 'all'}"] = _target_shown(form.indicator, stored)
    return out


def _target_shown(indicator: Indicator, value: Any) -> str:
    if value is None:
        return "—"
    if indicator.measure == Measure.MILESTONE:
        statuses = indicator.milestone_statuses
        return statuses[int(value)] if 0 <= int(value) < len(statuses) else format_number(value)
    return format_number(value, places=4)


@login_required
def computed_records(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The records behind one computed number, filtered by period and country when given."""
    programme = programme_for(request.user, slug)
    indicator = selectors.indicator_for(request.user, programme, pk)
    try:
        source = computed.source(indicator.computation)
    except KeyError as exc:
        raise Http404 from exc
    frame = selectors.frame_of(request.user, programme)
    period = None
    if request.GET.get("period"):
        if not request.GET["period"].isdigit():
            raise Http404
        period = selectors.period_for(frame, int(request.GET["period"]))
    country = request.GET.get("country") or None
    if country is not None:
        country = _country_code(country)
        if country not in frame.isos:
            raise Http404
    records = source.records(
        indicator, dict(indicator.computation_params), user=request.user, period=period, country=country
    )
    return render(
        request,
        "results/records.html",
        {
            "programme": programme,
            "indicator": indicator,
            "source": source,
            "records": records,
            "period": period,
            "country": column_label(country) if country else "",
        },
    )


@login_required
def categories(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    return render(
        request,
        "results/categories.html",
        {
            "programme": programme,
            "categories": selectors.categories_of(request.user, programme),
            "may_edit": can(request.user, Action.RESULTS, programme.pk),
        },
    )


@login_required
def category_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    return scoped_edit(
        request,
        slug,
        pk,
        action=Action.RESULTS,
        new=lambda p: DisaggregationCategory(programme=p),
        existing=lambda p, pk: selectors.category_for(request.user, p, pk, Action.RESULTS),
        form_class=DisaggregationCategoryForm,
        service=services.save_disaggregation_category,
        success=_to("results:categories"),
        back=_to("results:categories"),
        title=_("Disaggregation category"),
    )


# --- the entry screen ------------------------------------------------------------------------


@login_required
def country_entry(request: HttpRequest, slug: str, iso2: str, period_id: int) -> HttpResponse:
    programme = programme_for(request.user, slug)
    programme_country = country_for(request.user, programme, _country_code(iso2))
    return _entry(request, programme, str(programme_country.country), period_id)


@login_required
def programme_entry(request: HttpRequest, slug: str, period_id: int) -> HttpResponse:
    return _entry(request, programme_for(request.user, slug), PROGRAMME, period_id)


@dataclass
class EntryRow:
    line: selectors.EntryLine
    form: UpdateRowForm
    conflict: services.Conflict | None = None
    chosen: bool = True  # ticked to go with "Save and submit"


def _approved(update: IndicatorUpdate | None) -> bool:
    return update is not None and update.state == UpdateState.APPROVED


def _entry(request: HttpRequest, programme: Programme, country: str, period_id: int) -> HttpResponse:
    user = request.user
    if not can(user, Action.RECORD, programme.pk, country):
        raise Http404
    frame = selectors.frame_of(user, programme)
    period = selectors.period_for(frame, period_id)
    lines = selectors.entry_sheet(user, programme, country, period)
    data = request.POST.copy() if request.method == "POST" else None
    rows = []
    for line in lines:
        # A line is posted when its version is: an indicator added since the screen was opened is not.
        posted = data is not None and f"i{line.indicator.pk}-version" in data
        form = UpdateRowForm(
            data if posted else None,
            request.FILES if posted else None,
            indicator=line.indicator,
            update=line.update,
            read_only=period.locked or _approved(line.update),
        )
        rows.append(EntryRow(line, form))
    status = 200
    if data is not None and "choosing" in data:
        ticked = set(data.getlist("submit_line"))
        for row in rows:
            row.chosen = str(row.line.indicator.pk) in ticked
    if data is not None:
        status = 400
        posted_rows = [r for r in rows if r.form.is_bound and not r.form.read_only]
        for row in posted_rows:
            uploads.restore_kept(row.form, data, user)
        valid = [r.form.is_valid() for r in posted_rows]  # every row, so each shows its own errors
        if period.locked:
            messages.error(request, services.locked_message(period))
        elif all(valid):
            entries = [
                services.Entry(r.form.to_update(), r.form.cleaned_data["version"], r.form.uploads())
                for r in posted_rows
            ]
            try:
                with watch_writes() as written:
                    services.save_entries(
                        period, country, entries, acting_user=user, submit=_chosen_to_submit(data)
                    )
            except services.EntriesRefused as refused:
                by_indicator = {r.line.indicator.pk: r for r in rows}
                for indicator_id, error in refused.errors.items():
                    by_indicator[indicator_id].form.show_error(error)
                for indicator_id, conflict in refused.conflicts.items():
                    row = by_indicator[indicator_id]
                    row.conflict = conflict
                    # Saving again after seeing the other value is a knowing overwrite.
                    data[f"{row.form.prefix}-version"] = str(conflict.current.version)
                messages.error(request, _("Nothing was saved: see the messages at the indicators below."))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                if AuditAction.SUBMIT in written:
                    messages.success(request, _("Submitted for approval."))
                elif written:
                    messages.success(request, _("Saved as draft."))
                else:
                    messages.info(request, _("No changes: nothing was saved."))
                return HttpResponseRedirect(request.get_full_path())
        else:
            _show_rule_errors(period, country, posted_rows, user)
            messages.error(request, _("Nothing was saved: see the messages at the indicators below."))
        # Nothing was saved: a file chosen on a line is kept for the retry, as on the edit pages.
        for row in posted_rows:
            if hasattr(row.form, "cleaned_data"):
                uploads.keep_uploads(row.form, user)
    back = (
        reverse("results:country_dashboard", args=[programme.slug, country.lower()])
        if country
        else reverse("results:dashboard", args=[programme.slug])
    )
    return render(
        request,
        "results/entry.html",
        {
            "programme": programme,
            "period": period,
            "periods": frame.periods,
            "country": country,
            "country_label": column_label(country),
            "rows": rows,
            "back": back,
        },
        status=status,
    )


def _chosen_to_submit(data: Any) -> bool | set[int]:
    """What *Save and submit* sends: the lines ticked on the screen (the screen lists them), or, from
    a page without the ticks, every draft; *Save as draft* sends nothing."""
    if "submit" not in data:
        return False
    if "choosing" not in data:
        return True
    return {int(v) for v in data.getlist("submit_line") if str(v).isdigit()}


# A line refused for these fields alone still has its values checked by the rules in the same round.
_BESIDE_THE_VALUES = {"evidence", "narrative"}


def _show_rule_errors(period: Any, country: str, rows: list[EntryRow], user: Any) -> None:
    """Beside the form's errors (a wrong file, a mistyped number), the rules' errors of every line whose
    values were read: a split that does not add up is named now, not after the file is fixed."""
    checkable = [r for r in rows if set(r.form.errors) <= _BESIDE_THE_VALUES]
    entries = [
        services.Entry(r.form.to_update(), r.form.cleaned_data.get("version") or 0, []) for r in checkable
    ]
    errors = services.entry_errors(period, country, entries, acting_user=user)
    for row in checkable:
        error = errors.get(row.line.indicator.pk)
        if error is not None:
            row.form.show_error(error)


@login_required
def evidence_download(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    programme = programme_for(request.user, slug)
    evidence = selectors.evidence_for(request.user, programme, pk)
    return serve_stored_file(evidence.file, download_name=evidence.name)


@login_required
@require_POST
def withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The author takes a submitted update back to draft, until it is reviewed."""
    programme = programme_for(request.user, slug)
    update = get_scoped_or_404(
        IndicatorUpdate.objects.select_related("period", "indicator"),
        request.user,
        Action.RECORD,
        pk=pk,
        indicator__result__programme=programme,
    )
    try:
        services.withdraw_update(update, acting_user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Withdrawn to draft: %(update)s.") % {"update": update})
    if update.country:
        url = reverse(
            "results:country_entry", args=[programme.slug, str(update.country).lower(), update.period_id]
        )
    else:
        url = reverse("results:programme_entry", args=[programme.slug, update.period_id])
    return HttpResponseRedirect(f"{url}#indicator-{update.indicator_id}")


# --- approvals -------------------------------------------------------------------------------


def _queue_action(request: HttpRequest, programme: Programme) -> str:
    # Managers read the queue (without the buttons); only M&E officers decide.
    return Action.APPROVE if can(request.user, Action.APPROVE, programme.pk) else Action.VIEW


def _queue(
    request: HttpRequest, programme: Programme
) -> tuple[str, selectors.Frame, str | None, list[selectors.Awaiting]]:
    """What the queue's page and its export list: (action, frame, country chosen, waiting updates
    with their figures); a `?country=` outside the reader's scope answers 404."""
    action = _queue_action(request, programme)
    frame = selectors.frame_of(request.user, programme)
    country = selectors.queue_country(request.user, frame, action, request.GET.get("country", ""))
    queue = selectors.approval_queue(request.user, programme, action, country=country)
    return action, frame, country, selectors.awaiting(request.user, frame, queue)


def _with_country(url: str, country: str | None) -> str:
    """An address of the queue's pages that keeps the country the reader narrowed it to."""
    return f"{url}?{urlencode({'country': country})}" if country else url


def _approvals_page(
    request: HttpRequest,
    programme: Programme,
    bound: dict[int, ReviewForm] | None = None,
    status: int = 200,
) -> HttpResponse:
    action, frame, country, lines = _queue(request, programme)
    bound = bound or {}
    # A decision refused on an update that left the queue (decided by someone else) has no form
    # to show its reason at: it is said at the top of the page.
    waiting = {line.update.pk for line in lines}
    for pk, form in bound.items():
        if pk not in waiting:
            for error in form.non_field_errors():
                messages.error(request, str(error))
    items = [
        (
            line,
            bound.get(line.update.pk)
            or ReviewForm(auto_id=f"u{line.update.pk}_%s", initial={"version": line.update.version}),
        )
        for line in lines
    ]
    return render(
        request,
        "results/approvals.html",
        {
            "programme": programme,
            "items": items,
            "recent": selectors.recently_reviewed(request.user, programme, action=action, country=country),
            "may_approve": action == Action.APPROVE,
            "countries": selectors.queue_countries(request.user, frame, action),
            "country": country,
            "country_query": _with_country("", country),
        },
        status=status,
    )


@login_required
def approvals(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    if not selectors.may_see_approvals(request.user, programme):
        raise Http404
    if fmt := requested_format(request):
        # What the page lists: the updates the reader may decide, or (a manager) read.
        action, _frame, country, lines = _queue(request, programme)
        recent = selectors.recently_reviewed(request.user, programme, action=action, country=country)
        tables = [exports.approvals_table(lines), exports.reviewed_table(recent)]
        name = export_name(programme, "approvals")
        return export_response(tables, fmt, name, chosen=request.GET.get("table"))
    return _approvals_page(request, programme)


def _queue_url(programme: Programme, request: HttpRequest) -> str:
    """The queue as the reader left it (narrowed to a country or not)."""
    return _with_country(reverse("results:approvals", args=[programme.slug]), request.GET.get("country"))


@login_required
@require_POST
def review(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    programme = programme_for(request.user, slug, Action.APPROVE)
    update = selectors.update_to_review(request.user, programme, pk)
    form = ReviewForm(request.POST, auto_id=f"u{update.pk}_%s")
    if form.is_valid():
        act: Any = (
            services.approve_update if form.cleaned_data["decision"] == "approve" else services.return_update
        )
        try:
            act(
                update,
                acting_user=request.user,
                note=form.cleaned_data["note"],
                seen_version=form.cleaned_data["version"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            done = (
                _("Approved: %(update)s.")
                if form.cleaned_data["decision"] == "approve"
                else _("Returned: %(update)s.")
            )
            messages.success(request, done % {"update": update})
            return HttpResponseRedirect(_queue_url(programme, request))
    return _approvals_page(request, programme, {update.pk: form}, status=400)


@dataclass
class Chosen:
    """A row of the confirmation screen of a bulk approval: the update (with what it is held
    against), or only its id when it is not the reader's to decide; and why it cannot be approved."""

    pk: int
    line: selectors.Awaiting | None
    error: str = ""


def _picked(values: list[str]) -> list[int]:
    return sorted({int(v) for v in values if v.isdigit()})


@login_required
def approve_many(request: HttpRequest, slug: str) -> HttpResponse:
    """Approve the updates ticked in the queue, after one confirmation screen that lists them: a GET
    (or a POST without the screen's confirmation) shows the screen and writes nothing; its POST
    approves them all or, if one is refused, none, saying which and why."""
    programme = programme_for(request.user, slug, Action.APPROVE)
    user = request.user
    frame = selectors.frame_of(user, programme)
    data = request.POST if request.method == "POST" else request.GET
    country = selectors.queue_country(user, frame, Action.APPROVE, data.get("country", ""))
    back = _with_country(reverse("results:approvals", args=[programme.slug]), country)
    picked = _picked(data.getlist("update"))
    if not picked:
        if request.method == "POST" and "note" in data:
            # A note refused for itself (too long, a control character) says so, whatever was ticked.
            empty = BulkApprovalForm(data, updates=[])
            if not empty.is_valid():
                context = {
                    "programme": programme,
                    "rows": [],
                    "form": empty,
                    "country": country,
                    "back": back,
                }
                return render(request, "results/approve_many.html", context, status=400)
        messages.error(request, _("Tick the updates to approve first."))
        return HttpResponseRedirect(back)
    found = selectors.updates_to_review(user, programme, picked)
    lines = {a.update.pk: a for a in selectors.awaiting(user, frame, list(found.values()))}
    rows = [Chosen(pk, lines.get(pk)) for pk in picked]
    # Only the screen's own button confirms; the versions it carries are those it showed.
    attempt = request.method == "POST" and "confirm" in data
    form = BulkApprovalForm(data if attempt else None, updates=list(found.values()))
    confirmed = attempt and form.is_valid()
    for row in rows:
        if row.line is None:
            row.error = _("Not found, or not yours to approve.")
        elif row.line.update.state != UpdateState.SUBMITTED and not confirmed:
            # Said before the confirmation; the service says it again, in its words, if confirmed anyway.
            row.error = _("No longer waiting for approval: it is %(state)s now.") % {
                "state": row.line.update.get_state_display().lower()
            }
    status = 200
    if confirmed:
        status = 400
        if not any(r.error for r in rows):
            try:
                approved = services.approve_updates(
                    [(u, form.seen_version(u)) for u in found.values()],
                    acting_user=user,
                    note=form.cleaned_data["note"],
                )
            except services.ApprovalsRefused as refused:
                for row in rows:
                    row.error = refused.errors.get(row.pk, "")
            else:
                messages.success(
                    request,
                    ngettext("Approved %(count)s update.", "Approved %(count)s updates.", len(approved))
                    % {"count": len(approved)},
                )
                return HttpResponseRedirect(back)
        messages.error(request, _("Nothing was approved: see the updates marked below."))
    elif attempt:
        status = 400  # a note too long, or a confirmation without the versions it showed
    elif request.method == "POST":
        messages.info(request, _("Nothing was approved yet: check the list and confirm."))
    fine = [r.pk for r in rows if not r.error]
    return render(
        request,
        "results/approve_many.html",
        {
            "programme": programme,
            "rows": rows,
            "form": form,
            "country": country,
            "back": back,
            "refused": any(r.error for r in rows),
            "only_fine": _with_country_and_updates(programme, country, fine) if fine else "",
        },
        status=status,
    )


def _with_country_and_updates(programme: Programme, country: str | None, pks: list[int]) -> str:
    """The confirmation screen of these updates alone: the rows that can be approved, the others left out."""
    query = [("update", str(pk)) for pk in pks] + ([("country", country)] if country else [])
    return reverse("results:approve_many", args=[programme.slug]) + "?" + urlencode(query)


# --- dashboards ------------------------------------------------------------------------------


def _dashboard(request: HttpRequest, programme: Programme, country: str | None) -> Any:
    """The dashboard's data, computed only when the page's {% memo %} fragment is not kept already."""
    return SimpleLazyObject(
        lambda: selectors.dashboard(
            request.user,
            selectors.frame_of(request.user, programme),
            timezone.localdate(),
            country=country,
        )
    )


@login_required
def programme_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    board = _dashboard(request, programme, None)
    if fmt := requested_format(request):
        name = export_name(programme, "dashboard")
        return export_response(exports.dashboard_tables(board), fmt, name, chosen=request.GET.get("table"))
    return render(
        request,
        "results/dashboard.html",
        {
            "programme": programme,
            "d": board,
            "statuses": list(Status),
            "may_approve": can(request.user, Action.APPROVE, programme.pk),
            "may_setup": can(request.user, Action.SETUP, programme.pk),
            "may_record_programme": can(request.user, Action.RECORD, programme.pk),
            "recordable": SimpleLazyObject(lambda: board.frame.recordable(request.user)),
        },
    )


@login_required
def country_dashboard(request: HttpRequest, slug: str, iso2: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    country = _country_code(iso2)
    # Read when the page's {% memo %} fragment is not kept already: a kept one was rendered for this
    # country, scope and revision, so the country was there and visible (404 otherwise, as before).
    programme_country = SimpleLazyObject(
        lambda: get_scoped_or_404(
            ProgrammeCountry.objects.all(), request.user, Action.VIEW, programme=programme, country=country
        )
    )
    board = _dashboard(request, programme, country)
    if fmt := requested_format(request):
        programme_country.pk  # noqa: B018 - a country outside the reader's scope answers 404 here too
        name = export_name(programme, f"dashboard-{country.lower()}")
        tables = exports.dashboard_tables(board, per_period=True)
        return export_response(tables, fmt, name, chosen=request.GET.get("table"))
    return render(
        request,
        "results/dashboard.html",
        {
            "programme": programme,
            "pc": programme_country,
            "country": country,
            "d": board,
            "statuses": list(Status),
            "may_approve": can(request.user, Action.APPROVE, programme.pk),
            "may_setup": can(request.user, Action.SETUP, programme.pk),
            "recordable": SimpleLazyObject(lambda: board.frame.recordable(request.user)),
        },
    )
