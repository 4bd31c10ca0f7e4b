"""Small pieces shared by the views of every app."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import gettext as _


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
) -> HttpResponse:
    """The usual form page: on a valid POST call the service and redirect, else show the errors.

    `save` receives the form and calls a service; a ValidationError it raises lands at the fields.
    """
    if request.method == "POST" and form.is_valid():
        try:
            result = save(form)
        except ValidationError as exc:
            add_validation_error(form, exc)
        else:
            messages.success(request, saved_message or _("Saved."))
            url = success_url(result) if callable(success_url) else success_url
            return HttpResponseRedirect(url)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **(context or {})}, status=status)
