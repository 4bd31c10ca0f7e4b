"""The delivery app: events, work plan, recommendations, procurement, handovers and use."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "steerco.delivery"
    label = "delivery"
    verbose_name = _("Delivery")

    def ready(self) -> None:
        # Indicators of the results framework can be computed from delivery records.
        from steerco.results import computed

        from . import metrics

        metrics.register_all(computed)
