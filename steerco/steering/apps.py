from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SteeringConfig(AppConfig):
    name = "steerco.steering"
    label = "steering"
    verbose_name = _("Steering")

    def ready(self) -> None:
        from .selectors import register_history_rules

        register_history_rules()
