"""What a form page carries besides its fields: the version of what it edits, and a one-time token.

The version (`steerco.audit.versions`) makes a save from a stale page a refusal that shows the stored
values next to ours; the token makes a second submission of the same page (a double click, a reload)
an answer that points at what the first one saved, instead of a second row.
"""

from __future__ import annotations

import datetime
import re
import secrets
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django import forms
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from steerco.audit.models import AuditEntry
from steerco.audit.versions import StaleEdit, stored_version
from steerco.core.numbers import format_number

from .models import FormSubmission

VERSION_FIELD = "loaded_version"
TOKEN_FIELD = "submission_token"
TOKENS_KEPT = datetime.timedelta(days=7)


TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")


class CarriedField(forms.Field):
    """A hidden value the page hands back; never an error of its own (a person cannot see or fix it):
    a value that is not what was handed out is treated as none (a token) or as stale (a version)."""

    widget = forms.HiddenInput

    def __init__(self) -> None:
        super().__init__(required=False)

    def to_python(self, value: Any) -> str:
        return str(value or "")[:200]


def _hidden(form: forms.BaseForm, name: str, initial: str) -> None:
    form.fields[name] = CarriedField()
    if not form.is_bound:
        form.initial[name] = initial


def carry_version(form: forms.BaseForm, version: Callable[[], str] | None = None) -> None:
    """Give the form a hidden field with the version of what it edits, read now from the database.

    Without `version`, a model form carries its instance's version (none for a new object).
    """
    if version is None:
        instance = getattr(form, "instance", None)
        if instance is None or instance.pk is None:
            return
        version = lambda: stored_version(instance)  # noqa: E731 - read only for an unbound form
    _hidden(form, VERSION_FIELD, "" if form.is_bound else version())


def seen_version(form: forms.BaseForm) -> str | None:
    """The version the posted form was loaded with; None when it carried none (not checked then)."""
    if VERSION_FIELD not in form.fields:
        return None
    return form.cleaned_data.get(VERSION_FIELD) or None


def after_stale(form: forms.BaseForm, stale: StaleEdit, theirs: dict[str, str] | None = None) -> None:
    """Show a refused stale save: who saved meanwhile, their values at the fields where they differ
    from ours, and the new version in the form, so that saving again is a knowing overwrite."""
    if theirs is None:
        theirs = model_form_differences(form, stale.current)
    last = last_change(stale.current)
    if last is not None:
        who = str(last.actor or _("someone"))
        when = timezone.localtime(last.at).strftime("%Y-%m-%d %H:%M")
        form.add_error(
            None,
            _(
                "%(who)s saved this at %(when)s, after you opened the page; nothing was saved. "
                "Their values are shown at the fields where they differ from yours: "
                "save again to replace them with yours."
            )
            % {"who": who, "when": when},
        )
    else:
        form.add_error(
            None,
            _(
                "Someone else saved this after you opened the page; nothing was saved. "
                "Their values are shown at the fields where they differ from yours: "
                "save again to replace them with yours."
            ),
        )
    for name, value in theirs.items():
        if name in form.fields:
            form.add_error(name, _("Saved meanwhile: %(value)s") % {"value": value})
    data = form.data.copy()  # type: ignore[attr-defined]  # a QueryDict, as posted
    data[form.add_prefix(VERSION_FIELD)] = stale.version
    form.data = data
    form.stale = True  # type: ignore[attr-defined]  # the page answers 409 Conflict


def last_change(objects: Iterable[models.Model]) -> AuditEntry | None:
    """The latest audit entry of these objects: who saved them last, and when."""
    by_type: dict[Any, list[str]] = {}
    for obj in objects:
        by_type.setdefault(type(obj), []).append(str(obj.pk))
    if not by_type:
        return None
    from django.contrib.contenttypes.models import ContentType
    from django.db.models import Q

    query = Q()
    for model, ids in by_type.items():
        query |= Q(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False), object_id__in=ids
        )
    return AuditEntry.objects.filter(query).select_related("actor").order_by("-at", "-id").first()


def shown(field: models.Field[Any, Any] | Any, value: Any) -> str:
    """A stored value as a person reads it in a form."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (list, tuple, set)) and not isinstance(value, str):
        return ", ".join(shown(field, v) for v in value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dict):
        return str(value)
    choices = dict(getattr(field, "flatchoices", None) or ())
    if value in choices:
        return str(choices[value])
    if isinstance(value, (int, float, Decimal)):
        return format_number(value, places=getattr(field, "decimal_places", None) or 4)
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return str(value)


def model_form_differences(form: forms.BaseForm, current: list[models.Model]) -> dict[str, str]:
    """Field name → the stored value, shown, for each field of a model form where it differs from ours."""
    if len(current) != 1 or not hasattr(form, "instance"):
        return {}
    stored, mine = current[0], form.instance
    out = {}
    for name in form.fields:
        try:
            field = stored._meta.get_field(name)
        except Exception:  # noqa: BLE001 - a form field of no model field (a password, a split)
            continue
        if field.many_to_many:
            theirs = list(getattr(stored, name).all())
            ours = list(form.cleaned_data.get(name) or [])
            if sorted(o.pk for o in theirs) != sorted(getattr(o, "pk", o) for o in ours):
                out[name] = shown(field, theirs)
        elif isinstance(field, models.Field) and field.concrete:
            theirs_raw = getattr(stored, field.attname)
            if theirs_raw != getattr(mine, field.attname):
                value = getattr(stored, name) if field.is_relation else theirs_raw
                out[name] = shown(field, value)
    return out


# ---- one-time tokens ---------------------------------------------------------------------------


class DuplicateSubmission(Exception):
    """This page was submitted before and saved; `first` says what that submission saved."""

    def __init__(self, first: FormSubmission | None) -> None:
        super().__init__("the form was submitted already")
        self.first = first


def new_token() -> str:
    return secrets.token_urlsafe(24)


def carry_token(form: forms.BaseForm) -> None:
    """Give the form a one-time token, taken by its first successful submission."""
    _hidden(form, TOKEN_FIELD, new_token())


def token_posted(request: Any) -> str | None:
    """The token of a posted page that is not a Django form (`{% submission_token %}`)."""
    token = str(request.POST.get(TOKEN_FIELD, ""))
    return token if TOKEN_SHAPE.fullmatch(token) else None


def posted_token(form: forms.BaseForm) -> str | None:
    if TOKEN_FIELD not in form.fields:
        return None
    token = form.cleaned_data.get(TOKEN_FIELD) or ""
    return token if TOKEN_SHAPE.fullmatch(token) else None


def take_token(token: str | None, user: Any) -> FormSubmission | None:
    """Take the token inside the transaction of the save; `DuplicateSubmission` if it was taken.

    The unique token makes a second, concurrent submission wait for the first's transaction and then
    fail; if the first is refused instead (bad input), its rollback frees the token again.
    """
    if token is None:
        return None
    owner = user if getattr(user, "pk", None) else None
    try:
        with transaction.atomic():
            taken = FormSubmission.objects.create(token=token, user=owner)
    except IntegrityError:
        first = FormSubmission.objects.filter(token=token).first()
        raise DuplicateSubmission(
            first if first is not None and first.user_id == getattr(owner, "pk", None) else None
        ) from None
    FormSubmission.objects.filter(at__lt=timezone.now() - TOKENS_KEPT).delete()
    return taken


def note_result(taken: FormSubmission | None, url: str, result: Any) -> None:
    """Keep what the first submission saved, for the answer to a second one."""
    if taken is None:
        return
    taken.result_url = url[:500]
    taken.result_repr = str(result)[:255] if isinstance(result, models.Model) else ""
    taken.save(update_fields=["result_url", "result_repr"])
