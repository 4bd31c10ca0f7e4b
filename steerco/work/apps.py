from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "steerco.work"
    label = "work"
    verbose_name = _("Work: tasks, notifications and comments")

    def ready(self) -> None:
        from .comments import register_history_rules

        register_history_rules()
