"""What finds its people: notifications (every mail, with its state), each user's choice per kind of
notification, comments on the objects of a programme, and when someone last opened a thread."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from steerco.core.scoping import ScopedManager


class Kind(models.TextChoices):
    UPDATE_SUBMITTED = "update_submitted", _("An update is submitted for approval")
    UPDATE_RETURNED = "update_returned", _("An update of mine is returned")
    UPDATE_APPROVED = "update_approved", _("An update of mine is approved")
    PACK_CIRCULATED = "pack_circulated", _("A meeting pack is circulated")
    ACTION_ASSIGNED = "action_assigned", _("An action point is assigned to my organisation")
    ACTION_DUE = "action_due", _("An action point of my organisation is due in 7 days")
    HANDOVER_RECORDED = "handover_recorded", _("A handover to my institution is recorded")


class Delivery(models.TextChoices):
    AT_ONCE = "at_once", _("At once")
    DIGEST = "digest", _("In a daily digest")
    NEVER = "never", _("Never")


class NotificationPreference(models.Model):
    """How one user wants one kind of notification; without a row, at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    delivery = models.CharField(
        _("delivery"), max_length=8, choices=Delivery.choices, default=Delivery.AT_ONCE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notification_preference_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.delivery}"


class Notification(models.Model):
    """One mail to one person about one object: written with the change that causes it, sent after
    the change commits (at once) or in the daily digest; kept, sent or not, with its attempts."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recipient"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type of object"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    # What makes a second notification about the same object a new one (a new version, a new owner).
    occasion = models.CharField(_("occasion"), max_length=64, blank=True)
    delivery = models.CharField(_("delivery"), max_length=8, choices=Delivery.choices)
    subject = models.CharField(_("subject"), max_length=255)
    body = models.TextField(_("text"))
    link = models.CharField(_("link"), max_length=500)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "content_type", "object_id", "occasion"],
                name="notification_once",
            )
        ]
        indexes = [models.Index(fields=["sent_at", "delivery"], name="notification_pending")]

    def __str__(self) -> str:
        return self.subject


class Comment(models.Model):
    """One message in the thread of an update, an indicator, an action point, a lot or a meeting."""

    programme = models.ForeignKey(
        "programmes.Programme", verbose_name=_("programme"), on_delete=models.CASCADE, related_name="+"
    )
    country = CountryField(_("country"), blank=True)
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type of object"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="comments",
    )
    # What the thread is about, as it was named when the comment was written (for lists and tasks).
    subject = models.CharField(_("about"), max_length=255, blank=True)
    text = models.TextField(_("comment"))
    created = models.DateTimeField(_("written"), auto_now_add=True)

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created", "id"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="comment_thread")]

    def __str__(self) -> str:
        return self.text[:80]


class Seen(models.Model):
    """When a user last opened a thread or a meeting's pack: what came after it is new to them."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type of object"), on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.PositiveBigIntegerField(_("object"))
    at = models.DateTimeField(_("seen at"))

    class Meta:
        verbose_name = _("seen")
        verbose_name_plural = _("seen")
        constraints = [
            models.UniqueConstraint(fields=["user", "content_type", "object_id"], name="seen_once")
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.content_type_id}:{self.object_id}"
