"""The delivery app: events, work plan, recommendations, procurement, handovers and use."""

import importlib

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    name = "steerco.delivery"
    label = "delivery"
    verbose_name = _("Delivery")

    def ready(self) -> None:
        # Indicators may be computed from delivery records once the results app offers its registry.
        try:
            computed = importlib.import_module("steerco.results.computed")
        except ImportError:
            return
        from . import metrics

        metrics.register_all(computed)
