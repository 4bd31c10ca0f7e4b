"""Users and their memberships: who may do what, in which programme and country."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from steerco.core.permissions import ADMINISTER
from steerco.core.roles import Role
from steerco.core.scoping import ScopedManager


class User(AbstractUser):
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES, blank=True)
    organisation = models.ForeignKey(
        "programmes.Organisation",
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="users",
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    programme = models.ForeignKey(
        "programmes.Programme",
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    country = CountryField(_("country"), blank=True, help_text=_("Leave empty for the whole programme."))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)

    objects = ScopedManager()
    scope_programme = "programme"
    scope_country = "country"
    read_action = ADMINISTER  # memberships are read where they are managed: by site administrators

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["programme__code", "country", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme", "country", "role"], name="membership_unique"
            ),
        ]

    def __str__(self) -> str:
        where = self.country.name if self.country else _("all countries")  # type: ignore[attr-defined]
        return f"{self.user} · {self.programme} · {where} · {self.get_role_display()}"
