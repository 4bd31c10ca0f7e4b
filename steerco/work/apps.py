from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WorkConfig(AppConfig):
    name = "steerco.work"
    label = "work"
    verbose_name = _("Work: tasks, notifications and comments")

    def ready(self) -> None:
        from django.db.models.signals import post_save

        from steerco.audit.models import AuditEntry

        from .comments import register_history_rules
        from .tasks import writes_committed

        register_history_rules()
        post_save.connect(writes_committed, sender=AuditEntry, dispatch_uid="work-task-count")
