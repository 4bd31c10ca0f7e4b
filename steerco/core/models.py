"""Site-wide settings kept in the database."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteFlag(models.Model):
    """A named switch of the site, e.g. that the demo world is loaded."""

    DEMO_LOADED = "demo_loaded"

    key = models.CharField(_("key"), max_length=64, unique=True)
    value = models.CharField(_("value"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("site flag")
        verbose_name_plural = _("site flags")

    def __str__(self) -> str:
        return self.key


class FormSubmission(models.Model):
    """A form page's one-time token, taken by its first successful submission: a second submission
    of the same page (a double click, a reload) is answered with what the first one saved."""

    token = models.CharField(_("token"), max_length=64, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    result_url = models.CharField(_("address of the result"), max_length=500, blank=True)
    result_repr = models.CharField(_("result"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("form submission")
        verbose_name_plural = _("form submissions")

    def __str__(self) -> str:
        return self.token
