"""The one audit table: who changed what, when, in which scope, from what to what."""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _

from steerco.core.scoping import ScopedManager


class AuditAction(models.TextChoices):
    CREATE = "create", _("created")
    UPDATE = "update", _("changed")
    DELETE = "delete", _("deleted")
    SUBMIT = "submit", _("submitted")
    APPROVE = "approve", _("approved")
    RETURN = "return", _("returned")
    CIRCULATE = "circulate", _("circulated")
    CLOSE = "close", _("closed")
    LOGIN = "login", _("signed in")
    IMPORT = "import", _("imported")
    LOCK = "lock", _("locked out")
    UNLOCK = "unlock", _("unlocked")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    action = models.CharField(_("action"), max_length=16, choices=AuditAction.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object id"), max_length=64)
    object_repr = models.CharField(_("object"), max_length=255)
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_entries",
    )
    country = models.CharField(_("country"), max_length=2, blank=True)
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        ordering = ["-at", "-id"]
        indexes = [
            # In the order the history page reads: a programme's latest entries come straight from the
            # index, however many newer entries other programmes have.
            models.Index(fields=["programme", "-at", "-id"], name="audit_programme_at_id"),
            # The history of given objects (an indicator's approvals): without it, the lookup reads
            # every entry of that type in every programme.
            models.Index(fields=["content_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def changed_fields(self) -> list[tuple[str, object, object]]:
        """(field, before, after) for each field whose value differs."""
        before = self.before or {}
        after = self.after or {}
        keys = [k for k in {**before, **after} if before.get(k) != after.get(k)]
        return [(k, before.get(k), after.get(k)) for k in keys]

    def labelled_changes(self) -> list[tuple[str, object, object]]:
        """`changed_fields` in the reader's words: field names and choice values as the forms show them."""
        model = self.content_type.model_class()
        fields = {}
        if model is not None:
            for f in model._meta.get_fields():
                if getattr(f, "concrete", False) or f.many_to_many:
                    fields[getattr(f, "attname", f.name)] = f
                    fields[f.name] = f

        def shown(field: Any, value: object) -> object:
            if isinstance(value, bool):
                return _("yes") if value else _("no")
            return _choices_of(field).get(value, value) if isinstance(value, str) else value

        rows = []
        for name, old, new in self.changed_fields():
            field = fields.get(name)
            if field is None:
                rows.append((name, old, new))
            else:
                rows.append((str(getattr(field, "verbose_name", name)), shown(field, old), shown(field, new)))
        return rows


@functools.cache
def _choices_of(field: Any) -> dict[Any, Any]:
    """A field's choices as a dict, built once per field: a country field has some 250 of them, and a
    history page shows them for every entry."""
    return dict(getattr(field, "flatchoices", None) or ())


class Revision(models.Model):
    """A number that moves every time a transaction that wrote audit entries for a programme commits
    (`scope` is the programme's id; 0 stands for the objects of no programme, such as organisations).

    The page memo keys on it (`steerco.core.memo`): reading it is one primary-key lookup, however long
    the programme's history grows. `steerco.audit.services.bump_revision_on_commit` moves it.
    """

    SITE_WIDE = 0

    scope = models.PositiveBigIntegerField(_("scope"), primary_key=True)
    value = models.PositiveBigIntegerField(_("revision"), default=0)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.scope}: {self.value}"
