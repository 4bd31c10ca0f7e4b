"""Site-wide settings kept in the database."""

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
