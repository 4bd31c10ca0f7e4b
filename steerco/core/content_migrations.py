"""Used by the migrations that gave texts a version per language (kept stable for them)."""

from __future__ import annotations

from typing import Any

from django.db.models import F


def copy_into_default_language(
    app_label: str, fields: dict[str, tuple[str, ...]], language: str = "en"
) -> Any:
    """A migration step that puts each text written before into its English version.

    Texts kept until now in one column were entered in English; they become the English version
    wherever that version is still empty. The other languages stay empty until someone writes them.
    """

    def forwards(apps: Any, schema_editor: Any) -> None:
        for model_name, names in fields.items():
            model = apps.get_model(app_label, model_name)
            for name in names:
                target = f"{name}_{language}"
                model._base_manager.filter(**{f"{target}__isnull": True}).update(**{target: F(name)})

    return forwards
