"""Small pieces shared by the views of every app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _

from steerco.audit.services import watch_writes
from steerco.audit.versions import StaleEdit, expect_version

from . import edits


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
