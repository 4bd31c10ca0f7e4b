"""The history page of a programme: its audit entries, scoped and filterable."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from steerco.core.listing import ListShape, Sortable
from steerco.programmes.selectors import programme_for
from steerco.reports.export import export_name, export_response, requested_format

from .exports import history_table
from .selectors import readable_entries

PAGE_SIZE = 50
HISTORY = ListShape(
    columns=(
        Sortable("when", _("When"), ("at",)),
        Sortable("who", _("Who"), ("actor__username",)),
        Sortable("what", _("What"), ("object_repr",)),
    ),
    default="-when",
    search=("object_repr", "rationale", "actor__username", "country"),
    page_size=PAGE_SIZE,
)


def _type_name(content_type: ContentType) -> str:
    model = content_type.model_class()
    return str(model._meta.verbose_name) if model else content_type.model


@login_required
def programme_history(request: HttpRequest, slug: str) -> HttpResponse:
    programme = programme_for(request.user, slug)
    entries = readable_entries(request.user, programme)
    chosen_type = request.GET.get("type", "")
    chosen_user = request.GET.get("user", "")
    page_number = request.GET.get("page") or "1"

    def types() -> list[tuple[int, str]]:
        type_ids = entries.order_by().values_list("content_type", flat=True).distinct()
        return sorted(
            ((ct.pk, _type_name(ct)) for ct in ContentType.objects.filter(pk__in=type_ids)),
            key=lambda t: t[1],
        )

    def actors() -> list[tuple[int, str]]:
        pairs = entries.exclude(actor=None).order_by().values_list("actor_id", "actor__username").distinct()
        return sorted(pairs, key=lambda a: a[1])

    shown = entries
    if chosen_type.isdigit():
        shown = shown.filter(content_type_id=int(chosen_type))
    if chosen_user.isdigit():
        shown = shown.filter(actor_id=int(chosen_user))
    listing = HISTORY.read(request, shown.select_related("actor", "content_type"))
    if fmt := requested_format(request):
        return export_response(history_table(listing.rows), fmt, export_name(programme, "history"))
    # Nothing is read before the page's {% memo %} fragment needs it: the page, the count and the
    # filters' choices are lazy, so a kept fragment costs none of them (steerco.core.memo).
    return render(
        request,
        "audit/history.html",
        {
            "programme": programme,
            "listing": listing,
            "page": SimpleLazyObject(lambda: listing.page),
            "types": SimpleLazyObject(types),
            "actors": SimpleLazyObject(actors),
            "chosen_type": chosen_type,
            "chosen_user": chosen_user,
            "page_number": page_number,
        },
    )
