"""Edit forms that show a text's versions side by side: one field per language for each translated field.

A model form of a model with translated texts (its app's `translation.py`) mixes in
`ContentLanguagesForm`: each translated field of the form (`name`) becomes one field per content
language (`name_en`, `name_ru`, `name_uk`), the programme's main language first. Only the main
language's version is required, and only where the text itself is; each version is saved into its
own column, an empty one as "no version" (NULL), so the reader falls back as `steerco.core.content`
says. The template draws each text as a fieldset with a column per language (`core/_form.html`).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .content import current_main_language, fallback_order, has_value, localized_name, translated_fields


def language_name(code: str) -> str:
    return str(dict(settings.LANGUAGES).get(code, code))


@dataclass
class LanguageGroup:
    """One translated text of a form as the template draws it: a legend and a column per language."""

    name: str
    label: str
    help_text: str
    required: bool
    fields: list[forms.BoundField]

    @property
    def errors(self) -> bool:
        return any(field.errors for field in self.fields)


class ContentLanguagesForm(forms.ModelForm):
    """A model form whose translated fields are edited in every language at once."""

    main_language_note = gettext_lazy("main language")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.content_main_language = self.main_language()
        # The text's name -> its fields per language, in the order they are shown.
        self.language_fields: dict[str, list[str]] = {}
        self._group_of: dict[str, str] = {}
        self._groups: dict[str, tuple[str, str, bool]] = {}
        translated = set(translated_fields(self._meta.model))
        rebuilt: dict[str, forms.Field] = {}
        for name, field in self.fields.items():
            if name not in translated:
                rebuilt[name] = field
                continue
            self._groups[name] = (str(field.label or name), str(field.help_text or ""), field.required)
            names = []
            for code in fallback_order(self.content_main_language):
                localized = localized_name(name, code)
                version = copy.deepcopy(field)
                version.label = language_name(code)
                version.required = field.required and code == self.content_main_language
                version.help_text = self.main_language_note if code == self.content_main_language else ""
                version.widget.attrs["lang"] = code
                rebuilt[localized] = version
                self.initial.setdefault(localized, getattr(self.instance, localized, None))
                names.append(localized)
                self._group_of[localized] = name
            self.language_fields[name] = names
        self.fields = rebuilt
        self._take_plain_texts()

    def _take_plain_texts(self) -> None:
        """A submission that names a text without a language (a script, a page of before) writes the
        main language's version with it; the versions it does not name stay as they are."""
        if not self.is_bound or not self.language_fields:
            return
        plain = [name for name in self.language_fields if name in self.data]
        if not plain:
            return
        data: Any = self.data.copy()  # type: ignore[attr-defined]
        for name in plain:
            for localized in self.language_fields[name]:
                if localized == localized_name(name, self.content_main_language):
                    data[localized] = data[name]
                elif localized not in data:
                    kept = self.fields[localized].prepare_value(self.initial.get(localized))
                    data[localized] = "" if kept is None else kept
        self.data = data

    def main_language(self) -> str:
        """The language whose version is required: the programme's (set by the page), else English."""
        own = getattr(self.instance, "content_main_language", None)
        if callable(own) and self.instance.pk:
            return str(own())
        return current_main_language()

    def saved_main_language(self, cleaned_data: dict[str, Any]) -> str:
        """The main language the record will have once saved (a programme's form may change it)."""
        return self.content_main_language

    def language_group(self, name: str) -> LanguageGroup:
        label, help_text, required = self._groups[name]
        return LanguageGroup(
            name=name,
            label=label,
            help_text=help_text,
            required=required,
            fields=[self[localized] for localized in self.language_fields[name]],
        )

    def group_of(self, field_name: str) -> str | None:
        return self._group_of.get(field_name)

    def error_field(self, name: str | None) -> str | None:
        """Where an error about a text goes: at its version in the main language."""
        if name in self.language_fields:
            return localized_name(name, self.content_main_language)
        return name

    def add_error(self, field: str | None, error: Any) -> None:
        if field is None and isinstance(error, ValidationError) and hasattr(error, "error_dict"):
            error = ValidationError(
                {
                    (self.error_field(key) or NON_FIELD_ERRORS): value
                    for key, value in error.error_dict.items()
                }
            )
        elif field is None and isinstance(error, dict):
            error = {(self.error_field(key) or NON_FIELD_ERRORS): value for key, value in error.items()}
        super().add_error(self.error_field(field), error)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        main = self.saved_main_language(cleaned)
        if main != self.content_main_language:
            # The main language changes with this save: its versions become the required ones.
            for name, (_label, _help, required) in self._groups.items():
                localized = localized_name(name, main)
                if required and localized not in self.errors and not has_value(cleaned.get(localized)):
                    self.add_error(localized, forms.Field.default_error_messages["required"])
        return cleaned

    def _post_clean(self) -> None:
        for names in self.language_fields.values():
            for localized in names:
                if localized in self.cleaned_data:
                    value = self.cleaned_data[localized]
                    if has_value(value):
                        setattr(self.instance, localized, value)
                    elif has_value(getattr(self.instance, localized, None)):
                        # Emptied: no version in this language any more (an empty one stays as stored).
                        setattr(self.instance, localized, None)
        super()._post_clean()  # type: ignore[misc]

    def full_clean(self) -> None:
        super().full_clean()
        if not hasattr(self, "_errors") or self._errors is None:
            return
        # An error at one version says which text and which language it is about.
        for localized, errors in list(self._errors.items()):
            name = self._group_of.get(localized)
            if name is None:
                continue
            label = self._groups[name][0]
            language = language_name(localized.rsplit("_", 1)[1])
            self._errors[localized] = self.error_class(
                [
                    _("“%(field)s” (%(language)s): %(message)s")
                    % {"field": label[:1].upper() + label[1:], "language": language, "message": message}
                    for message in errors
                ],
                renderer=self.renderer,
            )
