"""Indexes for the history pages; index only, no change to the table."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="auditentry", name="audit_programme_at"),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["programme", "-at", "-id"], name="audit_programme_at_id"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(fields=["content_type", "object_id"], name="audit_object"),
        ),
    ]
