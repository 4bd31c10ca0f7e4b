"""The history page of a programme: its audit entries, scoped and filterable."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from steerco.programmes.selectors import programme_for

from .models import AuditEntry

PAGE_SIZE = 50


def _type_name(content_type: ContentType) -> str:
    model = content_type.model_class()
    return str(model._meta.verbose_name) if model else content_type.model


@login_required
def programme_history(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    entries = AuditEntry.objects.restrict(request.user).filter(programme=programme)
    type_ids = entries.order_by().values_list("content_type", flat=True).distinct()
    types = sorted(
        ((ct.pk, _type_name(ct)) for ct in ContentType.objects.filter(pk__in=type_ids)), key=lambda t: t[1]
    )
    actors = entries.exclude(actor=None).order_by().values_list("actor_id", "actor__username").distinct()
    chosen_type = request.GET.get("type", "")
    chosen_user = request.GET.get("user", "")
    if chosen_type.isdigit():
        entries = entries.filter(content_type_id=int(chosen_type))
    if chosen_user.isdigit():
        entries = entries.filter(actor_id=int(chosen_user))
    page = Paginator(entries.select_related("actor", "content_type"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "audit/history.html",
        {
            "programme": programme,
            "page": page,
            "types": types,
            "actors": sorted(actors, key=lambda a: a[1]),
            "chosen_type": chosen_type,
            "chosen_user": chosen_user,
        },
    )
