"""Small pieces shared by the views of every app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import models, transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from steerco.audit.services import watch_writes
from steerco.audit.versions import StaleEdit, expect_version

from . import edits, uploads


def add_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's validation error at the fields it names, or on the form when it names none of them."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


def posted(request: HttpRequest) -> Any:
    """The form data of a POST, even an empty one, so an empty submission is validated, not ignored."""
    return request.POST if request.method == "POST" else None


def edit_page(
    request: HttpRequest,
    *,
    form: forms.BaseForm,
    save: Callable[[Any], Any],
    template: str,
    success_url: str | Callable[[Any], str],
    context: dict[str, Any] | None = None,
    saved_message: str | None = None,
    version: Callable[[], str] | None = None,
    show_stale: Callable[[Any, StaleEdit], dict[str, str]] | None = None,
) -> HttpResponse:
    """The usual form page: on a valid POST call the service and redirect, else show the errors.

    `save` receives the form and calls a service; a ValidationError it raises lands at the fields.
    The form carries the version of what it edits (a model form: its instance's; else `version()`,
    which `save` hands to its service with `edits.seen_version(form)`); a stale save is refused with
    the stored values at the fields (`show_stale` gives them for a form that is not a model form).
    A form that creates carries a one-time token: submitted again, it answers with what the first
    submission saved. A save that changed nothing says so instead of "Saved".
    """
    edits.carry_version(form, version)
    instance = getattr(form, "instance", None)
    if instance is not None and instance.pk is None:
        edits.carry_token(form)
    status = 200
    if request.method == "POST":
        status = 400
        uploads.restore_kept(form, request.POST, request.user)
        answer = save_posted(
            request,
            form,
            save=save,
            success_url=success_url,
            saved_message=saved_message,
            show_stale=show_stale,
        )
        if answer is not None:
            return answer
        uploads.keep_uploads(form, request.user)
        if getattr(form, "stale", False):
            status = 409
    return render(request, template, {"form": form, **(context or {})}, status=status)


def save_posted(
    request: HttpRequest,
    form: forms.BaseForm,
    *,
    save: Callable[[Any], Any],
    success_url: str | Callable[[Any], str],
    saved_message: str | None = None,
    show_stale: Callable[[Any, StaleEdit], dict[str, str]] | None = None,
) -> HttpResponse | None:
    """Validate and save a posted form; the redirect (or the answer to a second submission), or None
    when the form is to be shown again with its errors."""
    if not form.is_valid():
        return None
    instance = getattr(form, "instance", None)
    if instance is not None:
        expect_version(instance, edits.seen_version(form))
    try:
        with transaction.atomic():
            taken = edits.take_token(edits.posted_token(form), request.user)
            with watch_writes() as written:
                result = save(form)
            url = success_url(result) if callable(success_url) else success_url
            edits.note_result(taken, url, result)
    except edits.DuplicateSubmission as duplicate:
        return render(request, "core/duplicate.html", {"first": duplicate.first}, status=409)
    except StaleEdit as stale:
        edits.after_stale(form, stale, show_stale(form, stale) if show_stale else None)
        return None
    except ValidationError as exc:
        add_validation_error(form, exc)
        return None
    if written:
        messages.success(request, saved_message or _("Saved."))
    else:
        messages.info(request, _("No changes: nothing was saved."))
    return HttpResponseRedirect(url)


FORM_TEMPLATE = "programmes/form.html"


class Editing:
    """What a scoped edit page has found before it builds its form: the request, the programme read
    within the reader's scope, and the instance edited (new, or found within scope)."""

    def __init__(self, request: HttpRequest, programme: Any, instance: Any, pk: int | None) -> None:
        self.request = request
        self.programme = programme
        self.instance = instance
        self.pk = pk

    @property
    def user(self) -> Any:
        return self.request.user

    @property
    def adding(self) -> bool:
        return self.pk is None


def scoped_edit(
    request: HttpRequest,
    slug: str,
    pk: int | None = None,
    *,
    form_class: Callable[..., forms.BaseForm],
    service: Callable[..., Any],
    new: Callable[[Any], Any] | None = None,
    existing: Callable[[Any, int], Any] | None = None,
    action: str | None = None,
    item_action: str | None = None,
    may: Callable[[Any], bool] | None = None,
    form_kwargs: Callable[[Editing], dict[str, Any]] | None = None,
    service_kwargs: Callable[[forms.BaseForm], dict[str, Any]] | None = None,
    success: Callable[[Editing, Any], str],
    back: Callable[[Editing], str] | None = None,
    title: str | Callable[[Editing], str] = "",
    template: str = FORM_TEMPLATE,
    context: dict[str, Any] | None = None,
    saved_message: str | None = None,
    remove: Callable[[Editing], str] | None = None,
) -> HttpResponse:
    """The edit page of one record of a programme, in the order every such page takes.

    1. The programme by its slug, within the reader's scope for `action` (else 404); `may`, when
       given, is a further gate (404 when it says no).
    2. The instance: `new(programme)` for an add page (`pk` is None), else `existing(programme, pk)`,
       a queryset (the record is taken from it within scope for `item_action`, else 404) or the
       record itself (a selector that answers 404 on its own).
    3. The form, built with `posted()` (an empty submission is validated, not ignored), with the
       uploaded files and `form_kwargs(editing)`; it carries the version and, adding, the token.
    4. A valid save calls `service(instance, acting_user=user, **service_kwargs(form))` and
       redirects to `success(editing, result)`; *Cancel* leads to `back(editing)` (the list the page
       belongs to), never to the browser's previous page; *Remove* to `remove(editing)`, when given
       (the record's removal page, `scoped_remove`).
    """
    editing = _found(
        request, slug, pk, new=new, existing=existing, action=action, item_action=item_action, may=may
    )
    programme, instance = editing.programme, editing.instance
    form = form_class(
        posted(request),
        request.FILES or None,
        instance=instance,
        **(form_kwargs(editing) if form_kwargs else {}),
    )

    def save(f: Any) -> Any:
        return service(f.instance, acting_user=request.user, **(service_kwargs(f) if service_kwargs else {}))

    shown_title = title(editing) if callable(title) else title
    if remove is not None and not editing.adding:
        context = {"remove_url": remove(editing), **(context or {})}
    return edit_page(
        request,
        form=form,
        save=save,
        template=template,
        success_url=lambda result: success(editing, result),
        context={
            "programme": programme,
            "title": shown_title,
            "cancel_url": back(editing) if back else success_url_of(editing),
            **(context or {}),
        },
        saved_message=saved_message,
    )


def success_url_of(editing: Editing) -> str:
    """Where Cancel leads when the page names no list: the programme's overview."""
    from django.urls import reverse

    return reverse("programmes:overview", args=[editing.programme.slug])


def _found(
    request: HttpRequest,
    slug: str,
    pk: int | None,
    *,
    new: Callable[[Any], Any] | None,
    existing: Callable[[Any, int], Any] | None,
    action: str | None,
    item_action: str | None,
    may: Callable[[Any], bool] | None,
) -> Editing:
    """The programme and the record of an edit or removal page, within the reader's scope (else 404)."""
    from steerco.core.roles import Action
    from steerco.core.scoping import get_scoped_or_404
    from steerco.programmes.selectors import programme_for

    programme = programme_for(request.user, slug, action or Action.VIEW)
    if may is not None and not may(programme):
        raise Http404
    if pk is None:
        if new is None:
            raise Http404
        instance = new(programme)
    else:
        if existing is None:
            raise Http404
        found = existing(programme, pk)
        if isinstance(found, models.QuerySet):
            found = get_scoped_or_404(found, request.user, item_action or action or Action.VIEW, pk=pk)
        instance = found
    return Editing(request, programme, instance, pk)


def safe_next(request: HttpRequest) -> str:
    """The `next` address the page was opened with, when it leads back into this site ("" otherwise)."""
    from django.utils.http import url_has_allowed_host_and_scheme

    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return ""


REMOVE_TEMPLATE = "core/remove.html"


def scoped_remove(
    request: HttpRequest,
    slug: str,
    pk: int,
    *,
    existing: Callable[[Any, int], Any],
    service: Callable[..., Any],
    refusal: Callable[[Any], str],
    back: Callable[[Editing], str],
    action: str | None = None,
    item_action: str | None = None,
    may: Callable[[Any], bool] | None = None,
    fields: tuple[str, ...] = (),
    goes_with: Callable[[Any], list[str]] | None = None,
    title: str = "",
) -> HttpResponse:
    """The removal page of one record entered by mistake, beside `scoped_edit` and found the same way.

    GET shows what will be removed (its `fields`), what goes with it (`goes_with(record)`) and, when the
    record can no longer be removed, why (`refusal(record)`, "" when it can); it writes nothing. POST
    calls `service(record, acting_user=user)`, which refuses with the same reason (409, nothing
    written), and redirects to the list the page came from: a safe `next`, else `back(editing)`.
    """
    from django.http import HttpResponseNotAllowed

    from . import removals

    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    editing = _found(
        request, slug, pk, new=None, existing=existing, action=action, item_action=item_action, may=may
    )
    record = editing.instance
    back_url = safe_next(request) or back(editing)
    shown = str(record)
    status = 200
    if request.method == "POST":
        try:
            with transaction.atomic():
                service(record, acting_user=request.user)
        except ObjectDoesNotExist as exc:  # removed meanwhile, by someone else or a second submission
            raise Http404 from exc
        except ValidationError as exc:
            reason = " ".join(exc.messages)
            status = 409
        else:
            messages.success(request, _("Removed: %(record)s.") % {"record": shown})
            return HttpResponseRedirect(back_url)
    else:
        reason = refusal(record)
    return render(
        request,
        REMOVE_TEMPLATE,
        {
            "programme": editing.programme,
            "title": title,
            "record": shown,
            "fields": removals.main_fields(record, fields),
            "goes_with": goes_with(record) if goes_with else [],
            "reason": reason,
            "back_url": back_url,
            "next": safe_next(request),
        },
        status=status,
    )
