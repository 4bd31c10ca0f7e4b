"""Pages of the Excel import: download a template, upload it, read the preview, confirm."""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePath
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from steerco.core.roles import Action
from steerco.core.uploads import download_response, validate_upload
from steerco.programmes.models import Programme
from steerco.programmes.selectors import country_for, programme_for
from steerco.results.rules import PROGRAMME

from .imports import FileRefused, ImportRefused, Plan, TargetsImport, UpdatesImport, problems_summary
from .workbook import mark_problems


def _workbook_only(upload: Any) -> None:
    if not str(getattr(upload, "name", "") or "").lower().endswith(".xlsx"):
        raise ValidationError(
            _("%(name)s is not an .xlsx workbook: only the template, saved as .xlsx, can be imported.")
            % {"name": PurePath(str(getattr(upload, "name", "") or "")).name},
            code="file_type",
        )


class UploadForm(forms.Form):
    # The checks of every upload (name, size, content matching the name), then: an .xlsx workbook.
    file = forms.FileField(
        label=_lazy("Workbook (.xlsx)"),
        error_messages={"required": _lazy("Choose the workbook to upload.")},
        validators=[validate_upload, _workbook_only],
        max_length=255,
    )


XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
UPLOAD_FOLDER = "imports"
KEPT_FOR_SECONDS = 24 * 3600


def _salt(request: HttpRequest) -> str:
    return f"steerco.import-upload.{request.user.pk}"


def _store(request: HttpRequest, content: bytes, name: str) -> str:
    path = default_storage.save(
        f"{UPLOAD_FOLDER}/{PurePath(name).name or 'upload.xlsx'}", ContentFile(content)
    )
    return signing.dumps({"path": path, "name": name}, salt=_salt(request))


def _load(request: HttpRequest, reference: str) -> tuple[bytes, str]:
    try:
        kept = signing.loads(reference, salt=_salt(request), max_age=KEPT_FOR_SECONDS)
    except signing.BadSignature as exc:
        raise Http404 from exc
    path = str(kept.get("path", ""))
    if not path.startswith(f"{UPLOAD_FOLDER}/") or not default_storage.exists(path):
        raise Http404
    with default_storage.open(path, "rb") as handle:
        return handle.read(), str(kept.get("name") or PurePath(path).name)


def _digest(plan: Plan) -> str:
    shown = [(c.row, c.what, c.action, c.fields) for c in plan.changes]
    return hashlib.sha256(json.dumps(shown, default=str).encode()).hexdigest()


def _importer(request: HttpRequest, programme: Programme, kind: str, country: str | None) -> Any:
    if kind == "updates":
        importer: Any = UpdatesImport(request.user, programme, country or PROGRAMME)
    elif kind == "targets" and country is None:
        importer = TargetsImport(request.user, programme)
    else:
        raise Http404
    if not importer.may():
        raise Http404
    return importer


def _chosen_periods(request: HttpRequest, importer: Any) -> list[Any]:
    periods = importer.frame.periods
    chosen = {v for v in request.GET.getlist("period") if v.isdigit()}
    if chosen:
        return [p for p in periods if str(p.pk) in chosen]
    today = timezone.localdate()
    current = importer.frame.current_period(today)
    closed = [p for p in periods if p.end < today]
    default = [p for p in (closed[-1] if closed else None, current) if p is not None]
    return default or periods[-1:]


@login_required
def import_page(request: HttpRequest, slug: str, kind: str, iso2: str | None = None) -> HttpResponse:
    programme = programme_for(request.user, slug, Action.VIEW)
    country = None if iso2 is None else str(country_for(request.user, programme, iso2).country)
    importer = _importer(request, programme, kind, country)
    here = request.path
    if request.method == "GET" and "template" in request.GET:
        if kind == "updates":
            periods = _chosen_periods(request, importer)
            content = importer.template(periods)
            name = f"{programme.code}-{(country or 'programme').lower()}-updates.xlsx"
        else:
            content = importer.template()
            name = f"{programme.code}-targets.xlsx"
        return download_response(content, name, XLSX_TYPE)
    if request.method == "GET" and "marked" in request.GET:
        content, name = _load(request, request.GET["marked"])
        try:
            plan = importer.plan(content, name)
        except FileRefused as refused:
            messages.error(request, refused.message)
            return HttpResponseRedirect(here)
        marked = mark_problems(content, plan.sheet, [(p.row, p.column, p.message) for p in plan.problems])
        return download_response(marked, f"{PurePath(name).stem}-problems.xlsx", XLSX_TYPE)
    context: dict[str, Any] = {
        "programme": programme,
        "kind": kind,
        "title": importer.title,
        "country": country,
        "country_label": _country_label(country),
        "periods": importer.frame.periods if kind == "updates" else [],
        "chosen": [p.pk for p in _chosen_periods(request, importer)] if kind == "updates" else [],
        "back": _back(programme, kind, country),
        "form": UploadForm(),
    }
    status = 200
    if request.method == "POST":
        status = 400
        reference = request.POST.get("reference", "")
        if reference:
            content, name = _load(request, reference)
        else:
            form = UploadForm(request.POST, request.FILES)
            context["form"] = form
            if not form.is_valid():
                return render(request, "interop/import.html", context, status=400)
            upload = form.cleaned_data["file"]
            content, name = upload.read(), str(upload.name or "upload.xlsx")
            reference = _store(request, content, name)
        try:
            plan = importer.plan(content, name)
        except FileRefused as refused:
            context["error"] = refused.message
            return render(request, "interop/import.html", context, status=400)
        counts = {action: plan.count(action) for action in ("create", "change", "unchanged")}
        context.update({"plan": plan, "reference": reference, "digest": _digest(plan), "counts": counts})
        if plan.problems:
            context["summary"] = problems_summary(plan)
        elif "confirm" in request.POST:
            if request.POST.get("digest") != _digest(plan):
                context["error"] = _(
                    "The data changed since your preview: read the new preview, then confirm."
                )
                return render(request, "interop/import.html", context, status=409)
            try:
                assert plan.apply is not None
                plan.apply()
            except ImportRefused as refused:
                context["error"] = _("Nothing was imported:") + " " + "; ".join(refused.messages)
                return render(request, "interop/import.html", context, status=409)
            messages.success(
                request,
                _("Imported %(name)s: %(created)s created, %(changed)s changed, %(same)s unchanged.")
                % {
                    "name": name,
                    "created": plan.count("create"),
                    "changed": plan.count("change"),
                    "same": plan.count("unchanged"),
                },
            )
            return HttpResponseRedirect(context["back"])
        else:
            status = 200
    return render(request, "interop/import.html", context, status=status)


def _back(programme: Programme, kind: str, country: str | None) -> str:
    if kind == "targets":
        return reverse("results:logframe", args=[programme.slug])
    if country:
        return reverse("results:country_dashboard", args=[programme.slug, country.lower()])
    return reverse("results:dashboard", args=[programme.slug])


def _country_label(country: str | None) -> str:
    from django_countries import countries

    if country is None:
        return ""
    return str(countries.name(country)) if country else _("Programme-wide")
