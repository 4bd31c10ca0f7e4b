import django.utils.timezone
from django.db import migrations, models
from django.db.models import Min


def from_audit_entries(apps, schema_editor):
    """Date the existing lines by their first audit entry, the day they were written into the plan."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    AuditEntry = apps.get_model("audit", "AuditEntry")
    WorkPlanItem = apps.get_model("delivery", "WorkPlanItem")
    kind = ContentType.objects.filter(app_label="delivery", model="workplanitem").first()
    if kind is None:
        return
    first = dict(
        AuditEntry.objects.filter(content_type=kind)
        .values("object_id")
        .annotate(first=Min("at"))
        .values_list("object_id", "first")
    )
    for item in WorkPlanItem.objects.only("pk").iterator():
        if str(item.pk) in first:
            WorkPlanItem.objects.filter(pk=item.pk).update(created=first[str(item.pk)])


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0004_plausible_amounts_and_counts"),
        ("audit", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="workplanitem",
            name="created",
            field=models.DateTimeField(
                default=django.utils.timezone.now, editable=False, verbose_name="recorded"
            ),
        ),
        migrations.RunPython(from_audit_entries, migrations.RunPython.noop),
    ]
