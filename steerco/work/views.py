"""The task inbox, the notification settings and the one comment view."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from steerco.core.views import add_validation_error, posted
from steerco.programmes.selectors import programme_for

from . import comments, services
from .forms import CommentForm, PreferencesForm
from .tasks import tasks_for


@login_required
def tasks_page(request: HttpRequest) -> HttpResponse:
    sections = tasks_for(request.user, timezone.localdate())
    return render(
        request, "work/tasks.html", {"sections": sections, "total": sum(len(s.tasks) for s in sections)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request: HttpRequest) -> HttpResponse:
    current = services.preferences_of(request.user)
    form = PreferencesForm(posted(request), current=current)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            changed = services.save_preferences(request.user, form.cleaned_data, acting_user=request.user)
            if changed:
                messages.success(request, _("Saved."))
            else:
                messages.info(request, _("No changes: nothing was saved."))
            return HttpResponseRedirect(request.path)
    return render(request, "work/preferences.html", {"form": form}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def thread(request: HttpRequest, slug: str, kind: str, pk: int) -> HttpResponse:
    """A thread's page; a POST writes a comment in it and goes back where it was written."""
    programme = programme_for(request.user, slug)
    thread_kind, obj = comments.find(request.user, programme, kind, pk)
    if request.method == "POST" and not comments.may_comment(request.user, thread_kind, programme.pk):
        raise Http404  # a reader who may not write here, like one outside the scope
    form = CommentForm(posted(request))
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                comments.add_comment(obj, form.cleaned_data["text"], acting_user=request.user)
            except ValidationError as exc:
                add_validation_error(form, exc)
            else:
                comments.mark_seen(request.user, obj)
                messages.success(request, _("Comment added."))
                back = form.cleaned_data.get("next") or ""
                if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
                    back = request.path
                return HttpResponseRedirect(back or request.path)
    return render(
        request,
        "work/thread.html",
        {
            "programme": programme,
            "object": obj,
            "object_url": thread_kind.page(programme, obj),
            "comment_form": form,
        },
        status=status,
    )
