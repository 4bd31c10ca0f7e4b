from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "steerco.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self) -> None:
        from .bounds import bound_fields
        from .dates import guard_date_fields

        guard_date_fields()
        bound_fields()
